/* creds_role.c - keys from the environment and the files, and STS roles.
 *
 * Static keys: the environment (botocore EnvProvider: AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, the token from AWS_SECURITY_TOKEN then
 * AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION), and a profile's
 * aws_access_key_id in either file.  An id without its secret is an
 * error, not a reason to look further (PartialCredentialsError).
 *
 * Assume role (botocore AssumeRoleProvider): a profile with role_arn and
 * no web_identity_token_file takes its source credentials from exactly
 * one of source_profile or credential_source (Environment,
 * Ec2InstanceMetadata, EcsContainer, spelled exactly).  A source profile
 * with keys of its own, or without a role, is read through the
 * profile part of the chain with the environment off; one with a role is
 * assumed in turn.  Loops are refused; a profile may name itself only
 * when it has static keys.  The session name defaults to
 * "liftoff-<epoch>" (botocore says "botocore-session-<epoch>"), so
 * CloudTrail shows which tool asked.  mfa_serial asks the UI's prompt; with
 * no prompt (non-interactive) the profile is refused with a clear message.
 *
 * Web identity (botocore AssumeRoleWithWebIdentityProvider): each of the
 * token file, role ARN and session name comes from AWS_WEB_IDENTITY_TOKEN_FILE,
 * AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME unless --profile was given, else from
 * the profile's web_identity_token_file, role_arn, role_session_name.
 *
 * STS itself is the AWS client's: it is reached through ctx->sts. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/creds_internal.h"
#include "core/i18n.h"

/* ---- static keys ---- */

static const char *env_nonempty(const char *name)
{
	const char *v = getenv(name);
	return str_empty(v) ? NULL : v;
}

