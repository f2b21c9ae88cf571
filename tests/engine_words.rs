//! The engine's own words in Welsh: with a session's language set to Welsh, every sentence the
//! engine writes itself (fix sentences, the "why" of each finding, route reasons, values with
//! their units and dates, the explorer's "not known until") is Welsh. The phrases live in
//! `probity::phrases`; its own tests fail on a phrase without Welsh. These fail when a sentence
//! built by the engine still carries English words.

mod support;

use probity::api::{Language, Session, SHIPPED};
use serde_json::json;

/// English words the engine's sentences used; none may appear in its Welsh.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "of",
    "and",
    "or",
    "at",
    "most",
    "least",
    "less",
    "more",
    "than",
    "because",
    "row",
    "rows",
    "hours",
    "hour",
    "days",
    "day",
    "months",
    "month",
    "years",
    "year",
    "weeks",
    "week",
    "yes",
    "no",
    "Reduce",
    "Increase",
    "Change",
    "Record",
    "Remove",
    "Add",
    "from",
    "to",
    "item",
    "items",
    "recorded",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Not",
    "known",
    "until",
    "given",
    "when",
    "taken",
    "as",
    "plus",
    "minus",
    "times",
    "every",
    "one",
    "number",
    "total",
    "if",
    "then",
    "else",
    "document",
    "among",
];

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| ENGLISH.contains(w))
        .map(str::to_string)
        .collect()
}

fn session(file: &str, language: Language) -> Session {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/{file}")).expect("rule file");
    let mut s = Session::compile([(file, text)]).session.expect("compiles");
    s.set_language(language);
    s
}

#[test]
fn fixes_are_said_in_welsh_from_the_rulebook_labels() {
    let english = session("rules/community_orders.rules", Language::English);
    let first = |s: &Session| -> Vec<String> {
        let f = s
            .explore_fixes(&support::upw_and_long_curfew(true), None)
            .expect("fixes");
        f.fixes[0]
            .edits
            .iter()
            .map(|e| e.sentence.clone())
            .collect()
    };
    assert_eq!(
        first(&english),
        [
            "Unpaid work: reduce hours of unpaid work from 320 hours to 300 hours",
            "Curfew: reduce curfew hours a day from 21 hours to 16 hours",
        ]
    );
    let welsh = session("rules/community_orders.rules", Language::Welsh);
    assert_eq!(
        first(&welsh),
        [
            "Gwaith di-dâl: lleihau oriau o waith di-dâl o 320 awr i 300 awr",
            "Cyrffyw: lleihau oriau cyrffyw y dydd o 21 awr i 16 awr",
        ]
    );
    let all = welsh
        .explore_fixes(&support::upw_and_long_curfew(true), None)
        .expect("fixes");
    for e in all.fixes.iter().flat_map(|f| &f.edits) {
        assert!(
            english_words(&e.sentence).is_empty(),
            "English in a Welsh fix: {:?} in {}",
            english_words(&e.sentence),
            e.sentence
        );
    }
}

