//! `probity lsp`: a language server over stdio. It only transports: JSON-RPC frames in, the
//! editor door (`api::editor`) asked, its plain answers written out as LSP results. Messages are
//! `lsp-server`'s types and parameters `lsp-types`' (both from the rust-analyzer project:
//! synchronous, no async runtime); the framing is read here rather than by `lsp-server`'s
//! reader, which stops the connection at the first malformed message, so a malformed frame gets
//! a JSON-RPC error and the server reads on.

mod frames;

use crate::api::editor::{self, Depth, Problem, Symbol, TextEdit, TextRange, Workspace};
use lsp_server::{Message, Notification, Request, RequestId, Response};
use lsp_types::Url;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::sync::mpsc;

/// JSON-RPC error codes.
const PARSE_ERROR: i32 = -32700;
const INVALID_REQUEST: i32 = -32600;
const METHOD_NOT_FOUND: i32 = -32601;
const INVALID_PARAMS: i32 = -32602;
const INTERNAL_ERROR: i32 = -32603;
const SERVER_NOT_INITIALIZED: i32 = -32002;
const REQUEST_FAILED: i32 = -32803;

/// Rule files of the folder read at start-up, at most this many, each at most this large.
const MAX_FOLDER_FILES: usize = 200;
const MAX_FOLDER_FILE_BYTES: u64 = 4 << 20;

/// Serve the language server protocol on stdin/stdout until `exit`; the process's exit code.
pub fn run_stdio() -> i32 {
    let stdout = std::io::stdout();
    serve(std::io::BufReader::new(std::io::stdin()), stdout.lock())
}

/// Serve on any reader and writer (the tests use pipes); returns the exit code: 0 after
/// `shutdown` then `exit`, 1 otherwise.
pub fn serve(input: impl BufRead + Send + 'static, mut output: impl Write) -> i32 {
    // The reader is not joined: at `exit` the process ends whether or not stdin is closed.
    let (tx, rx) = mpsc::sync_channel::<frames::Incoming>(64);
    let analyses = tx.clone();
    std::thread::spawn(move || frames::read_all(input, tx));
    let mut server = Server {
        analyses: Some(analyses),
        ..Server::default()
    };
    let mut pending = std::collections::VecDeque::new();
    loop {
        let next = match pending.pop_front() {
            Some(m) => m,
            None => match rx.recv() {
                Ok(m) => m,
                Err(_) => return 1,
            },
        };
        if let Some(code) = server.handle(next, &mut output) {
            return code;
        }
        // Idle (nothing waiting): start the slower analysis of a file changed since.
        while let Ok(m) = rx.try_recv() {
            pending.push_back(m);
        }
        if pending.is_empty() {
            server.analyse_changed();
        }
    }
}

#[derive(Default)]
struct Doc {
    name: String,
    text: String,
    /// Counts the changes, so an analysis of an older text is recognised and dropped.
    generation: u64,
    /// The editor's version of the text, given back with its diagnostics.
    version: i32,
    /// Lint and tests have not been run on this text yet.
    needs_full: bool,
    problems: Vec<Problem>,
}

#[derive(Default)]
struct Server {
    initialized: bool,
    shut_down: bool,
    docs: BTreeMap<Url, Doc>,
    /// The folder's rule files (name, text) that are not open.
    folder: Vec<(String, String)>,
    names: HashMap<String, Url>,
    workspace: Option<Workspace>,
    /// Files whose text changed since the workspace last saw them.
    stale: std::collections::BTreeSet<String>,
    /// Where the lint-and-tests worker reports (one worker at a time, off the main loop, so a
    /// keystroke is checked at once even while a long analysis runs).
    analyses: Option<mpsc::SyncSender<frames::Incoming>>,
    analysing: bool,
}

fn send(out: &mut impl Write, msg: Message) {
    let _ = msg.write(out);
}

fn reply(out: &mut impl Write, id: RequestId, result: Result<Value, (i32, String)>) {
    let resp = match result {
        Ok(v) => Response::new_ok(id, v),
        Err((code, message)) => Response::new_err(id, code, message),
    };
    send(out, resp.into());
}

fn params<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, (i32, String)> {
    serde_json::from_value(v).map_err(|e| (INVALID_PARAMS, format!("invalid params: {e}")))
}

fn range_json(r: &TextRange) -> Value {
    json!({
        "start": { "line": r.from.line, "character": r.from.character },
        "end": { "line": r.to.line, "character": r.to.character },
    })
}

