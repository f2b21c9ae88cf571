//! The library's one door (`probity::api`): what every face relies on, checked once here.

mod support;

use probity::api::{Depth, Session};
use serde_json::{json, Value};
use support::{example, session};

fn orders() -> Session {
    session("rules/community_orders.rules")
}

#[test]
fn a_check_from_text_and_from_parsed_json_give_the_same_report() {
    let s = orders();
    for name in [
        "order_lawful",
        "order_unlawful_curfew",
        "order_unlawful_alcohol",
        "order_sso_2026",
    ] {
        let doc = example(name);
        let from_text = s.check_text(&doc.to_string());
        let from_json = s.check_json(&doc);
        assert!(from_text.ok, "{name}: {:?}", from_text.diagnostics);
        assert_eq!(
            serde_json::to_value(&from_text).unwrap(),
            serde_json::to_value(&from_json).unwrap(),
            "{name}"
        );
    }
    let refused = s.check_text("{ \"kind\": ");
    assert!(!refused.ok);
    assert_eq!(refused.diagnostics[0].code, "D0001");
}

#[test]
fn editor_diagnostics_count_places_in_utf16_code_units() {
    // `£` is two bytes and one UTF-16 unit, `𝄞` four bytes and two units: the unknown name
    // `zz` starts at byte 23 + 6 = 29 of the line but at unit 23 + 3 = 26.
    let text = "rulebook x version \"1\"\n// £ 𝄞\nrecord R { a: zz }\n";
    let compiled = Session::compile([("edited.rules", text)]);
    assert!(compiled.session.is_none());
    let d = compiled
        .for_editor()
        .into_iter()
        .find(|d| d.diagnostic.code == "E0106")
        .expect("an unknown type");
    let byte = text.find("zz").unwrap();
    let units = text[..byte].encode_utf16().count() as u32;
    let span = d.utf16.expect("a place in the text");
    assert_eq!((span.start, span.end), (units, units + 2));
    assert_ne!(units as usize, byte);
}

#[test]
fn the_timeline_reads_the_fields_the_rulebook_marks() {
    let s = orders();
    let mut doc = example("order_lawful");
    doc["sentence_date"] = json!("2023-01-31");
    doc["length"] = json!(1);
    let t = s.timeline(&doc.to_string()).expect("a timeline");
    assert_eq!(t.start_field.as_deref(), Some("sentence_date"));
    assert_eq!(t.length_field.as_deref(), Some("length"));
    // A month on from 31 January is the last day of February (the library's calendar).
    assert_eq!(t.end.map(|d| d.to_string()).as_deref(), Some("2023-02-28"));
    assert_eq!(t.days, Some(28));
    let by_case = |case: &str| t.items.iter().find(|i| i.case == case).expect(case);
    // Alcohol abstinence lasts its days; unpaid work marks no duration: the whole period.
    let aam = by_case("alcohol_abstinence_monitoring");
    let days = doc["requirements"][3]["days"].as_i64().unwrap();
    assert_eq!(aam.days, Some(days));
    assert_eq!(aam.lasts.as_ref().map(|l| l.amount), Some(days));
    assert!(by_case("unpaid_work").lasts.is_none());
    assert_eq!(by_case("curfew").path, "requirements[2]");
    // A one-month order is shorter than the requirements in it: the check flags them, and the
    // timeline marks exactly the flagged items.
    let report = s.check_text(&doc.to_string()).into_result().expect("reads");
    for item in &t.items {
        let flagged = report.findings.iter().any(|f| {
            f.paths
                .iter()
                .any(|p| p == &item.path || p.starts_with(&format!("{}.", item.path)))
        });
        assert_eq!(item.flagged, flagged, "{}", item.path);
    }
    assert!(t.items.iter().any(|i| i.flagged));
}

