//! Not an API: the language server, as a library so that the fuzz crate (`fuzz/`) can drive the
//! real server loop (the transport guard and tower-lsp-server) with arbitrary bytes. The binary
//! uses it from here too, so there is one copy of the code.

#[doc(hidden)]
pub mod files;
#[doc(hidden)]
pub mod lsp;
