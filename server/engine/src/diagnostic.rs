//! What a check reports: diagnostics with their related places and fixes, on byte offsets.

use std::ops::Range;
use std::sync::Arc;

/// How serious a diagnostic is; ordered from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A rule's level as configured: off, or on at a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "off" | "none" | "ignore" => Level::Off,
            "hint" => Level::On(Severity::Hint),
            "info" | "information" => Level::On(Severity::Info),
            "warning" | "warn" => Level::On(Severity::Warning),
            "error" => Level::On(Severity::Error),
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::On(s) => s.as_str(),
        }
    }
}

/// One problem found in a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable rule id (`footnote-undefined`).
    pub rule: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    /// One line that names the thing: "footnote 7 is referenced but never defined".
    pub message: String,
    /// Other places involved (the first definition of a duplicate, the head of an Ibid. chain).
    pub related: Vec<Related>,
    /// The fix, where it is determined.
    pub fix: Option<Fix>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

/// A fix: edits to apply together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a command ("Renumber footnotes in reading order").
    pub title: String,
    pub edits: FixEdits,
    pub safety: Safety,
}

impl Fix {
    /// A fix that keeps the draft's meaning and rests on a certain reading: `--fix` applies it.
    pub fn safe(title: impl Into<String>, edits: impl Into<FixEdits>) -> Fix {
        Fix {
            title: title.into(),
            edits: edits.into(),
            safety: Safety::Safe,
        }
    }

    /// A fix that adds or rewrites content, or rests on a reading that may be wrong: offered, but
    /// applied only when asked (`--unsafe-fixes`).
    pub fn unsafe_(title: impl Into<String>, edits: impl Into<FixEdits>) -> Fix {
        Fix {
            title: title.into(),
            edits: edits.into(),
            safety: Safety::Unsafe,
        }
    }

    /// Safe when `certain`, else unsafe.
    pub fn safe_if(certain: bool, title: impl Into<String>, edits: impl Into<FixEdits>) -> Fix {
        if certain {
            Fix::safe(title, edits)
        } else {
            Fix::unsafe_(title, edits)
        }
    }

    pub fn is_safe(&self) -> bool {
        self.safety == Safety::Safe
    }
}

/// Whether a fix may be applied without the drafter looking at it (the way ruff tells its fixes
/// apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Safety {
    /// It keeps the meaning (italicizes an opener, renumbers, puts the right mark in place) and
    /// the reading it rests on is certain: `check --fix` and "fix all" apply it.
    Safe,
    /// It adds or rewrites content (a placeholder definition, an Ibid. expanded or contracted, a
    /// footnote deleted), or the reading it rests on is uncertain: offered, applied only with
    /// `--unsafe-fixes` or when the drafter picks it.
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// A fix's edits: listed, or for a draft-wide fix, the refactor that makes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixEdits {
    /// Shared: a fix offered on several diagnostics (one "rewrite every Ibid." fix on each Ibid.)
    /// holds one list.
    Listed(Arc<Vec<Edit>>),
    /// A draft-wide fix, renumbering every operative paragraph or footnote: an edit per
    /// paragraph, which a check that follows the drafter's typing would otherwise make (and move)
    /// on every keystroke. Its edits are made when someone asks, on the document as it is then
    /// (`Refactors::edits`); a deferred fix always changes something when its rule reports.
    Deferred(Refactor),
}

impl FixEdits {
    /// The edits, when listed with the diagnostic.
    pub fn listed(&self) -> Option<&Arc<Vec<Edit>>> {
        match self {
            FixEdits::Listed(edits) => Some(edits),
            FixEdits::Deferred(_) => None,
        }
    }
}

impl From<Refactor> for FixEdits {
    fn from(refactor: Refactor) -> FixEdits {
        FixEdits::Deferred(refactor)
    }
}

impl From<Vec<Edit>> for FixEdits {
    fn from(edits: Vec<Edit>) -> FixEdits {
        FixEdits::Listed(Arc::new(edits))
    }
}

/// Replace `range` with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, new_text: impl Into<String>) -> Edit {
        Edit {
            range,
            new_text: new_text.into(),
        }
    }

    pub fn insert(at: usize, new_text: impl Into<String>) -> Edit {
        Edit::replace(at..at, new_text)
    }

    pub fn delete(range: Range<usize>) -> Edit {
        Edit::replace(range, "")
    }
}

/// The refactors there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Refactor {
    /// Every footnote renumbered in reading order, references and definitions together.
    RenumberFootnotes,
    /// The operative paragraphs renumbered as the `operative-numbering` fix numbers them.
    RenumberOperative,
    /// The Ibid. footnote at an offset written out as its full citation.
    ExpandIbid,
    /// The full citation at an offset, repeating the work of the footnote before it, turned into
    /// Ibid. in the draft's form.
    ReplaceWithIbid,
}

impl Refactor {
    pub const ALL: [Refactor; 4] = [
        Refactor::ExpandIbid,
        Refactor::ReplaceWithIbid,
        Refactor::RenumberFootnotes,
        Refactor::RenumberOperative,
    ];

    /// A stable name, for a client to send back when it resolves an action lazily.
    pub fn id(self) -> &'static str {
        match self {
            Refactor::RenumberFootnotes => "renumber-footnotes",
            Refactor::RenumberOperative => "renumber-operative",
            Refactor::ExpandIbid => "expand-ibid",
            Refactor::ReplaceWithIbid => "replace-with-ibid",
        }
    }

    pub fn from_id(id: &str) -> Option<Refactor> {
        Refactor::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The command as a drafter reads it.
    pub fn title(self) -> &'static str {
        match self {
            Refactor::RenumberFootnotes => "Renumber footnotes in reading order",
            Refactor::RenumberOperative => "Renumber operative paragraphs",
            Refactor::ExpandIbid => "Expand Ibid. to the full citation",
            Refactor::ReplaceWithIbid => "Replace with Ibid.",
        }
    }

    /// It acts on the footnote at an offset; the others act on the whole draft.
    pub fn is_local(self) -> bool {
        matches!(self, Refactor::ExpandIbid | Refactor::ReplaceWithIbid)
    }
}
