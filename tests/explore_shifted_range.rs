//! The explorer's lawful ranges are called exact only when every boundary a rule draws on the
//! field is among the values it tries. A field shifted by another value (`v.w - doc.m <= 14`)
//! has its boundary at 14 + m, which it does not try, so that rule is outside the fragment and
//! the range is not exact (a sum on the other side, `v.w <= doc.m + 14`, is solved on the draft
//! and exact: tests/explore_solved_range.rs). Found by the `explore` fuzz target: it called `at most 153` exact for
//! a document where every w above 30 breaks the rule.

use probity::explore::ParamRange;
use probity::ir::Program;
use serde_json::json;

mod support;

fn program(require: &str) -> Program {
    let text = format!(
        r#"rulebook shifted
  version "1"

variant Part {{
  w: int
  alpha {{ n: int }}
}}

record Doc {{
  m: int
  parts: list of Part
}}

document doc: Doc

rule over
  title "Within the margin"
  cite "test"
  for each alpha v1 in doc.parts
  require {require}
  message "too high"
"#
    );
    support::compile_text("shifted.rules", &text)
}

/// The range the explorer gives for `w` of a new `alpha` item, on a document with `m` = 16 and
/// no parts yet.
fn w_range(program: &Program) -> ParamRange {
    let alpha = support::offered(program, &json!({ "m": 16, "parts": [] }), "parts", "alpha");
    support::param_range(&alpha, "w")
}

/// Whether setting `w` on a new alpha item breaks the rule.
fn breaks(program: &Program, w: i64) -> bool {
    let doc = json!({ "m": 16, "parts": [{ "kind": "alpha", "w": w, "n": 0 }] });
    let report = probity::eval::check_json(program, &doc).expect("reads");
    report.findings.iter().any(|f| f.rule == "over")
}

#[test]
fn a_field_shifted_by_a_document_value_gives_a_range_that_is_not_exact() {
    let p = program("all(v2 in doc.parts: 14 >= (v2.w - doc.m))");
    assert!(!breaks(&p, 30), "30 - 16 = 14 is within the margin");
    assert!(breaks(&p, 31), "31 - 16 = 15 is past it");
    let range = w_range(&p);
    assert!(!range.exact, "called exact: {range:?}");
    assert!(range.outside_fragment.contains(&"over".to_string()));
}

#[test]
fn a_field_compared_with_the_shifted_value_is_exact_by_solving_it_on_the_draft() {
    // The boundary m + 14 = 30 is evaluated on the draft and tried (tests/explore_solved_range.rs).
    let p = program("v1.w <= doc.m + 14");
    assert!(!breaks(&p, 30));
    assert!(breaks(&p, 31));
    let range = w_range(&p);
    assert!(range.exact, "{range:?}");
    let top = range.lawful.last().and_then(|s| s.max.clone());
    assert_eq!(top, Some(json!(30)), "{range:?}");
}

#[test]
fn a_field_compared_with_a_constant_is_exact_and_its_bound_is_the_boundary() {
    let p = program("v1.w <= 30");
    assert!(!breaks(&p, 30));
    assert!(breaks(&p, 31));
    let range = w_range(&p);
    assert!(range.exact, "{range:?}");
    let top = range.lawful.last().and_then(|s| s.max.clone());
    assert_eq!(top, Some(json!(30)), "{range:?}");
}
