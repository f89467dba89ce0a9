//! The language server: LSP 3.17 over stdio with tower-lsp-server and tokio. Only this module
//! knows the protocol; the engine is reached through snapshots of open documents.

mod actions;
mod backend;
mod completion;
mod convert;
mod diagnostics;
mod hints;
mod navigation;
mod outline;
mod rendered;
mod settings;
mod state;
pub mod transport;
mod workspace;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Requests served at once; the default of 4 let a peer server's queue fill under typing.
const CONCURRENCY: usize = 16;

/// Set, this variable adds `resolution-ls/debugPanic`, a request whose handler panics: the tests
/// use it to show that a panic becomes an error response and the server goes on.
const DEBUG_METHODS: &str = "RESOLUTION_LS_DEBUG_METHODS";

/// One malloc arena for the whole server. glibc gives threads arenas of their own (up to eight a
/// core); a long editing session, its edits applied on one runtime thread and checked on others,
/// fragmented them: the soak test's 100,000 edits grew the server by about 250 bytes an edit. With
/// one arena it stays flat; the server's work is one document at a time, so the arena is not
/// contended.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt sets an allocator parameter and is called before the runtime starts threads.
    let set = unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) };
    if set == 0 {
        tracing::warn!("could not limit malloc arenas; memory may grow over a long session");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

/// Serves LSP over stdin/stdout until `exit`. The exit status follows the protocol: 0 after a
/// `shutdown` request, 1 when `exit` came without one (or stdin closed).
pub fn run_stdio() -> ExitCode {
    limit_malloc_arenas();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let shutdown_received = runtime.block_on(serve(
        tokio::io::stdin(),
        tokio::io::stdout(),
        std::env::var_os(DEBUG_METHODS).is_some(),
    ));
    // Background tasks (debounced publishing) must not keep the process alive.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if shutdown_received {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Serves one LSP session from `input` to `output` until `exit` or the end of input, through the
/// transport guard; true if a `shutdown` request came. `debug_methods` adds the requests the tests
/// use (see [`DEBUG_METHODS`]).
pub async fn serve(
    input: impl AsyncRead + Unpin + Send + 'static,
    output: impl AsyncWrite + Unpin + Send + 'static,
    debug_methods: bool,
) -> bool {
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let rendered = Arc::new(rendered::Rendered::default());
    let handlers_rendered = rendered.clone();
    let mut builder =
        LspService::build(move |client| backend::Backend::new(client, flag, handlers_rendered));
    if debug_methods {
        builder = builder.custom_method("resolution-ls/debugPanic", backend::Backend::debug_panic);
    }
    let (service, socket) = builder.finish();
    // The server reads and writes through pipes; the transport guard sits between them and the
    // client's streams.
    let (server_in, guard_in) = tokio::io::duplex(1 << 16);
    let (guard_out, server_out) = tokio::io::duplex(1 << 16);
    let (replies_tx, replies_rx) = tokio::sync::mpsc::unbounded_channel();
    let gate = Arc::new(transport::ShutdownGate::default());
    let input_gate = gate.clone();
    let input = tokio::spawn(async move {
        transport::guard_input(input, guard_in, replies_tx, &input_gate).await;
    });
    let output = tokio::spawn(transport::merge_output(
        guard_out, replies_rx, output, gate, rendered,
    ));
    Server::new(server_in, server_out, socket)
        .concurrency_level(CONCURRENCY)
        .serve(service)
        .await;
    input.abort();
    // Let the last responses (to `shutdown`, say) reach the client.
    let _ = tokio::time::timeout(std::time::Duration::from_millis(500), output).await;
    shutdown.load(Ordering::SeqCst)
}
