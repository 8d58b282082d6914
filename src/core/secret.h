/* secret.h - a string that must never be shown, logged or dumped.
 *
 * Config values (OIDC client secrets, Slack secrets), AWS keys and session
 * tokens, and signed HTTP headers are held as lo_secret.  The bytes live in
 * memory that is locked against swapping where the system allows it, and
 * are wiped when freed.  The only way to read them is secret_reveal(), so
 * every place that touches a secret can be found with grep.  Masked text
 * is always SECRET_MASK: it hides the length as well as the value. */
#ifndef LO_SECRET_H
#define LO_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_MASK "********"

typedef struct lo_secret lo_secret;

lo_secret *secret_new(const char *bytes, size_t len);
lo_secret *secret_from_str(const char *s);   /* NULL stays NULL */
lo_secret *secret_dup(const lo_secret *s);
const char *secret_reveal(const lo_secret *s); /* NUL-terminated; "" for NULL */
size_t secret_len(const lo_secret *s);
bool secret_is_empty(const lo_secret *s);
bool secret_equal(const lo_secret *a, const lo_secret *b);
void secret_free(lo_secret *s);

/* A file's whole content as a secret (a token file, say); every buffer it
 * passes through is wiped.  trim_newline drops one trailing "\n" or
 * "\r\n".  NULL with errno set when the file cannot be read. */
lo_secret *secret_read_file(const char *path, bool trim_newline);

/* Wipe a plain buffer that held secret bytes. */
void secret_wipe(void *p, size_t n);

/* Keep secrets out of core files and away from ptrace by other users:
 * core size 0, not dumpable.  Called first thing in main(). */
void lo_harden_process(void);

#endif
