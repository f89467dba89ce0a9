//! Checking a document edit after edit without checking all of it each time.
//!
//! A [`CheckCache`] keeps the last analysis and diagnostics of one document. When the document
//! has moved on by edits that left the analysis's facts in place (see
//! [`crate::analysis::incremental`]) — a character typed or deleted inside a paragraph — the
//! cache moves the diagnostics' offsets past the edit and re-runs only the *local* rules, and
//! only on the edited block.
//!
//! An edit that changes the draft's structure (a blank line splitting a paragraph, a footnote
//! marker added, a number changed) is followed too. When it is the last edit, the analysis walks
//! the structure again only around it ([`crate::analysis::restructure`]); the cache keeps and
//! moves the diagnostics of every draft-wide rule whose facts only moved (the footnote rules, the
//! Ibid. rules, operative numbering, comments), checks operative numbering again only from the
//! numbered paragraph before the edit to the one after, the references of the blocks walked
//! again, and the local rules on the blocks whose [`LocalFacts`] changed. Otherwise (several
//! edits behind, or an edit the analysis cannot follow) the analysis is made afresh and the
//! draft-wide rules run again, but the local rules' diagnostics of every block the edits did not
//! re-parse, and whose local facts stayed as they were, are kept and moved.
//!
//! A new configuration or a document the cache has not seen gets a full check. Either way the
//! result equals [`crate::check()`] of the same document: the property test
//! `tests/check_cache.rs` holds it to that.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::analysis::incremental::{follow, map_range, EditedBlock, MAX_CHAR_LEN};
use crate::analysis::restructure::follow_structural;
use crate::analysis::{
    Analysis, FootnoteIndex, IbidChains, IbidLink, IbidStatus, LogicalParagraph, Part, RefSite,
    Role, Structure,
};
use crate::check::{check_analysed_with, run_rule, run_rule_as};
use crate::config::{Config, Suppressions};
use crate::diagnostic::{Diagnostic, Edit, FixEdits};
use crate::document::{Document, Splice};
use crate::lang::Mark;
use crate::rules::preamble_leads_in;
use crate::rules::support::{is_ibid_anchor, part_is_certain, preferred_ibid_italic};
use crate::rules::{expected_marks_in, Context, FootnoteCheck, ReferenceCheck, Rule, Scope, RULES};
use crate::syntax::{Block, FootnoteKey};

/// The diagnostics of one document, kept up to date edit by edit.
///
/// Which diagnostics an edit leaves standing follows from each rule's [`Scope`] alone: a rule of
/// [`Scope::Block`] is run again on the blocks an edit changed (or whose local facts changed), a
/// draft-wide rule whose scope's facts the edit only moved keeps its diagnostics, moved, and any
/// other rule (one of [`Scope::Draft`] after every edit) is run again on the whole draft.
#[derive(Debug)]
pub struct CheckCache {
    cached: Option<Cached>,
    rules: &'static [Rule],
    /// Whether the last [`CheckCache::check`] followed edits rather than checking afresh.
    last_was_incremental: bool,
}

impl Default for CheckCache {
    fn default() -> CheckCache {
        CheckCache::with_rules(RULES)
    }
}

/// The scope of the rule with id `id` among `rules` (a rule that is not there reads anything).
fn scope_of(rules: &[Rule], id: &str) -> Scope {
    rules
        .iter()
        .find(|r| r.id == id)
        .map_or(Scope::Draft, |r| r.scope)
}

/// A diagnostic of a rule of [`Scope::Block`] belongs to the block its range ends in, or ends
/// right at the start of (a missing mark after a paragraph's very first character points at the
/// line break before it): the first block whose end is at or after the range's end.
fn is_local(rules: &[Rule], id: &str) -> bool {
    scope_of(rules, id).is_block()
}

#[derive(Debug)]
struct Cached {
    rules: &'static [Rule],
    version: (u64, u64),
    config: Config,
    path: Option<String>,
    analysis: Analysis,
    diagnostics: Vec<Diagnostic>,
    /// What the local rules read of each block beyond its text, by block index (`None` only
    /// while catching up: a block re-parsed since).
    local_facts: Vec<Option<LocalFacts>>,
    /// The draft's Ibid. form as the rules of [`Scope::IbidEachFootnote`] read it (italic or
    /// not): when it changes, they judge every footnote again.
    ibid_form: bool,
}

/// What the local rules read of a block beyond its own text and the draft's language: its role
/// (without a logical paragraph's number, which a split moves and no local rule reads), the part
/// and level of its logical paragraph, and the mark its end is held to. Two blocks with the same
/// text and the same facts, in drafts of the same language, get the same local diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LocalFacts {
    role: Role,
    /// Part, whether it is a sub-paragraph and whether it strayed from the other part, of the
    /// logical paragraph the block is in.
    paragraph: Option<(Part, bool, bool)>,
    /// The logical paragraph's own form says it belongs to its part (its punctuation fix is then
    /// safe): read from its head block, which may be another block than this one.
    certain: bool,
    /// The block ends its logical paragraph; for an operative one, the mark it should end with
    /// (`None`: no mark is expected). How a message names the paragraph follows from the mark and
    /// whether it is a sub-paragraph.
    closes: Option<Option<Mark>>,
}

impl LocalFacts {
    /// The facts of every block of `doc` as `analysis` sees it.
    fn of_draft(doc: &Document, config: &Config, analysis: &Analysis) -> Vec<Option<LocalFacts>> {
        let structure = &analysis.structure;
        LocalFacts::of_range(
            doc,
            config,
            analysis,
            0..structure.roles.len(),
            0..structure.paragraphs.len(),
        )
    }

