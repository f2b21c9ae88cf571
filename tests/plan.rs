//! The compiled plan (`eval::Plan`: what batch checking, `check --batch` and the benches run)
//! decides exactly as the reference evaluator (`eval::decide`) on:
//!
//! - random valid documents for every shipped rulebook and for tests/plan/edges.rules, a
//!   rulebook written to hit every shape the plan treats specially (hoisted conjuncts, `??`
//!   with a constant, absent optionals, nested `for each`, enum lists, counts on either side,
//!   `kind`, `kind in`, `x ?? true`, place against place, `??` with another place, times and
//!   text, sums, keyed routes rows, conflicts of one case and of two);
//! - documents made to take the plan's way back to the reference evaluator (an overflow in a
//!   rule, after hits) and to fill the findings limit.
//!
//! Documents come from the schema-guided generator shared with the fuzz targets.

#[path = "../fuzz/src/docgen.rs"]
#[allow(dead_code)]
mod docgen;
mod support;

#[path = "../benches/workload/native/community_orders.rs"]
#[rustfmt::skip]
mod native_orders;
#[path = "../benches/workload/native/contracts.rs"]
#[rustfmt::skip]
mod native_contracts;
#[path = "plan/edges_native.rs"]
#[rustfmt::skip]
mod native_edges;
#[path = "../benches/workload/native/routing.rs"]
#[rustfmt::skip]
mod native_routing;

use docgen::{Gen, Numbers};
use probity::diag::Sources;
use probity::eval::native::{Module, Native};
use probity::eval::{decide, Decision, Plan};
use probity::ir::Program;
use proptest::prelude::*;
use serde_json::json;
use std::path::Path;
use std::sync::OnceLock;

const RULEBOOKS: &[&str] = &[
    "rules/community_orders.rules",
    "rules/routing.rules",
    "rules/contracts.rules",
    "rules/commissioning_plan.rules",
    "rules/post_sentence_supervision.rules",
    "rules/tiering.rules",
    "benches/workload/community_orders.rules",
    "benches/workload/routing.rules",
    "benches/workload/contracts.rules",
    "tests/plan/edges.rules",
];

/// The rulebooks above compiled to Rust (`probity compile`), with where the module is kept.
fn generated(path: &str) -> Option<(&'static str, Module)> {
    Some(match path {
        "benches/workload/community_orders.rules" => (
            "benches/workload/native/community_orders.rs",
            native_orders::MODULE,
        ),
        "benches/workload/routing.rules" => {
            ("benches/workload/native/routing.rs", native_routing::MODULE)
        }
        "benches/workload/contracts.rules" => (
            "benches/workload/native/contracts.rs",
            native_contracts::MODULE,
        ),
        "tests/plan/edges.rules" => ("tests/plan/edges_native.rs", native_edges::MODULE),
        _ => return None,
    })
}

fn compile(path: &str) -> Program {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut s = Sources::default();
    s.add(path, text);
    probity::check::compile(s)
        .program
        .unwrap_or_else(|| panic!("{path} does not compile"))
}

fn programs() -> &'static [Program] {
    static P: OnceLock<Vec<Program>> = OnceLock::new();
    P.get_or_init(|| RULEBOOKS.iter().map(|p| compile(p)).collect())
}

fn edges() -> &'static Program {
    &programs()[RULEBOOKS.len() - 1]
}

/// Each rulebook's generated module, where it has one, bound to its program.
fn natives() -> &'static [Option<Native<'static>>] {
    static N: OnceLock<Vec<Option<Native<'static>>>> = OnceLock::new();
    N.get_or_init(|| {
        RULEBOOKS
            .iter()
            .zip(programs())
            .map(|(path, program)| {
                let (file, module) = generated(path)?;
                Some(Native::new(program, &module).unwrap_or_else(|e| {
                    panic!("{file}: {e}: run benches/workload/native/generate.sh")
                }))
            })
            .collect()
    })
}

