/* check_aws.c - the AWS side of the pre-flight: struct lo_aws, the jobs
 * that run a check's AWS calls on the loop, the one mapping from AWS
 * errors to results, and the two checks every other AWS check waits for:
 * aws.identity (GetCallerIdentity) and aws.partition.
 *
 * A job counts its calls in flight; while a check's run function starts
 * them it holds one count itself (aws_job_begin .. aws_job_release), so
 * finish runs exactly once per round, after the last answer, and never in
 * the middle of starting.  See aws_checks.h for why cancelled jobs wait on
 * a list instead of being freed at once. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/ops.h"
#include "aws/creds.h"
#include "checks/aws_checks.h"
#include "checks/eval_partition.h"
#include "core/i18n.h"

/* ---- lo_aws ---- */

static struct lo_aws *aws_alloc(aws_client *client)
{
	struct lo_aws *aws = xcalloc(1, sizeof *aws);
	aws->client = client;
	const char *region = aws_client_region(client);
	aws->region = region ? xstrdup(region) : NULL;
	return aws;
}

struct lo_aws *lo_aws_new(lo_loop *loop, const struct creds_options *opts, lo_error *err)
{
	aws_client *client = aws_client_new(loop, opts, err);
	return client ? aws_alloc(client) : NULL;
}

static void job_destroy(struct aws_job *job)
{
	if (job->prevp) {
		*job->prevp = job->next;
		if (job->next)
			job->next->prevp = job->prevp;
	}
	aws_error_free(&job->error);
	job->free_state(job);
}

void lo_aws_free(struct lo_aws *aws)
{
	if (!aws)
		return;
	aws_client_free(aws->client);   /* drops the calls in flight, without callbacks */
	while (aws->jobs)
		job_destroy(aws->jobs);
	free(aws->region);
	free(aws->account);
	free(aws->arn);
	free(aws->source);
	free(aws);
}

/* ---- jobs ---- */

static void job_cancel(void *arg)
{
	struct aws_job *job = arg;
	job->run = NULL;
}

void aws_job_begin(struct aws_job *job, struct check_run *run, aws_job_finish_fn finish,
		   void (*free_state)(struct aws_job *job))
{
	job->run = run;
	job->aws = check_ctx(run)->aws;
	job->pending = 1;
	job->finish = finish;
	job->free_state = free_state;
	job->next = job->aws->jobs;
	if (job->next)
		job->next->prevp = &job->next;
	job->prevp = &job->aws->jobs;
	job->aws->jobs = job;
	check_on_cancel(run, job_cancel, job);
}

void aws_job_release(struct aws_job *job)
{
	if (--job->pending > 0)
		return;
	if (job->run) {
		job->pending++;
		job->finish(job);
		if (--job->pending > 0)
			return;
		if (job->run) {
			/* finish neither completed nor started anything: a bug, but never hang. */
			check_complete(job->run, CHECK_FAIL, NULL, _("internal error: the check "
								     "did not finish"));
			job->run = NULL;
		}
	}
	job_destroy(job);
}

static void on_answer(aws_client *client, struct aws_response *resp, const struct aws_error *err,
		      void *arg)
{
	(void)client;
	struct aws_job_slot *slot = arg;
	struct aws_job *job = slot->job;
	if (job->run)
		slot->fn(job, slot->index, err ? NULL : resp, err);
	aws_job_release(job);
}

void aws_job_call(struct aws_job *job, int slot, const struct aws_request *req,
		  aws_job_answer_fn fn)
{
	struct aws_job_slot *s = &job->slots[slot];
	s->job = job;
	s->index = slot;
	s->fn = fn;
	job->pending++;
	lo_error err = LO_ERROR_INIT;
	if (aws_call_start(job->aws->client, req, on_answer, s, &err))
		return;
	struct aws_error e = { .kind = AWS_ERR_CONFIG };
	e.service = xstrdup(req->service);
	e.operation = xstrdup(req->operation);
	e.message = xstrdup(err.message ? err.message : "?");
	lo_error_clear(&err);
	on_answer(job->aws->client, NULL, &e, s);
	aws_error_free(&e);
}

