//! The rule catalogue: the checks of `docs/format.md#rules`, each explained in `docs/rules.md`.
//! One rule, one file; each is registered once in [`RULES`]. A rule reads the [`Context`] (the
//! document, its analysis, the configuration) and pushes diagnostics; [`crate::check`] then
//! applies severities and suppressions.

use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level, Severity};
use crate::document::Document;

/// What a rule sees.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub config: &'a Config,
    pub analysis: &'a Analysis,
}

impl Context<'_> {
    /// A diagnostic of `rule` at its default severity (the caller's table sets the final one).
    pub fn diagnostic(
        &self,
        rule: &'static str,
        range: std::ops::Range<usize>,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::Warning,
            range,
            message,
            related: Vec::new(),
            fix: None,
        }
    }
}

/// A rule: its stable id, default level, what it reads, and the function that finds it.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub id: &'static str,
    pub default_level: Level,
    /// What it reports, in one line.
    pub summary: &'static str,
    /// What of the draft it reads: the check cache keeps and moves its diagnostics across an edit
    /// that left that unchanged, and runs it again otherwise.
    pub scope: Scope,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

/// A check of some of the footnote index's references (`refs[range]`), each judged from its
/// footnote's definition and first reference.
pub type ReferenceCheck = fn(&Context, std::ops::Range<usize>, &mut Vec<Diagnostic>);

/// A check of some of the footnotes in the Ibid. chains' reading order
/// (`analysis.ibid.order[range]`), each judged as [`Scope::IbidEachFootnote`] says.
pub type FootnoteCheck = fn(&Context, std::ops::Range<usize>, &mut Vec<Diagnostic>);

/// What a rule reads of a draft. [`crate::CheckCache`] decides from it alone, rule by rule,
/// whether an edit can change what the rule reports: a rule declares the narrowest scope that
/// holds everything its `check` reads, and a rule that declares [`Scope::Draft`] is run again
/// after every edit. Each scope names the facts of the analysis that its rules may read besides
/// the configuration and the language.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// Each diagnostic lies in one block and depends only on that block's text and what
    /// `check_cache::LocalFacts` lists of it (its role, the part and level of its logical
    /// paragraph, the mark its end is held to); the rule reads only the paragraphs in
    /// `analysis.structure.paragraphs` and the references in `analysis.footnotes.refs`, so that
    /// an analysis narrowed to one block checks that block alone.
    Block,
    /// The structure's draft-wide facts (roles, pages, the page breaks a draft lacks or repeats):
    /// run again after any edit that changes a fact of the analysis.
    Structure,
    /// The operative paragraphs' head blocks (their numbers and first characters) and the section
    /// breaks between them.
    OperativeSequence,
    /// The footnote index, every reference included, and the definitions' text.
    FootnoteIndex,
    /// The footnote index's definitions, first references and reading order, and the
    /// definitions' text, but not every reference.
    FootnoteFirsts,
    /// As [`Scope::FootnoteFirsts`], plus each reference judged alone by the given check: when
    /// only the blocks around an edit were walked again, their references are checked again.
    FootnoteEachReference(ReferenceCheck),
    /// The Ibid. chains (the footnotes in reading order) and the definitions' text.
    IbidChains,
    /// As [`Scope::IbidChains`], each footnote judged alone by the given check: every diagnostic
    /// lies in the definition of the footnote it judges and depends only on that footnote, the
    /// footnotes before it in reading order back to the nearest that is an anchor
    /// ([`support::is_ibid_anchor`]: every backward search stops there), their links and
    /// definitions' text, and the draft's Ibid. form ([`support::preferred_ibid_italic`]). After an
    /// edit that changed some footnotes, only those and the ones after them up to the next anchor
    /// are judged again; a change of the form judges them all again.
    IbidEachFootnote(FootnoteCheck),
    /// The Ibid. tokens of the footnote definitions (their text and form) and which footnote each
    /// is in, but not the chains: an edit that re-parses or walks again no block holding one
    /// leaves them as they were.
    IbidTokens,
    /// The `resolution-ls` comments outside code.
    Comments,
    /// Anything: run again after every edit.
    Draft,
}

impl Scope {
    /// Whether each diagnostic belongs to one block (see [`Scope::Block`]).
    pub fn is_block(self) -> bool {
        matches!(self, Scope::Block)
    }
}

