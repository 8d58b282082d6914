#!/bin/bash
# test-doubles-lib.sh - tests/lib/doubles.sh as a C-side test uses it:
# doubles_start with a scenario file, the AWS CLI reaching the doubles through
# AWS_ENDPOINT_URL_<SERVICE>, doubles_scenario (file, JSON, merge), and
# doubles_stop (explicit, and from the EXIT trap it registers).  TAP output.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
n=0; failed=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; [ -n "${3:-}" ] && printf '# %s\n' "$3" | head -20; fi; }
finish() { echo "1..$n"; exit $failed; }

if ! command -v aws >/dev/null; then ok 1 "aws CLI on PATH (missing: aws)"; finish; fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/doubles-lib.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export AWS_DEFAULT_REGION=eu-west-1 AWS_CONFIG_FILE=$tmp/config AWS_SHARED_CREDENTIALS_FILE=$tmp/credentials
export AWS_MAX_ATTEMPTS=1
unset AWS_ENDPOINT_URL AWS_PROFILE
: >"$AWS_CONFIG_FILE"

. "$src/tests/lib/doubles.sh"
printf 'license: pending\neip_quota: 3\n' >"$tmp/scenario.yaml"
doubles_start "$tmp/scenario.yaml"; ok $? "doubles_start with a YAML scenario file"
[ -n "$DOUBLES_URL" ] && [ "$AWS_ENDPOINT_URL_LICENSE_MANAGER" = "$DOUBLES_URL" ] &&
    [ "$AWS_ENDPOINT_URL_SERVICE_QUOTAS" = "$DOUBLES_URL" ] && [ "$AWS_ENDPOINT_URL_CLOUDFORMATION" = "$DOUBLES_URL" ]
ok $? "endpoint variables exported ($DOUBLES_URL)"
case $DOUBLES_URL in http://127.0.0.1:[0-9]*) r=0 ;; *) r=1 ;; esac
ok $r "listens on 127.0.0.1"
trap -p EXIT | grep -q doubles_stop && trap -p EXIT | grep -q 'rm -rf'
ok $? "doubles_stop chained into the existing EXIT trap" "$(trap -p EXIT)"

out=$(aws service-quotas get-service-quota --service-code ec2 --quota-code L-0263D0A3 --query Quota.Value --output text 2>&1)
[ "$out" = "3.0" ]; ok $? "aws CLI reads the quota from the scenario file" "$out"
out=$(aws license-manager list-received-grants --query 'Grants[0].GrantStatus' --output text 2>&1)
[ "$out" = PENDING_ACCEPT ]; ok $? "aws CLI sees the pending grant" "$out"

doubles_scenario '{"license": "active", "eip_quota": 9}'; ok $? "doubles_scenario with inline JSON"
out=$(aws license-manager list-received-grants --query 'Grants[0].GrantStatus' --output text 2>&1)
[ "$out" = ACTIVE ]; ok $? "scenario switched: grant ACTIVE" "$out"
doubles_scenario '{"quota_denied": true}' merge; ok $? "doubles_scenario ... merge"
out=$(aws service-quotas get-service-quota --service-code ec2 --quota-code L-0263D0A3 2>&1)
case $out in *AccessDeniedException*) r=0 ;; *) r=1 ;; esac
ok $r "merged scenario: AccessDeniedException" "$out"
out=$(aws license-manager list-received-grants --query 'Grants[0].GrantStatus' --output text 2>&1)
[ "$out" = ACTIVE ]; ok $? "merge kept the other keys" "$out"
printf '{"delay_default": 0.05}\n' >"$tmp/fast.json"
doubles_scenario "$tmp/fast.json"; ok $? "doubles_scenario with a file"

printf 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  U:\n    Value: !Ref Q\n    Description: queue url\n' >"$tmp/t.yaml"
aws cloudformation create-stack --stack-name lib-test --template-body "file://$tmp/t.yaml" >/dev/null 2>"$tmp/err"
ok $? "aws cloudformation create-stack through AWS_ENDPOINT_URL_CLOUDFORMATION" "$(cat "$tmp/err")"
for _ in $(seq 1 50); do
    st=$(aws cloudformation describe-stacks --stack-name lib-test --query 'Stacks[0].StackStatus' --output text 2>&1)
    [ "$st" = CREATE_COMPLETE ] && break
    sleep 0.1
done
[ "$st" = CREATE_COMPLETE ]; ok $? "stack completes (polled with describe-stacks)" "$st"
out=$(aws cloudformation describe-stacks --stack-name lib-test --query 'Stacks[0].Outputs[0].OutputValue' --output text)
case $out in https://sqs.eu-west-1.amazonaws.com/123456789012/*) r=0 ;; *) r=1 ;; esac
ok $r "output value resolved" "$out"
doubles_reset; ok $? "doubles_reset"
out=$(aws cloudformation describe-stacks --stack-name lib-test 2>&1)
case $out in *"Stack with id lib-test does not exist"*) r=0 ;; *) r=1 ;; esac
ok $r "reset forgot the stack" "$out"

pid=$DOUBLES_PID
doubles_stop; ok $? "doubles_stop"
sleep 0.2
! kill -0 "$pid" 2>/dev/null; ok $? "server process gone"
[ -z "${AWS_ENDPOINT_URL_CLOUDFORMATION:-}" ]; ok $? "endpoint variables unset"

# the EXIT trap stops a server the test forgot to stop
pidfile=$tmp/child.pid
bash -c ". '$src/tests/lib/doubles.sh'; doubles_start >/dev/null && echo \$DOUBLES_PID >'$pidfile'"
sleep 0.3
p=$(cat "$pidfile" 2>/dev/null)
[ -n "$p" ] && ! kill -0 "$p" 2>/dev/null; ok $? "a shell that exits without doubles_stop still stops the server"
finish
