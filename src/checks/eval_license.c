/* eval_license.c - the Spacelift license in AWS License Manager.
 *
 * A license counts as Spacelift's when its issuer name is "Spacelift" and
 * its product name contains "Spacelift", both case-insensitive.  Each
 * such license gets a state from, in order:
 *   - the license's own Status (EXPIRED, or one that cannot be used) and
 *     Validity.End (in the past: expired);
 *   - the best grant for it in ListReceivedGrants: PENDING_ACCEPT is
 *     granted, DISABLED is accepted but not active (what AcceptGrant
 *     leaves), ACTIVE is active; REJECTED, DELETED and the failed ones
 *     cannot be used;
 *   - without a grant, the license's ReceivedMetadata.ReceivedStatus,
 *     which uses the same words.
 * The best state wins (active over accepted over granted over expired);
 * the others are listed in the data.  The result carries the grant ARN and
 * version the wizard needs for AcceptGrant and CreateGrantVersion
 * (Status=ACTIVE).  An active license that ends within 30 days warns.
 *
 * A state the brief did not name, "unusable", covers rejected, deleted,
 * suspended and deactivated licenses: only Spacelift can fix those. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_license.h"
#include "core/i18n.h"

static const char *const state_names[] = {
	[LICENSE_NOT_FOUND] = "not-found", [LICENSE_UNUSABLE] = "unusable",
	[LICENSE_EXPIRED] = "expired", [LICENSE_GRANTED] = "granted",
	[LICENSE_ACCEPTED] = "accepted", [LICENSE_ACTIVE] = "active",
};

const char *eval_license_state_name(enum eval_license_state s)
{
	return s <= LICENSE_ACTIVE ? state_names[s] : "?";
}

static bool contains_icase(const char *hay, const char *needle)
{
	return hay && strcasestr(hay, needle) != NULL;
}

bool eval_license_is_spacelift(const json_t *license)
{
	const char *issuer = eval_json_str(json_object_get(license, "Issuer"), "Name");
	return issuer && strcasecmp(issuer, "Spacelift") == 0 &&
	       contains_icase(eval_json_str(license, "ProductName"), "Spacelift");
}

/* A grant or received status, in the words both use. */
static enum eval_license_state from_grant_status(const char *st)
{
	if (str_eq(st, "ACTIVE"))
		return LICENSE_ACTIVE;
	if (str_eq(st, "DISABLED"))
		return LICENSE_ACCEPTED;
	if (str_eq(st, "PENDING_ACCEPT") || str_eq(st, "PENDING_WORKFLOW") ||
	    str_eq(st, "WORKFLOW_COMPLETED"))
		return LICENSE_GRANTED;
	return LICENSE_UNUSABLE;
}

/* The best grant for a license, or NULL. */
static const json_t *best_grant(const json_t *grants, const char *license_arn)
{
	const json_t *best = NULL;
	enum eval_license_state best_state = LICENSE_NOT_FOUND;
	size_t i;
	json_t *g;
	json_array_foreach(grants, i, g) {
		if (!str_eq(eval_json_str(g, "LicenseArn"), license_arn))
			continue;
		enum eval_license_state s = from_grant_status(eval_json_str(g, "GrantStatus"));
		if (!best || s > best_state) {
			best = g;
			best_state = s;
		}
	}
	return best;
}

static bool license_expired(const json_t *lic, time_t now)
{
	time_t end;
	const char *endstr = eval_json_str(json_object_get(lic, "Validity"), "End");
	return str_eq(eval_json_str(lic, "Status"), "EXPIRED") ||
	       (eval_parse_iso8601(endstr, &end) && end <= now);
}

static enum eval_license_state license_state(const json_t *lic, const json_t *grant, time_t now)
{
	const char *status = eval_json_str(lic, "Status");
	if (license_expired(lic, now))
		return LICENSE_EXPIRED;
	if (status && !str_eq(status, "AVAILABLE") && !str_eq(status, "PENDING_AVAILABLE"))
		return LICENSE_UNUSABLE;
	if (grant)
		return from_grant_status(eval_json_str(grant, "GrantStatus"));
	const char *received = eval_json_str(json_object_get(lic, "ReceivedMetadata"),
					     "ReceivedStatus");
	return received ? from_grant_status(received) : LICENSE_GRANTED;
}

/* The id the console shows: the ARN's last part (license:l-0123...). */
static const char *license_id(const char *arn)
{
	const char *p = arn ? strrchr(arn, ':') : NULL;
	return p ? p + 1 : (arn ? arn : "?");
}

static char *fix_hint(const struct eval_license_result *res)
{
	const char *id = license_id(res->license_arn);
	switch (res->state) {
	case LICENSE_GRANTED:
		return xasprintf(_("In the AWS console: AWS License Manager → Granted licenses → %s "
				   "→ Accept & activate license.  Or let liftoff accept and "
				   "activate it for you: run the liftoff wizard and confirm at "
				   "its license step."), id);
	case LICENSE_ACCEPTED:
		return xasprintf(_("In the AWS console: AWS License Manager → Granted licenses → %s "
				   "→ Activate license.  Or let liftoff activate it for you: run "
				   "the liftoff wizard and confirm at its license step."), id);
	case LICENSE_EXPIRED:
		return xstrdup(_("Ask Spacelift to renew the license; the renewal arrives as a new "
				 "grant to accept and activate."));
	case LICENSE_UNUSABLE:
		return xasprintf(_("Ask Spacelift to issue the license again (AWS License Manager → "
				   "Granted licenses → %s shows why it cannot be used)."), id);
	case LICENSE_NOT_FOUND:
		return xstrdup(_("Spacelift issues the license to the AWS account you named when "
				 "you signed up: check that these credentials are for that "
				 "account and region, or ask Spacelift to issue it.  The first "
				 "visit to License Manager may ask you to grant it permissions."));
	case LICENSE_ACTIVE:
		break;
	}
	return NULL;
}