/// Every example document of every shipped rulebook, checked in Welsh: each finding's "why", each
/// route's reason and trace, and every value shown in them reads without English words.
#[test]
fn every_trace_and_route_reason_reads_in_welsh() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut examples: Vec<String> = std::fs::read_dir(format!("{root}/tests/examples"))
        .expect("examples")
        .filter_map(|e| e.ok())
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    examples.sort();
    let mut seen = 0;
    let mut problems = Vec::new();
    for book in SHIPPED {
        let s = session(book.file, Language::Welsh);
        for path in &examples {
            let text = std::fs::read_to_string(path).expect("example");
            let Some(report) = s.check_text(&text).report else {
                continue;
            };
            if !report.errors.is_empty() {
                continue;
            }
            let mut texts: Vec<String> = Vec::new();
            for f in &report.findings {
                for fact in &f.trace {
                    texts.push(fact.words.clone());
                    texts.extend(fact.values.iter().map(|v| v.words.clone()));
                    texts.extend(fact.values.iter().map(|v| v.value.clone()));
                }
            }
            for r in &report.routes {
                texts.push(r.reason.clone());
                for fact in &r.trace {
                    texts.push(fact.words.clone());
                }
            }
            seen += texts.len();
            for t in texts {
                let found = english_words(&t);
                if !found.is_empty() {
                    problems.push(format!("{} / {path}: {found:?} in {t:?}", book.name));
                }
            }
        }
    }
    assert!(seen > 50, "only {seen} texts were checked");
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn values_are_welsh_with_the_singular_after_a_numeral() {
    let s = session("rules/community_orders.rules", Language::Welsh);
    let mut doc = support::upw_and_long_curfew(true);
    doc["requirements"][1]["hours_per_day"] = json!(21);
    let report = s.check_text(&doc.to_string()).report.expect("report");
    let words: Vec<String> = report
        .findings
        .iter()
        .flat_map(|f| &f.trace)
        .map(|f| f.words.clone())
        .collect();
    for said in [
        "dim mwy na 20 awr",
        "dim mwy na 112 awr",
        "mewn unrhyw 7 diwrnod",
    ] {
        assert!(
            words.iter().any(|w| w.contains(said)),
            "no '{said}' in {words:#?}"
        );
    }
    assert!(
        words.iter().all(|w| !w.contains("oriau oriau")),
        "{words:#?}"
    );
}

#[test]
fn a_route_gives_its_reason_in_welsh() {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/tests/examples/case_high_rosh_2016.json"))
        .expect("example");
    let english = session("rules/routing.rules", Language::English);
    let welsh = session("rules/routing.rules", Language::Welsh);
    let en = english.check_text(&text).report.expect("report");
    let cy = welsh.check_text(&text).report.expect("report");
    let (en, cy) = (&en.routes[0].reason, &cy.routes[0].reason);
    assert!(en.contains("because") && en.contains("(row "), "{en}");
    assert!(cy.contains("oherwydd") && cy.contains("(rhes "), "{cy}");
    assert!(english_words(cy).is_empty(), "{cy}");
    eprintln!("{en}\n{cy}");
}

/// A routes table's findings (`<table>/no-route`, `<table>/overlap`) show its `applies when` in
/// their "why", since the table decided only because it held.
#[test]
fn a_route_finding_shows_the_condition_the_table_applies_when() {
    let text = r#"
rulebook t
document c: Case
enum Regime { law, proposal_2012 }
enum Who { public, competed }
enum Risk { low, high }
record Case { regime: Regime, risk: Risk }
routes proposal title "2012 proposal" cite "c" explain "e"
  decides Who
  hit policy unique
  applies when c.regime == proposal_2012
  when c.risk == high => public
  when c.risk == high => competed
"#;
    let s = Session::compile([("t.rules", text.to_string())])
        .session
        .expect("compiles");
    for (risk, finding) in [("low", "proposal/no-route"), ("high", "proposal/overlap")] {
        let doc = json!({ "regime": "proposal_2012", "risk": risk }).to_string();
        let report = s.check_text(&doc).report.expect("report");
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == finding)
            .unwrap_or_else(|| panic!("{finding} in {:?}", report.findings));
        assert_eq!(
            f.trace[0].words, "the regime is proposal 2012",
            "{:?}",
            f.trace
        );
        assert!(f.trace[0].holds);
        assert_eq!(f.trace[0].values[0].path.as_deref(), Some("regime"));
    }
}

