/* test-eval-sns.c - alerting.sns-topic's verdict: every form of
 * Principal, Action and Resource, the Not- forms, conditions, explicit
 * denies, open topics, and broken or missing policies. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_sns.h"
#include "tap.h"
#include "eval-fixtures.h"

#define TOPIC "arn:aws:sns:eu-west-1:123456789012:alerts"

static struct eval_verdict run_policy(const char *policy)
{
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_sns_policy(TOPIC, true, policy, &v);
	return v;
}

/* A one-statement policy from the parts. */
static struct eval_verdict run_statement(const char *fmt_parts)
{
	char *policy = xasprintf("{\"Version\":\"2012-10-17\",\"Statement\":[%s]}", fmt_parts);
	struct eval_verdict v = run_policy(policy);
	free(policy);
	return v;
}

static void expect(const char *stmt, enum check_status want, const char *what)
{
	struct eval_verdict v = run_statement(stmt);
	if (!is_int(v.status, want, "%s", what))
		diag("detail: %s", v.detail);
	eval_verdict_free(&v);
}

#define SVC "\"Principal\":{\"Service\":\"cloudwatch.amazonaws.com\"}"
#define PUB "\"Action\":\"SNS:Publish\""
#define RES "\"Resource\":\"" TOPIC "\""

static void test_fixtures(void)
{
	char *p = fixture_read("sns-guide-example.json");
	struct eval_verdict v = run_policy(p);
	is_int(v.status, CHECK_PASS, "the guide's example policy: pass");
	ok(v.hint == NULL, "no hint");
	is_str(json_string_value(json_array_get(json_object_get(v.data, "granted_by"), 0)),
	       "AllowCloudWatchAlarms", "data: granted by the Sid");
	eval_verdict_free(&v);
	free(p);

	p = fixture_read("sns-default-policy.json");
	v = run_policy(p);
	is_int(v.status, CHECK_WARN, "AWS's default topic policy: warn (conditional)");
	ok(strstr(v.detail, "allowed only under conditions") &&
	   strstr(v.detail, "StringEquals AWS:SourceOwner"), "detail names the condition: %s",
	   v.detail);
	ok(v.hint && strstr(v.hint, "\"Service\": \"cloudwatch.amazonaws.com\""),
	   "hint has the statement to add: %s", v.hint);
	ok(json_is_object(json_object_get(v.data, "statement_to_add")), "data: statement_to_add");
	eval_verdict_free(&v);
	free(p);
}

static void test_principals(void)
{
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "}", CHECK_PASS, "Service string");
	expect("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\","
	       "\"cloudwatch.amazonaws.com\"]}," PUB "," RES "}", CHECK_PASS, "Service list");
	expect("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},"
	       PUB "," RES "}", CHECK_FAIL, "another service: fail");
	expect("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\"]},"
	       PUB "," RES "}", CHECK_FAIL, "an AWS account does not grant a service");
	expect("{\"Effect\":\"Allow\",\"Principal\":\"*\"," PUB "," RES "}", CHECK_WARN,
	       "Principal \"*\": warn, open");
	expect("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"}," PUB "," RES "}", CHECK_WARN,
	       "Principal {AWS: *}: warn, open");
	expect("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::1:root\",\"*\"]},"
	       PUB "," RES "}", CHECK_WARN, "AWS list with *: warn, open");
	expect("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::1:root\"},"
	       PUB "," RES "}", CHECK_WARN, "NotPrincipal of someone else: allowed, open");
	expect("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"Service\":\"cloudwatch.amazonaws.com\"},"
	       PUB "," RES "}", CHECK_FAIL, "NotPrincipal naming CloudWatch: fail");
	expect("{\"Effect\":\"Allow\"," PUB "," RES "}", CHECK_FAIL, "no principal: fail");
	expect("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"CloudWatch.AmazonAWS.com\"},"
	       PUB "," RES "}", CHECK_PASS, "service name case-insensitive");

	struct eval_verdict v = run_statement("{\"Sid\":\"Open\",\"Effect\":\"Allow\","
					      "\"Principal\":\"*\",\"Action\":\"sns:*\"," RES "}");
	ok(strstr(v.detail, "everyone") && strstr(v.detail, "Open"), "open: detail says so: %s",
	   v.detail);
	eval_verdict_free(&v);
	v = run_statement("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},"
			  "{\"Sid\":\"Open\",\"Effect\":\"Allow\",\"Principal\":\"*\"," PUB ","
			  RES "}");
	is_int(v.status, CHECK_WARN, "specific and open: still warn");
	ok(v.hint && strstr(v.hint, "Remove the statements that allow everyone"), "hint: %s",
	   v.hint);
	eval_verdict_free(&v);
}

