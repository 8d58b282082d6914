/* license.h - the Spacelift license in AWS License Manager: look it up,
 * and accept and activate it.  The check (license) uses the async path in
 * check_license.c; these blocking functions are for the wizard and
 * `liftoff preflight --accept-license`, which ask for confirmation first.
 * They use aws_call_sync: never from a callback on the client's loop. */
#ifndef LO_CHECKS_LICENSE_H
#define LO_CHECKS_LICENSE_H

#include <time.h>

#include "aws/client.h"
#include "checks/eval_license.h"

/* ListReceivedLicenses + ListReceivedGrants, then eval_license: res and v
 * are filled on LO_EXIT_OK.  detail may be NULL. */
int license_lookup(aws_client *c, time_t now, struct eval_license_result *res,
		   struct eval_verdict *v, struct aws_error *detail, lo_error *err);

/* The one change liftoff makes in AWS before install.sh, and only after
 * the admin confirmed: AcceptGrant when the grant waits to be accepted,
 * then CreateGrantVersion Status=ACTIVE, then the lookup again (res and v
 * are replaced with what AWS says now).  A license that is already
 * active is left alone.  Anything but granted/accepted/active is refused
 * with err (LO_EXIT_FAIL). */
int license_accept_activate(aws_client *c, time_t now, struct eval_license_result *res,
			    struct eval_verdict *v, struct aws_error *detail, lo_error *err);

/* The license's id: the part of its ARN after "license:" (or the ARN). */
const char *license_id(const char *license_arn);

#endif
