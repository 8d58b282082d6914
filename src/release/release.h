/* release.h - the release archive: checksum, signature, safe extraction.
 *
 * Everything the guide asks the admin to do by hand before installing:
 * check the archive's SHA-256, check its detached GPG signature against a
 * pinned fingerprint, and extract it.  The wizard and `liftoff verify`
 * both call these functions; they return plain structs and an lo_error,
 * never print and never exit.
 *
 * The archive is untrusted until both checks pass, and its contents are
 * untrusted even then: extraction first validates every entry (paths,
 * types, where links lead), then extracts into a temporary sibling of the
 * target and renames it into place, so a refused or failed extraction
 * leaves nothing behind. */
#ifndef LO_RELEASE_H
#define LO_RELEASE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/util.h"

/* Spacelift's release signing key (the guide's "Signature Validation"). */
#define RELEASE_VENDOR_FPR "380BD7699053035B71D027B173EBA0CF3B3F4A46"

/* ---- Checksum ---- */

/* Called now and then while hashing: bytes done so far, and the total
 * (0 when unknown).  Keep it cheap; it runs on the hashing path. */
typedef void (*release_progress_fn)(uint64_t done, uint64_t total, void *arg);

#define RELEASE_SHA256_HEX 65   /* 64 hex digits and a NUL */

/* SHA-256 of a file, streamed in 1 MiB reads, in constant memory.
 * out_hex gets 64 lowercase hex digits.  Errors are LO_EXIT_VERIFY. */
bool release_sha256_file(const char *path, release_progress_fn progress, void *arg,
			 char out_hex[RELEASE_SHA256_HEX], lo_error *err);

/* One line of a checksum file: `HASH  NAME`, `HASH *NAME` or a bare HASH. */
struct release_checksum {
	char hex[RELEASE_SHA256_HEX];  /* lowercase */
	char *name;                     /* NULL for a bare hash */
};

/* Parse the text of a checksum file.  Blank lines and # comments are
 * skipped; the first checksum line is the one that counts, and a file with
 * several lines must name the archive in one of them (archive_name picks
 * it; may be NULL for "the first").  Errors are LO_EXIT_VERIFY. */
bool release_checksum_parse(const char *text, const char *archive_name,
			    struct release_checksum *out, lo_error *err);
/* The same, reading the file; also checks that the name it gives, if any,
 * is the archive's base name. */
bool release_checksum_read(const char *path, const char *archive_path,
			   struct release_checksum *out, lo_error *err);
void release_checksum_free(struct release_checksum *c);

/* ---- Signature ---- */

enum release_sig_status {
	RELEASE_SIG_GOOD,          /* good, by the pinned key or its subkey */
	RELEASE_SIG_BAD,           /* the archive or signature was altered */
	RELEASE_SIG_WRONG_KEY,     /* a valid signature, by another key */
	RELEASE_SIG_NO_KEY,        /* the signing key is not in the keyring */
	RELEASE_SIG_KEY_EXPIRED,   /* made while valid, but the key has expired */
	RELEASE_SIG_AFTER_EXPIRY,  /* made after the key had expired */
	RELEASE_SIG_KEY_REVOKED,   /* the key was revoked */
	RELEASE_SIG_SIG_EXPIRED,   /* the signature itself has expired */
	RELEASE_SIG_MISSING,       /* no signature file */
	RELEASE_SIG_ERROR,         /* could not be checked (unreadable, not a signature) */
};

enum release_key_status {
	RELEASE_KEY_VALID,
	RELEASE_KEY_EXPIRED,
	RELEASE_KEY_REVOKED,
	RELEASE_KEY_MISSING,
	RELEASE_KEY_UNKNOWN,
};

struct release_sig_result {
	enum release_sig_status status;
	enum release_key_status key_status;
	char *fingerprint;   /* the key that signed (subkey if one did), or NULL */
	char *primary_fpr;   /* its primary key, when the key is known */
	char *uid;           /* the primary user ID, when known */
	bool armored;        /* the signature file was ASCII-armored */
	bool by_subkey;      /* signed by a subkey of the pinned key */
	int64_t signed_at;   /* seconds since the epoch, 0 if unknown */
	int64_t key_expires; /* 0 if it never expires or unknown */
	char sha256[RELEASE_SHA256_HEX]; /* of the bytes checked, "" if unknown */
};

/* Stable names for --json ("good", "bad", "wrong-key", ...). */
const char *release_sig_status_name(enum release_sig_status s);
const char *release_key_status_name(enum release_key_status s);

/* Normalize a fingerprint (spaces dropped, upper case) into a new string;
 * NULL unless it is 40 or 64 hex digits. */
char *release_fpr_normalize(const char *fpr);

