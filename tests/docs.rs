//! Documentation that must stay true: every diagnostic code used in src/ is listed in
//! docs/DIAGNOSTICS.md.

use std::path::Path;

fn codes_in(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            codes_in(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("read file");
            for (i, _) in text.match_indices('"') {
                let rest = &text[i + 1..];
                let code: String = rest.chars().take(6).collect();
                let bytes = code.as_bytes();
                if code.len() == 6
                    && matches!(bytes[0], b'E' | b'W' | b'D' | b'R' | b'X')
                    && bytes[1..5].iter().all(u8::is_ascii_digit)
                    && bytes[5] == b'"'
                {
                    out.push(code[..5].to_string());
                }
            }
        }
    }
}

#[test]
fn every_diagnostic_code_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut codes = Vec::new();
    codes_in(&root.join("src"), &mut codes);
    codes.sort();
    codes.dedup();
    assert!(
        codes.len() > 40,
        "found only {} codes; is the scan broken?",
        codes.len()
    );
    let doc = std::fs::read_to_string(root.join("docs/DIAGNOSTICS.md")).expect("read docs");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !doc.contains(&format!("| {c} |")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes used in src/ but not in docs/DIAGNOSTICS.md: {missing:?}"
    );
}

/// docs/RULES.md is generated from the rulebooks (`probity rules --format markdown`), never
/// written by hand: this fails when a rulebook changed and the table was not regenerated.
#[test]
fn rules_table_is_generated_from_the_rulebooks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut books: Vec<_> = std::fs::read_dir(root.join("rules"))
        .expect("read rules/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    books.sort();
    let mut generated = String::from(RULES_HEADER);
    for book in &books {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_probity"))
            .current_dir(root)
            .args(["rules", "--format", "markdown"])
            .arg(book.strip_prefix(root).expect("relative"))
            .output()
            .expect("run probity rules");
        assert!(
            out.status.success(),
            "probity rules failed on {book:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        generated.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    let path = root.join("docs/RULES.md");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/RULES.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/RULES.md is out of date: run `BLESS=1 cargo test --test docs` to regenerate it"
    );
}

const RULES_HEADER: &str =
    "# Every shipped rule\n\nGenerated from `rules/*.rules` by `probity rules --format markdown` \
(regenerate with `BLESS=1 cargo test --test docs`; a test fails when it is stale).\n\n";

/// Every version of every shipped declaration says how its law was checked: `verified` with the
/// source read, or `unverified` with why (docs/LANGUAGE.md, "How the law was checked").
#[test]
fn every_shipped_rule_version_says_how_its_law_was_checked() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut books: Vec<_> = std::fs::read_dir(root.join("rules"))
        .expect("read rules/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    books.sort();
    let mut unstated = Vec::new();
    for book in &books {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_probity"))
            .current_dir(root)
            .args(["rules", "--format", "json"])
            .arg(book.strip_prefix(root).expect("relative"))
            .output()
            .expect("run probity rules");
        assert!(out.status.success(), "probity rules failed on {book:?}");
        let metas: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        for m in metas.as_array().expect("a list of declarations") {
            let note = m["verification"]["note"].as_str().unwrap_or_default();
            if note.trim().is_empty() {
                unstated.push(format!("{}: {}", book.display(), m["id"]));
            }
        }
    }
    assert!(
        unstated.is_empty(),
        "declarations that do not say how their law was checked: {unstated:#?}"
    );
}
