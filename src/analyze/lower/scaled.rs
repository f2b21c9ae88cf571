// A multiple of one value compared with another (`w <= d * 7`): not a difference constraint,
// so approximated both ways, as dates moved by months are, on slices of the right-hand value:
// at each slice (`d` fixed) the comparison is exact against a constant; between slices,
// over-approximating, it holds where it does for some `d` in the band (from the band's ends),
// and under-approximating the bands are left out. A rule reading it is decided only when the
// under-approximation gives a document that passes and one that fails, the failing one run
// through `eval` (`rules::confirm_under`).

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
        let text = self.program.text_on_one_line(node.span);
        self.approximate.get_or_insert(super::Outside {
            reason: format!("`{text}`: compares a multiple of one value with another, which is not a difference constraint (decided from slices of the values)"),
            span: node.span,
        });
        let mut out = Vec::new();
        let sided = |t: i64| {
            Decimal::from(*sy)
                .checked_mul(Decimal::from(t))
                .and_then(|v| v.checked_add(*oy))
        };
        for (k, t) in SLICES.iter().enumerate() {
            // The slice `y = t`, exact: `sx * x + ox op sy * t + oy`.
            let at = self.against_constant(node, Cmp::Eq, *y, 1, Decimal::ZERO, &Value::Int(*t))?;
            if let (false, Some(rhs)) = (at.is_empty(), sided(*t)) {
                let side = self.against_constant(node, op, *x, *sx, *ox, &Value::Dec(rhs))?;
                out.extend(self.both(node, &at, &side)?);
            }
            if self.under {
                continue;
            }
            // Over-approximating, the band up to the next slice (below the first, above the
            // last): where `op` holds for some `y` in it, from its ends.
            let (lo, hi) = match k {
                0 => (None, Some(*t)),
                _ => (SLICES.get(k - 1).copied(), Some(*t)),
            };
            out.extend(self.band(node, op, (*x, *sx, *ox), *y, lo, hi, &sided)?);
            if k + 1 == SLICES.len() {
                out.extend(self.band(node, op, (*x, *sx, *ox), *y, Some(*t), None, &sided)?);
            }
        }
        Ok(out)
    }

    fn both(&self, node: &crate::ir::Node, a: &[Cube], b: &[Cube]) -> Lowered<Dnf> {
        match and(a, b, &self.space, BOX_LIMIT) {
            Some(d) => Ok(d),
            None => outside(self.program, node, "too many cases to expand"),
        }
    }

    /// `y` strictly between `lo` and `hi` (`None`: unbounded), and `sx * x + ox op sy * y + oy`
    /// for some `y` there: against the band's ends, each taken as reached (a superset).
    #[allow(clippy::too_many_arguments)]
    fn band(
        &mut self,
        node: &crate::ir::Node,
        op: Cmp,
        (x, sx, ox): (usize, i64, Decimal),
        y: usize,
        lo: Option<i64>,
        hi: Option<i64>,
        sided: &dyn Fn(i64) -> Option<Decimal>,
    ) -> Lowered<Dnf> {
        let mut within: Dnf = vec![Cube::universe()];
        for (edge, cmp) in [(lo, Cmp::Gt), (hi, Cmp::Lt)] {
            if let Some(e) = edge {
                let part = self.against_constant(node, cmp, y, 1, Decimal::ZERO, &Value::Int(e))?;
                within = self.both(node, &within, &part)?;
            }
        }
        if within.is_empty() {
            return Ok(within);
        }
        let (least, most) = (lo.and_then(sided), hi.and_then(sided));
        let mut parts: Vec<(Cmp, Decimal)> = Vec::new();
        match op {
            Cmp::Lt | Cmp::Le => parts.extend(most.map(|m| (Cmp::Le, m))),
            Cmp::Gt | Cmp::Ge => parts.extend(least.map(|l| (Cmp::Ge, l))),
            Cmp::Eq => {
                parts.extend(least.map(|l| (Cmp::Ge, l)));
                parts.extend(most.map(|m| (Cmp::Le, m)));
            }
            Cmp::Ne => {}
        }
        for (cmp, bound) in parts {
            let side = self.against_constant(node, cmp, x, sx, ox, &Value::Dec(bound))?;
            within = self.both(node, &within, &side)?;
        }
        Ok(within)
    }
}
