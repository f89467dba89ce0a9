//! Real drafts, edited as drafters edit them (issue 13, item 7). The corpus in
//! `tests/fixtures/drafts/corpus/` holds real adopted resolutions in our format (English, French,
//! Spanish, Russian, Chinese; an adopted declaration, sections, sub-paragraphs, footnote blocks,
//! Ibid. chains), beside the reference draft and the drafts of each language.
//!
//! - Checked as they are, they give only their true departures (listed below with the reason).
//! - Each single mistake a drafter makes (an opener left roman or made bold, a comma lost, a
//!   number mistyped, a paragraph in the wrong part, a footnote added, a definition deleted, a
//!   page break lost or doubled, an Ibid. in another style, text pasted from Word) gives the
//!   diagnostics it deserves, at most two, on the lines the mistake touched. Over every mistake in
//!   every draft, precision and recall are both at least 0.95.
//! - `check --fix` on each changes only lines with a finding (or the numbers a renumbering
//!   changes), never inserts placeholder text, and never leaves more findings than it found.
//!
//! The mistakes are made on the text (blocks cut at blank lines, openers and numbers found by
//! pattern), not on the checker's own reading of it, so that the checker cannot agree with itself.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;
use resolution_engine::{check, fix_all, Config, Document, Encoding};

/// A draft of the corpus: its name, its text, whether its openers are in italics.
struct Draft {
    name: &'static str,
    text: String,
    italic: bool,
}

macro_rules! corpus {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../../tests/fixtures/drafts/corpus/", $name)))),*]
    };
}

const CORPUS: [(&str, &str); 17] = corpus!(
    "en-a-hrc-res-35-16.md",
    "en-a-hrc-res-35-18.md",
    "en-a-res-2433-xxiii.md",
    "en-a-res-62-140.md",
    "en-a-res-62-141.md",
    "en-a-res-73-1.md",
    "en-e-res-1104-xl.md",
    "en-e-res-1577-l.md",
    "en-e-res-1778-liv.md",
    "en-e-res-1848-lvi.md",
    "en-e-res-355-xii-b.md",
    "en-s-res-2425-2018.md",
    "es-a-res-es-10-24.md",
    "fr-a-hrc-res-35-16.md",
    "ru-s-res-1913-2010.md",
    "zh-s-res-2446-2018.md",
    "zh-s-res-368-1975.md",
);

const REFERENCE: &str = include_str!("../../../tests/fixtures/drafts/ccpcj-21-3.md");
const LANGUAGES: [(&str, &str); 5] = [
    (
        "languages/ar.md",
        include_str!("../../../tests/fixtures/drafts/languages/ar.md"),
    ),
    (
        "languages/es.md",
        include_str!("../../../tests/fixtures/drafts/languages/es.md"),
    ),
    (
        "languages/fr.md",
        include_str!("../../../tests/fixtures/drafts/languages/fr.md"),
    ),
    (
        "languages/ru.md",
        include_str!("../../../tests/fixtures/drafts/languages/ru.md"),
    ),
    (
        "languages/zh.md",
        include_str!("../../../tests/fixtures/drafts/languages/zh.md"),
    ),
];

/// What real drafts really depart from the format in, by draft: (rule, line).
const TRUE_DEPARTURES: &[(&str, &str, usize)] = &[
    // Old ECOSOC yearbooks number footnotes through the volume: these start at 16, 74 and 54.
    ("en-e-res-1104-xl.md", "footnote-order", 5),
    ("en-e-res-1778-liv.md", "footnote-order", 7),
    ("en-e-res-355-xii-b.md", "footnote-order", 1),
    // Abridged: the last paragraph kept ends with the semicolon of one the corpus left out.
    ("en-e-res-1577-l.md", "operative-punctuation", 27),
    ("en-a-res-62-141.md", "operative-punctuation", 29),
];