impl Rule {
    /// The rule's documentation: the doc comment of its file.
    pub fn docs(&self) -> &'static str {
        crate::rule_docs::RULE_DOCS
            .iter()
            .find(|(id, _)| *id == self.id)
            .map_or("", |(_, text)| text)
    }
}

mod comment_unknown;
mod footnote_duplicate;
mod footnote_order;
mod footnote_page;
mod footnote_placement;
mod footnote_repeated;
mod footnote_undefined;
mod footnote_unused;
mod ibid_after_multiple;
mod ibid_after_note;
mod ibid_locator_mismatch;
mod ibid_no_antecedent;
mod ibid_redundant;
mod ibid_style;
mod opener_misplaced;
mod opener_not_italic;
mod opener_partial;
mod opener_spacing;
mod opener_unknown;
mod operative_numbering;
mod operative_punctuation;
mod page_break;
mod preamble_punctuation;
pub mod support;

pub(crate) use operative_punctuation::expected_marks_in;
pub(crate) use preamble_punctuation::leads_in as preamble_leads_in;

const fn on(severity: Severity) -> Level {
    Level::On(severity)
}

macro_rules! rule {
    ($id:literal, $level:expr, $scope:expr, $module:ident, $summary:literal) => {
        Rule {
            id: $id,
            default_level: $level,
            summary: $summary,
            scope: $scope,
            check: $module::check,
        }
    };
}

/// Every rule, in catalogue order. Adding a rule: one file in this folder, one line here.
pub static RULES: &[Rule] = &[
    rule!(
        "footnote-undefined",
        on(Severity::Error),
        Scope::FootnoteIndex,
        footnote_undefined,
        "a reference whose footnote is never defined"
    ),
    rule!(
        "footnote-unused",
        on(Severity::Warning),
        Scope::FootnoteFirsts,
        footnote_unused,
        "a footnote definition that nothing references"
    ),
    rule!(
        "footnote-duplicate",
        on(Severity::Error),
        Scope::FootnoteFirsts,
        footnote_duplicate,
        "two definitions of the same footnote"
    ),
    rule!(
        "footnote-order",
        on(Severity::Warning),
        Scope::FootnoteFirsts,
        footnote_order,
        "footnote numbers that skip or go back in reading order"
    ),
    rule!(
        "footnote-repeated",
        Level::Off,
        Scope::FootnoteEachReference(footnote_repeated::check_references),
        footnote_repeated,
        "the same footnote number referenced twice"
    ),
    rule!(
        "footnote-page",
        on(Severity::Hint),
        Scope::FootnoteFirsts,
        footnote_page,
        "a footnote defined away from the page of its first reference"
    ),
    rule!(
        "footnote-placement",
        on(Severity::Hint),
        Scope::Block,
        footnote_placement,
        "a footnote marker on the wrong side of punctuation"
    ),
    rule!(
        "opener-not-italic",
        on(Severity::Warning),
        Scope::Block,
        opener_not_italic,
        "a paragraph whose opener is not in italics"
    ),
    rule!(
        "opener-partial",
        on(Severity::Warning),
        Scope::Block,
        opener_partial,
        "italics covering only part of a known opener"
    ),
    rule!(
        "opener-spacing",
        on(Severity::Warning),
        Scope::Block,
        opener_spacing,
        "a space inside the emphasis of an opener"
    ),
    rule!(
        "opener-misplaced",
        on(Severity::Warning),
        Scope::Block,
        opener_misplaced,
        "an operative opener in the preamble, or a preambular one in the operative part"
    ),
    rule!(
        "opener-unknown",
        on(Severity::Hint),
        Scope::Block,
        opener_unknown,
        "an italic opener in no phrase list"
    ),
    rule!(
        "preamble-punctuation",
        on(Severity::Warning),
        Scope::Block,
        preamble_punctuation,
        "a preambular paragraph that does not end with a comma"
    ),
    rule!(
        "operative-punctuation",
        on(Severity::Warning),
        Scope::Block,
        operative_punctuation,
        "an operative paragraph without its semicolon, final full stop or colon"
    ),
    rule!(
        "operative-numbering",
        on(Severity::Warning),
        Scope::OperativeSequence,
        operative_numbering,
        "operative numbers that skip, repeat or go back"
    ),
    rule!(
        "page-break",
        on(Severity::Warning),
        Scope::Structure,
        page_break,
        "a footnote block without its page break, or a page break repeated"
    ),
    rule!(
        "ibid-no-antecedent",
        on(Severity::Error),
        Scope::IbidEachFootnote(ibid_no_antecedent::check_footnotes),
        ibid_no_antecedent,
        "Ibid. in the first footnote"
    ),
    rule!(
        "ibid-after-note",
        on(Severity::Error),
        Scope::IbidEachFootnote(ibid_after_note::check_footnotes),
        ibid_after_note,
        "Ibid. after a note that cites no work"
    ),
    rule!(
        "ibid-after-multiple",
        on(Severity::Warning),
        Scope::IbidEachFootnote(ibid_after_multiple::check_footnotes),
        ibid_after_multiple,
        "Ibid. after a footnote that cites several works"
    ),
    rule!(
        "ibid-style",
        on(Severity::Warning),
        Scope::IbidTokens,
        ibid_style,
        "Ibid. written differently within one draft"
    ),
    rule!(
        "ibid-locator-mismatch",
        on(Severity::Warning),
        Scope::IbidEachFootnote(ibid_locator_mismatch::check_footnotes),
        ibid_locator_mismatch,
        "an Ibid. locator that does not fit its source"
    ),
    rule!(
        "ibid-redundant",
        on(Severity::Hint),
        Scope::IbidEachFootnote(ibid_redundant::check_footnotes),
        ibid_redundant,
        "a full citation repeating the one just before it"
    ),
    rule!(
        "comment-unknown",
        on(Severity::Warning),
        Scope::Comments,
        comment_unknown,
        "a resolution-ls comment with an unknown verb, rule id or language"
    ),
];

