// Lowering conditions to unions of boxes (DNF) over document dimensions; anything outside the decidable fragment is refused with a reason.

use super::space::{
    and, minus, Bound, Constraint, Cube, Dim, DimId, DimKey, Dnf, Domain, Facet, Interval,
    OrderedKind, Root, Space,
};
use crate::diag::Span;
use crate::eval::fold;
use crate::ir::{Arith, Builtin, Cmp, Node, NodeKind, Program, Type, Unit, Value};
use crate::vocab::AggOp;
use chrono::{Datelike, NaiveDate};
use litemap::LiteMap;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::sync::Arc;

mod extremes;
mod opaque;
mod scaled;
mod sums;
mod tallies;

/// Most boxes one condition may expand to before the analysis gives up on it.
pub const BOX_LIMIT: usize = 20_000;

/// Why a condition could not be decided exactly, and where.
#[derive(Clone, Debug)]
pub struct Outside {
    pub reason: String,
    pub span: Span,
}

/// What a slot is bound to while lowering.
#[derive(Clone, Debug)]
pub struct Binding {
    pub root: Root,
    pub label: String,
}

/// A value read from the document (`scale * dim + offset`) or a constant.
#[derive(Clone, Debug)]
enum Term {
    Const(Value),
    Dim {
        dim: DimId,
        scale: i64,
        offset: Decimal,
    },
    /// A date dimension moved by months: `dim + u` days, `u` known only within `[lo, hi]`
    /// (`None`: unbounded that way); see `months`.
    Moved {
        dim: DimId,
        lo: Option<Decimal>,
        hi: Option<Decimal>,
    },
}

pub struct Lowerer<'p> {
    pub program: &'p Program,
    pub space: Space,
    slots: LiteMap<u32, Binding>,
    /// Whether comparisons between two document values may be lowered (to difference
    /// constraints); the routes-table cell decomposition works dimension by dimension and
    /// turns this off.
    pub relations: bool,
    /// Items that quantifiers asked to exist in the condition being lowered (a witness holds
    /// each one, even when no condition constrains it).
    quantified: Vec<Root>,
    /// Items every document of the declaration holds: those its `for each` binds and those its
    /// `when` asks to exist. A quantifier over every item of a list ranges over exactly these
    /// (and `quantified`): a witness holds no other item.
    witnessed: Vec<Root>,
    /// Lists a quantifier over every item has been lowered for (`true`: in the `when`, so for the
    /// rest of the declaration); a later item of such a list would escape it.
    universal: Vec<(Vec<Arc<str>>, bool)>,
    /// In this declaration: every list a quantifier over every item was lowered for, and every
    /// list it holds items of (for pairs of declarations, see `rules::pairs`).
    pub every_item_lists: Vec<Vec<Arc<str>>>,
    pub item_lists: Vec<Vec<Arc<str>>>,
    /// In this declaration: every list of enum values read as counts per value (`tallies`).
    pub counted_lists: Vec<Vec<Arc<str>>>,
    /// Aggregate binders standing for one enum value while a list of values is lowered value by
    /// value (`tallies`).
    constants: LiteMap<u32, Value>,
    /// Whether some quantifier of this declaration asked for items to exist.
    pub asked: bool,
    /// The `when` asked for items in only some of its cases (an `or`): a document of another
    /// case does not hold them, so a condition on every item cannot range over them exactly.
    asked_in_part: bool,
    /// How many alternatives (an `or`, an `implies`) enclose the condition being lowered.
    alternatives: u32,
    /// A quantifier asked for items inside an alternative: in only some of the condition's
    /// cases, even when the other alternatives leave one case (an `any` whose filter never
    /// holds adds none, and `n < 3 or any(...)` is then one case that holds no item).
    asked_in_alternative: bool,
    fresh: u32,
    /// Lower comparisons with a date moved by months to where they hold for every number of
    /// days the months may be (an under-approximation); otherwise to where they hold for some
    /// (an over-approximation). Exact conditions lower the same either way.
    pub under: bool,
    /// Why the declaration being lowered is only approximated (a comparison with a date moved
    /// by months whose days are not fixed), if it is: see `months`.
    pub approximate: Option<Outside>,
    /// The values documents are tried with (`search`), gathered on first use.
    pools: Option<Arc<super::search::Pools>>,
}

/// Ordinals of the items quantifiers ask for start here, clear of any binder's.
const FRESH_ITEMS: u32 = 1 << 20;
/// A number of months read from the document is split into bands (over-approximating, each
/// moves a date by the days of its fewest to its most months) starting at these (and their
/// negatives); under-approximating, each band is its value nearest zero.
const MONTH_BANDS: [i64; 11] = [0, 1, 2, 3, 4, 6, 9, 12, 18, 24, 36];
/// Counts compared with constants up to this are decided.
const COUNT_LIMIT: i64 = 16;
const EVERY_ITEM: &str = "a count over a list's items that is neither `at least m` nor `at most k` (`count(...) == k` with k >= 1, `!= k`): the items it asks for may be among those named elsewhere or others, and this is not decided yet";

type Lowered<T> = Result<T, Outside>;

