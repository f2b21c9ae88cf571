//! `probity lint` where the lowering cannot model a condition but documents found by trying them
//! (each run through `eval`) decide it: a routes table whose row holds a quantifier reading only
//! its own list's items (a truth of its own), planted with a gap and without one, and refused
//! where the quantifier reads more or shares its list; and a `let`'s test that holds on one
//! found document and fails on another, while a test that never holds stays undecided; and a
//! multiple of one value against another (approximated, confirmed by documents). Property tests
//! of quantifier rows and of multiples against enumeration.

use probity::analyze::{lint, LintFinding, LintKind};

mod support;
use support::compile_text;

const HEAD: &str = "rulebook found
  version \"0.1.0\"
  title \"f\"
enum Route { a, b }
record Item { x: hours, tags: list of int }
record Case { items: list of Item, flag: bool, n: hours }
document c: Case
";

fn table(rows: &[&str]) -> String {
    let mut t = String::from(HEAD);
    t.push_str(
        "routes route\n  title \"Route\"\n  cite \"test\"\n  explain \"e\"\n  decides Route\n  hit policy unique\n",
    );
    for r in rows {
        t.push_str(&format!("  when {r}\n"));
    }
    t
}

fn of(findings: &[LintFinding], kind: LintKind) -> Vec<&LintFinding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

const BIG: &str = "any(i in c.items: i.x > 3 hours and any(t in i.tags: t == 7))";

/// Planted: the quantifier holding without the flag routes nowhere; the witness takes a list
/// where it holds and reproduces the gap.
#[test]
fn a_quantifier_row_with_a_gap_is_found() {
    let text = table(&[
        &format!("{BIG} and c.flag => a"),
        &format!("not {BIG} => b"),
    ]);
    let l = lint(&compile_text("t.rules", &text));
    assert!(l.undecided.is_empty(), "{:#?}", l.undecided);
    let gaps = of(&l.findings, LintKind::Gap);
    assert_eq!(gaps.len(), 1, "{:#?}", l.findings);
    let gap = gaps[0];
    assert_eq!(gap.reproduces, Some(true), "{gap:?}");
    let w = gap.witness.as_ref().expect("a witness");
    assert_eq!(w["flag"], serde_json::json!(false), "{w}");
    assert!(!w["items"].as_array().expect("items").is_empty(), "{w}");
}

/// The same table with the flag's other half: no gap, no overlap, nothing undecided.
#[test]
fn a_quantifier_row_without_a_gap_is_clean() {
    let text = table(&[&format!("{BIG} => a"), &format!("not {BIG} => b")]);
    let l = lint(&compile_text("t.rules", &text));
    assert!(l.undecided.is_empty(), "{:#?}", l.undecided);
    assert!(l.findings.is_empty(), "{:#?}", l.findings);
}

/// A quantifier reading a value outside its list, or two quantifiers over one list, are not
/// independent truths: left undecided, never guessed.
#[test]
fn a_quantifier_that_is_not_independent_is_undecided() {
    let outer = "any(i in c.items: i.x > c.n)";
    let text = table(&[&format!("{outer} => a"), &format!("not {outer} => b")]);
    let l = lint(&compile_text("t.rules", &text));
    assert!(!l.undecided.is_empty(), "{:#?}", l.findings);
    let other = "all(i in c.items: i.x > 1 hours)";
    let text = table(&[
        &format!("{BIG} => a"),
        &format!("not {BIG} and {other} => b"),
    ]);
    let l = lint(&compile_text("t.rules", &text));
    assert!(
        l.undecided
            .iter()
            .any(|u| u.reason.contains("not be independent")),
        "{:#?}",
        l.undecided
    );
    assert!(of(&l.findings, LintKind::Gap).is_empty());
}

/// A `let` summing computed values: its test `<= 4 hours` is shown holding and failing by found
/// documents (decided, no finding); its test `< 0 hours` never holds, which only a proof could
/// say, so it stays undecided.
#[test]
fn a_let_test_is_decided_by_found_documents_both_ways() {
    let rules = |test: &str| {
        format!(
            "{HEAD}let TWICE = sum(i in c.items: i.x * 2)\n\
             rule r\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when TWICE {test}\n  \
             require c.flag\n  message \"m\"\n"
        )
    };
    let l = lint(&compile_text("t.rules", &rules("<= 4 hours")));
    assert!(
        !l.undecided.iter().any(|u| u.what.contains("TWICE")),
        "{:#?}",
        l.undecided
    );
    assert!(of(&l.findings, LintKind::ValueNeverGiven).is_empty());
    assert!(of(&l.findings, LintKind::AlwaysHolds).is_empty());
    let l = lint(&compile_text("t.rules", &rules("< 0 hours")));
    assert!(
        l.undecided.iter().any(|u| u.what.contains("TWICE")),
        "{:#?}",
        l.undecided
    );
}

const SCALED: &str = "rulebook scaled
  version \"0.1.0\"
  title \"s\"
record Case { w: hours, d: hours }
document c: Case
";

