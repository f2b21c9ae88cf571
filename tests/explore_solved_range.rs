//! The explorer solves the boundary a rule draws where it compares a field with a value the
//! draft holds (a multiple of another field, a date plus a period, a sum): it evaluates the other
//! side on the draft, solves for the field and tries the values either side, so the range it
//! calls exact is exact. Each bound here is checked by evaluating the edited document one unit
//! either side of it. Before, a field compared with `doc.m * 3` was called exact with no upper
//! bound, the boundary 48 never tried.

use probity::explore::{Explorer, ParamRange};
use probity::ir::Program;
use serde_json::{json, Value as Json};
use std::path::Path;

mod support;

fn program(require: &str) -> Program {
    let text = format!(
        r#"rulebook solved
  version "1"

variant Part {{
  w: int
  alpha {{
    n: int
    d: date
  }}
}}

record Doc {{
  m: int
  start: date
  parts: list of Part
}}

document doc: Doc

rule over
  title "Within the limit"
  cite "test"
  for each alpha v1 in doc.parts
  require {require}
  message "too far"
"#
    );
    support::compile_text("solved.rules", &text)
}

fn draft() -> Json {
    json!({ "m": 16, "start": "2024-08-31", "parts": [] })
}

/// The new alpha item the explorer suggests, and the range it gives for `field`.
fn suggestion(program: &Program, field: &str) -> (Json, ParamRange) {
    let alpha = support::offered(program, &draft(), "parts", "alpha");
    assert!(alpha.addable, "{alpha:?}");
    let range = support::param_range(&alpha, field);
    (alpha.item, range)
}

/// Whether the suggested item with `field` set to `value` breaks the rule.
fn breaks(program: &Program, item: &Json, field: &str, value: Json) -> bool {
    let mut item = item.clone();
    item[field] = value;
    let mut doc = draft();
    doc["parts"] = json!([item]);
    let report = probity::eval::check_json(program, &doc).expect("reads");
    report.findings.iter().any(|f| f.rule == "over")
}

#[test]
fn a_field_compared_with_a_multiple_of_a_document_value() {
    let p = program("v1.w <= doc.m * 3");
    let (item, range) = suggestion(&p, "w");
    assert!(range.exact, "{range:?}");
    assert_eq!(range.lawful.len(), 1, "{range:?}");
    assert_eq!(range.lawful[0].max, Some(json!(48)), "{range:?}");
    assert!(!breaks(&p, &item, "w", json!(48)), "16 * 3 = 48 is lawful");
    assert!(breaks(&p, &item, "w", json!(49)), "49 is past 48");
}

#[test]
fn a_multiple_divided_rounds_the_right_way_for_each_operator() {
    // 3w < 16: w < 5.33, so at most 5; 3w >= 16: at least 6; 3w > 16 likewise at least 6;
    // 3w <= 16: at most 5.
    for (require, max, min) in [
        ("v1.w * 3 < doc.m", Some(5), None),
        ("v1.w * 3 <= doc.m", Some(5), None),
        ("v1.w * 3 >= doc.m", None, Some(6)),
        ("v1.w * 3 > doc.m", None, Some(6)),
        ("v1.w * 4 < doc.m", Some(3), None),
        ("v1.w * 4 <= doc.m", Some(4), None),
        ("v1.w * 4 >= doc.m", None, Some(4)),
        ("v1.w * 4 > doc.m", None, Some(5)),
    ] {
        let p = program(require);
        let (item, range) = suggestion(&p, "w");
        assert!(range.exact, "{require}: {range:?}");
        let last = range.lawful.last().expect("some lawful value");
        let first = range.lawful.first().expect("some lawful value");
        if let Some(max) = max {
            assert_eq!(last.max, Some(json!(max)), "{require}: {range:?}");
            assert!(!breaks(&p, &item, "w", json!(max)), "{require} at {max}");
            assert!(
                breaks(&p, &item, "w", json!(max + 1)),
                "{require} at {max} + 1"
            );
        }
        if let Some(min) = min {
            assert_eq!(first.min, Some(json!(min)), "{require}: {range:?}");
            assert!(!breaks(&p, &item, "w", json!(min)), "{require} at {min}");
            assert!(
                breaks(&p, &item, "w", json!(min - 1)),
                "{require} at {min} - 1"
            );
        }
    }
}

