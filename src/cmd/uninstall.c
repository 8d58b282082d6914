/* cmd/uninstall.c - `liftoff uninstall`: guided uninstall
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"


static int run_uninstall(struct lo_invocation *inv)
{
	return cli_not_built(inv, _("Until then, run the release's uninstall.sh."));
}

const struct lo_command cmd_uninstall = {
	.name = "uninstall",
	.summary = N_("guided uninstall"),
	.synopsis = "",
	.options = NULL,
	.run = run_uninstall,
	.has_screen = false,
};
