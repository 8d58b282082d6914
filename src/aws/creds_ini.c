/* creds_ini.c - read the AWS config and credentials files.
 *
 * The files are read the way botocore reads them (configloader.py over
 * Python's RawConfigParser): `[section]` headers; `key = value` or
 * `key: value` split at the first delimiter; keys lower-cased; comment
 * lines start with # or ; (after optional indentation), and there are no
 * inline comments, so `a = b # c` has the value "b # c"; lines indented
 * deeper than their key continue its value, and a value that starts on
 * the next line (`sts =` then indented `endpoint_url = ...`) is a nested
 * block of key = value pairs, one level deep.  A duplicate section or key
 * and a line outside any section are errors, as RawConfigParser's strict
 * mode makes them.  The [DEFAULT] section gets no special treatment.
 *
 * Values of the keys that hold secrets are kept only as lo_secret, and the
 * file's bytes are wiped once parsed. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "aws/creds_internal.h"
#include "core/i18n.h"

static const char *const secret_keys[] = {
	"aws_secret_access_key",
	"aws_session_token",
	"aws_security_token",
};

bool ini_key_is_secret(const char *key)
{
	for (size_t i = 0; i < sizeof secret_keys / sizeof *secret_keys; i++)
		if (strcmp(key, secret_keys[i]) == 0)
			return true;
	return false;
}

/* The parser's state: the entry being collected and its lines. */
struct ini_parser {
	struct ini_file *ini;
	const char *path;
	lo_error *err;
	struct ini_section *sec;
	char *key;           /* the open entry's key */
	strbuf value;        /* its lines joined with \n */
	size_t indent;       /* indentation of the open entry's line */
	int lineno;
};

static char *trim(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void parser_fail(struct ini_parser *ps, const char *why)
{
	lo_error_set(ps->err, LO_EXIT_ENV,
		     _("Fix the file, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE "
		       "elsewhere."),
		     _("cannot parse %s, line %d: %s"), ps->path, ps->lineno, why);
}

static struct ini_entry *section_add(struct ini_section *sec, char *key)
{
	sec->entries = xrealloc(sec->entries, (sec->n + 1) * sizeof *sec->entries);
	struct ini_entry *e = &sec->entries[sec->n++];
	memset(e, 0, sizeof *e);
	e->key = key;
	return e;
}

/* A nested block: "\nk = v\nk2 = v2" (botocore's _parse_nested). */
static bool parse_nested(struct ini_parser *ps, struct ini_entry *e, const char *text)
{
	const char *line = text;
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char *t = trim(line, n);
		if (*t) {
			char *eq = strchr(t, '=');
			if (!eq) {
				free(t);
				parser_fail(ps, _("a nested line has no '='"));
				return false;
			}
			e->sub = xrealloc(e->sub, (e->nsub + 1) * sizeof *e->sub);
			struct ini_entry *s = &e->sub[e->nsub++];
			memset(s, 0, sizeof *s);
			s->key = trim(t, (size_t)(eq - t));
			s->value = trim(eq + 1, strlen(eq + 1));
		}
		free(t);
		line = end ? end + 1 : line + n;
	}
	return true;
}

/* Close the open entry: its value is the joined lines, right-trimmed. */
static bool parser_flush(struct ini_parser *ps)
{
	if (!ps->key)
		return true;
	struct ini_entry *e = section_add(ps->sec, ps->key);
	ps->key = NULL;
	sb_append(&ps->value, "");
	char *v = ps->value.buf;
	size_t n = ps->value.len;
	while (n && isspace((unsigned char)v[n - 1]))
		n--;
	v[n] = '\0';
	bool ok = true;
	if (v[0] == '\n')
		ok = parse_nested(ps, e, v);
	else if (ini_key_is_secret(e->key))
		e->secret = secret_new(v, n);
	else
		e->value = xstrndup(v, n);
	secret_wipe(ps->value.buf, ps->value.cap);
	sb_reset(&ps->value);
	return ok;
}

static bool parse_header(struct ini_parser *ps, const char *t)
{
	/* RawConfigParser matches \[(?P<header>.+)\] from the line's start:
	 * the header runs to the last ']'. */
	const char *close = strrchr(t, ']');
	if (!close || close == t + 1) {
		parser_fail(ps, _("a section header is not closed"));
		return false;
	}
	char *name = trim(t + 1, (size_t)(close - t - 1));
	for (size_t i = 0; i < ps->ini->n; i++) {
		if (strcmp(ps->ini->sections[i].name, name) == 0) {
			free(name);
			parser_fail(ps, _("the section appears twice"));
			return false;
		}
	}
	ps->ini->sections = xrealloc(ps->ini->sections,
				     (ps->ini->n + 1) * sizeof *ps->ini->sections);
	ps->sec = &ps->ini->sections[ps->ini->n++];
	memset(ps->sec, 0, sizeof *ps->sec);
	ps->sec->name = name;
	return true;
}

