//! Protocol faults against the real binary: after each, the server answers the next request
//! correctly or exits as the protocol says; it never hangs.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::*;
use resolution_bench::generator::reversed_footnotes;
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

/// A body sent as is, framed with its length in bytes.
fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[test]
fn ids_that_are_not_integers_or_strings_and_repeated_keys_are_refused_and_the_session_goes_on() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("ids.md");
    client.open(&uri, DRAFT);
    // tower-lsp reads an id as a 64-bit integer or a string; each of these used to end the session.
    for body in [
        r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":1.0,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":1e3,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","id":41,"id":42,"method":"x"}"#,
        r#"{"jsonrpc":"2.0","jsonrpc":"2.0","id":43,"method":"x"}"#,
    ] {
        client.send_raw(&frame(body));
        let response = client.wait_for(|m| m.get("error").is_some() && m.get("method").is_none());
        assert_eq!(response["error"]["code"], -32600, "{body}: {response}");
        let message = response["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("neither an integer nor a string") || message.contains("given twice"),
            "{body}: {message}"
        );
    }
    // A response from the client with such an id is dropped: a response is never answered.
    client.send_raw(&frame(r#"{"jsonrpc":"2.0","id":1.5,"result":null}"#));
    client.send_raw(&frame(r#"{"jsonrpc":"2.0","id":7,"id":8,"result":null}"#));
    client.send_raw(&frame(
        r#"{"jsonrpc":"2.0","id":9,"error":{"code":1.5,"message":"x"}}"#,
    ));
    still_answers(&mut client, &uri);
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_content_length_counted_in_characters_is_answered_and_reading_resynchronizes() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("miscounted.md");
    let text = DRAFT.replace("act", "agir à la fin");
    let body = serde_json::to_string(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})).unwrap();
    // A client that counts characters, not bytes: the length falls short of the body (by the
    // emoji's three extra bytes, and one for "à").
    let characters = body.chars().count();
    assert!(characters < body.len());
    client.send_raw(format!("Content-Length: {characters}\r\n\r\n{body}").as_bytes());
    let response = client.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(response["id"], Value::Null);
    // The next message is read from its header, though the bytes before it on the line are the
    // end of the miscounted one.
    for _ in 0..3 {
        client.open(&uri, &text);
        assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
    }
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_header_line_without_an_end_is_read_past_without_holding_it() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("endless-header.md");
    client.open(&uri, DRAFT);
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..256 {
        client.send_raw(&chunk);
    }
    // 256 MiB without a line break were never held at once.
    let resident_kib: u64 = std::fs::read_to_string(format!("/proc/{}/status", client.pid()))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap();
    assert!(
        resident_kib < 100 << 10,
        "{resident_kib} KiB resident after a 256 MiB header line"
    );
    client.send_raw(b"\r\n");
    still_answers(&mut client, &uri);
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_lone_surrogate_in_an_edit_is_read_as_a_replacement_character_of_the_same_length() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("lone-surrogate.md");
    client.open(&uri, DRAFT);
    let at = DRAFT.find(" to act").unwrap();
    let position = utf16_position(DRAFT, at);
    // serde_json refuses "\ud800" alone; the edit used to be dropped, leaving the server's copy
    // different from the editor's.
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":2}},"contentChanges":[{{"range":{{"start":{position},"end":{position}}},"text":" \ud800x"}}]}}}}"#
    );
    client.send_raw(&frame(&body));
    let mut text = DRAFT.to_owned();
    text.insert_str(at, " \u{fffd}x");
    // An edit after it, by UTF-16 position: the replacement is one unit, as the surrogate was.
    let after = text.find("x to act").unwrap() + 1;
    let position = utf16_position(&text, after);
    client.change(
        &uri,
        3,
        json!([{"range": {"start": position, "end": position}, "text": "y"}]),
    );
    text.insert(after, 'y');
    let fresh = uri.replace("lone-surrogate", "lone-surrogate-fresh");
    client.open(&fresh, &text);
    let hover_at = |text: &str| utf16_position(text, text.find("Recalling").unwrap());
    let edited = client.pull_diagnostics(&uri)["items"].clone();
    assert_eq!(edited, client.pull_diagnostics(&fresh)["items"]);
    let hover = |client: &mut Client, uri: &str| {
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": hover_at(&text)}),
        )
    };
    assert_eq!(hover(&mut client, &uri), hover(&mut client, &fresh));
    // Both copies hold the same text: their outlines (which quote it) are the same.
    let document_symbols = |client: &mut Client, uri: &str| {
        client.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
    };
    assert_eq!(
        document_symbols(&mut client, &uri),
        document_symbols(&mut client, &fresh)
    );
}

