//! ## ibid-redundant (hint)
//!
//! Reports a footnote that repeats the full citation of the footnote before it (or of the source
//! an Ibid. before it stands for), where Ibid. would do.
//!
//! **Why it matters:** UN style cites a source in full once and uses Ibid. for the footnotes that
//! follow it directly; a repeated full citation is longer and hides that the source is the same.
//!
//! **Fires:**
//! ```markdown
//! <sup>2</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.
//!
//! <sup>3</sup> United Nations, *Treaty Series*, vol. 976, No. 14152.
//! ```
//!
//! **Silent:** `<sup>3</sup> *Ibid.*, vol. 976, No. 14152.`; the same citation after a different
//! footnote.
//!
//! **Fix** (unsafe: it rewrites a citation): replaces the repeated work with Ibid. in the draft's form, keeping the locator.

use super::support::refactoring::repeated_citation;
use super::support::{definition_marker, footnote_name, ibid_text, key_of, preferred_ibid_italic};
use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix, Related};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_footnotes(ctx, 0..ctx.analysis.ibid.order.len(), out);
}

/// The footnotes at `positions` in reading order (see `Scope::IbidEachFootnote`).
pub fn check_footnotes(
    ctx: &Context,
    positions: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let mut wanted = None;
    let order = &ctx.analysis.ibid.order;
    let positions = positions.start.max(1)..positions.end.min(order.len());
    for (key, current) in order.get(positions).into_iter().flatten() {
        let Some(repeat) = repeated_citation(ctx, *current) else {
            continue;
        };
        let source = repeat.source;
        let ibid = wanted
            .get_or_insert_with(|| ibid_text(ctx, preferred_ibid_italic(ctx)))
            .clone();
        let name = footnote_name(key);
        let source_name = key_of(ctx, source).map_or_else(String::new, footnote_name);
        let mut d = ctx.diagnostic(
            "ibid-redundant",
            repeat.body_range.clone(),
            format!("{name} repeats the citation of {source_name}; Ibid. would do"),
        );
        d.related.push(Related {
            range: definition_marker(ctx, source),
            message: format!("{source_name} cites the same work"),
        });
        d.fix = Some(Fix::unsafe_(
            format!("Replace with {ibid}"),
            vec![Edit::replace(
                repeat.body_range.clone(),
                repeat.replacement(ctx, &ibid),
            )],
        ));
        out.push(d);
    }
}
