//! Opener phrase lists: which italic openers are preambular and which operative.
//!
//! The lists are data (`phrases/*.txt`, one phrase a line, `#` comments), built into the binary.
//! A phrase stays known with an adverb before it (`Also`, `Deeply`, …), with `also`/`further`
//! after it, and with a comma straight after it.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::Language;

/// Which part of a draft an opener belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenerKind {
    Preambular,
    Operative,
    /// In both lists (`Considering`/`Considers` differ, but some phrases are shared).
    Either,
}

/// A known phrase found at the start of some text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub kind: OpenerKind,
    /// Bytes of the text the phrase covers (without a trailing comma).
    pub len: usize,
}

/// The phrases of one language, with the user's own added.
#[derive(Clone, Debug, Default)]
pub struct PhraseBook {
    /// The built-in lists, built once per language for the life of the process.
    builtin: Option<&'static Phrases>,
    /// The user's own phrases.
    extra: Phrases,
    /// The longest phrase in words, so prefix matching knows where to start.
    longest: usize,
}

/// Normalized phrases by kind, with the modifiers their language allows.
#[derive(Clone, Debug, Default)]
struct Phrases {
    preambular: HashSet<String>,
    operative: HashSet<String>,
    /// The phrases as listed (their own spelling), in list order, for completion.
    preambular_listed: Vec<String>,
    operative_listed: Vec<String>,
    adverbs_before: &'static [&'static str],
    words_after: &'static [&'static str],
    trailing_prepositions: &'static [&'static str],
}

/// A listed opener as a drafter writes it: the words in italics, and a trailing preposition
/// that stays roman after them (`*Toma nota* de`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedPhrase {
    pub italic: String,
    pub roman_after: Option<String>,
}

impl Phrases {
    fn longest(&self) -> usize {
        self.preambular
            .iter()
            .chain(&self.operative)
            .map(|p| p.split(' ').count())
            .max()
            .unwrap_or(0)
    }
}

/// The built-in phrases of `language`, parsed on first use.
fn builtin(language: Language) -> Option<&'static Phrases> {
    static BUILT: LazyLock<Vec<(Language, Phrases)>> = LazyLock::new(|| {
        Language::ALL
            .into_iter()
            .filter_map(|l| Some((l, parse_lists(&lists(l)?))))
            .collect()
    });
    BUILT.iter().find(|(l, _)| *l == language).map(|(_, p)| p)
}

fn parse_lists(lists: &Lists) -> Phrases {
    let mut phrases = Phrases {
        adverbs_before: lists.adverbs_before,
        words_after: lists.words_after,
        trailing_prepositions: lists.trailing_prepositions,
        ..Phrases::default()
    };
    for (data, set, listed) in [
        (
            lists.preambular,
            &mut phrases.preambular,
            &mut phrases.preambular_listed,
        ),
        (
            lists.operative,
            &mut phrases.operative,
            &mut phrases.operative_listed,
        ),
    ] {
        for phrase in data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            listed.push(phrase.to_owned());
            let phrase = normalize(phrase);
            if let Some((head, last)) = phrase.rsplit_once(' ') {
                if lists.trailing_prepositions.contains(&last) {
                    set.insert(head.to_owned());
                }
            }
            set.insert(phrase);
        }
    }
    phrases
}

struct Lists {
    preambular: &'static str,
    operative: &'static str,
    adverbs_before: &'static [&'static str],
    words_after: &'static [&'static str],
    /// Prepositions that stay roman after an opener; a listed phrase ending in one is also known
    /// without it.
    trailing_prepositions: &'static [&'static str],
}

fn lists(language: Language) -> Option<Lists> {
    Some(match language {
        Language::English => Lists {
            preambular: include_str!("phrases/en-preambular.txt"),
            operative: include_str!("phrases/en-operative.txt"),
            adverbs_before: &[
                "also",
                "further",
                "once again",
                "again",
                "strongly",
                "deeply",
                "seriously",
                "gravely",
                "firmly",
                "fully",
            ],
            words_after: &["also", "further"],
            // The English lists already leave trailing prepositions out (`Calls for` is a phrase).
            trailing_prepositions: &[],
        },
        Language::French => Lists {
            preambular: include_str!("phrases/fr-preambular.txt"),
            operative: include_str!("phrases/fr-operative.txt"),
            adverbs_before: &[
                "profondément",
                "vivement",
                "gravement",
                "fermement",
                "pleinement",
                "de nouveau",
            ],
            words_after: &["également", "en outre", "aussi", "de nouveau"],
            trailing_prepositions: &["de", "par", "à", "que", "sur", "d'"],
        },
        Language::Spanish => Lists {
            preambular: include_str!("phrases/es-preambular.txt"),
            operative: include_str!("phrases/es-operative.txt"),
            adverbs_before: &[
                "profundamente",
                "gravemente",
                "firmemente",
                "plenamente",
                "también",
                "además",
                "asimismo",
            ],
            words_after: &["también", "además", "asimismo", "nuevamente"],
            trailing_prepositions: &["de", "por", "a", "con", "en"],
        },
        Language::Arabic | Language::Chinese | Language::Russian => return None,
    })
}

