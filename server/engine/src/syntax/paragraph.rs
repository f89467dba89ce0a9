//! The local shape of a paragraph: its number or sub-paragraph label, its opening emphasis, its
//! first words, how it ends, and whether it could be an organ line or a meeting line.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::block::{rel, rel_range, Ending, ItalicRun, Numbering, OrganLine, Paragraph, SubLabel};
use crate::lang::Mark;
use crate::text::floor_char_boundary;

/// How much of a paragraph's first line is kept for phrase matching.
const LEAD_BYTES: usize = 96;
// `Paragraph::lead_len` holds it.
const _: () = assert!(LEAD_BYTES <= u8::MAX as usize);

/// `(a)`, `(iv)` (English, Chinese); `a)`, `*a*)`, `iv)` (French, Spanish, Russian); `(أ)`, `(هـ)`
/// and `’1‘` (Arabic); `㈠` (Chinese, the level under `(a)`). Pandoc escapes the parentheses
/// (`\(a\)`, `a\)`), and Word follows the label with a tab or a non-breaking space.
static SUB_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:\\?\(([a-z]{1,2}|[ivxlc]{1,6}|[\x{0621}-\x{064A}]{1,2}\x{0640}?)\\?\)",
        r"|[*_]?([a-z]{1,2}|[ivxlc]{1,6})[*_]?\\?\)",
        r"|’([0-9]{1,2})‘|([\x{3220}-\x{3229}]))(?:[\t\p{Zs}]+|$)",
    ))
    .unwrap()
});
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        concat!(
            r"(?i)^[*_]*\s*(?:\d+(?:st|nd|rd|th|e|re|ª|a|-?е|-?я|<sup>(?:st|nd|rd|th|e|re|a|ª)</sup>|\.ª)?\.?",
            r"\s+(?:plenary\s+meeting|meeting|séance\s+plénière|sesión\s+plenaria|пленарное\s+заседание)",
            r"|第\s*\d+\s*次全体会议|الجلسة\s+العامة\s+\d+)",
        ),
    )
    .unwrap()
});

/// A paragraph that is nothing but a date (`27 February 1951`, `15 mai 1974`): the closing line
/// of resolutions that give the date of adoption without the meeting.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^[*_]*\d{1,2}(?:er|º|°)?\s+(?:de\s+)?",
        r"(?:january|february|march|april|may|june|july|august|september|october|november|december",
        r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
        r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre",
        r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)",
        r"\s+(?:de\s+)?\d{4}(?:\s*(?:года|г\.))?[.,]?[*_]*$",
    ))
    .unwrap()
});

pub fn parse_paragraph(text: &str) -> Paragraph {
    let indented = text.starts_with("    ") || text.starts_with('\t');
    let mut pos = text.len() - text.trim_start().len();
    let mut paragraph = Paragraph {
        indented,
        ..Paragraph::default()
    };
    if let Some(number) = paragraph_number(&text[pos..]) {
        let digits = &text[pos + number.digits.start..pos + number.digits.end];
        if let Some(value) = numeral_value(digits) {
            paragraph.number = Some(Numbering {
                value,
                digits: rel_range(pos + number.digits.start..pos + number.digits.end),
                prefix_end: rel(pos + number.end),
                dash: number.dash,
                indic: !digits.is_ascii(),
            });
            pos += number.end;
        }
    } else if let Some(m) = may_start_with_sub_label(&text[pos..])
        .then(|| SUB_LABEL.captures(&text[pos..]))
        .flatten()
    {
        let label = (1..=4).find_map(|g| m.get(g)).map_or("", |g| g.as_str());
        paragraph.sub_label = Some(Box::new(SubLabel {
            label: label.to_owned(),
            range: pos..pos + m.get(0).map_or(0, |w| w.end()),
        }));
        pos += m.get(0).map_or(0, |w| w.end());
    }
    paragraph.content_start = rel(pos);
    paragraph.bold = leading_bold(text, pos).map(Box::new);
    paragraph.opener = leading_italic(text, pos);
    let lead_start = paragraph
        .opener
        .as_ref()
        .map_or(pos, |run| run.range.end as usize);
    // Only the first LEAD_BYTES are kept, so only they are searched for the line's end.
    let window = floor_char_boundary(text, text.len().min(lead_start + LEAD_BYTES));
    let line_end = line_end(&text[lead_start..window]) + lead_start;
    let lead = &text[lead_start..line_end];
    paragraph.lead_len = u8::try_from(lead.len()).unwrap_or(u8::MAX);
    paragraph.lead_hash = crate::syntax::footnote_body::text_hash(lead);
    paragraph.starts_lowercase = text[pos..]
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    paragraph.ending = ending(text);
    paragraph.organ = organ_line(text);
    paragraph.is_meeting_line = may_start_with_meeting(&text[pos..])
        && (MEETING.is_match(&text[pos..])
            || paragraph.number.is_none() && DATE_LINE.is_match(text.trim()));
    paragraph
}

