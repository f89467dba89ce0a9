//! ## operative-numbering (warning)
//!
//! Reports operative paragraph numbers that skip, repeat or go back, an operative paragraph
//! without a number among numbered ones, and a lone operative paragraph that is numbered (a single
//! operative paragraph takes no number). Numbering may continue across section headings or start
//! again at 1 after one.
//!
//! **Why it matters:** operative paragraphs are cited by number ("paragraph 5 of resolution
//! 21/3"); a number that skips or repeats makes every later citation wrong.
//!
//! **Fires:** `1. …;` `2. …;` `4. …;`
//!
//! **Silent:** `1. …;` `2. …;` `3. …`; a section `II` followed by `1.` again.
//!
//! **Fix:** renumbers the operative paragraphs (or drops the number of a lone one).

use super::Context;
use crate::diagnostic::{Diagnostic, Fix, FixEdits};
use crate::refactor::{operative_heads, operative_renumbering, Refactor};
use crate::syntax::{Block, Paragraph};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let paragraphs = operative_heads(ctx);
    if let [(_, block, p)] = paragraphs.as_slice() {
        if let Some(number) = &p.number {
            let mut d = ctx.diagnostic(
                "operative-numbering",
                block.abs(&number.digits),
                "a lone operative paragraph is not numbered".to_owned(),
            );
            d.fix = Some(Fix::safe("Remove the number", operative_renumbering(ctx)));
            out.push(d);
        }
        return;
    }
    let heads = paragraphs
        .into_iter()
        .map(|(lp, block, p)| (lp.after_section, block, p));
    check_sequence(ctx, heads, 1, out);
}

/// The diagnostics of operative paragraphs `heads` (head block and paragraph, with whether a
/// section heading stands before), in order, the first of which should be numbered `expected`:
/// 1 at the start, or one more than the numbered paragraph before them. The check cache checks
/// again only the paragraphs an edit can have changed: from a numbered one to the next.
pub(crate) fn check_sequence<'a>(
    ctx: &Context,
    heads: impl IntoIterator<Item = (bool, &'a Block, &'a Paragraph)>,
    mut expected: u32,
    out: &mut Vec<Diagnostic>,
) {
    // `expected` follows the draft's own numbers, so one skip is reported once; the fix numbers
    // the paragraphs in sequence (see `refactor::operative_renumbering`).
    let mut found = Vec::new();
    for (after_section, block, p) in heads {
        if after_section && p.number.as_ref().is_some_and(|n| n.value == 1) {
            expected = 1;
        }
        match &p.number {
            None => {
                let at = block.start + p.content_start;
                let width = ctx.char_at(at).map_or(0, char::len_utf8);
                found.push(ctx.diagnostic(
                    "operative-numbering",
                    at..at + width,
                    format!("operative paragraph has no number; expected {expected}"),
                ));
            }
            Some(number) => {
                if number.value != expected {
                    let what = if number.value < expected {
                        "repeats or goes back"
                    } else {
                        "skips a number"
                    };
                    found.push(ctx.diagnostic(
                        "operative-numbering",
                        block.abs(&number.digits),
                        format!("paragraph {} {what}; expected {expected}", number.value),
                    ));
                }
                expected = number.value;
            }
        }
        expected += 1;
    }
    // Some number is not its place in sequence (else `expected` kept in step and nothing was
    // found), so the deferred renumbering changes something.
    let fix = Fix::safe(
        "Renumber the operative paragraphs",
        FixEdits::Deferred(Refactor::RenumberOperative),
    );
    for mut d in found {
        d.fix = Some(fix.clone());
        out.push(d);
    }
}
