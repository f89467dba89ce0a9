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
    let mut fixes: FxHashMap<&FootnoteKey, Fix> = FxHashMap::default();
    for key in &footnotes.reading_order {
        if footnotes.definition(key).is_some() {
            continue;
        }
        let Some(first) = footnotes.first_reference(key) else {
            continue;
        };
        let stub = match (&first.syntax, key) {
            (MarkerSyntax::Sup, FootnoteKey::Number(n)) => {
                format!("<sup>{n}</sup> TODO: text of footnote {n}.")
            }
            _ => format!(
                "[^{}]: TODO: text of footnote {key}.",
                ctx.text(first.label_range.clone())
            ),
        };
        fixes.insert(
            key,
            Fix {
                title: format!("Insert a definition of {}", footnote_name(key)),
                edits: vec![insert_definition(ctx, key, first.block, &stub)].into(),
            },
        );
    }
    if fixes.is_empty() {
        return;
    }
    for site in &footnotes.refs {
        let Some(fix) = fixes.get(&site.key) else {
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
        d.fix = Some(fix.clone());
        out.push(d);
    }
}
