//! The `.docx` container: a zip archive, opened with limits so that a corrupt file, a zip bomb or
//! something that is not a Word document gives one error and nothing else.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::DocxError;

/// The largest `.docx` file read (as the Markdown checker's limit).
pub const MAX_DOCX_BYTES: u64 = 64 * 1024 * 1024;
/// The most entries an archive may list: a draft has a dozen or two.
const MAX_ENTRIES: usize = 10_000;
/// The most bytes one XML part may hold once inflated.
const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;
/// The most bytes all the parts read may hold together once inflated.
const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Past this ratio of inflated to stored size (and a few megabytes), a part is taken for a bomb:
/// XML compresses well, but not a thousandfold.
const MAX_RATIO: u64 = 1000;

const MAIN_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const MACRO_MAIN_TYPE: &str = "application/vnd.ms-word.document.macroEnabled.main+xml";
const FOOTNOTES_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";
const NUMBERING_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
const SETTINGS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
const STYLES_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";

/// The XML parts of a Word document that the importer reads.
#[derive(Debug, Default)]
pub struct Parts {
    /// The main part's name in the archive (`word/document.xml`).
    pub document_name: String,
    pub document: String,
    pub footnotes_name: Option<String>,
    pub footnotes: Option<String>,
    pub numbering: Option<String>,
    pub styles: Option<String>,
    pub settings: Option<String>,
}

/// Opens `bytes` as a Word document and reads its parts.
pub fn read_parts(bytes: &[u8]) -> Result<Parts, DocxError> {
    if bytes.len() as u64 > MAX_DOCX_BYTES {
        return Err(DocxError::new(format!(
            "too large to read ({} MiB; the limit is {} MiB)",
            (bytes.len() as u64).div_ceil(1024 * 1024),
            MAX_DOCX_BYTES / (1024 * 1024)
        )));
    }
    if !bytes.starts_with(b"PK") {
        return Err(DocxError::new(
            "not a Word document (.docx is a zip archive, and this file is not one); save the \
             draft from Word as .docx",
        ));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        DocxError::new(format!(
            "not a readable Word document: the zip archive is damaged ({e})"
        ))
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(DocxError::new(format!(
            "not read: the archive lists {} entries (a Word document has a few dozen)",
            archive.len()
        )));
    }
    let mut budget = MAX_TOTAL_BYTES;
    let types = read_entry(&mut archive, "[Content_Types].xml", &mut budget)?.ok_or_else(|| {
        DocxError::new(
            "not a Word document: the zip archive has no [Content_Types].xml; save the draft \
             from Word as .docx",
        )
    })?;
    let overrides = content_type_overrides(&types)?;
    let part = |wanted: &[&str]| {
        overrides
            .iter()
            .find(|(_, content_type)| wanted.contains(&content_type.as_str()))
            .map(|(name, _)| name.trim_start_matches('/').to_owned())
    };
    let Some(document_name) = part(&[MAIN_TYPE, MACRO_MAIN_TYPE]) else {
        return Err(DocxError::new(
            "not a Word document: the archive has no main document part (is it a spreadsheet or \
             a presentation?)",
        ));
    };
    let document = read_entry(&mut archive, &document_name, &mut budget)?.ok_or_else(|| {
        DocxError::new(format!(
            "not a readable Word document: its main part {document_name} is missing"
        ))
    })?;
    let mut optional = |wanted: &str| -> Result<Option<String>, DocxError> {
        match part(&[wanted]) {
            Some(name) => read_entry(&mut archive, &name, &mut budget),
            None => Ok(None),
        }
    };
    let footnotes_name = part(&[FOOTNOTES_TYPE]);
    let footnotes = optional(FOOTNOTES_TYPE)?;
    let numbering = optional(NUMBERING_TYPE)?;
    let styles = optional(STYLES_TYPE)?;
    let settings = optional(SETTINGS_TYPE)?;
    Ok(Parts {
        document_name,
        document,
        footnotes_name,
        footnotes,
        numbering,
        styles,
        settings,
    })
}

/// Reads one entry as UTF-8 text, within the limits; `None` when the archive has no such entry.
fn read_entry(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, DocxError> {
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(DocxError::new(format!(
                "not a readable Word document: {name} cannot be read ({e})"
            )))
        }
    };
    let declared = entry.size();
    let stored = entry.compressed_size().max(1);
    let limit = MAX_PART_BYTES.min(*budget);
    let bomb = || {
        DocxError::new(format!(
            "not read: {name} would inflate to more than {} MiB (a zip bomb?)",
            limit / (1024 * 1024)
        ))
    };
    if declared > limit || (declared > 4 * 1024 * 1024 && declared / stored > MAX_RATIO) {
        return Err(bomb());
    }
    // The declared size may lie: read one byte past the limit to know.
    let mut bytes = Vec::with_capacity(declared.min(limit) as usize);
    (&mut entry)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            DocxError::new(format!(
                "not a readable Word document: {name} is damaged ({e})"
            ))
        })?;
    if bytes.len() as u64 > limit {
        return Err(bomb());
    }
    *budget -= bytes.len() as u64;
    let text = String::from_utf8(bytes).map_err(|_| {
        DocxError::new(format!(
            "not a readable Word document: {name} is not UTF-8 XML"
        ))
    })?;
    Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
}

/// `PartName -> ContentType` from `[Content_Types].xml`'s `Override` elements.
fn content_type_overrides(xml: &str) -> Result<Vec<(String, String)>, DocxError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Override" => {
                let attr = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                };
                if let (Some(name), Some(content_type)) = (attr(b"PartName"), attr(b"ContentType"))
                {
                    out.push((name, content_type));
                }
            }
            Ok(Event::Eof) => return Ok(out),
            Ok(_) => {}
            Err(e) => {
                return Err(DocxError::new(format!(
                    "not a readable Word document: [Content_Types].xml is not valid XML ({e})"
                )))
            }
        }
    }
}
