#!/usr/bin/env bash
# Compile the benchmark subsets and the plan's edge-case rulebook to Rust again, after changing
# either or the code generator (src/eval/plan/emit.rs). tests/plan.rs fails until they are;
# `BLESS=1 cargo test --test plan` writes the same files from the test itself.
set -euo pipefail
cd "$(dirname "$0")/../../.."
compile() { cargo run --quiet --release --bin probity -- compile "$1" -o "$2"; }
for kind in community_orders routing contracts; do
  compile "benches/workload/$kind.rules" "benches/workload/native/$kind.rs"
done
compile tests/plan/edges.rules tests/plan/edges_native.rs
