//! ## footnote-duplicate (error)
//!
//! Reports a second definition of the same footnote number or label, with the first one as the
//! related location.
//!
//! **Why it matters:** only one of the two texts can be the footnote; which one the reader gets
//! depends on the tool that renders the draft.
//!
//! **Fires:**
//! ```markdown
//! <sup>3</sup> *Ibid.*, vol. 976, No. 14152.
//!
//! <sup>3</sup> *Ibid.*, vol. 1019, No. 14956.
//! ```
//!
//! **Silent:** the second one numbered `4` (and referenced).
//!
//! No fix: which text is right is the drafter's call.

use super::support::footnote_name;
use super::Context;
use crate::diagnostic::{Diagnostic, Related};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let footnotes = &ctx.analysis.footnotes;
    for def in &footnotes.defs {
        let Some(all) = footnotes.defs_by_key.get(&def.key) else {
            continue;
        };
        let first = &footnotes.defs[all[0]];
        if first.block == def.block {
            continue;
        }
        let marker = |block: usize| {
            let b = ctx.block(block);
            b.footnote_def()
                .map_or(b.range(), |d| b.abs(&d.marker_range))
        };
        let name = footnote_name(&def.key);
        let mut d = ctx.diagnostic(
            "footnote-duplicate",
            marker(def.block),
            format!("{name} is defined more than once"),
        );
        d.related.push(Related {
            range: marker(first.block),
            message: format!("first definition of {name}"),
        });
        out.push(d);
    }
}
