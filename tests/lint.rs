//! `probity lint`: the planted corpus under tests/lint/ with its exact expected findings
//! (BLESS=1 rewrites them), every witness reproducing its finding through the evaluator, dead
//! periods, the CLI's exit codes, and a property test against brute-force enumeration.

use probity::analyze::{lint, render_text, Lint, LintFinding, LintFix, LintKind};
use probity::ir::Program;
use probity::report::Report;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod support;
use support::{compile_file, compile_text};

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out.sort();
}

/// `text` with a lint fix applied (its byte range replaced).
fn with_fix(text: &str, fix: &LintFix) -> String {
    format!(
        "{}{}{}",
        &text[..fix.start as usize],
        fix.replacement,
        &text[fix.end as usize..]
    )
}

fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    files_under(Path::new("tests/lint"), "rules", &mut files);
    assert!(!files.is_empty(), "the lint corpus is empty");
    files
}

#[test]
fn corpus_findings_are_exactly_the_expected_ones() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for path in corpus() {
        let program = compile_file(&path);
        let got = render_text(&lint(&program));
        let expected_path = path.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}\n--- got\n{got}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The analysis checks a merge fix on the condition the checker would build from its text,
/// without compiling the text (the page's lint module has no compiler): here every fix the corpus
/// gets is applied to its file, which must compile, with the table one row shorter.
#[test]
fn every_merge_fix_in_the_corpus_compiles_to_a_table_one_row_shorter() {
    let mut fixes = 0;
    for path in corpus() {
        let program = compile_file(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        for f in lint(&program)
            .findings
            .iter()
            .filter(|f| f.kind == LintKind::Mergeable)
        {
            let Some(fix) = f.fix.as_ref() else { continue };
            fixes += 1;
            let fixed = with_fix(&text, fix);
            let merged = compile_text("fixed.rules", &fixed);
            let rows = |p: &Program| {
                p.routes
                    .iter()
                    .find(|t| t.meta.id == f.id)
                    .map(|t| t.rows.len())
            };
            assert_eq!(
                rows(&merged),
                rows(&program).map(|n| n - 1),
                "{}: {}",
                path.display(),
                fix.replacement
            );
        }
    }
    assert!(fixes >= 6, "only {fixes} merge fixes in the corpus");
}

/// Whether a report shows a finding, judged here from the report alone.
fn shows(report: &Report, program: &Program, f: &LintFinding) -> bool {
    let decided = |rows: &[usize]| {
        report
            .routes
            .iter()
            .filter(|d| d.table == f.id)
            .any(|d| rows.iter().all(|r| d.matched_rows.contains(r)))
    };
    let fired = |id: &str| report.findings.iter().any(|x| x.rule == id);
    match f.kind {
        LintKind::Gap | LintKind::UnhandledValue => {
            fired(&format!("{}/no-route", f.id))
                && report
                    .routes
                    .iter()
                    .any(|d| d.table == f.id && d.matched_rows.is_empty())
        }
        // The witness is for the first row named and the overlap's own row (the last).
        LintKind::Overlap => {
            fired(&format!("{}/overlap", f.id)) && decided(&[f.rows[0], f.rows[f.rows.len() - 1]])
        }
        LintKind::Shadowed => {
            let row = f.rows[0];
            report.routes.iter().any(|d| {
                d.table == f.id
                    && d.matched_rows.contains(&row)
                    && d.matched_rows.first().is_some_and(|x| *x < row)
            })
        }
        LintKind::PartlyMasked if program.routes[0].policy == probity::ir::HitPolicy::First => {
            let row = f.rows[0];
            report.routes.iter().any(|d| {
                d.table == f.id
                    && d.matched_rows.contains(&row)
                    && d.matched_rows.first().is_some_and(|x| *x < row)
            })
        }
        LintKind::Masked | LintKind::PartlyMasked => {
            let row = f.rows[0];
            let table = program
                .routes
                .iter()
                .find(|t| t.meta.id == f.id && t.rows.len() >= row)
                .unwrap();
            let out = table
                .output_name(&program.schema, table.rows[row - 1].output)
                .unwrap();
            report.routes.iter().any(|d| {
                d.table == f.id && d.matched_rows.contains(&row) && d.output.as_ref() != Some(&out)
            })
        }
        LintKind::Duplicate | LintKind::Subsumed | LintKind::Disagrees => decided(&f.rows),
        LintKind::Mergeable => report
            .routes
            .iter()
            .any(|d| d.table == f.id && f.rows.iter().any(|r| d.matched_rows.contains(r))),
        LintKind::AlwaysFails | LintKind::RequireUnsatisfiable => fired(&f.id),
        LintKind::Contradiction => fired(&f.id) || f.others.iter().any(|o| fired(o)),
        LintKind::Redundant => fired(&f.id) && f.others.iter().all(|o| fired(o)),
        _ => false,
    }
}

fn check_witnesses(path: &Path, program: &Program, lint: &Lint) -> Vec<String> {
    let mut bad = Vec::new();
    for f in &lint.findings {
        let Some(w) = &f.witness else { continue };
        let ok = match probity::eval::check_json(program, w) {
            Ok(report) => shows(&report, program, f),
            Err(e) => {
                bad.push(format!(
                    "{}: {} {}: witness refused: {e:?}",
                    path.display(),
                    f.id,
                    w
                ));
                continue;
            }
        };
        if !ok || f.reproduces != Some(true) {
            bad.push(format!(
                "{}: {:?} {} rows {:?}: {w}",
                path.display(),
                f.kind,
                f.id,
                f.rows
            ));
        }
    }
    bad
}

/// Run on a thread with a roomy stack: an unoptimised parse of a long rulebook is deep.
fn roomy<F: FnOnce() + Send + 'static>(f: F) {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn every_witness_reproduces_its_finding() {
    roomy(every_witness_reproduces_its_finding_inner);
}

