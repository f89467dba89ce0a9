use super::block::{Block, BlockKind, Directives, FootnoteDef, Heading};
use super::footnote_body::FootnoteBody;
use super::inline::{self, caret_definition_start, sup_definition_start};
use super::paragraph::parse_paragraph;
use super::tally::Tally;

/// A line of the region being parsed: where its content starts and ends (before the break).
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
}

/// What a line is, decided from the line alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineClass {
    Blank,
    /// A block of its own: page break, heading, fence, standalone comment.
    Single(SingleLine),
    /// `[^label]: …`: always starts a new block.
    CaretDefinition,
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SingleLine {
    PageBreak,
    Heading(u8),
    Fence,
    Comment,
}

/// Parses `text`, which starts at a line start at absolute offset `base`, into blocks.
///
/// The cut between blocks depends on each line alone, so parsing any run of whole blocks gives
/// the same blocks as parsing the whole text: the incremental parser relies on this.
pub fn parse_blocks(text: &str, base: usize) -> Vec<Block> {
    parse_blocks_tallied(text, base).0
}

/// [`parse_blocks`], with the blocks' [`Tally`] counted as each block is made.
pub fn parse_blocks_tallied(text: &str, base: usize) -> (Vec<Block>, Tally) {
    // Blocks are large and a whole draft has tens of thousands: growing the vector by doubling
    // would hold the old and the new one at once, a peak of several bytes per byte of draft.
    // Blank lines separate nearly all blocks, so counting them sizes it in one cheap pass.
    let mut blocks = Vec::with_capacity(blank_line_count(text.as_bytes()) + 1);
    let mut tally = Tally::default();
    let mut open: Option<(usize, usize)> = None; // first and last line's (start, end)
    let flush = |open: &mut Option<(usize, usize)>, blocks: &mut Vec<Block>, tally: &mut Tally| {
        if let Some((start, end)) = open.take() {
            blocks.push(parse_block(&text[start..end], base + start));
            tally.add_last(blocks);
        }
    };
    // A byte-order mark (as Notepad and some Word exports leave it) belongs to no block.
    let skip = if base == 0 && text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let lines = lines(text).map(|mut line| {
        line.start = line.start.max(skip);
        line
    });
    for line in lines {
        let content = &text[line.start..line.end];
        match classify(content) {
            LineClass::Blank => flush(&mut open, &mut blocks, &mut tally),
            LineClass::Single(kind) => {
                flush(&mut open, &mut blocks, &mut tally);
                blocks.push(single_line_block(kind, content, base + line.start));
                tally.add_last(&blocks);
            }
            LineClass::CaretDefinition => {
                flush(&mut open, &mut blocks, &mut tally);
                open = Some((line.start, line.end));
            }
            LineClass::Text => match &mut open {
                Some((_, end)) => *end = line.end,
                None => open = Some((line.start, line.end)),
            },
        }
    }
    flush(&mut open, &mut blocks, &mut tally);
    (blocks, tally)
}

/// How many line breaks are followed by another (a blank line follows, in LF or CRLF text).
fn blank_line_count(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes)
        .filter(|&i| matches!(bytes.get(i + 1), Some(b'\n' | b'\r')))
        .count()
}

fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        pos = end;
        if pos < bytes.len() && bytes[pos] == b'\r' {
            pos += 1;
        }
        if pos < bytes.len() && bytes[pos] == b'\n' && (pos == end || bytes[pos - 1] == b'\r') {
            pos += 1;
        }
        Some(Line { start, end })
    })
}

fn classify(line: &str) -> LineClass {
    // Most lines start with a letter: no indent, and no sign of any block of its own.
    if line
        .as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace() && !b"-`~#<[".contains(&b))
    {
        return LineClass::Text;
    }
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return LineClass::Blank;
    }
    let indent = line.len() - line.trim_start().len();
    let shallow = indent <= 3 && !line.starts_with('\t');
    if shallow {
        if trimmed.len() >= 3 && trimmed.bytes().all(|b| b == b'-') {
            return LineClass::Single(SingleLine::PageBreak);
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            return LineClass::Single(SingleLine::Fence);
        }
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && trimmed[hashes..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        {
            return LineClass::Single(SingleLine::Heading(hashes as u8));
        }
        if trimmed.starts_with("<!--") && trimmed.ends_with("-->") && trimmed.len() >= 7 {
            return LineClass::Single(SingleLine::Comment);
        }
        if indent == 0 && caret_definition_start(line).is_some() {
            return LineClass::CaretDefinition;
        }
    }
    LineClass::Text
}

fn single_line_block(kind: SingleLine, content: &str, start: usize) -> Block {
    let kind_of_block = match kind {
        SingleLine::PageBreak => BlockKind::PageBreak,
        SingleLine::Fence => BlockKind::Fence,
        SingleLine::Comment => BlockKind::Comment,
        SingleLine::Heading(level) => BlockKind::Heading(Heading {
            level,
            is_annex: names_annex(content.trim_start_matches(['#', ' ', '\t'])),
        }),
    };
    let mut block = Block {
        start,
        len: content.len(),
        kind: kind_of_block,
        refs: Box::default(),
        directives: Directives::default(),
    };
    if !matches!(kind, SingleLine::PageBreak | SingleLine::Fence) {
        let scan = inline::scan(content, 0);
        block.refs = scan.refs.into_boxed_slice();
        block.directives = scan.directives.into();
    }
    block
}

