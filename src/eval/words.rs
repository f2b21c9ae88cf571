//! Conditions and values in words for people reading a finding's "why", in the schema's language:
//! fields by their labels (by their names made readable where a rulebook gives none), operators as
//! phrases, constants as values (`“Curfew hours a day” is at most 16 hours`), never rule syntax
//! (`??`, `any(...)`, `r.hours_per_day`).

use super::render::display;
use crate::ir::{Arith, Builtin, Cmp, Field, Language, Node, NodeKind, Schema, Type};
use crate::phrases::{self, in_sentence, Phrase};
use crate::vocab::AggOp;

/// A condition as a statement: a yes/no field alone reads `the punitive is yes`.
pub fn condition(node: &Node, schema: &Schema) -> String {
    let p = phrase(node, schema);
    // A yes/no field, or one taken as yes or no when not recorded, is said as a statement.
    let flag = match &node.kind {
        NodeKind::Field { .. } => true,
        NodeKind::Coalesce(a, _) => matches!(a.kind, NodeKind::Field { .. }),
        _ => false,
    };
    if flag && node.ty == Type::Bool {
        phrases::FLAG_YES.say(schema.language, &[&p])
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
    let language = schema.language;
    let w = |n: &Node| phrase(n, schema);
    let say = |p: Phrase, args: &[&str]| p.say(language, args);
    let text = match &node.kind {
        NodeKind::Const(v) => display(v, &node.ty, schema),
        NodeKind::Var(0) => phrases::THE_DOCUMENT.text(language).to_string(),
        NodeKind::Var(_) => phrases::THE_ITEM.text(language).to_string(),
        NodeKind::Field { base, index, name } => field(base, *index, name, schema),
        NodeKind::Kind(inner) => say(phrases::KIND_OF, &[&w(inner)]),
        NodeKind::Not(inner) => match &inner.kind {
            NodeKind::Field { .. } if inner.ty == Type::Bool => say(phrases::FLAG_NO, &[&w(inner)]),
            _ => say(phrases::NOT_SO, &[&w(inner)]),
        },
        NodeKind::And(parts) => joined(parts, phrases::AND.text(language), schema),
        NodeKind::Or(parts) => joined(parts, phrases::OR.text(language), schema),
        NodeKind::Implies(a, b) => say(phrases::IF_THEN, &[&w(a), &w(b)]),
        NodeKind::Compare(op, a, b) => say(comparison(*op), &[&w(a), &w(b)]),
        NodeKind::Scale(inner, _) | NodeKind::Neg(inner) => w(inner),
        NodeKind::InSet { value, set } => {
            let items: Vec<String> = set.iter().map(|v| display(v, &value.ty, schema)).collect();
            say(phrases::ONE_OF, &[&w(value), &items.join(", ")])
        }
        NodeKind::InList { value, list } => say(phrases::AMONG, &[&w(value), &w(list)]),
        NodeKind::Is(value, case) => {
            let name = match &value.ty {
                Type::Variant(v, _) => schema
                    .variant(*v)
                    .and_then(|d| d.cases.get(*case as usize))
                    .map_or(String::new(), |c| case_after_is(language, c)),
                _ => String::new(),
            };
            say(phrases::IS_A, &[&w(value), &name])
        }
        NodeKind::Arith(op, a, b) => say(arithmetic(*op), &[&w(a), &w(b)]),
        NodeKind::Coalesce(a, b) => say(phrases::TAKEN_AS, &[&w(a), &w(b)]),
        NodeKind::Call(f, args) => call(*f, args, schema),
        NodeKind::Aggregate(agg) => {
            let list = w(&agg.list);
            let case = agg.case.and_then(|c| match &agg.list.ty {
                Type::List(t) => match &**t {
                    Type::Variant(v, _) => schema
                        .variant(*v)
                        .and_then(|d| d.cases.get(c as usize))
                        .map(case_words),
                    _ => None,
                },
                _ => None,
            });
            let items = match &case {
                Some(c) => say(phrases::CASE_ITEMS_OF, &[c, &list]),
                None => say(phrases::ITEMS_OF, &["", &list]),
            };
            let filter = agg
                .filter
                .as_ref()
                .map(|f| say(phrases::WHERE, &[&w(f)]))
                .unwrap_or_default();
            let items = format!("{items}{filter}");
            // A yes/no field as the body reads as a statement (`..., the punitive is yes`).
            let body = agg
                .body
                .as_ref()
                .map(|b| condition(b, schema))
                .unwrap_or_default();
            match agg.op {
                AggOp::Any if body.is_empty() => say(phrases::ANY_EXISTS, &[&items]),
                AggOp::Any => say(phrases::ANY, &[&items, &body]),
                AggOp::All => say(phrases::ALL_OF, &[&items, &body]),
                AggOp::Count => say(phrases::COUNT, &[&items]),
                AggOp::Sum => say(phrases::SUM, &[&items, &body]),
                AggOp::Min => say(phrases::MIN, &[&items, &body]),
                AggOp::Max => say(phrases::MAX, &[&items, &body]),
            }
        }
    };
    out.push_str(&text);
}

/// A case in words: its label as it reads in a sentence, else its name made readable.
pub fn case_words(case: &crate::ir::CaseDef) -> String {
    match &case.words.label {
        Some(label) => in_sentence(label),
        None => spaced(&case.name),
    }
}

/// A case after "is" (`is a curfew`, `is an alcohol treatment`): English takes an article,
/// Welsh none (`: cyrffyw`).
pub fn case_after_is(language: Language, case: &crate::ir::CaseDef) -> String {
    match language {
        Language::English => super::render::with_article(&case_words(case)),
        Language::Welsh => case_words(case),
    }
}

/// The field a `Field` node reads, from its base's type.
fn field_def<'s>(schema: &'s Schema, base: &Type, index: u32) -> Option<&'s Field> {
    match base {
        Type::Optional(inner) => field_def(schema, inner, index),
        Type::Record(r) => schema.record(*r)?.fields.get(index as usize),
        Type::Variant(v, case) => schema
            .variant(*v)?
            .cases
            .get(case.unwrap_or(0) as usize)?
            .fields
            .get(index as usize),
        _ => None,
    }
}

