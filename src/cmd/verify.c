/* cmd/verify.c - `liftoff verify`: check and extract a release archive.
 *
 * The guide's three manual steps in one: the SHA-256 against the
 * published checksum file, the detached signature against the pinned
 * fingerprint, and extraction.  Both checks always run, so the report
 * says everything that is wrong at once; the archive is only read for its
 * contents (validated, then extracted with --extract) once both passed,
 * and extraction proves it read the very bytes that were verified: the
 * SHA-256 of what gpg read, of what was hashed, and of what is extracted
 * must all be the same.
 * The report is the same on success and failure, as text or --json. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd/commands.h"
#include "core/i18n.h"
#include "release/release.h"

static const struct cli_option verify_options[] = {
	{ "sha256", 0, true, "FILE", N_("checksum file (default ARCHIVE.sha256)") },
	{ "sig", 0, true, "FILE", N_("detached signature (default ARCHIVE.sig or .asc)") },
	{ "key", 0, true, "FILE", N_("import the public key from FILE into liftoff's own keyring") },
	{ "fingerprint", 0, true, "FPR", N_("the signing key to trust (default: Spacelift's)") },
	{ "extract", 0, true, "DIR", N_("extract into the new directory DIR") },
	{ "force", 0, false, NULL, N_("allow --extract to replace an existing DIR") },
	{ NULL, 0, false, NULL, NULL },
};

/* Everything the report shows; filled step by step. */
struct verify_report {
	const char *archive;
	char *fpr;                 /* pinned, normalized */
	char *gnupghome;
	char *sha_file;
	bool sha_ok;
	char *expected;
	char actual[RELEASE_SHA256_HEX];
	char *sig_file;
	bool sig_checked;
	struct release_sig_result sig;
	struct release_scan scan;
	bool scanned;
	const char *extracted_to;
	lo_error errors[4];        /* checksum, signature, contents, other */
};

enum { ERR_SHA, ERR_SIG, ERR_CONTENT, ERR_OTHER };

/* ---- Progress on stderr ---- */

struct progress {
	int last;   /* last percentage printed, -1 for none */
};

static void progress_print(uint64_t done, uint64_t total, void *arg)
{
	struct progress *p = arg;
	int pct = total ? (int)(done * 100 / total) : 0;
	if (pct == p->last)
		return;
	p->last = pct;
	fprintf(stderr, _("\rChecking the SHA-256: %3d%% (%llu of %llu MiB)"), pct,
		(unsigned long long)(done >> 20), (unsigned long long)(total >> 20));
	fflush(stderr);
}

static void progress_end(const struct progress *p)
{
	if (p->last >= 0)
		fputs("\r\033[K", stderr);
}

