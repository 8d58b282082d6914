/* test-aws-proto.c - the error parsers (query, EC2, JSON, odd bodies),
 * the retry classification, the form encoder and the XML helpers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/proto.h"
#include "tap.h"

static void xml_error(const char *body, const char *code, const char *msg, const char *rid,
		      const char *what)
{
	struct aws_error e;
	memset(&e, 0, sizeof e);
	aws_parse_error_xml(body, strlen(body), &e);
	is_str(e.code, code, "%s: code", what);
	is_str(e.message, msg, "%s: message", what);
	is_str(e.request_id, rid, "%s: request id", what);
	aws_error_free(&e);
}

static void json_error(const char *body, const char *header, const char *code, const char *msg,
		       const char *what)
{
	struct aws_error e;
	memset(&e, 0, sizeof e);
	aws_parse_error_json(body, body ? strlen(body) : 0, header, &e);
	is_str(e.code, code, "%s: code", what);
	is_str(e.message, msg, "%s: message", what);
	aws_error_free(&e);
}

static void test_parsers(void)
{
	xml_error("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
		  "<Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token "
		  "included in the request is expired</Message></Error><RequestId>abc-1</RequestId>"
		  "</ErrorResponse>",
		  "ExpiredToken", "The security token included in the request is expired", "abc-1",
		  "query ErrorResponse");
	xml_error("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error>"
		  "<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message>"
		  "</Error></Errors><RequestID>ec2-rid</RequestID></Response>",
		  "RequestLimitExceeded", "Request limit exceeded.", "ec2-rid", "EC2 Response/Errors");
	xml_error("<html><body>Bad gateway</body></html>", NULL, NULL, NULL, "an HTML page");
	xml_error("not xml at all", NULL, NULL, NULL, "garbage");
	xml_error("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ErrorResponse><Error>"
		  "<Code>C</Code><Message>&e;</Message></Error></ErrorResponse>",
		  "C", "", NULL, "external entities are not expanded");

	json_error("{\"__type\":\"com.amazonaws.kms#NotFoundException\",\"message\":\"Invalid keyId\"}",
		   NULL, "NotFoundException", "Invalid keyId", "JSON __type with a prefix");
	json_error("{\"__type\":\"ThrottlingException\",\"Message\":\"Rate exceeded\"}", NULL,
		   "ThrottlingException", "Rate exceeded", "JSON Message");
	json_error("{\"message\":\"m\"}",
		   "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
		   "ValidationException", "m", "x-amzn-ErrorType header");
	json_error("", NULL, NULL, NULL, "an empty body");
	json_error("<html>", NULL, NULL, NULL, "not JSON");
}

static void test_classes(void)
{
	static const char *const throttling[] = {
		"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
		"TooManyRequestsException", "ProvisionedThroughputExceededException",
		"TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
		"LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
		"EC2ThrottledException",
	};
	for (size_t i = 0; i < sizeof throttling / sizeof *throttling; i++)
		ok(aws_code_is_throttling(throttling[i], NULL), "%s is throttling", throttling[i]);
	ok(aws_code_is_throttling("Whatever", "Rate exceeded"), "'Rate exceeded' is throttling");
	ok(!aws_code_is_throttling("AccessDenied", "no"), "AccessDenied is not throttling");
	ok(aws_code_is_transient("RequestTimeout"), "RequestTimeout is transient");
	ok(aws_code_is_transient("RequestTimeoutException"), "RequestTimeoutException is transient");
	ok(aws_code_is_transient("PriorRequestNotComplete"), "PriorRequestNotComplete is transient");
	ok(aws_code_is_expired("ExpiredToken"), "ExpiredToken is expired");
	ok(aws_code_is_expired("ExpiredTokenException"), "ExpiredTokenException is expired");
	ok(aws_code_is_expired("RequestExpired"), "RequestExpired is expired");
	ok(!aws_code_is_expired(NULL), "no code is not expired");
}

static void test_form_and_xml(void)
{
	strbuf sb = STRBUF_INIT;
	aws_form_add(&sb, "TemplateBody", "{\"a\": \"b c&d=e\"}");
	aws_form_add(&sb, "Names.member.1", "x/y~z");
	is_str(sb_str(&sb), "&TemplateBody=%7B%22a%22%3A%20%22b%20c%26d%3De%22%7D&Names.member.1=x%2Fy~z",
	       "form encoding");
	sb_free(&sb);

	const char *x = "<R xmlns=\"urn:x\"><A><B>1</B><B>2</B></A><C>true</C><N>42</N></R>";
	xmlDoc *doc = aws_xml_parse(x, strlen(x));
	xmlNode *root = xmlDocGetRootElement(doc);
	char *t = aws_xml_text(root, "A/B");
	is_str(t, "1", "path by local name, namespace ignored");
	free(t);
	xmlNode *b = aws_xml_path(root, "A/B");
	t = aws_xml_text(aws_xml_next(b, "B"), NULL);
	is_str(t, "2", "next sibling");
	free(t);
	ok(aws_xml_bool(root, "C"), "boolean");
	is_int(aws_xml_int(root, "N", 0), 42, "integer");
	is_int(aws_xml_int(root, "Missing", -1), -1, "missing integer: the default");
	ok(aws_xml_text(root, "A/Missing") == NULL, "missing text: NULL");
	xmlFreeDoc(doc);

	json_t *o = json_pack("{s:f, s:s}", "T", 1767225600.5, "S", "2026-01-01T00:00:00Z");
	char *s = aws_json_time(o, "T");
	is_str(s, "2026-01-01T00:00:00Z", "epoch seconds become ISO 8601");
	free(s);
	s = aws_json_time(o, "S");
	is_str(s, "2026-01-01T00:00:00Z", "ISO text stays");
	free(s);
	json_decref(o);
}

static void test_error_text(void)
{
	struct aws_error e = { 0 };
	e.kind = AWS_ERR_SERVICE;
	e.service = xstrdup("STS");
	e.operation = xstrdup("GetCallerIdentity");
	e.http_status = 403;
	e.code = xstrdup("InvalidClientTokenId");
	e.message = xstrdup("The security token included in the request is invalid.");
	e.request_id = xstrdup("r-1");
	e.attempts = 1;
	lo_error err = LO_ERROR_INIT;
	aws_error_to_lo(&e, &err);
	is_str(err.message,
	       "STS GetCallerIdentity failed: InvalidClientTokenId: The security token included in "
	       "the request is invalid. (HTTP 403, request id r-1, attempts: 1)",
	       "service error text");
	is_int(err.code, LO_EXIT_ENV, "exit 3");
	lo_error_clear(&err);
	e.kind = AWS_ERR_CREDENTIALS;
	aws_error_to_lo(&e, &err);
	ok(strstr(err.message, "expired") != NULL, "expired credentials: says so");
	ok(err.hint && strstr(err.hint, "aws sso login"), "and how to renew them");
	lo_error_clear(&err);
	e.kind = AWS_ERR_NETWORK;
	aws_error_to_lo(&e, &err);
	ok(str_starts_with(err.message, "network error calling STS GetCallerIdentity"),
	   "network errors say so");
	lo_error_clear(&err);
	aws_error_free(&e);
}

int main(void)
{
	test_parsers();
	test_classes();
	test_form_and_xml();
	test_error_text();
	return done_testing();
}
