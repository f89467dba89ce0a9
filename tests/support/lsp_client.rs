//! A small LSP client for the end-to-end tests: it starts the real `resolution-ls` binary and
//! speaks JSON-RPC over its stdio, answering the server's own requests as an editor would.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const BIN: &str = env!("CARGO_BIN_EXE_resolution-ls");
const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests seen while waiting for something else.
    pub backlog: Vec<Value>,
    /// The answer to `workspace/configuration`; `None` leaves such requests unanswered.
    pub configuration: Option<Value>,
}

/// What a test chooses about the client it plays.
pub struct Options {
    pub position_encodings: Vec<&'static str>,
    pub pull_diagnostics: bool,
    pub initialization_options: Value,
    pub configuration: Option<Value>,
    pub resolve_code_actions: bool,
    /// The workspace root, as a `file://` URI.
    pub root_uri: Option<String>,
    /// Workspace folders, as `file://` URIs (sent as `workspaceFolders` when not empty).
    pub workspace_folders: Vec<String>,
    /// Merged into the client's capabilities (objects key by key), e.g. `window.workDoneProgress`.
    pub capabilities: Value,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            position_encodings: vec!["utf-16"],
            pull_diagnostics: false,
            initialization_options: Value::Null,
            configuration: None,
            resolve_code_actions: false,
            root_uri: None,
            workspace_folders: Vec::new(),
            capabilities: Value::Null,
        }
    }
}

impl Options {
    /// A client that pulls diagnostics, as VS Code does.
    pub fn pulling() -> Options {
        Options {
            pull_diagnostics: true,
            ..Options::default()
        }
    }
}

impl Client {
    /// Starts the server without initializing it.
    pub fn spawn() -> Client {
        Client::spawn_binary(BIN.as_ref())
    }

    /// Starts the server at `binary` (another copy of it) without initializing it.
    pub fn spawn_binary(binary: &std::path::Path) -> Client {
        let mut child = Command::new(binary)
            .arg("--stdio")
            .env("RESOLUTION_LS_DEBUG_METHODS", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            messages: rx,
            next_id: 1,
            backlog: Vec::new(),
            configuration: None,
        }
    }

    /// Starts and initializes the server.
    pub fn start(options: Options) -> Client {
        Client::start_binary(BIN.as_ref(), options)
    }