/* A transient line for a step with no percentage; NULL clears it. */
static void progress_step(const struct lo_invocation *inv, const char *what)
{
	if (!isatty(STDERR_FILENO) || inv->g.verbosity < 0)
		return;
	if (what)
		fprintf(stderr, "\r%s", what);
	else
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* ---- The steps ---- */

static char *file_beside(const char *archive, const char *suffix)
{
	return xasprintf("%s%s", archive, suffix);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static void verify_checksum(struct lo_invocation *inv, struct verify_report *r)
{
	const char *given = cli_opt(inv, "sha256");
	r->sha_file = given ? xstrdup(given) : file_beside(r->archive, ".sha256");
	struct release_checksum sum = { "", NULL };
	if (!release_checksum_read(r->sha_file, r->archive, &sum, &r->errors[ERR_SHA]))
		return;
	r->expected = xstrdup(sum.hex);
	release_checksum_free(&sum);
	bool show = isatty(STDERR_FILENO) && inv->g.verbosity >= 0;
	struct progress p = { -1 };
	bool hashed = release_sha256_file(r->archive, show ? progress_print : NULL, &p, r->actual,
					  &r->errors[ERR_SHA]);
	progress_end(&p);
	if (!hashed)
		return;
	r->sha_ok = strcmp(r->expected, r->actual) == 0;
	if (!r->sha_ok)
		lo_error_set(&r->errors[ERR_SHA], LO_EXIT_VERIFY,
			     _("The archive is damaged or was altered.  Download it again from the vendor."),
			     _("checksum mismatch: %s has SHA-256 %s, but %s says %s"), r->archive,
			     r->actual, r->sha_file, r->expected);
}

static char *sig_default_file(const char *archive)
{
	char *sig = file_beside(archive, ".sig");
	if (file_exists(sig))
		return sig;
	char *asc = file_beside(archive, ".asc");
	if (file_exists(asc)) {
		free(sig);
		return asc;
	}
	free(asc);
	free(sig);
	return NULL;
}

static char *date_str(int64_t t)
{
	char buf[64];
	time_t tt = (time_t)t;
	struct tm tm;
	if (!t || !gmtime_r(&tt, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm))
		return xstrdup("?");
	return xstrdup(buf);
}

/* Explain a failed signature: what happened, and what to do. */
static void sig_explain(struct verify_report *r, lo_error *e)
{
	const struct release_sig_result *s = &r->sig;
	const char *fpr = s->fingerprint ? s->fingerprint : "?";
	char *signed_at = date_str(s->signed_at), *expires = date_str(s->key_expires);
	switch (s->status) {
	case RELEASE_SIG_GOOD:
	case RELEASE_SIG_MISSING:
	case RELEASE_SIG_ERROR:
		break;
	case RELEASE_SIG_BAD:
		lo_error_set(e, LO_EXIT_VERIFY, _("Do not use this archive.  Download it again from the vendor."),
			     _("BAD signature: the archive or its signature was tampered with"));
		break;
	case RELEASE_SIG_WRONG_KEY:
		lo_error_set(e, LO_EXIT_VERIFY,
			     _("Only a release signed by Spacelift's key (or the one named with --fingerprint) is accepted."),
			     _("signed by another key: %s, not %s"),
			     s->primary_fpr ? s->primary_fpr : fpr, r->fpr);
		break;
	case RELEASE_SIG_NO_KEY:
		lo_error_set(e, LO_EXIT_VERIFY, _("Import the vendor's public key with: liftoff verify --key FILE ARCHIVE"),
			     _("the signing key %s is not in liftoff's keyring (%s)"), fpr, r->gnupghome);
		break;
	case RELEASE_SIG_KEY_EXPIRED:
		lo_error_set(e, LO_EXIT_VERIFY, _("Get the vendor's current key and import it with: liftoff verify --key FILE ARCHIVE"),
			     _("the signing key %s expired on %s"), fpr, expires);
		break;
	case RELEASE_SIG_AFTER_EXPIRY:
		lo_error_set(e, LO_EXIT_VERIFY, _("A signature made with an expired key proves nothing.  Ask the vendor."),
			     _("the signature was made on %s, after the signing key %s expired on %s"),
			     signed_at, fpr, expires);
		break;
	case RELEASE_SIG_KEY_REVOKED:
		lo_error_set(e, LO_EXIT_VERIFY, _("The vendor withdrew this key.  Do not use this archive; ask the vendor."),
			     _("the signing key %s has been revoked"), fpr);
		break;
	case RELEASE_SIG_SIG_EXPIRED:
		lo_error_set(e, LO_EXIT_VERIFY, _("Download the current release from the vendor."),
			     _("the signature by %s has expired"), fpr);
		break;
	}
	free(signed_at);
	free(expires);
}

static void verify_signature(struct lo_invocation *inv, struct verify_report *r)
{
	const char *given = cli_opt(inv, "sig");
	lo_error *e = &r->errors[ERR_SIG];
	r->sig.status = RELEASE_SIG_MISSING;
	r->sig.key_status = RELEASE_KEY_UNKNOWN;
	r->sig_file = given ? xstrdup(given) : sig_default_file(r->archive);
	if (!r->sig_file) {
		lo_error_set(e, LO_EXIT_VERIFY,
			     _("Download the .sig file published with the release, put it beside the archive, or name it with --sig FILE."),
			     _("no signature file: neither %s.sig nor %s.asc exists"), r->archive, r->archive);
		return;
	}
	r->sig_checked = true;
	progress_step(inv, _("Checking the signature..."));
	bool checked = release_verify_signature(r->archive, r->sig_file, r->fpr, r->gnupghome, &r->sig, e);
	progress_step(inv, NULL);
	if (checked)
		sig_explain(r, e);
}

static void verify_contents(struct lo_invocation *inv, struct verify_report *r)
{
	const char *dir = cli_opt(inv, "extract");
	lo_error *e = &r->errors[ERR_CONTENT];
	if (strcmp(r->sig.sha256, r->actual) != 0) {
		lo_error_set(e, LO_EXIT_VERIFY, _("Make sure nothing writes to the archive, and run liftoff verify again."),
			     _("the archive changed while it was being verified"));
		return;
	}
	if (dir) {
		progress_step(inv, _("Extracting..."));
		bool done = release_extract_verified(r->archive, r->actual, dir, cli_flag(inv, "force"),
						     &r->scan, e);
		progress_step(inv, NULL);
		r->scanned = done || r->scan.missing; /* an incomplete release was scanned */
		if (done)
			r->extracted_to = dir;
		return;
	}
	progress_step(inv, _("Checking the archive's contents..."));
	r->scanned = release_scan_archive(r->archive, &r->scan, e);
	progress_step(inv, NULL);
	if (r->scanned && r->scan.missing && r->scan.missing[0]) {
		strbuf sb = STRBUF_INIT;
		for (size_t i = 0; r->scan.missing[i]; i++)
			sb_appendf(&sb, "%s%s", i ? ", " : "", r->scan.missing[i]);
		lo_error_set(e, LO_EXIT_FAIL, _("This is not a complete Spacelift self-hosted release."),
			     _("the release lacks %s"), sb_str(&sb));
		sb_free(&sb);
	}
}

/* ---- The report ---- */

static bool report_ok(const struct verify_report *r)
{
	for (size_t i = 0; i < 4; i++)
		if (lo_error_is_set(&r->errors[i]))
			return false;
	return true;
}

static int report_exit(const struct verify_report *r)
{
	for (size_t i = 0; i < 4; i++)
		if (lo_error_is_set(&r->errors[i]))
			return r->errors[i].code;
	return LO_EXIT_OK;
}

static json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *report_json_sig(const struct verify_report *r)
{
	const struct release_sig_result *s = &r->sig;
	bool known = r->sig_checked || s->status == RELEASE_SIG_MISSING;
	return json_pack("{s:s, s:o, s:o, s:s, s:o, s:b, s:b, s:o}",
			 "status", known ? release_sig_status_name(s->status) : "not-checked",
			 "fingerprint", json_str_or_null(s->fingerprint),
			 "primary_fingerprint", json_str_or_null(s->primary_fpr),
			 "key_status", release_key_status_name(s->key_status),
			 "file", json_str_or_null(r->sig_file), "armored", s->armored,
			 "by_subkey", s->by_subkey, "trusted_fingerprint", json_str_or_null(r->fpr));
}

static json_t *report_json(const struct verify_report *r)
{
	json_t *errors = json_array(), *missing = json_array();
	for (size_t i = 0; i < 4; i++)
		if (lo_error_is_set(&r->errors[i]))
			json_array_append_new(errors, json_pack("{s:s, s:o}", "message", r->errors[i].message,
								"hint", json_str_or_null(r->errors[i].hint)));
	for (size_t i = 0; r->scanned && r->scan.missing && r->scan.missing[i]; i++)
		json_array_append_new(missing, json_string(r->scan.missing[i]));
	json_t *sha = json_pack("{s:b, s:o, s:o, s:o}", "ok", r->sha_ok,
				"expected", json_str_or_null(r->expected),
				"actual", json_str_or_null(r->actual[0] ? r->actual : NULL),
				"file", json_str_or_null(r->sha_file));
	return json_pack("{s:s, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "archive", r->archive, "ok", report_ok(r),
			 "version", json_str_or_null(r->scanned ? r->scan.version : NULL),
			 "sha256", sha, "signature", report_json_sig(r),
			 "stripped", json_str_or_null(r->scanned ? r->scan.top_dir : NULL),
			 "extracted_to", json_str_or_null(r->extracted_to),
			 "missing", missing, "errors", errors);
}

static void report_text_sig(const struct verify_report *r)
{
	const struct release_sig_result *s = &r->sig;
	if (!r->sig_checked && s->status != RELEASE_SIG_MISSING) {
		printf(_("signature:  not checked\n"));
		return;
	}
	if (s->status == RELEASE_SIG_GOOD) {
		printf(_("signature:  good, by %s%s%s%s\n"), s->fingerprint, s->uid ? " (" : "",
		       s->uid ? s->uid : "", s->uid ? ")" : "");
		if (s->by_subkey)
			printf(_("            a signing subkey of %s\n"), s->primary_fpr);
	} else {
		printf(_("signature:  %s%s%s\n"), release_sig_status_name(s->status),
		       s->fingerprint ? _(", by ") : "", s->fingerprint ? s->fingerprint : "");
	}
	printf(_("key:        %s\n"), release_key_status_name(s->key_status));
}

static void report_text(const struct verify_report *r)
{
	printf(_("archive:    %s\n"), r->archive);
	if (r->scanned)
		printf(_("version:    %s\n"), r->scan.version ? r->scan.version : _("(unknown)"));
	if (r->sha_ok)
		printf(_("sha256:     ok (%s)\n"), r->actual);
	else if (r->expected && r->actual[0])
		printf(_("sha256:     MISMATCH (expected %s, got %s)\n"), r->expected, r->actual);
	else
		printf(_("sha256:     not checked\n"));
	report_text_sig(r);
	if (r->extracted_to && r->scan.top_dir)
		printf(_("extracted:  %s (the contents of %s/)\n"), r->extracted_to, r->scan.top_dir);
	else if (r->extracted_to)
		printf(_("extracted:  %s\n"), r->extracted_to);
}

static void report_errors(const struct verify_report *r)
{
	for (size_t i = 0; i < 4; i++) {
		const lo_error *e = &r->errors[i];
		if (!lo_error_is_set(e))
			continue;
		fprintf(stderr, "liftoff: %s\n", e->message);
		if (e->hint)
			fprintf(stderr, "  %s\n", e->hint);
	}
}

static void report_print(const struct lo_invocation *inv, const struct verify_report *r)
{
	if (inv->g.json) {
		json_t *j = report_json(r);
		char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (s)
			puts(s);
		free(s);
		json_decref(j);
	} else {
		report_text(r);
	}
	report_errors(r);
}

static void report_free(struct verify_report *r)
{
	free(r->fpr);
	free(r->gnupghome);
	free(r->sha_file);
	free(r->expected);
	free(r->sig_file);
	release_sig_result_free(&r->sig);
	release_scan_free(&r->scan);
	for (size_t i = 0; i < 4; i++)
		lo_error_clear(&r->errors[i]);
}

/* ---- Setup ---- */

static int usage_error(const char *msg, const char *hint)
{
	fprintf(stderr, "liftoff: %s\n", msg);
	fprintf(stderr, "%s\n", hint ? hint : _("Try 'liftoff verify --help'."));
	return LO_EXIT_USAGE;
}

static bool verify_import(struct lo_invocation *inv, struct verify_report *r)
{
	const char *keyfile = cli_opt(inv, "key");
	char **fprs = NULL;
	if (!keyfile)
		return true;
	if (!release_import_key(keyfile, r->gnupghome, &fprs, &r->errors[ERR_OTHER])) {
		release_strv_free(fprs);
		return false;
	}
	bool pinned = false;
	for (size_t i = 0; fprs[i]; i++) {
		pinned = pinned || strcasecmp(fprs[i], r->fpr) == 0;
		if (inv->g.verbosity >= 0)
			fprintf(stderr, _("liftoff: imported key %s into %s\n"), fprs[i], r->gnupghome);
	}
	if (!pinned)
		fprintf(stderr, _("liftoff: warning: %s does not hold the trusted key %s\n"), keyfile, r->fpr);
	release_strv_free(fprs);
	return true;
}

/* What must hold before any work: a readable archive, a free target. */
static bool verify_preflight(struct lo_invocation *inv, struct verify_report *r)
{
	const char *dir = cli_opt(inv, "extract");
	struct stat st;
	if (stat(r->archive, &st) != 0 || !S_ISREG(st.st_mode)) {
		lo_error_set(&r->errors[ERR_OTHER], LO_EXIT_VERIFY, NULL, _("cannot read the archive %s: %s"),
			     r->archive, errno ? strerror(errno) : _("not a regular file"));
		return false;
	}
	if (dir && !cli_flag(inv, "force") && lstat(dir, &st) == 0) {
		lo_error_set(&r->errors[ERR_OTHER], LO_EXIT_FAIL, _("Choose a new directory, or add --force to replace it."),
			     _("%s already exists"), dir);
		return false;
	}
	r->gnupghome = release_gnupghome(&r->errors[ERR_OTHER]);
	return r->gnupghome && verify_import(inv, r);
}

static int run_verify(struct lo_invocation *inv)
{
	/* The archive: the argument, else -r ARCHIVE. */
	const char *archive = inv->nargs == 1 ? inv->args[0] : inv->nargs ? NULL : inv->g.release;
	if (!archive)
		return usage_error(inv->nargs ? _("verify takes one ARCHIVE") : _("verify needs an ARCHIVE"), NULL);
	const char *fpr = cli_opt(inv, "fingerprint");
	struct verify_report r = { .archive = archive };
	r.fpr = release_fpr_normalize(fpr ? fpr : RELEASE_VENDOR_FPR);
	if (!r.fpr)
		return usage_error(_("--fingerprint needs a key fingerprint (40 hexadecimal digits)"), NULL);
	r.sig.status = RELEASE_SIG_ERROR;
	r.sig.key_status = RELEASE_KEY_UNKNOWN;
	if (verify_preflight(inv, &r)) {
		verify_checksum(inv, &r);
		verify_signature(inv, &r);
		if (report_ok(&r))
			verify_contents(inv, &r);
	}
	report_print(inv, &r);
	int rc = report_exit(&r);
	report_free(&r);
	return rc;
}

const struct lo_command cmd_verify = {
	.name = "verify",
	.summary = N_("check and extract a release archive"),
	.synopsis = "ARCHIVE",
	.options = verify_options,
	.run = run_verify,
	.has_screen = false,
};
