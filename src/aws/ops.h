/* ops.h - the AWS operations liftoff needs, each with a typed result.
 *
 * Shapes follow the botocore models; only the members liftoff reads are
 * kept.  Each operation has a blocking form (aws_call_sync underneath)
 * returning an lo_exit code, with the error in detail (may be NULL) and
 * err; lists are fetched across every page (NextToken or Marker).  For
 * concurrent use, build the request with the *_request functions (where
 * provided), start it with aws_call_start, and read the answer with the
 * matching *_parse function.  Secret values (SSM parameter values,
 * assumed-role keys and tokens) are lo_secret.  Timestamps are ISO 8601
 * UTC text whatever the protocol sent. */
#ifndef LO_AWS_OPS_H
#define LO_AWS_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "aws/client.h"

struct aws_strlist {
	char **v;
	size_t n;
};

struct aws_kv {
	char *key;
	char *value;
};

struct aws_kvlist {
	struct aws_kv *v;
	size_t n;
};

void aws_strlist_free(struct aws_strlist *l);
void aws_kvlist_free(struct aws_kvlist *l);
const char *aws_kvlist_get(const struct aws_kvlist *l, const char *key);

#define AWS_OUT struct aws_error *detail, lo_error *err

/* ---- STS ---- */
struct sts_identity {
	char *account, *arn, *user_id;
};
void sts_identity_free(struct sts_identity *x);
void sts_get_caller_identity_request(struct aws_request *req);
int sts_get_caller_identity_parse(const struct aws_response *r, struct sts_identity *out);
int sts_get_caller_identity(aws_client *c, struct sts_identity *out, AWS_OUT);

struct sts_assumed {
	aws_credentials credentials;   /* source "assume-role" or "web-identity" */
	char *assumed_role_arn, *assumed_role_id;
};
void sts_assumed_free(struct sts_assumed *x);
int sts_assume_role(aws_client *c, const struct sts_assume_request *in, struct sts_assumed *out,
		    AWS_OUT);

/* ---- EC2 ---- */
struct ec2_address {
	char *public_ip, *allocation_id, *association_id, *domain, *instance_id,
		*network_interface_id, *private_ip, *network_border_group;
	struct aws_kvlist tags;
};
struct ec2_addresses {
	struct ec2_address *v;
	size_t n;
};
void ec2_addresses_free(struct ec2_addresses *x);
int ec2_describe_addresses(aws_client *c, struct ec2_addresses *out, AWS_OUT);

struct ec2_region {
	char *name, *endpoint, *opt_in_status;
};
struct ec2_regions {
	struct ec2_region *v;
	size_t n;
};
void ec2_regions_free(struct ec2_regions *x);
int ec2_describe_regions(aws_client *c, bool all_regions, struct ec2_regions *out, AWS_OUT);

/* ---- Service Quotas ---- */
struct sq_quota {
	char *service_code, *service_name, *quota_code, *quota_name, *quota_arn, *unit;
	double value;
	bool adjustable, global_quota;
};
void sq_quota_free(struct sq_quota *x);
int sq_get_service_quota(aws_client *c, const char *service_code, const char *quota_code,
			 struct sq_quota *out, AWS_OUT);

/* ---- License Manager ---- */
struct lm_entitlement {
	char *name, *value, *unit;
	long long max_count;
	bool overage, allow_check_in;
};
struct lm_license {
	char *license_arn, *license_name, *product_name, *product_sku, *issuer_name, *home_region,
		*status, *beneficiary, *validity_begin, *validity_end, *create_time, *version,
		*received_status, *received_status_reason;
	struct aws_strlist allowed_operations;
	struct lm_entitlement *entitlements;
	size_t nentitlements;
	struct aws_kvlist metadata;
};
struct lm_licenses {
	struct lm_license *v;
	size_t n;
};
void lm_licenses_free(struct lm_licenses *x);
/* filters: "Name=Value" pairs, e.g. "ProductSKU=abc"; may be NULL. */
int lm_list_received_licenses(aws_client *c, const char *const *filters, size_t nfilters,
			      struct lm_licenses *out, AWS_OUT);

struct lm_grant {
	char *grant_arn, *grant_name, *parent_arn, *license_arn, *grantee_principal_arn,
		*home_region, *grant_status, *status_reason, *version;
	struct aws_strlist granted_operations;
	char *activation_override_behavior;
};
struct lm_grants {
	struct lm_grant *v;
	size_t n;
};
void lm_grants_free(struct lm_grants *x);
int lm_list_received_grants(aws_client *c, const char *const *filters, size_t nfilters,
			    struct lm_grants *out, AWS_OUT);

struct lm_grant_state {
	char *grant_arn, *status, *version;
};
void lm_grant_state_free(struct lm_grant_state *x);
int lm_accept_grant(aws_client *c, const char *grant_arn, struct lm_grant_state *out, AWS_OUT);
/* Activate a grant as the Marketplace console does: a new version with
 * Status ACTIVE (status may be NULL for that) and, when given,
 * Options.ActivationOverrideBehavior. */
int lm_create_grant_version(aws_client *c, const char *grant_arn, const char *client_token,
			    const char *status, const char *activation_override,
			    struct lm_grant_state *out, AWS_OUT);

/* ---- ACM ---- */
struct acm_cert {
	char *arn, *domain_name, *status, *type, *key_algorithm, *not_before, *not_after,
		*renewal_eligibility;
	bool in_use;
	struct aws_strlist sans, in_use_by;
};
struct acm_certs {
	struct acm_cert *v;
	size_t n;
};
void acm_cert_free(struct acm_cert *x);
void acm_certs_free(struct acm_certs *x);
/* statuses: e.g. {"ISSUED"}; NULL for the service default. */
int acm_list_certificates(aws_client *c, const char *const *statuses, size_t nstatuses,
			  struct acm_certs *out, AWS_OUT);
