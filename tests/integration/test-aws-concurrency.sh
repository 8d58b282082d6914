#!/bin/bash
# test-aws-concurrency.sh - 20 independent calls run at once on libcurl
# multi inside the loop: the fake server holds each request for a while
# and counts how many it had in flight together.  No clock is read.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/aws/fake.sh"

PROBE="$top_builddir/tests/aws/aws-probe"
[ -x "$PROBE" ] || bail_out "tests/aws/aws-probe is not built"

fake_start "" --default delay --delay-ms 2500
out=$("$PROBE" batch 20 sts GetCallerIdentity 2>&1); rc=$?
is "$rc" 0 "20 concurrent calls succeed"
like "$out" "^done=20$" "all 20 finished"
is "$(fake_requests)" 20 "the server saw 20 requests"
max=$("${PYTHON:-python3}" -c 'import json,sys; print(json.load(open(sys.argv[1]))["max_inflight"])' "$FAKE_LOG.stats")
is "$max" 20 "all 20 were in flight on the server at once"

fake_start "" --default delay --delay-ms 2500
out=$("$PROBE" batch 20 2>&1); rc=$?
is "$rc" 0 "20 concurrent mixed calls (query and JSON) succeed"
max=$("${PYTHON:-python3}" -c 'import json,sys; print(json.load(open(sys.argv[1]))["max_inflight"])' "$FAKE_LOG.stats")
is "$max" 20 "mixed: all 20 in flight at once"

done_testing
