/* creds.h - find AWS credentials and the region the way the AWS CLI does.
 *
 * The chain, in the CLI's order: --profile/AWS_PROFILE selects a profile;
 * environment variables; the shared credentials and config files
 * (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, [profile x] sections);
 * credential_process; role_arn + source_profile through STS AssumeRole;
 * web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN); IAM Identity
 * Center profiles through the installed AWS CLI v2; ECS container
 * credentials; EC2 instance metadata (IMDSv2).
 *
 * The chain does not speak STS itself: the AWS client registers an STS
 * caller with creds_chain_set_sts(), which keeps this module free of HTTP
 * signing and lets tests drive it with a fake.  Temporary credentials are
 * refreshed by creds_chain_get() before they expire. */
#ifndef LO_AWS_CREDS_H
#define LO_AWS_CREDS_H

#include <stdbool.h>

#include "aws/credentials.h"
#include "core/util.h"

typedef struct creds_chain creds_chain;

/* Ask the admin for an MFA code (the UI provides this); NULL when
 * non-interactive, and then an mfa_serial profile is refused clearly.
 * Returns a newly allocated code, or NULL when the admin cancelled. */
typedef char *(*creds_mfa_prompt)(void *arg, const char *mfa_serial);

struct creds_options {
	const char *profile;        /* --profile; NULL: AWS_PROFILE, then "default" */
	const char *region;         /* --region; NULL: environment, then profile */
	creds_mfa_prompt mfa_prompt;
	void *mfa_arg;
};

/* What the chain needs STS to do. */
struct sts_assume_request {
	bool web_identity;          /* AssumeRoleWithWebIdentity, else AssumeRole */
	const char *role_arn;
	const char *role_session_name;
	const char *external_id;    /* may be NULL */
	int duration_seconds;       /* 0: the service default */
	const char *mfa_serial;     /* may be NULL */
	const char *mfa_code;       /* may be NULL */
	const lo_secret *web_identity_token; /* web identity only */
	const aws_credentials *source;       /* AssumeRole only: who asks */
	const char *region;
};

typedef int (*creds_sts_call)(void *ctx, const struct sts_assume_request *req,
			      aws_credentials *out, lo_error *err);

creds_chain *creds_chain_new(const struct creds_options *opts);
void creds_chain_free(creds_chain *chain);
void creds_chain_set_sts(creds_chain *chain, creds_sts_call call, void *ctx);

/* Current credentials (a copy the caller frees with aws_credentials_free).
 * force_refresh asks the source again, e.g. after ExpiredToken.  Returns
 * LO_EXIT_OK, or an lo_exit code with err set (LO_EXIT_ENV when no
 * credentials can be found, with a hint on how to configure them). */
int creds_chain_get(creds_chain *chain, aws_credentials *out, bool force_refresh, lo_error *err);

/* The region: --region, AWS_REGION, AWS_DEFAULT_REGION, then the profile's
 * region.  NULL when none is set anywhere. */
const char *creds_chain_region(creds_chain *chain);

/* The profile in use ("default" when none was chosen). */
const char *creds_chain_profile(creds_chain *chain);

/* A key of the profile's section in the config file (e.g. "endpoint_url",
 * "ca_bundle", "max_attempts", "retry_mode"), or NULL. */
const char *creds_chain_profile_value(creds_chain *chain, const char *key);

/* endpoint_url for a service from the profile's `services` section
 * (service_key as the SDKs spell it: "sts", "license_manager"...), or NULL. */
const char *creds_chain_service_endpoint(creds_chain *chain, const char *service_key);

#endif
