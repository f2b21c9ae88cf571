//! `doc::read_str` has a fast path (`doc::fast::try_read_str`: text straight to `ir::Value`) and
//! the two-step path (`doc::read_str_slow`: `serde_json::from_str`, then `doc::read`). The fast
//! path may decline; when it accepts, the two-step path must accept too with the same value (equal
//! with `==` and in `{:?}`, so a decimal's scale counts), and `read_str` must always give exactly
//! what the two-step path gives, diagnostics included.
//!
//! The documents: every `tests/examples/*.json`, every shipped rulebook's `example`s and rule-test
//! documents, the bad-document corpus, documents from the schema-guided generator shared with the
//! fuzz target, and variants of all of them written out with their keys reordered (`kind` first,
//! last, reversed, shuffled), members dropped, duplicated, added or retyped, and numbers and
//! strings rewritten (`1e999`, `12.10`, `-0`, `1.5` for an int, `£` amounts, escaped keys, ...).
//! The valid ones must take the fast path whatever their key order, so a fast path that always
//! declined would fail here.

#[path = "../fuzz/src/docgen.rs"]
#[allow(dead_code)]
mod docgen;
mod support;

use docgen::{Gen, Numbers};
use probity::doc;
use probity::ir::Program;
use proptest::prelude::*;
use serde_json::Value as Json;
use std::sync::OnceLock;
use support::{files, proptest_config as config};

use support::{compile_file, root};

/// The shipped rulebooks, and the bad-document corpus's schema last.
fn programs() -> &'static [Program] {
    static P: OnceLock<Vec<Program>> = OnceLock::new();
    P.get_or_init(|| {
        let mut out: Vec<Program> = files(&root().join("rules"), "rules")
            .iter()
            .map(compile_file)
            .collect();
        assert!(out.len() >= 5, "the shipped rulebooks are missing");
        out.push(compile_file(root().join("tests/bad/docs/schema.rules")));
        out
    })
}

/// Every document we have as JSON: example files, and each rulebook's examples and test documents.
fn corpus() -> &'static [Json] {
    static C: OnceLock<Vec<Json>> = OnceLock::new();
    C.get_or_init(|| {
        let mut out: Vec<Json> = files(&root().join("tests/examples"), "json")
            .iter()
            .map(|p| {
                serde_json::from_str(&std::fs::read_to_string(p).expect("an example"))
                    .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            })
            .collect();
        for p in programs() {
            out.extend(p.examples.iter().map(|e| e.value.clone()));
            out.extend(p.tests.iter().map(|t| t.document.clone()));
        }
        out
    })
}

/// The heart of it: the fast path agrees with the two-step path on `text`, and `read_str` gives
/// exactly the two-step result. Returns whether the fast path accepted.
fn agree(program: &Program, text: &str) -> bool {
    let slow = doc::read_str_slow(program, text);
    let fast = doc::fast::try_read_str(program, text);
    let both = doc::read_str(program, text);
    assert_eq!(
        format!("{both:?}"),
        format!("{slow:?}"),
        "read_str differs from the two-step path on\n{text}"
    );
    match (&fast, &slow) {
        (Some(f), Ok(s)) => {
            assert!(f == s, "the paths read different values from\n{text}");
            assert_eq!(format!("{f:?}"), format!("{s:?}"), "on\n{text}");
            true
        }
        (Some(_), Err(e)) => {
            panic!("the fast path accepted what the two-step path refuses ({e:?}):\n{text}")
        }
        (None, _) => false,
    }
}

/// How members are ordered when writing an object.
#[derive(Clone, Copy, Debug)]
enum Order {
    /// As the `serde_json::Map` holds them (sorted by name).
    AsIs,
    KindFirst,
    KindLast,
    Reversed,
    /// A rotation by the seed, then every other member swapped.
    Shuffled(u32),
}

fn order_keys(keys: &mut Vec<&String>, order: Order) {
    let kind_pos = keys.iter().position(|k| k.as_str() == "kind");
    match (order, kind_pos) {
        (Order::AsIs, _) => {}
        (Order::KindFirst, Some(i)) => {
            let k = keys.remove(i);
            keys.insert(0, k);
        }
        (Order::KindLast, Some(i)) => {
            let k = keys.remove(i);
            keys.push(k);
        }
        (Order::KindFirst | Order::KindLast, None) => {}
        (Order::Reversed, _) => keys.reverse(),
        (Order::Shuffled(seed), _) => {
            if !keys.is_empty() {
                let n = keys.len();
                keys.rotate_left(seed as usize % n);
                for i in (1..n).step_by(2) {
                    if seed & (1 << (i % 32)) != 0 {
                        keys.swap(i - 1, i);
                    }
                }
            }
        }
    }
}

