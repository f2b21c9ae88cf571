//! Deciding: which declarations a document breaks and where, before a word is written. A
//! `Decision` holds declaration indices and list indices only; `super::report` turns it into
//! findings with messages, paths and explanations. Callers that need only the verdict (the
//! explorer's sweep, batch counts, benches) stop here and pay for no text at all.

use super::budget::{Budget, Of};
use super::coverage::Tally;
use super::value::{case_of, eval, list, place, truth, EResult, Env, EvalError};
use super::MAX_FINDINGS;
use crate::diag::{Diagnostic, Severity};
use crate::ir::{Meta, Node, Program, Rule, Value};
use crate::report::Verdict;
use crate::vocab::HitPolicy;
use chrono::NaiveDate;

/// The declaration a hit belongs to, by its index in the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decl {
    Rule(u32),
    Conflict(u32),
    /// No row of this routes table applies.
    NoRoute(u32),
    /// Several rows of this table apply and its hit policy (`unique`, `any`) allows no single
    /// answer. Never under the multiple-hit policies, which answer from all of them.
    Overlap(u32),
}

/// One finding, undescribed: which declaration and, for a rule with `for each`, the list index
/// bound at each level (for a conflict, the two items).
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub decl: Decl,
    items: (u32, u32),
}

/// What one routes table decided.
#[derive(Clone, Copy, Debug)]
pub struct RouteOutcome {
    pub table: u32,
    rows: (u32, u32),
    /// The row chosen (0-based), or none.
    pub chosen: Option<u32>,
}

/// Everything a check decides, kept as indices. Reusable: `decide_into` clears it and keeps
/// its buffers, so deciding many documents in a row allocates nothing once they have grown.
#[derive(Clone, Debug, Default)]
pub struct Decision {
    pub law_date: Option<NaiveDate>,
    pub hits: Vec<Hit>,
    pub(super) items: Vec<u32>,
    pub routes: Vec<RouteOutcome>,
    pub(super) rows: Vec<u32>,
    /// The derived values in force whose `when` held: (index, value).
    pub derives: Vec<(u32, Value)>,
    pub in_force: usize,
    pub not_in_force: usize,
    /// Evaluation failures (R0001), each already located.
    pub errors: Vec<Diagnostic>,
    /// A hit was dropped at `MAX_FINDINGS`.
    pub truncated: bool,
    /// The rules (indices into `Program::rules`, in order, once each) that applied to the
    /// document, found on the way: in force, and with a binding of their `for each` at which
    /// their `when` held (a rule without `when` or without `require` applies at every binding).
    /// Complete only for a decision without errors or a dropped hit (see `applied::applied`);
    /// noted by the reference evaluator and the plan, not by generated Rust (`plan::native`).
    pub applied: Vec<u32>,
    pub(super) errors_found: bool,
    /// `Program::dates` as read from this document (`None`: not read yet).
    pub(super) dates: Vec<Option<Option<NaiveDate>>>,
    /// Scratch: the list index at each `for each` level of the rule being walked.
    pub(super) levels: Vec<u32>,
    /// Scratch for `super::plan`: which cases (or enum values) each indexed list holds.
    pub(super) masks: Vec<u64>,
    /// Scratch for `super::plan`: answers of document-level tests shared by several rules
    /// (0: not decided yet, 1: false, 2: true).
    pub(super) memo: Vec<u8>,
    /// Scratch for `super::plan`: which of its steps are in force for this document.
    pub(super) active: Vec<u64>,
}

/// Two decisions are equal when they decide the same: hits with their items, routes with the
/// rows that matched, derived values, counts, errors. Scratch buffers are not compared.
impl PartialEq for Decision {
    fn eq(&self, other: &Decision) -> bool {
        let hits = |d: &Decision| -> Vec<(Decl, Vec<u32>)> {
            d.hits
                .iter()
                .map(|h| (h.decl, d.items(h).to_vec()))
                .collect()
        };
        let routes = |d: &Decision| -> Vec<(u32, Option<u32>, Vec<u32>)> {
            d.routes
                .iter()
                .map(|r| (r.table, r.chosen, d.matched_rows(r).to_vec()))
                .collect()
        };
        self.law_date == other.law_date
            && hits(self) == hits(other)
            && routes(self) == routes(other)
            && self.derives == other.derives
            && self.in_force == other.in_force
            && self.not_in_force == other.not_in_force
            && self.errors == other.errors
            && self.truncated == other.truncated
            && self.verdict() == other.verdict()
    }
}

