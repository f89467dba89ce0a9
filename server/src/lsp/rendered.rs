//! Large answers rendered to JSON by the server itself, straight from the diagnostics it keeps.
//!
//! tower-lsp-server turns every result and notification into a `serde_json::Value` (a map
//! insert and an allocation per field), then serializes that tree and drops it: for a report of
//! hundreds of diagnostics, that cost more than finding them. Yet a request's handler must stay
//! inside tower-lsp, which orders it after the `didChange`s before it and answers
//! `$/cancelRequest`. So the handler renders the report's bytes itself and gives tower-lsp a
//! small stand-in, a value holding a token no other output can hold; the transport's
//! [`merge_output`](super::transport::merge_output), through which every frame passes, puts the
//! bytes in the stand-in's place. The frame keeps its place among the others and its id; only
//! its body grows.

use std::collections::hash_map::RandomState;
use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use serde::Serialize;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position,
    Range, Uri,
};
use tracing::warn;

/// Stand-ins whose bytes have not been written yet, at most. One is written a moment after it is
/// held (its response is on its way), so more than a few wait only if tower-lsp dropped some
/// (the session ending); beyond this number the oldest bytes are let go.
const MAX_WAITING: usize = 64;

/// Where a stand-in stands in a frame's body, and the bytes that go in its place.
pub struct Substitute {
    stand_in: std::ops::Range<usize>,
    bytes: Vec<u8>,
}

impl Substitute {
    /// The body of the frame to write: `body`, with the bytes in the stand-in's place.
    pub fn parts<'a>(&'a self, body: &'a [u8]) -> [&'a [u8]; 3] {
        [
            &body[..self.stand_in.start],
            &self.bytes,
            &body[self.stand_in.end..],
        ]
    }
}

/// Rendered bytes waiting for their stand-in to be written, shared by the handlers and the
/// transport.
pub struct Rendered {
    /// Starts every token: random per session, so that no text of the client's (a word of a
    /// draft in a hover, say) can spell a stand-in; it never leaves the server.
    prefix: String,
    next: AtomicU64,
    waiting: Mutex<VecDeque<Waiting>>,
}

struct Waiting {
    /// The stand-in's JSON, exactly as tower-lsp writes it inside its frame.
    stand_in: Vec<u8>,
    bytes: Vec<u8>,
}

impl Default for Rendered {
    fn default() -> Self {
        // RandomState keys come from the operating system's randomness.
        let random = |n: u64| RandomState::new().hash_one(n);
        Rendered {
            prefix: format!(
                "resolution-ls/rendered/{:016x}{:016x}/",
                random(0),
                random(1)
            ),
            next: AtomicU64::new(0),
            waiting: Mutex::new(VecDeque::new()),
        }
    }
}

impl Rendered {
    /// A token for one stand-in, unique in the session.
    pub fn token(&self) -> String {
        format!(
            "{}{}",
            self.prefix,
            self.next.fetch_add(1, Ordering::Relaxed)
        )
    }

    /// Keeps `bytes` (JSON) to be written in the place of `stand_in`, a value that holds a token
    /// from [`Rendered::token`], when tower-lsp writes it. Call it just before handing the
    /// stand-in to tower-lsp.
    pub fn hold(&self, stand_in: &impl Serialize, bytes: Vec<u8>) {
        // Serialized the way tower-lsp does: through a `Value`, then compact.
        let stand_in = match serde_json::to_value(stand_in).and_then(|v| serde_json::to_vec(&v)) {
            Ok(stand_in) => stand_in,
            Err(e) => {
                warn!("a stand-in for a rendered answer cannot be serialized: {e}");
                return;
            }
        };
        let mut waiting = self.lock();
        if waiting.len() == MAX_WAITING {
            waiting.pop_front();
            warn!("rendered answers whose stand-ins were never written: the oldest let go");
        }
        waiting.push_back(Waiting { stand_in, bytes });
    }

