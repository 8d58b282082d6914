/* test-aws-endpoint.c - the endpoint resolver: partitions, regional and
 * legacy global STS, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>
 * (environment and profile), AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, and the
 * service table's keys. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/endpoint.h"
#include "tap.h"

/* A fake profile: "key=value" pairs; service keys as "services.key". */
static const char *const *profile;

static const char *lookup(const char *key)
{
	size_t n = strlen(key);
	for (const char *const *p = profile; p && *p; p++)
		if (strncmp(*p, key, n) == 0 && (*p)[n] == '=')
			return *p + n + 1;
	return NULL;
}

static const char *fake_profile_value(void *arg, const char *key)
{
	return lookup(key);
}

static const char *fake_service_endpoint(void *arg, const char *key)
{
	char *k = xasprintf("services.%s", key);
	const char *v = lookup(k);
	free(k);
	return v;
}

static const struct aws_endpoint_config cfg = { fake_profile_value, fake_service_endpoint, NULL };

static void check(const char *svc, const char *region, const char *url, const char *signing,
		  const char *what)
{
	struct aws_endpoint ep;
	lo_error err = LO_ERROR_INIT;
	int rc = aws_endpoint_resolve(aws_service_find(svc), region, &cfg, &ep, &err);
	is_int(rc, 0, "%s: resolves", what);
	is_str(ep.url, url, "%s: URL", what);
	if (signing)
		is_str(ep.signing_region, signing, "%s: signing region", what);
	aws_endpoint_free(&ep);
	lo_error_clear(&err);
}

static void clear_env(void)
{
	unsetenv("AWS_ENDPOINT_URL");
	unsetenv("AWS_ENDPOINT_URL_STS");
	unsetenv("AWS_ENDPOINT_URL_LICENSE_MANAGER");
	unsetenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	unsetenv("AWS_STS_REGIONAL_ENDPOINTS");
	profile = NULL;
}

static void test_partitions(void)
{
	clear_env();
	check("sts", "eu-west-1", "https://sts.eu-west-1.amazonaws.com", "eu-west-1", "aws");
	check("license-manager", "us-east-1", "https://license-manager.us-east-1.amazonaws.com",
	      NULL, "license-manager");
	check("service-quotas", "eu-central-1", "https://servicequotas.eu-central-1.amazonaws.com",
	      NULL, "service-quotas prefix");
	check("elbv2", "us-west-2", "https://elasticloadbalancing.us-west-2.amazonaws.com", NULL,
	      "elbv2 prefix");
	check("cloudwatch", "us-west-2", "https://monitoring.us-west-2.amazonaws.com", NULL,
	      "cloudwatch prefix");
	check("sts", "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn", NULL, "aws-cn");
	check("ec2", "us-gov-west-1", "https://ec2.us-gov-west-1.amazonaws.com", NULL, "aws-us-gov");
	is_str(aws_partition_of("cn-northwest-1", NULL), "aws-cn", "partition of cn-northwest-1");
	is_str(aws_partition_of("us-gov-east-1", NULL), "aws-us-gov", "partition of us-gov-east-1");
	is_str(aws_partition_of("us-isob-east-1", NULL), "aws-iso-b", "partition of us-isob-east-1");
	is_str(aws_partition_of("eu-west-3", NULL), "aws", "partition of eu-west-3");
}

static void test_sts(void)
{
	clear_env();
	setenv("AWS_STS_REGIONAL_ENDPOINTS", "legacy", 1);
	check("sts", "eu-west-1", "https://sts.amazonaws.com", "us-east-1", "legacy: global STS");
	check("sts", "af-south-1", "https://sts.af-south-1.amazonaws.com", "af-south-1",
	      "legacy: a newer region stays regional");
	setenv("AWS_STS_REGIONAL_ENDPOINTS", "regional", 1);
	check("sts", "us-east-1", "https://sts.us-east-1.amazonaws.com", "us-east-1",
	      "regional (the default)");
	unsetenv("AWS_STS_REGIONAL_ENDPOINTS");
	static const char *const p[] = { "sts_regional_endpoints=legacy", NULL };
	profile = p;
	check("sts", "us-west-2", "https://sts.amazonaws.com", "us-east-1",
	      "profile sts_regional_endpoints=legacy");
	clear_env();
}

