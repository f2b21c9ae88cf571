//! `probity lint` on comparisons between two document values (difference constraints): a
//! property test against brute-force enumeration over bounded integers and dates, and witnesses
//! that reproduce and stay within what a JavaScript number holds.

use probity::analyze::{lint, Lint, LintKind};
use probity::ir::Program;
use proptest::prelude::*;

mod support;
use support::compile_text;

const FIELDS: [&str; 3] = ["a", "b", "c"];
const OPS: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];
/// Every field lies in 0..=SIDE in the rule's `when`, so enumerating that cube is exact.
const SIDE: i64 = 4;

#[derive(Clone, Debug)]
enum Atom {
    /// `case.x op case.y + k` (`- k` when negative; no shift when zero).
    Pair(usize, &'static str, usize, i64),
    /// `case.x op k`.
    Constant(usize, &'static str, i64),
    /// `case.x - case.y op k` (of dates: a number of days).
    Difference(usize, usize, &'static str, i64),
}

fn atom() -> impl Strategy<Value = Atom> {
    prop_oneof![
        3 => (0usize..3, prop::sample::select(OPS.to_vec()), 0usize..3, -3i64..=3)
            .prop_map(|(x, op, y, k)| Atom::Pair(x, op, y, k)),
        1 => (0usize..3, prop::sample::select(OPS.to_vec()), 0i64..=SIDE)
            .prop_map(|(x, op, k)| Atom::Constant(x, op, k)),
        1 => (0usize..3, 0usize..3, prop::sample::select(OPS.to_vec()), -3i64..=3)
            .prop_map(|(x, y, op, k)| Atom::Difference(x, y, op, k)),
    ]
}

/// A disjunction of conjunctions of atoms, some negated.
fn condition() -> impl Strategy<Value = Vec<Vec<(bool, Atom)>>> {
    prop::collection::vec(prop::collection::vec((any::<bool>(), atom()), 1..4), 1..3)
}

/// `case.x` as written for the field kind: an int, or a date (`d` days after 2024-01-01).
fn value(dates: bool, k: i64) -> String {
    if dates {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(k);
        d.format("%Y-%m-%d").to_string()
    } else {
        k.to_string()
    }
}

fn atom_text(dates: bool, a: &Atom) -> String {
    let unit = if dates { " days" } else { "" };
    match a {
        Atom::Pair(x, op, y, k) => {
            let shift = match k.cmp(&0) {
                std::cmp::Ordering::Equal => String::new(),
                std::cmp::Ordering::Greater => format!(" + {k}{unit}"),
                std::cmp::Ordering::Less => format!(" - {}{unit}", -k),
            };
            format!("case.{} {op} case.{}{shift}", FIELDS[*x], FIELDS[*y])
        }
        Atom::Constant(x, op, k) => format!("case.{} {op} {}", FIELDS[*x], value(dates, *k)),
        Atom::Difference(x, y, op, k) => {
            format!("case.{} - case.{} {op} {k}{unit}", FIELDS[*x], FIELDS[*y])
        }
    }
}

fn condition_text(dates: bool, c: &[Vec<(bool, Atom)>]) -> String {
    let ors: Vec<String> = c
        .iter()
        .map(|conj| {
            let ands: Vec<String> = conj
                .iter()
                .map(|(neg, a)| {
                    let t = atom_text(dates, a);
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

/// Rule `checked` applies where `when` holds (within the bounds) and asks for `require`; rule
/// `applies` is the same `when` with `require false`, so it fires exactly where `when` holds.
fn rulebook(dates: bool, when: &str, require: &str) -> String {
    let ty = if dates { "date" } else { "int" };
    let bounds: Vec<String> = FIELDS
        .iter()
        .map(|f| {
            format!(
                "case.{f} >= {} and case.{f} <= {}",
                value(dates, 0),
                value(dates, SIDE)
            )
        })
        .collect();
    let when = format!("{} and ({when})", bounds.join(" and "));
    let mut text = format!(
        "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
         record Case {{\n  a: {ty}\n  b: {ty}\n  c: {ty}\n}}\n\
         document case: Case\n"
    );
    for (id, require) in [("checked", require), ("applies", "false")] {
        text.push_str(&format!(
            "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when {when}\n  require {require}\n  message \"m\"\n"
        ));
    }
    text
}

/// At every point of the bounded cube: (the rule applies, the rule gives a finding).
fn brute_force(program: &Program, dates: bool) -> Vec<(bool, bool)> {
    let mut out = Vec::new();
    for a in 0..=SIDE {
        for b in 0..=SIDE {
            for c in 0..=SIDE {
                let doc = serde_json::json!({
                    "a": serde_json::from_str::<serde_json::Value>(&quoted(dates, a)).unwrap(),
                    "b": serde_json::from_str::<serde_json::Value>(&quoted(dates, b)).unwrap(),
                    "c": serde_json::from_str::<serde_json::Value>(&quoted(dates, c)).unwrap(),
                });
                let report = probity::eval::check_json(program, &doc).unwrap();
                let fired = |id: &str| report.findings.iter().any(|f| f.rule == id);
                out.push((fired("applies"), fired("checked")));
            }
        }
    }
    out
}

fn quoted(dates: bool, k: i64) -> String {
    if dates {
        format!("\"{}\"", value(dates, k))
    } else {
        k.to_string()
    }
}

fn kinds(l: &Lint, id: &str) -> Vec<LintKind> {
    l.findings
        .iter()
        .filter(|f| f.id == id)
        .map(|f| f.kind)
        .collect()
}

/// Every number in a witness fits exactly in a JavaScript number.
fn js_safe(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Number(n) => n
            .as_i64()
            .is_some_and(|i| i.unsigned_abs() <= 9_007_199_254_740_991),
        serde_json::Value::Array(a) => a.iter().all(js_safe),
        serde_json::Value::Object(o) => o.values().all(js_safe),
        _ => true,
    }
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    #[test]
    fn two_field_comparisons_agree_with_enumeration(
        dates in any::<bool>(),
        when in condition(),
        require in condition(),
    ) {
        let text = rulebook(dates, &condition_text(dates, &when), &condition_text(dates, &require));
        let program = compile_text("prop.rules", &text);
        let points = brute_force(&program, dates);
        let l = lint(&program);
        prop_assert!(l.undecided.is_empty(), "{:?}", l.undecided);

        let applies = points.iter().any(|(a, _)| *a);
        let fires = points.iter().any(|(_, f)| *f);
        let passes = points.iter().any(|(a, f)| *a && !*f);
        let checked = kinds(&l, "checked");
        prop_assert_eq!(checked.contains(&LintKind::NeverApplies), !applies, "{}", text);
        prop_assert_eq!(kinds(&l, "applies").contains(&LintKind::NeverApplies), !applies);
        if applies {
            let always = checked.contains(&LintKind::AlwaysFails)
                || checked.contains(&LintKind::RequireUnsatisfiable);
            prop_assert_eq!(always, !passes, "{}", text);
            prop_assert_eq!(checked.contains(&LintKind::NeverFires), !fires, "{}", text);
        }
        for f in &l.findings {
            prop_assert!(f.reproduces != Some(false), "{:?}\n{}", f, text);
            if let Some(w) = &f.witness {
                prop_assert!(js_safe(w), "{}", w);
            }
        }
    }
}

/// A cycle of strict date comparisons never holds; a chain with room does, and its witness
/// uses the boundary dates.
#[test]
fn date_cycles_and_chains() {
    let text = "rulebook r\n  version \"0.1.0\"\n  title \"r\"\n\
        record Case {\n  a: date\n  b: date\n  c: date\n  p: optional days\n  q: days\n}\n\
        document case: Case\n\
        rule cycle\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          when case.a < case.b and case.b < case.c + 2 days and case.c < case.a - 1 days\n\
          require false\n  message \"m\"\n\
        rule chain\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          when case.a >= 2025-03-01 and case.b > case.a + 30 days\n\
          require case.c >= case.b\n  message \"m\"\n\
        rule within\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          when present(case.p)\n\
          require (case.p ?? 0 days) <= case.q\n  message \"m\"\n";
    let program = compile_text("r.rules", text);
    let l = lint(&program);
    assert!(l.undecided.is_empty(), "{:?}", l.undecided);
    assert_eq!(kinds(&l, "cycle"), vec![LintKind::NeverApplies]);
    assert!(kinds(&l, "chain").is_empty(), "{:?}", l.findings);
    assert!(kinds(&l, "within").is_empty(), "{:?}", l.findings);
}

const WORDS: [&str; 3] = ["x", "y", "z"];
/// Values a point may take: the constants the conditions name and two they do not (one for each
/// string field, so any pattern of equalities between the two fields is reachable).
const VALUES: [&str; 5] = ["x", "y", "z", "v", "w"];

#[derive(Clone, Debug)]
enum Text {
    /// `case.s == case.t` (`!=` when false).
    Same(bool),
    /// `case.F == "k"` (`!=`), F one of s and t.
    Is(usize, bool, usize),
    /// `case.F in { ... }` (`not in`).
    In(usize, bool, Vec<&'static str>),
}

fn text_atom() -> impl Strategy<Value = Text> {
    prop_oneof![
        any::<bool>().prop_map(Text::Same),
        (0usize..2, any::<bool>(), 0usize..3).prop_map(|(f, eq, k)| Text::Is(f, eq, k)),
        (
            0usize..2,
            any::<bool>(),
            prop::sample::subsequence(WORDS.to_vec(), 1..=2)
        )
            .prop_map(|(f, yes, set)| Text::In(f, yes, set)),
    ]
}

fn text_condition() -> impl Strategy<Value = Vec<Vec<Text>>> {
    prop::collection::vec(prop::collection::vec(text_atom(), 1..4), 1..3)
}

fn text_condition_text(c: &[Vec<Text>]) -> String {
    let field = |f: usize| if f == 0 { "case.s" } else { "case.t" };
    let ors: Vec<String> = c
        .iter()
        .map(|conj| {
            let ands: Vec<String> = conj
                .iter()
                .map(|a| match a {
                    Text::Same(eq) => format!("case.s {} case.t", if *eq { "==" } else { "!=" }),
                    Text::Is(f, eq, k) => format!(
                        "{} {} \"{}\"",
                        field(*f),
                        if *eq { "==" } else { "!=" },
                        WORDS[*k]
                    ),
                    Text::In(f, yes, set) => {
                        let set: Vec<String> = set.iter().map(|w| format!("\"{w}\"")).collect();
                        format!(
                            "{} {}in {{ {} }}",
                            field(*f),
                            if *yes { "" } else { "not " },
                            set.join(", ")
                        )
                    }
                })
                .collect();
            format!("({})", ands.join(" and "))
        })
        .collect();
    ors.join(" or ")
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    #[test]
    fn string_conditions_agree_with_enumeration(
        when in text_condition(),
        require in text_condition(),
    ) {
        let (when, require) = (text_condition_text(&when), text_condition_text(&require));
        let mut text = String::from(
            "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
             record Case {\n  s: string\n  t: string\n}\n\
             document case: Case\n",
        );
        for (id, require) in [("checked", require.as_str()), ("applies", "false")] {
            text.push_str(&format!(
                "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when {when}\n  require {require}\n  message \"m\"\n"
            ));
        }
        let program = compile_text("prop.rules", &text);
        let l = lint(&program);
        // Equality of two strings is one box per value: a long product of them may pass the
        // box limit, and is then undecided (never guessed).
        prop_assert!(l.undecided.iter().all(|u| u.reason.contains("too many cases")), "{:?}", l.undecided);
        prop_assume!(l.undecided.is_empty());
        let mut points = Vec::new();
        for s in VALUES {
            for t in VALUES {
                let doc = serde_json::json!({ "s": s, "t": t });
                let report = probity::eval::check_json(&program, &doc).unwrap();
                let fired = |id: &str| report.findings.iter().any(|f| f.rule == id);
                points.push((fired("applies"), fired("checked")));
            }
        }
        let applies = points.iter().any(|(a, _)| *a);
        let fires = points.iter().any(|(_, f)| *f);
        let passes = points.iter().any(|(a, f)| *a && !*f);
        let checked = kinds(&l, "checked");
        prop_assert_eq!(checked.contains(&LintKind::NeverApplies), !applies, "{}", text);
        if applies {
            let always = checked.contains(&LintKind::AlwaysFails)
                || checked.contains(&LintKind::RequireUnsatisfiable);
            prop_assert_eq!(always, !passes, "{}", text);
            prop_assert_eq!(checked.contains(&LintKind::NeverFires), !fires, "{}", text);
        }
        for f in &l.findings {
            prop_assert!(f.reproduces != Some(false), "{:?}\n{}", f, text);
        }
    }
}
