//! Positions in LSP's three encodings on lines in the six languages' scripts, with emoji and
//! CRLF, and clamping of positions that fall outside the text or inside a character.

use resolution_engine::{Document, Encoding, LineCol, SourceText};

const TEXT: &str = "*Recalling* 😀 réunion,\r\n大会 *决定* 同上,\nالجمعية العامة، *Там же*\n";

#[test]
fn converts_offsets_to_each_encoding_and_back() {
    let text = SourceText::new(TEXT);
    // The comma on line 0 comes after 21 characters, among them '😀' (4 bytes in UTF-8, a
    // surrogate pair in UTF-16) and 'é' (2 bytes).
    let comma = TEXT.find(',').unwrap();
    assert_eq!(text.position(comma, Encoding::Utf8), LineCol::new(0, 25));
    assert_eq!(text.position(comma, Encoding::Utf16), LineCol::new(0, 22));
    assert_eq!(text.position(comma, Encoding::Utf32), LineCol::new(0, 21));
    for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
        for (offset, _) in TEXT
            .char_indices()
            .filter(|(i, _)| !TEXT[..*i].ends_with('\r'))
        {
            let position = text.position(offset, encoding);
            assert_eq!(
                text.offset(position, encoding),
                offset,
                "{encoding:?} at {offset}"
            );
        }
    }
}

#[test]
fn chinese_arabic_and_cyrillic_columns() {
    let text = SourceText::new(TEXT);
    let decide = TEXT.find("决定").unwrap();
    assert_eq!(text.position(decide, Encoding::Utf16), LineCol::new(1, 4));
    assert_eq!(text.position(decide, Encoding::Utf8), LineCol::new(1, 8));
    let tam = TEXT.find("Там").unwrap();
    assert_eq!(text.position(tam, Encoding::Utf16), LineCol::new(2, 17));
    assert_eq!(text.position(tam, Encoding::Utf8), LineCol::new(2, 31));
}

#[test]
fn crlf_is_one_line_break_and_columns_past_the_end_clamp_before_it() {
    let text = SourceText::new(TEXT);
    let line_end = TEXT.find('\r').unwrap();
    assert_eq!(text.offset(LineCol::new(0, 999), Encoding::Utf16), line_end);
    assert_eq!(
        text.position(line_end + 1, Encoding::Utf16),
        LineCol::new(0, 23)
    );
    assert_eq!(
        text.position(line_end + 2, Encoding::Utf16),
        LineCol::new(1, 0)
    );
    assert_eq!(
        text.offset(LineCol::new(99, 0), Encoding::Utf16),
        TEXT.len()
    );
    assert_eq!(text.line_count(), 4);
}

#[test]
fn a_column_inside_a_character_snaps_to_its_start() {
    let text = SourceText::new(TEXT);
    let emoji = TEXT.find('😀').unwrap();
    // UTF-16 column 13 is the low surrogate of '😀'; UTF-8 column 14 a continuation byte.
    assert_eq!(text.offset(LineCol::new(0, 13), Encoding::Utf16), emoji);
    assert_eq!(text.offset(LineCol::new(0, 14), Encoding::Utf8), emoji);
}

#[test]
fn edits_by_position_land_in_the_right_place() {
    let mut doc = Document::new(TEXT);
    // Replace "决定" (UTF-16 columns 4..6 of line 1) with "请求".
    doc.edit_positions(
        LineCol::new(1, 4),
        LineCol::new(1, 6),
        Encoding::Utf16,
        "请求",
    );
    assert!(doc.text().to_string().contains("大会 *请求* 同上"));
    // An edit past the end appends; an inverted range becomes empty.
    doc.edit_positions(
        LineCol::new(50, 3),
        LineCol::new(60, 0),
        Encoding::Utf16,
        "end",
    );
    assert!(doc.text().to_string().ends_with("\nend"));
    doc.edit_positions(LineCol::new(0, 5), LineCol::new(0, 2), Encoding::Utf16, "!");
    assert!(doc.text().to_string().starts_with("*Reca!lling*"));
    assert!(doc.matches_fresh_parse());
}
