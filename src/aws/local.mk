## src/aws/local.mk - the AWS client: signing, endpoints, HTTP on the
## event loop, retries, protocols and operations.  The credential chain
## has its own fragment, src/aws/creds.mk.

libliftoff_a_SOURCES += \
	%D%/credentials.c %D%/credentials.h \
	%D%/sigv4.c %D%/sigv4.h \
	%D%/endpoint.c %D%/endpoint.h \
	%D%/proto.c %D%/proto.h \
	%D%/client.c %D%/client.h \
	%D%/ops.h %D%/ops_query.c %D%/ops_json.c

## Test helpers: the SigV4 signer driven by the botocore oracle, and a
## probe that runs any operation (integration tests and bench/, so it is
## built by plain make too).
check_PROGRAMS += tests/aws/sigv4-sign
noinst_PROGRAMS += tests/aws/aws-probe
tests_aws_aws_probe_SOURCES = tests/aws/aws-probe.c
tests_aws_aws_probe_LDADD = $(LO_CORE_LIBS)
tests_aws_sigv4_sign_SOURCES = tests/aws/sigv4-sign.c
tests_aws_sigv4_sign_LDADD = $(LO_TEST_LIBS)

AWS_UNIT_TESTS = \
	tests/unit/test-sigv4 \
	tests/unit/test-aws-endpoint \
	tests/unit/test-aws-proto
check_PROGRAMS += $(AWS_UNIT_TESTS)
TESTS += $(AWS_UNIT_TESTS)
tests_unit_test_sigv4_LDADD = $(LO_TEST_LIBS)
tests_unit_test_aws_endpoint_LDADD = $(LO_TEST_LIBS)
tests_unit_test_aws_proto_LDADD = $(LO_TEST_LIBS)

AWS_SHELL_TESTS = \
	tests/integration/test-aws-sigv4.sh \
	tests/integration/test-aws-moto.sh \
	tests/integration/test-aws-canned.sh \
	tests/integration/test-aws-doubles.sh \
	tests/integration/test-aws-retry.sh \
	tests/integration/test-aws-concurrency.sh
TESTS += $(AWS_SHELL_TESTS)
EXTRA_DIST += $(AWS_SHELL_TESTS) \
	tests/aws/sigv4_oracle.py \
	tests/aws/moto_fixtures.py \
	tests/aws/fake_aws.py \
	tests/aws/fake.sh \
	bench/bench-aws-calls.sh
