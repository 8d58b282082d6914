/* http_get.c - a tiny HTTPS GET on the event loop.
 *
 * The AWS client's transport signs and retries and is not exposed, so
 * the SSO checks use this instead: one CURLM per request, on the loop
 * through src/core/curl_loop.h like the AWS client's.  Only
 * https is allowed (also for redirects, at most 5), TLS verification is
 * never turned off, and the body is capped.
 *
 * Which CAs: the system's, or the file named by LIFTOFF_CA_BUNDLE.  Not
 * AWS_CA_BUNDLE, which is for the AWS endpoints (a corporate proxy's CA)
 * and says nothing about an identity provider; not SSL_CERT_FILE, which
 * Debian's libcurl ignores because it sets its own CA path.  Proxies come
 * from https_proxy / no_proxy as libcurl reads them. */
#include "config.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "checks/http_get.h"
#include "core/curl_loop.h"
#include "core/util.h"

struct http_get {
	lo_loop *loop;
	struct curl_loop net;
	CURL *easy;
	unsigned start_timer;
	strbuf body;
	bool too_big;
	char errbuf[CURL_ERROR_SIZE];
	http_get_cb cb;
	void *arg;
};

static void get_free(struct http_get *g)
{
	curl_loop_close(&g->net);
	if (g->start_timer)
		loop_cancel_timer(g->loop, g->start_timer);
	g->start_timer = 0;
	if (g->easy) {
		curl_multi_remove_handle(g->net.multi, g->easy);
		curl_easy_cleanup(g->easy);
	}
	curl_loop_cleanup(&g->net);
	sb_free(&g->body);
	free(g);
}

static void check_done(struct http_get *g)
{
	int left;
	CURLMsg *m;
	while ((m = curl_multi_info_read(g->net.multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		long status = 0;
		const char *error = NULL;
		if (g->too_big)
			error = "the answer is too large";
		else if (m->data.result != CURLE_OK)
			error = g->errbuf[0] ? g->errbuf : curl_easy_strerror(m->data.result);
		else
			curl_easy_getinfo(g->easy, CURLINFO_RESPONSE_CODE, &status);
		g->cb(g->arg, status, sb_str(&g->body), g->body.len, error);
		get_free(g);
		return;
	}
}

static void on_progress(void *arg)
{
	check_done(arg);
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct http_get *g = arg;
	size_t len = size * n;
	if (g->body.len + len > HTTP_GET_MAX_BODY) {
		g->too_big = true;
		return 0;
	}
	sb_append_len(&g->body, p, len);
	return len;
}

/* Added to the multi from the loop, so the callback never comes from
 * http_get_start itself. */
static void on_start(lo_loop *loop, void *arg)
{
	(void)loop;
	struct http_get *g = arg;
	g->start_timer = 0;
	curl_multi_add_handle(g->net.multi, g->easy);
	curl_loop_kick(&g->net);
}

struct http_get *http_get_start(lo_loop *loop, const char *url, long timeout_ms,
				http_get_cb cb, void *arg)
{
	struct http_get *g = xcalloc(1, sizeof *g);
	g->loop = loop;
	g->cb = cb;
	g->arg = arg;
	curl_loop_init(&g->net, loop, on_progress, g);
	CURL *e = g->easy = curl_easy_init();
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	const char *ca = getenv("LIFTOFF_CA_BUNDLE");
	if (ca && *ca)
		curl_easy_setopt(e, CURLOPT_CAINFO, ca);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "liftoff/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, g);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, g->errbuf);
	g->start_timer = loop_add_timer(loop, 0, on_start, g);
	return g;
}

void http_get_cancel(struct http_get *g)
{
	if (g)
		get_free(g);
}
