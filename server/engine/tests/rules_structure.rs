//! The structure and punctuation rules (`docs/format.md#structure-and-punctuation-rules`) and the
//! structure the checker infers (`docs/format.md#inferred-structure`).

mod common;

use common::*;
use resolution_engine::refactor::{Refactor, Refactors};
use resolution_engine::{Edit, FixEdits};

#[test]
fn preamble_punctuation_fires_on_a_wrong_or_missing_comma() {
    let text = draft(&[
        "*Recalling* its resolution 60/288;",
        "*Noting* the report of the Secretary-General<sup>1</sup>",
        "*Decides* to act.",
        "---",
        "<sup>1</sup> A/73/334.",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "3:34-3:35 preamble-punctuation: preambular paragraph ends with “;” instead of a comma",
            "5:44-5:45 preamble-punctuation: preambular paragraph does not end with a comma",
        ]
    );
    let fixed = resolution_engine::fix_all(&text, &resolution_engine::Config::default(), None).text;
    assert!(fixed.contains("resolution 60/288,\n"));
    assert!(fixed.contains("Secretary-General,<sup>1</sup>\n"));
}

#[test]
fn preamble_punctuation_is_silent_past_markers_quotes_and_page_breaks() {
    let text = draft(&[
        "*Recalling* its resolution entitled “Preventing and combating corrupt practices”,",
        "*Mindful* of the negative effects on States,<sup>1</sup>",
        "*Emphasizing* the Political Declaration on International Cooperation to Counter",
        "---",
        "<sup>1</sup> Some countries have identified links.",
        "the World Drug Problem, adopted in 2009,",
        "*Decides* to act.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn operative_punctuation_fires_on_each_kind_of_mark() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,",
        "1. *Decides* to act,",
        "2. *Requests* the Secretary-General;",
        "(a) To report;",
        "(b) To act;",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "5:20-5:21 operative-punctuation: operative paragraph ends with “,” instead of a semicolon",
            "7:36-7:37 operative-punctuation: paragraph introducing sub-paragraphs ends with “;” instead of a colon",
            "11:11-11:12 operative-punctuation: the last operative paragraph ends with “;” instead of a full stop",
        ]
    );
    let fixed = resolution_engine::fix_all(&text, &resolution_engine::Config::default(), None);
    assert_eq!(fixed.remaining, vec![]);
    assert!(fixed.text.ends_with("1. *Decides* to act;\n\n2. *Requests* the Secretary-General:\n\n(a) To report;\n\n(b) To act.\n"));
}

#[test]
fn operative_punctuation_is_silent_on_a_well_punctuated_draft_with_sub_paragraphs() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,",
        "1. *Decides*:",
        "(a) To convene a meeting:",
        "(i) In 2026; and",
        "(ii) In 2027;",
        "(b) To report;",
        "2. *Requests* the Secretary-General to report.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn operative_numbering_fires_on_skip_repeat_and_missing_number() {
    let text = draft(&[
        "1. *Decides* to act;",
        "2. *Requests* a report;",
        "4. *Invites* States to act;",
        "4. *Urges* States to act;",
        "*Encourages* States to act.",
    ]);
    assert_eq!(
        diagnostics(&text),
        // The first 4 is a slip (the paragraph after it follows 3), the last paragraph lost its
        // number: two mistakes, two diagnostics.
        [
            "7:1-7:2 operative-numbering: paragraph 4 skips a number; expected 3",
            "11:1-11:2 operative-numbering: operative paragraph has no number; expected 5",
        ]
    );
    let fixed = fixed(&text, "operative-numbering");
    assert!(
        fixed.contains("3. *Invites*")
            && fixed.contains("4. *Urges*")
            && fixed.contains("5. *Encourages*"),
        "{fixed}"
    );
}

#[test]
fn operative_numbering_fires_on_a_lone_numbered_paragraph() {
    let text = draft(&["*Recalling* its resolution 60/288,", "1. *Decides* to act."]);
    assert_eq!(
        diagnostics(&text),
        ["5:1-5:2 operative-numbering: a lone operative paragraph is not numbered"]
    );
    assert!(fixed(&text, "operative-numbering").ends_with("\n*Decides* to act.\n"));
}

