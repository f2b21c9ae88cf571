//! What Rust generated from a plan (`probity compile`, see `emit`) runs on: a `Run` that
//! holds one check's decision as it is built, the few operations the generated code calls on
//! it, and what the plan needs to decide a declaration itself. (The generated code keeps the
//! per-document masks, remembered tests and version dates in locals of its own.) A generated
//! module is bound to the rulebook it came from by a fingerprint of its code: `Native::new`
//! refuses a module that the plan would no longer generate word for word, so generated code can
//! never decide a different program than the one it is used with. Any declaration the generated
//! code cannot finish goes back to the plan, and from there to the reference evaluator, exactly
//! as in `Plan::decide_into`.

use super::{emit, Plan};
use crate::eval::decide::{Decider, Decision, Decl};
use crate::eval::value::Env;
use crate::ir::Program;
use crate::report::Report;

pub use crate::diag::Severity;
pub use crate::eval::value::case_of;
pub use crate::ir::{Cmp, Value};
pub use chrono::NaiveDate;
pub use rust_decimal::Decimal;
pub use std::borrow::Cow;

/// A generated module, as its `MODULE` constant describes it.
#[derive(Clone, Copy)]
pub struct Module {
    /// The fingerprint of the generated code (see `emit::rust`).
    pub fingerprint: &'static str,
    /// Decides every step in force; answers how many were.
    pub decide: for<'a, 'o> fn(&mut Run<'a, 'o>) -> usize,
}

/// A generated module that was made from this program by this version of probity.
pub struct Native<'p> {
    plan: Plan<'p>,
    decide: for<'a, 'o> fn(&mut Run<'a, 'o>) -> usize,
}

/// The module was generated from another rulebook, or by another version of probity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub expected: String,
    pub found: String,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the generated module does not match this rulebook (fingerprint {}, expected {}): \
             generate it again with `probity compile`",
            self.found, self.expected
        )
    }
}

impl std::error::Error for Stale {}

impl<'p> Native<'p> {
    pub fn new(program: &'p Program, module: &Module) -> Result<Native<'p>, Stale> {
        let plan = Plan::new(program);
        let expected = emit::fingerprint(&plan);
        if expected != module.fingerprint {
            return Err(Stale {
                expected,
                found: module.fingerprint.to_string(),
            });
        }
        Ok(Native {
            plan,
            decide: module.decide,
        })
    }

    /// Decide into a reused `Decision` (cleared first): the same decision as `Plan::decide_into`.
    pub fn decide_into<'a>(&'a self, doc: &'a Value, out: &mut Decision) {
        out.clear();
        let mut run = Run {
            plan: &self.plan,
            doc,
            decider: Decider {
                program: self.plan.program,
                out,
                passed_now: false,
            },
            env: None,
        };
        let in_force = (self.decide)(&mut run);
        let out = run.decider.out;
        out.in_force = in_force;
        out.not_in_force = self.plan.steps.len().saturating_sub(in_force);
    }

    pub fn decide(&self, doc: &Value) -> Decision {
        let mut d = Decision::default();
        self.decide_into(doc, &mut d);
        d
    }

    /// Decide and describe: the same report as `eval::check`.
    pub fn check(&self, doc: &Value) -> Report {
        crate::eval::report(self.plan.program, doc, &self.decide(doc))
    }
}

/// One check in progress: the decision being built, and what the plan needs to decide a step
/// the generated code leaves to it.
pub struct Run<'a, 'o> {
    plan: &'a Plan<'a>,
    doc: &'a Value,
    decider: Decider<'a, 'o>,
    /// Made when the plan first needs it.
    env: Option<Env<'a>>,
}

