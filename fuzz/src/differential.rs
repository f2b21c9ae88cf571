//! The differential targets: a random well-typed rulebook (`rulegen`) and random schema-valid
//! documents for it (`docgen`), and the same question put to two forms of the semantics that
//! must agree. Each function takes the fuzzer's bytes; a panic is a disagreement. Shared by the
//! cargo-fuzz binaries and the stable replay (tests/regressions), like the rest of `targets`.

use super::docgen::{self, Bytes, Choices, Gen};
use super::rulegen::RuleGen;
use probity::diag::Sources;
use probity::eval::{check, check_places, decide, Plan};
use probity::explore::error_rules;
use probity::ir::{Program, Value};
use probity::report::{Report, Verdict};
use serde_json::Value as Json;

/// How many documents each generated rulebook is checked with.
const DOCUMENTS: usize = 4;

/// A generated rulebook compiled, and the choices left over for its documents. Text the
/// generator wrote that does not compile is a finding too (the generator means every rulebook
/// to be well typed, so one of the two is wrong).
pub fn generated(data: &[u8]) -> (String, Program, Bytes<'_>) {
    let mut g = RuleGen::new(Bytes { data });
    let text = g.rulebook();
    if std::env::var_os("PROBITY_FUZZ_SHOW").is_some() {
        eprintln!("{text}");
    }
    let mut sources = Sources::default();
    sources.add("fuzzed.rules", text.as_str());
    let compiled = probity::check::compile(sources.clone());
    let Some(program) = compiled.program else {
        let rendered: Vec<String> = compiled
            .diagnostics
            .iter()
            .map(|d| sources.render(d))
            .collect();
        panic!(
            "a generated rulebook does not compile:\n{}\n---\n{text}",
            rendered.join("\n")
        );
    };
    (text, program, g.choices)
}

/// The most items a list of the explorer's documents holds (see `docgen::Gen::max_items`).
const EXPLORED_ITEMS: u32 = 3;

/// The next random document for `program`, as JSON and read.
pub fn document<C: Choices>(program: &Program, choices: C) -> (Json, Value, C) {
    document_with(program, choices, None)
}

/// The next random document for `program`, its lists at most `max_items` long when given.
pub fn document_with<C: Choices>(
    program: &Program,
    choices: C,
    max_items: Option<u32>,
) -> (Json, Value, C) {
    let mut gen = Gen::new(program, choices);
    gen.max_items = max_items;
    let json = gen.document(program);
    match probity::doc::read(program, &json) {
        Ok(doc) => (json, doc, gen.choices),
        Err(e) => panic!("a generated document is refused: {e:?}\n{json}"),
    }
}

/// decide vs plan: the reference evaluator and the compiled plan decide every document alike,
/// and the plan's report is the reference report word for word.
pub fn decide_plan(data: &[u8]) {
    let (text, program, mut choices) = generated(data);
    let plan = Plan::new(&program);
    let mut reused = probity::eval::Decision::default();
    for _ in 0..DOCUMENTS {
        let (json, doc, rest) = document(&program, choices);
        choices = rest;
        let reference = decide(&program, &doc);
        plan.decide_into(&doc, &mut reused);
        assert!(
            reused == reference,
            "plan (left) and decide (right) differ\n{reused:?}\n{reference:?}\n{json}\n---\n{text}"
        );
        let a = super::report_json(&check(&program, &doc));
        let b = super::report_json(&plan.check(&doc));
        assert_eq!(
            a, b,
            "decide's report and the plan's differ\n{json}\n---\n{text}"
        );
    }
}

/// What identifies a finding across two checks: a rule's or conflict's id with its paths (the
/// items it was found at); a routes table's finding by its id alone (an overlap's paths grow
/// when a further row comes to match).
fn finding_key(f: &probity::report::Finding) -> (String, Vec<String>) {
    use probity::report::FindingKind;
    match f.kind {
        FindingKind::Rule | FindingKind::Conflict => (f.rule.clone(), f.paths.clone()),
        FindingKind::NoRoute | FindingKind::Overlap => (f.rule.clone(), Vec::new()),
    }
}

