//! The door's own data: what faces receive beyond the Report itself. Plain serialisable values
//! (the WASM face sends them as they are; `tests/typescript.rs` writes their TypeScript).

use crate::diag::{Diagnostic, Location, Severity, Sources};
use crate::report::{Period, Report};
use crate::vocab::{HitPolicy, RuleKind, Verification};
use serde::Serialize;

/// A check either reads the document and reports, or refuses it with diagnostics at JSON paths.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CheckOutcome {
    pub ok: bool,
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
    /// The rules this document's verdict depends on (they applied to it) whose law was not
    /// checked against its source: what "No problems found" rests on.
    pub caveats: Vec<Caveat>,
}

/// A rule the verdict depends on whose law is not verified.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Caveat {
    pub rule: String,
    pub title: String,
    /// What was not read, as the rule says it.
    pub note: String,
    /// For people: `Applied, but its law is unverified: "Curfew: at most 20 hours a day"`.
    pub sentence: String,
}

impl From<Result<Report, Vec<Diagnostic>>> for CheckOutcome {
    fn from(r: Result<Report, Vec<Diagnostic>>) -> CheckOutcome {
        match r {
            Ok(report) => CheckOutcome {
                ok: true,
                report: Some(report),
                diagnostics: Vec::new(),
                caveats: Vec::new(),
            },
            Err(diagnostics) => CheckOutcome {
                ok: false,
                report: None,
                diagnostics,
                caveats: Vec::new(),
            },
        }
    }
}

impl CheckOutcome {
    /// The report, or the diagnostics that refused the document.
    pub fn into_result(self) -> Result<Report, Vec<Diagnostic>> {
        match self.report {
            Some(r) => Ok(r),
            None => Err(self.diagnostics),
        }
    }
}

/// An answer, or the diagnostics that say why there is none.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Answer<T> {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub value: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub diagnostics: Option<Vec<Diagnostic>>,
}

impl<T> From<Result<T, Vec<Diagnostic>>> for Answer<T> {
    fn from(r: Result<T, Vec<Diagnostic>>) -> Answer<T> {
        match r {
            Ok(value) => Answer {
                ok: true,
                value: Some(value),
                diagnostics: None,
            },
            Err(d) => Answer {
                ok: false,
                value: None,
                diagnostics: Some(d),
            },
        }
    }
}

/// One rule file to compile: its name (a path, or a label such as `<editor>`) and text.
#[derive(Clone, Debug, serde::Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// A shipped rulebook: its name, and the path of its text (`rules/...`).
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShippedRulebook {
    pub name: &'static str,
    pub file: &'static str,
}

/// A byte range of rule text counted in UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Utf16Span {
    pub start: u32,
    pub end: u32,
}

/// A compile diagnostic with its place (and its fix's place) also in UTF-16 code units.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EditorDiagnostic {
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// Where it points, for an editor; `null` when it points into no rule text.
    pub utf16: Option<Utf16Span>,
    /// Where its fix applies, for an editor; `null` without a fix.
    pub fix_utf16: Option<Utf16Span>,
}

impl EditorDiagnostic {
    pub(super) fn new(sources: &Sources, d: &Diagnostic) -> EditorDiagnostic {
        let units = |file, start, end| {
            let file = sources.get(file)?;
            Some(Utf16Span {
                start: file.utf16(start as usize),
                end: file.utf16(end as usize),
            })
        };
        let utf16 = match &d.location {
            Location::Source { span, .. } => units(span.file, span.start, span.end),
            _ => None,
        };
        let fix_utf16 = d
            .fix
            .as_ref()
            .and_then(|f| units(f.span.file, f.span.start, f.span.end));
        EditorDiagnostic {
            diagnostic: d.clone(),
            utf16,
            fix_utf16,
        }
    }
}

