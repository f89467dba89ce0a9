//! Edit sequences applied one by one with `Document::edit` give the model of a fresh parse of the
//! final text, and so its diagnostics: the law of the incremental parser, with the notion of
//! equality of `server/engine/tests/incremental.rs` (same text and blocks after every edit, same
//! diagnostics at the end).
//!
//! Input: the starting text, then optionally a NUL byte and an edit script. Each edit of the
//! script is a position, a length to replace and the text to put there, made of pieces that make
//! and break blocks (as in the property test) or of raw characters. Half the edits go through
//! `edit_positions` with UTF-16 line/column positions, as a `didChange` does.

#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use resolution_engine::{check, Config, Document, Encoding, LineCol};

include!("../../server/engine/tests/common/edit_pieces.rs");

struct Edit {
    at: usize,
    line: usize,
    col: usize,
    len: usize,
    by_position: bool,
    insert: String,
}

fn edit(u: &mut Unstructured) -> Result<Edit> {
    let at = u.arbitrary::<u32>()? as usize;
    let len = u.int_in_range(0..=24)?;
    let by_position = u.arbitrary::<bool>()?;
    let insert = if u.ratio(3, 4)? {
        let mut insert = String::new();
        for _ in 0..u.int_in_range(0..=3)? {
            insert.push_str(u.choose(PIECES)?);
        }
        insert
    } else {
        let mut insert: String = u.arbitrary()?;
        // Long inserts only slow the run; what matters is where they land.
        while insert.len() > 64 {
            insert.pop();
        }
        insert
    };
    Ok(Edit {
        at,
        line: (at >> 8) % 512,
        col: at & 0xff,
        len,
        by_position,
        insert,
    })
}

fuzz_target!(|data: &[u8]| {
    let (text, script) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    let mut expected = String::from_utf8_lossy(text).into_owned();
    let mut doc = Document::new(&expected);
    let mut u = Unstructured::new(script);
    while !u.is_empty() {
        let Ok(edit) = edit(&mut u) else { break };
        let len_total = doc.text().len();
        let (start, end) = if edit.by_position {
            // What `edit_positions` resolves the positions to; the text is edited through it.
            let start_pos = LineCol::new(edit.line, edit.col);
            let end_pos = LineCol::new(edit.line, edit.col + edit.len);
            let start = doc.text().offset(start_pos, Encoding::Utf16);
            let end = doc.text().offset(end_pos, Encoding::Utf16).max(start);
            doc.edit_positions(start_pos, end_pos, Encoding::Utf16, &edit.insert);
            (start, end)
        } else {
            let start = doc.text().clamp_offset(edit.at % (len_total + 1));
            let end = doc.text().clamp_offset((start + edit.len).min(len_total));
            doc.edit(start..end, &edit.insert);
            (start, end)
        };
        // replace_range panics off a character boundary: the offsets must land on one.
        expected.replace_range(start..end, &edit.insert);
        assert_eq!(doc.text().to_string(), expected);
        let fresh = Document::new(&expected);
        assert_eq!(
            doc.blocks(),
            fresh.blocks(),
            "after replacing {start}..{end} with {:?}",
            edit.insert
        );
    }
    let config = Config::default();
    assert_eq!(
        check(&doc, &config, None),
        check(&Document::new(&expected), &config, None)
    );
});
