//! The Ibid. chain rules, each shown firing and staying silent (`docs/format.md#ibid-rules`).

mod common;

use common::*;
use resolution_engine::config::IbidForm;
use resolution_engine::Config;

/// A draft whose one preambular paragraph references footnotes 1..=n, with these definitions.
fn with_footnotes(definitions: &[&str]) -> String {
    let refs: String = (1..=definitions.len())
        .map(|n| format!(" work,<sup>{n}</sup>"))
        .collect();
    let mut paragraphs = vec![
        format!("*Recalling*{refs}"),
        "*Decides* to act.".to_owned(),
        "---".to_owned(),
    ];
    paragraphs.extend(
        definitions
            .iter()
            .enumerate()
            .map(|(i, d)| format!("<sup>{}</sup> {d}", i + 1)),
    );
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    draft(&refs)
}

#[test]
fn ibid_no_antecedent_fires_on_the_first_footnote() {
    let text = with_footnotes(&["*Ibid.*, vol. 976, No. 14152.", "A/73/334."]);
    assert_eq!(
        diagnostics(&text),
        ["9:14-9:21 ibid-no-antecedent: Ibid. in footnote 1 has no earlier footnote to refer to"]
    );
    assert!(fixed(&text, "ibid-no-antecedent")
        .contains("<sup>1</sup> TODO: full citation, vol. 976, No. 14152."));
}

