//! Queries for navigation: what stands at an offset (a footnote marker, a definition, an Ibid., an
//! opener), where a footnote is referenced and defined, the outline of a draft and its folding
//! regions, and renaming a footnote. Protocol-free: byte offsets in, byte ranges and plain types
//! out; the server converts positions at its edge.

mod hover;
mod outline;
mod rename;

pub use hover::{hover, HoverText};
pub use outline::{folding_regions, outline, Fold, FoldKind, ItemKind, Outline, OutlineItem};
pub use rename::{rename_footnote, RenameError};

use std::ops::Range;

use crate::analysis::{Analysis, IbidStatus, Part, RefSite, Role};
use crate::document::Document;
use crate::lang::OpenerKind;
use crate::syntax::{Block, FootnoteKey, MarkerSyntax};

/// What stands at an offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A footnote reference in the text (or in another footnote).
    Reference(ReferenceAt),
    /// The marker that starts a footnote definition.
    Definition(DefinitionAt),
    /// The Ibid. word at the start of a footnote.
    Ibid(IbidAt),
    /// The italic run a preambular or operative paragraph starts with.
    Opener(OpenerAt),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceAt {
    pub key: FootnoteKey,
    pub syntax: MarkerSyntax,
    /// The number or label (absolute).
    pub label_range: Range<usize>,
    /// The whole marker, shared by the numbers of `<sup>6,7</sup>` (absolute).
    pub marker_range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionAt {
    pub key: FootnoteKey,
    pub syntax: MarkerSyntax,
    /// The definition's block.
    pub block: usize,
    /// The number or label being defined (absolute).
    pub label_range: Range<usize>,
    /// `<sup>N</sup>` or `[^label]:` (absolute).
    pub marker_range: Range<usize>,
    /// How many references the footnote has.
    pub references: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IbidAt {
    /// The footnote the Ibid. stands in.
    pub key: FootnoteKey,
    /// Its definition's block.
    pub block: usize,
    /// The Ibid. word with its emphasis and full stop (absolute).
    pub token_range: Range<usize>,
    pub resolution: IbidResolution,
    /// The Ibid. footnotes between the head of the chain and this one, nearest first.
    pub via: Vec<FootnoteKey>,
}

/// What an Ibid. resolves to. `key`, `block` and `text` name the head of its chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IbidResolution {
    /// The full citation that heads the chain.
    Source {
        key: FootnoteKey,
        block: usize,
        text: String,
    },
    /// The first footnote in reading order: nothing comes before it.
    NoAntecedent,
    /// The chain hangs on a note, which cites nothing.
    AfterNote {
        key: FootnoteKey,
        block: usize,
        text: String,
    },
    /// The chain hangs on a footnote that cites several works.
    AfterMultiple {
        key: FootnoteKey,
        block: usize,
        text: String,
    },
    /// The footnote before it in reading order is referenced but never defined.
    AfterUndefined { key: FootnoteKey },
    /// The footnote is never referenced, so it has no place in the reading order.
    Unreferenced,
    /// A second definition of the footnote: only the first one counts.
    Duplicate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenerAt {
    /// Between the emphasis delimiters.
    pub text: String,
    /// From the opening delimiter through the closing one (absolute).
    pub range: Range<usize>,
    /// Which phrase list has it; `None` when none does.
    pub kind: Option<OpenerKind>,
    pub part: Part,
    /// The logical paragraph.
    pub paragraph: usize,
    /// The operative paragraph's number.
    pub number: Option<u32>,
    /// The sub-paragraph's label (`a`, `iv`).
    pub sub_label: Option<String>,
}

/// What stands at `offset` (clamped into the text). An offset just past a marker or an opener
/// still counts as on it, as an editor's cursor after a word does.
pub fn at(doc: &Document, analysis: &Analysis, offset: usize) -> Option<Target> {
    let offset = doc.text().clamp_offset(offset);
    let blocks = doc.blocks();
    let i = blocks.partition_point(|b| b.end() < offset);
    let block = blocks.get(i).filter(|b| b.start <= offset)?;
    let role = *analysis.structure.roles.get(i)?;
    if role == Role::Code {
        return None;
    }
    if let Some(def) = block.footnote_def() {
        let marker = block.abs(&def.marker_range);
        if touches(&marker, offset) {
            return Some(Target::Definition(DefinitionAt {
                key: def.key.clone(),
                syntax: def.syntax,
                block: i,
                label_range: block.abs(&def.label_range),
                marker_range: marker,
                references: reference_count(analysis, &def.key),
            }));
        }
    }
    let refs: Vec<&RefSite> = analysis
        .footnotes
        .refs
        .iter()
        .filter(|r| r.block == i)
        .collect();
    let on_ref = refs
        .iter()
        .find(|r| touches(&r.label_range, offset))
        .or_else(|| refs.iter().find(|r| r.marker_range.contains(&offset)))
        .or_else(|| refs.iter().find(|r| r.marker_range.end == offset));
    if let Some(r) = on_ref {
        return Some(Target::Reference(ReferenceAt {
            key: r.key.clone(),
            syntax: r.syntax,
            label_range: r.label_range.clone(),
            marker_range: r.marker_range.clone(),
        }));
    }
    if let Some(def) = block.footnote_def() {
        if let Some(token) = def.body.ibid() {
            let token_range = block.abs(&token.range);
            if touches(&token_range, offset) {
                return Some(Target::Ibid(ibid_at(doc, analysis, i, token_range)));
            }
        }
    }
    if let Role::Paragraph(n) = role {
        let p = block.paragraph()?;
        let run = p.opener.as_ref()?;
        let range = block.abs(&run.range);
        if touches(&range, offset) {
            let phrases = &analysis.phrases;
            return Some(Target::Opener(OpenerAt {
                text: run.text.trim().to_owned(),
                range,
                kind: phrases.classify(&run.text),
                part: analysis.structure.paragraphs[n as usize].part,
                paragraph: n as usize,
                number: p.number.as_ref().map(|num| num.value),
                sub_label: p.sub_label.as_ref().map(|s| s.label.clone()),
            }));
        }
    }
    None
}

fn touches(range: &Range<usize>, offset: usize) -> bool {
    range.start <= offset && offset <= range.end
}

/// How many times footnote `key` is referenced.
pub fn reference_count(analysis: &Analysis, key: &FootnoteKey) -> usize {
    analysis
        .footnotes
        .refs
        .iter()
        .filter(|r| &r.key == key)
        .count()
}

/// Where a footnote appears: every reference, and every definition, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FootnoteSites {
    /// Each reference: the whole marker when it holds this footnote alone, else the number.
    pub references: Vec<Range<usize>>,
    /// The number or label of each reference, what a rename changes.
    pub reference_labels: Vec<Range<usize>>,
    /// Each definition's marker (`<sup>N</sup>`, `[^label]:`).
    pub definitions: Vec<Range<usize>>,
    /// The number or label of each definition.
    pub definition_labels: Vec<Range<usize>>,
}

/// The references and definitions of footnote `key`.
pub fn footnote_sites(doc: &Document, analysis: &Analysis, key: &FootnoteKey) -> FootnoteSites {
    let index = &analysis.footnotes;
    let mut sites = FootnoteSites::default();
    for r in index.refs.iter().filter(|r| &r.key == key) {
        let shared = index
            .refs
            .iter()
            .any(|o| o.marker_range == r.marker_range && o.label_range != r.label_range);
        sites.references.push(if shared {
            r.label_range.clone()
        } else {
            r.marker_range.clone()
        });
        sites.reference_labels.push(r.label_range.clone());
    }
    for def in index.defs.iter().filter(|d| &d.key == key) {
        let block = &doc.blocks()[def.block];
        if let Some(d) = block.footnote_def() {
            sites.definitions.push(block.abs(&d.marker_range));
            sites.definition_labels.push(block.abs(&d.label_range));
        }
    }
    sites
}

/// The text of footnote `key` (its first definition), with the paragraphs that continue it.
pub fn footnote_text(doc: &Document, analysis: &Analysis, key: &FootnoteKey) -> Option<String> {
    let def = analysis.footnotes.definition(key)?;
    definition_text(doc, analysis, def.block)
}

/// The body of the definition in block `i`, with the paragraphs that continue it (an indented
/// `[^x]:` paragraph, a footnote run on past a page break), joined by blank lines.
pub fn definition_text(doc: &Document, analysis: &Analysis, i: usize) -> Option<String> {
    let blocks = doc.blocks();
    let block = blocks.get(i)?;
    let def = block.footnote_def()?;
    let mut parts = vec![doc.text().slice(block.abs(&def.body.range))];
    let roles = &analysis.structure.roles;
    for (j, next) in blocks.iter().enumerate().skip(i + 1) {
        if roles.get(j) != Some(&Role::FootnoteContinuation) {
            break;
        }
        parts.push(doc.block_text(next).trim().to_owned());
    }
    Some(parts.join("\n\n"))
}

/// The Ibid. of the footnote defined in block `i`, if it is one.
pub fn ibid_of(doc: &Document, analysis: &Analysis, i: usize) -> Option<IbidAt> {
    let block = doc.blocks().get(i)?;
    let token = block.footnote_def()?.body.ibid()?;
    Some(ibid_at(doc, analysis, i, block.abs(&token.range)))
}

fn ibid_at(doc: &Document, analysis: &Analysis, i: usize, token_range: Range<usize>) -> IbidAt {
    let blocks = doc.blocks();
    let key = blocks[i]
        .footnote_def()
        .map(|d| d.key.clone())
        .unwrap_or(FootnoteKey::Number(0));
    let chains = &analysis.ibid;
    let head = |block: usize| {
        let key = key_of(blocks, block);
        let text = definition_text(doc, analysis, block).unwrap_or_default();
        (key, block, text)
    };
    let Some(link) = chains.link_of(i) else {
        let resolution = if analysis.footnotes.is_referenced(&key)
            && analysis.footnotes.definition(&key).map(|d| d.block) != Some(i)
        {
            IbidResolution::Duplicate
        } else {
            IbidResolution::Unreferenced
        };
        return IbidAt {
            key,
            block: i,
            token_range,
            resolution,
            via: Vec::new(),
        };
    };
    let resolution = match link.status {
        IbidStatus::Resolved { source } => {
            let (key, block, text) = head(source);
            IbidResolution::Source { key, block, text }
        }
        IbidStatus::NoAntecedent => IbidResolution::NoAntecedent,
        IbidStatus::AfterNote { note } => {
            let (key, block, text) = head(note);
            IbidResolution::AfterNote { key, block, text }
        }
        IbidStatus::AfterMultiple { source } => {
            let (key, block, text) = head(source);
            IbidResolution::AfterMultiple { key, block, text }
        }
        IbidStatus::AfterUndefined { ref key } => {
            IbidResolution::AfterUndefined { key: key.clone() }
        }
    };
    let position = chains.position_of(i);
    let via = position
        .map(|p| {
            chains.order[..p]
                .iter()
                .rev()
                .take_while(|(_, b)| is_ibid(&blocks[*b]))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    IbidAt {
        key,
        block: i,
        token_range,
        resolution,
        via,
    }
}

/// An Ibid. that stands for a full citation, for an editor to show which one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IbidSource {
    /// The footnote the Ibid. stands in.
    pub key: FootnoteKey,
    /// Just past the Ibid. word, its emphasis and full stop (absolute).
    pub after: usize,
    /// The footnote of the full citation it stands for, the head of its chain.
    pub source: FootnoteKey,
    /// That footnote's text.
    pub source_text: String,
}

/// The Ibid. footnotes of a draft whose word ends within `range` (byte offsets), in document
/// order, each with the citation it stands for. An Ibid. that stands for nothing certain (no
/// antecedent, after a note or a footnote citing several works) is left out: its diagnostic
/// says why. A file that is not a draft has none.
pub fn ibid_sources(doc: &Document, analysis: &Analysis, range: Range<usize>) -> Vec<IbidSource> {
    if !analysis.is_draft {
        return Vec::new();
    }
    let blocks = doc.blocks();
    let first = blocks.partition_point(|b| b.end() < range.start);
    let mut found = Vec::new();
    for (i, block) in blocks.iter().enumerate().skip(first) {
        if block.start > range.end {
            break;
        }
        if analysis.structure.roles.get(i) != Some(&Role::FootnoteDef) {
            continue;
        }
        let Some(token) = block.footnote_def().and_then(|d| d.body.ibid()) else {
            continue;
        };
        let after = block.abs(&token.range).end;
        if !(range.start <= after && after <= range.end) {
            continue;
        }
        let ibid = ibid_at(doc, analysis, i, block.abs(&token.range));
        if let IbidResolution::Source { key, text, .. } = ibid.resolution {
            found.push(IbidSource {
                key: ibid.key,
                after,
                source: key,
                source_text: text,
            });
        }
    }
    found
}

fn key_of(blocks: &[Block], i: usize) -> FootnoteKey {
    blocks[i]
        .footnote_def()
        .map(|d| d.key.clone())
        .unwrap_or(FootnoteKey::Number(0))
}

fn is_ibid(block: &Block) -> bool {
    block
        .footnote_def()
        .is_some_and(|d| d.body.ibid().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    pub(super) const REFERENCE: &str =
        include_str!("../../../../tests/fixtures/drafts/ccpcj-21-3.md");

    pub(super) fn analyse(text: &str) -> (Document, Analysis) {
        let doc = Document::new(text);
        let analysis = Analysis::new(&doc, &Config::default(), None);
        (doc, analysis)
    }

    /// The offset of `needle`'s `nth` occurrence plus `plus`.
    pub(super) fn offset(text: &str, needle: &str, nth: usize, plus: usize) -> usize {
        text.match_indices(needle).nth(nth).expect(needle).0 + plus
    }

    #[test]
    fn a_reference_in_the_text() {
        let (doc, a) = analyse(REFERENCE);
        let at_seven = offset(REFERENCE, "<sup>7</sup>", 0, 5);
        let Some(Target::Reference(r)) = at(&doc, &a, at_seven) else {
            panic!("a reference at {at_seven}");
        };
        assert_eq!(r.key, FootnoteKey::Number(7));
        assert_eq!(&REFERENCE[r.label_range.clone()], "7");
        assert_eq!(&REFERENCE[r.marker_range.clone()], "<sup>7</sup>");
        // On `<sup>` and just past `</sup>` too.
        let start = r.marker_range.start;
        assert_eq!(at(&doc, &a, start), Some(Target::Reference(r.clone())));
        assert_eq!(
            at(&doc, &a, r.marker_range.end),
            Some(Target::Reference(r.clone()))
        );
        assert_eq!(
            footnote_text(&doc, &a, &r.key).unwrap(),
            "See *Official Records of the Economic and Social Council, 2009, Supplement No. 8* (E/2009/28), chap. I, sect. C."
        );
    }

    #[test]
    fn shared_markers_pick_the_number_under_the_cursor() {
        let text = "*The General Assembly*,\n\n*Recalling* a,<sup>1,2</sup>\n\n---\n\n<sup>1</sup> One.\n\n<sup>2</sup> Two.\n";
        let (doc, a) = analyse(text);
        let two = offset(text, "2</sup>", 0, 0);
        let Some(Target::Reference(r)) = at(&doc, &a, two) else {
            panic!()
        };
        assert_eq!(r.key, FootnoteKey::Number(2));
        let Some(Target::Reference(r)) = at(&doc, &a, offset(text, "<sup>1,", 0, 1)) else {
            panic!()
        };
        assert_eq!(r.key, FootnoteKey::Number(1));
        let sites = footnote_sites(&doc, &a, &FootnoteKey::Number(2));
        assert_eq!(sites.references, vec![two..two + 1], "the number alone");
        assert_eq!(
            &text[sites.definitions[0].clone()],
            "<sup>2</sup>",
            "the definition marker"
        );
    }

    #[test]
    fn a_definition_marker_counts_its_references() {
        let text = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b<sup>1</sup>\n\n---\n\n<sup>1</sup> One.\n";
        let (doc, a) = analyse(text);
        let def = offset(text, "<sup>1</sup> One", 0, 6);
        let Some(Target::Definition(d)) = at(&doc, &a, def) else {
            panic!()
        };
        assert_eq!(d.references, 2);
        assert_eq!(&text[d.marker_range.clone()], "<sup>1</sup>");
        assert_eq!(&text[d.label_range.clone()], "1");
        let sites = footnote_sites(&doc, &a, &d.key);
        assert_eq!(sites.references.len(), 2);
        assert_eq!(sites.definitions, vec![d.marker_range.clone()]);
        // Between the marker and the body's first word: nothing.
        assert_eq!(at(&doc, &a, def + 7), None);
    }

    #[test]
    fn an_ibid_resolves_to_the_head_of_its_chain() {
        let (doc, a) = analyse(REFERENCE);
        let twelve = offset(REFERENCE, "<sup>12</sup> Ibid.", 0, 15);
        let Some(Target::Ibid(ibid)) = at(&doc, &a, twelve) else {
            panic!()
        };
        assert_eq!(ibid.key, FootnoteKey::Number(12));
        assert_eq!(&REFERENCE[ibid.token_range.clone()], "Ibid.");
        assert_eq!(
            ibid.resolution,
            IbidResolution::Source {
                key: FootnoteKey::Number(9),
                block: a
                    .footnotes
                    .definition(&FootnoteKey::Number(9))
                    .unwrap()
                    .block,
                text: "United Nations, *Treaty Series*, vol. 2225, No. 39574.".to_owned(),
            }
        );
        assert_eq!(
            ibid.via,
            vec![FootnoteKey::Number(11), FootnoteKey::Number(10)]
        );
        // Footnote 3 follows 2 directly.
        let three = offset(REFERENCE, "<sup>3</sup> *Ibid.*", 0, 14);
        let Some(Target::Ibid(ibid)) = at(&doc, &a, three) else {
            panic!()
        };
        assert!(
            matches!(&ibid.resolution, IbidResolution::Source { key, .. } if *key == FootnoteKey::Number(2))
        );
        assert!(ibid.via.is_empty());
    }

    #[test]
    fn broken_chains_say_why() {
        let text = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c<sup>3</sup>\n\n---\n\n<sup>1</sup> *Ibid.*\n\n<sup>2</sup> Some countries have a point of their own.\n\n<sup>3</sup> *Ibid.*\n\n<sup>4</sup> *Ibid.*\n";
        let (doc, a) = analyse(text);
        let ibid_in = |n: usize| {
            let at_token = offset(text, "*Ibid.*", n, 1);
            match at(&doc, &a, at_token) {
                Some(Target::Ibid(ibid)) => ibid.resolution,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(ibid_in(0), IbidResolution::NoAntecedent);
        assert!(
            matches!(ibid_in(1), IbidResolution::AfterNote { key, text, .. } if key == FootnoteKey::Number(2) && text == "Some countries have a point of their own.")
        );
        assert_eq!(ibid_in(2), IbidResolution::Unreferenced);
    }

    #[test]
    fn ibid_sources_name_the_head_of_each_chain() {
        let (doc, a) = analyse(REFERENCE);
        let all = ibid_sources(&doc, &a, 0..REFERENCE.len());
        let found: Vec<(String, String, String)> = all
            .iter()
            .map(|s| {
                let line_start = REFERENCE[..s.after].rfind('\n').map_or(0, |i| i + 1);
                (
                    s.key.to_string(),
                    REFERENCE[line_start..s.after].to_owned(),
                    s.source.to_string(),
                )
            })
            .collect();
        let expected = [
            ("3", "<sup>3</sup> *Ibid.*", "2"),
            ("4", "<sup>4</sup> *Ibid.*", "2"),
            ("5", "<sup>5</sup> *Ibid.*", "2"),
            ("10", "<sup>10</sup> *Ibid.*", "9"),
            ("11", "<sup>11</sup> *Ibid.*", "9"),
            ("12", "<sup>12</sup> Ibid.", "9"),
            ("13", "<sup>13</sup> Ibid.", "9"),
        ]
        .map(|(k, l, s)| (k.to_owned(), l.to_owned(), s.to_owned()));
        assert_eq!(found, expected);
        assert_eq!(
            all[0].source_text,
            "United Nations, *Treaty Series*, vol. 2225, 2237, 2241 and 2326, No. 39574."
        );
        // Only those whose word ends in the range, its ends included.
        let ten = all[3].after;
        let some = ibid_sources(&doc, &a, ten..all[5].after);
        let keys: Vec<String> = some.iter().map(|s| s.key.to_string()).collect();
        assert_eq!(keys, ["10", "11", "12"]);
        assert_eq!(ibid_sources(&doc, &a, 0..ten - 1).len(), 3);
    }

    #[test]
    fn ibid_sources_leave_out_what_stands_for_nothing() {
        let text = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c<sup>3</sup>\n\n---\n\n<sup>1</sup> *Ibid.*\n\n<sup>2</sup> Some countries have a point of their own.\n\n<sup>3</sup> *Ibid.*\n";
        let (doc, a) = analyse(text);
        assert_eq!(ibid_sources(&doc, &a, 0..text.len()), Vec::new());
        let readme = "# Notes\n\nA claim.<sup>1</sup> Another.<sup>2</sup>\n\n<sup>1</sup> A/73/334.\n\n<sup>2</sup> Ibid.\n";
        let (doc, a) = analyse(readme);
        assert_eq!(ibid_sources(&doc, &a, 0..readme.len()), Vec::new());
    }

    #[test]
    fn openers_with_their_kind_and_part() {
        let (doc, a) = analyse(REFERENCE);
        let mindful = offset(REFERENCE, "*Mindful*", 0, 3);
        let Some(Target::Opener(o)) = at(&doc, &a, mindful) else {
            panic!()
        };
        assert_eq!(o.text, "Mindful");
        assert_eq!(o.kind, Some(OpenerKind::Preambular));
        assert_eq!(o.part, Part::Preamble);
        assert_eq!(o.number, None);
        let calls = offset(REFERENCE, "*Also calls upon*", 0, 0);
        let Some(Target::Opener(o)) = at(&doc, &a, calls) else {
            panic!()
        };
        assert_eq!(o.text, "Also calls upon");
        assert_eq!(o.kind, Some(OpenerKind::Operative));
        assert_eq!(o.part, Part::Operative);
        assert_eq!(o.number, Some(3));
        // The organ line and italics inside a paragraph are no openers.
        assert_eq!(
            at(&doc, &a, offset(REFERENCE, "*The Commission", 0, 2)),
            None
        );
        assert_eq!(
            at(&doc, &a, offset(REFERENCE, "*Treaty Series*", 0, 2)),
            None
        );
    }

    #[test]
    fn unknown_openers_and_non_drafts() {
        let text =
            "*The General Assembly*,\n\n*Recaling* its resolution,\n\n1. *Decides* to act.\n";
        let (doc, a) = analyse(text);
        let Some(Target::Opener(o)) = at(&doc, &a, 27) else {
            panic!()
        };
        assert_eq!(o.kind, None);
        let readme = "# Notes\n\n*Recalling* is a word.<sup>1</sup>\n\n<sup>1</sup> A note.\n";
        let (doc, a) = analyse(readme);
        assert_eq!(at(&doc, &a, offset(readme, "Recalling", 0, 0)), None);
        assert!(matches!(
            at(&doc, &a, offset(readme, "1</sup>", 0, 0)),
            Some(Target::Reference(_))
        ));
    }

    #[test]
    fn caret_footnotes_and_code() {
        let text = "*The General Assembly*,\n\n*Recalling* a,[^note]\n\n[^note]: A note\n    that runs on.\n\n```\n<sup>1</sup>\n```\n";
        let (doc, a) = analyse(text);
        let Some(Target::Reference(r)) = at(&doc, &a, offset(text, "[^note]", 0, 3)) else {
            panic!()
        };
        assert_eq!(r.key, FootnoteKey::Label("note".into()));
        assert!(matches!(
            at(&doc, &a, offset(text, "[^note]:", 0, 1)),
            Some(Target::Definition(_))
        ));
        assert_eq!(at(&doc, &a, offset(text, "<sup>1", 0, 5)), None);
        assert_eq!(at(&doc, &a, text.len() + 40), None, "clamped past the end");
    }

    #[test]
    fn every_offset_of_odd_texts_answers() {
        let crlf = REFERENCE.replace('\n', "\r\n");
        let texts = [
            "",
            "<sup>",
            "[^",
            "*",
            "---\n\n<sup>1</sup> *Ibid.*",
            "*The General Assembly*,\n\n*Recalling* 🎉,<sup>1,1</sup>[^é]\n\n(i) x\n\n1. *Decides*\n\n[^é]: *Ibid.*\n",
            "# T\n\n## U\n\n*The General Assembly*,\n\n**I**\n\n(a) *Recalling*\n\n---\n---\n",
            REFERENCE,
            &crlf,
        ];
        for text in texts {
            let (doc, a) = analyse(text);
            for offset in 0..=text.len() + 1 {
                let key = match at(&doc, &a, offset) {
                    Some(Target::Reference(r)) => r.key,
                    Some(Target::Definition(d)) => d.key,
                    _ => continue,
                };
                let _ = footnote_sites(&doc, &a, &key);
                let _ = footnote_text(&doc, &a, &key);
                let _ = rename_footnote(&doc, &a, &key, "7");
            }
            let _ = outline::outline(&doc, &a);
            let _ = outline::folding_regions(&doc, &a);
        }
    }
}
