//! Reading the IR for the explorer: walking nodes, the constants and multipliers that rules compare an item's field with, and whether a field stays inside the "compared with constants" fragment.

use crate::ir::{Arith, Node, NodeKind, Program, Type, Value};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Visit a node and everything under it.
pub(crate) fn walk<'a>(node: &'a Node, f: &mut impl FnMut(&'a Node)) {
    f(node);
    for c in node.children() {
        walk(c, f);
    }
}

/// Whether `node` reads field `index` of the document's root record (the explored list).
pub(crate) fn is_list(node: &Node, index: usize) -> bool {
    match &node.kind {
        NodeKind::Field { base, index: i, .. } => {
            *i as usize == index && matches!(base.kind, NodeKind::Var(0))
        }
        _ => false,
    }
}

/// Every expression a declaration evaluates: rules, conflicts and routes tables, each with the
/// date that chooses its version, and a table's `applies when` with its rows (a field compared
/// with a constant there bounds a lawful range as much as in a row).
pub(crate) fn decl_nodes(program: &Program) -> Vec<(String, Vec<&Node>)> {
    let mut out = Vec::new();
    for r in &program.rules {
        let mut v: Vec<&Node> = r.when.iter().chain(&r.require).chain(&r.by).collect();
        v.extend(r.binders.iter().map(|b| &b.list));
        out.push((r.meta.id.clone(), v));
    }
    for c in &program.conflicts {
        let v = c.when.iter().chain(&c.by).chain([&c.list]).collect();
        out.push((c.meta.id.clone(), v));
    }
    for t in &program.routes {
        let mut v: Vec<&Node> = t.applies.iter().chain(&t.by).collect();
        v.extend(t.rows.iter().map(|r| &r.condition));
        out.push((t.meta.id.clone(), v));
    }
    out
}

/// A field of one case of the explored variant (or, with `variant: None`, field `field` of the
/// document's root record).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FieldRef {
    pub variant: Option<u32>,
    pub case: u32,
    pub field: u32,
    /// Fields below this index are shared by every case.
    pub shared: u32,
}

impl FieldRef {
    /// Whether `node` reads this field of an item.
    pub fn matches(&self, node: &Node) -> bool {
        let NodeKind::Field { base, index, .. } = &node.kind else {
            return false;
        };
        if *index != self.field {
            return false;
        }
        let Some(variant) = self.variant else {
            return matches!(base.kind, NodeKind::Var(0));
        };
        match base.ty {
            Type::Variant(v, Some(c)) => v == variant && c == self.case,
            Type::Variant(v, None) => v == variant && self.field < self.shared,
            _ => false,
        }
    }
}

/// What the rules that mention a field compare it with.
#[derive(Clone, Debug, Default)]
pub(crate) struct FieldFacts {
    /// Integer constants (days, hours, months... as the evaluator compares them).
    pub ints: BTreeSet<i64>,
    /// Multipliers met on the way (unit scales, `* 7`).
    pub factors: BTreeSet<i64>,
    pub decimals: BTreeSet<Decimal>,
    pub dates: BTreeSet<chrono::NaiveDate>,
    /// Declarations that mention the field other than by comparing it with constants or
    /// document values outside the list.
    pub outside: BTreeSet<String>,
    /// Whether a declaration sums the field over several items.
    pub summed: bool,
    /// Comparisons of the field with a value the draft holds (`r.hours_per_day * 7`,
    /// `doc.start + 6 months`, `doc.m + 14`): their boundaries are solved from the draft's own
    /// values when a range is drawn (`boundary.rs`).
    pub relative: Vec<Relative>,
    /// Whether a declaration compares the field, unscaled, with a field of another item: its
    /// boundaries are the values the draft holds, the new item's own among them.
    pub across: bool,
}

/// One comparison of the field (`field_side`: the field, scaled or defaulted) with `other`, an
/// expression that reads only the document root and the item the field belongs to (in `slot`).
#[derive(Clone, Debug)]
pub(crate) struct Relative {
    pub decl: String,
    pub field_side: Node,
    pub other: Node,
    pub slot: u32,
}

