//! Eval: an `ir::Program` and a typed document -> a `Report`. Chooses the law in force by the
//! document's dates, runs rules, conflicts, routes tables and derived values, and explains every
//! finding. Never sees JSON or rule text; never fails on a valid document (errors become data).

mod coverage;
mod describe;
mod explain;
pub mod render;
mod rule_tests;
mod value;

pub use describe::{describe, Description, Version, WorkedExample};
pub use rule_tests::run_tests;
pub use value::{add_months, months_between};

use crate::diag::{Diagnostic, Severity};
use crate::ir::{MessagePart, Meta, Node, Program, Value};
use crate::report::{DerivedValue, Finding, FindingKind, Report, RouteDecision, Verdict};
use crate::syntax::ast::HitPolicy;
use coverage::Tally;
use explain::{path_of, root_paths, Explainer, Paths};
use value::{case_of, eval, list, truth, EResult, Env, EvalError};

/// A report holds at most this many findings (see docs/SECURITY.md): a document of thousands of
/// list items could otherwise yield millions (every pair of a conflict) and exhaust memory.
/// Past it, evaluation stops and `Report.errors` says so (R0002).
pub const MAX_FINDINGS: usize = 1_000;

/// Read a JSON document and check it. Documents that do not fit the schema are refused with
/// diagnostics at their JSON paths.
pub fn check_json(program: &Program, json: &serde_json::Value) -> Result<Report, Vec<Diagnostic>> {
    let doc = crate::doc::read(program, json)?;
    Ok(check(program, &doc))
}

/// Check a document already read against the program's schema.
pub fn check(program: &Program, doc: &Value) -> Report {
    run(program, doc, None)
}

/// Check a document and count what it exercised (for rule-test coverage).
fn check_tallied(program: &Program, doc: &Value, tally: &mut Tally) -> Report {
    run(program, doc, Some(tally))
}

fn run(program: &Program, doc: &Value, mut tally: Option<&mut Tally>) -> Report {
    let mut run = Run {
        program,
        doc,
        report: empty_report(program),
        passed_now: false,
        truncated: false,
    };
    run.report.law_date =
        program
            .law_date
            .as_ref()
            .and_then(|n| match eval(n, &mut Env::new(doc, 1)) {
                Ok(Value::Date(d)) => Some(d),
                _ => None,
            });
    for (i, rule) in program.rules.iter().enumerate() {
        if run.in_force(&rule.meta, rule.by.as_ref()) {
            let before = run.report.findings.len();
            run.passed_now = false;
            run.capture(&rule.meta, |r| r.rule(rule, tally.as_deref_mut()));
            if let Some(t) = tally.as_deref_mut().and_then(|t| t.rules.get_mut(i)) {
                t.fired += usize::from(run.report.findings.len() > before);
                t.passed += usize::from(run.passed_now);
            }
        }
    }
    for (i, c) in program.conflicts.iter().enumerate() {
        if run.in_force(&c.meta, c.by.as_ref()) {
            let before = run.report.findings.len();
            run.capture(&c.meta, |r| r.conflict(c, tally.as_deref_mut()));
            if let Some(t) = tally.as_deref_mut().and_then(|t| t.conflicts.get_mut(i)) {
                let fired = run.report.findings.len() > before;
                t.fired += usize::from(fired);
                t.passed += usize::from(!fired);
            }
        }
    }
    for (i, table) in program.routes.iter().enumerate() {
        let applies = || match &table.applies {
            Some(a) => truth(a, &mut Env::new(doc, 1)).unwrap_or(false),
            None => true,
        };
        if run.in_force(&table.meta, table.by.as_ref()) && applies() {
            run.capture(&table.meta, |r| {
                r.routes(table, tally.as_deref_mut().map(|t| (t, i)))
            });
        }
    }
    for (i, d) in program.derives.iter().enumerate() {
        if run.in_force(&d.meta, d.by.as_ref()) {
            let before = run.report.values.len();
            run.capture(&d.meta, |r| r.derive(d));
            if let Some(t) = tally.as_deref_mut().and_then(|t| t.derives.get_mut(i)) {
                t.fired += usize::from(run.report.values.len() > before);
            }
        }
    }
    if run.truncated {
        run.report.errors.push(Diagnostic::error(
            "R0002",
            format!(
                "this document gives more than {MAX_FINDINGS} findings; only the first \
                 {MAX_FINDINGS} are reported"
            ),
        ));
    }
    let r = &mut run.report;
    r.verdict = if !r.errors.is_empty() || r.findings.iter().any(|f| f.severity == Severity::Error)
    {
        Verdict::Errors
    } else if r.findings.is_empty() {
        Verdict::Clean
    } else {
        Verdict::Warnings
    };
    run.report
}

