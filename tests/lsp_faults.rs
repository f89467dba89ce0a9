//! Protocol faults against the real binary: after each, the server answers the next request
//! correctly or exits as the protocol says; it never hangs.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::*;
use serde_json::{json, Value};

const DRAFT: &str = "*The General Assembly*,\n\n*Recalling* 😀 its resolution 60/288,<sup>1</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> A/73/334.\n";

fn still_answers(client: &mut Client, uri: &str) {
    let items = client.pull_diagnostics(uri)["items"].clone();
    assert!(items.is_array(), "{items}");
}

#[test]
fn an_edit_splitting_a_surrogate_pair_lands_on_the_character() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("surrogate.md");
    client.open(&uri, DRAFT);
    // UTF-16 column 13 of line 2 is the second half of '😀' (columns 12 and 13).
    let inside = json!({"line": 2, "character": 13});
    client.change(
        &uri,
        2,
        json!([{"range": {"start": inside, "end": inside}, "text": "x"}]),
    );
    // The edit lands on a character boundary (the emoji's start): the text stays valid UTF-8 and
    // the draft still checks clean.
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 14}}),
    );
    assert!(hover.is_null() || hover.is_object());
}

#[test]
fn a_cancelled_request_is_answered_and_the_server_goes_on() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("cancel.md");
    client.open(&uri, DRAFT);
    client.send(&json!({"jsonrpc": "2.0", "id": 77, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": uri}}}));
    client.notify("$/cancelRequest", json!({"id": 77}));
    let response = client.wait_for(|m| m["id"] == 77);
    // Either it was done before the cancel arrived, or it was cancelled (-32800).
    assert!(
        response.get("result").is_some() || response["error"]["code"] == -32800,
        "{response}"
    );
    still_answers(&mut client, &uri);
}

#[test]
fn valid_json_of_the_wrong_shape_is_answered() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("shape.md");
    client.open(&uri, DRAFT);
    for body in [
        json!([1, 2, 3]),
        json!("text"),
        json!({"jsonrpc": "1.0", "id": 5, "method": "x"}),
        json!({"jsonrpc": "2.0", "id": 6, "method": 7}),
    ] {
        client.send(&body);
        let response = client.wait_for(|m| m.get("error").is_some() && m.get("method").is_none());
        assert_eq!(response["error"]["code"], -32600, "{body}: {response}");
    }
    // Params of the wrong shape for a known request: invalid params.
    let response = client.request_raw("textDocument/diagnostic", json!({"textDocument": 5}));
    assert_eq!(response["error"]["code"], -32602, "{response}");
    still_answers(&mut client, &uri);
}

#[test]
fn a_header_without_content_length_is_answered_and_reading_goes_on() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("headers.md");
    client.open(&uri, DRAFT);
    client.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n");
    let response = client.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(response["id"], Value::Null);
    client.send_raw(b"Content-Length: nine\r\n\r\n");
    client.wait_for(|m| m["error"]["code"] == -32700);
    still_answers(&mut client, &uri);
}

#[test]
fn input_ending_inside_a_message_ends_the_server_without_a_hang() {
    let mut client = Client::start(Options::default());
    client.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\": \"2.0\"");
    client.close_stdin();
    assert_eq!(
        client.wait_exit(),
        Some(1),
        "no shutdown came: exit status 1"
    );
}

#[test]
fn a_thousand_edits_while_requests_are_in_flight() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("in-flight.md");
    let mut text = DRAFT.to_owned();
    client.open(&uri, &text);
    let end = text.find(" to act.").unwrap();
    for version in 0..1000 {
        let at = utf16_position(&text, end);
        client.change(
            &uri,
            version + 2,
            json!([{"range": {"start": at, "end": at}, "text": "a"}]),
        );
        text.insert(end, 'a');
        if version % 50 == 0 {
            // A request sent between edits, not waited for here.
            client.send(&json!({"jsonrpc": "2.0", "id": 10_000 + version, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": at}}));
        }
    }
    let incremental = client.pull_diagnostics(&uri)["items"].clone();
    let fresh = uri.replace("in-flight", "in-flight-fresh");
    client.open(&fresh, &text);
    assert_eq!(incremental, client.pull_diagnostics(&fresh)["items"]);
    for version in (0..1000).step_by(50) {
        let response = client.wait_for(|m| m["id"] == 10_000 + version);
        assert!(response.get("error").is_none(), "{response}");
    }
}

#[test]
fn an_oversized_message_is_skipped_without_holding_it() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("oversized.md");
    client.open(&uri, DRAFT);
    // 65 MiB, over the 64 MiB limit: read past, answered with an error, the next message read
    // from the right place.
    let size = 65 << 20;
    client.send_raw(format!("Content-Length: {size}\r\n\r\n").as_bytes());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..65 {
        client.send_raw(&chunk);
    }
    let response = client.wait_for(|m| m["error"]["code"] == -32700);
    assert!(
        response["error"]["message"]
            .as_str()
            .unwrap()
            .contains("over the limit"),
        "{response}"
    );
    still_answers(&mut client, &uri);
}
