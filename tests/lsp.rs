//! `probity lsp` as an editor meets it: the built binary started as a process, spoken to in
//! JSON-RPC over its stdin and stdout.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

const BOOK: &str = r#"rulebook demo
  version "1"

enum Kind { community_order, suspended }

variant Req {
  punitive: bool
  curfew { hours_per_day: hours, period: months }
}

record Order {
  kind: Kind
  sentence_date: date
  requirements: list of Req
}

document order: Order
law date order.sentence_date

const MAX_CURFEW = 16 hours

rule curfew-hours
  title   "Curfew of 2 to 16 hours a day"
  cite    "Sentencing Act 2020, Sch. 9, para 9(4)"
  unverified "written for the language server's tests"
  explain "A curfew lasts between 2 and 16 hours a day."
  for each curfew r in order.requirements
  when    order.kind == community_order
  require r.hours_per_day <= MAX_CURFEW
  message "The curfew lasts {r.hours_per_day} a day."

example base = {
  "kind": "community_order",
  "sentence_date": "2023-01-01",
  "requirements": [ { "kind": "curfew", "punitive": true, "hours_per_day": 8, "period": 4 } ]
}

test "a 17-hour curfew is too long"
  given base with { "requirements": [ { "kind": "curfew", "punitive": true, "hours_per_day": 17, "period": 4 } ] }
  expect finding curfew-hours
"#;