/// How far a decision had got, to undo one declaration's partial work.
#[derive(Clone, Copy)]
pub(super) struct Mark {
    hits: usize,
    items: usize,
    routes: usize,
    rows: usize,
    derives: usize,
    applied: usize,
    truncated: bool,
    errors_found: bool,
}

/// Where a decision stood before a rule or conflict, which only adds hits.
pub(super) struct HitMark {
    hits: usize,
    items: usize,
    truncated: bool,
    errors_found: bool,
}

impl Decision {
    /// The list indices bound by a hit: one per `for each` level, or a conflict's two items.
    pub fn items(&self, hit: &Hit) -> &[u32] {
        self.items
            .get(hit.items.0 as usize..hit.items.1 as usize)
            .unwrap_or(&[])
    }

    /// The rows of a table whose condition held (0-based, in table order).
    pub fn matched_rows(&self, outcome: &RouteOutcome) -> &[u32] {
        self.rows
            .get(outcome.rows.0 as usize..outcome.rows.1 as usize)
            .unwrap_or(&[])
    }

    /// The outcome of table `t`, when it was in force and applied.
    pub fn route(&self, table: u32) -> Option<&RouteOutcome> {
        self.routes.iter().find(|r| r.table == table)
    }

    /// The verdict the report will carry (a truncated decision is an error there too: R0002).
    pub fn verdict(&self) -> Verdict {
        if self.errors_found || self.truncated || !self.errors.is_empty() {
            Verdict::Errors
        } else if self.hits.is_empty() {
            Verdict::Clean
        } else {
            Verdict::Warnings
        }
    }

    pub(super) fn mark(&self) -> Mark {
        Mark {
            hits: self.hits.len(),
            items: self.items.len(),
            routes: self.routes.len(),
            rows: self.rows.len(),
            derives: self.derives.len(),
            applied: self.applied.len(),
            truncated: self.truncated,
            errors_found: self.errors_found,
        }
    }

    #[inline]
    pub(super) fn hit_mark(&self) -> HitMark {
        HitMark {
            hits: self.hits.len(),
            items: self.items.len(),
            truncated: self.truncated,
            errors_found: self.errors_found,
        }
    }

    pub(super) fn rollback_hits(&mut self, m: HitMark) {
        self.hits.truncate(m.hits);
        self.items.truncate(m.items);
        self.truncated = m.truncated;
        self.errors_found = m.errors_found;
    }

    pub(super) fn rollback(&mut self, m: Mark) {
        self.hits.truncate(m.hits);
        self.items.truncate(m.items);
        self.routes.truncate(m.routes);
        self.rows.truncate(m.rows);
        self.derives.truncate(m.derives);
        self.applied.truncate(m.applied);
        self.truncated = m.truncated;
        self.errors_found = m.errors_found;
    }

    pub(super) fn clear(&mut self) {
        self.law_date = None;
        self.hits.clear();
        self.items.clear();
        self.routes.clear();
        self.rows.clear();
        self.derives.clear();
        self.applied.clear();
        self.in_force = 0;
        self.not_in_force = 0;
        self.errors.clear();
        self.truncated = false;
        self.errors_found = false;
        self.dates.clear();
    }
}

/// Decide a document already read against the program's schema.
pub fn decide(program: &Program, doc: &Value) -> Decision {
    let mut d = Decision::default();
    decide_into(program, doc, &mut d, None);
    d
}

