//! Completion of openers, footnote numbers and Ibid.
//!
//! - After `<sup>` (and any digits typed): the next free footnote number, the highest used plus
//!   one, with `</sup>` unless it is there already. Where a definition starts (`<sup>` at the
//!   start of a line), the footnotes referenced but not yet defined come first.
//! - At the start of a footnote definition's body: Ibid. in the draft's form (italic or roman as
//!   the `ibid-style` rule wants it, in the draft's language).
//! - At the start of a paragraph (the cursor on the first line of a block, after nothing but an
//!   optional `N. `, an optional `*` or `_` and a partial word): the openers of the part the
//!   paragraph is in, in italics (`*Recalling* `). In the operative part, when no number is typed
//!   yet, the item brings the next operative number (`2. *Requests* `).
//!
//! Every item carries a `textEdit` over what was typed (the partial word, and the `*` when there
//! is one) and a `filterText` that starts the same way, so the client filters as the user types.

use resolution_engine::analysis::{Analysis, Part, Role};
use resolution_engine::lang::OpenerKind;
use resolution_engine::refactor::operative_heads;
use resolution_engine::rules::support::{ibid_text, preferred_ibid_italic};
use resolution_engine::rules::Context;
use resolution_engine::syntax::FootnoteKey;
use resolution_engine::Document;
use tower_lsp_server::ls_types::*;

use super::convert;
use super::state::Snapshot;

/// What the cursor stands in, in byte offsets.
struct Site<'a> {
    snapshot: &'a Snapshot,
    offset: usize,
    line_start: usize,
    /// The line's text before and after the cursor.
    before: String,
    after: String,
}

pub fn complete(snapshot: &Snapshot, position: Position) -> Option<CompletionResponse> {
    let text = snapshot.doc.text();
    let offset = convert::offset(text, position, snapshot.encoding);
    let line = text.rope().byte_to_line(offset);
    let line_start = text.line_start(line);
    let site = Site {
        snapshot,
        offset,
        line_start,
        before: text.slice(line_start..offset),
        after: text.slice(offset..text.line_content_end(line)),
    };
    let path = snapshot.path.as_deref();
    let analysis = Analysis::new(&snapshot.doc, &snapshot.config, path);
    if !analysis.is_draft {
        return None;
    }
    let ctx = Context {
        doc: &snapshot.doc,
        config: &snapshot.config,
        analysis: &analysis,
    };
    let items = footnote_numbers(&site, &ctx)
        .or_else(|| ibid(&site, &ctx))
        .or_else(|| openers(&site))?;
    (!items.is_empty()).then_some(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    }))
}

impl Site<'_> {
    fn range(&self, range: std::ops::Range<usize>) -> Range {
        let s = self.snapshot;
        convert::range(s.doc.text(), range, s.encoding)
    }
}

/// After `<sup>`: the next free number (and the undefined ones where a definition starts).
fn footnote_numbers(site: &Site, ctx: &Context) -> Option<Vec<CompletionItem>> {
    let before_digits = site.before.trim_end_matches(|c: char| c.is_ascii_digit());
    let sup_start = before_digits.strip_suffix("<sup>")?.len();
    let digits_start = site.line_start + before_digits.len();
    let this = |label: &std::ops::Range<usize>| label.start == digits_start;
    let footnotes = &ctx.analysis.footnotes;
    let used = footnotes
        .refs
        .iter()
        .filter(|r| !this(&r.label_range))
        .map(|r| &r.key)
        .chain(footnotes.defs.iter().filter_map(|d| {
            let block = ctx.block(d.block);
            let label = block.abs(&block.footnote_def()?.label_range);
            (!this(&label)).then_some(&d.key)
        }));
    let next = used
        .filter_map(|k| match k {
            FootnoteKey::Number(n) => Some(*n),
            FootnoteKey::Label(_) => None,
        })
        .max()
        .unwrap_or(0)
        + 1;
    let at_line_start = site.before[..sup_start].chars().all(|c| c == ' ');
    let mut numbers: Vec<(u32, String)> = Vec::new();
    if at_line_start {
        for key in &footnotes.reading_order {
            if let FootnoteKey::Number(n) = key {
                let defined = footnotes
                    .defs_by_key
                    .get(key)
                    .is_some_and(|defs| defs.iter().any(|&d| !this(&def_label(ctx, d))));
                if !defined {
                    numbers.push((*n, format!("footnote {n}: referenced, not yet defined")));
                }
            }
        }
    }
    numbers.push((next, "the next free footnote number".to_owned()));
    let close = if site.after.starts_with("</sup>") {
        ""
    } else {
        "</sup>"
    };
    let range = site.range(digits_start..site.offset);
    Some(
        numbers
            .into_iter()
            .enumerate()
            .map(|(i, (n, detail))| CompletionItem {
                label: n.to_string(),
                kind: Some(CompletionItemKind::VALUE),
                detail: Some(detail),
                preselect: Some(i == 0),
                sort_text: Some(format!("{i:04}")),
                filter_text: Some(n.to_string()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    range,
                    format!("{n}{close}"),
                ))),
                ..CompletionItem::default()
            })
            .collect(),
    )
}

