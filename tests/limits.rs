//! The deepest rule text the limits allow compiles and evaluates on a 1 MiB stack (the size of
//! a WebAssembly stack), even in a debug build; anything deeper is refused with a diagnostic.

use probity::diag::Sources;

fn book(condition: &str) -> String {
    format!(
        "rulebook deep\ndocument d: D\nrecord D {{ a: bool, n: hours }}\n\
         rule r title \"t\" cite \"c\" explain \"e\" require {condition} message \"m\"\n\
         example e = {{ \"a\": true, \"n\": 3 }}\ntest \"t\" given e expect no findings\n"
    )
}

fn compile_and_test(text: String) -> Result<(usize, usize), Vec<String>> {
    let mut sources = Sources::default();
    sources.add("deep.rules", text);
    let compiled = probity::check::compile(sources);
    match compiled.program {
        Some(p) => {
            let run = probity::eval::run_tests(&p);
            Ok((run.passed, run.failed))
        }
        None => Err(compiled
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect()),
    }
}

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no stack overflow")
}

#[test]
fn deepest_allowed_expressions_fit_a_small_stack() {
    let nots = format!("{}d.a", "not not ".repeat(30)); // 60 nots: depth 61
    assert_eq!(
        on_small_stack(move || compile_and_test(book(&nots))),
        Ok((1, 0))
    );
    let parens = format!("{}d.n <= 5 hours{}", "(".repeat(30), ")".repeat(30));
    assert_eq!(
        on_small_stack(move || compile_and_test(book(&parens))),
        Ok((1, 0))
    );
    let sum = format!("d.n{} <= 500 hours", " + d.n".repeat(60));
    assert_eq!(
        on_small_stack(move || compile_and_test(book(&sum))),
        Ok((1, 0))
    );
}

#[test]
fn deeper_expressions_are_refused_not_overflowed() {
    for condition in [
        format!("{}d.a", "not ".repeat(5000)),
        format!("{}d.a{}", "(".repeat(40), ")".repeat(40)),
        format!("d.n{} <= 5 hours", " + d.n".repeat(5000)),
        format!("d.n{} <= 5 hours", " + d.n".repeat(80)),
    ] {
        let got = on_small_stack(move || compile_and_test(book(&condition)));
        assert_eq!(got, Err(vec!["E0003".to_string()]));
    }
}

// ---- Documents: every limit answers with a diagnostic, quickly, on a small stack. ----

mod documents {
    use super::on_small_stack;
    use probity::diag::Sources;
    use probity::ir::Program;
    use serde_json::{json, Value as Json};
    use std::path::Path;
    use std::time::{Duration, Instant};

    fn program() -> Program {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text =
            std::fs::read_to_string(root.join("rules/community_orders.rules")).expect("read");
        let mut s = Sources::default();
        s.add("community_orders.rules", text);
        probity::check::compile(s).program.expect("compiles")
    }

    fn lawful() -> Json {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text =
            std::fs::read_to_string(root.join("tests/examples/order_lawful.json")).expect("read");
        serde_json::from_str(&text).expect("json")
    }

