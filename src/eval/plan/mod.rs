//! A program compiled once for deciding many documents. Each condition becomes a `Cond` that
//! reads the document directly (places as field indices, constants unboxed, enum sets as bit
//! masks); a rule's conjuncts are hoisted to the `for each` level they depend on; every list the
//! rules filter by case is summarised per document as a mask of the cases it holds, so a rule
//! about a requirement the order lacks costs one test. The result is exactly the `Decision` of
//! `decide::decide_into` (tests/equivalence.rs): a declaration the fast path cannot finish (an
//! arithmetic error, a shape it does not expect) is undone and decided again by the reference
//! evaluator, which then gives the answer or the error.

use super::budget::{Budget, Of};
use super::decide::{items_of_case, slots, Decider, Decision, Decl};
use super::value::{self, case_of, Env};
use crate::ir::{
    Aggregate, Cmp, Conflict, Derive, Meta, Node, NodeKind, Period, Program, Routes, Rule, Type,
    Value,
};
use crate::report::Report;
use crate::vocab::AggOp;
use chrono::NaiveDate;
use rust_decimal::Decimal;

mod emit;
pub mod native;

/// A place in the document: a slot and up to three field indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Slot(u32),
    F1(u32, u32),
    F2(u32, u32, u32),
    F3(u32, u32, u32, u32),
}

impl Place {
    fn of(node: &Node) -> Option<Place> {
        match &node.kind {
            NodeKind::Var(s) => Some(Place::Slot(*s)),
            NodeKind::Field { base, index, .. } => Some(match Place::of(base)? {
                Place::Slot(s) => Place::F1(s, *index),
                Place::F1(s, a) => Place::F2(s, a, *index),
                Place::F2(s, a, b) => Place::F3(s, a, b, *index),
                Place::F3(..) => return None,
            }),
            _ => None,
        }
    }

    fn slot(self) -> u32 {
        match self {
            Place::Slot(s) | Place::F1(s, _) | Place::F2(s, ..) | Place::F3(s, ..) => s,
        }
    }

    /// As `value::place` reads it.
    #[inline(always)]
    fn get<'a>(self, env: &Env<'a>) -> Option<&'a Value> {
        match self {
            Place::Slot(s) => env.get(s),
            Place::F1(s, a) => field(env.get(s)?, a),
            Place::F2(s, a, b) => field(field(env.get(s)?, a)?, b),
            Place::F3(s, a, b, c) => field(field(field(env.get(s)?, a)?, b)?, c),
        }
    }
}

#[inline]
fn field(v: &Value, i: u32) -> Option<&Value> {
    match v {
        Value::Record(fields) | Value::Variant { fields, .. } => fields.get(i as usize),
        _ => None,
    }
}

/// The bit of a case or enum ordinal in a per-document mask. Ordinals from 63 up share the last
/// bit: a mask may then say a case is there when it is not, never the reverse.
fn bit(ordinal: u32) -> u64 {
    1u64 << ordinal.min(63)
}

/// A fixed set of enum ordinals.
#[derive(Clone, Debug, PartialEq)]
struct EnumSet {
    low: u64,
    high: Box<[u32]>,
}

impl EnumSet {
    fn of(set: &[Value]) -> Option<EnumSet> {
        let mut low = 0u64;
        let mut high = Vec::new();
        for v in set {
            match v {
                Value::Enum(x) if *x < 64 => low |= 1 << x,
                Value::Enum(x) => high.push(*x),
                _ => return None,
            }
        }
        Some(EnumSet {
            low,
            high: high.into(),
        })
    }

    #[inline]
    fn contains(&self, x: u32) -> bool {
        if x < 64 {
            self.low & (1 << x) != 0
        } else {
            self.high.contains(&x)
        }
    }

    /// The mask bits of its members.
    fn bits(&self) -> u64 {
        self.high.iter().fold(self.low, |m, x| m | bit(*x))
    }
}

/// A walk over a list held in the document, as `for each` or an aggregate makes it.
#[derive(Clone, Debug, PartialEq)]
struct Each<'p> {
    list: Place,
    slot: u32,
    case: Option<u32>,
    /// The list's per-document mask, and the bits an item needs to count: with none of them
    /// in the mask the walk would find nothing.
    skip: Option<(usize, u64)>,
    filter: Option<Box<Cond<'p>>>,
}

impl<'a> Each<'a> {
    #[inline]
    fn finds_nothing(&self, masks: &[u64]) -> bool {
        self.skip
            .is_some_and(|(m, bits)| masks.get(m).is_some_and(|mask| mask & bits == 0))
    }

