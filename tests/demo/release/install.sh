#!/usr/bin/env bash
# install.sh - DEMO installer of the liftoff demo release (a test fixture that
# behaves like Spacelift's documented install.sh; it is not Spacelift's code).
#
# Design: read config.json with jq, find the account with
# `aws sts get-caller-identity`, print the documented INFO line and question,
# then create or update the CloudFormation stacks in the documented order with
# the AWS CLI, polling describe-stacks until each one settles.  Everything
# goes through the AWS CLI, so AWS_ENDPOINT_URL* (moto, liftoff's doubles) are
# honoured.  Docker is simulated ("demo:" lines); no daemon is needed.
#
# Usage: ./install.sh [-c config.json]
# Environment: SPACELIFT_POLL_SECONDS (default 5) between describe-stacks polls.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
config=config.json
poll=${SPACELIFT_POLL_SECONDS:-5}

usage() {
    echo "Usage: $0 [-c config.json]"
    echo "  -c <config-file>  path to the config file (default: config.json)"
    echo "  -h                show this help"
}

while getopts "c:h" opt; do
    case $opt in
        c) config=$OPTARG ;;
        h) usage; exit 0 ;;
        *) usage >&2; exit 1 ;;
    esac
done

# The AWS CLI turns Ctrl-C into a normal exit 130; stop here too.
trap 'echo; echo "Interrupted." >&2; exit 130' INT TERM

log() { echo "[$(date -u +%Y-%m-%dT%H:%M:%S%z)] INFO: $*"; }
warn() { echo "[$(date -u +%Y-%m-%dT%H:%M:%S%z)] WARN: $*" >&2; }
die() { echo "[$(date -u +%Y-%m-%dT%H:%M:%S%z)] ERROR: $*" >&2; exit 1; }

for tool in aws jq; do
    command -v "$tool" >/dev/null || die "$tool is required but was not found on PATH"
done
[ -r "$config" ] || die "config file $config not found"
jq -e . "$config" >/dev/null 2>&1 || die "config file $config is not valid JSON"

cfg() { jq -r "$1 // empty" "$config"; }

