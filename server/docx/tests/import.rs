//! The importer on documents written here part by part, as Word writes them: custom footnote
//! marks, rendered page breaks, tracked changes, tables and comments, runs split anywhere,
//! numbering from styles and at several levels.

use std::io::Write;

use resolution_docx::{export, import, Imported, Place};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A `.docx` with this body (inside `w:body`), footnotes (inside `w:footnotes`), numbering
/// definitions and styles.
fn docx(body: &str, footnotes: &str, numbering: &str, styles: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let part = |zip: &mut zip::ZipWriter<_>, name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part(
        &mut zip,
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"#,
    );
    part(
        &mut zip,
        "word/document.xml",
        &format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
    );
    part(
        &mut zip,
        "word/footnotes.xml",
        &format!("<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{footnotes}</w:footnotes>"),
    );
    part(
        &mut zip,
        "word/numbering.xml",
        &format!("<w:numbering {W}>{numbering}</w:numbering>"),
    );
    part(
        &mut zip,
        "word/styles.xml",
        &format!("<w:styles {W}>{styles}</w:styles>"),
    );
    zip.finish().unwrap().into_inner()
}

fn body(body: &str) -> Imported {
    import(&docx(body, "", "", "")).unwrap()
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn i(text: &str) -> String {
    format!(r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn note(id: u32, text: &str) -> String {
    format!(
        r#"<w:footnote w:id="{id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>{}</w:p></w:footnote>"#,
        r(&format!(" {text}"))
    )
}

fn reference(id: u32) -> String {
    format!(
        r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
    )
}

#[test]
fn split_runs_join_and_spaces_go_outside_emphasis() {
    let imported = body(&p(&format!(
        "{}{}{}{}",
        i("Re"),
        i("calling "),
        r("its resolution 70/1, “Transforming our world” — of 25\u{a0}September"),
        r(",")
    )));
    assert_eq!(
        imported.markdown,
        "*Recalling* its resolution 70/1, “Transforming our world” — of 25\u{a0}September,\n"
    );
    assert!(imported.warnings.is_empty());
}

#[test]
fn bold_italic_and_superscript_text() {
    let imported = body(&p(&format!(
        r#"<w:r><w:rPr><w:b/></w:rPr><w:t>Annex</w:t></w:r>{}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>st</w:t></w:r>{}"#,
        r(" to the 1"),
        r(" report")
    )));
    assert_eq!(
        imported.markdown,
        "**Annex** to the 1<sup>st</sup> report\n"
    );
}

#[test]
fn a_custom_mark_is_kept_and_takes_no_number() {
    let footnotes = format!(
        r#"<w:footnote w:id="5"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>*</w:t></w:r>{}</w:p></w:footnote>{}"#,
        r(" Adopted without a vote."),
        note(6, "A/79/280.")
    );
    let document = format!(
        "{}{}",
        p(&format!(
            r#"{}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="5"/><w:t>*</w:t></w:r>"#,
            r("Resolution 12/7")
        )),
        p(&format!(
            "{}{}{}",
            i("Recalling"),
            r(" the report,"),
            reference(6)
        ))
    );
    let imported = import(&docx(&document, &footnotes, "", "")).unwrap();
    assert_eq!(
        imported.markdown,
        "Resolution 12/7<sup>*</sup>\n\n*Recalling* the report,<sup>1</sup>\n\n---\n\n<sup>*</sup> Adopted without a vote.\n\n<sup>1</sup> A/79/280.\n"
    );
}

#[test]
fn rendered_page_breaks_split_a_paragraph_across_pages() {
    let document = format!(
        "{}{}{}",
        p(&format!("{}{}", r("*Recalling* the report,"), reference(1))),
        p(&format!(
            "{}<w:r><w:lastRenderedPageBreak/><w:t>the Secretary-General,</w:t></w:r>{}",
            r("*Noting* the work of "),
            reference(2)
        )),
        // An explicit break, then the rendered break Word records at the new page: one break.
        p(
            r#"<w:r><w:br w:type="page"/></w:r><w:r><w:lastRenderedPageBreak/><w:t>1. Decides;</w:t></w:r>"#
        )
    );
    let footnotes = format!("{}{}", note(1, "A/1."), note(2, "A/2."));
    let imported = import(&docx(&document, &footnotes, "", "")).unwrap();
    assert_eq!(
        imported.markdown,
        "*Recalling* the report,<sup>1</sup>\n\n*Noting* the work of\n\n---\n\n<sup>1</sup> A/1.\n\nthe Secretary-General,<sup>2</sup>\n\n---\n\n<sup>2</sup> A/2.\n\n1. Decides;\n"
    );
    // The two halves are one Word paragraph.
    let places: Vec<String> = imported.places.iter().map(|(_, p)| p.to_string()).collect();
    assert_eq!(
        places,
        [
            "paragraph 1",
            "paragraph 2",
            "page break after paragraph 2",
            "footnote 1",
            "paragraph 2",
            "page break after paragraph 2",
            "footnote 2",
            "paragraph 3"
        ]
    );
}

#[test]
fn tracked_changes_are_read_as_accepted_with_a_warning() {
    let imported = body(&p(&format!(
        r#"{}<w:ins w:id="1" w:author="A">{}</w:ins><w:del w:id="2" w:author="B"><w:r><w:delText>strongly </w:delText></w:r></w:del>{}"#,
        i("Calls upon"),
        r(" all"),
        r(" States;")
    )));
    assert_eq!(imported.markdown, "*Calls upon* all States;\n");
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "paragraph 1: a tracked deletion was read as accepted (left out)",
            "tracked insertions were read as accepted (1 in document.xml)"
        ]
    );
}

#[test]
fn tables_images_and_comments_are_reported_with_their_place() {
    let document = format!(
        "{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>{}",
        p(&r("First.")),
        p(&r("In a cell.")),
        p(&format!(
            r#"<w:commentRangeStart w:id="0"/>{}<w:r><w:commentReference w:id="0"/></w:r><w:r><w:drawing><wp:inline xmlns:wp="x"/></w:drawing></w:r>"#,
            r("Second.")
        ))
    );
    let imported = body(&document);
    assert_eq!(imported.markdown, "First.\n\nSecond.\n");
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "before paragraph 2: a table was not imported (tables have no place in the draft format)",
            "paragraph 2: a comment was not imported",
            "paragraph 2: an image or drawing was not imported"
        ]
    );
}

