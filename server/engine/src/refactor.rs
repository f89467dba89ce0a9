//! Refactors a drafter asks for: renumbering footnotes and operative paragraphs, expanding an
//! Ibid. to its full citation, turning a repeated full citation into Ibid. Each gives a Fix.
//!
//! A refactor is offered whether or not a rule reports anything (the rule may be off or
//! suppressed), and only when it would change the text. The rules whose fixes do the same thing
//! (`footnote-order`, `operative-numbering`, `ibid-after-note`, `ibid-redundant`) call the
//! functions here, so a fix and a refactor never disagree.
//!
//! Everything is on byte offsets; the server converts positions at its edge.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::analysis::{Analysis, IbidStatus, LogicalParagraph, Role};
use crate::check::check_analysed;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix, FixEdits};
use crate::document::Document;
use crate::rules::support::{ibid_footnote, ibid_text, preferred_ibid_italic};
use crate::rules::Context;
use crate::syntax::{Block, CitationKind, FootnoteBody, FootnoteKey, Paragraph};

/// The refactors there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Refactor {
    /// Every footnote renumbered in reading order, references and definitions together.
    RenumberFootnotes,
    /// The operative paragraphs renumbered as the `operative-numbering` fix numbers them.
    RenumberOperative,
    /// The Ibid. footnote at an offset written out as its full citation.
    ExpandIbid,
    /// The full citation at an offset, repeating the work of the footnote before it, turned into
    /// Ibid. in the draft's form.
    ReplaceWithIbid,
}

impl Refactor {
    pub const ALL: [Refactor; 4] = [
        Refactor::ExpandIbid,
        Refactor::ReplaceWithIbid,
        Refactor::RenumberFootnotes,
        Refactor::RenumberOperative,
    ];

    /// A stable name, for a client to send back when it resolves an action lazily.
    pub fn id(self) -> &'static str {
        match self {
            Refactor::RenumberFootnotes => "renumber-footnotes",
            Refactor::RenumberOperative => "renumber-operative",
            Refactor::ExpandIbid => "expand-ibid",
            Refactor::ReplaceWithIbid => "replace-with-ibid",
        }
    }

    pub fn from_id(id: &str) -> Option<Refactor> {
        Refactor::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The command as a drafter reads it.
    pub fn title(self) -> &'static str {
        match self {
            Refactor::RenumberFootnotes => "Renumber footnotes in reading order",
            Refactor::RenumberOperative => "Renumber operative paragraphs",
            Refactor::ExpandIbid => "Expand Ibid. to the full citation",
            Refactor::ReplaceWithIbid => "Replace with Ibid.",
        }
    }

    /// It acts on the footnote at an offset; the others act on the whole draft.
    pub fn is_local(self) -> bool {
        matches!(self, Refactor::ExpandIbid | Refactor::ReplaceWithIbid)
    }
}

/// A refactor that would change the draft, with its fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Available {
    pub refactor: Refactor,
    pub fix: Fix,
    /// The footnote a local refactor acts on.
    pub footnote: Option<FootnoteKey>,
}

/// A document analysed once for several refactors, and for the edits of its diagnostics' fixes.
pub struct Refactors<'a> {
    doc: &'a Document,
    config: &'a Config,
    analysis: Analysis,
    /// The edits of each deferred fix, made once and shared (by `Refactor as usize`).
    deferred: [OnceCell<Arc<Vec<Edit>>>; Refactor::ALL.len()],
}

