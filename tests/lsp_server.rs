//! The language server end to end: the real binary, spoken to over its stdio.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::time::Duration;

use lsp_client::*;
use serde_json::{json, Value};

const REFERENCE: &str = include_str!("fixtures/drafts/ccpcj-21-3.md");

#[test]
fn capabilities_and_utf16_by_default() {
    let mut client = Client::spawn();
    let result = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["diagnosticProvider"]["identifier"], "resolution-ls");
    assert_eq!(caps["codeActionProvider"]["resolveProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!([
            "quickfix",
            "source.fixAll.resolution-ls",
            "refactor.rewrite"
        ])
    );
    for provider in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "foldingRangeProvider",
    ] {
        assert_eq!(caps[provider], true, "{provider}");
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert!(caps["completionProvider"].is_object());
    assert_eq!(result["serverInfo"]["name"], "resolution-ls");
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn utf8_when_the_client_offers_it() {
    let client = Client::start(Options {
        position_encodings: vec!["utf-8", "utf-16"],
        ..Options::default()
    });
    drop(client);
    let mut client = Client::spawn();
    let result = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
}

#[test]
fn pushes_the_reference_drafts_diagnostics() {
    let mut client = Client::start(Options::default());
    let uri = uri("ccpcj-21-3.md");
    client.open(&uri, REFERENCE);
    let published = client.published_diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let diagnostics = &published["diagnostics"];
    assert_eq!(codes(diagnostics), ["ibid-style", "ibid-style"]);
    let first = &diagnostics[0];
    let line = REFERENCE
        .lines()
        .position(|l| l.starts_with("<sup>12</sup>"))
        .unwrap();
    assert_eq!(
        first["range"],
        json!({"start": {"line": line, "character": 14}, "end": {"line": line, "character": 19}})
    );
    assert_eq!(first["severity"], 2);
    assert_eq!(first["source"], "resolution-ls");
    assert_eq!(first["message"], "“Ibid.” in footnote 12 should be written *Ibid.* (in italics, as in the rest of this draft)");
    // The link leads somewhere real: the repository's rule documentation, beside the build tree
    // the binary runs from, at the rule's own section.
    let href = first["codeDescription"]["href"].as_str().unwrap();
    let (file, anchor) = href
        .strip_prefix("file://")
        .and_then(|rest| rest.split_once('#'))
        .unwrap_or_else(|| panic!("a file:// link with an anchor: {href}"));
    assert!(file.ends_with("/docs/rules.md"), "{href}");
    assert_eq!(anchor, "ibid-style");
    let docs = std::fs::read_to_string(file).unwrap();
    assert!(
        docs.lines()
            .any(|l| l.starts_with('#') && l.contains("ibid-style")),
        "a section for the rule"
    );
    // The fix is named; its edits come with the quick fix (tests/lsp_editing.rs).
    assert_eq!(
        first["data"],
        json!({"rule": "ibid-style", "fix": "Write every Ibid. as *Ibid.*"})
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn pull_diagnostics_answer_with_a_result_id_and_unchanged() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("pulled.md");
    client.open(&uri, REFERENCE);
    let report = client.pull_diagnostics(&uri);
    assert_eq!(report["kind"], "full");
    assert_eq!(codes(&report["items"]), ["ibid-style", "ibid-style"]);
    let result_id = report["resultId"].as_str().unwrap().to_owned();
    let again = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": result_id}),
    );
    assert_eq!(again, json!({"kind": "unchanged", "resultId": result_id}));
    // A client that pulls gets nothing pushed.
    let pushed: Vec<Value> = client
        .drain(Duration::from_millis(400))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert_eq!(pushed, Vec::<Value>::new());
}

/// A draft whose lines hold emoji, Chinese, Arabic and Cyrillic before the places diagnostics
/// point at.
const SCRIPTS: &str = "*The General Assembly*,\n\n*Recalling* the 😀 report of 大会 and الجمعية and Ассамблея,<sup>1</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> A/73/334.\n";

#[test]
fn edits_create_and_fix_diagnostics_with_utf16_columns() {
    let mut client = Client::start(Options::default());
    let uri = uri("scripts.md");
    client.open(&uri, SCRIPTS);
    assert_eq!(client.published_diagnostics(&uri)["diagnostics"], json!([]));

    // Turn the reference `<sup>1</sup>` into `<sup>2</sup>`: footnote 2 is undefined, 1 unused.
    let digit = SCRIPTS.find("<sup>1</sup>\n").unwrap() + 5;
    let range =
        json!({"start": utf16_position(SCRIPTS, digit), "end": utf16_position(SCRIPTS, digit + 1)});
    assert_eq!(
        range["start"],
        json!({"line": 2, "character": 63}),
        "UTF-16 counts the emoji as two units"
    );
    client.change(&uri, 2, json!([{"range": range, "text": "2"}]));
    let published = client.published_diagnostics(&uri);
    assert_eq!(published["version"], 2);
    let diagnostics = &published["diagnostics"];
    // One mistyped number: two diagnostics (footnote-order leaves the undefined one alone).
    assert_eq!(
        codes(diagnostics),
        ["footnote-undefined", "footnote-unused"]
    );
    assert_eq!(diagnostics[0]["range"], range);
    assert_eq!(
        diagnostics[0]["message"],
        "footnote 2 is referenced but never defined"
    );

    // Put it back: the diagnostics go away.
    client.change(&uri, 3, json!([{"range": range, "text": "1"}]));
    let published = client.published_diagnostics(&uri);
    assert_eq!(published["version"], 3);
    assert_eq!(published["diagnostics"], json!([]));
}

#[test]
fn utf8_columns_when_negotiated() {
    let mut client = Client::spawn();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-8"]}}}),
    );
    client.notify("initialized", json!({}));
    let uri = uri("scripts-utf8.md");
    let text = SCRIPTS.replace("<sup>1</sup>\n\n*Decides*", "<sup>2</sup>\n\n*Decides*");
    client.open(&uri, &text);
    let diagnostics = client.published_diagnostics(&uri)["diagnostics"].clone();
    let digit = text.find("<sup>2</sup>").unwrap() + 5;
    let undefined = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "footnote-undefined")
        .unwrap();
    assert_eq!(undefined["range"]["start"], utf8_position(&text, digit));
    assert_eq!(
        undefined["range"]["start"],
        json!({"line": 2, "character": 85})
    );
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let mut client = Client::start(Options::default());
    let uri = uri("closed.md");
    client.open(&uri, REFERENCE);
    assert_eq!(
        codes(&client.published_diagnostics(&uri)["diagnostics"]).len(),
        2
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.published_diagnostics(&uri)["diagnostics"], json!([]));
    // A request for it now is answered from the disk (VS Code's client pulls a closed document
    // once more): it was never saved there, so it has nothing to show.
    let response = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(response, json!({"kind": "full", "items": []}));
    // Other requests on it are errors, and the server carries on.
    let response = client.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(response["error"]["code"], -32602, "{response}");
    assert!(response["error"]["message"]
        .as_str()
        .unwrap()
        .contains("is not open"));
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn quick_fix_applied_and_rechecked() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("quickfix.md");
    client.open(&uri, REFERENCE);
    let report = client.pull_diagnostics(&uri);
    let diagnostic = report["items"][0].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Write every Ibid. as *Ibid.*",
            "Fix all resolution-ls problems",
            "Expand Ibid. to the full citation"
        ]
    );
    assert_eq!(actions[2]["kind"], "refactor.rewrite");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "ibid-style");
    let edits = actions[0]["edit"]["changes"][&uri]
        .as_array()
        .unwrap()
        .clone();
    let fixed = apply_text_edits(REFERENCE, &edits);
    client.change(&uri, 2, json!([{"text": fixed}]));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn fix_all_resolves_lazily_when_the_client_can() {
    let mut client = Client::start(Options {
        pull_diagnostics: true,
        resolve_code_actions: true,
        ..Options::default()
    });
    let uri = uri("fixall.md");
    let text = "*The General Assembly*,\n\nRecalling its resolution 60/288;\n\n1. *Decides* to act;\n\n3. *Requests* a report.\n";
    client.open(&uri, text);
    assert_eq!(
        codes(&client.pull_diagnostics(&uri)["items"]),
        [
            "opener-not-italic",
            "preamble-punctuation",
            "operative-numbering"
        ]
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let action = actions[0].clone();
    assert_eq!(action["kind"], "source.fixAll.resolution-ls");
    assert!(action.get("edit").is_none(), "resolved lazily: {action}");
    let resolved = client.request("codeAction/resolve", action);
    let edits = resolved["edit"]["changes"][&uri]
        .as_array()
        .unwrap()
        .clone();
    let fixed = apply_text_edits(text, &edits);
    assert_eq!(fixed, "*The General Assembly*,\n\n*Recalling* its resolution 60/288,\n\n1. *Decides* to act;\n\n2. *Requests* a report.\n");
    client.change(&uri, 2, json!([{"text": fixed}]));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn unsafe_fixes_are_offered_for_review_and_left_out_of_fix_all() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("unsafe.md");
    let text = "*The General Assembly*,\n\nRecalling its resolution 60/288,<sup>1</sup>\n\n*Decides* to act.\n";
    client.open(&uri, text);
    let items = client.pull_diagnostics(&uri)["items"].clone();
    assert_eq!(codes(&items), ["opener-not-italic", "footnote-undefined"]);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": items[1]["range"], "context": {"diagnostics": [items[1]], "only": ["quickfix"]}}),
    );
    assert_eq!(
        actions[0]["title"],
        "Insert a placeholder definition of footnote 1 (unsafe: review it)"
    );
    assert_eq!(actions[0]["isPreferred"], false);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": items[0]["range"], "context": {"diagnostics": [items[0]], "only": ["quickfix"]}}),
    );
    assert_eq!(actions[0]["title"], "Italicize “Recalling”");
    assert_eq!(actions[0]["isPreferred"], true);
    // Fix all makes the safe fix only: no placeholder text goes into the draft.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let edits = actions[0]["edit"]["changes"][&uri]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(
        apply_text_edits(text, &edits),
        "*The General Assembly*,\n\n*Recalling* its resolution 60/288,<sup>1</sup>\n\n*Decides* to act.\n"
    );
}

