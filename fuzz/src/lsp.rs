//! The language server's JSON-RPC face (`probity lsp`, `probity::lsp::serve`) under fuzzing:
//! the fuzzer's bytes become either a raw stream for the framing reader (odd first byte) or a
//! session of well-framed messages drawn from choices (even first byte): initialize, opened and
//! changed rule files (generated rulebooks, cut short or not, shipped rulebooks, random text),
//! every request the server knows at random positions, unknown methods, wrong parameters,
//! responses, and frames of random bytes. Oracles: `serve` returns (never panics or hangs: a
//! panic aborts the fuzzer even where the server catches it), no answer is an internal error,
//! and every request sent before the session's end is answered.

use super::docgen::{Bytes, Choices};
use super::rulegen::RuleGen;
use serde_json::{json, Value as Json};
use std::collections::BTreeSet;

/// The JSON-RPC code the server answers a request with when handling it panicked.
const INTERNAL_ERROR: i64 = -32603;

/// At most this many messages in one session.
const MESSAGES: usize = 24;

/// The requests the server answers, with how their parameters are made.
const REQUESTS: &[&str] = &[
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/completion",
    "textDocument/documentSymbol",
    "workspace/symbol",
    "textDocument/prepareRename",
    "textDocument/rename",
    "textDocument/formatting",
    "textDocument/rangeFormatting",
    "textDocument/codeAction",
    "shutdown",
    "textDocument/unknown",
];

/// A session drawn from choices: the bytes sent, and the ids of the requests that must be
/// answered.
struct Session<'a> {
    choices: Bytes<'a>,
    out: Vec<u8>,
    must_answer: BTreeSet<i64>,
    /// Once a frame of random bytes that is an `exit` is sent, later requests need not be
    /// answered.
    unsure: bool,
    next_id: i64,
    /// The open files' texts, by URI index, to aim positions into them.
    texts: Vec<Option<String>>,
}

fn frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
}

fn uri(i: usize) -> String {
    format!("file:///probity-fuzz/f{i}.rules")
}

impl Session<'_> {
    fn below(&mut self, n: usize) -> usize {
        self.choices.below(u32::try_from(n).unwrap_or(u32::MAX)) as usize
    }

    fn send(&mut self, v: &Json) {
        frame(&mut self.out, v.to_string().as_bytes());
    }

    fn request(&mut self, method: &str, params: Json) {
        self.next_id += 1;
        let id = self.next_id;
        if !self.unsure {
            self.must_answer.insert(id);
        }
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
    }

    fn notify(&mut self, method: &str, params: Json) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Rule text: a generated rulebook (whole, or cut at a character), a shipped rulebook's
    /// first part, or a few random characters.
    fn text(&mut self) -> String {
        match self.below(6) {
            0..=2 => {
                let seed: Vec<u8> = (0..64).map(|_| self.below(256) as u8).collect();
                let whole = RuleGen::new(Bytes { data: &seed }).rulebook();
                if self.below(2) == 0 {
                    whole
                } else {
                    let cut = self.below(whole.len().max(1));
                    whole.chars().take(cut).collect()
                }
            }
            3 => {
                let books = super::RULEBOOKS;
                let (_, text) = books[self.below(books.len())];
                text.chars().take(200 + self.below(4000)).collect()
            }
            _ => (0..self.below(40))
                .map(|_| {
                    [
                        ' ',
                        '\n',
                        '{',
                        '}',
                        'é',
                        '"',
                        'a',
                        'd',
                        '0',
                        ':',
                        '\u{1F600}',
                    ][self.below(11)]
                })
                .collect(),
        }
    }

    /// A position: mostly inside an open file's text, sometimes anywhere (huge numbers too).
    fn position(&mut self, file: usize) -> Json {
        let lines = self
            .texts
            .get(file)
            .and_then(|t| t.as_ref())
            .map_or(1, |t| t.lines().count().max(1));
        let (line, character) = match self.below(8) {
            0 => (u32::MAX as usize, u32::MAX as usize),
            1 => (self.below(1000), self.below(1000)),
            _ => (self.below(lines + 1), self.below(60)),
        };
        json!({ "line": line, "character": character })
    }

    fn file(&mut self) -> usize {
        self.below(3)
    }

    fn doc_position(&mut self) -> Json {
        let f = self.file();
        json!({ "textDocument": { "uri": uri(f) }, "position": self.position(f) })
    }

    fn range(&mut self, f: usize) -> Json {
        json!({ "start": self.position(f), "end": self.position(f) })
    }

    /// One message of the session; `false` once the session has ended (`exit`).
    fn message(&mut self) -> bool {
        match self.below(20) {
            0 => self.request("initialize", json!({ "capabilities": {} })),
            1 => self.notify("initialized", json!({})),
            2..=4 => {
                let f = self.file();
                let text = self.text();
                if let Some(slot) = self.texts.get_mut(f) {
                    *slot = Some(text.clone());
                }
                let version = self.below(100);
                self.notify(
                    "textDocument/didOpen",
                    json!({ "textDocument": { "uri": uri(f), "languageId": "probity",
                                              "version": version, "text": text } }),
                );
            }
            5 | 6 => {
                let f = self.file();
                let text = self.text();
                let change = if self.below(2) == 0 {
                    json!({ "text": text })
                } else {
                    json!({ "range": self.range(f), "text": text })
                };
                let version = self.below(100);
                self.notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": uri(f), "version": version },
                            "contentChanges": [change] }),
                );
            }
            7 => {
                let f = self.file();
                self.notify(
                    "textDocument/didClose",
                    json!({ "textDocument": { "uri": uri(f) } }),
                );
            }
            8..=14 => {
                let method = REQUESTS[self.below(REQUESTS.len())];
                let f = self.file();
                let params = match method {
                    "textDocument/references" => {
                        let mut p = self.doc_position();
                        p["context"] = json!({ "includeDeclaration": self.below(2) == 0 });
                        p
                    }
                    "textDocument/rename" => {
                        let mut p = self.doc_position();
                        let name = ["x", "d1", "", "two words", "Level"][self.below(5)];
                        p["newName"] = json!(name);
                        p
                    }
                    "textDocument/documentSymbol" | "textDocument/formatting" => json!({
                        "textDocument": { "uri": uri(f) },
                        "options": { "tabSize": 2, "insertSpaces": true },
                    }),
                    "textDocument/rangeFormatting" => json!({
                        "textDocument": { "uri": uri(f) },
                        "range": self.range(f),
                        "options": { "tabSize": 2, "insertSpaces": true },
                    }),
                    "textDocument/codeAction" => json!({
                        "textDocument": { "uri": uri(f) },
                        "range": self.range(f),
                        "context": { "diagnostics": [] },
                    }),
                    "workspace/symbol" => {
                        let query = ["", "d", "Doc", "é"][self.below(4)];
                        json!({ "query": query })
                    }
                    "shutdown" => Json::Null,
                    _ => self.doc_position(),
                };
                // Sometimes parameters of the wrong shape.
                let params = if self.below(10) == 0 {
                    json!([1, "two"])
                } else {
                    params
                };
                self.request(method, params);
            }
            15 => {
                // A response from the client, and a notification nobody handles.
                let id = self.below(10);
                self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null }));
                self.notify("$/cancelRequest", json!({ "id": id }));
            }
            16 => {
                // A frame of random bytes: it may be anything, `exit` included.
                let body: Vec<u8> = (0..self.below(64)).map(|_| self.below(256) as u8).collect();
                frame(&mut self.out, &body);
                let method = serde_json::from_slice::<Json>(&body)
                    .ok()
                    .and_then(|v| v.get("method").cloned());
                if method.is_some_and(|m| m == "exit") {
                    self.unsure = true;
                }
            }
            17 => self.request("initialize", json!({ "capabilities": {}, "rootUri": null })),
            18 => {
                // Not JSON-RPC: a request without a method, an id of the wrong type.
                self.send(&json!({ "jsonrpc": "2.0", "id": {"a": 1}, "method": "x" }));
                self.send(&json!({ "jsonrpc": "2.0", "id": 5 }));
            }
            _ => {
                if self.below(4) == 0 {
                    self.notify("exit", Json::Null);
                    return false;
                }
                self.request("shutdown", Json::Null);
            }
        }
        true
    }
}

