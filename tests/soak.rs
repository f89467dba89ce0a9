//! Soak: an editing session of 100,000 edits on a 1 MB draft. Against the engine, the text, blocks
//! and diagnostics equal a fresh parse's. Against the real server, its memory stays flat (measured
//! from /proc, printed) and the final diagnostics equal those of a fresh open of the final text in
//! a new server.
//!
//! The session plays a drafter: typing and deleting characters (some of them multi-byte, so UTF-16
//! columns differ from bytes), splitting and joining lines (which makes and breaks blocks), jumping
//! around, cutting and pasting words. Diagnostics are pulled every 5,000 edits, as an editor
//! would between bursts of typing; a check of the whole draft after every edit is not what a
//! client does and would make the soak take an hour.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::time::Instant;

use lsp_client::*;
use resolution_bench::generator::{generate, Rng, Spec};
use serde_json::json;

const EDITS: usize = 100_000;
const PULL_EVERY: usize = 5_000;
const SAMPLE_EVERY: usize = 1_000;

/// A place in the client's copy: a line and a byte offset in it, on a character boundary.
#[derive(Clone, Copy)]
struct At {
    line: usize,
    byte: usize,
}

/// One edit as made, so that it can be undone: what now stands from `start` to `end` was
/// `removed`.
struct Done {
    start: At,
    end: At,
    removed: String,
}

/// The client's copy of the text, as lines, with a cursor: every edit is found and applied on a
/// line or two, so the session's own bookkeeping stays cheap at 1 MB.
struct Editor {
    lines: Vec<String>,
    cursor: At,
}

impl Editor {
    fn position(&self, at: At) -> serde_json::Value {
        let col = self.lines[at.line][..at.byte].encode_utf16().count();
        json!({"line": at.line, "character": col})
    }

    fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Replaces `start..end` with `text` (which may hold line breaks); returns the LSP change
    /// and how to undo it. The cursor ends after the new text.
    fn replace(&mut self, start: At, end: At, text: &str) -> (serde_json::Value, Done) {
        let change = json!({"range": {"start": self.position(start), "end": self.position(end)}, "text": text});
        let tail = self.lines[end.line][end.byte..].to_owned();
        let mut removed = String::new();
        for line in start.line..=end.line {
            let from = if line == start.line { start.byte } else { 0 };
            let to = if line == end.line {
                end.byte
            } else {
                self.lines[line].len()
            };
            if line > start.line {
                removed.push('\n');
            }
            removed.push_str(&self.lines[line][from..to]);
        }
        self.lines[start.line].truncate(start.byte);
        self.lines.drain(start.line + 1..=end.line);
        let mut new_lines = text.split('\n');
        self.lines[start.line].push_str(new_lines.next().unwrap_or(""));
        let mut line = start.line;
        for next in new_lines {
            line += 1;
            self.lines.insert(line, next.to_owned());
        }
        let byte = self.lines[line].len();
        self.lines[line].push_str(&tail);
        self.cursor = At { line, byte };
        (
            change,
            Done {
                start,
                end: self.cursor,
                removed,
            },
        )
    }

    /// The place one character before `at` (the line break before a line counts as one).
    fn before(&self, at: At) -> At {
        match self.lines[at.line][..at.byte].char_indices().next_back() {
            Some((byte, _)) => At {
                line: at.line,
                byte,
            },
            None if at.line > 0 => At {
                line: at.line - 1,
                byte: self.lines[at.line - 1].len(),
            },
            None => at,
        }
    }

    /// Moves the cursor to a random character of a random line.
    fn jump(&mut self, rng: &mut Rng) {
        let line = rng.below(self.lines.len());
        let boundaries: Vec<usize> = self.lines[line].char_indices().map(|(i, _)| i).collect();
        let byte = if boundaries.is_empty() {
            0
        } else {
            boundaries[rng.below(boundaries.len())]
        };
        self.cursor = At { line, byte };
    }