const UNKNOWN_OPENER: &str =
    "*The General Assembly*,\n\n*Pondering* its resolution 60/288,\n\n*Decides* to act.\n";

#[test]
fn configuration_from_initialization_options() {
    let mut client = Client::start(Options {
        initialization_options: json!({"rules": {"opener-unknown": "error"}}),
        ..Options::default()
    });
    let uri = uri("init-options.md");
    client.open(&uri, UNKNOWN_OPENER);
    let diagnostics = client.published_diagnostics(&uri)["diagnostics"].clone();
    assert_eq!(codes(&diagnostics), ["opener-unknown"]);
    assert_eq!(diagnostics[0]["severity"], 1);
}

#[test]
fn configuration_from_workspace_configuration_and_did_change_configuration() {
    let mut client = Client::start(Options {
        configuration: Some(json!({"rules": {"opener-unknown": "off"}})),
        ..Options::default()
    });
    // The server asks on `initialized`; the answer turns the rule off.
    client.wait_for(|m| m["method"] == "workspace/configuration");
    std::thread::sleep(Duration::from_millis(200));
    let uri = uri("workspace-config.md");
    client.open(&uri, UNKNOWN_OPENER);
    assert_eq!(client.published_diagnostics(&uri)["diagnostics"], json!([]));

    // A notification carrying settings applies them at once.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"resolution-ls": {"rules": {"opener-unknown": "warning"}}}}),
    );
    let diagnostics = client.published_diagnostics(&uri)["diagnostics"].clone();
    assert_eq!(codes(&diagnostics), ["opener-unknown"]);
    assert_eq!(diagnostics[0]["severity"], 2);

    // A bare notification makes the server ask again.
    client.configuration = Some(json!({"rules": {"opener-unknown": "off"}}));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    assert_eq!(client.published_diagnostics(&uri)["diagnostics"], json!([]));
}

