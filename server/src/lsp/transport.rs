//! A guard between the client and tower-lsp-server's framing. tower-lsp's reader stops reading
//! for good after one message it cannot decode (bad JSON, or JSON that is not a JSON-RPC message),
//! which would end the session over one bad byte. Here every frame is read and checked first:
//! good ones pass through unchanged, bad ones are answered with the JSON-RPC error they deserve
//! (`-32700` parse error, `-32600` invalid request) and logged, and reading goes on.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tracing::{error, warn};

/// The largest message read into memory; a bigger one is skipped and answered with an error.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// A frame read from the client, or why there is none.
enum Frame {
    Message(Vec<u8>),
    Bad { reason: String, response: Value },
}

/// Reads frames from `input`, writes the good ones (re-framed) to `to_server`, and sends error
/// responses for bad ones to `replies`. Ends at end of input.
pub async fn guard_input(
    input: impl AsyncRead + Unpin,
    mut to_server: impl AsyncWrite + Unpin,
    replies: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut reader = BufReader::new(input);
    loop {
        let frame = match read_frame(&mut reader).await {
            Ok(Some(frame)) => frame,
            Ok(None) => break,
            Err(e) => {
                // Also what a read cut short by the runtime shutting down after `exit` says.
                warn!("reading from the client stopped: {e}");
                break;
            }
        };
        match frame {
            Frame::Message(body) => {
                if to_server.write_all(&frame_bytes(&body)).await.is_err() {
                    break;
                }
            }
            Frame::Bad { reason, response } => {
                error!("bad message from the client: {reason}; answered with an error, reading goes on");
                let _ = replies.send(frame_bytes(
                    &serde_json::to_vec(&response).unwrap_or_default(),
                ));
            }
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copies whole frames from the server and from `replies` to `output`, never interleaving two.
pub async fn merge_output(
    from_server: impl AsyncRead + Unpin + Send + 'static,
    mut replies: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: impl AsyncWrite + Unpin,
) {
    let (frames_tx, mut frames_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let reader = tokio::spawn(async move {
        let mut reader = BufReader::new(from_server);
        while let Ok(Some(Frame::Message(body))) = read_frame(&mut reader).await {
            if frames_tx.send(frame_bytes(&body)).is_err() {
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
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads one frame: headers up to a blank line, then `Content-Length` bytes.
async fn read_frame(reader: &mut (impl AsyncBufReadExt + Unpin)) -> std::io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            if saw_header {
                warn!("the input ended in the middle of a message's headers");
            }
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between messages
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
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
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(reason)) => return Ok(Some(bad(reason, -32700, Value::Null))),
        None => {
            return Ok(Some(bad(
                "a message without Content-Length".to_owned(),
                -32700,
                Value::Null,
            )))
        }
    };
    if length > MAX_MESSAGE_BYTES {
        // Skip it without holding it, so the next message is read from the right place.
        let skipped =
            tokio::io::copy(&mut reader.take(length as u64), &mut tokio::io::sink()).await?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(bad(
            format!("a message of {length} bytes, over the limit of {MAX_MESSAGE_BYTES}"),
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
fn without_empty_params(mut value: Value, body: Vec<u8>) -> Vec<u8> {
    let method = value.get("method").and_then(Value::as_str);
    let empty = value.get("params").is_some_and(|p| {
        p.as_object().is_some_and(|o| o.is_empty()) || p.as_array().is_some_and(|a| a.is_empty())
    });
    if matches!(method, Some("shutdown" | "exit")) && empty {
        if let Some(object) = value.as_object_mut() {
            object.remove("params");
        }
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
        response: json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": format!("{message}: {reason}")}}),
        reason,
    }
}

/// A frame body is passed on only if tower-lsp can take it: a JSON-RPC request, notification or
/// response.
fn check_message(body: Vec<u8>) -> Frame {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => return bad(format!("not JSON ({e})"), -32700, Value::Null),
    };
    let id = value
        .get("id")
        .cloned()
        .filter(|id| id.is_number() || id.is_string());
    let well_formed = value.is_object()
        && value.get("jsonrpc") == Some(&json!("2.0"))
        && match value.get("method") {
            Some(method) => {
                method.is_string()
                    && value
                        .get("id")
                        .is_none_or(|id| id.is_number() || id.is_string())
            }
            None => id.is_some() && (value.get("result").is_some() || value.get("error").is_some()),
        }
        && value
            .get("params")
            .is_none_or(|p| p.is_object() || p.is_array() || p.is_null());
    if well_formed {
        Frame::Message(without_empty_params(value, body))
    } else {
        bad(
            "not a JSON-RPC 2.0 message".to_owned(),
            -32600,
            id.unwrap_or(Value::Null),
        )
    }
}
