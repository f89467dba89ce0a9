//! `--format human`: one line a diagnostic, `path:line:column: severity[rule-id]: message`, then a
//! summary. Colour comes from the stream (see [`crate::cli::style`]).

use std::io::{self, Write};

use super::{plural, Counts, Report};
use crate::cli::style::{self, paint};

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for (file, item) in report.items() {
        writeln!(
            out,
            "{}: {}{}: {}",
            paint(
                style::PATH,
                format_args!("{}:{}:{}", file.path, item.span.line, item.span.column)
            ),
            paint(style::severity(item.severity), item.severity.as_str()),
            paint(style::RULE, format_args!("[{}]", item.rule)),
            item.message
        )?;
    }
    let counts = report.counts();
    if report.fix_mode && counts.fixes_applied > 0 {
        writeln!(out, "{}", fixed_line(&counts))?;
    }
    if let Some(line) = summary(&counts, report.fix_mode) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `Applied 3 fixes in 2 files.`
pub fn fixed_line(c: &Counts) -> String {
    format!(
        "Applied {} in {}.",
        plural(c.fixes_applied, "fix", "fixes"),
        plural(c.files_fixed, "file", "files")
    )
}

/// `Found 3 problems (1 error, 2 warnings) in 2 files; 2 fixable with --fix.`, or
/// `No problems found in 3 files.`; nothing when no file was checked.
pub fn summary(c: &Counts, fix_mode: bool) -> Option<String> {
    if c.files_checked == 0 {
        return None;
    }
    if c.problems() == 0 {
        let mut line = format!(
            "No problems found in {}",
            plural(c.files_checked, "file", "files")
        );
        if c.non_drafts > 0 {
            line += &if c.non_drafts == c.files_checked && c.files_checked == 1 {
                " (it is not a draft)".to_owned()
            } else {
                format!(
                    " ({} not {})",
                    c.non_drafts,
                    if c.non_drafts == 1 {
                        "a draft"
                    } else {
                        "drafts"
                    }
                )
            };
        }
        line.push('.');
        return Some(line);
    }
    let mut kinds = Vec::new();
    for (n, one, many) in [
        (c.errors, "error", "errors"),
        (c.warnings, "warning", "warnings"),
        (c.infos, "info", "info"),
        (c.hints, "hint", "hints"),
    ] {
        if n > 0 {
            kinds.push(plural(n, one, many));
        }
    }
    let mut line = format!(
        "Found {} ({}) in {}",
        plural(c.problems(), "problem", "problems"),
        kinds.join(", "),
        plural(c.files_with_problems, "file", "files")
    );
    if c.fixable > 0 && !fix_mode {
        line += &format!("; {} fixable with --fix", c.fixable);
    }
    line.push('.');
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries() {
        let c = Counts {
            errors: 1,
            warnings: 2,
            fixable: 2,
            files_with_problems: 2,
            files_checked: 3,
            ..Counts::default()
        };
        assert_eq!(
            summary(&c, false).unwrap(),
            "Found 3 problems (1 error, 2 warnings) in 2 files; 2 fixable with --fix."
        );
        assert_eq!(
            summary(&c, true).unwrap(),
            "Found 3 problems (1 error, 2 warnings) in 2 files."
        );
        let none = Counts {
            files_checked: 3,
            ..Counts::default()
        };
        assert_eq!(
            summary(&none, false).unwrap(),
            "No problems found in 3 files."
        );
        let readme = Counts {
            files_checked: 1,
            non_drafts: 1,
            ..Counts::default()
        };
        assert_eq!(
            summary(&readme, false).unwrap(),
            "No problems found in 1 file (it is not a draft)."
        );
        let mixed = Counts {
            files_checked: 3,
            non_drafts: 2,
            ..Counts::default()
        };
        assert_eq!(
            summary(&mixed, false).unwrap(),
            "No problems found in 3 files (2 not drafts)."
        );
        assert_eq!(summary(&Counts::default(), false), None);
    }
}
