//! The rule catalogue of `drafting-rules.md` §3. One rule, one file; each is registered once in
//! [`RULES`]. A rule reads the [`Context`] (the document, its analysis, the configuration) and
//! pushes diagnostics; [`crate::check`] then applies severities and suppressions.

use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::document::Document;

/// What a rule sees.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub config: &'a Config,
    pub analysis: &'a Analysis,
}

impl Context<'_> {
    /// A diagnostic of `rule` at its default severity (the caller's table sets the final one).
    pub fn diagnostic(
        &self,
        rule: &'static str,
        range: std::ops::Range<usize>,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::Warning,
            range,
            message,
            related: Vec::new(),
            fix: None,
        }
    }
}

/// A rule: its stable id, default level, and the function that finds it.
pub struct Rule {
    pub id: &'static str,
    pub default_level: Level,
    /// What it reports, in one line.
    pub summary: &'static str,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

impl Rule {
    /// The rule's documentation: the doc comment of its file.
    pub fn docs(&self) -> &'static str {
        docs::RULE_DOCS
            .iter()
            .find(|(id, _)| *id == self.id)
            .map_or("", |(_, text)| text)
    }
}

mod docs {
    include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));
}

use Severity::{Error, Hint, Warning};

/// Every rule, in catalogue order.
pub static RULES: &[Rule] = &[];

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[allow(unused)]
const _LEVELS: [Severity; 3] = [Error, Hint, Warning];