impl<'a> Refactors<'a> {
    /// Analyses `doc`; `path`, when known, is matched against the draft globs.
    pub fn new(doc: &'a Document, config: &'a Config, path: Option<&str>) -> Refactors<'a> {
        Refactors::analysed(doc, config, Analysis::new(doc, config, path))
    }

    /// For `doc` analysed already.
    pub fn analysed(doc: &'a Document, config: &'a Config, analysis: Analysis) -> Refactors<'a> {
        Refactors {
            doc,
            config,
            analysis,
            deferred: Default::default(),
        }
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The diagnostics of the document, as `check` gives them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        check_analysed(self.doc, self.config, &self.analysis)
    }

    /// The edits of `fix`, a fix of one of this document's diagnostics: a deferred fix's are made
    /// now (once for all the diagnostics that offer it).
    pub fn edits(&self, fix: &Fix) -> Arc<Vec<Edit>> {
        match &fix.edits {
            FixEdits::Listed(edits) => Arc::clone(edits),
            FixEdits::Deferred(refactor) => {
                let made = self.deferred[*refactor as usize].get_or_init(|| {
                    match self.compute(*refactor, 0).map(|fix| fix.edits) {
                        Some(FixEdits::Listed(edits)) => edits,
                        _ => Arc::default(),
                    }
                });
                Arc::clone(made)
            }
        }
    }

    pub fn context(&self) -> Context<'_> {
        Context {
            doc: self.doc,
            config: self.config,
            analysis: &self.analysis,
        }
    }

    /// The refactors that would change something, for a cursor or selection at `range`: the
    /// local ones on the footnote at its start, then the draft-wide ones. None outside a draft.
    pub fn available(&self, range: Range<usize>) -> Vec<Available> {
        if !self.analysis.is_draft {
            return Vec::new();
        }
        let ctx = self.context();
        let footnote = footnote_at(&ctx, range.start).and_then(|b| key_of_block(&ctx, b));
        Refactor::ALL
            .into_iter()
            .filter_map(|refactor| {
                let fix = compute(&ctx, refactor, range.start)?;
                Some(Available {
                    refactor,
                    fix,
                    footnote: footnote.clone().filter(|_| refactor.is_local()),
                })
            })
            .collect()
    }

    /// One refactor's fix at `offset` (ignored by the draft-wide ones); `None` when it would
    /// change nothing or does not apply there.
    pub fn compute(&self, refactor: Refactor, offset: usize) -> Option<Fix> {
        if !self.analysis.is_draft {
            return None;
        }
        compute(&self.context(), refactor, offset)
    }

    /// Where the (first) definition of footnote `key` starts: a local refactor finds its footnote
    /// again there after the text changed.
    pub fn definition_start(&self, key: &FootnoteKey) -> Option<usize> {
        let def = self.analysis.footnotes.definition(key)?;
        Some(self.doc.blocks()[def.block].start)
    }
}

/// One refactor's fix on an analysed draft.
pub fn compute(ctx: &Context, refactor: Refactor, offset: usize) -> Option<Fix> {
    match refactor {
        Refactor::RenumberFootnotes => renumber_footnotes(ctx),
        Refactor::RenumberOperative => renumber_operative(ctx),
        Refactor::ExpandIbid => expand_ibid(ctx, offset),
        Refactor::ReplaceWithIbid => replace_with_ibid(ctx, offset),
    }
}

// ---------------------------------------------------------------------------------------------
// Footnotes in reading order

/// Renumbers every numbered footnote in reading order, references and definitions together;
/// definitions of unreferenced footnotes take the numbers after the last referenced one. `None`
/// when the numbering is already in order.
pub fn renumber_footnotes(ctx: &Context) -> Option<Fix> {
    let footnotes = &ctx.analysis.footnotes;
    let mut new_numbers: FxHashMap<&FootnoteKey, u32> = FxHashMap::default();
    let numbered = footnotes
        .reading_order
        .iter()
        .chain(footnotes.defs.iter().map(|d| &d.key));
    for key in numbered.filter(|k| k.number().is_some()) {
        let next = new_numbers.len() as u32 + 1;
        new_numbers.entry(key).or_insert(next);
    }
    let mut edits = Vec::new();
    let mut renumber = |key: &FootnoteKey, range: Range<usize>| {
        if let Some(&n) = new_numbers.get(key) {
            if key.number() != Some(n) {
                edits.push(Edit::replace(range, n.to_string()));
            }
        }
    };
    for site in &footnotes.refs {
        renumber(&site.key, site.label_range.clone());
    }
    for def in &footnotes.defs {
        let block = ctx.block(def.block);
        if let Some(d) = block.footnote_def() {
            renumber(&def.key, block.abs(&d.label_range));
        }
    }
    (!edits.is_empty()).then(|| Fix::safe(Refactor::RenumberFootnotes.title(), edits))
}

