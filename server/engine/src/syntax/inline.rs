//! Inline parts of a block: footnote markers in both syntaxes and suppression comments, skipping
//! code spans and backslash escapes.

use std::ops::Range;

use super::block::{rel_range, Directive, DirectiveKind, FootnoteKey, FootnoteRef, MarkerSyntax};
use crate::lang::Language;

#[derive(Debug, Default)]
pub struct InlineScan {
    pub refs: Vec<FootnoteRef>,
    pub directives: Vec<Directive>,
}

/// The marker that starts a footnote definition.
#[derive(Debug)]
pub struct DefinitionStart {
    pub key: FootnoteKey,
    pub syntax: MarkerSyntax,
    pub label: Range<usize>,
    pub marker: Range<usize>,
}

/// `[^label]:` at the very start of `text`.
pub fn caret_definition_start(text: &str) -> Option<DefinitionStart> {
    let (label, end) = caret_label(text, 0)?;
    if text[end..].starts_with(':') {
        return Some(DefinitionStart {
            key: FootnoteKey::Label(normalize_label(&text[label.clone()]).into()),
            syntax: MarkerSyntax::Caret,
            label,
            marker: 0..end + 1,
        });
    }
    None
}

/// `<sup>N</sup>` followed by a space (a tab or a non-breaking one, as Word writes it) at the start
/// of `text` (after up to three spaces).
pub fn sup_definition_start(text: &str) -> Option<DefinitionStart> {
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let (inner, end) = sup_element(text, indent)?;
    let mut numbers = sup_numbers(text, inner);
    let (Some((value, label)), None) = (numbers.next(), numbers.next()) else {
        return None;
    };
    if super::paragraph::horizontal_spaces(&text[end..]) == 0 && end != text.len() {
        return None;
    }
    Some(DefinitionStart {
        key: FootnoteKey::Number(value),
        syntax: MarkerSyntax::Sup,
        label,
        marker: indent..end,
    })
}

