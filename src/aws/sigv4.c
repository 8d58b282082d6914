/* sigv4.c - see sigv4.h.
 *
 * Each step mirrors botocore.auth.SigV4Auth so that the equivalence test
 * can hold for every request: canonical path (remove_dot_segments, then
 * quote(safe='/~')), canonical query (split on '&', partition on '=',
 * sort the pairs, no re-encoding), canonical headers (lowercase names,
 * Python's str.split() white space folded, repeated names joined with
 * ','), and the payload hash.  HMAC and SHA-256 come from OpenSSL. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "aws/sigv4.h"
#include "core/i18n.h"

static const char *const unsigned_headers[] = {
	"connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
	"te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
	"authorization",
};

static void hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

void sigv4_sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_Digest(data ? data : "", len, md, &mdlen, EVP_sha256(), NULL);
	hex_encode(md, mdlen, hex);
}

static void hmac256(const void *key, size_t keylen, const char *msg, unsigned char out[32])
{
	unsigned int len = 32;
	HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, strlen(msg), out, &len);
}

static bool is_unreserved(unsigned char c)
{
	/* ASCII only, whatever the locale says about bytes above 127. */
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

void aws_uri_encode(strbuf *sb, const char *s, bool keep_slash)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (is_unreserved(*p) || (keep_slash && *p == '/'))
			sb_append_char(sb, (char)*p);
		else
			sb_appendf(sb, "%%%02X", *p);
	}
}

/* botocore.utils.remove_dot_segments: also drops empty segments. */
static char *remove_dot_segments(const char *path)
{
	size_t n = strlen(path);
	char **segs = xcalloc(n + 1, sizeof *segs);
	size_t nsegs = 0;
	char *copy = xstrdup(path);
	char *save = NULL;
	for (char *s = strtok_r(copy, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (strcmp(s, ".") == 0)
			continue;
		if (strcmp(s, "..") == 0) {
			if (nsegs)
				nsegs--;
			continue;
		}
		segs[nsegs++] = s;
	}
	strbuf sb = STRBUF_INIT;
	if (path[0] == '/')
		sb_append_char(&sb, '/');
	for (size_t i = 0; i < nsegs; i++) {
		if (i)
			sb_append_char(&sb, '/');
		sb_append(&sb, segs[i]);
	}
	if (n && path[n - 1] == '/' && nsegs)
		sb_append_char(&sb, '/');
	free(segs);
	free(copy);
	return sb_detach(&sb);
}

char *sigv4_canonical_path(const char *path)
{
	if (str_empty(path))
		return xstrdup("/");
	char *clean = remove_dot_segments(path);
	strbuf sb = STRBUF_INIT;
	aws_uri_encode(&sb, clean, true);
	free(clean);
	return sb.len ? sb_detach(&sb) : xstrdup("");
}

struct kv {
	char *key;
	char *value;
	size_t order;
};

static int kv_cmp(const void *a, const void *b)
{
	const struct kv *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c == 0)
		c = strcmp(x->value, y->value);
	if (c == 0)
		c = x->order < y->order ? -1 : x->order > y->order;
	return c;
}

char *sigv4_canonical_query(const char *query)
{
	if (str_empty(query))
		return xstrdup("");
	size_t cap = 1;
	for (const char *p = query; *p; p++)
		cap += *p == '&';
	struct kv *kvs = xcalloc(cap, sizeof *kvs);
	size_t n = 0;
	const char *p = query;
	for (;;) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		size_t klen = eq ? (size_t)(eq - p) : len;
		kvs[n].key = xstrndup(p, klen);
		kvs[n].value = eq ? xstrndup(eq + 1, len - klen - 1) : xstrdup("");
		kvs[n].order = n;
		n++;
		if (!end)
			break;
		p = end + 1;
	}
	qsort(kvs, n, sizeof *kvs, kv_cmp);
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		sb_appendf(&sb, "%s%s=%s", i ? "&" : "", kvs[i].key, kvs[i].value);
		free(kvs[i].key);
		free(kvs[i].value);
	}
	free(kvs);
	return sb_detach(&sb);
}

/* Python's str.split() white space, in ASCII. */
static bool py_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static char *trim_all(const char *v)
{
	strbuf sb = STRBUF_INIT;
	bool pending = false;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (py_space(*p)) {
			pending = sb.len > 0;
			continue;
		}
		if (pending)
			sb_append_char(&sb, ' ');
		pending = false;
		sb_append_char(&sb, (char)*p);
	}
	return sb.len ? sb_detach(&sb) : xstrdup("");
}