/// Decide into a reused `Decision` (cleared first); with a tally, count what was exercised.
pub fn decide_into(
    program: &Program,
    doc: &Value,
    out: &mut Decision,
    mut tally: Option<&mut Tally>,
) {
    out.clear();
    out.dates.resize(program.dates.len(), None);
    let env = &mut Env::new(doc, slots(program));
    let mut run = Decider {
        program,
        out,
        passed_now: false,
    };
    run.out.law_date = program.law_date.as_ref().and_then(|n| run.date(n, env));
    let budget = Budget::for_document(doc);
    for (i, rule) in program.rules.iter().enumerate() {
        if run.in_force(&rule.meta, rule.by.as_ref(), env) {
            if run.over_budget(budget.as_ref(), Of::Rule(i)) {
                continue;
            }
            let before = run.out.hits.len();
            run.passed_now = false;
            let r = run.rule(i as u32, rule, env, tally.as_deref_mut());
            run.capture(&rule.meta, r);
            if let Some(t) = tally.as_deref_mut().and_then(|t| t.rules.get_mut(i)) {
                t.fired += usize::from(run.out.hits.len() > before);
                t.passed += usize::from(run.passed_now);
            }
        }
    }
    for (i, c) in program.conflicts.iter().enumerate() {
        if run.in_force(&c.meta, c.by.as_ref(), env) {
            if run.over_budget(budget.as_ref(), Of::Conflict(i)) {
                continue;
            }
            let before = run.out.hits.len();
            let r = run.conflict(i as u32, c, env, tally.as_deref_mut());
            run.capture(&c.meta, r);
            if let Some(t) = tally.as_deref_mut().and_then(|t| t.conflicts.get_mut(i)) {
                let fired = run.out.hits.len() > before;
                t.fired += usize::from(fired);
                t.passed += usize::from(!fired);
            }
        }
    }
    for (i, table) in program.routes.iter().enumerate() {
        if run.in_force(&table.meta, table.by.as_ref(), env)
            && !run.over_budget(budget.as_ref(), Of::Routes(i))
            && run.applies(table.applies.as_ref(), env)
        {
            let r = run.routes(i as u32, table, env, tally.as_deref_mut());
            run.capture(&table.meta, r);
        }
    }
    for (i, d) in program.derives.iter().enumerate() {
        if run.in_force(&d.meta, d.by.as_ref(), env) {
            if run.over_budget(budget.as_ref(), Of::Derive(i)) {
                continue;
            }
            let before = run.out.derives.len();
            let r = run.derive(i as u32, d, env);
            run.capture(&d.meta, r);
            if let Some(t) = tally.as_deref_mut().and_then(|t| t.derives.get_mut(i)) {
                t.fired += usize::from(run.out.derives.len() > before);
            }
        }
    }
}

/// One set of slots serves the whole check: slot 0 is the document; every declaration binds
/// its other slots before reading them.
pub(super) fn slots(program: &Program) -> u32 {
    program
        .rules
        .iter()
        .map(|r| r.slots)
        .chain(program.conflicts.iter().map(|c| c.slots))
        .chain(program.routes.iter().map(|t| t.slots))
        .chain(program.derives.iter().map(|d| d.slots))
        .max()
        .unwrap_or(1)
}

/// The reference evaluator, one declaration at a time. `super::plan` runs the same steps
/// faster and hands any declaration it cannot finish back to these methods.
pub(super) struct Decider<'p, 'o> {
    pub(super) program: &'p Program,
    pub(super) out: &'o mut Decision,
    /// Whether the current rule was checked and held for some binding (coverage only).
    pub(super) passed_now: bool,
}