    /// One keystroke or clipboard action at the cursor.
    fn edit(&mut self, rng: &mut Rng) -> (serde_json::Value, Done) {
        let here = self.cursor;
        match rng.below(100) {
            // Type a character (some multi-byte, some that make or break italics and numbers).
            0..=59 => {
                const TYPED: &[&str] = &[
                    "a", "e", "t", "o", "n", " ", " ", ",", ";", ".", "*", "1", "é", "😀",
                ];
                self.replace(here, here, TYPED[rng.below(TYPED.len())])
            }
            // Backspace: a character, or the line break before the line.
            60..=84 => self.replace(self.before(here), here, ""),
            // Enter: split the line (a new block when at either end of a paragraph).
            85..=92 => self.replace(here, here, "\n"),
            // Select up to 20 characters on the line and cut them or paste a phrase over them.
            roll => {
                let line = &self.lines[here.line];
                let byte = line[here.byte..]
                    .char_indices()
                    .map(|(i, c)| here.byte + i + c.len_utf8())
                    .take(1 + rng.below(20))
                    .last()
                    .unwrap_or(here.byte);
                let paste = if roll % 2 == 0 {
                    ""
                } else {
                    " *Recalling* its resolution 60/1,<sup>1</sup> "
                };
                self.replace(
                    here,
                    At {
                        line: here.line,
                        byte,
                    },
                    paste,
                )
            }
        }
    }
}

/// Plays `edits` edits on `editor`, handing each change to `send`. Bursts of up to 40 keystrokes
/// in one place; most are then undone keystroke by keystroke, one in eight is kept. So the draft
/// stays about as damaged as it started instead of collecting 100,000 random keystrokes, and what
/// the server holds (and answers) stays comparable from the first quarter to the last: only then
/// is flat memory a fair test.
fn play(editor: &mut Editor, edits: usize, mut send: impl FnMut(serde_json::Value)) {
    let mut rng = Rng(0x5EED_0F50_AC0D);
    let mut sent = 0;
    while sent < edits {
        editor.jump(&mut rng);
        let mut undo = Vec::new();
        for _ in 0..1 + rng.below(40) {
            if sent == edits {
                return;
            }
            let (change, done) = editor.edit(&mut rng);
            undo.push(done);
            send(change);
            sent += 1;
        }
        if rng.below(8) > 0 {
            while let Some(done) = undo.pop() {
                if sent == edits {
                    return;
                }
                let (change, _) = editor.replace(done.start, done.end, &done.removed);
                send(change);
                sent += 1;
            }
        }
    }
}

/// The server's resident memory in KiB, from /proc (Linux).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The same session applied to the engine's `Document` in this process, with the server's own
/// conversion of UTF-16 positions: the text and blocks after every 5,000 edits, and the
/// diagnostics at the end, equal those of a fresh parse.
#[test]
fn a_hundred_thousand_edits_on_a_megabyte_give_the_engine_a_fresh_parse() {
    use resolution_engine::{check, Config, Document, Encoding, LineCol};
    let draft = generate(Spec {
        bytes: 1 << 20,
        defect_rate: 0.02,
        seed: 6,
    });
    let mut editor = Editor {
        lines: draft.split('\n').map(str::to_owned).collect(),
        cursor: At { line: 0, byte: 0 },
    };
    let mut doc = Document::new(&draft);
    let position = |v: &serde_json::Value| {
        let number = |key: &str| v[key].as_u64().and_then(|n| usize::try_from(n).ok());
        LineCol::new(
            number("line").expect("a line"),
            number("character").expect("a column"),
        )
    };
    let mut changes = Vec::new();
    play(&mut editor, EDITS, |change| changes.push(change));
    for (n, change) in changes.iter().enumerate() {
        doc.edit_positions(
            position(&change["range"]["start"]),
            position(&change["range"]["end"]),
            Encoding::Utf16,
            change["text"].as_str().expect("a text"),
        );
        if (n + 1) % 5_000 == 0 {
            assert!(
                doc.matches_fresh_parse(),
                "blocks differ after {} edits",
                n + 1
            );
        }
    }
    let text = editor.text();
    assert_eq!(doc.text().to_string(), text);
    let config = Config::default();
    let path = Some("soak.res.md");
    assert_eq!(
        check(&doc, &config, path),
        check(&Document::new(&text), &config, path)
    );
}

