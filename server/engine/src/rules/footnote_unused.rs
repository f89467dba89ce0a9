//! ## footnote-unused (warning)
//!
//! Reports a footnote definition that nothing references.
//!
//! **Why it matters:** a leftover footnote usually means a reference was deleted in negotiation, or
//! that its marker was mistyped; either way the numbering the reader sees is off.
//!
//! **Fires:** `<sup>9</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.` with no
//! `<sup>9</sup>` in the text.
//!
//! **Silent:** the same definition with `…Organized Crime,<sup>9</sup>` in a paragraph.
//!
//! **Fix** (unsafe: the footnote's text goes, and the reference may only have been mistyped):
//! deletes the definition (with any paragraph that continues it).

use super::support::footnote_block::delete_definition;
use super::support::footnote_name;
use super::Context;
use crate::diagnostic::{Diagnostic, Fix};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let footnotes = &ctx.analysis.footnotes;
    for def in &footnotes.defs {
        if footnotes.is_referenced(&def.key) {
            continue;
        }
        let block = ctx.block(def.block);
        let Some(definition) = block.footnote_def() else {
            continue;
        };
        let mut d = ctx.diagnostic(
            "footnote-unused",
            block.abs(&definition.marker_range),
            format!(
                "{} is defined but never referenced",
                footnote_name(&def.key)
            ),
        );
        // Unsafe: the footnote's text goes, and the reference may only have been mistyped.
        d.fix = Some(Fix::unsafe_(
            format!("Delete unreferenced {}", footnote_name(&def.key)),
            vec![delete_definition(ctx, def.block)],
        ));
        out.push(d);
    }
}
