//! `probity fmt` on every rule file in the repository: changes whitespace only, is idempotent,
//! and leaves the rule tests' outcome unchanged.

use probity::diag::Sources;
use std::path::{Path, PathBuf};

fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rule_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rules") {
            out.push(path);
        }
    }
}

fn no_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn test_outcome(name: &str, text: &str) -> Option<(usize, usize)> {
    let mut sources = Sources::default();
    sources.add(name, text);
    let program = probity::check::compile(sources).program?;
    let run = probity::eval::run_tests(&program);
    Some((run.passed, run.failed))
}

#[test]
fn formatting_changes_only_whitespace_and_is_idempotent() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rule_files(&root.join("rules"), &mut files);
    rule_files(&root.join("tests"), &mut files);
    assert!(!files.is_empty());
    let mut formatted_any = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        let Ok(once) = probity::syntax::format(0, &text) else {
            // Files that do not parse (the bad-input corpus) are refused, never mangled.
            assert!(
                probity::syntax::parse_file(0, &text).is_err(),
                "{path:?} parses but does not format"
            );
            continue;
        };
        formatted_any += 1;
        assert_eq!(
            no_whitespace(&once),
            no_whitespace(&text),
            "{path:?}: fmt changed more than whitespace"
        );
        let twice = probity::syntax::format(0, &once).expect("formatted text parses");
        assert_eq!(twice, once, "{path:?}: fmt is not idempotent");
        let name = path.display().to_string();
        assert_eq!(
            test_outcome(&name, &once),
            test_outcome(&name, &text),
            "{path:?}: fmt changed the rule tests' outcome"
        );
    }
    assert!(formatted_any >= 3);
}
