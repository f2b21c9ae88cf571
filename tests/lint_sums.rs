//! `probity lint` on sums over a list's items against a constant (`sum(x in L where F: x.h) <=
//! 300 hours`): a property test against brute-force enumeration of every document whose list
//! holds up to three items, each claim checked (a finding given is true of every document; where
//! the rule is left decided, a finding not given is false).

use probity::analyze::{lint, LintKind};
use proptest::prelude::*;

mod support;
use support::compile_text;

const CMPS: [&str; 4] = ["<", "<=", ">", ">="];
const VALUES: [&str; 2] = ["a", "b"];
/// Each item's hours lie in 0..=MAX_HOURS; constants compared with sums in 0..=MAX_HOURS - 1, so
/// one item can exceed any of them.
const MAX_HOURS: i64 = 4;

#[derive(Clone, Debug)]
enum When {
    /// `count(x in case.items where x.v == V) >= m`.
    Count(usize, i64),
    /// `true`.
    Always,
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        (0usize..2, 1i64..3).prop_map(|(v, m)| When::Count(v, m)),
        Just(When::Always),
    ]
}

/// `sum(x in case.items where x.v == V: x.h) cmp k` (no filter when `v` is `None`).
fn require() -> impl Strategy<Value = (Option<usize>, &'static str, i64)> {
    (
        prop::option::of(0usize..2),
        prop::sample::select(CMPS.to_vec()),
        0i64..MAX_HOURS,
    )
}

fn documents() -> Vec<serde_json::Value> {
    let mut items: Vec<serde_json::Value> = Vec::new();
    for v in VALUES {
        for h in 0..=MAX_HOURS {
            items.push(serde_json::json!({ "v": v, "h": h }));
        }
    }
    let mut lists: Vec<Vec<serde_json::Value>> = vec![Vec::new()];
    let mut frontier = lists.clone();
    for _ in 0..3 {
        let mut next = Vec::new();
        for l in &frontier {
            for it in &items {
                let mut m = l.clone();
                m.push(it.clone());
                next.push(m);
            }
        }
        lists.extend(next.iter().cloned());
        frontier = next;
    }
    lists
        .into_iter()
        .map(|l| serde_json::json!({ "items": l }))
        .collect()
}

proptest! {
    #![proptest_config(support::proptest_config(40))]

    #[test]
    fn sums_agree_with_enumeration(w in when(), (v, cmp, k) in require()) {
        let when_text = match w {
            When::Count(v, m) => format!("count(x in case.items where x.v == {}) >= {m}", VALUES[v]),
            When::Always => "true".to_string(),
        };
        let filter = v.map_or(String::new(), |v| format!(" where x.v == {}", VALUES[v]));
        let require_text = format!("sum(x in case.items{filter}: x.h) {cmp} {k} hours");
        let mut text = String::from(
            "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
             enum V { a, b }\n\
             record Item {\n  v: V\n  h: hours\n}\n\
             record Case {\n  items: list of Item\n}\n\
             document case: Case\n",
        );
        for (id, require) in [("checked", require_text.as_str()), ("applies", "false")] {
            text.push_str(&format!(
                "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when {when_text}\n  require {require}\n  message \"m\"\n"
            ));
        }
        let program = compile_text("prop.rules", &text);
        let l = lint(&program);
        let (mut applies, mut fires, mut passes) = (false, false, false);
        for doc in documents() {
            let report = probity::eval::check_json(&program, &doc).unwrap();
            let fired = |id: &str| report.findings.iter().any(|f| f.rule == id);
            applies |= fired("applies");
            fires |= fired("checked");
            passes |= fired("applies") && !fired("checked");
        }
        let kinds: Vec<LintKind> = l.findings.iter().filter(|f| f.id == "checked").map(|f| f.kind).collect();
        let always = kinds.contains(&LintKind::AlwaysFails) || kinds.contains(&LintKind::RequireUnsatisfiable);
        if always {
            prop_assert!(!passes, "{}", text);
        }
        if kinds.contains(&LintKind::NeverFires) {
            prop_assert!(!fires, "{}", text);
        }
        if !l.undecided.iter().any(|u| u.id == "checked") && applies {
            prop_assert_eq!(always, !passes, "{:?}\n{}", l, text);
            prop_assert_eq!(kinds.contains(&LintKind::NeverFires), !fires, "{:?}\n{}", l, text);
        }
        for f in &l.findings {
            prop_assert!(f.reproduces != Some(false), "{:?}\n{}", f, text);
        }
    }
}

/// The shipped shape: two unpaid work requirements at most 300 hours together; decided (it can
/// pass and fail), and a sum below zero hours never holds.
#[test]
fn a_total_of_hours_is_decided() {
    let text = "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
        record Item {\n  h: hours\n}\n\
        record Case {\n  items: list of Item\n}\n\
        document case: Case\n\
        rule total\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          when count(x in case.items) >= 2\n\
          require sum(x in case.items: x.h) <= 300 hours\n  message \"m\"\n\
        rule below-zero\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          require sum(x in case.items: x.h) < 0 hours\n  message \"m\"\n";
    let program = compile_text("prop.rules", text);
    let l = lint(&program);
    assert!(l.undecided.is_empty(), "{:?}", l.undecided);
    let kinds = |id: &str| -> Vec<LintKind> {
        l.findings
            .iter()
            .filter(|f| f.id == id)
            .map(|f| f.kind)
            .collect()
    };
    // `total` breaks nowhere alone (it is redundant only given `below-zero`, which always fails).
    assert_eq!(
        kinds("total"),
        vec![LintKind::Redundant],
        "{:?}",
        l.findings
    );
    assert_eq!(kinds("below-zero"), vec![LintKind::RequireUnsatisfiable]);
}
