//! Parsing never fails: any text, however broken, gives a model and diagnostics, and fixing it
//! gives a text that still checks. (No `unwrap` on user input.)

use proptest::prelude::*;
use resolution_engine::config::DraftMode;
use resolution_engine::refactor::Refactors;
use resolution_engine::{check, fix_all, Config, Document};

fn always() -> Config {
    Config {
        draft: DraftMode::Always,
        ..Config::default()
    }
}

/// Text made of the draft format's own characters, where edge cases live.
fn drafty() -> impl Strategy<Value = String> {
    "([*_#`<>/^\\[\\]():,;. \n\r\t0-9a-zé中😀-]|<sup>|</sup>|Ibid\\.|---|\\(a\\)|1\\. ){0,200}"
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_checks_without_panicking(text in any::<String>()) {
        let doc = Document::new(&text);
        check(&doc, &always(), Some("x.res.md"));
    }

    #[test]
    fn drafty_text_checks_and_fixes_without_panicking(text in drafty()) {
        let config = always();
        let doc = Document::new(&text);
        let refactors = Refactors::new(&doc, &config, None);
        let inside = |range: &std::ops::Range<usize>| {
            range.start <= range.end
                && range.end <= text.len()
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
        };
        for d in &refactors.diagnostics() {
            prop_assert!(inside(&d.range));
            if let Some(fix) = &d.fix {
                // Made when asked (a draft-wide fix) or listed, a fix changes something.
                let edits = refactors.edits(fix);
                prop_assert!(!edits.is_empty(), "{:?}: the fix changes nothing", d);
                prop_assert!(edits.iter().all(|e| inside(&e.range)));
            }
        }
        let fixed = fix_all(&text, &config, None);
        check(&Document::new(&fixed.text), &config, None);
    }
}
