//! A guard between the client and tower-lsp-server's framing. tower-lsp's reader stops reading
//! for good after one message it cannot decode (bad JSON, JSON that is not a JSON-RPC message, an
//! id that is not an integer or a string, a key given twice), which would end the session over one
//! bad byte. Here every frame is read and checked first: good ones pass through, bad ones are
//! answered with the JSON-RPC error they deserve (`-32700` parse error, `-32600` invalid request)
//! and logged, and reading goes on. A frame whose `Content-Length` was wrong is re-synchronized at
//! the next `Content-Length:` header, wherever it starts on its line.
//!
//! It also holds back an `exit` that follows `shutdown` until the shutdown is answered: tower-lsp
//! cancels every pending request on `exit`, and a client that sends both at once would otherwise
//! see its shutdown cancelled and the server exit with status 1.

use std::sync::Mutex;
use std::time::Duration;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{json, Map, Value};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::{mpsc, Notify};
use tracing::{error, warn};

use super::rendered::Rendered;

/// The largest message read from the client into memory; a bigger one is skipped and answered
/// with an error. The server's own output has no limit.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// The longest header line kept. A longer one (garbage without a newline) is read past, keeping
/// only its end, where a `Content-Length:` header glued to the garbage would be.
const MAX_HEADER_LINE: usize = 8 << 10;
const HEADER_TAIL: usize = 256;

/// How long an `exit` waits for the `shutdown` before it to be answered.
const EXIT_WAITS_FOR_SHUTDOWN: Duration = Duration::from_secs(5);

/// The `shutdown` request the guard passed on and the server has not answered yet.
#[derive(Default)]
pub struct ShutdownGate {
    pending: Mutex<Option<Value>>,
    answered: Notify,
}

impl ShutdownGate {
    fn requested(&self, id: Value) {
        if let Ok(mut pending) = self.pending.lock() {
            *pending = Some(id);
        }
    }

    fn is_pending(&self) -> bool {
        self.pending.lock().is_ok_and(|pending| pending.is_some())
    }

    /// Called with each frame the server writes: the response to the pending shutdown opens the
    /// gate.
    fn saw_output(&self, body: &[u8]) {
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        let Some(id) = pending.as_ref() else {
            return;
        };
        let Ok(message) = serde_json::from_slice::<Value>(body) else {
            return;
        };
        if message.get("method").is_none() && message.get("id") == Some(id) {
            *pending = None;
            self.answered.notify_one();
        }
    }

    async fn wait_until_answered(&self) {
        if self.is_pending()
            && tokio::time::timeout(EXIT_WAITS_FOR_SHUTDOWN, self.answered.notified())
                .await
                .is_err()
        {
            warn!("exit came before shutdown was answered, and the answer did not come in time");
        }
    }
}

/// A frame read from the client, or why there is none.
enum Frame {
    Message {
        body: Vec<u8>,
        kind: Kind,
    },
    /// Answered with `response`, if any (a bad response from the client is not answered: JSON-RPC
    /// never answers a response).
    Bad {
        reason: String,
        response: Option<Value>,
    },
}

/// What the guard needs to know of a good message.
enum Kind {
    Shutdown(Value),
    Exit,
    Other,
}

