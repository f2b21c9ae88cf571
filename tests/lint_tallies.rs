//! `probity lint` on lists of enum values held in the document (`a in case.items`,
//! `any`/`all` over the values, `count(...)` and sums of per-value amounts against a constant),
//! which the analysis reads as a count per value: a property test against brute-force
//! enumeration of every document whose list holds up to five values (constants below 2 in the
//! `when` and below 3 in the `require`, so five values reach past both; each claim checked: a
//! finding given is true of every document; where the rule is left decided, a finding not given
//! is false; every witness reproduces and is JavaScript-safe). And counts over a list with a
//! floor set by the item a `for each` binds (`count(b in L where b.n == a.n) == 1`, uniqueness).

use probity::analyze::{lint, LintKind};
use proptest::prelude::*;

mod support;
use support::compile_text;

const VALUES: [&str; 3] = ["a", "b", "c"];
const CMPS: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];

/// One condition on the list (and a flag beside it), its constants below `k`.
fn atom(k: i64) -> impl Strategy<Value = String> {
    let value = prop::sample::select(VALUES.to_vec());
    let set = prop::sample::subsequence(VALUES.to_vec(), 1..3)
        .prop_map(|s| format!("{{ {} }}", s.join(", ")));
    let cmp = prop::sample::select(CMPS.to_vec());
    prop_oneof![
        value.clone().prop_map(|v| format!("{v} in case.items")),
        value
            .clone()
            .prop_map(|v| format!("not ({v} in case.items)")),
        set.clone()
            .prop_map(|s| format!("any(x in case.items: x in {s})")),
        set.clone()
            .prop_map(|s| format!("all(x in case.items: x in {s})")),
        (value.clone(), set.clone())
            .prop_map(|(v, s)| format!("any(x in case.items where x != {v}: x in {s})")),
        (set.clone(), cmp.clone(), 0i64..k)
            .prop_map(|(s, c, k)| format!("count(x in case.items where x in {s}) {c} {k}")),
        (value.clone(), cmp.clone(), 0i64..k).prop_map(|(v, c, k)| format!(
            "sum(x in case.items: if(x == {v}, 2, if(x in {{ a, b }}, 1, 0))) {c} {k}"
        )),
        (value, cmp, 0i64..k).prop_map(|(v, c, k)| format!(
            "sum(x in case.items: if(x == {v}, 1, 0)) {c} if(case.flag, {k}, 1)"
        )),
        Just("case.flag".to_string()),
    ]
}

fn condition() -> impl Strategy<Value = String> {
    prop_oneof![
        atom(3),
        (atom(3), atom(3)).prop_map(|(a, b)| format!("({a}) or ({b})")),
        (atom(3), atom(3)).prop_map(|(a, b)| format!("({a}) and not ({b})")),
    ]
}

/// Every list of up to five values, with the flag each way.
fn documents() -> Vec<serde_json::Value> {
    let mut lists: Vec<Vec<&str>> = vec![Vec::new()];
    let mut frontier = lists.clone();
    for _ in 0..5 {
        let mut next = Vec::new();
        for l in &frontier {
            for v in VALUES {
                let mut m = l.clone();
                m.push(v);
                next.push(m);
            }
        }
        lists.extend(next.iter().cloned());
        frontier = next;
    }
    let mut out = Vec::new();
    for l in lists {
        for flag in [false, true] {
            out.push(serde_json::json!({ "items": l, "flag": flag }));
        }
    }
    out
}

const HEAD: &str = "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
    enum V { a, b, c }\n\
    record Case {\n  items: list of V\n  flag: bool\n}\n\
    document case: Case\n";

fn rules(when: &str, require: &str) -> String {
    let mut text = String::from(HEAD);
    for (id, require) in [("checked", require), ("applies", "false")] {
        text.push_str(&format!(
            "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when {when}\n  require {require}\n  message \"m\"\n"
        ));
    }
    text
}

/// Every number in a witness fits a JavaScript number exactly.
fn js_safe(json: &serde_json::Value) -> bool {
    match json {
        serde_json::Value::Number(n) => n
            .as_i64()
            .is_none_or(|i| i.unsigned_abs() <= 9_007_199_254_740_991),
        serde_json::Value::Array(items) => items.iter().all(js_safe),
        serde_json::Value::Object(map) => map.values().all(js_safe),
        _ => true,
    }
}

proptest! {
    #![proptest_config(support::proptest_config(48))]

    #[test]
    fn value_lists_agree_with_enumeration(when in prop_oneof![Just("true".to_string()), atom(2)], require in condition()) {
        let text = rules(&when, &require);
        let program = compile_text("prop.rules", &text);
        let l = lint(&program);
        prop_assert!(
            !l.undecided.iter().any(|u| u.id == "checked" || u.id == "applies"),
            "{:?}\n{}", l.undecided, text
        );
        let (mut applies, mut fires, mut passes) = (false, false, false);
        for doc in documents() {
            let report = probity::eval::check_json(&program, &doc).unwrap();
            let fired = |id: &str| report.findings.iter().any(|f| f.rule == id);
            applies |= fired("applies");
            fires |= fired("checked");
            passes |= fired("applies") && !fired("checked");
        }
        let kinds: Vec<LintKind> = l.findings.iter().filter(|f| f.id == "checked").map(|f| f.kind).collect();
        let never_applies = kinds.contains(&LintKind::NeverApplies);
        prop_assert_eq!(never_applies, !applies, "{:?}\n{}", l.findings, text);
        if applies {
            let always = kinds.contains(&LintKind::AlwaysFails) || kinds.contains(&LintKind::RequireUnsatisfiable);
            prop_assert_eq!(always, !passes, "{:?}\n{}", l.findings, text);
            prop_assert_eq!(kinds.contains(&LintKind::NeverFires), !fires, "{:?}\n{}", l.findings, text);
        }
        for f in &l.findings {
            prop_assert!(f.reproduces != Some(false), "{:?}\n{}", f, text);
            if let Some(w) = &f.witness {
                prop_assert!(js_safe(w), "{:?}", w);
            }
        }
    }
}