/// One change to make while writing, at the value with pre-order number `at`. `what % 4 == 0`
/// writes `RAW[what / 4]` instead of the value; otherwise `variant(what)` picks a rewrite of a
/// number or string, or a structural change to an object or list.
#[derive(Clone, Copy, Debug)]
struct Mutation {
    at: usize,
    what: u32,
}

fn variant(what: u32) -> usize {
    (what / 4 * 3 + what % 4 - 1) as usize
}

/// Every `what` a sweep tries at each value: each `RAW` text, and the first `VARIANTS` rewrites.
fn sweep() -> impl Iterator<Item = u32> {
    (0..4 * RAW.len() as u32).filter(|w| w % 4 == 0 || variant(*w) < VARIANTS)
}

/// Enough rewrites to cover every number and string rewrite and every object and list change at
/// two positions.
const VARIANTS: usize = 18;

/// Replacement texts for any value.
const RAW: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1.5",
    "-0",
    "-0.0",
    "1e999",
    "-1e999",
    "1e-400",
    "12.10",
    "1E2",
    "100.0",
    "0.1e1",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "1e300",
    "0.30000000000000004",
    "\"\"",
    "\"x\"",
    "\"12.10\"",
    "\" £250.00 \"",
    "\"£-3\"",
    "\"1e3\"",
    "\"2023-02-29\"",
    "\"2024-02-29\"",
    "\"2023-1-5\"",
    "\"+2023-01-05\"",
    "\"9:30\"",
    "\"24:00\"",
    "\"23:59\"",
    "\"low\"",
    "\"community_order\"",
    "\"curfew\"",
    "[]",
    "[null]",
    "{}",
    "{\"kind\":\"curfew\"}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "\"\\ud800\"",
    "\"\\u00a3\\u0031\"",
    "1,",
    "",
];

struct Writer<'m> {
    order: Order,
    mutations: &'m [Mutation],
    next: usize,
    out: String,
}

impl Writer<'_> {
    fn sep(&mut self, first: &mut bool) {
        if !std::mem::replace(first, false) {
            self.out.push(',');
        }
    }

    fn key(&mut self, first: &mut bool, key: &str) {
        self.sep(first);
        self.out
            .push_str(&serde_json::to_string(key).expect("a key"));
        self.out.push(':');
    }

    fn write(&mut self, json: &Json) {
        let at = self.next;
        self.next += 1;
        let mutation = self.mutations.iter().find(|m| m.at == at).map(|m| m.what);
        match (mutation, json) {
            (None, _) => self.plain(json, None),
            (Some(w), _) if w % 4 == 0 => {
                let raw = RAW[(w / 4) as usize % RAW.len()];
                self.out.push_str(raw);
            }
            (Some(w), Json::Number(n)) => {
                let text = n.to_string();
                let variants = [
                    format!("{text}.0"),
                    format!("{text}0"),
                    format!("-{text}"),
                    format!("{text}e0"),
                    format!("{text}.10"),
                    format!("{text}E+1"),
                    format!("{text}e-1"),
                    format!("0.{text}"),
                ];
                self.out.push_str(&variants[variant(w) % variants.len()]);
            }
            (Some(w), Json::String(s)) => {
                let escaped: String = s.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
                let variants = [
                    format!("\"{escaped}\""),
                    format!("\"£{s}\""),
                    format!("\" {s}\""),
                    format!("\"{}\"", s.to_uppercase()),
                    format!("\"{}\"", s.repeat(2)),
                    format!("\"{}\"", s.get(1..).unwrap_or("")),
                ];
                self.out.push_str(&variants[variant(w) % variants.len()]);
            }
            (Some(w), _) => self.plain(json, Some(variant(w) as u32)),
        }
    }

    /// Write `json`, with a structural change `w` to this object or list if given: `1 + w % 7` is
    /// the change, `w / 7` picks the member or item.
    fn plain(&mut self, json: &Json, w: Option<u32>) {
        match json {
            Json::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                order_keys(&mut keys, self.order);
                let pick = w.map(|w| (w / 7) as usize % keys.len().max(1));
                let change = w.map(|w| 1 + w % 7);
                self.out.push('{');
                let mut first = true;
                for (i, key) in keys.iter().enumerate() {
                    let value = &map[key.as_str()];
                    let this = pick == Some(i);
                    match change {
                        // Drop this member.
                        Some(1) if this => continue,
                        // Duplicate it: the same value twice.
                        Some(2) if this => {
                            self.key(&mut first, key);
                            self.plain(value, None);
                        }
                        // Duplicate it with null first.
                        Some(3) if this => {
                            self.key(&mut first, key);
                            self.out.push_str("null");
                        }
                        // Leave out `kind` (whichever member is picked).
                        Some(4) if key.as_str() == "kind" => continue,
                        // Write its key escaped.
                        Some(5) if this => {
                            self.sep(&mut first);
                            let escaped: String = key
                                .chars()
                                .map(|c| format!("\\u{:04x}", c as u32))
                                .collect();
                            self.out.push_str(&format!("\"{escaped}\":"));
                            self.write(value);
                            continue;
                        }
                        _ => {}
                    }
                    self.key(&mut first, key);
                    self.write(value);
                }
                match change {
                    Some(6) => {
                        self.key(&mut first, "zzz_unknown");
                        self.out.push('1');
                    }
                    Some(7) => {
                        self.key(&mut first, "kind");
                        self.out.push_str("\"curfew\"");
                    }
                    _ => {}
                }
                self.out.push('}');
            }
            Json::Array(items) => {
                let pick = w.map(|w| (w / 7) as usize % items.len().max(1));
                self.out.push('[');
                let mut first = true;
                for (i, item) in items.iter().enumerate() {
                    let copies = match w.map(|w| 1 + w % 7) {
                        Some(1) if pick == Some(i) => 0,
                        Some(2) if pick == Some(i) => 2,
                        _ => 1,
                    };
                    for _ in 0..copies {
                        self.sep(&mut first);
                        self.write(item);
                    }
                }
                self.out.push(']');
            }
            Json::String(s) => self
                .out
                .push_str(&serde_json::to_string(s).expect("a string")),
            other => self.out.push_str(&other.to_string()),
        }
    }
}

