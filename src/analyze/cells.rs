// Cell decomposition of a region by a set of boxes: split one dimension at a time at the boxes'
// own boundaries (coordinate compression), memoised on the boxes still active, so the gaps come
// out as merged boxes and every distinct set of boxes that meet in one cell is seen once.

use super::space::{Bound, Constraint, Cube, DimId, DimMap, Interval, Space};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Most work (box memberships tested, nodes visited) one table's decomposition may do.
pub const WORK_BUDGET: u64 = 5_000_000;
/// Most work the check of one row against the rows that could hide it may do, when the whole
/// table's decomposition stopped at its budget; `ROWS_BUDGET` for all rows of a table together.
pub const ROW_BUDGET: u64 = 500_000;
pub const ROWS_BUDGET: u64 = 5_000_000;
/// Most gap boxes one decomposition collects.
pub const GAP_LIMIT: usize = 50_000;

/// How far one decomposition may go: work (box memberships tested, nodes visited) and gap boxes
/// found; past either it stops, and says it is incomplete.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub work: u64,
    pub gaps: usize,
}

/// A whole table.
pub const TABLE: Budget = Budget {
    work: WORK_BUDGET,
    gaps: GAP_LIMIT,
};

/// What a decomposition found.
#[derive(Debug, Default)]
pub struct Cells {
    /// The uncovered part of the region, as disjoint boxes. Complete when `complete`; otherwise
    /// every box listed is still exactly uncovered, but there may be more.
    pub gaps: Vec<Cube>,
    /// Whether the whole region was decomposed within the budget.
    pub complete: bool,
    /// The work spent.
    pub work: u64,
}

struct Walk<'a> {
    budget: Budget,
    space: &'a Space,
    region: &'a Cube,
    boxes: &'a [(usize, Cube)],
    order: Vec<DimId>,
    memo: HashMap<(usize, Vec<u32>), Rc<Vec<Cube>>>,
    seen: HashSet<Vec<usize>>,
    work: u64,
    gaps: usize,
    stopped: bool,
}

/// Decompose `region` by `boxes` (each tagged with its row); `leaf` is called once for each
/// distinct non-empty set of rows whose boxes all hold in some cell of the region (sorted, no
/// repeats). Boxes must lie within `region`.
pub fn decompose(
    space: &Space,
    region: &Cube,
    boxes: &[(usize, Cube)],
    budget: Budget,
    leaf: &mut dyn FnMut(&[usize]),
) -> Cells {
    let mut count: DimMap<usize> = DimMap::new();
    for (_, b) in boxes {
        for (d, c) in &b.parts {
            if *c != region.get(space, *d) {
                *count.entry(*d).or_default() += 1;
            }
        }
    }
    let mut order: Vec<DimId> = count.keys().copied().collect();
    let key = |d: &DimId| (std::cmp::Reverse(count.get(d).copied().unwrap_or(0)), *d);
    super::order::sort_by(&mut order, |a, b| key(a).cmp(&key(b)));
    let mut walk = Walk {
        budget,
        space,
        region,
        boxes,
        order,
        memo: HashMap::new(),
        seen: HashSet::new(),
        work: 0,
        gaps: 0,
        stopped: false,
    };
    let all: Vec<u32> = (0..boxes.len() as u32).collect();
    let found = walk.visit(0, all, leaf);
    let gaps = found
        .iter()
        .filter_map(|g| g.intersect(region, space))
        .collect();
    Cells {
        gaps,
        complete: !walk.stopped,
        work: walk.work,
    }
}

/// Where two bounds cut the line: before or after a value.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cut {
    value: rust_decimal::Decimal,
    after: bool,
}

/// Every value up to `hi` lies below every value from `lo`.
fn ends_before(hi: Option<Bound>, lo: Option<Bound>) -> bool {
    match (hi, lo) {
        (Some(h), Some(l)) => h.value < l.value || (h.value == l.value && !(h.closed && l.closed)),
        _ => false,
    }
}

