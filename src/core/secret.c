/* secret.c - see secret.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "core/secret.h"
#include "core/util.h"

struct lo_secret {
	size_t len;
	bool locked;
	char bytes[]; /* len + 1, NUL-terminated */
};

void secret_wipe(void *p, size_t n)
{
	if (p && n)
		explicit_bzero(p, n);
}

lo_secret *secret_new(const char *bytes, size_t len)
{
	lo_secret *s = xmalloc(sizeof *s + len + 1);
	s->len = len;
	/* mlock may fail under a low RLIMIT_MEMLOCK; the wipe still happens. */
	s->locked = mlock(s, sizeof *s + len + 1) == 0;
	if (len)
		memcpy(s->bytes, bytes, len);
	s->bytes[len] = '\0';
	return s;
}

lo_secret *secret_from_str(const char *str)
{
	return str ? secret_new(str, strlen(str)) : NULL;
}

lo_secret *secret_dup(const lo_secret *s)
{
	return s ? secret_new(s->bytes, s->len) : NULL;
}

const char *secret_reveal(const lo_secret *s)
{
	return s ? s->bytes : "";
}

size_t secret_len(const lo_secret *s)
{
	return s ? s->len : 0;
}

bool secret_is_empty(const lo_secret *s)
{
	return !s || s->len == 0;
}

bool secret_equal(const lo_secret *a, const lo_secret *b)
{
	size_t la = secret_len(a), lb = secret_len(b);
	if (la != lb)
		return false;
	unsigned char diff = 0;
	for (size_t i = 0; i < la; i++)
		diff |= (unsigned char)(a->bytes[i] ^ b->bytes[i]);
	return diff == 0;
}

void secret_free(lo_secret *s)
{
	if (!s)
		return;
	size_t total = sizeof *s + s->len + 1;
	bool locked = s->locked;
	secret_wipe(s, total);
	if (locked)
		munlock(s, total);
	free(s);
}

lo_secret *secret_read_file(const char *path, bool trim_newline)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0, n;
	char *buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len < cap)
			continue;
		/* Grow by hand so the old buffer is wiped, not left to realloc. */
		char *bigger = xmalloc(cap * 2);
		memcpy(bigger, buf, len);
		secret_wipe(buf, cap);
		free(buf);
		buf = bigger;
		cap *= 2;
	}
	int failed = ferror(f), saved = errno;
	fclose(f);
	lo_secret *s = NULL;
	if (!failed) {
		if (trim_newline && len && buf[len - 1] == '\n')
			len--;
		if (trim_newline && len && buf[len - 1] == '\r')
			len--;
		s = secret_new(buf, len);
	}
	secret_wipe(buf, cap);
	free(buf);
	if (failed)
		errno = saved ? saved : EIO;
	return s;
}

void lo_harden_process(void)
{
	struct rlimit none = { 0, 0 };
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
