/* creds.c - the credential chain (see creds.h).
 *
 * The order is botocore's create_credential_resolver, which is what AWS
 * CLI users rely on:
 *
 *   1. environment keys, skipped when --profile names a profile (an
 *      explicit profile beats the environment; AWS_PROFILE does not, so
 *      with AWS_PROFILE set, environment keys still win, as in the CLI)
 *   2. assume role: the profile's role_arn (creds_role.c)
 *   3. web identity: environment, then the profile
 *   4. IAM Identity Center (SSO) profiles, through the AWS CLI v2
 *   5. the shared credentials file's keys for the profile
 *   6. the profile's credential_process
 *   7. the config file's keys for the profile
 *   8. ECS container credentials
 *   9. EC2 instance metadata (IMDSv2)
 *
 * A source that is configured but fails stops the chain with its error,
 * as botocore's providers raise; only "not configured here" moves on.
 * The profile is --profile, then AWS_PROFILE, then AWS_DEFAULT_PROFILE
 * (botocore reads the last two the other way round; the CLI documents
 * only AWS_PROFILE), then "default"; a profile named explicitly must
 * exist in one of the files (botocore's ProfileNotFound).
 *
 * Refresh: the answer is cached.  Credentials that expire are fetched
 * again (by walking the chain again) when less than 15 minutes remain
 * (botocore's advisory window); if that fails while more than 10 minutes
 * remain (the mandatory window), the cached ones are still used.
 * force_refresh always asks again.  Credentials that are already expired
 * when fetched are an error naming their source.  botocore also refuses
 * fresh credentials that live less than 10 minutes; we accept them, and
 * shrink both windows to a half and a quarter of their lifetime, so that
 * a helper handing out 5-minute keys is not run on every request.
 *
 * Files are read once, when the chain is made; a parse error is kept and
 * reported by creds_chain_get. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/creds_internal.h"
#include "core/i18n.h"
#include "core/log.h"

struct creds_chain {
	char *profile;
	bool explicit_profile;       /* --profile: environment keys are skipped */
	bool named_profile;          /* --profile or the environment: must exist */
	char *region;
	struct creds_options opts;   /* profile and region point at the copies above */
	creds_sts_call sts;
	void *sts_ctx;
	struct creds_files files;
	lo_error load_err;
	bool have;
	aws_credentials cached;
	time_t advisory_at;          /* refresh from here on; keep the old on failure */
	time_t mandatory_at;         /* refresh from here on, or fail */
};

static char *first_env(const char *const names[])
{
	for (; *names; names++) {
		const char *v = getenv(*names);
		if (!str_empty(v))
			return xstrdup(v);
	}
	return NULL;
}

static void chain_pick_profile(creds_chain *c, const struct creds_options *opts)
{
	static const char *const env[] = { "AWS_PROFILE", "AWS_DEFAULT_PROFILE", NULL };
	c->explicit_profile = opts && !str_empty(opts->profile);
	c->profile = c->explicit_profile ? xstrdup(opts->profile) : first_env(env);
	c->named_profile = c->profile != NULL;
	if (!c->profile)
		c->profile = xstrdup("default");
}

static void chain_pick_region(creds_chain *c, const struct creds_options *opts)
{
	static const char *const env[] = { "AWS_REGION", "AWS_DEFAULT_REGION", NULL };
	if (opts && !str_empty(opts->region))
		c->region = xstrdup(opts->region);
	else
		c->region = first_env(env);
	struct creds_profile p;
	if (!c->region && !lo_error_is_set(&c->load_err) &&
	    creds_files_profile(&c->files, c->profile, &p)) {
		const char *r = creds_profile_get(&p, "region");
		c->region = str_empty(r) ? NULL : xstrdup(r);
	}
}

creds_chain *creds_chain_new(const struct creds_options *opts)
{
	creds_chain *c = xcalloc(1, sizeof *c);
	chain_pick_profile(c, opts);
	creds_files_load(&c->files, &c->load_err);
	chain_pick_region(c, opts);
	if (opts)
		c->opts = *opts;
	c->opts.profile = c->profile;
	c->opts.region = c->region;
	return c;
}

