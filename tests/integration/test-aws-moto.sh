#!/bin/bash
# test-aws-moto.sh - every operation moto serves, through liftoff's AWS
# client (tests/aws/aws-probe) and `liftoff whoami`, against fixtures
# created with boto3 (tests/aws/moto_fixtures.py).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"

PROBE="$top_builddir/tests/aws/aws-probe"
[ -x "$PROBE" ] || bail_out "tests/aws/aws-probe is not built"
moto_start
WORK=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-aws.XXXXXX")
cleanup_work() { rm -rf "$WORK"; }
at_exit cleanup_work

"$PYTHON" "$top_srcdir/tests/aws/moto_fixtures.py" >"$WORK/fixtures" 2>"$WORK/fixtures.err" ||
	bail_out "fixtures failed: $(tail -3 "$WORK/fixtures.err")"
# shellcheck disable=SC1091
. "$WORK/fixtures"

probe() { "$PROBE" "$@" 2>"$WORK/stderr"; }

# --- whoami ---
out=$("$LIFTOFF" whoami 2>&1); rc=$?
is "$rc" 0 "whoami succeeds against moto"
like "$out" "Account: +123456789012" "whoami prints the account"
like "$out" "ARN: +arn:aws:" "whoami prints the ARN"
like "$out" "Partition: +aws$" "whoami prints the partition"
like "$out" "Region: +eu-west-1" "whoami prints the region"
like "$out" "Source: +environment" "whoami prints where the credentials came from"
unlike "$out" "$AWS_SECRET_ACCESS_KEY" "whoami never prints the secret key"
out=$("$LIFTOFF" whoami --json); rc=$?
is "$rc" 0 "whoami --json succeeds"
is "$(printf '%s' "$out" | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(str(d[k]) for k in ("account","partition","region","source")))')" \
	"123456789012 aws eu-west-1 environment" "whoami --json has account, partition, region, source"
