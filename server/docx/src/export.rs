//! Markdown to Word: a draft as a `.docx` in the layout of UN resolutions (Times New Roman, the
//! organ line and openers in italics as the draft writes them, operative paragraphs numbered
//! with a tab, real footnotes that Word numbers, page breaks where the draft has them).
//!
//! The export is made to come back unchanged through [`crate::import()`]: a footnote whose number
//! is not the one Word would give it (the draft numbers out of order) keeps its number as a
//! custom mark; a second reference to a footnote, or one to a footnote never defined, stays
//! superscript text.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Write};

use quick_xml::escape::escape;
use resolution_engine::syntax::{parse_blocks, Block, BlockKind, FootnoteKey};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::word::Format;
use crate::DocxError;

/// A draft written as a Word document.
#[derive(Clone, Debug)]
pub struct Exported {
    pub bytes: Vec<u8>,
    /// What the Word document does not hold (comments, code, unreferenced footnotes).
    pub warnings: Vec<String>,
}

/// Writes the Markdown draft `text` as a `.docx`.
pub fn export(text: &str) -> Result<Exported, DocxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let blocks = parse_blocks(text, 0);
    let mut warnings = Vec::new();
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;

    // The footnote definitions, by key, in the order they are defined.
    let mut definitions: HashMap<FootnoteKey, String> = HashMap::new();
    for block in &blocks {
        if let BlockKind::FootnoteDef(def) = &block.kind {
            let raw = &text[block.range()];
            let body = raw.get(def.marker_range.end..).unwrap_or("");
            let body = body.trim_start_matches(':').trim();
            if definitions
                .insert(def.key.clone(), trimmed_lines(body))
                .is_some()
            {
                warnings.push(format!(
                    "line {}: footnote {} is defined twice; Word keeps the last definition",
                    line_of(block.start),
                    def.key
                ));
            }
        }
    }

    let mut body = String::new();
    let mut notes = Notes::default();
    let mut break_pending = false;
    for block in &blocks {
        let raw = &text[block.range()];
        match &block.kind {
            BlockKind::PageBreak => {
                if break_pending {
                    // Two page breaks in a row: the first gets a page of its own.
                    body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
                }
                break_pending = true;
            }
            BlockKind::FootnoteDef(_) => {}
            BlockKind::Fence | BlockKind::Comment => warnings.push(format!(
                "line {}: {} left out (Word has no place for it)",
                line_of(block.start),
                if matches!(block.kind, BlockKind::Fence) {
                    "a code fence line was"
                } else {
                    "a comment was"
                }
            )),
            BlockKind::Heading(heading) if heading.level > 0 => {
                let content = raw.trim_start_matches('#').trim();
                body.push_str(&paragraph_xml(
                    &ParagraphStyle::Heading(heading.level),
                    std::mem::take(&mut break_pending),
                    &runs(content, &definitions, &mut notes),
                    content,
                ));
            }
            BlockKind::Heading(_) | BlockKind::Paragraph(_) => {
                let content = trimmed_lines(raw);
                let (mut style, content) = numbered(block, &content);
                let continues = block
                    .paragraph()
                    .is_some_and(|p| p.starts_lowercase && p.opener.is_none());
                if break_pending && continues && matches!(style, ParagraphStyle::Body) {
                    style = ParagraphStyle::Continued;
                }
                body.push_str(&paragraph_xml(
                    &style,
                    std::mem::take(&mut break_pending),
                    &runs(content, &definitions, &mut notes),
                    content,
                ));
            }
        }
    }
    for (key, _) in definitions
        .iter()
        .filter(|(key, _)| !notes.used.contains(*key))
    {
        warnings.push(format!(
            "footnote {key} is defined but never referenced; a Word footnote lives at its \
             reference, so it was left out"
        ));
    }
    warnings.sort();

    let mut footnotes = String::from(FOOTNOTES_START);
    for note in &notes.written {
        footnotes.push_str(&format!("<w:footnote w:id=\"{}\">", note.id));
        let mark = match &note.custom_mark {
            None => "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>"
                .to_owned(),
            Some(mark) => format!(
                "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(mark.as_str())
            ),
        };
        let mut runs_xml = mark;
        runs_xml.push_str("<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
        runs_xml.push_str(&note.runs);
        footnotes.push_str(&paragraph_xml(
            &ParagraphStyle::Footnote,
            false,
            &runs_xml,
            &note.text,
        ));
        footnotes.push_str("</w:footnote>");
    }
    footnotes.push_str("</w:footnotes>");

    let section = SECTION.replace(
        "<w:numFmt w:val=\"decimal\"/>",
        &format!(
            "<w:numFmt w:val=\"decimal\"/><w:numStart w:val=\"{}\"/>",
            notes.start.unwrap_or(1)
        ),
    );
    let document = format!("{DOCUMENT_START}{body}{section}</w:body></w:document>");
    let bytes = package(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
        ("word/footnotes.xml", &footnotes),
    ])?;
    Ok(Exported { bytes, warnings })
}

