/* eval_partition.h - aws.partition: do the credentials and the region
 * belong to the same AWS partition?  See eval_partition.c. */
#ifndef LO_CHECKS_EVAL_PARTITION_H
#define LO_CHECKS_EVAL_PARTITION_H

#include "checks/eval.h"

/* The partition of a region: "aws-us-gov" for us-gov-*, "aws-cn" for
 * cn-*, the ISO partitions for theirs, else "aws". */
const char *eval_region_partition(const char *region);

/* caller_arn is GetCallerIdentity's Arn; region is aws_region. */
void eval_partition(const char *caller_arn, const char *region, struct eval_verdict *v);

#endif
