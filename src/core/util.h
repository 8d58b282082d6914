/* util.h - allocation that cannot return NULL, a growable string buffer,
 * the exit codes and the error record that every module returns.
 *
 * Library code never exits: it fills an lo_error and returns.  Only main()
 * turns an error into an exit status.  Allocation failure is the one
 * exception; there is nothing sensible to do about it, so x*alloc abort. */
#ifndef LO_UTIL_H
#define LO_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Exit codes: part of the command-line contract (see liftoff(1)). */
enum lo_exit {
	LO_EXIT_OK = 0,          /* success */
	LO_EXIT_FAIL = 1,        /* a check or validation failed */
	LO_EXIT_USAGE = 2,       /* usage error, or a command not built yet */
	LO_EXIT_ENV = 3,         /* AWS, network or environment error */
	LO_EXIT_VERIFY = 4,      /* checksum or signature failure */
	LO_EXIT_INTERRUPTED = 130,
};

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* A whole file, NUL-terminated; NULL with errno set when it cannot be read. */
char *read_file_all(const char *path, size_t *len);

bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);
bool str_eq(const char *a, const char *b);          /* NULL-safe */
bool str_empty(const char *s);                      /* NULL or "" */

/* A growable, always NUL-terminated string. */
typedef struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }
void sb_grow(strbuf *sb, size_t extra);
void sb_append(strbuf *sb, const char *s);
void sb_append_len(strbuf *sb, const char *s, size_t n);
void sb_appendf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_append_char(strbuf *sb, char c);
const char *sb_str(const strbuf *sb);               /* "" when empty */
char *sb_detach(strbuf *sb);                        /* caller frees */
void sb_reset(strbuf *sb);
void sb_free(strbuf *sb);

/* What went wrong, what to do about it, and which exit code it deserves.
 * message and hint are already translated and may be shown as they are. */
typedef struct lo_error {
	int code;         /* an lo_exit value; 0 means no error */
	char *message;
	char *hint;       /* may be NULL */
} lo_error;

#define LO_ERROR_INIT { 0, NULL, NULL }
void lo_error_set(lo_error *e, int code, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void lo_error_clear(lo_error *e);
bool lo_error_is_set(const lo_error *e);

#endif
