#!/bin/bash
# test-preflight.sh - `liftoff preflight` for real, with fake tools on a
# private PATH: AWS CLI v1 against v2, jq 1.5, docker missing, docker
# without a daemon; the text table, --json (checked with python3), --only,
# the config check, dns.hostname from config.json, and the exit codes
# 0/1/2/3.  No AWS credentials here (test-preflight-aws.sh has them).
. "$top_srcdir/tests/lib/tap.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"
need_tool "${PYTHON:-python3}" "python3"
for t in bash openssl base64 getent; do need_tool "$t"; done

tmp=$(mktemp -d) || bail_out "mktemp failed"
cleanup() { rm -rf "$tmp"; }
at_exit cleanup
bin=$tmp/bin
mkdir -p "$bin" "$tmp/work"
for t in bash openssl base64 getent; do ln -s "$(command -v "$t")" "$bin/$t"; done

fake() { # NAME SCRIPT-BODY
	printf '#!/bin/sh\n%s\n' "$2" >"$bin/$1"
	chmod +x "$bin/$1"
}
aws_v2() { fake aws 'echo "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0-18-amd64 exe/x86_64.debian.12"'; }
aws_v1() { fake aws 'echo "aws-cli/1.29.0 Python/3.11.2 Linux/6.1.0 botocore/1.31.0" >&2'; }
jq_ok() { fake jq 'echo jq-1.7.1'; }
docker_ok() {
	fake docker 'case $1 in
--version) echo "Docker version 24.0.7, build afdd53b" ;;
version) echo 24.0.7 ;;
*) exit 1 ;;
esac'
}
docker_no_daemon() {
	fake docker 'case $1 in
--version) echo "Docker version 24.0.7, build afdd53b" ;;
*) echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1 ;;
esac'
}
docker_denied() {
	fake docker 'case $1 in
--version) echo "Docker version 24.0.7, build afdd53b" ;;
*) echo "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock" >&2; exit 1 ;;
esac'
}

# No AWS credentials, region or instance metadata: aws.identity fails at once.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE \
	AWS_REGION AWS_DEFAULT_REGION AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE \
	AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=$tmp/aws-config \
	AWS_SHARED_CREDENTIALS_FILE=$tmp/aws-credentials
: >"$AWS_CONFIG_FILE"
: >"$AWS_SHARED_CREDENTIALS_FILE"

# preflight ARGS...: runs in $tmp/work with only $bin on PATH; sets out, err, rc.
preflight() {
	out=$(cd "$tmp/work" && PATH=$bin "$LIFTOFF" "$@" 2>"$tmp/stderr" </dev/null)
	rc=$?
	err=$(cat "$tmp/stderr")
}

row() { printf '%s\n' "$out" | grep -E "^$1 "; }

json_get() { # EXPRESSION over the parsed document d
	printf '%s' "$out" | "${PYTHON:-python3}" -c "import json,sys; d=json.load(sys.stdin); print($1)"
}

# Everything present and working.
aws_v2; jq_ok; docker_ok
preflight preflight
is "$rc" 1 "all tools present, no AWS credentials: exit 1"
like "$(row tools.aws-cli)" "pass +AWS CLI 2\.15\.30" "AWS CLI v2 passes and shows its version"
like "$(row tools.jq)" "pass +jq 1\.7\.1" "jq 1.7.1 passes"
like "$(row tools.docker)" "pass +Docker 24\.0\.7, daemon 24\.0\.7 reachable" "docker client and daemon pass"
like "$(row tools.bash)" "pass +bash [0-9]" "bash passes with its version"
like "$(row tools.openssl)" "pass +OpenSSL [0-9]" "openssl passes"
like "$(row tools.base64)" "pass +base64" "base64 passes"
like "$(row aws.identity)" "FAIL " "no AWS credentials or region: aws.identity fails"
like "$(row config)" "skip +skipped: there is no config\.json" "no config.json: the config check skips"
like "$(row dns.hostname)" "skip +skipped: config was skipped" "no config.json: dns.hostname skips"
unlike "$err" "not built yet" "every check is built"
like "$out" "6 passed, 0 warnings, 1 failed, 10 skipped" "summary line"
wide=$(printf '%s\n' "$out" | awk 'length > 80' | head -3)
is "$wide" "" "the table fits 80 columns"
unlike "$out" $'\033' "no colour when stdout is not a terminal"

preflight --json preflight
is "$rc" 1 "--json: exit 1 (aws.identity)"
is "$(json_get 'len(d["checks"])')" 17 "--json lists every check"
is "$(json_get 'sorted(d["checks"][0].keys())')" \
	"['detail', 'duration_ms', 'hint', 'id', 'status', 'title']" \
	"--json check fields"
is "$(json_get 'd["summary"]')" "{'pass': 6, 'warn': 0, 'fail': 1, 'skip': 10}" "--json summary"
is "$(json_get '[c["status"] for c in d["checks"] if c["id"]=="tools.aws-cli"][0]')" pass \
	"--json status word"
is "$(json_get 'all(isinstance(c["duration_ms"], int) for c in d["checks"])')" True \
	"duration_ms is an integer everywhere"

