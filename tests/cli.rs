//! The command line, run as a user would run it: exit codes (0 clean, 1 findings or failed tests,
//! 2 bad input), located errors, and the JSON report. The rulebooks are the small ones in
//! tests/fixtures/, so these tests do not move when the shipped rulebooks change; the last two
//! tests check the shipped rulebooks in rules/ and the examples in tests/examples/.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `probity` from the crate root, so relative paths show up in its output as written here.
fn probity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_probity"))
        .args(args)
        .current_dir(crate_dir())
        .output()
        .expect("run probity")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Assert the exit code, showing everything probity printed when it is wrong.
fn expect_exit(o: &Output, code: i32, what: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "{what}: expected exit code {code}\n--- stdout:\n{}\n--- stderr:\n{}",
        stdout(o),
        stderr(o)
    );
}

const RULES: &str = "tests/fixtures/orders.rules";

#[test]
fn bad_rule_text_exits_2_with_a_located_error() {
    let o = probity(&[
        "check",
        "tests/fixtures/bad_syntax.rules",
        "tests/fixtures/lawful.json",
    ]);
    expect_exit(&o, 2, "check with a syntax error in the rules");
    let err = stderr(&o);
    assert!(err.contains("error[E0004]"), "{err}");
    assert!(
        err.contains("--> tests/fixtures/bad_syntax.rules:12:26"),
        "the error must name file, line and column:\n{err}"
    );
    assert!(err.contains("{order.hours of unpaid work."), "{err}");
    assert!(err.contains("1 error in the rule files"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing is reported: {}", stdout(&o));
}

#[test]
fn rule_type_error_exits_2_with_a_located_error() {
    let o = probity(&[
        "check",
        "tests/fixtures/bad_type.rules",
        "tests/fixtures/lawful.json",
    ]);
    expect_exit(&o, 2, "check with a unit error in the rules");
    let err = stderr(&o);
    assert!(err.contains("error[E0203]"), "{err}");
    assert!(
        err.contains("--> tests/fixtures/bad_type.rules:11:11"),
        "the error must name file, line and column:\n{err}"
    );
    assert!(err.contains("^"), "a caret excerpt:\n{err}");
}

#[test]
fn bad_rule_text_exits_2_for_test_and_rules_too() {
    for cmd in ["test", "rules"] {
        let o = probity(&[cmd, "tests/fixtures/bad_syntax.rules"]);
        expect_exit(&o, 2, cmd);
        assert!(
            stderr(&o).contains("tests/fixtures/bad_syntax.rules:12:26"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn bad_document_exits_2_with_its_json_path() {
    let o = probity(&["check", RULES, "tests/fixtures/bad_document.json"]);
    expect_exit(&o, 2, "check of a document that does not fit the schema");
    let err = stderr(&o);
    assert!(err.contains("error[D0002]"), "{err}");
    assert!(
        err.contains("requirements[0].hours"),
        "the error must give the JSON path:\n{err}"
    );
    assert!(err.contains("tests/fixtures/bad_document.json"), "{err}");
    assert!(err.contains("nothing was checked"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing is reported: {}", stdout(&o));
}

#[test]
fn document_that_is_not_json_exits_2() {
    let o = probity(&["check", RULES, "tests/fixtures/not_json.json"]);
    expect_exit(&o, 2, "check of a document that is not JSON");
    let err = stderr(&o);
    assert!(err.contains("error[D0001]"), "{err}");
    assert!(err.contains("line 2"), "the error must say where:\n{err}");
}

#[test]
fn missing_files_exit_2() {
    let o = probity(&["check", RULES, "tests/fixtures/no_such_document.json"]);
    expect_exit(&o, 2, "check of a missing document");
    assert!(stderr(&o).contains("cannot read tests/fixtures/no_such_document.json"));
    let o = probity(&["test", "tests/fixtures/no_such_rules.rules"]);
    expect_exit(&o, 2, "test of a missing rule file");
    assert!(stderr(&o).contains("cannot read tests/fixtures/no_such_rules.rules"));
}

#[test]
fn unlawful_document_exits_1_with_findings() {
    let o = probity(&["check", RULES, "tests/fixtures/unlawful.json"]);
    expect_exit(&o, 1, "check of an unlawful document");
    let out = stdout(&o);
    assert!(out.contains("UNLAWFUL"), "{out}");
    assert!(out.contains("curfew-daily-max"), "{out}");
    assert!(out.contains("requirements[1].hours_per_day"), "{out}");
    assert!(
        out.contains("Sentencing Act 2020, Sch. 9, para 9(4)(b)"),
        "{out}"
    );
    assert!(
        out.contains("this one lasts 21 hours"),
        "the message has its value filled in:\n{out}"
    );
    assert!(!out.contains("upw-max"), "200 hours is lawful:\n{out}");
}

#[test]
fn lawful_document_exits_0() {
    let o = probity(&["check", RULES, "tests/fixtures/lawful.json"]);
    expect_exit(&o, 0, "check of a lawful document");
    let out = stdout(&o);
    assert!(out.contains("lawful: no findings"), "{out}");
    assert!(out.contains("route case-manager"), "{out}");
    assert!(out.contains("value review-date"), "{out}");
}

fn json_report(doc: &str) -> (Output, serde_json::Value) {
    let o = probity(&["check", RULES, doc, "--format", "json"]);
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "--format json must print JSON ({e}):\n{}\n--- stderr:\n{}",
            stdout(&o),
            stderr(&o)
        )
    });
    (o, v)
}

#[test]
fn json_report_has_findings_paths_cites_traces_and_hashes() {
    let (o, report) = json_report("tests/fixtures/unlawful.json");
    expect_exit(&o, 1, "check --format json of an unlawful document");

    let findings = report["findings"].as_array().expect("findings is a list");
    assert!(!findings.is_empty(), "{report:#}");
    for f in findings {
        assert!(f["rule"].is_string(), "finding without rule: {f:#}");
        assert!(f["paths"].is_array(), "finding without paths: {f:#}");
        assert!(f["cite"].is_string(), "finding without cite: {f:#}");
        assert!(f["trace"].is_array(), "finding without trace: {f:#}");
    }
    let curfew = findings
        .iter()
        .find(|f| f["rule"] == "curfew-daily-max")
        .unwrap_or_else(|| panic!("no curfew-daily-max finding: {report:#}"));
    assert_eq!(
        curfew["paths"],
        serde_json::json!(["requirements[1].hours_per_day"]),
        "{curfew:#}"
    );
    assert_eq!(curfew["cite"], "Sentencing Act 2020, Sch. 9, para 9(4)(b)");
    assert!(
        !curfew["trace"].as_array().expect("trace").is_empty(),
        "the trace says why: {curfew:#}"
    );

    let books = report["rulebooks"].as_array().expect("rulebooks is a list");
    assert_eq!(books.len(), 1, "{report:#}");
    let text = std::fs::read(crate_dir().join(RULES)).expect("read the rulebook");
    let want = format!("{:x}", Sha256::digest(&text));
    assert_eq!(
        books[0]["sha256"], want,
        "the hash is the SHA-256 of the rule file"
    );
    assert_eq!(books[0]["name"], "cli_orders");
    assert_eq!(books[0]["version"], "0.1.0");
}

#[test]
fn json_report_of_a_lawful_document_has_no_findings() {
    let (o, report) = json_report("tests/fixtures/lawful.json");
    expect_exit(&o, 0, "check --format json of a lawful document");
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["verdict"], "clean", "{report:#}");
    let hash = report["rulebooks"][0]["sha256"].as_str().expect("a hash");
    assert_eq!(hash.len(), 64, "{hash}");
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{hash}");
}

#[test]
fn rule_tests_pass_and_say_so() {
    let o = probity(&["test", RULES]);
    expect_exit(&o, 0, "test of a rulebook whose tests pass");
    assert!(stdout(&o).contains("3 passed, 0 failed"), "{}", stdout(&o));
}

#[test]
fn a_failing_rule_test_exits_1() {
    let o = probity(&["test", RULES, "tests/fixtures/failing_test.rules"]);
    expect_exit(&o, 1, "test with one failing test");
    let out = stdout(&o);
    assert!(out.contains("3 passed, 1 failed"), "{out}");
    assert!(
        out.contains("FAILED tests/fixtures/failing_test.rules:5:"),
        "the failure names its file and line:\n{out}"
    );
    assert!(
        out.contains("this test expects a finding that a lawful order does not give"),
        "{out}"
    );
}

#[test]
fn rules_lists_every_declaration_with_its_citation() {
    let o = probity(&["rules", RULES]);
    expect_exit(&o, 0, "rules");
    let out = stdout(&o);
    for id in ["upw-max", "curfew-daily-max", "case-manager", "review-date"] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    assert!(out.contains("from 2022-06-28"), "{out}");
    assert!(out.contains("Offender Management Act 2007, s.3"), "{out}");
}

// ---------------------------------------------------------------- the shipped rulebooks

fn shipped_rulebooks() -> Vec<PathBuf> {
    let mut books: Vec<PathBuf> = std::fs::read_dir(crate_dir().join("rules"))
        .expect("rules/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .collect();
    books.sort();
    books
}

fn relative(p: &Path) -> String {
    p.strip_prefix(crate_dir())
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_shipped_rulebook_passes_its_own_tests() {
    let books = shipped_rulebooks();
    assert!(!books.is_empty(), "no rulebooks in rules/");
    for book in books {
        let path = relative(&book);
        let o = probity(&["test", &path]);
        expect_exit(&o, 0, &format!("probity test {path}"));
    }
}

/// The rulebook an example is for: the one whose document name or file name its name starts
/// with (`order_lawful.json` -> the rulebook with `document order: ...`).
fn rulebook_for(example: &Path, books: &[PathBuf]) -> Option<PathBuf> {
    let name = example.file_stem()?.to_str()?;
    let prefix = name.split('_').next()?;
    books
        .iter()
        .find(|b| {
            let text = std::fs::read_to_string(b).unwrap_or_default();
            text.lines()
                .any(|l| l.trim_start().starts_with(&format!("document {prefix}:")))
        })
        .or_else(|| {
            books.iter().find(|b| {
                b.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s.starts_with(prefix))
            })
        })
        .cloned()
}

#[test]
fn every_example_document_fits_its_rulebook() {
    let books = shipped_rulebooks();
    let mut examples: Vec<PathBuf> = std::fs::read_dir(crate_dir().join("tests/examples"))
        .expect("tests/examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    examples.sort();
    assert!(!examples.is_empty(), "no examples in tests/examples/");
    for ex in examples {
        let book = rulebook_for(&ex, &books)
            .unwrap_or_else(|| panic!("no rulebook in rules/ for {}", ex.display()));
        let (book, ex) = (relative(&book), relative(&ex));
        let o = probity(&["check", &book, &ex]);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "probity check {book} {ex} exited {:?}:\n{}{}",
            o.status.code(),
            stdout(&o),
            stderr(&o)
        );
    }
}

/// `probity compile` writes the module tests/plan.rs compiles (stdout and `-o` agree), and
/// refuses bad rule text and an unwritable output as bad input.
#[test]
fn compile_writes_rust_and_refuses_bad_input() {
    let o = probity(&["compile", RULES]);
    expect_exit(&o, 0, "compile a fixture rulebook");
    let rust = stdout(&o);
    assert!(rust.contains("pub const MODULE: Module"), "{rust}");
    assert!(rust.contains("pub fn decide(run: &mut Run<'_, '_>) -> usize"));
    assert!(
        rust.contains(&format!("({RULES})")),
        "the header names the source"
    );

    let dir = std::env::temp_dir().join(format!("probity-compile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("orders.rs");
    let out_arg = out.to_string_lossy().into_owned();
    let o = probity(&["compile", RULES, "-o", &out_arg]);
    expect_exit(&o, 0, "compile to a file");
    assert_eq!(
        std::fs::read_to_string(&out).ok().as_deref(),
        Some(rust.as_str())
    );

    let o = probity(&["compile", "tests/fixtures/bad_syntax.rules"]);
    expect_exit(&o, 2, "compile bad rule text");
    assert!(stderr(&o).contains("--> tests/fixtures/bad_syntax.rules:12:26"));
    assert!(stdout(&o).is_empty());

    let missing = dir.join("no/such/dir/x.rs");
    let o = probity(&["compile", RULES, "-o", &missing.to_string_lossy()]);
    expect_exit(&o, 2, "compile to a folder that does not exist");
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn warnings_alone_exit_0_unless_denied() {
    let args = [
        "check",
        "rules/commissioning_plan.rules",
        "tests/examples/plan_overlap.json",
        "--format",
        "json",
    ];
    let o = probity(&args);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("a JSON report");
    assert_eq!(
        report["verdict"], "warnings",
        "the example has warnings only"
    );
    expect_exit(&o, 0, "warnings only");
    let denied = probity(&[&args[..], &["--deny-warnings"]].concat());
    expect_exit(&denied, 1, "warnings with --deny-warnings");
    // An error always fails.
    let o = probity(&[
        "check",
        "rules/community_orders.rules",
        "tests/examples/order_unlawful_curfew.json",
    ]);
    expect_exit(&o, 1, "an error finding");
}
