/* test-release.c - the release module's pure parts: the checksum-file
 * parser, path normalization, the link-escape resolver, fingerprints,
 * the layout's version line, SHA-256 of a known file, and extraction of a
 * small release written here with libarchive (layout, and the refusal of
 * bytes that are not the verified ones). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "release/layout.h"
#include "release/release.h"
#include "tap.h"

#define H64 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define H64_UPPER "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"

static void parse_one(const char *text, const char *archive, const char *want_name, const char *what)
{
	struct release_checksum c;
	lo_error err = LO_ERROR_INIT;
	bool ok = release_checksum_parse(text, archive, &c, &err);
	ok(ok, "parses: %s", what);
	if (!ok) {
		diag("error: %s", err.message);
		lo_error_clear(&err);
		return;
	}
	is_str(c.hex, H64, "%s: the hash, lower case", what);
	is_str(c.name, want_name, "%s: the name", what);
	release_checksum_free(&c);
}

static void parse_bad(const char *text, const char *what)
{
	struct release_checksum c;
	lo_error err = LO_ERROR_INIT;
	ok(!release_checksum_parse(text, NULL, &c, &err), "refused: %s", what);
	is_int(err.code, LO_EXIT_VERIFY, "%s: a verification failure", what);
	lo_error_clear(&err);
}

static void test_checksum_parse(void)
{
	parse_one(H64 "  rel.tar.gz\n", NULL, "rel.tar.gz", "text mode");
	parse_one(H64 " *rel.tar.gz\n", NULL, "rel.tar.gz", "binary mode");
	parse_one(H64 " rel.tar.gz", NULL, "rel.tar.gz", "one space, no newline");
	parse_one(H64 "\n", NULL, NULL, "a bare hash");
	parse_one(H64_UPPER "\r\n", NULL, NULL, "upper case with CRLF");
	parse_one("# comment\n\n" H64 "  a b.tar.gz  \n", NULL, "a b.tar.gz", "comments, spaces in the name");
	parse_one("0000000000000000000000000000000000000000000000000000000000000000  other\n"
		  H64 "  dir/rel.tar.gz\n", "rel.tar.gz", "dir/rel.tar.gz", "several lines: the archive's");
	parse_bad("", "empty");
	parse_bad("# only a comment\n", "only comments");
	parse_bad("e3b0c442  rel.tar.gz\n", "a short hash");
	parse_bad(H64 "0  rel.tar.gz\n", "65 hex digits");
	parse_bad("z3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n", "not hex");
	parse_bad(H64 "  \n" "garbage\n", "a garbage line");
}

static void test_checksum_read(void)
{
	char dir[] = "/tmp/test-release-XXXXXX";
	if (!mkdtemp(dir))
		bail_out("mkdtemp failed");
	char *path = xasprintf("%s/sum", dir);
	FILE *f = fopen(path, "w");
	fputs(H64 "  other.tar.gz\n", f);
	fclose(f);
	struct release_checksum c;
	lo_error err = LO_ERROR_INIT;
	ok(!release_checksum_read(path, "/x/rel.tar.gz", &c, &err), "a checksum of another file is refused");
	ok(err.message && strstr(err.message, "other.tar.gz"), "the error names the file it is for");
	lo_error_clear(&err);
	ok(release_checksum_read(path, "/x/other.tar.gz", &c, &err), "the right archive name passes");
	release_checksum_free(&c);
	ok(!release_checksum_read("/nonexistent/sum", "a", &c, &err), "a missing file fails");
	ok(err.message && strstr(err.message, "/nonexistent/sum") && err.hint, "naming it, with a hint");
	is_int(err.code, LO_EXIT_VERIFY, "as a verification failure");
	lo_error_clear(&err);

	/* SHA-256 of a known file, with progress. */
	f = fopen(path, "w");
	fputs("abc", f);
	fclose(f);
	char hex[RELEASE_SHA256_HEX];
	ok(release_sha256_file(path, NULL, NULL, hex, &err), "hashes a file");
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of abc");
	ok(!release_sha256_file("/nonexistent/x", NULL, NULL, hex, &err), "a missing file fails");
	lo_error_clear(&err);
	unlink(path);
	rmdir(dir);
	free(path);
}

static void norm(const char *in, const char *want)
{
	char *got = release_path_normalize(in);
	is_str(got, want, "normalize '%s'", in);
	free(got);
}

static void test_normalize(void)
{
	norm("a/b/c", "a/b/c");
	norm("./a//b/./c/", "a/b/c");
	norm("./", "");
	norm("/etc/passwd", NULL);
	norm("a/../b", NULL);
	norm("..", NULL);
	norm("a/..b/c..", "a/..b/c..");
}

