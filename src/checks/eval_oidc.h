/* eval_oidc.h - sso.oidc: the identity provider's discovery document.
 * See eval_oidc.c. */
#ifndef LO_CHECKS_EVAL_OIDC_H
#define LO_CHECKS_EVAL_OIDC_H

#include "checks/eval.h"

struct eval_oidc_input {
	const char *host;            /* sso_config.oidc_args.identity_provider_host */
	const char *network_error;   /* NULL when the request was answered */
	long http_status;            /* of GET <discovery URL> */
	const char *body;            /* its body; may be NULL */
};

void eval_oidc(const struct eval_oidc_input *in, struct eval_verdict *v);

/* <host>/.well-known/openid-configuration, keeping a path, without a
 * double slash; NULL for an empty host.  The caller frees it. */
char *eval_oidc_discovery_url(const char *host);

/* GitHub's hosts: they do not offer the email scope. */
bool eval_oidc_is_github(const char *host);

#endif