impl PhraseBook {
    /// The phrases of `language` plus `extra_preambular` and `extra_operative`. A language without
    /// lists yet gives a book that knows only the extras.
    pub fn new(
        language: Language,
        extra_preambular: &[String],
        extra_operative: &[String],
    ) -> PhraseBook {
        let builtin = builtin(language);
        let spelled = |phrases: &[String]| -> Vec<String> {
            phrases
                .iter()
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect()
        };
        let extra = Phrases {
            preambular: extra_preambular.iter().map(|p| normalize(p)).collect(),
            operative: extra_operative.iter().map(|p| normalize(p)).collect(),
            preambular_listed: spelled(extra_preambular),
            operative_listed: spelled(extra_operative),
            adverbs_before: builtin.map_or(&[], |b| b.adverbs_before),
            words_after: builtin.map_or(&[], |b| b.words_after),
            trailing_prepositions: builtin.map_or(&[], |b| b.trailing_prepositions),
        };
        // Room for an adverb before and `also` after.
        let longest = builtin.map_or(0, Phrases::longest).max(extra.longest()) + 2;
        PhraseBook {
            builtin,
            extra,
            longest,
        }
    }

    /// Whether the book has any phrase: opener rules stay quiet for a language without lists.
    pub fn is_empty(&self) -> bool {
        self.builtin.is_none()
            && self.extra.preambular.is_empty()
            && self.extra.operative.is_empty()
    }

    /// The phrases listed for `kind` (both lists for `Either`) in their own spelling: the built-in
    /// ones in list order, then the user's; each once. A trailing preposition that stays roman is
    /// split off.
    pub fn listed(&self, kind: OpenerKind) -> Vec<ListedPhrase> {
        let pick = |p: &'_ Phrases| -> Vec<String> {
            match kind {
                OpenerKind::Preambular => p.preambular_listed.clone(),
                OpenerKind::Operative => p.operative_listed.clone(),
                OpenerKind::Either => {
                    [p.preambular_listed.clone(), p.operative_listed.clone()].concat()
                }
            }
        };
        let mut all = self.builtin.map(pick).unwrap_or_default();
        all.extend(pick(&self.extra));
        let prepositions = self.extra.trailing_prepositions;
        let mut seen = HashSet::new();
        all.into_iter()
            .filter(|p| seen.insert(normalize(p)))
            .map(|phrase| match phrase.rsplit_once(' ') {
                Some((head, last)) if prepositions.contains(&last.to_lowercase().as_str()) => {
                    ListedPhrase {
                        italic: head.to_owned(),
                        roman_after: Some(last.to_owned()),
                    }
                }
                _ => ListedPhrase {
                    italic: phrase,
                    roman_after: None,
                },
            })
            .collect()
    }

    /// The kind of a whole opener (`Also calls upon`, `Recalling also`, `Underlines,`).
    pub fn classify(&self, opener: &str) -> Option<OpenerKind> {
        let phrase = normalize(opener);
        if let Some(kind) = self.lookup(&phrase) {
            return Some(kind);
        }
        let mut candidates = vec![phrase.clone()];
        for adverb in self.extra.adverbs_before {
            if let Some(rest) = phrase
                .strip_prefix(adverb)
                .and_then(|r| r.strip_prefix(' '))
            {
                candidates.push(rest.to_owned());
            }
        }
        for candidate in candidates.clone() {
            for word in self.extra.words_after {
                if let Some(rest) = candidate
                    .strip_suffix(word)
                    .and_then(|r| r.strip_suffix(' '))
                {
                    candidates.push(rest.to_owned());
                }
            }
        }
        candidates.iter().find_map(|c| self.lookup(c))
    }

    fn lookup(&self, phrase: &str) -> Option<OpenerKind> {
        let has = |pick: fn(&Phrases) -> &HashSet<String>| {
            pick(&self.extra).contains(phrase)
                || self.builtin.is_some_and(|b| pick(b).contains(phrase))
        };
        match (has(|p| &p.preambular), has(|p| &p.operative)) {
            (true, true) => Some(OpenerKind::Either),
            (true, false) => Some(OpenerKind::Preambular),
            (false, true) => Some(OpenerKind::Operative),
            (false, false) => None,
        }
    }

    /// The longest known phrase that `text` starts with, ending at a word boundary.
    pub fn longest_prefix(&self, text: &str) -> Option<PhraseMatch> {
        let ends: Vec<usize> = word_ends(text).take(self.longest).collect();
        ends.iter().rev().find_map(|&end| {
            let candidate = text[..end].trim_end_matches([',', ';', ':', '.']);
            self.classify(candidate).map(|kind| PhraseMatch {
                kind,
                len: candidate.len(),
            })
        })
    }
}

