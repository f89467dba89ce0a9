//! Helpers that several rules share: naming footnotes, reading block text, placing footnote
//! definitions, and the forms of a mark or an Ibid.

pub mod footnote_block;
pub mod refactoring;

use crate::lang::{Language, Mark};
use crate::rules::Context;
use crate::syntax::{Block, FootnoteKey, Paragraph};
use crate::text::floor_char_boundary;

/// Reads the characters after offsets that mostly move forward (footnote markers in reading
/// order) as [`Context::char_at`] does, keeping the rope chunk of the last read and the chunks
/// after it: a read past the chunk steps to the next ones instead of walking down the rope again
/// (whose nodes, in a large draft, are each a cache miss).
pub struct CharCursor<'a> {
    rope: &'a ropey::Rope,
    chunk: &'a str,
    chunk_start: usize,
    /// The chunks after `chunk`.
    following: Option<ropey::iter::Chunks<'a>>,
}

/// How many chunks a read steps forward before it walks down the rope instead.
const CURSOR_STEPS: usize = 8;

impl<'a> CharCursor<'a> {
    pub fn new(rope: &'a ropey::Rope) -> CharCursor<'a> {
        CharCursor {
            rope,
            chunk: "",
            chunk_start: 0,
            following: None,
        }
    }

    /// The character right after `offset` (snapped back onto a character boundary), if any.
    pub fn char_at(&mut self, offset: usize) -> Option<char> {
        if offset >= self.rope.len_bytes() {
            return None;
        }
        if offset < self.chunk_start {
            self.seek(offset);
        }
        let mut steps = 0;
        while offset - self.chunk_start >= self.chunk.len() {
            let next = self.following.as_mut().and_then(Iterator::next);
            match next.filter(|_| steps < CURSOR_STEPS) {
                Some(next) => {
                    self.chunk_start += self.chunk.len();
                    self.chunk = next;
                    steps += 1;
                }
                None => {
                    self.seek(offset);
                    break;
                }
            }
        }
        // Chunks hold whole characters, so the character holding `offset` is in this one.
        let at = floor_char_boundary(self.chunk, offset.checked_sub(self.chunk_start)?);
        self.chunk[at..].chars().next()
    }

    fn seek(&mut self, offset: usize) {
        let (mut chunks, chunk_start, _, _) = self.rope.chunks_at_byte(offset);
        self.chunk = chunks.next().unwrap_or_default();
        self.chunk_start = chunk_start;
        self.following = Some(chunks);
    }
}

/// "footnote 7" or "footnote [^note]".
pub fn footnote_name(key: &FootnoteKey) -> String {
    format!("footnote {key}")
}

impl Context<'_> {
    pub fn blocks(&self) -> &[Block] {
        self.doc.blocks()
    }

    pub fn block(&self, i: usize) -> &Block {
        &self.doc.blocks()[i]
    }

    pub fn paragraph(&self, i: usize) -> Option<&Paragraph> {
        self.block(i).paragraph()
    }

    /// The lead of block `i`'s paragraph (see [`Paragraph::lead_len`]).
    pub fn lead(&self, i: usize) -> std::borrow::Cow<'_, str> {
        self.block(i).lead(self.doc.text())
    }

    /// The text of an absolute range.
    pub fn text(&self, range: std::ops::Range<usize>) -> String {
        self.doc.text().slice(range)
    }

    /// The character right after `offset` (snapped back onto a character boundary), if any.
    pub fn char_at(&self, offset: usize) -> Option<char> {
        // Read from the rope's chunk rather than through character indices: rules call this for
        // every footnote marker, and one chunk lookup is a fraction of the index conversions.
        let rope = self.doc.text().rope();
        if offset >= rope.len_bytes() {
            return None;
        }
        let (chunk, chunk_start, _, _) = rope.chunk_at_byte(offset);
        // Chunks hold whole characters, so the character holding `offset` is in this one.
        let at = floor_char_boundary(chunk, offset - chunk_start);
        chunk[at..].chars().next()
    }

    /// The character right before `offset` (snapped back onto a character boundary), if any.
    pub fn char_before(&self, offset: usize) -> Option<char> {
        let rope = self.doc.text().rope();
        let offset = offset.min(rope.len_bytes());
        if offset == 0 {
            return None;
        }
        let (chunk, chunk_start, _, _) = rope.chunk_at_byte(offset);
        let at = floor_char_boundary(chunk, offset - chunk_start);
        if at > 0 {
            return chunk[..at].chars().next_back();
        }
        // The character before starts in the previous chunk.
        let (previous, _, _, _) = rope.chunk_at_byte(chunk_start.checked_sub(1)?);
        previous.chars().next_back()
    }

    pub fn language(&self) -> Language {
        self.analysis.language
    }

    /// Where a missing closing mark goes in paragraph block `i`: before trailing footnote markers
    /// in English, after them in French and Spanish.
    pub fn mark_insertion_point(&self, i: usize) -> usize {
        let block = self.block(i);
        let Some(p) = block.paragraph() else {
            return block.end();
        };
        let rel = if self.language().marker_before_punctuation() {
            p.ending.insert_after_markers
        } else {
            p.ending.insert_before_markers
        };
        block.start + rel as usize
    }

    /// Where the spaces (plain, non-breaking or narrow non-breaking) that end right at `offset`
    /// begin.
    pub fn spaces_before(&self, mut offset: usize) -> usize {
        while let Some(c) = self
            .char_before(offset)
            .filter(|c| matches!(c, ' ' | '\u{A0}' | '\u{202F}'))
        {
            offset -= c.len_utf8();
        }
        offset
    }

    /// The range a "missing mark" diagnostic points at: the last character before the
    /// insertion point.
    pub fn last_char_range(&self, i: usize) -> std::ops::Range<usize> {
        let at = self.mark_insertion_point(i);
        let width = self.char_before(at).map_or(0, char::len_utf8);
        at - width..at
    }
}

