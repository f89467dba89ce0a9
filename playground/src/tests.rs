//! The page's API on the host: what crosses to JavaScript, offsets in UTF-16 code units.

use serde_json::Value;

use super::*;

const REFERENCE: &str = include_str!("../../tests/fixtures/drafts/ccpcj-21-3.md");
const FRENCH: &str = include_str!("../../tests/fixtures/drafts/languages/fr.md");

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the API gives JSON")
}

fn opened(text: &str) -> Playground {
    let mut playground = Playground::new();
    playground.open(text);
    playground
}

/// The UTF-16 offset of `needle`'s first occurrence, as JavaScript's `indexOf` gives it.
fn js_index(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("the needle is in the text");
    text[..byte].encode_utf16().count()
}

fn diagnostics(playground: &mut Playground) -> Vec<Value> {
    json(&playground.check())["diagnostics"]
        .as_array()
        .expect("a list of diagnostics")
        .clone()
}

fn rules_of(found: &[Value]) -> Vec<String> {
    found
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Applies `changes` as the page does: each against the text the ones before it left, in order
/// (the page sends one transaction's changes the same way).
fn apply(playground: &mut Playground, changes: &Value) {
    let changes = changes.as_array().expect("a list of changes");
    // The changes are in the original text's offsets, in order and not overlapping: applied from
    // the last one back, each one's offsets still hold.
    for change in changes.iter().rev() {
        let from = change["from"].as_u64().unwrap_or_default() as usize;
        let to = change["to"].as_u64().unwrap_or_default() as usize;
        playground.edit(from, to, change["insert"].as_str().unwrap_or_default());
    }
}

#[test]
fn the_reference_draft_gives_its_two_ibid_style_warnings_at_footnotes_12_and_13() {
    let mut playground = opened(REFERENCE);
    let found = diagnostics(&mut playground);
    assert_eq!(rules_of(&found), ["ibid-style", "ibid-style"]);
    assert_eq!(
        found.iter().map(|d| d["line"].as_u64()).collect::<Vec<_>>(),
        [Some(71), Some(73)]
    );
    let first = &found[0];
    assert_eq!(first["severity"], "warning");
    assert_eq!(
        first["message"],
        "“Ibid.” in footnote 12 should be written *Ibid.* (in italics, as in the rest of this draft)"
    );
    let at = js_index(REFERENCE, "Ibid., vol. 1582");
    assert_eq!(first["from"], at);
    assert_eq!(first["to"], at + "Ibid.".len());
    assert_eq!(first["fix"]["title"], "Write every Ibid. as *Ibid.*");
    assert_eq!(first["fix"]["safe"], true);
}

#[test]
fn offsets_are_utf16_code_units_past_arabic_chinese_and_emoji() {
    // Before the mistake: Arabic (2 UTF-8 bytes, 1 UTF-16 unit a letter), Chinese (3 bytes, 1
    // unit) and emoji (4 bytes, 2 units): byte offsets would land far off in JavaScript.
    let draft = "*The General Assembly*,\n\n*Recalling* المرجع 大会 🌍🇺🇳 text,\n\n1. *Decides* to act 🎉;\n\n2. Requests 大会 the Secretary-General to report.\n";
    let mut playground = opened(draft);
    let found = diagnostics(&mut playground);
    let opener = found
        .iter()
        .find(|d| d["rule"] == "opener-not-italic")
        .expect("the unitalicized opener is reported");
    let at = js_index(draft, "Requests");
    assert_eq!(opener["from"], at);
    assert_eq!(opener["to"], at + "Requests".len());
    assert_eq!(opener["line"], 7);

    let text = SourceText::new(draft);
    for (needle, units) in [("المرجع", 6), ("大会", 2), ("🌍", 2), ("🇺🇳", 4)] {
        let byte = draft.find(needle).expect("in the draft");
        let utf16 = js_index(draft, needle);
        assert_eq!(utf16_offset(&text, byte), utf16, "{needle}");
        assert_eq!(byte_offset(&text, utf16), byte, "{needle}");
        assert_eq!(
            utf16_offset(&text, byte + needle.len()),
            utf16 + units,
            "{needle}"
        );
    }
    // Half a surrogate pair, or a byte inside a character, lands at the character's start.
    let globe = draft.find('🌍').expect("in the draft");
    assert_eq!(byte_offset(&text, js_index(draft, "🌍") + 1), globe);
    assert_eq!(utf16_offset(&text, globe + 1), js_index(draft, "🌍"));
    // Past the end clamps.
    assert_eq!(byte_offset(&text, usize::MAX), draft.len());
    assert_eq!(
        utf16_offset(&text, usize::MAX),
        draft.encode_utf16().count()
    );
}

#[test]
fn an_edit_in_utf16_offsets_lands_where_javascript_put_it() {
    let draft = "*The General Assembly*,\n\n*Recalling* 🌍 大会 المرجع,\n";
    let mut playground = opened(draft);
    let at = js_index(draft, "大会");
    playground.edit(at, at + 2, "中文");
    assert_eq!(
        playground.text(),
        "*The General Assembly*,\n\n*Recalling* 🌍 中文 المرجع,\n"
    );
    let at = js_index(&playground.text(), "المرجع");
    playground.edit(at, at + "المرجع".encode_utf16().count(), "");
    assert_eq!(
        playground.text(),
        "*The General Assembly*,\n\n*Recalling* 🌍 中文 ,\n"
    );
}

#[test]
fn typing_an_unitalicized_opener_is_reported_at_once_and_its_quick_fix_clears_it() {
    let mut playground = opened(REFERENCE);
    diagnostics(&mut playground);
    // A new preambular paragraph typed before the first one, key by key.
    let at = js_index(REFERENCE, "*Emphasizing*");
    let typed = "Recalling its resolution 20/1,\n\n";
    for (i, c) in typed.chars().enumerate() {
        playground.edit(at + i, at + i, &c.to_string());
        diagnostics(&mut playground);
    }
    let checked = json(&playground.check());
    let found = checked["diagnostics"].as_array().expect("a list").clone();
    assert_eq!(
        rules_of(&found),
        ["opener-not-italic", "ibid-style", "ibid-style"]
    );
    let opener = &found[0];
    assert_eq!(opener["message"], "opener “Recalling” is not in italics");
    assert_eq!(opener["from"], at);
    assert_eq!(opener["to"], at + "Recalling".len());

    let actions = json(&playground.fixes_at(at, at));
    let quick_fix = actions
        .as_array()
        .expect("a list of actions")
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix")
        .clone();
    assert_eq!(quick_fix["title"], "Italicize “Recalling”");
    assert_eq!(quick_fix["rules"], serde_json::json!(["opener-not-italic"]));
    assert_eq!(quick_fix["safe"], true);
    apply(&mut playground, &quick_fix["changes"]);
    assert!(playground
        .text()
        .contains("*Recalling* its resolution 20/1,"));
    assert_eq!(
        rules_of(&diagnostics(&mut playground)),
        ["ibid-style", "ibid-style"]
    );
}

#[test]
fn the_cache_follows_edits_and_equals_a_fresh_check() {
    let mut playground = opened(REFERENCE);
    diagnostics(&mut playground);
    let at = js_index(REFERENCE, "links between");
    playground.edit(at, at, "x");
    let followed = json(&playground.check());
    assert_eq!(followed["incremental"], true);
    let fresh = json(&opened(&playground.text()).check());
    assert_eq!(fresh["incremental"], false);
    assert_eq!(followed["diagnostics"], fresh["diagnostics"]);
}

#[test]
fn fix_all_leaves_the_reference_draft_clean() {
    let mut playground = opened(REFERENCE);
    let fixed = json(&playground.fix_all());
    assert_eq!(fixed["applied"], 2);
    assert_eq!(fixed["by_rule"], serde_json::json!([["ibid-style", 2]]));
    apply(&mut playground, &fixed["changes"]);
    assert!(playground
        .text()
        .contains("<sup>12</sup> *Ibid.*, vol. 1582, No. 27627."));
    assert_eq!(diagnostics(&mut playground), Vec::<Value>::new());
    // Nothing left to fix: no change.
    assert_eq!(
        json(&playground.fix_all())["changes"],
        serde_json::json!([])
    );
}

#[test]
fn a_fix_all_over_several_rounds_comes_as_one_change_that_gives_the_fixed_text() {
    let draft = "*The General Assembly*,\n\nRecalling its resolution 20/1;\n\n1. Decides to act,\n\n3. *Requests* a report.\n";
    let mut playground = opened(draft);
    let fixed = json(&playground.fix_all());
    apply(&mut playground, &fixed["changes"]);
    assert_eq!(
        playground.text(),
        fix_all(draft, &playground.config, None).text
    );
    assert!(fixed["applied"].as_u64().unwrap_or_default() >= 3);
}

#[test]
fn a_french_draft_is_read_in_french_and_the_picker_overrides_it() {
    let mut playground = opened(FRENCH);
    assert_eq!(playground.language(), "fr");
    assert_eq!(diagnostics(&mut playground), Vec::<Value>::new());
    assert!(playground.set_language("en"));
    assert_eq!(playground.language(), "en");
    assert!(!diagnostics(&mut playground).is_empty());
    assert!(playground.set_language("auto"));
    assert_eq!(playground.language(), "fr");
    assert!(!playground.set_language("xx"));
    assert_eq!(playground.language(), "fr");
}

#[test]
fn hover_on_a_marker_shows_the_footnote_and_on_an_ibid_what_it_resolves_to() {
    let playground = opened(REFERENCE);
    let marker = js_index(REFERENCE, "<sup>1</sup>");
    let hover = json(&playground.hover(marker + "<sup>".len()));
    let markdown = hover["markdown"].as_str().expect("markdown");
    assert!(markdown.starts_with("**Footnote 1**\n\n"), "{markdown}");
    assert_eq!(hover["from"], marker);
    assert_eq!(hover["to"], marker + "<sup>1</sup>".len());

    let ibid = js_index(REFERENCE, "*Ibid.*, vol. 976");
    let hover = json(&playground.hover(ibid + 2));
    let markdown = hover["markdown"].as_str().expect("markdown");
    assert!(
        markdown.starts_with(
            "**Ibid.** in footnote 3 resolves to footnote 2, head of the chain:\n\n> "
        ),
        "{markdown}"
    );
    assert_eq!(playground.hover(0), "null");
}

#[test]
fn the_outline_lists_the_parts_of_the_draft() {
    let playground = opened(REFERENCE);
    let outline = json(&playground.outline());
    let items = outline.as_array().expect("a list");
    let kinds: Vec<&str> = items.iter().filter_map(|i| i["kind"].as_str()).collect();
    assert_eq!(kinds.first(), Some(&"title"));
    assert_eq!(kinds.get(1), Some(&"organ"));
    let first_preamble = items
        .iter()
        .find(|i| i["kind"] == "preamble")
        .expect("a preambular paragraph");
    assert_eq!(first_preamble["name"], "Emphasizing");
    assert_eq!(first_preamble["line"], 9);
    assert_eq!(first_preamble["from"], js_index(REFERENCE, "*Emphasizing*"));
    assert!(items.iter().any(|i| i["kind"] == "operative"));
    assert_eq!(items.iter().filter(|i| i["kind"] == "footnote").count(), 13);
}

#[test]
fn every_rule_comes_with_its_documentation() {
    let rules = json(&Playground::rules());
    let rules = rules.as_array().expect("a list");
    assert_eq!(rules.len(), RULES.len());
    let ibid_style = rules
        .iter()
        .find(|r| r["id"] == "ibid-style")
        .expect("ibid-style");
    assert_eq!(ibid_style["level"], "warning");
    assert!(ibid_style["docs"]
        .as_str()
        .is_some_and(|d| d.starts_with("## ibid-style (warning)")));
    assert!(Playground::guide().starts_with("## One mistake, one diagnostic"));
}
