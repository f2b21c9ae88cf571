//! Tests of the explorer's WebAssembly face (src/wasm_explore.rs) in headless Chromium: the
//! answers for the community orders rulebook's 2023 lawful example are the explorer's exact ones,
//! a fix applied through `applyEdits` really makes the order lawful, and hostile input comes back
//! as `{ ok: false, error }`, never as an exception.
//! Run: .ci/test.d/20-wasm-face (or cargo test --target wasm32-unknown-unknown
//!      --no-default-features --features tools --test wasm_explore with the wasm-bindgen-test
//!      runner). The explorer is in the tools module only: without `tools` this file is empty.
#![cfg(all(target_arch = "wasm32", feature = "tools"))]

use probity::{wasm, wasm_editor as editor, wasm_explore as ex};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod wasm_helpers;
use wasm_helpers::{js, plain, shipped, shipped_text};

fn orders() -> wasm::Rulebook {
    shipped("community_orders")
}

fn lawful_order(book: &wasm::Rulebook) -> Value {
    plain(book.examples())
        .as_array()
        .and_then(|a| a.iter().find(|e| e["name"] == "lawful_order").cloned())
        .map(|e| e["document"].clone())
        .expect("the lawful_order example")
}

/// The value of an `{ ok: true, value }` answer.
fn ok(v: JsValue) -> Value {
    let v = plain(v);
    assert_eq!(v["ok"], true, "{v}");
    v["value"].clone()
}

