//! Workspace diagnostics end to end: `workspace/diagnostic` reports the drafts of the workspace
//! folders that are not open, found as `check` finds them, against the real binary over stdio.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::fs;
use std::path::Path;
use std::time::Duration;

use lsp_client::*;
use serde_json::{json, Value};

const REFERENCE: &str = include_str!("fixtures/drafts/ccpcj-21-3.md");

const SMALL: &str = "*The General Assembly*,

*Recalling* its resolution 60/288,<sup>1</sup>

1. *Decides* to remain seized of the matter.

---

<sup>1</sup> General Assembly resolution 60/288.
";

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A workspace: two drafts (`a.md`, `b.md`), a draft under `sub/` whose `resolution-ls.toml`
/// wants roman Ibid.s, a README that is no draft, a hidden draft and an ignored one, and a Word
/// draft.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.md"), REFERENCE).unwrap();
    fs::write(root.join("b.md"), SMALL).unwrap();
    fs::write(
        root.join("README.md"),
        "# Drafts\n\nNotes on the drafts.<sup>1</sup>\n\n<sup>1</sup> Ibid.\n",
    )
    .unwrap();
    fs::create_dir(root.join(".drafts")).unwrap();
    fs::write(root.join(".drafts/hidden.md"), REFERENCE).unwrap();
    fs::write(root.join("ignored.md"), REFERENCE).unwrap();
    fs::write(root.join(".ignore"), "ignored.md\n").unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(
        root.join("sub/resolution-ls.toml"),
        "ibid-form = \"roman\"\n",
    )
    .unwrap();
    fs::write(root.join("sub/c.md"), REFERENCE).unwrap();
    // A Word draft is for `check`: the editor has no text of it to show diagnostics in.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/docx/pandoc-reference.docx"),
        root.join("d.docx"),
    )
    .unwrap();
    dir
}

fn start(root: &Path, capabilities: Value) -> Client {
    Client::start(Options {
        workspace_folders: vec![file_uri(root)],
        capabilities,
        ..Options::pulling()
    })
}

fn pull_workspace(client: &mut Client, previous: &[(String, String)]) -> Value {
    let previous: Vec<Value> = previous
        .iter()
        .map(|(uri, id)| json!({"uri": uri, "value": id}))
        .collect();
    client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": previous}),
    )
}