/// A heading naming an annex ends the operative part.
fn names_annex(heading: &str) -> bool {
    // Nearly every paragraph's first word starts with a digit or a letter no annex word (in any
    // case) starts with: answered before any trimming.
    if heading
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_alphanumeric() && !b.eq_ignore_ascii_case(&b'a'))
    {
        return false;
    }
    let words = heading.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let first = words.split_whitespace().next().unwrap_or("");
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    // Compared in lower case character by character: no string made for every paragraph asked
    // (none of these words has a sigma, the one letter whose lower case depends on its place),
    // and only when the word's first letter is one of theirs, which few paragraphs' is.
    let initial = first.chars().next().and_then(|c| match c {
        'A'..='Z' | 'a'..='z' => Some(c.to_ascii_lowercase()),
        _ if c.is_ascii() => None,
        _ => c.to_lowercase().next(),
    });
    if !matches!(initial, Some('a' | 'п' | 'ا' | '附')) {
        return false;
    }
    ["annex", "annexe", "anexo", "приложение", "المرفق", "附件"]
        .iter()
        .any(|word| first.chars().flat_map(char::to_lowercase).eq(word.chars()))
}

fn parse_block(text: &str, start: usize) -> Block {
    if let Some(def) = caret_definition_start(text).or_else(|| sup_definition_start(text)) {
        let scan = inline::scan(text, def.marker.end);
        let body = Box::new(FootnoteBody::parse(text, def.marker.end));
        return Block {
            start,
            len: text.len(),
            kind: BlockKind::FootnoteDef(FootnoteDef {
                key: def.key,
                syntax: def.syntax,
                label_range: def.label,
                marker_range: def.marker,
                body,
            }),
            refs: scan.refs.into_boxed_slice(),
            directives: scan.directives.into(),
        };
    }
    let paragraph = parse_paragraph(text);
    let kind = if is_bold_line(text) || is_plain_heading(text) {
        BlockKind::Heading(Heading {
            level: 0,
            is_annex: names_annex(text),
        })
    } else {
        BlockKind::Paragraph(paragraph)
    };
    let scan = inline::scan(text, 0);
    Block {
        start,
        len: text.len(),
        kind,
        refs: scan.refs.into_boxed_slice(),
        directives: scan.directives.into(),
    }
}

/// A section or annex heading written as plain text, as resolutions converted from PDF or Word
/// have them: a roman numeral or a capital letter (`I`, `II.`, `A.`), or `Annex` (`Annex I`), on
/// a line of its own, or on the first of two lines whose second is the section's title.
///
/// Every paragraph is asked, so the cheap tests come first: a third line, then the first word
/// (nearly every paragraph's is neither a numeral nor an annex).
fn is_plain_heading(text: &str) -> bool {
    let mut lines = str_lines(text).map(|l| l.trim().trim_matches(['*', '_']).trim());
    let (Some(first), second, None) = (lines.next(), lines.next(), lines.next()) else {
        return false;
    };
    let label = first.strip_suffix('.').unwrap_or(first);
    let numeral = |word: &str| {
        (1..=7).contains(&word.len()) && word.bytes().all(|b| b"IVXL".contains(&b))
            || word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase())
    };
    let mut words = label.split_whitespace();
    let Some(word) = words.next() else {
        return false;
    };
    // A label of one word is a numeral or names an annex; of two, it names an annex.
    let numeral_word = numeral(word);
    if !numeral_word && !names_annex(word) {
        return false;
    }
    let heading = match words.next() {
        None => true,
        Some(number) => {
            !numeral_word
                && (numeral(number) || number.bytes().all(|b| b.is_ascii_digit()))
                && words.next().is_none()
        }
    };
    heading && second.is_none_or(|title| !title.ends_with([',', ';', ':', '，', '；', '،', '؛']))
}

/// `str::lines`, finding line breaks with `memchr` (a paragraph's text is searched whole for its
/// first line break, and the standard search went byte by byte).
fn str_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i + 1);
        let line = &text[pos..end];
        pos = end;
        // As `str::lines`: a `\r` goes only with the `\n` after it.
        Some(match line.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => line,
        })
    })
}

/// A single line bold from end to end (`**I**`, `**Annex**`): a heading in drafts converted from
/// PDF.
fn is_bold_line(text: &str) -> bool {
    if !text.trim_start().starts_with(['*', '_']) {
        return false;
    }
    let t = text.trim();
    // The line-break search last: an opener starts most paragraphs with `*`.
    t.len() > 4
        && ((t.starts_with("**") && t.ends_with("**"))
            || (t.starts_with("__") && t.ends_with("__")))
        && memchr::memchr(b'\n', t.as_bytes()).is_none()
        && !t[2..t.len() - 2].contains("**")
}
