## src/config/local.mk - this module's sources and tests (see HACKING).
## The config.json model (load, rules, merge, safe write), ARN parsing,
## their unit tests, the `config` command's integration test and the
## libFuzzer harness.

libliftoff_a_SOURCES += \
	%D%/arn.c %D%/arn.h \
	%D%/config.c %D%/model.h \
	%D%/fields.c %D%/rules.c %D%/rules.h \
	%D%/merge.c

CONFIG_UNIT_TESTS = \
	tests/unit/test-config \
	tests/unit/test-config-rules \
	tests/unit/test-config-arn
check_PROGRAMS += $(CONFIG_UNIT_TESTS)
TESTS += $(CONFIG_UNIT_TESTS)
tests_unit_test_config_LDADD = $(LO_TEST_LIBS)
tests_unit_test_config_rules_LDADD = $(LO_TEST_LIBS)
tests_unit_test_config_arn_LDADD = $(LO_TEST_LIBS)

TESTS += tests/integration/test-config.sh
EXTRA_DIST += tests/integration/test-config.sh \
	tests/data/config/minimal.json \
	tests/data/config/full-oidc.json \
	tests/data/config/saml-static.json \
	tests/data/config/invalid-many.json \
	tests/data/config/bad-syntax.json \
	tests/data/config/release/config.json \
	tests/fuzz/fuzz-config.c \
	tests/fuzz/corpus/config/minimal.json \
	tests/fuzz/corpus/config/full-oidc.json \
	tests/fuzz/corpus/config/saml-static.json \
	tests/fuzz/corpus/config/invalid-many.json

if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz-config
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz-config.c
tests_fuzz_fuzz_config_LDFLAGS = -fsanitize=fuzzer $(LO_LDFLAGS)
tests_fuzz_fuzz_config_LDADD = $(LO_CORE_LIBS)
endif
