//! ## ibid-after-multiple (warning)
//!
//! Reports an Ibid. after a footnote that cites several works (`…; see also …`): once, on the
//! Ibid. right after it (the Ibid.s after that one stand for the same thing).
//!
//! **Why it matters:** "the same source" is ambiguous when the footnote before cites more than
//! one; the reader cannot tell which is meant.
//!
//! **Fires:**
//! ```markdown
//! <sup>4</sup> General Assembly resolution 60/288; see also resolution 62/272.
//!
//! <sup>5</sup> *Ibid.*, para. 3.
//! ```
//!
//! **Silent:** footnote 5 naming the resolution it means (`<sup>5</sup> General Assembly resolution
//! 62/272, para. 3.`).
//!
//! No fix: which of the works is meant is the drafter's knowledge.

use super::support::{definition_marker, footnote_name, key_of};
use super::Context;
use crate::analysis::IbidStatus;
use crate::diagnostic::{Diagnostic, Related};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_footnotes(ctx, 0..ctx.analysis.ibid.order.len(), out);
}

/// The footnotes at `positions` in reading order (see `Scope::IbidEachFootnote`).
pub fn check_footnotes(
    ctx: &Context,
    positions: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    for link in ctx.analysis.ibid.links_in(positions) {
        // Once, where the chain meets the footnote that cites several works.
        let IbidStatus::AfterMultiple { source } = link.status else {
            continue;
        };
        if link.previous != Some(source) {
            continue;
        }
        let block = ctx.block(link.block);
        let Some(token) = block.footnote_def().and_then(|d| d.body.ibid()) else {
            continue;
        };
        let name = key_of(ctx, link.block).map_or_else(String::new, footnote_name);
        let source_name = key_of(ctx, source).map_or_else(String::new, footnote_name);
        let mut d = ctx.diagnostic(
            "ibid-after-multiple",
            block.abs(&token.range),
            format!("Ibid. in {name} refers to {source_name}, which cites several works"),
        );
        d.related.push(Related {
            range: definition_marker(ctx, source),
            message: format!("{source_name} cites several works"),
        });
        out.push(d);
    }
}