fn drafts() -> Vec<Draft> {
    let italic =
        |name: &str| !(name.starts_with("zh") || name.contains("/zh") || name.contains("/ar"));
    let clean_reference = REFERENCE
        .replace("<sup>12</sup> Ibid.", "<sup>12</sup> *Ibid.*")
        .replace("<sup>13</sup> Ibid.", "<sup>13</sup> *Ibid.*");
    let mut all: Vec<Draft> = CORPUS
        .iter()
        .chain(&LANGUAGES)
        .map(|(name, text)| Draft {
            name,
            text: (*text).to_owned(),
            italic: italic(name),
        })
        .collect();
    all.push(Draft {
        name: "ccpcj-21-3.md (its Ibid.s italicized)",
        text: clean_reference,
        italic: true,
    });
    all
}

/// The diagnostics of `text` as (rule, 1-based line, message).
fn findings(text: &str) -> Vec<(&'static str, usize, String)> {
    let doc = Document::new(text);
    check(&doc, &Config::default(), Some("draft.res.md"))
        .iter()
        .map(|d| {
            let line = doc.text().position(d.range.start, Encoding::Utf32).line + 1;
            (d.rule, line, d.message.clone())
        })
        .collect()
}

#[test]
fn real_drafts_give_only_their_true_departures() {
    for draft in drafts() {
        let found: Vec<(&str, usize)> = findings(&draft.text)
            .into_iter()
            .map(|(rule, line, _)| (rule, line))
            .collect();
        let expected: Vec<(&str, usize)> = TRUE_DEPARTURES
            .iter()
            .filter(|(name, _, _)| *name == draft.name)
            .map(|(_, rule, line)| (*rule, *line))
            .collect();
        assert_eq!(found, expected, "{}", draft.name);
    }
}

#[test]
fn the_corpus_readme_and_the_project_readme_are_not_drafts() {
    for text in [
        include_str!("../../../tests/fixtures/drafts/corpus/README.md"),
        include_str!("../../../README.md"),
    ] {
        let doc = Document::new(text);
        assert_eq!(check(&doc, &Config::default(), Some("README.md")), vec![]);
    }
}

// ---------------------------------------------------------------------------------------------
// The draft as text: blocks between blank lines.

/// A block of lines: the index of its first and last line (0-based).
#[derive(Clone, Copy, Debug)]
struct Block {
    first: usize,
    last: usize,
}

fn blocks(lines: &[String]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            if let Some(first) = open.take() {
                out.push(Block { first, last: i - 1 });
            }
        } else if open.is_none() {
            open = Some(i);
        }
    }
    if let Some(first) = open {
        out.push(Block {
            first,
            last: lines.len() - 1,
        });
    }
    out
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+)\. ").unwrap());
static OPENER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d+\. )?\*([^*]+)\*[ ,]").unwrap());
static DEFINITION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^<sup>(\d+)</sup> ").unwrap());
static MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<sup>(\d+)</sup>").unwrap());

/// What a block is, read from its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Preamble,
    Operative,
    PageBreak,
    Definition,
    Other,
}

/// The draft's lines and what each block is: the preamble runs from the organ line (the first
/// italic line of its own) to the first numbered paragraph; operative paragraphs are numbered
/// and come before any heading that follows a colon (an adopted text).
struct Text {
    lines: Vec<String>,
    blocks: Vec<(Block, Kind)>,
}

impl Text {
    fn new(text: &str) -> Text {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let mut kinds = Vec::new();
        let mut organ_seen = false;
        let mut operative = false;
        let mut embedded = false;
        let mut previous_colon = false;
        for block in blocks(&lines) {
            let first = &lines[block.first];
            let kind = if first.trim() == "---" {
                Kind::PageBreak
            } else if DEFINITION.is_match(first) {
                Kind::Definition
            } else if !organ_seen {
                if first.starts_with('*') && !first.starts_with("**") && block.first == block.last {
                    organ_seen = true;
                }
                Kind::Other
            } else if embedded
                || first.starts_with('#')
                || first.starts_with("**")
                || first.starts_with('(')
                || first.starts_with('[')
                || first.chars().next().is_some_and(char::is_lowercase)
            {
                embedded |= previous_colon && (first.starts_with('#') || first.starts_with("**"));
                Kind::Other
            } else if NUMBERED.is_match(first) {
                operative = true;
                Kind::Operative
            } else if !operative && OPENER.is_match(first) {
                Kind::Preamble
            } else {
                Kind::Other
            };
            previous_colon = lines[block.last].trim_end().ends_with(':');
            kinds.push((block, kind));
        }
        Text {
            lines,
            blocks: kinds,
        }
    }

