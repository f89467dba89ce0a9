//! The clause opener rules, each shown firing and staying silent (`docs/format.md#opener-rules`).

mod common;

use common::*;
use resolution_engine::Config;

#[test]
fn opener_not_italic_fires_on_the_longest_phrase_and_italicizes_it() {
    let text = draft(&[
        "Taking into account also its resolution 60/288,",
        "1. *Decides* to act;",
        "2. Requests the Secretary-General to report.",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "3:1-3:25 opener-not-italic: opener “Taking into account also” is not in italics",
            "7:4-7:12 opener-not-italic: opener “Requests” is not in italics",
        ]
    );
    assert!(
        fixed(&text, "opener-not-italic").contains("\n*Taking into account also* its resolution")
    );
}

#[test]
fn opener_not_italic_takes_the_first_word_of_an_unknown_opener() {
    let text = draft(&["Pondering its resolution 60/288,", "*Decides* to act."]);
    assert_eq!(
        diagnostics(&text),
        ["3:1-3:10 opener-not-italic: opener “Pondering” is not in italics"]
    );
}

#[test]
fn opener_not_italic_is_silent_on_continuations_and_inner_italics() {
    let text = draft(&[
        "*Recalling* the Convention against Transnational Organized Crime and the Political Declaration on",
        "---",
        "the World Drug Problem, and the *Treaty Series* and *proprio motu* powers,",
        "*Decides* to act.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn opener_partial_fires_and_extends_the_emphasis() {
    let text = draft(&[
        "*Taking into* account its resolution 60/288,",
        "1. *Decides* to act;",
        "2. *Calls* upon States to act.",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "3:1-3:14 opener-partial: italics cover only part of the opener “Taking into account”",
            "7:4-7:11 opener-partial: italics cover only part of the opener “Calls upon”",
        ]
    );
    assert!(fixed(&text, "opener-partial").contains("*Taking into account* its resolution"));
}

#[test]
fn opener_partial_is_silent_when_the_italic_part_is_itself_an_opener() {
    let text = draft(&[
        "*Greatly concerned* by the negative impact,",
        "1. *Expresses* its concern at the links;",
        "2. *Takes note* of the report.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn opener_spacing_fires_and_moves_the_space_out() {
    let text = draft(&[
        "*Expressing its appreciation *to the Secretary-General,",
        "*Decides* to act.",
    ]);
    assert_eq!(
        diagnostics(&text),
        ["3:1-3:31 opener-spacing: space inside the emphasis of the opener “Expressing its appreciation”"]
    );
    assert!(fixed(&text, "opener-spacing")
        .contains("\n*Expressing its appreciation* to the Secretary-General,"));
}

#[test]
fn opener_spacing_is_silent_on_well_formed_emphasis() {
    let text = draft(&[
        "*Expressing its appreciation* to the Secretary-General,",
        "*Decides* to act.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn opener_misplaced_fires_both_ways() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,",
        "*Requests* the Secretary-General to report,",
        "1. *Decides* to act;",
        "2. *Recalling* its resolution 62/272;",
        "3. *Invites* States to act.",
    ]);
    assert_eq!(
        diagnostics(&text),
        [
            "5:1-5:11 opener-misplaced: operative opener “Requests” in the preamble",
            "9:4-9:15 opener-misplaced: preambular opener “Recalling” in the operative part",
        ]
    );
}

#[test]
fn opener_misplaced_is_silent_on_a_lone_unnumbered_operative_paragraph() {
    let text = draft(&[
        "*Recalling* its resolution 60/288,",
        "*Requests* the Secretary-General to report.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn opener_unknown_fires_and_extra_phrases_silence_it() {
    let text = draft(&["*Recaling* its resolution 60/288,", "*Decides* to act."]);
    assert_eq!(
        diagnostics(&text),
        ["3:1-3:11 opener-unknown: “Recaling” is not a known preambular opener; add it under [phrases] in resolution-ls.toml if it is right"]
    );
    let config = Config {
        extra_preambular: vec!["Recaling".to_owned()],
        ..Config::default()
    };
    assert_eq!(diagnostics_with(&text, &config), Vec::<String>::new());
}

#[test]
fn known_phrases_with_modifiers_and_commas_are_known() {
    let text = draft(&[
        "*Deeply concerned* by the report,",
        "*Recalling also* its resolution,",
        "1. *Also calls upon* States to act;",
        "2. *Once again urges* States to act;",
        "3. *Underlines*, bearing in mind the report, the need to act.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}

#[test]
fn opener_unknown_is_silent_on_known_openers_and_on_italics_inside_a_paragraph() {
    let text = draft(&[
        "*Recalling* the *Treaty Series* and the principle of *non-refoulement*,",
        "*Noting with appreciation* the report,",
        "1. *Requests* the Secretary-General to act *proprio motu*;",
        "2. *Decides* to remain seized of the matter.",
    ]);
    assert_eq!(diagnostics(&text), Vec::<String>::new());
}
