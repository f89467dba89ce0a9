//! What the fuzz targets share: running the real server loop over bytes, and splitting what it
//! writes into messages.

use serde_json::Value;
use tokio::io::AsyncReadExt;

/// Runs one session of the real server (the transport guard, tower-lsp-server and the backend)
/// with `input` as the client's bytes; returns everything it wrote.
pub fn serve(input: Vec<u8>) -> Vec<u8> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let (server_output, mut client_reads) = tokio::io::duplex(1 << 16);
        let collect = tokio::spawn(async move {
            let mut out = Vec::new();
            let _ = client_reads.read_to_end(&mut out).await;
            out
        });
        resolution_ls::lsp::serve(std::io::Cursor::new(input), server_output, false).await;
        collect.await.expect("the output is collected")
    })
}

/// A message framed as a client frames it.
pub fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Splits `Content-Length: N\r\n\r\n<N bytes>` frames, as the server writes them; fails the run on
/// anything else.
pub fn frames(mut bytes: &[u8]) -> Vec<Value> {
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
