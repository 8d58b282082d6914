/* digest.h - incremental SHA-256 over OpenSSL EVP, shared by the
 * checksum, the signature check (which hashes the bytes gpg reads) and
 * extraction (which hashes the bytes it extracts), so that all three can
 * be shown to have seen the same archive. */
#ifndef LO_RELEASE_DIGEST_H
#define LO_RELEASE_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "release/release.h"

typedef struct evp_md_ctx_st digest_ctx;

digest_ctx *digest_begin(void);                   /* NULL if OpenSSL fails */
bool digest_update(digest_ctx *ctx, const void *buf, size_t len);
/* Finish into 64 hex digits and free ctx (ctx may be NULL: false). */
bool digest_finish(digest_ctx *ctx, char out_hex[RELEASE_SHA256_HEX]);
/* Read the rest of fd into ctx; the number of bytes, or -1. */
long long digest_drain(digest_ctx *ctx, int fd);

#endif
