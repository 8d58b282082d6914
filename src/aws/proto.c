/* proto.c - see proto.h.
 *
 * XML is parsed without network access and without entity substitution,
 * so an answer cannot make libxml2 fetch or expand anything. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>

#include "aws/proto.h"
#include "aws/sigv4.h"
#include "core/i18n.h"

static const char *const throttling_codes[] = {
	"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
	"TooManyRequestsException", "ProvisionedThroughputExceededException",
	"TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
	"LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
	"EC2ThrottledException",
};

static const char *const transient_codes[] = {
	"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
	"InternalError", "InternalFailure", "ServiceUnavailable",
};

static const char *const expired_codes[] = {
	"ExpiredToken", "ExpiredTokenException", "RequestExpired",
};

static bool in_list(const char *code, const char *const *list, size_t n)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(code, list[i]) == 0)
			return true;
	return false;
}

#define IN_LIST(code, list) in_list((code), (list), sizeof(list) / sizeof *(list))

bool aws_code_is_throttling(const char *code, const char *message)
{
	return IN_LIST(code, throttling_codes) || (message && strstr(message, "Rate exceeded"));
}

bool aws_code_is_transient(const char *code)
{
	return IN_LIST(code, transient_codes);
}

bool aws_code_is_expired(const char *code)
{
	return IN_LIST(code, expired_codes);
}

void aws_error_free(struct aws_error *e)
{
	if (!e)
		return;
	free(e->service);
	free(e->operation);
	free(e->code);
	free(e->message);
	free(e->request_id);
	free(e->endpoint);
	free(e->hint);
	memset(e, 0, sizeof *e);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void aws_error_copy(struct aws_error *dst, const struct aws_error *src)
{
	*dst = *src;
	dst->service = dup_or_null(src->service);
	dst->operation = dup_or_null(src->operation);
	dst->code = dup_or_null(src->code);
	dst->message = dup_or_null(src->message);
	dst->request_id = dup_or_null(src->request_id);
	dst->endpoint = dup_or_null(src->endpoint);
	dst->hint = dup_or_null(src->hint);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

void aws_error_to_lo(const struct aws_error *e, lo_error *err)
{
	const char *svc = or_empty(e->service), *op = or_empty(e->operation);
	const char *msg = str_empty(e->message) ? _("no message") : e->message;
	switch (e->kind) {
	case AWS_ERR_NETWORK:
	case AWS_ERR_TIMEOUT:
		lo_error_set(err, LO_EXIT_ENV,
			     _("Check the network, HTTPS_PROXY / NO_PROXY, AWS_CA_BUNDLE and the endpoint."),
			     _("network error calling %s %s at %s: %s (attempts: %d)"), svc, op,
			     or_empty(e->endpoint), msg, e->attempts);
		return;
	case AWS_ERR_CREDENTIALS:
		lo_error_set(err, LO_EXIT_ENV,
			     _("Renew them: run `aws sso login` for an IAM Identity Center profile, or set new access keys."),
			     _("the AWS credentials have expired (%s %s: %s)"), svc, op,
			     e->code ? e->code : msg);
		return;
	case AWS_ERR_NO_CREDENTIALS:
		lo_error_set(err, LO_EXIT_ENV, e->hint, "%s", msg);
		return;
	case AWS_ERR_CONFIG:
		lo_error_set(err, LO_EXIT_ENV, e->hint, _("%s %s: %s"), svc, op, msg);
		return;
	case AWS_ERR_PARSE:
		lo_error_set(err, LO_EXIT_ENV, NULL, _("%s %s: unreadable answer (HTTP %ld): %s"),
			     svc, op, e->http_status, msg);
		return;
	default:
		break;
	}
	lo_error_set(err, LO_EXIT_ENV, NULL,
		     _("%s %s failed: %s: %s (HTTP %ld, request id %s, attempts: %d)"), svc, op,
		     e->code ? e->code : _("error"), msg, e->http_status,
		     e->request_id ? e->request_id : "-", e->attempts);
}

xmlDoc *aws_xml_parse(const char *body, size_t len)
{
	if (!body || !len || len > (size_t)0x7fffffff)
		return NULL;
	return xmlReadMemory(body, (int)len, "answer.xml", NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNode *aws_xml_child(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

xmlNode *aws_xml_next(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->next : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

xmlNode *aws_xml_path(const xmlNode *node, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	const xmlNode *cur = node;
	for (char *p = strtok_r(copy, "/", &save); p && cur; p = strtok_r(NULL, "/", &save))
		cur = aws_xml_child(cur, p);
	free(copy);
	return (xmlNode *)(uintptr_t)cur;
}

xmlNode *aws_xml_find(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->children : NULL; c; c = c->next) {
		if (named(c, name))
			return c;
		xmlNode *d = aws_xml_find(c, name);
		if (d)
			return d;
	}
	return NULL;
}

char *aws_xml_text(const xmlNode *node, const char *path)
{
	xmlNode *n = path ? aws_xml_path(node, path) : (xmlNode *)(uintptr_t)node;
	if (!n)
		return NULL;
	xmlChar *t = xmlNodeGetContent(n);
	char *s = xstrdup(t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

long long aws_xml_int(const xmlNode *node, const char *path, long long dflt)
{
	char *t = aws_xml_text(node, path);
	long long v = t && *t ? strtoll(t, NULL, 10) : dflt;
	free(t);
	return v;
}

bool aws_xml_bool(const xmlNode *node, const char *path)
{
	char *t = aws_xml_text(node, path);
	bool v = t && strcasecmp(t, "true") == 0;
	free(t);
	return v;
}

void aws_parse_error_xml(const char *body, size_t len, struct aws_error *e)
{
	xmlDoc *doc = aws_xml_parse(body, len);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root)
		return;
	xmlNode *error = named(root, "Error") ? root : aws_xml_find(root, "Error");
	if (error) {
		char *code = aws_xml_text(error, "Code"), *msg = aws_xml_text(error, "Message");
		if (code) {
			free(e->code);
			e->code = code;
		}
		if (msg) {
			free(e->message);
			e->message = msg;
		}
	}
	xmlNode *rid = aws_xml_find(root, "RequestId");
	if (!rid)
		rid = aws_xml_find(root, "RequestID");
	if (rid && !e->request_id)
		e->request_id = aws_xml_text(rid, NULL);
	xmlFreeDoc(doc);
}

static char *strip_code(const char *raw)
{
	const char *hash = strrchr(raw, '#');
	const char *start = hash ? hash + 1 : raw;
	return xstrndup(start, strcspn(start, ":"));
}

void aws_parse_error_json(const char *body, size_t len, const char *error_type_header,
			  struct aws_error *e)
{
	json_t *o = body && len ? json_loadb(body, len, 0, NULL) : NULL;
	const char *type = error_type_header;
	if (str_empty(type))
		type = json_string_value(json_object_get(o, "__type"));
	if (str_empty(type))
		type = json_string_value(json_object_get(o, "code"));
	if (!str_empty(type)) {
		free(e->code);
		e->code = strip_code(type);
	}
	static const char *const msg_keys[] = { "message", "Message", "errorMessage" };
	for (size_t i = 0; i < sizeof msg_keys / sizeof *msg_keys; i++) {
		const char *m = json_string_value(json_object_get(o, msg_keys[i]));
		if (m) {
			free(e->message);
			e->message = xstrdup(m);
			break;
		}
	}
	json_decref(o);
}

void aws_form_add(strbuf *sb, const char *key, const char *value)
{
	sb_append_char(sb, '&');
	aws_uri_encode(sb, key, false);
	sb_append_char(sb, '=');
	aws_uri_encode(sb, value ? value : "", false);
}

void aws_form_addf(strbuf *sb, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *v = xvasprintf(fmt, ap);
	va_end(ap);
	aws_form_add(sb, key, v);
	free(v);
}

char *aws_json_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? xstrdup(s) : NULL;
}

long long aws_json_int(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? json_integer_value(v) : (long long)json_number_value(v);
}

double aws_json_num(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

bool aws_json_bool(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

char *aws_json_time(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (!json_is_number(v))
		return NULL;
	time_t t = (time_t)json_number_value(v);
	struct tm tm;
	gmtime_r(&t, &tm);
	char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}
