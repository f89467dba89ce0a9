//! Drafts in Arabic and Chinese through the protocol: a mistake typed on a right-to-left or CJK
//! line (with a character outside the Basic Multilingual Plane before it) is reported at the right
//! columns in UTF-16 and in UTF-8, its quick fix puts the language's own mark back, and hover on an
//! Ibid. in those scripts shows its source.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::*;
use serde_json::{json, Value};

const ARABIC: &str = include_str!("fixtures/drafts/languages/ar.md");
const CHINESE: &str = include_str!("fixtures/drafts/languages/zh.md");

fn start(columns: Columns) -> Client {
    Client::start(Options {
        position_encodings: vec![match columns {
            Columns::Utf16 => "utf-16",
            Columns::Utf8 => "utf-8",
        }],
        ..Options::pulling()
    })
}

/// A mistake typed into a clean draft: `needle` becomes `typed`, and the diagnostic of `rule`
/// must cover the first `target` in `typed`; its quick fix must give `fixed` in place of `typed`.
struct Typed<'a> {
    draft: &'a str,
    needle: &'a str,
    typed: &'a str,
    target: &'a str,
    rule: &'a str,
    message: &'a str,
    fixed: &'a str,
}

fn typed_mistake_is_placed_and_fixed(columns: Columns, case: Typed) {
    let mut client = start(columns);
    let uri = uri(&format!("{}-{columns:?}.md", case.rule));
    client.open(&uri, case.draft);
    assert_eq!(
        client.pull_diagnostics(&uri)["items"],
        json!([]),
        "the draft is clean"
    );

    let at = case.draft.find(case.needle).expect("needle in the draft");
    let edit_range = columns.range(case.draft, at..at + case.needle.len());
    client.change(&uri, 2, json!([{"range": edit_range, "text": case.typed}]));
    let text = case.draft.replacen(case.needle, case.typed, 1);

    let items = client.pull_diagnostics(&uri)["items"].clone();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:#?}");
    let diagnostic = &items[0];
    assert_eq!(diagnostic["code"], case.rule);
    assert_eq!(diagnostic["message"], case.message);
    let target = at
        + case
            .typed
            .find(case.target)
            .expect("target in the typed text");
    assert_eq!(
        diagnostic["range"],
        columns.range(&text, target..target + case.target.len()),
        "{columns:?}"
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic], "only": ["quickfix"]}}),
    );
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == case.rule)
        .unwrap_or_else(|| panic!("a quick fix: {actions:#}"))
        .clone();
    let mut edits = action["edit"]["changes"][&uri].as_array().unwrap().clone();
    edits.sort_by_key(|e| std::cmp::Reverse(columns.offset(&text, &e["range"]["start"])));
    let mut fixed = text.clone();
    for e in &edits {
        let from = columns.offset(&fixed, &e["range"]["start"]);
        let to = columns.offset(&fixed, &e["range"]["end"]);
        fixed.replace_range(from..to, e["newText"].as_str().unwrap());
    }
    assert_eq!(fixed, case.draft.replacen(case.needle, case.fixed, 1));
    let changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    client.change(&uri, 3, json!(changes));
    assert_eq!(client.pull_diagnostics(&uri)["items"], json!([]), "fixed");
}

fn arabic_comma(columns: Columns) {
    typed_mistake_is_placed_and_fixed(
        columns,
        Typed {
            draft: ARABIC,
            needle: "التي اعتمدت في هلسنكي،",
            typed: "التي اعتمدت 🌊 في هلسنكي,",
            target: ",",
            rule: "preamble-punctuation",
            message: "preambular paragraph ends with “,” instead of a comma (“،”)",
            fixed: "التي اعتمدت 🌊 في هلسنكي،",
        },
    );
}

fn chinese_semicolon(columns: Columns) {
    typed_mistake_is_placed_and_fixed(
        columns,
        Typed {
            draft: CHINESE,
            needle: "管理方面的合作；",
            typed: "管理方面的合作𠀀;",
            target: ";",
            rule: "operative-punctuation",
            message: "operative paragraph ends with “;” instead of a semicolon (“；”)",
            fixed: "管理方面的合作𠀀；",
        },
    );
}

