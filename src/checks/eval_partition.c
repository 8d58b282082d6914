/* eval_partition.c - the guide's "could not find AWS account ID" trap:
 * GovCloud or China credentials used against a region of another
 * partition (or the other way round).  An account exists in one partition
 * only, so install.sh cannot even find it, and says nothing helpful.
 *
 * The partition of the credentials is the second field of the caller's
 * ARN; the partition of the region comes from its prefix.  A mismatch
 * fails with both ways out: another region, or other credentials. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checks/eval_partition.h"
#include "core/i18n.h"

struct partition {
	const char *region_prefix;  /* NULL: the default row */
	const char *id;
	const char *name;           /* N_() */
	const char *example_region;
};

/* Longest prefixes first: "us-iso-" before "us-". */
static const struct partition partitions[] = {
	{ "us-gov-", "aws-us-gov", N_("AWS GovCloud (US)"), "us-gov-west-1" },
	{ "cn-", "aws-cn", N_("AWS China"), "cn-north-1" },
	{ "us-isob-", "aws-iso-b", N_("AWS ISOB"), "us-isob-east-1" },
	{ "us-iso-", "aws-iso", N_("AWS ISO"), "us-iso-east-1" },
	{ "eu-isoe-", "aws-iso-e", N_("AWS ISOE"), "eu-isoe-west-1" },
	{ "us-isof-", "aws-iso-f", N_("AWS ISOF"), "us-isof-south-1" },
	{ NULL, "aws", N_("the standard AWS partition"), "eu-west-1" },
};

#define N_PARTITIONS (sizeof partitions / sizeof partitions[0])

static const struct partition *by_region(const char *region)
{
	for (size_t i = 0; i + 1 < N_PARTITIONS; i++)
		if (str_starts_with(region, partitions[i].region_prefix))
			return &partitions[i];
	return &partitions[N_PARTITIONS - 1];
}

static const struct partition *by_id(const char *id)
{
	for (size_t i = 0; i < N_PARTITIONS; i++)
		if (strcmp(partitions[i].id, id) == 0)
			return &partitions[i];
	return NULL;
}

const char *eval_region_partition(const char *region)
{
	return by_region(region ? region : "")->id;
}

static void mismatch(struct eval_verdict *v, const char *cred_id,
		     const struct partition *cred, const struct partition *reg, const char *region)
{
	const char *cred_name = cred ? _(cred->name) : cred_id;
	char *hint = xasprintf(_("Either set aws_region to a region of %s (for example %s), or use "
				 "credentials of an account in %s (another profile: --profile)."),
			       cred_name, cred ? cred->example_region : "?", _(reg->name));
	eval_set(v, CHECK_FAIL, hint,
		 _("these credentials belong to %s (%s), but region %s is in %s (%s): an account "
		   "exists in one partition only, so install.sh would stop with \"could not find "
		   "AWS account ID\""),
		 cred_name, cred_id, region, _(reg->name), reg->id);
	free(hint);
}

void eval_partition(const char *caller_arn, const char *region, struct eval_verdict *v)
{
	if (str_empty(region)) {
		eval_set(v, CHECK_FAIL, _("Set aws_region in config.json."),
			 _("no aws_region to compare the credentials with"));
		return;
	}
	char *cred_id = eval_arn_field(caller_arn, 1);
	if (str_empty(cred_id)) {
		eval_set(v, CHECK_FAIL, _("Check the AWS credentials; this is a bug if they work."),
			 _("the caller identity '%s' is not an ARN"), caller_arn ? caller_arn : "");
		free(cred_id);
		return;
	}
	const struct partition *reg = by_region(region);
	const struct partition *cred = by_id(cred_id);
	eval_set_data(v, json_pack("{s:s, s:s, s:s}", "credentials_partition", cred_id,
				   "region", region, "region_partition", reg->id));
	if (strcmp(cred_id, reg->id) != 0)
		mismatch(v, cred_id, cred, reg, region);
	else
		eval_set(v, CHECK_PASS, NULL, _("credentials and region %s are both in %s (%s)"),
			 region, _(reg->name), reg->id);
	free(cred_id);
}