/// Each report as (file name, kind, rule ids), sorted by name.
fn summary(result: &Value) -> Vec<(String, String, Vec<String>)> {
    let mut items: Vec<(String, String, Vec<String>)> = result["items"]
        .as_array()
        .unwrap_or_else(|| panic!("items: {result}"))
        .iter()
        .map(|item| {
            assert_eq!(item["version"], Value::Null, "not open: {item}");
            let uri = item["uri"].as_str().unwrap();
            let name = uri.rsplit_once('/').unwrap().1.to_owned();
            let codes = item["items"]
                .as_array()
                .map(|ds| {
                    ds.iter()
                        .map(|d| d["code"].as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default();
            (name, item["kind"].as_str().unwrap().to_owned(), codes)
        })
        .collect();
    items.sort();
    items
}

fn result_ids(result: &Value) -> Vec<(String, String)> {
    result["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["uri"].as_str().unwrap().to_owned(),
                i["resultId"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn full(name: &str, codes: &[&str]) -> (String, String, Vec<String>) {
    (
        name.to_owned(),
        "full".to_owned(),
        codes.iter().map(|c| (*c).to_owned()).collect(),
    )
}

fn unchanged(name: &str) -> (String, String, Vec<String>) {
    (name.to_owned(), "unchanged".to_owned(), Vec::new())
}

#[test]
fn the_drafts_not_open_are_reported_and_then_unchanged() {
    let dir = workspace();
    let root = dir.path();
    let mut client = start(root, Value::Null);
    let b = file_uri(&root.join("b.md"));
    client.open(&b, SMALL);
    let first = pull_workspace(&mut client, &[]);
    // a.md has the reference draft's two roman Ibid.s among italic ones; sub/c.md, under its
    // configuration, the five italic ones. b.md is open (its own pull reports it); README.md is
    // no draft; the hidden and the ignored file are not searched.
    assert_eq!(
        summary(&first),
        vec![
            full("a.md", &["ibid-style", "ibid-style"]),
            full("c.md", &["ibid-style"; 5]),
        ]
    );
    let a_report = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["uri"].as_str().unwrap().ends_with("/a.md"))
        .unwrap()
        .clone();
    assert_eq!(a_report["uri"], file_uri(&root.join("a.md")));
    let line = REFERENCE
        .lines()
        .position(|l| l.starts_with("<sup>12</sup>"))
        .unwrap();
    assert_eq!(
        a_report["items"][0]["range"],
        json!({"start": {"line": line, "character": 14}, "end": {"line": line, "character": 19}})
    );

    // Asked again with the ids it gave: nothing changed.
    let ids = result_ids(&first);
    let second = pull_workspace(&mut client, &ids);
    assert_eq!(summary(&second), vec![unchanged("a.md"), unchanged("c.md")]);
    assert_eq!(result_ids(&second), ids, "the same ids");

    // a.md changes on disk: it alone is reported in full.
    let fixed = REFERENCE.replace("<sup>12</sup> Ibid.", "<sup>12</sup> *Ibid.*");
    fs::write(root.join("a.md"), fixed).unwrap();
    let third = pull_workspace(&mut client, &ids);
    assert_eq!(
        summary(&third),
        vec![full("a.md", &["ibid-style"]), unchanged("c.md")]
    );

    // Closed, b.md is reported from the disk (a lone operative paragraph takes no number);
    // opened, a.md is left to its own pull.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": b}}));
    client.open(&file_uri(&root.join("a.md")), REFERENCE);
    let fourth = pull_workspace(&mut client, &[]);
    assert_eq!(
        summary(&fourth),
        vec![
            full("b.md", &["operative-numbering"]),
            full("c.md", &["ibid-style"; 5])
        ]
    );

    // Deleted, a file the client had a report for gets an empty one.
    let c = file_uri(&root.join("sub/c.md"));
    let c_id = result_ids(&fourth)
        .into_iter()
        .find(|(uri, _)| *uri == c)
        .unwrap();
    fs::remove_file(root.join("sub/c.md")).unwrap();
    let fifth = pull_workspace(&mut client, &[c_id]);
    assert_eq!(
        summary(&fifth),
        vec![full("b.md", &["operative-numbering"]), full("c.md", &[])]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_draft_that_stops_being_one_is_cleared_and_large_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.md"), REFERENCE).unwrap();
    // Over the 8 MiB limit for files that are not open.
    let mut big = REFERENCE.to_owned();
    while big.len() <= 8 * 1024 * 1024 {
        big.push_str("\nMore text.\n");
    }
    fs::write(root.join("big.md"), &big).unwrap();
    let mut client = start(root, Value::Null);
    let first = pull_workspace(&mut client, &[]);
    assert_eq!(
        summary(&first),
        vec![full("a.md", &["ibid-style", "ibid-style"])]
    );
    // The organ line goes: no draft any more, and the report the client holds is emptied.
    let notes = REFERENCE.replace(
        "*The Commission on Crime Prevention and Criminal Justice,*",
        "Notes",
    );
    assert_ne!(notes, REFERENCE, "the organ line is in the reference draft");
    fs::write(root.join("a.md"), notes).unwrap();
    let second = pull_workspace(&mut client, &result_ids(&first));
    assert_eq!(summary(&second), vec![full("a.md", &[])]);
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn progress_is_reported_on_the_clients_token() {
    let dir = workspace();
    let mut client = start(dir.path(), json!({"window": {"workDoneProgress": true}}));
    let result = client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": [], "workDoneToken": "workspace-1"}),
    );
    assert_eq!(result["items"].as_array().unwrap().len(), 3);
    // The end may come after the answer: the server's notifications and responses travel apart.
    let end =
        client.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    client.backlog.push(end);
    let progress: Vec<Value> = client
        .backlog
        .iter()
        .filter(|m| m["method"] == "$/progress")
        .map(|m| {
            assert_eq!(m["params"]["token"], "workspace-1");
            m["params"]["value"].clone()
        })
        .collect();
    // a.md, b.md, README.md and sub/c.md are read (the hidden and ignored ones are not).
    assert_eq!(
        progress,
        vec![
            json!({"kind": "begin", "title": "Checking the workspace's drafts", "percentage": 0, "cancellable": false}),
            json!({"kind": "report", "message": "0 of 4 files", "percentage": 0}),
            json!({"kind": "report", "message": "1 of 4 files", "percentage": 25}),
            json!({"kind": "report", "message": "2 of 4 files", "percentage": 50}),
            json!({"kind": "report", "message": "3 of 4 files", "percentage": 75}),
            json!({"kind": "report", "message": "4 of 4 files", "percentage": 100}),
            json!({"kind": "end", "message": "4 files, 3 drafts"}),
        ]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn changes_on_disk_and_closing_ask_the_client_to_pull_again() {
    let dir = workspace();
    let root = dir.path();
    let mut client = start(
        root,
        json!({"workspace": {"diagnostics": {"refreshSupport": true}}}),
    );
    let caps_check = client.request("workspace/diagnostic", json!({"previousResultIds": []}));
    assert_eq!(caps_check["items"].as_array().unwrap().len(), 3);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&root.join("a.md")), "type": 2}]}),
    );
    client.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    let b = file_uri(&root.join("b.md"));
    client.open(&b, SMALL);
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": b}}));
    client.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_closed_document_outside_the_folders_is_cleared_once() {
    let dir = workspace();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("outside.md");
    fs::write(&outside, REFERENCE).unwrap();
    let mut client = start(dir.path(), Value::Null);
    let uri = file_uri(&outside);
    client.open(&uri, REFERENCE);
    assert_eq!(
        codes(&client.pull_diagnostics(&uri)["items"]),
        ["ibid-style", "ibid-style"]
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    // VS Code's client keeps a closed document's diagnostics until a workspace report replaces
    // them: the next one empties them, though the search does not reach the file.
    let first = pull_workspace(&mut client, &[]);
    assert!(
        summary(&first).contains(&full("outside.md", &[])),
        "{first}"
    );
    let second = pull_workspace(&mut client, &[]);
    assert!(
        !summary(&second)
            .iter()
            .any(|(name, _, _)| name == "outside.md"),
        "{second}"
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_document_pulled_after_closing_is_checked_from_the_disk() {
    let dir = workspace();
    let mut client = start(dir.path(), Value::Null);
    let a = file_uri(&dir.path().join("a.md"));
    // Open, it is checked as the editor holds it: here with its Ibid.s fixed, unsaved.
    let fixed = REFERENCE.replace("> Ibid.", "> *Ibid.*");
    client.open(&a, &fixed);
    assert_eq!(
        codes(&client.pull_diagnostics(&a)["items"]),
        Vec::<String>::new()
    );
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": a}}));
    // Closed, as it is on the disk.
    let report = client.pull_diagnostics(&a);
    assert_eq!(report["kind"], "full");
    assert_eq!(codes(&report["items"]), ["ibid-style", "ibid-style"]);
    let readme = file_uri(&dir.path().join("README.md"));
    assert_eq!(
        client.pull_diagnostics(&readme),
        json!({"kind": "full", "items": []})
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_cancelled_pull_stops_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        fs::write(dir.path().join(format!("draft-{i:03}.md")), REFERENCE).unwrap();
    }
    let mut client = start(dir.path(), Value::Null);
    client.send(&json!({"jsonrpc": "2.0", "id": 9001, "method": "workspace/diagnostic", "params": {"previousResultIds": []}}));
    client.notify("$/cancelRequest", json!({"id": 9001}));
    let answer = client.wait_for(|m| m["id"] == 9001);
    assert_eq!(answer["error"]["code"], -32800, "cancelled: {answer}");
    // The server answers the next request in full.
    let a = file_uri(&dir.path().join("draft-000.md"));
    client.open(&a, SMALL);
    assert_eq!(
        codes(&client.pull_diagnostics(&a)["items"]),
        ["operative-numbering"]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn folders_added_and_removed_later_are_followed() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    fs::write(first.path().join("one.md"), REFERENCE).unwrap();
    fs::write(second.path().join("two.md"), SMALL).unwrap();
    let mut client = start(first.path(), Value::Null);
    assert_eq!(
        summary(&pull_workspace(&mut client, &[])),
        vec![full("one.md", &["ibid-style", "ibid-style"])]
    );
    let folder = |path: &Path| json!({"uri": file_uri(path), "name": "folder"});
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [folder(second.path())], "removed": [folder(first.path())]}}),
    );
    assert_eq!(
        summary(&pull_workspace(&mut client, &[])),
        vec![full("two.md", &["operative-numbering"])]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn the_server_says_it_reports_workspace_diagnostics() {
    let mut client = Client::spawn();
    let result = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &result["capabilities"];
    assert_eq!(caps["diagnosticProvider"]["workspaceDiagnostics"], true);
    assert_eq!(caps["inlayHintProvider"], true);
    assert_eq!(
        caps["workspace"]["workspaceFolders"],
        json!({"supported": true, "changeNotifications": true})
    );
    // Without a workspace folder there is nothing to search.
    client.notify("initialized", json!({}));
    let result = client.request("workspace/diagnostic", json!({"previousResultIds": []}));
    assert_eq!(result, json!({"items": []}));
}

/// A client that watches files for the server, as VS Code's does: the server hears of changes
/// on disk, so it may hold a pull that has nothing new to say.
fn watching() -> Value {
    json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}})
}

fn send_pull(client: &mut Client, id: i64, previous: &[(String, String)]) {
    let previous: Vec<Value> = previous
        .iter()
        .map(|(uri, id)| json!({"uri": uri, "value": id}))
        .collect();
    client.send(
        &json!({"jsonrpc": "2.0", "id": id, "method": "workspace/diagnostic",
        "params": {"previousResultIds": previous}}),
    );
}

fn answered(messages: &[Value], id: i64) -> bool {
    messages
        .iter()
        .any(|m| m["id"] == id && m.get("method").is_none())
}

#[test]
fn a_pull_with_nothing_new_is_held_until_a_watched_file_changes() {
    let dir = workspace();
    let root = dir.path();
    let mut client = start(root, watching());
    let first = pull_workspace(&mut client, &[]);
    assert_eq!(
        summary(&first),
        vec![
            full("a.md", &["ibid-style", "ibid-style"]),
            full("b.md", &["operative-numbering"]),
            full("c.md", &["ibid-style"; 5]),
        ]
    );
    let ids = result_ids(&first);
    send_pull(&mut client, 7001, &ids);
    // Nothing changed: no answer, while other requests are answered meanwhile.
    let seen = client.drain(Duration::from_millis(1500));
    assert!(!answered(&seen, 7001), "answered early: {seen:#?}");
    let b = file_uri(&root.join("b.md"));
    client.open(&b, SMALL);
    assert_eq!(
        codes(&client.pull_diagnostics(&b)["items"]),
        ["operative-numbering"]
    );
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": b}}));
    // Closing b.md woke the pull, which answers for it: it is as on disk still.
    let woken = client.wait_for(|m| m["id"] == 7001 && m.get("method").is_none());
    assert_eq!(
        summary(&woken["result"]),
        vec![unchanged("a.md"), unchanged("b.md"), unchanged("c.md")]
    );
    let ids = result_ids(&woken["result"]);

    send_pull(&mut client, 7002, &ids);
    let seen = client.drain(Duration::from_millis(1000));
    assert!(!answered(&seen, 7002), "answered early: {seen:#?}");
    // A watched file event for a file whose text did not change: still nothing new, still held.
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&root.join("README.md")), "type": 2}]}),
    );
    let seen = client.drain(Duration::from_millis(1000));
    assert!(
        !answered(&seen, 7002),
        "answered with nothing new: {seen:#?}"
    );
    // a.md changes on disk and the client says so: the held pull answers with it.
    let fixed = REFERENCE.replace("<sup>12</sup> Ibid.", "<sup>12</sup> *Ibid.*");
    fs::write(root.join("a.md"), fixed).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&root.join("a.md")), "type": 2}]}),
    );
    let woken = client.wait_for(|m| m["id"] == 7002 && m.get("method").is_none());
    assert_eq!(
        summary(&woken["result"]),
        vec![
            full("a.md", &["ibid-style"]),
            unchanged("b.md"),
            unchanged("c.md")
        ]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_held_pull_is_cancelled_at_once_and_shutdown_answers_one() {
    let dir = workspace();
    let mut client = start(dir.path(), watching());
    let ids = result_ids(&pull_workspace(&mut client, &[]));
    send_pull(&mut client, 7101, &ids);
    let seen = client.drain(Duration::from_millis(800));
    assert!(!answered(&seen, 7101), "answered early: {seen:#?}");
    let asked = std::time::Instant::now();
    client.notify("$/cancelRequest", json!({"id": 7101}));
    let answer = client.wait_for(|m| m["id"] == 7101 && m.get("method").is_none());
    assert_eq!(answer["error"]["code"], -32800, "cancelled: {answer}");
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "{:?}",
        asked.elapsed()
    );
    // Another held pull is answered, unchanged, when the client shuts the server down.
    send_pull(&mut client, 7102, &ids);
    let seen = client.drain(Duration::from_millis(500));
    assert!(!answered(&seen, 7102), "answered early: {seen:#?}");
    let shutdown = client.request_raw("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    let held = client.wait_for(|m| m["id"] == 7102 && m.get("method").is_none());
    assert_eq!(
        summary(&held["result"]),
        vec![unchanged("a.md"), unchanged("b.md"), unchanged("c.md")]
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(0));
}

#[test]
fn a_file_whose_stamp_is_unchanged_is_not_read_again() {
    let dir = workspace();
    let root = dir.path();
    let a = root.join("a.md");
    let mut client = start(root, Value::Null);
    let ids = result_ids(&pull_workspace(&mut client, &[]));
    let stamp = fs::metadata(&a).unwrap().modified().unwrap();
    // The same size, another text, and the old modification time put back: the server goes by
    // the stamp and does not read the file.
    let italic = REFERENCE.replace("<sup>12</sup> Ibid.", "<sup>12</sup> Ibid*");
    let italic = italic.replace("<sup>13</sup> Ibid.", "<sup>13</sup> Ibid*");
    assert_eq!(italic.len(), REFERENCE.len());
    assert_ne!(italic, REFERENCE);
    fs::write(&a, &italic).unwrap();
    let set_modified = |time| {
        fs::File::options()
            .write(true)
            .open(&a)
            .unwrap()
            .set_modified(time)
            .unwrap()
    };
    set_modified(stamp);
    let second = pull_workspace(&mut client, &ids);
    assert_eq!(
        summary(&second),
        vec![unchanged("a.md"), unchanged("b.md"), unchanged("c.md")]
    );
    // A new modification time: read again, and reported afresh.
    set_modified(stamp + Duration::from_secs(2));
    let third = pull_workspace(&mut client, &ids);
    let a_uri = file_uri(&a);
    let a_report = third["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["uri"] == a_uri.as_str())
        .unwrap();
    assert_eq!(a_report["kind"], "full", "{third}");
    let old_id = &ids.iter().find(|(uri, _)| *uri == a_uri).unwrap().1;
    assert_ne!(a_report["resultId"], old_id.as_str(), "the new text's id");
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn a_newer_pull_answers_the_one_held_before_it() {
    let dir = workspace();
    let mut client = start(dir.path(), watching());
    let ids = result_ids(&pull_workspace(&mut client, &[]));
    send_pull(&mut client, 7201, &ids);
    let seen = client.drain(Duration::from_millis(800));
    assert!(!answered(&seen, 7201), "answered early: {seen:#?}");
    // Only one pull is ever held (each takes one of the requests the server runs at once).
    send_pull(&mut client, 7202, &ids);
    let older = client.wait_for(|m| m["id"] == 7201 && m.get("method").is_none());
    assert_eq!(
        summary(&older["result"]),
        vec![unchanged("a.md"), unchanged("b.md"), unchanged("c.md")]
    );
    let seen = client.drain(Duration::from_millis(800));
    assert!(!answered(&seen, 7202), "the newer one is held: {seen:#?}");
    client.notify("$/cancelRequest", json!({"id": 7202}));
    let answer = client.wait_for(|m| m["id"] == 7202 && m.get("method").is_none());
    assert_eq!(answer["error"]["code"], -32800, "{answer}");
    assert_eq!(client.shutdown_and_exit(), Some(0));
}