int acm_describe_certificate(aws_client *c, const char *arn, struct acm_cert *out, AWS_OUT);

/* ---- SNS ---- */
int sns_get_topic_attributes(aws_client *c, const char *topic_arn, struct aws_kvlist *out,
			     AWS_OUT);

/* ---- SSM ---- */
struct ssm_parameter {
	char *name, *type, *arn, *data_type, *last_modified, *key_id, *tier, *description;
	lo_secret *value;             /* GetParameter only */
	long long version;
};
struct ssm_parameters {
	struct ssm_parameter *v;
	size_t n;
};
void ssm_parameter_free(struct ssm_parameter *x);
void ssm_parameters_free(struct ssm_parameters *x);
int ssm_get_parameter(aws_client *c, const char *name, bool with_decryption,
		      struct ssm_parameter *out, AWS_OUT);
/* name_prefix: a BeginsWith filter on Name; NULL for all. */
int ssm_describe_parameters(aws_client *c, const char *name_prefix, struct ssm_parameters *out,
			    AWS_OUT);

/* ---- KMS ---- */
struct kms_key {
	char *key_id, *arn, *account, *key_state, *key_manager, *key_usage, *key_spec,
		*description;
	bool enabled, multi_region;
};
void kms_key_free(struct kms_key *x);
int kms_describe_key(aws_client *c, const char *key_id, struct kms_key *out, AWS_OUT);

/* ---- Secrets Manager ---- */
struct sm_secret {
	char *arn, *name, *description, *kms_key_id, *deleted_date, *created_date,
		*primary_region;
	bool rotation_enabled;
	struct aws_kvlist tags;
};
void sm_secret_free(struct sm_secret *x);
int sm_describe_secret(aws_client *c, const char *secret_id, struct sm_secret *out, AWS_OUT);

/* ---- CloudFormation ---- */
struct cfn_stack {
	char *stack_id, *stack_name, *status, *status_reason, *creation_time, *last_updated_time,
		*deletion_time, *description, *role_arn;
	bool termination_protection;
	struct aws_kvlist parameters, outputs, tags;
	struct aws_strlist capabilities;
};
struct cfn_stacks {
	struct cfn_stack *v;
	size_t n;
};
void cfn_stacks_free(struct cfn_stacks *x);
/* stack_name NULL: every stack. */
void cfn_describe_stacks_request(struct aws_request *req, const char *stack_name, strbuf *form);
int cfn_describe_stacks_parse(const struct aws_response *r, struct cfn_stacks *out);
int cfn_describe_stacks(aws_client *c, const char *stack_name, struct cfn_stacks *out, AWS_OUT);
/* ListStacks: summaries only (id, name, status, reason, times).  filters:
 * StackStatusFilter values; NULL for all. */
int cfn_list_stacks(aws_client *c, const char *const *filters, size_t nfilters,
		    struct cfn_stacks *out, AWS_OUT);

struct cfn_event {
	char *event_id, *stack_name, *logical_id, *physical_id, *resource_type, *timestamp,
		*status, *status_reason;
};
struct cfn_events {
	struct cfn_event *v;
	size_t n;
};
void cfn_events_free(struct cfn_events *x);
/* max_pages 0: all; events come newest first, so 1 is the latest page. */
int cfn_describe_stack_events(aws_client *c, const char *stack_name, int max_pages,
			      struct cfn_events *out, AWS_OUT);

struct cfn_resource {
	char *logical_id, *physical_id, *resource_type, *status, *status_reason, *last_updated;
};
struct cfn_resources {
	struct cfn_resource *v;
	size_t n;
};
void cfn_resource_free(struct cfn_resource *x);
void cfn_resources_free(struct cfn_resources *x);
int cfn_list_stack_resources(aws_client *c, const char *stack_name, struct cfn_resources *out,
			     AWS_OUT);
int cfn_describe_stack_resource(aws_client *c, const char *stack_name, const char *logical_id,
				struct cfn_resource *out, AWS_OUT);

struct cfn_template_param {
	char *key, *default_value, *type, *description;
	bool no_echo;
};
struct cfn_template_summary {
	char *description, *version;
	struct cfn_template_param *params;
	size_t nparams;
	struct aws_strlist capabilities, resource_types;
};
void cfn_template_summary_free(struct cfn_template_summary *x);
/* One of template_body, template_url or stack_name. */
int cfn_get_template_summary(aws_client *c, const char *template_body, const char *template_url,
			     const char *stack_name, struct cfn_template_summary *out, AWS_OUT);

/* ---- CloudWatch ---- */
struct cw_alarm {
	char *name, *arn, *state_value, *state_reason, *metric_name, *namespace_;
	bool actions_enabled;
};
struct cw_alarms {
	struct cw_alarm *v;
	size_t n;
};
void cw_alarms_free(struct cw_alarms *x);
int cw_describe_alarms(aws_client *c, const char *name_prefix, struct cw_alarms *out, AWS_OUT);

/* ---- ELBv2 ---- */
struct elb_lb {
	char *arn, *name, *dns_name, *scheme, *type, *state, *vpc_id, *hosted_zone_id;
};
struct elb_lbs {
	struct elb_lb *v;
	size_t n;
};
void elb_lbs_free(struct elb_lbs *x);
int elb_describe_load_balancers(aws_client *c, const char *const *names, size_t nnames,
				struct elb_lbs *out, AWS_OUT);

#endif
