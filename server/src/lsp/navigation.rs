//! Hover, go to definition, references, document highlight and rename of footnotes.

use resolution_engine::analysis::Analysis;
use resolution_engine::query::{self, FootnoteSites, IbidResolution, Target};
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
    let doc = &snapshot.doc;
    let analysis = Analysis::new(doc, &snapshot.config, snapshot.path.as_deref());
    let offset = convert::offset(doc.text(), position, snapshot.encoding);
    let found = query::hover(doc, &analysis, offset)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: found.markdown,
        }),
        range: Some(range(snapshot, found.range)),
    })
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