/// A paragraph number at the start of a text: `12. ` in most languages; `12 - ` (or with
/// Arabic-Indic digits, `١٢ - `) in Arabic.
struct ParagraphNumber {
    /// The digits.
    digits: Range<usize>,
    /// Past the spaces after the dot or the dash.
    end: usize,
    /// Written with a dash rather than a dot.
    dash: bool,
}

/// The most digits a paragraph number has.
const MAX_NUMBER_DIGITS: usize = 6;

/// The number `text` starts with, as the pattern
/// `^(?:([0-9]{1,6})\\?\.(?:[\t\p{Zs}]+|$)|([0-9]{1,6}|[٠-٩]{1,6})[\t\p{Zs}]+[-–][\t\p{Zs}]+)`
/// finds it (read by hand: every paragraph is tried, and a regex's captures cost more than the
/// rest of the paragraph's parse). The spaces may be tabs or non-breaking spaces, as Word writes
/// them, and the dot escaped, as pandoc writes it (`1\.`).
fn paragraph_number(text: &str) -> Option<ParagraphNumber> {
    let bytes = text.as_bytes();
    let spaces_from = |from: usize| horizontal_spaces(&text[from..]);
    let ascii_digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    // `12. `, or `12.` ending the text; `12\. ` from pandoc.
    let dot = match &bytes[ascii_digits..] {
        [b'.', ..] => 1,
        [b'\\', b'.', ..] => 2,
        _ => 0,
    };
    if (1..=MAX_NUMBER_DIGITS).contains(&ascii_digits) && dot > 0 {
        let spaces = spaces_from(ascii_digits + dot);
        if spaces > 0 || ascii_digits + dot == bytes.len() {
            return Some(ParagraphNumber {
                digits: 0..ascii_digits,
                end: ascii_digits + dot + spaces,
                dash: false,
            });
        }
    }
    // `12 - ` or `١٢ - `: digits of one kind, spaces, a hyphen or an en dash, spaces.
    let digits_end = if ascii_digits > 0 {
        (ascii_digits <= MAX_NUMBER_DIGITS).then_some(ascii_digits)?
    } else {
        let indic = text.chars().take_while(|c| ('٠'..='٩').contains(c)).count();
        // Each Arabic-Indic digit takes two bytes.
        (1..=MAX_NUMBER_DIGITS)
            .contains(&indic)
            .then_some(indic * 2)?
    };
    let before_dash = digits_end + spaces_from(digits_end);
    if before_dash == digits_end {
        return None;
    }
    let dash_len = match text[before_dash..].chars().next() {
        Some(c @ ('-' | '–')) => c.len_utf8(),
        _ => return None,
    };
    let after_dash = spaces_from(before_dash + dash_len);
    if after_dash == 0 {
        return None;
    }
    Some(ParagraphNumber {
        digits: 0..digits_end,
        end: before_dash + dash_len + after_dash,
        dash: true,
    })
}

/// The bytes of the spaces `text` starts with: spaces, tabs, and the other horizontal spaces Word
/// writes (non-breaking, narrow non-breaking, figure spaces …), not line breaks.
pub(super) fn horizontal_spaces(text: &str) -> usize {
    text.char_indices()
        .find(|&(_, c)| !is_horizontal_space(c))
        .map_or(text.len(), |(i, _)| i)
}

/// A tab or a character of Unicode's space separators (`Zs`).
pub(super) fn is_horizontal_space(c: char) -> bool {
    matches!(
        c,
        '\t' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Whether `text` starts with a byte [`SUB_LABEL`] may match at: `(` (or pandoc's `\(`), a
/// lower-case letter (after at most one `*` or `_`), or the first byte of `’` or `㈠` in UTF-8.
/// Most paragraphs do not, and this spares them the regex.
fn may_start_with_sub_label(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        Some(b'(' | b'\\' | b'a'..=b'z' | 0xE2 | 0xE3) => true,
        Some(b'*' | b'_') => bytes.get(1).is_some_and(u8::is_ascii_lowercase),
        _ => false,
    }
}

/// Whether `text` may start a meeting line for [`MEETING`]: past emphasis and spaces, a digit (in
/// any script, as `\d` takes them), `第` or `ا`.
fn may_start_with_meeting(text: &str) -> bool {
    text.trim_start_matches(['*', '_'])
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_numeric() || c == '第' || c == 'ا')
}

/// The value of a paragraph number in ASCII or Arabic-Indic digits.
fn numeral_value(digits: &str) -> Option<u32> {
    digits.chars().try_fold(0u32, |value, c| {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '٠'..='٩' => c as u32 - '٠' as u32,
            _ => return None,
        };
        value.checked_mul(10)?.checked_add(digit)
    })
}

