/* eval_saml.c - SAML identity-provider metadata, as pasted into
 * config.json or fetched from the dynamic metadata URL:
 *   - it parses (a broken document fails with libxml2's line number);
 *   - it has an EntityDescriptor, possibly inside (nested)
 *     EntitiesDescriptors, with an IDPSSODescriptor;
 *   - that has a SingleSignOnService with a Location;
 *   - and a signing certificate (KeyDescriptor use="signing", or no use)
 *     that OpenSSL can read and that has not expired; with several (key
 *     rotation), the one that lasts longest counts; within 30 days warns;
 *   - it offers the chosen NameIDFormat; an IdP that lists none is a
 *     WARN (many accept any), and one that lists only "unspecified" too.
 *
 * The parser is told not to touch the network (XML_PARSE_NONET), not to
 * substitute entities (no XML_PARSE_NOENT) and not to load a DTD.  A
 * document with a DOCTYPE at all is refused: metadata never needs one,
 * and it is how entity tricks arrive.  Elements are matched by namespace
 * (the SAML 2.0 metadata and XML-DSig URIs), never by prefix. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "checks/eval_saml.h"
#include "core/i18n.h"

#define MD_NS "urn:oasis:names:tc:SAML:2.0:metadata"
#define DS_NS "http://www.w3.org/2000/09/xmldsig#"
#define NAMEID_UNSPECIFIED "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"

struct name_id {
	const char *config;   /* the config.json word */
	const char *urn;
};

static const struct name_id name_ids[] = {
	{ "TRANSIENT", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient" },
	{ "EMAIL_ADDRESS", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" },
	{ "PERMANENT", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
};

const char *eval_saml_name_id_urn(const char *name_id_format)
{
	const char *want = str_empty(name_id_format) ? "TRANSIENT" : name_id_format;
	for (size_t i = 0; i < sizeof name_ids / sizeof name_ids[0]; i++)
		if (strcmp(name_ids[i].config, want) == 0)
			return name_ids[i].urn;
	return NULL;
}

static bool is_el(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *first_child(const xmlNode *parent, const char *ns, const char *name)
{
	for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (is_el(c, ns, name))
			return c;
	return NULL;
}

/* The first EntityDescriptor with an IDPSSODescriptor, depth first. */
static const xmlNode *find_idp_entity(const xmlNode *n, const xmlNode **idp)
{
	if (is_el(n, MD_NS, "EntityDescriptor")) {
		*idp = first_child(n, MD_NS, "IDPSSODescriptor");
		return *idp ? n : NULL;
	}
	if (!is_el(n, MD_NS, "EntitiesDescriptor"))
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		const xmlNode *e = find_idp_entity(c, idp);
		if (e)
			return e;
	}
	return NULL;
}

/* An attribute or the text of an element, trimmed, as a new string. */
static char *trimmed(xmlChar *s)
{
	if (!s)
		return NULL;
	const char *p = (const char *)s;
	while (isspace((unsigned char)*p))
		p++;
	size_t n = strlen(p);
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	char *out = xstrndup(p, n);
	xmlFree(s);
	return out;
}

static char *attr(const xmlNode *n, const char *name)
{
	return trimmed(xmlGetProp(n, (const xmlChar *)name));
}

static char *text(const xmlNode *n)
{
	return trimmed(xmlNodeGetContent(n));
}

/* Base64 (with any whitespace) to DER to notAfter. */
static bool cert_not_after(const char *b64, time_t *out)
{
	size_t n = strlen(b64), k = 0;
	unsigned char *clean = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)b64[i]))
			clean[k++] = (unsigned char)b64[i];
	bool ok = false;
	if (k && k % 4 == 0 && k < (size_t)1 << 20) {
		unsigned char *der = xmalloc(k);
		int len = EVP_DecodeBlock(der, clean, (int)k);
		const unsigned char *p = der;
		X509 *x = len > 0 ? d2i_X509(NULL, &p, len) : NULL;
		struct tm tm;
		if (x && ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm) == 1) {
			*out = timegm(&tm);
			ok = true;
		}
		X509_free(x);
		free(der);
	}
	free(clean);
	return ok;
}

struct idp_facts {
	char *entity_id;
	json_t *sso_locations;
	int signing_certs;      /* KeyDescriptors for signing with a certificate */
	int unreadable_certs;
	bool has_not_after;
	time_t best_not_after;  /* the latest notAfter among readable ones */
	json_t *name_id_formats;
};

