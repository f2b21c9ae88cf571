// Lists of enum values held in the document, lowered as one count per value (how many items of
// the list hold it): membership, `any`/`all`, counts and sums of per-value amounts over such a
// list, each decided exactly on those counts.
//
// Exact because everything these conditions read of such a list is how many items hold each
// value (the order of the items never matters to them, and an item is nothing but its value):
// two documents with the same counts meet the same conditions. A count runs from 0 to the
// longest list a document may hold (`doc::MAX_LIST_LEN`); that several values' counts together
// stay within it is not modelled (no condition here comes near it). A list read this way is not
// also read item by item in one declaration (`for each` over it, or a quantifier whose items
// are bound): such a declaration is refused, and two declarations that read one list the two
// ways are never compared (`counted_lists`).

use super::{and, outside, Binding, Lowered, Lowerer, BOX_LIMIT};
use crate::analyze::space::{Bound, Constraint, Cube, Dim, DimId, DimKey, Dnf, Domain, Facet};
use crate::analyze::space::{Interval, OrderedKind, Root};
use crate::ir::{Aggregate, Cmp, Node, NodeKind, Type, Unit, Value};
use crate::vocab::AggOp;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Counts and sums compared with constants up to this are decided (the boxes grow with it).
const TALLY_LIMIT: i64 = 64;

/// A list of enum values at a path of the document.
struct Tallied {
    root: Root,
    path: Vec<Arc<str>>,
    label: String,
    values: Vec<String>,
}

impl<'p> Lowerer<'p> {
    /// The list `list`, when it is a list of enum values read from the document.
    fn tallied(&self, list: &Node) -> Option<Tallied> {
        let Type::List(elem) = &list.ty else {
            return None;
        };
        let Type::Enum(e) = **elem else { return None };
        let (root, path, label) = self.place(list)?;
        let values = self.program.schema.enum_def(e)?.values.clone();
        (values.len() <= 128).then_some(Tallied {
            root,
            path,
            label,
            values,
        })
    }

    /// Whether `list` is a list of enum values read from the document (lowered here).
    pub(super) fn is_tallied(&self, list: &Node) -> bool {
        self.tallied(list).is_some()
    }

    /// The dimension counting the items of `t` that hold value `v`. Refused when the
    /// declaration also holds items of the list one by one.
    fn tally_dim(&mut self, node: &Node, t: &Tallied, v: usize) -> Lowered<DimId> {
        let item_of = |r: &Root| matches!(r, Root::Item { list, .. } if *list == t.path);
        if self.witnessed.iter().chain(&self.quantified).any(item_of) {
            return outside(
                self.program,
                node,
                "reads a list of values as counts per value, while the declaration also holds one of its items on its own",
            );
        }
        if self.read_opaquely(&t.root, &t.path) {
            return outside(self.program, node, super::opaque::SHARED);
        }
        if !self.counted_lists.contains(&t.path) {
            self.counted_lists.push(t.path.clone());
        }
        let name = t.values.get(v).cloned().unwrap_or_default();
        Ok(self.space.intern(Dim {
            key: DimKey {
                root: t.root.clone(),
                path: t.path.clone(),
                facet: Facet::Count(v as u32),
            },
            domain: Domain::Ordered {
                kind: OrderedKind::Int,
                integral: true,
                lo: Some(Decimal::ZERO),
                hi: Some(Decimal::from(crate::doc::MAX_LIST_LEN as i64)),
            },
            label: format!("count({name} in {})", t.label),
            ty: Type::Int(Unit::Plain),
        }))
    }

    /// The box of count dimension `d` within `lo..=hi` (`None`: unbounded above).
    fn tally_range(&self, d: DimId, lo: i64, hi: Option<i64>) -> Option<Cube> {
        let range = Interval {
            lo: Some(Bound::closed(Decimal::from(lo))),
            hi: hi.map(|h| Bound::closed(Decimal::from(h))),
        };
        Cube::universe().intersect(&Cube::single(d, Constraint::Range(range)), &self.space)
    }

