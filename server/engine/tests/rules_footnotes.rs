//! The footnote rules, each shown firing and staying silent (`docs/format.md#footnote-rules`).

mod common;

use common::*;
use resolution_engine::config::FootnoteRepeats;
use resolution_engine::Config;

#[test]
fn footnote_undefined_fires_with_a_stub_in_the_right_block() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "1. *Decides* to act;<sup>2</sup>",
        "2. *Requests* a report.",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
    ]);
    assert_eq!(
        diagnostics(&text),
        ["5:26-5:27 footnote-undefined: footnote 2 is referenced but never defined"]
    );
    assert_eq!(
        fixed(&text, "footnote-undefined"),
        text.replace(
            "<sup>1</sup> General Assembly resolution 60/288.",
            "<sup>1</sup> General Assembly resolution 60/288.\n\n<sup>2</sup> TODO: text of footnote 2."
        )
    );
}

#[test]
fn footnote_undefined_is_silent_when_defined_and_in_code_spans() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup> and the `[^x]` syntax,",
        "*Decides* to act at 12:00[^a] today.",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "[^a]: A note on the time\n    that runs on an indented line.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn footnote_unused_fires_and_deletes_the_definition() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Decides* to act.",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>2</sup> General Assembly resolution 62/272.",
    ]);
    assert_eq!(
        diagnostics(&text),
        ["11:1-11:13 footnote-unused: footnote 2 is defined but never referenced"]
    );
    assert_eq!(
        fixed(&text, "footnote-unused"),
        text.replace("\n\n<sup>2</sup> General Assembly resolution 62/272.", "")
    );
}

#[test]
fn footnote_duplicate_fires_with_the_first_as_related() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Decides* to act.",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>1</sup> General Assembly resolution 62/272.",
    ]);
    let (doc, found) = run(&text, &Config::default());
    assert_eq!(
        found.iter().map(|d| show(&doc, d)).collect::<Vec<_>>(),
        ["11:1-11:13 footnote-duplicate: footnote 1 is defined more than once"]
    );
    assert_eq!(
        found[0].related[0].message,
        "first definition of footnote 1"
    );
    assert_eq!(&text[found[0].related[0].range.clone()], "<sup>1</sup>");
    assert!(text[..found[0].related[0].range.start].ends_with("---\n\n"));
    assert_eq!(found[0].fix, None);
}

#[test]
fn footnote_order_fires_on_skip_and_go_back_and_renumbers() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Noting* the report,<sup>3</sup>",
        "*Decides* to act.<sup>2</sup>",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>2</sup> General Assembly resolution 62/272.",
        "<sup>3</sup> A/73/334.",
    ]);
    assert_eq!(
        diagnostics(&text),
        // One footnote is out of place: 3 (the longest run in order is 1, 2).
        ["5:26-5:27 footnote-order: footnote 3 comes before footnote 2 in reading order"]
    );
    let fixed = fixed(&text, "footnote-order");
    assert!(fixed.contains("*Noting* the report,<sup>2</sup>"));
    assert!(fixed.contains("*Decides* to act.<sup>3</sup>"));
    assert!(fixed.contains("<sup>3</sup> General Assembly resolution 62/272."));
    assert!(fixed.contains("<sup>2</sup> A/73/334."));
    assert_eq!(
        diagnostics_of(&fixed, "footnote-order"),
        Vec::<String>::new()
    );
}

#[test]
fn footnote_order_reports_a_missing_number_once_where_the_run_skips_it() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Noting* the report,<sup>2</sup>",
        "*Decides* to act.<sup>4</sup><sup>5</sup>",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>2</sup> General Assembly resolution 62/272.",
        "<sup>4</sup> A/73/334.",
        "<sup>5</sup> A/73/335.",
    ]);
    assert_eq!(
        diagnostics(&text),
        ["7:23-7:24 footnote-order: footnote 4 skips footnote 3 in reading order"]
    );
    // A number that another footnote explains is not missing: an unreferenced definition (which
    // footnote-unused reports) or an undefined reference (footnote-undefined).
    let unused = text.replace(
        "<sup>5</sup> A/73/335.",
        "<sup>5</sup> A/73/335.\n\n<sup>3</sup> A/1.",
    );
    assert_eq!(
        diagnostics(&unused),
        ["19:1-19:13 footnote-unused: footnote 3 is defined but never referenced"]
    );
    let undefined = text.replace(
        "the report,<sup>2</sup>",
        "the report,<sup>2</sup><sup>3</sup>",
    );
    assert_eq!(
        diagnostics(&undefined),
        ["5:38-5:39 footnote-undefined: footnote 3 is referenced but never defined"]
    );
}

