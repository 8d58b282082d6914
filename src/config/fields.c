/* fields.c - the table of every config.json field the release supports.
 *
 * Order follows the release's prefilled config.json, so the built-in
 * defaults come out in the order an admin expects.  Defaults are JSON
 * text.  Fields with no default (load_balancer.tag) are optional and not
 * written by `config init`.  Defaults marked (inferred) are not in the
 * vendor's documentation; a release's own config.json overrides them. */
#include "config.h"

#include <string.h>

#include "config/model.h"
#include "config/rules.h"
#include "core/i18n.h"

#define REQ CFG_REQUIRED
#define SEC CFG_SECRET

const struct config_field config_field_table[] = {
	{ "account_name", CFG_STRING, "\"\"", REQ, check_account_name,
	  N_("your Spacelift account name; it shapes the module registry URL") },
	{ "aws_region", CFG_STRING, "\"\"", REQ, check_region,
	  N_("the AWS region to install into, e.g. eu-west-1") },
	{ "spacelift_hostname", CFG_STRING, "\"\"", REQ, check_hostname,
	  N_("the hostname of the installation, without https:// or a trailing slash") },
	{ "webhooks_endpoint", CFG_STRING, "\"\"", 0, check_webhooks,
	  N_("optional https URL shown for webhooks; empty means the hostname") },
	{ "iot_broker_endpoint", CFG_STRING, "\"\"", 0, check_optional_hostname,
	  N_("optional custom IoT broker domain") },
	{ "disable_services", CFG_BOOL, "false", 0, NULL,
	  N_("true on a disaster-recovery instance: deploy without running services") },
	{ "tracing_enabled", CFG_BOOL, "false", 0, NULL, N_("send traces to AWS X-Ray") },
	{ "automatically_report_usage_data", CFG_BOOL, "false", 0, NULL,
	  N_("send anonymous usage data to Spacelift") },

	{ "load_balancer.certificate_arn", CFG_STRING, "\"\"", REQ, check_acm_arn,
	  N_("ARN of the ACM certificate for the hostname, in the same region") },
	{ "load_balancer.scheme", CFG_STRING, "\"internet-facing\"", 0, check_lb_scheme,
	  N_("internet-facing or internal") },
	{ "load_balancer.ssl_policy", CFG_STRING, "\"ELBSecurityPolicy-TLS-1-2-2017-01\"", 0,
	  check_ssl_policy, N_("the ELB security policy (ciphers and protocols)") },
	{ "load_balancer.subnet_placement", CFG_STRING, "\"public\"", 0, check_subnet_placement,
	  N_("public or private subnets for the load balancer") },
	{ "load_balancer.tag", CFG_TAG, NULL, 0, check_tag,
	  N_("optional tag {key, value} for the load balancer") },

	{ "database.delete_protection_enabled", CFG_BOOL_OR_EMPTY, "true", 0, NULL,
	  N_("deletion protection for a Spacelift-managed database; empty when self-managed") },
	{ "database.instance_class", CFG_STRING, "\"db.t4g.large\"", 0, check_instance_class,
	  N_("instance class of a Spacelift-managed database; empty when self-managed") },
	{ "database.postgres_engine_version", CFG_STRING, "\"\"", 0, NULL,
	  N_("Aurora PostgreSQL engine version; empty for the release's default") },
	{ "database.backup_retention_period_days", CFG_INT, "7", 0, check_backup_days,
	  N_("days of automated database backups, 1 to 35") },
	{ "database.connection_string_ssm_arn", CFG_STRING, "\"\"", 0, check_db_secret_arn,
	  N_("self-managed database: SSM parameter or secret holding DATABASE_URL") },
	{ "database.connection_string_ssm_kms_arn", CFG_STRING, "\"\"", 0, check_kms_arn,
	  N_("self-managed database: KMS key that encrypts that parameter") },

	{ "sso_config.admin_login", CFG_STRING, "\"\"", REQ, check_email,
	  N_("e-mail address of the first admin user") },
	{ "sso_config.sso_type", CFG_STRING, "\"\"", REQ, check_sso_type, N_("OIDC or SAML") },
	{ "sso_config.update_on_install", CFG_BOOL, "false", 0, NULL,
	  N_("apply changed SSO settings on the next install or upgrade") },
	{ "sso_config.oidc_args.client_id", CFG_STRING, "\"\"", 0, NULL, N_("the OIDC client ID") },
	{ "sso_config.oidc_args.client_credentials", CFG_STRING, "\"\"", SEC, NULL,
	  N_("the OIDC client secret") },
	{ "sso_config.oidc_args.identity_provider_host", CFG_STRING, "\"\"", 0, check_issuer_url,
	  N_("the OIDC issuer URL, with https://") },
	{ "sso_config.saml_args.dynamic", CFG_BOOL, "false", 0, NULL,
	  N_("true: metadata is a URL; false: metadata is the XML itself") },
	{ "sso_config.saml_args.metadata", CFG_STRING, "\"\"", 0, NULL,
	  N_("the SAML IdP metadata URL, or the metadata XML") },
	{ "sso_config.saml_args.name_id_format", CFG_STRING, "\"TRANSIENT\"", 0,
	  check_name_id_format, N_("TRANSIENT, EMAIL_ADDRESS, PERMANENT or empty") },

	{ "alerting.sns_topic_arn", CFG_STRING, "\"\"", 0, check_sns_arn,
	  N_("SNS topic for CloudWatch alarms; empty for the dashboard only") },
	{ "global_resource_tags", CFG_TAGS, "[]", 0, check_tags,
	  N_("tags added to every resource the installer creates") },

	{ "s3_config.run_logs_expiration_days", CFG_INT, "60", 0, check_positive,
	  N_("days to keep run logs") },
	{ "s3_config.deliveries_bucket_expiration_days", CFG_INT, "1", 0, check_positive,
	  N_("days to keep webhook and audit trail deliveries") },
	{ "s3_config.large_queue_messages_bucket_expiration_days", CFG_INT, "2", 0,
	  check_positive, N_("days to keep large queue messages") },
	{ "s3_config.metadata_bucket_expiration_days", CFG_INT, "2", 0, check_positive,
	  N_("days to keep run metadata") },
	{ "s3_config.policy_inputs_bucket_expiration_days", CFG_INT, "2", 0, check_positive,
	  N_("days to keep policy inputs") },
	{ "s3_config.uploads_bucket_expiration_days", CFG_INT, "1", 0, check_positive,
	  N_("days to keep uploads") },
	{ "s3_config.user_uploaded_workspaces_bucket_expiration_days", CFG_INT, "1", 0,
	  check_positive, N_("days to keep local-preview workspaces") },
	{ "s3_config.workspaces_bucket_expiration_days", CFG_INT, "7", 0, check_positive,
	  N_("days to keep workspaces of paused runs") },
	{ "s3_config.access_logs_bucket_expiration_days", CFG_INT, "7", 0, check_positive,
	  N_("days to keep load balancer access logs") },

	{ "proxy_config.http_proxy", CFG_STRING, "\"\"", 0, check_proxy_url,
	  N_("HTTP proxy URL with its scheme, e.g. http://proxy:3128") },
	{ "proxy_config.https_proxy", CFG_STRING, "\"\"", 0, check_proxy_url,
	  N_("HTTPS proxy URL with its scheme") },
	{ "proxy_config.no_proxy", CFG_STRING, "\"\"", 0, check_no_proxy,
	  N_("comma-separated hosts and domains that bypass the proxy") },

	{ "tls_config.server_certificate_secrets_manager_arn", CFG_STRING, "\"\"", 0,
	  check_secret_arn, N_("secret holding a custom server certificate") },
	{ "tls_config.ca_certificates", CFG_STRARRAY, "[]", 0, check_ca_certs,
	  N_("extra CA certificates, each a base64-encoded one-line PEM") },

	{ "slack_config.enabled", CFG_BOOL, "false", 0, NULL, N_("enable the Slack integration") },
	{ "slack_config.client_id", CFG_STRING, "\"\"", 0, NULL, N_("the Slack app's client ID") },
	{ "slack_config.client_secret", CFG_STRING, "\"\"", SEC, NULL,
	  N_("the Slack app's client secret") },
	{ "slack_config.signing_secret", CFG_STRING, "\"\"", SEC, NULL,
	  N_("the Slack app's signing secret") },

	{ "vpc_config.use_custom_vpc", CFG_BOOL, "false", 0, NULL,
	  N_("install into an existing VPC instead of creating one") },
	{ "vpc_config.vpc_cidr_block", CFG_STRING, "\"10.0.0.0/18\"", 0, check_cidr,
	  N_("CIDR block of the VPC the installer creates") },
	{ "vpc_config.subnet_mask_size", CFG_INT_OR_EMPTY, "24", 0, check_mask_size,
	  N_("prefix length of the subnets the installer creates") },
	{ "vpc_config.vpc_id", CFG_STRING, "\"\"", 0, check_vpc_id, N_("custom VPC: its ID") },
	{ "vpc_config.private_subnet_ids", CFG_STRLIST, "\"\"", 0, check_subnet_list,
	  N_("custom VPC: comma-separated private subnet IDs") },
	{ "vpc_config.public_subnet_ids", CFG_STRLIST, "\"\"", 0, check_subnet_list,
	  N_("custom VPC: comma-separated public subnet IDs") },
	{ "vpc_config.drain_security_group_id", CFG_STRING, "\"\"", 0, check_sg_id,
	  N_("custom VPC: security group of the drain service") },
	{ "vpc_config.load_balancer_security_group_id", CFG_STRING, "\"\"", 0, check_sg_id,
	  N_("custom VPC: security group of the load balancer") },
	{ "vpc_config.server_security_group_id", CFG_STRING, "\"\"", 0, check_sg_id,
	  N_("custom VPC: security group of the server") },
	{ "vpc_config.scheduler_security_group_id", CFG_STRING, "\"\"", 0, check_sg_id,
	  N_("custom VPC: security group of the scheduler") },
	{ "vpc_config.installation_task_security_group_id", CFG_STRING, "\"\"", 0, check_sg_id,
	  N_("custom VPC: security group of the installation task") },
	{ "vpc_config.database_security_group_id", CFG_STRING, "\"\"", 0, check_sg_id,
	  N_("custom VPC: security group of the database") },
	{ "vpc_config.availability_zones", CFG_STRLIST, "\"\"", 0, check_az_list,
	  N_("custom VPC: the availability zones of the subnets") },

	{ "disaster_recovery.is_dr_instance", CFG_BOOL, "false", 0, NULL,
	  N_("this installation is the disaster-recovery copy") },
	{ "disaster_recovery.replica_region", CFG_STRING, "\"\"", 0, check_replica_region,
	  N_("the region that holds the replicas") },
	{ "disaster_recovery.encryption_primary_key_arn", CFG_STRING, "\"\"", 0, check_primary_kms_arn,
	  N_("the primary installation's encryption KMS key") },
	{ "disaster_recovery.s3_bucket_replication.enabled", CFG_BOOL, "false", 0, NULL,
	  N_("replicate the S3 buckets to the replica region") },
	{ "disaster_recovery.s3_bucket_replication.replica_kms_key_arn", CFG_STRING, "\"\"", 0,
	  check_replica_kms_arn, N_("KMS key in the replica region") },
	{ "disaster_recovery.s3_bucket_replication.states_bucket_arn", CFG_STRING, "\"\"", 0,
	  check_s3_arn, N_("replica bucket for states") },
	{ "disaster_recovery.s3_bucket_replication.run_logs_bucket_arn", CFG_STRING, "\"\"", 0,
	  check_s3_arn, N_("replica bucket for run logs") },
	{ "disaster_recovery.s3_bucket_replication.modules_bucket_arn", CFG_STRING, "\"\"", 0,
	  check_s3_arn, N_("replica bucket for modules") },
	{ "disaster_recovery.s3_bucket_replication.policy_inputs_bucket_arn", CFG_STRING, "\"\"",
	  0, check_s3_arn, N_("replica bucket for policy inputs") },
	{ "disaster_recovery.s3_bucket_replication.workspaces_bucket_arn", CFG_STRING, "\"\"", 0,
	  check_s3_arn, N_("replica bucket for workspaces") },
	{ NULL, CFG_STRING, NULL, 0, NULL, NULL },
};

const struct config_field *config_field_find(const char *path)
{
	for (const struct config_field *f = config_field_table; f->path; f++)
		if (strcmp(f->path, path) == 0)
			return f;
	return NULL;
}

const char *config_type_name(enum config_type t)
{
	static const char *const names[] = {
		[CFG_STRING] = N_("a string"),
		[CFG_BOOL] = N_("true or false"),
		[CFG_INT] = N_("a whole number"),
		[CFG_BOOL_OR_EMPTY] = N_("true, false or \"\""),
		[CFG_INT_OR_EMPTY] = N_("a whole number or \"\""),
		[CFG_STRLIST] = N_("a comma-separated string or an array of strings"),
		[CFG_STRARRAY] = N_("an array of strings"),
		[CFG_TAG] = N_("an object {\"key\": ..., \"value\": ...}"),
		[CFG_TAGS] = N_("an array of {\"key\": ..., \"value\": ...} objects"),
	};
	return _(names[t]);
}