/* Build a set from "path" / "path->target" / "path=>hardlink-target" / "path/" strings. */
static bool links_ok(const char *const *spec, const char *what, const char *want_in_msg)
{
	struct release_entries s = { 0 };
	for (size_t i = 0; spec[i]; i++) {
		const char *arrow = strstr(spec[i], "->"), *hard = strstr(spec[i], "=>");
		const char *sep = arrow ? arrow : hard;
		size_t len = sep ? (size_t)(sep - spec[i]) : strlen(spec[i]);
		char *path = xstrndup(spec[i], len);
		bool dir = len && path[len - 1] == '/';
		if (dir)
			path[len - 1] = '\0';
		enum release_entry_type t = arrow ? RELEASE_ENTRY_SYMLINK : hard ? RELEASE_ENTRY_HARDLINK :
					    dir ? RELEASE_ENTRY_DIR : RELEASE_ENTRY_FILE;
		release_entries_add(&s, path, t, sep ? sep + 2 : NULL);
		free(path);
	}
	lo_error err = LO_ERROR_INIT;
	bool ok = release_entries_check_links(&s, &err);
	if (want_in_msg)
		ok(!ok && err.message && strstr(err.message, want_in_msg), "refused: %s", what);
	else
		ok(ok, "accepted: %s", what);
	if (err.message && (!want_in_msg || !strstr(err.message, want_in_msg)))
		diag("message: %s", err.message);
	lo_error_clear(&err);
	release_entries_free(&s);
	return ok;
}

#define SET(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_links(void)
{
	links_ok(SET("bin/", "version", "bin/v->../version"), "a symlink to a sibling's file", NULL);
	links_ok(SET("bin/", "bin/dangling->nothing/here"), "a dangling link inside", NULL);
	links_ok(SET("a/", "a/b/", "a/b/c->../../x"), "up to the root, not beyond", NULL);
	links_ok(SET("a/", "a/up->..", "a/v->up/version", "version"), "a chain that stays inside", NULL);
	links_ok(SET("version", "h=>version"), "a hard link to a file", NULL);
	links_ok(SET("a/", "a/s->../version", "a/h=>a/s", "version"), "a hard link to a symlink, same dir", NULL);
	links_ok(SET("bin/", "bin/out->../.."), "one level above the root", "leads outside");
	links_ok(SET("out->/etc"), "an absolute target", "leads outside");
	links_ok(SET("a/", "a/up->..", "b/", "b/out->../a/up/.."), "a chain through another link", "leads outside");
	links_ok(SET("a/", "a/up->..", "c/", "c/up2->../a/up", "out->c/up2/.."), "a chain through two links",
		 "leads outside");
	links_ok(SET("a/", "a/x->../b", "b->a/x/.."), "two links that lead to each other", "loop of links");
	links_ok(SET("l1->l2", "l2->l1/x"), "a loop", "loop of links");
	links_ok(SET("self->self"), "a link to itself", "loop of links");
	links_ok(SET("a/", "a/s->../version", "h=>a/s", "version"), "a hard link moving a symlink up", "leads outside");
	links_ok(SET("h=>missing"), "a hard link to nothing", "does not lead to a file");
	links_ok(SET("d/", "h=>d"), "a hard link to a directory", "does not lead to a file");
	links_ok(SET("l->sub", "sub/", "l/f"), "an entry written through a symlink", "not a directory");
	links_ok(SET("f", "f"), "a duplicate entry", "more than once");
	links_ok(SET("d/", "d/"), "a repeated directory", NULL);
	struct release_entries empty = { 0 };
	lo_error err = LO_ERROR_INIT;
	ok(release_entries_check_links(&empty, &err), "an empty set is fine");

	/* An empty tar (two zero blocks) scans, and lacks everything. */
	static const char zeros[1024];
	struct release_scan scan;
	ok(release_scan_memory(zeros, sizeof zeros, &scan, &err), "an empty archive scans");
	is_int((long long)scan.entries, 0, "with no entries");
	is_str(scan.missing ? scan.missing[0] : NULL, "config.json", "and lacks the whole layout");
	release_scan_free(&scan);
	ok(!release_scan_memory("garbage", 7, &scan, &err), "garbage is refused");
	is_int(err.code, LO_EXIT_VERIFY, "as a verification failure");
	lo_error_clear(&err);
}

static void test_fpr(void)
{
	char *f = release_fpr_normalize("380b d769 9053 035b 71d0  27b1 73eb a0cf 3b3f 4a46");
	is_str(f, RELEASE_VENDOR_FPR, "fingerprints: spaces dropped, upper case");
	free(f);
	ok(release_fpr_normalize("380BD769") == NULL, "a short key ID is not a fingerprint");
	ok(release_fpr_normalize("X80BD7699053035B71D027B173EBA0CF3B3F4A46") == NULL, "non-hex is refused");
	is_str(release_sig_status_name(RELEASE_SIG_AFTER_EXPIRY), "signed-after-expiry", "status names");
	is_str(release_key_status_name(RELEASE_KEY_REVOKED), "revoked", "key status names");
}

