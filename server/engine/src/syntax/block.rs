use std::borrow::Cow;
use std::ops::Range;

use compact_str::CompactString;

use super::footnote_body::FootnoteBody;
use crate::lang::Language;
use crate::text::SourceText;

/// An offset relative to a block. Most are kept as `u32` in the parts of a paragraph, which every
/// block has room for: a draft has tens of thousands of blocks, and `usize` offsets made a block a
/// quarter larger (a block is never 4 GiB long: [`rel`] saturates).
pub trait RelOffset: Copy {
    fn get(self) -> usize;
}

impl RelOffset for usize {
    fn get(self) -> usize {
        self
    }
}

impl RelOffset for u32 {
    fn get(self) -> usize {
        self as usize
    }
}

/// A block-relative offset as stored in a paragraph's parts.
pub fn rel(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A block-relative range as stored in a paragraph's parts.
pub fn rel_range(range: Range<usize>) -> Range<u32> {
    rel(range.start)..rel(range.end)
}

/// One block of a draft. `start` is absolute; every range inside is relative to `start`, so an
/// edit before the block only has to move `start`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    /// Bytes from `start` to the end of the block's last line, before its line break.
    pub len: usize,
    pub kind: BlockKind,
    /// Footnote references in reading order (for a definition: those in its body). A boxed slice
    /// rather than a `Vec`: no spare capacity and a smaller block, in a draft of tens of thousands.
    pub refs: Box<[FootnoteRef]>,
    /// `<!-- resolution-ls: … -->` comments in the block (nearly always none).
    pub directives: Directives,
}

impl Block {
    pub fn end(&self) -> usize {
        self.start + self.len
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end()
    }

    /// Turns a range relative to this block into an absolute one.
    pub fn abs<T: RelOffset>(&self, rel: &Range<T>) -> Range<usize> {
        self.start + rel.start.get()..self.start + rel.end.get()
    }

    pub fn paragraph(&self) -> Option<&Paragraph> {
        match &self.kind {
            BlockKind::Paragraph(p) => Some(p),
            _ => None,
        }
    }

    pub fn footnote_def(&self) -> Option<&FootnoteDef> {
        match &self.kind {
            BlockKind::FootnoteDef(d) => Some(d),
            _ => None,
        }
    }

    /// The lead of this block's paragraph (see [`Paragraph::lead_start`]), read from `text`, the
    /// text the block was parsed from; empty for other blocks.
    pub fn lead<'t>(&self, text: &'t SourceText) -> Cow<'t, str> {
        match &self.kind {
            BlockKind::Paragraph(p) => text.str_at(self.abs(&p.lead_range())),
            _ => Cow::Borrowed(""),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// `#` heading, or a paragraph that is bold from end to end (`**Annex**`, `**A.**`).
    Heading(Heading),
    /// A line `---`.
    PageBreak,
    /// A line opening or closing a fenced code block (```` ``` ```` or `~~~`).
    Fence,
    /// A line that is nothing but an HTML comment.
    Comment,
    FootnoteDef(FootnoteDef),
    Paragraph(Paragraph),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6 for `#` headings, 0 for a bold line.
    pub level: u8,
    /// The heading names an annex (`Annex`, `Annexe`, `Anexo`), which ends the operative part.
    pub is_annex: bool,
}

/// A footnote's identity: `<sup>N</sup>` numbers and `[^label]` labels live apart.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FootnoteKey {
    Number(u32),
    /// A `[^label]` label, trimmed, with inner whitespace collapsed and lower-cased. A boxed
    /// `str`: a key is in every reference, definition and index entry, and 16 bytes rather than
    /// 24 was half a megabyte of a 10 MB draft's check.
    Label(Box<str>),
}

impl FootnoteKey {
    /// The number a footnote has in reading order, for `<sup>` numbers and numeric labels.
    pub fn number(&self) -> Option<u32> {
        match self {
            FootnoteKey::Number(n) => Some(*n),
            FootnoteKey::Label(l) => l.parse().ok(),
        }
    }
}

impl std::fmt::Display for FootnoteKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FootnoteKey::Number(n) => write!(f, "{n}"),
            FootnoteKey::Label(l) => write!(f, "[^{l}]"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerSyntax {
    /// `<sup>N</sup>`
    Sup,
    /// `[^label]`
    Caret,
}

/// A footnote reference in running text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteRef {
    pub key: FootnoteKey,
    pub syntax: MarkerSyntax,
    /// The number or label itself (`7` in `<sup>7</sup>`). Offsets in `u32`, as a paragraph's:
    /// a large draft has tens of thousands of references.
    pub label_range: Range<u32>,
    /// The whole marker element (`<sup>6,7</sup>`, `[^x]`), shared by the numbers in it.
    pub marker_range: Range<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteDef {
    pub key: FootnoteKey,
    pub syntax: MarkerSyntax,
    /// The number or label being defined.
    pub label_range: Range<usize>,
    /// `<sup>N</sup>` or `[^label]:`.
    pub marker_range: Range<usize>,
    /// Boxed: a paragraph is the block every draft is made of, and the body would make every
    /// block larger than a paragraph needs.
    pub body: Box<FootnoteBody>,
}

/// `12.` at the start of an operative paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numbering {
    pub value: u32,
    /// The digits.
    pub digits: Range<u32>,
    /// Where the prefix ends (see [`Numbering::prefix`]).
    pub prefix_end: u32,
    /// Written `12 - ` (Arabic) rather than `12. `.
    pub dash: bool,
    /// In Arabic-Indic digits (`١٢`).
    pub indic: bool,
}

