/* creds_sso.c - IAM Identity Center (SSO) profiles, through the AWS CLI v2.
 *
 * A profile is an SSO profile when it has sso_account_id or sso_role_name
 * (botocore's SSOProvider rule).  liftoff does not read the SSO token
 * cache or speak the SSO portal API itself: it asks the installed AWS CLI
 * v2, `aws configure export-credentials --profile X --format process`,
 * whose output is credential_process JSON.  The CLI v1 has no such
 * command and no `aws sso login`, so `aws --version` is checked first and
 * a v1 gets a clear "version 2 is needed" instead of a usage error.  An
 * expired or missing SSO login is recognised in the CLI's stderr and
 * answered with the command that fixes it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/creds_internal.h"
#include "core/i18n.h"

bool creds_profile_is_sso(const struct creds_profile *p)
{
	return creds_profile_has(p, "sso_account_id") || creds_profile_has(p, "sso_role_name");
}

static char *install_hint(const char *profile)
{
	return xasprintf(_("Install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/"
			   "userguide/getting-started-install.html), run `aws sso login "
			   "--profile %s`, then run liftoff again."), profile);
}

/* Takes both strings over. */
static int sso_fail(lo_error *err, char *hint, char *message)
{
	lo_error_set(err, LO_EXIT_ENV, hint, "%s", message);
	free(hint);
	free(message);
	return CREDS_ERROR;
}

/* The CLI must be there and be version 2. */
static int sso_check_cli(const char *profile, lo_error *err)
{
	const char *argv[] = { "aws", "--version", NULL };
	struct creds_run r;
	bool missing;
	int rc = CREDS_FOUND;
	if (!creds_run(argv, &r, &missing, err)) {
		rc = sso_fail(err, install_hint(profile),
			      xasprintf(_("profile %s uses IAM Identity Center (SSO), which "
					  "needs the AWS CLI v2, but %s"), profile,
					missing ? _("`aws` is not installed")
						: _("`aws` cannot be run")));
	} else {
		/* v2 prints "aws-cli/2.x" on stdout; v1 printed on stderr. */
		strbuf all = STRBUF_INIT;
		sb_append(&all, sb_str(&r.out));
		sb_append(&all, sb_str(&r.err));
		const char *v = strstr(sb_str(&all), "aws-cli/");
		if (!v || !str_starts_with(v + 8, "2.")) {
			size_t n = v ? strcspn(v, " \n") : 0;
			char *found = v ? xstrndup(v, n) : xstrdup(_("an unknown version"));
			rc = sso_fail(err, install_hint(profile),
				      xasprintf(_("profile %s uses IAM Identity Center (SSO), "
						  "which needs the AWS CLI v2, but the installed "
						  "`aws` is %s"), profile, found));
			free(found);
		}
		sb_free(&all);
	}
	creds_run_free(&r);
	return rc;
}

static bool sso_expired(const char *stderr_text)
{
	static const char *const signs[] = {
		"expired", "sso login", "Token for", "does not exist", "UnauthorizedSSOToken",
		"invalid_grant", "not logged in",
	};
	for (size_t i = 0; i < sizeof signs / sizeof *signs; i++)
		if (strcasestr(stderr_text, signs[i]))
			return true;
	return false;
}

static int sso_result(const struct creds_profile *p, struct creds_run *r, aws_credentials *out,
		      lo_error *err)
{
	if (r->status != 0 && sso_expired(sb_str(&r->err))) {
		char *hint = xasprintf(_("Run `aws sso login --profile %s`, then run liftoff "
					 "again."), p->name);
		return sso_fail(err, hint,
				xasprintf(_("the IAM Identity Center (SSO) session of profile "
					    "%s has expired or was never started"), p->name));
	}
	if (r->status != 0) {
		char *ex = creds_safe_excerpt(sb_str(&r->err));
		int rc = sso_fail(err, NULL,
				  xasprintf(_("`aws configure export-credentials --profile %s` "
					      "failed: %s"), p->name, ex));
		free(ex);
		return rc;
	}
	char *what = xasprintf(_("the AWS CLI's credentials for SSO profile %s"), p->name);
	int rc = creds_from_json(sb_str(&r->out), r->out.len, "SessionToken", true, false, what,
				 out, err);
	free(what);
	if (rc != LO_EXIT_OK)
		return CREDS_ERROR;
	out->source = xasprintf("sso (profile %s)", p->name);
	return CREDS_FOUND;
}

int creds_from_sso(const struct creds_files *f, const struct creds_profile *p,
		   aws_credentials *out, lo_error *err)
{
	if (!creds_profile_is_sso(p))
		return CREDS_NONE;
	const char *session = creds_profile_get(p, "sso_session");
	if (session && !creds_files_sso_session(f, session)) {
		lo_error_set(err, LO_EXIT_ENV,
			     _("Run `aws configure sso` to set the profile up again."),
			     _("profile %s names sso_session %s, but %s has no [sso-session %s] "
			       "section"), p->name, session, f->config_path, session);
		return CREDS_ERROR;
	}
	int rc = sso_check_cli(p->name, err);
	if (rc != CREDS_FOUND)
		return rc;
	const char *argv[] = { "aws", "configure", "export-credentials", "--profile", p->name,
			       "--format", "process", NULL };
	struct creds_run r;
	bool missing;
	if (!creds_run(argv, &r, &missing, err))
		rc = CREDS_ERROR;
	else
		rc = sso_result(p, &r, out, err);
	creds_run_free(&r);
	return rc;
}
