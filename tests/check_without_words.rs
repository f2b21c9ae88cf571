//! `eval::check_without_words` (what the explorer scores its candidate edits with) gives the
//! Report `eval::check` gives with the words taken out: the same verdict, findings, paths,
//! messages, facts, routes and errors; only each fact's `words` and each route's `reason` are
//! left empty. Over every example against every rulebook that reads it, and every rule test.

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

#[test]
fn the_same_report_without_its_words() {
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
            let plain = probity::eval::check_without_words(program, &doc);
            assert!(plain
                .findings
                .iter()
                .all(|f| f.trace.iter().all(|t| t.words.is_empty())));
            let plain = serde_json::to_value(plain).expect("json");
            assert_eq!(without_words(full), plain, "{json}");
            compared += 1;
        }
    }
    assert!(compared > 50, "only {compared} documents compared");
}
