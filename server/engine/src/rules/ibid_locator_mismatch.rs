//! ## ibid-locator-mismatch (warning)
//!
//! Reports an Ibid. whose locator does not fit the source it resolves to: `vol. N, No. N` fits
//! only the United Nations *Treaty Series*. This catches the chain that a newly inserted footnote
//! broke, reported once, at the first Ibid. that no longer fits (the ones after it follow it). An
//! Ibid. after a footnote that is referenced but not defined is not reported: `footnote-undefined`
//! says what is wrong.
//!
//! **Why it matters:** after a footnote is inserted, the Ibid. below it silently changes meaning;
//! the reader is sent to "vol. 976" of a General Assembly resolution.
//!
//! **Fires:**
//! ```markdown
//! <sup>2</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.
//!
//! <sup>3</sup> General Assembly resolution 60/288.
//!
//! <sup>4</sup> *Ibid.*, vol. 976, No. 14152.
//! ```
//!
//! **Silent:** footnote 4 right after footnote 2 (`<sup>3</sup> *Ibid.*, vol. 976, No. 14152.` after
//! the *Treaty Series* citation).
//!
//! **Fix** (unsafe: it rewrites a citation): replaces the Ibid. with the *Treaty Series* citation
//! of the nearest footnote before that cites it.

use std::sync::LazyLock;

use regex::Regex;

use super::support::{definition_marker, footnote_name, key_of};
use super::Context;
use crate::analysis::IbidStatus;
use crate::diagnostic::{Diagnostic, Edit, Fix, Related};

/// `vol. 976, No. 14152` (`no`, `núm.` in French and Spanish).
static TREATY_LOCATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bvols?\.\s*[\d, and]+,\s*(?:No\.|n[o°º]|núm\.)\s*\d+").unwrap());
/// The same in Russian, Arabic and Chinese; only non-ASCII locators are searched for it.
static TREATY_LOCATOR_BEYOND_ASCII: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"т\.\s*\d+,\s*№\s*\d+|المجلد\s*\d+،\s*الرقم\s*\d+|第\s*\d+\s*卷，\s*第\s*\d+\s*号")
        .unwrap()
});

fn is_treaty_locator(locator: &str) -> bool {
    TREATY_LOCATOR.is_match(locator)
        || !locator.is_ascii() && TREATY_LOCATOR_BEYOND_ASCII.is_match(locator)
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_footnotes(ctx, 0..ctx.analysis.ibid.order.len(), out);
}

/// The footnotes at `positions` in reading order (see `Scope::IbidEachFootnote`).
pub fn check_footnotes(
    ctx: &Context,
    positions: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let order = &ctx.analysis.ibid.order;
    for link in ctx.analysis.ibid.links_in(positions) {
        let IbidStatus::Resolved { source } = link.status else {
            continue;
        };
        let block = ctx.block(link.block);
        let Some(def) = block.footnote_def() else {
            continue;
        };
        let (Some(token), Some(locator)) = (def.body.ibid(), &def.body.locator) else {
            continue;
        };
        let source_block = ctx.block(source);
        let Some(source_body) = source_block.footnote_def().map(|d| &d.body) else {
            continue;
        };
        if !is_treaty_locator(locator) || source_body.is_treaty_series(source_block, ctx.doc.text())
        {
            continue;
        }
        // The chain broke once, at the first Ibid. that gives the locator: the ones after it are
        // right again when it is.
        let reported_before = link
            .previous
            .and_then(|b| ctx.analysis.ibid.link_of(b))
            .is_some_and(|previous| {
                previous.status == link.status
                    && ctx
                        .block(previous.block)
                        .footnote_def()
                        .and_then(|d| d.body.locator.as_deref())
                        .is_some_and(is_treaty_locator)
            });
        if reported_before {
            continue;
        }
        let name = key_of(ctx, link.block).map_or_else(String::new, footnote_name);
        let source_name = key_of(ctx, source).map_or_else(String::new, footnote_name);
        let mut d = ctx.diagnostic(
            "ibid-locator-mismatch",
            block.abs(&token.range),
            format!("Ibid. in {name} gives a Treaty Series locator, but its source, {source_name}, is not the Treaty Series"),
        );
        d.related.push(Related {
            range: definition_marker(ctx, source),
            message: format!("{source_name}: the source this Ibid. resolves to"),
        });
        let position = ctx.analysis.ibid.position_of(link.block).unwrap_or(0);
        let treaty = order[..position]
            .iter()
            .rev()
            .map(|(_, b)| ctx.block(*b))
            .find_map(|b| {
                let def = b.footnote_def()?;
                let text = ctx.doc.text();
                (def.body.ibid().is_none() && def.body.is_treaty_series(b, text))
                    .then(|| def.body.work(b, text))
            });
        if let Some(work) = treaty {
            d.fix = Some(Fix::unsafe_(
                "Replace Ibid. with the Treaty Series citation",
                vec![Edit::replace(block.abs(&token.range), work)],
            ));
        }
        out.push(d);
    }
}
