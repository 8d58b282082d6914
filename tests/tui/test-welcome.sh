#!/bin/bash
# test-welcome.sh - start liftoff in tmux at 80x24, see its first screen,
# press q, and check that the terminal was given back as it was.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux.sh"
[ -x "$LIFTOFF" ] || bail_out "liftoff is not built at $LIFTOFF"

marker=$(mktemp "${TMPDIR:-/tmp}/liftoff-tui.XXXXXX")
at_exit "rm -f $marker"
tmux_start -x 80 -y 24 bash --norc --noprofile -c \
	"echo BEFORE-LIFTOFF; TERM=xterm-256color '$LIFTOFF' install; echo \"EXIT=\$?\" > '$marker'; stty -a > '$marker.stty'; echo AFTER-LIFTOFF; sleep 60"
at_exit "rm -f $marker.stty"

tmux_wait_for "Spacelift self-hosted installer" 10
tap_ok $? "the first screen appears"
screen=$(tmux_capture)
like "$screen" "Release archive" "it lists the wizard's first step"
like "$screen" "Install" "and its last"
like "$screen" "not built yet" "it says honestly that the wizard is not built"
like "$screen" "q Quit" "the key hints are on screen"
lines=$(printf '%s\n' "$screen" | wc -l)
is "$lines" 24 "the screen is 24 lines"

tmux_send Down Down
tmux_send q
tmux_wait_for "AFTER-LIFTOFF" 10
tap_ok $? "q quits"
is "$(cat "$marker")" "EXIT=2" "an unbuilt wizard exits 2"
screen=$(tmux_capture)
like "$screen" "BEFORE-LIFTOFF" "the shell's screen is back (alternate screen left)"
unlike "$screen" "Spacelift self-hosted installer" "nothing of liftoff's screen is left"
stty_out=$(cat "$marker.stty")
like "$stty_out" "(^| )icanon( |$)" "canonical mode restored"
like "$stty_out" "(^| )echo( |$)" "echo restored"

done_testing
