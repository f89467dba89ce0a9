//! Not an API: the one part of the `resolution-ls` binary that is driven from outside it. The
//! transport guard reads whatever bytes a client sends, so `fuzz/` feeds it arbitrary input; a
//! library target is what lets the fuzz crate link it. The binary uses it from here too, so there
//! is one copy of the code.

#[doc(hidden)]
#[path = "lsp/transport.rs"]
pub mod transport;
