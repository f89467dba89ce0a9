//! `resolution-ls check`: collect the files, check (and with `--fix`, fix) them in parallel, print
//! the report in path order, and work out the exit status.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;
use resolution_engine::config::DraftMode;
use resolution_engine::refactor::Refactors;
use resolution_engine::{fix_all_with, Config, Diagnostic, Document, FixSelection};

use super::config::{Overrides, Resolver};
use super::files::{self, Source, WriteError};
use super::output::{self, FileError, FileResult, FixSpans, Format, Item, Report, WordPlace};
use super::progress::Progress;
use super::style::{report_error, report_warning};
use super::LanguageChoice;

/// Exit statuses.
const PROBLEMS_FOUND: u8 = 1;
const TROUBLE: u8 = 2;

/// The options of `check`.
#[derive(Debug)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub fix: bool,
    /// `--unsafe-fixes`: apply the unsafe fixes too.
    pub unsafe_fixes: bool,
    /// `--diff`: show the fixes as a unified diff (without `--fix`, write nothing).
    pub diff: bool,
    pub deny_warnings: bool,
    pub config: Option<PathBuf>,
    pub language: Option<LanguageChoice>,
    pub draft: Option<DraftMode>,
    /// `--output`: with `--fix` on one Word document, where its fixed copy goes.
    pub output: Option<PathBuf>,
}

