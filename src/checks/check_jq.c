/* check_jq.c - tools.jq: install.sh edits JSON with jq, version 1.6 or
 * later.  `jq --version` prints "jq-1.6" (or "jq-1.7.1"). */
#include "config.h"

#include <stdlib.h>

#include "checks/tools.h"
#include "core/i18n.h"

static void on_jq(struct check_run *run, const struct proc_result *res, void *arg)
{
	static const int need[3] = { 1, 6, 0 };
	int v[3];
	(void)arg;
	if (!proc_succeeded(res)) {
		tool_fail(run, "jq", "jq", res);
		return;
	}
	char *line = tool_first_line(res);
	if (!tool_version_parse(line, NULL, v)) {
		check_complete(run, CHECK_FAIL, _("Install it: apt-get install jq"),
			       _("`jq --version` printed something unexpected: %s"), line);
	} else if (tool_version_cmp(v, need) < 0) {
		check_complete(run, CHECK_FAIL,
			       _("Install jq 1.6 or later: apt-get install jq (Debian 10 and "
				 "later ship it), and make sure it comes first on PATH."),
			       _("jq %d.%d found; install.sh needs 1.6 or later"), v[0], v[1]);
	} else {
		check_set_data(run, json_pack("{s:s}", "version", line + (line[0] == 'j' ? 3 : 0)));
		check_complete(run, CHECK_PASS, NULL, _("jq %s"), line + (line[0] == 'j' ? 3 : 0));
	}
	free(line);
}

void check_run_jq(struct check_run *run)
{
	static const char *const argv[] = { "jq", "--version", NULL };
	check_spawn(run, argv, NULL, on_jq, NULL, NULL);
}