    /// The facts of the blocks whose facts an edit may have changed, when the structure was
    /// walked again over blocks `blocks` and logical paragraphs `paragraphs` (as they are now):
    /// those and the paragraphs around whose closing mark depends on them, back to where
    /// sub-paragraph levels start afresh and on to where they start afresh again.
    fn around(
        doc: &Document,
        config: &Config,
        analysis: &Analysis,
        paragraphs: Range<usize>,
        blocks: Range<usize>,
    ) -> (Range<usize>, Vec<Option<LocalFacts>>) {
        let all = &analysis.structure.paragraphs;
        let afresh =
            |lp: &LogicalParagraph| lp.part != Part::Operative || !lp.is_sub && !lp.misplaced;
        let (mut from, mut to) = (
            paragraphs.start.min(all.len()),
            paragraphs.end.min(all.len()),
        );
        if from < to {
            from = from.saturating_sub(1);
            while from > 0 && !afresh(&all[from]) {
                from -= 1;
            }
            while to < all.len() && !afresh(&all[to]) {
                to += 1;
            }
            to = (to + 1).min(all.len());
        }
        let (mut low, mut high) = (blocks.start, blocks.end);
        if from < to {
            low = low.min(all[from].head());
            high = high.max(all[to - 1].last() + 1);
        }
        let facts = LocalFacts::of_range(doc, config, analysis, low..high, from..to);
        (low..high, facts)
    }

    /// The facts of blocks `blocks`, which hold every block of logical paragraphs `paragraphs`
    /// and none of another paragraph; `paragraphs` starts where sub-paragraph levels start
    /// afresh.
    fn of_range(
        doc: &Document,
        config: &Config,
        analysis: &Analysis,
        blocks: Range<usize>,
        paragraphs: Range<usize>,
    ) -> Vec<Option<LocalFacts>> {
        let structure = &analysis.structure;
        let mut facts: Vec<Option<LocalFacts>> = structure.roles[blocks.clone()]
            .iter()
            .map(|role| {
                Some(LocalFacts {
                    role: match role {
                        Role::Paragraph(_) => Role::Paragraph(0),
                        Role::Continuation(_) => Role::Continuation(0),
                        other => *other,
                    },
                    paragraph: None,
                    certain: false,
                    closes: None,
                })
            })
            .collect();
        let at = |block: usize| block.wrapping_sub(blocks.start);
        let ctx = Context {
            doc,
            config,
            analysis,
        };
        for (n, lp) in structure
            .paragraphs
            .iter()
            .enumerate()
            .skip(paragraphs.start)
            .take(paragraphs.len())
        {
            let certain = part_is_certain(&ctx, lp);
            for &block in &lp.blocks {
                if let Some(Some(f)) = facts.get_mut(at(block)) {
                    f.paragraph = Some((lp.part, lp.is_sub, lp.misplaced));
                    f.certain = certain;
                }
            }
            if let Some(Some(f)) = facts.get_mut(at(lp.last())) {
                // A preambular lead-in to sub-paragraphs may end with a colon.
                let leads_in =
                    lp.part == Part::Preamble && preamble_leads_in(&structure.paragraphs, n);
                f.closes = Some(leads_in.then_some(Mark::Colon));
            }
        }
        for (lp, mark, _) in expected_marks_in(&ctx, paragraphs) {
            if let Some(Some(f)) = facts.get_mut(at(lp.last())) {
                f.closes = Some(Some(mark));
            }
        }
        facts
    }
}

impl CheckCache {
    pub fn new() -> CheckCache {
        CheckCache::default()
    }

    /// A cache that checks with `rules` instead of [`RULES`] (for tests of a rule that is not in
    /// the table: it must be followed as correctly as those that are).
    #[doc(hidden)]
    pub fn with_rules(rules: &'static [Rule]) -> CheckCache {
        CheckCache {
            cached: None,
            rules,
            last_was_incremental: false,
        }
    }

    /// The diagnostics of `doc`, equal to `check(doc, config, path)`.
    pub fn check(&mut self, doc: &Document, config: &Config, path: Option<&str>) -> &[Diagnostic] {
        let followed = self
            .cached
            .take()
            .and_then(|cached| cached.catch_up(doc, config, path));
        self.last_was_incremental = followed.is_some();
        let cached = followed.unwrap_or_else(|| Cached::fresh(doc, config, path, self.rules));
        &self.cached.insert(cached).diagnostics
    }

    /// Whether the last check followed the edits since the one before (for tests and benchmarks).
    pub fn last_was_incremental(&self) -> bool {
        self.last_was_incremental
    }
}

impl Cached {
    fn fresh(
        doc: &Document,
        config: &Config,
        path: Option<&str>,
        rules: &'static [Rule],
    ) -> Cached {
        let analysis = Analysis::new(doc, config, path);
        let diagnostics = check_analysed_with(doc, config, &analysis, rules);
        let local_facts = LocalFacts::of_draft(doc, config, &analysis);
        let ibid_form = ibid_form(doc, config, &analysis);
        Cached {
            rules,
            version: doc.version(),
            config: config.clone(),
            path: path.map(str::to_owned),
            analysis,
            diagnostics,
            local_facts,
            ibid_form,
        }
    }

