/* http_get.h - one unsigned HTTPS GET on the event loop, through libcurl
 * multi, for the checks that read a public document (the OIDC discovery
 * document, SAML metadata).  See http_get.c. */
#ifndef LO_CHECKS_HTTP_GET_H
#define LO_CHECKS_HTTP_GET_H

#include <stddef.h>

#include "core/loop.h"

/* The largest body kept; a longer one is an error. */
#define HTTP_GET_MAX_BODY (4 * 1024 * 1024)

struct http_get;

/* error: NULL when the server answered (any status), else what went
 * wrong (libcurl's words).  body is NUL-terminated; both are valid during
 * the call only.  The request is gone after the callback. */
typedef void (*http_get_cb)(void *arg, long status, const char *body, size_t len,
			    const char *error);

/* Start GET url (https only, redirects followed within https, TLS always
 * verified; trusted CAs from LIFTOFF_CA_BUNDLE when set, else the
 * system's); timeout_ms for the whole request.  The callback always comes
 * from the loop, never from here. */
struct http_get *http_get_start(lo_loop *loop, const char *url, long timeout_ms,
				http_get_cb cb, void *arg);
/* Stop it; the callback will not be called. */
void http_get_cancel(struct http_get *g);

#endif
