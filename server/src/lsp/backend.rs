//! The protocol handlers: each takes what it needs from the state under the lock, lets go, and
//! does its work on a snapshot off the async threads (so a panic there becomes an error response,
//! and stdin keeps being read). Document changes are applied before any `.await`, in the order
//! received.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use resolution_engine::{Document, Encoding};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use super::rendered::{self, Rendered};
use super::settings::Settings;
use super::state::{ClientAbilities, OpenDoc, Snapshot, State};
use super::{actions, completion, convert, diagnostics, hints, navigation, outline, workspace};

/// How long a `workspace/configuration` request may go unanswered before the server carries on.
const CONFIGURATION_TIMEOUT: Duration = Duration::from_secs(3);

/// The longest a `workspace/diagnostic` request with nothing new to say is held open.
const WORKSPACE_HOLD: Duration = Duration::from_secs(180);

#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    shutdown: Arc<AtomicBool>,
    /// Counts what may change the workspace's diagnostics (a watched file changed, a document
    /// closed, the settings or the folders changed): a held `workspace/diagnostic` waits on it.
    workspace_events: Arc<tokio::sync::watch::Sender<u64>>,
    /// The number of the latest `workspace/diagnostic` request: a held one answers when a newer
    /// one comes, so that no more than one is ever held (each holds one of the requests the
    /// server handles at once).
    latest_workspace_pull: Arc<std::sync::atomic::AtomicU64>,
    /// Diagnostics rendered to JSON here, waiting for the transport to put them in their
    /// stand-ins' place.
    rendered: Arc<Rendered>,
}

/// `textDocument/publishDiagnostics` whose parameters are a stand-in's token (see
/// [`Rendered`]): the transport puts the rendered parameters in its place.
enum PublishRendered {}

