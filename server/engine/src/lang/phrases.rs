//! Opener phrase lists: which italic openers are preambular and which operative.
//!
//! The lists are data (`phrases/*.txt`, one phrase a line, `#` comments), built into the binary.
//! A phrase stays known with an adverb before it (`Also`, `Deeply`, …), with `also`/`further`
//! after it, and with a comma straight after it.

use std::collections::HashSet;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

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
    language: Language,
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
    // The keys are phrases from the lists and the configuration, not from the draft: a fast hash
    // that does not resist crafted collisions is safe here.
    preambular: FxHashSet<String>,
    operative: FxHashSet<String>,
    /// The phrases as listed (their own spelling), in list order, for completion.
    preambular_listed: Vec<String>,
    operative_listed: Vec<String>,
    /// The kind of each listed phrase in its own spelling (built-in lists only): an opener written
    /// as listed is classified without being normalized.
    as_listed: FxHashMap<String, OpenerKind>,
    modifiers: &'static Modifiers,
}

/// The words a language allows around a known phrase, from `phrases/{code}-modifiers.txt`.
#[derive(Debug, Default)]
struct Modifiers {
    /// Adverbs in front of a phrase (`Also`, `Deeply`, `Profondément`, `вновь`, `又`).
    before: Vec<String>,
    /// Words behind it (`also`, `further`, `également`, `также`).
    after: Vec<String>,
    /// Prepositions that stay roman after an opener (`*Toma nota* de`); a listed phrase ending in
    /// one is also known without it.
    roman_after: Vec<String>,
    /// Words are not separated by spaces (Chinese: `又回顾` is `又` + `回顾`).
    solid: bool,
}

static NO_MODIFIERS: Modifiers = Modifiers {
    before: Vec::new(),
    after: Vec::new(),
    roman_after: Vec::new(),
    solid: false,
};

impl Default for &'static Modifiers {
    fn default() -> Self {
        &NO_MODIFIERS
    }
}

impl Modifiers {
    /// Reads the `[before]`, `[after]` and `[roman-after]` sections of a modifiers file.
    fn parse(data: &str, solid: bool) -> Modifiers {
        let mut modifiers = Modifiers {
            solid,
            ..Modifiers::default()
        };
        let mut section: Option<&mut Vec<String>> = None;
        for line in data.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            section = match line {
                "[before]" => Some(&mut modifiers.before),
                "[after]" => Some(&mut modifiers.after),
                "[roman-after]" => Some(&mut modifiers.roman_after),
                // A section this parser does not know: its words go nowhere.
                header if header.starts_with('[') => None,
                word => {
                    if let Some(list) = section.as_mut() {
                        list.push(normalize(word));
                    }
                    section
                }
            };
        }
        modifiers
    }

    fn is_roman_after(&self, word: &str) -> bool {
        self.roman_after.iter().any(|p| p == word)
    }
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

/// The built-in phrases of `language`, parsed on its first use (a process checking English drafts
/// never reads the other lists).
fn builtin(language: Language) -> Option<&'static Phrases> {
    static MODIFIERS: [OnceLock<Modifiers>; 6] = [const { OnceLock::new() }; 6];
    static BUILT: [OnceLock<Phrases>; 6] = [const { OnceLock::new() }; 6];
    let slot = Language::ALL.iter().position(|l| *l == language)?;
    let modifiers = MODIFIERS[slot]
        .get_or_init(|| Modifiers::parse(lists(language).modifiers, language == Language::Chinese));
    Some(BUILT[slot].get_or_init(|| parse_lists(&lists(language), modifiers)))
}

fn parse_lists(lists: &Lists, modifiers: &'static Modifiers) -> Phrases {
    let mut phrases = Phrases {
        modifiers,
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
                if modifiers.is_roman_after(last) {
                    set.insert(head.to_owned());
                }
            }
            set.insert(phrase);
        }
    }
    let own = PhraseBook {
        builtin: None,
        extra: phrases,
        ..PhraseBook::default()
    };
    let as_listed = own
        .extra
        .preambular_listed
        .iter()
        .chain(&own.extra.operative_listed)
        .filter_map(|listed| Some((listed.clone(), own.lookup(&normalize(listed))?)))
        .collect();
    Phrases {
        as_listed,
        ..own.extra
    }
}

struct Lists {
    preambular: &'static str,
    operative: &'static str,
    modifiers: &'static str,
}

