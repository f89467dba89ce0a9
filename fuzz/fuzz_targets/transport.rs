//! The real server loop (the transport guard and tower-lsp-server, the backend behind them) fed
//! any bytes as a client's input: it never panics or hangs, and everything it writes is a
//! well-framed JSON-RPC 2.0 message.

#![no_main]

use libfuzzer_sys::fuzz_target;
use resolution_fuzz::{frames, serve};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    for message in frames(&serve(data.to_vec())) {
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        assert!(
            message.get("method").is_some_and(Value::is_string)
                || message.get("result").is_some()
                || message.get("error").is_some(),
            "{message}"
        );
    }
});
