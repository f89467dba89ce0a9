//! ## operative-punctuation (warning)
//!
//! Reports an operative paragraph that does not end with a semicolon, the last one that does not
//! end with a full stop, and a lead-in to sub-paragraphs that does not end with a colon.
//! Sub-paragraphs follow the same pattern (`(a) …;`, the last one of the draft `.`), and `; and`
//! counts as `;`. Arabic writes `؛` for the semicolon; Chinese `；` `。` `：`. French may set a
//! (non-breaking) space before `;` and `:`.
//!
//! **Why it matters:** the operative part continues the sentence the preamble began; its
//! punctuation tells the reader where each decision ends and where the resolution does.
//!
//! **Fires:** `1. *Decides* to act,` (not the last paragraph); `2. *Requests* …;` as the last.
//!
//! **Silent:** `1. *Decides* to act;` … `2. *Requests* the Secretary-General to report.`; a
//! paragraph that introduces an adopted text (`*Adopts* the following declaration:`).
//!
//! **Fix:** puts the right mark in place: safe when the paragraph's own form (its number or
//! opener) says it is operative, unsafe when only its place does. A paragraph that strayed from
//! the preamble keeps its own mark (`opener-misplaced` reports it).

use super::preamble_punctuation::expect_mark;
use super::support::part_is_certain;
use super::Context;
use crate::analysis::{LogicalParagraph, Part};
use crate::diagnostic::Diagnostic;
use crate::lang::Mark;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (unit, expected, what) in expected_marks(ctx) {
        let certain = part_is_certain(ctx, unit);
        if let Some(d) = expect_mark(
            ctx,
            unit.last(),
            expected,
            certain,
            "operative-punctuation",
            what.name(),
        ) {
            out.push(d);
        }
    }
}

/// Each operative paragraph with the mark it should end with and how a message names it; the
/// last one is left out when it introduces an adopted text. Shared with the check cache, which
/// re-checks a paragraph whose expected mark an edit elsewhere changed.
pub(crate) fn expected_marks<'a, 'c>(
    ctx: &'c Context<'a>,
) -> impl Iterator<Item = (&'a LogicalParagraph, Mark, Unit)> + 'c {
    expected_marks_in(ctx, 0..ctx.analysis.structure.paragraphs.len())
}

/// [`expected_marks`] of the operative paragraphs among logical paragraphs `range`, which must
/// start where sub-paragraph levels start afresh: at a paragraph that is not operative, or an
/// operative one that is neither a sub-paragraph nor misplaced. Made one at a time, each from
/// the next one's level: as lists (the paragraphs, their levels, their marks), they were the
/// check's largest at its peak in a large draft.
pub(crate) fn expected_marks_in<'a, 'c>(
    ctx: &'c Context<'a>,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = (&'a LogicalParagraph, Mark, Unit)> + 'c {
    let structure: &'a crate::analysis::Structure = &ctx.analysis.structure;
    let paragraphs = &structure.paragraphs;
    let is_unit = |lp: &&LogicalParagraph| lp.part == Part::Operative && !lp.misplaced;
    // The operative paragraph after the range decides whether the last one in it introduces
    // sub-paragraphs, or is the last of all (operative paragraphs run to the end of the list).
    // Paragraphs that strayed there do not count.
    let next = paragraphs[range.end.min(paragraphs.len())..]
        .iter()
        .find(|lp| !lp.misplaced)
        .filter(is_unit);
    let mut units = paragraphs[range]
        .iter()
        .filter(is_unit)
        .map(|lp| (lp, true))
        .chain(next.map(|lp| (lp, false)));
    let mut levels = SubLevels::default();
    let mut level_of = move |lp: &LogicalParagraph| levels.next(ctx, lp);
    let mut current = units
        .next()
        .map(|(lp, in_range)| (lp, in_range, level_of(lp)));
    std::iter::from_fn(move || loop {
        let (unit, in_range, level) = current.take()?;
        if !in_range {
            return None;
        }
        let following = units
            .next()
            .map(|(lp, in_range)| (lp, in_range, level_of(lp)));
        current = following;
        let introduces_subs = following.is_some_and(|(_, _, next_level)| next_level > level);
        let (expected, what) = if introduces_subs {
            (Mark::Colon, Unit::LeadIn)
        } else if following.is_none() {
            if structure.embedded_from.is_some() {
                continue; // it introduces the adopted text; its mark is the text's business
            }
            (Mark::FullStop, Unit::Last)
        } else if unit.is_sub {
            (Mark::Semicolon, Unit::Sub)
        } else {
            (Mark::Semicolon, Unit::Paragraph)
        };
        return Some((unit, expected, what));
    })
}

/// What an operative paragraph is to the mark it should end with. An enum rather than its name:
/// the list of expected marks holds one per operative paragraph, at the check's peak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    LeadIn,
    Last,
    Sub,
    Paragraph,
}

impl Unit {
    /// How a message names it.
    fn name(self) -> &'static str {
        match self {
            Unit::LeadIn => "paragraph introducing sub-paragraphs",
            Unit::Last => "the last operative paragraph",
            Unit::Sub => "sub-paragraph",
            Unit::Paragraph => "operative paragraph",
        }
    }
}

/// 0 for a paragraph, 1 for `(a)`, 2 for `(i)` under `(a)`. `(i)` right after `(h)` is a
/// letter, and a list that starts with `(i)` right under a paragraph is the first level. The
/// operative paragraphs' levels are read in order, one at a time.
#[derive(Default)]
struct SubLevels {
    last_letter: Option<u8>,
    roman_first_level: bool,
    previous: u8,
}

impl SubLevels {
    fn next(&mut self, ctx: &Context, unit: &LogicalParagraph) -> u8 {
        let label = ctx
            .paragraph(unit.head())
            .and_then(|p| p.sub_label.as_ref())
            .map(|l| l.label.as_bytes());
        let previous = self.previous;
        let level = match label {
            None => {
                self.last_letter = None;
                self.roman_first_level = false;
                0
            }
            // Arabic `’1‘` and Chinese `㈠` stand where English has `(i)`: under a letter.
            Some(label) if is_second_level(label) => {
                if previous == 0 {
                    1
                } else {
                    2
                }
            }
            Some(label) => {
                let last_letter = self.last_letter;
                let next_letter =
                    label.len() == 1 && last_letter.is_some_and(|l| label[0] == l + 1);
                // `(a)` then `(c)`: a letter skipped, not the roman hundred (`(i)` under a letter
                // is the roman list it usually is).
                let skipped_letter = label.len() == 1
                    && previous == 1
                    && label[0] != b'i'
                    && last_letter.is_some_and(|l| label[0] > l + 1);
                let roman = label.iter().all(|c| b"ivxlc".contains(c));
                if next_letter || skipped_letter || !roman {
                    self.last_letter = label.first().copied();
                    1
                } else if previous == 0 {
                    self.roman_first_level = true;
                    1
                } else if previous == 1 && self.roman_first_level {
                    1
                } else {
                    2
                }
            }
        };
        self.previous = level;
        level
    }
}

/// A label that only the second level uses: `’1‘` (Arabic) or `㈠` … `㈩` (Chinese).
fn is_second_level(label: &[u8]) -> bool {
    let label = std::str::from_utf8(label).unwrap_or("");
    label.starts_with(|c: char| c.is_ascii_digit() || ('\u{3220}'..='\u{3229}').contains(&c))
}
