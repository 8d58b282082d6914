/* cmd/install.c - `liftoff install`: the install wizard (the default on a terminal)
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"


static int run_install(struct lo_invocation *inv)
{
	return cli_not_built(inv, _("The wizard comes with a later release; verify, config, preflight and whoami work today."));
}

const struct lo_command cmd_install = {
	.name = "install",
	.summary = N_("the install wizard (the default on a terminal)"),
	.synopsis = "",
	.options = NULL,
	.run = run_install,
	.has_screen = true,
};
