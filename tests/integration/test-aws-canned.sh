#!/bin/bash
# test-aws-canned.sh - request building and response parsing for the
# operations served by project doubles elsewhere (License Manager, Service
# Quotas) and CloudFormation pagination, against tests/aws/fake_aws.py,
# which answers like the botocore models and records each request.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/aws/fake.sh"

PROBE="$top_builddir/tests/aws/aws-probe"
[ -x "$PROBE" ] || bail_out "tests/aws/aws-probe is not built"
need_tool "${PYTHON:-python3}"

# --- License Manager: ListReceivedLicenses, two pages ---
fake_start ""
out=$("$PROBE" licenses ProductSKU=prod-sku-1 2>&1); rc=$?
is "$rc" 0 "ListReceivedLicenses"
like "$out" "^count=2$" "both pages read (NextToken)"
like "$out" "^license.0.arn=arn:aws:license-manager::294406891311:license:l-aaaa$" "LicenseArn"
like "$out" "^license.0.issuer=AWS/Marketplace$" "Issuer.Name"
like "$out" "^license.0.received_status=ACTIVE$" "ReceivedMetadata.ReceivedStatus"
like "$out" "^license.0.validity_end=2027-01-01T00:00:00Z$" "Validity.End"
like "$out" "^license.0.entitlement.Workers=Count/10$" "Entitlements"
like "$out" "^license.1.product_sku=prod-sku-2$" "the second page's license"
is "$(fake_requests)" 2 "two requests"
is "$(fake_field 1 target)" "AWSLicenseManager.ListReceivedLicenses" "X-Amz-Target"
is "$(fake_field 1 ctype)" "application/x-amz-json-1.1" "Content-Type is JSON 1.1"
is "$(fake_field 1 signed)" "true" "the request is signed"
is "$(fake_field 1 body)" '{"Filters":[{"Name":"ProductSKU","Values":["prod-sku-1"]}]}' "the filter in the body"
is "$(fake_field 2 body)" '{"Filters":[{"Name":"ProductSKU","Values":["prod-sku-1"]}],"NextToken":"page2"}' \
	"the second request carries NextToken"
is "$(fake_field 1 peer)" "$(fake_field 2 peer)" "the second page reuses the connection"
is "$(fake_signatures_ok)" yes "botocore verifies both requests' signatures (JSON 1.1)"
like "$(fake_field 1 accept_encoding)" "gzip" "gzip is accepted (and the answers above came gzipped)"

# --- License Manager: grants ---
fake_start ""
out=$("$PROBE" grants 2>&1); rc=$?
is "$rc" 0 "ListReceivedGrants"
like "$out" "^grant.0.status=PENDING_ACCEPT$" "GrantStatus"
like "$out" "^grant.0.operations=3$" "GrantedOperations"
is "$(fake_field 1 target)" "AWSLicenseManager.ListReceivedGrants" "X-Amz-Target"
is "$(fake_field 1 body)" '{}' "an empty request body is {}"

G=arn:aws:license-manager::294406891311:grant:g-bbbb
fake_start ""
out=$("$PROBE" accept "$G" 2>&1); rc=$?
is "$rc" 0 "AcceptGrant"
like "$out" "^status=ACTIVE$" "AcceptGrant: Status"
is "$(fake_field 1 target)" "AWSLicenseManager.AcceptGrant" "AcceptGrant: X-Amz-Target"
is "$(fake_field 1 body)" "{\"GrantArn\":\"$G\"}" "AcceptGrant: the body"

fake_start ""
out=$("$PROBE" activate "$G" tok-1 ALL_GRANTS_PERMITTED_BY_ISSUER 2>&1); rc=$?
is "$rc" 0 "CreateGrantVersion"
like "$out" "^version=2$" "CreateGrantVersion: Version"
is "$(fake_field 1 target)" "AWSLicenseManager.CreateGrantVersion" "CreateGrantVersion: X-Amz-Target"
is "$(fake_field 1 body)" \
	"{\"ClientToken\":\"tok-1\",\"GrantArn\":\"$G\",\"Status\":\"ACTIVE\",\"Options\":{\"ActivationOverrideBehavior\":\"ALL_GRANTS_PERMITTED_BY_ISSUER\"}}" \
	"CreateGrantVersion: the body"

# --- Service Quotas ---
fake_start ""
out=$("$PROBE" quota ec2 L-0263D0A3 2>&1); rc=$?
is "$rc" 0 "GetServiceQuota"
like "$out" "^value=5$" "Quota.Value"
like "$out" "^adjustable=1$" "Quota.Adjustable"
like "$out" "^quota_name=EC2-VPC Elastic IPs$" "Quota.QuotaName"
is "$(fake_field 1 target)" "ServiceQuotasV20190624.GetServiceQuota" "GetServiceQuota: X-Amz-Target"
is "$(fake_field 1 body)" '{"ServiceCode":"ec2","QuotaCode":"L-0263D0A3"}' "GetServiceQuota: the body"
is "$(fake_signatures_ok)" yes "botocore verifies the signature"

