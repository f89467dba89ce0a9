//! The law of the check cache: after any sequence of edits, checked after some of them, the
//! cache's diagnostics equal a fresh parse and check of the text as it stands.

use proptest::prelude::*;
use resolution_engine::analysis::restructure::follow_structural;
use resolution_engine::analysis::Analysis;
use resolution_engine::check::check_analysed_with;
use resolution_engine::config::{FootnoteRepeats, IbidForm};
use resolution_engine::diagnostic::{Diagnostic, Level, Severity};
use resolution_engine::rules::{Context, Rule, Scope, RULES};
use resolution_engine::syntax::FootnoteKey;
use resolution_engine::{check, CheckCache, Config, Document};

const REFERENCE: &str = include_str!("../../../tests/fixtures/drafts/ccpcj-21-3.md");
/// A real resolution that adopts a declaration (an embedded text with its own numbering).
const DECLARATION: &str = include_str!("../../../tests/fixtures/drafts/corpus/en-a-res-73-1.md");
/// The other languages' drafts: their marks, numbers and marker placement differ.
const LANGUAGES: &[&str] = &[
    include_str!("../../../tests/fixtures/drafts/languages/ar.md"),
    include_str!("../../../tests/fixtures/drafts/languages/es.md"),
    include_str!("../../../tests/fixtures/drafts/languages/fr.md"),
    include_str!("../../../tests/fixtures/drafts/languages/ru.md"),
    include_str!("../../../tests/fixtures/drafts/languages/zh.md"),
];

/// Mostly what typing does inside a paragraph (letters, words, spaces, marks), with some of what
/// makes and breaks blocks and facts (blank lines, emphasis, markers, numbers, comments).
const PIECES: &[&str] = &[
    "，",
    "。",
    "،",
    "\u{A0}",
    " ;",
    "x",
    "x",
    "x",
    "e",
    "the ",
    " ",
    " ",
    "é",
    "中",
    "😀",
    ",",
    ";",
    ".",
    ":",
    "*",
    "_",
    "\n",
    "\n\n",
    "<sup>",
    "</sup>",
    "<sup>3</sup>",
    "[^a]",
    "12. ",
    "(a) ",
    "---",
    "Ibid.",
    "*Ibid.*",
    "Recalling",
    "*Recalling*",
    "Decides",
    "<!-- resolution-ls: disable -->",
    "    ",
];

/// Whole pieces of structure, typed or pasted in one go: they split and join paragraphs, add and
/// remove footnotes, numbers, sub-paragraphs, sections, page breaks, closing lines and comments.
const STRUCTURAL: &[&str] = &[
    "\n\n",
    "\n\n\n",
    "\n",
    "\n\n1. ",
    "\n\n5. *Decides* to act;",
    "\n\n(b) ",
    "\n\n(i) To report;",
    "\n\n---\n\n",
    "\n---\n",
    "\n\n# II\n\n",
    "\n\n**A.**\n\n",
    "\n\n## Annex\n\n",
    "\n\n28th plenary meeting\n",
    "<sup>1</sup>",
    "<sup>2</sup>",
    "<sup>7</sup>",
    "<sup>1,2</sup>",
    "[^a]",
    "\n\n<sup>7</sup> *Ibid.*, p. 3.",
    "\n\n<sup>2</sup> United Nations, *Treaty Series*, vol. 2139.",
    "\n\n[^a]: A note.",
    "\n    indented",
    "\n\n*Recalling* its resolution,",
    "\n\n*Requests* the Secretary-General;",
    "\n\nrecalling the continuation,",
    "\n\n<!-- resolution-ls: disable-next-paragraph opener-unknown -->\n\n",
    "\n\n<!-- comment -->\n\n",
    "\n\n```\n",
    "2. ",
    "*",
    // What drafters get wrong: a paragraph in the wrong part, an adopted text, a footnote block
    // without its page break, a page break twice, a bold opener.
    "\n\n1. *Requests* a report;",
    "\n\n*Recalling* its decision 2/1,",
    "\n\n*Adopts* the following declaration:",
    "\n\nWe, Heads of State, commit.",
    "\n\n<sup>5</sup> A/73/1.\n\n<sup>6</sup> A/73/2.",
    "\n\n---\n\n---\n\n",
    "\n\n**Recalling** its resolution,",
];

