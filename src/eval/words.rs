//! Conditions and values in plain English for people reading a finding's "why": field names as
//! words, operators as phrases, constants as values (`the hours per day is at most 20 hours`),
//! never rule syntax (`??`, `any(...)`, `r.hours_per_day`).

use super::render::display;
use crate::ir::{Arith, Builtin, Cmp, Node, NodeKind, Schema, Type};
use crate::vocab::AggOp;

/// A condition as a statement: a yes/no field alone reads `the punitive is yes`.
pub fn condition(node: &Node, schema: &Schema) -> String {
    let p = phrase(node, schema);
    if matches!(node.kind, NodeKind::Field { .. }) && node.ty == Type::Bool {
        format!("{p} is yes")
    } else {
        p
    }
}

/// A condition or value as a phrase.
pub fn phrase(node: &Node, schema: &Schema) -> String {
    let mut out = String::new();
    write(node, schema, &mut out);
    out
}

fn spaced(name: &str) -> String {
    name.replace('_', " ")
}

fn write(node: &Node, schema: &Schema, out: &mut String) {
    let w = |n: &Node| phrase(n, schema);
    let text = match &node.kind {
        NodeKind::Const(v) => display(v, &node.ty, schema),
        NodeKind::Var(0) => "the document".to_string(),
        NodeKind::Var(_) => "the item".to_string(),
        NodeKind::Field { base, name, .. } => field(base, name),
        NodeKind::Kind(inner) => format!("the kind of {}", w(inner)),
        NodeKind::Not(inner) => match &inner.kind {
            NodeKind::Field { .. } if inner.ty == Type::Bool => format!("{} is no", w(inner)),
            _ => format!("it is not so that {}", w(inner)),
        },
        NodeKind::And(parts) => joined(parts, " and ", schema),
        NodeKind::Or(parts) => joined(parts, " or ", schema),
        NodeKind::Implies(a, b) => format!("if {}, then {}", w(a), w(b)),
        NodeKind::Compare(op, a, b) => format!("{} {} {}", w(a), comparison(*op), w(b)),
        NodeKind::Scale(inner, _) | NodeKind::Neg(inner) => w(inner),
        NodeKind::InSet { value, set } => {
            let items: Vec<String> = set.iter().map(|v| display(v, &value.ty, schema)).collect();
            format!("{} is one of: {}", w(value), items.join(", "))
        }
        NodeKind::InList { value, list } => format!("{} is among {}", w(value), w(list)),
        NodeKind::Is(value, case) => {
            let name = match &value.ty {
                Type::Variant(v, _) => schema
                    .variant(*v)
                    .and_then(|d| d.cases.get(*case as usize))
                    .map_or(String::new(), |c| spaced(&c.name)),
                _ => String::new(),
            };
            format!("{} is a {name}", w(value))
        }
        NodeKind::Arith(op, a, b) => format!("{} {} {}", w(a), arithmetic(*op), w(b)),
        NodeKind::Coalesce(a, b) => format!("{} (taken as {} when not recorded)", w(a), w(b)),
        NodeKind::Call(f, args) => call(*f, args, schema),
        NodeKind::Aggregate(agg) => {
            let list = w(&agg.list);
            let case = agg.case.and_then(|c| match &agg.list.ty {
                Type::List(t) => match &**t {
                    Type::Variant(v, _) => schema
                        .variant(*v)
                        .and_then(|d| d.cases.get(c as usize))
                        .map(|c| spaced(&c.name)),
                    _ => None,
                },
                _ => None,
            });
            let items = match &case {
                Some(c) => format!("the {c} items of {list}"),
                None => format!("the items of {list}"),
            };
            let filter = agg
                .filter
                .as_ref()
                .map(|f| format!(" where {}", w(f)))
                .unwrap_or_default();
            let body = agg.body.as_ref().map(w).unwrap_or_default();
            match agg.op {
                AggOp::Any if body.is_empty() => format!("there is one of {items}{filter}"),
                AggOp::Any => format!("for one of {items}{filter}, {body}"),
                AggOp::All => format!("for every one of {items}{filter}, {body}"),
                AggOp::Count => format!("the number of {items}{filter}"),
                AggOp::Sum => format!("the total of {body} over {items}{filter}"),
                AggOp::Min => format!("the least {body} among {items}{filter}"),
                AggOp::Max => format!("the greatest {body} among {items}{filter}"),
            }
        }
    };
    out.push_str(&text);
}

