/* test-checks-aws.c - what the AWS checks share, without AWS: the one
 * mapping from an AWS error to a check result (network, timeout, denied,
 * other service errors, no or expired credentials), the license id, and
 * the HTTPS fetch's error and cancel paths on a real loop. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/aws_checks.h"
#include "checks/http_get.h"
#include "checks/license.h"
#include "tap.h"

static struct aws_error make_error(enum aws_error_kind kind, const char *code, const char *msg)
{
	struct aws_error e = { .kind = kind };
	e.service = strdup("EC2");
	e.operation = strdup("DescribeAddresses");
	e.endpoint = strdup("https://ec2.eu-west-1.amazonaws.com/");
	e.code = code ? strdup(code) : NULL;
	e.message = msg ? strdup(msg) : NULL;
	e.request_id = strdup("req-1");
	e.http_status = kind == AWS_ERR_SERVICE ? 400 : 0;
	e.attempts = 3;
	return e;
}

static void verdict(enum aws_error_kind kind, const char *code, const char *msg,
		    struct eval_verdict *v)
{
	struct aws_error e = make_error(kind, code, msg);
	struct eval_verdict init = EVAL_VERDICT_INIT;
	*v = init;
	check_aws_error_verdict(&e, "ec2:DescribeAddresses", v);
	aws_error_free(&e);
}

static const char *data_str(const struct eval_verdict *v, const char *key)
{
	return json_string_value(json_object_get(json_object_get(v->data, "error"), key));
}

static void test_errors(void)
{
	struct eval_verdict v;
	verdict(AWS_ERR_NETWORK, NULL, "Could not resolve host", &v);
	is_int(v.status, CHECK_FAIL, "network error: FAIL");
	ok(strncmp(v.detail, "network error: ", 15) == 0, "says network error: %s", v.detail);
	ok(strstr(v.detail, "not a verdict on the account") != NULL, "and that it is no verdict");
	ok(strstr(v.detail, "Could not resolve host") != NULL, "with libcurl's words");
	ok(v.hint && strstr(v.hint, "HTTPS_PROXY"), "hint: network settings");
	is_str(data_str(&v, "kind"), "network", "data.error.kind network");
	eval_verdict_free(&v);

	verdict(AWS_ERR_TIMEOUT, NULL, "Operation timed out", &v);
	ok(strncmp(v.detail, "network error: ", 15) == 0, "a timeout is a network error too");
	eval_verdict_free(&v);

	const char *denied[] = { "AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
				 "AuthorizationError" };
	for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
		verdict(AWS_ERR_SERVICE, denied[i], "not authorized", &v);
		is_int(v.status, CHECK_FAIL, "%s: FAIL", denied[i]);
		ok(strstr(v.detail, "access denied") && strstr(v.detail, "ec2:DescribeAddresses"),
		   "%s names the IAM action: %s", denied[i], v.detail);
		ok(v.hint && strstr(v.hint, "Allow ec2:DescribeAddresses"), "%s: hint allows it",
		   denied[i]);
		eval_verdict_free(&v);
	}

	verdict(AWS_ERR_SERVICE, "InvalidParameterValue", "bad filter", &v);
	is_str(v.detail, "EC2 DescribeAddresses failed: InvalidParameterValue: bad filter",
	       "another service error: code and message");
	is_str(data_str(&v, "code"), "InvalidParameterValue", "data.error.code");
	is_str(data_str(&v, "request_id"), "req-1", "data.error.request_id");
	eval_verdict_free(&v);

	struct aws_error e = make_error(AWS_ERR_NO_CREDENTIALS, NULL, "no credentials found");
	e.hint = strdup("Run `aws configure`.");
	struct eval_verdict w = EVAL_VERDICT_INIT;
	check_aws_error_verdict(&e, NULL, &w);
	is_int(w.status, CHECK_FAIL, "no credentials: FAIL");
	ok(strstr(w.detail, "no credentials found") != NULL, "with the chain's message");
	is_str(w.hint, "Run `aws configure`.", "and the chain's hint");
	eval_verdict_free(&w);
	aws_error_free(&e);

	verdict(AWS_ERR_CREDENTIALS, "ExpiredToken", "expired", &v);
	ok(strstr(v.detail, "expired") != NULL, "expired credentials say so: %s", v.detail);
	eval_verdict_free(&v);

	struct aws_error d = make_error(AWS_ERR_SERVICE, "AccessDeniedException", "x");
	ok(check_aws_denied(&d), "AccessDeniedException counts as denied");
	free(d.code);
	d.code = strdup("KMSAccessDeniedException");
	ok(!check_aws_denied(&d), "KMSAccessDeniedException is the database evaluator's");
	d.kind = AWS_ERR_NETWORK;
	ok(check_aws_code(&d) == NULL, "no service code for a network error");
	aws_error_free(&d);
}

static void test_license_id(void)
{
	is_str(license_id("arn:aws:license-manager::294406891311:license:l-0123abcd"), "l-0123abcd",
	       "license id from the ARN");
	is_str(license_id("odd"), "odd", "anything else as it is");
}

struct fetched {
	int calls;
	long status;
	char *error;
};

static void on_fetched(void *arg, long status, const char *body, size_t len, const char *error)
{
	(void)body;
	(void)len;
	struct fetched *f = arg;
	f->calls++;
	f->status = status;
	f->error = error ? strdup(error) : NULL;
}

static void test_http_get(void)
{
	lo_loop *loop = loop_new();
	struct fetched f = { 0 };
	struct http_get *g = http_get_start(loop, "https://127.0.0.1:1/x", 5000, on_fetched, &f);
	ok(g != NULL, "a fetch starts");
	is_int(f.calls, 0, "the callback never comes from the start");
	long long t0 = loop_now_ms();
	while (!f.calls && loop_now_ms() - t0 < 10000)
		loop_run_once(loop, 100);
	is_int(f.calls, 1, "a refused connection calls back once");
	ok(f.error != NULL, "with an error: %s", f.error ? f.error : "(none)");
	free(f.error);

	struct fetched c = { 0 };
	g = http_get_start(loop, "http://127.0.0.1:1/x", 5000, on_fetched, &c);
	t0 = loop_now_ms();
	while (!c.calls && loop_now_ms() - t0 < 10000)
		loop_run_once(loop, 100);
	ok(c.error != NULL, "plain http is refused: %s", c.error ? c.error : "(none)");
	free(c.error);

	struct fetched x = { 0 };
	g = http_get_start(loop, "https://127.0.0.1:1/x", 5000, on_fetched, &x);
	http_get_cancel(g);
	for (int i = 0; i < 5; i++)
		loop_run_once(loop, 20);
	is_int(x.calls, 0, "a cancelled fetch never calls back");
	loop_free(loop);
}

int main(void)
{
	test_errors();
	test_license_id();
	test_http_get();
	return done_testing();
}
