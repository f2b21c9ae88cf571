//! The faces (the CLI, the WASM face and its explorer) reach the library only through its one
//! door, `api`: a face that imports a stage directly (`check`, `eval`, `doc`, ...) fails here.

use std::path::Path;

const FACES: [&str; 5] = [
    "src/bin/probity.rs",
    "src/wasm.rs",
    "src/wasm_explore.rs",
    "src/lsp/mod.rs",
    "src/lsp/frames.rs",
];

/// The crate paths a face's text names (`crate::eval::check`, `probity::doc::read`), as the
/// module right after the crate: `eval`, `doc`.
fn modules_named(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for root in ["crate::", "probity::"] {
            for (i, _) in code.match_indices(root) {
                let before = code[..i].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &code[i + root.len()..];
                let first = |s: &str| -> String {
                    s.trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect()
                };
                match rest.strip_prefix('{') {
                    // `probity::{api, doc}`: every module of the group.
                    Some(group) => {
                        let group = group.split('}').next().unwrap_or("");
                        out.extend(group.split(',').map(|m| (n + 1, first(m))));
                    }
                    None => out.push((n + 1, first(rest))),
                }
            }
        }
    }
    out
}

#[test]
fn faces_import_the_library_only_through_api() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    for face in FACES {
        let text = std::fs::read_to_string(root.join(face)).expect("read a face");
        // The WASM faces may name each other (the explorer takes the face's Rulebook), and the
        // command line starts the language server.
        let allowed = ["api", "wasm", "lsp"];
        for (line, module) in modules_named(&text) {
            if !allowed.contains(&module.as_str()) {
                wrong.push(format!("{face}:{line}: {module}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "faces must go through probity::api, not a stage directly:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_itself_catches_a_stage_import() {
    let named = modules_named("use crate::eval::check;\nuse probity::{api, doc};\n// crate::doc in a comment\nlet x = probity::api::Session::compile(f);");
    let modules: Vec<&str> = named.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(modules, ["eval", "api", "doc", "api"]);
}
