//! Evaluating one IR node against bound values. Fast path: no paths, no traces; the explain
//! module re-walks a node only when it produced a finding.

use crate::ir::{Arith, Builtin, Cmp, Node, NodeKind, Value};
use crate::vocab::AggOp;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::cmp::Ordering;

/// A failure that no type check can rule out (a date beyond the calendar, an overflow).
#[derive(Clone, Debug)]
pub struct EvalError {
    pub message: String,
    pub span: crate::diag::Span,
}

pub type EResult<T> = Result<T, EvalError>;

fn fail<T>(node: &Node, message: impl Into<String>) -> EResult<T> {
    Err(EvalError {
        message: message.into(),
        span: node.span,
    })
}

/// The values bound to slots: 0 is the document, the rest are binders. Up to `INLINE` slots live
/// on the stack, so making an `Env` (once per declaration and per date check) allocates nothing.
pub struct Env<'a> {
    inline: [&'a Value; INLINE],
    /// Only for declarations with more than `INLINE` slots.
    spill: Vec<&'a Value>,
    len: usize,
}

const INLINE: usize = 8;

static ABSENT: Value = Value::Absent;

impl<'a> Env<'a> {
    pub fn new(document: &'a Value, slots: u32) -> Env<'a> {
        let len = slots.max(1) as usize;
        let mut env = Env {
            inline: [&ABSENT; INLINE],
            spill: if len > INLINE {
                vec![&ABSENT; len]
            } else {
                Vec::new()
            },
            len,
        };
        env.set(0, document);
        env
    }

    #[inline(always)]
    pub fn get(&self, slot: u32) -> Option<&'a Value> {
        let i = slot as usize;
        if i >= self.len {
            None
        } else if self.len > INLINE {
            self.spill.get(i).copied()
        } else {
            self.inline.get(i).copied()
        }
    }

    #[inline]
    pub fn set(&mut self, slot: u32, value: &'a Value) {
        let i = slot as usize;
        if i >= self.len {
            return;
        }
        let s = if self.len > INLINE {
            self.spill.get_mut(i)
        } else {
            self.inline.get_mut(i)
        };
        if let Some(s) = s {
            *s = value;
        }
    }
}

