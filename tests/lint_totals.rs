//! `probity lint` on totals: two sums over lists added (`sum(x in L where F: x.h) + sum(o in M:
//! o.h) <= c`), a summand computed (`x.g ?? 0 hours`), a constant added, and a filter that bounds
//! the summand (so no one item reaches the bound while several do). A property test against
//! brute-force enumeration of every document whose lists hold up to three and one items, each
//! claim checked (a finding given is true of every document; where the rule is left decided, a
//! finding not given is false), and every witness reproducing.

use probity::analyze::{lint, LintKind};
use proptest::prelude::*;

mod support;
use support::compile_text;

const CMPS: [&str; 4] = ["<", "<=", ">", ">="];
const VALUES: [&str; 2] = ["a", "b"];
const FILTERS: [&str; 3] = ["", " where x.v == a", " where x.h <= 1 hours"];
const BODIES: [&str; 3] = ["x.h", "x.g ?? 0 hours", "x.g ?? 1 hours"];
/// What the first sum is added to.
const ADDED: [&str; 3] = ["", " + sum(o in case.others: o.h)", " + 1 hours"];

const SCHEMA: &str = "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
     enum V { a, b }\n\
     record Item {\n  v: V\n  h: hours\n  g: optional hours\n}\n\
     record Other {\n  h: hours\n}\n\
     record Case {\n  items: list of Item\n  others: list of Other\n}\n\
     document case: Case\n";

