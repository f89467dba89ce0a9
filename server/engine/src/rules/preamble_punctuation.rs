//! ## preamble-punctuation (warning)
//!
//! Reports a preambular paragraph that does not end with a comma. Footnote markers and closing
//! quotes after the comma are fine (`States,<sup>8</sup>`, `Corruption”,`); a paragraph cut by a
//! page break is checked where its continuation ends.
//!
//! **Why it matters:** the preamble is one long sentence; each paragraph ends with a comma and the
//! operative part completes it.
//!
//! **Fires:** `*Recalling* its resolution 60/288;`
//!
//! **Silent:** `*Recalling* its resolution 60/288,`; `… on States,<sup>8</sup>`.
//!
//! A preambular paragraph that introduces sub-paragraphs (`… on the following questions:` then
//! `(a) …`) may end with a colon instead.
//!
//! In Arabic the comma is `،`, in Chinese `，`; a Latin comma there is reported and replaced.
//!
//! **Fix:** safe when the paragraph's opener is a preambular one, unsafe when only its place says
//! it is preambular: replaces the wrong mark with a comma, or adds one (before the footnote markers in
//! English, after them in French and Spanish).

use super::support::{describe_mark, part_is_certain};
use super::Context;
use crate::analysis::{LogicalParagraph, Part};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lang::Mark;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let paragraphs = &ctx.analysis.structure.paragraphs;
    for (n, lp) in paragraphs.iter().enumerate() {
        // A paragraph that strayed from the operative part keeps its own mark; `opener-misplaced`
        // reports it.
        if lp.part != Part::Preamble || lp.is_sub || lp.misplaced {
            continue;
        }
        if leads_in(paragraphs, n) && ends_with(ctx, lp.last(), Mark::Colon) {
            continue;
        }
        if let Some(d) = expect_mark(
            ctx,
            lp.last(),
            Mark::Comma,
            part_is_certain(ctx, lp),
            "preamble-punctuation",
            "preambular paragraph",
        ) {
            out.push(d);
        }
    }
}

/// Whether preambular paragraph `n` introduces sub-paragraphs (`… on the following questions:`
/// then `(a) …`), and so may end with a colon.
pub(crate) fn leads_in(paragraphs: &[LogicalParagraph], n: usize) -> bool {
    paragraphs
        .get(n + 1)
        .is_some_and(|next| next.is_sub && next.part == Part::Preamble)
}

/// Whether paragraph block `i` ends with `mark` as the draft's language writes it.
fn ends_with(ctx: &Context, i: usize, mark: Mark) -> bool {
    ctx.paragraph(i)
        .is_some_and(|p| p.ending.mark == Some(ctx.language().mark(mark)))
}

/// A diagnostic when paragraph block `i` does not end with `expected` as the draft's language
/// writes it (`،` in Arabic, `，` in Chinese), with the fix that puts it there: safe when the
/// paragraph's part is `certain` (see [`super::support::part_is_certain`]). Shared with
/// `operative-punctuation`.
pub fn expect_mark(
    ctx: &Context,
    i: usize,
    expected: Mark,
    certain: bool,
    rule: &'static str,
    what: &str,
) -> Option<Diagnostic> {
    let language = ctx.language();
    let wanted = language.mark(expected);
    let block = ctx.block(i);
    let ending = &block.paragraph()?.ending;
    if ending.mark == Some(wanted) {
        return None;
    }
    let (range, message, edit) = match (ending.mark, &ending.mark_range()) {
        (Some(found), Some(range)) => {
            let range = block.abs(range);
            // French sets a space before `;` and `:` but none before `,` and `.`: the space goes
            // with the old mark unless the new one takes it too.
            let replaced = if language.may_space_before(expected) {
                range.clone()
            } else {
                ctx.spaces_before(range.start)..range.end
            };
            (
                range,
                format!(
                    "{what} ends with “{found}” instead of {}",
                    describe_mark(expected, wanted)
                ),
                Edit::replace(replaced, wanted.to_string()),
            )
        }
        _ => {
            let at = ctx.mark_insertion_point(i);
            (
                ctx.last_char_range(i),
                format!(
                    "{what} does not end with {}",
                    describe_mark(expected, wanted)
                ),
                Edit::insert(at, wanted.to_string()),
            )
        }
    };
    let mut d = ctx.diagnostic(rule, range, message);
    d.fix = Some(Fix::safe_if(
        certain,
        format!("End the paragraph with “{wanted}”"),
        vec![edit],
    ));
    Some(d)
}