#[test]
fn operative_numbering_is_silent_across_sections_and_embedded_texts() {
    let text = draft(&[
        "1. *Decides* to act;",
        "**I**",
        "2. *Requests* a report;",
        "**II**",
        "1. *Invites* States to act;",
        "2. *Adopts* the following declaration:",
        "## Political Declaration",
        "We, Heads of State and Government,",
        "1. Reaffirm our commitment;",
        "3. Resolve to act.",
        "28th plenary meeting\n29 October 2018",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn a_readme_that_is_not_a_draft_gets_nothing() {
    let text = "# Project\n\n*Note:* this is a README with a footnote[^1] and an Ibid.\n\nRecalling nothing;\n\n1. Install it\n\n3. Run it\n";
    assert_eq!(diagnostics(text), Vec::<String>::new());
}

#[test]
fn a_draft_glob_or_an_enable_comment_makes_a_draft_without_an_organ_line() {
    let text =
        "<!-- resolution-ls: enable -->\n\nRecalling its resolution 60/288,\n\n*Decides* to act.\n";
    assert_eq!(
        diagnostics(text),
        ["3:1-3:10 opener-not-italic: opener “Recalling” is not in italics"]
    );
    let plain = "*Recalling* its resolution 60/288;\n\n*Decides* to act.\n";
    let doc = resolution_engine::Document::new(plain);
    let config = resolution_engine::Config::default();
    assert_eq!(
        resolution_engine::check(&doc, &config, Some("notes.md")),
        vec![]
    );
    let found = resolution_engine::check(&doc, &config, Some("drafts/a.res.md"));
    assert_eq!(
        found.iter().map(|d| d.rule).collect::<Vec<_>>(),
        ["preamble-punctuation"]
    );
}

#[test]
fn suppression_comments_silence_rules() {
    let text = draft(&[
        "<!-- resolution-ls: disable-next-paragraph opener-not-italic -->",
        "Recalling its resolution 60/288,",
        "Noting the report,",
        "<!-- resolution-ls: disable opener-not-italic -->",
        "Bearing in mind the report,",
        "<!-- resolution-ls: enable opener-not-italic -->",
        "Stressing the need,",
        "<!-- resolution-ls: disable -->",
        "Underlining the need;",
        "*Decides* to act.",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "7:1-7:7 opener-not-italic: opener “Noting” is not in italics",
            "15:1-15:10 opener-not-italic: opener “Stressing” is not in italics",
        ]
    );
}

#[test]
fn a_draft_wide_fix_is_made_when_asked_and_shared_by_the_diagnostics_it_fixes() {
    // 2,000 operative paragraphs numbered from 2: one skip, reported once, but the unnumbered
    // ones after it each carry the renumbering fix. It is not made by the check (a check after
    // each keystroke would make 2,000 edits each time), and made once when asked for.
    let mut paragraphs = vec!["1. *Decides* to act;".to_owned()];
    paragraphs.extend((0..2000).map(|_| "*Requests* a report;".to_owned()));
    paragraphs.push("*Requests* a report.".to_owned());
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let text = draft(&refs);
    let config = resolution_engine::Config::default();
    let (doc, found) = run(&text, &config);
    let fixes: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "operative-numbering")
        .filter_map(|d| d.fix.as_ref())
        .collect();
    assert_eq!(fixes.len(), 2001);
    assert!(fixes
        .iter()
        .all(|f| f.edits == FixEdits::Deferred(Refactor::RenumberOperative)));
    let refactors = Refactors::new(&doc, &config, None);
    let first = refactors.edits(fixes[0]);
    assert_eq!(first.len(), 2001);
    assert_eq!(
        first[0],
        Edit::insert(text.find("*Requests*").unwrap(), "2. ")
    );
    assert!(fixes
        .iter()
        .all(|f| std::sync::Arc::ptr_eq(&refactors.edits(f), &first)));
}

#[test]
fn comment_unknown_fires_on_comments_that_do_nothing() {
    let text = draft(&[
        "<!-- resolution-ls: disable opener-notitalic, opener-unknown -->",
        "<!-- resolution-ls: disbale -->",
        "<!-- resolution-ls: language de -->",
        "*Decides* to act.",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "3:1-3:65 comment-unknown: unknown rule “opener-notitalic” (`resolution-ls rules` lists them)",
            "5:1-5:32 comment-unknown: “disbale” is not a resolution-ls comment: use disable, disable-next-paragraph, enable or language",
            "7:1-7:36 comment-unknown: “language de” is not a language comment: the codes are ar, en, es, fr, ru and zh",
        ]
    );
}

#[test]
fn comment_unknown_is_silent_on_comments_it_understands() {
    let text = draft(&[
        "<!-- resolution-ls: disable opener-not-italic, opener-unknown -->",
        "<!-- resolution-ls: disable-next-paragraph -->",
        "<!-- resolution-ls: language en -->",
        "<!-- resolution-ls: enable -->",
        "```\n<!-- resolution-ls: disbale -->\n```",
        "*Decides* to act.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn a_skipped_letter_is_a_letter_not_a_roman_numeral() {
    // `(c)` after `(a)` is the next letter but one, at the same level: `(a)` introduces nothing.
    let text = draft(&[
        "1. *Decides* to establish a group:",
        "(a) To report;",
        "(c) To act;",
        "2. *Requests* a report.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
    // Under a letter, `(i)` begins the roman list as before.
    let roman = draft(&[
        "1. *Decides* to establish a group:",
        "(a) To report on:",
        "(i) Its work;",
        "(ii) Its budget;",
        "(b) To act;",
        "2. *Requests* a report.",
    ]);
    assert_eq!(diagnostics(&roman), Vec::<String>::new());
}

#[test]
fn plain_text_headings_are_headings_not_paragraphs() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,",
        "I",
        "1. *Decides* to act;",
        "II\nStrengthening cooperation",
        "2. *Requests* a report;",
        "A.",
        "3. *Invites* States to act.",
        "Annex",
        "Text of the annex, with no opener",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
    // A numeral followed by a sentence is no heading.
    let sentence = draft(&[
        "*Recalling* its resolution 60/288,",
        "I\nam a paragraph,",
        "*Decides* to act.",
    ]);
    assert_eq!(
        diagnostics_of(&sentence, "opener-not-italic"),
        ["5:1-5:2 opener-not-italic: opener “I” is not in italics"]
    );
}

#[test]
fn page_break_fires_on_a_lost_break_and_on_a_doubled_one_and_puts_them_right() {
    let paged = |break_before_notes: &str| {
        draft(&[
            "*Recalling* its resolution 60/288,<sup>1</sup>",
            "*Noting* the report of the Secretary-General,<sup>2</sup>",
            "1. *Decides* to act;",
            break_before_notes,
            "<sup>1</sup> General Assembly resolution 60/288.",
            "<sup>2</sup> A/73/334.",
            "2. *Requests* a report;",
            "3. *Decides* to remain seized of the matter.",
        ])
        .replace("\n\n\n", "\n")
    };
    let lost = paged("");
    assert_eq!(
        diagnostics(&lost),
        ["9:1-9:13 page-break: the footnotes of page 1 have no page break (`---`) before them"]
    );
    let doubled = paged("---\n\n---");
    assert_eq!(
        diagnostics(&doubled),
        ["11:1-11:4 page-break: page break repeated with nothing between: one page ends here, not two"]
    );
    assert_eq!(fixed(&lost, "page-break"), paged("---"));
    assert_eq!(fixed(&doubled, "page-break"), paged("---"));
}

#[test]
fn page_break_is_silent_on_a_paged_draft_and_on_a_rule_in_an_unpaged_one() {
    let paged = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "1. *Decides* to act;",
        "---",
        "<sup>1</sup> General Assembly resolution 60/288.",
        "2. *Requests* a report.",
    ]);
    assert_eq!(diagnostics(&paged), Vec::<String>::new());
    let unpaged = draft(&[
        "*Recalling* its resolution 60/288,<sup>1</sup>",
        "*Decides* to act.",
        "<sup>1</sup> General Assembly resolution 60/288.",
    ]);
    assert_eq!(diagnostics(&unpaged), Vec::<String>::new());
}
