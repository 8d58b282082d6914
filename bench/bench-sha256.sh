#!/bin/bash
# bench-sha256.sh - liftoff's streamed SHA-256 (release_sha256_file, through
# the bench/sha256-file helper) against coreutils' sha256sum on the same
# ~1 GiB file, in one run.  Prints both times and the ratio (liftoff time
# divided by sha256sum time: below 1.0 means liftoff is faster).
#
#   bench/bench-sha256.sh [BUILDDIR] [SIZE_MIB]
#
# The file is read once before timing so that both runs start from the
# page cache; each tool runs three times and the best time counts.
set -eu
. "$(dirname "$0")/lib.sh"
builddir=${1:-${top_builddir:-.}}
size_mib=${2:-1024}
helper="$builddir/bench/sha256-file"
[ -x "$helper" ] || { echo "bench-sha256: build $helper first (make bench/sha256-file)" >&2; exit 2; }
command -v sha256sum >/dev/null || { echo "bench-sha256: sha256sum is missing" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
file="$tmp/archive.bin"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$file"
cat "$file" >/dev/null

best() { # COMMAND... -> best wall time in seconds over three runs
	local best="" t
	for _ in 1 2 3; do
		t=$( { TIMEFORMAT=%R; time "$@" >/dev/null; } 2>&1 )
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
	done
	echo "$best"
}

a=$(sha256sum "$file" | cut -d' ' -f1)
b=$("$helper" "$file" | cut -d' ' -f1)
[ "$a" = "$b" ] || { echo "bench-sha256: the digests differ: $a vs $b" >&2; exit 1; }

t_coreutils=$(best sha256sum "$file")
t_liftoff=$(best "$helper" "$file")
echo "file:       $size_mib MiB"
echo "sha256sum:  ${t_coreutils}s"
echo "liftoff:    ${t_liftoff}s"
awk -v l="$t_liftoff" -v c="$t_coreutils" 'BEGIN { printf "ratio:      %.2f (liftoff / sha256sum)\n", l / c }'
# Memory must not grow with the archive: compare with sha256sum's.
print_memory liftoff "$(peak_rss_kib "$helper" "$file")" sha256sum "$(peak_rss_kib sha256sum "$file")"
