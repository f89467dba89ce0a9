//! Languages: taken from the organ line or the configuration; French and Spanish phrase lists and
//! marker placement.

mod common;

use common::*;
use resolution_engine::analysis::Analysis;
use resolution_engine::config::{IbidForm, ItalicOpeners};
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

// The realistic drafts of tests/fixtures/drafts/languages/ (see its README): each is clean, and
// each mistake below is planted in a copy.

fn fixture(code: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/drafts/languages/{code}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The draft of `code` with each `(from, to)` replaced; `from` must occur exactly once.
fn planted(code: &str, changes: &[(&str, &str)]) -> String {
    let mut text = fixture(code);
    for (from, to) in changes {
        assert_eq!(text.matches(from).count(), 1, "{from:?} in {code}.md");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn each_language_draft_is_clean_and_recognised() {
    for (code, language) in [
        ("fr", Language::French),
        ("es", Language::Spanish),
        ("ru", Language::Russian),
        ("ar", Language::Arabic),
        ("zh", Language::Chinese),
    ] {
        let text = fixture(code);
        let analysis = Analysis::new(&Document::new(&text), &Config::default(), None);
        assert!(analysis.is_draft, "{code}");
        assert_eq!(analysis.language, language, "{code}");
        assert_eq!(diagnostics(&text), Vec::<String>::new(), "{code}");
        // Six operative paragraphs, three sub-paragraphs, and a continuation across the break.
        let structure = &analysis.structure;
        let operative = structure
            .paragraphs
            .iter()
            .filter(|lp| lp.part == resolution_engine::analysis::Part::Operative);
        assert_eq!(
            operative.clone().filter(|lp| !lp.is_sub).count(),
            6,
            "{code}"
        );
        assert_eq!(operative.filter(|lp| lp.is_sub).count(), 3, "{code}");
        assert!(
            structure.paragraphs.iter().any(|lp| lp.blocks.len() == 2),
            "{code}: the paragraph cut by the page break is one paragraph"
        );
    }
}

#[test]
fn french_agreement_spacing_and_marker_placement() {
    // Both genders: the Security Council is masculine.
    let masculine = planted(
        "fr",
        &[
            ("*Profondément préoccupée*", "*Profondément préoccupé*"),
            ("*Consciente*", "*Conscient*"),
        ],
    );
    assert_eq!(diagnostics(&masculine), Vec::<String>::new());
    // A plain space, or none, before `;` and `:` is French too.
    for space in [" ", ""] {
        let text = fixture("fr").replace('\u{A0}', space);
        assert_eq!(diagnostics(&text), Vec::<String>::new(), "{space:?}");
    }
    let roman = planted("fr", &[("*Consciente* de", "Consciente de")]);
    assert_eq!(
        diagnostics(&roman),
        ["13:1-13:11 opener-not-italic: opener “Consciente” is not in italics"]
    );
    // The space before `;` goes when the mark becomes a full stop.
    let last = planted(
        "fr",
        &[(
            "quatre-vingtième session.",
            "quatre-vingtième session\u{A0};",
        )],
    );
    assert_eq!(
        diagnostics(&last),
        ["47:81-47:82 operative-punctuation: the last operative paragraph ends with “;” instead of a full stop"]
    );
    assert!(fixed(&last, "operative-punctuation").contains("quatre-vingtième session.\n"));
    // The marker goes before the punctuation, and before the space that `;` takes.
    let after = planted(
        "fr",
        &[("exportés<sup>5</sup>\u{A0};", "exportés\u{A0};<sup>5</sup>")],
    );
    assert_eq!(
        diagnostics(&after),
        ["33:205-33:217 footnote-placement: footnote marker <sup>5</sup> goes before the punctuation in French (“;”)"]
    );
    assert!(fixed(&after, "footnote-placement").contains("exportés<sup>5</sup>\u{A0};\n"));
}

#[test]
fn spanish_agreement_and_partial_opener() {
    let masculine = planted(
        "es",
        &[("*Profundamente preocupada*", "*Profundamente preocupado*")],
    );
    assert_eq!(diagnostics(&masculine), Vec::<String>::new());
    let partial = planted("es", &[("*Tomando nota* del", "*Tomando* nota del")]);
    assert_eq!(
        diagnostics(&partial),
        ["15:1-15:10 opener-partial: italics cover only part of the opener “Tomando nota”"]
    );
    assert!(fixed(&partial, "opener-partial").contains("*Tomando nota* del informe"));
    let misplaced = planted("es", &[("*Consciente* de que", "*Solicita* que")]);
    assert_eq!(
        diagnostics(&misplaced),
        ["13:1-13:11 opener-misplaced: operative opener “Solicita” in the preamble"]
    );
}

#[test]
fn russian_openers_in_lower_case() {
    let masculine = planted(
        "ru",
        &[(
            "*будучи глубоко обеспокоена*",
            "*будучи глубоко обеспокоен*",
        )],
    );
    assert_eq!(diagnostics(&masculine), Vec::<String>::new());
    // After a paragraph that closed before the break, a known phrase in lower case opens a new
    // paragraph (its opener not in italics), not a continuation.
    let closed = planted(
        "ru",
        &[
            ("качества и количества\n", "качества и количества воды,\n"),
            (
                "\nводы в общих бассейнах,\n",
                "\nссылаясь далее на резолюцию 75/1,\n",
            ),
        ],
    );
    assert_eq!(
        diagnostics(&closed),
        ["29:1-29:15 opener-not-italic: opener “ссылаясь далее” is not in italics"]
    );
    assert!(fixed(&closed, "opener-not-italic").contains("\n*ссылаясь далее* на резолюцию"));
    let misplaced = planted("ru", &[("*признавая*, что", "*просит*, что")]);
    assert_eq!(
        diagnostics(&misplaced),
        ["13:1-13:9 opener-misplaced: operative opener “просит” in the preamble"]
    );
    let after = planted("ru", &[("озер<sup>2</sup>,", "озер,<sup>2</sup>")]);
    let found = diagnostics(&after);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("footnote-placement: footnote marker <sup>2</sup> goes before the punctuation in Russian (“,”)"), "{found:?}");
    assert!(fixed(&after, "footnote-placement").contains("озер<sup>2</sup>,\n"));
}

#[test]
fn ibid_chains_in_every_language() {
    // Footnote 2 is on line 23 of each draft, its Ibid. from column 14 to `end`.
    for (code, first, end) in [
        (
            "fr",
            "Nations Unies, *Recueil des Traités*, vol. 823, no 11806.",
            21,
        ),
        (
            "es",
            "Naciones Unidas, *Treaty Series*, vol. 1771, núm. 30822.",
            21,
        ),
        (
            "ru",
            "Организация Объединенных Наций, *Сборник договоров*, т. 2999, № 52106.",
            20,
        ),
        (
            "ar",
            "الأمم المتحدة، مجموعة المعاهدات، المجلد 2999، الرقم 52106.",
            25,
        ),
        ("zh", "联合国，《条约汇编》，第2999卷，第52106号。", 16),
    ] {
        // The source becomes a note: the Ibid. after it has nothing to refer to.
        let text = planted(code, &[(first, "Ce texte est une note qui ne cite rien.")]);
        let found = diagnostics_of(&text, "ibid-after-note");
        assert_eq!(
            found,
            [format!("23:14-23:{end} ibid-after-note: Ibid. in footnote 2 follows footnote 1, a note that cites no work")],
            "{code}"
        );
        // The source becomes a resolution: the Treaty Series locator no longer fits.
        let text = planted(code, &[(first, "A/RES/70/1.")]);
        assert_eq!(
            diagnostics_of(&text, "ibid-locator-mismatch").len(),
            1,
            "{code}"
        );
    }
}

#[test]
fn arabic_marks_numbers_and_openers() {
    let latin_comma = planted(
        "ar",
        &[("التي اعتمدت في هلسنكي،", "التي اعتمدت في هلسنكي,")],
    );
    assert_eq!(
        diagnostics(&latin_comma),
        ["7:201-7:202 preamble-punctuation: preambular paragraph ends with “,” instead of a comma (“،”)"]
    );
    assert!(fixed(&latin_comma, "preamble-punctuation").contains("في هلسنكي،\n"));
    let latin_semicolon = planted("ar", &[("العابرة للحدود؛", "العابرة للحدود;")]);
    assert_eq!(
        fixed(&latin_semicolon, "operative-punctuation"),
        fixture("ar")
    );
    // Numbers in Arabic-Indic digits are renumbered in those digits.
    let indic = planted("ar", &[("4 - تطلب", "٤ - تطلب"), ("5 - ترحب", "٧ - ترحب")]);
    let numbering = diagnostics_of(&indic, "operative-numbering");
    assert_eq!(
        numbering,
        ["45:1-45:2 operative-numbering: paragraph 7 skips a number; expected 5"]
    );
    assert!(fixed(&indic, "operative-numbering").contains("\n٥ - ترحب"));
    // Arabic openers are not in italics: the opener rules stay off unless a setting turns them on.
    let always = Config {
        italic_openers: ItalicOpeners::Always,
        ..Config::default()
    };
    let found = diagnostics_with(&fixture("ar"), &always);
    assert!(
        found.contains(&"7:1-7:8 opener-not-italic: opener “إذ تشير” is not in italics".to_owned()),
        "{found:?}"
    );
    // Where Arabic puts a footnote marker we do not know: no placement hint either way.
    let marker = planted(
        "ar",
        &[
            ("ندرة المياه<sup>3</sup> تمس", "ندرة المياه تمس"),
            ("مناطق العالم،", "مناطق العالم،<sup>3</sup>"),
        ],
    );
    assert_eq!(diagnostics(&marker), Vec::<String>::new());
}

#[test]
fn chinese_full_width_marks_and_solid_modifiers() {
    let ascii = planted("zh", &[("管理方面的合作；", "管理方面的合作;")]);
    assert_eq!(
        diagnostics(&ascii),
        ["31:23-31:24 operative-punctuation: operative paragraph ends with “;” instead of a semicolon (“；”)"]
    );
    assert_eq!(fixed(&ascii, "operative-punctuation"), fixture("zh"));
    let last = planted("zh", &[("继续审议这一问题。", "继续审议这一问题；")]);
    assert_eq!(
        diagnostics(&last),
        ["47:22-47:23 operative-punctuation: the last operative paragraph ends with “；” instead of a full stop (“。”)"]
    );
    let before = planted("zh", &[("的人，<sup>3</sup>", "的人<sup>3</sup>，")]);
    assert_eq!(
        diagnostics(&before),
        ["11:24-11:36 footnote-placement: footnote marker <sup>3</sup> goes after the punctuation in Chinese (“，”)"]
    );
    assert!(fixed(&before, "footnote-placement").contains("的人，<sup>3</sup>\n"));
    // With opener rules turned on, `又` ("also") written solid before a phrase keeps it known.
    let always = Config {
        italic_openers: ItalicOpeners::Always,
        ..Config::default()
    };
    let found = diagnostics_with(&fixture("zh"), &always);
    assert!(
        found.contains(&"9:1-9:4 opener-not-italic: opener “又回顾” is not in italics".to_owned()),
        "{found:?}"
    );
    // An opener in no list: with no spaces between words its extent is unknown, so no report.
    let unknown = planted("zh", &[("确认跨界水合作", "某某跨界水合作")]);
    let found = diagnostics_with(&unknown, &always);
    assert!(!found.iter().any(|d| d.starts_with("13:")), "{found:?}");
}

#[test]
fn a_language_comment_overrides_the_setting_and_the_organ_line() {
    let text = format!("<!-- resolution-ls: language en -->\n\n{}", fixture("fr"));
    let french = Config {
        language: Some(Language::French),
        ..Config::default()
    };
    let analysis = Analysis::new(&Document::new(&text), &french, None);
    assert_eq!(analysis.language, Language::English);
    // An unknown code is not a language comment: the organ line decides.
    let text = format!("<!-- resolution-ls: language xx -->\n\n{}", fixture("fr"));
    let analysis = Analysis::new(&Document::new(&text), &Config::default(), None);
    assert_eq!(analysis.language, Language::French);
}

#[test]
fn ibid_written_in_each_languages_own_form() {
    // A repeated full citation becomes the language's Ibid., with its punctuation.
    for (code, ibid, citation) in [
        (
            "fr",
            "*Ibid.*, vol. 2225, no 39574.",
            "Nations Unies, *Recueil des Traités*, vol. 2225, no 39574.",
        ),
        (
            "ru",
            "Там же, т. 1936, № 33207.",
            "Организация Объединенных Наций, *Сборник договоров*, т. 1936, № 33207.",
        ),
        (
            "ar",
            "المرجع نفسه، المجلد 1936، الرقم 33207.",
            "الأمم المتحدة، مجموعة المعاهدات، المجلد 1936، الرقم 33207.",
        ),
        (
            "zh",
            "同上，第1936卷，第33207号。",
            "联合国，《条约汇编》，第1936卷，第33207号。",
        ),
    ] {
        let repeated = planted(code, &[(ibid, citation)]);
        assert_eq!(
            diagnostics_of(&repeated, "ibid-redundant").len(),
            1,
            "{code}"
        );
        assert_eq!(fixed(&repeated, "ibid-redundant"), fixture(code), "{code}");
    }
    // The form is changed, the word kept.
    let italic = Config {
        ibid_form: IbidForm::Italic,
        ..Config::default()
    };
    assert!(fixed_with(&fixture("ru"), "ibid-style", &italic)
        .contains("<sup>2</sup> *Там же*, т. 1936, № 33207.\n"));
    let accented = planted("es", &[("*Ibid.*, vol. 2303", "Ibíd., vol. 2303")]);
    assert!(
        fixed_with(&accented, "ibid-style", &italic).contains("<sup>2</sup> *Ibíd.*, vol. 2303")
    );
}

/// The 1-based lines of `rule`'s diagnostics on `text`.
fn lines_of(text: &str, rule: &str, config: &Config) -> Vec<usize> {
    let doc = Document::new(text);
    resolution_engine::check(&doc, config, None)
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            doc.text()
                .position(d.range.start, resolution_engine::Encoding::Utf32)
                .line
                + 1
        })
        .collect()
}

