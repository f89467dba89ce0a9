//! ## footnote-order (warning)
//!
//! Reports footnote numbers that, in reading order (the order of first references), are out of
//! place or skip a number. Only the footnotes that are out of place are reported: those outside
//! the longest run of first references already in order (a new footnote numbered after the last
//! but referenced early is one diagnostic, not one on every footnote after it). A number that is
//! missing from that run is reported where the run skips it, unless the footnote is out of place
//! elsewhere, undefined or unreferenced (which other diagnostics report).
//!
//! **Why it matters:** footnotes are numbered in the order the reader meets them; a footnote
//! inserted or moved during negotiation leaves the numbering broken, and every later number with it.
//!
//! **Fires:** references `<sup>1</sup>`, `<sup>3</sup>`, `<sup>2</sup>`, `<sup>4</sup>` in that
//! order (on `3`, which comes before `2`); `<sup>1</sup>`, `<sup>2</sup>`, `<sup>4</sup>` (on `4`,
//! which skips `3`).
//!
//! **Silent:** `<sup>1</sup>`, `<sup>2</sup>`, `<sup>1</sup>` (a repeated reference is not a
//! first reference).
//!
//! **Fix:** renumbers every footnote in reading order, references and definitions together: safe
//! when every footnote is defined once and referenced, else unsafe (a mistyped number would be
//! renumbered with the rest).

use rustc_hash::FxHashSet;

use super::Context;
use crate::analysis::FootnoteIndex;
use crate::diagnostic::Refactor;
use crate::diagnostic::{Diagnostic, Fix, FixEdits};
use crate::syntax::FootnoteKey;

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let footnotes = &ctx.analysis.footnotes;
    // Numbered footnotes in reading order; an undefined one is footnote-undefined's to report.
    let sequence: Vec<(&FootnoteKey, u32)> = footnotes
        .reading_order
        .iter()
        .filter(|key| footnotes.definition(key).is_some())
        .filter_map(|key| Some((key, key.number()?)))
        .collect();
    let numbers: Vec<u32> = sequence.iter().map(|(_, n)| *n).collect();
    if in_order_with_explained_gaps(footnotes, &numbers) {
        return;
    }
    let in_order = longest_increasing(&numbers);
    let mut found = Vec::new();
    let mut report = |key: &FootnoteKey, message: String| {
        if let Some(first) = footnotes.first_reference(key) {
            found.push(ctx.diagnostic("footnote-order", first.label_range.clone(), message));
        }
    };
    // The numbers that something else explains being absent from the run in order.
    let mut explained: FxHashSet<u32> = FxHashSet::default();
    for (k, &(_, n)) in sequence.iter().enumerate() {
        if !in_order[k] {
            explained.insert(n);
        }
    }
    for def in &footnotes.defs {
        if let Some(n) = def.key.number() {
            if !footnotes.is_referenced(&def.key) {
                explained.insert(n);
            }
        }
    }
    for key in &footnotes.reading_order {
        if footnotes.definition(key).is_none() {
            explained.extend(key.number());
        }
    }
    let mut previous_in_order: Option<u32> = None;
    for (k, &(key, n)) in sequence.iter().enumerate() {
        if !in_order[k] {
            let next_in_order = (k + 1..sequence.len())
                .find(|&j| in_order[j])
                .map(|j| sequence[j].1);
            let message = match (next_in_order, previous_in_order) {
                (Some(next), _) if next < n => {
                    format!("footnote {n} comes before footnote {next} in reading order")
                }
                (_, Some(previous)) => {
                    format!("footnote {n} comes after footnote {previous} in reading order")
                }
                _ => format!("footnote {n} is out of order in reading order"),
            };
            report(key, message);
            continue;
        }
        let expected = previous_in_order.map_or(1, |p| p + 1);
        if let Some(missing) = (expected..n).find(|m| !explained.contains(m)) {
            report(
                key,
                format!("footnote {n} skips footnote {missing} in reading order"),
            );
        }
        previous_in_order = Some(n);
    }
    if found.is_empty() {
        return;
    }
    // The renumbering rests on a certain reading when every footnote is defined once and
    // referenced; and since a footnote is not numbered by its place in reading order (else
    // nothing was found), the deferred renumbering changes something.
    let certain = footnotes.reading_order.iter().all(|key| {
        footnotes
            .defs_by_key
            .get(key)
            .is_some_and(|defs| defs.len() == 1)
    }) && footnotes
        .defs
        .iter()
        .all(|d| footnotes.is_referenced(&d.key));
    let fix = Fix::safe_if(
        certain,
        Refactor::RenumberFootnotes.title(),
        FixEdits::Deferred(Refactor::RenumberFootnotes),
    );
    for mut d in found {
        d.fix = Some(fix.clone());
        out.push(d);
    }
}

