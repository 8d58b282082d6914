# tap.sh - TAP output for shell tests, sourced by every tests/*.sh.
#
# ok/not ok with a description, is() to compare, need_tool() to fail
# loudly (never skip silently) when a required tool is missing, and
# done_testing to print the plan and set the exit status.

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TAP_RUN=0
TAP_FAILED=0

tap_ok() { # STATUS DESCRIPTION [DETAIL shown on failure]
	TAP_RUN=$((TAP_RUN + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_RUN - $2"
	else
		TAP_FAILED=$((TAP_FAILED + 1))
		echo "not ok $TAP_RUN - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | tail -25 | sed 's/^/#     | /'
	fi
	return 0
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

diag() { printf '# %s\n' "$*"; }

bail_out() { echo "Bail out! $*"; exit 1; }

done_testing() {
	echo "1..$TAP_RUN"
	[ "$TAP_FAILED" -eq 0 ]
}

: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${LIFTOFF:=$top_builddir/liftoff}"
