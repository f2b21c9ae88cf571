// Cheap, exact pre-filters for containment and meeting between unions of boxes: a box of `a`
// with a point outside the per-dimension hull of `b` is surely not within `b`, and unions whose
// hulls share no value on one dimension meet nowhere, so the box algebra is skipped.

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

/// Whether two unions surely meet nowhere: on some dimension that every box of both constrains,
/// their hulls share no value. `true` answers as the pairwise test would; `false` decides nothing.
pub fn surely_apart(a: &[Cube], b: &[Cube], space: &Space) -> bool {
    let Some(first) = a.first() else {
        return false;
    };
    // `b`'s hull only where `a` has one: most dimensions some box of `a` leaves open.
    first.parts.keys().any(|d| {
        hull(a, *d)
            .and_then(|x| Some((x, hull(b, *d)?)))
            .is_some_and(|(x, y)| x.intersect(&y, space.integral(*d)).is_empty())
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::space::{minus, Dim, DimKey, Domain, Facet, OrderedKind, Root};
    use crate::ir::Type;
    use rust_decimal::Decimal;

    fn dim(space: &mut Space, name: &str, facet: Facet) -> DimId {
        space.intern(Dim {
            key: DimKey {
                root: Root::Document,
                path: vec![name.into()],
                facet,
            },
            domain: Domain::Ordered {
                kind: OrderedKind::Int,
                integral: true,
                lo: None,
                hi: None,
            },
            label: name.into(),
            ty: Type::Int(crate::ir::Unit::Plain),
        })
    }

    fn range(lo: Option<i64>, hi: Option<i64>) -> Constraint {
        Constraint::Range(Interval {
            lo: lo.map(|v| Bound::closed(Decimal::from(v))),
            hi: hi.map(|v| Bound::closed(Decimal::from(v))),
        })
    }

    fn cube(parts: &[(DimId, Constraint)]) -> Cube {
        Cube {
            parts: parts.iter().cloned().collect(),
        }
    }

    fn exactly_within(a: &[Cube], b: &[Cube], space: &Space) -> bool {
        minus(a, b, space, 10_000).is_some_and(|d| d.is_empty())
    }

    #[test]
    fn a_box_outside_the_hull_is_not_within_and_one_inside_is_left_to_the_algebra() {
        let mut space = Space::default();
        let x = dim(&mut space, "x", Facet::Value);
        let y = dim(&mut space, "y", Facet::Value);
        // x >= 0 is not within y >= 5 (y is open in the one, bounded in the other).
        let a = vec![cube(&[(x, range(Some(0), None))])];
        let b = vec![cube(&[(y, range(Some(5), None))])];
        assert!(surely_not_within(&a, &b, &space));
        assert!(!exactly_within(&a, &b, &space));
        // 0..=5 is within 0..=3 or 4..=10: the hull decides nothing, the algebra says within.
        let a = vec![cube(&[(x, range(Some(0), Some(5)))])];
        let b = vec![
            cube(&[(x, range(Some(0), Some(3)))]),
            cube(&[(x, range(Some(4), Some(10)))]),
        ];
        assert!(!surely_not_within(&a, &b, &space));
        assert!(exactly_within(&a, &b, &space));
        // 0..=11 is not, one past the hull.
        let a = vec![cube(&[(x, range(Some(0), Some(11)))])];
        assert!(surely_not_within(&a, &b, &space));
        assert!(!exactly_within(&a, &b, &space));
    }

    #[test]
    fn a_part_outside_the_hull_that_the_differences_rule_out_decides_nothing() {
        let mut space = Space::default();
        let x = dim(&mut space, "x", Facet::Value);
        let y = dim(&mut space, "y", Facet::Value);
        let d = dim(&mut space, "x-y", Facet::Difference(x, y));
        // y >= 5 and 0 <= x - y: x >= 5, so within x >= 5 though x is open.
        let a = vec![cube(&[
            (y, range(Some(5), None)),
            (d, range(Some(0), None)),
        ])];
        let b = vec![cube(&[(x, range(Some(5), None))])];
        assert!(!surely_not_within(&a, &b, &space));
        assert!(exactly_within(&a, &b, &space));
        // ... and with x - y >= -1, x = 4 escapes.
        let a = vec![cube(&[
            (y, range(Some(5), None)),
            (d, range(Some(-1), None)),
        ])];
        assert!(surely_not_within(&a, &b, &space));
        assert!(!exactly_within(&a, &b, &space));
    }

    #[test]
    fn the_hull_never_contradicts_the_exact_difference() {
        let mut space = Space::default();
        let x = dim(&mut space, "x", Facet::Value);
        let y = dim(&mut space, "y", Facet::Value);
        let d = dim(&mut space, "x-y", Facet::Difference(x, y));
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let random_cube = |next: &mut dyn FnMut(u64) -> u64| {
            let mut c = Cube::universe();
            for dim in [x, y, d] {
                if next(3) > 0 {
                    let lo = next(12) as i64 - 4;
                    let hi = lo + next(8) as i64;
                    let open = next(4);
                    c.parts.insert(
                        dim,
                        range((open != 1).then_some(lo), (open != 2).then_some(hi)),
                    );
                }
            }
            c
        };
        let (mut decided, mut cases) = (0, 0);
        for _ in 0..2_000 {
            let a: Vec<Cube> = (0..1 + next(2)).map(|_| random_cube(&mut next)).collect();
            let b: Vec<Cube> = (0..1 + next(3)).map(|_| random_cube(&mut next)).collect();
            cases += 1;
            if surely_not_within(&a, &b, &space) {
                decided += 1;
                assert!(!exactly_within(&a, &b, &space), "{a:?} within {b:?}");
            }
        }
        assert!(decided > cases / 10, "{decided} of {cases}");
    }
}