/// One declaration's words, law and period.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DeclInfo {
    pub id: String,
    pub kind: RuleKind,
    pub title: String,
    pub cite: String,
    pub explain: String,
    pub severity: Severity,
    pub in_force: Period,
    /// The path of the date that chooses this version, as written; empty for the law date.
    pub by: String,
    /// How this version's law was checked, when the rulebook says.
    pub verification: Option<Verification>,
}

impl From<&crate::ir::Meta> for DeclInfo {
    fn from(m: &crate::ir::Meta) -> DeclInfo {
        DeclInfo {
            id: m.id.clone(),
            kind: m.kind,
            title: m.title.clone(),
            cite: m.cite.clone(),
            explain: m.explain.clone(),
            severity: m.severity,
            in_force: m.in_force,
            by: m.by.clone(),
            verification: m.verification.clone(),
        }
    }
}

/// A named example document.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Example {
    pub name: String,
    pub document: serde_json::Value,
}

/// One declaration as the explainer shows it, with a lawful and an unlawful example when the
/// rulebook's own tests provide them.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RuleEntry {
    #[serde(flatten)]
    pub decl: DeclInfo,
    pub lawful: Option<Example>,
    pub unlawful: Option<Example>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RouteRow {
    /// The row's condition as written.
    pub when: String,
    pub output: String,
    pub cite: Option<String>,
}

/// A routes table, row by row, for drawing.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RoutesTable {
    pub id: String,
    pub title: String,
    pub cite: String,
    pub explain: String,
    pub in_force: Period,
    pub by: String,
    pub policy: HitPolicy,
    /// The enum the table decides.
    pub decides: String,
    pub outputs: Vec<String>,
    pub rows: Vec<RouteRow>,
}

/// A field's type as a form needs it: a base type by name (`bool`, `months`, an enum, record or
/// variant name), a list of a shape, either possibly optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Shape {
    /// The named type, when this is not a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The item shape, when this is a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<Box<Shape>>,
    /// Whether the value may be left out.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FieldView {
    pub name: String,
    /// What people call the field (the rulebook's `label`, else its name as words).
    pub label: String,
    /// A hint to show under the field, if the rulebook gives one.
    pub hint: Option<String>,
    /// The unit a number is entered in (`hours`, `months`, `£`, `%`), from the field's type.
    pub unit: Option<String>,
    /// The type as a rule author writes it (`optional months`).
    pub type_name: String,
    pub shape: Shape,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EnumView {
    pub name: String,
    pub values: Vec<String>,
    /// What people call each value, parallel to `values`.
    pub labels: Vec<String>,
    /// A hint for each value, parallel to `values`.
    pub hints: Vec<Option<String>>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecordView {
    pub name: String,
    pub fields: Vec<FieldView>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseView {
    pub name: String,
    /// What people call the case (`Unpaid work`).
    pub label: String,
    pub hint: Option<String>,
    /// Shared fields first, then the case's own.
    pub fields: Vec<FieldView>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct VariantView {
    pub name: String,
    /// How many of each case's fields are shared by every case.
    pub shared: usize,
    pub cases: Vec<CaseView>,
}

/// The document schema, for building forms.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SchemaView {
    /// The document's name in rules (`order`).
    pub document: String,
    /// The document's record type (`Order`).
    pub root: String,
    pub enums: Vec<EnumView>,
    pub records: Vec<RecordView>,
    pub variants: Vec<VariantView>,
}

/// The static analysis as the page takes it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LintView {
    pub findings: Vec<crate::analyze::LintFinding>,
    pub undecided: Vec<crate::analyze::Undecided>,
    pub declarations: usize,
    /// The largest case space decided, as a float: a u128 cannot cross into JSON or JavaScript
    /// numbers exactly (above 2^53 it loses precision).
    pub largest_case_space: f64,
}

impl From<crate::analyze::Lint> for LintView {
    fn from(l: crate::analyze::Lint) -> LintView {
        LintView {
            findings: l.findings,
            undecided: l.undecided,
            declarations: l.declarations,
            largest_case_space: l.largest_case_space as f64,
        }
    }
}
