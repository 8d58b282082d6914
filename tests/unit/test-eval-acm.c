/* test-eval-acm.c - acm.certificate's verdict: name coverage (exact,
 * wildcard, SANs, case), the ARN's region and account, every status, the
 * DNS validation record, expiry and its warning, and the wizard's ranked
 * list of candidates. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_acm.h"
#include "tap.h"

#define ARN "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f"
#define NOW ((time_t)1800000000)
#define DAY 86400

static json_t *cert(const char *status, const char *domain, json_t *sans, long long not_after)
{
	json_t *c = json_pack("{s:s, s:s, s:s, s:o}", "CertificateArn", ARN, "DomainName", domain,
			      "Status", status, "SubjectAlternativeNames",
			      sans ? sans : json_pack("[s]", domain));
	if (not_after)
		json_object_set_new(c, "NotAfter", json_integer(not_after));
	return c;
}

static struct eval_verdict run_full(const char *arn, bool found, json_t *c, const char *host)
{
	struct eval_acm_input in = { arn, found, c, "eu-west-1", "123456789012", host, NOW };
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_acm_certificate(&in, &v);
	json_decref(c);
	return v;
}

static struct eval_verdict run(json_t *c, const char *host)
{
	return run_full(ARN, true, c, host);
}

static void test_covers(void)
{
	ok(eval_acm_name_covers("spacelift.example.com", "spacelift.example.com"), "exact");
	ok(eval_acm_name_covers("Spacelift.Example.COM", "spacelift.example.com"),
	   "exact, case-insensitive");
	ok(eval_acm_name_covers("*.example.com", "a.example.com"), "wildcard, one level");
	ok(eval_acm_name_covers("*.EXAMPLE.com", "A.example.COM"), "wildcard, any case");
	ok(!eval_acm_name_covers("*.example.com", "example.com"), "wildcard not the apex");
	ok(!eval_acm_name_covers("*.example.com", "a.b.example.com"), "wildcard not two levels");
	ok(!eval_acm_name_covers("*.example.com", "aexample.com"), "wildcard needs the dot");
	ok(!eval_acm_name_covers("example.com", "a.example.com"), "apex does not cover a sub");
	ok(eval_acm_name_covers("a.example.com.", "a.example.com"), "trailing dot");
	ok(!eval_acm_name_covers("", "a.example.com"), "empty name");
	ok(!eval_acm_name_covers("*.example.com", ".example.com"), "empty label");
}

static void test_pass_and_expiry(void)
{
	struct eval_verdict v = run(cert("ISSUED", "spacelift.example.com", NULL,
					 NOW + 200LL * DAY), "spacelift.example.com");
	is_int(v.status, CHECK_PASS, "issued, exact, 200 days: pass");
	ok(strstr(v.detail, "valid until 2027-") != NULL, "detail has the date: %s", v.detail);
	is_int(json_integer_value(json_object_get(v.data, "days_left")), 200, "data: days_left");
	is_str(eval_json_str(v.data, "covered_by"), "spacelift.example.com", "data: covered_by");
	eval_verdict_free(&v);

	v = run(cert("ISSUED", "example.com", json_pack("[s,s]", "example.com", "*.example.com"),
		     NOW + 100LL * DAY), "spacelift.example.com");
	is_int(v.status, CHECK_PASS, "covered by a wildcard SAN: pass");
	ok(strstr(v.detail, "*.example.com") != NULL, "detail names the SAN: %s", v.detail);
	eval_verdict_free(&v);

	v = run(cert("ISSUED", "spacelift.example.com", NULL, NOW + 10LL * DAY),
		"spacelift.example.com");
	is_int(v.status, CHECK_WARN, "expires in 10 days: warn");
	ok(strstr(v.detail, "in 10 days") != NULL, "detail: %s", v.detail);
	ok(v.hint && strstr(v.hint, "renews"), "hint about renewal");
	eval_verdict_free(&v);

	v = run(cert("ISSUED", "spacelift.example.com", NULL, NOW + 30LL * DAY),
		"spacelift.example.com");
	is_int(v.status, CHECK_PASS, "exactly 30 days left: pass");
	eval_verdict_free(&v);

	v = run(cert("ISSUED", "spacelift.example.com", NULL, NOW - 5), "spacelift.example.com");
	is_int(v.status, CHECK_FAIL, "ISSUED but past NotAfter: fail");
	ok(strstr(v.detail, "expired on") != NULL, "detail: %s", v.detail);
	eval_verdict_free(&v);

	json_t *c = cert("ISSUED", "spacelift.example.com", NULL, 0);
	json_object_set_new(c, "NotAfter", json_real(1800000000.0 + 40.0 * DAY));
	v = run(c, "spacelift.example.com");
	is_int(v.status, CHECK_PASS, "NotAfter as a real number");
	eval_verdict_free(&v);

	v = run(cert("ISSUED", "spacelift.example.com", NULL, 0), "spacelift.example.com");
	is_int(v.status, CHECK_PASS, "no NotAfter: pass on status alone");
	eval_verdict_free(&v);
}

static void test_not_covered(void)
{
	struct eval_verdict v = run(cert("ISSUED", "*.example.com", NULL, NOW + 100LL * DAY),
				    "a.b.example.com");
	is_int(v.status, CHECK_FAIL, "wildcard two levels up: fail");
	ok(strstr(v.detail, "does not cover a.b.example.com (it covers *.example.com)") != NULL,
	   "detail: %s", v.detail);
	ok(v.hint && strstr(v.hint, "*.b.example.com"), "hint names the wildcard: %s", v.hint);
	eval_verdict_free(&v);

	v = run(cert("ISSUED", "other.example.com", json_pack("[s,s]", "other.example.com",
							      "www.example.com"),
		     NOW + 100LL * DAY), "spacelift.example.com");
	is_int(v.status, CHECK_FAIL, "other names: fail");
	ok(strstr(v.detail, "other.example.com, www.example.com") != NULL, "lists names: %s",
	   v.detail);
	eval_verdict_free(&v);
}

static void test_statuses(void)
{
	json_t *c = cert("PENDING_VALIDATION", "spacelift.example.com", NULL, 0);
	json_object_set_new(c, "DomainValidationOptions", json_pack(
		"[{s:s, s:s, s:{s:s, s:s, s:s}}]", "DomainName", "spacelift.example.com",
		"ValidationStatus", "PENDING_VALIDATION", "ResourceRecord",
		"Name", "_abc123.spacelift.example.com.", "Type", "CNAME",
		"Value", "_def456.acm-validations.aws."));
	struct eval_verdict v = run(c, "spacelift.example.com");
	is_int(v.status, CHECK_FAIL, "pending validation: fail");
	ok(strstr(v.detail, "DNS validation") != NULL, "detail: %s", v.detail);
	ok(v.hint && strstr(v.hint, "CNAME _abc123.spacelift.example.com. → "
			    "_def456.acm-validations.aws."), "hint has the record: %s", v.hint);
	eval_verdict_free(&v);

	v = run(cert("PENDING_VALIDATION", "spacelift.example.com", NULL, 0),
		"spacelift.example.com");
	ok(v.hint && strstr(v.hint, "ACM console"), "pending without records: console hint");
	eval_verdict_free(&v);

	const char *st[] = { "EXPIRED", "REVOKED", "FAILED", "INACTIVE", "VALIDATION_TIMED_OUT",
			     "SOMETHING_NEW" };
	const char *word[] = { "expired", "revoked", "failed", "inactive", "72 hours",
			       "SOMETHING_NEW" };
	for (size_t i = 0; i < sizeof st / sizeof *st; i++) {
		v = run(cert(st[i], "spacelift.example.com", NULL, NOW + DAY * 100LL),
			"spacelift.example.com");
		is_int(v.status, CHECK_FAIL, "%s: fail", st[i]);
		ok(strstr(v.detail, word[i]) && v.hint, "%s: says so: %s", st[i], v.detail);
		eval_verdict_free(&v);
	}
	c = cert("FAILED", "spacelift.example.com", NULL, 0);
	json_object_set_new(c, "FailureReason", json_string("CAA_ERROR"));
	v = run(c, "spacelift.example.com");
	ok(strstr(v.detail, "CAA_ERROR") != NULL, "FailureReason shown: %s", v.detail);
	eval_verdict_free(&v);
}

static void test_arn(void)
{
	struct eval_verdict v = run_full("arn:aws:acm:us-east-1:123456789012:certificate/x", true,
					 cert("ISSUED", "a.example.com", NULL, 0), "a.example.com");
	is_int(v.status, CHECK_FAIL, "another region: fail");
	ok(strstr(v.detail, "us-east-1") && strstr(v.detail, "eu-west-1"), "detail: %s",
	   v.detail);
	ok(v.hint && strstr(v.hint, "must be in the installation region"), "hint: %s", v.hint);
	eval_verdict_free(&v);

	v = run_full("arn:aws:acm:eu-west-1:999999999999:certificate/x", true,
		     cert("ISSUED", "a.example.com", NULL, 0), "a.example.com");
	is_int(v.status, CHECK_FAIL, "another account: fail");
	ok(strstr(v.detail, "999999999999") != NULL, "detail: %s", v.detail);
	eval_verdict_free(&v);

	v = run_full(ARN, false, NULL, "a.example.com");
	is_int(v.status, CHECK_FAIL, "not found: fail");
	ok(strstr(v.detail, "not found") != NULL, "detail: %s", v.detail);
	eval_verdict_free(&v);

	v = run_full("", false, NULL, "a.example.com");
	is_int(v.status, CHECK_FAIL, "no ARN: fail");
	eval_verdict_free(&v);
	v = run_full("arn:aws:iam::123456789012:server-certificate/x", true, NULL,
		     "a.example.com");
	is_int(v.status, CHECK_FAIL, "an IAM certificate ARN: fail");
	ok(strstr(v.detail, "not an ACM") != NULL, "detail: %s", v.detail);
	eval_verdict_free(&v);
	v = run_full(ARN, true, cert("ISSUED", "a.example.com", NULL, 0), "");
	is_int(v.status, CHECK_FAIL, "no hostname: fail");
	eval_verdict_free(&v);
}

static json_t *summary(const char *id, const char *status, const char *domain, json_t *sans,
		       long long not_after)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:I}", "CertificateArn", id, "DomainName", domain,
			 "Status", status, "SubjectAlternativeNameSummaries",
			 sans ? sans : json_pack("[s]", domain), "NotAfter", (json_int_t)not_after);
}

static void test_candidates(void)
{
	json_t *list = json_array();
	json_array_append_new(list, summary("pending", "PENDING_VALIDATION",
					    "spacelift.example.com", NULL, 0));
	json_array_append_new(list, summary("old", "ISSUED", "*.example.com", NULL,
					    NOW + 40LL * DAY));
	json_array_append_new(list, summary("other", "ISSUED", "www.example.com", NULL,
					    NOW + 400LL * DAY));
	json_array_append_new(list, summary("new", "ISSUED", "example.com",
					    json_pack("[s,s]", "example.com",
						      "Spacelift.example.com"),
					    NOW + 300LL * DAY));
	json_array_append_new(list, summary("expired", "ISSUED", "spacelift.example.com", NULL,
					    NOW - DAY));
	json_array_append_new(list, summary("revoked", "REVOKED", "spacelift.example.com", NULL,
					    NOW + 500LL * DAY));
	json_t *c = eval_acm_candidates(list, "spacelift.example.com", NOW);
	strbuf order = STRBUF_INIT;
	size_t i;
	json_t *s;
	json_array_foreach(c, i, s)
		sb_appendf(&order, "%s ", eval_json_str(s, "CertificateArn"));
	is_str(sb_str(&order), "new old pending expired revoked ", "ranked best first");
	sb_free(&order);
	json_decref(c);
	c = eval_acm_candidates(list, "nothing.else.org", NOW);
	is_int(json_array_size(c), 0, "nothing covers: empty list");
	json_decref(c);
	c = eval_acm_candidates(NULL, "a.example.com", NOW);
	is_int(json_array_size(c), 0, "no list: empty list");
	json_decref(c);
	json_decref(list);
}

int main(void)
{
	test_covers();
	test_pass_and_expiry();
	test_not_covered();
	test_statuses();
	test_arn();
	test_candidates();
	return done_testing();
}
