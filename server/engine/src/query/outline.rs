//! The outline of a draft (title, organ line, preamble, operative part with sub-paragraphs and
//! sections, footnotes) and its folding regions (pages, the two parts, footnote blocks).

use std::ops::Range;

use crate::analysis::{Analysis, Part, Role};
use crate::document::Document;
use crate::syntax::{Block, BlockKind};

/// Words a paragraph without an opener is named by.
const NAME_WORDS: usize = 5;
/// Words a footnote is named by, after its number.
const FOOTNOTE_WORDS: usize = 6;
/// Words of a paragraph's detail, after its opener.
const DETAIL_WORDS: usize = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Title,
    Organ,
    /// A heading between paragraphs (`I`, `A.`); the paragraphs after it are its children.
    Section,
    Preambular,
    Operative,
    SubParagraph,
    Footnote,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineItem {
    pub kind: ItemKind,
    pub name: String,
    /// A few words more: the subtitle of a title, the words after a paragraph's opener.
    pub detail: Option<String>,
    /// Everything the item covers (a paragraph with its continuations and sub-paragraphs).
    pub range: Range<usize>,
    /// What to reveal and select: the opener, the number, the marker.
    pub selection: Range<usize>,
    pub children: Vec<OutlineItem>,
}

/// A draft's outline, part by part. Empty for a file that is not a draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// The first heading before the organ line.
    pub title: Option<OutlineItem>,
    pub organ: Option<OutlineItem>,
    pub preamble: Vec<OutlineItem>,
    pub operative: Vec<OutlineItem>,
    /// Every definition, in document order.
    pub footnotes: Vec<OutlineItem>,
}

pub fn outline(doc: &Document, analysis: &Analysis) -> Outline {
    let mut out = Outline::default();
    if !analysis.is_draft {
        return out;
    }
    let blocks = doc.blocks();
    let structure = &analysis.structure;
    // Whether the last item of each part is a section still taking paragraphs.
    let mut open_section = [false, false];
    let mut part = Part::Preamble;
    // The organ line or a paragraph came: headings are no longer the title.
    let mut started = false;
    for (i, block) in blocks.iter().enumerate() {
        let text = doc.block_text(block);
        let role = structure.roles[i];
        let is_heading = matches!(block.kind, BlockKind::Heading(_));
        if !started && is_heading && matches!(role, Role::Front | Role::Heading) {
            // Headings before the organ line: the title, then its subtitle.
            match &mut out.title {
                None => out.title = Some(leaf(ItemKind::Title, heading_text(&text), block)),
                Some(title) if title.detail.is_none() => {
                    title.detail = Some(heading_text(&text));
                }
                Some(_) => {}
            }
            continue;
        }
        if matches!(role, Role::Organ | Role::Paragraph(_)) {
            started = true;
        }
        match role {
            Role::Organ => {
                let name = block
                    .paragraph()
                    .and_then(|p| p.organ.as_ref())
                    .map_or_else(|| plain(&text), |o| o.name.clone());
                out.organ = Some(leaf(ItemKind::Organ, name, block));
            }
            Role::Heading => {
                // A section belongs to the part of the paragraph after it.
                part = (i + 1..blocks.len())
                    .find_map(|j| match structure.roles[j] {
                        Role::Paragraph(n) => Some(structure.paragraphs[n as usize].part),
                        _ => None,
                    })
                    .unwrap_or(part);
                let list = part_list(&mut out, part);
                list.push(leaf(ItemKind::Section, heading_text(&text), block));
                open_section[part as usize] = true;
            }
            Role::Paragraph(n) => {
                let lp = &structure.paragraphs[n as usize];
                if lp.part != part {
                    open_section[part as usize] = false;
                    part = lp.part;
                }
                let end = blocks[lp.last()].end();
                let item = paragraph_item(doc, analysis, i, end);
                let list = part_list(&mut out, part);
                let container = match list.last_mut() {
                    Some(last) if open_section[part as usize] => &mut last.children,
                    _ => list,
                };
                if lp.is_sub {
                    attach_sub(container, item);
                } else {
                    container.push(item);
                }
            }
            Role::FootnoteDef => {
                let Some(def) = block.footnote_def() else {
                    continue;
                };
                let end = (i + 1..blocks.len())
                    .take_while(|&j| structure.roles[j] == Role::FootnoteContinuation)
                    .last()
                    .map_or(block.end(), |j| blocks[j].end());
                let body = doc.text().slice(block.abs(&def.body.range));
                let (words, _) = first_words(&body, FOOTNOTE_WORDS);
                let name = if words.is_empty() {
                    def.key.to_string()
                } else {
                    format!("{} {words}", def.key)
                };
                out.footnotes.push(OutlineItem {
                    kind: ItemKind::Footnote,
                    name,
                    detail: None,
                    range: block.start..end,
                    selection: block.abs(&def.marker_range),
                    children: Vec::new(),
                });
            }
            _ => {}
        }
    }
    for item in out
        .preamble
        .iter_mut()
        .chain(out.operative.iter_mut())
        .chain(out.footnotes.iter_mut())
    {
        cover_children(item);
    }
    out
}

