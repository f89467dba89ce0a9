//! Taking an [`Analysis`] over an edit that changes its facts — a blank line splitting a
//! paragraph, a footnote marker, a number, a page break — by walking the structure again only
//! from just before the edit until the walk is back in step (see [`Structure::follow`]).
//!
//! An edit that may change what the whole analysis depends on is left to a fresh analysis: one
//! before or right after the organ line, one near a comment that disables rules (the paragraph
//! it applies to could change), fenced code, the first or last numbered paragraph.

use super::structure::Rewalked;
use super::{Analysis, FootnoteIndex, IbidChains};
use crate::document::Splice;
use crate::syntax::{Block, BlockKind};

/// Takes `analysis`, made for the blocks before `splice`, over it; `blocks` are the blocks just
/// after it. `None` when the edit is left to a fresh analysis: `analysis` is then unusable.
pub fn follow_structural(
    analysis: &mut Analysis,
    blocks: &[Block],
    splice: &Splice,
) -> Option<Rewalked> {
    if !analysis.is_draft {
        return None;
    }
    let first = splice.first_block;
    // The organ line, and the block after it (whether it is numbered), stand before the edit.
    let organ = analysis.structure.organ?;
    if first <= organ + 2 || matches!(blocks.get(organ + 1)?.kind, BlockKind::Comment) {
        return None;
    }
    // A comment's directive applies to the paragraph after it, past comments and page breaks:
    // none may be in the edit or stand just before it.
    let has_directives = |b: &Block| !b.directives.is_empty();
    if splice.old_blocks.iter().any(has_directives) || splice.new_blocks.iter().any(has_directives)
    {
        return None;
    }
    for block in blocks[..first].iter().rev() {
        if has_directives(block) {
            return None;
        }
        if !matches!(block.kind, BlockKind::Comment | BlockKind::PageBreak) {
            break;
        }
    }
    if !analysis
        .suppressions
        .map_offsets(|o| splice.map(o), |o| splice.map(o))
    {
        return None;
    }
    let rewalked = analysis
        .structure
        .follow(blocks, splice, &analysis.phrases)?;
    analysis.footnotes = FootnoteIndex::new(blocks, &analysis.structure);
    analysis.ibid = IbidChains::new(blocks, &analysis.footnotes);
    Some(rewalked)
}
