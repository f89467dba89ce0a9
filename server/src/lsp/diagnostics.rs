//! Diagnostics for a snapshot, and their identity (for `resultId` and for not pushing the same
//! diagnostics twice).

use std::hash::{DefaultHasher, Hash, Hasher};

use resolution_engine::check;
use tower_lsp_server::ls_types::Diagnostic;

use super::convert;
use super::state::Snapshot;

pub fn compute(snapshot: &Snapshot) -> Vec<Diagnostic> {
    let found = check(&snapshot.doc, &snapshot.config, snapshot.path.as_deref());
    let text = snapshot.doc.text();
    found
        .iter()
        .map(|d| convert::diagnostic(&snapshot.uri, text, d, snapshot.encoding))
        .collect()
}

/// A hash of what the client would show.
pub fn identity(diagnostics: &[Diagnostic]) -> u64 {
    let mut hasher = DefaultHasher::new();
    serde_json::to_string(diagnostics)
        .unwrap_or_default()
        .hash(&mut hasher);
    hasher.finish()
}
