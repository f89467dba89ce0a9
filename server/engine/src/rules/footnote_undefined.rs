//! ## footnote-undefined (error)
//!
//! Reports a footnote whose number or label is referenced but has no definition: once, at its
//! first reference, with its other references as related places. Footnotes around it are read as
//! if it were there: the Ibid. after it is not reported for having lost its antecedent, nor the
//! footnote order for the number it takes.
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
//! **Fix** (unsafe: it inserts placeholder text): a definition stub
//! (`<sup>2</sup> TODO: text of footnote 2.`) in the footnote block of the page of the first
//! reference, in number order. `--fix` never applies it; `--unsafe-fixes` does.

use rustc_hash::FxHashMap;

use super::support::footnote_block::insert_definition;
use super::support::footnote_name;
use super::Context;
use crate::diagnostic::{Diagnostic, Fix, Related};
use crate::syntax::{FootnoteKey, MarkerSyntax};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let footnotes = &ctx.analysis.footnotes;
    // One diagnostic per undefined footnote, at its first reference; its other references are
    // related places. The footnotes' diagnostics first, then one pass over the references (looking
    // each footnote's references up in the whole list took time quadratic in the draft).
    let mut undefined: FxHashMap<&FootnoteKey, Diagnostic> = FxHashMap::default();
    for key in &footnotes.reading_order {
        if footnotes.definition(key).is_some() {
            continue;
        }
        let Some(first) = footnotes.first_reference(key) else {
            continue;
        };
        let mut d = ctx.diagnostic(
            "footnote-undefined",
            first.label_range.clone(),
            format!("{} is referenced but never defined", footnote_name(key)),
        );
        d.fix = definition_fix(ctx, key);
        undefined.insert(key, d);
    }
    if undefined.is_empty() {
        return;
    }
    for site in &footnotes.refs {
        if let Some(d) = undefined.get_mut(&site.key) {
            if d.range != site.label_range {
                d.related.push(Related {
                    range: site.label_range.clone(),
                    message: format!("{} is referenced here too", footnote_name(&site.key)),
                });
            }
        }
    }
    let mut found: Vec<Diagnostic> = undefined.into_values().collect();
    found.sort_by_key(|d| d.range.start);
    out.extend(found);
}

/// The fix of footnote `key` when it is referenced but not defined: a definition to fill in,
/// where its first reference's footnotes go.
fn definition_fix(ctx: &Context, key: &FootnoteKey) -> Option<Fix> {
    let footnotes = &ctx.analysis.footnotes;
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
