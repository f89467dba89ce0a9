//! The end-to-end matrix: edits made through the release server as an editor makes them, timed
//! to the answer the editor waits for.
//!
//! Seven kinds of edit at three places, on generated drafts of three sizes, each draft clean and
//! with a finding every 4 KB. A pulling client sends `didChange` then `textDocument/diagnostic`
//! naming the `resultId` it holds, and waits for the answer; a pushing client (debounce off)
//! sends `didChange` and waits for `publishDiagnostics`. Every timed edit is taken back, untimed,
//! and its result awaited, so each round starts from the same draft and a server at rest.
//!
//! A server pushes nothing when an edit leaves the diagnostics as they were (a character typed in
//! a clean draft). For those cells the pushing client asks right after its `didChange` for the
//! diagnostics it holds (`previousResultId`), and the time is to that "unchanged" answer, which
//! waits for the same check: the cell is marked "nothing pushed".

use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout};
use std::time::{Duration, Instant};

use resolution_bench::generator::{generate, generate_with_finding_every, Spec};
use serde_json::{json, Value};

use super::{human, send_message, start_server, Figure, KB, MB};

/// One finding every so many bytes, in the drafts with findings.
const FINDING_EVERY: usize = 4 * KB;

/// The most a 3 MB draft's edit may cost over a 40 KB draft's, without findings.
const GROWTH_TARGET: f64 = 3.0;

/// The most the server may spend per diagnostic it sends, in microseconds.
const PER_DIAGNOSTIC_TARGET_US: f64 = 3.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Character,
    BlankLine,
    ExistingMarker,
    NewMarker,
    NumberedParagraph,
    DefinitionRemoved,
    OpenerUnitalicized,
}

pub const KINDS: [Kind; 7] = [
    Kind::Character,
    Kind::BlankLine,
    Kind::ExistingMarker,
    Kind::NewMarker,
    Kind::NumberedParagraph,
    Kind::DefinitionRemoved,
    Kind::OpenerUnitalicized,
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Place {
    Start,
    Middle,
    End,
}

pub const PLACES: [Place; 3] = [Place::Start, Place::Middle, Place::End];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Pull,
    Push,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Pull => "pull",
            Mode::Push => "push",
        }
    }
}

impl Place {
    fn name(self) -> &'static str {
        match self {
            Place::Start => "start",
            Place::Middle => "middle",
            Place::End => "end",
        }
    }

    /// Where the search for a paragraph fit for the edit begins, as a share of the draft.
    fn share(self) -> f64 {
        match self {
            Place::Start => 0.02,
            Place::Middle => 0.5,
            Place::End => 0.95,
        }
    }
}

/// A replacement of the bytes `range` of a text by `text`.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub range: Range<usize>,
    pub text: String,
}

impl Kind {
    /// The short name `--e2e-cell` takes.
    pub fn short(self) -> &'static str {
        match self {
            Kind::Character => "char",
            Kind::BlankLine => "blank",
            Kind::ExistingMarker => "marker",
            Kind::NewMarker => "new-marker",
            Kind::NumberedParagraph => "paragraph",
            Kind::DefinitionRemoved => "definition",
            Kind::OpenerUnitalicized => "opener",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Character => "character typed",
            Kind::BlankLine => "blank line splitting a paragraph",
            Kind::ExistingMarker => "existing footnote's marker",
            Kind::NewMarker => "new footnote's marker",
            Kind::NumberedParagraph => "numbered paragraph inserted",
            Kind::DefinitionRemoved => "footnote definition removed",
            Kind::OpenerUnitalicized => "opener un-italicized",
        }
    }

    /// The edit of this kind at `place` in a generated draft: made in the first paragraph fit for
    /// it from the place on (the last one in the draft when none follows).
    ///
    /// - a character: `x` typed before a word in a preambular or operative paragraph;
    /// - a blank line: typed there, splitting the paragraph;
    /// - an existing footnote's marker: there, the number of the last footnote cited before it;
    /// - a new footnote's marker: there, the number after that one (so the footnotes after it are
    ///   out of order until renumbered);
    /// - a numbered paragraph: inserted before an operative paragraph, with its number;
    /// - a footnote definition: removed with the blank line after it;
    /// - an opener: its asterisks removed (`*Recalling*` becomes `Recalling`).
    pub fn change(self, text: &str, place: Place) -> Change {
        let from = (text.len() as f64 * place.share()) as usize;
        match self {
            Kind::Character | Kind::BlankLine | Kind::ExistingMarker | Kind::NewMarker => {
                let start = paragraph_from(text, from, |p| {
                    opener(p).is_some() && p[..paragraph_len(p)].contains(" the ")
                });
                let at = start + text[start..].find(" the ").map_or(0, |i| i + 1);
                let insert = match self {
                    Kind::Character => "x".to_owned(),
                    Kind::BlankLine => "\n\n".to_owned(),
                    Kind::ExistingMarker => format!("<sup>{}</sup>", last_marker(text, at).max(1)),
                    _ => format!("<sup>{}</sup>", last_marker(text, at) + 1),
                };
                Change {
                    range: at..at,
                    text: insert,
                }
            }
            Kind::NumberedParagraph => {
                let start = paragraph_from(text, from, |p| number(p).is_some());
                let n = number(&text[start..]).unwrap_or(1);
                Change {
                    range: start..start,
                    text: format!("{n}. *Decides* to remain seized of the matter;\n\n"),
                }
            }
            Kind::DefinitionRemoved => {
                let start = paragraph_from(text, from, |p| p.starts_with("<sup>"));
                let end = (start + paragraph_len(&text[start..]) + 2).min(text.len());
                Change {
                    range: start..end,
                    text: String::new(),
                }
            }
            Kind::OpenerUnitalicized => {
                let start = paragraph_from(text, from, |p| opener(p).is_some());
                let opener = opener(&text[start..]).unwrap_or(0..0);
                let range = start + opener.start..start + opener.end;
                let plain = text[range.clone()].trim_matches('*').to_owned();
                Change { range, text: plain }
            }
        }
    }
}

