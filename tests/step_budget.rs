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

mod support;

/// Two cases of a variant list, and a conflict between them that never fires (different
/// numbers), so every pair is visited; a rule over one case whose body searches the list.
const PAIRS: &str = r#"rulebook pairs
  version "1"

variant Part { n: int  left { }  right { }  other { } }
record Doc { parts: list of Part }
document doc: Doc

conflict same-number
  title "A left and a right part with the same number"
  cite "test"
  between left a and right b in doc.parts
  when a.n == b.n
  message "{a.n} on both sides"

rule right-has-left
  title "Every right part has a left part with a bigger number"
  cite "test"
  for each right r in doc.parts
  require any(x in doc.parts where x is left: x.n > r.n)
  message "{r.n} has no bigger left part"
"#;

/// `left` left parts numbered 0.., `right` right parts numbered -1, -2, ..., and `other`
/// parts of neither case.
fn parts(program: &Program, left: usize, right: usize, other: usize) -> probity::ir::Value {
    let mut parts = Vec::new();
    parts.extend((0..left).map(|i| json!({ "kind": "left", "n": i as i64 })));
    parts.extend((0..right).map(|i| json!({ "kind": "right", "n": -1 - i as i64 })));
    parts.extend((0..other).map(|i| json!({ "kind": "other", "n": i as i64 })));
    probity::doc::read(program, &json!({ "parts": parts })).expect("reads")
}

/// Whether declaration `id` (by its title in the R0003 message) was refused by the step budget;
/// the reference evaluator and the plan decide alike.
fn refused(program: &Program, doc: &probity::ir::Value, id: &str) -> bool {
    let reference = decide(program, doc);
    assert!(Plan::new(program).decide(doc) == reference, "{id}");
    let conflicts = program.conflicts.iter().map(|c| &c.meta);
    let rules = program.rules.iter().map(|r| &r.meta);
    let meta = conflicts
        .chain(rules)
        .find(|m| m.id == id)
        .expect("declared");
    let named = format!("“{}” was not evaluated", meta.title);
    check(program, doc)
        .errors
        .iter()
        .any(|d| d.code == "R0003" && d.message.contains(&named))
}

/// A conflict is bounded by the pairs of its two cases' items (and the list, read twice), not by
/// the whole list squared: thousands of parts of a third case cost it nothing; k left and k right
/// parts cost k * k pairs + 4k, within the limit up to 3,160 each and refused from 3,161.
#[test]
fn a_conflict_is_bounded_by_the_items_of_its_two_cases() {
    let p = support::compile_text("pairs.rules", PAIRS);
    let conflict = |left, right, other| refused(&p, &parts(&p, left, right, other), "same-number");
    assert!(!conflict(1, 1, 5000));
    assert!(!conflict(5000, 0, 0));
    assert!(!conflict(0, 5000, 0));
    assert!(!conflict(3160, 3160, 0));
    assert!(conflict(3161, 3161, 0));
    assert!(conflict(4000, 3000, 0));
}

/// `for each <case> x in ...` binds only the items of its case: a search of the list inside it
/// costs the list's length once per such item, however long the list is with other items.
#[test]
fn a_for_each_over_one_case_is_bounded_by_the_items_of_that_case() {
    let p = support::compile_text("pairs.rules", PAIRS);
    // 2 right parts searching 7,000 items: about 14,000 visits, not 7,000 squared.
    let rule = |left, right, other| refused(&p, &parts(&p, left, right, other), "right-has-left");
    assert!(!rule(0, 2, 7000));
    // 3,000 right parts each searching a list of 4,000: 12 million visits, refused.
    assert!(rule(0, 3000, 1000));
}

/// The false refusal the page showed: an order of 3,300 electronic compliance monitoring
/// requirements has no alcohol requirement, so the conflict between alcohol abstinence and
/// alcohol treatment has no pair to look at and is decided; the rule that searches the order
/// for another requirement once per monitoring requirement (3,300 x 3,300) is still refused.
/// With one of each alcohol requirement added, the conflict is found.
#[test]
fn an_order_of_many_monitoring_requirements_decides_the_alcohol_conflict() {
    let p = support::compile_file("rules/community_orders.rules");
    let mut order = support::example("order_lawful");
    let monitoring = json!({ "kind": "electronic_compliance_monitoring", "punitive": false, "third_party_consent": null });
    order["requirements"] = json!(vec![monitoring; 3300]);
    let limited = |order: &serde_json::Value| {
        let doc = probity::doc::read(&p, order).expect("reads");
        let reference = decide(&p, &doc);
        assert!(Plan::new(&p).decide(&doc) == reference);
        let report = check(&p, &doc);
        let refused: Vec<String> = report
            .errors
            .iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        let found: Vec<String> = report.findings.iter().map(|f| f.rule.clone()).collect();
        (refused, found)
    };
    let (refused, found) = limited(&order);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].starts_with(
        "R0003 “Electronic compliance monitoring needs another requirement to monitor” was not evaluated"
    ));
    assert!(!found.iter().any(|r| r == "aamr-with-alcohol-treatment"));

    let requirements = order["requirements"].as_array_mut().expect("a list");
    requirements
        .push(json!({ "kind": "alcohol_abstinence_monitoring", "punitive": true, "days": 90 }));
    requirements.push(json!({ "kind": "alcohol_treatment", "punitive": false, "willing": true }));
    let (refused, found) = limited(&order);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        found.iter().any(|r| r == "aamr-with-alcohol-treatment"),
        "{found:?}"
    );
}
