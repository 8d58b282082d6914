/* test-util.c - string buffers, errors and secrets. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "core/secret.h"
#include "core/util.h"
#include "tap.h"

static void test_strbuf(void)
{
	strbuf sb = STRBUF_INIT;
	is_str(sb_str(&sb), "", "empty buffer reads as empty string");
	for (int i = 0; i < 1000; i++)
		sb_appendf(&sb, "%d,", i % 10);
	is_int((long long)sb.len, 2000, "grows across many appends");
	ok(str_starts_with(sb.buf, "0,1,2,") && str_ends_with(sb.buf, "8,9,"), "content in order");
	char *s = sb_detach(&sb);
	ok(sb.buf == NULL && sb.len == 0, "detach empties the buffer");
	free(s);
}

static void test_error(void)
{
	lo_error e = LO_ERROR_INIT;
	ok(!lo_error_is_set(&e), "fresh error is clear");
	lo_error_set(&e, LO_EXIT_ENV, "do this", "%s: %d", "file", 7);
	ok(lo_error_is_set(&e) && e.code == LO_EXIT_ENV, "set with its code");
	is_str(e.message, "file: 7", "message formatted");
	is_str(e.hint, "do this", "hint kept");
	lo_error_clear(&e);
	ok(!e.message && !e.hint && !e.code, "clear frees everything");
}

static void test_secret(void)
{
	lo_secret *a = secret_from_str("hunter2"), *b = secret_from_str("hunter2");
	lo_secret *c = secret_from_str("hunter3");
	is_str(secret_reveal(a), "hunter2", "reveal gives the bytes");
	is_int((long long)secret_len(a), 7, "length");
	ok(secret_equal(a, b) && !secret_equal(a, c), "constant-time equality");
	ok(secret_is_empty(NULL) && !secret_is_empty(a), "emptiness");
	is_str(SECRET_MASK, "********", "the mask hides the length");
	secret_free(a);
	secret_free(b);
	secret_free(c);
	char buf[8] = "abcdefg";
	secret_wipe(buf, sizeof buf);
	ok(buf[0] == 0 && buf[6] == 0, "wipe zeroes the buffer");
}

static void test_read_files(void)
{
	char path[] = "/tmp/liftoff-test-util.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		bail_out("mkstemp failed");
	/* Larger than the first buffer, so the wiping growth path runs. */
	strbuf want = STRBUF_INIT;
	for (int i = 0; i < 1500; i++)
		sb_append(&want, "token");
	sb_append(&want, "\r\n");
	if (write(fd, want.buf, want.len) != (ssize_t)want.len)
		bail_out("write failed");
	close(fd);

	size_t len = 0;
	char *all = read_file_all(path, &len);
	ok(all && len == want.len && memcmp(all, want.buf, len) == 0, "read_file_all reads every byte");
	free(all);
	lo_secret *raw = secret_read_file(path, false), *trimmed = secret_read_file(path, true);
	is_int((long long)secret_len(raw), (long long)want.len, "secret_read_file keeps the newline");
	is_int((long long)secret_len(trimmed), (long long)want.len - 2, "trim drops one CRLF");
	ok(trimmed && memcmp(secret_reveal(trimmed), want.buf, want.len - 2) == 0, "content intact");
	secret_free(raw);
	secret_free(trimmed);
	unlink(path);
	errno = 0;
	ok(!secret_read_file(path, true) && errno == ENOENT, "a missing file: NULL, errno ENOENT");
	ok(!read_file_all(path, NULL) && errno == ENOENT, "read_file_all: NULL, errno ENOENT");
	sb_free(&want);
}

int main(void)
{
	test_read_files();
	test_strbuf();
	test_error();
	test_secret();
	return done_testing();
}
