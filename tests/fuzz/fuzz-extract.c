/* fuzz-extract.c - libFuzzer harness for the archive validation path.
 *
 * Each input is an archive held in memory.  The validating pass
 * (release_scan_memory) runs on it; when that accepts it, the archive is
 * also extracted (release_extract_memory) into a scratch directory under
 * a private temporary directory, which is then removed.  Whatever the
 * input, nothing may be written outside the scratch directory, and the
 * sanitizers watch the parsing.  Built only with --enable-fuzzing:
 *
 *   ./configure CC=clang --enable-fuzzing && make tests/fuzz/fuzz-extract
 *   tests/fuzz/fuzz-extract -max_total_time=60 CORPUS_DIR */
#include "config.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "release/release.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char scratch[] = "/tmp/fuzz-extract-XXXXXX";
static char *dest;

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

static void cleanup(void)
{
	nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void setup(void)
{
	if (!mkdtemp(scratch))
		abort();
	dest = xasprintf("%s/out", scratch);
	atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dest)
		setup();
	struct release_scan scan;
	lo_error err = LO_ERROR_INIT;
	bool ok = release_scan_memory(data, size, &scan, &err);
	release_scan_free(&scan);
	lo_error_clear(&err);
	if (ok) {
		release_extract_memory(data, size, dest, true, &scan, &err);
		release_scan_free(&scan);
		lo_error_clear(&err);
		nftw(dest, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	}
	return 0;
}
