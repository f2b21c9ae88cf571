//! Fixes in court words: each edit of a fix said as a sentence a legal adviser would say
//! ("Reduce the curfew requirement's hours per day from 21 hours to 16 hours", "Remove the curfew
//! requirement"), built from the schema's names made readable and the values with their units.

use super::fixes::number;
use super::Explorer;
use crate::eval::render::display;
use crate::ir::{Field, Type, Value};

/// A schema name as words: `hours_per_day` -> `hours per day`, `Requirement` -> `requirement`.
pub(crate) fn readable(name: &str) -> String {
    name.replace('_', " ").to_lowercase()
}

/// `a` or `an` before a word.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

impl Explorer<'_> {
    /// The words for an item of the list: `the curfew requirement`.
    pub(crate) fn item_words(&self, case: u32) -> String {
        format!(
            "the {} {}",
            readable(&self.case_name(case)),
            readable(&self.list.variant)
        )
    }

    /// A change of one field said as a court would: `whose` is the owner in words (`the curfew
    /// requirement's ` or empty for a field of the document itself).
    pub(crate) fn set_sentence(
        &self,
        whose: &str,
        field: &Field,
        old: Option<&Value>,
        new: &Value,
    ) -> String {
        let schema = self.schema();
        let name = readable(&field.name);
        let shown = display(new, &field.ty, schema);
        let inner = match &field.ty {
            Type::Optional(t) => &**t,
            t => t,
        };
        let old = old.filter(|v| !matches!(v, Value::Absent));
        let subject = if whose.is_empty() {
            format!("the {name}")
        } else {
            format!("{whose}{name}")
        };
        match (inner, old) {
            (Type::Date, Some(o)) => format!(
                "Change {subject} from {} to {shown}",
                display(o, &field.ty, schema)
            ),
            (Type::Int(_) | Type::Decimal | Type::Money | Type::Percent, Some(o)) => {
                let verb = match (number(o), number(new)) {
                    (Some(a), Some(b)) if b < a => "Reduce",
                    (Some(a), Some(b)) if b > a => "Increase",
                    _ => "Change",
                };
                format!(
                    "{verb} {subject} from {} to {shown}",
                    display(o, &field.ty, schema)
                )
            }
            (Type::Bool, _) => format!("Record {subject} as {shown}"),
            (_, None) => format!("Record {subject} as {shown}"),
            (_, Some(o)) => format!(
                "Change {subject} from {} to {shown}",
                display(o, &field.ty, schema)
            ),
        }
    }

    /// Removing item `i`: `Remove the curfew requirement`.
    pub(crate) fn remove_sentence(&self, case: Option<u32>) -> String {
        match case {
            Some(c) => format!("Remove {}", self.item_words(c)),
            None => format!("Remove the {}", readable(&self.list.variant)),
        }
    }

    /// Adding an item, with every field it sets that says something (flags that are yes,
    /// numbers, choices): `Add a drug testing requirement, with punitive yes`.
    pub(crate) fn add_sentence(&self, item: &Value) -> String {
        let Value::Variant { case, fields } = item else {
            return format!(
                "Add {} {}",
                article(&self.list.variant),
                readable(&self.list.variant)
            );
        };
        let case_words = readable(&self.case_name(*case));
        let mut with = Vec::new();
        if let Some(def) = self.case_def(*case) {
            for (f, v) in def.fields.iter().zip(fields) {
                let says = match v {
                    Value::Absent | Value::Bool(false) => false,
                    Value::Str(s) => !s.is_empty(),
                    _ => true,
                };
                if says {
                    with.push(format!(
                        "{} {}",
                        readable(&f.name),
                        display(v, &f.ty, self.schema())
                    ));
                }
            }
        }
        let head = format!(
            "Add {} {case_words} {}",
            article(&case_words),
            readable(&self.list.variant)
        );
        if with.is_empty() {
            head
        } else {
            format!("{head}, with {}", with.join(", "))
        }
    }
}
