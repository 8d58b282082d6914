# shellcheck shell=bash
# doubles.sh - bash helpers that start, steer and stop liftoff's AWS doubles
# (tests/doubles/server.py: License Manager, Service Quotas, CloudFormation).
#
# Design: the server binds port 0 itself and writes the port it got to a file,
# so there is no race for a "free" port.  doubles_start waits for that file and
# for /_double/health, exports the endpoint variables the AWS SDKs and CLI
# honour, and chains doubles_stop in front of whatever EXIT trap is already
# set.  Source it; do not run it.
#
#   doubles_start [SCENARIO_FILE]   start on 127.0.0.1, export
#                                   AWS_ENDPOINT_URL_LICENSE_MANAGER,
#                                   AWS_ENDPOINT_URL_SERVICE_QUOTAS,
#                                   AWS_ENDPOINT_URL_CLOUDFORMATION, DOUBLES_URL
#   doubles_scenario FILE_OR_JSON [merge]
#                                   switch scenario (merge: only change the keys given)
#   doubles_reset                   forget every stack and call, reseed licenses
#   doubles_stop                    stop the server (also run at exit)

_doubles_py() { PYTHONDONTWRITEBYTECODE=1 "${PYTHON:-python3}" "$@"; }

_doubles_srcdir() {
    if [ -n "${top_srcdir:-}" ]; then
        printf '%s\n' "$top_srcdir"
    else
        (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    fi
}

# _doubles_http METHOD PATH [BODY_FILE]: print the body, fail on non-2xx.
_doubles_http() {
    _doubles_py - "$DOUBLES_URL$2" "$1" "${3:-}" <<'EOF'
import sys, urllib.request
url, method, body = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(body, "rb").read() if body else None
req = urllib.request.Request(url, data=data, method=method)
try:
    with urllib.request.urlopen(req, timeout=10) as r:
        sys.stdout.write(r.read().decode())
except urllib.error.HTTPError as e:
    sys.stderr.write("doubles: %s %s -> %s %s\n" % (method, url, e.code, e.read().decode()))
    sys.exit(1)
except OSError as e:
    sys.stderr.write("doubles: %s %s -> %s\n" % (method, url, e))
    sys.exit(1)
EOF
}

doubles_start() {
    local scenario=${1:-} src port _
    if [ -n "${DOUBLES_PID:-}" ]; then
        echo "doubles_start: already running (pid $DOUBLES_PID)" >&2
        return 1
    fi
    src=$(_doubles_srcdir)
    DOUBLES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/liftoff-doubles.XXXXXX") || return 1
    PYTHONDONTWRITEBYTECODE=1 "${PYTHON:-python3}" "$src/tests/doubles/server.py" --host 127.0.0.1 --port 0 \
        --port-file "$DOUBLES_DIR/port" ${scenario:+--scenario "$scenario"} \
        >"$DOUBLES_DIR/server.log" 2>&1 &
    DOUBLES_PID=$!
    for _ in $(seq 1 100); do
        [ -s "$DOUBLES_DIR/port" ] && break
        if ! kill -0 "$DOUBLES_PID" 2>/dev/null; then
            echo "doubles_start: server exited:" >&2
            cat "$DOUBLES_DIR/server.log" >&2
            unset DOUBLES_PID
            return 1
        fi
        sleep 0.1
    done
    port=$(cat "$DOUBLES_DIR/port" 2>/dev/null)
    if [ -z "$port" ]; then
        echo "doubles_start: server did not report a port in 10 s" >&2
        doubles_stop
        return 1
    fi
    export DOUBLES_URL="http://127.0.0.1:$port"
    export AWS_ENDPOINT_URL_LICENSE_MANAGER="$DOUBLES_URL"
    export AWS_ENDPOINT_URL_SERVICE_QUOTAS="$DOUBLES_URL"
    export AWS_ENDPOINT_URL_CLOUDFORMATION="$DOUBLES_URL"
    export DOUBLES_PID DOUBLES_DIR
    for _ in $(seq 1 50); do
        _doubles_http GET /_double/health >/dev/null 2>&1 && break
        sleep 0.1
    done
    if ! _doubles_http GET /_double/health >/dev/null; then
        doubles_stop
        return 1
    fi
    # Tests that use tests/lib/common.sh register cleanups with at_exit.
    if declare -F at_exit >/dev/null; then
        at_exit doubles_stop
        return 0
    fi
    # Elsewhere: run doubles_stop at exit, before any EXIT trap already set.
    local prev=""
    eval "set -- $(trap -p EXIT)"
    [ $# -ge 3 ] && prev=$3
    # (If a test sets its own EXIT trap after this, it must call doubles_stop itself.)
    # shellcheck disable=SC2064  # $prev is expanded now, on purpose
    case $prev in
        *doubles_stop*) ;;
        "") trap 'doubles_stop' EXIT ;;
        *) trap "doubles_stop; $prev" EXIT ;;
    esac
}

doubles_scenario() {
    local arg=${1:?doubles_scenario FILE_OR_JSON [merge]} file path=/_double/scenario
    [ "${2:-}" = merge ] && path="$path?merge=1"
    if [ -f "$arg" ]; then
        file=$arg
    else
        file="$DOUBLES_DIR/scenario.$$.json"
        printf '%s\n' "$arg" >"$file"
    fi
    _doubles_http POST "$path" "$file" >/dev/null
}

doubles_reset() {
    _doubles_http POST /_double/reset >/dev/null
}

doubles_stop() {
    if [ -n "${DOUBLES_PID:-}" ]; then
        kill "$DOUBLES_PID" 2>/dev/null
        wait "$DOUBLES_PID" 2>/dev/null
    fi
    [ -n "${DOUBLES_DIR:-}" ] && rm -rf "$DOUBLES_DIR"
    unset DOUBLES_PID DOUBLES_DIR DOUBLES_URL AWS_ENDPOINT_URL_LICENSE_MANAGER \
        AWS_ENDPOINT_URL_SERVICE_QUOTAS AWS_ENDPOINT_URL_CLOUDFORMATION
    return 0
}