fn edit_json(e: &TextEdit) -> Value {
    json!({ "range": range_json(&e.range), "newText": e.new_text })
}

impl Server {
    /// Handle one incoming message; `Some(code)` when the server is to exit.
    fn handle(&mut self, incoming: frames::Incoming, out: &mut impl Write) -> Option<i32> {
        let msg = match incoming {
            frames::Incoming::Message(m) => m,
            frames::Incoming::Malformed { code, message, id } => {
                let code = if code == frames::PARSE {
                    PARSE_ERROR
                } else {
                    INVALID_REQUEST
                };
                frames::write_error(out, id, code, &message);
                return None;
            }
            frames::Incoming::End => return Some(if self.shut_down { 0 } else { 1 }),
            frames::Incoming::Analysed {
                uri,
                generation,
                problems,
            } => {
                self.analysing = false;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    if doc.generation == generation {
                        doc.problems = problems;
                        publish(out, &uri, Some(doc.version), &doc.problems);
                    }
                }
                return None;
            }
        };
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                let answer =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.request(req)))
                        .unwrap_or_else(|_| Err((INTERNAL_ERROR, "internal error".into())));
                reply(out, id, answer);
                None
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Some(if self.shut_down { 0 } else { 1 });
                }
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.notification(n, out)
                }));
                None
            }
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, req: Request) -> Result<Value, (i32, String)> {
        if req.method == "initialize" {
            let p: lsp_types::InitializeParams = params(req.params)?;
            self.initialized = true;
            #[allow(deprecated)]
            let root = p
                .workspace_folders
                .as_ref()
                .and_then(|f| f.first().map(|f| f.uri.clone()))
                .or(p.root_uri.clone());
            if let Some(dir) = root.and_then(|u| u.to_file_path().ok()) {
                self.read_folder(&dir);
            }
            return Ok(capabilities());
        }
        if !self.initialized {
            return Err((
                SERVER_NOT_INITIALIZED,
                "the server is not initialised".into(),
            ));
        }
        if req.method == "shutdown" {
            self.shut_down = true;
            return Ok(Value::Null);
        }
        match req.method.as_str() {
            "textDocument/hover" => {
                let p: lsp_types::HoverParams = params(req.params)?;
                let pos = &p.text_document_position_params;
                let Some((name, offset)) = self.place(&pos.text_document.uri, pos.position) else {
                    return Ok(Value::Null);
                };
                Ok(match self.workspace().hover(&name, offset) {
                    Some(h) => json!({
                        "contents": { "kind": "markdown", "value": h.text },
                        "range": range_json(&h.range),
                    }),
                    None => Value::Null,
                })
            }
            "textDocument/definition" => {
                let p: lsp_types::GotoDefinitionParams = params(req.params)?;
                let pos = &p.text_document_position_params;
                let Some((name, offset)) = self.place(&pos.text_document.uri, pos.position) else {
                    return Ok(Value::Null);
                };
                let found = self.workspace().definition(&name, offset);
                Ok(self.locations(&found))
            }
            "textDocument/references" => {
                let p: lsp_types::ReferenceParams = params(req.params)?;
                let pos = &p.text_document_position;
                let Some((name, offset)) = self.place(&pos.text_document.uri, pos.position) else {
                    return Ok(Value::Null);
                };
                let with = p.context.include_declaration;
                let found = self.workspace().references(&name, offset, with);
                Ok(self.locations(&found))
            }
            "textDocument/completion" => {
                let p: lsp_types::CompletionParams = params(req.params)?;
                let pos = &p.text_document_position;
                let Some((name, offset)) = self.place(&pos.text_document.uri, pos.position) else {
                    return Ok(Value::Null);
                };
                let items: Vec<Value> = self
                    .workspace()
                    .completion(&name, offset)
                    .iter()
                    .map(|c| {
                        json!({
                            "label": c.label,
                            "kind": completion_kind(c.kind),
                            "detail": c.detail,
                            "textEdit": { "range": range_json(&c.replace), "newText": c.label },
                        })
                    })
                    .collect();
                Ok(json!({ "isIncomplete": false, "items": items }))
            }
            "textDocument/documentSymbol" => {
                let p: lsp_types::DocumentSymbolParams = params(req.params)?;
                let Some(name) = self.docs.get(&p.text_document.uri).map(|d| d.name.clone()) else {
                    return Ok(Value::Null);
                };
                let symbols = self.workspace().document_symbols(&name);
                Ok(Value::Array(symbols.iter().map(document_symbol).collect()))
            }
            "workspace/symbol" => {
                let p: lsp_types::WorkspaceSymbolParams = params(req.params)?;
                let found = self.workspace().workspace_symbols(&p.query);
                let out: Vec<Value> = found
                    .iter()
                    .take(500)
                    .filter_map(|s| {
                        Some(json!({
                            "name": s.name,
                            "kind": symbol_kind(s.kind),
                            "location": self.location(&s.selection)?,
                            "containerName": s.detail,
                        }))
                    })
                    .collect();
                Ok(Value::Array(out))
            }
            "textDocument/prepareRename" => {
                let p: lsp_types::TextDocumentPositionParams = params(req.params)?;
                let Some((name, offset)) = self.place(&p.text_document.uri, p.position) else {
                    return Ok(Value::Null);
                };
                Ok(match self.workspace().prepare_rename(&name, offset) {
                    Some(r) => range_json(&r),
                    None => Value::Null,
                })
            }
            "textDocument/rename" => {
                let p: lsp_types::RenameParams = params(req.params)?;
                let pos = &p.text_document_position;
                let Some((name, offset)) = self.place(&pos.text_document.uri, pos.position) else {
                    return Ok(Value::Null);
                };
                match self.workspace().rename(&name, offset, &p.new_name) {
                    Ok(edits) => Ok(self.workspace_edit(&edits)),
                    Err(e) => Err((REQUEST_FAILED, e.message)),
                }
            }
            "textDocument/formatting" => {
                let p: lsp_types::DocumentFormattingParams = params(req.params)?;
                let Some(doc) = self.docs.get(&p.text_document.uri) else {
                    return Ok(Value::Null);
                };
                match editor::format_whole(&doc.name, &doc.text) {
                    Ok(edit) => Ok(Value::Array(edit.iter().map(edit_json).collect())),
                    Err(e) => Err((REQUEST_FAILED, e)),
                }
            }
            "textDocument/rangeFormatting" => {
                let p: lsp_types::DocumentRangeFormattingParams = params(req.params)?;
                let uri = &p.text_document.uri;
                let (Some((_, start)), Some((name, end))) =
                    (self.place(uri, p.range.start), self.place(uri, p.range.end))
                else {
                    return Ok(Value::Null);
                };
                let Some(doc) = self.docs.get(uri) else {
                    return Ok(Value::Null);
                };
                match editor::format_range(&name, &doc.text, start, end) {
                    Ok(edit) => Ok(Value::Array(edit.iter().map(edit_json).collect())),
                    Err(e) => Err((REQUEST_FAILED, e)),
                }
            }
            "textDocument/codeAction" => {
                let p: lsp_types::CodeActionParams = params(req.params)?;
                Ok(self.code_actions(&p.text_document.uri, p.range))
            }
            _ => Err((METHOD_NOT_FOUND, format!("unknown method {}", req.method))),
        }
    }

    fn notification(&mut self, n: Notification, out: &mut impl Write) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                let name = name_of(&uri);
                self.names.insert(name.clone(), uri.clone());
                self.folder.retain(|(n, _)| *n != name);
                self.stale.insert(name.clone());
                self.docs.insert(
                    uri.clone(),
                    Doc {
                        name,
                        text: p.text_document.text,
                        version: p.text_document.version,
                        ..Doc::default()
                    },
                );
                self.changed(&uri, out);
            }
            "textDocument/didChange" => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    // Full sync is asked for; a change with a range is applied all the same.
                    let mut text = std::mem::take(&mut doc.text);
                    for c in p.content_changes {
                        match c.range {
                            None => text = c.text,
                            Some(r) => {
                                let at = |p: lsp_types::Position| {
                                    editor::offset_at_line_char(&text, p.line, p.character) as usize
                                };
                                let (start, end) = (at(r.start), at(r.end));
                                if start <= end {
                                    text.replace_range(start..end, &c.text);
                                }
                            }
                        }
                    }
                    doc.text = text;
                    self.stale.insert(doc.name.clone());
                    doc.version = p.text_document.version;
                    self.changed(&uri, out);
                }
            }
            "textDocument/didClose" => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                if let Some(doc) = self.docs.remove(&p.text_document.uri) {
                    // The file as it is on disk stays in the workspace; one never saved leaves it.
                    let saved = p.text_document.uri.to_file_path().ok();
                    let text = saved.and_then(|path| std::fs::read_to_string(path).ok());
                    self.folder
                        .push((doc.name.clone(), text.unwrap_or_default()));
                    self.stale.insert(doc.name);
                }
                publish(out, &p.text_document.uri, None, &[]);
            }
            _ => {}
        }
    }

    /// A document's text changed: check it now, lint and test it when idle.
    fn changed(&mut self, uri: &Url, out: &mut impl Write) {
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.generation += 1;
            doc.problems = editor::problems(&doc.name, &doc.text, Depth::Check);
            doc.needs_full = !doc.problems.iter().any(|p| p.severity == "error");
            publish(out, uri, Some(doc.version), &doc.problems);
        }
    }

    /// Start linting and testing one document changed since it was last analysed in full, on a
    /// worker, unless one is at work already.
    fn analyse_changed(&mut self) {
        if self.analysing {
            return;
        }
        let Some(tx) = self.analyses.clone() else {
            return;
        };
        let Some((uri, doc)) = self.docs.iter_mut().find(|(_, d)| d.needs_full) else {
            return;
        };
        doc.needs_full = false;
        let (uri, name, text, generation) = (
            uri.clone(),
            doc.name.clone(),
            doc.text.clone(),
            doc.generation,
        );
        self.analysing = true;
        std::thread::spawn(move || {
            let problems = std::panic::catch_unwind(|| editor::problems(&name, &text, Depth::Full))
                .unwrap_or_default();
            let _ = tx.send(frames::Incoming::Analysed {
                uri,
                generation,
                problems,
            });
        });
    }

    fn read_folder(&mut self, dir: &std::path::Path) {
        let mut stack = vec![(dir.to_path_buf(), 0)];
        while let Some((d, depth)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                if self.folder.len() >= MAX_FOLDER_FILES {
                    return;
                }
                let path = e.path();
                let file_name = e.file_name().to_string_lossy().to_string();
                if file_name.starts_with('.')
                    || ["target", "node_modules"].contains(&file_name.as_str())
                {
                    continue;
                }
                let Ok(meta) = e.metadata() else { continue };
                if meta.is_dir() && depth < 4 {
                    stack.push((path, depth + 1));
                } else if meta.is_file()
                    && file_name.ends_with(".rules")
                    && meta.len() <= MAX_FOLDER_FILE_BYTES
                {
                    if let (Ok(text), Ok(uri)) =
                        (std::fs::read_to_string(&path), Url::from_file_path(&path))
                    {
                        let name = name_of(&uri);
                        self.names.insert(name.clone(), uri);
                        self.folder.push((name, text));
                    }
                }
            }
        }
    }

    fn workspace(&mut self) -> &Workspace {
        let (docs, folder) = (&self.docs, &self.folder);
        match self.workspace.as_mut() {
            Some(w) => {
                for name in std::mem::take(&mut self.stale) {
                    let open = docs.values().find(|d| d.name == name).map(|d| &d.text);
                    let on_disk = folder.iter().find(|f| f.0 == name).map(|f| &f.1);
                    if let Some(text) = open.or(on_disk) {
                        w.set_file(&name, text);
                    }
                }
            }
            None => {
                self.stale.clear();
                let open = docs.values().map(|d| (d.name.clone(), d.text.clone()));
                let files: Vec<(String, String)> = open.chain(folder.iter().cloned()).collect();
                self.workspace = Some(Workspace::new(files));
            }
        }
        self.workspace
            .get_or_insert_with(|| Workspace::new(Vec::<(String, String)>::new()))
    }

    /// An open document's name and the byte offset of an LSP position in it.
    fn place(&self, uri: &Url, pos: lsp_types::Position) -> Option<(String, u32)> {
        let doc = self.docs.get(uri)?;
        let offset = editor::offset_at_line_char(&doc.text, pos.line, pos.character);
        Some((doc.name.clone(), offset))
    }

    fn location(&self, r: &TextRange) -> Option<Value> {
        let uri = self.names.get(&r.file)?;
        Some(json!({ "uri": uri.as_str(), "range": range_json(r) }))
    }

    fn locations(&self, found: &[TextRange]) -> Value {
        Value::Array(found.iter().filter_map(|r| self.location(r)).collect())
    }

    fn workspace_edit(&self, edits: &[TextEdit]) -> Value {
        let mut changes: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for e in edits {
            if let Some(uri) = self.names.get(&e.range.file) {
                changes
                    .entry(uri.to_string())
                    .or_default()
                    .push(edit_json(e));
            }
        }
        json!({ "changes": changes })
    }

    /// The one-action fixes, and the witness files, of the problems the range touches.
    fn code_actions(&self, uri: &Url, range: lsp_types::Range) -> Value {
        let Some(doc) = self.docs.get(uri) else {
            return Value::Array(Vec::new());
        };
        let touches = |p: &Problem| {
            let (s, e) = (&p.range.from, &p.range.to);
            (s.line, s.character) <= (range.end.line, range.end.character)
                && (range.start.line, range.start.character) <= (e.line, e.character)
        };
        let mut actions = Vec::new();
        for p in doc.problems.iter().filter(|p| touches(p)) {
            let diagnostic = diagnostic_json(p);
            if let Some(fix) = &p.fix {
                actions.push(json!({
                    "title": fix.title,
                    "kind": "quickfix",
                    "isPreferred": true,
                    "diagnostics": [diagnostic],
                    "edit": { "changes": { uri.as_str(): [edit_json(&fix.edit)] } },
                }));
            }
            if let Some(w) = &p.witness {
                let Some(target) = uri
                    .to_file_path()
                    .ok()
                    .and_then(|path| Url::from_file_path(path.with_file_name(&w.file_name)).ok())
                else {
                    continue;
                };
                actions.push(json!({
                    "title": format!("Write the witness document to {}", w.file_name),
                    "kind": "quickfix",
                    "diagnostics": [diagnostic],
                    "edit": { "documentChanges": [
                        { "kind": "create", "uri": target.as_str(), "options": { "overwrite": true } },
                        { "textDocument": { "uri": target.as_str(), "version": null },
                          "edits": [ { "range": { "start": { "line": 0, "character": 0 },
                                                  "end": { "line": 0, "character": 0 } },
                                       "newText": w.json } ] },
                    ] },
                }));
            }
        }
        Value::Array(actions)
    }
}