#[test]
fn an_unanswered_configuration_request_does_not_hold_the_server() {
    let mut client = Client::spawn();
    client.configuration = None; // never answers
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"workspace": {"configuration": true}}}),
    );
    client.notify("initialized", json!({}));
    let uri = uri("unanswered.md");
    client.open(&uri, REFERENCE);
    assert_eq!(
        codes(&client.published_diagnostics(&uri)["diagnostics"]),
        ["ibid-style", "ibid-style"]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_late_answer_to_an_earlier_configuration_request_does_not_undo_newer_settings() {
    let mut client = Client::spawn();
    client.configuration = None; // the test answers by hand, late
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"workspace": {"configuration": true}}}),
    );
    client.notify("initialized", json!({}));
    let asked = client.wait_for(|m| m["method"] == "workspace/configuration");
    let uri = uri("late-answer.md");
    client.open(&uri, REFERENCE);
    assert_eq!(
        codes(&client.published_diagnostics(&uri)["diagnostics"]),
        vec!["ibid-style"; 2]
    );
    // The client's newer settings arrive first …
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"resolution-ls": {"ibidForm": "roman"}}}),
    );
    assert_eq!(
        codes(&client.published_diagnostics(&uri)["diagnostics"]),
        vec!["ibid-style"; 5]
    );
    // … then the answer to the request made at start, with the settings as they were then.
    client.send(&json!({"jsonrpc": "2.0", "id": asked["id"], "result": [{"ibidForm": "italic"}]}));
    let later = client.drain(Duration::from_millis(500));
    assert!(
        !later
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "the older settings were applied: {later:#?}"
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn configuration_from_resolution_ls_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("resolution-ls.toml"),
        "ibid-form = \"roman\"\n",
    )
    .unwrap();
    let path = dir.path().join("draft.md");
    std::fs::write(&path, REFERENCE).unwrap();
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(Options::default());
    client.open(&uri, REFERENCE);
    let diagnostics = client.published_diagnostics(&uri)["diagnostics"].clone();
    // Roman wins by setting: the five italic Ibid.s are reported now.
    assert_eq!(codes(&diagnostics), vec!["ibid-style"; 5]);
}

