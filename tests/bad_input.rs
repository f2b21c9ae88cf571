//! The bad-input corpus: every file under `tests/bad/` is input probity must refuse, beside the
//! exact diagnostic it must refuse it with.
//!
//! - `tests/bad/rules/<name>.rules` is compiled on its own; the rendered diagnostics (every one,
//!   warnings too, as `Sources::render` prints them, separated by a blank line) must equal
//!   `<name>.expected`. A case that compiles, panics, or gives other diagnostics fails.
//!   A directory `tests/bad/rules/<name>/` is one case of several files compiled together (in
//!   name order), with `tests/bad/rules/<name>.expected` beside it.
//! - `tests/bad/docs/<name>.json` is read against the rulebook `tests/bad/docs/schema.rules`; the
//!   rendered document diagnostics must equal `<name>.expected`.
//!
//! `BLESS=1 cargo test --test bad_input` rewrites the `.expected` files from what probity produces
//! now (review every change by eye). Cases named in `tests/bad/KNOWN_BUGS` hold the diagnostic
//! probity *should* give but does not yet: they are never blessed, and they fail until the
//! compiler is fixed. `PROBITY_SKIP_KNOWN_BUGS=1` leaves them out.

mod support;

use probity::check::{compile, Compiled};
use probity::diag::{Diagnostic, Sources};
use probity::ir::Program;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use support::files as cases;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

fn skip_known_bugs() -> bool {
    std::env::var_os("PROBITY_SKIP_KNOWN_BUGS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// `dir/case` -> the reason, from `tests/bad/KNOWN_BUGS` (`rules/name: reason` per line).
fn known_bugs() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root().join("KNOWN_BUGS")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(':') {
            Some((case, why)) => (case.trim().to_string(), why.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .expect("a UTF-8 file name")
        .to_string()
}

/// A name for a source file as the CLI would show it when run from the crate root.
fn label(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

fn render_all(sources: &Sources, diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| sources.render(d))
        .collect::<Vec<_>>()
        .join("\n")
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_string()))
        .unwrap_or_else(|| "(no message)".into())
}

/// The directories under `dir`: cases of several rule files.
fn case_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// Compile one file, or every `.rules` file of a directory together; the rendered diagnostics,
/// or why the case cannot pass at all.
fn compile_case(path: &Path) -> Result<String, String> {
    let files = if path.is_dir() {
        cases(path, "rules")
    } else {
        vec![path.to_path_buf()]
    };
    if files.is_empty() {
        return Err("the case directory holds no .rules file".into());
    }
    let mut sources = Sources::default();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("cannot read: {e}"))?;
        sources.add(label(f), text);
    }
    let shown = sources.clone();
    let compiled: Compiled = catch_unwind(AssertUnwindSafe(|| compile(sources)))
        .map_err(|p| format!("the compiler panicked: {}", panic_text(&*p)))?;
    let rendered = render_all(&shown, &compiled.diagnostics);
    if compiled.program.is_some() {
        return Err(format!(
            "the compiler accepted this bad input{}",
            if rendered.is_empty() {
                String::new()
            } else {
                format!(" (with only these diagnostics:\n{rendered})")
            }
        ));
    }
    if !compiled.diagnostics.iter().any(Diagnostic::is_error) {
        return Err("the compiler refused the input without an error diagnostic".into());
    }
    Ok(rendered)
}

/// Read one document against the schema rulebook; the rendered diagnostics, or why not.
fn read_case(program: &Program, path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let result = catch_unwind(AssertUnwindSafe(|| probity::doc::read_str(program, &text)))
        .map_err(|p| format!("the document reader panicked: {}", panic_text(&*p)))?;
    match result {
        Ok(_) => Err("the document reader accepted this bad document".into()),
        Err(diags) if diags.is_empty() => {
            Err("the document reader refused the document without a diagnostic".into())
        }
        Err(diags) => Ok(render_all(&Sources::default(), &diags)),
    }
}

