//! Property tests (proptest) over the whole pipeline:
//!
//! - evaluation is deterministic: the same document gives the same Report, byte for byte;
//! - findings do not depend on the order of list items: the language has no indexing, so every
//!   rule only quantifies over a list (`for each`, `any`, `all`, `count`, `sum`, `min`, `max`,
//!   `between`); permuting any list in a document leaves the findings the same as sets of
//!   (rule, message, paths mapped through the permutation), and the routes and values equal;
//! - a document the schema rejects never reaches eval: `check_json` returns `Err` exactly when
//!   `doc::read` does, with the same diagnostics;
//! - random rule text (token soup, and the shipped rulebooks with random edits) never panics
//!   the checker, and compiled programs run their own tests without panicking;
//! - `fmt` of a rulebook with its layout scrambled parses back to the same AST (spans aside),
//!   changes whitespace only, and is idempotent.
//!
//! Valid documents come from the schema-guided generator shared with the `eval` fuzz target
//! (`fuzz/src/docgen.rs`). `PROPTEST_CASES=n` runs more cases than the defaults below.

#[path = "../fuzz/src/docgen.rs"]
#[allow(dead_code)]
mod docgen;
mod support;

use docgen::{Gen, Numbers, PathStep};
use probity::diag::Sources;
use probity::ir::Program;
use probity::report::Report;
use proptest::prelude::*;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use support::proptest_config as cases;

const RULEBOOKS: &[&str] = &[
    "commissioning_plan.rules",
    "community_orders.rules",
    "contracts.rules",
    "post_sentence_supervision.rules",
    "routing.rules",
    "tiering.rules",
];

fn rule_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rules")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn programs() -> &'static [Program] {
    static P: OnceLock<Vec<Program>> = OnceLock::new();
    P.get_or_init(|| {
        RULEBOOKS
            .iter()
            .map(|name| {
                let mut s = Sources::default();
                s.add(*name, rule_text(name));
                probity::check::compile(s)
                    .program
                    .unwrap_or_else(|| panic!("{name} does not compile"))
            })
            .collect()
    })
}

/// A valid document for rulebook `which`, steered by `choices`.
fn document(which: usize, choices: &[u32]) -> (&'static Program, Json) {
    let programs = programs();
    let program = &programs[which % programs.len()];
    let json = Gen::new(program, Numbers { numbers: choices }).document(program);
    (program, json)
}

fn read(program: &Program, json: &Json) -> probity::ir::Value {
    probity::doc::read(program, json).unwrap_or_else(|e| {
        panic!("the generator made a document the reader refuses: {e:?}\n{json}")
    })
}

