/* creds_http.c - ECS container credentials and EC2 instance metadata.
 *
 * Both are small HTTP GETs to a link-local (or, in tests, loopback)
 * service.  They use blocking libcurl easy calls with short timeouts: the
 * chain resolves credentials before the user interface starts, so there
 * is no event loop to block yet.  Proxies are never used (the services
 * are on the host's own link), redirects are not followed.
 *
 * Container (botocore ContainerProvider / ContainerMetadataFetcher):
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is appended to
 * http://169.254.170.2; else AWS_CONTAINER_CREDENTIALS_FULL_URI is used if
 * it is https, or http to a loopback address or one of 169.254.170.2,
 * 169.254.170.23, fd00:ec2::23, localhost.  The Authorization header is
 * the contents of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, else
 * AWS_CONTAINER_AUTHORIZATION_TOKEN; a CR or LF inside it is refused.
 * Unlike botocore, one trailing newline of the token file is dropped (a
 * file written by `echo` would otherwise be refused).  2 s timeout, 3
 * attempts one second apart.
 *
 * Instance metadata (botocore IMDSFetcher / InstanceMetadataFetcher):
 * AWS_EC2_METADATA_DISABLED=true turns it off; the endpoint is
 * AWS_EC2_METADATA_SERVICE_ENDPOINT, or the IPv6 address when
 * AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6, else 169.254.169.254; these
 * and the settings below may also be the profile's config-file keys
 * (ec2_metadata_service_endpoint, ..._mode, ec2_metadata_v1_disabled,
 * metadata_service_timeout, metadata_service_num_attempts).
 * IMDSv2: PUT /latest/api/token (TTL 21600), then the role name and the
 * role's credentials with the token.  A 403/404/405 or a timeout on the
 * token falls back to IMDSv1 unless AWS_EC2_METADATA_V1_DISABLED=true.
 * Timeout AWS_METADATA_SERVICE_TIMEOUT (1 s) and
 * AWS_METADATA_SERVICE_NUM_ATTEMPTS (1) as botocore.  Where botocore
 * silently returns nothing, an unreachable or disabled service is "not
 * here" but a service that answers badly (no role attached, bad JSON) is
 * reported, since it is the last source in the chain anyway. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "aws/creds_internal.h"
#include "core/i18n.h"

static long container_retry_ms = 1000;
static const char *container_base = "http://169.254.170.2";

void creds_set_container_retry_delay(long ms)
{
	container_retry_ms = ms;
}

void creds_set_container_base(const char *base)
{
	container_base = base ? base : "http://169.254.170.2";
}

struct http_resp {
	long status;     /* 0 when no HTTP answer came */
	CURLcode curl;
	strbuf body;     /* may hold secrets: http_resp_free wipes it */
};

static size_t http_write(char *data, size_t size, size_t n, void *arg)
{
	sb_append_len(arg, data, size * n);
	return size * n;
}

static void http_resp_free(struct http_resp *r)
{
	secret_wipe(r->body.buf, r->body.cap);
	sb_free(&r->body);
}

/* Header lines can carry a token: wipe them before they are freed. */
static void headers_free(struct curl_slist *h)
{
	for (struct curl_slist *p = h; p; p = p->next)
		secret_wipe(p->data, strlen(p->data));
	curl_slist_free_all(h);
}

static void http_do(const char *method, const char *url, struct curl_slist *headers,
		    long timeout_ms, struct http_resp *r)
{
	memset(r, 0, sizeof *r);
	CURL *c = curl_easy_init();
	if (!c) {
		r->curl = CURLE_FAILED_INIT;
		return;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "PUT") == 0)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	r->curl = curl_easy_perform(c);
	if (r->curl == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_cleanup(c);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0)
		;
}

static bool env_true(const char *name)
{
	const char *v = getenv(name);
	return v && strcasecmp(v, "true") == 0;
}

/* ---- container credentials ---- */