/// The explorer's week names each entry by the rulebook's labels, in the session's language.
#[test]
fn the_week_names_its_entries_by_their_labels_in_welsh() {
    let mut doc = support::upw_and_long_curfew(true);
    doc["offender"]["works_or_studies_from"] = json!("06:00");
    doc["offender"]["works_or_studies_until"] = json!("14:00");
    doc["requirements"][1]["from"] = json!("19:00");
    doc["requirements"][1]["until"] = json!("07:00");
    let labels = |s: &Session, doc: &serde_json::Value| -> Vec<String> {
        let t = s.explore_timetable(doc, None).expect("timetable");
        t.entries.iter().map(|e| e.label.clone()).collect()
    };
    let english = session("rules/community_orders.rules", Language::English);
    assert_eq!(
        labels(&english, &doc),
        ["Curfew", "Usual start/end of work or study"]
    );
    let welsh = session("rules/community_orders.rules", Language::Welsh);
    assert_eq!(
        labels(&welsh, &doc),
        [
            "Cyrffyw",
            "Amser arferol dechrau/gorffen gwaith neu astudio"
        ]
    );
    let t = welsh.explore_timetable(&doc, None).expect("timetable");
    assert_eq!(
        t.timed_record_words,
        ["Amser arferol dechrau/gorffen gwaith neu astudio"]
    );
    // Two curfews: each by its place in the list.
    let curfew = doc["requirements"][1].clone();
    doc["requirements"]
        .as_array_mut()
        .expect("a list")
        .push(curfew);
    assert_eq!(
        labels(&welsh, &doc),
        [
            "Cyrffyw (eitem 2)",
            "Cyrffyw (eitem 3)",
            "Amser arferol dechrau/gorffen gwaith neu astudio"
        ]
    );
}

/// What the document reader says of a value the form cannot take, in Welsh.
#[test]
fn the_document_readers_messages_are_welsh() {
    let s = session("rules/community_orders.rules", Language::Welsh);
    let mut said = Vec::new();
    for (hours, date) in [
        (json!(-3), json!("2023-04-06")),
        (json!("abc"), json!("6/4/2023")),
    ] {
        let mut doc = support::upw_and_long_curfew(true);
        doc["requirements"][0]["hours"] = hours;
        doc["sentence_date"] = date;
        let out = s.check_text(&doc.to_string());
        said.extend(out.diagnostics.iter().map(|d| d.message.clone()));
    }
    assert!(
        said.contains(&"Ni all -3 awr fod yn negyddol".to_string()),
        "{said:?}"
    );
    assert!(
        said.contains(&"disgwylid nifer o oriau, cafwyd testun".to_string()),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|m| m.starts_with("Nid yw \"6/4/2023\" yn ddyddiad")),
        "{said:?}"
    );
    for m in &said {
        assert!(english_words(m).is_empty(), "English in {m}");
    }
}

/// The reader's structural messages (a missing field, an unknown field or kind, a kind left out)
/// name the field or item by the rulebook's label, in both languages.
#[test]
fn the_document_readers_structural_messages_use_labels_in_both_languages() {
    let mut doc = support::upw_and_long_curfew(true);
    doc.as_object_mut().expect("an object").remove("kind");
    doc["requirements"][1]["hours_a_day"] = json!(3);
    doc["requirements"][0]["kind"] = json!("unpaid_wrok");
    doc["requirements"]
        .as_array_mut()
        .expect("a list")
        .push(json!({ "punitive": false }));
    let said = |language| -> Vec<String> {
        let s = session("rules/community_orders.rules", language);
        let mut m: Vec<String> = s
            .check_text(&doc.to_string())
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        m.sort();
        m
    };
    let en = said(Language::English);
    for want in [
        "Kind of order is missing",
        "“Curfew” has no field \"hours_a_day\"",
        "\"unpaid_wrok\" is not a kind of requirements;",
        "(did you mean \"unpaid_work\"?)",
        "the kind of this item is missing: say which it is (",
    ] {
        assert!(
            en.iter().any(|m| m.contains(want)),
            "no {want:?} in {en:#?}"
        );
    }
    let cy = said(Language::Welsh);
    for want in [
        "Math o orchymyn: ar goll",
        "Nid oes maes \"hours_a_day\" gan gyrffyw",
        "Nid yw \"unpaid_wrok\" yn fath o ofynion;",
        "(oeddech chi'n golygu \"unpaid_work\"?)",
        "Mae math yr eitem hon ar goll: dywedwch pa un ydyw (",
    ] {
        assert!(
            cy.iter().any(|m| m.contains(want)),
            "no {want:?} in {cy:#?}"
        );
    }
    for m in &cy {
        // The names the document must use (`unpaid_work`) stay as written.
        let m = m.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        assert!(english_words(&m).is_empty(), "English in {m}");
    }
}
