## src/release/local.mk - the release archive: SHA-256, the GPG
## signature, safe extraction and the release layout (see release.h).

libliftoff_a_SOURCES += \
	%D%/release.h \
	%D%/sha256.c \
	%D%/checksum.c \
	%D%/signature.c \
	%D%/links.c \
	%D%/layout.c %D%/layout.h \
	%D%/extract.c

TESTS += tests/integration/test-verify.sh
EXTRA_DIST += \
	tests/integration/test-verify.sh \
	tests/integration/test-verify-craft.py
