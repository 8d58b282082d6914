/* extract.c - validate a release archive, then extract it safely.
 *
 * Two passes over the archive.  The first writes nothing: it refuses
 * absolute paths, `..`, device nodes, FIFOs, sockets and corrupt data,
 * collects every entry into a set, decides whether to strip a single
 * top-level directory, and then checks where every link leads against the
 * whole set (links.c).  Only an archive that passes is read again and
 * written, with libarchive's own SECURE_* guards as a second line, into a
 * temporary sibling of the target that is renamed into place when
 * complete.  Any failure removes the temporary directory, so nothing
 * half-made is ever left where the admin asked for the release.
 *
 * The second pass also proves it read what was checked: each entry must
 * be the one the first pass validated at that place, and the bytes read
 * must hash to the SHA-256 that was verified, else nothing is placed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "core/i18n.h"
#include "release/digest.h"
#include "release/layout.h"
#include "release/release.h"

#define EXTRACT_BLOCK (1024 * 1024)
#define VERSION_MAX 256

/* Where the archive comes from: a file, or memory (the fuzzer). */
struct source {
	const char *path;
	const void *buf;
	size_t len;
	const char *expect_sha256;  /* the bytes extracted must hash to this */
	/* While open from a path: */
	int fd;
	digest_ctx *md;             /* hashing what is read, when expected */
	unsigned char *block;
};

/* One raw entry of the first pass, before stripping. */
struct raw_entry {
	char *path;     /* normalized */
	char *target;   /* link target, hardlinks normalized */
	enum release_entry_type type;
};

struct scan_state {
	struct raw_entry *v;
	size_t n, cap;
	char *version_root;   /* contents of "version" */
	char *version_sub;    /* contents of "<top>/version" */
	char *version_sub_top;
	char *top;            /* the top-level directory to strip, as stored */
	uint64_t bytes;
};

static la_ssize_t source_read(struct archive *a, void *data, const void **buf)
{
	struct source *src = data;
	ssize_t n;
	do
		n = read(src->fd, src->block, EXTRACT_BLOCK);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	if (n > 0 && src->md && !digest_update(src->md, src->block, (size_t)n)) {
		archive_set_error(a, EIO, "SHA-256 failed");
		return -1;
	}
	*buf = src->block;
	return n;
}

static void source_close(struct source *src, struct archive *a)
{
	if (a)
		archive_read_free(a);
	if (src->fd >= 0)
		close(src->fd);
	src->fd = -1;
	free(src->block);
	src->block = NULL;
	char ignored[RELEASE_SHA256_HEX];
	if (src->md)
		digest_finish(src->md, ignored);
	src->md = NULL;
}