/// A report's findings by `finding_key`, to compare two checks.
fn finding_keys(report: &Report) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = report.findings.iter().map(finding_key).collect();
    out.sort();
    out
}

/// The root fields a mutation may change, with a replacement value for each (`d` is the law
/// date: changing it changes which versions are in force, which no trace names).
fn mutations(choice: u32) -> (&'static str, Json) {
    let all: [(&str, Json); 10] = [
        ("n", Json::from(i64::from(choice % 40) - 5)),
        ("m", Json::from(i64::from(choice % 17))),
        ("x", Json::from(format!("{}.5", choice % 30))),
        (
            "e",
            Json::from(format!("20{:02}-0{}-15", 18 + choice % 8, 1 + choice % 9)),
        ),
        ("len", Json::from(choice % 50)),
        (
            "lvl",
            Json::from(["low", "medium", "high"][(choice % 3) as usize]),
        ),
        ("ok", Json::from(choice % 2 == 0)),
        ("o", Json::from(choice % 6)),
        ("od", Json::from("2021-06-30")),
        (
            "ol",
            Json::from(["low", "medium", "high"][(choice % 3) as usize]),
        ),
    ];
    let i = (choice / 7) as usize % all.len();
    let (name, v) = all[i].clone();
    (name, v)
}

/// A report cut to what `eval::check_places` keeps of it: every message, trace and route
/// reason emptied.
fn places_of(report: &Report) -> Report {
    let mut r = report.clone();
    for f in &mut r.findings {
        f.message.clear();
        f.trace.clear();
    }
    for route in &mut r.routes {
        route.reason.clear();
        route.trace.clear();
    }
    r
}

/// decide vs the explanation: every finding's trace names the facts it rests on, so changing a
/// document field that no fact of the trace mentions (neither by path nor in its text) leaves
/// that finding in place. The trace of a finding is also never empty when its rule has a
/// condition. The explanation cut to its places (`check_places`, what the explorer scores its
/// edits with) gives the same findings at the same paths, and the same errors, as the full one.
pub fn explain(data: &[u8]) {
    let (text, program, mut choices) = generated(data);
    for _ in 0..DOCUMENTS {
        let (json, doc, rest) = document(&program, choices);
        choices = rest;
        let before = check(&program, &doc);
        assert_eq!(
            super::report_json(&places_of(&before)),
            super::report_json(&check_places(&program, &doc)),
            "check_places (right) differs from check cut to its places (left)\n{json}\n---\n{text}"
        );
        if !before.errors.is_empty() {
            continue;
        }
        let (field, value) = mutations(choices.below(10_000));
        let after_json = {
            let mut j = json.clone();
            if let Some(map) = j.as_object_mut() {
                map.insert(field.to_string(), value);
            }
            j
        };
        let Ok(after_doc) = probity::doc::read(&program, &after_json) else {
            continue;
        };
        let after = check(&program, &after_doc);
        if !after.errors.is_empty() || after.law_date != before.law_date {
            continue;
        }
        let kept = finding_keys(&after);
        let mut unnamed: std::collections::BTreeMap<&str, usize> = Default::default();
        // A table's finding is explained by its rows; its `applies when` is not in the trace
        // (a documented limit of the explanation: see docs/SECURITY.md).
        let applies_when = |rule: &str| {
            program
                .routes
                .iter()
                .any(|t| t.applies.is_some() && probity::report::names_decl(rule, &t.meta.id))
        };
        let root = format!("doc.{field}");
        for f in &before.findings {
            let named = f
                .paths
                .iter()
                .any(|p| p == field || p.starts_with(&format!("{field}.")))
                || f.trace.iter().any(|fact| {
                    fact.text.contains(&root)
                        || fact.values.iter().any(|v| {
                            v.text.contains(&root) || v.path.as_deref().is_some_and(|p| p == field)
                        })
                });
            if named || applies_when(&f.rule) {
                continue;
            }
            *unnamed.entry(f.rule.as_str()).or_default() += 1;
            // A rule's finding keeps its id and count; its paths may change (the trace names
            // the first operand that decides, which the change may make another one).
            let same_rule = kept.iter().filter(|(rule, _)| *rule == f.rule).count();
            assert!(
                same_rule >= unnamed.get(f.rule.as_str()).copied().unwrap_or(0),
                "finding {} at {:?} rests on `{field}`, which its trace does not name:\n{:#?}\nbefore: {json}\nafter: {after_json}\n---\n{text}",
                f.rule,
                f.paths,
                f.trace
            );
        }
    }
}

