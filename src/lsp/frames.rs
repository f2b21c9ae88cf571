//! JSON-RPC frames (`Content-Length: N` headers, then N bytes of JSON) read from a stream: each
//! a message, or what was wrong with it. A malformed frame is answered and skipped; only the end
//! of the stream (or a header that cannot be read at all) ends the reading.

use lsp_server::Message;
use serde_json::Value;
use std::io::{BufRead, Read, Write};
use std::sync::mpsc::SyncSender;

/// The largest message read; a larger one is skipped and answered with an error.
const MAX_MESSAGE_BYTES: usize = 64 << 20;
/// The longest header line.
const MAX_HEADER_BYTES: usize = 8 << 10;

pub const PARSE: u8 = 0;
pub const INVALID: u8 = 1;

pub enum Incoming {
    Message(Message),
    /// `code` is [`PARSE`] (not JSON) or [`INVALID`] (JSON, not a JSON-RPC message).
    Malformed {
        code: u8,
        message: String,
        id: Value,
    },
    End,
    /// A document's lint findings and test results, from the analysis worker.
    Analysed {
        uri: lsp_types::Url,
        generation: u64,
        problems: Vec<crate::api::editor::Problem>,
    },
}

/// Read frames until the stream ends, sending each on.
pub fn read_all(mut input: impl BufRead, tx: SyncSender<Incoming>) {
    loop {
        let incoming = match read_frame(&mut input) {
            Ok(Some(body)) => parse(&body),
            Ok(None) => {
                let _ = tx.send(Incoming::End);
                return;
            }
            Err(message) => Incoming::Malformed {
                code: PARSE,
                message,
                id: Value::Null,
            },
        };
        if tx.send(incoming).is_err() {
            return;
        }
    }
}

fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                code: PARSE,
                message: format!("parse error: {e}"),
                id: Value::Null,
            }
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Malformed {
            code: INVALID,
            message: format!("invalid request: {e}"),
            id,
        },
    }
}

/// One frame's body; `Ok(None)` at the end of the stream; `Err` for a frame that was skipped.
fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut length: Option<usize> = None;
    let mut bad_header = None;
    loop {
        let mut line = Vec::new();
        let n = input
            .by_ref()
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("read error: {e}"))?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if length.is_some() || bad_header.is_some() {
                break;
            }
            // Blank lines between frames.
            continue;
        }
        match text.split_once(':') {
            Some((k, v)) if k.eq_ignore_ascii_case("content-length") => {
                match v.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length: {}", v.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("malformed header: {text}")),
        }
    }
    let Some(length) = length else {
        return Err(bad_header.unwrap_or_else(|| "no Content-Length".into()));
    };
    if length > MAX_MESSAGE_BYTES {
        // Skip the body without holding it.
        std::io::copy(
            &mut input.by_ref().take(length as u64),
            &mut std::io::sink(),
        )
        .map_err(|e| format!("read error: {e}"))?;
        return Err(format!(
            "message of {length} bytes is larger than the {MAX_MESSAGE_BYTES} bytes read"
        ));
    }
    let mut body = vec![0; length];
    input
        .read_exact(&mut body)
        .map_err(|e| format!("read error: {e}"))?;
    if let Some(h) = bad_header {
        return Err(h);
    }
    Ok(Some(body))
}

/// A JSON-RPC error answer written directly (its id may be `null`, which `lsp-server`'s
/// `RequestId` cannot hold).
pub fn write_error(out: &mut impl Write, id: Value, code: i32, message: &str) {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
    .to_string();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = out.flush();
}