/// How a field is named: by the rulebook's label, else by its name made readable.
enum Named<'s> {
    Label(&'s str),
    Name(String),
}

/// A field's words: its label when the rulebook gives one.
fn field_name<'s>(schema: &'s Schema, base: &Node, index: u32, name: &str) -> Named<'s> {
    match field_def(schema, &base.ty, index).and_then(|f| f.words.label.as_deref()) {
        Some(label) => Named::Label(label),
        None => Named::Name(spaced(name)),
    }
}

impl Named<'_> {
    /// Named on its own: a label as the form shows it (`“Curfew hours a day”`, Welsh `oriau
    /// cyrffyw y dydd`), a name with its article (`the hours per day`).
    fn alone(&self, language: Language) -> String {
        match self {
            Named::Label(label) => phrases::label_in(language, label),
            Named::Name(name) => phrases::THE_FIELD.say(language, &[name]),
        }
    }

    /// Named as the owner of another field: `the offender`, `y troseddwr`.
    fn owner(&self, language: Language) -> String {
        match self {
            Named::Label(label) => in_sentence(label),
            Named::Name(name) => phrases::THE_FIELD.say(language, &[name]),
        }
    }
}

/// `order.offender.age` -> `“Age at conviction” (the offender)`; without labels
/// `the offender's age`; `r.hours_per_day` -> `“Curfew hours a day”`.
fn field(base: &Node, index: u32, name: &str, schema: &Schema) -> String {
    let language = schema.language;
    let own = field_name(schema, base, index, name);
    match &base.kind {
        NodeKind::Field {
            base: outer,
            index: owner_index,
            name: owner,
        } => {
            let owner = match &outer.kind {
                NodeKind::Var(_) => field_name(schema, outer, *owner_index, owner).owner(language),
                _ => field(outer, *owner_index, owner, schema),
            };
            match &own {
                Named::Label(_) => {
                    phrases::OWNED_LABELLED.say(language, &[&owner, &own.alone(language)])
                }
                Named::Name(name) => phrases::OWNED.say(language, &[&owner, name]),
            }
        }
        _ => own.alone(language),
    }
}

fn joined(parts: &[Node], sep: &str, schema: &Schema) -> String {
    parts
        .iter()
        .map(|p| phrase(p, schema))
        .collect::<Vec<_>>()
        .join(sep)
}

fn comparison(op: Cmp) -> Phrase {
    match op {
        Cmp::Eq => phrases::IS,
        Cmp::Ne => phrases::IS_NOT,
        Cmp::Lt => phrases::LESS,
        Cmp::Le => phrases::AT_MOST,
        Cmp::Gt => phrases::MORE,
        Cmp::Ge => phrases::AT_LEAST,
    }
}

