//! Helpers for the rule tests: run the checker on a small draft and show its diagnostics as a
//! drafter would read them (`line:column-line:column rule: message`, 1-based, columns in
//! characters).

#![allow(dead_code)]

use resolution_engine::fix::apply_edits;
use resolution_engine::refactor::Refactors;
use resolution_engine::{check, Config, Diagnostic, Document, Encoding};

pub fn run(text: &str, config: &Config) -> (Document, Vec<Diagnostic>) {
    let doc = Document::new(text);
    let diagnostics = check(&doc, config, None);
    (doc, diagnostics)
}

pub fn show(doc: &Document, d: &Diagnostic) -> String {
    let start = doc.text().position(d.range.start, Encoding::Utf32);
    let end = doc.text().position(d.range.end, Encoding::Utf32);
    format!(
        "{}:{}-{}:{} {}: {}",
        start.line + 1,
        start.col + 1,
        end.line + 1,
        end.col + 1,
        d.rule,
        d.message
    )
}

/// Every diagnostic of `text` under the default configuration.
pub fn diagnostics(text: &str) -> Vec<String> {
    diagnostics_with(text, &Config::default())
}

pub fn diagnostics_with(text: &str, config: &Config) -> Vec<String> {
    let (doc, found) = run(text, config);
    found.iter().map(|d| show(&doc, d)).collect()
}

/// Only the diagnostics of `rule`.
pub fn diagnostics_of(text: &str, rule: &str) -> Vec<String> {
    let (doc, found) = run(text, &Config::default());
    found
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| show(&doc, d))
        .collect()
}

/// The text after applying the fix of the first diagnostic of `rule`.
pub fn fixed(text: &str, rule: &str) -> String {
    fixed_with(text, rule, &Config::default())
}

pub fn fixed_with(text: &str, rule: &str, config: &Config) -> String {
    let (doc, found) = run(text, config);
    let d = found
        .iter()
        .find(|d| d.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} diagnostic"));
    let fix = d
        .fix
        .as_ref()
        .unwrap_or_else(|| panic!("{rule} has no fix"));
    let edits = Refactors::new(&doc, config, None).edits(fix);
    assert!(!edits.is_empty(), "{rule}'s fix changes nothing");
    apply_edits(text, &edits)
}

/// A draft: organ line, then the given paragraphs separated by blank lines.
pub fn draft(paragraphs: &[&str]) -> String {
    let mut text = String::from("*The General Assembly*,\n");
    for p in paragraphs {
        text.push('\n');
        text.push_str(p);
        text.push('\n');
    }
    text
}
