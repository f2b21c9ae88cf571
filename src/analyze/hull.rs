// Cheap, exact pre-filter for containment between unions of boxes: a box of `a` with a point
// outside the per-dimension hull of `b` is surely not within `b`, so the box algebra is skipped.

use super::relations::feasible;
use super::space::{Bound, Constraint, Cube, DimId, Interval, Space};

/// The looser of two lower (`upper` false) or upper bounds; `None` is unbounded.
fn looser(a: Option<Bound>, b: Option<Bound>, upper: bool) -> Option<Bound> {
    let (a, b) = (a?, b?);
    let beyond = if upper {
        a.value > b.value
    } else {
        a.value < b.value
    };
    Some(if beyond || (a.value == b.value && a.closed) {
        a
    } else {
        b
    })
}

/// The smallest constraint on `dim` holding every box's, or `None` when some box leaves `dim`
/// open (its hull is the whole domain) or the boxes disagree on its kind.
fn hull(boxes: &[Cube], dim: DimId) -> Option<Constraint> {
    let mut out: Option<Constraint> = None;
    for b in boxes {
        let c = b.parts.get(&dim)?;
        out = Some(match (out, c) {
            (None, c) => c.clone(),
            (Some(Constraint::Set(x)), Constraint::Set(y)) => Constraint::Set(x | y),
            (Some(Constraint::Range(x)), Constraint::Range(y)) => Constraint::Range(Interval {
                lo: looser(x.lo, y.lo, false),
                hi: looser(x.hi, y.hi, true),
            }),
            _ => return None,
        });
    }
    out
}

/// Whether a box has a point: each constraint non-empty within its dimension's domain, and its
/// difference constraints consistent.
fn has_point(cube: &Cube, space: &Space) -> bool {
    cube.parts
        .iter()
        .all(|(d, c)| !c.intersect(&space.full(*d), space.integral(*d)).is_empty())
        && feasible(cube, space)
}

/// Whether some point of `a` lies outside every box of `b` on a dimension every box of `b`
/// constrains. Then `a` is not within `b`, and the exact difference `a - b` (`space::minus`) is
/// non-empty or over its limit: `true` answers exactly as that test would; `false` decides nothing.
pub fn surely_not_within(a: &[Cube], b: &[Cube], space: &Space) -> bool {
    let Some(first) = b.first() else {
        return false;
    };
    let hulls: Vec<(DimId, Constraint)> = first
        .parts
        .keys()
        .filter_map(|d| hull(b, *d).map(|h| (*d, h)))
        .collect();
    a.iter().any(|x| {
        hulls.iter().any(|(d, h)| {
            x.get(space, *d)
                .minus(h, space.integral(*d))
                .into_iter()
                .any(|outside| {
                    let mut piece = x.clone();
                    piece.parts.insert(*d, outside);
                    has_point(&piece, space)
                })
        })
    })
}
