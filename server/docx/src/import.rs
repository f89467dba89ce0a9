//! Word to Markdown: the document's paragraphs in order, in the draft format resolution-ls checks,
//! with a map from each Markdown block back to the Word place it came from.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};

use crate::container::{read_parts, Parts};
use crate::word::{attr, on, Format, FormatChange, Numbering, Styles};
use crate::DocxError;

/// Where in the Word document a piece of the imported Markdown came from, in the terms a drafter
/// finds it by in Word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The n-th paragraph of the body with any text (1-based; headings count, empty ones do not).
    Paragraph(usize),
    /// A footnote, by the mark Word displays.
    Footnote(String),
    /// A page break, after the paragraph with this number (0: before the first).
    PageBreak { after_paragraph: usize },
    /// Between paragraphs (a table), before the paragraph with this number.
    BeforeParagraph(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Paragraph(n) => write!(f, "paragraph {n}"),
            Place::Footnote(mark) => write!(f, "footnote {mark}"),
            Place::PageBreak { after_paragraph: 0 } => write!(f, "page break at the start"),
            Place::PageBreak { after_paragraph } => {
                write!(f, "page break after paragraph {after_paragraph}")
            }
            Place::BeforeParagraph(n) => write!(f, "before paragraph {n}"),
        }
    }
}

/// Something in the Word document that the Markdown does not hold as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub place: Option<Place>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A Word document read as a draft.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    pub markdown: String,
    /// Each Markdown block's byte range and the Word place it came from, in order.
    pub places: Vec<(Range<usize>, Place)>,
    pub warnings: Vec<Warning>,
    /// Where each block (as `places`) stands in the Word XML, for writing fixes back.
    pub(crate) sources: Vec<Option<BlockSource>>,
    /// A footnote reference's mark -> its id in the document.
    pub(crate) note_ids: HashMap<String, (String, bool)>,
}

/// A Markdown block's Word paragraph: the runs a fix may rewrite, and what of the block Word
/// writes itself.
#[derive(Clone, Debug)]
pub(crate) struct BlockSource {
    pub in_footnotes: bool,
    pub range: Range<usize>,
    /// What Word makes, not the runs: `## `, the automatic number `4. `, `<sup>7</sup> `.
    pub prefix: String,
    /// The marks of the real footnote references in the paragraph, in order.
    pub references: Vec<String>,
}

impl Imported {
    /// The Word place of the Markdown at `offset`: the block holding it, or the nearest before.
    pub fn place_at(&self, offset: usize) -> Option<&Place> {
        let after = self
            .places
            .partition_point(|(range, _)| range.start <= offset);
        self.places[..after].last().map(|(_, place)| place)
    }
}

/// Reads a `.docx` file's bytes as a draft.
pub fn import(bytes: &[u8]) -> Result<Imported, DocxError> {
    let parts = read_parts(bytes)?;
    import_parts(&parts)
}

fn import_parts(parts: &Parts) -> Result<Imported, DocxError> {
    let styles = parts
        .styles
        .as_deref()
        .map(Styles::parse)
        .unwrap_or_default();
    let mut numbering = parts
        .numbering
        .as_deref()
        .map(Numbering::parse)
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let notes = match &parts.footnotes {
        Some(xml) => read_stories(xml, &styles, &mut Numbering::default(), &mut warnings, true)?,
        None => Stories::default(),
    };
    let body = read_stories(
        &parts.document,
        &styles,
        &mut numbering,
        &mut warnings,
        false,
    )?;
    let first_number = footnote_start(&parts.document)
        .or_else(|| parts.settings.as_deref().and_then(footnote_start))
        .unwrap_or(1);
    let mut imported = write_markdown(body.body, &notes.notes, warnings, first_number);
    // A footnote's warning was given its Word id while footnotes.xml was read; a drafter knows
    // it by the mark Word shows.
    let marks: HashMap<String, String> = imported
        .note_ids
        .iter()
        .map(|(mark, (id, _))| (format!("id {id}"), mark.clone()))
        .collect();
    for warning in &mut imported.warnings {
        if let Some(Place::Footnote(id)) = &mut warning.place {
            if let Some(mark) = marks.get(id.as_str()) {
                *id = mark.clone();
            }
        }
    }
    Ok(imported)
}