#[test]
fn arabic_mark_typed_and_fixed_in_utf16() {
    arabic_comma(Columns::Utf16);
}

#[test]
fn arabic_mark_typed_and_fixed_in_utf8() {
    arabic_comma(Columns::Utf8);
}

#[test]
fn chinese_mark_typed_and_fixed_in_utf16() {
    chinese_semicolon(Columns::Utf16);
}

#[test]
fn chinese_mark_typed_and_fixed_in_utf8() {
    chinese_semicolon(Columns::Utf8);
}

#[test]
fn hover_on_an_ibid_in_arabic_and_chinese_shows_its_source() {
    for columns in [Columns::Utf16, Columns::Utf8] {
        for (draft, ibid, source) in [
            (ARABIC, "المرجع نفسه", "الأمم المتحدة، مجموعة المعاهدات"),
            (CHINESE, "同上", "联合国，《条约汇编》"),
        ] {
            let mut client = start(columns);
            let uri = uri(&format!("hover-{columns:?}.md"));
            client.open(&uri, draft);
            let at = draft.find(ibid).unwrap();
            let result = client.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": columns.position(draft, at + ibid.chars().next().map_or(0, char::len_utf8))}),
            );
            let value = result["contents"]["value"].as_str().unwrap_or_default();
            assert!(value.contains(source), "{columns:?}: {result:#}");
            assert_eq!(
                result["range"],
                columns.range(draft, at..at + ibid.len()),
                "{columns:?}"
            );
        }
    }
}

#[test]
fn the_italic_openers_setting_turns_opener_rules_on_for_arabic() {
    let mut client = Client::start(Options {
        initialization_options: json!({"italicOpeners": "always"}),
        ..Options::pulling()
    });
    let uri = uri("italic-openers.md");
    client.open(&uri, ARABIC);
    let items = client.pull_diagnostics(&uri)["items"].clone();
    let first = &items.as_array().unwrap()[0];
    assert_eq!(first["code"], "opener-not-italic");
    assert_eq!(first["message"], "opener “إذ تشير” is not in italics");
    let at = ARABIC.find("إذ تشير").unwrap();
    assert_eq!(
        first["range"],
        Columns::Utf16.range(ARABIC, at..at + "إذ تشير".len())
    );
}

/// The completion items at `offset` (UTF-16 positions).
fn complete(client: &mut Client, uri: &str, text: &str, offset: usize) -> Vec<Value> {
    let result = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": utf16_position(text, offset)}),
    );
    match &result {
        Value::Array(items) => items.clone(),
        _ => result["items"].as_array().cloned().unwrap_or_default(),
    }
}

#[test]
fn completion_writes_openers_as_each_language_does() {
    // Arabic: a new operative paragraph gets `5 - ` and a roman opener.
    let arabic = ARABIC.replacen("\n\n5 - ترحب", "\n\nترح\n\n5 - ترحب", 1);
    let mut client = Client::start(Options::pulling());
    let arabic_uri = uri("complete-ar.md");
    client.open(&arabic_uri, &arabic);
    let cursor = arabic.find("\nترح\n").unwrap() + "\nترح".len();
    let items = complete(&mut client, &arabic_uri, &arabic, cursor);
    let item = items
        .iter()
        .find(|i| i["label"] == "ترحب")
        .unwrap_or_else(|| panic!("ترحب among {items:#?}"));
    assert_eq!(item["textEdit"]["newText"], "5 - ترحب ");
    assert_eq!(
        item["textEdit"]["range"],
        Columns::Utf16.range(&arabic, cursor - "ترح".len()..cursor)
    );

    // Russian: openers in lower case, in italics.
    let russian = include_str!("fixtures/drafts/languages/ru.md").replacen(
        "\n\n*признавая*",
        "\n\nпризн\n\n*признавая*",
        1,
    );
    let russian_uri = uri("complete-ru.md");
    client.open(&russian_uri, &russian);
    let cursor = russian.find("\nпризн\n").unwrap() + "\nпризн".len();
    let items = complete(&mut client, &russian_uri, &russian, cursor);
    let item = items
        .iter()
        .find(|i| i["label"] == "признавая")
        .unwrap_or_else(|| panic!("признавая among {items:#?}"));
    assert_eq!(item["textEdit"]["newText"], "*признавая* ");
}
