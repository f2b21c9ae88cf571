//! Words for people: the `label`/`hint` of schema items and the Welsh (`cy`) of every text,
//! read into the schema and the program's `Translation`, with a warning for each one missing
//! once a rulebook has started giving them (W0126 labels, W0127 Welsh, W0128 message holes).

use super::expr::Scope;
use super::Checker;
use crate::diag::{Diagnostic, Sources, Span};
use crate::ir::{DeclWords, MessagePart, Words};
use crate::syntax::ast::{self, Clause, Item, SchemaWords, Welsh};

/// A schema item's words: (English, Welsh).
pub(super) fn schema_words(w: Option<&SchemaWords>) -> (Words, Words) {
    let Some(w) = w else {
        return (Words::default(), Words::default());
    };
    let text = |s: &Option<ast::Str>| s.as_ref().map(|s| s.value.clone());
    (
        Words {
            label: Some(w.label.value.clone()),
            hint: text(&w.hint),
        },
        Words {
            label: text(&w.label_cy),
            hint: text(&w.hint_cy),
        },
    )
}

/// The Welsh of a file's rulebook title, if it gives one.
pub(super) fn rulebook_title_cy(file: &ast::File) -> Option<String> {
    file.items.iter().find_map(|it| match it {
        Item::Rulebook(h) => h.title_cy.as_ref().map(|s| s.value.clone()),
        _ => None,
    })
}

/// A schema item of a file, for the warnings: what it is, its name's span, its words.
struct SchemaItem<'a> {
    what: String,
    span: Span,
    words: Option<&'a SchemaWords>,
}

fn schema_items(file: &ast::File) -> Vec<SchemaItem<'_>> {
    let mut out = Vec::new();
    for item in &file.items {
        match item {
            Item::Enum(e) => {
                for (v, w) in e.values.iter().zip(&e.words) {
                    out.push(SchemaItem {
                        what: format!("the value `{}` of `{}`", v.name, e.name.name),
                        span: v.span,
                        words: w.as_ref(),
                    });
                }
            }
            Item::Record(r) => out.extend(fields(&r.name.name, &r.fields)),
            Item::Variant(v) => {
                out.extend(fields(&v.name.name, &v.shared));
                for c in &v.cases {
                    out.push(SchemaItem {
                        what: format!("the case `{}` of `{}`", c.name.name, v.name.name),
                        span: c.name.span,
                        words: c.words.as_ref(),
                    });
                    out.extend(fields(&c.name.name, &c.fields));
                }
            }
            _ => {}
        }
    }
    out
}

fn fields<'a>(owner: &str, fs: &'a [ast::FieldDecl]) -> Vec<SchemaItem<'a>> {
    fs.iter()
        .map(|f| SchemaItem {
            what: format!("the field `{}` of `{owner}`", f.name.name),
            span: f.name.span,
            words: f.words.as_ref(),
        })
        .collect()
}

fn declarations(file: &ast::File) -> impl Iterator<Item = &ast::RuleDecl> {
    file.items.iter().filter_map(|it| match it {
        Item::Rule(d) | Item::Conflict(d) | Item::Routes(d) | Item::Derive(d) => Some(d),
        _ => None,
    })
}

impl Checker {
    /// Reads a declaration's Welsh (`cy` after its title, explanation and message) into the
    /// translation, the message's holes checked in the declaration's scope.
    pub(super) fn decl_welsh(&mut self, d: &ast::RuleDecl, id: Span, scope: Option<&mut Scope>) {
        let mut words = DeclWords::default();
        let mut scope = scope;
        for c in &d.clauses {
            match c {
                Clause::Welsh(Welsh::Title(s)) => words.title = Some(s.value.clone()),
                Clause::Welsh(Welsh::Explain(s)) => words.explain = Some(s.value.clone()),
                Clause::Welsh(Welsh::Message(m)) => {
                    let Some(scope) = scope.as_deref_mut() else {
                        continue;
                    };
                    let mut parts = Vec::new();
                    for p in &m.parts {
                        match p {
                            ast::MessagePart::Text(t) => parts.push(MessagePart::Text(t.clone())),
                            ast::MessagePart::Hole(e) => {
                                if let Ok(n) = self.value(e, scope) {
                                    parts.push(MessagePart::Hole(n));
                                }
                            }
                        }
                    }
                    words.message = Some(parts);
                }
                _ => {}
            }
        }
        if words.title.is_some() || words.explain.is_some() || words.message.is_some() {
            self.translation.decls.insert(id, words);
        }
    }

