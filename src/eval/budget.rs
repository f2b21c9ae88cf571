//! The step budget: how much work deciding one declaration may take on one document. Rule text
//! that nests quantifiers (`for each`, `any`, `all`, `count`, `sum`, a conflict's pairs) over
//! long lists multiplies their lengths; past `STEP_LIMIT` item visits the declaration is not
//! evaluated and `Report.errors` says why (R0003), instead of the check running for minutes.
//!
//! The bound is worked out from the rule text and the document's list lengths before the
//! declaration is evaluated, as if nothing short-circuited, so it is the same for the reference
//! evaluator and the compiled plan (both call `Budget::exceeded` at the same point) and does not
//! depend on how far either gets. A list read through a binder (`r.items`) is bounded by the
//! longest list in the document. Where only the items of one case are decided (a conflict's two
//! sides, `for each <case> x in ...`), the items of that case in a list read from the document
//! are counted, and the others cost one visit each: so a conflict between two cases costs the
//! pairs of their items, not of the whole list (both evaluators pair each left item with the
//! right case's items only).

use super::value::case_of;
use crate::diag::Diagnostic;
use crate::ir::{Binder, Conflict, Meta, Node, NodeKind, Program, Value};

/// Item visits one declaration may make on one document (see docs/SECURITY.md).
pub const STEP_LIMIT: u64 = 10_000_000;

/// Documents whose lists all hold at most one item are not measured: a declaration's work is
/// then at most its number of quantifiers.
const SHORT_LIST: usize = 1;

/// One document's budget: `None` from `for_document` when no list holds two items or more.
pub struct Budget<'d> {
    doc: &'d Value,
    longest: u64,
}

/// The declarations a budget is asked about, by kind and index in the program.
#[derive(Clone, Copy)]
pub enum Of {
    Rule(usize),
    Conflict(usize),
    Routes(usize),
    Derive(usize),
}

impl<'d> Budget<'d> {
    /// The budget for a document, or `None` when its lists are all short.
    pub fn for_document(doc: &'d Value) -> Option<Budget<'d>> {
        let longest = longest_list(doc);
        (longest > SHORT_LIST).then_some(Budget {
            doc,
            longest: longest as u64,
        })
    }

    /// The R0003 diagnostic when deciding declaration `of` would take more than `STEP_LIMIT`
    /// item visits on this document.
    pub fn exceeded(&self, program: &Program, of: Of) -> Option<Diagnostic> {
        // Cheap first: `loops` quantifiers nested at most `depth` deep visit at most
        // loops * longest^depth items; only a declaration that could pass the limit is measured.
        let (loops, depth) = shape(program, of);
        let rough = u32::try_from(depth)
            .ok()
            .and_then(|d| self.longest.checked_pow(d))
            .and_then(|p| p.checked_mul(loops.max(1)));
        if rough.is_some_and(|r| r <= STEP_LIMIT) {
            return None;
        }
        let (meta, work) = self.work(program, of)?;
        (work > STEP_LIMIT).then(|| limit_error(program, meta, work))
    }

    /// The declaration's metadata and an upper bound on its item visits.
    fn work<'p>(&self, program: &'p Program, of: Of) -> Option<(&'p Meta, u64)> {
        Some(match of {
            Of::Rule(i) => {
                let r = program.rules.get(i)?;
                let mut bindings = 1u64;
                let mut lists = 0u64;
                for b in &r.binders {
                    // Every item is looked at; only those of the binder's case are bound and
                    // decided (`for each <case> x in ...`).
                    let (items, bound) = self.binds(b);
                    let skipped = self
                        .node(&b.list)
                        .saturating_add(items.saturating_sub(bound));
                    lists = lists.saturating_add(bindings.saturating_mul(skipped));
                    bindings = bindings.saturating_mul(bound);
                }
                let body = 1u64
                    .saturating_add(self.opt(r.when.as_ref()))
                    .saturating_add(self.opt(r.require.as_ref()));
                (&r.meta, lists.saturating_add(bindings.saturating_mul(body)))
            }
            Of::Conflict(i) => {
                let c = program.conflicts.get(i)?;
                // The list twice (the right case's items found, then the left's), then each
                // pair of a left and a right item, as the reference evaluator and the plan pair
                // them.
                let (left, right) = self.sides(program, c);
                let body = 1u64.saturating_add(self.opt(c.when.as_ref()));
                let pairs = left.saturating_mul(right).saturating_mul(body);
                let scans = self.length(&c.list).saturating_mul(2);
                let list = self.node(&c.list).saturating_add(scans);
                (&c.meta, list.saturating_add(pairs))
            }
            Of::Routes(i) => {
                let t = program.routes.get(i)?;
                let rows = t
                    .rows
                    .iter()
                    .fold(0u64, |w, r| w.saturating_add(self.node(&r.condition)));
                (&t.meta, rows.saturating_add(self.opt(t.applies.as_ref())))
            }
            Of::Derive(i) => {
                let d = program.derives.get(i)?;
                let w = self
                    .node(&d.value)
                    .saturating_add(self.opt(d.when.as_ref()));
                (&d.meta, w)
            }
        })
    }

