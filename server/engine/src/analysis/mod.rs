//! Document-wide analysis, recomputed after each edit from the blocks' summaries (never from the
//! text): whether the file is a draft, its language, the role of each block (preamble, operative
//! part, continuation, footnote block …), the footnote index and the Ibid. chains.

mod footnotes;
mod ibid;
pub mod incremental;
pub mod restructure;
mod structure;

pub use footnotes::{Cites, DefSite, FootnoteIndex, RefSite};
pub use ibid::{IbidChains, IbidLink, IbidStatus};
/// The blocks of a paragraph, the definitions of a footnote: nearly always one, kept without an
/// allocation until there are two (an allocation per paragraph was a good share of an analysis).
pub type Indexes = smallvec::SmallVec<[usize; 1]>;
pub use structure::{LogicalParagraph, OutsideCode, Part, Rewalked, Role, Structure};

use std::ops::Range;

use crate::config::{Config, DraftMode, Suppressions};
use crate::document::Document;
use crate::lang::{Language, PhraseBook};
use crate::syntax::{Block, BlockKind, Directive, Tally};

/// Everything the rules need to know about a draft beyond single blocks.
#[derive(Debug)]
pub struct Analysis {
    pub is_draft: bool,
    pub language: Language,
    /// The opener rules apply (the language italicizes openers, or a setting says so).
    pub checks_openers: bool,
    pub phrases: PhraseBook,
    pub structure: Structure,
    pub footnotes: FootnoteIndex,
    pub ibid: IbidChains,
    pub suppressions: Suppressions,
}

impl Analysis {
    /// Analyses `doc`; `path` (when known) is matched against the draft globs.
    pub fn new(doc: &Document, config: &Config, path: Option<&str>) -> Analysis {
        Analysis::make(doc, config, path, true)
    }

    /// As [`Analysis::new`], for one check that no edit will follow: the structure walk's
    /// checkpoints (which only [`Structure::follow`] reads) are dropped before the Ibid. chains
    /// and the rules' lists are made (0.7 MB of a 10 MB draft's check, at its peak).
    pub(crate) fn once(doc: &Document, config: &Config, path: Option<&str>) -> Analysis {
        Analysis::make(doc, config, path, false)
    }

    fn make(doc: &Document, config: &Config, path: Option<&str>, followed: bool) -> Analysis {
        let blocks = doc.blocks();
        let survey = Survey::new(blocks, doc.tally(), doc.text().len());
        let in_code = &survey.in_code;
        let directives = survey.with_directives.iter().flat_map(|&i| {
            let b = &blocks[i];
            let next = next_paragraph(blocks, i);
            b.directives.iter().map(move |d| {
                let absolute = Directive {
                    range: b.abs(&d.range),
                    ..d.clone()
                };
                (absolute, next.clone())
            })
        });
        let suppressions = Suppressions::new(directives);
        let organ =
            structure::find_organ_line(doc.text(), blocks, in_code, &config.extra_operative);
        let is_draft = match config.draft {
            DraftMode::Always => true,
            DraftMode::Never => false,
            DraftMode::Auto => {
                organ.is_some()
                    || suppressions.marks_draft
                    || path.is_some_and(|p| config.matches_draft_glob(p))
            }
        };
        let organ_language = organ.and_then(|i| {
            blocks[i]
                .paragraph()?
                .organ
                .as_ref()
                .map(|o| Language::of_organ(&o.name))
        });
        let language = suppressions
            .language
            .or(config.language)
            .or(organ_language)
            .unwrap_or_default();
        let checks_openers = config.italic_openers.apply_to(language);
        let phrases = PhraseBook::new(language, &config.extra_preambular, &config.extra_operative);
        let mut footnotes = FootnoteIndex::with_capacity(survey.refs, survey.defs);
        let mut structure = Structure::new(
            doc,
            in_code,
            OutsideCode {
                page_breaks: survey.page_breaks,
                footnote_defs: survey.defs,
            },
            organ,
            is_draft,
            &phrases,
            |i, block, role, page| footnotes.add_block(i, block, role, page),
        );
        if !followed {
            structure.checkpoints = Vec::new();
        }
        let ibid = IbidChains::new(&footnotes);
        Analysis {
            is_draft,
            language,
            checks_openers,
            phrases,
            structure,
            footnotes,
            ibid,
            suppressions,
        }
    }
}

/// What the analysis needs to know of all the blocks before walking their structure: from the
/// document's tally when no code fence can hide blocks from the analysis, else gathered in one pass
/// (in a large draft each pass reads tens of megabytes of blocks from memory again).
struct Survey {
    /// Which blocks are inside fenced code (the fence lines included).
    in_code: Vec<bool>,
    /// The blocks outside code with suppression comments.
    with_directives: Vec<usize>,
    /// Footnote references and definitions outside code, to size the footnote index.
    refs: usize,
    defs: usize,
    /// Page breaks outside code.
    page_breaks: usize,
}

impl Survey {
    fn new(blocks: &[Block], tally: &Tally, text_len: usize) -> Survey {
        if tally.fences > 0 {
            return Survey::walk(blocks);
        }
        let with_directives = if tally.with_directives > 0 {
            let with = |(i, b): (usize, &Block)| (!b.directives.is_empty()).then_some(i);
            blocks.iter().enumerate().filter_map(with).collect()
        } else {
            Vec::new()
        };
        Survey {
            in_code: vec![false; blocks.len()],
            with_directives,
            // Capacities only; bounded by the text all the same (a reference takes at least two
            // bytes, a number and a comma in `<sup>1,2,3</sup>`).
            refs: tally.refs.min(text_len / 2),
            defs: tally.defs.min(blocks.len()),
            page_breaks: tally.page_breaks,
        }
    }

    fn walk(blocks: &[Block]) -> Survey {
        let mut survey = Survey {
            in_code: Vec::with_capacity(blocks.len()),
            with_directives: Vec::new(),
            refs: 0,
            defs: 0,
            page_breaks: 0,
        };
        let mut inside = false;
        for (i, b) in blocks.iter().enumerate() {
            if matches!(b.kind, BlockKind::Fence) {
                inside = !inside;
                survey.in_code.push(true);
                continue;
            }
            survey.in_code.push(inside);
            if inside {
                continue;
            }
            if !b.directives.is_empty() {
                survey.with_directives.push(i);
            }
            survey.refs += b.refs.len();
            match &b.kind {
                BlockKind::FootnoteDef(_) => survey.defs += 1,
                BlockKind::PageBreak => survey.page_breaks += 1,
                _ => {}
            }
        }
        survey
    }
}

/// The range of the first paragraph, heading or definition after block `i`.
fn next_paragraph(blocks: &[Block], i: usize) -> Option<Range<usize>> {
    blocks[i + 1..]
        .iter()
        .find(|b| !matches!(b.kind, BlockKind::Comment | BlockKind::PageBreak))
        .map(Block::range)
}
