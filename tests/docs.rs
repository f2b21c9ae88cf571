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
                    && matches!(bytes[0], b'E' | b'W' | b'D' | b'R')
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