/// `order.offender.age` -> `the offender's age`; `r.hours_per_day` -> `the hours per day`.
fn field(base: &Node, name: &str) -> String {
    match &base.kind {
        NodeKind::Field {
            base: outer,
            name: owner,
            ..
        } => {
            let owner = match &outer.kind {
                NodeKind::Var(_) => format!("the {}", spaced(owner)),
                _ => field(outer, owner),
            };
            format!("{owner}'s {}", spaced(name))
        }
        _ => format!("the {}", spaced(name)),
    }
}

fn joined(parts: &[Node], sep: &str, schema: &Schema) -> String {
    parts
        .iter()
        .map(|p| phrase(p, schema))
        .collect::<Vec<_>>()
        .join(sep)
}

fn comparison(op: Cmp) -> &'static str {
    match op {
        Cmp::Eq => "is",
        Cmp::Ne => "is not",
        Cmp::Lt => "is less than",
        Cmp::Le => "is at most",
        Cmp::Gt => "is more than",
        Cmp::Ge => "is at least",
    }
}

fn arithmetic(op: Arith) -> &'static str {
    match op {
        Arith::AddInt | Arith::AddDec | Arith::DateAddDays | Arith::DateAddMonths => "plus",
        Arith::SubInt | Arith::SubDec | Arith::DateSubDays | Arith::DateSubMonths => "minus",
        Arith::DateDiffDays => "minus (in days)",
        Arith::MulInt => "times",
    }
}

fn call(f: Builtin, args: &[Node], schema: &Schema) -> String {
    let w = |i: usize| args.get(i).map(|n| phrase(n, schema)).unwrap_or_default();
    let all = || joined(args, ", ", schema);
    match f {
        Builtin::Present => format!("{} is recorded", w(0)),
        Builtin::DaysBetween => format!("the days from {} to {}", w(0), w(1)),
        Builtin::MonthsBetween => format!("the whole months from {} to {}", w(0), w(1)),
        Builtin::If => format!("{} if {}, else {}", w(1), w(0), w(2)),
        Builtin::Highest => format!("the highest of {}", all()),
        Builtin::Lowest => format!("the lowest of {}", all()),
        Builtin::Concat => all(),
    }
}

/// A place in a document as words: `requirements[2].hours_per_day` -> `the hours per day of item
/// 3 of requirements`.
pub fn place(path: &str) -> String {
    let parts: Vec<String> = path
        .split('.')
        .filter(|s| !s.is_empty())
        .rev()
        .map(|seg| match seg.split_once('[') {
            Some((name, rest)) => {
                let n: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
                format!("item {} of {}", n + 1, spaced(name))
            }
            None => spaced(seg),
        })
        .collect();
    match parts.split_first() {
        Some((first, rest)) if !rest.is_empty() => format!("the {first} of {}", rest.join(" of ")),
        Some((first, _)) => format!("the {first}"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(condition: &str) -> (crate::ir::Program, Node) {
        let text = format!(
            "rulebook t\ndocument o: Order\nrecord Offender {{ age: years }}\n\
             record Order {{ offender: Offender, hours_per_day: hours, fine: optional money, \
             punitive: bool }}\n\
             rule r title \"t\" cite \"c\" explain \"e\" require {condition} message \"m\"\n"
        );
        let mut s = crate::diag::Sources::default();
        s.add("t.rules", text);
        let p = crate::check::compile(s).program.expect("compiles");
        let node = p.rules[0].require.clone().expect("a condition");
        (p, node)
    }

    #[test]
    fn conditions_read_as_sentences_without_rule_syntax() {
        for (rule, words) in [
            (
                "o.hours_per_day <= 20 hours",
                "the hours per day is at most 20 hours",
            ),
            (
                "o.offender.age >= 18 years",
                "the offender's age is at least 18 years",
            ),
            ("present(o.fine)", "the fine is recorded"),
            ("o.punitive", "the punitive is yes"),
            (
                "(o.fine ?? £0) < £2500",
                "the fine (taken as £0.00 when not recorded) is less than £2500.00",
            ),
        ] {
            let (p, node) = compiled(rule);
            let said = condition(&node, &p.schema);
            assert_eq!(said, words, "{rule}");
            assert!(!said.contains("??") && !said.contains("o."), "{said}");
        }
    }

    #[test]
    fn places_read_from_the_inside_out() {
        assert_eq!(
            place("requirements[2].hours_per_day"),
            "the hours per day of item 3 of requirements"
        );
        assert_eq!(place("offender.age"), "the age of offender");
        assert_eq!(place("requirements[0]"), "the item 1 of requirements");
    }
}
