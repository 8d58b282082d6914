/* eval_oidc.c - the OIDC identity provider, from its discovery document
 * (<identity_provider_host>/.well-known/openid-configuration):
 *   - identity_provider_host is an https:// URL (the guide's example is
 *     "https://mycorp.okta.com");
 *   - it is not GitHub, which does not offer the email scope (the guide
 *     names it); recognised by host before anything is fetched;
 *   - the document was fetched (HTTP 200) and is a JSON object;
 *   - its issuer is the host: an exact match, except that one trailing
 *     slash on either side is ignored (Okta and Auth0 differ on it), and
 *     the detail says so when that was needed;
 *   - scopes_supported includes "email"; a document without
 *     scopes_supported (it is only RECOMMENDED by the spec) is a WARN. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_oidc.h"
#include "core/i18n.h"

#define WELL_KNOWN "/.well-known/openid-configuration"

static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);
	return n && s[n - 1] == '/' ? n - 1 : n;
}

char *eval_oidc_discovery_url(const char *host)
{
	if (str_empty(host))
		return NULL;
	return xasprintf("%.*s%s", (int)trimmed_len(host), host, WELL_KNOWN);
}

/* The host part of a URL (or of a bare name), as a new string. */
static char *url_host(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	const char *at = p + strcspn(p, "/?#");
	const char *cred = memchr(p, '@', (size_t)(at - p));
	if (cred)
		p = cred + 1;
	return xstrndup(p, strcspn(p, ":/?#"));
}

static bool host_is_or_under(const char *host, const char *domain)
{
	size_t h = strlen(host), d = strlen(domain);
	if (h == d)
		return strcasecmp(host, domain) == 0;
	return h > d && host[h - d - 1] == '.' && strcasecmp(host + h - d, domain) == 0;
}

bool eval_oidc_is_github(const char *host)
{
	if (str_empty(host))
		return false;
	char *h = url_host(host);
	bool gh = host_is_or_under(h, "github.com") ||
		  host_is_or_under(h, "githubusercontent.com");
	free(h);
	return gh;
}

static void github(struct eval_verdict *v)
{
	eval_set(v, CHECK_FAIL, _("Use an identity provider that supports the email scope (Okta, "
				  "Microsoft Entra ID, Google, Auth0, Keycloak, ...), or SAML."),
		 _("GitHub cannot be the identity provider: Spacelift needs the email scope, "
		   "which GitHub does not support"));
}

static bool check_host(const char *host, struct eval_verdict *v)
{
	if (str_empty(host)) {
		eval_set(v, CHECK_FAIL, _("Set sso_config.oidc_args.identity_provider_host, with "
					  "https://, for example https://mycorp.okta.com."),
			 _("no identity_provider_host"));
		return false;
	}
	if (eval_oidc_is_github(host)) {
		github(v);
		return false;
	}
	if (strncasecmp(host, "https://", 8) != 0 || !host[8]) {
		char *h = url_host(host);
		char *hint = xasprintf(_("Write the host with its protocol, https://, for example "
					 "https://%s."), str_empty(h) ? "mycorp.okta.com" : h);
		eval_set(v, CHECK_FAIL, hint, _("identity_provider_host '%s' is not an https:// URL"),
			 host);
		free(hint);
		free(h);
		return false;
	}
	return true;
}

static bool fetched(const struct eval_oidc_input *in, const char *url, json_t **doc,
		    struct eval_verdict *v)
{
	if (in->network_error) {
		eval_set(v, CHECK_FAIL, _("Check identity_provider_host, and this machine's network "
					  "and proxy settings."),
			 _("network error: could not fetch %s: %s"), url, in->network_error);
		return false;
	}
	if (in->http_status != 200) {
		eval_set(v, CHECK_FAIL, _("identity_provider_host must be the issuer URL that serves "
					  "/.well-known/openid-configuration; check it in the "
					  "provider's documentation."),
			 _("%s answered HTTP %ld"), url, in->http_status);
		return false;
	}
	*doc = in->body ? json_loads(in->body, 0, NULL) : NULL;
	if (!json_is_object(*doc)) {
		eval_set(v, CHECK_FAIL, _("identity_provider_host must be the issuer URL of an OpenID "
					  "Connect provider."),
			 _("%s is not an OpenID configuration (not a JSON object)"), url);
		json_decref(*doc);
		*doc = NULL;
		return false;
	}
	return true;
}

static void check_document(const char *host, const json_t *doc, struct eval_verdict *v)
{
	const char *issuer = eval_json_str(doc, "issuer");
	if (str_empty(issuer)) {
		eval_set(v, CHECK_FAIL, _("identity_provider_host must be the issuer URL of an OpenID "
					  "Connect provider."),
			 _("the discovery document has no issuer"));
		return;
	}
	size_t il = trimmed_len(issuer), hl = trimmed_len(host);
	if (il != hl || strncmp(issuer, host, il) != 0) {
		char *hint = xasprintf(_("Set identity_provider_host to the issuer, %s."), issuer);
		eval_set(v, CHECK_FAIL, hint,
			 _("the provider's issuer is %s, not identity_provider_host %s"), issuer,
			 host);
		free(hint);
		return;
	}
	const char *slash_note = strcmp(issuer, host) != 0
		? _(" (ignoring a trailing slash)") : "";
	const json_t *scopes = json_object_get(doc, "scopes_supported");
	if (!json_is_array(scopes))
		eval_set(v, CHECK_WARN, _("Make sure the provider supports the email scope; Spacelift "
					  "needs it."),
			 _("issuer matches%s, but the provider does not list scopes_supported"),
			 slash_note);
	else if (!eval_json_has_string(scopes, "email"))
		eval_set(v, CHECK_FAIL, _("Identity providers that do not support the email scope "
					  "are unsupported (GitHub is one): enable the email scope "
					  "at the provider, or use another one."),
			 _("the provider does not support the email scope"));
	else
		eval_set(v, CHECK_PASS, NULL, _("issuer matches%s and the email scope is supported"),
			 slash_note);
}

void eval_oidc(const struct eval_oidc_input *in, struct eval_verdict *v)
{
	if (!check_host(in->host, v))
		return;
	char *url = eval_oidc_discovery_url(in->host);
	json_t *doc = NULL;
	eval_set_data(v, json_pack("{s:s}", "discovery_url", url));
	if (fetched(in, url, &doc, v)) {
		const char *issuer = eval_json_str(doc, "issuer");
		if (issuer)
			json_object_set_new(v->data, "issuer", json_string(issuer));
		json_t *scopes = json_object_get(doc, "scopes_supported");
		if (scopes)
			json_object_set(v->data, "scopes_supported", scopes);
		check_document(in->host, doc, v);
	}
	json_decref(doc);
	free(url);
}
