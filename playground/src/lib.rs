//! The resolution-ls engine for a web page: one draft, checked as it is edited, through the same
//! [`CheckCache`] the language server uses, with hover, quick fixes, fix-all, the outline and the
//! rule documentation.
//!
//! Everything crosses to JavaScript as JSON text (one `JSON.parse` on the page's side), and every
//! offset that crosses is in UTF-16 code units from the start of the text, as a JavaScript string
//! (and CodeMirror) counts them; the engine works on UTF-8 byte offsets, converted here at the edge
//! as the server converts to LSP positions at its own.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use resolution_engine::analysis::Analysis;
use resolution_engine::config::DraftMode;
use resolution_engine::fix::{apply_edits, compatible_edits};
use resolution_engine::lang::Language;
use resolution_engine::query::{self, ItemKind, OutlineItem};
use resolution_engine::refactor::{fix_edits, Refactors};
use resolution_engine::rules::{GUIDE, RULES};
use resolution_engine::{
    fix_all, CheckCache, Config, Diagnostic, Document, Edit, Fix, Severity, SourceText,
};
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;

/// One draft open in the page.
#[wasm_bindgen]
pub struct Playground {
    doc: Document,
    checks: CheckCache,
    config: Config,
}

impl Default for Playground {
    fn default() -> Self {
        Playground::new()
    }
}

/// A text change, as CodeMirror describes one: replace `from..to` with `insert`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

#[derive(Debug, Serialize)]
struct Shown<'a> {
    rule: &'static str,
    severity: &'static str,
    from: usize,
    to: usize,
    /// 1-based, for the list beside the editor.
    line: usize,
    message: &'a str,
    related: Vec<ShownRelated<'a>>,
    /// The fix's title, and whether it is safe; its edits come from [`Playground::fixes_at`].
    fix: Option<ShownFix<'a>>,
}

#[derive(Debug, Serialize)]
struct ShownRelated<'a> {
    from: usize,
    to: usize,
    message: &'a str,
}

#[derive(Debug, Serialize)]
struct ShownFix<'a> {
    title: &'a str,
    safe: bool,
}

/// A fix or refactor offered at a place, with its edits.
#[derive(Debug, Serialize)]
struct Action {
    title: String,
    /// `quickfix` or `refactor`.
    kind: &'static str,
    safe: bool,
    /// The rules of the diagnostics it fixes (none for a refactor).
    rules: Vec<&'static str>,
    changes: Vec<Change>,
}

#[derive(Debug, Serialize)]
struct FixedAll {
    changes: Vec<Change>,
    applied: usize,
    by_rule: Vec<(&'static str, usize)>,
    /// Unsafe fixes left for the drafter to pick one by one.
    unsafe_left: usize,
}

#[derive(Debug, Serialize)]
struct Hover {
    markdown: String,
    from: usize,
    to: usize,
}

#[derive(Debug, Serialize)]
struct Item {
    kind: &'static str,
    name: String,
    detail: Option<String>,
    line: usize,
    from: usize,
    to: usize,
    children: Vec<Item>,
}

#[derive(Debug, Serialize)]
struct RuleDoc {
    id: &'static str,
    level: &'static str,
    summary: &'static str,
    docs: &'static str,
}

#[wasm_bindgen]
impl Playground {
    /// An empty draft. Everything in the page is checked as a draft, whatever its name.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Playground {
        Playground {
            doc: Document::new(""),
            checks: CheckCache::new(),
            config: Config {
                draft: DraftMode::Always,
                ..Config::default()
            },
        }
    }

    /// Replaces the whole draft (a file opened, the page loaded); the next check starts afresh.
    pub fn open(&mut self, text: &str) {
        self.doc = Document::new(text);
        self.checks = CheckCache::new();
    }

    /// Replaces `from..to` (UTF-16 offsets in the current text, clamped) with `insert`. The page
    /// applies the changes of one editor transaction from the last back, so that the offsets of
    /// each, in the text before the transaction, still hold.
    pub fn edit(&mut self, from: usize, to: usize, insert: &str) {
        let text = self.doc.text();
        let start = byte_offset(text, from);
        let end = byte_offset(text, to).max(start);
        self.doc.edit(start..end, insert);
    }

    /// The whole text, as the engine holds it (to compare with the editor's when in doubt).
    pub fn text(&self) -> String {
        self.doc.text().to_string()
    }

    /// `auto` (from the organ line, else English) or a language code (`en`, `fr`, `es`, `ru`,
    /// `ar`, `zh`). Returns false, changing nothing, for any other code.
    pub fn set_language(&mut self, code: &str) -> bool {
        let language = match code {
            "auto" => None,
            code => match Language::from_code(code) {
                Some(language) => Some(language),
                None => return false,
            },
        };
        if self.config.language != language {
            self.config.language = language;
            self.checks = CheckCache::new();
        }
        true
    }

