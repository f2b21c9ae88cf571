//! The compiled binary form (`probity compile --binary`, src/compiled.rs) against the rule text
//! it was built from: for every shipped rulebook, the binary the CLI writes loads back to a
//! rulebook that gives the same reports on every example and test document, the same listings
//! and the same rule-test results as compiling the text; and a text it was not built from is
//! refused (E0008's message), also when the text's SHA-256 is given by the caller (the page).

use probity::api::{Language, Session};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

#[test]
fn every_shipped_rulebook_loads_from_its_binary_and_answers_as_its_text_does() {
    let dir = std::env::temp_dir().join(format!("probity-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files: Vec<_> = std::fs::read_dir("rules")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for file in files {
        let name = file.to_string_lossy().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let out = dir.join(format!(
            "{}.bin",
            Path::new(&name).file_name().unwrap().to_string_lossy()
        ));
        let status = Command::new(env!("CARGO_BIN_EXE_probity"))
            .args(["compile", "--binary", "-o"])
            .arg(&out)
            .arg(&name)
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
        let binary = std::fs::read(&out).unwrap();

        let from_text = Session::compile([(name.clone(), text.clone())])
            .session
            .expect("the shipped rulebook compiles");
        let loaded = Session::load_compiled(&binary, &[(name.clone(), text.clone())])
            .unwrap_or_else(|e| panic!("{name}: {e}"));

        assert_eq!(json(loaded.info()), json(from_text.info()), "{name}");
        assert_eq!(json(&loaded.schema()), json(&from_text.schema()), "{name}");
        assert_eq!(json(&loaded.rules()), json(&from_text.rules()), "{name}");
        assert_eq!(json(&loaded.routes()), json(&from_text.routes()), "{name}");
        assert_eq!(
            json(&loaded.run_tests()),
            json(&from_text.run_tests()),
            "{name}"
        );
        let mut documents: Vec<String> = from_text
            .examples()
            .iter()
            .map(|e| e.document.to_string())
            .collect();
        documents.extend(
            from_text
                .program()
                .tests
                .iter()
                .map(|t| t.document.to_string()),
        );
        assert!(!documents.is_empty(), "{name}");
        for doc in &documents {
            assert_eq!(
                json(&loaded.check_text(doc)),
                json(&from_text.check_text(doc)),
                "{name}: {doc}"
            );
        }

        // In Welsh too: the binary carries the text in the language not shown.
        let (mut loaded, mut from_text) = (loaded, from_text);
        loaded.set_language(Language::Welsh);
        from_text.set_language(Language::Welsh);
        assert_eq!(json(&loaded.schema()), json(&from_text.schema()), "{name}");
        assert_eq!(json(&loaded.rules()), json(&from_text.rules()), "{name}");
        for doc in &documents {
            assert_eq!(
                json(&loaded.check_text(doc)),
                json(&from_text.check_text(doc)),
                "{name}: {doc}"
            );
        }

        // One byte more in the text: refused, saying the build is stale.
        let e = Session::load_compiled(&binary, &[(name.clone(), format!("{text} "))])
            .err()
            .expect("a stale binary is refused");
        assert!(e.contains("does not match its rule text"), "{e}");

        // With the texts' SHA-256 computed by the caller (the page's `crypto.subtle.digest`,
        // here sha2 itself): the same rulebook, and the same refusal in the same words.
        let digest = |t: &str| format!("{:x}", Sha256::digest(t.as_bytes()));
        let mut hashed = Session::load_compiled_with_sha256(
            &binary,
            &[(name.clone(), text.clone())],
            &[digest(&text).to_uppercase()],
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        hashed.set_language(Language::Welsh); // as `from_text` is by now
        assert_eq!(json(hashed.info()), json(from_text.info()), "{name}");
        assert_eq!(json(&hashed.rules()), json(&from_text.rules()), "{name}");
        let stale = format!("{text} ");
        let e2 = Session::load_compiled_with_sha256(
            &binary,
            &[(name.clone(), stale.clone())],
            &[digest(&stale)],
        )
        .err()
        .expect("a stale binary is refused given the stale text's digest");
        assert_eq!(e2, e, "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The page's lint module has no compiler: the editor hands it the program in its binary form
/// (`Session::to_binary`, `compiledForm` in the editor's WASM module) with the text. Every rule
/// file of the lint corpus (the `let`s the analysis across declarations reads, the tables whose
/// merge fixes quote rule text) lints the same loaded from its binary as compiled from its text,
/// in English and in Welsh.
#[test]
fn the_lint_corpus_lints_the_same_from_its_binary_as_from_its_text() {
    let mut files: Vec<_> = std::fs::read_dir("tests/lint")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    let mut with_lets = 0;
    for file in files {
        let name = file.to_string_lossy().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let Some(mut from_text) = Session::compile([(name.clone(), text.clone())]).session else {
            continue;
        };
        if !from_text.program().lets.is_empty() {
            with_lets += 1;
        }
        let binary = from_text.to_binary().unwrap();
        let mut loaded = Session::load_compiled(&binary, &[(name.clone(), text.clone())])
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            json(&probity::api::LintView::from(loaded.lint())),
            json(&probity::api::LintView::from(from_text.lint())),
            "{name}"
        );
        loaded.set_language(Language::Welsh);
        from_text.set_language(Language::Welsh);
        assert_eq!(
            json(&probity::api::LintView::from(loaded.lint())),
            json(&probity::api::LintView::from(from_text.lint())),
            "{name} in Welsh"
        );
    }
    assert!(with_lets > 0, "no file of the corpus has a `let`");
}
