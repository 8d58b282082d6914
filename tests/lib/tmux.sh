# tmux.sh - run liftoff in a detached tmux session at a fixed size and
# read its screen, the way a person would see it.
#
#   tmux_start [-x COLS] [-y LINES] COMMAND...   start it (80x24 default)
#   tmux_wait_for TEXT [SECONDS]                 wait until TEXT is on screen
#   tmux_send KEYS...                            send keys (tmux key names)
#   tmux_capture                                 print the screen
#   tmux_stop                                    kill the session (also at exit)
#
# Each test has its own tmux server socket, so tests never see each other.

TMUX_SOCK=
TMUX_SESSION=liftoff-test

tmux_cmd() { tmux -S "$TMUX_SOCK" "$@"; }

tmux_start() {
	local cols=80 lines=24
	while [ $# -gt 0 ]; do
		case $1 in
		-x) cols=$2; shift 2 ;;
		-y) lines=$2; shift 2 ;;
		*) break ;;
		esac
	done
	need_tool tmux "apt-get install tmux"
	TMUX_SOCK=$(mktemp -u "${TMPDIR:-/tmp}/liftoff-tmux.XXXXXX")
	at_exit tmux_stop
	tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -s "$TMUX_SESSION" \
		-x "$cols" -y "$lines" "$@" || bail_out "tmux could not start a session"
	tmux_cmd set-option -t "$TMUX_SESSION" remain-on-exit on >/dev/null
}

tmux_capture() { tmux_cmd capture-pane -p -t "$TMUX_SESSION"; }

tmux_send() { tmux_cmd send-keys -t "$TMUX_SESSION" "$@"; }

tmux_wait_for() { # TEXT [SECONDS]
	local deadline=$(( $(date +%s) + ${2:-10} ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		tmux_capture 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	diag "timed out waiting for '$1'; the screen was:"
	tmux_capture 2>/dev/null | sed 's/^/#   | /'
	return 1
}

tmux_stop() {
	[ -n "$TMUX_SOCK" ] || return 0
	tmux_cmd kill-server 2>/dev/null
	rm -f "$TMUX_SOCK"
	TMUX_SOCK=
}