static bool host_allowed(const char *host)
{
	static const char *const allowed[] = {
		"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost",
	};
	for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
		if (strcasecmp(host, allowed[i]) == 0)
			return true;
	unsigned char a[16];
	if (inet_pton(AF_INET, host, a) == 1)
		return a[0] == 127;
	static const unsigned char v6_loopback[16] = { [15] = 1 };
	return inet_pton(AF_INET6, host, a) == 1 && memcmp(a, v6_loopback, 16) == 0;
}

static int container_url_check(const char *url, lo_error *err)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int rc = CREDS_ERROR;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		lo_error_set(err, LO_EXIT_ENV, NULL,
			     _("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL: %s"), url);
	} else {
		size_t n = strlen(host);
		char *bare = host[0] == '[' && n > 2 ? xstrndup(host + 1, n - 2) : xstrdup(host);
		if (strcasecmp(scheme, "https") == 0 ||
		    (strcasecmp(scheme, "http") == 0 && host_allowed(bare)))
			rc = CREDS_FOUND;
		else
			lo_error_set(err, LO_EXIT_ENV,
				     _("Over http, container credentials come only from a loopback "
				       "address or 169.254.170.2, 169.254.170.23, fd00:ec2::23, "
				       "localhost; use https otherwise."),
				     _("container credentials: unsupported host '%s' in %s"), bare,
				     url);
		free(bare);
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

static lo_secret *read_token_file(const char *path, lo_error *err)
{
	/* One trailing newline is dropped; botocore would refuse the file. */
	lo_secret *s = secret_read_file(path, true);
	if (!s)
		lo_error_set(err, LO_EXIT_ENV, NULL,
			     _("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE %s: %s"), path,
			     strerror(errno));
	return s;
}

/* The Authorization header, or NULL with err set (or NULL and no error
 * when there is no token). */
static struct curl_slist *container_headers(lo_error *err, bool *failed)
{
	struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
	const char *file = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	const char *env = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
	lo_secret *token = file ? read_token_file(file, err) : secret_from_str(env);
	*failed = file && !token;
	if (token && strpbrk(secret_reveal(token), "\r\n")) {
		lo_error_set(err, LO_EXIT_ENV, NULL, "%s",
			     _("the container authorization token is not a legal header value "
			       "(it contains a line break)"));
		*failed = true;
	} else if (token) {
		char *line = xasprintf("Authorization: %s", secret_reveal(token));
		h = curl_slist_append(h, line);
		secret_wipe(line, strlen(line));
		free(line);
	}
	secret_free(token);
	return h;
}

/* Retried on connection errors, non-200 answers and bad JSON alike, as
 * botocore's ContainerMetadataFetcher does. */
static int container_fetch(const char *url, struct curl_slist *h, aws_credentials *out,
			   lo_error *err)
{
	struct http_resp r = { 0 };
	for (int attempt = 1; attempt <= 3; attempt++) {
		if (attempt > 1)
			sleep_ms(container_retry_ms);
		http_resp_free(&r);
		http_do("GET", url, h, 2000, &r);
		if (r.status != 200)
			continue;
		if (creds_from_json(sb_str(&r.body), r.body.len, "Token", false, true,
				    _("container credentials"), out, err) == LO_EXIT_OK) {
			http_resp_free(&r);
			out->source = xstrdup("container-role");
			return CREDS_FOUND;
		}
	}
	/* After a 200, err already says what was wrong with the answer. */
	if (r.status != 200 && r.status)
		lo_error_set(err, LO_EXIT_ENV, NULL,
			     _("container credentials: %s answered HTTP %ld"), url, r.status);
	else if (r.status != 200)
		lo_error_set(err, LO_EXIT_ENV, NULL,
			     _("container credentials: cannot reach %s: %s"), url,
			     curl_easy_strerror(r.curl));
	http_resp_free(&r);
	return CREDS_ERROR;
}

int creds_from_container(aws_credentials *out, lo_error *err)
{
	const char *rel = getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *full = getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	if (!rel && !full)
		return CREDS_NONE;
	char *url = rel ? xasprintf("%s%s", container_base, rel) : xstrdup(full);
	int rc = container_url_check(url, err);
	bool failed = false;
	struct curl_slist *h = NULL;
	if (rc == CREDS_FOUND)
		h = container_headers(err, &failed);
	if (rc == CREDS_FOUND && failed)
		rc = CREDS_ERROR;
	if (rc == CREDS_FOUND)
		rc = container_fetch(url, h, out, err);
	headers_free(h);
	free(url);
	return rc;
}

/* ---- instance metadata ---- */

struct imds {
	char *base;          /* ends with '/' */
	long timeout_ms;
	int attempts;
	bool v1_disabled;
	lo_secret *token;    /* NULL: IMDSv1 */
};

/* A setting from the environment, else the profile's key in the config
 * file (botocore's config chain for the IMDS settings). */
static const char *imds_setting(const struct creds_profile *p, const char *env, const char *key)
{
	const char *v = getenv(env);
	if (str_empty(v) && p)
		v = creds_profile_get(p, key);
	return str_empty(v) ? NULL : v;
}

static long setting_long(const char *v, long fallback)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	return v && !*end && n > 0 ? n : fallback;
}

