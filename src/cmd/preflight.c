/* cmd/preflight.c - `liftoff preflight`: run the pre-flight checks
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"

static const struct cli_option preflight_options[] = {
	{ "only", 0, true, "ID,...", N_("run only these checks") },
	{ NULL, 0, false, NULL, NULL },
};

static int run_preflight(struct lo_invocation *inv)
{
	return cli_not_built(inv, NULL);
}

const struct lo_command cmd_preflight = {
	.name = "preflight",
	.summary = N_("run the pre-flight checks"),
	.synopsis = "",
	.options = preflight_options,
	.run = run_preflight,
	.has_screen = false,
};