/// The same session against the real server over stdio: its memory stays flat and its final
/// diagnostics equal a fresh server's on the final text.
#[test]
fn a_hundred_thousand_edits_on_a_megabyte_keep_memory_flat_and_diagnostics_true() {
    let draft = generate(Spec {
        bytes: 1 << 20,
        defect_rate: 0.02,
        seed: 6,
    });
    let mut client = Client::start(Options::pulling());
    let pid = client.pid();
    if rss_kib(pid).is_none() {
        eprintln!("skipped: no /proc/PID/status to measure the server's memory on this system");
        return;
    }
    let doc_uri = uri("soak.res.md");
    client.open(&doc_uri, &draft);
    let opened = client.pull_diagnostics(&doc_uri)["items"].clone();
    assert!(opened.as_array().is_some_and(|items| !items.is_empty()));
    let after_open = rss_kib(pid).unwrap_or(0);

    let mut editor = Editor {
        lines: draft.split('\n').map(str::to_owned).collect(),
        cursor: At { line: 0, byte: 0 },
    };
    let started = Instant::now();
    // (edits sent, RSS in KiB). The server may be a few hundred edits behind when a sample is
    // taken (what the pipe holds); for a trend over 100,000 that does not matter.
    let mut samples: Vec<(usize, u64)> = Vec::new();
    let mut sent = 0;
    // Sends one change; pulls and samples memory on the way.
    let mut send = |client: &mut Client, change: serde_json::Value, sent: &mut usize| {
        *sent += 1;
        client.change(&doc_uri, *sent as i64 + 1, json!([change]));
        if *sent % PULL_EVERY == 0 {
            let items = client.pull_diagnostics(&doc_uri)["items"].clone();
            assert!(items.is_array(), "{items}");
        }
        if *sent % SAMPLE_EVERY == 0 {
            samples.push((*sent, rss_kib(pid).unwrap_or(0)));
        }
    };
    play(&mut editor, EDITS, |change| {
        send(&mut client, change, &mut sent)
    });
    let incremental = client.pull_diagnostics(&doc_uri)["items"].clone();
    let elapsed = started.elapsed();
    let final_rss = rss_kib(pid).unwrap_or(0);

    let text = editor.text();
    // A new server, the same URI: related locations name the document.
    let mut fresh = Client::start(Options::pulling());
    fresh.open(&doc_uri, &text);
    let expected = fresh.pull_diagnostics(&doc_uri)["items"].clone();

    // Flat: the second quarter (after the warm-up, in which the allocator's pools, the rope's
    // nodes and the runtime's threads settle) against the last quarter. A leak of 100 bytes an
    // edit would add 5 MiB between them; what is allowed is 10% plus 4 MiB.
    let quarter = |q: usize| -> u64 {
        samples
            .iter()
            .filter(|(n, _)| (n - 1) * 4 / EDITS == q)
            .map(|&(_, rss)| rss)
            .max()
            .unwrap_or(0)
    };
    let (first, last) = (quarter(1), quarter(3));
    let allowed = first + first / 10 + 4096;
    eprintln!(
        "soak: {EDITS} edits on {} bytes (final {} bytes) in {:.1} s ({:.0} edits/s); server RSS \
         after open {} KiB, peak of the second quarter {first} KiB, of the last quarter {last} \
         KiB (allowed {allowed} KiB), at the end {final_rss} KiB; {} diagnostics",
        draft.len(),
        text.len(),
        elapsed.as_secs_f64(),
        EDITS as f64 / elapsed.as_secs_f64(),
        after_open,
        incremental.as_array().map_or(0, Vec::len),
    );
    eprintln!("soak: RSS samples (edits, KiB): {samples:?}");

    if let Some(dump) = std::env::var_os("SOAK_DUMP") {
        // For a failure's diagnosis: the final text and both lists of diagnostics.
        std::fs::write(std::path::Path::new(&dump).join("text.md"), &text).unwrap();
        std::fs::write(
            std::path::Path::new(&dump).join("incremental.json"),
            incremental.to_string(),
        )
        .unwrap();
        std::fs::write(
            std::path::Path::new(&dump).join("fresh.json"),
            expected.to_string(),
        )
        .unwrap();
    }
    assert_eq!(
        incremental, expected,
        "after {EDITS} edits the diagnostics differ from a fresh open of the same text"
    );
    // 10% plus 4 MiB: what glibc's allocator keeps or returns varies from run to run by a few
    // MiB on a heap of this size; growth with the number of edits does not fit in that.
    assert!(
        last <= allowed,
        "the server's memory grew from {first} KiB to {last} KiB over {EDITS} edits"
    );
}
