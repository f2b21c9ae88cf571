//! The fuzz targets' bodies and oracles, as plain functions of bytes: the cargo-fuzz binaries
//! (fuzz/fuzz_targets/) call them, and so does `tests/regressions/main.rs` on stable, which
//! replays every saved crash input (it includes this file with `#[path]`). Depends only on
//! probity and serde_json. A panic here is a finding.

#[path = "differential.rs"]
pub mod differential;
#[path = "docgen.rs"]
pub mod docgen;
#[cfg(feature = "cli")]
#[path = "lsp.rs"]
pub mod lsp;
#[path = "rulegen.rs"]
pub mod rulegen;

#[path = "../../benches/workload/native/community_orders.rs"]
#[rustfmt::skip]
mod native_orders;
#[path = "../../benches/workload/native/contracts.rs"]
#[rustfmt::skip]
mod native_contracts;
#[path = "../../tests/plan/edges_native.rs"]
#[rustfmt::skip]
mod native_edges;
#[path = "../../benches/workload/native/routing.rs"]
#[rustfmt::skip]
mod native_routing;

use probity::diag::Sources;
use probity::ir::Program;
use probity::report::Report;
use std::sync::OnceLock;

/// The shipped rulebooks, built into the fuzz binaries so a run does not depend on the
/// working directory.
pub const RULEBOOKS: &[(&str, &str)] = &[
    (
        "commissioning_plan.rules",
        include_str!("../../rules/commissioning_plan.rules"),
    ),
    (
        "community_orders.rules",
        include_str!("../../rules/community_orders.rules"),
    ),
    (
        "contracts.rules",
        include_str!("../../rules/contracts.rules"),
    ),
    (
        "post_sentence_supervision.rules",
        include_str!("../../rules/post_sentence_supervision.rules"),
    ),
    ("routing.rules", include_str!("../../rules/routing.rules")),
];

/// Every shipped rulebook, compiled (each on its own, as the CLI and the page load them).
pub fn programs() -> &'static [Program] {
    static PROGRAMS: OnceLock<Vec<Program>> = OnceLock::new();
    PROGRAMS.get_or_init(|| {
        RULEBOOKS
            .iter()
            .map(|(name, text)| {
                let mut sources = Sources::default();
                sources.add(*name, *text);
                match probity::check::compile(sources).program {
                    Some(p) => p,
                    None => panic!("shipped rulebook {name} does not compile"),
                }
            })
            .collect()
    })
}

/// The oracle for a report: a document the reader accepted must never meet an `internal:`
/// evaluation error (that would mean check or doc let through something eval cannot handle).
pub fn assert_sound(report: &Report) {
    for e in &report.errors {
        assert!(
            !e.message.contains("internal:"),
            "internal evaluation error on an accepted document: {}",
            e.message
        );
    }
}

/// A Report as comparable text (for determinism checks).
pub fn report_json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_default()
}

/// An AST's debug text with every span removed, so two parses of text that differs only in
/// layout compare equal.
pub fn without_spans(file: &probity::syntax::ast::File) -> String {
    strip_spans(&format!("{file:?}"))
}

/// Removes `Span { .. }` from debug text (spans hold no nested braces).
pub fn strip_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(i) = rest.find("Span {") {
        out.push_str(&rest[..i]);
        match rest[i..].find('}') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn no_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// parse: any answer (an AST or a diagnostic), never a panic, hang or stack overflow. Also
/// parses the text as a lone expression (message holes).
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = probity::syntax::parse_file(0, text);
    let _ = probity::syntax::parse_expr_at(0, 0, text);
}

/// compile: one file, or several split at NUL bytes; every diagnostic renders with its caret;
/// a program that compiles runs its own rule tests and describes every declaration.
pub fn compile(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = Sources::default();
    for (i, part) in text.split('\0').enumerate().take(4) {
        sources.add(format!("f{i}.rules"), part);
    }
    let compiled = probity::check::compile(sources.clone());
    for d in &compiled.diagnostics {
        let _ = sources.render(d);
    }
    if let Some(program) = compiled.program {
        let run = probity::eval::run_tests(&program);
        let _ = run.passed + run.failed;
        let ids: Vec<String> = program.metas().map(|m| m.id.clone()).collect();
        for id in ids {
            let _ = probity::eval::describe(&program, &id);
        }
    }
}

/// format: text that formats parses; the result differs in whitespace only, parses to the same
/// AST (spans aside) and formats to itself.
pub fn format(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(once) = probity::syntax::format(0, text) else {
        return;
    };
    let before = match probity::syntax::parse_file(0, text) {
        Ok(f) => f,
        Err(d) => panic!("formats but does not parse: {d:?}"),
    };
    assert_eq!(
        no_whitespace(&once),
        no_whitespace(text),
        "fmt changed more than whitespace"
    );
    let after = match probity::syntax::parse_file(0, &once) {
        Ok(f) => f,
        Err(d) => panic!("formatted text does not parse: {d:?}\n---\n{once}"),
    };
    assert_eq!(
        without_spans(&after),
        without_spans(&before),
        "fmt changed the AST\n---\n{once}"
    );
    let twice = match probity::syntax::format(0, &once) {
        Ok(t) => t,
        Err(d) => panic!("formatted text does not format: {d:?}"),
    };
    assert_eq!(twice, once, "fmt is not idempotent");
}

