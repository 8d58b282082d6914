/* tap.h - a small Test Anything Protocol writer for the C unit tests.
 *
 * Each test program calls plan() (or done_testing() at the end), then ok()
 * and friends; automake's tap-driver reads the output.  A failed check
 * prints where it failed and what it saw, then the run goes on. */
#ifndef LO_TAP_H
#define LO_TAP_H

#include <stdbool.h>

void plan(int n);
int done_testing(void);   /* returns the exit status for main() */
bool ok_at(bool cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
bool is_int_at(long long got, long long want, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
bool is_str_at(const char *got, const char *want, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void bail_out(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define ok(cond, ...) ok_at((cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) is_int_at((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) is_str_at((got), (want), __FILE__, __LINE__, __VA_ARGS__)

#endif
