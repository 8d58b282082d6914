#!/bin/bash
# setup-deps.sh - install what liftoff needs to build and test, when it is
# missing, from Debian's packages.  Safe to run again; it only calls
# apt-get when a package is missing.  Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(
	gcc make autoconf automake autopoint gettext pkg-config
	libncurses-dev libjansson-dev libcurl4-openssl-dev libssl-dev
	libgpgme-dev libxml2-dev libarchive-dev
	tmux gnupg jq curl clang time
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "setup-deps: installing ${missing[*]}"
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# moto, boto3 and the AWS CLI come with this machine's python3; they are not
# Debian packages here.  Say so plainly when they are missing.
py=${PYTHON:-python3}
if ! "$py" -c 'import moto.server, boto3, botocore, yaml' 2>/dev/null; then
	echo "setup-deps: $py cannot import moto, boto3, botocore and yaml; the tests need them." >&2
	echo "setup-deps: install them into $py (pip install 'moto[server]' boto3 pyyaml) and run again." >&2
	exit 1
fi
command -v aws >/dev/null || { echo "setup-deps: the AWS CLI ('aws') is missing; the tests need it." >&2; exit 1; }
echo "setup-deps: everything liftoff needs is installed."