    /// Binds in turn each item of the list that has the case and passes the filter, and calls
    /// `visit`, until it answers `false` (stop). `None`: the reference evaluator must decide.
    fn visit(
        &self,
        env: &mut Env<'a>,
        masks: &[u64],
        mut visit: impl FnMut(&mut Env<'a>) -> Option<bool>,
    ) -> Option<()> {
        if self.finds_nothing(masks) {
            return Some(());
        }
        let Value::List(items) = self.list.get(env)? else {
            return None;
        };
        for item in items {
            if self.case.is_some_and(|c| case_of(item) != Some(c)) {
                continue;
            }
            env.set(self.slot, item);
            if let Some(f) = &self.filter {
                if !test(f, env, masks)? {
                    continue;
                }
            }
            if !visit(env)? {
                break;
            }
        }
        Some(())
    }
}

/// A condition compiled for one program. Every variant decides exactly what the reference
/// evaluator (`value::truth`) decides, or gives up (`None`) where that evaluator would fail or
/// meets a shape this form does not handle.
#[derive(Clone, Debug, PartialEq)]
enum Cond<'p> {
    Const(bool),
    /// A bool place; `absent`: the constant `??` gives when it is absent.
    Bool {
        place: Place,
        absent: Option<bool>,
    },
    Not(Box<Cond<'p>>),
    And(Box<[Cond<'p>]>),
    Or(Box<[Cond<'p>]>),
    Implies(Box<Cond<'p>>, Box<Cond<'p>>),
    /// `place * scale op k` (the scale converts units, weeks to days and the like). Each
    /// comparison carries its answer for an absent value: absent equals nothing but absent
    /// (the checker allows only == and != on it), unless `??` gave a constant instead;
    /// `None`: the reference evaluator decides.
    Int {
        place: Place,
        scale: i64,
        op: Cmp,
        k: i64,
        absent: Option<bool>,
    },
    Enum {
        place: Place,
        op: Cmp,
        k: u32,
        absent: bool,
    },
    /// The case of a variant compared with a case ordinal.
    Case {
        place: Place,
        op: Cmp,
        k: u32,
    },
    Dec {
        place: Place,
        op: Cmp,
        k: Decimal,
        absent: bool,
    },
    Date {
        place: Place,
        op: Cmp,
        k: NaiveDate,
        absent: bool,
    },
    InSet {
        place: Place,
        set: EnumSet,
        absent: bool,
    },
    Is {
        place: Place,
        case: u32,
    },
    Present(Place),
    /// The case of a variant in a set of cases.
    CaseIn {
        place: Place,
        set: EnumSet,
    },
    /// Any other comparison of places and constants (`x ?? d`, a unit factor, times, text).
    Sides {
        a: Side,
        op: Cmp,
        b: Side,
    },
    /// A sum of whole numbers read from a place of each item, compared with a constant.
    Sum {
        each: Each<'p>,
        body: Place,
        op: Cmp,
        k: i64,
    },
    Any(Each<'p>, Option<Box<Cond<'p>>>),
    All(Each<'p>, Option<Box<Cond<'p>>>),
    Count {
        each: Each<'p>,
        op: Cmp,
        k: i64,
    },
    /// Anything else, by the reference evaluator.
    Interp(Interp<'p>),
}

/// A node left to the reference evaluator; two are the same only when they are one node.
#[derive(Clone, Copy, Debug)]
struct Interp<'p>(&'p Node);

impl PartialEq for Interp<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Cond<'_> {
    /// Whether deciding it can neither fail nor give up on a document `doc::read` accepted, so
    /// that it may be decided earlier than written, or not at all once the answer is known.
    fn infallible(&self) -> bool {
        match self {
            Cond::Interp(_) => false,
            Cond::Int { scale, absent, .. } => *scale == 1 && absent.is_some(),
            Cond::Not(c) => c.infallible(),
            Cond::And(cs) | Cond::Or(cs) => cs.iter().all(Cond::infallible),
            Cond::Implies(a, b) => a.infallible() && b.infallible(),
            Cond::Any(each, body) | Cond::All(each, body) => {
                each.filter.as_deref().is_none_or(Cond::infallible)
                    && body.as_deref().is_none_or(Cond::infallible)
            }
            Cond::Count { each, .. } => each.filter.as_deref().is_none_or(Cond::infallible),
            // Scaling or adding may overflow.
            Cond::Sides { a, b, .. } => a.infallible() && b.infallible(),
            Cond::Sum { .. } => false,
            _ => true,
        }
    }
}

/// Decide a compiled condition; `None`: the reference evaluator must decide it. Leaves (one
/// place against constants) are decided inline; the rest in `composite`.
#[inline(always)]
fn test<'a>(c: &Cond<'a>, env: &mut Env<'a>, masks: &[u64]) -> Option<bool> {
    match c {
        Cond::Const(b) => Some(*b),
        Cond::Bool { place, absent } => match place.get(env)? {
            Value::Bool(b) => Some(*b),
            Value::Absent => *absent,
            _ => None,
        },
        Cond::Enum {
            place,
            op,
            k,
            absent,
        } => match place.get(env)? {
            Value::Enum(x) => Some(op.holds(x.cmp(k))),
            Value::Absent => Some(*absent),
            _ => None,
        },
        Cond::InSet { place, set, absent } => match place.get(env)? {
            Value::Enum(x) => Some(set.contains(*x)),
            Value::Absent => Some(*absent),
            _ => None,
        },
        Cond::Is { place, case } => Some(place.get(env).and_then(case_of) == Some(*case)),
        _ => composite(c, env, masks),
    }
}

#[inline(never)]
fn composite<'a>(c: &Cond<'a>, env: &mut Env<'a>, masks: &[u64]) -> Option<bool> {
    Some(match c {
        Cond::Const(_)
        | Cond::Bool { .. }
        | Cond::Enum { .. }
        | Cond::InSet { .. }
        | Cond::Is { .. } => test(c, env, masks)?,
        Cond::Not(inner) => !test(inner, env, masks)?,
        Cond::And(items) => {
            for item in items.iter() {
                if !test(item, env, masks)? {
                    return Some(false);
                }
            }
            true
        }
        Cond::Or(items) => {
            for item in items.iter() {
                if test(item, env, masks)? {
                    return Some(true);
                }
            }
            false
        }
        Cond::Implies(a, b) => !test(a, env, masks)? || test(b, env, masks)?,
        Cond::Int {
            place,
            scale,
            op,
            k,
            absent,
        } => match place.get(env)? {
            Value::Int(x) => op.holds(x.checked_mul(*scale)?.cmp(k)),
            Value::Absent => (*absent)?,
            _ => return None,
        },
        Cond::Case { place, op, k } => match place.get(env)? {
            Value::Variant { case, .. } => op.holds(case.cmp(k)),
            _ => return None,
        },
        Cond::Dec {
            place,
            op,
            k,
            absent,
        } => match place.get(env)? {
            Value::Dec(x) => op.holds(x.cmp(k)),
            Value::Absent => *absent,
            _ => return None,
        },
        Cond::Date {
            place,
            op,
            k,
            absent,
        } => match place.get(env)? {
            Value::Date(x) => op.holds(x.cmp(k)),
            Value::Absent => *absent,
            _ => return None,
        },
        Cond::Present(place) => !matches!(place.get(env)?, Value::Absent),
        Cond::CaseIn { place, set } => match place.get(env)? {
            Value::Variant { case, .. } => set.contains(*case),
            _ => return None,
        },
        Cond::Sides { a, op, b } => compare_sides(a, *op, b, env)?,
        Cond::Sum { each, body, op, k } => op.holds(sum(each, *body, env, masks)?.cmp(k)),
        Cond::Any(each, body) => quantify(false, each, body.as_deref(), env, masks)?,
        Cond::All(each, body) => quantify(true, each, body.as_deref(), env, masks)?,
        Cond::Count { each, op, k } => op.holds(count(each, env, masks)?.cmp(k)),
        Cond::Interp(Interp(node)) => value::truth(node, env).ok()?,
    })
}

/// `all(...)` (or `any(...)` when `all` is false) over the items an `Each` finds.
#[inline(never)]
fn quantify<'a>(
    all: bool,
    each: &Each<'a>,
    body: Option<&Cond<'a>>,
    env: &mut Env<'a>,
    masks: &[u64],
) -> Option<bool> {
    let mut answer = all;
    each.visit(env, masks, |env| {
        let holds = match body {
            Some(b) => test(b, env, masks)?,
            None => true,
        };
        if holds != all {
            answer = holds;
        }
        Some(holds == all)
    })?;
    Some(answer)
}

/// One side of a comparison: a constant, or a place (times a unit factor, or else what `??`
/// gives when it is absent).
#[derive(Clone, Debug, PartialEq)]
enum Side {
    Const(Value),
    Read { place: Place, scale: i64, or: Or },
}

/// What `??` gives in place of an absent value.
#[derive(Clone, Debug, PartialEq)]
enum Or {
    Nothing,
    Const(Value),
    Place(Place),
}

impl Side {
    fn infallible(&self) -> bool {
        !matches!(self, Side::Read { scale, .. } if *scale != 1)
    }

