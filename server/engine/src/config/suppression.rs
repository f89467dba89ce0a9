//! Suppression comments:
//! `<!-- resolution-ls: disable [RULE, …] -->` turns rules off for the rest of the file (no rule:
//! all of them), `<!-- resolution-ls: enable [RULE, …] -->` turns them back on, and
//! `<!-- resolution-ls: disable-next-paragraph [RULE, …] -->` silences them in the next paragraph.
//! The same comments carry the file's own settings: `<!-- resolution-ls: enable -->` marks it as a
//! draft, `<!-- resolution-ls: language fr -->` sets its language.

use std::ops::Range;

use crate::lang::Language;
use crate::syntax::{Directive, DirectiveKind};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suppressions {
    /// `disable` and `enable` in the order they appear, each taking effect where it ends.
    switches: Vec<(usize, bool, Vec<String>)>,
    /// `disable-next-paragraph`: the paragraph's range and the rules silenced in it.
    paragraphs: Vec<(Range<usize>, Vec<String>)>,
    /// An `enable` comment without rules marks the file as a draft.
    pub marks_draft: bool,
    /// The first `language CODE` comment.
    pub language: Option<Language>,
}

impl Suppressions {
    /// Collects directives (absolute ranges), each with the range of the paragraph after it.
    pub fn new(
        directives: impl IntoIterator<Item = (Directive, Option<Range<usize>>)>,
    ) -> Suppressions {
        let mut out = Suppressions::default();
        for (directive, next_paragraph) in directives {
            if directive.unknown.is_some() {
                continue;
            }
            match directive.kind {
                DirectiveKind::Disable => {
                    out.switches
                        .push((directive.range.end, false, directive.rules.clone()))
                }
                DirectiveKind::Enable => {
                    out.marks_draft |= directive.rules.is_empty();
                    out.switches
                        .push((directive.range.end, true, directive.rules.clone()));
                }
                DirectiveKind::Language(language) => {
                    out.language.get_or_insert(language);
                }
                DirectiveKind::DisableNextParagraph => {
                    if let Some(range) = next_paragraph {
                        out.paragraphs.push((range, directive.rules.clone()));
                    }
                }
            }
        }
        out
    }

    /// Moves every offset through `map` (an edit elsewhere in the text), the ends of paragraph
    /// ranges through `map_end`; false, with nothing moved, when one falls inside the edit: then
    /// the caller analyses afresh (and may still compare against the offsets as they were).
    pub fn map_offsets(
        &mut self,
        map: impl Fn(usize) -> Option<usize>,
        map_end: impl Fn(usize) -> Option<usize>,
    ) -> bool {
        let all_map = self.switches.iter().all(|(at, _, _)| map(*at).is_some())
            && self
                .paragraphs
                .iter()
                .all(|(range, _)| map(range.start).is_some() && map_end(range.end).is_some());
        if !all_map {
            return false;
        }
        for (at, _, _) in &mut self.switches {
            *at = map(*at).unwrap_or(*at);
        }
        for (range, _) in &mut self.paragraphs {
            *range =
                map(range.start).unwrap_or(range.start)..map_end(range.end).unwrap_or(range.end);
        }
        true
    }

    /// Whether `rule` is silenced at `offset`.
    pub fn is_suppressed(&self, rule: &str, offset: usize) -> bool {
        let names = |rules: &[String]| rules.is_empty() || rules.iter().any(|r| r == rule);
        if self
            .paragraphs
            .iter()
            .any(|(range, rules)| range.contains(&offset) && names(rules))
        {
            return true;
        }
        let mut suppressed = false;
        for (at, enable, rules) in &self.switches {
            if *at > offset {
                break;
            }
            if names(rules) {
                suppressed = !enable;
            }
        }
        suppressed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(kind: DirectiveKind, rules: &[&str], at: usize) -> Directive {
        Directive {
            kind,
            rules: rules.iter().map(|r| r.to_string()).collect(),
            range: at..at + 10,
            unknown: None,
        }
    }

    #[test]
    fn disable_and_enable_switch_from_where_they_stand() {
        let d1 = directive(DirectiveKind::Disable, &[], 100);
        let d2 = directive(DirectiveKind::Enable, &["opener-unknown"], 200);
        let s = Suppressions::new([(d1, None), (d2, None)]);
        assert!(!s.is_suppressed("opener-unknown", 50));
        assert!(s.is_suppressed("opener-unknown", 150));
        assert!(!s.is_suppressed("opener-unknown", 250));
        assert!(s.is_suppressed("footnote-order", 250));
        assert!(!s.marks_draft);
    }

    #[test]
    fn next_paragraph_only() {
        let d = directive(DirectiveKind::DisableNextParagraph, &["opener-unknown"], 0);
        let s = Suppressions::new([(d, Some(20..40))]);
        assert!(s.is_suppressed("opener-unknown", 30));
        assert!(!s.is_suppressed("opener-unknown", 45));
        assert!(!s.is_suppressed("footnote-order", 30));
    }
}
