/* eval_database.h - database.self-managed: the connection string the
 * installer will hand to Spacelift.  See eval_database.c. */
#ifndef LO_CHECKS_EVAL_DATABASE_H
#define LO_CHECKS_EVAL_DATABASE_H

#include "checks/eval.h"
#include "core/secret.h"

struct eval_database_input {
	const char *parameter_arn;   /* database.connection_string_ssm_arn (SSM or Secrets Manager) */
	const char *kms_key_arn;     /* database.connection_string_ssm_kms_arn */
	bool kms_key_found;          /* DescribeKey found it */
	const char *kms_key_state;   /* KeyMetadata.KeyState: "Enabled", "Disabled", ... */
	const char *fetch_error;     /* NULL when read and decrypted; else the AWS error code */
	const lo_secret *value;      /* the decrypted value; never shown */
};

void eval_database(const struct eval_database_input *in, struct eval_verdict *v);

/* The name the ARN points at, without Secrets Manager's 6-character
 * suffix and SSM's /aws/reference/secretsmanager/ prefix; NULL when the
 * ARN is neither an SSM parameter nor a secret. */
char *eval_database_secret_name(const char *arn);

#endif
