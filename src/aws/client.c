/* client.c - see client.h.
 *
 * A call is a small state machine driven by the loop: start an attempt
 * (sign, hand an easy handle to the multi), finish it (read status,
 * headers and body), then succeed, fetch the next page, retry after a
 * backoff timer, refresh credentials once, or fail.  The multi handle
 * runs on the event loop through src/core/curl_loop.h. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "aws/client.h"
#include "aws/sigv4.h"
#include "core/curl_loop.h"
#include "core/i18n.h"
#include "core/log.h"

#define RETRY_QUOTA 500
#define RETRY_COST 5
#define TIMEOUT_RETRY_COST 10
#define MAX_BACKOFF_MS 20000L

struct aws_call {
	aws_client *client;
	struct aws_call *next;
	const struct aws_service *svc;
	char *operation, *form, *json, *method, *path, *region;
	char *input_token, *output_token, *next_token;
	aws_credentials *explicit_creds;
	bool unsigned_request;
	int max_pages;
	aws_done_cb cb;
	void *arg;
	struct aws_endpoint ep;
	bool resolved;

	int attempts;               /* on this page */
	int total_attempts;
	bool refreshed;             /* credentials refreshed once already */
	bool force_refresh;
	int retry_cost;             /* quota taken by the last retry */
	unsigned timer;

	CURL *easy;
	struct curl_slist *headers;
	char *body;
	size_t body_len;
	strbuf answer;
	char *hdr_request_id, *hdr_error_type;
	char curl_err[CURL_ERROR_SIZE];
	lo_secret *token_seen;      /* to scrub from error messages */
	lo_secret *secret_seen;
	lo_secret *scrub;           /* aws_request.scrub */

	struct aws_response response;
};

struct aws_client {
	lo_loop *loop;
	bool own_loop;
	creds_chain *chain;
	bool own_chain;
	struct curl_loop net;
	struct aws_call *calls;
	size_t ncalls;
	int max_attempts;
	enum aws_retry_mode mode;
	long backoff_base_ms;
	long connect_ms, total_ms;
	int quota;
	char *ca_bundle;
	char *user_agent;
};

static void attempt_start(struct aws_call *call);
static void check_done(aws_client *c);

/* ---- settings ---- */

static const char *profile_value(void *arg, const char *key)
{
	return arg ? creds_chain_profile_value(arg, key) : NULL;
}

static const char *service_endpoint(void *arg, const char *key)
{
	return arg ? creds_chain_service_endpoint(arg, key) : NULL;
}

static const char *setting(aws_client *c, const char *env, const char *key)
{
	const char *v = getenv(env);
	if (str_empty(v) && c->chain)
		v = creds_chain_profile_value(c->chain, key);
	return str_empty(v) ? NULL : v;
}

static void read_settings(aws_client *c)
{
	const char *mode = setting(c, "AWS_RETRY_MODE", "retry_mode");
	/* adaptive adds client-side rate limiting on top of standard; liftoff
	 * makes few calls and treats it as standard. */
	c->mode = mode && strcasecmp(mode, "legacy") == 0 ? AWS_RETRY_LEGACY : AWS_RETRY_STANDARD;
	const char *max = setting(c, "AWS_MAX_ATTEMPTS", "max_attempts");
	long n = max ? strtol(max, NULL, 10) : 0;
	c->max_attempts = n > 0 ? (int)n : (c->mode == AWS_RETRY_LEGACY ? 5 : 3);
	const char *ca = setting(c, "AWS_CA_BUNDLE", "ca_bundle");
	c->ca_bundle = ca ? xstrdup(ca) : NULL;
}

static void on_curl_progress(void *arg)
{
	check_done(arg);
}

/* ---- the client ---- */

static aws_client *client_alloc(lo_loop *loop)
{
	aws_client *c = xcalloc(1, sizeof *c);
	c->loop = loop ? loop : loop_new();
	c->own_loop = loop == NULL;
	curl_loop_init(&c->net, c->loop, on_curl_progress, c);
	c->backoff_base_ms = 1000;
	c->connect_ms = 10000;
	c->total_ms = 60000;
	c->quota = RETRY_QUOTA;
	c->user_agent = xasprintf("liftoff/%s curl/%s", PACKAGE_VERSION, curl_version_info(CURLVERSION_NOW)->version);
	return c;
}

