#!/usr/bin/env bash
# A fuzzing campaign on a shared machine: bursts of `fuzz/run.sh`, two targets at a time (one per
# lane), at `nice -n 19`, until a deadline, so it can be stopped cleanly; every burst's figures
# are appended to fuzz/artifacts/campaign.tsv (each run of run.sh overwrites its log, so the
# tally is kept here). Usage (from anywhere):
#   fuzz/campaign.sh UNTIL BURST_SECS TARGET...    e.g. fuzz/campaign.sh 14:15 900 faces explore
# UNTIL is anything `date -d` reads. The targets are shared out between the lanes in the order
# given (put the slowest first): lane 1 takes the 1st, 3rd, ..., lane 2 the 2nd, 4th, ..., and
# each lane goes round its targets until the deadline. FUZZ_LANES sets the number of lanes.
# Two campaigns may run at once, each with its own seeds folders (e.g. FUZZ_LANES=1 for a fast
# target in long bursts beside FUZZ_LANES=1 for the slow ones in turn).
# Summing up: fuzz/campaign.sh --tally (executions per target over every burst recorded).
# To stop early and cleanly: `touch fuzz/artifacts/campaign.stop` (no new burst starts), or
# interrupt a fuzzer (SIGINT: it prints its figures, which are still tallied).
set -euo pipefail
cd "$(dirname "$0")/.."
tsv=fuzz/artifacts/campaign.tsv
if [ "${1:-}" = "--tally" ]; then
  awk -F'\t' 'NR > 1 { n[$2] += $5; s[$2] += $4; cov[$2] = $6; ft[$2] = $7; corp[$2] = $8 }
    END { for (t in n) printf "%s\t%d execs\t%d s\tcov %s\tft %s\tcorpus %s\n", t, n[t], s[t], cov[t], ft[t], corp[t] }' "$tsv" | sort
  exit 0
fi
until_epoch=$(date -d "$1" +%s); burst="$2"; shift 2
targets=("$@"); lanes="${FUZZ_LANES:-2}"
mkdir -p fuzz/artifacts; rm -f fuzz/artifacts/campaign.stop
[ -f "$tsv" ] || printf 'start\ttarget\tcommit\tseconds\texecutions\tcov\tft\tcorpus\texit\n' >"$tsv"
commit=$(git rev-parse --short HEAD)$(git diff --quiet -- fuzz src || echo +changes)
# The builds once, before the lanes start (those the targets need).
FUZZ_BUILD_ONLY=1 fuzz/run.sh 1 "${targets[@]}"

# One burst of one target: run.sh, then its last status line and final stats into the tally.
burst_of() {
  local lane="$1" t="$2" secs="$3" start log rc=0
  start=$(date -u +%FT%TZ); log="burst-$(date -u +%H%M%S)"
  FUZZ_BUILT=1 FUZZ_SEEDS="fuzz/seeds/lane$lane-$$" FUZZ_LOG="$log" \
    nice -n 19 fuzz/run.sh "$secs" "$t" >/dev/null 2>&1 || rc=$?
  local f="fuzz/artifacts/$t/$log.log"
  local execs cov ft corp
  execs=$(grep -m1 '^stat::number_of_executed_units' "$f" | awk '{print $2}')
  # The last line libFuzzer printed with the coverage: "#N ... cov: C ft: F corp: K/..."
  read -r cov ft corp < <(grep -E '^#[0-9]+.*cov: ' "$f" | tail -1 \
    | sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/\1 \2 \3/')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$start" "$t" "$commit" "$secs" "${execs:-0}" \
    "${cov:--}" "${ft:--}" "${corp:--}" "$rc" >>"$tsv"
  echo "$start lane $lane: $t ${secs}s, ${execs:-0} executions, exit $rc"
}

lane() {
  local lane="$1" mine=() i
  for ((i = lane; i < ${#targets[@]}; i += lanes)); do mine+=("${targets[$i]}"); done
  [ ${#mine[@]} -gt 0 ] || return 0
  while true; do
    for t in "${mine[@]}"; do
      local left=$((until_epoch - $(date +%s)))
      [ "$left" -ge 60 ] && [ ! -e fuzz/artifacts/campaign.stop ] || return 0
      burst_of "$lane" "$t" $((left < burst ? left : burst))
    done
  done
}

for ((l = 0; l < lanes; l++)); do lane "$l" & done
wait
