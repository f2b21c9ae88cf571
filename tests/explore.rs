//! The combination explorer on real orders (the shipped community_orders rulebook and the
//! examples in tests/examples/) and on a hand-made rulebook (tests/explore/plans.rules): exact
//! options, fixes, matrix, timetable and sweep answers, the sweep against checking every
//! combination in full, and a property test that every suggested fix really makes the order
//! lawful.

use probity::explore::{
    apply_edits, timetable, EditOp, Entry, EntryKind, Explorer, FixOptions, Limit, Timetable,
};
use probity::ir::Program;
use proptest::prelude::*;
use serde_json::{json, Value as Json};
use std::path::Path;
use std::sync::OnceLock;

mod support;
use support::compile_file as compile;

fn orders() -> &'static Program {
    static P: OnceLock<Program> = OnceLock::new();
    P.get_or_init(|| compile("rules/community_orders.rules"))
}

fn plans() -> &'static Program {
    static P: OnceLock<Program> = OnceLock::new();
    P.get_or_init(|| compile("tests/explore/plans.rules"))
}

fn example(name: &str) -> Json {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(name)).expect("read example");
    serde_json::from_str(&text).expect("json")
}

fn lawful_json(program: &Program, doc: &Json) -> bool {
    let report = probity::eval::check_json(program, doc).expect("document reads");
    probity::explore::lawful(&report)
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_list_and_its_cases_come_from_the_schema() {
    let lists = probity::explore::variant_lists(orders());
    // The order's requirements, then its history (issue 17): both are lists of variant items.
    assert_eq!(lists.len(), 2);
    assert_eq!(lists[1].field, "events");
    assert_eq!(lists[0].field, "requirements");
    assert_eq!(lists[0].variant, "Requirement");
    assert_eq!(lists[0].cases.len(), 22);
    let ex = Explorer::new(plans(), None).unwrap();
    assert_eq!(ex.list.field, "tasks");
    assert_eq!(
        ex.list.cases,
        strings(&["build", "paint", "inspect", "demolish", "clean"])
    );
    assert!(Explorer::new(plans(), Some("nope")).is_err());
}

#[test]
fn options_for_a_lawful_2023_order() {
    let ex = Explorer::new(orders(), None).unwrap();
    let opts = ex
        .options_json(&example("tests/examples/order_lawful.json"))
        .unwrap();
    assert!(opts.lawful_now);
    let addable: Vec<&str> = opts
        .cases
        .iter()
        .filter(|c| c.addable)
        .map(|c| c.case.as_str())
        .collect();
    assert_eq!(
        addable,
        [
            "unpaid_work",
            "rehabilitation_activity",
            "programme",
            "prohibited_activity",
            "curfew",
            "exclusion",
            "residence",
            "foreign_travel_prohibition",
            "mental_health_treatment",
            "drug_rehabilitation",
            "drug_testing",
            "alcohol_abstinence_monitoring",
            "electronic_compliance_monitoring",
            "electronic_whereabouts_monitoring"
        ]
    );
    let case = |name: &str| opts.cases.iter().find(|c| c.case == name).unwrap();
    let param = |c: &str, f: &str| {
        case(c)
            .params
            .iter()
            .find(|p| p.field == f)
            .unwrap_or_else(|| panic!("{c}.{f}"))
            .clone()
    };
    // With hours_per_week left empty the weekly cap (112 hours, each day the same) binds
    // before the daily one (20 hours): 16 * 7 = 112.
    let hpd = param("curfew", "hours_per_day");
    assert_eq!(hpd.lawful.len(), 1);
    assert_eq!(hpd.lawful[0].min, Some(json!(2)));
    assert_eq!(hpd.lawful[0].max, Some(json!(16)));
    assert_eq!(hpd.lawful[0].display, "2 hours to 16 hours");
    assert!(hpd.exact, "{hpd:?}");
    let period = param("curfew", "period");
    assert_eq!(
        period.lawful[0].min,
        Some(json!(0)),
        "months are never negative"
    );
    assert_eq!(period.lawful[0].display, "at most 18 months");
    assert_eq!(
        period.lawful[0].max,
        Some(json!(18)),
        "the order lasts 18 months"
    );
    // A weekly total is at most 7 times the longest day (2 hours for the added curfew), so
    // well inside the 112-hour weekly cap.
    let hpw = param("curfew", "hours_per_week");
    assert_eq!(
        (hpw.lawful[0].min.clone(), hpw.lawful[0].max.clone()),
        (Some(json!(2)), Some(json!(14)))
    );
    assert!(hpw.exact, "{hpw:?}");
    // The order already has 120 hours of unpaid work: another may add 40 to 180.
    let upw = param("unpaid_work", "hours");
    assert_eq!(
        (upw.lawful[0].min.clone(), upw.lawful[0].max.clone()),
        (Some(json!(40)), Some(json!(180)))
    );
    assert!(!upw.exact);
    // The history rules also bound the hours (hours added on breach, orders made together).
    assert_eq!(
        upw.outside_fragment,
        strings(&[
            "history-upw-same-occasion",
            "history-upw-total-after-breach",
            "unpaid-work-total"
        ])
    );
    assert_eq!(
        param("alcohol_abstinence_monitoring", "days").lawful[0].max,
        Some(json!(120))
    );
    let at = case("alcohol_treatment");
    assert!(!at.addable);
    assert_eq!(
        at.blocked_by,
        strings(&[
            "aamr-with-alcohol-treatment",
            "alcohol-treatment-dependency"
        ])
    );
    assert_eq!(
        case("attendance_centre").blocked_by,
        strings(&["attendance-centre-available"])
    );
    // The item offered really is lawful when added.
    let mut doc = example("tests/examples/order_lawful.json");
    doc["requirements"]
        .as_array_mut()
        .unwrap()
        .push(case("curfew").item.clone());
    assert!(lawful_json(orders(), &doc));
}

#[test]
fn the_daily_curfew_limit_follows_the_conviction_date() {
    let ex = Explorer::new(orders(), None).unwrap();
    let mut doc = example("tests/examples/order_lawful.json");
    doc["offence_date"] = json!("2009-12-15");
    doc["conviction_date"] = json!("2010-04-20");
    doc["sentence_date"] = json!("2010-05-25");
    doc["requirements"] = json!([{ "kind": "unpaid_work", "punitive": true, "hours": 80 }]);
    let opts = ex.options_json(&doc).unwrap();
    let curfew = opts.cases.iter().find(|c| c.case == "curfew").unwrap();
    let hpd = curfew
        .params
        .iter()
        .find(|p| p.field == "hours_per_day")
        .unwrap();
    assert_eq!(hpd.lawful[0].display, "2 hours to 12 hours");
    let period = curfew.params.iter().find(|p| p.field == "period").unwrap();
    assert_eq!(period.lawful[0].max, Some(json!(6)));
}

#[test]
fn fixes_for_the_unlawful_curfew_order() {
    let ex = Explorer::new(orders(), None).unwrap();
    let doc = example("tests/examples/order_unlawful_curfew.json");
    let f = ex.fixes_json(&doc).unwrap();
    assert_eq!(
        f.errors_now,
        strings(&[
            "attendance-centre-hours",
            "curfew-daily-maximum",
            "curfew-electronic-monitoring",
            "curfew-period"
        ])
    );
    // A court mends the curfew before it removes it: the first fix changes values only, and
    // the fix that drops the curfew (two edits) comes after every fix that changes values.
    assert!(f.fixes[0].edits.iter().all(|e| e.op == EditOp::Replace));
    let drop = f
        .fixes
        .iter()
        .position(|x| {
            let edits: Vec<(String, Option<Json>)> = x
                .edits
                .iter()
                .map(|e| (e.path.clone(), e.value.clone()))
                .collect();
            edits
                == [
                    ("/requirements/1/hours".to_string(), Some(json!(36))),
                    ("/requirements/0".to_string(), None),
                ]
        })
        .expect("dropping the curfew is still offered");
    assert!(f.fixes[..drop]
        .iter()
        .all(|x| x.edits.iter().all(|e| e.op != EditOp::Remove)));
    // Mending the curfew in place takes four edits: 16 hours, 12 months, monitoring, and the
    // attendance centre hours (or dropping it).
    let in_place = f.fixes.iter().find(|x| {
        x.edits
            .iter()
            .any(|e| e.path == "/requirements/0/hours_per_day" && e.value == Some(json!(16)))
            && x.edits
                .iter()
                .any(|e| e.path == "/requirements/0/period" && e.value == Some(json!(12)))
            && x.edits
                .iter()
                .any(|e| e.path == "/requirements/0/em" && e.value == Some(json!(true)))
    });
    assert_eq!(in_place.map(|x| x.size), Some(4));
    for fix in &f.fixes {
        assert!(lawful_json(
            orders(),
            &apply_edits(&doc, &fix.edits).unwrap()
        ));
    }
}

#[test]
fn fixes_for_the_unlawful_alcohol_order() {
    let ex = Explorer::new(orders(), None).unwrap();
    let doc = example("tests/examples/order_unlawful_alcohol.json");
    let f = ex.fixes_json(&doc).unwrap();
    assert_eq!(f.errors_now.len(), 6);
    assert!(!f.fixes.is_empty());
    assert!(f.fixes.iter().all(|x| x.size == 4), "no smaller fix exists");
    let described: Vec<Vec<&str>> = f
        .fixes
        .iter()
        .map(|x| x.edits.iter().map(|e| e.describe.as_str()).collect())
        .collect();
    assert!(described.contains(&vec![
        "set requirements[0].punitive to yes",
        "set requirements[2].hours to 300 hours",
        "set length to 36 months",
        "remove requirements[1] (the alcohol abstinence monitoring item)"
    ]));
    for fix in &f.fixes {
        assert!(lawful_json(
            orders(),
            &apply_edits(&doc, &fix.edits).unwrap()
        ));
    }
}

#[test]
fn fixes_on_the_hand_made_rulebook() {
    let ex = Explorer::new(plans(), None).unwrap();
    let doc = example("tests/explore/plan.json");
    let f = ex.fixes_json(&doc).unwrap();
    assert_eq!(
        f.errors_now,
        strings(&["paint-approved", "paint-coats", "something-paid"])
    );
    // Changing values comes before removing a task, even when removing takes fewer edits.
    let last = f.fixes.last().unwrap();
    assert_eq!(last.size, 1);
    assert_eq!(last.edits[0].path, "/tasks/0");
    let edits = |x: &probity::explore::Fix| -> Vec<(String, Option<Json>)> {
        x.edits
            .iter()
            .map(|e| (e.path.clone(), e.value.clone()))
            .collect()
    };
    assert!(f.fixes.iter().any(|x| edits(x)
        == [
            ("/tasks/0/paid".to_string(), Some(json!(true))),
            ("/tasks/0/approved".to_string(), Some(json!(true))),
            ("/tasks/0/coats".to_string(), Some(json!(3)))
        ]));
    assert!(f.fixes.iter().any(|x| x
        .edits
        .iter()
        .any(|e| e.path == "/deposit" && e.value == Some(json!(1)))));
    let lawful = ex.fixes_json(&json!({ "budget": 6, "tasks": [] })).unwrap();
    assert!(lawful.lawful_now && lawful.fixes.is_empty());
}

#[test]
fn options_on_the_hand_made_rulebook() {
    let ex = Explorer::new(plans(), None).unwrap();
    let opts = ex
        .options_json(
            &json!({ "budget": 7, "tasks": [ { "kind": "build", "paid": true, "days": 4 } ] }),
        )
        .unwrap();
    let paint = opts.cases.iter().find(|c| c.case == "paint").unwrap();
    let coats = paint.params.iter().find(|p| p.field == "coats").unwrap();
    // 1 <= coats and coats * 2 <= 7.
    assert_eq!(coats.lawful[0].display, "1 to 3");
    assert!(coats.exact);
    let demolish = opts.cases.iter().find(|c| c.case == "demolish").unwrap();
    assert!(!demolish.addable);
    assert_eq!(demolish.blocked_by, strings(&["no-demolish-and-build"]));
    let inspect = opts.cases.iter().find(|c| c.case == "inspect").unwrap();
    assert!(inspect.addable && inspect.lawful_after);
}

#[test]
fn compatibility_matrix_for_the_lawful_order() {
    let ex = Explorer::new(orders(), None).unwrap();
    let m = ex
        .matrix_json(&example("tests/examples/order_lawful.json"))
        .unwrap();
    assert_eq!(m.pairs.len(), 231);
    assert_eq!(m.pairs.iter().filter(|p| p.lawful).count(), 90);
    let unlawful_alone: Vec<&str> = m
        .alone
        .iter()
        .filter(|c| !c.lawful)
        .map(|c| c.case.as_str())
        .collect();
    assert_eq!(
        unlawful_alone,
        [
            "activity",
            "supervision",
            "alcohol_treatment",
            "attendance_centre",
            "electronic_compliance_monitoring",
            "driving_prohibition",
            "public_event",
            "drinking_establishment",
            "restriction_zone"
        ]
    );
    let pair = |a: &str, b: &str| {
        m.pairs
            .iter()
            .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
            .unwrap()
    };
    let p = pair("alcohol_treatment", "alcohol_abstinence_monitoring");
    assert_eq!(p.pair_rules, strings(&["aamr-with-alcohol-treatment"]));
    // Compliance monitoring is unlawful alone but lawful with a curfew to monitor.
    assert!(pair("curfew", "electronic_compliance_monitoring").lawful);
    let ew = pair(
        "electronic_compliance_monitoring",
        "electronic_whereabouts_monitoring",
    );
    assert_eq!(
        ew.rules,
        strings(&["compliance-monitoring-needs-other-requirement"])
    );
    let forbidden_as_pairs: Vec<(&str, &str)> = m
        .pairs
        .iter()
        .filter(|p| !p.pair_rules.is_empty())
        .map(|p| (p.a.as_str(), p.b.as_str()))
        .collect();
    assert_eq!(
        forbidden_as_pairs,
        [("alcohol_treatment", "alcohol_abstinence_monitoring")]
    );
}

#[test]
fn the_curfew_in_the_document_clashes_with_work() {
    let ex = Explorer::new(orders(), None).unwrap();
    let mut doc = example("tests/examples/order_lawful.json");
    doc["offender"]["works_or_studies_from"] = json!("06:00");
    doc["offender"]["works_or_studies_until"] = json!("14:00");
    doc["requirements"][2]["from"] = json!("19:00");
    doc["requirements"][2]["until"] = json!("07:00");
    let t = timetable::from_document(&ex, &ex.read(&doc).unwrap());
    assert_eq!(t.entries.len(), 2);
    // Named by the rulebook's labels, never by paths or field names.
    assert_eq!(t.entries[0].label, "Curfew");
    assert_eq!(t.entries[1].label, "Usual start/end of work or study");
    let r = t.analyse().unwrap();
    assert_eq!(r.clashes.len(), 7, "one hour every morning");
    assert!(r
        .clashes
        .iter()
        .all(|c| c.from == "06:00" && c.until == "07:00" && c.minutes == 60));
    assert_eq!(
        r.clashes[0].day, "mon",
        "Sunday night's curfew runs into Monday"
    );
    assert_eq!(r.totals[0].week_minutes, 7 * 12 * 60);
    // The rulebook's own warning agrees.
    let report = probity::eval::check_json(orders(), &doc).unwrap();
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "curfew-clashes-with-work"));
}