/// Both ways, with the plan's decision reused from an earlier document as batch checking does.
fn both(program: &Program, json: &serde_json::Value, reused: &mut Decision) -> Decision {
    let doc = probity::doc::read(program, json)
        .unwrap_or_else(|e| panic!("the document is refused: {e:?}\n{json}"));
    let reference = decide(program, &doc);
    Plan::new(program).decide_into(&doc, reused);
    assert!(
        *reused == reference,
        "the plan (left) and the reference evaluator (right) differ\n{reused:?}\n{reference:?}\n{json}"
    );
    // The rules that applied, found while deciding, are those found in a pass of their own
    // (where the decision went to the end: no evaluation error, no dropped hit).
    if reference.errors.is_empty() && !reference.truncated {
        let alone = probity::eval::applied_rules(program, &doc);
        let found = |d: &Decision| d.applied.iter().map(|&i| i as usize).collect::<Vec<_>>();
        assert_eq!(
            found(&reference),
            alone,
            "the reference evaluator's applied rules\n{json}"
        );
        assert_eq!(found(reused), alone, "the plan's applied rules\n{json}");
    }
    let at = programs().iter().position(|p| std::ptr::eq(p, program));
    if let Some(native) = at.and_then(|i| natives()[i].as_ref()) {
        native.decide_into(&doc, reused);
        assert!(
            *reused == reference,
            "the generated Rust (left) and the reference evaluator (right) differ\n{reused:?}\n{reference:?}\n{json}"
        );
    }
    reference
}

/// The committed generated modules are what `probity compile` writes for their rulebooks now
/// (`BLESS=1` writes them again; the next build compiles the new ones in).
#[test]
fn the_generated_modules_are_up_to_date() {
    for (path, program) in RULEBOOKS.iter().zip(programs()) {
        let Some((file, _)) = generated(path) else {
            continue;
        };
        let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let now = Plan::new(program).rust(path);
        // The same switch as the golden reports: `BLESS=1 cargo test --test plan` writes them.
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&full, &now).unwrap_or_else(|e| panic!("{file}: {e}"));
            continue;
        }
        let committed = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            committed == now,
            "{file} is out of date: run `BLESS=1 cargo test --test plan` (or benches/workload/native/generate.sh)"
        );
    }
}

/// A module generated from one rulebook is refused for another.
#[test]
fn a_module_from_another_rulebook_is_refused() {
    let orders = &programs()[0];
    let e = Native::new(orders, &native_contracts::MODULE)
        .err()
        .expect("the contracts module must not bind to the community orders rulebook");
    assert_eq!(e.found, native_contracts::MODULE.fingerprint);
    assert!(e.to_string().contains("probity compile"));
}

proptest! {
    #![proptest_config(support::proptest_config(256))]

    #[test]
    fn the_plan_decides_random_documents_as_the_reference_evaluator(
        which in 0usize..RULEBOOKS.len(),
        choices in prop::collection::vec(any::<u32>(), 0..800),
    ) {
        let program = &programs()[which];
        let json = Gen::new(program, Numbers { numbers: &choices }).document(program);
        both(program, &json, &mut Decision::default());
    }
}

/// Each rule of the edges rulebook fires, passes or fails on the documents below, so the
/// comparisons above are not all between two empty decisions.
#[test]
fn the_edges_rulebook_takes_every_path() {
    let program = edges();
    let mut reused = Decision::default();
    let base = json!({
        "seen": "2024-01-01", "level": "high", "prior": null, "who": "private_body",
        "hours": 5, "weeks": 1000, "share": 5, "flags": ["high", "low"],
        "items": [
            { "kind": "work", "active": true, "hours": 20, "extra": ["high", "high"] },
            { "kind": "work", "active": false, "hours": 1, "extra": ["low"] },
            { "kind": "rest", "active": false, "days": 9, "limit": 1 },
            { "kind": "watch", "active": true, "level": "low", "from": "09:00", "until": "17:00" },
            { "kind": "watch", "active": false, "level": "low" }
        ]
    });
    let d = both(program, &base, &mut reused);
    let fired = |d: &Decision, id: &str| {
        d.hits.iter().any(|h| match h.decl {
            probity::eval::Decl::Rule(i) => program.rules[i as usize].meta.id == id,
            probity::eval::Decl::Conflict(i) => program.conflicts[i as usize].meta.id == id,
            _ => false,
        })
    };
    // An overflow: the plan hands the rule back and the reference evaluator reports it.
    assert!(d
        .errors
        .iter()
        .any(|e| e.code == "R0001" && e.message.contains("overflow-in-require")));
    for id in [
        "absent-and-coalesce",
        "nested-each",
        "count-both-sides",
        "kind-compare",
        "two-watches",
        "work-with-rest",
        "coalesce-bool-and-kind-set",
        "two-places",
        "two-places-plain",
        "times-and-defaults",
    ] {
        assert!(fired(&d, id), "{id} does not fire on the base document");
    }
    assert!(d.route(0).and_then(|r| r.chosen).is_some());

    // A public body: the prohibition over the enum list fires; hours large enough that the
    // rule over every item overflows at its first active item.
    let mut public = base.clone();
    public["who"] = json!("public_body");
    public["hours"] = json!(1000);
    public["weeks"] = json!(1);
    let d = both(program, &public, &mut reused);
    assert!(fired(&d, "prohibition-each"));
    assert!(d
        .errors
        .iter()
        .any(|e| e.message.contains("flag-each-error")));
    assert!(!d
        .errors
        .iter()
        .any(|e| e.message.contains("overflow-in-require")));

    // Low level: most rules' first test fails; routes keyed by level take the first row.
    // Work hours that overflow their sum: the plan hands the rule back.
    let mut huge = base.clone();
    huge["items"][1]["hours"] = json!(i64::MAX);
    let d = both(program, &huge, &mut reused);
    assert!(d.errors.iter().any(|e| e.message.contains("sum-of-hours")));

    let mut low = base.clone();
    low["level"] = json!("low");
    low["items"] = json!([]);
    let d = both(program, &low, &mut reused);
    assert!(!fired(&d, "nested-each") && d.errors.is_empty());
}