/// document: JSON text against every shipped schema; accepted documents are evaluated without
/// internal errors; `check_json` refuses exactly what `doc::read` refuses.
pub fn document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let json: Option<serde_json::Value> = serde_json::from_str(text).ok();
    for program in programs() {
        let read = probity::doc::read_str(program, text);
        if let Some(json) = &json {
            let via_check = probity::eval::check_json(program, json);
            assert_eq!(
                read.is_ok(),
                via_check.is_ok(),
                "check_json and doc::read disagree"
            );
        }
        match read {
            Ok(doc) => assert_sound(&probity::eval::check(program, &doc)),
            Err(errors) => {
                assert!(!errors.is_empty(), "refused without a diagnostic");
                assert!(errors.len() <= 100, "more than 100 diagnostics");
            }
        }
    }
}

/// eval: the first byte picks a shipped rulebook, the rest steer the schema-guided generator;
/// the reader accepts the document, evaluation meets no internal error and is deterministic.
pub fn eval(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let programs = programs();
    let Some(program) = programs.get(usize::from(which) % programs.len()) else {
        return;
    };
    let mut gen = docgen::Gen::new(program, docgen::Bytes { data: rest });
    let json = gen.document(program);
    let doc = match probity::doc::read(program, &json) {
        Ok(doc) => doc,
        Err(errors) => panic!("generated document refused: {errors:?}\n{json}"),
    };
    let report = probity::eval::check(program, &doc);
    assert_sound(&report);
    let again = probity::eval::check(program, &doc);
    assert_eq!(
        report_json(&report),
        report_json(&again),
        "evaluation is not deterministic"
    );
}

/// The rulebooks with a committed generated Rust module (`probity compile`), each with it.
fn native_modules() -> [(&'static str, &'static str, probity::eval::native::Module); 4] {
    [
        (
            "community_orders.rules",
            include_str!("../../benches/workload/community_orders.rules"),
            native_orders::MODULE,
        ),
        (
            "routing.rules",
            include_str!("../../benches/workload/routing.rules"),
            native_routing::MODULE,
        ),
        (
            "contracts.rules",
            include_str!("../../benches/workload/contracts.rules"),
            native_contracts::MODULE,
        ),
        (
            "tests/plan/edges.rules",
            include_str!("../../tests/plan/edges.rules"),
            native_edges::MODULE,
        ),
    ]
}

/// generated Rust vs plan: the committed generated modules decide every generated document as
/// the plan does (a stale module, refused by its fingerprint, is skipped: tests/plan.rs fails
/// on it already).
pub fn native(data: &[u8]) {
    use probity::eval::native::Native;
    use probity::eval::Plan;
    static PROGRAMS: OnceLock<Vec<Program>> = OnceLock::new();
    static NATIVES: OnceLock<Vec<(usize, Native<'static>)>> = OnceLock::new();
    // Compiled once, like the programs: building a plan of the community orders rulebook cost
    // more than deciding the document it was built for.
    static PLANS: OnceLock<Vec<Plan<'static>>> = OnceLock::new();
    let programs = PROGRAMS.get_or_init(|| {
        native_modules()
            .iter()
            .map(|(name, text, _)| {
                let mut sources = Sources::default();
                sources.add(*name, *text);
                match probity::check::compile(sources).program {
                    Some(p) => p,
                    None => panic!("{name} does not compile"),
                }
            })
            .collect()
    });
    let natives = NATIVES.get_or_init(|| {
        native_modules()
            .iter()
            .zip(programs)
            .enumerate()
            .filter_map(|(i, ((_, _, module), p))| Native::new(p, module).ok().map(|n| (i, n)))
            .collect()
    });
    let plans = PLANS.get_or_init(|| programs.iter().map(Plan::new).collect());
    let forms: Vec<differential::NativeForms<'_>> = natives
        .iter()
        .map(|(i, n)| (&programs[*i], &plans[*i], n))
        .collect();
    differential::generated_rust(data, &forms);
}

/// decide vs plan on a generated rulebook (see `differential`).
pub fn decide_plan(data: &[u8]) {
    differential::decide_plan(data)
}

/// decide vs the explanation on a generated rulebook.
pub fn explain(data: &[u8]) {
    differential::explain(data)
}

/// analysis vs evaluation on a generated rulebook.
pub fn analysis(data: &[u8]) {
    differential::analysis(data)
}

/// explorer vs evaluation on a generated rulebook.
pub fn explore(data: &[u8]) {
    differential::explore(data)
}

/// The formatter on a generated rulebook.
pub fn faces(data: &[u8]) {
    differential::faces(data)
}

/// The language server's JSON-RPC: framing, message handling, an answer to every request (see
/// `lsp`).
#[cfg(feature = "cli")]
pub fn lsp(data: &[u8]) {
    lsp::lsp(data)
}
