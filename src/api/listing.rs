//! Listings for the explainer, the forms and the routing view: declarations with worked
//! examples from the rulebook's own tests, routes tables row by row, the schema with each
//! field's shape, and the named examples.

use super::wire::{
    CaseView, DeclInfo, EnumView, Example, FieldView, RecordView, RouteRow, RoutesTable, RuleEntry,
    SchemaView, Shape, VariantView,
};
use super::Session;
use crate::ir::{
    readable, unit_name, Expect, Field, Language, Meta, Program, Schema, Type, Unit, Words,
};
use crate::report::Report;

impl Session {
    /// The rulebook's named example documents.
    pub fn examples(&self) -> Vec<Example> {
        self.program()
            .examples
            .iter()
            .map(|e| Example {
                name: e.name.clone(),
                document: e.value.clone(),
            })
            .collect()
    }

    /// Every declaration's words and law, each with a lawful and an unlawful example taken from
    /// the rulebook's own tests.
    pub fn rules(&self) -> Vec<RuleEntry> {
        let p = self.program();
        let reports: Vec<Option<Report>> = p
            .tests
            .iter()
            .map(|t| crate::eval::check_json(p, &t.document).ok())
            .collect();
        p.metas()
            .map(|meta| {
                let (lawful, unlawful) = examples_for(p, &reports, meta);
                RuleEntry {
                    decl: DeclInfo::from(meta),
                    lawful,
                    unlawful,
                }
            })
            .collect()
    }

    /// The routes tables, row by row.
    pub fn routes(&self) -> Vec<RoutesTable> {
        let p = self.program();
        p.routes
            .iter()
            .map(|t| {
                let outputs: Vec<String> = t.output_names(&p.schema);
                let rows = t
                    .rows
                    .iter()
                    .map(|r| RouteRow {
                        when: p.text(r.condition.span).to_string(),
                        output: outputs.get(r.output as usize).cloned().unwrap_or_default(),
                        cite: r.cite.clone(),
                    })
                    .collect();
                RoutesTable {
                    id: t.meta.id.clone(),
                    title: t.meta.title.clone(),
                    cite: t.meta.cite.clone(),
                    explain: t.meta.explain.clone(),
                    in_force: t.meta.in_force,
                    by: t.meta.by.clone(),
                    policy: t.policy,
                    decides: t.decides(&p.schema),
                    outputs,
                    rows,
                }
            })
            .collect()
    }

    /// The document schema, for building forms.
    pub fn schema(&self) -> SchemaView {
        let p = self.program();
        let s = &p.schema;
        let language = self.translation.shown;
        let fields = |fs: &[Field]| fs.iter().map(|f| field_view(s, f, language)).collect();
        SchemaView {
            document: p.document_name.clone(),
            root: s
                .record(p.document_type)
                .map_or(String::new(), |r| r.name.clone()),
            enums: s
                .enums
                .iter()
                .map(|e| EnumView {
                    name: e.name.clone(),
                    values: e.values.clone(),
                    labels: e
                        .values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| label_of(e.words.get(i), v))
                        .collect(),
                    hints: (0..e.values.len())
                        .map(|i| e.words.get(i).and_then(|w| w.hint.clone()))
                        .collect(),
                })
                .collect(),
            records: s
                .records
                .iter()
                .map(|r| RecordView {
                    name: r.name.clone(),
                    fields: fields(&r.fields),
                })
                .collect(),
            variants: s
                .variants
                .iter()
                .map(|v| VariantView {
                    name: v.name.clone(),
                    shared: v.shared,
                    cases: v
                        .cases
                        .iter()
                        .map(|c| CaseView {
                            name: c.name.clone(),
                            label: label_of(Some(&c.words), &c.name),
                            hint: c.words.hint.clone(),
                            fields: fields(&c.fields),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A schema item's label: the rulebook's, else its name as words.
fn label_of(words: Option<&Words>, name: &str) -> String {
    words
        .and_then(|w| w.label.clone())
        .unwrap_or_else(|| readable(name))
}

/// The unit a field's number is entered in, from its type.
fn unit_of(ty: &Type, language: Language) -> Option<String> {
    match ty {
        Type::Optional(inner) => unit_of(inner, language),
        Type::Int(Unit::Plain) => None,
        Type::Int(u) => Some(unit_name(*u, language).to_string()),
        Type::Money => Some("£".into()),
        Type::Percent => Some("%".into()),
        _ => None,
    }
}

fn field_view(schema: &Schema, f: &Field, language: Language) -> FieldView {
    FieldView {
        name: f.name.clone(),
        label: label_of(Some(&f.words), &f.name),
        hint: f.words.hint.clone(),
        unit: unit_of(&f.ty, language),
        type_name: f.type_name.clone(),
        shape: shape(schema, &f.ty),
    }
}

/// A type as a form builds it: lists and optionals unwrapped, everything else by name.
fn shape(schema: &Schema, ty: &Type) -> Shape {
    match ty {
        Type::Optional(inner) => Shape {
            optional: true,
            ..shape(schema, inner)
        },
        Type::List(inner) => Shape {
            name: None,
            list: Some(Box::new(shape(schema, inner))),
            optional: false,
        },
        other => Shape {
            name: Some(schema.type_name(other)),
            list: None,
            optional: false,
        },
    }
}

fn is_decl(meta: &Meta, rule: &str) -> bool {
    crate::report::names_decl(rule, &meta.id)
}

/// Pick, from the rulebook's tests, a document that breaks this declaration (a test expecting its
/// finding, whose report shows the finding from this version) and one that keeps it (a test
/// expecting no such finding, preferring one whose law date is in this version's period).
fn examples_for(
    p: &Program,
    reports: &[Option<Report>],
    meta: &Meta,
) -> (Option<Example>, Option<Example>) {
    let mut unlawful = None;
    let mut lawful = None;
    let mut lawful_fallback = None;
    for (t, report) in p.tests.iter().zip(reports) {
        let Some(report) = report else { continue };
        let ex = || Example {
            name: t.name.clone(),
            document: t.document.clone(),
        };
        let breaks_this_version = report
            .findings
            .iter()
            .any(|f| is_decl(meta, &f.rule) && f.in_force == meta.in_force);
        let keeps_this = report.findings.iter().all(|f| !is_decl(meta, &f.rule));
        let in_period = report.law_date.is_some_and(|d| meta.in_force.contains(d));
        for (e, _) in &t.expects {
            match e {
                Expect::Finding { rule, .. } if is_decl(meta, rule) && breaks_this_version => {
                    unlawful = unlawful.or_else(|| Some(ex()));
                }
                Expect::Route { table, .. } if *table == meta.id && keeps_this && in_period => {
                    lawful = lawful.or_else(|| Some(ex()));
                }
                Expect::NoFinding(rule) if is_decl(meta, rule) && in_period => {
                    lawful = lawful.or_else(|| Some(ex()));
                }
                Expect::NoFinding(rule) if is_decl(meta, rule) => {
                    lawful_fallback = lawful_fallback.or_else(|| Some(ex()));
                }
                _ => {}
            }
        }
    }
    (lawful.or(lawful_fallback), unlawful)
}
