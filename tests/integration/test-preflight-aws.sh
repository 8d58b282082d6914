#!/bin/bash
# test-preflight-aws.sh - the AWS and SSO pre-flight checks for real:
# moto (STS, EC2, ACM, SNS, SSM, KMS) and the doubles (License Manager,
# Service Quotas) answer; a local HTTPS server (a CA made here, trusted
# through LIFTOFF_CA_BUNDLE) serves the identity provider's documents.
# One scenario per case, each with --json: the happy path, then every
# failure the issue lists; --accept-license; exit codes 0/1/2/3.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"
. "$top_srcdir/tests/lib/doubles.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"
need_tool "${PYTHON:-python3}" "python3"
"${PYTHON:-python3}" -c 'import boto3, cryptography' 2>/dev/null ||
	bail_out "required tool 'boto3/cryptography' is missing for ${PYTHON:-python3}"

tmp=$(mktemp -d) || bail_out "mktemp failed"
server_pids=
cleanup() {
	local p
	for p in $server_pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
at_exit cleanup
fix() { "${PYTHON:-python3}" "$top_srcdir/tests/integration/preflight-fixtures.py" "$@"; }

moto_start
doubles_start
unset AWS_CA_BUNDLE   # set machine-wide; moto and the doubles are plain http
export AWS_MAX_ATTEMPTS=1

# Certificates, and the HTTPS server for OIDC and SAML documents.
mkdir -p "$tmp/certs" "$tmp/www/good/.well-known" "$tmp/www/noemail/.well-known"
fix certs "$tmp/certs" || bail_out "cannot make certificates"
# start_server PORTFILE ARGS...: a fixtures server in the background.
start_server() {
	local portfile=$1
	shift
	"${PYTHON:-python3}" "$top_srcdir/tests/integration/preflight-fixtures.py" "$@" >/dev/null 2>&1 &
	server_pids="$server_pids $!"
	for _ in $(seq 1 100); do [ -s "$portfile" ] && return 0; sleep 0.1; done
	bail_out "the fixtures server ($1) did not start"
}
start_server "$tmp/port" serve "$tmp/www" "$tmp/certs/server.pem" "$tmp/certs/server.key" "$tmp/port"
start_server "$tmp/sts-port" sts "arn:aws-us-gov:iam::123456789012:user/gov-admin" "$tmp/sts-port"
idp="https://127.0.0.1:$(cat "$tmp/port")"
export LIFTOFF_CA_BUNDLE="$tmp/certs/ca.pem"
discovery() { # DIR SCOPES-JSON
	printf '{"issuer": "%s/%s", "authorization_endpoint": "%s/%s/authorize", "scopes_supported": %s}\n' \
		"$idp" "$1" "$idp" "$1" "$2" >"$tmp/www/$1/.well-known/openid-configuration"
}
discovery good '["openid", "email", "profile"]'
discovery noemail '["openid", "profile"]'
saml_xml() { # CERT-NAME
	local der
	der=$(grep -v -- ----- "$tmp/certs/$1.pem" | tr -d '\n')
	sed "s|@CERT@|$der|" "$top_srcdir/tests/data/eval/saml-idp.xml.tmpl"
}
saml_xml saml-good >"$tmp/www/metadata.xml"
printf '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">\n<md:IDPSSODescriptor>\n</md:EntityDescriptor>\n' >"$tmp/www/broken.xml"

# AWS resources.
good_cert=$(fix acm-import eu-west-1 good "$tmp/certs")
expiring_cert=$(fix acm-import eu-west-1 expiring "$tmp/certs")
other_cert=$(fix acm-import eu-west-1 other "$tmp/certs")
east_cert=$(fix acm-import us-east-1 good "$tmp/certs")
pending_cert=$(fix acm-request spacelift.mycorp.com)
topic_policy='{"Version": "2012-10-17", "Statement": [{"Sid": "cw", "Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}]}'
good_topic=$(fix sns alarms "$topic_policy")
deny_topic=$(fix sns denied '{"Version": "2012-10-17", "Statement": [{"Sid": "NoCloudWatch", "Effect": "Deny", "Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}]}')
open_topic=$(fix sns open '{"Version": "2012-10-17", "Statement": [{"Sid": "everyone", "Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*"}]}')
nopolicy_topic=$(fix sns nopolicy '{"Version": "2012-10-17", "Statement": [{"Sid": "owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sns:Publish", "Resource": "*"}]}')
key=$(fix kms)
disabled_key=$(fix kms disable)
deleted_key=$(fix kms delete)
db_url='{"DATABASE_URL": "postgres://spacelift:S3CRET-PW@db.internal:5432/spacelift?statement_cache_capacity=0"}'
good_param=$(fix ssm /spacelift/db "$db_url" "$key")
notjson_param=$(fix ssm /spacelift/notjson 'postgres://spacelift:S3CRET-PW@db.internal/x' "$key")
good_secret=$(fix secret spacelift-db-url "$db_url" "$key")
[ -n "$good_cert" ] && [ -n "$good_param" ] || bail_out "cannot make the AWS fixtures"

# config FILE [KEY=JSON ...]: minimal.json with the happy path's values,
# then these dotted keys set to JSON values; mode 0600.
config() {
	local file=$1
	shift
	"${PYTHON:-python3}" - "$top_srcdir/tests/data/config/minimal.json" "$file" "$@" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
for kv in sys.argv[3:]:
    k, v = kv.split("=", 1)
    node = doc
    parts = k.split(".")
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = json.loads(v)
fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, json.dumps(doc, indent=2).encode())
os.close(fd)
PY
}
js() { printf '"%s"' "$1"; }
happy=(
	"load_balancer.certificate_arn=$(js "$good_cert")"
	"alerting.sns_topic_arn=$(js "$good_topic")"
	"database.connection_string_ssm_arn=$(js "$good_param")"
	"database.connection_string_ssm_kms_arn=$(js "$key")"
	"sso_config.oidc_args.identity_provider_host=$(js "$idp/good")"
)
AWS_IDS=aws.identity,aws.partition,ec2.eips,license,acm.certificate,alerting.sns-topic,database.self-managed,sso.oidc,sso.saml,config

