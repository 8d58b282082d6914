## src/checks/local.mk - the pre-flight check engine, its checks, and the
## child processes they run (src/core/proc.c lives here because the
## checks are its first user; the installer runner reuses it).

libliftoff_a_SOURCES += \
	src/core/proc.c src/core/proc.h

check_PROGRAMS += tests/unit/test-proc
TESTS += tests/unit/test-proc
tests_unit_test_proc_LDADD = $(LO_TEST_LIBS)
