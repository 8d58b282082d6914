/* test-eval-partition.c - aws.partition's verdict: region to partition,
 * matching and mismatching credentials, and broken inputs. */
#include "config.h"

#include <string.h>

#include "checks/eval_partition.h"
#include "tap.h"

static struct eval_verdict run(const char *arn, const char *region)
{
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_partition(arn, region, &v);
	return v;
}

static void test_regions(void)
{
	is_str(eval_region_partition("eu-west-1"), "aws", "eu-west-1 is aws");
	is_str(eval_region_partition("us-east-1"), "aws", "us-east-1 is aws");
	is_str(eval_region_partition("us-gov-west-1"), "aws-us-gov", "us-gov-west-1 is GovCloud");
	is_str(eval_region_partition("cn-northwest-1"), "aws-cn", "cn-northwest-1 is China");
	is_str(eval_region_partition("us-iso-east-1"), "aws-iso", "us-iso-east-1 is ISO");
	is_str(eval_region_partition("us-isob-east-1"), "aws-iso-b", "ISOB before ISO");
	is_str(eval_region_partition(NULL), "aws", "NULL region is the default");
}

static void test_match(void)
{
	struct eval_verdict v = run("arn:aws:iam::123456789012:user/alice", "eu-west-1");
	is_int(v.status, CHECK_PASS, "aws credentials, aws region: pass");
	ok(strstr(v.detail, "eu-west-1") != NULL, "detail names the region: %s", v.detail);
	is_str(eval_json_str(v.data, "credentials_partition"), "aws", "data: credentials");
	is_str(eval_json_str(v.data, "region_partition"), "aws", "data: region");
	eval_verdict_free(&v);

	v = run("arn:aws-us-gov:sts::123456789012:assumed-role/r/s", "us-gov-east-1");
	is_int(v.status, CHECK_PASS, "GovCloud credentials, GovCloud region: pass");
	eval_verdict_free(&v);

	v = run("arn:aws-cn:iam::123456789012:root", "cn-north-1");
	is_int(v.status, CHECK_PASS, "China credentials, China region: pass");
	eval_verdict_free(&v);
}

static void test_mismatch(void)
{
	struct eval_verdict v = run("arn:aws-us-gov:iam::123456789012:user/bob", "eu-west-1");
	is_int(v.status, CHECK_FAIL, "GovCloud credentials, eu-west-1: fail");
	ok(strstr(v.detail, "GovCloud") && strstr(v.detail, "eu-west-1"),
	   "detail names both sides: %s", v.detail);
	ok(strstr(v.detail, "could not find AWS account ID") != NULL,
	   "detail names the installer's error");
	ok(v.hint && strstr(v.hint, "us-gov-west-1") && strstr(v.hint, "--profile"),
	   "hint gives both fixes: %s", v.hint);
	eval_verdict_free(&v);

	v = run("arn:aws:iam::123456789012:user/bob", "us-gov-west-1");
	is_int(v.status, CHECK_FAIL, "standard credentials, GovCloud region: fail");
	ok(v.hint && strstr(v.hint, "eu-west-1"), "hint suggests a standard region");
	eval_verdict_free(&v);

	v = run("arn:aws-cn:iam::123456789012:user/bob", "us-east-1");
	is_int(v.status, CHECK_FAIL, "China credentials, us-east-1: fail");
	ok(strstr(v.detail, "China") != NULL, "detail says China");
	eval_verdict_free(&v);

	v = run("arn:aws-mars:iam::123456789012:user/bob", "us-east-1");
	is_int(v.status, CHECK_FAIL, "an unknown partition: fail");
	ok(strstr(v.detail, "aws-mars") != NULL, "detail names it");
	eval_verdict_free(&v);
}

static void test_broken(void)
{
	struct eval_verdict v = run("not an arn", "eu-west-1");
	is_int(v.status, CHECK_FAIL, "not an ARN: fail");
	eval_verdict_free(&v);
	v = run(NULL, "eu-west-1");
	is_int(v.status, CHECK_FAIL, "no ARN: fail");
	eval_verdict_free(&v);
	v = run("arn:aws:iam::1:user/x", "");
	is_int(v.status, CHECK_FAIL, "no region: fail");
	ok(v.hint && strstr(v.hint, "aws_region"), "hint names aws_region");
	eval_verdict_free(&v);
}

int main(void)
{
	test_regions();
	test_match();
	test_mismatch();
	test_broken();
	return done_testing();
}
