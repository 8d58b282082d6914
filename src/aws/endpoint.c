/* endpoint.c - see endpoint.h.
 *
 * Facts from botocore's data: service-2.json metadata for the table,
 * partitions.json for the region patterns and DNS suffixes, and the STS
 * endpoint rules for the legacy global endpoint. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/endpoint.h"
#include "core/i18n.h"

const struct aws_service aws_services[] = {
	{ "sts", "STS", "sts", "sts", AWS_PROTO_QUERY, "2011-06-15", NULL, "STS" },
	{ "ec2", "EC2", "ec2", "ec2", AWS_PROTO_EC2, "2016-11-15", NULL, "EC2" },
	{ "service-quotas", "Service Quotas", "servicequotas", "servicequotas", AWS_PROTO_JSON11,
	  "2019-06-24", "ServiceQuotasV20190624", "SERVICE_QUOTAS" },
	{ "license-manager", "License Manager", "license-manager", "license-manager",
	  AWS_PROTO_JSON11, "2018-08-01", "AWSLicenseManager", "LICENSE_MANAGER" },
	{ "acm", "ACM", "acm", "acm", AWS_PROTO_JSON11, "2015-12-08", "CertificateManager", "ACM" },
	{ "sns", "SNS", "sns", "sns", AWS_PROTO_QUERY, "2010-03-31", NULL, "SNS" },
	{ "ssm", "SSM", "ssm", "ssm", AWS_PROTO_JSON11, "2014-11-06", "AmazonSSM", "SSM" },
	{ "kms", "KMS", "kms", "kms", AWS_PROTO_JSON11, "2014-11-01", "TrentService", "KMS" },
	{ "secretsmanager", "Secrets Manager", "secretsmanager", "secretsmanager", AWS_PROTO_JSON11,
	  "2017-10-17", "secretsmanager", "SECRETS_MANAGER" },
	{ "cloudformation", "CloudFormation", "cloudformation", "cloudformation", AWS_PROTO_QUERY,
	  "2010-05-15", NULL, "CLOUDFORMATION" },
	/* CloudWatch speaks CBOR, JSON 1.0 and query (the model's "protocols");
	 * liftoff uses JSON 1.0. */
	{ "cloudwatch", "CloudWatch", "monitoring", "monitoring", AWS_PROTO_JSON10, "2010-08-01",
	  "GraniteServiceVersion20100801", "CLOUDWATCH" },
	{ "elbv2", "Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing",
	  AWS_PROTO_QUERY, "2015-12-01", NULL, "ELASTIC_LOAD_BALANCING_V2" },
};
const unsigned aws_nservices = sizeof aws_services / sizeof *aws_services;

const struct aws_service *aws_service_find(const char *id)
{
	for (unsigned i = 0; i < aws_nservices; i++)
		if (strcmp(aws_services[i].id, id) == 0)
			return &aws_services[i];
	return NULL;
}

