//! A session of messages, some well framed, some not (a `Content-Length` that counts characters
//! and falls short, garbage between messages, JSON of any shape, ids the server cannot read, keys
//! given twice), through the real server loop: whatever came before, a `shutdown` sent at the end
//! is answered. One bad message never ends or mutes the session.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use resolution_fuzz::{frame, frames, serve};
use serde_json::{json, Value};

#[derive(Arbitrary, Debug)]
enum Piece {
    /// Any bytes, framed with their length.
    Framed(Vec<u8>),
    /// Any bytes, framed with a length that falls short by `1 + short % 8`.
    ShortLength(Vec<u8>, u8),
    /// Bytes between messages, ended by a line break.
    Garbage(Vec<u8>),
    /// A request or notification with a method the server knows, an id of any kind and params
    /// of any shape.
    Request {
        method: u8,
        id: Option<Id>,
        params: Vec<u8>,
    },
}

#[derive(Arbitrary, Debug)]
enum Id {
    Integer(i64),
    Float(f64),
    Text(String),
    Raw(String),
}

const METHODS: [&str; 10] = [
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/diagnostic",
    "textDocument/hover",
    "textDocument/codeAction",
    "textDocument/completion",
    "textDocument/documentSymbol",
    "$/cancelRequest",
    "workspace/didChangeConfiguration",
    "codeAction/resolve",
];

fn request_body(method: u8, id: &Option<Id>, params: &[u8]) -> Vec<u8> {
    let method = METHODS[method as usize % METHODS.len()];
    let params = String::from_utf8_lossy(params);
    let params = if serde_json::from_str::<Value>(&params).is_ok() {
        params.into_owned()
    } else {
        json!({"textDocument": {"uri": "file:///fuzz/draft.md", "languageId": "markdown", "version": 1, "text": params}, "position": {"line": 0, "character": 1}}).to_string()
    };
    let id = match id {
        None => String::new(),
        Some(Id::Integer(n)) => format!(r#""id":{n},"#),
        Some(Id::Float(f)) if f.is_finite() => format!(r#""id":{f:?},"#),
        Some(Id::Float(_)) => r#""id":1e400,"#.to_owned(),
        Some(Id::Text(s)) => format!(r#""id":{},"#, Value::from(s.as_str())),
        Some(Id::Raw(s)) => format!(r#""id":{s},"#),
    };
    format!(r#"{{"jsonrpc":"2.0",{id}"method":"{method}","params":{params}}}"#).into_bytes()
}

fuzz_target!(|pieces: Vec<Piece>| {
    let mut input = frame(
        &json!({"jsonrpc": "2.0", "id": "fuzz-init", "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    input.extend(frame(
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ));
    for piece in &pieces {
        match piece {
            Piece::Framed(body) => {
                input.extend(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
                input.extend(body);
            }
            Piece::ShortLength(body, short) => {
                let length = body.len().saturating_sub(1 + *short as usize % 8);
                input.extend(format!("Content-Length: {length}\r\n\r\n").as_bytes());
                input.extend(body);
            }
            Piece::Garbage(bytes) => {
                input.extend(bytes);
                input.extend(b"\r\n");
            }
            Piece::Request { method, id, params } => {
                let body = request_body(*method, id, params);
                input.extend(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
                input.extend(body);
            }
        }
    }
    // A session that asks to end, or holds a header of its own (whose length could swallow the
    // final request), proves nothing about surviving.
    let lowered = input.to_ascii_lowercase();
    let mentions = |needle: &[u8]| lowered.windows(needle.len()).any(|w| w == needle);
    if mentions(b"exit")
        || lowered
            .windows(14)
            .filter(|w| *w == b"content-length")
            .count()
            != count_headers(&pieces) + 2
    {
        return;
    }
    input.extend(b"\r\n");
    input.extend(frame(
        &json!({"jsonrpc": "2.0", "id": "fuzz-final", "method": "shutdown"}),
    ));
    input.extend(frame(&json!({"jsonrpc": "2.0", "method": "exit"})));
    let output = frames(&serve(input));
    assert!(
        output
            .iter()
            .any(|m| m["id"] == "fuzz-final" && m.get("method").is_none()),
        "the final shutdown went unanswered: {output:?}"
    );
});

/// The `Content-Length` headers the harness itself wrote for the pieces.
fn count_headers(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .filter(|p| !matches!(p, Piece::Garbage(_)))
        .count()
}