/// The length of `text`'s first line (bytes, so the search runs on bytes, not characters).
fn line_end(text: &str) -> usize {
    memchr::memchr2(b'\n', b'\r', text.as_bytes()).unwrap_or(text.len())
}

/// `*…*` or `_…_` starting at `pos` and closing on the same line.
fn leading_italic(text: &str, pos: usize) -> Option<ItalicRun> {
    let rest = &text[pos..];
    let delimiter = rest.chars().next().filter(|c| matches!(c, '*' | '_'))?;
    if rest[1..].starts_with(delimiter) {
        return None;
    }
    let close = 1 + rest[1..].find(delimiter)?;
    let line = &rest[..=close];
    if line_end(line) < line.len() {
        return None; // the emphasis does not close on its first line
    }
    if close == 1 {
        return None;
    }
    Some(ItalicRun {
        range: rel_range(pos..pos + close + 1),
        text: line[1..close].into(),
        delimiter,
    })
}

/// `**…**` or `__…__` starting at `pos` and closing on the same line.
fn leading_bold(text: &str, pos: usize) -> Option<ItalicRun> {
    let rest = &text[pos..];
    let delimiter = if rest.starts_with("**") {
        "**"
    } else if rest.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let line = &rest[..line_end(rest)];
    let close = 2 + line[2..].find(delimiter)?;
    let inner = &line[2..close];
    if inner.trim().is_empty() || inner.starts_with(['*', '_']) {
        return None;
    }
    Some(ItalicRun {
        range: rel_range(pos..pos + close + 2),
        text: inner.into(),
        delimiter: delimiter.chars().next().unwrap_or('*'),
    })
}

const CLOSING_QUOTES: [char; 10] = ['”', '’', '"', '\'', '»', ')', '）', '》', '」', '』'];

fn is_mark(c: &char) -> bool {
    Mark::of(*c).is_some()
}

/// How the paragraph ends, past footnote markers, spaces and closing quotes.
fn ending(text: &str) -> Ending {
    let insert_after_markers = text.trim_end().len();
    let mut end = insert_after_markers;
    loop {
        let before = &text[..end];
        let stripped = strip_trailing_marker(before).map(|s| s.trim_end().len());
        match stripped {
            Some(new_end) if new_end < end => end = new_end,
            _ => break,
        }
    }
    let body = &text[..end];
    let mut ending = Ending {
        insert_before_markers: rel(end),
        insert_after_markers: rel(insert_after_markers),
        ..Ending::default()
    };
    let mut chars = body.char_indices().rev();
    if let Some((i, c)) = chars.next() {
        if is_mark(&c) {
            ending.mark = Some(c);
            ending.mark_start = rel(i);
        } else if CLOSING_QUOTES.contains(&c) {
            if let Some((j, d)) = chars.next().filter(|(_, d)| is_mark(d)) {
                ending.mark = Some(d);
                ending.mark_start = rel(j);
            }
        } else if let Some(semicolon) = conjunction_after_semicolon(body) {
            ending.mark = Some(';');
            ending.mark_start = rel(semicolon);
        }
    }
    ending
}

/// `…; and` / `…; or` (and their French, Spanish and Russian forms) close a sub-paragraph like `;`.
fn conjunction_after_semicolon(body: &str) -> Option<usize> {
    let (head, last) = body.rsplit_once(char::is_whitespace)?;
    if !matches!(last, "and" | "or" | "et" | "ou" | "y" | "o" | "и" | "или") {
        return None;
    }
    let head = head.trim_end();
    head.ends_with(';').then(|| head.len() - 1)
}

