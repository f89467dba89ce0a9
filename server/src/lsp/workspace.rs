//! `workspace/diagnostic`: the drafts of the workspace folders that are not open, found as the
//! `check` command finds them (Markdown files; hidden and git-ignored ones skipped) and checked
//! with the configuration an open document there would have (`resolution-ls.toml`, the editor
//! settings over it). Files that are not drafts get no report. Open documents are left to their
//! own `textDocument/diagnostic`, which reports what the editor holds rather than the disk.
//!
//! A client asks again every few seconds (VS Code's, 2 s after each answer). Each file's stamp
//! (size, modification time) is kept with the result id its text gave ([`Stamps`]), so a file
//! whose stamp and configuration are as they were is answered `unchanged` without being read;
//! and an answer with nothing new is held back by the backend until something changes.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use resolution_engine::analysis::Analysis;
use resolution_engine::config::find_config_file_within;
use resolution_engine::{check::check_analysed, Config, Document, Encoding};
use tower_lsp_server::ls_types::*;

use super::convert;
use super::settings::Settings;
use super::state::config_for;
use crate::files;

/// Files not open and larger than this are skipped, with a log line: a client may ask for the
/// workspace's diagnostics every few seconds (VS Code does), and no draft is this long.
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// At most this many files are read in one request; the rest are left out, with a log line.
pub const MAX_FILES: usize = 5_000;

/// What one request works from, taken from the server's state.
pub struct Job {
    pub folders: Vec<PathBuf>,
    pub settings: Settings,
    pub encoding: Encoding,
    /// The paths of the open documents.
    pub open: HashSet<PathBuf>,
    /// The client's previous result ids, by path, with the URI it gave.
    pub previous: HashMap<PathBuf, (Uri, String)>,
    /// Documents closed since the last answer (see `State::closed`).
    pub closed: HashMap<PathBuf, Uri>,
    /// What each file was when last read, kept from one request to the next.
    pub stamps: Stamps,
}

/// Per file, what it was on disk when last read and the result id it gave.
pub type Stamps = Arc<Mutex<HashMap<PathBuf, Known>>>;

/// A file as last read: its stamp, the configuration it was checked under, its result id.
pub struct Known {
    stamp: Stamp,
    config: u64,
    result_id: String,
}

/// What tells, without reading a file, that it is as it was: its size and modification time.
/// A file system without modification times gives no stamp, and its files are always read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp {
    size: u64,
    modified: SystemTime,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        Some(Stamp {
            size: meta.len(),
            modified: meta.modified().ok()?,
        })
    }
}

/// What a request found.
#[derive(Default)]
pub struct Pulled {
    pub items: Vec<WorkspaceDocumentDiagnosticReport>,
    /// Files looked at and drafts among them.
    pub files: usize,
    pub drafts: usize,
    /// Paths not checked, with why (for the log).
    pub skipped: Vec<(PathBuf, String)>,
}

impl Pulled {
    /// Whether the answer tells the client anything it does not hold already: a full report.
    pub fn has_news(&self) -> bool {
        self.items
            .iter()
            .any(|item| matches!(item, WorkspaceDocumentDiagnosticReport::Full(_)))
    }
}

