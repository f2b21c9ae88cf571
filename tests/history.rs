//! Documents with a history: a dated list of events, a rule version chosen by each event's own
//! date (`in force ... by e.date`), and `optional list of T` fields that old documents leave out.

use probity::diag::Sources;

fn compile(text: &str) -> probity::check::Compiled {
    let mut sources = Sources::default();
    sources.add("t.rules", text);
    probity::check::compile(sources)
}

mod support;
use support::run_rule_tests as run;

const HISTORY: &str = r#"
rulebook t
document o: Order
law date o.made
variant Event {
  date: date
  fine { amount: money }
  extend { months: months }
}
record Order { made: date, ends: date, events: optional list of Event }

rule fine-limit
  title "Fine on breach" cite "c" explain "e"
  in force until 2020-11-30 by e.date
  for each fine e in o.events
  require e.amount <= £1000
  message "old limit: {e.amount}"

rule fine-limit
  title "Fine on breach" cite "c" explain "e"
  in force from 2020-12-01 by e.date
  for each fine e in o.events
  require e.amount <= £2500
  message "new limit: {e.amount}"

derive end-date
  title "End date after extensions" cite "c" explain "e"
  value o.ends + sum(extend e in o.events: e.months)

example base = { "made": "2019-01-10", "ends": "2020-01-09" }

test "no events: the list may be left out"
  given base
  expect no findings
  expect value end-date = 2020-01-09
test "null reads as no events"
  given base with { "events": null }
  expect no findings
test "each fine judged by the law on its own date"
  given base with { "events": [
    { "kind": "fine", "date": "2020-11-30", "amount": 1500 },
    { "kind": "fine", "date": "2020-12-01", "amount": 1500 },
    { "kind": "fine", "date": "2021-01-01", "amount": 3000 } ] }
  expect finding fine-limit at "events[0].amount"
  expect finding fine-limit at "events[2].amount"
test "one day later the new limit applies"
  given base with { "events": [ { "kind": "fine", "date": "2020-12-01", "amount": 1500 } ] }
  expect no finding fine-limit
test "the end date follows the extensions"
  given base with { "events": [ { "kind": "extend", "date": "2019-06-01", "months": 6 } ] }
  expect value end-date = 2020-07-09
"#;

#[test]
fn a_version_is_chosen_by_each_items_own_date() {
    let (passed, failed, failures) = run(HISTORY);
    assert_eq!((passed, failed), (5, 0), "{failures:?}");
}

#[test]
fn the_item_date_picks_the_version_in_the_report() {
    let compiled = compile(HISTORY);
    let program = compiled.program.expect("compiles");
    let doc = serde_json::json!({
        "made": "2019-01-10", "ends": "2020-01-09",
        "events": [
            { "kind": "fine", "date": "2020-11-30", "amount": 1500 },
            { "kind": "fine", "date": "2020-12-01", "amount": 3000 }
        ]
    });
    let report = probity::eval::check_json(&program, &doc).expect("reads");
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages, ["old limit: £1500.00", "new limit: £3000.00"]);
    // Each finding says which version judged it.
    assert_eq!(
        report.findings[0].in_force.until.map(|d| d.to_string()),
        Some("2020-11-30".into())
    );
    assert_eq!(
        report.findings[1].in_force.from.map(|d| d.to_string()),
        Some("2020-12-01".into())
    );
}

#[test]
fn the_plan_decides_item_dated_versions_as_decide_does() {
    let program = compile(HISTORY).program.expect("compiles");
    let plan = probity::eval::Plan::new(&program);
    for t in &program.tests {
        let doc = probity::doc::read(&program, &t.document).expect("reads");
        let slow = probity::eval::decide(&program, &doc);
        let fast = plan.decide(&doc);
        assert_eq!(slow, fast, "{}", t.name);
    }
}

#[test]
fn an_item_date_must_be_a_required_date() {
    let compiled = compile(
        r#"
rulebook t
document o: Order
variant Event { date: optional date  fine { amount: money } }
record Order { events: optional list of Event }
rule r title "t" cite "c" explain "e"
  in force from 2020-01-01 by e.date
  for each fine e in o.events
  require e.amount <= £1
  message "m"
"#,
    );
    assert!(compiled.program.is_none());
    assert!(compiled.diagnostics.iter().any(|d| d.code == "E0115"));
}

#[test]
fn versions_chosen_by_an_item_and_by_the_document_do_not_mix() {
    let compiled = compile(
        r#"
rulebook t
document o: Order
variant Event { date: date  fine { amount: money } }
record Order { made: date, events: optional list of Event }
rule r title "t" cite "c" explain "e"
  in force until 2019-12-31 by o.made
  for each fine e in o.events
  require e.amount <= £1
  message "m"
rule r title "t" cite "c" explain "e"
  in force from 2020-01-01 by e.date
  for each fine e in o.events
  require e.amount <= £1
  message "m"
"#,
    );
    assert!(compiled.program.is_none());
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.message.contains("chosen by different dates")),
        "{:?}",
        compiled.diagnostics
    );
}