    /// `value in list` (or not, `!positive`) for a list of enum values: its count is at least
    /// one (or zero), for each enum value `value` may take.
    pub(super) fn in_tallied(
        &mut self,
        node: &Node,
        value: &Node,
        list: &Node,
        positive: bool,
    ) -> Lowered<Dnf> {
        let Some(t) = self.tallied(list) else {
            return outside(
                self.program,
                node,
                "membership in a list that is not read from the document",
            );
        };
        let mut out = Vec::new();
        for v in 0..t.values.len() {
            let is_v = self.condition(&constant_test(value, Value::Enum(v as u32)), true)?;
            if is_v.is_empty() {
                continue;
            }
            let d = self.tally_dim(node, &t, v)?;
            let count = if positive {
                self.tally_range(d, 1, None)
            } else {
                self.tally_range(d, 0, Some(0))
            };
            let both = and(&is_v, &Vec::from_iter(count), &self.space, BOX_LIMIT);
            match both {
                Some(b) => out.extend(b),
                None => return outside(self.program, node, "too many cases to expand"),
            }
        }
        Ok(out)
    }

    /// Lower `f` with the aggregate's item being value `v` of its enum.
    fn at_value<T>(
        &mut self,
        agg: &Aggregate,
        v: usize,
        f: impl FnOnce(&mut Self) -> Lowered<T>,
    ) -> Lowered<T> {
        let before: Option<Binding> = self.slots.remove(&agg.slot);
        let held = self.constants.insert(agg.slot, Value::Enum(v as u32));
        let out = f(self);
        match held {
            Some(h) => self.constants.insert(agg.slot, h),
            None => self.constants.remove(&agg.slot),
        };
        if let Some(b) = before {
            self.slots.insert(agg.slot, b);
        }
        out
    }

    /// Where an item holding value `v` passes the filter and the body (or fails the body,
    /// `!body_holds`); with `negate`, where it does not.
    fn counted_at(
        &mut self,
        node: &Node,
        agg: &Aggregate,
        v: usize,
        body_holds: bool,
        negate: bool,
    ) -> Lowered<Dnf> {
        let too_many = |this: &Self| outside(this.program, node, "too many cases to expand");
        self.at_value(agg, v, |this| {
            let filter = match &agg.filter {
                Some(f) => Some((this.condition(f, true)?, this.condition(f, false)?)),
                None => None,
            };
            let body = match &agg.body {
                Some(b) => Some((
                    this.condition(b, body_holds)?,
                    this.condition(b, !body_holds)?,
                )),
                None => None,
            };
            let universe = || vec![Cube::universe()];
            match (negate, filter, body) {
                (false, f, b) => {
                    let f = f.map_or_else(universe, |x| x.0);
                    let b = b.map_or_else(universe, |x| x.0);
                    and(&f, &b, &this.space, BOX_LIMIT).map_or_else(|| too_many(this), Ok)
                }
                // Fails the filter, or passes it and fails the body.
                (true, f, b) => {
                    let (f_yes, f_no) = f.unwrap_or_else(|| (universe(), Vec::new()));
                    let b_no = b.map_or_else(Vec::new, |x| x.1);
                    let Some(mut out) = and(&f_yes, &b_no, &this.space, BOX_LIMIT) else {
                        return too_many(this);
                    };
                    out.extend(f_no);
                    Ok(out)
                }
            }
        })
    }

    /// `any`/`all` over a list of enum values: some value held (count at least one) passes the
    /// filter and the body (or fails the body), or every value held does not.
    pub(super) fn tallied_quantifier(
        &mut self,
        node: &Node,
        agg: &Aggregate,
        positive: bool,
    ) -> Lowered<Dnf> {
        let Some(t) = self.tallied(&agg.list) else {
            return outside(
                self.program,
                node,
                "a quantifier over a list that is not read from the document",
            );
        };
        // Some held item passes (`any`) or fails the body (`not all`); else none does.
        let (some, body_holds) = match (agg.op, positive) {
            (AggOp::Any, true) => (true, true),
            (AggOp::All, false) => (true, false),
            (AggOp::Any, false) => (false, true),
            (AggOp::All, true) => (false, false),
            _ => return outside(self.program, node, "an aggregate used as a condition"),
        };
        let mut acc: Dnf = if some {
            Vec::new()
        } else {
            vec![Cube::universe()]
        };
        for v in 0..t.values.len() {
            let d = self.tally_dim(node, &t, v)?;
            let part = if some {
                let met = self.counted_at(node, agg, v, body_holds, false)?;
                let held = Vec::from_iter(self.tally_range(d, 1, None));
                and(&held, &met, &self.space, BOX_LIMIT)
            } else {
                let mut fine = self.counted_at(node, agg, v, body_holds, true)?;
                fine.extend(self.tally_range(d, 0, Some(0)));
                and(&acc, &fine, &self.space, BOX_LIMIT)
            };
            let Some(part) = part else {
                return outside(self.program, node, "too many cases to expand");
            };
            if some {
                acc.extend(part);
            } else {
                acc = part;
            }
            if acc.len() > BOX_LIMIT {
                return outside(self.program, node, "too many cases to expand");
            }
        }
        Ok(acc)
    }

