/* cmd/config.c - `liftoff config`: validate | show | init the config file
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"

static const struct cli_option config_options[] = {
	{ "diff", 0, true, "OLD", N_("with show: the differences from OLD") },
	{ "force", 0, false, NULL, N_("with init: overwrite an existing file") },
	{ NULL, 0, false, NULL, NULL },
};

static int run_config(struct lo_invocation *inv)
{
	return cli_not_built(inv, NULL);
}

const struct lo_command cmd_config = {
	.name = "config",
	.summary = N_("validate | show | init the config file"),
	.synopsis = "validate|show|init",
	.options = config_options,
	.run = run_config,
	.has_screen = false,
};
