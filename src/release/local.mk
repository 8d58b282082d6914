## src/release/local.mk - the release archive: SHA-256, the GPG
## signature, safe extraction and the release layout (see release.h).

libliftoff_a_SOURCES += \
	%D%/release.h \
	%D%/sha256.c %D%/digest.h \
	%D%/checksum.c \
	%D%/signature.c \
	%D%/links.c \
	%D%/layout.c %D%/layout.h \
	%D%/extract.c

TESTS += tests/integration/test-verify.sh
EXTRA_DIST += tests/integration/test-verify.sh

check_PROGRAMS += tests/unit/test-release
TESTS += tests/unit/test-release
tests_unit_test_release_LDADD = $(LO_TEST_LIBS)

## The SHA-256 benchmark (bench/bench-sha256.sh, not run by make check)
## times this helper against sha256sum.
noinst_PROGRAMS += bench/sha256-file
bench_sha256_file_SOURCES = bench/sha256-file.c
bench_sha256_file_LDADD = $(LO_CORE_LIBS)
EXTRA_DIST += bench/bench-sha256.sh

## The libFuzzer harness for the validating pass and extraction.
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz-extract
tests_fuzz_fuzz_extract_SOURCES = tests/fuzz/fuzz-extract.c
tests_fuzz_fuzz_extract_LDADD = $(LO_CORE_LIBS)
tests_fuzz_fuzz_extract_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
endif
