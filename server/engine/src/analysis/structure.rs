//! The structure of a draft: which block is the organ line, which paragraphs are preambular or
//! operative, which continue a paragraph cut by a page break, where footnote blocks, sections,
//! embedded texts and the meeting line are.

use std::ops::Range;

use super::Indexes;
use crate::document::{Document, Splice};
use crate::lang::{Language, Mark, OpenerKind, PhraseBook};
use crate::syntax::{Block, BlockKind, Paragraph};
use crate::text::SourceText;

/// What a block is in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Inside fenced code, or the fence itself.
    Code,
    /// Before the organ line (titles, symbols), or anything at all in a file that is not a draft.
    Front,
    Organ,
    /// The first block of logical paragraph `n` (a `u32`, as in the other roles' room: a role
    /// half the size, one per block).
    Paragraph(u32),
    /// A block that carries on logical paragraph `n` after a page break.
    Continuation(u32),
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
    /// Its own form says it belongs to the other part (a numbered operative paragraph left in the
    /// preamble, a preambular one among the operative paragraphs): `opener-misplaced` reports it,
    /// and it is left out of the numbering and punctuation of the part it stands in.
    pub misplaced: bool,
    /// What the phrase book makes of the italic opener of its first block
    /// ([`PhraseBook::classify`]), found once by the walk for the rules that ask it again: none
    /// without an opener, and for a sub-paragraph (which the opener rules pass over).
    pub opener_listed: Option<OpenerKind>,
}

impl LogicalParagraph {
    pub fn head(&self) -> usize {
        self.blocks[0]
    }

    /// An operative paragraph that counts in the operative sequence: not a sub-paragraph, not a
    /// preambular one that strayed there.
    pub fn is_operative_head(&self) -> bool {
        self.part == Part::Operative && !self.is_sub && !self.misplaced
    }

    /// The block whose end closes the paragraph.
    pub fn last(&self) -> usize {
        *self.blocks.last().unwrap_or(&self.blocks[0])
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub roles: Vec<Role>,
    pub paragraphs: Vec<LogicalParagraph>,
    pub organ: Option<usize>,
    /// Page of each block: how many page breaks stand before it.
    pub pages: Vec<u32>,
    pub has_page_breaks: bool,
    /// The block that starts an embedded text, if any.
    pub embedded_from: Option<usize>,
    /// Footnote definitions that begin a footnote block with no page break before it (read as if
    /// the break were there).
    pub missing_breaks: Vec<usize>,
    /// Page breaks that repeat the one before them with nothing between (read as one).
    pub repeated_breaks: Vec<usize>,
    /// The walk's state before each block, for walking again from there after an edit.
    pub(crate) checkpoints: Vec<Checkpoint>,
    /// Page breaks outside code: only a paged draft's footnote definitions after running text are
    /// a footnote block whose page break is missing.
    pub(crate) page_breaks: usize,
}

/// What the walk carries from one block to the next besides its roles and paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Checkpoint {
    state: State,
    in_footnote_block: bool,
    crossed_break: bool,
    section_pending: bool,
    embedded: bool,
    /// A page break stands before the block with nothing but comments since.
    break_pending: bool,
    /// Logical paragraphs made before the block.
    paragraphs: u32,
}

/// What [`Structure::follow`] walked again: blocks `blocks` (as they are after the edit) stand
/// where blocks `old_blocks` stood, and logical paragraphs `paragraphs` where those of
/// `old_window` were; everything before is as it was, everything after moved (block and
/// paragraph numbers, and pages by `page_shift`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewalked {
    pub blocks: Range<usize>,
    pub old_blocks: Range<usize>,
    pub paragraphs: Range<usize>,
    pub page_shift: i64,
    /// A block re-parsed by the edit was or is a page break, a footnote definition or its
    /// continuation, or a comment (which a footnote block may hold), or a block walked again
    /// took such a role or lost it.
    pub touches_footnote_blocks: bool,
    /// The logical paragraphs walked again, as they were (block numbers of before the edit).
    pub old_window: Vec<LogicalParagraph>,
}

/// How many blocks of two kinds stand outside fenced code, for [`Structure::new`].
#[derive(Clone, Copy, Debug)]
pub struct OutsideCode {
    pub page_breaks: usize,
    /// Footnote definitions: with the page breaks, the blocks that make no logical paragraph.
    pub footnote_defs: usize,
}

