# fake.sh - start tests/aws/fake_aws.py for one test and point the AWS
# environment at it.  Sourced after tests/lib/tap.sh.
#
#   fake_start PLAN [EXTRA ARGS...]   (re)starts it; sets FAKE_URL, FAKE_LOG
#   fake_requests                     how many requests it has seen
#   fake_field N FIELD                a field of the Nth request (from 1)
#   fake_signatures_ok                "yes" when botocore agrees with every signature

FAKE_PID=
FAKE_DIR=

fake_stop() {
	if [ -n "$FAKE_PID" ]; then
		kill "$FAKE_PID" 2>/dev/null
		wait "$FAKE_PID" 2>/dev/null
		FAKE_PID=
	fi
}

fake_cleanup() {
	fake_stop
	[ -n "$FAKE_DIR" ] && rm -rf "$FAKE_DIR"
	FAKE_DIR=
}

fake_start() {
	local plan=$1 port i
	shift
	fake_stop
	if [ -z "$FAKE_DIR" ]; then
		FAKE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-fake.XXXXXX")
		at_exit fake_cleanup
	fi
	port=$(free_port)
	FAKE_LOG="$FAKE_DIR/requests-$port.jsonl"
	FAKE_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
		"${PYTHON:-python3}" "$top_srcdir/tests/aws/fake_aws.py" --port "$port" --log "$FAKE_LOG" \
		--plan "$plan" "$@" >"$FAKE_DIR/server.log" 2>&1 &
	FAKE_PID=$!
	for i in $(seq 1 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
		kill -0 "$FAKE_PID" 2>/dev/null || bail_out "fake_aws.py exited: $(tail -3 "$FAKE_DIR/server.log")"
		sleep 0.05
	done
	export FAKE_URL="http://127.0.0.1:$port"
	export AWS_ENDPOINT_URL="$FAKE_URL"
	export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
	export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
	export AWS_REGION=eu-west-1
	unset AWS_SESSION_TOKEN AWS_PROFILE AWS_MAX_ATTEMPTS AWS_RETRY_MODE
	export AWS_CONFIG_FILE="$FAKE_DIR/config" AWS_SHARED_CREDENTIALS_FILE="$FAKE_DIR/credentials"
	: >"$AWS_CONFIG_FILE"
	: >"$AWS_SHARED_CREDENTIALS_FILE"
}

fake_requests() {
	if [ -f "$FAKE_LOG" ]; then wc -l <"$FAKE_LOG" | tr -d ' '; else echo 0; fi
}

fake_field() { # N FIELD
	sed -n "${1}p" "$FAKE_LOG" | "${PYTHON:-python3}" -c \
		'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print(json.dumps(v) if isinstance(v,(dict,list,bool)) or v is None else v)' "$2"
}

# "yes" when every signed request so far carried the signature botocore
# computes for it; otherwise the requests that did not.
fake_signatures_ok() {
	"${PYTHON:-python3}" -c '
import json, sys
bad = [r["op"] for r in map(json.loads, open(sys.argv[1])) if r["signed"] and r["sig_ok"] is not True]
print("yes" if not bad else "bad: " + " ".join(bad))' "$FAKE_LOG"
}
