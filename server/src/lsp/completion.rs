//! Completion of openers, footnote numbers and Ibid.

use tower_lsp_server::ls_types::*;

use super::state::Snapshot;

pub fn complete(_snapshot: &Snapshot, _position: Position) -> Option<CompletionResponse> {
    None
}
