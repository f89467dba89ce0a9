//! The transport guard, fed any bytes as a client's input: it never panics or hangs, passes on
//! only well-framed JSON-RPC 2.0 messages, and answers each bad frame with a well-framed error.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use resolution_ls::transport::guard_input;
use serde_json::Value;
use tokio::runtime::Runtime;

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
    })
}

/// Splits `Content-Length: N\r\n\r\n<N bytes>` frames, as the guard writes them; fails the run on
/// anything else.
fn frames(mut bytes: &[u8]) -> Vec<Value> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let header_end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header ends with a blank line");
        let header = std::str::from_utf8(&bytes[..header_end]).expect("an ASCII header");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a Content-Length header, not {header:?}"));
        let body = &bytes[header_end + 4..header_end + 4 + length];
        out.push(serde_json::from_slice(body).expect("a JSON body"));
        bytes = &bytes[header_end + 4 + length..];
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let (replies_tx, mut replies_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut to_server = Vec::new();
    runtime().block_on(guard_input(data, &mut to_server, replies_tx));
    for message in frames(&to_server) {
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        assert!(
            message.get("method").is_some_and(Value::is_string)
                || message.get("result").is_some()
                || message.get("error").is_some(),
            "{message}"
        );
    }
    while let Ok(reply) = replies_rx.try_recv() {
        for message in frames(&reply) {
            let code = message["error"]["code"].as_i64();
            assert!(matches!(code, Some(-32700 | -32600)), "{message}");
        }
    }
});