/// A mark as a drafter reads it in a message: "a comma", or "a comma (“،”)" where the language
/// writes it with a character of its own.
pub fn describe_mark(mark: Mark, written: char) -> String {
    if written.is_ascii() {
        mark.name().to_owned()
    } else {
        format!("{} (“{written}”)", mark.name())
    }
}

/// Whether logical paragraph `lp`'s own form says it belongs to the part it was read into, so that
/// a fix resting on that part is safe: a sub-paragraph's label; in the preamble, a preambular
/// opener; in the operative part, a number or an operative opener (in italics or not).
pub fn part_is_certain(ctx: &Context, lp: &crate::analysis::LogicalParagraph) -> bool {
    use crate::analysis::Part;
    use crate::lang::OpenerKind;
    if lp.is_sub {
        return true;
    }
    let Some(p) = ctx.paragraph(lp.head()) else {
        return false;
    };
    let phrases = &ctx.analysis.phrases;
    // The walk classified the opener (`lp` is no sub-paragraph here).
    let kind = p
        .opener
        .as_ref()
        .and(lp.opener_listed)
        .or_else(|| phrases.longest_prefix(&ctx.lead(lp.head())).map(|m| m.kind));
    match lp.part {
        Part::Preamble => kind == Some(OpenerKind::Preambular),
        Part::Operative => p.number.is_some() || kind == Some(OpenerKind::Operative),
    }
}

/// A preambular or operative paragraph (not a sub-paragraph) whose opener the opener rules check:
/// its head block, its paragraph and its part.
pub struct OpenerSite<'a> {
    pub block: usize,
    pub paragraph: &'a Paragraph,
    pub part: crate::analysis::Part,
    /// Its own form says it belongs to the other part.
    pub misplaced: bool,
    /// What the phrase book makes of its italic opener (see
    /// [`crate::analysis::LogicalParagraph::opener_listed`]).
    pub opener_listed: Option<crate::lang::OpenerKind>,
}

impl Context<'_> {
    /// The paragraphs whose openers are checked; none when the language does not italicize
    /// openers (Arabic, Chinese) and no setting says otherwise. An iterator rather than a list:
    /// five rules walk them, each once.
    pub fn opener_sites(&self) -> impl Iterator<Item = OpenerSite<'_>> + '_ {
        let paragraphs = if self.analysis.checks_openers {
            self.analysis.structure.paragraphs.as_slice()
        } else {
            &[]
        };
        paragraphs.iter().filter(|lp| !lp.is_sub).filter_map(|lp| {
            Some(OpenerSite {
                block: lp.head(),
                paragraph: self.paragraph(lp.head())?,
                part: lp.part,
                misplaced: lp.misplaced,
                opener_listed: lp.opener_listed,
            })
        })
    }
}

/// The Ibid. form this draft should use: the configured one, else the form most of its Ibid.s
/// take (on a tie, the language's own: italic in English, French and Spanish, as the UN
/// editorial manual prints it; roman in Russian, Arabic and Chinese).
pub fn preferred_ibid_italic(ctx: &Context) -> bool {
    match ctx.config.ibid_form {
        crate::config::IbidForm::Italic => true,
        crate::config::IbidForm::Roman => false,
        crate::config::IbidForm::Dominant => {
            let (mut italic, mut roman) = (0, 0);
            for (_, token) in ibid_tokens(ctx) {
                if token.well_formed {
                    if token.italic {
                        italic += 1;
                    } else {
                        roman += 1;
                    }
                }
            }
            italic > roman || italic == roman && ctx.language().italic_ibid()
        }
    }
}

