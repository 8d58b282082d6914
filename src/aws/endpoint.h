/* endpoint.h - the services liftoff calls, and where to send each call.
 *
 * Services are a table of small const structs taken from the botocore
 * models: endpoint prefix, signing name, protocol, API version, JSON
 * target prefix, and the key the SDKs use for per-service endpoint
 * settings (the service id uppercased, spaces as underscores).
 *
 * The resolver follows the SDKs' order: AWS_ENDPOINT_URL_<SERVICE>, the
 * profile's services section, AWS_ENDPOINT_URL, the profile's
 * endpoint_url, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the
 * profile's ignore_configured_endpoint_urls) is true; otherwise the
 * partition's endpoint for the region (aws, aws-cn, aws-us-gov, the ISO
 * partitions), with STS regional unless AWS_STS_REGIONAL_ENDPOINTS (or
 * sts_regional_endpoints) is "legacy" and the region is one of the
 * legacy ones, which then go to the global sts.amazonaws.com signed for
 * us-east-1. */
#ifndef LO_AWS_ENDPOINT_H
#define LO_AWS_ENDPOINT_H

#include <stdbool.h>

#include "core/util.h"

enum aws_protocol {
	AWS_PROTO_QUERY,     /* form POST, XML answers */
	AWS_PROTO_EC2,       /* the same, EC2's dialect (lists of <item>) */
	AWS_PROTO_JSON10,    /* POST, X-Amz-Target, application/x-amz-json-1.0 */
	AWS_PROTO_JSON11,    /* POST, X-Amz-Target, application/x-amz-json-1.1 */
	AWS_PROTO_REST_JSON, /* method and path carry the operation */
};

struct aws_service {
	const char *id;              /* short name used in liftoff: "sts" */
	const char *service_id;      /* the model's serviceId: "License Manager" */
	const char *endpoint_prefix; /* host prefix: "license-manager" */
	const char *signing_name;
	enum aws_protocol protocol;
	const char *api_version;
	const char *target_prefix;   /* JSON protocols only */
	const char *env_key;         /* AWS_ENDPOINT_URL_<env_key> */
};

const struct aws_service *aws_service_find(const char *id);
extern const struct aws_service aws_services[];
extern const unsigned aws_nservices;

/* The profile's config settings, read through the credential chain in
 * the client; a table-free callback keeps the resolver testable. */
struct aws_endpoint_config {
	const char *(*profile_value)(void *arg, const char *key);
	const char *(*service_endpoint)(void *arg, const char *service_key);
	void *arg;
};

struct aws_endpoint {
	char *url;             /* scheme://host[:port][/base], no trailing '/' */
	char *signing_region;
	char *partition;       /* "aws", "aws-cn", "aws-us-gov"... */
	bool configured;       /* from an endpoint_url setting */
};

/* The partition of a region and its DNS suffix. */
const char *aws_partition_of(const char *region, const char **dns_suffix);

int aws_endpoint_resolve(const struct aws_service *svc, const char *region,
			 const struct aws_endpoint_config *cfg, struct aws_endpoint *out,
			 lo_error *err);
void aws_endpoint_free(struct aws_endpoint *ep);

/* The key for config files: env_key lowercased ("license_manager"). */
char *aws_service_config_key(const struct aws_service *svc);

/* A URL cut the way botocore cuts it for signing. */
struct aws_url {
	char *scheme;
	char *host;            /* the Host header: lowercase, default port dropped */
	char *path;            /* "" when absent */
	char *query;           /* NULL when absent */
};
bool aws_url_parse(const char *url, struct aws_url *out);
void aws_url_free(struct aws_url *u);

#endif