    fn opt(&self, node: Option<&Node>) -> u64 {
        node.map_or(0, |n| self.node(n))
    }

    /// How many items a list node holds: its length when it is read from the document itself,
    /// else (read through a binder) the longest list's.
    fn length(&self, list: &Node) -> u64 {
        match root_place(list, self.doc) {
            Some(Value::List(items)) => items.len() as u64,
            Some(_) => 0,
            None => self.longest,
        }
    }

    /// How many items a binder's list holds, and how many of them it binds (those of its case,
    /// when it names one).
    fn binds(&self, b: &Binder) -> (u64, u64) {
        let items = self.length(&b.list);
        match b.case {
            Some(case) => (items, self.of_case(&b.list, case).min(items)),
            None => (items, items),
        }
    }

    /// How many items of a conflict's list are of its left case and of its right case.
    fn sides(&self, program: &Program, c: &Conflict) -> (u64, u64) {
        match c.cases(&program.schema) {
            Some((left, right)) => (self.of_case(&c.list, left), self.of_case(&c.list, right)),
            None => (0, 0),
        }
    }

    /// How many items of a list node are of one case: counted when the list is read from the
    /// document itself, else (read through a binder) the longest list's length.
    fn of_case(&self, list: &Node, case: u32) -> u64 {
        match root_place(list, self.doc) {
            Some(Value::List(items)) => {
                items.iter().filter(|v| case_of(v) == Some(case)).count() as u64
            }
            Some(_) => 0,
            None => self.longest,
        }
    }

    /// An upper bound on the item visits evaluating `node` once makes.
    fn node(&self, node: &Node) -> u64 {
        match &node.kind {
            NodeKind::Const(_) | NodeKind::Var(_) => 0,
            NodeKind::Field { base, .. }
            | NodeKind::Kind(base)
            | NodeKind::Not(base)
            | NodeKind::Scale(base, _)
            | NodeKind::Neg(base)
            | NodeKind::Is(base, _)
            | NodeKind::InSet { value: base, .. } => self.node(base),
            NodeKind::And(items) | NodeKind::Or(items) | NodeKind::Call(_, items) => items
                .iter()
                .fold(0u64, |w, n| w.saturating_add(self.node(n))),
            NodeKind::Implies(a, b)
            | NodeKind::Compare(_, a, b)
            | NodeKind::Arith(_, a, b)
            | NodeKind::Coalesce(a, b) => self.node(a).saturating_add(self.node(b)),
            NodeKind::InList { value, list } => self
                .node(value)
                .saturating_add(self.node(list))
                .saturating_add(self.length(list)),
            NodeKind::Aggregate(agg) => {
                let each = 1u64
                    .saturating_add(self.opt(agg.filter.as_ref()))
                    .saturating_add(self.opt(agg.body.as_ref()));
                self.node(&agg.list)
                    .saturating_add(self.length(&agg.list).saturating_mul(each))
            }
        }
    }
}