fn arithmetic(op: Arith) -> Phrase {
    match op {
        Arith::AddInt | Arith::AddDec | Arith::DateAddDays | Arith::DateAddMonths => phrases::PLUS,
        Arith::SubInt | Arith::SubDec | Arith::DateSubDays | Arith::DateSubMonths => phrases::MINUS,
        Arith::DateDiffDays => phrases::MINUS_DAYS,
        Arith::MulInt => phrases::TIMES,
    }
}

fn call(f: Builtin, args: &[Node], schema: &Schema) -> String {
    let language = schema.language;
    let w = |i: usize| args.get(i).map(|n| phrase(n, schema)).unwrap_or_default();
    let all = || joined(args, ", ", schema);
    match f {
        Builtin::Present => phrases::RECORDED.say(language, &[&w(0)]),
        Builtin::DaysBetween => phrases::DAYS_BETWEEN.say(language, &[&w(0), &w(1)]),
        Builtin::MonthsBetween => phrases::MONTHS_BETWEEN.say(language, &[&w(0), &w(1)]),
        Builtin::If => phrases::IF_ELSE.say(language, &[&w(0), &w(1), &w(2)]),
        Builtin::Highest => phrases::HIGHEST.say(language, &[&all()]),
        Builtin::Lowest => phrases::LOWEST.say(language, &[&all()]),
        Builtin::Concat => all(),
    }
}

/// A place in a document as words, by field names (for a document without its rulebook):
/// `requirements[2].hours_per_day` -> `the hours per day of item 3 of requirements`.
pub fn place(path: &str) -> String {
    place_with(path, Language::English, |name| (spaced(name), false))
}

/// A type's items' type (a list's element, an optional's inside), else the type.
fn element(ty: &Type) -> &Type {
    match ty {
        Type::Optional(inner) | Type::List(inner) => element(inner),
        t => t,
    }
}

/// The field called `name` of a record, or of any case of a variant.
fn field_named<'s>(schema: &'s Schema, ty: &Type, name: &str) -> Option<&'s Field> {
    match element(ty) {
        Type::Record(r) => schema.record(*r)?.fields.iter().find(|f| f.name == name),
        Type::Variant(v, _) => schema
            .variant(*v)?
            .cases
            .iter()
            .flat_map(|c| &c.fields)
            .find(|f| f.name == name),
        _ => None,
    }
}

/// A place in a document as words in the program's language, each name by its field's label
/// (`the “Curfew hours a day” of item 3 of “Requirements”`, `oriau cyrffyw y dydd o eitem 3 o
/// ofynion`), else by its name made readable.
pub fn place_in(path: &str, program: &crate::ir::Program) -> String {
    let schema = &program.schema;
    let language = schema.language;
    let mut ty = Type::Record(program.document_type);
    let named = |name: &str| -> (String, bool) {
        let found = field_named(schema, &ty, name);
        let words = match found.and_then(|f| f.words.label.as_deref()) {
            Some(label) => (phrases::label_in(language, label), true),
            None => (spaced(name), false),
        };
        if let Some(f) = found {
            ty = element(&f.ty).clone();
        }
        words
    };
    place_with(path, language, named)
}

/// A place in words, each name said by `named` (in order from the document inwards; `true` for
/// a label, which stands without an article).
fn place_with(
    path: &str,
    language: Language,
    mut named: impl FnMut(&str) -> (String, bool),
) -> String {
    let mut labelled = false;
    let forward: Vec<String> = path
        .split('.')
        .filter(|s| !s.is_empty())
        .map(|seg| match seg.split_once('[') {
            Some((name, rest)) => {
                let n: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
                let (list, label) = named(name);
                labelled = label;
                phrases::ITEM_N_OF.say(language, &[&(n + 1).to_string(), &list])
            }
            None => {
                let (words, label) = named(seg);
                labelled = label;
                words
            }
        })
        .collect();
    let parts: Vec<String> = forward.into_iter().rev().collect();
    // From the outside in: `the hours per day of item 3 of requirements`.
    let mut rest = parts.iter().rev();
    let Some(outermost) = rest.next() else {
        return String::new();
    };
    let mut place = outermost.clone();
    for inner in rest {
        place = phrases::PLACE_OF.say(language, &[inner, &place]);
    }
    if parts.len() == 1 && !labelled {
        phrases::THE_FIELD.say(language, &[&place])
    } else {
        place
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
