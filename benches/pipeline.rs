//! Pipeline benchmarks: for each shipped rulebook `rules/*.rules`, the time to
//!
//! 1. compile it from text (`Sources` + `check::compile`),
//! 2. read one example document (JSON -> typed value): `read` from an already-parsed
//!    `serde_json::Value` (`doc::read`), `read_str` from the JSON text (`doc::read_str`, what the
//!    CLI, `--batch` and the page pay),
//! 3. check one typed document (`eval::check`),
//! 4. run the rulebook's own rule tests (`eval::run_tests`).
//!
//! Rulebooks and example documents are found at run time. Each rulebook file is compiled on its
//! own; the documents are every `tests/examples/*.json` that reads without error against it (and,
//! when none does, the rulebook's own `example` declarations). When `rules/` holds no rulebook,
//! an inline fixture (a small community-orders rulebook) is measured instead, so the bench always
//! has something to measure. `PROBITY_BENCH_RULES` and `PROBITY_BENCH_EXAMPLES` override the two
//! directories (an empty directory exercises the fallback).
//!
//! Set-up asserts that every compile succeeds and every check produces a report. Nothing here
//! asserts anything about time. Run:
//!
//! ```text
//! cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use probity::check::compile;
use probity::diag::{Location, Sources};
use probity::eval;
use probity::ir::{Program, Value};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// Used only when `rules/` holds no `.rules` file. Follows docs/LANGUAGE.md.
const FIXTURE_NAME: &str = "fixture_community_orders";
const FIXTURE: &str = r#"
rulebook fixture_community_orders
  version "0.0.1"
  title "Community orders (benchmark fixture)"

enum OrderKind { community_order, suspended_sentence_order }

record Offender {
  age: years
  consents_to_treatment: optional bool
}

variant Requirement {
  punitive: bool
  unpaid_work { hours: hours }
  curfew { hours_per_day: hours, length: months, em: bool }
  alcohol_treatment { willing: bool }
  alcohol_abstinence_monitoring { length: days }
}

record Order {
  kind: OrderKind
  conviction_date: date
  sentence_date: date
  offender: Offender
  fine: optional money
  requirements: list of Requirement
}

document order: Order
law date order.conviction_date

const UPW_MIN = 40 hours
const UPW_MAX = 300 hours
const PCSC_START = 2022-06-28

rule upw-hours
  title   "Unpaid work hours"
  cite    "Sentencing Act 2020, Sch. 9, para 2(2)"
  explain "Unpaid work must be between 40 and 300 hours in total."
  when    any(unpaid_work r in order.requirements)
  require UPW_MIN <= sum(unpaid_work r in order.requirements: r.hours) <= UPW_MAX
  message "Unpaid work totals {sum(unpaid_work r in order.requirements: r.hours)}."

rule curfew-daily-max
  title   "Curfew hours in any one day"
  cite    "Sentencing Act 2020, Sch. 9, para 9(4)(b)"
  explain "A curfew may not confine the offender for more than 20 hours in a day."
  in force from 2022-06-28
  for each curfew r in order.requirements
  require r.hours_per_day <= 20 hours
  message "A curfew may last at most 20 hours a day; this one lasts {r.hours_per_day}."

rule curfew-daily-max
  title   "Curfew hours in any one day"
  cite    "Sentencing Act 2020, Sch. 9, para 9(4)(b) (before PCSC)"
  explain "Before 28 June 2022 a curfew could not exceed 16 hours in a day."
  in force until 2022-06-27
  for each curfew r in order.requirements
  require r.hours_per_day <= 16 hours
  message "A curfew may last at most 16 hours a day; this one lasts {r.hours_per_day}."

rule punitive-element
  title    "A punitive requirement"
  cite     "Sentencing Act 2020, s.208(10)"
  explain  "A community order must include a punitive requirement, a fine, or both."
  severity warning
  when     order.kind == community_order
  require  any(r in order.requirements where r.punitive) or present(order.fine)
  message  "The order has no punitive requirement and no fine."

rule treatment-consent
  title   "Consent to alcohol treatment"
  cite    "Sentencing Act 2020, Sch. 9, para 20(2)"
  explain "An alcohol treatment requirement needs the offender's willingness."
  for each alcohol_treatment r in order.requirements
  require r.willing and (order.offender.consents_to_treatment ?? true)
  message "The offender has not expressed willingness to comply."

