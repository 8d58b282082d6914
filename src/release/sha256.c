/* sha256.c - SHA-256 of a release archive, streamed.
 *
 * Archives are several GB, so the file is read in 1 MiB chunks into one
 * buffer (constant memory) with the kernel told to read ahead
 * sequentially, and the digest is OpenSSL's EVP.  The progress callback
 * runs at most once per chunk. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "core/i18n.h"
#include "release/digest.h"
#include "release/release.h"

#define SHA256_CHUNK (1024 * 1024)

static void hex_encode(const unsigned char *md, unsigned len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < len; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 0xf];
	}
	out[2 * len] = '\0';
}

digest_ctx *digest_begin(void)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		ctx = NULL;
	}
	return ctx;
}

bool digest_update(digest_ctx *ctx, const void *buf, size_t len)
{
	return ctx && EVP_DigestUpdate(ctx, buf, len) == 1;
}

bool digest_finish(digest_ctx *ctx, char out_hex[RELEASE_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	bool ok = ctx && EVP_DigestFinal_ex(ctx, md, &len) == 1 && len == 32;
	EVP_MD_CTX_free(ctx);
	if (ok)
		hex_encode(md, len, out_hex);
	return ok;
}

/* Feed fd to ctx from where it is to the end: bytes read, or -1. */
static long long sha256_stream(digest_ctx *ctx, int fd, uint64_t total,
			       release_progress_fn progress, void *arg)
{
	unsigned char *buf = xmalloc(SHA256_CHUNK);
	uint64_t done = 0;
	long long result = 0;
	for (;;) {
		ssize_t n = read(fd, buf, SHA256_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (n > 0 && !digest_update(ctx, buf, (size_t)n))) {
			if (n > 0)
				errno = EIO;
			result = -1;
			break;
		}
		if (n == 0)
			break;
		done += (uint64_t)n;
		if (progress)
			progress(done, total, arg);
	}
	free(buf);
	return result < 0 ? -1 : (long long)done;
}

long long digest_drain(digest_ctx *ctx, int fd)
{
	return sha256_stream(ctx, fd, 0, NULL, NULL);
}

bool release_sha256_file(const char *path, release_progress_fn progress, void *arg,
			 char out_hex[RELEASE_SHA256_HEX], lo_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		lo_error_set(err, LO_EXIT_VERIFY, NULL, _("cannot read %s: %s"), path, strerror(errno));
		return false;
	}
	struct stat st;
	uint64_t total = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	digest_ctx *ctx = digest_begin();
	bool streamed = ctx && sha256_stream(ctx, fd, total, progress, arg) >= 0;
	int errnum = streamed ? 0 : ctx ? errno : 0;
	bool ok = digest_finish(ctx, out_hex) && streamed;
	close(fd);
	if (!ok)
		lo_error_set(err, LO_EXIT_VERIFY, NULL, _("cannot hash %s: %s"), path,
			     errnum ? strerror(errnum) : _("OpenSSL failed"));
	return ok;
}
