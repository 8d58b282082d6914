#!/bin/bash
# test-demo-install.sh - the demo release's install.sh against moto (STS,
# SSM) and the doubles (CloudFormation): the documented INFO line, question,
# stack order, Installation info block and success line; the SSM
# install-version parameter; refusal without 'yes'; the documented ERROR when
# the account cannot be found; a failing stack stops the install with the
# CLI waiter's error, the root cause and a non-zero exit.  TAP output.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
py=${PYTHON:-python3}
n=0; failed=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; [ -n "${3:-}" ] && printf '%s\n' "$3" | tail -25 | sed 's/^/# /'; fi; }
finish() { echo "1..$n"; exit $failed; }

for tool in gpg jq aws "$py"; do
    command -v "$tool" >/dev/null || { ok 1 "required tool available: missing $tool"; finish; }
done
"$py" -c "import moto, boto3" 2>/dev/null || { ok 1 "python modules moto and boto3 importable by $py (missing)"; finish; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/demo-install-test.XXXXXX")
. "$src/tests/lib/moto.sh"; start_moto=moto_start; stop_moto=moto_stop
. "$src/tests/lib/doubles.sh"
trap '$stop_moto; doubles_stop; rm -rf "$tmp"' EXIT

"$src/tests/demo/make-release.sh" v2.5.0 "$tmp/rel" >"$tmp/log" 2>&1 || { ok 1 "make-release.sh" "$(cat "$tmp/log")"; finish; }
tar -C "$tmp" -xzf "$tmp/rel/spacelift-self-hosted-v2.5.0.tar.gz"
rel=$tmp/spacelift-self-hosted-v2.5.0
$start_moto; ok $? "moto started"
printf '{"delay_default": 0.01, "template_dirs": ["%s"]}\n' "$rel/cloudformation" >"$tmp/sc.json"
doubles_start "$tmp/sc.json"; ok $? "doubles started"
export AWS_MAX_ATTEMPTS=2 SPACELIFT_POLL_SECONDS=0.1

jq '.account_name = "demo" | .aws_region = "eu-west-1" | .spacelift_hostname = "spacelift.example.com"
    | .load_balancer.certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d"
    | .sso_config.admin_login = "admin@example.com" | .sso_config.sso_type = "OIDC"
    | .sso_config.oidc_args = {client_id: "id", client_credentials: "s3cret", identity_provider_host: "https://idp.example.com"}' \
    "$rel/config.json" >"$tmp/config.json"

# no 'yes': nothing happens
out=$(cd "$rel" && echo no | ./install.sh -c "$tmp/config.json" 2>&1); rc=$?
[ $rc != 0 ] && [[ $out == *"Are you sure you want to continue? Only 'yes' will be accepted:"* ]]
ok $? "answering 'no' stops the install (exit $rc)" "$out"
st=$(aws cloudformation list-stacks --query 'length(StackSummaries)' --output text 2>&1)
[ "$st" = 0 ]; ok $? "... and creates no stack" "$st"

# no account: the documented ERROR
out=$(cd "$rel" && echo yes | AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_ENDPOINT_URL_STS=http://127.0.0.1:9 AWS_MAX_ATTEMPTS=1 ./install.sh -c "$tmp/config.json" 2>&1); rc=$?
[ $rc != 0 ] && [ "$out" = "ERROR: could not find AWS account ID. Cannot continue with Spacelift install. Please check that your AWS CLI credentials are correct and have not expired." ]
ok $? "unreachable STS: the documented ERROR line, non-zero exit" "$out"

# a stack that fails: the install stops with the waiter error and the root cause
doubles_scenario '{"fail": [{"stack": "spacelift-bootstrap", "logical_id": "DownloadsBucket", "reason": "spacelift-downloads bucket already exists"}]}' merge
out=$(cd "$rel" && echo yes | ./install.sh -c "$tmp/config.json" 2>&1); rc=$?
[ $rc != 0 ] && [[ $out == *'Waiter StackCreateComplete failed: Waiter encountered a terminal failure state: For expression "Stacks[].StackStatus" we matched expected path: "ROLLBACK_COMPLETE" at least once'* ]] &&
    [[ $out == *"Root cause: DownloadsBucket"*"spacelift-downloads bucket already exists"* ]] && [[ $out != *"spacelift-infra-kms"* ]]
ok $? "failing stack: waiter error, root cause, exit $rc, later stacks not started" "$out"
doubles_scenario '{"fail": []}' merge

# the happy path
out=$(cd "$rel" && echo yes | ./install.sh -c "$tmp/config.json" 2>&1); rc=$?
ok $rc "install.sh completes against moto + doubles" "$out"
printf '%s\n' "$out" | grep -Eq "^\[[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+0000\] INFO: installing version v2.5.0 of Spacelift into AWS account 123456789012$"
ok $? "documented INFO line with the moto account"
grep -q "ROLLBACK_COMPLETE after an earlier failure; deleting it first" <<<"$out"; ok $? "a ROLLBACK_COMPLETE stack from the failed run is replaced"
order=$(printf '%s\n' "$out" | sed -n 's/.*INFO: creating stack //p' | tr '\n' ' ')
[ "$order" = "spacelift-bootstrap spacelift-infra-kms spacelift-infra-s3 spacelift-infra-s3-policies spacelift-infra-vpc spacelift-infra-vpc-config spacelift-infra-db-secrets spacelift-infra-db spacelift-infra spacelift-services-loadbalancer spacelift-services-infra spacelift-services spacelift-monitoring " ]
ok $? "stacks created in the documented order" "$order"
grep -q "INFO: demo: would load container-images/spacelift-backend.tar" <<<"$out"; ok $? "docker step shown as a demo: line"
blk=$(printf '%s\n' "$out" | sed -n '/^Installation info:$/,$p')
grep -Eq '^\* Load balancer DNS: spacelift-server-[0-9]{10}\.eu-west-1\.elb\.amazonaws\.com$' <<<"$blk"; ok $? "Installation info: load balancer DNS from the stack output" "$blk"
grep -q '^\* Launcher container image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/spacelift-launcher:v2.5.0$' <<<"$blk"; ok $? "Installation info: launcher image" "$blk"
tail -n1 <<<"$out" | grep -Eq '^\[[^]]+\] INFO: Spacelift version v2.5.0 has been successfully installed!$'; ok $? "documented success line last"
v=$(aws ssm get-parameter --name /spacelift/install-version --query Parameter.Value --output text 2>&1)
[ "$v" = v2.5.0 ]; ok $? "SSM /spacelift/install-version = v2.5.0 in moto" "$v"
[[ $out != *s3cret* ]]; ok $? "the OIDC secret is never printed"
out=$(cd "$rel" && echo no | ./uninstall.sh -c "$tmp/config.json" 2>&1); rc=$?
[ $rc != 0 ] && [[ $out == *"Uninstallation cancelled."* ]] &&
    [ "$(aws cloudformation describe-stacks --stack-name spacelift-bootstrap --query 'Stacks[0].StackStatus' --output text 2>&1)" = CREATE_COMPLETE ]
ok $? "uninstall.sh without 'yes' deletes nothing" "$out"

finish