#[test]
fn a_changed_configuration_file_applies_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("resolution-ls.toml");
    let path = dir.path().join("draft.md");
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(Options::default());
    client.open(&uri, REFERENCE);
    assert_eq!(
        codes(&client.published_diagnostics(&uri)["diagnostics"]),
        ["ibid-style", "ibid-style"]
    );
    std::fs::write(&config, "[rules]\nibid-style = \"off\"\n").unwrap();
    let config_uri = format!("file://{}", config.display());
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    );
    assert_eq!(client.published_diagnostics(&uri)["diagnostics"], json!([]));
    // A configuration file with an error is reported with its line; the defaults apply.
    std::fs::write(&config, "[rules]\nibid-style = \"loud\"\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("resolution-ls.toml:2: `loud` is not a valid severity"),
        "{message}"
    );
    assert_eq!(
        codes(&client.published_diagnostics(&uri)["diagnostics"]),
        ["ibid-style", "ibid-style"]
    );
}

#[test]
fn malformed_messages_are_survived() {
    let mut client = Client::start(Options::default());
    client.send_raw(b"Content-Length: 12\r\n\r\n{not json!!}");
    let response = client.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(response["id"], Value::Null);
    client.send_raw(b"Content-Length: 8\r\n\r\n{\"a\": 1}");
    let response = client.wait_for(|m| m["error"]["code"] == -32600);
    assert_eq!(response["id"], Value::Null);
    client.send(&json!({"jsonrpc": "2.0", "id": 900, "method": "textDocument/hover", "params": {"wrong": "shape"}}));
    let response = client.wait_for(|m| m["id"] == 900);
    assert_eq!(response["error"]["code"], -32602, "{response}");
    let response = client.request_raw("resolution-ls/noSuchMethod", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri("never-opened.md"), "version": 2}, "contentChanges": [{"text": "x"}]}));
    // The server still answers normally.
    let uri = uri("after-malformed.md");
    client.open(&uri, REFERENCE);
    assert_eq!(
        codes(&client.published_diagnostics(&uri)["diagnostics"]),
        ["ibid-style", "ibid-style"]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn positions_past_the_end_are_clamped() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("clamped.md");
    client.open(&uri, SCRIPTS);
    client.change(&uri, 2, json!([{"range": {"start": {"line": 999, "character": 5}, "end": {"line": 1000, "character": 0}}, "text": "\n<!-- the end -->"}]));
    client.change(&uri, 3, json!([{"range": {"start": {"line": 0, "character": 500}, "end": {"line": 0, "character": 900}}, "text": ""}]));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
    let response = client.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4000, "character": 4000}}),
    );
    assert!(response.get("error").is_none(), "{response}");
}

#[test]
fn requests_before_initialize_and_after_shutdown_follow_the_spec() {
    let mut client = Client::spawn();
    let response = client.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri("x.md")}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(
        response["error"]["code"], -32002,
        "server not initialized: {response}"
    );
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.request("shutdown", Value::Null);
    let response = client.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri("x.md")}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(
        response["error"]["code"], -32600,
        "invalid request after shutdown: {response}"
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(0));
}