/// A file's name for the door: its path for a file URI, the URI itself otherwise.
fn name_of(uri: &Url) -> String {
    uri.to_file_path()
        .ok()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| uri.to_string())
}

fn diagnostic_json(p: &Problem) -> Value {
    let severity = match p.severity {
        "error" => 1,
        "warning" => 2,
        _ => 3,
    };
    json!({
        "range": range_json(&p.range),
        "severity": severity,
        "code": p.code,
        "source": format!("probity {}", p.source),
        "message": p.message,
    })
}

fn publish(out: &mut impl Write, uri: &Url, version: Option<i32>, problems: &[Problem]) {
    let diagnostics: Vec<Value> = problems.iter().map(diagnostic_json).collect();
    let params = match version {
        Some(v) => json!({ "uri": uri.as_str(), "version": v, "diagnostics": diagnostics }),
        None => json!({ "uri": uri.as_str(), "diagnostics": diagnostics }),
    };
    let n = Notification::new("textDocument/publishDiagnostics".into(), params);
    send(out, n.into());
}

fn capabilities() -> Value {
    json!({
        "capabilities": {
            "textDocumentSync": 1,
            "hoverProvider": true,
            "definitionProvider": true,
            "referencesProvider": true,
            "completionProvider": { "triggerCharacters": [".", " "] },
            "documentSymbolProvider": true,
            "workspaceSymbolProvider": true,
            "renameProvider": { "prepareProvider": true },
            "documentFormattingProvider": true,
            "documentRangeFormattingProvider": true,
            "codeActionProvider": { "codeActionKinds": ["quickfix"] },
        },
        "serverInfo": { "name": "probity", "version": env!("CARGO_PKG_VERSION") },
    })
}

fn completion_kind(kind: &str) -> u32 {
    // LSP CompletionItemKind numbers.
    match kind {
        "keyword" => 14,
        "field" => 5,
        "value" | "case" => 20,
        "unit" => 11,
        "function" => 3,
        "rule" => 17,
        "type" => 22,
        _ => 6,
    }
}

fn symbol_kind(kind: &str) -> u32 {
    // LSP SymbolKind numbers.
    match kind {
        "rulebook" => 4,
        "enum" => 10,
        "record" | "variant" => 23,
        "field" => 8,
        "value" | "case" => 22,
        "document" => 13,
        "const" => 14,
        "set" => 18,
        "let" => 13,
        "test" => 24,
        "example" => 19,
        _ => 12,
    }
}

fn document_symbol(s: &Symbol) -> Value {
    json!({
        "name": s.name,
        "detail": s.detail,
        "kind": symbol_kind(s.kind),
        "range": range_json(&s.range),
        "selectionRange": range_json(&s.selection),
        "children": s.children.iter().map(document_symbol).collect::<Vec<_>>(),
    })
}
