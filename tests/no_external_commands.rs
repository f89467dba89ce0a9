//! A promise of SECURITY.md: resolution-ls runs no external command. Its sources (the engine and
//! the binary and the Word import and export, tests aside) never start a process.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_starts_a_process() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("engine/src"), &mut files);
    sources(&root.join("docx/src"), &mut files);
    assert!(files.len() > 20, "found the sources: {}", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for needle in [
            "std::process::Command",
            "process::Command",
            "Command::new(",
            "libc::exec",
            "fork(",
        ] {
            assert!(
                !text.contains(needle),
                "{} contains {needle}",
                file.display()
            );
        }
    }
}
