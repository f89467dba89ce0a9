//! `--format human`: one line a diagnostic, `path:line:column: severity[rule-id]: message`, then a
//! summary. Colour comes from the stream (see [`crate::cli::style`]).

use std::io::{self, Write};

use super::{plural, Counts, Report};
use crate::cli::style::{self, paint};

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for (file, item) in report.items() {
        let at = match &item.word {
            // A Word document has no lines: its place is the one a drafter finds in Word.
            Some(word) => paint(
                style::PATH,
                format_args!("{}: {} (“{}”)", file.path, word.place, word.context),
            ),
            None => paint(
                style::PATH,
                format_args!("{}:{}:{}", file.path, item.span.line, item.span.column),
            ),
        };
        writeln!(
            out,
            "{}: {}{}: {}",
            at,
            paint(style::severity(item.severity), item.severity.as_str()),
            paint(style::RULE, format_args!("[{}]", item.rule)),
            item.message
        )?;
    }
    let counts = report.counts();
    if (report.fix_mode || report.dry_run) && counts.fixes_applied > 0 {
        writeln!(out, "{}", fixed_line(&counts, report.dry_run))?;
    }
    if let Some(line) = summary(&counts, report.fix_mode, report.unsafe_fixes) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `Applied 3 fixes in 2 files (opener-not-italic 2, ibid-style 1).`, or with `--diff` alone
/// `Would apply …`.
pub fn fixed_line(c: &Counts, dry_run: bool) -> String {
    let by_rule: Vec<String> = c
        .applied_by_rule
        .iter()
        .map(|(rule, n)| format!("{rule} {n}"))
        .collect();
    format!(
        "{} {} in {} ({}).",
        if dry_run { "Would apply" } else { "Applied" },
        plural(c.fixes_applied, "fix", "fixes"),
        plural(c.files_fixed, "file", "files"),
        by_rule.join(", ")
    )
}

/// `Found 3 problems (1 error, 2 warnings) in 2 files; 2 fixable with --fix.`, or
/// `No problems found in 3 files.`; nothing when no file was checked.
pub fn summary(c: &Counts, fix_mode: bool, unsafe_fixes: bool) -> Option<String> {
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
    line += &fixable_note(c, fix_mode, unsafe_fixes);
    line.push('.');
    Some(line)
}

/// What `--fix` and `--unsafe-fixes` would still do: `; 2 fixable with --fix (1 more with
/// --unsafe-fixes)`.
fn fixable_note(c: &Counts, fix_mode: bool, unsafe_fixes: bool) -> String {
    let (safe, risky) = (c.fixable, c.fixable_unsafe);
    if unsafe_fixes && fix_mode {
        return String::new();
    }
    match (fix_mode, safe, risky) {
        (_, _, 0) if fix_mode => String::new(),
        (true, _, risky) => format!("; {risky} more fixable with --unsafe-fixes"),
        (false, 0, 0) => String::new(),
        (false, safe, 0) => format!("; {safe} fixable with --fix"),
        (false, 0, risky) => format!("; {risky} fixable with --fix --unsafe-fixes"),
        (false, safe, risky) => {
            format!("; {safe} fixable with --fix ({risky} more with --unsafe-fixes)")
        }
    }
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
            summary(&c, false, false).unwrap(),
            "Found 3 problems (1 error, 2 warnings) in 2 files; 2 fixable with --fix."
        );
        assert_eq!(
            summary(&c, true, false).unwrap(),
            "Found 3 problems (1 error, 2 warnings) in 2 files."
        );
        let risky = Counts {
            fixable_unsafe: 1,
            ..c.clone()
        };
        assert_eq!(
            summary(&risky, false, false).unwrap(),
            "Found 3 problems (1 error, 2 warnings) in 2 files; 2 fixable with --fix (1 more with \
             --unsafe-fixes)."
        );
        assert_eq!(
            summary(&risky, true, false).unwrap(),
            "Found 3 problems (1 error, 2 warnings) in 2 files; 1 more fixable with --unsafe-fixes."
        );
        let only_risky = Counts {
            fixable: 0,
            fixable_unsafe: 1,
            ..c.clone()
        };
        assert_eq!(
            summary(&only_risky, false, false).unwrap(),
            "Found 3 problems (1 error, 2 warnings) in 2 files; 1 fixable with --fix --unsafe-fixes."
        );
        let none = Counts {
            files_checked: 3,
            ..Counts::default()
        };
        assert_eq!(
            summary(&none, false, false).unwrap(),
            "No problems found in 3 files."
        );
        let readme = Counts {
            files_checked: 1,
            non_drafts: 1,
            ..Counts::default()
        };
        assert_eq!(
            summary(&readme, false, false).unwrap(),
            "No problems found in 1 file (it is not a draft)."
        );
        let mixed = Counts {
            files_checked: 3,
            non_drafts: 2,
            ..Counts::default()
        };
        assert_eq!(
            summary(&mixed, false, false).unwrap(),
            "No problems found in 3 files (2 not drafts)."
        );
        assert_eq!(summary(&Counts::default(), false, false), None);
    }
}