void aws_job_call_json(struct aws_job *job, int slot, const char *service, const char *op,
		       json_t *body, aws_job_answer_fn fn)
{
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	struct aws_request req = { .service = service, .operation = op, .json = text };
	aws_job_call(job, slot, &req, fn);   /* the request is copied */
	free(text);
}

void aws_job_complete(struct aws_job *job, struct eval_verdict *v)
{
	eval_complete(job->run, v);
	job->run = NULL;
}

void aws_job_fail(struct aws_job *job, const struct aws_error *e, const char *iam_action)
{
	struct eval_verdict v = EVAL_VERDICT_INIT;
	check_aws_error_verdict(e, iam_action, &v);
	aws_job_complete(job, &v);
}

void aws_job_note_error(struct aws_job *job, const struct aws_error *e, const char *iam_action)
{
	if (job->failed)
		return;
	job->failed = true;
	aws_error_copy(&job->error, e);
	job->error_action = iam_action;
}

bool aws_job_fail_noted(struct aws_job *job)
{
	if (!job->failed)
		return false;
	aws_job_fail(job, &job->error, job->error_action);
	return true;
}

/* ---- errors ---- */

static const char *const denied_codes[] = {
	"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
	"AuthorizationErrorException", "UnauthorizedAccess", NULL,
};

const char *check_aws_code(const struct aws_error *e)
{
	return e && e->kind == AWS_ERR_SERVICE ? e->code : NULL;
}

bool check_aws_denied(const struct aws_error *e)
{
	const char *code = check_aws_code(e);
	for (size_t i = 0; code && denied_codes[i]; i++)
		if (strcmp(code, denied_codes[i]) == 0)
			return true;
	return false;
}

static const char *kind_name(enum aws_error_kind k)
{
	switch (k) {
	case AWS_ERR_SERVICE: return "service";
	case AWS_ERR_NETWORK: return "network";
	case AWS_ERR_TIMEOUT: return "timeout";
	case AWS_ERR_CREDENTIALS: return "expired-credentials";
	case AWS_ERR_NO_CREDENTIALS: return "no-credentials";
	case AWS_ERR_CONFIG: return "config";
	case AWS_ERR_PARSE: return "parse";
	case AWS_ERR_NONE: break;
	}
	return "none";
}

static json_t *error_data(const struct aws_error *e)
{
	json_t *o = json_pack("{s:s}", "kind", kind_name(e->kind));
	if (e->service)
		json_object_set_new(o, "service", json_string(e->service));
	if (e->operation)
		json_object_set_new(o, "operation", json_string(e->operation));
	if (e->code)
		json_object_set_new(o, "code", json_string(e->code));
	if (e->request_id)
		json_object_set_new(o, "request_id", json_string(e->request_id));
	return json_pack("{s:o}", "error", o);
}

void check_aws_error_verdict(const struct aws_error *e, const char *iam_action,
			     struct eval_verdict *v)
{
	const char *svc = e->service ? e->service : "AWS";
	const char *op = e->operation ? e->operation : "";
	const char *msg = str_empty(e->message) ? _("no message") : e->message;
	if (e->kind == AWS_ERR_NETWORK || e->kind == AWS_ERR_TIMEOUT) {
		eval_set(v, CHECK_FAIL, _("Check the network, HTTPS_PROXY / NO_PROXY, AWS_CA_BUNDLE "
					  "and the endpoint, then run it again."),
			 _("network error: %s %s at %s: %s (AWS was not reached: this is not a "
			   "verdict on the account)"),
			 svc, op, e->endpoint ? e->endpoint : "?", msg);
	} else if (e->kind == AWS_ERR_NO_CREDENTIALS) {
		eval_set(v, CHECK_FAIL, e->hint, _("no AWS credentials: %s"), msg);
	} else if (check_aws_denied(e)) {
		char *hint = xasprintf(_("Allow %s in the IAM policy of the user or role liftoff "
					 "runs as, or use credentials that have it."),
				       iam_action ? iam_action : op);
		eval_set(v, CHECK_FAIL, hint, _("access denied: these credentials may not call %s "
						"(%s: %s)"),
			 iam_action ? iam_action : op, e->code, msg);
		free(hint);
	} else if (e->kind == AWS_ERR_SERVICE) {
		eval_set(v, CHECK_FAIL, e->hint, _("%s %s failed: %s: %s"), svc, op,
			 e->code ? e->code : _("error"), msg);
	} else {
		lo_error err = LO_ERROR_INIT;
		aws_error_to_lo(e, &err);
		eval_set(v, CHECK_FAIL, err.hint, "%s", err.message);
		lo_error_clear(&err);
	}
	eval_set_data(v, error_data(e));
}

