//! `resolution-ls.toml`: found in a draft's folder or the nearest parent that has one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{Config, DraftMode, FootnoteRepeats, IbidForm, ItalicOpeners};
use crate::diagnostic::Level;
use crate::lang::Language;
use crate::rule_docs::is_rule_id;

pub const CONFIG_FILE_NAME: &str = "resolution-ls.toml";

/// A problem in a configuration file, with the 1-based line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The configuration file that applies to `path`: in its folder or the nearest parent.
pub fn find_config_file(path: &Path) -> Option<PathBuf> {
    find_config_file_within(path, None)
}

/// As [`find_config_file`], but looking no higher than `root`: the language server reads only
/// the configuration files of the workspace it serves. Both paths are first normalized (`..`
/// resolved, as a URI's `%2E%2E` becomes), so a path that only seems to lie inside the root is
/// outside it; for a path outside the root, there is none (the caller falls back to the root's
/// own file).
pub fn find_config_file_within(path: &Path, root: Option<&Path>) -> Option<PathBuf> {
    let path = normalize_lexically(path);
    let root = root.map(normalize_lexically);
    let start = if path.is_dir() {
        Some(path.as_path())
    } else {
        path.parent()
    }?;
    if root.as_ref().is_some_and(|r| !start.starts_with(r)) {
        return None;
    }
    let mut dirs = start.ancestors();
    std::iter::from_fn(|| {
        let dir = dirs.next()?;
        let past_root = root.as_ref().is_some_and(|r| !dir.starts_with(r));
        (!past_root).then(|| dir.join(CONFIG_FILE_NAME))
    })
    .find(|candidate| candidate.is_file())
}

/// `path` with `.` and `..` resolved by their names alone (`/ws/drafts/../../etc` is `/etc`),
/// without reading the file system; `..` above the top stays at the top.
pub fn normalize_lexically(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() || out.as_os_str().is_empty() {
                    // Relative paths keep a leading `..`; absolute ones stop at the root.
                    if !path.has_root() {
                        out.push("..");
                    }
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The largest configuration file read; a bigger one is refused (it cannot be a real one).
pub const MAX_CONFIG_FILE_BYTES: u64 = 1 << 20;

/// Reads a configuration file, refusing one over [`MAX_CONFIG_FILE_BYTES`] without reading it
/// whole.
pub fn read_config_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut text = String::new();
    file.take(MAX_CONFIG_FILE_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX_CONFIG_FILE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "it is over {} KiB, too large for a configuration file",
                MAX_CONFIG_FILE_BYTES >> 10
            ),
        ));
    }
    Ok(text)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    language: Option<Spanned<String>>,
    draft: Option<Spanned<String>>,
    draft_globs: Option<Vec<String>>,
    ibid_form: Option<Spanned<String>>,
    footnote_repeats: Option<Spanned<String>>,
    italic_openers: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    phrases: RawPhrases,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPhrases {
    #[serde(default)]
    preambular: Vec<String>,
    #[serde(default)]
    operative: Vec<String>,
}

impl Config {
    /// Reads a configuration file's text. A file that is not valid TOML, or has a key of the wrong
    /// type, gives the defaults and one error; a bad value gives an error and leaves that setting
    /// at its default.
    pub fn from_toml(text: &str) -> (Config, Vec<ConfigError>) {
        let mut config = Config::default();
        let mut errors = Vec::new();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of(text, s.start));
                errors.push(ConfigError {
                    line,
                    message: format!("{}; using the default settings", e.message().trim()),
                });
                return (config, errors);
            }
        };
        let mut bad = |value: &Spanned<String>, what: &str, allowed: &str| {
            errors.push(value_error(
                text,
                value,
                format!(
                    "`{}` is not a valid {what} (expected {allowed})",
                    value.get_ref()
                ),
            ));
        };
        if let Some(language) = &raw.language {
            match language.get_ref().as_str() {
                "auto" => config.language = None,
                code => match Language::from_code(code) {
                    Some(l) => config.language = Some(l),
                    None => bad(language, "language", "auto, ar, en, es, fr, ru or zh"),
                },
            }
        }
        if let Some(draft) = &raw.draft {
            match draft.get_ref().as_str() {
                "auto" => config.draft = DraftMode::Auto,
                "always" => config.draft = DraftMode::Always,
                "never" => config.draft = DraftMode::Never,
                _ => bad(draft, "draft mode", "auto, always or never"),
            }
        }
        if let Some(globs) = raw.draft_globs {
            config.draft_globs = globs;
        }
        if let Some(form) = &raw.ibid_form {
            match form.get_ref().as_str() {
                "dominant" | "auto" => config.ibid_form = IbidForm::Dominant,
                "italic" => config.ibid_form = IbidForm::Italic,
                "roman" => config.ibid_form = IbidForm::Roman,
                _ => bad(form, "Ibid. form", "dominant, italic or roman"),
            }
        }
        if let Some(repeats) = &raw.footnote_repeats {
            match repeats.get_ref().as_str() {
                "allowed" => config.footnote_repeats = FootnoteRepeats::Allowed,
                "new-footnote" => config.footnote_repeats = FootnoteRepeats::NewFootnote,
                _ => bad(repeats, "footnote repeat style", "allowed or new-footnote"),
            }
        }
        if let Some(openers) = &raw.italic_openers {
            match ItalicOpeners::parse(openers.get_ref()) {
                Some(value) => config.italic_openers = value,
                None => bad(openers, "italic-openers value", "auto, always or never"),
            }
        }
        for (rule, level) in &raw.rules {
            let error = if !is_rule_id(rule) {
                format!("unknown rule `{rule}` (`resolution-ls rules` lists them)")
            } else if let Some(l) = Level::parse(level.get_ref()) {
                config.rules.insert(rule.clone(), l);
                continue;
            } else {
                format!(
                    "`{}` is not a valid severity (expected off, hint, info, warning or error)",
                    level.get_ref()
                )
            };
            errors.push(value_error(text, level, error));
        }
        errors.sort_by_key(|e| e.line);
        config.extra_preambular = raw.phrases.preambular;
        config.extra_operative = raw.phrases.operative;
        (config, errors)
    }
}

