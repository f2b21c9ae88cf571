//! `probity lint` on dates moved by calendar months (`d + 12 months`, `d + case.n` with `n` in
//! months): a property test against brute-force enumeration over dates around a month's end
//! (where a month is 29 to 31 days and `31 January + 1 month` falls back to 29 February), with
//! every claim checked: a finding the analysis gives is true of every document, and where it
//! leaves the rule decided, the findings it does not give are false too.

use probity::analyze::{lint, Lint, LintKind};
use probity::ir::Program;
use proptest::prelude::*;

mod support;
use support::compile_text;

const OPS: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];
/// Dates `a` and `b` lie within FIRST + 0..=DAYS days, and `n` within 0..=MONTHS months.
const FIRST: (i32, u32, u32) = (2024, 1, 27);
const DAYS: i64 = 36;
const MONTHS: i64 = 2;

#[derive(Clone, Debug)]
enum Atom {
    /// `case.x op case.y + k months` (`- k months` when negative), then `+ d days`.
    Months(usize, &'static str, usize, i64, i64),
    /// `case.x op case.y + case.n` (`n` months; `-` when the flag is set).
    Field(usize, &'static str, usize, bool),
    /// `case.x + k months op DATE` (the date `d` days after the first).
    Constant(usize, i64, &'static str, i64),
}

fn atom() -> impl Strategy<Value = Atom> {
    prop_oneof![
        2 => (0usize..2, prop::sample::select(OPS.to_vec()), 0usize..2, -2i64..=2, -3i64..=3)
            .prop_map(|(x, op, y, k, d)| Atom::Months(x, op, y, k, d)),
        2 => (0usize..2, prop::sample::select(OPS.to_vec()), 0usize..2, any::<bool>())
            .prop_map(|(x, op, y, minus)| Atom::Field(x, op, y, minus)),
        1 => (0usize..2, -1i64..=2, prop::sample::select(OPS.to_vec()), 0i64..=DAYS + 40)
            .prop_map(|(x, k, op, d)| Atom::Constant(x, k, op, d)),
    ]
}

/// A disjunction of conjunctions of atoms, some negated.
fn condition() -> impl Strategy<Value = Vec<Vec<(bool, Atom)>>> {
    prop::collection::vec(prop::collection::vec((any::<bool>(), atom()), 1..3), 1..3)
}

const FIELDS: [&str; 2] = ["a", "b"];

fn date(k: i64) -> chrono::NaiveDate {
    let (y, m, d) = FIRST;
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap() + chrono::Duration::days(k)
}

fn months_text(k: i64) -> String {
    match k.cmp(&0) {
        std::cmp::Ordering::Equal => String::new(),
        std::cmp::Ordering::Greater => format!(" + {k} months"),
        std::cmp::Ordering::Less => format!(" - {} months", -k),
    }
}

fn atom_text(a: &Atom) -> String {
    match a {
        Atom::Months(x, op, y, k, d) => {
            let days = match d.cmp(&0) {
                std::cmp::Ordering::Equal => String::new(),
                std::cmp::Ordering::Greater => format!(" + {d} days"),
                std::cmp::Ordering::Less => format!(" - {} days", -d),
            };
            // `+ 0 months` keeps a months shift in the text.
            let months = if *k == 0 {
                " + 0 months".to_string()
            } else {
                months_text(*k)
            };
            format!("case.{} {op} case.{}{months}{days}", FIELDS[*x], FIELDS[*y])
        }
        Atom::Field(x, op, y, minus) => {
            let sign = if *minus { "-" } else { "+" };
            format!("case.{} {op} case.{} {sign} case.n", FIELDS[*x], FIELDS[*y])
        }
        Atom::Constant(x, k, op, d) => format!(
            "case.{}{} {op} {}",
            FIELDS[*x],
            months_text(*k),
            date(*d).format("%Y-%m-%d")
        ),
    }
}

fn condition_text(c: &[Vec<(bool, Atom)>]) -> String {
    let ors: Vec<String> = c
        .iter()
        .map(|conj| {
            let ands: Vec<String> = conj
                .iter()
                .map(|(neg, a)| {
                    let t = atom_text(a);
                    if *neg {
                        format!("not ({t})")
                    } else {
                        format!("({t})")
                    }
                })
                .collect();
            format!("({})", ands.join(" and "))
        })
        .collect();
    ors.join(" or ")
}

/// Rule `checked` applies where `when` holds (within the bounds) and asks for `require`; rule
/// `other` applies there too and asks for `other`; rule `applies` fires exactly where `when`
/// holds.
fn rulebook(when: &str, require: &str, other: &str) -> String {
    let first = date(0).format("%Y-%m-%d");
    let last = date(DAYS).format("%Y-%m-%d");
    let bounds: Vec<String> = FIELDS
        .iter()
        .map(|f| format!("case.{f} >= {first} and case.{f} <= {last}"))
        .chain(std::iter::once(format!("case.n <= {MONTHS} months")))
        .collect();
    let when = format!("{} and ({when})", bounds.join(" and "));
    let mut text = "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
         record Case {\n  a: date\n  b: date\n  n: months\n}\n\
         document case: Case\n"
        .to_string();
    for (id, require) in [("checked", require), ("other", other), ("applies", "false")] {
        text.push_str(&format!(
            "rule {id}\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  when {when}\n  require {require}\n  message \"m\"\n"
        ));
    }
    text
}

/// At every point of the bounded box: which of `applies`, `checked`, `other` fire.
fn brute_force(program: &Program) -> Vec<(bool, bool, bool)> {
    let mut out = Vec::new();
    for a in 0..=DAYS {
        for b in 0..=DAYS {
            for n in 0..=MONTHS {
                let doc = serde_json::json!({
                    "a": date(a).format("%Y-%m-%d").to_string(),
                    "b": date(b).format("%Y-%m-%d").to_string(),
                    "n": n,
                });
                let report = probity::eval::check_json(program, &doc).unwrap();
                let fired = |id: &str| report.findings.iter().any(|f| f.rule == id);
                out.push((fired("applies"), fired("checked"), fired("other")));
            }
        }
    }
    out
}

fn kinds(l: &Lint, id: &str) -> Vec<LintKind> {
    l.findings
        .iter()
        .filter(|f| f.id == id)
        .map(|f| f.kind)
        .collect()
}

fn undecided(l: &Lint, id: &str) -> bool {
    l.undecided.iter().any(|u| u.id == id)
}

proptest! {
    #![proptest_config(support::proptest_config(48))]

    #[test]
    fn months_comparisons_agree_with_enumeration(
        when in condition(),
        require in condition(),
        other in condition(),
    ) {
        let text = rulebook(&condition_text(&when), &condition_text(&require), &condition_text(&other));
        let program = compile_text("prop.rules", &text);
        let points = brute_force(&program);
        let l = lint(&program);
        let applies = points.iter().any(|p| p.0);
        for f in &l.findings {
            prop_assert!(f.reproduces != Some(false), "{:?}\n{}", f, text);
        }
        for (id, fires_at) in [("checked", 1usize), ("other", 2)] {
            let fired = |p: &(bool, bool, bool)| if fires_at == 1 { p.1 } else { p.2 };
            let fires = points.iter().any(fired);
            let passes = points.iter().any(|p| p.0 && !fired(p));
            let found = kinds(&l, id);
            let always = found.contains(&LintKind::AlwaysFails)
                || found.contains(&LintKind::RequireUnsatisfiable);
            // A finding claimed is true.
            if found.contains(&LintKind::NeverApplies) {
                prop_assert!(!applies, "{}", text);
            }
            if always {
                prop_assert!(!passes, "{}", text);
            }
            if found.contains(&LintKind::NeverFires) {
                prop_assert!(!fires, "{}", text);
            }
            // Decided: the findings not claimed are false.
            if !undecided(&l, id) {
                prop_assert_eq!(found.contains(&LintKind::NeverApplies), !applies, "{}", text);
                if applies {
                    prop_assert_eq!(always, !passes, "{:?}\n{}", l, text);
                    prop_assert_eq!(found.contains(&LintKind::NeverFires), !fires, "{:?}\n{}", l, text);
                }
            }
        }
        // Contradiction between `checked` and `other`: where both apply (the same `when`), each
        // can be met and never both.
        let meets = |p: &&(bool, bool, bool), x: bool| p.0 && !x;
        let each = points.iter().any(|p| meets(&p, p.1)) && points.iter().any(|p| meets(&p, p.2));
        let both = points.iter().any(|p| p.0 && !p.1 && !p.2);
        let contradiction = each && !both;
        let claimed = kinds(&l, "other").contains(&LintKind::Contradiction)
            || kinds(&l, "checked").contains(&LintKind::Contradiction);
        if claimed {
            prop_assert!(contradiction, "{}", text);
        }
        if !undecided(&l, "checked") && !undecided(&l, "other") {
            prop_assert_eq!(claimed, contradiction, "{:?}\n{}", l, text);
        }
    }
}

/// The shipped shape: a prohibition's last day within 12 months of the order, across 29
/// February; decided, with a witness that reproduces and reads well.
#[test]
fn a_last_day_within_twelve_months_is_decided() {
    let text = "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
        record Case {\n  start: date\n  last: date\n}\n\
        document case: Case\n\
        rule within\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          require case.last < case.start + 12 months\n  message \"m\"\n\
        rule never\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          when case.last >= case.start + 12 months\n\
          require case.last > case.start + 360 days\n  message \"m\"\n\
        rule impossible\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n\
          when case.last < case.start + 1 months\n\
          require case.last >= case.start + 32 days\n  message \"m\"\n";
    let program = compile_text("prop.rules", text);
    let l = lint(&program);
    assert!(l.undecided.is_empty(), "{:?}", l.undecided);
    // `within` can pass and fail; `never` never fires (12 months are at least 365 days);
    // `impossible` always fails (a month is at most 31 days).
    assert!(kinds(&l, "within").is_empty(), "{:?}", l.findings);
    assert_eq!(kinds(&l, "never"), vec![LintKind::NeverFires]);
    assert_eq!(kinds(&l, "impossible"), vec![LintKind::AlwaysFails]);
    for f in &l.findings {
        assert_ne!(f.reproduces, Some(false), "{f:?}");
    }
}
