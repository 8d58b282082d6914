/* test-config-arn.c - ARN parsing and the region/partition facts. */
#include "config.h"

#include <stdlib.h>

#include "config/arn.h"
#include "tap.h"

static void test_parse_ok(void)
{
	struct arn a;
	const char *why = NULL;
	ok(arn_parse("arn:aws:acm:eu-west-1:123456789012:certificate/abc-123", &a, &why),
	   "an ACM ARN parses");
	is_str(a.partition, "aws", "partition");
	is_str(a.service, "acm", "service");
	is_str(a.region, "eu-west-1", "region");
	is_str(a.account, "123456789012", "account");
	is_str(a.resource, "certificate/abc-123", "resource");
	arn_free(&a);

	ok(arn_parse("arn:aws:s3:::my-bucket", &a, &why), "an S3 bucket ARN parses");
	is_str(a.region, "", "S3: no region");
	is_str(a.account, "", "S3: no account");
	is_str(a.resource, "my-bucket", "S3: bucket");
	arn_free(&a);

	ok(arn_parse("arn:aws:secretsmanager:eu-west-1:123456789012:secret:a/b:c-AbC123", &a, &why),
	   "colons in the resource are kept");
	is_str(a.resource, "secret:a/b:c-AbC123", "resource keeps its colons");
	arn_free(&a);

	ok(arn_parse("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/x", &a, &why), "GovCloud");
	is_str(a.partition, "aws-us-gov", "GovCloud partition");
	arn_free(&a);
}

static void test_parse_bad(void)
{
	static const char *const bad[] = {
		"", "arn", "aws:acm:eu-west-1:123456789012:certificate/x",
		"arn:aws:acm:eu-west-1:123456789012", "arn:aws:acm:eu-west-1:123456789012:",
		"arn:aws:acm:eu-west-1:12345:certificate/x", "arn:aws:acm:eu-west-1:12345678901a:c/x",
		"arn:gcp:acm:eu-west-1:123456789012:certificate/x", "arn:aws::eu-west-1:123456789012:x",
		"arn:aws:ACM:eu-west-1:123456789012:x", "arn:aws:acm:eu west-1:123456789012:x",
		"arn:aws:acm:eu-west-1:123456789012:certificate/x y", NULL,
	};
	for (size_t i = 0; bad[i]; i++) {
		struct arn a;
		const char *why = NULL;
		bool parsed = arn_parse(bad[i], &a, &why);
		ok(!parsed && why, "refused with a reason: '%s'", bad[i]);
		if (parsed)
			arn_free(&a);
	}
}

static void test_regions(void)
{
	static const struct { const char *region, *partition; } cases[] = {
		{ "eu-west-1", "aws" }, { "us-east-1", "aws" }, { "ap-southeast-2", "aws" },
		{ "us-gov-west-1", "aws-us-gov" }, { "us-gov-east-1", "aws-us-gov" },
		{ "cn-north-1", "aws-cn" }, { "cn-northwest-1", "aws-cn" },
		{ "us-iso-east-1", "aws-iso" }, { "us-isob-east-1", "aws-iso-b" },
		{ "xx-newplace-7", "aws" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_str(arn_region_partition(cases[i].region), cases[i].partition, "%s is in %s",
		       cases[i].region, cases[i].partition);
	static const char *const malformed[] = { "", "eu", "Ireland", "eu-west", "eu-west-x",
						 "EU-WEST-1", "eu--1", "euw-west-1", "eu-west-1a", NULL };
	for (size_t i = 0; malformed[i]; i++) {
		ok(!arn_region_well_formed(malformed[i]), "'%s' is not a region code", malformed[i]);
		ok(arn_region_partition(malformed[i]) == NULL, "'%s' has no partition", malformed[i]);
	}
	ok(arn_region_known("eu-central-2"), "eu-central-2 is known");
	ok(!arn_region_known("xx-newplace-7"), "xx-newplace-7 is not known");
	ok(arn_region_well_formed("xx-newplace-7"), "but it is well-formed");
	ok(arn_account_valid("012345678901"), "12 digits is an account");
	ok(!arn_account_valid("12345678901"), "11 digits is not");
}

int main(void)
{
	test_parse_ok();
	test_parse_bad();
	test_regions();
	return done_testing();
}