    fn of(&self, kind: Kind) -> Vec<Block> {
        self.blocks
            .iter()
            .filter(|(_, k)| *k == kind)
            .map(|(b, _)| *b)
            .collect()
    }

    fn joined(&self) -> String {
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }
}

/// A mistake made in a draft: the text with it, the lines it touched (1-based, in the new text),
/// and what the checker should say (rule and 1-based line).
struct Mistake {
    what: String,
    text: String,
    touched: Vec<usize>,
    expected: Vec<(&'static str, usize)>,
}

/// The closing mark of a paragraph's last line, past footnote markers and closing quotes: where
/// it is in the line.
fn closing_mark(line: &str) -> Option<(usize, char)> {
    let mut end = line.trim_end().len();
    loop {
        let before = &line[..end];
        match MARKER.find_iter(before).last() {
            Some(m) if m.end() == end => end = m.start(),
            _ => break,
        }
    }
    let (i, c) = line[..end].char_indices().next_back()?;
    let (i, c) = if matches!(c, '”' | '»' | '"') {
        line[..i].char_indices().next_back()?
    } else {
        (i, c)
    };
    matches!(c, ',' | ';' | '.' | ':' | '，' | '；' | '。' | '،' | '؛').then_some((i, c))
}

/// `lines` without their footnote markers.
fn without_markers(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| MARKER.replace_all(l, "").into_owned())
        .collect()
}

/// The kinds of mistake, each at the `k`-th place it can be made (modulo the places there are).
const KINDS: usize = 13;