#[test]
fn an_explicit_week_with_appointments_and_limits() {
    let entry = |label: &str, kind, days: &[&str], from: &str, until: &str| Entry {
        label: label.into(),
        kind,
        days: strings(days),
        from: from.into(),
        until: until.into(),
    };
    let t = Timetable {
        entries: vec![
            entry(
                "curfew",
                EntryKind::Requirement,
                &["mon", "tue", "wed", "thu", "fri"],
                "20:00",
                "08:00",
            ),
            entry(
                "programme",
                EntryKind::Requirement,
                &["tue"],
                "19:00",
                "21:00",
            ),
            entry(
                "unpaid work",
                EntryKind::Requirement,
                &["sat"],
                "07:00",
                "15:00",
            ),
            entry("mosque", EntryKind::Commitment, &["fri"], "12:00", "14:00"),
            entry("job", EntryKind::Commitment, &["sat"], "06:00", "08:00"),
        ],
        limits: vec![Limit {
            label: "curfew".into(),
            per_day_hours: Some(12),
            per_week_hours: Some(50),
            cite: "test".into(),
        }],
    };
    let r = t.analyse().unwrap();
    let clashes: Vec<(&str, &str, &str, &str, &str)> = r
        .clashes
        .iter()
        .map(|c| {
            (
                c.a.as_str(),
                c.b.as_str(),
                c.day.as_str(),
                c.from.as_str(),
                c.until.as_str(),
            )
        })
        .collect();
    assert_eq!(
        clashes,
        [
            ("curfew", "programme", "tue", "20:00", "21:00"),
            ("curfew", "unpaid work", "sat", "07:00", "08:00"),
            ("curfew", "job", "sat", "06:00", "08:00"),
            ("unpaid work", "job", "sat", "07:00", "08:00"),
        ]
    );
    let curfew = r.totals.iter().find(|t| t.label == "curfew").unwrap();
    assert_eq!((curfew.longest_minutes, curfew.week_minutes), (720, 3600));
    assert_eq!(r.over_limits.len(), 1);
    assert_eq!(r.over_limits[0].limit, "per_week");
    assert_eq!(r.over_limits[0].actual_minutes, 3600);
    // The grid splits the overnight curfew at midnight: Saturday starts with Friday's.
    let sat = &r.grid[5];
    assert_eq!(sat.blocks[0].label, "curfew");
    assert_eq!(
        (sat.blocks[0].from.as_str(), sat.blocks[0].until.as_str()),
        ("00:00", "08:00")
    );
    assert!(Timetable {
        entries: vec![entry(
            "x",
            EntryKind::Requirement,
            &["someday"],
            "10:00",
            "11:00"
        )],
        limits: vec![]
    }
    .analyse()
    .is_err());
}