impl notification::Notification for PublishRendered {
    type Params = String;
    const METHOD: &'static str = notification::PublishDiagnostics::METHOD;
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>, rendered: Arc<Rendered>) -> Backend {
        Backend {
            client,
            state: Arc::new(Mutex::new(State::default())),
            shutdown,
            workspace_events: Arc::new(tokio::sync::watch::Sender::new(0)),
            latest_workspace_pull: Arc::default(),
            rendered,
        }
    }

    /// Wakes a held `workspace/diagnostic` request to look again.
    fn workspace_changed(&self) {
        self.workspace_events.send_modify(|count| *count += 1);
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// Runs `work` on a snapshot of `uri` on a blocking thread. A document that is not open is
    /// an `InvalidParams` error; a panic in `work` is logged and answered as an internal error.
    async fn on_snapshot<T: Send + 'static>(
        &self,
        uri: &Uri,
        what: &'static str,
        work: impl FnOnce(&Snapshot) -> T + Send + 'static,
    ) -> Result<T> {
        let snapshot = self.state().snapshot(uri).ok_or_else(|| Error {
            code: ErrorCode::InvalidParams,
            message: format!(
                "{} is not open; open it before asking for {what}",
                uri.as_str()
            )
            .into(),
            data: None,
        })?;
        match tokio::task::spawn_blocking(move || work(&snapshot)).await {
            Ok(value) => Ok(value),
            Err(e) => {
                error!("{what} failed on {}: {e}", uri.as_str());
                Err(Error {
                    code: ErrorCode::InternalError,
                    message: format!("resolution-ls failed computing {what}; the server carries on (see its log)").into(),
                    data: None,
                })
            }
        }
    }

    /// Pushes a document's diagnostics after `delay`, if no change came meanwhile, the client does
    /// not pull them, and they differ from the last ones pushed.
    fn schedule_publish(&self, uri: Uri, delay: Duration) {
        let generation = {
            let state = self.state();
            if state.client.pull_diagnostics {
                return; // the client asks when it wants them: no task, no timer per keystroke
            }
            let Some(generation) = state.docs.get(&uri).map(|d| d.generation) else {
                return;
            };
            generation
        };
        let this = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            this.publish_if_current(uri, generation).await;
        });
    }

    /// Checks a document and pushes its diagnostics, unless the client pulls them, a change came
    /// since `generation`, or they are the ones pushed last.
    async fn publish_if_current(&self, uri: Uri, generation: u64) {
        let (snapshot, published) = {
            let state = self.state();
            if state.client.pull_diagnostics {
                return;
            }
            match state.docs.get(&uri) {
                Some(open) if open.generation == generation => {
                    (state.snapshot(&uri), open.published)
                }
                _ => return,
            }
        };
        let Some(snapshot) = snapshot else { return };
        let version = snapshot.version;
        // Rendered only when they differ from the last ones pushed: after most keystrokes they
        // do not, and the diagnostics of a large draft are not worth rendering to find that out.
        let computed = tokio::task::spawn_blocking(move || {
            diagnostics::with_current(&snapshot, |current| {
                let params = (published != Some(current.identity)).then(|| {
                    rendered::publish_params(
                        &snapshot.uri,
                        current.diagnostics,
                        current.fragments,
                        Some(version),
                    )
                });
                (current.identity, params)
            })
        })
        .await;
        let (identity, params) = match computed {
            Ok(computed) => computed,
            Err(e) => {
                error!("checking {} failed: {e}", uri.as_str());
                return;
            }
        };
        let token = {
            let mut state = self.state();
            let Some(open) = state.docs.get_mut(&uri) else {
                return;
            };
            if open.generation != generation || open.published == Some(identity) {
                return;
            }
            // Not rendered because they were the ones pushed last, yet another push came since
            // for the same text and settings: that one stands.
            let Some(params) = params else { return };
            open.published = Some(identity);
            let token = self.rendered.token();
            self.rendered.hold(&token, params);
            token
        };
        self.client
            .send_notification::<PublishRendered>(token)
            .await;
    }

    /// Re-checks every open document in turn (after a configuration change), showing progress
    /// when the client can: with many large drafts open this takes a moment.
    async fn recheck_all(&self, documents: Vec<(Uri, u64)>) {
        let total = documents.len();
        let progress = if self.state().client.work_done_progress && total > 0 {
            let token =
                ProgressToken::String(format!("resolution-ls/recheck/{}", next_progress_id()));
            match self.client.create_work_done_progress(token.clone()).await {
                Ok(()) => Some(
                    self.client
                        .progress(token, "Checking drafts")
                        .with_percentage(0)
                        .with_message(format!("0 of {total}"))
                        .begin()
                        .await,
                ),
                Err(e) => {
                    debug!("no progress shown: {e}");
                    None
                }
            }
        } else {
            None
        };
        for (done, (uri, generation)) in documents.into_iter().enumerate() {
            self.publish_if_current(uri, generation).await;
            if let Some(progress) = &progress {
                let percentage = ((done + 1) * 100 / total) as u32;
                progress
                    .report_with_message(format!("{} of {total}", done + 1), percentage)
                    .await;
            }
        }
        if let Some(progress) = progress {
            progress
                .finish_with_message(format!("{total} checked"))
                .await;
        }
    }

    fn republish_all(&self) {
        // The settings or a configuration file changed: the workspace's drafts may check otherwise.
        self.workspace_changed();
        let (documents, pull, refresh) = {
            let state = self.state();
            let mut documents: Vec<(Uri, u64)> = state
                .docs
                .iter()
                .map(|(uri, d)| (uri.clone(), d.generation))
                .collect();
            documents.sort();
            (
                documents,
                state.client.pull_diagnostics,
                state.client.diagnostic_refresh,
            )
        };
        if pull {
            if refresh {
                let client = self.client.clone();
                tokio::spawn(async move {
                    if let Err(e) = client.workspace_diagnostic_refresh().await {
                        debug!("diagnostic refresh: {e}");
                    }
                });
            }
            return;
        }
        let this = self.clone();
        tokio::spawn(async move { this.recheck_all(documents).await });
    }

    /// Asks the client for the `resolution-ls` settings, if it answers such requests, in a task
    /// of its own: a notification handler never waits on the client. A client that does not
    /// answer within `CONFIGURATION_TIMEOUT` is given up on, and the server carries on.
    fn spawn_configuration_fetch(&self) {
        if !self.state().client.configuration {
            return;
        }
        let ticket = self.state().settings_ticket();
        let this = self.clone();
        tokio::spawn(async move {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("resolution-ls".to_owned()),
            }];
            match tokio::time::timeout(CONFIGURATION_TIMEOUT, this.client.configuration(items)).await {
                Ok(Ok(values)) => {
                    let value = values.into_iter().next().unwrap_or(Value::Null);
                    this.apply_settings(ticket, &value).await;
                }
                Ok(Err(e)) => warn!("workspace/configuration failed: {e}"),
                Err(_) => warn!("workspace/configuration got no answer in {CONFIGURATION_TIMEOUT:?}; using the settings we have"),
            }
        });
    }

    /// Reads every open document's `resolution-ls.toml` again and re-checks.
    async fn reload_configuration_files(&self) {
        let problems = self.state().reconfigure_all();
        for problem in problems {
            warn!("{problem}");
            self.client
                .show_message(MessageType::WARNING, format!("resolution-ls: {problem}"))
                .await;
        }
        self.republish_all();
    }

    /// Takes new editor settings, reconfigures every document and says what took effect; settings
    /// older than those applied already (by their `ticket`) are dropped.
    async fn apply_settings(&self, ticket: u64, value: &Value) {
        let (settings, mut problems) = Settings::from_json(value);
        let effective = format!("{settings:?}");
        {
            let mut state = self.state();
            if ticket < state.settings_applied {
                debug!("settings {effective} answered an older request; newer ones are kept");
                return;
            }
            state.settings_applied = ticket;
            state.settings = settings;
            problems.extend(state.reconfigure_all());
        }
        info!("editor settings: {effective}");
        // The Neovim plugin watches for this line's start to pull diagnostics again (Neovim 0.11
        // has no diagnostic refresh): keep "resolution-ls: editor settings".
        self.client
            .log_message(
                MessageType::INFO,
                format!("resolution-ls: editor settings {effective}"),
            )
            .await;
        for problem in problems {
            warn!("{problem}");
            self.client
                .show_message(MessageType::WARNING, format!("resolution-ls: {problem}"))
                .await;
        }
        self.republish_all();
        if self.state().client.inlay_hint_refresh {
            // The hints may have been turned on or off.
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.inlay_hint_refresh().await {
                    debug!("inlay hint refresh: {e}");
                }
            });
        }
    }

    /// Asks a client that pulls diagnostics to pull them again, workspace ones included (a draft
    /// that is not open changed on disk, or one was closed).
    fn refresh_diagnostics(&self) {
        let client = self.state().client;
        if !(client.pull_diagnostics && client.diagnostic_refresh) {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.workspace_diagnostic_refresh().await {
                debug!("diagnostic refresh: {e}");
            }
        });
    }

    /// For a file that is not open, what checking it from the disk takes (when the server reports
    /// workspace diagnostics, as it does, a client may pull a document it just closed).
    fn closed_document_job(&self, uri: &Uri) -> Option<(workspace::Job, std::path::PathBuf)> {
        let state = self.state();
        if state.docs.contains_key(uri) {
            return None;
        }
        let path = uri.to_file_path()?.into_owned();
        let job = workspace::Job {
            folders: state.folders.clone(),
            settings: state.settings.clone(),
            encoding: state.encoding,
            open: Default::default(),
            previous: Default::default(),
            closed: Default::default(),
            stamps: state.workspace_stamps.clone(),
        };
        Some((job, path))
    }

    /// Runs a `workspace/diagnostic` request's search and checks on a blocking thread, showing
    /// its progress on the client's token; dropped (the request cancelled), the search stops at
    /// the next file.
    async fn pull_workspace(
        &self,
        job: workspace::Job,
        token: Option<ProgressToken>,
    ) -> Option<workspace::Pulled> {
        let cancelled = Arc::new(AtomicBool::new(false));
        let _stop_when_dropped = StopWhenDropped(cancelled.clone());
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let task = tokio::task::spawn_blocking(move || {
            workspace::pull(&job, &cancelled, |done, total| {
                let _ = tx.send((done, total));
            })
        });
        let progress = match token {
            Some(token) => Some(
                self.client
                    .progress(token, "Checking the workspace's drafts")
                    .with_percentage(0)
                    .begin()
                    .await,
            ),
            None => None,
        };
        let mut shown = None;
        while let Some((done, total)) = rx.recv().await {
            let Some(progress) = &progress else { continue };
            let percentage = (done * 100).checked_div(total).unwrap_or(100) as u32;
            // One report a percent (and the last): thousands of files would flood the client.
            if shown != Some(percentage) || done == total {
                shown = Some(percentage);
                progress
                    .report_with_message(format!("{done} of {total} files"), percentage)
                    .await;
            }
        }
        let pulled = match task.await {
            Ok(pulled) => pulled,
            Err(e) => {
                error!("checking the workspace failed: {e}");
                None
            }
        };
        if let Some(progress) = progress {
            let message = match &pulled {
                Some(p) => format!("{} files, {} drafts", p.files, p.drafts),
                None => "stopped".to_owned(),
            };
            progress.finish_with_message(message).await;
        }
        pulled
    }
}

