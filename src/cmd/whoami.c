/* cmd/whoami.c - `liftoff whoami`: the AWS identity liftoff will use.
 *
 * One STS GetCallerIdentity through the AWS client, with the credentials
 * the chain finds.  Prints the account, the ARN, the partition (from the
 * ARN), the region and where the credentials came from; never a key, a
 * token or a signature.  Any failure is exit 3 with the client's message,
 * which says when it was the network. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "aws/ops.h"
#include "cmd/commands.h"
#include "core/i18n.h"

static void report(const lo_error *err)
{
	fprintf(stderr, "liftoff: %s\n", err->message);
	if (err->hint)
		fprintf(stderr, "%s\n", err->hint);
}

/* "arn:PARTITION:service:..." */
static char *arn_partition(const char *arn, const char *region)
{
	if (arn && str_starts_with(arn, "arn:")) {
		const char *p = arn + 4;
		return xstrndup(p, strcspn(p, ":"));
	}
	return xstrdup(aws_partition_of(region, NULL));
}

static void print_identity(bool json, const struct sts_identity *id, const char *partition,
			   const char *region, const char *source)
{
	if (json) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s?, s:s}", "account", id->account, "arn",
				      id->arn, "partition", partition, "region", region, "source",
				      source);
		char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("%s\n", s);
		free(s);
		json_decref(o);
		return;
	}
	printf(_("Account:    %s\n"), id->account);
	printf(_("ARN:        %s\n"), id->arn);
	printf(_("Partition:  %s\n"), partition);
	printf(_("Region:     %s\n"), region ? region : _("(none)"));
	printf(_("Source:     %s\n"), source);
}

static int run_whoami(struct lo_invocation *inv)
{
	lo_error err = LO_ERROR_INIT;
	struct creds_options opts;
	cli_creds_options(inv, &opts);
	aws_client *c = aws_client_new(NULL, &opts, &err);
	aws_credentials creds = { 0 };
	struct sts_identity id = { 0 };
	int rc = creds_chain_get(aws_client_chain(c), &creds, false, &err);
	if (rc == LO_EXIT_OK)
		rc = sts_get_caller_identity(c, &id, NULL, &err);
	if (rc == LO_EXIT_OK) {
		const char *region = aws_client_region(c);
		char *partition = arn_partition(id.arn, region);
		print_identity(inv->g.json, &id, partition, region,
			       creds.source ? creds.source : _("unknown"));
		free(partition);
	} else {
		report(&err);
		rc = LO_EXIT_ENV;
	}
	sts_identity_free(&id);
	aws_credentials_free(&creds);
	aws_client_free(c);
	lo_error_clear(&err);
	return rc;
}

const struct lo_command cmd_whoami = {
	.name = "whoami",
	.summary = N_("the AWS identity liftoff will use"),
	.synopsis = "",
	.options = NULL,
	.run = run_whoami,
	.has_screen = false,
};