/// `text` without one trailing footnote marker, if it ends with one.
fn strip_trailing_marker(text: &str) -> Option<&str> {
    if let Some(before_close) = text.strip_suffix("</sup>") {
        // Back over the numbers to the opening tag: the last `<sup>` if its content is numbers,
        // commas and spaces (which hold no `<`), else there is no marker here.
        // Asterisks too: old resolutions mark some footnotes `<sup>*</sup>`, `<sup>**</sup>`.
        let inner_len = before_close
            .bytes()
            .rev()
            .take_while(|&b| b.is_ascii_digit() || b == b',' || b == b' ' || b == b'*')
            .count();
        let before_inner = &before_close[..before_close.len() - inner_len];
        if inner_len > 0 {
            return before_inner.strip_suffix("<sup>");
        }
    } else if text.ends_with(']') {
        let open = text.rfind("[^")?;
        if !text[open..].contains('\n') {
            return Some(&text[..open]);
        }
    }
    None
}

/// A single line in italics from end to end: `*The General Assembly*,` or `*… Justice,*`.
fn organ_line(text: &str) -> Option<Box<OrganLine>> {
    // Most paragraphs start with a number or a letter: no need to trim their end.
    if !text.trim_start().starts_with(['*', '_']) {
        return None;
    }
    let line = text.trim();
    let delimiter = line.chars().next().filter(|c| matches!(c, '*' | '_'))?;
    if line_end(line) < line.len() {
        return None;
    }
    let (line, comma_outside) = match strip_comma(line) {
        Some(rest) => (rest, true),
        None => (line, false),
    };
    let inner = line.strip_prefix(delimiter)?.strip_suffix(delimiter)?;
    if inner.is_empty() || inner.contains(delimiter) || inner.starts_with(char::is_whitespace) {
        return None;
    }
    let (name, comma_inside) = match strip_comma(inner) {
        Some(rest) => (rest, true),
        None => (inner, false),
    };
    if !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(Box::new(OrganLine {
        name: name.trim().to_owned(),
        has_comma: comma_outside || comma_inside,
    }))
}

