//! The refactors' work on an analysed draft: renumbering footnotes and operative paragraphs,
//! expanding an Ibid. to its full citation, turning a repeated full citation into Ibid. The rules
//! whose fixes do the same thing (`footnote-order`, `operative-numbering`, `ibid-after-note`,
//! `ibid-redundant`) call these functions, as [`crate::refactor::Refactors`] does, so a fix and a
//! refactor never disagree.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{ibid_footnote, ibid_text, preferred_ibid_italic};
use crate::analysis::{IbidStatus, LogicalParagraph, Role};
use crate::diagnostic::{Edit, Fix, Refactor};
use crate::rules::Context;
use crate::syntax::{Block, CitationKind, FootnoteKey, Paragraph};

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

/// The operative paragraphs (not sub-paragraphs) with their head block and its paragraph, one at
/// a time (the check reads them so: as a list, they were its largest at its peak).
pub fn operative_heads_iter<'c>(
    ctx: &'c Context<'c>,
) -> impl Iterator<Item = (&'c LogicalParagraph, &'c Block, &'c Paragraph)> + 'c {
    ctx.analysis
        .structure
        .paragraphs
        .iter()
        .filter(|lp| lp.is_operative_head())
        .filter_map(|lp| Some((lp, ctx.block(lp.head()), ctx.paragraph(lp.head())?)))
}

/// [`operative_heads_iter`] as a list.
pub fn operative_heads<'c>(
    ctx: &'c Context<'c>,
) -> Vec<(&'c LogicalParagraph, &'c Block, &'c Paragraph)> {
    let paragraphs = &ctx.analysis.structure.paragraphs;
    // Sized exactly, counted first: growing by doubling copied it over and over, and room for
    // every paragraph was the largest list at the check's peak.
    let count = paragraphs
        .iter()
        .filter(|lp| lp.is_operative_head())
        .count();
    let mut heads = Vec::with_capacity(count);
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
            .map(|number| Edit::delete(block.abs(&number.prefix())))
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
                block.start + p.content_start as usize,
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

pub(crate) fn key_of_block(ctx: &Context, block: usize) -> Option<FootnoteKey> {
    ctx.block(block).footnote_def().map(|d| d.key.clone())
}

/// The full citation an Ibid. with `locator` stands for, when its source is the definition in
/// block `source`: the source's work with the Ibid.'s locator, or the whole source when the
/// Ibid. has none.
pub fn full_citation(ctx: &Context, source: usize, locator: Option<&str>) -> Option<String> {
    let block = ctx.block(source);
    let body = &block.footnote_def()?.body;
    let text = ctx.doc.text();
    Some(match locator {
        Some(locator) => format!("{}, {locator}.", body.work(block, text)),
        None => format!("{}.", body.normalized(block, text)),
    })
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
    let text = full_citation(ctx, source, chain_locator(ctx, block, source).as_deref())?;
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
            body.ibid().and(body.locator.as_deref().map(str::to_owned))
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
    let (source_block, this_block) = (ctx.block(source), ctx.block(block));
    let source_body = &source_block.footnote_def()?.body;
    let body = &this_block.footnote_def()?.body;
    let single = CitationKind::Citation { multiple: false };
    if body.kind != single || source_body.kind != single || body.work_hash != source_body.work_hash
    {
        return None;
    }
    // The hashes say the works are the same: the text confirms it (this runs for every footnote,
    // and reads the text only for a repeat).
    let text = ctx.doc.text();
    if body.work(this_block, text) != source_body.work(source_block, text) {
        return None;
    }
    let same_text = body.normalized_hash == source_body.normalized_hash
        && body.normalized(this_block, text) == source_body.normalized(source_block, text);
    if body.locator.is_none() && !same_text {
        return None;
    }
    let locator = body
        .locator
        .as_deref()
        .filter(|_| !same_text)
        .map(str::to_owned);
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
