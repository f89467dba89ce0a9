//! ## opener-misplaced (warning)
//!
//! Reports a paragraph in the wrong part of the draft: an operative paragraph left in the
//! preamble (`1. *Requests* …;` before the operative part begins, or an operative opener such as
//! `*Requests*` there), or a preambular one among the operative paragraphs (`*Recalling* …,` or
//! `3. *Recalling* …`).
//!
//! Where the operative part begins is read from every paragraph's own form (its number, its
//! opener, its closing mark): one paragraph that disagrees with the paragraphs around it is
//! reported here, once, and the rest of the draft is read as if it were not there. Its own
//! punctuation and number are left alone (they fit the part it belongs to).
//!
//! **Why it matters:** preambular paragraphs state reasons and operative paragraphs act; an
//! operative paragraph in the preamble (or a preambular one among the operative paragraphs)
//! usually means a paragraph was moved, or its number lost.
//!
//! **Fires:** `1. *Requests* the Secretary-General to submit a report;` between two preambular
//! paragraphs; `*Requests* the Secretary-General to report,` before `1. …`.
//!
//! **Silent:** `*Recalling* its resolution 60/288,` in the preamble; `1. *Requests* …;` after
//! it, followed by the other operative paragraphs.
//!
//! No fix: whether to move the paragraph or reword it is the drafter's call.

use super::support::OpenerSite;
use super::Context;
use crate::analysis::Part;
use crate::diagnostic::Diagnostic;
use crate::lang::OpenerKind;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.opener_sites() {
        if site.misplaced {
            out.push(stray(ctx, &site));
            continue;
        }
        let Some(run) = &site.paragraph.opener else {
            continue;
        };
        let message = match (site.part, site.opener_listed) {
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

/// A paragraph whose own form says it belongs to the other part, reported at its opener (its
/// number when it has no opener that can be told).
fn stray(ctx: &Context, site: &OpenerSite) -> Diagnostic {
    let p = site.paragraph;
    let block = ctx.block(site.block);
    let (range, words) = match (p.opener.as_ref().or(p.bold.as_deref()), &p.number) {
        (Some(run), _) => (block.abs(&run.range), Some(run.text.trim().to_owned())),
        (None, number) => match ctx.analysis.phrases.longest_prefix(&ctx.lead(site.block)) {
            Some(m) => {
                let start = block.start + p.lead_start() as usize;
                (
                    start..start + m.len,
                    Some(ctx.lead(site.block)[..m.len].to_owned()),
                )
            }
            None => match number {
                Some(n) => (block.abs(&n.digits), None),
                None => {
                    let start = block.start + p.content_start as usize;
                    (start..start, None)
                }
            },
        },
    };
    let named = words.map_or_else(String::new, |w| format!(" (“{w}”)"));
    let message = match site.part {
        Part::Preamble => format!(
            "operative paragraph{named} in the preamble: move it to the operative part, or make it \
             preambular"
        ),
        Part::Operative => format!(
            "preambular paragraph{named} among the operative paragraphs: move it to the preamble, \
             or make it operative"
        ),
    };
    ctx.diagnostic("opener-misplaced", range, message)
}