pub fn run(options: Options) -> ExitCode {
    let Ok(mut resolver) = Resolver::new(
        options.config.as_deref(),
        Overrides {
            language: options.language,
            draft: options.draft,
        },
    ) else {
        return ExitCode::from(TROUBLE);
    };

    let collected = files::collect(&options.paths);
    let mut trouble = !collected.problems.is_empty();
    for problem in &collected.problems {
        report_error(format!("{}: {}", problem.path.display(), problem.message));
    }
    let mut errors: Vec<FileError> = collected
        .problems
        .iter()
        .map(|p| FileError {
            path: p.path.display().to_string(),
            message: p.message.clone(),
        })
        .collect();

    // Configurations are looked up here, in path order, so that a file's problems are reported
    // once and before any output.
    let jobs: Vec<(&files::Target, Arc<Config>)> = collected
        .targets
        .iter()
        .map(|t| (t, resolver.config_for(&t.path)))
        .collect();

    let fixing = Fixing {
        write: options.fix,
        diff: options.diff,
        selection: if options.unsafe_fixes {
            FixSelection::WithUnsafe
        } else {
            FixSelection::Safe
        },
        output: options.output.clone(),
    };
    if options.output.is_some()
        && !(collected.targets.len() == 1
            && collected.problems.is_empty()
            && files::is_docx(&collected.targets[0].path))
    {
        report_error(
            "--output writes the fixed copy of one Word document (.docx); name one, or leave \
             --output out to fix Markdown drafts in place",
        );
        return ExitCode::from(TROUBLE);
    }
    let progress = Progress::new(jobs.len());
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|(target, config)| {
            let outcome = check_file(target, config, &fixing, options.format != Format::Human);
            progress.tick();
            outcome
        })
        .collect();
    progress.finish();

    let mut report = Report {
        fix_mode: options.fix,
        dry_run: options.diff && !options.fix,
        unsafe_fixes: options.unsafe_fixes,
        ..Report::default()
    };
    let mut roots_seen = Vec::new();
    let mut left_unfixed = false;
    for outcome in outcomes {
        for warning in &outcome.import_warnings {
            report_warning(format!("{}: {warning}", outcome.path));
        }
        if let Some(message) = &outcome.changed_meanwhile {
            report_warning(format!("{}: not fixed: {message}", outcome.path));
            left_unfixed = true;
        }
        if let Some(message) = outcome.error {
            report_error(format!("{}: {message}", outcome.path));
            trouble = true;
            errors.push(FileError {
                path: outcome.path.clone(),
                message,
            });
        }
        if let Some(result) = outcome.result {
            roots_seen.push((outcome.root, result.is_draft));
            report.files.push(result);
        }
    }
    report.errors = errors;

    // A file named on the command line that is not a draft, or a named directory in which no
    // Markdown file is a draft, is a usage problem: nothing the user named was checked. One error
    // says so and how to check it anyway; the summary leaves those files out.
    const WHAT_IS_A_DRAFT: &str = "a draft has an organ line (`*The General Assembly*,`), a name \
         matching the draft globs (*.res.md), or the comment `<!-- resolution-ls: enable -->`; to \
         check it anyway, add --draft always";
    let forced_off = options.draft == Some(DraftMode::Never);
    let mut unchecked: Vec<&str> = Vec::new();
    for (file, (root, is_draft)) in report.files.iter().zip(&roots_seen) {
        if root.is_none() && !is_draft && !forced_off {
            trouble = true;
            report_error(format!(
                "{}: not a draft, so it was not checked: {WHAT_IS_A_DRAFT}",
                file.path
            ));
            unchecked.push(&file.path);
        }
    }
    for (index, root) in collected.roots.iter().enumerate() {
        let in_root = |r: &Option<usize>| *r == Some(index);
        let (checked, drafts) = roots_seen
            .iter()
            .filter(|(r, _)| in_root(r))
            .fold((0, 0), |(c, d), (_, is_draft)| {
                (c + 1, d + usize::from(*is_draft))
            });
        if checked > 0 && drafts == 0 && !forced_off {
            trouble = true;
            report_error(format!(
                "{}: none of its Markdown files is a draft, so nothing was checked; {WHAT_IS_A_DRAFT}",
                root.display()
            ));
            for (file, (r, _)) in report.files.iter().zip(&roots_seen) {
                if in_root(r) {
                    unchecked.push(&file.path);
                }
            }
        }
    }
    let unchecked: std::collections::HashSet<String> =
        unchecked.into_iter().map(str::to_owned).collect();
    report.files.retain(|f| !unchecked.contains(&f.path));

    let counts = report.counts();
    let printed = if options.diff {
        print_diffs(&report)
    } else {
        print(&report, options.format)
    };
    if let Err(e) = printed {
        if e.kind() != io::ErrorKind::BrokenPipe {
            report_error(format!("could not write the output ({e})"));
            trouble = true;
        }
    }
    if (options.diff || options.fix && options.format != Format::Human) && counts.fixes_applied > 0
    {
        anstream::eprintln!("{}", output::human::fixed_line(&counts, report.dry_run));
    }
    if options.diff {
        if let Some(line) =
            output::human::summary(&counts, options.fix || options.diff, options.unsafe_fixes)
        {
            anstream::eprintln!("{line}");
        }
    }

    if trouble {
        ExitCode::from(TROUBLE)
    } else if left_unfixed || counts.errors > 0 || (options.deny_warnings && counts.warnings > 0) {
        ExitCode::from(PROBLEMS_FOUND)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reports go out in large writes: stdout is line-buffered, and a report over thousands of files
/// would otherwise cost a system call per line (half the time of `check` over 20,000 small
/// drafts).
const OUTPUT_BUFFER: usize = 1 << 16;

/// `--diff`: each changed file's unified diff, in path order.
fn print_diffs(report: &Report) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(OUTPUT_BUFFER, anstream::stdout().lock());
    for diff in report.files.iter().filter_map(|f| f.diff.as_deref()) {
        out.write_all(diff.as_bytes())?;
    }
    out.flush()
}

/// Only the human format can hold colours for anstream to strip.
fn print(report: &Report, format: Format) -> io::Result<()> {
    let write = match format {
        Format::Human => output::human::write,
        Format::Json => output::json::write,
        Format::Sarif => output::sarif::write,
    };
    if format == Format::Human {
        let mut out = io::BufWriter::with_capacity(OUTPUT_BUFFER, anstream::stdout().lock());
        write(report, &mut out)?;
        out.flush()
    } else {
        let mut out = io::BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock());
        write(report, &mut out)?;
        out.flush()
    }
}

