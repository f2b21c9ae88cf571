//! Lint time against table size: generated routes tables (tests/support/tables.rs), banded and
//! random, with and without a catch-all row, 10 to 1,000 rows. Prints a Markdown table (median of
//! three runs; one run when a run takes over a second) of the analysis in two stages as the faces
//! run it (`lint_staged`): when the first findings were handed over and how many, the whole
//! answer's time, the time the first finding of each kind with a witness was found (CPU ms, from
//! the median run), and one run of the plain `lint` beside it (the cost of the two stages). Run:
//!
//! ```text
//! cargo bench --bench lint_scale
//! LINT_SCALE_ROWS=10,100 LINT_SCALE_SHAPES=banded cargo bench --bench lint_scale
//! ```

#[path = "../tests/support/tables.rs"]
mod tables;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use tables::{Shape, Spec};

fn compile(text: &str) -> probity::ir::Program {
    let mut sources = probity::diag::Sources::default();
    sources.add("gen.rules", text);
    let compiled = probity::check::compile(sources);
    match compiled.program {
        Some(p) => p,
        None => {
            eprintln!(
                "generated table does not compile: {:?}",
                compiled.diagnostics
            );
            std::process::exit(2);
        }
    }
}

/// Seconds of CPU this thread has run (Linux: `/proc/thread-self/schedstat`), else since the
/// bench began: the clock `lint_timed` reads. On a shared machine CPU time is what the analysis
/// costs; the wall time beside it grows with the load.
fn now() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed().as_secs_f64())
}

/// One staged run: its wall time, CPU time (seconds), the CPU time and number of the first
/// findings when they were handed over, and the whole answer.
struct Run {
    wall: Duration,
    cpu: f64,
    first_cpu: f64,
    firsts: usize,
    lint: probity::analyze::Lint,
}

/// The median staged run of up to three.
fn time(program: &probity::ir::Program) -> Run {
    let mut runs = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let cpu = now();
        let (mut first_cpu, mut firsts) = (0.0, 0);
        let lint = probity::analyze::lint_staged_timed(program, now, &mut |first| {
            first_cpu = now() - cpu;
            firsts = first.findings.len();
        });
        let wall = start.elapsed();
        runs.push(Run {
            wall,
            cpu: now() - cpu,
            first_cpu,
            firsts,
            lint,
        });
        if wall > Duration::from_secs(1) {
            break;
        }
    }
    runs.sort_by_key(|r| r.wall);
    let middle = runs.len() / 2;
    runs.swap_remove(middle)
}

/// CPU seconds of one run of the plain, one-stage `lint`.
fn plain_cpu(program: &probity::ir::Program) -> f64 {
    let cpu = now();
    std::hint::black_box(probity::analyze::lint(program));
    now() - cpu
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this unoptimised without
    // it, where a smoke run of the smallest tables is enough.
    let benching = std::env::args().any(|a| a == "--bench");
    let default_rows = if benching {
        vec![10, 25, 50, 100, 200, 500, 1000]
    } else {
        vec![10, 25]
    };
    let rows: Vec<usize> = std::env::var("LINT_SCALE_ROWS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or(default_rows);
    let shapes = std::env::var("LINT_SCALE_SHAPES").unwrap_or_else(|_| "banded,random".into());
    println!("| shape | inputs | rows | policy | catch-all | first findings (CPU) | how many | whole answer (wall) | CPU | plain `lint` CPU | findings | undecided | first witness of each kind (CPU) |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for shape in [Shape::Banded, Shape::Random] {
        let name = if shape == Shape::Banded {
            "banded"
        } else {
            "random"
        };
        if !shapes.contains(name) {
            continue;
        }
        let inputs = if shape == Shape::Banded { 6 } else { 4 };
        for catch_all in [false, true] {
            for policy in ["unique", "first"] {
                if catch_all && policy == "unique" {
                    continue;
                }
                for &n in &rows {
                    let spec = Spec {
                        shape,
                        rows: n,
                        inputs,
                        policy,
                        catch_all,
                        seed: n as u64 * 31 + inputs as u64,
                    };
                    let program = compile(&tables::rulebook(&spec));
                    let run = time(&program);
                    let plain = plain_cpu(&program);
                    let lint = &run.lint;
                    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
                    for f in &lint.findings {
                        let k = serde_json::to_value(f.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        *kinds.entry(k).or_default() += 1;
                    }
                    // An overlap finding is one row with each earlier row it meets: count pairs too.
                    let pairs: usize = lint
                        .findings
                        .iter()
                        .filter(|f| f.kind == probity::analyze::LintKind::Overlap)
                        .map(|f| f.rows.len().saturating_sub(1))
                        .sum();
                    let found: Vec<String> = kinds
                        .iter()
                        .map(|(k, c)| match k.as_str() {
                            "overlap" => format!("{c} overlap ({pairs} pairs)"),
                            _ => format!("{c} {k}"),
                        })
                        .collect();
                    let firsts: Vec<String> = lint
                        .first_found
                        .iter()
                        .map(|(k, t)| {
                            let k = serde_json::to_value(k)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default();
                            format!("{k} {:.0} ms", t * 1000.0)
                        })
                        .collect();
                    println!(
                        "| {name} | {inputs} | {n} | {policy} | {} | {:.0} ms | {} | {:.3} s | {:.3} s | {plain:.3} s | {} | {} | {} |",
                        if catch_all { "yes" } else { "no" },
                        run.first_cpu * 1000.0,
                        run.firsts,
                        run.wall.as_secs_f64(),
                        run.cpu,
                        if found.is_empty() {
                            "none".to_string()
                        } else {
                            found.join(", ")
                        },
                        lint.undecided.len(),
                        if firsts.is_empty() {
                            "none".to_string()
                        } else {
                            firsts.join(", ")
                        }
                    );
                }
            }
        }
    }
}
