//! The WebAssembly face (wasm-bindgen): converts JS values in, calls the library, converts plain
//! data back. Holds no rule logic; never lets a panic or an `Err` cross as an exception: every
//! outcome, failures included, is a value whose shape the TypeScript section below spells out.
//! Built twice (.ci/serve): without features, the page's start-up module (compile, check, list);
//! with `tools`, also lint, describe, rule tests and the explorer (`crate::wasm_explore`).

use crate::diag::{Diagnostic, Sources};
use crate::ir::{Expect, Meta, Program};
use crate::report::{Period, Report};
use serde::Serialize;
use std::rc::Rc;
use std::sync::Mutex;
use wasm_bindgen::prelude::*;

/// The shipped rulebooks: name and file. Their text is not embedded (it was 218 KB of the
/// start-up module, about 39 KB gzipped, and the tools module would have carried a second copy):
/// `.ci/serve` copies `rules/*.rules` into the package as `rules/`, and the page fetches each
/// `file` from its own origin and compiles it with `compileText(file, text)` (www/js/engine.js).
const SHIPPED: [(&str, &str); 5] = [
    ("community_orders", "rules/community_orders.rules"),
    ("routing", "rules/routing.rules"),
    ("contracts", "rules/contracts.rules"),
    ("commissioning_plan", "rules/commissioning_plan.rules"),
    (
        "post_sentence_supervision",
        "rules/post_sentence_supervision.rules",
    ),
];

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export type Severity = "error" | "unsettled" | "warning" | "info";
export type Location =
  | { type: "source"; file: number; start: number; end: number; file_name: string; line: number; column: number }
  | { type: "document"; path: string }
  | { type: "none" };
export interface Diagnostic {
  code: string; severity: Severity; message: string; location: Location;
  notes: string[]; hint: string | null;
  /** A suggested edit: replace the text between `start` and `end` (bytes) with `replacement`. */
  fix: { file: number; start: number; end: number; replacement: string } | null;
}
export interface Period { from: string | null; until: string | null }
export interface RulebookInfo { name: string; version: string; title: string; file: string; sha256: string }
export interface FactValue { text: string; path: string | null; value: string }
export interface Fact { text: string; holds: boolean; values: FactValue[] }
export interface Finding {
  rule: string; kind: "rule" | "conflict" | "no_route" | "overlap"; severity: Severity;
  title: string; message: string; cite: string; in_force: Period; paths: string[]; trace: Fact[];
}
export type HitPolicy = "unique" | "any" | "first" | "priority";
export interface RouteDecision {
  table: string; title: string; cite: string; policy: HitPolicy; output: string | null;
  matched_rows: number[]; trace: Fact[];
}
export interface DerivedValue { id: string; title: string; cite: string; display: string; value: unknown }
export interface Report {
  rulebooks: RulebookInfo[]; law_date: string | null; verdict: "clean" | "warnings" | "errors";
  findings: Finding[]; routes: RouteDecision[]; values: DerivedValue[];
  in_force: number; not_in_force: number; errors: Diagnostic[];
}
/** A check either reads the document and reports, or refuses it with diagnostics at JSON paths. */
export type CheckOutcome =
  | { ok: true; report: Report; diagnostics: [] }
  | { ok: false; report: null; diagnostics: Diagnostic[] };
export type DeclKind = "rule" | "conflict" | "routes" | "derive";
export interface Example { name: string; document: unknown }
/** One declaration as the explainer shows it, with a lawful and an unlawful example when the
 *  rulebook's own tests provide them. */
export interface RuleEntry {
  id: string; kind: DeclKind; title: string; cite: string; explain: string; severity: Severity;
  in_force: Period; by: string; lawful: Example | null; unlawful: Example | null;
}
export interface RouteRow { when: string; output: string; cite: string | null }
export interface RoutesTable {
  id: string; title: string; cite: string; explain: string; in_force: Period; by: string;
  policy: HitPolicy; decides: string; outputs: string[]; rows: RouteRow[];
}
export interface Field { name: string; type_name: string }
export interface Schema {
  document: string; root: string;
  enums: { name: string; values: string[] }[];
  records: { name: string; fields: Field[] }[];
  variants: { name: string; shared: number; cases: { name: string; fields: Field[] }[] }[];
}
/** A shipped rulebook: its name, and the path of its text inside this package (`rules/...`):
 *  fetch it and compile it with `compileText(file, text)`. */