fn write(json: &Json, order: Order, mutations: &[Mutation]) -> String {
    let mut w = Writer {
        order,
        mutations,
        next: 0,
        out: String::new(),
    };
    w.write(json);
    w.out
}

fn count_values(json: &Json) -> usize {
    1 + match json {
        Json::Object(m) => m.values().map(count_values).sum(),
        Json::Array(a) => a.iter().map(count_values).sum(),
        _ => 0,
    }
}

const ORDERS: &[Order] = &[
    Order::AsIs,
    Order::KindFirst,
    Order::KindLast,
    Order::Reversed,
    Order::Shuffled(0x5a5a_5a5a),
    Order::Shuffled(7),
];

/// Every corpus document against every program it fits, in every key order, pretty and compact:
/// the fast path must accept it in every order. Against the programs it does not fit (the other
/// rulebooks' schemas), in two orders: the fast path must decline.
#[test]
fn corpus_documents_agree_in_every_key_order() {
    let mut accepted = 0;
    for json in corpus() {
        for program in programs() {
            let valid = doc::read(program, json).is_ok();
            let orders = if valid {
                ORDERS
            } else {
                &[Order::AsIs, Order::KindLast][..]
            };
            for &order in orders {
                let text = write(json, order, &[]);
                let fast = agree(program, &text);
                assert_eq!(
                    fast, valid,
                    "{order:?}: the fast path should accept\n{text}"
                );
                accepted += usize::from(fast);
            }
            let pretty = serde_json::to_string_pretty(json).expect("pretty");
            assert_eq!(agree(program, &pretty), valid, "{pretty}");
        }
    }
    assert!(
        accepted > 100,
        "only {accepted} documents took the fast path"
    );
}

/// The example files as written (kind first, pretty) take the fast path.
#[test]
fn example_files_take_the_fast_path() {
    let mut fast = 0;
    for path in files(&root().join("tests/examples"), "json") {
        let text = std::fs::read_to_string(&path).expect("an example");
        for program in programs() {
            if agree(program, &text) {
                fast += 1;
            } else {
                assert!(
                    doc::read_str_slow(program, &text).is_err(),
                    "{} declined though valid",
                    path.display()
                );
            }
        }
    }
    assert!(fast >= 8, "only {fast} example files took the fast path");
}

/// Every bad document is refused by the fast path, and read_str reports what the two-step path does.
#[test]
fn bad_documents_decline() {
    let schema = programs().last().expect("the bad-document schema");
    for path in files(&root().join("tests/bad/docs"), "json") {
        let text = std::fs::read_to_string(&path).expect("a bad document");
        assert!(
            !agree(schema, &text),
            "{} took the fast path",
            path.display()
        );
    }
}