static void test_configured(void)
{
	clear_env();
	setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5000/", 1);
	check("kms", "eu-west-1", "http://127.0.0.1:5000", "eu-west-1", "global endpoint URL");
	setenv("AWS_ENDPOINT_URL_LICENSE_MANAGER", "http://127.0.0.1:6000", 1);
	check("license-manager", "eu-west-1", "http://127.0.0.1:6000", NULL, "specific beats global");
	check("kms", "eu-west-1", "http://127.0.0.1:5000", NULL, "others keep the global");
	static const char *const p[] = { "services.license_manager=http://profile-lm:1",
					 "endpoint_url=http://profile:2",
					 "services.sts=http://profile-sts:3", NULL };
	profile = p;
	check("license-manager", "eu-west-1", "http://127.0.0.1:6000", NULL,
	      "environment (specific) beats the profile");
	check("sts", "eu-west-1", "http://profile-sts:3", NULL,
	      "profile services section beats global environment");
	unsetenv("AWS_ENDPOINT_URL");
	check("kms", "eu-west-1", "http://profile:2", NULL, "profile endpoint_url last");
	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", 1);
	check("license-manager", "eu-west-1", "https://license-manager.eu-west-1.amazonaws.com",
	      NULL, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	clear_env();
	static const char *const q[] = { "endpoint_url=http://profile:2",
					 "ignore_configured_endpoint_urls=true", NULL };
	profile = q;
	check("kms", "eu-west-1", "https://kms.eu-west-1.amazonaws.com", NULL,
	      "profile ignore_configured_endpoint_urls");
	clear_env();
}

static void test_errors(void)
{
	struct aws_endpoint ep;
	lo_error err = LO_ERROR_INIT;
	is_int(aws_endpoint_resolve(aws_service_find("sts"), NULL, &cfg, &ep, &err), LO_EXIT_ENV,
	       "no region: an error");
	ok(err.hint != NULL, "with a hint");
	lo_error_clear(&err);
	is_int(aws_endpoint_resolve(aws_service_find("sts"), "eu-west-1.evil.com/", &cfg, &ep, &err),
	       LO_EXIT_ENV, "a region that is not a region is refused");
	lo_error_clear(&err);
}

static void test_table(void)
{
	static const struct {
		const char *id, *env;
	} keys[] = {
		{ "license-manager", "LICENSE_MANAGER" }, { "service-quotas", "SERVICE_QUOTAS" },
		{ "cloudformation", "CLOUDFORMATION" }, { "acm", "ACM" },
		{ "secretsmanager", "SECRETS_MANAGER" }, { "elbv2", "ELASTIC_LOAD_BALANCING_V2" },
		{ "cloudwatch", "CLOUDWATCH" }, { "sts", "STS" },
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const struct aws_service *s = aws_service_find(keys[i].id);
		ok(s != NULL, "service %s is in the table", keys[i].id);
		is_str(s ? s->env_key : NULL, keys[i].env, "AWS_ENDPOINT_URL_%s", keys[i].env);
	}
	char *k = aws_service_config_key(aws_service_find("elbv2"));
	is_str(k, "elastic_load_balancing_v2", "config file key");
	free(k);
	ok(aws_service_find("nope") == NULL, "unknown service: NULL");
	is_str(aws_service_find("license-manager")->target_prefix, "AWSLicenseManager",
	       "target prefix");
}

int main(void)
{
	test_partitions();
	test_sts();
	test_configured();
	test_errors();
	test_table();
	return done_testing();
}
