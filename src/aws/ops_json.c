/* ops_json.c - operations of the JSON-protocol services: Service Quotas,
 * License Manager, ACM, SSM, KMS, Secrets Manager (JSON 1.1) and
 * CloudWatch (JSON 1.0) (see ops.h).
 *
 * Requests are JSON objects built with jansson and sent with
 * X-Amz-Target; lists come back across pages on NextToken. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/ops.h"
#include "core/i18n.h"

#define GROW(arr, n) \
	((arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)), \
	 memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

#define FOR_PAGES_ITEMS(r, key, it) \
	for (size_t pg_ = 0; pg_ < (r)->npages; pg_++) \
		for (size_t i_ = 0, n_ = json_array_size(json_object_get((r)->pages[pg_].json, key)); \
		     i_ < n_; i_++) \
			for (json_t *it = json_array_get(json_object_get((r)->pages[pg_].json, key), i_); \
			     it; it = NULL)

/* Send body (stolen) and return the answer. */
static int run(aws_client *c, const char *service, const char *op, json_t *body, bool paged,
	       struct aws_response *r, struct aws_error *detail, lo_error *err)
{
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	struct aws_request req = {
		.service = service, .operation = op, .json = text,
		.input_token = paged ? "NextToken" : NULL, .output_token = paged ? "NextToken" : NULL,
	};
	int rc = aws_call_sync(c, &req, r, detail, err);
	secret_wipe(text, strlen(text));
	free(text);
	return rc;
}

static int missing(lo_error *err, const char *op)
{
	lo_error_set(err, LO_EXIT_ENV, NULL, _("%s: the answer lacks the expected fields"), op);
	return LO_EXIT_ENV;
}

static void json_strlist(const json_t *arr, struct aws_strlist *out)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *s = json_string_value(json_array_get(arr, i));
		if (s) {
			char **slot = GROW(out->v, out->n);
			*slot = xstrdup(s);
		}
	}
}

static void json_kvlist(const json_t *arr, const char *k, const char *v, struct aws_kvlist *out)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *e = json_array_get(arr, i);
		struct aws_kv *kv = GROW(out->v, out->n);
		kv->key = aws_json_str(e, k);
		kv->value = aws_json_str(e, v);
	}
}

static json_t *filters_json(const char *const *filters, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(filters[i], '=');
		if (!eq)
			continue;
		char *name = xstrndup(filters[i], (size_t)(eq - filters[i]));
		json_array_append_new(arr, json_pack("{s:s, s:[s]}", "Name", name, "Values", eq + 1));
		free(name);
	}
	return arr;
}

/* ---- Service Quotas ---- */

void sq_quota_free(struct sq_quota *x)
{
	free(x->service_code);
	free(x->service_name);
	free(x->quota_code);
	free(x->quota_name);
	free(x->quota_arn);
	free(x->unit);
	memset(x, 0, sizeof *x);
}