aws_client *aws_client_new(lo_loop *loop, const struct creds_options *opts, lo_error *err)
{
	aws_client *c = client_alloc(loop);
	c->chain = creds_chain_new(opts);
	c->own_chain = true;
	creds_chain_set_sts(c->chain, aws_sts_assume, c);
	read_settings(c);
	return c;
}

aws_client *aws_client_child(aws_client *parent)
{
	aws_client *c = client_alloc(NULL);
	c->chain = parent->chain;
	c->max_attempts = parent->max_attempts;
	c->mode = parent->mode;
	c->backoff_base_ms = parent->backoff_base_ms;
	c->connect_ms = parent->connect_ms;
	c->total_ms = parent->total_ms;
	c->ca_bundle = parent->ca_bundle ? xstrdup(parent->ca_bundle) : NULL;
	return c;
}

static void call_free(struct aws_call *call);

void aws_client_free(aws_client *c)
{
	if (!c)
		return;
	curl_loop_close(&c->net);
	while (c->calls) {
		struct aws_call *call = c->calls;
		c->calls = call->next;
		call_free(call);
	}
	curl_loop_cleanup(&c->net);
	if (c->own_chain)
		creds_chain_free(c->chain);
	if (c->own_loop)
		loop_free(c->loop);
	free(c->ca_bundle);
	free(c->user_agent);
	free(c);
}

lo_loop *aws_client_loop(aws_client *c)
{
	return c->loop;
}

creds_chain *aws_client_chain(aws_client *c)
{
	return c->chain;
}

const char *aws_client_region(aws_client *c)
{
	return c->chain ? creds_chain_region(c->chain) : NULL;
}

void aws_client_set_timeouts(aws_client *c, long connect_ms, long total_ms)
{
	if (connect_ms > 0)
		c->connect_ms = connect_ms;
	if (total_ms > 0)
		c->total_ms = total_ms;
}

void aws_client_set_retry(aws_client *c, int max_attempts, enum aws_retry_mode mode)
{
	c->mode = mode;
	if (max_attempts > 0)
		c->max_attempts = max_attempts;
}

void aws_client_set_backoff_base(aws_client *c, long base_ms)
{
	c->backoff_base_ms = base_ms > 0 ? base_ms : 1;
}

size_t aws_client_pending(const aws_client *c)
{
	return c->ncalls;
}

int aws_client_endpoint(aws_client *c, const char *service, const char *region,
			struct aws_endpoint *out, lo_error *err)
{
	const struct aws_service *svc = aws_service_find(service);
	if (!svc) {
		memset(out, 0, sizeof *out);
		lo_error_set(err, LO_EXIT_ENV, NULL, _("unknown AWS service '%s'"), service);
		return LO_EXIT_ENV;
	}
	struct aws_endpoint_config cfg = { profile_value, service_endpoint, c->chain };
	return aws_endpoint_resolve(svc, region ? region : aws_client_region(c), &cfg, out, err);
}

/* ---- responses ---- */

void aws_response_free(struct aws_response *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->npages; i++) {
		struct aws_page *p = &r->pages[i];
		if (p->body)
			secret_wipe(p->body, p->len);
		free(p->body);
		if (p->xml)
			xmlFreeDoc(p->xml);
		json_decref(p->json);
	}
	free(r->pages);
	free(r->request_id);
	memset(r, 0, sizeof *r);
}

xmlNode *aws_page_result(const struct aws_page *p, const char *operation)
{
	xmlNode *root = p && p->xml ? xmlDocGetRootElement(p->xml) : NULL;
	if (!root)
		return NULL;
	char *name = xasprintf("%sResult", operation);
	xmlNode *r = aws_xml_child(root, name);
	free(name);
	return r ? r : root;
}

/* ---- calls ---- */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void free_wiped(char *s)
{
	if (s)
		secret_wipe(s, strlen(s));
	free(s);
}

static void attempt_cleanup(struct aws_call *call)
{
	if (call->easy) {
		curl_multi_remove_handle(call->client->net.multi, call->easy);
		curl_easy_cleanup(call->easy);
		call->easy = NULL;
	}
	for (struct curl_slist *h = call->headers; h; h = h->next)
		secret_wipe(h->data, strlen(h->data));
	curl_slist_free_all(call->headers);
	call->headers = NULL;
	if (call->body)
		secret_wipe(call->body, call->body_len);
	free(call->body);
	call->body = NULL;
	if (call->answer.buf)
		secret_wipe(call->answer.buf, call->answer.len);
	sb_free(&call->answer);
	free(call->hdr_request_id);
	free(call->hdr_error_type);
	call->hdr_request_id = call->hdr_error_type = NULL;
	call->curl_err[0] = '\0';
}

