// Difference constraints (`x - y` within an interval, x and y two dimensions of one kind): whether a box that holds some has a point (a negative-cycle check on the constraint graph), and a readable point of it for a witness.
//
// A box over a difference dimension `x - y` stands for the points whose `x` and `y` lie in their
// own intervals and whose difference lies in its one. Set operations on boxes stay exact (they
// work on the lifted coordinates, and the map from points to lifted coordinates is one-to-one);
// only emptiness needs the whole system, which is decided here. Over whole numbers (ints, dates,
// times) a strict bound `< c` is `<= c - 1`, and a system of integer difference constraints has
// an integer solution exactly when its graph has no negative cycle; over decimals strict bounds
// are kept and a zero-weight cycle through a strict edge is infeasible, which is exact over the
// rationals (and the evaluator's decimals).

use super::space::{
    Bound, Constraint, Cube, DimId, DimMap, Domain, Facet, Interval, OrderedKind, Space,
};
use rust_decimal::Decimal;

/// `to - from <= value` (`<` when strict); `None` is no bound.
type Weight = Option<(Decimal, bool)>;

fn add(a: Weight, b: Weight) -> Weight {
    let ((x, s), (y, t)) = (a?, b?);
    Some((x.checked_add(y)?, s || t))
}

/// Whether `a` is a tighter bound than `b`.
fn tighter(a: Weight, b: Weight) -> bool {
    match (a, b) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some((x, s)), Some((y, t))) => x < y || (x == y && s && !t),
    }
}

fn negative(w: Weight) -> bool {
    w.is_some_and(|(x, strict)| x < Decimal::ZERO || (x.is_zero() && strict))
}

/// The constraint graph of one box: node 0 is the constant zero, the others the dimensions the
/// box's difference constraints relate.
struct Graph {
    nodes: Vec<DimId>,
    integral: Vec<bool>,
    edges: Vec<Vec<Weight>>,
}

impl Graph {
    /// The graph of a box's difference constraints, or `None` when it has none.
    fn of(cube: &Cube, space: &Space) -> Option<Graph> {
        let mut pairs = Vec::new();
        for (d, c) in &cube.parts {
            let Some(dim) = space.dim(*d) else { continue };
            if let (Facet::Difference(a, b), Constraint::Range(r)) = (dim.key.facet, c) {
                pairs.push((a, b, *r));
            }
        }
        if pairs.is_empty() {
            return None;
        }
        let mut nodes: Vec<DimId> = pairs.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
        super::order::sort_dedup(&mut nodes);
        let n = nodes.len() + 1;
        let mut g = Graph {
            integral: std::iter::once(true)
                .chain(nodes.iter().map(|d| space.integral(*d)))
                .collect(),
            nodes,
            edges: vec![vec![None; n]; n],
        };
        for i in 0..n {
            g.set(i, i, Some((Decimal::ZERO, false)));
        }
        let at = |g: &Graph, d: DimId| g.nodes.iter().position(|x| *x == d).map(|i| i + 1);
        for i in 1..n {
            let Some(&d) = g.nodes.get(i - 1) else {
                continue;
            };
            if let Constraint::Range(r) = cube.get(space, d) {
                g.interval(0, i, &r);
            }
        }
        for (a, b, r) in pairs {
            if let (Some(ia), Some(ib)) = (at(&g, a), at(&g, b)) {
                g.interval(ib, ia, &r);
            }
        }
        Some(g)
    }

    fn get(&self, from: usize, to: usize) -> Weight {
        self.edges
            .get(from)
            .and_then(|row| row.get(to))
            .copied()
            .flatten()
    }

    fn set(&mut self, from: usize, to: usize, w: Weight) {
        if let Some(slot) = self.edges.get_mut(from).and_then(|row| row.get_mut(to)) {
            *slot = w;
        }
    }