#[test]
fn the_sweep_of_the_lawful_order() {
    let ex = Explorer::new(orders(), None).unwrap();
    let doc = ex
        .read(&example("tests/examples/order_lawful.json"))
        .unwrap();
    let s = ex.sweep(&doc, None).unwrap();
    assert_eq!(s.combinations, 1 << 22);
    // 14 kinds are available; every subset of them is lawful except the empty order, compliance
    // monitoring alone and compliance with whereabouts monitoring only.
    assert_eq!(s.lawful, (1 << 14) - 3);
    let reasons: Vec<(&str, u64)> = s
        .reasons
        .iter()
        .map(|r| (r.rule.as_str(), r.combinations))
        .collect();
    assert_eq!(
        reasons,
        [
            ("new-2026-requirements", (1 << 22) - (1 << 18)),
            ("activity-available", 1 << 21),
            ("alcohol-treatment-dependency", 1 << 21),
            ("attendance-centre-available", 1 << 21),
            ("supervision-available", 1 << 21),
            ("aamr-with-alcohol-treatment", 1 << 20),
            ("compliance-monitoring-needs-other-requirement", 2),
            ("at-least-one-requirement", 1),
            ("punitive-element", 1),
        ]
    );
    assert_eq!(s.unavailable.len(), 8);
    assert!(s.checks < 1000, "decomposed: {} checks", s.checks);
}

