//! Words for people in two languages: the label and hint of each field, enum value and case, and
//! the Welsh (or English) of each declaration's title, explanation and message. A program holds
//! its text in one language; the other language's text waits in a `Translation` (and in each
//! schema item's `words_other`) until `set_language` swaps them.

use super::{MessagePart, Program};
use crate::diag::Span;
pub use crate::vocab::Language;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a form or a message calls a field, enum value or case, and a hint shown under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub label: Option<String>,
    pub hint: Option<String>,
}

impl Words {
    /// Swap in the other language's words where it has them (symmetric: swapping twice restores).
    fn swap(&mut self, other: &mut Words) {
        swap_given(&mut self.label, &mut other.label);
        swap_given(&mut self.hint, &mut other.hint);
    }
}

fn swap_given<T>(shown: &mut Option<T>, other: &mut Option<T>) {
    if other.is_some() {
        std::mem::swap(shown, other);
    }
}

/// One declaration version's text in the other language; `None` where the rulebook gives none.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DeclWords {
    pub title: Option<String>,
    pub explain: Option<String>,
    pub message: Option<Vec<MessagePart>>,
}

/// The text of a program in the language it is not showing.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Translation {
    /// The language the program shows now (the table holds the other one).
    pub shown: Language,
    /// Each rulebook file's title, by file order.
    pub rulebook_titles: Vec<Option<String>>,
    /// Each declaration version's words, by the span of its id (unique to the version).
    pub decls: HashMap<Span, DeclWords>,
}

/// Show the program's text in `language`: titles, explanations, messages, labels and hints the
/// rulebook gives in that language replace the others; text it does not give stays as it is.
pub fn set_language(program: &mut Program, table: &mut Translation, language: Language) {
    if table.shown == language {
        return;
    }
    table.shown = language;
    for (info, title) in program.rulebooks.iter_mut().zip(&mut table.rulebook_titles) {
        if let Some(t) = title {
            std::mem::swap(&mut info.title, t);
        }
    }
    let decls = &mut table.decls;
    let mut swap = |meta: &mut super::Meta, message: Option<&mut Vec<MessagePart>>| {
        let Some(other) = decls.get_mut(&meta.span) else {
            return;
        };
        if let Some(t) = &mut other.title {
            std::mem::swap(&mut meta.title, t);
        }
        if let Some(t) = &mut other.explain {
            std::mem::swap(&mut meta.explain, t);
        }
        if let (Some(m), Some(o)) = (message, &mut other.message) {
            std::mem::swap(m, o);
        }
    };
    for r in &mut program.rules {
        swap(&mut r.meta, Some(&mut r.message));
    }
    for c in &mut program.conflicts {
        swap(&mut c.meta, Some(&mut c.message));
    }
    for r in &mut program.routes {
        swap(&mut r.meta, None);
    }
    for d in &mut program.derives {
        swap(&mut d.meta, None);
    }
    let s = &mut program.schema;
    s.language = language;
    for e in &mut s.enums {
        for (w, o) in e.words.iter_mut().zip(&mut e.words_other) {
            w.swap(o);
        }
    }
    let fields = |fs: &mut Vec<super::Field>| {
        for f in fs {
            f.words.swap(&mut f.words_other);
        }
    };
    for r in &mut s.records {
        fields(&mut r.fields);
    }
    for v in &mut s.variants {
        for c in &mut v.cases {
            c.words.swap(&mut c.words_other);
            fields(&mut c.fields);
        }
    }
}

/// A name as words when the rulebook gives no label: `em_exception` -> "Em exception".
pub fn readable(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A unit's name as a form shows it beside a number (`hours`, `oriau`).
pub fn unit_name(unit: super::Unit, language: Language) -> &'static str {
    use super::Unit;
    match language {
        Language::English => unit.name(2),
        Language::Welsh => match unit {
            Unit::Plain => "",
            Unit::Hours => "oriau",
            Unit::Days => "diwrnodau",
            Unit::Weeks => "wythnosau",
            Unit::Months => "misoedd",
            Unit::Years => "blynyddoedd",
        },
    }
}