impl Structure {
    /// Walks `doc`'s blocks once, calling `visit` with each block outside fenced code, its role and
    /// its page as soon as they are known, so that the footnote index is built in the same walk
    /// (each walk over the blocks of a large draft reads them from memory again).
    pub fn new(
        doc: &Document,
        in_code: &[bool],
        outside_code: OutsideCode,
        organ: Option<usize>,
        is_draft: bool,
        phrases: &PhraseBook,
        mut visit: impl FnMut(usize, &Block, Role, u32),
    ) -> Structure {
        let blocks = doc.blocks();
        let mut walk = Walk {
            text: doc.text(),
            blocks,
            phrases,
            s: Structure {
                roles: Vec::with_capacity(blocks.len()),
                pages: Vec::with_capacity(blocks.len()),
                checkpoints: Vec::with_capacity(blocks.len()),
                // At most one logical paragraph per paragraph block: sized once rather than grown
                // by doubling, which held the old and the new array at the check's peak.
                paragraphs: Vec::with_capacity(
                    blocks
                        .len()
                        .saturating_sub(outside_code.footnote_defs + outside_code.page_breaks),
                ),
                organ,
                page_breaks: outside_code.page_breaks,
                ..Structure::default()
            },
            state: State::Front,
            in_footnote_block: false,
            crossed_break: false,
            section_pending: false,
            break_pending: false,
            page: 0,
            block_base: 0,
            paragraph_base: 0,
            role_before: None,
        };
        for (i, &code) in in_code.iter().enumerate() {
            walk.step(i, code, is_draft);
            if !code {
                visit(i, &blocks[i], walk.s.roles[i], walk.s.pages[i]);
            }
        }
        walk.s
    }