/// The rows of table `table` (0-based) that match `json`, and whether the table routed it at
/// all (in force and applying).
fn matched_rows(program: &Program, table: usize, json: &Json) -> Option<Vec<usize>> {
    let doc = probity::doc::read(program, json).ok()?;
    let d = decide(program, &doc);
    let outcome = d.route(u32::try_from(table).ok()?)?;
    Some(
        d.matched_rows(outcome)
            .iter()
            .map(|r| *r as usize)
            .collect(),
    )
}

/// analysis vs evaluation: every gap, overlap, shadowed, masked, duplicate or subsumed row the
/// lint claims is shown by evaluating its witness; a table the lint decided wholly, with no gap
/// (overlap) claimed, never leaves a random document unrouted (routed twice where its policy
/// forbids it); a rule claimed never to apply or never to fire gives no finding.
pub fn analysis(data: &[u8]) {
    use probity::analyze::LintKind;
    let (text, program, mut choices) = generated(data);
    let lint = probity::analyze::lint(&program);
    // The lint's text face (the CLI's `probity lint`) on every lint: here rather than in
    // `faces`, which would otherwise run the whole lint again for it.
    let _ = probity::analyze::render_text(&lint);
    let table_index = |id: &str| program.routes.iter().position(|t| t.meta.id == id);
    for f in &lint.findings {
        let Some(t) = table_index(&f.id) else {
            continue;
        };
        let Some(witness) = &f.witness else { continue };
        let Some(rows) = matched_rows(&program, t, witness) else {
            // A witness the table does not route (out of force, or not applying): only a
            // finding about a row that never matches may have one.
            assert!(
                !matches!(f.kind, LintKind::Gap | LintKind::Overlap),
                "the witness of {:?} on {} is not routed by it\n{witness}\n---\n{text}",
                f.kind,
                f.id
            );
            continue;
        };
        let claimed: Vec<usize> = f.rows.iter().map(|r| r.saturating_sub(1)).collect();
        match f.kind {
            LintKind::Gap => assert!(
                rows.is_empty(),
                "gap witness matches rows {rows:?} of {}\n{witness}\n---\n{text}",
                f.id
            ),
            // One finding per row: its own row listed last, after every earlier row it shares
            // cases with; the witness is of the first pair (the first row and its own).
            LintKind::Overlap => assert!(
                claimed.first().is_some_and(|r| rows.contains(r))
                    && claimed.last().is_some_and(|r| rows.contains(r))
                    && rows.len() >= 2,
                "overlap witness on {} rows {:?} matches only rows {rows:?}\n{witness}\n---\n{text}",
                f.id,
                f.rows
            ),
            // The row concerned (listed first) and one of the rows that take its cases (a row
            // may be shadowed by several earlier rows together).
            LintKind::Shadowed | LintKind::Masked | LintKind::Duplicate | LintKind::Subsumed => {
                let (subject, others) = claimed.split_first().unwrap_or((&usize::MAX, &[]));
                assert!(
                    rows.contains(subject) && others.iter().any(|r| rows.contains(r)),
                    "{:?} witness on {} rows {:?} matches only rows {rows:?}\n{witness}\n---\n{text}",
                    f.kind,
                    f.id,
                    f.rows
                )
            }
            _ => {}
        }
    }
    let undecided = |id: &str| lint.undecided.iter().any(|u| u.id == id);
    let claims =
        |id: &str, kind: LintKind| lint.findings.iter().any(|f| f.id == id && f.kind == kind);
    for _ in 0..DOCUMENTS {
        let (json, doc, rest) = document(&program, choices);
        choices = rest;
        let report = check(&program, &doc);
        if !report.errors.is_empty() {
            continue;
        }
        for t in &program.routes {
            let id = &t.meta.id;
            if undecided(id) {
                continue;
            }
            for (suffix, kind) in [("no-route", LintKind::Gap), ("overlap", LintKind::Overlap)] {
                let found = report
                    .findings
                    .iter()
                    .any(|f| f.rule == format!("{id}/{suffix}"));
                assert!(
                    !found || claims(id, kind),
                    "{id}: the lint claims no {kind:?}, but this document falls in one\n{json}\n---\n{text}"
                );
            }
        }
        for f in &report.findings {
            for kind in [
                LintKind::NeverApplies,
                LintKind::NeverFires,
                LintKind::RequireUnsatisfiable,
            ] {
                let never = kind != LintKind::RequireUnsatisfiable;
                if never && claims(&f.rule, kind) && !undecided(&f.rule) {
                    panic!(
                        "{}: the lint claims {kind:?}, but this document gives a finding\n{json}\n---\n{text}",
                        f.rule
                    );
                }
            }
        }
    }
}