/// What checking one file gave: its result when it could be read, and an error when it could not
/// be read or its fixes could not be written (then the result is of the unchanged file).
struct Outcome {
    path: String,
    root: Option<usize>,
    result: Option<FileResult>,
    error: Option<String>,
    /// Why its fixes were not written though they could be: it changed on disk meanwhile.
    changed_meanwhile: Option<String>,
    /// What a Word document's import could not carry over (tables, images, comments).
    import_warnings: Vec<String>,
}

/// What to do with the fixes.
struct Fixing {
    /// `--fix`: write them.
    write: bool,
    /// `--diff`: show them.
    diff: bool,
    selection: FixSelection,
    /// `--output`: where a Word document's fixed copy goes.
    output: Option<PathBuf>,
}

fn check_file(
    target: &files::Target,
    config: &Config,
    fixing: &Fixing,
    fix_edits: bool,
) -> Outcome {
    let path = target.path.display().to_string();
    let read = if files::is_docx(&target.path) {
        read_word(&target.path)
    } else {
        files::read_source(&target.path).map(|source| (source, None))
    };
    let (source, imported) = match read {
        Ok(read) => read,
        Err(message) => {
            return Outcome {
                path,
                root: target.root,
                result: None,
                error: Some(message),
                changed_meanwhile: None,
                import_warnings: Vec::new(),
            }
        }
    };
    let import_warnings: Vec<String> = imported
        .iter()
        .flat_map(|i| i.warnings.iter().map(ToString::to_string))
        .collect();
    // A Word document's fixes are edits of its Markdown import: they are not printed as edits.
    let fix_edits = fix_edits && imported.is_none();
    let doc = Document::new(&source.text);
    let refactors = Refactors::new(&doc, config, Some(&path));
    let is_draft = refactors.analysis().is_draft;
    let diagnostics = refactors.diagnostics();
    let unfixed = |error: Option<String>| Outcome {
        result: Some(file_result(
            fix_edits.then_some(&refactors),
            &path,
            &doc,
            &diagnostics,
            is_draft,
            imported.as_ref(),
        )),
        path: path.clone(),
        root: target.root,
        error,
        changed_meanwhile: None,
        import_warnings: import_warnings.clone(),
    };
    let wanted = |d: &Diagnostic| d.fix.as_ref().is_some_and(|f| fixing.selection.takes(f));
    if !(fixing.write || fixing.diff) || !diagnostics.iter().any(wanted) {
        return unfixed(None);
    }
    if imported.is_some() && fixing.write && fixing.output.is_none() {
        return unfixed(Some(
            "not fixed: a Word document is not rewritten in place; add --output FIXED.docx to \
             write a fixed copy"
                .to_owned(),
        ));
    }
    let fixed = fix_all_with(&source.text, config, Some(&path), fixing.selection);
    if fixed.fixes_applied == 0 || fixed.text == source.text {
        return unfixed(None);
    }
    if let (Some(imported), Some(output), true) = (&imported, &fixing.output, fixing.write) {
        return write_fixed_word(target, imported, output, &fixed, config, is_draft)
            .unwrap_or_else(|message| unfixed(Some(format!("not fixed: {message}"))));
    }
    let diff = fixing
        .diff
        .then(|| unified_diff(&path, &source.text, &fixed.text));
    if !fixing.write {
        let mut outcome = unfixed(None);
        if let Some(result) = &mut outcome.result {
            result.fixes_applied = fixed.fixes_applied;
            result.applied_by_rule = fixed.applied_by_rule;
            result.diff = diff;
        }
        return outcome;
    }
    match files::write_fixed(
        &target.path,
        &source,
        &Source::bytes_for(&source, &fixed.text),
    ) {
        Ok(()) => {}
        Err(WriteError::Failed(message)) => return unfixed(Some(message)),
        Err(WriteError::Changed(message)) => {
            let mut outcome = unfixed(None);
            outcome.changed_meanwhile = Some(message);
            return outcome;
        }
    }
    let fixed_doc = Document::new(&fixed.text);
    let fixed_refactors = fix_edits.then(|| Refactors::new(&fixed_doc, config, Some(&path)));
    let mut result = file_result(
        fixed_refactors.as_ref(),
        &path,
        &fixed_doc,
        &fixed.remaining,
        is_draft,
        None,
    );
    result.fixes_applied = fixed.fixes_applied;
    result.applied_by_rule = fixed.applied_by_rule;
    result.diff = diff;
    Outcome {
        result: Some(result),
        path,
        root: target.root,
        error: None,
        changed_meanwhile: None,
        import_warnings,
    }
}

