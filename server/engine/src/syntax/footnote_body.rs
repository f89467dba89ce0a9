//! What a footnote says: an Ibid., a citation of one or several works, or a note of its own.
//! Decided from the footnote's text alone.

use std::borrow::Cow;
use std::hash::Hasher;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::block::{rel, rel_range, Block};
use crate::text::SourceText;

/// The Ibid. words of the six languages, at the start of a footnote.
static IBID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([*_])?(?i:(ibid|ibíd))(\.)?([*_])?(\.)?|^([*_])?(Там же|同上|المرجع نفسه)(\.)?([*_])?",
    )
    .unwrap()
});
/// Where a citation's locator starts: `, vol. 976`, `, para. 47`, `, annex`, `, no 976`.
static LOCATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r",\s+(?:vols?\.|paras?\.|pp?\.|chaps?\.|sects?\.|annex|arts?\.|No\.|Nos\.|nos?\s+\d|cap\.|secc?\.|anexo)",
    )
    .unwrap()
});
/// The same in the other scripts: `, núm. 976`, `, т. 976`, `، المجلد 976`, `，第976卷`. Only
/// text with non-ASCII characters is searched for them.
static LOCATOR_BEYOND_ASCII: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r",\s+(?:n[°º]s?|núm\.|párrs?\.|págs?\.|т\.|№|стр\.|п\.|гл\.|разд\.|прил)",
        r"|،\s*(?:المجلد|الرقم|الفقرة|الصفحة|الفصل|الفرع|المرفق)|，\s*第",
    ))
    .unwrap()
});
/// Signs that a footnote cites a work rather than making a point of its own.
static CITATION_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[*_]\S|\b[A-Z]{1,6}(?:/[A-Z0-9.\-]+)*/\d[\w.\-]*|(?i:\b(?:resolutions?|decisions?|resolucion|resoluciones|decisiones)\s+(?:[a-z]{1,3}-)?\d+)",
        r"|\bvol\.|\bNo\.\s*\d|Official Records|Treaty Series|\b[Ss]ee\b|\bCf\.|https?://",
        r"|^United Nations,|^Ibid|^Nations Unies,|^Naciones Unidas,|^Voir\s|Documents officiels|Documentos Oficiales",
    ))
    .unwrap()
});
/// The same signs in French, Spanish, Russian, Arabic and Chinese beyond ASCII. Only text with
/// non-ASCII characters is searched for them.
static CITATION_SIGN_BEYOND_ASCII: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i:\b(?:résolutions?|décisions?|resolución|decisión|резолюци\w*|решени\w*)\s+(?:[a-z]{1,3}-)?\d+)",
        r"|^Организация Объединенных Наций,|^(?:Véase|См\.)\s|Официальные отчеты",
        r"|Recueil des Traités|Сборник договоров|т\.\s*\d|№\s*\d",
        r"|^الأمم المتحدة،|^انظر|مجموعة المعاهدات|الوثائق الرسمية|القرار\s+\d",
        r"|^联合国，|^见|《[^》]+》|第\s*\d+(?:/\d+)?\s*号决议",
    ))
    .unwrap()
});

/// Whether `text` shows a sign of citing a work, in any of the six languages.
fn cites_a_work(text: &str) -> bool {
    CITATION_SIGN.is_match(text) || !text.is_ascii() && CITATION_SIGN_BEYOND_ASCII.is_match(text)
}

/// Where the locator starts in `text`: the first separator either regex finds.
fn locator_start(text: &str) -> Option<regex::Match<'_>> {
    // Each separator starts with a comma (`,`, `،` or `，`).
    if !has_any(text, ',', ['،', '，']) {
        return None;
    }
    let ascii = LOCATOR.find(text);
    if text.is_ascii() {
        return ascii;
    }
    let other = LOCATOR_BEYOND_ASCII.find(text);
    match (ascii, other) {
        (Some(a), Some(o)) => Some(if o.start() < a.start() { o } else { a }),
        (a, o) => a.or(o),
    }
}