/// Reads a paragraph's `w:sectPr` to its end: whether the next section follows on the same page.
fn section_is_continuous(reader: &mut quick_xml::Reader<&[u8]>) -> bool {
    let mut depth = 1usize;
    let mut continuous = false;
    while depth > 0 {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                continuous |= is_continuous(&e);
            }
            Ok(Event::Empty(e)) => continuous |= is_continuous(&e),
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    continuous
}

fn is_continuous(e: &BytesStart) -> bool {
    e.local_name().as_ref() == b"type" && attr(e, b"val").as_deref() == Some("continuous")
}

/// The number Word gives the first footnote (`w:footnotePr/w:numStart`), when set.
fn footnote_start(xml: &str) -> Option<u32> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_footnote_pr = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"footnotePr" => {
                in_footnote_pr = true
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"footnotePr" => in_footnote_pr = false,
            Ok(Event::Empty(e) | Event::Start(e))
                if in_footnote_pr && e.local_name().as_ref() == b"numStart" =>
            {
                return attr(&e, b"val").and_then(|v| v.parse().ok());
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// A piece of a paragraph.
#[derive(Clone, Debug)]
enum Inline {
    Text(String, Format),
    /// A footnote reference: Word's footnote id, or a custom mark.
    Note(NoteRef),
}

#[derive(Clone, Debug)]
enum NoteRef {
    Auto(String),
    Custom { id: String, mark: String },
}

#[derive(Clone, Debug, Default)]
struct Para {
    /// 1-based, over the paragraphs of the body with text.
    index: usize,
    heading: Option<u8>,
    /// The number automatic numbering shows (`4.`).
    label: Option<String>,
    inlines: Vec<Inline>,
    /// The bytes of its part between the paragraph's properties (or, in a footnote, its mark)
    /// and its end: what a fix rewrites. `None` for a paragraph split by a page break.
    source: Option<Range<usize>>,
}

impl Para {
    fn has_content(&self) -> bool {
        self.inlines.iter().any(|inline| match inline {
            Inline::Text(text, _) => !text.trim().is_empty(),
            Inline::Note(_) => true,
        })
    }
}

#[derive(Debug)]
enum BodyItem {
    Para(Para),
    PageBreak,
}

#[derive(Debug, Default)]
struct Stories {
    body: Vec<BodyItem>,
    /// Footnote id -> its paragraphs.
    notes: HashMap<String, Vec<Para>>,
}

/// Elements whose content is not text of the draft; some are reported.
fn skipped(name: &[u8]) -> Option<Option<&'static str>> {
    Some(match name {
        b"del" | b"moveFrom" => Some("a tracked deletion was read as accepted (left out)"),
        b"tbl" => Some("a table was not imported (tables have no place in the draft format)"),
        b"drawing" | b"pict" | b"object" => Some("an image or drawing was not imported"),
        b"oMath" | b"oMathPara" => Some("an equation was not imported"),
        b"txbxContent" => Some("a text box was not imported"),
        b"pPrChange" | b"rPrChange" | b"sectPrChange" | b"tblPrChange" | b"numberingChange" => None,
        b"instrText" | b"delText" | b"delInstrText" | b"sectPr" | b"Fallback" => None,
        b"endnoteReference" => Some("an endnote was not imported (only footnotes are)"),
        _ => return None,
    })
}

struct Walk<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    warnings: &'a mut Vec<Warning>,
    in_notes: bool,
    out: Stories,
    /// The footnote being read (in footnotes.xml).
    note_id: Option<String>,
    note_paras: Vec<Para>,
    /// Paragraphs of the body with text so far.
    paragraphs: usize,
    para: Option<Para>,
    /// The paragraph's pending warnings, given its place when it ends.
    para_warnings: Vec<String>,
    in_ppr: bool,
    in_rpr: bool,
    in_run: bool,
    in_text: bool,
    run_format: FormatChange,
    run_style: Option<String>,
    /// The reference (index into the paragraph's inlines) whose custom mark the run's text is.
    custom_mark: Option<usize>,
    para_style: Option<String>,
    num: (Option<String>, usize),
    has_num: bool,
    break_before: bool,
    /// Nothing of the draft has come since the last page break.
    fresh_page: bool,
    /// The paragraph being read goes on from the page before (a page break split it).
    continuing: bool,
    /// The paragraph ends a section that starts on a new page.
    section_break: bool,
    /// Where the event being read starts and ends in the part.
    pos_before: usize,
    pos_after: usize,
    /// Where the paragraph's runs start: after `<w:p>`, its properties, or its footnote mark.
    content_start: usize,
    run_has_note_mark: bool,
    /// The text of the run being read.
    run_text: String,
    /// The custom footnote mark the run before ended with, if any.
    mark_before: Option<String>,
    tracked_insertions: usize,
}