/// The data files of `language` (see `phrases/SOURCES.md` for where the phrases come from).
fn lists(language: Language) -> Lists {
    macro_rules! files {
        ($code:literal) => {
            Lists {
                preambular: include_str!(concat!("phrases/", $code, "-preambular.txt")),
                operative: include_str!(concat!("phrases/", $code, "-operative.txt")),
                modifiers: include_str!(concat!("phrases/", $code, "-modifiers.txt")),
            }
        };
    }
    match language {
        Language::Arabic => files!("ar"),
        Language::Chinese => files!("zh"),
        Language::English => files!("en"),
        Language::French => files!("fr"),
        Language::Russian => files!("ru"),
        Language::Spanish => files!("es"),
    }
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
            as_listed: FxHashMap::default(),
            modifiers: builtin.map_or(&NO_MODIFIERS, |b| b.modifiers),
        };
        // Room for an adverb before and `also` after.
        let longest = builtin.map_or(0, Phrases::longest).max(extra.longest()) + 2;
        PhraseBook {
            language,
            builtin,
            extra,
            longest,
        }
    }

    /// Whether the language writes words without spaces (Chinese): an unknown opener's extent
    /// cannot be told there.
    pub fn is_solid(&self) -> bool {
        self.extra.modifiers.solid
    }

    /// The language whose lists these are.
    pub fn language(&self) -> Language {
        self.language
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
        let modifiers = self.extra.modifiers;
        let mut seen = HashSet::new();
        all.into_iter()
            .filter(|p| seen.insert(normalize(p)))
            .map(|phrase| match phrase.rsplit_once(' ') {
                Some((head, last)) if modifiers.is_roman_after(&last.to_lowercase()) => {
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
        // The user's phrases may change what a listed spelling is (`Either`, say): only without
        // them does a built-in spelling decide alone.
        if self.extra.preambular.is_empty() && self.extra.operative.is_empty() {
            if let Some(kind) = self.builtin.and_then(|b| b.as_listed.get(opener)) {
                return Some(*kind);
            }
        }
        // Openers are short: normalized on the stack, they cost no allocation (rules classify the
        // same opener several times per check).
        let mut buffer = [0u8; SHORT_PHRASE_BYTES];
        match normalize_short_ascii(opener, &mut buffer) {
            Some(phrase) => self.classify_normalized(phrase),
            None => self.classify_normalized(&normalize(opener)),
        }
    }

    fn classify_normalized(&self, phrase: &str) -> Option<OpenerKind> {
        if let Some(kind) = self.lookup(phrase) {
            return Some(kind);
        }
        let modifiers = self.extra.modifiers;
        let solid = modifiers.solid;
        // The candidates in order: the phrase, without each adverb before it, then each of those
        // without each word after it; the first one known decides.
        let without_adverbs = || {
            modifiers
                .before
                .iter()
                .filter_map(move |adverb| strip_before(phrase, adverb, solid))
        };
        if let Some(kind) = without_adverbs().find_map(|c| self.lookup(c)) {
            return Some(kind);
        }
        std::iter::once(phrase)
            .chain(without_adverbs())
            .flat_map(|candidate| {
                modifiers
                    .after
                    .iter()
                    .filter_map(move |word| strip_after(candidate, word, solid))
            })
            .find_map(|c| self.lookup(c))
    }

    fn lookup(&self, phrase: &str) -> Option<OpenerKind> {
        let has = |pick: fn(&Phrases) -> &FxHashSet<String>| {
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

    /// How many words of a text [`PhraseBook::longest_prefix`] looks at in a language written
    /// with spaces: texts that agree on their first this-many words (and the space after them)
    /// match the same phrase.
    pub fn longest_in_words(&self) -> usize {
        self.longest
    }

    /// The longest known phrase that `text` starts with, ending at a word boundary.
    pub fn longest_prefix(&self, text: &str) -> Option<PhraseMatch> {
        let ends: Vec<usize> = if self.extra.modifiers.solid {
            // No spaces between words: any character may end a phrase.
            text.char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .take(SOLID_PHRASE_CHARS)
                .collect()
        } else {
            word_ends(text).take(self.longest).collect()
        };
        ends.iter().rev().find_map(|&end| {
            let candidate = text[..end]
                .trim_end_matches([',', ';', ':', '.', '，', '；', '：', '。', '、', '،', '؛']);
            if candidate.is_empty() {
                return None;
            }
            let kind = self.classify(candidate)?;
            // A preposition that stays roman is not part of the opener (`*Consciente* de`).
            if let Some((head, last)) = candidate.rsplit_once(' ') {
                let modifiers = self.extra.modifiers;
                if !modifiers.roman_after.is_empty() && modifiers.is_roman_after(&normalize(last)) {
                    if let Some(kind) = self.classify(head) {
                        return Some(PhraseMatch {
                            kind,
                            len: head.trim_end().len(),
                        });
                    }
                }
            }
            Some(PhraseMatch {
                kind,
                len: candidate.len(),
            })
        })
    }
}

/// The longest phrase, with its modifiers, in a language written without spaces (Chinese).
const SOLID_PHRASE_CHARS: usize = 16;

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

/// `text` without the modifier `word` before it and the space after that (none in a `solid`
/// language: Chinese writes `又回顾`, the others `Also calls upon`).
fn strip_before<'t>(text: &'t str, word: &str, solid: bool) -> Option<&'t str> {
    let rest = text.strip_prefix(word)?;
    match rest.strip_prefix(' ') {
        Some(rest) => Some(rest),
        None if solid && !rest.is_empty() => Some(rest),
        None => None,
    }
}

/// `text` without the modifier `word` after it and the space before that (see [`strip_before`]).
fn strip_after<'t>(text: &'t str, word: &str, solid: bool) -> Option<&'t str> {
    let rest = text.strip_suffix(word)?;
    match rest.strip_suffix(' ') {
        Some(rest) => Some(rest),
        None if solid && !rest.is_empty() => Some(rest),
        None => None,
    }
}

