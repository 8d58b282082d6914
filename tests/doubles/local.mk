## tests/doubles/local.mk - the AWS doubles and the demo release.