static void read_key_descriptor(const xmlNode *kd, struct idp_facts *f)
{
	char *use = attr(kd, "use");
	bool signing = str_empty(use) || strcmp(use, "signing") == 0;
	free(use);
	if (!signing)
		return;
	const xmlNode *ki = first_child(kd, DS_NS, "KeyInfo");
	for (const xmlNode *xd = ki ? ki->children : NULL; xd; xd = xd->next) {
		if (!is_el(xd, DS_NS, "X509Data"))
			continue;
		for (const xmlNode *c = xd->children; c; c = c->next) {
			if (!is_el(c, DS_NS, "X509Certificate"))
				continue;
			char *b64 = text(c);
			time_t t;
			f->signing_certs++;
			if (!cert_not_after(b64 ? b64 : "", &t)) {
				f->unreadable_certs++;
			} else if (!f->has_not_after || t > f->best_not_after) {
				f->best_not_after = t;
				f->has_not_after = true;
			}
			free(b64);
		}
	}
}

static void read_idp(const xmlNode *entity, const xmlNode *idp, struct idp_facts *f)
{
	f->entity_id = attr(entity, "entityID");
	f->sso_locations = json_array();
	f->name_id_formats = json_array();
	for (const xmlNode *c = idp->children; c; c = c->next) {
		if (is_el(c, MD_NS, "SingleSignOnService")) {
			char *loc = attr(c, "Location");
			if (!str_empty(loc))
				json_array_append_new(f->sso_locations, json_string(loc));
			free(loc);
		} else if (is_el(c, MD_NS, "KeyDescriptor")) {
			read_key_descriptor(c, f);
		} else if (is_el(c, MD_NS, "NameIDFormat")) {
			char *fmt = text(c);
			if (!str_empty(fmt))
				json_array_append_new(f->name_id_formats, json_string(fmt));
			free(fmt);
		}
	}
}

static void facts_free(struct idp_facts *f)
{
	free(f->entity_id);
	json_decref(f->sso_locations);
	json_decref(f->name_id_formats);
}

/* Certificates: false after a FAIL; warnings go to *warn. */
static bool judge_certs(const struct idp_facts *f, time_t now, strbuf *warn,
			struct eval_verdict *v)
{
	if (!f->signing_certs) {
		eval_set(v, CHECK_FAIL, _("Download the metadata again from the identity provider; "
					  "it must include the IdP's signing certificate."),
			 _("the metadata has no signing certificate (KeyDescriptor with "
			   "X509Certificate)"));
		return false;
	}
	if (!f->has_not_after) {
		eval_set(v, CHECK_FAIL, _("Download the metadata again from the identity provider; "
					  "the certificate was damaged (copying or escaping?)."),
			 _("the IdP's signing certificate cannot be read"));
		return false;
	}
	char *date = eval_format_date(f->best_not_after);
	long days = eval_days_left(f->best_not_after, now);
	bool ok = true;
	if (f->best_not_after <= now) {
		eval_set(v, CHECK_FAIL, _("Renew the signing certificate at the identity provider, "
					  "then use its new metadata."),
			 _("the IdP's signing certificate expired on %s"), date);
		ok = false;
	} else if (days < EVAL_EXPIRY_WARN_DAYS) {
		sb_appendf(warn, "%s", warn->len ? "; " : "");
		sb_appendf(warn, P_("the IdP's signing certificate expires on %s, in %ld day",
				    "the IdP's signing certificate expires on %s, in %ld days", days),
			   date, days);
	}
	free(date);
	return ok;
}

static bool judge_name_id(const struct idp_facts *f, const char *urn, const char *fmt,
			  strbuf *warn, struct eval_verdict *v)
{
	if (eval_json_has_string(f->name_id_formats, urn))
		return true;
	if (!json_array_size(f->name_id_formats) ||
	    eval_json_has_string(f->name_id_formats, NAMEID_UNSPECIFIED)) {
		sb_appendf(warn, "%s", warn->len ? "; " : "");
		sb_appendf(warn, _("the IdP does not say whether it offers %s"), urn);
		return true;
	}
	strbuf offered = STRBUF_INIT;
	size_t i;
	json_t *e;
	json_array_foreach(f->name_id_formats, i, e)
		sb_appendf(&offered, "%s%s", i ? ", " : "", json_string_value(e));
	char *hint = xasprintf(_("Set sso_config.saml_args.name_id_format to one the IdP offers "
				 "(TRANSIENT, EMAIL_ADDRESS or PERMANENT), or enable %s at the "
				 "IdP."), urn);
	eval_set(v, CHECK_FAIL, hint, _("the IdP does not offer name_id_format %s (%s); it offers "
					"%s"), fmt, urn, sb_str(&offered));
	free(hint);
	sb_free(&offered);
	return false;
}

