#!/bin/bash
# test-aws-sigv4.sh - liftoff's SigV4 Authorization headers equal
# botocore's SigV4Auth for 240 generated requests (tests/aws/sigv4_oracle.py).
. "$top_srcdir/tests/lib/tap.sh"
"${PYTHON:-python3}" -c 'import botocore.auth' 2>/dev/null ||
	bail_out "required tool 'botocore' is missing (pip install botocore)"
exec "${PYTHON:-python3}" "$top_srcdir/tests/aws/sigv4_oracle.py" "$top_builddir/tests/aws/sigv4-sign" 240
