//! The combination explorer: options, minimal fixes, compatibility matrix, timetable clashes and the exhaustive sweep over a document's list of variant items.
//!
//! Everything here is generic over the rulebook: the list explored is a field of the document's
//! root record whose type is `list of <variant>` (discovered from the schema), and every answer is
//! found by running `eval::check` on typed documents, never by reading rule text. Where the
//! search is exact only for a fragment of the language (numbers compared with constants), each
//! answer says so.

mod boundary;
mod edit;
mod fixes;
mod matrix;
mod missing;
mod options;
mod scan;
mod sweep;
pub mod timetable;
mod words;

pub use edit::{apply_edits, Edit, EditOp};
pub use fixes::{Fix, FixOptions, Fixes};
pub use matrix::{Matrix, PairCell, SingleCell};
pub use missing::MissingFact;
pub use options::{CaseOption, Options, ParamRange, Span};
pub use sweep::{CaseStatus, ForbiddenPair, Reason, Sweep};
pub use timetable::{Clash, Entry, EntryKind, Limit, Timetable, TimetableReport};

use crate::diag::{Diagnostic, Severity};
use crate::ir::{Program, Schema, Type, Value, VariantId};
use crate::report::{Report, Verdict};
use serde::Serialize;
use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;

/// Why the explorer gave no answer: the document's own diagnostics (at their JSON paths) when
/// the schema refuses it, else one diagnostic with an `X` code (docs/DIAGNOSTICS.md).
pub type Refusal = Vec<Diagnostic>;

/// A refusal of one diagnostic.
pub(crate) fn refuse(code: &'static str, message: impl Into<String>) -> Refusal {
    vec![Diagnostic::error(code, message)]
}

/// A list of variant items in the document's root record (e.g. `order.requirements`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ListInfo {
    /// The field's name in the root record (`requirements`).
    pub field: String,
    /// The field's place in the root record.
    pub index: usize,
    /// The variant's name (`Requirement`).
    pub variant: String,
    #[serde(skip)]
    pub variant_id: VariantId,
    /// Its cases, in schema order.
    pub cases: Vec<String>,
}

/// Every `list of <variant>` field of the document's root record, in schema order.
pub fn variant_lists(program: &Program) -> Vec<ListInfo> {
    let schema = &program.schema;
    let Some(root) = schema.record(program.document_type) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, f) in root.fields.iter().enumerate() {
        if let Type::List(inner) = &f.ty {
            if let Type::Variant(v, None) = **inner {
                if let Some(def) = schema.variant(v) {
                    out.push(ListInfo {
                        field: f.name.clone(),
                        index,
                        variant: def.name.clone(),
                        variant_id: v,
                        cases: def.cases.iter().map(|c| c.name.clone()).collect(),
                    });
                }
            }
        }
    }
    out
}

/// The explorer over one list of a program's documents.
#[derive(Clone, Debug)]
pub struct Explorer<'p> {
    pub program: &'p Program,
    pub list: ListInfo,
}

impl<'p> Explorer<'p> {
    /// Explore the first `list of <variant>` field of the document (or the one named `field`).
    pub fn new(program: &'p Program, field: Option<&str>) -> Result<Explorer<'p>, Refusal> {
        let lists = variant_lists(program);
        let names: Vec<String> = lists.iter().map(|l| l.field.clone()).collect();
        let chosen = match field {
            Some(name) => lists.into_iter().find(|l| l.field == name),
            None => lists.into_iter().next(),
        };
        match chosen {
            Some(list) => Ok(Explorer { program, list }),
            None if names.is_empty() => Err(refuse(
                "X0001",
                format!(
                    "the document `{}` has no field of type `list of <variant>` to explore",
                    program.document_name
                ),
            )),
            None => Err(refuse(
                "X0002",
                format!(
                    "the document has no list of variant items called `{}` (it has: {})",
                    field.unwrap_or_default(),
                    names.join(", ")
                ),
            )),
        }
    }

    pub(crate) fn schema(&self) -> &Schema {
        &self.program.schema
    }

    /// Read a JSON document against the program's schema, with its empty text facts taken as
    /// given (`missing`): a blank name narrows the answers, it does not void them.
    pub fn read(&self, json: &Json) -> Result<Value, Refusal> {
        Ok(self.given(&self.read_as_is(json)?))
    }

    /// Read a JSON document against the program's schema, as it is.
    pub fn read_as_is(&self, json: &Json) -> Result<Value, Refusal> {
        crate::doc::read(self.program, json)
    }

    /// The items of the explored list in a typed document.
    pub(crate) fn items<'a>(&self, doc: &'a Value) -> &'a [Value] {
        match doc {
            Value::Record(fields) => match fields.get(self.list.index) {
                Some(Value::List(items)) => items,
                _ => &[],
            },
            _ => &[],
        }
    }

    /// A copy of `doc` whose list holds `items`.
    pub(crate) fn with_items(&self, doc: &Value, items: Vec<Value>) -> Value {
        let mut d = doc.clone();
        self.set_items(&mut d, items);
        d
    }

    pub(crate) fn set_items(&self, doc: &mut Value, items: Vec<Value>) {
        if let Value::Record(fields) = doc {
            if let Some(slot) = fields.get_mut(self.list.index) {
                *slot = Value::List(items);
            }
        }
    }

    pub(crate) fn items_mut<'a>(&self, doc: &'a mut Value) -> Option<&'a mut Vec<Value>> {
        match doc {
            Value::Record(fields) => match fields.get_mut(self.list.index) {
                Some(Value::List(items)) => Some(items),
                _ => None,
            },
            _ => None,
        }
    }

    pub(crate) fn case_def(&self, case: u32) -> Option<&crate::ir::CaseDef> {
        self.schema()
            .variant(self.list.variant_id)
            .and_then(|v| v.cases.get(case as usize))
    }

    pub(crate) fn case_name(&self, case: u32) -> String {
        self.list
            .cases
            .get(case as usize)
            .cloned()
            .unwrap_or_default()
    }

    pub(crate) fn case_index(&self, name: &str) -> Option<u32> {
        self.list
            .cases
            .iter()
            .position(|c| c == name)
            .map(|i| i as u32)
    }

    /// A JSON path prefix of item `i`: `requirements[2]`.
    pub(crate) fn item_path(&self, i: usize) -> String {
        format!("{}[{i}]", self.list.field)
    }

    /// An item of `case` as JSON (absent optionals left out).
    pub fn item_json(&self, item: &Value) -> Json {
        let mut map = Map::new();
        if let Value::Variant { case, fields } = item {
            if let Some(def) = self.case_def(*case) {
                map.insert("kind".into(), Json::String(def.name.clone()));
                for (f, v) in def.fields.iter().zip(fields) {
                    if !matches!(v, Value::Absent) {
                        map.insert(f.name.clone(), value_json(self.schema(), v, &f.ty));
                    }
                }
            }
        }
        Json::Object(map)
    }

    /// Check a typed document with the whole program, keeping only which findings there are and
    /// where (`eval::check_places`): the explorer reads nothing else, and the explanations'
    /// words, text and values were most of the cost.
    pub(crate) fn check(&self, doc: &Value) -> Report {
        crate::eval::check_places(self.program, doc)
    }
}

