/* test-eval-saml.c - sso.saml's verdict on metadata: real-shaped
 * documents (an Okta-like IdP, a federation with nested
 * EntitiesDescriptors) with signing certificates made here with OpenSSL,
 * valid, expiring and expired against a fixed `now`; name ID formats;
 * missing parts; broken XML with its line number; and entity tricks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "checks/eval_saml.h"
#include "tap.h"
#include "eval-fixtures.h"

#define NOW ((time_t)1800000000)
#define DAY 86400L

static EVP_PKEY *key;

/* A self-signed certificate valid from 400 days before NOW until
 * not_after_days after it, as base64 DER in lines of 64. */
static char *make_cert(long not_after_days)
{
	X509 *x = X509_new();
	time_t base = NOW;
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 42);
	X509_time_adj_ex(X509_getm_notBefore(x), -400, 0, &base);
	X509_time_adj_ex(X509_getm_notAfter(x), (int)not_after_days, 0, &base);
	X509_NAME *name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"idp.test",
				   -1, -1, 0);
	X509_set_issuer_name(x, name);
	X509_set_pubkey(x, key);
	if (!X509_sign(x, key, EVP_sha256()))
		bail_out("X509_sign failed");
	unsigned char *der = NULL;
	int len = i2d_X509(x, &der);
	unsigned char *b64 = xmalloc((size_t)len * 2 + 4);
	int blen = EVP_EncodeBlock(b64, der, len);
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < blen; i += 64)
		sb_appendf(&sb, "%.*s\n", blen - i < 64 ? blen - i : 64, (const char *)b64 + i);
	OPENSSL_free(der);
	free(b64);
	X509_free(x);
	return sb_detach(&sb);
}

/* A template with @CERT@ replaced. */
static char *metadata(const char *tmpl, const char *cert)
{
	char *t = fixture_read(tmpl);
	char *at = strstr(t, "@CERT@");
	if (!at)
		bail_out("%s has no @CERT@", tmpl);
	char *out = xasprintf("%.*s%s%s", (int)(at - t), t, cert, at + strlen("@CERT@"));
	free(t);
	return out;
}

static struct eval_verdict run(const char *xml, const char *fmt)
{
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_saml_metadata(xml, xml ? strlen(xml) : 0, fmt, NOW, &v);
	return v;
}

static void expect(const char *xml, const char *fmt, enum check_status want, const char *word,
		   const char *what)
{
	struct eval_verdict v = run(xml, fmt);
	if (!is_int(v.status, want, "%s", what))
		diag("detail: %s", v.detail);
	if (word)
		ok(strstr(v.detail, word) != NULL, "%s: detail says '%s': %s", what, word, v.detail);
	eval_verdict_free(&v);
}

static void test_okta(void)
{
	char *cert = make_cert(365);
	char *xml = metadata("saml-idp.xml.tmpl", cert);
	struct eval_verdict v = run(xml, "");
	is_int(v.status, CHECK_PASS, "Okta-like metadata, TRANSIENT by default: pass");
	ok(strstr(v.detail, "http://www.okta.com/exk1abcd2EFGH3ijk4l5"), "detail: %s", v.detail);
	is_str(eval_json_str(v.data, "signing_cert_not_after"), "2028-01-15", "data: notAfter");
	is_int(json_array_size(json_object_get(v.data, "sso_locations")), 2, "data: two SSO URLs");
	eval_verdict_free(&v);
	expect(xml, "EMAIL_ADDRESS", CHECK_PASS, NULL, "EMAIL_ADDRESS offered: pass");
	expect(xml, "PERMANENT", CHECK_FAIL, "persistent", "PERMANENT not offered: fail");
	expect(xml, "EMAIL", CHECK_FAIL, "not one of", "an unknown format: fail");
	v = run(xml, "PERMANENT");
	ok(v.hint && strstr(v.hint, "name_id_format"), "hint: %s", v.hint);
	ok(strstr(v.detail, "emailAddress") != NULL, "detail lists the offered ones");
	eval_verdict_free(&v);
	free(xml);
	free(cert);

	cert = make_cert(10);
	xml = metadata("saml-idp.xml.tmpl", cert);
	expect(xml, "TRANSIENT", CHECK_WARN, "in 10 days", "certificate expiring in 10 days: warn");
	free(xml);
	free(cert);

	cert = make_cert(-1);
	xml = metadata("saml-idp.xml.tmpl", cert);
	expect(xml, "TRANSIENT", CHECK_FAIL, "expired on", "expired certificate: fail");
	free(xml);
	free(cert);

	xml = metadata("saml-idp.xml.tmpl", "bm90IGEgY2VydGlmaWNhdGU=");
	expect(xml, NULL, CHECK_FAIL, "cannot be read", "base64 that is no certificate: fail");
	free(xml);
	xml = metadata("saml-idp.xml.tmpl", "!!!!");
	expect(xml, NULL, CHECK_FAIL, "cannot be read", "not base64: fail");
	free(xml);
}

static void test_federation(void)
{
	char *cert = make_cert(200);
	char *xml = metadata("saml-federation.xml.tmpl", cert);
	struct eval_verdict v = run(xml, "PERMANENT");
	is_int(v.status, CHECK_PASS, "nested EntitiesDescriptor, the IdP after an SP: pass");
	is_str(eval_json_str(v.data, "entity_id"), "https://idp.example.org/idp/shibboleth",
	       "found the IdP entity");
	eval_verdict_free(&v);
	expect(xml, "TRANSIENT", CHECK_FAIL, NULL, "TRANSIENT not offered there: fail");
	free(xml);
	free(cert);
}

