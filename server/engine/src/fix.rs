//! Applying fixes to a text: every fix whose edits do not overlap an earlier one's, repeated
//! until nothing more applies (the way `--fix` and "fix all" work).

use crate::diagnostic::{Edit, Fix};

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

/// The edits of every fix that does not clash with a fix taken before it. A fix is taken whole or
/// not at all; edits repeated by several fixes (one "rewrite every Ibid." fix offered on each
/// Ibid.) are taken once.
pub fn compatible_edits<'a>(fixes: impl IntoIterator<Item = &'a Fix>) -> (Vec<Edit>, usize) {
    let mut taken: Vec<Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        let new: Vec<&Edit> = fix.edits.iter().filter(|e| !taken.contains(e)).collect();
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
    (taken, count)
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
        let a = Fix {
            title: "a".into(),
            edits: vec![Edit::replace(0..3, "x")].into(),
        };
        let b = Fix {
            title: "b".into(),
            edits: vec![Edit::replace(2..4, "y")].into(),
        };
        let c = Fix {
            title: "c".into(),
            edits: vec![Edit::replace(0..3, "x"), Edit::insert(9, "z")].into(),
        };
        let (edits, count) = compatible_edits([&a, &b, &c]);
        assert_eq!(count, 2);
        assert_eq!(edits, vec![Edit::replace(0..3, "x"), Edit::insert(9, "z")]);
    }
}
