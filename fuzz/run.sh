#!/usr/bin/env bash
# Runs fuzz targets for a bounded time each, seeded from the repository's own rule files and
# documents. Usage (from anywhere):
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 60 seconds each, every target
# Needs cargo-fuzz and the nightly toolchain. Crashes land in fuzz/artifacts/<target>/ and make
# this script exit non-zero; the corpus grows in fuzz/corpus/<target>/ (both ignored by git).
# For fuzz/campaign.sh, which runs two of these at once: FUZZ_SEEDS names the seeds folder
# (default fuzz/seeds), FUZZ_LOG the log's name in fuzz/artifacts/<target>/ (default last-run),
# FUZZ_BUILT=1 skips the builds and runs the binaries already built (so commits made meanwhile
# change nothing), FUZZ_BUILD_ONLY=1 does only the builds. FUZZ_ONE_BUILD=1: one build
# for every target (the CI smoke run).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
jobs="${FUZZ_JOBS:-1}"
# probity has no unsafe code, so AddressSanitizer finds nothing the panic oracles miss; without it
# builds and runs are several times faster. FUZZ_SANITIZER=address puts it back.
san=(-s "${FUZZ_SANITIZER:-none}")

# Seeds: copied fresh each run so the fuzzer never writes into rules/ or tests/. The committed,
# minimised corpus of each target (fuzz/corpus-min/<target>, kept with `cargo fuzz cmin`, replayed
# on stable by tests/regressions) seeds it too, so a campaign goes on where the last one stopped.
seeds_dir="${FUZZ_SEEDS:-fuzz/seeds}"
rm -rf "$seeds_dir" && mkdir -p "$seeds_dir/rules" "$seeds_dir/json"
find rules tests -name '*.rules' -size -64k -not -path '*node_modules*' -exec cp --backup=numbered -t "$seeds_dir/rules" {} +
# The big rulebook in slices, so its constructs seed the fuzzer within -max_len.
split -b 8000 rules/community_orders.rules "$seeds_dir/rules/community_orders.part."
find tests/examples tests/bad tests/fixtures -name '*.json' \
  | xargs cp --backup=numbered -t "$seeds_dir/json"
# The structured targets read their bytes as a stream of choices (two bytes each): random
# 1,000-byte seeds give whole rulebooks and documents from the start.
mkdir -p "$seeds_dir/random"
for i in $(seq 1 16); do head -c 1000 /dev/urandom >"$seeds_dir/random/r$i"; done

# The structured targets read their bytes as choices, not text: tracing comparisons (which finds
# the text targets' keywords) gives them nothing to match and costs them a quarter to a third of
# their time, so they are built without it, in a target directory of their own (`lsp` too: its
# sessions are choices, and its raw frames have the JSON dictionary).
structured=" eval decide_plan explain analysis explore faces native lsp "
# The CI smoke run (FUZZ_ONE_BUILD=1) builds once, every target in the structured build: for a few
# seconds a target, the text targets' comparison tracing is not worth a second build of everything.
[ "${FUZZ_ONE_BUILD:-0}" -eq 1 ] && structured=" ${targets[*]} "
plain=(--no-trace-compares --target-dir fuzz/target-structured)
want_text=0; want_structured=0
for t in "${targets[@]}"; do
  if [[ "$structured" == *" $t "* ]]; then want_structured=1; else want_text=1; fi
done
[ "${FUZZ_BUILT:-0}" -eq 1 ] && want_text=0 && want_structured=0
[ "$want_text" -eq 0 ] || cargo +nightly fuzz build -O "${san[@]}"
[ "$want_structured" -eq 0 ] || cargo +nightly fuzz build -O "${san[@]}" "${plain[@]}"
[ "${FUZZ_BUILD_ONLY:-0}" -eq 0 ] || exit 0
status=0
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
for t in "${targets[@]}"; do
  build=()
  [[ "$structured" == *" $t "* ]] && build=("${plain[@]}")
  case "$t" in
    parse|compile|format) seeds=$seeds_dir/rules;  dict=fuzz/rules.dict; maxlen=16384; grow=1 ;;
    document)             seeds=$seeds_dir/json;   dict=fuzz/json.dict;  maxlen=16384; grow=1 ;;
    eval)                 seeds="";                dict="";              maxlen=4096;  grow=1 ;;
    lsp)                  seeds=$seeds_dir/random; dict=fuzz/json.dict;  maxlen=8192;  grow=1 ;;
    *)                    seeds=$seeds_dir/random; dict="";              maxlen=4096;  grow=0 ;;
  esac
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  [ -d "fuzz/corpus-min/$t" ] && seeds="$seeds fuzz/corpus-min/$t"
  log="fuzz/artifacts/$t/${FUZZ_LOG:-last-run}.log"
  echo "== fuzz $t for ${secs}s"
  args=(-max_total_time="$secs" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  # The generated-rulebook targets let inputs reach -max_len at once: a short input is a few
  # choices, so a trivial rulebook.
  [ "$grow" -eq 0 ] && args+=(-len_control=0)
  # libFuzzer's entropic schedule keeps, for every input in the corpus, the frequency of its rare
  # features, and walks them all each time a new feature comes: a structured input covers tens of
  # thousands of features, and that walk took two thirds of a run (measured: docs/SECURITY.md).
  [ ${#build[@]} -gt 0 ] && args+=(-entropic=0)
  [ -n "$dict" ] && args+=(-dict="$dict")
  [ "$jobs" -gt 1 ] && args+=(-fork="$jobs")
  set +e
  # shellcheck disable=SC2086
  if [ "${FUZZ_BUILT:-0}" -eq 1 ]; then
    # The binary built before: `cargo fuzz run` would rebuild it after any commit to src/.
    dir=fuzz/target; [ ${#build[@]} -gt 0 ] && dir=fuzz/target-structured
    "$dir/$host/release/$t" -artifact_prefix="fuzz/artifacts/$t/" "${args[@]}" "fuzz/corpus/$t" $seeds >"$log" 2>&1
  else
    cargo +nightly fuzz run -O "${san[@]}" "${build[@]}" "$t" "fuzz/corpus/$t" $seeds -- "${args[@]}" >"$log" 2>&1
  fi
  rc=$?
  set -e
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|Done)|ERROR|panicked|deadly signal|Test unit written' \
    "$log" || true
  if [ "$rc" -ne 0 ]; then
    echo "!! $t: crash or failure (exit $rc), see fuzz/artifacts/$t/"; status=1
  fi
done
exit $status
