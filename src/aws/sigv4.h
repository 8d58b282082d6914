/* sigv4.h - AWS Signature Version 4, the way botocore's SigV4Auth does it.
 *
 * The signer works on the request exactly as it goes on the wire: the
 * path and query string already percent-encoded, the Host header value,
 * the other headers to sign, and the body.  It builds the canonical
 * request the way botocore does for every service but S3 (dot segments
 * and repeated slashes removed, then the path encoded once more; query
 * pairs sorted as they are; header values trimmed with runs of white
 * space folded), and returns the X-Amz-Date value and the Authorization
 * header.  The Authorization value is an lo_secret: a signature is a
 * short-lived credential and is never printed or logged.  The test suite
 * compares this module with botocore itself over hundreds of requests
 * (tests/aws/sigv4_oracle.py). */
#ifndef LO_AWS_SIGV4_H
#define LO_AWS_SIGV4_H

#include <stddef.h>
#include <time.h>

#include "aws/credentials.h"
#include "core/secret.h"
#include "core/util.h"

struct aws_header {
	const char *name;
	const char *value;
};

struct sigv4_input {
	const char *method;                 /* "GET", "POST"... */
	const char *host;                   /* Host header as sent: host[:port] */
	const char *path;                   /* as sent; NULL or "" is "/" */
	const char *query;                  /* as sent, without '?'; may be NULL */
	const struct aws_header *headers;   /* other headers to sign; names any case */
	size_t nheaders;
	const void *body;
	size_t body_len;
	const char *region;                 /* signing region */
	const char *service;                /* signing name */
	time_t when;                        /* 0: now */
};

struct sigv4_output {
	char amz_date[17];                  /* X-Amz-Date: YYYYMMDDTHHMMSSZ */
	lo_secret *authorization;           /* the Authorization header value */
};

/* Sign.  The caller also sends X-Amz-Date (out->amz_date) and, with a
 * session token, X-Amz-Security-Token: both are signed here.  Returns
 * LO_EXIT_OK, or LO_EXIT_ENV with err set when the credentials are
 * incomplete. */
int sigv4_sign(const struct sigv4_input *in, const aws_credentials *creds,
	       struct sigv4_output *out, lo_error *err);
void sigv4_output_free(struct sigv4_output *out);

/* The pieces, for the unit tests.  Each returns a newly allocated string. */
char *sigv4_canonical_path(const char *path);
char *sigv4_canonical_query(const char *query);
char *sigv4_canonical_request(const struct sigv4_input *in, const char *amz_date,
			      const lo_secret *session_token, char **signed_headers);
void sigv4_sha256_hex(const void *data, size_t len, char hex[65]);

/* Percent-encode the way AWS wants (RFC 3986 unreserved kept), for query
 * strings and form bodies.  Appends to sb. */
void aws_uri_encode(strbuf *sb, const char *s, bool keep_slash);

#endif