    /// The draft's language as the checker reads it (the picker's, or the one the draft gives):
    /// its code. A pass over the whole draft: not for every keystroke.
    pub fn language(&self) -> String {
        self.analysis().language.code().to_owned()
    }

    /// The diagnostics, JSON: `{"diagnostics": [{rule, severity, from, to, line, message,
    /// related: [{from, to, message}], fix: {title, safe} | null}], "incremental": bool}`.
    pub fn check(&mut self) -> String {
        let found = self.checks.check(&self.doc, &self.config, None);
        let text = self.doc.text();
        let diagnostics: Vec<Shown> = found.iter().map(|d| shown(text, d)).collect();
        // Written before the cache is asked anything else: its diagnostics are borrowed.
        let diagnostics = to_json(&diagnostics);
        let incremental = self.checks.last_was_incremental();
        format!("{{\"diagnostics\":{diagnostics},\"incremental\":{incremental}}}")
    }

    /// The quick fixes of the diagnostics over `from..to` and the refactors available there, JSON:
    /// `[{title, kind, safe, rules, changes: [{from, to, insert}]}]`, quick fixes first. A fix
    /// shared by several diagnostics (one rewrite of every Ibid.) is offered once.
    pub fn fixes_at(&self, from: usize, to: usize) -> String {
        let text = self.doc.text();
        let start = byte_offset(text, from);
        let requested = start..byte_offset(text, to).max(start);
        let refactors = Refactors::new(&self.doc, &self.config, None);
        let mut actions: Vec<Action> = Vec::new();
        let mut action_of_edits: HashMap<*const Vec<Edit>, usize> = HashMap::new();
        for d in refactors.diagnostics() {
            let touches = d.range.start <= requested.end && requested.start <= d.range.end;
            let Some(fix) = d.fix.as_ref().filter(|_| touches) else {
                continue;
            };
            let edits = refactors.edits(fix);
            if let Some(&i) = action_of_edits.get(&Arc::as_ptr(&edits)) {
                if !actions[i].rules.contains(&d.rule) {
                    actions[i].rules.push(d.rule);
                }
                continue;
            }
            action_of_edits.insert(Arc::as_ptr(&edits), actions.len());
            actions.push(Action {
                title: fix_title(fix),
                kind: "quickfix",
                safe: fix.is_safe(),
                rules: vec![d.rule],
                changes: changes(text, &edits),
            });
        }
        for available in refactors.available(requested) {
            actions.push(Action {
                title: available.refactor.title().to_owned(),
                kind: "refactor",
                safe: available.fix.is_safe(),
                rules: Vec::new(),
                changes: changes(text, &refactors.edits(&available.fix)),
            });
        }
        to_json(&actions)
    }

    /// Every safe fix, round after round (as `check --fix`), JSON: `{changes, applied, by_rule,
    /// unsafe_left}`. The changes are the first round's edits when they give the result, else
    /// one replacement of the part of the text that changed.
    pub fn fix_all(&self) -> String {
        let text = self.doc.text();
        let original = text.to_string();
        let fixed = fix_all(&original, &self.config, None);
        let changes = if fixed.text == original {
            Vec::new()
        } else {
            let refactors = Refactors::new(&self.doc, &self.config, None);
            let mut first_round = refactors.diagnostics();
            first_round.retain(|d| d.fix.as_ref().is_some_and(Fix::is_safe));
            let (edits, _) = compatible_edits(&fix_edits(&refactors, &first_round));
            if apply_edits(&original, &edits) == fixed.text {
                changes(text, &edits)
            } else {
                vec![difference(text, &original, &fixed.text)]
            }
        };
        to_json(&FixedAll {
            changes,
            applied: fixed.fixes_applied,
            by_rule: fixed.applied_by_rule,
            unsafe_left: fixed.unsafe_left,
        })
    }

    /// What stands at `offset` (a footnote marker or definition, an Ibid., an opener), JSON:
    /// `{markdown, from, to}`, or `null`.
    pub fn hover(&self, offset: usize) -> String {
        let text = self.doc.text();
        let analysis = self.analysis();
        match query::hover(&self.doc, &analysis, byte_offset(text, offset)) {
            Some(found) => to_json(&Hover {
                markdown: found.markdown,
                from: utf16_offset(text, found.range.start),
                to: utf16_offset(text, found.range.end),
            }),
            None => "null".to_owned(),
        }
    }

    /// The outline, JSON: `[{kind, name, detail, line, from, to, children}]` (title, organ line,
    /// then the preambular and operative paragraphs and the footnotes, each kind `preamble`,
    /// `operative`, `footnote`…). Empty for a text with nothing of a draft.
    pub fn outline(&self) -> String {
        let text = self.doc.text();
        let outline = query::outline(&self.doc, &self.analysis());
        let items: Vec<Item> = outline
            .title
            .iter()
            .chain(&outline.organ)
            .chain(&outline.preamble)
            .chain(&outline.operative)
            .chain(&outline.footnotes)
            .map(|item| outline_item(text, item))
            .collect();
        to_json(&items)
    }

