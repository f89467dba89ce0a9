//! Fixing a whole draft: the fixes a selection takes, applied round after round until none
//! applies (`check --fix`, "fix all" in an editor).

use crate::check::check;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Fix};
use crate::document::Document;
use crate::fix::{apply_edits, compatible_fixes};
use crate::refactor::Refactors;
use crate::rules::RULES;

/// Which fixes [`fix_all`] applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixSelection {
    /// Safe fixes only: what `check --fix` and "fix all" in an editor apply.
    #[default]
    Safe,
    /// Unsafe fixes too (`--unsafe-fixes`).
    WithUnsafe,
}

impl FixSelection {
    /// Whether `fix` is one to apply.
    pub fn takes(self, fix: &Fix) -> bool {
        self == FixSelection::WithUnsafe || fix.is_safe()
    }
}

/// The result of fixing a text: the new text and how many fixes went in.
#[derive(Debug, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    pub fixes_applied: usize,
    /// How many fixes each rule had applied, by rule id, in catalogue order.
    pub applied_by_rule: Vec<(&'static str, usize)>,
    /// Diagnostics left after fixing.
    pub remaining: Vec<Diagnostic>,
    /// Fixes left unapplied because they are unsafe (with [`FixSelection::Safe`]).
    pub unsafe_left: usize,
}

/// Applies the safe fixes, round after round until none applies (see [`fix_all_with`]).
pub fn fix_all(text: &str, config: &Config, path: Option<&str>) -> Fixed {
    fix_all_with(text, config, path, FixSelection::Safe)
}

/// Applies every fix `selection` takes, round after round until none applies (at most ten
/// rounds: a fix can make room for another that clashed with it). A round after which the draft
/// has more findings than before it is taken back, and fixing stops there: fixing never leaves a
/// draft with more findings than it had.
pub fn fix_all_with(
    text: &str,
    config: &Config,
    path: Option<&str>,
    selection: FixSelection,
) -> Fixed {
    let mut text = text.to_owned();
    let mut by_rule = vec![0usize; RULES.len()];
    // The text, the counts and the number of findings before the last round.
    let mut previous: Option<(String, Vec<usize>, usize)> = None;
    let mut diagnostics;
    let mut rounds = 0;
    loop {
        let doc = Document::new(&text);
        let refactors = Refactors::new(&doc, config, path);
        diagnostics = refactors.diagnostics();
        if let Some((before, counts_before, found_before)) = previous.take() {
            if diagnostics.len() > found_before {
                text = before;
                by_rule = counts_before;
                diagnostics = check(&Document::new(&text), config, path);
                break;
            }
        }
        if rounds == 10 {
            break;
        }
        rounds += 1;
        let chosen: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| selection.takes(f)))
            .collect();
        let lists: Vec<_> = chosen
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .map(|fix| refactors.edits(fix))
            .collect();
        let (edits, taken) = compatible_fixes(&lists);
        if edits.is_empty() {
            break;
        }
        let new_text = apply_edits(&text, &edits);
        if new_text == text {
            break;
        }
        previous = Some((
            std::mem::replace(&mut text, new_text),
            by_rule.clone(),
            diagnostics.len(),
        ));
        for (d, _) in chosen.iter().zip(&taken).filter(|(_, &t)| t) {
            if let Some(k) = RULES.iter().position(|r| r.id == d.rule) {
                by_rule[k] += 1;
            }
        }
    }
    let unsafe_left = diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| !selection.takes(f)))
        .count();
    let applied_by_rule: Vec<(&'static str, usize)> = RULES
        .iter()
        .zip(by_rule)
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| (r.id, n))
        .collect();
    Fixed {
        text,
        fixes_applied: applied_by_rule.iter().map(|(_, n)| n).sum(),
        applied_by_rule,
        remaining: diagnostics,
        unsafe_left,
    }
}
