#!/usr/bin/env bash
# run-demo.sh - show liftoff installing the signed demo release into a fake
# AWS account, with no network and no real AWS.
#
# Design: start moto (STS, ACM, SNS, SSM, EC2 ...) and liftoff's doubles
# (License Manager, Service Quotas, CloudFormation at demo speed) on loopback,
# build the demo release into ./demo/ if it is not there yet, seed moto with
# what a happy install needs (an ISSUED ACM certificate imported from a
# self-signed openssl cert, an SNS topic whose policy lets CloudWatch
# publish), then run `liftoff install` in the foreground.  While the wizard is
# not built (liftoff exits 2 saying so) or liftoff is missing, show what
# exists instead: `liftoff verify` on the archive, `liftoff config validate`
# and `liftoff preflight` on the demo config, then the demo release's own
# install.sh deploying its stacks into the doubles.  Everything started here
# is stopped on exit, Ctrl-C included.
#
# Environment:
#   LIFTOFF               liftoff binary (default ./liftoff)
#   DEMO_VERSION          release version to build and install (default v2.5.0)
#   DEMO_SPEED            multiplies every resource delay (default 1; 0.2 = 5x faster)
#   DEMO_KEEP=1           keep moto and the doubles running until Ctrl-C at the end
#   LIFTOFF_INSTALL_ARGS  extra arguments for `liftoff install`
#   PYTHON                interpreter that can import moto and boto3 (default python3)
set -uo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
py=${PYTHON:-python3}
export PYTHON=$py
liftoff=${LIFTOFF:-./liftoff}
version=${DEMO_VERSION:-v2.5.0}
speed=${DEMO_SPEED:-1}
demo=$PWD/demo
hostname=spacelift.demo.example.com

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'run-demo: %s\n' "$*" >&2; exit 1; }

missing=""
for tool in aws jq gpg openssl tar "$py"; do
    command -v "$tool" >/dev/null || missing="$missing $tool"
done
[ -z "$missing" ] || die "missing tools:$missing"
"$py" -c "import moto, boto3, yaml" 2>/dev/null || die "$py cannot import moto, boto3 and yaml (set PYTHON)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-demo.XXXXXX")
# The demo's signing key goes into a keyring of the demo's own, not the
# admin's liftoff keyring.
export LIFTOFF_GNUPGHOME=$demo/gnupg
. "$src/tests/lib/moto.sh"
. "$src/tests/lib/doubles.sh"
cleanup() {
    trap - EXIT INT TERM
    doubles_stop
    moto_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo; echo "run-demo: interrupted, stopping moto and the doubles"; exit 130' INT TERM

# 1. the release
archive=$demo/spacelift-self-hosted-$version.tar.gz
if [ ! -f "$archive" ]; then
    say "Building the demo release $version into $demo"
    "$src/tests/demo/make-release.sh" "$version" "$demo" || die "make-release.sh failed"
else
    say "Using the demo release already in $demo"
fi
key=$demo/spacelift-demo-signing-key.asc
fpr=$(cat "$demo/FINGERPRINT")
rel=$tmp/spacelift-self-hosted-$version
tar -C "$tmp" -xzf "$archive" || die "cannot extract $archive"

# 2. fake AWS
say "Starting moto and the liftoff doubles on 127.0.0.1"
moto_start || die "moto did not start"
doubles_start "$src/tests/demo/demo-scenario.yaml" || die "the doubles did not start"
doubles_scenario "$(jq -cn --arg dir "$rel/cloudformation" --argjson scale "$speed" \
    '{template_dirs: [$dir], delay_scale: $scale}')" merge || die "could not set the demo scenario"
export AWS_MAX_ATTEMPTS=5
echo "moto:    $AWS_ENDPOINT_URL"
echo "doubles: $DOUBLES_URL (License Manager, Service Quotas, CloudFormation)"
{
    echo "# source this in another terminal to look around while the demo runs"
    for v in AWS_ENDPOINT_URL AWS_ENDPOINT_URL_LICENSE_MANAGER AWS_ENDPOINT_URL_SERVICE_QUOTAS \
        AWS_ENDPOINT_URL_CLOUDFORMATION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION \
        AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE; do
        printf 'export %s=%q\n' "$v" "${!v}"
    done
} >"$demo/env.sh"
echo "(. $demo/env.sh in another terminal, then e.g. aws cloudformation describe-stack-events --stack-name spacelift-infra-vpc-config)"

# 3. seed moto
say "Seeding moto: ACM certificate for $hostname, SNS topic for alarms"
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$hostname" \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1 || die "openssl could not make a certificate"
cert_arn=$(aws acm import-certificate --certificate "fileb://$tmp/cert.pem" --private-key "fileb://$tmp/key.pem" \
    --query CertificateArn --output text) || die "ACM import failed"
status=$(aws acm describe-certificate --certificate-arn "$cert_arn" --query Certificate.Status --output text)
echo "certificate: $cert_arn ($status)"
topic_arn=$(aws sns create-topic --name spacelift-alerts --query TopicArn --output text) || die "SNS create-topic failed"
account=$(aws sts get-caller-identity --query Account --output text)
policy=$(jq -cn --arg t "$topic_arn" --arg a "$account" '{Version: "2012-10-17", Statement: [
    {Sid: "AllowCloudWatchAlarms", Effect: "Allow", Principal: {Service: "cloudwatch.amazonaws.com"},
     Action: "sns:Publish", Resource: $t, Condition: {ArnLike: {"aws:SourceArn": ("arn:aws:cloudwatch:eu-west-1:" + $a + ":alarm:*")}}}]}')
