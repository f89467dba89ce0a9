//! Shared by the Word tests: the fixture drafts, the form an import gives a draft in, and runs of
//! the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_resolution-ls");

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn docx_fixtures() -> PathBuf {
    root().join("tests/fixtures/docx")
}

pub fn reference_draft() -> PathBuf {
    root().join("tests/fixtures/drafts/ccpcj-21-3.md")
}

/// Every fixture draft: the reference draft, the corpus of real resolutions, the six languages,
/// and the README's example.
pub fn fixture_drafts() -> Vec<PathBuf> {
    let mut drafts = vec![reference_draft(), root().join("examples/draft.res.md")];
    for dir in [
        "tests/fixtures/drafts/corpus",
        "tests/fixtures/drafts/languages",
    ] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "md")
                    && p.file_name().is_some_and(|n| n != "README.md")
            })
            .collect();
        found.sort();
        drafts.extend(found);
    }
    assert!(drafts.len() > 20, "fixture drafts found: {}", drafts.len());
    drafts
}

/// A draft as an import writes it: blocks one blank line apart, no blank lines before or after,
/// one line break at the end. (Blank lines carry nothing in the draft format.)
pub fn as_imported(draft: &str) -> String {
    let draft = draft.trim_start_matches('\u{feff}');
    let blocks: Vec<String> = draft
        .split("\n\n")
        .map(|b| b.trim_matches('\n'))
        .filter(|b| !b.trim().is_empty())
        .map(|b| {
            b.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    blocks.join("\n\n") + "\n"
}

#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&std::ffi::OsStr]) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `resolution-ls import PATH`: the Markdown on stdout.
pub fn import(path: &Path) -> String {
    let run = run(&["import".as_ref(), path.as_os_str()]);
    assert_eq!(run.status, 0, "import {}: {}", path.display(), run.stderr);
    run.stdout
}

/// `resolution-ls export DRAFT -o OUT`.
pub fn export(draft: &Path, out: &Path) {
    let run = run(&[
        "export".as_ref(),
        draft.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.status, 0, "export {}: {}", draft.display(), run.stderr);
}

/// What `check --format json` reports, as (rule, message) pairs in order: the same for a draft
/// and its Word document (their lines differ by the blank lines an import drops).
pub fn diagnostics(path: &Path) -> Vec<(String, String)> {
    let run = run(&[
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--draft".as_ref(),
        "always".as_ref(),
        path.as_os_str(),
    ]);
    assert!(
        run.status == 0 || run.status == 1,
        "check {}: {}",
        path.display(),
        run.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The reference draft's two findings, as `check` prints them for a Word document.
pub fn reference_findings(path: &str) -> String {
    format!(
        "{path}: footnote 12 (“Ibid., vol. 1582, No. 27627.”): warning[ibid-style]: “Ibid.” in footnote 12 should be written *Ibid.* (in italics, as in the rest of this draft)\n\
         {path}: footnote 13 (“Ibid., vol. 2178, No. 38349.”): warning[ibid-style]: “Ibid.” in footnote 13 should be written *Ibid.* (in italics, as in the rest of this draft)\n\
         Found 2 problems (2 warnings) in 1 file; 2 fixable with --fix.\n"
    )
}

/// A draft in pandoc's Markdown: `<sup>N</sup>` references as `[^N]`, definitions as `[^N]:`,
/// and each page break as a Word page break (raw OpenXML), so that pandoc writes real footnotes
/// and page breaks.
pub fn pandoc_markdown(draft: &str) -> String {
    let mut blocks = Vec::new();
    for block in draft.trim_start_matches('\u{feff}').split("\n\n") {
        let block = block.trim_matches('\n');
        if block.trim().is_empty() {
            continue;
        }
        if block.trim() == "---" {
            blocks.push(
                "```{=openxml}\n<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n```".to_owned(),
            );
            continue;
        }
        if let Some(rest) = block.strip_prefix("<sup>") {
            if let Some((number, body)) = rest.split_once("</sup> ") {
                if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
                    blocks.push(format!("[^{number}]: {}", sup_references(body)));
                    continue;
                }
            }
        }
        blocks.push(sup_references(block));
    }
    blocks.join("\n\n") + "\n"
}

/// `<sup>7</sup>` -> `[^7]`.
fn sup_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("<sup>") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 5..];
        match after.split_once("</sup>") {
            Some((number, tail))
                if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
            {
                out.push_str(&format!("[^{number}]"));
                rest = tail;
            }
            _ => {
                out.push_str("<sup>");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
