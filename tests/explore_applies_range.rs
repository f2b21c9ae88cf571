//! A field compared with a constant only in a routes table's `applies when` bounds the lawful
//! range of a new item as much as one compared in a row. The explorer read only the rows for
//! the constants to try, so it called `at most 38` exact for an item's `n` where every `n` above
//! 14 makes the table apply and find no row (found by the `explore` fuzz target).

use probity::explore::ParamRange;
use probity::ir::Program;
use serde_json::json;

mod support;

fn program() -> Program {
    let text = r#"rulebook applies
  version "1"

enum Out { red, amber }

variant Part {
  w: int
  alpha { n: int }
}

record Doc {
  n: int
  parts: list of Part
}

document doc: Doc

routes pick
  title "Pick"
  cite "test"
  explain "test"
  decides Out
  hit policy any
  applies when any(alpha p in doc.parts: 14 < p.n)
  when 6 <= doc.n <= 11 => red
  when 0 <= doc.n <= 3 => amber
"#;
    support::compile_text("applies.rules", text)
}

/// The range the explorer gives for `n` of a new `alpha` item, on a document with `n` = 100 (no
/// row of the table takes it) and no parts yet.
fn n_range(program: &Program) -> ParamRange {
    let alpha = support::offered(program, &json!({ "n": 100, "parts": [] }), "parts", "alpha");
    support::param_range(&alpha, "n")
}

/// Whether a new alpha item with this `n` leaves the document with an error.
fn unlawful(program: &Program, n: i64) -> bool {
    let doc = json!({ "n": 100, "parts": [{ "kind": "alpha", "w": 0, "n": n }] });
    let report = probity::eval::check_json(program, &doc).expect("reads");
    !report.findings.is_empty()
}

#[test]
fn a_bound_drawn_only_in_applies_when_ends_the_lawful_range() {
    let p = program();
    assert!(!unlawful(&p, 14), "14 leaves the table out");
    assert!(
        unlawful(&p, 15),
        "15 makes it apply, and no row takes n = 100"
    );
    let range = n_range(&p);
    assert!(range.exact, "{range:?}");
    let top = range.lawful.last().and_then(|s| s.max.clone());
    assert_eq!(top, Some(json!(14)), "{range:?}");
}
