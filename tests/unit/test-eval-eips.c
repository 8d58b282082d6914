/* test-eval-eips.c - ec2.eips's verdict: enough, too few, a denied quota
 * API, a raised quota, a custom VPC, and the shared eval helpers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_eips.h"
#include "tap.h"

static struct eval_verdict run(double quota, bool denied, int allocated, bool custom)
{
	struct eval_eips_input in = { quota, denied, allocated, "eu-west-1", custom };
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_eips(&in, &v);
	return v;
}

static void test_eips(void)
{
	struct eval_verdict v = run(5.0, false, 2, false);
	is_int(v.status, CHECK_PASS, "5 - 2 = 3 free: pass");
	ok(strstr(v.detail, "3 of 5") != NULL, "detail: %s", v.detail);
	is_int(json_integer_value(json_object_get(v.data, "available")), 3, "data: available");
	is_str(eval_json_str(v.data, "quota_source"), "service-quotas", "data: quota source");
	ok(v.hint == NULL, "no hint on a pass");
	eval_verdict_free(&v);

	v = run(5.0, false, 3, false);
	is_int(v.status, CHECK_FAIL, "5 - 3 = 2 free: fail");
	ok(v.hint && strstr(v.hint, "--quota-code L-0263D0A3 --desired-value 6 --region eu-west-1"),
	   "hint has the exact command: %s", v.hint);
	ok(strstr(v.hint, "another region") != NULL, "hint offers another region");
	ok(strstr(v.hint, "Service Quotas console") != NULL, "hint names the console");
	eval_verdict_free(&v);

	v = run(5.0, false, 9, false);
	is_int(v.status, CHECK_FAIL, "more allocated than the quota: fail");
	is_int(json_integer_value(json_object_get(v.data, "available")), 0, "never negative");
	eval_verdict_free(&v);

	v = run(20.0, false, 9, false);
	is_int(v.status, CHECK_PASS, "a raised quota of 20: pass");
	eval_verdict_free(&v);

	v = run(0, true, 1, false);
	is_int(v.status, CHECK_PASS, "denied, default 5 - 1: pass");
	ok(strstr(v.detail, "assumed the default quota of 5") != NULL, "detail says so: %s",
	   v.detail);
	is_str(eval_json_str(v.data, "quota_source"), "default", "data: default quota");
	eval_verdict_free(&v);

	v = run(0, true, 4, false);
	is_int(v.status, CHECK_FAIL, "denied, default 5 - 4: fail");
	ok(v.hint && strstr(v.hint, "servicequotas:GetServiceQuota"), "hint names the permission");
	eval_verdict_free(&v);

	v = run(5.0, false, 5, true);
	is_int(v.status, CHECK_SKIP, "custom VPC: skip");
	ok(strstr(v.detail, "use_custom_vpc") != NULL, "detail says why");
	eval_verdict_free(&v);
}

static void test_helpers(void)
{
	ok(eval_glob("sns:*", "SNS:Publish", true), "glob: case-insensitive star");
	ok(!eval_glob("sns:*", "SNS:Publish", false), "glob: case-sensitive");
	ok(eval_glob("sns:Pub?ish", "sns:Publish", false), "glob: question mark");
	ok(!eval_glob("sns:Pub?", "sns:Publish", false), "glob: ? is one character");
	ok(eval_glob("*", "", false), "glob: star matches empty");
	ok(eval_glob("a*b*c", "axxbyyc", false), "glob: two stars");
	ok(!eval_glob("a*b*c", "axxbyy", false), "glob: two stars, no match");
	ok(eval_glob("arn:aws:sns:*:123:*", "arn:aws:sns:eu-west-1:123:t", false), "glob: ARN");

	time_t t;
	ok(eval_parse_iso8601("2026-01-02T03:04:05Z", &t) && t == 1767323045, "iso: Z");
	ok(eval_parse_iso8601("2026-01-02T03:04:05.123Z", &t) && t == 1767323045,
	   "iso: fraction");
	ok(eval_parse_iso8601("2026-01-02T05:04:05+02:00", &t) && t == 1767323045,
	   "iso: offset");
	ok(eval_parse_iso8601("2026-01-02T01:04:05-0200", &t) && t == 1767323045,
	   "iso: offset without a colon");
	ok(!eval_parse_iso8601("2026-01-02T03:04:05+2", &t), "iso: a short offset");
	ok(!eval_parse_iso8601("2026-01-02T03:04:05", &t), "iso: no zone is not one");
	ok(!eval_parse_iso8601("2026-01-02", &t), "iso: date only is not one");
	ok(!eval_parse_iso8601("2026-13-02T03:04:05Z", &t), "iso: month 13");
	ok(!eval_parse_iso8601(NULL, &t), "iso: NULL");

	is_int(eval_days_left(1000 + 86400 * 3, 1000), 3, "days left: 3");
	is_int(eval_days_left(1000 + 86399, 1000), 0, "days left: under one day is 0");
	is_int(eval_days_left(999, 1000), -1, "days left: one second late is -1");

	char *f = eval_arn_field("arn:aws:acm:eu-west-1:123:certificate/a:b", 3);
	is_str(f, "eu-west-1", "arn field 3: region");
	free(f);
	f = eval_arn_field("arn:aws:acm:eu-west-1:123:certificate/a:b", 5);
	is_str(f, "certificate/a:b", "arn field 5: the resource, colons and all");
	free(f);
	ok(eval_arn_field("arn:aws", 3) == NULL, "arn field past the end");
	ok(eval_arn_field("nope", 1) == NULL, "not an arn");
}

/* eval_complete hands a verdict to the engine as it is. */
static void run_with_verdict(struct check_run *run)
{
	struct eval_eips_input in = { 5.0, false, 4, "eu-west-1", false };
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_eips(&in, &v);
	eval_complete(run, &v);
	ok(v.detail == NULL && v.data == NULL, "eval_complete frees the verdict");
}

static void test_complete(void)
{
	static const struct check_def table[] = {
		{ "ec2.eips", "Elastic IPs", NULL, 0, run_with_verdict },
	};
	lo_loop *loop = loop_new();
	struct check_ctx ctx = { .loop = loop };
	lo_error err = LO_ERROR_INIT;
	struct checks_runner *r = checks_runner_new(table, 1, &ctx, &err);
	if (!r)
		bail_out("checks_runner_new: %s", err.message);
	checks_runner_run(r);
	const struct check_result *res = checks_runner_result(r, 0);
	is_int(res->status, CHECK_FAIL, "engine: the verdict's status");
	ok(res->detail && strstr(res->detail, "only 1 of 5"), "engine: its detail: %s",
	   res->detail);
	ok(res->hint && strstr(res->hint, "L-0263D0A3"), "engine: its hint");
	is_int(json_integer_value(json_object_get(res->data, "available")), 1, "engine: its data");
	checks_runner_free(r);
	loop_free(loop);
}

int main(void)
{
	test_eips();
	test_helpers();
	test_complete();
	return done_testing();
}
