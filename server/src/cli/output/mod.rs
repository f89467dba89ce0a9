//! What `check` found, with positions worked out, and the three ways of printing it.

pub mod human;
pub mod json;
pub mod sarif;

use std::collections::HashMap;
use std::sync::Arc;

use resolution_engine::refactor::Refactors;
use resolution_engine::{Diagnostic, Edit, Encoding, Safety, Severity, SourceText};

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// A range as 1-based lines and columns, columns counted in Unicode characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Span {
    pub fn of(text: &SourceText, range: &std::ops::Range<usize>) -> Span {
        let start = text.position(range.start, Encoding::Utf32);
        let end = text.position(range.end.max(range.start), Encoding::Utf32);
        Span {
            line: start.line + 1,
            column: start.col + 1,
            end_line: end.line + 1,
            end_column: end.col + 1,
        }
    }
}

/// A diagnostic with its positions.
#[derive(Clone, Debug)]
pub struct Item {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub related: Vec<(Span, String)>,
    pub fix: Option<ItemFix>,
    /// In a Word document, where a drafter finds the problem in Word (the lines and columns are
    /// then those of its imported Markdown).
    pub word: Option<WordPlace>,
}

/// A place in a Word document: `paragraph 12` or `footnote 7`, and the first words there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordPlace {
    pub place: String,
    pub context: String,
}

impl WordPlace {
    /// The place of the Markdown at `offset` of a Word document's import, with the words that
    /// start there (emphasis and superscript marks taken out).
    pub fn of(imported: &resolution_docx::Imported, offset: usize) -> Option<WordPlace> {
        let place = imported.place_at(offset)?;
        let block_end = imported
            .places
            .iter()
            .find(|(range, _)| range.contains(&offset))
            .map_or(imported.markdown.len(), |(range, _)| range.end);
        let text = imported.markdown.get(offset..block_end).unwrap_or("");
        let plain = text
            .replace("<sup>", "")
            .replace("</sup>", "")
            .replace('*', "");
        const WORDS: usize = 6;
        let words: Vec<&str> = plain.split_whitespace().take(WORDS + 1).collect();
        let mut context = words[..words.len().min(WORDS)].join(" ");
        if words.len() > WORDS {
            context.push('…');
        }
        Some(WordPlace {
            place: place.to_string(),
            context,
        })
    }
}

#[derive(Clone, Debug)]
pub struct ItemFix {
    pub title: String,
    pub safety: Safety,
    /// Shared by every diagnostic the same fix is offered on (a draft-wide renumbering rides on
    /// each paragraph it renumbers): the outputs print a shared list once.
    pub edits: Arc<SpannedEdits>,
}

/// A fix's edits with their positions: the range replaced and the new text.
pub type SpannedEdits = Vec<(Span, String)>;

/// The positions of each fix's edits, worked out once per fix however many diagnostics share
/// it (by the address of its edit list, which the diagnostics share).
#[derive(Default)]
pub struct FixSpans(HashMap<*const Vec<Edit>, Arc<SpannedEdits>>);

impl Item {
    /// `fix_edits`, the document analysed, when the fix's edits are wanted too (with their
    /// positions): only JSON and SARIF print them. `spans` must live no longer than `fix_edits`
    /// and the diagnostics.
    pub fn new(
        text: &SourceText,
        d: &Diagnostic,
        fix_edits: Option<&Refactors>,
        spans: &mut FixSpans,
    ) -> Item {
        Item {
            rule: d.rule,
            severity: d.severity,
            span: Span::of(text, &d.range),
            message: d.message.clone(),
            related: d
                .related
                .iter()
                .map(|r| (Span::of(text, &r.range), r.message.clone()))
                .collect(),
            fix: d.fix.as_ref().map(|f| ItemFix {
                title: f.title.clone(),
                safety: f.safety,
                edits: fix_edits.map_or_else(Default::default, |refactors| {
                    let edits = refactors.edits(f);
                    spans
                        .0
                        .entry(Arc::as_ptr(&edits))
                        .or_insert_with(|| {
                            Arc::new(
                                edits
                                    .iter()
                                    .map(|e| (Span::of(text, &e.range), e.new_text.clone()))
                                    .collect(),
                            )
                        })
                        .clone()
                }),
            }),
            word: None,
        }
    }
}