    /// The cache taken over the edits since it was made; `None` when the settings changed, the
    /// document is another or too far ahead, or a structural edit changed what every block's
    /// local rules read (the language, whether it is a draft): then the document is checked afresh.
    fn catch_up(mut self, doc: &Document, config: &Config, path: Option<&str>) -> Option<Cached> {
        if self.config != *config || self.path.as_deref() != path {
            return None;
        }
        let splices: Vec<&Splice> = doc.splices_since(self.version)?.collect();
        let rules = self.rules;
        // A rule that reads the whole draft is run again after any edit; its diagnostics are not
        // moved.
        let rerun_draft_rules =
            !splices.is_empty() && rules.iter().any(|r| matches!(r.scope, Scope::Draft));
        if rerun_draft_rules {
            self.diagnostics
                .retain(|d| !matches!(scope_of(rules, d.rule), Scope::Draft));
        }
        let mut edited_blocks = Vec::new();
        for (k, splice) in splices.iter().enumerate() {
            let Some(edited) = follow(&mut self.analysis, splice) else {
                if let [last] = &splices[k..] {
                    return self.follow_structural_edit(doc, last, &edited_blocks);
                }
                // The edits from here on, as one when they are near each other.
                let one = splices[k + 1..]
                    .iter()
                    .try_fold(splices[k].clone(), |edit, next| edit.then(next));
                return match one {
                    Some(one) => self.follow_structural_edit(doc, &one, &edited_blocks),
                    None => self.restructure(doc, &splices[k..], &edited_blocks),
                };
            };
            move_diagnostics(rules, &mut self.diagnostics, splice, edited.as_ref())?;
            edited_blocks.extend(edited.map(|e| e.index));
        }
        edited_blocks.sort_unstable();
        edited_blocks.dedup();
        if self.analysis.is_draft && (!edited_blocks.is_empty() || rerun_draft_rules) {
            for &index in &edited_blocks {
                check_block(
                    rules,
                    doc,
                    config,
                    &self.analysis,
                    index,
                    &mut self.diagnostics,
                );
            }
            if rerun_draft_rules {
                let ctx = Context {
                    doc,
                    config,
                    analysis: &self.analysis,
                };
                for rule in rules.iter().filter(|r| matches!(r.scope, Scope::Draft)) {
                    let suppressions = &self.analysis.suppressions;
                    run_rule(rule, &ctx, suppressions, |_| true, &mut self.diagnostics);
                }
            }
            sort_diagnostics(&mut self.diagnostics);
        }
        self.version = doc.version();
        Some(self)
    }

    /// Takes the cache over `splices`, the first of which changed a fact of the analysis, after
    /// earlier edits that changed only blocks `edited_blocks` (whose local diagnostics are gone):
    /// analyses afresh and runs the draft-wide rules, but keeps the local diagnostics of the
    /// blocks no splice re-parsed whose local facts stayed as they were.
    fn restructure(
        mut self,
        doc: &Document,
        splices: &[&Splice],
        edited_blocks: &[usize],
    ) -> Option<Cached> {
        let config = &self.config;
        let rules = self.rules;
        let analysis = Analysis::new(doc, config, self.path.as_deref());
        if analysis.is_draft != self.analysis.is_draft
            || analysis.language != self.analysis.language
            || analysis.checks_openers != self.analysis.checks_openers
        {
            return None;
        }
        // A kept diagnostic was filtered by the suppressions at its old offset: they must be the
        // same ones, moved.
        let mut suppressions = std::mem::take(&mut self.analysis.suppressions);
        for splice in splices {
            if !suppressions.map_offsets(|o| splice.map(o), |o| splice.map(o)) {
                return None;
            }
        }
        if suppressions != analysis.suppressions {
            return None;
        }
        // Operative numbering reads only the operative paragraphs' head blocks (their numbers and
        // first characters) and whether a section stands before each: when those are the same
        // blocks, none re-parsed, its diagnostics (and their renumbering fix) only move.
        let numbering_stands = same_operative_heads(
            &self.analysis.structure,
            &analysis.structure,
            splices,
            edited_blocks,
        );
        let kept = |scope: Scope| match scope {
            Scope::Block => true,
            Scope::OperativeSequence => numbering_stands,
            _ => false,
        };
        drop(self.analysis);

        // The old facts, lined up with the blocks as they are now: `None` for a re-parsed block.
        let mut old_facts = std::mem::take(&mut self.local_facts);
        for &index in edited_blocks {
            old_facts[index] = None;
        }
        let mut local = std::mem::take(&mut self.diagnostics);
        local.retain(|d| kept(scope_of(rules, d.rule)));
        for splice in splices {
            let replaced = splice.first_block..splice.first_block + splice.old_blocks.len();
            old_facts.splice(replaced, splice.new_blocks.iter().map(|_| None));
            if let (Some(first), Some(last)) = (splice.old_blocks.first(), splice.old_blocks.last())
            {
                local.retain(|d| {
                    !(first.start <= d.range.end
                        && d.range.end <= last.end()
                        && is_local(rules, d.rule))
                });
            }
            move_diagnostics(rules, &mut local, splice, None)?;
        }
        let local_facts = LocalFacts::of_draft(doc, config, &analysis);
        if old_facts.len() != local_facts.len() {
            return None;
        }
        let stale: Vec<usize> = (0..local_facts.len())
            .filter(|&i| old_facts[i] != local_facts[i])
            .collect();

        let diagnostics = if analysis.is_draft {
            rerun(rules, doc, config, &analysis, local, &stale, kept)
        } else {
            Vec::new()
        };
        let ibid_form = ibid_form(doc, config, &analysis);
        Some(Cached {
            rules,
            version: doc.version(),
            config: self.config,
            path: self.path,
            analysis,
            diagnostics,
            local_facts,
            ibid_form,
        })
    }

