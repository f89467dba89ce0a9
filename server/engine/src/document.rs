//! A draft held open: its text and its blocks, kept in step edit by edit.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::syntax::{parse_blocks, parse_blocks_tallied, Block, Tally};
use crate::text::{Encoding, LineCol, SourceText};

/// How many recent block splices a document remembers, for a [`crate::CheckCache`] to catch up
/// with edit by edit; a cache further behind checks the whole draft again.
const JOURNAL_LENGTH: usize = 64;

/// A draft's text with its parsed blocks. Edits re-parse only the blocks they touch.
#[derive(Clone, Debug, Default)]
pub struct Document {
    text: SourceText,
    blocks: Vec<Block>,
    /// Counts over `blocks`, kept in step with them.
    tally: Tally,
    /// Which `Document::new` this text descends from: revisions of different texts never match.
    lineage: u64,
    /// Bumped by every edit.
    revision: u64,
    /// The last edits' block splices, oldest first, each with the revision it made.
    journal: VecDeque<Splice>,
}

/// What one edit did to the blocks: the replaced blocks as they were and the blocks put in their
/// place, so a check cache can tell whether anything the analysis reads changed.
#[derive(Clone, Debug)]
pub struct Splice {
    /// The revision this edit produced.
    pub revision: u64,
    /// The replaced text, in offsets before the edit.
    pub replaced: Range<usize>,
    /// The length of the text put in its place.
    pub inserted_len: usize,
    /// The text's length before the edit.
    pub old_len: usize,
    /// The line the replaced text starts on.
    pub line: usize,
    /// The line the replaced text ended on, before the edit, and the line the text put in its
    /// place ends on, after it: every line after `end_line` moved to `new_end_line` past it, with
    /// its columns (the language server moves positions by them instead of looking them up).
    pub end_line: usize,
    pub new_end_line: usize,
    /// The edit neither made nor removed a line break (nor split or joined a `\r\n`): every
    /// offset outside line `line` keeps its line and column.
    pub keeps_lines: bool,
    /// Index of the first replaced block (the same before and after the edit).
    pub first_block: usize,
    pub old_blocks: Vec<Block>,
    pub new_blocks: Vec<Block>,
}

impl Splice {
    /// How many of the re-parsed blocks at the start, and at the end, came out as they were
    /// (those at the end moved by [`Splice::delta`]), the edit clear of the blank lines between
    /// them and the blocks that changed (a footnote's fixes read those: deleting a definition
    /// deletes the blank line after it); never counting a block twice.
    pub fn unchanged_ends(&self) -> (usize, usize) {
        let (old, new) = (&self.old_blocks, &self.new_blocks);
        let edit = &self.replaced;
        let before = old
            .iter()
            .zip(new)
            .zip(old.iter().skip(1))
            .take_while(|((o, n), next)| o == n && next.start <= edit.start)
            .count();
        let delta = self.delta();
        let after = old[before..]
            .iter()
            .rev()
            .zip(new[before..].iter().rev())
            .zip(old[before..].iter().rev().skip(1))
            .take_while(|((o, n), previous)| {
                // Every range in a block but its start is relative to it.
                previous.end() >= edit.end
                    && o.start.checked_add_signed(delta) == Some(n.start)
                    && Block {
                        start: n.start,
                        ..(*o).clone()
                    } == **n
            })
            .count();
        (before, after)
    }

    /// How far the text after the replaced range moved.
    pub fn delta(&self) -> isize {
        self.inserted_len as isize - self.replaced.len() as isize
    }

    /// Where an offset from before the edit is now; `None` inside the replaced range, where
    /// nothing can be said.
    pub fn map(&self, offset: usize) -> Option<usize> {
        if offset <= self.replaced.start {
            Some(offset)
        } else if offset >= self.replaced.end {
            Some(shift(offset, self.delta()))
        } else {
            None
        }
    }