/* Open the archive; with hash, what is read is hashed (see source_check). */
static struct archive *source_open(struct source *src, bool hash, lo_error *err)
{
	struct archive *a = archive_read_new();
	archive_read_support_format_tar(a);
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_zstd(a);
	int r = ARCHIVE_FATAL;
	src->fd = -1;
	src->md = NULL;
	src->block = NULL;
	if (!src->path) {
		r = archive_read_open_memory(a, src->buf, src->len);
	} else if ((src->fd = open(src->path, O_RDONLY | O_CLOEXEC)) >= 0) {
		(void)posix_fadvise(src->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
		src->block = xmalloc(EXTRACT_BLOCK);
		src->md = hash && src->expect_sha256 ? digest_begin() : NULL;
		r = archive_read_open(a, src, NULL, source_read, NULL);
	} else {
		archive_set_error(a, errno, "%s", strerror(errno));
	}
	if (r != ARCHIVE_OK) {
		lo_error_set(err, LO_EXIT_VERIFY, NULL, _("cannot read the archive %s: %s"),
			     src->path ? src->path : "(memory)", archive_error_string(a));
		source_close(src, a);
		return NULL;
	}
	return a;
}

/* After the last entry: were the bytes read the ones that were verified? */
static bool source_check(struct source *src, lo_error *err)
{
	if (!src->expect_sha256)
		return true;
	char got[RELEASE_SHA256_HEX] = "";
	bool ok;
	if (src->path) {
		ok = src->md && digest_drain(src->md, src->fd) >= 0 && digest_finish(src->md, got);
		src->md = NULL;
	} else {
		digest_ctx *md = digest_begin();
		ok = digest_update(md, src->buf, src->len) && digest_finish(md, got);
	}
	if (!ok || strcasecmp(got, src->expect_sha256) != 0) {
		lo_error_set(err, LO_EXIT_VERIFY, _("Nothing was extracted.  Make sure nothing writes to the archive, and run liftoff verify again."),
			     _("the archive changed after it was verified"));
		return false;
	}
	return true;
}

static void refuse(lo_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void refuse(lo_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	release_printable(msg);
	lo_error_set(err, LO_EXIT_VERIFY,
		     _("Nothing was extracted.  Get the release again from the vendor; do not extract this archive by hand."),
		     "%s", msg);
	free(msg);
}

/* The entry's type, or false (err set) for the kinds a release never has. */
static bool entry_type(struct archive_entry *e, const char *name, enum release_entry_type *type,
		       lo_error *err)
{
	if (archive_entry_hardlink(e)) {
		*type = RELEASE_ENTRY_HARDLINK;
		return true;
	}
	switch (archive_entry_filetype(e)) {
	case AE_IFREG: *type = RELEASE_ENTRY_FILE; return true;
	case AE_IFDIR: *type = RELEASE_ENTRY_DIR; return true;
	case AE_IFLNK: *type = RELEASE_ENTRY_SYMLINK; return true;
	case AE_IFCHR: case AE_IFBLK:
		refuse(err, _("the archive is unsafe: '%s' is a device node"), name);
		return false;
	case AE_IFIFO:
		refuse(err, _("the archive is unsafe: '%s' is a FIFO"), name);
		return false;
	case AE_IFSOCK:
		refuse(err, _("the archive is unsafe: '%s' is a socket"), name);
		return false;
	default:
		refuse(err, _("the archive is unsafe: '%s' is of an unknown type"), name);
		return false;
	}
}

/* A name stored in the archive, normalized, or NULL with err set. */
static char *entry_name(const char *name, bool hardlink, lo_error *err)
{
	if (!name || !*name) {
		refuse(err, _("the archive is corrupt: %s"), _("an entry has no name"));
		return NULL;
	}
	if (name[0] == '/') {
		if (hardlink)
			refuse(err, _("the archive is unsafe: a hard link points to the absolute path '%s'"), name);
		else
			refuse(err, _("the archive is unsafe: '%s' is an absolute path"), name);
		return NULL;
	}
	char *n = release_path_normalize(name);
	if (!n)
		refuse(err, _("the archive is unsafe: '%s' contains '..'"), name);
	return n;
}

static void scan_push(struct scan_state *st, char *path, char *target, enum release_entry_type type)
{
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 256;
		st->v = xrealloc(st->v, st->cap * sizeof *st->v);
	}
	st->v[st->n++] = (struct raw_entry){ path, target, type };
}

/* Keep the contents of a file that may be the release's `version`;
 * false when its data cannot be read. */
static bool scan_maybe_version(struct archive *a, struct scan_state *st, const char *path)
{
	const char *slash = strchr(path, '/');
	bool root = str_eq(path, "version");
	bool sub = slash && str_eq(slash + 1, "version");
	if (!root && !sub)
		return true;
	char buf[VERSION_MAX + 1];
	la_ssize_t n = archive_read_data(a, buf, VERSION_MAX);
	if (n < 0)
		return false;
	buf[n] = '\0';
	char *line = layout_version_line(buf);
	if (root) {
		free(st->version_root);
		st->version_root = line;
	} else {
		free(st->version_sub);
		free(st->version_sub_top);
		st->version_sub = line;
		st->version_sub_top = xstrndup(path, (size_t)(slash - path));
	}
	return true;
}

/* Read one entry of the first pass; false with err set to refuse. */
static bool scan_entry(struct archive *a, struct archive_entry *e, struct scan_state *st,
		       lo_error *err)
{
	const char *name = archive_entry_pathname(e);
	enum release_entry_type type;
	char *path = entry_name(name, false, err), *target = NULL;
	if (!path || !entry_type(e, name, &type, err)) {
		free(path);
		return false;
	}
	if (type == RELEASE_ENTRY_HARDLINK) {
		const char *hl = archive_entry_hardlink(e);
		target = entry_name(hl, true, err);
		if (!target || !*target) {
			if (target)
				refuse(err, _("the archive is unsafe: the hard link '%s' has no target"), name);
			free(path);
			free(target);
			return false;
		}
	} else if (type == RELEASE_ENTRY_SYMLINK) {
		const char *sl = archive_entry_symlink(e);
		if (str_empty(sl)) {
			refuse(err, _("the archive is unsafe: the symbolic link '%s' has no target"), name);
			free(path);
			return false;
		}
		target = xstrdup(sl);
	}
	if (!*path && type != RELEASE_ENTRY_DIR) {
		refuse(err, _("the archive is corrupt: %s"), _("an entry has no name"));
		free(path);
		free(target);
		return false;
	}
	if (type == RELEASE_ENTRY_FILE)
		st->bytes += (uint64_t)archive_entry_size(e);
	bool data_ok = type != RELEASE_ENTRY_FILE || scan_maybe_version(a, st, path);
	scan_push(st, path, target, type);
	if (!data_ok || archive_read_data_skip(a) != ARCHIVE_OK) {
		refuse(err, _("the archive is corrupt: %s"), archive_error_string(a));
		return false;
	}
	return true;
}

/* The single top-level directory every entry lies in, or NULL. */
static char *scan_top_dir(const struct scan_state *st)
{
	if (st->n == 0)
		return NULL;
	const char *first = st->v[0].path;
	const char *slash = strchr(first, '/');
	size_t len = slash ? (size_t)(slash - first) : strlen(first);
	if (len == 0)
		return NULL;
	for (size_t i = 0; i < st->n; i++) {
		const char *p = st->v[i].path;
		if (strncmp(p, first, len) != 0 || (p[len] != '/' && p[len] != '\0'))
			return NULL;
		if (p[len] == '\0' && st->v[i].type != RELEASE_ENTRY_DIR)
			return NULL;
	}
	return xstrndup(first, len);
}

/* Path after stripping top (NULL top: unchanged); "" is the root. */
static const char *strip_path(const char *path, const char *top)
{
	if (!top)
		return path;
	size_t len = strlen(top);
	return path[len] == '/' ? path + len + 1 : path + len;
}

static bool scan_links(struct scan_state *st, const char *top, lo_error *err)
{
	struct release_entries set = { 0 };
	bool ok = true;
	for (size_t i = 0; ok && i < st->n; i++) {
		const struct raw_entry *r = &st->v[i];
		const char *p = strip_path(r->path, top);
		if (!*p && r->type == RELEASE_ENTRY_DIR)
			continue;
		const char *t = r->target;
		if (r->type == RELEASE_ENTRY_HARDLINK) {
			/* A hard link's target is an archive path: strip it too. */
			size_t len = top ? strlen(top) : 0;
			if (top && (strncmp(t, top, len) != 0 || t[len] != '/')) {
				refuse(err, _("the archive is unsafe: the hard link '%s' points outside the release"), r->path);
				ok = false;
				break;
			}
			t = strip_path(t, top);
		}
		release_entries_add(&set, *p ? p : ".", r->type, t);
	}
	ok = ok && release_entries_check_links(&set, err);
	release_entries_free(&set);
	return ok;
}

static void scan_state_free(struct scan_state *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].path);
		free(st->v[i].target);
	}
	free(st->v);
	free(st->version_root);
	free(st->version_sub);
	free(st->version_sub_top);
	free(st->top);
}