like "$out" '"arn": "arn:aws:' "whoami --json has the ARN"
out=$(env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$LIFTOFF" whoami 2>&1); rc=$?
is "$rc" 3 "whoami without credentials exits 3"
like "$out" "credentials" "and says credentials are missing"
out=$(AWS_ENDPOINT_URL=http://127.0.0.1:1 AWS_MAX_ATTEMPTS=1 "$LIFTOFF" whoami 2>&1); rc=$?
is "$rc" 3 "whoami with an unreachable endpoint exits 3"
like "$out" "network error" "and says it is a network error"
unlike "$out" "$AWS_SECRET_ACCESS_KEY" "and prints no secret"

# --- STS ---
out=$(probe identity); is "$?" 0 "GetCallerIdentity"
like "$out" "^account=123456789012$" "GetCallerIdentity: account"
out=$(probe assume "$ROLE_ARN"); is "$?" 0 "AssumeRole"
like "$out" "^access_key_id=ASIA" "AssumeRole: a temporary access key"
like "$out" "^secret_len=[1-9]" "AssumeRole: a secret key (as lo_secret)"
like "$out" "^token_len=[1-9]" "AssumeRole: a session token (as lo_secret)"
like "$out" "^assumed_role_arn=arn:aws:sts::123456789012:assumed-role/liftoff-role/" "AssumeRole: the role ARN"

# --- EC2 ---
out=$(probe addresses); is "$?" 0 "DescribeAddresses"
like "$out" "^address.0.public_ip=$EIP$" "DescribeAddresses: the public IP"
like "$out" "^address.0.allocation_id=$EIP_ALLOC$" "DescribeAddresses: the allocation id"
like "$out" "^address.0.tag.Name=liftoff-eip$" "DescribeAddresses: tags (EC2 item lists)"
out=$(probe regions); is "$?" 0 "DescribeRegions"
like "$out" "region.[0-9]+.name=eu-west-1" "DescribeRegions lists eu-west-1"

# --- SNS, SSM, KMS, Secrets Manager, ACM ---
out=$(probe topic "$TOPIC_ARN"); is "$?" 0 "GetTopicAttributes"
like "$out" "^attr.TopicArn=$TOPIC_ARN$" "GetTopicAttributes: the attribute map"
out=$(probe param /liftoff/db-url); is "$?" 0 "GetParameter WithDecryption"
want=$(printf '%s' 'postgres://u:s3cret@db/x' | sha256sum | cut -d' ' -f1)
like "$out" "^value_sha256=$want$" "GetParameter: the decrypted value"
like "$out" "^type=SecureString$" "GetParameter: the type"
unlike "$out" "s3cret" "the parameter value is not printed"
out=$(probe params /liftoff/many); is "$?" 0 "DescribeParameters"
like "$out" "^count=12$" "DescribeParameters: all 12 across pages (NextToken)"
out=$(probe key "$KEY_ID"); is "$?" 0 "DescribeKey"
like "$out" "^key_state=Enabled$" "DescribeKey: the state"
out=$(probe secret liftoff/secret); is "$?" 0 "DescribeSecret"
like "$out" "^arn=$SECRET_ARN$" "DescribeSecret: the ARN"
like "$out" "^tag.app=liftoff$" "DescribeSecret: tags"
out=$(probe certs); is "$?" 0 "ListCertificates"
like "$out" "^cert.0.arn=$CERT_ARN$" "ListCertificates: the certificate"
out=$(probe cert "$CERT_ARN"); is "$?" 0 "DescribeCertificate"
like "$out" "^cert.0.domain=spacelift.example.com$" "DescribeCertificate: the domain"
like "$out" "^cert.0.sans=2$" "DescribeCertificate: subject alternative names"

# --- CloudFormation, CloudWatch, ELBv2 ---
out=$(probe stacks liftoff-stack); is "$?" 0 "DescribeStacks"
like "$out" "^stack.0.status=CREATE_COMPLETE$" "DescribeStacks: the status"
like "$out" "^stack.0.output.TopicArn=arn:aws:sns:" "DescribeStacks: outputs"
like "$out" "^stack.0.param.Env=prod$" "DescribeStacks: parameters"
out=$(probe list-stacks); is "$?" 0 "ListStacks"
like "$out" "^count=4$" "ListStacks: every stack"
out=$(probe events liftoff-stack); is "$?" 0 "DescribeStackEvents"
like "$out" "event.[0-9]+.type=AWS::CloudFormation::Stack" "DescribeStackEvents: the stack's events"
out=$(probe resources liftoff-stack); is "$?" 0 "ListStackResources"
like "$out" "^resource.0.type=AWS::SNS::Topic$" "ListStackResources: the topic"
out=$(probe resource liftoff-stack Topic); is "$?" 0 "DescribeStackResource"
like "$out" "^resource.0.status=CREATE_COMPLETE$" "DescribeStackResource: the status"
tmpl='{"AWSTemplateFormatVersion":"2010-09-09","Description":"d1","Parameters":{"A":{"Type":"String","Default":"x","NoEcho":true}},"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}'
out=$(probe template-summary "$tmpl"); is "$?" 0 "GetTemplateSummary"
like "$out" "^param.0.key=A$" "GetTemplateSummary: parameters"
like "$out" "^param.0.no_echo=1$" "GetTemplateSummary: NoEcho"
out=$(probe alarms); is "$?" 0 "DescribeAlarms"
like "$out" "^alarm.0.name=liftoff-alarm$" "DescribeAlarms: the alarm"
out=$(probe lbs); is "$?" 0 "DescribeLoadBalancers"
like "$out" "^lb.0.name=liftoff-lb$" "DescribeLoadBalancers: the load balancer"
like "$out" "^lb.0.state=active$" "DescribeLoadBalancers: its state"

# --- errors ---
out=$(probe key no-such-key); rc=$?
is "$rc" 3 "a service error fails"
like "$out" "^error.kind=service$" "error: kind"
like "$out" "^error.service=KMS$" "error: service"
like "$out" "^error.operation=DescribeKey$" "error: operation"
like "$out" "^error.status=4[0-9][0-9]$" "error: HTTP status"
like "$out" "^error.code=NotFoundException$" "error: code (JSON __type)"
like "$out" "^error.request_id=.+" "error: request id"
err=$(cat "$WORK/stderr")
like "$err" "KMS DescribeKey failed: NotFoundException" "error text names service, operation and code"
unlike "$err" "$AWS_SECRET_ACCESS_KEY" "no secret key on stderr"
out=$(probe stacks no-such-stack); rc=$?
is "$rc" 3 "a query-protocol error fails"
like "$out" "^error.code=ValidationError$" "error: code (XML ErrorResponse)"

# --- concurrency ---
out=$(probe batch 20); is "$?" 0 "20 concurrent mixed calls all succeed"
like "$out" "^in_flight=20$" "all 20 were started at once"

done_testing