fn kinds(text: &str, id: &str) -> (Vec<LintKind>, usize) {
    let program = compile_text("t.rules", text);
    let l = lint(&program);
    for f in &l.findings {
        assert_ne!(f.reproduces, Some(false), "{f:?}");
    }
    let undecided = l.undecided.iter().filter(|u| u.id == id).count();
    (
        l.findings
            .iter()
            .filter(|f| f.id == id)
            .map(|f| f.kind)
            .collect(),
        undecided,
    )
}

/// Planted both ways: a sum of points over a list of values that never reaches its threshold
/// where the rule applies (only a value worth nothing is held), one that always does (two
/// values worth 2 each), and one that can go either way (decided, no finding).
#[test]
fn a_points_threshold_over_values_is_decided_both_ways() {
    let rule = |when: &str| {
        format!(
            "{HEAD}rule points\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when {when}\n  \
             require sum(x in case.items: if(x == a, 2, if(x == b, 1, 0))) < 3\n  message \"m\"\n"
        )
    };
    // Only `c` (worth nothing) may be held: the sum is 0, so the rule never fires.
    let (found, undecided) = kinds(&rule("all(x in case.items: x == c)"), "points");
    assert_eq!((found, undecided), (vec![LintKind::NeverFires], 0));
    // `a` held twice makes 4: it can fire, and pass.
    let (found, undecided) = kinds(&rule("not (b in case.items)"), "points");
    assert_eq!((found, undecided), (vec![], 0));
    // At least two `a`s: always at least 4, so it always fails where it applies.
    let (found, undecided) = kinds(&rule("count(x in case.items where x == a) >= 2"), "points");
    assert_eq!((found, undecided), (vec![LintKind::AlwaysFails], 0));
}

const PLAN: &str = "rulebook t\n  version \"0.1.0\"\n  title \"t\"\n\
    record Contract {\n  number: int\n}\n\
    record Plan {\n  contracts: list of Contract\n}\n\
    document plan: Plan\n";

/// Uniqueness: the item a `for each` binds always counts itself, so `== 1` means no other item
/// shares its number; decided (it can pass and fail), and its failing witness reproduces.
#[test]
fn a_uniqueness_count_is_decided() {
    let text = format!(
        "{PLAN}rule unique\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  \
         for each a in plan.contracts\n  \
         require count(b in plan.contracts where b.number == a.number) == 1\n  message \"m\"\n\
         rule never-alone\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  \
         for each a in plan.contracts\n  \
         require count(b in plan.contracts where b.number == a.number) == 0\n  message \"m\"\n\
         rule at-least-self\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  \
         for each a in plan.contracts\n  \
         require count(b in plan.contracts where b.number == a.number) >= 1\n  message \"m\"\n\
         rule not-always-counted\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  \
         for each a in plan.contracts\n  \
         require count(b in plan.contracts where b.number == a.number and b.number > 3) == 1\n  message \"m\"\n"
    );
    assert_eq!(kinds(&text, "unique"), (vec![], 0));
    // The item counts itself: a count of none never holds, one or more always does.
    assert_eq!(
        kinds(&text, "never-alone"),
        (vec![LintKind::RequireUnsatisfiable], 0)
    );
    assert_eq!(
        kinds(&text, "at-least-self"),
        (vec![LintKind::NeverFires], 0)
    );
    // The item counts itself only where its number is above 3: no floor, left undecided.
    assert_eq!(kinds(&text, "not-always-counted").1, 1);
}

/// The uniqueness count against enumeration: documents with up to three contracts numbered 1 or
/// 2 fire the rule exactly where two share a number.
#[test]
fn a_uniqueness_count_agrees_with_enumeration() {
    let text = format!(
        "{PLAN}rule unique\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  \
         for each a in plan.contracts\n  \
         require count(b in plan.contracts where b.number == a.number) <= 1\n  message \"m\"\n"
    );
    let program = compile_text("t.rules", &text);
    let l = lint(&program);
    assert!(l.undecided.is_empty(), "{:?}", l.undecided);
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let (mut fires, mut passes) = (false, false);
    for n in 0..=3u32 {
        for mask in 0..(1u32 << n) {
            let contracts: Vec<serde_json::Value> = (0..n)
                .map(|i| serde_json::json!({ "number": 1 + (mask >> i & 1) }))
                .collect();
            let doc = serde_json::json!({ "contracts": contracts });
            let report = probity::eval::check_json(&program, &doc).unwrap();
            let fired = report.findings.iter().any(|f| f.rule == "unique");
            let shared = {
                let ones = (0..n).filter(|i| mask >> i & 1 == 0).count();
                ones >= 2 || (n as usize - ones) >= 2
            };
            assert_eq!(fired, shared, "{doc}");
            fires |= fired;
            passes |= n > 0 && !fired;
        }
    }
    assert!(fires && passes);
}