/// The *Treaty Series* as each language's citations name it (Spanish cites the English title).
const TREATY_SERIES: [&str; 5] = [
    "Treaty Series",
    "Recueil des Traités",
    "Сборник договоров",
    "مجموعة المعاهدات",
    "条约汇编",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteBody {
    /// The body's text, trimmed, relative to the block.
    pub range: Range<u32>,
    pub kind: CitationKind,
    /// Hashes of the body with whitespace collapsed and a final full stop dropped
    /// ([`FootnoteBody::normalized`], made from the text when asked) and of its cited work, to
    /// spot repeats: a copy of every footnote's text was a tenth of an open draft's analysis.
    /// A repeat the hashes suggest is confirmed on the text.
    pub normalized_hash: u64,
    pub work_hash: u64,
    /// How much of the normalized text is the cited work, without its locator (see
    /// [`FootnoteBody::work`]): the work is always where the text starts.
    pub work_len: u32,
    /// What follows the work (`vol. 976, No. 14152`), without the final full stop.
    pub locator: Option<Box<str>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CitationKind {
    Ibid(IbidToken),
    /// A full citation; `multiple` when it cites several works (`…; see also …`).
    Citation {
        multiple: bool,
    },
    /// A sentence of its own, which breaks an Ibid. chain.
    Note,
}

/// `Ibid.`, `*Ibid.*`, `ibid`, … at the start of a footnote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IbidToken {
    /// The token with its emphasis and full stop, relative to the block.
    pub range: Range<u32>,
    pub italic: bool,
    /// Capitalized and with its full stop (or a word that takes none, such as `同上`).
    pub well_formed: bool,
}

impl FootnoteBody {
    /// Parses the body of the definition in `block` that starts at `body_start`.
    pub fn parse(block: &str, body_start: usize) -> FootnoteBody {
        let raw = &block[body_start..];
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        let start = body_start + lead;
        let range = rel_range(start..start + text.len());
        let normalized = normalize(text);
        if let Some(ibid) = ibid_token(text, start) {
            let rest = &text[(ibid.range.end as usize)
                .saturating_sub(start)
                .min(text.len())..];
            let locator = rest.trim_start_matches([',', ' ', '\t', '\n', '\r']);
            let locator = locator.trim_end().trim_end_matches(['.', '。']);
            return FootnoteBody {
                range,
                kind: CitationKind::Ibid(ibid),
                normalized_hash: text_hash(&normalized),
                work_hash: text_hash(""),
                work_len: 0,
                locator: (!locator.is_empty()).then(|| normalize(locator).into()),
            };
        }
        let (work, locator) = match locator_start(&normalized) {
            Some(m) => {
                // The match starts with the separator: `,`, `،` or `，`.
                let separator = normalized[m.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                (
                    m.start(),
                    Some(normalized[m.start() + separator..].trim().into()),
                )
            }
            None => (normalized.len(), None),
        };
        let kind = if cites_a_work(text) {
            CitationKind::Citation {
                multiple: cites_several(text),
            }
        } else {
            CitationKind::Note
        };
        FootnoteBody {
            range,
            kind,
            normalized_hash: text_hash(&normalized),
            work_hash: text_hash(normalized.get(..work).unwrap_or_default()),
            work_len: rel(work),
            locator,
        }
    }

    /// The body with whitespace collapsed and a final full stop dropped, made from the text of
    /// `block`, the definition's block, in `text`.
    pub fn normalized<'t>(&self, block: &Block, text: &'t SourceText) -> Cow<'t, str> {
        normalized(text.str_at(block.abs(&self.range)))
    }

    /// The cited work without its locator (`United Nations, *Treaty Series*`); empty for an
    /// Ibid. Read as [`FootnoteBody::normalized`].
    pub fn work<'t>(&self, block: &Block, text: &'t SourceText) -> Cow<'t, str> {
        self.work_in(text.str_at(block.abs(&self.range)))
    }

    /// [`FootnoteBody::work`], given the body's text.
    fn work_in<'t>(&self, body: Cow<'t, str>) -> Cow<'t, str> {
        let len = self.work_len as usize;
        match normalized(body) {
            Cow::Borrowed(n) => Cow::Borrowed(n.get(..len.min(n.len())).unwrap_or_default()),
            Cow::Owned(mut n) => {
                if n.is_char_boundary(len.min(n.len())) {
                    n.truncate(len);
                } else {
                    n.clear();
                }
                Cow::Owned(n)
            }
        }
    }

    pub fn ibid(&self) -> Option<&IbidToken> {
        match &self.kind {
            CitationKind::Ibid(token) => Some(token),
            _ => None,
        }
    }

    /// The cited work is the United Nations *Treaty Series*, the only source that `vol. N, No. N`
    /// locators fit.
    /// Read as [`FootnoteBody::work`], when a rule asks (rarely: for an Ibid. with a Treaty Series
    /// locator).
    pub fn is_treaty_series(&self, block: &Block, text: &SourceText) -> bool {
        is_treaty_series(&self.work(block, text))
    }
}

fn is_treaty_series(work: &str) -> bool {
    TREATY_SERIES.iter().any(|title| work.contains(title))
}

