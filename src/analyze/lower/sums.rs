// Sums over lists' items compared with a constant: `sum(x in L where F: x.h) <= c`, and several
// such sums (and constants) added, `sum(...) + sum(...) <= c`; each summand a whole number never
// negative (a field counted from zero, or such a field `?? k`, k >= 0). Decided from bounds on
// each item, both ways, as dates moved by months are (`months`):
//
// - At most `m`: over-approximating, every item the declaration's documents hold (`every_item`)
//   counted by some sum is at most `m` (each summand is at most the total); under-approximating,
//   at most `m` shared out equally among the items the sums count (an item counted by two sums
//   takes two shares). Exact when one item is counted, or `m` is 0.
// - At least `n` (n >= 1): over-approximating, some item of some sum is at least 1 (a total of at
//   least 1 has such an item); under-approximating, `k` new items of one sum each at least
//   `ceil(n / k)`, for the least `k` (up to `SPLIT_MOST`) for which such items can exist. Exact,
//   and read as one item at least `n`, when every counted item could be raised to `n` and still
//   be counted (its value has no upper bound and the filter does not read it), or `n` is 1.
//
// Where the two differ the declaration is marked approximate, and a rule reading it is decided
// only when the under-approximation gives a document that passes and one that fails, the failing
// one run through `eval` (`rules::confirm_under`).

use super::{and, fold, negated, outside, Lowered, Lowerer, Outside, BOX_LIMIT};
use crate::analyze::space::{Cube, Dnf, Domain, Root};
use crate::ir::{Aggregate, Arith, Cmp, Node, NodeKind, Type, Value};
use crate::vocab::AggOp;
use rust_decimal::Decimal;

/// Most new items the under-approximation of "at least n" splits `n` among.
const SPLIT_MOST: i64 = 4;

/// The parts of a sum expression: the sums over lists, and the constants added to them.
struct Summed<'n> {
    sums: Vec<&'n Aggregate>,
    constant: i64,
}

impl<'p> Lowerer<'p> {
    /// Whether `node` is a sum over a list's items, or sums (and constants) added together.
    pub(super) fn is_summed(node: &Node) -> bool {
        match &node.kind {
            NodeKind::Aggregate(g) => g.op == AggOp::Sum,
            NodeKind::Arith(Arith::AddInt | Arith::AddDec, a, b) => {
                (Self::is_summed(a) || Self::is_summed(b))
                    && (Self::is_summed(a) || fold(a).is_some())
                    && (Self::is_summed(b) || fold(b).is_some())
            }
            _ => false,
        }
    }

    /// `a op b` (`!positive`: where it fails), one side a sum expression and the other a
    /// constant.
    pub(super) fn sum_compare(
        &mut self,
        node: &Node,
        op: Cmp,
        a: &Node,
        b: &Node,
        positive: bool,
    ) -> Lowered<Dnf> {
        let (summed, c, op) = match (fold(a), fold(b)) {
            (None, Some(c)) => (a, c, op),
            (Some(c), None) => (b, c, op.flipped()),
            _ => {
                return outside(
                    self.program,
                    node,
                    "a sum over a list compared with something not a constant",
                )
            }
        };
        let Value::Int(c) = c else {
            return outside(
                self.program,
                node,
                "a sum of values that are not whole numbers",
            );
        };
        let mut parts = Summed {
            sums: Vec::new(),
            constant: 0,
        };
        self.summands(summed, &mut parts)?;
        let Some(c) = c.checked_sub(parts.constant) else {
            return outside(self.program, node, "a constant too large");
        };
        let op = if positive { op } else { negated(op) };
        match op {
            Cmp::Le => self.sums_at_most(node, &parts.sums, c),
            Cmp::Lt => self.sums_at_most(node, &parts.sums, c.saturating_sub(1)),
            Cmp::Ge => self.sums_at_least(node, &parts.sums, c),
            Cmp::Gt => self.sums_at_least(node, &parts.sums, c.saturating_add(1)),
            Cmp::Eq | Cmp::Ne => outside(
                self.program,
                node,
                "a sum over a list equal (or not) to a constant",
            ),
        }
    }

