//! `resolution-ls import` and `export`: Word drafts to and from the Markdown draft format, through
//! the `resolution-docx` crate. Output is written whole through a temporary file in the target's
//! folder, so a failure never leaves a file half written.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::files::{self, describe_io_error};
use super::style::{report_error, report_warning};

const TROUBLE: u8 = 2;

/// Reads a `.docx` file's bytes, within the size limit the importer accepts.
pub fn read_docx(path: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| describe_io_error(&e, "read"))?;
    if !meta.is_file() {
        return Err("not a regular file; name a .docx file".to_owned());
    }
    let limit = resolution_docx::container::MAX_DOCX_BYTES;
    if meta.len() > limit {
        return Err(format!(
            "too large to read ({} MiB; the limit is {} MiB)",
            meta.len().div_ceil(1024 * 1024),
            limit / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| describe_io_error(&e, "read"))?;
    Ok(bytes)
}

/// `resolution-ls import DRAFT.docx [-o DRAFT.md]`.
pub fn import(input: &Path, output: Option<&Path>) -> ExitCode {
    let shown = input.display();
    let bytes = match read_docx(input) {
        Ok(bytes) => bytes,
        Err(message) => {
            report_error(format!("{shown}: {message}"));
            return ExitCode::from(TROUBLE);
        }
    };
    let imported = match resolution_docx::import(&bytes) {
        Ok(imported) => imported,
        Err(e) => {
            report_error(format!("{shown}: {e}"));
            return ExitCode::from(TROUBLE);
        }
    };
    for warning in &imported.warnings {
        report_warning(format!("{shown}: {warning}"));
    }
    let written = match output {
        Some(path) => write_whole(path, imported.markdown.as_bytes(), input),
        None => io::stdout()
            .lock()
            .write_all(imported.markdown.as_bytes())
            .or_else(|e| {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    Ok(())
                } else {
                    Err(e)
                }
            })
            .map_err(|e| format!("could not write the output ({e})")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            report_error(message);
            ExitCode::from(TROUBLE)
        }
    }
}

/// `resolution-ls export DRAFT.md [-o DRAFT.docx]`.
pub fn export(input: &Path, output: Option<&Path>) -> ExitCode {
    let shown = input.display();
    let source = match files::read_source(input) {
        Ok(source) => source,
        Err(message) => {
            report_error(format!("{shown}: {message}"));
            return ExitCode::from(TROUBLE);
        }
    };
    let exported = match resolution_docx::export(&source.text) {
        Ok(exported) => exported,
        Err(e) => {
            report_error(format!("{shown}: {e}"));
            return ExitCode::from(TROUBLE);
        }
    };
    for warning in &exported.warnings {
        report_warning(format!("{shown}: {warning}"));
    }
    let target = output.map_or_else(|| default_docx_path(input), Path::to_path_buf);
    match write_whole(&target, &exported.bytes, input) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            report_error(message);
            ExitCode::from(TROUBLE)
        }
    }
}

/// `draft.md` -> `draft.docx`, `a.res.md` -> `a.res.docx`.
fn default_docx_path(input: &Path) -> PathBuf {
    input.with_extension("docx")
}

/// Writes `bytes` to `path` through a temporary file in its folder, then renames it over.
pub fn write_whole(path: &Path, bytes: &[u8], input: &Path) -> Result<(), String> {
    let shown = path.display();
    if fs::canonicalize(path)
        .ok()
        .is_some_and(|p| fs::canonicalize(input).ok() == Some(p))
    {
        return Err(format!(
            "{shown}: is the input file; name another output file with -o"
        ));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".resolution-ls-")
        .tempfile_in(dir)
        .map_err(|e| format!("{shown}: {}", describe_io_error(&e, "write")))?;
    temp.write_all(bytes)
        .and_then(|()| temp.flush())
        .map_err(|e| format!("{shown}: {}", describe_io_error(&e, "write")))?;
    temp.persist(path)
        .map_err(|e| format!("{shown}: {}", describe_io_error(&e.error, "write")))?;
    Ok(())
}
