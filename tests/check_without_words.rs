//! `eval::check_without_words` (what the explorer scores its candidate edits with) gives the
//! Report `eval::check` gives with the words taken out: the same verdict, findings, paths,
//! messages, facts, routes and errors; only each fact's `words` and each route's `reason` are
//! left empty. Likewise `eval::check_places` (what it now scores them with): the same report
//! with every message, trace and reason left empty. Over every example against every rulebook
//! that reads it, and every rule test.

mod support;
use serde_json::Value as Json;
use support::{compile_file, files, root};

/// A report as JSON with every `words` and `reason` emptied.
fn without_words(mut v: Json) -> Json {
    fn blank(v: &mut Json) {
        match v {
            Json::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "words" || k == "reason" {
                        *x = Json::String(String::new());
                    } else {
                        blank(x);
                    }
                }
            }
            Json::Array(a) => a.iter_mut().for_each(blank),
            _ => {}
        }
    }
    blank(&mut v);
    v
}

/// A report as JSON with only its findings' places left: every `message`, `reason` and
/// `trace` emptied.
fn places_only(mut v: Json) -> Json {
    fn blank(v: &mut Json) {
        match v {
            Json::Object(m) => {
                for (k, x) in m.iter_mut() {
                    match k.as_str() {
                        "message" | "reason" => *x = Json::String(String::new()),
                        "trace" => *x = Json::Array(Vec::new()),
                        _ => blank(x),
                    }
                }
            }
            Json::Array(a) => a.iter_mut().for_each(blank),
            _ => {}
        }
    }
    blank(&mut v);
    v
}

/// Every example document each shipped rulebook reads, and its own rule tests' documents, with
/// the full report of each: calls `compare` on (program, document, report) and counts them.
fn each_checked(
    compare: impl Fn(&probity::ir::Program, &probity::ir::Value, &Json, Json),
) -> usize {
    let programs: Vec<_> = files(&root().join("rules"), "rules")
        .iter()
        .map(compile_file)
        .collect();
    let examples: Vec<Json> = files(&root().join("tests/examples"), "json")
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("json"))
        .collect();
    let mut compared = 0;
    for program in &programs {
        let docs = examples
            .iter()
            .chain(program.tests.iter().map(|t| &t.document));
        for json in docs {
            let Ok(doc) = probity::doc::read(program, json) else {
                continue;
            };
            let full = serde_json::to_value(probity::eval::check(program, &doc)).expect("json");
            compare(program, &doc, json, full);
            compared += 1;
        }
    }
    compared
}

#[test]
fn the_same_report_without_its_words() {
    let compared = each_checked(|program, doc, json, full| {
        let plain = probity::eval::check_without_words(program, doc);
        assert!(plain
            .findings
            .iter()
            .all(|f| f.trace.iter().all(|t| t.words.is_empty())));
        let plain = serde_json::to_value(plain).expect("json");
        assert_eq!(without_words(full), plain, "{json}");
    });
    assert!(compared > 50, "only {compared} documents compared");
}

#[test]
fn the_same_findings_in_the_same_places_without_their_explanations() {
    let compared = each_checked(|program, doc, json, full| {
        let places = probity::eval::check_places(program, doc);
        assert!(places.findings.iter().all(|f| f.trace.is_empty()));
        let places = serde_json::to_value(places).expect("json");
        assert_eq!(places_only(full), places, "{json}");
    });
    assert!(compared > 50, "only {compared} documents compared");
}
