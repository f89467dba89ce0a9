//! Languages: taken from the organ line or the configuration; French and Spanish phrase lists and
//! marker placement.

mod common;

use common::*;
use resolution_engine::analysis::Analysis;
use resolution_engine::lang::Language;
use resolution_engine::{Config, Document};

const SPANISH: &str = "*La Asamblea General*,\n\n*Recordando* su resolución 60/288<sup>1</sup>,\n\nTeniendo presente el informe,\n\n1. *Decide* actuar;\n\n2. *Solicita* al Secretario General que informe.\n\n---\n\n<sup>1</sup> A/73/334.\n";

#[test]
fn language_comes_from_the_organ_line_unless_configured() {
    let language =
        |text: &str, config: &Config| Analysis::new(&Document::new(text), config, None).language;
    assert_eq!(language(SPANISH, &Config::default()), Language::Spanish);
    assert_eq!(
        language(
            "*L'Assemblée générale*,\n\n*Rappelant* x,\n",
            &Config::default()
        ),
        Language::French
    );
    assert_eq!(
        language(
            "*The Security Council*,\n\n*Recalling* x,\n",
            &Config::default()
        ),
        Language::English
    );
    let english = Config {
        language: Some(Language::English),
        ..Config::default()
    };
    assert_eq!(language(SPANISH, &english), Language::English);
}

#[test]
fn spanish_draft_uses_spanish_phrases_and_marker_placement() {
    assert_eq!(
        diagnostics(SPANISH),
        ["5:1-5:18 opener-not-italic: opener “Teniendo presente” is not in italics"]
    );
    // Read as English, the marker before the comma is misplaced.
    let english = Config {
        language: Some(Language::English),
        ..Config::default()
    };
    let found = diagnostics_with(SPANISH, &english);
    assert!(found.contains(&"3:34-3:46 footnote-placement: footnote marker <sup>1</sup> goes after the punctuation in English (“,”)".to_owned()), "{found:?}");
}

#[test]
fn french_preamble_punctuation_goes_after_the_marker() {
    let text = "*L'Assemblée générale*,\n\n*Rappelant* sa résolution 60/288<sup>1</sup>\n\n*Décide* d'agir.\n\n---\n\n<sup>1</sup> A/73/334.\n";
    assert_eq!(
        diagnostics(text),
        ["3:44-3:45 preamble-punctuation: preambular paragraph does not end with a comma"]
    );
    assert!(fixed(text, "preamble-punctuation").contains("60/288<sup>1</sup>,\n"));
}
