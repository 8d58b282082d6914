/* arn.c - see arn.h.  The region table is the public list of commercial,
 * China and GovCloud regions; a well-formed code that is not in it is
 * still accepted by callers, with a warning, so a new region never blocks
 * an install. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "config/arn.h"
#include "core/i18n.h"
#include "core/util.h"

static const char *const known_regions[] = {
	"us-east-1", "us-east-2", "us-west-1", "us-west-2",
	"af-south-1",
	"ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
	"ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
	"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
	"ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
	"ca-central-1", "ca-west-1",
	"eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
	"eu-south-1", "eu-south-2", "eu-north-1",
	"il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1",
	"us-gov-west-1", "us-gov-east-1",
	"cn-north-1", "cn-northwest-1",
	NULL,
};

/* Region prefix -> partition; the first match wins, so longer first. */
static const struct { const char *prefix; const char *partition; } partitions[] = {
	{ "us-gov-", "aws-us-gov" },
	{ "us-isob-", "aws-iso-b" },
	{ "us-isof-", "aws-iso-f" },
	{ "us-iso-", "aws-iso" },
	{ "eu-isoe-", "aws-iso-e" },
	{ "cn-", "aws-cn" },
	{ "", "aws" },
};

bool arn_region_known(const char *region)
{
	for (size_t i = 0; region && known_regions[i]; i++)
		if (strcmp(region, known_regions[i]) == 0)
			return true;
	return false;
}

static bool all_lower(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]))
			return false;
	return true;
}

bool arn_region_well_formed(const char *region)
{
	if (!region || strlen(region) > 32)
		return false;
	/* words of lowercase letters separated by '-', ending in -DIGITS,
	 * at least three parts: us-east-1, us-gov-west-1. */
	const char *dash = strrchr(region, '-');
	if (!dash || !dash[1])
		return false;
	for (const char *p = dash + 1; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	int words = 0;
	const char *p = region;
	while (p < dash) {
		const char *e = memchr(p, '-', (size_t)(dash - p) + 1);
		if (!all_lower(p, (size_t)(e - p)))
			return false;
		words++;
		p = e + 1;
	}
	return words >= 2 && strlen(region) - strlen(dash) >= 4 && region[2] == '-';
}

const char *arn_region_partition(const char *region)
{
	if (!arn_region_well_formed(region))
		return NULL;
	for (size_t i = 0; i < sizeof partitions / sizeof partitions[0]; i++)
		if (str_starts_with(region, partitions[i].prefix))
			return partitions[i].partition;
	return "aws";
}

bool arn_account_valid(const char *account)
{
	if (!account || strlen(account) != 12)
		return false;
	for (const char *p = account; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return true;
}

static bool token_ok(const char *s, size_t n, bool allow_empty)
{
	if (n == 0)
		return allow_empty;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-'))
			return false;
	return true;
}

bool arn_parse(const char *s, struct arn *out, const char **why)
{
	memset(out, 0, sizeof *out);
	const char *field[5];
	size_t len[5];
	if (!s || !str_starts_with(s, "arn:")) {
		*why = N_("an ARN starts with \"arn:\"");
		return false;
	}
	const char *p = s + 4;
	for (int i = 0; i < 5; i++) {
		const char *c = i < 4 ? strchr(p, ':') : p + strlen(p);
		if (!c) {
			*why = N_("an ARN has six parts separated by colons: "
				  "arn:partition:service:region:account:resource");
			return false;
		}
		field[i] = p;
		len[i] = (size_t)(c - p);
		p = c + 1;
	}
	for (const char *q = s; *q; q++)
		if (isspace((unsigned char)*q) || (unsigned char)*q < 0x20) {
			*why = N_("an ARN contains no spaces");
			return false;
		}
	if (!token_ok(field[0], len[0], false) || !str_starts_with(field[0], "aws")) {
		*why = N_("the partition (second part) is not aws, aws-cn or aws-us-gov");
		return false;
	}
	if (!token_ok(field[1], len[1], false)) {
		*why = N_("the service (third part) is missing or malformed");
		return false;
	}
	if (!token_ok(field[2], len[2], true)) {
		*why = N_("the region (fourth part) is malformed");
		return false;
	}
	if (len[3] != 0 && len[3] != 12) {
		*why = N_("the account (fifth part) is not a 12-digit account ID");
		return false;
	}
	if (len[4] == 0) {
		*why = N_("the resource (sixth part) is missing");
		return false;
	}
	out->partition = xstrndup(field[0], len[0]);
	out->service = xstrndup(field[1], len[1]);
	out->region = xstrndup(field[2], len[2]);
	out->account = xstrndup(field[3], len[3]);
	out->resource = xstrndup(field[4], len[4]);
	if (len[3] && !arn_account_valid(out->account)) {
		arn_free(out);
		*why = N_("the account (fifth part) is not a 12-digit account ID");
		return false;
	}
	return true;
}

void arn_free(struct arn *a)
{
	free(a->partition);
	free(a->service);
	free(a->region);
	free(a->account);
	free(a->resource);
	memset(a, 0, sizeof *a);
}
