//! A hash map keyed by footnote keys and block indexes, with a cheap hash.
//!
//! The analysis looks footnotes up by key tens of thousands of times in a large draft, and the
//! standard library's SipHash costs about two hundred instructions per key there, more than the
//! lookups themselves. Keys are a draft's own footnote numbers, labels and block indexes, so
//! resistance to crafted collisions buys nothing: this is the multiply-rotate hash of rustc (Fx).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Rustc's Fx hash: each word rotated in and multiplied by a large odd constant.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::FootnoteKey;

    #[test]
    fn keys_that_differ_are_told_apart() {
        let mut map = FastHashMap::default();
        for n in 0..1000 {
            map.insert(FootnoteKey::Number(n), n as usize);
            map.insert(FootnoteKey::Label(n.to_string()), 1000 + n as usize);
        }
        assert_eq!(map.len(), 2000);
        assert_eq!(map.get(&FootnoteKey::Number(7)), Some(&7));
        assert_eq!(map.get(&FootnoteKey::Label("7".into())), Some(&1007));
    }
}
