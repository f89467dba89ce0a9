//! Editing through the language server, end to end: the refactors as code actions (applied and
//! re-checked with a pull diagnostic, resolved lazily when large, filtered by `context.only`) and
//! completion of openers, footnote numbers and Ibid.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::*;
use serde_json::{json, Value};

fn pulling() -> Client {
    Client::start(Options::pulling())
}

/// A client that pulls diagnostics and resolves code actions lazily.
fn resolving() -> Client {
    Client::start(Options {
        pull_diagnostics: true,
        resolve_code_actions: true,
        ..Options::default()
    })
}

/// The code actions at `offset` (a cursor), with `only` when given.
fn actions_at(
    client: &mut Client,
    uri: &str,
    text: &str,
    offset: usize,
    only: Option<&[&str]>,
) -> Vec<Value> {
    let at = utf16_position(text, offset);
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": context}),
    );
    result.as_array().unwrap().clone()
}

fn titles(actions: &[Value]) -> Vec<String> {
    actions
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect()
}

fn kinds(actions: &[Value]) -> Vec<String> {
    actions
        .iter()
        .map(|a| a["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// The text after applying an action's edit (which must be there).
fn applied(action: &Value, uri: &str, text: &str) -> String {
    let edits = action["edit"]["changes"][uri]
        .as_array()
        .unwrap_or_else(|| panic!("the action carries its edit: {action}"));
    apply_text_edits(text, edits)
}

/// Applies the refactor titled `title` at `offset` and returns the new text, which is sent to the
/// server as version `version`.
fn refactor(
    client: &mut Client,
    uri: &str,
    text: &str,
    offset: usize,
    title: &str,
    version: i64,
) -> String {
    let actions = actions_at(client, uri, text, offset, Some(&["refactor"]));
    let action = actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("{title} offered; got {:?}", titles(&actions)));
    assert_eq!(action["kind"], "refactor.rewrite");
    let result = applied(action, uri, text);
    client.change(uri, version, json!([{"text": result}]));
    result
}

// ---------------------------------------------------------------------------------------------
// Refactors

const OUT_OF_ORDER: &str = "*The General Assembly*,\n\n*Recalling* its resolution 60/288,<sup>2</sup> and the report,<sup>1</sup>\n\n*Decides* to act.<sup>3</sup>\n\n---\n\n<sup>1</sup> A/73/334.\n\n<sup>2</sup> General Assembly resolution 60/288.\n\n<sup>3</sup> A/73/335.\n";

#[test]
fn renumber_footnotes_applied_and_rechecked() {
    let mut client = pulling();
    let uri = uri("renumber-footnotes.md");
    client.open(&uri, OUT_OF_ORDER);
    assert_eq!(
        codes(&client.pull_diagnostics(&uri)["items"]),
        ["footnote-order"]
    );
    // Offered anywhere in the draft: here on the organ line.
    let result = refactor(
        &mut client,
        &uri,
        OUT_OF_ORDER,
        0,
        "Renumber footnotes in reading order",
        2,
    );
    assert_eq!(
        result,
        "*The General Assembly*,\n\n*Recalling* its resolution 60/288,<sup>1</sup> and the report,<sup>2</sup>\n\n*Decides* to act.<sup>3</sup>\n\n---\n\n<sup>2</sup> A/73/334.\n\n<sup>1</sup> General Assembly resolution 60/288.\n\n<sup>3</sup> A/73/335.\n"
    );
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
    // Nothing left to renumber: not offered any more.
    assert_eq!(
        titles(&actions_at(
            &mut client,
            &uri,
            &result,
            0,
            Some(&["refactor"])
        )),
        Vec::<String>::new()
    );
}

const MISNUMBERED: &str = "*The General Assembly*,\n\n*Recalling* its resolution 60/288,\n\n1. *Decides* to act;\n\n3. *Requests* a report;\n\n3. *Invites* States to act;\n\n*Decides* to remain seized of the matter.\n";

#[test]
fn renumber_operative_paragraphs_applied_and_rechecked() {
    let mut client = pulling();
    let uri = uri("renumber-operative.md");
    client.open(&uri, MISNUMBERED);
    assert_eq!(
        codes(&client.pull_diagnostics(&uri)["items"]),
        ["operative-numbering", "operative-numbering"]
    );
    let cursor = MISNUMBERED.find("a report").unwrap();
    let result = refactor(
        &mut client,
        &uri,
        MISNUMBERED,
        cursor,
        "Renumber operative paragraphs",
        2,
    );
    assert_eq!(
        result,
        "*The General Assembly*,\n\n*Recalling* its resolution 60/288,\n\n1. *Decides* to act;\n\n2. *Requests* a report;\n\n3. *Invites* States to act;\n\n4. *Decides* to remain seized of the matter.\n"
    );
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn renumber_operative_paragraphs_is_offered_with_the_rule_off() {
    let mut client = Client::start(Options {
        pull_diagnostics: true,
        initialization_options: json!({"rules": {"operative-numbering": "off"}}),
        ..Options::default()
    });
    let uri = uri("renumber-rule-off.md");
    client.open(&uri, MISNUMBERED);
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
    let actions = actions_at(&mut client, &uri, MISNUMBERED, 0, None);
    assert_eq!(titles(&actions), ["Renumber operative paragraphs"]);
    assert!(applied(&actions[0], &uri, MISNUMBERED)
        .contains("\n\n2. *Requests* a report;\n\n3. *Invites*"));
}

const TREATIES: &str = "*The General Assembly*,\n\n*Recalling* the Convention,<sup>1</sup> the Single Convention<sup>2</sup> and the 1971 Convention,<sup>3</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.\n\n<sup>2</sup> *Ibid.*, vol. 976, No. 14152.\n\n<sup>3</sup> *Ibid.*, vol. 1019, No. 14956.\n";

#[test]
fn expand_ibid_then_replace_with_ibid_round_trip() {
    let mut client = pulling();
    let uri = uri("expand-ibid.md");
    client.open(&uri, TREATIES);
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
    // The cursor inside footnote 2's Ibid.
    let cursor = TREATIES.find("vol. 976").unwrap();
    let actions = actions_at(
        &mut client,
        &uri,
        TREATIES,
        cursor,
        Some(&["refactor.rewrite"]),
    );
    assert_eq!(titles(&actions), ["Expand Ibid. to the full citation"]);
    let expanded = refactor(
        &mut client,
        &uri,
        TREATIES,
        cursor,
        "Expand Ibid. to the full citation",
        2,
    );
    assert_eq!(
        expanded,
        TREATIES.replace(
            "<sup>2</sup> *Ibid.*, vol. 976, No. 14152.",
            "<sup>2</sup> United Nations, *Treaty Series*, vol. 976, No. 14152."
        )
    );
    // Footnote 3's Ibid. now follows footnote 2, which cites the same work: still fine; and
    // footnote 2 repeats footnote 1's work, which the hint says.
    let items = client.pull_diagnostics(&uri)["items"].clone();
    assert_eq!(codes(&items), ["ibid-redundant"]);
    assert_eq!(
        items[0]["message"],
        "footnote 2 repeats the citation of footnote 1; Ibid. would do"
    );

    // Back: the repeated citation becomes Ibid. in the draft's (italic) form, keeping its locator.
    let cursor = expanded.find("vol. 976").unwrap();
    let back = refactor(
        &mut client,
        &uri,
        &expanded,
        cursor,
        "Replace with Ibid.",
        3,
    );
    assert_eq!(back, TREATIES);
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn replace_with_ibid_in_the_drafts_roman_form() {
    let text = "*The General Assembly*,\n\n*Recalling* resolution 60/288,<sup>1</sup> its paragraph 2<sup>2</sup> and its paragraph 5,<sup>3</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> General Assembly resolution 60/288.\n\n<sup>2</sup> Ibid., para. 2.\n\n<sup>3</sup> General Assembly resolution 60/288, para. 5.\n";
    let mut client = pulling();
    let uri = uri("replace-roman.md");
    client.open(&uri, text);
    assert_eq!(
        codes(&client.pull_diagnostics(&uri)["items"]),
        ["ibid-redundant"]
    );
    // From the reference marker in the text as well as from the footnote itself.
    let marker = text.find("<sup>3</sup>").unwrap() + 5;
    let result = refactor(&mut client, &uri, text, marker, "Replace with Ibid.", 2);
    assert_eq!(
        result,
        text.replace(
            "<sup>3</sup> General Assembly resolution 60/288, para. 5.",
            "<sup>3</sup> Ibid., para. 5."
        )
    );
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn local_refactors_only_where_they_apply() {
    let mut client = pulling();
    let uri = uri("local-refactors.md");
    client.open(&uri, TREATIES);
    for (at, what) in [
        (
            TREATIES.find("vol. 2225").unwrap(),
            "a full citation that repeats nothing",
        ),
        (
            TREATIES.find("*Decides*").unwrap(),
            "an operative paragraph",
        ),
    ] {
        let actions = actions_at(&mut client, &uri, TREATIES, at, None);
        assert_eq!(titles(&actions), Vec::<String>::new(), "{what}");
    }
}

/// A draft whose twelve footnotes are referenced in reverse order: renumbering touches every
/// reference and definition (24 edits).
fn reversed_footnotes(count: u32) -> (String, String) {
    let draft = |numbers: &dyn Fn(u32) -> u32| {
        let refs: String = (1..=count)
            .map(|i| format!(" work {i},<sup>{}</sup>", numbers(i)))
            .collect();
        let defs: String = (1..=count)
            .rev()
            .map(|i| format!("\n<sup>{}</sup> A/73/{}.\n", numbers(i), 300 + i))
            .collect();
        format!("*The General Assembly*,\n\n*Recalling*{refs}\n\n*Decides* to act.\n\n---\n{defs}")
    };
    (draft(&|i| count + 1 - i), draft(&|i| i))
}

#[test]
fn a_large_renumbering_resolves_lazily() {
    let (text, renumbered) = reversed_footnotes(12);
    let mut client = resolving();
    let uri = uri("lazy-renumber.md");
    client.open(&uri, &text);
    let actions = actions_at(&mut client, &uri, &text, 0, Some(&["refactor"]));
    assert_eq!(titles(&actions), ["Renumber footnotes in reading order"]);
    let action = actions[0].clone();
    assert!(
        action.get("edit").is_none(),
        "sent without its edit: {action}"
    );
    assert_eq!(action["data"]["uri"], uri);
    assert_eq!(action["data"]["version"], 1);
    assert_eq!(action["data"]["refactor"], "renumber-footnotes");
    let resolved = client.request("codeAction/resolve", action);
    assert_eq!(resolved["title"], "Renumber footnotes in reading order");
    assert_eq!(
        resolved["edit"]["changes"][&uri].as_array().unwrap().len(),
        24
    );
    let result = applied(&resolved, &uri, &text);
    assert_eq!(result, renumbered);
    client.change(&uri, 2, json!([{"text": result}]));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn a_renumbering_quick_fix_is_made_only_when_resolved() {
    let text = "*The General Assembly*,\n\n1. *Decides* to act;\n\n3. *Requests* a report;\n\n4. *Decides* to remain seized.\n";
    let mut client = resolving();
    let uri = uri("lazy-quickfix.md");
    client.open(&uri, text);
    let report = client.pull_diagnostics(&uri);
    assert_eq!(codes(&report["items"]), ["operative-numbering"]);
    // The diagnostic names its fix; the edits are made when the action is resolved.
    assert_eq!(
        report["items"][0]["data"],
        json!({"rule": "operative-numbering", "fix": "Renumber the operative paragraphs"})
    );
    let at = text.find("3.").unwrap();
    let actions = actions_at(&mut client, &uri, text, at, Some(&["quickfix"]));
    assert_eq!(titles(&actions), ["Renumber the operative paragraphs"]);
    let action = actions[0].clone();
    assert!(
        action.get("edit").is_none(),
        "sent without its edit: {action}"
    );
    // The key: the rule, the start, and the document's revision it was taken at (to follow the
    // edits made before the resolve).
    let key = &action["data"]["quickfix"];
    assert_eq!(key["rule"], "operative-numbering");
    assert_eq!(key["start"], at);
    assert_eq!(key["at"].as_array().map(Vec::len), Some(2), "{key}");
    let resolved = client.request("codeAction/resolve", action);
    let result = applied(&resolved, &uri, text);
    assert_eq!(
        result,
        "*The General Assembly*,\n\n1. *Decides* to act;\n\n2. *Requests* a report;\n\n3. *Decides* to remain seized.\n"
    );
    client.change(&uri, 2, json!([{"text": result}]));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn a_resolve_after_a_change_computes_on_the_current_text() {
    let (text, _) = reversed_footnotes(12);
    let mut client = resolving();
    let uri = uri("lazy-after-change.md");
    client.open(&uri, &text);
    let action = actions_at(&mut client, &uri, &text, 0, Some(&["refactor"]))[0].clone();
    assert!(action.get("edit").is_none());
    // Meanwhile a paragraph with a thirteenth footnote goes in before the others.
    let inserted = "*Noting* the report,<sup>13</sup>\n\n";
    let at = text.find("*Recalling*").unwrap();
    let changed = format!("{}{inserted}{}", &text[..at], &text[at..]);
    let changed = format!("{changed}\n<sup>13</sup> A/73/400.\n");
    client.change(&uri, 2, json!([{"text": changed}]));
    let resolved = client.request("codeAction/resolve", action);
    let result = applied(&resolved, &uri, &changed);
    // Footnote 13 is read first now: it becomes 1, and the others follow it.
    assert!(
        result.contains("*Noting* the report,<sup>1</sup>"),
        "{result}"
    );
    assert!(
        result.contains("work 1,<sup>2</sup> work 2,<sup>3</sup>"),
        "{result}"
    );
    assert!(result.ends_with("\n<sup>1</sup> A/73/400.\n"), "{result}");
    client.change(&uri, 3, json!([{"text": result}]));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn a_resolve_for_a_local_refactor_finds_its_footnote_again() {
    let mut client = resolving();
    let uri = uri("lazy-local.md");
    client.open(&uri, TREATIES);
    let cursor = TREATIES.find("vol. 976").unwrap();
    let mut action =
        actions_at(&mut client, &uri, TREATIES, cursor, Some(&["refactor"]))[0].clone();
    assert_eq!(action["title"], "Expand Ibid. to the full citation");
    // A client may resolve even an action that came with its edit; the text changed meanwhile.
    action.as_object_mut().unwrap().remove("edit");
    action["data"] = json!({"uri": uri, "version": 1, "refactor": "expand-ibid", "offset": cursor, "footnote": 2});
    let changed = TREATIES.replace(
        "*Recalling* the Convention",
        "*Recalling also* the Convention",
    );
    client.change(&uri, 2, json!([{"text": changed}]));
    let resolved = client.request("codeAction/resolve", action);
    assert_eq!(
        applied(&resolved, &uri, &changed),
        changed.replace(
            "*Ibid.*, vol. 976",
            "United Nations, *Treaty Series*, vol. 976"
        )
    );
}

#[test]
fn context_only_picks_the_kinds() {
    let mut client = pulling();
    let uri = uri("only.md");
    client.open(&uri, OUT_OF_ORDER);
    client.pull_diagnostics(&uri);
    let digit = OUT_OF_ORDER.find("<sup>2</sup>").unwrap() + 5;
    let all = actions_at(&mut client, &uri, OUT_OF_ORDER, digit, None);
    assert_eq!(
        kinds(&all),
        [
            "quickfix",
            "source.fixAll.resolution-ls",
            "refactor.rewrite"
        ]
    );
    let cases: [(&[&str], &[&str]); 6] = [
        (&["quickfix"], &["quickfix"]),
        (&["refactor"], &["refactor.rewrite"]),
        (&["refactor.rewrite"], &["refactor.rewrite"]),
        (&["source"], &["source.fixAll.resolution-ls"]),
        (&["refactor.extract", "refactor.re"], &[]),
        (&["quickfix", "refactor"], &["quickfix", "refactor.rewrite"]),
    ];
    for (only, wanted) in cases {
        let actions = actions_at(&mut client, &uri, OUT_OF_ORDER, digit, Some(only));
        assert_eq!(kinds(&actions), wanted, "only {only:?}");
    }

    // A request that names diagnostics gets a fix for each of them (here every diagnostic of the
    // draft: the one footnote-order one), then fix-all and the refactors.
    let diagnostics = client.pull_diagnostics(&uri)["items"].clone();
    let at = utf16_position(OUT_OF_ORDER, digit);
    let mut ask = |only: Value| {
        let mut context = json!({"diagnostics": diagnostics});
        if !only.is_null() {
            context["only"] = only;
        }
        let result = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": context}),
        );
        kinds(result.as_array().unwrap())
    };
    assert_eq!(
        ask(Value::Null),
        [
            "quickfix",
            "source.fixAll.resolution-ls",
            "refactor.rewrite"
        ]
    );
    assert_eq!(ask(json!(["refactor"])), ["refactor.rewrite"]);
}

#[test]
fn no_refactors_outside_a_draft() {
    let text = "# Notes\n\nSome text,<sup>2</sup> more text.<sup>1</sup>\n\n<sup>1</sup> A.\n\n<sup>2</sup> B.\n";
    let mut client = pulling();
    let uri = uri("notes.md");
    client.open(&uri, text);
    assert_eq!(
        actions_at(&mut client, &uri, text, 0, None),
        Vec::<Value>::new()
    );
}

// ---------------------------------------------------------------------------------------------
// Completion

/// The completion items at `offset`.
fn complete(client: &mut Client, uri: &str, text: &str, offset: usize) -> Vec<Value> {
    let result = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": utf16_position(text, offset)}),
    );
    match &result {
        Value::Null => Vec::new(),
        Value::Array(items) => items.clone(),
        _ => result["items"].as_array().unwrap().clone(),
    }
}

fn labels(items: &[Value]) -> Vec<&str> {
    items.iter().map(|i| i["label"].as_str().unwrap()).collect()
}

fn item<'a>(items: &'a [Value], label: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("{label} among {:?}", labels(items)))
}

fn edit(line: u32, start: u32, end: u32, new_text: &str) -> Value {
    json!({"range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}, "newText": new_text})
}

#[test]
fn the_server_declares_its_trigger_characters() {
    let mut client = Client::spawn();
    let result = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(
        result["capabilities"]["completionProvider"]["triggerCharacters"],
        json!([">", "*"])
    );
}

#[test]
fn preambular_openers_at_the_start_of_a_preambular_paragraph() {
    let text =
        "*The General Assembly*,\n\nRecal\n\n1. *Decides* to act;\n\n2. *Requests* a report.\n";
    let mut client = pulling();
    let uri = uri("complete-preamble.md");
    client.open(&uri, text);
    let cursor = text.find("Recal").unwrap() + 5;
    let items = complete(&mut client, &uri, text, cursor);
    let recalling = item(&items, "Recalling");
    assert_eq!(recalling["textEdit"], edit(2, 0, 5, "*Recalling* "));
    assert_eq!(recalling["filterText"], "Recalling");
    assert_eq!(recalling["detail"], "preambular opener");
    assert!(labels(&items).contains(&"Recalling also"));
    assert!(labels(&items).contains(&"Bearing in mind"));
    assert!(
        !labels(&items).contains(&"Requests"),
        "no operative opener in the preamble"
    );

    // A typed `*` is replaced too, and the filter starts with it.
    let text =
        "*The General Assembly*,\n\n*Recal\n\n1. *Decides* to act;\n\n2. *Requests* a report.\n";
    client.change(&uri, 2, json!([{"text": text}]));
    let items = complete(&mut client, &uri, text, text.find("*Recal").unwrap() + 6);
    let recalling = item(&items, "Recalling");
    assert_eq!(recalling["textEdit"], edit(2, 0, 6, "*Recalling* "));
    assert_eq!(recalling["filterText"], "*Recalling");
    // Applied, the paragraph checks clean once it has its words.
    let done = apply_text_edits(text, &[recalling["textEdit"].clone()]);
    assert!(done.starts_with("*The General Assembly*,\n\n*Recalling* \n"));
    let done = done.replace("*Recalling* \n", "*Recalling* its resolution 60/288,\n");
    client.change(&uri, 3, json!([{"text": done}]));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));
}

#[test]
fn operative_openers_bring_the_next_number() {
    let text =
        "*The General Assembly*,\n\n*Recalling* its resolution 60/288,\n\n1. *Decides* to act;\n\n";
    let mut client = pulling();
    let uri = uri("complete-operative.md");
    client.open(&uri, text);
    let items = complete(&mut client, &uri, text, text.len());
    let requests = item(&items, "Requests");
    assert_eq!(requests["textEdit"], edit(6, 0, 0, "2. *Requests* "));
    assert_eq!(requests["filterText"], "Requests");
    assert_eq!(requests["detail"], "operative opener, paragraph 2");
    assert_eq!(
        item(&items, "Also calls upon")["textEdit"]["newText"],
        "2. *Also calls upon* "
    );
    assert!(
        !labels(&items).contains(&"Recalling"),
        "no preambular opener in the operative part"
    );

    // With a number typed, the item brings the opener alone, after the number.
    let typed = format!("{text}2. Req");
    client.change(&uri, 2, json!([{"text": typed}]));
    let items = complete(&mut client, &uri, &typed, typed.len());
    assert_eq!(
        item(&items, "Requests")["textEdit"],
        edit(6, 3, 6, "*Requests* ")
    );
}

#[test]
fn no_openers_in_the_middle_of_a_paragraph() {
    let text =
        "*The General Assembly*,\n\n*Recalling* its resolution 60/288,\n\n*Decides* to act.\n";
    let mut client = pulling();
    let uri = uri("complete-nothing.md");
    client.open(&uri, text);
    for at in [
        text.find("its resolution").unwrap() + 3,
        text.find("to act").unwrap(),
    ] {
        assert_eq!(complete(&mut client, &uri, text, at), Vec::<Value>::new());
    }
}

/// A draft whose lines hold emoji and Chinese before the cursor.
const SCRIPTS: &str = "*The General Assembly*,\n\n*Recalling* the 😀 report of 大会,<sup>1</sup> and the 😀 review,<sup>2</sup> and the plan,<sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> A/73/334.\n\n<sup>2</sup> A/73/335.\n";

#[test]
fn the_next_footnote_number_after_sup_in_utf16_columns() {
    let mut client = pulling();
    let uri = uri("complete-sup.md");
    client.open(&uri, SCRIPTS);
    let cursor = SCRIPTS.find("plan,<sup>").unwrap() + "plan,<sup>".len();
    let position = utf16_position(SCRIPTS, cursor);
    assert_eq!(
        position,
        json!({"line": 2, "character": 94}),
        "92 characters, 102 bytes: each emoji is two UTF-16 units"
    );
    let items = complete(&mut client, &uri, SCRIPTS, cursor);
    assert_eq!(labels(&items), ["3"]);
    assert_eq!(items[0]["textEdit"], edit(2, 94, 94, "3</sup>"));
    assert_eq!(items[0]["filterText"], "3");

    // With `</sup>` already there and a digit typed, only the number, over the digit.
    let text = SCRIPTS.replace("plan,<sup>\n", "plan,<sup>1</sup>\n");
    client.change(&uri, 2, json!([{"text": text}]));
    let items = complete(&mut client, &uri, &text, cursor + 1);
    assert_eq!(labels(&items), ["3"]);
    assert_eq!(items[0]["textEdit"], edit(2, 94, 95, "3"));
}

#[test]
fn an_undefined_footnote_first_where_a_definition_starts() {
    let text = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> A/73/334.\n\n<sup>";
    let mut client = pulling();
    let uri = uri("complete-definition.md");
    client.open(&uri, text);
    let items = complete(&mut client, &uri, text, text.len());
    assert_eq!(labels(&items), ["2", "3"]);
    assert_eq!(items[0]["textEdit"]["newText"], "2</sup>");
    assert_eq!(items[0]["preselect"], true);
}

const ITALIC_IBIDS: &str = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c,<sup>3</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.\n\n<sup>2</sup> *Ibid.*, vol. 976, No. 14152.\n\n<sup>3</sup> ";

#[test]
fn ibid_in_the_drafts_form_at_the_start_of_a_footnote() {
    let mut client = pulling();
    let uri = uri("complete-ibid.md");
    client.open(&uri, ITALIC_IBIDS);
    let items = complete(&mut client, &uri, ITALIC_IBIDS, ITALIC_IBIDS.len());
    assert_eq!(labels(&items), ["Ibid."]);
    assert_eq!(items[0]["textEdit"], edit(12, 13, 13, "*Ibid.*"));
    assert_eq!(items[0]["detail"], "the same source as footnote 2");

    // A typed `*Ib` is replaced, and filtered as typed.
    let typed = format!("{ITALIC_IBIDS}*Ib");
    client.change(&uri, 2, json!([{"text": typed}]));
    let items = complete(&mut client, &uri, &typed, typed.len());
    assert_eq!(items[0]["textEdit"], edit(12, 13, 16, "*Ibid.*"));
    assert_eq!(items[0]["filterText"], "*Ibid.");
    let done = apply_text_edits(&typed, &[items[0]["textEdit"].clone()]);
    let done = format!("{done}, vol. 1019, No. 14956.\n");
    client.change(&uri, 3, json!([{"text": done}]));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]));

    // A draft that writes Ibid. in roman gets it in roman.
    let roman = ITALIC_IBIDS.replace("*Ibid.*, vol. 976", "Ibid., vol. 976");
    client.change(&uri, 4, json!([{"text": roman}]));
    let items = complete(&mut client, &uri, &roman, roman.len());
    assert_eq!(items[0]["textEdit"], edit(12, 13, 13, "Ibid."));
}

const REFERENCE: &str = include_str!("fixtures/drafts/ccpcj-21-3.md");

/// The two `*Ibid.*` edits of the reference draft's Ibid. fix, on `line` and two lines below.
fn ibid_edits(line: u32) -> Value {
    json!([
        edit(line, 14, 19, "*Ibid.*"),
        edit(line + 2, 14, 19, "*Ibid.*")
    ])
}

#[test]
fn a_diagnostics_data_names_its_fix_and_the_quick_fix_carries_the_edits() {
    for mut client in [pulling(), resolving()] {
        let uri = uri("ibid-data.md");
        client.open(&uri, REFERENCE);
        let report = client.pull_diagnostics(&uri);
        let first = &report["items"][0];
        // Small: the rule and the fix's title, no edits.
        assert_eq!(
            first["data"],
            json!({"rule": "ibid-style", "fix": "Write every Ibid. as *Ibid.*"})
        );
        // The quick fix for it, as an editor asks (the diagnostic in the context), carries the
        // edits `data` used to carry: both Ibid.s put in italics.
        let result = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": first["range"],
                "context": {"diagnostics": [first], "only": ["quickfix"]}}),
        );
        let action = &result[0];
        assert_eq!(action["title"], "Write every Ibid. as *Ibid.*");
        assert_eq!(action["edit"]["changes"][&uri], ibid_edits(70));
        assert_eq!(client.shutdown_and_exit(), Some(0));
    }
}