#[test]
fn the_sweep_of_the_hand_made_rulebook() {
    let ex = Explorer::new(plans(), None).unwrap();
    let doc = ex.read(&example("tests/explore/plan.json")).unwrap();
    let s = ex.sweep(&doc, None).unwrap();
    // build+demolish: 8; four or five tasks: 6; inspect without build or paint: 4; both of the
    // first two: 4. 32 - (8 + 6 + 4 - 4) = 18.
    assert_eq!((s.combinations, s.lawful), (32, 18));
    let reasons: Vec<(&str, u64)> = s
        .reasons
        .iter()
        .map(|r| (r.rule.as_str(), r.combinations))
        .collect();
    assert_eq!(
        reasons,
        [
            ("no-demolish-and-build", 8),
            ("at-most-three", 6),
            ("inspect-needs-work", 4)
        ]
    );
    let d = ex.sweep_direct(&doc, None).unwrap();
    assert_eq!((d.lawful, d.reasons.clone()), (s.lawful, s.reasons.clone()));
    assert_eq!(s.forbidden_pairs.len(), 1);
}

/// The decomposed sweep against checking every combination in full, on parts of the real
/// rulebook small enough to check directly.
#[test]
fn the_sweep_agrees_with_checking_every_combination() {
    let ex = Explorer::new(orders(), None).unwrap();
    let universes: Vec<Vec<String>> = vec![
        strings(&[
            "unpaid_work",
            "curfew",
            "electronic_compliance_monitoring",
            "electronic_whereabouts_monitoring",
            "alcohol_treatment",
            "alcohol_abstinence_monitoring",
            "attendance_centre",
            "activity",
            "drug_testing",
            "residence",
        ]),
        ex.list.cases[12..22].to_vec(),
        ex.list.cases[0..9].to_vec(),
    ];
    for file in [
        "tests/examples/order_lawful.json",
        "tests/examples/order_sso_2026.json",
        "tests/examples/order_unlawful_curfew.json",
        "tests/examples/order_unlawful_alcohol.json",
    ] {
        let doc = ex.read(&example(file)).unwrap();
        for u in &universes {
            let fast = ex.sweep(&doc, Some(u)).unwrap();
            let slow = ex.sweep_direct(&doc, Some(u)).unwrap();
            assert_eq!(fast.lawful, slow.lawful, "{file} {u:?}");
            assert_eq!(fast.reasons, slow.reasons, "{file} {u:?}");
        }
    }
}