export interface ShippedRulebook { name: string; file: string }
export interface SourceFile { name: string; text: string }
"#;

/// The types only the tools build's entry points return (lint, describe, rule tests).
#[cfg(feature = "tools")]
#[wasm_bindgen(typescript_custom_section)]
const TS_TOOLS_TYPES: &'static str = r#"
/** Counts over many documents checked at once (`checkLines`). */
export interface LinesSummary {
  documents: number; clean: number; warnings: number; errors: number; rejected: number;
  findings: number; first_rejected_line: number | null;
}
export interface TestResult { name: string; file: string; line: number; passed: boolean; failures: string[] }
export interface TestRun { passed: number; failed: number; results: TestResult[] }
export type LintKind =
  | "gap" | "overlap" | "shadowed" | "masked" | "duplicate" | "subsumed" | "row-never-matches"
  | "never-applies" | "require-unsatisfiable" | "always-fails" | "never-fires" | "contradiction"
  | "redundant" | "dead-period";
/** One finding of the static analysis, located by file, line and column (1-based, in characters). */
export interface LintFinding {
  kind: LintKind; id: string;
  /** Rows concerned, 1-based (routes tables only; absent when none). */
  rows?: number[];
  /** Other declarations concerned (contradictions, redundancy; absent when none). */
  others?: string[];
  in_force: Period; message: string;
  /** The exact cases concerned, as disjoint boxes of readable conditions (absent when none). */
  boxes?: string[][];
  /** A document that shows the finding when checked, or null when no document can. */
  witness: unknown | null;
  /** Whether checking the witness reproduced the finding (null without a witness). */
  reproduces: boolean | null;
  file: string; line: number; column: number;
}
export interface Undecided { id: string; what: string; reason: string; file: string; line: number; column: number }
export interface Lint {
  findings: LintFinding[]; undecided: Undecided[]; declarations: number;
  /** The largest case space decided (a count; may exceed 2^53 and then loses precision). */
  largest_case_space: number;
}
export interface DescribedVersion {
  title: string; cite: string; explain: string; severity: Severity; in_force: Period; by: string;
  file: string; line: number;
  /** The declaration as written. */
  text: string;
}
export interface WorkedExample { test: string; expects_finding: boolean; document: unknown; findings: Finding[] }
/** One declaration for people: every version (oldest first) and worked examples from its tests. */
export interface Description { id: string; kind: DeclKind; versions: DescribedVersion[]; examples: WorkedExample[] }
"#;

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

/// Plain data -> a plain JS value (objects, not Maps; `None` as `null`). Serialising the library's
/// plain data cannot fail in practice; if it ever did, the error is logged and `null` returned.
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    match v.serialize(&ser) {
        Ok(js) => js,
        Err(e) => {
            console_error(&format!("probity: cannot convert a value for JS: {e}"));
            JsValue::NULL
        }
    }
}

/// A JS value -> JSON, through `JSON.stringify` so whole numbers stay whole numbers.
fn from_js(v: &JsValue) -> Result<serde_json::Value, Diagnostic> {
    let text = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            Diagnostic::error("D0001", "the document is not JSON data").at_path("(the document)")
        })?;
    serde_json::from_str(&text).map_err(|e| {
        Diagnostic::error("D0001", format!("the document is not valid JSON: {e}"))
            .at_path("(the document)")
    })
}

#[derive(Serialize)]
struct Outcome<'a> {
    ok: bool,
    report: Option<&'a Report>,
    diagnostics: &'a [Diagnostic],
}

fn outcome(result: Result<Report, Vec<Diagnostic>>) -> JsValue {
    match &result {
        Ok(report) => to_js(&Outcome {
            ok: true,
            report: Some(report),
            diagnostics: &[],
        }),
        Err(diags) => to_js(&Outcome {
            ok: false,
            report: None,
            diagnostics: diags,
        }),
    }
}

// ---------------------------------------------------------------- compiling