fn mistake(draft: &Draft, kind: usize, k: usize) -> Option<Mistake> {
    let text = Text::new(&draft.text);
    let preamble = text.of(Kind::Preamble);
    let operative = text.of(Kind::Operative);
    // Paragraphs that end a sentence: putting a paragraph after one cut by a page break would
    // cut the sentence in two, a second mistake.
    let closed = |list: &[Block]| -> Vec<Block> {
        list.iter()
            .copied()
            .filter(|b| closing_mark(&text.lines[b.last]).is_some())
            .collect()
    };
    let pick = |list: &[Block]| (!list.is_empty()).then(|| list[k % list.len()]);
    let mut lines = text.lines.clone();
    let line_no = |b: &Block| b.first + 1;
    let one = |what: &str, lines: Vec<String>, at: usize, rule: Option<&'static str>| Mistake {
        what: what.to_owned(),
        text: Text {
            lines,
            blocks: Vec::new(),
        }
        .joined(),
        touched: vec![at],
        expected: rule.map(|r| vec![(r, at)]).unwrap_or_default(),
    };
    match kind {
        // An opener left in roman, or made bold.
        0 | 1 if draft.italic => {
            let b = pick(
                &preamble
                    .iter()
                    .chain(&operative)
                    .copied()
                    .collect::<Vec<_>>(),
            )?;
            let line = &lines[b.first];
            let m = OPENER.captures(line)?;
            let run = m.get(1)?;
            let (from, to) = (run.start() - 1, run.end() + 1);
            let replaced = if kind == 0 {
                run.as_str().to_owned()
            } else {
                format!("**{}**", run.as_str())
            };
            lines[b.first] = format!("{}{replaced}{}", &line[..from], &line[to..]);
            let what = if kind == 0 {
                "opener in roman"
            } else {
                "opener in bold"
            };
            Some(one(what, lines, line_no(&b), Some("opener-not-italic")))
        }
        // A preambular paragraph's comma lost.
        2 => {
            let b = pick(&preamble)?;
            let line = &lines[b.last];
            let (i, c) = closing_mark(line)?;
            if !matches!(c, ',' | '，' | '،') {
                return None;
            }
            lines[b.last] = format!("{}{}", &line[..i], &line[i + c.len_utf8()..]);
            Some(one(
                "comma lost",
                lines,
                b.last + 1,
                Some("preamble-punctuation"),
            ))
        }
        // An operative paragraph's semicolon made a comma.
        3 => {
            let b = pick(&operative)?;
            let line = &lines[b.last];
            let (i, c) = closing_mark(line)?;
            let comma = match c {
                ';' => ",",
                '；' => "，",
                '؛' => "،",
                _ => return None,
            };
            lines[b.last] = format!("{}{comma}{}", &line[..i], &line[i + c.len_utf8()..]);
            Some(one(
                "semicolon made a comma",
                lines,
                b.last + 1,
                Some("operative-punctuation"),
            ))
        }
        // A number mistyped.
        4 => {
            let b = pick(&operative)?;
            let line = &lines[b.first];
            let m = NUMBERED.captures(line)?;
            let n: u32 = m.get(1)?.as_str().parse().ok()?;
            lines[b.first] = format!("{}. {}", n + 10, &line[m.get(0)?.end()..]);
            Some(one(
                "number mistyped",
                lines,
                line_no(&b),
                Some("operative-numbering"),
            ))
        }
        // An operative paragraph left in the preamble (a copy of one, put after the k-th
        // preambular paragraph).
        5 => {
            let (target, source) = (pick(&closed(&preamble))?, pick(&operative)?);
            if operative.len() < 2 || target.first > source.first {
                return None;
            }
            // Without its footnotes: a moved paragraph takes them along, a finding of their own.
            let copied = without_markers(&lines[source.first..=source.last]);
            let at = target.last + 1;
            lines.splice(at..at, std::iter::once(String::new()).chain(copied));
            Some(one(
                "operative paragraph in the preamble",
                lines,
                at + 2,
                Some("opener-misplaced"),
            ))
        }
        // A preambular paragraph among the operative ones (a copy of one, put after the k-th
        // operative paragraph that is not the last).
        6 => {
            let source = pick(&preamble)?;
            let targets = closed(&operative[..operative.len().saturating_sub(1)]);
            let target = pick(&targets)?;
            let copied = without_markers(&lines[source.first..=source.last]);
            let at = target.last + 1;
            lines.splice(at..at, std::iter::once(String::new()).chain(copied));
            Some(one(
                "preambular paragraph among the operative ones",
                lines,
                at + 2,
                Some("opener-misplaced"),
            ))
        }
        // A footnote's definition deleted.
        7 => {
            let defs = text.of(Kind::Definition);
            let b = pick(&defs)?;
            let n = DEFINITION
                .captures(&lines[b.first])?
                .get(1)?
                .as_str()
                .to_owned();
            let marker = format!("<sup>{n}</sup>");
            let first_ref = lines
                .iter()
                .position(|l| !DEFINITION.is_match(l) && l.contains(&marker))?;
            // The definition and the blank line after it.
            let removed = lines
                .drain(b.first..=(b.last + 1).min(lines.len() - 1))
                .count();
            let at = if first_ref > b.first {
                first_ref - removed
            } else {
                first_ref
            };
            let mut m = one(
                "definition deleted",
                lines,
                at + 1,
                Some("footnote-undefined"),
            );
            m.touched = vec![at + 1];
            Some(m)
        }
        // The page break before a footnote block of two or more definitions deleted.
        8 => {
            let breaks: Vec<Block> = text
                .blocks
                .windows(3)
                .filter(|w| {
                    w[0].1 == Kind::PageBreak
                        && w[1].1 == Kind::Definition
                        && w[2].1 == Kind::Definition
                })
                .map(|w| w[0].0)
                .collect();
            let b = pick(&breaks)?;
            lines.drain(b.first..=b.first + 1);
            // Without it, a draft whose only break it was has its notes at the end, as a draft
            // without pages may: nothing to say then.
            let paged_still = text.of(Kind::PageBreak).len() > 1;
            let text_follows = text
                .blocks
                .iter()
                .skip_while(|(blk, _)| blk.first <= b.first)
                .find(|(_, kind)| *kind != Kind::Definition)
                .is_some_and(|(_, kind)| *kind != Kind::PageBreak);
            let rule = (paged_still || text_follows).then_some("page-break");
            Some(one("page break deleted", lines, b.first + 1, rule))
        }
        // A page break doubled.
        9 => {
            let b = pick(&text.of(Kind::PageBreak))?;
            lines.splice(b.first..b.first, ["---".to_owned(), String::new()]);
            Some(one(
                "page break doubled",
                lines,
                b.first + 3,
                Some("page-break"),
            ))
        }
        // A number followed by a tab or a non-breaking space, as pasted from Word: nothing to say.
        10 => {
            let b = pick(&operative)?;
            let line = &lines[b.first];
            let m = NUMBERED.captures(line)?;
            let space = if k % 2 == 0 { "\t" } else { "\u{A0}" };
            lines[b.first] = format!("{}.{space}{}", m.get(1)?.as_str(), &line[m.get(0)?.end()..]);
            Some(one("Word's space after a number", lines, line_no(&b), None))
        }
        // A new footnote numbered after the last, referenced at the end of the k-th preambular
        // paragraph, its definition after the last definition.
        11 => {
            let defs = text.of(Kind::Definition);
            let last_def = *defs.last()?;
            let numbers: Vec<u32> = defs
                .iter()
                .filter_map(|b| {
                    DEFINITION
                        .captures(&lines[b.first])?
                        .get(1)?
                        .as_str()
                        .parse()
                        .ok()
                })
                .collect();
            let new = numbers.iter().max()? + 1;
            let b = pick(&preamble)?;
            let line = lines[b.last].clone();
            let (i, c) = closing_mark(&line)?;
            // After the comma in English and Chinese, before it in French, Spanish and Russian.
            let language = draft.name.trim_start_matches("languages/");
            let before_mark = ["fr", "es", "ru"]
                .iter()
                .any(|code| language.starts_with(code));
            let marker = format!("<sup>{new}</sup>");
            let end = i + c.len_utf8();
            let insert = if before_mark { i } else { end };
            lines[b.last] = format!("{}{marker}{}", &line[..insert], &line[insert..]);
            // The next footnote in reading order, if any, must not be an Ibid. (inserting before
            // it changes what it means, a finding of its own) and the new one must come before
            // another footnote for the order to be broken.
            let rest_of_line = line[insert..].to_owned();
            let later_markers: Vec<u32> = std::iter::once(&rest_of_line)
                .chain(&lines[b.last + 1..])
                .filter(|l| !DEFINITION.is_match(l))
                .flat_map(|l| {
                    MARKER
                        .captures_iter(l)
                        .filter_map(|c| c.get(1)?.as_str().parse().ok())
                        .collect::<Vec<u32>>()
                })
                .collect();
            let next_def = |n: u32| {
                lines
                    .iter()
                    .find(|l| l.starts_with(&format!("<sup>{n}</sup> ")))
            };
            if later_markers
                .first()
                .and_then(|&n| next_def(n))
                .is_some_and(|d| d.to_lowercase().contains("ibid"))
            {
                return None;
            }
            let insert_at = last_def.last + 1;
            lines.splice(
                insert_at..insert_at,
                [
                    String::new(),
                    format!("<sup>{new}</sup> General Assembly resolution 60/1."),
                ],
            );
            // In a paged draft the definition belongs to the first footnote block after its
            // reference: elsewhere it is defined away from its page too.
            let breaks: Vec<usize> = text
                .blocks
                .iter()
                .filter(|(_, kind)| *kind == Kind::PageBreak)
                .map(|(blk, _)| blk.first)
                .collect();
            let own_block = breaks.iter().find(|&&at| at > b.last);
            let def_page_ok = match own_block {
                None => breaks.is_empty(),
                Some(&at) => !breaks
                    .iter()
                    .any(|&other| other > at && other < last_def.first),
            };
            let earlier: Vec<&str> = lines[..b.last]
                .iter()
                .map(String::as_str)
                .chain(std::iter::once(&line[..insert]))
                .filter(|l| !DEFINITION.is_match(l))
                .collect();
            let referenced_before = |n: u32| {
                let marker = format!("<sup>{n}</sup>");
                earlier.iter().any(|l| l.contains(&marker))
            };
            let mut expected = Vec::new();
            if later_markers.iter().any(|&n| !referenced_before(n)) {
                expected.push(("footnote-order", b.last + 1));
            }
            if !def_page_ok {
                expected.push(("footnote-page", insert_at + 2));
            }
            Some(Mistake {
                what: "new footnote".to_owned(),
                text: Text {
                    lines,
                    blocks: Vec::new(),
                }
                .joined(),
                touched: vec![b.last + 1, insert_at + 2],
                expected,
            })
        }
        // An Ibid. written in roman where the draft's others are in italics.
        12 => {
            let italic_ibids: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| DEFINITION.is_match(l) && l.contains("</sup> *Ibid.*"))
                .map(|(i, _)| i)
                .collect();
            if italic_ibids.len() < 3 {
                return None;
            }
            let i = italic_ibids[k % italic_ibids.len()];
            lines[i] = lines[i].replacen("</sup> *Ibid.*", "</sup> Ibid.", 1);
            Some(one("Ibid. in roman", lines, i + 1, Some("ibid-style")))
        }
        _ => None,
    }
}

