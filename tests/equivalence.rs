//! probity, the same rules in Rego (run by regorus) and the same rules hand-written in Rust give
//! identical findings on the whole generated benchmark workload (benches/workload/). This equality
//! is what makes the timings of benches/compare.rs comparable; the timings are never tested.

#[path = "../benches/workload/mod.rs"]
mod workload;

use std::collections::BTreeMap;
use workload::{canon, compile_files, rego, Kind, Prepared, SEED, WORKLOAD};

/// A declaration's text without its Welsh (`cy "..."` clauses): words for people, which the
/// benchmark subset need not copy.
fn without_welsh(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\n") {
        out.push_str(&rest[..at]);
        let line = &rest[at + 1..];
        let trimmed = line.trim_start_matches(' ');
        let Some(body) = trimmed
            .strip_prefix("cy")
            .filter(|b| b.starts_with(' '))
            .map(|b| b.trim_start_matches(' '))
            .and_then(|b| b.strip_prefix('"'))
        else {
            out.push('\n');
            rest = line;
            continue;
        };
        // Skip to the closing quote (escapes skipped with it).
        let mut chars = body.char_indices();
        let mut end = body.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &body[end.min(body.len())..];
    }
    out.push_str(rest);
    out
}

/// Every declaration of the benchmark subset is the shipped declaration, word for word (its
/// Welsh aside).
#[test]
fn the_subset_is_copied_verbatim_from_the_shipped_rulebooks() {
    for kind in Kind::ALL {
        let subset = compile_files(&[kind.subset_path()]);
        let shipped = compile_files(&[kind.shipped_path()]);
        let mut count = 0;
        for m in subset.metas() {
            let text = without_welsh(subset.text(m.source));
            let same = shipped.metas().any(|s| {
                s.id == m.id
                    && s.in_force == m.in_force
                    && without_welsh(shipped.text(s.source)) == text
            });
            assert!(
                same,
                "{}: `{}` differs from rules/{}.rules",
                kind.name(),
                m.id,
                kind.name()
            );
            count += 1;
        }
        assert!(count > 0);
        assert_eq!(
            subset.schema.records.len(),
            shipped.schema.records.len(),
            "{}: the subset's schema differs from the shipped one",
            kind.name()
        );
    }
}

#[test]
fn probity_regorus_and_handwritten_rust_agree_on_the_whole_workload() {
    for kind in Kind::ALL {
        let p = Prepared::new(kind, SEED, WORKLOAD);
        let mut policy = rego::Policy::load(kind);
        let mut hits = Vec::new();
        let mut fired: BTreeMap<String, usize> = BTreeMap::new();
        let mut clean = 0;
        for i in 0..p.json.len() {
            let report = probity::eval::check(&p.program, &p.typed[i]);
            let ours = canon::probity(&report, &p.itemised);
            // The decision alone (no words) already carries the same answer.
            let decided = probity::eval::decide(&p.program, &p.typed[i]);
            assert_eq!(
                canon::decision(&p.program, &decided),
                ours,
                "{} document {i}: probity's decision (left) and its report (right) differ",
                kind.name()
            );
            let theirs = canon::rego(&policy.check(&p.rego_input[i]));
            hits.clear();
            p.hand.check(i, &mut hits);
            let hand = canon::handwritten(&hits);
            assert_eq!(
                ours,
                theirs,
                "{} document {i}: probity (left) and Rego (right) differ\n{}",
                kind.name(),
                p.json[i]
            );
            assert_eq!(
                ours,
                hand,
                "{} document {i}: probity (left) and hand-written Rust (right) differ\n{}",
                kind.name(),
                p.json[i]
            );
            clean += usize::from(report.findings.is_empty());
            for f in ours {
                let id = f.split('@').next().unwrap_or("").to_owned();
                *fired.entry(id).or_default() += 1;
            }
        }
        // The workload exercises both sides: lawful documents and every rule of the subset.
        assert!(
            clean > 0 && clean < p.json.len(),
            "{}: {clean} clean",
            kind.name()
        );
        for m in p.program.metas() {
            assert!(
                fired
                    .keys()
                    .any(|k| k == &m.id || k.starts_with(&format!("route:{}=", m.id))),
                "{}: `{}` never fires on the workload; fired: {fired:?}",
                kind.name(),
                m.id
            );
        }
    }
}

/// The compiled plan (`eval::Plan`, what batch checking and the benches run) decides every
/// workload document exactly as the reference evaluator does, under both the benchmark subset
/// and the whole shipped rulebook, reusing one `Decision` throughout as batch checking does;
/// so does the subset compiled to Rust (benches/workload/native/).
#[test]
fn the_compiled_plan_decides_as_the_reference_evaluator_on_the_workload() {
    for kind in Kind::ALL {
        for path in [kind.subset_path(), kind.shipped_path()] {
            let program = compile_files(std::slice::from_ref(&path));
            let plan = probity::eval::Plan::new(&program);
            let native = (path == kind.subset_path()).then(|| {
                probity::eval::native::Native::new(&program, &kind.native())
                    .unwrap_or_else(|e| panic!("{e}: run benches/workload/native/generate.sh"))
            });
            let mut reused = probity::eval::Decision::default();
            let mut hits = 0;
            for (i, json) in kind.generate(SEED, WORKLOAD).iter().enumerate() {
                let doc = probity::doc::read(&program, json)
                    .expect("the generator's documents are valid");
                let reference = probity::eval::decide(&program, &doc);
                plan.decide_into(&doc, &mut reused);
                assert!(
                    reused == reference,
                    "{} document {i}: the plan (left) and the reference evaluator (right) differ\n{:?}\n{:?}\n{json}",
                    path.display(),
                    reused,
                    reference
                );
                if let Some(native) = &native {
                    native.decide_into(&doc, &mut reused);
                    assert!(
                        reused == reference,
                        "{} document {i}: the generated Rust (left) and the reference evaluator (right) differ\n{:?}\n{:?}\n{json}",
                        path.display(),
                        reused,
                        reference
                    );
                }
                hits += reference.hits.len();
            }
            assert!(hits > 0, "{}: nothing fired", path.display());
        }
    }
}