    /// Once a program gives any label (or any Welsh), every schema item (every text) should have
    /// one: a warning for each missing. A `cy` that follows no text is an error.
    pub(super) fn words_stated(&mut self, sources: &Sources, files: &[ast::File]) {
        let items: Vec<SchemaItem> = files.iter().flat_map(schema_items).collect();
        let labelled = items.iter().any(|i| i.words.is_some());
        // (kind of text, what it is, where, has its Welsh)
        let mut texts: Vec<(&str, String, Span, bool)> = Vec::new();
        for f in files {
            for it in &f.items {
                if let Item::Rulebook(h) = it {
                    if let Some(t) = &h.title {
                        let what = "the rulebook's title".to_string();
                        texts.push(("title", what, t.span, h.title_cy.is_some()));
                    }
                }
            }
        }
        for i in &items {
            let Some(w) = i.words else { continue };
            texts.push((
                "label",
                format!("the label of {}", i.what),
                w.label.span,
                w.label_cy.is_some(),
            ));
            if let Some(h) = &w.hint {
                texts.push((
                    "label",
                    format!("the hint of {}", i.what),
                    h.span,
                    w.hint_cy.is_some(),
                ));
            }
        }
        for d in files.iter().flat_map(declarations) {
            let mut english: Option<&ast::Message> = None;
            for (k, c) in d.clauses.iter().enumerate() {
                let next_is_welsh = matches!(d.clauses.get(k + 1), Some(Clause::Welsh(_)));
                let (what, span) = match c {
                    Clause::Title(s) => ("title", s.span),
                    Clause::Explain(s) => ("explanation", s.span),
                    Clause::Message(m) => {
                        english = Some(m);
                        ("message", m.span)
                    }
                    Clause::Welsh(Welsh::Stray(s)) => {
                        self.diags.push(
                            Diagnostic::error(
                                "E0156",
                                "`cy` gives the Welsh of the `title`, `explain` or `message` just before it, and there is none here",
                            )
                            .at(s.span)
                            .hint("move it to just after the text it translates"),
                        );
                        continue;
                    }
                    Clause::Welsh(Welsh::Message(m)) => {
                        if let Some(en) = english {
                            self.holes_match(sources, &d.id.name, en, m);
                        }
                        continue;
                    }
                    _ => continue,
                };
                texts.push((
                    what,
                    format!("the {what} of `{}`", d.id.name),
                    span,
                    next_is_welsh,
                ));
            }
        }
        // Welsh is given kind by kind (labels and hints, titles, explanations, messages): once a
        // rulebook gives some text of a kind in Welsh, each text of that kind without it is W0127.
        let welsh_given = |kind: &str| texts.iter().any(|(k, _, _, cy)| *k == kind && *cy);
        let missing: Vec<(String, Span)> = texts
            .iter()
            .filter(|(kind, _, _, cy)| !cy && welsh_given(kind))
            .map(|(_, what, span, _)| (what.clone(), *span))
            .collect();
        if labelled {
            for i in items.iter().filter(|i| i.words.is_none()) {
                self.diags.push(
                    Diagnostic::warning("W0126", format!("{} has no `label`", i.what))
                        .at(i.span)
                        .note("forms and messages call every field, value and case by its label")
                        .hint("add `label \"<what a clerk calls it>\"` after it"),
                );
            }
        }
        {
            for (what, span) in missing {
                self.diags.push(
                    Diagnostic::warning("W0127", format!("{what} has no Welsh"))
                        .at(span)
                        .note("the rulebook gives its text in Welsh as well as English")
                        .hint("add `cy \"<the Welsh>\"` just after it"),
                );
            }
        }
    }

    /// W0128: the Welsh of a message shows other values than the English.
    fn holes_match(&mut self, sources: &Sources, id: &str, en: &ast::Message, cy: &ast::Message) {
        let holes = |m: &ast::Message| {
            let mut h: Vec<String> = m
                .parts
                .iter()
                .filter_map(|p| match p {
                    ast::MessagePart::Hole(e) => Some(source_text(sources, e.span)),
                    ast::MessagePart::Text(_) => None,
                })
                .collect();
            h.sort();
            h
        };
        if holes(en) != holes(cy) {
            self.diags.push(
                Diagnostic::warning(
                    "W0128",
                    format!("the Welsh message of `{id}` shows other values than the English"),
                )
                .at(cy.span)
                .note(format!("the English shows {{{}}}", holes(en).join("}, {"))),
            );
        }
    }
}

fn source_text(sources: &Sources, span: Span) -> String {
    sources
        .get(span.file)
        .and_then(|f| f.text.get(span.start as usize..span.end as usize))
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
