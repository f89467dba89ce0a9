//! What the server holds: the open documents, the negotiated encoding, the client's abilities and
//! the editor settings. Guarded by one `std::sync::Mutex`, never held across an `.await`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use resolution_engine::config::{find_config_file_within, read_config_file};
use resolution_engine::{Config, Document, Encoding};
use tower_lsp_server::ls_types::Uri;

use super::diagnostics::DocChecks;
use super::settings::Settings;

/// An open document.
pub struct OpenDoc {
    /// Shared with snapshots; an edit copies it only while a request still reads the old one.
    pub doc: Arc<Document>,
    pub version: i32,
    pub path: Option<PathBuf>,
    pub config: Arc<Config>,
    /// Bumped by every change, so a debounced publish knows whether it is still current.
    pub generation: u64,
    /// A hash of the diagnostics last pushed, so unchanged ones are not pushed again.
    pub published: Option<u64>,
    /// The last check of this document, which the next one follows edit by edit (shared with
    /// snapshots: checks run off the lock that guards the state).
    pub checks: Arc<Mutex<DocChecks>>,
}

/// What the client said it can do.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientAbilities {
    /// It pulls diagnostics (`textDocument/diagnostic`), so the server does not push them.
    pub pull_diagnostics: bool,
    /// It can be asked to pull again after a configuration change.
    pub diagnostic_refresh: bool,
    /// It resolves code actions lazily (`codeAction/resolve` for `edit`).
    pub code_action_resolve: bool,
    /// It answers `workspace/configuration`.
    pub configuration: bool,
    /// It shows progress the server reports (`window/workDoneProgress/create`, `$/progress`).
    pub work_done_progress: bool,
    /// It can watch files for the server (`workspace/didChangeWatchedFiles`, registered).
    pub watch_files: bool,
    /// It can be asked to ask for inlay hints again (after a settings change).
    pub inlay_hint_refresh: bool,
}

#[derive(Default)]
pub struct State {
    pub docs: HashMap<Uri, OpenDoc>,
    pub encoding: Encoding,
    pub client: ClientAbilities,
    pub settings: Settings,
    /// Settings arrive in order of asking: each `workspace/configuration` request and each
    /// `didChangeConfiguration` with settings takes the next ticket, and settings are applied only
    /// if their ticket is not older than the last applied. Without it, a late answer to an early
    /// request (its task runs on its own) could undo settings the client sent after it.
    pub settings_tickets: u64,
    pub settings_applied: u64,
    /// The workspace root, where a configuration file for unsaved documents is looked for.
    pub root: Option<PathBuf>,
    /// Every workspace folder (the root first), searched for drafts by `workspace/diagnostic`.
    pub folders: Vec<PathBuf>,
    /// What `workspace/diagnostic` skipped and logged already (path, why): logged once each.
    pub workspace_skipped: std::collections::HashSet<(PathBuf, String)>,
    /// Documents closed since the last `workspace/diagnostic` answer: VS Code's client keeps a
    /// closed document's diagnostics and waits for the workspace report to replace them, which
    /// must then come even for a file the search does not find (outside the folders, hidden).
    pub closed: HashMap<PathBuf, Uri>,
    /// What `workspace/diagnostic` last read of each file (see `workspace::Stamps`).
    pub workspace_stamps: super::workspace::Stamps,
}

impl State {
    /// The next settings ticket (see `settings_tickets`).
    pub fn settings_ticket(&mut self) -> u64 {
        self.settings_tickets += 1;
        self.settings_tickets
    }
}

/// A consistent view of one document for a request, taken under the lock and used after it.
#[derive(Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub doc: Arc<Document>,
    pub config: Arc<Config>,
    pub path: Option<String>,
    pub version: i32,
    pub encoding: Encoding,
    pub client: ClientAbilities,
    pub checks: Arc<Mutex<DocChecks>>,
}

impl State {
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let open = self.docs.get(uri)?;
        Some(Snapshot {
            uri: uri.clone(),
            doc: open.doc.clone(),
            config: open.config.clone(),
            path: open.path.as_ref().map(|p| p.to_string_lossy().into_owned()),
            version: open.version,
            encoding: self.encoding,
            client: self.client,
            checks: open.checks.clone(),
        })
    }

    /// The configuration of a document at `path`: the nearest `resolution-ls.toml` in its folder
    /// or a parent, no higher than the workspace root (or the root's own, for an unsaved
    /// document or one outside the root), with the editor settings over it. Problems in the file come back as messages.
    pub fn config_for(&self, path: Option<&Path>) -> (Config, Vec<String>) {
        config_for(&self.settings, self.root.as_deref(), path)
    }

    /// Recomputes every open document's configuration (after a settings or file change).
    pub fn reconfigure_all(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            let path = self.docs[&uri].path.clone();
            let (config, mut found) = self.config_for(path.as_deref());
            problems.append(&mut found);
            if let Some(open) = self.docs.get_mut(&uri) {
                open.config = Arc::new(config);
                open.generation += 1;
                open.published = None;
            }
        }
        problems.sort();
        problems.dedup();
        problems
    }
}

/// The configuration of a document at `path` in the workspace folder `root` (see
/// [`State::config_for`]), with `settings` over it; problems in the file come back as messages.
pub fn config_for(
    settings: &Settings,
    root: Option<&Path>,
    path: Option<&Path>,
) -> (Config, Vec<String>) {
    let file = path
        .and_then(|p| find_config_file_within(p, root))
        .or_else(|| root.and_then(|r| find_config_file_within(r, Some(r))));
    let (mut config, problems) = match &file {
        Some(file) => match read_config_file(file) {
            Ok(text) => {
                let (config, errors) = Config::from_toml(&text);
                let problems = errors
                    .iter()
                    .map(|e| format!("{}:{}: {}", file.display(), e.line, e.message))
                    .collect();
                (config, problems)
            }
            Err(e) => (
                Config::default(),
                vec![format!(
                    "{}: cannot be read ({e}); using the defaults",
                    file.display()
                )],
            ),
        },
        None => (Config::default(), Vec::new()),
    };
    settings.apply(&mut config);
    (config, problems)
}
