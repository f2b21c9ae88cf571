//! Tests of the WebAssembly face in a real browser (wasm-bindgen-test in headless Chromium): the
//! shipped rulebooks compile, documents check to plain Report objects, bad input comes back as
//! diagnostics (never an exception), and listings carry the words the explainer shows.
//! Run: CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!      CHROMEDRIVER=/usr/bin/chromedriver \
//!      cargo test --target wasm32-unknown-unknown --no-default-features --features tools --test wasm
//! (.ci/test.d/20-wasm-face). With `page` instead of `tools` (the page's start-up module, which
//! loads rulebooks compiled at build time and cannot compile text), the tests of compiling, lint
//! and the commissioning plan are left out and the rest (the rule tests and describe included)
//! still run, on rulebooks loaded with `loadCompiled`.
#![cfg(target_arch = "wasm32")]

use probity::wasm;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod wasm_helpers;
use wasm_helpers::{js, plain, shipped};

fn example(name: &str) -> Value {
    let text = match name {
        "order_unlawful_curfew" => include_str!("examples/order_unlawful_curfew.json"),
        "order_lawful" => include_str!("examples/order_lawful.json"),
        "contract_private_court_advice" => {
            include_str!("examples/contract_private_court_advice.json")
        }
        "case_high_rosh_2016" => include_str!("examples/case_high_rosh_2016.json"),
        "contract_lawful" => include_str!("examples/contract_lawful.json"),
        _ => "null",
    };
    serde_json::from_str(text).unwrap_or(Value::Null)
}

