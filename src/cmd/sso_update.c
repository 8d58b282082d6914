/* cmd/sso_update.c - `liftoff sso-update`: apply changed SSO settings
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"


static int run_sso_update(struct lo_invocation *inv)
{
	return cli_not_built(inv, _("Until then, run the release's scripts/update-sso-settings.sh."));
}

const struct lo_command cmd_sso_update = {
	.name = "sso-update",
	.summary = N_("apply changed SSO settings"),
	.synopsis = "",
	.options = NULL,
	.run = run_sso_update,
	.has_screen = false,
};
