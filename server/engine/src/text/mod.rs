//! The text of a draft: a ropey [`Rope`] that takes edits as byte ranges and converts between byte
//! offsets and line/column positions in the three encodings LSP knows.
//!
//! Line breaks are `\n`, `\r\n` and `\r`, exactly LSP's set (ropey is built without its Unicode
//! line-break feature, so U+2028 and friends stay inside a line as LSP expects).

mod position;

pub use position::{Encoding, LineCol};

use ropey::Rope;
use std::borrow::Cow;
use std::ops::Range;

/// The largest character boundary of `text` at or before `i` (at most its length).
pub(crate) fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A draft's text. Every offset is a byte offset into the UTF-8 text.
#[derive(Clone, Debug, Default)]
pub struct SourceText {
    rope: Rope,
}

impl SourceText {
    pub fn new(text: &str) -> Self {
        Self {
            rope: Rope::from_str(text),
        }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn len(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn is_empty(&self) -> bool {
        self.rope.len_bytes() == 0
    }

    /// Snaps `offset` into the text and back onto a character boundary (towards the start).
    pub fn clamp_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.len());
        // Chunks start and end on character boundaries, so the boundary at or before `offset` is
        // found in its chunk alone (counting characters from the text's start, as byte_to_char
        // and char_to_byte do, cost thousands of instructions per call in a large draft).
        let (chunk, chunk_start, _, _) = self.rope.chunk_at_byte(offset);
        chunk_start + floor_char_boundary(chunk, offset - chunk_start)
    }