# preflight [CONFIG-KEY=JSON ...]: --json over the AWS checks; sets out, err, rc.
preflight() {
	config "$tmp/config.json" "${happy[@]}" "$@"
	out=$("$LIFTOFF" -c "$tmp/config.json" --json preflight --only "$AWS_IDS" 2>"$tmp/stderr" </dev/null)
	rc=$?
	err=$(cat "$tmp/stderr")
}
field() { # ID FIELD
	printf '%s' "$out" | "${PYTHON:-python3}" -c "
import json, sys
d = json.load(sys.stdin)
c = [c for c in d['checks'] if c['id'] == sys.argv[1]][0]
v = c
for k in sys.argv[2].split('.'):
    v = v.get(k) if isinstance(v, dict) else None
print('' if v is None else (json.dumps(v) if not isinstance(v, str) else v))" "$1" "$2"
}
status() { field "$1" status; }

# ---- the happy path ----
doubles_scenario '{"license": "active", "eip_quota": 5}'
preflight
is "$rc" 0 "happy path: exit 0"
for id in aws.identity aws.partition ec2.eips license acm.certificate alerting.sns-topic \
	database.self-managed sso.oidc config; do
	is "$(status $id)" pass "happy path: $id passes"
done
is "$(status sso.saml)" skip "happy path: sso.saml skips for OIDC"
like "$(field aws.identity detail)" "^account 123456789012 \(arn:aws:[^)]*\), credentials from environment" \
	"identity: account, ARN and where the credentials came from"
is "$(field aws.identity data.account)" 123456789012 "identity data: account"
like "$(field aws.identity data.source)" "environment" "identity data: source"
like "$(field ec2.eips detail)" "5 of 5 Elastic IPs free in eu-west-1" "eips: quota from Service Quotas"
like "$(field acm.certificate detail)" "issued, covers spacelift\.mycorp\.com" "acm: issued and covering"
unlike "$out$err" "S3CRET-PW" "the database URL is never shown"
is "$(printf '%s' "$out" | "${PYTHON:-python3}" -c 'import json,sys; d=json.load(sys.stdin); print(sorted(d["summary"].keys()))')" \
	"['fail', 'pass', 'skip', 'warn']" "--json summary shape"
unlike "$err" "not built yet" "no check is left unbuilt"

# ---- Elastic IPs ----
doubles_scenario '{"eip_quota": 2}' merge
preflight
is "$rc" 1 "EIP quota exhausted: exit 1"
is "$(status ec2.eips)" fail "EIP quota exhausted: fail"
like "$(field ec2.eips detail)" "only 2 of 2 Elastic IPs free" "says how many are free"
doubles_scenario '{"eip_quota": 5, "quota_denied": true}' merge
preflight
is "$(status ec2.eips)" pass "quota API denied: the default stands in"
like "$(field ec2.eips detail)" "quota API was denied" "and says so"
preflight "vpc_config.use_custom_vpc=true"
is "$(status ec2.eips)" skip "custom VPC: skip"
doubles_scenario '{"quota_denied": false}' merge

