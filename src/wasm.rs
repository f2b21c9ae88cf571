//! The WebAssembly face (wasm-bindgen): converts JS values in, calls the library's one door
//! (`crate::api`), converts plain data back. Holds no rule logic; never lets a panic or an `Err`
//! cross as an exception: every outcome, failures included, is a value whose shape the
//! TypeScript definitions spell out (generated from the door's types: `www/js/probity.d.ts`).
//! Built several times (.ci/serve), each module with only the calls it needs (Cargo.toml's
//! features): `page`, the page's start-up module (load a compiled rulebook, check, list, run
//! rule tests, describe); `editor`, `lint` and `explore`, the modules the views load when they
//! need them (`crate::wasm_editor`, `crate::wasm_explore`).

// Built with no module's feature, the face has nothing to call its helpers (not a shipped build).
#![cfg_attr(
    not(any(feature = "checker", feature = "loader", feature = "compiler")),
    allow(dead_code, unused_imports)
)]

use crate::api::{self, Diagnostic, Language, Session};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Mutex;
use wasm_bindgen::prelude::*;

/// The definitions of every value that crosses, generated from the library's types
/// (`src/api/typescript.rs`), appended to the `.d.ts` wasm-bindgen writes.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("api/probity.d.ts");

// ---------------------------------------------------------------- panics

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Runs when the module is instantiated: a panic (which should never happen) is reported on the
/// console and kept for `lastPanic()`, so the page can say what went wrong instead of going quiet.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("probity internal error: {info}");
        console_error(&msg);
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(msg);
        }
    }));
}

/// The message of the last panic, if one happened (then the call that panicked threw a
/// `RuntimeError`; the instance should be reloaded).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|p| p.clone())
}

// ---------------------------------------------------------------- conversion helpers

/// Plain data -> a plain JS value (objects, not Maps; `None` as `null`): written as one JSON
/// string in WASM and parsed once by the browser's `JSON.parse`, which measured faster than
/// building the value field by field across the boundary (serde-wasm-bindgen; issue 23,
/// docs/PERFORMANCE.md). Serialising the library's plain data cannot fail in practice; if it
/// ever did, the error is logged and `null` returned.
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    match serde_json::to_string(v) {
        Ok(text) => js_sys::JSON::parse(&text).unwrap_or_else(|_| {
            console_error("probity: the browser could not parse a value's JSON");
            JsValue::NULL
        }),
        Err(e) => {
            console_error(&format!("probity: cannot convert a value for JS: {e}"));
            JsValue::NULL
        }
    }
}

/// The old conversion (serde-wasm-bindgen, value by value), kept in the bench module only so the
/// page's measurement (tests/page/measure.mjs) can compare the two on the same build.
#[cfg(feature = "bench")]
pub(crate) fn to_js_values<T: Serialize + ?Sized>(v: &T) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).unwrap_or(JsValue::NULL)
}

/// A JS value as JSON text, through `JSON.stringify` (so whole numbers stay whole numbers); the
/// library reads the text on its fast path.
#[cfg(any(feature = "checker", feature = "explore", feature = "commissioning"))]
pub(crate) fn json_text(v: &JsValue) -> Result<String, Vec<Diagnostic>> {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            vec![Diagnostic::error(
                "D0001",
                "the document is not JSON data (a cycle, or nested too deeply)",
            )
            .at_path("(the document)")]
        })
}

/// A JS value as parsed JSON (for the explorer, which edits documents, and the plan across specs).
#[cfg(any(feature = "explore", feature = "commissioning"))]
pub(crate) fn json_value(v: &JsValue) -> Result<serde_json::Value, Vec<Diagnostic>> {
    let text = json_text(v)?;
    serde_json::from_str(&text).map_err(|e| {
        vec![
            Diagnostic::error("D0001", format!("the document is not valid JSON: {e}"))
                .at_path("(the document)"),
        ]
    })
}

// ---------------------------------------------------------------- compiling

