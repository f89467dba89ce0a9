//! ## footnote-order (warning)
//!
//! Reports footnote numbers that, in reading order (the order of first references), skip a number
//! or go back: 1, 2, 4 or 1, 3, 2.
//!
//! **Why it matters:** footnotes are numbered in the order the reader meets them; a footnote
//! inserted or moved during negotiation leaves the numbering broken, and every later number with it.
//!
//! **Fires:** references `<sup>1</sup>`, `<sup>3</sup>`, `<sup>2</sup>` in that order (on `3`,
//! which skips 2, and on `2`, which goes back).
//!
//! **Silent:** `<sup>1</sup>`, `<sup>2</sup>`, `<sup>1</sup>` (a repeated reference is not a
//! first reference).
//!
//! **Fix:** renumbers every footnote in reading order, references and definitions together.

use super::Context;
use crate::diagnostic::{Diagnostic, Fix, FixEdits};
use crate::refactor::Refactor;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let footnotes = &ctx.analysis.footnotes;
    let mut expected = 1;
    let mut previous: Option<u32> = None;
    let mut found = Vec::new();
    for key in &footnotes.reading_order {
        let Some(n) = key.number() else { continue };
        if n != expected {
            let message = match previous {
                Some(p) if n < expected => {
                    format!("footnote {n} comes after footnote {p} in reading order")
                }
                _ => format!("footnote {n} skips footnote {expected} in reading order"),
            };
            if let Some(first) = footnotes.first_reference(key) {
                found.push(ctx.diagnostic("footnote-order", first.label_range.clone(), message));
            }
        }
        expected = n.max(expected.saturating_sub(1)) + 1;
        previous = Some(n);
    }
    if found.is_empty() {
        return;
    }
    // A footnote is not numbered by its place in reading order (else `expected` kept in step and
    // nothing was found), so the deferred renumbering changes something.
    let fix = Fix::safe(
        Refactor::RenumberFootnotes.title(),
        FixEdits::Deferred(Refactor::RenumberFootnotes),
    );
    for mut d in found {
        d.fix = Some(fix.clone());
        out.push(d);
    }
}
