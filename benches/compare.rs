//! probity against a general policy engine (the same rules in Rego, run by regorus) and against
//! the same rules hand-written in Rust, on one seeded workload, in one run. Prints a Markdown
//! table of ratios; docs/PERFORMANCE.md keeps the latest one.
//!
//! ```text
//! cargo bench --bench compare                      # the table (about a minute)
//! cargo bench --bench compare -- --quick           # shorter timings, same table
//! cargo bench --bench compare -- --emit-jsonl 100000 > orders.jsonl   # input for --batch
//! cargo bench --bench compare -- --profile probity community_orders 20   # one engine, for a
//!                                  # profiler (probity | decide | regorus | hand, or
//!                                  # decide-text | report-text | hand-text from JSON text, or
//!                                  # reference-decide | reference-report: the reference
//!                                  # evaluator the compiled plan must equal, or
//!                                  # shipped-decide | shipped-reference-decide: the whole
//!                                  # shipped rulebook on the same documents, or
//!                                  # native-decide: the subset compiled to Rust)
//! ```
//!
//! Set-up asserts that the three engines give identical findings on every document (as
//! tests/equivalence.rs does); nothing asserts anything about time. Each engine checks documents
//! already read (probity: `ir::Value`, regorus: `regorus::Value`, hand-written: serde structs);
//! the "from JSON text" column adds reading each document from its text.

#[path = "workload/mod.rs"]
mod workload;

use std::hint::black_box;
use std::io::Write as _;
use std::time::{Duration, Instant};
use workload::{canon, rego, Kind, Prepared, SEED, WORKLOAD};