/// Compare (or bless) every case; panic with one summary of every failure.
fn run(dir: &str, inputs: Vec<PathBuf>, produce: impl Fn(&Path) -> Result<String, String>) {
    assert!(!inputs.is_empty(), "no cases under tests/bad/{dir}");
    let bugs = known_bugs();
    let bless = blessing();
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let mut passed = 0;
    for input in &inputs {
        let name = format!("{dir}/{}", stem(input));
        let bug = bugs.get(&name);
        if bug.is_some() && skip_known_bugs() {
            continue;
        }
        let expected_path = input.with_file_name(format!("{}.expected", stem(input)));
        let expected = std::fs::read_to_string(&expected_path).ok();
        let outcome = produce(input);
        let failure = match (&outcome, &expected) {
            (Err(why), _) => Some(why.clone()),
            (Ok(got), Some(want)) if got == want => None,
            (Ok(got), _) if bless && bug.is_none() => {
                std::fs::write(&expected_path, got)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", expected_path.display()));
                eprintln!("blessed {name}");
                None
            }
            (Ok(got), Some(want)) => Some(format!(
                "the diagnostic differs.\n--- expected ({}):\n{want}\n--- got:\n{got}",
                label(&expected_path)
            )),
            (Ok(got), None) => Some(format!(
                "there is no {} (run with BLESS=1 and review it). Got:\n{got}",
                label(&expected_path)
            )),
        };
        match (failure, bug) {
            (None, None) => passed += 1,
            (None, Some(_)) => failures.push(format!(
                "==== {name}\nthis known bug is fixed: remove its line from tests/bad/KNOWN_BUGS"
            )),
            (Some(f), Some(why)) => known.push(format!("==== {name} [KNOWN BUG: {why}]\n{f}",)),
            (Some(f), None) => failures.push(format!("==== {name}\n{f}")),
        }
    }
    let total = failures.len() + known.len();
    if total > 0 {
        let mut all = failures;
        all.extend(known);
        panic!(
            "{total} bad-input case(s) under tests/bad/{dir} failed ({passed} passed):\n\n{}",
            all.join("\n\n")
        );
    }
}

#[test]
fn bad_rule_files_give_the_expected_diagnostics() {
    let dir = root().join("rules");
    let mut inputs = cases(&dir, "rules");
    inputs.extend(case_dirs(&dir));
    run("rules", inputs, compile_case);
}

fn schema() -> Program {
    let path = root().join("docs/schema.rules");
    let text = std::fs::read_to_string(&path).expect("tests/bad/docs/schema.rules");
    let mut sources = Sources::default();
    sources.add(label(&path), text);
    let shown = sources.clone();
    let compiled = compile(sources);
    assert!(
        compiled.diagnostics.is_empty(),
        "the schema rulebook must compile cleanly:\n{}",
        render_all(&shown, &compiled.diagnostics)
    );
    compiled.program.expect("a program")
}

#[test]
fn bad_documents_give_the_expected_diagnostics() {
    let program = schema();
    let dir = root().join("docs");
    run("docs", cases(&dir, "json"), |p| read_case(&program, p));
}

#[test]
fn every_case_has_an_expectation_and_every_expectation_a_case() {
    for (dir, ext) in [("rules", "rules"), ("docs", "json")] {
        let d = root().join(dir);
        for e in cases(&d, "expected") {
            let input = e.with_extension(ext);
            assert!(
                input.exists() || e.with_extension("").is_dir(),
                "{} has no {}",
                label(&e),
                label(&input)
            );
        }
    }
    let bugs = known_bugs();
    for case in bugs.keys() {
        let (dir, name) = case.split_once('/').expect("KNOWN_BUGS names dir/case");
        let ext = if dir == "docs" { "json" } else { "rules" };
        assert!(
            root().join(dir).join(format!("{name}.{ext}")).exists()
                || root().join(dir).join(name).is_dir(),
            "KNOWN_BUGS names {case}, which is not a case"
        );
    }
}

#[test]
fn crlf_line_endings_locate_like_lf() {
    let lf = [
        "rulebook crlf version \"0.1.0\"",
        "record Order { hours: hours }",
        "document order: Order",
        "rule r",
        "  title \"T\"",
        "  cite \"C\"",
        "  explain \"E\"",
        "  require order.hour <= 3 hours",
        "  message \"m\"",
        "",
    ]
    .join("\n");
    let crlf = lf.replace('\n', "\r\n");
    let render = |text: &str| {
        let mut sources = Sources::default();
        sources.add("crlf.rules", text);
        let shown = sources.clone();
        let compiled = compile(sources);
        assert!(compiled.program.is_none());
        render_all(&shown, &compiled.diagnostics)
    };
    let (a, b) = (render(&lf), render(&crlf));
    assert!(a.contains("--> crlf.rules:8:17"), "{a}");
    assert_eq!(a, b, "CRLF files must render exactly like LF files");
    assert!(
        !b.contains('\r'),
        "no carriage return in the rendering: {b:?}"
    );
}
