//! `diagnostics-cost [SERVER] [BYTES] [ROUNDS]`: what converting and sending diagnostics costs the
//! language server, per diagnostic. A generated draft of BYTES (3 MB by default) is opened twice,
//! once with findings (about one every 4 KB) and once without; each round inserts a line break
//! near its start (moving every diagnostic after it) and pulls `textDocument/diagnostic`, then
//! takes the line break back and pulls again. The difference of the median times from the change
//! to the first byte of the answer, over the number of diagnostics, is the cost per diagnostic
//! sent (the whole round trip, with this client's reading of the answer, is shown beside it).
//! SERVER defaults to the release `resolution-ls` beside this binary.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use resolution_bench::generator::{generate, Spec};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let server = args.get(1).map(PathBuf::from).unwrap_or_else(|| {
        let exe = std::env::current_exe().expect("the binary's path");
        exe.with_file_name("resolution-ls")
    });
    let bytes: usize = args
        .get(2)
        .and_then(|b| b.parse().ok())
        .unwrap_or(3_000_000);
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(40);
    let with = generate(Spec {
        bytes,
        defect_rate: 0.1,
        seed: 42,
    });
    let without = generate(Spec {
        bytes,
        defect_rate: 0.0,
        seed: 42,
    });
    let (with_time, with_whole, with_count) = edit_and_pull(&server, &with, rounds);
    let (without_time, without_whole, without_count) = edit_and_pull(&server, &without, rounds);
    let per = |with: Duration, without: Duration| {
        (with.as_secs_f64() - without.as_secs_f64())
            / (with_count.saturating_sub(without_count).max(1)) as f64
            * 1e6
    };
    let ms = |time: Duration| time.as_secs_f64() * 1e3;
    println!(
        "{} bytes, change to first byte of the answer: {with_count} diagnostics {:.2} ms, {without_count} diagnostics {:.2} ms: {:.2} µs per diagnostic (whole round trip: {:.2} ms, {:.2} ms: {:.2} µs)",
        with.len(),
        ms(with_time),
        ms(without_time),
        per(with_time, without_time),
        ms(with_whole),
        ms(without_whole),
        per(with_whole, without_whole),
    );
}

/// The median times from a didChange (a line break inserted or taken back) to the first byte of
/// the answer of the pull after it and to its end, and the number of diagnostics the draft has.
fn edit_and_pull(server: &PathBuf, text: &str, rounds: usize) -> (Duration, Duration, usize) {
    let mut child = Command::new(server)
        .arg("--stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", server.display()));
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let uri = "file:///bench/cost.md";
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {"textDocument": {"diagnostic": {}}}}}),
    );
    read_response(&mut stdout, 0);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    let pull = |id: i64, previous: &Value| json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": uri}, "previousResultId": previous}});
    send(&mut stdin, pull(1, &Value::Null));
    let (first, _) = read_response(&mut stdout, 1);
    let count = first["result"]["items"].as_array().map_or(0, Vec::len);
    let mut previous = first["result"]["resultId"].clone();
    // The end of the draft's second line: a line break there moves every diagnostic below.
    let line = 1;
    let character = text.lines().nth(1).map_or(0, |l| l.encode_utf16().count());
    let mut times = Vec::with_capacity(rounds);
    let mut wholes = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let (range, insert) = if round % 2 == 0 {
            (
                json!({"start": {"line": line, "character": character}, "end": {"line": line, "character": character}}),
                "\n",
            )
        } else {
            (
                json!({"start": {"line": line, "character": character}, "end": {"line": line + 1, "character": 0}}),
                "",
            )
        };
        let id = round as i64 + 2;
        let start = Instant::now();
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": id}, "contentChanges": [{"range": range, "text": insert}]}}),
        );
        send(&mut stdin, pull(id, &previous));
        let (response, first_byte) = read_response(&mut stdout, id);
        wholes.push(start.elapsed());
        times.push(first_byte - start);
        if count > 0 {
            assert_eq!(response["result"]["kind"], "full", "the diagnostics moved");
        }
        previous = response["result"]["resultId"].clone();
    }
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": -1, "method": "shutdown"}),
    );
    read_response(&mut stdout, -1);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    times.sort();
    wholes.sort();
    (times[times.len() / 2], wholes[wholes.len() / 2], count)
}

fn send(stdin: &mut ChildStdin, message: Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
    stdin.flush().expect("the server reads");
}

/// The response to request `id`, and when its first byte came.
fn read_response(reader: &mut impl BufRead, id: i64) -> (Value, Instant) {
    loop {
        let mut length = 0;
        reader.fill_buf().expect("the server writes");
        let first_byte = Instant::now();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("the server writes");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("the server writes");
        let message: Value = serde_json::from_slice(&body).expect("JSON");
        if message.get("id") == Some(&json!(id)) {
            return (message, first_byte);
        }
    }
}