    /// The codes `read_str` refuses `text` with, checked to come back within `secs` seconds.
    fn refused(text: String, secs: u64) -> Vec<&'static str> {
        on_small_stack(move || {
            let p = program();
            let start = Instant::now();
            let got = probity::doc::read_str(&p, &text);
            assert!(
                start.elapsed() < Duration::from_secs(secs),
                "took {:?}",
                start.elapsed()
            );
            match got {
                Ok(_) => Vec::new(),
                Err(d) => d.iter().map(|d| d.code).collect(),
            }
        })
    }

    #[test]
    fn lists_longer_than_the_limit_are_refused() {
        let mut doc = lawful();
        let item = json!({ "kind": "unpaid_work", "punitive": true, "hours": 1 });
        doc["requirements"] = Json::Array(vec![item; probity::doc::MAX_LIST_LEN + 1]);
        assert_eq!(refused(doc.to_string(), 20), ["D0011"]);
    }

    #[test]
    fn strings_longer_than_the_limit_are_refused() {
        let mut doc = lawful();
        doc["home_local_justice_area"] = json!("x".repeat(probity::doc::MAX_STRING_LEN + 1));
        assert_eq!(refused(doc.to_string(), 20), ["D0011"]);
    }

    #[test]
    fn deep_json_is_refused_not_overflowed() {
        // Deeper than serde_json's own recursion limit: a syntax-level refusal.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(refused(deep, 20), ["D0001"]);
        // Deeper than the reader's limit but within serde_json's (a schema that deep): D0010,
        // reported once.
        let levels = probity::doc::MAX_DEPTH + 10;
        let rules = format!(
            "rulebook deep\ndocument d: D\nrecord D {{ x: {}int }}\n",
            "list of ".repeat(levels)
        );
        let mut v = json!(1);
        for _ in 0..levels {
            v = json!([v]);
        }
        let doc = json!({ "x": v }).to_string();
        let codes = on_small_stack(move || {
            let mut s = Sources::default();
            s.add("deep.rules", rules);
            let p = probity::check::compile(s)
                .program
                .expect("a deep schema compiles");
            match probity::doc::read_str(&p, &doc) {
                Ok(_) => Vec::new(),
                Err(d) => d.iter().map(|d| d.code).collect::<Vec<_>>(),
            }
        });
        assert_eq!(codes, ["D0010"]);
    }

    #[test]
    fn huge_numbers_are_refused_or_evaluated_never_a_panic() {
        let mut doc = lawful();
        doc["length"] = json!(1e300);
        assert_eq!(refused(doc.to_string(), 20), ["D0003"]);
        let mut doc = lawful();
        doc["fine"] = json!(1e300);
        assert_eq!(refused(doc.to_string(), 20), ["D0002"]);
        let text = lawful()
            .to_string()
            .replacen("\"length\": 18", "\"length\": 1e400", 1);
        let text = text.replacen("\"length\":18", "\"length\":1e400", 1);
        assert_eq!(refused(text, 20), ["D0001"]);
        let mut doc = lawful();
        doc["length"] = json!(u64::MAX);
        assert_eq!(refused(doc.to_string(), 20), ["D0003"]);
        // The largest values the reader accepts are evaluated; overflow is an R0001, not a crash.
        let mut doc = lawful();
        doc["length"] = json!(i64::MAX);
        doc["offender"]["age"] = json!(i64::MAX);
        doc["fine"] = json!("79228162514264337593543950335");
        doc["requirements"][0]["hours"] = json!(i64::MAX);
        let report = on_small_stack(move || probity::eval::check_json(&program(), &doc));
        let report = report.expect("accepted");
        assert!(report
            .errors
            .iter()
            .all(|e| e.code == "R0001" && !e.message.contains("internal")));
    }

    #[test]
    fn huge_names_and_values_get_no_quadratic_suggestion() {
        // "Did you mean" on a 5 MB enum value or field name once cost length x length memory.
        let mut doc = lawful();
        doc["kind"] = json!("x".repeat(5_000_000));
        assert_eq!(refused(doc.to_string(), 10), ["D0005"]);
        let mut doc = lawful();
        doc["offender"]["y".repeat(5_000_000)] = json!(1);
        assert_eq!(refused(doc.to_string(), 10), ["D0008"]);
    }

    #[test]
    fn findings_stop_at_the_limit() {
        // Every pair of 1,500 x 1,500 conflicting requirements would be 2.25 million findings.
        let mut doc = lawful();
        let mut items = vec![
            json!({ "kind": "alcohol_abstinence_monitoring", "punitive": false, "days": 100 });
            1500
        ];
        items.extend(vec![
            json!({ "kind": "alcohol_treatment", "punitive": false, "willing": true });
            1500
        ]);
        doc["requirements"] = Json::Array(items);
        let report = on_small_stack(move || {
            let start = Instant::now();
            let r = probity::eval::check_json(&program(), &doc).expect("a valid document");
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "took {:?}",
                start.elapsed()
            );
            r
        });
        assert_eq!(report.findings.len(), probity::eval::MAX_FINDINGS);
        assert_eq!(
            report.errors.iter().map(|e| e.code).collect::<Vec<_>>(),
            ["R0002"]
        );
    }
}

