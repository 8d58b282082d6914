#!/bin/bash
# bench-aws-calls.sh - liftoff's AWS client against the AWS CLI, on moto.
#
#   bench/bench-aws-calls.sh [N]      (run from a build directory after make)
#
# 1. N sequential GetCallerIdentity calls: liftoff's client in one process
#    (tests/aws/aws-probe seq N: one CURLM, connections reused), `liftoff
#    whoami` run N times (a process per call, like the CLI), and
#    `aws sts get-caller-identity` run N times.
# 2. A batch of 20 mixed calls (STS, EC2, CloudFormation, SSM, KMS): liftoff
#    starts all 20 at once on libcurl multi; the CLI does them one after
#    another.
# Prints wall times and the ratios.  Not part of make check.
set -u
N=${1:-20}
top_builddir=${top_builddir:-$(pwd)}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
LIFTOFF=${LIFTOFF:-$top_builddir/liftoff}
PROBE=$top_builddir/tests/aws/aws-probe
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/moto.sh"
. "$top_srcdir/bench/lib.sh"
[ -x "$PROBE" ] || { echo "build first: make (tests/aws/aws-probe is missing)" >&2; exit 1; }
need_tool aws "pip install awscli"
moto_start >/dev/null

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

# Warm moto up so the first measured call does not pay for its imports.
aws sts get-caller-identity >/dev/null
"$PROBE" batch 20 >/dev/null

t0=$(now); "$PROBE" seq "$N" >/dev/null || exit 1; t1=$(now)
lo_seq=$(elapsed "$t0" "$t1")
t0=$(now); for _ in $(seq "$N"); do "$LIFTOFF" whoami >/dev/null || exit 1; done; t1=$(now)
lo_proc=$(elapsed "$t0" "$t1")
t0=$(now); for _ in $(seq "$N"); do aws sts get-caller-identity >/dev/null || exit 1; done; t1=$(now)
cli_seq=$(elapsed "$t0" "$t1")

t0=$(now); "$PROBE" batch 20 >/dev/null || exit 1; t1=$(now)
lo_batch=$(elapsed "$t0" "$t1")
t0=$(now)
for _ in 1 2 3 4; do
	aws sts get-caller-identity >/dev/null
	aws ec2 describe-regions >/dev/null
	aws cloudformation list-stacks >/dev/null
	aws ssm describe-parameters >/dev/null
	aws kms list-keys >/dev/null
done
t1=$(now)
cli_batch=$(elapsed "$t0" "$t1")

printf '%-52s %8.3f s\n' "liftoff client: $N x GetCallerIdentity, one process" "$lo_seq"
printf '%-52s %8.3f s\n' "liftoff whoami: $N processes" "$lo_proc"
printf '%-52s %8.3f s\n' "aws sts get-caller-identity: $N processes" "$cli_seq"
printf '%-52s %8s x\n' "ratio CLI / liftoff client" "$(ratio "$cli_seq" "$lo_seq")"
printf '%-52s %8s x\n' "ratio CLI / liftoff whoami" "$(ratio "$cli_seq" "$lo_proc")"
printf '%-52s %8.3f s\n' "liftoff: 20 mixed calls at once" "$lo_batch"
printf '%-52s %8.3f s\n' "aws CLI: the same 20 calls one after another" "$cli_batch"
printf '%-52s %8s x\n' "ratio CLI / liftoff" "$(ratio "$cli_batch" "$lo_batch")"
print_memory "liftoff whoami" "$(peak_rss_kib "$LIFTOFF" whoami)" \
	"aws sts get-caller-identity" "$(peak_rss_kib aws sts get-caller-identity)"
