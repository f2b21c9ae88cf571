#!/usr/bin/env bash
# After a campaign: each target's corpus (fuzz/corpus/<target>, with the committed
# fuzz/corpus-min/<target>) minimised with libFuzzer's -merge=1 (what `cargo fuzz cmin` runs),
# and fuzz/corpus-min/<target>/ refreshed with KEEP inputs (default 150) spread evenly over the
# minimised set, for committing. Usage: fuzz/minimise.sh TARGET...  (binaries already built by
# fuzz/run.sh or fuzz/campaign.sh). Prints each target's corpus size before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
keep="${KEEP:-150}"
structured=" eval decide_plan explain analysis explore faces native lsp "
for t in "$@"; do
  if [[ "$structured" == *" $t "* ]]; then
    bin=fuzz/target-structured/x86_64-unknown-linux-gnu/release/$t
  else
    bin=fuzz/target/x86_64-unknown-linux-gnu/release/$t
  fi
  case "$t" in
    parse|compile|format|document) maxlen=16384 ;;
    lsp) maxlen=8192 ;;
    *) maxlen=4096 ;;
  esac
  merged=$(mktemp -d)
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  before=$(find "fuzz/corpus/$t" -type f | wc -l)
  committed=$(find "fuzz/corpus-min/$t" -type f 2>/dev/null | wc -l)
  "$bin" -merge=1 -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
    "$merged" "fuzz/corpus/$t" "fuzz/corpus-min/$t" >"fuzz/artifacts/$t/merge.log" 2>&1
  mapfile -t all < <(find "$merged" -type f -printf '%f\n' | LC_ALL=C sort)
  n=${#all[@]}
  if [ "$n" -eq 0 ]; then echo "$t: merge kept nothing, corpus-min left alone"; rm -rf "$merged"; continue; fi
  rm -rf "fuzz/corpus-min/$t" && mkdir -p "fuzz/corpus-min/$t"
  picked=$((n < keep ? n : keep))
  for ((i = 0; i < picked; i++)); do
    cp "$merged/${all[$((i * n / picked))]}" "fuzz/corpus-min/$t/"
  done
  echo "$t: corpus $before + $committed committed -> $n after merge; kept $picked"
  rm -rf "$merged"
done
