//! The footnote index: every reference and definition, and the reading order (the order of first
//! references).

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::structure::{Role, Structure};
use super::Indexes;
use crate::syntax::{Block, FootnoteKey, MarkerSyntax};

/// A footnote reference in the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefSite {
    pub key: FootnoteKey,
    pub syntax: MarkerSyntax,
    pub block: usize,
    /// The number or label (absolute).
    pub label_range: Range<usize>,
    /// The whole marker (absolute).
    pub marker_range: Range<usize>,
    pub page: u32,
    /// The reference stands in a footnote's own text.
    pub in_footnote: bool,
}

/// A footnote definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefSite {
    pub key: FootnoteKey,
    pub block: usize,
    pub page: u32,
}

#[derive(Debug, Default)]
pub struct FootnoteIndex {
    pub refs: Vec<RefSite>,
    pub defs: Vec<DefSite>,
    /// Each footnote once, in the order of its first reference.
    pub reading_order: Vec<FootnoteKey>,
    /// Index into `refs` of each footnote's first reference.
    pub first_ref: FxHashMap<FootnoteKey, usize>,
    /// Indexes into `defs` of each footnote's definitions, in document order.
    pub defs_by_key: FxHashMap<FootnoteKey, Indexes>,
}

impl FootnoteIndex {
    pub fn new(blocks: &[Block], structure: &Structure) -> FootnoteIndex {
        // Sized up front: growing by doubling copied the references several times over.
        let (refs, defs) = blocks.iter().fold((0, 0), |(refs, defs), b| {
            (
                refs + b.refs.len(),
                defs + usize::from(b.footnote_def().is_some()),
            )
        });
        // A draft defines about the footnotes it references: the defined ones size both maps.
        let mut index = FootnoteIndex {
            refs: Vec::with_capacity(refs),
            defs: Vec::with_capacity(defs),
            reading_order: Vec::with_capacity(defs),
            first_ref: FxHashMap::with_capacity_and_hasher(defs, Default::default()),
            defs_by_key: FxHashMap::with_capacity_and_hasher(defs, Default::default()),
        };
        for (i, block) in blocks.iter().enumerate() {
            let role = structure.roles[i];
            if role == Role::Code {
                continue;
            }
            let page = structure.pages[i];
            if let Some(def) = block.footnote_def() {
                let n = index.defs.len();
                index
                    .defs_by_key
                    .entry(def.key.clone())
                    .and_modify(|defs| defs.push(n))
                    .or_insert(smallvec::smallvec![n]);
                index.defs.push(DefSite {
                    key: def.key.clone(),
                    block: i,
                    page,
                });
            }
            let in_footnote = matches!(role, Role::FootnoteDef | Role::FootnoteContinuation);
            for r in &block.refs {
                if !index.first_ref.contains_key(&r.key) {
                    index.first_ref.insert(r.key.clone(), index.refs.len());
                    index.reading_order.push(r.key.clone());
                }
                index.refs.push(RefSite {
                    key: r.key.clone(),
                    syntax: r.syntax,
                    block: i,
                    label_range: block.abs(&r.label_range),
                    marker_range: block.abs(&r.marker_range),
                    page,
                    in_footnote,
                });
            }
        }
        index
    }

    /// The first definition of `key`.
    pub fn definition(&self, key: &FootnoteKey) -> Option<&DefSite> {
        self.defs_by_key
            .get(key)
            .and_then(|d| d.first())
            .map(|&i| &self.defs[i])
    }

    pub fn first_reference(&self, key: &FootnoteKey) -> Option<&RefSite> {
        self.first_ref.get(key).map(|&i| &self.refs[i])
    }

    pub fn is_referenced(&self, key: &FootnoteKey) -> bool {
        self.first_ref.contains_key(key)
    }
}
