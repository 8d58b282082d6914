#!/bin/bash
# test-secret-leaks.sh - no secret ever reaches the screen, a log, a
# child's arguments or environment, or a file liftoff writes.
#
# Distinctive secrets are planted everywhere liftoff can meet one: the AWS
# secret key and session token (from a credential_process, and from the
# environment), a web identity token, the OIDC client secret, the Slack
# client and signing secrets, and a DATABASE_URL password stored in moto's
# SSM as a SecureString.  Then every command that can touch them runs at
# every verbosity and with --json, on success and on failure paths, and
# nothing any of them printed may contain a secret.  The fake
# credential_process and the fake tools (aws, jq, docker, openssl, base64)
# record their own argv and environment: liftoff must not have put a
# secret there, and the credential_process also reads liftoff's core size
# limit from /proc/$PPID/limits.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"
. "$top_srcdir/tests/lib/doubles.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"
need_tool "${PYTHON:-python3}" "python3"
"${PYTHON:-python3}" -c 'import boto3, cryptography' 2>/dev/null ||
	bail_out "required tool 'boto3/cryptography' is missing for ${PYTHON:-python3}"

tmp=$(mktemp -d) || bail_out "mktemp failed"
echo_pid=
cleanup() {
	[ -n "$echo_pid" ] && kill "$echo_pid" 2>/dev/null && wait "$echo_pid" 2>/dev/null
	rm -rf "$tmp"
}
at_exit cleanup
fix() { "${PYTHON:-python3}" "$top_srcdir/tests/integration/preflight-fixtures.py" "$@"; }

moto_start
doubles_start
unset AWS_CA_BUNDLE   # set machine-wide; moto and the doubles are plain http
export AWS_MAX_ATTEMPTS=1

# ---- the secrets ----
AWS_SECRET=LeakAwsSecretKey0Zq8Xw7Vu6Ts5Rq4Po3Nm2Lk1J
SESSION_TOKEN=LeakSessionToken9Yx8Wv7Ut6Sr5Qp4On3Ml2Kj1IhGf
PROC_SECRET=LeakProcSecretKey3Hg5Fd7Sa9Qw1Er3Ty5Ui7Op9
PROC_TOKEN=LeakProcSessionToken2Mn4Bv6Cx8Za0Lk2Jh4Gf6Ds8
WEB_TOKEN=LeakWebIdentityToken.eyJ4Zm9vIjoiYmFyIn0.Sig7Lx9Kp2
OIDC_SECRET=LeakOidcClientSecret7Tg5Rf3Ed1Ws9Qa7Zx5
SLACK_CLIENT=LeakSlackClientSecret4Yh6Uj8Ik0Ol2Pm4Nb6
SLACK_SIGNING=LeakSlackSigningSecret1Az3Sx5Dc7Fv9Gb1Hn3
DB_PASSWORD=LeakDbPassw0rd8Qz6Xs4Cd2Vf0Bg8Nh6Mj4
PROXY_PASSWORD=LeakProxyPass@word3Wd5Rf7
CONTAINER_TOKEN=LeakContainerAuthToken6Bn8Mk0Lj2Hg4
SECRETS=("$PROXY_PASSWORD" "$CONTAINER_TOKEN" "$AWS_SECRET" "$SESSION_TOKEN" "$PROC_SECRET" "$PROC_TOKEN" "$WEB_TOKEN" \
	"$OIDC_SECRET" "$SLACK_CLIENT" "$SLACK_SIGNING" "$DB_PASSWORD")

# leaks TEXT: the names of the secrets found in TEXT, or nothing.
leaks() {
	local s found=
	for s in "${SECRETS[@]}"; do
		case "$1" in *"$s"*) found="$found ${s:0:22}";; esac
	done
	printf '%s' "$found"
}
# no_leak TEXT DESCRIPTION
no_leak() {
	local l
	l=$(leaks "$1")
	if [ -z "$l" ]; then tap_ok 0 "$2"; else tap_ok 1 "$2" "leaked:$l"; fi
}

# ---- AWS fixtures: a self-managed database in SSM and Secrets Manager ----
key=$(fix kms)
db_url="{\"DATABASE_URL\": \"postgres://spacelift:$DB_PASSWORD@db.internal:5432/spacelift?statement_cache_capacity=0\"}"
param=$(fix ssm /spacelift/db "$db_url" "$key")
bad_param=$(fix ssm /spacelift/bad "postgres://spacelift:$DB_PASSWORD@db.internal/x" "$key")
bad_url_param=$(fix ssm /spacelift/badurl "{\"DATABASE_URL\": \"mysql://u:$DB_PASSWORD@h/x\"}" "$key")
sm_secret=$(fix secret spacelift-db-url "$db_url" "$key")
[ -n "$param" ] && [ -n "$sm_secret" ] || bail_out "cannot make the AWS fixtures"