/// The paragraph start (after a blank line) at or after `from` whose paragraph `fits`, else the
/// last that fits.
fn paragraph_from(text: &str, from: usize, fits: impl Fn(&str) -> bool) -> usize {
    let mut last = None;
    let mut at = 0;
    while let Some(i) = text[at..].find("\n\n") {
        let start = at + i + 2;
        if start >= text.len() {
            break;
        }
        if fits(&text[start..]) {
            if start >= from {
                return start;
            }
            last = Some(start);
        }
        at = start;
    }
    last.unwrap_or(from.min(text.len()))
}

fn paragraph_len(p: &str) -> usize {
    p.find("\n\n").unwrap_or(p.len())
}

/// An operative paragraph's number.
fn number(p: &str) -> Option<u32> {
    let digits = p.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !p[digits..].starts_with(". ") {
        return None;
    }
    p[..digits].parse().ok()
}

/// The italic opener of a preambular or operative paragraph (its range, asterisks included).
fn opener(p: &str) -> Option<Range<usize>> {
    let start = match number(p) {
        Some(_) => p.find(". ")? + 2,
        None => 0,
    };
    let rest = &p[start..];
    if !rest.starts_with('*') || rest.starts_with("*The General Assembly*") {
        return None;
    }
    let end = rest[1..].find('*')? + 2;
    (!rest[..end].contains('\n')).then_some(start..start + end)
}

/// The number of the last footnote marker before `at` (0 when none).
fn last_marker(text: &str, at: usize) -> u32 {
    let Some(open) = text[..at].rfind("<sup>") else {
        return 0;
    };
    let digits = &text[open + 5..];
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    digits[..len].parse().unwrap_or(0)
}

/// An LSP position (UTF-16) of a byte offset.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// The `contentChanges` entry making `change` in `text`, and the one taking it back afterwards.
fn change_and_undo(text: &str, change: &Change) -> (Value, Value) {
    let start = position(text, change.range.start);
    let made = json!({
        "range": {"start": start, "end": position(text, change.range.end)},
        "text": change.text,
    });
    // The undo's end: the start moved over the inserted text.
    let (mut line, mut character) = (
        start["line"].as_u64().unwrap_or(0) as usize,
        start["character"].as_u64().unwrap_or(0) as usize,
    );
    for c in change.text.chars() {
        if c == '\n' {
            line += 1;
            character = 0;
        } else {
            character += c.len_utf16();
        }
    }
    let undo = json!({
        "range": {"start": start, "end": {"line": line, "character": character}},
        "text": &text[change.range.clone()],
    });
    (made, undo)
}

/// A command to start the server under (`valgrind --tool=callgrind`, `perf record -g --`), split
/// at spaces, for `--e2e-cell`.
pub const WRAPPER_VARIABLE: &str = "RESOLUTION_BENCH_WRAPPER";