static void call_free(struct aws_call *call)
{
	attempt_cleanup(call);
	if (call->timer)
		loop_cancel_timer(call->client->loop, call->timer);
	free(call->operation);
	free_wiped(call->form);
	free_wiped(call->json);
	free(call->method);
	free(call->path);
	free(call->region);
	free(call->input_token);
	free(call->output_token);
	free(call->next_token);
	if (call->explicit_creds) {
		aws_credentials_free(call->explicit_creds);
		free(call->explicit_creds);
	}
	secret_free(call->token_seen);
	secret_free(call->secret_seen);
	secret_free(call->scrub);
	aws_endpoint_free(&call->ep);
	aws_response_free(&call->response);
	free(call);
}

static void call_unlink(struct aws_call *call)
{
	aws_client *c = call->client;
	for (struct aws_call **p = &c->calls; *p; p = &(*p)->next) {
		if (*p == call) {
			*p = call->next;
			c->ncalls--;
			return;
		}
	}
}

static void error_base(struct aws_call *call, struct aws_error *e, enum aws_error_kind kind)
{
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->service = xstrdup(call->svc->service_id);
	e->operation = xstrdup(call->operation);
	e->endpoint = dup_or_null(call->ep.url);
	e->attempts = call->total_attempts;
}

static void call_fail(struct aws_call *call, struct aws_error *e)
{
	call_unlink(call);
	log_debug("aws: %s %s failed after %d attempts", e->service, e->operation, e->attempts);
	call->cb(call->client, NULL, e, call->arg);
	aws_error_free(e);
	call_free(call);
}

static void call_succeed(struct aws_call *call)
{
	aws_client *c = call->client;
	if (c->mode == AWS_RETRY_STANDARD) {
		c->quota += call->retry_cost ? call->retry_cost : 1;
		if (c->quota > RETRY_QUOTA)
			c->quota = RETRY_QUOTA;
	}
	call_unlink(call);
	call->cb(c, &call->response, NULL, call->arg);
	call_free(call);
}

static void fail_simple(struct aws_call *call, enum aws_error_kind kind, const char *msg,
			const char *hint)
{
	struct aws_error e;
	error_base(call, &e, kind);
	e.message = xstrdup(msg);
	e.hint = dup_or_null(hint);
	call_fail(call, &e);
}

static void on_start_timer(lo_loop *loop, void *arg)
{
	struct aws_call *call = arg;
	call->timer = 0;
	attempt_start(call);
}

bool aws_call_start(aws_client *c, const struct aws_request *req, aws_done_cb cb, void *arg,
		    lo_error *err)
{
	const struct aws_service *svc = aws_service_find(req->service);
	if (!svc) {
		lo_error_set(err, LO_EXIT_ENV, NULL, _("unknown AWS service '%s'"), req->service);
		return false;
	}
	struct aws_call *call = xcalloc(1, sizeof *call);
	call->client = c;
	call->svc = svc;
	call->operation = xstrdup(req->operation);
	call->form = dup_or_null(req->form);
	call->json = dup_or_null(req->json);
	call->method = dup_or_null(req->method);
	call->path = dup_or_null(req->path);
	call->region = dup_or_null(req->region);
	call->input_token = dup_or_null(req->input_token);
	call->output_token = dup_or_null(req->output_token);
	call->max_pages = req->max_pages > 0 ? req->max_pages : 100;
	call->unsigned_request = req->unsigned_request;
	call->scrub = secret_dup(req->scrub);
	if (req->credentials) {
		call->explicit_creds = xcalloc(1, sizeof *call->explicit_creds);
		aws_credentials_copy(call->explicit_creds, req->credentials);
	}
	call->cb = cb;
	call->arg = arg;
	call->next = c->calls;
	c->calls = call;
	c->ncalls++;
	/* Start from the loop, so the callback never runs inside this call. */
	call->timer = loop_add_timer(c->loop, 0, on_start_timer, call);
	return true;
}

/* ---- one attempt ---- */

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct aws_call *call = arg;
	sb_append_len(&call->answer, data, size * n);
	return size * n;
}

