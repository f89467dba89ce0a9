//! `docs/format.md#reference-draft`: on the reference draft (CCPCJ resolution 21/3), with default settings, the checker
//! reports exactly `ibid-style` on footnotes 12 and 13, and nothing else.

use resolution_engine::{check, Config, Document, Encoding, FixEdits, LineCol, Severity};

const DRAFT: &str = include_str!("../../../tests/fixtures/drafts/ccpcj-21-3.md");

#[test]
fn reference_draft_gives_exactly_the_two_ibid_style_diagnostics() {
    let doc = Document::new(DRAFT);
    let diagnostics = check(&doc, &Config::default(), Some("ccpcj-21-3.md"));
    let found: Vec<(&str, Severity, LineCol, LineCol, &str, String)> = diagnostics
        .iter()
        .map(|d| {
            (
                d.rule,
                d.severity,
                doc.text().position(d.range.start, Encoding::Utf16),
                doc.text().position(d.range.end, Encoding::Utf16),
                &DRAFT[d.range.clone()],
                d.message.clone(),
            )
        })
        .collect();
    let line_of = |needle: &str| DRAFT.lines().position(|l| l.starts_with(needle)).unwrap();
    let fn12 = line_of("<sup>12</sup>");
    let fn13 = line_of("<sup>13</sup>");
    assert_eq!(
        found,
        vec![
            (
                "ibid-style",
                Severity::Warning,
                LineCol::new(fn12, 14),
                LineCol::new(fn12, 19),
                "Ibid.",
                "“Ibid.” in footnote 12 should be written *Ibid.* (in italics, as in the rest of this draft)".to_owned()
            ),
            (
                "ibid-style",
                Severity::Warning,
                LineCol::new(fn13, 14),
                LineCol::new(fn13, 19),
                "Ibid.",
                "“Ibid.” in footnote 13 should be written *Ibid.* (in italics, as in the rest of this draft)".to_owned()
            ),
        ]
    );
    // One fix for all: each diagnostic offers to rewrite both.
    let fix = diagnostics[0].fix.as_ref().unwrap();
    let FixEdits::Listed(edits) = &fix.edits else {
        panic!("the Ibid. rewrite is listed with the diagnostic")
    };
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|e| e.new_text == "*Ibid.*"));
    assert_eq!(diagnostics[1].fix, diagnostics[0].fix);
}

#[test]
fn reference_draft_is_clean_after_fixing() {
    let fixed = resolution_engine::fix_all(DRAFT, &Config::default(), None);
    assert_eq!(
        fixed.fixes_applied, 2,
        "one fix per diagnostic, sharing their edits"
    );
    assert_eq!(fixed.remaining, vec![]);
    assert!(fixed
        .text
        .contains("<sup>12</sup> *Ibid.*, vol. 1582, No. 27627."));
    assert!(fixed
        .text
        .contains("<sup>13</sup> *Ibid.*, vol. 2178, No. 38349."));
}
