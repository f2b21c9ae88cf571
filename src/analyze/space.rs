// The case space: dimensions read from a document, per-dimension constraints, and boxes (cubes) with exact intersection and subtraction.

use crate::ir::Type;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Where a dimension's path starts: the document, or an item bound by a `for each` (named by the
/// list it runs over and its case, so two rules over the same list talk about the same item).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Root {
    Document,
    Item {
        list: Vec<Arc<str>>,
        case: Option<u32>,
        /// The nth binder over this list and case within one declaration.
        ordinal: u32,
    },
}

/// Which fact about the value at a path a dimension stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The case of a variant (its `kind`).
    Kind,
    /// Whether an optional field is present.
    Present,
    /// The value itself (of an optional field: its value when present).
    Value,
    /// The difference of two ordered dimensions of one kind (first minus second), read from no
    /// path of its own: see `relations`.
    Difference(DimId, DimId),
    /// A date moved by months, read from no path of its own: `base` moved by `months` months,
    /// or (`by` given) by `months` times the number of months `by` holds. Tied to `base` by a
    /// difference constraint within the days those months may be (see `months`).
    Moved {
        base: DimId,
        by: Option<DimId>,
        months: i64,
    },
    /// Of a list of enum values: how many of its items hold the value with this ordinal.
    Count(u32),
    /// Whether the quantifier `Space::opaque[i]` (read as written), which reads nothing but the
    /// list at the path, holds: a truth of its own in a routes table (see `lower::opaque`).
    Opaque(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DimKey {
    pub root: Root,
    pub path: Vec<Arc<str>>,
    pub facet: Facet,
}

/// How the values of an ordered dimension are written back into a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderedKind {
    Int,
    Decimal,
    /// Days from the common era (chrono's `num_days_from_ce`).
    Date,
    /// Minutes after midnight.
    Time,
}

/// Whether value `i` of a finite dimension is in the set `bits` (at most 128 values).
pub(crate) fn set_has(bits: u128, i: usize) -> bool {
    i < 128 && bits & (1u128 << i) != 0
}

/// The names of the values in the set `bits`, in order.
pub(crate) fn set_names(bits: u128, names: &[String]) -> Vec<&str> {
    names
        .iter()
        .enumerate()
        .filter(|(i, _)| set_has(bits, *i))
        .map(|(_, n)| n.as_str())
        .collect()
}

#[derive(Clone, Debug)]
pub enum Domain {
    /// Finitely many values, named in order (enum values, cases, `false`/`true`, absent/present).
    Finite(Vec<String>),
    /// An ordered line; integral dimensions hold only whole numbers.
    Ordered {
        kind: OrderedKind,
        integral: bool,
        lo: Option<Decimal>,
        hi: Option<Decimal>,
    },
}

#[derive(Clone, Debug)]
pub struct Dim {
    pub key: DimKey,
    pub domain: Domain,
    /// How a person reads it: `case.rosh`, `r.hours`, `present(order.fine)`.
    pub label: String,
    /// The type at the path (for the witness builder).
    pub ty: Type,
}

pub type DimId = usize;

/// A small map keyed by dimension (a box's constraints, a point's values), in one vector sorted
/// by dimension: iterated in the order a `BTreeMap` would be, but a box of a handful of
/// constraints is cloned, searched and dropped all the time, and a B-tree's nodes cost an
/// allocation each and their generic code 4–6 KB of the lint module per value type (twiggy).
pub type DimMap<V> = litemap::LiteMap<DimId, V>;

/// Every dimension met while lowering the conditions of one analysis.
#[derive(Clone, Debug, Default)]
pub struct Space {
    pub dims: Vec<Dim>,
    /// Each dimension by its key: sorted (a few hundred at most), as the boxes keep theirs.
    index: litemap::LiteMap<DimKey, DimId>,
    /// Whether some dimension is a difference (boxes then need the whole-system check).
    relations: bool,
    /// The string constants met so far, in slot order (see `string_names`).
    strings: Vec<String>,
    /// For each `Facet::Opaque` dimension: its quantifier's text (the same text is the same
    /// truth), and a document where it fails and one where it holds (each run through `eval`),
    /// whose list a witness takes.
    pub opaque: Vec<(String, [serde_json::Value; 2])>,
}