    /// Collect the sums and constants `node` adds, each sum's summand checked.
    fn summands<'n>(&self, node: &'n Node, parts: &mut Summed<'n>) -> Lowered<()> {
        match &node.kind {
            NodeKind::Arith(Arith::AddInt | Arith::AddDec, a, b) => {
                self.summands(a, parts)?;
                self.summands(b, parts)
            }
            NodeKind::Aggregate(g) if g.op == AggOp::Sum => {
                if self.is_tallied(&g.list) {
                    return outside(
                        self.program,
                        node,
                        "a sum over a list of values added to another sum (only one such sum compared with a constant is decided)",
                    );
                }
                if !g.body.as_ref().is_some_and(|b| self.counted_from_zero(b)) {
                    return outside(
                        self.program,
                        node,
                        "a sum of values that may be negative, are not whole numbers or are computed (only a field counted from zero, or such a field `?? k`, is decided)",
                    );
                }
                self.quantified_list(node, g)?;
                parts.sums.push(g);
                Ok(())
            }
            _ => match fold(node) {
                Some(Value::Int(k)) => match parts.constant.checked_add(k) {
                    Some(total) => {
                        parts.constant = total;
                        Ok(())
                    }
                    None => outside(self.program, node, "a constant too large"),
                },
                _ => outside(
                    self.program,
                    node,
                    "a sum added to something that is neither a sum over a list nor a whole number",
                ),
            },
        }
    }

    /// Whether a summand is a whole number never negative: a field counted from zero, or such
    /// a field `?? k` with a constant `k >= 0`.
    fn counted_from_zero(&self, body: &Node) -> bool {
        let field_from_zero = |n: &Node| {
            let ty = match &n.ty {
                Type::Optional(t) => (**t).clone(),
                t => t.clone(),
            };
            matches!(n.kind, NodeKind::Field { .. })
                && matches!(
                    self.value_domain(&ty),
                    Some(Domain::Ordered { integral: true, lo: Some(lo), .. }) if lo >= Decimal::ZERO
                )
        };
        match &body.kind {
            NodeKind::Field { .. } => {
                !matches!(body.ty, Type::Optional(_)) && field_from_zero(body)
            }
            NodeKind::Coalesce(a, b) => {
                field_from_zero(a) && matches!(fold(b), Some(Value::Int(k)) if k >= 0)
            }
            _ => false,
        }
    }

    /// Whether an item's summand may be raised without bound and the item still be counted:
    /// its value has no upper bound, and the filter does not read it.
    fn raisable(&self, g: &Aggregate) -> bool {
        let Some(body) = &g.body else { return false };
        let field = match &body.kind {
            NodeKind::Coalesce(a, _) => &**a,
            _ => body,
        };
        let Some(summand) = path_of(field, g.slot) else {
            return false;
        };
        let ty = match &field.ty {
            Type::Optional(t) => (**t).clone(),
            t => t.clone(),
        };
        let unbounded = matches!(
            self.value_domain(&ty),
            Some(Domain::Ordered { hi: Some(hi), .. }) if hi >= Decimal::from(i64::MAX)
        );
        unbounded
            && !g
                .filter
                .as_ref()
                .is_some_and(|f| reads(f, g.slot, &summand))
    }

    /// Items of `path` every document of the declaration holds (those a quantifier over every
    /// item ranges over).
    fn held(&self, path: &[std::sync::Arc<str>]) -> i64 {
        self.witnessed
            .iter()
            .filter(|r| matches!(r, Root::Item { list, .. } if list.as_slice() == path))
            .count() as i64
    }

    /// The added sums are at most `most` (see the module comment).
    fn sums_at_most(&mut self, node: &Node, sums: &[&Aggregate], most: i64) -> Lowered<Dnf> {
        if most < 0 {
            return Ok(Vec::new());
        }
        let mut counted = 0i64;
        for g in sums {
            let (path, _) = self.quantified_list(node, g)?;
            counted += self.held(&path);
        }
        let shared = most / counted.max(1);
        if shared != most {
            self.approximate.get_or_insert(Outside {
                reason: format!(
                    "`{}`: a total of {counted} items' values against a bound, decided from bounds on each (at most the whole, at least an equal share)",
                    self.program.text_on_one_line(node.span)
                ),
                span: node.span,
            });
        }
        let bound = if self.under { shared } else { most };
        let mut acc: Dnf = vec![Cube::universe()];
        for g in sums {
            let each = self.every_item(node, &bounded(g, Cmp::Le, bound), true)?;
            acc = and(&acc, &each, &self.space, BOX_LIMIT).ok_or_else(|| too_many(node))?;
        }
        Ok(acc)
    }

    /// The added sums are at least `least` (see the module comment).
    fn sums_at_least(&mut self, node: &Node, sums: &[&Aggregate], least: i64) -> Lowered<Dnf> {
        if least <= 0 {
            return Ok(vec![Cube::universe()]);
        }
        // Exact when an item counted at all can be raised to the whole bound and still be
        // counted: then a total of at least `least` has an item at least 1, and that item at
        // `least` asks nothing new of the others (as `any` is exact).
        if sums.iter().all(|g| self.raisable(g)) {
            return self.some_summand(node, sums, 1, least);
        }
        if least > 1 {
            self.approximate.get_or_insert(Outside {
                reason: format!(
                    "`{}`: a total against a bound above 1, decided from bounds on each item (some item at least 1; new items sharing the bound)",
                    self.program.text_on_one_line(node.span)
                ),
                span: node.span,
            });
        }
        if !self.under {
            return self.some_summand(node, sums, 1, 1);
        }
        for k in 1..=SPLIT_MOST.min(least) {
            let each = least / k + i64::from(least % k != 0);
            let found = self.some_summand(node, sums, k as usize, each)?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Ok(Vec::new())
    }

    /// Where `k` new items of one of the sums each have a summand at least `each`. The items
    /// asked for are given back when no such items can exist.
    fn some_summand(
        &mut self,
        node: &Node,
        sums: &[&Aggregate],
        k: usize,
        each: i64,
    ) -> Lowered<Dnf> {
        let (quantified, item_lists, asked) =
            (self.quantified.len(), self.item_lists.len(), self.asked);
        let mut out: Dnf = Vec::new();
        for g in sums {
            out.extend(self.some_items(node, &bounded(g, Cmp::Ge, each), k, true)?);
            if out.len() > BOX_LIMIT {
                return Err(too_many(node));
            }
        }
        if out.is_empty() {
            self.quantified.truncate(quantified);
            self.item_lists.truncate(item_lists);
            self.asked = asked;
        }
        Ok(out)
    }
}