/// The result of compiling rule text: every diagnostic (warnings too) and, when there were no
/// errors, the rulebook.
#[wasm_bindgen]
pub struct Compiled {
    session: Option<Rc<Session>>,
    diagnostics: JsValue,
}

#[wasm_bindgen]
impl Compiled {
    /// True when the text compiled (there may still be warnings).
    #[wasm_bindgen(getter)]
    pub fn ok(&self) -> bool {
        self.session.is_some()
    }

    /// Every diagnostic, each located by file name, line and column, and for an editor in
    /// UTF-16 code units.
    #[wasm_bindgen(unchecked_return_type = "EditorDiagnostic[]")]
    pub fn diagnostics(&self) -> JsValue {
        self.diagnostics.clone()
    }

    /// The compiled rulebook, or `undefined` when there were errors.
    pub fn rulebook(&self) -> Option<Rulebook> {
        self.session.clone().map(|session| Rulebook {
            session,
            caveats: RefCell::default(),
        })
    }
}

#[cfg(feature = "compiler")]
fn compiled(c: api::Compiled) -> Compiled {
    Compiled {
        diagnostics: to_js(&c.for_editor()),
        session: c.session.map(Rc::new),
    }
}

/// Compile rule files (`[{ name, text }]`) into one rulebook. In the modules built with the
/// `compiler` feature only: the start-up module loads the shipped rulebooks compiled at build
/// time (`loadCompiled`) and carries neither the parser nor the checker.
#[cfg(feature = "compiler")]
#[wasm_bindgen]
pub fn compile(#[wasm_bindgen(unchecked_param_type = "SourceFile[]")] files: JsValue) -> Compiled {
    match serde_wasm_bindgen::from_value::<Vec<api::SourceFile>>(files) {
        Ok(files) => compiled(Session::compile(
            files.into_iter().map(|f| (f.name, f.text)),
        )),
        Err(e) => Compiled {
            session: None,
            diagnostics: to_js(&[Diagnostic::error(
                "E0001",
                format!("compile() takes a list of {{ name, text }} objects: {e}"),
            )]),
        },
    }
}

/// Compile one rule file's text (a convenience for the editor). With `compiler` only.
#[cfg(feature = "compiler")]
#[wasm_bindgen(js_name = compileText)]
pub fn compile_text(name: &str, text: &str) -> Compiled {
    compiled(Session::compile([(name, text)]))
}

/// Load a rulebook compiled at build time (`probity compile --binary`: the `.rules.bin` beside
/// each shipped rule file) with the text of the rule file(s) it was built from (`names[i]`,
/// `texts[i]`): no parsing, no checking. A binary built from another text (a stale build) or by
/// another engine version is refused: `ok` is false and the one diagnostic says why.
#[cfg(feature = "loader")]
#[wasm_bindgen(js_name = loadCompiled)]
pub fn load_compiled(binary: &[u8], names: Vec<String>, texts: Vec<String>) -> Compiled {
    let files: Vec<(String, String)> = names.into_iter().zip(texts).collect();
    loaded(Session::load_compiled(binary, &files))
}

/// As `loadCompiled`, with each text's SHA-256 (lower-case hex, `sha256s[i]` for `texts[i]`)
/// computed by the page (`crypto.subtle.digest` of the text's UTF-8 bytes, beside the module's
/// compile) rather than by this module, whose hashing was a quarter of the cold load.
#[cfg(feature = "loader")]
#[wasm_bindgen(js_name = loadCompiledWithSha256)]
pub fn load_compiled_with_sha256(
    binary: &[u8],
    names: Vec<String>,
    texts: Vec<String>,
    sha256s: Vec<String>,
) -> Compiled {
    let files: Vec<(String, String)> = names.into_iter().zip(texts).collect();
    loaded(Session::load_compiled_with_sha256(binary, &files, &sha256s))
}

