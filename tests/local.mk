## tests/local.mk - unit tests (C, TAP), integration tests (the binary
## against moto and the doubles) and terminal tests (tmux).

check_LIBRARIES += libtap.a
libtap_a_SOURCES = %D%/unit/tap.c %D%/unit/tap.h
LO_TEST_LIBS = libtap.a $(LO_CORE_LIBS)

UNIT_TESTS = \
	%D%/unit/test-loop \
	%D%/unit/test-cli \
	%D%/unit/test-util
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
%C%_unit_test_loop_LDADD = $(LO_TEST_LIBS)
%C%_unit_test_cli_LDADD = $(LO_TEST_LIBS)
%C%_unit_test_util_LDADD = $(LO_TEST_LIBS)

TESTS += \
	%D%/check-layout.sh \
	%D%/integration/test-cli.sh \
	%D%/tui/test-welcome.sh \
	%D%/tui/test-mfa.sh \
	%D%/tui/test-accept-license.sh

EXTRA_DIST += \
	%D%/check-layout.sh \
	%D%/setup-deps.sh \
	%D%/lib/common.sh %D%/lib/tap.sh %D%/lib/moto.sh %D%/lib/tmux.sh \
	%D%/integration/test-cli.sh \
	%D%/tui/test-welcome.sh \
	%D%/tui/test-mfa.sh \
	%D%/tui/test-accept-license.sh

## Secret-leak tests
check_PROGRAMS += %D%/unit/test-secret-leaks
TESTS += %D%/unit/test-secret-leaks %D%/integration/test-secret-leaks.sh
%C%_unit_test_secret_leaks_LDADD = $(LO_TEST_LIBS)
EXTRA_DIST += %D%/integration/test-secret-leaks.sh
