/* check_openssl.c - tools.openssl: the release's scripts use openssl.
 * `openssl version` prints "OpenSSL 3.0.11 19 Sep 2023 (...)". */
#include "config.h"

#include "checks/tools.h"
#include "core/i18n.h"

static void on_openssl(struct check_run *run, const struct proc_result *res, void *arg)
{
	int v[3];
	(void)arg;
	if (!proc_succeeded(res)) {
		tool_fail(run, "openssl", "openssl", res);
		return;
	}
	if (tool_version_parse(res->out, NULL, v))
		check_complete(run, CHECK_PASS, NULL, _("OpenSSL %d.%d.%d"), v[0], v[1], v[2]);
	else
		check_complete(run, CHECK_PASS, NULL, _("openssl found (version not recognised)"));
}

void check_run_openssl(struct check_run *run)
{
	static const char *const argv[] = { "openssl", "version", NULL };
	check_spawn(run, argv, NULL, on_openssl, NULL, NULL);
}