/// A typed value as a document would hold it (records and variants included).
pub fn value_json(schema: &Schema, v: &Value, ty: &Type) -> Json {
    let inner = match ty {
        Type::Optional(t) => &**t,
        t => t,
    };
    match (v, inner) {
        (Value::Record(fields), Type::Record(r)) => {
            let mut map = Map::new();
            if let Some(def) = schema.record(*r) {
                for (f, v) in def.fields.iter().zip(fields) {
                    if !matches!(v, Value::Absent) {
                        map.insert(f.name.clone(), value_json(schema, v, &f.ty));
                    }
                }
            }
            Json::Object(map)
        }
        (Value::Variant { case, fields }, Type::Variant(vid, _)) => {
            let mut map = Map::new();
            if let Some(def) = schema
                .variant(*vid)
                .and_then(|d| d.cases.get(*case as usize))
            {
                map.insert("kind".into(), Json::String(def.name.clone()));
                for (f, v) in def.fields.iter().zip(fields) {
                    if !matches!(v, Value::Absent) {
                        map.insert(f.name.clone(), value_json(schema, v, &f.ty));
                    }
                }
            }
            Json::Object(map)
        }
        (Value::List(items), Type::List(t)) => {
            Json::Array(items.iter().map(|i| value_json(schema, i, t)).collect())
        }
        _ => crate::eval::render::json(v, ty, schema),
    }
}

/// A value of a type that says as little as possible: false, zero, the first enum value, the
/// first case, empty lists, absent optionals.
pub(crate) fn default_value(schema: &Schema, ty: &Type, depth: usize) -> Value {
    if depth > 32 {
        return Value::Absent;
    }
    match ty {
        Type::Bool => Value::Bool(false),
        Type::Int(_) => Value::Int(0),
        Type::Decimal | Type::Money | Type::Percent => Value::Dec(rust_decimal::Decimal::ZERO),
        Type::Date => Value::Date(chrono::NaiveDate::default()),
        Type::Time => Value::Time(0),
        Type::Str => Value::Str("".into()),
        Type::Enum(_) | Type::Case(_) => Value::Enum(0),
        Type::Record(r) => Value::Record(
            schema
                .record(*r)
                .map(|d| {
                    d.fields
                        .iter()
                        .map(|f| default_value(schema, &f.ty, depth + 1))
                        .collect()
                })
                .unwrap_or_default(),
        ),
        Type::Variant(v, case) => {
            let c = case.unwrap_or(0);
            Value::Variant {
                case: c,
                fields: schema
                    .variant(*v)
                    .and_then(|d| d.cases.get(c as usize))
                    .map(|d| {
                        d.fields
                            .iter()
                            .map(|f| default_value(schema, &f.ty, depth + 1))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        }
        Type::List(_) => Value::List(Vec::new()),
        Type::Optional(_) => Value::Absent,
    }
}

/// Whether a report is free of error findings and evaluation errors.
pub fn lawful(report: &Report) -> bool {
    report.verdict != Verdict::Errors
}

/// The ids of the rules with error findings (and `evaluation-error` for evaluation errors): what
/// the explorer counts as blocking (public so the differential fuzz targets judge it alike).
pub fn error_rules(report: &Report) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.clone())
        .collect();
    if !report.errors.is_empty() {
        out.insert(EVAL_ERROR.to_string());
    }
    out
}

/// The reason given when the evaluator itself could not finish (a date off the calendar).
pub const EVAL_ERROR: &str = "evaluation-error";

/// An error finding as a key: its rule and the paths it concerns.
pub(crate) fn error_keys(report: &Report) -> BTreeSet<(String, Vec<String>)> {
    let mut out: BTreeSet<(String, Vec<String>)> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            let mut p = f.paths.clone();
            p.sort();
            (f.rule.clone(), p)
        })
        .collect();
    if !report.errors.is_empty() {
        out.insert((EVAL_ERROR.to_string(), Vec::new()));
    }
    out
}

/// The explored list's field, as a JSON Pointer token sequence (`/requirements`).
pub(crate) fn pointer_escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}
