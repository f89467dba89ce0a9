//! Any bytes, read as a draft, parse and check without a panic; every diagnostic and every fix
//! stays inside the text on character boundaries; fixing everything terminates and the result
//! checks too. (The fuzzing twin of `server/engine/tests/robustness.rs`.)

#![no_main]

use libfuzzer_sys::fuzz_target;
use resolution_engine::config::DraftMode;
use resolution_engine::refactor::Refactors;
use resolution_engine::{check, fix_all, Config, Document};

fuzz_target!(|data: &[u8]| {
    // The check command refuses text that is not UTF-8; lossy decoding still lets every input
    // reach the parser.
    let text = String::from_utf8_lossy(data);
    // Always a draft, so that every rule runs whatever the input looks like.
    let config = Config {
        draft: DraftMode::Always,
        ..Config::default()
    };
    let doc = Document::new(&text);
    let refactors = Refactors::new(&doc, &config, Some("fuzz.res.md"));
    let diagnostics = refactors.diagnostics();
    let inside = |range: &std::ops::Range<usize>| {
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end)
    };
    for d in &diagnostics {
        assert!(
            inside(&d.range),
            "{d:?} outside a text of {} bytes",
            text.len()
        );
        for related in &d.related {
            assert!(
                inside(&related.range),
                "{d:?}: related range outside the text"
            );
        }
        if let Some(fix) = &d.fix {
            let edits = refactors.edits(fix);
            assert!(!edits.is_empty(), "{d:?}: the fix changes nothing");
            for edit in edits.iter() {
                assert!(inside(&edit.range), "{d:?}: fix edit outside the text");
            }
        }
    }
    let fixed = fix_all(&text, &config, Some("fuzz.res.md"));
    check(&Document::new(&fixed.text), &config, Some("fuzz.res.md"));
});
