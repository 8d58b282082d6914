/* check_base64.c - tools.base64: the release's scripts encode with
 * base64.  Rather than trust a --version flag (BusyBox has none), the
 * check encodes a known string and compares the result. */
#include "config.h"

#include <string.h>

#include "checks/tools.h"
#include "core/i18n.h"

static void on_base64(struct check_run *run, const struct proc_result *res, void *arg)
{
	(void)arg;
	if (!proc_succeeded(res)) {
		tool_fail(run, "base64", "coreutils", res);
		return;
	}
	if (strncmp(res->out, "bGlmdG9mZg==", 12) != 0) {
		check_complete(run, CHECK_FAIL, _("Install GNU base64: apt-get install coreutils"),
			       _("base64 gave a wrong answer for a known input"));
		return;
	}
	check_complete(run, CHECK_PASS, NULL, _("base64 encodes correctly"));
}

void check_run_base64(struct check_run *run)
{
	static const char *const argv[] = { "base64", NULL };
	check_spawn(run, argv, "liftoff", on_base64, NULL, NULL);
}
