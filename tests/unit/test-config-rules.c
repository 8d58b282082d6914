/* test-config-rules.c - every validation rule, with valid and invalid
 * cases.  Each case starts from a valid config, changes up to three
 * fields, and says what validation must find: nothing (V), a warning at
 * a path and no error (W), or an error at a path (E). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/model.h"
#include "tap.h"

static const char base_json[] =
	"{\"account_name\": \"mycorp\", \"aws_region\": \"eu-west-1\","
	" \"spacelift_hostname\": \"spacelift.mycorp.com\","
	" \"load_balancer\": {\"certificate_arn\":"
	"   \"arn:aws:acm:eu-west-1:123456789012:certificate/0f8b7c3e\"},"
	" \"sso_config\": {\"admin_login\": \"admin@mycorp.com\", \"sso_type\": \"OIDC\","
	"   \"oidc_args\": {\"client_id\": \"abc\", \"client_credentials\": \"s3cret\","
	"     \"identity_provider_host\": \"https://mycorp.okta.com\"}}}";

#define CA "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURGVENDQWYyZ0F3SUJBZ0lVRTdYWXI1REZUN2w3QUREaktUWU5WbTVGdzBjd0RRWUpLb1pJaHZjTkFRRUwKQlFBd0dqRVlNQllHQTFVRUF3d1BiR2xtZEc5bVppQjBaWE4wSUVOQk1CNFhEVEkyTVRFeU9EQTVNelEwTlZvWApEVE0yTVRFeU5UQTVNelEwTlZvd0dqRVlNQllHQTFVRUF3d1BiR2xtZEc5bVppQjBaWE4wSUVOQk1JSUJJakFOCkJna3Foa2lHOXcwQkFRRUZBQU9DQVE4QU1JSUJDZ0tDQVFFQXZHbDJ1bUZ5MTVyWnZnSUlvaFFLdDZRaG1VNjQKUXR1QW5DbmlrcjRZWXA4MGVpblBuMnFPcVByQWN1RVc0OURROTBxdk0vOEk3S01JMTk3c1ZrRVl6Y1doaDJhOAo3UGNtZllyM3NyZE1DL2IyS0l2amR3eXVIemNuUmJDdUJHem1CcjVadjhiYXRXSlF0bkhDY2hUd2d1dHFXaFJ1CmxzM2cxVTVkMHA0RjNYbElhUnI3Q1Ryb3lRUG9yZ25GdC9SaFFRSGJadFRUUXY3RmxyZHpxSnFTZFpGQzNLQmIKNzdOdkp1US9ZOExmc3hocHpRQVpkNjJwU2ZuMkZWeTk4aHVlT3NsdmRBSWFXNjJnejgwZ1lrTzFqU0IrZ0hHYgovQWk3K1Nob0d2YkZaZndOV3F0WmhFYmg2SEc1eWc5R2phTDRzZE9hVE9oSnRpcHhXSUVURm9ZMnJRSURBUUFCCm8xTXdVVEFkQmdOVkhRNEVGZ1FVVHVBV3NhZnRvRk05dDl2Qkt2bFY4OUJpSGdNd0h3WURWUjBqQkJnd0ZvQVUKVHVBV3NhZnRvRk05dDl2Qkt2bFY4OUJpSGdNd0R3WURWUjBUQVFIL0JBVXdBd0VCL3pBTkJna3Foa2lHOXcwQgpBUXNGQUFPQ0FRRUFuT2J5d3NpdWJCd0cvZElNTWJONmpDT0N5VDVWREtXeUJNY0pDQjF6dU5FcHVxWm9wd08wCjluTGlZemp1YmFxb2RHa0o1TGlCMnFPQzQvZk13dGVyNyszWDJ0SVV1dUk1N2VYQi9lNzVPS1VpbGV5QkhBc1EKalY4RDJnZTVkN1NselI4ZDZPMnRXenNpWllMcks1SGZaRTh0QWtSRlRoVDZUZmt6SlNoeDNzdWMwVUNnV0F0OApJNXRvbExOUGxhU3REVEZXdnhUNDRoQ3pvazVZZW5nVUM0T2U1SW90Z3JJQUcvSmpnQnVrcWNCQURob0c2THFyCndFelQ2c29rek5lTGw4NDVCSklqNDBZZElFVnRHN3Y5U3lQOElNZFVPYlJGL1ljOUlBOEZhVFE1N3c4ejYwdEwKU3FBWkkycmJjaWdrWjhTT0ZkZzE2UWk1Zy9DaG5iU3pTZz09Ci0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K"
#define XML_OK "\"<?xml version=\\\"1.0\\\"?><md:EntityDescriptor xmlns:md=\\\"urn:oasis:names:tc:SAML:2.0:metadata\\\"><md:IDPSSODescriptor/></md:EntityDescriptor>\""
#define SELF_SSM "arn:aws:ssm:eu-west-1:123456789012:parameter/db/url"
#define SELF_KMS "arn:aws:kms:eu-west-1:123456789012:key/1234abcd"
#define SAML_SET { "sso_config.sso_type", "\"SAML\"" }, { "sso_config.oidc_args", "{}" }

struct set { const char *path, *json; };
struct rule_case {
	char want;           /* V, W or E */
	const char *at;      /* the path the problem names (W, E) */
	struct set sets[4];
};

