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
