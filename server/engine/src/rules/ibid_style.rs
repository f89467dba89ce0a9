//! ## ibid-style (warning)
//!
//! Reports an Ibid. written differently from the rest of the draft: `*Ibid.*` against `Ibid.`, or
//! a malformed `Ibid` (no full stop) or `ibid.` (lower case) at the start of a footnote. The
//! draft's dominant form wins (italic on a tie) unless `ibid-form = "italic"` or `"roman"` in
//! `resolution-ls.toml` fixes it.
//!
//! **Why it matters:** one document, one style: the editors will make every Ibid. alike, and a
//! mixed set is a sign of text pasted from elsewhere.
//!
//! **Fires:** `<sup>12</sup> Ibid., vol. 1582, No. 27627.` in a draft whose other Ibid.s are
//! `*Ibid.*`.
//!
//! **Silent:** every Ibid. of the draft written `*Ibid.*`.
//!
//! **Fix:** rewrites every Ibid. of the draft in the chosen form (one fix for all).

use super::support::{footnote_name, ibid_text, ibid_tokens, key_of, preferred_ibid_italic};
use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let italic = preferred_ibid_italic(ctx);
    let wanted = ibid_text(ctx, italic);
    let wrong: Vec<_> = ibid_tokens(ctx)
        .filter(|(_, token)| !(token.well_formed && token.italic == italic))
        .map(|(block, token)| (block, ctx.block(block).abs(&token.range)))
        .collect();
    if wrong.is_empty() {
        return;
    }
    let fix = Fix {
        title: format!("Write every Ibid. as {wanted}"),
        edits: wrong
            .iter()
            .map(|(_, range)| Edit::replace(range.clone(), wanted.clone()))
            .collect::<Vec<_>>()
            .into(),
    };
    let form = if italic { "in italics" } else { "in roman" };
    for (block, range) in wrong {
        let written = ctx.text(range.clone());
        let name = key_of(ctx, block).map_or_else(String::new, footnote_name);
        let mut d = ctx.diagnostic(
            "ibid-style",
            range,
            format!("“{written}” in {name} should be written {wanted} ({form}, as in the rest of this draft)"),
        );
        d.fix = Some(fix.clone());
        out.push(d);
    }
}