int creds_from_env(aws_credentials *out, lo_error *err)
{
	const char *id = env_nonempty("AWS_ACCESS_KEY_ID");
	if (!id)
		return CREDS_NONE;
	const char *key = env_nonempty("AWS_SECRET_ACCESS_KEY");
	if (!key) {
		lo_error_set(err, LO_EXIT_ENV, _("Set both variables, or unset AWS_ACCESS_KEY_ID."),
			     "%s", _("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
		return CREDS_ERROR;
	}
	const char *exp = env_nonempty("AWS_CREDENTIAL_EXPIRATION");
	time_t when = 0;
	if (exp && !creds_parse_time(exp, &when)) {
		lo_error_set(err, LO_EXIT_ENV, NULL, "%s",
			     _("AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time"));
		return CREDS_ERROR;
	}
	const char *token = env_nonempty("AWS_SECURITY_TOKEN");
	if (!token)
		token = env_nonempty("AWS_SESSION_TOKEN");
	memset(out, 0, sizeof *out);
	out->access_key_id = xstrdup(id);
	out->secret_access_key = secret_from_str(key);
	out->session_token = secret_from_str(token);
	out->expiration = when;
	out->source = xstrdup("environment");
	return CREDS_FOUND;
}

int creds_from_static(const struct creds_profile *p, bool credentials_file,
		      aws_credentials *out, lo_error *err)
{
	const struct ini_section *sec = credentials_file ? p->credentials : p->config;
	const struct ini_entry *id = ini_entry_find(sec, "aws_access_key_id");
	if (!id)
		return CREDS_NONE;
	const struct ini_entry *key = ini_entry_find(sec, "aws_secret_access_key");
	if (str_empty(id->value) || !key || secret_is_empty(key->secret)) {
		lo_error_set(err, LO_EXIT_ENV, NULL,
			     _("profile %s in the %s file has aws_access_key_id but no "
			       "aws_secret_access_key"), p->name,
			     credentials_file ? _("credentials") : _("config"));
		return CREDS_ERROR;
	}
	const struct ini_entry *token = ini_entry_find(sec, "aws_security_token");
	if (!token)
		token = ini_entry_find(sec, "aws_session_token");
	memset(out, 0, sizeof *out);
	out->access_key_id = xstrdup(id->value);
	out->secret_access_key = secret_dup(key->secret);
	out->session_token = token && !secret_is_empty(token->secret) ? secret_dup(token->secret)
								    : NULL;
	out->source = xasprintf("%s (profile %s)",
				credentials_file ? "shared-credentials-file" : "config-file",
				p->name);
	return CREDS_FOUND;
}

/* ---- calling STS ---- */

static char *session_name(const char *configured)
{
	return configured ? xstrdup(configured) : xasprintf("liftoff-%lld", (long long)creds_now());
}

static int sts_call(const struct creds_role_ctx *ctx, struct sts_assume_request *req,
		    const char *profile, aws_credentials *out, lo_error *err)
{
	if (!ctx->sts) {
		lo_error_set(err, LO_EXIT_ENV, NULL,
			     _("cannot assume role %s for profile %s: no STS client is available "
			       "(a bug in liftoff)"), req->role_arn, profile);
		return CREDS_ERROR;
	}
	req->region = ctx->region;
	memset(out, 0, sizeof *out);
	if (err)
		lo_error_clear(err);
	if (ctx->sts(ctx->sts_ctx, req, out, err) != 0 || !out->access_key_id) {
		aws_credentials_free(out);
		if (err && !lo_error_is_set(err))
			lo_error_set(err, LO_EXIT_ENV, NULL, _("STS could not assume role %s"),
				     req->role_arn);
		return CREDS_ERROR;
	}
	return CREDS_FOUND;
}

/* ---- web identity ---- */

static const char *web_config(const struct creds_role_ctx *ctx, const struct creds_profile *p,
			      bool env_allowed, const char *env, const char *key)
{
	const char *v = env_allowed && !ctx->explicit_profile ? getenv(env) : NULL;
	return v ? v : p ? creds_profile_get(p, key) : NULL;
}

static lo_secret *read_web_token(const char *path, lo_error *err)
{
	lo_secret *s = secret_read_file(path, false);
	if (!s)
		lo_error_set(err, LO_EXIT_ENV, NULL,
			     _("cannot read the web identity token file %s: %s"), path,
			     strerror(errno));
	return s;
}

static int web_identity(const struct creds_role_ctx *ctx, const struct creds_profile *p,
			bool env_allowed, aws_credentials *out, lo_error *err)
{
	const char *file = web_config(ctx, p, env_allowed, "AWS_WEB_IDENTITY_TOKEN_FILE",
				      "web_identity_token_file");
	if (str_empty(file))
		return CREDS_NONE;
	const char *arn = web_config(ctx, p, env_allowed, "AWS_ROLE_ARN", "role_arn");
	if (str_empty(arn)) {
		lo_error_set(err, LO_EXIT_ENV, _("Set AWS_ROLE_ARN, or role_arn in the profile."),
			     "%s", _("web identity is configured (a token file is set) but no role "
				     "ARN is"));
		return CREDS_ERROR;
	}
	lo_secret *token = read_web_token(file, err);
	if (!token)
		return CREDS_ERROR;
	char *name = session_name(web_config(ctx, p, env_allowed, "AWS_ROLE_SESSION_NAME",
					     "role_session_name"));
	struct sts_assume_request req = {
		.web_identity = true,
		.role_arn = arn,
		.role_session_name = name,
		.web_identity_token = token,
	};
	int rc = sts_call(ctx, &req, p ? p->name : "default", out, err);
	if (rc == CREDS_FOUND) {
		free(out->source);
		out->source = xstrdup("web-identity");
	}
	free(name);
	secret_free(token);
	return rc;
}

int creds_from_web_identity(const struct creds_role_ctx *ctx, const struct creds_profile *p,
			    aws_credentials *out, lo_error *err)
{
	return web_identity(ctx, p, true, out, err);
}

/* ---- the profile part of the chain ---- */

int creds_from_profile_chain(const struct creds_role_ctx *ctx, const struct creds_profile *p,
			     aws_credentials *out, lo_error *err)
{
	int rc = web_identity(ctx, p, false, out, err);
	if (rc == CREDS_NONE)
		rc = creds_from_sso(ctx->files, p, out, err);
	if (rc == CREDS_NONE)
		rc = creds_from_static(p, true, out, err);
	if (rc == CREDS_NONE)
		rc = creds_from_process(p, out, err);
	if (rc == CREDS_NONE)
		rc = creds_from_static(p, false, out, err);
	return rc;
}

/* ---- assume role ---- */

bool creds_profile_is_role(const struct creds_profile *p)
{
	return creds_profile_has(p, "role_arn") && !creds_profile_has(p, "web_identity_token_file");
}

static bool has_static(const struct creds_profile *p)
{
	return creds_profile_has(p, "aws_access_key_id") ||
	       creds_profile_has(p, "aws_secret_access_key");
}

struct visited {
	const char *names[16];
	size_t n;
};

static bool visited_has(const struct visited *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return true;
	return false;
}

static int assume(const struct creds_role_ctx *ctx, const struct creds_profile *p,
		  struct visited *v, aws_credentials *out, lo_error *err);

static int role_fail(lo_error *err, const char *hint, char *message)
{
	lo_error_set(err, LO_EXIT_ENV, hint, "%s", message);
	free(message);
	return CREDS_ERROR;
}

static int source_from_named(const struct creds_profile *p, const char *source,
			     aws_credentials *out, lo_error *err)
{
	int rc;
	if (strcmp(source, "Environment") == 0)
		rc = creds_from_env(out, err);
	else if (strcmp(source, "Ec2InstanceMetadata") == 0)
		rc = creds_from_imds(p, out, err);
	else if (strcmp(source, "EcsContainer") == 0)
		rc = creds_from_container(out, err);
	else
		return role_fail(err, _("Use Environment, Ec2InstanceMetadata or EcsContainer."),
				 xasprintf(_("the credential_source \"%s\" of profile %s is not "
					     "valid"), source, p->name));
	if (rc == CREDS_NONE)
		return role_fail(err, NULL,
				 xasprintf(_("no credentials found in credential_source %s of "
					     "profile %s"), source, p->name));
	return rc;
}

static int source_from_profile(const struct creds_role_ctx *ctx, const char *parent,
			       const char *name, struct visited *v, aws_credentials *out,
			       lo_error *err)
{
	struct creds_profile sp;
	if (!creds_files_profile(ctx->files, name, &sp))
		return role_fail(err, NULL, xasprintf(_("the source_profile %s of profile %s does "
							"not exist"), name, parent));
	if (visited_has(v, name) && (strcmp(name, parent) != 0 || !has_static(&sp)))
		return role_fail(err, NULL, xasprintf(_("profile %s: source_profile %s makes a "
							"loop"), parent, name));
	if (v->n == sizeof v->names / sizeof *v->names)
		return role_fail(err, NULL, xasprintf(_("profile %s: source_profile chain is too "
							"long"), parent));
	v->names[v->n++] = name;
	if (has_static(&sp) || !creds_profile_is_role(&sp)) {
		int rc = creds_from_profile_chain(ctx, &sp, out, err);
		if (rc == CREDS_NONE)
			return role_fail(err, NULL, xasprintf(_("the source profile %s must have "
								"credentials"), name));
		return rc;
	}
	return assume(ctx, &sp, v, out, err);
}

static int mfa_code(const struct creds_role_ctx *ctx, const char *profile, const char *serial,
		    char **code, lo_error *err)
{
	if (!ctx->opts || !ctx->opts->mfa_prompt)
		return role_fail(err, NULL,
				 xasprintf(_("profile %s needs an MFA code (mfa_serial %s); "
					     "run liftoff on a terminal, or use credentials that "
					     "need no MFA"), profile, serial));
	*code = ctx->opts->mfa_prompt(ctx->opts->mfa_arg, serial);
	if (!*code)
		return role_fail(err, NULL, xasprintf(_("no MFA code was entered for profile %s"),
						      profile));
	return CREDS_FOUND;
}

static int assume(const struct creds_role_ctx *ctx, const struct creds_profile *p,
		  struct visited *v, aws_credentials *out, lo_error *err)
{
	const char *arn = creds_profile_get(p, "role_arn");
	const char *sprof = creds_profile_get(p, "source_profile");
	const char *named = creds_profile_get(p, "credential_source");
	if (sprof && named)
		return role_fail(err, _("Keep one of the two."),
				 xasprintf(_("profile %s has both source_profile and "
					     "credential_source"), p->name));
	if (!sprof && !named)
		return role_fail(err, _("Add source_profile or credential_source to the profile."),
				 xasprintf(_("profile %s has role_arn but neither source_profile "
					     "nor credential_source"), p->name));
	aws_credentials src = { 0 };
	int rc = named ? source_from_named(p, named, &src, err)
		       : source_from_profile(ctx, p->name, sprof, v, &src, err);
	if (rc != CREDS_FOUND)
		return rc;
	const char *serial = creds_profile_get(p, "mfa_serial");
	char *code = NULL;
	if (serial)
		rc = mfa_code(ctx, p->name, serial, &code, err);
	if (rc == CREDS_FOUND) {
		const char *dur = creds_profile_get(p, "duration_seconds");
		char *name = session_name(creds_profile_get(p, "role_session_name"));
		struct sts_assume_request req = {
			.role_arn = arn,
			.role_session_name = name,
			.external_id = creds_profile_get(p, "external_id"),
			.duration_seconds = dur ? atoi(dur) : 0,
			.mfa_serial = serial,
			.mfa_code = code,
			.source = &src,
		};
		rc = sts_call(ctx, &req, p->name, out, err);
		free(name);
	}
	if (rc == CREDS_FOUND) {
		free(out->source);
		out->source = xasprintf("assume-role (profile %s via %s)", p->name,
					sprof ? sprof : named);
	}
	if (code)
		secret_wipe(code, strlen(code));
	free(code);
	aws_credentials_free(&src);
	return rc;
}

int creds_from_role(const struct creds_role_ctx *ctx, const struct creds_profile *p,
		    aws_credentials *out, lo_error *err)
{
	if (!creds_profile_is_role(p))
		return CREDS_NONE;
	struct visited v = { .names = { p->name }, .n = 1 };
	return assume(ctx, p, &v, out, err);
}