    /// Takes the structure of a draft over `splice`, the last edit made to `blocks`, by walking
    /// again from just before the edit until the walk is back in step with the old one; the rest
    /// is moved. `None` (the structure left unusable) when the edit may have changed what the
    /// whole walk depends on: fenced code, whether the draft has page breaks, the blocks right
    /// after the organ line; or when the draft lacks or repeats a page break (a mistake, read
    /// afresh until it is mended). The caller checks that the organ line stands before the edit.
    pub fn follow(
        &mut self,
        text: &SourceText,
        blocks: &[Block],
        splice: &Splice,
        phrases: &PhraseBook,
    ) -> Option<Rewalked> {
        let first = splice.first_block;
        let (old_len, new_len) = (splice.old_blocks.len(), splice.new_blocks.len());
        let old_count = self.roles.len();
        if old_count + new_len != blocks.len() + old_len || first + old_len > old_count {
            return None;
        }
        if !self.missing_breaks.is_empty() || !self.repeated_breaks.is_empty() {
            return None;
        }
        // The walk reads a paragraph with what follows it up to the second paragraph after it
        // (whether the block before carries on a footnote, whether a numbered paragraph begins
        // the operative part): walk again from the second-to-last paragraph before the edit.
        let mut start = first.saturating_sub(1);
        let mut heads = 0;
        let is_head = |i: usize| {
            matches!(self.roles[i], Role::Paragraph(_))
                && blocks[i]
                    .paragraph()
                    .is_some_and(|p| stops_lookahead(text, &blocks[i], p, phrases))
        };
        while start > 0 {
            if is_head(start) {
                heads += 1;
                if heads == 2 {
                    break;
                }
            }
            if first - start > MAX_WALK_BACK {
                return None;
            }
            start -= 1;
        }
        let old_end = first + old_len;
        let new_end = first + new_len;
        let is_code = |b: &Block| matches!(b.kind, BlockKind::Fence);
        if splice
            .old_blocks
            .iter()
            .chain(&splice.new_blocks)
            .any(is_code)
            || self.roles[start..(old_end + 1).min(old_count)].contains(&Role::Code)
            || self.organ.is_none_or(|organ| start <= organ + 1)
        {
            return None;
        }
        let is_break = |b: &&Block| matches!(b.kind, BlockKind::PageBreak);
        let page_breaks = self.page_breaks + splice.new_blocks.iter().filter(is_break).count()
            - splice.old_blocks.iter().filter(is_break).count();
        if (page_breaks > 0) != (self.page_breaks > 0) {
            return None;
        }
        let shift = |b: usize| (b as isize + new_len as isize - old_len as isize) as usize;

        // Walk again from the checkpoint before `start`, into vectors of their own, with the
        // paragraph open there (as it was before `start`) to carry on.
        let at = self.checkpoints[start];
        let kept = at.paragraphs as usize;
        let paragraph_base = kept.saturating_sub(1);
        let mut open = self.paragraphs[paragraph_base..kept].to_vec();
        for lp in &mut open {
            lp.blocks.retain(|b| *b < start);
        }
        let embedded_before = self.embedded_from.filter(|&e| e < start);
        let mut walk = Walk {
            text,
            blocks,
            phrases,
            s: Structure {
                paragraphs: open,
                organ: self.organ,
                embedded_from: embedded_before,
                page_breaks,
                ..Structure::default()
            },
            block_base: start,
            paragraph_base,
            role_before: start.checked_sub(1).map(|b| self.roles[b]),
            state: at.state,
            in_footnote_block: at.in_footnote_block,
            crossed_break: at.crossed_break,
            section_pending: at.section_pending,
            break_pending: at.break_pending,
            page: self.pages[start],
        };
        let old_block = |i: usize| i + old_len - new_len;
        let moved = |b: usize| if b < first { b } else { shift(b) };
        // Walk until the state before a block past the edit is the old state before it, with
        // the same paragraph open (its blocks so far moved): from there the old walk stands.
        let mut i = start;
        let converged = loop {
            if i >= blocks.len() {
                break false;
            }
            // Whether a footnote definition lacks its page break reads the block before it (past
            // comments), which the edit may have changed: the walk goes on through definitions
            // and comments, so that each one after the edit is read again.
            let reads_back = matches!(
                blocks[i].kind,
                BlockKind::FootnoteDef(_) | BlockKind::Comment
            );
            if i >= new_end && !reads_back {
                let o = old_block(i);
                let old = self.checkpoints[o];
                let now = walk.checkpoint();
                let same_walk = Checkpoint {
                    paragraphs: old.paragraphs,
                    ..now
                } == old;
                let last_old = (old.paragraphs as usize)
                    .checked_sub(1)
                    .map(|n| &self.paragraphs[n]);
                let same_open = match (walk.s.paragraphs.last(), last_old) {
                    (None, None) => true,
                    (Some(now), Some(old)) => {
                        now.part == old.part
                            && now.is_sub == old.is_sub
                            && now.after_section == old.after_section
                            && now.misplaced == old.misplaced
                            && old.blocks.iter().all(|&b| b < first || b >= old_end)
                            && now.blocks.iter().copied().eq(old
                                .blocks
                                .iter()
                                .filter(|&&b| b < o)
                                .map(|&b| moved(b)))
                    }
                    _ => false,
                };
                if same_walk && same_open {
                    break true;
                }
            }
            let code = i >= new_end && self.roles[old_block(i)] == Role::Code;
            walk.step(i, code, true);
            i += 1;
        };
        if !walk.s.missing_breaks.is_empty() || !walk.s.repeated_breaks.is_empty() {
            return None;
        }
        let o = if converged { old_block(i) } else { old_count };
        let old_open = if converged {
            self.checkpoints[o].paragraphs as usize
        } else {
            self.paragraphs.len()
        };
        let footnote_block = |r: &Role| {
            matches!(
                r,
                Role::PageBreak | Role::FootnoteDef | Role::FootnoteContinuation | Role::Comment
            )
        };
        // A block walked again but not re-parsed has its old text: it changes the footnote
        // blocks only if its role in them changed. The walk starts up to two paragraphs before
        // the edit, so it often crosses a footnote block that stays as it was.
        let new_roles = &walk.s.roles;
        let changed =
            |old: &Role, new: &Role| old != new && (footnote_block(old) || footnote_block(new));
        // The edit re-parses a neighbour on each side, which mostly comes out as it was: a
        // paragraph next to a footnote block is edited without touching the footnote block.
        let (same_before, same_after) = splice.unchanged_ends();
        let (first, old_end, new_end) = (
            first + same_before,
            old_end - same_after,
            new_end - same_after,
        );
        let reparsed_new =
            (first - start).min(new_roles.len())..(new_end - start).min(new_roles.len());
        let touches_footnote_blocks = self.roles[first.min(o)..old_end.min(o)]
            .iter()
            .any(footnote_block)
            || new_roles[reparsed_new].iter().any(footnote_block)
            || (start..first)
                .zip(new_roles)
                .any(|(b, new)| changed(&self.roles[b], new))
            || (new_end..i).any(|b| changed(&self.roles[old_block(b)], &new_roles[b - start]));
        let page_shift = match self.pages.get(o) {
            Some(&page) if converged => i64::from(walk.page) - i64::from(page),
            _ => 0,
        };
        let old_window = self.paragraphs[paragraph_base..old_open].to_vec();
        let mut made = walk.s;
        // The paragraph open where the walks met keeps the blocks the old one had after.
        if converged {
            if let (Some(now), Some(old)) = (made.paragraphs.last_mut(), old_window.last()) {
                now.blocks
                    .extend(old.blocks.iter().filter(|&&b| b >= o).map(|&b| shift(b)));
            }
        }
        let new_open = paragraph_base + made.paragraphs.len();
        let paragraph_shift = new_open as isize - old_open as isize;
        let block_shift = new_len as isize - old_len as isize;

        // Put what the walk made in place of what the old one made there, and move the rest.
        self.roles.splice(start..o, made.roles);
        if paragraph_shift != 0 {
            for role in &mut self.roles[i..] {
                if let Role::Paragraph(n) | Role::Continuation(n) = role {
                    *n = (*n as usize).wrapping_add_signed(paragraph_shift) as u32;
                }
            }
        }
        self.pages.splice(start..o, made.pages);
        if page_shift != 0 {
            for page in &mut self.pages[i..] {
                *page = (i64::from(*page) + page_shift) as u32;
            }
        }
        self.checkpoints.splice(start..o, made.checkpoints);
        if paragraph_shift != 0 {
            for checkpoint in &mut self.checkpoints[i..] {
                checkpoint.paragraphs = (checkpoint.paragraphs as isize + paragraph_shift) as u32;
            }
        }
        self.paragraphs
            .splice(paragraph_base..old_open, made.paragraphs.drain(..));
        if block_shift != 0 {
            for lp in &mut self.paragraphs[new_open..] {
                for b in lp.blocks.iter_mut() {
                    *b = b.wrapping_add_signed(block_shift);
                }
            }
        }
        let embedded_after = self.embedded_from.filter(|&e| e >= o).map(shift);
        self.embedded_from = made.embedded_from.or(embedded_after.filter(|_| converged));
        self.page_breaks = page_breaks;
        self.has_page_breaks = self.pages.last().is_some_and(|&p| p > 0)
            || self.roles.last() == Some(&Role::PageBreak);
        Some(Rewalked {
            blocks: start..i,
            old_blocks: start..o,
            paragraphs: paragraph_base..new_open,
            page_shift,
            touches_footnote_blocks,
            old_window,
        })
    }

