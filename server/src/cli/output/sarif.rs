//! `--format sarif`: a SARIF 2.1.0 log with one run, for code-scanning services. Columns are
//! counted in Unicode characters (`columnKind: unicodeCodePoints`).

use std::collections::HashMap;
use std::io::{self, Write};

use resolution_engine::rules::RULES;
use resolution_engine::{Level, Severity};
use serde_json::{json, Value};

use super::{FixNumbers, Item, Report, Span};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report)).map_err(io::Error::from)?;
    writeln!(out)
}

/// The SARIF log of `report`.
pub fn log(report: &Report) -> Value {
    let rule_index: HashMap<&str, usize> =
        RULES.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let docs = rule.docs();
            let docs = if docs.trim().is_empty() {
                rule.summary
            } else {
                docs
            };
            let (level, enabled) = match rule.default_level {
                Level::Off => ("none", false),
                Level::On(severity) => (level(severity), true),
            };
            json!({
                "id": rule.id,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": docs },
                "help": { "text": docs, "markdown": docs },
                "defaultConfiguration": { "level": level, "enabled": enabled },
            })
        })
        .collect();
    // A fix shared by several results (a draft-wide renumbering) is given in full on the first;
    // the others name that result in their `sharedFix` property.
    let mut numbers = FixNumbers::default();
    let mut first_result_of_fix: Vec<usize> = Vec::new();
    let results: Vec<Value> = report
        .items()
        .enumerate()
        .map(|(index, (file, item))| {
            let shared = item.fix.as_ref().map(|fix| {
                let (number, first) = numbers.number(fix);
                if first {
                    first_result_of_fix.push(index);
                }
                (first, first_result_of_fix[number])
            });
            result(&file.path, item, rule_index.get(item.rule).copied(), shared)
        })
        .collect();
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.path, e.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) } } }],
            })
        })
        .collect();
    let mut driver = json!({
        "name": "resolution-ls",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(uri) = information_uri() {
        driver["informationUri"] = json!(uri);
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

/// The project's page, from the package metadata (`homepage`, else `repository`).
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|s| !s.is_empty())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn region(span: &Span) -> Value {
    json!({
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    })
}

fn location(path: &str, span: &Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(path) },
            "region": region(span),
        }
    })
}

/// `shared`, for a result with a fix: whether this is the first result with it, and the index
/// of that first result.
fn result(
    path: &str,
    item: &Item,
    rule_index: Option<usize>,
    shared: Option<(bool, usize)>,
) -> Value {
    let mut result = json!({
        "ruleId": item.rule,
        "level": level(item.severity),
        "message": { "text": item.message },
        "locations": [location(path, &item.span)],
    });
    if let Some(word) = &item.word {
        // A Word document has no lines and columns: its place is a logical one, and its fixes
        // cannot be written into it.
        result["locations"] = json!([{
            "physicalLocation": { "artifactLocation": { "uri": uri(path) } },
            "logicalLocations": [{ "name": word.place, "kind": "element" }],
            "message": { "text": word.context },
        }]);
        result["properties"] = json!({ "wordPlace": word.place, "wordContext": word.context });
        return result;
    }
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !item.related.is_empty() {
        result["relatedLocations"] = item
            .related
            .iter()
            .enumerate()
            .map(|(id, (span, message))| {
                let mut location = location(path, span);
                location["id"] = json!(id);
                location["message"] = json!({ "text": message });
                location
            })
            .collect();
    }
    if let (Some(fix), Some((false, first))) = (&item.fix, shared) {
        result["properties"] = json!({
            "sharedFix": {
                "result": first,
                "description": fix.title,
                "applicability": fix.safety.as_str(),
            }
        });
    } else if let Some(fix) = &item.fix {
        result["fixes"] = json!([{
            "description": { "text": fix.title },
            "properties": { "applicability": fix.safety.as_str() },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(path) },
                "replacements": fix.edits.iter().map(|(span, new_text)| json!({
                    "deletedRegion": region(span),
                    "insertedContent": { "text": new_text },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    result
}

/// A path as a URI reference: relative paths stay relative, with forward slashes and without a
/// leading `./`; absolute ones become `file://` URIs. Characters outside the unreserved set and
/// `/` are percent-encoded.
pub fn uri(path: &str) -> String {
    let forward = path.replace('\\', "/");
    let mut rest = forward.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    let mut out = String::new();
    let bytes = rest.as_bytes();
    if rest.starts_with('/') {
        out.push_str("file://");
    } else if bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes[2] == b'/'
    {
        // A Windows drive: `C:/drafts/a.md`.
        out.push_str("file:///");
        out.push_str(&rest[..2]);
        rest = &rest[2..];
    }
    for byte in rest.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris() {
        assert_eq!(uri("drafts/a.res.md"), "drafts/a.res.md");
        assert_eq!(uri("./drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("drafts\\é.md"), "drafts/%C3%A9.md");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri("C:\\d\\x.md"), "file:///C:/d/x.md");
        assert_eq!(uri("a:b.md"), "a%3Ab.md");
    }
}