fn error_rules(book: &wasm::Rulebook, doc: &Value) -> Vec<String> {
    let out = plain(book.check(js(doc)));
    assert_eq!(out["ok"], true, "{out}");
    out["report"]["findings"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter(|f| f["severity"] == "error")
                .filter_map(|f| f["rule"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn lists_name_the_requirements() {
    let lists = plain(ex::explore_lists(&orders()));
    assert_eq!(lists[0]["field"], "requirements");
    assert_eq!(lists[0]["variant"], "Requirement");
    assert_eq!(lists[0]["cases"].as_array().map(Vec::len), Some(22));
}

#[wasm_bindgen_test]
fn matrix_forbids_aamr_with_alcohol_treatment() {
    let book = orders();
    let m = ok(ex::explore_matrix(&book, js(&lawful_order(&book)), None));
    let pairs = m["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 231);
    assert_eq!(pairs.iter().filter(|p| p["lawful"] == true).count(), 77);
    let forbidden: Vec<&Value> = pairs
        .iter()
        .filter(|p| p["pair_rules"].as_array().is_some_and(|r| !r.is_empty()))
        .collect();
    assert_eq!(forbidden.len(), 1);
    assert_eq!(forbidden[0]["a"], "alcohol_treatment");
    assert_eq!(forbidden[0]["b"], "alcohol_abstinence_monitoring");
    assert_eq!(
        forbidden[0]["pair_rules"],
        json!(["aamr-with-alcohol-treatment"])
    );
}

#[wasm_bindgen_test]
fn sweep_counts_every_combination() {
    let book = orders();
    let s = ok(ex::explore_sweep(&book, js(&lawful_order(&book)), None));
    assert_eq!(s["combinations"], 4_194_304);
    assert_eq!(s["lawful"], 8_189);
    assert_eq!(s["unlawful"], 4_194_304 - 8_189);
    assert_eq!(s["method"], "decomposed");
    let reason = |rule: &str| {
        s["reasons"]
            .as_array()
            .and_then(|r| r.iter().find(|x| x["rule"] == rule))
            .map(|x| x["combinations"].clone())
    };
    assert_eq!(reason("new-2026-requirements"), Some(json!(3_932_160)));
    assert_eq!(
        reason("aamr-with-alcohol-treatment"),
        Some(json!(1_048_576))
    );
}

#[wasm_bindgen_test]
fn options_give_the_curfew_range() {
    let book = orders();
    let o = ok(ex::explore_options(&book, js(&lawful_order(&book)), None));
    assert_eq!(o["lawful_now"], true);
    let case = |name: &str| {
        o["cases"]
            .as_array()
            .and_then(|c| c.iter().find(|x| x["case"] == name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let curfew = case("curfew");
    assert_eq!(curfew["addable"], true);
    let hours = curfew["params"]
        .as_array()
        .and_then(|p| p.iter().find(|x| x["field"] == "hours_per_day"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(hours["lawful"][0]["display"], "2 hours to 16 hours");
    assert_eq!(
        case("alcohol_treatment")["blocked_by"],
        json!(["alcohol-treatment-dependency"])
    );
}

#[wasm_bindgen_test]
fn every_fix_applied_makes_the_order_lawful() {
    let book = orders();
    let mut doc = lawful_order(&book);
    doc["requirements"][2]["hours_per_day"] = json!(21);
    assert_eq!(
        error_rules(&book, &doc),
        ["curfew-daily-maximum", "curfew-weekly-maximum"]
    );
    let f = ok(ex::explore_fixes(&book, js(&doc), None));
    let fixes = f["fixes"].as_array().expect("fixes");
    // The court's order: lower the curfew to 16 hours a day first, remove it last.
    assert_eq!(fixes.len(), 3);
    assert_eq!(
        fixes[0]["edits"][0]["path"],
        "/requirements/2/hours_per_day"
    );
    assert_eq!(fixes[0]["edits"][0]["value"], json!(16));
    assert_eq!(
        fixes[0]["edits"][0]["sentence"],
        "Curfew: reduce curfew hours a day from 21 hours to 16 hours"
    );
    assert_eq!(fixes[2]["edits"][0]["path"], "/requirements/2");
    assert_eq!(fixes[2]["edits"][0]["op"], "remove");
    for fix in fixes {
        let fixed = ok(ex::apply_edits(js(&doc), js(&fix["edits"])));
        assert_eq!(error_rules(&book, &fixed), Vec::<String>::new(), "{fix}");
    }
}

#[wasm_bindgen_test]
fn timetable_finds_the_clash_with_work() {
    let book = orders();
    let mut doc = lawful_order(&book);
    doc["requirements"][2]["from"] = json!("19:00");
    doc["requirements"][2]["until"] = json!("07:00");
    doc["offender"]["works_or_studies_from"] = json!("06:00");
    doc["offender"]["works_or_studies_until"] = json!("14:00");
    let t = ok(ex::explore_timetable(&book, js(&doc), None));
    let clashes = t["report"]["clashes"].as_array().expect("clashes");
    assert_eq!(clashes.len(), 7);
    assert_eq!(
        clashes[0],
        json!({ "a": "Curfew", "b": "Usual start/end of work or study",
                "day": "mon", "from": "06:00", "until": "07:00", "minutes": 60 })
    );
    assert_eq!(t["timed_cases"], json!(["curfew"]));
    assert_eq!(t["timed_records"], json!(["offender.works_or_studies"]));
    assert_eq!(
        t["timed_record_words"],
        json!(["Usual start/end of work or study"])
    );
    assert_eq!(t["has_weekdays"], false);
    // Nothing timed in the example itself: no entries, and still the schema's statement.
    let t = ok(ex::explore_timetable(&book, js(&lawful_order(&book)), None));
    assert_eq!(t["entries"], json!([]));
    assert_eq!(t["timed_cases"], json!(["curfew"]));
}

#[wasm_bindgen_test]
fn hostile_input_is_an_error_value_not_a_throw() {
    let book = orders();
    let doc = js(&lawful_order(&book));
    let refused = |v: JsValue| {
        let v = plain(v);
        assert_eq!(v["ok"], false, "{v}");
        let diags = v["diagnostics"].as_array().cloned().unwrap_or_default();
        assert!(!diags.is_empty(), "a refusal says why: {v}");
        diags
            .iter()
            .map(|d| d["message"].as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // Not a document, the wrong shape, NaN, undefined, a cycle.
    for bad in [
        JsValue::from_str("<script>alert(1)</script>"),
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from_f64(f64::NAN),
        js(&json!({ "requirements": "many" })),
    ] {
        refused(ex::explore_sweep(&book, bad.clone(), None));
        refused(ex::explore_options(&book, bad.clone(), None));
        refused(ex::explore_fixes(&book, bad.clone(), None));
        refused(ex::explore_matrix(&book, bad.clone(), None));
        refused(ex::explore_timetable(&book, bad, None));
    }
    let cycle = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&cycle, &"self".into(), &cycle);
    assert!(refused(ex::explore_sweep(&book, cycle.into(), None)).contains("not JSON data"));
    // Deep JSON: refused by the JSON reader's depth limit, not a stack overflow.
    let deep = js_sys::JSON::parse(&format!("{}{}", "[".repeat(5000), "]".repeat(5000)))
        .unwrap_or(JsValue::NULL);
    refused(ex::explore_matrix(&book, deep, None));
    // No such list.
    assert!(refused(ex::explore_sweep(
        &book,
        doc.clone(),
        Some("offender".into())
    ))
    .contains("no list of variant items called `offender`"));
    // Edits that are not edits, or that do not apply.
    refused(ex::apply_edits(
        doc.clone(),
        JsValue::from_str("remove everything"),
    ));
    assert!(refused(ex::apply_edits(
        doc.clone(),
        js(&json!([{ "op": "remove", "path": "/requirements/99", "describe": "" }]))
    ))
    .contains("no item 99"));
    refused(ex::apply_edits(
        doc,
        js(&json!([{ "op": "add", "path": "no-slash", "value": 1 }])),
    ));
}

// ---------------------------------------------------------------- the rule editor's smarts
// (src/wasm_editor.rs, in the editor module; `tools` builds every module's calls into one)

/// The UTF-16 offset of the first `needle` in a text, plus `into` characters (ASCII).
fn utf16_of(text: &str, needle: &str, into: usize) -> u32 {
    let i = text.find(needle).expect("needle") + into;
    text[..i].encode_utf16().count() as u32
}

#[wasm_bindgen_test]
fn hover_gives_a_fields_type_and_unit_and_a_rules_law() {
    let (_, text) = shipped_text("community_orders");
    let h = plain(editor::hover_at(text, utf16_of(text, "r.hours_per_day", 3)));
    let words = h["text"].as_str().unwrap_or("");
    assert!(
        words.contains("`hours`") && words.contains("unit: hours"),
        "{h}"
    );
    let from = h["range"]["utf16"]["start"].as_u64().unwrap_or(0) as u32;
    assert_eq!(from, utf16_of(text, "r.hours_per_day", 2));
    let h = plain(editor::hover_at(
        text,
        utf16_of(text, "rule adult-offender", 6),
    ));
    let words = h["text"].as_str().unwrap_or("");
    assert!(words.contains("Sentencing Act 2020, s.202(1)(a)"), "{h}");
    assert!(words.contains("until 2009-11-29"), "{h}");
    // Nothing there, or text that does not parse: null, never an exception.
    assert_eq!(plain(editor::hover_at(text, 0)), Value::Null);
    assert_eq!(plain(editor::hover_at("rule {{{", 3)), Value::Null);
}

#[wasm_bindgen_test]
fn completion_offers_fields_enum_values_and_units() {
    let (_, text) = shipped_text("community_orders");
    let labels = |t: &str, at: u32| -> Vec<String> {
        plain(editor::complete_at(t, at))
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c["label"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let at = utf16_of(text, "order.kind == community_order", 6);
    let got = labels(text, at);
    assert!(got.contains(&"conviction_date".to_string()), "{got:?}");
    let at = utf16_of(text, "order.kind == community_order", 14);
    let got = labels(text, at);
    assert!(
        got.contains(&"suspended_sentence_order".to_string()),
        "{got:?}"
    );
    let typed = text.replacen(
        "require order.length <= 3 years",
        "require order.length <= 3 ",
        1,
    );
    let at = utf16_of(&typed, "require order.length <= 3 ", 26);
    assert!(labels(&typed, at).contains(&"years".to_string()));
    let defs = plain(editor::definition_at(
        text,
        utf16_of(text, "r.hours_per_day", 3),
    ));
    assert_eq!(defs.as_array().map(Vec::len), Some(1));
}