static void judge(const struct idp_facts *f, const char *urn, const char *fmt, time_t now,
		  struct eval_verdict *v)
{
	if (!json_array_size(f->sso_locations)) {
		eval_set(v, CHECK_FAIL, _("Download the metadata again from the identity provider; "
					  "it must include the IdP's single sign-on URL."),
			 _("the IdP has no SingleSignOnService with a Location"));
		return;
	}
	strbuf warn = STRBUF_INIT;
	if (judge_certs(f, now, &warn, v) && judge_name_id(f, urn, fmt, &warn, v)) {
		if (warn.len)
			eval_set(v, CHECK_WARN, _("Check this at the identity provider before "
						  "installing."), "%s", sb_str(&warn));
		else
			eval_set(v, CHECK_PASS, NULL, _("IdP %s: single sign-on, a valid signing "
							"certificate, and %s"),
				 f->entity_id ? f->entity_id : "?", fmt);
	}
	sb_free(&warn);
}

/* The first parse error: later ones are often only echoes of it. */
struct first_error {
	int line;
	char *message;
};

static void on_xml_error(void *arg, xmlErrorPtr e)
{
	struct first_error *fe = arg;
	if (fe->message || !e || e->level < XML_ERR_ERROR)
		return;
	fe->line = e->line;
	fe->message = xstrdup(e->message ? e->message : "");
	size_t n = strlen(fe->message);
	while (n && isspace((unsigned char)fe->message[n - 1]))
		fe->message[--n] = '\0';
}

static void parse_failed(const struct first_error *fe, struct eval_verdict *v)
{
	eval_set(v, CHECK_FAIL, _("Paste the IdP's metadata XML as it was downloaded; in "
				  "config.json it must be one JSON string (jq -Rs . metadata.xml "
				  "escapes it)."),
		 _("the SAML metadata is not valid XML: line %d: %s"), fe->line,
		 fe->message ? fe->message : _("unknown error"));
}

/* Parse with the first error kept; libxml2 2.9 has no per-context
 * structured handler, so the global one is swapped in and back (no
 * threads in liftoff). */
static xmlDocPtr parse(const char *xml, size_t len, struct first_error *fe)
{
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(fe, on_xml_error);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc = ctxt ? xmlCtxtReadMemory(ctxt, xml, (int)len, "metadata.xml", NULL,
						 XML_PARSE_NONET | XML_PARSE_NOWARNING) : NULL;
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(saved_ctx, saved);
	return doc;
}

void eval_saml_metadata(const char *xml, size_t len, const char *name_id_format, time_t now,
			struct eval_verdict *v)
{
	const char *urn = eval_saml_name_id_urn(name_id_format);
	const char *fmt = str_empty(name_id_format) ? "TRANSIENT" : name_id_format;
	if (!urn) {
		eval_set(v, CHECK_FAIL, _("Use TRANSIENT, EMAIL_ADDRESS or PERMANENT, or leave it "
					  "empty for TRANSIENT."),
			 _("name_id_format '%s' is not one of TRANSIENT, EMAIL_ADDRESS, PERMANENT"),
			 name_id_format);
		return;
	}
	if (!xml || !len || len > INT_MAX) {
		eval_set(v, CHECK_FAIL, _("Set sso_config.saml_args.metadata to the IdP's metadata "
					  "XML, or to its URL with dynamic: true."),
			 _("the SAML metadata is empty"));
		return;
	}
	struct first_error fe = { 0, NULL };
	xmlDocPtr doc = parse(xml, len, &fe);
	if (!doc) {
		parse_failed(&fe, v);
	} else if (doc->intSubset || doc->extSubset) {
		eval_set(v, CHECK_FAIL, _("Remove the <!DOCTYPE ...> from the metadata."),
			 _("the SAML metadata has a DOCTYPE, which liftoff does not accept"));
	} else {
		const xmlNode *idp = NULL;
		const xmlNode *entity = find_idp_entity(xmlDocGetRootElement(doc), &idp);
		if (!entity) {
			eval_set(v, CHECK_FAIL, _("Use the metadata of the identity provider (IdP), "
						  "not of a service provider."),
				 _("the SAML metadata has no EntityDescriptor with an "
				   "IDPSSODescriptor"));
		} else {
			struct idp_facts f = { 0 };
			read_idp(entity, idp, &f);
			judge(&f, urn, fmt, now, v);
			eval_set_data(v, json_pack("{s:s?, s:O, s:O, s:s}", "entity_id", f.entity_id,
						   "sso_locations", f.sso_locations,
						   "name_id_formats", f.name_id_formats,
						   "name_id_format", urn));
			if (f.has_not_after) {
				char *d = eval_format_date(f.best_not_after);
				json_object_set_new(v->data, "signing_cert_not_after",
						    json_string(d));
				free(d);
			}
			facts_free(&f);
		}
	}
	xmlFreeDoc(doc);
	free(fe.message);
}
