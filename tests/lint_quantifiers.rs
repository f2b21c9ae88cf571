//! `probity lint` on list quantifiers (`any`, `all`, `count` against constants: at least, at
//! most, none) in rules, with
//! and without a `for each` over the same list: a property test against brute-force enumeration
//! of every document whose list holds up to five items.

use probity::analyze::{lint, LintKind};
use proptest::prelude::*;

mod support;
use support::compile_text;

const OPS: [&str; 2] = ["==", "!="];
/// Count comparisons.
const CMPS: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];
const VALUES: [&str; 3] = ["a", "b", "c"];

#[derive(Clone, Debug)]
enum Atom {
    /// `any(x in case.items where x.v op k)`.
    Any(&'static str, i64),
    /// `all(x in case.items: x.v op k)`.
    All(&'static str, i64),
    /// `count(x in case.items where x.v op k) cmp m`.
    Count(&'static str, i64, &'static str, i64),
    /// `any(x in case.items: x.v op case.n)`.
    AnyAgainstN(&'static str),
    /// `case.n op k`.
    N(&'static str, i64),
    /// `y.v op k` (the bound item; only with a `for each`).
    Bound(&'static str, i64),
    /// `count(x in case.items where x.v op y.v) cmp m` (the bound item among those counted
    /// when `op` is `==`; against `case.n` without a `for each`).
    CountAgainstBound(&'static str, &'static str, i64),
}

fn atom() -> impl Strategy<Value = Atom> {
    let op = || prop::sample::select(OPS.to_vec());
    prop_oneof![
        (op(), 0i64..3).prop_map(|(o, k)| Atom::Any(o, k)),
        (op(), 0i64..3).prop_map(|(o, k)| Atom::All(o, k)),
        (op(), 0i64..3, prop::sample::select(CMPS.to_vec()), 0i64..3)
            .prop_map(|(o, k, c, m)| Atom::Count(o, k, c, m)),
        op().prop_map(Atom::AnyAgainstN),
        (op(), 0i64..3).prop_map(|(o, k)| Atom::N(o, k)),
        (op(), 0i64..3).prop_map(|(o, k)| Atom::Bound(o, k)),
        (op(), prop::sample::select(CMPS.to_vec()), 0i64..2)
            .prop_map(|(o, c, m)| Atom::CountAgainstBound(o, c, m)),
    ]
}

fn atom_text(a: &Atom, bound: bool) -> String {
    match a {
        Atom::Any(o, k) => format!("any(x in case.items where x.v {o} {})", VALUES[*k as usize]),
        Atom::All(o, k) => format!("all(x in case.items: x.v {o} {})", VALUES[*k as usize]),
        Atom::Count(o, k, c, m) => format!(
            "count(x in case.items where x.v {o} {}) {c} {m}",
            VALUES[*k as usize]
        ),
        Atom::AnyAgainstN(o) => format!("any(x in case.items: x.v {o} case.n)"),
        Atom::N(o, k) => format!("case.n {o} {}", VALUES[*k as usize]),
        Atom::Bound(o, k) if bound => format!("y.v {o} {}", VALUES[*k as usize]),
        Atom::Bound(o, k) => format!("case.n {o} {}", VALUES[*k as usize]),
        Atom::CountAgainstBound(o, c, m) => {
            let other = if bound { "y.v" } else { "case.n" };
            format!("count(x in case.items where x.v {o} {other}) {c} {m}")
        }
    }
}

fn condition() -> impl Strategy<Value = Vec<Vec<(bool, Atom)>>> {
    prop::collection::vec(prop::collection::vec((any::<bool>(), atom()), 1..3), 1..3)
}

fn condition_text(c: &[Vec<(bool, Atom)>], bound: bool) -> String {
    let ors: Vec<String> = c
        .iter()
        .map(|conj| {
            let ands: Vec<String> = conj
                .iter()
                .map(|(neg, a)| {
                    let t = atom_text(a, bound);
                    if *neg {
                        format!("not ({t})")
                    } else {
                        t
                    }
                })
                .collect();
            format!("({})", ands.join(" and "))
        })
        .collect();
    ors.join(" or ")
}

/// Every document with `n` in 0..3 and up to five items each with `v` in 0..3 (a rule's `when`
/// and `require` here ask for at most that many items in the cases the test meets).
fn documents() -> Vec<serde_json::Value> {
    let mut lists: Vec<Vec<i64>> = vec![Vec::new()];
    let mut frontier = lists.clone();
    for _ in 0..5 {
        let mut next = Vec::new();
        for l in &frontier {
            for v in 0..3 {
                let mut m = l.clone();
                m.push(v);
                next.push(m);
            }
        }
        lists.extend(next.iter().cloned());
        frontier = next;
    }
    let mut out = Vec::new();
    for n in 0..3 {
        for l in &lists {
            let items: Vec<serde_json::Value> = l
                .iter()
                .map(|v| serde_json::json!({ "v": VALUES[*v as usize] }))
                .collect();
            out.push(serde_json::json!({ "n": VALUES[n as usize], "items": items }));
        }
    }
    out
}

proptest! {
    #![proptest_config(support::proptest_config(150))]

    #[test]
    fn quantifiers_agree_with_enumeration(
        bound in any::<bool>(),
        when in condition(),
        require in condition(),
    ) {
        let (w, r) = (condition_text(&when, bound), condition_text(&require, bound));
        let each = if bound { "  for each y in case.items\n" } else { "" };
        let mut text = String::from(
            "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
             enum V { a, b, c }\n\
             record Item {\n  v: V\n}\n\
             record Case {\n  n: V\n  items: list of Item\n}\n\
             document case: Case\n",
        );
        for (id, require) in [("checked", r.as_str()), ("applies", "false")] {
            text.push_str(&format!(
                "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n{each}  when {w}\n  require {require}\n  message \"m\"\n"
            ));
        }
        let program = compile_text("prop.rules", &text);
        let l = lint(&program);
        let undecided: Vec<&str> = l.undecided.iter().filter(|u| u.id == "checked").map(|u| u.what.as_str()).collect();
        // Per document and bound item: (the rule applies, the rule gives a finding).
        let mut applies = false;
        let mut fires = false;
        let mut passes = false;
        for doc in documents() {
            let report = probity::eval::check_json(&program, &doc).unwrap();
            let count = |id: &str| report.findings.iter().filter(|f| f.rule == id).count();
            let (a, f) = (count("applies"), count("checked"));
            applies |= a > 0;
            fires |= f > 0;
            // Some application (document, item) passes: fewer findings than applications.
            passes |= f < a;
        }
        let kinds: Vec<LintKind> = l.findings.iter().filter(|f| f.id == "checked").map(|f| f.kind).collect();
        if !undecided.contains(&"when") {
            prop_assert_eq!(kinds.contains(&LintKind::NeverApplies), !applies, "{}", text);
        }
        if applies && undecided.is_empty() {
            let always = kinds.contains(&LintKind::AlwaysFails)
                || kinds.contains(&LintKind::RequireUnsatisfiable);
            prop_assert_eq!(always, !passes, "{}", text);
            prop_assert_eq!(kinds.contains(&LintKind::NeverFires), !fires, "{}", text);
        }
        for f in &l.findings {
            prop_assert!(f.reproduces != Some(false), "{:?}\n{}", f, text);
        }
    }
}

proptest! {
    #![proptest_config(support::proptest_config(150))]

    /// A redundancy or contradiction found between two rules with quantifiers holds of every
    /// document enumerated.
    #[test]
    fn pair_findings_hold_of_every_document(
        when_a in condition(),
        require_a in condition(),
        when_b in condition(),
        require_b in condition(),
    ) {
        let mut text = String::from(
            "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
             enum V { a, b, c }\n\
             record Item {\n  v: V\n}\n\
             record Case {\n  n: V\n  items: list of Item\n}\n\
             document case: Case\n",
        );
        let rules = [
            ("ra", condition_text(&when_a, false), condition_text(&require_a, false)),
            ("rb", condition_text(&when_b, false), condition_text(&require_b, false)),
            ("ra-applies", condition_text(&when_a, false), "false".to_string()),
            ("rb-applies", condition_text(&when_b, false), "false".to_string()),
        ];
        for (id, when, require) in &rules {
            let severity = if id.ends_with("applies") { "  severity warning\n" } else { "" };
            text.push_str(&format!(
                "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n{severity}  when {when}\n  require {require}\n  message \"m\"\n"
            ));
        }
        let program = compile_text("prop.rules", &text);
        let l = lint(&program);
        let found = |kind: LintKind, id: &str, other: &str| {
            l.findings.iter().any(|f| f.kind == kind && f.id == id && f.others.iter().any(|o| o == other))
        };
        let mut a_not_b = false;
        let mut b_not_a = false;
        let mut both_met = false;
        for doc in documents() {
            let report = probity::eval::check_json(&program, &doc).unwrap();
            let fired = |id: &str| report.findings.iter().any(|f| f.rule == id);
            a_not_b |= fired("ra") && !fired("rb");
            b_not_a |= fired("rb") && !fired("ra");
            both_met |= fired("ra-applies") && fired("rb-applies") && !fired("ra") && !fired("rb");
        }
        if found(LintKind::Redundant, "ra", "rb") {
            prop_assert!(!a_not_b, "{}", text);
        }
        if found(LintKind::Redundant, "rb", "ra") {
            prop_assert!(!b_not_a, "{}", text);
        }
        if found(LintKind::Contradiction, "rb", "ra") || found(LintKind::Contradiction, "ra", "rb") {
            prop_assert!(!both_met, "{}", text);
        }
    }
}

/// A rule that asks for an item, or for something of every item, never shows another rule
/// redundant: a document with no item (or with more) escapes it.
#[test]
fn quantified_rules_never_contain_another() {
    let text = "rulebook r\n  version \"0.1.0\"\n  title \"r\"\n\
        enum V { a, b, c }\n\
        record Item {\n  v: V\n}\n\
        record Case {\n  n: V\n  items: list of Item\n}\n\
        document case: Case\n\
        rule plain\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          require case.n == a\n  message \"m\"\n\
        rule some-item\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          require count(x in case.items) >= 1\n  message \"m\"\n\
        rule with-an-item\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          when any(x in case.items)\n  require case.n == a\n  message \"m\"\n";
    let program = compile_text("r.rules", text);
    let l = lint(&program);
    assert!(l.undecided.is_empty(), "{:?}", l.undecided);
    let redundant: Vec<(&str, &str)> = l
        .findings
        .iter()
        .filter(|f| f.kind == LintKind::Redundant)
        .map(|f| (f.id.as_str(), f.others[0].as_str()))
        .collect();
    // `with-an-item` is redundant given `plain` (it breaks only where `plain` does); nothing is
    // redundant given a quantified rule.
    assert_eq!(
        redundant,
        vec![("with-an-item", "plain")],
        "{:?}",
        l.findings
    );
}