    /// As the reference evaluator's `operand` reads it.
    fn read<'a>(&'a self, env: &Env<'a>) -> Option<std::borrow::Cow<'a, Value>> {
        let (place, scale, or) = match self {
            Side::Const(v) => return Some(std::borrow::Cow::Borrowed(v)),
            Side::Read { place, scale, or } => (place, *scale, or),
        };
        let v = match (place.get(env)?, or) {
            (Value::Absent, Or::Const(d)) => d,
            (Value::Absent, Or::Place(p)) => p.get(env)?,
            (v, _) => v,
        };
        scaled(v, scale)
    }
}

/// A value read for a comparison, times its unit factor.
fn scaled(v: &Value, scale: i64) -> Option<std::borrow::Cow<'_, Value>> {
    use std::borrow::Cow;
    match (v, scale) {
        (_, 1) => Some(Cow::Borrowed(v)),
        (Value::Int(x), k) => x.checked_mul(k).map(|n| Cow::Owned(Value::Int(n))),
        _ => None,
    }
}

/// As the reference evaluator's `compare` decides two operands.
fn compare_sides<'a>(a: &'a Side, op: Cmp, b: &'a Side, env: &Env<'a>) -> Option<bool> {
    let (x, y) = (a.read(env)?, b.read(env)?);
    compare_read(&x, op, &y)
}

/// Two operands read, compared as the reference evaluator's `compare` does.
fn compare_read(x: &Value, op: Cmp, y: &Value) -> Option<bool> {
    if matches!(x, Value::Absent) || matches!(y, Value::Absent) {
        let same = x == y;
        return Some(if op == Cmp::Eq { same } else { !same });
    }
    Some(op.holds(value::compare_values(x, y)?))
}

#[inline(never)]
fn sum<'a>(each: &Each<'a>, body: Place, env: &mut Env<'a>, masks: &[u64]) -> Option<i64> {
    let mut total = 0i64;
    each.visit(env, masks, |env| {
        let Value::Int(x) = body.get(env)? else {
            return None;
        };
        total = total.checked_add(*x)?;
        Some(true)
    })?;
    Some(total)
}

#[inline(never)]
fn count<'a>(each: &Each<'a>, env: &mut Env<'a>, masks: &[u64]) -> Option<i64> {
    if each.case.is_none() && each.filter.is_none() {
        let Value::List(items) = each.list.get(env)? else {
            return None;
        };
        return i64::try_from(items.len()).ok();
    }
    let mut n = 0i64;
    each.visit(env, masks, |_| {
        n += 1;
        Some(true)
    })?;
    Some(n)
}

/// One side of a comparison, as the compiled forms read it.
enum Operand<'p> {
    /// A place times a unit factor, with the constant `??` puts in place of absence.
    Place(Place, i64, Option<Value>),
    Kind(Place),
    Count(&'p Aggregate),
}

/// How a comparison with constant `k` decides an absent value: as the reference evaluator
/// compares absence (equal to nothing but absence) or, after `??`, the constant it gives.
fn absent_answer(op: Cmp, default: Option<&Value>, k: &Value) -> Option<bool> {
    match default {
        None => Some(op != Cmp::Eq),
        Some(d) => Some(op.holds(value::compare_values(d, k)?)),
    }
}

/// Builds the compiled forms, the list of document lists to summarise as masks, and the
/// document-level tests worth remembering within one check.
struct Compiler<'p> {
    masked: Vec<Place>,
    /// Every infallible test of the document alone (level 0), by its compiled form.
    shared: Vec<Cond<'p>>,
}

impl<'p> Compiler<'p> {
    /// A memo slot for a test decided before any `for each` and unable to fail: the same test
    /// in another rule then costs one lookup. Compiled forms are compared whole (places,
    /// operators, constants), so two tests share a slot only when they decide the same.
    fn memo(&mut self, level: usize, cond: &Cond<'p>) -> Option<usize> {
        if level != 0 || !cond.infallible() {
            return None;
        }
        Some(match self.shared.iter().position(|k| k == cond) {
            Some(i) => i,
            None => {
                self.shared.push(cond.clone());
                self.shared.len() - 1
            }
        })
    }

    /// The mask of a list held in the document itself (slot 0 is never rebound).
    fn mask(&mut self, list: Place) -> Option<usize> {
        if list.slot() != 0 {
            return None;
        }
        Some(match self.masked.iter().position(|p| *p == list) {
            Some(i) => i,
            None => {
                self.masked.push(list);
                self.masked.len() - 1
            }
        })
    }

    fn each(&mut self, agg: &'p Aggregate) -> Option<Each<'p>> {
        let list = Place::of(&agg.list)?;
        let skip = match agg.case {
            Some(c) => self.mask(list).map(|m| (m, bit(c))),
            None => None,
        };
        Some(Each {
            list,
            slot: agg.slot,
            case: agg.case,
            skip,
            filter: agg.filter.as_ref().map(|f| Box::new(self.cond(f))),
        })
    }

    fn operand(&mut self, node: &'p Node) -> Option<Operand<'p>> {
        match &node.kind {
            NodeKind::Scale(inner, k) => Some(Operand::Place(Place::of(inner)?, *k, None)),
            NodeKind::Kind(inner) => Some(Operand::Kind(Place::of(inner)?)),
            NodeKind::Aggregate(agg) if agg.op == AggOp::Count => Some(Operand::Count(agg)),
            NodeKind::Coalesce(a, b) => {
                let default = value::fold(b).filter(|d| !matches!(d, Value::Absent))?;
                Some(Operand::Place(Place::of(a)?, 1, Some(default)))
            }
            _ => Place::of(node).map(|p| Operand::Place(p, 1, None)),
        }
    }

    fn compare(&mut self, op: Cmp, a: &'p Node, b: &'p Node) -> Option<Cond<'p>> {
        self.compare_with_constant(op, a, b).or_else(|| {
            Some(Cond::Sides {
                a: side(a)?,
                op,
                b: side(b)?,
            })
        })
    }

    fn compare_with_constant(&mut self, op: Cmp, a: &'p Node, b: &'p Node) -> Option<Cond<'p>> {
        let (op, side, k) = match (value::fold(b), value::fold(a)) {
            (Some(k), _) => (op, a, k),
            (None, Some(k)) => (op.flipped(), b, k),
            (None, None) => return None,
        };
        if let (NodeKind::Aggregate(agg), Value::Int(k)) = (&side.kind, &k) {
            if agg.op == AggOp::Sum && matches!(side.ty, Type::Int(_)) {
                return Some(Cond::Sum {
                    each: self.each(agg)?,
                    body: Place::of(agg.body.as_ref()?)?,
                    op,
                    k: *k,
                });
            }
        }
        let operand = self.operand(side)?;
        let absent = match &operand {
            Operand::Place(_, 1, default) => absent_answer(op, default.as_ref(), &k),
            _ => None,
        };
        Some(match (operand, k) {
            (Operand::Place(place, scale, _), Value::Int(k)) => Cond::Int {
                place,
                scale,
                op,
                k,
                absent,
            },
            (Operand::Place(place, 1, _), Value::Enum(k)) => Cond::Enum {
                place,
                op,
                k,
                absent: absent?,
            },
            (Operand::Place(place, 1, _), Value::Dec(k)) => Cond::Dec {
                place,
                op,
                k,
                absent: absent?,
            },
            (Operand::Place(place, 1, _), Value::Date(k)) => Cond::Date {
                place,
                op,
                k,
                absent: absent?,
            },
            (Operand::Kind(place), Value::Enum(k)) => Cond::Case { place, op, k },
            (Operand::Count(agg), Value::Int(k)) => Cond::Count {
                each: self.each(agg)?,
                op,
                k,
            },
            _ => return None,
        })
    }

