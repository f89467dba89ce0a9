//! Diagnostics for a snapshot, and their identity (for `resultId` and for not pushing the same
//! diagnostics twice).
//!
//! Both are kept per document from one request to the next ([`DocChecks`]): the engine's
//! [`CheckCache`] re-checks only what an edit touched, and the diagnostics already converted to
//! LSP are reused when an edit left their lines alone, so a keystroke in a large draft costs a
//! comparison per diagnostic rather than a conversion (position lookups, JSON) per diagnostic.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use resolution_engine::document::Splice;
use resolution_engine::{CheckCache, Diagnostic as Found, Document, Edit, Encoding, Severity};
use tower_lsp_server::ls_types::Diagnostic;

use super::convert;
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
    sources: Vec<Source>,
    identity: u64,
}

/// What an LSP diagnostic was made from: the engine's diagnostic (with its fix's edits only
/// when they travel in `data`), the lines of every offset in it, and a hash of what it shows.
struct Source {
    rule: &'static str,
    severity: Severity,
    range: Range<usize>,
    message: String,
    related: Vec<(Range<usize>, String)>,
    /// The fix's title, and its edits when they travel in `data`.
    fix: Option<(String, Option<Vec<Edit>>)>,
    lines: Vec<u32>,
    hash: u64,
}

impl Source {
    fn new(found: &Found, shown: &Diagnostic) -> Source {
        let fix = found.fix.as_ref().map(|fix| {
            (
                fix.title.clone(),
                convert::in_data(fix).map(<[Edit]>::to_vec),
            )
        });
        let mut lines = vec![shown.range.start.line, shown.range.end.line];
        for related in shown.related_information.iter().flatten() {
            lines.extend([
                related.location.range.start.line,
                related.location.range.end.line,
            ]);
        }
        // The fix's edits, when they travel in `data`, show positions too.
        let edits = shown
            .data
            .as_ref()
            .and_then(|data| data.pointer("/fix/edits"))
            .and_then(|edits| edits.as_array());
        for edit in edits.into_iter().flatten() {
            for end in ["/range/start/line", "/range/end/line"] {
                if let Some(line) = edit.pointer(end).and_then(|l| l.as_u64()) {
                    lines.push(line as u32);
                }
            }
        }
        let mut hasher = DefaultHasher::new();
        serde_json::to_string(shown)
            .unwrap_or_default()
            .hash(&mut hasher);
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
            lines,
            hash: hasher.finish(),
        }
    }

    /// `found` is this diagnostic moved by the edits `map` describes, unchanged otherwise.
    fn moved_to(&self, found: &Found, map: &impl Fn(usize) -> Option<usize>) -> bool {
        let moved = |from: &Range<usize>, to: &Range<usize>| {
            map(from.start) == Some(to.start) && map(from.end) == Some(to.end)
        };
        let same_fix = match (&self.fix, &found.fix) {
            (None, None) => true,
            (Some((title, edits)), Some(fix)) => {
                *title == fix.title
                    && match (edits, convert::in_data(fix)) {
                        (None, None) => true,
                        (Some(shown), Some(now)) => {
                            shown.len() == now.len()
                                && shown.iter().zip(now).all(|(a, b)| {
                                    a.new_text == b.new_text && moved(&a.range, &b.range)
                                })
                        }
                        _ => false,
                    }
            }
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
}

/// Runs `then` on the diagnostics of the snapshot's document as the client sees them, with
/// their identity.
pub fn with_current<T>(snapshot: &Snapshot, then: impl FnOnce(u64, &[Diagnostic]) -> T) -> T {
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
    then(shown.identity, &shown.diagnostics)
}

/// Converts `found` for the client, reusing what `previous` converted where the edits since left
/// a diagnostic's lines alone.
fn show(snapshot: &Snapshot, found: &[Found], previous: Option<Shown>) -> Shown {
    let doc = &snapshot.doc;
    let mut reusable = previous.and_then(|p| {
        let (splices, touched) = line_keeping_splices(doc, p.version)?;
        Some((p.diagnostics, p.sources, splices, touched))
    });
    let mut diagnostics = Vec::with_capacity(found.len());
    let mut sources = Vec::with_capacity(found.len());
    let mut next_old = 0;
    for d in found {
        let reused = reusable
            .as_mut()
            .and_then(|(old, old_sources, splices, touched)| {
                let map = |offset: usize| splices.iter().try_fold(offset, |o, s| s.map(o));
                // Both lists are in document order and edits keep order: look from where the last
                // match was, up to where the old diagnostics start past this one.
                let at = (next_old..old_sources.len())
                    .take_while(|&i| {
                        map(old_sources[i].range.start).is_none_or(|s| s <= d.range.start)
                    })
                    .find(|&i| old_sources[i].moved_to(d, &map))?;
                let source = &old_sources[at];
                if source.lines.iter().any(|line| touched.contains(line)) {
                    return None;
                }
                next_old = at + 1;
                let diagnostic = std::mem::take(&mut old[at]);
                let mut source = std::mem::replace(&mut old_sources[at], Source::placeholder());
                source.move_by(d);
                Some((diagnostic, source))
            });
        let (diagnostic, source) = reused.unwrap_or_else(|| {
            let diagnostic = convert::diagnostic(&snapshot.uri, doc.text(), d, snapshot.encoding);
            let source = Source::new(d, &diagnostic);
            (diagnostic, source)
        });
        diagnostics.push(diagnostic);
        sources.push(source);
    }
    let mut hasher = DefaultHasher::new();
    for source in &sources {
        source.hash.hash(&mut hasher);
    }
    Shown {
        version: doc.version(),
        encoding: snapshot.encoding,
        diagnostics,
        sources,
        identity: hasher.finish(),
    }
}

impl Source {
    /// A stand-in left where a reused source was taken from; never compared again.
    fn placeholder() -> Source {
        Source {
            rule: "",
            severity: Severity::Hint,
            range: 0..0,
            message: String::new(),
            related: Vec::new(),
            fix: None,
            lines: Vec::new(),
            hash: 0,
        }
    }

    /// Takes the offsets of `found`, which this source was matched to.
    fn move_by(&mut self, found: &Found) {
        self.range = found.range.clone();
        for ((range, _), r) in self.related.iter_mut().zip(&found.related) {
            *range = r.range.clone();
        }
        if let (Some((_, Some(edits))), Some(now)) =
            (&mut self.fix, found.fix.as_ref().and_then(convert::in_data))
        {
            *edits = now.to_vec();
        }
    }
}

/// The splices since `version` and the lines they touched, when none of them made or removed a
/// line break (so every other line kept its number and columns).
fn line_keeping_splices(doc: &Document, version: (u64, u64)) -> Option<(Vec<&Splice>, Vec<u32>)> {
    let splices: Vec<&Splice> = doc.splices_since(version)?.collect();
    if !splices.iter().all(|s| s.keeps_lines) {
        return None;
    }
    let touched = splices.iter().map(|s| s.line as u32).collect();
    Some((splices, touched))
}