# --- a session token is sent and signed ---
fake_start ""
out=$(AWS_SESSION_TOKEN="IQoJb3JpZ2luX2VjEXAMPLE/token+with=chars" "$PROBE" grants 2>&1); rc=$?
is "$rc" 0 "a call with a session token"
is "$(fake_field 1 token)" "true" "X-Amz-Security-Token is sent"
is "$(fake_signatures_ok)" yes "botocore verifies the signature with the token"

# --- CloudWatch: JSON 1.0 ---
fake_start ""
out=$("$PROBE" alarms liftoff- 2>&1); rc=$?
is "$rc" 0 "DescribeAlarms (JSON 1.0)"
is "$(fake_field 1 ctype)" "application/x-amz-json-1.0" "Content-Type is JSON 1.0"
is "$(fake_field 1 target)" "GraniteServiceVersion20100801.DescribeAlarms" "X-Amz-Target"
is "$(fake_field 1 body)" '{"AlarmNamePrefix":"liftoff-"}' "the body"
is "$(fake_signatures_ok)" yes "botocore verifies the signature (JSON 1.0)"

# --- CloudFormation: query protocol, paginated ---
fake_start ""
out=$("$PROBE" events my-stack 2>&1); rc=$?
is "$rc" 0 "DescribeStackEvents"
like "$out" "^count=2$" "both pages (XML NextToken)"
like "$out" "^event.1.logical_id=R2$" "the second page's event"
is "$(fake_field 1 ctype)" "application/x-www-form-urlencoded; charset=utf-8" "form Content-Type"
is "$(fake_field 1 body)" "Action=DescribeStackEvents&Version=2010-05-15&StackName=my-stack" "the form body"
is "$(fake_field 2 body)" "Action=DescribeStackEvents&Version=2010-05-15&StackName=my-stack&NextToken=p2" \
	"the next page's form carries NextToken"
is "$(fake_field 1 target)" "null" "no X-Amz-Target on query calls"
is "$(fake_signatures_ok)" yes "botocore verifies both signatures (query)"

# --- the STS caller the credential chain uses (creds_sts_call) ---
fake_start ""
out=$("$PROBE" chain-assume arn:aws:iam::123456789012:role/r 2>&1); rc=$?
is "$rc" 0 "aws_sts_assume: AssumeRole"
like "$out" "^access_key_id=ASIAFAKEFAKEFAKEFAKE$" "AssumeRole: the access key"
like "$out" "^expiration=1893553445$" "AssumeRole: Expiration parsed (2030-01-02T03:04:05Z)"
like "$out" "^source=assume-role$" "AssumeRole: source"
is "$(fake_field 1 signed)" "true" "AssumeRole is signed with the source credentials"
is "$(fake_signatures_ok)" yes "botocore verifies the AssumeRole signature"
like "$(fake_field 1 body)" "^Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=liftoff-chain$" \
	"AssumeRole: the form"
fake_start ""
out=$("$PROBE" chain-assume arn:aws:iam::123456789012:role/r eyJhbGciOiJSUzI1NiJ9.e30.sig 2>&1); rc=$?
is "$rc" 0 "aws_sts_assume: AssumeRoleWithWebIdentity"
like "$out" "^source=web-identity$" "web identity: source"
is "$(fake_field 1 signed)" "false" "AssumeRoleWithWebIdentity is not signed"
like "$(fake_field 1 body)" "WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.e30.sig" "the token goes in the form"
unlike "$out" "eyJhbGciOiJSUzI1NiJ9" "the web identity token is not printed"

# --- proxies: HTTP_PROXY (uppercase, which libcurl ignores) and NO_PROXY ---
fake_start ""
out=$(env -u http_proxy HTTP_PROXY="$FAKE_URL" AWS_ENDPOINT_URL=http://sts.proxied.invalid:1 \
	"$PROBE" identity 2>&1); rc=$?
is "$rc" 0 "HTTP_PROXY carries http:// calls"
is "$(fake_field 1 path)" "http://sts.proxied.invalid:1/" "the proxy saw the absolute URL"
is "$(fake_signatures_ok)" yes "botocore verifies the signature through the proxy"
fake_start ""
out=$(env -u HTTP_PROXY http_proxy="$FAKE_URL" AWS_ENDPOINT_URL=http://sts.proxied.invalid:1 \
	"$PROBE" identity 2>&1); rc=$?