conflict aamr-with-alcohol-treatment
  title   "Alcohol abstinence and monitoring with alcohol treatment"
  cite    "Sentencing Act 2020, Sch. 9, para 25(3)"
  explain "An AAMR may not be imposed with an alcohol treatment requirement."
  between alcohol_abstinence_monitoring a and alcohol_treatment b in order.requirements
  message "An AAMR cannot be combined with an alcohol treatment requirement."

derive latest-end-date
  title "Latest lawful end date"
  cite  "Sentencing Act 2020, s.209(1)"
  when  order.kind == community_order
  value order.sentence_date + 3 years

example base_order = {
  "kind": "community_order",
  "conviction_date": "2023-03-02",
  "sentence_date": "2023-04-06",
  "offender": { "age": 34 },
  "requirements": [ { "kind": "unpaid_work", "punitive": true, "hours": 120 } ]
}

example busy_order = {
  "kind": "community_order",
  "conviction_date": "2021-11-20",
  "sentence_date": "2022-01-04",
  "offender": { "age": 22, "consents_to_treatment": false },
  "fine": "250.00",
  "requirements": [
    { "kind": "unpaid_work", "punitive": true, "hours": 200 },
    { "kind": "unpaid_work", "punitive": true, "hours": 150 },
    { "kind": "curfew", "punitive": true, "hours_per_day": 18, "length": 6, "em": true },
    { "kind": "alcohol_treatment", "punitive": false, "willing": true },
    { "kind": "alcohol_abstinence_monitoring", "punitive": false, "length": 90 }
  ]
}

test "the base order is clean"
  given base_order
  expect no findings
  expect value latest-end-date = 2026-04-06

test "350 hours of unpaid work is too many"
  given busy_order
  expect finding upw-hours
  expect finding curfew-daily-max
  expect finding aamr-with-alcohol-treatment
  expect finding treatment-consent

test "21 hours of curfew a day is unlawful after PCSC"
  given base_order with { "requirements": [
    { "kind": "curfew", "punitive": true, "hours_per_day": 21, "length": 3, "em": false } ] }
  expect finding curfew-daily-max at "requirements[0].hours_per_day"
  expect no finding upw-hours
"#;

/// One rulebook, compiled, with the documents that fit it.
struct Book {
    name: String,
    /// Label passed to `Sources::add` (the path relative to the crate, or `<fixture>`).
    file: String,
    text: String,
    program: Program,
    docs: Vec<Doc>,
}

struct Doc {
    name: String,
    /// The document as JSON text: the file as written, or a rulebook example pretty-printed.
    text: String,
    json: serde_json::Value,
    typed: Value,
}

fn dir_from_env(var: &str, default: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join(default),
    }
}

/// Files in `dir` ending in `.ext`, sorted by name; none if the directory is missing.
fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn compile_text(file: &str, text: &str) -> Option<Program> {
    let mut sources = Sources::default();
    sources.add(file, text);
    compile(sources).program
}

/// Compile once outside the timings, asserting success (with the diagnostics if not).
fn compile_or_panic(file: &str, text: &str) -> Program {
    let mut sources = Sources::default();
    sources.add(file, text);
    let rendered = sources.clone();
    let compiled = compile(sources);
    let diagnostics: Vec<String> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| rendered.render(d))
        .collect();
    assert!(
        compiled.program.is_some(),
        "{file} does not compile:\n{}",
        diagnostics.join("\n")
    );
    compiled.program.unwrap()
}

