/* test-eval-oidc.c - sso.oidc's verdict: the discovery URL, https only,
 * GitHub by host and by document, fetch failures, issuer matching with
 * and without a trailing slash, and the email scope. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_oidc.h"
#include "tap.h"
#include "eval-fixtures.h"

static struct eval_verdict run(const char *host, const char *neterr, long status,
			       const char *body)
{
	struct eval_oidc_input in = { host, neterr, status, body };
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_oidc(&in, &v);
	return v;
}

static void expect(const char *host, long status, const char *body, enum check_status want,
		   const char *word, const char *what)
{
	struct eval_verdict v = run(host, NULL, status, body);
	if (!is_int(v.status, want, "%s", what))
		diag("detail: %s", v.detail);
	if (word)
		ok(strstr(v.detail, word) != NULL, "%s: detail says '%s': %s", what, word, v.detail);
	eval_verdict_free(&v);
}

static void test_url(void)
{
	char *u = eval_oidc_discovery_url("https://mycorp.okta.com");
	is_str(u, "https://mycorp.okta.com/.well-known/openid-configuration", "plain host");
	free(u);
	u = eval_oidc_discovery_url("https://mycorp.okta.com/");
	is_str(u, "https://mycorp.okta.com/.well-known/openid-configuration", "no double slash");
	free(u);
	u = eval_oidc_discovery_url("https://login.microsoftonline.com/tenant-id/v2.0");
	is_str(u, "https://login.microsoftonline.com/tenant-id/v2.0/.well-known/"
	       "openid-configuration", "a path is kept");
	free(u);
	ok(eval_oidc_discovery_url("") == NULL, "empty host: NULL");

	ok(eval_oidc_is_github("https://github.com"), "github.com");
	ok(eval_oidc_is_github("https://token.actions.githubusercontent.com"), "Actions tokens");
	ok(eval_oidc_is_github("https://GitHub.com/login/oauth"), "any case, with a path");
	ok(eval_oidc_is_github("https://ghe.mycorp.github.com"), "a subdomain");
	ok(!eval_oidc_is_github("https://notgithub.com"), "notgithub.com is not GitHub");
	ok(!eval_oidc_is_github("https://github.com.evil.org"), "github.com.evil.org is not");
	ok(!eval_oidc_is_github("https://mycorp.okta.com"), "Okta is not");
}

static void test_fixtures(void)
{
	char *okta = fixture_read("oidc-okta.json");
	struct eval_verdict v = run("https://mycorp.okta.com", NULL, 200, okta);
	is_int(v.status, CHECK_PASS, "Okta: pass");
	ok(strstr(v.detail, "trailing slash") == NULL, "no slash note: %s", v.detail);
	is_str(eval_json_str(v.data, "issuer"), "https://mycorp.okta.com", "data: issuer");
	is_str(eval_json_str(v.data, "discovery_url"),
	       "https://mycorp.okta.com/.well-known/openid-configuration", "data: URL");
	eval_verdict_free(&v);

	v = run("https://mycorp.okta.com/", NULL, 200, okta);
	is_int(v.status, CHECK_PASS, "host with a trailing slash: pass");
	ok(strstr(v.detail, "ignoring a trailing slash") != NULL, "says so: %s", v.detail);
	eval_verdict_free(&v);

	v = run("https://other.okta.com", NULL, 200, okta);
	is_int(v.status, CHECK_FAIL, "issuer mismatch: fail");
	ok(v.hint && strstr(v.hint, "https://mycorp.okta.com"), "hint gives the issuer: %s",
	   v.hint);
	eval_verdict_free(&v);

	v = run("https://mycorp.okta.com//", NULL, 200, okta);
	is_int(v.status, CHECK_FAIL, "two trailing slashes: only one is ignored");
	eval_verdict_free(&v);
	free(okta);

	char *gh = fixture_read("oidc-github-actions.json");
	v = run("https://token.actions.githubusercontent.com", NULL, 200, gh);
	is_int(v.status, CHECK_FAIL, "GitHub Actions: fail");
	ok(strstr(v.detail, "GitHub") && strstr(v.detail, "email"), "the guide's reason: %s",
	   v.detail);
	eval_verdict_free(&v);
	v = run("https://idp.example.com", NULL, 200,
		"{\"issuer\":\"https://idp.example.com\",\"scopes_supported\":[\"openid\"]}");
	is_int(v.status, CHECK_FAIL, "no email scope: fail");
	ok(v.hint && strstr(v.hint, "email scope"), "hint: %s", v.hint);
	eval_verdict_free(&v);
	free(gh);
}

static void test_outcomes(void)
{
	expect("https://github.com", 0, NULL, CHECK_FAIL, "GitHub", "github.com, not fetched");
	expect("", 0, NULL, CHECK_FAIL, "no identity_provider_host", "empty host");
	expect("mycorp.okta.com", 0, NULL, CHECK_FAIL, "not an https", "no protocol");
	expect("http://mycorp.okta.com", 0, NULL, CHECK_FAIL, "not an https", "http://");
	expect("https://", 0, NULL, CHECK_FAIL, "not an https", "https:// alone");

	struct eval_verdict v = run("mycorp.okta.com", NULL, 0, NULL);
	ok(v.hint && strstr(v.hint, "https://mycorp.okta.com"), "hint writes it: %s", v.hint);
	eval_verdict_free(&v);

	v = run("https://idp.example.com", "Could not resolve host: idp.example.com", 0, NULL);
	is_int(v.status, CHECK_FAIL, "network error: fail");
	ok(strstr(v.detail, "network error") && strstr(v.detail, "Could not resolve"),
	   "detail: %s", v.detail);
	eval_verdict_free(&v);

	expect("https://idp.example.com", 404, "Not Found", CHECK_FAIL, "HTTP 404", "HTTP 404");
	expect("https://idp.example.com", 200, "<html>", CHECK_FAIL, "not an OpenID",
	       "HTML body");
	expect("https://idp.example.com", 200, NULL, CHECK_FAIL, "not an OpenID", "no body");
	expect("https://idp.example.com", 200, "{\"scopes_supported\":[\"email\"]}", CHECK_FAIL,
	       "no issuer", "no issuer");
	expect("https://idp.example.com", 200, "{\"issuer\":\"https://idp.example.com/\","
	       "\"scopes_supported\":[\"openid\",\"email\"]}", CHECK_PASS, "trailing slash",
	       "issuer with a trailing slash: pass, and says so");
	expect("https://idp.example.com", 200, "{\"issuer\":\"https://idp.example.com\"}",
	       CHECK_WARN, "scopes_supported", "no scopes_supported: warn");
	expect("https://idp.example.com", 200, "{\"issuer\":\"https://IDP.example.com\","
	       "\"scopes_supported\":[\"email\"]}", CHECK_FAIL, NULL,
	       "issuer comparison is exact");
}

int main(void)
{
	test_url();
	test_fixtures();
	test_outcomes();
	return done_testing();
}