#[test]
fn shutdown_with_empty_params_as_lsp_mode_sends_it() {
    let mut client = Client::start(Options::default());
    assert_eq!(client.request("shutdown", json!({})), Value::Null);
    client.notify("exit", json!({}));
    assert_eq!(client.wait_exit(), Some(0));
}

#[test]
fn quick_fixes_for_the_diagnostics_the_client_lists_on_the_cursors_line() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("listed.md");
    client.open(&uri, REFERENCE);
    let diagnostic = client.pull_diagnostics(&uri)["items"][0].clone();
    // The cursor at the start of the line, away from the flagged text.
    let line = diagnostic["range"]["start"]["line"].clone();
    let cursor =
        json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}});
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": cursor, "context": {"diagnostics": [diagnostic], "only": ["quickfix"]}}),
    );
    assert_eq!(actions[0]["title"], "Write every Ibid. as *Ibid.*");
    let none = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": cursor, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    assert_eq!(none, json!([]));
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut client = Client::start(Options::default());
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(1));
}

#[test]
fn replays_the_initialize_params_vscode_sends() {
    let params: Value =
        serde_json::from_str(include_str!("fixtures/lsp/vscode-initialize-params.json")).unwrap();
    let mut client = Client::spawn();
    client.configuration = Some(json!({}));
    let result = client.request("initialize", params);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    client.notify("initialized", json!({}));
    let uri = uri("vscode.md");
    client.open(&uri, REFERENCE);
    // VS Code pulls diagnostics.
    assert_eq!(
        codes(&client.pull_diagnostics(&uri)["items"]),
        ["ibid-style", "ibid-style"]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

/// A small deterministic generator, so a failure can be replayed from its seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "*",
    "<sup>",
    "</sup>",
    "<sup>3</sup>",
    "---",
    "\n---\n",
    "1. ",
    "(a) ",
    ",",
    ";",
    ".",
    "Ibid.",
    "*Ibid.*",
    "Recalling ",
    "*Decides* ",
    "😀",
    "大会",
    "العربية",
    "кириллица",
    "é",
    " ",
];

#[test]
fn random_edit_sequences_end_with_the_diagnostics_of_a_fresh_open() {
    let sequences = std::env::var("LSP_RANDOM_SEQUENCES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut client = Client::start(Options::pulling());
    let mut rng = Lcg(0x5eed);
    for sequence in 0..sequences {
        let uri = uri(&format!("random-{sequence}.md"));
        let mut text = if sequence % 3 == 0 {
            SCRIPTS.to_owned()
        } else {
            REFERENCE.to_owned()
        };
        client.open(&uri, &text);
        let edits = 1 + rng.below(12);
        for version in 0..edits {
            let (start, end) = random_span(&mut rng, &text, false);
            let insert: String = (0..rng.below(4))
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect();
            let range =
                json!({"start": utf16_position(&text, start), "end": utf16_position(&text, end)});
            client.change(
                &uri,
                version as i64 + 2,
                json!([{"range": range, "text": insert}]),
            );
            text.replace_range(start..end, &insert);
        }
        let incremental = client.pull_diagnostics(&uri)["items"].clone();
        let (fresh_uri, fresh) = pull_fresh_copy(&mut client, &uri, "random-", &text);
        assert_eq!(
            incremental, fresh["items"],
            "sequence {sequence}; final text:\n{text}"
        );
        close_all(&mut client, &[&uri, &fresh_uri]);
    }
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn rapid_edits_are_applied_in_order() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("rapid.md");
    let mut text = String::from("*The General Assembly*,\n\n");
    client.open(&uri, &text);
    // 1,000 one-character insertions sent without waiting: any reordering would scramble them.
    let typed =
        "*Recalling* its resolution 60/288,\n\n1. *Decides* to act;\n\n2. *Requests* a report.\n";
    let mut version = 1;
    for round in 0..12 {
        for c in typed.chars() {
            let at = utf16_position(&text, text.len());
            version += 1;
            client.change(
                &uri,
                version,
                json!([{"range": {"start": at, "end": at}, "text": c.to_string()}]),
            );
            text.push(c);
        }
        if round < 11 {
            let at = utf16_position(&text, text.len());
            version += 1;
            client.change(
                &uri,
                version,
                json!([{"range": {"start": at, "end": at}, "text": "\n"}]),
            );
            text.push('\n');
        }
    }
    let items = client.pull_diagnostics(&uri)["items"].clone();
    let fresh = uri.replace("rapid", "rapid-fresh");
    client.open(&fresh, &text);
    assert_eq!(items, client.pull_diagnostics(&fresh)["items"]);
    assert!(
        !items.as_array().unwrap().is_empty(),
        "the repeated paragraphs break the numbering"
    );
}

#[test]
fn a_panic_in_a_handler_becomes_an_error_response_and_the_server_goes_on() {
    let mut client = Client::start(Options::pulling());
    let uri = uri("panic.md");
    client.open(&uri, REFERENCE);
    let response = client.request_raw("resolution-ls/debugPanic", json!({"uri": uri}));
    assert_eq!(response["error"]["code"], -32603, "{response}");
    assert!(response["error"]["message"]
        .as_str()
        .unwrap()
        .contains("the server carries on"));
    assert_eq!(
        codes(&client.pull_diagnostics(&uri)["items"]),
        ["ibid-style", "ibid-style"]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn pushes_after_the_debounce_and_only_when_diagnostics_change() {
    let mut client = Client::start(Options {
        initialization_options: json!({"debounceMs": 600}),
        ..Options::default()
    });
    let uri = uri("debounced.md");
    client.open(&uri, SCRIPTS);
    assert_eq!(client.published_diagnostics(&uri)["diagnostics"], json!([]));
    // An edit that changes nothing the checker reports: nothing is pushed.
    let at = SCRIPTS.find("report").unwrap();
    let position = utf16_position(SCRIPTS, at);
    client.change(
        &uri,
        2,
        json!([{"range": {"start": position, "end": position}, "text": "annual "}]),
    );
    let pushed: Vec<Value> = client
        .drain(Duration::from_millis(1200))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert_eq!(pushed, Vec::<Value>::new());
    // An edit that does: nothing before the debounce, then the diagnostics.
    let comma = SCRIPTS.find(",<sup>1</sup>").unwrap() + "annual ".len();
    let text = SCRIPTS.replacen("report", "annual report", 1);
    let range =
        json!({"start": utf16_position(&text, comma), "end": utf16_position(&text, comma + 1)});
    client.change(&uri, 3, json!([{"range": range, "text": ";"}]));
    let early: Vec<Value> = client
        .drain(Duration::from_millis(300))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert_eq!(early, Vec::<Value>::new(), "pushed before the debounce");
    let published = client.published_diagnostics(&uri);
    assert_eq!(published["version"], 3);
    assert_eq!(codes(&published["diagnostics"]), ["preamble-punctuation"]);
}

#[test]
fn rechecking_after_a_settings_change_reports_progress() {
    let mut client = Client::spawn();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"window": {"workDoneProgress": true}}}),
    );
    client.notify("initialized", json!({}));
    for name in ["one.md", "two.md"] {
        client.open(&uri(name), UNKNOWN_OPENER);
        client.published_diagnostics(&uri(name));
    }
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"rules": {"opener-unknown": "error"}}}),
    );
    let create = client.wait_for(|m| m["method"] == "window/workDoneProgress/create");
    let token = create["params"]["token"].clone();
    let mut kinds = Vec::new();
    while kinds.last() != Some(&"end".to_owned()) {
        let progress =
            client.wait_for(|m| m["method"] == "$/progress" && m["params"]["token"] == token);
        kinds.push(
            progress["params"]["value"]["kind"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
        if kinds.last().unwrap() == "end" {
            assert_eq!(progress["params"]["value"]["message"], "2 checked");
        }
    }
    assert_eq!(kinds, ["begin", "report", "report", "end"]);
    for name in ["one.md", "two.md"] {
        let diagnostics = client.published_diagnostics(&uri(name))["diagnostics"].clone();
        assert_eq!(diagnostics[0]["severity"], 1, "{name}");
    }
}

/// The conversion law: diagnostics pulled after each of a sequence of edits (those on lines the
/// edits left alone kept or moved by the lines added or removed, not converted again) are those
/// of a fresh open of the text as it stands, in UTF-16 and in UTF-8 columns.
#[test]
fn diagnostics_moved_by_edits_equal_a_fresh_conversion_in_both_encodings() {
    let sequences = std::env::var("LSP_RANDOM_SEQUENCES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(120);
    // Many diagnostics (footnotes no paragraph cites, Ibid.s in roman), on lines with non-ASCII
    // text before and after them.
    let mut many = REFERENCE.replace("> Ibid.", "> Ibid. 😀 大会 العربية кириллица é");
    for n in 40..70 {
        many.push_str(&format!(
            "\n<sup>{n}</sup> Ibid. 😀 大会, p. {n}, العربية кириллица é.\n"
        ));
    }
    for (columns, encoding) in [(Columns::Utf16, "utf-16"), (Columns::Utf8, "utf-8")] {
        let mut client = Client::start(Options {
            position_encodings: vec![encoding],
            ..Options::pulling()
        });
        let mut rng = Lcg(0xd1a9 + encoding.len() as u64);
        for sequence in 0..sequences {
            let uri = uri(&format!("moved-{sequence}.md"));
            let mut text = match sequence % 3 {
                0 => SCRIPTS.to_owned(),
                1 => REFERENCE.to_owned(),
                _ => many.clone(),
            };
            client.open(&uri, &text);
            let mut previous = client.pull_diagnostics(&uri)["resultId"].clone();
            let edits = 1 + rng.below(10);
            for version in 0..edits {
                // Half the edits near the end, among the diagnostics.
                let near_end = rng.below(2) == 0;
                let (start, end) = random_span(&mut rng, &text, near_end);
                // Line breaks most of the time: they move the diagnostics after them.
                let insert: String = (0..rng.below(4))
                    .map(|_| {
                        if rng.below(2) == 0 {
                            "\n"
                        } else {
                            PIECES[rng.below(PIECES.len())]
                        }
                    })
                    .collect();
                let range = columns.range(&text, start..end);
                client.change(
                    &uri,
                    version as i64 + 2,
                    json!([{"range": range, "text": insert}]),
                );
                text.replace_range(start..end, &insert);
                if rng.below(3) > 0 {
                    // Pulled as an editor pulls: naming the result it holds.
                    let report = client.request(
                        "textDocument/diagnostic",
                        json!({"textDocument": {"uri": uri}, "previousResultId": previous}),
                    );
                    previous = report["resultId"].clone();
                }
            }
            let report = client.request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}, "previousResultId": Value::Null}),
            );
            let (fresh_uri, fresh_report) = pull_fresh_copy(&mut client, &uri, "moved-", &text);
            assert_eq!(
                report["items"], fresh_report["items"],
                "{encoding}, sequence {sequence}; final text:\n{text}"
            );
            // The identity follows what is shown: the same diagnostics, the same result id.
            assert_eq!(
                report["resultId"], fresh_report["resultId"],
                "{encoding}, sequence {sequence}"
            );
            close_all(&mut client, &[&uri, &fresh_uri]);
        }
        assert_eq!(client.shutdown_and_exit(), Some(0));
    }
}