/// Footnote references and directives in `text[from..]`.
pub fn scan(text: &str, from: usize) -> InlineScan {
    let bytes = text.as_bytes();
    let mut out = InlineScan::default();
    let mut specials = Specials::default();
    let mut i = from;
    while let Some(at) = specials.next(bytes, i) {
        i = at;
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => i = skip_code_span(text, i),
            b'<' if text[i..].starts_with("<!--") => {
                let end = text[i + 4..]
                    .find("-->")
                    .map_or(text.len(), |p| i + 4 + p + 3);
                if let Some(d) = parse_directive(&text[i..end], i) {
                    out.directives.push(d);
                }
                i = end;
            }
            b'<' => match sup_element(text, i) {
                // `km<sup>2</sup>`: an exponent, not a footnote.
                Some((_, end)) if after_unit(text, i) => i = end,
                Some((inner, end)) => {
                    // Room for one reference at first: most blocks have none or one, and the
                    // block keeps them as a boxed slice (which a spare capacity would reallocate).
                    if out.refs.capacity() == 0 {
                        out.refs.reserve_exact(1);
                    }
                    out.refs
                        .extend(sup_numbers(text, inner).map(|(value, label)| FootnoteRef {
                            key: FootnoteKey::Number(value),
                            syntax: MarkerSyntax::Sup,
                            label_range: rel_range(label),
                            marker_range: rel_range(i..end),
                        }));
                    i = end;
                }
                None => i += 1,
            },
            b'[' => match caret_label(text, i) {
                // `[^x]:` at a line start is a definition, not a reference.
                Some((_, end)) if text[end..].starts_with(':') && at_line_start(text, i) => i = end,
                Some((label, end)) => {
                    out.refs.push(FootnoteRef {
                        key: FootnoteKey::Label(normalize_label(&text[label.clone()]).into()),
                        syntax: MarkerSyntax::Caret,
                        label_range: rel_range(label),
                        marker_range: rel_range(i..end),
                    });
                    i = end;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    out
}

/// Where the next byte that [`scan`] acts on is: a backslash, a backtick, `<` or `[`. The two
/// searches run ahead of the scan and are repeated only once it has passed what they found, so
/// the text between markers is read by `memchr` alone.
#[derive(Default)]
struct Specials {
    /// The next backslash at or after the last search's start (`None` before the first search).
    backslash: Option<usize>,
    /// The next backtick, `<` or `[`, likewise.
    other: Option<usize>,
}

impl Specials {
    fn next(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        if from >= bytes.len() {
            return None;
        }
        let rest = &bytes[from..];
        let backslash = match self.backslash {
            Some(at) if at >= from => at,
            _ => memchr::memchr(b'\\', rest).map_or(bytes.len(), |p| from + p),
        };
        let other = match self.other {
            Some(at) if at >= from => at,
            _ => memchr::memchr3(b'`', b'<', b'[', rest).map_or(bytes.len(), |p| from + p),
        };
        self.backslash = Some(backslash);
        self.other = Some(other);
        let next = backslash.min(other);
        (next < bytes.len()).then_some(next)
    }
}

/// Units of measure that a superscript `2` or `3` right after them squares or cubes.
const UNITS: [&str; 5] = ["m", "cm", "mm", "km", "ft"];

/// Whether the `<sup>` at `i` stands right after a unit of measure, itself after a digit or a
/// space (`5 km<sup>2</sup>`, `10m<sup>3</sup>`), and holds `2` or `3`: an exponent. A footnote
/// marker never sits on a unit's symbol.
fn after_unit(text: &str, i: usize) -> bool {
    let inner = text[i..].strip_prefix("<sup>").unwrap_or("");
    if !(inner.starts_with("2</sup>") || inner.starts_with("3</sup>")) {
        return false;
    }
    let before = &text[..i];
    let word_start = before
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let ahead = before[..word_start].chars().next_back();
    UNITS.contains(&word)
        && ahead.is_none_or(|c| c.is_ascii_digit() || super::paragraph::is_horizontal_space(c))
}

fn at_line_start(text: &str, i: usize) -> bool {
    i == 0 || matches!(text.as_bytes()[i - 1], b'\n' | b'\r')
}

/// Past a code span starting at `i` (a run of backticks), or just past the run when it is not
/// closed within the block.
fn skip_code_span(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
    let mut j = i + run;
    while j < bytes.len() {
        if bytes[j] == b'`' {
            let close = bytes[j..].iter().take_while(|&&b| b == b'`').count();
            if close == run {
                return j + close;
            }
            j += close;
        } else {
            j += 1;
        }
    }
    i + run
}

/// `[^label]` at `i`: the label's range and the offset past `]`.
fn caret_label(text: &str, i: usize) -> Option<(Range<usize>, usize)> {
    let rest = text.get(i..)?;
    if !rest.starts_with("[^") {
        return None;
    }
    let close = rest[2..].find(']')?;
    let label = &rest[2..2 + close];
    if label.trim().is_empty() || label.contains(['[', '\n', '\r']) || label.len() > 200 {
        return None;
    }
    Some((i + 2..i + 2 + close, i + 2 + close + 1))
}

/// Footnote labels match as Markdown labels do: trimmed, inner spaces collapsed, case folded.
pub fn normalize_label(label: &str) -> String {
    super::footnote_body::collapse_whitespace(label).to_lowercase()
}

/// `<sup>1</sup>` or `<sup>1,2</sup>` at `i`: the range between the tags, and the offset past
/// `</sup>`. Anything else inside (`21<sup>st</sup>`) is not a footnote marker.
fn sup_element(text: &str, i: usize) -> Option<(Range<usize>, usize)> {
    const OPEN: &[u8] = b"<sup>";
    const CLOSE: &[u8] = b"</sup>";
    /// The most bytes between the tags.
    const MAX_INNER: usize = 64;
    let bytes = text.as_bytes();
    if !bytes.get(i..)?.starts_with(OPEN) {
        return None;
    }
    let inner_start = i + OPEN.len();
    // Only the first closing tag counts, and only within MAX_INNER bytes. Numbers hold no `<`: the
    // first `<` must start it, or this is no marker.
    let window = &bytes[inner_start..bytes.len().min(inner_start + MAX_INNER + CLOSE.len())];
    let close = memchr::memchr(b'<', window)?;
    if !window[close..].starts_with(CLOSE) {
        return None;
    }
    if close == 0 {
        return None;
    }
    let inner = inner_start..inner_start + close;
    if sup_numbers_raw(text, inner.clone()).any(|number| number.is_none()) {
        return None;
    }
    let end = inner.end + CLOSE.len();
    Some((inner, end))
}

/// The numbers of a `<sup>` marker whose inner text [`sup_element`] accepted, each with its range.
fn sup_numbers(text: &str, inner: Range<usize>) -> impl Iterator<Item = (u32, Range<usize>)> + '_ {
    sup_numbers_raw(text, inner).flatten()
}

/// Each comma-separated part of `text[inner]`: its number and range, or `None` when it is not a
/// number (empty, or with anything but digits inside its spaces).
fn sup_numbers_raw(
    text: &str,
    inner: Range<usize>,
) -> impl Iterator<Item = Option<(u32, Range<usize>)>> + '_ {
    // Nearly every marker holds one number of a few digits: read it without splitting.
    let single = single_number(&text.as_bytes()[inner.clone()]).map(|value| (value, inner.clone()));
    let mut pos = inner.start;
    let parts = single.is_none().then(|| {
        text[inner].split(',').map(move |part| {
            let lead = part.len() - part.trim_start().len();
            let digits = part.trim();
            let start = pos + lead;
            pos += part.len() + 1;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let value = digits.parse().ok()?;
            Some((value, start..start + digits.len()))
        })
    });
    single
        .map(Some)
        .into_iter()
        .chain(parts.into_iter().flatten())
}

/// The value of `digits` when they are one to nine ASCII digits and nothing else (too few to
/// overflow a `u32`).
fn single_number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0, |value, digit| value * 10 + u32::from(digit - b'0')),
    )
}