    /// `count(...)` or `sum(...)` over a list of enum values compared with `other` (`agg op
    /// other`; `!positive`: where it fails): the weighted sum of the values' counts against
    /// each constant `other` may be. Each value's weight (1 for a count, the body for a sum)
    /// and whether it passes the filter must follow from the value alone.
    pub(super) fn tallied_compare(
        &mut self,
        node: &Node,
        agg: &Aggregate,
        op: Cmp,
        other: &Node,
        positive: bool,
    ) -> Lowered<Dnf> {
        let Some(t) = self.tallied(&agg.list) else {
            return outside(
                self.program,
                node,
                "an aggregate over a list that is not read from the document",
            );
        };
        let mut weights: Vec<(DimId, i64)> = Vec::new();
        for v in 0..t.values.len() {
            let w = self.weight_at(node, agg, v)?;
            if w > 0 {
                weights.push((self.tally_dim(node, &t, v)?, w));
            }
        }
        let op = if positive { op } else { super::negated(op) };
        let mut out = Vec::new();
        for (guard, term) in self.term(other)? {
            let c = match term {
                super::Term::Const(Value::Int(c)) => c,
                _ => {
                    return outside(
                        self.program,
                        node,
                        "a count or sum over a list of values compared with something that is not one of a few whole numbers",
                    )
                }
            };
            let Some(atom) = self.weighted(&weights, op, c) else {
                return outside(
                    self.program,
                    node,
                    &format!("a count or sum over a list of values compared with a number beyond {TALLY_LIMIT} (too many cases to expand)"),
                );
            };
            match and(&guard, &atom, &self.space, BOX_LIMIT) {
                Some(d) => out.extend(d),
                None => return outside(self.program, node, "too many cases to expand"),
            }
        }
        Ok(out)
    }

    /// What one item holding value `v` adds to the aggregate: 0 where it fails the filter, 1
    /// for a count, the body's constant for a sum.
    fn weight_at(&mut self, node: &Node, agg: &Aggregate, v: usize) -> Lowered<i64> {
        let not_alone = |this: &Self| {
            outside(
                this.program,
                node,
                "a count or sum over a list of values whose filter or summand reads more than the item's value",
            )
        };
        self.at_value(agg, v, |this| {
            if let Some(f) = &agg.filter {
                let passes = this.condition(f, true)?;
                if passes.is_empty() {
                    return Ok(0);
                }
                if !this.condition(f, false)?.is_empty() {
                    return not_alone(this);
                }
            }
            match (agg.op, &agg.body) {
                (AggOp::Count, None) => Ok(1),
                (AggOp::Sum, Some(body)) => match this.term(body)?.as_slice() {
                    [(g, super::Term::Const(Value::Int(w)))]
                        if g.iter().any(|c| c.parts.is_empty()) && *w >= 0 =>
                    {
                        Ok(*w)
                    }
                    _ => not_alone(this),
                },
                _ => not_alone(this),
            }
        })
    }

