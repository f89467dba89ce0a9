//! ## opener-misplaced (warning)
//!
//! Reports an operative opener in the preamble (`*Requests*` before paragraph 1) or a preambular
//! one in the operative part (`3. *Recalling* …`).
//!
//! **Why it matters:** preambular paragraphs state reasons and operative paragraphs act; an
//! operative verb in the preamble (or a participle among the operative paragraphs) usually means
//! a paragraph was moved, or its number lost.
//!
//! **Fires:** `*Requests* the Secretary-General to report,` before `1. …`.
//!
//! **Silent:** `*Recalling* its resolution 60/288,` in the preamble; `1. *Requests* …;`.
//!
//! No fix: whether to move the paragraph or reword it is the drafter's call.

use super::Context;
use crate::analysis::Part;
use crate::diagnostic::Diagnostic;
use crate::lang::OpenerKind;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.opener_sites() {
        let Some(run) = &site.paragraph.opener else {
            continue;
        };
        let message = match (site.part, ctx.analysis.phrases.classify(&run.text)) {
            (Part::Preamble, Some(OpenerKind::Operative)) => {
                "operative opener “{}” in the preamble"
            }
            (Part::Operative, Some(OpenerKind::Preambular)) => {
                "preambular opener “{}” in the operative part"
            }
            _ => continue,
        };
        let range = ctx.block(site.block).abs(&run.range);
        out.push(ctx.diagnostic(
            "opener-misplaced",
            range,
            message.replace("{}", run.text.trim()),
        ));
    }
}
