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
