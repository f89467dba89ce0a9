//! Running the rules over a document: levels from the configuration, suppression comments, and
//! diagnostics in document order.

use crate::analysis::Analysis;
use crate::config::{Config, FootnoteRepeats, Suppressions};
use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::document::Document;
use crate::rules::{Context, Rule, RULES};

/// The diagnostics of `doc`; `path`, when known, is matched against the draft globs.
pub fn check(doc: &Document, config: &Config, path: Option<&str>) -> Vec<Diagnostic> {
    let analysis = Analysis::once(doc, config, path);
    check_analysed(doc, config, &analysis)
}

/// Runs `rule` at its configured level, keeping what `keep` accepts and no suppression silences.
pub(crate) fn run_rule(
    rule: &Rule,
    ctx: &Context,
    suppressions: &Suppressions,
    keep: impl Fn(&Diagnostic) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    run_rule_as(rule, rule.check, ctx, suppressions, keep, out);
}

/// As [`run_rule`], with `check` doing the rule's work (on part of the draft, say).
pub(crate) fn run_rule_as(
    rule: &Rule,
    check: impl FnOnce(&Context, &mut Vec<Diagnostic>),
    ctx: &Context,
    suppressions: &Suppressions,
    keep: impl Fn(&Diagnostic) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let Level::On(severity) = level(rule, ctx.config) else {
        return;
    };
    let mut found = Vec::new();
    check(ctx, &mut found);
    out.extend(
        found
            .into_iter()
            .filter(|d| keep(d) && !suppressions.is_suppressed(rule.id, d.range.start))
            .map(|d| Diagnostic { severity, ..d }),
    );
}

/// The diagnostics of `doc` for an analysis already made.
pub fn check_analysed(doc: &Document, config: &Config, analysis: &Analysis) -> Vec<Diagnostic> {
    check_analysed_with(doc, config, analysis, RULES)
}

/// As [`check_analysed`], with the rules `rules` instead of [`RULES`] (for tests of a rule that is
/// not in the table).
#[doc(hidden)]
pub fn check_analysed_with(
    doc: &Document,
    config: &Config,
    analysis: &Analysis,
    rules: &[Rule],
) -> Vec<Diagnostic> {
    if !analysis.is_draft {
        return Vec::new();
    }
    let ctx = Context {
        doc,
        config,
        analysis,
    };
    let mut out = Vec::new();
    for rule in rules {
        run_rule(rule, &ctx, &analysis.suppressions, |_| true, &mut out);
    }
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    out
}

/// A rule's level: as configured, else its default (`footnote-repeated` is on at warning when
/// the configured style bans repeats).
pub fn level(rule: &Rule, config: &Config) -> Level {
    if let Some(level) = config.rules.get(rule.id) {
        return *level;
    }
    if rule.id == "footnote-repeated" && config.footnote_repeats == FootnoteRepeats::NewFootnote {
        return Level::On(Severity::Warning);
    }
    rule.default_level
}