    /// Takes the cache over `splice`, the last edit and one that changed a fact of the analysis,
    /// after earlier edits that changed only blocks `edited_blocks`: when the analysis can follow
    /// it (walking the structure again only around it), keeps the diagnostics of every
    /// draft-wide rule whose facts only moved and the local ones of the blocks whose local facts
    /// stayed; otherwise as [`Cached::restructure`].
    fn follow_structural_edit(
        mut self,
        doc: &Document,
        splice: &Splice,
        edited_blocks: &[usize],
    ) -> Option<Cached> {
        let structure = &self.analysis.structure;
        let edited_heads = edited_blocks.iter().any(|&b| {
            structure
                .paragraph_of(b)
                .map(|n| &structure.paragraphs[n])
                .is_some_and(|lp| lp.is_operative_head() && lp.head() == b)
        });
        let was_embedded = structure.embedded_from.is_some();
        let Some(followed) =
            follow_structural(&mut self.analysis, doc.text(), doc.blocks(), splice)
        else {
            return self.restructure(doc, &[splice], edited_blocks);
        };
        let config = &self.config;
        let rules = self.rules;
        let analysis = &self.analysis;
        let walked = &followed.rewalked;
        // No block the edit changed holds an Ibid. token, as it was or as it is: the others kept
        // their text, and whether a definition is indexed does not hang on its role but in code
        // (the edits near code are not followed).
        let ibid_tokens_stand = !changes_ibid_tokens(splice);
        // The form is counted from the Ibid. tokens alone: counting them again (every footnote of
        // the draft) is needed only when they changed.
        let form = if ibid_tokens_stand {
            self.ibid_form
        } else {
            ibid_form(doc, config, analysis)
        };
        // The footnotes whose Ibid. chains changed, and those after them that may read them.
        let ibid_judged = match &followed.old_chains {
            Some(old) if form == self.ibid_form => {
                Some(ibid_footnotes_changed(doc, config, analysis, old, splice))
            }
            _ => None,
        };
        let numbering_stands = !edited_heads
            && same_heads_in_window(
                &walked.old_window,
                &analysis.structure.paragraphs[walked.paragraphs.clone()],
                splice,
            );
        // Else it is checked again: whether a number is a slip or the sequence moved on reads
        // the paragraphs on either side, so no window of the sequence stands on its own.
        let kept = |scope: Scope| match scope {
            Scope::Block | Scope::Comments => true,
            Scope::OperativeSequence => numbering_stands,
            Scope::FootnoteIndex => followed.footnotes_moved,
            Scope::FootnoteFirsts | Scope::FootnoteEachReference(_) => {
                followed.footnotes_moved || followed.firsts_moved
            }
            Scope::IbidChains => followed.chains_moved,
            Scope::IbidEachFootnote(_) => followed.chains_moved || ibid_judged.is_some(),
            Scope::IbidTokens => followed.chains_moved || ibid_tokens_stand,
            Scope::Structure | Scope::Draft => false,
        };

        // The old facts, lined up with the blocks as they are now: `None` for a re-parsed block
        // (or one walked again), then those that may have changed made again.
        let mut facts = std::mem::take(&mut self.local_facts);
        let (first, old_end) = (
            splice.first_block,
            splice.first_block + splice.old_blocks.len(),
        );
        let moved_block = |b: usize| {
            if b < first {
                Some(b)
            } else if b >= old_end {
                Some(b + splice.new_blocks.len() - splice.old_blocks.len())
            } else {
                None
            }
        };
        for &index in edited_blocks {
            facts[index] = None;
        }
        facts.splice(
            walked.old_blocks.clone(),
            walked.blocks.clone().map(|_| None),
        );
        let structure = &analysis.structure;
        if facts.len() != structure.roles.len() {
            return None;
        }
        let mut stale = Vec::new();
        let mut renew = |(blocks, fresh): (Range<usize>, Vec<Option<LocalFacts>>)| {
            for (b, fresh) in blocks.zip(fresh) {
                if facts[b] != fresh {
                    stale.push(b);
                    facts[b] = fresh;
                }
            }
        };
        if was_embedded != structure.embedded_from.is_some() {
            // The last operative paragraph's mark changed, wherever it is.
            renew((
                0..structure.roles.len(),
                LocalFacts::of_draft(doc, config, analysis),
            ));
        } else {
            renew(LocalFacts::around(
                doc,
                config,
                analysis,
                walked.paragraphs.clone(),
                walked.blocks.clone(),
            ));
            for b in edited_blocks.iter().filter_map(|&b| moved_block(b)) {
                let paragraphs = structure.paragraph_of(b).map_or(0..0, |n| n..n + 1);
                renew(LocalFacts::around(
                    doc,
                    config,
                    analysis,
                    paragraphs,
                    b..b + 1,
                ));
            }
        }
        stale.sort_unstable();
        stale.dedup();

        let mut local = std::mem::take(&mut self.diagnostics);
        local.retain(|d| kept(scope_of(rules, d.rule)));
        if let (Some(first), Some(last)) = (splice.old_blocks.first(), splice.old_blocks.last()) {
            local.retain(|d| {
                !(first.start <= d.range.end
                    && d.range.end <= last.end()
                    && is_local(rules, d.rule))
            });
        }
        // The references walked again are checked again when only the footnotes' first
        // references moved (others came or went).
        let recheck_references = !followed.footnotes_moved && followed.firsts_moved;
        let remade = |rule: &str| {
            recheck_references && matches!(scope_of(rules, rule), Scope::FootnoteEachReference(_))
        };
        // Those at the edit cannot be moved; they are made again below with the others.
        let edit = &splice.replaced;
        local.retain(|d| {
            !(remade(d.rule) && d.range.start <= edit.end && edit.start <= d.range.end)
        });
        let each_footnote = |id: &str| matches!(scope_of(rules, id), Scope::IbidEachFootnote(_));
        if ibid_judged.is_some() {
            // Those of the footnotes judged again that cannot be moved go now, the rest after.
            local.retain(|d| !(each_footnote(d.rule) && touches(d, edit)));
        }
        move_diagnostics(rules, &mut local, splice, None)?;
        if let Some(judged) = &ibid_judged {
            rejudge_footnotes(rules, doc, config, analysis, judged, &mut local);
        }
        if recheck_references {
            recheck_walked_references(rules, doc, config, analysis, &walked.blocks, &mut local);
        }
        let diagnostics = rerun(rules, doc, config, analysis, local, &stale, kept);
        Some(Cached {
            rules,
            version: doc.version(),
            config: self.config,
            path: self.path,
            analysis: self.analysis,
            diagnostics,
            local_facts: facts,
            ibid_form: form,
        })
    }
}