    fn cond(&mut self, node: &'p Node) -> Cond<'p> {
        self.try_cond(node).unwrap_or(Cond::Interp(Interp(node)))
    }

    fn try_cond(&mut self, node: &'p Node) -> Option<Cond<'p>> {
        Some(match &node.kind {
            NodeKind::Const(Value::Bool(b)) => Cond::Const(*b),
            NodeKind::Var(_) | NodeKind::Field { .. } => Cond::Bool {
                place: Place::of(node)?,
                absent: None,
            },
            // `x ?? true`: an absent x answers as the constant.
            NodeKind::Coalesce(a, b) => match value::fold(b) {
                Some(Value::Bool(d)) => Cond::Bool {
                    place: Place::of(a)?,
                    absent: Some(d),
                },
                _ => return None,
            },
            NodeKind::Not(inner) => Cond::Not(Box::new(self.cond(inner))),
            NodeKind::And(items) => Cond::And(items.iter().map(|i| self.cond(i)).collect()),
            NodeKind::Or(items) => Cond::Or(items.iter().map(|i| self.cond(i)).collect()),
            NodeKind::Implies(a, b) => {
                Cond::Implies(Box::new(self.cond(a)), Box::new(self.cond(b)))
            }
            NodeKind::Compare(op, a, b) => self.compare(*op, a, b)?,
            NodeKind::InSet { value, set } => {
                let set = EnumSet::of(set)?;
                match &value.kind {
                    NodeKind::Kind(inner) => Cond::CaseIn {
                        place: Place::of(inner)?,
                        set,
                    },
                    // `(x ?? d) in S`: an absent x answers as d does.
                    NodeKind::Coalesce(a, b) => match value::fold(b) {
                        Some(Value::Enum(d)) => Cond::InSet {
                            place: Place::of(a)?,
                            absent: set.contains(d),
                            set,
                        },
                        _ => return None,
                    },
                    _ => Cond::InSet {
                        place: Place::of(value)?,
                        set,
                        absent: false,
                    },
                }
            }
            NodeKind::Is(inner, case) => Cond::Is {
                place: Place::of(inner)?,
                case: *case,
            },
            NodeKind::Call(crate::ir::Builtin::Present, args) => match args.as_slice() {
                [arg] => Cond::Present(Place::of(arg)?),
                _ => return None,
            },
            NodeKind::Aggregate(agg) => {
                let body = agg.body.as_ref().map(|b| Box::new(self.cond(b)));
                match agg.op {
                    AggOp::Any => Cond::Any(self.each(agg)?, body),
                    AggOp::All => Cond::All(self.each(agg)?, body),
                    _ => return None,
                }
            }
            _ => return None,
        })
    }

    fn rule(&mut self, index: u32, rule: &'p Rule) -> Option<RulePlan<'p>> {
        let n = rule.binders.len();
        // The level (1-based binder) each slot is bound at.
        let level_of = |slot: u32| {
            rule.binders
                .iter()
                .position(|b| b.slot == slot)
                .map_or(0, |i| i + 1)
        };
        let when: Vec<(&Node, Cond)> = conjuncts(rule.when.as_ref())
            .into_iter()
            .map(|c| (c, self.cond(c)))
            .collect();
        let require: Vec<(&Node, Cond)> = conjuncts(rule.require.as_ref())
            .into_iter()
            .map(|c| (c, self.cond(c)))
            .collect();
        // Hoisting changes which conjuncts are decided and in what order: only where none can
        // fail. Otherwise every conjunct waits for the innermost level, as written.
        let hoist = when
            .iter()
            .chain(require.iter())
            .all(|(_, c)| c.infallible());
        let mut levels: Vec<Level> = (0..=n)
            .map(|_| Level {
                when: Vec::new(),
                require: Vec::new(),
                require_below: false,
            })
            .collect();
        let at = |node: &Node| {
            if hoist {
                let mut deepest = 0;
                visit_vars(node, &mut |s| deepest = deepest.max(level_of(s)));
                deepest
            } else {
                n
            }
        };
        for (node, cond) in when {
            let l = at(node);
            let memo = self.memo(l, &cond);
            levels.get_mut(l)?.when.push(Test { cond, memo });
        }
        for (node, cond) in require {
            let l = at(node);
            let memo = self.memo(l, &cond);
            levels.get_mut(l)?.require.push(Test { cond, memo });
            for above in levels.iter_mut().take(l) {
                above.require_below = true;
            }
        }
        let mut binders = Vec::with_capacity(n);
        for (i, b) in rule.binders.iter().enumerate() {
            let list = Place::of(&b.list)?;
            let mask = self.mask(list);
            // Bits an item needs: its case, or (when hoisting) the enum values the first test
            // of the item at its own level accepts.
            let needed = match b.case {
                Some(c) => Some(bit(c)),
                None if hoist => levels
                    .get(i + 1)
                    .and_then(|l| l.when.iter().find_map(|t| enum_bits(&t.cond, b.slot))),
                None => None,
            };
            binders.push(Each {
                list,
                slot: b.slot,
                case: b.case,
                skip: mask.zip(needed),
                filter: None,
            });
        }
        Some(RulePlan {
            index,
            rule,
            levels,
            binders,
        })
    }

    fn conflict(
        &mut self,
        index: u32,
        c: &'p Conflict,
        program: &Program,
    ) -> Option<ConflictPlan<'p>> {
        let list = Place::of(&c.list)?;
        let (left, right) = c.cases(&program.schema)?;
        Some(ConflictPlan {
            index,
            conflict: c,
            list,
            mask: self.mask(list),
            left,
            right,
            when: c.when.as_ref().map(|w| self.cond(w)),
        })
    }
}

/// A comparison operand as a `Side`, when it is a constant, a place, a place times a unit
/// factor, or a place `??` a constant or another place.
fn side(node: &Node) -> Option<Side> {
    if let Some(v) = value::fold(node) {
        return Some(Side::Const(v));
    }
    let (place, scale, or) = match &node.kind {
        NodeKind::Scale(inner, k) => (Place::of(inner)?, *k, Or::Nothing),
        NodeKind::Coalesce(a, b) => {
            let or = match value::fold(b) {
                Some(d) => Or::Const(d),
                None => Or::Place(Place::of(b)?),
            };
            (Place::of(a)?, 1, or)
        }
        _ => (Place::of(node)?, 1, Or::Nothing),
    };
    Some(Side::Read { place, scale, or })
}

/// The mask bits a test of the binder in `slot` against enum constants accepts.
fn enum_bits(c: &Cond, slot: u32) -> Option<u64> {
    match c {
        Cond::Enum {
            place: Place::Slot(s),
            op: Cmp::Eq,
            k,
            ..
        } if *s == slot => Some(bit(*k)),
        Cond::InSet {
            place: Place::Slot(s),
            set,
            ..
        } if *s == slot => Some(set.bits()),
        _ => None,
    }
}

/// A condition's top-level `and`s, flattened (deciding them in order with a stop at the first
/// false one is what `and` does).
fn conjuncts(node: Option<&Node>) -> Vec<&Node> {
    fn go<'n>(node: &'n Node, out: &mut Vec<&'n Node>) {
        match &node.kind {
            NodeKind::And(items) => items.iter().for_each(|i| go(i, out)),
            _ => out.push(node),
        }
    }
    let mut out = Vec::new();
    if let Some(n) = node {
        go(n, &mut out);
    }
    out
}

/// Every slot a node reads.
fn visit_vars(node: &Node, f: &mut impl FnMut(u32)) {
    let mut each = |n: &Node| visit_vars(n, f);
    match &node.kind {
        NodeKind::Const(_) => {}
        NodeKind::Var(s) => f(*s),
        NodeKind::Field { base, .. } => each(base),
        NodeKind::Kind(a) | NodeKind::Not(a) | NodeKind::Scale(a, _) | NodeKind::Neg(a) => each(a),
        NodeKind::Is(a, _) => each(a),
        NodeKind::And(items) | NodeKind::Or(items) | NodeKind::Call(_, items) => {
            items.iter().for_each(each)
        }
        NodeKind::Implies(a, b)
        | NodeKind::Compare(_, a, b)
        | NodeKind::Arith(_, a, b)
        | NodeKind::Coalesce(a, b)
        | NodeKind::InList { value: a, list: b } => {
            each(a);
            each(b);
        }
        NodeKind::InSet { value, .. } => each(value),
        NodeKind::Aggregate(agg) => {
            each(&agg.list);
            agg.filter.iter().chain(agg.body.iter()).for_each(each);
        }
    }
}

/// A conjunct of a rule, with its slot in the per-document memo when other rules test the
/// same thing of the document.
struct Test<'p> {
    cond: Cond<'p>,
    memo: Option<usize>,
}

