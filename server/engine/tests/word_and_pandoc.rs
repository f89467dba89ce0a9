//! Text as Word and pandoc leave it (issue 13, item 4): the reference draft (CCPCJ resolution
//! 21/3, its two roman Ibid.s italicized so that it starts clean) with what a paste from Word or
//! a conversion by pandoc writes instead of our plain Markdown reads as the same draft.

mod common;

use common::{diagnostics, diagnostics_of};

const REFERENCE: &str = include_str!("../../../tests/fixtures/drafts/ccpcj-21-3.md");

/// The reference draft with every Ibid. in italics: no diagnostic at all.
fn clean() -> String {
    REFERENCE
        .replace("<sup>12</sup> Ibid.", "<sup>12</sup> *Ibid.*")
        .replace("<sup>13</sup> Ibid.", "<sup>13</sup> *Ibid.*")
}

/// `clean()` with `from` replaced by `to` (which must be there).
fn with(from: &str, to: &str) -> String {
    let text = clean();
    assert!(text.contains(from), "{from:?} is in the draft");
    text.replacen(from, to, 1)
}

#[test]
fn the_clean_draft_has_no_diagnostic() {
    assert_eq!(diagnostics(&clean()), Vec::<String>::new());
}

#[test]
fn a_number_followed_by_a_tab_a_non_breaking_space_or_several_spaces() {
    for space in ["\t", "\u{A0}", "\u{202F}", "  ", " \u{A0}"] {
        let text = with("2. *Calls upon*", &format!("2.{space}*Calls upon*"));
        assert_eq!(diagnostics(&text), Vec::<String>::new(), "{space:?}");
    }
}

#[test]
fn a_number_with_its_dot_escaped_as_pandoc_writes_it() {
    let text = with("2. *Calls upon*", "2\\. *Calls upon*");
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn a_definition_marker_followed_by_a_non_breaking_space_or_a_tab() {
    for space in ["\u{A0}", "\t"] {
        let text = with(
            "<sup>1</sup> *Salvador",
            &format!("<sup>1</sup>{space}*Salvador"),
        );
        assert_eq!(diagnostics(&text), Vec::<String>::new(), "{space:?}");
    }
}

#[test]
fn sub_paragraph_labels_with_word_spaces_and_pandoc_escapes() {
    let base = with(
        "5. *Invites* States to share experiences",
        "5. *Decides* to consider:\n\n(a) The links;\n\n(b) The schemes;\n\n6. *Invites* States to share experiences",
    );
    assert_eq!(diagnostics(&base), Vec::<String>::new());
    for (a, b) in [
        ("(a)\u{A0}The", "(b)\tThe"),
        ("\\(a\\) The", "\\(b\\) The"),
        ("(a)  The", "(b)\u{A0} The"),
    ] {
        let text = base.replacen("(a) The", a, 1).replacen("(b) The", b, 1);
        assert_eq!(diagnostics(&text), Vec::<String>::new(), "{a:?} {b:?}");
    }
}

#[test]
fn underscores_for_italics() {
    let text = clean()
        .replace("*Recalling* the provisions", "_Recalling_ the provisions")
        .replace(
            "*The Commission on Crime Prevention and Criminal Justice,*",
            "_The Commission on Crime Prevention and Criminal Justice,_",
        )
        .replace("<sup>3</sup> *Ibid.*", "<sup>3</sup> _Ibid._");
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends() {
    let text = format!("\u{FEFF}{}", clean().replace('\n', "\r\n"));
    assert_eq!(diagnostics(&text), Vec::<String>::new());
    // Without a title before it, the organ line is the text's first line, right after the mark.
    let organ_first = clean();
    let organ_first = &organ_first[organ_first.find("*The Commission").expect("the organ line")..];
    assert_eq!(
        diagnostics(&format!("\u{FEFF}{organ_first}")),
        Vec::<String>::new()
    );
}

#[test]
fn two_trailing_spaces_of_a_hard_line_break() {
    let text = clean()
        .replace("links,<sup>1</sup>\n", "links,<sup>1</sup>  \n")
        .replace("between them;\n", "between them;  \n");
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn an_ordinal_in_superscript_in_the_meeting_line() {
    let text = with(
        "and their consequences.\n",
        "and their consequences.\n\n28<sup>th</sup> plenary meeting\n27 April 2012\n",
    );
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn a_unit_squared_is_not_a_footnote() {
    let text = with(
        "those links,<sup>1</sup>",
        "those links in an area of 5 km<sup>2</sup>,<sup>1</sup>",
    );
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn a_bold_opener_is_not_italic() {
    let text = with("*Considering* that", "**Considering** that");
    assert_eq!(
        diagnostics_of(&text, "opener-not-italic"),
        ["15:1-15:16 opener-not-italic: opener “Considering” is in bold, not in italics"]
    );
    assert_eq!(diagnostics(&text).len(), 1);
    assert_eq!(
        common::fixed(&text, "opener-not-italic"),
        clean(),
        "the fix makes it italic"
    );
}
