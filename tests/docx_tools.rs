//! Word drafts against real producers and consumers: pandoc (Debian's `pandoc`) writes `.docx`
//! with real footnotes and reads ours back; LibreOffice headless (Debian's
//! `libreoffice-writer-nogui`) re-saves ours as `.docx` with its own runs and numbering, and
//! prints it to PDF, whose text (`pdftotext`, Debian's `poppler-utils`) shows the footnotes on
//! their pages. A tool that is not installed skips its test with "skipped: … not installed",
//! unless `RESOLUTION_LS_REQUIRE_TOOLS=1` (as `.ci/run` sets), which makes it a failure.
//!
//! `RESOLUTION_LS_WRITE_DOCX_FIXTURES=1 cargo test -p resolution-ls --test docx_tools` writes
//! the `.docx` fixtures of `tests/fixtures/docx/` again with these tools.

#[path = "support/docx.rs"]
mod docx;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use docx::*;

/// Whether `tool` runs; if not, says the test is skipped (or fails when tools are required).
fn have(tool: &str) -> bool {
    // Poppler's tools know `-v`, not `--version` (which pdftotext reads as a file name).
    let version_flag = if tool == "pdftotext" {
        "-v"
    } else {
        "--version"
    };
    let found = Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let package = match tool {
            "soffice" => "libreoffice-writer-nogui",
            "pdftotext" => "poppler-utils",
            other => other,
        };
        if std::env::var_os("RESOLUTION_LS_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
            panic!("{tool} is not installed (apt-get install {package}) and RESOLUTION_LS_REQUIRE_TOOLS=1");
        }
        eprintln!("skipped: {tool} not installed (apt-get install {package})");
    }
    found
}