static void test_actions(void)
{
	const char *yes[] = { "\"sns:Publish\"", "\"SNS:PUBLISH\"", "\"SNS:*\"", "\"sns:Pub*\"",
			      "\"*\"", "\"sns:Pu?lish\"", "[\"sns:Subscribe\",\"sns:Publish\"]" };
	const char *no[] = { "\"sns:Subscribe\"", "\"sqs:Publish\"", "\"sns:Pub\"",
			     "[\"sns:Subscribe\",\"sns:DeleteTopic\"]", "\"sns:Publish?\"" };
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		char *st = xasprintf("{\"Effect\":\"Allow\"," SVC ",\"Action\":%s," RES "}", yes[i]);
		char *what = xasprintf("Action %s matches", yes[i]);
		expect(st, CHECK_PASS, what);
		free(st);
		free(what);
	}
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		char *st = xasprintf("{\"Effect\":\"Allow\"," SVC ",\"Action\":%s," RES "}", no[i]);
		char *what = xasprintf("Action %s does not", no[i]);
		expect(st, CHECK_FAIL, what);
		free(st);
		free(what);
	}
	expect("{\"Effect\":\"Allow\"," SVC ",\"NotAction\":\"sns:DeleteTopic\"," RES "}",
	       CHECK_PASS, "NotAction of another action: allowed");
	expect("{\"Effect\":\"Allow\"," SVC ",\"NotAction\":[\"sns:Pub*\"]," RES "}",
	       CHECK_FAIL, "NotAction of Publish: not allowed");
	expect("{\"Effect\":\"Allow\"," SVC "," RES "}", CHECK_FAIL, "no action: fail");
}

static void test_resources(void)
{
	expect("{\"Effect\":\"Allow\"," SVC "," PUB ",\"Resource\":\"*\"}", CHECK_PASS,
	       "Resource *");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB ",\"Resource\":\"arn:aws:sns:*:123456789012:*\"}",
	       CHECK_PASS, "Resource with wildcards");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB ",\"Resource\":[\"arn:aws:sns:eu-west-1:"
	       "123456789012:other\",\"" TOPIC "\"]}", CHECK_PASS, "Resource list");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB ",\"Resource\":\"arn:aws:sns:eu-west-1:"
	       "123456789012:other\"}", CHECK_FAIL, "another topic: fail");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB ",\"Resource\":\"arn:aws:sns:eu-west-1:"
	       "123456789012:ALERTS\"}", CHECK_FAIL, "resource case matters");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB ",\"NotResource\":\"arn:aws:sns:*:*:other\"}",
	       CHECK_PASS, "NotResource of another topic: allowed");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB ",\"NotResource\":\"" TOPIC "\"}",
	       CHECK_FAIL, "NotResource of this topic: not allowed");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "}", CHECK_PASS,
	       "no Resource: the topic it is attached to");
}

static void test_denies(void)
{
	struct eval_verdict v = run_statement(
		"{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},"
		"{\"Sid\":\"NoPublish\",\"Effect\":\"Deny\",\"Principal\":\"*\","
		"\"Action\":\"sns:*\"," RES "}");
	is_int(v.status, CHECK_FAIL, "an explicit deny wins");
	ok(strstr(v.detail, "NoPublish") != NULL, "detail names the Sid: %s", v.detail);
	ok(v.hint && strstr(v.hint, "Remove statement NoPublish"), "hint: %s", v.hint);
	ok(!json_object_get(v.data, "statement_to_add"), "adding would not help: no statement");
	eval_verdict_free(&v);

	v = run_statement("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},"
			  "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sns:*\"," RES "}");
	ok(strstr(v.detail, "statement 2") != NULL, "a deny without Sid is numbered: %s",
	   v.detail);
	eval_verdict_free(&v);

	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},"
	       "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sns:Subscribe\"," RES "}",
	       CHECK_PASS, "a deny of another action does not matter");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},"
	       "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::1:root\"}," PUB ","
	       RES "}", CHECK_PASS, "a deny of an account does not touch the service");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},"
	       "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Service\":\"cloudwatch.amazonaws.com\"},"
	       PUB "," RES "}", CHECK_PASS, "deny everyone but CloudWatch: pass");

	v = run_statement("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},"
			  "{\"Sid\":\"TlsOnly\",\"Effect\":\"Deny\",\"Principal\":\"*\"," PUB ","
			  RES ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}");
	is_int(v.status, CHECK_WARN, "a conditional deny: warn");
	ok(strstr(v.detail, "TlsOnly (Bool aws:SecureTransport)") != NULL, "detail: %s",
	   v.detail);
	eval_verdict_free(&v);
}

