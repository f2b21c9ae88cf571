//! Eval: an `ir::Program` and a typed document -> a `Report`. Chooses the law in force by the
//! document's dates, runs rules, conflicts, routes tables and derived values (`decide`), then
//! describes every finding: message, paths and the facts that decided it (`report` below).
//! Never sees JSON or rule text; never fails on a valid document (errors become data).

mod applied;
mod budget;
mod coverage;
mod decide;
mod describe;
mod explain;
mod plan;
pub mod render;
mod rule_tests;
mod value;
pub mod words;

pub use budget::STEP_LIMIT;
pub use decide::{decide, decide_into, Decision, Decl, Hit, RouteOutcome};
pub use describe::{describe, Description, Version, WorkedExample};
pub use plan::{native, Plan};
pub use rule_tests::run_tests;
pub use value::{add_months, fold, months_between};

use crate::diag::{Diagnostic, Severity};
use crate::ir::{MessagePart, Meta, Program, Value};
use crate::report::{
    DerivedValue, Fact, FactValue, Finding, FindingKind, Report, RouteDecision, Verdict,
};
use crate::vocab::HitPolicy;
use coverage::Tally;
use decide::evaluation_error;
use explain::{push_index, root_paths, write_path, Detail, Explainer, Paths};
use value::{eval, list, EResult, Env, EvalError};

/// A report holds at most this many findings (see docs/SECURITY.md): a document of thousands of
/// list items could otherwise yield millions (every pair of a conflict) and exhaust memory.
/// Past it, evaluation stops and `Report.errors` says so (R0002).
pub const MAX_FINDINGS: usize = 1_000;

