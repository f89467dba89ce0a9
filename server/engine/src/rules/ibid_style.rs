//! ## ibid-style (warning)
//!
//! Reports an Ibid. written differently from the rest of the draft: `*Ibid.*` against `Ibid.`, or
//! a malformed `Ibid` (no full stop) or `ibid.` (lower case) at the start of a footnote. The
//! draft's dominant form wins (italic on a tie) unless `ibid-form = "italic"` or `"roman"` in
//! `resolution-ls.toml` fixes it.
//!
//! **Why it matters:** one document, one style: the editors will make every Ibid. alike, and a
//! mixed set is a sign of text pasted from elsewhere.
//!
//! Two spellings of the Latin word mixed in one draft (`Ibid.` and `Ibíd.` in Spanish) are an
//! inconsistency too: the less common one is reported.
//!
//! **Fires:** `<sup>12</sup> Ibid., vol. 1582, No. 27627.` in a draft whose other Ibid.s are
//! `*Ibid.*`; `*Ibíd.*` in a draft whose other Ibid.s are `*Ibid.*`.
//!
//! **Silent:** every Ibid. of the draft written `*Ibid.*`.
//!
//! **Fix** (safe): rewrites every Ibid. of the draft in the chosen form (one fix for all).

use super::support::{footnote_name, ibid_text, ibid_tokens, key_of, preferred_ibid_italic};
use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let italic = preferred_ibid_italic(ctx);
    let wanted = ibid_text(ctx, italic);
    let accented = |written: &str| written.contains(['í', 'Í']);
    let latin = |written: &str| {
        written
            .trim_matches(['*', '_'])
            .to_lowercase()
            .starts_with("ib")
    };
    // Each token's text is read from the rope once, for both passes.
    let tokens: Vec<_> = ibid_tokens(ctx)
        .map(|(block, token)| {
            let range = ctx.block(block).abs(&token.range);
            let written = ctx.text(range.clone());
            (block, token, range, written)
        })
        .collect();
    // Two spellings of the Latin word in one draft (`Ibid.` and `Ibíd.` in Spanish): the more
    // common one is the draft's (the plain one on a tie).
    let (mut plain, mut with_accent) = (0, 0);
    for (_, _, _, written) in &tokens {
        if latin(written) {
            if accented(written) {
                with_accent += 1;
            } else {
                plain += 1;
            }
        }
    }
    let spelling = (plain > 0 && with_accent > 0).then_some(with_accent > plain);
    let wrong: Vec<_> = tokens
        .into_iter()
        .filter_map(|(block, token, range, written)| {
            let misspelled =
                spelling.is_some_and(|accent| latin(&written) && accented(&written) != accent);
            if token.well_formed && token.italic == italic && !misspelled {
                return None;
            }
            let rewritten = restyled(&written, italic, spelling);
            Some((block, range, written, rewritten))
        })
        .collect();
    if wrong.is_empty() {
        return;
    }
    let fix = Fix::safe(
        format!("Write every Ibid. as {wanted}"),
        wrong
            .iter()
            .map(|(_, range, _, rewritten)| Edit::replace(range.clone(), rewritten.clone()))
            .collect::<Vec<_>>(),
    );
    let form = if italic { "in italics" } else { "in roman" };
    for (block, range, written, rewritten) in wrong {
        let name = key_of(ctx, block).map_or_else(String::new, footnote_name);
        let mut d = ctx.diagnostic(
            "ibid-style",
            range,
            format!("“{written}” in {name} should be written {rewritten} ({form}, as in the rest of this draft)"),
        );
        d.fix = Some(fix.clone());
        out.push(d);
    }
}

/// An Ibid. token in the chosen form, its word kept as the drafter spelled it (`Ibíd.`, `Там же`)
/// unless the draft spells the Latin word otherwise (`accent`: with `í` or without): the Latin
/// abbreviation gets its capital and full stop, and the emphasis is put on or taken off.
fn restyled(written: &str, italic: bool, accent: Option<bool>) -> String {
    let bare = written.trim_matches(['*', '_']);
    let (word, dot) = match bare.strip_suffix('.') {
        Some(word) => (word.trim_end_matches(['*', '_']), true),
        None => (bare, false),
    };
    let word = if word.to_lowercase().starts_with("ib") {
        if accent.unwrap_or_else(|| word.contains(['í', 'Í'])) {
            "Ibíd."
        } else {
            "Ibid."
        }
        .to_owned()
    } else if dot {
        format!("{word}.")
    } else {
        word.to_owned()
    };
    if italic {
        format!("*{word}*")
    } else {
        word
    }
}
