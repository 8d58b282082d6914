/* util.c - see util.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

static void out_of_memory(void)
{
	fputs("liftoff: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char *out;
	if (vasprintf(&out, fmt, ap) < 0)
		out_of_memory();
	return out;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *out = xvasprintf(fmt, ap);
	va_end(ap);
	return out;
}

char *read_file_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb = STRBUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_append_len(&sb, chunk, n);
	int failed = ferror(f);
	int saved = errno;
	fclose(f);
	if (failed) {
		sb_free(&sb);
		errno = saved ? saved : EIO;
		return NULL;
	}
	if (len)
		*len = sb.len;
	return sb_detach(&sb);
}

bool str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

bool str_empty(const char *s)
{
	return !s || !*s;
}

void sb_grow(strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_append_len(strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_append(strbuf *sb, const char *s)
{
	sb_append_len(sb, s, strlen(s));
}

void sb_append_char(strbuf *sb, char c)
{
	sb_append_len(sb, &c, 1);
}

void sb_appendf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	sb_append(sb, s);
	free(s);
}

const char *sb_str(const strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *sb_detach(strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_reset(strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_free(strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void lo_error_set(lo_error *e, int code, const char *hint, const char *fmt, ...)
{
	if (!e)
		return;
	lo_error_clear(e);
	va_list ap;
	va_start(ap, fmt);
	e->message = xvasprintf(fmt, ap);
	va_end(ap);
	e->hint = hint ? xstrdup(hint) : NULL;
	e->code = code ? code : LO_EXIT_FAIL;
}

void lo_error_clear(lo_error *e)
{
	free(e->message);
	free(e->hint);
	e->message = e->hint = NULL;
	e->code = 0;
}

bool lo_error_is_set(const lo_error *e)
{
	return e && e->code != 0;
}
