//! ## ibid-no-antecedent (error)
//!
//! Reports an Ibid. with no footnote before it in reading order: the first footnote of the draft.
//!
//! **Why it matters:** Ibid. means "the same source as the footnote before"; with none before it,
//! the reader has no source at all. It happens when footnotes are reordered or a draft is cut.
//!
//! **Fires:** `<sup>1</sup> *Ibid.*, vol. 976, No. 14152.` as the first footnote.
//!
//! **Silent:** the same Ibid. after `<sup>1</sup> United Nations, *Treaty Series*, vol. 2225, …`.
//!
//! **Fix** (unsafe: it inserts placeholder text): replaces the Ibid. with a placeholder for the
//! full citation.

use super::support::{footnote_name, key_of};
use super::Context;
use crate::analysis::IbidStatus;
use crate::diagnostic::{Diagnostic, Edit, Fix};

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
        // Only the first: the Ibid.s after it stand for what it stands for.
        if link.status != IbidStatus::NoAntecedent || link.previous.is_some() {
            continue;
        }
        let block = ctx.block(link.block);
        let Some(token) = block.footnote_def().and_then(|d| d.body.ibid()) else {
            continue;
        };
        let range = block.abs(&token.range);
        let name = key_of(ctx, link.block).map_or_else(String::new, footnote_name);
        let mut d = ctx.diagnostic(
            "ibid-no-antecedent",
            range.clone(),
            format!("Ibid. in {name} has no earlier footnote to refer to"),
        );
        d.fix = Some(Fix::unsafe_(
            "Replace Ibid. with a placeholder for the full citation",
            vec![Edit::replace(range, "TODO: full citation")],
        ));
        out.push(d);
    }
}
