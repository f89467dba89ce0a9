//! Taking an [`Analysis`] over an edit that changes its facts — a blank line splitting a
//! paragraph, a footnote marker, a number, a page break — by walking the structure again only
//! from just before the edit until the walk is back in step (see [`Structure::follow`]).
//!
//! The footnote index and the Ibid. chains follow too: the references and definitions of the
//! blocks walked again are indexed again and the rest moved, as long as the same footnotes are
//! first referenced there (else the index is made afresh). What stayed is reported
//! ([`Followed`]), so that the check cache keeps the diagnostics of the rules whose facts only
//! moved.
//!
//! An edit that may change what the whole analysis depends on is left to a fresh analysis: one
//! before or right after the organ line, one near a comment that disables rules (the paragraph
//! it applies to could change), one in or around fenced code, one that gives a draft its first
//! numbered paragraph or takes away its last, one at the very end of the text.

use std::ops::Range;

use super::footnotes::FirstReferences;
use super::incremental::untouched_and_moved;
use super::structure::Rewalked;
use super::{Analysis, FootnoteIndex, IbidChains, RefSite};
use crate::document::Splice;
use crate::syntax::{Block, BlockKind};
use crate::text::SourceText;

/// What following a structural edit found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Followed {
    pub rewalked: Rewalked,
    /// The footnote references and definitions, the footnote blocks and the pages are those of
    /// before, moved: the same footnotes referenced in the same order from the same pages.
    pub footnotes_moved: bool,
    /// The definitions, the footnote blocks, the pages and each footnote's first reference are
    /// those of before, moved; references that are not a footnote's first may have come or gone
    /// in the blocks walked again.
    pub firsts_moved: bool,
    /// The footnotes in reading order and their definitions are those of before, moved.
    pub chains_moved: bool,
    /// The chains as they were before the edit, when they were made again from a followed
    /// footnote index: the check cache compares them with the new ones to judge again only the
    /// footnotes whose chains changed.
    pub old_chains: Option<IbidChains>,
}

/// Takes `analysis`, made for the blocks before `splice`, over it; `blocks` are the blocks just
/// after it, parsed from `text`. `None`, the analysis left as it was, when the edit is left to a fresh analysis.
pub fn follow_structural(
    analysis: &mut Analysis,
    text: &SourceText,
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
    let rewalked = analysis
        .structure
        .follow(text, blocks, splice, &analysis.phrases)?;
    analysis.suppressions = suppressions;
    analysis.footnotes.catch_up();
    let structure = &analysis.structure;
    let window = rewalked.blocks.clone();
    let old_window = rewalked.old_blocks.clone();
    let old_refs = window_refs(&analysis.footnotes, &old_window).to_vec();
    let first_references = analysis
        .footnotes
        .follow(blocks, structure, &rewalked, splice);
    let followed = first_references.is_some();
    let same_definitions = followed && first_references != Some(FirstReferences::Redefined);
    // The references in the window are those of before, untouched by the edit and moved.
    let new_refs = window_refs(&analysis.footnotes, &window);
    let footnotes_moved = same_definitions
        && rewalked.page_shift == 0
        && !rewalked.touches_footnote_blocks
        && old_refs.len() == new_refs.len()
        && old_refs.iter().zip(new_refs).all(|(old, new)| {
            (&old.key, old.syntax, old.page, old.in_footnote)
                == (&new.key, new.syntax, new.page, new.in_footnote)
                && untouched_and_moved(&old.label_range, &new.label_range, splice)
                && untouched_and_moved(&old.marker_range, &new.marker_range, splice)
        });
    // The chains are what they were, moved, when the reading order is and no definition was
    // walked again (its text may have changed).
    let chains_moved = same_definitions && !rewalked.touches_footnote_blocks;
    let mut old_chains = None;
    if chains_moved {
        // Definitions walked again but not re-parsed may stand in the window, after the edit:
        // they move with the blocks after the edit.
        let block_shift = window.len() as isize - old_window.len() as isize;
        // Blocks re-parsed but come out as they were, at the splice's end, move with it.
        let end = splice.first_block + splice.old_blocks.len() - splice.unchanged_ends().1;
        analysis.ibid.move_blocks(|b| {
            if b < end {
                b
            } else {
                b.wrapping_add_signed(block_shift)
            }
        });
    } else if followed {
        old_chains = Some(std::mem::replace(
            &mut analysis.ibid,
            IbidChains::new(&analysis.footnotes),
        ));
    } else {
        let old = &analysis.footnotes;
        let mut footnotes = FootnoteIndex::with_capacity(old.refs.len(), old.defs.len());
        for (i, block) in blocks.iter().enumerate() {
            footnotes.add_block(i, block, structure.roles[i], structure.pages[i]);
        }
        analysis.footnotes = footnotes;
        analysis.ibid = IbidChains::new(&analysis.footnotes);
    }
    let firsts_moved = rewalked.page_shift == 0
        && !rewalked.touches_footnote_blocks
        && first_references == Some(FirstReferences::Moved);
    Some(Followed {
        rewalked,
        footnotes_moved,
        firsts_moved,
        chains_moved,
        old_chains,
    })
}

/// The references in blocks `window`.
fn window_refs<'a>(footnotes: &'a FootnoteIndex, window: &Range<usize>) -> &'a [RefSite] {
    let from = footnotes.refs.partition_point(|r| r.block < window.start);
    let to = footnotes.refs.partition_point(|r| r.block < window.end);
    &footnotes.refs[from..to]
}