fn scaled_rule(when: &str, require: &str) -> String {
    format!(
        "{SCALED}rule r\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when {when}\n  require {require}\n  message \"m\"\n"
    )
}

/// A multiple of one value against another, approximated both ways: decided only with a
/// passing and a failing document found in the slices; a contradiction the slices cannot show
/// stays undecided rather than guessed.
#[test]
fn a_multiple_against_another_value_is_decided_when_documents_confirm_it() {
    let text = scaled_rule("c.d >= 1 hours", "c.w >= c.d and c.w <= c.d * 7");
    let l = lint(&compile_text("t.rules", &text));
    assert!(l.undecided.is_empty(), "{:#?}", l.undecided);
    assert!(l.findings.is_empty(), "{:#?}", l.findings);
    let text = scaled_rule("true", "c.w <= c.d * 7 and c.w > c.d * 7");
    let l = lint(&compile_text("t.rules", &text));
    assert_eq!(l.undecided.len(), 1, "{:#?}", l);
    assert!(l.findings.is_empty(), "{:#?}", l.findings);
}

proptest::proptest! {
    #![proptest_config(support::proptest_config(32))]

    /// Against enumeration of w in 0..=40 and d in 0..=6 hours: a finding is true of every
    /// document, and a rule left decided both passes and fails somewhere.
    #[test]
    fn multiples_agree_with_enumeration(
        k in 2i64..8,
        op in proptest::sample::select(vec!["<", "<=", ">", ">=", "==", "!="]),
        low in 0i64..3,
    ) {
        let text = scaled_rule(&format!("c.d >= {low} hours"), &format!("c.w {op} c.d * {k}"));
        let program = compile_text("t.rules", &text);
        let l = lint(&program);
        let (mut fires, mut passes) = (false, false);
        for w in 0..=40 {
            for d in low..=6 {
                let doc = serde_json::json!({ "w": w, "d": d });
                let report = probity::eval::check_json(&program, &doc).unwrap();
                let fired = report.findings.iter().any(|f| f.rule == "r");
                fires |= fired;
                passes |= !fired;
            }
        }
        let kinds: Vec<LintKind> = l.findings.iter().map(|f| f.kind).collect();
        if kinds.contains(&LintKind::NeverFires) { proptest::prop_assert!(!fires); }
        if kinds.contains(&LintKind::AlwaysFails) || kinds.contains(&LintKind::RequireUnsatisfiable) {
            proptest::prop_assert!(!passes);
        }
        if l.undecided.is_empty() {
            proptest::prop_assert!(fires && passes, "{:?}\n{}", l, text);
        }
        for f in &l.findings {
            proptest::prop_assert!(f.reproduces != Some(false), "{:?}", f);
        }
    }
}

const PARTS: [&str; 8] = [
    "Q and c.flag",
    "Q and not c.flag",
    "not Q and c.flag",
    "not Q and not c.flag",
    "Q",
    "not Q",
    "c.flag",
    "not c.flag",
];

proptest::proptest! {
    #![proptest_config(support::proptest_config(32))]

    /// A table whose rows mix the quantifier (a truth of its own) with a flag, against every
    /// document over a few lists: a gap is found exactly where some document routes nowhere,
    /// an overlap exactly where some document matches rows of two outputs; witnesses reproduce.
    #[test]
    fn quantifier_rows_agree_with_enumeration(
        rows in proptest::collection::vec((0usize..8, 0usize..2), 1..4),
    ) {
        let written: Vec<String> = rows
            .iter()
            .map(|(p, o)| format!("{} => {}", PARTS[*p].replace('Q', BIG), ["a", "b"][*o]))
            .collect();
        let refs: Vec<&str> = written.iter().map(String::as_str).collect();
        let text = table(&refs);
        let program = compile_text("t.rules", &text);
        let l = lint(&program);
        proptest::prop_assert!(l.undecided.is_empty(), "{:?}\n{}", l.undecided, text);
        let lists = [
            serde_json::json!([]),
            serde_json::json!([{ "x": 4, "tags": [7] }]),
            serde_json::json!([{ "x": 1, "tags": [7] }, { "x": 5, "tags": [] }]),
        ];
        let (mut gap, mut overlap) = (false, false);
        for items in &lists {
            for flag in [false, true] {
                let doc = serde_json::json!({ "items": items, "flag": flag, "n": 0 });
                let report = probity::eval::check_json(&program, &doc).unwrap();
                gap |= report.findings.iter().any(|f| f.rule == "route/no-route");
                overlap |= report.findings.iter().any(|f| f.rule == "route/overlap");
            }
        }
        proptest::prop_assert_eq!(!of(&l.findings, LintKind::Gap).is_empty(), gap, "{:?}\n{}", l.findings, text);
        proptest::prop_assert_eq!(!of(&l.findings, LintKind::Overlap).is_empty(), overlap, "{:?}\n{}", l.findings, text);
        for f in &l.findings {
            proptest::prop_assert!(f.reproduces != Some(false), "{:?}", f);
        }
    }
}
