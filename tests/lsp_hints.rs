//! Inlay hints end to end: after each Ibid., the footnote of the full citation it stands for,
//! against the real binary over stdio, in UTF-16 and UTF-8 columns.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::*;
use serde_json::{json, Value};

const REFERENCE: &str = include_str!("fixtures/drafts/ccpcj-21-3.md");

fn start(columns: Columns) -> Client {
    Client::start(Options {
        position_encodings: vec![match columns {
            Columns::Utf16 => "utf-16",
            Columns::Utf8 => "utf-8",
        }],
        ..Options::default()
    })
}

fn hints(client: &mut Client, uri: &str, range: Value) -> Value {
    client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": range}),
    )
}

fn whole(text: &str) -> Value {
    let lines = text.lines().count();
    json!({"start": {"line": 0, "character": 0}, "end": {"line": lines + 1, "character": 0}})
}

/// Each hint as (line, character, label).
fn summary(hints: &Value) -> Vec<(u64, u64, String)> {
    hints
        .as_array()
        .unwrap_or_else(|| panic!("a list of hints: {hints}"))
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_u64().unwrap(),
                h["position"]["character"].as_u64().unwrap(),
                h["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The line of the first line starting with `prefix` (0-based).
fn line_of(text: &str, prefix: &str) -> u64 {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("a line starting with {prefix}")) as u64
}

#[test]
fn the_reference_drafts_ibids_show_the_footnote_they_stand_for() {
    let mut client = start(Columns::Utf16);
    let uri = uri("hints-reference.md");
    client.open(&uri, REFERENCE);
    let found = hints(&mut client, &uri, whole(REFERENCE));
    // Footnotes 3 to 5 follow 2; 10 to 13 follow 9. `<sup>3</sup> *Ibid.*` is 20 characters,
    // `<sup>12</sup> Ibid.` 19: the hint sits after the closing `*` of an italic Ibid.
    let line = |n: &str| line_of(REFERENCE, &format!("<sup>{n}</sup>"));
    assert_eq!(
        summary(&found),
        vec![
            (line("3"), 20, "→ 2".to_owned()),
            (line("4"), 20, "→ 2".to_owned()),
            (line("5"), 20, "→ 2".to_owned()),
            (line("10"), 21, "→ 9".to_owned()),
            (line("11"), 21, "→ 9".to_owned()),
            (line("12"), 19, "→ 9".to_owned()),
            (line("13"), 19, "→ 9".to_owned()),
        ]
    );
    assert_eq!(
        found[0],
        json!({
            "position": {"line": line("3"), "character": 20},
            "label": "→ 2",
            "tooltip": "Ibid. in footnote 3 stands for footnote 2: United Nations, *Treaty Series*, vol. 2225, 2237, 2241 and 2326, No. 39574.",
            "paddingLeft": true,
        })
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn only_the_requested_range_gets_hints() {
    let mut client = start(Columns::Utf16);
    let uri = uri("hints-range.md");
    client.open(&uri, REFERENCE);
    let line = |n: &str| line_of(REFERENCE, &format!("<sup>{n}</sup>"));
    // From the start of footnote 10's line to the end of footnote 11's.
    let range = json!({
        "start": {"line": line("10"), "character": 0},
        "end": {"line": line("11"), "character": 40},
    });
    assert_eq!(
        summary(&hints(&mut client, &uri, range)),
        vec![
            (line("10"), 21, "→ 9".to_owned()),
            (line("11"), 21, "→ 9".to_owned()),
        ]
    );
    // A range that ends before the Ibid. word does: no hint for it.
    let range = json!({
        "start": {"line": line("12"), "character": 0},
        "end": {"line": line("12"), "character": 18},
    });
    assert_eq!(summary(&hints(&mut client, &uri, range)), vec![]);
    // The preamble alone: none.
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 15, "character": 0}});
    assert_eq!(summary(&hints(&mut client, &uri, range)), vec![]);
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

const RUSSIAN: &str = "*Генеральная Ассамблея*,

*ссылаясь* на доклад,<sup>1</sup> на конвенцию 🌍,<sup>2</sup> и на записку,[^справка]

1. *постановляет* продолжать заниматься этим вопросом.

---

<sup>1</sup> A/79/280, раздел IV.

<sup>2</sup> *Там же*, раздел V.

[^справка]: Там же, раздел VI.
";

const CHINESE: &str = "*大会*，

*回顾*报告<sup>1</sup>和说明<sup>2</sup>，

1. *决定*继续处理此案。

---

<sup>1</sup> A/79/280，第四节。

<sup>2</sup> 同上，第五节。
";

const ARABIC: &str = "*إن الجمعية العامة*،

*إذ تشير* إلى التقرير،<sup>1</sup> وإلى المذكرة،<sup>2</sup>

1 - *تقرر* أن تبقي المسألة قيد نظرها.

---

<sup>1</sup> A/79/280، الفرع رابعا.

<sup>2</sup> المرجع نفسه، الفرع خامسا.
";

const EMOJI: &str = "*The General Assembly*,

*Recalling* the report 📘,<sup>1</sup> and the note,[^📎]

1. *Decides* to act.

---

<sup>1</sup> A/79/280, sect. IV.

[^📎]: *Ibid.*, sect. V.
";

/// The position just past the `nth` occurrence of `token` in the columns of the session.
fn after(columns: Columns, text: &str, token: &str, nth: usize) -> Value {
    let at = text.match_indices(token).nth(nth).expect(token).0 + token.len();
    columns.position(text, at)
}

#[test]
fn positions_follow_the_negotiated_encoding_in_every_script() {
    for columns in [Columns::Utf16, Columns::Utf8] {
        let mut client = start(columns);
        // Each draft's Ibid. tokens, every one standing for footnote 1.
        let cases: [(&str, &str, Vec<&str>); 4] = [
            (
                "hints-ru.md",
                RUSSIAN,
                vec!["<sup>2</sup> *Там же*", "[^справка]: Там же"],
            ),
            ("hints-zh.md", CHINESE, vec!["<sup>2</sup> 同上"]),
            ("hints-ar.md", ARABIC, vec!["<sup>2</sup> المرجع نفسه"]),
            ("hints-emoji.md", EMOJI, vec!["[^📎]: *Ibid.*"]),
        ];
        for (name, text, tokens) in cases {
            let uri = uri(name);
            client.open(&uri, text);
            let found = hints(&mut client, &uri, whole(text));
            let expected: Vec<Value> = tokens
                .iter()
                .map(|token| json!([after(columns, text, token, 0), "→ 1"]))
                .collect();
            let got: Vec<Value> = found
                .as_array()
                .unwrap()
                .iter()
                .map(|h| json!([h["position"], h["label"]]))
                .collect();
            assert_eq!(got, expected, "{name} in {columns:?}");
        }
        client.shutdown_and_exit();
    }
    // Spelled out: `<sup>2</sup> 同上` ends at character 15 in UTF-16 and byte 19 in UTF-8;
    // `[^справка]: Там же` at 18 and 30.
    assert_eq!(
        after(Columns::Utf16, CHINESE, "<sup>2</sup> 同上", 0)["character"],
        15
    );
    assert_eq!(
        after(Columns::Utf8, CHINESE, "<sup>2</sup> 同上", 0)["character"],
        19
    );
    assert_eq!(
        after(Columns::Utf8, RUSSIAN, "[^справка]: Там же", 0)["character"],
        30
    );
    assert_eq!(
        after(Columns::Utf16, RUSSIAN, "[^справка]: Там же", 0)["character"],
        18
    );
    // `[^📎]: *Ibid.*`: the emoji is two UTF-16 units and four bytes.
    assert_eq!(
        after(Columns::Utf16, EMOJI, "[^📎]: *Ibid.*", 0)["character"],
        14
    );
    assert_eq!(
        after(Columns::Utf8, EMOJI, "[^📎]: *Ibid.*", 0)["character"],
        16
    );
}

#[test]
fn nothing_for_an_ibid_that_stands_for_nothing_nor_in_other_files() {
    let mut client = start(Columns::Utf16);
    // Footnote 1 is an Ibid. with nothing before it; 3 follows a note.
    let broken = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c<sup>3</sup>\n\n1. *Decides* to act.\n\n---\n\n<sup>1</sup> *Ibid.*\n\n<sup>2</sup> Some countries have a point of their own.\n\n<sup>3</sup> *Ibid.*\n";
    let broken_uri = uri("hints-broken.md");
    client.open(&broken_uri, broken);
    assert_eq!(hints(&mut client, &broken_uri, whole(broken)), json!([]));
    let readme = "# Notes\n\nA claim.<sup>1</sup> Another.<sup>2</sup>\n\n<sup>1</sup> A/73/334.\n\n<sup>2</sup> Ibid.\n";
    let uri = uri("README.md");
    client.open(&uri, readme);
    assert_eq!(hints(&mut client, &uri, whole(readme)), json!([]));
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[test]
fn the_setting_turns_them_off_and_on() {
    let mut client = Client::start(Options {
        initialization_options: json!({"resolution-ls": {"inlayHints": false}}),
        ..Options::default()
    });
    let uri = uri("hints-off.md");
    client.open(&uri, REFERENCE);
    assert_eq!(hints(&mut client, &uri, whole(REFERENCE)), Value::Null);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"resolution-ls": {"inlayHints": true}}}),
    );
    assert_eq!(
        summary(&hints(&mut client, &uri, whole(REFERENCE))).len(),
        7
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}