/// Items to build orders from: lawful and unlawful parameters of several kinds.
fn pool() -> Vec<Json> {
    vec![
        json!({ "kind": "unpaid_work", "punitive": true, "hours": 120 }),
        json!({ "kind": "unpaid_work", "punitive": false, "hours": 320 }),
        json!({ "kind": "unpaid_work", "punitive": true, "hours": 20 }),
        json!({ "kind": "curfew", "punitive": true, "hours_per_day": 21, "period": 6, "em": true }),
        json!({ "kind": "curfew", "punitive": false, "hours_per_day": 8, "period": 30, "em": false }),
        json!({ "kind": "curfew", "punitive": true, "hours_per_day": 10, "period": 6, "em": true }),
        json!({ "kind": "alcohol_treatment", "punitive": false, "willing": false }),
        json!({ "kind": "alcohol_abstinence_monitoring", "punitive": false, "days": 150 }),
        json!({ "kind": "mental_health_treatment", "punitive": false, "willing": false }),
        json!({ "kind": "electronic_compliance_monitoring", "punitive": true, "third_party_consent": false }),
        json!({ "kind": "attendance_centre", "punitive": true, "hours": 40 }),
        json!({ "kind": "exclusion", "punitive": false, "period": 30, "em": true }),
        json!({ "kind": "drug_testing", "punitive": false, "misuse_linked": false }),
        json!({ "kind": "rehabilitation_activity", "punitive": false, "max_days": 20 }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Every fix suggested for a generated order, applied to its JSON, leaves it lawful.
    #[test]
    fn every_fix_makes_the_order_lawful(
        picks in proptest::collection::vec(0usize..14, 1..4),
        length in prop_oneof![Just(12i64), Just(24), Just(40)],
        dependent in any::<bool>(),
        fine in any::<bool>(),
    ) {
        let ex = Explorer::new(orders(), None).unwrap();
        let pool = pool();
        let mut doc = example("tests/examples/order_lawful.json");
        doc["length"] = json!(length);
        doc["offender"]["alcohol_dependent"] = json!(dependent);
        if fine {
            doc["fine"] = json!(100);
        }
        doc["requirements"] = Json::Array(picks.iter().map(|i| pool[*i].clone()).collect());
        let f = ex.fixes_json(&doc).unwrap();
        prop_assert_eq!(f.lawful_now, lawful_json(orders(), &doc));
        for fix in &f.fixes {
            let fixed = apply_edits(&doc, &fix.edits).unwrap();
            prop_assert!(lawful_json(orders(), &fixed), "{:?} on {}", fix.edits, doc);
        }
        if !f.lawful_now && f.complete {
            prop_assert!(!f.fixes.is_empty() || f.searched_up_to >= 1);
        }
    }
}

/// Numbers at the edge of what a document may hold give answers, not panics.
#[test]
fn extreme_numbers_do_not_panic() {
    let ex = Explorer::new(orders(), None).unwrap();
    let mut doc = example("tests/examples/order_unlawful_curfew.json");
    doc["requirements"][0]["hours_per_day"] = json!(i64::MAX);
    doc["requirements"][1]["hours"] = json!(i64::MAX);
    doc["length"] = json!(0);
    doc["fine"] = json!("79228162514264337593543950335");
    let f = ex.fixes_json(&doc).unwrap();
    for fix in &f.fixes {
        assert!(lawful_json(
            orders(),
            &apply_edits(&doc, &fix.edits).unwrap()
        ));
    }
    let _ = ex.options_json(&doc).unwrap();
    let _ = ex.matrix_json(&doc).unwrap();
    let read = ex.read(&doc).unwrap();
    let _ = ex
        .sweep(&read, Some(&strings(&["curfew", "unpaid_work"])))
        .unwrap();
    let _ = timetable::from_document(&ex, &read).analyse().unwrap();
}

#[test]
fn a_court_lowers_numbers_to_the_limit_before_removing_a_requirement() {
    let ex = Explorer::new(orders(), None).unwrap();
    let doc = support::upw_and_long_curfew(true);
    let f = ex.fixes_json(&doc).unwrap();
    let first: Vec<&str> = f.fixes[0]
        .edits
        .iter()
        .map(|e| e.sentence.as_str())
        .collect();
    // 16 hours a day is the most a uniform curfew may last under the weekly cap of 112 hours
    // (Sentencing Act 2020, Sch. 9, para 9(4)(c)): 16 * 7 = 112.
    assert_eq!(
        first,
        [
            "Unpaid work: reduce hours of unpaid work from 320 hours to 300 hours",
            "Curfew: reduce curfew hours a day from 21 hours to 16 hours",
        ]
    );
    for fix in &f.fixes {
        // No fix proposes a weekly total below the longest day (impossible facts).
        let after = apply_edits(&doc, &fix.edits).unwrap();
        let c = &after["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "curfew");
        if let Some(c) = c {
            if let Some(w) = c["hours_per_week"].as_i64() {
                assert!(w >= c["hours_per_day"].as_i64().unwrap(), "{fix:?}");
            }
        }
        assert!(lawful_json(orders(), &after));
    }
    // Removing the curfew is offered, after every fix that changes values only.
    let removal = f
        .fixes
        .iter()
        .position(|x| x.edits.iter().any(|e| e.sentence == "Remove the curfew"))
        .expect("removing the curfew is offered");
    assert!(f.fixes[..removal].iter().all(|x| x
        .edits
        .iter()
        .all(|e| e.op == EditOp::Replace || e.op == EditOp::Add && !e.path.ends_with("/-"))));
}

#[test]
fn fixes_add_no_requirement_unless_asked() {
    let ex = Explorer::new(orders(), None).unwrap();
    let doc = support::upw_and_long_curfew(false);
    let added = |f: &probity::explore::Fixes| {
        f.fixes
            .iter()
            .any(|x| x.edits.iter().any(|e| e.path == "/requirements/-"))
    };
    let f = ex.fixes_json(&doc).unwrap();
    assert!(!f.fixes.is_empty());
    assert!(
        !added(&f),
        "no requirement is added to satisfy another rule"
    );
    // The punitive element is met by marking a requirement the order holds, or a fine.
    assert!(f.fixes.iter().all(|x| x
        .edits
        .iter()
        .any(|e| e.path.ends_with("/punitive") || e.path == "/fine")));
    let asked = ex
        .fixes_json_with(&doc, FixOptions { add_items: true })
        .unwrap();
    assert!(
        added(&asked),
        "asked for, an added requirement may stand in"
    );
    // An added item says every field it sets, so nothing is marked punitive silently.
    for e in asked.fixes.iter().flat_map(|x| &x.edits) {
        if e.path == "/requirements/-"
            && e.value
                .as_ref()
                .is_some_and(|v| v["punitive"] == json!(true))
        {
            assert!(
                e.sentence.contains("imposed as punishment: yes"),
                "{}",
                e.sentence
            );
        }
    }
}

#[test]
fn a_blank_free_text_fact_narrows_the_answers_instead_of_voiding_them() {
    let ex = Explorer::new(orders(), None).unwrap();
    let mut doc = support::upw_and_long_curfew(true);
    let with_area = ex.matrix_json(&doc).unwrap();
    let fixes_with_area = ex.fixes_json(&doc).unwrap();
    for blank in [Json::Null, json!("")] {
        doc["home_local_justice_area"] = blank.clone();
        if blank.is_null() {
            doc.as_object_mut()
                .unwrap()
                .remove("home_local_justice_area");
        }
        // The checker still reports the missing area...
        let report = probity::eval::check_json(orders(), &doc).unwrap();
        assert!(report
            .findings
            .iter()
            .any(|f| f.rule == "home-local-justice-area"));
        // ...but the explorer answers the rest, saying what waits on it.
        let f = ex.fixes_json(&doc).unwrap();
        assert_eq!(f.missing.len(), 1, "{blank}");
        assert_eq!(f.missing[0].path, "home_local_justice_area");
        assert_eq!(
            f.missing[0].sentence,
            "Not known until “Home local justice area” is given"
        );
        assert_eq!(f.missing[0].rules, strings(&["home-local-justice-area"]));
        assert!(!f
            .errors_now
            .contains(&"home-local-justice-area".to_string()));
        assert_eq!(
            f.fixes.iter().map(|x| &x.edits).collect::<Vec<_>>(),
            fixes_with_area
                .fixes
                .iter()
                .map(|x| &x.edits)
                .collect::<Vec<_>>()
        );
        let m = ex.matrix_json(&doc).unwrap();
        assert_eq!(m.missing, f.missing);
        let lawful = |m: &probity::explore::Matrix| m.pairs.iter().filter(|p| p.lawful).count();
        assert!(lawful(&m) > 0);
        assert_eq!(lawful(&m), lawful(&with_area));
    }
    assert!(with_area.missing.is_empty() && fixes_with_area.missing.is_empty());
}

#[test]
fn a_finding_names_the_field_to_correct_first() {
    let mut doc = support::upw_and_long_curfew(true);
    doc.as_object_mut()
        .unwrap()
        .remove("home_local_justice_area");
    doc["offence_date"] = json!("2023-03-03");
    let report = probity::eval::check_json(orders(), &doc).unwrap();
    let paths = |rule: &str| {
        report
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule}"))
            .paths
            .clone()
    };
    // The area is empty: the finding is about it, not about the order's kind (its `when`).
    assert_eq!(
        paths("home-local-justice-area")[0],
        "home_local_justice_area"
    );
    assert_eq!(paths("facts-offence-before-conviction")[0], "offence_date");
}
