//! The structure of a draft: which block is the organ line, which paragraphs are preambular or
//! operative, which continue a paragraph cut by a page break, where footnote blocks, sections,
//! embedded texts and the meeting line are.

use super::Indexes;
use crate::lang::{Mark, OpenerKind, PhraseBook};
use crate::syntax::{Block, BlockKind, Paragraph};

/// What a block is in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Inside fenced code, or the fence itself.
    Code,
    /// Before the organ line (titles, symbols), or anything at all in a file that is not a draft.
    Front,
    Organ,
    /// The first block of logical paragraph `n`.
    Paragraph(usize),
    /// A block that carries on logical paragraph `n` after a page break.
    Continuation(usize),
    PageBreak,
    /// A footnote definition.
    FootnoteDef,
    /// Text carrying on the footnote defined before it (an indented paragraph of a `[^x]:` body,
    /// or a footnote that runs on past a page break).
    FootnoteContinuation,
    /// A section heading between operative paragraphs (`I`, `A.`), or a heading in the preamble.
    Heading,
    /// An embedded text (a declaration an operative paragraph adopts), the meeting line and what
    /// follows it, an annex: no opener, punctuation or numbering rule applies.
    Closing,
    /// A comment on its own line.
    Comment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Preamble,
    Operative,
}

/// A preambular or operative paragraph, or a sub-paragraph, with the blocks that continue it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogicalParagraph {
    pub part: Part,
    /// The first block, then its continuations in order.
    pub blocks: Indexes,
    /// Starts with `(a)` or `(i)`.
    pub is_sub: bool,
    /// A section heading stands between this paragraph and the operative paragraph before it.
    pub after_section: bool,
}

impl LogicalParagraph {
    pub fn head(&self) -> usize {
        self.blocks[0]
    }

    /// The block whose end closes the paragraph.
    pub fn last(&self) -> usize {
        *self.blocks.last().unwrap_or(&self.blocks[0])
    }
}

#[derive(Debug, Default)]
pub struct Structure {
    pub roles: Vec<Role>,
    pub paragraphs: Vec<LogicalParagraph>,
    pub organ: Option<usize>,
    /// Page of each block: how many page breaks stand before it.
    pub pages: Vec<u32>,
    pub has_page_breaks: bool,
    /// The block that starts an embedded text, if any.
    pub embedded_from: Option<usize>,
}

impl Structure {
    /// Walks the blocks once, calling `visit` with each block outside fenced code, its role and
    /// its page as soon as they are known, so that the footnote index is built in the same walk (each walk over the
    /// blocks of a large draft reads them from memory again). `has_numbers`: a paragraph outside
    /// code is numbered.
    pub fn new(
        blocks: &[Block],
        in_code: &[bool],
        has_numbers: bool,
        organ: Option<usize>,
        is_draft: bool,
        phrases: &PhraseBook,
        mut visit: impl FnMut(usize, &Block, Role, u32),
    ) -> Structure {
        let mut walk = Walk {
            blocks,
            phrases,
            s: Structure {
                roles: Vec::with_capacity(blocks.len()),
                pages: Vec::with_capacity(blocks.len()),
                organ,
                ..Structure::default()
            },
            state: State::Front,
            in_footnote_block: false,
            crossed_break: false,
            section_pending: false,
            has_numbers,
        };
        let mut page = 0;
        for (i, block) in blocks.iter().enumerate() {
            walk.s.pages.push(page);
            if in_code[i] {
                walk.s.roles.push(Role::Code);
                continue;
            }
            if matches!(block.kind, BlockKind::PageBreak) {
                page += 1;
                walk.s.has_page_breaks = true;
            }
            // Roles are pushed in order: a block's role reads only those before it.
            let role = if is_draft {
                walk.role(i)
            } else {
                match block.kind {
                    BlockKind::FootnoteDef(_) => Role::FootnoteDef,
                    BlockKind::PageBreak => Role::PageBreak,
                    _ => Role::Front,
                }
            };
            walk.s.roles.push(role);
            visit(i, block, role, walk.s.pages[i]);
        }
        walk.s
    }

    /// The logical paragraph a block belongs to.
    pub fn paragraph_of(&self, block: usize) -> Option<usize> {
        match self.roles.get(block)? {
            Role::Paragraph(n) | Role::Continuation(n) => Some(*n),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Front,
    Preamble,
    Operative,
    Closing,
}

struct Walk<'a> {
    blocks: &'a [Block],
    phrases: &'a PhraseBook,
    s: Structure,
    state: State,
    /// Between a page break and the first text after it.
    in_footnote_block: bool,
    /// A page break stands between the last logical paragraph and here.
    crossed_break: bool,
    /// A section heading stands between the last operative paragraph and here.
    section_pending: bool,
    has_numbers: bool,
}

impl Walk<'_> {
    fn role(&mut self, i: usize) -> Role {
        let block = &self.blocks[i];
        match &block.kind {
            BlockKind::Fence => Role::Code,
            BlockKind::Comment => Role::Comment,
            BlockKind::PageBreak => {
                self.in_footnote_block = true;
                self.crossed_break = true;
                Role::PageBreak
            }
            BlockKind::FootnoteDef(_) => Role::FootnoteDef,
            BlockKind::Heading(heading) => {
                if self.state == State::Operative {
                    if heading.is_annex || self.last_operative_introduces_text() {
                        self.state = State::Closing;
                        self.s.embedded_from.get_or_insert(i);
                        return Role::Closing;
                    }
                    self.section_pending = true;
                }
                if self.state == State::Closing {
                    Role::Closing
                } else {
                    Role::Heading
                }
            }
            BlockKind::Paragraph(p) => {
                if self.in_footnote_block {
                    if self.continues_footnote(i, p) {
                        return Role::FootnoteContinuation;
                    }
                    self.in_footnote_block = false;
                } else if p.indented && i > 0 && self.continues_footnote(i, p) {
                    return Role::FootnoteContinuation;
                }
                self.text_role(i, p)
            }
        }
    }