/// Collect the constants and multipliers of every declaration that mentions `field`.
pub(crate) fn field_facts(program: &Program, field: FieldRef, list_index: usize) -> FieldFacts {
    let mut facts = FieldFacts::default();
    for (id, nodes) in decl_nodes(program) {
        let mentions = nodes.iter().any(|n| contains(n, &|x| field.matches(x)));
        if !mentions {
            continue;
        }
        for n in &nodes {
            walk(n, &mut |x| match &x.kind {
                NodeKind::Const(Value::Int(i)) => {
                    facts.ints.insert(*i);
                }
                NodeKind::Const(Value::Dec(d)) => {
                    facts.decimals.insert(*d);
                }
                NodeKind::Const(Value::Date(d)) => {
                    facts.dates.insert(*d);
                }
                NodeKind::Scale(_, k) => {
                    facts.factors.insert(*k);
                }
                NodeKind::Arith(Arith::MulInt, a, b) => {
                    for side in [a, b] {
                        if let NodeKind::Const(Value::Int(k)) = side.kind {
                            facts.factors.insert(k);
                        }
                    }
                }
                NodeKind::Aggregate(agg)
                    if agg
                        .body
                        .as_ref()
                        .is_some_and(|b| contains(b, &|y| field.matches(y))) =>
                {
                    facts.summed = true;
                }
                _ => {}
            });
        }
        let mut total = 0usize;
        let mut covered = 0usize;
        let mut relative = Vec::new();
        let mut across = false;
        for n in &nodes {
            walk(n, &mut |x| {
                if field.matches(x) {
                    total += 1;
                }
                // `present(field)`: absent or not, which the ranges test on their own.
                if let NodeKind::Call(crate::ir::Builtin::Present, args) = &x.kind {
                    covered += args.iter().filter(|a| field.matches(a)).count();
                }
                if let NodeKind::Compare(_, a, b) = &x.kind {
                    let (fa, fb) = (
                        contains(a, &|y| field.matches(y)),
                        contains(b, &|y| field.matches(y)),
                    );
                    let oriented = if fa && !fb && linear(a, &field) {
                        Some((&**a, &**b))
                    } else if fb && !fa && linear(b, &field) {
                        Some((&**b, &**a))
                    } else {
                        None
                    };
                    if let Some((side, other)) = oriented {
                        let bound = bounded_by(side, other, &field, list_index);
                        if let Bound::Solved(slot) = bound {
                            relative.push(Relative {
                                decl: id.clone(),
                                field_side: side.clone(),
                                other: other.clone(),
                                slot,
                            });
                        }
                        if bound == Bound::Listed {
                            across = true;
                        }
                        if bound != Bound::Unknown {
                            covered += count(side, &|y| field.matches(y));
                        }
                    }
                }
            });
        }
        facts.relative.extend(relative);
        facts.across |= across;
        if covered < total {
            facts.outside.insert(id);
        }
    }
    facts
}

pub(crate) fn contains(node: &Node, pred: &dyn Fn(&Node) -> bool) -> bool {
    pred(node) || node.children().into_iter().any(|c| contains(c, pred))
}

fn count(node: &Node, pred: &dyn Fn(&Node) -> bool) -> usize {
    usize::from(pred(node))
        + node
            .children()
            .into_iter()
            .map(|c| count(c, pred))
            .sum::<usize>()
}

/// The field itself, scaled or defaulted. Not shifted (`+`, `-`) or negated: compared with c,
/// a field shifted by s changes its answer at c - s, which is no candidate (`int_candidates`
/// tries the constants and the document's values, each with its neighbours), so a rule that
/// shifts the field is outside the fragment. Found by the `explore` fuzz target: with
/// `14 >= v.w - doc.m` and m = 16 it called a span past w = 30 exact.
fn linear(node: &Node, field: &FieldRef) -> bool {
    if field.matches(node) {
        return true;
    }
    match &node.kind {
        NodeKind::Scale(a, _) => linear(a, field),
        NodeKind::Coalesce(a, b) => {
            (linear(a, field) && fixed(b, usize::MAX)) || (fixed(a, usize::MAX) && linear(b, field))
        }
        NodeKind::Arith(Arith::MulInt, a, b) => {
            (linear(a, field) && fixed(b, usize::MAX)) || (linear(b, field) && fixed(a, usize::MAX))
        }
        _ => false,
    }
}

/// How the boundary a comparison draws on the field can be found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    /// The other side reads only the document root and the field's own item (in this slot):
    /// evaluated on the draft, it gives the boundary (`boundary.rs`).
    Solved(u32),
    /// The field, unscaled, against a plain value held somewhere in the draft (a field of
    /// another item): the boundary is one of the draft's values, each a candidate.
    Listed,
    /// Neither: the range cannot be called exact.
    Unknown,
}