# ---- license ----
doubles_scenario '{"license": "none"}' merge
preflight
is "$(status license)" fail "no license: fail"
like "$(field license detail)" "[Nn]o Spacelift license" "no license: says so"
doubles_scenario '{"license": "pending"}' merge
preflight
is "$rc" 1 "license not accepted: exit 1"
is "$(status license)" fail "license not accepted yet: fail"
like "$(field license hint)" "--accept-license" "hint: --accept-license"
config "$tmp/config.json" "${happy[@]}"
"$LIFTOFF" -c "$tmp/config.json" preflight --accept-license </dev/null >"$tmp/o" 2>"$tmp/e"
is "$?" 2 "--accept-license without a terminal and without --yes: exit 2"
like "$(cat "$tmp/e")" "add --yes" "and says how"
"$LIFTOFF" -c "$tmp/config.json" preflight --accept-license --yes </dev/null >"$tmp/o" 2>"$tmp/e"
is "$?" 0 "--accept-license --yes: exit 0"
like "$(cat "$tmp/o")" "^license +pass +Spacelift Self-Hosted license is active" "the license is active now"
preflight
is "$(status license)" pass "the license check passes afterwards"
"$LIFTOFF" -c "$tmp/config.json" preflight --accept-license --yes </dev/null >"$tmp/o" 2>"$tmp/e"
is "$?" 0 "--accept-license on an active license: exit 0, nothing to do"
doubles_scenario '{"license": "active"}' merge

# ---- ACM ----
preflight "load_balancer.certificate_arn=$(js "$pending_cert")"
is "$(status acm.certificate)" fail "pending certificate: fail"
like "$(field acm.certificate detail)" "[Pp]ending|PENDING_VALIDATION|validat" "says it is pending"
# moto refuses to import an expired certificate ("The certificate has
# expired"); the expired verdict is covered by test-eval-acm.
preflight "load_balancer.certificate_arn=$(js "$expiring_cert")"
is "$(status acm.certificate)" warn "certificate expiring in 10 days: warn"
like "$(field acm.certificate detail)" "expires on .* in (9|10) days" "says when it expires"
preflight "load_balancer.certificate_arn=$(js "$other_cert")"
is "$(status acm.certificate)" fail "certificate for another name: fail"
like "$(field acm.certificate detail)" "does not cover spacelift\.mycorp\.com|not.*cover" "says it does not cover the hostname"
like "$(field acm.certificate hint)" "Certificates that cover spacelift\.mycorp\.com: .*$good_cert" \
	"the hint lists a certificate that covers the hostname"
is "$(field acm.certificate data.candidates | "${PYTHON:-python3}" -c 'import json,sys; print(json.load(sys.stdin)[0]["CertificateArn"])')" \
	"$good_cert" "data.candidates: the usable one first"
