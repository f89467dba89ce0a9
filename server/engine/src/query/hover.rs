//! Hover text: what a footnote marker, a footnote definition, an Ibid. or an opener stands for, as
//! Markdown, with the range it describes. Shared by the language server's hover and the web
//! playground, so both say the same thing.

use std::ops::Range;

use crate::analysis::{Analysis, Part};
use crate::document::Document;
use crate::lang::{Language, OpenerKind};
use crate::syntax::FootnoteKey;
use crate::text::Encoding;

use super::{DefinitionAt, IbidAt, IbidResolution, OpenerAt, Target};

/// What a hover shows: Markdown, and the byte range it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverText {
    pub markdown: String,
    pub range: Range<usize>,
}

/// The hover text of what stands at `offset`, if anything does.
pub fn hover(doc: &Document, analysis: &Analysis, offset: usize) -> Option<HoverText> {
    let (markdown, range) = match super::at(doc, analysis, offset)? {
        Target::Reference(r) => {
            let mut value = format!("**{}**\n\n", title(&r.key));
            match analysis.footnotes.definition(&r.key) {
                Some(def) => {
                    let text = super::definition_text(doc, analysis, def.block)?;
                    value.push_str(&text);
                    if let Some(ibid) = super::ibid_of(doc, analysis, def.block) {
                        value.push_str("\n\n---\n\n");
                        value.push_str(&describe_ibid(&ibid));
                    }
                }
                None => value.push_str("Not defined anywhere in this document."),
            }
            (value, r.marker_range)
        }
        Target::Definition(d) => (describe_definition(doc, analysis, &d), d.marker_range),
        Target::Ibid(ibid) => (describe_ibid(&ibid), ibid.token_range.clone()),
        Target::Opener(o) => (describe_opener(&o, analysis.language), o.range.clone()),
    };
    Some(HoverText { markdown, range })
}

/// `Footnote 7`, `Footnote \[^note\]`.
fn title(key: &FootnoteKey) -> String {
    match key {
        FootnoteKey::Number(n) => format!("Footnote {n}"),
        FootnoteKey::Label(l) => format!("Footnote \\[^{}\\]", escape(l)),
    }
}

/// `footnote 7`, `footnote [^note]` in running text.
fn name(key: &FootnoteKey) -> String {
    match key {
        FootnoteKey::Number(n) => format!("footnote {n}"),
        FootnoteKey::Label(l) => format!("footnote `[^{l}]`"),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn describe_definition(doc: &Document, analysis: &Analysis, d: &DefinitionAt) -> String {
    let text = doc.text();
    let mut lines: Vec<usize> = analysis
        .footnotes
        .refs
        .iter()
        .filter(|r| r.key == d.key)
        .map(|r| text.position(r.marker_range.start, Encoding::Utf8).line + 1)
        .collect();
    lines.dedup();
    let count = match d.references {
        0 => return format!("**{}** is never referenced.", title(&d.key)),
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    };
    let on = match lines.as_slice() {
        [one] => format!("line {one}"),
        [init @ .., last] => format!(
            "lines {} and {last}",
            init.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [] => String::new(),
    };
    format!("**{}** is referenced {count} ({on}).", title(&d.key))
}

fn describe_ibid(ibid: &IbidAt) -> String {
    let this = name(&ibid.key);
    let via = if ibid.via.is_empty() {
        String::new()
    } else {
        let keys: Vec<String> = ibid.via.iter().map(|k| k.to_string()).collect();
        format!(
            " (through {} {})",
            if keys.len() == 1 {
                "footnote"
            } else {
                "footnotes"
            },
            join_and(&keys)
        )
    };
    match &ibid.resolution {
        IbidResolution::Source { key, text, .. } => format!(
            "**Ibid.** in {this} resolves to {}, head of the chain{via}:\n\n{}",
            name(key),
            quote(text)
        ),
        IbidResolution::NoAntecedent => format!(
            "**Ibid.** in {this} resolves to nothing: it is the first footnote in reading order, so no citation comes before it."
        ),
        IbidResolution::AfterNote { key, text, .. } => format!(
            "**Ibid.** in {this} resolves to nothing: {}, head of the chain{via}, is a note, not a citation:\n\n{}",
            name(key),
            quote(text)
        ),
        IbidResolution::AfterMultiple { key, text, .. } => format!(
            "**Ibid.** in {this} resolves to nothing certain: {}, head of the chain{via}, cites several works:\n\n{}",
            name(key),
            quote(text)
        ),
        IbidResolution::AfterUndefined { key } => format!(
            "**Ibid.** in {this} resolves to nothing yet: {}, the footnote before it in reading order, is never defined.",
            name(key)
        ),
        IbidResolution::Unreferenced => format!(
            "**Ibid.** in {this} resolves to nothing: {this} is never referenced, so it has no place in the reading order."
        ),
        IbidResolution::Duplicate => format!(
            "**Ibid.** here resolves to nothing: this is a second definition of {this}, and only the first one counts."
        ),
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A footnote's text as a Markdown block quote.
fn quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim().is_empty() {
                ">".to_owned()
            } else {
                format!("> {}", l.trim())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn describe_opener(o: &OpenerAt, language: Language) -> String {
    let opener = format!("*{}*", escape(&o.text));
    let what = match o.kind {
        Some(OpenerKind::Preambular) => format!("{opener} is a **preambular** opener"),
        Some(OpenerKind::Operative) => format!("{opener} is an **operative** opener"),
        Some(OpenerKind::Either) => {
            format!("{opener} is both a **preambular** and an **operative** opener")
        }
        None => format!(
            "{opener} is not in the {} phrase lists (add it under `[phrases]` in resolution-ls.toml if it is right)",
            language.name()
        ),
    };
    let place = match (&o.sub_label, o.number, o.part) {
        (Some(label), _, Part::Preamble) => {
            format!("sub-paragraph ({label}) is in the **preamble**")
        }
        (Some(label), _, Part::Operative) => {
            format!("sub-paragraph ({label}) is in the **operative part**")
        }
        (None, Some(n), Part::Operative) => {
            format!("this is operative paragraph {n}, in the **operative part**")
        }
        (None, _, Part::Preamble) => "this paragraph is in the **preamble**".to_owned(),
        (None, _, Part::Operative) => "this paragraph is in the **operative part**".to_owned(),
    };
    let misplaced = match (o.kind, o.part) {
        (Some(OpenerKind::Operative), Part::Preamble) => {
            " An operative opener does not belong in the preamble."
        }
        (Some(OpenerKind::Preambular), Part::Operative) => {
            " A preambular opener does not belong in the operative part."
        }
        _ => "",
    };
    format!("{what}; {place}.{misplaced}")
}
