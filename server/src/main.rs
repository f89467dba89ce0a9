//! `resolution-ls`: the command line. This file holds the argument definitions and the dispatch
//! only; the work is in [`cli`] (the `check` and `rules` subcommands) and [`lsp`] (the language
//! server, run with no subcommand or `--stdio`).

mod cli;
use resolution_ls::lsp;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

const ABOUT: &str =
    "A language server and checker for UN-style resolution drafts written in Markdown.";

const LONG_ABOUT: &str = "\
A language server and checker for UN-style resolution drafts written in Markdown.

Run with no arguments (or with --stdio), resolution-ls is a language server speaking the Language \
Server Protocol over standard input and output, for an editor to start: diagnostics as you type, \
quick fixes, footnote navigation, outline and completion of openers.

`resolution-ls check PATH...` checks drafts from the command line: footnotes that are undefined, \
unused or out of order, Ibid. chains, clause openers in italics, punctuation and numbering of \
preambular and operative paragraphs. `resolution-ls rules` lists the rules. \
`resolution-ls completions SHELL` prints a shell completion script and `resolution-ls man-pages \
DIR` writes the man pages. Word drafts (.docx) are checked too, and \
`resolution-ls import` and `export` turn them into Markdown drafts and back.

Settings come from the nearest `resolution-ls.toml` in a draft's folder or a parent folder.";

const AFTER_HELP: &str = "\
Examples:
  resolution-ls check drafts/              check every draft under drafts/
  resolution-ls check --fix draft.res.md   apply the safe fixes
  resolution-ls check --diff draft.res.md  show what --fix would change, writing nothing
  resolution-ls check --fix --unsafe-fixes draft.res.md
                                           apply the unsafe fixes too (placeholders, rewritten
                                           citations); review the result
  resolution-ls check --format sarif . > results.sarif
  resolution-ls rules footnote-undefined   explain a rule
  resolution-ls check draft.docx           check a Word draft (places are Word's paragraphs and
                                           footnotes)
  resolution-ls import draft.docx -o draft.md
  resolution-ls export draft.md -o draft.docx";

#[derive(Parser, Debug)]
#[command(
    name = "resolution-ls",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = AFTER_HELP
)]
struct Cli {
    /// Run the language server over standard input and output (the default with no subcommand).
    #[arg(long, conflicts_with = "explain")]
    stdio: bool,

    /// Print the documentation of the rule ID (as `resolution-ls rules ID`).
    #[arg(long, value_name = "ID")]
    explain: Option<String>,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true, value_name = "WHEN")]
    color: ColorWhen,

    /// Log more to stderr (-v: info, -vv: debug, -vvv: trace). RESOLUTION_LS_LOG takes a filter
    /// such as `debug` or `resolution_ls=trace` instead. Logs never go to stdout.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check drafts and print their problems.
    #[command(after_help = "\
Directories are searched for Markdown files (*.md) and Word documents (*.docx), skipping hidden \
and git-ignored ones; a Markdown file found there that is not a draft gives no diagnostics. A file named on the command \
line is read whatever its name. A draft has an organ line (`*The General Assembly*,`), a name \
matching the draft globs (*.res.md), or the comment `<!-- resolution-ls: enable -->`; a named file, \
or a named directory, with no draft is an error (exit 2). --draft always checks every file as a \
draft.

Fixes are safe or unsafe: --fix applies the safe ones (they keep the meaning and rest on a \
certain reading), --unsafe-fixes the others too (they add placeholder text, rewrite a citation \
or rest on a reading that may be wrong). --fix prints how many fixes each rule applied; --diff \
shows them.

Word documents (.docx) are checked through their import (`resolution-ls import`); diagnostics \
name their Word place (`draft.docx: paragraph 12 (“first words…”)`, `footnote 7`). --fix never \
rewrites a .docx in place: --fix --output FIXED.docx writes a copy with the fixes.

