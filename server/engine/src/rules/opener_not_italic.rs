//! ## opener-not-italic (warning)
//!
//! Reports a preambular or operative paragraph whose opener is not in italics.
//!
//! **Why it matters:** the italic opener is how a reader (and the editors) tell the paragraphs of a
//! resolution apart at a glance; a roman one reads as running text.
//!
//! **Fires:** `Recalling its resolution 60/288,` and `3. Requests the Secretary-General …;`; an
//! opener in bold, `**Recalling** its resolution 60/288,` (bold is not italic).
//!
//! **Silent:** `*Recalling* its resolution 60/288,`; a continuation after a page break
//! (`the World Drug Problem, …`), which has no opener.
//!
//! **Fix:** italicizes the opener: the longest known phrase at the start (safe), else the first
//! word (unsafe: where an unknown opener ends is a guess); a bold opener becomes italic.

use super::Context;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::syntax::ItalicRun;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.opener_sites() {
        let p = site.paragraph;
        if p.opener.is_some() {
            continue;
        }
        if let Some(bold) = &p.bold {
            out.push(in_bold(ctx, site.block, bold));
            continue;
        }
        // A known phrase is italicized whole; otherwise the first word is a guess, made only when
        // asked (`--unsafe-fixes`, or picked in the editor).
        let lead = ctx.lead(site.block);
        let (len, known) = match ctx.analysis.phrases.longest_prefix(&lead) {
            Some(m) => (m.len, true),
            // Without spaces between words, where an unknown opener ends is anyone's guess.
            None if ctx.analysis.phrases.is_solid() => continue,
            None => {
                let word = lead.split(char::is_whitespace).next().unwrap_or("");
                let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
                if !word.chars().next().is_some_and(char::is_alphabetic) {
                    continue;
                }
                (word.len(), false)
            }
        };
        let block = ctx.block(site.block);
        let start = block.start + p.lead_start() as usize;
        let phrase = &lead[..len];
        let mut d = ctx.diagnostic(
            "opener-not-italic",
            start..start + len,
            format!("opener “{phrase}” is not in italics"),
        );
        d.fix = Some(Fix::safe_if(
            known,
            format!("Italicize “{phrase}”"),
            vec![Edit::insert(start, "*"), Edit::insert(start + len, "*")],
        ));
        out.push(d);
    }
}

/// An opener in bold: `**Recalling**` is emphasis, but not the italics of an opener. Turning it
/// into italics is safe when it is a known phrase.
fn in_bold(ctx: &Context, block: usize, bold: &ItalicRun) -> Diagnostic {
    let range = ctx.block(block).abs(&bold.range);
    let phrase = bold.text.trim();
    let mut d = ctx.diagnostic(
        "opener-not-italic",
        range.clone(),
        format!("opener “{phrase}” is in bold, not in italics"),
    );
    let known = ctx.analysis.phrases.classify(&bold.text).is_some();
    d.fix = Some(Fix::safe_if(
        known,
        format!("Italicize “{phrase}” instead"),
        vec![Edit::replace(range, format!("*{}*", bold.text))],
    ));
    d
}