/// `check --fix --output FIXED.docx` on a Word document: its fixes written into a copy, the
/// document itself left as it was; the report is of the copy, read back.
fn write_fixed_word(
    target: &files::Target,
    imported: &resolution_docx::Imported,
    output: &std::path::Path,
    fixed: &resolution_engine::Fixed,
    config: &Config,
    is_draft: bool,
) -> Result<Outcome, String> {
    let original = super::word::read_docx(&target.path)?;
    let again = resolution_docx::import(&original).map_err(|e| e.to_string())?;
    if again.markdown != imported.markdown {
        return Err("it changed on disk while it was being checked; check it again".to_owned());
    }
    // The document as it is now, with the places of this very read.
    let bytes =
        resolution_docx::write_fixed(&original, &again, &fixed.text).map_err(|e| e.to_string())?;
    let written = resolution_docx::import(&bytes).map_err(|e| e.to_string())?;
    super::word::write_whole(output, &bytes, &target.path)?;
    let path = output.display().to_string();
    let doc = Document::new(&written.markdown);
    let remaining = resolution_engine::check(&doc, config, Some(&path));
    let mut result = file_result(None, &path, &doc, &remaining, is_draft, Some(&written));
    result.fixes_applied = fixed.fixes_applied;
    result.applied_by_rule = fixed.applied_by_rule.clone();
    Ok(Outcome {
        path,
        root: target.root,
        result: Some(result),
        error: None,
        changed_meanwhile: None,
        import_warnings: Vec::new(),
    })
}

/// A Word document read as a draft: its import as the source, and the import for its places.
fn read_word(
    path: &std::path::Path,
) -> Result<(Source, Option<resolution_docx::Imported>), String> {
    let bytes = super::word::read_docx(path)?;
    let imported = resolution_docx::import(&bytes).map_err(|e| e.to_string())?;
    let source = Source {
        text: imported.markdown.clone(),
        bom: false,
        stamp: None,
    };
    Ok((source, Some(imported)))
}

/// The change from `before` to `after` as a unified diff of `path`, with three lines of context.
fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// `fix_edits`: the document analysed, when the fixes' edits are to be printed.
fn file_result(
    fix_edits: Option<&Refactors>,
    path: &str,
    doc: &Document,
    diagnostics: &[Diagnostic],
    is_draft: bool,
    imported: Option<&resolution_docx::Imported>,
) -> FileResult {
    let mut spans = FixSpans::default();
    let mut items: Vec<Item> = diagnostics
        .iter()
        .map(|d| {
            let mut item = Item::new(doc.text(), d, fix_edits, &mut spans);
            item.word = imported.and_then(|i| WordPlace::of(i, d.range.start));
            item
        })
        .collect();
    items.sort_by(|a, b| (a.span, a.rule).cmp(&(b.span, b.rule)));
    FileResult {
        path: path.to_owned(),
        items,
        is_draft,
        fixes_applied: 0,
        applied_by_rule: Vec::new(),
        diff: None,
    }
}
