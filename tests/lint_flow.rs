//! `probity lint` across declarations: a `let` that decides a value (a table written as an
//! expression) and the routes tables and rules that read it. Planted pairs with a known
//! cross-table gap, a dead and an always-true condition, a table disagreeing with the `let` it
//! mirrors, and clean pairs; a property test of the gap across tables against enumeration.

use probity::analyze::{lint, LintFinding, LintKind};
use proptest::prelude::*;

mod support;
use support::compile_text;

const HEAD: &str = "rulebook flow
document c: Case
enum Band { high, mid, low, none }
enum Route { intensive, standard }
record Case { score: int, urgent: bool }
let BAND = if(c.score >= 10, Band.high, if(c.score >= 5, Band.mid, Band.low))
";

fn table(rows: &[&str]) -> String {
    let mut t = String::from(
        "routes route\n  title \"Route\"\n  cite \"test\"\n  explain \"Reads BAND.\"\n  decides Route\n  hit policy unique\n",
    );
    for r in rows {
        t.push_str(&format!("  when {r}\n"));
    }
    t
}

/// Whether every number in a JSON value is an integer a JavaScript number holds exactly, or a
/// decimal that survives `JSON.parse`.
fn js_safe(v: &serde_json::Value) -> bool {
    const MAX: i64 = (1 << 53) - 1;
    match v {
        serde_json::Value::Number(n) => n.as_i64().map_or_else(
            || n.as_u64().is_none() && n.as_f64().is_some_and(f64::is_finite),
            |i| (-MAX..=MAX).contains(&i),
        ),
        serde_json::Value::Array(items) => items.iter().all(js_safe),
        serde_json::Value::Object(m) => m.values().all(js_safe),
        _ => true,
    }
}

fn of(findings: &[LintFinding], kind: LintKind) -> Vec<&LintFinding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

/// Every witness reproduces, and every number in it is one a JavaScript number holds exactly.
fn witnesses_sound(findings: &[LintFinding]) {
    for f in findings {
        if let Some(w) = &f.witness {
            assert_eq!(
                f.reproduces,
                Some(true),
                "witness does not reproduce: {f:?}"
            );
            let text = serde_json::to_string(w).unwrap();
            assert!(js_safe(w), "witness not JS-safe: {text}");
        }
    }
}

#[test]
fn a_value_the_table_routes_nowhere_is_a_gap_across_tables() {
    let text = format!(
        "{HEAD}{}",
        table(&["BAND == high => intensive", "BAND == mid => standard"])
    );
    let l = lint(&compile_text("flow.rules", &text));
    let gaps = of(&l.findings, LintKind::UnhandledValue);
    assert_eq!(gaps.len(), 1, "{:#?}", l.findings);
    assert!(
        gaps[0].message.contains("BAND can give low"),
        "{}",
        gaps[0].message
    );
    let w = gaps[0].witness.as_ref().expect("a witness");
    assert!(w["score"].as_i64().is_some_and(|s| s < 5), "{w}");
    assert_eq!(gaps[0].reproduces, Some(true));
    witnesses_sound(&l.findings);
}

#[test]
fn a_table_that_takes_every_value_has_no_gap_across_tables() {
    let text = format!(
        "{HEAD}{}",
        table(&[
            "BAND == high => intensive",
            "BAND in { mid, low } => standard"
        ])
    );
    let l = lint(&compile_text("flow.rules", &text));
    assert!(
        of(&l.findings, LintKind::UnhandledValue).is_empty(),
        "{:#?}",
        l.findings
    );
    assert!(of(&l.findings, LintKind::ValueNeverGiven).is_empty());
    assert!(of(&l.findings, LintKind::AlwaysHolds).is_empty());
    assert!(l.undecided.is_empty(), "{:#?}", l.undecided);
}

#[test]
fn a_value_the_let_never_gives_and_a_test_it_always_meets() {
    let text = format!(
        "{HEAD}{}",
        table(&[
            "BAND == high => intensive",
            "BAND in { mid, low } => standard",
            "BAND == none and c.urgent => intensive",
        ])
    ) + "rule urgent-band
  title \"Urgent\"
  cite \"test\"
  explain \"Reads BAND.\"
  when c.urgent and BAND != none
  require c.score < 20
  message \"Too high\"
";
    let l = lint(&compile_text("flow.rules", &text));
    let never = of(&l.findings, LintKind::ValueNeverGiven);
    assert_eq!(never.len(), 1, "{:#?}", l.findings);
    assert_eq!(never[0].id, "route");
    assert!(
        never[0]
            .message
            .contains("`BAND == none` never holds: BAND gives only high, mid and low"),
        "{}",
        never[0].message
    );
    let always = of(&l.findings, LintKind::AlwaysHolds);
    assert_eq!(always.len(), 1, "{:#?}", l.findings);
    assert_eq!(always[0].id, "urgent-band");
    assert!(always[0].message.contains("`BAND != none` always holds"));
}