struct Opts {
    /// Minimum time spent measuring each engine's throughput, per round.
    min_time: Duration,
    rounds: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(pos) = args.iter().position(|a| a == "--emit-jsonl") {
        let n: usize = args
            .get(pos + 1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(10_000);
        emit_jsonl(n);
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--lines") {
        // The native side of the browser bench (benches/browser/run.py).
        let n: usize = args
            .get(pos + 1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(2_000);
        native_lines(n);
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        // For a profiler or an instruction counter: one engine on one workload, `passes` times.
        let arg = |k: usize| args.get(pos + k).map(String::as_str).unwrap_or("");
        profile(arg(1), arg(2), arg(3).parse().unwrap_or(20));
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let opts = Opts {
        min_time: Duration::from_millis(if quick { 150 } else { 600 }),
        rounds: if quick { 2 } else { 3 },
    };
    // `cargo bench` passes `--bench`; a plain `cargo test --benches` run passes nothing: keep
    // that quick too.
    if !args.iter().any(|a| a == "--bench") && !quick {
        eprintln!("compare: not run as a bench (no --bench); use `cargo bench --bench compare`");
        return;
    }
    run(&opts);
}

/// Runs one engine over one workload `passes` times and nothing else (after the set-up), so
/// `valgrind --tool=callgrind` can count its instructions whatever the machine's load.
fn profile(engine: &str, kind: &str, passes: usize) {
    let kind = Kind::ALL
        .into_iter()
        .find(|k| k.name() == kind)
        .unwrap_or(Kind::Orders);
    let p = Prepared::new(kind, SEED, WORKLOAD);
    let mut policy = rego::Policy::load(kind);
    let mut hits = Vec::new();
    let mut decision = probity::eval::Decision::default();
    let texts: Vec<String> = p.json.iter().map(|j| j.to_string()).collect();
    let plan = probity::eval::Plan::new(&p.program);
    let native = probity::eval::native::Native::new(&p.program, &kind.native())
        .unwrap_or_else(|e| panic!("{e}"));
    // The whole shipped rulebook on the same documents (its schema is the subset's).
    let shipped = workload::compile_files(&[kind.shipped_path()]);
    let shipped_plan = probity::eval::Plan::new(&shipped);
    for _ in 0..passes {
        for (i, text) in texts.iter().enumerate() {
            match engine {
                // From JSON text: read, then decide / check by hand.
                "decide-text" => {
                    if let Ok(doc) = probity::doc::read_str(&p.program, black_box(text)) {
                        plan.decide_into(&doc, &mut decision);
                        black_box(&decision);
                    }
                }
                "report-text" => {
                    if let Ok(doc) = probity::doc::read_str(&p.program, black_box(text)) {
                        black_box(plan.check(&doc));
                    }
                }
                "hand-text" => {
                    hits.clear();
                    hand_from_text(kind, black_box(text), &mut hits);
                    black_box(&hits);
                }
                "regorus" => {
                    black_box(policy.check(black_box(&p.rego_input[i])));
                }
                "hand" => {
                    hits.clear();
                    p.hand.check(black_box(i), &mut hits);
                    black_box(&hits);
                }
                "decide" => {
                    plan.decide_into(black_box(&p.typed[i]), &mut decision);
                    black_box(&decision);
                }
                "native-decide" => {
                    native.decide_into(black_box(&p.typed[i]), &mut decision);
                    black_box(&decision);
                }
                "shipped-decide" => {
                    shipped_plan.decide_into(black_box(&p.typed[i]), &mut decision);
                    black_box(&decision);
                }
                "shipped-reference-decide" => {
                    probity::eval::decide_into(
                        &shipped,
                        black_box(&p.typed[i]),
                        &mut decision,
                        None,
                    );
                    black_box(&decision);
                }
                // The reference evaluator, which the plan must equal (tests/plan.rs).
                "reference-decide" => {
                    probity::eval::decide_into(
                        &p.program,
                        black_box(&p.typed[i]),
                        &mut decision,
                        None,
                    );
                    black_box(&decision);
                }
                "reference-report" => {
                    black_box(probity::eval::check(&p.program, black_box(&p.typed[i])));
                }
                _ => {
                    black_box(plan.check(black_box(&p.typed[i])));
                }
            }
        }
    }
}

/// Generated community orders, one JSON document a line, for `probity check --batch`.
fn emit_jsonl(n: usize) {
    let mut rng = workload::gen::Rng::new(SEED);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for _ in 0..n {
        let doc = workload::gen::order(&mut rng);
        if writeln!(out, "{doc}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// `batch::check_lines` over the generated orders against the community-orders subset, at both
/// depths, as the browser bench runs it in WASM (`Rulebook.checkLines`): one JSON line of
/// documents per second (best of 3 rounds of at least 2 s each).
fn native_lines(n: usize) {
    use probity::batch::{check_lines, Depth};
    let program = workload::compile_files(&[Kind::Orders.subset_path()]);
    let mut rng = workload::gen::Rng::new(SEED);
    let jsonl: String = (0..n)
        .map(|_| format!("{}\n", workload::gen::order(&mut rng)))
        .collect();
    let rate = |depth: Depth| {
        let mut best = 0f64;
        for _ in 0..3 {
            let start = Instant::now();
            let mut done = 0usize;
            while start.elapsed() < Duration::from_secs(2) {
                done +=
                    black_box(check_lines(&program, black_box(jsonl.as_bytes()), depth)).documents;
            }
            best = best.max(done as f64 / start.elapsed().as_secs_f64());
        }
        best
    };
    let summary = check_lines(&program, jsonl.as_bytes(), Depth::Decide);
    println!(
        "{{\"documents\": {}, \"findings\": {}, \"rejected\": {}, \"decide_per_sec\": {:.0}, \"report_per_sec\": {:.0}}}",
        summary.documents,
        summary.findings,
        summary.rejected,
        rate(Depth::Decide),
        rate(Depth::Report)
    );
}

/// Check figures for one engine on one workload.
#[derive(Clone, Copy, Default)]
struct Figures {
    /// Documents checked per second (best round).
    per_sec: f64,
    /// Median over documents of the time to check that document.
    median: Duration,
    /// Documents per second from JSON text (read + check), best round.
    text_per_sec: f64,
}

/// Runs `f(i)` over every document until `min_time` passes; documents per second.
fn throughput(n: usize, min_time: Duration, mut f: impl FnMut(usize)) -> f64 {
    let start = Instant::now();
    let mut done = 0usize;
    loop {
        for i in 0..n {
            f(i);
        }
        done += n;
        let t = start.elapsed();
        if t >= min_time {
            return done as f64 / t.as_secs_f64();
        }
    }
}

/// The median over documents of the time to check one, each timed over `reps` repeats.
fn median_latency(n: usize, reps: u32, mut f: impl FnMut(usize)) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|i| {
            let start = Instant::now();
            for _ in 0..reps {
                f(i);
            }
            start.elapsed() / reps
        })
        .collect();
    times.sort();
    times[n / 2]
}

fn best(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

fn run(opts: &Opts) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "compare: {WORKLOAD} documents of each kind, seed {SEED:#x}; load average at start: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut rows: Vec<(Kind, [Figures; 5], usize)> = Vec::new();
    for kind in Kind::ALL {
        let p = Prepared::new(kind, SEED, WORKLOAD);
        let mut policy = rego::Policy::load(kind);
        let texts: Vec<String> = p.json.iter().map(|j| j.to_string()).collect();
        // What batch checking runs: the program compiled once for many documents.
        let plan = probity::eval::Plan::new(&p.program);
        // The same plan compiled to Rust ahead of time (`probity compile`).
        let native = probity::eval::native::Native::new(&p.program, &kind.native())
            .unwrap_or_else(|e| panic!("{e}"));

        // Set-up: the engines agree on every document, or the comparison means nothing.
        let mut hits = Vec::new();
        let mut decision = probity::eval::Decision::default();
        let mut findings = 0usize;
        for i in 0..p.json.len() {
            let ours = canon::probity(&probity::eval::check(&p.program, &p.typed[i]), &p.itemised);
            plan.decide_into(&p.typed[i], &mut decision);
            let planned = canon::decision(&p.program, &decision);
            native.decide_into(&p.typed[i], &mut decision);
            assert_eq!(
                planned,
                canon::decision(&p.program, &decision),
                "{} {i}: plan vs generated Rust",
                kind.name()
            );
            let theirs = canon::rego(&policy.check(&p.rego_input[i]));
            hits.clear();
            p.hand.check(i, &mut hits);
            let name = kind.name();
            assert_eq!(
                ours,
                canon::decision(&p.program, &decision),
                "{name} {i}: report vs decision"
            );
            assert_eq!(ours, theirs, "{name} document {i}: probity vs Rego");
            assert_eq!(
                ours,
                canon::handwritten(&hits),
                "{name} document {i}: probity vs hand-written"
            );
            findings += ours.len();
        }

        let n = p.json.len();
        let mut figs = [Figures::default(); 5];
        for _ in 0..opts.rounds {
            // probity, deciding only (hits as indices, like the hand-written code)
            let t = throughput(n, opts.min_time, |i| {
                plan.decide_into(black_box(&p.typed[i]), &mut decision);
                black_box(&decision);
            });
            figs[0].per_sec = best(figs[0].per_sec, t);
            // probity, the whole report (messages, paths, explanations)
            let t = throughput(n, opts.min_time, |i| {
                black_box(plan.check(black_box(&p.typed[i])));
            });
            figs[1].per_sec = best(figs[1].per_sec, t);
            // regorus
            let t = throughput(n, opts.min_time, |i| {
                black_box(policy.check(black_box(&p.rego_input[i])));
            });
            figs[2].per_sec = best(figs[2].per_sec, t);
            // hand-written
            let t = throughput(n, opts.min_time, |i| {
                hits.clear();
                p.hand.check(black_box(i), &mut hits);
                black_box(&hits);
            });
            figs[3].per_sec = best(figs[3].per_sec, t);
            // probity, deciding with the rulebook compiled to Rust
            let t = throughput(n, opts.min_time, |i| {
                native.decide_into(black_box(&p.typed[i]), &mut decision);
                black_box(&decision);
            });
            figs[4].per_sec = best(figs[4].per_sec, t);

            // From JSON text: read, then check.
            let t = throughput(n, opts.min_time, |i| {
                if let Ok(doc) = probity::doc::read_str(&p.program, black_box(&texts[i])) {
                    plan.decide_into(&doc, &mut decision);
                    black_box(&decision);
                }
            });
            figs[0].text_per_sec = best(figs[0].text_per_sec, t);
            let t = throughput(n, opts.min_time, |i| {
                if let Ok(doc) = probity::doc::read_str(&p.program, black_box(&texts[i])) {
                    black_box(plan.check(&doc));
                }
            });
            figs[1].text_per_sec = best(figs[1].text_per_sec, t);
            let t = throughput(n, opts.min_time, |i| {
                if policy.engine.set_input_json(black_box(&texts[i])).is_ok() {
                    black_box(
                        policy
                            .engine
                            .eval_rule(format!("data.probity.{}.findings", kind.name())),
                    )
                    .ok();
                }
            });
            figs[2].text_per_sec = best(figs[2].text_per_sec, t);
            let t = throughput(n, opts.min_time, |i| {
                hits.clear();
                hand_from_text(kind, black_box(&texts[i]), &mut hits);
                black_box(&hits);
            });
            figs[3].text_per_sec = best(figs[3].text_per_sec, t);
            let t = throughput(n, opts.min_time, |i| {
                if let Ok(doc) = probity::doc::read_str(&p.program, black_box(&texts[i])) {
                    native.decide_into(&doc, &mut decision);
                    black_box(&decision);
                }
            });
            figs[4].text_per_sec = best(figs[4].text_per_sec, t);
        }
        figs[0].median = median_latency(n, 64, |i| {
            plan.decide_into(black_box(&p.typed[i]), &mut decision);
            black_box(&decision);
        });
        figs[1].median = median_latency(n, 8, |i| {
            black_box(plan.check(black_box(&p.typed[i])));
        });
        figs[2].median = median_latency(n, 1, |i| {
            black_box(policy.check(black_box(&p.rego_input[i])));
        });
        figs[3].median = median_latency(n, 64, |i| {
            hits.clear();
            p.hand.check(black_box(i), &mut hits);
            black_box(&hits);
        });
        figs[4].median = median_latency(n, 64, |i| {
            native.decide_into(black_box(&p.typed[i]), &mut decision);
            black_box(&decision);
        });
        eprintln!("compare: {} measured", kind.name());
        rows.push((kind, figs, findings));
    }

    println!();
    println!("### Checks: the benchmark subset, five ways (identical findings asserted)");
    println!();
    println!("`decide`: probity's decision by the compiled plan (which rules fire, at which list items; what the hand-written code and regorus produce). `native`: the same decision by the rulebook compiled to Rust ahead of time (`probity compile`). `report`: decision plus the words (messages, paths, explanations, rulebook hashes).");
    println!();
    println!("| workload | findings | checks/s: decide / native / report / regorus / hand | decide ÷ regorus | report ÷ regorus | hand ÷ decide | hand ÷ native | hand ÷ report | median µs: decide / native / report / regorus / hand | from JSON text, checks/s: decide / native / report / regorus / hand |");
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (kind, f, findings) in &rows {
        let [decide, report, regorus, hand, native] = f;
        println!(
            "| {} | {} | {:.0} / {:.0} / {:.0} / {:.0} / {:.0} | **{:.0}x** | **{:.0}x** | {:.2}x | **{:.2}x** | {:.1}x | {} / {} / {} / {} / {} | {:.0} / {:.0} / {:.0} / {:.0} / {:.0} |",
            kind.name(),
            findings,
            decide.per_sec,
            native.per_sec,
            report.per_sec,
            regorus.per_sec,
            hand.per_sec,
            decide.per_sec / regorus.per_sec,
            report.per_sec / regorus.per_sec,
            hand.per_sec / decide.per_sec,
            hand.per_sec / native.per_sec,
            hand.per_sec / report.per_sec,
            micros(decide.median),
            micros(native.median),
            micros(report.median),
            micros(regorus.median),
            micros(hand.median),
            decide.text_per_sec,
            native.text_per_sec,
            report.text_per_sec,
            regorus.text_per_sec,
            hand.text_per_sec,
        );
    }

    // The same orders against the whole shipped rulebook (probity only: there is no Rego or
    // hand-written version of all of it).
    let program = workload::compile_files(&[Kind::Orders.shipped_path()]);
    let docs: Vec<probity::ir::Value> = Kind::Orders
        .generate(SEED, WORKLOAD)
        .iter()
        .filter_map(|j| probity::doc::read(&program, j).ok())
        .collect();
    let plan = probity::eval::Plan::new(&program);
    let full = throughput(docs.len(), opts.min_time, |i| {
        black_box(plan.check(black_box(&docs[i])));
    });
    println!();
    println!(
        "Whole shipped rules/community_orders.rules ({} rules) on the same orders: {full:.0} checks/s.",
        program.rules.len()
    );

    println!();
    println!("### Compile and lint, shipped rulebooks (median of repeated runs)");
    println!();
    println!("| rulebook | bytes | compile ms | lint (`probity::analyze::lint`) ms |");
    println!("|---|--:|--:|--:|");
    let mut books: Vec<std::path::PathBuf> =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "rules"))
                    .collect()
            })
            .unwrap_or_default();
    books.sort();
    for path in &books {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let label = path.display().to_string();
        let compile = median_of(9, || {
            let mut s = probity::diag::Sources::default();
            s.add(label.clone(), text.clone());
            black_box(probity::check::compile(s));
        });
        let program = workload::compile_files(std::slice::from_ref(path));
        let lint = median_of(3, || {
            black_box(probity::analyze::lint(&program));
        });
        println!(
            "| {} | {} | {:.2} | {:.2} |",
            path.file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default(),
            text.len(),
            compile.as_secs_f64() * 1e3,
            lint.as_secs_f64() * 1e3
        );
    }
    println!();
    println!(
        "### Explorer sweep (`probity explore --all`: every combination of requirement cases)"
    );
    println!();
    println!("| rulebook / document | combinations | lawful | sweep ms (median of 5) |");
    println!("|---|--:|--:|--:|");
    let program = workload::compile_files(&[Kind::Orders.shipped_path()]);
    for name in ["order_lawful", "order_sso_2026"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/examples")
            .join(format!("{name}.json"));
        let Some(json) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        else {
            continue;
        };
        let Ok(ex) = probity::explore::Explorer::new(&program, None) else {
            continue;
        };
        let Ok(sweep) = ex.sweep_json(&json, None) else {
            continue;
        };
        let took = median_of(5, || {
            black_box(ex.sweep_json(black_box(&json), None)).ok();
        });
        println!(
            "| community_orders / {name} | {} | {} | {:.1} |",
            sweep.combinations,
            sweep.lawful,
            took.as_secs_f64() * 1e3
        );
    }
}

fn median_of(n: usize, mut f: impl FnMut()) -> Duration {
    let mut t: Vec<Duration> = (0..n)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect();
    t.sort();
    t[n / 2]
}

fn micros(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1.0 {
        format!("{us:.3}")
    } else if us < 100.0 {
        format!("{us:.2}")
    } else {
        format!("{us:.0}")
    }
}

fn hand_from_text(kind: Kind, text: &str, out: &mut Vec<canon::Hit>) {
    use workload::handwritten as h;
    match kind {
        Kind::Orders => {
            if let Ok(o) = serde_json::from_str::<h::Order>(text) {
                h::check_order(&o, out);
            }
        }
        Kind::Routing => {
            if let Ok(c) = serde_json::from_str::<h::Case>(text) {
                h::check_case(&c, out);
            }
        }
        Kind::Contracts => {
            if let Ok(c) = serde_json::from_str::<h::Contract>(text) {
                h::check_contract(&c, out);
            }
        }
    }
}