# ---- the config: every secret field set ----
make_config() { # FILE PARAM-ARN
	"${PYTHON:-python3}" - "$top_srcdir/tests/data/config/minimal.json" "$1" "$2" "$key" \
		"$OIDC_SECRET" "$SLACK_CLIENT" "$SLACK_SIGNING" <<'PY'
import json, os, sys
src, dst, param, key, oidc, slack_c, slack_s = sys.argv[1:]
doc = json.load(open(src))
doc["sso_config"]["oidc_args"]["client_credentials"] = oidc
doc["slack_config"] = {"enabled": True, "client_id": "1234.5678", "client_secret": slack_c,
                       "signing_secret": slack_s}
doc["database"] = {"connection_string_ssm_arn": param, "connection_string_ssm_kms_arn": key}
fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, json.dumps(doc, indent=2).encode())
os.close(fd)
PY
}
make_config "$tmp/config.json" "$param"

# ---- the fake children: they record argv, environ and liftoff's limits ----
mkdir -p "$tmp/bin" "$tmp/rec"
cat >"$tmp/bin/recorder" <<EOF
#!/bin/bash
# Records what liftoff handed this child, then answers as \$(basename \$0).
rec="$tmp/rec/\$(basename "\$0").\$\$"
tr '\\0' '\\n' </proc/\$\$/cmdline >"\$rec.argv"
tr '\\0' '\\n' </proc/\$\$/environ >"\$rec.env"
cat /proc/\$PPID/limits >"\$rec.limits" 2>/dev/null
case "\$(basename "\$0"):\$1" in
credproc:ok)
	printf '{"Version": 1, "AccessKeyId": "AKIAPROCESSEXAMPLE1", "SecretAccessKey": "%s", "SessionToken": "%s"}\n' \
		"$PROC_SECRET" "$PROC_TOKEN" ;;
credproc:fail)
	echo "error: cannot reach vault; last token was $PROC_TOKEN" >&2
	echo "SecretAccessKey=$PROC_SECRET" >&2
	exit 3 ;;
credproc:badjson)
	echo "{\"SecretAccessKey\": \"$PROC_SECRET\"" ;;
aws:--version)
	echo "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64" ;;
aws:configure)
	printf '{"Version": 1, "AccessKeyId": "AKIASSOEXAMPLE00001", "SecretAccessKey": "%s", "SessionToken": "%s"}\n' \
		"$PROC_SECRET" "$PROC_TOKEN" ;;
*)
	echo "\$(basename "\$0") 1.7.1" ;;
esac
EOF
chmod +x "$tmp/bin/recorder"
for t in credproc aws jq docker openssl base64; do ln -s recorder "$tmp/bin/$t"; done
export PATH="$tmp/bin:$PATH"