/* ---- aws.identity ---- */

struct identity_job {
	struct aws_job job;
	struct sts_identity id;
	bool parsed;
};

static void identity_free(struct aws_job *job)
{
	struct identity_job *st = (struct identity_job *)job;
	sts_identity_free(&st->id);
	free(st);
}

static void identity_answer(struct aws_job *job, int slot, struct aws_response *resp,
			    const struct aws_error *e)
{
	(void)slot;
	struct identity_job *st = (struct identity_job *)job;
	if (e)
		aws_job_note_error(job, e, "sts:GetCallerIdentity");
	else
		st->parsed = sts_get_caller_identity_parse(resp, &st->id) == LO_EXIT_OK;
}

static char *credentials_source(aws_client *client)
{
	aws_credentials creds = { 0 };
	lo_error err = LO_ERROR_INIT;
	char *source = NULL;
	if (creds_chain_get(aws_client_chain(client), &creds, false, &err) == LO_EXIT_OK &&
	    creds.source)
		source = xstrdup(creds.source);
	lo_error_clear(&err);
	aws_credentials_free(&creds);
	return source ? source : xstrdup("?");
}

static void identity_finish(struct aws_job *job)
{
	struct identity_job *st = (struct identity_job *)job;
	if (aws_job_fail_noted(job))
		return;
	struct eval_verdict v = EVAL_VERDICT_INIT;
	if (!st->parsed) {
		eval_set(&v, CHECK_FAIL, NULL, _("STS GetCallerIdentity: the answer lacks the "
						 "account or the ARN"));
		aws_job_complete(job, &v);
		return;
	}
	struct lo_aws *aws = job->aws;
	free(aws->account);
	free(aws->arn);
	free(aws->source);
	aws->account = xstrdup(st->id.account);
	aws->arn = xstrdup(st->id.arn);
	aws->source = credentials_source(aws->client);
	eval_set(&v, CHECK_PASS, NULL, _("account %s (%s), credentials from %s"), aws->account,
		 aws->arn, aws->source);
	eval_set_data(&v, json_pack("{s:s, s:s, s:s}", "account", aws->account, "arn", aws->arn,
				    "source", aws->source));
	aws_job_complete(job, &v);
}

void check_run_identity(struct check_run *run)
{
	struct identity_job *st = xcalloc(1, sizeof *st);
	struct aws_request req;
	sts_get_caller_identity_request(&req);
	aws_job_begin(&st->job, run, identity_finish, identity_free);
	aws_job_call(&st->job, 0, &req, identity_answer);
	aws_job_release(&st->job);
}

/* ---- aws.partition ---- */

void check_run_partition(struct check_run *run)
{
	const struct lo_aws *aws = check_ctx(run)->aws;
	if (!aws->arn) {
		check_complete(run, CHECK_SKIP, NULL, _("skipped: the caller's ARN is not known"));
		return;
	}
	if (str_empty(aws->region)) {
		check_complete(run, CHECK_FAIL, _("Set aws_region in config.json, or give --region."),
			       _("no AWS region is set"));
		return;
	}
	struct eval_verdict v = EVAL_VERDICT_INIT;
	eval_partition(aws->arn, aws->region, &v);
	eval_complete(run, &v);
}

/* ---- answers ---- */

json_t *check_aws_pages_array(const struct aws_response *resp, const char *key)
{
	json_t *all = json_array();
	for (size_t p = 0; resp && p < resp->npages; p++) {
		json_t *a = json_object_get(resp->pages[p].json, key);
		if (json_is_array(a))
			json_array_extend(all, a);
	}
	return all;
}

json_t *check_aws_json(const struct aws_response *resp)
{
	return resp && resp->npages ? resp->pages[0].json : NULL;
}
