/* eval_sns.h - alerting.sns-topic: may CloudWatch publish to the topic?
 * See eval_sns.c. */
#ifndef LO_CHECKS_EVAL_SNS_H
#define LO_CHECKS_EVAL_SNS_H

#include "checks/eval.h"

#define EVAL_SNS_PRINCIPAL "cloudwatch.amazonaws.com"

/* topic_arn is alerting.sns_topic_arn (empty: a SKIP, alarms are off);
 * found says GetTopicAttributes found it; policy is its Policy attribute
 * (NULL when absent). */
void eval_sns_policy(const char *topic_arn, bool found, const char *policy,
		     struct eval_verdict *v);

/* The statement to add, with the topic ARN filled in: a new object. */
json_t *eval_sns_statement(const char *topic_arn);

#endif
