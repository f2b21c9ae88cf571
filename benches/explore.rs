//! Explorer benchmarks on the shipped community_orders rulebook and tests/examples/order_lawful.json:
//! the exhaustive sweep over all 2^22 combinations of requirement kinds (`explore/sweep`), and
//! options, fixes and the compatibility matrix for one order. Set-up asserts the sweep's answer.
//! Run:
//!
//! ```text
//! cargo bench --bench explore -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use probity::diag::Sources;
use probity::explore::Explorer;
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("rules/community_orders.rules")).expect("rules");
    let mut sources = Sources::default();
    sources.add("rules/community_orders.rules", text);
    let program = probity::check::compile(sources).program.expect("compiles");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/examples/order_lawful.json")).expect("example"),
    )
    .expect("json");
    let unlawful: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/examples/order_unlawful_curfew.json"))
            .expect("example"),
    )
    .expect("json");
    let ex = Explorer::new(&program, None).expect("a list to explore");
    let doc = ex.read(&json).expect("reads");
    let s = ex.sweep(&doc, None).expect("sweeps");
    assert_eq!((s.combinations, s.lawful), (1 << 22, (1 << 14) - 3));

    let mut g = c.benchmark_group("explore");
    g.sample_size(20);
    g.bench_function("sweep", |b| b.iter(|| black_box(ex.sweep(&doc, None))));
    g.bench_function("options", |b| b.iter(|| black_box(ex.options(&doc))));
    g.bench_function("matrix", |b| b.iter(|| black_box(ex.matrix(&doc))));
    g.bench_function("fixes", |b| b.iter(|| black_box(ex.fixes_json(&unlawful))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