# A certificate in another region: the config rules see it in the ARN
# first, so the config check fails and acm.certificate waits for it (its
# own "is in us-east-1" verdict is covered by test-eval-acm).
preflight "load_balancer.certificate_arn=$(js "$east_cert")"
is "$(status config)" fail "certificate in another region: config fails"
like "$(field config detail)" "load_balancer\.certificate_arn: .*us-east-1" "naming the certificate's region"
is "$(status acm.certificate)" skip "and acm.certificate is skipped"
preflight "load_balancer.certificate_arn=$(js "${good_cert%/*}/00000000-0000-0000-0000-000000000000")"
is "$(status acm.certificate)" fail "a certificate that does not exist: fail"
like "$(field acm.certificate detail)" "was not found" "says it was not found"

# ---- SNS ----
preflight "alerting.sns_topic_arn=$(js "${good_topic%:*}:missing")"
is "$(status alerting.sns-topic)" fail "missing topic: fail"
preflight "alerting.sns_topic_arn=$(js "$nopolicy_topic")"
is "$(status alerting.sns-topic)" fail "policy without CloudWatch: fail"
like "$(field alerting.sns-topic hint)" "cloudwatch\.amazonaws\.com" "hint names CloudWatch's principal"
preflight "alerting.sns_topic_arn=$(js "$deny_topic")"
is "$(status alerting.sns-topic)" fail "policy that denies: fail"
like "$(field alerting.sns-topic detail)" "NoCloudWatch" "names the denying statement"
preflight "alerting.sns_topic_arn=$(js "$open_topic")"
is "$(status alerting.sns-topic)" warn "policy open to everyone: warn"
preflight "alerting.sns_topic_arn=\"\""
is "$(status alerting.sns-topic)" skip "no topic: skip"

# ---- self-managed database ----
preflight "database.connection_string_ssm_arn=$(js "${good_param%/spacelift/db}/spacelift/missing")"
is "$(status database.self-managed)" fail "missing parameter: fail"
like "$(field database.self-managed detail)" "does not exist" "says it does not exist"
preflight "database.connection_string_ssm_kms_arn=$(js "$disabled_key")"
is "$(status database.self-managed)" fail "key disabled (cannot decrypt): fail"
like "$(field database.self-managed detail)" "disabled" "says the key is disabled"
preflight "database.connection_string_ssm_kms_arn=$(js "$deleted_key")"
is "$(status database.self-managed)" fail "key scheduled for deletion: fail"
like "$(field database.self-managed detail)" "scheduled for deletion" "says so"
preflight "database.connection_string_ssm_arn=$(js "$notjson_param")"
is "$(status database.self-managed)" fail "value is not JSON: fail"
like "$(field database.self-managed detail)" "JSON" "says it is not JSON"
unlike "$out$err" "S3CRET-PW" "the value is not shown"
preflight "database.connection_string_ssm_arn=$(js "$good_secret")"
is "$(status database.self-managed)" pass "a Secrets Manager secret (GetSecretValue): pass"
unlike "$out$err" "S3CRET-PW" "its value is not shown either"
preflight "database.connection_string_ssm_arn=\"\"" "database.connection_string_ssm_kms_arn=\"\""
is "$(status database.self-managed)" skip "managed database: skip"

# ---- OIDC and SAML ----
preflight "sso_config.oidc_args.identity_provider_host=$(js "$idp/noemail")"
is "$(status sso.oidc)" fail "OIDC without the email scope: fail"
like "$(field sso.oidc detail)" "email" "says email is missing"
preflight "sso_config.oidc_args.identity_provider_host=$(js "https://127.0.0.1:1/x")"
is "$(status sso.oidc)" fail "OIDC provider unreachable: fail"
like "$(field sso.oidc detail)" "network error" "says network error"
saml=("sso_config.sso_type=\"SAML\"" "sso_config.oidc_args={}")
preflight "${saml[@]}" "sso_config.saml_args={\"dynamic\": true, \"metadata\": \"$idp/metadata.xml\"}"
is "$(status sso.saml)" pass "SAML metadata over https: pass"
is "$(status sso.oidc)" skip "SAML selected: sso.oidc skips"
xml=$(saml_xml saml-expired | "${PYTHON:-python3}" -c 'import json,sys; print(json.dumps(sys.stdin.read()))')
preflight "${saml[@]}" "sso_config.saml_args={\"dynamic\": false, \"metadata\": $xml}"
is "$(status sso.saml)" fail "SAML metadata with an expired certificate: fail"
like "$(field sso.saml detail)" "expired" "says it expired"
# Broken XML in config.json is the config rules' to find; fetched, it is sso.saml's.
preflight "${saml[@]}" "sso_config.saml_args={\"dynamic\": true, \"metadata\": \"$idp/broken.xml\"}"
is "$(status sso.saml)" fail "broken SAML metadata: fail"
like "$(field sso.saml detail)" "line [0-9]" "with the parser's line"

# ---- partition, credentials, network ----
# moto's STS answers in the signing region's partition, so GovCloud
# credentials meeting a commercial region come from the canned STS.
out=$(AWS_ENDPOINT_URL_STS="http://127.0.0.1:$(cat "$tmp/sts-port")" "$LIFTOFF" -c "$tmp/config.json" --json preflight --only aws.partition 2>/dev/null </dev/null)
is "$?" 1 "GovCloud credentials in a commercial region: exit 1"
is "$(status aws.partition)" fail "GovCloud credentials meet a commercial region: fail"
like "$(field aws.partition detail)" "aws-us-gov" "names the GovCloud partition"
out=$(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; "$LIFTOFF" -c "$tmp/config.json" --json preflight --only aws.identity 2>/dev/null </dev/null)
is "$(status aws.identity)" fail "no credentials: fail"
like "$(field aws.identity hint)" "." "no credentials: with the chain's hint"
out=$(AWS_ENDPOINT_URL="http://127.0.0.1:$(free_port)" "$LIFTOFF" -c "$tmp/config.json" --json preflight --only ec2.eips 2>/dev/null </dev/null)
rc=$?
is "$rc" 1 "AWS unreachable: exit 1"
like "$(field aws.identity detail)" "^network error: .*not a verdict on the account" "a network error says it is not a verdict"
is "$(status ec2.eips)" skip "and the checks after it skip"
"$LIFTOFF" -c "$tmp/nope.json" preflight --only aws.identity >/dev/null 2>&1 </dev/null
is "$?" 3 "-c naming a missing file: exit 3"
printf '{"aws_region": ' >"$tmp/broken.json"
out=$("$LIFTOFF" -c "$tmp/broken.json" --json preflight --only config,license 2>/dev/null </dev/null)
is "$(status config)" fail "config.json that is not JSON: config fails"
is "$(status license)" skip "and the checks that need it skip"

done_testing