#define HEAD "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" " \
	"xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"e\"><IDPSSODescriptor>"
#define SSO "<SingleSignOnService Binding=\"b\" Location=\"https://idp/sso\"/>"
#define TAIL "</IDPSSODescriptor></EntityDescriptor>"

static char *key_descriptor(const char *use, const char *cert)
{
	return xasprintf("<KeyDescriptor%s%s%s><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s"
			 "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>",
			 use ? " use=\"" : "", use ? use : "", use ? "\"" : "", cert);
}

static void test_parts(void)
{
	char *good = make_cert(100), *old = make_cert(-30);
	char *kd = key_descriptor("signing", good);
	char *kd_enc = key_descriptor("encryption", good);
	char *kd_old = key_descriptor(NULL, old);
	char *xml;

	xml = xasprintf(HEAD "%s" SSO TAIL, kd);
	expect(xml, "TRANSIENT", CHECK_WARN, "does not say", "no NameIDFormat at all: warn");
	free(xml);
	xml = xasprintf(HEAD "%s<NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:"
			"unspecified</NameIDFormat>" SSO TAIL, kd);
	expect(xml, "PERMANENT", CHECK_WARN, NULL, "only unspecified: warn");
	free(xml);
	xml = xasprintf(HEAD "%s<NameIDFormat>\n  urn:oasis:names:tc:SAML:2.0:nameid-format:"
			"transient\n</NameIDFormat>" SSO TAIL, kd);
	expect(xml, "TRANSIENT", CHECK_PASS, NULL, "NameIDFormat with whitespace: pass");
	free(xml);
	xml = xasprintf(HEAD "%s<NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:"
			"transient</NameIDFormat>" TAIL, kd);
	expect(xml, "TRANSIENT", CHECK_FAIL, "SingleSignOnService", "no SSO service: fail");
	free(xml);
	xml = xasprintf(HEAD "%s<SingleSignOnService Binding=\"b\"/>" TAIL, kd);
	expect(xml, "TRANSIENT", CHECK_FAIL, "SingleSignOnService", "SSO without Location: fail");
	free(xml);
	xml = xasprintf(HEAD "%s" SSO TAIL, kd_enc);
	expect(xml, "TRANSIENT", CHECK_FAIL, "no signing certificate",
	       "only an encryption key: fail");
	free(xml);
	xml = xasprintf(HEAD SSO TAIL);
	expect(xml, "TRANSIENT", CHECK_FAIL, "no signing certificate", "no key at all: fail");
	free(xml);
	xml = xasprintf(HEAD "%s" SSO TAIL, kd_old);
	expect(xml, "TRANSIENT", CHECK_FAIL, "expired", "no use, expired: fail");
	free(xml);
	xml = xasprintf(HEAD "%s%s" SSO "<NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:"
			"transient</NameIDFormat>" TAIL, kd_old, kd);
	expect(xml, "TRANSIENT", CHECK_PASS, NULL, "an old and a new key (rotation): pass");
	free(xml);

	expect("<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"sp\">"
	       "<SPSSODescriptor/></EntityDescriptor>", NULL, CHECK_FAIL, "IDPSSODescriptor",
	       "SP metadata: fail");
	expect("<EntityDescriptor entityID=\"e\"><IDPSSODescriptor/></EntityDescriptor>", NULL,
	       CHECK_FAIL, "IDPSSODescriptor", "no namespace: fail");
	expect("<html><body>Sign in</body></html>", NULL, CHECK_FAIL, "IDPSSODescriptor",
	       "an HTML page: fail");
	free(good);
	free(old);
	free(kd);
	free(kd_enc);
	free(kd_old);
}

static void test_broken(void)
{
	struct eval_verdict v = run("<?xml version=\"1.0\"?>\n<EntityDescriptor>\n"
				    "  <IDPSSODescriptor>\n</EntityDescriptor>\n", NULL);
	is_int(v.status, CHECK_FAIL, "mismatched tags: fail");
	ok(strstr(v.detail, "line 4") != NULL, "detail has the line number: %s", v.detail);
	ok(v.hint && strstr(v.hint, "jq -Rs"), "hint: how to escape it");
	eval_verdict_free(&v);

	expect("", NULL, CHECK_FAIL, "empty", "empty metadata: fail");
	expect(NULL, NULL, CHECK_FAIL, "empty", "NULL metadata: fail");
	expect("{\"not\": \"xml\"}", NULL, CHECK_FAIL, "line 1", "JSON: fail, line 1");

	expect("<?xml version=\"1.0\"?>\n<!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\">"
	       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
	       "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&b;\">"
	       "<IDPSSODescriptor/></EntityDescriptor>", NULL, CHECK_FAIL, "DOCTYPE",
	       "a DOCTYPE with entities: refused");
	expect("<?xml version=\"1.0\"?>\n<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
	       "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>", NULL,
	       CHECK_FAIL, "DOCTYPE", "an external DTD: refused, not fetched");

	is_str(eval_saml_name_id_urn(NULL), "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
	       "empty is TRANSIENT");
	is_str(eval_saml_name_id_urn("PERMANENT"),
	       "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", "PERMANENT is persistent");
	ok(eval_saml_name_id_urn("transient") == NULL, "the words are upper case");
}

int main(void)
{
	key = EVP_EC_gen("P-256");
	if (!key)
		bail_out("cannot make an EC key");
	test_okta();
	test_federation();
	test_parts();
	test_broken();
	EVP_PKEY_free(key);
	return done_testing();
}