fn no_internal_errors(report: &Report) {
    for e in &report.errors {
        assert!(
            !e.message.contains("internal:"),
            "internal evaluation error on a valid document: {}",
            e.message
        );
    }
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn evaluation_is_deterministic(which in 0usize..5, choices in prop::collection::vec(any::<u32>(), 0..600)) {
        let (program, json) = document(which, &choices);
        let doc = read(program, &json);
        let a = probity::eval::check(program, &doc);
        no_internal_errors(&a);
        let b = probity::eval::check(program, &doc);
        let c = probity::eval::check_json(program, &json).expect("accepted by read, so by check_json");
        let text = |r: &Report| serde_json::to_string(r).expect("a report serialises");
        prop_assert_eq!(text(&a), text(&b));
        prop_assert_eq!(text(&a), text(&c));
    }

    #[test]
    fn findings_do_not_depend_on_list_order(
        which in 0usize..5,
        choices in prop::collection::vec(any::<u32>(), 0..600),
        pick in any::<u32>(),
        shuffle in prop::collection::vec(any::<u32>(), 12),
    ) {
        let (program, json) = document(which, &choices);
        let lists: Vec<(Vec<PathStep>, usize)> =
            docgen::lists(&json).into_iter().filter(|(_, n)| *n >= 2).collect();
        prop_assume!(!lists.is_empty());
        let (at, n) = lists[pick as usize % lists.len()].clone();
        // Fisher-Yates: new position k holds old item perm[k].
        let mut perm: Vec<usize> = (0..n).collect();
        for k in (1..n).rev() {
            perm.swap(k, shuffle[k % shuffle.len()] as usize % (k + 1));
        }
        let mut permuted = json.clone();
        if let Some(Json::Array(items)) = docgen::at_mut(&mut permuted, &at) {
            let old = items.clone();
            for (k, &from) in perm.iter().enumerate() {
                items[k] = old[from].clone();
            }
        }
        // A list `ordered by` an item field (a history of events) refuses a shuffle that puts
        // an item out of place (D0012): nothing to compare then.
        let permuted_doc = match probity::doc::read(program, &permuted) {
            Ok(d) => d,
            Err(e) => {
                prop_assert!(e.iter().all(|d| d.code == "D0012"), "{:?}", e);
                return Ok(());
            }
        };
        let before = probity::eval::check(program, &read(program, &json));
        let after = probity::eval::check(program, &permuted_doc);
        no_internal_errors(&before);
        no_internal_errors(&after);
        // Paths into the permuted list: the permuted report's index maps back through the
        // permutation. Which item an `any` names as its witness is the first that satisfies it,
        // so that one choice may differ; the comparison is exact for everything else.
        let prefix = docgen::report_path(&at);
        let open = format!("{prefix}[");
        let back = |p: &str| -> String {
            let Some(rest) = p.strip_prefix(&open) else { return p.to_string() };
            let Some((idx, tail)) = rest.split_once(']') else { return p.to_string() };
            match idx.parse::<usize>().ok().and_then(|k| perm.get(k)) {
                Some(orig) => format!("{prefix}[{orig}]{tail}"),
                None => p.to_string(),
            }
        };
        let any_item = |p: &str| -> String {
            match p.strip_prefix(&open).and_then(|r| r.split_once(']')) {
                Some((_, tail)) => format!("{prefix}[*]{tail}"),
                None => p.to_string(),
            }
        };
        type Key = BTreeMap<(String, String, Vec<String>), usize>;
        let key = |r: &Report, map: &dyn Fn(&str) -> String| -> Key {
            let mut m = BTreeMap::new();
            for f in &r.findings {
                let mut paths: Vec<String> = f.paths.iter().map(|p| map(p)).collect();
                paths.sort();
                paths.dedup();
                *m.entry((f.rule.clone(), f.message.clone(), paths)).or_insert(0) += 1;
            }
            m
        };
        let same = |p: &str| p.to_string();
        let exact_before = key(&before, &same);
        let exact_after = key(&after, &back);
        if exact_before != exact_after {
            // Only a witness may have moved: equal once list items are not told apart.
            prop_assert_eq!(key(&before, &any_item), key(&after, &|p: &str| any_item(&back(p))),
                "list {} permuted by {:?}", prefix, perm);
            let rules = |k: &Key| {
                let mut m: BTreeMap<(String, String), usize> = BTreeMap::new();
                for ((rule, message, _), n) in k {
                    *m.entry((rule.clone(), message.clone())).or_insert(0) += n;
                }
                m
            };
            prop_assert_eq!(rules(&exact_before), rules(&exact_after));
        }
        prop_assert_eq!(before.verdict, after.verdict);
        let routes = |r: &Report| r.routes.iter().map(|d| (d.table.clone(), d.output.clone())).collect::<Vec<_>>();
        prop_assert_eq!(routes(&before), routes(&after));
        let values = |r: &Report| r.values.iter().map(|v| (v.id.clone(), v.display.clone())).collect::<Vec<_>>();
        prop_assert_eq!(values(&before), values(&after));
        prop_assert_eq!(before.errors.len(), after.errors.len());
    }

    #[test]
    fn rejected_documents_never_reach_eval(
        which in 0usize..5,
        choices in prop::collection::vec(any::<u32>(), 0..400),
        edits in prop::collection::vec((any::<u32>(), 0u8..10, any::<u32>()), 1..4),
    ) {
        let (program, mut json) = document(which, &choices);
        for (where_, how, n) in edits {
            hostile_edit(&mut json, where_, how, n);
        }
        let read = probity::doc::read(program, &json);
        let checked = probity::eval::check_json(program, &json);
        match (&read, &checked) {
            (Ok(_), Ok(report)) => no_internal_errors(report),
            (Err(a), Err(b)) => {
                prop_assert!(!a.is_empty() && a.len() <= 100);
                let codes = |d: &[probity::diag::Diagnostic]| d.iter().map(|x| (x.code, x.message.clone())).collect::<Vec<_>>();
                prop_assert_eq!(codes(a), codes(b));
            }
            _ => prop_assert!(false, "doc::read and check_json disagree on {}", json),
        }
        // The text reader agrees with the value reader.
        let text = serde_json::to_string(&json).expect("serialises");
        prop_assert_eq!(probity::doc::read_str(program, &text).is_ok(), read.is_ok());
    }

    #[test]
    fn arbitrary_json_is_read_or_refused(which in 0usize..5, json in arb_json()) {
        let program = &programs()[which];
        let read = probity::doc::read(program, &json);
        let checked = probity::eval::check_json(program, &json);
        prop_assert_eq!(read.is_ok(), checked.is_ok());
        if let Ok(report) = checked {
            no_internal_errors(&report);
        }
    }

    #[test]
    fn token_soup_never_panics_compile(tokens in prop::collection::vec(token(), 0..120)) {
        let text = tokens.join(" ");
        compile_and_run(&text);
        format_round_trip(&text);
    }
}

