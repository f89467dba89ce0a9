//! Word drafts end to end, without pandoc or LibreOffice: `import`, `export` and `check` on the
//! `.docx` fixtures those tools made (tests/fixtures/docx/README.md says how), the round trip of
//! every fixture draft through our own writer, and bad input. `docx_tools.rs` runs the tools.

#[path = "support/docx.rs"]
mod docx;

use std::fs;

use docx::*;

#[test]
fn a_pandoc_document_imports_as_the_reference_draft() {
    let path = docx_fixtures().join("pandoc-reference.docx");
    let draft = fs::read_to_string(reference_draft()).unwrap();
    assert_eq!(import(&path), as_imported(&draft));
}

#[test]
fn a_libreoffice_document_imports_as_the_reference_draft() {
    let path = docx_fixtures().join("libreoffice-resave.docx");
    let draft = fs::read_to_string(reference_draft()).unwrap();
    assert_eq!(import(&path), as_imported(&draft));
}

#[test]
fn check_names_the_word_places_of_the_reference_findings() {
    for name in ["pandoc-reference.docx", "libreoffice-resave.docx"] {
        let path = docx_fixtures().join(name);
        let run = run(&["check".as_ref(), path.as_os_str()]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        assert_eq!(run.stdout, reference_findings(&path.display().to_string()));
        assert_eq!(run.stderr, "");
    }
}

/// Automatic numbering, runs split mid-word (`Re` + `calling `), a space at an italic run's edge,
/// a non-breaking space split from its word, real footnotes and a page break: the draft a
/// person would type.
#[test]
fn word_features_import_as_typed() {
    let path = docx_fixtures().join("word-features.docx");
    let run = run(&["import".as_ref(), path.as_os_str()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "nothing was left out");
    insta::assert_snapshot!("word_features_import", run.stdout);
    assert!(run
        .stdout
        .contains("*Recalling* its resolution 70/1 of 25\u{a0}September 2015"));
    assert!(run.stdout.contains("\n1. *Decides*") && run.stdout.contains("\n2. *Requests*"));
}

#[test]
fn check_names_paragraph_and_footnote_places() {
    let path = docx_fixtures().join("word-features.docx");
    let shown = path.display().to_string();
    let run = run(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{shown}: paragraph 4 (“Noting also the views expressed by…”): warning[opener-not-italic]: opener “Noting also” is not in italics\n\
             {shown}: footnote 4 (“Ibid., para. 14.”): warning[ibid-style]: “Ibid.” in footnote 4 should be written *Ibid.* (in italics, as in the rest of this draft)\n\
             Found 2 problems (2 warnings) in 1 file; 2 fixable with --fix.\n"
        )
    );
}

#[test]
fn json_and_sarif_give_the_word_place() {
    let path = docx_fixtures().join("word-features.docx");
    let json = run(&[
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let places: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["word"]["place"].as_str().unwrap(),
                d["word"]["context"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("paragraph 4", "Noting also the views expressed by…"),
            ("footnote 4", "Ibid., para. 14.")
        ]
    );
    let sarif = run(&[
        "check".as_ref(),
        "--format".as_ref(),
        "sarif".as_ref(),
        path.as_os_str(),
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let logical: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["logicalLocations"][0]["name"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(logical, ["paragraph 4", "footnote 4"]);
    assert!(
        results
            .iter()
            .all(|r| r["locations"][0]["physicalLocation"]["region"].is_null()),
        "a Word document has no lines to point at"
    );
}

#[test]
fn directories_are_searched_for_word_drafts() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        docx_fixtures().join("pandoc-reference.docx"),
        dir.path().join("ref.docx"),
    )
    .unwrap();
    // Word's lock file beside an open document is no document.
    fs::write(dir.path().join("~$ref.docx"), b"owner").unwrap();
    let run = run(&["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        reference_findings(&dir.path().join("ref.docx").display().to_string())
    );
}

#[test]
fn fix_does_not_rewrite_a_word_document_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ref.docx");
    fs::copy(docx_fixtures().join("pandoc-reference.docx"), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let run = run(&["check".as_ref(), "--fix".as_ref(), path.as_os_str()]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(
            "not fixed: a Word document is not rewritten in place; add --output FIXED.docx to write a fixed copy"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// The entries of a `.docx`, inflated, by name.
fn entries(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
            (entry.name().to_owned(), data)
        })
        .collect()
}

#[test]
fn fix_with_output_writes_a_fixed_copy_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.docx");
    fs::copy(docx_fixtures().join("word-features.docx"), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let fixed = dir.path().join("fixed.docx");
    let run = run(&[
        "check".as_ref(),
        "--fix".as_ref(),
        "--output".as_ref(),
        fixed.as_os_str(),
        path.as_os_str(),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Applied 2 fixes in 1 file (opener-not-italic 1, ibid-style 1).\nNo problems found in 1 file.\n"
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the document itself is untouched"
    );
    let expected = import(&path)
        .replace("\nNoting also the views", "\n*Noting also* the views")
        .replace(
            "<sup>4</sup> Ibid., para. 14.",
            "<sup>4</sup> *Ibid.*, para. 14.",
        );
    assert_eq!(import(&fixed), expected);
    assert_eq!(diagnostics(&fixed), []);
    let (old, new) = (entries(&before), entries(&fs::read(&fixed).unwrap()));
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    for (name, data) in &old {
        if name != "word/document.xml" && name != "word/footnotes.xml" {
            assert_eq!(&new[name], data, "{name} is kept as it was");
        }
    }
    // In the document, only the fixed paragraph's runs changed: its properties and every other
    // paragraph are the same bytes.
    let (old_xml, new_xml) = (
        String::from_utf8(old["word/document.xml"].clone()).unwrap(),
        String::from_utf8(new["word/document.xml"].clone()).unwrap(),
    );
    let at = old_xml.find("Noting also").unwrap();
    let paragraph_start = old_xml[..at].rfind("<w:p>").unwrap();
    let paragraph_end = at + old_xml[at..].find("</w:p>").unwrap();
    assert_eq!(new_xml[..paragraph_start], old_xml[..paragraph_start]);
    let tail = &old_xml[paragraph_end..];
    assert!(new_xml.ends_with(tail));
}

#[test]
fn a_fix_that_adds_a_footnote_is_not_written_into_word() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.md");
    fs::write(
        &draft,
        "*The General Assembly*,\n\n*Recalling* its resolution 60/288,<sup>1</sup>\n\n1. *Decides* to act;<sup>2</sup>\n\n---\n\n<sup>1</sup> General Assembly resolution 60/288.\n",
    )
    .unwrap();
    let docx = dir.path().join("d.docx");
    export(&draft, &docx);
    let fixed = dir.path().join("fixed.docx");
    let run = run(&[
        "check".as_ref(),
        "--fix".as_ref(),
        "--unsafe-fixes".as_ref(),
        "-o".as_ref(),
        fixed.as_os_str(),
        docx.as_os_str(),
    ]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("not fixed: the fixes add or remove a paragraph or footnote"),
        "{}",
        run.stderr
    );
    assert!(!fixed.exists());
}

#[test]
fn output_is_for_one_word_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.docx");
    let run = run(&[
        "check".as_ref(),
        "--fix".as_ref(),
        "--output".as_ref(),
        out.as_os_str(),
        reference_draft().as_os_str(),
    ]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: --output writes the fixed copy of one Word document (.docx); name one, or leave --output out to fix Markdown drafts in place\n"
    );
    assert!(!out.exists());
}

/// Item 4 of the Word issue: `import(export(draft))` is the draft, and both give the same
/// diagnostics, for every fixture draft in every language.
#[test]
fn every_fixture_draft_comes_back_from_word() {
    let dir = tempfile::tempdir().unwrap();
    for draft in fixture_drafts() {
        let name = draft.file_stem().unwrap().to_string_lossy().into_owned();
        let docx = dir.path().join(format!("{name}.docx"));
        export(&draft, &docx);
        let text = fs::read_to_string(&draft).unwrap();
        assert_eq!(import(&docx), as_imported(&text), "{name}");
        assert_eq!(diagnostics(&docx), diagnostics(&draft), "{name}");
    }
}

#[test]
fn import_writes_the_file_named_by_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draft.md");
    let path = docx_fixtures().join("pandoc-reference.docx");
    let run = run(&[
        "import".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!((run.status, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let draft = fs::read_to_string(reference_draft()).unwrap();
    assert_eq!(fs::read_to_string(&out).unwrap(), as_imported(&draft));
}

#[test]
fn export_names_what_word_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.md");
    fs::write(
        &draft,
        "*The General Assembly*,\n\n<!-- a note to the secretariat -->\n\n*Recalling* its resolution 70/1,<sup>1</sup>\n\n---\n\n<sup>1</sup> A/79/280.\n\n<sup>2</sup> Never referenced.\n",
    )
    .unwrap();
    let run = run(&["export".as_ref(), draft.as_os_str()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "warning: {0}: footnote 2 is defined but never referenced; a Word footnote lives at its reference, so it was left out\n\
             warning: {0}: line 3: a comment was left out (Word has no place for it)\n",
            draft.display()
        )
    );
    assert!(
        dir.path().join("d.docx").is_file(),
        "the default output is the draft's name with .docx"
    );
}

/// Bad input: one line on stderr, exit 2, nothing written.
fn assert_refused(bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.docx");
    fs::write(&path, bytes).unwrap();
    let out = dir.path().join("draft.md");
    let run = run(&[
        "import".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with(&format!("error: {}: {expected}", path.display())),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing but the input is in the folder"
    );
    let check = self::run(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(check.status, 2, "{}", check.stderr);
    assert!(check.stderr.contains(expected), "{}", check.stderr);
}

#[test]
fn a_renamed_text_file_is_refused() {
    assert_refused(
        b"*The General Assembly*,\n",
        "not a Word document (.docx is a zip archive, and this file is not one)",
    );
}

#[test]
fn a_corrupt_zip_is_refused() {
    let bytes = fs::read(docx_fixtures().join("pandoc-reference.docx")).unwrap();
    assert_refused(
        &bytes[..bytes.len() / 2],
        "not a readable Word document: the zip archive is damaged",
    );
}

#[test]
fn a_zip_bomb_is_refused() {
    let bytes = fs::read(docx_fixtures().join("zip-bomb.docx")).unwrap();
    assert!(bytes.len() < 1024 * 1024);
    assert_refused(
        &bytes,
        "not read: word/document.xml would inflate to more than",
    );
}

#[test]
fn a_zip_that_is_not_a_word_document_is_refused() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_refused(
        &bytes,
        "not a Word document: the zip archive has no [Content_Types].xml",
    );
}

#[test]
fn a_huge_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.docx");
    let file = fs::File::create(&path).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let run = run(&["import".as_ref(), path.as_os_str()]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {}: too large to read (65 MiB; the limit is 64 MiB)\n",
            path.display()
        )
    );
}
