//! Where a footnote definition belongs: in the footnote block of the page of its first reference,
//! in number order; in a draft without pages, among the other definitions.

use crate::analysis::Role;
use crate::diagnostic::Edit;
use crate::rules::Context;
use crate::syntax::{Block, FootnoteKey};

/// The edit that inserts `definition` (one paragraph, no line break at either end) where footnote
/// `key`, first referenced in block `ref_block`, belongs. `None` when the page has no footnote
/// block and none can be placed (no page break follows the reference in a paged draft: then the
/// edit appends a page break and the definition at the end).
pub fn insert_definition(
    ctx: &Context,
    key: &FootnoteKey,
    ref_block: usize,
    definition: &str,
) -> Edit {
    let blocks = ctx.blocks();
    let roles = &ctx.analysis.structure.roles;
    let paged = ctx.analysis.structure.has_page_breaks;
    // The candidate blocks: the footnote block after the reference's page, or every definition.
    let (after, candidates): (Option<usize>, Vec<usize>) = if paged {
        match (ref_block..blocks.len()).find(|&i| roles[i] == Role::PageBreak) {
            Some(page_break) => {
                let members = (page_break + 1..blocks.len())
                    .take_while(|&i| {
                        matches!(
                            roles[i],
                            Role::FootnoteDef | Role::FootnoteContinuation | Role::Comment
                        )
                    })
                    .filter(|&i| roles[i] == Role::FootnoteDef)
                    .collect();
                (Some(page_break), members)
            }
            None => return append(ctx, &format!("---\n\n{definition}")),
        }
    } else {
        (
            None,
            (0..blocks.len())
                .filter(|&i| roles[i] == Role::FootnoteDef)
                .collect(),
        )
    };
    let number = key.number();
    let def_number = |i: usize| blocks[i].footnote_def().and_then(|d| d.key.number());
    // Before the first definition with a larger number; else after the last definition.
    if let Some(n) = number {
        if let Some(&next) = candidates
            .iter()
            .find(|&&i| def_number(i).is_some_and(|m| m > n))
        {
            return Edit::insert(blocks[next].start, format!("{definition}\n\n"));
        }
    }
    if let Some(&last) = candidates.last() {
        return Edit::insert(
            end_with_continuations(blocks, roles, last),
            format!("\n\n{definition}"),
        );
    }
    match after {
        Some(page_break) => Edit::insert(blocks[page_break].end(), format!("\n\n{definition}")),
        None => append(ctx, definition),
    }
}

/// Appends a paragraph at the end of the document.
fn append(ctx: &Context, paragraph: &str) -> Edit {
    let len = ctx.doc.text().len();
    let tail = ctx.text(len.saturating_sub(2)..len);
    let separator = if len == 0 || tail == "\n\n" {
        ""
    } else if tail.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    Edit::insert(len, format!("{separator}{paragraph}\n"))
}

/// The end of definition block `i` with the paragraphs that continue it.
pub fn end_with_continuations(blocks: &[Block], roles: &[Role], i: usize) -> usize {
    let last = (i + 1..blocks.len())
        .take_while(|&j| roles[j] == Role::FootnoteContinuation)
        .last()
        .unwrap_or(i);
    blocks[last].end()
}

/// The edit that deletes definition block `i` with its continuations and the blank lines after
/// it (before it, when it is the last thing in the document).
pub fn delete_definition(ctx: &Context, i: usize) -> Edit {
    let blocks = ctx.blocks();
    let roles = &ctx.analysis.structure.roles;
    let end = end_with_continuations(blocks, roles, i);
    let last = (i + 1..blocks.len())
        .take_while(|&j| roles[j] == Role::FootnoteContinuation)
        .last()
        .unwrap_or(i);
    match blocks.get(last + 1) {
        Some(next) => Edit::delete(blocks[i].start..next.start),
        None => {
            let start = i.checked_sub(1).map_or(0, |p| blocks[p].end());
            Edit::delete(start..end)
        }
    }
}
