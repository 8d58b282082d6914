# shellcheck shell=bash
# moto-lite.sh - a private, minimal moto starter for the doubles' own tests
# and the demo runner, used only when the lead's tests/lib/moto.sh is absent.
# Functions are prefixed lite_ so they never clash with tests/lib/moto.sh.
#
#   lite_moto_start   start `python -m moto.server` on a free loopback port,
#                     wait until it answers, export AWS_ENDPOINT_URL, the
#                     test credentials, region and temp AWS config files
#   lite_moto_stop

lite_moto_start() {
    local py=${PYTHON:-python3} port _
    LITE_MOTO_DIR=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-moto.XXXXXX") || return 1
    port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') || return 1
    "$py" -m moto.server -H 127.0.0.1 -p "$port" >"$LITE_MOTO_DIR/moto.log" 2>&1 &
    LITE_MOTO_PID=$!
    for _ in $(seq 1 150); do
        if "$py" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/', timeout=1)" 2>/dev/null; then
            break
        fi
        if ! kill -0 "$LITE_MOTO_PID" 2>/dev/null; then
            echo "lite_moto_start: moto exited:" >&2
            cat "$LITE_MOTO_DIR/moto.log" >&2
            return 1
        fi
        sleep 0.1
    done
    export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    export AWS_DEFAULT_REGION=eu-west-1
    export AWS_CONFIG_FILE=$LITE_MOTO_DIR/config AWS_SHARED_CREDENTIALS_FILE=$LITE_MOTO_DIR/credentials
    printf '[default]\nregion = eu-west-1\n' >"$AWS_CONFIG_FILE"
    : >"$AWS_SHARED_CREDENTIALS_FILE"
    unset AWS_PROFILE AWS_SESSION_TOKEN
    export LITE_MOTO_PID LITE_MOTO_DIR
}

lite_moto_stop() {
    if [ -n "${LITE_MOTO_PID:-}" ]; then
        kill "$LITE_MOTO_PID" 2>/dev/null
        wait "$LITE_MOTO_PID" 2>/dev/null
    fi
    [ -n "${LITE_MOTO_DIR:-}" ] && rm -rf "$LITE_MOTO_DIR"
    unset LITE_MOTO_PID LITE_MOTO_DIR AWS_ENDPOINT_URL
    return 0
}
