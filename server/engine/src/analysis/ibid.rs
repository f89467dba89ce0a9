//! Ibid. chains: what each Ibid. refers to, following the footnotes in reading order.

use super::footnotes::FootnoteIndex;
use crate::syntax::{Block, CitationKind, FootnoteKey};
use rustc_hash::FxHashMap;

/// What an Ibid. footnote resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IbidStatus {
    /// The source is the full citation in block `source`.
    Resolved { source: usize },
    /// Ibid. in the first footnote: nothing comes before it.
    NoAntecedent,
    /// The chain hangs on the note in block `note`, which cites nothing.
    AfterNote { note: usize },
    /// The chain hangs on the footnote in block `source`, which cites several works.
    AfterMultiple { source: usize },
}

/// An Ibid. footnote in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IbidLink {
    pub key: FootnoteKey,
    /// The definition's block.
    pub block: usize,
    /// The footnote just before it in reading order (its definition's block).
    pub previous: Option<usize>,
    pub status: IbidStatus,
}

#[derive(Debug, Default)]
pub struct IbidChains {
    pub links: Vec<IbidLink>,
    /// The defined footnotes in reading order, as (key, definition block).
    pub order: Vec<(FootnoteKey, usize)>,
    /// Definition block -> index in `order`.
    positions: FxHashMap<usize, usize>,
    /// Definition block -> index in `links`.
    link_index: FxHashMap<usize, usize>,
}

impl IbidChains {
    pub fn new(blocks: &[Block], footnotes: &FootnoteIndex) -> IbidChains {
        let mut chains = IbidChains {
            order: Vec::with_capacity(footnotes.reading_order.len()),
            ..IbidChains::default()
        };
        let mut previous: Option<(usize, IbidStatus)> = None; // block and what it stands for
        for key in &footnotes.reading_order {
            let Some(def) = footnotes.definition(key) else {
                continue;
            };
            let Some(body) = blocks[def.block].footnote_def().map(|d| &d.body) else {
                continue;
            };
            chains.order.push((key.clone(), def.block));
            let stands_for = match &body.kind {
                CitationKind::Ibid(_) => {
                    let status = match &previous {
                        None => IbidStatus::NoAntecedent,
                        Some((_, status)) => status.clone(),
                    };
                    chains.links.push(IbidLink {
                        key: key.clone(),
                        block: def.block,
                        previous: previous.as_ref().map(|(b, _)| *b),
                        status: status.clone(),
                    });
                    status
                }
                CitationKind::Citation { multiple: false } => {
                    IbidStatus::Resolved { source: def.block }
                }
                CitationKind::Citation { multiple: true } => {
                    IbidStatus::AfterMultiple { source: def.block }
                }
                CitationKind::Note => IbidStatus::AfterNote { note: def.block },
            };
            previous = Some((def.block, stands_for));
        }
        chains.positions = chains
            .order
            .iter()
            .enumerate()
            .map(|(i, (_, block))| (*block, i))
            .collect();
        chains.link_index = chains
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| (l.block, i))
            .collect();
        chains
    }

    /// Where the footnote defined in `block` stands in reading order.
    pub fn position_of(&self, block: usize) -> Option<usize> {
        self.positions.get(&block).copied()
    }

    /// The Ibid. link of the footnote defined in `block`, if it is an Ibid.
    pub fn link_of(&self, block: usize) -> Option<&IbidLink> {
        self.link_index.get(&block).map(|&i| &self.links[i])
    }
}