static void set_verdict(const struct eval_license_result *res, const json_t *best, time_t now,
			struct eval_verdict *v)
{
	char *hint = fix_hint(res);
	const char *name = res->product_name ? res->product_name : "Spacelift";
	const char *endstr = eval_json_str(json_object_get(best, "Validity"), "End");
	time_t end;
	bool has_end = eval_parse_iso8601(endstr, &end);
	switch (res->state) {
	case LICENSE_ACTIVE:
		if (has_end && eval_days_left(end, now) < EVAL_EXPIRY_WARN_DAYS)
			eval_set(v, CHECK_WARN, _("Ask Spacelift to renew the license in time."),
				 _("%s license is active, but ends on %.10s"), name, endstr);
		else
			eval_set(v, CHECK_PASS, NULL, _("%s license is active"), name);
		break;
	case LICENSE_ACCEPTED:
		eval_set(v, CHECK_FAIL, hint, _("%s license is accepted but not active"), name);
		break;
	case LICENSE_GRANTED:
		eval_set(v, CHECK_FAIL, hint, _("%s license is granted but not accepted"), name);
		break;
	case LICENSE_EXPIRED:
		eval_set(v, CHECK_FAIL, hint, _("%s license has expired"), name);
		break;
	case LICENSE_UNUSABLE:
		eval_set(v, CHECK_FAIL, hint, _("%s license cannot be used (status %s)"), name,
			 eval_json_str(best, "Status") ? eval_json_str(best, "Status") : "?");
		break;
	case LICENSE_NOT_FOUND:
		eval_set(v, CHECK_FAIL, hint, _("no Spacelift license is granted to this account"));
		break;
	}
	free(hint);
}

/* "...; also: l-1 (granted), l-2 (expired)" on the detail line. */
static void list_others(const json_t *others, struct eval_verdict *v)
{
	if (!json_array_size(others))
		return;
	strbuf sb = STRBUF_INIT;
	sb_appendf(&sb, "%s; %s ", v->detail, _("also:"));
	size_t i;
	json_t *o;
	json_array_foreach(others, i, o)
		sb_appendf(&sb, "%s%s (%s)", i ? ", " : "",
			   license_id(eval_json_str(o, "license_arn")), eval_json_str(o, "state"));
	free(v->detail);
	v->detail = sb_detach(&sb);
}

void eval_license(const json_t *licenses, const json_t *grants, time_t now,
		  struct eval_license_result *res, struct eval_verdict *v)
{
	memset(res, 0, sizeof *res);
	const json_t *best = NULL, *best_g = NULL;
	json_t *all = json_array();
	size_t i;
	json_t *lic;
	json_array_foreach(licenses, i, lic) {
		if (!eval_license_is_spacelift(lic))
			continue;
		const char *arn = eval_json_str(lic, "LicenseArn");
		const json_t *g = best_grant(grants, arn);
		enum eval_license_state s = license_state(lic, g, now);
		json_array_append_new(all, json_pack("{s:s?, s:s?, s:s}", "license_arn", arn,
						     "product_name",
						     eval_json_str(lic, "ProductName"), "state",
						     eval_license_state_name(s)));
		if (!best || s > res->state) {
			best = lic;
			best_g = g;
			res->state = s;
		}
	}
	if (best) {
		res->license_arn = xstrdup(eval_json_str(best, "LicenseArn") ?
					   eval_json_str(best, "LicenseArn") : "");
		const char *pn = eval_json_str(best, "ProductName");
		res->product_name = pn ? xstrdup(pn) : NULL;
		const char *ga = eval_json_str(best_g, "GrantArn");
		const char *gv = eval_json_str(best_g, "Version");
		res->grant_arn = ga ? xstrdup(ga) : NULL;
		res->grant_version = gv ? xstrdup(gv) : NULL;
	}
	set_verdict(res, best, now, v);
	json_t *others = json_array();
	json_array_foreach(all, i, lic)
		if (!str_eq(eval_json_str(lic, "license_arn"), res->license_arn))
			json_array_append(others, lic);
	json_decref(all);
	list_others(others, v);
	eval_set_data(v, json_pack("{s:s, s:s?, s:s?, s:s?, s:o}", "state",
				   eval_license_state_name(res->state), "license_arn",
				   res->license_arn, "grant_arn", res->grant_arn, "grant_version",
				   res->grant_version, "others", others));
}

void eval_license_result_free(struct eval_license_result *res)
{
	free(res->license_arn);
	free(res->product_name);
	free(res->grant_arn);
	free(res->grant_version);
	memset(res, 0, sizeof *res);
}