static void imds_init(struct imds *m, const struct creds_profile *p)
{
	const char *ep = imds_setting(p, "AWS_EC2_METADATA_SERVICE_ENDPOINT",
				      "ec2_metadata_service_endpoint");
	const char *mode = imds_setting(p, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
					"ec2_metadata_service_endpoint_mode");
	const char *v1 = imds_setting(p, "AWS_EC2_METADATA_V1_DISABLED",
				      "ec2_metadata_v1_disabled");
	if (!ep)
		ep = mode && strcasecmp(mode, "ipv6") == 0 ? "http://[fd00:ec2::254]/"
							   : "http://169.254.169.254/";
	m->base = str_ends_with(ep, "/") ? xstrdup(ep) : xasprintf("%s/", ep);
	m->timeout_ms = setting_long(imds_setting(p, "AWS_METADATA_SERVICE_TIMEOUT",
						  "metadata_service_timeout"), 1) * 1000;
	m->attempts = (int)setting_long(imds_setting(p, "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
						     "metadata_service_num_attempts"), 1);
	m->v1_disabled = v1 && strcasecmp(v1, "true") == 0;
	m->token = NULL;
}

/* CREDS_FOUND with or without a token (v1), CREDS_NONE when unreachable.
 * As botocore: 403/404/405 or a timeout mean IMDSv1, a 400 means give up,
 * other answers are retried and then mean IMDSv1.  Unlike botocore, a
 * service that cannot be connected to at all is not asked again for v1. */
static int imds_token(struct imds *m, lo_error *err)
{
	char *url = xasprintf("%slatest/api/token", m->base);
	struct curl_slist *h =
		curl_slist_append(NULL, "X-aws-ec2-metadata-token-ttl-seconds: 21600");
	struct http_resp r = { 0 };
	int rc = CREDS_NONE;
	bool answered = false;
	for (int i = 0; i < m->attempts && rc == CREDS_NONE; i++) {
		http_resp_free(&r);
		http_do("PUT", url, h, m->timeout_ms, &r);
		answered |= r.status != 0;
		if (r.status == 200 && r.body.len) {
			m->token = secret_new(r.body.buf, r.body.len);
			rc = CREDS_FOUND;
		} else if (r.status == 403 || r.status == 404 || r.status == 405 ||
			   r.curl == CURLE_OPERATION_TIMEDOUT) {
			rc = CREDS_FOUND;   /* IMDSv1 */
		} else if (r.status == 400) {
			answered = false;   /* a bad request: no credentials here */
			break;
		}
	}
	if (rc == CREDS_NONE && answered)
		rc = CREDS_FOUND;           /* retried, still no token: IMDSv1 */
	http_resp_free(&r);
	curl_slist_free_all(h);
	free(url);
	if (rc == CREDS_FOUND && !m->token && m->v1_disabled) {
		lo_error_set(err, LO_EXIT_ENV, NULL, "%s",
			     _("instance metadata: no IMDSv2 token, and IMDSv1 is disabled "
			       "(AWS_EC2_METADATA_V1_DISABLED)"));
		return CREDS_ERROR;
	}
	return rc;
}