static char *header_value(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name);
	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return NULL;
	const char *v = line + nl + 1;
	const char *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	return xstrndup(v, (size_t)(end - v));
}

static void keep_header(char **slot, char *value)
{
	if (!value)
		return;
	free(*slot);
	*slot = value;
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct aws_call *call = arg;
	size_t len = size * n;
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(call->hdr_request_id);
		free(call->hdr_error_type);
		call->hdr_request_id = call->hdr_error_type = NULL;
	}
	keep_header(&call->hdr_request_id, header_value(data, len, "x-amzn-RequestId"));
	keep_header(&call->hdr_request_id, header_value(data, len, "x-amz-request-id"));
	keep_header(&call->hdr_error_type, header_value(data, len, "x-amzn-ErrorType"));
	return len;
}

static bool is_json(const struct aws_call *call)
{
	return call->svc->protocol == AWS_PROTO_JSON10 || call->svc->protocol == AWS_PROTO_JSON11;
}

static bool is_query(const struct aws_call *call)
{
	return call->svc->protocol == AWS_PROTO_QUERY || call->svc->protocol == AWS_PROTO_EC2;
}

static void build_body(struct aws_call *call)
{
	if (is_query(call)) {
		strbuf sb = STRBUF_INIT;
		sb_append(&sb, "Action=");
		aws_uri_encode(&sb, call->operation, false);
		aws_form_add(&sb, "Version", call->svc->api_version);
		if (call->form)
			sb_append(&sb, call->form);
		if (call->next_token)
			aws_form_add(&sb, call->input_token, call->next_token);
		call->body_len = sb.len;
		call->body = sb_detach(&sb);
		return;
	}
	const char *src = call->json ? call->json : (is_json(call) ? "{}" : NULL);
	if (!src) {
		call->body = xstrdup("");
		call->body_len = 0;
		return;
	}
	json_t *o = json_loads(src, 0, NULL);
	if (!o)
		o = json_object();
	if (call->next_token)
		json_object_set_new(o, call->input_token, json_string(call->next_token));
	call->body = json_dumps(o, JSON_COMPACT);
	call->body_len = strlen(call->body);
	json_decref(o);
}

static void add_header(struct aws_call *call, const char *name, const char *value)
{
	char *line = xasprintf("%s: %s", name, value);
	call->headers = curl_slist_append(call->headers, line);
	secret_wipe(line, strlen(line));
	free(line);
}

static int call_credentials(struct aws_call *call, aws_credentials *out, lo_error *err)
{
	if (call->explicit_creds) {
		aws_credentials_copy(out, call->explicit_creds);
		return LO_EXIT_OK;
	}
	if (!call->client->chain) {
		memset(out, 0, sizeof *out);
		lo_error_set(err, LO_EXIT_ENV, NULL, "%s", _("no AWS credentials for this call"));
		return LO_EXIT_ENV;
	}
	int rc = creds_chain_get(call->client->chain, out, call->force_refresh, err);
	call->force_refresh = false;
	return rc;
}

/* Sign and add the headers.  Returns false after failing the call. */
static bool sign_request(struct aws_call *call, const struct aws_url *u, const char *target,
			 const char *ctype)
{
	struct aws_header h[2];
	size_t nh = 0;
	if (ctype)
		h[nh++] = (struct aws_header){ "Content-Type", ctype };
	if (target)
		h[nh++] = (struct aws_header){ "X-Amz-Target", target };
	for (size_t i = 0; i < nh; i++)
		add_header(call, h[i].name, h[i].value);
	add_header(call, "Host", u->host);
	if (call->unsigned_request)
		return true;
	aws_credentials creds;
	lo_error err = LO_ERROR_INIT;
	if (call_credentials(call, &creds, &err) != LO_EXIT_OK) {
		fail_simple(call, AWS_ERR_NO_CREDENTIALS, err.message, err.hint);
		lo_error_clear(&err);
		aws_credentials_free(&creds);
		return false;
	}
	struct sigv4_input in = {
		.method = call->method ? call->method : "POST", .host = u->host, .path = u->path,
		.query = u->query, .headers = h, .nheaders = nh, .body = call->body,
		.body_len = call->body_len, .region = call->ep.signing_region,
		.service = call->svc->signing_name,
	};
	struct sigv4_output out;
	int rc = sigv4_sign(&in, &creds, &out, &err);
	secret_free(call->token_seen);
	secret_free(call->secret_seen);
	call->token_seen = secret_dup(creds.session_token);
	call->secret_seen = secret_dup(creds.secret_access_key);
	if (rc == LO_EXIT_OK) {
		add_header(call, "X-Amz-Date", out.amz_date);
		if (!secret_is_empty(creds.session_token))
			add_header(call, "X-Amz-Security-Token", secret_reveal(creds.session_token));
		add_header(call, "Authorization", secret_reveal(out.authorization));
	}
	sigv4_output_free(&out);
	aws_credentials_free(&creds);
	if (rc != LO_EXIT_OK) {
		fail_simple(call, AWS_ERR_NO_CREDENTIALS, err.message, err.hint);
		lo_error_clear(&err);
		return false;
	}
	return true;
}

