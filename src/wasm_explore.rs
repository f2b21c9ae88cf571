//! The combination explorer's WebAssembly face (wasm32, `tools` build only): thin glue from a
//! compiled [`Rulebook`](crate::wasm::Rulebook) and a JS document to `crate::explore`, and plain
//! data back. Holds no rule logic. Like `crate::wasm`, nothing crosses as an exception: every call returns
//! `{ ok: true, value }` or `{ ok: false, error }` (the shapes are in the TypeScript section).

use crate::explore::{self, timetable, Edit, Explorer};
use crate::ir::{Field, Type};
use crate::wasm::{to_js, Rulebook};
use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXPLORE_TYPES: &'static str = r#"
/** An explorer answer, or why there is none (a document the schema refuses, no list to explore). */
export type Explored<T> = { ok: true; value: T } | { ok: false; error: string };
export interface ExploreList { field: string; variant: string; cases: string[] }
export type EditOp = "add" | "replace" | "remove";
/** One change in the style of JSON Patch: a JSON Pointer path, and the value for add/replace. */
export interface Edit { op: EditOp; path: string; value?: unknown; describe: string }
export interface Span { min: unknown | null; max: unknown | null; display: string }
export interface ParamRange {
  field: string; type_name: string; lawful: Span[]; absent_lawful: boolean | null;
  exact: boolean; outside_fragment: string[]; tested: number;
}
export interface CaseOption {
  case: string; addable: boolean; lawful_after: boolean; item: unknown; blocked_by: string[];
  params: ParamRange[];
}
export interface Options { list: string; lawful_now: boolean; errors_now: string[]; cases: CaseOption[] }
export interface Fix { size: number; edits: Edit[]; resolves: string[] }
export interface Fixes {
  lawful_now: boolean; errors_now: string[]; fixes: Fix[]; candidates: number;
  searched_up_to: number; complete: boolean;
}
export interface Matrix {
  list: string; cases: string[]; defaults: unknown[];
  alone: { case: string; lawful: boolean; rules: string[] }[];
  pairs: { a: string; b: string; lawful: boolean; rules: string[]; pair_rules: string[] }[];
}
export interface Sweep {
  list: string; cases: string[]; defaults: unknown[]; combinations: number; lawful: number;
  unlawful: number; reasons: { rule: string; title: string; combinations: number }[];
  unavailable: { case: string; rules: string[] }[];
  forbidden_pairs: { a: string; b: string; rules: string[] }[];
  method: string; checks: number;
}
export type EntryKind = "requirement" | "commitment";
export interface TimetableEntry { label: string; kind: EntryKind; days: string[]; from: string; until: string }
export interface TimetableReport {
  clashes: { a: string; b: string; day: string; from: string; until: string; minutes: number }[];
  totals: { label: string; longest_minutes: number; week_minutes: number }[];
  over_limits: { label: string; limit: string; limit_hours: number; actual_minutes: number; cite: string }[];
  grid: { day: string; blocks: { label: string; kind: EntryKind; from: string; until: string }[] }[];
}
/** The week laid out from the times a document holds, and what the schema can time at all. */
export interface ExploredTimetable {
  entries: TimetableEntry[]; report: TimetableReport;
  /** Cases of the explored list with a `from`/`until` pair of times (e.g. `curfew`). */
  timed_cases: string[];
  /** Cases with no times at all (no sessions or appointments). */
  untimed_cases: string[];
  /** Paths of the time pairs outside the list (e.g. `offender.works_or_studies`). */
  timed_records: string[];
  /** Whether any time in the schema says which weekday it falls on (none do: every day). */
  has_weekdays: boolean;
}
"#;

#[derive(Serialize)]
struct Answer<'a, T: Serialize> {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

fn answer<T: Serialize>(r: Result<T, String>) -> JsValue {
    match &r {
        Ok(v) => to_js(&Answer {
            ok: true,
            value: Some(v),
            error: None,
        }),
        Err(e) => to_js(&Answer::<T> {
            ok: false,
            value: None,
            error: Some(e),
        }),
    }
}

/// A JS value -> JSON, through `JSON.stringify` (so whole numbers stay whole); errors as words.
fn json_of(v: &JsValue) -> Result<Json, String> {
    let text = js_sys::JSON::stringify(v)
        .map_err(|_| "the document is not JSON data (a cycle, or nested too deeply)".to_string())?
        .as_string()
        .ok_or_else(|| "the document is not JSON data".to_string())?;
    serde_json::from_str(&text).map_err(|e| format!("the document is not valid JSON: {e}"))
}