version=$(cat "$here/version")
region=$(cfg .aws_region)
hostname=$(cfg .spacelift_hostname)
missing=()
[ -n "$(cfg .account_name)" ] || missing+=(account_name)
[ -n "$region" ] || missing+=(aws_region)
[ -n "$hostname" ] || missing+=(spacelift_hostname)
[ -n "$(cfg .load_balancer.certificate_arn)" ] || missing+=(load_balancer.certificate_arn)
[ -n "$(cfg .sso_config.admin_login)" ] || missing+=(sso_config.admin_login)
[ -n "$(cfg .sso_config.sso_type)" ] || missing+=(sso_config.sso_type)
[ ${#missing[@]} -eq 0 ] || die "missing mandatory configuration: ${missing[*]}"
case $hostname in
    *://*|*/) die "spacelift_hostname must not contain a protocol or a trailing slash" ;;
esac
export AWS_DEFAULT_REGION=$region AWS_REGION=$region

if ! account=$(aws sts get-caller-identity --query Account --output text 2>/dev/null) || [ -z "$account" ]; then
    echo "ERROR: could not find AWS account ID. Cannot continue with Spacelift install. Please check that your AWS CLI credentials are correct and have not expired."
    exit 1
fi

log "installing version $version of Spacelift into AWS account $account"
printf "Are you sure you want to continue? Only 'yes' will be accepted: "
answer=""
read -r answer || true
if [ "$answer" != "yes" ]; then
    echo "Installation cancelled."
    exit 1
fi

previous=$(aws ssm get-parameter --name /spacelift/install-version --query Parameter.Value --output text 2>/dev/null || true)
if [ -n "$previous" ]; then
    oldest=$(printf '%s\n%s\n' "$previous" v2.0.0 | sort -V | head -n1)
    if [ "$oldest" = "$previous" ] && [ "$previous" != v2.0.0 ]; then
        die "upgrading from $previous is not supported: upgrade to v2.0.0 first"
    fi
    log "upgrading from version $previous"
fi

tags=$(jq -c '[.global_resource_tags[]? | {Key: .key, Value: .value}]' "$config")
self_managed_db=$(cfg .database.connection_string_ssm_arn)

params_json() { # KEY=VALUE ... -> CloudFormation Parameters JSON (empty values: template default)
    local out="[]" kv
    for kv in "$@"; do
        [ -n "${kv#*=}" ] || continue
        out=$(jq -c --arg k "${kv%%=*}" --arg v "${kv#*=}" '. + [{ParameterKey: $k, ParameterValue: $v}]' <<<"$out")
    done
    printf '%s\n' "$out"
}

stack_status() {
    aws cloudformation describe-stacks --stack-name "$1" --query 'Stacks[0].StackStatus' --output text 2>/dev/null || true
}

root_cause() { # first *_FAILED event that is not a cancellation, oldest first
    aws cloudformation describe-stack-events --stack-name "$1" \
        --query 'reverse(StackEvents)[?ends_with(ResourceStatus, `FAILED`) && ResourceStatusReason != `Resource creation cancelled`] | [0].[LogicalResourceId, ResourceStatusReason]' \
        --output text 2>/dev/null || true
}

deploy_stack() { # NAME [KEY=VALUE ...]
    local name=$1 template="$here/cloudformation/$1.yaml" status op want params out
    shift
    params=$(params_json "$@")
    status=$(stack_status "$name")
    if [ "$status" = ROLLBACK_COMPLETE ]; then
        warn "stack $name is in ROLLBACK_COMPLETE after an earlier failure; deleting it first"
        aws cloudformation delete-stack --stack-name "$name"
        while [ -n "$(stack_status "$name")" ]; do sleep "$poll"; done
        status=""
    fi
    if [ -z "$status" ]; then
        log "creating stack $name"
        op=create want=CREATE_COMPLETE
        aws cloudformation create-stack --stack-name "$name" --template-body "file://$template" \
            --parameters "$params" --tags "$tags" \
            --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND >/dev/null
    else
        log "updating stack $name"
        op=update want=UPDATE_COMPLETE
        if ! out=$(aws cloudformation update-stack --stack-name "$name" --template-body "file://$template" \
            --parameters "$params" --tags "$tags" \
            --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND 2>&1 >/dev/null); then
            case $out in
                *"No updates are to be performed."*) log "stack $name is up to date"; return 0 ;;
                *) echo "$out" >&2; exit 1 ;;
            esac
        fi
    fi
    while :; do
        status=$(stack_status "$name")
        case $status in
            "$want") log "stack $name: $status"; return 0 ;;
            *_IN_PROGRESS) sleep "$poll" ;;
            *)
                echo "Waiter Stack${op^}Complete failed: Waiter encountered a terminal failure state: For expression \"Stacks[].StackStatus\" we matched expected path: \"$status\" at least once" >&2
                local cause
                cause=$(root_cause "$name")
                [ -n "$cause" ] && echo "Root cause: $cause" >&2
                die "failed to $op stack $name ($status)"
                ;;
        esac
    done
}

bool() { [ "$(jq -r "$1" "$config")" = true ] && echo true || echo false; }

deploy_stack spacelift-bootstrap
deploy_stack spacelift-infra-kms
deploy_stack spacelift-infra-s3 \
    RunLogsExpirationDays="$(cfg .s3_config.run_logs_expiration_days)" \
    DeliveriesExpirationDays="$(cfg .s3_config.deliveries_bucket_expiration_days)" \
    LargeQueueMessagesExpirationDays="$(cfg .s3_config.large_queue_messages_bucket_expiration_days)" \
    MetadataExpirationDays="$(cfg .s3_config.metadata_bucket_expiration_days)" \
    PolicyInputsExpirationDays="$(cfg .s3_config.policy_inputs_bucket_expiration_days)" \
    UploadsExpirationDays="$(cfg .s3_config.uploads_bucket_expiration_days)" \
    UserUploadedWorkspacesExpirationDays="$(cfg .s3_config.user_uploaded_workspaces_bucket_expiration_days)" \
    WorkspacesExpirationDays="$(cfg .s3_config.workspaces_bucket_expiration_days)" \
    AccessLogsExpirationDays="$(cfg .s3_config.access_logs_bucket_expiration_days)"