fn read_stories(
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
    warnings: &mut Vec<Warning>,
    in_notes: bool,
) -> Result<Stories, DocxError> {
    let mut walk = Walk {
        styles,
        numbering,
        warnings,
        in_notes,
        out: Stories::default(),
        note_id: None,
        note_paras: Vec::new(),
        paragraphs: 0,
        para: None,
        para_warnings: Vec::new(),
        in_ppr: false,
        in_rpr: false,
        in_run: false,
        in_text: false,
        run_format: FormatChange::default(),
        run_style: None,
        custom_mark: None,
        para_style: None,
        num: (None, 0),
        has_num: false,
        break_before: false,
        fresh_page: true,
        continuing: false,
        section_break: false,
        pos_before: 0,
        pos_after: 0,
        content_start: 0,
        run_has_note_mark: false,
        run_text: String::new(),
        mark_before: None,
        tracked_insertions: 0,
    };
    let part = if in_notes {
        "footnotes.xml"
    } else {
        "document.xml"
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut skip_depth = 0usize;
    loop {
        walk.pos_before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            DocxError::new(format!(
                "not a readable Word document: {part} is not valid XML ({e})"
            ))
        })?;
        walk.pos_after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                if walk.in_ppr && e.local_name().as_ref() == b"sectPr" {
                    // A section ends with this paragraph: on a new page, unless continuous.
                    walk.section_break = !section_is_continuous(&mut reader);
                    continue;
                }
                if let Some(report) = skipped(e.local_name().as_ref()) {
                    if let Some(message) = report {
                        walk.report(message);
                    }
                    skip_depth = 1;
                    continue;
                }
                walk.start(&e, false);
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                if let Some(report) = skipped(e.local_name().as_ref()) {
                    if let Some(message) = report {
                        walk.report(message);
                    }
                    continue;
                }
                walk.start(&e, true);
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                walk.end(e.local_name().as_ref());
            }
            Event::Text(t) if skip_depth == 0 && walk.in_text => {
                let text = t.unescape().map_err(|e| {
                    DocxError::new(format!(
                        "not a readable Word document: {part} has a bad character reference ({e})"
                    ))
                })?;
                walk.text(&text);
            }
            Event::CData(t) if skip_depth == 0 && walk.in_text => {
                walk.text(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if walk.tracked_insertions > 0 {
        walk.warnings.push(Warning {
            place: None,
            message: format!(
                "tracked insertions were read as accepted ({} in {part})",
                walk.tracked_insertions
            ),
        });
    }
    Ok(walk.out)
}

impl Walk<'_> {
    fn report(&mut self, message: &str) {
        if self.para.is_some() {
            self.para_warnings.push(message.to_owned());
        } else {
            let (place, message) = if self.in_notes {
                (
                    self.note_id
                        .clone()
                        .map(|id| Place::Footnote(format!("id {id}"))),
                    message.to_owned(),
                )
            } else {
                (
                    Some(Place::BeforeParagraph(self.paragraphs + 1)),
                    message.to_owned(),
                )
            };
            self.warnings.push(Warning { place, message });
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.in_ppr {
            match name {
                b"rPr" if !empty => self.in_rpr = true,
                b"pStyle" => self.para_style = attr(e, b"val"),
                b"numId" => {
                    self.has_num = true;
                    self.num.0 = attr(e, b"val");
                }
                b"ilvl" => self.num.1 = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
                b"pageBreakBefore" if on(e) => self.break_before = true,
                _ => {}
            }
            return;
        }
        if self.in_rpr {
            match name {
                b"rStyle" => self.run_style = attr(e, b"val"),
                _ => {
                    self.run_format.read(e);
                }
            }
            return;
        }
        match name {
            b"footnote" if self.in_notes && !empty => {
                let kind = attr(e, b"type");
                self.note_id = match kind.as_deref() {
                    None | Some("normal") => attr(e, b"id"),
                    _ => None,
                };
                self.note_paras.clear();
            }
            b"p" => {
                self.para = Some(Para::default());
                self.continuing = false;
                self.section_break = false;
                self.content_start = self.pos_after;
                self.para_style = None;
                self.num = (None, 0);
                self.has_num = false;
                self.break_before = false;
                if empty {
                    self.end(b"p");
                }
            }
            b"pPr" if !empty => self.in_ppr = true,
            b"footnoteRef" if self.in_notes => self.run_has_note_mark = true,
            b"r" if !empty => {
                self.run_text.clear();
                self.run_has_note_mark = false;
                self.in_run = true;
                self.run_format = FormatChange::default();
                self.run_style = None;
                self.custom_mark = None;
            }
            b"rPr" if !empty && self.in_run => self.in_rpr = true,
            b"t" if !empty => self.in_text = true,
            b"tab" if self.in_run => self.text(" "),
            b"cr" if self.in_run => self.text("\n"),
            b"noBreakHyphen" => self.text("\u{2011}"),
            b"br" => {
                if attr(e, b"type").as_deref() == Some("page") {
                    self.page_break(false);
                } else {
                    self.text("\n");
                }
            }
            b"lastRenderedPageBreak" => self.page_break(true),
            b"sym" => self.report("a symbol character (w:sym) was not imported"),
            b"commentReference" => self.report("a comment was not imported"),
            b"ins" | b"moveTo" => self.tracked_insertions += 1,
            b"footnoteReference" => {
                if let (Some(para), Some(id)) = (&mut self.para, attr(e, b"id")) {
                    let custom = attr(e, b"customMarkFollows")
                        .is_some_and(|v| v == "1" || v == "true" || v == "on");
                    para.inlines.push(Inline::Note(if custom {
                        NoteRef::Custom {
                            id,
                            mark: String::new(),
                        }
                    } else {
                        NoteRef::Auto(id)
                    }));
                    if custom {
                        self.custom_mark = Some(para.inlines.len() - 1);
                    }
                    self.fresh_page = false;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"pPr" => {
                self.in_ppr = false;
                self.content_start = self.pos_after;
            }
            b"rPr" => self.in_rpr = false,
            b"t" => self.in_text = false,
            b"r" => {
                self.in_run = false;
                self.drop_repeated_mark();
                self.custom_mark = None;
                if self.run_has_note_mark {
                    self.content_start = self.pos_after;
                    self.run_has_note_mark = false;
                }
            }
            b"p" => self.end_paragraph(),
            b"footnote" if self.in_notes => {
                if let Some(id) = self.note_id.take() {
                    let paras = std::mem::take(&mut self.note_paras);
                    self.out.notes.insert(id, paras);
                }
            }
            _ => {}
        }
    }

    fn format(&self) -> Format {
        let base = match &self.run_style {
            Some(style) => self.styles.run_format(style, Format::default()),
            None => Format::default(),
        };
        self.run_format.apply(base)
    }

    fn text(&mut self, text: &str) {
        self.begin_paragraph_content();
        let format = self.format();
        self.run_text.push_str(text);
        let Some(para) = &mut self.para else { return };
        if let Some(at) = self.custom_mark {
            if let Some(Inline::Note(NoteRef::Custom { mark, .. })) = para.inlines.get_mut(at) {
                mark.push_str(text);
                return;
            }
        }
        if !text.trim().is_empty() {
            self.fresh_page = false;
        }
        match para.inlines.last_mut() {
            Some(Inline::Text(last, f)) if *f == format => last.push_str(text),
            _ => para.inlines.push(Inline::Text(text.to_owned(), format)),
        }
    }

    /// LibreOffice writes a custom footnote mark twice when it saves one: in the reference's run,
    /// then alone in a run of its own. A run that is nothing but the mark of the reference just
    /// before it is that copy.
    fn drop_repeated_mark(&mut self) {
        let mark_before = self.mark_before.take();
        if let Some(Inline::Note(NoteRef::Custom { mark, .. })) = self
            .custom_mark
            .and_then(|at| self.para.as_ref().and_then(|p| p.inlines.get(at)))
        {
            self.mark_before = Some(mark.clone());
            return;
        }
        let Some(mark) = mark_before.filter(|m| !m.is_empty() && *m == self.run_text) else {
            return;
        };
        if let Some(Inline::Text(last, _)) = self.para.as_mut().and_then(|p| p.inlines.last_mut()) {
            if last.ends_with(&mark) {
                last.truncate(last.len() - mark.len());
                if last.is_empty() {
                    if let Some(para) = &mut self.para {
                        para.inlines.pop();
                    }
                }
            }
        }
    }

    /// The paragraph properties are read by the first content: a page break before it, and its
    /// heading level and automatic number.
    fn begin_paragraph_content(&mut self) {
        if self.break_before {
            self.break_before = false;
            self.page_break(false);
        }
    }

    /// A page break inside (or before) the current paragraph: what came before it is a paragraph
    /// of its own, as the draft format writes a paragraph that goes on over a page.
    fn page_break(&mut self, rendered: bool) {
        if self.in_notes {
            return;
        }
        if rendered && self.fresh_page {
            return;
        }
        let had_content = self.para.as_ref().is_some_and(Para::has_content);
        if had_content {
            self.end_paragraph();
            if let Some(BodyItem::Para(first)) = self.out.body.last_mut() {
                first.source = None;
            }
            self.para = Some(Para::default());
            self.continuing = true;
        }
        self.out.body.push(BodyItem::PageBreak);
        self.fresh_page = true;
    }

    fn end_paragraph(&mut self) {
        let Some(mut para) = self.para.take() else {
            return;
        };
        self.begin_paragraph_content();
        let continued = self.continuing && !self.in_notes;
        if !para.has_content() && !self.in_notes {
            // Automatic numbering counts only paragraphs that show, and an empty one shows none.
            self.flush_warnings(Place::Paragraph(self.paragraphs + 1));
            return;
        }
        // `end_paragraph` runs at `</w:p>`, or at a page break inside the paragraph.
        para.source = (!continued).then_some(self.content_start..self.pos_before);
        if !continued {
            if let Some(style) = &self.para_style {
                para.heading = self.styles.heading_level(style);
            }
            let num = if self.has_num {
                self.num.0.clone().map(|id| (id, self.num.1))
            } else {
                self.para_style
                    .as_deref()
                    .and_then(|s| self.styles.numbering(s))
            };
            if let Some((id, ilvl)) = num {
                if id != "0" {
                    para.label = self.numbering.next_label(&id, ilvl);
                }
            }
        }
        if self.in_notes {
            // The footnote's own place (its mark) is given at the end of the import.
            self.flush_warnings(Place::Paragraph(0));
            self.note_paras.push(para);
            return;
        }
        if !continued {
            self.paragraphs += 1;
        }
        para.index = self.paragraphs;
        self.flush_warnings(Place::Paragraph(para.index));
        self.out.body.push(BodyItem::Para(para));
        if std::mem::take(&mut self.section_break) {
            self.page_break(false);
        }
    }

    fn flush_warnings(&mut self, place: Place) {
        let place = if self.in_notes {
            self.note_id
                .clone()
                .map(|id| Place::Footnote(format!("id {id}")))
        } else {
            Some(place)
        };
        for message in self.para_warnings.drain(..) {
            self.warnings.push(Warning {
                place: place.clone(),
                message,
            });
        }
    }
}

/// Renders the pieces of a paragraph as Markdown: runs of one format joined, a space at a run's
/// edge outside its emphasis.
fn render(inlines: &[Inline], marks: &HashMap<String, String>) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Note(note) => {
                let mark = match note {
                    NoteRef::Auto(id) => marks.get(id).map_or(id.as_str(), String::as_str),
                    NoteRef::Custom { mark, .. } => mark.trim(),
                };
                out.push_str("<sup>");
                out.push_str(mark);
                out.push_str("</sup>");
            }
            Inline::Text(text, format) => {
                let core = text.trim_matches(is_edge_space);
                if core.is_empty() || *format == Format::default() {
                    out.push_str(text);
                    continue;
                }
                let lead = &text[..text.len() - text.trim_start_matches(is_edge_space).len()];
                let trail = &text[text.trim_end_matches(is_edge_space).len()..];
                // Opened outermost first, closed innermost first.
                let marks = [
                    (format.bold, "**", "**"),
                    (format.italic, "*", "*"),
                    (format.sup, "<sup>", "</sup>"),
                ];
                out.push_str(lead);
                for (_, open, _) in marks.iter().filter(|(on, ..)| *on) {
                    out.push_str(open);
                }
                out.push_str(core);
                for (_, _, close) in marks.iter().rev().filter(|(on, ..)| *on) {
                    out.push_str(close);
                }
                out.push_str(trail);
            }
        }
    }
    out
}

