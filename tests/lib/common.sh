# common.sh - small helpers shared by the test libraries and the demo
# runner, with no TAP in them: a free port, cleanups at exit, and a loud
# failure when a required tool is missing.  Safe to source twice.

# A free TCP port on 127.0.0.1, chosen by the kernel.
free_port() {
	"${PYTHON:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Cleanups run at exit in reverse order; helpers register theirs here so
# that several helpers in one script never overwrite each other's trap.
if [ -z "${LIFTOFF_COMMON_SH:-}" ]; then
	LIFTOFF_COMMON_SH=1
	TAP_CLEANUPS=()
fi
at_exit() {
	TAP_CLEANUPS=("$1" "${TAP_CLEANUPS[@]}")
	trap tap_cleanup EXIT
}
tap_cleanup() {
	local c
	for c in "${TAP_CLEANUPS[@]}"; do $c; done
	TAP_CLEANUPS=()
}

# Stop with a message: a TAP "Bail out!" inside a test, plain stderr elsewhere.
lib_die() {
	if declare -F bail_out >/dev/null; then
		bail_out "$*"
	fi
	echo "error: $*" >&2
	exit 1
}

# A missing tool is a failure that names the tool, not a silent skip.
need_tool() { # TOOL [HOW-TO-INSTALL]
	command -v "$1" >/dev/null 2>&1 ||
		lib_die "required tool '$1' is missing${2:+ ($2)}"
}
