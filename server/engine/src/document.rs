//! A draft held open: its text and its blocks, kept in step edit by edit.

use std::ops::Range;

use crate::syntax::{parse_blocks, Block};
use crate::text::{Encoding, LineCol, SourceText};

/// A draft's text with its parsed blocks. Edits re-parse only the blocks they touch.
#[derive(Clone, Debug, Default)]
pub struct Document {
    text: SourceText,
    blocks: Vec<Block>,
}

impl Document {
    pub fn new(text: &str) -> Self {
        Self {
            text: SourceText::new(text),
            blocks: parse_blocks(text, 0),
        }
    }

    pub fn text(&self) -> &SourceText {
        &self.text
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> String {
        self.text.slice(block.range())
    }

    /// Replaces the text between two positions, as an LSP `didChange` gives it. Positions past
    /// the end are clamped.
    pub fn edit_positions(
        &mut self,
        start: LineCol,
        end: LineCol,
        encoding: Encoding,
        new_text: &str,
    ) {
        let start = self.text.offset(start, encoding);
        let end = self.text.offset(end, encoding).max(start);
        self.edit(start..end, new_text);
    }

    /// Replaces `range` (clamped into the text, on character boundaries) with `new_text` and
    /// re-parses the blocks it touches, plus one neighbour on each side: a blank line that appears
    /// or disappears can only join or split those.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) {
        let range = self.text.replace(range, new_text);
        let delta = new_text.len() as isize - range.len() as isize;

        let first_touched = self.blocks.partition_point(|b| b.end() < range.start);
        let first = first_touched.saturating_sub(1);
        let after_last = self.blocks.partition_point(|b| b.start <= range.end);
        let end = (after_last + 1).min(self.blocks.len());

        let edit_line_start = self
            .text
            .line_start(self.text.rope().byte_to_line(range.start));
        let region_start = match self.blocks.get(first) {
            Some(b) if first < end => b.start.min(edit_line_start),
            _ => edit_line_start,
        };
        let old_region_end = match end.checked_sub(1).and_then(|i| self.blocks.get(i)) {
            Some(b) if first < end => b.end().max(range.end),
            _ => range.end,
        };
        let new_region_end = shift(old_region_end, delta).max(range.start + new_text.len());
        let last_line = self
            .text
            .rope()
            .byte_to_line(new_region_end.min(self.text.len()));
        let region_end = self.text.line_content_end(last_line).max(new_region_end);

        let region_text = self.text.slice(region_start..region_end);
        let reparsed = parse_blocks(&region_text, region_start);
        let first = first.min(end);
        self.blocks.splice(first..end, reparsed.iter().cloned());
        for block in &mut self.blocks[first + reparsed.len()..] {
            block.start = shift(block.start, delta);
        }
    }

    /// Parses the whole text afresh and says whether it gives the blocks held now: the paranoid
    /// check behind the server's debug setting and the property tests.
    pub fn matches_fresh_parse(&self) -> bool {
        self.blocks == parse_blocks(&self.text.to_string(), 0)
    }
}

fn shift(offset: usize, delta: isize) -> usize {
    offset.saturating_add_signed(delta)
}