/// The marks of a paragraph's footnote references, in order.
fn references(para: &Para, marks: &HashMap<String, String>) -> Vec<String> {
    para.inlines
        .iter()
        .filter_map(|inline| match inline {
            Inline::Note(NoteRef::Auto(id)) => Some(marks.get(id).cloned().unwrap_or(id.clone())),
            Inline::Note(NoteRef::Custom { mark, .. }) => Some(mark.trim().to_owned()),
            Inline::Text(..) => None,
        })
        .collect()
}

/// Spaces that go outside emphasis; a non-breaking space is the draft's text and stays.
fn is_edge_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\n'
}

/// Merges pieces that Word split but that have the same format.
fn merged(inlines: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(last, f)), Inline::Text(text, g)) if f == g => last.push_str(text),
            // A space between two runs of one emphasis belongs inside it: `*Taking note*`.
            _ => out.push(inline.clone()),
        }
    }
    // Join `*a*` + ` ` + `*b*` into `*a b*`: a plain space between two runs of the same format.
    let mut joined: Vec<Inline> = Vec::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        if let (
            Some(Inline::Text(a, f)),
            Some(Inline::Text(space, plain)),
            Some(Inline::Text(b, g)),
        ) = (joined.last_mut(), out.get(i), out.get(i + 1))
        {
            if f == g
                && *f != Format::default()
                && *plain == Format::default()
                && !space.is_empty()
                && space.chars().all(|c| c == ' ')
            {
                a.push_str(space);
                a.push_str(b);
                i += 2;
                continue;
            }
        }
        joined.push(out[i].clone());
        i += 1;
    }
    joined
}

