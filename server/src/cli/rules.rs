//! `resolution-ls rules`: every rule with its default level and summary; `rules ID` (or
//! `--explain ID`): that rule's documentation; `rules guide`: how a draft with a mistake is read
//! and which fixes are safe.

use std::io::{self, Write};
use std::process::ExitCode;

use resolution_engine::rules::{rule, GUIDE, RULES};

use super::style::{paint, report_error, PATH};

pub fn run(id: Option<&str>) -> ExitCode {
    let mut out = anstream::stdout().lock();
    let written = match id {
        None => list(&mut out),
        Some("guide") => writeln!(out, "{GUIDE}"),
        Some(id) => match rule(id) {
            Some(rule) => explain(rule, &mut out),
            None => {
                report_error(format!(
                    "unknown rule `{id}`; `resolution-ls rules` lists the {} rules",
                    RULES.len()
                ));
                return ExitCode::from(2);
            }
        },
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report_error(format!("could not write the output ({e})"));
            ExitCode::from(2)
        }
    }
}

/// `id  level  summary`, one rule a line, in catalogue order, columns aligned.
fn list(out: &mut dyn Write) -> io::Result<()> {
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in RULES {
        writeln!(
            out,
            "{}  {:<7}  {}",
            paint(PATH, format_args!("{:<width$}", rule.id)),
            rule.default_level.as_str(),
            rule.summary
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{POINTER}")
}

/// Where the rules' shared page is.
const POINTER: &str = "How a draft with a mistake is read, and which fixes --fix makes (safe) or \
                       only --unsafe-fixes does: resolution-ls rules guide";

fn explain(rule: &resolution_engine::rules::Rule, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} (default: {})",
        paint(PATH, rule.id),
        rule.default_level.as_str()
    )?;
    writeln!(out)?;
    let docs = rule.docs().trim();
    if docs.is_empty() {
        writeln!(out, "{}", rule.summary)?;
    } else {
        writeln!(out, "{}", for_terminal(docs))?;
    }
    writeln!(out)?;
    writeln!(out, "{POINTER}")
}

/// A rule's Markdown documentation as terminal text: its own `## id (level)` heading left out
/// (the header above says it), other headings and `**labels**` in bold (plain when piped, as
/// anstream strips the styles). Backticks stay: they mark draft text, where `*` is the
/// draft's own italics.
fn for_terminal(docs: &str) -> String {
    let mut lines = docs.lines().peekable();
    if lines.peek().is_some_and(|l| l.starts_with("## ")) {
        lines.next();
        while lines.peek().is_some_and(|l| l.trim().is_empty()) {
            lines.next();
        }
    }
    lines
        .map(|line| {
            if let Some(heading) = line.strip_prefix('#') {
                return paint(PATH, heading.trim_start_matches('#').trim());
            }
            let mut out = String::new();
            let mut rest = line;
            while let Some(start) = rest.find("**") {
                let Some(len) = rest[start + 2..].find("**") else {
                    break;
                };
                out.push_str(&rest[..start]);
                out.push_str(&paint(PATH, &rest[start + 2..start + 2 + len]));
                rest = &rest[start + 2 + len + 2..];
            }
            out.push_str(rest);
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}
