//! ## footnote-page (hint)
//!
//! In a draft with pages (`---` lines), reports a footnote definition that is not in the footnote
//! block of the page of its first reference. A footnote that runs on past a page break belongs
//! where it starts.
//!
//! **Why it matters:** in a paged draft the footnote block mirrors the printed page; a footnote on
//! the wrong page is read out of its context, and usually means text moved without its footnote.
//!
//! **Fires:** `<sup>7</sup>` referenced on page 2 with its definition under the page break that
//! ends page 1.
//!
//! **Silent:** the definition (`<sup>7</sup> General Assembly resolution 60/288.`) moved under the
//! page break that ends page 2.
//!
//! **Fix** (safe): moves the definition into the right footnote block, in number order.

use super::support::footnote_block::{delete_definition, insert_definition};
use super::support::footnote_name;
use super::Context;
use crate::analysis::Role;
use crate::diagnostic::{Diagnostic, Fix, Related};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let structure = &ctx.analysis.structure;
    if !structure.has_page_breaks {
        return;
    }
    let footnotes = &ctx.analysis.footnotes;
    for key in &footnotes.reading_order {
        let (Some(def), Some(first)) = (footnotes.definition(key), footnotes.first_reference(key))
        else {
            continue;
        };
        if first.in_footnote {
            continue;
        }
        // A footnote block belongs to the page whose break it follows.
        let def_page = def.page.checked_sub(1);
        if def_page == Some(first.page) {
            continue;
        }
        let block = ctx.block(def.block);
        let Some(definition) = block.footnote_def() else {
            continue;
        };
        let name = footnote_name(key);
        let where_defined = match def_page {
            Some(p) => format!("in the footnotes of page {}", p + 1),
            None => "before the first page break".to_owned(),
        };
        let mut d = ctx.diagnostic(
            "footnote-page",
            block.abs(&definition.marker_range),
            format!(
                "{name} is referenced on page {} but defined {where_defined}",
                first.page + 1
            ),
        );
        d.related.push(Related {
            range: first.label_range.clone(),
            message: format!("first reference to {name}"),
        });
        let end = super::support::footnote_block::end_with_continuations(
            ctx.blocks(),
            &structure.roles,
            def.block,
        );
        let text = ctx.text(block.start..end);
        let insert = insert_definition(ctx, key, first.block, &text);
        let delete = delete_definition(ctx, def.block);
        let overlaps =
            insert.range.start >= delete.range.start && insert.range.start <= delete.range.end;
        if !overlaps && structure.roles[def.block] == Role::FootnoteDef {
            d.fix = Some(Fix::safe(
                format!("Move {name} to the footnotes of page {}", first.page + 1),
                vec![delete, insert],
            ));
        }
        out.push(d);
    }
}
