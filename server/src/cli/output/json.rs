//! `--format json`: one array, an object per diagnostic, lines and columns 1-based, columns in
//! Unicode characters. A fix shared by several diagnostics has one `id` on each, its `edits` on
//! the first.

use std::io::{self, Write};

use serde::Serialize;

use super::{FixNumbers, Report, Span};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    /// In a Word document: the place in Word; `line` and `column` are then those of the
    /// imported Markdown (`resolution-ls import`).
    #[serde(skip_serializing_if = "Option::is_none")]
    word: Option<JsonWordPlace<'a>>,
}

#[derive(Serialize)]
struct JsonWordPlace<'a> {
    /// `paragraph 12`, `footnote 7`, `page break after paragraph 9`.
    place: &'a str,
    /// The first words at the place.
    context: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    /// The same on every diagnostic that shares the fix (a draft-wide renumbering).
    id: usize,
    title: &'a str,
    /// `safe` (applied by `--fix`) or `unsafe` (only with `--unsafe-fixes`).
    applicability: &'a str,
    /// Listed on the first diagnostic with the fix's id only, so that a draft-wide fix is printed
    /// once, not once per paragraph it renumbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    edits: Option<Vec<JsonEdit<'a>>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    new_text: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut numbers = FixNumbers::default();
    let all: Vec<JsonDiagnostic> = report
        .items()
        .map(|(file, item)| {
            let Span {
                line,
                column,
                end_line,
                end_column,
            } = item.span;
            JsonDiagnostic {
                path: &file.path,
                code: item.rule,
                severity: item.severity.as_str(),
                message: &item.message,
                line,
                column,
                end_line,
                end_column,
                fix: item.fix.as_ref().map(|fix| {
                    let (id, first) = numbers.number(fix);
                    JsonFix {
                        id,
                        title: &fix.title,
                        applicability: fix.safety.as_str(),
                        edits: first.then(|| {
                            fix.edits
                                .iter()
                                .map(|(span, new_text)| JsonEdit {
                                    line: span.line,
                                    column: span.column,
                                    end_line: span.end_line,
                                    end_column: span.end_column,
                                    new_text,
                                })
                                .collect()
                        }),
                    }
                }),
                related: item
                    .related
                    .iter()
                    .map(|(span, message)| JsonRelated {
                        line: span.line,
                        column: span.column,
                        end_line: span.end_line,
                        end_column: span.end_column,
                        message,
                    })
                    .collect(),
                word: item.word.as_ref().map(|w| JsonWordPlace {
                    place: &w.place,
                    context: &w.context,
                }),
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::from)?;
    writeln!(out)
}
