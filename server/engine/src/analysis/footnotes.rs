//! The footnote index: every reference and definition, and the reading order (the order of first
//! references).

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::incremental::untouched_and_moved;
use super::structure::{Rewalked, Role, Structure};
use super::Indexes;
use crate::document::Splice;
use crate::syntax::{Block, CitationKind, FootnoteKey, MarkerSyntax};

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
    /// What its text is, kept here so that the Ibid. chains and rules that look for Ibid.s need
    /// not read every definition's block again (in a large draft, a trip to memory each).
    pub cites: Cites,
}

/// What a footnote's text is (see [`CitationKind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cites {
    Ibid,
    OneWork,
    SeveralWorks,
    /// A note of its own, citing nothing.
    Nothing,
}

impl Cites {
    fn of(kind: &CitationKind) -> Cites {
        match kind {
            CitationKind::Ibid(_) => Cites::Ibid,
            CitationKind::Citation { multiple: false } => Cites::OneWork,
            CitationKind::Citation { multiple: true } => Cites::SeveralWorks,
            CitationKind::Note => Cites::Nothing,
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct FootnoteIndex {
    pub refs: Vec<RefSite>,
    pub defs: Vec<DefSite>,
    /// Each footnote once, in the order of its first reference.
    pub reading_order: Vec<FootnoteKey>,
    /// Index into `refs` of each footnote's first reference.
    pub first_ref: KeyMap<usize>,
    /// Indexes into `defs` of each footnote's definitions, in document order.
    pub defs_by_key: KeyMap<Indexes>,
    /// Moves of the text not yet applied to the references' offsets, oldest first, as (offset,
    /// how far the text after it moved): see [`FootnoteIndex::defer_move`].
    pub(crate) unmoved: Vec<(usize, isize)>,
}

/// How many moves of the text [`FootnoteIndex::defer_move`] lets wait before applying them.
const MAX_UNMOVED: usize = 64;

impl FootnoteIndex {
    /// An empty index with room for `refs` references and `defs` definitions: growing by
    /// doubling copied the references several times over.
    pub fn with_capacity(refs: usize, defs: usize) -> FootnoteIndex {
        // A draft defines about the footnotes it references: the defined ones size the maps, with
        // room for a few referenced but undefined (one past the room doubled the array, and the
        // old and the new one were both held at the check's peak).
        let referenced = defs + defs / 16 + 16;
        FootnoteIndex {
            refs: Vec::with_capacity(refs),
            defs: Vec::with_capacity(defs),
            reading_order: Vec::with_capacity(referenced),
            first_ref: KeyMap::with_capacity(referenced),
            defs_by_key: KeyMap::with_capacity(defs),
            unmoved: Vec::new(),
        }
    }

    /// Indexes the references and the definition of block `i`, given its role and page; blocks
    /// are added in document order.
    pub fn add_block(&mut self, i: usize, block: &Block, role: Role, page: u32) {
        if role == Role::Code {
            return;
        }
        if let Some(def) = block.footnote_def() {
            let n = self.defs.len();
            match self.defs_by_key.get_mut(&def.key) {
                Some(defs) => defs.push(n),
                None => self.defs_by_key.insert(&def.key, smallvec::smallvec![n]),
            }
            self.defs.push(DefSite {
                key: def.key.clone(),
                block: i,
                page,
                cites: Cites::of(&def.body.kind),
            });
        }
        let in_footnote = matches!(role, Role::FootnoteDef | Role::FootnoteContinuation);
        for r in &block.refs {
            if !self.first_ref.contains_key(&r.key) {
                self.first_ref.insert(&r.key, self.refs.len());
                self.reading_order.push(r.key.clone());
            }
            self.refs.push(RefSite {
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

    /// Notes that the text after offset `at` moved by `delta`, by an edit that left every
    /// reference outside it. A character typed would otherwise move every later reference: the
    /// moves wait, and are applied a few dozen at a time in one pass (or when the offsets are
    /// next needed, see [`FootnoteIndex::catch_up`]).
    pub(crate) fn defer_move(&mut self, at: usize, delta: isize) {
        if delta != 0 {
            self.unmoved.push((at, delta));
        }
        if self.unmoved.len() >= MAX_UNMOVED {
            self.catch_up();
        }
    }

    /// Applies the moves [`FootnoteIndex::defer_move`] noted to the references' offsets.
    pub(crate) fn catch_up(&mut self) {
        if self.unmoved.is_empty() {
            return;
        }
        // Each move shifts the references that end after its offset as they stood then: where
        // each one's start in `refs`, with the moves before it added, then one pass adding up.
        let mut starts: Vec<(usize, isize)> = Vec::with_capacity(self.unmoved.len());
        for &(at, delta) in &self.unmoved {
            let moved_end = |i: usize| {
                let shift: isize = starts.iter().filter(|(j, _)| *j <= i).map(|(_, d)| d).sum();
                self.refs[i].marker_range.end.wrapping_add_signed(shift)
            };
            let (mut low, mut high) = (0, self.refs.len());
            while low < high {
                let middle = low + (high - low) / 2;
                if moved_end(middle) <= at {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            starts.push((low, delta));
        }
        self.unmoved.clear();
        starts.sort_by_key(|(j, _)| *j);
        let mut shift = 0;
        let mut next = starts.iter().peekable();
        let from = starts.first().map_or(self.refs.len(), |(j, _)| *j);
        for (i, site) in self.refs.iter_mut().enumerate().skip(from) {
            while let Some((_, delta)) = next.next_if(|(j, _)| *j <= i) {
                shift += delta;
            }
            for range in [&mut site.label_range, &mut site.marker_range] {
                range.start = range.start.wrapping_add_signed(shift);
                range.end = range.end.wrapping_add_signed(shift);
            }
        }
    }

    /// Takes the index over `splice` after which `structure` was `walked` again over some
    /// blocks, which stand where others stood: their references and definitions are indexed
    /// again, and those after them move by as many blocks, by as many bytes as the text and by as
    /// many pages. Says whether the footnotes' first references among those indexed again only
    /// moved, and whether the same footnotes are defined there. `None`, the index left as it
    /// was, when the edit may have changed the reading order (not the same footnotes first
    /// referenced in the window, in the same order): the caller indexes afresh.
    pub(crate) fn follow(
        &mut self,
        blocks: &[Block],
        structure: &Structure,
        walked: &Rewalked,
        splice: &Splice,
    ) -> Option<FirstReferences> {
        self.catch_up();
        let delta = splice.delta();
        let (window, old_window) = (&walked.blocks, &walked.old_blocks);
        let page_shift = walked.page_shift;
        let mut fresh = FootnoteIndex::default();
        for i in window.clone() {
            fresh.add_block(i, &blocks[i], structure.roles[i], structure.pages[i]);
        }
        let refs = |w: usize| self.refs.partition_point(|r| r.block < w);
        let defs = |w: usize| self.defs.partition_point(|d| d.block < w);
        let (r0, r1) = (refs(old_window.start), refs(old_window.end));
        let (d0, d1) = (defs(old_window.start), defs(old_window.end));
        let same_definitions = self.defs[d0..d1]
            .iter()
            .map(|d| &d.key)
            .eq(fresh.defs.iter().map(|d| &d.key));
        // The footnotes first referenced in the window, in order, must be the same: then the
        // reading order stands.
        let referenced_before = |r: &RefSite| self.first_ref.get(&r.key).is_some_and(|&i| i < r0);
        let first_here = |refs: &[RefSite]| {
            let mut firsts: Vec<(FootnoteKey, usize)> = Vec::new();
            for (k, r) in refs.iter().enumerate() {
                if !referenced_before(r) && !firsts.iter().any(|(key, _)| *key == r.key) {
                    firsts.push((r.key.clone(), k));
                }
            }
            firsts
        };
        let old_firsts = first_here(&self.refs[r0..r1]);
        let new_firsts = first_here(&fresh.refs);
        let same_firsts = old_firsts
            .iter()
            .map(|(key, _)| key)
            .eq(new_firsts.iter().map(|(key, _)| key));
        if !same_firsts {
            return None;
        }
        let firsts_moved = old_firsts
            .iter()
            .zip(&new_firsts)
            .all(|((_, old), (_, new))| {
                let (old, new) = (&self.refs[r0 + old], &fresh.refs[*new]);
                untouched_and_moved(&old.label_range, &new.label_range, splice)
                    && untouched_and_moved(&old.marker_range, &new.marker_range, splice)
            });
        let block_shift = window.len() as isize - old_window.len() as isize;
        let move_page = |page: u32| (i64::from(page) + page_shift) as u32;
        for def in &mut self.defs[d1..] {
            def.block = def.block.wrapping_add_signed(block_shift);
            def.page = move_page(def.page);
        }
        self.defs.splice(d0..d1, fresh.defs);
        if !same_definitions {
            // Every later definition's index may have moved: made again from the definitions,
            // in document order as a fresh index adds them (a tenth of indexing every block).
            let mut defs_by_key: KeyMap<Indexes> = KeyMap::with_capacity(self.defs.len());
            for (n, def) in self.defs.iter().enumerate() {
                match defs_by_key.get_mut(&def.key) {
                    Some(defs) => defs.push(n),
                    None => defs_by_key.insert(&def.key, smallvec::smallvec![n]),
                }
            }
            self.defs_by_key = defs_by_key;
        }
        for site in &mut self.refs[r1..] {
            site.block = site.block.wrapping_add_signed(block_shift);
            site.page = move_page(site.page);
            for range in [&mut site.label_range, &mut site.marker_range] {
                *range =
                    range.start.wrapping_add_signed(delta)..range.end.wrapping_add_signed(delta);
            }
        }
        let ref_shift = fresh.refs.len() as isize - (r1 - r0) as isize;
        self.refs.splice(r0..r1, fresh.refs);
        if ref_shift != 0 {
            // Every footnote's first reference, read in place rather than looked up by key.
            for first in self.first_ref.values_mut() {
                if *first >= r1 {
                    *first = first.wrapping_add_signed(ref_shift);
                }
            }
        }
        for (key, k) in new_firsts {
            if let Some(first) = self.first_ref.get_mut(&key) {
                *first = r0 + k;
            }
        }
        Some(if !same_definitions {
            FirstReferences::Redefined
        } else if firsts_moved {
            FirstReferences::Moved
        } else {
            FirstReferences::Remade
        })
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

/// Whether the references that are a footnote's first, among those [`FootnoteIndex::follow`]
/// indexed again, are the ones that were, untouched by the edit and moved, or were made anew.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FirstReferences {
    Moved,
    Remade,
    /// Not the same footnotes are defined in the window: the definitions were indexed again.
    Redefined,
}

/// A map from footnote keys. Numbered footnotes, nearly all of a draft's, are numbered from one
/// up, so their values stand in an array indexed by number: a lookup reads one slot near the
/// last one instead of a hash table spread over memory (which missed the cache at every
/// reference in a large draft). Labels, and numbers far beyond the footnotes the draft has, go in
/// a hash map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMap<V> {
    numbered: Vec<Option<V>>,
    others: FxHashMap<FootnoteKey, V>,
}

impl<V> Default for KeyMap<V> {
    fn default() -> Self {
        KeyMap {
            numbered: Vec::new(),
            others: FxHashMap::default(),
        }
    }
}

/// Numbers below this always have a slot; past it, only numbers up to twice the slots there are
/// (so that `<sup>4000000000</sup>` does not take an array of billions).
const DENSE_NUMBERS: usize = 1024;

impl<V> KeyMap<V> {
    fn with_capacity(capacity: usize) -> Self {
        KeyMap {
            numbered: Vec::with_capacity(capacity + 1),
            others: FxHashMap::default(),
        }
    }

    // Inlined, as `get` and `get_mut`: a followed edit and the footnote rules look up every
    // footnote, and out of line the calls were 7 % of a marker edit at 3 MB.
    #[inline]
    fn slot(&self, key: &FootnoteKey) -> Option<usize> {
        match key {
            FootnoteKey::Number(n) => Some(*n as usize).filter(|&n| n < self.numbered.len()),
            FootnoteKey::Label(_) => None,
        }
    }

    #[inline]
    pub fn get(&self, key: &FootnoteKey) -> Option<&V> {
        let dense = self.slot(key).and_then(|n| self.numbered[n].as_ref());
        // A number can have gone to the map while the array was shorter.
        if dense.is_some() || self.others.is_empty() {
            return dense;
        }
        self.others.get(key)
    }

    #[inline]
    fn get_mut(&mut self, key: &FootnoteKey) -> Option<&mut V> {
        if let Some(n) = self.slot(key) {
            if self.numbered[n].is_some() {
                return self.numbered[n].as_mut();
            }
        }
        self.others.get_mut(key)
    }

    #[inline]
    pub fn contains_key(&self, key: &FootnoteKey) -> bool {
        self.get(key).is_some()
    }

    /// Every value, in no particular order.
    fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.numbered
            .iter_mut()
            .flatten()
            .chain(self.others.values_mut())
    }

    /// Sets the value of `key`, which has none.
    fn insert(&mut self, key: &FootnoteKey, value: V) {
        if let FootnoteKey::Number(n) = key {
            let n = *n as usize;
            if n < DENSE_NUMBERS.max(2 * self.numbered.len()) {
                if n >= self.numbered.len() {
                    // By an eighth, not doubled: the array is sized for the footnotes the draft
                    // defines, and a number or two past them (a skipped one) doubled it, which
                    // the check then held at its peak (1 MB of 10 MB).
                    let len = self.numbered.len();
                    if n >= self.numbered.capacity() {
                        self.numbered.reserve_exact((n + 1 - len).max(len / 8));
                    }
                    self.numbered.resize_with(n + 1, || None);
                }
                self.numbered[n] = Some(value);
                return;
            }
        }
        self.others.insert(key.clone(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::KeyMap;
    use crate::syntax::FootnoteKey;

    #[test]
    fn key_map_finds_numbers_labels_and_numbers_too_large_for_the_array() {
        let mut map = KeyMap::default();
        let huge = FootnoteKey::Number(4_000_000_000);
        let label = FootnoteKey::Label("note".into());
        // 5000 goes to the hash map while the array is short, then the array grows past it.
        let late = FootnoteKey::Number(5000);
        map.insert(&huge, 1);
        map.insert(&label, 2);
        map.insert(&late, 3);
        for n in (1..6000).filter(|&n| n != 5000) {
            map.insert(&FootnoteKey::Number(n), n as usize + 10);
        }
        assert_eq!(map.get(&huge), Some(&1));
        assert_eq!(map.get(&label), Some(&2));
        assert_eq!(map.get(&late), Some(&3));
        assert_eq!(map.get(&FootnoteKey::Number(7)), Some(&17));
        assert!(!map.contains_key(&FootnoteKey::Number(0)));
        assert!(!map.contains_key(&FootnoteKey::Number(6500)));
        assert!(!map.contains_key(&FootnoteKey::Label("other".into())));
        if let Some(v) = map.get_mut(&late) {
            *v = 4;
        }
        assert_eq!(map.get(&late), Some(&4));
    }
}
