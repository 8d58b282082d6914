/* check_sns.c - alerting.sns-topic: SNS GetTopicAttributes on
 * alerting.sns_topic_arn, then eval_sns_policy on its Policy attribute.
 * The call goes to the topic's own region (from its ARN).  No topic
 * configured: a SKIP (alarms are off), without a call.  NotFound is the
 * evaluator's "not found", not an error. */
#include "config.h"

#include <stdlib.h>

#include "checks/aws_checks.h"
#include "checks/eval_sns.h"
#include "config/model.h"
#include "core/i18n.h"

struct sns_job {
	struct aws_job job;
	char *topic_arn;
	bool found;
	char *policy;
};

static void sns_free(struct aws_job *job)
{
	struct sns_job *st = (struct sns_job *)job;
	free(st->topic_arn);
	free(st->policy);
	free(st);
}

static void on_attributes(struct aws_job *job, int slot, struct aws_response *resp,
			  const struct aws_error *e)
{
	(void)slot;
	struct sns_job *st = (struct sns_job *)job;
	if (e) {
		if (!str_eq(check_aws_code(e), "NotFound"))
			aws_job_note_error(job, e, "sns:GetTopicAttributes");
		return;
	}
	st->found = true;
	xmlNode *attrs = aws_xml_child(aws_page_result(&resp->pages[0], "GetTopicAttributes"),
				       "Attributes");
	for (xmlNode *it = aws_xml_child(attrs, "entry"); it; it = aws_xml_next(it, "entry")) {
		char *key = aws_xml_text(it, "key");
		if (str_eq(key, "Policy") && !st->policy)
			st->policy = aws_xml_text(it, "value");
		free(key);
	}
}

static void sns_finish(struct aws_job *job)
{
	struct sns_job *st = (struct sns_job *)job;
	if (aws_job_fail_noted(job))
		return;
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_sns_policy(st->topic_arn, st->found, st->policy, &v);
	aws_job_complete(job, &v);
}

void check_run_sns(struct check_run *run)
{
	const char *arn = config_get_string(check_ctx(run)->config, "alerting.sns_topic_arn");
	if (str_empty(arn)) {
		struct eval_verdict v = EVAL_VERDICT_INIT;
		eval_sns_policy("", false, NULL, &v);
		eval_complete(run, &v);
		return;
	}
	struct sns_job *st = xcalloc(1, sizeof *st);
	st->topic_arn = xstrdup(arn);
	strbuf form = STRBUF_INIT;
	aws_form_add(&form, "TopicArn", arn);
	char *region = eval_arn_field(arn, 3);   /* asked where the topic is */
	struct aws_request req = { .service = "sns", .operation = "GetTopicAttributes",
				   .form = sb_str(&form), .region = str_empty(region) ? NULL : region };
	aws_job_begin(&st->job, run, sns_finish, sns_free);
	aws_job_call(&st->job, 0, &req, on_attributes);
	aws_job_release(&st->job);
	sb_free(&form);
	free(region);
}