const SEED: &str = "## **Resolution 1/1**\n\n*The General Assembly*,\n\n*Recalling* its resolution 60/288,<sup>1</sup>\n\n*Noting* with concern the report;\n\nRecognizing the work of the Office<sup>2</sup>\n\n---\n\n<sup>1</sup> *Ibid.*, vol. 976.\n\n<sup>2</sup> United Nations, *Treaty Series*, vol. 2139, No. 36759.\n\nFurther the continuation,\n\n1. *Decides* to act;\n\n3. *Requests* the Secretary-General:\n\n(a) To report; and\n\n(b) To act\n\n4. Urges States to act.<sup>4</sup>\n";

/// A rule's examples: the code in the parts of its documentation that begin with `**Fires` and
/// `**Silent` (up to the next part in bold), `markdown` blocks whole and inline code spans, by
/// which of the two.
fn examples_of(rule: &Rule) -> (Vec<String>, Vec<String>) {
    let (mut fires, mut silent) = (Vec::new(), Vec::new());
    for part in rule
        .docs()
        .split("\n**")
        .map(|p| p.trim_start_matches("**"))
    {
        let out = if part.starts_with("Fires") {
            &mut fires
        } else if part.starts_with("Silent") {
            &mut silent
        } else {
            continue;
        };
        let mut rest = part;
        loop {
            let (prose, block) = match rest.split_once("```markdown\n") {
                Some((prose, after)) => (prose, Some(after)),
                None => (rest, None),
            };
            // Between backticks: the odd pieces of a split.
            out.extend(
                prose
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .filter(|code| !code.is_empty())
                    .map(str::to_owned),
            );
            let Some(block) = block else { break };
            let (code, after) = block.split_once("```").unwrap_or((block, ""));
            out.push(code.trim_end().to_owned());
            rest = after;
        }
    }
    (fires, silent)
}

/// Every rule's own examples, typed in as they are and as paragraphs of their own: whatever a
/// rule is written to find, the random edits make and unmake it.
fn rule_examples() -> Vec<String> {
    RULES
        .iter()
        .flat_map(|rule| {
            let (fires, silent) = examples_of(rule);
            fires.into_iter().chain(silent)
        })
        .flat_map(|example| [format!("\n\n{example}\n\n"), example])
        .collect()
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PIECES), 0..3).prop_map(|p| p.concat()),
        3 => prop::sample::select(STRUCTURAL).prop_map(str::to_owned),
        1 => prop::sample::select(rule_examples()),
    ]
}

/// (where, whether to move to the end of that line, how much to replace, what, whether to check
/// after it). Line ends are where a paragraph's closing mark is, which decides much.
fn edits() -> impl Strategy<Value = Vec<(usize, bool, usize, String, bool)>> {
    prop::collection::vec(
        (
            any::<usize>(),
            any::<bool>(),
            prop_oneof![3 => Just(0usize), 1 => 0usize..6, 1 => 0usize..40],
            piece(),
            any::<bool>(),
        ),
        1..40,
    )
}

/// The drafts the edits start from: a small one with every kind of block, the reference draft,
/// and the other languages' drafts.
fn drafts() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(SEED.to_owned()),
        Just(REFERENCE.to_owned()),
        Just(DECLARATION.to_owned()),
        prop::sample::select(LANGUAGES).prop_map(str::to_owned),
    ]
}

