//! Fixes in court words: each edit of a fix said as a sentence a legal adviser would say, in the
//! session's language, from the rulebook's labels for the field and the item and the values with
//! their units ("Curfew: reduce curfew hours a day from 21 hours to 16 hours", "Cyrffyw: lleihau
//! oriau cyrffyw y dydd o 21 awr i 16 awr"). The phrases themselves live in `crate::phrases`.

use super::fixes::number;
use super::Explorer;
use crate::eval::render::display;
use crate::ir::{Field, Type, Value};
use crate::phrases::{self, capitalised, in_sentence};

/// A schema name as words when the rulebook gives no label: `hours_per_day` -> `hours per day`.
/// Names are ASCII (the grammar's `ident`), so ASCII lower case is all of it (and keeps the
/// Unicode case tables of `str::to_lowercase` out of the modules).
pub(crate) fn readable(name: &str) -> String {
    name.replace('_', " ").to_ascii_lowercase()
}

/// A field's label as it reads inside a sentence.
fn field_words(field: &Field) -> String {
    match &field.words.label {
        Some(label) => in_sentence(label),
        None => readable(&field.name),
    }
}

impl Explorer<'_> {
    /// The words for an item of the list: its case's label (`Curfew`).
    pub(crate) fn item_words(&self, case: u32) -> String {
        self.case_def(case)
            .and_then(|c| c.words.label.clone())
            .unwrap_or_else(|| capitalised(&readable(&self.case_name(case))))
    }

    /// An item's words as the language's sentence takes them: inside the English sentence
    /// (`Remove the curfew`), quoted as the rulebook gives them in the Welsh (`“Cyrffyw”`).
    fn in_sentence_for(&self, words: &str) -> String {
        match self.schema().language {
            crate::ir::Language::English => in_sentence(words),
            crate::ir::Language::Welsh => words.to_string(),
        }
    }

    /// A change of one field said as a court would; `case` is the item's case when the field is
    /// an item's (the sentence then opens with the item: `Curfew: reduce ...`).
    pub(crate) fn set_sentence(
        &self,
        case: Option<u32>,
        field: &Field,
        old: Option<&Value>,
        new: &Value,
    ) -> String {
        let schema = self.schema();
        let language = schema.language;
        let name = field_words(field);
        let shown = display(new, &field.ty, schema);
        let inner = match &field.ty {
            Type::Optional(t) => &**t,
            t => t,
        };
        let old = old.filter(|v| !matches!(v, Value::Absent));
        let change = match (inner, old) {
            (Type::Bool, _) | (_, None) => phrases::RECORD.say(language, &[&name, &shown]),
            (Type::Int(_) | Type::Decimal | Type::Money | Type::Percent, Some(o)) => {
                let phrase = match (number(o), number(new)) {
                    (Some(a), Some(b)) if b < a => phrases::REDUCE,
                    (Some(a), Some(b)) if b > a => phrases::INCREASE,
                    _ => phrases::CHANGE,
                };
                phrase.say(language, &[&name, &display(o, &field.ty, schema), &shown])
            }
            (_, Some(o)) => {
                phrases::CHANGE.say(language, &[&name, &display(o, &field.ty, schema), &shown])
            }
        };
        match case {
            Some(c) => {
                phrases::ON_ITEM.say(language, &[&self.item_words(c), &in_sentence(&change)])
            }
            None => change,
        }
    }

    /// Removing an item: `Remove the curfew`.
    pub(crate) fn remove_sentence(&self, case: Option<u32>) -> String {
        let what = match case {
            Some(c) => self.item_words(c),
            None => capitalised(&readable(&self.list.variant)),
        };
        phrases::REMOVE.say(self.schema().language, &[&self.in_sentence_for(&what)])
    }

    /// Adding an item, with every field it sets that says something (flags that are yes,
    /// numbers, choices): `Add drug testing (imposed as punishment: yes)`.
    pub(crate) fn add_sentence(&self, item: &Value) -> String {
        let language = self.schema().language;
        let Value::Variant { case, fields } = item else {
            let what = capitalised(&readable(&self.list.variant));
            return phrases::ADD.say(language, &[&self.in_sentence_for(&what)]);
        };
        let mut with = Vec::new();
        if let Some(def) = self.case_def(*case) {
            for (f, v) in def.fields.iter().zip(fields) {
                let says = match v {
                    Value::Absent | Value::Bool(false) => false,
                    Value::Str(s) => !s.is_empty(),
                    _ => true,
                };
                if says {
                    let value = display(v, &f.ty, self.schema());
                    with.push(phrases::FIELD_IS.say(language, &[&field_words(f), &value]));
                }
            }
        }
        let what = self.in_sentence_for(&self.item_words(*case));
        if with.is_empty() {
            phrases::ADD.say(language, &[&what])
        } else {
            phrases::ADD_WITH.say(language, &[&what, &with.join("; ")])
        }
    }
}