impl<'a> Test<'a> {
    #[inline]
    fn holds(&self, env: &mut Env<'a>, masks: &[u64], memo: &mut [u8]) -> Option<bool> {
        let Some(slot) = self.memo.and_then(|m| memo.get_mut(m)) else {
            return test(&self.cond, env, masks);
        };
        match *slot {
            1 => Some(false),
            2 => Some(true),
            _ => {
                let b = test(&self.cond, env, masks)?;
                *slot = 1 + u8::from(b);
                Some(b)
            }
        }
    }
}

/// The conjuncts of a rule decided at one `for each` level (0: before any).
struct Level<'p> {
    when: Vec<Test<'p>>,
    require: Vec<Test<'p>>,
    /// Some `require` conjunct waits for a deeper level.
    require_below: bool,
}

struct RulePlan<'p> {
    index: u32,
    rule: &'p Rule,
    /// One more than the binders.
    levels: Vec<Level<'p>>,
    binders: Vec<Each<'p>>,
}

struct ConflictPlan<'p> {
    index: u32,
    conflict: &'p Conflict,
    list: Place,
    mask: Option<usize>,
    left: u32,
    right: u32,
    when: Option<Cond<'p>>,
}

struct RoutesPlan<'p> {
    index: u32,
    table: &'p Routes,
    applies: Option<Cond<'p>>,
    rows: Vec<Cond<'p>>,
    /// The enum place most rows test first (`case.work == ...`), and for each row the values
    /// that first test accepts (and whether it accepts absence): a row whose first test fails
    /// is false without deciding the rest, as `and` would stop there.
    key: Option<RowKeys>,
}

/// What the first test of each row accepts of one enum place (`None`: the row is not keyed).
struct RowKeys {
    place: Place,
    rows: Vec<Option<RowKey>>,
}

struct RowKey {
    set: EnumSet,
    absent: bool,
}

/// The place, values and answer for absence of a row's first test, when it is a pure test of an
/// enum place against constants.
fn first_test(c: &Cond) -> Option<(Place, EnumSet, bool)> {
    let first = match c {
        Cond::And(items) => items.first()?,
        other => other,
    };
    match first {
        Cond::Enum {
            place,
            op: Cmp::Eq,
            k,
            absent,
        } => Some((*place, EnumSet::of(&[Value::Enum(*k)])?, *absent)),
        Cond::InSet { place, set, absent } => Some((*place, set.clone(), *absent)),
        _ => None,
    }
}

fn row_key(rows: &[Cond]) -> Option<RowKeys> {
    let firsts: Vec<Option<(Place, EnumSet, bool)>> = rows.iter().map(first_test).collect();
    let mut best: Option<(Place, usize)> = None;
    for (place, ..) in firsts.iter().flatten() {
        let n = firsts.iter().flatten().filter(|(p, ..)| p == place).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((*place, n));
        }
    }
    let (place, n) = best?;
    (n >= 2).then(|| RowKeys {
        place,
        rows: firsts
            .into_iter()
            .map(|f| {
                f.filter(|(p, ..)| *p == place)
                    .map(|(_, set, absent)| RowKey { set, absent })
            })
            .collect(),
    })
}