    /// The logical paragraph a block belongs to.
    pub fn paragraph_of(&self, block: usize) -> Option<usize> {
        match self.roles.get(block)? {
            Role::Paragraph(n) | Role::Continuation(n) => Some(*n as usize),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Front,
    Preamble,
    Operative,
    Closing,
}

struct Walk<'a> {
    /// The text the blocks were parsed from, for their paragraphs' leads.
    text: &'a SourceText,
    blocks: &'a [Block],
    phrases: &'a PhraseBook,
    /// What the walk made: the roles, pages and checkpoints of the blocks from `block_base` on,
    /// the logical paragraphs from `paragraph_base` on.
    s: Structure,
    block_base: usize,
    paragraph_base: usize,
    /// The role of the block before `block_base`.
    role_before: Option<Role>,
    state: State,
    /// Between a page break and the first text after it.
    in_footnote_block: bool,
    /// A page break stands between the last logical paragraph and here.
    crossed_break: bool,
    /// A section heading stands between the last operative paragraph and here.
    section_pending: bool,
    /// A page break stands before here with nothing but comments since.
    break_pending: bool,
    /// Page breaks passed.
    page: u32,
}

/// How far back [`Structure::follow`] looks for the paragraph to walk again from.
const MAX_WALK_BACK: usize = 256;

/// How far ahead a numbered paragraph in the preamble looks for the paragraph after it.
const MAX_LOOKAHEAD: usize = 64;

/// How strongly a paragraph's own form says it is operative (positive) or preambular (negative):
/// its number, its opener's phrase, its closing mark. [`OPERATIVE`] or more begins the operative
/// part (when the paragraph after agrees); [`PREAMBULAR`] or less among operative paragraphs is a
/// preambular paragraph that strayed there.
type Evidence = i32;
const OPERATIVE: Evidence = 2;
const PREAMBULAR: Evidence = -2;

impl Walk<'_> {
    /// Logical paragraphs made so far, from the draft's first.
    fn paragraph_count(&self) -> usize {
        self.paragraph_base + self.s.paragraphs.len()
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            state: self.state,
            in_footnote_block: self.in_footnote_block,
            crossed_break: self.crossed_break,
            section_pending: self.section_pending,
            embedded: self.s.embedded_from.is_some(),
            break_pending: self.break_pending,
            paragraphs: self.paragraph_count() as u32,
        }
    }

    /// Gives block `i` its role and page.
    fn step(&mut self, i: usize, in_code: bool, is_draft: bool) {
        self.s.checkpoints.push(self.checkpoint());
        let block = &self.blocks[i];
        if !in_code && is_draft && self.misses_page_break(i) {
            // Read as if the break stood before this footnote block: the page ends here.
            self.s.missing_breaks.push(i);
            self.page += 1;
            self.s.has_page_breaks = true;
            self.in_footnote_block = true;
            self.crossed_break = true;
        }
        self.s.pages.push(self.page);
        let role = if in_code {
            Role::Code
        } else {
            if matches!(block.kind, BlockKind::PageBreak) {
                if is_draft && self.break_pending {
                    // A second break with nothing between: one page ends, not two.
                    self.s.repeated_breaks.push(i);
                } else {
                    self.page += 1;
                }
                self.s.has_page_breaks = true;
            }
            if is_draft {
                self.role(i)
            } else {
                match block.kind {
                    BlockKind::FootnoteDef(_) => Role::FootnoteDef,
                    BlockKind::PageBreak => Role::PageBreak,
                    _ => Role::Front,
                }
            }
        };
        if !matches!(role, Role::Comment | Role::PageBreak | Role::Code) {
            self.break_pending = false;
        }
        self.s.roles.push(role);
    }

    /// Whether block `i` is a footnote definition that begins a footnote block without the page
    /// break before it: it follows running text, and more definitions follow it; in a draft with
    /// other page breaks, or the text ends with it; in one without, running text follows the
    /// definitions (at the end of a draft without pages, they are its notes). One definition
    /// alone after a paragraph is read as a definition put in the wrong place, which
    /// `footnote-page` reports.
    fn misses_page_break(&self, i: usize) -> bool {
        if self.in_footnote_block || self.blocks[i].footnote_def().is_none() {
            return false;
        }
        let paged = self.s.page_breaks > 0;
        let after_text = self.blocks[..i]
            .iter()
            .rev()
            .find(|b| !matches!(b.kind, BlockKind::Comment))
            .and_then(Block::paragraph)
            .is_some_and(|p| !p.indented);
        if !after_text {
            return false;
        }
        let mut definitions = 0;
        for block in &self.blocks[i..] {
            match &block.kind {
                BlockKind::FootnoteDef(_) => definitions += 1,
                BlockKind::Comment => {}
                BlockKind::Paragraph(p) if p.indented => {}
                BlockKind::Paragraph(_) => return definitions >= 2,
                _ => return paged && definitions >= 2,
            }
        }
        paged
    }

    fn role(&mut self, i: usize) -> Role {
        let block = &self.blocks[i];
        match &block.kind {
            BlockKind::Fence => Role::Code,
            BlockKind::Comment => Role::Comment,
            BlockKind::PageBreak => {
                self.in_footnote_block = true;
                self.crossed_break = true;
                self.break_pending = true;
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
        let prev = match i.checked_sub(self.block_base + 1) {
            Some(k) => self.s.roles.get(k).copied(),
            None => self.role_before,
        };
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
                if self.s.organ.is_some() || !self.starts_draft_text(&self.blocks[i], p) {
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
        if let Some(n) = self.continued_paragraph(&self.blocks[i], p) {
            if let Some(open) = self.s.paragraphs.last_mut() {
                open.blocks.push(i);
            }
            self.crossed_break = false;
            return Role::Continuation(n as u32);
        }
        self.crossed_break = false;
        if self.state == State::Operative
            && p.sub_label.is_none()
            && p.opener.is_none()
            && p.bold.is_none()
            && self.last_operative_introduces_text()
            && self.opener_kind(&self.blocks[i], p).is_none()
        {
            // `*Adopts* the following declaration:` then its title or its own paragraphs
            // (`We, Heads of State …`, `1. Reaffirm …`): an embedded text.
            self.state = State::Closing;
            self.s.embedded_from.get_or_insert(i);
            return Role::Closing;
        }
        let is_sub = p.sub_label.is_some();
        let mut misplaced = false;
        let mut opener_listed = None;
        if !is_sub {
            opener_listed = self.listed(p);
            let evidence = self.evidence_given(&self.blocks[i], p, opener_listed);
            match self.state {
                State::Preamble if evidence >= OPERATIVE => {
                    if self.next_agrees(i, p) {
                        self.state = State::Operative;
                    } else {
                        misplaced = true;
                    }
                }
                State::Operative if evidence <= PREAMBULAR => misplaced = true,
                _ => {}
            }
        }
        let part = match self.state {
            State::Operative => Part::Operative,
            _ => Part::Preamble,
        };
        let n = self.paragraph_count();
        self.s.paragraphs.push(LogicalParagraph {
            part,
            blocks: smallvec::smallvec![i],
            is_sub,
            after_section: std::mem::take(&mut self.section_pending) && part == Part::Operative,
            misplaced,
            opener_listed,
        });
        Role::Paragraph(n as u32)
    }

    /// In a draft with no organ line (forced by a setting or a file name), the draft's text starts
    /// at the first paragraph with an opener or a number.
    fn starts_draft_text(&self, b: &Block, p: &Paragraph) -> bool {
        p.opener.is_some()
            || p.number.is_some()
            || self.phrases.longest_prefix(&b.lead(self.text)).is_some()
    }

    /// The kind of the phrase `p` opens with: its italic opener's (or, when that is only part of
    /// a phrase, the phrase it begins), its bold run's, or the words it starts with.
    fn opener_kind(&self, b: &Block, p: &Paragraph) -> Option<OpenerKind> {
        self.opener_kind_given(b, p, self.listed(p))
    }

    /// What the phrase book makes of `p`'s italic opener, if it has one.
    fn listed(&self, p: &Paragraph) -> Option<OpenerKind> {
        p.opener
            .as_ref()
            .and_then(|run| self.phrases.classify(&run.text))
    }

    /// [`Walk::opener_kind`], given what the phrase book makes of `p`'s italic opener.
    fn opener_kind_given(
        &self,
        b: &Block,
        p: &Paragraph,
        listed: Option<OpenerKind>,
    ) -> Option<OpenerKind> {
        match (&p.opener, &p.bold) {
            (Some(run), _) => listed.or_else(|| {
                let joined = format!("{}{}", run.text, b.lead(self.text));
                self.phrases.longest_prefix(&joined).map(|m| m.kind)
            }),
            (None, Some(bold)) => self.phrases.classify(&bold.text),
            (None, None) => self
                .phrases
                .longest_prefix(&b.lead(self.text))
                .map(|m| m.kind),
        }
    }

    /// What `p`'s own form says of its part (see [`Evidence`]).
    fn evidence(&self, b: &Block, p: &Paragraph) -> Evidence {
        self.evidence_given(b, p, self.listed(p))
    }

    /// [`Walk::evidence`], given what the phrase book makes of `p`'s italic opener.
    fn evidence_given(&self, b: &Block, p: &Paragraph, listed: Option<OpenerKind>) -> Evidence {
        let number = if p.number.is_some() { 2 } else { 0 };
        let opener = match self.opener_kind_given(b, p, listed) {
            Some(OpenerKind::Operative) => 2,
            Some(OpenerKind::Preambular) => -2,
            Some(OpenerKind::Either) | None => 0,
        };
        let mark = match p.ending.mark.and_then(Mark::of) {
            Some(Mark::Semicolon | Mark::FullStop) => 1,
            Some(Mark::Comma) => -1,
            _ => 0,
        };
        number + opener + mark
    }

    /// Whether the paragraphs after operative-looking paragraph `p` in block `i` (past footnote
    /// blocks, headings, sub-paragraphs and continuations) let it begin the operative part: the
    /// next one does not read as preambular and does not begin the numbering itself (`1.`); or
    /// `p` is the operative part's first paragraph by its number (none, or 1) and the one after
    /// the next reads as the second (then the next is a preambular paragraph that strayed among
    /// the operative ones). Else `p` strayed into the preamble.
    fn next_agrees(&self, i: usize, p: &Paragraph) -> bool {
        // `*Adopts* the following declaration:` then a heading: the text it adopts follows.
        let introduces_text = p.ending.mark.and_then(Mark::of) == Some(Mark::Colon)
            && self.blocks[i + 1..]
                .iter()
                .find(|b| !matches!(b.kind, BlockKind::Comment))
                .is_some_and(|b| matches!(b.kind, BlockKind::Heading(_)));
        if introduces_text {
            return true;
        }
        let mut following = self
            .blocks
            .iter()
            .skip(i + 1)
            .take(MAX_LOOKAHEAD)
            .filter_map(|b| Some((b, b.paragraph()?)))
            .filter(|(b, q)| q.is_meeting_line || stops_lookahead(self.text, b, q, self.phrases))
            .map(|(b, q)| (!q.is_meeting_line).then_some((b, q)));
        let number = |q: &Paragraph| q.number.as_ref().map(|n| n.value);
        match following.next() {
            None | Some(None) => true,
            Some(Some((b, next))) if self.evidence(b, next) > PREAMBULAR => number(next) != Some(1),
            Some(Some(_)) => {
                let first_by_number = number(p).is_none_or(|n| n == 1);
                first_by_number
                    && matches!(following.next(), Some(Some((b, after)))
                        if self.evidence(b, after) >= OPERATIVE
                            && number(after).is_none_or(|n| n == 2))
            }
        }
    }

    /// The logical paragraph `p` carries on across a page break: it starts in lower case, or the
    /// paragraph before the break had no closing mark and `p` does not open with a known phrase.
    /// Where openers start in lower case (Russian), a paragraph that opens with a known phrase
    /// outside italics (`ссылаясь на …`) is a new paragraph whose opener is not in italics.
    fn continued_paragraph(&self, b: &Block, p: &Paragraph) -> Option<usize> {
        if !self.crossed_break || p.number.is_some() || p.sub_label.is_some() {
            return None;
        }
        let n = self.paragraph_count().checked_sub(1)?;
        let last = self.blocks[self.s.paragraphs.last()?.last()].paragraph()?;
        let open_before = last.ending.mark.is_none();
        let known_opener = p
            .opener
            .as_ref()
            .is_some_and(|o| self.phrases.classify(&o.text).is_some());
        (starts_as_continuation(self.text, b, p, self.phrases) || open_before && !known_opener)
            .then_some(n)
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

/// `p` starts in lower case with no opener: the rest of a sentence cut by a page break. Where
/// openers start in lower case (Russian), one that opens with a known phrase is an opener.
fn starts_as_continuation(
    text: &SourceText,
    b: &Block,
    p: &Paragraph,
    phrases: &PhraseBook,
) -> bool {
    p.starts_lowercase
        && p.opener.is_none()
        && !(phrases.language().lowercase_openers()
            && phrases.longest_prefix(&b.lead(text)).is_some())
}

/// Whether the lookahead of [`Walk::next_agrees`] stops at paragraph `p`: one that is neither a
/// footnote's indented text, a sub-paragraph nor the rest of a cut sentence.
fn stops_lookahead(text: &SourceText, b: &Block, p: &Paragraph, phrases: &PhraseBook) -> bool {
    !p.indented && p.sub_label.is_none() && !starts_as_continuation(text, b, p, phrases)
}

/// The organ line: the first paragraph that starts with emphasis, when it is one line in italics
/// from end to end naming a body (two words or more, or a non-Latin name), ending with a comma or
/// followed directly by an operative paragraph (numbered, or opening with an operative phrase of
/// the organ's language: `*The General Assembly*` then `*Adopts* the following declaration:`).
pub fn find_organ_line(
    text: &SourceText,
    blocks: &[Block],
    in_code: &[bool],
    extra_operative: &[String],
) -> Option<usize> {
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
    if organ.has_comma {
        return Some(i);
    }
    let next_block = blocks[i + 1..]
        .iter()
        .find(|b| !matches!(b.kind, BlockKind::Comment))?;
    let next = next_block.paragraph()?;
    let operative_opener = || {
        let phrases = PhraseBook::new(Language::of_organ(&organ.name), &[], extra_operative);
        let kind = match next.opener.as_ref().or(next.bold.as_deref()) {
            Some(run) => phrases.classify(&run.text),
            None => phrases
                .longest_prefix(&next_block.lead(text))
                .map(|m| m.kind),
        };
        kind == Some(OpenerKind::Operative)
    };
    (next.number.is_some() || operative_opener()).then_some(i)
}
