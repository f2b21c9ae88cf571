//! `probity lint` on the greatest or least value over a list's items, with a value for an empty
//! list, compared with a value (`case.a <= (max(x in case.evs where F: x.d) ?? case.base)`), the
//! shipped shape included (`for each` an item, the others before it filtered by date, the value
//! per item itself `?? a default`). A property test against brute-force enumeration of every
//! document whose list holds up to two items, each claim checked (a finding given is true of
//! every document; where the rule is left decided, a finding not given is false), and every
//! witness reproducing.

use probity::analyze::{lint, LintKind};
use proptest::prelude::*;

mod support;
use support::compile_text;

const CMPS: [&str; 4] = ["<", "<=", ">", ">="];
const AGGS: [&str; 2] = ["max", "min"];
const BODIES: [&str; 3] = ["x.d", "x.n ?? case.base", "x.n ?? 1"];
const DEFAULTS: [&str; 2] = ["case.base", "2"];
const VALUES: [i64; 4] = [0, 1, 2, 3];

const SCHEMA: &str = "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
     enum R { extend, other }\n\
     record Ev {\n  r: R\n  d: int\n  n: optional int\n}\n\
     record Case {\n  a: int\n  base: int\n  evs: list of Ev\n}\n\
     document case: Case\n";

/// Values 0..=3 (`n` absent, 0 or 3, `base` 0 or 2): enough to order the few values a condition
/// here compares every way.
fn documents() -> Vec<serde_json::Value> {
    let mut items = Vec::new();
    for r in ["extend", "other"] {
        for d in VALUES {
            items.push(serde_json::json!({ "r": r, "d": d }));
            for n in [0, 3] {
                items.push(serde_json::json!({ "r": r, "d": d, "n": n }));
            }
        }
    }
    let mut lists: Vec<Vec<serde_json::Value>> = vec![Vec::new()];
    for a in &items {
        lists.push(vec![a.clone()]);
        for b in &items {
            lists.push(vec![a.clone(), b.clone()]);
        }
    }
    let mut out = Vec::new();
    for l in &lists {
        for a in VALUES {
            for base in [0, 2] {
                out.push(serde_json::json!({ "a": a, "base": base, "evs": l }));
            }
        }
    }
    out
}

/// One rule `checked` (with `for each e in case.evs` when `each`) and one `applies` that fires
/// wherever it applies.
fn rulebook(each: bool, require: &str) -> String {
    let header = if each {
        "  for each e in case.evs\n"
    } else {
        ""
    };
    let mut text = String::from(SCHEMA);
    for (id, require) in [("checked", require), ("applies", "false")] {
        text.push_str(&format!(
            "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n{header}  require {require}\n  message \"m\"\n"
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
        let count = |id: &str| report.findings.iter().filter(|f| f.rule == id).count();
        applies |= count("applies") > 0;
        fires |= count("checked") > 0;
        passes |= count("applies") > count("checked");
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
    #![proptest_config(support::proptest_config(40))]

    #[test]
    fn extremes_agree_with_enumeration(
        each in any::<bool>(),
        agg in prop::sample::select(AGGS.to_vec()),
        body in prop::sample::select(BODIES.to_vec()),
        default in prop::sample::select(DEFAULTS.to_vec()),
        cmp in prop::sample::select(CMPS.to_vec()),
        filter in 0usize..3,
        flipped in any::<bool>(),
    ) {
        let value = if each { "e.d" } else { "case.a" };
        let filter = match filter {
            0 => String::new(),
            1 => " where x.r == extend".to_string(),
            _ => format!(" where x.d < {value}"),
        };
        let extreme = format!("({agg}(x in case.evs{filter}: {body}) ?? {default})");
        let require = if flipped {
            format!("{extreme} {cmp} {value}")
        } else {
            format!("{value} {cmp} {extreme}")
        };
        agrees(&rulebook(each, &require), &documents())?;
    }
}

/// The shipped shapes (the order's end date as last extended): decided, neither never holding
/// nor never failing.
#[test]
fn the_end_date_as_last_extended_is_decided() {
    for require in [
        "e.d <= (max(x in case.evs where x.r == extend and x.d < e.d: x.n ?? case.base) ?? case.base)",
        "e.d <= case.base or e.d <= (max(x in case.evs where x.r == extend: x.n ?? case.base) ?? case.base)",
    ] {
        let program = compile_text("prop.rules", &rulebook(true, require));
        let l = lint(&program);
        assert!(l.undecided.is_empty(), "{require}: {:?}", l.undecided);
        assert!(
            l.findings.iter().all(|f| f.id != "checked"),
            "{require}: {:?}",
            l.findings
        );
    }
}