/// The lines of a block, each trimmed; they stay lines (a line break in Word), as a meeting line
/// and its date do.
fn trimmed_lines(raw: &str) -> String {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

enum ParagraphStyle {
    Body,
    /// The rest of a paragraph the page before began: no first-line indent.
    Continued,
    /// An operative paragraph: its typed number, then a tab.
    Numbered(String),
    Heading(u8),
    Footnote,
}

/// An operative paragraph's `12. ` becomes `12.` and a tab, as UN documents set it.
fn numbered<'a>(block: &Block, content: &'a str) -> (ParagraphStyle, &'a str) {
    if let Some(number) = block.paragraph().and_then(|p| p.number.as_ref()) {
        let prefix = number.prefix().start as usize..number.prefix().end as usize;
        if let Some(label) = content.get(prefix.clone()).map(str::trim_end) {
            if label.ends_with('.') && prefix.start == 0 {
                return (
                    ParagraphStyle::Numbered(label.to_owned()),
                    &content[prefix.end..],
                );
            }
        }
    }
    (ParagraphStyle::Body, content)
}

fn is_right_to_left(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

fn paragraph_xml(style: &ParagraphStyle, break_before: bool, runs: &str, text: &str) -> String {
    let rtl = is_right_to_left(text);
    let mut p = String::from("<w:p><w:pPr>");
    match style {
        ParagraphStyle::Heading(level) => {
            p.push_str(&format!("<w:pStyle w:val=\"Heading{level}\"/>"))
        }
        ParagraphStyle::Footnote => p.push_str("<w:pStyle w:val=\"FootnoteText\"/>"),
        ParagraphStyle::Body | ParagraphStyle::Numbered(_) | ParagraphStyle::Continued => {}
    }
    if break_before {
        p.push_str("<w:pageBreakBefore/>");
    }
    if rtl {
        p.push_str("<w:bidi/>");
    }
    if matches!(style, ParagraphStyle::Continued) {
        p.push_str("<w:ind w:firstLine=\"0\"/>");
    }
    p.push_str("</w:pPr>");
    if let ParagraphStyle::Numbered(label) = style {
        p.push_str(&run_xml(label, Format::default(), rtl));
        p.push_str("<w:r><w:tab/></w:r>");
    }
    p.push_str(runs);
    p.push_str("</w:p>");
    p
}

fn run_xml(text: &str, format: Format, rtl: bool) -> String {
    let mut r = String::from("<w:r>");
    if format != Format::default() || rtl {
        r.push_str("<w:rPr>");
        if format.bold {
            r.push_str("<w:b/><w:bCs/>");
        }
        if format.italic {
            r.push_str("<w:i/><w:iCs/>");
        }
        if format.sup {
            r.push_str("<w:vertAlign w:val=\"superscript\"/>");
        }
        if rtl {
            r.push_str("<w:rtl/>");
        }
        r.push_str("</w:rPr>");
    }
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            r.push_str("<w:br/>");
        }
        if !line.is_empty() {
            r.push_str("<w:t xml:space=\"preserve\">");
            r.push_str(&escape(line));
            r.push_str("</w:t>");
        }
    }
    r.push_str("</w:r>");
    r
}

struct WrittenNote {
    id: usize,
    custom_mark: Option<String>,
    runs: String,
    text: String,
}