    /// The bytes kept for a stand-in that `body` (a frame tower-lsp wrote) holds, taken out, and
    /// where the stand-in stands; `None` when it holds none.
    pub fn take(&self, body: &[u8]) -> Option<Substitute> {
        let mut waiting = self.lock();
        if waiting.is_empty() || memchr::memmem::find(body, self.prefix.as_bytes()).is_none() {
            return None;
        }
        let found = waiting.iter().enumerate().find_map(|(i, w)| {
            memchr::memmem::find(body, &w.stand_in).map(|at| (i, at..at + w.stand_in.len()))
        });
        let Some((i, stand_in)) = found else {
            warn!("a frame holds a stand-in for a rendered answer that is not kept");
            return None;
        };
        let bytes = waiting.remove(i)?.bytes;
        Some(Substitute { stand_in, bytes })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Waiting>> {
        // Nothing is left half-done under this lock.
        self.waiting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A diagnostic's JSON but for its positions: kept beside the diagnostic from one answer to the
/// next, so that a diagnostic an edit only moved is written again without escaping its strings
/// (its message, the rules' documentation link, its `data`) again.
pub struct Fragment {
    /// The object up to its `range`: `{"severity":…,"message":…,…,"range":`.
    head: Box<[u8]>,
    /// Each related information up to its range: `{"message":…,"location":{"uri":…,"range":`.
    related: Box<[Box<[u8]>]>,
}

impl Fragment {
    pub fn new(diagnostic: &Diagnostic) -> Fragment {
        // Every field named, so that a field added to `Diagnostic` does not go unwritten.
        let Diagnostic {
            range: _,
            severity,
            code,
            code_description,
            source,
            message,
            related_information,
            tags,
            data,
        } = diagnostic;
        // The fields as `ls_types::Diagnostic` serializes them, but for the positions.
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Head<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            severity: Option<DiagnosticSeverity>,
            #[serde(skip_serializing_if = "Option::is_none")]
            code: Option<&'a NumberOrString>,
            #[serde(skip_serializing_if = "Option::is_none")]
            code_description: Option<&'a CodeDescription>,
            #[serde(skip_serializing_if = "Option::is_none")]
            source: Option<&'a String>,
            message: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            tags: Option<&'a Vec<DiagnosticTag>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            data: Option<&'a serde_json::Value>,
        }
        let mut head = to_json(&Head {
            severity: *severity,
            code: code.as_ref(),
            code_description: code_description.as_ref(),
            source: source.as_ref(),
            message,
            tags: tags.as_ref(),
            data: data.as_ref(),
        });
        // `{…}` always holds the message: it becomes `{…,"range":`.
        head.pop();
        head.extend_from_slice(b",\"range\":");
        let related = related_information
            .iter()
            .flatten()
            .map(|r| {
                let mut out = b"{\"message\":".to_vec();
                write_json(&mut out, &r.message);
                out.extend_from_slice(b",\"location\":{\"uri\":");
                write_json(&mut out, &r.location.uri);
                out.extend_from_slice(b",\"range\":");
                out.into_boxed_slice()
            })
            .collect();
        Fragment {
            head: head.into_boxed_slice(),
            related,
        }
    }

    /// A stand-in left where a reused fragment was taken from; never written.
    pub fn placeholder() -> Fragment {
        Fragment {
            head: Box::default(),
            related: Box::default(),
        }
    }

    /// Writes `diagnostic`, which this fragment was made from, or that diagnostic moved.
    fn write(&self, diagnostic: &Diagnostic, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.head);
        write_range(out, &diagnostic.range);
        if let Some(related) = diagnostic.related_information.as_ref() {
            out.extend_from_slice(b",\"relatedInformation\":[");
            for (i, (head, r)) in self.related.iter().zip(related).enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(head);
                write_range(out, &r.location.range);
                out.extend_from_slice(b"}}");
            }
            out.push(b']');
        }
        out.push(b'}');
    }
}

fn write_range(out: &mut Vec<u8>, range: &Range) {
    out.extend_from_slice(b"{\"start\":");
    write_position(out, &range.start);
    out.extend_from_slice(b",\"end\":");
    write_position(out, &range.end);
    out.push(b'}');
}

fn write_position(out: &mut Vec<u8>, position: &Position) {
    out.extend_from_slice(b"{\"line\":");
    write_u32(out, position.line);
    out.extend_from_slice(b",\"character\":");
    write_u32(out, position.character);
    out.push(b'}');
}

fn write_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn write_diagnostics(out: &mut Vec<u8>, diagnostics: &[Diagnostic], fragments: &[Fragment]) {
    out.push(b'[');
    for (i, (diagnostic, fragment)) in diagnostics.iter().zip(fragments).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        fragment.write(diagnostic, out);
    }
    out.push(b']');
}

/// A full `textDocument/diagnostic` report: what serde_json makes of
/// `DocumentDiagnosticReport::Full` without related documents. `fragments` are those of
/// `items`, one each.
pub fn full_report(result_id: &str, items: &[Diagnostic], fragments: &[Fragment]) -> Vec<u8> {
    let mut out = with_room(items.len());
    out.extend_from_slice(b"{\"kind\":\"full\",\"resultId\":");
    write_json(&mut out, result_id);
    out.extend_from_slice(b",\"items\":");
    write_diagnostics(&mut out, items, fragments);
    out.push(b'}');
    out
}

