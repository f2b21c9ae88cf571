// A multiple of one value compared with another (`w <= d * 7`): not a difference constraint,
// so approximated both ways, as dates moved by months are. Over-approximating it holds (and
// fails) anywhere; under-approximating, on a few slices of the right-hand value, each exact
// (`d` fixed, `w` against a constant). A rule reading it is decided only when the
// under-approximation gives a document that passes and one that fails, the failing one run
// through `eval` (`rules::confirm_under`); a finding from the over-approximation alone would
// need the same.

use super::BOX_LIMIT;
use super::{outside, Cmp, Lowered, Lowerer, Term, Value};
use crate::analyze::space::{and, Cube, Dnf, Domain};
use rust_decimal::Decimal;

/// The values of the right-hand side at which the under-approximation slices.
const SLICES: [i64; 12] = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 24, 100];

impl<'p> Lowerer<'p> {
    /// Whether `a op b` compares two ordered document values of one kind at different scales.
    pub(super) fn scaled(&self, a: &Term, b: &Term) -> bool {
        let (
            Term::Dim {
                dim: x, scale: sx, ..
            },
            Term::Dim {
                dim: y, scale: sy, ..
            },
        ) = (a, b)
        else {
            return false;
        };
        let ordered = |d: usize| match self.space.dim(d).map(|d| &d.domain) {
            Some(Domain::Ordered { kind, .. }) => Some(*kind),
            _ => None,
        };
        self.relations && sx != sy && x != y && ordered(*x).is_some() && ordered(*x) == ordered(*y)
    }

    /// The boxes where `a op b` holds (see the module comment); marks the declaration
    /// approximate.
    pub(super) fn compare_scaled(
        &mut self,
        node: &crate::ir::Node,
        op: Cmp,
        a: &Term,
        b: &Term,
    ) -> Lowered<Dnf> {
        let (
            Term::Dim {
                dim: x,
                scale: sx,
                offset: ox,
            },
            Term::Dim {
                dim: y,
                scale: sy,
                offset: oy,
            },
        ) = (a, b)
        else {
            return outside(
                self.program,
                node,
                "a multiple compared with something not a document value",
            );
        };
        let text = self
            .program
            .text(node.span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.approximate.get_or_insert(super::Outside {
            reason: format!("`{text}`: compares a multiple of one value with another, which is not a difference constraint (decided from slices of the values)"),
            span: node.span,
        });
        if !self.under {
            return Ok(vec![Cube::universe()]);
        }
        let mut out = Vec::new();
        for t in SLICES {
            let at = self.against_constant(node, Cmp::Eq, *y, 1, Decimal::ZERO, &Value::Int(t))?;
            if at.is_empty() {
                continue;
            }
            // `sx * x + ox op sy * t + oy`, with `y` fixed at `t`.
            let Some(rhs) = Decimal::from(*sy)
                .checked_mul(Decimal::from(t))
                .and_then(|v| v.checked_add(*oy))
            else {
                continue;
            };
            let side = self.against_constant(node, op, *x, *sx, *ox, &Value::Dec(rhs))?;
            match and(&at, &side, &self.space, BOX_LIMIT) {
                Some(d) => out.extend(d),
                None => return outside(self.program, node, "too many cases to expand"),
            }
        }
        Ok(out)
    }
}
