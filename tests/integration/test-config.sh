#!/bin/bash
# test-config.sh - `liftoff config validate|show|init` on fixture files:
# exit codes, every problem reported, --json shapes, secrets never shown,
# init's refusal to overwrite and its .bak.
. "$top_srcdir/tests/lib/tap.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"
need_tool "$PYTHON"
work=$(mktemp -d) || bail_out "mktemp failed"
at_exit "rm -rf '$work'"
# Private copies, mode 0600 as liftoff writes them (the source tree's
# modes depend on the checkout; a readable file with secrets is a warning).
cp -R "$top_srcdir/tests/data/config" "$work/data" || bail_out "cannot copy the fixtures"
chmod -R u+w "$work/data" && find "$work/data" -type f -exec chmod 600 {} + || bail_out "chmod failed"
data=$work/data

# Secrets planted in the fixtures; none may ever be printed.
secrets='oidc-SECRET-value|SLACK-CLIENT-SECRET|SLACK-SIGNING-SECRET|PROXY-PASSWORD-42|INVALID-FIXTURE-SECRET'

json_get() { # JSON EXPR(python, on d)
	printf '%s' "$1" | "$PYTHON" -c "import json,sys; d=json.load(sys.stdin); print($2)"
}

# ---- validate ----
for f in minimal full-oidc saml-static; do
	out=$("$LIFTOFF" config validate -c "$data/$f.json" 2>&1); rc=$?
	is "$rc" 0 "validate $f.json: valid"
	like "$out" "is valid" "validate $f.json says so"
done
out=$("$LIFTOFF" config validate -c "$data/saml-static.json" 2>&1)
like "$out" "^global_resources_tags: warning: read as global_resource_tags" \
	"the guide's spelling is read, with a warning"

out=$("$LIFTOFF" config validate -c "$data/invalid-many.json" 2>&1); rc=$?
is "$rc" 1 "validate invalid-many.json: exit 1"
for p in account_name aws_region spacelift_hostname webhooks_endpoint tracing_enabled \
	load_balancer.scheme database.instance_class database.backup_retention_period_days \
	sso_config.admin_login sso_config.sso_type sso_config.oidc_args.identity_provider_host \
	'global_resource_tags\[0\].key' s3_config.run_logs_expiration_days proxy_config.http_proxy; do
	like "$out" "^$p: " "reports $p"
done
like "$out" "^tracing_enabled: wrong type: expected true or false, found a string" \
	"a wrong type names the expected type"
like "$out" "^    Use a region code such as eu-west-1" "hints are indented below"
like "$out" "^aws_regoin: warning: not a field liftoff knows" "unknown keys are warnings"
like "$out" "Did you mean aws_region\?" "with a suggestion"
first_warning=$(printf '%s\n' "$out" | grep -n ': warning: ' | head -1 | cut -d: -f1)
last_error=$(printf '%s\n' "$out" | grep -vn ': warning: ' | grep -v '^[0-9]*:    ' | grep -v 'not valid' | tail -1 | cut -d: -f1)
ok "errors come before warnings" test "$last_error" -lt "$first_warning"
like "$out" "not valid: 15 errors, 2 warnings" "a summary counts them"
unlike "$out" "$secrets" "validate shows no secret"

out=$("$LIFTOFF" --json config validate -c "$data/invalid-many.json"); rc=$?
is "$rc" 1 "--json: exit 1 when invalid"
is "$(json_get "$out" 'd["valid"]')" "False" "--json: valid is false"
is "$(json_get "$out" 'len(d["errors"])')" 15 "--json: every error"
is "$(json_get "$out" 'len(d["warnings"])')" 2 "--json: every warning"
is "$(json_get "$out" 'all(set(e)=={"path","message","hint"} for e in d["errors"])')" True \
	"--json: each error has path, message and hint"
out=$("$LIFTOFF" config validate --json -c "$data/full-oidc.json"); rc=$?
is "$rc" 0 "--json after the command: exit 0 when valid with warnings"
is "$(json_get "$out" 'd["valid"], len(d["errors"]), len(d["warnings"])')" "True 0 2" \
	"--json: valid, no errors, the warnings"

out=$("$LIFTOFF" config validate -c "$data/bad-syntax.json" 2>&1); rc=$?
is "$rc" 1 "invalid JSON: exit 1"
like "$out" "bad-syntax.json:4:22: not valid JSON: '}' expected near '\"spacelift_hostname\"'" \
	"names the line, the column and what the parser saw"
out=$("$LIFTOFF" config validate --json -c "$data/bad-syntax.json"); rc=$?
is "$(json_get "$out" 'd["errors"][0]["path"]')" "" "--json: a syntax error is about the file"

chmod 644 "$data/full-oidc.json"
out=$("$LIFTOFF" config validate -c "$data/full-oidc.json" 2>&1); rc=$?
is "$rc" 0 "a file others can read is still valid"
like "$out" "^warning: .*full-oidc.json: other users can read this file \(mode 644\), and it holds secrets" \
	"but it is a warning when the file holds secrets"
like "$out" "^    Run: chmod 600 .*full-oidc.json" "with the fix"
chmod 600 "$data/full-oidc.json"

out=$("$LIFTOFF" config validate -c "$work/nope.json" 2>&1); rc=$?
is "$rc" 3 "a file that cannot be read: exit 3"
like "$out" "cannot read .*nope.json" "and says which"

# ---- usage ----
out=$("$LIFTOFF" config 2>&1); rc=$?
is "$rc" 2 "no subcommand: exit 2"
like "$out" "Try 'liftoff config validate'" "with a hint"
out=$("$LIFTOFF" config frobnicate 2>&1); rc=$?
is "$rc" 2 "unknown subcommand: exit 2"
like "$out" "unknown subcommand 'frobnicate'" "names it"