# AWS CLI v1 (this machine's own aws is v1, hence the fakes).
aws_v1
preflight preflight
is "$rc" 1 "AWS CLI v1: exit 1"
like "$(row tools.aws-cli)" "FAIL +AWS CLI 1\.29\.0 found; install\.sh needs AWS CLI" "v1 fails, showing its version"
like "$out" "hint: Install AWS CLI version 2" "with a hint to install v2"
like "$out" "2 failed" "summary counts the failure"
preflight --json preflight
is "$rc" 1 "--json with a failure: exit 1"
is "$(json_get 'd["summary"]["fail"]')" 2 "--json summary counts it"
like "$(json_get '[c["hint"] for c in d["checks"] if c["id"]=="tools.aws-cli"][0]')" \
	"AWS CLI version 2" "--json carries the hint"
aws_v2

# jq 1.5 is too old.
fake jq 'echo jq-1.5'
preflight preflight
is "$rc" 1 "jq 1.5: exit 1"
like "$(row tools.jq)" "FAIL +jq 1\.5 found; install\.sh needs 1\.6 or later" "old jq fails"
like "$out" "apt-get install jq" "with the Debian package"
jq_ok

# Docker missing altogether.
rm -f "$bin/docker"
preflight preflight
is "$rc" 1 "no docker: exit 1"
like "$(row tools.docker)" "FAIL +docker: not found on PATH" "missing docker is named"
like "$out" "apt-get install docker\.io" "with the Debian package"

# Docker without a daemon, and with a socket the user may not use.
docker_no_daemon
preflight preflight
is "$rc" 1 "docker without a daemon: exit 1"
like "$(row tools.docker)" "FAIL +Docker 24\.0\.7: the Docker daemon is not reachable" "daemon unreachable"
like "$out" "systemctl start docker" "hint: start Docker"
docker_denied
preflight preflight
like "$(row tools.docker)" "FAIL +Docker 24\.0\.7: permission denied" "socket permission denied"
like "$out" "to the docker group" "hint: the docker group"
docker_ok

# --only: the named checks and their dependencies, nothing else.
preflight --json preflight --only tools.jq,tools.bash
is "$rc" 0 "--only tools.jq,tools.bash: exit 0"
is "$(json_get '[c["id"] for c in d["checks"]]')" "['tools.bash', 'tools.jq']" "--only runs just those"
preflight preflight --only aws.partition
like "$(row aws.identity)" "FAIL" "--only pulls in a dependency (aws.identity)"
like "$(row aws.partition)" "skip +skipped: aws\.identity failed" "and the check skips after it"
preflight preflight --only tools.jq,nope
is "$rc" 2 "unknown --only id: exit 2"
like "$err" "unknown check id 'nope'" "names the unknown id"

# Colour only on a terminal, and never with --no-color or NO_COLOR.
need_tool script "bsdutils"
tty_out=$(cd "$tmp/work" && script -qec "PATH='$bin' '$LIFTOFF' preflight --only tools.bash" /dev/null </dev/null)
like "$tty_out" $'\033\\[32mpass' "on a terminal, pass is green"
tty_out=$(cd "$tmp/work" && script -qec "PATH='$bin' '$LIFTOFF' --no-color preflight --only tools.bash" /dev/null </dev/null)
unlike "$tty_out" $'\033' "--no-color: no colour on a terminal"
tty_out=$(cd "$tmp/work" && NO_COLOR=1 script -qec "PATH='$bin' '$LIFTOFF' preflight --only tools.bash" /dev/null </dev/null)
unlike "$tty_out" $'\033' "NO_COLOR: no colour on a terminal"

# -c naming a file that is not there: the environment prevented the run.
preflight -c "$tmp/missing.json" preflight
is "$rc" 3 "-c with a missing file: exit 3"
like "$err" "cannot read" "says it cannot read it"

# dns.hostname from config.json, read through the config model.
config_with_host() {
	"${PYTHON:-python3}" - "$top_srcdir/tests/data/config/minimal.json" "$tmp/work/config.json" "$1" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
doc["spacelift_hostname"] = sys.argv[3]
fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, json.dumps(doc).encode())
os.close(fd)
PY
}
# The config rules want a fully qualified name, and this machine resolves
# none without a network, so getent is a fake here.
rm -f "$bin/getent"
fake getent 'case $2 in
spacelift.mycorp.com) printf "10.1.2.3        STREAM spacelift.mycorp.com\n10.1.2.3        DGRAM\n" ;;
*) exit 2 ;;
esac'
config_with_host spacelift.mycorp.com
preflight preflight --only dns.hostname
is "$rc" 0 "a resolving hostname: exit 0"
like "$(row config)" "pass +config\.json is valid" "the config check passes"
like "$(row dns.hostname)" "pass +spacelift\.mycorp\.com resolves to 10\.1\.2\.3" "resolves, with the address"
rm -f "$bin/getent"
ln -s "$(command -v getent)" "$bin/getent"
config_with_host spacelift.liftoff-test.invalid
preflight preflight --only dns.hostname
is "$rc" 0 "a hostname that does not resolve yet is a warning: exit 0"
like "$(row dns.hostname)" "WARN +spacelift\.liftoff-test\.invalid does not resolve" "warns"
like "$out" "CNAME" "hint: add a CNAME after the install"
config_with_host https://x.example.com/
preflight preflight --only dns.hostname
is "$rc" 1 "a URL instead of a hostname: exit 1"
like "$(row config)" "FAIL +1 error in config\.json: spacelift_hostname:" "the config check says why"
like "$(row dns.hostname)" "skip +skipped: config failed" "and dns.hostname waits for a valid config"
printf '{"spacelift_hostname": \n' >"$tmp/work/config.json"
preflight preflight --only config
is "$rc" 1 "config.json that is not JSON: exit 1"
like "$(row config)" "FAIL " "the config check fails"

done_testing