/// The report for `json` with `item` appended to `doc.parts`.
fn with_part(program: &Program, json: &Json, item: &Json) -> Option<Report> {
    let mut j = json.clone();
    j.get_mut("parts")?.as_array_mut()?.push(item.clone());
    let doc = probity::doc::read(program, &j).ok()?;
    Some(check(program, &doc))
}

/// explorer vs evaluation: each addable option adds no new error finding when added, and a
/// "lawful after" is lawful; every bound of every lawful range, set on the item, adds none
/// either; every fix, applied, leaves the document free of error findings; the decomposed sweep
/// counts what checking every combination counts.
pub fn explore(data: &[u8]) {
    let (text, program, choices) = generated(data);
    let Ok(ex) = probity::explore::Explorer::new(&program, Some("parts")) else {
        return;
    };
    let (json, doc, _) = document_with(&program, choices, Some(EXPLORED_ITEMS));
    let now = check(&program, &doc);
    let errors_now = error_rules(&now);
    // Through the JSON face (what the CLI and the page call): the same options as
    // `options(&doc)` on a document the reader accepts, so the face is fuzzed here, once,
    // rather than computed again by `faces`.
    let options = ex
        .options_json(&json)
        .unwrap_or_else(|e| panic!("the explorer refuses a generated document: {e:?}\n{json}"));
    let _ = ex.matrix_json(&json);
    for c in &options.cases {
        if !c.addable {
            continue;
        }
        let Some(after) = with_part(&program, &json, &c.item) else {
            panic!(
                "option {} gives an unreadable item {}\n---\n{text}",
                c.case, c.item
            );
        };
        let new: Vec<String> = error_rules(&after)
            .difference(&errors_now)
            .cloned()
            .collect();
        assert!(
            new.is_empty(),
            "adding {} ({}) was offered, but gives new errors {new:?}\n{json}\n---\n{text}",
            c.case,
            c.item
        );
        if c.lawful_after {
            assert!(
                after.verdict != Verdict::Errors,
                "adding {} was said to leave the document lawful\n{json}\n---\n{text}",
                c.case
            );
        }
        for p in &c.params {
            for span in &p.lawful {
                for bound in [&span.min, &span.max].into_iter().flatten() {
                    let mut item = c.item.clone();
                    if let Some(m) = item.as_object_mut() {
                        m.insert(p.field.clone(), bound.clone());
                    }
                    if let Some(after) = with_part(&program, &json, &item) {
                        let new: Vec<String> = error_rules(&after)
                            .difference(&errors_now)
                            .cloned()
                            .collect();
                        assert!(
                            new.is_empty() || !p.exact,
                            "{}.{} = {bound} is inside a lawful span {}, but gives new errors {new:?}\n{json}\n---\n{text}",
                            c.case,
                            p.field,
                            span.display
                        );
                    }
                }
            }
        }
    }
    if let Ok(fixes) = ex.fixes_json(&json) {
        for fix in &fixes.fixes {
            let fixed = probity::explore::apply_edits(&json, &fix.edits)
                .unwrap_or_else(|e| panic!("a fix does not apply: {e:?}\n{json}\n---\n{text}"));
            let fixed_doc = probity::doc::read(&program, &fixed)
                .unwrap_or_else(|e| panic!("a fix gives an unreadable document: {e:?}\n{fixed}"));
            let after = check(&program, &fixed_doc);
            assert!(
                after.verdict != Verdict::Errors,
                "the fix {:?} leaves errors {:?}\n{json}\n---\n{text}",
                fix.edits,
                error_rules(&after)
            );
        }
    }
    if let (Ok(fast), Ok(direct)) = (ex.sweep(&doc, None), ex.sweep_direct(&doc, None)) {
        assert_eq!(
            (fast.combinations, fast.lawful, fast.unlawful, &fast.reasons),
            (direct.combinations, direct.lawful, direct.unlawful, &direct.reasons),
            "the sweep (left) and checking every combination (right) count differently\n{json}\n---\n{text}"
        );
    }
}