/// The result of compiling rule text: every diagnostic (warnings too) and, when there were no
/// errors, the rulebook.
#[wasm_bindgen]
pub struct Compiled {
    program: Option<Rc<Program>>,
    diagnostics: Vec<Diagnostic>,
}

#[wasm_bindgen]
impl Compiled {
    /// True when the text compiled (there may still be warnings).
    #[wasm_bindgen(getter)]
    pub fn ok(&self) -> bool {
        self.program.is_some()
    }

    /// Every diagnostic, each located by file name, line and column.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> JsValue {
        to_js(&self.diagnostics)
    }

    /// The compiled rulebook, or `undefined` when there were errors.
    pub fn rulebook(&self) -> Option<Rulebook> {
        self.program.clone().map(|program| Rulebook { program })
    }
}

fn compile_sources(sources: Sources) -> Compiled {
    let c = crate::check::compile(sources);
    Compiled {
        program: c.program.map(Rc::new),
        diagnostics: c.diagnostics,
    }
}

/// Compile rule files (`[{ name, text }]`) into one rulebook.
#[wasm_bindgen]
pub fn compile(#[wasm_bindgen(unchecked_param_type = "SourceFile[]")] files: JsValue) -> Compiled {
    #[derive(serde::Deserialize)]
    struct File {
        name: String,
        text: String,
    }
    match serde_wasm_bindgen::from_value::<Vec<File>>(files) {
        Ok(files) => {
            let mut sources = Sources::default();
            for f in files {
                sources.add(f.name, f.text);
            }
            compile_sources(sources)
        }
        Err(e) => Compiled {
            program: None,
            diagnostics: vec![Diagnostic::error(
                "E0001",
                format!("compile() takes a list of {{ name, text }} objects: {e}"),
            )],
        },
    }
}

/// Compile one rule file's text (a convenience for the editor).
#[wasm_bindgen(js_name = compileText)]
pub fn compile_text(name: &str, text: &str) -> Compiled {
    let mut sources = Sources::default();
    sources.add(name, text);
    compile_sources(sources)
}

/// The shipped rulebooks: their names, and where their text is inside this package (see
/// `SHIPPED`).
#[wasm_bindgen(js_name = shippedRulebooks, unchecked_return_type = "ShippedRulebook[]")]
pub fn shipped_rulebooks() -> JsValue {
    #[derive(Serialize)]
    struct Shipped {
        name: &'static str,
        file: &'static str,
    }
    let list: Vec<Shipped> = SHIPPED
        .iter()
        .map(|(name, file)| Shipped { name, file })
        .collect();
    to_js(&list)
}

// ---------------------------------------------------------------- a compiled rulebook

/// A compiled rulebook: check documents against it and read its rules.
#[wasm_bindgen]
pub struct Rulebook {
    program: Rc<Program>,
}

impl Rulebook {
    /// The compiled program, for the explorer's face (`crate::wasm_explore`).
    #[cfg(feature = "tools")]
    pub(crate) fn program(&self) -> &Program {
        &self.program
    }
}

#[derive(Serialize)]
struct ExampleOut<'a> {
    name: &'a str,
    document: &'a serde_json::Value,
}

#[derive(Serialize)]
struct RuleEntry<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    lawful: Option<ExampleOut<'a>>,
    unlawful: Option<ExampleOut<'a>>,
}

#[derive(Serialize)]
struct RouteRow<'a> {
    when: &'a str,
    output: &'a str,
    cite: Option<&'a str>,
}

#[derive(Serialize)]
struct RoutesTable<'a> {
    id: &'a str,
    title: &'a str,
    cite: &'a str,
    explain: &'a str,
    in_force: Period,
    by: &'a str,
    policy: crate::syntax::ast::HitPolicy,
    decides: &'a str,
    outputs: &'a [String],
    rows: Vec<RouteRow<'a>>,
}

#[wasm_bindgen]
impl Rulebook {
    /// Check a document (a plain JS object as it would be written in JSON).
    #[wasm_bindgen(unchecked_return_type = "CheckOutcome")]
    pub fn check(&self, document: JsValue) -> JsValue {
        match from_js(&document) {
            Ok(json) => outcome(crate::eval::check_json(&self.program, &json)),
            Err(d) => outcome(Err(vec![d])),
        }
    }