/// Sets its flag when dropped: a cancelled request's future is dropped, and its blocking work
/// sees the flag.
struct StopWhenDropped(Arc<AtomicBool>);

impl Drop for StopWhenDropped {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl Backend {
    /// `resolution-ls/debugPanic {uri}`: panics while handling the request (see `DEBUG_METHODS`).
    pub async fn debug_panic(&self, params: Value) -> Result<Value> {
        let uri: Uri = params
            .get("uri")
            .and_then(Value::as_str)
            .and_then(|u| u.parse().ok())
            .ok_or_else(|| Error::invalid_params("expected {\"uri\": an open document}"))?;
        self.on_snapshot(&uri, "a deliberate panic", |_| -> Value {
            panic!("deliberate panic for the tests")
        })
        .await
    }
}

/// A fresh number for each progress token.
fn next_progress_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn abilities(params: &InitializeParams) -> ClientAbilities {
    let caps = &params.capabilities;
    let text = caps.text_document.as_ref();
    ClientAbilities {
        pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
        diagnostic_refresh: caps
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        code_action_resolve: text
            .and_then(|t| t.code_action.as_ref())
            .and_then(|c| c.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
        configuration: caps
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false),
        work_done_progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        watch_files: caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        inlay_hint_refresh: caps
            .workspace
            .as_ref()
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|h| h.refresh_support)
            .unwrap_or(false),
    }
}

fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// Every workspace folder on disk, the root first.
#[allow(deprecated)] // `root_uri` is what older clients send instead of workspace folders.
fn workspace_folders(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    let uris: Vec<&Uri> = match &params.workspace_folders {
        Some(folders) if !folders.is_empty() => folders.iter().map(|f| &f.uri).collect(),
        _ => params.root_uri.iter().collect(),
    };
    uris.into_iter()
        .filter_map(|uri| uri.to_file_path().map(|p| p.into_owned()))
        .collect()
}

#[allow(deprecated)] // `root_uri` is what older clients send instead of workspace folders.
fn workspace_root(params: &InitializeParams) -> Option<std::path::PathBuf> {
    let from_folders = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone());
    from_folders
        .or_else(|| params.root_uri.clone())?
        .to_file_path()
        .map(|p| p.into_owned())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        let client = abilities(&params);
        {
            let mut state = self.state();
            state.encoding = encoding;
            state.client = client;
            state.root = workspace_root(&params);
            state.folders = workspace_folders(&params);
        }
        if let Some(options) = &params.initialization_options {
            let (settings, problems) = Settings::from_json(options);
            for problem in &problems {
                warn!("initializationOptions: {problem}");
            }
            self.state().settings = settings;
        }
        info!("initialize: encoding {encoding:?}, client {client:?}");
        let kinds = vec![
            CodeActionKind::QUICKFIX,
            CodeActionKind::new(actions::FIX_ALL_KIND),
            CodeActionKind::REFACTOR_REWRITE,
        ];
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "resolution-ls".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some("resolution-ls".to_owned()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: true,
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(kinds),
                        resolve_provider: Some(true),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                // Folders added later are searched for drafts too.
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![">".to_owned(), "*".to_owned()]),
                    ..CompletionOptions::default()
                }),
                ..ServerCapabilities::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.spawn_configuration_fetch();
        if self.state().client.watch_files {
            // Hear of `resolution-ls.toml` changes made outside the editor too.
            let client = self.client.clone();
            tokio::spawn(async move {
                // Drafts too: the workspace's diagnostics follow those that change on disk.
                let watchers = serde_json::json!({"watchers": [
                    {"globPattern": "**/resolution-ls.toml"},
                    {"globPattern": "**/*.md"},
                ]});
                let registration = Registration {
                    id: "resolution-ls-config-files".to_owned(),
                    method: "workspace/didChangeWatchedFiles".to_owned(),
                    register_options: Some(watchers),
                };
                if let Err(e) = client.register_capability(vec![registration]).await {
                    warn!("could not watch resolution-ls.toml files: {e}");
                }
            });
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let is_config = |change: &FileEvent| {
            change
                .uri
                .path()
                .as_str()
                .ends_with(resolution_engine::config::CONFIG_FILE_NAME)
        };
        self.workspace_changed();
        if params.changes.iter().any(is_config) {
            // Reloading re-checks everything, workspace diagnostics included.
            self.reload_configuration_files().await;
        } else if !params.changes.is_empty() {
            self.refresh_diagnostics();
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let path = |f: &WorkspaceFolder| f.uri.to_file_path().map(|p| p.into_owned());
        {
            let mut state = self.state();
            let removed: Vec<_> = params.event.removed.iter().filter_map(path).collect();
            state.folders.retain(|f| !removed.contains(f));
            for added in params.event.added.iter().filter_map(path) {
                if !state.folders.contains(&added) {
                    state.folders.push(added);
                }
            }
            info!("workspace folders: {:?}", state.folders);
        }
        self.workspace_changed();
        self.refresh_diagnostics();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        // A held workspace pull answers now.
        self.workspace_changed();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = item.uri.to_file_path().map(|p| p.into_owned());
        let problems = {
            let mut state = self.state();
            let (config, problems) = state.config_for(path.as_deref());
            debug!(
                "effective configuration for {}: {config:?}",
                item.uri.as_str()
            );
            if let Some(path) = &path {
                state.closed.remove(path);
            }
            state.docs.insert(
                item.uri.clone(),
                OpenDoc {
                    doc: Arc::new(Document::new(&item.text)),
                    version: item.version,
                    path,
                    config: Arc::new(config),
                    generation: 0,
                    published: None,
                    checks: Default::default(),
                },
            );
            problems
        };
        for problem in problems {
            warn!("{problem}");
            self.client
                .show_message(MessageType::WARNING, format!("resolution-ls: {problem}"))
                .await;
        }
        self.schedule_publish(item.uri, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let delay = {
            // Applied under the lock before any await: changes can never be reordered.
            let mut state = self.state();
            let encoding = state.encoding;
            let paranoid = state.settings.paranoid;
            let delay = state.settings.debounce();
            let Some(open) = state.docs.get_mut(&uri) else {
                warn!("didChange for {}, which is not open; ignored", uri.as_str());
                return;
            };
            let doc = Arc::make_mut(&mut open.doc);
            let applied = catch_unwind(AssertUnwindSafe(|| {
                for change in &params.content_changes {
                    match change.range {
                        Some(range) => {
                            let range = convert::byte_range(doc.text(), range, encoding);
                            doc.edit(range, &change.text);
                        }
                        None => *doc = Document::new(&change.text),
                    }
                }
            }));
            if applied.is_err() {
                error!(
                    "applying a change to {} failed; the document is re-parsed as it stands",
                    uri.as_str()
                );
                *doc = Document::new(&doc.text().to_string());
            }
            if paranoid && !doc.matches_fresh_parse() {
                error!(
                    "paranoid: the incremental parse of {} differs from a fresh parse; re-parsed",
                    uri.as_str()
                );
                *doc = Document::new(&doc.text().to_string());
            }
            open.version = params.text_document.version;
            open.generation += 1;
            tracing::trace!(
                "{} version {}: {} bytes",
                uri.as_str(),
                open.version,
                open.doc.text().len()
            );
            delay
        };
        self.schedule_publish(uri, delay);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let saved_config = params.text_document.uri.to_file_path().is_some_and(|p| {
            p.file_name()
                .is_some_and(|n| n == resolution_engine::config::CONFIG_FILE_NAME)
        });
        if saved_config {
            self.reload_configuration_files().await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let (was_open, pull) = {
            let mut state = self.state();
            let closed = state.docs.remove(&uri);
            if let Some(path) = closed.as_ref().and_then(|d| d.path.clone()) {
                state.closed.insert(path, uri.clone());
            }
            (closed.is_some(), state.client.pull_diagnostics)
        };
        if was_open && !pull {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
        if was_open && pull {
            // Closed, it is reported from the disk by `workspace/diagnostic`.
            self.workspace_changed();
            self.refresh_diagnostics();
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let has_settings = params.settings.as_object().is_some_and(|o| !o.is_empty());
        if has_settings {
            let ticket = self.state().settings_ticket();
            self.apply_settings(ticket, &params.settings).await;
            return;
        }
        // A bare notification (as VS Code sends) means: ask for the new settings.
        self.spawn_configuration_fetch();
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let previous = params.previous_result_id;
        let uri = &params.text_document.uri;
        if let Some(closed) = self.closed_document_job(uri) {
            let (job, path) = closed;
            let report = tokio::task::spawn_blocking(move || {
                workspace::closed_document(&job, &path, previous.as_deref())
            })
            .await
            .map_err(|e| {
                error!("checking {} from the disk failed: {e}", uri.as_str());
                Error::internal_error()
            })?;
            return Ok(DocumentDiagnosticReportResult::Report(report));
        }
        let answer = self
            .on_snapshot(&params.text_document.uri, "diagnostics", move |snapshot| {
                diagnostics::with_current(snapshot, |current| {
                    let result_id = format!("{:016x}", current.identity);
                    // Unchanged diagnostics (the usual answer after a keystroke) are not sent
                    // again; changed ones are rendered here, from where they are kept.
                    if previous.as_deref() == Some(result_id.as_str()) {
                        Err(result_id)
                    } else {
                        Ok(rendered::full_report(
                            &result_id,
                            current.diagnostics,
                            current.fragments,
                        ))
                    }
                })
            })
            .await?;
        let unchanged = |result_id| {
            DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
                RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                },
            ))
        };
        Ok(match answer {
            Err(result_id) => unchanged(result_id),
            Ok(report) => {
                // Held and handed over with no `.await` between: a cancellation cannot come
                // after the one and before the other.
                let stand_in = unchanged(self.rendered.token());
                self.rendered.hold(&stand_in, report);
                stand_in
            }
        })
    }

    /// Answers at once when something changed since the client's result ids; when nothing did
    /// and the client watches files for the server (so a change on disk is heard of), the
    /// request is held open, as the protocol allows for workspace pulls, until something that may
    /// change the answer happens (see `workspace_changed`), the client cancels it, or
    /// `WORKSPACE_HOLD` passes. Without this a client's pull every few seconds would walk the
    /// workspace every few seconds.
    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let previous: std::collections::HashMap<_, _> = params
            .previous_result_ids
            .into_iter()
            .filter_map(|p| {
                let path = p.uri.to_file_path()?.into_owned();
                Some((path, (p.uri, p.value)))
            })
            .collect();
        let mut token = params.work_done_progress_params.work_done_token;
        let hold_until = tokio::time::Instant::now() + WORKSPACE_HOLD;
        let mut events = self.workspace_events.subscribe();
        let pull = self.latest_workspace_pull.fetch_add(1, Ordering::SeqCst) + 1;
        // An older pull still held answers now.
        self.workspace_changed();
        loop {
            // Marked seen before the state is read: whatever changes after, wakes the wait.
            events.borrow_and_update();
            let (job, watched) = {
                let state = self.state();
                let job = workspace::Job {
                    folders: state.folders.clone(),
                    settings: state.settings.clone(),
                    encoding: state.encoding,
                    open: state.docs.values().filter_map(|d| d.path.clone()).collect(),
                    closed: state.closed.clone(),
                    previous: previous.clone(),
                    stamps: state.workspace_stamps.clone(),
                };
                (job, state.client.watch_files)
            };
            // A document closed since the last answer is always answered for: VS Code's client
            // waits for a workspace report to take over its diagnostics.
            let answered_closed: Vec<std::path::PathBuf> = job.closed.keys().cloned().collect();
            // Progress is shown once: a token's work begins and ends once.
            let Some(pulled) = self.pull_workspace(job, token.take()).await else {
                return Err(Error {
                    code: ErrorCode::InternalError,
                    message: "resolution-ls could not check the workspace; the server carries on (see its log)".into(),
                    data: None,
                });
            };
            let hold = watched
                && !pulled.has_news()
                && answered_closed.is_empty()
                && !self.shutdown.load(Ordering::SeqCst)
                && self.latest_workspace_pull.load(Ordering::SeqCst) == pull
                && tokio::time::Instant::now() < hold_until;
            if hold {
                debug!("workspace diagnostics: nothing new; held until something changes");
                tokio::select! {
                    changed = events.changed() => {
                        if changed.is_err() {
                            return Err(Error::internal_error());
                        }
                    }
                    () = tokio::time::sleep_until(hold_until) => {}
                }
                continue;
            }
            {
                let mut state = self.state();
                for path in &answered_closed {
                    state.closed.remove(path);
                }
                for (path, why) in &pulled.skipped {
                    // Once each: a client may ask every few seconds.
                    if state.workspace_skipped.insert((path.clone(), why.clone())) {
                        warn!("workspace diagnostics: {}: {why}", path.display());
                    }
                }
            }
            debug!(
                "workspace diagnostics: {} files, {} drafts, {} reports",
                pulled.files,
                pulled.drafts,
                pulled.items.len()
            );
            return Ok(WorkspaceDiagnosticReportResult::Report(
                WorkspaceDiagnosticReport {
                    items: pulled.items,
                },
            ));
        }
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        if !self.state().settings.inlay_hints() {
            return Ok(None);
        }
        let range = params.range;
        self.on_snapshot(&params.text_document.uri, "inlay hints", move |s| {
            Some(hints::inlay_hints(s, range))
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.on_snapshot(&uri, "code actions", move |s| {
            actions::code_actions(s, &params)
        })
        .await
    }

    async fn code_action_resolve(&self, action: CodeAction) -> Result<CodeAction> {
        let Some(uri) = actions::uri_of(&action) else {
            return Ok(action);
        };
        self.on_snapshot(&uri, "a code action", move |s| actions::resolve(s, action))
            .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        self.on_snapshot(&at.text_document.uri, "hover", move |s| {
            navigation::hover(s, at.position)
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        self.on_snapshot(&at.text_document.uri, "a definition", move |s| {
            navigation::definition(s, at.position)
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let declaration = params.context.include_declaration;
        self.on_snapshot(&at.text_document.uri, "references", move |s| {
            navigation::references(s, at.position, declaration)
        })
        .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        self.on_snapshot(&at.text_document.uri, "highlights", move |s| {
            navigation::highlights(s, at.position)
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.on_snapshot(&params.text_document.uri, "a rename", move |s| {
            navigation::prepare_rename(s, params.position)
        })
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let new_name = params.new_name;
        self.on_snapshot(&at.text_document.uri, "a rename", move |s| {
            navigation::rename(s, at.position, &new_name)
        })
        .await?
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.on_snapshot(
            &params.text_document.uri,
            "symbols",
            outline::document_symbols,
        )
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.on_snapshot(
            &params.text_document.uri,
            "folding ranges",
            outline::folding_ranges,
        )
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        self.on_snapshot(&at.text_document.uri, "completion", move |s| {
            completion::complete(s, at.position)
        })
        .await
    }
}
