//! Diagnostics for a snapshot, and their identity (for `resultId` and for not pushing the same
//! diagnostics twice).
//!
//! Both are kept per document from one request to the next ([`DocChecks`]): the engine's
//! [`CheckCache`] re-checks only what an edit touched, and the diagnostics already converted to
//! LSP are reused when an edit left their lines alone, moved down or up by the lines an edit
//! added or removed before them; only those on the lines an edit touched are converted again. So
//! an edit in a large draft costs a comparison and a few additions per diagnostic, not position
//! lookups. The identity is hashed from what each diagnostic shows (the engine's own fields and
//! its positions), never from its JSON.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use resolution_engine::document::Splice;
use resolution_engine::{CheckCache, Diagnostic as Found, Encoding, Severity};
use rustc_hash::FxHasher;
use tower_lsp_server::ls_types::{Diagnostic, Position};

use super::convert;
use super::rendered::Fragment;
use super::state::Snapshot;

/// What one open document's last check left: the engine's cache and what was shown of it.
#[derive(Default)]
pub struct DocChecks {
    engine: CheckCache,
    shown: Option<Shown>,
}

/// Diagnostics as converted for the client, with what each came from.
struct Shown {
    version: (u64, u64),
    encoding: Encoding,
    diagnostics: Vec<Diagnostic>,
    /// Each diagnostic's JSON but for its positions, written into every answer that sends them.
    fragments: Vec<Fragment>,
    sources: Vec<Source>,
    identity: u64,
}

/// The diagnostics the client is shown, as [`with_current`] lends them.
pub struct Current<'a> {
    /// A hash of what they show.
    pub identity: u64,
    pub diagnostics: &'a [Diagnostic],
    /// Those of `diagnostics`, one each.
    pub fragments: &'a [Fragment],
}

/// What an LSP diagnostic was made from: the engine's diagnostic (its offsets, as of the check
/// that made or last moved it) and a hash of everything it shows but its positions.
struct Source {
    rule: &'static str,
    severity: Severity,
    range: Range<usize>,
    message: String,
    related: Vec<(Range<usize>, String)>,
    /// The fix's title and whether it is safe: what `data` and the code actions show of it.
    fix: Option<(String, bool)>,
    /// Hashes the rule, severity, message, related messages and fix: the positions are hashed
    /// with the identity, so a diagnostic moved by an edit needs no new hash.
    content: u64,
}

impl Source {
    fn new(found: &Found) -> Source {
        let fix = found
            .fix
            .as_ref()
            .map(|fix| (fix.title.clone(), fix.is_safe()));
        let mut hasher = FxHasher::default();
        found.rule.hash(&mut hasher);
        (found.severity as u8).hash(&mut hasher);
        found.message.hash(&mut hasher);
        for related in &found.related {
            related.message.hash(&mut hasher);
        }
        fix.hash(&mut hasher);
        Source {
            rule: found.rule,
            severity: found.severity,
            range: found.range.clone(),
            message: found.message.clone(),
            related: found
                .related
                .iter()
                .map(|r| (r.range.clone(), r.message.clone()))
                .collect(),
            fix,
            content: hasher.finish(),
        }
    }

    /// `found` is this diagnostic moved by the edits `map` describes, unchanged otherwise.
    fn moved_to(&self, found: &Found, map: &impl Fn(usize) -> Option<usize>) -> bool {
        let moved = |from: &Range<usize>, to: &Range<usize>| {
            map(from.start) == Some(to.start) && map(from.end) == Some(to.end)
        };
        let same_fix = match (&self.fix, &found.fix) {
            (None, None) => true,
            (Some((title, safe)), Some(fix)) => *title == fix.title && *safe == fix.is_safe(),
            _ => false,
        };
        self.rule == found.rule
            && self.severity == found.severity
            && self.message == found.message
            && moved(&self.range, &found.range)
            && self.related.len() == found.related.len()
            && self
                .related
                .iter()
                .zip(&found.related)
                .all(|((range, message), r)| *message == r.message && moved(range, &r.range))
            && same_fix
    }

    /// A stand-in left where a reused source was taken from; never compared again.
    fn placeholder() -> Source {
        Source {
            rule: "",
            severity: Severity::Hint,
            range: 0..0,
            message: String::new(),
            related: Vec::new(),
            fix: None,
            content: 0,
        }
    }

    /// Takes the offsets of `found`, which this source was matched to.
    fn move_by(&mut self, found: &Found) {
        self.range = found.range.clone();
        for ((range, _), r) in self.related.iter_mut().zip(&found.related) {
            *range = r.range.clone();
        }
    }
}

