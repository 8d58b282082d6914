/* creds.c - the credential chain (see creds.h).
 *
 * FIRST CUT: only environment credentials and the region from --region or
 * the environment are implemented here; the rest of the chain is being
 * built (issue 4).  Every missing source fails with a clear message; none
 * pretends to succeed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/creds.h"
#include "core/i18n.h"

struct creds_chain {
	char *profile;
	char *region;
	creds_sts_call sts;
	void *sts_ctx;
};

static char *first_env(const char *a, const char *b)
{
	const char *v = getenv(a);
	if (str_empty(v) && b)
		v = getenv(b);
	return str_empty(v) ? NULL : xstrdup(v);
}

creds_chain *creds_chain_new(const struct creds_options *opts)
{
	creds_chain *c = xcalloc(1, sizeof *c);
	c->profile = opts && opts->profile ? xstrdup(opts->profile) : first_env("AWS_PROFILE", NULL);
	if (!c->profile)
		c->profile = xstrdup("default");
	c->region = opts && opts->region ? xstrdup(opts->region)
					 : first_env("AWS_REGION", "AWS_DEFAULT_REGION");
	return c;
}

void creds_chain_free(creds_chain *chain)
{
	if (!chain)
		return;
	free(chain->profile);
	free(chain->region);
	free(chain);
}

void creds_chain_set_sts(creds_chain *chain, creds_sts_call call, void *ctx)
{
	chain->sts = call;
	chain->sts_ctx = ctx;
}

int creds_chain_get(creds_chain *chain, aws_credentials *out, bool force_refresh, lo_error *err)
{
	memset(out, 0, sizeof *out);
	const char *id = getenv("AWS_ACCESS_KEY_ID"), *key = getenv("AWS_SECRET_ACCESS_KEY");
	if (str_empty(id) || str_empty(key)) {
		lo_error_set(err, LO_EXIT_ENV,
			     _("Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; other credential sources are not built yet."),
			     "%s", _("no AWS credentials found"));
		return LO_EXIT_ENV;
	}
	out->access_key_id = xstrdup(id);
	out->secret_access_key = secret_from_str(key);
	const char *token = getenv("AWS_SESSION_TOKEN");
	out->session_token = str_empty(token) ? NULL : secret_from_str(token);
	out->source = xstrdup("environment");
	return LO_EXIT_OK;
}

const char *creds_chain_region(creds_chain *chain)
{
	return chain->region;
}

const char *creds_chain_profile(creds_chain *chain)
{
	return chain->profile;
}

const char *creds_chain_profile_value(creds_chain *chain, const char *key)
{
	return NULL;
}

const char *creds_chain_service_endpoint(creds_chain *chain, const char *service_key)
{
	return NULL;
}
