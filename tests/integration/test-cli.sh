#!/bin/bash
# test-cli.sh - the binary's command-line contract, run for real: help,
# version, exit codes, and a command run against moto.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"

out=$("$LIFTOFF" --help 2>&1); rc=$?
is "$rc" 0 "--help exits 0"
for cmd in install upgrade status verify preflight config whoami uninstall sso-update; do
	like "$out" "^  $cmd " "--help lists $cmd"
done
like "$out" "130 +interrupted" "--help documents the exit codes"

out=$("$LIFTOFF" --version); rc=$?
is "$rc" 0 "--version exits 0"
like "$out" '^liftoff [0-9]+\.[0-9]+\.[0-9]+' "--version prints the version"

out=$("$LIFTOFF" verify --help); rc=$?
is "$rc" 0 "a command's --help exits 0"
like "$out" -- "--fingerprint FPR" "a command's --help lists its options"

out=$("$LIFTOFF" frobnicate 2>&1 </dev/null); rc=$?
is "$rc" 2 "unknown command exits 2"
like "$out" "'frobnicate' is not a liftoff command" "one-line error names it"
like "$out" "Try 'liftoff --help'" "and gives a hint"

out=$("$LIFTOFF" --bogus status 2>&1 </dev/null); rc=$?
is "$rc" 2 "unknown option exits 2"
like "$out" "unrecognized option '--bogus'" "error names the option"

out=$("$LIFTOFF" </dev/null 2>&1); rc=$?
is "$rc" 2 "no command without a terminal exits 2"

out=$("$LIFTOFF" uninstall </dev/null 2>&1); rc=$?
is "$rc" 2 "an unfinished command exits 2"
like "$out" "not built yet" "and says it is not built yet"

# Against moto: the whole AWS environment points at the emulator.
moto_start
out=$("$LIFTOFF" --region eu-west-1 whoami 2>&1 </dev/null); rc=$?
is "$rc" 0 "whoami against moto succeeds"
like "$out" "123456789012" "whoami prints moto's account"
unlike "$out" "$AWS_SECRET_ACCESS_KEY" "no secret key in the output"

done_testing
