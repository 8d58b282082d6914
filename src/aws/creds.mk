## src/aws/creds.mk - the credential chain (see creds.h): one small file
## per source, with their shared plumbing in creds_internal.h.

libliftoff_a_SOURCES += \
	%D%/creds.c %D%/creds.h %D%/creds_internal.h \
	%D%/creds_ini.c %D%/creds_profile.c %D%/creds_json.c \
	%D%/creds_process.c %D%/creds_sso.c %D%/creds_http.c %D%/creds_role.c

## Tests: the chain without HTTP, and ECS / IMDS against local fakes.
## tests/creds/ holds the Python stand-ins (metadata services, a scripted
## credential_process that doubles as a fake AWS CLI).
CREDS_TESTS = tests/unit/test-creds tests/unit/test-creds-http
check_PROGRAMS += $(CREDS_TESTS)
TESTS += $(CREDS_TESTS)
CREDS_TEST_LIB = tests/unit/test-creds-lib.c tests/unit/creds-tests.h
tests_unit_test_creds_SOURCES = tests/unit/test-creds.c $(CREDS_TEST_LIB)
tests_unit_test_creds_LDADD = $(LO_TEST_LIBS)
tests_unit_test_creds_http_SOURCES = tests/unit/test-creds-http.c $(CREDS_TEST_LIB)
tests_unit_test_creds_http_LDADD = $(LO_TEST_LIBS)
EXTRA_DIST += tests/creds/fake_metadata.py tests/creds/fake_process.py

## The chain held to botocore: the same configurations through
## tests/creds/creds-probe and botocore itself must agree.
check_PROGRAMS += tests/creds/creds-probe
tests_creds_creds_probe_SOURCES = tests/creds/creds-probe.c
tests_creds_creds_probe_LDADD = $(LO_CORE_LIBS)
TESTS += tests/integration/test-creds-botocore.sh
EXTRA_DIST += tests/creds/botocore_probe.py tests/integration/test-creds-botocore.sh
