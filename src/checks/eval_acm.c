/* eval_acm.c - the load balancer's certificate.  The installer hands
 * certificate_arn to the load balancer as it is, so everything that makes
 * the listener fail later is checked here first:
 *   - the ARN names the installation's region and account (a certificate
 *     in another region cannot be attached, whatever its state);
 *   - DescribeCertificate found it;
 *   - it covers spacelift_hostname: DomainName or a SAN, exactly or by a
 *     one-level wildcard, case-insensitively;
 *   - its status is ISSUED; PENDING_VALIDATION shows the DNS record to
 *     add, from DomainValidationOptions; every other status says what it
 *     means and what to do;
 *   - it has not expired, and a warning within 30 days.
 * Times in the AWS answer are epoch seconds (the JSON protocol); ISO 8601
 * strings are read too, for hand-made inputs.
 *
 * eval_acm_candidates ranks ListCertificates' summaries for the wizard,
 * which offers them as a list. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_acm.h"
#include "core/i18n.h"

/* Compare without a trailing dot (a fully qualified "example.com."). */
static size_t name_len(const char *s)
{
	size_t n = strlen(s);
	return n && s[n - 1] == '.' ? n - 1 : n;
}

static bool names_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && strncasecmp(a, b, alen) == 0;
}

bool eval_acm_name_covers(const char *name, const char *hostname)
{
	if (str_empty(name) || str_empty(hostname))
		return false;
	size_t nlen = name_len(name), hlen = name_len(hostname);
	if (!str_starts_with(name, "*."))
		return names_equal(name, nlen, hostname, hlen);
	const char *dot = memchr(hostname, '.', hlen);
	if (!dot || dot == hostname)
		return false; /* "*.example.com" never covers "example.com" */
	size_t rest = hlen - (size_t)(dot - hostname);
	return names_equal(name + 1, nlen - 1, dot, rest);
}

/* The name among DomainName and the SAN list that covers hostname. */
static const char *covering_name(const json_t *cert, const char *sans_key, const char *hostname)
{
	const char *dn = eval_json_str(cert, "DomainName");
	if (eval_acm_name_covers(dn, hostname))
		return dn;
	size_t i;
	json_t *san;
	json_array_foreach(json_object_get(cert, sans_key), i, san)
		if (eval_acm_name_covers(json_string_value(san), hostname))
			return json_string_value(san);
	return NULL;
}

/* Epoch seconds, or an ISO 8601 string; false when absent. */
static bool json_time(const json_t *t, time_t *out)
{
	if (json_is_number(t)) {
		*out = (time_t)json_number_value(t);
		return true;
	}
	return eval_parse_iso8601(json_string_value(t), out);
}

/* ARN: arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID. */
static bool check_arn(const struct eval_acm_input *in, struct eval_verdict *v)
{
	const char *arn = in->certificate_arn;
	if (str_empty(arn)) {
		eval_set(v, CHECK_FAIL, _("Request a certificate for spacelift_hostname in ACM "
					  "and put its ARN in load_balancer.certificate_arn."),
			 _("load_balancer.certificate_arn is not set"));
		return false;
	}
	char *service = eval_arn_field(arn, 2), *region = eval_arn_field(arn, 3);
	char *account = eval_arn_field(arn, 4), *res = eval_arn_field(arn, 5);
	bool ok = false;
	if (!str_eq(service, "acm") || !str_starts_with(res, "certificate/"))
		eval_set(v, CHECK_FAIL, _("Copy the ARN from the ACM console: "
					  "arn:aws:acm:REGION:ACCOUNT:certificate/ID."),
			 _("'%s' is not an ACM certificate ARN"), arn);
	else if (!str_empty(in->region) && !str_eq(region, in->region))
		eval_set(v, CHECK_FAIL, _("The certificate must be in the installation region: "
					  "request or import one in that region and use its ARN."),
			 _("the certificate is in %s, but Spacelift is installed in %s"), region,
			 in->region);
	else if (!str_empty(in->account) && !str_eq(account, in->account))
		eval_set(v, CHECK_FAIL, _("The certificate must be in the installation account: "
					  "request or import one there and use its ARN."),
			 _("the certificate belongs to account %s, but the credentials are for "
			   "account %s"), account, in->account);
	else
		ok = true;
	free(service);
	free(region);
	free(account);
	free(res);
	return ok;
}