proptest! {
    // Each case compiles a whole rulebook (debug build): fewer cases.
    #![proptest_config(cases(12))]

    #[test]
    fn edited_rulebooks_never_panic_compile(
        which in 0usize..5,
        edits in prop::collection::vec((any::<u32>(), any::<u32>(), token()), 1..6),
    ) {
        let mut text = rule_text(RULEBOOKS[which]);
        for (at, len, insert) in edits {
            let start = floor_char(&text, at as usize % (text.len() + 1));
            let end = floor_char(&text, (start + len as usize % 40).min(text.len()));
            text.replace_range(start..end, &insert);
        }
        compile_and_run(&text);
    }

    #[test]
    fn fmt_of_scrambled_layout_gives_the_same_ast(which in 0usize..5, layout in prop::collection::vec(0u8..6, 1..64)) {
        let text = rule_text(RULEBOOKS[which]);
        let scrambled = scramble_whitespace(&text, &layout);
        let original = probity::syntax::parse_file(0, &text).expect("shipped rules parse");
        let reparsed = probity::syntax::parse_file(0, &scrambled)
            .unwrap_or_else(|d| panic!("scrambled layout does not parse: {d:?}"));
        prop_assert_eq!(without_spans(&reparsed), without_spans(&original));
        format_round_trip(&scrambled);
    }
}

/// Compile rule text; if it compiles, run its tests. Must return, whatever the text.
fn compile_and_run(text: &str) {
    let mut sources = Sources::default();
    sources.add("soup.rules", text);
    let compiled = probity::check::compile(sources.clone());
    for d in &compiled.diagnostics {
        let _ = sources.render(d);
    }
    if let Some(p) = compiled.program {
        let _ = probity::eval::run_tests(&p);
    }
}

/// If `text` formats: the result differs in whitespace only, parses to the same AST (spans
/// aside), and formats to itself.
fn format_round_trip(text: &str) {
    let Ok(once) = probity::syntax::format(0, text) else {
        return;
    };
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(
        squash(&once),
        squash(text),
        "fmt changed more than whitespace"
    );
    let a = probity::syntax::parse_file(0, text).expect("text that formats parses");
    let b = probity::syntax::parse_file(0, &once).expect("formatted text parses");
    assert_eq!(
        without_spans(&a),
        without_spans(&b),
        "fmt changed the AST:\n{once}"
    );
    let twice = probity::syntax::format(0, &once).expect("formatted text formats");
    assert_eq!(twice, once, "fmt is not idempotent");
}

