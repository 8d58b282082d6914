/* sha256.c - SHA-256 of a release archive, streamed.
 *
 * Archives are several GB, so the file is read in 1 MiB chunks into one
 * buffer (constant memory) with the kernel told to read ahead
 * sequentially, and the digest is OpenSSL's EVP.  The progress callback
 * runs at most once per chunk. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "core/i18n.h"
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

/* Feed the whole descriptor to ctx. */
static bool sha256_stream(int fd, EVP_MD_CTX *ctx, uint64_t total,
			  release_progress_fn progress, void *arg, int *errnum)
{
	unsigned char *buf = xmalloc(SHA256_CHUNK);
	uint64_t done = 0;
	bool ok = true;
	for (;;) {
		ssize_t n = read(fd, buf, SHA256_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*errnum = errno;
			ok = false;
			break;
		}
		if (n == 0)
			break;
		if (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1) {
			*errnum = EIO;
			ok = false;
			break;
		}
		done += (uint64_t)n;
		if (progress)
			progress(done, total, arg);
	}
	free(buf);
	return ok;
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

	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int errnum = 0;
	bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
		  sha256_stream(fd, ctx, total, progress, arg, &errnum);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (ok)
		ok = EVP_DigestFinal_ex(ctx, md, &len) == 1 && len == 32;
	EVP_MD_CTX_free(ctx);
	close(fd);
	if (!ok) {
		lo_error_set(err, LO_EXIT_VERIFY, NULL, _("cannot hash %s: %s"), path,
			     errnum ? strerror(errnum) : _("OpenSSL failed"));
		return false;
	}
	hex_encode(md, len, out_hex);
	return true;
}
