//! Many documents in one call: JSON Lines text in (one document a line), counts out. The same
//! function runs natively and in the WASM face (`Rulebook.checkLines`), so timing it on both
//! sides compares the engine, not the JS boundary. The program is compiled once per call
//! (`eval::Plan`) and every line decided with it.

use crate::eval::{report, Decision, Plan};
use crate::ir::Program;
use crate::report::Verdict;
use serde::Serialize;

/// How far each document is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Read and decide: verdicts and findings counted, no words written.
    Decide,
    /// Read, decide and write the whole report (messages, paths, explanations) for each.
    Report,
}

/// What a run over many documents found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Non-blank lines read.
    pub documents: usize,
    pub clean: usize,
    pub warnings: usize,
    pub errors: usize,
    /// Lines that are not a document of this rulebook (bad JSON or wrong shape).
    pub rejected: usize,
    /// Findings over all documents.
    pub findings: usize,
    /// The first rejected line (1-based), to look at first.
    pub first_rejected_line: Option<usize>,
}

/// Check every non-blank line of `jsonl` (UTF-8 bytes, as read from a file or a browser's
/// `File`) as a document. A line that is not UTF-8 is rejected like one that is not JSON.
pub fn check_lines(program: &Program, jsonl: &[u8], depth: Depth) -> Summary {
    let mut out = Summary::default();
    let plan = Plan::new(program);
    let mut decision = Decision::default();
    for (n, bytes) in jsonl.split(|b| *b == b'\n').enumerate() {
        let line = std::str::from_utf8(bytes).map(|l| l.strip_suffix('\r').unwrap_or(l));
        if line.is_ok_and(|l| l.trim().is_empty()) {
            continue;
        }
        out.documents += 1;
        let Some(doc) = line
            .ok()
            .and_then(|l| crate::doc::read_str(program, l).ok())
        else {
            out.rejected += 1;
            out.first_rejected_line.get_or_insert(n + 1);
            continue;
        };
        plan.decide_into(&doc, &mut decision);
        let (verdict, findings) = match depth {
            Depth::Decide => (decision.verdict(), decision.hits.len()),
            Depth::Report => {
                let r = report(program, &doc, &decision);
                (r.verdict, r.findings.len())
            }
        };
        out.findings += findings;
        match verdict {
            Verdict::Clean => out.clean += 1,
            Verdict::Warnings => out.warnings += 1,
            Verdict::Errors => out.errors += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program() -> Program {
        let mut s = crate::diag::Sources::default();
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/contracts.rules"),
        )
        .unwrap();
        s.add("contracts.rules", text);
        crate::check::compile(s).program.unwrap()
    }

    #[test]
    fn counts_each_line_by_its_verdict_at_both_depths() {
        let p = program();
        let lawful = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/examples/contract_lawful.json"),
        )
        .unwrap();
        let unlawful = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/examples/contract_private_court_advice.json"),
        )
        .unwrap();
        let one_line = |t: &str| {
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(t).unwrap()).unwrap()
        };
        let mut jsonl = format!(
            "{}\n\n{}\r\nnot json\n",
            one_line(&lawful),
            one_line(&unlawful),
        )
        .into_bytes();
        jsonl.extend_from_slice(b"\xff\xfe\n");
        jsonl.extend_from_slice(one_line(&lawful).as_bytes());
        let expected_findings = crate::eval::check_json(
            &p,
            &serde_json::from_str::<serde_json::Value>(&unlawful).unwrap(),
        )
        .unwrap()
        .findings
        .len();
        assert!(expected_findings > 0);
        for depth in [Depth::Decide, Depth::Report] {
            let s = check_lines(&p, &jsonl, depth);
            assert_eq!(s.documents, 5, "{depth:?}");
            assert_eq!(s.clean, 2, "{depth:?}");
            assert_eq!(s.errors, 1, "{depth:?}");
            assert_eq!(s.rejected, 2, "{depth:?}");
            assert_eq!(s.first_rejected_line, Some(4), "{depth:?}");
            assert_eq!(s.findings, expected_findings, "{depth:?}");
        }
    }
}