static const struct rule_case cases[] = {
	{ 'V', NULL, { { NULL, NULL } } },
	/* account_name */
	{ 'V', NULL, { { "account_name", "\"my-corp-2\"" } } },
	{ 'E', "account_name", { { "account_name", "\"My_Corp\"" } } },
	{ 'E', "account_name", { { "account_name", "\"2corp\"" } } },
	{ 'E', "account_name", { { "account_name", "\"a\"" } } },
	{ 'E', "account_name", { { "account_name", "\"corp-\"" } } },
	{ 'E', "account_name", { { "account_name", "\"abcdefghijabcdefghijabcdefghijabcdefghijk\"" } } },
	{ 'E', "account_name", { { "account_name", "\"\"" } } },
	{ 'E', "account_name", { { "account_name", "\"\u00f1ame\"" } } },
	{ 'E', "account_name", { { "account_name", "\"m\u00f1ame\"" } } },
	{ 'E', "account_name", { { "account_name", "null" } } },
	/* aws_region */
	{ 'V', NULL, { { "aws_region", "\"us-east-1\"" },
		       { "load_balancer.certificate_arn", "\"arn:aws:acm:us-east-1:123456789012:certificate/x\"" } } },
	{ 'W', "aws_region", { { "aws_region", "\"eu-newplace-9\"" },
			       { "load_balancer.certificate_arn", "\"arn:aws:acm:eu-newplace-9:123456789012:certificate/x\"" } } },
	{ 'E', "aws_region", { { "aws_region", "\"Ireland\"" } } },
	{ 'E', "aws_region", { { "aws_region", "\"eu-west-1a\"" } } },
	/* spacelift_hostname */
	{ 'V', NULL, { { "spacelift_hostname", "\"xn--bcher-kva.example.com\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname", "\"https://spacelift.mycorp.com\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname", "\"spacelift.mycorp.com/\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname", "\"spacelift.mycorp.com/app\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname", "\"spacelift.mycorp.com:443\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname", "\"spacelift.mycorp.com.\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname", "\"spacelift\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname", "\"-bad.mycorp.com\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname", "\"b\u00fccher.example.com\"" } } },
	{ 'E', "spacelift_hostname", { { "spacelift_hostname",
		"\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com\"" } } },
	/* webhooks_endpoint, iot_broker_endpoint */
	{ 'V', NULL, { { "webhooks_endpoint", "\"hooks.mycorp.com\"" } } },
	{ 'V', NULL, { { "webhooks_endpoint", "\"https://hooks.mycorp.com/in\"" } } },
	{ 'E', "webhooks_endpoint", { { "webhooks_endpoint", "\"http://hooks.mycorp.com\"" } } },
	{ 'E', "webhooks_endpoint", { { "webhooks_endpoint", "\"ftp://hooks.mycorp.com\"" } } },
	{ 'V', NULL, { { "iot_broker_endpoint", "\"worker-iot.spacelift.mycorp.com\"" } } },
	{ 'E', "iot_broker_endpoint", { { "iot_broker_endpoint", "\"https://iot.mycorp.com\"" } } },
	/* types */
	{ 'E', "tracing_enabled", { { "tracing_enabled", "\"true\"" } } },
	{ 'E', "disable_services", { { "disable_services", "1" } } },
	{ 'E', "s3_config.run_logs_expiration_days", { { "s3_config.run_logs_expiration_days", "\"60\"" } } },
	{ 'E', "load_balancer", { { "load_balancer", "\"arn\"" } } },
	{ 'E', "sso_config.admin_login", { { "sso_config.admin_login", "[\"a@b.com\"]" } } },
	/* ARNs: the certificate */
	{ 'E', "load_balancer.certificate_arn", { { "load_balancer.certificate_arn", "\"\"" } } },
	{ 'E', "load_balancer.certificate_arn", { { "load_balancer.certificate_arn",
		"\"arn:aws:acm:us-east-1:123456789012:certificate/x\"" } } },
	{ 'E', "load_balancer.certificate_arn", { { "load_balancer.certificate_arn",
		"\"arn:aws:iam::123456789012:server-certificate/x\"" } } },
	{ 'E', "load_balancer.certificate_arn", { { "load_balancer.certificate_arn",
		"\"arn:aws-cn:acm:eu-west-1:123456789012:certificate/x\"" } } },
	{ 'E', "load_balancer.certificate_arn", { { "load_balancer.certificate_arn", "\"certificate/x\"" } } },
	{ 'V', NULL, { { "aws_region", "\"cn-north-1\"" },
		       { "load_balancer.certificate_arn", "\"arn:aws-cn:acm:cn-north-1:123456789012:certificate/x\"" } } },
	{ 'E', "load_balancer.certificate_arn", { { "aws_region", "\"cn-north-1\"" },
		{ "load_balancer.certificate_arn", "\"arn:aws:acm:cn-north-1:123456789012:certificate/x\"" } } },
	{ 'E', "load_balancer.certificate_arn", { { "aws_region", "\"us-gov-west-1\"" },
		{ "load_balancer.certificate_arn", "\"arn:aws:acm:us-gov-west-1:123456789012:certificate/x\"" } } },
	/* load balancer enums */
	{ 'V', NULL, { { "load_balancer.scheme", "\"internal\"" }, { "load_balancer.subnet_placement", "\"private\"" } } },
	{ 'E', "load_balancer.scheme", { { "load_balancer.scheme", "\"public\"" } } },
	{ 'E', "load_balancer.subnet_placement", { { "load_balancer.subnet_placement", "\"dmz\"" } } },
	{ 'V', NULL, { { "load_balancer.ssl_policy", "\"ELBSecurityPolicy-TLS13-1-2-2021-06\"" } } },
	{ 'W', "load_balancer.ssl_policy", { { "load_balancer.ssl_policy", "\"MyPolicy\"" } } },
	{ 'V', NULL, { { "load_balancer.tag", "{\"key\": \"team\", \"value\": \"platform\"}" } } },
	{ 'E', "load_balancer.tag.key", { { "load_balancer.tag", "{\"key\": \"aws:x\", \"value\": \"y\"}" } } },
	/* database */
	{ 'V', NULL, { { "database.instance_class", "\"db.r6g.2xlarge\"" },
		       { "database.delete_protection_enabled", "false" },
		       { "database.backup_retention_period_days", "35" } } },
	{ 'V', NULL, { { "database.instance_class", "\"db.serverless\"" } } },
	{ 'E', "database.instance_class", { { "database.instance_class", "\"t4g.large\"" } } },
	{ 'E', "database.instance_class", { { "database.instance_class", "\"db.T4G.large\"" } } },
	{ 'E', "database.instance_class", { { "database.instance_class", "\"\"" } } },
	{ 'E', "database.backup_retention_period_days", { { "database.backup_retention_period_days", "0" } } },
	{ 'E', "database.backup_retention_period_days", { { "database.backup_retention_period_days", "36" } } },
	{ 'V', NULL, { { "database.connection_string_ssm_arn", "\"" SELF_SSM "\"" },
		       { "database.connection_string_ssm_kms_arn", "\"" SELF_KMS "\"" },
		       { "database", "null" } } },
	{ 'V', NULL, { { "database", "{\"delete_protection_enabled\": \"\", \"instance_class\": \"\","
		       " \"connection_string_ssm_arn\": \"" SELF_SSM "\","
		       " \"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'V', NULL, { { "database", "{\"connection_string_ssm_arn\":"
		       " \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:mine/db-AbC123\","
		       " \"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'E', "database.connection_string_ssm_arn", { { "database", "{"
		"\"connection_string_ssm_arn\": \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:spacelift/database-AbC123\","
		" \"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'E', "database.connection_string_ssm_arn", { { "database", "{"
		"\"connection_string_ssm_arn\": \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:spacelift/database\","
		" \"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'E', "database.connection_string_ssm_kms_arn", { { "database",
		"{\"connection_string_ssm_arn\": \"" SELF_SSM "\"}" } } },
	{ 'E', "database.connection_string_ssm_arn", { { "database",
		"{\"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'E', "database.instance_class", { { "database", "{\"instance_class\": \"db.t4g.large\","
		" \"connection_string_ssm_arn\": \"" SELF_SSM "\", \"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'E', "database.delete_protection_enabled", { { "database", "{\"delete_protection_enabled\": true,"
		" \"connection_string_ssm_arn\": \"" SELF_SSM "\", \"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'E', "database.connection_string_ssm_arn", { { "database", "{"
		"\"connection_string_ssm_arn\": \"arn:aws:sns:eu-west-1:123456789012:topic\","
		" \"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'W', "database.connection_string_ssm_arn", { { "database", "{"
		"\"connection_string_ssm_arn\": \"arn:aws:ssm:eu-central-1:123456789012:parameter/db\","
		" \"connection_string_ssm_kms_arn\": \"" SELF_KMS "\"}" } } },
	{ 'E', "database.connection_string_ssm_kms_arn", { { "database", "{"
		"\"connection_string_ssm_arn\": \"" SELF_SSM "\","
		" \"connection_string_ssm_kms_arn\": \"arn:aws:kms:eu-west-1:123456789012:grant/x\"}" } } },
	/* SSO */
	{ 'E', "sso_config.admin_login", { { "sso_config.admin_login", "\"admin\"" } } },
	{ 'E', "sso_config.admin_login", { { "sso_config.admin_login", "\"admin@localhost\"" } } },
	{ 'E', "sso_config.admin_login", { { "sso_config.admin_login", "\"a b@mycorp.com\"" } } },
	{ 'E', "sso_config.sso_type", { { "sso_config.sso_type", "\"oidc\"" } } },
	{ 'E', "sso_config.sso_type", { { "sso_config.sso_type", "\"LDAP\"" } } },
	{ 'E', "sso_config.oidc_args.client_credentials", { { "sso_config.oidc_args.client_credentials", "\"\"" } } },
	{ 'E', "sso_config.oidc_args.client_id", { { "sso_config.oidc_args.client_id", "\"\"" } } },
	{ 'E', "sso_config.oidc_args.identity_provider_host", { { "sso_config.oidc_args.identity_provider_host", "\"\"" } } },
	{ 'V', NULL, { { "sso_config.oidc_args.identity_provider_host", "\"https://mycorp.okta.com/oauth2/default\"" } } },
	{ 'V', NULL, { { "sso_config.oidc_args.identity_provider_host",
		"\"https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0\"" } } },
	{ 'E', "sso_config.oidc_args.identity_provider_host", { { "sso_config.oidc_args.identity_provider_host", "\"mycorp.okta.com\"" } } },
	{ 'E', "sso_config.oidc_args.identity_provider_host", { { "sso_config.oidc_args.identity_provider_host", "\"http://mycorp.okta.com\"" } } },
	{ 'E', "sso_config.oidc_args.identity_provider_host", { { "sso_config.oidc_args.identity_provider_host", "\"https://mycorp.okta.com/\"" } } },
	{ 'E', "sso_config.oidc_args.identity_provider_host", { { "sso_config.oidc_args.identity_provider_host", "\"https://mycorp.okta.com?x=1\"" } } },
	{ 'E', "sso_config.oidc_args.identity_provider_host", { { "sso_config.oidc_args.identity_provider_host", "\"https://mycorp.okta.com#f\"" } } },
	{ 'W', "sso_config.saml_args", { { "sso_config.saml_args", "{\"dynamic\": true, \"metadata\": \"https://idp/x\"}" } } },
	{ 'V', NULL, { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": true, \"metadata\": \"https://idp.mycorp.com/md\", \"name_id_format\": \"\"}" } } },
	{ 'V', NULL, { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": false, \"metadata\": " XML_OK ", \"name_id_format\": \"PERMANENT\"}" } } },
	{ 'W', "sso_config.oidc_args", { { "sso_config.sso_type", "\"SAML\"" },
		{ "sso_config.saml_args", "{\"dynamic\": true, \"metadata\": \"https://idp.mycorp.com/md\"}" } } },
	{ 'E', "sso_config.saml_args.metadata", { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": true, \"metadata\": \"\"}" } } },
	{ 'E', "sso_config.saml_args.metadata", { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": true, \"metadata\": \"<xml/>\"}" } } },
	{ 'E', "sso_config.saml_args.metadata", { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": false, \"metadata\": \"https://idp.mycorp.com/md\"}" } } },
	{ 'E', "sso_config.saml_args.metadata", { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": false, \"metadata\": \"<md:EntityDescriptor>\"}" } } },
	{ 'E', "sso_config.saml_args.metadata", { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": false, \"metadata\": \"<EntityDescriptor><SPSSODescriptor/></EntityDescriptor>\"}" } } },
	{ 'E', "sso_config.saml_args.dynamic", { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": \"false\", \"metadata\": " XML_OK "}" } } },
	{ 'E', "sso_config.saml_args.name_id_format", { SAML_SET, { "sso_config.saml_args", "{\"dynamic\": false, \"metadata\": " XML_OK ", \"name_id_format\": \"transient\"}" } } },
	/* alerting */
	{ 'V', NULL, { { "alerting.sns_topic_arn", "\"arn:aws:sns:eu-west-1:123456789012:alarms\"" } } },
	{ 'V', NULL, { { "alerting.sns_topic_arn", "\"\"" } } },
	{ 'E', "alerting.sns_topic_arn", { { "alerting.sns_topic_arn", "\"arn:aws:sns:us-east-1:123456789012:alarms\"" } } },
	{ 'E', "alerting.sns_topic_arn", { { "alerting.sns_topic_arn", "\"arn:aws:sqs:eu-west-1:123456789012:alarms\"" } } },
	/* tags */
	{ 'V', NULL, { { "global_resource_tags", "[{\"key\": \"cost-center\", \"value\": \"1234\"}, {\"key\": \"env name\", \"value\": \"prod/eu:1=+@_.\"}]" } } },
	{ 'E', "global_resource_tags[0].key", { { "global_resource_tags", "[{\"key\": \"AWS:x\", \"value\": \"1\"}]" } } },
	{ 'E', "global_resource_tags[0].key", { { "global_resource_tags", "[{\"key\": \"\", \"value\": \"1\"}]" } } },
	{ 'E', "global_resource_tags[0].key", { { "global_resource_tags", "[{\"key\": \"a*b\", \"value\": \"1\"}]" } } },
	{ 'E', "global_resource_tags[1]", { { "global_resource_tags", "[{\"key\": \"a\", \"value\": \"1\"}, {\"key\": \"a\", \"value\": \"2\"}]" } } },
	{ 'E', "global_resource_tags[0]", { { "global_resource_tags", "[{\"key\": \"a\", \"value\": 1}]" } } },
	{ 'E', "global_resource_tags", { { "global_resource_tags", "{\"key\": \"a\", \"value\": \"1\"}" } } },
	/* s3, proxy */
	{ 'E', "s3_config.workspaces_bucket_expiration_days", { { "s3_config.workspaces_bucket_expiration_days", "-1" } } },
	{ 'E', "s3_config.workspaces_bucket_expiration_days", { { "s3_config.workspaces_bucket_expiration_days", "1.5" } } },
	{ 'V', NULL, { { "proxy_config", "{\"http_proxy\": \"http://proxy:3128\", \"https_proxy\": \"https://u:p@proxy:3129\", \"no_proxy\": \"localhost,.internal\"}" } } },
	{ 'E', "proxy_config.http_proxy", { { "proxy_config.http_proxy", "\"proxy.mycorp.com:3128\"" } } },
	{ 'E', "proxy_config.https_proxy", { { "proxy_config.https_proxy", "\"gopher://proxy:70\"" } } },
	{ 'E', "proxy_config.no_proxy", { { "proxy_config.no_proxy", "\"http://internal\"" } } },
	/* TLS */
	{ 'V', NULL, { { "tls_config.ca_certificates", "[\"" CA "\"]" } } },
	{ 'E', "tls_config.ca_certificates", { { "tls_config.ca_certificates", "[\"not base64!\"]" } } },
	{ 'E', "tls_config.ca_certificates", { { "tls_config.ca_certificates", "[\"aGVsbG8gd29ybGQK\"]" } } },
	{ 'E', "tls_config.ca_certificates", { { "tls_config.ca_certificates", "[\"-----BEGIN CERTIFICATE-----\"]" } } },
	{ 'E', "tls_config.ca_certificates", { { "tls_config.ca_certificates", "\"" CA "\"" } } },
	{ 'V', NULL, { { "tls_config.server_certificate_secrets_manager_arn", "\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:tls-AbC123\"" } } },
	{ 'E', "tls_config.server_certificate_secrets_manager_arn", { { "tls_config.server_certificate_secrets_manager_arn", "\"arn:aws:ssm:eu-west-1:123456789012:parameter/tls\"" } } },
	/* Slack */
	{ 'V', NULL, { { "slack_config", "{\"enabled\": true, \"client_id\": \"1.2\", \"client_secret\": \"a\", \"signing_secret\": \"b\"}" } } },
	{ 'E', "slack_config.signing_secret", { { "slack_config", "{\"enabled\": true, \"client_id\": \"1.2\", \"client_secret\": \"a\"}" } } },
	/* VPC */
	{ 'V', NULL, { { "vpc_config", "{\"use_custom_vpc\": true, \"vpc_id\": \"vpc-0123456789abcdef0\","
		" \"private_subnet_ids\": \"subnet-0123456789abcdef0, subnet-01234567\","
		" \"public_subnet_ids\": [\"subnet-89abcdef\"], \"drain_security_group_id\": \"sg-01234567\","
		" \"load_balancer_security_group_id\": \"sg-01234567\", \"server_security_group_id\": \"sg-01234567\","
		" \"scheduler_security_group_id\": \"sg-01234567\", \"installation_task_security_group_id\": \"sg-01234567\","
		" \"database_security_group_id\": \"sg-01234567\", \"availability_zones\": \"eu-west-1a,eu-west-1b\"}" } } },
	{ 'E', "vpc_config.vpc_id", { { "vpc_config", "{\"use_custom_vpc\": true}" } } },
	{ 'E', "vpc_config.public_subnet_ids", { { "vpc_config", "{\"use_custom_vpc\": true}" } } },
	{ 'E', "vpc_config.vpc_id", { { "vpc_config.vpc_id", "\"vpc-xyz\"" } } },
	{ 'W', "vpc_config.vpc_id", { { "vpc_config.vpc_id", "\"vpc-01234567\"" } } },
	{ 'E', "vpc_config.private_subnet_ids", { { "vpc_config.private_subnet_ids", "\"subnet-01234567,sg-01234567\"" } } },
	{ 'E', "vpc_config.server_security_group_id", { { "vpc_config.server_security_group_id", "\"sg-XYZ\"" } } },
	{ 'W', "vpc_config.availability_zones", { { "vpc_config.availability_zones", "[\"us-east-1a\"]" } } },
	{ 'E', "vpc_config.vpc_cidr_block", { { "vpc_config.vpc_cidr_block", "\"10.0.0.0/8\"" } } },
	{ 'E', "vpc_config.subnet_mask_size", { { "vpc_config.subnet_mask_size", "30" } } },
	/* The release's own config.json leaves it "", like the database fields. */
	{ 'V', NULL, { { "vpc_config.subnet_mask_size", "\"\"" } } },
	{ 'E', "vpc_config.subnet_mask_size", { { "vpc_config.subnet_mask_size", "\"24\"" } } },
	{ 'E', "vpc_config.subnet_mask_size", { { "vpc_config.vpc_cidr_block", "\"10.0.0.0/24\"" },
		{ "vpc_config.subnet_mask_size", "20" } } },
	{ 'V', NULL, { { "vpc_config.vpc_cidr_block", "\"10.1.0.0/16\"" },
		{ "vpc_config.subnet_mask_size", "20" } } },
	/* disaster recovery */
	{ 'E', "disaster_recovery.replica_region", { { "disaster_recovery.replica_region", "\"eu-west-1\"" } } },
	{ 'E', "disaster_recovery.replica_region", { { "disaster_recovery.s3_bucket_replication.enabled", "false" },
		{ "disaster_recovery.is_dr_instance", "true" },
		{ "disaster_recovery.encryption_primary_key_arn", "\"" SELF_KMS "\"" } } },
	{ 'E', "disaster_recovery.s3_bucket_replication.states_bucket_arn", { { "disaster_recovery.replica_region", "\"eu-central-1\"" },
		{ "disaster_recovery.s3_bucket_replication.enabled", "true" } } },
	{ 'E', "disaster_recovery.s3_bucket_replication.states_bucket_arn", { { "disaster_recovery.s3_bucket_replication.states_bucket_arn", "\"arn:aws:s3:eu-west-1:123456789012:b\"" } } },
	{ 'E', "disaster_recovery.s3_bucket_replication.states_bucket_arn", { { "disaster_recovery.s3_bucket_replication.states_bucket_arn", "\"arn:aws:s3:::bucket/key\"" } } },
	{ 'V', NULL, { { "disaster_recovery.s3_bucket_replication.states_bucket_arn", "\"arn:aws:s3:::states-replica\"" } } },
	{ 'E', "disaster_recovery.s3_bucket_replication.replica_kms_key_arn", { { "disaster_recovery.replica_region", "\"eu-central-1\"" },
		{ "disaster_recovery.s3_bucket_replication.replica_kms_key_arn", "\"arn:aws:kms:eu-west-2:123456789012:key/x\"" } } },
	/* more edges */
	{ 'V', NULL, { { "sso_config.admin_login", "\"first.last+spacelift@sub.mycorp.co.uk\"" } } },
	{ 'E', "sso_config.admin_login", { { "sso_config.admin_login", "\"a@@mycorp.com\"" } } },
	{ 'V', NULL, { { "proxy_config.https_proxy", "\"socks5h://proxy.mycorp.com:1080\"" } } },
	{ 'W', "proxy_config.no_proxy", { { "proxy_config.no_proxy", "\"localhost, .internal\"" } } },
	{ 'V', NULL, { { "tls_config.ca_certificates", "[\"" CA "\", \"" CA "\"]" } } },
	{ 'V', NULL, { { "aws_region", "\"us-gov-west-1\"" },
		       { "load_balancer.certificate_arn", "\"arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/x\"" },
		       { "alerting.sns_topic_arn", "\"arn:aws-us-gov:sns:us-gov-west-1:123456789012:alarms\"" } } },
	{ 'E', "alerting.sns_topic_arn", { { "aws_region", "\"us-gov-west-1\"" },
		{ "load_balancer.certificate_arn", "\"arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/x\"" },
		{ "alerting.sns_topic_arn", "\"arn:aws:sns:us-east-1:123456789012:alarms\"" } } },
	{ 'E', "disaster_recovery.replica_region", { { "disaster_recovery.replica_region", "\"us-gov-east-1\"" } } },
	{ 'W', "disaster_recovery.replica_region", { { "disaster_recovery.replica_region", "\"eu-newplace-3\"" } } },
	{ 'V', NULL, { { "disaster_recovery.encryption_primary_key_arn", "\"arn:aws:kms:us-east-1:123456789012:key/mrk-1\"" } } },
	{ 'E', "sso_config.update_on_install", { { "sso_config.update_on_install", "\"yes\"" } } },
	{ 'E', "vpc_config.private_subnet_ids", { { "vpc_config.private_subnet_ids", "[1, 2]" } } },
	/* unknown keys */
	{ 'W', "aws_regoin", { { "aws_regoin", "\"eu-west-1\"" } } },
	{ 'W', "load_balancer.shceme", { { "load_balancer.shceme", "\"internal\"" } } },
	{ 'W', "my_note", { { "my_note", "{\"anything\": [1, 2]}" } } },
};

