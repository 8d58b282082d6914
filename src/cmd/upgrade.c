/* cmd/upgrade.c - `liftoff upgrade`: guided upgrade to a new release
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"


static int run_upgrade(struct lo_invocation *inv)
{
	return cli_not_built(inv, _("Upgrades come with a later release."));
}

const struct lo_command cmd_upgrade = {
	.name = "upgrade",
	.summary = N_("guided upgrade to a new release"),
	.synopsis = "",
	.options = NULL,
	.run = run_upgrade,
	.has_screen = true,
};
