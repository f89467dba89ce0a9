//! Code actions: a quick fix for each diagnostic that has one, `source.fixAll.resolution-ls`, and
//! the refactors of `resolution_engine::refactor` as `refactor.rewrite` (renumbering footnotes and
//! operative paragraphs anywhere in a draft, expanding an Ibid. or replacing a repeated citation
//! with Ibid. where the cursor is in that footnote). `context.only` picks among them; without it,
//! the quick fixes come first, then fix-all, then the refactors that would change something (so
//! they show in a lightbulb on a diagnostic too).
//!
//! Actions with many edits are sent without their edit when the client resolves lazily: `data`
//! carries the document's uri and version and what to compute (`fixAll`, a `quickfix` by rule and
//! start, or a `refactor` by id with its offset and, for a local one, its footnote). A resolve
//! always computes on the document's current text. When the version changed meanwhile, a
//! draft-wide refactor is simply recomputed; a local one finds its footnote again by its number or
//! label; a quick fix finds its diagnostic again where the edits since moved it (its start carried
//! through the document's journal of edits), a draft-wide one on any diagnostic of its rule; a
//! quick fix whose diagnostic is gone, or a refactor that no longer changes anything, comes back
//! without an edit. A client that resolves gets that key on every quick fix, so it may resolve
//! one that came with its edit too.

use std::collections::HashMap;
use std::sync::Arc;

use resolution_engine::fix::{apply_edits, compatible_edits};
use resolution_engine::refactor::{fix_edits, Refactor, Refactors};
use resolution_engine::syntax::FootnoteKey;
use resolution_engine::{fix_all, Edit, Fix};
use serde_json::{json, Value};
use tower_lsp_server::ls_types::*;

use super::convert;
use super::state::Snapshot;

pub const FIX_ALL_KIND: &str = "source.fixAll.resolution-ls";

/// Above this many edits an action is sent without its edit, to be resolved on demand.
const LAZY_EDITS: usize = 20;

