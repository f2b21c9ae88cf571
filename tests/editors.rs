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