    /// Clamps a range into the text, on character boundaries, with start <= end.
    pub fn clamp_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.clamp_offset(range.start);
        let end = self.clamp_offset(range.end).max(start);
        start..end
    }

    /// Replaces `range` (clamped into the text) with `new_text`; returns the clamped range that was
    /// replaced, so callers can re-parse exactly what changed.
    pub fn replace(&mut self, range: Range<usize>, new_text: &str) -> Range<usize> {
        let range = self.clamp_range(range);
        let start_char = self.rope.byte_to_char(range.start);
        let end_char = self.rope.byte_to_char(range.end);
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, new_text);
        range
    }

    /// The text of `range` (clamped), as an owned string.
    pub fn slice(&self, range: Range<usize>) -> String {
        if let Some(text) = self.within_one_chunk(&range) {
            return text.to_owned();
        }
        let range = self.clamp_range(range);
        let slice = self.rope.byte_slice(range);
        match slice.as_str() {
            Some(text) => text.to_owned(),
            None => slice.to_string(),
        }
    }

    /// As [`SourceText::slice`], borrowed from the rope when the range lies in one chunk (as a
    /// short range nearly always does): for the text a block's summary points at rather than
    /// copies (a paragraph's lead).
    pub fn str_at(&self, range: Range<usize>) -> Cow<'_, str> {
        match self.within_one_chunk(&range) {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(self.slice(range)),
        }
    }

    /// The text of `range`, clamped, when it lies in one chunk of the rope. A short range nearly
    /// always does, and is then found with one walk down the tree instead of three.
    fn within_one_chunk(&self, range: &Range<usize>) -> Option<&str> {
        let len = self.len();
        if range.start > range.end {
            return None;
        }
        let (chunk, chunk_start, _, _) = self.rope.chunk_at_byte(range.start.min(len));
        let end = range.end.min(len);
        if end > chunk_start + chunk.len() {
            return None;
        }
        let from = floor_char_boundary(chunk, range.start.min(len) - chunk_start);
        let to = floor_char_boundary(chunk, end - chunk_start).max(from);
        Some(&chunk[from..to])
    }

    /// The number of lines, counting the (possibly empty) line after a final line break.
    pub fn line_count(&self) -> usize {
        self.rope.len_lines()
    }

    /// The byte offset where `line` starts (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        let line = line.min(self.rope.len_lines().saturating_sub(1));
        self.rope.line_to_byte(line)
    }

    /// The byte offset just past the content of `line`, before its line break.
    pub fn line_content_end(&self, line: usize) -> usize {
        let line = line.min(self.rope.len_lines().saturating_sub(1));
        let slice = self.rope.line(line);
        let len = slice.len_bytes();
        let mut end = self.rope.line_to_byte(line) + len;
        let last = (len >= 1).then(|| slice.byte(len - 1));
        if last == Some(b'\n') {
            end -= 1;
            if len >= 2 && slice.byte(len - 2) == b'\r' {
                end -= 1;
            }
        } else if last == Some(b'\r') {
            end -= 1;
        }
        end
    }

    /// The position of a byte offset. Offsets inside a character or a `\r\n` pair, or past the
    /// end, are clamped.
    pub fn position(&self, offset: usize, encoding: Encoding) -> LineCol {
        let offset = self.clamp_offset(offset);
        let line = self.rope.byte_to_line(offset);
        let offset = offset.min(self.line_content_end(line));
        let line_start = self.rope.line_to_byte(line);
        let col = match encoding {
            Encoding::Utf8 => offset - line_start,
            Encoding::Utf16 => {
                let char_idx = self.rope.byte_to_char(offset);
                let line_char = self.rope.byte_to_char(line_start);
                self.rope.char_to_utf16_cu(char_idx) - self.rope.char_to_utf16_cu(line_char)
            }
            Encoding::Utf32 => self.rope.byte_to_char(offset) - self.rope.byte_to_char(line_start),
        };
        LineCol { line, col }
    }

    /// The byte offset of a position. A line past the end gives the end of the text; a column past
    /// the end of its line gives the end of the line (before its break); a column inside a
    /// character (a UTF-8 continuation byte, half a surrogate pair) gives the start of it.
    pub fn offset(&self, position: LineCol, encoding: Encoding) -> usize {
        if position.line >= self.rope.len_lines() {
            return self.len();
        }
        let line_start = self.rope.line_to_byte(position.line);
        let line_end = self.line_content_end(position.line);
        let offset = match encoding {
            Encoding::Utf8 => line_start.saturating_add(position.col),
            Encoding::Utf16 => {
                let line_char = self.rope.byte_to_char(line_start);
                let target = self
                    .rope
                    .char_to_utf16_cu(line_char)
                    .saturating_add(position.col);
                let target = target.min(self.rope.len_utf16_cu());
                self.rope.char_to_byte(self.rope.utf16_cu_to_char(target))
            }
            Encoding::Utf32 => {
                let line_char = self.rope.byte_to_char(line_start);
                let target = line_char
                    .saturating_add(position.col)
                    .min(self.rope.len_chars());
                self.rope.char_to_byte(target)
            }
        };
        self.clamp_offset(offset.min(line_end))
    }
}

impl std::fmt::Display for SourceText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for chunk in self.rope.chunks() {
            f.write_str(chunk)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `clamp_offset` and `slice` read one chunk of the rope; this text spans many chunks, with
    /// characters of two, three and four bytes astride their boundaries.
    #[test]
    fn clamping_and_slicing_agree_with_the_whole_string_across_chunks() {
        let text: String = (0..400)
            .map(|i| format!("{i} Décide 决定 تقرر 🙂 paragraph;\n"))
            .collect();
        let source = SourceText::new(&text);
        assert!(source.rope().chunks().count() > 5);
        let clamp = |offset: usize| floor_char_boundary(&text, offset);
        for offset in (0..text.len() + 10).step_by(7) {
            assert_eq!(
                source.clamp_offset(offset),
                clamp(offset),
                "offset {offset}"
            );
        }
        for start in (0..text.len() + 5).step_by(97) {
            for len in [0, 1, 2, 3, 5, 40, 900, 3000] {
                let (a, b) = (clamp(start), clamp(start + len).max(clamp(start)));
                assert_eq!(
                    source.slice(start..start + len),
                    &text[a..b],
                    "{start}+{len}"
                );
            }
            // A range the wrong way round is empty, at its clamped start.
            assert_eq!(source.slice(start + 3..start), "");
        }
    }
}
