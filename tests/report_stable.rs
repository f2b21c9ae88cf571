//! The Report is stable: its JSON, byte for byte, for every example document (against every
//! shipped rulebook whose schema reads it), every rule-test document of every shipped rulebook,
//! and the whole generated benchmark workload (against the benchmark subsets and the shipped
//! rulebooks) equals what `tests/report_stable/golden.jsonl` recorded. Changes to how a report
//! is *built* (speed, allocation) must not change a byte of what it *says*.
//!
//! The examples and rule tests are kept in full, one JSON line each; each workload is kept as
//! a SHA-256 of its reports' lines (set `REPORT_STABLE_DUMP=dir` to write them out in full).
//! `BLESS=1 cargo test --test report_stable` rewrites the golden file (review the diff by eye).

mod support;
#[path = "../benches/workload/mod.rs"]
mod workload;

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use support::files;
use workload::{compile_files, Kind, SEED, WORKLOAD};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn golden_path() -> PathBuf {
    crate_dir().join("tests/report_stable/golden.jsonl")
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

fn label(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(p)
        .to_string_lossy()
        .trim_start_matches('/')
        .replace('\\', "/")
}

/// One golden line: where the document came from and its report (or the refusal), the report
/// exactly as `serde_json::to_string` writes it (field order included).
fn line(
    rulebook: &str,
    source: &str,
    program: &probity::ir::Program,
    doc: &serde_json::Value,
) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("a string serialises");
    format!(
        "{{\"rulebook\":{},\"source\":{},\"report\":{}}}",
        q(rulebook),
        q(source),
        report_text(program, doc)
    )
}

/// The report of one document, serialised directly (the exact bytes a face would see).
fn report_text(program: &probity::ir::Program, doc: &serde_json::Value) -> String {
    match probity::eval::check_json(program, doc) {
        Ok(r) => serde_json::to_string(&r).expect("a report serialises"),
        Err(diags) => serde_json::json!({
            "refused": diags.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
        })
        .to_string(),
    }
}

fn all_lines() -> Vec<String> {
    let books = files(&crate_dir().join("rules"), "rules");
    assert!(!books.is_empty(), "no rulebooks in rules/");
    let programs: Vec<(String, probity::ir::Program)> = books
        .iter()
        .map(|b| (label(b), compile_files(std::slice::from_ref(b))))
        .collect();
    let examples = files(&crate_dir().join("tests/examples"), "json");
    assert!(!examples.is_empty(), "no examples in tests/examples/");
    let mut out = Vec::new();
    // Every example against every rulebook that reads it.
    for ex in &examples {
        let text = std::fs::read_to_string(ex).expect("example text");
        let doc: serde_json::Value = serde_json::from_str(&text).expect("example JSON");
        let mut read = 0;
        for (name, program) in &programs {
            if probity::doc::read(program, &doc).is_ok() {
                read += 1;
                out.push(line(name, &label(ex), program, &doc));
            }
        }
        assert!(read > 0, "no rulebook reads {}", ex.display());
    }
    // Every rule-test document of every rulebook.
    for (name, program) in &programs {
        assert!(!program.tests.is_empty(), "{name} has no tests");
        for t in &program.tests {
            out.push(line(
                name,
                &format!("test {}", t.name),
                program,
                &t.document,
            ));
        }
    }
    // The benchmark workload, against its subset and the shipped rulebook.
    let dump = std::env::var_os("REPORT_STABLE_DUMP").map(PathBuf::from);
    for kind in Kind::ALL {
        let docs = kind.generate(SEED, WORKLOAD);
        for path in [kind.subset_path(), kind.shipped_path()] {
            let program = compile_files(std::slice::from_ref(&path));
            let mut hash = Sha256::new();
            let mut all = String::new();
            for doc in &docs {
                let r = report_text(&program, doc);
                hash.update(r.as_bytes());
                hash.update(b"\n");
                if dump.is_some() {
                    all.push_str(&r);
                    all.push('\n');
                }
            }
            let name = label(&path);
            if let Some(dir) = &dump {
                let file = dir.join(format!("{}.jsonl", name.replace('/', "_")));
                std::fs::write(&file, all).expect("write dump");
            }
            let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
            out.push(
                serde_json::json!({
                    "rulebook": name,
                    "source": format!("workload {} seed {SEED:#x} x{WORKLOAD}", kind.name()),
                    "sha256": digest,
                })
                .to_string(),
            );
        }
    }
    out
}

#[test]
fn reports_are_byte_identical_to_the_golden_file() {
    let got = all_lines();
    let path = golden_path();
    if blessing() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dir");
        let mut text = got.join("\n");
        text.push('\n');
        std::fs::write(&path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("blessed {} ({} lines)", path.display(), got.len());
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (BLESS=1 cargo test --test report_stable writes it)",
            path.display()
        )
    });
    let want: Vec<&str> = want.lines().collect();
    let mut failures = Vec::new();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        if g != w {
            failures.push(format!("line {}:\n  want {w}\n  got  {g}", i + 1));
        }
    }
    if got.len() != want.len() {
        failures.push(format!("{} lines, want {}", got.len(), want.len()));
    }
    assert!(
        failures.is_empty(),
        "reports differ from {}:\n{}",
        path.display(),
        failures.join("\n")
    );
}