/// One checked file.
#[derive(Clone, Debug)]
pub struct FileResult {
    /// As the user named it.
    pub path: String,
    /// Sorted by position.
    pub items: Vec<Item>,
    pub is_draft: bool,
    /// Fixes written to the file (with `--fix`), or that would be (with `--diff` alone).
    pub fixes_applied: usize,
    /// How many of those each rule applied, by rule id.
    pub applied_by_rule: Vec<(&'static str, usize)>,
    /// The fixes as a unified diff (with `--diff`), when they change the file.
    pub diff: Option<String>,
}

/// A file that could not be checked or written.
#[derive(Clone, Debug)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

/// Everything one `check` found.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Sorted by path.
    pub files: Vec<FileResult>,
    pub errors: Vec<FileError>,
    /// Whether `--fix` was given.
    pub fix_mode: bool,
    /// Whether `--diff` was given without `--fix`: the fixes are shown, not written.
    pub dry_run: bool,
    /// Whether `--unsafe-fixes` was given.
    pub unsafe_fixes: bool,
}

/// Counts of what was found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Diagnostics with a safe fix.
    pub fixable: usize,
    /// Diagnostics with an unsafe fix.
    pub fixable_unsafe: usize,
    pub files_with_problems: usize,
    pub files_checked: usize,
    pub non_drafts: usize,
    pub fixes_applied: usize,
    pub files_fixed: usize,
    /// Fixes applied by rule id, in the order of the rule catalogue.
    pub applied_by_rule: Vec<(&'static str, usize)>,
}

impl Counts {
    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }
}

impl Report {
    pub fn items(&self) -> impl Iterator<Item = (&FileResult, &Item)> {
        self.files
            .iter()
            .flat_map(|f| f.items.iter().map(move |i| (f, i)))
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            files_checked: self.files.len(),
            ..Counts::default()
        };
        for file in &self.files {
            if !file.is_draft {
                c.non_drafts += 1;
            }
            if !file.items.is_empty() {
                c.files_with_problems += 1;
            }
            if file.fixes_applied > 0 {
                c.files_fixed += 1;
                c.fixes_applied += file.fixes_applied;
            }
            for &(rule, n) in &file.applied_by_rule {
                match c.applied_by_rule.iter_mut().find(|(r, _)| *r == rule) {
                    Some((_, total)) => *total += n,
                    None => c.applied_by_rule.push((rule, n)),
                }
            }
            for item in &file.items {
                match item.severity {
                    Severity::Error => c.errors += 1,
                    Severity::Warning => c.warnings += 1,
                    Severity::Info => c.infos += 1,
                    Severity::Hint => c.hints += 1,
                }
                match item.fix.as_ref().map(|f| f.safety) {
                    Some(Safety::Safe) => c.fixable += 1,
                    Some(Safety::Unsafe) => c.fixable_unsafe += 1,
                    None => {}
                }
            }
        }
        let catalogue_order = |rule: &str| {
            resolution_engine::rules::RULES
                .iter()
                .position(|r| r.id == rule)
        };
        c.applied_by_rule
            .sort_by_key(|(rule, _)| catalogue_order(rule));
        c
    }
}

/// `1 file`, `2 files`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Numbers each distinct fix of a report as the outputs meet it: a fix shared by several
/// diagnostics gets one number, and its edits are printed with the first of them only.
#[derive(Default)]
pub struct FixNumbers(HashMap<*const SpannedEdits, usize>);

impl FixNumbers {
    /// The fix's number, and whether this is the first time it is met.
    pub fn number(&mut self, fix: &ItemFix) -> (usize, bool) {
        let next = self.0.len();
        let number = *self.0.entry(Arc::as_ptr(&fix.edits)).or_insert(next);
        (number, number == next)
    }
}