// ---------------------------------------------------------------------------------------------
// Operative paragraphs

/// The operative paragraphs (not sub-paragraphs) with their head block and its paragraph.
pub fn operative_heads<'c>(
    ctx: &'c Context<'c>,
) -> Vec<(&'c LogicalParagraph, &'c Block, &'c Paragraph)> {
    let paragraphs = &ctx.analysis.structure.paragraphs;
    // Sized for every paragraph (it is dropped soon): growing by doubling copied it over and over.
    let mut heads = Vec::with_capacity(paragraphs.len());
    heads.extend(
        paragraphs
            .iter()
            .filter(|lp| lp.is_operative_head())
            .filter_map(|lp| Some((lp, ctx.block(lp.head()), ctx.paragraph(lp.head())?))),
    );
    heads
}

/// `n` in ASCII digits, or in Arabic-Indic ones (`١٢`) where the draft writes those.
fn written_number(n: u32, indic: bool) -> String {
    let ascii = n.to_string();
    if !indic {
        return ascii;
    }
    ascii
        .chars()
        .map(|c| char::from_u32('٠' as u32 + (c as u32 - '0' as u32)).unwrap_or(c))
        .collect()
}

/// The edits that number the operative paragraphs 1, 2, 3 … (starting again at 1 after a section
/// heading where the draft does), give a number to those without one, or drop the number of a
/// lone paragraph. Empty when the numbering is right.
pub fn operative_renumbering(ctx: &Context) -> Vec<Edit> {
    let paragraphs = operative_heads(ctx);
    if let [(_, block, p)] = paragraphs.as_slice() {
        return p
            .number
            .iter()
            .map(|number| Edit::delete(block.abs(&number.prefix)))
            .collect();
    }
    let mut sequential = 1;
    // At most an edit per paragraph; the fix keeps the list, so it gives back what it did not use.
    let mut edits = Vec::with_capacity(paragraphs.len());
    for (lp, block, p) in &paragraphs {
        if lp.after_section && p.number.as_ref().is_some_and(|n| n.value == 1) {
            sequential = 1;
        }
        match &p.number {
            None => edits.push(Edit::insert(
                block.start + p.content_start,
                ctx.language().number_prefix(sequential),
            )),
            Some(number) if number.value != sequential => edits.push(Edit::replace(
                block.abs(&number.digits),
                written_number(sequential, number.indic),
            )),
            Some(_) => {}
        }
        sequential += 1;
    }
    edits.shrink_to_fit();
    edits
}

/// Renumbers the operative paragraphs as the `operative-numbering` fix does; `None` when the
/// numbering is right.
pub fn renumber_operative(ctx: &Context) -> Option<Fix> {
    let edits = operative_renumbering(ctx);
    (!edits.is_empty()).then(|| Fix::safe(Refactor::RenumberOperative.title(), edits))
}

// ---------------------------------------------------------------------------------------------
// Ibid. and full citations

/// The block of the footnote definition at `offset`: the definition the offset is in (or in a
/// paragraph carrying it on), or the definition of the reference marker the offset is on.
pub fn footnote_at(ctx: &Context, offset: usize) -> Option<usize> {
    let footnotes = &ctx.analysis.footnotes;
    if let Some(site) = footnotes
        .refs
        .iter()
        .find(|r| !r.in_footnote && r.marker_range.start <= offset && offset <= r.marker_range.end)
    {
        return footnotes.definition(&site.key).map(|d| d.block);
    }
    let blocks = ctx.blocks();
    let mut i = blocks.partition_point(|b| b.end() < offset);
    if blocks.get(i).is_none_or(|b| b.start > offset) {
        return None;
    }
    let roles = &ctx.analysis.structure.roles;
    while roles.get(i) == Some(&Role::FootnoteContinuation) {
        i = i.checked_sub(1)?;
    }
    (roles.get(i) == Some(&Role::FootnoteDef)).then_some(i)
}

fn key_of_block(ctx: &Context, block: usize) -> Option<FootnoteKey> {
    ctx.block(block).footnote_def().map(|d| d.key.clone())
}