impl RowKeys {
    /// Whether row `row` can hold when the key place holds `value`.
    #[inline]
    fn admits(&self, row: usize, value: Option<&Value>) -> bool {
        match (self.rows.get(row), value) {
            (Some(Some(key)), Some(Value::Enum(x))) => key.set.contains(*x),
            (Some(Some(key)), Some(Value::Absent)) => key.absent,
            _ => true,
        }
    }
}

enum Step<'p> {
    Rule(RulePlan<'p>),
    Conflict(ConflictPlan<'p>),
    Routes(RoutesPlan<'p>),
    /// Declarations the reference evaluator decides.
    RuleByReference(u32, &'p Rule),
    ConflictByReference(u32, &'p Conflict),
    Derive(u32, &'p Derive),
}

impl Step<'_> {
    /// The declaration this step decides, for the step budget.
    fn of(&self) -> Of {
        match self {
            Step::Rule(RulePlan { index, .. }) | Step::RuleByReference(index, _) => {
                Of::Rule(*index as usize)
            }
            Step::Conflict(ConflictPlan { index, .. }) | Step::ConflictByReference(index, _) => {
                Of::Conflict(*index as usize)
            }
            Step::Routes(RoutesPlan { index, .. }) => Of::Routes(*index as usize),
            Step::Derive(index, _) => Of::Derive(*index as usize),
        }
    }
}

/// Where the date that chooses a declaration's version comes from.
enum DateSource<'p> {
    /// No period in force: always in force.
    Always,
    /// `Program::dates[k]`, read once per document.
    Read(usize),
    /// A date the program's list does not hold, read when needed.
    Node(&'p Node),
}

/// The test of whether a declaration is in force for a document.
struct InForce<'p> {
    date: DateSource<'p>,
    period: Period,
}

impl<'p> InForce<'p> {
    fn of(meta: &'p Meta, by: Option<&'p Node>, program: &Program) -> InForce<'p> {
        let date = match (by, meta.date) {
            (None, _) => DateSource::Always,
            (Some(_), Some(k)) if (k as usize) < program.dates.len() => {
                DateSource::Read(k as usize)
            }
            (Some(n), _) => DateSource::Node(n),
        };
        InForce {
            date,
            period: meta.in_force,
        }
    }

    /// As `Decider::in_force` decides it (without counting).
    fn holds<'a>(&self, run: &mut Decider<'a, '_>, env: &mut Env<'a>) -> bool
    where
        'p: 'a,
    {
        match self.date {
            DateSource::Always => true,
            DateSource::Read(k) => run
                .out
                .dates
                .get(k)
                .copied()
                .flatten()
                .flatten()
                .is_some_and(|d| self.period.contains(d)),
            DateSource::Node(n) => run.date(n, env).is_some_and(|d| self.period.contains(d)),
        }
    }
}

/// Which steps are in force, found for all steps at once. The dates that choose versions cut
/// time into eras within which no declaration comes into or goes out of force; one search per
/// date finds its era, and each era holds its steps as a bit set.
struct Eras {
    words: usize,
    /// Steps with no period in force.
    always: Vec<u64>,
    /// Steps whose date is not in `Program::dates`: tested one by one.
    by_node: Vec<u64>,
    /// For each of `Program::dates`: the first day of every era but the first, and the steps
    /// in force in each era (a document without the date has none).
    sources: Vec<(Vec<NaiveDate>, Vec<Vec<u64>>)>,
}

fn set_bit(set: &mut [u64], i: usize) {
    if let Some(w) = set.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

impl Eras {
    fn new(in_force: &[InForce], dates: usize) -> Eras {
        let words = in_force.len().div_ceil(64);
        let mut always = vec![0; words];
        let mut by_node = vec![0; words];
        let mut bounds: Vec<Vec<NaiveDate>> = vec![Vec::new(); dates];
        for (i, f) in in_force.iter().enumerate() {
            match f.date {
                DateSource::Always => set_bit(&mut always, i),
                DateSource::Node(_) => set_bit(&mut by_node, i),
                DateSource::Read(k) => {
                    if let Some(b) = bounds.get_mut(k) {
                        b.extend(f.period.from);
                        b.extend(f.period.until.and_then(|u| u.succ_opt()));
                    }
                }
            }
        }
        let sources = bounds
            .into_iter()
            .enumerate()
            .map(|(k, mut b)| {
                b.sort();
                b.dedup();
                // Each era is represented by its first day (the first era by the first day
                // there is): whether a period contains a day does not change within an era.
                let firsts = std::iter::once(NaiveDate::MIN).chain(b.iter().copied());
                let sets = firsts
                    .map(|day| {
                        let mut set = vec![0; words];
                        for (i, f) in in_force.iter().enumerate() {
                            if matches!(f.date, DateSource::Read(j) if j == k)
                                && f.period.contains(day)
                            {
                                set_bit(&mut set, i);
                            }
                        }
                        set
                    })
                    .collect();
                (b, sets)
            })
            .collect();
        Eras {
            words,
            always,
            by_node,
            sources,
        }
    }

    /// The steps in force (or to be tested one by one: `by_node`) for the dates read.
    fn active(&self, dates: &[Option<Option<NaiveDate>>], out: &mut Vec<u64>) {
        out.clear();
        out.extend(self.always.iter().zip(&self.by_node).map(|(a, n)| a | n));
        for ((bounds, sets), date) in self.sources.iter().zip(dates) {
            if let Some(Some(d)) = date {
                let era = bounds.partition_point(|b| b <= d);
                if let Some(set) = sets.get(era) {
                    for (w, s) in out.iter_mut().zip(set) {
                        *w |= s;
                    }
                }
            }
        }
        out.resize(self.words, 0);
    }
}

/// A program compiled for deciding documents fast. Build it once and decide many documents
/// with it; it borrows the program, which therefore cannot change under it.
pub struct Plan<'p> {
    program: &'p Program,
    slots: u32,
    masked: Vec<Place>,
    memos: usize,
    /// `Program::law_date` and `Program::dates` as places, where they are.
    law_date: Option<Place>,
    dates: Vec<Option<Place>>,
    steps: Vec<Step<'p>>,
    /// Whether each step is in force, in step order.
    in_force: Vec<InForce<'p>>,
    eras: Eras,
}

impl<'p> Plan<'p> {
    pub fn new(program: &'p Program) -> Plan<'p> {
        let mut c = Compiler {
            masked: Vec::new(),
            shared: Vec::new(),
        };
        let mut steps = Vec::new();
        for (i, rule) in program.rules.iter().enumerate() {
            let i = i as u32;
            steps.push(match c.rule(i, rule) {
                Some(plan) => Step::Rule(plan),
                None => Step::RuleByReference(i, rule),
            });
        }
        for (i, conflict) in program.conflicts.iter().enumerate() {
            let i = i as u32;
            steps.push(match c.conflict(i, conflict, program) {
                Some(plan) => Step::Conflict(plan),
                None => Step::ConflictByReference(i, conflict),
            });
        }
        for (i, table) in program.routes.iter().enumerate() {
            let rows: Vec<Cond> = table.rows.iter().map(|r| c.cond(&r.condition)).collect();
            steps.push(Step::Routes(RoutesPlan {
                index: i as u32,
                table,
                applies: table.applies.as_ref().map(|a| c.cond(a)),
                key: row_key(&rows),
                rows,
            }));
        }
        for (i, d) in program.derives.iter().enumerate() {
            steps.push(Step::Derive(i as u32, d));
        }
        let in_force: Vec<InForce> = steps
            .iter()
            .map(|step| {
                let (meta, by) = match step {
                    Step::Rule(RulePlan { rule, .. }) | Step::RuleByReference(_, rule) => {
                        (&rule.meta, rule.by.as_ref())
                    }
                    Step::Conflict(ConflictPlan { conflict, .. })
                    | Step::ConflictByReference(_, conflict) => {
                        (&conflict.meta, conflict.by.as_ref())
                    }
                    Step::Routes(RoutesPlan { table, .. }) => (&table.meta, table.by.as_ref()),
                    Step::Derive(_, d) => (&d.meta, d.by.as_ref()),
                };
                InForce::of(meta, by, program)
            })
            .collect();
        let eras = Eras::new(&in_force, program.dates.len());
        Plan {
            eras,
            program,
            slots: slots(program),
            masked: c.masked,
            memos: c.shared.len(),
            law_date: program.law_date.as_ref().and_then(Place::of),
            dates: program.dates.iter().map(Place::of).collect(),
            steps,
            in_force,
        }
    }

    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// Decide a document already read against the program's schema.
    pub fn decide(&self, doc: &Value) -> Decision {
        let mut d = Decision::default();
        self.decide_into(doc, &mut d);
        d
    }

    /// Decide and describe: the same report as `eval::check`.
    pub fn check(&self, doc: &Value) -> Report {
        super::report(self.program, doc, &self.decide(doc))
    }

    /// Decide and describe, and say which rules applied: the same as `eval::check_with_applied`.
    pub fn check_with_applied(&self, doc: &Value) -> (Report, Vec<usize>) {
        let decision = self.decide(doc);
        (
            super::report(self.program, doc, &decision),
            super::applied::applied(self.program, doc, &decision),
        )
    }

    /// Decide into a reused `Decision` (cleared first): the same decision as
    /// `eval::decide_into` without a tally.
    pub fn decide_into<'a>(&'a self, doc: &'a Value, out: &mut Decision) {
        out.clear();
        out.dates.resize(self.program.dates.len(), None);
        let env = &mut Env::new(doc, self.slots);
        let mut masks = std::mem::take(&mut out.masks);
        masks.clear();
        masks.extend(self.masked.iter().map(|list| mask_of(list.get(env))));
        out.memo.clear();
        out.memo.resize(self.memos, 0);
        let program: &'a Program = self.program;
        let mut run = Decider {
            program,
            out,
            passed_now: false,
        };
        run.out.law_date = program
            .law_date
            .as_ref()
            .and_then(|n| read_date(n, self.law_date, &mut run, env));
        for (k, (n, place)) in program.dates.iter().zip(&self.dates).enumerate() {
            let date = read_date(n, *place, &mut run, env);
            if let Some(slot) = run.out.dates.get_mut(k) {
                *slot = Some(date);
            }
        }
        let budget = Budget::for_document(doc);
        let mut active = std::mem::take(&mut run.out.active);
        self.eras.active(&run.out.dates, &mut active);
        let mut in_force = 0;
        for (w, word) in active.iter().enumerate() {
            let node = self.eras.by_node.get(w).copied().unwrap_or(0);
            let mut bits = *word;
            while bits != 0 {
                let b = bits.trailing_zeros();
                bits &= bits - 1;
                let i = w * 64 + b as usize;
                let Some((step, when)) = self.steps.get(i).zip(self.in_force.get(i)) else {
                    continue;
                };
                if node & (1 << b) != 0 && !when.holds(&mut run, env) {
                    continue;
                }
                in_force += 1;
                if run.over_budget(budget.as_ref(), step.of()) {
                    continue;
                }
                self.step(step, &mut run, env, &masks);
            }
        }
        run.out.in_force = in_force;
        run.out.not_in_force = self.steps.len() - in_force;
        run.out.active = active;
        out.masks = masks;
    }

    /// This plan as Rust source: see `emit`.
    pub fn rust(&self, source: &str) -> String {
        emit::rust(self, source)
    }

    /// Decide one declaration in force.
    fn step<'a>(
        &'a self,
        step: &'a Step<'a>,
        run: &mut Decider<'a, '_>,
        env: &mut Env<'a>,
        masks: &[u64],
    ) {
        {
            match step {
                Step::Rule(plan) => {
                    let rule = plan.rule;
                    // Without `when` or `require` a rule applies wherever it has a binding; the
                    // others, where the walk finds their `when` held.
                    if (rule.when.is_none() || rule.require.is_none())
                        && super::applied::has_binding(rule, env)
                    {
                        run.applied(plan.index);
                    }
                    // A `for each` that finds nothing: no binding, nothing decided.
                    if plan.binders.first().is_some_and(|b| b.finds_nothing(masks)) {
                        return;
                    }
                    let mark = run.out.mark();
                    run.out.levels.clear();
                    if !plan.binders.is_empty() {
                        run.out.levels.resize(plan.binders.len(), 0);
                    }
                    let broken = rule.require.is_none();
                    if walk(plan, 0, broken, run, env, masks).is_none() {
                        run.out.rollback(mark);
                        let r = run.rule(plan.index, rule, env, None);
                        run.capture(&rule.meta, r);
                    }
                }
                Step::Conflict(plan) => {
                    let c = plan.conflict;
                    let mark = run.out.mark();
                    if conflict(plan, run, env, masks).is_none() {
                        run.out.rollback(mark);
                        let r = run.conflict(plan.index, c, env, None);
                        run.capture(&c.meta, r);
                    }
                }
                Step::Routes(plan) => {
                    let t = plan.table;
                    let applies = match &plan.applies {
                        None => true,
                        Some(a) => match test(a, env, masks) {
                            Some(b) => b,
                            None => run.applies(t.applies.as_ref(), env),
                        },
                    };
                    if applies {
                        let start = run.out.rows.len();
                        let mut decided = true;
                        let keyed = plan.key.as_ref().map(|k| (k, k.place.get(env)));
                        for (i, row) in plan.rows.iter().enumerate() {
                            if let Some((keys, value)) = keyed {
                                if !keys.admits(i, value) {
                                    continue;
                                }
                            }
                            match test(row, env, masks) {
                                Some(true) => run.out.rows.push(i as u32),
                                Some(false) => {}
                                None => {
                                    decided = false;
                                    break;
                                }
                            }
                        }
                        if decided {
                            run.settle(plan.index, t, start);
                        } else {
                            run.out.rows.truncate(start);
                            let r = run.routes(plan.index, t, env, None);
                            run.capture(&t.meta, r);
                        }
                    }
                }
                Step::RuleByReference(i, rule) => {
                    let r = run.rule(*i, rule, env, None);
                    run.capture(&rule.meta, r);
                }
                Step::ConflictByReference(i, c) => {
                    let r = run.conflict(*i, c, env, None);
                    run.capture(&c.meta, r);
                }
                Step::Derive(i, d) => {
                    let r = run.derive(*i, d, env);
                    run.capture(&d.meta, r);
                }
            }
        }
    }
}