    /// Starts and initializes the server at `binary`.
    pub fn start_binary(binary: &std::path::Path, options: Options) -> Client {
        let mut client = Client::spawn_binary(binary);
        client.configuration = options.configuration.clone();
        let mut text_document = json!({
            "synchronization": {"dynamicRegistration": false},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "rename": {"prepareSupport": true},
            "completion": {"completionItem": {"snippetSupport": false}},
        });
        if options.pull_diagnostics {
            text_document["diagnostic"] = json!({"dynamicRegistration": false});
        }
        if options.resolve_code_actions {
            text_document["codeAction"]["resolveSupport"] = json!({"properties": ["edit"]});
        }
        let mut capabilities = json!({
            "general": {"positionEncodings": options.position_encodings},
            "textDocument": text_document,
            "workspace": {"configuration": options.configuration.is_some()},
        });
        merge(&mut capabilities, &options.capabilities);
        let folders: Vec<Value> = options
            .workspace_folders
            .iter()
            .map(|uri| json!({"uri": uri, "name": uri.rsplit('/').next().unwrap_or("folder")}))
            .collect();
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": options.root_uri,
                "workspaceFolders": (!folders.is_empty()).then_some(folders),
                "capabilities": capabilities,
                "initializationOptions": options.initialization_options,
            }),
        );
        assert!(result.get("capabilities").is_some(), "{result}");
        client.notify("initialized", json!({}));
        client
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Sends a request and returns its `result`, failing the test on an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for a message matching `wanted`, answering server requests meanwhile.
    pub fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out; seen meanwhile: {:#?}", self.backlog)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; seen: {:#?}", self.backlog)
                }
            };
            self.answer_server_request(&message);
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// Collects what arrives within `period`.
    pub fn drain(&mut self, period: Duration) -> Vec<Value> {
        let deadline = Instant::now() + period;
        while let Ok(message) = self
            .messages
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.answer_server_request(&message);
            self.backlog.push(message);
        }
        std::mem::take(&mut self.backlog)
    }

    fn answer_server_request(&mut self, message: &Value) {
        let (Some(id), Some(method)) = (
            message.get("id"),
            message.get("method").and_then(Value::as_str),
        ) else {
            return;
        };
        let result = match method {
            "workspace/configuration" => match &self.configuration {
                Some(value) => json!([value]),
                None => return, // an editor that never answers
            },
            _ => Value::Null,
        };
        let id = id.clone();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    /// The next `publishDiagnostics` for `uri`.
    pub fn published_diagnostics(&mut self, uri: &str) -> Value {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"].clone()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn pull_diagnostics(&mut self, uri: &str) -> Value {
        self.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
    }

    pub fn shutdown_and_exit(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.stdin.take();
        self.wait_exit()
    }

    /// The server process's id, to read its memory from /proc.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    pub fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Lays `over` onto `base`: objects merge key by key, anything else replaces.
fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                merge(base.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
        (_, Value::Null) => {}
        (base, over) => *base = over.clone(),
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A `file://` URI for a name in a folder that need not exist.
pub fn uri(name: &str) -> String {
    format!("file:///tmp/resolution-ls-tests/{name}")
}

/// The LSP range of `needle`'s `nth` occurrence (0-based), in UTF-16 columns.
pub fn range_of(text: &str, needle: &str, nth: usize) -> Value {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} in text"))
        .0;
    json!({"start": utf16_position(text, start), "end": utf16_position(text, start + needle.len())})
}

pub fn utf16_position(text: &str, offset: usize) -> Value {
    let line = text[..offset].matches('\n').count();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

pub fn utf8_position(text: &str, offset: usize) -> Value {
    let line = text[..offset].matches('\n').count();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": offset - line_start})
}

/// The columns a session negotiated: UTF-16 code units (the default) or UTF-8 bytes.
#[derive(Clone, Copy, Debug)]
pub enum Columns {
    Utf16,
    Utf8,
}

impl Columns {
    pub fn position(self, text: &str, offset: usize) -> Value {
        match self {
            Columns::Utf16 => utf16_position(text, offset),
            Columns::Utf8 => utf8_position(text, offset),
        }
    }

    pub fn offset(self, text: &str, position: &Value) -> usize {
        match self {
            Columns::Utf16 => offset_of(text, position),
            Columns::Utf8 => offset_of_utf8(text, position),
        }
    }

    pub fn range(self, text: &str, range: std::ops::Range<usize>) -> Value {
        json!({"start": self.position(text, range.start), "end": self.position(text, range.end)})
    }
}

/// Applies LSP text edits (UTF-16 positions) to a text.
pub fn apply_text_edits(text: &str, edits: &[Value]) -> String {
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset_of(text, &e["range"]["start"]),
                offset_of(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    resolved.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = String::new();
    let mut pos = 0;
    for (start, end, new_text) in resolved {
        out.push_str(&text[pos..start]);
        out.push_str(&new_text);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The byte offset of an LSP position (UTF-16 columns).
pub fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i == line {
            let mut units = 0;
            for (j, c) in l.char_indices() {
                if units >= character || c == '\n' {
                    return offset + j;
                }
                units += c.len_utf16();
            }
            return offset + l.trim_end_matches('\n').len();
        }
        offset += l.len();
    }
    text.len()
}

/// The byte offset of an LSP position whose columns count UTF-8 bytes.
pub fn offset_of_utf8(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let line_text = text[line_start.min(text.len())..]
        .split('\n')
        .next()
        .unwrap_or("");
    line_start + character.min(line_text.len())
}

/// The rule ids (`code`) of a list of LSP diagnostics, in order.
pub fn codes(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}