/// Reads frames from `input`, writes the good ones (re-framed) to `to_server`, and sends error
/// responses for bad ones to `replies`. Ends at end of input.
pub async fn guard_input(
    input: impl AsyncRead + Unpin,
    mut to_server: impl AsyncWrite + Unpin,
    replies: mpsc::UnboundedSender<Vec<u8>>,
    gate: &ShutdownGate,
) {
    let mut reader = BufReader::new(input);
    loop {
        let frame = match read_frame(&mut reader, MAX_MESSAGE_BYTES).await {
            Ok(Some(frame)) => frame,
            Ok(None) => break,
            Err(e) => {
                // Also what a read cut short by the runtime shutting down after `exit` says.
                warn!("reading from the client stopped: {e}");
                break;
            }
        };
        match frame {
            Frame::Message { body, kind } => {
                match kind {
                    Kind::Shutdown(id) => gate.requested(id),
                    Kind::Exit => gate.wait_until_answered().await,
                    Kind::Other => {}
                }
                if to_server.write_all(&frame_bytes(&body)).await.is_err() {
                    break;
                }
            }
            Frame::Bad { reason, response } => match response {
                Some(response) => {
                    error!("bad message from the client: {reason}; answered with an error, reading goes on");
                    let _ = replies.send(frame_bytes(
                        &serde_json::to_vec(&response).unwrap_or_default(),
                    ));
                }
                None => error!("bad response from the client: {reason}; dropped, reading goes on"),
            },
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copies whole frames from the server and from `replies` to `output`, never interleaving two;
/// a frame of the server's that holds a stand-in goes out with the bytes `rendered` keeps for it.
pub async fn merge_output(
    from_server: impl AsyncRead + Unpin + Send + 'static,
    mut replies: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: impl AsyncWrite + Unpin,
    gate: std::sync::Arc<ShutdownGate>,
    rendered: std::sync::Arc<Rendered>,
) {
    let (frames_tx, mut frames_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let reader = tokio::spawn(async move {
        let mut reader = BufReader::new(from_server);
        // The server's own frames: no size limit (a reply of 200,000 diagnostics is large, and
        // dropping it would leave the client waiting for good).
        while let Ok(Some((length, _))) = read_headers(&mut reader).await {
            let Ok(length) = length else { break };
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).await.is_err() {
                break;
            }
            gate.saw_output(&body);
            // One copy of a rendered answer, into its frame.
            let frame = match rendered.take(&body) {
                Some(substitute) => frame_of(&substitute.parts(&body)),
                None => frame_bytes(&body),
            };
            if frames_tx.send(frame).is_err() {
                break;
            }
        }
    });
    let mut replies_open = true;
    loop {
        let bytes = tokio::select! {
            frame = frames_rx.recv() => match frame {
                Some(bytes) => bytes,
                None => break,
            },
            reply = replies.recv(), if replies_open => match reply {
                Some(bytes) => bytes,
                None => {
                    replies_open = false;
                    continue;
                }
            },
        };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
    reader.abort();
}

fn frame_bytes(body: &[u8]) -> Vec<u8> {
    frame_of(&[body])
}

/// A frame whose body is `parts`, one after the other.
fn frame_of(parts: &[&[u8]]) -> Vec<u8> {
    let length: usize = parts.iter().map(|part| part.len()).sum();
    let header = format!("Content-Length: {length}\r\n\r\n");
    let mut out = Vec::with_capacity(header.len() + length);
    out.extend_from_slice(header.as_bytes());
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}

/// Reads one header line into `line` (without its line break), keeping at most
/// [`MAX_HEADER_LINE`] bytes: of a longer line, only the last [`HEADER_TAIL`]. False at end of
/// input.
async fn read_header_line(
    reader: &mut (impl AsyncBufRead + Unpin),
    line: &mut Vec<u8>,
) -> std::io::Result<bool> {
    line.clear();
    loop {
        let buf = reader.fill_buf().await?;
        if buf.is_empty() {
            return Ok(false);
        }
        let (taken, ended) = match buf.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        line.extend_from_slice(&buf[..taken]);
        reader.consume(taken);
        if line.len() > MAX_HEADER_LINE {
            line.drain(..line.len() - HEADER_TAIL);
        }
        if ended {
            while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                line.pop();
            }
            return Ok(true);
        }
    }
}

/// Where `Content-Length:` starts in a header line, in any case.
fn content_length_at(line: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length";
    line.windows(NAME.len())
        .enumerate()
        .filter(|(_, w)| w.eq_ignore_ascii_case(NAME))
        .map(|(at, _)| at)
        .find(|&at| {
            line[at + NAME.len()..]
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                == Some(&b':')
        })
}

/// Reads headers up to a blank line: the `Content-Length` (or why there is none), and whether
/// bytes that were not headers came first. `None` at end of input.
#[allow(clippy::type_complexity)]
async fn read_headers(
    reader: &mut (impl AsyncBufRead + Unpin),
) -> std::io::Result<Option<(Result<usize, String>, bool)>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    let mut skipped = false;
    let mut line = Vec::new();
    loop {
        if !read_header_line(reader, &mut line).await? {
            if saw_header {
                warn!("the input ended in the middle of a message's headers");
            }
            return Ok(None);
        }
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between messages
        }
        saw_header = true;
        let header = match content_length_at(&line) {
            Some(0) => &line[..],
            Some(at) => {
                skipped = true;
                &line[at..]
            }
            None => &line[..],
        };
        let header = String::from_utf8_lossy(header);
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                );
            }
        }
    }
    let length = length.unwrap_or_else(|| Err("a message without Content-Length".to_owned()));
    Ok(Some((length, skipped)))
}