const LIST: &str = r#"<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#;

fn numbered(ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="3"/></w:numPr></w:pPr>{}</w:p>"#,
        r(text)
    )
}

#[test]
fn automatic_numbering_at_two_levels() {
    let document = [
        numbered(0, "Decides:"),
        numbered(1, "To convene a meeting;"),
        numbered(1, "To report;"),
        "<w:p/>".to_owned(),
        numbered(0, "Requests the Secretary-General to report."),
    ]
    .concat();
    let imported = import(&docx(&document, "", LIST, "")).unwrap();
    assert_eq!(
        imported.markdown,
        "1. Decides:\n\n(a) To convene a meeting;\n\n(b) To report;\n\n2. Requests the Secretary-General to report.\n"
    );
}

#[test]
fn numbering_and_headings_from_styles() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="Op"><w:name w:val="Operative"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="T1"><w:name w:val="heading 2"/></w:style>"#;
    let document = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="T1"/></w:pPr>{}</w:p><w:p><w:pPr><w:pStyle w:val="Op"/></w:pPr>{}</w:p><w:p><w:pPr><w:pStyle w:val="Op"/></w:pPr>{}</w:p>"#,
        r("Resolution 1/1"),
        r("Decides;"),
        r("Requests.")
    );
    let imported = import(&docx(&document, "", LIST, styles)).unwrap();
    assert_eq!(
        imported.markdown,
        "## Resolution 1/1\n\n1. Decides;\n\n2. Requests.\n"
    );
}

#[test]
fn places_lead_back_to_word() {
    let imported = import(&docx(
        &format!(
            "{}<w:p/>{}",
            p(&r("First.")),
            p(&format!("{}{}", r("Second,"), reference(9)))
        ),
        &note(9, "A/79/280."),
        "",
        "",
    ))
    .unwrap();
    assert_eq!(
        imported.markdown,
        "First.\n\nSecond,<sup>1</sup>\n\n---\n\n<sup>1</sup> A/79/280.\n"
    );
    let second = imported.markdown.find("Second").unwrap();
    assert_eq!(imported.place_at(second), Some(&Place::Paragraph(2)));
    assert_eq!(imported.place_at(0), Some(&Place::Paragraph(1)));
    let footnote = imported.markdown.rfind("A/79").unwrap();
    assert_eq!(
        imported.place_at(footnote),
        Some(&Place::Footnote("1".into()))
    );
}

#[test]
fn a_footnote_without_its_text_is_reported() {
    let imported = body(&p(&format!("{}{}", r("Second,"), reference(9))));
    assert_eq!(imported.markdown, "Second,<sup>1</sup>\n\n---\n");
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["footnote 1: the footnote's text is missing from the document"]
    );
}

/// What export writes comes back: footnotes out of order keep their numbers (as custom marks), a
/// marker with two references stays one, a second reference stays superscript text.
#[test]
fn export_keeps_footnote_numbers_word_would_change() {
    let draft = "*The General Assembly*,\n\n*Recalling* A,<sup>1</sup> B<sup>3</sup> and C,<sup>2</sup>\n\n*Noting* D<sup>4,5</sup> and E,<sup>4</sup>\n\n---\n\n<sup>1</sup> A/1.\n\n<sup>3</sup> A/3.\n\n<sup>2</sup> A/2.\n\n<sup>4</sup> A/4.\n\n<sup>5</sup> A/5.\n";
    let exported = export(draft).unwrap();
    assert!(exported.warnings.is_empty(), "{:?}", exported.warnings);
    assert_eq!(import(&exported.bytes).unwrap().markdown, draft);
}