/// The longest phrase [`normalize_short_ascii`] normalizes on the stack.
const SHORT_PHRASE_BYTES: usize = 64;

/// What [`normalize`] gives, written into `buffer`, for a phrase in ASCII that fits it; `None`
/// for any other phrase.
fn normalize_short_ascii<'b>(phrase: &str, buffer: &'b mut [u8]) -> Option<&'b str> {
    if phrase.len() > buffer.len() {
        return None;
    }
    let mut len = 0;
    let mut space_pending = false;
    for &b in phrase.as_bytes() {
        match b {
            // The ASCII characters `char::is_whitespace` takes, which `split_whitespace` splits on.
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => space_pending = len > 0,
            0x80.. => return None,
            _ => {
                if space_pending {
                    buffer[len] = b' ';
                    len += 1;
                    space_pending = false;
                }
                buffer[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
    }
    let mut kept = &buffer[..len];
    while let [rest @ .., b','] = kept {
        kept = rest;
    }
    while let [rest @ .., b' '] = kept {
        kept = rest;
    }
    std::str::from_utf8(kept).ok()
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
    fn short_ascii_normalization_agrees_with_normalize() {
        for phrase in [
            "Recalling",
            "  Deeply \t concerned ,",
            "Underlines,,",
            "a , ,",
            "Notes\u{b}also",
            "",
            " ",
            ",",
            "Taking into account also all relevant resolutions of the General Assembly",
        ] {
            let mut buffer = [0u8; SHORT_PHRASE_BYTES];
            match normalize_short_ascii(phrase, &mut buffer) {
                Some(short) => assert_eq!(short, normalize(phrase), "{phrase:?}"),
                None => assert!(phrase.len() > SHORT_PHRASE_BYTES, "{phrase:?}"),
            }
        }
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
            // A user's phrase that no built-in list has (`Noting with alarm` now is built in).
            &["Noting  with dismay".into(), "recalling".into()],
            &[],
        );
        let preambular = book.listed(OpenerKind::Preambular);
        let italic: Vec<&str> = preambular.iter().map(|p| p.italic.as_str()).collect();
        assert!(italic.contains(&"Recalling also"));
        assert!(italic.contains(&"Bearing in mind"));
        assert_eq!(italic.last(), Some(&"Noting with dismay"));
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
    fn every_language_has_its_lists_and_modifiers() {
        for language in Language::ALL {
            let book = PhraseBook::new(language, &[], &[]);
            assert!(
                book.listed(OpenerKind::Preambular).len() >= 40,
                "{language:?}"
            );
            assert!(
                book.listed(OpenerKind::Operative).len() >= 40,
                "{language:?}"
            );
            let modifiers = builtin(language).map(|b| b.modifiers);
            assert!(
                modifiers.is_some_and(|m| !m.before.is_empty() || !m.after.is_empty()),
                "{language:?}"
            );
        }
        let modifiers = Modifiers::parse(
            "[before]\nalso\n[unknown]\nstray\n[after]\nFurther\n",
            false,
        );
        assert_eq!(modifiers.before, ["also"]);
        assert_eq!(modifiers.after, ["further"]);
        assert!(modifiers.roman_after.is_empty());
    }

    #[test]
    fn russian_and_chinese_modifiers() {
        let russian = PhraseBook::new(Language::Russian, &[], &[]);
        assert_eq!(
            russian.classify("просит также"),
            Some(OpenerKind::Operative)
        );
        assert_eq!(
            russian.classify("вновь подтверждая"),
            Some(OpenerKind::Preambular)
        );
        let chinese = PhraseBook::new(Language::Chinese, &[], &[]);
        assert_eq!(chinese.classify("又回顾"), Some(OpenerKind::Preambular));
        assert_eq!(
            chinese.longest_prefix("又回顾其决议，").map(|m| m.len),
            Some("又回顾".len())
        );
    }

    #[test]
    fn extra_phrases_are_known() {
        let book = PhraseBook::new(Language::English, &["Noting with alarm".into()], &[]);
        assert_eq!(
            book.classify("Noting with alarm"),
            Some(OpenerKind::Preambular)
        );
    }

    /// Openers added from adopted resolutions (see `phrases/SOURCES.md`): each is classified on
    /// its own and found at the start of a paragraph, in the list it belongs to.
    #[test]
    fn openers_from_adopted_resolutions_are_classified() {
        use Language::*;
        use OpenerKind::{Operative as Op, Preambular as Pre};
        let cases: &[(Language, &str, OpenerKind)] = &[
            (English, "Guided by", Pre),
            (English, "Commending", Pre),
            (English, "Condemning", Pre),
            (English, "Strongly condemning", Pre),
            (English, "Underscoring", Pre),
            (English, "Expressing its gratitude", Pre),
            (English, "Expressing deep concern", Pre),
            (English, "Expressing its grave concern", Pre),
            (English, "Noting with alarm", Pre),
            (English, "Determining", Pre),
            (English, "Looking forward", Pre),
            (English, "Declares", Op),
            (English, "Looks forward", Op),
            (English, "Also looks forward", Op),
            (English, "Calls on", Op),
            (English, "Expresses its deep appreciation", Op),
            (English, "Expresses its intention", Op),
            (English, "Notes with deep regret", Op),
            (English, "Takes note with approval", Op),
            (English, "Solemnly reaffirms", Op),
            (French, "Ayant présente à l'esprit", Pre),
            (French, "Demandant de nouveau", Pre),
            (French, "Félicitant", Pre),
            (French, "Gravement troublée", Pre),
            (French, "Se déclarant profondément préoccupé", Pre),
            (French, "Se déclarant gravement préoccupée", Pre),
            (French, "Attend avec intérêt", Op),
            (French, "Prolonge", Op),
            (French, "Se déclare prêt", Op),
            (French, "Se déclare prête", Op),
            (Spanish, "Expresando profunda preocupación", Pre),
            (Spanish, "Aguarda con interés", Op),
            (Spanish, "Expresa su intención", Op),
            (Russian, "определяя", Pre),
            (Russian, "отмечая с серьезной обеспокоенностью", Pre),
            (Russian, "с нетерпением ожидает", Op),
            (Russian, "учреждает", Op),
            (Arabic, "وإذ يسترشد", Pre),
            (Arabic, "وإذ يكرر تأكيد", Pre),
            (Arabic, "إذ تعرب عن بالغ القلق", Pre),
            (Arabic, "وإذ يعترف", Pre),
            (Arabic, "تلاحظ مع الارتياح", Op),
            (Arabic, "يتطلع إلى", Op),
            (Chinese, "认定", Pre),
            (Chinese, "遵循", Pre),
            (Chinese, "期待", Op),
            (Chinese, "又期待", Op),
        ];
        for &(language, phrase, kind) in cases {
            let book = PhraseBook::new(language, &[], &[]);
            assert_eq!(book.classify(phrase), Some(kind), "{language:?} {phrase:?}");
        }
        // Openers are not italic in Arabic and Chinese drafts: the paragraph's start decides.
        let arabic = PhraseBook::new(Arabic, &[], &[]);
        let m = arabic
            .longest_prefix("وإذ يعرب عن بالغ القلق إزاء الحالة الإنسانية،")
            .unwrap();
        assert_eq!((m.kind, m.len), (Pre, "وإذ يعرب عن بالغ القلق".len()));
        let m = arabic.longest_prefix("يتطلع إلى التقرير؛").unwrap();
        assert_eq!((m.kind, m.len), (Op, "يتطلع".len()));
        let chinese = PhraseBook::new(Chinese, &[], &[]);
        let m = chinese
            .longest_prefix("认定南苏丹局势继续构成威胁，")
            .unwrap();
        assert_eq!((m.kind, m.len), (Pre, "认定".len()));
        let m = chinese.longest_prefix("期待秘书长的报告；").unwrap();
        assert_eq!((m.kind, m.len), (Op, "期待".len()));
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
