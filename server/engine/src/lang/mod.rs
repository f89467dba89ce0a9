//! The six languages drafts are written in, and the opener phrase lists.

mod phrases;

pub use phrases::{OpenerKind, PhraseBook, PhraseMatch};

/// A draft's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Language {
    Arabic,
    Chinese,
    #[default]
    English,
    French,
    Russian,
    Spanish,
}

impl Language {
    pub const ALL: [Language; 6] = [
        Language::Arabic,
        Language::Chinese,
        Language::English,
        Language::French,
        Language::Russian,
        Language::Spanish,
    ];

    /// The ISO 639-1 code used in settings.
    pub fn code(self) -> &'static str {
        match self {
            Language::Arabic => "ar",
            Language::Chinese => "zh",
            Language::English => "en",
            Language::French => "fr",
            Language::Russian => "ru",
            Language::Spanish => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language of an organ line's name (`L'Assemblée générale` is French).
    pub fn of_organ(name: &str) -> Language {
        let lower = name.to_lowercase();
        let first = lower.split([' ', '\'', '’']).next().unwrap_or("");
        if name.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            Language::Arabic
        } else if name.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
            Language::Chinese
        } else if name.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
            Language::Russian
        } else if matches!(first, "l" | "le" | "les")
            || lower.contains("conseil")
            || lower.contains("assemblée")
        {
            Language::French
        } else if matches!(first, "la" | "el" | "los" | "las")
            || lower.contains("asamblea")
            || lower.contains("consejo")
        {
            Language::Spanish
        } else {
            Language::English
        }
    }

    /// The language's name in English, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::Arabic => "Arabic",
            Language::Chinese => "Chinese",
            Language::English => "English",
            Language::French => "French",
            Language::Russian => "Russian",
            Language::Spanish => "Spanish",
        }
    }

    /// Where a footnote marker goes: before the punctuation (French, Spanish, and Russian, as its
    /// typography has it) or after it (English, Chinese).
    pub fn marker_before_punctuation(self) -> bool {
        matches!(
            self,
            Language::French | Language::Spanish | Language::Russian
        )
    }

    /// Whether we know where this language puts a footnote marker: for Arabic we found no
    /// evidence either way, so `footnote-placement` stays silent there.
    pub fn has_marker_placement(self) -> bool {
        self != Language::Arabic
    }

    /// Whether drafts in this language put their clause openers in italics (English, French,
    /// Spanish, Russian). Arabic and Chinese drafts do not, so the opener rules stay off for them
    /// unless the `italic-openers` setting turns them on.
    pub fn italicizes_openers(self) -> bool {
        !matches!(self, Language::Arabic | Language::Chinese)
    }

    /// How an operative paragraph's number is written before its text: `3. `, in Arabic `3 - `.
    pub fn number_prefix(self, n: u32) -> String {
        match self {
            Language::Arabic => format!("{n} - "),
            _ => format!("{n}. "),
        }
    }

    /// Ibid. in this language. The Latin abbreviation carries its full stop; `Там же`, `同上` and
    /// `المرجع نفسه` are words and take the sentence's punctuation after them.
    pub fn ibid_word(self) -> &'static str {
        match self {
            Language::Russian => "Там же",
            Language::Chinese => "同上",
            Language::Arabic => "المرجع نفسه",
            Language::English | Language::French | Language::Spanish => "Ibid.",
        }
    }

    /// The space after a comma or other mark: none after Chinese full-width marks.
    pub fn space_after_punctuation(self) -> &'static str {
        if self == Language::Chinese {
            ""
        } else {
            " "
        }
    }

    /// Whether Ibid. is printed in italics: `*Ibid.*` in English, French and Spanish; `Там же`,
    /// `المرجع نفسه` and `同上` stand in roman.
    pub fn italic_ibid(self) -> bool {
        matches!(
            self,
            Language::English | Language::French | Language::Spanish
        )
    }

    /// Whether openers start in lower case, as in Russian (`*ссылаясь* на …`, `1. *просит* …`):
    /// there a paragraph in lower case after a page break is not a continuation by its case alone.
    pub fn lowercase_openers(self) -> bool {
        matches!(self, Language::Russian)
    }

    /// The character this language writes for `mark` (`،` for an Arabic comma, `；` for a
    /// Chinese semicolon).
    pub fn mark(self, mark: Mark) -> char {
        match (self, mark) {
            (Language::Arabic, Mark::Comma) => '،',
            (Language::Arabic, Mark::Semicolon) => '؛',
            (Language::Chinese, Mark::Comma) => '，',
            (Language::Chinese, Mark::Semicolon) => '；',
            (Language::Chinese, Mark::FullStop) => '。',
            (Language::Chinese, Mark::Colon) => '：',
            (_, Mark::Comma) => ',',
            (_, Mark::Semicolon) => ';',
            (_, Mark::FullStop) => '.',
            (_, Mark::Colon) => ':',
        }
    }

    /// Whether this language sets a space (often a non-breaking one) before `mark`: French
    /// before `;` and `:`.
    pub fn may_space_before(self, mark: Mark) -> bool {
        self == Language::French && matches!(mark, Mark::Semicolon | Mark::Colon)
    }
}

/// A closing mark of a paragraph, whatever script writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Comma,
    Semicolon,
    FullStop,
    Colon,
}

impl Mark {
    /// The mark a character writes, in any of the six languages.
    pub fn of(c: char) -> Option<Mark> {
        Some(match c {
            ',' | '،' | '，' => Mark::Comma,
            ';' | '؛' | '；' => Mark::Semicolon,
            '.' | '。' => Mark::FullStop,
            ':' | '：' => Mark::Colon,
            _ => return None,
        })
    }

    /// The mark as a drafter reads it in a message.
    pub fn name(self) -> &'static str {
        match self {
            Mark::Comma => "a comma",
            Mark::Semicolon => "a semicolon",
            Mark::FullStop => "a full stop",
            Mark::Colon => "a colon",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organ_languages() {
        assert_eq!(
            Language::of_organ("The General Assembly"),
            Language::English
        );
        assert_eq!(Language::of_organ("L'Assemblée générale"), Language::French);
        assert_eq!(Language::of_organ("La Asamblea General"), Language::Spanish);
        assert_eq!(
            Language::of_organ("Генеральная Ассамблея"),
            Language::Russian
        );
        assert_eq!(Language::of_organ("大会"), Language::Chinese);
        assert_eq!(Language::of_organ("إن الجمعية العامة"), Language::Arabic);
        for (organ, language) in [
            ("Le Conseil de sécurité", Language::French),
            ("Le Conseil économique et social", Language::French),
            ("El Consejo de Seguridad", Language::Spanish),
            ("Совет Безопасности", Language::Russian),
            ("إن مجلس الأمن", Language::Arabic),
            ("安全理事会", Language::Chinese),
            ("The Economic and Social Council", Language::English),
        ] {
            assert_eq!(Language::of_organ(organ), language, "{organ}");
        }
    }
}
