/* test-eval-license.c - the license verdict: which licenses are
 * Spacelift's, every state and its fix, the best of several, the grant
 * to act on, and expiry. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_license.h"
#include "tap.h"

#define NOW ((time_t)1800000000) /* 2027-01-15 */
#define LIC1 "arn:aws:license-manager::294406891311:license:l-aaaa1111"
#define LIC2 "arn:aws:license-manager::294406891311:license:l-bbbb2222"
#define GRANT1 "arn:aws:license-manager::294406891311:grant:g-1111"
#define GRANT2 "arn:aws:license-manager::294406891311:grant:g-2222"

static json_t *license(const char *arn, const char *issuer, const char *product,
		       const char *status, const char *end, const char *received)
{
	return json_pack("{s:s, s:s, s:{s:s}, s:s, s:{s:s, s:s}, s:{s:s?}}", "LicenseArn", arn,
			 "ProductName", product, "Issuer", "Name", issuer, "Status", status,
			 "Validity", "Begin", "2026-01-01T00:00:00Z", "End", end,
			 "ReceivedMetadata", "ReceivedStatus", received);
}

static json_t *grant(const char *arn, const char *lic, const char *status, const char *version)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "GrantArn", arn, "LicenseArn", lic,
			 "GrantStatus", status, "Version", version);
}

struct outcome {
	struct eval_license_result res;
	struct eval_verdict v;
};

static struct outcome run(json_t *licenses, json_t *grants)
{
	struct outcome o = { { 0 }, EVAL_VERDICT_INIT };
	eval_license(licenses, grants, NOW, &o.res, &o.v);
	json_decref(licenses);
	json_decref(grants);
	return o;
}

static void done(struct outcome *o)
{
	eval_license_result_free(&o->res);
	eval_verdict_free(&o->v);
}

#define LATER "2028-01-01T00:00:00Z"

static void test_is_spacelift(void)
{
	json_t *l = license(LIC1, "Spacelift", "Spacelift Self-Hosted", "AVAILABLE", LATER, NULL);
	ok(eval_license_is_spacelift(l), "issuer Spacelift, product Spacelift Self-Hosted");
	json_decref(l);
	l = license(LIC1, "SPACELIFT", "self-hosted spacelift", "AVAILABLE", LATER, NULL);
	ok(eval_license_is_spacelift(l), "case-insensitive");
	json_decref(l);
	l = license(LIC1, "Spacelift Inc", "Spacelift", "AVAILABLE", LATER, NULL);
	ok(!eval_license_is_spacelift(l), "issuer must be exactly Spacelift");
	json_decref(l);
	l = license(LIC1, "Spacelift", "Terraform Cloud", "AVAILABLE", LATER, NULL);
	ok(!eval_license_is_spacelift(l), "product must contain Spacelift");
	json_decref(l);
	ok(!eval_license_is_spacelift(NULL), "NULL");
}

static void test_states(void)
{
	struct outcome o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift Self-Hosted",
							 "AVAILABLE", LATER, "ACTIVE")),
			       json_pack("[o]", grant(GRANT1, LIC1, "ACTIVE", "3")));
	is_int(o.res.state, LICENSE_ACTIVE, "active");
	is_int(o.v.status, CHECK_PASS, "active: pass");
	ok(o.v.hint == NULL, "active: no hint");
	is_str(o.res.grant_arn, GRANT1, "the grant");
	is_str(o.res.grant_version, "3", "its version");
	is_str(eval_json_str(o.v.data, "state"), "active", "data: state");
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift", "AVAILABLE", LATER,
					 "PENDING_ACCEPT")),
		json_pack("[o]", grant(GRANT1, LIC1, "PENDING_ACCEPT", "1")));
	is_int(o.res.state, LICENSE_GRANTED, "pending accept: granted");
	is_int(o.v.status, CHECK_FAIL, "granted: fail");
	ok(strstr(o.v.detail, "granted but not accepted") != NULL, "detail: %s", o.v.detail);
	ok(o.v.hint && strstr(o.v.hint, "AWS License Manager → Granted licenses → l-aaaa1111 → "
			      "Accept & activate license"), "hint: console path: %s", o.v.hint);
	ok(o.v.hint && strstr(o.v.hint, "liftoff"), "hint: liftoff can do it");
	is_str(o.res.grant_arn, GRANT1, "grant to accept");
	is_str(o.res.grant_version, "1", "version to activate from");
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift", "AVAILABLE", LATER,
					 "DISABLED")),
		json_pack("[o]", grant(GRANT1, LIC1, "DISABLED", "2")));
	is_int(o.res.state, LICENSE_ACCEPTED, "disabled: accepted");
	ok(strstr(o.v.detail, "accepted but not active") != NULL, "detail: %s", o.v.detail);
	ok(o.v.hint && strstr(o.v.hint, "Activate license"), "hint: activate");
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift", "AVAILABLE",
					 "2026-12-01T00:00:00Z", "ACTIVE")),
		json_pack("[o]", grant(GRANT1, LIC1, "ACTIVE", "2")));
	is_int(o.res.state, LICENSE_EXPIRED, "End in the past: expired");
	is_int(o.v.status, CHECK_FAIL, "expired: fail");
	ok(o.v.hint && strstr(o.v.hint, "renew"), "hint: renew");
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift", "EXPIRED", LATER,
					 "ACTIVE")), NULL);
	is_int(o.res.state, LICENSE_EXPIRED, "Status EXPIRED: expired");
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift", "AVAILABLE", LATER,
					 "REJECTED")),
		json_pack("[o]", grant(GRANT1, LIC1, "REJECTED", "1")));
	is_int(o.res.state, LICENSE_UNUSABLE, "rejected: unusable");
	is_int(o.v.status, CHECK_FAIL, "unusable: fail");
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift", "SUSPENDED", LATER,
					 "ACTIVE")), NULL);
	is_int(o.res.state, LICENSE_UNUSABLE, "suspended: unusable");
	ok(strstr(o.v.detail, "SUSPENDED") != NULL, "detail names the status: %s", o.v.detail);
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift", "AVAILABLE", LATER,
					 "PENDING_ACCEPT")), json_array());
	is_int(o.res.state, LICENSE_GRANTED, "no grant: from ReceivedStatus");
	ok(o.res.grant_arn == NULL, "no grant ARN to act on");
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Spacelift", "Spacelift", "AVAILABLE",
					 "2027-01-25T00:00:00Z", "ACTIVE")),
		json_pack("[o]", grant(GRANT1, LIC1, "ACTIVE", "2")));
	is_int(o.v.status, CHECK_WARN, "active, ends in 10 days: warn");
	ok(strstr(o.v.detail, "2027-01-25") != NULL, "detail: %s", o.v.detail);
	done(&o);
}