static bool has_problem(const struct config_problems *p, enum config_severity sev, const char *at)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].severity == sev && strcmp(p->v[i].path, at) == 0)
			return true;
	return false;
}

/* What --json needs: jansson refuses invalid UTF-8. */
static bool utf8_ok(const char *s)
{
	json_t *j = json_string(s);
	json_decref(j);
	return j != NULL;
}

static void dump(const struct config_problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		diag("  %s %s: %s", p->v[i].severity == CONFIG_ERROR ? "E" : "W", p->v[i].path,
		     p->v[i].message);
}

static void run_case(const lo_config *base, const struct rule_case *c, size_t idx)
{
	lo_config *cfg = config_copy(base);
	const char *what = c->sets[0].path ? c->sets[0].path : "(unchanged)";
	for (size_t i = 0; i < 4 && c->sets[i].path; i++) {
		json_error_t je;
		json_t *v = json_loads(c->sets[i].json, JSON_DECODE_ANY, &je);
		if (!v)
			bail_out("case %zu: bad JSON %s: %s", idx, c->sets[i].json, je.text);
		if (json_is_null(v)) {  /* null: remove the key */
			json_decref(v);
			config_unset(cfg, c->sets[i].path);
			continue;
		}
		config_set_json(cfg, c->sets[i].path, v, NULL);
	}
	struct config_problems p = { NULL, 0, 0 };
	size_t errors = config_validate(cfg, &p);
	bool pass;
	switch (c->want) {
	case 'V': pass = p.n == 0; break;
	case 'W': pass = errors == 0 && has_problem(&p, CONFIG_WARNING, c->at); break;
	default: pass = has_problem(&p, CONFIG_ERROR, c->at); break;
	}
	ok(pass, "case %zu: %s = %s -> %c%s%s", idx, what, c->sets[0].json ? c->sets[0].json : "",
	   c->want, c->at ? " at " : "", c->at ? c->at : "");
	if (!pass)
		dump(&p);
	for (size_t i = 0; i < p.n; i++)
		if (!p.v[i].message[0] || !p.v[i].hint || !p.v[i].hint[0] ||
		    !utf8_ok(p.v[i].message)) {
			ok(false, "case %zu: every problem has a message and a hint (%s)", idx, p.v[i].path);
			break;
		}
	config_problems_free(&p);
	config_free(cfg);
}

