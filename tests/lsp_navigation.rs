//! Navigation end to end: hover, definition, references, highlights, rename, document symbols and
//! folding ranges, against the real binary over stdio.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::*;
use serde_json::{json, Value};

const REFERENCE: &str = include_str!("fixtures/drafts/ccpcj-21-3.md");

/// A small draft that references footnote 1 twice and footnote 2 once.
const TWICE: &str = "*The General Assembly*,

*Recalling* its resolution 60/288,<sup>1</sup>

*Noting* the report,<sup>2</sup> as recalled in resolution 60/288,<sup>1</sup>

1. *Decides* to remain seized of the matter.

---

<sup>1</sup> General Assembly resolution 60/288.

<sup>2</sup> A/73/334.
";

fn start(name: &str, text: &str) -> (Client, String) {
    let mut client = Client::start(Options::default());
    let uri = uri(name);
    client.open(&uri, text);
    (client, uri)
}

/// The UTF-16 position `plus` bytes into the `nth` occurrence of `needle`.
fn position(text: &str, needle: &str, nth: usize, plus: usize) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} in text"))
        .0;
    utf16_position(text, offset + plus)
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

fn hover(client: &mut Client, uri: &str, position: Value) -> Value {
    client.request("textDocument/hover", at(uri, position))
}

/// A hover's Markdown and range.
fn hover_text(client: &mut Client, uri: &str, position: Value) -> (String, Value) {
    let result = hover(client, uri, position);
    assert_eq!(result["contents"]["kind"], "markdown", "{result}");
    (
        result["contents"]["value"].as_str().unwrap().to_owned(),
        result["range"].clone(),
    )
}

/// The line of the first line starting with `prefix` (0-based).
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("a line starting with {prefix}"))
}

fn range(line: usize, start: usize, end: usize) -> Value {
    json!({"start": {"line": line, "character": start}, "end": {"line": line, "character": end}})
}

