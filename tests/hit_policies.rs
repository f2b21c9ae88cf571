//! The multiple-hit policies of the decision-table standard (DMN): `collect` (with `min`,
//! `max`, `count`), `rule order` and `output order`. What each answers, both ways at the
//! boundary of each row; that an overlap is no finding under them and a gap still is; the rule
//! tests that expect them; the checker's refusals; and, for random tables, every policy's answer
//! against one computed here from the rows that match.

mod support;
use proptest::prelude::*;
use serde_json::json;
use support::{compile_text, run_rule_tests};

fn book(policy: &str) -> String {
    format!(
        "rulebook hp\n  version \"0.1.0\"\n  title \"hit policies\"\n\
         enum Level {{ high, medium, low }}\n\
         record Case {{\n  score: int\n  urgent: bool\n}}\n\
         document case: Case\n\
         routes level\n  title \"Level\"\n  cite \"c\"\n  explain \"e\"\n  decides Level\n\
         \x20 hit policy {policy}\n\
         \x20 when case.score >= 0 => low\n\
         \x20 when case.score >= 10 => medium\n\
         \x20 when case.urgent => high\n\
         \x20 when case.score >= 20 => medium\n"
    )
}

/// (output, outputs, matched rows, findings) for a score and urgency.
fn decide(
    policy: &str,
    score: i64,
    urgent: bool,
) -> (Option<String>, Vec<String>, Vec<usize>, Vec<String>) {
    let program = compile_text("hp.rules", &book(policy));
    let report =
        probity::eval::check_json(&program, &json!({ "score": score, "urgent": urgent })).unwrap();
    let r = &report.routes[0];
    (
        r.output.clone(),
        r.outputs.clone(),
        r.matched_rows.clone(),
        report.findings.iter().map(|f| f.rule.clone()).collect(),
    )
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn collect_count_counts_the_rows_that_match_either_side_of_each_boundary() {
    assert_eq!(decide("collect count", 9, false).0.as_deref(), Some("1"));
    assert_eq!(decide("collect count", 10, false).0.as_deref(), Some("2"));
    assert_eq!(decide("collect count", 19, true).0.as_deref(), Some("3"));
    assert_eq!(decide("collect count", 20, true).0.as_deref(), Some("4"));
    // Several rows matching is the point, not a finding.
    assert!(decide("collect count", 20, true).3.is_empty());
    // No row: still a gap, and no answer.
    let (out, _, rows, findings) = decide("collect count", -1, false);
    assert_eq!(out, None);
    assert!(rows.is_empty());
    assert_eq!(findings, s(&["level/no-route"]));
}

#[test]
fn collect_max_and_min_take_the_highest_and_lowest_output() {
    // `high` is declared first: the highest.
    assert_eq!(decide("collect max", 9, false).0.as_deref(), Some("low"));
    assert_eq!(
        decide("collect max", 10, false).0.as_deref(),
        Some("medium")
    );
    assert_eq!(decide("collect max", 10, true).0.as_deref(), Some("high"));
    assert_eq!(decide("collect min", 10, true).0.as_deref(), Some("low"));
    assert_eq!(decide("collect min", -1, true).0.as_deref(), Some("high"));
    assert_eq!(decide("collect min", -1, false).0, None);
    assert!(decide("collect min", 30, true).3.is_empty());
}

#[test]
fn collect_and_rule_order_list_every_output_in_table_order() {
    for policy in ["collect", "rule order"] {
        let (out, outputs, rows, findings) = decide(policy, 20, true);
        assert_eq!(rows, vec![1, 2, 3, 4]);
        // Repeats are kept, as the standard keeps them.
        assert_eq!(outputs, s(&["low", "medium", "high", "medium"]), "{policy}");
        assert_eq!(out.as_deref(), Some("low, medium, high, medium"));
        assert!(findings.is_empty());
        assert_eq!(decide(policy, 19, false).1, s(&["low", "medium"]));
        assert_eq!(decide(policy, 9, false).1, s(&["low"]));
    }
}

#[test]
fn output_order_lists_the_highest_output_first() {
    let (_, outputs, _, _) = decide("output order", 20, true);
    assert_eq!(outputs, s(&["high", "medium", "medium", "low"]));
    assert_eq!(decide("output order", 10, false).1, s(&["medium", "low"]));
    assert_eq!(decide("output order", 9, true).1, s(&["high", "low"]));
}

#[test]
fn rule_tests_expect_an_answer_of_a_list_or_a_count() {
    let text = format!(
        "{}\ntest \"four\" given {{ \"score\": 20, \"urgent\": true }}\n  expect route level = 4\n\
         test \"one\" given {{ \"score\": 0, \"urgent\": false }}\n  expect route level = 1\n",
        book("collect count")
    );
    assert_eq!(run_rule_tests(&text).0, 2);
    let wrong = format!(
        "{}\ntest \"not three\" given {{ \"score\": 20, \"urgent\": true }}\n  expect route level = 3\n",
        book("collect count")
    );
    let (_, failed, failures) = run_rule_tests(&wrong);
    assert_eq!(failed, 1, "{failures:?}");
    // Under a list policy, the output expected is one of the answers.
    let list = format!(
        "{}\ntest \"has high\" given {{ \"score\": 0, \"urgent\": true }}\n  expect route level = high\n\
         test \"no medium\" given {{ \"score\": 0, \"urgent\": true }}\n  expect route level = medium\n",
        book("rule order")
    );
    let (passed, failed, _) = run_rule_tests(&list);
    assert_eq!((passed, failed), (1, 1));
}

#[test]
fn the_checker_refuses_a_sum_of_enum_values_and_a_count_that_is_not_a_number() {
    let refused = |text: &str| {
        let mut sources = probity::diag::Sources::default();
        sources.add("x.rules", text);
        let c = probity::check::compile(sources);
        assert!(c.program.is_none());
        c.diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect::<Vec<_>>()
    };
    assert!(refused(&book("collect sum")).contains(&"E0157".to_string()));
    // A table that decides numbers takes a whole number on each row.
    let numbers = book("collect sum")
        .replace("decides Level", "decides int")
        .replace("=> low", "=> 1")
        .replace("=> medium", "=> 10");
    assert!(
        refused(&numbers).contains(&"E0128".to_string()),
        "`=> high` is no number"
    );
    let count = format!(
        "{}\ntest \"t\" given {{ \"score\": 0, \"urgent\": true }}\n  expect route level = low\n",
        book("collect count")
    );
    assert!(refused(&count).contains(&"E0154".to_string()));
}

/// A table that decides numbers: `collect sum` adds the points of every row that applies.
fn points(policy: &str) -> String {
    book(policy)
        .replace("decides Level", "decides int")
        .replace("=> low", "=> 1")
        .replace("=> medium", "=> 10")
        .replace("=> high", "=> 100")
}

#[test]
fn collect_sum_adds_the_numbers_of_the_rows_that_match() {
    let sum = |score: i64, urgent: bool| {
        let program = compile_text("p.rules", &points("collect sum"));
        let report =
            probity::eval::check_json(&program, &json!({ "score": score, "urgent": urgent }))
                .unwrap();
        report.routes[0].output.clone()
    };
    assert_eq!(sum(9, false).as_deref(), Some("1"));
    assert_eq!(sum(10, false).as_deref(), Some("11"));
    assert_eq!(sum(19, true).as_deref(), Some("111"));
    assert_eq!(sum(20, true).as_deref(), Some("121"));
    assert_eq!(sum(-1, false), None);
    // The larger number is the higher output: `collect max`, `priority`, `output order`.
    let program = compile_text("p.rules", &points("output order"));
    let report =
        probity::eval::check_json(&program, &json!({ "score": 20, "urgent": true })).unwrap();
    assert_eq!(report.routes[0].outputs, s(&["100", "10", "10", "1"]));
    let tests = format!(
        "{}\ntest \"121\" given {{ \"score\": 20, \"urgent\": true }}\n  expect route level = 121\n",
        points("collect sum")
    );
    assert_eq!(run_rule_tests(&tests).0, 1);
}

#[test]
fn the_policy_is_named_in_the_report_in_words() {
    let program = compile_text("hp.rules", &book("output order"));
    let report =
        probity::eval::check_json(&program, &json!({ "score": 0, "urgent": false })).unwrap();
    let v = serde_json::to_value(&report.routes[0]).unwrap();
    assert_eq!(v["policy"], "output order");
    assert_eq!(v["outputs"], json!(["low"]));
}

const POLICIES: [&str; 7] = [
    "collect",
    "collect sum",
    "collect min",
    "collect max",
    "collect count",
    "rule order",
    "output order",
];
/// The outputs of the random tables, highest first: an enum's values in declaration order, or
/// numbers (`decides int`), where the larger is the higher.
const OUTS: [&str; 3] = ["x", "y", "z"];
const NUMBERS: [&str; 3] = ["7", "3", "0"];

/// A table over one int with rows `lo <= n and n <= hi => out`.
fn random_book(policy: &str, numeric: bool, rows: &[(i64, i64, usize)]) -> String {
    let decides = if numeric { "int" } else { "Out" };
    let mut t = format!(
        "rulebook r\n  version \"0.1.0\"\n  title \"r\"\nenum Out {{ x, y, z }}\n\
         record Case {{\n  n: int\n}}\ndocument case: Case\n\
         routes t\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n  decides {decides}\n  hit policy {policy}\n"
    );
    let outs = if numeric { NUMBERS } else { OUTS };
    for (lo, hi, o) in rows {
        t.push_str(&format!(
            "  when case.n >= {lo} and case.n <= {hi} => {}\n",
            outs[*o]
        ));
    }
    t
}

proptest! {
    #![proptest_config(support::proptest_config(200))]

    /// Every policy's answer at every point equals the one the standard gives, computed here
    /// from the rows whose interval holds the point.
    #[test]
    fn each_policy_answers_as_the_standard_says(
        policy in prop::sample::select(POLICIES.to_vec()),
        numeric in any::<bool>(),
        rows in prop::collection::vec((0i64..6, 0i64..6, 0usize..3), 1..6),
    ) {
        // Only numbers add up.
        let numeric = numeric || policy == "collect sum";
        let outs_named = if numeric { NUMBERS } else { OUTS };
        let program = compile_text("r.rules", &random_book(policy, numeric, &rows));
        for n in -1i64..=7 {
            let report = probity::eval::check_json(&program, &json!({ "n": n })).unwrap();
            let r = &report.routes[0];
            let hit: Vec<usize> = rows.iter().enumerate()
                .filter(|(_, (lo, hi, _))| *lo <= n && n <= *hi)
                .map(|(i, _)| i).collect();
            prop_assert_eq!(&r.matched_rows, &hit.iter().map(|i| i + 1).collect::<Vec<_>>());
            let outs: Vec<usize> = hit.iter().map(|i| rows[*i].2).collect();
            let mut sorted = outs.clone();
            sorted.sort();
            let names = |v: &[usize]| v.iter().map(|o| outs_named[*o].to_string()).collect::<Vec<_>>();
            let want: Option<String> = if outs.is_empty() { None } else {
                Some(match policy {
                    "collect count" => outs.len().to_string(),
                    "collect max" => outs_named[*outs.iter().min().unwrap()].to_string(),
                    "collect min" => outs_named[*outs.iter().max().unwrap()].to_string(),
                    "collect sum" => outs.iter().map(|o| outs_named[*o].parse::<i64>().unwrap()).sum::<i64>().to_string(),
                    "output order" => names(&sorted).join(", "),
                    _ => names(&outs).join(", "),
                })
            };
            prop_assert_eq!(&r.output, &want);
            let no_route = report.findings.iter().any(|f| f.rule == "t/no-route");
            prop_assert_eq!(no_route, outs.is_empty());
            prop_assert!(!report.findings.iter().any(|f| f.rule == "t/overlap"));
        }
    }
}