static void test_not_found(void)
{
	struct outcome o = run(json_array(), json_array());
	is_int(o.res.state, LICENSE_NOT_FOUND, "nothing: not found");
	is_int(o.v.status, CHECK_FAIL, "not found: fail");
	ok(o.v.hint && strstr(o.v.hint, "signed up"), "hint: %s", o.v.hint);
	is_str(eval_json_str(o.v.data, "state"), "not-found", "data: not-found");
	done(&o);

	o = run(json_pack("[o]", license(LIC1, "Acme", "Acme Spacelift Plugin", "AVAILABLE",
					 LATER, "ACTIVE")), NULL);
	is_int(o.res.state, LICENSE_NOT_FOUND, "another issuer's license does not count");
	done(&o);

	o = run(NULL, NULL);
	is_int(o.res.state, LICENSE_NOT_FOUND, "NULL lists: not found");
	done(&o);
}

static void test_several(void)
{
	struct outcome o = run(
		json_pack("[o, o]",
			  license(LIC1, "Spacelift", "Spacelift", "AVAILABLE", LATER,
				  "PENDING_ACCEPT"),
			  license(LIC2, "Spacelift", "Spacelift Self-Hosted", "AVAILABLE", LATER,
				  "ACTIVE")),
		json_pack("[o, o]", grant(GRANT1, LIC1, "PENDING_ACCEPT", "1"),
			  grant(GRANT2, LIC2, "ACTIVE", "4")));
	is_int(o.res.state, LICENSE_ACTIVE, "active wins over granted");
	is_str(o.res.license_arn, LIC2, "the active license");
	is_str(o.res.grant_arn, GRANT2, "its grant");
	ok(strstr(o.v.detail, "also: l-aaaa1111 (granted)") != NULL, "others listed: %s",
	   o.v.detail);
	json_t *others = json_object_get(o.v.data, "others");
	is_int(json_array_size(others), 1, "data: one other");
	is_str(eval_json_str(json_array_get(others, 0), "state"), "granted", "data: its state");
	done(&o);

	o = run(json_pack("[o, o]",
			  license(LIC1, "Spacelift", "Spacelift", "AVAILABLE",
				  "2026-01-02T00:00:00Z", "ACTIVE"),
			  license(LIC2, "Spacelift", "Spacelift", "AVAILABLE", LATER,
				  "DISABLED")),
		json_pack("[o, o, o]", grant(GRANT1, LIC1, "ACTIVE", "1"),
			  grant(GRANT2, LIC2, "PENDING_ACCEPT", "1"),
			  grant("arn:g-3", LIC2, "DISABLED", "2")));
	is_int(o.res.state, LICENSE_ACCEPTED, "accepted wins over expired");
	is_str(o.res.grant_arn, "arn:g-3", "the best grant of the license");
	is_str(o.res.grant_version, "2", "and its version");
	done(&o);

	is_str(eval_license_state_name(LICENSE_ACCEPTED), "accepted", "state names");
}

int main(void)
{
	test_is_spacelift();
	test_states();
	test_not_found();
	test_several();
	return done_testing();
}