#[test]
fn a_quick_fix_resolved_after_edits_is_the_fix_as_it_is_now_or_none_when_gone() {
    let mut client = resolving();
    let uri = uri("ibid-resolve.md");
    client.open(&uri, REFERENCE);
    let report = client.pull_diagnostics(&uri);
    let first = report["items"][0].clone();
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": first["range"],
            "context": {"diagnostics": [first], "only": ["quickfix"]}}),
    );
    let mut action = result[0].clone();
    assert_eq!(action["edit"]["changes"][&uri], ibid_edits(70));
    // Resolved at once, the same edits.
    action.as_object_mut().unwrap().remove("edit");
    let resolved = client.request("codeAction/resolve", action.clone());
    assert_eq!(resolved["edit"]["changes"][&uri], ibid_edits(70));
    // Two lines go in at the top, and a character on the Ibid.'s own line: resolved now, the fix
    // is where its diagnostic moved.
    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "<!-- note -->\n\n"}]),
    );
    client.change(
        &uri,
        3,
        json!([{"range": {"start": {"line": 74, "character": 25}, "end": {"line": 74, "character": 25}}, "text": " "}]),
    );
    let resolved = client.request("codeAction/resolve", action.clone());
    assert_eq!(resolved["edit"]["changes"][&uri], ibid_edits(72));
    // The first Ibid. is put in italics by hand: its diagnostic is gone, and so is its fix.
    client.change(
        &uri,
        4,
        json!([{"range": {"start": {"line": 72, "character": 14}, "end": {"line": 72, "character": 19}}, "text": "*Ibid.*"}]),
    );
    let resolved = client.request("codeAction/resolve", action);
    assert!(resolved.get("edit").is_none(), "{resolved}");
    assert_eq!(client.shutdown_and_exit(), Some(0));
}
