//! Taking an [`Analysis`] over an edit that changes its facts — a blank line splitting a
//! paragraph, a footnote marker, a number, a page break — by walking the structure again only
//! from just before the edit until the walk is back in step (see [`Structure::follow`]).
//!
//! An edit that may change what the whole analysis depends on is left to a fresh analysis: one
//! before or right after the organ line, one near a comment that disables rules (the paragraph
//! it applies to could change), fenced code, the first or last numbered paragraph, the very end
//! of the text.

use super::structure::Rewalked;
use super::{Analysis, FootnoteIndex, IbidChains};
use crate::document::Splice;
use crate::syntax::{Block, BlockKind};

/// What following a structural edit found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Followed {
    pub rewalked: Rewalked,
    /// The footnote references and definitions, the footnote blocks and the pages are those of
    /// before, moved: the same footnotes referenced in the same order from the same pages.
    pub footnotes_moved: bool,
    /// The footnotes in reading order and their definitions are those of before, moved.
    pub chains_moved: bool,
}

/// Takes `analysis`, made for the blocks before `splice`, over it; `blocks` are the blocks just
/// after it. `None`, the analysis left as it was, when the edit is left to a fresh analysis.
pub fn follow_structural(
    analysis: &mut Analysis,
    blocks: &[Block],
    splice: &Splice,
) -> Option<Followed> {
    if !analysis.is_draft {
        return None;
    }
    // The text's last bytes decide how a definition is appended at the end (see
    // `footnote_block::append`), so the footnote rules' fixes depend on them.
    if splice.replaced.end + 2 > splice.old_len {
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
    let mut suppressions = analysis.suppressions.clone();
    if !suppressions.map_offsets(|o| splice.map(o), |o| splice.map(o)) {
        return None;
    }
    let old_keys = |footnotes: &FootnoteIndex, window: &std::ops::Range<usize>| {
        let from = footnotes.refs.partition_point(|r| r.block < window.start);
        let to = footnotes.refs.partition_point(|r| r.block < window.end);
        footnotes.refs[from..to]
            .iter()
            .map(|r| (r.key.clone(), r.syntax, r.page, r.in_footnote))
            .collect::<Vec<_>>()
    };
    let rewalked = analysis
        .structure
        .follow(blocks, splice, &analysis.phrases)?;
    analysis.suppressions = suppressions;
    let structure = &analysis.structure;
    let mut footnotes =
        FootnoteIndex::with_capacity(analysis.footnotes.refs.len(), analysis.footnotes.defs.len());
    for (i, block) in blocks.iter().enumerate() {
        footnotes.add_block(i, block, structure.roles[i], structure.pages[i]);
    }
    let footnotes_moved = rewalked.page_shift == 0
        && !rewalked.touches_footnote_blocks
        && old_keys(&analysis.footnotes, &rewalked.old_blocks)
            == old_keys(&footnotes, &rewalked.blocks);
    let chains_moved = !rewalked.touches_footnote_blocks
        && footnotes.reading_order == analysis.footnotes.reading_order;
    analysis.footnotes = footnotes;
    analysis.ibid = IbidChains::new(blocks, &analysis.footnotes);
    Some(Followed {
        rewalked,
        footnotes_moved,
        chains_moved,
    })
}
