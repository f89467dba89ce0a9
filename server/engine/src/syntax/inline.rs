//! Inline parts of a block: footnote markers in both syntaxes and suppression comments, skipping
//! code spans and backslash escapes.

use std::ops::Range;

use super::block::{Directive, DirectiveKind, FootnoteKey, FootnoteRef, MarkerSyntax};
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
            key: FootnoteKey::Label(normalize_label(&text[label.clone()])),
            syntax: MarkerSyntax::Caret,
            label,
            marker: 0..end + 1,
        });
    }
    None
}

/// `<sup>N</sup>` followed by a space at the start of `text` (after up to three spaces).
pub fn sup_definition_start(text: &str) -> Option<DefinitionStart> {
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let (numbers, end) = sup_element(text, indent)?;
    let [(value, label)] = numbers.as_slice() else {
        return None;
    };
    if !text[end..].starts_with([' ', '\t']) && end != text.len() {
        return None;
    }
    Some(DefinitionStart {
        key: FootnoteKey::Number(*value),
        syntax: MarkerSyntax::Sup,
        label: label.clone(),
        marker: indent..end,
    })
}

/// Footnote references and directives in `text[from..]`.
pub fn scan(text: &str, from: usize) -> InlineScan {
    let bytes = text.as_bytes();
    let mut out = InlineScan::default();
    let mut i = from;
    while i < bytes.len() {
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
                Some((numbers, end)) => {
                    for (value, label) in numbers {
                        out.refs.push(FootnoteRef {
                            key: FootnoteKey::Number(value),
                            syntax: MarkerSyntax::Sup,
                            label_range: label,
                            marker_range: i..end,
                        });
                    }
                    i = end;
                }
                None => i += 1,
            },
            b'[' => match caret_label(text, i) {
                // `[^x]:` at a line start is a definition, not a reference.
                Some((_, end)) if text[end..].starts_with(':') && at_line_start(text, i) => i = end,
                Some((label, end)) => {
                    out.refs.push(FootnoteRef {
                        key: FootnoteKey::Label(normalize_label(&text[label.clone()])),
                        syntax: MarkerSyntax::Caret,
                        label_range: label,
                        marker_range: i..end,
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
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The numbers of a `<sup>` marker, each with its range.
type SupNumbers = Vec<(u32, Range<usize>)>;

/// `<sup>1</sup>` or `<sup>1,2</sup>` at `i`: each number with its range, and the offset past
/// `</sup>`. Anything else inside (`21<sup>st</sup>`) is not a footnote marker.
fn sup_element(text: &str, i: usize) -> Option<(SupNumbers, usize)> {
    const OPEN: &str = "<sup>";
    const CLOSE: &str = "</sup>";
    let rest = text.get(i..)?;
    if !rest.starts_with(OPEN) {
        return None;
    }
    let inner_start = i + OPEN.len();
    let close = text[inner_start..].find(CLOSE)?;
    let inner_end = inner_start + close;
    if close == 0 || close > 64 {
        return None;
    }
    let mut numbers = Vec::new();
    let mut pos = inner_start;
    for part in text[inner_start..inner_end].split(',') {
        let lead = part.len() - part.trim_start().len();
        let digits = part.trim();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value = digits.parse().ok()?;
        let start = pos + lead;
        numbers.push((value, start..start + digits.len()));
        pos += part.len() + 1;
    }
    Some((numbers, inner_end + CLOSE.len()))
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
