/* creds-probe.c - print what the credential chain resolves, in one line
 * that tests/creds/botocore_probe.py prints the same way for botocore:
 *
 *     KIND ACCESS_KEY_ID REGION     e.g. "shared-credentials-file AKIA... eu-west-1"
 *     none                          no credentials anywhere
 *     error                         a configuration error
 *
 * KIND is botocore's method name (env, shared-credentials-file,
 * config-file, custom-process).  Usage: creds-probe [PROFILE].  Used by
 * tests/integration/test-creds-botocore.sh to hold the chain to
 * botocore's behaviour. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aws/creds.h"

static const struct {
	const char *prefix, *kind;
} kinds[] = {
	{ "environment", "env" },
	{ "shared-credentials-file", "shared-credentials-file" },
	{ "config-file", "config-file" },
	{ "credential-process", "custom-process" },
};

static const char *kind_of(const char *source)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (str_starts_with(source, kinds[i].prefix))
			return kinds[i].kind;
	return source;
}

int main(int argc, char **argv)
{
	struct creds_options o = { .profile = argc > 1 ? argv[1] : NULL };
	creds_chain *c = creds_chain_new(&o);
	aws_credentials cr = { 0 };
	lo_error err = LO_ERROR_INIT;
	if (creds_chain_get(c, &cr, false, &err) != 0) {
		bool none = err.message && str_starts_with(err.message, "no AWS credentials found");
		printf("%s\n", none ? "none" : "error");
		fprintf(stderr, "creds-probe: %s\n", err.message ? err.message : "?");
	} else {
		const char *region = creds_chain_region(c);
		printf("%s %s %s\n", kind_of(cr.source), cr.access_key_id, region ? region : "-");
	}
	aws_credentials_free(&cr);
	lo_error_clear(&err);
	creds_chain_free(c);
	return 0;
}