/// The full citation an Ibid. with `locator` stands for, when its source is `source`: the
/// source's work with the Ibid.'s locator, or the whole source when the Ibid. has none.
pub fn full_citation(source: &FootnoteBody, locator: Option<&str>) -> String {
    match locator {
        Some(locator) => format!("{}, {locator}.", source.work),
        None => format!("{}.", source.normalized),
    }
}

/// Writes the Ibid. footnote at `offset` out as the full citation it resolves to:
/// `*Ibid.*, vol. 976, No. 14152.` after `United Nations, *Treaty Series*, vol. 2225, No. 39574.`
/// becomes `United Nations, *Treaty Series*, vol. 976, No. 14152.`
pub fn expand_ibid(ctx: &Context, offset: usize) -> Option<Fix> {
    let block = footnote_at(ctx, offset)?;
    let link = ctx.analysis.ibid.link_of(block)?;
    let IbidStatus::Resolved { source } = link.status else {
        return None;
    };
    let body = &ctx.block(block).footnote_def()?.body;
    let source_body = &ctx.block(source).footnote_def()?.body;
    let text = full_citation(source_body, chain_locator(ctx, block, source).as_deref());
    Some(Fix::unsafe_(
        Refactor::ExpandIbid.title(),
        vec![Edit::replace(ctx.block(block).abs(&body.range), text)],
    ))
}

/// The locator an Ibid. in `block` stands for: its own, else that of the nearest Ibid. before it
/// in the chain that gives one (`*Ibid.*` after `*Ibid.*, vol. 976` is vol. 976 again); `None`
/// when the chain back to `source` gives none (the whole source).
fn chain_locator(ctx: &Context, block: usize, source: usize) -> Option<String> {
    let order = &ctx.analysis.ibid.order;
    let position = ctx.analysis.ibid.position_of(block)?;
    order[..=position]
        .iter()
        .rev()
        .map(|(_, b)| *b)
        .take_while(|b| *b != source)
        .find_map(|b| {
            let body = &ctx.block(b).footnote_def()?.body;
            body.ibid().and(body.locator.clone())
        })
}

/// A full citation that repeats the work of the footnote before it in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepeatedCitation {
    /// The definition block of the footnote that cites the work first (an Ibid. before the
    /// repeat is followed to its source).
    pub source: usize,
    /// The repeating footnote's body (absolute).
    pub body_range: Range<usize>,
    /// The locator Ibid. must keep, when it differs from the source's.
    pub locator: Option<String>,
}

impl RepeatedCitation {
    /// The text that replaces the body, given Ibid. in the draft's form.
    pub fn replacement(&self, ctx: &Context, ibid: &str) -> String {
        ibid_footnote(ctx, ibid, self.locator.as_deref())
    }
}

/// Whether the footnote defined in `block` repeats the full citation of the footnote before it
/// (or of the source an Ibid. before it stands for), so that Ibid. would do.
pub fn repeated_citation(ctx: &Context, block: usize) -> Option<RepeatedCitation> {
    let order = &ctx.analysis.ibid.order;
    let position = ctx.analysis.ibid.position_of(block)?;
    let previous = order[position.checked_sub(1)?].1;
    // The source the previous footnote stands for: itself, or what its Ibid. resolves to.
    let source = match ctx.analysis.ibid.link_of(previous).map(|l| &l.status) {
        Some(IbidStatus::Resolved { source }) => *source,
        Some(_) => return None,
        None => previous,
    };
    let source_body = &ctx.block(source).footnote_def()?.body;
    let body = &ctx.block(block).footnote_def()?.body;
    let single = CitationKind::Citation { multiple: false };
    if body.kind != single
        || source_body.kind != single
        || body.work != source_body.work
        || (body.locator.is_none() && body.normalized != source_body.normalized)
    {
        return None;
    }
    let locator = body
        .locator
        .clone()
        .filter(|_| body.normalized != source_body.normalized);
    Some(RepeatedCitation {
        source,
        body_range: ctx.block(block).abs(&body.range),
        locator,
    })
}