/* GET a path with the token; retried on errors, non-200 and empty answers. */
static bool imds_get(struct imds *m, const char *path, struct http_resp *r)
{
	char *url = xasprintf("%s%s", m->base, path);
	struct curl_slist *h = NULL;
	if (m->token) {
		char *line = xasprintf("X-aws-ec2-metadata-token: %s", secret_reveal(m->token));
		h = curl_slist_append(h, line);
		secret_wipe(line, strlen(line));
		free(line);
	}
	memset(r, 0, sizeof *r);
	for (int i = 0; i < m->attempts; i++) {
		http_resp_free(r);
		http_do("GET", url, h, m->timeout_ms, r);
		if (r->status == 200 && r->body.len)
			break;
	}
	headers_free(h);
	free(url);
	return r->status == 200 && r->body.len;
}

static int imds_fail(lo_error *err, const char *why)
{
	lo_error_set(err, LO_EXIT_ENV, NULL, _("instance metadata: %s"), why);
	return CREDS_ERROR;
}

static int imds_role_creds(struct imds *m, const char *role, aws_credentials *out, lo_error *err)
{
	char *path = xasprintf("latest/meta-data/iam/security-credentials/%s", role);
	struct http_resp r;
	int rc;
	if (!imds_get(m, path, &r)) {
		char *why = xasprintf(_("no credentials for role %s (HTTP %ld)"), role, r.status);
		rc = imds_fail(err, why);
		free(why);
	} else if (creds_from_json(sb_str(&r.body), r.body.len, "Token", false, true,
				   _("instance metadata"), out, err) != LO_EXIT_OK) {
		rc = CREDS_ERROR;
	} else if (!out->expiration) {
		aws_credentials_free(out);
		rc = imds_fail(err, _("the answer lacks \"Expiration\""));
	} else {
		out->source = xasprintf("instance-profile (role %s)", role);
		rc = CREDS_FOUND;
	}
	http_resp_free(&r);
	free(path);
	return rc;
}

static int imds_fetch(struct imds *m, aws_credentials *out, lo_error *err)
{
	struct http_resp r;
	if (!imds_get(m, "latest/meta-data/iam/security-credentials/", &r)) {
		int rc = CREDS_NONE;
		if (r.status == 404 || (r.status == 200 && !r.body.len))
			rc = imds_fail(err, _("this instance has no IAM role (instance profile) "
					      "attached"));
		else if (r.status) {
			char *why = xasprintf(_("the role name could not be read (HTTP %ld)"),
					      r.status);
			rc = imds_fail(err, why);
			free(why);
		}
		http_resp_free(&r);
		return rc;
	}
	size_t n = strcspn(r.body.buf, "\r\n");
	char *role = xstrndup(r.body.buf, n);
	http_resp_free(&r);
	int rc = imds_role_creds(m, role, out, err);
	free(role);
	return rc;
}

int creds_from_imds(const struct creds_profile *p, aws_credentials *out, lo_error *err)
{
	if (env_true("AWS_EC2_METADATA_DISABLED"))
		return CREDS_NONE;
	struct imds m;
	imds_init(&m, p);
	int rc = imds_token(&m, err);
	if (rc == CREDS_FOUND)
		rc = imds_fetch(&m, out, err);
	secret_free(m.token);
	free(m.base);
	return rc;
}
