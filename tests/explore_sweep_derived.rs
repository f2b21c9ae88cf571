//! The decomposed sweep checks derived values too: a derived value whose evaluation fails (an
//! overflow on numbers near i64::MAX) is an `evaluation-error` in every combination where
//! checking in full meets it, and only there. Found by the `explore` fuzz target: the sweep
//! left derived values out of the sub-programs it checked, so it counted such an error in no
//! combination where checking every combination counted it in all of them. An error that more
//! than one kind of declaration meets (a derived value and a rule) is counted once per
//! combination, as checking in full counts it.

use probity::diag::Sources;
use probity::explore::{Explorer, EVAL_ERROR};
use probity::ir::Program;
use serde_json::json;

fn program(declarations: &str) -> Program {
    let text = format!(
        r#"rulebook derived
  version "1"

variant Part {{
  w: int
  alpha {{ n: int }}
  beta {{ ok: bool }}
  gamma {{ k: int }}
}}

record Doc {{
  m: int
  parts: list of Part
}}

document doc: Doc
{declarations}"#
    );
    let mut s = Sources::default();
    s.add("derived.rules", text.as_str());
    match probity::check::compile(s.clone()).program {
        Some(p) => p,
        None => panic!("does not compile:\n{text}"),
    }
}

/// The sweep and checking every combination give the same counts; the count of combinations
/// with an evaluation error.
fn agree(program: &Program, m: i64) -> u64 {
    let ex = Explorer::new(program, Some("parts")).expect("explores parts");
    let doc = probity::doc::read(program, &json!({ "m": m, "parts": [] })).expect("reads");
    let fast = ex.sweep(&doc, None).expect("sweeps");
    let direct = ex.sweep_direct(&doc, None).expect("sweeps directly");
    assert_eq!(
        (fast.combinations, fast.lawful, &fast.reasons),
        (direct.combinations, direct.lawful, &direct.reasons),
        "the sweep (left) and checking every combination (right) differ for m = {m}"
    );
    fast.reasons
        .iter()
        .find(|r| r.rule == EVAL_ERROR)
        .map_or(0, |r| r.combinations)
}

const DOUBLED: &str = r#"
derive twice
  title "Twice m"
  cite "test"
  value doc.m + doc.m
"#;

#[test]
fn a_derived_value_that_fails_fails_in_every_combination() {
    let p = program(DOUBLED);
    assert_eq!(agree(&p, i64::MAX), 8, "all 2^3 combinations");
    assert_eq!(agree(&p, 1), 0);
}

#[test]
fn a_derived_value_over_the_list_fails_where_its_items_overflow() {
    // Fails only when the alpha item (w = its default) is there and m is near the top.
    let p = program(
        r#"
derive with_alpha
  title "m plus the alpha items"
  cite "test"
  value doc.m + count(v in doc.parts where v is alpha) * doc.m
"#,
    );
    assert_eq!(agree(&p, i64::MAX), 4, "the four combinations with alpha");
    assert_eq!(agree(&p, 7), 0);
}

#[test]
fn an_error_met_by_a_rule_and_a_derived_value_is_counted_once() {
    // The rule overflows with the beta item; the derived value with the alpha item: the
    // combinations with either are 8 - 2 = 6, not 4 + 4.
    let p = program(
        r#"
rule beta_overflows
  title "Beta"
  cite "test"
  for each beta v in doc.parts
  require doc.m + doc.m > 0
  message "no"

derive with_alpha
  title "m plus the alpha items"
  cite "test"
  value doc.m + count(v in doc.parts where v is alpha) * doc.m
"#,
    );
    assert_eq!(agree(&p, i64::MAX), 6);
    // A constant derived value that fails, and a rule that fails with the gamma item: 8, not
    // 8 + 4.
    let both = format!(
        "{DOUBLED}{}",
        r#"
rule gamma_overflows
  title "Gamma"
  cite "test"
  for each gamma v in doc.parts
  require doc.m + 1 > 0
  message "no"
"#
    );
    assert_eq!(agree(&program(&both), i64::MAX), 8);
}
