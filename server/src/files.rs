//! Files on disk: finding the drafts under the paths the user named, reading one with a message
//! that says what to do when it cannot be checked, and writing a fixed one atomically.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Files larger than this are not read.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// A file to check.
#[derive(Clone, Debug)]
pub struct Target {
    /// The path as the user named it (a directory's files: joined to the directory as named).
    pub path: PathBuf,
    /// The index of the named directory it was found in; `None` when it was named itself.
    pub root: Option<usize>,
}

/// A path that could not be used, with the message for the user (without the path).
#[derive(Clone, Debug)]
pub struct PathProblem {
    pub path: PathBuf,
    pub message: String,
}

/// What the named paths hold.
#[derive(Debug, Default)]
pub struct Collected {
    /// Every file to check, once each, sorted by path.
    pub targets: Vec<Target>,
    /// The named directories, by `Target::root` index.
    pub roots: Vec<PathBuf>,
    pub problems: Vec<PathProblem>,
}

/// The files under `paths`: a file is taken as named, whatever its name; a directory is searched
/// for `*.md` files and Word documents (`*.docx`, but not Word's `~$` lock files), skipping hidden
/// and ignored ones (`.gitignore` in a git work tree, `.ignore`). A `.docx` target ([`is_docx`])
/// is read through `resolution_docx::import`, not [`read_source`].
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    let mut seen = HashSet::new();
    let mut add = |out: &mut Collected, path: PathBuf, root: Option<usize>| {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            out.targets.push(Target { path, root });
        }
    };
    for path in paths {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => {
                out.problems.push(PathProblem {
                    path: path.clone(),
                    message: describe_io_error(&e, "read"),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            add(&mut out, path.clone(), None);
            continue;
        }
        let root = out.roots.len();
        out.roots.push(path.clone());
        let mut found = 0;
        let walker = ignore::WalkBuilder::new(path)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let file = entry.path();
                    if (is_markdown(file) || is_docx(file) && !is_word_lock_file(file))
                        && file.is_file()
                    {
                        found += 1;
                        add(&mut out, file.to_path_buf(), Some(root));
                    }
                }
                Err(e) => out.problems.push(walk_problem(path, e)),
            }
        }
        if found == 0 {
            out.problems.push(PathProblem {
                path: path.clone(),
                message:
                    "no Markdown files (*.md) or Word drafts (*.docx) in this directory (hidden and git-ignored files \
                          are skipped); name the drafts to check, or a directory that holds them"
                        .to_owned(),
            });
        }
    }
    out.targets.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
}

/// `~$draft.docx`: the lock file Word keeps beside a document it has open, not a document.
fn is_word_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"))
}

/// A Word document, checked through its import (`check` reads `.docx` files as drafts too).
pub fn is_docx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("docx"))
}

fn walk_problem(root: &Path, error: ignore::Error) -> PathProblem {
    let mut path = root.to_path_buf();
    let mut current = &error;
    // Unwrap the walker's wrappers down to the path and the I/O error.
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path = p.clone();
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err;
            }
            ignore::Error::Io(e) => {
                return PathProblem {
                    path,
                    message: describe_io_error(e, "read"),
                };
            }
            other => {
                return PathProblem {
                    path,
                    message: format!("{other}; the directory could not be searched"),
                };
            }
        }
    }
}

/// The text of a file, ready to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The text without a leading byte order mark.
    pub text: String,
    /// Whether the file started with a UTF-8 byte order mark (kept when the file is rewritten).
    pub bom: bool,
    /// The file's size and modification time when it was read (`None` for text not read from a
    /// file): a fix is written only if the file still has them, and the same bytes.
    pub stamp: Option<Stamp>,
}

/// What a file looked like when it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