Exit status: 0 when no error was found (with --deny warnings: no warning either), 1 when one was, \
2 for a usage problem or a file that could not be read or written.")]
    Check(CheckArgs),
    /// List the rules, or explain one.
    Rules(RulesArgs),
    /// Print the shell completion script for SHELL to standard output.
    #[command(after_help = "\
Install the script where your shell looks for completions, for example:
  resolution-ls completions bash > ~/.local/share/bash-completion/completions/resolution-ls
  resolution-ls completions zsh > ~/.zfunc/_resolution-ls    (with fpath+=~/.zfunc in ~/.zshrc)
  resolution-ls completions fish > ~/.config/fish/completions/resolution-ls.fish
The release archive (scripts/dist) holds the bash, zsh and fish scripts under share/.")]
    Completions {
        #[arg(value_enum)]
        shell: cli::generate::Shell,
    },
    /// Write the man pages (resolution-ls.1 and one per subcommand) into DIR.
    #[command(after_help = "\
For example, for `man resolution-ls` and `man resolution-ls-check` to find them:
  resolution-ls man-pages ~/.local/share/man/man1
The release archive (scripts/dist) holds them under share/man/man1.")]
    ManPages {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Read a Word draft (.docx) into the Markdown draft format.
    #[command(after_help = "\
Paragraphs come in order; italic, bold and superscript runs as *…*, **…** and <sup>…</sup>; \
Word's footnotes as <sup>N</sup> references, numbered as Word shows them, with their text after \
the page break (---) of their page, or in one block at the end when the document has no page \
break; automatic paragraph numbers as the number a reader sees; headings as #. Tables, images, \
comments and endnotes are not imported and are named on stderr with their place; tracked changes \
are read as accepted, with a warning.

Exit status: 0 when the draft was written, 2 when the file is not a readable Word document \
(nothing is written then).

Examples:
  resolution-ls import draft.docx -o draft.md
  resolution-ls import draft.docx | less")]
    Import(ImportArgs),
    /// Write a Markdown draft as a Word document (.docx) in the layout of UN resolutions.
    #[command(after_help = "\
Times New Roman; italics and bold as the draft writes them; operative paragraphs with their \
number and a tab; the draft's footnotes as real Word footnotes, numbered by Word; a page break \
wherever the draft has ---. `resolution-ls import` reads the result back to the same draft. \
Comments and code are left out, with a warning on stderr.

Exit status: 0 when the document was written, 2 when the draft could not be read or the \
document written (nothing is written then).

Examples:
  resolution-ls export draft.md -o draft.docx")]
    Export(ExportArgs),
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// The Word document (.docx).
    #[arg(value_name = "DRAFT.docx")]
    input: PathBuf,

    /// Write the Markdown to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// The Markdown draft.
    #[arg(value_name = "DRAFT.md")]
    input: PathBuf,

    /// The Word document to write (default: the draft's name with .docx).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Draft files, or directories to search for drafts.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Apply the safe fixes, rewriting the files, then report what is left. A safe fix keeps the
    /// draft's meaning and rests on a certain reading (an opener italicized, a mark put right,
    /// paragraphs or footnotes renumbered); it never inserts placeholder text.
    #[arg(long)]
    fix: bool,

    /// With --fix or --diff, apply the unsafe fixes too: those that add or rewrite content (a
    /// placeholder definition for an undefined footnote, an Ibid. expanded or contracted, an
    /// unreferenced footnote deleted) or rest on a reading that may be wrong. Review the result.
    #[arg(long)]
    unsafe_fixes: bool,

    /// Show the fixes as a unified diff. Without --fix nothing is written (a dry run); with
    /// --fix the files are written and the diff shows what changed.
    #[arg(long)]
    diff: bool,

    /// Also exit with status 1 when warnings are found.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,

    /// Use this configuration file for every draft instead of finding `resolution-ls.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// The drafts' language (ar, en, es, fr, ru, zh), instead of the configuration's or the organ
    /// line's; `auto` takes it from the organ line.
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    language: Option<cli::LanguageChoice>,

    /// Whether files are checked as drafts: `auto` decides by the organ line, the file name or an
    /// enabling comment.
    #[arg(long, value_enum, value_name = "MODE")]
    draft: Option<DraftWhen>,

    /// With --fix on one Word document (.docx): write the fixed copy to FILE, leaving the
    /// document as it was (only the paragraphs and footnotes the fixes change get new runs).
    /// Markdown drafts are fixed in place and take no --output.
    #[arg(short, long, value_name = "FILE", requires = "fix")]
    output: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct RulesArgs {
    /// A rule id: print its documentation. `guide`: how a draft with a mistake is read, and which
    /// fixes are safe.
    #[arg(value_name = "ID", conflicts_with = "explain")]
    id: Option<String>,

    /// Print the documentation of the rule ID.
    #[arg(long, value_name = "ID")]
    explain: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Deny {
    Warnings,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DraftWhen {
    Auto,
    Always,
    Never,
}

fn parse_language(code: &str) -> Result<cli::LanguageChoice, String> {
    cli::LanguageChoice::parse(code).ok_or_else(|| {
        format!("`{code}` is not a language code (expected auto, ar, en, es, fr, ru or zh)")
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_some() && (cli.stdio || cli.explain.is_some()) {
        let option = if cli.stdio { "--stdio" } else { "--explain" };
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("{option} cannot be used with a subcommand"),
            )
            .exit();
    }
    anstream::ColorChoice::write_global(match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    init_logging(cli.verbose);
    match cli.command {
        None if cli.explain.is_some() => cli::rules::run(cli.explain.as_deref()),
        None => {
            // Someone who runs it in a terminal to try it should not face a silent wait.
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                eprintln!(
                    "resolution-ls: waiting for an LSP client on stdin (an editor starts it); to \
                     check files, run `resolution-ls check PATH`; `resolution-ls --help` for more"
                );
            }
            lsp::run_stdio()
        }
        Some(Command::Check(args)) => cli::check::run(cli::check::Options {
            paths: args.paths,
            format: match args.format {
                Format::Human => cli::output::Format::Human,
                Format::Json => cli::output::Format::Json,
                Format::Sarif => cli::output::Format::Sarif,
            },
            fix: args.fix,
            unsafe_fixes: args.unsafe_fixes,
            diff: args.diff,
            deny_warnings: args.deny == Some(Deny::Warnings),
            config: args.config,
            language: args.language,
            draft: args.draft.map(|d| match d {
                DraftWhen::Auto => resolution_engine::config::DraftMode::Auto,
                DraftWhen::Always => resolution_engine::config::DraftMode::Always,
                DraftWhen::Never => resolution_engine::config::DraftMode::Never,
            }),
            output: args.output,
        }),
        Some(Command::Rules(args)) => cli::rules::run(args.id.or(args.explain).as_deref()),
        Some(Command::Completions { shell }) => {
            cli::generate::print_completions(Cli::command(), shell)
        }
        Some(Command::ManPages { dir }) => cli::generate::write_man_pages(Cli::command(), &dir),
        Some(Command::Import(args)) => cli::word::import(&args.input, args.output.as_deref()),
        Some(Command::Export(args)) => cli::word::export(&args.input, args.output.as_deref()),
    }
}

/// Logs go to stderr: stdout carries the protocol (or the report of `check`).
fn init_logging(verbose: u8) {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RESOLUTION_LS_LOG") {
        Ok(filter) if !filter.trim().is_empty() => EnvFilter::new(filter),
        _ => EnvFilter::new(match verbose {
            0 => "warn",
            1 => "info",
            2 => "debug",
            _ => "trace",
        }),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(anstream::stderr().current_choice() != anstream::ColorChoice::Never)
        .with_target(false)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
    }
}
