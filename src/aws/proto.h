/* proto.h - the wire formats: form bodies for the query protocols, XML
 * answers read with libxml2, JSON answers with jansson, and the error
 * shapes of each protocol turned into one struct aws_error.
 *
 * Errors: query services answer <ErrorResponse><Error><Code>...; EC2
 * answers <Response><Errors><Error>... with <RequestID>; JSON services
 * send {"__type": "prefix#Code", "message": ...} and the
 * x-amzn-ErrorType and x-amzn-RequestId headers.  Anything else (a proxy's
 * HTML page, an empty 503) still yields an error with the HTTP status. */
#ifndef LO_AWS_PROTO_H
#define LO_AWS_PROTO_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "core/util.h"

enum aws_error_kind {
	AWS_ERR_NONE,
	AWS_ERR_SERVICE,      /* the service answered with an error */
	AWS_ERR_NETWORK,      /* no answer: connection, DNS, TLS, reset */
	AWS_ERR_TIMEOUT,      /* connect or whole-call timeout */
	AWS_ERR_CREDENTIALS,  /* expired, still after one refresh */
	AWS_ERR_NO_CREDENTIALS, /* the chain found none */
	AWS_ERR_CONFIG,       /* no region, bad endpoint */
	AWS_ERR_PARSE,        /* an answer liftoff could not read */
};

/* Every error reaches the caller with these. */
struct aws_error {
	enum aws_error_kind kind;
	char *service;        /* the model's serviceId: "STS" */
	char *operation;      /* "GetCallerIdentity" */
	long http_status;     /* 0 without an HTTP answer */
	char *code;           /* "ThrottlingException"; NULL without one */
	char *message;        /* the service's or libcurl's text, secrets removed */
	char *request_id;
	char *endpoint;       /* where the call went */
	int attempts;         /* HTTP attempts made */
	char *hint;           /* what to do, when known (NULL: by kind) */
};

void aws_error_free(struct aws_error *e);
void aws_error_copy(struct aws_error *dst, const struct aws_error *src);
/* One line for people, with the hint for the kind; code LO_EXIT_ENV. */
void aws_error_to_lo(const struct aws_error *e, lo_error *err);

/* Fill code, message and request_id from an error body. */
void aws_parse_error_xml(const char *body, size_t len, struct aws_error *e);
void aws_parse_error_json(const char *body, size_t len, const char *error_type_header,
			  struct aws_error *e);

/* Append "&key=value", both encoded, to a form body. */
void aws_form_add(strbuf *sb, const char *key, const char *value);
void aws_form_addf(strbuf *sb, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* XML reading by local name, namespaces ignored.  path is "A/B/C". */
xmlDoc *aws_xml_parse(const char *body, size_t len);
xmlNode *aws_xml_child(const xmlNode *node, const char *name);
xmlNode *aws_xml_next(const xmlNode *node, const char *name);  /* next sibling so named */
xmlNode *aws_xml_path(const xmlNode *node, const char *path);
xmlNode *aws_xml_find(const xmlNode *node, const char *name);  /* depth-first */
char *aws_xml_text(const xmlNode *node, const char *path);     /* NULL when absent */
long long aws_xml_int(const xmlNode *node, const char *path, long long dflt);
bool aws_xml_bool(const xmlNode *node, const char *path);

/* JSON fields, NULL/0 when absent or of another type. */
char *aws_json_str(const json_t *o, const char *key);
long long aws_json_int(const json_t *o, const char *key);
double aws_json_num(const json_t *o, const char *key);
bool aws_json_bool(const json_t *o, const char *key);
/* Timestamps: JSON protocols send epoch seconds (maybe fractional);
 * returned as ISO 8601 UTC text like the XML protocols. */
char *aws_json_time(const json_t *o, const char *key);

/* Error codes that mean "slow down", "try again" and "credentials expired". */
bool aws_code_is_throttling(const char *code, const char *message);
bool aws_code_is_transient(const char *code);
bool aws_code_is_expired(const char *code);

#endif