fn def_label(ctx: &Context, def: usize) -> std::ops::Range<usize> {
    let block = ctx.block(ctx.analysis.footnotes.defs[def].block);
    block
        .footnote_def()
        .map_or(0..0, |d| block.abs(&d.label_range))
}

/// At the start of a footnote definition's body: Ibid. in the draft's form.
fn ibid(site: &Site, ctx: &Context) -> Option<Vec<CompletionItem>> {
    let blocks = ctx.blocks();
    let i = blocks.partition_point(|b| b.end() < site.offset);
    let block = blocks.get(i)?;
    if block.start > site.offset || ctx.analysis.structure.roles.get(i) != Some(&Role::FootnoteDef)
    {
        return None;
    }
    let def = block.footnote_def()?;
    let marker_end = block.abs(&def.marker_range).end;
    if marker_end > site.offset || marker_end < site.line_start {
        return None;
    }
    let between = ctx.text(marker_end..site.offset);
    let partial = between.trim_start_matches([' ', '\t']);
    let space = if partial.len() == between.len() {
        " "
    } else {
        ""
    };
    let word = partial.strip_prefix(['*', '_']).unwrap_or(partial);
    if !word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return None;
    }
    // Not in front of a body already written.
    if !(site.after.trim().is_empty() || site.after.starts_with([' ', '\t', ','])) {
        return None;
    }
    let italic = preferred_ibid_italic(ctx);
    let form = ibid_text(ctx, italic);
    let roman = ibid_text(ctx, false);
    let typed_delimiter = partial.chars().next().filter(|c| matches!(c, '*' | '_'));
    let filter = match typed_delimiter {
        Some(d) => format!("{d}{roman}"),
        None => roman.clone(),
    };
    let order = &ctx.analysis.ibid.order;
    let previous = order
        .iter()
        .position(|(_, b)| *b == i)
        .and_then(|p| p.checked_sub(1))
        .map(|p| &order[p].0);
    let detail = match previous {
        Some(key) => format!("the same source as footnote {key}"),
        None => "the same source as the footnote before".to_owned(),
    };
    let form_name = if italic { "italic" } else { "roman" };
    Some(vec![CompletionItem {
        label: roman,
        kind: Some(CompletionItemKind::KEYWORD),
        detail: Some(detail),
        documentation: Some(Documentation::String(format!(
            "Ibid. as this draft writes it ({form_name})"
        ))),
        preselect: Some(true),
        filter_text: Some(filter),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            site.range(site.offset - partial.len()..site.offset),
            format!("{space}{form}"),
        ))),
        ..CompletionItem::default()
    }])
}

