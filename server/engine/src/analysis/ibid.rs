//! Ibid. chains: what each Ibid. refers to, following the footnotes in reading order.

use super::footnotes::{Cites, FootnoteIndex};
use crate::syntax::FootnoteKey;

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
    /// The footnote before it in reading order is referenced but never defined: what the Ibid.
    /// stands for is unknown until it is (`footnote-undefined` reports that, and nothing is
    /// reported of the chain).
    AfterUndefined { key: FootnoteKey },
}

/// An Ibid. footnote in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IbidLink {
    pub key: FootnoteKey,
    /// The definition's block.
    pub block: usize,
    /// The footnote just before it in reading order (its definition's block; `None` when it is
    /// the first, or the one before is undefined).
    pub previous: Option<usize>,
    pub status: IbidStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IbidChains {
    pub links: Vec<IbidLink>,
    /// The defined footnotes in reading order, as (key, definition block).
    pub order: Vec<(FootnoteKey, usize)>,
    /// The definition blocks of `order` in document order, each with its index in `order` and
    /// (or `NO_LINK`) in `links`: searched by halving, where hash maps keyed by block missed the
    /// cache at nearly every lookup in a large draft; rules look blocks up in about document
    /// order, so consecutive searches share their path.
    by_block: Vec<BlockEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct BlockEntry {
    block: usize,
    position: u32,
    link: u32,
}

const NO_LINK: u32 = u32::MAX;

impl IbidChains {
    pub fn new(footnotes: &FootnoteIndex) -> IbidChains {
        // At most a link per Ibid. definition: sized once rather than grown by doubling, which
        // left up to half of it empty at the check's peak.
        let ibids = footnotes
            .defs
            .iter()
            .filter(|d| d.cites == Cites::Ibid)
            .count();
        let mut chains = IbidChains {
            order: Vec::with_capacity(footnotes.reading_order.len()),
            links: Vec::with_capacity(ibids),
            ..IbidChains::default()
        };
        // The previous footnote's definition block (none when it is undefined) and what it stands
        // for.
        let mut previous: Option<(Option<usize>, IbidStatus)> = None;
        for key in &footnotes.reading_order {
            let Some(def) = footnotes.definition(key) else {
                let undefined = IbidStatus::AfterUndefined { key: key.clone() };
                previous = Some((None, undefined));
                continue;
            };
            chains.order.push((key.clone(), def.block));
            let stands_for = match def.cites {
                Cites::Ibid => {
                    let status = match &previous {
                        None => IbidStatus::NoAntecedent,
                        Some((_, status)) => status.clone(),
                    };
                    chains.links.push(IbidLink {
                        key: key.clone(),
                        block: def.block,
                        previous: previous.as_ref().and_then(|(b, _)| *b),
                        status: status.clone(),
                    });
                    status
                }
                Cites::OneWork => IbidStatus::Resolved { source: def.block },
                Cites::SeveralWorks => IbidStatus::AfterMultiple { source: def.block },
                Cites::Nothing => IbidStatus::AfterNote { note: def.block },
            };
            previous = Some((Some(def.block), stands_for));
        }
        chains.by_block = chains
            .order
            .iter()
            .enumerate()
            .map(|(position, (_, block))| BlockEntry {
                block: *block,
                position: position as u32,
                link: NO_LINK,
            })
            .collect();
        // Reading order follows document order but for footnotes referenced out of turn: nearly
        // sorted already.
        chains.by_block.sort_unstable_by_key(|e| e.block);
        for link in 0..chains.links.len() {
            if let Some(entry) = chains.entry_mut(chains.links[link].block) {
                entry.link = link as u32;
            }
        }
        chains
    }

    fn entry(&self, block: usize) -> Option<&BlockEntry> {
        let i = self
            .by_block
            .binary_search_by_key(&block, |e| e.block)
            .ok()?;
        Some(&self.by_block[i])
    }

    fn entry_mut(&mut self, block: usize) -> Option<&mut BlockEntry> {
        let i = self
            .by_block
            .binary_search_by_key(&block, |e| e.block)
            .ok()?;
        Some(&mut self.by_block[i])
    }

    /// Moves the chains' blocks through `map`, which keeps their order (an edit that left the
    /// definitions and the reading order as they were moved them).
    pub(crate) fn move_blocks(&mut self, map: impl Fn(usize) -> usize) {
        for (_, block) in &mut self.order {
            *block = map(*block);
        }
        for link in &mut self.links {
            link.block = map(link.block);
            link.previous = link.previous.map(&map);
            match &mut link.status {
                IbidStatus::Resolved { source } | IbidStatus::AfterMultiple { source } => {
                    *source = map(*source);
                }
                IbidStatus::AfterNote { note } => *note = map(*note),
                IbidStatus::NoAntecedent | IbidStatus::AfterUndefined { .. } => {}
            }
        }
        for entry in &mut self.by_block {
            entry.block = map(entry.block);
        }
    }

    /// Where the footnote defined in `block` stands in reading order.
    pub fn position_of(&self, block: usize) -> Option<usize> {
        self.entry(block).map(|e| e.position as usize)
    }

    /// The links of the footnotes at `positions` in reading order (links are in reading order).
    pub fn links_in(&self, positions: std::ops::Range<usize>) -> &[IbidLink] {
        let at = |position: usize| {
            self.links
                .partition_point(|l| self.position_of(l.block).is_some_and(|at| at < position))
        };
        let from = at(positions.start);
        &self.links[from..at(positions.end).max(from)]
    }

    /// The Ibid. link of the footnote defined in `block`, if it is an Ibid.
    pub fn link_of(&self, block: usize) -> Option<&IbidLink> {
        let link = self.entry(block)?.link;
        (link != NO_LINK).then(|| &self.links[link as usize])
    }
}
