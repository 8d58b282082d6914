#!/bin/bash
# test-creds-botocore.sh - the credential chain against botocore itself.
#
# For each configuration (files, environment, --profile), the chain
# (tests/creds/creds-probe) and botocore (tests/creds/botocore_probe.py)
# must agree on where the credentials come from, the access key id and
# the region, or both refuse.  This holds the precedence rules, profile
# selection and the INI dialect to what AWS CLI users see.  Sources that
# need STS, SSO or a metadata service are covered by the unit tests.
. "$top_srcdir/tests/lib/tap.sh"

probe="$top_builddir/tests/creds/creds-probe"
[ -x "$probe" ] || bail_out "creds-probe is not built at $probe"
"$PYTHON" -c 'import botocore' 2>/dev/null || bail_out "python module botocore is missing ($PYTHON)"
# A pyenv shim costs 0.3 s a call: use the interpreter behind it.
py=$("$PYTHON" -c 'import sys; print(sys.executable)')

dir=$(mktemp -d) || bail_out "mktemp failed"
cleanup() { rm -rf "$dir"; }
at_exit cleanup

for v in $(env | grep -o '^AWS_[A-Za-z0-9_]*'); do unset "$v"; done
export HOME="$dir" AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE="$dir/config" AWS_SHARED_CREDENTIALS_FILE="$dir/credentials"
secret=FAKEfileSECRETkey0123456789abcdefABCDEF
process="$py $top_srcdir/tests/creds/fake_process.py static $dir"

reset() { # CONFIG CREDENTIALS: file texts ('-' for no file)
	unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE \
		AWS_DEFAULT_PROFILE AWS_DEFAULT_REGION
	rm -f "$AWS_CONFIG_FILE" "$AWS_SHARED_CREDENTIALS_FILE"
	[ "$1" = - ] || printf '%s\n' "$1" >"$AWS_CONFIG_FILE"
	[ "$2" = - ] || printf '%s\n' "$2" >"$AWS_SHARED_CREDENTIALS_FILE"
}

# botocore answers from one long-lived process (importing it is slow).
coproc BOTO { "$py" "$top_srcdir/tests/creds/botocore_probe.py" "$dir/env.case" \
	2>>"$dir/botocore.err"; }
stop_boto() { exec {BOTO[1]}>&-; wait "$BOTO_PID" 2>/dev/null; }
at_exit stop_boto

agree() { # DESCRIPTION [PROFILE]
	local want got
	env | grep '^AWS_' >"$dir/env.case"
	rm -f "$dir/count"   # the fake process numbers its keys: start both at 1
	printf '%s\n' "${2:-}" >&"${BOTO[1]}"
	read -r want <&"${BOTO[0]}" || bail_out "botocore_probe.py died (see $dir/botocore.err)"
	rm -f "$dir/count"
	got=$("$probe" ${2:+"$2"} 2>>"$dir/probe.err")
	is "$got" "$want" "$1 (botocore: $want)"
}

env_keys() { export AWS_ACCESS_KEY_ID=AKIAENV AWS_SECRET_ACCESS_KEY=$secret; }

files_cfg="[default]
region = eu-west-1
[profile prod]
region = us-east-2
[profile cfgonly]
aws_access_key_id = AKIACFGONLY
aws_secret_access_key = $secret
[profile proc]
credential_process = $process
[profile both]
credential_process = $process
region: ap-south-1"
files_creds="[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = $secret
[prod]
aws_access_key_id = AKIAPROD
aws_secret_access_key = $secret
[both]
aws_access_key_id = AKIABOTHFILE
aws_secret_access_key = $secret"

reset - -
env_keys
agree "environment keys alone"

reset "$files_cfg" "$files_creds"
agree "default profile from the files"
env_keys
agree "environment keys before the files"
export AWS_PROFILE=prod
agree "AWS_PROFILE leaves environment keys first"
agree "--profile skips environment keys" prod
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
agree "AWS_PROFILE selects the profile"
agree "--profile beats AWS_PROFILE" cfgonly
unset AWS_PROFILE
export AWS_DEFAULT_PROFILE=prod
agree "AWS_DEFAULT_PROFILE selects the profile"
unset AWS_DEFAULT_PROFILE
agree "keys in the config file's profile" cfgonly
agree "credential_process" proc
agree "credentials-file keys before credential_process" both
export AWS_DEFAULT_REGION=sa-east-1
agree "AWS_DEFAULT_REGION beats the profile's region" prod
unset AWS_DEFAULT_REGION
agree "a missing profile is refused" nosuch
export AWS_PROFILE=nosuch
env_keys
agree "a missing AWS_PROFILE is refused even with environment keys"

reset - -
export AWS_ACCESS_KEY_ID=AKIAHALF
agree "an access key id without its secret is refused"

reset "[default]
region = eu-west-1" -
agree "nothing configured"

reset "[bare]
aws_access_key_id = AKIABARE
aws_secret_access_key = $secret" -
agree "[bare] in the config file is not a profile" bare

reset "[profile \"my prof\"]
aws_access_key_id = AKIAQUOTED
aws_secret_access_key = $secret
region = eu-north-1" -
agree "a quoted profile name" "my prof"

reset "[profile a]
region = us-west-1
[default]
region = us-west-2
[profile default]
region = ca-central-1
aws_access_key_id = AKIALATER
aws_secret_access_key = $secret" -
agree "the later of [default] and [profile default] wins"

reset "# comment
; another comment
  [profile spaced]
aws_access_key_id=AKIASPACED
aws_secret_access_key   =   $secret
region = eu-west-3 # not a comment" -
agree "comments, spacing, no inline comments" spaced

reset "[profile dup]
region = a
[profile dup]
region = b" -
agree "a duplicate section is refused" dup

reset - "[profile odd]
aws_access_key_id = AKIAODD
aws_secret_access_key = $secret"
agree "credentials-file section names are taken as written" "profile odd"

done_testing
