//! Every rule through the protocol: an incremental edit on a line holding emoji, Chinese, Arabic
//! and Cyrillic text creates the rule's diagnostic; where the rule has a fix, the quick fix is
//! applied as incremental changes and the diagnostic goes away. Run in UTF-16 and in UTF-8.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::*;
use serde_json::{json, Value};

const BASE: &str = "*The General Assembly*,

*Recalling* 😀 大会 العربية Ассамблея resolution 60/288,<sup>1</sup>

*Noting* the report 😀 大会 of the Secretary-General,<sup>2</sup>

1. *Decides* 大会 to act;

2. *Requests* 😀 the Secretary-General to report.

---

<sup>1</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.

<sup>2</sup> *Ibid.*, vol. 976, No. 14152.
";

/// (rule, text to replace, replacement, whether the rule's fix clears it)
const CASES: &[(&str, &str, &str, bool)] = &[
    (
        "footnote-undefined",
        "60/288,<sup>1</sup>",
        "60/288,<sup>3</sup>",
        true,
    ),
    (
        "footnote-unused",
        "No. 14152.\n",
        "No. 14152.\n\n<sup>3</sup> A/73/334.\n",
        true,
    ),
    (
        "footnote-duplicate",
        "<sup>2</sup> *Ibid.*",
        "<sup>1</sup> A/1/1.\n\n<sup>2</sup> *Ibid.*",
        false,
    ),
    (
        "footnote-order",
        "60/288,<sup>1</sup>",
        "60/288,<sup>2</sup> and 61/1,<sup>1</sup>",
        true,
    ),
    (
        "footnote-repeated",
        "Secretary-General,<sup>2</sup>",
        "Secretary-General,<sup>2</sup> and 60/288,<sup>1</sup>",
        false,
    ),
    (
        "footnote-page",
        "\n\n1. *Decides*",
        "\n\n---\n\n1. *Decides*",
        true,
    ),
    (
        "footnote-placement",
        "60/288,<sup>1</sup>",
        "60/288<sup>1</sup>,",
        true,
    ),
    (
        "opener-not-italic",
        "*Noting* the report",
        "Noting the report",
        true,
    ),
    (
        "opener-partial",
        "*Requests* 😀 the",
        "*Calls* upon 😀 the",
        true,
    ),
    (
        "opener-spacing",
        "*Noting* the report",
        "*Noting *the report",
        true,
    ),
    (
        "opener-misplaced",
        "*Noting* the report",
        "*Requests* the report",
        false,
    ),
    (
        "opener-unknown",
        "*Noting* the report",
        "*Notting* the report",
        false,
    ),
    (
        "preamble-punctuation",
        "Secretary-General,<sup>2</sup>",
        "Secretary-General;<sup>2</sup>",
        true,
    ),
    (
        "operative-punctuation",
        "大会 to act;",
        "大会 to act,",
        true,
    ),
    (
        "operative-numbering",
        "2. *Requests*",
        "3. *Requests*",
        true,
    ),
    (
        "ibid-no-antecedent",
        "United Nations, *Treaty Series*, vol. 2225",
        "*Ibid.*, vol. 2225",
        true,
    ),
    (
        "ibid-after-note",
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "Some countries have identified links.",
        false,
    ),
    (
        "ibid-after-multiple",
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "General Assembly resolution 60/288; see also resolution 62/272.",
        false,
    ),
    (
        "ibid-style",
        "<sup>2</sup> *Ibid.*",
        "<sup>2</sup> ibid.",
        true,
    ),
    (
        "ibid-locator-mismatch",
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "General Assembly resolution 60/288.",
        false,
    ),
    (
        "ibid-redundant",
        "*Ibid.*, vol. 976",
        "United Nations, *Treaty Series*, vol. 976",
        true,
    ),
];

fn count(items: &Value, rule: &str) -> usize {
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == rule)
        .count()
}

fn every_rule_through_the_protocol(columns: Columns) {
    let encodings = match columns {
        Columns::Utf16 => json!(["utf-16"]),
        Columns::Utf8 => json!(["utf-8"]),
    };
    let mut client = Client::spawn();
    let result = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "capabilities": {"general": {"positionEncodings": encodings}, "textDocument": {"diagnostic": {}}},
            // Turns footnote-repeated on; nothing in BASE repeats a footnote.
            "initializationOptions": {"footnoteRepeats": "new-footnote"},
        }),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], encodings[0]);
    client.notify("initialized", json!({}));

    for (n, (rule, needle, replacement, fixable)) in CASES.iter().enumerate() {
        let uri = uri(&format!("rule-{n}.md"));
        client.open(&uri, BASE);
        assert_eq!(
            client.pull_diagnostics(&uri)["items"],
            json!([]),
            "{rule}: BASE is clean"
        );

        let start = BASE
            .find(needle)
            .unwrap_or_else(|| panic!("{rule}: {needle:?} in BASE"));
        let range = json!({"start": columns.position(BASE, start), "end": columns.position(BASE, start + needle.len())});
        client.change(&uri, 2, json!([{"range": range, "text": replacement}]));
        let text = BASE.replacen(needle, replacement, 1);
        let items = client.pull_diagnostics(&uri)["items"].clone();
        let found: Vec<&Value> = items
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == *rule)
            .collect();
        assert!(
            !found.is_empty(),
            "{rule}: not reported after the edit; got {items:#}"
        );
        let diagnostic = found[0].clone();
        // Its range lies within the text, on character boundaries the client can map.
        let (from, to) = (
            columns.offset(&text, &diagnostic["range"]["start"]),
            columns.offset(&text, &diagnostic["range"]["end"]),
        );
        assert!(from <= to && to <= text.len(), "{rule}: {diagnostic}");
        assert_eq!(
            columns.position(&text, from),
            diagnostic["range"]["start"],
            "{rule}: start column"
        );
        assert_eq!(
            columns.position(&text, to),
            diagnostic["range"]["end"],
            "{rule}: end column"
        );

        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic], "only": ["quickfix"]}}),
        );
        let quick_fix = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| {
                a["diagnostics"][0]["code"] == *rule
                    && a["diagnostics"][0]["range"] == diagnostic["range"]
            })
            .cloned();
        assert_eq!(
            quick_fix.is_some(),
            *fixable,
            "{rule}: quick fix offered? {actions:#}"
        );
        let Some(action) = quick_fix else { continue };
        assert_eq!(action["kind"], "quickfix");
        // The fix's edits, sent back as incremental changes from the end of the text backwards.
        let mut edits = action["edit"]["changes"][&uri].as_array().unwrap().clone();
        edits.sort_by_key(|e| std::cmp::Reverse(columns.offset(&text, &e["range"]["start"])));
        let changes: Vec<Value> = edits
            .iter()
            .map(|e| json!({"range": e["range"], "text": e["newText"]}))
            .collect();
        client.change(&uri, 3, json!(changes));
        let after = client.pull_diagnostics(&uri)["items"].clone();
        assert!(
            count(&after, rule) < found.len(),
            "{rule}: still {} after its fix: {after:#}",
            count(&after, rule)
        );
    }
}

#[test]
fn every_rule_created_and_fixed_by_incremental_edits_in_utf16() {
    every_rule_through_the_protocol(Columns::Utf16);
}

#[test]
fn every_rule_created_and_fixed_by_incremental_edits_in_utf8() {
    every_rule_through_the_protocol(Columns::Utf8);
}
