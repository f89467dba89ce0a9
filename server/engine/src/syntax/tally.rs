//! Counts over a document's blocks that the analysis needs before it walks them.

use super::block::{Block, BlockKind};

/// How many blocks of a kind the analysis asks about a document has, counted as the blocks are
/// parsed (while each is still in the cache) and kept up to date splice by splice: without them,
/// each check first read every block of the draft once more, tens of megabytes in a large one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Code fence lines.
    pub fences: usize,
    /// Blocks with suppression comments.
    pub with_directives: usize,
    /// Footnote references.
    pub refs: usize,
    /// Footnote definitions.
    pub defs: usize,
    /// Numbered paragraphs.
    pub numbered: usize,
    /// Page breaks.
    pub page_breaks: usize,
}

impl Tally {
    pub fn of(blocks: &[Block]) -> Tally {
        let mut tally = Tally::default();
        for block in blocks {
            tally.add(block);
        }
        tally
    }

    pub fn add(&mut self, block: &Block) {
        self.add_all(&Tally::of_block(block));
    }

    /// Adds the last of `blocks`, just parsed (pushed first and read back: the block is built in
    /// place rather than copied once more).
    pub(super) fn add_last(&mut self, blocks: &[Block]) {
        if let Some(block) = blocks.last() {
            self.add(block);
        }
    }

    /// Adds the counts of `other`.
    pub fn add_all(&mut self, counts: &Tally) {
        self.fences += counts.fences;
        self.with_directives += counts.with_directives;
        self.refs += counts.refs;
        self.defs += counts.defs;
        self.numbered += counts.numbered;
        self.page_breaks += counts.page_breaks;
    }

    /// Takes back what [`Tally::add`] added for `block`.
    pub fn remove(&mut self, block: &Block) {
        let counts = Tally::of_block(block);
        // Saturating: a count cannot go below zero however it was kept.
        self.fences = self.fences.saturating_sub(counts.fences);
        self.with_directives = self.with_directives.saturating_sub(counts.with_directives);
        self.refs = self.refs.saturating_sub(counts.refs);
        self.defs = self.defs.saturating_sub(counts.defs);
        self.numbered = self.numbered.saturating_sub(counts.numbered);
        self.page_breaks = self.page_breaks.saturating_sub(counts.page_breaks);
    }

    fn of_block(block: &Block) -> Tally {
        Tally {
            fences: usize::from(matches!(block.kind, BlockKind::Fence)),
            with_directives: usize::from(!block.directives.is_empty()),
            refs: block.refs.len(),
            defs: usize::from(block.footnote_def().is_some()),
            numbered: usize::from(block.paragraph().is_some_and(|p| p.number.is_some())),
            page_breaks: usize::from(matches!(block.kind, BlockKind::PageBreak)),
        }
    }
}