    /// Tighten `to - from <= w`, whole numbers where both ends are whole.
    fn bound(&mut self, from: usize, to: usize, w: Weight) {
        let whole = self.integral.get(from).copied().unwrap_or(false)
            && self.integral.get(to).copied().unwrap_or(false);
        let w = match w {
            Some((c, strict)) if whole => {
                let f = c.floor();
                Some((
                    if strict && f == c {
                        f - Decimal::ONE
                    } else {
                        f
                    },
                    false,
                ))
            }
            w => w,
        };
        if tighter(w, self.get(from, to)) {
            self.set(from, to, w);
        }
    }

    /// `node(to) - node(from)` within `r`.
    fn interval(&mut self, from: usize, to: usize, r: &Interval) {
        if let Some(h) = r.hi {
            self.bound(from, to, Some((h.value, !h.closed)));
        }
        if let Some(l) = r.lo {
            self.bound(to, from, Some((-l.value, !l.closed)));
        }
    }

    /// Shortest paths between every pair (Floyd-Warshall); `false` on a negative cycle.
    fn close(&mut self) -> bool {
        let n = self.edges.len();
        for k in 0..n {
            for i in 0..n {
                let ik = self.get(i, k);
                if ik.is_none() {
                    continue;
                }
                for j in 0..n {
                    let through = add(ik, self.get(k, j));
                    if tighter(through, self.get(i, j)) {
                        self.bound(i, j, through);
                    }
                }
            }
            if (0..n).any(|i| negative(self.get(i, i))) {
                return false;
            }
        }
        true
    }
}

/// Whether a box has a point: always, unless its difference constraints contradict each other
/// or the intervals of the dimensions they relate.
pub fn feasible(cube: &Cube, space: &Space) -> bool {
    match Graph::of(cube, space) {
        None => true,
        Some(mut g) => g.close(),
    }
}

/// Values for the dimensions a box's difference constraints relate, each a value a person would
/// pick (a bound a rule wrote, else 2024-01-01 or zero, else the nearest value to it), chosen one
/// at a time: on a closed graph any value within a dimension's interval extends to a solution.
/// Empty when the box has no difference constraint; `None` when it has no readable point.
pub fn solve(cube: &Cube, space: &Space) -> Option<DimMap<Decimal>> {
    let mut out = DimMap::new_vec();
    let Some(mut g) = Graph::of(cube, space) else {
        return Some(out);
    };
    if !g.close() {
        return None;
    }
    for i in 1..g.edges.len() {
        let d = *g.nodes.get(i - 1)?;
        let bound = |w: Weight, negate: bool| {
            w.map(|(c, strict)| Bound {
                value: if negate { -c } else { c },
                closed: !strict,
            })
        };
        let range = Interval {
            lo: bound(g.get(i, 0), true),
            hi: bound(g.get(0, i), false),
        };
        let v = readable(&range, space, d)?;
        g.bound(0, i, Some((v, false)));
        g.bound(i, 0, Some((-v, false)));
        if !g.close() {
            return None;
        }
        out.insert(d, v);
    }
    Some(out)
}