fn paragraph_markdown(para: &Para, marks: &HashMap<String, String>) -> String {
    // Two references with a superscript comma between them are one marker: `<sup>6,7</sup>`.
    let text = render(&merged(&para.inlines), marks).replace("</sup><sup>,</sup><sup>", ",");
    let text = text.trim_matches(is_edge_space);
    match (para.heading, &para.label) {
        (Some(level), _) => format!("{} {text}", "#".repeat(level as usize)),
        (None, Some(label)) => format!("{label} {text}"),
        (None, None) => text.to_owned(),
    }
}

fn write_markdown(
    body: Vec<BodyItem>,
    notes: &HashMap<String, Vec<Para>>,
    warnings: Vec<Warning>,
    first_number: u32,
) -> Imported {
    // Word numbers footnotes in the order of their references; a custom mark takes no number.
    let mut marks: HashMap<String, String> = HashMap::new();
    let mut custom: Vec<String> = Vec::new();
    let mut next = first_number.saturating_sub(1);
    for item in &body {
        if let BodyItem::Para(para) = item {
            for inline in &para.inlines {
                match inline {
                    Inline::Note(NoteRef::Auto(id)) => {
                        marks.entry(id.clone()).or_insert_with(|| {
                            next = next.saturating_add(1);
                            next.to_string()
                        });
                    }
                    Inline::Note(NoteRef::Custom { id, mark }) => {
                        marks.insert(id.clone(), mark.trim().to_owned());
                        custom.push(id.clone());
                    }
                    Inline::Text(..) => {}
                }
            }
        }
    }
    let mut writer = MarkdownWriter {
        out: Imported::default(),
        marks,
        custom,
        notes,
        warnings,
        page_notes: Vec::new(),
        last_paragraph: 0,
    };
    for item in &body {
        match item {
            BodyItem::PageBreak => writer.end_page(),
            BodyItem::Para(para) => {
                writer.last_paragraph = para.index;
                for inline in &para.inlines {
                    if let Inline::Note(NoteRef::Auto(id) | NoteRef::Custom { id, .. }) = inline {
                        if !writer.page_notes.contains(id) {
                            writer.page_notes.push(id.clone());
                        }
                    }
                }
                let text = paragraph_markdown(para, &writer.marks);
                let source = para.source.clone().map(|range| BlockSource {
                    in_footnotes: false,
                    range,
                    prefix: match (para.heading, &para.label) {
                        (Some(level), _) => format!("{} ", "#".repeat(level as usize)),
                        (None, Some(label)) => format!("{label} "),
                        (None, None) => String::new(),
                    },
                    references: references(para, &writer.marks),
                });
                writer.push_block_from(&text, Place::Paragraph(para.index), source);
            }
        }
    }
    if !writer.page_notes.is_empty() {
        writer.end_page();
    }
    let mut out = writer.out;
    out.note_ids = writer
        .marks
        .iter()
        .map(|(id, mark)| (mark.clone(), (id.clone(), writer.custom.contains(id))))
        .collect();
    out.markdown.push('\n');
    out.warnings = writer.warnings;
    out
}