static void test_order_and_all(void)
{
	lo_config *cfg = NULL;
	static const char j[] = "{\"account_name\": \"X\", \"aws_regoin\": 1, \"aws_region\": \"Ireland\"}";
	config_load_buffer(j, sizeof j - 1, "t", &cfg, NULL);
	struct config_problems p = { NULL, 0, 0 };
	size_t errors = config_validate(cfg, &p);
	ok(errors >= 5, "every problem is reported, not just the first (%zu errors)", errors);
	bool sorted = true;
	for (size_t i = 1; i < p.n; i++)
		if (p.v[i - 1].severity == CONFIG_WARNING && p.v[i].severity == CONFIG_ERROR)
			sorted = false;
	ok(sorted, "errors come before warnings");
	ok(has_problem(&p, CONFIG_ERROR, "spacelift_hostname"), "a missing required field is an error");
	ok(has_problem(&p, CONFIG_ERROR, "sso_config.sso_type"), "missing sso_type too");
	config_problems_free(&p);
	config_free(cfg);
}

static size_t count_at(const lo_config *cfg, enum config_severity sev, const char *at)
{
	struct config_problems p = { NULL, 0, 0 };
	config_validate(cfg, &p);
	size_t n = 0;
	for (size_t i = 0; i < p.n; i++)
		n += p.v[i].severity == sev && strcmp(p.v[i].path, at) == 0;
	config_problems_free(&p);
	return n;
}