static bool parse_option(struct ini_parser *ps, const char *t, size_t indent)
{
	size_t cut = strcspn(t, "=:");
	if (!t[cut] || cut == 0) {
		parser_fail(ps, _("expected 'key = value'"));
		return false;
	}
	char *key = trim(t, cut);
	for (char *k = key; *k; k++)
		*k = (char)tolower((unsigned char)*k);
	if (ini_entry_find(ps->sec, key)) {
		free(key);
		parser_fail(ps, _("the key appears twice in its section"));
		return false;
	}
	ps->key = key;
	ps->indent = indent;
	const char *v = t + cut + 1;
	while (isspace((unsigned char)*v))
		v++;
	sb_append(&ps->value, v);
	return true;
}

static bool parse_line(struct ini_parser *ps, const char *line, size_t n)
{
	char *t = trim(line, n);
	bool ok = true;
	if (!*t || *t == '#' || *t == ';') {
		/* A blank line inside a value stays in it; a comment does not. */
		if (!*t && ps->key)
			sb_append_char(&ps->value, '\n');
		goto out;
	}
	size_t indent = 0;
	while (indent < n && isspace((unsigned char)line[indent]))
		indent++;
	if (ps->key && indent > ps->indent) {
		sb_append_char(&ps->value, '\n');
		sb_append(&ps->value, t);
		goto out;
	}
	if (!parser_flush(ps)) {
		ok = false;
	} else if (*t == '[') {
		ok = parse_header(ps, t);
	} else if (!ps->sec) {
		parser_fail(ps, _("a line comes before the first [section]"));
		ok = false;
	} else {
		ok = parse_option(ps, t, indent);
	}
out:
	secret_wipe(t, strlen(t));
	free(t);
	return ok;
}

int ini_parse(const char *text, size_t len, const char *path, struct ini_file *out, lo_error *err)
{
	memset(out, 0, sizeof *out);
	struct ini_parser ps = { .ini = out, .path = path, .err = err };
	const char *p = text, *end = text + len;
	bool ok = true;
	while (ok && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		ps.lineno++;
		ok = parse_line(&ps, p, n);
		p += n + (nl ? 1 : 0);
	}
	if (ok)
		ok = parser_flush(&ps);
	free(ps.key);
	secret_wipe(ps.value.buf, ps.value.cap);
	sb_free(&ps.value);
	if (!ok) {
		ini_free(out);
		return LO_EXIT_ENV;
	}
	return LO_EXIT_OK;
}

int ini_load(const char *path, struct ini_file *out, bool *found, lo_error *err)
{
	memset(out, 0, sizeof *out);
	*found = false;
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return LO_EXIT_OK;   /* botocore: not a file, not there */
	/* The file holds keys: read it as a secret, so no copy is left behind. */
	lo_secret *text = secret_read_file(path, false);
	if (!text) {
		if (errno == ENOENT || errno == ENOTDIR)
			return LO_EXIT_OK;
		lo_error_set(err, LO_EXIT_ENV, NULL, _("cannot read %s: %s"), path,
			     strerror(errno));
		return LO_EXIT_ENV;
	}
	*found = true;
	int rc = ini_parse(secret_reveal(text), secret_len(text), path, out, err);
	secret_free(text);
	return rc;
}

static void entry_free(struct ini_entry *e)
{
	free(e->key);
	free(e->value);
	secret_free(e->secret);
	for (size_t i = 0; i < e->nsub; i++)
		entry_free(&e->sub[i]);
	free(e->sub);
}

void ini_free(struct ini_file *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		struct ini_section *s = &ini->sections[i];
		for (size_t j = 0; j < s->n; j++)
			entry_free(&s->entries[j]);
		free(s->entries);
		free(s->name);
	}
	free(ini->sections);
	memset(ini, 0, sizeof *ini);
}

const struct ini_entry *ini_entry_find(const struct ini_section *sec, const char *key)
{
	if (!sec)
		return NULL;
	for (size_t i = 0; i < sec->n; i++)
		if (strcmp(sec->entries[i].key, key) == 0)
			return &sec->entries[i];
	return NULL;
}

const char *ini_nested_value(const struct ini_entry *e, const char *subkey)
{
	if (!e)
		return NULL;
	for (size_t i = 0; i < e->nsub; i++)
		if (strcmp(e->sub[i].key, subkey) == 0)
			return e->sub[i].value;
	return NULL;
}
