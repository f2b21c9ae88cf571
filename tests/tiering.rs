//! The tiering rulebook end to end: bad values give findings or document errors with their
//! path (never a panic or an evaluation error), and `check --batch` gives one tier per line.

use probity::ir::Program;
use serde_json::{json, Value};
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn program() -> Program {
    let path = crate_dir().join("rules/tiering.rules");
    let mut sources = probity::diag::Sources::default();
    sources.add(
        "rules/tiering.rules",
        std::fs::read_to_string(path).expect("rulebook"),
    );
    probity::check::compile(sources).program.expect("compiles")
}

fn example() -> Value {
    let text =
        std::fs::read_to_string(crate_dir().join("tests/examples/tiering_b2s_c_provisional.json"))
            .expect("example");
    serde_json::from_str(&text).expect("JSON")
}

fn with(patch: Value) -> Value {
    let mut doc = example();
    probity::check::merge_patch(&mut doc, &patch);
    doc
}

fn value(report: &probity::report::Report, id: &str) -> Option<Value> {
    report
        .values
        .iter()
        .find(|v| v.id == id)
        .map(|v| v.value.clone())
}

fn rules_fired(report: &probity::report::Report) -> Vec<String> {
    report.findings.iter().map(|f| f.rule.clone()).collect()
}

#[test]
fn the_example_tiers_b2s_and_c() {
    let report = probity::eval::check_json(&program(), &example()).expect("reads");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(value(&report, "v2-tier"), Some(json!("B2S")));
    assert_eq!(value(&report, "v3-tier"), Some(json!("C")));
    assert_eq!(value(&report, "v3-provisional"), Some(json!(true)));
}

#[test]
fn out_of_range_values_are_findings_not_failures() {
    let p = program();
    for (patch, rule, v2_tier) in [
        (json!({ "arp": -1 }), "calculation-fails", None),
        (json!({ "csrp": -0.5 }), "calculation-fails", None),
        (
            json!({ "dcsrp": 0.5, "dcsrp_band": "MEDIUM" }),
            "calculation-fails",
            None,
        ),
        (json!({ "ogrs": 150 }), "ogrs-is-a-percentage", None),
        (json!({ "ogrs": -5 }), "ogrs-is-a-percentage", None),
        (json!({ "rsr": -3 }), "rsr-outside-its-bands", Some("B2S")),
        (
            json!({ "rsr": 250.5 }),
            "rsr-outside-its-bands",
            Some("B2S"),
        ),
    ] {
        let report = probity::eval::check_json(&p, &with(patch.clone())).expect("reads");
        assert!(report.errors.is_empty(), "{patch}: {:?}", report.errors);
        assert!(
            rules_fired(&report).iter().any(|r| r == rule),
            "{patch}: {:?}",
            rules_fired(&report)
        );
        assert_eq!(
            value(&report, "v2-tier"),
            v2_tier.map(|t| json!(t)),
            "{patch}"
        );
    }
}

#[test]
fn unknown_codes_and_wrong_types_are_document_errors_with_their_path() {
    let p = program();
    for (patch, path) in [
        (
            json!({ "registrations": ["RMDO", "WEAP"] }),
            "registrations[1]",
        ),
        (json!({ "rosh": "EXTREME" }), "rosh"),
        (json!({ "dcsrp_band": "MED" }), "dcsrp_band"),
        (json!({ "needs": { "ete": ["maybe"] } }), "needs.ete[0]"),
        (json!({ "ogrs": 59.5 }), "ogrs"),
        (json!({ "as_at": "2026-02-30" }), "as_at"),
    ] {
        let Err(diags) = probity::eval::check_json(&p, &with(patch.clone())) else {
            panic!("{patch} was accepted");
        };
        let paths: Vec<String> = diags
            .iter()
            .filter_map(|d| match &d.location {
                probity::diag::Location::Document { path } => Some(path.clone()),
                _ => None,
            })
            .collect();
        assert!(paths.iter().any(|x| x == path), "{patch}: {paths:?}");
    }
}

#[test]
fn extreme_numbers_never_break_the_evaluation() {
    let p = program();
    for n in [
        json!(i64::MAX),
        json!(i64::MIN),
        json!(0),
        json!(-1),
        json!(1e15),
    ] {
        let patch = json!({ "ogrs": if n.is_i64() { n.clone() } else { json!(0) },
                            "rsr": n, "arp": n, "csrp": n, "dcsrp": n });
        let report = probity::eval::check_json(&p, &with(patch.clone())).expect("reads");
        assert!(report.errors.is_empty(), "{patch}: {:?}", report.errors);
    }
}

#[test]
fn batch_gives_one_tier_a_line() {
    let docs = [
        example(),
        with(json!({ "has_active_event": false })),
        with(json!({ "arp": null })),
        with(json!({ "arp": -2 })),
    ];
    let input: String = docs.iter().map(|d| format!("{d}\n")).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_probity"))
        .args(["check", "--batch", "rules/tiering.rules", "-"])
        .current_dir(crate_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run probity");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("probity");
    writer.join().expect("writer").expect("write");
    let tiers: Vec<Option<String>> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let r: Value = serde_json::from_str(l).expect("a report a line");
            r["values"].as_array().and_then(|vs| {
                vs.iter()
                    .find(|v| v["id"] == "v3-tier")
                    .and_then(|v| v["value"].as_str().map(String::from))
            })
        })
        .collect();
    assert_eq!(
        tiers,
        [
            Some("C".to_string()),
            Some("NOT_SUPERVISED".to_string()),
            Some("MISSING".to_string()),
            None
        ]
    );
}

#[test]
fn lint_decides_the_v3_precedence_and_the_failure_rule() {
    let lint = probity::analyze::lint(&program());
    assert!(lint.findings.is_empty(), "{:?}", lint.findings.len());
    // The analysis across declarations lists, apart, the lets whose values it cannot follow
    // (named by the lets, `what ... gives to the declarations that read it`).
    let lets: Vec<&str> = lint
        .undecided
        .iter()
        .filter(|u| u.what.contains("to the declarations that read"))
        .map(|u| u.id.as_str())
        .collect();
    assert!(
        lets.iter().all(|id| id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "_, ".contains(c))),
        "{lets:?}"
    );
    let undecided: Vec<&str> = lint
        .undecided
        .iter()
        .filter(|u| !u.what.contains("to the declarations that read"))
        .map(|u| u.id.as_str())
        .collect();
    // Only the change-level order is left: the mandate for change is an `any` over convictions.
    assert!(
        undecided.iter().all(|id| *id == "change-step"),
        "{undecided:?}"
    );
    assert!(!undecided.contains(&"v3-outcome") && !undecided.contains(&"calculation-fails"));
}