/// A loaded rulebook, or the one diagnostic saying why it was refused.
#[cfg(feature = "loader")]
fn loaded(result: Result<Session, String>) -> Compiled {
    match result {
        Ok(session) => Compiled {
            session: Some(Rc::new(session)),
            diagnostics: to_js(&[] as &[api::EditorDiagnostic]),
        },
        Err(message) => Compiled {
            session: None,
            diagnostics: to_js(&[api::EditorDiagnostic {
                diagnostic: Diagnostic::error("E0008", message),
                utf16: None,
                fix_utf16: None,
            }]),
        },
    }
}

/// The shipped rulebooks: their names, and where their text is inside this package (the text
/// is not embedded: `.ci/serve` copies `rules/*.rules` into the package, and the page fetches
/// each from its own origin and compiles it with `compileText(file, text)`).
#[cfg(feature = "checker")]
#[wasm_bindgen(js_name = shippedRulebooks, unchecked_return_type = "ShippedRulebook[]")]
pub fn shipped_rulebooks() -> JsValue {
    to_js(&api::SHIPPED)
}

// ---------------------------------------------------------------- a compiled rulebook

/// A compiled rulebook: check documents against it and read its rules.
#[wasm_bindgen]
pub struct Rulebook {
    session: Rc<Session>,
    /// Each caveat a check has given, converted for JS once (a caveat is the same for every
    /// document): by its key, cleared when the language changes. Shared by the outcomes and
    /// frozen, so no outcome can change another's.
    caveats: RefCell<Vec<Option<JsValue>>>,
}

impl Rulebook {
    /// A checked outcome (`outcome`, as JS) given its caveats (by key) from the cache. Each is
    /// pushed by reference: one crossing per caveat, not three (a clone, the push, the drop).
    #[cfg(feature = "checker")]
    fn with_caveats(&self, outcome: &JsValue, keys: &[usize]) {
        let mut cache = self.caveats.borrow_mut();
        let list = js_sys::Array::new();
        for &k in keys {
            if cache.len() <= k {
                cache.resize(k + 1, None);
            }
            let Some(slot) = cache.get_mut(k) else {
                continue;
            };
            let caveat = slot.get_or_insert_with(|| {
                let v = to_js(&self.session.caveat(k));
                if let Some(o) = v.dyn_ref::<js_sys::Object>() {
                    js_sys::Object::freeze(o);
                }
                v
            });
            list.push(caveat);
        }
        // Setting a property of a plain object parsed from JSON cannot fail.
        let _ = js_sys::Reflect::set(outcome, &JsValue::from_str("caveats"), &list);
    }

    /// A check with its timeline, as JS, its outcome given its caveats (by key) from the cache.
    #[cfg(feature = "checker")]
    fn with_timeline_caveats(&self, checked: &api::CheckedWithTimeline, keys: &[usize]) -> JsValue {
        let value = to_js(checked);
        if let Ok(outcome) = js_sys::Reflect::get(&value, &JsValue::from_str("outcome")) {
            self.with_caveats(&outcome, keys);
        }
        value
    }

    /// The session, for the explorer's face (`crate::wasm_explore`).
    #[cfg(feature = "explore")]
    pub(crate) fn session(&self) -> &Session {
        &self.session
    }
}

#[wasm_bindgen]
impl Rulebook {
    /// Give answers from now on in a language: `"cy"` (Welsh) or `"en"` (English). Reports'
    /// messages, rule titles and explanations, schema labels and hints come in that language
    /// where the rulebook gives them. False (and no change) for a language it does not know.
    #[wasm_bindgen(js_name = setLanguage)]
    pub fn set_language(&mut self, code: &str) -> bool {
        match Language::from_code(code) {
            Some(language) => {
                Rc::make_mut(&mut self.session).set_language(language);
                self.caveats.borrow_mut().clear();
                true
            }
            None => false,
        }
    }

    /// The language answers are given in: `"en"` or `"cy"`.
    #[wasm_bindgen(getter)]
    pub fn language(&self) -> String {
        self.session.language().code().to_string()
    }