#[test]
fn a_required_list_left_out_is_still_an_error() {
    let compiled = compile(
        r#"
rulebook t
document o: Order
record Order { items: list of int, more: optional list of int }
rule r title "t" cite "c" explain "e" require count(i in o.items) < 3 message "m"
"#,
    );
    let program = compiled.program.expect("compiles");
    let err = probity::doc::read_str(&program, "{}").expect_err("items is required");
    assert!(
        err.iter().any(|d| d.message.contains("\"items\"")),
        "{err:?}"
    );
    assert!(
        !err.iter().any(|d| d.message.contains("\"more\"")),
        "{err:?}"
    );
    // Both readers (the fast one and the two-step one) read the left-out list as empty.
    let doc = probity::doc::read_str(&program, r#"{"items": []}"#).expect("reads");
    let slow = probity::doc::read_str_slow(&program, r#"{"items": []}"#).expect("reads");
    assert_eq!(doc, slow);
}

/// The shipped rulebook, and the same rulebook without its history section (the two schema
/// fields that name it and everything from the section's heading on).
fn with_and_without_history() -> (probity::ir::Program, probity::ir::Program) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("rules/community_orders.rules")).expect("read");
    let marker = "// ================================================================ history";
    let cut = text.find(marker).expect("the history section is marked");
    // A removed field's words for people (`label ...` on the next line) go with it.
    let mut dropped = false;
    let before: String = text[..cut]
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            let drop = t.starts_with("events:")
                || t.starts_with("same_occasion:")
                || l.contains("The life of the order (see \"history\"")
                || (dropped && t.starts_with("label "));
            dropped = drop;
            !drop
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let build = |t: &str| {
        let mut s = Sources::default();
        s.add("community_orders.rules", t);
        let c = probity::check::compile(s);
        c.program.unwrap_or_else(|| panic!("{:?}", c.diagnostics))
    };
    (build(&text), build(&before))
}

/// A report as JSON without what names the rulebook text (its hash and size) and the count of
/// declarations in force, which any added rule changes.
fn comparable(program: &probity::ir::Program, doc: &serde_json::Value) -> serde_json::Value {
    let mut v = match probity::eval::check_json(program, doc) {
        Ok(r) => serde_json::to_value(r).expect("serialises"),
        Err(e) => {
            serde_json::json!({ "refused": e.iter().map(|d| d.message.clone()).collect::<Vec<_>>() })
        }
    };
    if let Some(o) = v.as_object_mut() {
        o.remove("rulebooks");
        o.remove("in_force");
    }
    v
}

#[test]
fn documents_without_events_read_exactly_as_before_the_history_section() {
    let (full, old) = with_and_without_history();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs: Vec<(String, serde_json::Value)> = old
        .tests
        .iter()
        .map(|t| (t.name.clone(), t.document.clone()))
        .collect();
    for entry in std::fs::read_dir(root.join("tests/examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("order_"))
        {
            let text = std::fs::read_to_string(&path).expect("read");
            let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
            if doc.get("events").is_none() && doc.get("same_occasion").is_none() {
                docs.push((path.display().to_string(), doc));
            }
        }
    }
    assert!(docs.len() > 200, "{}", docs.len());
    for (name, doc) in &docs {
        assert_eq!(comparable(&full, doc), comparable(&old, doc), "{name}");
    }
}

const ORDERED: &str = r#"
rulebook t
document o: Order
variant Event { date: date  fine { amount: money }  note { } }
record Order { events: optional list of Event ordered by date }
rule r title "t" cite "c" explain "e"
  for each fine e in o.events
  require e.amount <= £10
  message "m"
"#;

#[test]
fn a_list_ordered_by_date_refuses_an_item_out_of_place_at_its_path() {
    let program = compile(ORDERED).program.expect("compiles");
    let out_of_order = r#"{"events": [
        {"kind": "note", "date": "2021-01-01"},
        {"kind": "fine", "date": "2021-06-01", "amount": 5},
        {"kind": "note", "date": "2021-03-01"}
    ]}"#;
    let err = probity::doc::read_str(&program, out_of_order).expect_err("out of order");
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!(err[0].code, "D0012");
    let shown = format!("{:?}", err[0]);
    assert!(shown.contains("events[2]"), "{shown}");
    // Equal dates are in order; so are no events at all.
    let same_day = r#"{"events": [
        {"kind": "note", "date": "2021-01-01"},
        {"kind": "fine", "date": "2021-01-01", "amount": 5}
    ]}"#;
    let fast = probity::doc::read_str(&program, same_day).expect("reads");
    let slow = probity::doc::read_str_slow(&program, same_day).expect("reads");
    assert_eq!(fast, slow);
    probity::doc::read_str(&program, "{}").expect("no events");
}

#[test]
fn ordered_by_must_name_a_shared_orderable_field() {
    for (text, why) in [
        (
            "rulebook t\ndocument o: O\nrecord O { xs: list of int ordered by date }\n",
            "items that are not records",
        ),
        (
            "rulebook t\ndocument o: O\nvariant E { a { date: date } }\nrecord O { xs: list of E ordered by date }\n",
            "a field only one case has",
        ),
        (
            "rulebook t\ndocument o: O\nrecord I { date: optional date }\nrecord O { xs: list of I ordered by date }\n",
            "an optional field",
        ),
        (
            "rulebook t\ndocument o: O\nrecord O { d: date ordered by day }\n",
            "a field that is not a list",
        ),
    ] {
        let compiled = compile(text);
        assert!(
            compiled.diagnostics.iter().any(|d| d.code == "E0109"),
            "{why}: {:?}",
            compiled.diagnostics
        );
    }
}

#[test]
fn the_shipped_rulebook_refuses_events_out_of_date_order() {
    let (full, _) = with_and_without_history();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("tests/examples/order_with_history.json")).expect("read");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    if let Some(events) = doc["events"].as_array_mut() {
        events.swap(0, 1);
    }
    let err = probity::eval::check_json(&full, &doc).expect_err("out of order");
    assert!(format!("{err:?}").contains("events[1]"), "{err:?}");
}
