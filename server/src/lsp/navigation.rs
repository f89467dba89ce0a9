//! Hover, go to definition, references, document highlight and rename of footnotes.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::state::Snapshot;

pub fn hover(_snapshot: &Snapshot, _position: Position) -> Option<Hover> {
    None
}

pub fn definition(_snapshot: &Snapshot, _position: Position) -> Option<GotoDefinitionResponse> {
    None
}

pub fn references(
    _snapshot: &Snapshot,
    _position: Position,
    _include_declaration: bool,
) -> Option<Vec<Location>> {
    None
}

pub fn highlights(_snapshot: &Snapshot, _position: Position) -> Option<Vec<DocumentHighlight>> {
    None
}

pub fn prepare_rename(_snapshot: &Snapshot, _position: Position) -> Option<PrepareRenameResponse> {
    None
}

pub fn rename(
    _snapshot: &Snapshot,
    _position: Position,
    _new_name: &str,
) -> Result<Option<WorkspaceEdit>> {
    Ok(None)
}
