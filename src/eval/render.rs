//! Values as words for messages and traces (`21 hours`, `£250.00`, `28 June 2022`) and as JSON
//! for derived values. Needs the type, because a runtime int does not know its unit.

use crate::ir::{Language, Schema, Type, Unit, Value, Words};
use crate::phrases;

/// A value as words in the schema's language (`21 hours`, `21 awr`; an enum value or case by its
/// label, else by its name made readable).
pub fn display(v: &Value, ty: &Type, schema: &Schema) -> String {
    let language = schema.language;
    let inner = match ty {
        Type::Optional(t) => &**t,
        t => t,
    };
    match (v, inner) {
        (Value::Absent, _) => phrases::ABSENT.text(language).into(),
        (Value::Bool(b), _) => if *b { phrases::YES } else { phrases::NO }
            .text(language)
            .into(),
        (Value::Int(n), Type::Int(Unit::Plain)) => n.to_string(),
        (Value::Int(n), Type::Int(u)) => format!("{n} {}", phrases::unit_after(*u, *n, language)),
        (Value::Int(n), _) => n.to_string(),
        (Value::Dec(d), Type::Money) => format!("£{:.2}", d),
        (Value::Dec(d), Type::Percent) => format!("{}%", d.normalize()),
        (Value::Dec(d), _) => d.normalize().to_string(),
        (Value::Date(d), _) => crate::dates::long_in(*d, language),
        (Value::Time(m), _) => crate::dates::hh_mm(*m),
        (Value::Str(s), _) => format!("\"{s}\""),
        (Value::Enum(i), Type::Enum(e)) => schema.enum_def(*e).map_or_else(
            || i.to_string(),
            |d| {
                let name = d.values.get(*i as usize).map(String::as_str).unwrap_or("");
                named(d.words.get(*i as usize), name)
            },
        ),
        (Value::Enum(i), Type::Case(v)) => schema
            .variant(*v)
            .and_then(|d| d.cases.get(*i as usize))
            .map_or_else(|| i.to_string(), |c| named(Some(&c.words), &c.name)),
        (Value::Enum(i), _) => i.to_string(),
        (Value::Variant { case, .. }, Type::Variant(vid, _)) => schema
            .variant(*vid)
            .and_then(|d| d.cases.get(*case as usize))
            .map_or_else(
                || "a variant".into(),
                |c| match language {
                    Language::English => with_article(&named(Some(&c.words), &c.name)),
                    Language::Welsh => named(Some(&c.words), &c.name),
                },
            ),
        (Value::List(items), _) if items.len() == 1 => phrases::ONE_ITEM.text(language).into(),
        (Value::List(items), _) => phrases::ITEMS.say(language, &[&items.len().to_string()]),
        (Value::Record(_), _) | (Value::Variant { .. }, _) => {
            phrases::A_RECORD.text(language).into()
        }
    }
}

/// An enum value or case in words: the rulebook's label for it as it reads in a sentence
/// (`community order`, `gorchymyn cymunedol`), else its name made readable.
fn named(words: Option<&Words>, name: &str) -> String {
    match words.and_then(|w| w.label.as_deref()) {
        Some(label) => phrases::in_sentence(label),
        None => name.replace('_', " "),
    }
}

/// The value as a document would hold it.
pub fn json(v: &Value, ty: &Type, schema: &Schema) -> serde_json::Value {
    use serde_json::Value as J;
    let inner = match ty {
        Type::Optional(t) => &**t,
        t => t,
    };
    match (v, inner) {
        (Value::Absent, _) => J::Null,
        (Value::Bool(b), _) => J::Bool(*b),
        (Value::Int(n), _) => J::from(*n),
        (Value::Dec(d), _) => J::String(d.normalize().to_string()),
        (Value::Date(d), _) => J::String(crate::dates::iso(*d)),
        (Value::Time(m), _) => J::String(crate::dates::hh_mm(*m)),
        (Value::Str(s), _) => J::String(s.to_string()),
        (Value::Enum(i), Type::Enum(e)) => schema
            .enum_def(*e)
            .and_then(|d| d.values.get(*i as usize))
            .map_or(J::Null, |s| J::String(s.clone())),
        (Value::Enum(i), Type::Case(v)) => schema
            .variant(*v)
            .and_then(|d| d.cases.get(*i as usize))
            .map_or(J::Null, |c| J::String(c.name.clone())),
        (Value::List(items), Type::List(t)) => {
            J::Array(items.iter().map(|i| json(i, t, schema)).collect())
        }
        _ => J::Null,
    }
}

/// `a curfew`, `an exclusion`.
pub(crate) fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}