static void setup_easy(struct aws_call *call, const char *url)
{
	aws_client *c = call->client;
	CURL *e = curl_easy_init();
	call->easy = e;
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, call);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->ca_bundle)
		curl_easy_setopt(e, CURLOPT_CAINFO, c->ca_bundle);
	const char *up = getenv("HTTP_PROXY"), *low = getenv("http_proxy");
	if (str_starts_with(url, "http://") && !str_empty(up) && str_empty(low))
		curl_easy_setopt(e, CURLOPT_PROXY, up);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, c->user_agent);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, c->connect_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->total_ms);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, call->curl_err);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, call);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, call);
	const char *method = call->method ? call->method : "POST";
	if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	} else {
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, call->body);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)call->body_len);
		if (strcmp(method, "POST") != 0)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
	}
	add_header(call, "Expect", "");
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, call->headers);
}

static void attempt_start(struct aws_call *call)
{
	aws_client *c = call->client;
	if (!call->resolved) {
		lo_error err = LO_ERROR_INIT;
		struct aws_endpoint_config cfg = { profile_value, service_endpoint, c->chain };
		const char *region = call->region ? call->region : aws_client_region(c);
		if (aws_endpoint_resolve(call->svc, region, &cfg, &call->ep, &err) != LO_EXIT_OK) {
			fail_simple(call, AWS_ERR_CONFIG, err.message, err.hint);
			lo_error_clear(&err);
			return;
		}
		call->resolved = true;
	}
	build_body(call);
	char *url = xasprintf("%s%s", call->ep.url,
			      call->path ? call->path : "/");
	struct aws_url u;
	if (!aws_url_parse(url, &u)) {
		free(url);
		aws_url_free(&u);
		fail_simple(call, AWS_ERR_CONFIG, _("the endpoint URL is not valid"),
			    _("Check AWS_ENDPOINT_URL and endpoint_url settings."));
		return;
	}
	/* A configured endpoint may carry a base path: the request goes to it. */
	if (!call->path && str_empty(u.path)) {
		free(u.path);
		u.path = xstrdup("/");
	}
	const char *target = NULL, *ctype = NULL;
	char *target_buf = NULL;
	switch (call->svc->protocol) {
	case AWS_PROTO_QUERY:
	case AWS_PROTO_EC2:
		ctype = "application/x-www-form-urlencoded; charset=utf-8";
		break;
	case AWS_PROTO_JSON10:
	case AWS_PROTO_JSON11:
		ctype = call->svc->protocol == AWS_PROTO_JSON10 ? "application/x-amz-json-1.0"
								: "application/x-amz-json-1.1";
		target = target_buf = xasprintf("%s.%s", call->svc->target_prefix, call->operation);
		break;
	case AWS_PROTO_REST_JSON:
		ctype = call->body_len ? "application/json" : NULL;
		break;
	}
	bool signed_ok = sign_request(call, &u, target, ctype);
	free(target_buf);
	aws_url_free(&u);
	if (!signed_ok) {
		free(url);
		return;
	}
	setup_easy(call, url);
	free(url);
	call->attempts++;
	call->total_attempts++;
	log_debug("aws: %s %s attempt %d", call->svc->service_id, call->operation, call->attempts);
	curl_multi_add_handle(c->net.multi, call->easy);
}

/* ---- finishing an attempt ---- */

static unsigned random_u32(void)
{
	unsigned v = 0;
	if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v)
		v = (unsigned)loop_now_ms() * 2654435761u;
	return v;
}