/// Byte offsets where each word of `text` ends.
fn word_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut in_word = false;
    let mut ends = Vec::new();
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                ends.push(i);
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if in_word {
        ends.push(text.len());
    }
    ends.into_iter()
}

/// Lower case, one space between words, no comma at the end, straight apostrophes.
/// In one pass: phrase matching runs several times per paragraph.
fn normalize(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for word in phrase.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' => out.push('\''),
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    let kept = out.trim_end_matches([',', '，', '،']).trim_end().len();
    out.truncate(kept);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> PhraseBook {
        PhraseBook::new(Language::English, &[], &[])
    }

    #[test]
    fn classifies_with_modifiers() {
        let book = english();
        assert_eq!(book.classify("Recalling"), Some(OpenerKind::Preambular));
        assert_eq!(
            book.classify("Recalling further"),
            Some(OpenerKind::Preambular)
        );
        assert_eq!(
            book.classify("Also calls upon"),
            Some(OpenerKind::Operative)
        );
        assert_eq!(
            book.classify("Once again urges"),
            Some(OpenerKind::Operative)
        );
        assert_eq!(book.classify("Underlines,"), Some(OpenerKind::Operative));
        assert_eq!(
            book.classify("Deeply   concerned"),
            Some(OpenerKind::Preambular)
        );
        assert_eq!(book.classify("Calls"), None);
        assert_eq!(book.classify("Frobnicates"), None);
    }

    #[test]
    fn longest_prefix_stops_at_word_boundaries() {
        let book = english();
        let m = book
            .longest_prefix("Taking into account also all relevant resolutions")
            .unwrap();
        assert_eq!(m.len, "Taking into account also".len());
        assert_eq!(
            book.longest_prefix("Calls upon States").map(|m| m.len),
            Some(10)
        );
        assert_eq!(book.longest_prefix("Recallingly"), None);
    }

    #[test]
    fn lists_phrases_in_their_own_spelling() {
        let book = PhraseBook::new(
            Language::English,
            &["Noting  with alarm".into(), "recalling".into()],
            &[],
        );
        let preambular = book.listed(OpenerKind::Preambular);
        let italic: Vec<&str> = preambular.iter().map(|p| p.italic.as_str()).collect();
        assert!(italic.contains(&"Recalling also"));
        assert!(italic.contains(&"Bearing in mind"));
        assert_eq!(italic.last(), Some(&"Noting with alarm"));
        assert_eq!(
            italic
                .iter()
                .filter(|p| p.eq_ignore_ascii_case("recalling"))
                .count(),
            1
        );
        assert!(!italic.contains(&"Requests"));
        let operative = book.listed(OpenerKind::Operative);
        assert!(operative.iter().any(|p| p.italic == "Requests"));
        let spanish = PhraseBook::new(Language::Spanish, &[], &[]).listed(OpenerKind::Operative);
        assert!(spanish.contains(&ListedPhrase {
            italic: "Toma nota".into(),
            roman_after: Some("de".into())
        }));
    }

    #[test]
    fn extra_phrases_are_known() {
        let book = PhraseBook::new(Language::English, &["Noting with alarm".into()], &[]);
        assert_eq!(
            book.classify("Noting with alarm"),
            Some(OpenerKind::Preambular)
        );
    }

    #[test]
    fn french_phrase_known_without_its_preposition() {
        let book = PhraseBook::new(Language::French, &[], &[]);
        assert_eq!(
            book.classify("Profondément préoccupée"),
            Some(OpenerKind::Preambular)
        );
    }
}