    /// Check a document (a plain JS object as it would be written in JSON), read on the fast
    /// path as JSON text.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(unchecked_return_type = "CheckOutcome")]
    pub fn check(&self, document: JsValue) -> JsValue {
        match json_text(&document) {
            Ok(text) => self.check_text(&text),
            Err(diagnostics) => to_js(&api::CheckOutcome::from(Err(diagnostics))),
        }
    }

    /// Check a document given as JSON text; syntax errors come back with their line and column.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(js_name = checkText, unchecked_return_type = "CheckOutcome")]
    pub fn check_text(&self, text: &str) -> JsValue {
        let (outcome, keys) = self.session.check_text_keyed(text);
        let value = to_js(&outcome);
        self.with_caveats(&value, &keys);
        value
    }

    /// `checkText` with the report converted value by value (serde-wasm-bindgen), as before
    /// issue 23; in the bench module only, for the page's measurement of the two conversions.
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = checkTextValues, unchecked_return_type = "CheckOutcome")]
    pub fn check_text_values(&self, text: &str) -> JsValue {
        to_js_values(&self.session.check_text(text))
    }

    /// `checkText` with the report as JSON text, for the caller to parse (the third option the
    /// page's measurement compares); in the bench module only.
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = checkTextJson)]
    pub fn check_text_json(&self, text: &str) -> String {
        serde_json::to_string(&self.session.check_text(text)).unwrap_or_default()
    }

    /// The page's whole check of JSON text in WASM (read, decide with the plan, report, the
    /// caveats' keys) with nothing handed to JS but the number of findings (-1 when the text is
    /// refused): how much of `checkText` is the engine and how much the hand-off. In the bench
    /// module only.
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = checkTextOnly)]
    pub fn check_text_only(&self, text: &str) -> i32 {
        match self.session.check_text_keyed(text).0.report {
            Some(report) => i32::try_from(report.findings.len()).unwrap_or(i32::MAX),
            None => -1,
        }
    }

    /// `checkTextOnly` deciding with the reference evaluator, as the page's modules do (they
    /// carry no plan, Cargo.toml): how much of the page's check is its evaluator. In the bench
    /// module only.
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = checkTextReferenceOnly)]
    pub fn check_text_reference_only(&self, text: &str) -> i32 {
        match self.session.findings_by_reference(text) {
            Some(n) => i32::try_from(n).unwrap_or(i32::MAX),
            None => -1,
        }
    }

    /// `checkTextOnly` and the outcome written as JSON text in WASM, its length returned: the
    /// cost of writing the JSON, without crossing. In the bench module only.
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = checkTextWritten)]
    pub fn check_text_written(&self, text: &str) -> usize {
        serde_json::to_string(&self.session.check_text_keyed(text).0).map_or(0, |s| s.len())
    }

    /// `checkTextWritten` with the JSON text handed to JS as a string (for the caller to parse,
    /// or not): the cost of the string's crossing. In the bench module only.
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = checkTextWrittenString)]
    pub fn check_text_written_string(&self, text: &str) -> String {
        serde_json::to_string(&self.session.check_text_keyed(text).0).unwrap_or_default()
    }

    /// A check and the document's timeline at once (one read, one check): what the order
    /// checker draws on every change.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(js_name = checkWithTimeline, unchecked_return_type = "CheckedWithTimeline")]
    pub fn check_with_timeline(&self, document: JsValue) -> JsValue {
        let (checked, keys) = match json_text(&document) {
            Ok(text) => self.session.check_with_timeline_keyed(&text),
            Err(diagnostics) => (
                api::CheckedWithTimeline {
                    outcome: api::CheckOutcome::from(Err(diagnostics)),
                    timeline: None,
                },
                Vec::new(),
            ),
        };
        self.with_timeline_caveats(&checked, &keys)
    }

    /// `checkWithTimeline` of a document given as JSON text: the order checker has the text
    /// already (it saves the draft as JSON on every change), so the document is not turned into
    /// text a second time (issue 23, docs/PERFORMANCE.md).
    #[cfg(feature = "checker")]
    #[wasm_bindgen(js_name = checkTextWithTimeline, unchecked_return_type = "CheckedWithTimeline")]
    pub fn check_text_with_timeline(&self, text: &str) -> JsValue {
        let (checked, keys) = self.session.check_with_timeline_keyed(text);
        self.with_timeline_caveats(&checked, &keys)
    }

    /// The period a document runs for and how long each item of its list lasts, with the items
    /// its check flags: `{ ok: true, value }`, or `{ ok: false, diagnostics }` for a document
    /// the schema refuses.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(unchecked_return_type = "Answer<Timeline>")]
    pub fn timeline(&self, document: JsValue) -> JsValue {
        answer(json_text(&document).and_then(|text| self.session.timeline(&text)))
    }

    /// The commissioning plan built from contract specs (a list of the contracts rulebook's
    /// documents), checked against this rulebook (the commissioning plan rulebook). In the
    /// explorer's module (the commissioner's view loads it; the clerk's start-up does not need it).
    #[cfg(feature = "commissioning")]
    #[wasm_bindgen(js_name = commissioningPlan, unchecked_return_type = "Answer<CommissioningPlan>")]
    pub fn commissioning_plan(&self, specs: JsValue) -> JsValue {
        let specs = json_value(&specs).map(|j| match j {
            serde_json::Value::Array(items) => items,
            _ => Vec::new(),
        });
        answer(specs.map(|specs| self.session.commissioning_plan(&specs)))
    }

    /// Check many documents given as JSON Lines (UTF-8 bytes, one document a line: e.g. a
    /// `File`'s bytes) inside WASM and count verdicts; with `describe`, each report is written in
    /// full too (as `checkText` does, less the conversion to JS). In the bench module only: it
    /// carries the compiled plan (`eval::Plan`), which the page's single checks do not need.
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = checkLines, unchecked_return_type = "Summary")]
    pub fn check_lines(&self, jsonl: &[u8], describe: bool) -> JsValue {
        let depth = if describe {
            api::Depth::Report
        } else {
            api::Depth::Decide
        };
        to_js(&self.session.check_lines(jsonl, depth))
    }

    /// The rulebook files behind this program: name, version, title, SHA-256.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(unchecked_return_type = "RulebookInfo[]")]
    pub fn info(&self) -> JsValue {
        to_js(self.session.info())
    }

    /// The document schema, for building forms (each field with its shape).
    #[cfg(feature = "checker")]
    #[wasm_bindgen(unchecked_return_type = "SchemaView")]
    pub fn schema(&self) -> JsValue {
        to_js(&self.session.schema())
    }

    /// The rulebook's named example documents.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(unchecked_return_type = "Example[]")]
    pub fn examples(&self) -> JsValue {
        to_js(&self.session.examples())
    }

    /// Every declaration's words and law, each with a lawful and an unlawful example taken from
    /// the rulebook's own tests.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(unchecked_return_type = "RuleEntry[]")]
    pub fn rules(&self) -> JsValue {
        to_js(&self.session.rules())
    }

    /// The routes tables, row by row, for drawing.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(unchecked_return_type = "RoutesTable[]")]
    pub fn routes(&self) -> JsValue {
        to_js(&self.session.routes())
    }

    /// Static analysis (`probity lint`): gaps, overlaps, shadowed and masked rows, contradictions,
    /// unsatisfiable and redundant rules, dead periods; each finding with its witness document.
    #[cfg(feature = "lint")]
    #[wasm_bindgen(unchecked_return_type = "LintView")]
    pub fn lint(&self) -> JsValue {
        to_js(&api::LintView::from(self.session.lint()))
    }

    /// `lint` as JSON text (the `LintView`), for the page's Web Worker: a string crosses to the
    /// page in one copy, where a large result (a 1,000-row table's 24,538 overlaps, 13 MB) took
    /// longer to parse into objects in the worker and clone across than to parse once on arrival.
    #[cfg(feature = "lint")]
    #[wasm_bindgen(js_name = lintJson)]
    pub fn lint_json(&self) -> String {
        lint_view_json(self.session.lint())
    }

    /// `lintJson` in two stages, for the page's Web Worker: `on_first` is called once with the
    /// first findings as JSON text (a `LintView`: each routes table's early searches, there
    /// before the long part), then the whole answer is returned, which replaces them.
    #[cfg(feature = "lint")]
    #[wasm_bindgen(js_name = lintJsonStaged)]
    pub fn lint_json_staged(&self, on_first: &js_sys::Function) -> String {
        let whole = self.session.lint_staged(&mut |first: &api::Lint| {
            let text = JsValue::from_str(&lint_view_json(first.clone()));
            if let Err(e) = on_first.call1(&JsValue::NULL, &text) {
                console_error(&format!(
                    "probity: the first findings' callback failed: {e:?}"
                ));
            }
        });
        lint_view_json(whole)
    }

    /// Every box of routes table `table`'s gaps, each with a witness document of its own,
    /// re-checked (the boxes the gap finding of `lint` lists, in its order); `null` when no
    /// routes table has this id.
    #[cfg(feature = "lint")]
    #[wasm_bindgen(js_name = gapWitnesses, unchecked_return_type = "BoxWitness[] | null")]
    pub fn gap_witnesses(&self, table: &str) -> JsValue {
        to_js(&self.session.gap_witnesses(table))
    }

    /// One declaration's versions over time (each with its text as written) and worked examples;
    /// `null` when no declaration has this id.
    #[cfg(feature = "authoring")]
    #[wasm_bindgen(unchecked_return_type = "Description | null")]
    pub fn describe(&self, id: &str) -> JsValue {
        to_js(&self.session.describe(id))
    }

    /// This rulebook in its compiled binary form (what `probity compile --binary` writes), for
    /// the start-up module (to check against it and run its tests) and the lint module in the
    /// page's Web Worker to load with `loadCompiled` and the same text: the editor module carries
    /// no evaluator, and those no parser or checker (issue 23). `undefined` if it cannot be
    /// written (it always can: the program is plain data).
    #[cfg(feature = "editor")]
    #[wasm_bindgen(js_name = compiledForm)]
    pub fn compiled_form(&self) -> Option<Vec<u8>> {
        self.session
            .to_binary()
            .map_err(|e| console_error(&format!("probity: cannot write the compiled form: {e}")))
            .ok()
    }

    /// Run the tests written beside the rules.
    #[cfg(feature = "authoring")]
    #[wasm_bindgen(js_name = runTests, unchecked_return_type = "TestRun")]
    pub fn run_tests(&self) -> JsValue {
        to_js(&self.session.run_tests())
    }
}

/// The analysis as the page takes it (`LintView`), as JSON text.
#[cfg(feature = "lint")]
fn lint_view_json(lint: api::Lint) -> String {
    serde_json::to_string(&api::LintView::from(lint)).unwrap_or_else(|e| {
        console_error(&format!("probity: cannot convert a value for JS: {e}"));
        "null".to_string()
    })
}

#[cfg(any(feature = "checker", feature = "explore", feature = "commissioning"))]
pub(crate) fn answer<T: Serialize>(r: Result<T, Vec<Diagnostic>>) -> JsValue {
    to_js(&api::Answer::from(r))
}

// ---------------------------------------------------------------- small helpers for faces

/// `date` (YYYY-MM-DD) plus a number of months, by the library's calendar rule; `undefined` when
/// the date does not parse or the result is out of range.
#[cfg(feature = "checker")]
#[wasm_bindgen(js_name = addMonths)]
pub fn add_months(date: &str, months: i32) -> Option<String> {
    api::add_months(date, months)
}

/// The crate version of this build.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