/// `<!-- resolution-ls: VERB [RULE, …] -->`, or `<!-- resolution-ls: language CODE -->`
fn parse_directive(comment: &str, offset: usize) -> Option<Directive> {
    let inner = comment.strip_prefix("<!--")?;
    let inner = inner.strip_suffix("-->").unwrap_or(inner).trim();
    let rest = inner.strip_prefix("resolution-ls:")?.trim();
    let (verb, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let rules: Vec<String> = args
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let (kind, unknown) = match verb {
        "disable" => (DirectiveKind::Disable, None),
        "disable-next-paragraph" => (DirectiveKind::DisableNextParagraph, None),
        "enable" => (DirectiveKind::Enable, None),
        "language" => match rules.as_slice() {
            [code] if Language::from_code(code).is_some() => {
                (DirectiveKind::Language(Language::from_code(code)?), None)
            }
            _ => (DirectiveKind::Disable, Some(rest.to_owned())),
        },
        other => (DirectiveKind::Disable, Some(other.to_owned())),
    };
    Some(Directive {
        kind,
        rules,
        range: offset..offset + comment.len(),
        unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        scan(text, 0)
            .refs
            .iter()
            .map(|r| r.key.to_string())
            .collect()
    }

    #[test]
    fn finds_both_marker_syntaxes() {
        assert_eq!(
            keys("a<sup>1</sup> b<sup>2, 3</sup> c[^x]"),
            ["1", "2", "3", "[^x]"]
        );
    }

    #[test]
    fn ignores_markers_in_code_spans_and_escapes() {
        assert_eq!(
            keys("`[^x]` and ``a ` [^y]`` and \\[^z] but [^w]"),
            ["[^w]"]
        );
    }

    #[test]
    fn ordinal_superscripts_are_not_markers() {
        assert!(keys("the 21<sup>st</sup> century").is_empty());
    }

    #[test]
    fn exponents_of_units_are_not_markers() {
        assert!(keys("an area of 5 km<sup>2</sup> and 30 m<sup>3</sup> of water").is_empty());
        // A footnote after a word that merely ends like a unit, or after a year, is a footnote.
        assert_eq!(
            keys("the Programme<sup>2</sup> of 1988<sup>3</sup> and km<sup>4</sup>"),
            ["2", "3", "4"]
        );
    }

    #[test]
    fn a_definition_marker_may_be_followed_by_a_tab_or_a_non_breaking_space() {
        for text in [
            "<sup>1</sup>\u{A0}Text.",
            "<sup>1</sup>\tText.",
            "<sup>1</sup>  Text.",
        ] {
            let def = sup_definition_start(text).map(|d| d.key);
            assert_eq!(def, Some(FootnoteKey::Number(1)), "{text:?}");
        }
        assert!(sup_definition_start("<sup>1</sup>Text.").is_none());
    }

    #[test]
    fn time_before_marker_is_a_plain_reference() {
        assert_eq!(keys("at 12:00[^1] sharp"), ["[^1]"]);
    }

    #[test]
    fn labels_with_spaces_match_case_insensitively() {
        assert_eq!(keys("see[^My  Note]"), ["[^my note]"]);
    }

    #[test]
    fn reads_directives() {
        let text = "x <!-- resolution-ls: disable opener-unknown, footnote-order --> y";
        let d = &scan(text, 0).directives[0];
        assert_eq!(d.kind, DirectiveKind::Disable);
        assert_eq!(d.rules, ["opener-unknown", "footnote-order"]);
        assert_eq!(&text[d.range.clone()], &text[2..text.len() - 2]);
    }
}
