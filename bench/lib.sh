# lib.sh - what the benchmarks share: peak memory of a command.
#
# peak_rss_kib COMMAND...   runs it once (output discarded) and prints its
#                           peak resident set size in KiB, from GNU time.

peak_rss_kib() {
	[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time, Debian package 'time') is missing" >&2; return 1; }
	local f kib
	f=$(mktemp)
	/usr/bin/time -o "$f" -f '%M' "$@" >/dev/null 2>&1
	kib=$(tail -1 "$f")
	rm -f "$f"
	echo "${kib:-0}"
}

# "liftoff 5.2 MiB, aws 61.3 MiB, ratio 11.8" for two KiB figures.
print_memory() { # LABEL_A KIB_A LABEL_B KIB_B
	awk -v la="$1" -v a="$2" -v lb="$3" -v b="$4" 'BEGIN {
		printf "peak memory: %s %.1f MiB, %s %.1f MiB, ratio %.1f (%s / %s)\n",
			la, a / 1024, lb, b / 1024, (a > 0 ? b / a : 0), lb, la }'
}