/// A hash of `text` that stands for it once the text is gone (see
/// [`FootnoteBody::normalized_hash`]). All 64 bits are kept: folded to 32, a character typed over
/// another could leave a cached diagnostic stale once in four billion edits.
pub(crate) fn text_hash(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

fn ibid_token(text: &str, offset: usize) -> Option<IbidToken> {
    if !may_start_with_ibid(text) {
        return None;
    }
    let caps = IBID.captures(text)?;
    let whole = caps.get(0)?;
    if text[whole.end()..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None; // `Ibidem`, `ibidque`
    }
    let (open, word, dot, close, dot_after) = if caps.get(2).is_some() {
        (
            caps.get(1),
            caps.get(2)?,
            caps.get(3),
            caps.get(4),
            caps.get(5),
        )
    } else {
        (caps.get(6), caps.get(7)?, caps.get(8), caps.get(9), None)
    };
    let italic = match (open, close) {
        (Some(o), Some(c)) => o.as_str() == c.as_str(),
        _ => false,
    };
    // An unmatched delimiter is not part of the token.
    let end = match (open, close) {
        (None, Some(c)) => c.start(),
        _ => whole.end(),
    };
    let start = if open.is_some() && !italic { 1 } else { 0 };
    let latin = word.as_str().to_lowercase().starts_with("ib");
    let capitalized = word.as_str().starts_with('I');
    let well_formed = if latin {
        capitalized && dot.is_some() && dot_after.is_none() && (italic || open.is_none())
    } else {
        dot_after.is_none() && (italic || open.is_none())
    };
    Some(IbidToken {
        range: rel_range(offset + start..offset + end),
        italic,
        well_formed,
    })
}

/// Whether `text` is already its words with one space between them, for ASCII text (anything else
/// says no, and is collapsed the long way).
fn is_collapsed(text: &[u8]) -> bool {
    // Folds without early exits, which the compiler turns into wide comparisons.
    let beyond = text
        .iter()
        .fold(false, |found, &b| found | !(b' '..0x80).contains(&b));
    let double_space = text
        .iter()
        .zip(text.get(1..).unwrap_or_default())
        .fold(false, |found, (&a, &b)| found | (a == b' ' && b == b' '));
    !beyond && !double_space && text.first() != Some(&b' ') && text.last() != Some(&b' ')
}

/// Whether `text` starts (after at most one `*` or `_`) with a byte that an Ibid. word of [`IBID`]
/// starts with: `i`, `I`, or the first byte of `Т`, `同` or `ا` in UTF-8. Most footnotes do not,
/// and this spares them the regex.
fn may_start_with_ibid(text: &str) -> bool {
    let bytes = text.as_bytes();
    let first = match bytes.first() {
        Some(b'*' | b'_') => bytes.get(1),
        other => other,
    };
    matches!(first, Some(b'i' | b'I' | 0xD0 | 0xE5 | 0xD8))
}

/// Several works: `…; see also …`, or parts on both sides of `;` (`؛`, `；`) that each cite
/// something.
fn cites_several(text: &str) -> bool {
    // Every sign of several works has a semicolon; most footnotes have none.
    if !has_any(text, ';', ['؛', '；']) {
        return false;
    }
    let lower = text.to_lowercase();
    if lower.contains("; see also") || lower.contains("; and ") {
        return true;
    }
    let parts: Vec<&str> = text.split([';', '؛', '；']).collect();
    parts.len() >= 2 && parts.iter().filter(|p| cites_a_work(p.trim())).count() >= 2
}

/// Whether `text` holds `ascii` or one of `others` (which are not ASCII). Searched one character at
/// a time each (`memchr`), and the others only in text beyond ASCII: a set of characters as the
/// pattern decoded every character of every footnote.
fn has_any(text: &str, ascii: char, others: [char; 2]) -> bool {
    text.contains(ascii) || !text.is_ascii() && others.iter().any(|&c| text.contains(c))
}

/// [`normalize`], borrowed when `text` has no whitespace to collapse (as nearly every footnote):
/// a rule compares footnotes read from the rope without copying them.
fn normalized(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) if is_collapsed(t.as_bytes()) => {
            Cow::Borrowed(t.trim_end_matches(['.', '。']))
        }
        text => Cow::Owned(normalize(&text)),
    }
}

/// The text with whitespace collapsed and a final full stop dropped.
fn normalize(text: &str) -> String {
    let mut collapsed = collapse_whitespace(text);
    collapsed.truncate(collapsed.trim_end_matches(['.', '。']).len());
    collapsed
}

