//! Words for people: labels, hints and units of schema items, the Welsh of a rulebook's text, and
//! the checks that every shipped rulebook gives them (W0126 labels, W0127 Welsh).

use probity::api::{Language, Session, SHIPPED};

const BOOK: &str = r#"
rulebook t
  title "Curfews"
  cy "Cyrffyw"
document order: Order
enum Kind {
  community_order label "Community order" cy "Gorchymyn cymunedol",
  custody label "Immediate custody" cy "Carchar ar unwaith" hint "Not suspended" cy "Heb ei ohirio"
}
record Order {
  kind: Kind label "Kind of order" cy "Math o orchymyn"
  hours: hours label "Curfew hours a day" cy "Oriau cyrffyw y dydd"
    hint "The longest day" cy "Y diwrnod hiraf"
  fine: optional money label "Fine" cy "Dirwy"
}
rule max-hours
  title "A curfew is at most 16 hours a day"
  cy "Mae cyrffyw yn 16 awr y dydd ar y mwyaf"
  cite "Sentencing Act 2020, Sch. 9, para 9(3)"
  explain "Sixteen hours at most."
  cy "Un awr ar bymtheg ar y mwyaf."
  require order.hours <= 16 hours
  message "{order.hours} is more than 16 hours a day"
  cy "Mae {order.hours} yn fwy nag 16 awr y dydd"
"#;

fn session(text: &str) -> (Option<Session>, Vec<(String, String)>) {
    let c = Session::compile([("t.rules", text)]);
    let diags = c
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.message.clone()))
        .collect();
    (c.session, diags)
}

#[test]
fn the_schema_carries_labels_hints_and_units() {
    let (s, diags) = session(BOOK);
    assert!(diags.is_empty(), "{diags:?}");
    let s = s.expect("compiles");
    let view = s.schema();
    let order = view
        .records
        .iter()
        .find(|r| r.name == "Order")
        .expect("Order");
    let hours = order
        .fields
        .iter()
        .find(|f| f.name == "hours")
        .expect("hours");
    assert_eq!(hours.label, "Curfew hours a day");
    assert_eq!(hours.hint.as_deref(), Some("The longest day"));
    assert_eq!(hours.unit.as_deref(), Some("hours"));
    let fine = order
        .fields
        .iter()
        .find(|f| f.name == "fine")
        .expect("fine");
    assert_eq!(fine.unit.as_deref(), Some("£"));
    let kind = view.enums.iter().find(|e| e.name == "Kind").expect("Kind");
    assert_eq!(kind.values, ["community_order", "custody"]);
    assert_eq!(kind.labels, ["Community order", "Immediate custody"]);
    assert_eq!(kind.hints, [None, Some("Not suspended".to_string())]);
}