fn part_list(out: &mut Outline, part: Part) -> &mut Vec<OutlineItem> {
    match part {
        Part::Preamble => &mut out.preamble,
        Part::Operative => &mut out.operative,
    }
}

fn leaf(kind: ItemKind, name: String, block: &Block) -> OutlineItem {
    OutlineItem {
        kind,
        name,
        detail: None,
        range: block.range(),
        selection: block.range(),
        children: Vec::new(),
    }
}

/// The item of the paragraph that starts in block `i` and ends at `end`: `Opener`, `N. Opener`,
/// `(a) first words`, or its first words when it has no opener.
fn paragraph_item(doc: &Document, analysis: &Analysis, i: usize, end: usize) -> OutlineItem {
    let block = &doc.blocks()[i];
    let text = doc.block_text(block);
    let lp = analysis
        .structure
        .paragraph_of(i)
        .map(|n| &analysis.structure.paragraphs[n]);
    let kind = match lp {
        Some(lp) if lp.is_sub => ItemKind::SubParagraph,
        Some(lp) if lp.part == Part::Operative => ItemKind::Operative,
        _ => ItemKind::Preambular,
    };
    let Some(p) = block.paragraph() else {
        return leaf(kind, plain(&text), block);
    };
    let prefix = match (&p.number, &p.sub_label) {
        (Some(n), _) => Some((format!("{}.", n.value), n.prefix().start as usize)),
        (None, Some(s)) => Some((format!("({})", s.label), s.range.start)),
        _ => None,
    };
    let selection_start = prefix
        .as_ref()
        .map_or(p.content_start as usize, |(_, start)| *start);
    let (words, selection_end, detail) = match &p.opener {
        Some(run) => {
            let (detail, _) = first_words(&block.lead(doc.text()), DETAIL_WORDS);
            (
                run.text.trim().to_owned(),
                run.range.end as usize,
                (!detail.is_empty()).then_some(detail),
            )
        }
        None => {
            let (words, len) = first_words(&text[p.content_start as usize..], NAME_WORDS);
            (words, p.content_start as usize + len, None)
        }
    };
    let name = match prefix {
        Some((prefix, _)) => format!("{prefix} {words}").trim_end().to_owned(),
        None => words,
    };
    OutlineItem {
        kind,
        name,
        detail,
        range: block.start..end.max(block.end()),
        selection: block.start + selection_start..block.start + selection_end,
        children: Vec::new(),
    }
}

/// Puts a sub-paragraph under the paragraph before it: `(i)` under the `(a)` before it, unless
/// `(i)` simply follows `(h)`.
fn attach_sub(container: &mut Vec<OutlineItem>, item: OutlineItem) {
    let Some(parent) = container
        .last_mut()
        .filter(|p| p.kind != ItemKind::SubParagraph && p.kind != ItemKind::Section)
    else {
        container.push(item);
        return;
    };
    let label = sub_label(&item.name).unwrap_or_default().to_owned();
    let previous = parent
        .children
        .last()
        .and_then(|c| sub_label(&c.name))
        .map(str::to_owned);
    match parent.children.last_mut() {
        Some(alpha) if previous.is_some_and(|prev| is_roman_after(&label, &prev)) => {
            alpha.children.push(item);
        }
        _ => parent.children.push(item),
    }
}