    /// Check a document given as JSON text; syntax errors come back with their line and column.
    #[wasm_bindgen(js_name = checkText, unchecked_return_type = "CheckOutcome")]
    pub fn check_text(&self, text: &str) -> JsValue {
        outcome(
            crate::doc::read_str(&self.program, text)
                .map(|doc| crate::eval::check(&self.program, &doc)),
        )
    }

    /// Check many documents given as JSON Lines (UTF-8 bytes, one document a line: e.g. a
    /// `File`'s bytes) inside WASM and count verdicts; with `describe`, each report is written in
    /// full too (as `checkText` does, less the conversion to JS). In the tools module only: it
    /// carries the compiled plan (`eval::Plan`), which the page's single checks do not need.
    #[cfg(feature = "tools")]
    #[wasm_bindgen(js_name = checkLines, unchecked_return_type = "LinesSummary")]
    pub fn check_lines(&self, jsonl: &[u8], describe: bool) -> JsValue {
        let depth = if describe {
            crate::batch::Depth::Report
        } else {
            crate::batch::Depth::Decide
        };
        to_js(&crate::batch::check_lines(&self.program, jsonl, depth))
    }

    /// The rulebook files behind this program: name, version, title, SHA-256.
    #[wasm_bindgen(unchecked_return_type = "RulebookInfo[]")]
    pub fn info(&self) -> JsValue {
        to_js(&self.program.rulebooks)
    }

    /// The document schema, for building forms.
    #[wasm_bindgen(unchecked_return_type = "Schema")]
    pub fn schema(&self) -> JsValue {
        #[derive(Serialize)]
        struct SchemaOut<'a> {
            document: &'a str,
            root: &'a str,
            #[serde(flatten)]
            schema: &'a crate::ir::Schema,
        }
        let p = &self.program;
        let root = p
            .schema
            .record(p.document_type)
            .map_or("", |r| r.name.as_str());
        to_js(&SchemaOut {
            document: &p.document_name,
            root,
            schema: &p.schema,
        })
    }

    /// The rulebook's named example documents.
    #[wasm_bindgen(unchecked_return_type = "Example[]")]
    pub fn examples(&self) -> JsValue {
        let list: Vec<ExampleOut> = self
            .program
            .examples
            .iter()
            .map(|e| ExampleOut {
                name: &e.name,
                document: &e.value,
            })
            .collect();
        to_js(&list)
    }

    /// Every declaration's words and law, each with a lawful and an unlawful example taken from
    /// the rulebook's own tests (see `examples_for`).
    #[wasm_bindgen(unchecked_return_type = "RuleEntry[]")]
    pub fn rules(&self) -> JsValue {
        let p = &self.program;
        let reports: Vec<Option<Report>> = p
            .tests
            .iter()
            .map(|t| crate::eval::check_json(p, &t.document).ok())
            .collect();
        let entries: Vec<RuleEntry> = p
            .metas()
            .map(|meta| {
                let (lawful, unlawful) = examples_for(p, &reports, meta);
                RuleEntry {
                    meta,
                    lawful,
                    unlawful,
                }
            })
            .collect();
        to_js(&entries)
    }

    /// The routes tables, row by row, for drawing.
    #[wasm_bindgen(unchecked_return_type = "RoutesTable[]")]
    pub fn routes(&self) -> JsValue {
        let p = &self.program;
        let tables: Vec<RoutesTable> = p
            .routes
            .iter()
            .map(|t| {
                let outputs: &[String] = p.schema.enum_def(t.output).map_or(&[], |e| &e.values);
                RoutesTable {
                    id: &t.meta.id,
                    title: &t.meta.title,
                    cite: &t.meta.cite,
                    explain: &t.meta.explain,
                    in_force: t.meta.in_force,
                    by: &t.meta.by,
                    policy: t.policy,
                    decides: p.schema.enum_def(t.output).map_or("", |e| e.name.as_str()),
                    outputs,
                    rows: t
                        .rows
                        .iter()
                        .map(|r| RouteRow {
                            when: p.text(r.condition.span),
                            output: outputs.get(r.output as usize).map_or("", |s| s.as_str()),
                            cite: r.cite.as_deref(),
                        })
                        .collect(),
                }
            })
            .collect();
        to_js(&tables)
    }

    /// Static analysis (`probity lint`): gaps, overlaps, shadowed and masked rows, contradictions,
    /// unsatisfiable and redundant rules, dead periods; each finding with its witness document.
    #[cfg(feature = "tools")]
    #[wasm_bindgen(unchecked_return_type = "Lint")]
    pub fn lint(&self) -> JsValue {
        #[derive(Serialize)]
        struct LintOut<'a> {
            findings: &'a [crate::analyze::LintFinding],
            undecided: &'a [crate::analyze::Undecided],
            declarations: usize,
            // A u128 would cross as a BigInt, which JSON cannot carry: a JS number instead.
            largest_case_space: f64,
        }
        let lint = crate::analyze::lint(&self.program);
        to_js(&LintOut {
            findings: &lint.findings,
            undecided: &lint.undecided,
            declarations: lint.declarations,
            largest_case_space: lint.largest_case_space as f64,
        })
    }

    /// One declaration's versions over time (each with its text as written) and worked examples;
    /// `null` when no declaration has this id.
    #[cfg(feature = "tools")]
    #[wasm_bindgen(unchecked_return_type = "Description | null")]
    pub fn describe(&self, id: &str) -> JsValue {
        to_js(&crate::eval::describe(&self.program, id))
    }

    /// Run the tests written beside the rules.
    #[cfg(feature = "tools")]
    #[wasm_bindgen(js_name = runTests, unchecked_return_type = "TestRun")]
    pub fn run_tests(&self) -> JsValue {
        to_js(&crate::eval::run_tests(&self.program))
    }
}

