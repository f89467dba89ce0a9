//! ## footnote-undefined (error)
//!
//! Reports a footnote reference whose number or label has no definition.
//!
//! **Why it matters:** the reader of the issued text finds a superscript that leads nowhere; the
//! editors must chase the missing source before the document can go out.
//!
//! **Fires:**
//! ```markdown
//! *Recalling* its resolution 60/288,<sup>2</sup>
//! ```
//! with no `<sup>2</sup> …` definition anywhere.
//!
//! **Silent:** the same paragraph with `<sup>2</sup> General Assembly resolution 60/288.` in the
//! footnote block after the page.
//!
//! **Fix:** inserts a definition stub (`<sup>2</sup> TODO: text of footnote 2.`) in the footnote
//! block of the page of the first reference, in number order.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::support::footnote_block::insert_definition;
use super::support::footnote_name;
use super::Context;
use crate::diagnostic::{Diagnostic, Fix};
use crate::syntax::{FootnoteKey, MarkerSyntax};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let footnotes = &ctx.analysis.footnotes;
    // The fix of each undefined footnote, then one pass over the references: looking each
    // footnote's references up in the whole list took time quadratic in the draft.
    let fixes: FxHashMap<&FootnoteKey, Fix> = footnotes
        .reading_order
        .iter()
        .filter_map(|key| Some((key, definition_fix(ctx, key)?)))
        .collect();
    if !fixes.is_empty() {
        report(
            ctx,
            0..footnotes.refs.len(),
            |key| fixes.get(key).cloned(),
            out,
        );
    }
}

/// The diagnostics of references `refs` (indexes into the footnote index's) alone: the check
/// cache checks again only the references in the blocks an edit changed.
pub(crate) fn check_references(ctx: &Context, refs: Range<usize>, out: &mut Vec<Diagnostic>) {
    report(ctx, refs, |key| definition_fix(ctx, key), out);
}

/// Reports each of references `refs` whose footnote `fix` gives a fix for (is undefined).
fn report<'a>(
    ctx: &Context<'a>,
    refs: Range<usize>,
    fix: impl Fn(&'a FootnoteKey) -> Option<Fix>,
    out: &mut Vec<Diagnostic>,
) {
    for site in &ctx.analysis.footnotes.refs[refs] {
        let Some(fix) = fix(&site.key) else {
            continue;
        };
        let mut d = ctx.diagnostic(
            "footnote-undefined",
            site.label_range.clone(),
            format!(
                "{} is referenced but never defined",
                footnote_name(&site.key)
            ),
        );
        d.fix = Some(fix);
        out.push(d);
    }
}

/// The fix of footnote `key` when it is referenced but not defined: a definition to fill in,
/// where its first reference's footnotes go.
fn definition_fix(ctx: &Context, key: &FootnoteKey) -> Option<Fix> {
    let footnotes = &ctx.analysis.footnotes;
    if footnotes.definition(key).is_some() {
        return None;
    }
    let first = footnotes.first_reference(key)?;
    let stub = match (&first.syntax, key) {
        (MarkerSyntax::Sup, FootnoteKey::Number(n)) => {
            format!("<sup>{n}</sup> TODO: text of footnote {n}.")
        }
        _ => format!(
            "[^{}]: TODO: text of footnote {key}.",
            ctx.text(first.label_range.clone())
        ),
    };
    // Unsafe: it inserts placeholder text for the drafter to replace.
    Some(Fix::unsafe_(
        format!("Insert a placeholder definition of {}", footnote_name(key)),
        vec![insert_definition(ctx, key, first.block, &stub)],
    ))
}
