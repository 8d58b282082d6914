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
	%D%/check_openssl.c %D%/check_base64.c %D%/check_dns.c \
	%D%/aws_checks.h %D%/check_aws.c %D%/check_config.c %D%/check_eips.c \
	%D%/check_license.c %D%/license.h %D%/check_acm.c %D%/acm_candidates.h \
	%D%/check_sns.c %D%/check_database.c %D%/check_sso.c \
	%D%/http_get.c %D%/http_get.h

check_PROGRAMS += tests/unit/test-checks
TESTS += tests/unit/test-checks
tests_unit_test_checks_LDADD = $(LO_TEST_LIBS)

TESTS += tests/integration/test-preflight.sh tests/integration/test-preflight-aws.sh
EXTRA_DIST += tests/integration/test-preflight.sh tests/integration/test-preflight-aws.sh \
	tests/integration/preflight-fixtures.py bench/bench-preflight.sh

## Verdicts (eval_*.c)
## The pure evaluators behind the AWS and SSO checks: plain inputs in, a
## verdict out, no I/O.  Each has a unit test; fixtures in tests/data/eval.
libliftoff_a_SOURCES += \
	%D%/eval.c %D%/eval.h \
	%D%/eval_partition.c %D%/eval_partition.h \
	%D%/eval_eips.c %D%/eval_eips.h \
	%D%/eval_sns.c %D%/eval_sns.h \
	%D%/eval_acm.c %D%/eval_acm.h \
	%D%/eval_license.c %D%/eval_license.h \
	%D%/eval_database.c %D%/eval_database.h \
	%D%/eval_oidc.c %D%/eval_oidc.h \
	%D%/eval_saml.c %D%/eval_saml.h

EVAL_TESTS = \
	tests/unit/test-eval-partition \
	tests/unit/test-eval-eips \
	tests/unit/test-eval-sns \
	tests/unit/test-eval-acm \
	tests/unit/test-eval-license \
	tests/unit/test-eval-database \
	tests/unit/test-eval-oidc \
	tests/unit/test-eval-saml
check_PROGRAMS += $(EVAL_TESTS)
TESTS += $(EVAL_TESTS)
tests_unit_test_eval_partition_LDADD = $(LO_TEST_LIBS)
tests_unit_test_eval_eips_LDADD = $(LO_TEST_LIBS)
tests_unit_test_eval_acm_LDADD = $(LO_TEST_LIBS)
tests_unit_test_eval_license_LDADD = $(LO_TEST_LIBS)
EVAL_FIXTURE_SOURCES = tests/unit/eval-fixtures.c tests/unit/eval-fixtures.h
tests_unit_test_eval_sns_SOURCES = tests/unit/test-eval-sns.c $(EVAL_FIXTURE_SOURCES)
tests_unit_test_eval_sns_LDADD = $(LO_TEST_LIBS)
tests_unit_test_eval_database_SOURCES = tests/unit/test-eval-database.c $(EVAL_FIXTURE_SOURCES)
tests_unit_test_eval_database_LDADD = $(LO_TEST_LIBS)
tests_unit_test_eval_oidc_SOURCES = tests/unit/test-eval-oidc.c $(EVAL_FIXTURE_SOURCES)
tests_unit_test_eval_oidc_LDADD = $(LO_TEST_LIBS)
tests_unit_test_eval_saml_SOURCES = tests/unit/test-eval-saml.c $(EVAL_FIXTURE_SOURCES)
tests_unit_test_eval_saml_LDADD = $(LO_TEST_LIBS)
EXTRA_DIST += \
	tests/data/eval/saml-idp.xml.tmpl \
	tests/data/eval/saml-federation.xml.tmpl \
	tests/data/eval/oidc-okta.json \
	tests/data/eval/oidc-github-actions.json \
	tests/data/eval/sns-default-policy.json \
	tests/data/eval/sns-guide-example.json

## What the AWS checks share (aws_checks.h), without AWS.
check_PROGRAMS += tests/unit/test-checks-aws
TESTS += tests/unit/test-checks-aws
tests_unit_test_checks_aws_LDADD = $(LO_TEST_LIBS)
