//! Document symbols and folding ranges.

use tower_lsp_server::ls_types::*;

use super::state::Snapshot;

pub fn document_symbols(_snapshot: &Snapshot) -> Option<DocumentSymbolResponse> {
    None
}

pub fn folding_ranges(_snapshot: &Snapshot) -> Option<Vec<FoldingRange>> {
    None
}