fn every_witness_reproduces_its_finding_inner() {
    let mut files = corpus();
    files_under(Path::new("rules"), "rules", &mut files);
    let mut bad = Vec::new();
    let mut witnesses = 0;
    for path in files {
        let program = compile_file(&path);
        let l = lint(&program);
        witnesses += l.findings.iter().filter(|f| f.witness.is_some()).count();
        bad.extend(check_witnesses(&path, &program, &l));
    }
    assert!(witnesses >= 10, "only {witnesses} witnesses in the corpus");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn dead_periods_are_found_in_programs_the_checker_would_refuse() {
    // The checker refuses empty and overlapping periods, so make such versions by hand.
    let mut program = compile_file(Path::new("tests/lint/clean.rules"));
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let mut empty = program.rules[0].clone();
    empty.meta.in_force.from = d("2020-01-01");
    empty.meta.in_force.until = d("2019-01-01");
    let mut inside = program.rules[0].clone();
    inside.meta.in_force.from = d("2021-01-01");
    program.rules.push(empty);
    program.rules.push(inside);
    let l = lint(&program);
    let dead: Vec<&LintFinding> = l
        .findings
        .iter()
        .filter(|f| f.kind == LintKind::DeadPeriod)
        .collect();
    assert_eq!(dead.len(), 2, "{dead:#?}");
    assert!(dead.iter().any(|f| f
        .message
        .contains("ends (2019-01-01) before it starts (2020-01-01)")));
    assert!(dead.iter().any(|f| f.message.contains("wholly within")));
}

#[test]
fn the_cli_exit_codes_say_clean_findings_or_bad_rules() {
    let bin = env!("CARGO_BIN_EXE_probity");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();
    assert_eq!(
        run(&["lint", "tests/lint/clean.rules"]).status.code(),
        Some(0)
    );
    let gap = run(&["lint", "--format", "json", "tests/lint/routes_gap.rules"]);
    assert_eq!(gap.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&gap.stdout).unwrap();
    assert_eq!(json["findings"][0]["kind"], "gap");
    assert_eq!(json["findings"][0]["reproduces"], true);
    let dir = std::env::temp_dir().join(format!("probity-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.rules");
    std::fs::write(&bad, "rulebook x\n  version \"1\"\n  title \"t\"\nrule").unwrap();
    assert_eq!(run(&["lint", bad.to_str().unwrap()]).status.code(), Some(2));
}

/// `probity lint --gap-witnesses TABLE`: every box of the table's gaps, each with a document of its
/// own that reproduces the gap, as JSON (the boxes the gap finding lists, in its order) and as
/// text; exit 1 when there are gaps, 0 when there are none, 2 for a table that does not exist.
#[test]
fn the_cli_gives_a_witness_for_each_gap_box_on_request() {
    let bin = env!("CARGO_BIN_EXE_probity");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();
    let file = "tests/lint/routes_gap.rules";
    let each = run(&["lint", "--format", "json", "--gap-witnesses", "team", file]);
    assert_eq!(
        each.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&each.stderr)
    );
    let each: serde_json::Value = serde_json::from_slice(&each.stdout).unwrap();
    let whole = run(&["lint", "--format", "json", file]);
    let whole: serde_json::Value = serde_json::from_slice(&whole.stdout).unwrap();
    let gap = whole["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "gap")
        .unwrap();
    let boxes = each.as_array().unwrap();
    assert_eq!(boxes.len(), 2, "{each}");
    let cases: Vec<&serde_json::Value> = boxes.iter().map(|b| &b["cases"]).collect();
    assert_eq!(
        cases,
        gap["boxes"].as_array().unwrap().iter().collect::<Vec<_>>()
    );
    assert_eq!(
        boxes[0]["witness"],
        serde_json::json!({"age": 18, "work": "court_advice"})
    );
    assert_eq!(
        boxes[1]["witness"],
        serde_json::json!({"age": 18, "work": "allocation"})
    );
    for b in boxes {
        assert_eq!(b["reproduces"], true, "{b}");
        assert_eq!(b["table"], "team");
        assert_eq!(b["line"], 18);
    }
    let text = run(&["lint", "--gap-witnesses", "team", file]);
    assert_eq!(text.status.code(), Some(1));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("gap 2 of 2: case.work = allocation and case.age >= 18 years"),
        "{text}"
    );
    assert!(
        text.contains(r#"document (checked: no row takes it): {"age":18,"work":"allocation"}"#),
        "{text}"
    );
    // A table without gaps: nothing to show, exit 0; no such table: exit 2, saying so.
    let clean = run(&["lint", "--gap-witnesses", "team", "tests/lint/clean.rules"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("it has no gap"));
    let none = run(&["lint", "--gap-witnesses", "no-such-table", file]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("no routes table is called no-such-table")
    );
}

// ------------------------------------------------------------------ property test

#[derive(Clone, Debug)]
enum Atom {
    Enum(&'static str, Vec<&'static str>, bool),
    Int(&'static str, i64),
    Flag(bool),
}

#[derive(Clone, Debug)]
struct Row {
    /// A disjunction of conjunctions of atoms.
    any_of: Vec<Vec<Atom>>,
    output: usize,
}

const LETTERS: [&str; 3] = ["a", "b", "c"];
const OUTPUTS: [&str; 3] = ["x", "y", "z"];
/// The same outputs in a table that `decides int`: the larger number is the higher, as the
/// enum value declared first is.
const NUMBERS: [&str; 3] = ["7", "3", "0"];
const POLICIES: [&str; 11] = [
    "collect sum",
    "unique",
    "any",
    "first",
    "priority",
    "collect",
    "collect min",
    "collect max",
    "collect count",
    "rule order",
    "output order",
];

fn atom() -> impl Strategy<Value = Atom> {
    prop_oneof![
        (
            prop::sample::select(vec!["==", "!="]),
            prop::sample::subsequence(LETTERS.to_vec(), 1..=2),
            any::<bool>()
        )
            .prop_map(|(op, set, as_set)| Atom::Enum(op, set, as_set)),
        (
            prop::sample::select(vec!["<", "<=", ">", ">=", "==", "!="]),
            0i64..6
        )
            .prop_map(|(op, k)| Atom::Int(op, k)),
        any::<bool>().prop_map(Atom::Flag),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::collection::vec(prop::collection::vec(atom(), 1..3), 1..3),
        0usize..3,
    )
        .prop_map(|(any_of, output)| Row { any_of, output })
}

fn atom_text(a: &Atom) -> String {
    match a {
        Atom::Enum(op, set, as_set) => {
            if *as_set || set.len() > 1 {
                let neg = if *op == "!=" { "not " } else { "" };
                format!("case.e {neg}in {{ {} }}", set.join(", "))
            } else {
                format!("case.e {op} {}", set[0])
            }
        }
        Atom::Int(op, k) => format!("case.n {op} {k}"),
        Atom::Flag(true) => "case.f".into(),
        Atom::Flag(false) => "not case.f".into(),
    }
}

fn rulebook(policy: &str, numeric: bool, rows: &[Row]) -> String {
    let mut text = String::from(
        "rulebook prop\n  version \"0.1.0\"\n  title \"p\"\n\
         enum E { a, b, c }\nenum Out { x, y, z }\n\
         record Case {\n  e: E\n  n: int\n  f: bool\n}\n\
         document case: Case\n\
         routes t\n  title \"t\"\n  cite \"c\"\n  explain \"e\"\n",
    );
    text.push_str(if numeric {
        "  decides int\n"
    } else {
        "  decides Out\n"
    });
    let outputs = if numeric { NUMBERS } else { OUTPUTS };
    text.push_str(&format!("  hit policy {policy}\n"));
    for r in rows {
        let ors: Vec<String> = r
            .any_of
            .iter()
            .map(|c| {
                let ands: Vec<String> = c.iter().map(atom_text).collect();
                format!("({})", ands.join(" and "))
            })
            .collect();
        text.push_str(&format!(
            "  when {} => {}\n",
            ors.join(" or "),
            outputs[r.output]
        ));
    }
    text
}

/// For every point of the (small) space, the rows the evaluator says match.
fn brute_force(program: &Program) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for e in LETTERS {
        for n in -1i64..=7 {
            for f in [false, true] {
                let doc = serde_json::json!({ "e": e, "n": n, "f": f });
                let report = probity::eval::check_json(program, &doc).unwrap();
                out.push(report.routes[0].matched_rows.clone());
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn routes_analysis_agrees_with_enumeration(
        policy in prop::sample::select(POLICIES.to_vec()),
        numeric in any::<bool>(),
        rows in prop::collection::vec(row(), 1..6),
    ) {
        let numeric = numeric || policy == "collect sum";
        let program = compile_text("prop.rules", &rulebook(policy, numeric, &rows));
        let points = brute_force(&program);
        let l = lint(&program);
        let found = |k: LintKind| -> BTreeSet<Vec<usize>> {
            l.findings.iter().filter(|f| f.kind == k).flat_map(|f| {
                match (k, f.rows.split_last()) {
                    (LintKind::Shadowed | LintKind::Masked | LintKind::PartlyMasked, _) => vec![vec![f.rows[0]]],
                    // An overlap is one row with each earlier row it shares cases with.
                    (LintKind::Overlap, Some((j, earlier))) => earlier.iter().map(|i| vec![*i, *j]).collect(),
                    _ => vec![f.rows.clone()],
                }
            }).collect()
        };
        let n = rows.len();
        let out = |r: usize| rows[r - 1].output;
        let matches = |r: usize| points.iter().filter(move |m| m.contains(&r));

        // Gaps.
        let gap = points.iter().any(|m| m.is_empty());
        prop_assert_eq!(!found(LintKind::Gap).is_empty(), gap);

        // Rows that never match.
        let never: BTreeSet<Vec<usize>> =
            (1..=n).filter(|r| matches(*r).next().is_none()).map(|r| vec![r]).collect();
        prop_assert_eq!(found(LintKind::RowNeverMatches), never);

        // Overlaps under unique and any.
        let mut overlaps = BTreeSet::new();
        if policy == "unique" || policy == "any" {
            for j in 1..=n {
                for i in 1..j {
                    if policy == "any" && out(i) == out(j) {
                        continue;
                    }
                    if points.iter().any(|m| m.contains(&i) && m.contains(&j)) {
                        overlaps.insert(vec![i, j]);
                    }
                }
            }
        }
        prop_assert_eq!(found(LintKind::Overlap), overlaps);

        // Shadowed under first, masked under priority.
        let mut shadowed = BTreeSet::new();
        let mut masked = BTreeSet::new();
        for j in 1..=n {
            if matches(j).next().is_none() {
                continue;
            }
            if policy == "first" && matches(j).all(|m| m.iter().any(|i| *i < j)) {
                shadowed.insert(vec![j]);
            }
            // `collect max` answers as `priority` does (the highest output: declared first);
            // `collect min` with the lowest.
            let higher = policy == "priority" || policy == "collect max";
            if higher && matches(j).all(|m| m.iter().any(|i| out(*i) < out(j))) {
                masked.insert(vec![j]);
            }
            if policy == "collect min" && matches(j).all(|m| m.iter().any(|i| out(*i) > out(j))) {
                masked.insert(vec![j]);
            }
        }
        prop_assert_eq!(found(LintKind::Shadowed), shadowed);
        prop_assert_eq!(found(LintKind::Masked), masked);

        // Partly masked: a row that decides at some point and is beaten at another, unless it
        // matches every point (a catch-all).
        let beaten = |j: usize, m: &Vec<usize>| match policy {
            "first" => m.iter().any(|i| *i < j),
            "priority" | "collect max" => m.iter().any(|i| out(*i) < out(j)),
            "collect min" => m.iter().any(|i| out(*i) > out(j)),
            _ => false,
        };
        let partly: BTreeSet<Vec<usize>> = (1..=n)
            .filter(|j| {
                matches(*j).count() < points.len()
                    && matches(*j).any(|m| beaten(*j, m))
                    && matches(*j).any(|m| !beaten(*j, m))
            })
            .map(|j| vec![j])
            .collect();
        prop_assert_eq!(found(LintKind::PartlyMasked), partly);

        // Duplicate and subsumed rows (same output), except under first and where every
        // matching row adds to the answer (collect, collect count, rule order, output order).
        let mut duplicate = BTreeSet::new();
        let mut subsumed = BTreeSet::new();
        let adds = ["collect", "collect count", "collect sum", "rule order", "output order"]
            .contains(&policy);
        if policy != "first" && !adds {
            for j in 1..=n {
                for i in 1..=n {
                    if i == j || out(i) != out(j) || matches(j).next().is_none() {
                        continue;
                    }
                    let j_in_i = matches(j).all(|m| m.contains(&i));
                    let i_in_j = matches(i).all(|m| m.contains(&j));
                    if j_in_i && i_in_j && i < j {
                        duplicate.insert(vec![j, i]);
                    } else if j_in_i && !i_in_j {
                        subsumed.insert(vec![j, i]);
                    }
                }
            }
        }
        prop_assert_eq!(found(LintKind::Duplicate), duplicate);
        prop_assert_eq!(found(LintKind::Subsumed), subsumed);

        // Every merge fix gives a table that compiles and, at every point, matches the same
        // outputs (under `first`, gives the same answer).
        let text = rulebook(policy, numeric, &rows);
        for f in l.findings.iter().filter(|f| f.kind == LintKind::Mergeable) {
            let Some(fix) = f.fix.as_ref() else { continue };
            let fixed = with_fix(&text, fix);
            let merged = compile_text("fixed.rules", &fixed);
            prop_assert_eq!(merged.routes[0].rows.len(), n - 1);
            let after = brute_force(&merged);
            let outs = |p: &Program, m: &Vec<usize>| -> BTreeSet<u32> {
                m.iter().map(|r| p.routes[0].rows[r - 1].output).collect()
            };
            for (before, now) in points.iter().zip(&after) {
                prop_assert_eq!(outs(&program, before), outs(&merged, now), "{}", fixed);
                if policy == "first" {
                    prop_assert_eq!(
                        before.first().map(|r| program.routes[0].rows[r - 1].output),
                        now.first().map(|r| merged.routes[0].rows[r - 1].output)
                    );
                }
            }
        }

        // Every witness reproduces its finding.
        let bad = check_witnesses(Path::new("prop.rules"), &program, &l);
        prop_assert!(bad.is_empty(), "{}", bad.join("\n"));
        prop_assert!(l.undecided.is_empty());
    }
}

/// Found by the `analysis` fuzz target (docs/SECURITY.md): an `any` whose filter never holds,
/// in an `or`, still asked for an item of the list, and the `when` (one case left: `n < 3`) was
/// taken to hold that item in every document; so `require any(v in doc.parts)` was claimed to
/// hold whenever the rule applies ("never fires"), though a document with `n < 3` and no parts
/// breaks it. The analysis must not claim it; the document shows the rule firing.
#[test]
fn an_or_whose_any_never_holds_does_not_make_its_list_non_empty() {
    let text = r#"rulebook dropped_any
  version "1"

record Part { w: int }
record Doc { n: int, x: decimal, parts: list of Part }
document doc: Doc

rule needs-a-part
  title "Needs a part"
  cite "test"
  explain "test"
  when doc.n < 3 or any(p in doc.parts where doc.x < doc.x)
  require any(q in doc.parts)
  message "no part"
"#;
    let program = compile_text("dropped_any.rules", text);
    let l = lint(&program);
    assert!(
        !l.findings.iter().any(|f| f.kind == LintKind::NeverFires),
        "{}",
        render_text(&l)
    );
    let doc = serde_json::json!({ "n": 1, "x": "0.5", "parts": [] });
    let report = probity::eval::check_json(&program, &doc).expect("the document reads");
    assert_eq!(report.findings.len(), 1, "{report:#?}");
}

/// A count asking for twelve items, each by a two-way `or`, lowers to thousands of boxes; two
/// such rules' products ran to half a minute (found by the `analysis` fuzz target) and, past
/// the box limit, a contradiction between them was passed over in silence. Now a pair that can be
/// met together is answered from one meeting pair of boxes, and a pair too large to expand is
/// reported undecided.
#[test]
fn a_pair_of_rules_too_large_to_expand_is_undecided_and_one_met_together_is_decided() {
    let text = r#"rulebook many_items
  version "1"

record Part { ok: bool }
record Doc { o: optional int, d: date, e: date, ok: bool, parts: list of Part }
document doc: Doc
law date doc.d

rule many-parts-need-ok
  title "Many parts need ok"
  cite "test"
  explain "test"
  when count(p in doc.parts where (doc.o == 5 or doc.d != 2020-01-01)) > 11
  require doc.ok
  message "not ok"

rule dates-in-order
  title "Dates in order"
  cite "test"
  explain "test"
  in force from 2024-02-29
  require doc.e >= doc.d
  message "out of order"

rule many-parts-need-not-ok
  title "Many parts need not ok"
  cite "test"
  explain "test"
  when count(p in doc.parts where (doc.o == 5 or doc.d != 2020-01-01)) > 11
  require not doc.ok
  message "ok"
"#;
    let program = compile_text("many_items.rules", text);
    let l = lint(&program);
    let pairs: Vec<(&str, &str)> = l
        .undecided
        .iter()
        .map(|u| (u.id.as_str(), u.what.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [(
            "many-parts-need-not-ok",
            "contradiction with `many-parts-need-ok`"
        )],
        "{}",
        render_text(&l)
    );
    assert!(l.findings.iter().all(|f| f.kind != LintKind::Contradiction));
    // The pair left undecided really is a contradiction: twelve parts break one of the two.
    let parts: Vec<_> = (0..12).map(|_| serde_json::json!({ "ok": true })).collect();
    for ok in [true, false] {
        let doc = serde_json::json!({
            "o": null, "d": "2025-01-01", "e": "2025-01-02", "ok": ok, "parts": parts,
        });
        let report = probity::eval::check_json(&program, &doc).expect("the document reads");
        let fired: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
        let expected = if ok {
            "many-parts-need-not-ok"
        } else {
            "many-parts-need-ok"
        };
        assert_eq!(fired, [expected], "{report:#?}");
    }
}
