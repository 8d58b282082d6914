/* check_sso.c - sso.oidc and sso.saml: fetch what the identity provider
 * publishes and judge it (eval_oidc, eval_saml_metadata).  Only the one
 * sso_config.sso_type selects runs; the other is a SKIP.
 *
 * OIDC: GET <identity_provider_host>/.well-known/openid-configuration.
 * SAML: with saml_args.dynamic, metadata is a URL to GET; otherwise it is
 * the XML itself.  Fetches are unsigned HTTPS GETs on the loop
 * (http_get.c: TLS verified, 10 s or the tool timeout, whichever is
 * shorter); a fetch that got no answer is a FAIL that says "network
 * error".  A host that is not https (or is GitHub) is judged without a
 * fetch. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "checks/aws_checks.h"
#include "checks/eval_oidc.h"
#include "checks/eval_saml.h"
#include "checks/http_get.h"
#include "config/model.h"
#include "core/i18n.h"

#define SSO_FETCH_TIMEOUT_MS 10000

struct sso_fetch {
	struct check_run *run;
	struct http_get *get;
	char *url;
	char *host;              /* OIDC */
	char *name_id_format;    /* SAML */
	bool saml;
};

static void fetch_free(struct sso_fetch *f)
{
	free(f->url);
	free(f->host);
	free(f->name_id_format);
	free(f);
}

static void fetch_cancel(void *arg)
{
	struct sso_fetch *f = arg;
	http_get_cancel(f->get);
	fetch_free(f);
}

static void on_fetched(void *arg, long status, const char *body, size_t len, const char *error)
{
	struct sso_fetch *f = arg;
	struct eval_verdict v = EVAL_VERDICT_INIT;
	if (!f->saml) {
		struct eval_oidc_input in = { .host = f->host, .network_error = error,
					      .http_status = status, .body = body };
		eval_oidc(&in, &v);
	} else if (error) {
		eval_set(&v, CHECK_FAIL, _("Check the metadata URL, this machine's network and "
					   "proxy settings, then run it again."),
			 _("network error: could not fetch the SAML metadata from %s: %s"), f->url,
			 error);
	} else if (status != 200) {
		eval_set(&v, CHECK_FAIL, _("Check saml_args.metadata: it must be the identity "
					   "provider's metadata URL."),
			 _("the SAML metadata URL %s answered HTTP %ld"), f->url, status);
	} else {
		eval_saml_metadata(body, len, f->name_id_format, time(NULL), &v);
	}
	f->get = NULL;
	eval_complete(f->run, &v);
	fetch_free(f);
}

static long fetch_timeout(const struct check_run *run)
{
	long t = check_ctx(run)->opts.tool_timeout_ms;
	return t > 0 && t < SSO_FETCH_TIMEOUT_MS ? t : SSO_FETCH_TIMEOUT_MS;
}

static void fetch_start(struct check_run *run, struct sso_fetch *f)
{
	f->run = run;
	f->get = http_get_start(check_ctx(run)->loop, f->url, fetch_timeout(run), on_fetched, f);
	check_on_cancel(run, fetch_cancel, f);
}

/* True when sso_type selects kind; otherwise the run is skipped. */
static bool selected(struct check_run *run, const char *kind)
{
	const char *type = config_get_string(check_ctx(run)->config, "sso_config.sso_type");
	if (type && strcasecmp(type, kind) == 0)
		return true;
	check_complete(run, CHECK_SKIP, NULL, _("skipped: sso_config.sso_type is %s, not %s"),
		       str_empty(type) ? _("not set") : type, kind);
	return false;
}

void check_run_oidc(struct check_run *run)
{
	if (!selected(run, "OIDC"))
		return;
	const char *host = config_get_string(check_ctx(run)->config,
					     "sso_config.oidc_args.identity_provider_host");
	char *url = eval_oidc_discovery_url(host);
	if (!url || strncasecmp(host, "https://", 8) != 0 || eval_oidc_is_github(host)) {
		struct eval_oidc_input in = { .host = host ? host : "" };
		struct eval_verdict v = EVAL_VERDICT_INIT;
		eval_oidc(&in, &v);
		eval_complete(run, &v);
		free(url);
		return;
	}
	struct sso_fetch *f = xcalloc(1, sizeof *f);
	f->url = url;
	f->host = xstrdup(host);
	fetch_start(run, f);
}

void check_run_saml(struct check_run *run)
{
	if (!selected(run, "SAML"))
		return;
	const lo_config *cfg = check_ctx(run)->config;
	const char *metadata = config_get_string(cfg, "sso_config.saml_args.metadata");
	const char *format = config_get_string(cfg, "sso_config.saml_args.name_id_format");
	bool dynamic = false;
	config_get_bool(cfg, "sso_config.saml_args.dynamic", &dynamic);
	if (str_empty(metadata)) {
		check_complete(run, CHECK_FAIL, _("Set sso_config.saml_args.metadata to the "
						  "identity provider's metadata XML, or to its URL "
						  "with dynamic: true."),
			       _("sso_config.saml_args.metadata is empty"));
		return;
	}
	if (!dynamic) {
		struct eval_verdict v = EVAL_VERDICT_INIT;
		eval_saml_metadata(metadata, strlen(metadata), format, time(NULL), &v);
		eval_complete(run, &v);
		return;
	}
	if (strncasecmp(metadata, "https://", 8) != 0) {
		check_complete(run, CHECK_FAIL, _("With dynamic: true, metadata must be the "
						  "metadata's https:// URL."),
			       _("the SAML metadata URL is not an https:// URL"));
		return;
	}
	struct sso_fetch *f = xcalloc(1, sizeof *f);
	f->url = xstrdup(metadata);
	f->name_id_format = format ? xstrdup(format) : NULL;
	f->saml = true;
	fetch_start(run, f);
}
