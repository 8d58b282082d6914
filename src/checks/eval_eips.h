/* eval_eips.h - ec2.eips: are 3 Elastic IP addresses free in the region?
 * See eval_eips.c. */
#ifndef LO_CHECKS_EVAL_EIPS_H
#define LO_CHECKS_EVAL_EIPS_H

#include "checks/eval.h"

/* The installer's NAT gateways take this many. */
#define EVAL_EIPS_NEEDED 3
/* The default quota when Service Quotas cannot be asked. */
#define EVAL_EIPS_DEFAULT_QUOTA 5
#define EVAL_EIPS_QUOTA_CODE "L-0263D0A3"

struct eval_eips_input {
	double quota;           /* GetServiceQuota Quota.Value (a double: 5.0) */
	bool quota_denied;      /* the quota API was denied: assume the default */
	int allocated;          /* DescribeAddresses: addresses already allocated */
	const char *region;     /* aws_region */
	bool use_custom_vpc;    /* vpc_config.use_custom_vpc: nothing to allocate */
};

void eval_eips(const struct eval_eips_input *in, struct eval_verdict *v);

#endif
