//! The command-line side of resolution-ls: `check`, `rules`, `completions`, and `import` and
//! `export` of Word drafts.

pub mod check;
pub mod config;
pub use resolution_ls::files;
pub mod generate;
pub mod output;
pub mod progress;
pub mod rules;
pub mod style;
pub mod word;

use resolution_engine::lang::Language;

/// `--language`: a language, or `auto` (from the organ line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LanguageChoice {
    Auto,
    Code(Language),
}

impl LanguageChoice {
    pub fn parse(code: &str) -> Option<LanguageChoice> {
        if code.trim().eq_ignore_ascii_case("auto") {
            return Some(LanguageChoice::Auto);
        }
        Language::from_code(code).map(LanguageChoice::Code)
    }
}