fn sub_label(name: &str) -> Option<&str> {
    name.strip_prefix('(')?.split_once(')').map(|(l, _)| l)
}

/// `label` reads as a roman numeral under the letter `previous` rather than the letter after it.
fn is_roman_after(label: &str, previous: &str) -> bool {
    let roman = !label.is_empty() && label.chars().all(|c| "ivxlc".contains(c));
    let next_letter = previous
        .chars()
        .next()
        .and_then(|c| char::from_u32(c as u32 + 1))
        .map(String::from);
    roman && previous.chars().count() == 1 && next_letter.as_deref() != Some(label)
}

/// Stretches an item's range over its children's.
fn cover_children(item: &mut OutlineItem) {
    for child in &mut item.children {
        cover_children(child);
        item.range.start = item.range.start.min(child.range.start);
        item.range.end = item.range.end.max(child.range.end);
    }
}

/// A heading's words, without `#`, emphasis or footnote markers.
fn heading_text(text: &str) -> String {
    let line = text.trim().trim_start_matches('#').trim_end_matches('#');
    plain(line)
}

/// The first `n` words of `text` as plain text (with `…` when there are more), and the bytes of
/// `text` they take.
fn first_words(text: &str, n: usize) -> (String, usize) {
    let mut end = 0;
    let mut more = false;
    for (count, (start, word)) in words(text).enumerate() {
        if count == n {
            more = true;
            break;
        }
        end = start + word.len();
    }
    let mut words = plain(&text[..end])
        .trim_end_matches([',', ';', ':'])
        .to_owned();
    if more {
        words.push('…');
    }
    (words, end)
}

fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// `text` without emphasis, footnote markers and line breaks.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<sup>") {
            if let Some(end) = rest.find("</sup>") {
                rest = &rest[end + "</sup>".len()..];
                continue;
            }
        }
        if rest.starts_with("[^") {
            if let Some(end) = rest.find(']') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        rest = &rest[c.len_utf8()..];
        let after = rest.chars().next();
        let before = out.chars().last();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        match c {
            '*' => {}
            '_' if boundary(before) || boundary(after) => {}
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// What a folding region covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    /// A page: from its first block to its page break (the last page: to its last block).
    Page,
    /// The organ line and the preambular paragraphs.
    Preamble,
    /// The operative paragraphs.
    Operative,
    /// A run of footnote definitions.
    Footnotes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    pub kind: FoldKind,
    pub range: Range<usize>,
}

/// The folding regions of a draft, by start. None for a file that is not a draft.
pub fn folding_regions(doc: &Document, analysis: &Analysis) -> Vec<Fold> {
    let mut folds = Vec::new();
    if !analysis.is_draft {
        return folds;
    }
    let blocks = doc.blocks();
    let structure = &analysis.structure;
    let roles = &structure.roles;
    let in_footnotes =
        |i: usize| matches!(roles[i], Role::FootnoteDef | Role::FootnoteContinuation);

    if structure.has_page_breaks {
        let mut page: Option<(usize, usize)> = None; // first and last block of the page's text
        for (i, block) in blocks.iter().enumerate() {
            if roles[i] == Role::PageBreak {
                if let Some((first, _)) = page.take() {
                    folds.push(Fold {
                        kind: FoldKind::Page,
                        range: blocks[first].start..block.end(),
                    });
                }
            } else if !in_footnotes(i) {
                let first = page.map_or(i, |(first, _)| first);
                page = Some((first, i));
            }
        }
        if let Some((first, last)) = page {
            folds.push(Fold {
                kind: FoldKind::Page,
                range: blocks[first].start..blocks[last].end(),
            });
        }
    }

    for (kind, part) in [
        (FoldKind::Preamble, Part::Preamble),
        (FoldKind::Operative, Part::Operative),
    ] {
        let mut paragraphs = structure.paragraphs.iter().filter(|lp| lp.part == part);
        let Some(first) = paragraphs.next() else {
            continue;
        };
        let start = match (part, structure.organ) {
            (Part::Preamble, Some(organ)) => blocks[organ].start,
            _ => blocks[first.head()].start,
        };
        let end = std::iter::once(first)
            .chain(paragraphs)
            .map(|lp| blocks[lp.last()].end())
            .max()
            .unwrap_or(start);
        folds.push(Fold {
            kind,
            range: start..end,
        });
    }

    let mut run: Option<(usize, usize)> = None;
    for i in 0..=blocks.len() {
        if i < blocks.len() && in_footnotes(i) {
            run = Some((run.map_or(i, |(first, _)| first), i));
        } else if let Some((first, last)) = run.take() {
            folds.push(Fold {
                kind: FoldKind::Footnotes,
                range: blocks[first].start..blocks[last].end(),
            });
        }
    }

    // Editors keep folding regions nested: VS Code drops a region that crosses one before it. The
    // two parts and the footnote blocks are what a drafter folds; a page that crosses one of them
    // (the preamble running on past a page break) is left out rather than left to chance.
    let crosses = |a: &Range<usize>, b: &Range<usize>| {
        a.start < b.start && b.start < a.end && a.end < b.end
            || b.start < a.start && a.start < b.end && b.end < a.end
    };
    let kept: Vec<Range<usize>> = folds
        .iter()
        .filter(|f| f.kind != FoldKind::Page)
        .map(|f| f.range.clone())
        .collect();
    folds.retain(|f| f.kind != FoldKind::Page || !kept.iter().any(|k| crosses(&f.range, k)));
    folds.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    folds
}

#[cfg(test)]
mod tests {
    use super::super::tests::{analyse, REFERENCE};
    use super::*;

    fn names(items: &[OutlineItem]) -> Vec<&str> {
        items.iter().map(|i| i.name.as_str()).collect()
    }

    #[test]
    fn the_reference_drafts_outline() {
        let (doc, a) = analyse(REFERENCE);
        let o = outline(&doc, &a);
        let title = o.title.as_ref().unwrap();
        assert_eq!(title.name, "Resolution 21/3");
        assert!(title
            .detail
            .as_deref()
            .unwrap()
            .starts_with("Strengthening international cooperation"));
        assert_eq!(
            o.organ.as_ref().unwrap().name,
            "The Commission on Crime Prevention and Criminal Justice"
        );
        assert_eq!(
            names(&o.preamble),
            [
                "Emphasizing",
                "Taking into account",
                "Taking into account also",
                "Considering",
                "Recalling",
                "Emphasizing",
                "Recalling",
                "Taking into account",
                "Mindful",
                "Greatly concerned",
            ]
        );
        assert_eq!(
            o.preamble[0].detail.as_deref(),
            Some("that the Twelfth United Nations Congress…")
        );
        assert_eq!(&REFERENCE[o.preamble[0].selection.clone()], "*Emphasizing*");
        assert_eq!(
            names(&o.operative),
            [
                "1. Expresses",
                "2. Calls upon",
                "3. Also calls upon",
                "4. Encourages",
                "5. Invites"
            ]
        );
        assert_eq!(
            &REFERENCE[o.operative[1].selection.clone()],
            "2. *Calls upon*"
        );
        // Paragraph 4 runs on past the page break, to `drug trafficking;`.
        assert!(REFERENCE[o.operative[3].range.clone()].ends_with("drug trafficking;"));
        assert_eq!(o.footnotes.len(), 13);
        assert_eq!(
            o.footnotes[0].name,
            "1 Salvador Declaration on Comprehensive Strategies for…"
        );
        assert_eq!(o.footnotes[2].name, "3 Ibid., vol. 976, No. 14152.");
        assert_eq!(&REFERENCE[o.footnotes[2].selection.clone()], "<sup>3</sup>");
    }

    #[test]
    fn sub_paragraphs_and_sections_nest() {
        let text = "*The General Assembly*,\n\n*Recalling* it,\n\n1. *Decides*:\n\n(a) To act at once;\n\n(b) To report:\n\n(i) On this;\n\n(ii) On that;\n\n(c) To go on;\n\n**I**\n\n2. *Requests* more;\n\n3. *Invites* all.\n";
        let (doc, a) = analyse(text);
        let o = outline(&doc, &a);
        assert_eq!(names(&o.operative), ["1. Decides", "I"]);
        let one = &o.operative[0];
        assert_eq!(
            names(&one.children),
            ["(a) To act at once", "(b) To report", "(c) To go on"]
        );
        assert_eq!(
            names(&one.children[1].children),
            ["(i) On this", "(ii) On that"]
        );
        assert!(text[one.range.clone()].ends_with("(c) To go on;"));
        let section = &o.operative[1];
        assert_eq!(section.kind, ItemKind::Section);
        assert_eq!(names(&section.children), ["2. Requests", "3. Invites"]);
        assert!(text[section.range.clone()].ends_with("all."));
    }

    #[test]
    fn paragraphs_without_openers_are_named_by_their_first_words() {
        let text = "*The General Assembly*,\n\nRecalling its resolution 60/288 of *8 September* 2006,\n\n1. Decides to remain seized of the matter.\n";
        let (doc, a) = analyse(text);
        let o = outline(&doc, &a);
        assert_eq!(names(&o.preamble), ["Recalling its resolution 60/288 of…"]);
        assert_eq!(
            &text[o.preamble[0].selection.clone()],
            "Recalling its resolution 60/288 of"
        );
        assert_eq!(names(&o.operative), ["1. Decides to remain seized of…"]);
        let readme = "# Notes\n\nText.<sup>1</sup>\n\n<sup>1</sup> A note.\n";
        let (doc, a) = analyse(readme);
        assert_eq!(outline(&doc, &a), Outline::default());
        assert!(folding_regions(&doc, &a).is_empty());
    }

    #[test]
    fn the_reference_drafts_folds() {
        let (doc, a) = analyse(REFERENCE);
        let line = |offset: usize| doc.text().position(offset, crate::Encoding::Utf8).line;
        let folds: Vec<(FoldKind, usize, usize)> = folding_regions(&doc, &a)
            .iter()
            .map(|f| (f.kind, line(f.range.start), line(f.range.end)))
            .collect();
        // Every page of this draft crosses the preamble or the operative part: none is kept.
        assert_eq!(
            folds,
            [
                (FoldKind::Preamble, 6, 42),
                (FoldKind::Footnotes, 22, 32),
                (FoldKind::Operative, 44, 66),
                (FoldKind::Footnotes, 54, 62),
                (FoldKind::Footnotes, 70, 72),
            ]
        );
    }

    #[test]
    fn pages_that_nest_are_kept() {
        let text = "*The General Assembly*,\n\n*Recalling* its resolution 60/288,<sup>1</sup>\n\n---\n\n<sup>1</sup> A/73/334.\n\n1. *Decides* to act;\n\n2. *Requests* a report.\n";
        let (doc, a) = analyse(text);
        let kinds: Vec<FoldKind> = folding_regions(&doc, &a).iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [
                FoldKind::Page,
                FoldKind::Preamble,
                FoldKind::Footnotes,
                FoldKind::Page,
                FoldKind::Operative
            ]
        );
    }

    #[test]
    fn plain_text_of_markup() {
        assert_eq!(plain("**Resolution 21/3**"), "Resolution 21/3");
        assert_eq!(plain("*Ibid.*, vol.\n 976<sup>2</sup>"), "Ibid., vol. 976");
        assert_eq!(plain("_Recalling_ snake_case"), "Recalling snake_case");
        assert_eq!(first_words("a b c", 2), ("a b…".to_owned(), 3));
        assert_eq!(first_words("  ", 2), (String::new(), 0));
    }
}