fn empty_report(program: &Program) -> Report {
    Report {
        rulebooks: program.rulebooks.clone(),
        law_date: None,
        verdict: Verdict::Clean,
        findings: Vec::new(),
        routes: Vec::new(),
        values: Vec::new(),
        in_force: 0,
        not_in_force: 0,
        errors: Vec::new(),
    }
}

struct Run<'p> {
    program: &'p Program,
    doc: &'p Value,
    report: Report,
    /// Whether the current rule was checked and held for some binding (coverage only).
    passed_now: bool,
    /// A finding was dropped at MAX_FINDINGS: loops stop early from then on.
    truncated: bool,
}

impl<'p> Run<'p> {
    fn in_force(&mut self, meta: &Meta, by: Option<&'p Node>) -> bool {
        let yes = match by {
            None => true,
            // The date is usually a field of the document: read it in place.
            Some(n) => match value::place(n, &Env::new(self.doc, 1)) {
                Some(Value::Date(d)) => meta.in_force.contains(*d),
                Some(_) => false,
                None => match eval(n, &mut Env::new(self.doc, 1)) {
                    Ok(Value::Date(d)) => meta.in_force.contains(d),
                    _ => false,
                },
            },
        };
        if yes {
            self.report.in_force += 1;
        } else {
            self.report.not_in_force += 1;
        }
        yes
    }

    fn capture(&mut self, meta: &Meta, f: impl FnOnce(&mut Self) -> EResult<()>) {
        if let Err(e) = f(self) {
            let d = Diagnostic::error(
                "R0001",
                format!("`{}` could not be evaluated: {}", meta.id, e.message),
            )
            .at(e.span);
            self.report.errors.push(self.program.sources.locate(d));
        }
    }

