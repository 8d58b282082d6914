/* checksum.c - the checksum file that comes with a release.
 *
 * sha256sum writes `HASH  NAME` (text mode) or `HASH *NAME` (binary mode);
 * vendors also publish a bare hash.  A named line must name the archive:
 * a checksum of some other file is an error, never a silent pass. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "release/release.h"

/* The checksum file is a few lines; anything larger is not one. */
#define CHECKSUM_MAX_BYTES (1024 * 1024)

static bool is_hex64(const char *s)
{
	for (int i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Parse one line (no newline): true with out filled, false if malformed. */
static bool checksum_parse_line(const char *line, size_t len, struct release_checksum *out)
{
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	if (len < 64 || !is_hex64(line))
		return false;
	for (int i = 0; i < 64; i++)
		out->hex[i] = (char)tolower((unsigned char)line[i]);
	out->hex[64] = '\0';
	out->name = NULL;
	if (len == 64)
		return true;
	/* `HASH  NAME` or `HASH *NAME`; also accept a single space. */
	size_t i = 64;
	if (line[i] != ' ' && line[i] != '\t')
		return false;
	i++;
	if (i < len && (line[i] == ' ' || line[i] == '*'))
		i++;
	if (i >= len)
		return false;
	out->name = xstrndup(line + i, len - i);
	return true;
}

static bool line_is_blank(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)line[i]))
			return line[i] == '#';
	return true;
}

bool release_checksum_parse(const char *text, const char *archive_name,
			    struct release_checksum *out, lo_error *err)
{
	struct release_checksum first = { "", NULL }, cur;
	bool have_first = false;
	for (const char *p = text; *p; ) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (!line_is_blank(p, len)) {
			if (!checksum_parse_line(p, len, &cur)) {
				free(first.name);
				lo_error_set(err, LO_EXIT_VERIFY,
					     _("A checksum line is 64 hex digits, optionally followed by two spaces (or ' *') and the file name."),
					     _("the checksum file is not in sha256sum format"));
				return false;
			}
			if (archive_name && cur.name && str_eq(base_name(cur.name), archive_name)) {
				free(first.name);
				*out = cur;
				return true;
			}
			if (!have_first) {
				first = cur;
				have_first = true;
			} else {
				free(cur.name);
			}
		}
		p = nl ? nl + 1 : p + len;
	}
	if (!have_first) {
		lo_error_set(err, LO_EXIT_VERIFY, NULL, _("the checksum file holds no checksum"));
		return false;
	}
	*out = first;
	return true;
}

static char *checksum_slurp(const char *path, lo_error *err)
{
	FILE *f = fopen(path, "re");
	if (!f) {
		lo_error_set(err, LO_EXIT_VERIFY,
			     _("Download the .sha256 file published with the release, put it beside the archive, or name it with --sha256 FILE."),
			     _("cannot read the checksum file %s: %s"), path, strerror(errno));
		return NULL;
	}
	char *buf = xmalloc(CHECKSUM_MAX_BYTES + 1);
	size_t n = fread(buf, 1, CHECKSUM_MAX_BYTES + 1, f);
	bool bad = ferror(f) || n > CHECKSUM_MAX_BYTES || memchr(buf, '\0', n);
	fclose(f);
	if (bad) {
		free(buf);
		lo_error_set(err, LO_EXIT_VERIFY, NULL, _("%s is not a checksum file"), path);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

bool release_checksum_read(const char *path, const char *archive_path,
			   struct release_checksum *out, lo_error *err)
{
	char *text = checksum_slurp(path, err);
	if (!text)
		return false;
	const char *want = base_name(archive_path);
	bool ok = release_checksum_parse(text, want, out, err);
	free(text);
	if (ok && out->name && !str_eq(base_name(out->name), want)) {
		release_printable(out->name);
		lo_error_set(err, LO_EXIT_VERIFY,
			     _("Use the checksum file published for this archive."),
			     _("the checksum file %s is for '%s', not for '%s'"), path, out->name, want);
		release_checksum_free(out);
		return false;
	}
	return ok;
}

void release_checksum_free(struct release_checksum *c)
{
	free(c->name);
	c->name = NULL;
}