    /// A paragraph in a footnote block that is not a definition carries on the footnote before
    /// it: an indented paragraph after a definition, or the rest of a footnote that ran past a
    /// page break (right after the break, with definitions following).
    fn continues_footnote(&self, i: usize, p: &Paragraph) -> bool {
        let prev = self.s.roles.get(i.wrapping_sub(1)).copied();
        if p.indented && matches!(prev, Some(Role::FootnoteDef | Role::FootnoteContinuation)) {
            return true;
        }
        let next_is_def = self
            .blocks
            .get(i + 1)
            .is_some_and(|b| b.footnote_def().is_some());
        prev == Some(Role::PageBreak) && next_is_def
    }

    fn text_role(&mut self, i: usize, p: &Paragraph) -> Role {
        match self.state {
            State::Front => {
                if self.s.organ == Some(i) {
                    self.state = State::Preamble;
                    return Role::Organ;
                }
                if self.s.organ.is_some() || !self.starts_draft_text(p) {
                    return Role::Front;
                }
                self.state = State::Preamble;
            }
            State::Closing => return Role::Closing,
            State::Preamble | State::Operative => {}
        }
        if p.is_meeting_line {
            self.state = State::Closing;
            return Role::Closing;
        }
        if let Some(n) = self.continued_paragraph(p) {
            self.s.paragraphs[n].blocks.push(i);
            self.crossed_break = false;
            return Role::Continuation(n);
        }
        self.crossed_break = false;
        if self.state == State::Preamble && self.begins_operative_part(p) {
            self.state = State::Operative;
        }
        let part = match self.state {
            State::Operative => Part::Operative,
            _ => Part::Preamble,
        };
        let n = self.s.paragraphs.len();
        self.s.paragraphs.push(LogicalParagraph {
            part,
            blocks: smallvec::smallvec![i],
            is_sub: p.sub_label.is_some(),
            after_section: std::mem::take(&mut self.section_pending) && part == Part::Operative,
        });
        Role::Paragraph(n)
    }

    /// In a draft with no organ line (forced by a setting or a file name), the draft's text starts
    /// at the first paragraph with an opener or a number.
    fn starts_draft_text(&self, p: &Paragraph) -> bool {
        p.opener.is_some() || p.number.is_some() || self.phrases.longest_prefix(&p.lead).is_some()
    }

    /// The logical paragraph `p` carries on across a page break: it starts in lower case, or the
    /// paragraph before the break had no closing mark and `p` does not open with a known phrase.
    /// Where openers start in lower case (Russian), a paragraph that opens with a known phrase
    /// outside italics (`ссылаясь на …`) is a new paragraph whose opener is not in italics.
    fn continued_paragraph(&self, p: &Paragraph) -> Option<usize> {
        if !self.crossed_break || p.number.is_some() || p.sub_label.is_some() {
            return None;
        }
        let n = self.s.paragraphs.len().checked_sub(1)?;
        let last = self.blocks[self.s.paragraphs[n].last()].paragraph()?;
        let open_before = last.ending.mark.is_none();
        let known_opener = p
            .opener
            .as_ref()
            .is_some_and(|o| self.phrases.classify(&o.text).is_some());
        let lowercase_continuation = p.starts_lowercase
            && p.opener.is_none()
            && !(self.phrases.language().lowercase_openers()
                && self.phrases.longest_prefix(&p.lead).is_some());
        (lowercase_continuation || open_before && !known_opener).then_some(n)
    }

    /// A numbered paragraph starts the operative part; so does an unnumbered one with an
    /// operative opener in a draft without numbers (its one operative paragraph).
    fn begins_operative_part(&self, p: &Paragraph) -> bool {
        if p.number.is_some() {
            return true;
        }
        if self.has_numbers {
            return false;
        }
        let kind = p
            .opener
            .as_ref()
            .and_then(|o| self.phrases.classify(&o.text))
            .or_else(|| self.phrases.longest_prefix(&p.lead).map(|m| m.kind));
        kind == Some(OpenerKind::Operative)
    }

    /// The operative paragraph before ends with `:` and so introduces a text.
    fn last_operative_introduces_text(&self) -> bool {
        self.s.paragraphs.last().is_some_and(|lp| {
            lp.part == Part::Operative
                && !lp.is_sub
                && self.blocks[lp.last()]
                    .paragraph()
                    .is_some_and(|p| p.ending.mark.and_then(Mark::of) == Some(Mark::Colon))
        })
    }
}

/// The organ line: the first paragraph that starts with emphasis, when it is one line in italics
/// from end to end naming a body (two words or more, or a non-Latin name), ending with a comma or
/// followed directly by an operative paragraph.
pub fn find_organ_line(blocks: &[Block], in_code: &[bool]) -> Option<usize> {
    let (i, p) = blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| !in_code[*i])
        .filter_map(|(i, b)| Some((i, b.paragraph()?)))
        .find(|(_, p)| p.opener.is_some() || p.number.is_some())?;
    let organ = p.organ.as_ref()?;
    let latin = organ
        .name
        .chars()
        .all(|c| c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c));
    if latin && organ.name.split_whitespace().count() < 2 {
        return None;
    }
    let next_is_numbered = blocks[i + 1..]
        .iter()
        .find(|b| !matches!(b.kind, BlockKind::Comment))
        .and_then(Block::paragraph)
        .is_some_and(|n| n.number.is_some());
    (organ.has_comma || next_is_numbered).then_some(i)
}
