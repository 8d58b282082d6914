#!/bin/bash
# test-demo-release.sh - the demo release generator: both versions build,
# checksums and detached signatures verify (and a changed archive does not),
# the archive has the documented layout and config.json defaults, v2.6 adds
# tracing_enabled and a changed template, and every template deploys in the
# CloudFormation double in the documented order (nested stack included).
# TAP output; writes only under mktemp -d.
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
py=${PYTHON:-python3}
n=0; failed=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; [ -n "${3:-}" ] && printf '%s\n' "$3" | head -20 | sed 's/^/# /'; fi; }
finish() { echo "1..$n"; exit $failed; }

for tool in gpg sha256sum tar jq "$py"; do
    command -v "$tool" >/dev/null || { ok 1 "required tool available: missing $tool"; finish; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/demo-release-test.XXXXXX")
gh=$(mktemp -d /tmp/liftoff-gpgv.XXXXXX)
trap 'GNUPGHOME=$gh gpgconf --kill gpg-agent >/dev/null 2>&1; rm -rf "$tmp" "$gh"' EXIT
out=$tmp/out

"$src/tests/demo/make-release.sh" v2.5.0 "$out" >"$tmp/log" 2>&1; ok $? "make-release.sh v2.5.0" "$(cat "$tmp/log")"
"$src/tests/demo/make-release.sh" v2.6.0 "$out" >"$tmp/log" 2>&1; ok $? "make-release.sh v2.6.0 into the same folder" "$(cat "$tmp/log")"
"$src/tests/demo/make-release.sh" 2.5 "$out" >/dev/null 2>&1; [ $? = 2 ]; ok $? "a malformed version is refused (exit 2)"
for v in v2.5.0 v2.6.0; do
    a=spacelift-self-hosted-$v.tar.gz
    [ -s "$out/$a" ] && [ -s "$out/$a.sha256" ] && [ -s "$out/$a.sig" ]; ok $? "$v: archive, .sha256 and .sig written"
    grep -Eq "^[0-9a-f]{64}  $a\$" "$out/$a.sha256"; ok $? "$v: .sha256 in 'HASH  NAME' form" "$(cat "$out/$a.sha256")"
done
(cd "$out" && sha256sum -c ./*.sha256 >/dev/null 2>&1); ok $? "sha256sum -c accepts both"
fpr=$(cat "$out/FINGERPRINT")
[[ $fpr =~ ^[0-9A-F]{40}$ ]]; ok $? "FINGERPRINT holds a 40-hex fingerprint" "$fpr"
[ -s "$out/spacelift-demo-signing-key.asc" ] && grep -q "BEGIN PGP PUBLIC KEY BLOCK" "$out/spacelift-demo-signing-key.asc"
ok $? "public key exported as spacelift-demo-signing-key.asc"
export GNUPGHOME=$gh
gpg --batch --quiet --import "$out/spacelift-demo-signing-key.asc" 2>/dev/null; ok $? "public key imports into a fresh keyring"
for v in v2.5.0 v2.6.0; do
    a=$out/spacelift-self-hosted-$v.tar.gz
    st=$(gpg --batch --status-fd 1 --verify "$a.sig" "$a" 2>/dev/null)
    grep -q "^\[GNUPG:\] VALIDSIG $fpr " <<<"$st"; ok $? "$v: gpg --verify: good signature by the FINGERPRINT key" "$st"
    head -c 1 "$a.sig" | od -An -c | grep -vq -- "-"; ok $? "$v: signature is binary (not armored)"
done
cp "$out/spacelift-self-hosted-v2.5.0.tar.gz" "$tmp/bad.tar.gz"
printf 'x' >>"$tmp/bad.tar.gz"
! gpg --batch --verify "$out/spacelift-self-hosted-v2.5.0.tar.gz.sig" "$tmp/bad.tar.gz" >/dev/null 2>&1
ok $? "a changed archive fails gpg --verify"
unset GNUPGHOME

mkdir -p "$tmp/x"
tar -C "$tmp/x" -xzf "$out/spacelift-self-hosted-v2.5.0.tar.gz" && tar -C "$tmp/x" -xzf "$out/spacelift-self-hosted-v2.6.0.tar.gz"
ok $? "archives extract"
[ "$(ls "$tmp/x")" = "$(printf 'spacelift-self-hosted-v2.5.0\nspacelift-self-hosted-v2.6.0')" ]; ok $? "single top directory spacelift-self-hosted-<version>/" "$(ls "$tmp/x")"
r5=$tmp/x/spacelift-self-hosted-v2.5.0 r6=$tmp/x/spacelift-self-hosted-v2.6.0
missing=""
for f in config.json bin/spacelift-launcher container-images/spacelift-backend.tar container-images/spacelift-launcher.tar \
    install.sh uninstall.sh scripts/update-sso-settings.sh version cloudformation/workerpool.yaml; do
    [ -s "$r5/$f" ] || missing="$missing $f"
done
stacks="spacelift-bootstrap spacelift-infra-kms spacelift-infra-s3 spacelift-infra-s3-policies spacelift-infra-vpc spacelift-infra-vpc-config spacelift-infra-db-secrets spacelift-infra-db spacelift-infra spacelift-services-loadbalancer spacelift-services-infra spacelift-services spacelift-monitoring"
for s in $stacks; do [ -s "$r5/cloudformation/$s.yaml" ] || missing="$missing cloudformation/$s.yaml"; done
[ -z "$missing" ]; ok $? "documented layout present" "missing:$missing"
[ -x "$r5/install.sh" ] && [ -x "$r5/uninstall.sh" ] && [ -x "$r5/scripts/update-sso-settings.sh" ] && [ -x "$r5/bin/spacelift-launcher" ]
ok $? "scripts and launcher are executable"
[ "$(cat "$r5/version")" = v2.5.0 ] && [ "$(cat "$r6/version")" = v2.6.0 ]; ok $? "version files"
tar -tf "$r5/container-images/spacelift-backend.tar" | grep -q manifest.json; ok $? "container image placeholders are tars"
bash -n "$r5/install.sh" && bash -n "$r5/uninstall.sh" && bash -n "$r5/scripts/update-sso-settings.sh"; ok $? "scripts parse (bash -n)"

out=$("$r5/uninstall.sh" -h 2>&1); rc=$?
[ $rc = 0 ] && [[ $out == *"-c <config-file>"* && $out == *"-f "* && $out == *"-n "* && $out == *"-h "* ]]
ok $? "uninstall.sh -h documents -c, -f, -n, -h" "$out"
jq '.sso_config.admin_login = "admin@example.com" | .sso_config.sso_type = "OIDC"
    | .sso_config.oidc_args = {client_id: "cid", client_credentials: "top-secret-value", identity_provider_host: "https://idp.example.com"}' \
    "$r5/config.json" >"$tmp/sso.json"
out=$("$r5/scripts/update-sso-settings.sh" -c "$tmp/sso.json" 2>&1); rc=$?
[ $rc = 0 ] && [[ $out == *"admin_login: admin@example.com"* && $out == *"client_credentials: ********"* && $out != *top-secret-value* ]]
ok $? "update-sso-settings.sh -c prints what it applies, client_credentials masked" "$out"

c=$r5/config.json
jq -e '
  .account_name == "" and .aws_region == "" and .spacelift_hostname == "" and
  .load_balancer.scheme == "internet-facing" and .load_balancer.ssl_policy == "ELBSecurityPolicy-TLS-1-2-2017-01" and
  .load_balancer.subnet_placement == "public" and .load_balancer.certificate_arn == "" and
  .database.delete_protection_enabled == true and .database.instance_class == "db.t4g.large" and
  .sso_config.sso_type == "" and .sso_config.oidc_args.client_credentials == "" and
  .sso_config.saml_args.name_id_format == "" and .alerting.sns_topic_arn == "" and
  .global_resource_tags == [] and .s3_config.run_logs_expiration_days == 60 and
  .s3_config.access_logs_bucket_expiration_days == 7 and .s3_config.workspaces_bucket_expiration_days == 7 and
  .proxy_config.http_proxy == "" and .tls_config.ca_certificates == [] and .slack_config.enabled == false and
  .vpc_config.vpc_id == "" and .disaster_recovery.is_dr_instance == false and
  .disaster_recovery.s3_bucket_replication.enabled == false' "$c" >/dev/null
ok $? "config.json carries the documented defaults"
! jq -e 'has("tracing_enabled")' "$c" >/dev/null && jq -e '.tracing_enabled == false' "$r6/config.json" >/dev/null
ok $? "tracing_enabled only from v2.6"
! grep -rq "v2\.6" "$r5/cloudformation" "$r6/cloudformation"; ok $? "no version markers left in the templates"
! grep -q ServerTargetResponseTimeHigh "$r5/cloudformation/spacelift-monitoring.yaml" &&
    grep -q ServerTargetResponseTimeHigh "$r6/cloudformation/spacelift-monitoring.yaml"
ok $? "v2.6 monitoring template has an extra alarm"
! diff -q "$r5/cloudformation/spacelift-services.yaml" "$r6/cloudformation/spacelift-services.yaml" >/dev/null
ok $? "v2.6 services template changed"

# Every template deploys in the CloudFormation double, in order.
. "$src/tests/lib/doubles.sh"
printf '{"delay_default": 0, "template_dirs": ["%s"]}\n' "$r6/cloudformation" >"$tmp/sc.json"
if doubles_start "$tmp/sc.json"; then
    res=$("$py" - "$DOUBLES_URL" "$r6/cloudformation" $stacks <<'PY' 2>&1
import sys, time, boto3
url, d, stacks = sys.argv[1], sys.argv[2], sys.argv[3:]
cf = boto3.client("cloudformation", endpoint_url=url, region_name="eu-west-1",
                  aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
params = {"spacelift-services-loadbalancer": {"CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/x"},
          "spacelift-services": {"Version": "v2.6.0", "Hostname": "spacelift.example.com"},
          "spacelift-monitoring": {"SnsTopicArn": "arn:aws:sns:eu-west-1:123456789012:alerts"}}
total = 0
for s in stacks:
    body = open("%s/%s.yaml" % (d, s)).read()
    summ = cf.get_template_summary(TemplateBody=body)
    cf.create_stack(StackName=s, TemplateBody=body, Capabilities=["CAPABILITY_NAMED_IAM"],
                    Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in params.get(s, {}).items()])
    for _ in range(200):
        st = cf.describe_stacks(StackName=s)["Stacks"][0]
        if not st["StackStatus"].endswith("IN_PROGRESS"):
            break
        time.sleep(0.02)
    if st["StackStatus"] != "CREATE_COMPLETE":
        print("%s: %s %s" % (s, st["StackStatus"], st.get("StackStatusReason")))
        sys.exit(1)
    total += len(cf.list_stack_resources(StackName=s)["StackResourceSummaries"])
dns = [o["OutputValue"] for o in cf.describe_stacks(StackName="spacelift-services")["Stacks"][0]["Outputs"] if o["OutputKey"] == "LoadBalancerDNS"]
nested = [x for x in cf.list_stacks()["StackSummaries"] if x.get("ParentId")]
print("resources=%d dns=%s nested=%d" % (total, dns[0] if dns else "", len(nested)))
PY
)
    ok $? "all 13 templates deploy in the double in the documented order" "$res"
    [[ $res =~ resources=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 100 ]; ok $? "over 100 resources in the release ($res)"
    [[ $res =~ dns=spacelift-server-[0-9]{10}\.eu-west-1\.elb\.amazonaws\.com ]]; ok $? "spacelift-services outputs the load balancer DNS" "$res"
    [[ $res =~ nested=1 ]]; ok $? "spacelift-services deploys its nested autoscaling stack" "$res"
    doubles_stop
else
    ok 1 "doubles start"
fi
finish
