/* check_acm.c - acm.certificate: ACM DescribeCertificate on
 * load_balancer.certificate_arn (asked in the ARN's own region, so a
 * certificate in the wrong region is still found and named), then
 * eval_acm_certificate with aws_region and the caller's account from
 * aws.identity.
 *
 * When the certificate is missing or unusable, a second round lists the
 * certificates in aws_region (ListCertificates, every key type) and
 * keeps those that cover spacelift_hostname, best first
 * (eval_acm_candidates): they go into the data as "candidates" and into
 * the hint, so the admin sees what to use instead.  A failing listing
 * leaves the verdict as it is.  acm_covering_certificates() is the same
 * listing for the wizard. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "checks/acm_candidates.h"
#include "checks/aws_checks.h"
#include "checks/eval_acm.h"
#include "config/model.h"
#include "core/i18n.h"

/* Shown in the hint at most. */
#define ACM_HINT_CANDIDATES 3

struct acm_job {
	struct aws_job job;
	struct eval_acm_input in;
	json_t *certificate;
	struct eval_verdict verdict;   /* kept while the candidates are listed */
	json_t *summaries;
	int round;
};

static void acm_free(struct aws_job *job)
{
	struct acm_job *st = (struct acm_job *)job;
	json_decref(st->certificate);
	json_decref(st->summaries);
	eval_verdict_free(&st->verdict);
	free(st);
}

static void on_describe(struct aws_job *job, int slot, struct aws_response *resp,
			const struct aws_error *e)
{
	(void)slot;
	struct acm_job *st = (struct acm_job *)job;
	if (e) {
		const char *code = check_aws_code(e);
		if (!str_eq(code, "ResourceNotFoundException") && !str_eq(code, "ValidationException"))
			aws_job_note_error(job, e, "acm:DescribeCertificate");
		return;
	}
	json_t *cert = json_object_get(check_aws_json(resp), "Certificate");
	if (json_is_object(cert)) {
		st->certificate = json_incref(cert);
		st->in.found = true;
		st->in.certificate = cert;
	}
}

static void on_list(struct aws_job *job, int slot, struct aws_response *resp,
		    const struct aws_error *e)
{
	(void)slot;
	struct acm_job *st = (struct acm_job *)job;
	if (!e)
		st->summaries = check_aws_pages_array(resp, "CertificateSummaryList");
}

static const char *const key_types[] = {
	"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1",
	"EC_secp521r1", NULL,
};

void acm_list_certificates_request(struct aws_request *req, char **body)
{
	json_t *types = json_array();
	for (size_t i = 0; key_types[i]; i++)
		json_array_append_new(types, json_string(key_types[i]));
	json_t *doc = json_pack("{s:{s:o}}", "Includes", "keyTypes", types);
	*body = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	*req = (struct aws_request){ .service = "acm", .operation = "ListCertificates",
				     .json = *body, .input_token = "NextToken",
				     .output_token = "NextToken" };
}

static void add_candidates(struct acm_job *st)
{
	json_t *list = eval_acm_candidates(st->summaries, st->in.hostname, st->in.now);
	struct eval_verdict *v = &st->verdict;
	if (!v->data)
		eval_set_data(v, json_object());
	json_object_set_new(v->data, "candidates", list);
	if (!json_array_size(list))
		return;
	strbuf sb = STRBUF_INIT;
	sb_appendf(&sb, "%s%s", v->hint ? v->hint : "", v->hint ? " " : "");
	sb_appendf(&sb, _("Certificates that cover %s:"), st->in.hostname);
	size_t i;
	json_t *s;
	json_array_foreach(list, i, s) {
		if (i == ACM_HINT_CANDIDATES) {
			sb_appendf(&sb, " …");
			break;
		}
		sb_appendf(&sb, "%s %s (%s)", i ? "," : "", eval_json_str(s, "CertificateArn"),
			   eval_json_str(s, "Status") ? eval_json_str(s, "Status") : "?");
	}
	free(v->hint);
	v->hint = sb_detach(&sb);
}

static void acm_finish(struct aws_job *job)
{
	struct acm_job *st = (struct acm_job *)job;
	if (st->round == 1) {
		add_candidates(st);
		aws_job_complete(job, &st->verdict);
		return;
	}
	if (aws_job_fail_noted(job))
		return;
	eval_acm_certificate(&st->in, &st->verdict);
	if (st->verdict.status != CHECK_FAIL || str_empty(st->in.hostname)) {
		aws_job_complete(job, &st->verdict);
		return;
	}
	st->round = 1;
	char *body;
	struct aws_request req;
	acm_list_certificates_request(&req, &body);
	aws_job_call(job, 1, &req, on_list);
	free(body);
}

void check_run_acm(struct check_run *run)
{
	const struct check_ctx *ctx = check_ctx(run);
	const char *arn = config_get_string(ctx->config, "load_balancer.certificate_arn");
	if (str_empty(arn)) {
		check_complete(run, CHECK_FAIL, _("Request or import a certificate for "
						  "spacelift_hostname in ACM and set "
						  "load_balancer.certificate_arn to its ARN."),
			       _("load_balancer.certificate_arn is not set"));
		return;
	}
	struct acm_job *st = xcalloc(1, sizeof *st);
	st->in.certificate_arn = config_get_string(ctx->config, "load_balancer.certificate_arn");
	st->in.region = ctx->aws->region;
	st->in.account = ctx->aws->account;
	st->in.hostname = config_get_string(ctx->config, "spacelift_hostname");
	st->in.now = time(NULL);
	struct eval_verdict init = EVAL_VERDICT_INIT;
	st->verdict = init;
	char *region = eval_arn_field(arn, 3);
	json_t *doc = json_pack("{s:s}", "CertificateArn", arn);
	char *body = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	struct aws_request req = { .service = "acm", .operation = "DescribeCertificate",
				   .json = body, .region = str_empty(region) ? NULL : region };
	aws_job_begin(&st->job, run, acm_finish, acm_free);
	aws_job_call(&st->job, 0, &req, on_describe);
	aws_job_release(&st->job);
	free(body);
	free(region);
}

int acm_covering_certificates(aws_client *client, const char *hostname, json_t **out,
			      struct aws_error *detail, lo_error *err)
{
	*out = NULL;
	char *body;
	struct aws_request req;
	acm_list_certificates_request(&req, &body);
	struct aws_response resp;
	int rc = aws_call_sync(client, &req, &resp, detail, err);
	free(body);
	if (rc != LO_EXIT_OK)
		return rc;
	json_t *all = check_aws_pages_array(&resp, "CertificateSummaryList");
	*out = eval_acm_candidates(all, hostname, time(NULL));
	json_decref(all);
	aws_response_free(&resp);
	return LO_EXIT_OK;
}