    /// Every rule, in catalogue order, JSON: `[{id, level, summary, docs}]` (`docs` is the rule's
    /// Markdown documentation, as `resolution-ls rules ID` prints it).
    pub fn rules() -> String {
        let rules: Vec<RuleDoc> = RULES
            .iter()
            .map(|rule| RuleDoc {
                id: rule.id,
                level: rule.default_level.as_str(),
                summary: rule.summary,
                docs: rule.docs(),
            })
            .collect();
        to_json(&rules)
    }

    /// How a draft with a mistake is read, and which fixes are safe (Markdown).
    pub fn guide() -> String {
        GUIDE.to_owned()
    }
}

impl Playground {
    fn analysis(&self) -> Analysis {
        Analysis::new(&self.doc, &self.config, None)
    }
}

/// The UTF-16 offset of a byte offset (clamped to the text, and to the start of a character).
pub fn utf16_offset(text: &SourceText, byte: usize) -> usize {
    let rope = text.rope();
    rope.char_to_utf16_cu(rope.byte_to_char(text.clamp_offset(byte)))
}

/// The byte offset of a UTF-16 offset (clamped to the text; inside a surrogate pair, the start of
/// its character).
pub fn byte_offset(text: &SourceText, utf16: usize) -> usize {
    let rope = text.rope();
    let utf16 = utf16.min(rope.len_utf16_cu());
    rope.char_to_byte(rope.utf16_cu_to_char(utf16))
}

fn shown<'a>(text: &SourceText, d: &'a Diagnostic) -> Shown<'a> {
    let from = utf16_offset(text, d.range.start);
    let to = utf16_offset(text, d.range.end);
    Shown {
        rule: d.rule,
        severity: severity(d.severity),
        from,
        to,
        line: text.rope().byte_to_line(text.clamp_offset(d.range.start)) + 1,
        message: &d.message,
        related: d
            .related
            .iter()
            .map(|r| ShownRelated {
                from: utf16_offset(text, r.range.start),
                to: utf16_offset(text, r.range.end),
                message: &r.message,
            })
            .collect(),
        fix: d.fix.as_ref().map(|fix| ShownFix {
            title: &fix.title,
            safe: fix.is_safe(),
        }),
    }
}

/// CodeMirror's names: `error`, `warning`, `info`, `hint`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Hint => "hint",
    }
}

/// A fix's title; an unsafe one says so (as the server's quick fix does).
fn fix_title(fix: &Fix) -> String {
    if fix.is_safe() {
        fix.title.clone()
    } else {
        format!("{} (unsafe: review it)", fix.title)
    }
}

fn changes(text: &SourceText, edits: &[Edit]) -> Vec<Change> {
    edits
        .iter()
        .map(|e| Change {
            from: utf16_offset(text, e.range.start),
            to: utf16_offset(text, e.range.end),
            insert: e.new_text.clone(),
        })
        .collect()
}

/// One change that turns `before` into `after`: the part between their common start and end.
fn difference(text: &SourceText, before: &str, after: &str) -> Change {
    let prefix = common_prefix(before, after);
    let suffix = common_suffix(&before[prefix..], &after[prefix..]);
    let removed: Range<usize> = prefix..before.len() - suffix;
    Change {
        from: utf16_offset(text, removed.start),
        to: utf16_offset(text, removed.end),
        insert: after[prefix..after.len() - suffix].to_owned(),
    }
}

/// The length of the longest common start of `a` and `b`, on a character boundary of both.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// The length of the longest common end of `a` and `b`, on a character boundary of both.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut len = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        len += x.len_utf8();
    }
    len
}

fn outline_item(text: &SourceText, item: &OutlineItem) -> Item {
    Item {
        kind: match item.kind {
            ItemKind::Title => "title",
            ItemKind::Organ => "organ",
            ItemKind::Section => "section",
            ItemKind::Preambular => "preamble",
            ItemKind::Operative => "operative",
            ItemKind::SubParagraph => "subparagraph",
            ItemKind::Footnote => "footnote",
        },
        name: item.name.clone(),
        detail: item.detail.clone(),
        line: text
            .rope()
            .byte_to_line(text.clamp_offset(item.range.start))
            + 1,
        from: utf16_offset(text, item.selection.start),
        to: utf16_offset(text, item.selection.end),
        children: item
            .children
            .iter()
            .map(|c| outline_item(text, c))
            .collect(),
    }
}

fn to_json(value: &impl Serialize) -> String {
    // Plain structs of strings and numbers: serializing them cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

#[cfg(test)]
mod tests;