/// The field names from the item bound to `slot` to `node`, when `node` is such a path.
fn path_of(node: &Node, slot: u32) -> Option<Vec<&str>> {
    match &node.kind {
        NodeKind::Var(s) if *s == slot => Some(Vec::new()),
        NodeKind::Field { base, name, .. } => {
            let mut path = path_of(base, slot)?;
            path.push(name);
            Some(path)
        }
        _ => None,
    }
}

/// Whether `node` reads the item's value at `summand` (or the whole of something holding it,
/// or something inside it); a field beside it (`x.v` beside `x.h`) is not read.
fn reads(node: &Node, slot: u32, summand: &[&str]) -> bool {
    if let Some(path) = path_of(node, slot) {
        return path.starts_with(summand) || summand.starts_with(&path);
    }
    node.children().into_iter().any(|c| reads(c, slot, summand))
}

fn too_many(node: &Node) -> Outside {
    Outside {
        reason: "too many cases to expand".into(),
        span: node.span,
    }
}

/// The aggregate `g` with its summand `x.v` replaced by the condition `x.v op k`.
fn bounded(g: &Aggregate, op: Cmp, k: i64) -> Aggregate {
    let mut out = g.clone();
    if let Some(body) = &g.body {
        out.body = Some(Node {
            kind: NodeKind::Compare(
                op,
                Box::new(body.clone()),
                Box::new(Node {
                    kind: NodeKind::Const(Value::Int(k)),
                    ty: body.ty.clone(),
                    span: body.span,
                }),
            ),
            ty: Type::Bool,
            span: body.span,
        });
    }
    out
}