/* liftoff's own keyring: LIFTOFF_GNUPGHOME, else
 * $XDG_DATA_HOME/liftoff/gnupg, else ~/.local/share/liftoff/gnupg.
 * Created with mode 0700 when missing.  Returns a new string or NULL. */
char *release_gnupghome(lo_error *err);

/* Check a detached signature (binary or armored) over archive.  Returns
 * false only when the check could not run at all; a signature that fails
 * is a true return with result->status saying why.  gnupghome NULL means
 * release_gnupghome(). */
bool release_verify_signature(const char *archive, const char *sig, const char *fpr,
			      const char *gnupghome, struct release_sig_result *result,
			      lo_error *err);
void release_sig_result_free(struct release_sig_result *r);

/* Import public keys from keyfile into gnupghome (never the user's own
 * keyring).  On success *fprs gets a NULL-terminated list of the imported
 * primary fingerprints (free with release_strv_free); no key is an error. */
bool release_import_key(const char *keyfile, const char *gnupghome, char ***fprs,
			lo_error *err);
void release_strv_free(char **v);

/* ---- Archive contents ---- */

/* What the first (validating) pass learned. */
struct release_scan {
	char *top_dir;        /* the single top-level directory that is stripped, or NULL */
	char *version;        /* the `version` file's first line, or NULL */
	char **missing;       /* layout items the release lacks (NULL-terminated) */
	size_t entries;       /* entries in the archive */
	uint64_t bytes;       /* bytes of file data */
};

/* Validate every entry of archive without writing anything: refuses
 * absolute paths, `..`, links leading outside (directly or through other
 * links), device nodes, FIFOs, sockets, duplicates and corrupt data, with
 * LO_EXIT_VERIFY.  A release lacking part of the layout is not an error
 * here: scan->missing lists it. */
bool release_scan_archive(const char *archive, struct release_scan *scan, lo_error *err);
/* The same over an archive held in memory (for the fuzzer). */
bool release_scan_memory(const void *buf, size_t len, struct release_scan *scan, lo_error *err);
void release_scan_free(struct release_scan *scan);

/* Scan, then extract into the new directory dest: the single top-level
 * directory is stripped (dest gets its contents), setuid/setgid bits are
 * dropped, and the result appears at dest only when complete.  An
 * existing dest is refused unless force (it is then replaced).  A release
 * missing part of the layout is refused with LO_EXIT_FAIL and not
 * extracted.  Whatever the result, scan holds what the first pass learned
 * (zeroed if it failed): free it with release_scan_free. */
bool release_extract(const char *archive, const char *dest, bool force,
		     struct release_scan *scan, lo_error *err);
/* release_extract, and the bytes it extracts must have this SHA-256 (the
 * one the signature was checked over: release_sig_result.sha256), so a
 * file changed after verification is never extracted.  NULL: no check. */
bool release_extract_verified(const char *archive, const char *sha256_hex, const char *dest,
			      bool force, struct release_scan *scan, lo_error *err);
/* release_extract from memory, used by the fuzzer. */
bool release_extract_memory(const void *buf, size_t len, const char *dest, bool force,
			    struct release_scan *scan, lo_error *err);

/* Check an extracted release directory: *missing gets the NULL-terminated
 * list of what it lacks (empty when complete), *version the version (or
 * NULL).  Returns false only when dir cannot be read. */
bool release_check_layout(const char *dir, char ***missing, char **version, lo_error *err);

/* ---- Internals shared with the unit tests ---- */

/* The set of entries of an archive, after stripping, for link checks. */
enum release_entry_type {
	RELEASE_ENTRY_FILE,
	RELEASE_ENTRY_DIR,
	RELEASE_ENTRY_SYMLINK,
	RELEASE_ENTRY_HARDLINK,
};

struct release_entry {
	char *path;           /* normalized, relative, no trailing slash */
	char *target;         /* link target as stored, for links */
	enum release_entry_type type;
};

struct release_entries {
	struct release_entry *v;
	size_t n, cap;
	bool sorted;
};

void release_entries_add(struct release_entries *s, const char *path,
			 enum release_entry_type type, const char *target);
void release_entries_free(struct release_entries *s);
/* Check every link against the whole set: false (with err naming the
 * entry) when a link leads outside, through links or directly. */
bool release_entries_check_links(struct release_entries *s, lo_error *err);

/* Replace control characters in s with '?', in place, so that names
 * from an archive or a checksum file cannot drive the terminal. */
void release_printable(char *s);

/* Normalize an archive path: drops "./" and "//" and a trailing "/".
 * NULL (a refusal) for absolute paths and ".." components. */
char *release_path_normalize(const char *path);

#endif