int sq_get_service_quota(aws_client *c, const char *service_code, const char *quota_code,
			 struct sq_quota *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	struct aws_response r;
	json_t *body = json_pack("{s:s, s:s}", "ServiceCode", service_code, "QuotaCode", quota_code);
	int rc = run(c, "service-quotas", "GetServiceQuota", body, false, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	json_t *q = json_object_get(r.pages[0].json, "Quota");
	if (q) {
		out->service_code = aws_json_str(q, "ServiceCode");
		out->service_name = aws_json_str(q, "ServiceName");
		out->quota_code = aws_json_str(q, "QuotaCode");
		out->quota_name = aws_json_str(q, "QuotaName");
		out->quota_arn = aws_json_str(q, "QuotaArn");
		out->unit = aws_json_str(q, "Unit");
		out->value = aws_json_num(q, "Value");
		out->adjustable = aws_json_bool(q, "Adjustable");
		out->global_quota = aws_json_bool(q, "GlobalQuota");
	}
	aws_response_free(&r);
	return q ? LO_EXIT_OK : missing(err, "GetServiceQuota");
}

/* ---- License Manager ---- */

static void lm_license_free(struct lm_license *l)
{
	free(l->license_arn);
	free(l->license_name);
	free(l->product_name);
	free(l->product_sku);
	free(l->issuer_name);
	free(l->home_region);
	free(l->status);
	free(l->beneficiary);
	free(l->validity_begin);
	free(l->validity_end);
	free(l->create_time);
	free(l->version);
	free(l->received_status);
	free(l->received_status_reason);
	aws_strlist_free(&l->allowed_operations);
	for (size_t i = 0; i < l->nentitlements; i++) {
		free(l->entitlements[i].name);
		free(l->entitlements[i].value);
		free(l->entitlements[i].unit);
	}
	free(l->entitlements);
	aws_kvlist_free(&l->metadata);
}

void lm_licenses_free(struct lm_licenses *x)
{
	for (size_t i = 0; i < x->n; i++)
		lm_license_free(&x->v[i]);
	free(x->v);
	memset(x, 0, sizeof *x);
}

static void read_license(const json_t *it, struct lm_license *l)
{
	l->license_arn = aws_json_str(it, "LicenseArn");
	l->license_name = aws_json_str(it, "LicenseName");
	l->product_name = aws_json_str(it, "ProductName");
	l->product_sku = aws_json_str(it, "ProductSKU");
	l->issuer_name = aws_json_str(json_object_get(it, "Issuer"), "Name");
	l->home_region = aws_json_str(it, "HomeRegion");
	l->status = aws_json_str(it, "Status");
	l->beneficiary = aws_json_str(it, "Beneficiary");
	l->validity_begin = aws_json_str(json_object_get(it, "Validity"), "Begin");
	l->validity_end = aws_json_str(json_object_get(it, "Validity"), "End");
	l->create_time = aws_json_str(it, "CreateTime");
	l->version = aws_json_str(it, "Version");
	json_t *rm = json_object_get(it, "ReceivedMetadata");
	l->received_status = aws_json_str(rm, "ReceivedStatus");
	l->received_status_reason = aws_json_str(rm, "ReceivedStatusReason");
	json_strlist(json_object_get(rm, "AllowedOperations"), &l->allowed_operations);
	json_t *ents = json_object_get(it, "Entitlements");
	for (size_t i = 0; i < json_array_size(ents); i++) {
		json_t *e = json_array_get(ents, i);
		struct lm_entitlement *en = GROW(l->entitlements, l->nentitlements);
		en->name = aws_json_str(e, "Name");
		en->value = aws_json_str(e, "Value");
		en->unit = aws_json_str(e, "Unit");
		en->max_count = aws_json_int(e, "MaxCount");
		en->overage = aws_json_bool(e, "Overage");
		en->allow_check_in = aws_json_bool(e, "AllowCheckIn");
	}
	json_kvlist(json_object_get(it, "LicenseMetadata"), "Name", "Value", &l->metadata);
}

int lm_list_received_licenses(aws_client *c, const char *const *filters, size_t nfilters,
			      struct lm_licenses *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	json_t *body = json_object();
	if (nfilters)
		json_object_set_new(body, "Filters", filters_json(filters, nfilters));
	struct aws_response r;
	int rc = run(c, "license-manager", "ListReceivedLicenses", body, true, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	FOR_PAGES_ITEMS(&r, "Licenses", it)
		read_license(it, GROW(out->v, out->n));
	aws_response_free(&r);
	return LO_EXIT_OK;
}

void lm_grants_free(struct lm_grants *x)
{
	for (size_t i = 0; i < x->n; i++) {
		struct lm_grant *g = &x->v[i];
		free(g->grant_arn);
		free(g->grant_name);
		free(g->parent_arn);
		free(g->license_arn);
		free(g->grantee_principal_arn);
		free(g->home_region);
		free(g->grant_status);
		free(g->status_reason);
		free(g->version);
		free(g->activation_override_behavior);
		aws_strlist_free(&g->granted_operations);
	}
	free(x->v);
	memset(x, 0, sizeof *x);
}

int lm_list_received_grants(aws_client *c, const char *const *filters, size_t nfilters,
			    struct lm_grants *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	json_t *body = json_object();
	if (nfilters)
		json_object_set_new(body, "Filters", filters_json(filters, nfilters));
	struct aws_response r;
	int rc = run(c, "license-manager", "ListReceivedGrants", body, true, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	FOR_PAGES_ITEMS(&r, "Grants", it) {
		struct lm_grant *g = GROW(out->v, out->n);
		g->grant_arn = aws_json_str(it, "GrantArn");
		g->grant_name = aws_json_str(it, "GrantName");
		g->parent_arn = aws_json_str(it, "ParentArn");
		g->license_arn = aws_json_str(it, "LicenseArn");
		g->grantee_principal_arn = aws_json_str(it, "GranteePrincipalArn");
		g->home_region = aws_json_str(it, "HomeRegion");
		g->grant_status = aws_json_str(it, "GrantStatus");
		g->status_reason = aws_json_str(it, "StatusReason");
		g->version = aws_json_str(it, "Version");
		json_strlist(json_object_get(it, "GrantedOperations"), &g->granted_operations);
		g->activation_override_behavior =
			aws_json_str(json_object_get(it, "Options"), "ActivationOverrideBehavior");
	}
	aws_response_free(&r);
	return LO_EXIT_OK;
}

void lm_grant_state_free(struct lm_grant_state *x)
{
	free(x->grant_arn);
	free(x->status);
	free(x->version);
	memset(x, 0, sizeof *x);
}

static int grant_state(aws_client *c, const char *op, json_t *body, struct lm_grant_state *out,
		       AWS_OUT)
{
	memset(out, 0, sizeof *out);
	struct aws_response r;
	int rc = run(c, "license-manager", op, body, false, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	json_t *o = r.pages[0].json;
	out->grant_arn = aws_json_str(o, "GrantArn");
	out->status = aws_json_str(o, "Status");
	out->version = aws_json_str(o, "Version");
	aws_response_free(&r);
	return out->grant_arn ? LO_EXIT_OK : missing(err, op);
}

int lm_accept_grant(aws_client *c, const char *grant_arn, struct lm_grant_state *out, AWS_OUT)
{
	return grant_state(c, "AcceptGrant", json_pack("{s:s}", "GrantArn", grant_arn), out,
			   detail, err);
}

int lm_create_grant_version(aws_client *c, const char *grant_arn, const char *client_token,
			    const char *status, const char *activation_override,
			    struct lm_grant_state *out, AWS_OUT)
{
	json_t *body = json_pack("{s:s, s:s, s:s}", "ClientToken", client_token, "GrantArn",
				 grant_arn, "Status", status ? status : "ACTIVE");
	if (activation_override)
		json_object_set_new(body, "Options",
				    json_pack("{s:s}", "ActivationOverrideBehavior",
					      activation_override));
	return grant_state(c, "CreateGrantVersion", body, out, detail, err);
}

/* ---- ACM ---- */

void acm_cert_free(struct acm_cert *x)
{
	free(x->arn);
	free(x->domain_name);
	free(x->status);
	free(x->type);
	free(x->key_algorithm);
	free(x->not_before);
	free(x->not_after);
	free(x->renewal_eligibility);
	aws_strlist_free(&x->sans);
	aws_strlist_free(&x->in_use_by);
	memset(x, 0, sizeof *x);
}

void acm_certs_free(struct acm_certs *x)
{
	for (size_t i = 0; i < x->n; i++)
		acm_cert_free(&x->v[i]);
	free(x->v);
	memset(x, 0, sizeof *x);
}

static void read_cert(const json_t *it, struct acm_cert *a)
{
	a->arn = aws_json_str(it, "CertificateArn");
	a->domain_name = aws_json_str(it, "DomainName");
	a->status = aws_json_str(it, "Status");
	a->type = aws_json_str(it, "Type");
	a->key_algorithm = aws_json_str(it, "KeyAlgorithm");
	a->not_before = aws_json_time(it, "NotBefore");
	a->not_after = aws_json_time(it, "NotAfter");
	a->renewal_eligibility = aws_json_str(it, "RenewalEligibility");
	a->in_use = aws_json_bool(it, "InUse");
	json_t *sans = json_object_get(it, "SubjectAlternativeNames");
	json_strlist(sans ? sans : json_object_get(it, "SubjectAlternativeNameSummaries"), &a->sans);
	json_strlist(json_object_get(it, "InUseBy"), &a->in_use_by);
	if (a->in_use_by.n)
		a->in_use = true;
}

int acm_list_certificates(aws_client *c, const char *const *statuses, size_t nstatuses,
			  struct acm_certs *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	json_t *body = json_object();
	if (nstatuses) {
		json_t *arr = json_array();
		for (size_t i = 0; i < nstatuses; i++)
			json_array_append_new(arr, json_string(statuses[i]));
		json_object_set_new(body, "CertificateStatuses", arr);
	}
	struct aws_response r;
	int rc = run(c, "acm", "ListCertificates", body, true, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	FOR_PAGES_ITEMS(&r, "CertificateSummaryList", it)
		read_cert(it, GROW(out->v, out->n));
	aws_response_free(&r);
	return LO_EXIT_OK;
}

int acm_describe_certificate(aws_client *c, const char *arn, struct acm_cert *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	struct aws_response r;
	int rc = run(c, "acm", "DescribeCertificate", json_pack("{s:s}", "CertificateArn", arn),
		     false, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	json_t *cert = json_object_get(r.pages[0].json, "Certificate");
	if (cert)
		read_cert(cert, out);
	aws_response_free(&r);
	return cert ? LO_EXIT_OK : missing(err, "DescribeCertificate");
}

/* ---- SSM ---- */

void ssm_parameter_free(struct ssm_parameter *x)
{
	free(x->name);
	free(x->type);
	free(x->arn);
	free(x->data_type);
	free(x->last_modified);
	free(x->key_id);
	free(x->tier);
	free(x->description);
	secret_free(x->value);
	memset(x, 0, sizeof *x);
}

void ssm_parameters_free(struct ssm_parameters *x)
{
	for (size_t i = 0; i < x->n; i++)
		ssm_parameter_free(&x->v[i]);
	free(x->v);
	memset(x, 0, sizeof *x);
}

static void read_parameter(const json_t *it, struct ssm_parameter *p)
{
	p->name = aws_json_str(it, "Name");
	p->type = aws_json_str(it, "Type");
	p->arn = aws_json_str(it, "ARN");
	p->data_type = aws_json_str(it, "DataType");
	p->last_modified = aws_json_time(it, "LastModifiedDate");
	p->key_id = aws_json_str(it, "KeyId");
	p->tier = aws_json_str(it, "Tier");
	p->description = aws_json_str(it, "Description");
	p->version = aws_json_int(it, "Version");
	const char *v = json_string_value(json_object_get(it, "Value"));
	if (v)
		p->value = secret_from_str(v);
}

int ssm_get_parameter(aws_client *c, const char *name, bool with_decryption,
		      struct ssm_parameter *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	struct aws_response r;
	json_t *body = json_pack("{s:s, s:b}", "Name", name, "WithDecryption", with_decryption);
	int rc = run(c, "ssm", "GetParameter", body, false, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	json_t *p = json_object_get(r.pages[0].json, "Parameter");
	if (p)
		read_parameter(p, out);
	aws_response_free(&r);  /* wipes the body that held the value */
	return p ? LO_EXIT_OK : missing(err, "GetParameter");
}

int ssm_describe_parameters(aws_client *c, const char *name_prefix, struct ssm_parameters *out,
			    AWS_OUT)
{
	memset(out, 0, sizeof *out);
	json_t *body = json_object();
	if (name_prefix)
		json_object_set_new(body, "ParameterFilters",
				    json_pack("[{s:s, s:s, s:[s]}]", "Key", "Name", "Option",
					      "BeginsWith", "Values", name_prefix));
	struct aws_response r;
	int rc = run(c, "ssm", "DescribeParameters", body, true, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	FOR_PAGES_ITEMS(&r, "Parameters", it)
		read_parameter(it, GROW(out->v, out->n));
	aws_response_free(&r);
	return LO_EXIT_OK;
}

/* ---- KMS ---- */

void kms_key_free(struct kms_key *x)
{
	free(x->key_id);
	free(x->arn);
	free(x->account);
	free(x->key_state);
	free(x->key_manager);
	free(x->key_usage);
	free(x->key_spec);
	free(x->description);
	memset(x, 0, sizeof *x);
}

int kms_describe_key(aws_client *c, const char *key_id, struct kms_key *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	struct aws_response r;
	int rc = run(c, "kms", "DescribeKey", json_pack("{s:s}", "KeyId", key_id), false, &r,
		     detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	json_t *k = json_object_get(r.pages[0].json, "KeyMetadata");
	if (k) {
		out->key_id = aws_json_str(k, "KeyId");
		out->arn = aws_json_str(k, "Arn");
		out->account = aws_json_str(k, "AWSAccountId");
		out->key_state = aws_json_str(k, "KeyState");
		out->key_manager = aws_json_str(k, "KeyManager");
		out->key_usage = aws_json_str(k, "KeyUsage");
		out->key_spec = aws_json_str(k, "KeySpec");
		out->description = aws_json_str(k, "Description");
		out->enabled = aws_json_bool(k, "Enabled");
		out->multi_region = aws_json_bool(k, "MultiRegion");
	}
	aws_response_free(&r);
	return k ? LO_EXIT_OK : missing(err, "DescribeKey");
}

/* ---- Secrets Manager ---- */

void sm_secret_free(struct sm_secret *x)
{
	free(x->arn);
	free(x->name);
	free(x->description);
	free(x->kms_key_id);
	free(x->deleted_date);
	free(x->created_date);
	free(x->primary_region);
	aws_kvlist_free(&x->tags);
	memset(x, 0, sizeof *x);
}

int sm_describe_secret(aws_client *c, const char *secret_id, struct sm_secret *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	struct aws_response r;
	int rc = run(c, "secretsmanager", "DescribeSecret", json_pack("{s:s}", "SecretId", secret_id),
		     false, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	json_t *o = r.pages[0].json;
	out->arn = aws_json_str(o, "ARN");
	out->name = aws_json_str(o, "Name");
	out->description = aws_json_str(o, "Description");
	out->kms_key_id = aws_json_str(o, "KmsKeyId");
	out->deleted_date = aws_json_time(o, "DeletedDate");
	out->created_date = aws_json_time(o, "CreatedDate");
	out->primary_region = aws_json_str(o, "PrimaryRegion");
	out->rotation_enabled = aws_json_bool(o, "RotationEnabled");
	json_kvlist(json_object_get(o, "Tags"), "Key", "Value", &out->tags);
	aws_response_free(&r);
	return out->arn ? LO_EXIT_OK : missing(err, "DescribeSecret");
}

/* ---- CloudWatch (JSON 1.0) ---- */

void cw_alarms_free(struct cw_alarms *x)
{
	for (size_t i = 0; i < x->n; i++) {
		struct cw_alarm *a = &x->v[i];
		free(a->name);
		free(a->arn);
		free(a->state_value);
		free(a->state_reason);
		free(a->metric_name);
		free(a->namespace_);
	}
	free(x->v);
	memset(x, 0, sizeof *x);
}

int cw_describe_alarms(aws_client *c, const char *name_prefix, struct cw_alarms *out, AWS_OUT)
{
	memset(out, 0, sizeof *out);
	json_t *body = json_object();
	if (name_prefix)
		json_object_set_new(body, "AlarmNamePrefix", json_string(name_prefix));
	struct aws_response r;
	int rc = run(c, "cloudwatch", "DescribeAlarms", body, true, &r, detail, err);
	if (rc != LO_EXIT_OK)
		return rc;
	FOR_PAGES_ITEMS(&r, "MetricAlarms", it) {
		struct cw_alarm *a = GROW(out->v, out->n);
		a->name = aws_json_str(it, "AlarmName");
		a->arn = aws_json_str(it, "AlarmArn");
		a->state_value = aws_json_str(it, "StateValue");
		a->state_reason = aws_json_str(it, "StateReason");
		a->metric_name = aws_json_str(it, "MetricName");
		a->namespace_ = aws_json_str(it, "Namespace");
		a->actions_enabled = aws_json_bool(it, "ActionsEnabled");
	}
	aws_response_free(&r);
	return LO_EXIT_OK;
}
