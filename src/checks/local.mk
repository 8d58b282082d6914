## src/checks/local.mk - the pre-flight check engine, its checks, and the
## child processes they run (src/core/proc.c lives here because the
## checks are its first user; the installer runner reuses it).

libliftoff_a_SOURCES += \
	src/core/proc.c src/core/proc.h

check_PROGRAMS += tests/unit/test-proc
TESTS += tests/unit/test-proc
tests_unit_test_proc_LDADD = $(LO_TEST_LIBS)

libliftoff_a_SOURCES += \
	%D%/engine.c %D%/engine.h \
	%D%/tools.c %D%/tools.h \
	%D%/registry.c \
	%D%/check_bash.c %D%/check_aws_cli.c %D%/check_jq.c %D%/check_docker.c \
	%D%/check_openssl.c %D%/check_base64.c %D%/check_dns.c

check_PROGRAMS += tests/unit/test-checks
TESTS += tests/unit/test-checks
tests_unit_test_checks_LDADD = $(LO_TEST_LIBS)

TESTS += tests/integration/test-preflight.sh
EXTRA_DIST += tests/integration/test-preflight.sh
