/* cmd/verify.c - `liftoff verify`: check and extract a release archive
 *
 * Not built yet: it says so and exits 2 rather than pretend. */
#include "config.h"

#include "cmd/commands.h"
#include "core/i18n.h"

static const struct cli_option verify_options[] = {
	{ "sha256", 0, true, "FILE", N_("checksum file (default ARCHIVE.sha256)") },
	{ "sig", 0, true, "FILE", N_("detached signature (default ARCHIVE.sig or .asc)") },
	{ "key", 0, true, "FILE", N_("import the public key from FILE into liftoff's own keyring") },
	{ "fingerprint", 0, true, "FPR", N_("the signing key to trust (default: Spacelift's)") },
	{ "extract", 0, true, "DIR", N_("extract into the new directory DIR") },
	{ "force", 0, false, NULL, N_("allow --extract to replace an existing DIR") },
	{ NULL, 0, false, NULL, NULL },
};

static int run_verify(struct lo_invocation *inv)
{
	return cli_not_built(inv, _("Until then, check the archive with sha256sum -c and gpg --verify as the guide shows."));
}

const struct lo_command cmd_verify = {
	.name = "verify",
	.summary = N_("check and extract a release archive"),
	.synopsis = "ARCHIVE",
	.options = verify_options,
	.run = run_verify,
	.has_screen = false,
};
