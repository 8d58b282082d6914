/* sigv4-sign.c - sign request cases read as JSON lines, for the botocore
 * equivalence test (sigv4_oracle.py).
 *
 * Each input line: {"method", "url", "headers": [[name, value]...],
 * "body_hex", "region", "service", "access_key", "secret_key", "token",
 * "time" (seconds since the epoch)}.  Each output line is the
 * Authorization header liftoff computes, so the oracle can compare it
 * with botocore's.  A test helper: it prints signatures on purpose. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "aws/endpoint.h"
#include "aws/sigv4.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static char *unhex(const char *s, size_t *len)
{
	size_t n = strlen(s) / 2;
	char *out = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(hexval(s[2 * i]) * 16 + hexval(s[2 * i + 1]));
	out[n] = '\0';
	*len = n;
	return out;
}

static const char *jstr(json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

static int sign_line(const char *line)
{
	json_error_t jerr;
	json_t *o = json_loads(line, 0, &jerr);
	if (!o) {
		fprintf(stderr, "sigv4-sign: bad JSON: %s\n", jerr.text);
		return 1;
	}
	struct aws_url u;
	if (!aws_url_parse(jstr(o, "url"), &u)) {
		fprintf(stderr, "sigv4-sign: bad URL\n");
		json_decref(o);
		return 1;
	}
	json_t *hs = json_object_get(o, "headers");
	size_t nh = json_array_size(hs);
	struct aws_header *h = xcalloc(nh + 1, sizeof *h);
	for (size_t i = 0; i < nh; i++) {
		h[i].name = json_string_value(json_array_get(json_array_get(hs, i), 0));
		h[i].value = json_string_value(json_array_get(json_array_get(hs, i), 1));
	}
	size_t blen = 0;
	char *body = unhex(jstr(o, "body_hex"), &blen);
	aws_credentials c = { 0 };
	c.access_key_id = xstrdup(jstr(o, "access_key"));
	c.secret_access_key = secret_from_str(jstr(o, "secret_key"));
	if (*jstr(o, "token"))
		c.session_token = secret_from_str(jstr(o, "token"));
	struct sigv4_input in = {
		.method = jstr(o, "method"), .host = u.host, .path = u.path, .query = u.query,
		.headers = h, .nheaders = nh, .body = body, .body_len = blen,
		.region = jstr(o, "region"), .service = jstr(o, "service"),
		.when = (time_t)json_integer_value(json_object_get(o, "time")),
	};
	struct sigv4_output out;
	lo_error err = LO_ERROR_INIT;
	int rc = sigv4_sign(&in, &c, &out, &err);
	if (rc == 0)
		printf("%s\n", secret_reveal(out.authorization));
	else
		printf("ERROR %s\n", err.message);
	sigv4_output_free(&out);
	lo_error_clear(&err);
	aws_credentials_free(&c);
	aws_url_free(&u);
	free(body);
	free(h);
	json_decref(o);
	return 0;
}

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		if (*line)
			rc |= sign_line(line);
	}
	free(line);
	return rc;
}