#[test]
fn shutdown_followed_at_once_by_exit_is_answered_and_exits_with_status_0() {
    for _ in 0..10 {
        let mut client = Client::start(Options::pulling());
        let uri = uri("shutdown-exit.md");
        client.open(&uri, DRAFT);
        let mut both = frame(r#"{"jsonrpc":"2.0","id":"bye","method":"shutdown"}"#);
        both.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        client.send_raw(&both);
        let response = client.wait_for(|m| m["id"] == "bye");
        assert_eq!(response.get("result"), Some(&Value::Null), "{response}");
        client.close_stdin();
        assert_eq!(client.wait_exit(), Some(0));
    }
}

#[test]
fn configuration_is_never_read_from_above_the_workspace_root() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace");
    std::fs::create_dir_all(workspace.join("drafts")).unwrap();
    // Above the root: it would turn the error off.
    std::fs::write(
        dir.path().join("resolution-ls.toml"),
        "[rules]\nfootnote-undefined = \"off\"\n",
    )
    .unwrap();
    let mut client = Client::start(Options {
        root_uri: Some(format!("file://{}", workspace.display())),
        ..Options::pulling()
    });
    let draft = DRAFT.replace("60/288,<sup>1</sup>", "60/288,<sup>2</sup>");
    let root = workspace.display().to_string();
    let parent = dir.path().display().to_string();
    for uri in [
        format!("file://{root}/drafts/../../draft.md"),
        format!("file://{root}/drafts/%2E%2E/%2e%2e/draft.md"),
        format!("file://{parent}/draft.md"),
        format!("file://{root}/drafts/ok.md"),
    ] {
        client.open(&uri, &draft);
        let items = client.pull_diagnostics(&uri)["items"].clone();
        let codes: Vec<&str> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&"footnote-undefined"), "{uri}: {codes:?}");
    }
}

#[test]
fn code_actions_over_a_whole_draft_list_a_draft_wide_fix_once_without_resolve() {
    let n = 800;
    let text = reversed_footnotes(n);
    // A client that cannot resolve code actions: every edit comes in the reply.
    let mut client = Client::start(Options::pulling());
    let uri = uri("reversed.md");
    client.open(&uri, &text);
    assert_eq!(
        client.pull_diagnostics(&uri)["items"]
            .as_array()
            .unwrap()
            .len(),
        n - 1
    );
    let lines = text.matches('\n').count();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": lines, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    // The renumbering used to come once per diagnostic: 35 MB for 400 footnotes, and for 800 a
    // reply over the output's old limit, after which the server never spoke again.
    let size = actions.to_string().len();
    assert!(size < 2_000_000, "{size} bytes");
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "one action for the one fix");
    assert_eq!(actions[0]["title"], "Renumber footnotes in reading order");
    assert_eq!(actions[0]["diagnostics"].as_array().unwrap().len(), n - 1);
    let edits = actions[0]["edit"]["changes"][&uri]
        .as_array()
        .or_else(|| actions[0]["edit"]["documentChanges"][0]["edits"].as_array())
        .unwrap();
    let renumbered = apply_text_edits(&text, edits);
    assert!(renumbered
        .starts_with("*The General Assembly*,\n\n*Recalling* its resolution 1/1,<sup>1</sup>"));
    still_answers(&mut client, &uri);
}
