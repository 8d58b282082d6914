/* test-util.c - string buffers, errors and secrets. */
#include "config.h"

#include <stdlib.h>
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

int main(void)
{
	test_strbuf();
	test_error();
	test_secret();
	return done_testing();
}