/// Finds and checks the drafts of `job`, calling `progress(done, total)` after each file. `None`
/// when `cancelled` was set before the end.
pub fn pull(
    job: &Job,
    cancelled: &AtomicBool,
    mut progress: impl FnMut(usize, usize),
) -> Option<Pulled> {
    let mut pulled = Pulled::default();
    let collected = files::collect(&job.folders);
    for problem in collected.problems {
        // A folder without Markdown files is no problem for a workspace.
        if !job.folders.contains(&problem.path) {
            pulled.skipped.push((problem.path, problem.message));
        }
    }
    let mut targets: Vec<files::Target> = collected
        .targets
        .into_iter()
        .filter(|t| !job.open.contains(&t.path))
        // A Word document has no text an editor can show diagnostics in: `check` reads those.
        .filter(|t| !files::is_docx(&t.path))
        .collect();
    if targets.len() > MAX_FILES {
        pulled.skipped.push((
            job.folders.first().cloned().unwrap_or_default(),
            format!(
                "the workspace holds {} Markdown files; only the first {MAX_FILES} are checked",
                targets.len()
            ),
        ));
        targets.truncate(MAX_FILES);
    }
    let total = targets.len();
    progress(0, total);
    let mut configs = ConfigCache::default();
    let mut seen = HashSet::new();
    for (done, target) in targets.iter().enumerate() {
        if cancelled.load(Ordering::Relaxed) {
            return None;
        }
        seen.insert(target.path.clone());
        let folder = target.root.and_then(|i| job.folders.get(i));
        let previous = job.previous.get(&target.path).map(|(_, id)| id.as_str());
        match check_file(job, &mut configs, &target.path, folder, previous) {
            Checked::Report { report, is_draft } => {
                pulled.drafts += usize::from(is_draft);
                pulled.items.extend(report);
            }
            Checked::Skipped(why) => pulled.skipped.push((target.path.clone(), why)),
        }
        pulled.files += 1;
        progress(done + 1, total);
    }
    // A file the client had a report for, now gone from the disk, and a closed document the
    // search does not find: nothing to show for them any more.
    let gone = job
        .previous
        .iter()
        .filter(|(path, _)| !path.exists())
        .map(|(path, (uri, _))| (path, uri));
    let mut cleared = HashSet::new();
    {
        let mut stamps = lock(&job.stamps);
        stamps.retain(|path, _| seen.contains(path) || path.exists());
    }
    for (path, uri) in gone.chain(&job.closed) {
        if !seen.contains(path) && !job.open.contains(path) && cleared.insert(path) {
            pulled.items.push(full(uri.clone(), None, Vec::new()));
        }
    }
    Some(pulled)
}

/// The `textDocument/diagnostic` report of a document that is not open, from the disk: VS Code's
/// client, once it pulls workspace diagnostics, pulls a document once more after closing it.
/// A file that is no draft, or cannot be read, gets an empty report.
pub fn closed_document(job: &Job, path: &Path, previous: Option<&str>) -> DocumentDiagnosticReport {
    let folder = job.folders.iter().find(|f| path.starts_with(f));
    let mut configs = ConfigCache::default();
    let empty = || {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport::default(),
        })
    };
    match check_file(job, &mut configs, path, folder, previous) {
        Checked::Report {
            report: Some(WorkspaceDocumentDiagnosticReport::Full(full)),
            ..
        } => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: full.full_document_diagnostic_report,
        }),
        Checked::Report {
            report: Some(WorkspaceDocumentDiagnosticReport::Unchanged(unchanged)),
            ..
        } => DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: unchanged.unchanged_document_diagnostic_report,
        }),
        Checked::Report { report: None, .. } => empty(),
        Checked::Skipped(why) => {
            tracing::debug!("{}: {why}", path.display());
            empty()
        }
    }
}

enum Checked {
    /// The file's report, if it gets one.
    Report {
        report: Option<WorkspaceDocumentDiagnosticReport>,
        is_draft: bool,
    },
    Skipped(String),
}

