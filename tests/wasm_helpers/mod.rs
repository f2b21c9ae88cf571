//! Shared by the wasm-bindgen tests (tests/wasm.rs, tests/wasm_explore.rs): values across the
//! JavaScript boundary as plain JSON, both ways.

use serde_json::Value;
use wasm_bindgen::JsValue;

/// JSON.stringify: the JS value must be plain data (objects, arrays, strings, numbers).
pub fn plain(v: JsValue) -> Value {
    let text = js_sys::JSON::stringify(&v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

pub fn js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

/// A shipped rulebook's text, as the page fetches it from `rules/` beside the module (the modules
/// do not embed it): (file name the face lists, text).
pub fn shipped_text(name: &str) -> (&'static str, &'static str) {
    match name {
        "community_orders" => (
            "rules/community_orders.rules",
            include_str!("../../rules/community_orders.rules"),
        ),
        "routing" => (
            "rules/routing.rules",
            include_str!("../../rules/routing.rules"),
        ),
        "contracts" => (
            "rules/contracts.rules",
            include_str!("../../rules/contracts.rules"),
        ),
        "commissioning_plan" => (
            "rules/commissioning_plan.rules",
            include_str!("../../rules/commissioning_plan.rules"),
        ),
        "post_sentence_supervision" => (
            "rules/post_sentence_supervision.rules",
            include_str!("../../rules/post_sentence_supervision.rules"),
        ),
        "tiering" => (
            "rules/tiering.rules",
            include_str!("../../rules/tiering.rules"),
        ),
        _ => ("", ""),
    }
}

/// A shipped rulebook's compiled binary form, as `probity compile --binary` writes it.
pub fn shipped_binary(name: &str) -> Vec<u8> {
    let (file, text) = shipped_text(name);
    let compiled = probity::api::Session::compile([(file, text)]);
    let session = compiled.session.expect("the shipped rulebook compiles");
    session.to_binary().expect("a binary")
}

/// A shipped rulebook loaded through the face as the page does: compiled at build time and
/// loaded with its text (`loadCompiled(binary, [file], [text])`).
pub fn shipped(name: &str) -> probity::wasm::Rulebook {
    let (file, text) = shipped_text(name);
    let c = probity::wasm::load_compiled(
        &shipped_binary(name),
        vec![file.to_string()],
        vec![text.to_string()],
    );
    assert!(c.ok(), "{name}: {:?}", plain(c.diagnostics()));
    c.rulebook().expect("a rulebook")
}