/// At the start of a paragraph: the openers of its part.
fn openers(site: &Site) -> Option<Vec<CompletionItem>> {
    let start = paragraph_start(&site.before)?;
    let (number_typed, delimiter, partial) = (start.number_typed, start.delimiter, start.partial);
    let replace_from = site.line_start + start.replace_from;

    // The part a paragraph starting here would be in: analyse the text with a word typed at the
    // cursor, so that an empty line becomes a paragraph of its own (not a numeral, which alone on
    // its line would be a section heading).
    let snapshot = site.snapshot;
    let mut doc: Document = (*snapshot.doc).clone();
    doc.edit(site.offset..site.offset, "Xy");
    let analysis = Analysis::new(&doc, &snapshot.config, snapshot.path.as_deref());
    let ctx = Context {
        doc: &doc,
        config: &snapshot.config,
        analysis: &analysis,
    };
    let blocks = doc.blocks();
    let i = blocks.partition_point(|b| b.end() < site.offset);
    let block = blocks.get(i)?;
    if block.start < site.line_start || block.start > site.offset {
        return None; // not the first line of its block
    }
    let n = match analysis.structure.roles.get(i)? {
        Role::Paragraph(n) | Role::Continuation(n) => *n as usize,
        _ => return None,
    };
    let paragraph = &analysis.structure.paragraphs[n];
    if paragraph.is_sub {
        return None;
    }
    let (kind, part_name) = match paragraph.part {
        Part::Preamble => (OpenerKind::Preambular, "preambular"),
        Part::Operative => (OpenerKind::Operative, "operative"),
    };
    let number = (paragraph.part == Part::Operative && !number_typed).then(|| {
        let before: Vec<_> = operative_heads(&ctx)
            .into_iter()
            .filter(|(_, b, _)| b.start < block.start)
            .collect();
        before
            .iter()
            .rev()
            .find_map(|(_, _, p)| p.number.as_ref().map(|n| n.value + 1))
            .unwrap_or(before.len() as u32 + 1)
    });

    let phrases = analysis.phrases.listed(kind);
    let typed = partial.trim_start().to_lowercase();
    if typed.contains(' ')
        && !phrases
            .iter()
            .any(|p| p.italic.to_lowercase().starts_with(&typed))
    {
        return None; // words of a sentence, not a phrase being typed
    }
    // Arabic and Chinese openers stand in roman unless a setting says the house style italicizes
    // them; Chinese takes no space after its opener.
    let d = match delimiter {
        Some(c) => c.to_string(),
        None if analysis.checks_openers => "*".to_owned(),
        None => String::new(),
    };
    // A closing delimiter the editor put after the cursor is replaced too.
    let eat_close = delimiter.is_some() && site.after.starts_with(d.as_str());
    let replace_to = site.offset + if eat_close { 1 } else { 0 };
    let rest = if eat_close {
        &site.after[1..]
    } else {
        &site.after[..]
    };
    let space = if rest.starts_with(char::is_whitespace) || analysis.phrases.is_solid() {
        ""
    } else {
        " "
    };
    let prefix = number.map_or_else(String::new, |n| analysis.language.number_prefix(n));
    let detail = match number {
        Some(n) => format!("{part_name} opener, paragraph {n}"),
        None => format!("{part_name} opener"),
    };
    let range = site.range(replace_from..replace_to);
    Some(
        phrases
            .into_iter()
            .map(|phrase| {
                let label = match &phrase.roman_after {
                    Some(word) => format!("{} {word}", phrase.italic),
                    None => phrase.italic.clone(),
                };
                let roman = phrase
                    .roman_after
                    .as_ref()
                    .map_or_else(String::new, |w| format!(" {w}"));
                let new_text = format!("{prefix}{d}{}{d}{roman}{space}", phrase.italic);
                CompletionItem {
                    filter_text: Some(match delimiter {
                        Some(d) => format!("{d}{label}"),
                        None => label.clone(),
                    }),
                    label,
                    kind: Some(CompletionItemKind::KEYWORD),
                    detail: Some(detail.clone()),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
                    ..CompletionItem::default()
                }
            })
            .collect(),
    )
}

/// What stands before the cursor at the start of a paragraph.
struct ParagraphStart<'a> {
    number_typed: bool,
    delimiter: Option<char>,
    partial: &'a str,
    /// Where the typed delimiter or partial word starts in the line.
    replace_from: usize,
}

/// Up to three spaces, an optional `N. `, an optional `*` or `_`, and a partial phrase (letters,
/// apostrophes, hyphens and spaces): nothing else may stand before the cursor.
fn paragraph_start(before: &str) -> Option<ParagraphStart<'_>> {
    let mut rest = before.trim_start_matches(' ');
    if before.len() - rest.len() > 3 {
        return None;
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut number_typed = false;
    if digits > 0 {
        let after_dot = rest[digits..].strip_prefix('.')?;
        let spaced = after_dot.trim_start_matches([' ', '\t']);
        if digits > 4 || spaced.len() == after_dot.len() {
            return None;
        }
        rest = spaced;
        number_typed = true;
    }
    let delimiter = rest.chars().next().filter(|c| matches!(c, '*' | '_'));
    let replace_from = before.len() - rest.len();
    let partial = delimiter.map_or(rest, |d| &rest[d.len_utf8()..]);
    let word_char = |c: char| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | ' ');
    if !partial.chars().all(word_char) || partial.starts_with(' ') {
        return None;
    }
    Some(ParagraphStart {
        number_typed,
        delimiter,
        partial,
        replace_from,
    })
}