/* "Add a CNAME record: NAME → VALUE" for each pending domain. */
static char *validation_hint(const json_t *cert)
{
	strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *dv;
	json_array_foreach(json_object_get(cert, "DomainValidationOptions"), i, dv) {
		const char *st = eval_json_str(dv, "ValidationStatus");
		const json_t *rr = json_object_get(dv, "ResourceRecord");
		if (str_eq(st, "SUCCESS") || !rr)
			continue;
		const char *type = eval_json_str(rr, "Type"), *name = eval_json_str(rr, "Name");
		const char *value = eval_json_str(rr, "Value");
		sb_appendf(&sb, "%s%s %s → %s", sb.len ? "; " : "", type ? type : "CNAME",
			   name ? name : "?", value ? value : "?");
	}
	char *hint = sb.len
		? xasprintf(_("Add this DNS record to validate the certificate, then wait for ACM "
			      "to issue it (minutes, up to a few hours): %s"), sb_str(&sb))
		: xstrdup(_("Open the certificate in the ACM console and create the DNS "
			    "validation record it shows (\"Create records in Route 53\" does it "
			    "for a Route 53 zone)."));
	sb_free(&sb);
	return hint;
}

struct status_text {
	const char *status;
	const char *detail;   /* N_(); %s: the certificate's own words, if any */
	const char *hint;     /* N_() */
};

static const struct status_text bad_statuses[] = {
	{ "EXPIRED", N_("the certificate has expired"),
	  N_("Request a new certificate for the hostname (or renew an imported one) and use "
	     "its ARN.") },
	{ "REVOKED", N_("the certificate was revoked"),
	  N_("A revoked certificate cannot be used again: request a new one and use its ARN.") },
	{ "FAILED", N_("the certificate request failed"),
	  N_("See the failure reason in the ACM console, fix it (often a domain that cannot "
	     "be validated), and request a new certificate.") },
	{ "INACTIVE", N_("the certificate is inactive"),
	  N_("Use an active, issued certificate for the hostname.") },
	{ "VALIDATION_TIMED_OUT", N_("the certificate was not validated within 72 hours"),
	  N_("Request a new certificate and add its DNS validation record promptly.") },
};

static bool check_status(const json_t *cert, struct eval_verdict *v)
{
	const char *status = eval_json_str(cert, "Status");
	if (str_eq(status, "ISSUED"))
		return true;
	if (str_eq(status, "PENDING_VALIDATION")) {
		char *hint = validation_hint(cert);
		eval_set(v, CHECK_FAIL, hint, _("the certificate is waiting for DNS validation"));
		free(hint);
		return false;
	}
	for (size_t i = 0; i < sizeof bad_statuses / sizeof bad_statuses[0]; i++) {
		if (!str_eq(status, bad_statuses[i].status))
			continue;
		const char *reason = eval_json_str(cert, "FailureReason");
		if (reason)
			eval_set(v, CHECK_FAIL, _(bad_statuses[i].hint), "%s (%s)",
				 _(bad_statuses[i].detail), reason);
		else
			eval_set(v, CHECK_FAIL, _(bad_statuses[i].hint), "%s",
				 _(bad_statuses[i].detail));
		return false;
	}
	eval_set(v, CHECK_FAIL, _("Use an issued certificate for the hostname."),
		 _("the certificate's status is %s, not ISSUED"), status ? status : "?");
	return false;
}

static bool check_covers(const struct eval_acm_input *in, const char **by,
			 struct eval_verdict *v)
{
	*by = covering_name(in->certificate, "SubjectAlternativeNames", in->hostname);
	if (*by)
		return true;
	strbuf names = STRBUF_INIT;
	const char *dn = eval_json_str(in->certificate, "DomainName");
	sb_append(&names, dn ? dn : "?");
	size_t i;
	json_t *san;
	json_array_foreach(json_object_get(in->certificate, "SubjectAlternativeNames"), i, san)
		if (!str_eq(json_string_value(san), dn) && json_string_value(san))
			sb_appendf(&names, ", %s", json_string_value(san));
	const char *parent = strchr(in->hostname, '.');
	char *hint = parent && parent[1]
		? xasprintf(_("Request a certificate for %s or *%s and use its ARN; a wildcard "
			      "covers one level only."), in->hostname, parent)
		: xasprintf(_("Request a certificate for %s and use its ARN."), in->hostname);
	eval_set(v, CHECK_FAIL, hint, _("the certificate does not cover %s (it covers %s)"),
		 in->hostname, sb_str(&names));
	free(hint);
	sb_free(&names);
	return false;
}