#[derive(Default)]
struct Notes {
    used: HashSet<FootnoteKey>,
    /// Footnotes Word numbers itself so far.
    auto_count: u32,
    /// The number of the first footnote Word numbers (`w:numStart`): a draft extracted from a
    /// longer document starts its footnotes where that document was.
    start: Option<u32>,
    written: Vec<WrittenNote>,
}

/// A piece of inline Markdown.
enum Piece {
    Text(String, Format),
    /// `<sup>N</sup>` or `[^label]`: a footnote reference if the footnote is defined.
    Reference(FootnoteKey, String),
}

/// The runs of a paragraph's inline Markdown.
fn runs(content: &str, definitions: &HashMap<FootnoteKey, String>, notes: &mut Notes) -> String {
    let rtl = is_right_to_left(content);
    let mut out = String::new();
    for piece in inline_pieces(content) {
        match piece {
            Piece::Text(text, format) => out.push_str(&run_xml(&text, format, rtl)),
            Piece::Reference(key, written) => {
                let first = definitions.contains_key(&key) && notes.used.insert(key.clone());
                if !first {
                    out.push_str(&run_xml(&written, sup(), rtl));
                    continue;
                }
                let id = notes.written.len() + 1;
                if let (None, FootnoteKey::Number(n)) = (notes.start, &key) {
                    notes.start = Some(*n);
                }
                let expected = notes.start.unwrap_or(1).saturating_add(notes.auto_count);
                let custom_mark = match &key {
                    FootnoteKey::Number(n) if *n != expected => Some(written.clone()),
                    _ => None,
                };
                if custom_mark.is_none() {
                    notes.auto_count = notes.auto_count.saturating_add(1);
                }
                match &custom_mark {
                    None => out.push_str(&format!(
                        "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>"
                    )),
                    Some(mark) => out.push_str(&format!(
                        "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:customMarkFollows=\"1\" w:id=\"{id}\"/><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                        escape(mark.as_str())
                    )),
                }
                let body = definitions.get(&key).cloned().unwrap_or_default();
                // A footnote's own references are text: Word has no footnote in a footnote.
                let body_runs: String = inline_pieces(&body)
                    .into_iter()
                    .map(|piece| match piece {
                        Piece::Text(text, format) => run_xml(&text, format, rtl),
                        Piece::Reference(_, written) => run_xml(&written, sup(), rtl),
                    })
                    .collect();
                notes.written.push(WrittenNote {
                    id,
                    custom_mark,
                    runs: body_runs,
                    text: body,
                });
            }
        }
    }
    out
}

/// The runs of a paragraph's inline Markdown, each footnote reference written by `reference`
/// (given the mark as written; `None`: it stays superscript text).
pub(crate) fn runs_with(
    content: &str,
    mut reference: impl FnMut(&str) -> Option<String>,
) -> String {
    let rtl = is_right_to_left(content);
    inline_pieces(content)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text, format) => run_xml(&text, format, rtl),
            Piece::Reference(_, written) => {
                reference(&written).unwrap_or_else(|| run_xml(&written, sup(), rtl))
            }
        })
        .collect()
}

fn sup() -> Format {
    Format {
        sup: true,
        ..Format::default()
    }
}

