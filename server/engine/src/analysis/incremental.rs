//! Keeping an [`Analysis`] up to date across an edit that leaves every fact it holds in place.
//!
//! Most edits are a character typed or deleted inside a paragraph. The analysis reads a block's
//! summary, never its text, so when the re-parsed blocks have the same summary as before (the
//! same number, opener, closing mark, footnote references, …) the structure, the footnote index
//! and the Ibid. chains are what they were, and only their absolute offsets move. [`follow`]
//! recognises such an edit and moves the offsets; any other edit is left to a fresh analysis.
//!
//! `Shape` lists every paragraph field the analysis (and the draft-wide rules) read. **When the
//! analysis starts reading another field of a block, add it to `Shape`**, or an edit changing only
//! that field would keep a stale analysis (the property test `tests/check_cache.rs` looks for it).

use std::ops::Range;

use super::{Analysis, Role};
use crate::document::Splice;
use crate::lang::PhraseBook;
use crate::syntax::{Block, BlockKind, ItalicRun, Numbering, OrganLine, Paragraph, SubLabel};

/// The block an edit changed, once [`follow`] accepted the edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditedBlock {
    /// Its index (the same before and after the edit).
    pub index: usize,
    /// Its range before the edit.
    pub old_range: Range<usize>,
    /// Its range after the edit.
    pub new_range: Range<usize>,
}

/// What the analysis reads of a paragraph, with offsets relative to the block.
#[derive(PartialEq)]
struct Shape<'a> {
    number: &'a Option<Numbering>,
    sub_label: &'a Option<Box<SubLabel>>,
    content_start: u32,
    opener: &'a Option<ItalicRun>,
    bold: &'a Option<Box<ItalicRun>>,
    starts_lowercase: bool,
    mark: Option<char>,
    organ: &'a Option<Box<OrganLine>>,
    is_meeting_line: bool,
    indented: bool,
}

