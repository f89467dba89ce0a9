//! ## footnote-placement (hint)
//!
//! Reports a footnote marker on the wrong side of punctuation. In English and Chinese the marker
//! follows the punctuation (`States,<sup>8</sup>`, `报告，<sup>4</sup>`); in French, Spanish and
//! Russian it comes before it (`États<sup>8</sup>,`, with a space before `;` in French kept after
//! the marker: `États<sup>8</sup> ;`). Silent in Arabic drafts: we found no rule to hold them to.
//!
//! **Why it matters:** the editorial manuals of each language fix the order, and a draft that
//! mixes them shows it was pasted together.
//!
//! **Fires** (English): `the Protocols thereto<sup>2</sup>, the Single Convention`.
//!
//! **Silent:** `the Protocols thereto,<sup>2</sup> the Single Convention`; `12:00[^1]`; a marker
//! after a closing quote (`“…Corruption”<sup>3</sup> and`).
//!
//! **Fix** (safe): moves the marker to the other side of the punctuation.

use super::support::CharCursor;
use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

const PUNCTUATION: [char; 7] = [',', ';', '.', '，', '；', '。', '、'];

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let language = ctx.language();
    if !language.has_marker_placement() {
        return;
    }
    let before = language.marker_before_punctuation();
    let mut text = CharCursor::new(ctx.doc.text().rope());
    let mut seen = None;
    for site in &ctx.analysis.footnotes.refs {
        if site.in_footnote || seen == Some(site.marker_range.clone()) {
            continue;
        }
        seen = Some(site.marker_range.clone());
        let marker = site.marker_range.clone();
        // Where the marker goes: before the mark (French, Spanish) or after it (English).
        let (mark, side, insert_at) = if before {
            let Some(mark) = ctx
                .char_before(marker.start)
                .filter(|c| PUNCTUATION.contains(c))
            else {
                continue;
            };
            (
                mark,
                "before",
                // Before the space that French sets before `;` and `:` (`États<sup>8</sup> ;`).
                ctx.spaces_before(marker.start - mark.len_utf8()),
            )
        } else {
            let Some(mark) = text.char_at(marker.end).filter(|c| PUNCTUATION.contains(c)) else {
                continue;
            };
            (mark, "after", marker.end + mark.len_utf8())
        };
        let marker_text = ctx.text(marker.clone());
        let edits = vec![
            Edit::delete(marker.clone()),
            Edit::insert(insert_at, marker_text.clone()),
        ];
        let mut d = ctx.diagnostic(
            "footnote-placement",
            marker,
            format!(
                "footnote marker {marker_text} goes {side} the punctuation in {} (“{mark}”)",
                language.name()
            ),
        );
        d.fix = Some(Fix::safe("Move the footnote marker", edits));
        out.push(d);
    }
}
