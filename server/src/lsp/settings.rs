//! Editor settings: what `initializationOptions`, `workspace/configuration` and
//! `workspace/didChangeConfiguration` may carry. They override `resolution-ls.toml`.
//!
//! Every key is optional; the object may come bare or under a `resolution-ls` key.
//!
//! | key | values | effect |
//! |---|---|---|
//! | `language` | `auto`, `ar`, `en`, `es`, `fr`, `ru`, `zh` | the draft's language |
//! | `draft` | `auto`, `always`, `never` | whether files are checked as drafts |
//! | `draftGlobs` | list of globs | names that make a file a draft |
//! | `ibidForm` | `dominant`, `italic`, `roman` | how Ibid. should be written |
//! | `footnoteRepeats` | `allowed`, `new-footnote` | the footnote repeat style |
//! | `italicOpeners` | `auto`, `always`, `never` | whether opener rules apply (auto: not in Arabic and Chinese) |
//! | `rules` | `{ "rule-id": "off" \| "hint" \| "info" \| "warning" \| "error" }` | severities |
//! | `phrases` | `{ "preambular": [...], "operative": [...] }` | extra opener phrases |
//! | `debounceMs` | milliseconds (default 200) | delay before pushed diagnostics |
//! | `paranoid` | `true`/`false` | re-parse from scratch after each edit and log any difference |
//! | `inlayHints` | `true` (default)/`false` | show after each Ibid. the footnote it stands for |

use serde::Deserialize;
use serde_json::Value;

use resolution_engine::config::{DraftMode, FootnoteRepeats, IbidForm, ItalicOpeners};
use resolution_engine::lang::Language;
use resolution_engine::{Config, Level};

pub const DEFAULT_DEBOUNCE_MS: u64 = 200;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub language: Option<String>,
    pub draft: Option<String>,
    pub draft_globs: Option<Vec<String>>,
    pub ibid_form: Option<String>,
    pub footnote_repeats: Option<String>,
    pub italic_openers: Option<String>,
    pub rules: std::collections::BTreeMap<String, String>,
    pub phrases: Phrases,
    pub debounce_ms: Option<u64>,
    pub paranoid: bool,
    pub inlay_hints: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Phrases {
    pub preambular: Vec<String>,
    pub operative: Vec<String>,
}

impl Settings {
    /// Reads settings from a JSON value, bare or under `resolution-ls`. `null` and `{}` give the
    /// defaults; problems come back as messages, and the keys that were understood still apply.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let value = value.get("resolution-ls").unwrap_or(value);
        if value.is_null() {
            return (Settings::default(), Vec::new());
        }
        match serde_json::from_value::<Settings>(value.clone()) {
            Ok(settings) => {
                let problems = settings.problems();
                (settings, problems)
            }
            Err(e) => (Settings::default(), vec![format!("settings ignored: {e}")]),
        }
    }

    /// Whether Ibid. inlay hints are shown (they are unless turned off).
    pub fn inlay_hints(&self) -> bool {
        self.inlay_hints.unwrap_or(true)
    }

    pub fn debounce(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.debounce_ms.unwrap_or(DEFAULT_DEBOUNCE_MS))
    }

    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut scratch = Config::default();
        self.apply_to(&mut scratch, &mut problems);
        problems
    }

    /// Lays these settings over `config` (from `resolution-ls.toml` or the defaults).
    pub fn apply(&self, config: &mut Config) {
        self.apply_to(config, &mut Vec::new());
    }

    fn apply_to(&self, config: &mut Config, problems: &mut Vec<String>) {
        if let Some(language) = &self.language {
            match language.as_str() {
                "auto" => config.language = None,
                code => match Language::from_code(code) {
                    Some(l) => config.language = Some(l),
                    None => problems.push(format!("unknown language `{code}`")),
                },
            }
        }
        if let Some(draft) = &self.draft {
            match draft.as_str() {
                "auto" => config.draft = DraftMode::Auto,
                "always" => config.draft = DraftMode::Always,
                "never" => config.draft = DraftMode::Never,
                other => problems.push(format!("unknown draft mode `{other}`")),
            }
        }
        if let Some(globs) = &self.draft_globs {
            config.draft_globs = globs.clone();
        }
        if let Some(form) = &self.ibid_form {
            match form.as_str() {
                "dominant" | "auto" => config.ibid_form = IbidForm::Dominant,
                "italic" => config.ibid_form = IbidForm::Italic,
                "roman" => config.ibid_form = IbidForm::Roman,
                other => problems.push(format!("unknown Ibid. form `{other}`")),
            }
        }
        if let Some(repeats) = &self.footnote_repeats {
            match repeats.as_str() {
                "allowed" => config.footnote_repeats = FootnoteRepeats::Allowed,
                "new-footnote" => config.footnote_repeats = FootnoteRepeats::NewFootnote,
                other => problems.push(format!("unknown footnote repeat style `{other}`")),
            }
        }
        if let Some(openers) = &self.italic_openers {
            match ItalicOpeners::parse(openers) {
                Some(value) => config.italic_openers = value,
                None => problems.push(format!("unknown italicOpeners value `{openers}`")),
            }
        }
        for (rule, level) in &self.rules {
            match (resolution_engine::rules::rule(rule), Level::parse(level)) {
                (Some(_), Some(level)) => {
                    config.rules.insert(rule.clone(), level);
                }
                (None, _) => problems.push(format!("unknown rule `{rule}`")),
                (_, None) => problems.push(format!("unknown severity `{level}` for `{rule}`")),
            }
        }
        config
            .extra_preambular
            .extend(self.phrases.preambular.iter().cloned());
        config
            .extra_operative
            .extend(self.phrases.operative.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use resolution_engine::Severity;
    use serde_json::json;

    #[test]
    fn reads_bare_or_nested_settings() {
        let value = json!({"resolution-ls": {"language": "fr", "rules": {"opener-unknown": "error"}, "debounceMs": 50}});
        let (settings, problems) = Settings::from_json(&value);
        assert_eq!(problems, Vec::<String>::new());
        let mut config = Config::default();
        settings.apply(&mut config);
        assert_eq!(config.language, Some(Language::French));
        assert_eq!(config.rules["opener-unknown"], Level::On(Severity::Error));
        assert_eq!(settings.debounce().as_millis(), 50);
        assert!(settings.inlay_hints(), "on unless turned off");
        let (settings, problems) = Settings::from_json(&json!({"inlayHints": false}));
        assert_eq!(problems, Vec::<String>::new());
        assert!(!settings.inlay_hints());
    }

    #[test]
    fn reports_what_it_cannot_use() {
        let (_, problems) =
            Settings::from_json(&json!({"language": "xx", "rules": {"nope": "off"}}));
        assert_eq!(problems, ["unknown language `xx`", "unknown rule `nope`"]);
        let (settings, problems) = Settings::from_json(&json!({"debounceMs": "soon"}));
        assert_eq!(settings, Settings::default());
        assert_eq!(problems.len(), 1);
    }
}