/// Every list of up to `most` items drawn from `alphabet`.
fn lists(alphabet: &[serde_json::Value], most: usize) -> Vec<Vec<serde_json::Value>> {
    let mut out: Vec<Vec<serde_json::Value>> = vec![Vec::new()];
    let mut frontier = out.clone();
    for _ in 0..most {
        let mut next = Vec::new();
        for l in &frontier {
            for it in alphabet {
                let mut m = l.clone();
                m.push(it.clone());
                next.push(m);
            }
        }
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out
}

/// Items hold hours 0..=2 (and `g` absent, 0 or 2), so three items filtered to at most 1 hour
/// reach any bound the test names (0..=2 hours, the sum compared with it at most 3); the other
/// orders hold at most one item.
fn documents() -> Vec<serde_json::Value> {
    let mut items = Vec::new();
    for v in VALUES {
        for h in 0..=2 {
            items.push(serde_json::json!({ "v": v, "h": h }));
            for g in [0, 2] {
                items.push(serde_json::json!({ "v": v, "h": h, "g": g }));
            }
        }
    }
    let others: Vec<serde_json::Value> = [0, 2]
        .iter()
        .map(|h| serde_json::json!({ "h": h }))
        .collect();
    let other_lists = lists(&others, 1);
    let mut out = Vec::new();
    for l in lists(&items, 3) {
        for o in &other_lists {
            out.push(serde_json::json!({ "items": l, "others": o }));
        }
    }
    out
}

#[derive(Clone, Debug)]
enum When {
    /// `count(x in case.items where x.v == V) >= 1` (one item held: with up to three more a
    /// total reaches any bound the test names).
    Count(usize),
    Always,
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![(0usize..2).prop_map(When::Count), Just(When::Always),]
}

fn rulebook(when: &When, require: &str) -> String {
    let when_text = match when {
        When::Count(v) => format!("count(x in case.items where x.v == {}) >= 1", VALUES[*v]),
        When::Always => "true".to_string(),
    };
    let mut text = String::from(SCHEMA);
    for (id, require) in [("checked", require), ("applies", "false")] {
        text.push_str(&format!(
            "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when {when_text}\n  require {require}\n  message \"m\"\n"
        ));
    }
    text
}

/// Lint `text` and check each claim about rule `checked` against every enumerated document.
fn agrees(text: &str, docs: &[serde_json::Value]) -> Result<(), TestCaseError> {
    let program = compile_text("prop.rules", text);
    let l = lint(&program);
    let (mut applies, mut fires, mut passes) = (false, false, false);
    for doc in docs {
        let report = probity::eval::check_json(&program, doc).unwrap();
        let fired = |id: &str| report.findings.iter().any(|f| f.rule == id);
        applies |= fired("applies");
        fires |= fired("checked");
        passes |= fired("applies") && !fired("checked");
    }
    let kinds: Vec<LintKind> = l
        .findings
        .iter()
        .filter(|f| f.id == "checked")
        .map(|f| f.kind)
        .collect();
    let always =
        kinds.contains(&LintKind::AlwaysFails) || kinds.contains(&LintKind::RequireUnsatisfiable);
    if always {
        prop_assert!(!passes, "{}", text);
    }
    if kinds.contains(&LintKind::NeverFires) {
        prop_assert!(!fires, "{}", text);
    }
    if !l.undecided.iter().any(|u| u.id == "checked") && applies {
        prop_assert_eq!(always, !passes, "{:?}\n{}", l, text);
        prop_assert_eq!(
            kinds.contains(&LintKind::NeverFires),
            !fires,
            "{:?}\n{}",
            l,
            text
        );
    }
    for f in &l.findings {
        prop_assert!(f.reproduces != Some(false), "{:?}\n{}", f, text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(support::proptest_config(24))]

    #[test]
    fn totals_agree_with_enumeration(
        w in when(),
        filter in prop::sample::select(FILTERS.to_vec()),
        body in prop::sample::select(BODIES.to_vec()),
        added in prop::sample::select(ADDED.to_vec()),
        cmp in prop::sample::select(CMPS.to_vec()),
        k in 0i64..3,
    ) {
        let require = format!("sum(x in case.items{filter}: {body}){added} {cmp} {k} hours");
        agrees(&rulebook(&w, &require), &documents())?;
    }
}

fn undecided_and_kinds(text: &str, id: &str) -> (usize, Vec<LintKind>) {
    let program = compile_text("prop.rules", text);
    let l = lint(&program);
    let kinds = l
        .findings
        .iter()
        .filter(|f| f.id == id)
        .map(|f| f.kind)
        .collect();
    (l.undecided.len(), kinds)
}

/// A filter that keeps every summand at most 2 hours: no one item exceeds 3 hours, yet two do
/// together. Both ways of comparing are decided and neither never holds nor never fails.
#[test]
fn several_items_reach_a_bound_none_reaches_alone() {
    for require in [
        "sum(x in case.items where x.h <= 2 hours: x.h) <= 3 hours",
        "sum(x in case.items where x.h <= 2 hours: x.h) > 3 hours",
    ] {
        let text = format!(
            "{SCHEMA}rule checked\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  require {require}\n  message \"m\"\n"
        );
        let (undecided, kinds) = undecided_and_kinds(&text, "checked");
        assert_eq!(undecided, 0, "{require}");
        assert!(kinds.is_empty(), "{require}: {kinds:?}");
    }
}

/// The shipped shape: this order's hours plus the hours added on breach up to this one, at most
/// 300; decided, and a total below zero never holds.
#[test]
fn hours_ordered_and_added_are_decided() {
    let text = format!(
        "{SCHEMA}rule total\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
           for each e in case.items\n  when present(e.g)\n\
           require sum(o in case.others: o.h) + sum(x in case.items where x.h <= e.h: x.g ?? 0 hours) <= 300 hours\n  message \"m\"\n\
         rule below-zero\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
           require sum(o in case.others: o.h) + sum(x in case.items: x.h) < 0 hours\n  message \"m\"\n"
    );
    let (undecided, kinds) = undecided_and_kinds(&text, "total");
    assert_eq!(undecided, 0);
    assert!(kinds.iter().all(|k| *k == LintKind::Redundant), "{kinds:?}");
    let (_, kinds) = undecided_and_kinds(&text, "below-zero");
    assert_eq!(kinds, vec![LintKind::RequireUnsatisfiable]);
}