struct MarkdownWriter<'a> {
    out: Imported,
    marks: HashMap<String, String>,
    /// The footnotes with a custom mark.
    custom: Vec<String>,
    notes: &'a HashMap<String, Vec<Para>>,
    warnings: Vec<Warning>,
    /// The footnotes referenced on the page so far.
    page_notes: Vec<String>,
    last_paragraph: usize,
}

impl MarkdownWriter<'_> {
    fn push_block(&mut self, text: &str, place: Place) {
        self.push_block_from(text, place, None);
    }

    fn push_block_from(&mut self, text: &str, place: Place, source: Option<BlockSource>) {
        self.out.sources.push(source);
        if !self.out.markdown.is_empty() {
            self.out.markdown.push_str("\n\n");
        }
        let start = self.out.markdown.len();
        self.out.markdown.push_str(text);
        self.out
            .places
            .push((start..self.out.markdown.len(), place));
    }

    /// A page ends: the draft format's page break, then the footnotes of the page.
    fn end_page(&mut self) {
        self.push_block(
            "---",
            Place::PageBreak {
                after_paragraph: self.last_paragraph,
            },
        );
        for id in std::mem::take(&mut self.page_notes) {
            let mark = self.marks.get(&id).cloned().unwrap_or_else(|| id.clone());
            let Some(paras) = self.notes.get(&id) else {
                self.warnings.push(Warning {
                    place: Some(Place::Footnote(mark.clone())),
                    message: "the footnote's text is missing from the document".to_owned(),
                });
                continue;
            };
            let body: Vec<String> = paras
                .iter()
                .map(|p| paragraph_markdown(p, &self.marks))
                .filter(|t| !t.is_empty())
                .collect();
            let mut body = body.join("\n");
            // A custom mark is typed at the start of the footnote's own text.
            if self.custom.contains(&id) {
                // LibreOffice writes a custom mark twice when it saves one (`<sup>33</sup>`).
                let twice = format!("{mark}{mark}");
                let rest = [
                    format!("<sup>{twice}</sup>"),
                    format!("<sup>{mark}</sup>"),
                    twice,
                    mark.clone(),
                ]
                .iter()
                .find_map(|prefix| body.strip_prefix(prefix.as_str()).map(str::to_owned));
                if let Some(rest) = rest {
                    body = rest;
                }
            }
            let source = match paras.as_slice() {
                [para] if !self.custom.contains(&id) => {
                    para.source.clone().map(|range| BlockSource {
                        in_footnotes: true,
                        range,
                        prefix: format!("<sup>{mark}</sup> "),
                        references: references(para, &self.marks),
                    })
                }
                _ => None,
            };
            self.push_block_from(
                &format!("<sup>{mark}</sup> {}", body.trim_start()),
                Place::Footnote(mark),
                source,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::{render, Inline};
    use crate::word::Format;

    #[test]
    fn emphasis_opens_outermost_first_and_closes_innermost_first_with_edge_spaces_outside() {
        let all = Format {
            italic: true,
            bold: true,
            sup: true,
        };
        let italic = Format {
            italic: true,
            ..Format::default()
        };
        let inlines = [
            Inline::Text(" x ".to_owned(), all),
            Inline::Text("Recalling ".to_owned(), italic),
            Inline::Text("plain".to_owned(), Format::default()),
        ];
        assert_eq!(
            render(&inlines, &HashMap::new()),
            " ***<sup>x</sup>*** *Recalling* plain"
        );
    }
}