void creds_chain_free(creds_chain *chain)
{
	if (!chain)
		return;
	aws_credentials_free(&chain->cached);
	creds_files_free(&chain->files);
	lo_error_clear(&chain->load_err);
	free(chain->profile);
	free(chain->region);
	free(chain);
}

void creds_chain_set_sts(creds_chain *chain, creds_sts_call call, void *ctx)
{
	chain->sts = call;
	chain->sts_ctx = ctx;
}

/* ---- walking the chain ---- */

static int chain_no_credentials(creds_chain *c, lo_error *err)
{
	lo_error_set(err, LO_EXIT_ENV,
		     _("Configure credentials with `aws configure` (or `aws configure sso`), "
		       "choose a profile with --profile or AWS_PROFILE, or set "
		       "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for "
		       "temporary keys)."),
		     _("no AWS credentials found (profile %s)"), c->profile);
	return CREDS_ERROR;
}

/* One walk of the chain: the chain, its profile, and what roles need. */
struct walk {
	creds_chain *c;
	struct creds_profile p;
	struct creds_role_ctx ctx;
};

static int walk_env(const struct walk *w, aws_credentials *out, lo_error *err)
{
	return w->c->explicit_profile ? CREDS_NONE : creds_from_env(out, err);
}

static int walk_role(const struct walk *w, aws_credentials *out, lo_error *err)
{
	return creds_from_role(&w->ctx, &w->p, out, err);
}

static int walk_web_identity(const struct walk *w, aws_credentials *out, lo_error *err)
{
	return creds_from_web_identity(&w->ctx, &w->p, out, err);
}

static int walk_sso(const struct walk *w, aws_credentials *out, lo_error *err)
{
	return creds_from_sso(&w->c->files, &w->p, out, err);
}

static int walk_credentials_file(const struct walk *w, aws_credentials *out, lo_error *err)
{
	return creds_from_static(&w->p, true, out, err);
}

static int walk_process(const struct walk *w, aws_credentials *out, lo_error *err)
{
	return creds_from_process(&w->p, out, err);
}

static int walk_config_file(const struct walk *w, aws_credentials *out, lo_error *err)
{
	return creds_from_static(&w->p, false, out, err);
}

static int walk_container(const struct walk *w, aws_credentials *out, lo_error *err)
{
	(void)w;
	return creds_from_container(out, err);
}

static int walk_imds(const struct walk *w, aws_credentials *out, lo_error *err)
{
	return creds_from_imds(&w->p, out, err);
}

/* The chain, in botocore's order (see the note at the top). */
static const struct chain_source {
	const char *name;
	int (*get)(const struct walk *w, aws_credentials *out, lo_error *err);
} chain_sources[] = {
	{ "environment", walk_env },
	{ "assume-role", walk_role },
	{ "web-identity", walk_web_identity },
	{ "sso", walk_sso },
	{ "shared-credentials-file", walk_credentials_file },
	{ "credential-process", walk_process },
	{ "config-file", walk_config_file },
	{ "container-role", walk_container },
	{ "instance-metadata", walk_imds },
};

static int chain_walk(creds_chain *c, aws_credentials *out, lo_error *err)
{
	struct walk w = {
		.c = c,
		.ctx = {
			.files = &c->files,
			.opts = &c->opts,
			.sts = c->sts,
			.sts_ctx = c->sts_ctx,
			.region = c->region,
			.explicit_profile = c->explicit_profile,
		},
	};
	creds_files_profile(&c->files, c->profile, &w.p);
	for (size_t i = 0; i < sizeof chain_sources / sizeof *chain_sources; i++) {
		log_trace("credentials: trying %s (profile %s)", chain_sources[i].name, c->profile);
		int rc = chain_sources[i].get(&w, out, err);
		if (rc != CREDS_NONE)
			return rc;
	}
	return chain_no_credentials(c, err);
}

