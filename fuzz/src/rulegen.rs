//! Random well-typed rulebooks: turns a stream of choices (`docgen::Choices`: fuzzer bytes, or
//! numbers proptest shrinks) into rule text that compiles, over one schema holding every kind
//! of field the differential targets need (ints, decimals, dates, a day count, enums, bools,
//! optional fields, two lists of records and a list of variant items). Rules, conflicts, routes
//! tables (every hit policy), derived values and dated versions are drawn with conditions of
//! comparisons, chains, `and`/`or`/`not`/`implies`, membership, presence, `if`, and quantifiers
//! (`any`/`all`/`count`/`sum`, nested, with `where` and case filters). Documents for a generated
//! rulebook come from `docgen::Gen` over its compiled schema. The one home of this generator:
//! the fuzz targets (fuzz/src/targets.rs) and the stable replay (tests/regressions) use it.
//! Choices come through `docgen::Choices` rather than the `arbitrary` crate, so the stable
//! replay needs no new dependency.

use super::docgen::Choices;
use std::fmt::Write as _;

/// The schema every generated rulebook declares (fixed, so documents stay small and every
/// construct has something to range over).
pub const SCHEMA: &str = "\
enum Level { low, medium, high }
enum Out { red, amber, green }

record Item {
  n: int
  x: decimal
  d: date
  lvl: Level
  ok: bool
  o: optional int
}

variant Part {
  w: int
  alpha { n: int }
  beta { ok: bool }
  gamma { d: date }
}

record Doc {
  n: int
  m: int
  x: decimal
  d: date
  e: date
  len: days
  lvl: Level
  ok: bool
  o: optional int
  od: optional date
  ol: optional Level
  items: list of Item
  others: list of Item
  parts: list of Part
}

document doc: Doc
law date doc.d
";

const LEVELS: &[&str] = &["low", "medium", "high"];
const OUTS: &[&str] = &["red", "amber", "green"];
const CASES: &[&str] = &["alpha", "beta", "gamma"];
const DATES: &[&str] = &[
    "2020-01-01",
    "2021-06-30",
    "2022-06-28",
    "2023-03-02",
    "2024-02-29",
];
const CMP: &[&str] = &["==", "!=", "<", "<=", ">", ">="];

/// What a `for each` or aggregate binder ranges over.
#[derive(Clone, Copy, PartialEq)]
enum Binder {
    /// An `Item` (of `doc.items` or `doc.others`).
    Item,
    /// A `Part`, narrowed to one case when `Some`.
    Part(Option<usize>),
}

/// The generator's state: the choices, the binders in scope and a budget that keeps text small.
pub struct RuleGen<C: Choices> {
    pub choices: C,
    scope: Vec<(String, Binder)>,
    fresh: usize,
    budget: u32,
}

