//! The edge between the engine (byte offsets) and LSP (line/character in the negotiated encoding).

use resolution_engine::{Diagnostic, Encoding, LineCol, Severity, SourceText};
use serde_json::{Map, Value};
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, Location, NumberOrString, Position, Range, TextEdit,
    Uri,
};

/// Set, the base URL of the rule documentation (a diagnostic links to `BASE#rule-id`); set and
/// empty, diagnostics carry no link.
pub const RULE_DOCS_URL_VARIABLE: &str = "RESOLUTION_LS_DOCS_URL";

/// Where each rule's documentation lives, for a diagnostic's `codeDescription` to point to its
/// section: the base URL the user set, else the `rules.md` installed beside the binary (in
/// `docs/` next to it, `../share/doc/resolution-ls/`, or the repository's `docs/` when it runs
/// from a build tree) as a `file://` URL; else none. Never an address that may lead nowhere.
pub fn rule_docs_url() -> Option<&'static str> {
    static URL: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    URL.get_or_init(|| {
        if let Some(set) = std::env::var_os(RULE_DOCS_URL_VARIABLE) {
            let set = set.to_string_lossy().trim().to_owned();
            return (!set.is_empty()).then_some(set);
        }
        let exe = std::env::current_exe().ok()?;
        let dir = exe.parent()?;
        [
            dir.join("docs/rules.md"),
            dir.join("../share/doc/resolution-ls/rules.md"),
            dir.join("../../docs/rules.md"),
        ]
        .into_iter()
        .find(|candidate| candidate.is_file())
        .and_then(|found| std::fs::canonicalize(found).ok())
        .and_then(Uri::from_file_path)
        .map(|uri| uri.as_str().to_owned())
    })
    .as_deref()
}

pub fn position(text: &SourceText, offset: usize, encoding: Encoding) -> Position {
    let p = text.position(offset, encoding);
    Position::new(p.line as u32, p.col as u32)
}

pub fn range(text: &SourceText, range: std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range::new(
        position(text, range.start, encoding),
        position(text, range.end, encoding),
    )
}

/// The byte offset of a client position; positions past a line's end or the text's end clamp.
pub fn offset(text: &SourceText, position: Position, encoding: Encoding) -> usize {
    text.offset(
        LineCol::new(position.line as usize, position.character as usize),
        encoding,
    )
}

pub fn byte_range(text: &SourceText, range: Range, encoding: Encoding) -> std::ops::Range<usize> {
    let start = offset(text, range.start, encoding);
    let end = offset(text, range.end, encoding).max(start);
    start..end
}

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

pub fn text_edits(
    text: &SourceText,
    edits: &[resolution_engine::Edit],
    encoding: Encoding,
) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(range(text, e.range.clone(), encoding), e.new_text.clone()))
        .collect()
}

pub fn diagnostic(
    uri: &Uri,
    text: &SourceText,
    d: &Diagnostic,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(text, r.range.clone(), encoding)),
            message: r.message.clone(),
        })
        .collect::<Vec<_>>();
    // `data` names the rule and the fix's title, no edits: the quick fix is made from the check
    // of the text as it is when the client asks for it (`textDocument/codeAction`, then
    // `codeAction/resolve` for a lazy one), keyed by the rule and where the diagnostic starts.
    let mut data = Map::with_capacity(2);
    data.insert("rule".to_owned(), Value::String(d.rule.to_owned()));
    if let Some(fix) = &d.fix {
        data.insert("fix".to_owned(), Value::String(fix.title.clone()));
    }
    lsp::Diagnostic {
        range: range(text, d.range.clone(), encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_owned())),
        code_description: rule_docs_url()
            .and_then(|base| format!("{base}#{}", d.rule).parse().ok())
            .map(|href| lsp::CodeDescription { href }),
        source: Some("resolution-ls".to_owned()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(Value::Object(data)),
    }
}