static char *lowercase(const char *s)
{
	char *l = xstrdup(s);
	for (char *p = l; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return l;
}

static bool is_unsigned_header(const char *lname)
{
	for (size_t i = 0; i < sizeof unsigned_headers / sizeof *unsigned_headers; i++)
		if (strcmp(lname, unsigned_headers[i]) == 0)
			return true;
	return false;
}

static void kv_add(struct kv *kvs, size_t *n, const char *name, const char *value)
{
	kvs[*n].key = lowercase(name);
	kvs[*n].value = trim_all(value);
	kvs[*n].order = *n;
	(*n)++;
}

static int kv_cmp_name(const void *a, const void *b)
{
	const struct kv *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* The headers botocore signs, sorted, repeated names merged. */
static size_t collect_headers(const struct sigv4_input *in, const char *amz_date,
			      const lo_secret *token, struct kv *kvs)
{
	size_t n = 0;
	bool have_host = false;
	for (size_t i = 0; i < in->nheaders; i++) {
		char *l = lowercase(in->headers[i].name);
		bool skip = is_unsigned_header(l) || strcmp(l, "x-amz-date") == 0 ||
			    (token && strcmp(l, "x-amz-security-token") == 0);
		have_host |= strcmp(l, "host") == 0;
		free(l);
		if (!skip)
			kv_add(kvs, &n, in->headers[i].name, in->headers[i].value);
	}
	if (!have_host)
		kv_add(kvs, &n, "host", in->host ? in->host : "");
	kv_add(kvs, &n, "x-amz-date", amz_date);
	if (token)
		kv_add(kvs, &n, "x-amz-security-token", secret_reveal(token));
	qsort(kvs, n, sizeof *kvs, kv_cmp_name);
	return n;
}

char *sigv4_canonical_request(const struct sigv4_input *in, const char *amz_date,
			      const lo_secret *token, char **signed_headers)
{
	struct kv *kvs = xcalloc(in->nheaders + 3, sizeof *kvs);
	size_t n = collect_headers(in, amz_date, token, kvs);
	strbuf cr = STRBUF_INIT, sh = STRBUF_INIT;
	char *path = sigv4_canonical_path(in->path);
	char *query = sigv4_canonical_query(in->query);
	char *method = xstrdup(in->method);
	for (char *p = method; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	sb_appendf(&cr, "%s\n%s\n%s\n", method, path, query);
	for (size_t i = 0; i < n; i++) {
		bool first = i == 0 || strcmp(kvs[i].key, kvs[i - 1].key) != 0;
		bool last = i + 1 == n || strcmp(kvs[i].key, kvs[i + 1].key) != 0;
		if (first) {
			sb_appendf(&cr, "%s:", kvs[i].key);
			sb_appendf(&sh, "%s%s", sh.len ? ";" : "", kvs[i].key);
		} else {
			sb_append_char(&cr, ',');
		}
		sb_append(&cr, kvs[i].value);
		if (last)
			sb_append_char(&cr, '\n');
	}
	char hash[65];
	sigv4_sha256_hex(in->body, in->body_len, hash);
	sb_appendf(&cr, "\n%s\n%s", sb_str(&sh), hash);
	for (size_t i = 0; i < n; i++) {
		free(kvs[i].key);
		if (kvs[i].value)
			secret_wipe(kvs[i].value, strlen(kvs[i].value));
		free(kvs[i].value);
	}
	free(kvs);
	free(path);
	free(query);
	free(method);
	*signed_headers = sb_detach(&sh);
	return sb_detach(&cr);
}

int sigv4_sign(const struct sigv4_input *in, const aws_credentials *creds,
	       struct sigv4_output *out, lo_error *err)
{
	memset(out, 0, sizeof *out);
	if (!creds || str_empty(creds->access_key_id) || secret_is_empty(creds->secret_access_key)) {
		lo_error_set(err, LO_EXIT_ENV, NULL, "%s", _("AWS credentials are incomplete"));
		return LO_EXIT_ENV;
	}
	time_t when = in->when ? in->when : time(NULL);
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(out->amz_date, sizeof out->amz_date, "%Y%m%dT%H%M%SZ", &tm);
	char day[9];
	memcpy(day, out->amz_date, 8);
	day[8] = '\0';

	const lo_secret *token = secret_is_empty(creds->session_token) ? NULL : creds->session_token;
	char *signed_headers = NULL;
	char *cr = sigv4_canonical_request(in, out->amz_date, token, &signed_headers);
	char cr_hash[65];
	sigv4_sha256_hex(cr, strlen(cr), cr_hash);
	secret_wipe(cr, strlen(cr));
	free(cr);

	char *scope = xasprintf("%s/%s/%s/aws4_request", day, in->region, in->service);
	char *sts = xasprintf("AWS4-HMAC-SHA256\n%s\n%s\n%s", out->amz_date, scope, cr_hash);

	char *k0 = xasprintf("AWS4%s", secret_reveal(creds->secret_access_key));
	unsigned char k[32], sig[32];
	hmac256(k0, strlen(k0), day, k);
	secret_wipe(k0, strlen(k0));
	free(k0);
	hmac256(k, 32, in->region, k);
	hmac256(k, 32, in->service, k);
	hmac256(k, 32, "aws4_request", k);
	hmac256(k, 32, sts, sig);
	secret_wipe(k, sizeof k);
	char sighex[65];
	hex_encode(sig, 32, sighex);

	char *auth = xasprintf("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s",
			       creds->access_key_id, scope, signed_headers, sighex);
	out->authorization = secret_from_str(auth);
	secret_wipe(auth, strlen(auth));
	secret_wipe(sighex, sizeof sighex);
	free(auth);
	free(scope);
	free(sts);
	free(signed_headers);
	return LO_EXIT_OK;
}

void sigv4_output_free(struct sigv4_output *out)
{
	secret_free(out->authorization);
	out->authorization = NULL;
}
