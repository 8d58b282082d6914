/* check_eips.c - ec2.eips: EC2 DescribeAddresses (what is allocated) and
 * Service Quotas GetServiceQuota ec2/L-0263D0A3 (how many may be), both
 * at once, then eval_eips.
 *
 * A denied quota call is not a failure: eval_eips assumes the default of
 * 5 and says so.  NoSuchResourceException is what AWS answers for an
 * account that never changed the quota: the default is the real value.
 * With vpc_config.use_custom_vpc the installer allocates nothing, so no
 * call is made at all. */
#include "config.h"

#include <stdlib.h>

#include "checks/aws_checks.h"
#include "checks/eval_eips.h"
#include "config/model.h"
#include "core/i18n.h"

enum { SLOT_ADDRESSES, SLOT_QUOTA };

struct eips_job {
	struct aws_job job;
	struct eval_eips_input in;
};

static void eips_free(struct aws_job *job)
{
	free(job);
}

static void on_addresses(struct aws_job *job, int slot, struct aws_response *resp,
			 const struct aws_error *e)
{
	(void)slot;
	struct eips_job *st = (struct eips_job *)job;
	if (e) {
		aws_job_note_error(job, e, "ec2:DescribeAddresses");
		return;
	}
	xmlNode *set = aws_xml_child(aws_page_result(&resp->pages[0], "DescribeAddresses"),
				     "addressesSet");
	for (xmlNode *it = aws_xml_child(set, "item"); it; it = aws_xml_next(it, "item"))
		st->in.allocated++;
}

static void on_quota(struct aws_job *job, int slot, struct aws_response *resp,
		     const struct aws_error *e)
{
	(void)slot;
	struct eips_job *st = (struct eips_job *)job;
	if (e && check_aws_denied(e)) {
		st->in.quota_denied = true;
	} else if (e && str_eq(check_aws_code(e), "NoSuchResourceException")) {
		st->in.quota = EVAL_EIPS_DEFAULT_QUOTA;
	} else if (e) {
		aws_job_note_error(job, e, "servicequotas:GetServiceQuota");
	} else {
		json_t *quota = json_object_get(check_aws_json(resp), "Quota");
		json_t *value = json_object_get(quota, "Value");
		st->in.quota = json_is_number(value) ? json_number_value(value)
						     : EVAL_EIPS_DEFAULT_QUOTA;
	}
}

static void eips_finish(struct aws_job *job)
{
	struct eips_job *st = (struct eips_job *)job;
	if (aws_job_fail_noted(job))
		return;
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_eips(&st->in, &v);
	aws_job_complete(job, &v);
}

void check_run_eips(struct check_run *run)
{
	const struct check_ctx *ctx = check_ctx(run);
	struct eips_job *st = xcalloc(1, sizeof *st);
	st->in.region = ctx->aws->region;
	config_get_bool(ctx->config, "vpc_config.use_custom_vpc", &st->in.use_custom_vpc);
	if (st->in.use_custom_vpc) {
		struct eval_verdict v = EVAL_VERDICT_INIT;
		eval_eips(&st->in, &v);
		eval_complete(run, &v);
		free(st);
		return;
	}
	aws_job_begin(&st->job, run, eips_finish, eips_free);
	struct aws_request req = { .service = "ec2", .operation = "DescribeAddresses" };
	aws_job_call(&st->job, SLOT_ADDRESSES, &req, on_addresses);
	aws_job_call_json(&st->job, SLOT_QUOTA, "service-quotas", "GetServiceQuota",
			  json_pack("{s:s, s:s}", "ServiceCode", "ec2", "QuotaCode",
				    EVAL_EIPS_QUOTA_CODE), on_quota);
	aws_job_release(&st->job);
}