#[test]
fn a_field_compared_with_a_multiple_of_another_field_of_its_item() {
    // The suggested item needs n >= 16; w is then at most 7 n = 112, a value no constant or
    // document value holds.
    let p = program("v1.n >= doc.m and v1.w <= v1.n * 7");
    let (item, range) = suggestion(&p, "w");
    let n = item["n"].as_i64().expect("n is a number");
    assert!(range.exact, "{range:?}");
    let top = n * 7;
    assert_eq!(
        range.lawful.last().and_then(|s| s.max.clone()),
        Some(json!(top)),
        "{range:?}"
    );
    assert!(!breaks(&p, &item, "w", json!(top)));
    assert!(breaks(&p, &item, "w", json!(top + 1)));
    // And the other way: n is at least w / 7, rounded up.
    let (item, range) = suggestion(&p, "n");
    let w = item["w"].as_i64().expect("w is a number");
    assert!(range.exact, "{range:?}");
    let bottom = (w + 6).div_euclid(7).max(16);
    assert_eq!(
        range.lawful.first().and_then(|s| s.min.clone()),
        Some(json!(bottom)),
        "{range:?}"
    );
    assert!(!breaks(&p, &item, "n", json!(bottom)));
    assert!(breaks(&p, &item, "n", json!(bottom - 1)));
}

#[test]
fn a_date_compared_with_a_date_plus_a_period() {
    // Six months after 31 August 2024 is 28 February 2025 (the month's last day).
    let p = program("v1.d <= doc.start + 6 months");
    let (item, range) = suggestion(&p, "d");
    assert!(range.exact, "{range:?}");
    assert_eq!(
        range.lawful.last().and_then(|s| s.max.clone()),
        Some(json!("2025-02-28")),
        "{range:?}"
    );
    assert!(!breaks(&p, &item, "d", json!("2025-02-28")));
    assert!(breaks(&p, &item, "d", json!("2025-03-01")));
    // In days as well: 31 August 2024 + 10 days.
    let p = program("v1.d > doc.start + 10 days");
    let (item, range) = suggestion(&p, "d");
    assert!(range.exact, "{range:?}");
    assert_eq!(
        range.lawful.first().and_then(|s| s.min.clone()),
        Some(json!("2024-09-11")),
        "{range:?}"
    );
    assert!(!breaks(&p, &item, "d", json!("2024-09-11")));
    assert!(breaks(&p, &item, "d", json!("2024-09-10")));
}

#[test]
fn a_field_compared_with_a_sum_of_document_values() {
    let p = program("v1.w <= doc.m + 14");
    let (item, range) = suggestion(&p, "w");
    assert!(range.exact, "{range:?}");
    assert_eq!(
        range.lawful.last().and_then(|s| s.max.clone()),
        Some(json!(30)),
        "{range:?}"
    );
    assert!(!breaks(&p, &item, "w", json!(30)));
    assert!(breaks(&p, &item, "w", json!(31)));
}

#[test]
fn a_multiple_read_through_another_item_is_not_called_exact() {
    // The boundary is 3 times some other item's n: not solved on the draft, so not exact.
    let p = program("all(v2 in doc.parts: v1.w <= v2.w * 3)");
    let (_, range) = suggestion(&p, "w");
    assert!(!range.exact, "{range:?}");
    assert!(range.outside_fragment.contains(&"over".to_string()));
}