/// Opens `text` as a new document named as `uri` with `tag` replaced by `fresh-`, and pulls its
/// diagnostics: what a fresh open of the text gives, to compare with what edits led to. Returns
/// its URI and the report, whose related locations are renamed to `uri` (each names its own
/// document).
fn pull_fresh_copy(client: &mut Client, uri: &str, tag: &str, text: &str) -> (String, Value) {
    let fresh_uri = uri.replace(tag, "fresh-");
    client.open(&fresh_uri, text);
    let report = client.pull_diagnostics(&fresh_uri).to_string();
    let report = serde_json::from_str(&report.replace(&fresh_uri, uri)).unwrap();
    (fresh_uri, report)
}

fn close_all(client: &mut Client, uris: &[&str]) {
    for uri in uris {
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
}

/// A random span of `text` on character boundaries, at most 24 bytes long, starting anywhere or,
/// `near_end`, in the last two fifths of its characters.
fn random_span(rng: &mut Lcg, text: &str, near_end: bool) -> (usize, usize) {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let from = if near_end {
        boundaries.len() * 3 / 5
    } else {
        0
    };
    let start = boundaries[from + rng.below(boundaries.len() - from)];
    let end_choices: Vec<usize> = boundaries
        .iter()
        .copied()
        .filter(|&b| b >= start && b <= start + 24)
        .collect();
    (start, end_choices[rng.below(end_choices.len())])
}