/// The footnote defined in `block` cites one work of the United Nations *Treaty Series* in full:
/// an Ibid. chain starts afresh there, and no rule of `Scope::IbidEachFootnote` reads past it
/// backwards (each search for a citation, or a Treaty Series one, stops at it).
pub fn is_ibid_anchor(ctx: &Context, block: usize) -> bool {
    let def_block = ctx.block(block);
    def_block.footnote_def().is_some_and(|d| {
        d.body.kind == crate::syntax::CitationKind::Citation { multiple: false }
            && d.body.is_treaty_series(def_block, ctx.doc.text())
    })
}

/// Every Ibid. token of the draft's footnotes, with its definition's block.
pub fn ibid_tokens<'a>(
    ctx: &'a Context,
) -> impl Iterator<Item = (usize, &'a crate::syntax::IbidToken)> + 'a {
    ctx.analysis
        .footnotes
        .defs
        .iter()
        // Only the Ibid.s' blocks are read.
        .filter(|def| def.cites == crate::analysis::Cites::Ibid)
        .filter_map(move |def| Some((def.block, ctx.block(def.block).footnote_def()?.body.ibid()?)))
}

/// `Ibid.` in the draft's language and the chosen form.
pub fn ibid_text(ctx: &Context, italic: bool) -> String {
    let word = ctx.language().ibid_word();
    if italic {
        format!("*{word}*")
    } else {
        word.to_owned()
    }
}

/// A whole Ibid. footnote in the draft's language: `Ibid., vol. 976.`, `Там же, т. 976.`,
/// `المرجع نفسه، المجلد 976.`, `同上，第976卷。`
pub fn ibid_footnote(ctx: &Context, ibid: &str, locator: Option<&str>) -> String {
    let language = ctx.language();
    let comma = language.mark(Mark::Comma);
    let stop = language.mark(Mark::FullStop);
    let space = language.space_after_punctuation();
    match locator {
        Some(locator) => format!("{ibid}{comma}{space}{locator}{stop}"),
        None if ibid.trim_end_matches(['*', '_']).ends_with('.') => ibid.to_owned(),
        None => format!("{ibid}{stop}"),
    }
}

/// The key of the footnote defined in block `i`.
pub fn key_of<'a>(ctx: &'a Context, i: usize) -> Option<&'a FootnoteKey> {
    ctx.block(i).footnote_def().map(|d| &d.key)
}

/// The marker of the footnote defined in block `i` (its whole range when it has none).
pub fn definition_marker(ctx: &Context, i: usize) -> std::ops::Range<usize> {
    let b = ctx.block(i);
    b.footnote_def()
        .map_or(b.range(), |d| b.abs(&d.marker_range))
}

#[cfg(test)]
mod tests {
    use crate::analysis::Analysis;
    use crate::config::Config;
    use crate::document::Document;
    use crate::rules::Context;

    #[test]
    fn characters_around_offsets_agree_with_character_indices() {
        // Long enough for the rope to hold several chunks; characters of 1 to 4 bytes.
        let text = "Décide, 决定；<sup>1</sup> 𝄞 ok.\n".repeat(200);
        let doc = Document::new(&text);
        let config = Config::default();
        let analysis = Analysis::new(&doc, &config, None);
        let ctx = Context {
            doc: &doc,
            config: &config,
            analysis: &analysis,
        };
        let rope = doc.text().rope();
        assert!(rope.chunks().count() > 2);
        let mut cursor = super::CharCursor::new(rope);
        for offset in (0..=text.len() + 2).chain((0..=text.len()).rev().step_by(7)) {
            let index = rope.byte_to_char(offset.min(text.len()));
            let at = (offset < text.len()).then(|| rope.char(index));
            let before = index.checked_sub(1).map(|i| rope.char(i));
            assert_eq!(ctx.char_at(offset), at, "at {offset}");
            assert_eq!(cursor.char_at(offset), at, "cursor at {offset}");
            assert_eq!(ctx.char_before(offset), before, "before {offset}");
        }
    }

    #[test]
    fn a_cursor_reads_across_chunks_and_far_jumps() {
        let text = "Décide, 决定；<sup>1</sup> 𝄞 ok.\n".repeat(3000);
        let rope = ropey::Rope::from_str(&text);
        assert!(rope.chunks().count() > 40);
        // Steps of about one chunk, of several, of more than the cursor steps through, and back.
        for step in [997, 3001, 20011] {
            let mut cursor = super::CharCursor::new(&rope);
            let offsets = (0..text.len()).step_by(step);
            for offset in offsets.clone().chain(offsets.rev()) {
                let expected = rope.char(rope.byte_to_char(offset));
                assert_eq!(
                    cursor.char_at(offset),
                    Some(expected),
                    "step {step}, at {offset}"
                );
            }
        }
    }
}