    fn message(&self, parts: &'p [MessagePart], env: &mut Env<'p>) -> EResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                MessagePart::Text(t) => out.push_str(t),
                MessagePart::Hole(n) => out.push_str(&render::display(
                    &eval(n, env)?,
                    &n.ty,
                    &self.program.schema,
                )),
            }
        }
        Ok(out)
    }

    /// Keeps a finding unless the report is full (then notes that one was dropped).
    fn push(&mut self, f: Finding) {
        if self.report.findings.len() >= MAX_FINDINGS {
            self.truncated = true;
        } else {
            self.report.findings.push(f);
        }
    }

    fn finding(
        &self,
        meta: &Meta,
        kind: FindingKind,
        message: String,
        trace: Vec<crate::report::Fact>,
        extra_paths: Vec<String>,
    ) -> Finding {
        let mut paths: Vec<String> = Vec::new();
        for p in trace
            .iter()
            .flat_map(|f| f.values.iter().filter_map(|v| v.path.clone()))
            .chain(extra_paths)
        {
            if !p.is_empty() && !paths.contains(&p) {
                paths.push(p);
            }
        }
        Finding {
            rule: meta.id.clone(),
            kind,
            severity: meta.severity,
            title: meta.title.clone(),
            message,
            cite: meta.cite.clone(),
            in_force: meta.in_force,
            paths,
            trace,
        }
    }

    fn rule(&mut self, rule: &'p crate::ir::Rule, mut tally: Option<&mut Tally>) -> EResult<()> {
        let mut env = Env::new(self.doc, rule.slots);
        let mut idx = vec![0usize; rule.binders.len()];
        self.rule_level(rule, 0, &mut env, &mut idx, &mut tally)
    }

    /// Walk every combination of `for each` bindings; test the rule at each.
    fn rule_level(
        &mut self,
        rule: &'p crate::ir::Rule,
        level: usize,
        env: &mut Env<'p>,
        idx: &mut Vec<usize>,
        tally: &mut Option<&mut Tally>,
    ) -> EResult<()> {
        if let Some(b) = rule.binders.get(level) {
            let items = list(&b.list, env)?;
            for (i, item) in items.iter().enumerate() {
                if self.truncated {
                    break;
                }
                if b.case.is_some_and(|c| case_of(item) != Some(c)) {
                    continue;
                }
                env.set(b.slot, item);
                if let Some(x) = idx.get_mut(level) {
                    *x = i;
                }
                self.rule_level(rule, level + 1, env, idx, tally)?;
            }
            return Ok(());
        }
        let applies = match &rule.when {
            Some(w) => truth(w, env)?,
            None => true,
        };
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
        if !broken {
            self.passed_now = true;
            return Ok(());
        }
        // A finding: now work out where, and why.
        let mut paths = root_paths(rule.slots);
        let mut binder_paths = Vec::new();
        for (b, i) in rule.binders.iter().zip(idx.iter()) {
            let p = path_of(&b.list, &paths).map(|p| format!("{p}[{i}]"));
            if let Some(p) = &p {
                binder_paths.push(p.clone());
            }
            if let Some(s) = paths.get_mut(b.slot as usize) {
                *s = p;
            }
        }
        let ex = Explainer {
            program: self.program,
        };
        let mut trace = Vec::new();
        if let Some(w) = &rule.when {
            trace.extend(ex.facts(w, env, &mut paths)?);
        }
        if let Some(r) = &rule.require {
            trace.extend(ex.facts(r, env, &mut paths)?);
        }
        let message = self.message(&rule.message, env)?;
        let extra = if trace
            .iter()
            .any(|f| f.values.iter().any(|v| v.path.is_some()))
        {
            Vec::new()
        } else {
            binder_paths
        };
        let f = self.finding(&rule.meta, FindingKind::Rule, message, trace, extra);
        self.push(f);
        Ok(())
    }

    fn conflict(
        &mut self,
        c: &'p crate::ir::Conflict,
        mut tally: Option<&mut Tally>,
    ) -> EResult<()> {
        let mut env = Env::new(self.doc, c.slots);
        let items = list(&c.list, &env)?;
        let same_case = c.left.1 == c.right.1;
        // Whether an item is of the named case, by the case's name in the schema.
        let variant = match &c.list.ty {
            crate::ir::Type::List(t) => match **t {
                crate::ir::Type::Variant(v, _) => self.program.schema.variant(v),
                _ => None,
            },
            _ => None,
        };
        let is_case = |item: &Value, name: &str| -> bool {
            match (variant, case_of(item)) {
                (Some(v), Some(k)) => v.cases.get(k as usize).is_some_and(|x| x.name == name),
                _ => false,
            }
        };
        for (i, a) in items.iter().enumerate() {
            if !is_case(a, &c.left.1) || self.truncated {
                continue;
            }
            for (j, b) in items.iter().enumerate() {
                if i == j || !is_case(b, &c.right.1) || (same_case && j < i) {
                    continue;
                }
                env.set(c.left.0, a);
                env.set(c.right.0, b);
                if let Some(w) = &c.when {
                    if let Some(t) = tally.as_deref_mut() {
                        t.observe(w, &mut env);
                    }
                    if !truth(w, &mut env)? {
                        continue;
                    }
                }
                let base = path_of(&c.list, &root_paths(1)).unwrap_or_default();
                let (pa, pb) = (format!("{base}[{i}]"), format!("{base}[{j}]"));
                let mut paths: Paths = root_paths(c.slots);
                if let Some(s) = paths.get_mut(c.left.0 as usize) {
                    *s = Some(pa.clone());
                }
                if let Some(s) = paths.get_mut(c.right.0 as usize) {
                    *s = Some(pb.clone());
                }
                let side = |p: &str, case: &str| crate::report::Fact {
                    text: format!("{p} is {}", case.replace('_', " ")),
                    holds: true,
                    values: vec![crate::report::FactValue {
                        text: p.to_string(),
                        path: Some(p.to_string()),
                        value: case.replace('_', " "),
                    }],
                };
                let mut trace = vec![side(&pa, &c.left.1), side(&pb, &c.right.1)];
                if let Some(w) = &c.when {
                    trace.extend(
                        Explainer {
                            program: self.program,
                        }
                        .facts(w, &mut env, &mut paths)?,
                    );
                }
                let message = self.message(&c.message, &mut env)?;
                let f = self.finding(&c.meta, FindingKind::Conflict, message, trace, Vec::new());
                self.push(f);
            }
        }
        Ok(())
    }

    fn routes(
        &mut self,
        t: &'p crate::ir::Routes,
        tally: Option<(&mut Tally, usize)>,
    ) -> EResult<()> {
        let mut env = Env::new(self.doc, t.slots);
        let mut matched = Vec::new();
        for (i, row) in t.rows.iter().enumerate() {
            if truth(&row.condition, &mut env)? {
                matched.push(i);
            }
        }
        if let Some((tally, i)) = tally {
            for row in &t.rows {
                tally.observe(&row.condition, &mut env);
            }
            if let Some(tt) = tally.routes.get_mut(i) {
                for m in &matched {
                    if let Some(n) = tt.rows.get_mut(*m) {
                        *n += 1;
                    }
                }
                tt.fired += usize::from(!matched.is_empty());
            }
        }
        let outputs: Vec<u32> = matched
            .iter()
            .filter_map(|i| t.rows.get(*i).map(|r| r.output))
            .collect();
        let chosen: Option<usize> = match t.policy {
            HitPolicy::First => matched.first().copied(),
            HitPolicy::Priority => matched
                .iter()
                .copied()
                .min_by_key(|i| t.rows.get(*i).map(|r| r.output)),
            HitPolicy::Unique if matched.len() == 1 => matched.first().copied(),
            HitPolicy::Any
                if !outputs.is_empty() && outputs.iter().all(|o| Some(o) == outputs.first()) =>
            {
                matched.first().copied()
            }
            _ => None,
        };
        let out_name = |o: u32| {
            self.program
                .schema
                .enum_def(t.output)
                .and_then(|d| d.values.get(o as usize))
                .cloned()
        };
        let ex = Explainer {
            program: self.program,
        };
        let mut paths = root_paths(t.slots);
        let mut trace = Vec::new();
        if let Some(row) = chosen.and_then(|i| t.rows.get(i)) {
            trace = ex.facts(&row.condition, &mut env, &mut paths)?;
        }
        if matched.is_empty() {
            let mut why = Vec::new();
            for row in &t.rows {
                why.extend(ex.facts(&row.condition, &mut env, &mut paths)?);
            }
            let msg = format!(
                "No row of \"{}\" applies to this case, so nobody is assigned.",
                t.meta.title
            );
            let meta = Meta {
                id: format!("{}/no-route", t.meta.id),
                ..t.meta.clone()
            };
            let f = self.finding(&meta, FindingKind::NoRoute, msg, why, Vec::new());
            self.push(f);
        } else if chosen.is_none() {
            let mut why = Vec::new();
            for i in &matched {
                if let Some(row) = t.rows.get(*i) {
                    why.extend(ex.facts(&row.condition, &mut env, &mut paths)?);
                }
            }
            let rows: Vec<String> = matched.iter().map(|i| format!("{}", i + 1)).collect();
            let names: Vec<String> = outputs
                .iter()
                .filter_map(|o| out_name(*o))
                .map(|s| s.replace('_', " "))
                .collect();
            let policy = if t.policy == HitPolicy::Unique {
                "unique"
            } else {
                "any"
            };
            let msg = format!(
                "Rows {} of \"{}\" all apply ({}), but the table's hit policy is {policy}.",
                rows.join(", "),
                t.meta.title,
                names.join(", ")
            );
            let meta = Meta {
                id: format!("{}/overlap", t.meta.id),
                ..t.meta.clone()
            };
            let f = self.finding(&meta, FindingKind::Overlap, msg, why, Vec::new());
            self.push(f);
        }
        let row = chosen.and_then(|i| t.rows.get(i));
        self.report.routes.push(RouteDecision {
            table: t.meta.id.clone(),
            title: t.meta.title.clone(),
            cite: row
                .and_then(|r| r.cite.clone())
                .unwrap_or_else(|| t.meta.cite.clone()),
            policy: t.policy,
            output: row.and_then(|r| out_name(r.output)),
            matched_rows: matched.iter().map(|i| i + 1).collect(),
            trace,
        });
        Ok(())
    }

    fn derive(&mut self, d: &'p crate::ir::Derive) -> EResult<()> {
        let mut env = Env::new(self.doc, d.slots);
        if let Some(w) = &d.when {
            if !truth(w, &mut env)? {
                return Ok(());
            }
        }
        let v = eval(&d.value, &mut env)?;
        let schema = &self.program.schema;
        self.report.values.push(DerivedValue {
            id: d.meta.id.clone(),
            title: d.meta.title.clone(),
            cite: d.meta.cite.clone(),
            display: render::display(&v, &d.value.ty, schema),
            value: render::json(&v, &d.value.ty, schema),
        });
        Ok(())
    }
}

impl From<EvalError> for Diagnostic {
    fn from(e: EvalError) -> Diagnostic {
        Diagnostic::error("R0001", e.message).at(e.span)
    }
}