    /// As [`Splice::map`], but `None` also at either end of the replaced range when the edit
    /// changed the text: whether something anchored there (a fix deleting from the end of the
    /// paragraph before a footnote) now stands before or after the new text depends on what it
    /// is anchored to, which only a fresh check knows.
    pub fn map_clear_of_edit(&self, offset: usize) -> Option<usize> {
        let changed = !self.replaced.is_empty() || self.inserted_len > 0;
        if changed && self.replaced.start <= offset && offset <= self.replaced.end {
            None
        } else {
            self.map(offset)
        }
    }
}

impl Splice {
    /// This edit and `next`, made right after it, as one edit, when the blocks they re-parsed
    /// overlap or touch: from the first block either replaced to the last, and from the first
    /// byte either replaced to the last. `None` when blocks neither touched lie between them.
    /// The one edit's `line` is the earlier of the two and `keeps_lines` is false: the language
    /// server reads those of the edits themselves.
    pub fn then(&self, next: &Splice) -> Option<Splice> {
        let (first, new_count) = (self.first_block, self.new_blocks.len());
        let (next_first, next_old) = (next.first_block, next.old_blocks.len());
        // Block indexes between the two edits are those after this one.
        if next_first > first + new_count || next_first + next_old < first {
            return None;
        }
        let (delta, next_delta) = (self.delta(), next.delta());
        let moved = |block: &Block, by: isize| Block {
            start: shift(block.start, by),
            ..block.clone()
        };
        // As they were: the blocks `next` replaced before and after this edit's, moved back over
        // it, around this edit's.
        let before = first.saturating_sub(next_first);
        let after = (first + new_count).saturating_sub(next_first);
        let old_blocks: Vec<Block> = next.old_blocks[..before.min(next_old)]
            .iter()
            .cloned()
            .chain(self.old_blocks.iter().cloned())
            .chain(next.old_blocks.iter().skip(after).map(|b| moved(b, -delta)))
            .collect();
        // As they are: this edit's blocks before and after those `next` made, moved over it.
        let kept_before = next_first.saturating_sub(first).min(new_count);
        let kept_after = (next_first + next_old).saturating_sub(first);
        let new_blocks: Vec<Block> = self.new_blocks[..kept_before]
            .iter()
            .cloned()
            .chain(next.new_blocks.iter().cloned())
            .chain(
                self.new_blocks
                    .iter()
                    .skip(kept_after)
                    .map(|b| moved(b, next_delta)),
            )
            .collect();
        // `next`'s bytes, as offsets before this edit: inside the text this edit put in, they
        // stand for the whole of what it replaced.
        let inserted_end = self.replaced.start + self.inserted_len;
        let back = |offset: usize, inside: usize| {
            if offset <= self.replaced.start {
                offset
            } else if offset >= inserted_end {
                shift(offset, -delta)
            } else {
                inside
            }
        };
        let start = self
            .replaced
            .start
            .min(back(next.replaced.start, self.replaced.start));
        let end = self
            .replaced
            .end
            .max(back(next.replaced.end, self.replaced.end));
        let inserted_len = (end - start) as isize + delta + next_delta;
        // Lines as offsets: `next`'s, before this edit, and this edit's, after `next`.
        let lines_delta = self.new_end_line as isize - self.end_line as isize;
        let end_line = if next.end_line > self.new_end_line {
            self.end_line
                .max(next.end_line.saturating_add_signed(-lines_delta))
        } else {
            self.end_line
        };
        let next_lines_delta = next.new_end_line as isize - next.end_line as isize;
        let new_end_line = if self.new_end_line > next.end_line {
            next.new_end_line
                .max(self.new_end_line.saturating_add_signed(next_lines_delta))
        } else {
            next.new_end_line
        };
        Some(Splice {
            revision: next.revision,
            replaced: start..end,
            inserted_len: usize::try_from(inserted_len).ok()?,
            old_len: self.old_len,
            line: self.line.min(next.line),
            end_line,
            new_end_line,
            keeps_lines: false,
            first_block: first.min(next_first),
            old_blocks,
            new_blocks,
        })
    }
}