fn value_error(text: &str, value: &Spanned<String>, message: String) -> ConfigError {
    ConfigError {
        line: line_of(text, value.span().start),
        message,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn paths_are_normalized_by_their_names() {
        assert_eq!(
            normalize_lexically(Path::new("/ws/drafts/../../etc/./x")),
            Path::new("/etc/x")
        );
        assert_eq!(normalize_lexically(Path::new("/../../x")), Path::new("/x"));
        assert_eq!(
            normalize_lexically(Path::new("a/../../x")),
            Path::new("../x")
        );
    }

    #[test]
    fn finds_the_nearest_file_and_stops_at_the_root() {
        let dir = std::env::temp_dir().join(format!("resolution-ls-config-{}", std::process::id()));
        let workspace = dir.join("workspace");
        let drafts = workspace.join("drafts");
        std::fs::create_dir_all(&drafts).unwrap();
        std::fs::write(dir.join(CONFIG_FILE_NAME), "").unwrap();
        let draft = drafts.join("a.res.md");
        assert_eq!(find_config_file(&draft), Some(dir.join(CONFIG_FILE_NAME)));
        assert_eq!(find_config_file_within(&draft, Some(&workspace)), None);
        std::fs::write(workspace.join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(
            find_config_file_within(&draft, Some(&workspace)),
            Some(workspace.join(CONFIG_FILE_NAME))
        );
        // A document outside the root, or one that only seems inside it, reads nothing of its
        // own folders.
        assert_eq!(
            find_config_file_within(&draft, Some(Path::new("/elsewhere"))),
            None
        );
        let climbing = workspace.join("drafts/../../other/a.res.md");
        std::fs::create_dir_all(dir.join("other")).unwrap();
        std::fs::write(dir.join("other").join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(find_config_file_within(&climbing, Some(&workspace)), None);
        assert_eq!(
            find_config_file(&climbing),
            Some(dir.join("other").join(CONFIG_FILE_NAME))
        );
        // Too large to be a configuration file: refused without being read whole.
        let huge = dir.join("huge.toml");
        std::fs::write(&huge, vec![b'#'; (MAX_CONFIG_FILE_BYTES + 1) as usize]).unwrap();
        let error = read_config_file(&huge).unwrap_err();
        assert!(error.to_string().contains("too large"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reads_every_setting() {
        let (config, errors) = Config::from_toml(
            r#"
language = "fr"
draft = "always"
draft-globs = ["*.draft.md"]
ibid-form = "roman"
footnote-repeats = "new-footnote"
italic-openers = "always"

[rules]
opener-unknown = "off"
footnote-order = "error"

[phrases]
preambular = ["Noting with alarm"]
operative = ["Calls for action"]
"#,
        );
        assert_eq!(errors, []);
        assert_eq!(config.language, Some(Language::French));
        assert_eq!(config.draft, DraftMode::Always);
        assert_eq!(config.draft_globs, ["*.draft.md"]);
        assert_eq!(config.ibid_form, IbidForm::Roman);
        assert_eq!(config.footnote_repeats, FootnoteRepeats::NewFootnote);
        assert_eq!(config.italic_openers, ItalicOpeners::Always);
        assert_eq!(config.rules["opener-unknown"], Level::Off);
        assert_eq!(config.rules["footnote-order"], Level::On(Severity::Error));
        assert_eq!(config.extra_preambular, ["Noting with alarm"]);
        assert_eq!(config.extra_operative, ["Calls for action"]);
    }

    #[test]
    fn syntax_error_gives_defaults_and_its_line() {
        let (config, errors) = Config::from_toml("language = \"en\"\n\n[rules\n");
        assert_eq!(config, Config::default());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
    }

    #[test]
    fn bad_values_are_reported_on_their_line_and_skipped() {
        let (config, errors) = Config::from_toml(
            "language = \"xx\"\n[rules]\nno-such-rule = \"off\"\nfootnote-order = \"loud\"\n",
        );
        assert_eq!(config.language, None);
        assert!(config.rules.is_empty());
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 3, 4]);
        assert!(errors[1].message.contains("unknown rule `no-such-rule`"));
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let (_, errors) = Config::from_toml("language = \"en\"\ncolour = \"red\"\n");
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].message.contains("colour"),
            "{}",
            errors[0].message
        );
    }
}
