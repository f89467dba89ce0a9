//! A list of indexes that nearly always holds one, kept without an allocation until it holds two.
//!
//! A logical paragraph is nearly always one block, and a footnote nearly always has one
//! definition; a `Vec` for each cost an allocation and a free per paragraph and per footnote on
//! every analysis, a good share of a whole analysis of a large draft.

use std::ops::Deref;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Indexes {
    One(usize),
    /// Two or more.
    Many(Vec<usize>),
}

impl Indexes {
    pub fn push(&mut self, index: usize) {
        match self {
            Indexes::One(first) => *self = Indexes::Many(vec![*first, index]),
            Indexes::Many(all) => all.push(index),
        }
    }
}

impl Deref for Indexes {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        match self {
            Indexes::One(index) => std::slice::from_ref(index),
            Indexes::Many(all) => all,
        }
    }
}

impl<'a> IntoIterator for &'a Indexes {
    type Item = &'a usize;
    type IntoIter = std::slice::Iter<'a, usize>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_from_one_in_order() {
        let mut list = Indexes::One(3);
        assert_eq!(&*list, &[3]);
        list.push(5);
        list.push(9);
        assert_eq!(&*list, &[3, 5, 9]);
        assert_eq!(list.iter().copied().collect::<Vec<_>>(), vec![3, 5, 9]);
    }
}