/// The value of one expression with the document in slot 0 and `bound` in the binder slots it
/// reads (the explorer solves a rule's boundary from it); `None` when it cannot be evaluated.
pub(crate) fn value_with<'a>(
    node: &'a crate::ir::Node,
    document: &'a Value,
    bound: &[(u32, &'a Value)],
) -> Option<Value> {
    let slots = bound
        .iter()
        .map(|(s, _)| s.saturating_add(1))
        .max()
        .unwrap_or(1);
    let mut env = Env::new(document, slots);
    for (slot, v) in bound {
        env.set(*slot, v);
    }
    eval(node, &mut env).ok()
}

/// Read a JSON document and check it. Documents that do not fit the schema are refused with
/// diagnostics at their JSON paths.
pub fn check_json(program: &Program, json: &serde_json::Value) -> Result<Report, Vec<Diagnostic>> {
    let doc = crate::doc::read(program, json)?;
    Ok(check(program, &doc))
}

/// `check_json` without the words of its explanations (`check_without_words`): for the
/// analysis, which re-checks each witness it gives and reads only the verdict, which rules fired
/// and which rows matched. (The page's lint module then carries none of the explanations' words:
/// issue 23, docs/PERFORMANCE.md.)
pub fn check_json_without_words(
    program: &Program,
    json: &serde_json::Value,
) -> Result<Report, Vec<Diagnostic>> {
    let doc = crate::doc::read(program, json)?;
    Ok(check_without_words(program, &doc))
}

/// The value of one expression on a document already read (`slots`: the binder slots of the
/// declaration it is written in), `None` where evaluating it fails: for the analysis, which
/// re-checks a witness against a named value (`let`) written out in a declaration.
pub fn value_of(node: &crate::ir::Node, doc: &Value, slots: u32) -> Option<Value> {
    let mut env = Env::new(doc, slots);
    eval(node, &mut env).ok()
}

/// Check a document already read against the program's schema: decide, then describe.
pub fn check(program: &Program, doc: &Value) -> Report {
    report(program, doc, &decide(program, doc))
}

/// `check` without the words of its explanations: the same verdict, findings (rules, paths,
/// messages, facts with their text, values and places), routes and errors, but each fact's
/// `words` and each route's `reason` left empty. For callers that only ask which rules fire
/// where, many times over (the explorer scores every candidate edit with it): the words were
/// most of the cost of a check.
pub fn check_without_words(program: &Program, doc: &Value) -> Report {
    report_with(program, doc, &decide(program, doc), Detail::Text)
}

/// `check` cut down to which findings there are and where: the same verdict, errors, findings'
/// rules, kinds, severities, titles and paths, and routes' outputs and matched rows, but every
/// message, trace and route reason left empty. For the explorer, which asks only which error
/// findings remain (their rules and paths) after each of thousands of candidate edits: writing
/// the traces' text and values was most of the cost of a check without words. A message hole or
/// fact that cannot be evaluated is still an evaluation error, as in `check`.
pub fn check_places(program: &Program, doc: &Value) -> Report {
    report_with(program, doc, &decide(program, doc), Detail::Places)
}

/// Check a document and say which rules applied to it (found while deciding:
/// `Decision::applied`): what the verdict depends on.
pub fn check_with_applied(program: &Program, doc: &Value) -> (Report, Vec<usize>) {
    let decision = decide(program, doc);
    (
        report(program, doc, &decision),
        applied::applied(program, doc, &decision),
    )
}

/// The rules that applied, in a pass of their own (`applied::applied_rules`): what
/// `check_with_applied` must agree with (tests/plan.rs).
pub fn applied_rules(program: &Program, doc: &Value) -> Vec<usize> {
    applied::applied_rules(program, doc)
}

/// Check a document and count what it exercised (for rule-test coverage).
fn check_tallied(program: &Program, doc: &Value, tally: &mut Tally) -> Report {
    let mut decision = Decision::default();
    decide_into(program, doc, &mut decision, Some(tally));
    report(program, doc, &decision)
}

/// Describe a decision about `doc` (which it must have been made on): every hit becomes a
/// finding with its message, paths and explanation; route outcomes and derived values are
/// named and rendered.
pub fn report(program: &Program, doc: &Value, decision: &Decision) -> Report {
    report_with(program, doc, decision, Detail::Words)
}

/// `report`, with its explanations written to the given detail.
fn report_with(program: &Program, doc: &Value, decision: &Decision, detail: Detail) -> Report {
    let mut out = Report {
        rulebooks: program.rulebooks.clone(),
        law_date: decision.law_date,
        verdict: Verdict::Clean,
        findings: Vec::with_capacity(decision.hits.len()),
        routes: Vec::with_capacity(decision.routes.len()),
        values: Vec::with_capacity(decision.derives.len()),
        in_force: decision.in_force,
        not_in_force: decision.not_in_force,
        errors: decision.errors.clone(),
    };
    let describer = Describer {
        program,
        doc,
        detail,
    };
    for hit in &decision.hits {
        match describer.hit(hit, decision) {
            Ok(f) => out.findings.push(f),
            Err(d) => out.errors.push(d),
        }
    }
    for outcome in &decision.routes {
        if let Some(t) = program.routes.get(outcome.table as usize) {
            match describer.route(t, outcome, decision) {
                Ok(r) => out.routes.push(r),
                Err(e) => out.errors.push(evaluation_error(program, &t.meta, e)),
            }
        }
    }
    for (index, v) in &decision.derives {
        if let Some(d) = program.derives.get(*index as usize) {
            let schema = &program.schema;
            out.values.push(DerivedValue {
                id: d.meta.id.clone(),
                title: d.meta.title.clone(),
                cite: d.meta.cite.clone(),
                // Shown on its own, so it opens with a capital (`Tier C`, not `tier C`).
                display: crate::phrases::capitalised(&render::display(v, &d.value.ty, schema)),
                value: render::json(v, &d.value.ty, schema),
            });
        }
    }
    if decision.truncated {
        out.errors.push(Diagnostic::error(
            "R0002",
            format!(
                "this document gives more than {MAX_FINDINGS} findings; only the first \
                 {MAX_FINDINGS} are reported"
            ),
        ));
    }
    out.verdict =
        if !out.errors.is_empty() || out.findings.iter().any(|f| f.severity == Severity::Error) {
            Verdict::Errors
        } else if out.findings.is_empty() {
            Verdict::Clean
        } else {
            Verdict::Warnings
        };
    out
}

/// Whether this build writes the words of explanations at all: always natively, and in every
/// WASM module that gives reports to people. The lint module only re-checks its witnesses, each
/// without words (`check_json_without_words`), so it leaves their code out (issue 23). Each place
/// that writes words asks `WORDS && words`, so the compiler sees the words are never written.
pub(crate) const WORDS: bool = cfg!(any(
    not(target_arch = "wasm32"),
    feature = "checker",
    feature = "authoring",
    feature = "commissioning",
    feature = "explore",
    feature = "bench"
));

/// Turns hits into findings: re-binds each hit's items, then writes its words.
struct Describer<'p> {
    program: &'p Program,
    doc: &'p Value,
    /// How much of each explanation to write (`check_without_words`, `check_places`).
    detail: Detail,
}