/// `textDocument/publishDiagnostics`'s parameters: what serde_json makes of
/// `PublishDiagnosticsParams`. `fragments` are those of `diagnostics`, one each.
pub fn publish_params(
    uri: &Uri,
    diagnostics: &[Diagnostic],
    fragments: &[Fragment],
    version: Option<i32>,
) -> Vec<u8> {
    let mut out = with_room(diagnostics.len());
    out.extend_from_slice(b"{\"uri\":");
    write_json(&mut out, uri);
    out.extend_from_slice(b",\"diagnostics\":");
    write_diagnostics(&mut out, diagnostics, fragments);
    if let Some(version) = version {
        out.extend_from_slice(b",\"version\":");
        write_json(&mut out, &version);
    }
    out.push(b'}');
    out
}

/// About 400 bytes a diagnostic: reserved, a large report is not regrown.
fn with_room(diagnostics: usize) -> Vec<u8> {
    Vec::with_capacity(64 + diagnostics * 400)
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_json(&mut out, value);
    out
}

fn write_json(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) {
    // Serializing these types to memory cannot fail: every map key is a string.
    if let Err(e) = serde_json::to_writer(out, value) {
        warn!("rendering diagnostics failed: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stand_in_is_replaced_in_its_frame_and_only_once() {
        let rendered = Rendered::default();
        let token = rendered.token();
        let stand_in = serde_json::json!({"kind": "unchanged", "resultId": token});
        rendered.hold(&stand_in, br#"{"kind":"full","items":[]}"#.to_vec());
        let frame = format!(r#"{{"jsonrpc":"2.0","result":{stand_in},"id":7}}"#).into_bytes();
        let substitute = rendered.take(&frame).expect("the stand-in is kept");
        assert_eq!(
            substitute.parts(&frame).concat(),
            br#"{"jsonrpc":"2.0","result":{"kind":"full","items":[]},"id":7}"#
        );
        assert!(rendered.take(&frame).is_none());
    }

    #[test]
    fn tokens_differ_between_sessions() {
        assert_ne!(Rendered::default().token(), Rendered::default().token());
    }

    #[test]
    fn fragments_write_what_serde_json_makes_of_the_diagnostics_moved_or_not() {
        use tower_lsp_server::ls_types::{DiagnosticRelatedInformation, Location};
        let uri: Uri = "file:///d%C3%A9j%C3%A0/draft.res.md"
            .parse()
            .expect("a URI");
        let range = |line, from, to| Range::new(Position::new(line, from), Position::new(line, to));
        let related = |line, message: &str| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(line, 3, u32::MAX)),
            message: message.to_owned(),
        };
        let bare = Diagnostic::new_simple(range(0, 0, 0), "bare".into());
        let every_field = Diagnostic {
            range: range(10, 0, 12),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::Number(7)),
            code_description: Some(CodeDescription {
                href: "https://example.org/rules.md#opener-not-italic"
                    .parse()
                    .expect("a URI"),
            }),
            source: Some("resolution-ls".into()),
            message: "a \"quoted\" line\nwith\ttabs, \u{1}, \\ and “marks” 𝄞".into(),
            related_information: Some(vec![related(2, "first"), related(9, "second")]),
            tags: Some(vec![DiagnosticTag::UNNECESSARY]),
            data: Some(serde_json::json!({"rule": "r", "fix": "Fix “it”", "n": [1, 2.5]})),
        };
        let no_related = Diagnostic {
            related_information: Some(Vec::new()),
            ..bare.clone()
        };
        let items = vec![every_field, bare, no_related];
        let fragments: Vec<Fragment> = items.iter().map(Fragment::new).collect();
        let mut moved = items.clone();
        for d in &mut moved {
            d.range.start.line += 5;
            d.range.end.line += 5;
            for r in d.related_information.iter_mut().flatten() {
                r.location.range.start.line += 5;
                r.location.range.end.line += 5;
            }
        }
        for items in [&items, &moved] {
            for n in [0, 1, items.len()] {
                let report = full_report("0123abcd", &items[..n], &fragments[..n]);
                let expected = serde_json::json!({"kind": "full", "resultId": "0123abcd",
                    "items": serde_json::to_value(&items[..n]).expect("JSON")});
                assert_eq!(
                    serde_json::from_slice::<serde_json::Value>(&report).expect("JSON"),
                    expected
                );
                for version in [None, Some(3)] {
                    let params = publish_params(&uri, &items[..n], &fragments[..n], version);
                    let expected =
                        PublishDiagnosticsParams::new(uri.clone(), items[..n].to_vec(), version);
                    assert_eq!(
                        serde_json::from_slice::<serde_json::Value>(&params).expect("JSON"),
                        serde_json::to_value(expected).expect("JSON")
                    );
                }
            }
        }
    }

    use std::sync::{Arc, Mutex};

    use resolution_engine::{Document, Encoding};
    use serde_json::{json, Value};
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
    use tower_lsp_server::ls_types::{
        DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
        PublishDiagnosticsParams, RelatedFullDocumentDiagnosticReport,
    };

    use crate::lsp::diagnostics;
    use crate::lsp::settings::Settings;
    use crate::lsp::state::{config_for, ClientAbilities, Snapshot};

    const URI: &str = "file:///resolution-ls-rendered-test/draft.res.md";

    /// The example draft, with characters whose UTF-8 and UTF-16 lengths differ before the
    /// findings on their lines, so that the columns tell the encodings apart, and a footnote
    /// defined twice (a diagnostic with related information).
    fn draft() -> String {
        let draft = include_str!("../../../examples/draft.res.md")
            .replace("organized criminal groups", "organized “criminal” groups 𝄞")
            .replace("Drugs and Crime", "Drugs and Crime (ONUDC, Genève)");
        format!("{draft}\n<sup>4</sup> Genève, vol. 1019, No. 14956.\n")
    }

    /// The diagnostics of `text`, as the ls_types values the server sent before it rendered
    /// them itself: the same check and conversion, from a fresh cache.
    fn expected(text: &str, encoding: Encoding) -> (String, Vec<Diagnostic>) {
        let uri: Uri = URI.parse().expect("a URI");
        let path = uri.to_file_path().map(|p| p.into_owned());
        let snapshot = Snapshot {
            doc: Arc::new(Document::new(text)),
            config: Arc::new(config_for(&Settings::default(), None, path.as_deref()).0),
            path: path.map(|p| p.to_string_lossy().into_owned()),
            uri,
            version: 1,
            encoding,
            client: ClientAbilities::default(),
            checks: Arc::new(Mutex::new(Default::default())),
        };
        diagnostics::with_current(&snapshot, |current| {
            (
                format!("{:016x}", current.identity),
                current.diagnostics.to_vec(),
            )
        })
    }

    struct Session {
        to_server: DuplexStream,
        from_server: BufReader<DuplexStream>,
        server: tokio::task::JoinHandle<bool>,
    }

    impl Session {
        async fn start(capabilities: Value) -> Session {
            let (to_server, server_in) = tokio::io::duplex(1 << 16);
            let (server_out, from_server) = tokio::io::duplex(1 << 16);
            let server = tokio::spawn(crate::lsp::serve(server_in, server_out, false));
            let mut session = Session {
                to_server,
                from_server: BufReader::new(from_server),
                server,
            };
            session
                .send(
                    json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                    "processId": null, "rootUri": null, "capabilities": capabilities,
                    "initializationOptions": {"debounceMs": 0}}}),
                )
                .await;
            session.message(|m| m["id"] == 1).await;
            session
                .send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
                .await;
            session
        }

        async fn send(&mut self, message: Value) {
            let body = serde_json::to_vec(&message).expect("JSON");
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            self.to_server
                .write_all(header.as_bytes())
                .await
                .expect("sent");
            self.to_server.write_all(&body).await.expect("sent");
        }

        /// The next frame's body, its framing checked byte by byte.
        async fn frame(&mut self) -> Vec<u8> {
            let mut header = String::new();
            self.from_server
                .read_line(&mut header)
                .await
                .expect("a header");
            let length: usize = header
                .strip_prefix("Content-Length: ")
                .and_then(|h| h.strip_suffix("\r\n"))
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("not a Content-Length header: {header:?}"));
            let mut blank = String::new();
            self.from_server
                .read_line(&mut blank)
                .await
                .expect("a blank line");
            assert_eq!(blank, "\r\n");
            let mut body = vec![0; length];
            self.from_server
                .read_exact(&mut body)
                .await
                .expect("a body");
            body
        }

        /// The next message that is `wanted`, whole JSON of exactly its Content-Length.
        async fn message(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
            loop {
                let body = self.frame().await;
                let message: Value = serde_json::from_slice(&body).unwrap_or_else(|e| {
                    panic!("not JSON ({e}): {}", String::from_utf8_lossy(&body))
                });
                assert_eq!(message["jsonrpc"], "2.0");
                if wanted(&message) {
                    return message;
                }
            }
        }

        async fn open(&mut self, text: &str) {
            let document =
                json!({"uri": URI, "languageId": "markdown", "version": 1, "text": text});
            self.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": document}}))
                .await;
        }

        /// Adds a line at the top: every diagnostic moves down a line, none is converted again.
        async fn add_first_line(&mut self) {
            self.send(
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": URI, "version": 2},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                    "end": {"line": 0, "character": 0}}, "text": "\n"}]}}),
            )
            .await;
        }

        async fn pull(&mut self, id: i64, previous: &Value) -> Value {
            self.send(
                json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
                "params": {"textDocument": {"uri": URI}, "previousResultId": previous}}),
            )
            .await;
            let answer = self
                .message(|m| m.get("method").is_none() && m["id"] == id)
                .await;
            assert_eq!(keys(&answer), ["id", "jsonrpc", "result"]);
            answer["result"].clone()
        }

        async fn stop(mut self) {
            self.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}))
                .await;
            self.message(|m| m["id"] == 99).await;
            self.send(json!({"jsonrpc": "2.0", "method": "exit"})).await;
            assert!(self.server.await.expect("the server ran"));
        }
    }

    fn keys(message: &Value) -> Vec<&str> {
        let mut keys: Vec<&str> = message
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        keys
    }

    fn full(result_id: String, items: Vec<Diagnostic>) -> Value {
        let report = DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            },
        ));
        serde_json::to_value(report).expect("JSON")
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime")
    }

    #[test]
    fn a_pulled_report_is_what_serde_json_makes_of_the_ls_types_report() {
        let text = draft();
        let moved = format!("\n{text}");
        runtime().block_on(async {
            let mut session = Session::start(json!({
                "general": {"positionEncodings": ["utf-8"]},
                "textDocument": {"diagnostic": {}}}))
            .await;
            session.open(&text).await;
            let (result_id, items) = expected(&text, Encoding::Utf8);
            assert!(items.len() >= 5, "the draft has findings: {items:?}");
            assert!(items.iter().any(|d| d.related_information.is_some()));
            assert_ne!(
                items,
                expected(&text, Encoding::Utf16).1,
                "the columns differ between the encodings"
            );
            let report = session.pull(2, &Value::Null).await;
            assert_eq!(report, full(result_id.clone(), items));

            let report = session.pull(3, &json!(result_id)).await;
            assert_eq!(report, json!({"kind": "unchanged", "resultId": result_id}));

            session.add_first_line().await;
            let (moved_id, moved_items) = expected(&moved, Encoding::Utf8);
            let report = session.pull(4, &json!(result_id)).await;
            assert_eq!(report, full(moved_id, moved_items));
            session.stop().await;
        });
    }

    #[test]
    fn a_cancelled_pull_is_answered_and_the_next_one_is_whole() {
        let text = draft();
        runtime().block_on(async {
            let mut session = Session::start(json!({"textDocument": {"diagnostic": {}}})).await;
            session.open(&text).await;
            session
                .send(
                    json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/diagnostic",
                    "params": {"textDocument": {"uri": URI}}}),
                )
                .await;
            session
                .send(json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 5}}))
                .await;
            let answer = session.message(|m| m["id"] == 5).await;
            // Done before the cancel came, or cancelled (-32800).
            let (result_id, items) = expected(&text, Encoding::Utf16);
            let full = full(result_id, items);
            assert!(
                answer["result"] == full || answer["error"]["code"] == -32800,
                "{answer}"
            );
            assert_eq!(session.pull(6, &Value::Null).await, full);
            session.stop().await;
        });
    }

    #[test]
    fn a_push_is_what_serde_json_makes_of_the_ls_types_notification() {
        let text = draft();
        let moved = format!("\n{text}");
        runtime().block_on(async {
            let mut session = Session::start(json!({
                "general": {"positionEncodings": ["utf-8", "utf-16"]},
                "textDocument": {"publishDiagnostics": {"versionSupport": true}}}))
            .await;
            let uri: Uri = URI.parse().expect("a URI");
            for (version, text) in [(1, &text), (2, &moved)] {
                if version == 1 {
                    session.open(text).await;
                } else {
                    session.add_first_line().await;
                }
                let push = session
                    .message(|m| m["method"] == "textDocument/publishDiagnostics")
                    .await;
                assert_eq!(keys(&push), ["jsonrpc", "method", "params"]);
                let params = PublishDiagnosticsParams::new(
                    uri.clone(),
                    expected(text, Encoding::Utf8).1,
                    Some(version),
                );
                assert_eq!(push["params"], serde_json::to_value(params).expect("JSON"));
            }
            session.stop().await;
        });
    }
}