/// The diagnostics of a draft after a structural edit: `local`, those kept and moved, less the
/// local ones of blocks `stale` (whose local facts changed), which are checked again, and the
/// rules not `kept` run afresh.
fn rerun(
    rules: &[Rule],
    doc: &Document,
    config: &Config,
    analysis: &Analysis,
    mut local: Vec<Diagnostic>,
    stale: &[usize],
    kept: impl Fn(Scope) -> bool,
) -> Vec<Diagnostic> {
    let blocks = doc.blocks();
    // Stale blocks that were not re-parsed still hold their old local diagnostics.
    // A block owns the diagnostics whose range ends after the block before it and at or
    // before its own end; the spans are in order, so one search per diagnostic.
    let owned_ends: Vec<(usize, usize)> = stale
        .iter()
        .map(|&i| (owned_after(blocks, i), blocks[i].end()))
        .collect();
    local.retain(|d| {
        if !is_local(rules, d.rule) {
            return true;
        }
        let end = d.range.end;
        let k = owned_ends.partition_point(|&(_, last)| last < end);
        owned_ends.get(k).is_none_or(|&(first, _)| end < first)
    });
    let mut diagnostics = local;
    for &index in stale {
        check_block(rules, doc, config, analysis, index, &mut diagnostics);
    }
    let ctx = Context {
        doc,
        config,
        analysis,
    };
    for rule in rules.iter().filter(|r| !kept(r.scope)) {
        run_rule(
            rule,
            &ctx,
            &analysis.suppressions,
            |_| true,
            &mut diagnostics,
        );
    }
    sort_diagnostics(&mut diagnostics);
    diagnostics
}

/// In document order; stable, like the full check's: same-place diagnostics keep the order rules
/// made them in.
fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
}

/// Drops the diagnostics of the rules of [`Scope::FootnoteEachReference`] at the references in
/// blocks `walked` and checks those references again.
fn recheck_walked_references(
    rules: &[Rule],
    doc: &Document,
    config: &Config,
    analysis: &Analysis,
    walked: &Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let blocks = doc.blocks();
    let (Some(first), Some(last)) = (
        blocks.get(walked.start),
        walked.end.checked_sub(1).and_then(|b| blocks.get(b)),
    ) else {
        return;
    };
    let bytes = first.start..last.end();
    let each_reference = |id: &str| matches!(scope_of(rules, id), Scope::FootnoteEachReference(_));
    out.retain(|d| !(each_reference(d.rule) && bytes.contains(&d.range.start)));
    let refs = &analysis.footnotes.refs;
    let window = refs.partition_point(|r| r.block < walked.start)
        ..refs.partition_point(|r| r.block < walked.end);
    let ctx = Context {
        doc,
        config,
        analysis,
    };
    for rule in rules {
        let Scope::FootnoteEachReference(check) = rule.scope else {
            continue;
        };
        let check: ReferenceCheck = check;
        let checked =
            |ctx: &Context, found: &mut Vec<Diagnostic>| check(ctx, window.clone(), found);
        run_rule_as(rule, checked, &ctx, &analysis.suppressions, |_| true, out);
    }
}

/// Whether a block `splice` changed holds an Ibid. token in a footnote definition, before or
/// after it: the re-parsed blocks but those at either end that came out as they were.
fn changes_ibid_tokens(splice: &Splice) -> bool {
    let (old, new) = (&splice.old_blocks, &splice.new_blocks);
    let (before, after) = splice.unchanged_ends();
    let holds_ibid = |b: &Block| b.footnote_def().is_some_and(|d| d.body.ibid().is_some());
    old[before..old.len() - after].iter().any(holds_ibid)
        || new[before..new.len() - after].iter().any(holds_ibid)
}

/// Whether a range of `d` (its own, a related one's, a listed fix edit's) meets `edit`.
fn touches(d: &Diagnostic, edit: &Range<usize>) -> bool {
    let meets = |r: &Range<usize>| r.start <= edit.end && edit.start <= r.end;
    meets(&d.range)
        || d.related.iter().any(|r| meets(&r.range))
        || d.fix
            .as_ref()
            .and_then(|f| f.edits.listed())
            .is_some_and(|edits| edits.iter().any(|e| meets(&e.range)))
}

/// The link of the footnote defined in `block`, taken from `chains.links` at `cursor` (links are
/// in reading order), moving the cursor past it: forward, or backward (the cursor then just after
/// it).
fn link_at<'a>(
    chains: &'a IbidChains,
    cursor: &mut usize,
    block: usize,
    forward: bool,
) -> Option<&'a IbidLink> {
    let at = if forward {
        Some(*cursor)
    } else {
        cursor.checked_sub(1)
    };
    let link = at
        .and_then(|c| chains.links.get(c))
        .filter(|l| l.block == block)?;
    if forward {
        *cursor += 1;
    } else {
        *cursor -= 1;
    }
    Some(link)
}

/// The draft's Ibid. form, as the rules of [`Scope::IbidEachFootnote`] read it.
fn ibid_form(doc: &Document, config: &Config, analysis: &Analysis) -> bool {
    preferred_ibid_italic(&Context {
        doc,
        config,
        analysis,
    })
}

