//! The reproductions of issue 13, each as a drafter would make it in the reference draft (CCPCJ
//! resolution 21/3, its two roman Ibid.s italicized so that it starts clean): the one or two
//! diagnostics each deserves, and what `check --fix` makes of it (a repair, or nothing).

mod common;

use common::diagnostics;
use resolution_engine::{check, fix_all, Config, Document};

const REFERENCE: &str = include_str!("../../../tests/fixtures/drafts/ccpcj-21-3.md");
const DECLARATION: &str = include_str!("../../../tests/fixtures/drafts/corpus/en-a-res-73-1.md");

fn clean() -> String {
    REFERENCE
        .replace("<sup>12</sup> Ibid.", "<sup>12</sup> *Ibid.*")
        .replace("<sup>13</sup> Ibid.", "<sup>13</sup> *Ibid.*")
}

fn with(from: &str, to: &str) -> String {
    let text = clean();
    assert!(text.contains(from), "{from:?}");
    text.replacen(from, to, 1)
}

/// The text after `check --fix`, and what is left.
fn fixed(text: &str) -> (String, Vec<String>) {
    let fixed = fix_all(text, &Config::default(), None);
    let left = diagnostics(&fixed.text);
    (fixed.text, left)
}

#[test]
fn a_new_footnote_numbered_after_the_last_and_referenced_early_is_one_diagnostic() {
    let text = with(
        "committed internationally,",
        "committed internationally,<sup>14</sup>",
    )
    .replacen(
        "<sup>6</sup> General Assembly resolution 60/288.",
        "<sup>6</sup> General Assembly resolution 60/288.\n\n<sup>14</sup> General Assembly resolution 55/25, annex I.",
        1,
    );
    assert_eq!(
        diagnostics(&text),
        ["15:335-15:337 footnote-order: footnote 14 comes before footnote 7 in reading order"]
    );
    let (repaired, left) = fixed(&text);
    assert_eq!(left, Vec::<String>::new());
    assert!(repaired.contains("internationally,<sup>7</sup>"));
    assert!(repaired.contains("<sup>7</sup> General Assembly resolution 55/25, annex I."));
    assert!(repaired.contains("<sup>14</sup> *Ibid.*, vol. 2178, No. 38349."));
}

#[test]
fn an_operative_paragraph_left_in_the_preamble_is_one_diagnostic_on_it() {
    let text = with(
        "*Recalling* the provisions of the 1988",
        "1. *Requests* the Secretary-General to submit a report;\n\n*Recalling* the provisions of the 1988",
    );
    assert_eq!(
        diagnostics(&text),
        ["17:4-17:14 opener-misplaced: operative paragraph (“Requests”) in the preamble: move it to the operative part, or make it preambular"]
    );
    // Where it belongs is the drafter's call: --fix leaves it.
    assert_eq!(fixed(&text).0, text);
}

#[test]
fn a_deleted_definition_at_the_head_of_an_ibid_chain_is_one_diagnostic() {
    let text = with(
        "<sup>2</sup> United Nations, *Treaty Series*, vol. 2225, 2237, 2241 and 2326, No. 39574.\n\n",
        "",
    );
    assert_eq!(
        diagnostics(&text),
        ["11:187-11:188 footnote-undefined: footnote 2 is referenced but never defined"]
    );
    // The placeholder definition is unsafe: --fix leaves it.
    assert_eq!(fixed(&text).0, text);
}

#[test]
fn a_lost_page_break_before_a_footnote_block_is_one_diagnostic_and_fixed() {
    let text = with("---\n\n<sup>1</sup>", "<sup>1</sup>");
    assert_eq!(
        diagnostics(&text),
        ["21:1-21:13 page-break: the footnotes of page 1 have no page break (`---`) before them"]
    );
    assert_eq!(fixed(&text), (clean(), vec![]));
}

#[test]
fn a_doubled_page_break_is_one_diagnostic_and_fixed() {
    let text = with("---\n\n<sup>1</sup>", "---\n\n---\n\n<sup>1</sup>");
    assert_eq!(
        diagnostics(&text),
        ["23:1-23:4 page-break: page break repeated with nothing between: one page ends here, not two"]
    );
    assert_eq!(fixed(&text), (clean(), vec![]));
}

#[test]
fn numbers_and_definitions_as_word_and_pandoc_write_them_are_read() {
    for text in [
        with("2. *Calls upon*", "2.\u{A0}*Calls upon*"),
        with("2. *Calls upon*", "2\\. *Calls upon*"),
        with("<sup>1</sup> *Salvador", "<sup>1</sup>\u{A0}*Salvador"),
    ] {
        assert_eq!(diagnostics(&text), Vec::<String>::new());
        assert_eq!(fixed(&text).0, text);
    }
}

#[test]
fn a_resolution_that_adopts_a_declaration_is_a_draft_with_nothing_to_report() {
    let doc = Document::new(DECLARATION);
    let analysis = resolution_engine::analysis::Analysis::new(&doc, &Config::default(), None);
    assert!(
        analysis.is_draft,
        "the organ line without its comma is found"
    );
    assert!(analysis.structure.embedded_from.is_some());
    assert_eq!(check(&doc, &Config::default(), None), vec![]);
    assert_eq!(fixed(DECLARATION).0, DECLARATION);
    // The declaration's own paragraphs (`1. We, …`) get no rule even when one goes wrong in a way
    // that would be a mistake in the resolution itself.
    let text = DECLARATION.replacen("3. We commit", "7. We commit", 1);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}