char *aws_service_config_key(const struct aws_service *svc)
{
	char *k = xstrdup(svc->env_key);
	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

struct partition {
	const char *name;
	const char *prefix;      /* region prefix; "" matches the rest */
	const char *dns_suffix;
};

/* Most specific prefix first. */
static const struct partition partitions[] = {
	{ "aws-cn", "cn-", "amazonaws.com.cn" },
	{ "aws-us-gov", "us-gov-", "amazonaws.com" },
	{ "aws-iso-b", "us-isob-", "sc2s.sgov.gov" },
	{ "aws-iso-f", "us-isof-", "csp.hci.ic.gov" },
	{ "aws-iso", "us-iso-", "c2s.ic.gov" },
	{ "aws-iso-e", "eu-isoe-", "cloud.adc-e.uk" },
	{ "aws-eusc", "eusc-", "amazonaws.eu" },
	{ "aws", "", "amazonaws.com" },
};

const char *aws_partition_of(const char *region, const char **dns_suffix)
{
	const struct partition *p = &partitions[0];
	for (size_t i = 0; i < sizeof partitions / sizeof *partitions; i++) {
		p = &partitions[i];
		if (str_starts_with(region ? region : "", p->prefix))
			break;
	}
	if (dns_suffix)
		*dns_suffix = p->dns_suffix;
	return p->name;
}

/* Regions that STS served from the global endpoint before regional
 * endpoints became the default. */
static const char *const sts_legacy_regions[] = {
	"ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global",
	"ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
	"sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
};

static bool sts_legacy_region(const char *region)
{
	for (size_t i = 0; i < sizeof sts_legacy_regions / sizeof *sts_legacy_regions; i++)
		if (strcmp(region, sts_legacy_regions[i]) == 0)
			return true;
	return false;
}

static const char *cfg_profile(const struct aws_endpoint_config *cfg, const char *key)
{
	return cfg && cfg->profile_value ? cfg->profile_value(cfg->arg, key) : NULL;
}

static bool truthy(const char *v)
{
	return v && strcasecmp(v, "true") == 0;
}

static const char *configured_url(const struct aws_service *svc,
				  const struct aws_endpoint_config *cfg, char **owned)
{
	const char *ignore = getenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	if (str_empty(ignore))
		ignore = cfg_profile(cfg, "ignore_configured_endpoint_urls");
	if (truthy(ignore))
		return NULL;
	char *name = xasprintf("AWS_ENDPOINT_URL_%s", svc->env_key);
	const char *v = getenv(name);
	free(name);
	if (str_empty(v) && cfg && cfg->service_endpoint) {
		*owned = aws_service_config_key(svc);
		v = cfg->service_endpoint(cfg->arg, *owned);
	}
	if (str_empty(v))
		v = getenv("AWS_ENDPOINT_URL");
	if (str_empty(v))
		v = cfg_profile(cfg, "endpoint_url");
	return str_empty(v) ? NULL : v;
}

static bool region_valid(const char *r)
{
	if (str_empty(r))
		return false;
	for (const char *p = r; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

int aws_endpoint_resolve(const struct aws_service *svc, const char *region,
			 const struct aws_endpoint_config *cfg, struct aws_endpoint *out,
			 lo_error *err)
{
	memset(out, 0, sizeof *out);
	if (str_empty(region)) {
		lo_error_set(err, LO_EXIT_ENV,
			     _("Pass --region, set AWS_REGION, or set region in the profile."),
			     "%s", _("no AWS region is set"));
		return LO_EXIT_ENV;
	}
	if (!region_valid(region)) {
		lo_error_set(err, LO_EXIT_ENV, _("Regions look like eu-west-1."),
			     _("'%s' is not an AWS region"), region);
		return LO_EXIT_ENV;
	}
	const char *suffix = NULL;
	out->partition = xstrdup(aws_partition_of(region, &suffix));
	char *key = NULL;
	const char *url = configured_url(svc, cfg, &key);
	free(key);
	if (url) {
		size_t n = strlen(url);
		while (n && url[n - 1] == '/')
			n--;
		out->url = xstrndup(url, n);
		out->signing_region = xstrdup(region);
		out->configured = true;
		return LO_EXIT_OK;
	}
	if (strcmp(svc->id, "sts") == 0) {
		const char *mode = getenv("AWS_STS_REGIONAL_ENDPOINTS");
		if (str_empty(mode))
			mode = cfg_profile(cfg, "sts_regional_endpoints");
		if (mode && strcasecmp(mode, "legacy") == 0 && sts_legacy_region(region)) {
			out->url = xstrdup("https://sts.amazonaws.com");
			out->signing_region = xstrdup("us-east-1");
			return LO_EXIT_OK;
		}
	}
	out->url = xasprintf("https://%s.%s.%s", svc->endpoint_prefix, region, suffix);
	out->signing_region = xstrdup(region);
	return LO_EXIT_OK;
}

void aws_endpoint_free(struct aws_endpoint *ep)
{
	free(ep->url);
	free(ep->signing_region);
	free(ep->partition);
	memset(ep, 0, sizeof *ep);
}

bool aws_url_parse(const char *url, struct aws_url *out)
{
	memset(out, 0, sizeof *out);
	const char *sep = strstr(url, "://");
	if (!sep)
		return false;
	out->scheme = xstrndup(url, (size_t)(sep - url));
	for (char *p = out->scheme; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	const char *auth = sep + 3;
	size_t alen = strcspn(auth, "/?#");
	const char *at = memchr(auth, '@', alen);
	if (at) {
		alen -= (size_t)(at + 1 - auth);
		auth = at + 1;
	}
	char *host = xstrndup(auth, alen);
	for (char *p = host; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	char *colon = strrchr(host, ':');
	if (colon && !strchr(colon, ']')) {
		const char *port = colon + 1;
		bool dflt = (strcmp(out->scheme, "https") == 0 && strcmp(port, "443") == 0) ||
			    (strcmp(out->scheme, "http") == 0 && strcmp(port, "80") == 0) || !*port;
		if (dflt)
			*colon = '\0';
	}
	out->host = host;
	const char *rest = auth + alen;
	size_t plen = strcspn(rest, "?#");
	out->path = xstrndup(rest, plen);
	if (rest[plen] == '?') {
		const char *q = rest + plen + 1;
		out->query = xstrndup(q, strcspn(q, "#"));
	}
	return *out->host != '\0';
}

void aws_url_free(struct aws_url *u)
{
	free(u->scheme);
	free(u->host);
	free(u->path);
	free(u->query);
	memset(u, 0, sizeof *u);
}