impl Source {
    /// The bytes to write for `text`, with the byte order mark when the file had one.
    pub fn bytes_for(&self, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if self.bom {
            bytes.extend_from_slice(BOM);
        }
        bytes.extend_from_slice(text.as_bytes());
        bytes
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a draft. The error is a message for the user, saying what is wrong and what to do (the
/// caller puts the path before it).
pub fn read_source(path: &Path) -> Result<Source, String> {
    let meta = fs::metadata(path).map_err(|e| describe_io_error(&e, "read"))?;
    if !meta.is_file() {
        return Err("not a regular file; name draft files or directories".to_owned());
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(too_large(meta.len()));
    }
    let mut file = fs::File::open(path).map_err(|e| describe_io_error(&e, "read"))?;
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut (&mut file).take(MAX_FILE_SIZE + 1), &mut bytes)
        .map_err(|e| describe_io_error(&e, "read"))?;
    // Taken from the open file after reading: what the bytes read are compared against later.
    let stamp = file.metadata().ok().map(|meta| Stamp::of(&meta));
    let mut source = decode(bytes)?;
    source.stamp = stamp;
    Ok(source)
}

fn too_large(len: u64) -> String {
    format!(
        "too large to check ({} MiB; the limit is {} MiB); split the draft into smaller files",
        len.div_ceil(1024 * 1024),
        MAX_FILE_SIZE / (1024 * 1024)
    )
}

/// Checks and decodes a file's bytes.
pub fn decode(bytes: Vec<u8>) -> Result<Source, String> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "a binary file, not a text draft (NUL byte at byte {at}); name only Markdown drafts"
        ));
    }
    let bom = bytes.starts_with(BOM);
    let skip = if bom { BOM.len() } else { 0 };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            text.drain(..skip);
            Ok(Source {
                text,
                bom,
                stamp: None,
            })
        }
        Err(e) => Err(format!(
            "not valid UTF-8 (byte {}); save the file as UTF-8",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// A message for an I/O error met while trying to `verb` a file.
pub fn describe_io_error(error: &io::Error, verb: &str) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory; check the path".to_owned(),
        io::ErrorKind::PermissionDenied => {
            format!(
                "permission denied; make it readable{}",
                if verb == "write" { " and writable" } else { "" }
            )
        }
        _ => format!("could not {verb} it ({error})"),
    }
}

/// Why a fixed text was not written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The file changed on disk after it was read (an editor saved it meanwhile): it is left as
    /// it is, with the newer text.
    Changed(String),
    /// It could not be written; it is unchanged.
    Failed(String),
}

/// Writes the fixed `contents` of the file at `path`, read as `source`, keeping what the file is:
/// its permissions, owner and group, and its hard links. A file that changed since it was read
/// is left alone, as is one the user could not write (though its folder may let them replace it).
///
/// Usually the new text goes to a temporary file beside it, given the original's permissions,
/// owner and group, and renamed over it: the file is the old one or the new one, never half
/// written. A file with other hard links, or whose owner or group a new file cannot be given (a
/// group-writable file of another user), is written in place through its own inode instead; if
/// that fails part way, the old text is written back. A symbolic link stays a link: the file it
/// points to is written.
pub fn write_fixed(path: &Path, source: &Source, contents: &[u8]) -> Result<(), WriteError> {
    let failed = |message: String| WriteError::Failed(message);
    let target = fs::canonicalize(path).map_err(|e| failed(describe_io_error(&e, "write")))?;
    let meta = fs::metadata(&target).map_err(|e| failed(describe_io_error(&e, "write")))?;
    if meta.permissions().readonly() {
        return Err(failed(
            "the file is read-only; make it writable to apply fixes".to_owned(),
        ));
    }
    // Opening it for writing (without truncating) asks the system whether this user may write
    // it: a folder anyone can write would let the rename below replace a file they cannot.
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&target)
        .map_err(|e| {
            failed(if e.kind() == io::ErrorKind::PermissionDenied {
                "you may not write this file (it belongs to another user); it is unchanged"
                    .to_owned()
            } else {
                describe_io_error(&e, "write")
            })
        })?;
    let original = source.bytes_for(&source.text);
    unchanged_since_read(&mut file, source.stamp, &original)?;
    if must_write_in_place(&meta) {
        return write_in_place(&mut file, &original, contents);
    }
    replace_by_rename(&target, &meta, contents).or_else(|error| match error {
        // The owner or group could not be given to a new file: through the inode, then.
        Replace::OwnerNotKept => write_in_place(&mut file, &original, contents),
        Replace::Failed(error) => Err(error),
    })
}

/// Checks, just before writing, that the file is as it was read: the same size, modification
/// time and bytes.
fn unchanged_since_read(
    file: &mut fs::File,
    stamp: Option<Stamp>,
    original: &[u8],
) -> Result<(), WriteError> {
    let changed = || {
        WriteError::Changed(
            "it changed on disk while it was being checked (saved from an editor?); it was left as \
             it is, with the newer text: check it again to fix it"
                .to_owned(),
        )
    };
    let now = file
        .metadata()
        .map_err(|e| WriteError::Failed(describe_io_error(&e, "read")))?;
    if stamp.is_some_and(|stamp| stamp != Stamp::of(&now)) {
        return Err(changed());
    }
    let mut bytes = Vec::new();
    (&mut *file)
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| WriteError::Failed(describe_io_error(&e, "read")))?;
    if bytes != original {
        return Err(changed());
    }
    Ok(())
}

