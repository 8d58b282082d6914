/* test-sigv4.c - SigV4 against fixed vectors: AWS's documented example
 * (IAM ListUsers, 2015-08-30) and cases of the AWS SigV4 test suite
 * (get-vanilla, post-vanilla, get-vanilla-query-order-key-case,
 * post-x-www-form-urlencoded, post-sts-header-after), the canonical path
 * and query rules, and the URL split used for the Host header. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/endpoint.h"
#include "aws/sigv4.h"
#include "tap.h"

static void test_aws_example(void)
{
	aws_credentials c = { 0 };
	c.access_key_id = xstrdup("AKIDEXAMPLE");
	c.secret_access_key = secret_from_str("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
	struct aws_header h[] = {
		{ "Content-Type", "application/x-www-form-urlencoded; charset=utf-8" },
	};
	struct sigv4_input in = {
		.method = "GET", .host = "iam.amazonaws.com", .path = "/",
		.query = "Action=ListUsers&Version=2010-05-08", .headers = h, .nheaders = 1,
		.region = "us-east-1", .service = "iam", .when = 1440938160, /* 20150830T123600Z */
	};
	struct sigv4_output out;
	lo_error err = LO_ERROR_INIT;
	is_int(sigv4_sign(&in, &c, &out, &err), 0, "the documented example signs");
	is_str(out.amz_date, "20150830T123600Z", "X-Amz-Date");
	is_str(secret_reveal(out.authorization),
	       "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
	       "SignedHeaders=content-type;host;x-amz-date, "
	       "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
	       "the documented example's signature");
	sigv4_output_free(&out);

	c.session_token = secret_from_str("TOKEN");
	sigv4_sign(&in, &c, &out, &err);
	ok(strstr(secret_reveal(out.authorization),
		  "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token") != NULL,
	   "a session token is signed");
	sigv4_output_free(&out);
	aws_credentials_free(&c);

	is_int(sigv4_sign(&in, &c, &out, &err), LO_EXIT_ENV, "no credentials: an error");
	lo_error_clear(&err);
}

struct vector {
	const char *name, *method, *query, *ctype, *body, *token, *signature;
};

static const char suite_token[] =
	"AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpS"
	"PfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYw"
	"T7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKm"
	"lzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

static const struct vector suite[] = {
	{ "get-vanilla", "GET", NULL, NULL, "", NULL,
	  "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
	{ "post-vanilla", "POST", NULL, NULL, "", NULL,
	  "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
	{ "get-vanilla-query-order-key-case", "GET", "Param2=value2&Param1=value1", NULL, "", NULL,
	  "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
	{ "post-x-www-form-urlencoded", "POST", NULL, "application/x-www-form-urlencoded",
	  "Param1=value1", NULL, "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
	{ "post-sts-header-after", "POST", NULL, NULL, "", suite_token,
	  "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead" },
};

static void test_suite(void)
{
	for (size_t i = 0; i < sizeof suite / sizeof *suite; i++) {
		const struct vector *v = &suite[i];
		aws_credentials c = { 0 };
		c.access_key_id = xstrdup("AKIDEXAMPLE");
		c.secret_access_key = secret_from_str("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
		c.session_token = secret_from_str(v->token);
		struct aws_header h = { "Content-Type", v->ctype };
		struct sigv4_input in = {
			.method = v->method, .host = "example.amazonaws.com", .path = "/",
			.query = v->query, .headers = &h, .nheaders = v->ctype ? 1 : 0,
			.body = v->body, .body_len = strlen(v->body), .region = "us-east-1",
			.service = "service", .when = 1440938160,
		};
		struct sigv4_output out;
		lo_error err = LO_ERROR_INIT;
		sigv4_sign(&in, &c, &out, &err);
		const char *sig = strstr(secret_reveal(out.authorization), "Signature=");
		is_str(sig ? sig + 10 : NULL, v->signature, "test suite: %s", v->name);
		sigv4_output_free(&out);
		aws_credentials_free(&c);
	}
}

static void test_path(const char *in, const char *want)
{
	char *got = sigv4_canonical_path(in);
	is_str(got, want, "canonical path of '%s'", in);
	free(got);
}

static void test_query(const char *in, const char *want)
{
	char *got = sigv4_canonical_query(in);
	is_str(got, want, "canonical query of '%s'", in);
	free(got);
}

static void test_canonical(void)
{
	test_path("", "/");
	test_path("/", "/");
	test_path("/a/./b/../c", "/a/c");
	test_path("//a//b//", "/a/b/");
	test_path("/../..", "/");
	test_path("/my%20fn", "/my%2520fn");
	test_path("/~user/a b", "/~user/a%20b");
	test_path("/\xc3\xbc", "/%C3%BC");
	test_query("", "");
	test_query("b=2&a=1", "a=1&b=2");
	test_query("a=2&a=1&a=10", "a=1&a=10&a=2");
	test_query("a=&b&=c", "=c&a=&b=");
	test_query("a=b=c", "a=b=c");

	strbuf sb = STRBUF_INIT;
	aws_uri_encode(&sb, "a b/c~d+e=\xc3\xbc", false);
	is_str(sb_str(&sb), "a%20b%2Fc~d%2Be%3D%C3%BC", "URI encoding for forms and queries");
	sb_free(&sb);

	char hex[65];
	sigv4_sha256_hex("", 0, hex);
	is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	       "SHA-256 of the empty body");
}

static void test_url(void)
{
	struct aws_url u;
	ok(aws_url_parse("https://STS.eu-west-1.amazonaws.com:443/p/a?x=1#f", &u), "URL parses");
	is_str(u.host, "sts.eu-west-1.amazonaws.com", "host lowercased, default port dropped");
	is_str(u.path, "/p/a", "path");
	is_str(u.query, "x=1", "query without the fragment");
	aws_url_free(&u);
	ok(aws_url_parse("http://127.0.0.1:5000", &u), "URL with a port parses");
	is_str(u.host, "127.0.0.1:5000", "other ports stay");
	is_str(u.path, "", "no path");
	ok(u.query == NULL, "no query");
	aws_url_free(&u);
	ok(!aws_url_parse("not a url", &u), "no scheme: refused");
	aws_url_free(&u);
}

int main(void)
{
	test_aws_example();
	test_suite();
	test_canonical();
	test_url();
	return done_testing();
}