fn config() -> impl Strategy<Value = Config> {
    prop_oneof![
        Just(Config::default()),
        Just(Config {
            ibid_form: IbidForm::Roman,
            ..Config::default()
        }),
        // Repeated references reported: footnote-repeated runs.
        Just(Config {
            footnote_repeats: FootnoteRepeats::NewFootnote,
            ..Config::default()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn cached_check_equals_fresh_check(
        text in drafts(),
        edits in edits(),
        config in config(),
    ) {
        let mut doc = Document::new(&text);
        let mut cache = CheckCache::new();
        let first = check(&doc, &config, None);
        prop_assert_eq!(cache.check(&doc, &config, None), first.as_slice());
        for (at, to_line_end, len, insert, check_now) in edits {
            let (start, end) = edit_range(&doc, at, to_line_end, len);
            doc.edit(start..end, &insert);
            if check_now {
                let fresh = check(&Document::new(&doc.text().to_string()), &config, None);
                prop_assert_eq!(cache.check(&doc, &config, None), fresh.as_slice(),
                    "after replacing {}..{} with {:?}", start, end, insert);
            }
        }
        let fresh = check(&Document::new(&doc.text().to_string()), &config, None);
        prop_assert_eq!(cache.check(&doc, &config, None), fresh.as_slice());
    }

    /// The analysis the check cache takes over a structural edit, walking again only around it,
    /// equals a fresh analysis of the text as it stands.
    #[test]
    fn analysis_followed_over_an_edit_equals_fresh_analysis(
        text in drafts(),
        edits in edits(),
    ) {
        let config = Config::default();
        let mut doc = Document::new(&text);
        for (at, to_line_end, len, insert, _) in edits {
            let (start, end) = edit_range(&doc, at, to_line_end, len);
            let mut analysis = Analysis::new(&doc, &config, None);
            let before = doc.version();
            doc.edit(start..end, &insert);
            let Some(splice) = doc.splices_since(before).and_then(|mut s| s.next()) else {
                continue;
            };
            if follow_structural(&mut analysis, doc.text(), doc.blocks(), splice).is_none() {
                continue;
            }
            let fresh = Analysis::new(&Document::new(&doc.text().to_string()), &config, None);
            prop_assert_eq!(&analysis.structure, &fresh.structure,
                "after replacing {}..{} with {:?}", start, end, insert);
            prop_assert_eq!(&analysis.suppressions, &fresh.suppressions);
            prop_assert_eq!(&analysis.footnotes, &fresh.footnotes);
            prop_assert_eq!(&analysis.ibid, &fresh.ibid);
        }
    }
}

/// A rule written by the book and added without telling the check cache anything about it: it
/// reads the footnote index and its own block's text ("see note 9" where footnote 9 has no
/// definition), so it declares that it reads the whole draft.
fn see_note_check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    const SEE_NOTE: &str = "see note ";
    for block in ctx.doc.blocks() {
        let text = ctx.doc.block_text(block);
        for (at, _) in text.match_indices(SEE_NOTE) {
            let digits = &text[at + SEE_NOTE.len()..];
            let len = digits.bytes().take_while(u8::is_ascii_digit).count();
            let Ok(number) = digits[..len].parse::<u32>() else {
                continue;
            };
            if ctx
                .analysis
                .footnotes
                .definition(&FootnoteKey::Number(number))
                .is_none()
            {
                let start = block.start + at;
                out.push(ctx.diagnostic(
                    "see-note",
                    start..start + SEE_NOTE.len() + len,
                    format!("note {number} is not defined"),
                ));
            }
        }
    }
}

/// The rules with [`see_note_check`] added, as a new rule is added: one entry, no other change.
fn rules_with_see_note() -> &'static [Rule] {
    static RULES_WITH_SEE_NOTE: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    RULES_WITH_SEE_NOTE.get_or_init(|| {
        let mut rules = RULES.to_vec();
        rules.push(Rule {
            id: "see-note",
            default_level: Level::On(Severity::Warning),
            summary: "a cross-reference to a note that is not defined",
            scope: Scope::Draft,
            check: see_note_check,
        });
        rules
    })
}

/// A fresh check of `doc` with `rules`.
fn fresh_check_with(doc: &Document, config: &Config, rules: &[Rule]) -> Vec<Diagnostic> {
    let doc = Document::new(&doc.text().to_string());
    let analysis = Analysis::new(&doc, config, None);
    check_analysed_with(&doc, config, &analysis, rules)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse::<u32>().ok())
            .map_or(200, |c| (c / 5).max(50)),
        ..ProptestConfig::default()
    })]

    /// A rule the cache knows nothing about, added with the default scope, is followed as
    /// correctly as the others: the cache equals a fresh check with it.
    #[test]
    fn a_rule_that_declares_nothing_is_checked_correctly_edit_after_edit(
        text in drafts(),
        edits in edits(),
        cross_reference in prop::sample::select(vec![" (see note 99)", " see note 1", " see note 2"]),
        typed_at in any::<usize>(),
    ) {
        let rules = rules_with_see_note();
        let config = Config::default();
        let mut doc = Document::new(&text);
        let mut cache = CheckCache::with_rules(rules);
        prop_assert_eq!(cache.check(&doc, &config, None), fresh_check_with(&doc, &config, rules));
        let mut edits = edits;
        // Typed somewhere, most often inside a paragraph: an edit the cache follows in place.
        edits.insert(0, (typed_at, false, 0, cross_reference.to_owned(), true));
        for (at, to_line_end, len, insert, check_now) in edits {
            let (start, end) = edit_range(&doc, at, to_line_end, len);
            doc.edit(start..end, &insert);
            if check_now {
                let fresh = fresh_check_with(&doc, &config, rules);
                prop_assert_eq!(cache.check(&doc, &config, None), fresh.as_slice(),
                    "after replacing {}..{} with {:?}", start, end, insert);
            }
        }
        prop_assert_eq!(cache.check(&doc, &config, None), fresh_check_with(&doc, &config, rules));
    }
}