#[test]
fn right_to_left_paragraphs_are_marked_and_come_back() {
    let draft = "*إن الجمعية العامة*،\n\n*إذ تشير* إلى قرارها 70/1،<sup>1</sup>\n\n---\n\n<sup>1</sup> A/79/280.\n";
    let exported = export(draft).unwrap();
    let imported = import(&exported.bytes).unwrap();
    assert_eq!(imported.markdown, draft);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&exported.bytes)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    assert!(document.contains("<w:bidi/>") && document.contains("<w:rtl/>"));
    assert!(
        document.contains("Times New Roman") || {
            let mut styles = String::new();
            std::io::Read::read_to_string(
                &mut archive.by_name("word/styles.xml").unwrap(),
                &mut styles,
            )
            .unwrap();
            styles.contains("Times New Roman")
        }
    );
}

#[test]
fn bad_xml_is_one_error() {
    let bytes = docx("<w:p><w:r><w:t>unclosed", "", "", "");
    let error = import(&bytes).unwrap_err().to_string();
    assert!(
        error.starts_with("not a readable Word document: document.xml is not valid XML"),
        "{error}"
    );
    assert!(!error.contains('\n'));
}

/// Damaged documents give a result or an error, never a panic: every character of the XML
/// parts changed in turn, and every byte of the package.
#[test]
fn damaged_documents_never_panic() {
    let footnotes = format!("{}{}", note(1, "A/1."), note(2, "*Ibid.*"));
    let document = [
        p(&format!("{}{}{}", i("Re"), i("calling "), reference(1))),
        numbered(0, "Decides:"),
        numbered(1, "To act;"),
        p(&format!(
            r#"<w:r><w:br w:type="page"/></w:r>{}"#,
            reference(2)
        )),
    ]
    .concat();
    let mut outcomes = (0, 0);
    let mut record = |bytes: &[u8]| match import(bytes) {
        Ok(_) => outcomes.0 += 1,
        Err(e) => {
            assert!(!e.to_string().contains('\n'));
            outcomes.1 += 1;
        }
    };
    let mutations = |text: &str| -> Vec<String> {
        let mut out = Vec::new();
        for (at, c) in text.char_indices() {
            for replacement in ["<", "\"", "9", "", "/>"] {
                let mut changed = text.to_owned();
                changed.replace_range(at..at + c.len_utf8(), replacement);
                out.push(changed);
            }
        }
        out
    };
    for changed in mutations(&document) {
        record(&docx(&changed, &footnotes, LIST, ""));
    }
    for changed in mutations(&footnotes) {
        record(&docx(&document, &changed, LIST, ""));
    }
    for changed in mutations(LIST) {
        record(&docx(&document, &footnotes, &changed, ""));
    }
    let original = docx(&document, &footnotes, LIST, "");
    for at in 0..original.len() {
        let mut bytes = original.clone();
        bytes[at] ^= 0x5a;
        record(&bytes);
    }
    assert!(outcomes.0 > 1000 && outcomes.1 > 1000, "{outcomes:?}");
}

#[test]
fn huge_list_starts_are_written_in_digits() {
    let list = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#;
    let imported = import(&docx(
        &[numbered(0, "A;"), numbered(0, "B.")].concat(),
        "",
        list,
        "",
    ))
    .unwrap();
    assert_eq!(imported.markdown, "4294967295) A;\n\n4294967295) B.\n");
}

#[test]
fn a_section_on_a_new_page_is_a_page_break() {
    let document = format!(
        r#"{}<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr>{}</w:p><w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr>{}</w:p>{}<w:sectPr><w:pgSz w:w="11906"/></w:sectPr>"#,
        p(&format!("{}{}", r("First,"), reference(1))),
        r("end of the first section."),
        r("Same page."),
        p(&r("Last."))
    );
    let imported = import(&docx(&document, &note(1, "A/1."), "", "")).unwrap();
    assert_eq!(
        imported.markdown,
        "First,<sup>1</sup>\n\nend of the first section.\n\n---\n\n<sup>1</sup> A/1.\n\nSame page.\n\nLast.\n"
    );
}

#[test]
fn fixes_go_into_their_own_document_only() {
    let checked = docx(
        &p(&format!(
            "{}{}",
            r("Noting"),
            r(" the report of the Secretary-General,")
        )),
        "",
        "",
        "",
    );
    let imported = import(&checked).unwrap();
    let fixed = imported.markdown.replace("Noting", "*Noting*");
    let written = resolution_docx::write_fixed(&checked, &imported, &fixed).unwrap();
    assert_eq!(import(&written).unwrap().markdown, fixed);
    let another = docx(&p(&r("X")), "", "", "");
    let error = resolution_docx::write_fixed(&another, &imported, &fixed).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the document is not the one that was checked; check it again"
    );
}

#[test]
fn a_footnotes_warning_names_it_as_word_shows_it() {
    let footnotes = format!(
        r#"{}<w:footnote w:id="8"><w:p>{}<w:r><w:drawing/></w:r></w:p></w:footnote>"#,
        note(7, "A/1."),
        r("See the map.")
    );
    let document = p(&format!("{}{}{}", r("A,"), reference(7), reference(8)));
    let imported = import(&docx(&document, &footnotes, "", "")).unwrap();
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["footnote 2: an image or drawing was not imported"]
    );
}
