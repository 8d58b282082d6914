#!/usr/bin/env bash
# uninstall.sh - DEMO uninstaller of the liftoff demo release (a test fixture
# that behaves like Spacelift's documented uninstall.sh; not Spacelift's code).
#
# Design: delete the stacks in the reverse of the install order with the AWS
# CLI, waiting for each one.  By default the stacks holding S3 buckets, the
# database and KMS keys are kept; -n deletes them too, after turning database
# deletion protection off (an update of spacelift-infra-db).
set -euo pipefail

config=config.json
force=false
complete=false
poll=${SPACELIFT_POLL_SECONDS:-5}

usage() {
    cat <<USAGE
Usage: $0 [-c config.json] [-f] [-n] [-h]
  -c <config-file>  path to the config file (default: config.json)
  -f                force uninstallation, do not prompt for confirmation
  -n                do not retain S3 buckets, database or KMS keys. complete uninstallation.
  -h                show help
USAGE
}

while getopts "c:fnh" opt; do
    case $opt in
        c) config=$OPTARG ;;
        f) force=true ;;
        n) complete=true ;;
        h) usage; exit 0 ;;
        *) usage >&2; exit 1 ;;
    esac
done

# The AWS CLI turns Ctrl-C into a normal exit 130; stop here too.
trap 'echo; echo "Interrupted." >&2; exit 130' INT TERM

log() { echo "[$(date -u +%Y-%m-%dT%H:%M:%S%z)] INFO: $*"; }
die() { echo "[$(date -u +%Y-%m-%dT%H:%M:%S%z)] ERROR: $*" >&2; exit 1; }

[ -r "$config" ] || die "config file $config not found"
region=$(jq -r '.aws_region // empty' "$config")
[ -n "$region" ] || die "aws_region is not set in $config"
export AWS_DEFAULT_REGION=$region AWS_REGION=$region
if ! account=$(aws sts get-caller-identity --query Account --output text 2>/dev/null) || [ -z "$account" ]; then
    echo "ERROR: could not find AWS account ID. Cannot continue with Spacelift uninstall. Please check that your AWS CLI credentials are correct and have not expired."
    exit 1
fi

if [ "$complete" = true ]; then
    log "uninstalling Spacelift from AWS account $account, including S3 buckets, the database and KMS keys"
else
    log "uninstalling Spacelift from AWS account $account (S3 buckets, the database and KMS keys are retained)"
fi
if [ "$force" != true ]; then
    printf "Are you sure you want to continue? Only 'yes' will be accepted: "
    answer=""
    read -r answer || true
    [ "$answer" = yes ] || { echo "Uninstallation cancelled."; exit 1; }
fi

status() { aws cloudformation describe-stacks --stack-name "$1" --query 'Stacks[0].StackStatus' --output text 2>/dev/null || true; }

delete_stack() {
    local name=$1 st
    st=$(status "$name")
    if [ -z "$st" ]; then
        log "stack $name does not exist, skipping"
        return 0
    fi
    log "deleting stack $name"
    aws cloudformation delete-stack --stack-name "$name"
    while :; do
        st=$(status "$name")
        case $st in
            "") log "stack $name deleted"; return 0 ;;
            DELETE_FAILED) die "failed to delete stack $name" ;;
            *) sleep "$poll" ;;
        esac
    done
}

retained="spacelift-infra-kms spacelift-infra-s3 spacelift-infra-s3-policies spacelift-infra-db-secrets spacelift-infra-db"
for stack in spacelift-monitoring spacelift-services spacelift-services-infra spacelift-services-loadbalancer \
    spacelift-infra spacelift-infra-db spacelift-infra-db-secrets spacelift-infra-vpc-config spacelift-infra-vpc \
    spacelift-infra-s3-policies spacelift-infra-s3 spacelift-infra-kms spacelift-bootstrap; do
    if [ "$complete" != true ] && [[ " $retained " == *" $stack "* ]]; then
        log "retaining stack $stack (use -n to delete it)"
        continue
    fi
    if [ "$stack" = spacelift-infra-db ] && [ -n "$(status "$stack")" ]; then
        log "turning database deletion protection off"
        out=$(aws cloudformation update-stack --stack-name "$stack" --use-previous-template \
            --parameters ParameterKey=InstanceClass,UsePreviousValue=true ParameterKey=DeleteProtection,ParameterValue=false 2>&1 >/dev/null) ||
            case $out in *"No updates are to be performed."*) ;; *) echo "$out" >&2; exit 1 ;; esac
        while [[ $(status "$stack") == *_IN_PROGRESS ]]; do sleep "$poll"; done
    fi
    delete_stack "$stack"
done
if [ "$complete" = true ]; then
    aws ssm delete-parameter --name /spacelift/install-version >/dev/null 2>&1 || true
    aws ssm delete-parameter --name /spacelift/random-suffix >/dev/null 2>&1 || true
fi
log "Spacelift has been uninstalled from AWS account $account"
