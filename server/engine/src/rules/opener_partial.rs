//! ## opener-partial (warning)
//!
//! Reports italics that cover only part of a known opener (`*Calls* upon`, `*Taking into*
//! account`) when the italic part is not itself a known opener (`*Expresses* its concern` is fine).
//! A trailing preposition stays roman (`*Takes note* of`, `*Greatly concerned* by`).
//!
//! **Why it matters:** the opener is a fixed phrase; italics that stop inside it are a slip of the
//! keyboard that the printed text would keep.
//!
//! **Fires:** `2. *Calls* upon States to …;`
//!
//! **Silent:** `2. *Calls upon* States to …;`, `*Takes note* of the report`.
//!
//! **Fix** (safe): extends the emphasis over the whole phrase.

use super::support::OpenerSite;
use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::syntax::ItalicRun;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.opener_sites() {
        let Some((run, full_len)) = partial_opener(ctx, &site) else {
            continue;
        };
        let p = site.paragraph;
        let block = ctx.block(site.block);
        let phrase_end = block.start + p.lead_start() as usize + (full_len - run.text.len());
        let lead = ctx.lead(site.block);
        let phrase = format!("{}{}", run.text, &lead[..full_len - run.text.len()]);
        let mut d = ctx.diagnostic(
            "opener-partial",
            block.abs(&run.range),
            format!("italics cover only part of the opener “{phrase}”"),
        );
        let delimiter = run.delimiter.to_string();
        d.fix = Some(Fix::safe(
            format!("Italicize all of “{phrase}”"),
            vec![
                Edit::delete(block.abs(&(run.inner().end..run.range.end))),
                Edit::insert(phrase_end, delimiter),
            ],
        ));
        out.push(d);
    }
}

/// The opener run and the length of the known phrase it starts (in its text followed by the
/// paragraph's lead), when the run covers only part of that phrase.
pub fn partial_opener<'p>(ctx: &Context, site: &OpenerSite<'p>) -> Option<(&'p ItalicRun, usize)> {
    let p = site.paragraph;
    let run = p.opener.as_ref()?;
    let phrases = &ctx.analysis.phrases;
    if site.opener_listed.is_some() || run.text.ends_with(char::is_whitespace) {
        return None;
    }
    let joined = format!("{}{}", run.text, ctx.lead(site.block));
    let m = phrases.longest_prefix(&joined)?;
    (m.len > run.text.len()).then_some((run, m.len))
}
