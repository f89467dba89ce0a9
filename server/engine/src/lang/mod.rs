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

    /// Where a footnote marker goes: after the punctuation (English, Russian) or before it
    /// (French, Spanish).
    pub fn marker_before_punctuation(self) -> bool {
        matches!(self, Language::French | Language::Spanish)
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
    }
}
