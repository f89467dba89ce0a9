//! ## operative-numbering (warning)
//!
//! Reports operative paragraph numbers that skip, repeat or go back, an operative paragraph
//! without a number among numbered ones, and a lone operative paragraph that is numbered (a single
//! operative paragraph takes no number). Numbering may continue across section headings or start
//! again at 1 after one. One mistake is one diagnostic: a mistyped number (`1.` `2.` `7.` `4.`)
//! is reported on `7` alone, a paragraph inserted or deleted without renumbering on the first
//! number that no longer fits.
//!
//! **Why it matters:** operative paragraphs are cited by number ("paragraph 5 of resolution
//! 21/3"); a number that skips or repeats makes every later citation wrong.
//!
//! **Fires:** `1. …;` `2. …;` `4. …;`
//!
//! **Silent:** `1. …;` `2. …;` `3. …`; a section `II` followed by `1.` again.
//!
//! **Fix** (safe): renumbers the operative paragraphs (or drops the number of a lone one).

use super::support::refactoring::{operative_heads_iter, operative_renumbering};
use super::Context;
use crate::diagnostic::Refactor;
use crate::diagnostic::{Diagnostic, Fix, FixEdits};
use crate::syntax::{Block, Paragraph};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut heads = operative_heads_iter(ctx);
    if let (Some((_, block, p)), None) = (heads.next(), heads.next()) {
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
    let heads = operative_heads_iter(ctx).map(|(lp, block, p)| (lp.after_section, block, p));
    check_sequence(ctx, heads, out);
}

/// The diagnostics of operative paragraphs `heads` (with whether a section heading stands
/// before each, its head block and paragraph), in order. One mistake gives one diagnostic: a
/// number that the paragraph after it does not follow is a slip (`1.` `2.` `7.` `4.`: only `7`),
/// a number the ones after do follow moved the sequence on (`1.` `2.` `4.` `5.`: only `4`), and a
/// paragraph without a number either takes its place in the sequence or stands outside it,
/// whichever the number after it says.
fn check_sequence<'a>(
    ctx: &Context,
    heads: impl Iterator<Item = (bool, &'a Block, &'a Paragraph)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut expected = 1;
    let mut found = Vec::new();
    let mut heads = heads.peekable();
    while let Some((after_section, block, p)) = heads.next() {
        if after_section && p.number.as_ref().is_some_and(|n| n.value == 1) {
            expected = 1;
        }
        let next = heads
            .peek()
            .filter(|(after, _, next)| {
                !(*after && next.number.as_ref().is_some_and(|n| n.value == 1))
            })
            .and_then(|(_, _, next)| next.number.as_ref())
            .map(|n| n.value);
        match &p.number {
            None => {
                let at = block.start + p.content_start as usize;
                let width = ctx.char_at(at).map_or(0, char::len_utf8);
                found.push(ctx.diagnostic(
                    "operative-numbering",
                    at..at + width,
                    format!("operative paragraph has no number; expected {expected}"),
                ));
                // A paragraph put in without a number: the next one keeps the number expected.
                if next != Some(expected) {
                    expected += 1;
                }
            }
            Some(number) if number.value == expected => expected += 1,
            Some(number) => {
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
                let slip = next == Some(expected + 1);
                expected = if slip { expected + 1 } else { number.value + 1 };
            }
        }
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
