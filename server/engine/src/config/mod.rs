//! Settings: what `resolution-ls.toml` and the editor can set, with their defaults.

mod file;
mod suppression;

pub use file::{
    find_config_file, find_config_file_within, normalize_lexically, read_config_file, ConfigError,
    CONFIG_FILE_NAME, MAX_CONFIG_FILE_BYTES,
};
pub use suppression::Suppressions;

use std::collections::BTreeMap;

use globset::{Glob, GlobSetBuilder};

use crate::diagnostic::Level;
use crate::lang::Language;

/// How Ibid. should be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum IbidForm {
    /// Whichever form the draft uses most (italic on a tie, as the UN editorial manual has it).
    #[default]
    Dominant,
    Italic,
    Roman,
}

/// Whether a footnote number may be referenced twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FootnoteRepeats {
    /// The older UN style: a repeated reference reuses the number.
    #[default]
    Allowed,
    /// The current style: "a new footnote with the identical text should be inserted". Turns
    /// `footnote-repeated` on at warning unless its severity is set.
    NewFootnote,
}

/// Whether the opener rules apply: drafts in English, French, Spanish and Russian put openers in
/// italics; Arabic and Chinese drafts do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ItalicOpeners {
    /// As the draft's language does.
    #[default]
    Auto,
    /// Check openers whatever the language (an Arabic or Chinese house style with italic openers).
    Always,
    /// Never check openers.
    Never,
}

impl ItalicOpeners {
    pub fn parse(value: &str) -> Option<ItalicOpeners> {
        Some(match value {
            "auto" => ItalicOpeners::Auto,
            "always" => ItalicOpeners::Always,
            "never" => ItalicOpeners::Never,
            _ => return None,
        })
    }

    /// Whether openers are checked in a draft in `language`.
    pub fn apply_to(self, language: Language) -> bool {
        match self {
            ItalicOpeners::Auto => language.italicizes_openers(),
            ItalicOpeners::Always => true,
            ItalicOpeners::Never => false,
        }
    }
}

/// Whether a file is checked as a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DraftMode {
    /// A draft when it has an organ line, a name matching `draft_globs`, or an enabling comment.
    #[default]
    Auto,
    Always,
    Never,
}

/// The effective configuration of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `None`: taken from the organ line, English when there is none.
    pub language: Option<Language>,
    /// Severities set per rule id; the others keep their defaults.
    pub rules: BTreeMap<String, Level>,
    pub ibid_form: IbidForm,
    pub footnote_repeats: FootnoteRepeats,
    pub italic_openers: ItalicOpeners,
    pub extra_preambular: Vec<String>,
    pub extra_operative: Vec<String>,
    pub draft: DraftMode,
    pub draft_globs: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            language: None,
            rules: BTreeMap::new(),
            ibid_form: IbidForm::Dominant,
            footnote_repeats: FootnoteRepeats::Allowed,
            italic_openers: ItalicOpeners::Auto,
            extra_preambular: Vec::new(),
            extra_operative: Vec::new(),
            draft: DraftMode::Auto,
            draft_globs: vec!["*.res.md".to_owned(), "*.resolution.md".to_owned()],
        }
    }
}

impl Config {
    /// Whether a file name matches the draft globs (matched against the name and the whole path).
    pub fn matches_draft_glob(&self, path: &str) -> bool {
        let mut builder = GlobSetBuilder::new();
        for glob in &self.draft_globs {
            if let Ok(glob) = Glob::new(glob) {
                builder.add(glob);
            }
        }
        let Ok(set) = builder.build() else {
            return false;
        };
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        set.is_match(name) || set.is_match(path)
    }
}
