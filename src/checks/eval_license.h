/* eval_license.h - license: is a Spacelift license granted to this
 * account, accepted and active?  See eval_license.c. */
#ifndef LO_CHECKS_EVAL_LICENSE_H
#define LO_CHECKS_EVAL_LICENSE_H

#include "checks/eval.h"

/* Worst to best; the order ranks several licenses. */
enum eval_license_state {
	LICENSE_NOT_FOUND = 0,   /* no Spacelift license at all */
	LICENSE_UNUSABLE,        /* rejected, deleted, suspended, deactivated, failed */
	LICENSE_EXPIRED,
	LICENSE_GRANTED,         /* the grant waits to be accepted (PENDING_ACCEPT) */
	LICENSE_ACCEPTED,        /* accepted but not active (grant DISABLED) */
	LICENSE_ACTIVE,
};

struct eval_license_result {
	enum eval_license_state state;
	char *license_arn;       /* of the best license; NULL when not found */
	char *product_name;
	char *grant_arn;         /* the grant to accept / activate; may be NULL */
	char *grant_version;     /* its Version, for CreateGrantVersion's SourceVersion */
};

/* licenses: ListReceivedLicenses' "Licenses"; grants: ListReceivedGrants'
 * "Grants" (may be NULL).  Fills res (free it with
 * eval_license_result_free) and the verdict; data lists the others. */
void eval_license(const json_t *licenses, const json_t *grants, time_t now,
		  struct eval_license_result *res, struct eval_verdict *v);
void eval_license_result_free(struct eval_license_result *res);

/* "not-found", "unusable", "expired", "granted", "accepted", "active". */
const char *eval_license_state_name(enum eval_license_state s);

/* Does this GrantedLicense count as Spacelift's? */
bool eval_license_is_spacelift(const json_t *license);

#endif
