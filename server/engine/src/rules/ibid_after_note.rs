//! ## ibid-after-note (error)
//!
//! Reports an Ibid. whose previous footnote is a note (a sentence of its own), not a citation,
//! with the note as the related location. The chain is reported once, where it broke: the Ibid.s
//! after it stand for what that one stands for, and are right again once it is.
//!
//! **Why it matters:** a note cites no work, so "the same source" points at nothing; the chain
//! broke when the note was inserted or moved.
//!
//! **Fires:**
//! ```markdown
//! <sup>8</sup> Some countries have identified links in some cases between …
//!
//! <sup>9</sup> *Ibid.*, vol. 2225, No. 39574.
//! ```
//!
//! **Silent:** footnote 9 written in full (`United Nations, *Treaty Series*, vol. 2225, …`).
//!
//! **Fix** (unsafe: it rewrites a citation): replaces the Ibid. with the full citation of the last
//! cited work before the note, keeping the Ibid.'s locator.

use super::support::refactoring::full_citation;
use super::support::{definition_marker, footnote_name, key_of};
use super::Context;
use crate::analysis::IbidStatus;
use crate::diagnostic::{Diagnostic, Edit, Fix, Related};
use crate::syntax::CitationKind;

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
        // The chain broke at the Ibid. right after the note: the later ones are fixed with it.
        let IbidStatus::AfterNote { note } = link.status else {
            continue;
        };
        if link.previous != Some(note) {
            continue;
        }
        let block = ctx.block(link.block);
        let Some(def) = block.footnote_def() else {
            continue;
        };
        let Some(token) = def.body.ibid() else {
            continue;
        };
        let name = key_of(ctx, link.block).map_or_else(String::new, footnote_name);
        let note_name = key_of(ctx, note).map_or_else(String::new, footnote_name);
        let message = format!("Ibid. in {name} follows {note_name}, a note that cites no work");
        let mut d = ctx.diagnostic("ibid-after-note", block.abs(&token.range), message);
        d.related.push(Related {
            range: definition_marker(ctx, note),
            message: format!("{note_name} is a note, not a citation"),
        });
        let citation = last_citation_before(ctx, note)
            .and_then(|source| full_citation(ctx, source, def.body.locator.as_deref()));
        if let Some(text) = citation {
            d.fix = Some(Fix::unsafe_(
                "Replace Ibid. with the full citation",
                vec![Edit::replace(block.abs(&def.body.range), text)],
            ));
        }
        out.push(d);
    }
}

/// The last footnote before `block` in reading order that cites one work in full.
pub fn last_citation_before(ctx: &Context, block: usize) -> Option<usize> {
    let order = &ctx.analysis.ibid.order;
    let position = ctx.analysis.ibid.position_of(block)?;
    order[..position].iter().rev().find_map(|(_, b)| {
        let body = &ctx.block(*b).footnote_def()?.body;
        matches!(body.kind, CitationKind::Citation { multiple: false }).then_some(*b)
    })
}
