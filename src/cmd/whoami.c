/* cmd/whoami.c - `liftoff whoami`: the AWS identity liftoff will use
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"


static int run_whoami(struct lo_invocation *inv)
{
	return cli_not_built(inv, NULL);
}

const struct lo_command cmd_whoami = {
	.name = "whoami",
	.summary = N_("the AWS identity liftoff will use"),
	.synopsis = "",
	.options = NULL,
	.run = run_whoami,
	.has_screen = false,
};
