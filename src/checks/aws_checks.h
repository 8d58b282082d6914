/* aws_checks.h - what the AWS checks share: struct lo_aws (the engine's
 * opaque AWS handle), jobs that run several AWS calls for one check on
 * the loop, and one mapping from an AWS error to a check result.
 *
 * struct lo_aws wraps one aws_client (made on the engine's loop) rather
 * than being a typedef of it, because the checks also share what
 * aws.identity learnt (account, ARN, where the credentials came from):
 * aws.partition and acm.certificate run after it and read those fields.
 * It also keeps the jobs in flight, because the client has no way to
 * cancel a call: a cancelled job stays on the list, its answers are
 * dropped, and lo_aws_free frees whatever the client dropped.
 *
 * Errors (check_aws_fail): a network error or timeout is a FAIL that says
 * "network error" and that it is not a verdict on the account;
 * AccessDenied names the IAM action to allow; every other service error
 * shows its code and message; no credentials shows the chain's hint. */
#ifndef LO_CHECKS_AWS_CHECKS_H
#define LO_CHECKS_AWS_CHECKS_H

#include <stdbool.h>

#include "aws/client.h"
#include "checks/engine.h"
#include "checks/eval.h"

struct aws_job;

struct lo_aws {
	aws_client *client;
	char *region;            /* where the checks look: --region, aws_region, the chain's */
	/* Filled by aws.identity when it passes; NULL before. */
	char *account, *arn, *source;
	struct aws_job *jobs;    /* in flight, cancelled ones included */
};

/* One client on loop; profile and region may be NULL (the chain's). */
struct creds_options;
struct lo_aws *lo_aws_new(lo_loop *loop, const struct creds_options *opts, lo_error *err);
void lo_aws_free(struct lo_aws *aws);
/* A wrapper around an existing client (not freed by lo_aws_free), for tests. */
struct lo_aws *lo_aws_wrap(aws_client *client);

#define AWS_JOB_SLOTS 4

typedef void (*aws_job_answer_fn)(struct aws_job *job, int slot, struct aws_response *resp,
				  const struct aws_error *err);
typedef void (*aws_job_finish_fn)(struct aws_job *job);

struct aws_job_slot {
	struct aws_job *job;
	int index;
	aws_job_answer_fn fn;
};

/* Embed first in a check's state.  finish runs once every call started
 * so far has answered; it completes the check (aws_job_complete*) or
 * starts more calls.  free_state frees the enclosing state. */
struct aws_job {
	struct check_run *run;   /* NULL once completed or cancelled */
	struct lo_aws *aws;
	int pending;
	aws_job_finish_fn finish;
	void (*free_state)(struct aws_job *job);
	struct aws_job_slot slots[AWS_JOB_SLOTS];
	struct aws_job *next, **prevp;
	/* The first error worth reporting (aws_job_note_error). */
	bool failed;
	struct aws_error error;
	const char *error_action;
};

/* Set up job for run (registers the cancel hook) and hold it open until
 * aws_job_release: start calls in between. */
void aws_job_begin(struct aws_job *job, struct check_run *run, aws_job_finish_fn finish,
		   void (*free_state)(struct aws_job *job));
/* Start a call into slot; fn sees the answer or the error.  A call that
 * cannot start reaches fn at once with a configuration error. */
void aws_job_call(struct aws_job *job, int slot, const struct aws_request *req,
		  aws_job_answer_fn fn);
/* A JSON-protocol call: body is stolen. */
void aws_job_call_json(struct aws_job *job, int slot, const char *service, const char *op,
		       json_t *body, aws_job_answer_fn fn);
void aws_job_release(struct aws_job *job);
/* Keep the first error, with the IAM action that would be missing. */
void aws_job_note_error(struct aws_job *job, const struct aws_error *e, const char *iam_action);
/* Finish the check with a verdict / an AWS error. */
void aws_job_complete(struct aws_job *job, struct eval_verdict *v);
void aws_job_fail(struct aws_job *job, const struct aws_error *e, const char *iam_action);
/* Finish with the noted error; false when there is none. */
bool aws_job_fail_noted(struct aws_job *job);

/* The verdict for an AWS error; iam_action ("ec2:DescribeAddresses")
 * is named when access was denied. */
void check_aws_error_verdict(const struct aws_error *e, const char *iam_action,
			     struct eval_verdict *v);
bool check_aws_denied(const struct aws_error *e);
/* The service's error code, or NULL (not a service error). */
const char *check_aws_code(const struct aws_error *e);

/* A JSON answer's array under key, across every page: a new array. */
json_t *check_aws_pages_array(const struct aws_response *resp, const char *key);
/* The first page's JSON object (borrowed), or NULL. */
json_t *check_aws_json(const struct aws_response *resp);

/* The runs (registry.c). */
void check_run_identity(struct check_run *run);
void check_run_partition(struct check_run *run);
void check_run_eips(struct check_run *run);
void check_run_license(struct check_run *run);
void check_run_acm(struct check_run *run);
void check_run_sns(struct check_run *run);
void check_run_database(struct check_run *run);
void check_run_oidc(struct check_run *run);
void check_run_saml(struct check_run *run);
void check_run_config(struct check_run *run);

#endif
