/* check_database.c - database.self-managed: read the connection string
 * the installer will hand to Spacelift and check it, without ever showing
 * it.  SSM GetParameter WithDecryption (or, for a Secrets Manager ARN,
 * GetSecretValue) and KMS DescribeKey on connection_string_ssm_kms_arn,
 * both at once, then eval_database.
 *
 * The value is an lo_secret from the moment it leaves the answer; the
 * answer's body is wiped before the client frees it.  A service error on
 * the read (not found, cannot decrypt, denied) is the evaluator's to
 * explain; network and credential errors fail as for every AWS check.  A
 * managed database (no connection_string_ssm_arn) is a SKIP without a
 * call. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/aws_checks.h"
#include "checks/eval_database.h"
#include "config/model.h"
#include "core/i18n.h"

enum { SLOT_VALUE, SLOT_KEY };

struct database_job {
	struct aws_job job;
	struct eval_database_input in;
	char *parameter_arn, *kms_key_arn, *key_state, *fetch_error;
	lo_secret *value;
	bool secrets_manager;
};

static void database_free(struct aws_job *job)
{
	struct database_job *st = (struct database_job *)job;
	free(st->parameter_arn);
	free(st->kms_key_arn);
	free(st->key_state);
	free(st->fetch_error);
	secret_free(st->value);
	free(st);
}

static void wipe_answer(struct aws_response *resp)
{
	for (size_t i = 0; resp && i < resp->npages; i++)
		if (resp->pages[i].body)
			secret_wipe(resp->pages[i].body, resp->pages[i].len);
}

static void on_value(struct aws_job *job, int slot, struct aws_response *resp,
		     const struct aws_error *e)
{
	(void)slot;
	struct database_job *st = (struct database_job *)job;
	if (e) {
		if (e->kind == AWS_ERR_SERVICE && e->code)
			st->fetch_error = xstrdup(e->code);
		else
			aws_job_note_error(job, e, st->secrets_manager
				? "secretsmanager:GetSecretValue" : "ssm:GetParameter");
		return;
	}
	json_t *doc = check_aws_json(resp);
	const char *value = st->secrets_manager
		? json_string_value(json_object_get(doc, "SecretString"))
		: json_string_value(json_object_get(json_object_get(doc, "Parameter"), "Value"));
	st->value = secret_from_str(value ? value : "");
	wipe_answer(resp);
}

static void on_key(struct aws_job *job, int slot, struct aws_response *resp,
		   const struct aws_error *e)
{
	(void)slot;
	struct database_job *st = (struct database_job *)job;
	if (e) {
		if (!str_eq(check_aws_code(e), "NotFoundException"))
			aws_job_note_error(job, e, "kms:DescribeKey");
		return;
	}
	st->in.kms_key_found = true;
	const char *state = json_string_value(
		json_object_get(json_object_get(check_aws_json(resp), "KeyMetadata"), "KeyState"));
	st->key_state = state ? xstrdup(state) : NULL;
}

static void database_finish(struct aws_job *job)
{
	struct database_job *st = (struct database_job *)job;
	if (aws_job_fail_noted(job))
		return;
	st->in.kms_key_state = st->key_state;
	st->in.fetch_error = st->fetch_error;
	st->in.value = st->value;
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_database(&st->in, &v);
	aws_job_complete(job, &v);
}

/* The evaluator's verdict on the ARNs alone, before any call: a SKIP for
 * a managed database, a FAIL for an ARN of the wrong kind. */
static bool precheck(struct check_run *run, const struct eval_database_input *in)
{
	char *name = eval_database_secret_name(in->parameter_arn);
	bool ok = !str_empty(in->parameter_arn) && name && !str_empty(in->kms_key_arn);
	free(name);
	if (ok)
		return true;
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_database(in, &v);
	eval_complete(run, &v);
	return false;
}

void check_run_database(struct check_run *run)
{
	const lo_config *cfg = check_ctx(run)->config;
	struct eval_database_input in = {
		.parameter_arn = config_get_string(cfg, "database.connection_string_ssm_arn"),
		.kms_key_arn = config_get_string(cfg, "database.connection_string_ssm_kms_arn"),
	};
	if (!precheck(run, &in))
		return;
	struct database_job *st = xcalloc(1, sizeof *st);
	st->parameter_arn = xstrdup(in.parameter_arn);
	st->kms_key_arn = xstrdup(in.kms_key_arn);
	st->in.parameter_arn = st->parameter_arn;
	st->in.kms_key_arn = st->kms_key_arn;
	char *service = eval_arn_field(st->parameter_arn, 2);
	st->secrets_manager = str_eq(service, "secretsmanager");
	free(service);
	aws_job_begin(&st->job, run, database_finish, database_free);
	if (st->secrets_manager)
		aws_job_call_json(&st->job, SLOT_VALUE, "secretsmanager", "GetSecretValue",
				  json_pack("{s:s}", "SecretId", st->parameter_arn), on_value);
	else
		aws_job_call_json(&st->job, SLOT_VALUE, "ssm", "GetParameter",
				  json_pack("{s:s, s:b}", "Name", st->parameter_arn,
					    "WithDecryption", 1), on_value);
	aws_job_call_json(&st->job, SLOT_KEY, "kms", "DescribeKey",
			  json_pack("{s:s}", "KeyId", st->kms_key_arn), on_key);
	aws_job_release(&st->job);
}