/// A conflict with more pairs than the findings limit: both stop at the same hit, truncated.
#[test]
fn the_plan_stops_at_the_findings_limit_as_the_reference_evaluator() {
    let watches: Vec<_> = (0..60)
        .map(|_| json!({ "kind": "watch", "active": true, "level": "medium" }))
        .collect();
    let doc = json!({
        "seen": "2024-01-01", "level": "low", "prior": "low", "who": "charity",
        "hours": 5, "weeks": 1, "share": 60, "flags": [], "items": watches
    });
    let d = both(edges(), &doc, &mut Decision::default());
    assert!(d.truncated);
    assert_eq!(d.hits.len(), probity::eval::MAX_FINDINGS);
}

/// A session (the door every face checks through) decides with its plan and finds the rules
/// that applied while deciding: the same report, byte for byte, as the reference evaluator, and
/// the same caveats as the unverified rules a pass of their own finds applied, on every shipped
/// example and rule-test document; in Welsh too, after the session changed its language.
#[test]
fn a_session_checks_with_its_plan_as_the_reference_evaluator() {
    let mut n = 0;
    for path in &RULEBOOKS[..6] {
        let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let text = std::fs::read_to_string(&full).unwrap();
        let mut session = probity::api::Session::compile([(*path, text)])
            .session
            .unwrap_or_else(|| panic!("{path} does not compile"));
        for language in [
            probity::api::Language::English,
            probity::api::Language::Welsh,
        ] {
            session.set_language(language);
            let program = session.program().clone();
            let docs = program
                .examples
                .iter()
                .map(|e| &e.value)
                .chain(program.tests.iter().map(|t| &t.document));
            for json in docs {
                let Ok(doc) = probity::doc::read(&program, json) else {
                    continue;
                };
                let out = session.check_json(json);
                let report = out.report.as_ref().expect("a report");
                assert_eq!(
                    serde_json::to_string(report).unwrap(),
                    serde_json::to_string(&probity::eval::check(&program, &doc)).unwrap(),
                    "{path}: the session's report differs\n{json}"
                );
                let mut expected: Vec<&str> = Vec::new();
                for i in probity::eval::applied_rules(&program, &doc) {
                    let m = &program.rules[i].meta;
                    if !m.verification.as_ref().is_some_and(|v| v.verified)
                        && !expected.contains(&m.id.as_str())
                    {
                        expected.push(&m.id);
                    }
                }
                let caveats: Vec<&str> = out.caveats.iter().map(|c| c.rule.as_str()).collect();
                assert_eq!(caveats, expected, "{path}: the caveats differ\n{json}");
                // By key, as the page's face asks: the same caveats.
                let text = serde_json::to_string(json).unwrap();
                let (keyed, keys) = session.check_text_keyed(&text);
                assert!(keyed.caveats.is_empty());
                let by_key: Vec<_> = keys.iter().filter_map(|k| session.caveat(*k)).collect();
                assert_eq!(
                    format!("{by_key:?}"),
                    format!("{:?}", out.caveats),
                    "{path}"
                );
                n += 1;
            }
        }
    }
    assert!(n > 600, "only {n} documents");
}

/// The shipped examples and the documents of every rule test, through the plan.
#[test]
fn the_plan_decides_every_shipped_example_and_rule_test_document() {
    let mut reused = Decision::default();
    let mut n = 0;
    for program in programs() {
        let docs = program
            .examples
            .iter()
            .map(|e| &e.value)
            .chain(program.tests.iter().map(|t| &t.document));
        for json in docs {
            if probity::doc::read(program, json).is_ok() {
                both(program, json, &mut reused);
                n += 1;
            }
        }
    }
    assert!(n > 300, "only {n} documents");
}