/// Each corpus document with each single mutation at each of its values, in two key orders.
#[test]
fn every_single_mutation_agrees() {
    let mut outcomes = [0usize; 2];
    for (d, json) in corpus().iter().enumerate() {
        // Keep the run short: the example files and every eighth rulebook document.
        if d >= 11 && d % 8 != 0 {
            continue;
        }
        let n = count_values(json);
        for program in programs() {
            if doc::read(program, json).is_err() {
                continue;
            }
            for at in 0..n {
                for what in sweep() {
                    let order = if (what + at as u32) % 2 == 0 {
                        Order::KindFirst
                    } else {
                        Order::KindLast
                    };
                    let text = write(json, order, &[Mutation { at, what }]);
                    outcomes[usize::from(agree(program, &text))] += 1;
                }
            }
        }
    }
    eprintln!(
        "single mutations: {} declined, {} accepted",
        outcomes[0], outcomes[1]
    );
    assert!(
        outcomes[0] > 1000 && outcomes[1] > 1000,
        "declined {}, accepted {}: both paths should be well exercised",
        outcomes[0],
        outcomes[1]
    );
}

/// Around the limits: nesting depth, list length, string size.
#[test]
fn limits_agree() {
    let schema = programs().last().expect("the bad-document schema");
    let base =
        r#""conviction_date":"2023-03-02","rosh":"low","offender":{"age":30},"requirements":"#;
    let mut sides = [false; 2];
    for depth in 55..72 {
        let mut note = String::from(r#"{"text":"deep"}"#);
        for _ in 0..depth {
            note = format!(r#"{{"text":"x","reply":{note}}}"#);
        }
        let text = format!("{{{base}[],\"notes\":{note}}}");
        sides[usize::from(agree(schema, &text))] = true;
    }
    assert_eq!(sides, [true, true], "both sides of the depth limit");
    let item = r#"{"kind":"unpaid_work","punitive":true,"hours":1}"#;
    for n in [0, 1, doc::MAX_LIST_LEN, doc::MAX_LIST_LEN + 1] {
        let items = vec![item; n].join(",");
        let text = format!("{{{base}[{items}]}}");
        assert_eq!(agree(schema, &text), n <= doc::MAX_LIST_LEN, "{n} items");
    }
    for n in [doc::MAX_STRING_LEN, doc::MAX_STRING_LEN + 1] {
        let s = "é".repeat(n / 2) + &"x".repeat(n % 2);
        let text = format!("{{{base}[],\"notes\":{{\"text\":\"{s}\"}}}}");
        assert_eq!(agree(schema, &text), n <= doc::MAX_STRING_LEN, "{n} bytes");
    }
    // Trailing text, whitespace and a byte-order mark.
    let ok = format!("{{{base}[]}}");
    assert!(agree(schema, &format!(" \n{ok}\t\n")));
    assert!(!agree(schema, &format!("{ok} x")));
    assert!(!agree(schema, &format!("{ok}{ok}")));
    agree(schema, &format!("\u{feff}{ok}"));
}

fn order_of(n: u32) -> Order {
    match n % 5 {
        0 => Order::AsIs,
        1 => Order::KindFirst,
        2 => Order::KindLast,
        3 => Order::Reversed,
        _ => Order::Shuffled(n / 5),
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Generated valid documents take the fast path in any key order, with the same value.
    #[test]
    fn generated_documents_agree(
        which in 0usize..6,
        choices in prop::collection::vec(any::<u32>(), 0..600),
        order in any::<u32>(),
    ) {
        let program = &programs()[which % programs().len()];
        let json = Gen::new(program, Numbers { numbers: &choices }).document(program);
        let text = write(&json, order_of(order), &[]);
        prop_assert!(agree(program, &text), "a valid document declined:\n{}", text);
    }

    /// Generated and corpus documents with several mutations at once.
    #[test]
    fn mutated_documents_agree(
        which in 0usize..6,
        from_corpus in any::<bool>(),
        pick in any::<usize>(),
        choices in prop::collection::vec(any::<u32>(), 0..400),
        order in any::<u32>(),
        mutations in prop::collection::vec((any::<usize>(), any::<u32>()), 1..4),
    ) {
        let program = &programs()[which % programs().len()];
        let json = if from_corpus {
            corpus()[pick % corpus().len()].clone()
        } else {
            Gen::new(program, Numbers { numbers: &choices }).document(program)
        };
        let n = count_values(&json);
        let mutations: Vec<Mutation> =
            mutations.iter().map(|&(at, what)| Mutation { at: at % n, what }).collect();
        let text = write(&json, order_of(order), &mutations);
        agree(program, &text);
    }
}
