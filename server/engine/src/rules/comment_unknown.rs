//! ## comment-unknown (warning)
//!
//! Reports a `<!-- resolution-ls: … -->` comment that the checker does not understand: an unknown
//! verb (`disbale`), an unknown rule id (`disable opener-notitalic`), or a language comment without
//! one of the six codes (`language de`).
//!
//! **Why it matters:** such a comment does nothing, silently: the drafter believes a rule is off,
//! or the draft's language set, when it is not.
//!
//! **Fires:** `<!-- resolution-ls: disable opener-notitalic -->`
//!
//! **Silent:** `<!-- resolution-ls: disable opener-not-italic -->`;
//! `<!-- resolution-ls: language fr -->`; the same text inside fenced code.
//!
//! No fix: what was meant is not determined.

use super::{rule, Context};
use crate::analysis::Role;
use crate::diagnostic::Diagnostic;
use crate::syntax::DirectiveKind;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (i, block) in ctx.blocks().iter().enumerate() {
        if ctx.analysis.structure.roles.get(i) == Some(&Role::Code) {
            continue;
        }
        for directive in &block.directives {
            let range = block.abs(&directive.range);
            if let Some(unknown) = &directive.unknown {
                let message = if unknown.starts_with("language") {
                    format!("“{unknown}” is not a language comment: the codes are ar, en, es, fr, ru and zh")
                } else {
                    format!("“{unknown}” is not a resolution-ls comment: use disable, disable-next-paragraph, enable or language")
                };
                out.push(ctx.diagnostic("comment-unknown", range, message));
                continue;
            }
            if matches!(directive.kind, DirectiveKind::Language(_)) {
                continue;
            }
            for id in directive.rules.iter().filter(|id| rule(id).is_none()) {
                out.push(ctx.diagnostic(
                    "comment-unknown",
                    range.clone(),
                    format!("unknown rule “{id}” (`resolution-ls rules` lists them)"),
                ));
            }
        }
    }
}
