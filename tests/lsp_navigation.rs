//! (being written)

#[path = "support/lsp_client.rs"]
mod lsp_client;