fn check_file(
    job: &Job,
    configs: &mut ConfigCache,
    path: &Path,
    folder: Option<&PathBuf>,
    previous: Option<&str>,
) -> Checked {
    let Some(uri) = Uri::from_file_path(path) else {
        return Checked::Skipped("its path cannot be made a URI".to_owned());
    };
    let stamp = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_SIZE => {
            return Checked::Skipped(format!(
                "skipped: {} MiB, over the {} MiB limit for files that are not open; open it to check it",
                meta.len().div_ceil(1024 * 1024),
                MAX_FILE_SIZE / (1024 * 1024)
            ));
        }
        Ok(meta) => Stamp::of(&meta),
        Err(e) => return Checked::Skipped(files::describe_io_error(&e, "read")),
    };
    let (config, config_key) = configs.get(&job.settings, folder.map(PathBuf::as_path), path);
    let config_key = hash_of(&(config_key, format!("{:?}", job.encoding)));
    let unchanged = |uri, result_id| {
        let report = WorkspaceUnchangedDocumentDiagnosticReport {
            uri,
            version: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        };
        Checked::Report {
            report: Some(report.into()),
            is_draft: false,
        }
    };
    if let (Some(previous), Some(stamp)) = (previous, stamp) {
        let known = lock(&job.stamps).get(path).is_some_and(|known| {
            known.stamp == stamp && known.config == config_key && known.result_id == previous
        });
        if known {
            // As it was when read, under the same configuration: not read again.
            return unchanged(uri, previous.to_owned());
        }
    }
    let source = match files::read_source(path) {
        Ok(source) => source,
        Err(message) => return Checked::Skipped(message),
    };
    let result_id = result_id(&source.text, config_key);
    match stamp {
        Some(stamp) => {
            let known = Known {
                stamp,
                config: config_key,
                result_id: result_id.clone(),
            };
            lock(&job.stamps).insert(path.to_owned(), known);
        }
        None => {
            lock(&job.stamps).remove(path);
        }
    }
    if previous == Some(result_id.as_str()) {
        // Unchanged text under an unchanged configuration: the same diagnostics, not checked again.
        return unchanged(uri, result_id);
    }
    let doc = Document::new(&source.text);
    let shown_path = path.display().to_string();
    let analysis = Analysis::new(&doc, &config, Some(&shown_path));
    if !analysis.is_draft {
        // Not a draft: nothing to show; an empty report only replaces one the client holds.
        let report = previous.map(|_| full(uri, Some(result_id), Vec::new()));
        return Checked::Report {
            report,
            is_draft: false,
        };
    }
    let found = check_analysed(&doc, &config, &analysis);
    let items = found
        .iter()
        .map(|d| convert::diagnostic(&uri, doc.text(), d, job.encoding))
        .collect();
    Checked::Report {
        report: Some(full(uri, Some(result_id), items)),
        is_draft: true,
    }
}

fn full(
    uri: Uri,
    result_id: Option<String>,
    items: Vec<Diagnostic>,
) -> WorkspaceDocumentDiagnosticReport {
    WorkspaceFullDocumentDiagnosticReport {
        uri,
        version: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
    }
    .into()
}

/// What a file's diagnostics follow from: its text, and its configuration and the encoding
/// (`config_key`). `w` sets these apart from the ids of open documents' reports.
fn result_id(text: &str, config_key: u64) -> String {
    format!("w{:016x}", hash_of(&(text, config_key)))
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

fn lock(stamps: &Stamps) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Known>> {
    // A panic while the map was held leaves at worst a stamp too many: a file read again.
    stamps
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The configuration of each configuration file met in one request, read once, with a hash of
/// what it sets.
#[derive(Default)]
struct ConfigCache {
    by_file: HashMap<Option<PathBuf>, (Arc<Config>, u64)>,
}

impl ConfigCache {
    fn get(
        &mut self,
        settings: &Settings,
        folder: Option<&Path>,
        path: &Path,
    ) -> (Arc<Config>, u64) {
        let file = find_config_file_within(path, folder)
            .or_else(|| folder.and_then(|r| find_config_file_within(r, Some(r))));
        self.by_file
            .entry(file)
            .or_insert_with(|| {
                let (config, problems) = config_for(settings, folder, Some(path));
                for problem in problems {
                    tracing::debug!("{problem}");
                }
                let key = hash_of(&format!("{config:?}"));
                (Arc::new(config), key)
            })
            .clone()
    }
}
