//! Missing facts narrow the explorer's answer instead of voiding it: a free-text fact left empty
//! (a name the explorer cannot choose, such as the home local justice area) is taken as given
//! for every question, and each answer lists what is not known until it is given.

use super::{error_rules, Explorer};
use crate::ir::{Schema, Type, Value};
use serde::Serialize;

/// A fact the document leaves empty on which some rule's answer waits.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MissingFact {
    /// Its JSON path: `home_local_justice_area`.
    pub path: String,
    /// For people: `Not known until “Home local justice area” is given`.
    pub sentence: String,
    /// The rules whose error findings wait on it (they are left out of every answer).
    pub rules: Vec<String>,
}

/// What an empty text fact is taken to be while exploring: a name that no rule can mean.
const GIVEN: &str = "\u{2026}";

/// An empty text fact: its place (field indices through nested records) and its JSON path.
type Place = (Vec<usize>, String);

/// The places of the empty text facts of a record (and the records inside it), not those of
/// the explored list's items (`skip`).
fn empty_texts(
    schema: &Schema,
    (v, ty): (&Value, &Type),
    path: &str,
    skip: Option<usize>,
    at: &mut Vec<usize>,
    out: &mut Vec<Place>,
) {
    let inner = match ty {
        Type::Optional(t) => &**t,
        t => t,
    };
    match (inner, v) {
        (Type::Str, Value::Absent) => out.push((at.clone(), path.to_string())),
        (Type::Str, Value::Str(s)) if s.is_empty() => out.push((at.clone(), path.to_string())),
        (Type::Record(r), Value::Record(fields)) => {
            let Some(def) = schema.record(*r) else { return };
            for (j, (f, fv)) in def.fields.iter().zip(fields).enumerate() {
                if Some(j) == skip || at.len() > 8 {
                    continue;
                }
                let p = if path.is_empty() {
                    f.name.clone()
                } else {
                    format!("{path}.{}", f.name)
                };
                at.push(j);
                empty_texts(schema, (fv, &f.ty), &p, None, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// Sets the value at a place of nested records.
fn set_at(v: &mut Value, at: &[usize], to: Value) {
    match at.split_first() {
        None => *v = to,
        Some((j, rest)) => {
            if let Value::Record(fields) = v {
                if let Some(f) = fields.get_mut(*j) {
                    set_at(f, rest, to);
                }
            }
        }
    }
}

impl Explorer<'_> {
    /// The empty text facts of a document.
    fn empty_facts(&self, doc: &Value) -> Vec<Place> {
        let mut out = Vec::new();
        empty_texts(
            self.schema(),
            (doc, &Type::Record(self.program.document_type)),
            "",
            Some(self.list.index),
            &mut Vec::new(),
            &mut out,
        );
        out
    }

    /// `doc` with every empty text fact taken as given.
    pub(crate) fn given(&self, doc: &Value) -> Value {
        let mut d = doc.clone();
        for (at, _) in self.empty_facts(doc) {
            set_at(&mut d, &at, Value::Str(GIVEN.into()));
        }
        d
    }

    /// The empty text facts of `doc` on which a rule's error finding waits, each with the rules.
    pub fn missing(&self, doc: &Value) -> Vec<MissingFact> {
        let places = self.empty_facts(doc);
        if places.is_empty() {
            return Vec::new();
        }
        let now = error_rules(&self.check(doc));
        let mut out = Vec::new();
        for (at, path) in places {
            let mut d = doc.clone();
            set_at(&mut d, &at, Value::Str(GIVEN.into()));
            let then = error_rules(&self.check(&d));
            let rules: Vec<String> = now.difference(&then).cloned().collect();
            if !rules.is_empty() {
                out.push(MissingFact {
                    sentence: crate::phrases::NOT_KNOWN_UNTIL.say(
                        self.program.schema.language,
                        &[&crate::eval::words::place_in(&path, self.program)],
                    ),
                    path,
                    rules,
                });
            }
        }
        out
    }
}