# ---- running liftoff ----
# run NAME ARGS...: liftoff with stdin closed; keeps stdout+stderr as $tmp/out/NAME.
mkdir -p "$tmp/out" "$tmp/cwd"
run() {
	local name=$1
	shift
	(cd "$tmp/cwd" && "$LIFTOFF" "$@" </dev/null >"$tmp/out/$name.out" 2>"$tmp/out/$name.err")
	echo $? >"$tmp/out/$name.rc"
}
# every_verbosity NAME ARGS...: run at default, -v, -vv, -vvv and with --json -vvv.
every_verbosity() {
	local name=$1
	shift
	run "$name" "$@"
	run "$name-v" -v "$@"
	run "$name-vv" -vv "$@"
	run "$name-vvv" -vvv "$@"
	run "$name-json" -vvv --json "$@"
}
all_output() { cat "$tmp"/out/*.out "$tmp"/out/*.err 2>/dev/null; }

# ---- credentials from the environment, with a session token ----
export AWS_SECRET_ACCESS_KEY="$AWS_SECRET" AWS_SESSION_TOKEN="$SESSION_TOKEN"
every_verbosity env-whoami whoami
is "$(cat "$tmp/out/env-whoami.rc")" 0 "whoami with environment credentials works"
every_verbosity env-preflight -c "$tmp/config.json" preflight
like "$(cat "$tmp/out/env-preflight-json.out")" '"database.self-managed"' "preflight --json ran the database check"
like "$(grep -A1 '"id": "database.self-managed"' "$tmp/out/env-preflight-json.out")" '"status": "pass"' \
	"the database check read the URL from SSM"
make_config "$tmp/config-sm.json" "$sm_secret"
every_verbosity env-preflight-sm -c "$tmp/config-sm.json" preflight --only database.self-managed,config
make_config "$tmp/config-bad.json" "$bad_param"
every_verbosity env-preflight-bad -c "$tmp/config-bad.json" preflight --only database.self-managed
like "$(cat "$tmp/out/env-preflight-bad.out")" "fail" "a DATABASE_URL that is not JSON fails the check"
make_config "$tmp/config-badurl.json" "$bad_url_param"
every_verbosity env-preflight-badurl -c "$tmp/config-badurl.json" preflight --only database.self-managed
every_verbosity config-show -c "$tmp/config.json" config show
like "$(cat "$tmp/out/config-show.out")" '\*\*\*\*\*\*\*\*' "config show masks the secrets"
every_verbosity config-validate -c "$tmp/config.json" config validate
# URLs with a password under a known key, a misspelt one and an unknown one.
"${PYTHON:-python3}" - "$tmp/config.json" "$tmp/config-urls.json" "$PROXY_PASSWORD" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
pw = sys.argv[3]
doc["proxy_config"] = {"http_proxy": "http://bob:%s@proxy.mycorp.com:3128" % pw,
                       "https_proxyy": "http://bob:%s@proxy.mycorp.com:3128" % pw}
doc["database_url"] = "postgres://spacelift:%s@db.internal:5432/spacelift" % pw
fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, json.dumps(doc, indent=2).encode())
os.close(fd)
PY
every_verbosity config-show-urls -c "$tmp/config-urls.json" config show
like "$(cat "$tmp/out/config-show-urls.out")" 'https_proxyy = "http://\*\*\*\*\*\*\*\*@proxy' \
	"config show masks the password of a misspelt proxy key"
every_verbosity config-validate-urls -c "$tmp/config-urls.json" config validate
every_verbosity config-diff-urls -c "$tmp/config-urls.json" config show --diff "$tmp/config.json"
every_verbosity config-diff-urls2 -c "$tmp/config.json" config show --diff "$tmp/config-urls.json"
every_verbosity preflight-urls -c "$tmp/config-urls.json" preflight --only config
cp "$tmp/config.json" "$tmp/old.json"
"${PYTHON:-python3}" - "$tmp/old.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["sso_config"]["oidc_args"]["client_credentials"] = "LeakOldOidcSecret5Rt7Yu9Io1Pa3Sd"
d["slack_config"]["signing_secret"] = "LeakOldSigning0Gh2Jk4Lz6Xc8Vb"
json.dump(d, open(sys.argv[1], "w"))
PY
SECRETS+=(LeakOldOidcSecret5Rt7Yu9Io1Pa3Sd LeakOldSigning0Gh2Jk4Lz6Xc8Vb)
every_verbosity config-diff -c "$tmp/config.json" config show --diff "$tmp/old.json"
# A config.json whose JSON is broken inside a secret string.
printf '{"sso_config": {"oidc_args": {"client_credentials": "%s\\q"}}}\n' "$OIDC_SECRET" >"$tmp/broken.json"
printf '{"slack_config": {"signing_secret": "%s\n"}}\n' "$SLACK_SIGNING" >"$tmp/broken2.json"
printf '{"slack_config": {"client_secret": "%s' "$SLACK_CLIENT" >"$tmp/broken3.json"
# jansson quotes a token of up to 20 characters: a short secret, or the
# start of a long one when the error comes early in it.
SHORT=Lk7ShortPw9
SECRETS+=("$SHORT")
printf '{"slack_config": {"client_secret": "%s\\x%s"}}\n' "$SHORT" "$SLACK_CLIENT" >"$tmp/broken4.json"
printf '{"sso_config": {"oidc_args": {"client_credentials": "%s' "$SHORT" >"$tmp/broken5.json"
printf '{"slack_config": {"client_secret": %s}}\n' "$SHORT" >"$tmp/broken6.json"
for b in broken broken2 broken3 broken4 broken5 broken6; do
	chmod 600 "$tmp/$b.json"
	every_verbosity "config-$b" -c "$tmp/$b.json" config validate
	every_verbosity "preflight-$b" -c "$tmp/$b.json" preflight --only config
done
like "$(cat "$tmp/out/config-broken.err" "$tmp/out/config-broken.out")" "not valid JSON" \
	"a broken config.json is reported"
# The wrong secret key: moto does not check signatures, so a bad token
# from STS is the closest failure; the AWS error must not echo it.
export AWS_SESSION_TOKEN="$SESSION_TOKEN/bad"
every_verbosity env-badtoken whoami
export AWS_SESSION_TOKEN="$SESSION_TOKEN"
# No endpoint at all: a network failure.
AWS_ENDPOINT_URL=http://127.0.0.1:9 every_verbosity env-noendpoint whoami
unset AWS_SESSION_TOKEN
no_leak "$(all_output)" "environment credentials: no secret on stdout or stderr at any verbosity"
rm -f "$tmp"/out/*

# ---- a web identity token ----
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
printf '%s' "$WEB_TOKEN" >"$tmp/web-token"
AWS_WEB_IDENTITY_TOKEN_FILE="$tmp/web-token" AWS_ROLE_ARN=arn:aws:iam::123456789012:role/deploy \
	every_verbosity web-whoami whoami
is "$(cat "$tmp/out/web-whoami.rc")" 0 "whoami with a web identity token works"
AWS_WEB_IDENTITY_TOKEN_FILE="$tmp/web-token" AWS_ROLE_ARN=arn:aws:iam::123456789012:role/deploy \
	every_verbosity web-preflight -c "$tmp/config.json" preflight
AWS_WEB_IDENTITY_TOKEN_FILE="$tmp/web-token" AWS_ROLE_ARN=not-an-arn \
	every_verbosity web-badrole whoami
# An STS that quotes the token back in its error message.
cat >"$tmp/echo-sts.py" <<'PY'
import http.server, sys, urllib.parse
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        form = urllib.parse.parse_qs(body)
        token = form.get("WebIdentityToken", [""])[0]
        if not token:   # a signed call: quote its session token
            token = self.headers.get("X-Amz-Security-Token", "")
        msg = ("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>"
               "<Message>The token %s is not valid</Message></Error>"
               "<RequestId>1</RequestId></ErrorResponse>" % token).encode()
        self.send_response(400)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(msg)))
        self.end_headers()
        self.wfile.write(msg)
    def do_GET(self):
        # Container credentials: quote the Authorization header back, in
        # an error (/fail) or in an answer that is not JSON (/bad).
        msg = ("token %s rejected" % self.headers.get("Authorization", "")).encode()
        self.send_response(500 if self.path == "/fail" else 200)
        self.send_header("Content-Length", str(len(msg)))
        self.end_headers()
        self.wfile.write(msg)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_port))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
"${PYTHON:-python3}" "$tmp/echo-sts.py" "$tmp/echo-port" &
echo_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/echo-port" ] && break; sleep 0.1; done
[ -s "$tmp/echo-port" ] || bail_out "the echoing STS did not start"
AWS_ENDPOINT_URL_STS="http://127.0.0.1:$(cat "$tmp/echo-port")" \
	AWS_WEB_IDENTITY_TOKEN_FILE="$tmp/web-token" AWS_ROLE_ARN=arn:aws:iam::123456789012:role/deploy \
	every_verbosity web-echo whoami
like "$(cat "$tmp/out/web-echo.out" "$tmp/out/web-echo.err")" "InvalidIdentityToken|is not valid" \
	"an STS error about the web identity token is reported"
# A signed call whose error quotes the session token, twice; then a token
# that is the mask itself (the scrubbing must not loop for ever).
AWS_ENDPOINT_URL_STS="http://127.0.0.1:$(cat "$tmp/echo-port")" \
	AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY="$AWS_SECRET" \
	AWS_SESSION_TOKEN="$SESSION_TOKEN" every_verbosity echo-token whoami
like "$(cat "$tmp/out/echo-token.err")" "The token \*\*\*\*\*\*\*\* is not valid" \
	"a session token quoted in an AWS error is masked"
AWS_ENDPOINT_URL_STS="http://127.0.0.1:$(cat "$tmp/echo-port")" \
	AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY="$AWS_SECRET" \
	AWS_SESSION_TOKEN='********' timeout 30 "$LIFTOFF" whoami </dev/null >/dev/null 2>&1
rc=$?
[ "$rc" != 124 ]
tap_ok $? "a session token equal to the mask does not hang the error path (exit $rc)"
# Container credentials with an authorization token, from the variable
# and from a file, against an endpoint that quotes the token back (each
# run waits out the fetcher's retries, so two verbosities only).
echo_url="http://127.0.0.1:$(cat "$tmp/echo-port")"
printf '%s\n' "$CONTAINER_TOKEN" >"$tmp/container-token"
for v in "" -vvv; do
	AWS_CONTAINER_CREDENTIALS_FULL_URI="$echo_url/fail" \
		AWS_CONTAINER_AUTHORIZATION_TOKEN="$CONTAINER_TOKEN" run "container-fail$v" $v whoami
	AWS_CONTAINER_CREDENTIALS_FULL_URI="$echo_url/bad" \
		AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$tmp/container-token" \
		run "container-bad$v" $v --json whoami
done
like "$(cat "$tmp/out/container-fail.err")" "HTTP 500" "a failing container endpoint is reported"
no_leak "$(all_output)" "web identity, STS and container errors: no secret on stdout or stderr at any verbosity"
rm -f "$tmp"/out/*

# ---- credential_process and the AWS CLI (SSO) ----
cat >"$AWS_CONFIG_FILE" <<EOF
[default]
region = eu-west-1
[profile proc]
credential_process = credproc ok
[profile procfail]
credential_process = credproc fail
[profile procbad]
credential_process = credproc badjson
[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
region = eu-west-1
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
EOF
every_verbosity proc-whoami --profile proc whoami
is "$(cat "$tmp/out/proc-whoami.rc")" 0 "whoami with a credential_process works"
every_verbosity proc-preflight --profile proc -c "$tmp/config.json" preflight
every_verbosity procfail-whoami --profile procfail whoami
like "$(cat "$tmp/out/procfail-whoami.err")" "status 3" "a failing credential_process is reported"
every_verbosity procbad-whoami --profile procbad whoami
every_verbosity sso-whoami --profile sso whoami
every_verbosity sso-preflight --profile sso -c "$tmp/config.json" preflight
no_leak "$(all_output)" "credential_process and SSO: no secret on stdout or stderr at any verbosity"

# ---- what the children were given ----
ls "$tmp"/rec/credproc.*.argv >/dev/null 2>&1 || bail_out "the credential_process never ran"
ls "$tmp"/rec/aws.*.argv >/dev/null 2>&1 || bail_out "the fake aws never ran"
ls "$tmp"/rec/jq.*.argv >/dev/null 2>&1 || bail_out "the fake jq never ran"
like "$(cat "$tmp"/rec/jq.*.env)" "^PATH=" "the recorder reads the children's environment"
like "$(cat "$tmp"/rec/credproc.*.argv)" "^ok$" "and their arguments"
no_leak "$(cat "$tmp"/rec/*.argv)" "no child process got a secret in its arguments"
no_leak "$(cat "$tmp"/rec/*.env)" "no child process got a secret in its environment"
like "$(cat "$tmp"/rec/credproc.*.limits)" "Max core file size +0 +0 " \
	"liftoff runs with core files off (seen by its credential_process)"
unlike "$(grep -h "Max core file size" "$tmp"/rec/*.limits)" "Max core file size +[1-9u]" \
	"every child saw liftoff with core files off"

first=$(awk '/^int main\(/ { m = 1; next } m && /^\t[a-z]/ { print; exit }' "$top_srcdir/ui/main.c")
is "$first" "$(printf '\tlo_harden_process();')" "main() hardens the process before anything else"

# ---- the files liftoff writes ----
# config init --force over an existing file with secrets, readable by all:
# the new file and the .bak (the old secrets) are both 0600.
umask 022
cp "$tmp/config.json" "$tmp/init.json"
chmod 644 "$tmp/init.json"
run init-force -c "$tmp/init.json" config init --force
is "$(cat "$tmp/out/init-force.rc")" 0 "config init --force works"
is "$(stat -c %a "$tmp/init.json" 2>/dev/null)" 600 "config init --force writes config.json mode 0600"
if [ -e "$tmp/init.json.bak" ]; then
	is "$(stat -c %a "$tmp/init.json.bak")" 600 "its .bak is mode 0600"
	like "$(cat "$tmp/init.json.bak")" "$OIDC_SECRET" "the .bak is the old file"
else
	tap_ok 1 "config init --force keeps a .bak" "no $tmp/init.json.bak"
fi
rm -f "$tmp/new.json"
run init -c "$tmp/new.json" config init
is "$(stat -c %a "$tmp/new.json" 2>/dev/null)" 600 "config init writes a new config.json mode 0600"
no_leak "$(cat "$tmp"/out/init*)" "config init prints no secret"
# Nothing else liftoff wrote (its working directory, /tmp entries of its
# own) may hold a secret.
no_leak "$(cat "$tmp"/cwd/* "$tmp"/cwd/.[!.]* 2>/dev/null)" "liftoff wrote no secret into its working directory"
left=$(find "$tmp" -maxdepth 1 -name '.*.json.*' 2>/dev/null)
is "$left" "" "no temporary config file is left behind"

done_testing