/// A date that chooses versions, as `Decider::date` reads it: in place when it is a field.
#[inline]
fn read_date<'a>(
    n: &'a Node,
    place: Option<Place>,
    run: &mut Decider<'a, '_>,
    env: &mut Env<'a>,
) -> Option<NaiveDate> {
    match place.and_then(|p| p.get(env)) {
        Some(Value::Date(d)) => Some(*d),
        Some(_) => None,
        None => run.date(n, env),
    }
}

/// Which cases (or enum values) a list holds; all bits when it is not a list, so nothing is
/// skipped and the walk itself meets the problem.
fn mask_of(list: Option<&Value>) -> u64 {
    match list {
        Some(Value::List(items)) => items.iter().fold(0, |m, item| {
            m | match item {
                Value::Variant { case, .. } => bit(*case),
                Value::Enum(x) => bit(*x),
                _ => u64::MAX,
            }
        }),
        _ => u64::MAX,
    }
}

/// One level of a rule: its conjuncts there, then every binding of the next `for each`.
/// `broken`: a `require` conjunct already failed (or there is no `require`), so every binding
/// where `when` holds is a hit. `None`: give the rule to the reference evaluator.
fn walk<'a>(
    plan: &RulePlan<'a>,
    level: usize,
    mut broken: bool,
    run: &mut Decider<'a, '_>,
    env: &mut Env<'a>,
    masks: &[u64],
) -> Option<()> {
    let Some(here) = plan.levels.get(level) else {
        return Some(());
    };
    for t in &here.when {
        if !t.holds(env, masks, &mut run.out.memo)? {
            return Some(());
        }
    }
    if !broken {
        for t in &here.require {
            if !t.holds(env, masks, &mut run.out.memo)? {
                broken = true;
                break;
            }
        }
        // `require` holds for every deeper binding: no hit below, only whether `when` holds
        // at some binding there (the rule applied).
        if !broken && !here.require_below {
            if run.out.applied.last() != Some(&plan.index)
                && applies_below(plan, level, run, env, masks)?
            {
                run.applied(plan.index);
            }
            return Some(());
        }
    }
    let Some(each) = plan.binders.get(level) else {
        run.applied(plan.index);
        let levels = std::mem::take(&mut run.out.levels);
        run.hit(Decl::Rule(plan.index), plan.rule.meta.severity, &levels);
        run.out.levels = levels;
        return Some(());
    };
    if each.finds_nothing(masks) {
        return Some(());
    }
    let Value::List(items) = each.list.get(env)? else {
        return None;
    };
    for (k, item) in items.iter().enumerate() {
        if run.out.truncated {
            break;
        }
        if each.case.is_some_and(|c| case_of(item) != Some(c)) {
            continue;
        }
        env.set(each.slot, item);
        if let Some(x) = run.out.levels.get_mut(level) {
            *x = k as u32;
        }
        walk(plan, level + 1, broken, run, env, masks)?;
    }
    Some(())
}