deploy_stack spacelift-infra-s3-policies
deploy_stack spacelift-infra-vpc VpcCidrBlock="$(cfg .vpc_config.vpc_cidr_block)"
deploy_stack spacelift-infra-vpc-config
if [ -n "$self_managed_db" ]; then
    log "self-managed database ($self_managed_db): skipping spacelift-infra-db-secrets and spacelift-infra-db"
else
    deploy_stack spacelift-infra-db-secrets
    deploy_stack spacelift-infra-db \
        InstanceClass="$(cfg .database.instance_class)" \
        DeleteProtection="$(bool '.database.delete_protection_enabled')"
fi
deploy_stack spacelift-infra

registry="$account.dkr.ecr.$region.amazonaws.com"
for image in backend launcher; do
    log "demo: would load container-images/spacelift-$image.tar and push $registry/spacelift-$image:$version (Docker is simulated in the demo release)"
done
bucket=$(aws cloudformation describe-stacks --stack-name spacelift-bootstrap \
    --query "Stacks[0].Outputs[?OutputKey=='DownloadsBucketName'].OutputValue" --output text)
log "demo: would upload bin/spacelift-launcher and cloudformation/spacelift-services-autoscaling.yaml to s3://$bucket/"

deploy_stack spacelift-services-loadbalancer \
    CertificateArn="$(cfg .load_balancer.certificate_arn)" \
    Scheme="$(cfg .load_balancer.scheme)" \
    SslPolicy="$(cfg .load_balancer.ssl_policy)" \
    SubnetPlacement="$(cfg .load_balancer.subnet_placement)" \
    TagKey="$(cfg .load_balancer.tag.key)" TagValue="$(cfg .load_balancer.tag.value)"
deploy_stack spacelift-services-infra
services_params=(Version="$version" Hostname="$hostname"
    AdminLogin="$(cfg .sso_config.admin_login)" SsoType="$(cfg .sso_config.sso_type)"
    DisableServices="$(bool .disable_services)" DatabaseConnectionStringSsmArn="$self_managed_db")
if grep -q '^  TracingEnabled:' "$here/cloudformation/spacelift-services.yaml"; then
    services_params+=(TracingEnabled="$(bool .tracing_enabled)")
fi
deploy_stack spacelift-services "${services_params[@]}"
deploy_stack spacelift-monitoring SnsTopicArn="$(cfg .alerting.sns_topic_arn)"

if [ -z "$previous" ] || [ "$(bool .sso_config.update_on_install)" = true ]; then
    log "demo: would apply sso_config ($(cfg .sso_config.sso_type) for $(cfg .sso_config.admin_login)) with a one-off ECS task"
else
    log "SSO settings are applied on the first install only (set sso_config.update_on_install or run scripts/update-sso-settings.sh)"
fi

aws ssm put-parameter --name /spacelift/install-version --type String --value "$version" --overwrite >/dev/null
if ! aws ssm get-parameter --name /spacelift/random-suffix >/dev/null 2>&1; then
    aws ssm put-parameter --name /spacelift/random-suffix --type String \
        --value "$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')" >/dev/null
fi

output() { # STACK KEY
    aws cloudformation describe-stacks --stack-name "$1" \
        --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue" --output text
}
lb_dns=$(output spacelift-services LoadBalancerDNS)
master_key=$(output spacelift-infra-kms MasterKeyArn)

echo
echo "Installation info:"
echo "* Load balancer DNS: $lb_dns"
echo "* Launcher container image: $registry/spacelift-launcher:$version"
echo "* Downloads bucket: $bucket"
echo "* Encryption primary key ARN: $master_key"
echo "* S3 bucket replication: $(bool .disaster_recovery.s3_bucket_replication.enabled)"
echo
log "Spacelift version $version has been successfully installed!"