/// A rulebook of `n` rules that all fire on `{ "n": 5 }`; `clauses` go before each `require`.
fn many_rules(n: usize, clauses: &str) -> String {
    let mut text = String::from("rulebook many\ndocument d: D\nrecord D { n: hours }\n");
    for i in 0..n {
        text.push_str(&format!(
            "rule r{i} title \"t\" cite \"c\" explain \"e\" {clauses}require d.n <= 1 hours message \"{{d.n}}\"\n"
        ));
    }
    text
}

/// There is no separate limit on the number of rules: the 4 MiB text limit bounds it (about
/// 48,000 one-line rules, which compile and run in seconds). Ten thousand rules that all fire
/// compile, and the report stops at the findings limit.
#[test]
fn many_rules_compile_and_their_findings_stop_at_the_limit() {
    let text = many_rules(10_000, "");
    let report = on_small_stack(move || {
        let mut s = Sources::default();
        s.add("many.rules", text);
        let p = probity::check::compile(s).program.expect("compiles");
        probity::eval::check_json(&p, &serde_json::json!({ "n": 5 })).expect("valid")
    });
    assert_eq!(report.findings.len(), probity::eval::MAX_FINDINGS);
    assert_eq!(
        report.errors.iter().map(|e| e.code).collect::<Vec<_>>(),
        ["R0002"]
    );
}

/// Past the findings limit the verdict is "errors" (the report is incomplete, R0002) even when
/// every finding is a warning, and the decision alone says the same as the report.
#[test]
fn a_truncated_decision_has_the_verdict_of_its_report() {
    let mut s = Sources::default();
    s.add("many.rules", many_rules(1_100, "severity warning "));
    let p = probity::check::compile(s).program.expect("compiles");
    let doc = probity::doc::read_str(&p, r#"{ "n": 5 }"#).expect("valid");
    let decision = probity::eval::decide(&p, &doc);
    let report = probity::eval::report(&p, &doc, &decision);
    assert!(decision.truncated);
    assert_eq!(report.verdict, probity::report::Verdict::Errors);
    assert_eq!(decision.verdict(), report.verdict);
    let mut fewer = Sources::default();
    fewer.add(
        "few.rules",
        "rulebook few\ndocument d: D\nrecord D { n: hours }\nrule r title \"t\" cite \"c\" explain \"e\" severity warning require d.n <= 1 hours message \"m\"\n",
    );
    let p = probity::check::compile(fewer).program.expect("compiles");
    let doc = probity::doc::read_str(&p, r#"{ "n": 5 }"#).expect("valid");
    let decision = probity::eval::decide(&p, &doc);
    assert_eq!(decision.verdict(), probity::report::Verdict::Warnings);
    assert_eq!(decision.verdict(), probity::eval::check(&p, &doc).verdict);
}

/// Text whose failed readings nest (a negation or an aggregate that fails further on, read again
/// as a call, at every level) is read in time that grows with its length, not doubling with each
/// level: at the bracket limit it gets the ordinary error for what is wrong with it, never the
/// parser's work limit (`MAX_PARSE_CALLS`). Found by fuzzing (`parse`, 2026-12-08): 14 lines of
/// `not(name(` took 0.2 s to refuse, and every two more lines doubled it.
#[test]
fn nested_failures_are_read_once_not_again_at_every_level() {
    let too_much = |messages: &[String]| messages.iter().any(|m| m.contains("too much work"));
    for unit in [
        "not(f(",
        "max(a in not(",
        "count(x in g(",
        "not(any(p in q(",
    ] {
        let levels = probity::syntax::parse::MAX_NESTING / unit.matches('(').count();
        let nested = unit.repeat(levels);
        // As a rule's condition, through the whole compiler.
        let mut sources = Sources::default();
        sources.add("nested.rules", book(&nested));
        let compiled = probity::check::compile(sources);
        let messages: Vec<String> = compiled
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert!(
            !messages.is_empty() && !too_much(&messages),
            "{unit}: {messages:?}"
        );
        // As a lone expression (a message's hole).
        let lone = probity::syntax::parse_expr_at(0, 0, &nested)
            .err()
            .map(|d| d.message);
        assert!(
            lone.as_ref().is_some_and(|m| !m.contains("too much work")),
            "{unit}: {lone:?}"
        );
    }
}
