#!/bin/bash
# test-cfn.sh - TAP wrapper: the CloudFormation double
# checked with boto3 and the AWS CLI (tests/doubles/test_cfn.py).
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
py=${PYTHON:-python3}
command -v "$py" >/dev/null || { echo "not ok 1 - python interpreter '$py' not found"; echo 1..1; exit 1; }
export PYTHONDONTWRITEBYTECODE=1
exec "$py" "$src/tests/doubles/test_cfn.py"
