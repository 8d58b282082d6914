#!/bin/bash
# check-layout.sh - the house rules that a compiler cannot check:
# src/ never includes curses, every C file in src/ and ui/ opens with a
# design note, and every file with _() is listed in po/POTFILES.in.
. "$top_srcdir/tests/lib/tap.sh"
cd "$top_srcdir" || bail_out "no source tree"

hits=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|term\.h|panel\.h|menu\.h|form\.h)' src || true)
is "$hits" "" "no file under src/ includes curses"

missing=
for f in $(find src ui -name '*.[ch]' | sort); do
	head -1 "$f" | grep -q '^/\*' || missing="$missing $f"
done
is "$missing" "" "every C file opens with a design note"

unlisted=
for f in $(grep -rlE '(^|[^A-Za-z0-9_])N?_\("' src ui | sort); do
	grep -qxF "$f" po/POTFILES.in || unlisted="$unlisted $f"
done
is "$unlisted" "" "every file with translatable strings is in po/POTFILES.in"

stale=
while read -r f; do
	case $f in ''|'#'*) continue ;; esac
	[ -f "$f" ] || stale="$stale $f"
done < po/POTFILES.in
is "$stale" "" "po/POTFILES.in names only files that exist"

done_testing
