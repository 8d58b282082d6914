/* arn.h - Amazon Resource Names and the region/partition facts they rest on.
 *
 * An ARN is arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.  The config
 * rules and the pre-flight checks both need to take one apart and to know
 * which partition a region belongs to (aws, aws-cn, aws-us-gov, ...), so
 * this lives apart from the config model and knows nothing about it. */
#ifndef LO_ARN_H
#define LO_ARN_H

#include <stdbool.h>

struct arn {
	char *partition;   /* "aws", "aws-cn", "aws-us-gov", ... */
	char *service;     /* "acm", "sns", "ssm", ... */
	char *region;      /* "" for global services such as s3 and iam */
	char *account;     /* 12 digits, or "" (s3 buckets) */
	char *resource;    /* everything after the fifth colon */
};

/* Split s into its parts.  On failure returns false and sets *why to an
 * untranslated (N_) reason; pass it through _() before showing it. */
bool arn_parse(const char *s, struct arn *out, const char **why);
void arn_free(struct arn *a);

/* The partition a region belongs to; NULL for a malformed region. */
const char *arn_region_partition(const char *region);
/* A region code liftoff knows by name (us-east-1, eu-west-1, ...). */
bool arn_region_known(const char *region);
/* Shaped like a region code: xx-name-N, xx-gov-name-N, xx-iso[b]-name-N. */
bool arn_region_well_formed(const char *region);
/* Twelve digits. */
bool arn_account_valid(const char *account);

#endif