#[test]
fn footnote_undefined_is_one_diagnostic_with_the_other_references_related() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Noting* the report,<sup>2</sup> and resolution 60/288,<sup>2</sup>",
        "*Decides* to act.<sup>2</sup>",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
    ]);
    let (doc, found) = run(&text, &Config::default());
    assert_eq!(
        found.iter().map(|d| show(&doc, d)).collect::<Vec<_>>(),
        ["5:26-5:27 footnote-undefined: footnote 2 is referenced but never defined"]
    );
    let related: Vec<(String, &str)> = found[0]
        .related
        .iter()
        .map(|r| {
            let at = doc
                .text()
                .position(r.range.start, resolution_engine::Encoding::Utf32);
            (
                format!("{}:{}", at.line + 1, at.col + 1),
                r.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        related,
        [
            ("5:61".to_owned(), "footnote 2 is referenced here too"),
            ("7:23".to_owned(), "footnote 2 is referenced here too"),
        ]
    );
}

#[test]
fn footnote_order_is_silent_on_a_repeated_reference() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Noting* the report,<sup>2</sup> and resolution 60/288,<sup>1</sup>",
        "*Decides* to act.",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>2</sup> A/73/334.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn footnote_repeated_is_off_by_default_and_fires_in_the_current_style() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Noting* the report,<sup>2</sup> and resolution 60/288,<sup>1</sup>",
        "*Decides* to act.",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>2</sup> A/73/334.",
    ]);
    assert_eq!(
        diagnostics_of(&text, "footnote-repeated"),
        Vec::<String>::new()
    );
    let config = Config {
        footnote_repeats: FootnoteRepeats::NewFootnote,
        ..Config::default()
    };
    assert_eq!(
        diagnostics_with(&text, &config),
        ["5:61-5:62 footnote-repeated: footnote 1 is referenced again; the current style gives each reference a new footnote"]
    );
}

#[test]
fn footnote_page_fires_and_moves_the_definition() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>2</sup> A/73/334.",
        "*Decides* to act.<sup>2</sup>",
        "---",
    ]);
    assert_eq!(
        diagnostics(&text),
        ["9:1-9:13 footnote-page: footnote 2 is referenced on page 2 but defined in the footnotes of page 1"]
    );
    let fixed = fixed(&text, "footnote-page");
    assert!(
        fixed.ends_with("*Decides* to act.<sup>2</sup>\n\n---\n\n<sup>2</sup> A/73/334.\n"),
        "{fixed}"
    );
    assert_eq!(diagnostics(&fixed), Vec::<String>::new());
}

#[test]
fn footnote_page_is_silent_for_a_footnote_running_past_a_page_break() {
    // Footnote 1 starts on page 1 and runs on at the head of page 2's footnote block.
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup> and the report of the Secretary-General on the",
        "---",
        "<sup>1</sup> See the discussion of the subject in",
        "work of the Organization,<sup>2</sup>",
        "*Decides* to act.",
        "---",
        "the report of the Secretary-General (A/73/1).",
        "<sup>2</sup> A/73/334.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn footnote_placement_fires_in_english_and_french() {
    let english = draft(&[
        "*Recalling* the Protocols thereto<sup>1</sup>, and the Convention,",
        "*Decides* to act.",
        "---",
        "<sup>1</sup> A/73/334.",
    ]);
    assert_eq!(
        diagnostics(&english),
        ["3:34-3:46 footnote-placement: footnote marker <sup>1</sup> goes after the punctuation in English (“,”)"]
    );
    assert!(fixed(&english, "footnote-placement").contains("thereto,<sup>1</sup> and"));

    let french = "*L'Assemblée générale*,\n\n*Rappelant* les Protocoles s'y rapportant,<sup>1</sup>\n\n*Décide* d'agir.\n\n---\n\n<sup>1</sup> A/73/334.\n";
    assert_eq!(
        diagnostics(french),
        ["3:43-3:55 footnote-placement: footnote marker <sup>1</sup> goes before the punctuation in French (“,”)"]
    );
    assert!(fixed(french, "footnote-placement").contains("rapportant<sup>1</sup>,"));
}

#[test]
fn footnote_placement_is_silent_after_quotes_and_times() {
    let text = draft(&[
        "*Recalling* its resolution entitled “Corruption”<sup>1</sup> and the meeting at 12:00[^a] today,",
        "*Decides* to act.<sup>2</sup>",
        "---",
        "<sup>1</sup> A/73/334.",
        "<sup>2</sup> A/73/335.",
        "[^a]: New York time.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn footnote_unused_is_silent_when_every_definition_is_referenced() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Decides* to act at once.[^a]",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "[^a]: A note on the time.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn footnote_duplicate_is_silent_when_each_footnote_is_defined_once() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Noting* the report,<sup>2</sup>",
        "*Decides* to act.",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>2</sup> General Assembly resolution 62/272.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn footnote_repeated_is_silent_in_the_current_style_when_each_reference_is_new() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Noting* the report,<sup>2</sup> and resolution 60/288,<sup>3</sup>",
        "*Decides* to act.",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "<sup>2</sup> A/73/334.",
        "<sup>3</sup> General Assembly resolution 60/288.",
    ]);
    let config = Config {
        footnote_repeats: FootnoteRepeats::NewFootnote,
        ..Config::default()
    };
    assert_eq!(diagnostics_with(&text, &config), Vec::<String>::new());
}