impl Document {
    pub fn new(text: &str) -> Self {
        static NEXT_LINEAGE: AtomicU64 = AtomicU64::new(1);
        let (mut blocks, tally) = parse_blocks_tallied(text, 0);
        // The vector grew by doubling: its spare half would stay for as long as the draft is open.
        blocks.shrink_to_fit();
        Self {
            text: SourceText::new(text),
            blocks,
            tally,
            lineage: NEXT_LINEAGE.fetch_add(1, Ordering::Relaxed),
            revision: 0,
            journal: VecDeque::new(),
        }
    }

    /// Identifies this text's history and its place in it: (lineage, revision).
    pub fn version(&self) -> (u64, u64) {
        (self.lineage, self.revision)
    }

    /// The splices made since `version`, oldest first; `None` when `version` is not an earlier
    /// state of this document or the journal no longer reaches back to it.
    pub fn splices_since(&self, version: (u64, u64)) -> Option<impl Iterator<Item = &Splice>> {
        let (lineage, revision) = version;
        if lineage != self.lineage || revision > self.revision {
            return None;
        }
        let oldest_known = self
            .journal
            .front()
            .map_or(self.revision, |s| s.revision - 1);
        if revision < oldest_known {
            return None;
        }
        Some(self.journal.iter().filter(move |s| s.revision > revision))
    }

    pub fn text(&self) -> &SourceText {
        &self.text
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Counts over the blocks: how many are code fences, carry suppression comments, footnote
    /// references and definitions, are numbered paragraphs.
    pub fn tally(&self) -> &Tally {
        &self.tally
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
        let old_len = self.text.len();
        let range = self.text.clamp_range(range);
        let rope = self.text.rope();
        let line = rope.byte_to_line(range.start);
        let after_cr = range.start > 0 && rope.byte(range.start - 1) == b'\r';
        let end_line = rope.byte_to_line(range.end);
        let keeps_lines = line == end_line && !after_cr && !new_text.contains(['\n', '\r']);
        let range = self.text.replace(range, new_text);
        let new_end_line = self.text.rope().byte_to_line(range.start + new_text.len());
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
        let (reparsed, added) = parse_blocks_tallied(&region_text, region_start);
        let first = first.min(end);
        let old_blocks: Vec<Block> = self
            .blocks
            .splice(first..end, reparsed.iter().cloned())
            .collect();
        for block in &old_blocks {
            self.tally.remove(block);
        }
        self.tally.add_all(&added);
        // Every later block starts at or after the old region's end, so moving it back by at most
        // the region's length cannot underflow: the plain addition (one instruction) is exact,
        // and this loop is the part of an edit that grows with the draft.
        for block in &mut self.blocks[first + reparsed.len()..] {
            block.start = block.start.wrapping_add_signed(delta);
        }
        self.revision += 1;
        if self.journal.len() == JOURNAL_LENGTH {
            self.journal.pop_front();
        }
        self.journal.push_back(Splice {
            revision: self.revision,
            replaced: range.clone(),
            inserted_len: new_text.len(),
            old_len,
            line,
            end_line,
            new_end_line,
            keeps_lines,
            first_block: first,
            old_blocks,
            new_blocks: reparsed,
        });
    }

    /// Parses the whole text afresh and says whether it gives the blocks held now: the paranoid
    /// check behind the server's debug setting and the property tests.
    pub fn matches_fresh_parse(&self) -> bool {
        let fresh = parse_blocks(&self.text.to_string(), 0);
        self.tally == Tally::of(&fresh) && self.blocks == fresh
    }
}

fn shift(offset: usize, delta: isize) -> usize {
    offset.saturating_add_signed(delta)
}

#[cfg(test)]
mod tests {
    use super::{Document, Splice};