/// The words of `text` with one space between them, in one allocation.
pub fn collapse_whitespace(text: &str) -> String {
    if is_collapsed(text.as_bytes()) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> FootnoteBody {
        FootnoteBody::parse(text, 0)
    }

    /// [`FootnoteBody::work`] of `b`, parsed from `text` alone.
    fn work_of(text: &str, b: &FootnoteBody) -> String {
        let body = &text[b.range.start as usize..b.range.end as usize];
        b.work_in(Cow::Borrowed(body)).into_owned()
    }

    #[test]
    fn collapsing_whitespace_joins_the_words_with_one_space() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a b",
            "a b ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\u{1}b",
            "a\u{a0}b",
            "Ibid., vol. 976, No. 14152.",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), expected, "{text:?}");
        }
    }

    #[test]
    fn ibid_forms() {
        let cases = [
            ("*Ibid.*, vol. 976, No. 14152.", true, true, "*Ibid.*"),
            ("Ibid., vol. 1582, No. 27627.", false, true, "Ibid."),
            ("Ibid", false, false, "Ibid"),
            ("ibid.", false, false, "ibid."),
            ("_Ibid._", true, true, "_Ibid._"),
            ("*Ibid*.", true, false, "*Ibid*."),
        ];
        for (text, italic, well_formed, token) in cases {
            let b = body(text);
            let t = b.ibid().unwrap_or_else(|| panic!("{text} is an Ibid."));
            assert_eq!(
                (
                    t.italic,
                    t.well_formed,
                    &text[t.range.start as usize..t.range.end as usize]
                ),
                (italic, well_formed, token),
                "{text}"
            );
        }
        assert_eq!(
            body("*Ibid.*, vol. 976, No. 14152.").locator.as_deref(),
            Some("vol. 976, No. 14152")
        );
        assert!(body("Ibidem, p. 3.").ibid().is_none());
    }

    #[test]
    fn notes_and_citations() {
        assert_eq!(
            body("Some countries have identified links in some cases between organized criminal groups and terrorist activities.").kind,
            CitationKind::Note
        );
        for citation in [
            "General Assembly resolution 60/288.",
            "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
            "See *Official Records of the Economic and Social Council, 2009, Supplement No. 8* (E/2009/28), chap. I, sect. C.",
            "A/73/334.",
            // Special and emergency special sessions: a letter prefix before the number.
            "General Assembly resolution S-30/1, annex.",
            "Resolution ES-10/24.",
            "Résolution S-26/2 de l'Assemblée générale, annexe.",
        ] {
            assert_eq!(body(citation).kind, CitationKind::Citation { multiple: false }, "{citation}");
        }
        assert_eq!(
            body("General Assembly resolution 60/288; see also resolution 62/272.").kind,
            CitationKind::Citation { multiple: true }
        );
    }

    #[test]
    fn citations_of_the_six_languages() {
        for (citation, work, locator) in [
            (
                "Nations Unies, *Recueil des Traités*, vol. 2999, no 52106.",
                "Nations Unies, *Recueil des Traités*",
                "vol. 2999, no 52106",
            ),
            (
                "Naciones Unidas, *Treaty Series*, vol. 2999, núm. 52106.",
                "Naciones Unidas, *Treaty Series*",
                "vol. 2999, núm. 52106",
            ),
            (
                "Организация Объединенных Наций, *Сборник договоров*, т. 2999, № 52106.",
                "Организация Объединенных Наций, *Сборник договоров*",
                "т. 2999, № 52106",
            ),
            (
                "الأمم المتحدة، مجموعة المعاهدات، المجلد 2999، الرقم 52106.",
                "الأمم المتحدة، مجموعة المعاهدات",
                "المجلد 2999، الرقم 52106",
            ),
            (
                "联合国，《条约汇编》，第2999卷，第52106号。",
                "联合国，《条约汇编》",
                "第2999卷，第52106号",
            ),
        ] {
            let b = body(citation);
            assert_eq!(
                b.kind,
                CitationKind::Citation { multiple: false },
                "{citation}"
            );
            assert_eq!(
                (work_of(citation, &b).as_str(), b.locator.as_deref()),
                (work, Some(locator)),
                "{citation}"
            );
            assert!(is_treaty_series(&work_of(citation, &b)), "{citation}");
        }
        for note in [
            "Plusieurs États ont signalé que les sécheresses devenaient plus fréquentes.",
            "Ряд государств сообщили, что засухи становятся более частыми.",
            "أفادت عدة دول بأن موجات الجفاف أصبحت أكثر تواترا.",
            "一些国家报告说，干旱变得更加频繁和持久。",
        ] {
            assert_eq!(body(note).kind, CitationKind::Note, "{note}");
        }
        for ibid in [
            "Ibíd., párr. 3.",
            "Там же, т. 1936, № 33207.",
            "المرجع نفسه، المجلد 1936.",
            "同上，第1936卷。",
        ] {
            assert!(body(ibid).ibid().is_some_and(|t| t.well_formed), "{ibid}");
        }
    }

    #[test]
    fn work_and_locator() {
        let text = "United Nations, *Treaty Series*, vol. 2225, No. 39574.";
        let b = body(text);
        assert_eq!(work_of(text, &b), "United Nations, *Treaty Series*");
        assert_eq!(b.locator.as_deref(), Some("vol. 2225, No. 39574"));
        assert!(is_treaty_series(&work_of(text, &b)));
    }
}