/// Turns the full citation at `offset` into Ibid. in the draft's form when it repeats the work
/// of the footnote before it, keeping a locator that differs.
pub fn replace_with_ibid(ctx: &Context, offset: usize) -> Option<Fix> {
    let repeat = repeated_citation(ctx, footnote_at(ctx, offset)?)?;
    let ibid = ibid_text(ctx, preferred_ibid_italic(ctx));
    let text = repeat.replacement(ctx, &ibid);
    Some(Fix::unsafe_(
        Refactor::ReplaceWithIbid.title(),
        vec![Edit::replace(repeat.body_range, text)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply_edits;

    fn run(text: &str, refactor: Refactor, at: &str) -> Option<String> {
        let doc = Document::new(text);
        let config = Config::default();
        let refactors = Refactors::new(&doc, &config, None);
        let offset = text.find(at).unwrap_or_else(|| panic!("{at} in text"));
        let fix = refactors.compute(refactor, offset)?;
        assert_eq!(fix.title, refactor.title());
        Some(apply_edits(text, &refactors.edits(&fix)))
    }

    const FOOTNOTES: &str = "*The General Assembly*,\n\n*Recalling* a,<sup>3</sup> b,<sup>1</sup> c,<sup>3</sup> d,[^x]\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> A/73/334.\n\n<sup>3</sup> A/73/335.\n\n<sup>7</sup> Unused.\n\n[^x]: A/73/336.\n";

    #[test]
    fn renumbers_footnotes_in_reading_order() {
        assert_eq!(
            run(FOOTNOTES, Refactor::RenumberFootnotes, "").unwrap(),
            "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c,<sup>1</sup> d,[^x]\n\n*Decides* to act.\n\n---\n\n<sup>2</sup> A/73/334.\n\n<sup>1</sup> A/73/335.\n\n<sup>3</sup> Unused.\n\n[^x]: A/73/336.\n"
        );
        let renumbered = run(FOOTNOTES, Refactor::RenumberFootnotes, "").unwrap();
        assert_eq!(run(&renumbered, Refactor::RenumberFootnotes, ""), None);
    }

    #[test]
    fn renumbers_operative_paragraphs_as_the_rule_does() {
        let text = "*The General Assembly*,\n\n*Recalling* x,\n\n1. *Decides* a;\n\n3. *Requests* b;\n\n*Invites* c;\n\n## II\n\n1. *Urges* d;\n\n7. *Notes* e.\n";
        assert_eq!(
            run(text, Refactor::RenumberOperative, "").unwrap(),
            "*The General Assembly*,\n\n*Recalling* x,\n\n1. *Decides* a;\n\n2. *Requests* b;\n\n3. *Invites* c;\n\n## II\n\n1. *Urges* d;\n\n2. *Notes* e.\n"
        );
        let lone = "*The General Assembly*,\n\n*Recalling* x,\n\n1. *Decides* a.\n";
        assert_eq!(
            run(lone, Refactor::RenumberOperative, "").unwrap(),
            "*The General Assembly*,\n\n*Recalling* x,\n\n*Decides* a.\n"
        );
        let right = "*The General Assembly*,\n\n1. *Decides* a;\n\n2. *Requests* b.\n";
        assert_eq!(run(right, Refactor::RenumberOperative, ""), None);
    }

    const CHAIN: &str = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c,<sup>3</sup> d,<sup>4</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.\n\n<sup>2</sup> *Ibid.*, vol. 976, No. 14152.\n\n<sup>3</sup> *Ibid.*\n\n<sup>4</sup> Some countries have noted links.\n";

    #[test]
    fn expands_an_ibid_with_its_locator() {
        let expanded = run(CHAIN, Refactor::ExpandIbid, "*Ibid.*, vol. 976").unwrap();
        assert!(expanded
            .contains("<sup>2</sup> United Nations, *Treaty Series*, vol. 976, No. 14152.\n"));
        // From the reference marker in the text, too.
        assert_eq!(
            run(CHAIN, Refactor::ExpandIbid, "<sup>2</sup> c").unwrap(),
            expanded
        );
        // An Ibid. without a locator repeats the one before it.
        let same = run(CHAIN, Refactor::ExpandIbid, "*Ibid.*\n").unwrap();
        assert!(
            same.contains("<sup>3</sup> United Nations, *Treaty Series*, vol. 976, No. 14152.\n")
        );
        // Right after the source, it stands for the whole source.
        let whole = CHAIN.replace("*Ibid.*, vol. 976, No. 14152.", "*Ibid.*");
        let whole = run(&whole, Refactor::ExpandIbid, "*Ibid.*\n").unwrap();
        assert!(
            whole.contains("<sup>2</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.\n")
        );
        // Not an Ibid.; not a footnote.
        assert_eq!(run(CHAIN, Refactor::ExpandIbid, "United Nations"), None);
        assert_eq!(run(CHAIN, Refactor::ExpandIbid, "Decides"), None);
    }

    #[test]
    fn an_unresolved_ibid_is_not_expanded() {
        let text = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> Some countries have noted links.\n\n<sup>2</sup> *Ibid.*, para. 3.\n";
        assert_eq!(run(text, Refactor::ExpandIbid, "*Ibid.*"), None);
    }

    #[test]
    fn replaces_a_repeated_citation_with_ibid() {
        let text = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c,<sup>3</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.\n\n<sup>2</sup> United Nations, *Treaty Series*, vol. 976, No. 14152.\n\n<sup>3</sup> United Nations, *Treaty Series*, vol. 976, No. 14152.\n";
        let second = run(text, Refactor::ReplaceWithIbid, "vol. 976").unwrap();
        assert!(second.contains("<sup>2</sup> *Ibid.*, vol. 976, No. 14152.\n"));
        // A locator that differs from the source's is kept (as the ibid-redundant fix keeps it).
        let third = run(&second, Refactor::ReplaceWithIbid, "<sup>3</sup> United").unwrap();
        assert!(
            third.contains("<sup>3</sup> *Ibid.*, vol. 976, No. 14152.\n"),
            "{third}"
        );
        // The same citation as the source: Ibid. alone.
        let same = text.replace("976, No. 14152.\n\n<sup>3", "2225, No. 39574.\n\n<sup>3");
        let same = run(&same, Refactor::ReplaceWithIbid, "<sup>2</sup> United").unwrap();
        assert!(same.contains("<sup>2</sup> *Ibid.*\n"), "{same}");
        // The first citation repeats nothing.
        assert_eq!(run(text, Refactor::ReplaceWithIbid, "vol. 2225"), None);
    }

    #[test]
    fn replace_with_ibid_takes_the_drafts_roman_form() {
        let text = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c,<sup>3</sup>\n\n*Decides* to act.\n\n---\n\n<sup>1</sup> General Assembly resolution 60/288.\n\n<sup>2</sup> Ibid., para. 2.\n\n<sup>3</sup> General Assembly resolution 60/288, para. 5.\n";
        let replaced = run(text, Refactor::ReplaceWithIbid, "60/288, para. 5").unwrap();
        assert!(
            replaced.ends_with("<sup>3</sup> Ibid., para. 5.\n"),
            "{replaced}"
        );
    }

    #[test]
    fn offered_only_when_they_change_something_and_only_in_drafts() {
        let doc = Document::new(CHAIN);
        let config = Config::default();
        let refactors = Refactors::new(&doc, &config, None);
        let at = CHAIN.find("*Ibid.*, vol. 976").unwrap();
        let offered: Vec<_> = refactors
            .available(at..at)
            .into_iter()
            .map(|a| (a.refactor, a.footnote))
            .collect();
        assert_eq!(
            offered,
            [(Refactor::ExpandIbid, Some(FootnoteKey::Number(2)))]
        );
        assert_eq!(
            refactors.definition_start(&FootnoteKey::Number(2)),
            Some(CHAIN.find("<sup>2</sup> *Ibid.*").unwrap())
        );
        let readme = "# Notes\n\nText,<sup>2</sup> more.<sup>1</sup>\n\n<sup>1</sup> A.\n\n<sup>2</sup> B.\n";
        let doc = Document::new(readme);
        let refactors = Refactors::new(&doc, &config, None);
        assert!(refactors.available(0..0).is_empty());
    }
}
