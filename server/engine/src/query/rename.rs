//! Renaming a footnote: every reference and every definition of it at once.

use crate::analysis::Analysis;
use crate::diagnostic::Edit;
use crate::document::Document;
use crate::syntax::FootnoteKey;

use super::footnote_sites;

/// Why a footnote cannot take a new name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    /// A `<sup>` footnote takes a positive whole number.
    NotANumber(String),
    /// A `[^label]` footnote takes a label without brackets or line breaks.
    NotALabel(String),
    /// Another footnote already has that number or label.
    Taken(FootnoteKey),
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NotANumber(name) => write!(
                f,
                "“{name}” is not a footnote number: a <sup> footnote is numbered with a positive whole number, such as 5"
            ),
            RenameError::NotALabel(name) => write!(
                f,
                "“{name}” cannot be a footnote label: a [^label] label must not be empty or contain brackets or line breaks"
            ),
            RenameError::Taken(key) => write!(
                f,
                "footnote {key} already exists: renaming onto it would merge two footnotes; pick a number or label no other footnote uses"
            ),
        }
    }
}

impl std::error::Error for RenameError {}

/// The edits that rename footnote `key` to `new_name` in every reference and definition.
pub fn rename_footnote(
    doc: &Document,
    analysis: &Analysis,
    key: &FootnoteKey,
    new_name: &str,
) -> Result<Vec<Edit>, RenameError> {
    let wanted = new_name.trim();
    let (new_key, new_text) = match key {
        FootnoteKey::Number(_) => {
            let number = wanted
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| wanted.parse::<u32>().ok())
                .flatten()
                .filter(|&n| n > 0)
                .ok_or_else(|| RenameError::NotANumber(new_name.to_owned()))?;
            (FootnoteKey::Number(number), number.to_string())
        }
        FootnoteKey::Label(_) => {
            let label = wanted
                .strip_prefix("[^")
                .and_then(|l| l.strip_suffix(']'))
                .unwrap_or(wanted);
            if label.trim().is_empty()
                || label.contains(['[', ']', '\n', '\r'])
                || label.len() > 200
            {
                return Err(RenameError::NotALabel(new_name.to_owned()));
            }
            let normalized = label
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            (FootnoteKey::Label(normalized.into()), label.to_owned())
        }
    };
    let index = &analysis.footnotes;
    let taken = index.first_ref.contains_key(&new_key) || index.defs_by_key.contains_key(&new_key);
    if &new_key != key && taken {
        return Err(RenameError::Taken(new_key));
    }
    let sites = footnote_sites(doc, analysis, key);
    Ok(sites
        .reference_labels
        .into_iter()
        .chain(sites.definition_labels)
        .map(|range| Edit::replace(range, new_text.clone()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::super::tests::analyse;
    use super::*;
    use crate::fix::apply_edits;

    const DRAFT: &str = "*The General Assembly*,\n\n*Recalling* a,<sup>1</sup> b,<sup>2</sup> c<sup>2,3</sup>\n\n---\n\n<sup>1</sup> One.\n\n<sup>2</sup> Two.\n\n<sup>3</sup> Three.\n";

    #[test]
    fn renames_references_and_definitions() {
        let (doc, a) = analyse(DRAFT);
        let edits = rename_footnote(&doc, &a, &FootnoteKey::Number(2), " 5 ").unwrap();
        assert_eq!(edits.len(), 3);
        assert_eq!(
            apply_edits(DRAFT, &edits),
            DRAFT
                .replace("b,<sup>2</sup>", "b,<sup>5</sup>")
                .replace("<sup>2,3", "<sup>5,3")
                .replace("<sup>2</sup> Two", "<sup>5</sup> Two")
        );
    }

    #[test]
    fn refuses_bad_numbers_and_taken_ones() {
        let (doc, a) = analyse(DRAFT);
        let two = FootnoteKey::Number(2);
        for bad in ["0", "-1", "two", "", "5a", "99999999999"] {
            assert_eq!(
                rename_footnote(&doc, &a, &two, bad),
                Err(RenameError::NotANumber(bad.to_owned()))
            );
        }
        assert_eq!(
            rename_footnote(&doc, &a, &two, "3"),
            Err(RenameError::Taken(FootnoteKey::Number(3)))
        );
        assert_eq!(
            RenameError::Taken(FootnoteKey::Number(3)).to_string(),
            "footnote 3 already exists: renaming onto it would merge two footnotes; pick a number or label no other footnote uses"
        );
        assert_eq!(rename_footnote(&doc, &a, &two, "2").unwrap().len(), 3);
    }

    #[test]
    fn renames_labels() {
        let text = "*The General Assembly*,\n\n*Recalling* a,[^Note]\n\n[^note]: A note.\n\n[^other]: Another.\n";
        let (doc, a) = analyse(text);
        let key = FootnoteKey::Label("note".into());
        let edits = rename_footnote(&doc, &a, &key, "source").unwrap();
        assert_eq!(
            apply_edits(text, &edits),
            text.replace("[^Note]", "[^source]")
                .replace("[^note]:", "[^source]:")
        );
        assert_eq!(
            rename_footnote(&doc, &a, &key, "[^OTHER]"),
            Err(RenameError::Taken(FootnoteKey::Label("other".into())))
        );
        assert!(matches!(
            rename_footnote(&doc, &a, &key, "a]b"),
            Err(RenameError::NotALabel(_))
        ));
    }
}