fn outside<T>(program: &Program, node: &Node, why: &str) -> Lowered<T> {
    let text = program.text(node.span);
    let shown = if text.is_empty() {
        String::new()
    } else {
        format!(
            "`{}`: ",
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    };
    Err(Outside {
        reason: format!("{shown}{why}"),
        span: node.span,
    })
}

/// Day number of a date, as the ordered dimensions hold it.
pub fn date_number(d: NaiveDate) -> Decimal {
    Decimal::from(d.num_days_from_ce())
}

impl<'p> Lowerer<'p> {
    pub fn new(program: &'p Program) -> Lowerer<'p> {
        let mut slots = LiteMap::new();
        slots.insert(
            0,
            Binding {
                root: Root::Document,
                label: program.document_name.clone(),
            },
        );
        Lowerer {
            program,
            space: Space::default(),
            slots,
            relations: true,
            quantified: Vec::new(),
            witnessed: Vec::new(),
            universal: Vec::new(),
            every_item_lists: Vec::new(),
            item_lists: Vec::new(),
            counted_lists: Vec::new(),
            constants: LiteMap::new(),
            asked: false,
            asked_in_part: false,
            alternatives: 0,
            asked_in_alternative: false,
            fresh: 0,
            under: false,
            approximate: None,
            pools: None,
        }
    }

    /// A declaration starts: its documents hold the items its `for each` binds.
    pub fn begin(&mut self, bound: &[Root]) {
        self.witnessed = bound.to_vec();
        self.quantified.clear();
        self.universal.clear();
        self.every_item_lists.clear();
        self.counted_lists.clear();
        self.asked = false;
        self.asked_in_part = false;
        self.alternatives = 0;
        self.asked_in_alternative = false;
        self.approximate = None;
        self.item_lists = bound
            .iter()
            .filter_map(|r| match r {
                Root::Item { list, .. } => Some(list.clone()),
                Root::Document => None,
            })
            .collect();
    }

    /// The `when` is lowered (`cases`: how many cases its condition has): the items it asked for
    /// join every document of the declaration (returned for the witness), and its quantifiers
    /// over every item stay in force.
    pub fn end_when(&mut self, cases: usize) -> Vec<Root> {
        let asked = std::mem::take(&mut self.quantified);
        self.asked_in_part = !asked.is_empty() && (cases > 1 || self.asked_in_alternative);
        self.asked_in_alternative = false;
        self.witnessed.extend(asked.iter().cloned());
        for (_, sticky) in &mut self.universal {
            *sticky = true;
        }
        asked
    }

    /// The items the part just lowered asked for.
    pub fn end_part(&mut self) -> Vec<Root> {
        std::mem::take(&mut self.quantified)
    }

    /// A part of `require` is lowered next (where it holds, or where it fails): a case of its
    /// own, apart from the other part's items and quantifiers.
    pub fn begin_part(&mut self) {
        self.quantified.clear();
        self.universal.retain(|(_, sticky)| *sticky);
    }

    pub fn bind(&mut self, slot: u32, binding: Binding) {
        self.slots.insert(slot, binding);
    }

    /// The path of a place in the document: its root, field names, label and type.
    pub fn place(&self, node: &Node) -> Option<(Root, Vec<Arc<str>>, String)> {
        match &node.kind {
            NodeKind::Var(slot) => {
                let b = self.slots.get(slot)?;
                Some((b.root.clone(), Vec::new(), b.label.clone()))
            }
            NodeKind::Field { base, name, .. } => {
                let (root, mut path, label) = self.place(base)?;
                path.push(name.clone());
                Some((root, path, format!("{label}.{name}")))
            }
            _ => None,
        }
    }

    fn value_domain(&self, ty: &Type) -> Option<Domain> {
        Some(match ty {
            Type::Bool => Domain::Finite(vec!["false".into(), "true".into()]),
            Type::Str => Domain::Finite(self.space.string_names()),
            Type::Enum(e) => Domain::Finite(self.program.schema.enum_def(*e)?.values.clone()),
            Type::Case(v) => Domain::Finite(
                self.program
                    .schema
                    .variant(*v)?
                    .cases
                    .iter()
                    .map(|c| c.name.clone())
                    .collect(),
            ),
            Type::Int(unit) => Domain::Ordered {
                kind: OrderedKind::Int,
                integral: true,
                lo: Some(if *unit == Unit::Plain {
                    Decimal::from(i64::MIN)
                } else {
                    Decimal::ZERO
                }),
                hi: Some(Decimal::from(i64::MAX)),
            },
            Type::Decimal | Type::Money | Type::Percent => Domain::Ordered {
                kind: OrderedKind::Decimal,
                integral: false,
                lo: None,
                hi: None,
            },
            Type::Date => Domain::Ordered {
                kind: OrderedKind::Date,
                integral: true,
                lo: Some(date_number(NaiveDate::MIN)),
                hi: Some(date_number(NaiveDate::MAX)),
            },
            Type::Time => Domain::Ordered {
                kind: OrderedKind::Time,
                integral: true,
                lo: Some(Decimal::ZERO),
                hi: Some(Decimal::from(24 * 60 - 1)),
            },
            _ => return None,
        })
    }

    fn dim_at(&mut self, node: &Node, facet: Facet) -> Lowered<(DimId, bool)> {
        if let NodeKind::Aggregate(agg) = &node.kind {
            return outside(self.program, node, &aggregate_value(agg.op));
        }
        let Some((root, path, label)) = self.place(node) else {
            return outside(
                self.program,
                node,
                "not a path in the document (e.g. computed, or read inside an aggregate)",
            );
        };
        if self.read_opaquely(&root, &path) {
            return outside(self.program, node, opaque::SHARED);
        }
        let (optional, inner) = match &node.ty {
            Type::Optional(t) => (true, (**t).clone()),
            t => (false, t.clone()),
        };
        let (domain, label, ty) = match facet {
            Facet::Present => (
                Domain::Finite(vec!["absent".into(), "present".into()]),
                format!("present({label})"),
                node.ty.clone(),
            ),
            Facet::Kind => {
                let Type::Variant(v, _) = inner else {
                    return outside(self.program, node, "the case of something not a variant");
                };
                let Some(d) = self.value_domain(&Type::Case(v)) else {
                    return outside(self.program, node, "unknown variant");
                };
                (d, format!("{label}.kind"), Type::Case(v))
            }
            Facet::Difference(..) | Facet::Moved { .. } | Facet::Count(_) | Facet::Opaque(..) => {
                return outside(self.program, node, "a difference read as a path");
            }
            Facet::Value => match self.value_domain(&inner) {
                Some(d) => (d, label, inner),
                None => {
                    let what = self.program.schema.type_name(&inner);
                    return outside(
                        self.program,
                        node,
                        &format!(
                            "compares values of type {what}, which the analysis does not model"
                        ),
                    );
                }
            },
        };
        if let Domain::Finite(names) = &domain {
            if names.len() > 128 {
                return outside(self.program, node, "an enum of more than 128 values");
            }
        }
        let id = self.space.intern(Dim {
            key: DimKey { root, path, facet },
            domain,
            label,
            ty,
        });
        Ok((id, optional && facet != Facet::Present))
    }

    fn presence(&mut self, node: &Node, present: bool) -> Lowered<Cube> {
        let (id, _) = self.dim_at(node, Facet::Present)?;
        Ok(Cube::single(
            id,
            Constraint::Set(if present { 2 } else { 1 }),
        ))
    }

    /// The box of the place `node` (a variant) being of case `case`.
    pub fn case_cube(&mut self, node: &Node, case: u32) -> Lowered<Cube> {
        let (id, _) = self.dim_at(node, Facet::Kind)?;
        if case >= 128 {
            return outside(self.program, node, "a variant of more than 128 cases");
        }
        Ok(Cube::single(id, Constraint::Set(1u128 << case)))
    }

    /// The boxes (none or one) of a date path lying in an inclusive period.
    pub fn period(
        &mut self,
        by: &Node,
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Lowered<Dnf> {
        let (id, optional) = self.dim_at(by, Facet::Value)?;
        if optional {
            return outside(self.program, by, "the date in force may be absent");
        }
        let range = Interval {
            lo: from.map(|d| Bound::closed(date_number(d))),
            hi: until.map(|d| Bound::closed(date_number(d))),
        };
        Ok(Cube::universe()
            .intersect(&Cube::single(id, Constraint::Range(range)), &self.space)
            .into_iter()
            .collect())
    }

    /// A condition as a union of boxes where it holds (`positive`) or fails (`!positive`).
    pub fn condition(&mut self, node: &Node, positive: bool) -> Lowered<Dnf> {
        let limit = BOX_LIMIT;
        match &node.kind {
            NodeKind::Const(Value::Bool(b)) => Ok(if *b == positive {
                vec![Cube::universe()]
            } else {
                Vec::new()
            }),
            NodeKind::Not(inner) => self.condition(inner, !positive),
            NodeKind::And(items) | NodeKind::Or(items) => {
                let conj = matches!(node.kind, NodeKind::And(_)) == positive;
                let mut acc: Dnf = if conj {
                    vec![Cube::universe()]
                } else {
                    Vec::new()
                };
                for item in items {
                    let part = if conj {
                        self.condition(item, positive)?
                    } else {
                        self.alternative(item, positive)?
                    };
                    if conj {
                        acc = match and(&acc, &part, &self.space, limit) {
                            Some(a) => a,
                            None => return outside(self.program, node, "too many cases to expand"),
                        };
                        if acc.is_empty() {
                            break;
                        }
                    } else {
                        acc.extend(part);
                        if acc.len() > limit {
                            return outside(self.program, node, "too many cases to expand");
                        }
                    }
                }
                Ok(acc)
            }
            NodeKind::Implies(a, b) => {
                if positive {
                    let mut out = self.alternative(a, false)?;
                    out.extend(self.alternative(b, true)?);
                    Ok(out)
                } else {
                    let (x, y) = (self.condition(a, true)?, self.condition(b, false)?);
                    match and(&x, &y, &self.space, limit) {
                        Some(d) => Ok(d),
                        None => outside(self.program, node, "too many cases to expand"),
                    }
                }
            }
            NodeKind::Var(_) | NodeKind::Field { .. } if node.ty == Type::Bool => {
                let (id, _) = self.dim_at(node, Facet::Value)?;
                let bits = if positive { 2 } else { 1 };
                Ok(vec![Cube::single(id, Constraint::Set(bits))])
            }
            NodeKind::Coalesce(a, b) if node.ty == Type::Bool => {
                // `a ?? b` as a condition: `a` where present, else `b`.
                let (id, _) = self.dim_at(a, Facet::Value)?;
                let bits = if positive { 2 } else { 1 };
                let own = self
                    .presence(a, true)?
                    .intersect(&Cube::single(id, Constraint::Set(bits)), &self.space);
                let absent = self.presence(a, false)?;
                let fallback = self.condition(b, positive)?;
                let Some(mut out) = and(&fallback, &[absent], &self.space, limit) else {
                    return outside(self.program, node, "too many cases to expand");
                };
                out.extend(own);
                Ok(out)
            }
            NodeKind::Call(Builtin::If, args) => match args.as_slice() {
                // `if(c, a, b)` as a condition: (c and a) or (not c and b).
                [c, a, b] => {
                    let mut out = Vec::new();
                    for (when, branch) in [(true, a), (false, b)] {
                        let guard = self.condition(c, when)?;
                        let inner = self.condition(branch, positive)?;
                        match and(&guard, &inner, &self.space, limit) {
                            Some(d) => out.extend(d),
                            None => return outside(self.program, node, "too many cases to expand"),
                        }
                    }
                    Ok(out)
                }
                _ => outside(self.program, node, "if() without three arguments"),
            },
            NodeKind::Call(Builtin::Present, args) => match args.as_slice() {
                [x] => Ok(vec![self.presence(x, positive)?]),
                _ => outside(self.program, node, "present() of several values"),
            },
            NodeKind::Is(inner, case) => {
                let (id, _) = self.dim_at(inner, Facet::Kind)?;
                if *case >= 128 {
                    return outside(self.program, node, "a variant of more than 128 cases");
                }
                let bit = 1u128 << case;
                let full = match self.space.full(id) {
                    Constraint::Set(b) => b,
                    Constraint::Range(_) => 0,
                };
                let bits = if positive { bit } else { full & !bit };
                Ok(vec![Cube::single(id, Constraint::Set(bits))])
            }
            NodeKind::Compare(op, a, b)
                if matches!(&a.kind, NodeKind::Aggregate(g) if matches!(g.op, AggOp::Count | AggOp::Sum) && self.is_tallied(&g.list))
                    || matches!(&b.kind, NodeKind::Aggregate(g) if matches!(g.op, AggOp::Count | AggOp::Sum) && self.is_tallied(&g.list)) =>
            {
                // Over a list of enum values: on the counts per value.
                match (&a.kind, &b.kind) {
                    (NodeKind::Aggregate(g), _) if self.is_tallied(&g.list) => {
                        self.tallied_compare(node, g, *op, b, positive)
                    }
                    (_, NodeKind::Aggregate(g)) => {
                        self.tallied_compare(node, g, op.flipped(), a, positive)
                    }
                    _ => outside(
                        self.program,
                        node,
                        "an aggregate compared with an aggregate",
                    ),
                }
            }
            NodeKind::Compare(op, a, b)
                if matches!(&a.kind, NodeKind::Aggregate(g) if g.op == AggOp::Count)
                    || matches!(&b.kind, NodeKind::Aggregate(g) if g.op == AggOp::Count) =>
            {
                // `count(...) op k`: decided where it asks for at least m items.
                let (agg, k, op) = match (&a.kind, &b.kind, fold(a), fold(b)) {
                    (NodeKind::Aggregate(g), _, _, Some(Value::Int(k))) => (g, k, *op),
                    (_, NodeKind::Aggregate(g), Some(Value::Int(k)), _) => (g, k, op.flipped()),
                    _ => {
                        return outside(
                            self.program,
                            node,
                            "a count compared with something not a constant",
                        )
                    }
                };
                // Items the declaration holds that surely pass the filter (the item a `for
                // each` binds, counted by a filter it always meets) set a floor under the count:
                // what the condition says of fewer never matters.
                let floor = self.surely_counted(agg)?;
                let holds = |n: i64| op.holds(n.max(floor).cmp(&k)) == positive;
                if floor > 0 && agg.body.is_none() {
                    if (floor..=COUNT_LIMIT + 1).all(holds) {
                        return Ok(vec![Cube::universe()]);
                    }
                    if (floor..=COUNT_LIMIT + 1).all(|n| !holds(n)) {
                        return Ok(Vec::new());
                    }
                }
                if agg.body.is_none() && holds(0) && (1..=COUNT_LIMIT + 1).all(|n| !holds(n)) {
                    // `count(...) == 0`, `< 1`: no item passes the filter.
                    return self.every_item(node, agg, false);
                }
                // `count(...) <= k`: at most k items pass the filter.
                let first_not = (0..=COUNT_LIMIT).find(|n| !holds(*n));
                if let (None, Some(k)) = (&agg.body, first_not) {
                    if k >= 1 && (k..=COUNT_LIMIT + 1).all(|n| !holds(n)) {
                        return self.at_most(node, agg, false, (k - 1) as usize);
                    }
                }
                // Otherwise the counts where the condition holds must be every count from some
                // m on: m items exist.
                let Some(m) = (0..=COUNT_LIMIT).find(|n| holds(*n)) else {
                    return outside(self.program, node, EVERY_ITEM);
                };
                if !(m..=COUNT_LIMIT + 1).all(holds) {
                    return outside(self.program, node, EVERY_ITEM);
                }
                if agg.body.is_some() {
                    return outside(self.program, node, "a count with a body");
                }
                self.some_items(node, agg, m as usize, true)
            }
            NodeKind::Compare(op, a, b) if Self::is_summed(a) || Self::is_summed(b) => {
                self.sum_compare(node, *op, a, b, positive)
            }
            NodeKind::Compare(op, a, b)
                if Self::extreme(a).is_some() || Self::extreme(b).is_some() =>
            {
                self.extreme_compare(node, *op, a, b, positive)
            }
            NodeKind::Compare(op @ (Cmp::Eq | Cmp::Ne), a, b)
                if matches!(a.ty, Type::Optional(_)) != matches!(b.ty, Type::Optional(_)) =>
            {
                // One side may be absent, and absent equals nothing. `term` guards the optional
                // side with its presence, so the union below is exactly where the two are equal,
                // and its complement (absent included) is where they differ.
                let (ta, tb) = (self.term(a)?, self.term(b)?);
                let mut equal: Dnf = Vec::new();
                for (ga, xa) in &ta {
                    for (gb, xb) in &tb {
                        let atom = self.compare(node, Cmp::Eq, xa, xb)?;
                        let both = and(ga, gb, &self.space, limit)
                            .and_then(|g| and(&g, &atom, &self.space, limit));
                        match both {
                            Some(d) => equal.extend(d),
                            None => return outside(self.program, node, "too many cases"),
                        }
                    }
                }
                if (*op == Cmp::Eq) == positive {
                    Ok(equal)
                } else {
                    match minus(&[Cube::universe()], &equal, &self.space, limit) {
                        Some(d) => Ok(d),
                        None => outside(self.program, node, "too many cases"),
                    }
                }
            }
            NodeKind::Compare(_, a, b)
                if matches!(a.ty, Type::Optional(_)) || matches!(b.ty, Type::Optional(_)) =>
            {
                outside(
                    self.program,
                    node,
                    "compares two values that may both be absent",
                )
            }
            NodeKind::Compare(op, a, b) => {
                let (ta, tb) = (self.term(a)?, self.term(b)?);
                let mut out = Vec::new();
                for (ga, xa) in &ta {
                    for (gb, xb) in &tb {
                        let guard = match and(ga, gb, &self.space, limit) {
                            Some(g) => g,
                            None => return outside(self.program, node, "too many cases"),
                        };
                        let moved =
                            matches!(xa, Term::Moved { .. }) || matches!(xb, Term::Moved { .. });
                        if moved || self.scaled(xa, xb) {
                            // Lowered with its polarity: an approximation has no exact complement.
                            let op = if positive { *op } else { negated(*op) };
                            let atom = if moved {
                                self.compare_moved(node, op, xa, xb)?
                            } else {
                                self.compare_scaled(node, op, xa, xb)?
                            };
                            match and(&guard, &atom, &self.space, limit) {
                                Some(d) => out.extend(d),
                                None => return outside(self.program, node, "too many cases"),
                            }
                            continue;
                        }
                        let atom = self.compare(node, *op, xa, xb)?;
                        let atom = if positive {
                            atom
                        } else {
                            match minus(&[Cube::universe()], &atom, &self.space, limit) {
                                Some(d) => d,
                                None => return outside(self.program, node, "too many cases"),
                            }
                        };
                        match and(&guard, &atom, &self.space, limit) {
                            Some(d) => out.extend(d),
                            None => return outside(self.program, node, "too many cases"),
                        }
                    }
                }
                Ok(out)
            }
            NodeKind::InSet { value, set } => {
                let alts = self.term(value)?;
                let mut out = Vec::new();
                for (guard, t) in &alts {
                    let mut atom = Vec::new();
                    for v in set {
                        atom.extend(self.compare(node, Cmp::Eq, t, &Term::Const(v.clone()))?);
                    }
                    let atom = if positive {
                        atom
                    } else {
                        match minus(&[Cube::universe()], &atom, &self.space, limit) {
                            Some(d) => d,
                            None => return outside(self.program, node, "too many cases"),
                        }
                    };
                    match and(guard, &atom, &self.space, limit) {
                        Some(d) => out.extend(d),
                        None => return outside(self.program, node, "too many cases"),
                    }
                }
                Ok(out)
            }
            NodeKind::Aggregate(agg) if self.is_tallied(&agg.list) => {
                self.tallied_quantifier(node, agg, positive)
            }
            NodeKind::Aggregate(agg)
                if !self.relations && matches!(agg.op, AggOp::Any | AggOp::All) =>
            {
                self.opaque(node, agg, positive)
            }
            NodeKind::Aggregate(agg) => match (agg.op, positive) {
                // Some item passes the filter and the body (`any`), or some item passing the
                // filter fails the body (`not all`).
                (AggOp::Any, true) => self.some_items(node, agg, 1, true),
                (AggOp::All, false) => self.some_items(node, agg, 1, false),
                // No item passes the filter and the body (`not any`), or every item passing the
                // filter passes the body (`all`).
                (AggOp::Any, false) => self.every_item(node, agg, false),
                (AggOp::All, true) => self.every_item(node, agg, true),
                _ => outside(self.program, node, EVERY_ITEM),
            },
            NodeKind::InList { value, list } if self.is_tallied(list) => {
                self.in_tallied(node, value, list, positive)
            }
            NodeKind::InList { .. } => outside(
                self.program,
                node,
                "membership in a list held in the document (outside the decidable fragment)",
            ),
            _ => outside(
                self.program,
                node,
                "a condition the analysis does not model (outside the decidable fragment)",
            ),
        }
    }

    /// One alternative of an `or` or an `implies`, lowered as a condition (see
    /// `asked_in_alternative`).
    fn alternative(&mut self, node: &Node, positive: bool) -> Lowered<Dnf> {
        self.alternatives += 1;
        let out = self.condition(node, positive);
        self.alternatives -= 1;
        out
    }

    /// The alternatives a value can take: each with the boxes where it is the value.
    fn term(&mut self, node: &Node) -> Lowered<Vec<(Dnf, Term)>> {
        if let Some(v) = fold(node) {
            return Ok(vec![(vec![Cube::universe()], Term::Const(v))]);
        }
        if let NodeKind::Var(slot) = &node.kind {
            if let Some(v) = self.constants.get(slot) {
                return Ok(vec![(vec![Cube::universe()], Term::Const(v.clone()))]);
            }
        }
        match &node.kind {
            NodeKind::Var(_) | NodeKind::Field { .. } => {
                let (id, optional) = self.dim_at(node, Facet::Value)?;
                let guard = if optional {
                    vec![self.presence(node, true)?]
                } else {
                    vec![Cube::universe()]
                };
                Ok(vec![(
                    guard,
                    Term::Dim {
                        dim: id,
                        scale: 1,
                        offset: Decimal::ZERO,
                    },
                )])
            }
            NodeKind::Kind(inner) => {
                let (id, _) = self.dim_at(inner, Facet::Kind)?;
                Ok(vec![(
                    vec![Cube::universe()],
                    Term::Dim {
                        dim: id,
                        scale: 1,
                        offset: Decimal::ZERO,
                    },
                )])
            }
            NodeKind::Coalesce(a, b) => {
                let mut out = Vec::new();
                let present = self.presence(a, true)?;
                for (g, t) in self.term(a)? {
                    let Some(g) = and(&g, std::slice::from_ref(&present), &self.space, BOX_LIMIT) else {
                        return outside(self.program, node, "too many cases to expand");
                    };
                    out.push((g, t));
                }
                let absent = self.presence(a, false)?;
                for (g, t) in self.term(b)? {
                    let Some(g) = and(&g, std::slice::from_ref(&absent), &self.space, BOX_LIMIT) else {
                        return outside(self.program, node, "too many cases to expand");
                    };
                    out.push((g, t));
                }
                Ok(out)
            }
            NodeKind::Scale(inner, k) if *k > 0 => {
                let mut out = Vec::new();
                for (g, t) in self.term(inner)? {
                    let t = match t {
                        Term::Dim { dim, scale, offset } => match scale.checked_mul(*k) {
                            Some(scale) => Term::Dim {
                                dim,
                                scale,
                                offset: offset * Decimal::from(*k),
                            },
                            None => return outside(self.program, node, "a scale too large"),
                        },
                        Term::Const(_) | Term::Moved { .. } => {
                            return outside(self.program, node, "unfoldable scale")
                        }
                    };
                    out.push((g, t));
                }
                Ok(out)
            }
            NodeKind::Arith(Arith::MulInt, a, b) => {
                let (path_side, factor) = match (fold(a), fold(b)) {
                    (None, Some(Value::Int(k))) => (a, k),
                    (Some(Value::Int(k)), None) => (b, k),
                    _ => {
                        return outside(
                            self.program,
                            node,
                            "a product of two document values (outside the decidable fragment)",
                        )
                    }
                };
                if factor <= 0 {
                    return outside(self.program, node, "a product by a factor that is not positive");
                }
                let mut out = Vec::new();
                for (g, t) in self.term(path_side)? {
                    let t = match t {
                        Term::Dim { dim, scale, offset } => match scale.checked_mul(factor) {
                            Some(scale) => Term::Dim {
                                dim,
                                scale,
                                offset: offset * Decimal::from(factor),
                            },
                            None => return outside(self.program, node, "a factor too large"),
                        },
                        Term::Const(Value::Int(v)) => match v.checked_mul(factor) {
                            Some(v) => Term::Const(Value::Int(v)),
                            None => return outside(self.program, node, "a product too large"),
                        },
                        Term::Const(_) | Term::Moved { .. } => {
                            return outside(self.program, node, "unfoldable product")
                        }
                    };
                    out.push((g, t));
                }
                Ok(out)
            }
            NodeKind::Aggregate(agg) => outside(self.program, node, &aggregate_value(agg.op)),
            NodeKind::Call(Builtin::If, args) => match args.as_slice() {
                // Each branch's alternatives, guarded by the condition that chooses it.
                [c, a, b] => {
                    let mut out = Vec::new();
                    for (when, branch) in [(true, a), (false, b)] {
                        let guard = self.condition(c, when)?;
                        for (g, t) in self.term(branch)? {
                            let Some(g) = and(&g, &guard, &self.space, BOX_LIMIT) else {
                                return outside(self.program, node, "too many cases to expand");
                            };
                            if !g.is_empty() {
                                out.push((g, t));
                            }
                        }
                    }
                    Ok(out)
                }
                _ => outside(self.program, node, "if() without three arguments"),
            },
            NodeKind::Call(f @ (Builtin::Highest | Builtin::Lowest), args) => {
                let highest = *f == Builtin::Highest;
                let args: Vec<&Node> = args.iter().collect();
                self.combine(node, &args, |x, y| {
                    let order = crate_compare(x, y)?;
                    // Enum values rank by declaration order: the first declared is the highest.
                    let order = if ordinal(x).is_some() { order.reverse() } else { order };
                    let x_wins = if highest {
                        order != Ordering::Less
                    } else {
                        order != Ordering::Greater
                    };
                    Some(if x_wins { x.clone() } else { y.clone() })
                })
            }
            NodeKind::Call(Builtin::DaysBetween, args) => match args.as_slice() {
                // `days_between(a, b)` is `b - a` in days.
                [a, b] => self.difference_term(node, Arith::DateDiffDays, b, a),
                _ => outside(self.program, node, "days_between() without two arguments"),
            },
            NodeKind::Arith(op @ (Arith::DateAddMonths | Arith::DateSubMonths), a, b) => {
                self.moved_by_months(node, *op == Arith::DateAddMonths, a, b)
            }
            NodeKind::Arith(op @ (Arith::SubInt | Arith::SubDec | Arith::DateDiffDays), a, b)
                if fold(a).is_none() && fold(b).is_none() =>
            {
                self.difference_term(node, *op, a, b)
            }
            NodeKind::Arith(op, a, b) => {
                let sign = match op {
                    Arith::AddInt | Arith::AddDec | Arith::DateAddDays => Decimal::ONE,
                    Arith::SubInt | Arith::SubDec | Arith::DateSubDays => Decimal::NEGATIVE_ONE,
                    _ => {
                        return outside(
                            self.program,
                            node,
                            "arithmetic the analysis does not model (outside the decidable fragment)",
                        )
                    }
                };
                // Only a document value shifted by a constant stays in the fragment, or two
                // values that each take finitely many constants (points computed with `if`).
                let (path_side, constant) = match (fold(a), fold(b)) {
                    (None, Some(c)) => (a, c),
                    (Some(c), None) if sign == Decimal::ONE => (b, c),
                    (None, None) => {
                        let op = *op;
                        return self.combine(node, &[&**a, &**b], |x, y| constant_arith(op, x, y));
                    }
                    _ => {
                        return outside(
                            self.program,
                            node,
                            "arithmetic between two document values (outside the decidable fragment)",
                        )
                    }
                };
                let Some(shift) = number(&constant) else {
                    return outside(self.program, node, "a shift by a non-number");
                };
                let path_first = std::ptr::eq(&**path_side, &**a);
                let mut out = Vec::new();
                for (g, t) in self.term(path_side)? {
                    let t = match t {
                        Term::Dim { dim, scale, offset } => Term::Dim {
                            dim,
                            scale,
                            offset: offset + sign * shift,
                        },
                        Term::Moved { dim, lo, hi }
                            if matches!(op, Arith::DateAddDays | Arith::DateSubDays) =>
                        {
                            Term::Moved {
                                dim,
                                lo: lo.map(|l| l + sign * shift),
                                hi: hi.map(|h| h + sign * shift),
                            }
                        }
                        Term::Moved { .. } => {
                            return outside(self.program, node, "arithmetic on a date moved by months")
                        }
                        Term::Const(v) => {
                            let (x, y) = if path_first {
                                (&v, &constant)
                            } else {
                                (&constant, &v)
                            };
                            match constant_arith(*op, x, y) {
                                Some(v) => Term::Const(v),
                                None => return outside(self.program, node, "unfoldable sum"),
                            }
                        }
                    };
                    out.push((g, t));
                }
                Ok(out)
            }
            _ => outside(
                self.program,
                node,
                "a value computed in a way the analysis does not model (outside the decidable fragment)",
            ),
        }
    }

    /// The document list a quantifier ranges over (its path and label), or why the quantifier
    /// is outside what the analysis decides.
    fn quantified_list(
        &self,
        node: &Node,
        agg: &crate::ir::Aggregate,
    ) -> Lowered<(Vec<Arc<str>>, String)> {
        if !self.relations {
            return outside(
                self.program,
                node,
                "a list quantifier in a routes table's rows (decided in rules)",
            );
        }
        match self.place(&agg.list) {
            Some((Root::Document, path, label)) => Ok((path, label)),
            _ => outside(
                self.program,
                node,
                "a quantifier over a list that is not a path from the document",
            ),
        }
    }

    /// How many items the declaration's documents hold (bound by `for each`, or asked for by
    /// its `when`) surely pass the filter of a count over their list: those of its case whose
    /// filter, read of them, fails nowhere.
    fn surely_counted(&mut self, agg: &crate::ir::Aggregate) -> Lowered<i64> {
        let Some((Root::Document, path, _)) = self.place(&agg.list) else {
            return Ok(0);
        };
        fn reads_a_list(n: &Node) -> bool {
            matches!(n.kind, NodeKind::Aggregate(_) | NodeKind::InList { .. })
                || n.children().into_iter().any(reads_a_list)
        }
        if agg.body.is_some() || !self.relations || agg.filter.as_ref().is_some_and(reads_a_list) {
            return Ok(0);
        }
        let approximate = self.approximate.clone();
        let items: Vec<Root> = self
            .witnessed
            .iter()
            .filter(|r| {
                matches!(r, Root::Item { list, case, .. }
                    if *list == path && (agg.case.is_none() || *case == agg.case))
            })
            .cloned()
            .collect();
        let before = self.slots.get(&agg.slot).cloned();
        let mut sure = 0;
        for root in items {
            self.bind(
                agg.slot,
                Binding {
                    root,
                    label: String::new(),
                },
            );
            // A filter not decided here is not known to pass.
            let fails = match &agg.filter {
                Some(f) => self
                    .condition(f, false)
                    .unwrap_or_else(|_| vec![Cube::universe()]),
                None => Vec::new(),
            };
            if fails.is_empty() {
                sure += 1;
            }
        }
        // An over-approximated filter that fails nowhere surely passes; the mark stays off.
        self.approximate = approximate;
        match before {
            Some(b) => self.bind(agg.slot, b),
            None => {
                self.slots.remove(&agg.slot);
            }
        }
        Ok(sure)
    }

    /// `count` of `n` distinct items of the aggregate's list passing its filter and its body
    /// (or failing the body, `body_holds` false): `n` fresh items of the list, each named by a
    /// root no binder uses, so a witness holds them as items of its own. Exact because such a
    /// condition only asks that some items exist: a document meets it exactly when some choice
    /// of its items does, and other items never spoil it.
    fn some_items(
        &mut self,
        node: &Node,
        agg: &crate::ir::Aggregate,
        n: usize,
        body_holds: bool,
    ) -> Lowered<Dnf> {
        let (path, list_label) = self.quantified_list(node, agg)?;
        let elem = match &agg.list.ty {
            Type::List(t) => match **t {
                Type::Variant(v, _) => Type::Variant(v, agg.case),
                ref t => t.clone(),
            },
            t => t.clone(),
        };
        if self.universal.iter().any(|(l, _)| *l == path) {
            return outside(
                self.program,
                node,
                "asks for an item of a list that a quantifier over every item has already covered (the new item would escape it)",
            );
        }
        let before = self.slots.get(&agg.slot).cloned();
        self.asked_in_alternative |= self.alternatives > 0;
        let mut acc: Dnf = vec![Cube::universe()];
        for _ in 0..n {
            self.fresh += 1;
            let root = Root::Item {
                list: path.clone(),
                case: agg.case,
                ordinal: FRESH_ITEMS + self.fresh,
            };
            self.quantified.push(root.clone());
            self.item_lists.push(path.clone());
            self.asked = true;
            self.bind(
                agg.slot,
                Binding {
                    root,
                    label: format!("{list_label}[item {}]", self.fresh),
                },
            );
            let item = Node {
                kind: NodeKind::Var(agg.slot),
                ty: elem.clone(),
                span: agg.list.span,
            };
            let mut part = match agg.case {
                Some(c) => vec![self.case_cube(&item, c)?],
                None => vec![Cube::universe()],
            };
            if let Some(f) = &agg.filter {
                let f = self.condition(f, true)?;
                part = and(&part, &f, &self.space, BOX_LIMIT).ok_or_else(|| Outside {
                    reason: "too many cases to expand".into(),
                    span: node.span,
                })?;
            }
            if let Some(b) = &agg.body {
                let b = self.condition(b, body_holds)?;
                part = and(&part, &b, &self.space, BOX_LIMIT).ok_or_else(|| Outside {
                    reason: "too many cases to expand".into(),
                    span: node.span,
                })?;
            }
            acc = and(&acc, &part, &self.space, BOX_LIMIT).ok_or_else(|| Outside {
                reason: "too many cases to expand".into(),
                span: node.span,
            })?;
        }
        match before {
            Some(b) => self.bind(agg.slot, b),
            None => {
                self.slots.remove(&agg.slot);
            }
        }
        Ok(acc)
    }

    /// Every item of the aggregate's list the declaration's documents hold passes the body
    /// where it passes the filter (`body_holds`), or none passes both (`!body_holds`): one
    /// condition per such item. Exact because a document holds exactly the items bound by
    /// `for each` or asked for by the `when` (a document with more items breaks such a condition
    /// no less often: removing items keeps it, and keeps every other item a finding needs).
    fn every_item(
        &mut self,
        node: &Node,
        agg: &crate::ir::Aggregate,
        body_holds: bool,
    ) -> Lowered<Dnf> {
        self.at_most(node, agg, body_holds, 0)
    }

    /// As `every_item`, but at most `allowed` of the items may pass the filter (and the body,
    /// `!body_holds`) or fail the body (`body_holds`): of every `allowed + 1` items, one is fine.
    /// Exact for the same reason (more items never make a count smaller).
    fn at_most(
        &mut self,
        node: &Node,
        agg: &crate::ir::Aggregate,
        body_holds: bool,
        allowed: usize,
    ) -> Lowered<Dnf> {
        let (path, _) = self.quantified_list(node, agg)?;
        let of_list = |r: &&Root| matches!(r, Root::Item { list, .. } if *list == path);
        if self.quantified.iter().any(|r| of_list(&r)) {
            // The items asked for exist in some of the condition's cases only (`or`): which
            // ones this condition should range over is not known here.
            return outside(
                self.program,
                node,
                "a condition on every item of a list beside one asking for items of it in the same condition",
            );
        }
        let items: Vec<Root> = self.witnessed.iter().filter(of_list).cloned().collect();
        if self.asked_in_part && !items.is_empty() {
            return outside(
                self.program,
                node,
                "a condition on every item of a list whose items the `when` asks for in only some of its cases",
            );
        }
        self.universal.push((path.clone(), false));
        self.every_item_lists.push(path.clone());
        let elem = match &agg.list.ty {
            Type::List(t) => match **t {
                Type::Variant(v, _) => Type::Variant(v, None),
                ref t => t.clone(),
            },
            t => t.clone(),
        };
        let before = self.slots.get(&agg.slot).cloned();
        let too_many = || Outside {
            reason: "too many cases to expand".into(),
            span: node.span,
        };
        let mut fines: Vec<Dnf> = Vec::new();
        for root in items {
            // An item a binder already names (a `for each` item) reads as it does there.
            let named = self
                .slots
                .values()
                .filter(|b| b.root == root)
                .map(|b| &b.label)
                .min();
            let label = match (named, &root) {
                (Some(l), _) => l.clone(),
                (None, Root::Item { ordinal, .. }) => format!("item {ordinal}"),
                (None, Root::Document) => String::new(),
            };
            self.bind(agg.slot, Binding { root, label });
            let item = Node {
                kind: NodeKind::Var(agg.slot),
                ty: elem.clone(),
                span: agg.list.span,
            };
            // This item is fine where it is of another case, fails the filter, or (for `all`)
            // passes the body / (for `not any`) fails it.
            let mut fine: Dnf = Vec::new();
            let mut counted: Dnf = vec![Cube::universe()];
            if let Some(c) = agg.case {
                let of_case = self.case_cube(&item, c)?;
                fine.extend(
                    minus(
                        &[Cube::universe()],
                        std::slice::from_ref(&of_case),
                        &self.space,
                        BOX_LIMIT,
                    )
                    .ok_or_else(too_many)?,
                );
                counted = vec![of_case];
            }
            if let Some(f) = &agg.filter {
                let fails = self.condition(f, false)?;
                fine.extend(and(&counted, &fails, &self.space, BOX_LIMIT).ok_or_else(too_many)?);
                let passes = self.condition(f, true)?;
                counted = and(&counted, &passes, &self.space, BOX_LIMIT).ok_or_else(too_many)?;
            }
            match &agg.body {
                Some(b) => {
                    let ok = self.condition(b, body_holds)?;
                    fine.extend(and(&counted, &ok, &self.space, BOX_LIMIT).ok_or_else(too_many)?);
                }
                // `not any` without a body: no item passes the filter at all.
                None if !body_holds => {}
                None => fine.extend(counted),
            }
            fines.push(fine);
        }
        match before {
            Some(b) => self.bind(agg.slot, b),
            None => {
                self.slots.remove(&agg.slot);
            }
        }
        // Of every `allowed + 1` items, one is fine.
        let mut acc: Dnf = vec![Cube::universe()];
        for group in groups(fines.len(), allowed + 1) {
            let mut any_fine: Dnf = Vec::new();
            for i in group {
                any_fine.extend(fines.get(i).cloned().unwrap_or_default());
            }
            acc = and(&acc, &any_fine, &self.space, BOX_LIMIT).ok_or_else(too_many)?;
        }
        Ok(acc)
    }

    /// `a - b` for two computed values: per pair of alternatives, two constants subtract, a
    /// document value less a constant shifts, and two document values of one kind and scale
    /// become the difference dimension `a - b` (compared later with constants only).
    fn difference_term(
        &mut self,
        node: &Node,
        op: Arith,
        a: &Node,
        b: &Node,
    ) -> Lowered<Vec<(Dnf, Term)>> {
        let (ta, tb) = (self.term(a)?, self.term(b)?);
        let mut out = Vec::new();
        for (ga, xa) in &ta {
            for (gb, xb) in &tb {
                let Some(g) = and(ga, gb, &self.space, BOX_LIMIT) else {
                    return outside(self.program, node, "too many cases to expand");
                };
                if g.is_empty() {
                    continue;
                }
                let t = match (xa, xb) {
                    (Term::Const(x), Term::Const(y)) => match (op, x, y) {
                        (Arith::DateDiffDays, Value::Date(p), Value::Date(q)) => {
                            Term::Const(Value::Int((*p - *q).num_days()))
                        }
                        _ => match constant_arith(op, x, y) {
                            Some(v) => Term::Const(v),
                            None => return outside(self.program, node, "unfoldable difference"),
                        },
                    },
                    (Term::Dim { dim, scale, offset }, Term::Const(c)) => match number(c) {
                        Some(c) => Term::Dim {
                            dim: *dim,
                            scale: *scale,
                            offset: *offset - c,
                        },
                        None => return outside(self.program, node, "a shift by a non-number"),
                    },
                    (
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
                    ) if sx == sy && x == y => {
                        // `x - x` is the constant difference of the shifts.
                        let k = *ox - *oy;
                        match op {
                            Arith::SubDec => Term::Const(Value::Dec(k)),
                            _ => match i64::try_from(k) {
                                Ok(k) => Term::Const(Value::Int(k)),
                                Err(_) => return outside(self.program, node, "a constant out of range"),
                            },
                        }
                    }
                    (
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
                    ) if sx == sy && *sx == 1 => Term::Dim {
                        dim: self.difference_dim(node, *x, *y)?,
                        scale: 1,
                        offset: *ox - *oy,
                    },
                    _ => {
                        return outside(
                            self.program,
                            node,
                            "a constant less a document value, or two document values in different units (not a difference constraint)",
                        )
                    }
                };
                out.push((g, t));
            }
        }
        Ok(out)
    }

    /// The dimension `x - y` for two ordered document values of one kind.
    fn difference_dim(&mut self, node: &Node, x: DimId, y: DimId) -> Lowered<DimId> {
        if !self.relations {
            return outside(
                self.program,
                node,
                "relates two document values (decided in rules and conflicts; a routes table's rows are decided one value at a time)",
            );
        }
        let (Some(dx), Some(dy)) = (self.space.dim(x).cloned(), self.space.dim(y).cloned()) else {
            return outside(self.program, node, "unknown dimension");
        };
        let relates_differences = matches!(dx.key.facet, Facet::Difference(..))
            || matches!(dy.key.facet, Facet::Difference(..));
        let (
            Domain::Ordered {
                kind: kx, integral, ..
            },
            Domain::Ordered { kind: ky, .. },
        ) = (&dx.domain, &dy.domain)
        else {
            return outside(
                self.program,
                node,
                "the difference of two values not ordered",
            );
        };
        if relates_differences || kx != ky {
            return outside(
                self.program,
                node,
                "relates three or more document values at once, or values of different kinds (not a difference constraint)",
            );
        }
        let ty = match (kx, &dx.ty) {
            (OrderedKind::Date, _) => Type::Int(Unit::Days),
            (OrderedKind::Time, _) => Type::Int(Unit::Plain),
            (_, t) => t.clone(),
        };
        let kind = match kx {
            OrderedKind::Decimal => OrderedKind::Decimal,
            _ => OrderedKind::Int,
        };
        let unit = if *kx == OrderedKind::Time {
            " (minutes)"
        } else {
            ""
        };
        Ok(self.space.intern(Dim {
            key: DimKey {
                root: Root::Document,
                path: Vec::new(),
                facet: Facet::Difference(x, y),
            },
            domain: Domain::Ordered {
                kind,
                integral: *integral,
                lo: None,
                hi: None,
            },
            label: format!("{} - {}{unit}", dx.label, dy.label),
            ty,
        }))
    }

    /// Values that each take finitely many constants, combined pairwise by `f`: the result's
    /// alternatives, with the boxes that give each (equal results share one alternative).
    fn combine(
        &mut self,
        node: &Node,
        args: &[&Node],
        f: impl Fn(&Value, &Value) -> Option<Value>,
    ) -> Lowered<Vec<(Dnf, Term)>> {
        let mut acc: Vec<(Dnf, Value)> = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            let mut alternatives = Vec::new();
            for (g, t) in self.term(arg)? {
                match t {
                    Term::Const(v) => alternatives.push((g, v)),
                    Term::Dim { .. } | Term::Moved { .. } => {
                        return outside(
                            self.program,
                            node,
                            "combines document values that are not each one of a few constants (outside the decidable fragment)",
                        )
                    }
                }
            }
            if i == 0 {
                acc = alternatives;
                continue;
            }
            if self.product_too_large(&acc, &alternatives) {
                return outside(self.program, node, "too many cases to expand");
            }
            let mut next: Vec<(Dnf, Value)> = Vec::new();
            let mut boxes = 0usize;
            for (ga, x) in &acc {
                for (gb, y) in &alternatives {
                    let Some(g) = and(ga, gb, &self.space, BOX_LIMIT - boxes) else {
                        return outside(self.program, node, "too many cases to expand");
                    };
                    boxes += g.len();
                    if g.is_empty() {
                        continue;
                    }
                    let Some(v) = f(x, y) else {
                        return outside(self.program, node, "arithmetic out of range");
                    };
                    match next.iter_mut().find(|(_, w)| *w == v) {
                        Some((guard, _)) => guard.extend(g),
                        None => next.push((g, v)),
                    }
                }
            }
            if next.iter().map(|(g, _)| g.len()).sum::<usize>() > BOX_LIMIT {
                return outside(self.program, node, "too many cases to expand");
            }
            acc = next;
        }
        Ok(acc.into_iter().map(|(g, v)| (g, Term::Const(v))).collect())
    }

    /// Whether combining two values' alternatives surely makes more than `BOX_LIMIT` boxes:
    /// when their guards read unrelated dimensions every pair of boxes meets, so the product
    /// has exactly as many boxes as pairs (found before building it).
    fn product_too_large<T>(&self, a: &[(Dnf, T)], b: &[(Dnf, T)]) -> bool {
        let count = |x: &[(Dnf, T)]| x.iter().map(|(g, _)| g.len()).sum::<usize>();
        if count(a).saturating_mul(count(b)) <= BOX_LIMIT {
            return false;
        }
        // Whether each dimension is read, by its id.
        let read = |x: &[(Dnf, T)]| {
            let mut dims = vec![false; self.space.dims.len()];
            let mut mark = |d: DimId| {
                if let Some(slot) = dims.get_mut(d) {
                    *slot = true;
                }
            };
            for c in x.iter().flat_map(|(g, _)| g) {
                for d in c.parts.keys() {
                    mark(*d);
                    match self.space.dim(*d).map(|x| x.key.facet) {
                        Some(Facet::Difference(p, q)) => {
                            mark(p);
                            mark(q);
                        }
                        Some(Facet::Moved { base, by, .. }) => {
                            mark(base);
                            by.into_iter().for_each(&mut mark);
                        }
                        _ => {}
                    }
                }
            }
            dims
        };
        !read(a).iter().zip(read(b)).any(|(x, y)| *x && y)
    }

    /// `a + n months` (`add`) or `a - n months`: a constant date stays one; a date of the
    /// document becomes a date moved by a number of days known within bounds (`months`). A
    /// number of months read from the document is split into its values up to `MONTHS_SPLIT`,
    /// each guarded by the value, and (over-approximating only) the values beyond it.
    fn moved_by_months(
        &mut self,
        node: &Node,
        add: bool,
        a: &Node,
        b: &Node,
    ) -> Lowered<Vec<(Dnf, Term)>> {
        // The numbers of months, each a range (`None`: unbounded that way) with its guard.
        // And what the moved date is (for its dimension): `n` months, or `by` months.
        type MovedKey = Option<(Option<DimId>, i64)>;
        let mut counts: Vec<(Dnf, Option<i64>, Option<i64>, MovedKey)> = Vec::new();
        for (g, t) in self.term(b)? {
            match t {
                Term::Const(Value::Int(n)) => counts.push((g, Some(n), Some(n), Some((None, n)))),
                Term::Dim { dim, scale, offset } if offset.fract().is_zero() && scale > 0 => {
                    if !self.relations {
                        return outside(
                            self.program,
                            node,
                            "moves a date by a number of months read from the document (decided in rules; a routes table's rows are decided one value at a time)",
                        );
                    }
                    let (lo, hi) = match self.space.dim(dim).map(|d| &d.domain) {
                        Some(Domain::Ordered {
                            integral: true,
                            lo,
                            hi,
                            ..
                        }) => {
                            // Bounds past any calendar (the type's own) bound nothing.
                            let near = |v: &Decimal| {
                                i64::try_from(*v)
                                    .ok()
                                    .filter(|v| v.unsigned_abs() < 1_000_000)
                            };
                            (lo.as_ref().and_then(near), hi.as_ref().and_then(near))
                        }
                        _ => return outside(self.program, node, "months that are not whole"),
                    };
                    let Ok(offset) = i64::try_from(offset) else {
                        return outside(self.program, node, "a number of months out of range");
                    };
                    let months = |v: i64| v.checked_mul(scale).and_then(|m| m.checked_add(offset));
                    for (band_lo, band_hi) in month_bands(lo, hi) {
                        // Over-approximating: the whole band, its days bounded by its ends.
                        // Under: the band's value nearest zero alone.
                        let (from, to) = if self.under {
                            let v = match (band_lo, band_hi) {
                                (Some(l), _) if l >= 0 => l,
                                (_, Some(h)) => h,
                                _ => continue,
                            };
                            (Some(v), Some(v))
                        } else {
                            (band_lo, band_hi)
                        };
                        let mut guard = g.clone();
                        for (op, edge) in [(Cmp::Ge, from), (Cmp::Le, to)] {
                            let Some(edge) = edge else { continue };
                            let at = self.against_constant(
                                node,
                                op,
                                dim,
                                1,
                                Decimal::ZERO,
                                &Value::Int(edge),
                            )?;
                            guard = and(&guard, &at, &self.space, BOX_LIMIT).ok_or_else(|| {
                                Outside {
                                    reason: "too many cases to expand".into(),
                                    span: node.span,
                                }
                            })?;
                        }
                        let (Some(n), Some(m)) = (
                            from.map_or(Some(None), |v| months(v).map(Some)),
                            to.map_or(Some(None), |v| months(v).map(Some)),
                        ) else {
                            return outside(self.program, node, "a number of months out of range");
                        };
                        if !guard.is_empty() {
                            let plain = scale == 1 && offset == 0;
                            let key = plain.then_some((Some(dim), 1));
                            counts.push((guard, n, m, key));
                        }
                    }
                }
                _ => {
                    return outside(
                        self.program,
                        node,
                        "moves a date by months computed in a way the analysis does not model",
                    )
                }
            }
        }
        let mut out = Vec::new();
        for (ga, date) in self.term(a)? {
            for (gb, lo, hi, key) in &counts {
                // Subtracting months moves back: `-n` for `n` within `[lo, hi]`.
                let (lo, hi) = if add {
                    (*lo, *hi)
                } else {
                    (
                        hi.and_then(|h| h.checked_neg()),
                        lo.and_then(|l| l.checked_neg()),
                    )
                };
                let Some(g) = and(&ga, gb, &self.space, BOX_LIMIT) else {
                    return outside(self.program, node, "too many cases to expand");
                };
                if g.is_empty() {
                    continue;
                }
                let sign = if add { 1 } else { -1 };
                let key = key.and_then(|(by, n)| Some((by, n.checked_mul(sign)?)));
                let base = match &date {
                    Term::Dim {
                        dim,
                        scale: 1,
                        offset,
                    } if offset.is_zero() => Some(*dim),
                    _ => None,
                };
                if let (false, Some(base), Some((by, months))) = (self.under, base, key) {
                    // Over-approximating: a date of its own, within the days from `base`.
                    let (guard, t) = self.moved_dim(node, base, by, months, lo, hi)?;
                    let Some(g) = and(&g, &guard, &self.space, BOX_LIMIT) else {
                        return outside(self.program, node, "too many cases to expand");
                    };
                    if !g.is_empty() {
                        out.push((g, t));
                    }
                    continue;
                }
                let t = match (&date, lo, hi) {
                    (Term::Const(Value::Date(d)), Some(n), Some(m)) if n == m => {
                        match crate::eval::add_months(*d, n) {
                            Some(moved) => Term::Const(Value::Date(moved)),
                            None => return outside(self.program, node, "a date off the calendar"),
                        }
                    }
                    (Term::Dim { dim, scale: 1, offset }, _, _) => {
                        self.moved_from(node, *dim, Some(*offset), Some(*offset), lo, hi)?
                    }
                    (Term::Moved { dim, lo: l, hi: h }, _, _) => {
                        let (l, h) = (*l, *h);
                        self.moved_from(node, *dim, l, h, lo, hi)?
                    }
                    _ => {
                        return outside(
                            self.program,
                            node,
                            "moves by months a date that is not a date of the document (or a fixed date by a number of months read from it)",
                        )
                    }
                };
                out.push((g, t));
            }
        }
        Ok(out)
    }

    /// The dimension of `base` moved by months (`by` months times `months`, or `months`), and
    /// the box tying it to `base`: within the days `lo..=hi` months may be. Marks the
    /// declaration approximate unless those days are fixed.
    fn moved_dim(
        &mut self,
        node: &Node,
        base: DimId,
        by: Option<DimId>,
        months: i64,
        lo: Option<i64>,
        hi: Option<i64>,
    ) -> Lowered<(Dnf, Term)> {
        let Some(Term::Moved {
            lo: least,
            hi: most,
            ..
        }) = self
            .moved_from(node, base, Some(Decimal::ZERO), Some(Decimal::ZERO), lo, hi)
            .ok()
        else {
            return outside(self.program, node, "moves by months something not a date");
        };
        let Some(dim) = self.space.dim(base).cloned() else {
            return outside(self.program, node, "unknown dimension");
        };
        let text = self.program.text(node.span);
        let label = if text.is_empty() {
            format!("{} moved by months", dim.label)
        } else {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let moved = self.space.intern(Dim {
            key: DimKey {
                root: Root::Document,
                path: Vec::new(),
                facet: Facet::Moved { base, by, months },
            },
            domain: dim.domain.clone(),
            label,
            ty: dim.ty.clone(),
        });
        if least.is_none() || least != most {
            self.approximate.get_or_insert(Outside {
                reason: format!(
                    "`{}`: moves a date by months, which is no fixed number of days from the date (a month is 28 to 31 days, and a day past a month's end falls back to its last day)",
                    self.program.text_on_one_line(node.span)
                ),
                span: node.span,
            });
        }
        let mut guard: Dnf = vec![Cube::universe()];
        for (op, days) in [(Cmp::Ge, least), (Cmp::Le, most)] {
            let Some(days) = days else { continue };
            let tie = self.relate(node, op, (moved, 1, Decimal::ZERO), (base, 1, days))?;
            guard = match and(&guard, &tie, &self.space, BOX_LIMIT) {
                Some(g) => g,
                None => return outside(self.program, node, "too many cases to expand"),
            };
        }
        Ok((
            guard,
            Term::Dim {
                dim: moved,
                scale: 1,
                offset: Decimal::ZERO,
            },
        ))
    }

    /// A date `dim + u` days, `u` within `[l, h]`, moved by `lo..=hi` months: the days add up.
    fn moved_from(
        &mut self,
        node: &Node,
        dim: DimId,
        l: Option<Decimal>,
        h: Option<Decimal>,
        lo: Option<i64>,
        hi: Option<i64>,
    ) -> Lowered<Term> {
        if !matches!(
            self.space.dim(dim).map(|d| &d.domain),
            Some(Domain::Ordered {
                kind: OrderedKind::Date,
                ..
            })
        ) {
            return outside(self.program, node, "moves by months something not a date");
        }
        let Some((least, most)) = super::months::days_moved(lo, hi) else {
            return outside(self.program, node, "a date moved off the calendar");
        };
        let sum = |x: Option<Decimal>, y: Option<i64>| Some(x? + Decimal::from(y?));
        Ok(Term::Moved {
            dim,
            lo: sum(l, least),
            hi: sum(h, most),
        })
    }

    /// The boxes where `a op b` holds, one side (at least) a date moved by months: where it
    /// holds for some number of days the months may be (`under` off) or for every one (`under`
    /// on), as exact comparisons (`months::plan`). Marks the declaration approximate unless the
    /// days are fixed.
    fn compare_moved(&mut self, node: &Node, op: Cmp, a: &Term, b: &Term) -> Lowered<Dnf> {
        if !self.relations {
            return outside(
                self.program,
                node,
                "compares a date moved by months (decided in rules; a routes table's rows are decided one value at a time)",
            );
        }
        // `a = ea + ua`, `b = eb + ub`: `ea + (ua - ub) op eb`.
        let split = |t: &Term| match t {
            Term::Moved { dim, lo, hi } => (
                Term::Dim {
                    dim: *dim,
                    scale: 1,
                    offset: Decimal::ZERO,
                },
                *lo,
                *hi,
            ),
            t => (t.clone(), Some(Decimal::ZERO), Some(Decimal::ZERO)),
        };
        let ((ea, alo, ahi), (eb, blo, bhi)) = (split(a), split(b));
        let lo = alo.zip(bhi).map(|(x, y)| x - y);
        let hi = ahi.zip(blo).map(|(x, y)| x - y);
        if lo.is_none() || lo != hi {
            self.approximate.get_or_insert(Outside {
                reason: format!(
                    "`{}`: compares a date moved by months, which is no fixed number of days from the date (a month is 28 to 31 days, and a day past a month's end falls back to its last day)",
                    self.program.text_on_one_line(node.span)
                ),
                span: node.span,
            });
        }
        let plan = super::months::plan(op, lo, hi, !self.under);
        let mut out: Dnf = if plan.all {
            vec![Cube::universe()]
        } else {
            Vec::new()
        };
        for (op, k) in plan.parts {
            // `ea + k op eb`: shift whichever side is read from the document.
            let shift = |t: &Term, by: Decimal| match t {
                Term::Dim { dim, scale, offset } => Some(Term::Dim {
                    dim: *dim,
                    scale: *scale,
                    offset: *offset + by,
                }),
                _ => None,
            };
            let (x, y) = match shift(&ea, k) {
                Some(x) => (x, eb.clone()),
                None => match shift(&eb, -k) {
                    Some(y) => (ea.clone(), y),
                    None => return outside(self.program, node, "a moved date that is not a date"),
                },
            };
            let atom = self.compare(node, op, &x, &y)?;
            out = if plan.all {
                and(&out, &atom, &self.space, BOX_LIMIT)
            } else {
                let mut u = out;
                u.extend(atom);
                Some(u)
            }
            .ok_or_else(|| Outside {
                reason: "too many cases to expand".into(),
                span: node.span,
            })?;
        }
        Ok(out)
    }

    /// The boxes where `a op b` holds, one side a document value and the other a constant.
    fn compare(&mut self, node: &Node, op: Cmp, a: &Term, b: &Term) -> Lowered<Dnf> {
        let (dim, scale, offset, constant, op) = match (a, b) {
            (Term::Moved { .. }, _) | (_, Term::Moved { .. }) => {
                return outside(
                    self.program,
                    node,
                    "a date moved by months, compared in a way only decided exactly (in a list of values, or against a value that may be absent)",
                )
            }
            (Term::Const(x), Term::Const(y)) => {
                let holds = crate_compare(x, y).is_some_and(|o| op.holds(o));
                return Ok(if holds {
                    vec![Cube::universe()]
                } else {
                    Vec::new()
                });
            }
            (Term::Dim { dim, scale, offset }, Term::Const(c)) => (*dim, *scale, *offset, c, op),
            (Term::Const(c), Term::Dim { dim, scale, offset }) => {
                (*dim, *scale, *offset, c, op.flipped())
            }
            (
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
            ) => return self.relate(node, op, (*x, *sx, *ox), (*y, *sy, *oy)),
        };
        self.against_constant(node, op, dim, scale, offset, constant)
    }

    /// The boxes where `sx * x + ox  op  sy * y + oy` holds, for two document values: over two
    /// values of one enum, value by value; over two ordered values of one kind with one scale,
    /// as a difference constraint `x - y op (oy - ox) / scale` on the dimension `x - y`.
    fn relate(
        &mut self,
        node: &Node,
        op: Cmp,
        (x, sx, ox): (DimId, i64, Decimal),
        (y, sy, oy): (DimId, i64, Decimal),
    ) -> Lowered<Dnf> {
        if !self.relations {
            return outside(
                self.program,
                node,
                "compares two document values with each other (decided in rules and conflicts; a routes table's rows are decided one value at a time)",
            );
        }
        let (Some(dx), Some(dy)) = (self.space.dim(x).cloned(), self.space.dim(y).cloned()) else {
            return outside(self.program, node, "unknown dimension");
        };
        match (&dx.domain, &dy.domain) {
            (Domain::Finite(_), Domain::Finite(_))
                if dx.ty == Type::Str && !matches!(op, Cmp::Eq | Cmp::Ne) =>
            {
                outside(
                    self.program,
                    node,
                    "orders strings (only equality of strings is decided)",
                )
            }
            (Domain::Finite(a), Domain::Finite(b)) if a == b && sx == 1 && sy == 1 => {
                // One box per value of `x`: `x = i` and `y` among the values `i op y` allows.
                let mut out = Vec::new();
                for i in 0..a.len().min(128) as u32 {
                    let ys = (0..b.len().min(128) as u32)
                        .filter(|j| op.holds(i.cmp(j)))
                        .fold(0u128, |bits, j| bits | (1u128 << j));
                    let cube = Cube::single(x, Constraint::Set(1u128 << i))
                        .intersect(&Cube::single(y, Constraint::Set(ys)), &self.space);
                    out.extend(cube);
                }
                Ok(out)
            }
            (
                Domain::Ordered {
                    kind: kx, integral, ..
                },
                Domain::Ordered { kind: ky, .. },
            ) if kx == ky => {
                if sx != sy {
                    return outside(
                        self.program,
                        node,
                        "compares two document values counted in different units (a multiple of one against the other is not a difference constraint)",
                    );
                }
                let Some(c) = (oy - ox).checked_div(Decimal::from(sx)) else {
                    return outside(self.program, node, "a constant out of range");
                };
                if x == y {
                    let holds = op.holds(Decimal::ZERO.cmp(&c));
                    return Ok(if holds {
                        vec![Cube::universe()]
                    } else {
                        Vec::new()
                    });
                }
                // One dimension per unordered pair: the lower id first.
                let (a, b, op, c) = if x < y {
                    (x, y, op, c)
                } else {
                    (y, x, op.flipped(), -c)
                };
                let d = self.difference_dim(node, a, b)?;
                self.against_constant(node, op, d, 1, Decimal::ZERO, &Value::Dec(c))
            }
            _ => outside(
                self.program,
                node,
                "compares two document values of different kinds (outside the decidable fragment)",
            ),
        }
    }

    /// The boxes where `scale * dim + offset  op  constant` holds.
    fn against_constant(
        &mut self,
        node: &Node,
        op: Cmp,
        dim: DimId,
        scale: i64,
        offset: Decimal,
        constant: &Value,
    ) -> Lowered<Dnf> {
        match self.space.full(dim) {
            Constraint::Set(full) => {
                let k = match constant {
                    Value::Str(text) => {
                        if !matches!(op, Cmp::Eq | Cmp::Ne) {
                            return outside(
                                self.program,
                                node,
                                "orders strings (only equality of strings is decided)",
                            );
                        }
                        match self.space.string_slot(text) {
                            Some(k) => k,
                            None => {
                                return outside(
                                    self.program,
                                    node,
                                    "more distinct strings than the analysis holds apart",
                                )
                            }
                        }
                    }
                    c => match ordinal(c) {
                        Some(k) => k,
                        None => {
                            return outside(self.program, node, "a constant of an unexpected kind")
                        }
                    },
                };
                if scale != 1 || offset != Decimal::ZERO {
                    return outside(self.program, node, "arithmetic on a finite value");
                }
                let mut bits = 0u128;
                for i in 0..128u32 {
                    if full & (1u128 << i) != 0 && op.holds(i.cmp(&k)) {
                        bits |= 1u128 << i;
                    }
                }
                Ok(vec![Cube::single(dim, Constraint::Set(bits))])
            }
            Constraint::Range(_) => {
                let Some(c) = number(constant) else {
                    return outside(self.program, node, "a constant of an unexpected kind");
                };
                let Some(q) = (c - offset).checked_div(Decimal::from(scale)) else {
                    return outside(self.program, node, "a constant out of range");
                };
                let below = |closed| Interval {
                    lo: None,
                    hi: Some(Bound { value: q, closed }),
                };
                let above = |closed| Interval {
                    lo: Some(Bound { value: q, closed }),
                    hi: None,
                };
                let ranges = match op {
                    Cmp::Lt => vec![below(false)],
                    Cmp::Le => vec![below(true)],
                    Cmp::Gt => vec![above(false)],
                    Cmp::Ge => vec![above(true)],
                    Cmp::Eq => vec![Interval {
                        lo: Some(Bound::closed(q)),
                        hi: Some(Bound::closed(q)),
                    }],
                    Cmp::Ne => vec![below(false), above(false)],
                };
                Ok(ranges
                    .into_iter()
                    .filter_map(|r| {
                        Cube::universe()
                            .intersect(&Cube::single(dim, Constraint::Range(r)), &self.space)
                    })
                    .collect())
            }
        }
    }
}

/// The bands of `MONTH_BANDS` (and their mirror below zero) within `[lo, hi]`, as inclusive
/// ranges (`None`: unbounded that way).
fn month_bands(lo: Option<i64>, hi: Option<i64>) -> Vec<(Option<i64>, Option<i64>)> {
    let mut bands: Vec<(Option<i64>, Option<i64>)> = Vec::new();
    for (i, start) in MONTH_BANDS.iter().enumerate() {
        let end = MONTH_BANDS.get(i + 1).map(|next| next - 1);
        bands.push((Some(*start), end));
        if *start > 0 {
            bands.push((end.map(|e| -e), Some(-start)));
        }
    }
    bands
        .into_iter()
        .filter_map(|(l, h)| {
            let l = match (l, lo) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            let h = match (h, hi) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            match (l, h) {
                (Some(a), Some(b)) if a > b => None,
                band => Some(band),
            }
        })
        .collect()
}

/// Every set of `size` of the indices `0..n`, in order (none when `size > n`).
fn groups(n: usize, size: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    fn walk(
        from: usize,
        n: usize,
        size: usize,
        current: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        if current.len() == size {
            out.push(current.clone());
            return;
        }
        for i in from..n {
            current.push(i);
            walk(i + 1, n, size, current, out);
            current.pop();
        }
    }
    walk(0, n, size, &mut current, &mut out);
    out
}

/// Why an aggregate's value, used as a value, is not decided.
fn aggregate_value(op: AggOp) -> String {
    match op {
        AggOp::Min | AggOp::Max => format!(
            "the {} value over a list's items, used as a value: `min`/`max` over a list is decided only as `min(...) ?? D` or `max(...) ?? D` compared (`<`, `<=`, `>`, `>=`) with a value",
            if op == AggOp::Max { "greatest" } else { "least" }
        ),
        AggOp::Sum => "a sum over a list used in arithmetic: only sums (and constants) added together and compared with a constant are decided".into(),
        _ => format!(
            "`{}` over a list used as a value in arithmetic, which is not decided",
            op.as_str()
        ),
    }
}

/// The comparison that holds exactly where `op` fails.
fn negated(op: Cmp) -> Cmp {
    match op {
        Cmp::Eq => Cmp::Ne,
        Cmp::Ne => Cmp::Eq,
        Cmp::Lt => Cmp::Ge,
        Cmp::Le => Cmp::Gt,
        Cmp::Gt => Cmp::Le,
        Cmp::Ge => Cmp::Lt,
    }
}

/// `x op y` for two constants, as the evaluator would compute it (None on overflow).
fn constant_arith(op: Arith, x: &Value, y: &Value) -> Option<Value> {
    Some(match (op, x, y) {
        (Arith::AddInt, Value::Int(a), Value::Int(b)) => Value::Int(a.checked_add(*b)?),
        (Arith::SubInt, Value::Int(a), Value::Int(b)) => Value::Int(a.checked_sub(*b)?),
        (Arith::MulInt, Value::Int(a), Value::Int(b)) => Value::Int(a.checked_mul(*b)?),
        (Arith::AddDec, Value::Dec(a), Value::Dec(b)) => Value::Dec(a.checked_add(*b)?),
        (Arith::SubDec, Value::Dec(a), Value::Dec(b)) => Value::Dec(a.checked_sub(*b)?),
        _ => return None,
    })
}

fn crate_compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        _ => match (ordinal(a), ordinal(b)) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => Some(number(a)?.cmp(&number(b)?)),
        },
    }
}

/// The ordinal of a finite constant (enum value, case, boolean).
fn ordinal(v: &Value) -> Option<u32> {
    match v {
        Value::Enum(i) => Some(*i),
        Value::Bool(b) => Some(u32::from(*b)),
        _ => None,
    }
}

/// The number an ordered constant stands for on its dimension's line.
pub fn number(v: &Value) -> Option<Decimal> {
    match v {
        Value::Int(n) => Some(Decimal::from(*n)),
        Value::Dec(d) => Some(*d),
        Value::Date(d) => Some(date_number(*d)),
        Value::Time(t) => Some(Decimal::from(*t)),
        _ => None,
    }
}
