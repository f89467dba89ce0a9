//! ## footnote-repeated (off)
//!
//! Reports a footnote number referenced a second time. The older UN style allowed it; the current
//! one bans it ("a new footnote with the identical text should be inserted"). Off by default;
//! `footnote-repeats = "new-footnote"` in `resolution-ls.toml` turns it on at warning.
//!
//! **Why it matters:** in the current style each reference has its own footnote, so a repeated
//! number is a footnote someone forgot to add.
//!
//! **Fires** (with the current style): `…Organized Crime,<sup>2</sup> … the Convention<sup>2</sup>`.
//!
//! **Silent:** the second reference given its own footnote `<sup>3</sup>`.
//!
//! No fix: the new footnote's text and number are the drafter's to write.

use std::ops::Range;

use super::support::footnote_name;
use super::Context;
use crate::diagnostic::{Diagnostic, Related};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_references(ctx, 0..ctx.analysis.footnotes.refs.len(), out);
}

/// The diagnostics of references `refs` (indexes into the footnote index's) alone: the check
/// cache checks again only the references in the blocks an edit changed.
pub(crate) fn check_references(ctx: &Context, refs: Range<usize>, out: &mut Vec<Diagnostic>) {
    let footnotes = &ctx.analysis.footnotes;
    for (i, site) in footnotes
        .refs
        .iter()
        .enumerate()
        .take(refs.end)
        .skip(refs.start)
    {
        let Some(&first) = footnotes.first_ref.get(&site.key) else {
            continue;
        };
        if first == i || site.in_footnote {
            continue;
        }
        let name = footnote_name(&site.key);
        let mut d = ctx.diagnostic(
            "footnote-repeated",
            site.label_range.clone(),
            format!(
                "{name} is referenced again; the current style gives each reference a new footnote"
            ),
        );
        d.related.push(Related {
            range: footnotes.refs[first].label_range.clone(),
            message: format!("first reference to {name}"),
        });
        out.push(d);
    }
}