fn start_wrapped(wrapper: &str, binary: &Path) -> (Child, ChildStdin, BufReader<ChildStdout>) {
    let mut words = wrapper.split_whitespace();
    let program = words.next().unwrap_or_default();
    let mut child = std::process::Command::new(program)
        .args(words)
        .arg(binary)
        .arg("--stdio")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start `{wrapper}`: {e}"));
    let stdin = child.stdin.take().expect("a piped stdin");
    let stdout = BufReader::new(child.stdout.take().expect("a piped stdout"));
    (child, stdin, stdout)
}

/// `message` is the answer to the client's request `id` (not a request of the server's that
/// happens to share its id).
fn is_response(message: &Value, id: i64) -> bool {
    message.get("method").is_none() && message["id"] == json!(id)
}

const URI: &str = "file:///bench/draft.res.md";

/// What the client got back after an edit.
struct Answer {
    first_byte: Instant,
    read: Instant,
    /// Diagnostics sent (0 for an "unchanged" answer).
    sent: usize,
    /// The diagnostics differ from the ones the client held.
    changed: bool,
}

/// A pushed `publishDiagnostics` seen while waiting for something else.
struct Pushed {
    version: i64,
    first_byte: Instant,
    read: Instant,
    sent: usize,
}

/// The release server over stdio, with one draft open.
struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    version: i64,
    next_id: i64,
    /// The `resultId` of the diagnostics the client holds.
    result_id: Value,
    pushed: Vec<Pushed>,
}