static json_t *tag(const char *key, const char *value)
{
	return json_pack("{s:s, s:s}", "key", key, "value", value);
}

static void test_tag_limits(const lo_config *base)
{
	char k128[129], k129[130], v256[257], v257[258];
	memset(k128, 'k', 128); k128[128] = '\0';
	memset(k129, 'k', 129); k129[129] = '\0';
	memset(v256, 'v', 256); v256[256] = '\0';
	memset(v257, 'v', 257); v257[257] = '\0';
	static const char eacute[] = "\xc3\xa9";
	char u256[2 * 256 + 1] = "";  /* 256 characters, 512 bytes */
	for (int i = 0; i < 256; i++)
		strcat(u256, eacute);

	lo_config *cfg = config_copy(base);
	json_t *tags = json_array();
	json_array_append_new(tags, tag(k128, v256));
	json_array_append_new(tags, tag("unicode", u256));
	config_set_json(cfg, "global_resource_tags", tags, NULL);
	is_int((long long)count_at(cfg, CONFIG_ERROR, "global_resource_tags[0].key") +
	       (long long)count_at(cfg, CONFIG_ERROR, "global_resource_tags[0].value") +
	       (long long)count_at(cfg, CONFIG_ERROR, "global_resource_tags[1].value"), 0,
	       "a 128-character key, a 256-character value (counted in characters) are fine");
	config_free(cfg);

	cfg = config_copy(base);
	tags = json_array();
	json_array_append_new(tags, tag(k129, "v"));
	json_array_append_new(tags, tag("k", v257));
	config_set_json(cfg, "global_resource_tags", tags, NULL);
	is_int((long long)count_at(cfg, CONFIG_ERROR, "global_resource_tags[0].key"), 1,
	       "a 129-character key is an error");
	is_int((long long)count_at(cfg, CONFIG_ERROR, "global_resource_tags[1].value"), 1,
	       "a 257-character value is an error");
	config_free(cfg);

	for (int n = 50; n <= 51; n++) {
		cfg = config_copy(base);
		tags = json_array();
		for (int i = 0; i < n; i++) {
			char key[16];
			snprintf(key, sizeof key, "k%d", i);
			json_array_append_new(tags, tag(key, "v"));
		}
		config_set_json(cfg, "global_resource_tags", tags, NULL);
		is_int((long long)count_at(cfg, CONFIG_ERROR, "global_resource_tags"), n > 50,
		       "%d tags: %s", n, n > 50 ? "too many" : "fine");
		config_free(cfg);
	}
}

int main(void)
{
	lo_config *base = NULL;
	lo_error err = LO_ERROR_INIT;
	if (config_load_buffer(base_json, sizeof base_json - 1, "base", &base, &err) != 0)
		bail_out("base config does not load: %s", err.message);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(base, &cases[i], i);
	test_order_and_all();
	test_tag_limits(base);
	config_free(base);
	return done_testing();
}
