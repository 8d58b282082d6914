#!/usr/bin/env bash
# make-release.sh - build liftoff's signed DEMO release of Spacelift
# self-hosted: spacelift-self-hosted-<version>.tar.gz, its .sha256 and a
# detached binary .sig, the public key spacelift-demo-signing-key.asc and the
# key's fingerprint in OUTDIR/FINGERPRINT.
#
# Design: the release content lives in tests/demo/release/ as plain files.
# Version differences are marked in them: a line ending in "# >=v2.6" is kept
# only from v2.6 on, one ending in "# <v2.6" only before v2.6, and lines
# between "# >=v2.6 begin" and "# >=v2.6 end" only from v2.6 on.  config.json
# is written here (tracing_enabled appears from v2.6).  The signing key is
# made with gpg in a throwaway GNUPGHOME; its secret half is kept in
# OUTDIR/.demo-signing-key.sec so that every version built into the same
# OUTDIR is signed by the same key (it is a demo key, worthless elsewhere).
#
# Usage: make-release.sh VERSION OUTDIR      (VERSION like v2.5.0 or v2.6.0)
set -euo pipefail

usage() { echo "usage: $0 VERSION OUTDIR   (e.g. $0 v2.5.0 /tmp/release)" >&2; exit 2; }
[ $# -eq 2 ] || usage
version=$1
outdir=$2
[[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "$0: VERSION must look like v2.5.0" >&2; exit 2; }
for tool in gpg tar gzip sha256sum awk; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is required" >&2; exit 1; }
done

src=$(cd "$(dirname "$0")/release" && pwd)
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
name=spacelift-self-hosted-$version
work=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-release.XXXXXX")
gnupghome=$(mktemp -d /tmp/liftoff-gpg.XXXXXX)   # short path: gpg-agent socket limits
cleanup() {
    GNUPGHOME=$gnupghome gpgconf --kill gpg-agent >/dev/null 2>&1 || true
    rm -rf "$work" "$gnupghome"
}
trap cleanup EXIT

# version_ge A B: is A >= B (both vX.Y.Z)?
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]; }
if version_ge "$version" v2.6.0; then new=1; else new=0; fi

# Keep or drop the version-marked lines of one file.
filter() {
    awk -v new="$new" '
        /# >=v2\.6 begin[[:space:]]*$/ { inblock = 1; next }
        /# >=v2\.6 end[[:space:]]*$/   { inblock = 0; next }
        inblock { if (new) print; next }
        /[[:space:]]# >=v2\.6[[:space:]]*$/ { if (new) { sub(/[[:space:]]+# >=v2\.6[[:space:]]*$/, ""); print } next }
        /[[:space:]]# <v2\.6[[:space:]]*$/  { if (!new) { sub(/[[:space:]]+# <v2\.6[[:space:]]*$/, ""); print } next }
        { print }
    ' "$1"
}

