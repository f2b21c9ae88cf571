//! The rule author's loop on `rules/community_orders.rules`: how long after a keystroke the
//! language server publishes the file's diagnostics, measured end to end through `probity lsp`'s
//! own loop (`probity::lsp::serve`, in process, over pipes: JSON-RPC framing, full-text sync, the
//! check, the JSON out), while the lint-and-tests worker runs beside it as it does in an editor;
//! and the door's calls alone (check, check + lint + tests, hover, completion).
//!
//! Run: cargo bench --bench lsp            (prints medians and 90th percentiles, in ms)

use probity::api::editor::{problems, Depth, Workspace};
use serde_json::{json, Value};
use std::io::{BufReader, Read, Write};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::{Duration, Instant};

const FILE: &str = "rules/community_orders.rules";
const KEYSTROKES: usize = 60;
/// A typist's pause between keystrokes (about 7 characters a second).
const PAUSE: Duration = Duration::from_millis(150);

struct PipeIn {
    rx: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    at: usize,
}

impl Read for PipeIn {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.buf.len() {
            match self.rx.recv() {
                Ok(b) => {
                    self.buf = b;
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.at);
        out[..n].copy_from_slice(&self.buf[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Collects the server's output and hands on each whole JSON-RPC message.
struct PipeOut {
    tx: Sender<Value>,
    buf: Vec<u8>,
}

impl Write for PipeOut {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        while let Some(end) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let header = String::from_utf8_lossy(&self.buf[..end]).to_string();
            let len: usize = header
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if self.buf.len() < end + 4 + len {
                break;
            }
            let body: Vec<u8> = self.buf.drain(..end + 4 + len).skip(end + 4).collect();
            if let Ok(v) = serde_json::from_slice(&body) {
                let _ = self.tx.send(v);
            }
        }
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn frame(v: &Value) -> Vec<u8> {
    let body = v.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn median_p90(mut xs: Vec<f64>) -> (f64, f64) {
    xs.sort_by(f64::total_cmp);
    let at = |q: f64| xs[((xs.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.9))
}

fn time<T>(n: usize, mut f: impl FnMut(usize) -> T) -> (f64, f64) {
    let xs = (0..n)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(f(i));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    median_p90(xs)
}

/// The text after one more keystroke: `i` characters typed at `at` (a comment, or a name).
fn typed(text: &str, at: usize, i: usize) -> String {
    let mut t = text.to_string();
    t.insert_str(at, &"x".repeat(i % 2 + 1));
    t
}

fn main() {
    // `cargo test --all-targets` runs this once as a smoke test; `cargo bench` measures.
    let runs = |n: usize| {
        if std::env::args().any(|a| a == "--bench") {
            n
        } else {
            1
        }
    };
    let keystrokes = runs(KEYSTROKES);
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/{FILE}")).expect("the rulebook");
    // A keystroke in a comment keeps the rules compiling (the analysis then starts beside the
    // next keystrokes); one in a field name makes a did-you-mean error.
    let in_comment = text.find("// ----").map_or(0, |i| i + 3);
    let in_name = text.find("order.offender.age >= 18").map_or(0, |i| i + 18);

    println!(
        "rules/community_orders.rules: {} lines, {} bytes",
        text.lines().count(),
        text.len()
    );
    let (m, p) = time(runs(20), |i| {
        problems(FILE, &typed(&text, in_comment, i), Depth::Check)
    });
    println!("door: check a keystroke's text (valid)          median {m:7.2} ms  p90 {p:7.2} ms");
    let (m, p) = time(runs(20), |i| {
        problems(FILE, &typed(&text, in_name, i), Depth::Check)
    });
    println!("door: check a keystroke's text (misspelt name)  median {m:7.2} ms  p90 {p:7.2} ms");
    let (m, p) = time(runs(5), |_| problems(FILE, &text, Depth::Full));
    println!("door: check + lint + rule tests (idle pass)     median {m:7.2} ms  p90 {p:7.2} ms");
    let hover_at = text.find("r.hours_per_day").map_or(0, |i| i as u32 + 3);
    let (m, p) = time(runs(20), |_| {
        Workspace::new([(FILE, text.as_str())]).hover(FILE, hover_at)
    });
    println!("door: index the file and hover                  median {m:7.2} ms  p90 {p:7.2} ms");
    let complete_at = text
        .find("order.kind == community_order")
        .map_or(0, |i| i as u32 + 6);
    let (m, p) = time(runs(20), |_| {
        Workspace::new([(FILE, text.as_str())]).completion(FILE, complete_at)
    });
    println!("door: index the file and complete               median {m:7.2} ms  p90 {p:7.2} ms");

    // End to end through the server's loop.
    let (in_tx, in_rx) = channel::<Vec<u8>>();
    let (out_tx, out_rx) = channel::<Value>();
    let input = BufReader::new(PipeIn {
        rx: in_rx,
        buf: Vec::new(),
        at: 0,
    });
    let output = PipeOut {
        tx: out_tx,
        buf: Vec::new(),
    };
    std::thread::spawn(move || probity::lsp::serve(input, output));
    let send = |v: Value| in_tx.send(frame(&v)).expect("the server reads");
    let uri = "file:///bench/community_orders.rules";
    send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": { "processId": null, "rootUri": null, "capabilities": {} } }));
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let wait_version = |v: i64| -> Instant {
        loop {
            let m = out_rx
                .recv_timeout(Duration::from_secs(120))
                .expect("the server answers");
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == v {
                return Instant::now();
            }
        }
    };
    send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": { "textDocument": { "uri": uri, "languageId": "probity", "version": 1, "text": text } } }));
    wait_version(1);
    for (label, at) in [("valid", in_comment), ("misspelt name", in_name)] {
        let mut xs = Vec::new();
        for i in 0..keystrokes {
            let version = 2 + i as i64 + if at == in_name { 10_000 } else { 0 };
            std::thread::sleep(PAUSE);
            let start = Instant::now();
            send(
                json!({ "jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": { "textDocument": { "uri": uri, "version": version },
                                     "contentChanges": [ { "text": typed(&text, at, i) } ] } }),
            );
            let done = wait_version(version);
            xs.push((done - start).as_secs_f64() * 1e3);
        }
        let (m, p) = median_p90(xs);
        println!(
            "lsp:  keystroke -> diagnostics published ({label:13}) median {m:7.2} ms  p90 {p:7.2} ms  ({keystrokes} keystrokes, {} ms apart)",
            PAUSE.as_millis()
        );
    }
    send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }));
    send(json!({ "jsonrpc": "2.0", "method": "exit", "params": null }));
}