const TIMEOUT: Duration = Duration::from_secs(120);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(root: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_probity"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start probity lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            next_id: 0,
        }
    }

    fn write_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        self.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request_id(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The next message that satisfies `wanted` (others are passed over).
    fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = std::time::Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(v) if wanted(&v) => return v,
                Ok(_) => continue,
                Err(_) => panic!("no answer: {what}"),
            }
        }
    }

    fn answer(&mut self, id: i64) -> Value {
        self.wait(&format!("the answer to request {id}"), |v| {
            v["id"] == json!(id) && v.get("method").is_none()
        })
    }

    /// A request's result (its error fails the test).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_id(method, params);
        let a = self.answer(id);
        assert!(a.get("error").is_none(), "{method}: {a}");
        a["result"].clone()
    }

    fn diagnostics(&mut self, uri: &str, wanted: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let uri = uri.to_string();
        let v = self.wait("diagnostics", |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == json!(uri)
                && v["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| wanted(d))
        });
        v["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn resident_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

/// The 0-based line and character (UTF-16; the book is ASCII) of a byte offset.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let character = offset - before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": character })
}

fn offset(text: &str, p: &Value) -> usize {
    let line = p["line"].as_u64().unwrap_or(0) as usize;
    let character = p["character"].as_u64().unwrap_or(0) as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + character
}

/// Apply LSP text edits (non-overlapping) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

fn at(text: &str, needle: &str, into: usize) -> Value {
    position(text, text.find(needle).expect("needle") + into)
}

#[test]
fn an_editor_session() {
    let dir = std::env::temp_dir().join(format!("probity-lsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join("demo.rules");
    std::fs::write(&path, BOOK).expect("write the book");
    let uri = format!("file://{}", path.display());
    let root = format!("file://{}", dir.display());
    let mut s = Server::start(&dir);

    // Before initialize: refused, not crashed.
    let id = s.request_id("textDocument/hover", json!({}));
    assert_eq!(s.answer(id)["error"]["code"], -32002);

    let init = s.request(
        "initialize",
        json!({ "processId": null, "rootUri": root, "capabilities": {} }),
    );
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    assert_eq!(init["capabilities"]["textDocumentSync"], 1);
    s.notify("initialized", json!({}));

    // A misspelt field: the diagnostic, where it is.
    let bad = BOOK.replacen("r.hours_per_day <=", "r.hours_per_dya <=", 1);
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "probity", "version": 1, "text": bad } }),
    );
    let diags = s.diagnostics(&uri, |d| !d.is_empty());
    let d = diags
        .iter()
        .find(|d| d["code"] == "E0205")
        .expect("a diagnostic for the misspelt field");
    assert_eq!(d["severity"], 1);
    let start = offset(&bad, &d["range"]["start"]);
    let end = offset(&bad, &d["range"]["end"]);
    assert_eq!(&bad[start..end], "hours_per_dya");

    // Its code action corrects it.
    let actions = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    let action = actions
        .as_array()
        .and_then(|a| a.iter().find(|a| a["kind"] == "quickfix"))
        .expect("a quick fix");
    assert_eq!(action["title"], "Change to `hours_per_day`");
    let edits = action["edit"]["changes"][&uri]
        .as_array()
        .cloned()
        .expect("edits for the file");
    let fixed = apply(&bad, &edits);
    assert_eq!(fixed, BOOK);
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [ { "text": fixed } ] }),
    );
    s.diagnostics(&uri, |d| d.is_empty());

    // Formatting: whole document and a range, as `probity fmt` lays it out.
    let messy = BOOK.replace("  require r.hours_per_day", "      require r.hours_per_day");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [ { "text": messy } ] }),
    );
    let edits = s.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let edits = edits.as_array().cloned().expect("edits");
    assert_eq!(apply(&messy, &edits), BOOK);
    let line = at(&messy, "      require", 0)["line"].clone();
    let edits = s.request(
        "textDocument/rangeFormatting",
        json!({ "textDocument": { "uri": uri },
                "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 3 } },
                "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(apply(&messy, edits.as_array().expect("edits")), BOOK);
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [ { "text": BOOK } ] }),
    );

    // Hover: a field's type and unit; a rule's title and citation.
    let hover = s.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": at(BOOK, "r.hours_per_day <=", 4) }),
    );
    let text = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(
        text.contains("`hours`") && text.contains("unit: hours"),
        "{hover}"
    );
    let hover = s.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": at(BOOK, "finding curfew-hours", 10) }),
    );
    let text = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(text.contains("Sch. 9, para 9(4)"), "{hover}");

    // Definition: the field's declaration.
    let def = s.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": at(BOOK, "r.hours_per_day <=", 4) }),
    );
    assert_eq!(def[0]["uri"], json!(uri));
    assert_eq!(
        def[0]["range"]["start"],
        at(BOOK, "hours_per_day: hours", 0)
    );

    // References and rename: the rule, the message, the example and the test.
    let refs = s.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": at(BOOK, "hours_per_day: hours", 0),
                "context": { "includeDeclaration": true } }),
    );
    assert_eq!(refs.as_array().map(Vec::len), Some(5));
    let rename = s.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": at(BOOK, "hours_per_day: hours", 0),
                "newName": "daily_hours" }),
    );
    let edits = rename["changes"][&uri].as_array().cloned().expect("edits");
    let renamed = apply(BOOK, &edits);
    assert!(!renamed.contains("hours_per_day") && renamed.matches("daily_hours").count() == 5);
    let id = s.request_id(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": at(BOOK, "hours_per_day: hours", 0),
                "newName": "not a name" }),
    );
    assert!(s.answer(id)["error"]["message"].as_str().is_some());

    // Completion and the outline.
    let items = s.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": at(BOOK, "order.kind ==", 6) }),
    );
    let labels: Vec<&str> = items["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        labels.contains(&"kind") && labels.contains(&"requirements"),
        "{labels:?}"
    );
    let symbols = s.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(symbols
        .as_array()
        .is_some_and(|a| a.iter().any(|s| s["name"] == "curfew-hours")));
    let found = s.request("workspace/symbol", json!({ "query": "curfew" }));
    assert!(found.as_array().is_some_and(|a| !a.is_empty()));

    // Bad input gets answers.
    s.write_raw(b"Content-Length: 9\r\n\r\n{not json");
    let a = s.wait("a parse error", |v| v["error"]["code"] == -32700);
    assert_eq!(a["id"], Value::Null);
    s.write_raw(b"Content-Length: 2\r\n\r\n[]");
    s.wait("an invalid request", |v| v["error"]["code"] == -32600);
    s.write_raw(b"Content-Length: banana\r\n\r\n");
    s.wait("a bad header", |v| v["error"]["code"] == -32700);
    let id = s.request_id("textDocument/unheardOf", json!({}));
    assert_eq!(s.answer(id)["error"]["code"], -32601);
    let id = s.request_id("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(s.answer(id)["error"]["code"], -32602);
    s.notify("textDocument/didChange", json!({ "nonsense": true }));
    let hover = s.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///not/open.rules" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(hover, Value::Null);

    // A 4 MiB file: diagnostics and answers.
    let mut big = BOOK.to_string();
    let filler = "// a comment line that makes the file large, as a generated rulebook might be\n";
    while big.len() + filler.len() <= 4 << 20 {
        big.push_str(filler);
    }
    let big_uri = format!("file://{}", dir.join("big.rules").display());
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": big_uri, "languageId": "probity", "version": 1, "text": big } }),
    );
    s.diagnostics(&big_uri, |_| true);
    let hover = s.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": big_uri }, "position": at(&big, "r.hours_per_day <=", 4) }),
    );
    assert!(hover["contents"]["value"].as_str().is_some());
    s.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": big_uri } }),
    );

    // 1,000 changes in a row, twice: answers, and memory stays flat.
    let change = |s: &mut Server, version: i64| {
        let text = if version % 2 == 0 {
            BOOK.to_string()
        } else {
            bad.clone()
        };
        s.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [ { "text": text } ] }),
        );
    };
    for v in 0..1000 {
        change(&mut s, 10 + v);
    }
    s.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let after_first = s.resident_kib();
    for v in 0..1000 {
        change(&mut s, 2000 + v);
    }
    let symbols = s.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(symbols.as_array().is_some_and(|a| !a.is_empty()));
    let after_second = s.resident_kib();
    if let (Some(a), Some(b)) = (after_first, after_second) {
        assert!(b < a + 20 * 1024, "memory grew from {a} KiB to {b} KiB");
    }

    // Shutdown, then exit with 0.
    assert_eq!(s.request("shutdown", Value::Null), Value::Null);
    s.notify("exit", Value::Null);
    let status = s.child.wait().expect("the server exits");
    assert!(status.success(), "{status:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_lint_finding_offers_its_witness_and_a_failing_test_is_a_diagnostic() {
    let dir = std::env::temp_dir().join(format!("probity-lsp-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join("routed.rules");
    let book = r#"rulebook routed
  version "1"

enum Band { low, high }
enum Office { north, south }
record Case { band: Band, points: int }
document case: Case

routes office
  title   "Which office"
  cite    "A policy written for the language server's tests"
  unverified "written for the language server's tests"
  explain "Low bands go north, high bands with many points south."
  decides Office
  hit policy unique
  when case.band == low => north
  when case.band == high and case.points > 10 => south

example low_case = { "band": "low", "points": 3 }

test "a low case goes north"
  given low_case
  expect route office = south
"#;
    std::fs::write(&path, book).expect("write");
    let uri = format!("file://{}", path.display());
    let mut s = Server::start(&dir);
    s.request(
        "initialize",
        json!({ "processId": null, "rootUri": format!("file://{}", dir.display()), "capabilities": {} }),
    );
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "probity", "version": 1, "text": book } }),
    );
    let diags = s.diagnostics(&uri, |d| d.iter().any(|d| d["source"] == "probity lint"));
    let lint = diags
        .iter()
        .find(|d| d["source"] == "probity lint")
        .expect("a lint warning");
    assert_eq!(lint["severity"], 2);
    assert!(diags.iter().any(|d| d["source"] == "probity test"));
    let actions = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": lint["range"], "context": { "diagnostics": [lint] } }),
    );
    let witness = actions
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|a| a["title"].as_str().is_some_and(|t| t.contains("witness")))
        })
        .expect("a witness action");
    let changes = &witness["edit"]["documentChanges"];
    assert_eq!(changes[0]["kind"], "create");
    let target = changes[0]["uri"].as_str().unwrap_or("");
    assert!(
        target.starts_with(&format!("file://{}/routed.office.", dir.display())),
        "{target}"
    );
    let json_text = changes[1]["edits"][0]["newText"].as_str().unwrap_or("");
    let doc: Value = serde_json::from_str(json_text).expect("the witness is JSON");
    assert_eq!(doc["band"], "high");
    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    assert!(s.child.wait().expect("exits").success());
    let _ = std::fs::remove_dir_all(&dir);
}