impl<'p> Describer<'p> {
    fn explainer(&self) -> Explainer<'p> {
        Explainer {
            program: self.program,
            detail: self.detail,
        }
    }

    /// A finding or route's trace: emptied once its paths are read, when only places are kept.
    fn kept(&self, trace: &mut Vec<Fact>) {
        if self.detail.places_only() {
            *trace = Vec::new();
        }
    }

    /// The finding for one hit, or the located evaluation error that stopped it.
    fn hit(&self, hit: &Hit, decision: &Decision) -> Result<Finding, Diagnostic> {
        let p = self.program;
        let items = decision.items(hit);
        let (meta, finding) = match hit.decl {
            Decl::Rule(i) => p
                .rules
                .get(i as usize)
                .map(|r| (&r.meta, self.rule(r, items))),
            Decl::Conflict(i) => p
                .conflicts
                .get(i as usize)
                .map(|c| (&c.meta, self.conflict(c, items))),
            Decl::NoRoute(t) | Decl::Overlap(t) => p.routes.get(t as usize).map(|table| {
                let matched = decision
                    .route(t)
                    .map(|o| decision.matched_rows(o))
                    .unwrap_or(&[]);
                (&table.meta, self.route_finding(table, matched))
            }),
        }
        .ok_or_else(|| {
            Diagnostic::error(
                "R0001",
                "internal: a decision refers to a declaration the program lacks",
            )
        })?;
        finding.map_err(|e| evaluation_error(p, meta, e))
    }

    fn message(&self, parts: &'p [MessagePart], env: &mut Env<'p>) -> EResult<String> {
        if self.detail.places_only() {
            // Each hole is still evaluated: one that fails makes the finding an evaluation
            // error, whatever the detail asked for.
            for p in parts {
                if let MessagePart::Hole(n) = p {
                    eval(n, env)?;
                }
            }
            return Ok(String::new());
        }
        let size = parts
            .iter()
            .map(|p| match p {
                MessagePart::Text(t) => t.len(),
                MessagePart::Hole(_) => 16,
            })
            .sum();
        let mut out = String::with_capacity(size);
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

    fn rule(&self, rule: &'p crate::ir::Rule, items: &[u32]) -> EResult<Finding> {
        // Bind each `for each` level to the item the decision recorded, and name its place.
        let mut env = Env::new(self.doc, rule.slots);
        let mut paths = root_paths(rule.slots);
        for (b, &i) in rule.binders.iter().zip(items) {
            let item = list(&b.list, &env)?
                .get(i as usize)
                .ok_or_else(|| EvalError {
                    message: "internal: a decision refers to a list item the document lacks".into(),
                    span: b.list.span,
                })?;
            env.set(b.slot, item);
            let mut p = String::new();
            let p = if write_path(&b.list, &paths, &mut p) {
                push_index(&mut p, i as usize);
                Some(p)
            } else {
                None
            };
            if let Some(s) = paths.get_mut(b.slot as usize) {
                *s = p;
            }
        }
        let ex = self.explainer();
        let mut trace = Vec::new();
        if let Some(w) = &rule.when {
            ex.facts(w, &mut env, &mut paths, &mut trace)?;
        }
        let when_facts = trace.len();
        if let Some(r) = &rule.require {
            ex.facts(r, &mut env, &mut paths, &mut trace)?;
        }
        let message = self.message(&rule.message, &mut env)?;
        // The items' own places when no fact names a place. (Explaining never changes a binder's
        // slot: the slots of `any`/`all`/`sum` items lie above every binder's.)
        let extra = if trace
            .iter()
            .any(|f| f.values.iter().any(|v| v.path.is_some()))
        {
            Vec::new()
        } else {
            rule.binders
                .iter()
                .zip(items)
                .filter_map(|(b, _)| paths.get_mut(b.slot as usize).and_then(Option::take))
                .collect()
        };
        let mut f = finding(&rule.meta, None, FindingKind::Rule, message, trace, extra);
        // The places the broken requirement read come first (the field to correct), then the
        // places its `when` read.
        let required: Vec<String> = f
            .trace
            .get(when_facts..)
            .unwrap_or_default()
            .iter()
            .flat_map(|fact| fact.values.iter().filter_map(|v| v.path.clone()))
            .collect();
        f.paths
            .sort_by_key(|p| required.iter().position(|q| q == p).unwrap_or(usize::MAX));
        self.kept(&mut f.trace);
        Ok(f)
    }

    fn conflict(&self, c: &'p crate::ir::Conflict, items: &[u32]) -> EResult<Finding> {
        let mut env = Env::new(self.doc, c.slots);
        let list_items = list(&c.list, &env)?;
        let lacking = || EvalError {
            message: "internal: a decision refers to a list item the document lacks".into(),
            span: c.list.span,
        };
        let (i, j) = match items {
            [i, j] => (*i, *j),
            _ => return Err(lacking()),
        };
        let a = list_items.get(i as usize).ok_or_else(lacking)?;
        let b = list_items.get(j as usize).ok_or_else(lacking)?;
        env.set(c.left.0, a);
        env.set(c.right.0, b);
        // The list's place, read before either item is bound (as from the document alone).
        let mut paths: Paths = root_paths(c.slots);
        let mut base = String::new();
        write_path(&c.list, &paths, &mut base);
        let mut trace = Vec::with_capacity(2);
        // `requirements[0] is curfew`, and the item's place for the `when` condition.
        for (slot, case, index) in [(c.left.0, &c.left.1, i), (c.right.0, &c.right.1, j)] {
            let mut p = String::with_capacity(base.len() + 4);
            p.push_str(&base);
            push_index(&mut p, index as usize);
            trace.push(self.side(c, case, &p));
            if let Some(s) = paths.get_mut(slot as usize) {
                *s = Some(p);
            }
        }
        if let Some(w) = &c.when {
            self.explainer()
                .facts(w, &mut env, &mut paths, &mut trace)?;
        }
        let message = self.message(&c.message, &mut env)?;
        let mut f = finding(
            &c.meta,
            None,
            FindingKind::Conflict,
            message,
            trace,
            Vec::new(),
        );
        self.kept(&mut f.trace);
        Ok(f)
    }

    /// The fact that one side of a conflict is the case it names: `requirements[0] is curfew`,
    /// at the item's place `p` (only the place when only places are kept).
    fn side(&self, c: &crate::ir::Conflict, case_name: &str, p: &str) -> Fact {
        if self.detail.places_only() {
            return Fact {
                words: String::new(),
                text: String::new(),
                holds: true,
                values: vec![FactValue {
                    words: String::new(),
                    text: String::new(),
                    path: Some(p.to_owned()),
                    value: String::new(),
                }],
            };
        }
        let language = self.program.schema.language;
        let case = spaced(case_name);
        let mut text = String::with_capacity(p.len() + 4 + case.len());
        text.push_str(p);
        text.push_str(" is ");
        text.push_str(&case);
        // The case in words: its label, else its name made readable.
        let case_def = match &c.list.ty {
            crate::ir::Type::List(item) => match &**item {
                crate::ir::Type::Variant(v, _) => self
                    .program
                    .schema
                    .variant(*v)
                    .and_then(|d| d.cases.iter().find(|k| k.name == case_name)),
                _ => None,
            },
            _ => None,
        };
        let (case_words, after_is) = match case_def {
            Some(k) => (words::case_words(k), words::case_after_is(language, k)),
            None if language == crate::vocab::Language::English => {
                (case.clone(), render::with_article(&case))
            }
            None => (case.clone(), case),
        };
        let (fact_words, place_words) = if self.detail.writes_words() {
            let place = words::place_in(p, self.program);
            let fact = crate::phrases::PLACE_IS_A.say(language, &[&place, &after_is]);
            (fact, place)
        } else {
            (String::new(), String::new())
        };
        Fact {
            words: fact_words,
            text,
            holds: true,
            values: vec![FactValue {
                words: place_words,
                text: p.to_owned(),
                path: Some(p.to_owned()),
                value: case_words,
            }],
        }
    }

    fn out_name(&self, t: &crate::ir::Routes, output: u32) -> Option<String> {
        t.output_name(&self.program.schema, output)
    }

    /// The answer of a list policy: the matching rows' outputs in table order (`collect`,
    /// `rule order`), or highest first, of equals the earlier row first (`output order`).
    fn list_answer(&self, t: &crate::ir::Routes, matched: &[u32]) -> Vec<String> {
        let mut outputs: Vec<u32> = matched
            .iter()
            .filter_map(|i| t.rows.get(*i as usize))
            .map(|r| r.output)
            .collect();
        if t.policy == HitPolicy::OutputOrder {
            outputs.sort(); // stable: equal outputs keep table order
        }
        outputs
            .into_iter()
            .filter_map(|o| self.out_name(t, o))
            .collect()
    }

    /// A table with no row that applies, or with several and no single answer.
    fn route_finding(&self, t: &'p crate::ir::Routes, matched: &[u32]) -> EResult<Finding> {
        let mut env = Env::new(self.doc, t.slots);
        let mut paths = root_paths(t.slots);
        let ex = self.explainer();
        let mut why = Vec::new();
        let language = self.program.schema.language;
        // The table decides only where its `applies when` holds: that it held is part of why.
        if let Some(applies) = &t.applies {
            ex.facts(applies, &mut env, &mut paths, &mut why)?;
        }
        if matched.is_empty() {
            for row in &t.rows {
                ex.facts(&row.condition, &mut env, &mut paths, &mut why)?;
            }
            let msg = if self.detail.places_only() {
                String::new()
            } else {
                crate::phrases::NO_ROUTE.say(language, &[&t.meta.title])
            };
            let id = concat(&[&t.meta.id, "/no-route"]);
            let mut f = finding(
                &t.meta,
                Some(id),
                FindingKind::NoRoute,
                msg,
                why,
                Vec::new(),
            );
            self.kept(&mut f.trace);
            return Ok(f);
        }
        let rows: Vec<&crate::ir::Row> = matched
            .iter()
            .filter_map(|i| t.rows.get(*i as usize))
            .collect();
        for row in &rows {
            ex.facts(&row.condition, &mut env, &mut paths, &mut why)?;
        }
        let msg = if self.detail.places_only() {
            String::new()
        } else {
            self.clash_message(t, matched, &rows)
        };
        let id = concat(&[&t.meta.id, "/overlap"]);
        let mut f = finding(
            &t.meta,
            Some(id),
            FindingKind::Overlap,
            msg,
            why,
            Vec::new(),
        );
        self.kept(&mut f.trace);
        Ok(f)
    }

    /// Rows that all apply where the table takes one, in words (`ROUTE_CLASH`).
    fn clash_message(
        &self,
        t: &'p crate::ir::Routes,
        matched: &[u32],
        rows: &[&crate::ir::Row],
    ) -> String {
        let numbers: Vec<String> = matched.iter().map(|i| format!("{}", i + 1)).collect();
        let names: Vec<String> = rows
            .iter()
            .filter_map(|r| self.out_words(t, r.output))
            .collect();
        crate::phrases::ROUTE_CLASH.say(
            self.program.schema.language,
            &[
                &numbers.join(", "),
                &t.meta.title,
                &names.join(", "),
                t.policy.as_str(),
            ],
        )
    }

    /// A row's answer in words: its enum value's label in Welsh, its name made readable in
    /// English (as before); a number as it is.
    fn out_words(&self, t: &'p crate::ir::Routes, output: u32) -> Option<String> {
        let name = self.out_name(t, output)?;
        let label = (self.program.schema.language == crate::vocab::Language::Welsh)
            .then(|| self.program.schema.enum_def(t.output))
            .flatten()
            .and_then(|e| e.words.get(output as usize))
            .and_then(|w| w.label.clone());
        Some(label.unwrap_or_else(|| spaced(&name)))
    }

    fn route(
        &self,
        t: &'p crate::ir::Routes,
        outcome: &RouteOutcome,
        decision: &Decision,
    ) -> EResult<RouteDecision> {
        let mut env = Env::new(self.doc, t.slots);
        let mut paths = root_paths(t.slots);
        let row = outcome.chosen.and_then(|i| t.rows.get(i as usize));
        let matched = decision.matched_rows(outcome);
        let mut trace = Vec::new();
        // A multiple-hit answer is made from every matching row: each one's facts explain it.
        let explained: Vec<&crate::ir::Row> = if t.policy.is_multiple() {
            matched
                .iter()
                .filter_map(|i| t.rows.get(*i as usize))
                .collect()
        } else {
            row.into_iter().collect()
        };
        for r in explained {
            self.explainer()
                .facts(&r.condition, &mut env, &mut paths, &mut trace)?;
        }
        let outputs = if t.policy.is_list() {
            self.list_answer(t, matched)
        } else {
            Vec::new()
        };
        let output = match t.policy {
            _ if row.is_none() => None,
            HitPolicy::CollectCount => Some(matched.len().to_string()),
            HitPolicy::CollectSum => Some(
                matched
                    .iter()
                    .filter_map(|i| t.rows.get(*i as usize))
                    .filter_map(|r| t.numbers.get(r.output as usize))
                    .map(|n| i128::from(*n))
                    .sum::<i128>()
                    .to_string(),
            ),
            _ if t.policy.is_list() => Some(outputs.join(", ")),
            _ => row.and_then(|r| self.out_name(t, r.output)),
        };
        let matched_rows: Vec<usize> = matched.iter().map(|i| *i as usize + 1).collect();
        // The reason names the rows the answer comes from: every matching row under a
        // multiple-hit policy, else the chosen one.
        let answering: Vec<usize> = if t.policy.is_multiple() {
            matched_rows.clone()
        } else {
            outcome.chosen.map(|i| i as usize + 1).into_iter().collect()
        };
        let language = self.program.schema.language;
        // The answer in words: the row's value by its label in Welsh (as `out_words`); a count, a
        // sum or a list of answers as it stands.
        let answer_words = output.as_deref().map(|out| {
            let single = !t.policy.is_list()
                && !matches!(t.policy, HitPolicy::CollectCount | HitPolicy::CollectSum);
            single
                .then(|| row.and_then(|r| self.out_words(t, r.output)))
                .flatten()
                .unwrap_or_else(|| spaced(out))
        });
        let reason = if self.detail.writes_words() {
            route_reason(
                language,
                answer_words.as_deref(),
                &answering,
                &matched_rows,
                &trace,
            )
        } else {
            String::new()
        };
        self.kept(&mut trace);
        Ok(RouteDecision {
            table: t.meta.id.clone(),
            title: t.meta.title.clone(),
            cite: row
                .and_then(|r| r.cite.clone())
                .unwrap_or_else(|| t.meta.cite.clone()),
            policy: t.policy,
            output,
            outputs,
            reason,
            matched_rows,
            trace,
        })
    }
}

