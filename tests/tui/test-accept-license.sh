#!/bin/bash
# test-accept-license.sh - `liftoff preflight --accept-license` on a real
# terminal: it names the license and the account, "n" changes nothing,
# "y" accepts and activates the grant in the License Manager double.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"
. "$top_srcdir/tests/lib/doubles.sh"
. "$top_srcdir/tests/lib/tmux.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"
need_tool aws "the AWS CLI"

moto_start
work=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-accept.XXXXXX")
at_exit "rm -rf $work"
printf '{"license": "pending"}\n' >"$work/scenario.json"
doubles_start "$work/scenario.json" || bail_out "the doubles did not start"
grant_status() {
	aws license-manager list-received-grants --query 'Grants[0].GrantStatus' --output text 2>&1
}

run_on_terminal() { # ANSWER
	tmux_start -x 160 -y 24 bash --norc --noprofile -c \
		"cd '$work' && '$LIFTOFF' --region eu-west-1 preflight --accept-license > '$work/out' 2>&1; echo \"EXIT=\$?\" >> '$work/out'; echo DONE; sleep 60"
	tmux_wait_for "[y/N]" 15
	tap_ok $? "the question appears on the terminal"
	like "$(tmux_capture)" "license l-[0-9a-f]+ for account 123456789012" \
		"it names the license and the account"
	tmux_send "$1" Enter
	tmux_wait_for "DONE" 15
	tmux_stop
}

run_on_terminal n
like "$(cat "$work/out")" "EXIT=1" "'n': exit 1"
like "$(cat "$work/out")" "nothing was changed" "'n': says nothing was changed"
is "$(grant_status)" PENDING_ACCEPT "'n': the grant still waits"

run_on_terminal y
like "$(cat "$work/out")" "EXIT=0" "'y': exit 0"
like "$(cat "$work/out")" "license +pass" "'y': the license check passes"
is "$(grant_status)" ACTIVE "'y': the grant is active in License Manager"

done_testing
