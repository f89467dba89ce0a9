//! The language server, run over standard input and output. It is not part of this version yet:
//! this module is its one entry point, to be replaced by the server itself.

use std::process::ExitCode;

/// Runs the language server over stdio. Until it is built, says so on stderr (never on stdout,
/// which belongs to the protocol) and fails with status 2.
pub fn run_stdio() -> ExitCode {
    anstream::eprintln!(
        "{}: the language server is not built yet in this version of resolution-ls ({}); \
         use `resolution-ls check PATH...` to check drafts from the command line",
        super::cli::style::error_label(),
        env!("CARGO_PKG_VERSION"),
    );
    ExitCode::from(2)
}