is "$rc" 0 "http_proxy (libcurl's own) too"
fake_start ""
out=$(HTTP_PROXY="$FAKE_URL" NO_PROXY=proxied.invalid AWS_MAX_ATTEMPTS=1 \
	AWS_ENDPOINT_URL=http://sts.proxied.invalid:1 "$PROBE" identity 2>&1); rc=$?
is "$rc" 3 "NO_PROXY bypasses the proxy"
is "$(fake_requests)" 0 "the proxy saw nothing"
like "$out" "network error" "and the direct call fails as a network error"

# --- TLS verification is always on; AWS_CA_BUNDLE adds a trusted CA ---
need_tool openssl "apt-get install openssl"
TLS=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-tls.XXXXXX")
tls_cleanup() { rm -rf "$TLS"; }
at_exit tls_cleanup
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 -keyout "$TLS/key.pem" -out "$TLS/cert.pem" >/dev/null 2>&1 ||
	bail_out "openssl could not make a test certificate"
fake_start "" --tls "$TLS/cert.pem" "$TLS/key.pem"
https_url=${FAKE_URL/http:/https:}
out=$(AWS_ENDPOINT_URL=$https_url "$PROBE" identity 2>&1); rc=$?
is "$rc" 3 "a self-signed server is refused"
like "$out" "certificate|SSL" "the error is about the certificate"
is "$(fake_requests)" 0 "no request reached it"
out=$(AWS_ENDPOINT_URL=$https_url AWS_CA_BUNDLE="$TLS/cert.pem" "$PROBE" identity 2>&1); rc=$?
is "$rc" 0 "AWS_CA_BUNDLE trusts it"
is "$(fake_signatures_ok)" yes "botocore verifies the signature over HTTPS"
# HTTPS_PROXY: a second fake, on plain HTTP, tunnels with CONNECT.
pport=$(free_port)
"${PYTHON:-python3}" "$top_srcdir/tests/aws/fake_aws.py" --port "$pport" --log "$TLS/proxy.jsonl" \
	>"$TLS/proxy.out" 2>&1 &
proxy_pid=$!
proxy_stop() { kill "$proxy_pid" 2>/dev/null; wait "$proxy_pid" 2>/dev/null; }
at_exit proxy_stop
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$pport") 2>/dev/null && break; sleep 0.05; done
before=$(fake_requests)
out=$(env -u https_proxy HTTPS_PROXY="http://127.0.0.1:$pport" AWS_ENDPOINT_URL=$https_url \
	AWS_CA_BUNDLE="$TLS/cert.pem" "$PROBE" identity 2>&1); rc=$?
is "$rc" 0 "HTTPS_PROXY carries https:// calls"
like "$(cat "$TLS/proxy.jsonl" 2>/dev/null)" "\"method\": \"CONNECT\", \"path\": \"127.0.0.1:[0-9]+\"" \
	"through a CONNECT tunnel"
is "$(fake_requests)" "$((before + 1))" "and the call reached the server inside the tunnel"
: >"$TLS/proxy.jsonl"
out=$(env -u https_proxy HTTPS_PROXY="http://127.0.0.1:$pport" NO_PROXY=127.0.0.1 \
	AWS_ENDPOINT_URL=$https_url AWS_CA_BUNDLE="$TLS/cert.pem" "$PROBE" identity 2>&1); rc=$?
is "$rc" 0 "NO_PROXY: https:// calls go direct"
is "$(cat "$TLS/proxy.jsonl")" "" "the proxy saw nothing"
printf '[default]\nca_bundle = %s\n' "$TLS/cert.pem" >"$AWS_CONFIG_FILE"
is "$("$PROBE" profile-value ca_bundle 2>/dev/null)" "$TLS/cert.pem" "the chain reads ca_bundle from the profile"
out=$(env -u AWS_CA_BUNDLE AWS_ENDPOINT_URL=$https_url "$PROBE" identity 2>&1); rc=$?
is "$rc" 0 "the profile's ca_bundle trusts it (AWS_CA_BUNDLE unset)"
out=$(AWS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt AWS_ENDPOINT_URL=$https_url "$PROBE" identity 2>&1); rc=$?
is "$rc" 3 "AWS_CA_BUNDLE beats the profile's ca_bundle"
: >"$AWS_CONFIG_FILE"

# --- endpoints: per-service beats global ---
fake_start ""
out=$(AWS_ENDPOINT_URL_STS=http://127.0.0.1:1 AWS_MAX_ATTEMPTS=1 "$PROBE" identity 2>&1); rc=$?
is "$rc" 3 "AWS_ENDPOINT_URL_STS beats AWS_ENDPOINT_URL"
is "$(fake_requests)" 0 "the global endpoint got nothing"
out=$(AWS_ENDPOINT_URL=http://127.0.0.1:1 AWS_ENDPOINT_URL_LICENSE_MANAGER="$FAKE_URL" "$PROBE" grants 2>&1); rc=$?
is "$rc" 0 "AWS_ENDPOINT_URL_LICENSE_MANAGER routes License Manager"
out=$(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true "$PROBE" endpoint license-manager us-gov-west-1 2>&1)
like "$out" "^url=https://license-manager.us-gov-west-1.amazonaws.com$" \
	"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores them"

done_testing
