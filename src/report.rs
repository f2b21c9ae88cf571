//! The Report: what a check found, as plain serialisable data. Every face (CLI, WASM, page)
//! renders this same structure; nothing here formats for a screen.

pub use crate::diag::Location;
use crate::diag::{Diagnostic, Severity};
pub use crate::vocab::{HitPolicy, Period, RulebookInfo};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Report {
    /// The rulebooks that made this report, each with its version and a SHA-256 of its text.
    pub rulebooks: Vec<RulebookInfo>,
    /// The rulebook's law date as read from the document (chooses the law in force).
    pub law_date: Option<NaiveDate>,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    pub routes: Vec<RouteDecision>,
    pub values: Vec<DerivedValue>,
    /// How many declarations were in force for this document, and how many were not.
    pub in_force: usize,
    pub not_in_force: usize,
    /// Problems met while evaluating (e.g. a date out of range); rare, never silent.
    pub errors: Vec<Diagnostic>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No finding of any severity.
    Clean,
    /// Only warnings or information.
    Warnings,
    /// At least one error finding (or evaluation error): the document breaks the rules.
    Errors,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Finding {
    /// The rule id; for routes tables `<table>/no-route` or `<table>/overlap`.
    pub rule: String,
    pub kind: FindingKind,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    /// The rule's explanation in plain English: why the law says this, and what would satisfy it.
    pub explain: String,
    pub cite: String,
    pub in_force: Period,
    /// JSON paths into the document that the finding concerns, e.g. `requirements[2].hours_per_day`.
    pub paths: Vec<String>,
    /// The facts that made the rule fire.
    pub trace: Vec<Fact>,
}

/// Whether a finding's rule id names declaration `id`: the id itself, or for a routes table
/// one of its own findings (`<table>/no-route`, `<table>/overlap`).
pub fn names_decl(finding_rule: &str, id: &str) -> bool {
    finding_rule == id
        || finding_rule
            .strip_prefix(id)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Rule,
    Conflict,
    NoRoute,
    Overlap,
}

/// One condition as written in the rule, whether it held, and the values it read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Fact {
    /// The condition as written in the rule (for authors).
    pub text: String,
    /// The same condition in words (for everyone else), in the session's language, fields by their
    /// labels.
    pub words: String,
    pub holds: bool,
    pub values: Vec<FactValue>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FactValue {
    /// The expression as written, e.g. `r.hours_per_day`.
    pub text: String,
    /// The same in words, by the field's label: `“Curfew hours a day”` (`the hours per day` where the
    /// rulebook gives no label).
    pub words: String,
    /// Where it was read in the document, when it was read from one.
    pub path: Option<String>,
    pub value: String,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RouteDecision {
    pub table: String,
    pub title: String,
    pub cite: String,
    pub policy: HitPolicy,
    /// The decision, or `None` when no row (or, under unique/any, no single answer) applies.
    /// Under `collect count` the number of rows that apply; under `collect`, `rule order` and
    /// `output order` the outputs in the policy's order, joined by ", " (see `outputs`).
    pub output: Option<String>,
    /// Under `collect`, `rule order` and `output order`: every matching row's output, in the
    /// policy's order (repeats kept, as the standard keeps them). Empty under other policies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub outputs: Vec<String>,
    /// Why, in words: the output, the row's number and the conditions of the row that held.
    pub reason: String,
    /// Every row whose condition held (1-based, in table order).
    pub matched_rows: Vec<usize>,
    pub trace: Vec<Fact>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DerivedValue {
    pub id: String,
    pub title: String,
    pub cite: String,
    /// For people: `28 June 2025`, `300 hours`, `£250.00`.
    pub display: String,
    /// For programs: the value as it would be written in a document.
    pub value: serde_json::Value,
}

/// The outcome of running a rulebook's own tests.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TestRun {
    pub passed: usize,
    pub failed: usize,
    pub results: Vec<TestResult>,
    pub coverage: Coverage,
}

/// What a rulebook's tests exercised.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Coverage {
    /// Outcomes (true, false) seen across all atomic conditions, of the total possible.
    pub outcomes_seen: usize,
    pub outcomes_total: usize,
    pub declarations: Vec<DeclCoverage>,
    pub atoms: Vec<AtomCoverage>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DeclCoverage {
    pub id: String,
    pub kind: crate::vocab::RuleKind,
    pub in_force: Period,
    pub file: String,
    pub line: u32,
    /// Test documents in which it fired (rules, conflicts), decided (routes) or was derived.
    pub fired: usize,
    /// Test documents in which it was checked and held.
    pub passed: usize,
    /// For routes tables: how many test documents each row matched.
    pub rows_matched: Vec<usize>,
}

impl DeclCoverage {
    /// No test exercises it at all: `probity test` fails on this.
    pub fn untested(&self) -> bool {
        self.fired == 0 && self.passed == 0
    }

    /// What its tests leave unshown: a rule needs a test that triggers it and one that passes
    /// it; every row of a routes table needs a case it takes; a derived value needs one example.
    pub fn gaps(&self) -> Vec<String> {
        use crate::vocab::RuleKind;
        let mut out = Vec::new();
        match self.kind {
            RuleKind::Rule | RuleKind::Conflict => {
                if self.fired == 0 {
                    out.push("no test triggers it".to_string());
                }
                if self.passed == 0 {
                    out.push("no test passes it".to_string());
                }
            }
            RuleKind::Routes => {
                for (i, n) in self.rows_matched.iter().enumerate() {
                    if *n == 0 {
                        out.push(format!("no test takes row {}", i + 1));
                    }
                }
            }
            RuleKind::Derive => {
                if self.fired == 0 {
                    out.push("no test derives it".to_string());
                }
            }
        }
        out
    }
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AtomCoverage {
    pub text: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub seen_true: bool,
    pub seen_false: bool,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TestResult {
    pub name: String,
    pub file: String,
    pub line: u32,
    /// Where the test starts as an offset in UTF-16 code units, as a JavaScript editor counts.
    pub utf16: u32,
    pub passed: bool,
    pub failures: Vec<String>,
}
