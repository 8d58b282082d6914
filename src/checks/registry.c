/* registry.c - every pre-flight check, one row each, in the order they
 * are shown.  The ids are part of the command-line contract (--only,
 * --json) and never change.
 *
 * To add a check: write src/checks/check_<name>.c with a run function
 * (see engine.h), declare it, and put it in its row here.  A row whose run
 * is NULL would be registered but not built yet (SKIP "not built yet");
 * every row has its run now.
 * Checks that read config.json depend on "config"; checks that call AWS
 * depend on "aws.identity". */
#include "config.h"

#include "checks/aws_checks.h"
#include "checks/engine.h"
#include "checks/tools.h"
#include "core/i18n.h"

static const char *const after_identity[] = { "aws.identity", NULL };
static const char *const after_config_identity[] = { "config", "aws.identity", NULL };
static const char *const after_config[] = { "config", NULL };

#define AWS_CONFIG (CHECK_NEEDS_CONFIG | CHECK_NEEDS_AWS)

const struct check_def checks_registry[] = {
	{ "tools.bash", N_("bash"), NULL, 0, check_run_bash },
	{ "tools.aws-cli", N_("AWS CLI version 2"), NULL, 0, check_run_aws_cli },
	{ "tools.jq", N_("jq 1.6 or later"), NULL, 0, check_run_jq },
	{ "tools.docker", N_("Docker client and daemon"), NULL, 0, check_run_docker },
	{ "tools.openssl", N_("OpenSSL"), NULL, 0, check_run_openssl },
	{ "tools.base64", N_("base64"), NULL, 0, check_run_base64 },
	{ "aws.identity", N_("AWS credentials work"), NULL, CHECK_NEEDS_AWS, check_run_identity },
	{ "aws.partition", N_("AWS partition is supported"), after_identity, CHECK_NEEDS_AWS,
	  check_run_partition },
	{ "ec2.eips", N_("Elastic IP addresses available"), after_config_identity, AWS_CONFIG,
	  check_run_eips },
	{ "license", N_("Spacelift license"), after_config_identity, AWS_CONFIG,
	  check_run_license },
	{ "acm.certificate", N_("ACM certificate for the hostname"), after_config_identity,
	  AWS_CONFIG, check_run_acm },
	{ "alerting.sns-topic", N_("SNS topic for alerts"), after_config_identity, AWS_CONFIG,
	  check_run_sns },
	{ "database.self-managed", N_("Self-managed database"), after_config_identity,
	  AWS_CONFIG, check_run_database },
	{ "sso.oidc", N_("OIDC identity provider"), after_config, CHECK_NEEDS_CONFIG,
	  check_run_oidc },
	{ "sso.saml", N_("SAML identity provider"), after_config, CHECK_NEEDS_CONFIG,
	  check_run_saml },
	/* Runs without a config too: it says why there is none. */
	{ "config", N_("config.json is valid"), NULL, 0, check_run_config },
	{ "dns.hostname", N_("Spacelift hostname in DNS"), after_config, 0,
	  check_run_dns_hostname },
};

const size_t checks_registry_count = sizeof checks_registry / sizeof checks_registry[0];
