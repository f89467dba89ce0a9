//! The configuration of each checked file: `--config FILE`, or the `resolution-ls.toml` found in
//! the file's folder or the nearest parent (read once per folder), with `--language` and `--draft`
//! on top.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use resolution_engine::config::{find_config_file, read_config_file, DraftMode};
use resolution_engine::Config;

use super::files::describe_io_error;
use super::style::{report_error, report_warning};
use super::LanguageChoice;

/// Settings from the command line that override every configuration file.
#[derive(Clone, Copy, Debug, Default)]
pub struct Overrides {
    pub language: Option<LanguageChoice>,
    pub draft: Option<DraftMode>,
}

impl Overrides {
    fn apply(&self, mut config: Config) -> Config {
        match self.language {
            Some(LanguageChoice::Auto) => config.language = None,
            Some(LanguageChoice::Code(language)) => config.language = Some(language),
            None => {}
        }
        if let Some(draft) = self.draft {
            config.draft = draft;
        }
        config
    }
}

/// Finds and reads configuration files, each once; problems in them are reported on stderr as
/// warnings, and the settings `Config::from_toml` kept apply.
pub struct Resolver {
    overrides: Overrides,
    cwd: PathBuf,
    /// `--config FILE`, read.
    fixed: Option<Arc<Config>>,
    /// The configuration of each folder that holds a checked file.
    by_dir: HashMap<PathBuf, Arc<Config>>,
    /// Each configuration file read.
    by_file: HashMap<PathBuf, Arc<Config>>,
    default: Arc<Config>,
}

impl Resolver {
    /// A resolver; with `config_file`, that file is read now, and an unreadable one is an error
    /// (reported; `Err` then).
    pub fn new(config_file: Option<&Path>, overrides: Overrides) -> Result<Resolver, ()> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
        let fixed = match config_file {
            None => None,
            Some(path) => match read_config_file(path) {
                Ok(text) => Some(Arc::new(overrides.apply(parse(&text, path)))),
                Err(e) => {
                    report_error(format!(
                        "{}: {}",
                        path.display(),
                        describe_io_error(&e, "read")
                    ));
                    return Err(());
                }
            },
        };
        Ok(Resolver {
            overrides,
            cwd,
            fixed,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            default: Arc::new(overrides.apply(Config::default())),
        })
    }

    /// The configuration of the draft at `path`.
    pub fn config_for(&mut self, path: &Path) -> Arc<Config> {
        if let Some(config) = &self.fixed {
            return config.clone();
        }
        let parent = path.parent().unwrap_or(Path::new(""));
        let dir = self.cwd.join(parent);
        // Canonical, so that `..` goes to the real parent when looking upwards.
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        if let Some(config) = self.by_dir.get(&dir) {
            return config.clone();
        }
        let config = match find_config_file(&dir) {
            None => self.default.clone(),
            Some(file) => {
                if let Some(config) = self.by_file.get(&file) {
                    config.clone()
                } else {
                    let shown = self.shown(&file);
                    let config = match read_config_file(&file) {
                        Ok(text) => parse(&text, &shown),
                        Err(e) => {
                            report_warning(format!(
                                "{}: {}; using the default settings",
                                shown.display(),
                                describe_io_error(&e, "read")
                            ));
                            Config::default()
                        }
                    };
                    let config = Arc::new(self.overrides.apply(config));
                    self.by_file.insert(file, config.clone());
                    config
                }
            }
        };
        self.by_dir.insert(dir, config.clone());
        config
    }

    /// A path to show: relative to the working directory when it is inside it.
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.cwd)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    }
}

/// Parses a configuration file, reporting each problem as `warning: PATH:LINE: message`.
fn parse(text: &str, shown: &Path) -> Config {
    let (config, errors) = Config::from_toml(text);
    for error in errors {
        report_warning(format!(
            "{}:{}: {}",
            shown.display(),
            error.line,
            error.message
        ));
    }
    config
}
