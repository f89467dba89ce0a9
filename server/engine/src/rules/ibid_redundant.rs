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
//! **Fix:** replaces the repeated work with Ibid. in the draft's form, keeping the locator.

use super::support::{definition_marker, footnote_name, ibid_text, key_of, preferred_ibid_italic};
use super::Context;
use crate::analysis::IbidStatus;
use crate::diagnostic::{Diagnostic, Edit, Fix, Related};
use crate::syntax::CitationKind;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let order = &ctx.analysis.ibid.order;
    let links = &ctx.analysis.ibid.links;
    let mut wanted = None;
    for pair in order.windows(2) {
        let [(_, previous), (key, current)] = pair else {
            continue;
        };
        // The source the previous footnote stands for: itself, or what its Ibid. resolves to.
        let source = match links
            .iter()
            .find(|l| l.block == *previous)
            .map(|l| &l.status)
        {
            Some(IbidStatus::Resolved { source }) => *source,
            Some(_) => continue,
            None => *previous,
        };
        let (Some(source_def), Some(current_def)) = (
            ctx.block(source).footnote_def(),
            ctx.block(*current).footnote_def(),
        ) else {
            continue;
        };
        let (source_body, body) = (&source_def.body, &current_def.body);
        if body.kind != (CitationKind::Citation { multiple: false })
            || source_body.kind != (CitationKind::Citation { multiple: false })
            || body.work != source_body.work
            || (body.locator.is_none() && body.normalized != source_body.normalized)
        {
            continue;
        }
        let ibid = wanted
            .get_or_insert_with(|| ibid_text(ctx, preferred_ibid_italic(ctx)))
            .clone();
        let replacement = match &body.locator {
            Some(locator) if body.normalized != source_body.normalized => {
                format!("{ibid}, {locator}.")
            }
            _ => ibid.clone(),
        };
        let block = ctx.block(*current);
        let name = footnote_name(key);
        let source_name = key_of(ctx, source).map_or_else(String::new, footnote_name);
        let mut d = ctx.diagnostic(
            "ibid-redundant",
            block.abs(&body.range),
            format!("{name} repeats the citation of {source_name}; Ibid. would do"),
        );
        d.related.push(Related {
            range: definition_marker(ctx, source),
            message: format!("{source_name} cites the same work"),
        });
        d.fix = Some(Fix {
            title: format!("Replace with {ibid}"),
            edits: vec![Edit::replace(block.abs(&body.range), replacement)],
        });
        out.push(d);
    }
}