#[test]
fn a_missing_required_field_is_named_by_its_label() {
    let (s, _) = session(BOOK);
    let s = s.expect("compiles");
    let out = s.check_text(r#"{"hours": 3}"#);
    let d = out.diagnostics.first().expect("a diagnostic");
    assert_eq!(d.code, "D0009");
    assert_eq!(d.message, "Kind of order is missing");
    let mut s = s;
    s.set_language(Language::Welsh);
    let out = s.check_text(r#"{"hours": 3}"#);
    assert_eq!(out.diagnostics[0].message, "Math o orchymyn: ar goll");
}

#[test]
fn welsh_is_given_when_asked_for_and_english_again_after() {
    let (s, _) = session(BOOK);
    let mut s = s.expect("compiles");
    let doc = r#"{"kind": "custody", "hours": 20}"#;
    let english = s.check_text(doc).report.expect("report");
    assert_eq!(
        english.findings[0].message,
        "20 hours is more than 16 hours a day"
    );

    s.set_language(Language::Welsh);
    assert_eq!(s.language(), Language::Welsh);
    let welsh = s.check_text(doc).report.expect("report");
    let f = &welsh.findings[0];
    assert_eq!(f.title, "Mae cyrffyw yn 16 awr y dydd ar y mwyaf");
    assert_eq!(f.explain, "Un awr ar bymtheg ar y mwyaf.");
    assert!(f.message.starts_with("Mae 20 "), "{}", f.message);
    assert_eq!(s.info()[0].title, "Cyrffyw");
    let view = s.schema();
    let kind = view.enums.iter().find(|e| e.name == "Kind").expect("Kind");
    assert_eq!(kind.labels, ["Gorchymyn cymunedol", "Carchar ar unwaith"]);
    assert_eq!(kind.values, ["community_order", "custody"]);
    let order = view
        .records
        .iter()
        .find(|r| r.name == "Order")
        .expect("Order");
    assert_eq!(order.fields[1].label, "Oriau cyrffyw y dydd");
    assert_eq!(order.fields[1].unit.as_deref(), Some("oriau"));

    s.set_language(Language::English);
    let again = s.check_text(doc).report.expect("report");
    assert_eq!(again.findings[0].message, english.findings[0].message);
    assert_eq!(again.findings[0].title, english.findings[0].title);
    assert_eq!(s.info()[0].title, "Curfews");
}

#[test]
fn an_unlabelled_field_is_warned_of_once_others_have_labels() {
    let text = BOOK.replace(
        r#"fine: optional money label "Fine" cy "Dirwy""#,
        "fine: optional money",
    );
    let (s, diags) = session(&text);
    assert!(s.is_some());
    let codes: Vec<&str> = diags.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["W0126"], "{diags:?}");
    assert!(diags[0].1.contains("`fine`"));
    // The name as words stands in for the label.
    let view = s.expect("compiles").schema();
    let order = view
        .records
        .iter()
        .find(|r| r.name == "Order")
        .expect("Order");
    assert_eq!(order.fields[2].label, "Fine");
}

#[test]
fn a_missing_welsh_text_is_warned_of_once_others_have_it() {
    // The rulebook's title is in Welsh, so a declaration's title without it is warned of.
    let text = BOOK.replace("  cy \"Mae cyrffyw yn 16 awr y dydd ar y mwyaf\"\n", "");
    let (_, diags) = session(&text);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].0, "W0127");
    assert!(diags[0].1.contains("title of `max-hours`"), "{diags:?}");
    // No explanation in Welsh at all: a kind not yet translated is not warned of.
    let text = BOOK.replace("  cy \"Un awr ar bymtheg ar y mwyaf.\"\n", "");
    let (_, diags) = session(&text);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn a_welsh_message_showing_other_values_is_warned_of() {
    let text = BOOK.replace(
        "cy \"Mae {order.hours} yn fwy nag 16 awr y dydd\"",
        "cy \"Mae'r cyrffyw yn rhy hir\"",
    );
    let (_, diags) = session(&text);
    let codes: Vec<&str> = diags.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["W0128"], "{diags:?}");
}

#[test]
fn welsh_after_a_clause_without_words_is_an_error() {
    let text = BOOK.replace(
        "cite \"Sentencing Act 2020, Sch. 9, para 9(3)\"",
        "cite \"Sentencing Act 2020, Sch. 9, para 9(3)\" cy \"Deddf\"",
    );
    let (s, diags) = session(&text);
    assert!(s.is_none());
    assert_eq!(diags[0].0, "E0156", "{diags:?}");
}

#[test]
fn welsh_message_holes_are_checked() {
    let text = BOOK.replace("cy \"Mae {order.hours}", "cy \"Mae {order.hour}");
    let (s, diags) = session(&text);
    assert!(s.is_none());
    assert!(diags.iter().any(|(c, _)| c == "E0205"), "{diags:?}");
}

/// The shipped rulebooks, compiled, with the W0126/W0127 warnings each gives.
fn shipped_warnings(code: &str) -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    for book in SHIPPED {
        let text = std::fs::read_to_string(format!("{root}/{}", book.file)).expect("rule file");
        let c = Session::compile([(book.file, text)]);
        assert!(c.session.is_some(), "{} compiles", book.name);
        for d in c.diagnostics.iter().filter(|d| d.code == code) {
            out.push(format!("{}: {}", book.name, d.message));
        }
    }
    out
}

