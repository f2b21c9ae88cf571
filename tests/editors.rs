//! The TextMate grammar shipped for editors knows every keyword of the real grammar.

use std::path::Path;

#[test]
fn textmate_grammar_highlights_every_keyword() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pest = std::fs::read_to_string(root.join("grammar/probity.pest")).expect("grammar");
    let tm = std::fs::read_to_string(root.join("docs/editors/probity.tmLanguage.json"))
        .expect("tmLanguage");
    let json: serde_json::Value = serde_json::from_str(&tm).expect("the TextMate grammar is JSON");
    assert_eq!(json["scopeName"], "source.probity");
    let patterns = json["patterns"].to_string();
    let mut missing = Vec::new();
    for (i, _) in pest.match_indices('"') {
        let word: String = pest[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        let closes = pest[i + 1 + word.len()..].starts_with('"');
        if word.len() > 1
            && closes
            && !patterns.contains(&format!("|{word}|"))
            && !patterns.contains(&format!("({word}|"))
            && !patterns.contains(&format!("|{word})"))
        {
            missing.push(word);
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "keywords of grammar/probity.pest missing from the TextMate grammar: {missing:?}"
    );
}

/// The VS Code extension names the grammar its build copies in, starts `probity lsp`, and its
/// build script makes the `.vsix` with npm's vsce.
#[test]
fn vscode_extension_starts_the_language_server() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editors/vscode");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("a file of the extension");
    let package: serde_json::Value =
        serde_json::from_str(&read("package.json")).expect("package.json is JSON");
    assert_eq!(package["main"], "./extension.js");
    assert_eq!(
        package["contributes"]["languages"][0]["extensions"][0],
        ".rules"
    );
    assert_eq!(
        package["contributes"]["grammars"][0]["path"],
        "./syntaxes/probity.tmLanguage.json"
    );
    assert!(package["dependencies"]["vscode-languageclient"].is_string());
    let build = read("build.sh");
    assert!(build.contains("cp ../probity.tmLanguage.json syntaxes/"));
    assert!(build.contains("vsce package"));
    let client = read("extension.js");
    assert!(client.contains("args: [\"lsp\"]"));
    let config: serde_json::Value = serde_json::from_str(&read("language-configuration.json"))
        .expect("the language configuration is JSON");
    assert_eq!(config["comments"]["lineComment"], "//");
}