/// The frames a server wrote, as JSON (a frame that is not JSON is a finding).
fn frames_written(mut out: &[u8]) -> Vec<Json> {
    let mut messages = Vec::new();
    while !out.is_empty() {
        let Some(end) = out.windows(4).position(|w| w == b"\r\n\r\n") else {
            panic!(
                "the server wrote bytes that are not a frame: {:?}",
                String::from_utf8_lossy(out)
            );
        };
        let header = String::from_utf8_lossy(&out[..end]).to_string();
        let length: usize = header
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("a frame without Content-Length: {header}"));
        let Some(body) = out.get(end + 4..end + 4 + length) else {
            panic!("the server wrote a frame shorter than its Content-Length: {header}");
        };
        messages.push(
            serde_json::from_slice(body)
                .unwrap_or_else(|e| panic!("the server wrote a frame that is not JSON: {e}")),
        );
        out = out.get(end + 4 + length..).unwrap_or_default();
    }
    messages
}

/// The target: see the module's opening comment.
pub fn lsp(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 1 {
        // The framing reader on raw bytes: an answer for each frame, never a panic or hang.
        let mut out = Vec::new();
        let _ = probity::lsp::serve(std::io::Cursor::new(rest.to_vec()), &mut out);
        for m in frames_written(&out) {
            assert_ne!(
                m["error"]["code"].as_i64(),
                Some(INTERNAL_ERROR),
                "an internal error: {m}"
            );
        }
        return;
    }
    let mut s = Session {
        choices: Bytes { data: rest },
        out: Vec::new(),
        must_answer: BTreeSet::new(),
        unsure: false,
        next_id: 0,
        texts: vec![None, None, None],
    };
    for _ in 0..MESSAGES {
        if !s.message() {
            break;
        }
    }
    let mut out = Vec::new();
    let _ = probity::lsp::serve(std::io::Cursor::new(s.out.clone()), &mut out);
    let written = frames_written(&out);
    let mut answered = BTreeSet::new();
    for m in &written {
        assert_ne!(
            m["error"]["code"].as_i64(),
            Some(INTERNAL_ERROR),
            "an internal error: {m}\n---\n{}",
            String::from_utf8_lossy(&s.out)
        );
        if m.get("method").is_none() {
            if let Some(id) = m["id"].as_i64() {
                answered.insert(id);
            }
        }
    }
    if std::env::var_os("PROBITY_FUZZ_SHOW").is_some() {
        eprintln!(
            "lsp: sent {} bytes, {} requests to answer; {} messages written, {} answers",
            s.out.len(),
            s.must_answer.len(),
            written.len(),
            answered.len()
        );
    }
    let unanswered: Vec<&i64> = s.must_answer.difference(&answered).collect();
    assert!(
        unanswered.is_empty(),
        "requests {unanswered:?} were not answered\n---\n{}",
        String::from_utf8_lossy(&s.out)
    );
}