/// The footnotes the rules of [`Scope::IbidEachFootnote`] judge again after a structural edit.
struct IbidJudged {
    /// Positions in the new reading order.
    positions: Range<usize>,
    /// Blocks (as they are now) whose diagnostics of those rules go: the definitions of the
    /// footnotes judged again, of those that were at the changed positions before, and the
    /// blocks re-parsed.
    blocks: Vec<usize>,
}

/// Which footnotes' judgements an edit may have changed, when the chains were made again from a
/// followed footnote index: those from the first position where the old chains (moved) and the
/// new ones differ, or whose definition was re-parsed, to the last, and on to the next anchor
/// after them (the footnotes after it read nothing before it).
fn ibid_footnotes_changed(
    doc: &Document,
    config: &Config,
    analysis: &Analysis,
    old: &IbidChains,
    splice: &Splice,
) -> IbidJudged {
    let new = &analysis.ibid;
    // The blocks re-parsed, before and after the edit: the others kept their text (blocks walked
    // again may have changed roles, which the chains compared show).
    let first = splice.first_block;
    let old_window = first..first + splice.old_blocks.len();
    let new_window = first..first + splice.new_blocks.len();
    let shift = new_window.len() as isize - old_window.len() as isize;
    let map = |b: usize| {
        if b < old_window.start {
            Some(b)
        } else if b >= old_window.end {
            Some(b.wrapping_add_signed(shift))
        } else {
            None
        }
    };
    let same_status = |o: &IbidStatus, n: &IbidStatus| match (o, n) {
        (IbidStatus::Resolved { source: a }, IbidStatus::Resolved { source: b })
        | (IbidStatus::AfterMultiple { source: a }, IbidStatus::AfterMultiple { source: b })
        | (IbidStatus::AfterNote { note: a }, IbidStatus::AfterNote { note: b }) => {
            map(*a) == Some(*b)
        }
        (IbidStatus::NoAntecedent, IbidStatus::NoAntecedent) => true,
        (IbidStatus::AfterUndefined { key: a }, IbidStatus::AfterUndefined { key: b }) => a == b,
        _ => false,
    };
    let same_link = |o: Option<&IbidLink>, n: Option<&IbidLink>| match (o, n) {
        (None, None) => true,
        (Some(o), Some(n)) => {
            o.key == n.key
                && o.previous.map(&map) == n.previous.map(Some)
                && same_status(&o.status, &n.status)
        }
        _ => false,
    };
    // The footnote at a position (its key and definition block) and its link, links being in
    // reading order.
    let same = |o: (&(FootnoteKey, usize), Option<&IbidLink>),
                n: (&(FootnoteKey, usize), Option<&IbidLink>)| {
        o.0 .0 == n.0 .0
            && map(o.0 .1) == Some(n.0 .1)
            && !new_window.contains(&n.0 .1)
            && same_link(o.1, n.1)
    };
    let (old_len, new_len) = (old.order.len(), new.order.len());
    let mut prefix = 0;
    let (mut old_cursor, mut new_cursor) = (0, 0);
    while prefix < old_len.min(new_len) {
        let (o, n) = (&old.order[prefix], &new.order[prefix]);
        let (ol, nl) = (
            link_at(old, &mut old_cursor, o.1, true),
            link_at(new, &mut new_cursor, n.1, true),
        );
        if !same((o, ol), (n, nl)) {
            break;
        }
        prefix += 1;
    }
    let mut suffix = 0;
    let (mut old_cursor, mut new_cursor) = (old.links.len(), new.links.len());
    while suffix < old_len.min(new_len) - prefix {
        let (o, n) = (
            &old.order[old_len - 1 - suffix],
            &new.order[new_len - 1 - suffix],
        );
        let (ol, nl) = (
            link_at(old, &mut old_cursor, o.1, false),
            link_at(new, &mut new_cursor, n.1, false),
        );
        if !same((o, ol), (n, nl)) {
            break;
        }
        suffix += 1;
    }
    let ctx = Context {
        doc,
        config,
        analysis,
    };
    let mut end = new_len - suffix;
    if end > prefix || old_len - suffix > prefix {
        // On to the next anchor, itself included: it reads the footnote before it.
        while end < new_len {
            end += 1;
            if is_ibid_anchor(&ctx, new.order[end - 1].1) {
                break;
            }
        }
    }
    let old_end = end + old_len - new_len;
    let mut blocks: Vec<usize> = new.order[prefix..end].iter().map(|(_, b)| *b).collect();
    blocks.extend(
        old.order[prefix..old_end]
            .iter()
            .filter_map(|(_, b)| map(*b)),
    );
    blocks.extend(new_window);
    blocks.sort_unstable();
    blocks.dedup();
    IbidJudged {
        positions: prefix..end,
        blocks,
    }
}

/// Drops the diagnostics of the rules of [`Scope::IbidEachFootnote`] in blocks `judged.blocks`
/// and judges the footnotes at `judged.positions` again.
fn rejudge_footnotes(
    rules: &[Rule],
    doc: &Document,
    config: &Config,
    analysis: &Analysis,
    judged: &IbidJudged,
    out: &mut Vec<Diagnostic>,
) {
    let blocks = doc.blocks();
    let spans: Vec<Range<usize>> = judged
        .blocks
        .iter()
        .filter_map(|&b| blocks.get(b).map(Block::range))
        .collect();
    let each_footnote = |id: &str| matches!(scope_of(rules, id), Scope::IbidEachFootnote(_));
    out.retain(|d| {
        if !each_footnote(d.rule) {
            return true;
        }
        let at = d.range.start;
        let k = spans.partition_point(|s| s.end < at);
        spans.get(k).is_none_or(|s| s.start > at)
    });
    let ctx = Context {
        doc,
        config,
        analysis,
    };
    for rule in rules {
        let Scope::IbidEachFootnote(check) = rule.scope else {
            continue;
        };
        let check: FootnoteCheck = check;
        let checked = |ctx: &Context, found: &mut Vec<Diagnostic>| {
            check(ctx, judged.positions.clone(), found)
        };
        run_rule_as(rule, checked, &ctx, &analysis.suppressions, |_| true, out);
    }
}