#[test]
fn hover_on_a_reference_shows_the_footnotes_text() {
    let (mut client, uri) = start("hover-ref.md", REFERENCE);
    let (value, range) = hover_text(&mut client, &uri, position(REFERENCE, "<sup>7</sup>", 0, 5));
    assert_eq!(
        value,
        "**Footnote 7**\n\nSee *Official Records of the Economic and Social Council, 2009, Supplement No. 8* (E/2009/28), chap. I, sect. C."
    );
    assert_eq!(range, range_of(REFERENCE, "<sup>7</sup>", 0));
    // A reference to an Ibid. footnote shows where it leads, too.
    let (value, _) = hover_text(
        &mut client,
        &uri,
        position(REFERENCE, "<sup>10</sup>", 0, 2),
    );
    assert_eq!(
        value,
        "**Footnote 10**\n\n*Ibid.*, vol. 976, No. 14152.\n\n---\n\n**Ibid.** in footnote 10 resolves to footnote 9, head of the chain:\n\n> United Nations, *Treaty Series*, vol. 2225, No. 39574."
    );
    // Plain text: nothing.
    let nothing = hover(
        &mut client,
        &uri,
        position(REFERENCE, "Salvador, Brazil", 0, 2),
    );
    assert_eq!(nothing, Value::Null);
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn hover_on_an_undefined_reference_and_a_definition_marker() {
    let text = format!("{TWICE}\n*Also noting*,<sup>4</sup>\n");
    let (mut client, uri) = start("hover-def.md", &text);
    let (value, range) = hover_text(
        &mut client,
        &uri,
        position(&text, "<sup>1</sup> General", 0, 1),
    );
    assert_eq!(value, "**Footnote 1** is referenced twice (lines 3 and 5).");
    assert_eq!(range, range_of(&text, "<sup>1</sup>", 2));
    let (value, _) = hover_text(&mut client, &uri, position(&text, "<sup>2</sup> A/", 0, 5));
    assert_eq!(value, "**Footnote 2** is referenced once (line 5).");
    let (value, _) = hover_text(&mut client, &uri, position(&text, "<sup>4</sup>", 0, 5));
    assert_eq!(
        value,
        "**Footnote 4**\n\nNot defined anywhere in this document."
    );
}

#[test]
fn hover_on_an_ibid_shows_what_it_resolves_to() {
    let (mut client, uri) = start("hover-ibid.md", REFERENCE);
    let twelve = line_of(REFERENCE, "<sup>12</sup>");
    let (value, hover_range) =
        hover_text(&mut client, &uri, json!({"line": twelve, "character": 16}));
    assert_eq!(
        value,
        "**Ibid.** in footnote 12 resolves to footnote 9, head of the chain (through footnotes 11 and 10):\n\n> United Nations, *Treaty Series*, vol. 2225, No. 39574."
    );
    assert_eq!(hover_range, range(twelve, 14, 19));
    // Footnote 3 follows its source directly.
    let (value, hover_range) = hover_text(
        &mut client,
        &uri,
        position(REFERENCE, "<sup>3</sup> *Ibid.*", 0, 14),
    );
    assert_eq!(
        value,
        "**Ibid.** in footnote 3 resolves to footnote 2, head of the chain:\n\n> United Nations, *Treaty Series*, vol. 2225, 2237, 2241 and 2326, No. 39574."
    );
    let three = line_of(REFERENCE, "<sup>3</sup>");
    assert_eq!(hover_range, range(three, 13, 20));
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn hover_on_a_broken_ibid_says_why_it_resolves_to_nothing() {
    let text = "*The General Assembly*,

*Recalling* its resolution,<sup>1</sup> the report,<sup>2</sup> and the note,<sup>3</sup>

---

<sup>1</sup> *Ibid.*

<sup>2</sup> Some countries have a point of their own.

<sup>3</sup> *Ibid.*, para. 3.
";
    let (mut client, uri) = start("hover-broken.md", text);
    let (value, _) = hover_text(&mut client, &uri, position(text, "*Ibid.*", 0, 2));
    assert_eq!(
        value,
        "**Ibid.** in footnote 1 resolves to nothing: it is the first footnote in reading order, so no citation comes before it."
    );
    let (value, _) = hover_text(&mut client, &uri, position(text, "*Ibid.*", 1, 2));
    assert_eq!(
        value,
        "**Ibid.** in footnote 3 resolves to nothing: footnote 2, head of the chain, is a note, not a citation:\n\n> Some countries have a point of their own."
    );
}

#[test]
fn hover_on_an_opener_names_its_kind_and_part() {
    let (mut client, uri) = start("hover-opener.md", REFERENCE);
    let (value, hover_range) =
        hover_text(&mut client, &uri, position(REFERENCE, "*Mindful*", 0, 3));
    assert_eq!(
        value,
        "*Mindful* is a **preambular** opener; this paragraph is in the **preamble**."
    );
    assert_eq!(hover_range, range_of(REFERENCE, "*Mindful*", 0));
    let (value, _) = hover_text(&mut client, &uri, position(REFERENCE, "*Calls upon*", 0, 1));
    assert_eq!(
        value,
        "*Calls upon* is an **operative** opener; this is operative paragraph 2, in the **operative part**."
    );
    // Not an opener: the organ line, italics inside a paragraph.
    let organ = hover(
        &mut client,
        &uri,
        position(REFERENCE, "*The Commission", 0, 3),
    );
    assert_eq!(organ, Value::Null);
    let italics = hover(
        &mut client,
        &uri,
        position(REFERENCE, "*Treaty Series*", 0, 3),
    );
    assert_eq!(italics, Value::Null);

    let small = "*The General Assembly*,\n\n*Recaling* its resolution,\n\n*Requests* more,\n\n1. *Decides* to act.\n";
    let small_uri = uri_of(&mut client, "hover-unknown.md", small);
    let (value, _) = hover_text(&mut client, &small_uri, position(small, "*Recaling*", 0, 1));
    assert_eq!(
        value,
        "*Recaling* is not in the English phrase lists (add it under `[phrases]` in resolution-ls.toml if it is right); this paragraph is in the **preamble**."
    );
    let (value, _) = hover_text(&mut client, &small_uri, position(small, "*Requests*", 0, 1));
    assert_eq!(
        value,
        "*Requests* is an **operative** opener; this paragraph is in the **preamble**. An operative opener does not belong in the preamble."
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

/// Opens another document in the same server.
fn uri_of(client: &mut Client, name: &str, text: &str) -> String {
    let uri = uri(name);
    client.open(&uri, text);
    uri
}

#[test]
fn hover_columns_are_utf16_after_emoji_and_chinese() {
    let text = "*The General Assembly*,\n\n*Recalling* 🎉 会议 “text”,<sup>1</sup>\n\n1. *Decides* to act.\n\n---\n\n<sup>1</sup> 会议 A/73/334.\n";
    let (mut client, uri) = start("hover-utf16.md", text);
    // `*Recalling* ` is 12 units, 🎉 two, then ` 会议 “text”,` 11: the marker starts at 25.
    let (value, hover_range) = hover_text(&mut client, &uri, json!({"line": 2, "character": 30}));
    assert_eq!(value, "**Footnote 1**\n\n会议 A/73/334.");
    assert_eq!(hover_range, range(2, 25, 37));
    assert_eq!(hover_range, range_of(text, "<sup>1</sup>", 0));
    // Character 24 is the comma before it: nothing there.
    assert_eq!(
        hover(&mut client, &uri, json!({"line": 2, "character": 24})),
        Value::Null
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));

    // The same in UTF-8 columns: the marker starts at byte 35 of its line.
    let mut client = Client::start(Options {
        position_encodings: vec!["utf-8"],
        ..Options::default()
    });
    let uri = uri_of(&mut client, "hover-utf8.md", text);
    let (_, hover_range) = hover_text(&mut client, &uri, json!({"line": 2, "character": 40}));
    assert_eq!(hover_range, range(2, 35, 47));
}

#[test]
fn positions_past_the_end_are_clamped() {
    let (mut client, uri) = start("clamped.md", REFERENCE);
    // Past the end of the line that ends with `<sup>1</sup>`: on the marker's end.
    let line = line_of(REFERENCE, "*Emphasizing* that the Twelfth");
    let (value, _) = hover_text(&mut client, &uri, json!({"line": line, "character": 9999}));
    assert!(
        value.starts_with("**Footnote 1**\n\n*Salvador Declaration"),
        "{value}"
    );
    // Past the last line: the end of `<sup>13</sup> Ibid., vol. 2178, No. 38349.`, plain text.
    let past = hover(&mut client, &uri, json!({"line": 9999, "character": 0}));
    assert_eq!(past, Value::Null);
    let definition = client.request(
        "textDocument/definition",
        at(&uri, json!({"line": 9999, "character": 9999})),
    );
    assert_eq!(definition, Value::Null);
}

#[test]
fn definition_from_a_reference_goes_to_the_definition_marker() {
    let (mut client, uri) = start("definition.md", REFERENCE);
    let result = client.request(
        "textDocument/definition",
        at(&uri, position(REFERENCE, "<sup>3</sup>", 0, 5)),
    );
    let line = line_of(REFERENCE, "<sup>3</sup>");
    assert_eq!(line, 26);
    assert_eq!(result, json!({"uri": uri, "range": range(line, 0, 12)}));
    // From an Ibid.: the citation it stands for (footnote 9 for footnote 12).
    let twelve = line_of(REFERENCE, "<sup>12</sup>");
    let result = client.request(
        "textDocument/definition",
        at(&uri, json!({"line": twelve, "character": 15})),
    );
    let nine = line_of(REFERENCE, "<sup>9</sup>");
    assert_eq!(result, json!({"uri": uri, "range": range(nine, 0, 12)}));
    // From plain text: nothing.
    let result = client.request(
        "textDocument/definition",
        at(&uri, position(REFERENCE, "Salvador, Brazil", 0, 0)),
    );
    assert_eq!(result, Value::Null);
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn references_of_a_footnote_referenced_twice() {
    let (mut client, uri) = start("references.md", TWICE);
    let first = range_of(TWICE, "<sup>1</sup>", 0);
    let second = range_of(TWICE, "<sup>1</sup>", 1);
    let definition = range_of(TWICE, "<sup>1</sup>", 2);
    let references = |client: &mut Client, position: Value, declaration: bool| {
        let mut params = at(&uri, position);
        params["context"] = json!({"includeDeclaration": declaration});
        client.request("textDocument/references", params)
    };
    let locations = |ranges: &[&Value]| {
        Value::Array(
            ranges
                .iter()
                .map(|r| json!({"uri": uri, "range": r}))
                .collect(),
        )
    };
    let from_reference = position(TWICE, "<sup>1</sup>", 1, 5);
    assert_eq!(
        references(&mut client, from_reference.clone(), false),
        locations(&[&first, &second])
    );
    assert_eq!(
        references(&mut client, from_reference, true),
        locations(&[&first, &second, &definition])
    );
    // From the definition.
    let from_definition = position(TWICE, "<sup>1</sup> General", 0, 5);
    assert_eq!(
        references(&mut client, from_definition, true),
        locations(&[&first, &second, &definition])
    );
    // From an opener: nothing.
    assert_eq!(
        references(&mut client, position(TWICE, "*Noting*", 0, 1), true),
        Value::Null
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn highlights_read_references_and_write_the_definition() {
    let (mut client, uri) = start("highlights.md", TWICE);
    let result = client.request(
        "textDocument/documentHighlight",
        at(&uri, position(TWICE, "<sup>1</sup>", 0, 7)),
    );
    assert_eq!(
        result,
        json!([
            {"range": range_of(TWICE, "<sup>1</sup>", 0), "kind": 2},
            {"range": range_of(TWICE, "<sup>1</sup>", 1), "kind": 2},
            {"range": range_of(TWICE, "<sup>1</sup>", 2), "kind": 3},
        ])
    );
    let result = client.request(
        "textDocument/documentHighlight",
        at(&uri, position(TWICE, "<sup>2</sup> A/", 0, 5)),
    );
    assert_eq!(
        result,
        json!([
            {"range": range_of(TWICE, "<sup>2</sup>", 0), "kind": 2},
            {"range": range_of(TWICE, "<sup>2</sup>", 1), "kind": 3},
        ])
    );
    // In a shared marker, only the number is highlighted.
    let shared = "*The General Assembly*,\n\n*Recalling* it,<sup>1,2</sup>\n\n---\n\n<sup>1</sup> One.\n\n<sup>2</sup> Two.\n";
    let shared_uri = uri_of(&mut client, "shared.md", shared);
    let result = client.request(
        "textDocument/documentHighlight",
        at(&shared_uri, position(shared, "2</sup>", 0, 0)),
    );
    assert_eq!(
        result,
        json!([
            {"range": range_of(shared, "2", 0), "kind": 2},
            {"range": range_of(shared, "<sup>2</sup>", 0), "kind": 3},
        ])
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn rename_a_footnote_number() {
    let (mut client, uri) = start("rename.md", TWICE);
    let on_two = position(TWICE, "<sup>2</sup>", 0, 5);
    let prepared = client.request("textDocument/prepareRename", at(&uri, on_two.clone()));
    let label = utf16_position(TWICE, TWICE.find("<sup>2</sup>").unwrap() + 5);
    let label_end = utf16_position(TWICE, TWICE.find("<sup>2</sup>").unwrap() + 6);
    assert_eq!(
        prepared,
        json!({"range": {"start": label, "end": label_end}, "placeholder": "2"})
    );
    // From the definition's marker too.
    let prepared = client.request(
        "textDocument/prepareRename",
        at(&uri, position(TWICE, "<sup>2</sup> A/", 0, 1)),
    );
    assert_eq!(prepared["placeholder"], "2");
    // Elsewhere: null.
    let prepared = client.request(
        "textDocument/prepareRename",
        at(&uri, position(TWICE, "the report", 0, 2)),
    );
    assert_eq!(prepared, Value::Null);

    let mut params = at(&uri, on_two.clone());
    params["newName"] = json!("5");
    let edit = client.request("textDocument/rename", params);
    let edits = edit["changes"][&uri].as_array().unwrap().clone();
    assert_eq!(edits.len(), 2);
    assert_eq!(
        apply_text_edits(TWICE, &edits),
        TWICE
            .replace("report,<sup>2</sup>", "report,<sup>5</sup>")
            .replace("<sup>2</sup> A/", "<sup>5</sup> A/")
    );

    // Onto a number another footnote has: refused.
    let mut params = at(&uri, on_two.clone());
    params["newName"] = json!("1");
    let refused = client.request_raw("textDocument/rename", params);
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    assert_eq!(
        refused["error"]["message"],
        "footnote 1 already exists: renaming onto it would merge two footnotes; pick a number or label no other footnote uses"
    );
    // Not a number: refused.
    let mut params = at(&uri, on_two);
    params["newName"] = json!("two");
    let refused = client.request_raw("textDocument/rename", params);
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    assert_eq!(
        refused["error"]["message"],
        "“two” is not a footnote number: a <sup> footnote is numbered with a positive whole number, such as 5"
    );
    // Not on a footnote: refused.
    let mut params = at(&uri, position(TWICE, "the report", 0, 2));
    params["newName"] = json!("3");
    let refused = client.request_raw("textDocument/rename", params);
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn document_symbols_of_the_reference_draft() {
    let (mut client, uri) = start("symbols.md", REFERENCE);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(&symbols),
        [
            "Resolution 21/3",
            "The Commission on Crime Prevention and Criminal Justice",
            "Preamble",
            "Operative part",
            "Footnotes"
        ]
    );
    let kinds: Vec<&Value> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["kind"])
        .collect();
    assert_eq!(
        kinds,
        [&json!(1), &json!(19), &json!(3), &json!(3), &json!(3)]
    );
    let title = &symbols[0];
    assert_eq!(
        title["detail"],
        "Strengthening international cooperation to address the links that in some cases may exist between transnational organized criminal activities and terrorist activities"
    );
    assert_eq!(title["range"], range(2, 0, 22));

    let preamble = &symbols[2];
    assert_eq!(preamble["detail"], "10 paragraphs");
    assert_eq!(
        names(&preamble["children"]),
        [
            "Emphasizing",
            "Taking into account",
            "Taking into account also",
            "Considering",
            "Recalling",
            "Emphasizing",
            "Recalling",
            "Taking into account",
            "Mindful",
            "Greatly concerned",
        ]
    );
    let first = &preamble["children"][0];
    assert_eq!(first["kind"], 8, "field");
    assert_eq!(first["detail"], "that the Twelfth United Nations Congress…");
    assert_eq!(first["selectionRange"], range(8, 0, 13));
    // The sixth paragraph runs on past the page break, to line 35.
    assert_eq!(preamble["children"][5]["range"]["start"]["line"], 18);
    assert_eq!(preamble["children"][5]["range"]["end"]["line"], 34);
    assert_eq!(preamble["range"]["start"]["line"], 8);
    assert_eq!(preamble["range"]["end"]["line"], 42);

    let operative = &symbols[3];
    assert_eq!(
        names(&operative["children"]),
        [
            "1. Expresses",
            "2. Calls upon",
            "3. Also calls upon",
            "4. Encourages",
            "5. Invites"
        ]
    );
    assert_eq!(operative["children"][1]["selectionRange"], range(46, 0, 15));
    assert_eq!(operative["children"][1]["kind"], 6, "method");

    let footnotes = &symbols[4];
    assert_eq!(footnotes["detail"], "13 footnotes");
    let footnote_names = names(&footnotes["children"]);
    assert_eq!(footnote_names.len(), 13);
    assert_eq!(
        footnote_names[..3],
        [
            "1 Salvador Declaration on Comprehensive Strategies for…",
            "2 United Nations, Treaty Series, vol. 2225…",
            "3 Ibid., vol. 976, No. 14152.",
        ]
    );
    assert_eq!(footnote_names[12], "13 Ibid., vol. 2178, No. 38349.");
    assert_eq!(
        footnotes["children"][12]["selectionRange"],
        range(72, 0, 13)
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn sub_paragraphs_nest_under_their_operative_paragraph() {
    let text = "*The General Assembly*,\n\n1. *Decides*:\n\n(a) To act at once;\n\n(b) To report:\n\n(i) On this;\n\n(ii) On that;\n\n2. *Requests* more.\n";
    let (mut client, uri) = start("subs.md", text);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let operative = &symbols[1];
    assert_eq!(operative["name"], "Operative part");
    let one = &operative["children"][0];
    assert_eq!(one["name"], "1. Decides");
    assert_eq!(one["children"][0]["name"], "(a) To act at once");
    assert_eq!(one["children"][1]["name"], "(b) To report");
    assert_eq!(one["children"][1]["children"][1]["name"], "(ii) On that");
    assert_eq!(
        one["range"],
        json!({"start": {"line": 2, "character": 0}, "end": {"line": 10, "character": 13}})
    );
    assert_eq!(operative["children"][1]["name"], "2. Requests");
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn files_that_are_not_drafts_get_no_symbols_or_folds() {
    let text = "# Notes\n\n*Recalling* is a word.<sup>1</sup>\n\n---\n\n<sup>1</sup> A note\nover two lines.\n";
    let (mut client, uri) = start("README.md", text);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols, Value::Null);
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(folds, Value::Null);
    // Footnotes still hover.
    let (value, _) = hover_text(&mut client, &uri, position(text, "<sup>1</sup>", 0, 5));
    assert_eq!(value, "**Footnote 1**\n\nA note\nover two lines.");
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn folding_ranges_of_the_reference_draft() {
    let (mut client, uri) = start("folding.md", REFERENCE);
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    let pairs: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["kind"], "region");
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        // The pages cross the two parts, so editors would drop them: they are left out.
        [
            (6, 42),  // the preamble: the organ line to `Greatly concerned …,`
            (22, 32), // the footnotes of page 1
            (44, 66), // the operative part
            (54, 62), // the footnotes of page 2
            (70, 72), // the footnotes of page 3
        ]
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}