/// Pick, from the rulebook's tests, a document that breaks this declaration (a test expecting its
/// finding, whose report shows the finding from this version) and one that keeps it (a test
/// expecting no such finding, preferring one whose law date is in this version's period).
/// Thin glue: the library has no such listing yet.
fn examples_for<'a>(
    p: &'a Program,
    reports: &[Option<Report>],
    meta: &Meta,
) -> (Option<ExampleOut<'a>>, Option<ExampleOut<'a>>) {
    let mut unlawful = None;
    let mut lawful = None;
    let mut lawful_fallback = None;
    let is_this = |rule: &str| {
        rule == meta.id
            || rule
                .strip_prefix(meta.id.as_str())
                .is_some_and(|r| r.starts_with('/'))
    };
    for (t, report) in p.tests.iter().zip(reports) {
        let Some(report) = report else { continue };
        let ex = || ExampleOut {
            name: &t.name,
            document: &t.document,
        };
        let breaks_this_version = report
            .findings
            .iter()
            .any(|f| is_this(&f.rule) && f.in_force == meta.in_force);
        let keeps_this = report.findings.iter().all(|f| !is_this(&f.rule));
        let in_period = report.law_date.is_some_and(|d| meta.in_force.contains(d));
        for (e, _) in &t.expects {
            match e {
                Expect::Finding { rule, .. } if is_this(rule) && breaks_this_version => {
                    unlawful = unlawful.or_else(|| Some(ex()));
                }
                Expect::Route { table, .. } if *table == meta.id && keeps_this && in_period => {
                    lawful = lawful.or_else(|| Some(ex()));
                }
                Expect::NoFinding(rule) if is_this(rule) && in_period => {
                    lawful = lawful.or_else(|| Some(ex()));
                }
                Expect::NoFinding(rule) if is_this(rule) => {
                    lawful_fallback = lawful_fallback.or_else(|| Some(ex()));
                }
                _ => {}
            }
        }
    }
    (lawful.or(lawful_fallback), unlawful)
}

// ---------------------------------------------------------------- small helpers for faces

/// `date` (YYYY-MM-DD) plus a number of months, by the library's calendar rule; `undefined` when
/// the date does not parse or the result is out of range.
#[wasm_bindgen(js_name = addMonths)]
pub fn add_months(date: &str, months: i32) -> Option<String> {
    let d = crate::dates::read_date(date)?;
    crate::eval::add_months(d, i64::from(months)).map(crate::dates::iso)
}

/// The crate version of this build.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