fn rules_of(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["rule"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn every_shipped_rulebook_compiles_and_passes_its_tests() {
    let names = plain(wasm::shipped_rulebooks());
    let names: Vec<&str> = names
        .as_array()
        .map(|a| a.iter().filter_map(|b| b["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        names,
        [
            "community_orders",
            "routing",
            "contracts",
            "commissioning_plan",
            "post_sentence_supervision",
            "tiering"
        ]
    );
    // Each is listed with the path of its text inside the package (rules/, beside the module).
    let files = plain(wasm::shipped_rulebooks());
    for b in files.as_array().into_iter().flatten() {
        assert_eq!(
            b["file"],
            format!("rules/{}.rules", b["name"].as_str().unwrap_or(""))
        );
        assert!(
            b.get("text").is_none(),
            "the text is fetched, not embedded: {b}"
        );
    }
    for name in names {
        let book = shipped(name);
        #[cfg(feature = "authoring")]
        {
            let run = plain(book.run_tests());
            assert_eq!(run["failed"], 0, "{name}: {run}");
            assert!(run["passed"].as_u64().unwrap_or(0) > 0, "{name} has tests");
        }
        assert!(!plain(book.info()).as_array().is_some_and(|a| a.is_empty()));
    }
}

#[wasm_bindgen_test]
fn an_unlawful_curfew_is_found_with_its_citation_and_field() {
    let book = shipped("community_orders");
    let out = plain(book.check(js(&example("order_unlawful_curfew"))));
    assert_eq!(out["ok"], true, "{out}");
    let report = &out["report"];
    assert_eq!(report["verdict"], "errors");
    let curfew = report["findings"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|f| f["paths"][0] == "requirements[0].hours_per_day")
        })
        .cloned()
        .unwrap_or(Value::Null);
    assert!(
        curfew["cite"]
            .as_str()
            .is_some_and(|c| c.contains("Sch. 9")),
        "{curfew}"
    );
    assert!(curfew["message"]
        .as_str()
        .is_some_and(|m| m.contains("18 hours")));
    assert_eq!(report["law_date"], "2022-05-09");
}

#[wasm_bindgen_test]
fn twenty_one_curfew_hours_for_a_2023_conviction_break_the_daily_maximum() {
    let book = shipped("community_orders");
    let mut doc = example("order_lawful");
    doc["conviction_date"] = json!("2023-03-02");
    doc["requirements"] = json!([
        { "kind": "curfew", "punitive": true, "hours_per_day": 21, "period": 4, "em": true }
    ]);
    let out = plain(book.check(js(&doc)));
    let report = &out["report"];
    assert!(
        rules_of(report).iter().any(|r| r.starts_with("curfew")),
        "{report}"
    );
    doc["requirements"][0]["hours_per_day"] = json!(20);
    let out = plain(book.check(js(&doc)));
    assert!(
        !rules_of(&out["report"])
            .iter()
            .any(|r| r.starts_with("curfew-daily")),
        "{out}"
    );
}

#[wasm_bindgen_test]
fn a_document_that_does_not_fit_comes_back_as_diagnostics_at_paths() {
    let book = shipped("community_orders");
    let mut doc = example("order_lawful");
    doc["offender"]["age"] = json!("thirty");
    let out = plain(book.check(js(&doc)));
    assert_eq!(out["ok"], false);
    assert_eq!(out["report"], Value::Null);
    assert_eq!(out["diagnostics"][0]["location"]["type"], "document");
    assert_eq!(out["diagnostics"][0]["location"]["path"], "offender.age");
    // Not even JSON data: still a value, never an exception.
    let out = plain(book.check(JsValue::UNDEFINED));
    assert_eq!(out["ok"], false);
    let out = plain(book.check_text("{ not json"));
    assert_eq!(out["ok"], false);
    assert_eq!(out["diagnostics"][0]["code"], "D0001");
}

#[cfg(feature = "tools")]
#[wasm_bindgen_test]
fn bad_rule_text_gives_diagnostics_with_line_and_column() {
    let c = wasm::compile_text(
        "edited.rules",
        "rulebook x version \"1\"\n\nrecord R { a: bool }\ndocument d: R\nrule r\n  title \"T\"\n  cite \"C\"\n  explain \"E\"\n  require d.b\n  message \"M\"\n",
    );
    assert!(!c.ok());
    assert!(c.rulebook().is_none());
    let diags = plain(c.diagnostics());
    let d = &diags[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["location"]["type"], "source");
    assert_eq!(d["location"]["file_name"], "edited.rules");
    assert_eq!(d["location"]["line"], 9, "{d}");
    assert!(d["location"]["column"].as_u64().unwrap_or(0) >= 11, "{d}");
    // compile() with the wrong shape of argument is a diagnostic too.
    let c = wasm::compile(JsValue::from_str("not a list"));
    assert!(!c.ok());
    assert_eq!(plain(c.diagnostics())[0]["code"], "E0001");
}

#[wasm_bindgen_test]
fn rules_are_listed_with_words_dates_and_examples() {
    let rules = plain(shipped("community_orders").rules());
    let rules = rules.as_array().cloned().unwrap_or_default();
    assert!(rules.len() > 20);
    for r in &rules {
        assert!(r["title"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
        assert!(r["cite"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
        assert!(r["in_force"].is_object());
    }
    let with_both = rules
        .iter()
        .filter(|r| r["lawful"].is_object() && r["unlawful"].is_object())
        .count();
    assert!(with_both > 10, "{with_both} rules have both examples");
    // An unlawful example really breaks its rule.
    let book = shipped("community_orders");
    for r in rules.iter().filter(|r| r["unlawful"].is_object()) {
        let out = plain(book.check(js(&r["unlawful"]["document"])));
        let id = r["id"].as_str().unwrap_or("");
        assert!(
            rules_of(&out["report"])
                .iter()
                .any(|f| f == id || f.starts_with(&format!("{id}/"))),
            "{id}: {out}"
        );
    }
}

#[wasm_bindgen_test]
fn routes_tables_are_listed_row_by_row_and_route_a_case() {
    let book = shipped("routing");
    let tables = plain(book.routes());
    let first = &tables[0];
    assert_eq!(first["id"], "case-manager");
    assert!(first["rows"].as_array().is_some_and(|r| r.len() >= 2));
    assert!(first["rows"][0]["when"]
        .as_str()
        .is_some_and(|w| w.contains("case.")));
    let out = plain(book.check(js(&example("case_high_rosh_2016"))));
    assert_eq!(out["ok"], true, "{out}");
    assert_eq!(
        out["report"]["routes"][0]["output"],
        "national_probation_service"
    );
}

#[wasm_bindgen_test]
fn contracts_and_helpers() {
    let out = plain(shipped("contracts").check(js(&example("contract_private_court_advice"))));
    assert_eq!(out["report"]["verdict"], "errors", "{out}");
    assert_eq!(
        wasm::add_months("2023-01-31", 1).as_deref(),
        Some("2023-02-28")
    );
    assert_eq!(wasm::add_months("31/01/2023", 1), None);
    assert_eq!(wasm::last_panic(), None);
    let schema = plain(shipped("contracts").schema());
    assert_eq!(schema["document"], "spec");
    assert_eq!(schema["root"], "ContractSpec");
}

#[cfg(feature = "tools")]
#[wasm_bindgen_test]
fn many_documents_as_json_lines_are_counted_by_verdict_inside_wasm() {
    let book = shipped("contracts");
    let unlawful = example("contract_private_court_advice");
    let one = plain(book.check(js(&unlawful)));
    let findings = one["report"]["findings"].as_array().map_or(0, Vec::len);
    assert!(findings > 0, "{one}");
    let jsonl = format!("{unlawful}\n\nnot json\n{unlawful}\n");
    for describe in [false, true] {
        let s = plain(book.check_lines(jsonl.as_bytes(), describe));
        assert_eq!(s["documents"], 3, "{s}");
        assert_eq!(s["errors"], 2, "{s}");
        assert_eq!(s["rejected"], 1, "{s}");
        assert_eq!(s["first_rejected_line"], 3, "{s}");
        assert_eq!(s["findings"], 2 * findings, "{s}");
    }
}

/// A routes table with a planted gap: no row takes a high-risk case.
#[cfg(feature = "tools")]
const PLANTED_GAP: &str = r#"rulebook planted version "1"
enum Rosh { low, medium, high }
enum Team { local, national }
record Case { rosh: Rosh }
document case: Case

routes team
  title "Which team"
  cite "An example"
  explain "Low and medium risk cases stay local; high risk is forgotten."
  decides Team
  hit policy unique
  when case.rosh == low => local
  when case.rosh == medium => local
"#;

#[cfg(feature = "tools")]
#[wasm_bindgen_test]
fn lint_finds_a_planted_gap_with_a_witness_that_reproduces() {
    let c = wasm::compile_text("planted.rules", PLANTED_GAP);
    assert!(c.ok(), "{}", plain(c.diagnostics()));
    let book = c.rulebook().expect("a rulebook");
    let lint = plain(book.lint());
    let gap = lint["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["kind"] == "gap"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(gap["id"], "team", "{lint}");
    assert_eq!(gap["file"], "planted.rules");
    assert_eq!(gap["line"], 7, "{gap}");
    assert_eq!(gap["boxes"], json!([["case.rosh = high"]]), "{gap}");
    assert_eq!(gap["witness"], json!({ "rosh": "high" }), "{gap}");
    assert_eq!(gap["reproduces"], true);
    assert!(lint["declarations"].as_u64().unwrap_or(0) >= 1, "{lint}");
    assert!(
        lint["largest_case_space"].as_f64().unwrap_or(0.0) >= 3.0,
        "{lint}"
    );
    // The witness, checked, really is a case no row takes.
    let out = plain(book.check(js(&gap["witness"])));
    assert_eq!(rules_of(&out["report"]), ["team/no-route"], "{out}");
    // The shipped rulebooks lint as data too (their remaining findings are explained in them).
    for name in ["routing", "contracts"] {
        let lint = plain(shipped(name).lint());
        assert!(
            lint["findings"].is_array() && lint["undecided"].is_array(),
            "{name}: {lint}"
        );
    }
}

/// Every box of a table's gaps with its own witness (`gapWitnesses`), each a case no row takes
/// when checked; `null` for a table that does not exist. `lintJson` is `lint` as JSON text.
#[cfg(feature = "tools")]
#[wasm_bindgen_test]
fn gap_witnesses_give_each_gap_box_its_own_document() {
    let two = "rulebook two version \"1\"\nenum Rosh { low, medium, high }\nenum Team { local, national }\n\
               record Case { rosh: Rosh, age: int }\ndocument case: Case\n\
               routes team\n  title \"Which team\"\n  cite \"An example\"\n  explain \"e\"\n  decides Team\n  hit policy unique\n\
               \x20 when case.rosh == low => local\n  when case.rosh == medium and case.age >= 18 => local\n";
    let c = wasm::compile_text("two.rules", two);
    assert!(c.ok(), "{}", plain(c.diagnostics()));
    let book = c.rulebook().expect("a rulebook");
    let each = plain(book.gap_witnesses("team"));
    let boxes = each.as_array().cloned().unwrap_or_default();
    assert_eq!(boxes.len(), 2, "{each}");
    assert_eq!(
        boxes[0]["cases"],
        json!(["case.rosh = medium", "case.age <= 17"]),
        "{each}"
    );
    assert_eq!(boxes[1]["cases"], json!(["case.rosh = high"]), "{each}");
    for b in &boxes {
        assert_eq!(b["reproduces"], true, "{b}");
        let out = plain(book.check(js(&b["witness"])));
        assert_eq!(rules_of(&out["report"]), ["team/no-route"], "{out}");
    }
    assert_eq!(plain(book.gap_witnesses("no-such-table")), Value::Null);
    // The analysis as JSON text is the analysis (its findings and undecided parts; a number may
    // come back from JavaScript as 15.0 where the text says 15).
    let as_text: Value = serde_json::from_str(&book.lint_json()).unwrap_or(Value::Null);
    let as_value = plain(book.lint());
    assert_eq!(as_text["findings"], as_value["findings"]);
    assert_eq!(as_text["undecided"], as_value["undecided"]);
    assert_eq!(as_text["declarations"], 1);
}

/// `lintJsonStaged` calls back once with the first findings as JSON text, then returns the whole
/// answer, which is `lintJson`'s; a small table is analysed whole in the first stage.
#[cfg(feature = "tools")]
#[wasm_bindgen_test]
fn lint_json_staged_hands_over_the_first_findings_then_the_whole_answer() {
    let book = shipped("routing");
    let keep = js_sys::Function::new_with_args(
        "json",
        "(globalThis.probityFirsts = globalThis.probityFirsts || []).push(json)",
    );
    let whole: Value = serde_json::from_str(&book.lint_json_staged(&keep)).unwrap_or(Value::Null);
    let firsts = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("probityFirsts"))
        .unwrap_or(JsValue::NULL);
    let firsts = js_sys::Array::from(&firsts);
    assert_eq!(firsts.length(), 1);
    let first: Value =
        serde_json::from_str(&firsts.get(0).as_string().unwrap_or_default()).unwrap_or(Value::Null);
    let plain: Value = serde_json::from_str(&book.lint_json()).unwrap_or(Value::Null);
    assert_eq!(whole, plain);
    let kinds = |v: &Value| -> Vec<(Value, Value)> {
        v["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|f| (f["kind"].clone(), f["rows"].clone()))
            .collect()
    };
    // Every first finding is in the whole answer (the routing tables are small: all of them).
    let all = kinds(&whole);
    assert!(first["findings"].is_array(), "{first}");
    assert!(kinds(&first).iter().all(|k| all.contains(k)), "{first}");
}

#[cfg(feature = "authoring")]
#[wasm_bindgen_test]
fn describe_gives_every_version_of_a_rule_with_its_text() {
    let book = shipped("community_orders");
    let d = plain(book.describe("curfew-daily-maximum"));
    assert_eq!(d["id"], "curfew-daily-maximum");
    assert_eq!(d["kind"], "rule");
    let versions = d["versions"].as_array().cloned().unwrap_or_default();
    // The 12-hour limit of the law before LASPO is its own rule (chosen by another date), so
    // this one has the two versions chosen by the conviction date.
    assert_eq!(versions.len(), 2, "{d}");
    // Oldest first, each with its period and its text as written.
    assert_eq!(versions[0]["in_force"]["from"], "2012-12-03");
    assert_eq!(versions[0]["in_force"]["until"], "2022-06-27");
    assert_eq!(versions[1]["in_force"]["from"], "2022-06-28");
    for (v, limit) in versions.iter().zip(["16 hours", "20 hours"]) {
        let text = v["text"].as_str().unwrap_or("");
        assert!(text.starts_with("rule curfew-daily-maximum"), "{text}");
        assert!(
            text.contains(&format!("require r.hours_per_day <= {limit}")),
            "{text}"
        );
        assert_eq!(v["file"], "rules/community_orders.rules");
        assert!(v["line"].as_u64().unwrap_or(0) > 0);
    }
    assert!(
        d["examples"].as_array().is_some_and(|e| !e.is_empty()),
        "{d}"
    );
    assert_eq!(plain(book.describe("no-such-rule")), Value::Null);
}

/// Every entry point that takes a value from JavaScript, given hostile values: each answers
/// with data (a diagnostic, `null`, or a report), never a trap, and the face keeps working.
#[wasm_bindgen_test]
fn every_entry_point_answers_hostile_values_with_data() {
    let huge = "x".repeat(5 * 1024 * 1024);
    let cyclic = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic);
    let hostile: Vec<JsValue> = vec![
        JsValue::from_f64(f64::NAN),
        JsValue::from_f64(f64::INFINITY),
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from_str(&huge),
        JsValue::from_bool(true),
        js_sys::Array::new().into(),
        cyclic.into(),
        js(&json!({ "kind": "<script>alert(1)</script>", "requirements": [1e308, -1, null] })),
    ];
    // loadCompiled() with bytes that are not a compiled rulebook, or with another text.
    let (file, text) = wasm_helpers::shipped_text("routing");
    for (bytes, texts) in [
        (b"not a rulebook".to_vec(), vec![text.to_string()]),
        (Vec::new(), Vec::new()),
        (
            wasm_helpers::shipped_binary("routing"),
            vec![format!("{text} ")],
        ),
        (wasm_helpers::shipped_binary("routing"), Vec::new()),
    ] {
        let names = texts.iter().map(|_| file.to_string()).collect();
        let c = wasm::load_compiled(&bytes, names, texts);
        assert!(!c.ok());
        assert_eq!(plain(c.diagnostics())[0]["code"], "E0008");
    }
    // compile() with values that are not a list of source files.
    #[cfg(feature = "tools")]
    for v in &hostile {
        let c = wasm::compile(v.clone());
        assert!(!c.ok(), "compile accepted {v:?}");
        assert!(plain(c.diagnostics())
            .as_array()
            .is_some_and(|d| !d.is_empty()));
    }
    // compileText() with text far over the size limit, and text that is not rules.
    #[cfg(feature = "tools")]
    for text in [huge.as_str(), "\u{0}\u{ffff}", "rule", "{{{{{{{{"] {
        let c = wasm::compile_text("hostile.rules", text);
        assert!(!c.ok());
        assert!(!plain(c.diagnostics())
            .as_array()
            .is_some_and(|d| d.is_empty()));
    }
    let book = shipped("community_orders");
    for v in &hostile {
        let out = plain(book.check(v.clone()));
        assert_eq!(out["ok"], false, "check accepted {v:?}: {out}");
        assert!(out["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
    }
    for text in [huge.as_str(), "NaN", "[", "1e999", "{\"kind\": 1}"] {
        let out = plain(book.check_text(text));
        assert_eq!(
            out["ok"],
            false,
            "checkText accepted {}",
            &text[..text.len().min(20)]
        );
    }
    #[cfg(feature = "authoring")]
    assert!(book.describe(&huge).is_null());
    assert_eq!(wasm::add_months("not a date", i32::MAX), None);
    assert_eq!(wasm::add_months("2024-01-31", i32::MIN), None);
    // Still working afterwards, and no panic was recorded.
    let out = plain(book.check(js(&example("order_lawful"))));
    assert_eq!(out["ok"], true, "{out}");
    assert_eq!(wasm::last_panic(), None);
}

#[wasm_bindgen_test]
fn the_timeline_comes_from_the_library() {
    let book = shipped("community_orders");
    let t = plain(book.timeline(js(&example("order_lawful"))));
    assert_eq!(t["ok"], true, "{t}");
    let t = &t["value"];
    assert_eq!(t["start_field"], "sentence_date");
    assert_eq!(t["start"], "2023-04-06");
    assert_eq!(t["end"], "2024-10-06");
    assert_eq!(t["length"]["display"], "18 months");
    let kinds: Vec<&str> = t["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["case"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "unpaid_work",
            "rehabilitation_activity",
            "curfew",
            "alcohol_abstinence_monitoring"
        ]
    );
    // A refused document is a value with its diagnostics, not a throw.
    let bad = plain(book.timeline(js(&json!({ "length": "long" }))));
    assert_eq!(bad["ok"], false);
    assert!(bad["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
}

/// The plan across contract specs is built in the explorer's module.
#[cfg(feature = "commissioning")]
#[wasm_bindgen_test]
fn the_commissioning_plan_comes_from_the_library() {
    // Two copies of one spec: the plan pays twice for the same services at the same time.
    let spec = example("contract_lawful");
    let plan =
        plain(shipped("commissioning_plan").commissioning_plan(js(&json!([spec.clone(), spec]))));
    assert_eq!(plan["ok"], true, "{plan}");
    assert_eq!(plan["value"]["from"], json!([0, 0, 0, 0, 1, 1, 1, 1]));
    let rules = rules_of(&plan["value"]["outcome"]["report"]);
    assert!(rules.iter().any(|r| r == "contracts-overlap"), "{rules:?}");
}

/// The caveats a check gives are the library's, field for field (each converted for JS once and
/// shared, frozen, by the checks that give it), through `check`, `checkText` and
/// `checkWithTimeline`, and in Welsh after the language changes.
#[wasm_bindgen_test]
fn the_caveats_are_the_librarys_and_each_is_converted_once() {
    let (file, text) = wasm_helpers::shipped_text("community_orders");
    let mut session = probity::api::Session::compile([(file, text)])
        .session
        .expect("the shipped rulebook compiles");
    let mut book = shipped("community_orders");
    let doc = example("order_lawful");
    let doc_text = doc.to_string();
    for language in ["en", "cy"] {
        assert!(book.set_language(language));
        session.set_language(probity::api::Language::from_code(language).expect("a language"));
        let expected = serde_json::to_value(&session.check_text(&doc_text).caveats)
            .expect("caveats serialise");
        assert!(
            expected.as_array().is_some_and(|a| !a.is_empty()),
            "{expected}"
        );
        let first = book.check(js(&doc));
        let out = plain(first.clone());
        assert_eq!(out["caveats"], expected, "{language}");
        assert_eq!(plain(book.check_text(&doc_text))["caveats"], expected);
        let with = plain(book.check_with_timeline(js(&doc)));
        assert_eq!(with["outcome"]["caveats"], expected);
        // The same outcome and timeline when the document comes as the text the page saved.
        assert_eq!(plain(book.check_text_with_timeline(&doc_text)), with);
        // The same object for the same caveat, frozen so no outcome can change another's.
        let caveat = |v: &JsValue| {
            let list = js_sys::Reflect::get(v, &JsValue::from_str("caveats")).unwrap_or_default();
            js_sys::Reflect::get_u32(&list, 0).unwrap_or_default()
        };
        let again = book.check(js(&doc));
        assert!(js_sys::Object::is(&caveat(&first), &caveat(&again)));
        assert!(js_sys::Object::is_frozen(&caveat(&first).into()));
    }
}

/// `checkTextWithTimeline` reads the text the page has: a document that is not JSON is refused
/// with its line and column, never an exception, and gives no timeline.
#[wasm_bindgen_test]
fn check_text_with_timeline_refuses_text_that_is_not_json() {
    let book = shipped("community_orders");
    let out = plain(book.check_text_with_timeline("{\n  \"offender\": "));
    assert_eq!(out["outcome"]["ok"], false, "{out}");
    assert!(out["timeline"].is_null(), "{out}");
    let diagnostics = out["outcome"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!diagnostics.is_empty(), "{out}");
    let lawful = example("order_lawful");
    let checked = plain(book.check_text_with_timeline(&lawful.to_string()));
    assert_eq!(checked["outcome"]["ok"], true, "{checked}");
    assert_eq!(checked, plain(book.check_with_timeline(js(&lawful))));
}