/// Runs `then` on the diagnostics of the snapshot's document as the client sees them.
pub fn with_current<T>(snapshot: &Snapshot, then: impl FnOnce(Current<'_>) -> T) -> T {
    // A check that panicked left the caches without their state (each takes it out while it
    // works), so a poisoned lock holds nothing half-done.
    let mut checks = snapshot
        .checks
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let checks = &mut *checks;
    let found = checks
        .engine
        .check(&snapshot.doc, &snapshot.config, snapshot.path.as_deref());
    let previous = checks
        .shown
        .take()
        .filter(|s| s.encoding == snapshot.encoding);
    let shown = show(snapshot, found, previous);
    let shown = checks.shown.insert(shown);
    then(Current {
        identity: shown.identity,
        diagnostics: &shown.diagnostics,
        fragments: &shown.fragments,
    })
}

/// Converts `found` for the client, reusing what `previous` converted where the edits since left
/// a diagnostic's lines alone or only moved them.
fn show(snapshot: &Snapshot, found: &[Found], previous: Option<Shown>) -> Shown {
    let doc = &snapshot.doc;
    let mut reusable = previous.and_then(|p| {
        let splices: Vec<&Splice> = doc.splices_since(p.version)?.collect();
        Some((p, splices))
    });
    let mut diagnostics = Vec::with_capacity(found.len());
    let mut fragments = Vec::with_capacity(found.len());
    let mut sources = Vec::with_capacity(found.len());
    let mut next_old = 0;
    for d in found {
        let reused = reusable.as_mut().and_then(|(old, splices)| {
            let map = |offset: usize| splices.iter().try_fold(offset, |o, s| s.map(o));
            // Both lists are in document order and edits keep order: look from where the last
            // match was, up to where the old diagnostics start past this one.
            let at = (next_old..old.sources.len())
                .take_while(|&i| map(old.sources[i].range.start).is_none_or(|s| s <= d.range.start))
                .find(|&i| old.sources[i].moved_to(d, &map))?;
            if !move_lines(&mut old.diagnostics[at], splices) {
                return None;
            }
            next_old = at + 1;
            let diagnostic = std::mem::take(&mut old.diagnostics[at]);
            let fragment = std::mem::replace(&mut old.fragments[at], Fragment::placeholder());
            let mut source = std::mem::replace(&mut old.sources[at], Source::placeholder());
            source.move_by(d);
            Some((diagnostic, fragment, source))
        });
        let (diagnostic, fragment, source) = reused.unwrap_or_else(|| {
            let diagnostic = convert::diagnostic(&snapshot.uri, doc.text(), d, snapshot.encoding);
            let fragment = Fragment::new(&diagnostic);
            (diagnostic, fragment, Source::new(d))
        });
        diagnostics.push(diagnostic);
        fragments.push(fragment);
        sources.push(source);
    }
    Shown {
        version: doc.version(),
        encoding: snapshot.encoding,
        identity: identity(&diagnostics, &sources),
        diagnostics,
        fragments,
        sources,
    }
}

/// A hash of what the client is shown: each diagnostic's content and positions.
fn identity(diagnostics: &[Diagnostic], sources: &[Source]) -> u64 {
    let mut hasher = FxHasher::default();
    diagnostics.len().hash(&mut hasher);
    let mut position = |p: &Position| {
        hasher.write_u32(p.line);
        hasher.write_u32(p.character);
    };
    for (diagnostic, _) in diagnostics.iter().zip(sources) {
        position(&diagnostic.range.start);
        position(&diagnostic.range.end);
        for related in diagnostic.related_information.iter().flatten() {
            position(&related.location.range.start);
            position(&related.location.range.end);
        }
    }
    for source in sources {
        hasher.write_u64(source.content);
    }
    hasher.finish()
}

/// Moves the positions of `diagnostic`, converted before `splices`, to where they are after
/// them, when every one stands on a line no splice touched: before an edit it keeps its line,
/// after one it moves by the lines the edit added or removed, keeping its column. `false`, and
/// nothing moved, when one stands on an edited line (its column may have changed): that
/// diagnostic is converted again.
fn move_lines(diagnostic: &mut Diagnostic, splices: &[&Splice]) -> bool {
    let line_after = |line: u32| -> Option<u32> {
        let after = splices.iter().try_fold(line as usize, |line, s| {
            if line < s.line {
                Some(line)
            } else if line > s.end_line {
                Some(line - s.end_line + s.new_end_line)
            } else {
                None
            }
        })?;
        u32::try_from(after).ok()
    };
    let movable = |p: &Position| line_after(p.line).is_some();
    let related = diagnostic.related_information.iter().flatten();
    let all_movable = movable(&diagnostic.range.start)
        && movable(&diagnostic.range.end)
        && related
            .into_iter()
            .all(|r| movable(&r.location.range.start) && movable(&r.location.range.end));
    if !all_movable {
        return false;
    }
    let shift = |p: &mut Position| {
        if let Some(line) = line_after(p.line) {
            p.line = line;
        }
    };
    shift(&mut diagnostic.range.start);
    shift(&mut diagnostic.range.end);
    for related in diagnostic.related_information.iter_mut().flatten() {
        shift(&mut related.location.range.start);
        shift(&mut related.location.range.end);
    }
    true
}