/// The shipped curfew: the weekly total of a curfew added to the lawful 2023 order is at most 7
/// times its longest day, and exact; checked by evaluation an hour either side of each bound.
#[test]
fn the_shipped_curfew_weekly_hours_range_is_right_by_evaluation() {
    let program = support::compile_file("rules/community_orders.rules");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/examples/order_lawful.json"))
        .expect("read example");
    let doc: Json = serde_json::from_str(&text).expect("json");
    let ex = Explorer::new(&program, None).expect("explores");
    let opts = ex.options_json(&doc).expect("reads");
    let curfew = opts
        .cases
        .iter()
        .find(|c| c.case == "curfew")
        .expect("curfew");
    let hpw = curfew
        .params
        .iter()
        .find(|p| p.field == "hours_per_week")
        .expect("hours_per_week has a range");
    assert!(hpw.exact, "{hpw:?}");
    assert_eq!(hpw.lawful.len(), 1, "{hpw:?}");
    let (min, max) = (
        hpw.lawful[0]
            .min
            .as_ref()
            .and_then(Json::as_i64)
            .expect("min"),
        hpw.lawful[0]
            .max
            .as_ref()
            .and_then(Json::as_i64)
            .expect("max"),
    );
    let hpd = curfew.item["hours_per_day"]
        .as_i64()
        .expect("hours_per_day");
    assert_eq!((min, max), (hpd, hpd * 7), "{hpw:?}");
    let lawful_with = |hours: i64| {
        let mut item = curfew.item.clone();
        item["hours_per_week"] = json!(hours);
        let mut d = doc.clone();
        d["requirements"]
            .as_array_mut()
            .expect("requirements")
            .push(item);
        let report = probity::eval::check_json(&program, &d).expect("reads");
        probity::explore::lawful(&report)
    };
    assert!(lawful_with(min));
    assert!(!lawful_with(min - 1));
    assert!(lawful_with(max));
    assert!(!lawful_with(max + 1));
}

/// The shipped foreign travel prohibition: its last day must fall before the order's date plus
/// 12 months (`foreign-travel-days-within-12-months`). The explorer used to call `any value`
/// (the 2023 order) and `at most 8 May 2022` (the order with history, made 1 March 2021) exact;
/// solved on the draft, the last lawful day is the day before the anniversary.
#[test]
fn the_shipped_foreign_travel_last_day_stops_the_day_before_the_anniversary() {
    let program = support::compile_file("rules/community_orders.rules");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (example, last) in [
        ("tests/examples/order_lawful.json", "2024-04-05"),
        ("tests/examples/order_with_history.json", "2022-02-28"),
    ] {
        let text = std::fs::read_to_string(root.join(example)).expect("read example");
        let doc: Json = serde_json::from_str(&text).expect("json");
        let ex = Explorer::new(&program, None).expect("explores");
        let opts = ex.options_json(&doc).expect("reads");
        let ftp = opts
            .cases
            .iter()
            .find(|c| c.case == "foreign_travel_prohibition")
            .expect("foreign_travel_prohibition");
        let range = ftp
            .params
            .iter()
            .find(|p| p.field == "last_day")
            .expect("last_day has a range");
        assert!(range.exact, "{example}: {range:?}");
        assert_eq!(
            range.lawful.last().and_then(|s| s.max.clone()),
            Some(json!(last)),
            "{example}: {range:?}"
        );
        let breaks = |day: &str| {
            let mut item = ftp.item.clone();
            item["last_day"] = json!(day);
            let mut d = doc.clone();
            d["requirements"]
                .as_array_mut()
                .expect("requirements")
                .push(item);
            let report = probity::eval::check_json(&program, &d).expect("reads");
            report
                .findings
                .iter()
                .any(|f| f.rule == "foreign-travel-days-within-12-months")
        };
        let next = chrono::NaiveDate::parse_from_str(last, "%Y-%m-%d")
            .expect("date")
            .succ_opt()
            .expect("a next day")
            .to_string();
        assert!(!breaks(last), "{example}: {last}");
        assert!(breaks(&next), "{example}: {next}");
    }
}