fn without_spans(file: &probity::syntax::ast::File) -> String {
    let debug = format!("{file:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("Span {") {
        out.push_str(&rest[..i]);
        rest = rest[i..].split_once('}').map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    out
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Rewrites every run of whitespace outside strings and comments: a run with a newline keeps
/// one (line comments end there), others become one of a few spellings of blank space.
fn scramble_whitespace(text: &str, layout: &[u8]) -> String {
    let spellings = [" ", "  ", "\t", "\n", "\n\n  ", " \r\n\t"];
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut n = 0usize;
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                out.push(c);
                let mut prev = ' ';
                for d in chars.by_ref() {
                    out.push(d);
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
            }
            c if c.is_whitespace() => {
                let mut newline = c == '\n';
                while let Some(&d) = chars.peek() {
                    if !d.is_whitespace() {
                        break;
                    }
                    newline |= d == '\n';
                    chars.next();
                }
                let pick = layout[n % layout.len()] as usize;
                n += 1;
                let s = spellings[pick % spellings.len()];
                out.push_str(s);
                if newline && !s.contains('\n') {
                    out.push('\n');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// One change that may make a valid document invalid (or leave it valid).
fn hostile_edit(json: &mut Json, where_: u32, how: u8, n: u32) {
    // Collect every value's path; pick one.
    fn paths(j: &Json, at: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
        out.push(at.clone());
        match j {
            Json::Object(m) => {
                for (k, v) in m {
                    at.push(PathStep::Key(k.clone()));
                    paths(v, at, out);
                    at.pop();
                }
            }
            Json::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    at.push(PathStep::Index(i));
                    paths(v, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let mut all = Vec::new();
    paths(json, &mut Vec::new(), &mut all);
    let target = all[where_ as usize % all.len()].clone();
    let Some(slot) = docgen::at_mut(json, &target) else {
        return;
    };
    *slot = match how {
        0 => Json::Null,
        1 => json!("not what was wanted"),
        2 => json!(-(i64::from(n % 1000)) - 1),
        3 => json!(f64::from(n) + 0.5),
        4 => json!(["2024-02-30", "24:00", "", "£", "1e999", "NaN"][n as usize % 6]),
        5 => json!({ "kind": "no_such_kind", "unexpected": true }),
        6 => json!([slot.clone(), slot.clone()]),
        7 => match slot.take() {
            Json::Object(mut m) => {
                let key = m.keys().nth(n as usize % m.len().max(1)).cloned();
                if let Some(k) = key {
                    m.remove(&k);
                }
                m.insert(format!("x{n}"), json!(1));
                Json::Object(m)
            }
            other => json!([other]),
        },
        8 => json!(u64::MAX),
        _ => json!("9".repeat(40)),
    };
}

fn arb_json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number)),
        "[a-z_0-9: .£-]{0,12}".prop_map(Json::String),
        prop::sample::select(vec![
            "community_order",
            "curfew",
            "2023-01-01",
            "09:30",
            "high",
            "unpaid_work"
        ])
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "kind",
                    "requirements",
                    "offender",
                    "age",
                    "hours",
                    "conviction_date",
                    "date",
                    "rosh",
                    "length",
                    "em",
                    "punitive",
                    "fine",
                    "x",
                ])
                .prop_map(String::from),
                inner,
                0..6,
            )
            .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

/// Tokens of the language, some broken ones, and stray characters.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "rulebook", "r", "version", "\"1\"", "title", "\"t\"", "cite", "\"c\"", "explain",
            "document", "d", ":", "D", "law", "date", "d.x", "record", "{", "}", "(", ")", "[",
            "]", ",", "enum", "E", "variant", "V", "optional", "list", "of", "bool", "int",
            "hours", "days", "weeks", "months", "years", "money", "percent", "decimal", "time",
            "string", "const", "K", "=", "set", "S", "rule", "x-1", "conflict", "routes", "derive",
            "severity", "warning", "in", "force", "from", "until", "by", "for", "each", "when",
            "require", "message", "\"m {d.x}\"", "between", "and", "or", "not", "implies", "is",
            "where", "decides", "hit", "policy", "unique", "first", "priority", "=>", "value",
            "example", "e", "test", "given", "with", "expect", "finding", "no", "findings",
            "route", "at", "any", "all", "count", "sum", "min", "max", "present", "days_between",
            "months_between", "??", "<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "3",
            "300 hours", "2022-06-28", "19:00", "£12.50", "15%", "true", "false", "\"", "//",
            "/*", "*/", "{{", "\n", "kind", "x", "a", "b",
        ]).prop_map(String::from),
        1 => "[ -~£é\u{202e}]{1,4}",
    ]
}
