/* check_aws_cli.c - tools.aws-cli: install.sh needs AWS CLI version 2.
 *
 * `aws --version` prints "aws-cli/2.15.0 Python/3.11.6 Linux/..." (v1
 * prints the same shape, on stderr with older Pythons, so both streams
 * are read).  v1 is a FAIL: its output and options differ from v2's in
 * ways the release's scripts rely on.  The version found is always shown. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/tools.h"
#include "core/i18n.h"

#define AWS_CLI_INSTALL_HINT \
	N_("Install AWS CLI version 2 with AWS's own installer (AWS CLI user guide: " \
	   "\"Install or update the AWS CLI\") and put it first on PATH.")

static void on_aws(struct check_run *run, const struct proc_result *res, void *arg)
{
	int v[3];
	(void)arg;
	if (!proc_succeeded(res)) {
		char *how = proc_describe(res);
		check_complete(run, CHECK_FAIL, _(AWS_CLI_INSTALL_HINT), "aws: %s", how);
		free(how);
		return;
	}
	bool found = tool_version_parse(res->out, "aws-cli/", v) ||
		     tool_version_parse(res->err, "aws-cli/", v);
	if (!found) {
		char *line = tool_first_line(res);
		check_complete(run, CHECK_FAIL, _(AWS_CLI_INSTALL_HINT),
			       _("`aws --version` printed something unexpected: %s"), line);
		free(line);
		return;
	}
	char *ver = xasprintf("%d.%d.%d", v[0], v[1], v[2]);
	check_set_data(run, json_pack("{s:s}", "version", ver));
	if (v[0] == 2)
		check_complete(run, CHECK_PASS, NULL, _("AWS CLI %s"), ver);
	else if (v[0] > 2)
		check_complete(run, CHECK_WARN, NULL,
			       _("AWS CLI %s is newer than version 2, which install.sh was written for"),
			       ver);
	else
		check_complete(run, CHECK_FAIL, _(AWS_CLI_INSTALL_HINT),
			       _("AWS CLI %s found; install.sh needs AWS CLI version 2"), ver);
	free(ver);
}

void check_run_aws_cli(struct check_run *run)
{
	static const char *const argv[] = { "aws", "--version", NULL };
	check_spawn(run, argv, NULL, on_aws, NULL, NULL);
}
