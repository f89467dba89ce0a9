//! Inlay hints: after each Ibid., the footnote of the full citation it stands for (`→ 2`).

use resolution_engine::analysis::Analysis;
use resolution_engine::query;
use tower_lsp_server::ls_types::*;

use super::convert;
use super::state::Snapshot;

/// How much of the cited footnote's text a hint's tooltip shows, in characters.
const TOOLTIP_CHARS: usize = 120;

/// The hints of the Ibid.s whose word ends in `range`.
pub fn inlay_hints(snapshot: &Snapshot, range: Range) -> Vec<InlayHint> {
    let doc = &snapshot.doc;
    let text = doc.text();
    let analysis = Analysis::new(doc, &snapshot.config, snapshot.path.as_deref());
    let bytes = convert::byte_range(text, range, snapshot.encoding);
    query::ibid_sources(doc, &analysis, bytes)
        .into_iter()
        .map(|ibid| InlayHint {
            position: convert::position(text, ibid.after, snapshot.encoding),
            label: InlayHintLabel::String(format!("→ {}", ibid.source)),
            // Neither a type nor a parameter name: the client's plain style.
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(format!(
                "Ibid. in footnote {} stands for footnote {}: {}",
                ibid.key,
                ibid.source,
                opening(&ibid.source_text)
            ))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

/// The start of a footnote's text, on one line, cut at a word with `…` when long.
fn opening(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= TOOLTIP_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(TOOLTIP_CHARS).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > 0).unwrap_or(cut.len());
    format!("{}…", &cut[..at_word])
}

#[cfg(test)]
mod tests {
    use super::opening;

    #[test]
    fn a_long_text_is_cut_at_a_word() {
        assert_eq!(
            opening("United Nations,\n *Treaty Series*"),
            "United Nations, *Treaty Series*"
        );
        let long = "word ".repeat(40);
        let cut = opening(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= 121, "{cut}");
        let russian = "слово ".repeat(40);
        assert!(opening(&russian).ends_with("слово…"));
    }
}