/// How the boundary of `side` (the field, scaled or defaulted) compared with `other` is found.
/// A sum, a multiple or a date plus a period of other values is solved on the draft when it
/// reads nothing but the document and the field's own item; read through another binder, only a
/// plain value is a boundary the candidates hold. Found by the `explore` fuzz target (a field
/// compared with a shifted value was called exact) and the curfew's weekly hours (compared with
/// 7 times the daily hours, a boundary tried only when some constant happened to match it).
fn bounded_by(side: &Node, other: &Node, field: &FieldRef, list_index: usize) -> Bound {
    if !fixed(other, list_index) {
        return Bound::Unknown;
    }
    let mut slot = None;
    walk(side, &mut |x| {
        if slot.is_none() && field.matches(x) {
            if let NodeKind::Field { base, .. } = &x.kind {
                if let NodeKind::Var(k) = base.kind {
                    slot = Some(k);
                }
            }
        }
    });
    let Some(slot) = slot else {
        return Bound::Unknown;
    };
    let reads_only = |n: &Node| {
        let mut ok = true;
        walk(n, &mut |x| {
            if let NodeKind::Var(k) = x.kind {
                ok &= k == 0 || k == slot;
            }
        });
        ok
    };
    if reads_only(side) && reads_only(other) {
        Bound::Solved(slot)
    } else if unscaled(side, field) && bare(other) {
        Bound::Listed
    } else {
        Bound::Unknown
    }
}

/// The field itself, or defaulted (`?? x`), with no multiplier.
fn unscaled(node: &Node, field: &FieldRef) -> bool {
    if field.matches(node) {
        return true;
    }
    match &node.kind {
        NodeKind::Coalesce(a, b) => {
            (unscaled(a, field) && fixed(b, usize::MAX) && !contains(b, &|y| field.matches(y)))
                || (fixed(a, usize::MAX)
                    && !contains(a, &|y| field.matches(y))
                    && unscaled(b, field))
        }
        _ => false,
    }
}

/// A value held as it is in the draft: a constant, a place, or the first present of them.
fn bare(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Const(_) | NodeKind::Var(_) => true,
        NodeKind::Field { base, .. } => bare(base),
        NodeKind::Coalesce(a, b) => bare(a) && bare(b),
        _ => false,
    }
}

/// A value fixed by the rest of the document: constants, paths from the document root that do
/// not pass through the explored list, and other fields of bound items (the other parameters
/// stay as they are while one is varied).
fn fixed(node: &Node, list_index: usize) -> bool {
    match &node.kind {
        NodeKind::Const(_) => true,
        NodeKind::Var(_) => true,
        NodeKind::Field { base, .. } => !is_list(node, list_index) && fixed(base, list_index),
        NodeKind::Scale(a, _) | NodeKind::Neg(a) => fixed(a, list_index),
        NodeKind::Arith(_, a, b) | NodeKind::Coalesce(a, b) => {
            fixed(a, list_index) && fixed(b, list_index)
        }
        NodeKind::Call(_, args) => args.iter().all(|a| fixed(a, list_index)),
        _ => false,
    }
}

/// Candidate integer values at which a rule comparing a field with `facts` may change its
/// answer, plus values read from the document.
pub(crate) fn int_candidates(facts: &FieldFacts, doc_ints: &BTreeSet<i64>) -> BTreeSet<i64> {
    let mut base: BTreeSet<i64> = facts.ints.clone();
    base.insert(0);
    let mut out = BTreeSet::new();
    let mut push = |v: i64| {
        for d in [-1i64, 0, 1] {
            if let Some(x) = v.checked_add(d) {
                out.insert(x);
            }
        }
    };
    for &c in &base {
        push(c);
        for &m in &facts.factors {
            if m > 1 {
                push(c.saturating_mul(m));
                push(c.div_euclid(m));
                push(c.div_euclid(m).saturating_add(1));
            }
        }
    }
    for &d in doc_ints {
        push(d);
        if facts.summed {
            for &c in &facts.ints {
                push(c.saturating_sub(d));
            }
        }
    }
    out
}

/// Every integer held anywhere in a document (amounts another rule may compare with).
pub(crate) fn doc_ints(v: &Value, out: &mut BTreeSet<i64>) {
    match v {
        Value::Int(i) => {
            out.insert(*i);
        }
        Value::Record(fields) | Value::Variant { fields, .. } | Value::List(fields) => {
            for f in fields {
                doc_ints(f, out);
            }
        }
        _ => {}
    }
}

/// Every decimal and date held in a document.
pub(crate) fn doc_other(
    v: &Value,
    decs: &mut BTreeSet<Decimal>,
    dates: &mut BTreeSet<chrono::NaiveDate>,
) {
    match v {
        Value::Dec(d) => {
            decs.insert(*d);
        }
        Value::Date(d) => {
            dates.insert(*d);
        }
        Value::Record(fields) | Value::Variant { fields, .. } | Value::List(fields) => {
            for f in fields {
                doc_other(f, decs, dates);
            }
        }
        _ => {}
    }
}
