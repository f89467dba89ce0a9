//! The law of the incremental parser: after any sequence of edits, the blocks held (and so the
//! diagnostics) equal those of a fresh parse of the final text.

use proptest::prelude::*;
use resolution_engine::{check, Config, Document};

const REFERENCE: &str = include_str!("../../../tests/fixtures/drafts/ccpcj-21-3.md");

include!("common/edit_pieces.rs");

const SEED: &str = "## **Resolution 1/1**\n\n*The General Assembly*,\n\n*Recalling* its resolution 60/288,<sup>1</sup>\n\n*Noting* with concern the report,\n\n---\n\n<sup>1</sup> *Ibid.*, vol. 976.\n\nthe continuation,\n\n1. *Decides* to act;\n\n2. *Requests* the Secretary-General:\n\n(a) To report; and\n\n(b) To act.\n\n[^x]: A note\n    indented\n\n    more\n";

fn piece() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..4).prop_map(|p| p.concat())
}

fn edits() -> impl Strategy<Value = Vec<(usize, usize, String)>> {
    prop::collection::vec((any::<usize>(), 0usize..12, piece()), 1..30)
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(SEED.to_owned()),
        Just(REFERENCE.to_owned()),
        prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn incremental_parse_equals_fresh_parse(text in text_strategy(), edits in edits()) {
        let mut doc = Document::new(&text);
        let mut expected = text.clone();
        for (at, len, insert) in edits {
            let len_total = doc.text().len();
            let start = doc.text().clamp_offset(at % (len_total + 1));
            let end = doc.text().clamp_offset((start + len).min(len_total));
            doc.edit(start..end, &insert);
            expected.replace_range(start..end, &insert);
            prop_assert_eq!(doc.text().to_string(), expected.clone());
            let fresh = Document::new(&expected);
            prop_assert_eq!(doc.blocks(), fresh.blocks(), "after replacing {}..{} with {:?}", start, end, insert);
        }
        // Same blocks, so the same diagnostics: checked once at the end of each sequence.
        let config = Config::default();
        prop_assert_eq!(check(&doc, &config, None), check(&Document::new(&expected), &config, None));
    }
}