impl Server {
    fn start(binary: &Path, text: &str, mode: Mode) -> Server {
        let (child, stdin, stdout) = match std::env::var(WRAPPER_VARIABLE) {
            Ok(wrapper) if !wrapper.trim().is_empty() => start_wrapped(&wrapper, binary),
            _ => start_server(&binary.to_path_buf()),
        };
        let mut server = Server {
            child,
            stdin,
            stdout,
            version: 1,
            next_id: 1,
            result_id: Value::Null,
            pushed: Vec::new(),
        };
        let text_capabilities = match mode {
            Mode::Pull => json!({"diagnostic": {}, "publishDiagnostics": {"versionSupport": true}}),
            Mode::Push => json!({"publishDiagnostics": {"versionSupport": true}}),
        };
        let id = server.request(
            "initialize",
            json!({"processId": null, "rootUri": null,
                   "capabilities": {"textDocument": text_capabilities},
                   "initializationOptions": {"debounceMs": 0}}),
        );
        server.read_until(|m| is_response(m, id));
        server.notify("initialized", json!({}));
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}),
        );
        if mode == Mode::Push {
            server.await_push(1);
        }
        server.pull();
        server
    }

    fn notify(&mut self, method: &str, params: Value) {
        send_message(
            &mut self.stdin,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        );
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        send_message(
            &mut self.stdin,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        id
    }

    fn did_change(&mut self, change: &Value) {
        self.version += 1;
        let params = json!({"textDocument": {"uri": URI, "version": self.version}, "contentChanges": [change]});
        self.notify("textDocument/didChange", params);
    }

    /// Asks for the diagnostics, naming the ones held, and waits for the answer.
    fn pull(&mut self) -> Answer {
        let id = self.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": self.result_id}),
        );
        let (first_byte, read, message) = self.read_until(|m| is_response(m, id));
        let result = &message["result"];
        assert!(
            result.is_object(),
            "the server failed a diagnostic request: {message}"
        );
        let changed = result["kind"] == "full";
        let sent = result["items"].as_array().map_or(0, Vec::len);
        self.result_id = result["resultId"].clone();
        Answer {
            first_byte,
            read,
            sent,
            changed,
        }
    }

    /// Waits for the push of the diagnostics of `version`.
    fn await_push(&mut self, version: i64) -> Answer {
        loop {
            if let Some(i) = self.pushed.iter().position(|p| p.version == version) {
                let pushed = self.pushed.swap_remove(i);
                self.pushed.retain(|p| p.version > version);
                return Answer {
                    first_byte: pushed.first_byte,
                    read: pushed.read,
                    sent: pushed.sent,
                    changed: true,
                };
            }
            self.read_message();
        }
    }

    /// Reads messages until one is `wanted`: the time its first byte came, the time it was read
    /// whole, and the message.
    fn read_until(&mut self, wanted: impl Fn(&Value) -> bool) -> (Instant, Instant, Value) {
        loop {
            let (first_byte, read, message) = self.read_message();
            if wanted(&message) {
                return (first_byte, read, message);
            }
        }
    }

    /// Reads one message, keeping pushes aside and answering the server's requests.
    fn read_message(&mut self) -> (Instant, Instant, Value) {
        let mut length = 0;
        let mut first_byte = None;
        loop {
            let mut line = String::new();
            let read = self.stdout.read_line(&mut line).expect("the server writes");
            assert!(read > 0, "the server closed its output");
            first_byte.get_or_insert_with(Instant::now);
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse().expect("a Content-Length");
            }
        }
        let mut body = vec![0; length];
        self.stdout
            .read_exact(&mut body)
            .expect("the server writes");
        let read = Instant::now();
        let first_byte = first_byte.unwrap_or(read);
        let message: Value = serde_json::from_slice(&body).expect("a JSON message");
        match (
            message.get("method").and_then(Value::as_str),
            message.get("id"),
        ) {
            (Some("textDocument/publishDiagnostics"), _) => {
                let params = &message["params"];
                self.pushed.push(Pushed {
                    version: params["version"].as_i64().unwrap_or(-1),
                    first_byte,
                    read,
                    sent: params["diagnostics"].as_array().map_or(0, Vec::len),
                });
            }
            (Some(_), Some(id)) => {
                let id = id.clone();
                send_message(
                    &mut self.stdin,
                    &json!({"jsonrpc": "2.0", "id": id, "result": null}),
                );
            }
            _ => {}
        }
        (first_byte, read, message)
    }

    /// The CPU time the server's threads have run (`/proc/PID/task/*/schedstat`), when known.
    fn cpu(&self) -> Option<Duration> {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.child.id())).ok()?;
        let mut total = 0u64;
        for task in tasks.flatten() {
            let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
            total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
        }
        Some(Duration::from_nanos(total))
    }

    /// Makes `change` and waits until the client has its diagnostics: in a pushing session, the
    /// push when `pushes` (else the "unchanged" answer to a pull).
    fn edit(&mut self, mode: Mode, change: &Value, pushes: bool) -> Answer {
        self.did_change(change);
        match mode {
            Mode::Push if pushes => self.await_push(self.version),
            _ => self.pull(),
        }
    }

    fn stop(mut self) {
        let id = self.request("shutdown", Value::Null);
        self.read_until(|m| is_response(m, id));
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

/// One cell's medians.
#[derive(Clone, Copy)]
struct Cell {
    /// To the whole answer read.
    wall: Duration,
    /// To the answer's first byte.
    first_byte: Duration,
    /// The server's CPU time.
    cpu: Option<Duration>,
    /// Diagnostics sent with the answer.
    sent: usize,
    /// A pushing session got no push (the diagnostics did not change).
    nothing_pushed: bool,
}

/// Times `rounds` of one edit (after one untimed round), each taken back untimed.
fn run_cell(server: &mut Server, mode: Mode, text: &str, change: &Change, rounds: usize) -> Cell {
    let (made, undo) = change_and_undo(text, change);
    // The untimed round: in a pushing session, learns whether the edit changes the diagnostics
    // (a pull right after the change tells, and then the push follows).
    let pushes = match mode {
        Mode::Pull => false,
        Mode::Push => {
            server.did_change(&made);
            let pushes = server.pull().changed;
            if pushes {
                server.await_push(server.version);
            }
            server.did_change(&undo);
            if server.pull().changed {
                server.await_push(server.version);
            }
            pushes
        }
    };
    if mode == Mode::Pull {
        server.edit(mode, &made, pushes);
        server.edit(mode, &undo, pushes);
    }
    let mut walls = Vec::with_capacity(rounds);
    let mut firsts = Vec::with_capacity(rounds);
    let mut cpus = Vec::with_capacity(rounds);
    let mut sent = 0;
    for _ in 0..rounds.max(1) {
        let cpu_before = server.cpu();
        let start = Instant::now();
        let answer = server.edit(mode, &made, pushes);
        let cpu_after = server.cpu();
        walls.push(answer.read - start);
        firsts.push(answer.first_byte.saturating_duration_since(start));
        if let (Some(before), Some(after)) = (cpu_before, cpu_after) {
            cpus.push(after.saturating_sub(before));
        }
        sent = answer.sent;
        server.edit(mode, &undo, pushes);
    }
    Cell {
        wall: median(&mut walls),
        first_byte: median(&mut firsts),
        cpu: (!cpus.is_empty()).then(|| median(&mut cpus)),
        sent,
        nothing_pushed: mode == Mode::Push && !pushes,
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// What the matrix covers.
pub struct Plan {
    pub sizes: Vec<usize>,
    pub places: Vec<Place>,
    pub rounds: usize,
}

impl Plan {
    pub fn full() -> Plan {
        Plan {
            sizes: vec![40 * KB, MB, 3 * MB],
            places: PLACES.to_vec(),
            rounds: 15,
        }
    }

    /// For CI: every kind and both modes, on two sizes and in the middle, a few rounds.
    pub fn quick() -> Plan {
        Plan {
            sizes: vec![40 * KB, MB],
            places: vec![Place::Middle],
            rounds: 3,
        }
    }
}

type Key = (Mode, bool, usize, Kind, Place);

/// Runs the matrix, printing a line per cell as it goes, and returns its figures.
pub fn run(binary: &Path, plan: &Plan) -> Vec<Figure> {
    let mut cells: Vec<(Key, Cell)> = Vec::new();
    println!(
        "end-to-end matrix: median of {} rounds ({} under 100 KB); wall = to the answer read whole (first byte, server CPU)",
        plan.rounds,
        3 * plan.rounds
    );
    for &size in &plan.sizes {
        for findings in [false, true] {
            let text = draft(size, findings);
            for mode in [Mode::Pull, Mode::Push] {
                let mut server = Server::start(binary, &text, mode);
                for kind in KINDS {
                    for &place in &plan.places {
                        let change = kind.change(&text, place);
                        // The small draft's edits take a tenth of a millisecond, where the
                        // machine's noise weighs most: three times the rounds.
                        let rounds = if size < 100 * KB {
                            3 * plan.rounds
                        } else {
                            plan.rounds
                        };
                        let cell = run_cell(&mut server, mode, &text, &change, rounds);
                        println!(
                            "  {:4}  {:5}  {:13}  {:32}  {:6}  {:>9}  (first byte {:>9}, cpu {:>9})  {}",
                            mode.name(),
                            human(size),
                            if findings { "finding/4 KB" } else { "no findings" },
                            kind.name(),
                            place.name(),
                            ms(cell.wall),
                            ms(cell.first_byte),
                            cell.cpu.map_or("?".to_owned(), ms),
                            if cell.nothing_pushed {
                                "nothing pushed".to_owned()
                            } else {
                                format!("{} diagnostics sent", cell.sent)
                            }
                        );
                        cells.push(((mode, findings, size, kind, place), cell));
                    }
                }
                server.stop();
            }
        }
    }
    figures(&cells, plan)
}

/// `--e2e-cell KIND PLACE BYTES [clean|findings] [ROUNDS] [pull|push]`: one cell of the matrix
/// (pulled by default), for a profiler (see [`WRAPPER_VARIABLE`]): the instructions of a run with ROUNDS less those of a run
/// with 0, over ROUNDS, are one edit and its undo with their answers.
pub fn run_one(binary: &Path, args: &[String]) -> Result<(), String> {
    let usage =
        "usage: resolution-bench --e2e-cell KIND PLACE BYTES [clean|findings] [ROUNDS] [pull|push]";
    let kind = args
        .first()
        .and_then(|k| KINDS.into_iter().find(|kind| kind.short() == k))
        .ok_or_else(|| {
            let names: Vec<_> = KINDS.iter().map(|k| k.short()).collect();
            format!("{usage}\nKIND is one of: {}", names.join(", "))
        })?;
    let place = args
        .get(1)
        .and_then(|p| PLACES.into_iter().find(|place| place.name() == p))
        .ok_or_else(|| format!("{usage}\nPLACE is one of: start, middle, end"))?;
    let bytes: usize = args
        .get(2)
        .and_then(|b| b.parse().ok())
        .ok_or_else(|| format!("{usage}\nBYTES is the draft's size, e.g. 3000000"))?;
    let findings = match args.get(3).map(String::as_str) {
        None | Some("clean") => false,
        Some("findings") => true,
        Some(other) => return Err(format!("{usage}\nnot `clean` or `findings`: {other}")),
    };
    let rounds: usize = match args.get(4) {
        None => 20,
        Some(n) => n
            .parse()
            .map_err(|_| format!("{usage}\nROUNDS is a number: {n}"))?,
    };
    let mode = match args.get(5).map(String::as_str) {
        None | Some("pull") => Mode::Pull,
        Some("push") => Mode::Push,
        Some(other) => return Err(format!("{usage}\nnot `pull` or `push`: {other}")),
    };
    let text = draft(bytes, findings);
    let change = kind.change(&text, place);
    if mode == Mode::Push {
        let mut server = Server::start(binary, &text, mode);
        let cell = run_cell(&mut server, mode, &text, &change, rounds);
        server.stop();
        println!(
            "{} at {} of {}, pushed: median {} over {rounds} rounds, {}",
            kind.name(),
            place.name(),
            human(text.len()),
            ms(cell.wall),
            if cell.nothing_pushed {
                "nothing pushed".to_owned()
            } else {
                format!("{} diagnostics sent", cell.sent)
            }
        );
        return Ok(());
    }
    let (made, undo) = change_and_undo(&text, &change);
    let mut server = Server::start(binary, &text, Mode::Pull);
    let mut times = Vec::with_capacity(rounds);
    let mut undo_times = Vec::with_capacity(rounds);
    let mut sent = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        let answer = server.edit(Mode::Pull, &made, false);
        times.push(answer.read - start);
        sent = answer.sent;
        let start = Instant::now();
        let answer = server.edit(Mode::Pull, &undo, false);
        undo_times.push(answer.read - start);
    }
    server.stop();
    if !times.is_empty() {
        println!(
            "{} at {} of {}: median {} over {rounds} rounds, {sent} diagnostics sent (taking it back: {})",
            kind.name(),
            place.name(),
            human(text.len()),
            ms(median(&mut times)),
            ms(median(&mut undo_times))
        );
    }
    Ok(())
}

/// `--e2e-engine KIND PLACE BYTES [ROUNDS]`: a cell's edit and its undo on the engine alone (a
/// `Document` and its `CheckCache`, no protocol) on the draft without findings, ROUNDS times
/// (default 200): the median of each, and whether the cache followed the edit. For profiling the
/// engine's share of a cell (callgrind: a run with ROUNDS less one with 0).
pub fn run_engine(args: &[String]) -> Result<(), String> {
    use resolution_engine::{CheckCache, Config, Document};
    let usage = "usage: resolution-bench --e2e-engine KIND PLACE BYTES [ROUNDS]";
    let kind = args
        .first()
        .and_then(|k| KINDS.into_iter().find(|kind| kind.short() == k))
        .ok_or_else(|| usage.to_owned())?;
    let place = args
        .get(1)
        .and_then(|p| PLACES.into_iter().find(|place| place.name() == p))
        .ok_or_else(|| usage.to_owned())?;
    let bytes: usize = args
        .get(2)
        .and_then(|b| b.parse().ok())
        .ok_or_else(|| usage.to_owned())?;
    let rounds: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(200);
    let text = draft(bytes, false);
    let change = kind.change(&text, place);
    let config = Config::default();
    let mut doc = Document::new(&text);
    let mut cache = CheckCache::new();
    std::hint::black_box(cache.check(&doc, &config, None));
    let undo = change.range.start..change.range.start + change.text.len();
    let old = text[change.range.clone()].to_owned();
    let (mut times, mut undo_times) = (Vec::new(), Vec::new());
    let (mut followed, mut found) = (true, 0);
    for _ in 0..rounds {
        let start = Instant::now();
        doc.edit(change.range.clone(), &change.text);
        found = std::hint::black_box(cache.check(&doc, &config, None)).len();
        times.push(start.elapsed());
        followed &= cache.last_was_incremental();
        let start = Instant::now();
        doc.edit(undo.clone(), &old);
        std::hint::black_box(cache.check(&doc, &config, None));
        undo_times.push(start.elapsed());
        followed &= cache.last_was_incremental();
    }
    if !times.is_empty() {
        println!(
            "{} at {} of {}, engine alone: median {} over {rounds} rounds, {found} diagnostics (taking it back: {}; followed: {followed})",
            kind.name(),
            place.name(),
            human(text.len()),
            ms(median(&mut times)),
            ms(median(&mut undo_times))
        );
    }
    Ok(())
}

/// `--e2e-instructions [PLACE] [ROUNDS]`: for every kind of edit at PLACE (the middle by
/// default), the server's instructions per edit and its undo on the 40 KB and 3 MB drafts without
/// findings, counted by callgrind (each cell run with ROUNDS rounds, default 10, and with none:
/// the difference over ROUNDS), and their ratio against the target. Slow (minutes), but the
/// machine's load does not move it.
pub fn instructions(args: &[String]) -> Result<Vec<Figure>, String> {
    let usage = "usage: resolution-bench --e2e-instructions [start|middle|end] [ROUNDS]";
    let place = match args.first() {
        None => Place::Middle,
        Some(p) => PLACES
            .into_iter()
            .find(|place| place.name() == p)
            .ok_or_else(|| format!("{usage}\nnot a place: {p}"))?,
    };
    let rounds: u64 = match args.get(1) {
        None => 10,
        Some(n) => n
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{usage}\nROUNDS is a number above 0: {n}"))?,
    };
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let count = |kind: Kind, bytes: usize, rounds: u64| -> Result<u64, String> {
        let out = dir
            .path()
            .join(format!("{}-{bytes}-{rounds}", kind.short()));
        let status = std::process::Command::new(&exe)
            .args(["--e2e-cell", kind.short(), place.name(), &bytes.to_string()])
            .args(["clean", &rounds.to_string()])
            .env(
                WRAPPER_VARIABLE,
                format!(
                    "valgrind --tool=callgrind --callgrind-out-file={}",
                    out.display()
                ),
            )
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
        let profile = std::fs::read_to_string(&out).map_err(|_| {
            format!("callgrind wrote nothing ({status}); is valgrind installed? (apt-get install valgrind)")
        })?;
        profile
            .lines()
            .find_map(|line| {
                line.strip_prefix("summary:")
                    .or_else(|| line.strip_prefix("totals:"))
            })
            .and_then(|total| total.split_whitespace().next()?.parse().ok())
            .ok_or_else(|| format!("no instruction total in {}", out.display()))
    };
    let mut figures = Vec::new();
    for kind in KINDS {
        let mut per_edit = Vec::new();
        for bytes in [40 * KB, 3 * MB] {
            let with = count(kind, bytes, rounds)?;
            let without = count(kind, bytes, 0)?;
            per_edit.push(with.saturating_sub(without) as f64 / rounds as f64);
        }
        let growth = per_edit[1] / per_edit[0].max(1.0);
        eprintln!(
            "{}, {}: {:.2} M / {:.2} M instructions",
            kind.name(),
            place.name(),
            per_edit[0] / 1e6,
            per_edit[1] / 1e6
        );
        figures.push(Figure {
            name: format!(
                "e2e instructions, {}, {}: 3 MB over 40 KB ({:.2} M / {:.2} M per edit and undo)",
                kind.name(),
                place.name(),
                per_edit[1] / 1e6,
                per_edit[0] / 1e6
            ),
            measured: format!("{growth:.1}×"),
            target: format!("≤ {GROWTH_TARGET}×"),
            met: Some(growth <= GROWTH_TARGET),
        });
    }
    Ok(figures)
}

fn draft(size: usize, findings: bool) -> String {
    if findings {
        generate_with_finding_every(size, FINDING_EVERY, 42)
    } else {
        generate(Spec {
            bytes: size,
            defect_rate: 0.0,
            seed: 42,
        })
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn figures(cells: &[(Key, Cell)], plan: &Plan) -> Vec<Figure> {
    let cell = |key: Key| cells.iter().find(|(k, _)| *k == key).map(|(_, c)| *c);
    let (small, large) = (plan.sizes[0], plan.sizes[plan.sizes.len() - 1]);
    let mut figures = Vec::new();
    for mode in [Mode::Pull, Mode::Push] {
        for kind in KINDS {
            for &place in &plan.places {
                let (Some(a), Some(b)) = (
                    cell((mode, false, small, kind, place)),
                    cell((mode, false, large, kind, place)),
                ) else {
                    continue;
                };
                let growth = b.wall.as_secs_f64() / a.wall.as_secs_f64();
                let cpu_growth = match (a.cpu, b.cpu) {
                    (Some(a), Some(b)) if !a.is_zero() => {
                        format!(" (cpu {:.1}×)", b.as_secs_f64() / a.as_secs_f64())
                    }
                    _ => String::new(),
                };
                figures.push(Figure {
                    name: format!(
                        "e2e {}, {}, {}: {} over {}, no findings",
                        mode.name(),
                        kind.name(),
                        place.name(),
                        human(large),
                        human(small)
                    ),
                    measured: format!("{growth:.1}×{cpu_growth}"),
                    target: format!("≤ {GROWTH_TARGET}×"),
                    met: Some(growth <= GROWTH_TARGET),
                });
            }
        }
    }
    let flat = figures.iter().filter(|f| f.met == Some(true)).count();
    let cells = figures.len();
    // The server's cost per diagnostic sent: what an edit costs with a finding every 4 KB over
    // what it costs without, per diagnostic the answer carried.
    let mut per_diagnostic = Vec::new();
    for mode in [Mode::Pull, Mode::Push] {
        for kind in KINDS {
            for &place in &plan.places {
                let (Some(clean), Some(found)) = (
                    cell((mode, false, large, kind, place)),
                    cell((mode, true, large, kind, place)),
                ) else {
                    continue;
                };
                if found.sent == 0 {
                    continue;
                }
                let per = |with: Duration, without: Duration| {
                    (with.as_secs_f64() - without.as_secs_f64()) * 1e6 / found.sent as f64
                };
                let cpu = match (found.cpu, clean.cpu) {
                    (Some(with), Some(without)) => format!(" (cpu {:.1} µs)", per(with, without)),
                    _ => String::new(),
                };
                per_diagnostic.push((
                    mode,
                    kind,
                    place,
                    per(found.wall, clean.wall),
                    cpu,
                    found.sent,
                ));
            }
        }
    }
    let mut costs: Vec<f64> = per_diagnostic.iter().map(|p| p.3).collect();
    costs.sort_by(f64::total_cmp);
    let summary = [
        Figure {
            name: format!(
                "e2e: cells whose cost at {} is at most {GROWTH_TARGET}× that at {}, no findings",
                human(large),
                human(small)
            ),
            measured: format!("{flat} of {cells}"),
            target: format!("{cells} of {cells}"),
            met: Some(flat == cells),
        },
        Figure {
            name: format!(
                "e2e: server cost per diagnostic sent at {}, median of {} cells (worst {:.1} µs)",
                human(large),
                costs.len(),
                costs.last().copied().unwrap_or(0.0)
            ),
            measured: format!(
                "{:.1} µs",
                costs.get(costs.len() / 2).copied().unwrap_or(0.0)
            ),
            target: format!("≤ {PER_DIAGNOSTIC_TARGET_US} µs"),
            met: (!costs.is_empty()).then(|| {
                costs
                    .last()
                    .is_some_and(|&worst| worst <= PER_DIAGNOSTIC_TARGET_US)
            }),
        },
    ];
    for (mode, kind, place, us, cpu, sent) in per_diagnostic {
        figures.push(Figure {
            name: format!(
                "e2e {}, {}, {}: server cost per diagnostic sent ({sent}), {}",
                mode.name(),
                kind.name(),
                place.name(),
                human(large)
            ),
            measured: format!("{us:.1} µs{cpu}"),
            target: format!("≤ {PER_DIAGNOSTIC_TARGET_US} µs"),
            met: Some(us <= PER_DIAGNOSTIC_TARGET_US),
        });
    }
    figures.extend(summary);
    figures
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> String {
        generate(Spec {
            bytes: 40 * KB,
            defect_rate: 0.0,
            seed: 42,
        })
    }

    fn apply(text: &str, change: &Change) -> String {
        let mut edited = text.to_owned();
        edited.replace_range(change.range.clone(), &change.text);
        edited
    }

    #[test]
    fn every_edit_is_what_its_name_says_where_it_says() {
        let text = draft();
        for place in PLACES {
            let from = (text.len() as f64 * place.share()) as usize;
            for kind in KINDS {
                let change = kind.change(&text, place);
                assert!(change.range.start >= from, "{kind:?} at {place:?}");
                let edited = apply(&text, &change);
                let removed = &text[change.range.clone()];
                match kind {
                    Kind::Character => assert_eq!((removed, change.text.as_str()), ("", "x")),
                    Kind::BlankLine => assert_eq!((removed, change.text.as_str()), ("", "\n\n")),
                    Kind::ExistingMarker => {
                        let n = last_marker(&text, change.range.start);
                        assert!(n >= 1);
                        assert!(text.contains(&format!("\n\n<sup>{n}</sup> ")));
                        assert_eq!(change.text, format!("<sup>{n}</sup>"));
                    }
                    Kind::NewMarker => {
                        let n = last_marker(&text, change.range.start) + 1;
                        assert_eq!(change.text, format!("<sup>{n}</sup>"));
                    }
                    Kind::NumberedParagraph => {
                        let n = number(&text[change.range.start..]).unwrap();
                        assert!(change.text.starts_with(&format!("{n}. *Decides*")));
                        assert!(text[..change.range.start].ends_with("\n\n"));
                    }
                    Kind::DefinitionRemoved => {
                        assert!(removed.starts_with("<sup>") && removed.ends_with("\n\n"));
                        assert_eq!(removed.matches("\n\n").count(), 1);
                    }
                    Kind::OpenerUnitalicized => {
                        assert!(removed.starts_with('*') && removed.ends_with('*'));
                        assert_eq!(change.text, removed.trim_matches('*'));
                    }
                }
                assert_ne!(edited, text);
            }
        }
    }

    #[test]
    fn the_undo_restores_the_draft() {
        let text = "*Recalling* the links,\n\n1. *Decides* é to act;\n";
        let change = Change {
            range: 37..37,
            text: "a\n\nbé".to_owned(),
        };
        let (made, undo) = change_and_undo(text, &change);
        assert_eq!(made["range"]["start"], json!({"line": 2, "character": 13}));
        assert_eq!(
            undo["range"],
            json!({"start": {"line": 2, "character": 13}, "end": {"line": 4, "character": 2}})
        );
        assert_eq!(undo["text"], "");
    }
}
