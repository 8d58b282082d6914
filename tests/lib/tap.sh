# tap.sh - TAP output for shell tests, sourced by every tests/*.sh.
#
# ok/not ok with a description, is() to compare, need_tool() to fail
# loudly (never skip silently) when a required tool is missing, and
# done_testing to print the plan and set the exit status.

TAP_RUN=0
TAP_FAILED=0

tap_ok() { # COND_STATUS DESCRIPTION
	TAP_RUN=$((TAP_RUN + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_RUN - $2"
	else
		TAP_FAILED=$((TAP_FAILED + 1))
		echo "not ok $TAP_RUN - $2"
	fi
}

ok() { # DESCRIPTION COMMAND...
	local desc=$1; shift
	"$@" >/dev/null 2>&1
	tap_ok $? "$desc"
}

is() { # GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		printf '#          got: %s\n#     expected: %s\n' "$1" "$2"
	fi
}

like() { # TEXT PATTERN(grep -E) DESCRIPTION
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		printf '#     did not match /%s/:\n' "$2"
		printf '%s\n' "$1" | sed 's/^/#     | /' | head -40
	fi
}

unlike() { # TEXT PATTERN DESCRIPTION
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		tap_ok 1 "$3"
		printf '#     unexpectedly matched /%s/\n' "$2"
	else
		tap_ok 0 "$3"
	fi
}

# Cleanups run at exit in reverse order; helpers register theirs here so
# that several helpers in one test never overwrite each other's trap.
TAP_CLEANUPS=()
at_exit() {
	TAP_CLEANUPS=("$1" "${TAP_CLEANUPS[@]}")
	trap tap_cleanup EXIT
}
tap_cleanup() {
	local c
	for c in "${TAP_CLEANUPS[@]}"; do $c; done
	TAP_CLEANUPS=()
}

diag() { printf '# %s\n' "$*"; }

bail_out() { echo "Bail out! $*"; exit 1; }

# A missing tool is a failure that names the tool, not a silent skip.
need_tool() { # TOOL [HOW-TO-INSTALL]
	command -v "$1" >/dev/null 2>&1 ||
		bail_out "required tool '$1' is missing${2:+ ($2)}"
}

done_testing() {
	echo "1..$TAP_RUN"
	[ "$TAP_FAILED" -eq 0 ]
}

# A free TCP port on 127.0.0.1, chosen by the kernel.
free_port() {
	"${PYTHON:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${LIFTOFF:=$top_builddir/liftoff}"