static int chain_check_fresh(aws_credentials *out, lo_error *err)
{
	if (!out->expiration || out->expiration > creds_now())
		return CREDS_FOUND;
	char when[32];
	struct tm tm;
	gmtime_r(&out->expiration, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	lo_error_set(err, LO_EXIT_ENV, _("Renew the credentials at their source, then try again."),
		     _("the credentials from %s expired at %s"), out->source ? out->source : "?",
		     when);
	aws_credentials_free(out);
	return CREDS_ERROR;
}

static time_t min_time(time_t a, time_t b)
{
	return a < b ? a : b;
}

static void chain_set_windows(creds_chain *c)
{
	time_t exp = c->cached.expiration, life = exp - creds_now();
	if (!exp) {
		c->advisory_at = c->mandatory_at = 0;
		return;
	}
	c->advisory_at = exp - min_time(CREDS_ADVISORY_REFRESH, life / 2);
	c->mandatory_at = exp - min_time(CREDS_MANDATORY_REFRESH, life / 4);
}

static bool chain_due(time_t at, time_t now)
{
	return at != 0 && now >= at;
}

static int chain_fetch(creds_chain *c, lo_error *err)
{
	if (lo_error_is_set(&c->load_err)) {
		lo_error_set(err, c->load_err.code, c->load_err.hint, "%s", c->load_err.message);
		return CREDS_ERROR;
	}
	struct creds_profile p;
	if (c->named_profile && !creds_files_profile(&c->files, c->profile, &p)) {
		char *hint = xasprintf(_("Check --profile and AWS_PROFILE, or add the profile with "
					 "`aws configure --profile %s` (files: %s, %s)."),
				       c->profile, c->files.config_path, c->files.credentials_path);
		lo_error_set(err, LO_EXIT_ENV, hint,
			     _("the config profile (%s) could not be found"), c->profile);
		free(hint);
		return CREDS_ERROR;
	}
	aws_credentials fresh = { 0 };
	int rc = chain_walk(c, &fresh, err);
	if (rc == CREDS_FOUND)
		rc = chain_check_fresh(&fresh, err);
	if (rc != CREDS_FOUND)
		return rc;
	aws_credentials_free(&c->cached);
	c->cached = fresh;
	c->have = true;
	chain_set_windows(c);
	log_debug("credentials from %s", c->cached.source);
	return CREDS_FOUND;
}

int creds_chain_get(creds_chain *chain, aws_credentials *out, bool force_refresh, lo_error *err)
{
	memset(out, 0, sizeof *out);
	time_t now = creds_now();
	bool stale = !chain->have || force_refresh || chain_due(chain->advisory_at, now);
	if (stale) {
		lo_error e = LO_ERROR_INIT;
		int rc = chain_fetch(chain, &e);
		bool usable = chain->have && !force_refresh && !chain_due(chain->mandatory_at, now);
		if (rc != CREDS_FOUND && usable)
			log_warn(_("refreshing the AWS credentials failed; using the current ones "
				   "while they last: %s"), e.message ? e.message : "?");
		if (rc != CREDS_FOUND && !usable) {
			int code = e.code ? e.code : LO_EXIT_ENV;
			if (err) {
				lo_error_clear(err);
				*err = e;
			} else {
				lo_error_clear(&e);
			}
			return code;
		}
		lo_error_clear(&e);
	}
	aws_credentials_copy(out, &chain->cached);
	return LO_EXIT_OK;
}

/* ---- region, profile and its settings ---- */

const char *creds_chain_region(creds_chain *chain)
{
	return chain->region;
}

const char *creds_chain_profile(creds_chain *chain)
{
	return chain->profile;
}

/* botocore's scoped config: the profile's config-file section with the
 * credentials file's section of the same name merged over it.  Keys that
 * hold secrets are never returned. */
const char *creds_chain_profile_value(creds_chain *chain, const char *key)
{
	struct creds_profile p;
	if (!creds_files_profile(&chain->files, chain->profile, &p))
		return NULL;
	return creds_profile_get(&p, key);
}

/* The profile's `services = NAME` names a [services NAME] section whose
 * nested blocks are per service: `sts =` then `endpoint_url = ...`. */
const char *creds_chain_service_endpoint(creds_chain *chain, const char *service_key)
{
	const char *name = creds_chain_profile_value(chain, "services");
	const struct ini_section *sec = name ? creds_files_services(&chain->files, name) : NULL;
	if (!sec)
		return NULL;
	char *key = xstrdup(service_key);
	for (char *k = key; *k; k++)
		*k = (char)(*k >= 'A' && *k <= 'Z' ? *k - 'A' + 'a' : *k);
	const char *v = ini_nested_value(ini_entry_find(sec, key), "endpoint_url");
	free(key);
	return v;
}