/// Slots of a string dimension: the constants the conditions name, then stand-ins for strings
/// none of them names, each different from every other.
const STRING_SLOTS: usize = 64;
/// At most this many string constants, so that 16 slots stay for unnamed strings: exact while a
/// box ties at most 16 string values to each other (the shipped rulebooks tie at most 3).
const STRING_CONSTANTS: usize = STRING_SLOTS - 16;

impl Space {
    /// The names of a string dimension's slots: each constant as itself, every other slot a
    /// stand-in (`‹text 3›`) for a string no condition names, all different from each other.
    /// A slot not yet a constant may become one later: every constraint made so far treats it
    /// as a string different from the earlier constants and from the other slots, and the new
    /// constant is that.
    pub fn string_names(&self) -> Vec<String> {
        (0..STRING_SLOTS)
            .map(|i| match self.strings.get(i) {
                Some(s) => s.clone(),
                None => self.stand_in(i),
            })
            .collect()
    }

    fn stand_in(&self, i: usize) -> String {
        let mut name = format!("‹text {}›", i + 1 - self.strings.len().min(i));
        while self.strings.contains(&name) {
            name.push('′');
        }
        name
    }

    /// The slot of a string constant, taken now if new; `None` when too many are named.
    pub fn string_slot(&mut self, text: &str) -> Option<u32> {
        if let Some(i) = self.strings.iter().position(|s| s == text) {
            return u32::try_from(i).ok();
        }
        if self.strings.len() >= STRING_CONSTANTS {
            return None;
        }
        self.strings.push(text.to_string());
        let names = self.string_names();
        for dim in &mut self.dims {
            if dim.ty == Type::Str {
                dim.domain = Domain::Finite(names.clone());
            }
        }
        u32::try_from(self.strings.len() - 1).ok()
    }

    /// The constants a string dimension's slots name (the rest are stand-ins).
    pub fn string_constants(&self) -> usize {
        self.strings.len()
    }
}

impl Space {
    pub fn dim(&self, id: DimId) -> Option<&Dim> {
        self.dims.get(id)
    }

    pub fn intern(&mut self, dim: Dim) -> DimId {
        if let Some(id) = self.index.get(&dim.key) {
            return *id;
        }
        let id = self.dims.len();
        self.relations |= matches!(dim.key.facet, Facet::Difference(..));
        self.index.insert(dim.key.clone(), id);
        self.dims.push(dim);
        id
    }

    /// The whole domain of a dimension as a constraint.
    pub fn full(&self, id: DimId) -> Constraint {
        match self.dims.get(id).map(|d| &d.domain) {
            Some(Domain::Finite(names)) => Constraint::Set(all_bits(names.len())),
            Some(Domain::Ordered { lo, hi, .. }) => Constraint::Range(Interval {
                lo: lo.map(Bound::closed),
                hi: hi.map(Bound::closed),
            }),
            None => Constraint::Set(0),
        }
    }

    pub fn integral(&self, id: DimId) -> bool {
        matches!(
            self.dims.get(id).map(|d| &d.domain),
            Some(Domain::Ordered { integral: true, .. }) | Some(Domain::Finite(_))
        )
    }
}

