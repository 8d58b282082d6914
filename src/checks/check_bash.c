/* check_bash.c - tools.bash: install.sh is a bash script.  Runs
 * `bash --version` and shows the version it found. */
#include "config.h"

#include "checks/tools.h"
#include "core/i18n.h"

static void on_bash(struct check_run *run, const struct proc_result *res, void *arg)
{
	int v[3];
	(void)arg;
	if (!proc_succeeded(res)) {
		tool_fail(run, "bash", "bash", res);
		return;
	}
	if (tool_version_parse(res->out, "version ", v))
		check_complete(run, CHECK_PASS, NULL, _("bash %d.%d.%d"), v[0], v[1], v[2]);
	else
		check_complete(run, CHECK_PASS, NULL, _("bash found (version not recognised)"));
}

void check_run_bash(struct check_run *run)
{
	static const char *const argv[] = { "bash", "--version", NULL };
	check_spawn(run, argv, NULL, on_bash, NULL, NULL);
}
