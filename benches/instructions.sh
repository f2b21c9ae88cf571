#!/usr/bin/env bash
# Instructions per check for each engine of the compare bench (load-independent), by callgrind:
# each engine's run over the workload minus a run of 0 passes, divided by the checks.
#   benches/instructions.sh            (needs valgrind; builds the bench first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cargo bench --bench compare --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m["target"]["name"]=="compare" and m.get("executable"): print(m["executable"])' | tail -1)
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" --profile "$@" 2>&1 | awk '/Collected/{print $4}'; }
echo "| workload | decide (reference) | decide (plan) | decide (native) | whole shipped rulebook: reference | plan | report | regorus | hand | from JSON text: decide | report | hand |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
for kind in community_orders routing contracts; do
  base=$(count hand "$kind" 0)
  row="| $kind"
  for e in reference-decide:5 decide:5 native-decide:20 shipped-reference-decide:2 shipped-decide:2 probity:5 regorus:1 hand:50 decide-text:3 report-text:3 hand-text:10; do
    engine=${e%%:*}; passes=${e##*:}
    total=$(count "$engine" "$kind" "$passes")
    row="$row | $(( (total - base) / (passes * 2000) ))"
  done
  echo "$row |"
done
