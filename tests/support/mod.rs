//! Helpers the integration tests share: the repository's files, compiling rule text into a
//! program, example documents, and proptest's case count.
// Each test binary uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Rule text compiled into a program; a test fails with the diagnostics when it does not compile.
pub fn compile_text(name: &str, text: &str) -> probity::ir::Program {
    let mut sources = probity::diag::Sources::default();
    sources.add(name, text);
    let compiled = probity::check::compile(sources);
    match compiled.program {
        Some(p) => p,
        None => panic!("{name} does not compile: {:?}", compiled.diagnostics),
    }
}

/// Rule text compiled and its own tests run: (passed, failed, every failure message). A test
/// fails with the diagnostics when the text does not compile.
pub fn run_rule_tests(text: &str) -> (usize, usize, Vec<String>) {
    let program = compile_text("t.rules", text);
    let run = probity::eval::run_tests(&program);
    let failures = run
        .results
        .iter()
        .flat_map(|r| r.failures.clone())
        .collect();
    (run.passed, run.failed, failures)
}

/// A rule file (absolute, or relative to the repository) compiled into a program, named by the
/// path as given.
pub fn compile_file(path: impl AsRef<Path>) -> probity::ir::Program {
    let path = path.as_ref();
    let text = std::fs::read_to_string(root().join(path))
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    compile_text(&path.to_string_lossy(), &text)
}

/// A rule file compiled through the library's door.
pub fn session(path: impl AsRef<Path>) -> probity::api::Session {
    let path = path.as_ref();
    let text = std::fs::read_to_string(root().join(path))
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let compiled = probity::api::Session::compile([(path.to_string_lossy().into_owned(), text)]);
    match compiled.session {
        Some(s) => s,
        None => panic!(
            "{} does not compile: {:?}",
            path.display(),
            compiled.diagnostics
        ),
    }
}

/// An example document of tests/examples, by name without `.json`.
pub fn example(name: &str) -> serde_json::Value {
    let path = root().join("tests/examples").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Files in `dir` with extension `ext`, sorted by name.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

/// `default` cases, or `PROPTEST_CASES` when set; no failure files written into the tree.
pub fn proptest_config(default: u32) -> proptest::prelude::ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    proptest::prelude::ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    }
}

/// The order of issue 20: 320 hours of unpaid work and a 21-hour curfew, convicted in 2023.
pub fn upw_and_long_curfew(punitive: bool) -> serde_json::Value {
    use serde_json::json;
    json!({
        "kind": "community_order",
        "offence_date": "2023-01-14",
        "conviction_date": "2023-03-02",
        "sentence_date": "2023-04-06",
        "offender": { "age": 34, "alcohol_dependent": false, "alcohol_linked_to_offence": false },
        "offence_imprisonable": true,
        "exceptional_circumstances_no_punitive": false,
        "length": 24,
        "home_local_justice_area": "Leeds",
        "also_imposed": [],
        "requirements": [
            { "kind": "unpaid_work", "punitive": punitive, "hours": 320 },
            { "kind": "curfew", "punitive": punitive, "hours_per_day": 21, "period": 4, "em": true }
        ]
    })
}

/// What the explorer offers for a new `case` item of the document's `list`: the suggested item,
/// whether it can be added, and each field's lawful range.
pub fn offered(
    program: &probity::ir::Program,
    doc: &serde_json::Value,
    list: &str,
    case: &str,
) -> probity::explore::CaseOption {
    let doc = probity::doc::read(program, doc).expect("the document reads");
    let ex = probity::explore::Explorer::new(program, Some(list)).expect("the list is explored");
    let options = ex.options(&doc);
    match options.cases.into_iter().find(|c| c.case == case) {
        Some(c) => c,
        None => panic!("{case} is not a case of {list}"),
    }
}

/// The lawful range the explorer gives for `field` of an offered item; a test fails when the
/// field has none.
pub fn param_range(
    option: &probity::explore::CaseOption,
    field: &str,
) -> probity::explore::ParamRange {
    match option.params.iter().find(|p| p.field == field) {
        Some(range) => range.clone(),
        None => panic!("{field} has a range: {option:?}"),
    }
}