    /// The boxes where `sum of w * count op c` holds, over the counts of `weights` (each weight
    /// at least one): exact, or `None` past `TALLY_LIMIT` or `BOX_LIMIT`.
    fn weighted(&self, weights: &[(DimId, i64)], op: Cmp, c: i64) -> Option<Dnf> {
        let at_least = |c: i64| self.sum_at_least(weights, c);
        let at_most = |c: i64| self.sum_at_most(weights, c);
        match op {
            Cmp::Ge => at_least(c),
            Cmp::Gt => at_least(c.checked_add(1)?),
            Cmp::Le => at_most(c),
            Cmp::Lt => at_most(c.checked_sub(1)?),
            Cmp::Eq => {
                let (lo, hi) = (at_least(c)?, at_most(c)?);
                and(&lo, &hi, &self.space, BOX_LIMIT)
            }
            Cmp::Ne => {
                let mut out = at_most(c.checked_sub(1)?)?;
                out.extend(at_least(c.checked_add(1)?)?);
                Some(out)
            }
        }
    }

    /// Sum at least `c`: one box per least way to reach `c` (every count at least its part).
    fn sum_at_least(&self, weights: &[(DimId, i64)], c: i64) -> Option<Dnf> {
        if c <= 0 {
            return Some(vec![Cube::universe()]);
        }
        if c > TALLY_LIMIT {
            return None;
        }
        let mut out = Vec::new();
        for counts in vectors(weights, c, true)? {
            let mut cube = Cube::universe();
            for ((d, _), n) in weights.iter().zip(&counts) {
                if *n > 0 {
                    cube = cube.intersect(&self.tally_range(*d, *n, None)?, &self.space)?;
                }
            }
            out.push(cube);
        }
        Some(out)
    }

    /// Sum at most `c`: one box per greatest way to stay within `c` (every count at most its
    /// part).
    fn sum_at_most(&self, weights: &[(DimId, i64)], c: i64) -> Option<Dnf> {
        if c < 0 {
            return Some(Vec::new());
        }
        if c > TALLY_LIMIT {
            return None;
        }
        let mut out = Vec::new();
        for counts in vectors(weights, c, false)? {
            let mut cube = Cube::universe();
            for ((d, _), n) in weights.iter().zip(&counts) {
                cube = cube.intersect(&self.tally_range(*d, 0, Some(*n))?, &self.space)?;
            }
            out.push(cube);
        }
        Some(out)
    }
}

/// The condition `value == v`.
fn constant_test(value: &Node, v: Value) -> Node {
    Node {
        kind: NodeKind::Compare(
            Cmp::Eq,
            Box::new(value.clone()),
            Box::new(Node {
                kind: NodeKind::Const(v),
                ty: value.ty.clone(),
                span: value.span,
            }),
        ),
        ty: Type::Bool,
        span: value.span,
    }
}

/// The count vectors (one count per weight) that reach `c` least (`least`: the weighted sum is
/// at least `c`, and less without any one of the items counted) or stay within `c` most (at
/// most `c`, and more with one more of any value). `None` past `BOX_LIMIT` vectors.
fn vectors(weights: &[(DimId, i64)], c: i64, least: bool) -> Option<Vec<Vec<i64>>> {
    fn walk(
        ws: &[i64],
        i: usize,
        sum: i64,
        c: i64,
        least: bool,
        current: &mut Vec<i64>,
        out: &mut Vec<Vec<i64>>,
    ) -> bool {
        let Some(w) = ws.get(i) else {
            let keep = if least {
                sum >= c && current.iter().zip(ws).all(|(n, w)| *n == 0 || sum - w < c)
            } else {
                sum <= c && ws.iter().all(|w| sum + w > c)
            };
            if keep {
                out.push(current.clone());
            }
            return out.len() <= BOX_LIMIT;
        };
        // Past `c` (least) nothing more is needed; within `c` (most) no more fits.
        let most = if least {
            if sum >= c {
                0
            } else {
                (c - sum + w - 1) / w
            }
        } else {
            (c - sum) / w
        };
        for n in 0..=most {
            current.push(n);
            let ok = walk(ws, i + 1, sum + n * w, c, least, current, out);
            current.pop();
            if !ok {
                return false;
            }
        }
        true
    }
    let ws: Vec<i64> = weights.iter().map(|(_, w)| *w).collect();
    if ws.iter().any(|w| *w <= 0) {
        return None;
    }
    let mut out = Vec::new();
    walk(&ws, 0, 0, c, least, &mut Vec::new(), &mut out).then_some(out)
}