#[test]
fn a_table_that_mirrors_the_let_with_another_boundary_disagrees() {
    let mirror = "routes band
  title \"Band\"
  cite \"test\"
  explain \"Shows BAND in the report.\"
  decides Band
  hit policy unique
  when c.score >= 10 => high
  when c.score >= 6 and c.score < 10 => mid
  when c.score < 6 => low
rule banded
  title \"Banded\"
  cite \"test\"
  explain \"Reads BAND.\"
  when BAND == high
  require c.urgent
  message \"Not urgent\"
";
    let l = lint(&compile_text("flow.rules", &format!("{HEAD}{mirror}")));
    let d = of(&l.findings, LintKind::Disagrees);
    assert_eq!(d.len(), 1, "{:#?}", l.findings);
    assert_eq!(d[0].rows, vec![3]);
    assert_eq!(
        d[0].witness.as_ref().and_then(|w| w["score"].as_i64()),
        Some(5)
    );
    witnesses_sound(&l.findings);

    let agreeing = mirror
        .replace("c.score >= 6", "c.score >= 5")
        .replace("< 6", "< 5");
    let l = lint(&compile_text("flow.rules", &format!("{HEAD}{agreeing}")));
    assert!(
        of(&l.findings, LintKind::Disagrees).is_empty(),
        "{:#?}",
        l.findings
    );
}

#[test]
fn a_let_outside_the_fragment_is_undecided_not_guessed() {
    let text = "rulebook flow
document c: Case
enum Route { intensive, standard }
record Case { score: int, flags: list of int }
let COUNT = c.score * c.score
routes route
  title \"Route\"
  cite \"test\"
  explain \"Reads COUNT.\"
  decides Route
  hit policy unique
  when COUNT >= 4 => intensive
  when COUNT < 4 => standard
";
    let l = lint(&compile_text("flow.rules", text));
    assert!(of(&l.findings, LintKind::UnhandledValue).is_empty());
    assert!(of(&l.findings, LintKind::ValueNeverGiven).is_empty());
    assert!(
        l.undecided.iter().any(|u| u.what.contains("COUNT")),
        "{:#?}",
        l.undecided
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A `let` cutting `c.score` (0 to 12 in the table's `applies when`) into bands at random
    /// thresholds, and a table handling a random set of bands: the values found unhandled are
    /// exactly those enumeration finds some score gives and no row takes.
    #[test]
    fn gap_across_tables_matches_enumeration(
        cuts in prop::collection::btree_set(1i64..12, 1..4),
        handled in prop::collection::vec(any::<bool>(), 4),
    ) {
        let cuts: Vec<i64> = cuts.into_iter().rev().collect();
        let names = ["high", "mid", "low", "none"];
        // if(score >= cuts[0], high, if(score >= cuts[1], mid, ... low))
        let mut value = names[cuts.len()].to_string();
        value = format!("Band.{value}");
        for (i, c) in cuts.iter().enumerate().rev() {
            value = format!("if(c.score >= {c}, Band.{}, {value})", names[i]);
        }
        let band_of = |s: i64| cuts.iter().position(|c| s >= *c).unwrap_or(cuts.len());
        let rows: Vec<String> = (0..4)
            .filter(|i| handled[*i])
            .map(|i| format!("BAND == {} => standard", names[i]))
            .collect();
        prop_assume!(!rows.is_empty());
        let text = format!(
            "rulebook flow
document c: Case
enum Band {{ high, mid, low, none }}
enum Route {{ intensive, standard }}
record Case {{ score: int, urgent: bool }}
let BAND = {value}
routes route
  title \"Route\"
  cite \"test\"
  explain \"Reads BAND.\"
  decides Route
  hit policy any
  applies when c.score >= 0 and c.score <= 12
{}",
            rows.iter().map(|r| format!("  when {r}\n")).collect::<String>()
        );
        let l = lint(&compile_text("flow.rules", &text));
        let mut expected: Vec<&str> = (0..=12)
            .map(band_of)
            .filter(|b| !handled[*b])
            .map(|b| names[b])
            .collect();
        expected.sort();
        expected.dedup();
        let mut found: Vec<&str> = of(&l.findings, LintKind::UnhandledValue)
            .iter()
            .filter_map(|f| names.iter().copied().find(|n| f.message.contains(&format!("BAND can give {n},"))))
            .collect();
        found.sort();
        prop_assert_eq!(found, expected);
        // Over every document (scores beyond 0 to 12 too) the chain gives exactly its bands:
        // a row for any other band never holds.
        for (i, n) in names.iter().enumerate() {
            let needle = format!("`BAND == {n}` never holds");
            let said = l.findings.iter().any(|f| f.kind == LintKind::ValueNeverGiven && f.message.contains(&needle));
            prop_assert_eq!(said, handled[i] && i > cuts.len(), "{:?}", l.findings);
        }
        for f in &l.findings {
            if let Some(w) = &f.witness {
                prop_assert_eq!(f.reproduces, Some(true));
                prop_assert!(js_safe(w));
            }
        }
    }
}

#[test]
fn a_truth_the_table_never_asks_for_is_named_as_true_or_false() {
    let text = format!(
        "{HEAD}let URGENT_HIGH = c.urgent and BAND == high\n{}",
        table(&["URGENT_HIGH => intensive"])
    );
    let l = lint(&compile_text("flow.rules", &text));
    let gaps = of(&l.findings, LintKind::UnhandledValue);
    assert_eq!(gaps.len(), 1, "{:#?}", l.findings);
    assert!(
        gaps[0].message.starts_with("URGENT_HIGH can be false,"),
        "{}",
        gaps[0].message
    );
    assert_eq!(gaps[0].reproduces, Some(true));
}