/// The operative paragraphs (not sub-paragraphs) among logical paragraphs `new`, walked again
/// after `splice`, have the head blocks of those among `old` (as they were), moved over it with
/// what operative numbering reads of them as it was, with the same section breaks before them.
fn same_heads_in_window(
    old: &[LogicalParagraph],
    new: &[LogicalParagraph],
    splice: &Splice,
) -> bool {
    let heads = |paragraphs: &[LogicalParagraph]| {
        paragraphs
            .iter()
            .filter(|lp| lp.is_operative_head())
            .map(|lp| (lp.head(), lp.after_section))
            .collect::<Vec<_>>()
    };
    let (old, new) = (heads(old), heads(new));
    old.len() == new.len()
        && old
            .iter()
            .zip(&new)
            .all(|(&(old_head, old_after), &(new_head, new_after))| {
                old_after == new_after && head_after(old_head, splice) == Some(new_head)
            })
}

/// The operative paragraphs (not sub-paragraphs) as (head block, after a section heading): all
/// that `operative-numbering` reads of the analysis.
fn operative_heads(structure: &Structure) -> impl Iterator<Item = (usize, bool)> + '_ {
    structure
        .paragraphs
        .iter()
        .filter(|lp| lp.is_operative_head())
        .map(|lp| (lp.head(), lp.after_section))
}

/// Where operative head block `index` is after `splice`, when the edit left what operative
/// numbering reads of it as it was: its start, number and where its words start (unchanged, on a
/// re-parsed block), and their first character (untouched). `None` otherwise.
fn head_after(index: usize, splice: &Splice) -> Option<usize> {
    let first = splice.first_block;
    let old_end = first + splice.old_blocks.len();
    if index >= old_end {
        return Some(index + splice.new_blocks.len() - splice.old_blocks.len());
    }
    if index < first {
        return Some(index);
    }
    let old = &splice.old_blocks[index - first];
    let p_old = old.paragraph()?;
    let start = splice.map(old.start)?;
    let k = splice.new_blocks.iter().position(|b| b.start == start)?;
    let p_new = splice.new_blocks[k].paragraph()?;
    // Text put in right at the block's start would go before its first character.
    let untouched = splice.replaced.end < old.start
        || splice.replaced.start >= old.start + p_old.content_start as usize + MAX_CHAR_LEN;
    (untouched && p_old.number == p_new.number && p_old.content_start == p_new.content_start)
        .then_some(first + k)
}