# ---- show ----
out=$("$LIFTOFF" config show -c "$data/full-oidc.json"); rc=$?
is "$rc" 0 "show: exit 0"
like "$out" '^sso_config.oidc_args.client_credentials = "\*\*\*\*\*\*\*\*"$' "client_credentials masked"
like "$out" '^slack_config.client_secret = "\*\*\*\*\*\*\*\*"$' "slack client_secret masked"
like "$out" '^slack_config.signing_secret = "\*\*\*\*\*\*\*\*"$' "slack signing_secret masked"
like "$out" '^proxy_config.http_proxy = "http://\*\*\*\*\*\*\*\*@proxy' "proxy password masked"
like "$out" '^x_admin_note = "kept by liftoff"' "unknown keys are shown"
unlike "$out" "$secrets" "show: no secret text"
out=$("$LIFTOFF" config show -c "$data/minimal.json")
like "$out" '^s3_config.run_logs_expiration_days = 60$' "show: defaults fill what the file leaves out"
out=$("$LIFTOFF" config show -r "$data/release" -c "$data/minimal.json")
like "$out" '^database.postgres_engine_version = "16.4"$' "show -r: the release's defaults"

out=$("$LIFTOFF" --json config show -c "$data/full-oidc.json"); rc=$?
is "$rc" 0 "show --json: exit 0"
is "$(json_get "$out" 'd["slack_config"]["client_secret"]')" "********" "show --json: masked"
unlike "$out" "$secrets" "show --json: no secret text"

cp "$data/full-oidc.json" "$work/new.json"
sed -e 's/oidc-SECRET-value-1234567890/oidc-SECRET-value-rotated/' -e 's/"tracing_enabled": true/"tracing_enabled": false/' \
	"$data/full-oidc.json" > "$work/old.json"
out=$("$LIFTOFF" config show -c "$work/new.json" --diff "$work/old.json"); rc=$?
is "$rc" 0 "show --diff: exit 0"
like "$out" '^changed  tracing_enabled: false -> true$' "--diff lists a changed value"
like "$out" '^changed  sso_config.oidc_args.client_credentials: "\*\*\*\*\*\*\*\*" -> "\*\*\*\*\*\*\*\*"$' \
	"--diff says a secret changed, masked"
unlike "$out" "$secrets|rotated" "--diff: no secret text"
out=$("$LIFTOFF" config show -c "$data/full-oidc.json" --diff "$data/minimal.json")
like "$out" '^added    slack_config = ' "--diff lists added keys"
unlike "$out" "$secrets" "--diff of added objects: no secret text"
out=$("$LIFTOFF" --json config show -c "$data/minimal.json" --diff "$data/full-oidc.json")
is "$(json_get "$out" '"slack_config" in [c["path"] for c in d["removed"]]')" True "--diff --json: removed"
unlike "$out" "$secrets" "--diff --json: no secret text"
# With -r, --diff shows the upgrade merge: the release's new keys arrive
# with their defaults and the user's own values stay.
out=$("$LIFTOFF" config show -c "$data/minimal.json" -r "$data/release" --diff "$data/minimal.json"); rc=$?
is "$rc" 0 "show -r --diff: exit 0"
like "$out" '^added    database = .*"postgres_engine_version":"16.4"' "show -r --diff: a new section with the release's defaults"
like "$out" '^added    new_release_option = \{"enabled":false\}$' "show -r --diff: a key only the new release has"
unlike "$out" '^(changed|removed) ' "show -r --diff: the user's values are kept"

# ---- init ----
cfg=$work/init/config.json
mkdir -p "$work/init"
out=$("$LIFTOFF" config init -c "$cfg" 2>&1); rc=$?
is "$rc" 0 "init: exit 0"
is "$(stat -c %a "$cfg")" 600 "init: mode 0600"
like "$out" "sso_config.admin_login" "init lists the fields to fill in"
"$LIFTOFF" config validate -c "$cfg" >/dev/null 2>&1; rc=$?
is "$rc" 1 "the fresh file is not valid until the required fields are filled"
echo '{"mine": true}' > "$cfg"
out=$("$LIFTOFF" config init -c "$cfg" 2>&1); rc=$?
is "$rc" 1 "init refuses to overwrite"
like "$out" -- "--force" "and mentions --force"
is "$(cat "$cfg")" '{"mine": true}' "the file is untouched"
out=$("$LIFTOFF" config init --force -r "$data/release" -c "$cfg" 2>&1); rc=$?
is "$rc" 0 "init --force -r RELEASE: exit 0"
is "$(cat "$cfg.bak")" '{"mine": true}' "the old file is kept as .bak"
is "$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["new_release_option"])' "$cfg")" \
	"{'enabled': False}" "init -r takes the release's config.json"
touch "$work/spacelift-self-hosted-v3.0.0.tar.gz"
out=$("$LIFTOFF" config init --force -r "$work/spacelift-self-hosted-v3.0.0.tar.gz" -c "$cfg" 2>&1); rc=$?
is "$rc" 2 "init -r ARCHIVE: refused (exit 2)"
like "$out" "liftoff verify --extract" "pointing at liftoff verify --extract"
ln -s "$work/elsewhere.json" "$work/link.json"
out=$("$LIFTOFF" config init --force -c "$work/link.json" 2>&1); rc=$?
is "$rc" 3 "init through a symbolic link is refused"
ok "and nothing is created at the link's target" test ! -e "$work/elsewhere.json"

done_testing