impl Numbering {
    /// From the first digit through the space after the dot (or the dash).
    pub fn prefix(&self) -> Range<u32> {
        self.digits.start..self.prefix_end
    }
}

/// `(a)`, `(iv)`, `a)`, `(أ)`, `’1‘` or `㈠` at the start of a sub-paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubLabel {
    pub label: String,
    pub range: Range<usize>,
}

/// The emphasis run a paragraph starts with: its opener.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItalicRun {
    /// From the opening delimiter through the closing one.
    pub range: Range<u32>,
    /// Inline when short, as nearly every opener is: the opener rules read it for every
    /// paragraph, and a string of its own on the heap cost a cache miss each time in a large
    /// draft (and an allocation per paragraph).
    pub text: CompactString,
    pub delimiter: char,
}

impl ItalicRun {
    /// Between the delimiters (one a side in italics, two in bold): found rather than kept, which
    /// made every block 8 bytes larger.
    pub fn inner(&self) -> Range<u32> {
        let delimiters = (self.range.end - self.range.start).saturating_sub(rel(self.text.len()));
        let side = delimiters / 2;
        self.range.start + side..self.range.end.saturating_sub(side)
    }
}

/// An organ line: `*The General Assembly*,`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganLine {
    /// The organ's name, without emphasis or comma.
    pub name: String,
    pub has_comma: bool,
}

/// How a paragraph ends, looking past footnote markers, closing quotes and spaces.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Ending {
    /// The closing mark (`,` `;` `.` `:`), with `; and` / `; or` counted as `;`.
    pub mark: Option<char>,
    /// Where the mark starts (see [`Ending::mark_range`]).
    pub mark_start: u32,
    /// Where a missing mark goes when markers follow punctuation (English).
    pub insert_before_markers: u32,
    /// Where a missing mark goes when markers come before punctuation (French, Spanish).
    pub insert_after_markers: u32,
}

impl Ending {
    /// The closing mark's range: the mark's start and its length rather than a range kept, which
    /// made every block 8 bytes larger.
    pub fn mark_range(&self) -> Option<Range<u32>> {
        self.mark
            .map(|c| self.mark_start..self.mark_start + rel(c.len_utf8()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub number: Option<Numbering>,
    /// Boxed, as the organ line: most paragraphs have none, and every block has room for it.
    pub sub_label: Option<Box<SubLabel>>,
    /// Where the paragraph's own words start: after the number or sub-paragraph label.
    pub content_start: u32,
    pub opener: Option<ItalicRun>,
    /// The bold run the paragraph starts with (`**Recalling**`, closed on its first line):
    /// emphasis, but not italic. Its `range` covers both delimiters of each side.
    pub bold: Option<Box<ItalicRun>>,
    /// The length of the lead: the text right after the opener (from `content_start` when there
    /// is none) to the end of the first line, at most a hundred bytes, what phrase matching needs
    /// ([`Block::lead`] reads it). Not copied into the block: the leads were a tenth of an open
    /// draft's memory.
    pub lead_len: u8,
    /// A hash of the lead's text, so that two paragraphs compare equal only when their leads do
    /// (the check cache compares a paragraph with what it was after the old text is gone; see
    /// `footnote_body::text_hash`).
    pub lead_hash: u64,
    /// The first letter of the paragraph is lower case (a continuation's sign).
    pub starts_lowercase: bool,
    pub ending: Ending,
    /// The whole paragraph is one italic line: a possible organ line.
    pub organ: Option<Box<OrganLine>>,
    /// `28th plenary meeting` and its kind.
    pub is_meeting_line: bool,
    /// The first line is indented by four spaces or a tab (a `[^x]:` body's next paragraph).
    pub indented: bool,
}

impl Paragraph {
    /// Where the lead starts in the block (see [`Paragraph::lead_len`]): found from the opener
    /// rather than kept, which made every block 8 bytes larger.
    pub fn lead_start(&self) -> u32 {
        self.opener
            .as_ref()
            .map_or(self.content_start, |run| run.range.end)
    }

    /// The lead's range in the block.
    pub fn lead_range(&self) -> Range<u32> {
        let start = self.lead_start();
        start..start + u32::from(self.lead_len)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `disable [RULE, …]`: the rest of the file (no rule: every rule).
    Disable,
    /// `disable-next-paragraph [RULE, …]`
    DisableNextParagraph,
    /// `enable [RULE, …]`; with no rule it also marks the file as a draft.
    Enable,
    /// `language CODE`: the draft's language, over the setting and the organ line.
    Language(Language),
}

/// A block's `<!-- resolution-ls: … -->` comments, read as a slice. Nearly every block has none,
/// and none takes one word in the block (a boxed slice took two, in every block of a draft).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
// The box is the point: one pointer in the block where a `Vec` takes three words.
#[allow(clippy::box_collection)]
pub struct Directives(Option<Box<Vec<Directive>>>);

impl std::ops::Deref for Directives {
    type Target = [Directive];

    fn deref(&self) -> &[Directive] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl From<Vec<Directive>> for Directives {
    fn from(mut directives: Vec<Directive>) -> Self {
        if directives.is_empty() {
            return Directives(None);
        }
        directives.shrink_to_fit();
        Directives(Some(Box::new(directives)))
    }
}

impl<'a> IntoIterator for &'a Directives {
    type Item = &'a Directive;
    type IntoIter = std::slice::Iter<'a, Directive>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A `<!-- resolution-ls: … -->` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    pub rules: Vec<String>,
    pub range: Range<usize>,
    /// Words that were not understood (an unknown verb); reported by the suppression checker.
    pub unknown: Option<String>,
}
