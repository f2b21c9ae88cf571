// The greatest or least value over a list's items, with a value for an empty list, compared with
// a value: `v <= (max(x in L where F: x.d) ?? D)`. Lowered through quantifiers over the items.
// Over the items passing `F` (the set P), with `W = max(...) ?? D`:
//
// - `v <= W` (and `v < W`; for `min`, `>=` and `>`) holds exactly where some item of P has
//   `v <= x.d`, or P is empty and `v <= D`. Over-approximating: `any(x in P: v <= x.d)` or
//   `v <= D`; under-approximating: `all(x in P: v <= x.d)` and `v <= D`.
// - `v > W` (and `v >= W`; for `min`, `<` and `<=`) holds exactly where every item of P has
//   `v > x.d`, and P has an item or `v > D`. Over-approximating: `all(x in P: v > x.d)`;
//   under-approximating: that and `v > D`.
//
// (A quantifier asking for an item and one over every item of the same list in one condition
// are not lowered together, so the exact forms are not used.) The declaration is marked
// approximate, and a rule reading it is decided only when the under-approximation gives a
// document that passes and one that fails, the failing one run through `eval`
// (`rules::confirm_under`).

use super::{and, negated, outside, Lowered, Lowerer, Outside, BOX_LIMIT};
use crate::analyze::space::Dnf;
use crate::ir::{Aggregate, Cmp, Node, NodeKind, Type};
use crate::vocab::AggOp;

impl<'p> Lowerer<'p> {
    /// The aggregate and the value for an empty list, when `node` is `min(...) ?? D` or
    /// `max(...) ?? D`.
    pub(super) fn extreme(node: &Node) -> Option<(&Aggregate, &Node)> {
        match &node.kind {
            NodeKind::Coalesce(a, d) => match &a.kind {
                NodeKind::Aggregate(g) if matches!(g.op, AggOp::Min | AggOp::Max) => Some((g, d)),
                _ => None,
            },
            _ => None,
        }
    }

    /// `a op b` (`!positive`: where it fails), one side `min(...) ?? D` or `max(...) ?? D`.
    pub(super) fn extreme_compare(
        &mut self,
        node: &Node,
        op: Cmp,
        a: &Node,
        b: &Node,
        positive: bool,
    ) -> Lowered<Dnf> {
        let (value, (agg, default), op) = match (Self::extreme(a), Self::extreme(b)) {
            (None, Some(e)) => (a, e, op),
            (Some(e), None) => (b, e, op.flipped()),
            _ => {
                return outside(
                    self.program,
                    node,
                    "the greatest or least values over two lists compared",
                )
            }
        };
        let op = if positive { op } else { negated(op) };
        let Some(body) = &agg.body else {
            return outside(self.program, node, "`min`/`max` without a value per item");
        };
        if matches!(body.ty, Type::Optional(_)) || matches!(value.ty, Type::Optional(_)) {
            return outside(
                self.program,
                node,
                "the greatest or least of values that may be absent, or compared with one",
            );
        }
        // Whether some item reaching the bound is enough (`v <= max`, `v >= min`), or every item
        // must stay within it (`v > max`, `v < min`).
        let some_enough = match (agg.op, op) {
            (_, Cmp::Eq | Cmp::Ne) => {
                return outside(
                    self.program,
                    node,
                    "the greatest or least value over a list equal (or not) to a value",
                )
            }
            (AggOp::Max, Cmp::Le | Cmp::Lt) | (AggOp::Min, Cmp::Ge | Cmp::Gt) => true,
            _ => false,
        };
        self.approximate.get_or_insert(Outside {
            reason: format!(
                "`{}`: the greatest or least value over a list's items, decided from conditions on each item",
                self.program.text_on_one_line(node.span)
            ),
            span: node.span,
        });
        let per_item = |quantifier: AggOp| Node {
            kind: NodeKind::Aggregate(Box::new(Aggregate {
                op: quantifier,
                slot: agg.slot,
                list: agg.list.clone(),
                case: agg.case,
                filter: agg.filter.clone(),
                body: Some(compared(op, value, body)),
            })),
            ty: Type::Bool,
            span: node.span,
        };
        let against_default = compared(op, value, default);
        let too_many = || outside(self.program, node, "too many cases to expand");
        match (some_enough, self.under) {
            (true, false) => {
                let mut out = self.condition(&per_item(AggOp::Any), true)?;
                out.extend(self.condition(&against_default, true)?);
                if out.len() > BOX_LIMIT {
                    return too_many();
                }
                Ok(out)
            }
            (false, false) => self.condition(&per_item(AggOp::All), true),
            (_, true) => {
                let every = self.condition(&per_item(AggOp::All), true)?;
                let own = self.condition(&against_default, true)?;
                and(&every, &own, &self.space, BOX_LIMIT).map_or_else(too_many, Ok)
            }
        }
    }
}

/// The condition `value op other`.
fn compared(op: Cmp, value: &Node, other: &Node) -> Node {
    Node {
        kind: NodeKind::Compare(op, Box::new(value.clone()), Box::new(other.clone())),
        ty: Type::Bool,
        span: other.span,
    }
}