impl<'p> Decider<'p, '_> {
    pub(super) fn date(&mut self, n: &'p Node, env: &mut Env<'p>) -> Option<NaiveDate> {
        // The date is usually a field of the document: read it in place.
        match place(n, env) {
            Some(Value::Date(d)) => Some(*d),
            Some(_) => None,
            None => match eval(n, env) {
                Ok(Value::Date(d)) => Some(d),
                _ => None,
            },
        }
    }

    pub(super) fn in_force(
        &mut self,
        meta: &'p Meta,
        by: Option<&'p Node>,
        env: &mut Env<'p>,
    ) -> bool {
        let yes = match by {
            None => true,
            Some(n) => {
                // Versions chosen by the same date share `meta.date`: read it once per check.
                let slot = meta
                    .date
                    .and_then(|k| self.out.dates.get(k as usize).copied());
                let date = match slot {
                    Some(Some(read)) => read,
                    _ => {
                        let read = self.date(n, env);
                        if let Some(s) = meta.date.and_then(|k| self.out.dates.get_mut(k as usize))
                        {
                            *s = Some(read);
                        }
                        read
                    }
                };
                date.is_some_and(|d| meta.in_force.contains(d))
            }
        };
        if yes {
            self.out.in_force += 1;
        } else {
            self.out.not_in_force += 1;
        }
        yes
    }

    pub(super) fn applies(&mut self, condition: Option<&'p Node>, env: &mut Env<'p>) -> bool {
        match condition {
            Some(a) => truth(a, env).unwrap_or(false),
            None => true,
        }
    }

    /// Whether declaration `of` would take more than the step budget on this document; if so
    /// the R0003 error is recorded and the declaration must not be decided.
    pub(super) fn over_budget(&mut self, budget: Option<&Budget<'_>>, of: Of) -> bool {
        match budget.and_then(|b| b.exceeded(self.program, of)) {
            Some(d) => {
                self.out.errors.push(d);
                true
            }
            None => false,
        }
    }

    pub(super) fn capture(&mut self, meta: &Meta, result: EResult<()>) {
        if let Err(e) = result {
            self.out
                .errors
                .push(evaluation_error(self.program, meta, e));
        }
    }

    /// Notes that rule `i` applied (once: a rule is decided in one go).
    #[inline]
    pub(super) fn applied(&mut self, i: u32) {
        if self.out.applied.last() != Some(&i) {
            self.out.applied.push(i);
        }
    }

    /// Keeps a hit unless the decision is full (then notes that one was dropped).
    #[inline]
    pub(super) fn hit(&mut self, decl: Decl, severity: Severity, items: &[u32]) {
        if self.out.hits.len() >= MAX_FINDINGS {
            self.out.truncated = true;
            return;
        }
        let start = self.out.items.len() as u32;
        // One or two items, usually: pushing them beats a call to copy them.
        for &i in items {
            self.out.items.push(i);
        }
        let end = self.out.items.len() as u32;
        self.out.hits.push(Hit {
            decl,
            items: (start, end),
        });
        self.out.errors_found |= severity == Severity::Error;
    }

    pub(super) fn rule(
        &mut self,
        i: u32,
        rule: &'p Rule,
        env: &mut Env<'p>,
        mut tally: Option<&mut Tally>,
    ) -> EResult<()> {
        self.out.levels.clear();
        self.out.levels.resize(rule.binders.len(), 0);
        self.rule_level(i, rule, 0, env, &mut tally)
    }

    /// Walk every combination of `for each` bindings; test the rule at each.
    fn rule_level(
        &mut self,
        i: u32,
        rule: &'p Rule,
        level: usize,
        env: &mut Env<'p>,
        tally: &mut Option<&mut Tally>,
    ) -> EResult<()> {
        if let Some(b) = rule.binders.get(level) {
            let items = list(&b.list, env)?;
            for (k, item) in items.iter().enumerate() {
                if self.out.truncated {
                    break;
                }
                if b.case.is_some_and(|c| case_of(item) != Some(c)) {
                    continue;
                }
                env.set(b.slot, item);
                if let Some(x) = self.out.levels.get_mut(level) {
                    *x = k as u32;
                }
                self.rule_level(i, rule, level + 1, env, tally)?;
            }
            return Ok(());
        }
        let applies = match &rule.when {
            Some(w) => truth(w, env)?,
            None => true,
        };
        if applies || rule.require.is_none() {
            self.applied(i);
        }
        if !applies {
            if let (Some(t), Some(w)) = (tally.as_deref_mut(), &rule.when) {
                t.observe(w, env);
            }
            // A prohibition (`when` alone) holds wherever its condition does not.
            self.passed_now |= rule.require.is_none();
            return Ok(());
        }
        let broken = match &rule.require {
            Some(r) => !truth(r, env)?,
            None => true,
        };
        if let Some(t) = tally.as_deref_mut() {
            for cond in rule.when.iter().chain(rule.require.iter()) {
                t.observe(cond, env);
            }
        }
        if broken {
            let levels = std::mem::take(&mut self.out.levels);
            self.hit(Decl::Rule(i), rule.meta.severity, &levels);
            self.out.levels = levels;
        } else {
            self.passed_now = true;
        }
        Ok(())
    }

    pub(super) fn conflict(
        &mut self,
        index: u32,
        c: &'p crate::ir::Conflict,
        env: &mut Env<'p>,
        mut tally: Option<&mut Tally>,
    ) -> EResult<()> {
        let items = list(&c.list, env)?;
        let Some((left, right)) = c.cases(&self.program.schema) else {
            return Ok(());
        };
        // Each left item is paired with the right side's items only, found once, so the work is
        // what the step budget counts (`budget::Budget`): the list once, then left x right pairs.
        let rights = items_of_case(items, right);
        if rights.is_empty() {
            return Ok(());
        }
        for (i, a) in items.iter().enumerate() {
            if case_of(a) != Some(left) || self.out.truncated {
                continue;
            }
            for &(j, b) in &rights {
                if i == j || (left == right && j < i) {
                    continue;
                }
                env.set(c.left.0, a);
                env.set(c.right.0, b);
                if let Some(w) = &c.when {
                    if let Some(t) = tally.as_deref_mut() {
                        t.observe(w, env);
                    }
                    if !truth(w, env)? {
                        continue;
                    }
                }
                self.hit(
                    Decl::Conflict(index),
                    c.meta.severity,
                    &[i as u32, j as u32],
                );
            }
        }
        Ok(())
    }

    pub(super) fn routes(
        &mut self,
        index: u32,
        t: &'p crate::ir::Routes,
        env: &mut Env<'p>,
        tally: Option<&mut Tally>,
    ) -> EResult<()> {
        let start = self.out.rows.len();
        for (i, row) in t.rows.iter().enumerate() {
            if truth(&row.condition, env)? {
                self.out.rows.push(i as u32);
            }
        }
        if let Some(tally) = tally {
            for row in &t.rows {
                tally.observe(&row.condition, env);
            }
            if let Some(tt) = tally.routes.get_mut(index as usize) {
                let matched = self.out.rows.get(start..).unwrap_or(&[]);
                for m in matched {
                    if let Some(n) = tt.rows.get_mut(*m as usize) {
                        *n += 1;
                    }
                }
                tt.fired += usize::from(!matched.is_empty());
            }
        }
        self.settle(index, t, start);
        Ok(())
    }

    /// Chooses a table's answer from the rows that matched (`rows[start..]`) by its hit policy,
    /// and records the outcome: no row, or several rows the policy cannot settle, is a hit.
    pub(super) fn settle(&mut self, index: u32, t: &crate::ir::Routes, start: usize) {
        let matched = self.out.rows.get(start..).unwrap_or(&[]);
        let output = |i: &u32| t.rows.get(*i as usize).map(|r| r.output);
        let chosen = match t.policy {
            HitPolicy::First => matched.first().copied(),
            HitPolicy::Priority | HitPolicy::CollectMax => {
                matched.iter().copied().min_by_key(output)
            }
            // The lowest output is the value declared last; of equals, the first row.
            HitPolicy::CollectMin => matched.iter().rev().copied().max_by_key(output),
            // The answer is made from every matching row; the first stands for them.
            HitPolicy::Collect
            | HitPolicy::CollectSum
            | HitPolicy::CollectCount
            | HitPolicy::RuleOrder
            | HitPolicy::OutputOrder => matched.first().copied(),
            HitPolicy::Unique if matched.len() == 1 => matched.first().copied(),
            HitPolicy::Any
                if !matched.is_empty()
                    && matched
                        .iter()
                        .all(|i| output(i) == matched.first().and_then(output)) =>
            {
                matched.first().copied()
            }
            _ => None,
        };
        let none_matched = matched.is_empty();
        self.out.routes.push(RouteOutcome {
            table: index,
            rows: (start as u32, self.out.rows.len() as u32),
            chosen,
        });
        if none_matched {
            self.hit(Decl::NoRoute(index), t.meta.severity, &[]);
        } else if chosen.is_none() {
            self.hit(Decl::Overlap(index), t.meta.severity, &[]);
        }
    }

    pub(super) fn derive(
        &mut self,
        index: u32,
        d: &'p crate::ir::Derive,
        env: &mut Env<'p>,
    ) -> EResult<()> {
        if let Some(w) = &d.when {
            if !truth(w, env)? {
                return Ok(());
            }
        }
        let v = eval(&d.value, env)?;
        self.out.derives.push((index, v));
        Ok(())
    }
}

/// An evaluation failure as a located R0001 diagnostic naming the declaration.
pub fn evaluation_error(program: &Program, meta: &Meta, e: EvalError) -> Diagnostic {
    let d = Diagnostic::error(
        "R0001",
        format!("`{}` could not be evaluated: {}", meta.id, e.message),
    )
    .at(e.span);
    program.sources.locate(d)
}

/// The items of one case in a list, with their indices, in order: the pairs a conflict visits.
pub(super) fn items_of_case(items: &[Value], case: u32) -> Vec<(usize, &Value)> {
    items
        .iter()
        .enumerate()
        .filter(|(_, v)| case_of(v) == Some(case))
        .collect()
}