/// Why a routes table decided as it did, as a sentence: the output, the row's number and the
/// conditions of the row that held (`National probation service (row 6), because the risk of
/// serious harm is high.`).
fn route_reason(
    language: crate::vocab::Language,
    output: Option<&str>,
    rows: &[usize],
    matched: &[usize],
    trace: &[Fact],
) -> String {
    use crate::phrases;
    let (Some(out), false) = (output, rows.is_empty()) else {
        if matched.len() > 1 {
            let numbers: Vec<String> = matched.iter().map(usize::to_string).collect();
            return phrases::ROUTE_OVERLAP.say(language, &[&numbers.join(", ")]);
        }
        return phrases::ROUTE_NONE.text(language).to_string();
    };
    let out = phrases::capitalised(out);
    let held: Vec<&str> = trace
        .iter()
        .filter(|f| f.holds)
        .map(|f| f.words.as_str())
        .filter(|w| !w.is_empty())
        .collect();
    let because = match held.split_last() {
        None => phrases::DEFAULT_ROW.text(language).to_string(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => phrases::AND_LAST.say(language, &[&rest.join("; "), last]),
    };
    let numbers: Vec<String> = rows.iter().map(usize::to_string).collect();
    let rows = match numbers.as_slice() {
        [one] => phrases::ROW.say(language, &[one]),
        many => phrases::ROWS.say(language, &[&many.join(", ")]),
    };
    phrases::ROUTE_BECAUSE.say(language, &[&out, &rows, &because])
}

/// A finding in words. `id` overrides the declaration's id (`table/no-route`).
fn finding(
    meta: &Meta,
    id: Option<String>,
    kind: FindingKind,
    message: String,
    trace: Vec<Fact>,
    extra_paths: Vec<String>,
) -> Finding {
    let mut paths: Vec<String> = Vec::with_capacity(trace.len() + extra_paths.len());
    for p in trace
        .iter()
        .flat_map(|f| f.values.iter().filter_map(|v| v.path.as_deref()))
    {
        if !p.is_empty() && !paths.iter().any(|q| q == p) {
            paths.push(p.to_owned());
        }
    }
    for p in extra_paths {
        if !p.is_empty() && !paths.contains(&p) {
            paths.push(p);
        }
    }
    Finding {
        rule: id.unwrap_or_else(|| meta.id.clone()),
        kind,
        severity: meta.severity,
        title: meta.title.clone(),
        message,
        explain: meta.explain.clone(),
        cite: meta.cite.clone(),
        in_force: meta.in_force,
        paths,
        trace,
    }
}

/// A case or enum value in words: `unpaid_work` -> `unpaid work`.
fn spaced(name: &str) -> String {
    name.replace('_', " ")
}

/// Strings joined, in one allocation.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

impl From<EvalError> for Diagnostic {
    fn from(e: EvalError) -> Diagnostic {
        Diagnostic::error("R0001", e.message).at(e.span)
    }
}