/// Reads one frame: headers up to a blank line, then `Content-Length` bytes, at most `limit`.
async fn read_frame(
    reader: &mut (impl AsyncBufRead + Unpin),
    limit: usize,
) -> std::io::Result<Option<Frame>> {
    let Some((length, skipped)) = read_headers(reader).await? else {
        return Ok(None);
    };
    if skipped {
        warn!("bytes that were not a message came before a Content-Length header (a wrong Content-Length before?); reading goes on from the header");
    }
    let length = match length {
        Ok(length) => length,
        Err(reason) => return Ok(Some(bad(reason, -32700, Value::Null))),
    };
    if length > limit {
        // Skip it without holding it, so the next message is read from the right place.
        let skipped =
            tokio::io::copy(&mut reader.take(length as u64), &mut tokio::io::sink()).await?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(bad(
            format!("a message of {length} bytes, over the limit of {limit}"),
            -32700,
            Value::Null,
        )));
    }
    let mut body = vec![0; length];
    if let Err(e) = reader.read_exact(&mut body).await {
        warn!("the input ended inside a message ({e})");
        return Ok(None);
    }
    Ok(Some(check_message(body)))
}

/// `shutdown` and `exit` take no parameters; some clients (lsp-mode 8) send `{}`, which
/// tower-lsp refuses as invalid params. They are dropped.
fn without_empty_params(mut value: Map<String, Value>, body: Vec<u8>) -> Vec<u8> {
    let method = value.get("method").and_then(Value::as_str);
    let empty = value.get("params").is_some_and(|p| {
        p.as_object().is_some_and(|o| o.is_empty()) || p.as_array().is_some_and(|a| a.is_empty())
    });
    if matches!(method, Some("shutdown" | "exit")) && empty {
        value.remove("params");
        return serde_json::to_vec(&value).unwrap_or(body);
    }
    body
}

fn bad(reason: String, code: i64, id: Value) -> Frame {
    let message = if code == -32700 {
        "Parse error"
    } else {
        "Invalid Request"
    };
    Frame::Bad {
        response: Some(
            json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": format!("{message}: {reason}")}}),
        ),
        reason,
    }
}

/// An id tower-lsp can take: an integer that fits in 64 bits, or a string (`1.0`, `1e3` and
/// `9223372036854775808` are numbers it cannot).
fn is_usable_id(id: &Value) -> bool {
    id.is_string() || id.as_i64().is_some()
}

/// A top-level JSON object, and a key it gives twice, if any (serde_json keeps the last;
/// tower-lsp refuses the message).
struct TopLevel {
    object: Map<String, Value>,
    repeated_key: Option<String>,
}

fn parse_top_level(body: &[u8]) -> serde_json::Result<TopLevel> {
    struct TopLevelVisitor;
    impl<'de> Visitor<'de> for TopLevelVisitor {
        type Value = TopLevel;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
            let mut object = Map::new();
            let mut repeated_key = None;
            while let Some(key) = map.next_key::<String>()? {
                let value = map.next_value::<Value>()?;
                if let Some(_earlier) = object.insert(key.clone(), value) {
                    repeated_key.get_or_insert(key);
                }
            }
            Ok(TopLevel {
                object,
                repeated_key,
            })
        }
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let top = (&mut deserializer).deserialize_map(TopLevelVisitor)?;
    deserializer.end()?;
    Ok(top)
}

/// `\ud800` not followed by a low surrogate (or `\udc00` not preceded by a high one) is not a
/// character: serde_json refuses the message, and the edit it carries would be lost, leaving the
/// server's copy of the document different from the editor's. Each is replaced by `\ufffd`, of the
/// same UTF-16 length, so every later position still lands where the editor means it. `None` when
/// there is none.
fn replace_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    let escape_at = |i: usize| -> Option<u32> {
        let hex = body.get(i..i + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut out = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = escape_at(i) else {
            i += 2; // another escape (`\\`, `\"`): its second byte is never an escape's start
            continue;
        };
        let lone = match unit {
            0xD800..=0xDBFF => {
                !escape_at(i + 6).is_some_and(|next| (0xDC00..=0xDFFF).contains(&next))
            }
            0xDC00..=0xDFFF => true,
            _ => false,
        };
        if (0xD800..=0xDBFF).contains(&unit) && !lone {
            i += 12;
            continue;
        }
        if lone {
            out.extend_from_slice(&body[copied..i]);
            out.extend_from_slice(b"\\ufffd");
            copied = i + 6;
        }
        i += 6;
    }
    if copied == 0 {
        return None;
    }
    out.extend_from_slice(&body[copied..]);
    Some(out)
}