/// The operative paragraphs of `new` have the head blocks of those of `old`, moved over `splices`
/// with what operative numbering reads of them as it was, with the same section breaks between
/// them.
fn same_operative_heads(
    old: &Structure,
    new: &Structure,
    splices: &[&Splice],
    edited_blocks: &[usize],
) -> bool {
    let mut old_heads = operative_heads(old);
    let mut new_heads = operative_heads(new);
    loop {
        match (old_heads.next(), new_heads.next()) {
            (None, None) => return true,
            (Some((old_head, old_after)), Some((new_head, new_after))) => {
                let moved = splices
                    .iter()
                    .try_fold(old_head, |index, splice| head_after(index, splice));
                if old_after != new_after
                    || edited_blocks.contains(&old_head)
                    || moved != Some(new_head)
                {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Moves the diagnostics over `splice` and drops the local ones of the edited block (they are
/// checked again on the new text). `None` when an offset falls inside the edit: such a
/// diagnostic read the edited text, so the cache cannot follow.
fn move_diagnostics(
    rules: &[Rule],
    diagnostics: &mut Vec<Diagnostic>,
    splice: &Splice,
    edited: Option<&EditedBlock>,
) -> Option<()> {
    let map = |offset: usize| splice.map_clear_of_edit(offset);
    if let Some(edited) = edited {
        let old = &edited.old_range;
        diagnostics.retain(|d| {
            !(old.start <= d.range.end && d.range.end <= old.end && is_local(rules, d.rule))
        });
    }
    // A fix offered on several diagnostics (rewriting every Ibid. in the draft's form) is shared
    // by them: it is moved once, in place when nothing else holds it, and shared again. A
    // deferred fix (renumbering) has no edits to move.
    let mut lists: Vec<Option<Arc<Vec<Edit>>>> = diagnostics
        .iter_mut()
        .map(|d| match d.fix.as_mut().map(|f| &mut f.edits) {
            Some(FixEdits::Listed(edits)) => Some(std::mem::take(edits)),
            _ => None,
        })
        .collect();
    let mut first_holder: HashMap<*const Vec<Edit>, usize> = HashMap::new();
    let mut shares_with: Vec<Option<usize>> = vec![None; lists.len()];
    for i in 0..lists.len() {
        let Some(list) = &lists[i] else { continue };
        if Arc::strong_count(list) > 1 {
            let first = *first_holder.entry(Arc::as_ptr(list)).or_insert(i);
            if first != i {
                // Dropped while the first holder's copy moves, so that copy can move in place.
                shares_with[i] = Some(first);
                lists[i] = None;
            }
        }
    }
    for list in lists.iter_mut().flatten() {
        match Arc::get_mut(list) {
            Some(edits) => move_edits(edits, splice)?,
            None => {
                // Someone outside the cache still holds it: move a copy.
                let mut edits = list.as_ref().clone();
                move_edits(&mut edits, splice)?;
                *list = Arc::new(edits);
            }
        }
    }
    for i in 0..lists.len() {
        if let Some(first) = shares_with[i] {
            lists[i] = lists[first].clone();
        }
    }
    for (d, list) in diagnostics.iter_mut().zip(lists) {
        d.range = map_range(&d.range, map)?;
        for related in &mut d.related {
            related.range = map_range(&related.range, map)?;
        }
        if let (Some(fix), Some(list)) = (&mut d.fix, list) {
            fix.edits = FixEdits::Listed(list);
        }
    }
    Some(())
}

/// Moves a fix's edits over `splice`. A draft-wide fix has an edit per paragraph, so the common
/// cases (wholly before or after the edit) take no more than a comparison and an addition.
fn move_edits(edits: &mut [Edit], splice: &Splice) -> Option<()> {
    let replaced = &splice.replaced;
    let delta = splice.delta();
    for edit in edits {
        let range = &mut edit.range;
        // As `Splice::map_clear_of_edit`: an edge at the edit cannot be moved.
        if range.start > replaced.end {
            // After the replaced range's end: moving back by at most its length stays after its
            // start, so the plain addition is exact.
            range.start = range.start.wrapping_add_signed(delta);
            range.end = range.end.wrapping_add_signed(delta);
        } else if range.end >= replaced.start {
            *range = map_range(range, |o| splice.map_clear_of_edit(o))?;
        }
    }
    Some(())
}

/// The first range end that block `index` owns (see [`is_local`]): just past the block before.
fn owned_after(blocks: &[Block], index: usize) -> usize {
    index
        .checked_sub(1)
        .map_or(0, |previous| blocks[previous].end() + 1)
}

/// Runs the local rules on block `index` alone and adds what they find.
fn check_block(
    rules: &[Rule],
    doc: &Document,
    config: &Config,
    analysis: &Analysis,
    index: usize,
    out: &mut Vec<Diagnostic>,
) {
    let Some(block) = doc.blocks().get(index) else {
        return;
    };
    let range = block.range();
    let narrowed = narrowed_analysis(analysis, block, index);
    let ctx = Context {
        doc,
        config,
        analysis: &narrowed,
    };
    // The diagnostics of the other paragraphs the narrowed analysis holds belong to their blocks.
    let after = owned_after(doc.blocks(), index);
    let in_block = |d: &Diagnostic| after <= d.range.end && d.range.end <= range.end;
    for rule in rules.iter().filter(|r| r.scope.is_block()) {
        run_rule(rule, &ctx, &analysis.suppressions, in_block, out);
    }
}

/// The analysis as the local rules need it to check block `index`: its logical paragraph, with
/// the operative paragraphs around it that sub-paragraph levels and the final full stop depend on,
/// and its footnote references. Block-indexed tables are left empty: local rules do not read them.
fn narrowed_analysis(analysis: &Analysis, block: &Block, index: usize) -> Analysis {
    let structure = &analysis.structure;
    let paragraphs = match structure.paragraph_of(index) {
        Some(n) => around(&structure.paragraphs, n).to_vec(),
        None => Vec::new(),
    };
    // Taken from the block, which holds them as they are now, in the same order (the edit left
    // them in place), whatever the analysis has made of them yet.
    let refs = &analysis.footnotes.refs;
    let from = refs.partition_point(|r| r.block < index);
    let to = refs.partition_point(|r| r.block <= index);
    let refs: Vec<_> = refs[from..to]
        .iter()
        .zip(&block.refs)
        .map(|(site, now)| RefSite {
            label_range: block.abs(&now.label_range),
            marker_range: block.abs(&now.marker_range),
            ..site.clone()
        })
        .collect();
    Analysis {
        is_draft: analysis.is_draft,
        language: analysis.language,
        checks_openers: analysis.checks_openers,
        phrases: analysis.phrases.clone(),
        structure: Structure {
            roles: Vec::new(),
            paragraphs,
            organ: structure.organ,
            pages: Vec::new(),
            has_page_breaks: structure.has_page_breaks,
            embedded_from: structure.embedded_from,
            ..Structure::default()
        },
        footnotes: FootnoteIndex {
            refs,
            ..FootnoteIndex::default()
        },
        ibid: IbidChains::default(),
        suppressions: Suppressions::default(),
    }
}

/// Logical paragraph `n` with what the punctuation rules look at around it: for an operative
/// paragraph, the sub-paragraphs before it back to a paragraph that is not one (where sub-paragraph
/// levels start afresh) and the operative paragraph after it (whether `n` is the last, whether it
/// introduces sub-paragraphs).
fn around(paragraphs: &[LogicalParagraph], n: usize) -> &[LogicalParagraph] {
    if paragraphs[n].part != Part::Operative {
        // A preambular paragraph with the sub-paragraph after it, which lets it end with a colon.
        let to = if preamble_leads_in(paragraphs, n) {
            n + 1
        } else {
            n
        };
        return &paragraphs[n..=to];
    }
    let mut from = n;
    while from > 0
        && (paragraphs[from].is_sub || paragraphs[from].misplaced)
        && paragraphs[from - 1].part == Part::Operative
    {
        from -= 1;
    }
    // Past paragraphs that strayed there, which do not count.
    let mut to = n;
    while paragraphs.get(to + 1).is_some_and(|next| next.misplaced) {
        to += 1;
    }
    if paragraphs
        .get(to + 1)
        .is_some_and(|next| next.part == Part::Operative)
    {
        to += 1;
    }
    &paragraphs[from..=to]
}