impl<'a> Shape<'a> {
    fn of(p: &'a Paragraph) -> Shape<'a> {
        Shape {
            number: &p.number,
            sub_label: &p.sub_label,
            content_start: p.content_start,
            opener: &p.opener,
            bold: &p.bold,
            starts_lowercase: p.starts_lowercase,
            mark: p.ending.mark,
            organ: &p.organ,
            is_meeting_line: p.is_meeting_line,
            indented: p.indented,
        }
    }
}

/// The widest character: an edit this far past a paragraph's first letter cannot change it.
pub const MAX_CHAR_LEN: usize = 4;

/// Takes `analysis` (made for the blocks before `splice`) over the edit, when the edit changed no
/// fact the analysis holds: then it moves the analysis's offsets (but those of the footnote
/// references, which stay as they were at the last full analysis) and says which block changed
/// (`Some(None)` when none did). `None` when the edit changed a fact: the caller analyses afresh.
pub fn follow(analysis: &mut Analysis, splice: &Splice) -> Option<Option<EditedBlock>> {
    if splice.old_blocks.len() != splice.new_blocks.len() {
        return None;
    }
    // The text's last bytes decide how a definition is appended at the end (see
    // `footnote_block::append`); an edit there goes the long way.
    if splice.replaced.end + 2 > splice.old_len {
        return None;
    }
    let mut edited = None;
    for (k, (old, new)) in splice.old_blocks.iter().zip(&splice.new_blocks).enumerate() {
        let index = splice.first_block + k;
        let holds_edit = old.start <= splice.replaced.start && splice.replaced.end <= old.end();
        // A block's summary keeps some text normalized (a footnote's whitespace collapsed), so an
        // edit can leave it equal while a diagnostic quoting the text (a fix moving the footnote)
        // goes stale: a block the edit reaches is never taken as merely moved.
        let touched = old.start <= splice.replaced.end && splice.replaced.start <= old.end();
        if holds_edit && edited.is_none() {
            if !same_facts(analysis, index, old, new, splice) {
                return None;
            }
            edited = Some(EditedBlock {
                index,
                old_range: old.range(),
                new_range: new.range(),
            });
        } else if touched || !moved_only(old, new, splice) {
            return None;
        }
    }
    let map = |offset: usize| splice.map(offset);
    // A suppressed paragraph's range is a block's: when text goes in at the edited block's end,
    // the block (and so the range) grows, where `map` would leave an offset at the edit alone.
    let edited_end = edited.as_ref().map(|e| (e.old_range.end, e.new_range.end));
    let map_end = |offset: usize| match edited_end {
        Some((old, new)) if old == offset => Some(new),
        _ => splice.map(offset),
    };
    if !analysis.suppressions.map_offsets(map, map_end) {
        return None;
    }
    // The references after the edit move, but not one by one at each character typed.
    analysis
        .footnotes
        .defer_move(splice.replaced.start, splice.delta());
    Some(edited)
}

/// `new` is `old` moved by the edit, unchanged.
fn moved_only(old: &Block, new: &Block, splice: &Splice) -> bool {
    splice.map(old.start) == Some(new.start)
        && old.len == new.len
        && old.kind == new.kind
        && old.refs == new.refs
        && old.directives == new.directives
}

/// The edit stays inside paragraph block `old` (now `new`) and leaves every fact the analysis and
/// the draft-wide rules read of it as it was.
fn same_facts(
    analysis: &Analysis,
    index: usize,
    old: &Block,
    new: &Block,
    splice: &Splice,
) -> bool {
    let (BlockKind::Paragraph(p_old), BlockKind::Paragraph(p_new)) = (&old.kind, &new.kind) else {
        return false;
    };
    // A footnote's continuation is part of its text (moved with it, compared by the Ibid. rules).
    if !matches!(
        analysis.structure.roles.get(index),
        Some(Role::Paragraph(_) | Role::Continuation(_))
    ) {
        return false;
    }
    if old.start != new.start
        || new.end() as isize != old.end() as isize + splice.delta()
        || !old.directives.is_empty()
        || !new.directives.is_empty()
    {
        return false;
    }
    // The number, label and first letter (operative numbering reads them), and the opener.
    let protected_end = (p_old.content_start as usize + MAX_CHAR_LEN)
        .max(p_old.opener.as_ref().map_or(0, |o| o.range.end as usize));
    if splice.replaced.start < old.start + protected_end {
        return false;
    }
    if Shape::of(p_old) != Shape::of(p_new) || !same_opener_phrase(p_old, p_new, &analysis.phrases)
    {
        return false;
    }
    old.refs.len() == new.refs.len()
        && old.refs.iter().zip(&new.refs).all(|(a, b)| {
            a.key == b.key
                && a.syntax == b.syntax
                && untouched_and_moved(&old.abs(&a.label_range), &new.abs(&b.label_range), splice)
                && untouched_and_moved(&old.abs(&a.marker_range), &new.abs(&b.marker_range), splice)
        })
}

/// The phrase the structure walk and the draft-wide rules find at the start of two paragraphs with
/// the same opener is the same. They read the lead (alone, or after the italic opener:
/// `*Calls* upon`) only when the paragraph has no italic opener the phrase book lists; the rules
/// of one block that read it more are run again on the edited block. A paragraph keeps its lead's
/// hash, not its text, and the old text is gone: a changed lead that counts leaves the edit to
/// the structural path.
fn same_opener_phrase(old: &Paragraph, new: &Paragraph, phrases: &PhraseBook) -> bool {
    if old.lead_len == new.lead_len && old.lead_hash == new.lead_hash {
        return true;
    }
    old.opener
        .as_ref()
        .is_some_and(|run| phrases.classify(&run.text).is_some())
}

/// The edit is outside `old`, which moved to `new`: its text is the same.
pub(crate) fn untouched_and_moved(old: &Range<usize>, new: &Range<usize>, splice: &Splice) -> bool {
    let outside = old.end <= splice.replaced.start || old.start >= splice.replaced.end;
    outside && map_range(old, |o| splice.map(o)).as_ref() == Some(new)
}

/// A range with both ends moved by `map`; `None` when an end fell inside the edit.
pub fn map_range(
    range: &Range<usize>,
    map: impl Fn(usize) -> Option<usize>,
) -> Option<Range<usize>> {
    Some(map(range.start)?..map(range.end)?)
}