#[test]
fn a_rulebook_that_marks_no_period_has_an_empty_timeline() {
    let s = session("rules/routing.rules");
    let t = s
        .timeline(&example("case_low_rosh_2016").to_string())
        .expect("reads");
    assert!(t.start_field.is_none() && t.length_field.is_none() && t.end.is_none());
}

#[test]
fn a_role_on_the_wrong_type_is_refused_with_its_place() {
    let text = "rulebook x version \"1\"\nrecord R { a: bool as start, b: days as duration, c: weeks as duration }\ndocument d: R\n";
    let compiled = Session::compile([("roles.rules", text)]);
    let codes: Vec<&str> = compiled.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0117", "E0118"], "{:?}", compiled.diagnostics);
}

#[test]
fn blank_lines_are_skipped_alike_by_the_counts_and_the_stream() {
    let s = session("rules/contracts.rules");
    let good = example("contract_lawful").to_string();
    let input = format!("{good}\n\n   \nnot json\n{good}\n");
    let counts = s.check_lines(input.as_bytes(), Depth::Decide);
    assert_eq!((counts.documents, counts.rejected), (3, 1));
    assert_eq!(counts.first_rejected_line, Some(4));
    let mut out = Vec::new();
    let streamed = s.check_stream(input.as_bytes(), &mut out).expect("streams");
    assert_eq!(streamed, counts, "the stream counts as check_lines does");
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "one line out per document");
    assert_eq!(lines[1]["line"], 4, "a refusal names its input line");
    assert_eq!(lines[0]["verdict"], lines[2]["verdict"]);
}

#[test]
fn every_unlawful_example_of_a_rule_shows_that_rule() {
    for book in probity::api::SHIPPED {
        let s = session(book.file);
        for entry in s.rules() {
            let Some(ex) = &entry.unlawful else { continue };
            let report = s.check_json(&ex.document).into_result().expect("reads");
            assert!(
                report
                    .findings
                    .iter()
                    .any(|f| probity::report::names_decl(&f.rule, &entry.decl.id)),
                "{}: {} does not show {}",
                book.name,
                ex.name,
                entry.decl.id
            );
        }
    }
}

#[test]
fn the_commissioning_plan_pays_once_per_service_and_needs_both_cohorts_for_all_levels() {
    let plan_book = session("rules/commissioning_plan.rules");
    let mut all_levels = example("contract_lawful");
    all_levels["cohort"] = json!("all_rosh_levels");
    let built = plan_book.commissioning_plan(&[all_levels, json!({ "name": "draft" })]);
    assert_eq!(built.skipped.len(), 1);
    assert_eq!(built.skipped[0].spec, 1);
    let contracts = built.plan["contracts"].as_array().unwrap();
    assert_eq!(contracts.len(), built.from.len());
    let needs = built.plan["needs"].as_array().unwrap();
    assert_eq!(
        needs.len(),
        2 * contracts.len(),
        "each service needs both cohorts"
    );
    let outcome = built.outcome.expect("checked");
    assert!(outcome.ok, "{:?}", outcome.diagnostics);
}

#[test]
fn the_timeline_lists_the_dated_events_with_the_ones_a_finding_concerns() {
    let s = orders();
    let doc = example("order_with_history");
    let t = s.timeline(&doc.to_string()).expect("reads");
    let events = doc["events"].as_array().expect("events");
    assert_eq!(t.events.len(), events.len());
    for (e, json) in t.events.iter().zip(events) {
        assert_eq!(e.case, json["kind"].as_str().unwrap());
        assert_eq!(e.date.to_string(), json["date"].as_str().unwrap());
    }
    let report = s.check_json(&doc).into_result().expect("reads");
    let flagged: Vec<&str> = t
        .events
        .iter()
        .filter(|e| e.flagged)
        .map(|e| e.path.as_str())
        .collect();
    assert!(
        !flagged.is_empty(),
        "the example's unlawful responses are flagged"
    );
    for path in flagged {
        assert!(report
            .findings
            .iter()
            .any(|f| f.paths.iter().any(|p| p.starts_with(path))));
    }
}