#[cfg(unix)]
fn must_write_in_place(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn must_write_in_place(_meta: &fs::Metadata) -> bool {
    false
}

enum Replace {
    OwnerNotKept,
    Failed(WriteError),
}

fn replace_by_rename(target: &Path, meta: &fs::Metadata, contents: &[u8]) -> Result<(), Replace> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let failed = |e: io::Error| {
        Replace::Failed(WriteError::Failed(format!(
            "could not write the fixed text ({e}); the file is unchanged"
        )))
    };
    // Making the temporary file and renaming it need a writable folder; say so, since the file's
    // own permissions (which a user looks at first) are fine.
    let in_folder = |e: io::Error| {
        if e.kind() == io::ErrorKind::PermissionDenied {
            Replace::Failed(WriteError::Failed(
                "its folder is not writable, so the fixed text cannot be written beside it; make \
                 the folder writable to apply fixes (the file is unchanged)"
                    .to_owned(),
            ))
        } else {
            failed(e)
        }
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".resolution-ls-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(in_folder)?;
    keep_owner(temp.as_file(), meta)?;
    temp.write_all(contents).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    temp.as_file()
        .set_permissions(meta.permissions())
        .map_err(failed)?;
    temp.persist(target).map_err(|e| in_folder(e.error))?;
    Ok(())
}

/// Gives the temporary file the original's owner and group (root can give any; a user, a group
/// of theirs), or says it cannot.
#[cfg(unix)]
fn keep_owner(temp: &fs::File, meta: &fs::Metadata) -> Result<(), Replace> {
    use std::os::unix::fs::MetadataExt;
    let now = temp.metadata().map_err(|_| Replace::OwnerNotKept)?;
    if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
        return Ok(());
    }
    let uid = (now.uid() != meta.uid()).then_some(meta.uid());
    std::os::unix::fs::fchown(temp, uid, Some(meta.gid())).map_err(|_| Replace::OwnerNotKept)
}

#[cfg(not(unix))]
fn keep_owner(_temp: &fs::File, _meta: &fs::Metadata) -> Result<(), Replace> {
    Ok(())
}

/// Writes `contents` over the file's own bytes; on failure, writes `original` back.
fn write_in_place(file: &mut fs::File, original: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    use std::io::{Seek, SeekFrom};
    let write = |file: &mut fs::File, bytes: &[u8]| -> io::Result<()> {
        file.seek(SeekFrom::Start(0))?;
        file.write_all(bytes)?;
        file.set_len(bytes.len() as u64)?;
        file.sync_all()
    };
    match write(file, contents) {
        Ok(()) => Ok(()),
        Err(e) => match write(file, original) {
            Ok(()) => Err(WriteError::Failed(format!(
                "could not write the fixed text ({e}); the file is unchanged"
            ))),
            Err(again) => Err(WriteError::Failed(format!(
                "could not write the fixed text ({e}), nor put the old text back ({again}); \
                 the file may be damaged: restore it from your copy"
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_and_remembers_the_bom() {
        let source = decode(b"\xEF\xBB\xBFabc".to_vec()).unwrap();
        assert_eq!(source.text, "abc");
        assert!(source.bom);
        assert_eq!(source.bytes_for("x"), b"\xEF\xBB\xBFx");
    }

    #[test]
    fn decode_names_the_first_bad_byte() {
        let error = decode(b"ab\xFFcd".to_vec()).unwrap_err();
        assert_eq!(error, "not valid UTF-8 (byte 2); save the file as UTF-8");
        let error = decode(b"ab\0".to_vec()).unwrap_err();
        assert!(error.contains("NUL byte at byte 2"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn write_fixed_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let source = read_source(&path).unwrap();
        write_fixed(&path, &source, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_file_changed_after_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old\n").unwrap();
        let source = read_source(&path).unwrap();
        // An editor saves a line while the check runs: same size or not, the save is kept.
        fs::write(&path, "old\nnew line\n").unwrap();
        let error = write_fixed(&path, &source, b"fixed\n").unwrap_err();
        assert!(
            matches!(&error, WriteError::Changed(m) if m.contains("changed on disk")),
            "{error:?}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\nnew line\n");
        let source = read_source(&path).unwrap();
        fs::write(&path, "OLD\nnew line\n").unwrap();
        assert!(matches!(
            write_fixed(&path, &source, b"fixed\n"),
            Err(WriteError::Changed(_))
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "OLD\nnew line\n");
    }
}