impl<C: Choices> RuleGen<C> {
    pub fn new(choices: C) -> Self {
        RuleGen {
            choices,
            scope: Vec::new(),
            fresh: 0,
            budget: 60,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        self.choices.below(u32::try_from(n).unwrap_or(u32::MAX)) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = self.below(items.len());
        items.get(i).copied().unwrap_or("")
    }

    /// Whether to go one level deeper: less likely as depth grows and the budget shrinks.
    fn deeper(&mut self, depth: u32) -> bool {
        self.budget = self.budget.saturating_sub(1);
        self.budget > 0 && depth < 3 && self.below(3) != 0
    }

    /// A whole rulebook: header, schema, then 1 to 6 declarations.
    pub fn rulebook(&mut self) -> String {
        let mut out = String::from("rulebook fuzzed\n  version \"1\"\n\n");
        out.push_str(SCHEMA);
        let n = 1 + self.below(6);
        for i in 0..n {
            out.push('\n');
            match self.below(8) {
                0..=3 => self.rule(i, &mut out),
                4 => self.conflict(i, &mut out),
                5 | 6 => self.routes(i, &mut out),
                _ => self.derive(i, &mut out),
            }
        }
        out
    }

    fn header(&mut self, kind: &str, i: usize, out: &mut String) {
        let _ = writeln!(out, "{kind} d{i}\n  title \"d{i}\"\n  cite \"fuzz\"");
    }

    /// Sometimes a period in force (by the law date).
    fn period(&mut self, out: &mut String) {
        match self.below(5) {
            0 => {
                let from = self.pick(DATES);
                let _ = writeln!(out, "  in force from {from}");
            }
            1 => {
                let until = self.pick(DATES);
                let _ = writeln!(out, "  in force until {until}");
            }
            _ => {}
        }
    }

    fn rule(&mut self, i: usize, out: &mut String) {
        self.header("rule", i, out);
        if self.below(3) == 0 {
            let sev = self.pick(&["warning", "unsettled", "info", "error"]);
            let _ = writeln!(out, "  severity {sev}");
        }
        self.period(out);
        let levels = self.below(3).min(2);
        let bound = self.scope.len();
        for _ in 0..levels {
            let (filter, name, list, binder) = self.binder();
            let _ = writeln!(out, "  for each {filter}{name} in {list}");
            self.scope.push((name, binder));
        }
        if self.below(2) == 0 {
            let c = self.cond(0);
            let _ = writeln!(out, "  when {c}");
        }
        let c = self.cond(0);
        let _ = writeln!(out, "  require {c}");
        // A hole holds no braces (a set literal would close it early).
        let hole = match self.bound(|b| b == Binder::Item) {
            Some((v, _)) => format!("{v}.n"),
            None => "doc.n".into(),
        };
        let _ = writeln!(out, "  message \"broken: {{{hole}}}\"");
        self.scope.truncate(bound);
    }

    fn conflict(&mut self, i: usize, out: &mut String) {
        self.header("conflict", i, out);
        self.period(out);
        let a = self.below(CASES.len());
        let b = self.below(CASES.len());
        let (an, bn) = (self.name(), self.name());
        let _ = writeln!(
            out,
            "  between {} {an} and {} {bn} in doc.parts",
            CASES[a], CASES[b]
        );
        let bound = self.scope.len();
        self.scope.push((an, Binder::Part(Some(a))));
        self.scope.push((bn, Binder::Part(Some(b))));
        if self.below(2) == 0 {
            let c = self.cond(1);
            let _ = writeln!(out, "  when {c}");
        }
        self.scope.truncate(bound);
        let _ = writeln!(out, "  message \"together\"");
    }

    fn routes(&mut self, i: usize, out: &mut String) {
        self.header("routes", i, out);
        self.period(out);
        let policy = self.pick(&["unique", "any", "first", "priority"]);
        let _ = writeln!(out, "  decides Out\n  hit policy {policy}");
        if self.below(4) == 0 {
            let c = self.cond(1);
            let _ = writeln!(out, "  applies when {c}");
        }
        let rows = 1 + self.below(4);
        for _ in 0..rows {
            let c = if self.below(3) == 0 {
                self.banded()
            } else {
                self.cond(1)
            };
            let o = self.pick(OUTS);
            let _ = writeln!(out, "  when {c} => {o}");
        }
    }

    fn derive(&mut self, i: usize, out: &mut String) {
        self.header("derive", i, out);
        self.period(out);
        if self.below(2) == 0 {
            let c = self.cond(1);
            let _ = writeln!(out, "  when {c}");
        }
        let v = match self.below(3) {
            0 => self.date(1),
            1 => self.level(),
            _ => self.int(1),
        };
        let _ = writeln!(out, "  value {v}");
    }

    fn name(&mut self) -> String {
        self.fresh += 1;
        format!("v{}", self.fresh)
    }

    /// A binder over one of the lists: (case filter text, name, list path, what it binds).
    fn binder(&mut self) -> (String, String, &'static str, Binder) {
        let name = self.name();
        match self.below(4) {
            0 => (String::new(), name, "doc.items", Binder::Item),
            1 => (String::new(), name, "doc.others", Binder::Item),
            2 => (String::new(), name, "doc.parts", Binder::Part(None)),
            _ => {
                let c = self.below(CASES.len());
                (
                    format!("{} ", CASES[c]),
                    name,
                    "doc.parts",
                    Binder::Part(Some(c)),
                )
            }
        }
    }

    /// A binder in scope of the given kind, when there is one.
    fn bound(&mut self, want: fn(Binder) -> bool) -> Option<(String, Binder)> {
        let fits: Vec<(String, Binder)> = self
            .scope
            .iter()
            .filter(|(_, b)| want(*b))
            .cloned()
            .collect();
        if fits.is_empty() || self.below(3) == 0 {
            return None;
        }
        let i = self.below(fits.len());
        fits.get(i).cloned()
    }

    /// A row condition of the banded kind a decision table over a number usually has.
    fn banded(&mut self) -> String {
        let lo = self.below(12);
        let hi = lo + self.below(12);
        match self.below(3) {
            0 => format!("doc.n < {lo}"),
            1 => format!("{lo} <= doc.n <= {hi}"),
            _ => format!("doc.n >= {hi}"),
        }
    }

    /// A condition (bool).
    pub fn cond(&mut self, depth: u32) -> String {
        if !self.deeper(depth) {
            return self.atom(depth);
        }
        match self.below(9) {
            0 => format!("not ({})", self.cond(depth + 1)),
            1 | 2 => format!("({} and {})", self.cond(depth + 1), self.cond(depth + 1)),
            3 | 4 => format!("({} or {})", self.cond(depth + 1), self.cond(depth + 1)),
            5 => format!(
                "({} implies {})",
                self.cond(depth + 1),
                self.cond(depth + 1)
            ),
            _ => self.quantified(depth),
        }
    }

    /// `any`/`all` over a list, with an optional `where`; may nest.
    fn quantified(&mut self, depth: u32) -> String {
        let (filter, name, list, binder) = self.binder();
        let q = self.pick(&["any", "all"]);
        self.scope.push((name.clone(), binder));
        let filter_where = if self.below(3) == 0 {
            format!(" where {}", self.cond(depth + 1))
        } else {
            String::new()
        };
        let body = if q == "any" && self.below(3) == 0 {
            String::new()
        } else {
            format!(": {}", self.cond(depth + 1))
        };
        self.scope.pop();
        let body = if q == "all" && body.is_empty() {
            ": true".to_string()
        } else {
            body
        };
        format!("{q}({filter}{name} in {list}{filter_where}{body})")
    }

    /// A condition with no `and`/`or` at its top.
    fn atom(&mut self, depth: u32) -> String {
        match self.below(14) {
            0..=3 => {
                let (a, op, b) = (self.int(depth), self.pick(CMP), self.int(depth));
                format!("{a} {op} {b}")
            }
            4 => {
                let (lo, hi) = (self.below(10), 10 + self.below(10));
                let x = self.int(depth);
                format!("{lo} <= {x} <= {hi}")
            }
            5 => {
                let (a, op, b) = (self.decimal(), self.pick(CMP), self.decimal());
                format!("{a} {op} {b}")
            }
            6 | 7 => {
                let (a, op, b) = (self.date(depth), self.pick(CMP), self.date(depth));
                format!("{a} {op} {b}")
            }
            8 => {
                let l = self.level();
                match self.below(3) {
                    0 => format!("{l} == {}", self.pick(LEVELS)),
                    1 => format!("{l} in {{ {}, {} }}", self.pick(LEVELS), self.pick(LEVELS)),
                    _ => format!("{l} not in {{ {} }}", self.pick(LEVELS)),
                }
            }
            9 => match self.bound(|b| b == Binder::Item) {
                Some((v, _)) => format!("{v}.ok"),
                None => "doc.ok".into(),
            },
            10 => match self.below(4) {
                0 => "present(doc.o)".into(),
                1 => "present(doc.od)".into(),
                2 => format!("doc.o == {}", self.below(8)),
                _ => format!("doc.ol != {}", self.pick(LEVELS)),
            },
            11 => match self.bound(|b| matches!(b, Binder::Part(None))) {
                Some((v, _)) => {
                    let c = self.pick(CASES);
                    if self.below(2) == 0 {
                        format!("{v} is {c}")
                    } else {
                        format!("{v} is not {c}")
                    }
                }
                None => format!("doc.len > {} days", self.below(40)),
            },
            12 => match self.bound(|b| b == Binder::Part(Some(1))) {
                Some((v, _)) => format!("{v}.ok"),
                None if depth < 4 => self.quantified(depth + 1),
                None => "doc.ok".into(),
            },
            // Quantifiers nest at most about five deep (the step budget is fuzzed by the
            // `for each` levels and long lists, not by deeper text).
            _ if depth < 4 => self.quantified(depth + 1),
            _ => "doc.ok".into(),
        }
    }

    /// A whole number.
    fn int(&mut self, depth: u32) -> String {
        let deeper = self.deeper(depth + 1);
        match self.below(if deeper { 12 } else { 6 }) {
            0 => self.below(20).to_string(),
            1 => "doc.n".into(),
            2 => "doc.m".into(),
            3 => match self.bound(|b| b == Binder::Item) {
                Some((v, _)) => format!("{v}.n"),
                None => "doc.n".into(),
            },
            4 => match self.bound(|b| matches!(b, Binder::Part(_))) {
                Some((v, Binder::Part(Some(0)))) if self.below(2) == 0 => format!("{v}.n"),
                Some((v, _)) => format!("{v}.w"),
                None => "doc.m".into(),
            },
            5 => format!("(doc.o ?? {})", self.below(5)),
            6 => format!("({} + {})", self.int(depth + 1), self.int(depth + 1)),
            7 => format!("({} - {})", self.int(depth + 1), self.int(depth + 1)),
            8 => {
                let (filter, name, list, binder) = self.binder();
                self.scope.push((name.clone(), binder));
                let w = if self.below(2) == 0 {
                    format!(" where {}", self.cond(depth + 1))
                } else {
                    String::new()
                };
                self.scope.pop();
                format!("count({filter}{name} in {list}{w})")
            }
            9 => {
                let name = self.name();
                let list = self.pick(&["doc.items", "doc.others"]);
                format!("sum({name} in {list}: {name}.n)")
            }
            10 => format!(
                "if({}, {}, {})",
                self.cond(depth + 1),
                self.int(depth + 1),
                self.int(depth + 1)
            ),
            _ => {
                let f = self.pick(&["highest", "lowest"]);
                format!("{f}({}, {})", self.int(depth + 1), self.int(depth + 1))
            }
        }
    }

    fn decimal(&mut self) -> String {
        match self.below(3) {
            0 => format!("{}.{}", self.below(30), self.below(10)),
            1 => match self.bound(|b| b == Binder::Item) {
                Some((v, _)) => format!("{v}.x"),
                None => "doc.x".into(),
            },
            _ => "doc.x".into(),
        }
    }

    fn date(&mut self, depth: u32) -> String {
        match self.below(7) {
            0 => self.pick(DATES).into(),
            1 => "doc.d".into(),
            2 => "doc.e".into(),
            3 => match self.bound(|b| b == Binder::Item || b == Binder::Part(Some(2))) {
                Some((v, _)) => format!("{v}.d"),
                None => "doc.e".into(),
            },
            4 => format!("(doc.d + {} days)", self.below(60)),
            5 => format!("(doc.od ?? {})", self.pick(DATES)),
            _ => {
                let u = self.pick(&["months", "days", "years"]);
                let base = if depth < 3 {
                    self.date(depth + 1)
                } else {
                    "doc.e".into()
                };
                format!("({base} - {} {u})", 1 + self.below(12))
            }
        }
    }

    fn level(&mut self) -> String {
        match self.below(4) {
            0 => "doc.lvl".into(),
            1 => match self.bound(|b| b == Binder::Item) {
                Some((v, _)) => format!("{v}.lvl"),
                None => "doc.lvl".into(),
            },
            2 => format!("(doc.ol ?? {})", self.pick(LEVELS)),
            _ => format!("Level.{}", self.pick(LEVELS)),
        }
    }
}
