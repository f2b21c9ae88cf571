//! Many documents in one call: JSON Lines in (one document a line; blank lines are not
//! documents and are skipped), counts out (`check_lines`, the same function natively and in the
//! WASM face, so timing it on both sides compares the engine, not the JS boundary) or one report
//! a line out (`stream`, natively, on every core). The program is compiled once per call
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
#[cfg_attr(test, derive(ts_rs::TS))]
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

impl Summary {
    /// One document's verdict and findings counted.
    fn count(&mut self, verdict: Verdict, findings: usize) {
        self.findings += findings;
        match verdict {
            Verdict::Clean => self.clean += 1,
            Verdict::Warnings => self.warnings += 1,
            Verdict::Errors => self.errors += 1,
        }
    }

    /// Counts of another part of the same input added (parts may arrive in any order: the
    /// earliest refusal is kept).
    #[cfg(not(target_arch = "wasm32"))]
    fn add(&mut self, later: &Summary) {
        self.documents += later.documents;
        self.clean += later.clean;
        self.warnings += later.warnings;
        self.errors += later.errors;
        self.rejected += later.rejected;
        self.findings += later.findings;
        self.first_rejected_line = match (self.first_rejected_line, later.first_rejected_line) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

/// Check every non-blank line of `jsonl` (UTF-8 bytes, as read from a file or a browser's
/// `File`) as a document. A line that is not UTF-8 is rejected like one that is not JSON.
pub fn check_lines(program: &Program, jsonl: &[u8], depth: Depth) -> Summary {
    let mut out = Summary::default();
    let plan = Plan::new(program);
    let mut decision = Decision::default();
    for (n, bytes) in jsonl.split(|b| *b == b'\n').enumerate() {
        let line = std::str::from_utf8(bytes).map(|l| l.strip_suffix('\r').unwrap_or(l));
        if line.is_ok_and(is_blank) {
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
        out.count(verdict, findings);
    }
    out
}

/// A line that holds no document (only whitespace).
fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// How many lines go to a worker at once.
#[cfg(not(target_arch = "wasm32"))]
const CHUNK: usize = 256;

/// Why a stream stopped before its input ran out.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamError {
    /// The output was closed by its reader (`... | head`): not a failure of the run, so the
    /// command-line face exits quietly, as Unix tools do on a broken pipe.
    OutputClosed,
    /// Reading the input or writing the output failed, in words.
    Io(String),
}

#[cfg(not(target_arch = "wasm32"))]
impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::OutputClosed => f.write_str("the output was closed"),
            StreamError::Io(words) => f.write_str(words),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl From<StreamError> for String {
    fn from(e: StreamError) -> String {
        e.to_string()
    }
}

/// Check JSON Lines from `input`, writing one line to `output` for each non-blank input line, in
/// input order: the report as JSON, or `{"line": n, "errors": [...]}` for a line that is not a
/// document of this rulebook. Lines go in chunks through bounded channels to one worker per core
/// and come back in order, so memory stays flat whatever the input size. Returns the counts by
/// verdict; an error is a failure to read or write, or the output closed by its reader.
///
/// No thread can stay blocked on a bounded channel once another has stopped: the workers own the
/// work queue's receiver between them, so when the writer stops (its output closed) they stop at
/// their next send, the queue's receiver is dropped with the last of them, and the reader's next
/// send fails and ends the reading.
#[cfg(not(target_arch = "wasm32"))]
pub fn stream(
    program: &Program,
    input: impl std::io::BufRead,
    output: impl std::io::Write + Send,
) -> Result<Summary, StreamError> {
    use std::sync::{mpsc, Arc, Mutex};
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, usize, Vec<String>)>(workers * 2);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, String, Summary)>(workers * 2);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let plan = &Plan::new(program);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let work_rx = Arc::clone(&work_rx);
            s.spawn(move || loop {
                let next = work_rx.lock().ok().and_then(|rx| rx.recv().ok());
                let Some((seq, first_line, lines)) = next else {
                    return;
                };
                let (out, counts) = check_chunk(plan, first_line, &lines);
                if done_tx.send((seq, out, counts)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        drop(work_rx);
        let writer = s.spawn(move || write_in_order(done_rx, output));
        let read = read_chunks(input, &work_tx);
        drop(work_tx);
        let counts = writer
            .join()
            .unwrap_or_else(|_| Err(StreamError::Io("the writer failed".into())))?;
        read?;
        Ok(counts)
    })
}

/// A write error in words, or `OutputClosed` when the reader has gone.
#[cfg(not(target_arch = "wasm32"))]
fn write_error(e: std::io::Error) -> StreamError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        StreamError::OutputClosed
    } else {
        StreamError::Io(format!("cannot write: {e}"))
    }
}

/// Write the checked chunks in their input order as they arrive.
#[cfg(not(target_arch = "wasm32"))]
fn write_in_order(
    done: std::sync::mpsc::Receiver<(usize, String, Summary)>,
    output: impl std::io::Write,
) -> Result<Summary, StreamError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, output);
    let mut pending = std::collections::BTreeMap::new();
    let (mut next, mut total) = (0usize, Summary::default());
    for (seq, text, counts) in done {
        pending.insert(seq, text);
        total.add(&counts);
        while let Some(text) = pending.remove(&next) {
            std::io::Write::write_all(&mut out, text.as_bytes()).map_err(write_error)?;
            next += 1;
        }
    }
    std::io::Write::flush(&mut out).map_err(write_error)?;
    Ok(total)
}

/// Read the input in chunks of lines onto the work queue, until the input ends or no worker is
/// left to take them (the run has stopped).
#[cfg(not(target_arch = "wasm32"))]
fn read_chunks(
    mut input: impl std::io::BufRead,
    work: &std::sync::mpsc::SyncSender<(usize, usize, Vec<String>)>,
) -> Result<(), StreamError> {
    let (mut seq, mut line_no) = (0usize, 1usize);
    loop {
        let mut lines = Vec::with_capacity(CHUNK);
        while lines.len() < CHUNK {
            let mut line = String::new();
            match input.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => lines.push(line),
                Err(e) => return Err(StreamError::Io(format!("cannot read line {line_no}: {e}"))),
            }
        }
        if lines.is_empty() {
            return Ok(());
        }
        let n = lines.len();
        if work.send((seq, line_no, lines)).is_err() {
            return Ok(());
        }
        seq += 1;
        line_no += n;
    }
}

/// Reports for a chunk of lines, one JSON line each (blank lines skipped), and their counts.
#[cfg(not(target_arch = "wasm32"))]
fn check_chunk(plan: &Plan, first_line: usize, lines: &[String]) -> (String, Summary) {
    let mut out = String::with_capacity(lines.len() * 512);
    let mut counts = Summary::default();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end_matches(['\n', '\r']);
        if is_blank(line) {
            continue;
        }
        counts.documents += 1;
        let json = match crate::doc::read_str(plan.program(), line) {
            Ok(doc) => {
                let report = plan.check(&doc);
                counts.count(report.verdict, report.findings.len());
                serde_json::to_string(&report)
            }
            Err(errors) => {
                counts.rejected += 1;
                counts.first_rejected_line.get_or_insert(first_line + i);
                serde_json::to_string(&serde_json::json!({
                    "line": first_line + i,
                    "errors": errors,
                }))
            }
        };
        out.push_str(&json.unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")));
        out.push('\n');
    }
    (out, counts)
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