static void test_printable(void)
{
	char s[] = "a\033]0;pwned\007b\nc";
	release_printable(s);
	is_str(s, "a?]0;pwned?b?c", "control characters become '?'");
	release_printable(NULL);
	ok(1, "NULL is fine");
}

static void test_version_line(void)
{
	char *v = layout_version_line("  v2.6.0 \nmore\n");
	is_str(v, "v2.6.0", "version: first line, trimmed");
	free(v);
	ok(layout_version_line("\n") == NULL, "version: empty is none");
	ok(layout_version_line("1.0\x1b[2J") == NULL, "version: control characters are refused");
}

static void tar_add(struct archive *a, const char *path, const char *data, bool dir)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, path);
	archive_entry_set_filetype(e, dir ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(e, dir ? 0755 : 0644);
	archive_entry_set_size(e, data ? (la_int64_t)strlen(data) : 0);
	archive_write_header(a, e);
	if (data)
		archive_write_data(a, data, strlen(data));
	archive_entry_free(e);
}

static void write_release(const char *path, bool complete)
{
	static const char *const dirs[] = { "r/", "r/bin/", "r/cloudformation/", "r/container-images/", "r/scripts/" };
	static const char *const files[] = { "r/config.json", "r/install.sh", "r/uninstall.sh" };
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK)
		bail_out("cannot write %s", path);
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
		tar_add(a, dirs[i], NULL, true);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++)
		tar_add(a, files[i], "x\n", false);
	if (complete)
		tar_add(a, "r/version", "2.6.0\n", false);
	archive_write_close(a);
	archive_write_free(a);
}

static void test_extract(void)
{
	char dir[] = "/tmp/test-release-XXXXXX";
	if (!mkdtemp(dir))
		bail_out("mkdtemp failed");
	char *tgz = xasprintf("%s/r.tar.gz", dir), *out = xasprintf("%s/out", dir);
	char *part = xasprintf("%s/part.tar.gz", dir), *out2 = xasprintf("%s/out2", dir);
	write_release(tgz, true);
	write_release(part, false);
	char hex[RELEASE_SHA256_HEX];
	lo_error err = LO_ERROR_INIT;
	struct release_scan scan;
	ok(release_sha256_file(tgz, NULL, NULL, hex, &err), "hash the test release");

	ok(release_scan_archive(tgz, &scan, &err), "scan a good release");
	is_str(scan.top_dir, "r", "its top-level directory is stripped");
	is_str(scan.version, "2.6.0", "its version is read");
	ok(scan.missing && !scan.missing[0], "nothing is missing");
	release_scan_free(&scan);

	ok(!release_extract_verified(tgz, H64, out, false, &scan, &err), "bytes that are not the verified ones are refused");
	is_int(err.code, LO_EXIT_VERIFY, "as a verification failure");
	ok(err.message && strstr(err.message, "changed after it was verified"), "saying the archive changed");
	lo_error_clear(&err);
	release_scan_free(&scan);
	struct stat st;
	ok(lstat(out, &st) != 0, "and nothing is extracted");

	ok(release_extract_verified(tgz, hex, out, false, &scan, &err), "the verified bytes are extracted");
	release_scan_free(&scan);
	char **missing, *version;
	ok(release_check_layout(out, &missing, &version, &err), "check the extracted layout");
	ok(missing && !missing[0], "the extracted release is complete");
	is_str(version, "2.6.0", "release_check_layout reads the version");
	release_strv_free(missing);
	free(version);

	ok(!release_extract(part, out2, false, &scan, &err), "an incomplete release is not extracted");
	is_int(err.code, LO_EXIT_FAIL, "exit 1 for it");
	ok(err.message && strstr(err.message, "version"), "naming what is missing");
	lo_error_clear(&err);
	release_scan_free(&scan);
	ok(lstat(out2, &st) != 0, "nothing was made");
	ok(release_check_layout(dir, &missing, &version, &err), "check a directory that is no release");
	is_str(missing[0], "config.json", "the first missing item");
	release_strv_free(missing);
	free(version);

	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	free(cmd);
	free(tgz);
	free(out);
	free(part);
	free(out2);
}

int main(void)
{
	test_checksum_parse();
	test_checksum_read();
	test_normalize();
	test_links();
	test_fpr();
	test_version_line();
	test_printable();
	test_extract();
	return done_testing();
}
