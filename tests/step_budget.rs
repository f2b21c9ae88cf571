//! The step budget (`eval::STEP_LIMIT`, R0003): a declaration whose quantifiers are nested over
//! long lists is not evaluated past the limit, and says so, by the reference evaluator and the
//! compiled plan alike; the other declarations are decided as usual. The page runs the same
//! library code (`eval::check` through the WASM face), so the diagnostic reaches it the same way.

use probity::diag::Sources;
use probity::eval::{check, decide, Plan, STEP_LIMIT};
use probity::ir::Program;
use serde_json::json;

const RULES: &str = r#"rulebook budget
  version "1"

record Item { n: int }
record Doc { xs: list of Item, ys: list of Item }
document doc: Doc

rule distinct
  title "No number in both lists"
  cite "test"
  for each a in doc.xs
  require all(b in doc.ys: a.n != b.n)
  message "{a.n} is in both lists"

rule small-numbers
  title "Small numbers"
  cite "test"
  require all(x in doc.xs: x.n < 1000000)
  message "too big"
"#;

fn program() -> Program {
    let mut s = Sources::default();
    s.add("budget.rules", RULES);
    probity::check::compile(s).program.expect("compiles")
}

/// `n` items in each list, all different, so the nested rule is clean when evaluated.
fn document(program: &Program, n: usize, big: bool) -> probity::ir::Value {
    let xs: Vec<_> = (0..n)
        .map(|i| json!({ "n": if big && i == 0 { 5_000_000 } else { i as i64 } }))
        .collect();
    let ys: Vec<_> = (0..n).map(|i| json!({ "n": -1 - i as i64 })).collect();
    probity::doc::read(program, &json!({ "xs": xs, "ys": ys })).expect("reads")
}

/// The rule visits n * (1 + n) items: 3,161 each is within 10,000,000, 3,162 is not.
#[test]
fn nested_quantifiers_over_two_long_lists_stop_at_the_limit_with_a_diagnostic() {
    assert_eq!(STEP_LIMIT, 10_000_000);
    let p = program();
    let within = document(&p, 3161, true);
    let report = check(&p, &within);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["small-numbers"]);

    let over = document(&p, 3162, true);
    let report = check(&p, &over);
    let codes: Vec<&str> = report.errors.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["R0003"], "{:?}", report.errors);
    assert!(report.errors[0]
        .message
        .contains("`distinct` was not evaluated"));
    assert!(report.errors[0].message.contains("10000000"));
    assert_eq!(report.verdict, probity::report::Verdict::Errors);
    // The other rule is still decided.
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["small-numbers"]);
}

#[test]
fn the_plan_stops_exactly_where_the_reference_evaluator_does() {
    let p = program();
    let plan = Plan::new(&p);
    for n in [10, 3161, 3162, 5000] {
        let doc = document(&p, n, false);
        let reference = decide(&p, &doc);
        assert!(plan.decide(&doc) == reference, "{n} items");
        assert_eq!(reference.errors.len(), usize::from(n > 3161), "{n} items");
    }
}