/// A value of `range` a person would pick: a closed end that reads well, else the neutral value
/// (2024-01-01, zero) or the value nearest it; never one beyond what JavaScript holds exactly.
fn readable(range: &Interval, space: &Space, d: DimId) -> Option<Decimal> {
    let integral = space.integral(d);
    let r = if integral { range.integral() } else { *range };
    if r.is_empty() {
        return None;
    }
    let kind = match space.dim(d).map(|x| &x.domain) {
        Some(Domain::Ordered { kind, .. }) => *kind,
        _ => return None,
    };
    let day = |y, m, dd| {
        chrono::NaiveDate::from_ymd_opt(y, m, dd).map_or(Decimal::ZERO, super::lower::date_number)
    };
    let (neutral, first, last) = match kind {
        OrderedKind::Date => (day(2024, 1, 1), day(1000, 1, 1), day(9999, 12, 31)),
        _ => {
            let far = Decimal::from(1_000_000_000_000_000i64);
            (Decimal::ZERO, -far, far)
        }
    };
    let reads_well = |v: Decimal| v >= first && v <= last;
    let mut candidates = Vec::new();
    candidates.extend(r.lo.filter(|b| b.closed).map(|b| b.value));
    candidates.extend(r.hi.filter(|b| b.closed).map(|b| b.value));
    candidates.push(neutral);
    // The value nearest the neutral one: just inside the end it lies beyond.
    let step = if integral {
        Decimal::ONE
    } else {
        Decimal::new(1, 2)
    };
    if let Some(l) = r.lo.filter(|b| b.value >= neutral) {
        candidates.push(l.value + step);
        if let Some(h) = r.hi {
            candidates.push((l.value + h.value) / Decimal::TWO);
        }
    }
    if let Some(h) = r.hi.filter(|b| b.value <= neutral) {
        candidates.push(h.value - step);
    }
    candidates
        .into_iter()
        .find(|v| r.contains(*v) && reads_well(*v) && (!integral || v.fract().is_zero()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::space::{Dim, DimKey, Root};
    use crate::ir::Type;

    fn ordered(space: &mut Space, name: &str, kind: OrderedKind, integral: bool) -> DimId {
        space.intern(Dim {
            key: DimKey {
                root: Root::Document,
                path: vec![name.into()],
                facet: Facet::Value,
            },
            domain: Domain::Ordered {
                kind,
                integral,
                lo: None,
                hi: None,
            },
            label: name.into(),
            ty: Type::Int(crate::ir::Unit::Plain),
        })
    }

    fn difference(space: &mut Space, a: DimId, b: DimId, integral: bool) -> DimId {
        space.intern(Dim {
            key: DimKey {
                root: Root::Document,
                path: Vec::new(),
                facet: Facet::Difference(a, b),
            },
            domain: Domain::Ordered {
                kind: OrderedKind::Int,
                integral,
                lo: None,
                hi: None,
            },
            label: "d".into(),
            ty: Type::Int(crate::ir::Unit::Plain),
        })
    }

    fn range(lo: Option<(i64, bool)>, hi: Option<(i64, bool)>) -> Constraint {
        let b = |(v, closed): (i64, bool)| Bound {
            value: Decimal::from(v),
            closed,
        };
        Constraint::Range(Interval {
            lo: lo.map(b),
            hi: hi.map(b),
        })
    }

    #[test]
    fn strict_bounds_round_a_cycle_of_whole_numbers_but_not_of_decimals() {
        for integral in [true, false] {
            let mut space = Space::default();
            let kind = if integral {
                OrderedKind::Int
            } else {
                OrderedKind::Decimal
            };
            let x = ordered(&mut space, "x", kind, integral);
            let y = ordered(&mut space, "y", kind, integral);
            let d = difference(&mut space, x, y, integral);
            // 0 < x - y < 1: no whole numbers, some decimals.
            let cube = Cube::single(d, range(Some((0, false)), Some((1, false))));
            assert_eq!(feasible(&cube, &space), !integral);
            // 0 <= x - y <= 1 with x <= 5 and y >= 5: only x = y = 5.
            let mut cube = Cube::single(d, range(Some((0, true)), Some((1, true))));
            cube.parts.insert(x, range(None, Some((5, true))));
            cube.parts.insert(y, range(Some((5, true)), None));
            assert!(feasible(&cube, &space));
            let point = solve(&cube, &space).unwrap();
            assert_eq!(point.get(&x), Some(&Decimal::from(5)));
            assert_eq!(point.get(&y), Some(&Decimal::from(5)));
            // ... and with x < 5 none.
            cube.parts.insert(x, range(None, Some((5, false))));
            assert!(!feasible(&cube, &space));
        }
    }

    #[test]
    fn a_solved_point_reads_well_and_stays_within_javascript_numbers() {
        let mut space = Space::default();
        let x = ordered(&mut space, "x", OrderedKind::Int, true);
        let y = ordered(&mut space, "y", OrderedKind::Int, true);
        let d = difference(&mut space, x, y, true);
        // x - y >= 3 and nothing else: zero for one, three from it for the other.
        let cube = Cube::single(d, range(Some((3, true)), None));
        let point = solve(&cube, &space).unwrap();
        let (vx, vy) = (point[&x], point[&y]);
        assert!(vx - vy >= Decimal::from(3), "{vx} {vy}");
        assert!(vx.abs() <= Decimal::from(3) && vy.abs() <= Decimal::from(3));
    }
}
