# tests/doubles/local.mk - automake fragment for liftoff's AWS doubles, the
# shared bash helper tests/lib/doubles.sh and the demo release (generator,
# runner and release content).  Included from the top-level Makefile.am.

EXTRA_DIST += \
	tests/doubles/README \
	tests/doubles/local.mk \
	tests/doubles/server.py \
	tests/doubles/cfn_engine.py \
	tests/doubles/cfn_template.py \
	tests/doubles/testlib.py \
	tests/doubles/test_license.py \
	tests/doubles/test_cfn.py \
	tests/doubles/test_auth.py \
	tests/doubles/test_shapes.py \
	tests/doubles/test-license.sh \
	tests/doubles/test-cfn.sh \
	tests/doubles/test-auth.sh \
	tests/doubles/test-shapes.sh \
	tests/doubles/test-doubles-lib.sh \
	tests/lib/doubles.sh \
	tests/demo/make-release.sh \
	tests/demo/run-demo.sh \
	tests/demo/demo-scenario.yaml \
	tests/demo/test-demo-release.sh \
	tests/demo/test-demo-install.sh \
	tests/demo/release/install.sh \
	tests/demo/release/uninstall.sh \
	tests/demo/release/scripts/update-sso-settings.sh \
	tests/demo/release/cloudformation/spacelift-bootstrap.yaml \
	tests/demo/release/cloudformation/spacelift-infra-kms.yaml \
	tests/demo/release/cloudformation/spacelift-infra-s3.yaml \
	tests/demo/release/cloudformation/spacelift-infra-s3-policies.yaml \
	tests/demo/release/cloudformation/spacelift-infra-vpc.yaml \
	tests/demo/release/cloudformation/spacelift-infra-vpc-config.yaml \
	tests/demo/release/cloudformation/spacelift-infra-db-secrets.yaml \
	tests/demo/release/cloudformation/spacelift-infra-db.yaml \
	tests/demo/release/cloudformation/spacelift-infra.yaml \
	tests/demo/release/cloudformation/spacelift-services-loadbalancer.yaml \
	tests/demo/release/cloudformation/spacelift-services-infra.yaml \
	tests/demo/release/cloudformation/spacelift-services.yaml \
	tests/demo/release/cloudformation/spacelift-services-autoscaling.yaml \
	tests/demo/release/cloudformation/spacelift-monitoring.yaml \
	tests/demo/release/cloudformation/workerpool.yaml

TESTS += \
	tests/doubles/test-license.sh \
	tests/doubles/test-shapes.sh \
	tests/doubles/test-cfn.sh \
	tests/doubles/test-auth.sh \
	tests/doubles/test-doubles-lib.sh \
	tests/demo/test-demo-release.sh \
	tests/demo/test-demo-install.sh