pub fn all_bits(n: usize) -> u128 {
    if n >= 128 {
        u128::MAX
    } else {
        (1u128 << n) - 1
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bound {
    pub value: Decimal,
    pub closed: bool,
}

impl Bound {
    pub fn closed(value: Decimal) -> Bound {
        Bound {
            value,
            closed: true,
        }
    }
    pub fn open(value: Decimal) -> Bound {
        Bound {
            value,
            closed: false,
        }
    }
}

/// An interval of an ordered dimension; `None` is unbounded on that side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Interval {
    pub lo: Option<Bound>,
    pub hi: Option<Bound>,
}

impl Interval {
    pub fn is_empty(&self) -> bool {
        match (self.lo, self.hi) {
            (Some(l), Some(h)) => {
                l.value > h.value || (l.value == h.value && !(l.closed && h.closed))
            }
            _ => false,
        }
    }

    /// Whole numbers only: open bounds become the next whole number inside.
    pub fn integral(self) -> Interval {
        let lo = self.lo.map(|b| {
            let c = b.value.ceil();
            Bound::closed(if !b.closed && c == b.value {
                c + Decimal::ONE
            } else {
                c
            })
        });
        let hi = self.hi.map(|b| {
            let f = b.value.floor();
            Bound::closed(if !b.closed && f == b.value {
                f - Decimal::ONE
            } else {
                f
            })
        });
        Interval { lo, hi }
    }

    pub(crate) fn intersect(&self, other: &Interval) -> Interval {
        let lo = match (self.lo, other.lo) {
            (Some(a), Some(b)) => Some(if a.value > b.value || (a.value == b.value && !a.closed) {
                a
            } else {
                b
            }),
            (a, b) => a.or(b),
        };
        let hi = match (self.hi, other.hi) {
            (Some(a), Some(b)) => Some(if a.value < b.value || (a.value == b.value && !a.closed) {
                a
            } else {
                b
            }),
            (a, b) => a.or(b),
        };
        Interval { lo, hi }
    }

    /// `self` without `other`: at most two pieces.
    fn minus(&self, other: &Interval, integral: bool) -> Vec<Interval> {
        let mut out = Vec::new();
        if let Some(l) = other.lo {
            let below = Interval {
                lo: self.lo,
                hi: Some(Bound {
                    value: l.value,
                    closed: !l.closed,
                }),
            };
            out.push(below.intersect(self));
        }
        if let Some(h) = other.hi {
            let above = Interval {
                lo: Some(Bound {
                    value: h.value,
                    closed: !h.closed,
                }),
                hi: self.hi,
            };
            out.push(above.intersect(self));
        }
        out.into_iter()
            .map(|i| if integral { i.integral() } else { i })
            .filter(|i| !i.is_empty())
            .collect()
    }

    pub(crate) fn contains(&self, v: Decimal) -> bool {
        self.lo
            .is_none_or(|b| v > b.value || (b.closed && v == b.value))
            && self
                .hi
                .is_none_or(|b| v < b.value || (b.closed && v == b.value))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Constraint {
    /// Allowed ordinals of a finite dimension, as bits.
    Set(u128),
    Range(Interval),
}

impl Constraint {
    pub fn is_empty(&self) -> bool {
        match self {
            Constraint::Set(b) => *b == 0,
            Constraint::Range(i) => i.is_empty(),
        }
    }

    pub(crate) fn intersect(&self, other: &Constraint, integral: bool) -> Constraint {
        match (self, other) {
            (Constraint::Set(a), Constraint::Set(b)) => Constraint::Set(a & b),
            (Constraint::Range(a), Constraint::Range(b)) => {
                let i = a.intersect(b);
                Constraint::Range(if integral { i.integral() } else { i })
            }
            _ => Constraint::Set(0),
        }
    }

    pub(crate) fn minus(&self, other: &Constraint, integral: bool) -> Vec<Constraint> {
        match (self, other) {
            (Constraint::Set(a), Constraint::Set(b)) => {
                let rest = a & !b;
                if rest == 0 {
                    Vec::new()
                } else {
                    vec![Constraint::Set(rest)]
                }
            }
            (Constraint::Range(a), Constraint::Range(b)) => a
                .minus(b, integral)
                .into_iter()
                .map(Constraint::Range)
                .collect(),
            _ => vec![self.clone()],
        }
    }

    fn is_within(&self, other: &Constraint, integral: bool) -> bool {
        self.minus(other, integral).is_empty()
    }
}

/// A box of the case space: one constraint per constrained dimension; a missing dimension is
/// unconstrained (its whole domain).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Cube {
    pub parts: DimMap<Constraint>,
}

/// A union of boxes (a condition in disjunctive normal form).
pub type Dnf = Vec<Cube>;

impl Cube {
    pub fn universe() -> Cube {
        Cube::default()
    }

    /// Each input either box constrains, once: no list to build and sort.
    pub fn dims_with<'a>(&'a self, other: &'a Cube) -> impl Iterator<Item = DimId> + 'a {
        let theirs = other.parts.keys().filter(|d| !self.parts.contains_key(*d));
        self.parts.keys().chain(theirs).copied()
    }

    pub fn single(dim: DimId, c: Constraint) -> Cube {
        Cube {
            parts: DimMap::from_sorted_store_unchecked(vec![(dim, c)]),
        }
    }

    pub fn get(&self, space: &Space, dim: DimId) -> Constraint {
        self.parts
            .get(&dim)
            .cloned()
            .unwrap_or_else(|| space.full(dim))
    }

    pub fn intersect(&self, other: &Cube, space: &Space) -> Option<Cube> {
        // Most pairs of boxes meet nowhere: that is found before any list is made.
        if other.parts.iter().any(|(d, theirs)| {
            let full;
            let mine = match self.parts.get(d) {
                Some(c) => c,
                None => {
                    full = space.full(*d);
                    &full
                }
            };
            mine.intersect(theirs, space.integral(*d)).is_empty()
        }) {
            return None;
        }
        // Both are sorted by dimension: one walk through the two builds the sorted result, with
        // no copy of `self` to insert into (the analysis's hottest step).
        let mut parts = Vec::with_capacity(self.parts.len() + other.parts.len());
        let mut mine = self.parts.iter().peekable();
        for (d, theirs) in &other.parts {
            while let Some((m, c)) = mine.next_if(|(m, _)| *m < d) {
                parts.push((*m, c.clone()));
            }
            let merged = match mine.next_if(|(m, _)| *m == d) {
                Some((_, c)) => c.intersect(theirs, space.integral(*d)),
                None => theirs.intersect(&space.full(*d), space.integral(*d)),
            };
            if merged.is_empty() {
                return None;
            }
            parts.push((*d, merged));
        }
        parts.extend(mine.map(|(m, c)| (*m, c.clone())));
        let cube = Cube {
            parts: DimMap::from_sorted_store_unchecked(parts),
        };
        (!space.relations || super::relations::feasible(&cube, space)).then_some(cube)
    }

    /// `self` without `other`, as disjoint boxes.
    pub fn minus(&self, other: &Cube, space: &Space) -> Vec<Cube> {
        if self.intersect(other, space).is_none() {
            return vec![self.clone()];
        }
        let mut out = Vec::new();
        let mut rest = self.clone();
        for (d, c) in &other.parts {
            let integral = space.integral(*d);
            let mine = rest.get(space, *d);
            for piece in mine.minus(c, integral) {
                let mut cube = rest.clone();
                cube.parts.insert(*d, piece);
                out.push(cube);
            }
            rest.parts.insert(*d, mine.intersect(c, integral));
        }
        if space.relations {
            out.retain(|c| super::relations::feasible(c, space));
        }
        out
    }

    pub fn is_within(&self, other: &Cube, space: &Space) -> bool {
        other
            .parts
            .iter()
            .all(|(d, c)| self.get(space, *d).is_within(c, space.integral(*d)))
    }

    /// Whether one point (one value per constrained dimension) lies in this box.
    pub fn holds_at(&self, point: &DimMap<Decimal>, space: &Space) -> bool {
        self.parts.iter().all(|(d, c)| {
            let v = point
                .get(d)
                .copied()
                .or_else(|| pick(&space.full(*d), space, *d));
            match (c, v) {
                (Constraint::Set(bits), Some(v)) => {
                    let i: usize = v.try_into().unwrap_or(usize::MAX);
                    set_has(*bits, i)
                }
                (Constraint::Range(r), Some(v)) => r.contains(v),
                _ => false,
            }
        })
    }
}

/// Most pairs of boxes one `and`, or box differences one `minus`, may work through before it
/// gives up (`None`, as for too many boxes out). The box limit alone bounds what comes out, not
/// the work: two unions of 8,000 and 16,000 boxes meeting nowhere took half a minute. This is
/// twice the largest product a shipped rulebook needs (2,048 by 2,048 boxes).
pub const WORK_LIMIT: usize = 1 << 23;

/// Product of two unions (their conjunction), dropping empty boxes.
pub fn and(a: &[Cube], b: &[Cube], space: &Space, limit: usize) -> Option<Dnf> {
    if a.len().saturating_mul(b.len()) > WORK_LIMIT {
        return None;
    }
    let mut out = Vec::new();
    for x in a {
        for y in b {
            if let Some(c) = x.intersect(y, space) {
                out.push(c);
                if out.len() > limit {
                    return None;
                }
            }
        }
    }
    Some(out)
}

/// `a` without every box of `b`, as disjoint boxes.
pub fn minus(a: &[Cube], b: &[Cube], space: &Space, limit: usize) -> Option<Dnf> {
    let mut rest: Dnf = a.to_vec();
    let mut work = 0usize;
    for cut in b {
        work = work.saturating_add(rest.len());
        if work > WORK_LIMIT {
            return None;
        }
        let mut next = Vec::new();
        for piece in &rest {
            next.extend(piece.minus(cut, space));
            if next.len() > limit {
                return None;
            }
        }
        rest = next;
        if rest.is_empty() {
            break;
        }
    }
    Some(rest)
}

/// Whether the intersection of two unions is non-empty, trying at most `WORK_LIMIT` pairs of
/// boxes (`None` when that many meet nowhere).
pub fn try_meets(a: &[Cube], b: &[Cube], space: &Space) -> Option<bool> {
    if super::hull::surely_apart(a, b, space) {
        return Some(false);
    }
    let mut work = 0usize;
    for x in a {
        work = work.saturating_add(b.len());
        if b.iter().any(|y| x.intersect(y, space).is_some()) {
            return Some(true);
        }
        if work > WORK_LIMIT {
            return None;
        }
    }
    Some(false)
}

/// The intersection of two unions is non-empty.
pub fn meets(a: &[Cube], b: &[Cube], space: &Space) -> bool {
    a.iter()
        .any(|x| b.iter().any(|y| x.intersect(y, space).is_some()))
}

/// Join boxes that differ in one dimension only where the union is again a box: fewer, larger
/// boxes for people to read. Keeps the union exactly.
pub fn merge(mut cubes: Dnf, space: &Space) -> Dnf {
    loop {
        let mut joined = false;
        'search: for i in 0..cubes.len() {
            for j in (i + 1)..cubes.len() {
                let (Some(a), Some(b)) = (cubes.get(i), cubes.get(j)) else {
                    continue;
                };
                if let Some(c) = join(a, b, space) {
                    cubes.swap_remove(j);
                    if let Some(slot) = cubes.get_mut(i) {
                        *slot = c;
                    }
                    joined = true;
                    break 'search;
                }
            }
        }
        if !joined {
            return cubes;
        }
    }
}

fn join(a: &Cube, b: &Cube, space: &Space) -> Option<Cube> {
    if a.is_within(b, space) {
        return Some(b.clone());
    }
    if b.is_within(a, space) {
        return Some(a.clone());
    }
    let mut differing = None;
    for d in a.dims_with(b) {
        let (x, y) = (a.get(space, d), b.get(space, d));
        if x != y {
            if differing.is_some() {
                return None;
            }
            differing = Some((d, x, y));
        }
    }
    let (d, x, y) = differing?;
    let union = match (x, y) {
        (Constraint::Set(p), Constraint::Set(q)) => Constraint::Set(p | q),
        (Constraint::Range(p), Constraint::Range(q)) => {
            let integral = space.integral(d);
            let touches = |l: &Interval, r: &Interval| match (l.hi, r.lo) {
                (Some(h), Some(lo)) => {
                    h.value > lo.value
                        || (h.value == lo.value && (h.closed || lo.closed))
                        || (integral && h.closed && lo.closed && h.value + Decimal::ONE == lo.value)
                }
                _ => true,
            };
            let (first, second) = if p.lo.map(|b| b.value) <= q.lo.map(|b| b.value) {
                (p, q)
            } else {
                (q, p)
            };
            if !touches(&first, &second) {
                return None;
            }
            let hi = match (first.hi, second.hi) {
                (Some(a), Some(b)) => {
                    Some(if a.value > b.value || (a.value == b.value && a.closed) {
                        a
                    } else {
                        b
                    })
                }
                _ => None,
            };
            let lo = match (first.lo, second.lo) {
                (Some(a), Some(b)) if a.value == b.value => Some(if a.closed { a } else { b }),
                (Some(a), Some(_)) => Some(a),
                _ => None,
            };
            Constraint::Range(Interval { lo, hi })
        }
        _ => return None,
    };
    let mut c = a.clone();
    c.parts.insert(d, union);
    Some(c)
}

/// The largest whole number a JavaScript number holds exactly (2^53 - 1): every value in a
/// witness stays within it, so a witness survives `JSON.parse` and `JSON.stringify`.
pub const JS_SAFE: i64 = 9_007_199_254_740_991;

/// One value inside a constraint, as a person would pick it: the least member of a set; of an
/// interval its lower end (the boundary case), else its upper end, else a neutral value (zero,
/// or 2024-01-01 for dates). Never an end of the value type itself (`i64::MIN`, the first date
/// chrono knows) and never beyond `JS_SAFE`: `None` when the interval holds no such value.
pub fn pick(c: &Constraint, space: &Space, dim: DimId) -> Option<Decimal> {
    match c {
        Constraint::Set(bits) => {
            if *bits == 0 {
                None
            } else {
                Some(Decimal::from(bits.trailing_zeros()))
            }
        }
        Constraint::Range(i) => {
            let integral = space.integral(dim);
            let i = if integral { i.integral() } else { *i };
            if i.is_empty() {
                return None;
            }
            let (kind, dom_lo, dom_hi) = match space.dim(dim).map(|d| &d.domain) {
                Some(Domain::Ordered { kind, lo, hi, .. }) => (Some(*kind), *lo, *hi),
                _ => (None, None, None),
            };
            let neutral = match kind {
                Some(OrderedKind::Date) => chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
                    .map_or(Decimal::ZERO, |d| {
                        Decimal::from(chrono::Datelike::num_days_from_ce(&d))
                    }),
                _ => Decimal::ZERO,
            };
            let safe = Decimal::from(JS_SAFE);
            // An end of the type (not a bound a rule wrote) is no value a person would pick.
            let type_end = |v: Decimal| {
                (Some(v) == dom_lo || Some(v) == dom_hi)
                    && (kind == Some(OrderedKind::Date) || v.abs() > safe)
            };
            let lo = i.lo.map(|b| b.value).filter(|v| !type_end(*v));
            let hi = i.hi.map(|b| b.value).filter(|v| !type_end(*v));
            let lo_closed = i.lo.is_some_and(|b| b.closed);
            let hi_closed = i.hi.is_some_and(|b| b.closed);
            let mut candidates = Vec::new();
            match (lo, hi) {
                (Some(l), _) if lo_closed => candidates.push(l),
                (Some(l), Some(h)) => {
                    let mid = (l + h) / Decimal::TWO;
                    candidates.push(if hi_closed && (mid <= l || mid > h) {
                        h
                    } else {
                        mid
                    });
                }
                (Some(l), None) => candidates.push(l + Decimal::ONE),
                _ => {}
            }
            match hi {
                Some(h) if hi_closed => candidates.push(h),
                Some(h) => candidates.push(h - Decimal::ONE),
                None => {}
            }
            candidates.push(neutral);
            candidates
                .into_iter()
                .find(|v| i.contains(*v) && v.abs() <= safe && !type_end(*v))
        }
    }
}

impl Space {
    pub fn find(&self, key: &DimKey) -> Option<DimId> {
        self.index.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Type;

    /// A space of one whole-number dimension, and `n` boxes each holding one value of it,
    /// from `from` on.
    fn points(from: i64, n: usize) -> (Space, DimId, Dnf) {
        let mut space = Space::default();
        let d = space.intern(Dim {
            key: DimKey {
                root: Root::Document,
                path: vec!["n".into()],
                facet: Facet::Value,
            },
            domain: Domain::Ordered {
                kind: OrderedKind::Int,
                integral: true,
                lo: None,
                hi: None,
            },
            label: "n".into(),
            ty: Type::Int(crate::ir::Unit::Plain),
        });
        (space, d, boxes(d, from, n))
    }

    fn boxes(d: DimId, from: i64, n: usize) -> Dnf {
        (from..)
            .take(n)
            .map(|v| {
                let at = Bound::closed(Decimal::from(v));
                Cube::single(
                    d,
                    Constraint::Range(Interval {
                        lo: Some(at),
                        hi: Some(at),
                    }),
                )
            })
            .collect()
    }

    #[test]
    fn a_product_past_the_work_limit_is_refused_before_any_pair_is_tried() {
        let (space, d, a) = points(0, 4096);
        let b = boxes(d, 10_000, WORK_LIMIT / 4096 + 1);
        assert!(a.len() * b.len() > WORK_LIMIT);
        assert_eq!(and(&a, &b, &space, usize::MAX), None);
        // One box fewer is within the limit, and the two unions meet nowhere.
        assert_eq!(and(&a, &b[1..], &space, usize::MAX), Some(Vec::new()));
    }

    #[test]
    fn meeting_is_answered_by_the_first_pair_that_meets_and_refused_past_the_work_limit() {
        let (space, d, a) = points(0, 3);
        assert_eq!(try_meets(&a, &boxes(d, 2, 5), &space), Some(true));
        assert_eq!(try_meets(&a, &boxes(d, 3, 5), &space), Some(false));
        // Many boxes meeting nowhere, though their hulls overlap: the search stops first.
        let many = boxes(d, 0, 4096).into_iter().step_by(2).collect::<Vec<_>>();
        let between = boxes(d, 1, 8194).into_iter().step_by(2).collect::<Vec<_>>();
        assert!(many.len() * between.len() > WORK_LIMIT);
        assert_eq!(try_meets(&many, &between, &space), None);
        // Hulls that share no value answer at once.
        let far = boxes(d, 100_000, WORK_LIMIT / 4096 + 1);
        assert_eq!(try_meets(&many, &far, &space), Some(false));
        let last = boxes(d, 4094, 1);
        assert_eq!(try_meets(&many, &last, &space), Some(true));
    }

    #[test]
    fn a_difference_past_the_work_limit_is_refused() {
        let (space, d, a) = points(0, 4096);
        let cuts = boxes(d, 1_000_000, WORK_LIMIT / 4096 + 1);
        assert_eq!(minus(&a, &cuts, &space, usize::MAX), None);
        assert_eq!(
            minus(&a, &cuts[..8], &space, usize::MAX).map(|d| d.len()),
            Some(4096)
        );
    }
}
