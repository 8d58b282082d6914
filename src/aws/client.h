/* client.h - the AWS client: signed calls on libcurl multi, inside the
 * event loop, with the SDKs' retry behaviour.
 *
 * One aws_client owns one CURLM (so connections are reused across calls),
 * the credential chain, and the settings read once at creation:
 * AWS_MAX_ATTEMPTS / max_attempts (default 3), AWS_RETRY_MODE /
 * retry_mode (standard or legacy; adaptive is treated as standard),
 * AWS_CA_BUNDLE / ca_bundle.  Calls start with aws_call_start() and finish
 * in a callback from the loop, so any number run at once;
 * aws_call_sync() runs the loop until one call is done, for commands
 * that ask one thing.
 *
 * Retries follow the standard mode: throttling codes, transient codes,
 * HTTP 429/500/502/503/504, connection errors and timeouts are retried
 * with full-jitter exponential backoff (random in [0, min(20 s, base *
 * 2^n)], base 1 s) on a loop timer, within a retry quota.  ExpiredToken
 * and friends refresh the credentials once (creds_chain_get with
 * force_refresh) and try again.  TLS verification is always on.
 *
 * Proxies: libcurl reads https_proxy/HTTPS_PROXY, http_proxy and
 * no_proxy/NO_PROXY itself; it ignores uppercase HTTP_PROXY on purpose,
 * which the SDKs honour, so the client passes HTTP_PROXY on for http://
 * endpoints when http_proxy is unset.  NO_PROXY still applies. */
#ifndef LO_AWS_CLIENT_H
#define LO_AWS_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "aws/creds.h"
#include "aws/endpoint.h"
#include "aws/proto.h"
#include "core/loop.h"
#include "core/util.h"

typedef struct aws_client aws_client;

enum aws_retry_mode { AWS_RETRY_STANDARD, AWS_RETRY_LEGACY };

struct aws_request {
	const char *service;          /* an id from the service table: "sts" */
	const char *operation;        /* "GetCallerIdentity" */
	const char *form;             /* query protocols: "&K=V..." after Action and
					 Version, already encoded; NULL for none */
	const char *json;             /* JSON protocols: the body; NULL is "{}" */
	const char *method;           /* rest-json: "GET"...; NULL otherwise */
	const char *path;             /* rest-json: path and query, encoded */
	const char *region;           /* NULL: the client's region */
	const aws_credentials *credentials; /* NULL: the chain's */
	bool unsigned_request;        /* AssumeRoleWithWebIdentity is not signed */
	const lo_secret *scrub;       /* a secret in the request (a web identity
					 token): masked in error messages */
	const char *input_token;      /* pagination: "NextToken", "Marker"; NULL: one page */
	const char *output_token;     /* "NextToken", "NextMarker" */
	int max_pages;                /* 0: 100 */
};

struct aws_page {
	long status;
	char *body;
	size_t len;
	xmlDoc *xml;                  /* query protocols */
	json_t *json;                 /* JSON protocols */
};

struct aws_response {
	struct aws_page *pages;       /* one per page, in order */
	size_t npages;
	char *request_id;             /* of the last page */
};

void aws_response_free(struct aws_response *r);
/* The result element of a query answer's page: <OpResult> (or the root for EC2). */
xmlNode *aws_page_result(const struct aws_page *p, const char *operation);

/* resp and err are only valid during the callback; resp may be moved
 * out (then zero it).  err is NULL on success. */
typedef void (*aws_done_cb)(aws_client *client, struct aws_response *resp,
			    const struct aws_error *err, void *arg);

/* loop NULL: the client makes and owns one (for aws_call_sync). */
aws_client *aws_client_new(lo_loop *loop, const struct creds_options *opts, lo_error *err);
void aws_client_free(aws_client *c);

lo_loop *aws_client_loop(aws_client *c);
creds_chain *aws_client_chain(aws_client *c);
const char *aws_client_region(aws_client *c);   /* NULL when none is set */

void aws_client_set_timeouts(aws_client *c, long connect_ms, long total_ms);
void aws_client_set_retry(aws_client *c, int max_attempts, enum aws_retry_mode mode);
/* Internal, for tests: scale the backoff base (1000 ms) down. */
void aws_client_set_backoff_base(aws_client *c, long base_ms);

/* Internal: a client with its own loop and connections that shares the
 * parent's settings and profile, for the chain's STS calls, which may come
 * while the parent's loop is dispatching.  It never asks the chain. */
aws_client *aws_client_child(aws_client *parent);

/* Where a service's calls go for a region (NULL: the client's). */
int aws_client_endpoint(aws_client *c, const char *service, const char *region,
			struct aws_endpoint *out, lo_error *err);

/* Start a call; the request is copied.  Returns false with err set only
 * when the call cannot even start (unknown service): otherwise every
 * failure comes through cb. */
bool aws_call_start(aws_client *c, const struct aws_request *req, aws_done_cb cb, void *arg,
		    lo_error *err);
/* Calls still running. */
size_t aws_client_pending(const aws_client *c);

/* Run the loop until this call is done.  On failure fills detail (may be
 * NULL) and err, and returns LO_EXIT_ENV.  Not from a callback running on
 * the client's own loop (the loop does not nest); the credential chain's
 * STS calls use a child client with its own loop for that reason.  Never
 * free the client from one of its callbacks. */
int aws_call_sync(aws_client *c, const struct aws_request *req, struct aws_response *out,
		  struct aws_error *detail, lo_error *err);

/* The STS caller for the credential chain (creds_sts_call); ctx is the
 * aws_client.  aws_client_new() registers it with creds_chain_set_sts(). */
int aws_sts_assume(void *ctx, const struct sts_assume_request *req, aws_credentials *out,
		   lo_error *err);

#endif
