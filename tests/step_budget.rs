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
        .contains("“No number in both lists” was not evaluated"));
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

/// Quantifiers nested `depth` deep over one list: `any(a1 in doc.xs: any(a2 in doc.xs: ...
/// a1.n == a2.n + ...))`, false for every choice of items, so nothing short-circuits.
fn nested_rulebook(depth: usize) -> Program {
    let mut cond = String::from("count(y in doc.ys) > 0");
    for level in (1..=depth).rev() {
        cond = format!("any(a{level} in doc.xs: a{level}.n < 0 and {cond})");
    }
    let text = format!(
        "rulebook nested\n  version \"1\"\n\nrecord Item {{ n: int }}\nrecord Doc {{ xs: list of Item, ys: list of Item }}\ndocument doc: Doc\n\nrule deep\n  title \"Deep\"\n  cite \"test\"\n  require not {cond}\n  message \"deep\"\n"
    );
    let mut s = Sources::default();
    s.add("nested.rules", text);
    probity::check::compile(s).program.expect("compiles")
}

/// Found by the `decide_plan` fuzz target: twelve nested `any`s over a list of twelve items ran
/// for ever (12^12 visits) because short lists were not measured. Now every list of two items
/// or more is: five levels (12^5 visits and their bodies) are decided, eight are refused.
#[test]
fn quantifiers_nested_deep_over_a_short_list_are_limited_too() {
    for (depth, refused) in [(5, false), (8, true), (12, true)] {
        let p = nested_rulebook(depth);
        let xs: Vec<_> = (0..12).map(|i| json!({ "n": i })).collect();
        let doc = probity::doc::read(&p, &json!({ "xs": xs, "ys": [] })).expect("reads");
        let reference = decide(&p, &doc);
        assert!(Plan::new(&p).decide(&doc) == reference, "depth {depth}");
        let codes: Vec<&str> = check(&p, &doc).errors.iter().map(|d| d.code).collect();
        let expected: &[&str] = if refused { &["R0003"] } else { &[] };
        assert_eq!(codes, expected, "depth {depth}");
    }
}