impl Walk<'_> {
    fn constrains(&self, b: u32, d: DimId) -> Option<&Constraint> {
        let (_, cube) = self.boxes.get(b as usize)?;
        let c = cube.parts.get(&d)?;
        (*c != self.region.get(self.space, d)).then_some(c)
    }

    fn visit(
        &mut self,
        depth: usize,
        active: Vec<u32>,
        leaf: &mut dyn FnMut(&[usize]),
    ) -> Rc<Vec<Cube>> {
        self.work += 1 + active.len() as u64;
        if self.stopped || self.work > self.budget.work || self.gaps > self.budget.gaps {
            self.stopped = true;
            return Rc::new(Vec::new());
        }
        if active.is_empty() {
            self.gaps += 1;
            return Rc::new(vec![Cube::universe()]);
        }
        let key = (depth, active);
        if let Some(r) = self.memo.get(&key) {
            return r.clone();
        }
        let (_, active) = key;
        // The next dimension some active box still constrains; none left: one cell.
        let next = (depth..self.order.len()).find(|k| {
            self.order
                .get(*k)
                .is_some_and(|d| active.iter().any(|b| self.constrains(*b, *d).is_some()))
        });
        let Some(k) = next else {
            let mut rows: Vec<usize> = active
                .iter()
                .filter_map(|b| self.boxes.get(*b as usize).map(|(r, _)| *r))
                .collect();
            super::order::sort_dedup(&mut rows);
            if self.seen.insert(rows.clone()) {
                leaf(&rows);
            }
            let none = Rc::new(Vec::new());
            self.memo.insert((depth, active), none.clone());
            return none;
        };
        let d = self.order.get(k).copied().unwrap_or_default();
        let integral = self.space.integral(d);
        let (pieces, members) = self.split(d, &active);
        // Runs of consecutive pieces with the same active boxes are one piece.
        let mut groups: Vec<(Constraint, Vec<u32>)> = Vec::new();
        for (piece, member) in pieces.into_iter().zip(members) {
            if let Some((last, last_members)) = groups.last_mut() {
                if *last_members == member {
                    if let Some(u) = union(last, &piece, integral) {
                        *last = u;
                        continue;
                    }
                }
            }
            groups.push((piece, member));
        }
        let mut by_gap: Vec<(Cube, Vec<Constraint>)> = Vec::new();
        let mut index: HashMap<Cube, usize> = HashMap::new();
        for (piece, member) in groups {
            let sub = self.visit(k + 1, member, leaf);
            for g in sub.iter() {
                let slot = *index.entry(g.clone()).or_insert_with(|| {
                    by_gap.push((g.clone(), Vec::new()));
                    by_gap.len() - 1
                });
                if let Some((_, pieces)) = by_gap.get_mut(slot) {
                    // Pieces arrive in order: join a piece to the last when they touch.
                    match pieces
                        .last_mut()
                        .and_then(|l| union(l, &piece, integral).map(|u| (l, u)))
                    {
                        Some((l, u)) => *l = u,
                        None => pieces.push(piece.clone()),
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (g, pieces) in by_gap {
            for p in pieces {
                let mut c = g.clone();
                c.parts.insert(d, p);
                out.push(c);
            }
        }
        let out = Rc::new(out);
        self.memo.insert((depth, active), out.clone());
        out
    }

    /// The elementary pieces of the region's dimension `d` that the active boxes tell apart, in
    /// order, and for each the active boxes that hold on it (every other box misses it wholly).
    fn split(&mut self, d: DimId, active: &[u32]) -> (Vec<Constraint>, Vec<Vec<u32>>) {
        let integral = self.space.integral(d);
        match self.region.get(self.space, d) {
            Constraint::Set(all) => {
                let mut pieces = vec![all];
                for b in active {
                    if let Some(Constraint::Set(s)) = self.constrains(*b, d) {
                        let s = *s;
                        pieces = pieces
                            .into_iter()
                            .flat_map(|p| [p & s, p & !s])
                            .filter(|p| *p != 0)
                            .collect();
                    }
                }
                super::order::sort_by(&mut pieces, |a, b| {
                    a.trailing_zeros().cmp(&b.trailing_zeros())
                });
                let members = pieces
                    .iter()
                    .map(|p| {
                        self.work += active.len() as u64;
                        active
                            .iter()
                            .copied()
                            .filter(|b| match self.constrains(*b, d) {
                                Some(Constraint::Set(s)) => s & p != 0,
                                _ => true,
                            })
                            .collect()
                    })
                    .collect();
                (pieces.into_iter().map(Constraint::Set).collect(), members)
            }
            Constraint::Range(whole) => {
                let mut cuts: Vec<Cut> = Vec::new();
                for b in active {
                    if let Some(Constraint::Range(r)) = self.constrains(*b, d) {
                        if let Some(l) = r.lo {
                            cuts.push(Cut {
                                value: l.value,
                                after: !l.closed,
                            });
                        }
                        if let Some(h) = r.hi {
                            cuts.push(Cut {
                                value: h.value,
                                after: h.closed,
                            });
                        }
                    }
                }
                super::order::sort_dedup(&mut cuts);
                let mut pieces: Vec<Interval> = Vec::new();
                let mut lo: Option<Bound> = None;
                for c in cuts.iter().map(Some).chain(std::iter::once(None)) {
                    let hi = c.map(|c| Bound {
                        value: c.value,
                        closed: c.after,
                    });
                    let piece = Interval { lo, hi }.intersect(&whole);
                    let piece = if integral { piece.integral() } else { piece };
                    if !piece.is_empty() {
                        pieces.push(piece);
                    }
                    lo = c.map(|c| Bound {
                        value: c.value,
                        closed: !c.after,
                    });
                }
                let mut members: Vec<Vec<u32>> = vec![Vec::new(); pieces.len()];
                for b in active {
                    let (from, to) = match self.constrains(*b, d) {
                        Some(Constraint::Range(r)) => (
                            pieces.partition_point(|p| ends_before(p.hi, r.lo)),
                            pieces.partition_point(|p| !ends_before(r.hi, p.lo)),
                        ),
                        _ => (0, pieces.len()),
                    };
                    self.work += to.saturating_sub(from) as u64;
                    for m in members.iter_mut().take(to).skip(from) {
                        m.push(*b);
                    }
                }
                (pieces.into_iter().map(Constraint::Range).collect(), members)
            }
        }
    }
}

/// The union of two pieces of one dimension when it is again one piece: sets always; intervals
/// when `b` starts where `a` ends (consecutive elementary pieces always do).
fn union(a: &Constraint, b: &Constraint, integral: bool) -> Option<Constraint> {
    match (a, b) {
        (Constraint::Set(x), Constraint::Set(y)) => Some(Constraint::Set(x | y)),
        (Constraint::Range(x), Constraint::Range(y)) => {
            let adjacent = match (x.hi, y.lo) {
                (Some(h), Some(l)) => {
                    (h.value == l.value && h.closed != l.closed)
                        || (integral
                            && h.closed
                            && l.closed
                            && h.value + rust_decimal::Decimal::ONE == l.value)
                }
                _ => false,
            };
            adjacent.then_some(Constraint::Range(Interval { lo: x.lo, hi: y.hi }))
        }
        _ => None,
    }
}