/// The text before a final comma: Latin, Chinese (`，`) or Arabic (`،`).
fn strip_comma(text: &str) -> Option<&str> {
    text.strip_suffix(',')
        .or_else(|| text.strip_suffix('，'))
        .or_else(|| text.strip_suffix('،'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_paragraph_with_opener() {
        let p = parse_paragraph("2. *Calls upon* States to act;");
        assert_eq!(p.number.as_ref().map(|n| n.value), Some(2));
        assert_eq!(
            p.opener.as_ref().map(|o| o.text.as_str()),
            Some("Calls upon")
        );
        let text = "2. *Calls upon* States to act;";
        let lead = p.lead_range();
        assert_eq!(
            &text[lead.start as usize..lead.end as usize],
            " States to act;"
        );
        assert_eq!(p.ending.mark, Some(';'));
    }

    #[test]
    fn ending_looks_past_markers_and_quotes() {
        assert_eq!(
            parse_paragraph("*Mindful* of States,<sup>8</sup>")
                .ending
                .mark,
            Some(',')
        );
        assert_eq!(
            parse_paragraph("entitled “Corruption”,").ending.mark,
            Some(',')
        );
        assert_eq!(
            parse_paragraph("entitled “Corruption,”").ending.mark,
            Some(',')
        );
        assert_eq!(parse_paragraph("(a) To act; and").ending.mark, Some(';'));
        let p = parse_paragraph("States<sup>8</sup>");
        assert_eq!(p.ending.mark, None);
        assert_eq!(p.ending.insert_before_markers, 6);
        assert_eq!(p.ending.insert_after_markers, 18);
        assert_eq!(
            parse_paragraph("to minimize its costs.<sup>**</sup>")
                .ending
                .mark,
            Some('.')
        );
    }

    #[test]
    fn organ_lines() {
        let organ = |t| parse_paragraph(t).organ;
        assert_eq!(
            organ("*The Commission on Crime Prevention and Criminal Justice,*").map(|o| o.name),
            Some("The Commission on Crime Prevention and Criminal Justice".to_owned())
        );
        assert_eq!(
            organ("*The General Assembly*,").map(|o| o.has_comma),
            Some(true)
        );
        assert_eq!(
            organ("*The Security Council*").map(|o| o.has_comma),
            Some(false)
        );
        assert_eq!(organ("*Recalling* its resolution,"), None);
        assert_eq!(organ("**Bold**,"), None);
    }

    #[test]
    fn numbers_and_labels_of_the_six_languages() {
        let number = |t: &str| parse_paragraph(t).number.map(|n| (n.value, n.dash));
        assert_eq!(number("12. *Decides* to act;"), Some((12, false)));
        assert_eq!(number("3 - تقرر أن تواصل؛"), Some((3, true)));
        assert_eq!(number("١٢ - تقرر؛"), Some((12, true)));
        assert_eq!(number("2.5 million people"), None);
        let label = |t: &str| parse_paragraph(t).sub_label.map(|l| l.label);
        for (text, expected) in [
            ("(a) To consider;", "a"),
            ("b) de renforcer;", "b"),
            ("*c*) de promouvoir;", "c"),
            ("iv) продолжать;", "iv"),
            ("(أ) إنشاء هيئات؛", "أ"),
            ("(هـ) تشجيع؛", "هـ"),
            ("’2‘ تطوير؛", "2"),
            ("㈠ 设立机构；", "㈠"),
        ] {
            assert_eq!(label(text).as_deref(), Some(expected), "{text}");
        }
        assert_eq!(label("a) b"), Some("a".to_owned()));
        assert_eq!(label("Recalling (a) text"), None);
    }

    #[test]
    fn paragraph_number_reads_as_the_pattern_does() {
        let pattern = Regex::new(concat!(
            r"^(?:([0-9]{1,6})\\?\.(?:[\t\p{Zs}]+|$)",
            r"|([0-9]{1,6}|[٠-٩]{1,6})[\t\p{Zs}]+[-–][\t\p{Zs}]+)"
        ))
        .unwrap();
        let heads = [
            "",
            "1",
            "12",
            "123456",
            "1234567",
            "١٢",
            "١٢٣٤٥٦",
            "١٢٣٤٥٦٧",
            "1٢",
            "a",
        ];
        let tails = [
            "",
            ".",
            ". ",
            ".\t x",
            ".x",
            " ",
            " - ",
            " -",
            " – x",
            "\t-\tx",
            "  -  x",
            " -x",
            "- x",
            " . x",
            ". - x",
            " — x",
            ".\u{A0}x",
            "\\. x",
            "\\.",
            "\\x",
            ".\u{202F}\u{A0} x",
            " \u{A0}-\u{A0}x",
            ".\u{2028}x",
            ".\u{FEFF}x",
        ];
        for head in heads {
            for tail in tails {
                let text = format!("{head}{tail}");
                let expected = pattern.captures(&text).map(|m| {
                    let digits = m.get(1).or_else(|| m.get(2)).map(|d| d.range());
                    (digits, m.get(0).map(|w| w.end()), m.get(2).is_some())
                });
                let found = paragraph_number(&text).map(|n| (Some(n.digits), Some(n.end), n.dash));
                assert_eq!(found, expected, "{text:?}");
            }
        }
    }

    #[test]
    fn marks_of_the_six_languages() {
        let mark = |t: &str| parse_paragraph(t).ending.mark;
        assert_eq!(mark("وإذ تشير إلى قرارها،"), Some('،'));
        assert_eq!(mark("1 - تهيب بالدول؛"), Some('؛'));
        assert_eq!(mark("回顾其决议，<sup>2</sup>"), Some('，'));
        assert_eq!(mark("决定继续审议这一问题。"), Some('。'));
        assert_eq!(mark("题为《公约》；"), Some('；'));
        assert_eq!(mark("*Prie* le Secrétaire général\u{A0};"), Some(';'));
        // The range covers the whole character, whatever its width in bytes.
        assert_eq!(parse_paragraph("决定。").ending.mark_range(), Some(6..9));
        assert_eq!(parse_paragraph("تقرر؛").ending.mark_range(), Some(8..10));
    }

    #[test]
    fn continuation_starts_in_lower_case() {
        assert!(parse_paragraph("the World Drug Problem,<sup>7</sup> adopted").starts_lowercase);
        assert!(!parse_paragraph("Narcotic Drugs and").starts_lowercase);
    }

    #[test]
    fn meeting_line() {
        assert!(parse_paragraph("28th plenary meeting\n29 October 2018").is_meeting_line);
        assert!(parse_paragraph("*66th plenary meeting*").is_meeting_line);
        assert!(!parse_paragraph("2. *Decides* to hold a meeting;").is_meeting_line);
        for date in [
            "27 February 1951",
            "15 mai 1974.",
            "1er décembre 2020",
            "30 de diciembre de 2022",
            "29 октября 2018 года",
        ] {
            assert!(parse_paragraph(date).is_meeting_line, "{date}");
        }
        assert!(!parse_paragraph("27 February 1951 was the day the Council met,").is_meeting_line);
        for line in [
            "58<sup>e</sup> séance plénière",
            "58e séance plénière",
            "58.ª sesión plenaria",
            "58-е пленарное заседание",
            "第58次全体会议\n2024年12月17日",
            "الجلسة العامة 58",
        ] {
            assert!(parse_paragraph(line).is_meeting_line, "{line}");
        }
    }
}