fn tool(program: &str, args: &[&std::ffi::OsStr]) {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// pandoc's reading of Markdown: smart punctuation and `(a)` lists off, so that the draft's
/// characters are kept as typed.
const PANDOC_MARKDOWN: &str = "markdown-smart-fancy_lists";

fn pandoc_to_docx(markdown: &Path, out: &Path) {
    tool(
        "pandoc",
        &[
            "-f".as_ref(),
            PANDOC_MARKDOWN.as_ref(),
            "-t".as_ref(),
            "docx".as_ref(),
            markdown.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    );
}

/// LibreOffice converts `inputs` into `out_dir` (one start for them all: it is slow to start).
/// Its own profile in a temporary folder, so that a running LibreOffice does not take the job.
fn libreoffice(format: &str, inputs: &[PathBuf], out_dir: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let mut args: Vec<std::ffi::OsString> = vec![
        format!("-env:UserInstallation=file://{}", profile.path().display()).into(),
        "--headless".into(),
        "--convert-to".into(),
        format.into(),
        "--outdir".into(),
        out_dir.into(),
    ];
    args.extend(inputs.iter().map(|p| p.clone().into_os_string()));
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    tool("soffice", &args);
}

/// pandoc writes the reference draft (and the five other languages' drafts) as `.docx` with real
/// footnotes and automatic numbering; the import gives back each draft as pandoc read it (pandoc
/// joins a paragraph's lines) and the same diagnostics.
#[test]
fn pandoc_documents_import_as_the_drafts() {
    if !have("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut drafts = vec![reference_draft()];
    for language in ["ar", "es", "fr", "ru", "zh"] {
        drafts.push(root().join(format!("tests/fixtures/drafts/languages/{language}.md")));
    }
    for draft in drafts {
        let name = draft.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&draft).unwrap();
        let markdown = dir.path().join(format!("{name}.pandoc.md"));
        fs::write(&markdown, pandoc_markdown(&text)).unwrap();
        let docx = dir.path().join(format!("{name}.docx"));
        pandoc_to_docx(&markdown, &docx);
        let as_pandoc_reads_it: Vec<String> = as_imported(&text)
            .trim_end()
            .split("\n\n")
            .map(|block| block.replace('\n', " "))
            .collect();
        let as_pandoc_reads_it = as_pandoc_reads_it.join("\n\n") + "\n";
        assert_eq!(import(&docx), as_pandoc_reads_it, "{name}");
        assert_eq!(diagnostics(&docx), diagnostics(&draft), "{name}");
        if name == "ccpcj-21-3" {
            let run = run(&["check".as_ref(), docx.as_os_str()]);
            assert_eq!(run.stdout, reference_findings(&docx.display().to_string()));
        }
    }
}

/// pandoc reads our `.docx` back: the reference draft's thirteen footnotes are real footnotes to
/// it, with their text.
#[test]
fn pandoc_reads_our_footnotes() {
    if !have("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("ref.docx");
    export(&reference_draft(), &docx);
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "markdown", "--wrap=none"])
        .arg(&docx)
        .output()
        .unwrap();
    assert!(out.status.success());
    let markdown = String::from_utf8(out.stdout).unwrap();
    for n in 1..=13 {
        assert!(
            markdown.contains(&format!("[^{n}]:")),
            "footnote {n}:\n{markdown}"
        );
    }
    assert!(!markdown.contains("[^14]"));
    assert!(markdown
        .contains("[^1]: *Salvador Declaration on Comprehensive Strategies for Global Challenges"));
    assert!(markdown.contains("[^13]: Ibid., vol. 2178, No. 38349."));
    assert!(markdown.contains("*Emphasizing* that the Twelfth United Nations Congress"));
}

/// LibreOffice re-saves our export of every fixture draft (its own run splitting, numbering and
/// footnote styles): each imports as the draft, with the same diagnostics.
#[test]
fn libreoffice_resaves_import_as_the_drafts() {
    if !have("soffice") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours");
    let theirs = dir.path().join("libreoffice");
    fs::create_dir_all(&ours).unwrap();
    // A draft whose footnotes are out of order: the export keeps its numbers as custom marks,
    // which LibreOffice writes twice (the importer reads them once).
    let custom_marks = dir.path().join("custom-marks.md");
    fs::write(
        &custom_marks,
        "*The General Assembly*,\n\n*Recalling* A,<sup>1</sup> B<sup>3</sup> and C,<sup>2</sup>\n\n---\n\n<sup>1</sup> A/1.\n\n<sup>3</sup> A/3.\n\n<sup>2</sup> A/2.\n",
    )
    .unwrap();
    let drafts: Vec<PathBuf> = fixture_drafts().into_iter().chain([custom_marks]).collect();
    let mut exported = Vec::new();
    for draft in &drafts {
        let name = draft.file_stem().unwrap().to_string_lossy().into_owned();
        let docx = ours.join(format!("{name}.docx"));
        export(draft, &docx);
        exported.push(docx);
    }
    libreoffice("docx:MS Word 2007 XML", &exported, &theirs);
    for draft in &drafts {
        let name = draft.file_stem().unwrap().to_string_lossy().into_owned();
        let resaved = theirs.join(format!("{name}.docx"));
        assert_ne!(
            fs::read(&resaved).unwrap(),
            fs::read(ours.join(format!("{name}.docx"))).unwrap()
        );
        let text = fs::read_to_string(draft).unwrap();
        assert_eq!(import(&resaved), as_imported(&text), "{name}");
        assert_eq!(diagnostics(&resaved), diagnostics(draft), "{name}");
    }
    let reference = theirs.join("ccpcj-21-3.docx");
    let run = run(&["check".as_ref(), reference.as_os_str()]);
    assert_eq!(
        run.stdout,
        reference_findings(&reference.display().to_string())
    );
}

/// LibreOffice prints our export of the reference draft: each page shows its own footnotes.
#[test]
fn libreoffice_prints_the_footnotes_on_their_pages() {
    if !have("soffice") || !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("ref.docx");
    export(&reference_draft(), &docx);
    libreoffice("pdf", &[docx], dir.path());
    let out = Command::new("pdftotext")
        .arg(dir.path().join("ref.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 3, "{text}");
    let on = |page: usize, words: &str| pages[page].contains(words);
    assert!(on(0, "Salvador Declaration on Comprehensive Strategies"));
    assert!(on(0, "General Assembly resolution 60/288."));
    assert!(!on(0, "Supplement No. 8"));
    assert!(on(1, "the World Drug Problem"));
    assert!(on(
        1,
        "Official Records of the Economic and Social Council, 2009, Supplement No. 8"
    ));
    assert!(on(1, "vol. 1019, No. 14956."));
    assert!(on(2, "Ibid., vol. 2178, No. 38349."));
    assert!(!on(2, "General Assembly resolution 60/288."));
}

/// LibreOffice opens the fixed copy `check --fix --output` writes, and prints the fixes.
#[test]
fn libreoffice_opens_a_fixed_copy() {
    if !have("soffice") || !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("fixed.docx");
    let source = docx_fixtures().join("word-features.docx");
    let run = run(&[
        "check".as_ref(),
        "--fix".as_ref(),
        "--output".as_ref(),
        fixed.as_os_str(),
        source.as_os_str(),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    libreoffice("pdf", &[fixed], dir.path());
    let out = Command::new("pdftotext")
        .arg(dir.path().join("fixed.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Noting also the views expressed by Member States"),
        "{text}"
    );
    assert!(text.contains("Ibid., para. 14."), "{text}");
}

/// Writes the `.docx` fixtures again (only with RESOLUTION_LS_WRITE_DOCX_FIXTURES=1).
#[test]
fn write_fixtures() {
    if std::env::var_os("RESOLUTION_LS_WRITE_DOCX_FIXTURES").is_none_or(|v| v != "1") {
        return;
    }
    assert!(
        have("pandoc") && have("soffice"),
        "the fixtures need pandoc and LibreOffice"
    );
    let out = docx_fixtures();
    let dir = tempfile::tempdir().unwrap();
    let markdown = dir.path().join("ref.pandoc.md");
    fs::write(
        &markdown,
        pandoc_markdown(&fs::read_to_string(reference_draft()).unwrap()),
    )
    .unwrap();
    pandoc_to_docx(&markdown, &out.join("pandoc-reference.docx"));
    pandoc_to_docx(
        &out.join("word-features.pandoc.md"),
        &out.join("word-features.docx"),
    );
    let ours = dir.path().join("libreoffice-resave.docx");
    export(&reference_draft(), &ours);
    let resaved = dir.path().join("resaved");
    libreoffice("docx:MS Word 2007 XML", &[ours], &resaved);
    fs::copy(
        resaved.join("libreoffice-resave.docx"),
        out.join("libreoffice-resave.docx"),
    )
    .unwrap();
    // A zip bomb: a well-formed package whose document inflates to 200 MiB of spaces.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    zip.start_file("[Content_Types].xml", options).unwrap();
    std::io::Write::write_all(&mut zip, br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..200 {
        std::io::Write::write_all(&mut zip, &spaces).unwrap();
    }
    fs::write(
        out.join("zip-bomb.docx"),
        zip.finish().unwrap().into_inner(),
    )
    .unwrap();
}