/// Run `f` with an explorer over the rulebook's list (the first, or the one named) and the
/// document as JSON.
fn with<T: Serialize>(
    rulebook: &Rulebook,
    document: &JsValue,
    list: Option<String>,
    f: impl FnOnce(&Explorer<'_>, &Json) -> Result<T, String>,
) -> JsValue {
    let program = rulebook.program();
    answer(
        Explorer::new(program, list.as_deref())
            .and_then(|ex| json_of(document).and_then(|json| f(&ex, &json))),
    )
}

/// The lists of variant items a rulebook's documents have (the explorer explores one).
#[wasm_bindgen(js_name = exploreLists, unchecked_return_type = "ExploreList[]")]
pub fn explore_lists(rulebook: &Rulebook) -> JsValue {
    to_js(&explore::variant_lists(rulebook.program()))
}

/// Every case that could still be added lawfully, and the lawful range of each number.
#[wasm_bindgen(js_name = exploreOptions, unchecked_return_type = "Explored<Options>")]
pub fn explore_options(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    with(rulebook, &document, list, |ex, json| ex.options_json(json))
}

/// The smallest sets of edits that make the document lawful, smallest first, each verified.
#[wasm_bindgen(js_name = exploreFixes, unchecked_return_type = "Explored<Fixes>")]
pub fn explore_fixes(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    with(rulebook, &document, list, |ex, json| ex.fixes_json(json))
}

/// Which pairs of cases may be combined for the document's facts, and the rules that forbid.
#[wasm_bindgen(js_name = exploreMatrix, unchecked_return_type = "Explored<Matrix>")]
pub fn explore_matrix(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    with(rulebook, &document, list, |ex, json| ex.matrix_json(json))
}

/// Every combination of cases for the document's facts: how many are lawful, and why not.
#[wasm_bindgen(js_name = exploreSweep, unchecked_return_type = "Explored<Sweep>")]
pub fn explore_sweep(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    with(rulebook, &document, list, |ex, json| {
        ex.sweep_json(json, None)
    })
}

#[derive(Serialize)]
struct TimetableOut {
    entries: Vec<timetable::Entry>,
    report: timetable::TimetableReport,
    timed_cases: Vec<String>,
    untimed_cases: Vec<String>,
    timed_records: Vec<String>,
    has_weekdays: bool,
}

fn is_time(ty: &Type) -> bool {
    match ty {
        Type::Time => true,
        Type::Optional(t) => matches!(**t, Type::Time),
        _ => false,
    }
}

/// The prefixes (`""`, `works_or_studies`) of the `from`/`until` time pairs among `fields`.
fn time_pairs(fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| is_time(&f.ty))
        .filter_map(|f| {
            let prefix = f.name.strip_suffix("from")?;
            let until = format!("{prefix}until");
            fields
                .iter()
                .any(|g| g.name == until && is_time(&g.ty))
                .then(|| prefix.trim_end_matches('_').to_string())
        })
        .collect()
}

fn mentions_weekday(schema: &crate::ir::Schema) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    schema.enums.iter().any(|e| {
        DAYS.iter().all(|d| {
            e.values
                .iter()
                .any(|v| v.to_ascii_lowercase().starts_with(d))
        })
    })
}

/// Record paths (from the root, skipping the explored list) holding a time pair.
fn timed_records(
    schema: &crate::ir::Schema,
    fields: &[Field],
    path: &str,
    skip: Option<usize>,
    depth: usize,
    out: &mut Vec<String>,
) {
    if depth > 16 {
        return;
    }
    for p in time_pairs(fields) {
        out.push(format!("{path}{p}").trim_end_matches('.').to_string());
    }
    for (j, f) in fields.iter().enumerate() {
        if Some(j) == skip {
            continue;
        }
        let inner = match &f.ty {
            Type::Optional(t) => &**t,
            t => t,
        };
        if let Type::Record(r) = inner {
            if let Some(def) = schema.record(*r) {
                let sub = format!("{path}{}.", f.name);
                timed_records(schema, &def.fields, &sub, None, depth + 1, out);
            }
        }
    }
}

/// The week laid out from the times the document holds (`timetable::from_document`): clashes,
/// totals and the grid, with what the schema can and cannot time.
#[wasm_bindgen(js_name = exploreTimetable, unchecked_return_type = "Explored<ExploredTimetable>")]
pub fn explore_timetable(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    with(rulebook, &document, list, |ex, json| {
        let doc = ex.read(json)?;
        let t = timetable::from_document(ex, &doc);
        let report = t.analyse()?;
        let schema = &ex.program.schema;
        let (mut timed_cases, mut untimed_cases) = (Vec::new(), Vec::new());
        if let Some(v) = schema.variant(ex.list.variant_id) {
            for c in &v.cases {
                if time_pairs(&c.fields).is_empty() {
                    untimed_cases.push(c.name.clone());
                } else {
                    timed_cases.push(c.name.clone());
                }
            }
        }
        let mut records = Vec::new();
        if let Some(root) = schema.record(ex.program.document_type) {
            timed_records(
                schema,
                &root.fields,
                "",
                Some(ex.list.index),
                0,
                &mut records,
            );
        }
        Ok(TimetableOut {
            entries: t.entries,
            report,
            timed_cases,
            untimed_cases,
            timed_records: records,
            has_weekdays: mentions_weekday(schema),
        })
    })
}

/// Apply edits (a fix's `edits`) in order to a copy of a document: `{ ok, value }` with the new
/// document, or `{ ok: false, error }` naming the edit that could not be applied.
#[wasm_bindgen(js_name = applyEdits, unchecked_return_type = "Explored<unknown>")]
pub fn apply_edits(
    document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Edit[]")] edits: JsValue,
) -> JsValue {
    let edits: Result<Vec<Edit>, String> = json_of(&edits).and_then(|j| {
        serde_json::from_value(j).map_err(|e| format!("the edits are not a list of edits: {e}"))
    });
    answer(edits.and_then(|edits| {
        let doc = json_of(&document)?;
        explore::apply_edits(&doc, &edits)
    }))
}
