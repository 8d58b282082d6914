#!/bin/bash
# bench-preflight.sh - the whole AWS pre-flight against the same AWS calls
# made one after another by the AWS CLI, as install.sh-style scripts make
# them, on moto and the doubles.
#
#   bench/bench-preflight.sh [ROUNDS]   (run from a build directory after make)
#
# Fixtures as in tests/integration/test-preflight-aws.sh (a certificate, a
# topic, an SSM parameter and its KMS key, a license, an OIDC discovery
# document on a local HTTPS server).  Each round runs
#   liftoff --json preflight --only <the AWS and SSO checks>
# and then the 11 calls those checks make (STS, EC2, Service Quotas, 2 x
# License Manager, ACM, SNS, SSM, KMS, curl for the discovery document),
# one after another with the AWS CLI.  Prints the median wall times, the
# ratio, and liftoff's slowest single check (duration_ms from --json): the
# whole pre-flight should take about as long as that check.
# Not part of make check; no timing ever goes in a test.
set -u
ROUNDS=${1:-5}
top_builddir=${top_builddir:-$(pwd)}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
LIFTOFF=${LIFTOFF:-$top_builddir/liftoff}
PYTHON=${PYTHON:-python3}
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"
. "$top_srcdir/tests/lib/doubles.sh"
. "$top_srcdir/bench/lib.sh"
[ -x "$LIFTOFF" ] || { echo "build first: make ($LIFTOFF is missing)" >&2; exit 1; }
need_tool aws "pip install awscli"
need_tool curl "apt-get install curl"
moto_start >/dev/null
doubles_start >/dev/null
unset AWS_CA_BUNDLE
doubles_scenario '{"license": "active"}' >/dev/null

tmp=$(mktemp -d) || exit 1
server=
finish() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"; }
at_exit finish
fix() { "$PYTHON" "$top_srcdir/tests/integration/preflight-fixtures.py" "$@"; }
mkdir -p "$tmp/certs" "$tmp/www/idp/.well-known"
fix certs "$tmp/certs"
"$PYTHON" "$top_srcdir/tests/integration/preflight-fixtures.py" serve "$tmp/www" \
	"$tmp/certs/server.pem" "$tmp/certs/server.key" "$tmp/port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
idp="https://127.0.0.1:$(cat "$tmp/port")/idp"
printf '{"issuer": "%s", "scopes_supported": ["openid", "email"]}\n' "$idp" \
	>"$tmp/www/idp/.well-known/openid-configuration"
export LIFTOFF_CA_BUNDLE=$tmp/certs/ca.pem
cert=$(fix acm-import eu-west-1 good "$tmp/certs")
topic=$(fix sns alarms '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}]}')
key=$(fix kms)
param=$(fix ssm /spacelift/db '{"DATABASE_URL": "postgres://u:p@db:5432/s?statement_cache_capacity=0"}' "$key")
"$PYTHON" - "$top_srcdir/tests/data/config/minimal.json" "$tmp/config.json" "$cert" "$topic" \
	"$param" "$key" "$idp" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
d["load_balancer"]["certificate_arn"] = sys.argv[3]
d["alerting"] = {"sns_topic_arn": sys.argv[4]}
d["database"] = {"connection_string_ssm_arn": sys.argv[5], "connection_string_ssm_kms_arn": sys.argv[6]}
d["sso_config"]["oidc_args"]["identity_provider_host"] = sys.argv[7]
fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, json.dumps(d).encode())
os.close(fd)
PY
IDS=aws.identity,aws.partition,ec2.eips,license,acm.certificate,alerting.sns-topic,database.self-managed,sso.oidc,config

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

cli_calls() {
	aws sts get-caller-identity &&
	aws ec2 describe-addresses &&
	aws service-quotas get-service-quota --service-code ec2 --quota-code L-0263D0A3 &&
	aws license-manager list-received-licenses &&
	aws license-manager list-received-grants &&
	aws acm describe-certificate --certificate-arn "$cert" &&
	aws sns get-topic-attributes --topic-arn "$topic" &&
	aws ssm get-parameter --name "$param" --with-decryption &&
	aws kms describe-key --key-id "$key" &&
	curl -sf --cacert "$LIFTOFF_CA_BUNDLE" "$idp/.well-known/openid-configuration"
}

# Warm up both (moto's first answers pay for its imports).
"$LIFTOFF" -c "$tmp/config.json" --json preflight --only "$IDS" >/dev/null
cli_calls >/dev/null || { echo "the AWS CLI calls failed" >&2; exit 1; }

: >"$tmp/lo"; : >"$tmp/cli"; : >"$tmp/slow"
for _ in $(seq "$ROUNDS"); do
	t0=$(now)
	"$LIFTOFF" -c "$tmp/config.json" --json preflight --only "$IDS" >"$tmp/out.json"
	rc=$?
	t1=$(now)
	[ "$rc" = 0 ] || { echo "liftoff preflight failed (exit $rc):" >&2; cat "$tmp/out.json" >&2; exit 1; }
	elapsed "$t0" "$t1" >>"$tmp/lo"
	"$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); c=max(d["checks"], key=lambda c: c["duration_ms"]); print(c["duration_ms"], c["id"])' \
		"$tmp/out.json" >>"$tmp/slow"
	t0=$(now); cli_calls >/dev/null; t1=$(now)
	elapsed "$t0" "$t1" >>"$tmp/cli"
done
lo=$(median <"$tmp/lo")
cli=$(median <"$tmp/cli")
slow=$(sort -n "$tmp/slow" | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
echo "pre-flight, 9 AWS/SSO checks, 11 calls; median of $ROUNDS rounds"
printf '  liftoff preflight (concurrent):   %s s\n' "$lo"
printf '  AWS CLI + curl, one after another: %s s\n' "$cli"
printf '  ratio (CLI / liftoff):            %s\n' "$(awk -v a="$cli" -v b="$lo" 'BEGIN { printf "%.1f", a / b }')"
printf '  liftoff slowest single check:     %s ms (%s)\n' "${slow% *}" "${slow#* }"
# The CLI's figure is the largest of its processes (GNU time reports the
# peak over the waited-for children of the bash that runs them in turn).
export -f cli_calls
export cert topic param key idp LIFTOFF_CA_BUNDLE
print_memory "liftoff preflight" \
	"$(peak_rss_kib "$LIFTOFF" -c "$tmp/config.json" --json preflight --only "$IDS")" \
	"AWS CLI (largest call)" "$(peak_rss_kib bash -c cli_calls)"
