/* eval_eips.c - Elastic IPs: the installer's VPC has NAT gateways on 3
 * Elastic IPs, and the default quota is 5 per region, so an account that
 * already uses a few cannot install there.
 *
 * Available = the quota (Service Quotas, L-0263D0A3) minus the addresses
 * allocated.  When the quota API is denied, the default of 5 stands in and
 * the detail says so; a FAIL then also says the real quota may be higher,
 * because the true answer is unknown.  With a custom VPC the installer
 * allocates nothing, so the check is a SKIP with a note. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "checks/eval_eips.h"
#include "core/i18n.h"

static char *increase_hint(const struct eval_eips_input *in, long quota, long desired)
{
	strbuf sb = STRBUF_INIT;
	sb_appendf(&sb, _("Release unused Elastic IPs, choose another region, or ask for a quota "
			  "of %ld: Service Quotas console → Amazon EC2 → EC2-VPC Elastic IPs → "
			  "Request increase, or `aws service-quotas request-service-quota-increase "
			  "--service-code ec2 --quota-code %s --desired-value %ld --region %s`."),
		   desired, EVAL_EIPS_QUOTA_CODE, desired, in->region);
	if (in->quota_denied)
		sb_appendf(&sb, _(" liftoff could not read the quota (%ld assumed); if it was raised, "
				  "allow servicequotas:GetServiceQuota to see it."), quota);
	return sb_detach(&sb);
}

void eval_eips(const struct eval_eips_input *in, struct eval_verdict *v)
{
	if (in->use_custom_vpc) {
		eval_set(v, CHECK_SKIP, NULL,
			 _("skipped: vpc_config.use_custom_vpc is set, so the installer allocates "
			   "no Elastic IPs"));
		return;
	}
	const char *region = in->region ? in->region : "";
	long quota = in->quota_denied || !isfinite(in->quota) || in->quota < 0
		? EVAL_EIPS_DEFAULT_QUOTA : (long)in->quota;
	long allocated = in->allocated < 0 ? 0 : in->allocated;
	long available = quota - allocated;
	if (available < 0)
		available = 0;
	eval_set_data(v, json_pack("{s:I, s:s, s:I, s:I, s:i}", "quota", (json_int_t)quota,
				   "quota_source", in->quota_denied ? "default" : "service-quotas",
				   "allocated", (json_int_t)allocated, "available",
				   (json_int_t)available, "needed", EVAL_EIPS_NEEDED));
	const char *note = in->quota_denied
		? _(" (the quota API was denied: assumed the default quota of 5)") : "";
	if (available >= EVAL_EIPS_NEEDED) {
		eval_set(v, CHECK_PASS, NULL, _("%ld of %ld Elastic IPs free in %s, %d needed%s"),
			 available, quota, region, EVAL_EIPS_NEEDED, note);
		return;
	}
	char *hint = increase_hint(in, quota, allocated + EVAL_EIPS_NEEDED);
	eval_set(v, CHECK_FAIL, hint,
		 _("only %ld of %ld Elastic IPs free in %s (%ld allocated), %d needed for the NAT "
		   "gateways%s"), available, quota, region, allocated, EVAL_EIPS_NEEDED, note);
	free(hint);
}