top=$work/$name
mkdir -p "$top/bin" "$top/cloudformation" "$top/container-images" "$top/scripts"
for f in "$src"/cloudformation/*.yaml; do
    filter "$f" >"$top/cloudformation/$(basename "$f")"
done
for f in install.sh uninstall.sh scripts/update-sso-settings.sh; do
    filter "$src/$f" >"$top/$f"
    chmod 755 "$top/$f"
done
printf '%s\n' "$version" >"$top/version"

cat >"$top/bin/spacelift-launcher" <<EOF
#!/bin/sh
# spacelift-launcher - placeholder binary of the liftoff demo release.
echo "spacelift-launcher $version (liftoff demo placeholder; it launches nothing)"
EOF
chmod 755 "$top/bin/spacelift-launcher"

# container-images/: small docker-save shaped placeholders
for image in backend launcher; do
    d=$work/image-$image
    mkdir -p "$d"
    printf '{"architecture":"amd64","os":"linux","config":{"Labels":{"org.opencontainers.image.title":"spacelift-%s","org.opencontainers.image.version":"%s","liftoff.demo":"placeholder"}},"rootfs":{"type":"layers","diff_ids":[]}}\n' \
        "$image" "$version" >"$d/config.json"
    printf '[{"Config":"config.json","RepoTags":["spacelift-%s:%s"],"Layers":[]}]\n' "$image" "$version" >"$d/manifest.json"
    tar -C "$d" --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-1700000000}" \
        -cf "$top/container-images/spacelift-$image.tar" config.json manifest.json
done

tracing=""
[ "$new" = 1 ] && tracing='
  "tracing_enabled": false,'
cat >"$top/config.json" <<EOF
{
  "account_name": "",
  "aws_region": "",
  "spacelift_hostname": "",
  "webhooks_endpoint": "",
  "iot_broker_endpoint": "",
  "disable_services": false,$tracing
  "automatically_report_usage_data": false,
  "load_balancer": {
    "certificate_arn": "",
    "scheme": "internet-facing",
    "ssl_policy": "ELBSecurityPolicy-TLS-1-2-2017-01",
    "subnet_placement": "public"
  },
  "database": {
    "delete_protection_enabled": true,
    "instance_class": "db.t4g.large",
    "connection_string_ssm_arn": "",
    "connection_string_ssm_kms_arn": ""
  },
  "sso_config": {
    "admin_login": "",
    "sso_type": "",
    "update_on_install": false,
    "oidc_args": {
      "client_id": "",
      "client_credentials": "",
      "identity_provider_host": ""
    },
    "saml_args": {
      "dynamic": false,
      "metadata": "",
      "name_id_format": ""
    }
  },
  "alerting": {
    "sns_topic_arn": ""
  },
  "global_resource_tags": [],
  "s3_config": {
    "run_logs_expiration_days": 60,
    "deliveries_bucket_expiration_days": 1,
    "large_queue_messages_bucket_expiration_days": 2,
    "metadata_bucket_expiration_days": 2,
    "policy_inputs_bucket_expiration_days": 2,
    "uploads_bucket_expiration_days": 1,
    "user_uploaded_workspaces_bucket_expiration_days": 1,
    "workspaces_bucket_expiration_days": 7,
    "access_logs_bucket_expiration_days": 7
  },
  "proxy_config": {
    "http_proxy": "",
    "https_proxy": "",
    "no_proxy": ""
  },
  "tls_config": {
    "server_certificate_secrets_manager_arn": "",
    "ca_certificates": []
  },
  "slack_config": {
    "enabled": false,
    "client_id": "",
    "client_secret": "",
    "signing_secret": ""
  },
  "vpc_config": {
    "use_custom_vpc": false,
    "vpc_cidr_block": "",
    "subnet_mask_size": "",
    "vpc_id": "",
    "private_subnet_ids": "",
    "public_subnet_ids": "",
    "drain_security_group_id": "",
    "load_balancer_security_group_id": "",
    "server_security_group_id": "",
    "scheduler_security_group_id": "",
    "installation_task_security_group_id": "",
    "database_security_group_id": "",
    "availability_zones": []
  },
  "disaster_recovery": {
    "is_dr_instance": false,
    "replica_region": "",
    "encryption_primary_key_arn": "",
    "s3_bucket_replication": {
      "enabled": false,
      "replica_kms_key_arn": "",
      "states_bucket_arn": "",
      "run_logs_bucket_arn": "",
      "modules_bucket_arn": "",
      "policy_inputs_bucket_arn": "",
      "workspaces_bucket_arn": ""
    }
  }
}
EOF

# Reproducible-ish archive: sorted names, fixed owner and mtime.
epoch=${SOURCE_DATE_EPOCH:-1700000000}
archive=$name.tar.gz
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name" |
    gzip -9n >"$outdir/$archive"
(cd "$outdir" && sha256sum "$archive" >"$archive.sha256")

export GNUPGHOME=$gnupghome
chmod 700 "$GNUPGHOME"
secret=$outdir/.demo-signing-key.sec
if [ -s "$secret" ]; then
    gpg --batch --quiet --import "$secret" 2>/dev/null
else
    gpg --batch --quiet --gen-key 2>/dev/null <<EOF
%no-protection
Key-Type: eddsa
Key-Curve: ed25519
Key-Usage: sign
Name-Real: liftoff demo release signing key
Name-Email: demo-release@liftoff.invalid
Name-Comment: NOT Spacelift's key
Expire-Date: 0
%commit
EOF
    (umask 077 && gpg --batch --armor --export-secret-keys >"$secret")
fi
fpr=$(gpg --batch --no-auto-check-trustdb --with-colons --list-secret-keys 2>/dev/null | awk -F: '/^fpr:/ { print $10; exit }')
[ -n "$fpr" ] || { echo "$0: no signing key" >&2; exit 1; }
gpg --batch --yes --quiet --no-auto-check-trustdb --local-user "$fpr" --detach-sign --output "$outdir/$archive.sig" "$outdir/$archive"
gpg --batch --armor --export "$fpr" >"$outdir/spacelift-demo-signing-key.asc"
printf '%s\n' "$fpr" >"$outdir/FINGERPRINT"

echo "built $outdir/$archive"
echo "  checksum:    $outdir/$archive.sha256"
echo "  signature:   $outdir/$archive.sig"
echo "  public key:  $outdir/spacelift-demo-signing-key.asc"
echo "  fingerprint: $fpr"
