/* cmd/status.c - `liftoff status`: read-only dashboard of an installation
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"


static int run_status(struct lo_invocation *inv)
{
	return cli_not_built(inv, _("The dashboard comes with a later release."));
}

const struct lo_command cmd_status = {
	.name = "status",
	.summary = N_("read-only dashboard of an installation"),
	.synopsis = "",
	.options = NULL,
	.run = run_status,
	.has_screen = true,
};