/// A frame body is passed on only if tower-lsp can take it: a JSON-RPC request, notification or
/// response, with an id it can read and no key given twice.
fn check_message(body: Vec<u8>) -> Frame {
    let (top, body) = match parse_top_level(&body) {
        Ok(top) => (top, body),
        Err(first_error) => {
            match replace_lone_surrogates(&body)
                .and_then(|repaired| Some((parse_top_level(&repaired).ok()?, repaired)))
            {
                Some((top, repaired)) => {
                    warn!("a message held a lone UTF-16 surrogate (\\ud800 to \\udfff); read as U+FFFD");
                    (top, repaired)
                }
                None => {
                    return match serde_json::from_slice::<IgnoredAny>(&body) {
                        // JSON, but not an object.
                        Ok(_) => bad("not a JSON-RPC 2.0 message".to_owned(), -32600, Value::Null),
                        Err(_) => bad(format!("not JSON ({first_error})"), -32700, Value::Null),
                    };
                }
            }
        }
    };
    let TopLevel {
        object,
        repeated_key,
    } = top;
    let id = object.get("id").cloned().filter(is_usable_id);
    let is_response = object.get("method").is_none()
        && (object.contains_key("result") || object.contains_key("error"));
    let problem = if let Some(key) = repeated_key {
        Some(format!("the key `{key}` is given twice"))
    } else if object.get("jsonrpc") != Some(&json!("2.0")) {
        Some("not a JSON-RPC 2.0 message (`jsonrpc` must be \"2.0\")".to_owned())
    } else if object.get("id").is_some_and(|id| !is_usable_id(id)) {
        Some(format!(
            "the id {} is neither an integer nor a string",
            object["id"]
        ))
    } else if is_response {
        let error_ok = object.get("error").is_none_or(|error| {
            error.get("code").and_then(Value::as_i64).is_some()
                && error.get("message").is_some_and(Value::is_string)
        });
        (id.is_none() || !error_ok).then(|| "not a JSON-RPC 2.0 response".to_owned())
    } else if !object.get("method").is_some_and(Value::is_string) {
        Some("not a JSON-RPC 2.0 message (no method)".to_owned())
    } else if !object
        .get("params")
        .is_none_or(|p| p.is_object() || p.is_array() || p.is_null())
    {
        Some("params must be an object or an array".to_owned())
    } else {
        None
    };
    if let Some(reason) = problem {
        if is_response {
            return Frame::Bad {
                reason,
                response: None,
            };
        }
        // An id that cannot be read is still echoed as sent: the client can match the error.
        let echoed = object.get("id").cloned().unwrap_or(Value::Null);
        return bad(reason, -32600, echoed);
    }
    let kind = match object.get("method").and_then(Value::as_str) {
        Some("shutdown") => id.map_or(Kind::Other, Kind::Shutdown),
        Some("exit") => Kind::Exit,
        _ => Kind::Other,
    };
    Frame::Message {
        body: without_empty_params(object, body),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn the_servers_own_frames_pass_whatever_their_size() {
        // 65 MiB, over the client's limit: a reply of 200,000 diagnostics is that large, and it
        // used to be dropped, the output closed for good.
        let body = format!(
            r#"{{"jsonrpc":"2.0","id":1,"result":"{}"}}"#,
            "x".repeat(65 << 20)
        );
        let framed = frame_bytes(body.as_bytes());
        let after = frame_bytes(br#"{"jsonrpc":"2.0","id":2,"result":null}"#);
        let mut input = framed.clone();
        input.extend_from_slice(&after);
        let mut output = Vec::new();
        runtime().block_on(async {
            let (_replies_tx, replies_rx) = mpsc::unbounded_channel();
            let (mut server, from_server) = tokio::io::duplex(1 << 16);
            let writer = tokio::spawn(async move {
                server.write_all(&input).await.unwrap();
            });
            merge_output(
                from_server,
                replies_rx,
                &mut output,
                Default::default(),
                Default::default(),
            )
            .await;
            writer.await.unwrap();
        });
        assert_eq!(output.len(), framed.len() + after.len());
        assert!(output.starts_with(&framed[..100]) && output.ends_with(&after));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let repaired =
            |s: &str| replace_lone_surrogates(s.as_bytes()).map(|b| String::from_utf8(b).unwrap());
        assert_eq!(repaired(r#""a\ud800b""#).as_deref(), Some(r#""a\ufffdb""#));
        assert_eq!(
            repaired(r#""\udc00\ud83d""#).as_deref(),
            Some(r#""\ufffd\ufffd""#)
        );
        assert_eq!(
            repaired(r#""\ud83d\ude00 \\ud800""#),
            None,
            "a pair, and an escaped backslash"
        );
        assert_eq!(
            repaired(r#""\ud83d\u0041""#).as_deref(),
            Some(r#""\ufffd\u0041""#)
        );
    }

    #[test]
    fn content_length_is_found_after_bytes_that_are_not_headers() {
        assert_eq!(content_length_at(b"Content-Length: 5"), Some(0));
        assert_eq!(content_length_at(b"}content-length : 5"), Some(1));
        assert_eq!(content_length_at(b"x-content-lengthy: 5"), None);
    }
}