/// The issue's reproduction: typing "(see note 99)" into a paragraph of the reference draft, one
/// character at a time, checked after each, gives the new rule's finding as a fresh check does.
#[test]
fn typing_a_cross_reference_to_a_missing_note_is_reported_as_typed() {
    let rules = rules_with_see_note();
    let config = Config::default();
    let mut doc = Document::new(REFERENCE);
    let mut cache = CheckCache::with_rules(rules);
    let _ = cache.check(&doc, &config, None);
    let mut at = REFERENCE
        .find("the commitments entered into")
        .expect("the reference draft has it");
    for c in "(see note 99) ".chars() {
        let typed = c.to_string();
        doc.edit(at..at, &typed);
        at += typed.len();
        let cached = cache.check(&doc, &config, None).to_vec();
        assert!(cache.last_was_incremental(), "after {c:?}");
        assert_eq!(
            cached,
            fresh_check_with(&doc, &config, rules),
            "after {c:?}"
        );
    }
    let found: Vec<_> = cache
        .check(&doc, &config, None)
        .iter()
        .filter(|d| d.rule == "see-note")
        .map(|d| (d.message.as_str(), doc.text().slice(d.range.clone())))
        .collect();
    assert_eq!(
        found,
        vec![("note 99 is not defined", "see note 99".to_owned())]
    );
}

/// Every rule in the table shows in its documentation an example that fires and one that does
/// not, which the property tests above type in.
#[test]
fn every_rule_gives_the_property_tests_its_examples() {
    for rule in RULES {
        let (fires, silent) = examples_of(rule);
        assert!(!fires.is_empty(), "{}: no code under **Fires**", rule.id);
        assert!(!silent.is_empty(), "{}: no code under **Silent**", rule.id);
    }
}

/// Where the edit `(at, to_line_end, len)` of [`edits`] falls in `doc`.
fn edit_range(doc: &Document, at: usize, to_line_end: bool, len: usize) -> (usize, usize) {
    let len_total = doc.text().len();
    let mut start = doc.text().clamp_offset(at % (len_total + 1));
    if to_line_end {
        let text = doc.text().to_string();
        start = text[start..].find('\n').map_or(len_total, |i| start + i);
    }
    let end = doc.text().clamp_offset((start + len).min(len_total));
    (start, end)
}

/// A different configuration, or another document, is checked afresh.
#[test]
fn another_configuration_or_document_is_checked_afresh() {
    let mut cache = CheckCache::new();
    let doc = Document::new(SEED);
    let _ = cache.check(&doc, &Config::default(), None);
    let roman = Config {
        ibid_form: IbidForm::Roman,
        ..Config::default()
    };
    assert_eq!(cache.check(&doc, &roman, None), check(&doc, &roman, None));
    assert!(!cache.last_was_incremental());
    let other = Document::new(REFERENCE);
    assert_eq!(
        cache.check(&other, &roman, None),
        check(&other, &roman, None)
    );
    assert!(!cache.last_was_incremental());
}

/// A character typed inside a paragraph is followed without a full check; so are edits that
/// change the draft's structure — a blank line splitting a paragraph, a footnote marker, a page
/// break, a number — and their undoing.
#[test]
fn typed_and_structural_edits_are_followed() {
    let config = Config::default();
    let at = REFERENCE
        .find("the commitments entered into")
        .expect("the reference draft has it")
        + 3;
    for insert in [
        "x",
        "\n\n",
        "<sup>1</sup>",
        "\n\n---\n\n",
        "\n\n7. ",
        "\n\n(c) ",
    ] {
        let mut doc = Document::new(REFERENCE);
        let mut cache = CheckCache::new();
        let _ = cache.check(&doc, &config, None);
        assert!(!cache.last_was_incremental());
        doc.edit(at..at, insert);
        let after_edit = cache.check(&doc, &config, None).to_vec();
        assert!(cache.last_was_incremental(), "{insert:?}");
        assert_eq!(after_edit, check(&doc, &config, None), "{insert:?}");
        doc.edit(at..at + insert.len(), "");
        let after_undo = cache.check(&doc, &config, None).to_vec();
        assert!(cache.last_was_incremental(), "{insert:?}");
        assert_eq!(after_undo, check(&Document::new(REFERENCE), &config, None));
    }
}