/// What the checker said about a mistake beyond what it says of the draft without it.
fn new_findings(draft: &Draft, mistake: &Mistake) -> Vec<(&'static str, usize, String)> {
    let mut before: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for (rule, _, message) in findings(&draft.text) {
        *before.entry((rule, message)).or_default() += 1;
    }
    let unmatched: Vec<_> = findings(&mistake.text)
        .into_iter()
        .filter(
            |(rule, _, message)| match before.get_mut(&(*rule, message.clone())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        )
        .collect();
    // A finding of the draft that the mistake only reworded (`footnote 16 skips footnote 1`
    // becoming `footnote 17 skips footnote 1` when footnote 16 goes) is the same finding.
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for ((rule, _), n) in before {
        *left.entry(rule).or_default() += n;
    }
    unmatched
        .into_iter()
        .filter(|(rule, _, _)| match left.get_mut(rule) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

#[test]
fn single_mistakes_give_what_they_deserve_with_precision_and_recall_of_95_percent() {
    let (mut true_positives, mut false_positives, mut false_negatives) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    let mut mistakes = 0;
    for draft in drafts() {
        for kind in 0..KINDS {
            for k in 0..3 {
                let Some(mistake) = mistake(&draft, kind, k) else {
                    continue;
                };
                mistakes += 1;
                let found = new_findings(&draft, &mistake);
                let baseline = findings(&draft.text);
                let mut expected = mistake.expected.clone();
                for (rule, line, message) in &found {
                    match expected.iter().position(|e| e == &(*rule, *line)) {
                        Some(p) => {
                            expected.remove(p);
                            true_positives += 1;
                        }
                        None => {
                            false_positives += 1;
                            misses.push(format!(
                                "{} / {} ({k}): unexpected {rule} on line {line}: {message}",
                                draft.name, mistake.what
                            ));
                        }
                    }
                }
                for (rule, line) in expected {
                    // A mistake on a line where the draft already has that finding leaves the
                    // checker nothing new to say.
                    if baseline.iter().any(|(r, l, _)| *r == rule && *l == line) {
                        continue;
                    }
                    false_negatives += 1;
                    misses.push(format!(
                        "{} / {} ({k}): missing {rule} on line {line}",
                        draft.name, mistake.what
                    ));
                }
                assert!(
                    found.len() <= 2,
                    "{} / {}: {found:?}",
                    draft.name,
                    mistake.what
                );
            }
        }
    }
    let precision = true_positives as f64 / (true_positives + false_positives).max(1) as f64;
    let recall = true_positives as f64 / (true_positives + false_negatives).max(1) as f64;
    println!(
        "{mistakes} mistakes: precision {precision:.3}, recall {recall:.3} \
         ({true_positives} right, {false_positives} wrong, {false_negatives} missed)"
    );
    for miss in &misses {
        println!("  {miss}");
    }
    assert!(mistakes >= 150, "only {mistakes} mistakes could be made");
    assert!(precision >= 0.95 && recall >= 0.95, "{misses:#?}");
}

/// `--fix` on each mistake: only lines with a finding change (or the numbers a renumbering
/// changes), no placeholder goes in, and no more findings are left than were found.
#[test]
fn fixing_a_mistake_changes_only_lines_with_findings() {
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").unwrap());
    for draft in drafts() {
        for kind in 0..KINDS {
            let Some(mistake) = mistake(&draft, kind, 1) else {
                continue;
            };
            let found = findings(&mistake.text);
            let fixed = fix_all(&mistake.text, &Config::default(), Some("draft.res.md"));
            let context = format!("{} / {}", draft.name, mistake.what);
            assert!(
                !fixed.text.contains("TODO"),
                "{context}: a placeholder went in"
            );
            assert!(
                fixed.remaining.len() <= found.len(),
                "{context}: {} findings before, {} after",
                found.len(),
                fixed.remaining.len()
            );
            let with_findings: Vec<usize> = found.iter().map(|(_, line, _)| *line).collect();
            let renumbered = found
                .iter()
                .any(|(rule, _, _)| matches!(*rule, "footnote-order" | "operative-numbering"));
            if found.iter().any(|(rule, _, _)| *rule == "footnote-page") {
                // A definition moved to its page: the same lines, in another order (and other
                // numbers, when renumbered too).
                let lines = |text: &str| {
                    let mut lines: Vec<String> = text
                        .lines()
                        .map(|l| {
                            if renumbered {
                                DIGITS.replace_all(l, "#").into_owned()
                            } else {
                                l.to_owned()
                            }
                        })
                        .collect();
                    lines.sort_unstable();
                    lines
                };
                assert_eq!(
                    lines(&mistake.text),
                    lines(&fixed.text),
                    "{context}: more than a definition moved"
                );
                continue;
            }
            let before: Vec<&str> = mistake.text.lines().collect();
            let after: Vec<&str> = fixed.text.lines().collect();
            if before.len() != after.len() {
                // A fix that adds or removes lines (a page break put in or taken out) touches the
                // line of its finding: compare the lines on either side.
                let page_break = found.iter().any(|(rule, _, _)| *rule == "page-break");
                assert!(page_break, "{context}: lines added or removed");
                continue;
            }
            for (i, (b, a)) in before.iter().zip(&after).enumerate() {
                if b == a || with_findings.contains(&(i + 1)) {
                    continue;
                }
                let only_numbers = DIGITS.replace_all(b, "#") == DIGITS.replace_all(a, "#");
                assert!(
                    renumbered && only_numbers,
                    "{context}: line {} changed without a finding:\n{b}\n{a}",
                    i + 1
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    /// For a random single mistake in a random draft, the diagnostics it adds are few and lie on
    /// the lines it touched.
    #[test]
    fn a_single_mistake_gives_few_diagnostics_at_the_mistake(
        which in 0usize..23,
        kind in 0..KINDS,
        k in 0usize..50,
    ) {
        let all = drafts();
        let draft = &all[which % all.len()];
        let Some(mistake) = mistake(draft, kind, k) else {
            return Ok(());
        };
        let found = new_findings(draft, &mistake);
        prop_assert!(found.len() <= 2, "{} / {}: {:?}", draft.name, mistake.what, found);
        for (rule, line, message) in &found {
            prop_assert!(
                mistake.touched.contains(line),
                "{} / {}: {} on line {} ({}), away from lines {:?}",
                draft.name, mistake.what, rule, line, message, mistake.touched
            );
        }
    }
}