/// Whether some binding of the `for each` levels from `level` on meets every `when` conjunct
/// decided there (those above held): `walk` asks where it need not look for hits.
fn applies_below<'a>(
    plan: &RulePlan<'a>,
    level: usize,
    run: &mut Decider<'a, '_>,
    env: &mut Env<'a>,
    masks: &[u64],
) -> Option<bool> {
    let Some(each) = plan.binders.get(level) else {
        return Some(true);
    };
    if each.finds_nothing(masks) {
        return Some(false);
    }
    let Value::List(items) = each.list.get(env)? else {
        return None;
    };
    let when: &[Test] = plan.levels.get(level + 1).map_or(&[], |l| &l.when);
    'items: for item in items {
        if each.case.is_some_and(|c| case_of(item) != Some(c)) {
            continue;
        }
        env.set(each.slot, item);
        for t in when {
            if !t.holds(env, masks, &mut run.out.memo)? {
                continue 'items;
            }
        }
        if applies_below(plan, level + 1, run, env, masks)? {
            return Some(true);
        }
    }
    Some(false)
}

/// Every ordered pair of a conflict's two cases (unordered when both are the same case).
fn conflict<'a>(
    plan: &ConflictPlan<'a>,
    run: &mut Decider<'a, '_>,
    env: &mut Env<'a>,
    masks: &[u64],
) -> Option<()> {
    if let Some(mask) = plan.mask.and_then(|m| masks.get(m)) {
        if mask & bit(plan.left) == 0 || mask & bit(plan.right) == 0 {
            return Some(());
        }
    }
    let Value::List(items) = plan.list.get(env)? else {
        return None;
    };
    let c = plan.conflict;
    let same_case = plan.left == plan.right;
    // As the reference evaluator pairs them, within the step budget's count.
    let rights = items_of_case(items, plan.right);
    if rights.is_empty() {
        return Some(());
    }
    for (i, a) in items.iter().enumerate() {
        if case_of(a) != Some(plan.left) || run.out.truncated {
            continue;
        }
        for &(j, b) in &rights {
            if i == j || (same_case && j < i) {
                continue;
            }
            env.set(c.left.0, a);
            env.set(c.right.0, b);
            if let Some(w) = &plan.when {
                if !test(w, env, masks)? {
                    continue;
                }
            }
            run.hit(
                Decl::Conflict(plan.index),
                c.meta.severity,
                &[i as u32, j as u32],
            );
        }
    }
    Some(())
}