pub fn code_actions(snapshot: &Snapshot, params: &CodeActionParams) -> Option<CodeActionResponse> {
    let text = snapshot.doc.text();
    let requested = convert::byte_range(text, params.range, snapshot.encoding);
    let wants = |kind: &CodeActionKind| {
        params
            .context
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| covers(o, kind)))
    };
    let mut out = Vec::new();
    let refactors = Refactors::new(&snapshot.doc, &snapshot.config, snapshot.path.as_deref());
    let found = refactors.diagnostics();
    if wants(&CodeActionKind::QUICKFIX) {
        // A diagnostic the client lists in the context counts too: editors send those of the
        // cursor's line while the range is only the cursor.
        let listed = |d: &resolution_engine::Diagnostic| {
            let range = convert::range(text, d.range.clone(), snapshot.encoding);
            params.context.diagnostics.iter().any(|c| {
                c.range == range && c.code == Some(NumberOrString::String(d.rule.to_owned()))
            })
        };
        // A fix shared by several diagnostics (a draft-wide renumbering on each paragraph, one
        // "write every Ibid." on each Ibid.) is one action listing them all: sent with its edit
        // once, not once a diagnostic (which made a reply quadratic in the draft's size).
        let mut action_of_list: HashMap<*const Vec<Edit>, usize> = HashMap::new();
        for d in &found {
            let touches =
                d.range.start <= requested.end && requested.start <= d.range.end || listed(d);
            let Some(fix) = d.fix.as_ref().filter(|_| touches) else {
                continue;
            };
            let diagnostic = convert::diagnostic(&snapshot.uri, text, d, snapshot.encoding);
            let (lineage, revision) = snapshot.doc.version();
            let data = json!({"quickfix": {"rule": d.rule, "start": d.range.start, "at": [lineage, revision]}});
            let deferred = snapshot.client.code_action_resolve && fix.edits.listed().is_none();
            let edits = (!deferred).then(|| refactors.edits(fix));
            if let Some(&index) = edits
                .as_ref()
                .and_then(|edits| action_of_list.get(&Arc::as_ptr(edits)))
            {
                if let Some(CodeActionOrCommand::CodeAction(action)) = out.get_mut(index) {
                    action
                        .diagnostics
                        .get_or_insert_with(Vec::new)
                        .push(diagnostic);
                }
                continue;
            }
            // An unsafe fix is offered for the drafter to review, never preferred (an editor may
            // apply a preferred fix with one key) and left out of "fix all".
            let mut action = CodeAction {
                title: quick_fix_title(fix),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                is_preferred: Some(fix.is_safe()),
                ..CodeAction::default()
            };
            match edits {
                // A draft-wide fix made only if the drafter picks it.
                None => defer_edit(snapshot, &mut action, data),
                Some(edits) => {
                    set_edit(snapshot, &mut action, &edits, data.clone());
                    if action.data.is_none() && snapshot.client.code_action_resolve {
                        // Sent with its edit, and the key to make it again.
                        defer_edit(snapshot, &mut action, data);
                    }
                    action_of_list.insert(Arc::as_ptr(&edits), out.len());
                }
            }
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    let fix_all_kind = CodeActionKind::new(FIX_ALL_KIND);
    let safe = |d: &resolution_engine::Diagnostic| d.fix.as_ref().is_some_and(Fix::is_safe);
    if wants(&fix_all_kind) && found.iter().any(safe) {
        let mut action = CodeAction {
            title: "Fix all resolution-ls problems".to_owned(),
            kind: Some(fix_all_kind),
            ..CodeAction::default()
        };
        let lazy = snapshot.client.code_action_resolve;
        if lazy {
            action.data = Some(
                json!({"uri": snapshot.uri.as_str(), "version": snapshot.version, "fixAll": true}),
            );
        } else {
            action.edit = Some(workspace_edit(snapshot, fix_all_edits(snapshot)));
        }
        out.push(CodeActionOrCommand::CodeAction(action));
    }
    if wants(&CodeActionKind::REFACTOR_REWRITE) {
        for available in refactors.available(requested.clone()) {
            let mut action = CodeAction {
                title: available.refactor.title().to_owned(),
                kind: Some(CodeActionKind::REFACTOR_REWRITE),
                ..CodeAction::default()
            };
            let mut data = json!({"refactor": available.refactor.id(), "offset": requested.start});
            if let Some(key) = &available.footnote {
                data["footnote"] = key_to_json(key);
            }
            set_edit(
                snapshot,
                &mut action,
                &refactors.edits(&available.fix),
                data,
            );
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    Some(out)
}

/// A quick fix's title; an unsafe one says so, as the drafter should review what it writes.
pub fn quick_fix_title(fix: &Fix) -> String {
    if fix.is_safe() {
        fix.title.clone()
    } else {
        format!("{} (unsafe: review it)", fix.title)
    }
}

/// Whether a kind the client asks for (`refactor`, `source.fixAll`) covers `kind`: the same kind
/// or one under it.
fn covers(asked: &CodeActionKind, kind: &CodeActionKind) -> bool {
    let (asked, kind) = (asked.as_str(), kind.as_str());
    asked.is_empty()
        || kind == asked
        || kind
            .strip_prefix(asked)
            .is_some_and(|rest| rest.starts_with('.'))
}

fn key_to_json(key: &FootnoteKey) -> Value {
    match key {
        FootnoteKey::Number(n) => json!(n),
        FootnoteKey::Label(label) => json!(label),
    }
}

fn key_from_json(value: &Value) -> Option<FootnoteKey> {
    match value {
        Value::Number(n) => Some(FootnoteKey::Number(u32::try_from(n.as_u64()?).ok()?)),
        Value::String(label) => Some(FootnoteKey::Label(label.as_str().into())),
        _ => None,
    }
}

/// The edit of a refactor sent without one, computed on the current text.
fn resolve_refactor(snapshot: &Snapshot, data: &Value, id: &str) -> Option<WorkspaceEdit> {
    let refactor = Refactor::from_id(id)?;
    let refactors = Refactors::new(&snapshot.doc, &snapshot.config, snapshot.path.as_deref());
    let same_version = data.get("version").and_then(Value::as_i64) == Some(snapshot.version.into());
    let offset = if refactor.is_local() && !same_version {
        // The text changed: find the footnote again where it is now.
        let key = key_from_json(data.get("footnote")?)?;
        refactors.definition_start(&key)?
    } else {
        data.get("offset")?.as_u64()? as usize
    };
    let fix = refactors.compute(refactor, offset)?;
    let edits = convert::text_edits(
        snapshot.doc.text(),
        &refactors.edits(&fix),
        snapshot.encoding,
    );
    Some(workspace_edit(snapshot, edits))
}

/// Fills in the edit of an action sent without one.
pub fn resolve(snapshot: &Snapshot, mut action: CodeAction) -> CodeAction {
    let Some(data) = action.data.clone() else {
        return action;
    };
    if let Some(id) = data.get("refactor").and_then(Value::as_str) {
        action.edit = resolve_refactor(snapshot, &data, id);
    } else if data.get("fixAll").is_some() {
        action.edit = Some(workspace_edit(snapshot, fix_all_edits(snapshot)));
    } else if let Some(quickfix) = data.get("quickfix") {
        action.edit = resolve_quick_fix(snapshot, &data, quickfix);
    }
    action
}

/// The edit of a quick fix, from the check of the current text: its diagnostic is found again by
/// its rule and its start, carried through the edits made since the action was sent; a
/// draft-wide fix (renumbering) is the same on any diagnostic of its rule. `None` when the
/// diagnostic is gone.
fn resolve_quick_fix(snapshot: &Snapshot, data: &Value, quickfix: &Value) -> Option<WorkspaceEdit> {
    let rule = quickfix.get("rule").and_then(Value::as_str)?;
    let start = quickfix.get("start").and_then(Value::as_u64)? as usize;
    let same_version = data.get("version").and_then(Value::as_i64) == Some(snapshot.version.into());
    let at = quickfix.get("at").and_then(|at| {
        let lineage = at.get(0)?.as_u64()?;
        let revision = at.get(1)?.as_u64()?;
        Some((lineage, revision))
    });
    let start_now = match at.and_then(|at| snapshot.doc.splices_since(at)) {
        Some(mut splices) => splices.try_fold(start, |offset, s| s.map_clear_of_edit(offset)),
        None => same_version.then_some(start),
    };
    let refactors = Refactors::new(&snapshot.doc, &snapshot.config, snapshot.path.as_deref());
    let found = refactors.diagnostics();
    let of_rule = |d: &&resolution_engine::Diagnostic| d.rule == rule;
    let fix = found
        .iter()
        .filter(of_rule)
        .find(|d| Some(d.range.start) == start_now)
        .or_else(|| {
            found
                .iter()
                .filter(of_rule)
                .find(|d| d.fix.as_ref().is_some_and(|f| f.edits.listed().is_none()))
        })
        .and_then(|d| d.fix.as_ref())?;
    let edits = convert::text_edits(
        snapshot.doc.text(),
        &refactors.edits(fix),
        snapshot.encoding,
    );
    Some(workspace_edit(snapshot, edits))
}

/// The document an action to resolve belongs to.
pub fn uri_of(action: &CodeAction) -> Option<Uri> {
    action.data.as_ref()?.get("uri")?.as_str()?.parse().ok()
}

/// Gives `action` its edit, or when the edit is long and the client resolves actions lazily,
/// what it takes to make it.
fn set_edit(snapshot: &Snapshot, action: &mut CodeAction, edits: &[Edit], data: Value) {
    if edits.len() > LAZY_EDITS && snapshot.client.code_action_resolve {
        defer_edit(snapshot, action, data);
    } else {
        let edits = convert::text_edits(snapshot.doc.text(), edits, snapshot.encoding);
        action.edit = Some(workspace_edit(snapshot, edits));
    }
}

/// Sends `action` without its edit: `data` says what to make when the client resolves it.
fn defer_edit(snapshot: &Snapshot, action: &mut CodeAction, mut data: Value) {
    data["uri"] = json!(snapshot.uri.as_str());
    data["version"] = json!(snapshot.version);
    action.data = Some(data);
}

/// Every determined fix, applied round after round, as one edit of the whole text.
fn fix_all_edits(snapshot: &Snapshot) -> Vec<TextEdit> {
    let text = snapshot.doc.text();
    let original = text.to_string();
    let fixed = fix_all(&original, &snapshot.config, snapshot.path.as_deref());
    if fixed.text == original {
        return Vec::new();
    }
    // One round's edits are exact; later rounds change text the first round wrote, so the
    // result goes back as one replacement of the whole document.
    let refactors = Refactors::new(&snapshot.doc, &snapshot.config, snapshot.path.as_deref());
    let mut first_round = refactors.diagnostics();
    first_round.retain(|d| d.fix.as_ref().is_some_and(Fix::is_safe));
    let (edits, _) = compatible_edits(&fix_edits(&refactors, &first_round));
    if apply_edits(&original, &edits) == fixed.text {
        return convert::text_edits(text, &edits, snapshot.encoding);
    }
    vec![TextEdit::new(
        convert::range(text, 0..text.len(), snapshot.encoding),
        fixed.text,
    )]
}

fn workspace_edit(snapshot: &Snapshot, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}
