//! Document symbols and folding ranges.
//!
//! The outline reads, top to bottom: the title (its subtitle as detail), the organ line, then
//! three groups: "Preamble" with a symbol per preambular paragraph (named by its opener),
//! "Operative part" with `1. Decides` symbols and their sub-paragraphs nested, and "Footnotes"
//! with `7 See Official Records…` symbols. Files that are not drafts get none, so an editor's
//! own Markdown outline stands.

use resolution_engine::analysis::Analysis;
use resolution_engine::query::{self, ItemKind, OutlineItem};
use tower_lsp_server::ls_types::*;

use super::convert;
use super::state::Snapshot;

pub fn document_symbols(snapshot: &Snapshot) -> Option<DocumentSymbolResponse> {
    let doc = &snapshot.doc;
    let analysis = Analysis::new(doc, &snapshot.config, snapshot.path.as_deref());
    if !analysis.is_draft {
        return None;
    }
    let outline = query::outline(doc, &analysis);
    let mut symbols = Vec::new();
    symbols.extend(outline.title.iter().map(|t| symbol(snapshot, t)));
    symbols.extend(outline.organ.iter().map(|o| symbol(snapshot, o)));
    let groups = [
        ("Preamble", &outline.preamble, "paragraph"),
        ("Operative part", &outline.operative, "paragraph"),
        ("Footnotes", &outline.footnotes, "footnote"),
    ];
    for (name, items, noun) in groups {
        if let Some(group) = group(snapshot, name, items, noun) {
            symbols.push(group);
        }
    }
    Some(DocumentSymbolResponse::Nested(symbols))
}

fn kind(item: ItemKind) -> SymbolKind {
    match item {
        ItemKind::Title => SymbolKind::FILE,
        ItemKind::Organ => SymbolKind::OBJECT,
        ItemKind::Section => SymbolKind::MODULE,
        ItemKind::Preambular => SymbolKind::FIELD,
        ItemKind::Operative => SymbolKind::METHOD,
        ItemKind::SubParagraph => SymbolKind::ENUM_MEMBER,
        ItemKind::Footnote => SymbolKind::STRING,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct, superseded by `tags`.
fn symbol(snapshot: &Snapshot, item: &OutlineItem) -> DocumentSymbol {
    let text = snapshot.doc.text();
    let children: Vec<DocumentSymbol> = item.children.iter().map(|c| symbol(snapshot, c)).collect();
    DocumentSymbol {
        name: non_empty(&item.name),
        detail: item.detail.clone(),
        kind: kind(item.kind),
        tags: None,
        deprecated: None,
        range: convert::range(text, item.range.clone(), snapshot.encoding),
        selection_range: convert::range(text, item.selection.clone(), snapshot.encoding),
        children: (!children.is_empty()).then_some(children),
    }
}

/// A grouping symbol over `items`, spanning them all; none when there are none.
#[allow(deprecated)]
fn group(
    snapshot: &Snapshot,
    name: &str,
    items: &[OutlineItem],
    noun: &str,
) -> Option<DocumentSymbol> {
    let first = items.first()?;
    let start = items.iter().map(|i| i.range.start).min()?;
    let end = items.iter().map(|i| i.range.end).max()?;
    let text = snapshot.doc.text();
    let count = count_leaves(items, noun);
    Some(DocumentSymbol {
        name: name.to_owned(),
        detail: Some(count),
        kind: SymbolKind::NAMESPACE,
        tags: None,
        deprecated: None,
        range: convert::range(text, start..end, snapshot.encoding),
        selection_range: convert::range(text, first.selection.clone(), snapshot.encoding),
        children: Some(items.iter().map(|i| symbol(snapshot, i)).collect()),
    })
}

/// "5 paragraphs", "1 footnote": the items that are not sections, at any depth but sub-paragraphs.
fn count_leaves(items: &[OutlineItem], noun: &str) -> String {
    fn count(items: &[OutlineItem]) -> usize {
        items
            .iter()
            .map(|i| match i.kind {
                ItemKind::Section => count(&i.children),
                _ => 1,
            })
            .sum()
    }
    let n = count(items);
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Clients reject symbols with empty names.
fn non_empty(name: &str) -> String {
    if name.trim().is_empty() {
        "(untitled)".to_owned()
    } else {
        name.to_owned()
    }
}

pub fn folding_ranges(snapshot: &Snapshot) -> Option<Vec<FoldingRange>> {
    let doc = &snapshot.doc;
    let analysis = Analysis::new(doc, &snapshot.config, snapshot.path.as_deref());
    if !analysis.is_draft {
        return None;
    }
    let text = doc.text();
    let line = |offset: usize| convert::position(text, offset, snapshot.encoding).line;
    let mut ranges: Vec<FoldingRange> = Vec::new();
    for fold in query::folding_regions(doc, &analysis) {
        let (start_line, end_line) = (line(fold.range.start), line(fold.range.end));
        let duplicate = ranges
            .iter()
            .any(|r| r.start_line == start_line && r.end_line == end_line);
        if end_line <= start_line || duplicate {
            continue;
        }
        ranges.push(FoldingRange {
            start_line,
            start_character: None,
            end_line,
            end_character: None,
            kind: Some(FoldingRangeKind::Region),
            collapsed_text: None,
        });
    }
    Some(ranges)
}