/// What every rule shares: how a draft holding a mistake is read, and which fixes `--fix` makes
/// (the top of docs/rules.md, and `resolution-ls rules guide`).
pub const GUIDE: &str = "## One mistake, one diagnostic

A mistake is reported where it is, once, and the rest of the draft is read as if it were not
there, the way a compiler recovers from an error:

- **Preamble and operative part.** Where the operative part begins is read from each
  paragraph's own form (its number, its opener, its closing mark) and from the paragraphs after
  it: an operative paragraph left in the preamble, or a preambular one among the operative
  paragraphs, is one `opener-misplaced` on that paragraph, and its number and punctuation are
  left out of the part it stands in.
- **Pages.** A footnote block whose page break was deleted, or a page break typed twice, is one
  `page-break`; the footnotes and the sentence the break cut are read as they should be.
- **Sequences.** `footnote-order` reports the footnotes out of place (outside the longest run
  already in order), not every footnote after them; a mistyped operative number is one
  `operative-numbering`; an undefined footnote is one `footnote-undefined`, its other references
  listed with it; an Ibid. chain is reported once, where it broke, and not at all after a
  footnote that is undefined.
- **Embedded texts.** An operative paragraph that introduces a text (`*Adopts* the following
  declaration:`) followed by a heading or by paragraphs without an opener begins that text: its
  paragraphs (`We, Heads of State …`, `1. Reaffirm …;`) get no opener, punctuation or numbering
  rule. Plain headings (`I`, `A.`, `Annex`) are headings.

Two diagnostics for one mistake happen only where two rules each have something to say (an
operative paragraph moved into the preamble leaves a gap in the numbering it left).

## Safe and unsafe fixes

Each fix is *safe* or *unsafe*. A safe fix keeps the draft's meaning and rests on a certain
reading: an opener italicized, a mark put right, paragraphs or footnotes renumbered, a page break
put back. `check --fix` and \"fix all\" in an editor make the safe fixes only. An unsafe fix adds or
rewrites content (a placeholder definition, an Ibid. expanded or contracted, an unreferenced
footnote deleted) or rests on a reading that may be wrong (the first word of an unknown opener
italicized, a mark put on a paragraph whose part only its place tells): editors offer it marked
\"unsafe: review it\", and `check --fix --unsafe-fixes` makes it. `--diff` shows what `--fix` would
change. Each rule below says which its fix is.";

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
