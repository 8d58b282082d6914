#!/bin/bash
# test-mfa.sh - a profile that assumes a role with mfa_serial: on a
# terminal liftoff asks for the code and goes on; without one it refuses
# with a message that says why.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"
. "$top_srcdir/tests/lib/tmux.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"

moto_start
cat >"$AWS_CONFIG_FILE" <<CFG
[default]
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/spacelift-installer
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/admin
region = eu-west-1
CFG
cat >"$AWS_SHARED_CREDENTIALS_FILE" <<CREDS
[base]
aws_access_key_id = $AWS_ACCESS_KEY_ID
aws_secret_access_key = $AWS_SECRET_ACCESS_KEY
CREDS
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY

out=$("$LIFTOFF" --profile admin whoami </dev/null 2>&1); rc=$?
is "$rc" 3 "without a terminal an MFA profile is refused"
like "$out" "MFA" "and the message says an MFA code is needed"

marker=$(mktemp "${TMPDIR:-/tmp}/liftoff-mfa.XXXXXX")
at_exit "rm -f $marker"
tmux_start -x 100 -y 24 bash --norc --noprofile -c \
	"'$LIFTOFF' --profile admin whoami > '$marker' 2>&1; echo \"EXIT=\$?\" >> '$marker'; echo DONE; sleep 60"
tmux_wait_for "MFA code for arn:aws:iam::123456789012:mfa/admin:" 10
tap_ok $? "on a terminal liftoff asks for the MFA code, naming the device"
tmux_send 123456 Enter
tmux_wait_for "DONE" 15
tap_ok $? "whoami finishes after the code"
result=$(cat "$marker")
like "$result" "EXIT=0" "and succeeds"
like "$result" "assumed-role/spacelift-installer" "as the assumed role"
unlike "$result" "$(sed -n 's/^aws_secret_access_key = //p' "$AWS_SHARED_CREDENTIALS_FILE")" "no secret key on screen"

done_testing
