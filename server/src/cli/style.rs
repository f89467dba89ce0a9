//! Colours of the labels the command line prints. They go through `anstream`, which drops them
//! when the stream is not a terminal, under `NO_COLOR`, or with `--color never`.

use anstyle::{AnsiColor, Style};
use resolution_engine::Severity;

pub const PATH: Style = Style::new().bold();
pub const RULE: Style = Style::new().dimmed();
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub const INFO: Style = AnsiColor::Blue.on_default().bold();
pub const HINT: Style = AnsiColor::Cyan.on_default().bold();

/// `text` in `style`.
pub fn paint(style: Style, text: impl std::fmt::Display) -> String {
    format!("{style}{text}{style:#}")
}

pub fn severity(severity: Severity) -> Style {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
        Severity::Hint => HINT,
    }
}

pub fn error_label() -> String {
    paint(ERROR, "error")
}

pub fn warning_label() -> String {
    paint(WARNING, "warning")
}

/// Prints `error: MESSAGE` on stderr.
pub fn report_error(message: impl std::fmt::Display) {
    anstream::eprintln!("{}: {message}", error_label());
}

/// Prints `warning: MESSAGE` on stderr.
pub fn report_warning(message: impl std::fmt::Display) {
    anstream::eprintln!("{}: {message}", warning_label());
}