#[test]
fn every_field_value_and_case_of_every_shipped_rulebook_has_a_label() {
    let missing = shipped_warnings("W0126");
    assert!(
        missing.is_empty(),
        "{} without a label:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// Every shipped rulebook labels its whole schema (W0126 fires only once a rulebook has labels).
#[test]
fn every_shipped_rulebook_labels_its_whole_schema() {
    let root = env!("CARGO_MANIFEST_DIR");
    for book in SHIPPED {
        let text = std::fs::read_to_string(format!("{root}/{}", book.file)).expect("rule file");
        let s = Session::compile([(book.file, text)])
            .session
            .expect("compiles");
        let schema = &s.program().schema;
        let mut missing: Vec<String> = Vec::new();
        for e in &schema.enums {
            for (v, w) in e.values.iter().zip(&e.words) {
                if w.label.is_none() {
                    missing.push(format!("{}.{v}", e.name));
                }
            }
        }
        for r in &schema.records {
            for f in r.fields.iter().filter(|f| f.words.label.is_none()) {
                missing.push(format!("{}.{}", r.name, f.name));
            }
        }
        for v in &schema.variants {
            for c in &v.cases {
                if c.words.label.is_none() {
                    missing.push(format!("{}.{}", v.name, c.name));
                }
                for f in c.fields.iter().filter(|f| f.words.label.is_none()) {
                    missing.push(format!("{}.{}.{}", v.name, c.name, f.name));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "{} without a label: {missing:?}",
            book.name
        );
    }
}

/// Every label, hint, title and message of every shipped rulebook has its Welsh (W0127 fires, kind
/// by kind, once a rulebook gives some Welsh; every shipped rulebook gives it for these kinds).
#[test]
fn every_shipped_text_has_its_welsh() {
    let missing = shipped_warnings("W0127");
    assert!(
        missing.is_empty(),
        "{} without Welsh:\n{}",
        missing.len(),
        missing.join("\n")
    );
    let holes = shipped_warnings("W0128");
    assert!(holes.is_empty(), "{}", holes.join("\n"));
}

/// The texts of a shipped rulebook that stay English when Welsh is asked for, by kind.
fn untranslated(book: &probity::api::ShippedRulebook) -> (usize, usize, usize, usize) {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/{}", book.file)).expect("rule file");
    let english = Session::compile([(book.file, text.clone())])
        .session
        .expect("compiles");
    let mut welsh = Session::compile([(book.file, text)])
        .session
        .expect("compiles");
    welsh.set_language(Language::Welsh);
    let (en, cy) = (english.program(), welsh.program());
    let same = |a: &str, b: &str| a == b && !a.is_empty();
    let pairs = || en.metas().zip(cy.metas());
    let titles = pairs().filter(|(a, b)| same(&a.title, &b.title)).count();
    let explains = pairs()
        .filter(|(a, b)| same(&a.explain, &b.explain))
        .count();
    let messages = en
        .rules
        .iter()
        .zip(&cy.rules)
        .map(|(a, b)| (&a.message, &b.message))
        .chain(
            en.conflicts
                .iter()
                .zip(&cy.conflicts)
                .map(|(a, b)| (&a.message, &b.message)),
        )
        .filter(|(a, b)| !a.is_empty() && format!("{a:?}") == format!("{b:?}"))
        .count();
    let labels = en
        .schema
        .enums
        .iter()
        .zip(&cy.schema.enums)
        .flat_map(|(a, b)| a.words.iter().zip(&b.words))
        .filter(|(a, b)| a.label.is_some() && a.label == b.label)
        .count();
    (titles, messages, labels, explains)
}

/// Asked for Welsh, a shipped rulebook gives every title, message, label and explanation in
/// Welsh (none stays in English).
#[test]
fn shipped_rulebooks_answer_in_welsh() {
    for book in SHIPPED {
        assert_eq!(untranslated(&book), (0, 0, 0, 0), "{}", book.name);
    }
}
