#!/usr/bin/env bash
# update-sso-settings.sh - DEMO of Spacelift's update-sso-settings.sh (a
# liftoff test fixture): prints the sso_config it would apply with a one-off
# ECS task.  Secrets (oidc client_credentials) are always masked.
set -euo pipefail

config=config.json
usage() { echo "Usage: $0 [-c config.json]"; }
while getopts "c:h" opt; do
    case $opt in
        c) config=$OPTARG ;;
        h) usage; exit 0 ;;
        *) usage >&2; exit 1 ;;
    esac
done
log() { echo "[$(date -u +%Y-%m-%dT%H:%M:%S%z)] INFO: $*"; }
[ -r "$config" ] || { echo "ERROR: config file $config not found" >&2; exit 1; }

sso_type=$(jq -r '.sso_config.sso_type // ""' "$config")
log "applying SSO settings from $config"
echo "  admin_login: $(jq -r '.sso_config.admin_login // ""' "$config")"
echo "  sso_type: $sso_type"
case $sso_type in
    OIDC)
        echo "  oidc_args.client_id: $(jq -r '.sso_config.oidc_args.client_id // ""' "$config")"
        if [ -n "$(jq -r '.sso_config.oidc_args.client_credentials // ""' "$config")" ]; then
            echo "  oidc_args.client_credentials: ********"
        else
            echo "  oidc_args.client_credentials: (empty)"
        fi
        echo "  oidc_args.identity_provider_host: $(jq -r '.sso_config.oidc_args.identity_provider_host // ""' "$config")"
        ;;
    SAML)
        echo "  saml_args.dynamic: $(jq -r '.sso_config.saml_args.dynamic' "$config")"
        metadata=$(jq -r '.sso_config.saml_args.metadata // ""' "$config")
        if [ "$(jq -r '.sso_config.saml_args.dynamic' "$config")" = true ]; then
            echo "  saml_args.metadata: $metadata"
        else
            echo "  saml_args.metadata: (${#metadata} characters of XML)"
        fi
        echo "  saml_args.name_id_format: $(jq -r '.sso_config.saml_args.name_id_format // ""' "$config")"
        ;;
    *) echo "ERROR: sso_config.sso_type must be OIDC or SAML" >&2; exit 1 ;;
esac
log "demo: would run the one-off ECS task spacelift-sso-update in cluster spacelift"
log "SSO settings updated"
