//! Hover, go to definition, references, document highlight and rename of footnotes.

use resolution_engine::analysis::{Analysis, Part};
use resolution_engine::lang::{Language, OpenerKind};
use resolution_engine::query::{
    self, DefinitionAt, FootnoteSites, IbidAt, IbidResolution, OpenerAt, Target,
};
use resolution_engine::syntax::FootnoteKey;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

use super::convert;
use super::state::Snapshot;

/// A snapshot's analysis and what stands at a client position.
struct At {
    analysis: Analysis,
    target: Option<Target>,
}

fn at(snapshot: &Snapshot, position: Position) -> At {
    let doc = &snapshot.doc;
    let analysis = Analysis::new(doc, &snapshot.config, snapshot.path.as_deref());
    let offset = convert::offset(doc.text(), position, snapshot.encoding);
    let target = query::at(doc, &analysis, offset);
    At { analysis, target }
}

fn range(snapshot: &Snapshot, r: std::ops::Range<usize>) -> Range {
    convert::range(snapshot.doc.text(), r, snapshot.encoding)
}

fn location(snapshot: &Snapshot, r: std::ops::Range<usize>) -> Location {
    Location::new(snapshot.uri.clone(), range(snapshot, r))
}

/// The footnote a position is on: a reference or a definition marker.
fn footnote_key(target: &Option<Target>) -> Option<&FootnoteKey> {
    match target {
        Some(Target::Reference(r)) => Some(&r.key),
        Some(Target::Definition(d)) => Some(&d.key),
        _ => None,
    }
}

pub fn hover(snapshot: &Snapshot, position: Position) -> Option<Hover> {
    let At { analysis, target } = at(snapshot, position);
    let doc = &snapshot.doc;
    let (value, hover_range) = match target? {
        Target::Reference(r) => {
            let mut value = format!("**{}**\n\n", title(&r.key));
            match analysis.footnotes.definition(&r.key) {
                Some(def) => {
                    let text = query::definition_text(doc, &analysis, def.block)?;
                    value.push_str(&text);
                    if let Some(ibid) = query::ibid_of(doc, &analysis, def.block) {
                        value.push_str("\n\n---\n\n");
                        value.push_str(&describe_ibid(&ibid));
                    }
                }
                None => value.push_str("Not defined anywhere in this document."),
            }
            (value, r.marker_range)
        }
        Target::Definition(d) => (describe_definition(snapshot, &analysis, &d), d.marker_range),
        Target::Ibid(ibid) => (describe_ibid(&ibid), ibid.token_range.clone()),
        Target::Opener(o) => (describe_opener(&o, analysis.language), o.range.clone()),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range(snapshot, hover_range)),
    })
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

fn describe_definition(snapshot: &Snapshot, analysis: &Analysis, d: &DefinitionAt) -> String {
    let text = snapshot.doc.text();
    let mut lines: Vec<u32> = analysis
        .footnotes
        .refs
        .iter()
        .filter(|r| r.key == d.key)
        .map(|r| convert::position(text, r.marker_range.start, snapshot.encoding).line + 1)
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
                .map(u32::to_string)
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

fn sites(snapshot: &Snapshot, analysis: &Analysis, key: &FootnoteKey) -> FootnoteSites {
    query::footnote_sites(&snapshot.doc, analysis, key)
}

pub fn definition(snapshot: &Snapshot, position: Position) -> Option<GotoDefinitionResponse> {
    let At { analysis, target } = at(snapshot, position);
    let definitions = match target? {
        Target::Reference(r) => sites(snapshot, &analysis, &r.key).definitions,
        Target::Definition(d) => vec![d.marker_range],
        // An Ibid. leads to the citation it stands for.
        Target::Ibid(ibid) => match ibid.resolution {
            IbidResolution::Source { key, .. }
            | IbidResolution::AfterNote { key, .. }
            | IbidResolution::AfterMultiple { key, .. } => {
                sites(snapshot, &analysis, &key).definitions
            }
            _ => Vec::new(),
        },
        Target::Opener(_) => Vec::new(),
    };
    let mut locations: Vec<Location> = definitions
        .into_iter()
        .map(|r| location(snapshot, r))
        .collect();
    match locations.len() {
        0 => None,
        1 => locations.pop().map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    }
}

pub fn references(
    snapshot: &Snapshot,
    position: Position,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let At { analysis, target } = at(snapshot, position);
    let key = footnote_key(&target)?;
    let sites = sites(snapshot, &analysis, key);
    let mut ranges = sites.references;
    if include_declaration {
        ranges.extend(sites.definitions);
    }
    ranges.sort_by_key(|r| r.start);
    Some(ranges.into_iter().map(|r| location(snapshot, r)).collect())
}

pub fn highlights(snapshot: &Snapshot, position: Position) -> Option<Vec<DocumentHighlight>> {
    let At { analysis, target } = at(snapshot, position);
    let key = footnote_key(&target)?;
    let sites = sites(snapshot, &analysis, key);
    let read = sites
        .references
        .into_iter()
        .map(|r| (r, DocumentHighlightKind::READ));
    let write = sites
        .definitions
        .into_iter()
        .map(|r| (r, DocumentHighlightKind::WRITE));
    let mut all: Vec<_> = read.chain(write).collect();
    all.sort_by_key(|(r, _)| r.start);
    Some(
        all.into_iter()
            .map(|(r, kind)| DocumentHighlight {
                range: range(snapshot, r),
                kind: Some(kind),
            })
            .collect(),
    )
}

/// The number or label under the cursor, whether on a reference or a definition.
fn label(target: &Option<Target>) -> Option<(&FootnoteKey, std::ops::Range<usize>)> {
    match target {
        Some(Target::Reference(r)) => Some((&r.key, r.label_range.clone())),
        Some(Target::Definition(d)) => Some((&d.key, d.label_range.clone())),
        _ => None,
    }
}

pub fn prepare_rename(snapshot: &Snapshot, position: Position) -> Option<PrepareRenameResponse> {
    let At { target, .. } = at(snapshot, position);
    let (_, label) = label(&target)?;
    let placeholder = snapshot.doc.text().slice(label.clone());
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: range(snapshot, label),
        placeholder,
    })
}

pub fn rename(
    snapshot: &Snapshot,
    position: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>> {
    let At { analysis, target } = at(snapshot, position);
    let Some((key, _)) = label(&target) else {
        return Err(invalid_params(
            "there is no footnote here to rename: put the cursor on a footnote's number or label"
                .to_owned(),
        ));
    };
    let edits = query::rename_footnote(&snapshot.doc, &analysis, key, new_name)
        .map_err(|e| invalid_params(e.to_string()))?;
    let edits = convert::text_edits(snapshot.doc.text(), &edits, snapshot.encoding);
    Ok(Some(WorkspaceEdit {
        changes: Some([(snapshot.uri.clone(), edits)].into_iter().collect()),
        ..WorkspaceEdit::default()
    }))
}

fn invalid_params(message: String) -> Error {
    Error {
        code: ErrorCode::InvalidParams,
        message: message.into(),
        data: None,
    }
}