#[test]
fn ibid_no_antecedent_is_silent_after_a_citation() {
    let text = with_footnotes(&[
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "*Ibid.*, vol. 976, No. 14152.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn ibid_after_note_fires_once_where_the_chain_broke_with_the_note_as_related() {
    let text = with_footnotes(&[
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "Some countries have identified links in some cases between organized criminal groups and terrorist activities.",
        "*Ibid.*, vol. 976, No. 14152.",
        "*Ibid.*, vol. 1019, No. 14956.",
    ]);
    let (doc, found) = run(&text, &Config::default());
    assert_eq!(
        found.iter().map(|d| show(&doc, d)).collect::<Vec<_>>(),
        // Footnote 4 stands for what footnote 3 stands for: right again once 3 is.
        ["13:14-13:21 ibid-after-note: Ibid. in footnote 3 follows footnote 2, a note that cites no work"]
    );
    for d in &found {
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.related[0].message, "footnote 2 is a note, not a citation");
        assert_eq!(&text[d.related[0].range.clone()], "<sup>2</sup>");
    }
    assert!(fixed(&text, "ibid-after-note")
        .contains("<sup>3</sup> United Nations, *Treaty Series*, vol. 976, No. 14152."));
}

#[test]
fn ibid_after_note_is_silent_on_a_full_citation_after_a_note() {
    // Footnote 9 of the reference draft: a full citation after the note in footnote 8.
    let text = with_footnotes(&[
        "Some countries have identified links in some cases between organized criminal groups and terrorist activities.",
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "*Ibid.*, vol. 976, No. 14152.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn ibid_after_multiple_fires_with_the_source_as_related() {
    let text = with_footnotes(&[
        "General Assembly resolution 60/288; see also resolution 62/272.",
        "*Ibid.*, para. 3.",
    ]);
    let (doc, found) = run(&text, &Config::default());
    assert_eq!(
        found.iter().map(|d| show(&doc, d)).collect::<Vec<_>>(),
        ["11:14-11:21 ibid-after-multiple: Ibid. in footnote 2 refers to footnote 1, which cites several works"]
    );
    assert_eq!(
        found[0].related[0].message,
        "footnote 1 cites several works"
    );
    assert_eq!(found[0].fix, None);
}

#[test]
fn ibid_after_multiple_is_silent_after_a_single_work() {
    let text = with_footnotes(&["General Assembly resolution 60/288.", "*Ibid.*, para. 3."]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn ibid_style_fires_on_the_minority_and_malformed_forms() {
    let text = with_footnotes(&[
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "*Ibid.*, vol. 976, No. 14152.",
        "*Ibid.*, vol. 1019, No. 14956.",
        "Ibid., vol. 1582, No. 27627.",
        "ibid., vol. 2178, No. 38349.",
        "Ibid, vol. 2179, No. 38350.",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "15:14-15:19 ibid-style: “Ibid.” in footnote 4 should be written *Ibid.* (in italics, as in the rest of this draft)",
            "17:14-17:19 ibid-style: “ibid.” in footnote 5 should be written *Ibid.* (in italics, as in the rest of this draft)",
            "19:14-19:18 ibid-style: “Ibid” in footnote 6 should be written *Ibid.* (in italics, as in the rest of this draft)",
        ]
    );
    let fixed = fixed(&text, "ibid-style");
    assert_eq!(fixed.matches("*Ibid.*,").count(), 5, "{fixed}");
}

#[test]
fn ibid_style_follows_the_setting_over_the_dominant_form() {
    let text = with_footnotes(&[
        "A/73/334.",
        "*Ibid.*, para. 2.",
        "*Ibid.*, para. 3.",
        "Ibid., para. 4.",
    ]);
    let config = Config {
        ibid_form: IbidForm::Roman,
        ..Config::default()
    };
    assert_eq!(
        diagnostics_with(&text, &config),
        [
            "11:14-11:21 ibid-style: “*Ibid.*” in footnote 2 should be written Ibid. (in roman, as in the rest of this draft)",
            "13:14-13:21 ibid-style: “*Ibid.*” in footnote 3 should be written Ibid. (in roman, as in the rest of this draft)",
        ]
    );
}

#[test]
fn ibid_style_is_silent_on_a_consistent_draft() {
    let text = with_footnotes(&["A/73/334.", "Ibid., para. 2.", "Ibid., para. 3."]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn ibid_locator_mismatch_fires_when_an_inserted_footnote_breaks_the_chain() {
    let text = with_footnotes(&[
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "General Assembly resolution 60/288.",
        "*Ibid.*, vol. 976, No. 14152.",
    ]);
    let (doc, found) = run(&text, &Config::default());
    assert_eq!(
        found.iter().map(|d| show(&doc, d)).collect::<Vec<_>>(),
        ["13:14-13:21 ibid-locator-mismatch: Ibid. in footnote 3 gives a Treaty Series locator, but its source, footnote 2, is not the Treaty Series"]
    );
    assert_eq!(&text[found[0].related[0].range.clone()], "<sup>2</sup>");
    assert!(fixed(&text, "ibid-locator-mismatch")
        .contains("<sup>3</sup> United Nations, *Treaty Series*, vol. 976, No. 14152."));
}

#[test]
fn ibid_locator_mismatch_is_silent_on_a_treaty_series_chain() {
    let text = with_footnotes(&[
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "*Ibid.*, vol. 976, No. 14152.",
        "*Ibid.*, vol. 1019, No. 14956.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn ibid_redundant_fires_on_a_repeated_work_and_keeps_the_locator() {
    let text = with_footnotes(&[
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "United Nations, *Treaty Series*, vol. 976, No. 14152.",
        "General Assembly resolution 60/288.",
        "General Assembly resolution 60/288.",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "11:14-11:67 ibid-redundant: footnote 2 repeats the citation of footnote 1; Ibid. would do",
            "15:14-15:49 ibid-redundant: footnote 4 repeats the citation of footnote 3; Ibid. would do",
        ]
    );
    // Contracting a citation rewrites content: `--fix` leaves it, `--unsafe-fixes` makes it.
    let config = Config::default();
    assert_eq!(resolution_engine::fix_all(&text, &config, None).text, text);
    let fixed = resolution_engine::fix_all_with(
        &text,
        &config,
        None,
        resolution_engine::FixSelection::WithUnsafe,
    )
    .text;
    assert!(
        fixed.contains("<sup>2</sup> *Ibid.*, vol. 976, No. 14152."),
        "{fixed}"
    );
    assert!(fixed.contains("<sup>4</sup> *Ibid.*\n"), "{fixed}");
}

#[test]
fn ibid_redundant_is_silent_when_the_work_differs() {
    let text = with_footnotes(&[
        "General Assembly resolution 60/288.",
        "General Assembly resolution 62/272.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn ibid_style_fires_on_the_less_common_spelling_of_the_latin_word() {
    // Spanish drafts write `Ibid.` or `Ibíd.`; one draft writes one of them.
    let text = with_footnotes(&[
        "Naciones Unidas, *Treaty Series*, vol. 1771, núm. 30822.",
        "*Ibid.*, vol. 2303, núm. 30822.",
        "*Ibíd.*, vol. 2304, núm. 30822.",
        "*Ibid.*, vol. 2305, núm. 30822.",
    ]);
    assert_eq!(
        diagnostics(&text),
        ["13:14-13:21 ibid-style: “*Ibíd.*” in footnote 3 should be written *Ibid.* (in italics, as in the rest of this draft)"]
    );
    assert!(fixed(&text, "ibid-style").contains("<sup>3</sup> *Ibid.*, vol. 2304"));
    // One spelling throughout, whichever: nothing to say.
    assert_eq!(
        diagnostics(&text.replace("Ibid.", "Ibíd.")),
        Vec::<String>::new()
    );
}
