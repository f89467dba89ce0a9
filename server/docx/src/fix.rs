//! Writing a checked draft's fixes back into its Word document: each paragraph or footnote whose
//! Markdown a fix changed gets new runs; everything else in the file (other paragraphs, the
//! paragraph's own properties, styles, numbering, every other part of the package) stays as it
//! was, byte for byte.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::container::read_parts;
use crate::export::runs_with;
use crate::import::Imported;
use crate::DocxError;

/// The Word document `original` (imported as `imported`) with the Markdown `fixed` written back.
/// Fixes that change more than a paragraph's runs (add or remove a block, renumber an automatic
/// number, move a footnote between paragraphs, touch a paragraph split over a page) are refused.
pub fn write_fixed(
    original: &[u8],
    imported: &Imported,
    fixed: &str,
) -> Result<Vec<u8>, DocxError> {
    let old_blocks: Vec<&str> = imported
        .places
        .iter()
        .map(|(range, _)| &imported.markdown[range.clone()])
        .collect();
    let new_blocks: Vec<&str> = fixed.trim_end_matches('\n').split("\n\n").collect();
    if old_blocks.len() != new_blocks.len() {
        return Err(DocxError::new(
            "the fixes add or remove a paragraph or footnote, which cannot be written into the \
             Word document; import it, fix the Markdown and export it",
        ));
    }
    let mut parts = read_parts(original)?;
    let mut document_edits = Vec::new();
    let mut footnote_edits = Vec::new();
    for (index, (old, new)) in old_blocks.iter().zip(&new_blocks).enumerate() {
        if old == new {
            continue;
        }
        let place = &imported.places[index].1;
        let refuse = |why: &str| DocxError::new(format!("{place}: {why}"));
        let Some(source) = &imported.sources[index] else {
            return Err(refuse(
                "a fix here cannot be written into the Word document (the paragraph goes on over \
                 a page, or the footnote has several paragraphs or a custom mark)",
            ));
        };
        let Some(content) = new.strip_prefix(&source.prefix) else {
            return Err(refuse(
                "the fix changes a number or heading level that Word makes itself; change it in \
                 Word",
            ));
        };
        let mut left = source.references.clone();
        let mut runs = runs_with(content, |mark| {
            let at = left.iter().position(|m| m == mark)?;
            left.remove(at);
            let (id, custom) = imported.note_ids.get(mark)?;
            Some(if *custom {
                format!(
                    "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:customMarkFollows=\"1\" w:id=\"{id}\"/><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    quick_xml::escape::escape(mark)
                )
            } else {
                format!(
                    "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>"
                )
            })
        });
        if !left.is_empty() {
            return Err(refuse(
                "the fix moves or removes a footnote reference between paragraphs; move it in Word",
            ));
        }
        if source.in_footnotes {
            runs.insert_str(0, "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
            footnote_edits.push((source.range.clone(), runs));
        } else {
            document_edits.push((source.range.clone(), runs));
        }
    }
    splice(&mut parts.document, document_edits)?;
    let mut replaced = vec![(parts.document_name.clone(), parts.document.clone())];
    if let (Some(name), Some(mut footnotes)) = (parts.footnotes_name.clone(), parts.footnotes) {
        if !footnote_edits.is_empty() {
            splice(&mut footnotes, footnote_edits)?;
            replaced.push((name, footnotes));
        }
    }
    repackage(original, &replaced)
}

/// Applies edits that do not overlap, from the last to the first. The ranges come from importing
/// the same document; one that does not fit (another document) is an error, not a panic.
fn splice(
    text: &mut String,
    mut edits: Vec<(std::ops::Range<usize>, String)>,
) -> Result<(), DocxError> {
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut end = text.len();
    for (range, new) in edits {
        if range.end > end || text.get(range.clone()).is_none() {
            return Err(DocxError::new(
                "the document is not the one that was checked; check it again",
            ));
        }
        end = range.start;
        text.replace_range(range, &new);
    }
    Ok(())
}

/// The package again, the `replaced` parts new and every other entry copied as it was stored.
fn repackage(original: &[u8], replaced: &[(String, String)]) -> Result<Vec<u8>, DocxError> {
    let failed = |e: &dyn std::fmt::Display| {
        DocxError::new(format!("could not write the fixed Word document ({e})"))
    };
    let mut archive = ZipArchive::new(Cursor::new(original)).map_err(|e| failed(&e))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| failed(&e))?;
        match replaced.iter().find(|(name, _)| name == entry.name()) {
            Some((name, text)) => {
                let name = name.clone();
                drop(entry);
                out.start_file(
                    name,
                    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
                )
                .map_err(|e| failed(&e))?;
                out.write_all(text.as_bytes()).map_err(|e| failed(&e))?;
            }
            None => out.raw_copy_file(entry).map_err(|e| failed(&e))?,
        }
    }
    Ok(out.finish().map_err(|e| failed(&e))?.into_inner())
}
