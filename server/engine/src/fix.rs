//! Applying fixes to a text: every fix whose edits do not overlap an earlier one's, repeated
//! until nothing more applies (the way `--fix` and "fix all" work).

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use crate::diagnostic::Edit;

/// Applies `edits` (non-overlapping) to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for edit in sorted {
        let start = edit.range.start.clamp(pos, text.len());
        let end = edit.range.end.clamp(start, text.len());
        out.push_str(&text[pos..start]);
        out.push_str(&edit.new_text);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The edits of every fix that does not clash with a fix taken before it, given each fix's edit
/// list (see `Refactors::edits`). A fix is taken whole or not at all; edits repeated by several
/// fixes (one "rewrite every Ibid." fix offered on each Ibid.) are taken once.
///
/// A draft-wide fix (thousands of renumbering edits) rides on every diagnostic it fixes, so the
/// taken edits are kept ordered by range: each edit is checked against its neighbours only, and a
/// fix whose shared edit list was taken already is recognised at once.
pub fn compatible_edits<'a>(
    fixes: impl IntoIterator<Item = &'a Arc<Vec<Edit>>>,
) -> (Vec<Edit>, usize) {
    let (edits, taken) = compatible_fixes(fixes);
    (edits, taken.iter().filter(|&&t| t).count())
}

/// As [`compatible_edits`], saying of each fix whether it was taken.
pub fn compatible_fixes<'a>(
    fixes: impl IntoIterator<Item = &'a Arc<Vec<Edit>>>,
) -> (Vec<Edit>, Vec<bool>) {
    let mut taken: BTreeMap<(usize, usize), Edit> = BTreeMap::new();
    // By address: a shared list is one allocation, so its address names it.
    let mut taken_lists: HashSet<*const Vec<Edit>> = HashSet::new();
    let mut count = Vec::new();
    for fix in fixes {
        if taken_lists.contains(&Arc::as_ptr(fix)) {
            count.push(true);
            continue;
        }
        let mut new: BTreeMap<(usize, usize), Edit> = BTreeMap::new();
        let clashes = fix.iter().any(|edit| {
            let key = (edit.range.start, edit.range.end);
            if taken.get(&key) == Some(edit) {
                return false; // already taken with an earlier fix
            }
            if clashes_with(&taken, edit) || clashes_with(&new, edit) {
                return true;
            }
            new.insert(key, edit.clone());
            false
        });
        if !clashes {
            // One insertion each: `BTreeMap::append` rebuilds the whole map, which made taking
            // n one-edit fixes quadratic.
            taken.extend(new);
            taken_lists.insert(Arc::as_ptr(fix));
        }
        count.push(!clashes);
    }
    (taken.into_values().collect(), count)
}

/// Whether `edit` clashes with one of `edits`, which clash with none of each other: only the
/// edits starting inside `edit`'s range and the one just before it can.
fn clashes_with(edits: &BTreeMap<(usize, usize), Edit>, edit: &Edit) -> bool {
    let (start, end) = (edit.range.start, edit.range.end);
    let before = edits.range(..(start, 0)).next_back().map(|(_, e)| e);
    let inside = edits.range((start, 0)..=(end, usize::MAX)).map(|(_, e)| e);
    before
        .into_iter()
        .chain(inside)
        .any(|other| overlaps(other, edit))
}

/// Two edits clash when their ranges overlap, or when both insert at the same place.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.range.is_empty() && b.range.is_empty() {
        return a.range.start == b.range.start;
    }
    a.range.start < b.range.end && b.range.start < a.range.end
        || (a.range.is_empty() && b.range.start < a.range.start && a.range.start < b.range.end)
        || (b.range.is_empty() && a.range.start < b.range.start && b.range.start < a.range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_order_of_position() {
        let edits = [Edit::insert(5, "!"), Edit::replace(0..1, "J")];
        assert_eq!(apply_edits("hello world", &edits), "Jello! world");
    }

    #[test]
    fn clashing_fix_is_left_for_the_next_round() {
        let a = Arc::new(vec![Edit::replace(0..3, "x")]);
        let b = Arc::new(vec![Edit::replace(2..4, "y")]);
        let c = Arc::new(vec![Edit::replace(0..3, "x"), Edit::insert(9, "z")]);
        let (edits, count) = compatible_edits([&a, &b, &c]);
        assert_eq!(count, 2);
        assert_eq!(edits, vec![Edit::replace(0..3, "x"), Edit::insert(9, "z")]);
    }

    #[test]
    fn taking_a_hundred_thousand_one_edit_fixes_finishes() {
        // Not timed: taking each fix used to rebuild the map of the edits taken so far, so this
        // ran for many minutes (`check --fix` over 20,000 paragraphs: 30 s); now it is
        // O(n log n), well under a second even unoptimized.
        let fixes: Vec<Arc<Vec<Edit>>> = (0..100_000)
            .map(|i| Arc::new(vec![Edit::insert(i * 10, "*")]))
            .collect();
        let (edits, count) = compatible_edits(&fixes);
        assert_eq!((edits.len(), count), (100_000, 100_000));
        let text = "0123456789".repeat(100_000);
        assert_eq!(apply_edits(&text, &edits).len(), text.len() + 100_000);
    }

    /// The choice made pair by pair, as the ordered one must make it.
    fn compatible_edits_pairwise(fixes: &[Arc<Vec<Edit>>]) -> (Vec<Edit>, usize) {
        let mut taken: Vec<Edit> = Vec::new();
        let mut count = 0;
        for fix in fixes {
            let new: Vec<&Edit> = fix.iter().filter(|e| !taken.contains(e)).collect();
            let clashes = new.iter().any(|e| taken.iter().any(|t| overlaps(t, e)))
                || new
                    .iter()
                    .enumerate()
                    .any(|(i, a)| new[i + 1..].iter().any(|b| overlaps(a, b)));
            if !clashes {
                taken.extend(new.into_iter().cloned());
                count += 1;
            }
        }
        taken.sort_by_key(|e| (e.range.start, e.range.end));
        (taken, count)
    }

    proptest::proptest! {
        #[test]
        fn ordered_choice_equals_pairwise_choice(
            raw in proptest::collection::vec(
                proptest::collection::vec((0usize..30, 0usize..4, 0u8..3), 1..5),
                0..12,
            )
        ) {
            let fixes: Vec<Arc<Vec<Edit>>> = raw
                .iter()
                .map(|edits| {
                    Arc::new(
                        edits
                            .iter()
                            .map(|&(start, len, text)| {
                                Edit::replace(start..start + len, text.to_string())
                            })
                            .collect(),
                    )
                })
                .collect();
            proptest::prop_assert_eq!(compatible_edits(&fixes), compatible_edits_pairwise(&fixes));
        }
    }
}