static void check_expiry(const struct eval_acm_input *in, const char *by,
			 struct eval_verdict *v)
{
	time_t not_after;
	if (!json_time(json_object_get(in->certificate, "NotAfter"), &not_after)) {
		eval_set(v, CHECK_PASS, NULL, _("issued, covers %s (as %s)"), in->hostname, by);
		return;
	}
	long days = eval_days_left(not_after, in->now);
	char *date = eval_format_date(not_after);
	json_object_set_new(v->data, "not_after", json_string(date));
	json_object_set_new(v->data, "days_left", json_integer(days));
	if (not_after <= in->now)
		eval_set(v, CHECK_FAIL, _("Request a new certificate for the hostname (or renew an "
					  "imported one) and use its ARN."),
			 _("the certificate expired on %s"), date);
	else if (days < EVAL_EXPIRY_WARN_DAYS)
		eval_set(v, CHECK_WARN, _("ACM renews DNS-validated certificates that are in use; "
					  "keep the validation record in DNS, or renew an imported "
					  "certificate now."),
			 P_("issued, covers %s (as %s), but expires on %s, in %ld day",
			    "issued, covers %s (as %s), but expires on %s, in %ld days", days),
			 in->hostname, by, date, days);
	else
		eval_set(v, CHECK_PASS, NULL, _("issued, covers %s (as %s), valid until %s"),
			 in->hostname, by, date);
	free(date);
}

void eval_acm_certificate(const struct eval_acm_input *in, struct eval_verdict *v)
{
	if (!check_arn(in, v))
		return;
	if (!in->found || !json_is_object(in->certificate)) {
		eval_set(v, CHECK_FAIL, _("Check the ARN, or request a certificate in ACM in this "
					  "account and region."),
			 _("certificate %s was not found"), in->certificate_arn);
		return;
	}
	if (str_empty(in->hostname)) {
		eval_set(v, CHECK_FAIL, _("Set spacelift_hostname in config.json."),
			 _("no spacelift_hostname to compare the certificate with"));
		return;
	}
	eval_set_data(v, json_pack("{s:s, s:s?}", "certificate_arn", in->certificate_arn,
				   "status", eval_json_str(in->certificate, "Status")));
	const char *by;
	if (!check_covers(in, &by, v) || !check_status(in->certificate, v))
		return;
	json_object_set_new(v->data, "covered_by", json_string(by));
	check_expiry(in, by, v);
}

/* Lower is better. */
static int rank(const json_t *s, time_t now)
{
	const char *status = eval_json_str(s, "Status");
	time_t t;
	bool has_time = json_time(json_object_get(s, "NotAfter"), &t);
	if (str_eq(status, "ISSUED"))
		return has_time && t <= now ? 2 : 0;
	if (str_eq(status, "PENDING_VALIDATION"))
		return 1;
	return 3;
}

struct ranked {
	json_t *summary;
	int rank;
	time_t not_after;
	size_t order;   /* the input order, for a stable sort */
};

static int ranked_cmp(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->not_after != b->not_after)
		return a->not_after > b->not_after ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

json_t *eval_acm_candidates(const json_t *summaries, const char *hostname, time_t now)
{
	size_t n = json_array_size(summaries), k = 0;
	struct ranked *r = xcalloc(n ? n : 1, sizeof *r);
	size_t i;
	json_t *s;
	json_array_foreach(summaries, i, s) {
		if (!covering_name(s, "SubjectAlternativeNameSummaries", hostname))
			continue;
		time_t t = 0;
		json_time(json_object_get(s, "NotAfter"), &t);
		r[k++] = (struct ranked){ s, rank(s, now), t, i };
	}
	qsort(r, k, sizeof *r, ranked_cmp);
	json_t *out = json_array();
	for (i = 0; i < k; i++)
		json_array_append(out, r[i].summary);
	free(r);
	return out;
}