/// A place in the document (a binder or a field of one), by reference.
#[inline]
pub fn place<'a>(node: &Node, env: &Env<'a>) -> Option<&'a Value> {
    match &node.kind {
        NodeKind::Var(slot) => env.get(*slot),
        NodeKind::Field { base, index, .. } => {
            // Most places are one field of a binder (`r.hours`): no recursion for those.
            let record = match &base.kind {
                NodeKind::Var(slot) => env.get(*slot)?,
                _ => place(base, env)?,
            };
            match record {
                Value::Record(fields) | Value::Variant { fields, .. } => {
                    fields.get(*index as usize)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The items of a list-valued node, by reference.
pub fn list<'a>(node: &Node, env: &Env<'a>) -> EResult<&'a [Value]> {
    match place(node, env) {
        Some(Value::List(items)) => Ok(items),
        _ => fail(node, "internal: expected a list in the document"),
    }
}

/// A condition's truth. The same as `eval` followed by reading the `Bool`, but conditions and
/// comparisons are decided here directly, reading operands by reference instead of copying them.
pub fn truth<'a>(node: &'a Node, env: &mut Env<'a>) -> EResult<bool> {
    match &node.kind {
        NodeKind::Const(Value::Bool(b)) => Ok(*b),
        NodeKind::Var(_) | NodeKind::Field { .. } => match place(node, env) {
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => fail(node, "internal: expected a condition"),
            None => fail(node, "internal: no such value in the document"),
        },
        NodeKind::Not(inner) => Ok(!truth(inner, env)?),
        NodeKind::And(items) => {
            for i in items {
                if !truth(i, env)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        NodeKind::Or(items) => {
            for i in items {
                if truth(i, env)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        NodeKind::Implies(a, b) => Ok(!truth(a, env)? || truth(b, env)?),
        NodeKind::Compare(op, a, b) => {
            // The usual shape, a place against a constant (`r.hours <= 12 hours`), decided
            // without building operands.
            if let (NodeKind::Const(k), Some(x)) = (&b.kind, place(a, env)) {
                match (x, k) {
                    (Value::Int(x), Value::Int(y)) => return Ok(op.holds(x.cmp(y))),
                    (Value::Enum(x), Value::Enum(y)) => return Ok(op.holds(x.cmp(y))),
                    (Value::Dec(x), Value::Dec(y)) => return Ok(op.holds(x.cmp(y))),
                    (Value::Date(x), Value::Date(y)) => return Ok(op.holds(x.cmp(y))),
                    _ => {}
                }
            }
            compare(node, *op, a, b, env)
        }
        NodeKind::Is(inner, case) => Ok(place(inner, env).and_then(case_of) == Some(*case)),
        NodeKind::InSet { value, set } => Ok(in_set(operand(value, env)?.get(), set)),
        _ => match eval(node, env)? {
            Value::Bool(b) => Ok(b),
            _ => fail(node, "internal: expected a condition"),
        },
    }
}

/// Membership in a fixed set; sets of enum values (the usual kind) compare ordinals only.
#[inline]
fn in_set(v: &Value, set: &[Value]) -> bool {
    match v {
        Value::Enum(x) => set.iter().any(|s| matches!(s, Value::Enum(y) if y == x)),
        _ => set.contains(v),
    }
}

/// An operand read by reference where it is a constant or a place in the document.
enum Operand<'a> {
    Ref(&'a Value),
    Owned(Value),
}

impl Operand<'_> {
    #[inline]
    fn get(&self) -> &Value {
        match self {
            Operand::Ref(v) => v,
            Operand::Owned(v) => v,
        }
    }
}

#[inline]
fn operand<'a>(node: &'a Node, env: &mut Env<'a>) -> EResult<Operand<'a>> {
    match &node.kind {
        NodeKind::Const(v) => Ok(Operand::Ref(v)),
        NodeKind::Var(_) | NodeKind::Field { .. } => match place(node, env) {
            Some(v) => Ok(Operand::Ref(v)),
            None => fail(node, "internal: no such value in the document"),
        },
        _ => eval(node, env).map(Operand::Owned),
    }
}

fn compare<'a>(node: &Node, op: Cmp, a: &'a Node, b: &'a Node, env: &mut Env<'a>) -> EResult<bool> {
    let x = operand(a, env)?;
    let y = operand(b, env)?;
    let (x, y) = (x.get(), y.get());
    // The common kinds first, without the general match below.
    match (x, y) {
        (Value::Int(x), Value::Int(y)) => return Ok(op.holds(x.cmp(y))),
        (Value::Enum(x), Value::Enum(y)) => return Ok(op.holds(x.cmp(y))),
        _ => {}
    }
    if matches!(x, Value::Absent) || matches!(y, Value::Absent) {
        // The checker allows only == and != here: absent equals nothing but absent.
        let same = x == y;
        return Ok(if op == Cmp::Eq { same } else { !same });
    }
    match compare_values(x, y) {
        Some(ord) => Ok(op.holds(ord)),
        None => fail(node, "internal: values of different kinds compared"),
    }
}

pub fn compare_values(a: &Value, b: &Value) -> Option<Ordering> {
    Some(match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Dec(x), Value::Dec(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        (Value::Time(x), Value::Time(y)) => x.cmp(y),
        (Value::Enum(x), Value::Enum(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Str(x), Value::Str(y)) => x.cmp(y),
        _ => return None,
    })
}

/// The case of a variant value.
pub fn case_of(v: &Value) -> Option<u32> {
    match v {
        Value::Variant { case, .. } => Some(*case),
        _ => None,
    }
}

pub fn eval<'a>(node: &'a Node, env: &mut Env<'a>) -> EResult<Value> {
    Ok(match &node.kind {
        NodeKind::Const(v) => v.clone(),
        NodeKind::Var(_) | NodeKind::Field { .. } => match place(node, env) {
            Some(v) => v.clone(),
            None => return fail(node, "internal: no such value in the document"),
        },
        NodeKind::Kind(inner) => match place(inner, env).and_then(case_of) {
            Some(c) => Value::Enum(c),
            None => return fail(node, "internal: expected a variant"),
        },
        NodeKind::Not(inner) => Value::Bool(!truth(inner, env)?),
        NodeKind::And(items) => {
            for i in items {
                if !truth(i, env)? {
                    return Ok(Value::Bool(false));
                }
            }
            Value::Bool(true)
        }
        NodeKind::Or(items) => {
            for i in items {
                if truth(i, env)? {
                    return Ok(Value::Bool(true));
                }
            }
            Value::Bool(false)
        }
        NodeKind::Implies(a, b) => Value::Bool(!truth(a, env)? || truth(b, env)?),
        NodeKind::Compare(op, a, b) => Value::Bool(compare(node, *op, a, b, env)?),
        NodeKind::Scale(inner, k) => match eval(inner, env)? {
            Value::Int(n) => match n.checked_mul(*k) {
                Some(v) => Value::Int(v),
                None => return fail(node, "number too large"),
            },
            _ => return fail(node, "internal: expected a number"),
        },
        NodeKind::Neg(inner) => match eval(inner, env)? {
            Value::Int(n) => match n.checked_neg() {
                Some(v) => Value::Int(v),
                None => return fail(node, "the number is too large"),
            },
            Value::Dec(d) => Value::Dec(-d),
            _ => return fail(node, "internal: expected a number"),
        },
        NodeKind::InSet { value, set } => Value::Bool(in_set(operand(value, env)?.get(), set)),
        NodeKind::InList { value, list: l } => {
            let v = operand(value, env)?;
            Value::Bool(list(l, env)?.contains(v.get()))
        }
        NodeKind::Is(inner, case) => {
            Value::Bool(place(inner, env).and_then(case_of) == Some(*case))
        }
        NodeKind::Arith(op, a, b) => arith(node, *op, eval(a, env)?, eval(b, env)?)?,
        NodeKind::Coalesce(a, b) => match eval(a, env)? {
            Value::Absent => eval(b, env)?,
            v => v,
        },
        NodeKind::Call(f, args) => call(node, *f, args, env)?,
        NodeKind::Aggregate(agg) => {
            let items = list(&agg.list, env)?;
            let mut count = 0i64;
            let mut acc: Option<Value> = None;
            for item in items {
                if agg.case.is_some_and(|c| case_of(item) != Some(c)) {
                    continue;
                }
                env.set(agg.slot, item);
                if let Some(f) = &agg.filter {
                    if !truth(f, env)? {
                        continue;
                    }
                }
                match agg.op {
                    AggOp::Any => {
                        if agg.body.as_ref().map_or(Ok(true), |b| truth(b, env))? {
                            return Ok(Value::Bool(true));
                        }
                    }
                    AggOp::All => {
                        if !agg.body.as_ref().map_or(Ok(true), |b| truth(b, env))? {
                            return Ok(Value::Bool(false));
                        }
                    }
                    AggOp::Count => count += 1,
                    AggOp::Sum | AggOp::Min | AggOp::Max => {
                        let Some(body) = &agg.body else {
                            return fail(node, "internal: aggregate without body");
                        };
                        let v = eval(body, env)?;
                        acc = Some(match (acc, agg.op) {
                            (None, _) => v,
                            (Some(Value::Int(a)), AggOp::Sum) => match (a, &v) {
                                (a, Value::Int(b)) => match a.checked_add(*b) {
                                    Some(total) => Value::Int(total),
                                    None => return fail(node, "the sum is too large"),
                                },
                                _ => return fail(node, "internal: mixed sum"),
                            },
                            (Some(Value::Dec(a)), AggOp::Sum) => match &v {
                                Value::Dec(b) => match a.checked_add(*b) {
                                    Some(total) => Value::Dec(total),
                                    None => return fail(node, "the sum is too large"),
                                },
                                _ => return fail(node, "internal: mixed sum"),
                            },
                            (Some(a), AggOp::Min) => {
                                if compare_values(&v, &a) == Some(Ordering::Less) {
                                    v
                                } else {
                                    a
                                }
                            }
                            (Some(a), _) => {
                                if compare_values(&v, &a) == Some(Ordering::Greater) {
                                    v
                                } else {
                                    a
                                }
                            }
                        });
                    }
                }
            }
            match agg.op {
                AggOp::Any => Value::Bool(false),
                AggOp::All => Value::Bool(true),
                AggOp::Count => Value::Int(count),
                AggOp::Sum => acc.unwrap_or(match node.ty {
                    crate::ir::Type::Int(_) => Value::Int(0),
                    _ => Value::Dec(rust_decimal::Decimal::ZERO),
                }),
                AggOp::Min | AggOp::Max => acc.unwrap_or(Value::Absent),
            }
        }
    })
}

fn arith(node: &Node, op: Arith, a: Value, b: Value) -> EResult<Value> {
    let too_big = || EvalError {
        message: "the result is too large".into(),
        span: node.span,
    };
    let off_calendar = || EvalError {
        message: "the date falls outside the calendar".into(),
        span: node.span,
    };
    Ok(match (op, a, b) {
        (Arith::AddInt, Value::Int(x), Value::Int(y)) => {
            Value::Int(x.checked_add(y).ok_or_else(too_big)?)
        }
        (Arith::SubInt, Value::Int(x), Value::Int(y)) => {
            Value::Int(x.checked_sub(y).ok_or_else(too_big)?)
        }
        (Arith::MulInt, Value::Int(x), Value::Int(y)) => {
            Value::Int(x.checked_mul(y).ok_or_else(too_big)?)
        }
        (Arith::AddDec, Value::Dec(x), Value::Dec(y)) => {
            Value::Dec(x.checked_add(y).ok_or_else(too_big)?)
        }
        (Arith::SubDec, Value::Dec(x), Value::Dec(y)) => {
            Value::Dec(x.checked_sub(y).ok_or_else(too_big)?)
        }
        (Arith::DateAddDays, Value::Date(d), Value::Int(n)) => {
            Value::Date(add_days(d, n).ok_or_else(off_calendar)?)
        }
        (Arith::DateSubDays, Value::Date(d), Value::Int(n)) => {
            Value::Date(add_days(d, n.checked_neg().ok_or_else(too_big)?).ok_or_else(off_calendar)?)
        }
        (Arith::DateAddMonths, Value::Date(d), Value::Int(n)) => {
            Value::Date(add_months(d, n).ok_or_else(off_calendar)?)
        }
        (Arith::DateSubMonths, Value::Date(d), Value::Int(n)) => Value::Date(
            add_months(d, n.checked_neg().ok_or_else(too_big)?).ok_or_else(off_calendar)?,
        ),
        (Arith::DateDiffDays, Value::Date(a), Value::Date(b)) => Value::Int((a - b).num_days()),
        _ => return fail(node, "internal: arithmetic on mismatched values"),
    })
}

/// The value of a node that reads nothing from the document, when it has one.
pub fn fold(node: &Node) -> Option<Value> {
    match &node.kind {
        NodeKind::Const(v) => Some(v.clone()),
        NodeKind::Scale(inner, k) => match fold(inner)? {
            Value::Int(n) => n.checked_mul(*k).map(Value::Int),
            _ => None,
        },
        NodeKind::Neg(inner) => match fold(inner)? {
            Value::Int(n) => n.checked_neg().map(Value::Int),
            Value::Dec(d) => Some(Value::Dec(-d)),
            _ => None,
        },
        NodeKind::Arith(op, a, b) => {
            let (x, y) = (fold(a)?, fold(b)?);
            match (op, x, y) {
                (Arith::AddInt, Value::Int(x), Value::Int(y)) => x.checked_add(y).map(Value::Int),
                (Arith::SubInt, Value::Int(x), Value::Int(y)) => x.checked_sub(y).map(Value::Int),
                (Arith::MulInt, Value::Int(x), Value::Int(y)) => x.checked_mul(y).map(Value::Int),
                (Arith::AddDec, Value::Dec(x), Value::Dec(y)) => x.checked_add(y).map(Value::Dec),
                (Arith::SubDec, Value::Dec(x), Value::Dec(y)) => x.checked_sub(y).map(Value::Dec),
                (Arith::DateAddDays, Value::Date(d), Value::Int(n)) => {
                    add_days(d, n).map(Value::Date)
                }
                (Arith::DateSubDays, Value::Date(d), Value::Int(n)) => {
                    add_days(d, n.checked_neg()?).map(Value::Date)
                }
                (Arith::DateAddMonths, Value::Date(d), Value::Int(n)) => {
                    add_months(d, n).map(Value::Date)
                }
                (Arith::DateSubMonths, Value::Date(d), Value::Int(n)) => {
                    add_months(d, n.checked_neg()?).map(Value::Date)
                }
                (Arith::DateDiffDays, Value::Date(a), Value::Date(b)) => {
                    Some(Value::Int((a - b).num_days()))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// Calendar months; a day past the end of the target month falls back to its last day
/// (31 January + 1 month = 28 or 29 February).
pub fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = u32::try_from(n.unsigned_abs()).ok()?;
    if n >= 0 {
        d.checked_add_months(Months::new(m))
    } else {
        d.checked_sub_months(Months::new(m))
    }
}

/// Whole calendar months from `a` to `b` (negative when `b` is earlier).
pub fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    if b < a {
        return -months_between(b, a);
    }
    let mut m = i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
    if add_months(a, m).is_none_or(|d| d > b) {
        m -= 1;
    }
    m
}

fn call<'a>(node: &Node, f: Builtin, args: &'a [Node], env: &mut Env<'a>) -> EResult<Value> {
    if f == Builtin::If {
        // Only the branch chosen is evaluated: the other may read what is not there.
        return match args {
            [c, then, other] => {
                if truth(c, env)? {
                    eval(then, env)
                } else {
                    eval(other, env)
                }
            }
            _ => fail(node, "internal: bad arguments"),
        };
    }
    let mut vals = Vec::with_capacity(args.len());
    for a in args {
        vals.push(eval(a, env)?);
    }
    Ok(match (f, vals.as_slice()) {
        (Builtin::Present, [v]) => Value::Bool(!matches!(v, Value::Absent)),
        (Builtin::DaysBetween, [Value::Date(a), Value::Date(b)]) => {
            Value::Int((*b - *a).num_days())
        }
        (Builtin::MonthsBetween, [Value::Date(a), Value::Date(b)]) => {
            Value::Int(months_between(*a, *b))
        }
        (Builtin::Highest | Builtin::Lowest, [first, rest @ ..]) => {
            let mut best = first;
            for v in rest {
                let Some(order) = compare_values(v, best) else {
                    return fail(node, "internal: values of different kinds compared");
                };
                // Enum values rank by declaration order: the first declared is the highest.
                let order = if matches!(v, Value::Enum(_)) {
                    order.reverse()
                } else {
                    order
                };
                let better = if f == Builtin::Highest {
                    order == Ordering::Greater
                } else {
                    order == Ordering::Less
                };
                if better {
                    best = v;
                }
            }
            best.clone()
        }
        (Builtin::Concat, parts) => {
            let mut text = String::new();
            for p in parts {
                match p {
                    Value::Str(s) => text.push_str(s),
                    _ => return fail(node, "internal: expected text"),
                }
            }
            Value::Str(text.into())
        }
        _ => return fail(node, "internal: bad arguments"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn months_clamp_to_the_end_of_a_short_month() {
        assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
        assert_eq!(add_months(d("2023-06-28"), 36), Some(d("2026-06-28")));
        assert_eq!(add_months(d("2024-03-31"), -1), Some(d("2024-02-29")));
    }

    #[test]
    fn months_between_counts_whole_months_only() {
        assert_eq!(months_between(d("2024-01-15"), d("2024-02-14")), 0);
        assert_eq!(months_between(d("2024-01-15"), d("2024-02-15")), 1);
        assert_eq!(months_between(d("2021-06-28"), d("2024-06-28")), 36);
        assert_eq!(months_between(d("2024-02-15"), d("2024-01-15")), -1);
    }
}
