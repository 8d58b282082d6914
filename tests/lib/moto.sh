# moto.sh - start moto (the AWS emulator) on a free loopback port for one
# test, point the AWS environment at it, and always stop it afterwards.
#
#   moto_start        exports AWS_ENDPOINT_URL, dummy credentials, a region
#                     and private AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
#   moto_stop         stops it (also run at exit: see at_exit in tap.sh)

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MOTO_PID=
MOTO_HOME=

# The first python that can import moto: $PYTHON, then python3 on PATH.
moto_python() {
	local py
	for py in "${PYTHON:-}" python3 /usr/bin/python3; do
		[ -n "$py" ] || continue
		if "$py" -c 'import moto.server' >/dev/null 2>&1; then
			echo "$py"
			return 0
		fi
	done
	return 1
}

moto_start() {
	local py port i
	py=$(moto_python) || lib_die "required tool 'moto' is missing: no python3 can import moto.server"
	need_tool curl "apt-get install curl"
	port=$(free_port)
	MOTO_HOME=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-moto.XXXXXX")
	# moto turns a requested ACM certificate from PENDING_VALIDATION to
	# ISSUED after MOTO_ACM_VALIDATION_WAIT seconds (60 by default), which a
	# slow (sanitizer) run can pass mid-test; pending stays pending here.
	MOTO_ACM_VALIDATION_WAIT=${MOTO_ACM_VALIDATION_WAIT:-86400} \
		"$py" -m moto.server -H 127.0.0.1 -p "$port" >"$MOTO_HOME/moto.log" 2>&1 &
	MOTO_PID=$!
	at_exit moto_stop
	for i in $(seq 1 150); do
		if curl -sf -o /dev/null "http://127.0.0.1:$port/moto-api/"; then
			break
		fi
		kill -0 "$MOTO_PID" 2>/dev/null || lib_die "moto exited at start: $(tail -5 "$MOTO_HOME/moto.log")"
		sleep 0.1
	done
	curl -sf -o /dev/null "http://127.0.0.1:$port/moto-api/" || lib_die "moto did not answer on port $port"
	export MOTO_URL="http://127.0.0.1:$port"
	export AWS_ENDPOINT_URL="$MOTO_URL"
	export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
	export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
	unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE
	export AWS_DEFAULT_REGION=eu-west-1 AWS_REGION=eu-west-1
	export AWS_CONFIG_FILE="$MOTO_HOME/config" AWS_SHARED_CREDENTIALS_FILE="$MOTO_HOME/credentials"
	printf '[default]\nregion = eu-west-1\n' >"$AWS_CONFIG_FILE"
	: >"$AWS_SHARED_CREDENTIALS_FILE"
	export AWS_EC2_METADATA_DISABLED=true
}

# Forget every resource, so each test starts from an empty account.
moto_reset() {
	curl -sf -X POST -o /dev/null "$MOTO_URL/moto-api/reset"
}

moto_stop() {
	if [ -n "$MOTO_PID" ]; then
		kill "$MOTO_PID" 2>/dev/null
		wait "$MOTO_PID" 2>/dev/null
		MOTO_PID=
	fi
	[ -n "$MOTO_HOME" ] && rm -rf "$MOTO_HOME"
	MOTO_HOME=
}