/// Splits inline Markdown into formatted text and footnote references: `*…*` italic, `**…**`
/// bold, `<sup>…</sup>` superscript, `\x` an escaped character.
fn inline_pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut format = Format::default();
    let mut current = String::new();
    let flush = |pieces: &mut Vec<Piece>, current: &mut String, format: Format| {
        if !current.is_empty() {
            pieces.push(Piece::Text(std::mem::take(current), format));
        }
    };
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("<sup>") {
            if let Some(end) = rest.find("</sup>") {
                let inner = &rest[5..end];
                let keys: Vec<&str> = inner.split(',').map(str::trim).collect();
                flush(&mut pieces, &mut current, format);
                if keys
                    .iter()
                    .all(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
                {
                    for (n, key) in keys.iter().enumerate() {
                        if n > 0 {
                            pieces.push(Piece::Text(
                                ",".to_owned(),
                                Format {
                                    sup: true,
                                    ..format
                                },
                            ));
                        }
                        match key.parse::<u32>() {
                            Ok(number) => pieces.push(Piece::Reference(
                                FootnoteKey::Number(number),
                                (*key).to_owned(),
                            )),
                            Err(_) => pieces.push(Piece::Text(
                                (*key).to_owned(),
                                Format {
                                    sup: true,
                                    ..format
                                },
                            )),
                        }
                    }
                } else {
                    for piece in inline_pieces(inner) {
                        pieces.push(match piece {
                            Piece::Text(t, f) => Piece::Text(
                                t,
                                Format {
                                    sup: true,
                                    italic: f.italic || format.italic,
                                    bold: f.bold || format.bold,
                                },
                            ),
                            reference => reference,
                        });
                    }
                }
                i += end + "</sup>".len();
                continue;
            }
        }
        if rest.starts_with("[^") {
            if let Some(end) = rest.find(']') {
                let label = &rest[2..end];
                if !label.is_empty() && !label.contains('[') {
                    flush(&mut pieces, &mut current, format);
                    let key = FootnoteKey::Label(
                        label
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_lowercase()
                            .into(),
                    );
                    pieces.push(Piece::Reference(key, label.to_owned()));
                    i += end + 1;
                    continue;
                }
            }
        }
        if rest.starts_with("<!--") {
            if let Some(end) = rest.find("-->") {
                i += end + 3;
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '\\' {
            if let Some(next) = rest[1..]
                .chars()
                .next()
                .filter(|n| n.is_ascii_punctuation())
            {
                current.push(next);
                i += 1 + next.len_utf8();
                continue;
            }
        }
        if c == '*' {
            let run = rest.bytes().take_while(|&b| b == b'*').count();
            let before = text[..i].chars().next_back();
            let after = text[i + run..].chars().next();
            let can_open = after.is_some_and(|a| !a.is_whitespace());
            let can_close = before.is_some_and(|b| !b.is_whitespace());
            let mut next = format;
            let applied = match run {
                1 if format.italic && can_close => {
                    next.italic = false;
                    true
                }
                1 if can_open => {
                    next.italic = true;
                    true
                }
                2 if format.bold && can_close => {
                    next.bold = false;
                    true
                }
                2 if can_open => {
                    next.bold = true;
                    true
                }
                3 if (format.bold || format.italic) && can_close => {
                    next.bold = false;
                    next.italic = false;
                    true
                }
                3 if can_open => {
                    next.bold = true;
                    next.italic = true;
                    true
                }
                _ => false,
            };
            if applied {
                flush(&mut pieces, &mut current, format);
                format = next;
            } else {
                current.push_str(&rest[..run]);
            }
            i += run;
            continue;
        }
        current.push(c);
        i += c.len_utf8();
    }
    flush(&mut pieces, &mut current, format);
    pieces
}

fn package(parts: &[(&str, &str)]) -> Result<Vec<u8>, DocxError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let failed = |e: &dyn std::fmt::Display| {
        DocxError::new(format!("could not write the Word document ({e})"))
    };
    for (name, content) in parts {
        zip.start_file(*name, options).map_err(|e| failed(&e))?;
        zip.write_all(content.as_bytes()).map_err(|e| failed(&e))?;
    }
    let cursor = zip.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}

const DOCUMENT_START: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
);

/// A4, with the margins of UN documents.
const SECTION: &str = r#"<w:sectPr><w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>"#;

const FOOTNOTES_START: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"#,
    r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
);

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>"#,
    r#"</Types>"#
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"</Relationships>"#
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#,
    r#"</Relationships>"#
);

const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:defaultTabStop w:val="567"/>"#,
    r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"</w:settings>"#
);

/// Times New Roman 10 pt, footnotes 8.5 pt, headings bold and centred, paragraphs justified with
/// the first line indented as in UN resolutions.
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:rPrDefault>"#,
    r#"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:ind w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:ind w:firstLine="0"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="240"/><w:ind w:left="567" w:right="567" w:firstLine="0"/><w:jc w:val="left"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="3"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading5"><w:name w:val="heading 5"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLine="0"/><w:outlineLvl w:val="4"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading6"><w:name w:val="heading 6"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLine="0"/><w:outlineLvl w:val="5"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:ind w:left="284" w:hanging="284" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>"#,
    r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>"#,
    r#"<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>"#,
    r#"</w:styles>"#
);
