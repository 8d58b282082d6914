## bench/local.mk - benchmarks: liftoff against the tool an admin would
## otherwise use, in one run, reported as a ratio.  Not part of make check.
EXTRA_DIST += %D%/README %D%/lib.sh