static void test_conditions_and_shape(void)
{
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES ",\"Condition\":{}}", CHECK_PASS,
	       "an empty Condition is no condition");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES ",\"Condition\":{\"StringEquals\":"
	       "{\"aws:Referer\":\"x\"}}}", CHECK_WARN, "a conditional allow: warn");
	/* The conditions AWS recommends for alarms are met by this account's alarms. */
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES ",\"Condition\":{\"ArnLike\":"
	       "{\"aws:SourceArn\":\"arn:aws:cloudwatch:*\"}}}", CHECK_PASS,
	       "SourceArn arn:aws:cloudwatch:* admits the alarms");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES ",\"Condition\":{\"ArnLike\":"
	       "{\"aws:SourceArn\":\"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*\"},"
	       "\"StringEquals\":{\"aws:SourceAccount\":[\"111\",\"123456789012\"]}}}",
	       CHECK_PASS, "SourceArn of this account's alarms and SourceAccount: pass");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES ",\"Condition\":{\"ArnLike\":"
	       "{\"aws:SourceArn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:*\"}}}",
	       CHECK_WARN, "SourceArn of another region's alarms: warn");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES ",\"Condition\":{\"StringEquals\":"
	       "{\"aws:SourceAccount\":\"999999999999\"}}}", CHECK_WARN,
	       "SourceAccount of another account: warn");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES ",\"Condition\":{\"StringEquals\":"
	       "{\"aws:SourceAccount\":\"123456789012\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}}",
	       CHECK_WARN, "SourceAccount plus another condition: warn");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},{\"Effect\":\"Deny\"," SVC ","
	       PUB "," RES ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}",
	       CHECK_FAIL, "a Deny whose condition the alarms meet: fail");
	expect("{\"Effect\":\"Allow\"," SVC "," PUB "," RES "},{\"Effect\":\"Allow\"," SVC ","
	       PUB "," RES ",\"Condition\":{\"Bool\":{\"x\":\"y\"}}}", CHECK_PASS,
	       "one unconditional allow is enough");
	expect("{\"Effect\":\"allow\"," SVC "," PUB "," RES "}", CHECK_FAIL,
	       "Effect is case-sensitive");

	struct eval_verdict v = run_policy("{\"Statement\":{\"Effect\":\"Allow\"," SVC "," PUB ","
					   RES "}}");
	is_int(v.status, CHECK_PASS, "Statement as a single object");
	eval_verdict_free(&v);

	v = run_policy("{\"Statement\":[]}");
	is_int(v.status, CHECK_FAIL, "no statements: fail");
	ok(v.hint && strstr(v.hint, "\"Resource\": \"" TOPIC "\""),
	   "hint fills in the topic ARN: %s", v.hint);
	ok(v.hint && strstr(v.hint, "\"Action\": \"SNS:Publish\""), "hint has the action");
	eval_verdict_free(&v);

	v = run_policy("{not json");
	is_int(v.status, CHECK_FAIL, "unparseable: fail");
	ok(strstr(v.detail, "could not be read") != NULL, "detail: %s", v.detail);
	eval_verdict_free(&v);
	v = run_policy(NULL);
	is_int(v.status, CHECK_FAIL, "no policy: fail");
	ok(strstr(v.detail, "no access policy") != NULL, "detail: %s", v.detail);
	eval_verdict_free(&v);
	v = run_policy("[1,2]");
	is_int(v.status, CHECK_FAIL, "not an object: fail");
	eval_verdict_free(&v);
}

static void test_topic(void)
{
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_sns_policy(TOPIC, false, NULL, &v);
	is_int(v.status, CHECK_FAIL, "topic not found: fail");
	ok(strstr(v.detail, "does not exist") != NULL, "detail: %s", v.detail);
	eval_verdict_free(&v);
	eval_sns_policy("", true, NULL, &v);
	is_int(v.status, CHECK_SKIP, "no topic configured: skip");
	eval_verdict_free(&v);
	eval_sns_policy("arn:aws:sqs:eu-west-1:1:q", true, "{}", &v);
	is_int(v.status, CHECK_FAIL, "an SQS ARN: fail");
	eval_verdict_free(&v);
	eval_sns_policy("alerts", true, "{}", &v);
	is_int(v.status, CHECK_FAIL, "a bare name: fail");
	eval_verdict_free(&v);

	json_t *st = eval_sns_statement(TOPIC);
	is_str(eval_json_str(st, "Resource"), TOPIC, "statement: the resource");
	is_str(eval_json_str(json_object_get(st, "Principal"), "Service"),
	       "cloudwatch.amazonaws.com", "statement: the principal");
	json_decref(st);
}

int main(void)
{
	test_fixtures();
	test_principals();
	test_actions();
	test_resources();
	test_denies();
	test_conditions_and_shape();
	test_topic();
	return done_testing();
}