fn load() -> Vec<Book> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules_dir = dir_from_env("PROBITY_BENCH_RULES", "rules");
    let examples_dir = dir_from_env("PROBITY_BENCH_EXAMPLES", "tests/examples");

    let mut sources: Vec<(String, String, String)> = files_with_ext(&rules_dir, "rules")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            let file = p
                .strip_prefix(manifest)
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned();
            (stem(&p), file, text)
        })
        .collect();
    if sources.is_empty() {
        eprintln!(
            "pipeline bench: no rulebook in {}; measuring the inline fixture",
            rules_dir.display()
        );
        sources.push((
            FIXTURE_NAME.to_owned(),
            "<fixture>".to_owned(),
            FIXTURE.to_owned(),
        ));
    }

    let examples: Vec<(String, String, serde_json::Value)> = files_with_ext(&examples_dir, "json")
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            match serde_json::from_str(&text) {
                Ok(json) => Some((stem(&p), text, json)),
                Err(e) => {
                    eprintln!("pipeline bench: skipping {} ({e})", p.display());
                    None
                }
            }
        })
        .collect();

    let books: Vec<Book> = sources
        .into_iter()
        .map(|(name, file, text)| {
            let program = compile_or_panic(&file, &text);
            let mut candidates = examples.clone();
            let mut fitting: Vec<Doc> = fit(&program, &candidates);
            if fitting.is_empty() {
                // No shipped example fits: fall back to the rulebook's own `example`s.
                candidates = program
                    .examples
                    .iter()
                    .map(|e| {
                        let text = serde_json::to_string_pretty(&e.value).unwrap_or_default();
                        (format!("example-{}", e.name), text, e.value.clone())
                    })
                    .collect();
                fitting = fit(&program, &candidates);
            }
            for d in &fitting {
                let report = eval::check(&program, &d.typed);
                assert_eq!(
                    report.rulebooks.len(),
                    program.rulebooks.len(),
                    "checking {} against {name} produced no report of the rulebook",
                    d.name
                );
            }
            let run = eval::run_tests(&program);
            assert_eq!(run.results.len(), program.tests.len());
            eprintln!(
                "pipeline bench: {name}: {} bytes, {} rules, {} tests ({} pass, {} fail), documents: {}",
                text.len(),
                program.rules.len(),
                program.tests.len(),
                run.passed,
                run.failed,
                if fitting.is_empty() {
                    "none".to_owned()
                } else {
                    fitting
                        .iter()
                        .map(|d| d.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            );
            Book {
                name,
                file,
                text,
                program,
                docs: fitting,
            }
        })
        .collect();

    // An example that fits no rulebook is not measured; say why, so a schema drift is visible.
    for (name, _, json) in &examples {
        if books.iter().any(|b| b.docs.iter().any(|d| &d.name == name)) {
            continue;
        }
        let why: Vec<String> = books
            .iter()
            .map(|b| match probity::doc::read(&b.program, json) {
                Ok(_) => format!("{}: fits", b.name),
                Err(errors) => {
                    let first = errors.first().map_or(String::new(), |d| match &d.location {
                        Location::Document { path } => format!("{path}: {}", d.message),
                        _ => d.message.clone(),
                    });
                    format!("{}: {first}", b.name)
                }
            })
            .collect();
        eprintln!(
            "pipeline bench: {name}.json fits no rulebook; not measured ({})",
            why.join("; ")
        );
    }
    books
}

/// The candidates that read without error against `program`.
fn fit(program: &Program, candidates: &[(String, String, serde_json::Value)]) -> Vec<Doc> {
    candidates
        .iter()
        .filter_map(|(name, text, json)| {
            let typed = probity::doc::read(program, json).ok()?;
            let from_text = probity::doc::read_str(program, text).ok()?;
            assert!(
                from_text == typed,
                "{name}: doc::read_str and doc::read disagree"
            );
            Some(Doc {
                name: name.clone(),
                text: text.clone(),
                json: json.clone(),
                typed,
            })
        })
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let books = load();

    let mut group = c.benchmark_group("compile");
    for book in &books {
        group.bench_function(&book.name, |b| {
            b.iter(|| compile_text(black_box(&book.file), black_box(&book.text)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("read");
    for book in &books {
        for doc in &book.docs {
            group.bench_function(format!("{}/{}", book.name, doc.name), |b| {
                b.iter(|| probity::doc::read(black_box(&book.program), black_box(&doc.json)))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("read_str");
    for book in &books {
        for doc in &book.docs {
            group.bench_function(format!("{}/{}", book.name, doc.name), |b| {
                b.iter(|| probity::doc::read_str(black_box(&book.program), black_box(&doc.text)))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("check");
    for book in &books {
        for doc in &book.docs {
            group.bench_function(format!("{}/{}", book.name, doc.name), |b| {
                b.iter(|| eval::check(black_box(&book.program), black_box(&doc.typed)))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("rule_tests");
    for book in &books {
        group.bench_function(&book.name, |b| {
            b.iter(|| eval::run_tests(black_box(&book.program)))
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