    /// What the language server relies on to move converted positions instead of converting them
    /// again: after an edit, every offset on a line after the splice's `end_line` is on the line
    /// `end_line` to `new_end_line` moved it to, at the same column; every offset on a line before
    /// `line` keeps its line and column. Texts with `\r\n`, lone `\r` and non-ASCII text.
    #[test]
    fn lines_after_an_edit_move_by_its_end_lines() {
        let pieces = ["\n", "\r\n", "\r", "a", "é", "😀", "大会", " ", "\n\n", ""];
        let mut seed: u64 = 0x11e5;
        let mut below = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n.max(1) as u64) as usize
        };
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..below(40) {
                text.push_str(pieces[below(pieces.len())]);
            }
            let mut doc = Document::new(&text);
            let mut last: Option<(Splice, crate::SourceText)> = None;
            for _ in 0..6 {
                let before = doc.text().to_string();
                let old = doc.text().clone();
                let start = below(before.len() + 1);
                let end = (start + below(6)).min(before.len());
                let insert: String = (0..below(3)).map(|_| pieces[below(pieces.len())]).collect();
                doc.edit(start..end, &insert);
                let splice = doc.journal.back().unwrap().clone();
                let new = doc.text();
                let line_col = |text: &crate::SourceText, offset: usize| {
                    let line = text.rope().byte_to_line(offset);
                    (line, offset - text.line_start(line))
                };
                let check = |splice: &Splice, old: &crate::SourceText| {
                    let before = old.to_string();
                    for offset in (0..=before.len()).filter(|&o| before.is_char_boundary(o)) {
                        let (line, col) = line_col(old, offset);
                        if line > splice.end_line {
                            let moved = splice.map(offset).unwrap();
                            assert_eq!(
                                line_col(new, moved),
                                (line - splice.end_line + splice.new_end_line, col),
                                "{before:?} edited at {start}..{end} with {insert:?}, offset {offset}"
                            );
                        } else if line < splice.line {
                            assert_eq!(line_col(new, offset), (line, col), "{before:?}");
                        }
                    }
                };
                check(&splice, &old);
                // Two edits taken as one (`Splice::then`) move lines as both did.
                if let Some((previous, older)) = &last {
                    if let Some(both) = previous.then(&splice) {
                        check(&both, older);
                    }
                }
                last = Some((splice, old));
            }
        }
    }

    #[test]
    fn the_tally_follows_edits() {
        let text = concat!(
            "*The General Assembly*,\n\n",
            "*Recalling* its resolution<sup>1</sup>,\n\n",
            "<!-- resolution-ls: disable opener-unknown -->\n\n",
            "1. *Decides* to act;<sup>2</sup> [^a]\n\n",
            "```\n2. *Code* here\n```\n\n",
            "---\n\n<sup>1</sup> A/1.\n\n<sup>2</sup> *Ibid.*\n\n[^a]: Note.\n",
        );
        let mut doc = Document::new(text);
        assert!(doc.matches_fresh_parse());
        // Offsets into the text as it is at each step; each edit adds or takes away something
        // the tally counts, or joins or splits blocks that have some.
        let edits: &[(&str, &str)] = &[
            ("```\n2.", "2."),
            ("1. *Decides*", "*Decides*"),
            ("<sup>2</sup> [^a]", "[^a]"),
            ("<!-- resolution-ls: disable opener-unknown -->\n\n", ""),
            ("*Recalling*", "```\n\n*Recalling*"),
            (",\n\n<sup>1</sup> A/1.", ",<sup>3</sup>\n<sup>1</sup> A/1."),
            ("[^a]: Note.", "3. [^b] <!-- resolution-ls: enable -->"),
            ("", "~~~\n\n"),
        ];
        for (from, to) in edits {
            let now = doc.text().to_string();
            let start = now.find(from).unwrap_or(0);
            doc.edit(start..start + from.len(), to);
            assert!(doc.matches_fresh_parse(), "after {from:?} -> {to:?}");
        }
    }
}
