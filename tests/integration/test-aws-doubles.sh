#!/bin/bash
# test-aws-doubles.sh - liftoff's License Manager, Service Quotas and
# CloudFormation operations against the project's doubles, which verify
# every SigV4 signature: quotas, licenses and grants (accept, activate),
# a stack deployed through the AWS CLI read back with paginated events and
# resources, a wrong secret key refused, and throttling retried.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"
. "$top_srcdir/tests/lib/doubles.sh"
need_tool aws "the AWS CLI"
PROBE="$top_builddir/tests/aws/aws-probe"
[ -x "$PROBE" ] || bail_out "tests/aws/aws-probe is not built"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-aws-doubles.XXXXXX")
at_exit "rm -rf $tmp"
moto_start
printf '{"license": "pending", "eip_quota": 7, "delay_default": 0.005}\n' >"$tmp/scenario.json"
doubles_start "$tmp/scenario.json" || bail_out "the doubles did not start"
val() { printf '%s\n' "$1" | sed -n "s/^$2=//p" | head -1; }

out=$("$PROBE" quota ec2 L-0263D0A3 2>&1); rc=$?
is "$rc" 0 "GetServiceQuota against the double (signature verified)"
is "$(val "$out" value)" 7 "the scenario's Elastic IP quota"

out=$("$PROBE" licenses 2>&1); rc=$?
is "$rc" 0 "ListReceivedLicenses"
is "$(val "$out" license.0.issuer)" Spacelift "the license's issuer"
out=$("$PROBE" grants 2>&1); rc=$?
is "$rc" 0 "ListReceivedGrants"
grant=$(val "$out" grant.0.arn)
like "$out" "grant.0.status=PENDING_ACCEPT" "the grant waits for acceptance"
out=$("$PROBE" accept "$grant" 2>&1); rc=$?
is "$rc" 0 "AcceptGrant"
out=$("$PROBE" activate "$grant" liftoff-test-token ALL_GRANTS_PERMITTED_BY_ISSUER 2>&1); rc=$?
is "$rc" 0 "CreateGrantVersion (ACTIVE)"
like "$("$PROBE" grants 2>&1)" "grant.0.status=ACTIVE" "the double now reports the grant active"

# A stack with enough resources that its events take two pages.
{
	echo "Resources:"
	for i in $(seq 1 60); do
		printf '  Queue%02d:\n    Type: AWS::SQS::Queue\n' "$i"
	done
	echo "Outputs:"
	echo "  First:"
	echo "    Description: the first queue"
	echo "    Value: !Ref Queue01"
} >"$tmp/template.yaml"
aws cloudformation create-stack --stack-name liftoff-pages --template-body "file://$tmp/template.yaml" >/dev/null 2>&1
tap_ok $? "the AWS CLI creates a 60-resource stack in the double"
aws cloudformation wait stack-create-complete --stack-name liftoff-pages >/dev/null 2>&1
tap_ok $? "the stack completes"

out=$("$PROBE" stacks liftoff-pages 2>&1); rc=$?
is "$rc" 0 "DescribeStacks"
like "$out" "CREATE_COMPLETE" "status read back"
want=$(aws cloudformation describe-stack-events --stack-name liftoff-pages --output json 2>/dev/null | jq '.StackEvents | length')
out=$("$PROBE" events liftoff-pages 2>&1); rc=$?
is "$rc" 0 "DescribeStackEvents, every page"
is "$(val "$out" count)" "$want" "as many events as the AWS CLI reads ($want, over 100)"
[ "${want:-0}" -gt 100 ]; tap_ok $? "the events really span two pages"
out=$("$PROBE" resources liftoff-pages 2>&1); rc=$?
is "$rc" 0 "ListStackResources"
is "$(val "$out" count)" 60 "all 60 resources"

out=$(AWS_SECRET_ACCESS_KEY=not-the-right-secret-key "$PROBE" quota ec2 L-0263D0A3 2>&1); rc=$?
is "$rc" 3 "a wrong secret key is refused"
like "$out" "error.code=InvalidSignatureException" "with AWS's error code"
unlike "$out" "not-the-right-secret-key" "and the secret is not printed"

doubles_scenario '{"throttle_percent": 100}' merge
out=$("$PROBE" --base-ms 1 quota ec2 L-0263D0A3 2>&1); rc=$?
is "$rc" 3 "a throttled call fails in the end"
like "$out" "error.attempts=3" "after the standard three attempts"
like "$out" "[Tt]hrottl|Rate exceeded" "and says it was throttled"

done_testing