/// `text` with `f` applied to its 1-based line `n`.
fn edit_line(text: &str, n: usize, f: impl Fn(&str) -> String) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| if i + 1 == n { f(line) } else { line.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn without_last_char(line: &str) -> String {
    let mut line = line.to_owned();
    line.pop();
    line
}

#[test]
fn every_language_independent_rule_fires_in_every_language() {
    // The five drafts share their layout (see the fixtures' README): the fourth preambular
    // paragraph on line 13, the fifth (with footnote 4) on 15, footnote 2 on 23, footnote 4's
    // definition on 27, operative paragraphs 4 and 5 on 43 and 45, footnote 5 on 54.
    type Plant = fn(&str, &str) -> String;
    let cases: [(&str, Plant, &[usize], Config); 11] = [
        (
            "preamble-punctuation",
            |t, _| edit_line(t, 13, without_last_char),
            &[13],
            Config::default(),
        ),
        (
            "operative-punctuation",
            |t, _| edit_line(t, 43, without_last_char),
            &[43],
            Config::default(),
        ),
        (
            "operative-numbering",
            // A mistyped number is one diagnostic: the paragraph after it follows the sequence.
            |t, _| edit_line(t, 45, |l| l.replacen('5', "7", 1)),
            &[45],
            Config::default(),
        ),
        (
            "footnote-undefined",
            |t, _| edit_line(t, 27, |_| String::new()),
            &[15],
            Config::default(),
        ),
        (
            "footnote-unused",
            |t, _| t.replacen("<sup>4</sup>", "", 1),
            &[27],
            Config::default(),
        ),
        (
            "footnote-duplicate",
            |t, _| edit_line(t, 54, |l| l.replacen("<sup>5</sup>", "<sup>4</sup>", 1)),
            &[54],
            Config::default(),
        ),
        (
            "footnote-order",
            |t, _| {
                t.replacen("<sup>3</sup>", "<sup>x</sup>", 1)
                    .replacen("<sup>4</sup>", "<sup>3</sup>", 1)
                    .replacen("<sup>x</sup>", "<sup>4</sup>", 1)
            },
            // Two references swapped: one is out of place.
            &[11],
            Config::default(),
        ),
        // Footnote 4's definition moved to the second page's footnote block.
        (
            "footnote-page",
            |t, _| {
                let definition = t.split('\n').nth(26).unwrap_or_default().to_owned();
                format!(
                    "{}\n\n{definition}\n",
                    edit_line(t, 27, |_| String::new()).trim_end()
                )
            },
            &[56],
            Config::default(),
        ),
        (
            "ibid-no-antecedent",
            |t, _| {
                let ibid = t.split('\n').nth(22).unwrap_or_default().replacen(
                    "<sup>2</sup>",
                    "<sup>1</sup>",
                    1,
                );
                edit_line(t, 21, |_| ibid.clone())
            },
            // The Ibid. after it stands for what it stands for: reported once.
            &[21],
            Config::default(),
        ),
        (
            "ibid-after-multiple",
            |t, code| {
                let (semicolon, more) = match code {
                    "ar" => ("؛", " A/79/100."),
                    "zh" => ("；", "A/79/100。"),
                    _ => (";", " A/79/100."),
                };
                edit_line(t, 21, |l| {
                    format!("{}{semicolon}{more}", without_last_char(l))
                })
            },
            &[23],
            Config::default(),
        ),
        (
            "footnote-repeated",
            |t, _| t.replacen("<sup>3</sup>", "<sup>4</sup>", 1),
            &[15],
            Config {
                footnote_repeats: resolution_engine::config::FootnoteRepeats::NewFootnote,
                ..Config::default()
            },
        ),
    ];
    for code in ["fr", "es", "ru", "ar", "zh"] {
        let clean = fixture(code);
        for (rule, plant, lines, config) in &cases {
            assert_eq!(
                lines_of(&clean, rule, config),
                Vec::<usize>::new(),
                "{code}: {rule} on the clean draft"
            );
            let text = plant(&clean, code);
            assert_eq!(lines_of(&text, rule, config), *lines, "{code}: {rule}");
        }
    }
}

#[test]
fn opener_rules_fire_in_french_spanish_and_russian() {
    type Plant = fn(&str) -> String;
    let cases: [(&str, Plant); 3] = [
        ("opener-spacing", |t| {
            edit_line(t, 15, |l| l.replacen("* ", " *", 1))
        }),
        ("opener-unknown", |t| {
            edit_line(t, 15, |l| {
                format!("*Frobnique*{}", &l[l[1..].find('*').map_or(0, |i| i + 2)..])
            })
        }),
        ("opener-not-italic", |t| {
            edit_line(t, 15, |l| l.replacen('*', "", 2))
        }),
    ];
    for code in ["fr", "es", "ru"] {
        for (rule, plant) in &cases {
            let text = plant(&fixture(code));
            assert_eq!(
                lines_of(&text, rule, &Config::default()),
                [15],
                "{code}: {rule}\n{}",
                text.split('\n').nth(14).unwrap_or_default()
            );
        }
    }
}
