//! The rule editor's smarts in WebAssembly (wasm32, `editor` builds only): the page's editor
//! asks the same door as `probity lsp` (`api::editor`), with UTF-16 offsets as CodeMirror
//! counts; the text need not compile.

use crate::api;
use crate::wasm::to_js;
use wasm_bindgen::prelude::*;

/// The name of the editor's text for the door.
const EDITOR: &str = "<editor>";

/// The door's workspace over the editor's text and the byte offset of a UTF-16 offset in it.
fn editor_at(text: &str, utf16: u32) -> (api::editor::Workspace, u32) {
    let w = api::editor::Workspace::new([(EDITOR, text)]);
    let offset = w.offset_at_utf16(EDITOR, utf16).unwrap_or(0);
    (w, offset)
}

/// What the name at a UTF-16 offset is (a field's type and unit, a rule's title, citation,
/// period and explanation, a constant's value), or `null`.
#[wasm_bindgen(js_name = hoverAt, unchecked_return_type = "EditorHover | null")]
pub fn hover_at(text: &str, utf16: u32) -> JsValue {
    let (w, offset) = editor_at(text, utf16);
    to_js(&w.hover(EDITOR, offset))
}

/// What may be typed at a UTF-16 offset.
#[wasm_bindgen(js_name = completeAt, unchecked_return_type = "EditorCompletion[]")]
pub fn complete_at(text: &str, utf16: u32) -> JsValue {
    let (w, offset) = editor_at(text, utf16);
    to_js(&w.completion(EDITOR, offset))
}

/// Where the name at a UTF-16 offset is declared.
#[wasm_bindgen(js_name = definitionAt, unchecked_return_type = "EditorRange[]")]
pub fn definition_at(text: &str, utf16: u32) -> JsValue {
    let (w, offset) = editor_at(text, utf16);
    to_js(&w.definition(EDITOR, offset))
}
