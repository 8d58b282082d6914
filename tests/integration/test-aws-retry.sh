#!/bin/bash
# test-aws-retry.sh - retries, backoff, credential refresh, timeouts and
# error text, against tests/aws/fake_aws.py answering 429, 503, throttling
# and expired-token errors and dropping connections on a plan.  The
# backoff base is scaled down (aws-probe --base-ms); the bounds are read
# from the client's debug log, never from a clock.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/aws/fake.sh"

PROBE="$top_builddir/tests/aws/aws-probe"
[ -x "$PROBE" ] || bail_out "tests/aws/aws-probe is not built"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-retry.XXXXXX")
cleanup_work() { rm -rf "$WORK"; }
at_exit cleanup_work

probe() { "$PROBE" --base-ms 20 "$@" 2>"$WORK/stderr"; }

fake_start "429,503"
out=$(probe identity); rc=$?
is "$rc" 0 "429 then 503 then success"
is "$(fake_requests)" 3 "three attempts"

fake_start "throttle,throttle,throttle"
out=$(probe identity); rc=$?
is "$rc" 3 "throttled three times: fails (default AWS_MAX_ATTEMPTS 3)"
is "$(fake_requests)" 3 "three attempts, no more"
like "$out" "^error.code=Throttling$" "error code"
like "$out" "^error.attempts=3$" "attempts in the error"
like "$out" "^error.status=400$" "HTTP status"
like "$out" "^error.request_id=req-3$" "request id (x-amzn-RequestId of the last attempt)"
like "$(cat "$WORK/stderr")" "STS GetCallerIdentity failed: Throttling: Rate exceeded \(HTTP 400, request id req-3, attempts: 3\)" \
	"the final error's text"

fake_start "ratemsg"
out=$(probe identity); rc=$?
is "$rc" 0 "a 'Rate exceeded' message is throttling whatever the code"
is "$(fake_requests)" 2 "retried once"

fake_start "throttle"
out=$(probe quota ec2 L-1); rc=$?
is "$rc" 0 "JSON ThrottlingException is retried"
is "$(fake_requests)" 2 "two attempts"

fake_start "500,503"
out=$(probe grants); rc=$?
is "$rc" 0 "JSON 500 and 503 are retried"

fake_start "drop"
out=$(probe identity); rc=$?
is "$rc" 0 "a dropped connection is retried"
is "$(fake_requests)" 2 "two attempts"

fake_start "drop,drop,drop"
out=$(probe identity); rc=$?
is "$rc" 3 "three dropped connections: fails"
like "$out" "^error.kind=network$" "a network error"
like "$(cat "$WORK/stderr")" "network error calling STS GetCallerIdentity" "the text says network error"

fake_start "503,503,503,503"
out=$(AWS_MAX_ATTEMPTS=5 probe identity); rc=$?
is "$rc" 0 "AWS_MAX_ATTEMPTS=5 allows five attempts"
is "$(fake_requests)" 5 "five attempts"

fake_start "503"
out=$(AWS_MAX_ATTEMPTS=1 probe identity); rc=$?
is "$rc" 3 "AWS_MAX_ATTEMPTS=1: no retry"
is "$(fake_requests)" 1 "one attempt"
like "$out" "^error.status=503$" "HTTP 503 reported"

fake_start "503,503,503,503"
out=$(AWS_RETRY_MODE=legacy probe identity); rc=$?
is "$rc" 0 "legacy mode defaults to five attempts"

fake_start "denied"
out=$(probe identity); rc=$?
is "$rc" 3 "AccessDenied fails"
is "$(fake_requests)" 1 "and is not retried"
like "$out" "^error.code=AccessDenied$" "its code"

fake_start "expired"
out=$(probe identity); rc=$?
is "$rc" 0 "ExpiredToken: credentials refreshed once, then success"
is "$(fake_requests)" 2 "two attempts"

fake_start "expired,expired"
out=$(probe identity); rc=$?
is "$rc" 3 "still expired after the refresh: fails"
is "$(fake_requests)" 2 "only one refresh"
like "$out" "^error.kind=credentials$" "kind credentials"
err=$(cat "$WORK/stderr")
like "$err" "credentials have expired" "says the credentials expired"
like "$err" "aws sso login" "and how to renew them"

fake_start "sigmismatch"
export AWS_SESSION_TOKEN="FQoGZXIvYXdzEXAMPLETOKEN0123456789abcdefSECRET"
out=$(probe identity); rc=$?
is "$rc" 3 "SignatureDoesNotMatch fails"
is "$(fake_field 1 token)" "true" "the session token was sent"
all="$out$(cat "$WORK/stderr")"
unlike "$all" "$AWS_SESSION_TOKEN" "no session token in the output"
unlike "$all" "Signature=" "no signature in the output"
unlike "$all" "$AWS_SECRET_ACCESS_KEY" "no secret key in the output"
like "$all" "SignatureDoesNotMatch" "the code is still there"
unset AWS_SESSION_TOKEN

fake_start "hang,hang"
out=$(probe --total-ms 300 --attempts 2 identity); rc=$?
is "$rc" 3 "a call that hangs times out"
like "$out" "^error.kind=timeout$" "kind timeout"
is "$(fake_requests)" 2 "timeouts are retried"
like "$(cat "$WORK/stderr")" "network error .*timed out" "the text says it timed out"

out=$(AWS_ENDPOINT_URL=http://10.255.255.1:9 "$PROBE" --connect-ms 100 --attempts 1 identity 2>&1); rc=$?
is "$rc" 3 "the connect timeout applies"

# Backoff bounds: every wait is within [0, min(20 s, base * 2^(n-1))].
fake_start "503,503,503"
AWS_PROBE_DEBUG=1 AWS_MAX_ATTEMPTS=4 "$PROBE" --base-ms 40 identity >/dev/null 2>"$WORK/debug"
grep -o 'retry in [0-9]* ms (after attempt [0-9]*, cap [0-9]* ms)' "$WORK/debug" >"$WORK/waits"
is "$(wc -l <"$WORK/waits" | tr -d ' ')" 3 "three backoff waits logged"
is "$(sed -E 's/.*cap ([0-9]+) ms.*/\1/' "$WORK/waits" | tr '\n' ' ')" "40 80 160 " \
	"the ceiling doubles from the base"
bad=$(awk '{ if ($3 < 0 || $3 > $9 + 0) print }' FS='[ ,()]+' "$WORK/waits")
is "$bad" "" "each wait lies within [0, ceiling]"
out=$(awk -v b=1000 'BEGIN { c = b; for (i = 1; i < 7; i++) { c *= 2; if (c > 20000) c = 20000 } print c }')
is "$out" 20000 "(the ceiling formula caps at 20 s)"

done_testing
