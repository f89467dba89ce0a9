//! ## page-break (warning)
//!
//! In a draft with pages (`---` lines), reports a footnote block with no page break before it
//! (footnote definitions right after running text, as when a `---` was deleted), and a page break
//! that repeats the one before it with nothing between. The draft is read as if the break were
//! there (or there once), so the footnotes and the paragraph cut by the break are read as they
//! should be and nothing else is reported.
//!
//! **Why it matters:** in a paged draft the footnote block closes its page; without its break the
//! footnotes read as text of the page, and a doubled break makes an empty page that puts every
//! later footnote on the wrong page.
//!
//! **Fires:**
//! ```markdown
//! *Recalling* its resolution 60/288,<sup>1</sup>
//!
//! <sup>1</sup> General Assembly resolution 60/288.
//!
//! <sup>2</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.
//!
//! the rest of the sentence cut by the page …
//! ```
//! in a draft with other `---` lines; and `---` twice in a row.
//!
//! **Silent:** `---` before the first definition; one definition alone after its paragraph,
//! which `footnote-page` reports as a definition in the wrong place.
//!
//! **Fix** (safe): inserts the page break before the footnote block, or deletes the repeated one.

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let structure = &ctx.analysis.structure;
    for &i in &structure.missing_breaks {
        let block = ctx.block(i);
        let Some(def) = block.footnote_def() else {
            continue;
        };
        let page = structure.pages[i];
        let mut d = ctx.diagnostic(
            "page-break",
            block.abs(&def.marker_range),
            format!("the footnotes of page {page} have no page break (`---`) before them"),
        );
        d.fix = Some(Fix::safe(
            "Insert the page break",
            vec![Edit::insert(block.start, "---\n\n")],
        ));
        out.push(d);
    }
    for &i in &structure.repeated_breaks {
        let blocks = ctx.blocks();
        let block = &blocks[i];
        let mut d = ctx.diagnostic(
            "page-break",
            block.range(),
            "page break repeated with nothing between: one page ends here, not two".to_owned(),
        );
        // The line and the blank lines after it, up to the next block (or, at the very end, from
        // the end of the block before).
        let delete = match blocks.get(i + 1) {
            Some(next) => block.start..next.start,
            None => i.checked_sub(1).map_or(0, |p| blocks[p].end())..block.end(),
        };
        d.fix = Some(Fix::safe(
            "Delete the repeated page break",
            vec![Edit::delete(delete)],
        ));
        out.push(d);
    }
}