impl<'a> Run<'a, '_> {
    /// The document being checked.
    #[inline]
    pub fn document(&self) -> &'a Value {
        self.doc
    }

    #[inline]
    pub fn set_law_date(&mut self, date: Option<NaiveDate>) {
        self.decider.out.law_date = date;
    }

    /// The rulebook's law date where it is not a field of the document.
    #[inline(never)]
    pub fn law_date_by_plan(&mut self) -> Option<NaiveDate> {
        let n = self.plan.program.law_date.as_ref()?;
        let env = self
            .env
            .get_or_insert_with(|| Env::new(self.doc, self.plan.slots));
        self.decider.date(n, env)
    }

    /// `Program::dates[k]` where it is not a field of the document.
    #[inline(never)]
    pub fn date_by_plan(&mut self, k: usize) -> Option<NaiveDate> {
        let n = self.plan.program.dates.get(k)?;
        let env = self
            .env
            .get_or_insert_with(|| Env::new(self.doc, self.plan.slots));
        self.decider.date(n, env)
    }

    /// Whether step `k` is in force, for a step whose date is not one of `Program::dates`.
    #[inline(never)]
    pub fn in_force_by_plan(&mut self, k: usize) -> bool {
        let Some(when) = self.plan.in_force.get(k) else {
            return false;
        };
        let env = self
            .env
            .get_or_insert_with(|| Env::new(self.doc, self.plan.slots));
        when.holds(&mut self.decider, env)
    }

    /// The findings limit was reached.
    #[inline]
    pub fn truncated(&self) -> bool {
        self.decider.out.truncated
    }

    #[inline]
    pub fn hit_rule(&mut self, index: u32, severity: Severity, items: &[u32]) {
        self.decider.hit(Decl::Rule(index), severity, items);
    }

    #[inline]
    pub fn hit_conflict(&mut self, index: u32, severity: Severity, items: &[u32]) {
        self.decider.hit(Decl::Conflict(index), severity, items);
    }

    /// Where the matching rows of the routes table being decided start.
    #[inline]
    pub fn rows_start(&self) -> usize {
        self.decider.out.rows.len()
    }

    #[inline]
    pub fn row_matched(&mut self, row: u32) {
        self.decider.out.rows.push(row);
    }

    /// Chooses the outcome of routes table `index` from the rows matched since `start`.
    pub fn settle(&mut self, index: u32, start: usize) {
        if let Some(t) = self.plan.program.routes.get(index as usize) {
            self.decider.settle(index, t, start);
        }
    }

    /// `step` for a rule or conflict, whose generated code only adds hits.
    #[inline]
    pub fn step_hits(
        &mut self,
        k: usize,
        masks: &[u64],
        generated: impl FnOnce(&mut Self) -> Option<()>,
    ) {
        let mark = self.decider.out.hit_mark();
        if generated(self).is_none() {
            self.decider.out.rollback_hits(mark);
            self.by_plan(k, masks);
        }
    }

    /// Runs the generated code for step `k` (in force); when it gives up (`None`), undoes what
    /// it did and lets the plan decide the step. `masks`: the plan's per-document masks.
    #[inline]
    pub fn step(
        &mut self,
        k: usize,
        masks: &[u64],
        generated: impl FnOnce(&mut Self) -> Option<()>,
    ) {
        let mark = self.decider.out.mark();
        if generated(self).is_none() {
            self.decider.out.rollback(mark);
            self.by_plan(k, masks);
        }
    }

    /// Step `k` (in force) decided by the plan.
    #[inline(never)]
    pub fn by_plan(&mut self, k: usize, masks: &[u64]) {
        let plan = self.plan;
        let Some(step) = plan.steps.get(k) else {
            return;
        };
        let env = self
            .env
            .get_or_insert_with(|| Env::new(self.doc, plan.slots));
        plan.step(step, &mut self.decider, env, masks);
    }
}

/// Which cases (or enum values) a list holds, as the plan summarises it.
#[inline]
pub fn mask_of(list: Option<&Value>) -> u64 {
    super::mask_of(list)
}

/// A date as the plan reads one that chooses versions: `Some(None)` when it is not a date,
/// and `None` when the place is not there (then the plan reads it).
#[inline]
pub fn date_at(v: Option<&Value>) -> Option<Option<NaiveDate>> {
    match v {
        Some(Value::Date(d)) => Some(Some(*d)),
        Some(_) => Some(None),
        None => None,
    }
}

/// Field `i` of a record or variant.
#[inline(always)]
pub fn field(v: &Value, i: u32) -> Option<&Value> {
    super::field(v, i)
}

/// A value read for a comparison, times its unit factor (`None`: it overflows, or is not a
/// number to scale).
#[inline]
pub fn scaled(v: &Value, scale: i64) -> Option<Cow<'_, Value>> {
    super::scaled(v, scale)
}

/// Two operands compared as the plan compares them (`None`: they cannot be compared).
#[inline]
pub fn compare(x: &Value, op: Cmp, y: &Value) -> Option<bool> {
    super::compare_read(x, op, y)
}

/// The sign of a decimal: -1, 0 or 1 (as it compares with zero).
#[inline]
pub fn sign(x: &Decimal) -> i8 {
    if x.is_zero() {
        0
    } else if x.is_sign_negative() {
        -1
    } else {
        1
    }
}

/// Field `i` of the document, which is a record (one test fewer than `field`).
#[inline(always)]
pub fn record(v: &Value, i: u32) -> Option<&Value> {
    match v {
        Value::Record(fields) => fields.get(i as usize),
        _ => None,
    }
}

/// A date constant (`NaiveDate::MIN` for a date that cannot be, which `emit` never writes).
pub const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}
