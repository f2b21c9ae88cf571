//! The combination explorer's WebAssembly face (wasm32, `explore` builds only): thin glue from a
//! compiled [`Rulebook`](crate::wasm::Rulebook) and a JS document to the door's explorer
//! (`crate::api`), and plain data back. Like `crate::wasm`, nothing crosses as an exception:
//! every call returns `{ ok: true, value }` or `{ ok: false, diagnostics }`.

use crate::api::{self, Diagnostic, Edit};
use crate::wasm::{answer, json_value, to_js, Rulebook};
use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

/// Ask the explorer one question about a JS document.
fn ask<T: Serialize>(
    document: &JsValue,
    question: impl FnOnce(&Json) -> Result<T, Vec<Diagnostic>>,
) -> JsValue {
    answer(json_value(document).and_then(|doc| question(&doc)))
}

/// The lists of variant items a rulebook's documents have (the explorer explores one).
#[wasm_bindgen(js_name = exploreLists, unchecked_return_type = "ListInfo[]")]
pub fn explore_lists(rulebook: &Rulebook) -> JsValue {
    to_js(&rulebook.session().explore_lists())
}

/// Every case that could still be added lawfully, and the lawful range of each number.
#[wasm_bindgen(js_name = exploreOptions, unchecked_return_type = "Answer<Options>")]
pub fn explore_options(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    ask(&document, |doc| {
        rulebook.session().explore_options(doc, list.as_deref())
    })
}

/// The smallest sets of edits that make the document lawful, smallest first, each verified.
#[wasm_bindgen(js_name = exploreFixes, unchecked_return_type = "Answer<Fixes>")]
pub fn explore_fixes(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    ask(&document, |doc| {
        rulebook.session().explore_fixes(doc, list.as_deref())
    })
}

/// Which pairs of cases may be combined for the document's facts, and the rules that forbid.
#[wasm_bindgen(js_name = exploreMatrix, unchecked_return_type = "Answer<Matrix>")]
pub fn explore_matrix(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    ask(&document, |doc| {
        rulebook.session().explore_matrix(doc, list.as_deref())
    })
}

/// Every combination of cases for the document's facts: how many are lawful, and why not.
#[wasm_bindgen(js_name = exploreSweep, unchecked_return_type = "Answer<Sweep>")]
pub fn explore_sweep(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    ask(&document, |doc| {
        rulebook
            .session()
            .explore_sweep(doc, list.as_deref(), false)
    })
}

/// The week laid out from the times the document holds: clashes, totals and the grid, with
/// what the schema can and cannot time.
#[wasm_bindgen(js_name = exploreTimetable, unchecked_return_type = "Answer<ExploredTimetable>")]
pub fn explore_timetable(rulebook: &Rulebook, document: JsValue, list: Option<String>) -> JsValue {
    ask(&document, |doc| {
        rulebook.session().explore_timetable(doc, list.as_deref())
    })
}

/// Apply edits (a fix's `edits`) in order to a copy of a document: `{ ok, value }` with the new
/// document, or `{ ok: false, diagnostics }` naming the edit that could not be applied.
#[wasm_bindgen(js_name = applyEdits, unchecked_return_type = "Answer<unknown>")]
pub fn apply_edits(
    document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Edit[]")] edits: JsValue,
) -> JsValue {
    let edits = json_value(&edits).and_then(|j| {
        serde_json::from_value::<Vec<Edit>>(j).map_err(|e| {
            vec![Diagnostic::error(
                "X0005",
                format!("the edits are not a list of edits: {e}"),
            )]
        })
    });
    ask(&document, |doc| api::apply_edits(doc, &edits?))
}
