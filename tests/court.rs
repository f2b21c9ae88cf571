//! What a court relies on, through the door (issue 20, engine side): route answers with their
//! reason in words, and the caveats a verdict rests on.

mod support;

use probity::api::Session;
use serde_json::{json, Value};
use support::session;

fn example_of(s: &Session, name: &str) -> Value {
    s.examples()
        .into_iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no example {name}"))
        .document
}

#[test]
fn a_route_says_why_its_row_applies() {
    let s = session("rules/routing.rules");
    let doc = example_of(&s, "low_risk_2016");
    let out = s.check_json(&doc);
    let report = out.report.expect("checked");
    let route = &report.routes[0];
    assert_eq!(route.matched_rows, [9]);
    // The output, the row, and the conditions of the row that held, in words.
    assert!(
        route
            .reason
            .starts_with("Community rehabilitation company (row 9), because "),
        "{}",
        route.reason
    );
    assert!(
        route
            .reason
            .contains("“Risk of serious harm” is one of: low, medium"),
        "{}",
        route.reason
    );
    assert!(
        !route.reason.contains("case.") && !route.reason.contains("rosh"),
        "no rule syntax: {}",
        route.reason
    );
}

#[test]
fn a_clean_verdict_lists_the_unverified_rules_it_rests_on() {
    let s = session("rules/community_orders.rules");
    let doc = example_of(&s, "lawful_order");
    let out = s.check_json(&doc);
    assert_eq!(
        out.report.as_ref().map(|r| r.verdict),
        Some(probity::report::Verdict::Clean)
    );
    let rules: Vec<&str> = out.caveats.iter().map(|c| c.rule.as_str()).collect();
    // The 20-hour daily curfew limit applied (a curfew, a 2023 conviction) and its
    // commencement was not read: the verdict rests on it.
    assert!(rules.contains(&"curfew-daily-maximum"), "{rules:?}");
    // A rule whose `when` did not hold is not depended on (no alcohol treatment here).
    assert!(!rules.contains(&"alcohol-treatment-willing"), "{rules:?}");
    for c in &out.caveats {
        assert!(c.sentence.contains(&c.title) && !c.note.is_empty(), "{c:?}");
    }
    // The same through the check with the timeline, which the page uses.
    let text = serde_json::to_string(&doc).unwrap();
    let with = s.check_with_timeline(&text);
    assert_eq!(with.outcome.caveats.len(), out.caveats.len());
    // A refused document has no caveats.
    assert!(s.check_json(&json!({ "kind": 3 })).caveats.is_empty());
}