/// Whether `numbers` (those of the defined footnotes in reading order) rise, and every number
/// they skip is explained (defined but never referenced, or referenced but undefined): then
/// nothing is reported, found without the longest-run search or a lookup per footnote. Most
/// drafts, checked again after most edits (a definition removed leaves a gap of the second kind).
fn in_order_with_explained_gaps(footnotes: &FootnoteIndex, numbers: &[u32]) -> bool {
    const FEW: usize = 16;
    let mut gaps: Vec<u32> = Vec::new();
    let mut previous: Option<u32> = None;
    for &n in numbers {
        if previous.is_some_and(|p| n <= p) {
            return false;
        }
        let expected = previous.map_or(1, |p| p + 1);
        if n > expected {
            if (n - expected) as usize + gaps.len() > FEW {
                return false;
            }
            gaps.extend(expected..n);
        }
        previous = Some(n);
    }
    if gaps.is_empty() {
        return true;
    }
    let in_gaps = |key: &FootnoteKey| key.number().is_some_and(|n| gaps.contains(&n));
    let mut explained: Vec<u32> = Vec::new();
    for def in &footnotes.defs {
        if in_gaps(&def.key) && !footnotes.is_referenced(&def.key) {
            explained.extend(def.key.number());
        }
    }
    for key in &footnotes.reading_order {
        if in_gaps(key) && footnotes.definition(key).is_none() {
            explained.extend(key.number());
        }
    }
    gaps.iter().all(|g| explained.contains(g))
}

/// Which of `numbers` belong to a longest strictly increasing subsequence (patience sorting,
/// O(n log n)); among equally long ones, the one that keeps the earliest numbers.
fn longest_increasing(numbers: &[u32]) -> Vec<bool> {
    // `tails[l]`: the index of the smallest last number of an increasing run of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; numbers.len()];
    for (i, &n) in numbers.iter().enumerate() {
        let l = tails.partition_point(|&t| numbers[t] < n);
        before[i] = l.checked_sub(1).map(|p| tails[p]);
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut member = vec![false; numbers.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        member[i] = true;
        at = before[i];
    }
    member
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    fn out_of_run(numbers: &[u32]) -> Vec<u32> {
        let member = longest_increasing(numbers);
        numbers
            .iter()
            .zip(member)
            .filter(|(_, m)| !m)
            .map(|(n, _)| *n)
            .collect()
    }

    #[test]
    fn the_footnotes_outside_the_longest_run_in_order() {
        assert_eq!(out_of_run(&[1, 2, 3]), Vec::<u32>::new());
        assert_eq!(out_of_run(&[1, 2, 3, 4, 5, 6, 14, 7, 8, 9, 10]), [14]);
        assert_eq!(out_of_run(&[1, 2, 4, 5, 3, 6]), [3]);
        assert_eq!(out_of_run(&[3, 1, 2]), [3]);
        assert_eq!(out_of_run(&[]), Vec::<u32>::new());
    }
}