/// How many quantifiers (`for each` levels, aggregates, `in` a list, a conflict's pair counted
/// twice) a declaration has, and how deep they nest.
fn shape(program: &Program, of: Of) -> (u64, u64) {
    let mut acc = (0u64, 0u64);
    let add = |node: Option<&Node>, base: u64, acc: &mut (u64, u64)| {
        if let Some(n) = node {
            let (l, d) = nesting(n);
            acc.0 = acc.0.saturating_add(l);
            acc.1 = acc.1.max(base.saturating_add(d));
        }
    };
    match of {
        Of::Rule(i) => {
            if let Some(r) = program.rules.get(i) {
                let levels = r.binders.len() as u64;
                acc = (levels, levels);
                for b in &r.binders {
                    add(Some(&b.list), levels, &mut acc);
                }
                add(r.when.as_ref(), levels, &mut acc);
                add(r.require.as_ref(), levels, &mut acc);
            }
        }
        Of::Conflict(i) => {
            if let Some(c) = program.conflicts.get(i) {
                acc = (2, 2);
                add(Some(&c.list), 2, &mut acc);
                add(c.when.as_ref(), 2, &mut acc);
            }
        }
        Of::Routes(i) => {
            if let Some(t) = program.routes.get(i) {
                add(t.applies.as_ref(), 0, &mut acc);
                for r in &t.rows {
                    add(Some(&r.condition), 0, &mut acc);
                }
            }
        }
        Of::Derive(i) => {
            if let Some(d) = program.derives.get(i) {
                add(d.when.as_ref(), 0, &mut acc);
                add(Some(&d.value), 0, &mut acc);
            }
        }
    }
    acc
}

/// The quantifiers in a node and how deep they nest.
fn nesting(node: &Node) -> (u64, u64) {
    let both = |a: (u64, u64), b: (u64, u64)| (a.0.saturating_add(b.0), a.1.max(b.1));
    match &node.kind {
        NodeKind::Const(_) | NodeKind::Var(_) => (0, 0),
        NodeKind::Field { base, .. }
        | NodeKind::Kind(base)
        | NodeKind::Not(base)
        | NodeKind::Scale(base, _)
        | NodeKind::Neg(base)
        | NodeKind::Is(base, _)
        | NodeKind::InSet { value: base, .. } => nesting(base),
        NodeKind::And(items) | NodeKind::Or(items) | NodeKind::Call(_, items) => {
            items.iter().map(nesting).fold((0, 0), both)
        }
        NodeKind::Implies(a, b)
        | NodeKind::Compare(_, a, b)
        | NodeKind::Arith(_, a, b)
        | NodeKind::Coalesce(a, b) => both(nesting(a), nesting(b)),
        NodeKind::InList { value, list } => {
            let (l, d) = both(nesting(value), nesting(list));
            (l.saturating_add(1), d.max(1))
        }
        NodeKind::Aggregate(agg) => {
            let inner = [agg.filter.as_ref(), agg.body.as_ref()]
                .into_iter()
                .flatten()
                .map(nesting)
                .fold((0, 0), both);
            let (l, d) = both(nesting(&agg.list), (inner.0, inner.1.saturating_add(1)));
            (l.saturating_add(1), d)
        }
    }
}

/// The value at a path from the document (slot 0) alone; `None` when the path goes through a
/// binder or is not a plain path.
fn root_place<'d>(node: &Node, doc: &'d Value) -> Option<&'d Value> {
    match &node.kind {
        NodeKind::Var(0) => Some(doc),
        NodeKind::Field { base, index, .. } => match root_place(base, doc)? {
            Value::Record(fields) | Value::Variant { fields, .. } => fields.get(*index as usize),
            _ => Some(&ABSENT),
        },
        _ => None,
    }
}

static ABSENT: Value = Value::Absent;

/// The length of the longest list anywhere in a value.
fn longest_list(v: &Value) -> usize {
    match v {
        Value::List(items) => items
            .iter()
            .map(longest_list)
            .max()
            .unwrap_or(0)
            .max(items.len()),
        Value::Record(fields) | Value::Variant { fields, .. } => {
            fields.iter().map(longest_list).max().unwrap_or(0)
        }
        _ => 0,
    }
}

/// R0003: the declaration was not evaluated because it would take too long.
fn limit_error(program: &Program, meta: &Meta, work: u64) -> Diagnostic {
    let d = Diagnostic::error(
        "R0003",
        format!(
            "{} was not evaluated: on this document it could take {} steps, more than the \
             limit of {} (its quantifiers are nested over long lists); check a smaller document \
             or rewrite the rule so one list is not searched once for every item of another",
            // Named as people read it (the page shows this message); the location gives the id.
            if meta.title.is_empty() {
                format!("`{}`", meta.id)
            } else {
                format!("“{}”", meta.title)
            },
            if work == u64::MAX {
                "too many".to_string()
            } else {
                work.to_string()
            },
            STEP_LIMIT
        ),
    )
    .at(meta.span);
    program.sources.locate(d)
}