aws sns set-topic-attributes --topic-arn "$topic_arn" --attribute-name Policy --attribute-value "$policy" || die "SNS policy failed"
echo "topic:       $topic_arn (cloudwatch.amazonaws.com may publish)"

# The identity provider: static SAML metadata (signed by the same
# self-signed certificate), so the SSO check works with no network.
idp_cert=$(sed -e '/-----/d' "$tmp/cert.pem" | tr -d '\n')
metadata="<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.demo.example.com/saml\"><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"><md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>$idp_cert</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat><md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.demo.example.com/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>"

config=$demo/config-$version.json
# config.json holds secrets: 0600, as liftoff itself writes it.
(umask 077; jq --arg cert "$cert_arn" --arg topic "$topic_arn" --arg host "$hostname" --arg md "$metadata" '
    .account_name = "demo" | .aws_region = "eu-west-1" | .spacelift_hostname = $host
    | .load_balancer.certificate_arn = $cert | .alerting.sns_topic_arn = $topic
    | .sso_config.admin_login = "admin@example.com" | .sso_config.sso_type = "SAML"
    | .sso_config.saml_args = {dynamic: false, metadata: $md, name_id_format: "TRANSIENT"}' \
    "$rel/config.json" >"$config")
echo "config:      $config"

run_install_sh() {
    say "Running the demo release's own install.sh against the doubles (answering 'yes')"
    echo "(the stacks progress at demo speed; DEMO_SPEED=$speed)"
    (cd "$rel" && echo yes | SPACELIFT_POLL_SECONDS=2 ./install.sh -c "$config")
}

# 4. liftoff
rc=0
if [ ! -x "$liftoff" ]; then
    say "liftoff not found at $liftoff: skipping the liftoff parts (build it, or set LIFTOFF=/path/to/liftoff)"
    run_install_sh; rc=$?
else
    say "Running: $liftoff install --release $archive ${LIFTOFF_INSTALL_ARGS:-}"
    # shellcheck disable=SC2086
    "$liftoff" install --release "$archive" ${LIFTOFF_INSTALL_ARGS:-} 2> >(tee "$tmp/liftoff.err" >&2)
    rc=$?
    sleep 0.2
    if [ $rc = 2 ] && grep -qi "not built" "$tmp/liftoff.err"; then
        say "liftoff install is not built yet; showing what exists instead"
        say "Running: $liftoff verify --key $key --fingerprint $fpr $archive"
        "$liftoff" verify --key "$key" --fingerprint "$fpr" "$archive"
        vrc=$?
        [ $vrc = 0 ] || echo "run-demo: liftoff verify exited with $vrc"
        say "Running: $liftoff config validate -c $config"
        "$liftoff" config validate -c "$config"
        say "Running: $liftoff preflight -c $config"
        "$liftoff" preflight -c "$config"
        run_install_sh; rc=$?
    fi
fi

if [ $rc = 0 ]; then
    say "Demo finished"
else
    say "Demo finished with exit status $rc"
fi
if [ "${DEMO_KEEP:-0}" = 1 ]; then
    echo "moto and the doubles keep running (. $demo/env.sh to use them); press Ctrl-C to stop"
    while :; do sleep 3600; done
fi
exit $rc