/// The formatter on a random rulebook: it is idempotent and keeps the meaning (the formatted
/// text compiles to a program that decides every document alike). The lint and its text face
/// are run by `analysis`, and the explorer's JSON faces (`options_json`, `matrix_json`) by
/// `explore`, on the same generated rulebooks, with oracles of their own: running them here
/// too was a quarter (the lint) and then half (the explorer) of this target's time, and found
/// nothing those targets would not.
pub fn faces(data: &[u8]) {
    let (text, program, mut choices) = generated(data);
    let formatted = probity::syntax::format(0, &text)
        .unwrap_or_else(|d| panic!("a generated rulebook does not format: {d:?}\n{text}"));
    let twice = probity::syntax::format(0, &formatted)
        .unwrap_or_else(|d| panic!("formatted text does not format: {d:?}\n{formatted}"));
    assert_eq!(twice, formatted, "fmt is not idempotent");
    let mut sources = Sources::default();
    sources.add("fuzzed.rules", formatted.as_str());
    let Some(reformatted) = probity::check::compile(sources).program else {
        panic!("formatted text does not compile\n{formatted}");
    };
    for _ in 0..DOCUMENTS {
        let (json, doc, rest) = document(&program, choices);
        choices = rest;
        assert!(
            decide(&program, &doc) == decide(&reformatted, &doc),
            "formatting changed a decision\n{json}\n---\n{text}\n---\n{formatted}"
        );
    }
}

/// A rulebook with a generated Rust module: its program, its plan (built once) and the module.
pub type NativeForms<'a> = (
    &'a Program,
    &'a Plan<'a>,
    &'a probity::eval::native::Native<'a>,
);

/// Documents for the shipped rulebooks with generated Rust modules: the module decides as the
/// plan and as the reference evaluator (see `native`).
pub fn generated_rust(data: &[u8], natives: &[NativeForms<'_>]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Some((program, plan, native)) = natives.get(usize::from(which) % natives.len().max(1))
    else {
        return;
    };
    let (json, doc, _) = document(program, Bytes { data: rest });
    let reference = decide(program, &doc);
    let planned = plan.decide(&doc);
    let generated = native.decide(&doc);
    assert!(planned == reference, "plan and decide differ\n{json}");
    assert!(
        generated == planned,
        "the generated Rust (left) and the plan (right) differ\n{generated:?}\n{planned:?}\n{json}"
    );
}

/// A rulebook's text for a replay or a report, from the fuzzer's bytes.
pub fn rulebook_text(data: &[u8]) -> String {
    RuleGen::new(docgen::Bytes { data }).rulebook()
}
