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

use crate::analysis::Analysis;
use crate::check::check_analysed;
use crate::config::Config;
pub use crate::diagnostic::Refactor;
use crate::diagnostic::{Diagnostic, Edit, Fix, FixEdits};
use crate::document::Document;
use crate::rules::support::refactoring::key_of_block;
pub use crate::rules::support::refactoring::*;
use crate::rules::Context;
use crate::syntax::FootnoteKey;

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

/// The edits of each diagnostic's fix, in the diagnostics' order (`refactors` is of the document
/// the diagnostics were found in).
pub fn fix_edits(refactors: &Refactors, diagnostics: &[Diagnostic]) -> Vec<Arc<Vec<Edit>>> {
    diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|fix| refactors.edits(fix))
        .collect()
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