/* The ceiling after the given number of attempts: min(20 s, base * 2^(attempts - 1)). */
static long backoff_cap(const aws_client *c, int attempts)
{
	long cap = c->backoff_base_ms;
	for (int i = 1; i < attempts && cap < MAX_BACKOFF_MS; i++)
		cap *= 2;
	return cap > MAX_BACKOFF_MS ? MAX_BACKOFF_MS : cap;
}

/* Full jitter: uniform in [0, cap]. */
static long backoff_ms(const aws_client *c, int attempts)
{
	long cap = backoff_cap(c, attempts);
	return (long)(((double)random_u32() / 4294967296.0) * (double)(cap + 1));
}

static bool curl_retryable(CURLcode cc)
{
	switch (cc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

/* Remove what must never be shown: AWS echoes the canonical request
 * (with the session token) after SignatureDoesNotMatch, and a service
 * may quote a secret the request carried (aws_request.scrub). */
static void scrub_message(struct aws_call *call, char *msg)
{
	if (!msg)
		return;
	char *cut = strstr(msg, "\n\n");
	if (!cut)
		cut = strstr(msg, "The Canonical String");
	if (cut)
		*cut = '\0';
	const lo_secret *secrets[] = { call->token_seen, call->secret_seen, call->scrub };
	for (size_t i = 0; i < sizeof secrets / sizeof *secrets; i++) {
		if (secret_len(secrets[i]) < 8)
			continue;
		/* Search on after each mask: a secret may contain the mask. */
		size_t sl = secret_len(secrets[i]), ml = sizeof SECRET_MASK - 1;
		char *from = msg, *hit;
		while ((hit = strstr(from, secret_reveal(secrets[i]))) != NULL) {
			memcpy(hit, SECRET_MASK, ml);
			memmove(hit + ml, hit + sl, strlen(hit + sl) + 1);
			from = hit + ml;
		}
	}
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

static bool quota_take(aws_client *c, bool timeout, struct aws_call *call)
{
	if (c->mode != AWS_RETRY_STANDARD)
		return true;
	int cost = timeout ? TIMEOUT_RETRY_COST : RETRY_COST;
	if (c->quota < cost)
		return false;
	c->quota -= cost;
	call->retry_cost = cost;
	return true;
}

static void schedule_retry(struct aws_call *call, long delay)
{
	log_debug("aws: %s %s retry in %ld ms (after attempt %d, cap %ld ms)",
		  call->svc->service_id, call->operation, delay, call->attempts,
		  backoff_cap(call->client, call->attempts));
	attempt_cleanup(call);
	call->timer = loop_add_timer(call->client->loop, delay, on_start_timer, call);
}

static bool should_retry(struct aws_call *call, bool retryable, bool timeout)
{
	return retryable && call->attempts < call->client->max_attempts &&
	       quota_take(call->client, timeout, call);
}

static void finish_network(struct aws_call *call, CURLcode cc)
{
	bool timeout = cc == CURLE_OPERATION_TIMEDOUT;
	if (should_retry(call, curl_retryable(cc), timeout)) {
		schedule_retry(call, backoff_ms(call->client, call->attempts));
		return;
	}
	struct aws_error e;
	error_base(call, &e, timeout ? AWS_ERR_TIMEOUT : AWS_ERR_NETWORK);
	e.message = xstrdup(call->curl_err[0] ? call->curl_err : curl_easy_strerror(cc));
	call_fail(call, &e);
}

static void finish_error(struct aws_call *call, long status)
{
	struct aws_error e;
	error_base(call, &e, AWS_ERR_SERVICE);
	e.http_status = status;
	e.request_id = dup_or_null(call->hdr_request_id);
	if (is_json(call) || call->svc->protocol == AWS_PROTO_REST_JSON)
		aws_parse_error_json(call->answer.buf, call->answer.len, call->hdr_error_type, &e);
	else
		aws_parse_error_xml(call->answer.buf, call->answer.len, &e);
	if (!e.code && call->hdr_error_type)
		e.code = xstrndup(call->hdr_error_type, strcspn(call->hdr_error_type, ":"));
	scrub_message(call, e.message);

	if (aws_code_is_expired(e.code)) {
		if (!call->refreshed && !call->explicit_creds && !call->unsigned_request) {
			call->refreshed = true;
			call->force_refresh = true;
			aws_error_free(&e);
			schedule_retry(call, 0);
			return;
		}
		e.kind = AWS_ERR_CREDENTIALS;
		call_fail(call, &e);
		return;
	}
	bool retryable = aws_code_is_throttling(e.code, e.message) || aws_code_is_transient(e.code) ||
			 status == 429 || status == 500 || status == 502 || status == 503 ||
			 status == 504;
	if (should_retry(call, retryable, false)) {
		aws_error_free(&e);
		schedule_retry(call, backoff_ms(call->client, call->attempts));
		return;
	}
	call_fail(call, &e);
}

static void finish_page(struct aws_call *call, long status)
{
	struct aws_response *r = &call->response;
	r->pages = xrealloc(r->pages, (r->npages + 1) * sizeof *r->pages);
	struct aws_page *p = &r->pages[r->npages++];
	memset(p, 0, sizeof *p);
	p->status = status;
	p->len = call->answer.len;
	p->body = call->answer.buf ? sb_detach(&call->answer) : xstrdup("");
	free(r->request_id);
	r->request_id = dup_or_null(call->hdr_request_id);
	char *token = NULL;
	if (is_query(call)) {
		p->xml = aws_xml_parse(p->body, p->len);
		if (!p->xml) {
			struct aws_error e;
			error_base(call, &e, AWS_ERR_PARSE);
			e.http_status = status;
			e.message = xstrdup(_("the answer is not XML"));
			call_fail(call, &e);
			return;
		}
		xmlNode *res = aws_page_result(p, call->operation);
		if (call->output_token)
			token = aws_xml_text(res, call->output_token);
		if (!r->request_id) {
			xmlNode *root = xmlDocGetRootElement(p->xml);
			xmlNode *rid = aws_xml_find(root, "RequestId");
			r->request_id = rid ? aws_xml_text(rid, NULL) : aws_xml_text(root, "requestId");
		}
	} else {
		p->json = p->len ? json_loadb(p->body, p->len, 0, NULL) : json_object();
		if (!p->json) {
			struct aws_error e;
			error_base(call, &e, AWS_ERR_PARSE);
			e.http_status = status;
			e.message = xstrdup(_("the answer is not JSON"));
			call_fail(call, &e);
			return;
		}
		if (call->output_token)
			token = aws_json_str(p->json, call->output_token);
	}
	if (!str_empty(token) && (int)r->npages < call->max_pages &&
	    !str_eq(token, call->next_token)) {
		free(call->next_token);
		call->next_token = token;
		call->attempts = 0;
		attempt_cleanup(call);
		attempt_start(call);
		return;
	}
	free(token);
	call_succeed(call);
}

static void finish_attempt(struct aws_call *call, CURLcode cc)
{
	curl_multi_remove_handle(call->client->net.multi, call->easy);
	if (cc != CURLE_OK) {
		finish_network(call, cc);
		return;
	}
	long status = 0;
	curl_easy_getinfo(call->easy, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status >= 300) {
		finish_error(call, status);
		return;
	}
	finish_page(call, status);
}

static void check_done(aws_client *c)
{
	CURLMsg *m;
	int left = 0;
	while ((m = curl_multi_info_read(c->net.multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		struct aws_call *call = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&call);
		CURLcode cc = m->data.result;
		if (call)
			finish_attempt(call, cc);
	}
}

/* ---- the blocking convenience ---- */

struct sync_state {
	bool done;
	struct aws_response *out;
	struct aws_error err;
};

static void sync_done(aws_client *c, struct aws_response *resp, const struct aws_error *err,
		      void *arg)
{
	struct sync_state *s = arg;
	s->done = true;
	if (err) {
		aws_error_copy(&s->err, err);
		return;
	}
	if (s->out) {
		*s->out = *resp;
		memset(resp, 0, sizeof *resp);
	}
}

int aws_call_sync(aws_client *c, const struct aws_request *req, struct aws_response *out,
		  struct aws_error *detail, lo_error *err)
{
	struct sync_state s = { .out = out };
	if (out)
		memset(out, 0, sizeof *out);
	if (detail)
		memset(detail, 0, sizeof *detail);
	if (!aws_call_start(c, req, sync_done, &s, err))
		return LO_EXIT_ENV;
	while (!s.done)
		loop_run_once(c->loop, 1000);
	if (s.err.kind == AWS_ERR_NONE)
		return LO_EXIT_OK;
	aws_error_to_lo(&s.err, err);
	if (detail)
		*detail = s.err;
	else
		aws_error_free(&s.err);
	return LO_EXIT_ENV;
}