/// A structural edit that changes what every block's local rules read (here the draft's
/// language, through a comment) is checked afresh.
#[test]
fn a_new_language_is_checked_afresh() {
    let config = Config::default();
    let mut doc = Document::new(SEED);
    let mut cache = CheckCache::new();
    let _ = cache.check(&doc, &config, None);
    doc.edit(0..0, "<!-- resolution-ls: language fr -->\n\n");
    let after = cache.check(&doc, &config, None).to_vec();
    assert!(!cache.last_was_incremental());
    assert_eq!(after, check(&doc, &config, None));
}

/// Ibid. chains of every kind, and as many Ibid.s in italics as in roman (italics win the tie).
const CHAINS: &str = "*The General Assembly*,\n\n*Recalling* its resolution 60/288,<sup>1</sup> and<sup>2</sup>\n\n*Noting* the report,<sup>3</sup><sup>4</sup>\n\n*Noting also* the work,<sup>5</sup><sup>6</sup><sup>7</sup>\n\n*Bearing in mind* the plan,<sup>8</sup><sup>9</sup><sup>10</sup>\n\n1. *Decides* to act;<sup>11</sup><sup>12</sup><sup>13</sup><sup>14</sup><sup>15</sup>\n\n---\n\n<sup>1</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.\n\n<sup>2</sup> *Ibid.*, vol. 976, No. 14152.\n\n<sup>3</sup> General Assembly resolution 60/288.\n\n<sup>4</sup> *Ibid.*, vol. 976, No. 14152.\n\n<sup>5</sup> Some countries have identified links in some cases between groups.\n\n<sup>6</sup> *Ibid.*, para. 3.\n\n<sup>7</sup> Ibid., para. 4.\n\n<sup>8</sup> General Assembly resolution 60/288; see also resolution 62/272.\n\n<sup>9</sup> *Ibid.*, para. 3.\n\n<sup>10</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.\n\n<sup>11</sup> United Nations, *Treaty Series*, vol. 976, No. 14152.\n\n<sup>12</sup> Ibid., p. 2.\n\n<sup>13</sup> Ibid., p. 3.\n\n<sup>14</sup> Ibid., p. 5.\n\n<sup>15</sup> A/73/1.\n\n2. *Requests* a report.\n";

/// Removing any footnote definition, inside an Ibid. chain or at its head, and putting it back
/// (each turning the draft's majority Ibid. form one way or the other) is followed, and the
/// cache equals a fresh check after each.
#[test]
fn removing_and_restoring_each_definition_is_followed() {
    for config in [
        Config::default(),
        Config {
            ibid_form: IbidForm::Roman,
            ..Config::default()
        },
    ] {
        let mut start = 0;
        while let Some(found) = CHAINS[start..].find("\n\n<sup>") {
            let at = start + found + 2;
            start = at;
            if !CHAINS[..at].contains("---") {
                continue;
            }
            let end = at + CHAINS[at..].find("\n\n").expect("a blank line after it") + 2;
            let mut doc = Document::new(CHAINS);
            let mut cache = CheckCache::new();
            let _ = cache.check(&doc, &config, None);
            doc.edit(at..end, "");
            let removed = cache.check(&doc, &config, None).to_vec();
            assert!(cache.last_was_incremental(), "{}", &CHAINS[at..end]);
            assert_eq!(removed, check(&doc, &config, None), "{}", &CHAINS[at..end]);
            doc.edit(at..at, &CHAINS[at..end]);
            let restored = cache.check(&doc, &config, None).to_vec();
            assert!(cache.last_was_incremental(), "{}", &CHAINS[at..end]);
            assert_eq!(restored, check(&doc, &config, None), "{}", &CHAINS[at..end]);
        }
    }
}