/* The layout items, from the entries after stripping. */
static char **scan_missing(const struct scan_state *st, const char *top)
{
	struct release_entries set = { 0 };
	for (size_t i = 0; i < st->n; i++)
		release_entries_add(&set, strip_path(st->v[i].path, top), st->v[i].type, NULL);
	char **missing = layout_missing_in_set(&set);
	release_entries_free(&set);
	return missing;
}

/* The first pass; st keeps the raw entries for the second. */
static bool scan_source_state(struct source *src, struct release_scan *scan, struct scan_state *st_out,
			      lo_error *err)
{
	memset(scan, 0, sizeof *scan);
	struct archive *a = source_open(src, false, err);
	if (!a)
		return false;
	struct scan_state st = { 0 };
	struct archive_entry *e;
	int r;
	bool ok = true;
	while (ok && (r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		if (r != ARCHIVE_OK) {
			refuse(err, _("the archive is corrupt: %s"), archive_error_string(a));
			ok = false;
		} else {
			ok = scan_entry(a, e, &st, err);
		}
	}
	source_close(src, a);
	if (ok) {
		st.top = scan_top_dir(&st);
		ok = scan_links(&st, st.top, err);
	}
	if (ok) {
		scan->entries = st.n;
		scan->bytes = st.bytes;
		scan->missing = scan_missing(&st, st.top);
		bool sub = st.top && str_eq(st.version_sub_top, st.top);
		char *v = sub ? st.version_sub : st.top ? NULL : st.version_root;
		scan->top_dir = st.top ? xstrdup(st.top) : NULL;
		release_printable(scan->top_dir);
		scan->version = v ? xstrdup(v) : NULL;
	}
	if (ok && st_out)
		*st_out = st;
	else
		scan_state_free(&st);
	if (!ok)
		release_scan_free(scan);
	return ok;
}

static bool scan_source(struct source *src, struct release_scan *scan, lo_error *err)
{
	return scan_source_state(src, scan, NULL, err);
}

bool release_scan_archive(const char *archive, struct release_scan *scan, lo_error *err)
{
	struct source src = { .path = archive, .fd = -1 };
	return scan_source(&src, scan, err);
}

bool release_scan_memory(const void *buf, size_t len, struct release_scan *scan, lo_error *err)
{
	struct source src = { .buf = buf, .len = len, .fd = -1 };
	return scan_source(&src, scan, err);
}

void release_scan_free(struct release_scan *scan)
{
	free(scan->top_dir);
	free(scan->version);
	release_strv_free(scan->missing);
	memset(scan, 0, sizeof *scan);
}

/* ---- The second pass ---- */

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

static void remove_tree(const char *path)
{
	(void)nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Rewrite an entry for extraction under the current directory; false
 * for the stripped top-level directory itself. */
static bool extract_rewrite(struct archive_entry *e, const char *top)
{
	char *path = release_path_normalize(archive_entry_pathname(e));
	const char *p = path ? strip_path(path, top) : "";
	bool keep = *p != '\0';
	if (keep) {
		archive_entry_set_pathname(e, p);
		archive_entry_set_perm(e, archive_entry_perm(e) & ~(mode_t)06000);
		const char *hl = archive_entry_hardlink(e);
		char *t = hl ? release_path_normalize(hl) : NULL;
		if (t)
			archive_entry_set_hardlink(e, strip_path(t, top));
		free(t);
	}
	free(path);
	return keep;
}

static bool extract_copy(struct archive *in, struct archive *out)
{
	const void *buf;
	size_t size;
	la_int64_t off;
	int r;
	while ((r = archive_read_data_block(in, &buf, &size, &off)) == ARCHIVE_OK)
		if (archive_write_data_block(out, buf, size, off) != ARCHIVE_OK)
			return false;
	return r == ARCHIVE_EOF;
}

/* Is this entry the one the first pass validated at this place? */
static bool extract_same_entry(struct archive_entry *e, const struct raw_entry *want)
{
	lo_error ignored = LO_ERROR_INIT;
	enum release_entry_type type;
	char *path = release_path_normalize(archive_entry_pathname(e)), *t = NULL;
	bool same = path && str_eq(path, want->path) && entry_type(e, path, &type, &ignored) &&
		    type == want->type;
	if (same && type == RELEASE_ENTRY_SYMLINK)
		same = str_eq(archive_entry_symlink(e), want->target);
	if (same && type == RELEASE_ENTRY_HARDLINK)
		same = (t = release_path_normalize(archive_entry_hardlink(e))) && str_eq(t, want->target);
	free(path);
	free(t);
	lo_error_clear(&ignored);
	return same;
}

/* Extract every entry into the current directory. */
static bool extract_entries(struct archive *in, const char *top, const struct scan_state *st,
			    lo_error *err)
{
	size_t i = 0;
	struct archive *out = archive_write_disk_new();
	archive_write_disk_set_options(out, ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
					    ARCHIVE_EXTRACT_SECURE_SYMLINKS |
					    ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS);
	struct archive_entry *e;
	int r;
	bool ok = true;
	struct archive *failed = NULL;
	while (ok && (r = archive_read_next_header(in, &e)) != ARCHIVE_EOF) {
		if (r != ARCHIVE_OK)
			failed = in;
		else if (i >= st->n || !extract_same_entry(e, &st->v[i++]))
			break;
		else if (extract_rewrite(e, top) &&
			 (archive_write_header(out, e) != ARCHIVE_OK || !extract_copy(in, out) ||
			  archive_write_finish_entry(out) != ARCHIVE_OK))
			failed = archive_errno(in) ? in : out;
		ok = failed == NULL;
	}
	if (!failed && (i != st->n || r != ARCHIVE_EOF)) {
		lo_error_set(err, LO_EXIT_VERIFY, _("Nothing was extracted.  Make sure nothing writes to the archive, and run liftoff verify again."),
			     _("the archive changed after it was checked"));
		archive_write_free(out);
		return false;
	}
	if (!failed && archive_write_close(out) != ARCHIVE_OK)
		failed = out;
	if (failed) {
		lo_error_set(err, LO_EXIT_VERIFY, NULL, _("extraction failed: %s"),
			     archive_error_string(failed) ? archive_error_string(failed) : _("unknown error"));
		release_printable(err ? err->message : NULL);
	}
	archive_write_free(out);
	return failed == NULL;
}

/* Extract into the directory tmp, coming back to the current directory. */
static bool extract_into(struct source *src, const char *tmp, const char *top,
			 const struct scan_state *st, lo_error *err)
{
	/* Open first: a relative archive path is relative to here. */
	struct archive *a = source_open(src, true, err);
	if (!a)
		return false;
	int here = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (here < 0 || chdir(tmp) != 0) {
		lo_error_set(err, LO_EXIT_ENV, NULL, _("cannot enter %s: %s"), tmp, strerror(errno));
		if (here >= 0)
			close(here);
		source_close(src, a);
		return false;
	}
	bool ok = extract_entries(a, top, st, err) && source_check(src, err);
	source_close(src, a);
	if (fchdir(here) != 0 && ok) {
		lo_error_set(err, LO_EXIT_ENV, NULL, _("cannot return to the working directory: %s"),
			     strerror(errno));
		ok = false;
	}
	close(here);
	return ok;
}

/* Put tmp at dest, replacing dest when force. */
static bool extract_place(const char *tmp, const char *dest, bool force, lo_error *err)
{
	mode_t mask = umask(0);
	umask(mask);
	(void)chmod(tmp, 0777 & ~mask);
	if (rename(tmp, dest) == 0)
		return true;
	if (!force || (errno != EEXIST && errno != ENOTEMPTY && errno != ENOTDIR && errno != EISDIR)) {
		lo_error_set(err, LO_EXIT_FAIL, NULL, _("cannot move the release to %s: %s"), dest, strerror(errno));
		return false;
	}
	char *old = xasprintf("%s.liftoff-old-%ld", dest, (long)getpid());
	bool ok = rename(dest, old) == 0 && rename(tmp, dest) == 0;
	if (!ok)
		lo_error_set(err, LO_EXIT_FAIL, NULL, _("cannot replace %s: %s"), dest, strerror(errno));
	else
		remove_tree(old);
	free(old);
	return ok;
}

/* A new directory beside dest (which has no trailing slash). */
static char *extract_tmpdir(const char *dest, lo_error *err)
{
	char *dir = xstrdup(dest), *base = xstrdup(dest);
	char *tmp = xasprintf("%s/.%s.liftoff-XXXXXX", dirname(dir), basename(base));
	free(dir);
	free(base);
	if (!mkdtemp(tmp)) {
		lo_error_set(err, LO_EXIT_ENV, NULL, _("cannot create a directory beside %s: %s"), dest,
			     strerror(errno));
		free(tmp);
		return NULL;
	}
	return tmp;
}

static bool extract_check_dest(const char *dest, bool force, lo_error *err)
{
	struct stat st;
	if (str_empty(dest)) {
		lo_error_set(err, LO_EXIT_USAGE, NULL, _("no directory to extract into"));
		return false;
	}
	if (lstat(dest, &st) != 0 || force)
		return true;
	lo_error_set(err, LO_EXIT_FAIL, _("Choose a new directory, or add --force to replace it."),
		     _("%s already exists"), dest);
	return false;
}

static bool extract_missing(const struct release_scan *scan, lo_error *err)
{
	if (!scan->missing || !scan->missing[0])
		return true;
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; scan->missing[i]; i++)
		sb_appendf(&sb, "%s%s", i ? ", " : "", scan->missing[i]);
	lo_error_set(err, LO_EXIT_FAIL, _("This is not a complete Spacelift self-hosted release; nothing was extracted."),
		     _("the release lacks %s"), sb_str(&sb));
	sb_free(&sb);
	return false;
}

static bool extract_source(struct source *src, const char *dest_arg, bool force,
			   struct release_scan *scan, lo_error *err)
{
	memset(scan, 0, sizeof *scan);
	char *dest = xstrdup(dest_arg ? dest_arg : "");
	for (size_t len = strlen(dest); len > 1 && dest[len - 1] == '/'; len--)
		dest[len - 1] = '\0';
	struct scan_state st = { 0 };
	bool ok = extract_check_dest(dest, force, err) && scan_source_state(src, scan, &st, err) &&
		  extract_missing(scan, err);
	char *tmp = ok ? extract_tmpdir(dest, err) : NULL;
	ok = tmp && extract_into(src, tmp, st.top, &st, err) &&
	     extract_place(tmp, dest, force, err);
	if (tmp && !ok)
		remove_tree(tmp);
	free(tmp);
	free(dest);
	scan_state_free(&st);
	return ok;
}

bool release_extract(const char *archive, const char *dest, bool force,
		     struct release_scan *scan, lo_error *err)
{
	return release_extract_verified(archive, NULL, dest, force, scan, err);
}

bool release_extract_verified(const char *archive, const char *sha256_hex, const char *dest,
			      bool force, struct release_scan *scan, lo_error *err)
{
	struct source src = { .path = archive, .expect_sha256 = sha256_hex, .fd = -1 };
	return extract_source(&src, dest, force, scan, err);
}

bool release_extract_memory(const void *buf, size_t len, const char *dest, bool force,
			    struct release_scan *scan, lo_error *err)
{
	struct source src = { .buf = buf, .len = len, .fd = -1 };
	return extract_source(&src, dest, force, scan, err);
}
