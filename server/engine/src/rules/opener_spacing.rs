//! ## opener-spacing (warning)
//!
//! Reports a space inside the emphasis of an opener: `*Expressing its appreciation *to`.
//!
//! **Why it matters:** Markdown does not close emphasis after a space, so the rest of the paragraph
//! may come out in italics, and the printed opener is wrong either way.
//!
//! **Fires:** `*Expressing its appreciation *to the Secretary-General,`
//!
//! **Silent:** `*Expressing its appreciation* to the Secretary-General,`
//!
//! **Fix** (safe): moves the space out of the emphasis.

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.opener_sites() {
        let Some(run) = &site.paragraph.opener else {
            continue;
        };
        let trimmed = run.text.trim();
        if trimmed.len() == run.text.len() || trimmed.is_empty() {
            continue;
        }
        let block = ctx.block(site.block);
        let range = block.abs(&run.range);
        // Spaces move out on their own side; one after the closing delimiter keeps the next word
        // apart unless a space already follows.
        let leading = &run.text[..run.text.len() - run.text.trim_start().len()];
        let had_trailing = run.text.trim_end().len() < run.text.len();
        let followed_by_space = ctx.char_at(range.end).is_none_or(char::is_whitespace);
        let trailing = if had_trailing && !followed_by_space {
            " "
        } else {
            ""
        };
        let delimiter = run.delimiter;
        let replacement = format!("{leading}{delimiter}{trimmed}{delimiter}{trailing}");
        let mut d = ctx.diagnostic(
            "opener-spacing",
            range.clone(),
            format!("space inside the emphasis of the opener “{trimmed}”"),
        );
        d.fix = Some(Fix::safe(
            "Move the space out of the emphasis",
            vec![Edit::replace(range, replacement)],
        ));
        out.push(d);
    }
}
