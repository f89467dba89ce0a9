//! ## opener-unknown (hint)
//!
//! Reports an italic opener that is in no phrase list. Add your own phrases under `[phrases]` in
//! `resolution-ls.toml` (`preambular = [...]`, `operative = [...]`).
//!
//! **Why it matters:** openers come from a settled stock of phrases; an unknown one is often a
//! typo (`*Recaling*`) or a phrase the editors will query.
//!
//! **Fires:** `*Recaling* its resolution 60/288,`
//!
//! **Silent:** `*Recalling* its resolution 60/288,`; `*Also calls upon* States …`; a partial opener
//! (`*Calls* upon`), which `opener-partial` reports instead.
//!
//! No fix.

use super::opener_partial::partial_opener;
use super::Context;
use crate::analysis::Part;
use crate::diagnostic::Diagnostic;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.opener_sites() {
        let Some(run) = &site.paragraph.opener else {
            continue;
        };
        if site.opener_listed.is_some() || partial_opener(ctx, &site).is_some() {
            continue;
        }
        let list = match site.part {
            Part::Preamble => "preambular",
            Part::Operative => "operative",
        };
        let range = ctx.block(site.block).abs(&run.range);
        out.push(ctx.diagnostic(
            "opener-unknown",
            range,
            format!("“{}” is not a known {list} opener; add it under [phrases] in resolution-ls.toml if it is right", run.text.trim()),
        ));
    }
}
