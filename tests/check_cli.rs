//! End-to-end tests of `resolution-ls check` and `resolution-ls rules`: the real binary, run in a
//! temporary directory holding copies of `tests/fixtures/cli/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use resolution_bench::generator::reversed_footnotes;
use resolution_engine::rules::RULES;
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_resolution-ls");

/// The output of one run.
#[derive(Debug)]
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/cli")
}

fn fixture(name: &str) -> String {
    fs::read_to_string(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// A temporary directory with `files` (path in the directory, fixture name) copied in.
fn workspace(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, name) in files {
        write(dir.path(), path, &fixture(name));
    }
    dir
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Runs the binary in `dir` with `args`, colour settings of the environment removed.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    Run {
        status: output.status.code().expect("exited normally"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

const UNDEFINED_LINE: &str =
    "a.md:5:26: error[footnote-undefined]: footnote 2 is referenced but never defined";
const NOT_ITALIC_LINE: &str =
    "b.md:5:4: warning[opener-not-italic]: opener “Decides” is not in italics";

// ---------------------------------------------------------------------------------------------
// Human output

#[test]
fn human_output_has_one_line_per_diagnostic_and_a_summary() {
    let dir = workspace(&[
        ("a.md", "footnote-undefined.md"),
        ("b.md", "opener-not-italic.md"),
    ]);
    let run = run_in(dir.path(), &["check", "a.md", "b.md"]);
    assert_eq!(
        run.stdout,
        format!(
            "{UNDEFINED_LINE}\n{NOT_ITALIC_LINE}\n\
             Found 2 problems (1 error, 1 warning) in 2 files; 1 fixable with --fix (1 more with --unsafe-fixes).\n"
        )
    );
    assert_eq!(run.stderr, "");
    assert_eq!(run.status, 1, "an error was found");
}

#[test]
fn output_is_sorted_by_path_whatever_order_the_files_come_in() {
    let dir = workspace(&[
        ("a.md", "footnote-undefined.md"),
        ("b.md", "opener-not-italic.md"),
    ]);
    let run = run_in(dir.path(), &["check", "b.md", "a.md"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..2], [UNDEFINED_LINE, NOT_ITALIC_LINE]);

    // Many files, checked in parallel, still come out in path order.
    let many = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for i in 0..40 {
        let name = format!("d{i:02}.md");
        write(many.path(), &name, &fixture("footnote-undefined.md"));
        expected.push(format!(
            "{name}:5:26: error[footnote-undefined]: footnote 2 is referenced but never defined"
        ));
    }
    let run = run_in(many.path(), &["check", "."]);
    let shown: Vec<String> = run
        .stdout
        .lines()
        .take(40)
        .map(|l| l.trim_start_matches("./").to_owned())
        .collect();
    assert_eq!(shown, expected);
    assert_eq!(
        run.stdout.lines().last(),
        Some("Found 40 problems (40 errors) in 40 files; 40 fixable with --fix --unsafe-fixes.")
    );
    assert_eq!(
        run.stderr, "",
        "no progress display when stderr is not a terminal"
    );
}

#[test]
fn clean_draft_gives_no_problems_and_exit_0() {
    let dir = workspace(&[("clean.md", "clean.md")]);
    let run = run_in(dir.path(), &["check", "clean.md"]);
    assert_eq!(run.stdout, "No problems found in 1 file.\n");
    assert_eq!(run.stderr, "");
    assert_eq!(run.status, 0);
}

#[test]
fn paths_are_shown_as_the_user_named_them() {
    let dir = workspace(&[("sub/deeper/a.md", "footnote-undefined.md")]);
    let run = run_in(dir.path(), &["check", "sub"]);
    assert!(
        run.stdout
            .starts_with("sub/deeper/a.md:5:26: error[footnote-undefined]"),
        "{}",
        run.stdout
    );
    let run = run_in(dir.path(), &["check", "./sub/deeper/a.md"]);
    assert!(
        run.stdout.starts_with("./sub/deeper/a.md:5:26: "),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = workspace(&[("sub/a.md", "footnote-undefined.md")]);
    let run = run_in(dir.path(), &["check", "sub", "sub/a.md"]);
    assert_eq!(
        run.stdout.matches("footnote-undefined").count(),
        1,
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_named_explicitly_is_checked_whatever_its_extension() {
    let dir = workspace(&[("draft.txt", "footnote-undefined.md")]);
    let run = run_in(dir.path(), &["check", "draft.txt"]);
    assert!(
        run.stdout
            .starts_with("draft.txt:5:26: error[footnote-undefined]"),
        "{}",
        run.stdout
    );
}

#[test]
fn columns_count_unicode_characters() {
    let dir = workspace(&[("u.md", "unicode-columns.md")]);
    let run = run_in(dir.path(), &["check", "u.md"]);
    // `1. *Decides* to act — “now” 🎉;<sup>2</sup>`: the digit is the 36th character (and the
    // 44th byte, the 37th UTF-16 unit).
    assert!(
        run.stdout
            .starts_with("u.md:5:36: error[footnote-undefined]"),
        "{}",
        run.stdout
    );
    let json = run_in(dir.path(), &["check", "--format", "json", "u.md"]).json();
    assert_eq!(json[0]["column"], 36);
    assert_eq!(json[0]["end_column"], 37);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = workspace(&[("a.md", "footnote-undefined.md")]);
    fs::write(dir.path().join("x.md"), b"\xFF").unwrap();
    let run = run_in(dir.path(), &["check", "a.md", "x.md"]);
    assert!(
        !run.stdout.contains('\x1b'),
        "no colour in a pipe: {:?}",
        run.stdout
    );
    assert!(
        !run.stderr.contains('\x1b'),
        "no colour in a pipe: {:?}",
        run.stderr
    );
    let run = run_in(dir.path(), &["check", "--color", "always", "a.md"]);
    assert!(run.stdout.contains("\x1b["), "{:?}", run.stdout);
    let run = run_in(dir.path(), &["--color", "never", "check", "a.md"]);
    assert!(!run.stdout.contains('\x1b'));
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn json_output_gives_every_field() {
    let dir = workspace(&[
        ("a.md", "footnote-undefined.md"),
        ("b.md", "opener-not-italic.md"),
    ]);
    let run = run_in(dir.path(), &["check", "--format", "json", "b.md", "a.md"]);
    assert_eq!(run.status, 1);
    assert_eq!(run.stderr, "");
    let json = run.json();
    let all = json.as_array().expect("one array");
    assert_eq!(all.len(), 2);

    let undefined = &all[0];
    assert_eq!(undefined["path"], "a.md");
    assert_eq!(undefined["code"], "footnote-undefined");
    assert_eq!(undefined["severity"], "error");
    assert_eq!(
        undefined["message"],
        "footnote 2 is referenced but never defined"
    );
    assert_eq!(
        [
            &undefined["line"],
            &undefined["column"],
            &undefined["end_line"],
            &undefined["end_column"]
        ],
        [5, 26, 5, 27]
    );
    let fix = &undefined["fix"];
    assert!(
        fix["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{fix}"
    );
    let edits = fix["edits"].as_array().unwrap();
    assert!(!edits.is_empty());
    for edit in edits {
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(
                edit[key].as_u64().is_some_and(|n| n >= 1),
                "{key} in {edit}"
            );
        }
    }
    assert!(
        edits
            .iter()
            .any(|e| e["new_text"].as_str().unwrap().contains("<sup>2</sup>")),
        "a definition stub for footnote 2: {fix}"
    );
    assert!(
        undefined.get("related").is_none(),
        "no related key when there is none"
    );

    let not_italic = &all[1];
    assert_eq!(not_italic["path"], "b.md");
    assert_eq!(not_italic["code"], "opener-not-italic");
    assert_eq!(not_italic["severity"], "warning");
    assert_eq!(not_italic["message"], "opener “Decides” is not in italics");
    assert_eq!(
        [
            &not_italic["line"],
            &not_italic["column"],
            &not_italic["end_line"],
            &not_italic["end_column"]
        ],
        [5, 4, 5, 11]
    );
    assert!(not_italic["fix"]["edits"].is_array());
}

#[test]
fn json_lists_a_draft_wide_fix_once_however_many_diagnostics_share_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.md", &reversed_footnotes(800));
    let run = run_in(dir.path(), &["check", "--format", "json", "r.md"]);
    // Each of the 799 diagnostics used to carry the 1,600 edits: 194 MB.
    assert!(run.stdout.len() < 2_000_000, "{} bytes", run.stdout.len());
    let all = run.json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 799);
    assert!(all.iter().all(|d| d["code"] == "footnote-order"));
    let first = &all[0]["fix"];
    assert_eq!(first["title"], "Renumber footnotes in reading order");
    assert_eq!(first["edits"].as_array().unwrap().len(), 1600);
    for d in &all[1..] {
        assert_eq!(d["fix"]["id"], first["id"], "{d}");
        assert_eq!(d["fix"]["title"], first["title"]);
        assert!(d["fix"].get("edits").is_none(), "{d}");
    }
}

#[test]
fn sarif_gives_a_draft_wide_fix_once_and_points_to_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.md", &reversed_footnotes(800));
    let run = run_in(dir.path(), &["check", "--format", "sarif", "r.md"]);
    assert!(run.stdout.len() < 2_000_000, "{} bytes", run.stdout.len());
    let log = run.json();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 799);
    let with_fixes: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].get("fixes").is_some())
        .collect();
    assert_eq!(with_fixes, [0]);
    let replacements = &results[0]["fixes"][0]["artifactChanges"][0]["replacements"];
    assert_eq!(replacements.as_array().unwrap().len(), 1600);
    for result in &results[1..] {
        assert_eq!(result["properties"]["sharedFix"]["result"], 0, "{result}");
        assert_eq!(result["properties"]["sharedFix"]["applicability"], "safe");
    }
}

#[test]
fn json_gives_related_locations() {
    let dir = workspace(&[("dup.md", "footnote-duplicate.md")]);
    let json = run_in(dir.path(), &["check", "--format", "json", "dup.md"]).json();
    let all = json.as_array().unwrap();
    assert_eq!(all.len(), 1, "{json:#}");
    let d = &all[0];
    assert_eq!(d["code"], "footnote-duplicate");
    assert_eq!(d["severity"], "error");
    let related = d["related"].as_array().expect("related locations");
    assert_eq!(related.len(), 1);
    let mut lines = [
        d["line"].as_u64().unwrap(),
        related[0]["line"].as_u64().unwrap(),
    ];
    lines.sort();
    assert_eq!(lines, [11, 13], "the two definitions");
    assert_eq!(related[0]["column"], 1);
    assert!(related[0]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
}

#[test]
fn json_with_no_problems_is_an_empty_array() {
    let dir = workspace(&[("clean.md", "clean.md"), ("README.md", "README.md")]);
    let run = run_in(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(run.json(), serde_json::json!([]));
    assert_eq!(run.stdout.trim(), "[]");
    assert_eq!(run.status, 0);
}

// ---------------------------------------------------------------------------------------------
// SARIF

fn check_sarif_frame(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "resolution-ls");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let expected: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids, expected);
    for (rule, engine) in rules.iter().zip(RULES) {
        assert_eq!(rule["shortDescription"]["text"], engine.summary);
        assert!(rule["fullDescription"]["text"].is_string());
        assert!(rule["help"]["text"].is_string());
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        let want = match engine.default_level.as_str() {
            "error" => "error",
            "warning" => "warning",
            "info" | "hint" => "note",
            _ => "none",
        };
        assert_eq!(level, want, "{}", engine.id);
    }
}

#[test]
fn sarif_output_has_rules_results_regions_and_fixes() {
    let dir = workspace(&[("sub/a.md", "footnote-undefined.md")]);
    let run = run_in(dir.path(), &["check", "--format", "sarif", "sub"]);
    assert_eq!(run.status, 1);
    let log = run.json();
    check_sarif_frame(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(result["ruleId"], "footnote-undefined");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"][index]["id"],
        "footnote-undefined"
    );
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["message"]["text"],
        "footnote 2 is referenced but never defined"
    );
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "sub/a.md");
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 5, "startColumn": 26, "endLine": 5, "endColumn": 27})
    );
    let fix = &result["fixes"][0];
    assert!(fix["description"]["text"].is_string());
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "sub/a.md");
    assert!(change["replacements"][0]["deletedRegion"]["startLine"].is_u64());
    assert!(change["replacements"][0]["insertedContent"]["text"]
        .as_str()
        .unwrap()
        .contains("<sup>2</sup>"));
}

#[test]
fn sarif_gives_related_locations() {
    let dir = workspace(&[("dup.md", "footnote-duplicate.md")]);
    let log = run_in(dir.path(), &["check", "--format", "sarif", "dup.md"]).json();
    let related = &log["runs"][0]["results"][0]["relatedLocations"][0];
    assert!(
        related["physicalLocation"]["region"]["startLine"].is_u64(),
        "{log:#}"
    );
    assert!(related["message"]["text"].is_string());
}

#[test]
fn sarif_with_no_results_is_still_a_complete_log() {
    let dir = workspace(&[("clean.md", "clean.md")]);
    let run = run_in(dir.path(), &["check", "--format", "sarif", "clean.md"]);
    assert_eq!(run.status, 0);
    let log = run.json();
    check_sarif_frame(&log);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn sarif_records_files_that_could_not_be_read() {
    let dir = workspace(&[("clean.md", "clean.md")]);
    let run = run_in(
        dir.path(),
        &["check", "--format", "sarif", "clean.md", "missing.md"],
    );
    assert_eq!(run.status, 2);
    let log = run.json();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let text = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(text.starts_with("missing.md: "), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Exit status

#[test]
fn deny_warnings_makes_warnings_fail() {
    let dir = workspace(&[("b.md", "opener-not-italic.md")]);
    let run = run_in(dir.path(), &["check", "b.md"]);
    assert_eq!(run.status, 0, "warnings alone pass");
    assert_eq!(
        run.stdout,
        format!(
            "{NOT_ITALIC_LINE}\nFound 1 problem (1 warning) in 1 file; 1 fixable with --fix.\n"
        )
    );
    let run = run_in(dir.path(), &["check", "--deny", "warnings", "b.md"]);
    assert_eq!(run.status, 1);
    let run = run_in(dir.path(), &["check", "--deny", "errors", "b.md"]);
    assert_eq!(run.status, 2, "a usage error");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check"][..],
        &["check", "--format", "xml", "."],
        &["check", "--language", "xx", "."],
        &["check", "--draft", "sometimes", "."],
        &["--stdio", "check", "."],
        &["--explain", "footnote-undefined", "check", "."],
        &["frobnicate"],
    ] {
        let run = run_in(dir.path(), args);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Files that cannot be checked

#[test]
fn unreadable_files_are_reported_one_line_each_and_the_others_still_checked() {
    let dir = workspace(&[("a.md", "footnote-undefined.md")]);
    fs::write(
        dir.path().join("binary.md"),
        b"*The General Assembly*,\n\0\x01\x02",
    )
    .unwrap();
    let mut latin1 = b"*The General Assembly*,\n\n*Recalling* the r".to_vec();
    let bad_byte = latin1.len();
    latin1.extend_from_slice(b"\xE9solution,\n");
    fs::write(dir.path().join("latin1.md"), &latin1).unwrap();

    let run = run_in(
        dir.path(),
        &["check", "missing.md", "binary.md", "a.md", "latin1.md"],
    );
    assert_eq!(run.status, 2, "an I/O problem wins over the error found");
    let errors = run.stderr_lines();
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    assert!(
        errors.iter().all(|l| l.starts_with("error: ")),
        "{}",
        run.stderr
    );
    let missing = errors.iter().find(|l| l.contains("missing.md")).unwrap();
    assert!(missing.contains("no such file"), "{missing}");
    let binary = errors.iter().find(|l| l.contains("binary.md")).unwrap();
    assert!(binary.contains("binary"), "{binary}");
    let latin1_line = errors.iter().find(|l| l.contains("latin1.md")).unwrap();
    assert_eq!(
        *latin1_line,
        format!("error: latin1.md: not valid UTF-8 (byte {bad_byte}); save the file as UTF-8")
    );
    // The readable file is still checked and reported.
    assert_eq!(
        run.stdout,
        format!("{UNDEFINED_LINE}\nFound 1 problem (1 error) in 1 file; 1 fixable with --fix --unsafe-fixes.\n")
    );
}

#[test]
fn a_file_over_64_mib_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = fs::File::create(dir.path().join("huge.md")).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap(); // sparse: costs no disk
    let run = run_in(dir.path(), &["check", "huge.md"]);
    assert_eq!(run.status, 2);
    let errors = run.stderr_lines();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("error: huge.md: too large"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("64 MiB"), "{}", errors[0]);
}

#[test]
fn a_directory_without_markdown_files_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty/notes.txt", "nothing here");
    write(dir.path(), "ok/a.md", &fixture("footnote-undefined.md"));
    let run = run_in(dir.path(), &["check", "empty", "ok"]);
    assert_eq!(run.status, 2);
    let errors = run.stderr_lines();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: empty: no Markdown files"),
        "{}",
        errors[0]
    );
    assert!(
        run.stdout.starts_with("ok/a.md:5:26: "),
        "the other directory is still checked"
    );
}

#[test]
fn a_readme_that_is_not_a_draft_gives_no_diagnostics() {
    let dir = workspace(&[
        ("docs/README.md", "README.md"),
        ("docs/clean.md", "clean.md"),
    ]);
    let run = run_in(dir.path(), &["check", "docs"]);
    assert_eq!(
        run.stdout,
        "No problems found in 2 files (1 not a draft).\n"
    );
    assert_eq!(run.stderr, "");
    assert_eq!(run.status, 0);

    // Named on its own, a file that is not a draft is not checked: one error says why and how
    // to check it anyway, nothing on stdout.
    let run = run_in(dir.path(), &["check", "docs/README.md"]);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: docs/README.md: not a draft, so it was not checked: a draft has an organ line \
         (`*The General Assembly*,`), a name matching the draft globs (*.res.md), or the comment \
         `<!-- resolution-ls: enable -->`; to check it anyway, add --draft always\n"
    );
    assert_eq!(run.status, 2);
    let run = run_in(
        dir.path(),
        &["check", "--draft", "always", "docs/README.md"],
    );
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout
            .contains("docs/README.md:5:1: warning[opener-not-italic]"),
        "checked as a draft: {}",
        run.stdout
    );

    // A directory named on the command line with no draft in it is a usage problem: one line
    // naming it, exit 2, and the other paths still checked.
    let only = workspace(&[
        ("notes/README.md", "README.md"),
        ("a.md", "footnote-undefined.md"),
    ]);
    let run = run_in(only.path(), &["check", "notes", "a.md"]);
    assert_eq!(run.status, 2);
    let errors = run.stderr_lines();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].starts_with("error: notes: none of its Markdown files is a draft"));
    assert!(errors[0].ends_with("to check it anyway, add --draft always"));
    assert!(run.stdout.starts_with("a.md:5:26: "), "{}", run.stdout);
    // The summary counts what was checked: not the folder's non-draft.
    assert!(run.stdout.contains(") in 1 file;"), "{}", run.stdout);
    // A folder with only a non-draft: one message, one exit status.
    let run = run_in(only.path(), &["check", "notes"]);
    assert_eq!((run.status, run.stdout.as_str()), (2, ""));
    assert_eq!(run.stderr_lines().len(), 1, "{}", run.stderr);
}

#[test]
fn draft_option_forces_drafts_on_or_off() {
    let dir = workspace(&[("a.md", "footnote-undefined.md")]);
    let run = run_in(dir.path(), &["check", "--draft", "never", "a.md"]);
    assert_eq!(run.status, 0);
    assert_eq!(
        run.stdout,
        "No problems found in 1 file (it is not a draft).\n"
    );
}

// ---------------------------------------------------------------------------------------------
// --fix

fn old_mtime(path: &Path) -> SystemTime {
    let when = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn fix_rewrites_only_the_files_that_have_fixes() {
    let dir = workspace(&[
        ("a.md", "footnote-undefined.md"),
        ("b.md", "opener-not-italic.md"),
        ("clean.md", "clean.md"),
        ("README.md", "README.md"),
    ]);
    let clean_time = old_mtime(&dir.path().join("clean.md"));
    let readme_time = old_mtime(&dir.path().join("README.md"));

    let run = run_in(dir.path(), &["check", "--fix", "."]);
    assert_eq!(run.stderr, "");
    // The undefined footnote's placeholder definition is an unsafe fix: `--fix` leaves it.
    assert_eq!(
        run.stdout,
        "./a.md:5:26: error[footnote-undefined]: footnote 2 is referenced but never defined\n\
         Applied 1 fix in 1 file (opener-not-italic 1).\n\
         Found 1 problem (1 error) in 1 file; 1 more fixable with --unsafe-fixes.\n"
    );
    assert_eq!(run.status, 1, "the undefined footnote is left");

    let b = fs::read_to_string(dir.path().join("b.md")).unwrap();
    assert_eq!(
        b,
        fixture("opener-not-italic.md").replace("1. Decides to act;", "1. *Decides* to act;")
    );
    let original = fixture("footnote-undefined.md");
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        original
    );
    let run = run_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "a.md"]);
    assert_eq!(
        run.stdout,
        "Applied 1 fix in 1 file (footnote-undefined 1).\nNo problems found in 1 file.\n"
    );
    let a = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(
        a.starts_with(original.trim_end()),
        "only an insertion at the end:\n{a}"
    );
    assert!(
        a[original.trim_end().len()..].contains("\n<sup>2</sup> "),
        "a definition stub for footnote 2:\n{a}"
    );

    for (name, time) in [("clean.md", clean_time), ("README.md", readme_time)] {
        let path = dir.path().join(name);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            fixture(name),
            "{name} kept its bytes"
        );
        assert_eq!(
            fs::metadata(&path).unwrap().modified().unwrap(),
            time,
            "{name} not rewritten"
        );
    }
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 4, "no temporary file is left: {names:?}");

    // Run again: nothing to fix, nothing rewritten.
    let b_time = old_mtime(&dir.path().join("b.md"));
    let run = run_in(dir.path(), &["check", "--fix", "b.md"]);
    assert_eq!(run.stdout, "No problems found in 1 file.\n");
    assert_eq!(
        fs::metadata(dir.path().join("b.md"))
            .unwrap()
            .modified()
            .unwrap(),
        b_time
    );
}

#[test]
fn fix_reports_what_is_left() {
    let dir = workspace(&[
        ("dup.md", "footnote-duplicate.md"),
        ("b.md", "opener-not-italic.md"),
    ]);
    let run = run_in(dir.path(), &["check", "--fix", "b.md", "dup.md"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[0].starts_with("dup.md:13:1: error[footnote-duplicate]: "),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "Applied 1 fix in 1 file (opener-not-italic 1).");
    assert_eq!(lines[2], "Found 1 problem (1 error) in 1 file.");
    assert_eq!(run.status, 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("dup.md")).unwrap(),
        fixture("footnote-duplicate.md")
    );

    // In JSON, the fix count goes to stderr and stdout holds only the array.
    let dir = workspace(&[("b.md", "opener-not-italic.md")]);
    let run = run_in(dir.path(), &["check", "--fix", "--format", "json", "b.md"]);
    assert_eq!(run.json(), serde_json::json!([]));
    assert_eq!(
        run.stderr,
        "Applied 1 fix in 1 file (opener-not-italic 1).\n"
    );
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace(&[("b.md", "opener-not-italic.md")]);
    let path = dir.path().join("b.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let run = run_in(dir.path(), &["check", "--fix", "b.md"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(fs::read_to_string(&path).unwrap().contains("*Decides*"));
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = workspace(&[
        ("b.md", "opener-not-italic.md"),
        ("a.md", "footnote-undefined.md"),
    ]);
    let time = old_mtime(&dir.path().join("b.md"));
    let run = run_in(dir.path(), &["check", "--diff", "a.md", "b.md"]);
    // Only b.md has a safe fix; a.md's placeholder definition waits for --unsafe-fixes.
    assert_eq!(
        run.stdout,
        "--- a/b.md\n+++ b/b.md\n@@ -2,6 +2,6 @@\n \n *Recalling* its resolution 60/288,\n \n\
         -1. Decides to act;\n+1. *Decides* to act;\n \n 2. *Requests* the Secretary-General to \
         report.\n"
    );
    assert_eq!(
        run.stderr,
        "Would apply 1 fix in 1 file (opener-not-italic 1).\nFound 2 problems (1 error, 1 warning) \
         in 2 files; 1 more fixable with --unsafe-fixes.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b.md")).unwrap(),
        fixture("opener-not-italic.md")
    );
    assert_eq!(
        fs::metadata(dir.path().join("b.md"))
            .unwrap()
            .modified()
            .unwrap(),
        time
    );
    // With --unsafe-fixes the placeholder shows too, still unwritten.
    let run = run_in(dir.path(), &["check", "--diff", "--unsafe-fixes", "a.md"]);
    assert!(
        run.stdout
            .contains("+<sup>2</sup> TODO: text of footnote 2.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        fixture("footnote-undefined.md")
    );
}

#[test]
fn json_says_whether_each_fix_is_safe() {
    let dir = workspace(&[
        ("a.md", "footnote-undefined.md"),
        ("b.md", "opener-not-italic.md"),
    ]);
    let run = run_in(dir.path(), &["check", "--format", "json", "a.md", "b.md"]);
    let applicability: Vec<(String, String)> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["fix"]["applicability"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        applicability,
        [
            ("footnote-undefined".to_owned(), "unsafe".to_owned()),
            ("opener-not-italic".to_owned(), "safe".to_owned())
        ]
    );
}

#[cfg(unix)]
#[test]
fn fix_follows_a_symbolic_link() {
    let dir = workspace(&[("real/b.md", "opener-not-italic.md")]);
    std::os::unix::fs::symlink("real/b.md", dir.path().join("link.md")).unwrap();
    let run = run_in(dir.path(), &["check", "--fix", "link.md"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(fs::symlink_metadata(dir.path().join("link.md"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(dir.path().join("real/b.md"))
        .unwrap()
        .contains("*Decides*"));
}

#[test]
fn fix_refuses_a_read_only_file_and_leaves_it_untouched() {
    let dir = workspace(&[
        ("b.md", "opener-not-italic.md"),
        ("a.md", "opener-not-italic.md"),
    ]);
    let path = dir.path().join("b.md");
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    let time = old_mtime_readonly(&path);

    let run = run_in(dir.path(), &["check", "--fix", "a.md", "b.md"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: b.md: the file is read-only; make it writable to apply fixes\n"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        fixture("opener-not-italic.md")
    );
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), time);
    // The file's problem is still reported, on its unchanged text; the other file was fixed.
    assert_eq!(
        run.stdout,
        format!(
            "{NOT_ITALIC_LINE}\nApplied 1 fix in 1 file (opener-not-italic 1).\n\
             Found 1 problem (1 warning) in 1 file.\n"
        )
    );
    assert!(fs::read_to_string(dir.path().join("a.md"))
        .unwrap()
        .contains("1. *Decides* to act;"));
}

/// Unprivileged uid and gid (`nobody`/`nogroup` on Debian) for the read-only folder test.
#[cfg(unix)]
const NOBODY: u32 = 65534;

/// A command that runs the binary at `bin` as `nobody`, for tests run as root (root writes
/// anywhere, so a read-only folder would prove nothing): setpriv (util-linux) or runuser.
#[cfg(unix)]
fn as_nobody(bin: &Path) -> Option<Command> {
    let find = |name: &str| {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .chain([PathBuf::from("/usr/bin"), PathBuf::from("/usr/sbin")])
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    };
    if let Some(setpriv) = find("setpriv") {
        let mut command = Command::new(setpriv);
        command
            .arg(format!("--reuid={NOBODY}"))
            .arg(format!("--regid={NOBODY}"))
            .arg("--clear-groups")
            .arg(bin);
        return Some(command);
    }
    let runuser = find("runuser")?;
    let mut command = Command::new(runuser);
    command.args(["-u", "nobody", "--"]).arg(bin);
    Some(command)
}

#[cfg(unix)]
#[test]
fn fix_in_a_read_only_folder_leaves_the_file_untouched() {
    use std::os::unix::fs::{chown, MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("drafts");
    write(&folder, "b.md", &fixture("opener-not-italic.md"));
    let path = folder.join("b.md");
    let is_root = fs::metadata(&path).unwrap().uid() == 0;
    let mut command = if is_root {
        // A copy of the binary beside the folder, so that `nobody` can run it wherever the
        // build tree is; `nobody` owns the folder and the file, as a drafter owns theirs.
        let bin = dir.path().join("resolution-ls");
        fs::copy(BIN, &bin).unwrap();
        let Some(command) = as_nobody(&bin) else {
            eprintln!("skipped: running as root and neither setpriv nor runuser is installed to run the check as an unprivileged user");
            return;
        };
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        chown(&folder, Some(NOBODY), Some(NOBODY)).unwrap();
        chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        command
    } else {
        Command::new(BIN)
    };
    // The file itself is writable: only the folder is not, so the temporary file cannot be made.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let before = fs::metadata(&path).unwrap();
    let names = |folder: &Path| {
        let mut names: Vec<_> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };

    let output = command
        .args(["check", "--fix", "--color", "never", "b.md"])
        .current_dir(&folder)
        .output()
        .expect("the binary runs");
    // Writable again, so that the temporary directory can be removed.
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert_eq!(
        stderr,
        "error: b.md: its folder is not writable, so the fixed text cannot be written beside it; \
         make the folder writable to apply fixes (the file is unchanged)\n"
    );
    // The problem is still reported, on the unchanged text.
    assert_eq!(
        stdout,
        format!("{NOT_ITALIC_LINE}\nFound 1 problem (1 warning) in 1 file.\n")
    );
    let after = fs::metadata(&path).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        fixture("opener-not-italic.md")
    );
    assert_eq!(after.mode(), before.mode());
    assert_eq!(after.uid(), before.uid());
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());
    assert_eq!(names(&folder), ["b.md"], "no temporary file is left behind");
}

/// `check --fix b.md` in `folder`, run as `nobody` when the tests run as root; `None` (skipped)
/// when not root, or when no tool can drop to `nobody`.
#[cfg(unix)]
fn fix_as_nobody(dir: &Path, folder: &Path) -> Option<std::process::Output> {
    use std::os::unix::fs::PermissionsExt;
    if fs::metadata(dir)
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m))
        .ok()
        != Some(0)
    {
        eprintln!("skipped: needs to run as root, to make files of two users");
        return None;
    }
    let bin = dir.join("resolution-ls");
    fs::copy(BIN, &bin).unwrap();
    let Some(mut command) = as_nobody(&bin) else {
        eprintln!(
            "skipped: neither setpriv nor runuser is installed to run as an unprivileged user"
        );
        return None;
    };
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    Some(
        command
            .args(["check", "--fix", "--color", "never", "b.md"])
            .current_dir(folder)
            .output()
            .expect("the binary runs"),
    )
}

#[cfg(unix)]
#[test]
fn fix_refuses_a_file_of_another_user_though_its_folder_lets_anyone_replace_it() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    write(&folder, "b.md", &fixture("opener-not-italic.md"));
    let path = folder.join("b.md");
    // Root's file, 0644, in a folder anyone may write (no sticky bit): renaming over it would
    // replace it and make it nobody's.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o777)).unwrap();
    let before = fs::metadata(&path).unwrap();
    let Some(output) = fix_as_nobody(dir.path(), &folder) else {
        return;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "error: b.md: you may not write this file (it belongs to another user); it is unchanged\n"
    );
    let after = fs::metadata(&path).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        fixture("opener-not-italic.md")
    );
    assert_eq!(
        (after.ino(), after.uid(), after.gid()),
        (before.ino(), 0, 0)
    );
}

#[cfg(unix)]
#[test]
fn fix_of_a_group_writable_file_of_another_user_keeps_its_owner() {
    use std::os::unix::fs::{chown, MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    write(&folder, "b.md", &fixture("opener-not-italic.md"));
    let path = folder.join("b.md");
    // Root's file, writable by nobody's group: nobody may write it but cannot give a new file
    // root as owner, so it is written in place.
    chown(&path, None, Some(NOBODY)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    chown(&folder, Some(NOBODY), Some(NOBODY)).unwrap();
    let before = fs::metadata(&path).unwrap();
    if before.uid() != 0 {
        eprintln!("skipped: needs to run as root");
        return;
    }
    let Some(output) = fix_as_nobody(dir.path(), &folder) else {
        return;
    };
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let after = fs::metadata(&path).unwrap();
    assert!(fs::read_to_string(&path)
        .unwrap()
        .contains("1. *Decides* to act;"));
    assert_eq!(
        (after.ino(), after.uid(), after.gid(), after.mode()),
        (before.ino(), 0, NOBODY, before.mode())
    );
}

#[cfg(unix)]
#[test]
fn fix_run_by_root_keeps_the_owner_and_group_of_a_users_file() {
    use std::os::unix::fs::{chown, MetadataExt, PermissionsExt};
    let dir = workspace(&[("b.md", "opener-not-italic.md")]);
    let path = dir.path().join("b.md");
    if chown(&path, Some(NOBODY), Some(NOBODY)).is_err() {
        eprintln!("skipped: needs to run as root, to give the file to another user");
        return;
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    let run = run_in(dir.path(), &["check", "--fix", "b.md"]);
    assert_eq!(run.status, 0, "{run:?}");
    let after = fs::metadata(&path).unwrap();
    assert!(fs::read_to_string(&path)
        .unwrap()
        .contains("1. *Decides* to act;"));
    assert_eq!(
        (after.uid(), after.gid(), after.mode() & 0o777),
        (NOBODY, NOBODY, 0o664),
        "the file stays the user's, not root's"
    );
}

#[cfg(unix)]
#[test]
fn fix_keeps_hard_links_to_the_file() {
    use std::os::unix::fs::MetadataExt;
    let dir = workspace(&[("b.md", "opener-not-italic.md")]);
    let path = dir.path().join("b.md");
    let link = dir.path().join("also-b.txt");
    fs::hard_link(&path, &link).unwrap();
    let run = run_in(dir.path(), &["check", "--fix", "b.md"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(fs::read_to_string(&link)
        .unwrap()
        .contains("1. *Decides* to act;"));
    let (a, b) = (fs::metadata(&path).unwrap(), fs::metadata(&link).unwrap());
    assert_eq!(
        (a.ino(), a.nlink()),
        (b.ino(), 2),
        "one file, still linked twice"
    );
}

fn old_mtime_readonly(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn fix_keeps_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(fixture("opener-not-italic.md").as_bytes());
    fs::write(dir.path().join("b.md"), &bytes).unwrap();
    let run = run_in(dir.path(), &["check", "b.md"]);
    assert!(run.stdout.starts_with("b.md:5:4: "), "{}", run.stdout);
    run_in(dir.path(), &["check", "--fix", "b.md"]);
    let fixed = fs::read(dir.path().join("b.md")).unwrap();
    assert!(fixed.starts_with(b"\xEF\xBB\xBF*The General Assembly*"));
    assert!(String::from_utf8(fixed)
        .unwrap()
        .contains("1. *Decides* to act;"));
}

// ---------------------------------------------------------------------------------------------
// Configuration

#[test]
fn a_configuration_error_is_reported_with_its_line_and_defaults_apply() {
    let dir = workspace(&[("drafts/b.md", "opener-not-italic.md")]);
    write(
        dir.path(),
        "resolution-ls.toml",
        "# project settings\n[rules]\nopener-not-italic = \"loud\"\n",
    );
    let run = run_in(dir.path(), &["check", "drafts"]);
    let warnings = run.stderr_lines();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("warning: resolution-ls.toml:3: "),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("loud"), "{}", warnings[0]);
    assert!(
        run.stdout
            .starts_with("drafts/b.md:5:4: warning[opener-not-italic]"),
        "the default severity applies: {}",
        run.stdout
    );
    assert_eq!(run.status, 0);
}

#[test]
fn the_nearest_configuration_file_applies() {
    let dir = workspace(&[
        ("drafts/sub/b.md", "opener-not-italic.md"),
        ("other/b.md", "opener-not-italic.md"),
    ]);
    write(
        dir.path(),
        "drafts/resolution-ls.toml",
        "[rules]\nopener-not-italic = \"error\"\n",
    );
    let run = run_in(dir.path(), &["check", "drafts", "other"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("drafts/sub/b.md:5:4: error[opener-not-italic]"),
        "{}",
        run.stdout
    );
    assert!(
        lines[1].starts_with("other/b.md:5:4: warning[opener-not-italic]"),
        "{}",
        run.stdout
    );
    assert_eq!(run.status, 1);

    // Found from a subdirectory too, looking upwards past the working directory.
    let run = run_in(&dir.path().join("drafts/sub"), &["check", "b.md"]);
    assert!(
        run.stdout.starts_with("b.md:5:4: error[opener-not-italic]"),
        "{}",
        run.stdout
    );
}

#[test]
fn config_option_replaces_discovery() {
    let dir = workspace(&[("b.md", "opener-not-italic.md")]);
    write(
        dir.path(),
        "resolution-ls.toml",
        "[rules]\nopener-not-italic = \"error\"\n",
    );
    write(
        dir.path(),
        "quiet.toml",
        "[rules]\nopener-not-italic = \"off\"\n",
    );
    let run = run_in(dir.path(), &["check", "--config", "quiet.toml", "b.md"]);
    assert_eq!(run.stdout, "No problems found in 1 file.\n");
    assert_eq!(run.status, 0);

    let run = run_in(dir.path(), &["check", "--config", "missing.toml", "b.md"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.starts_with("error: missing.toml: no such file"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn language_option_overrides_the_organ_line() {
    let dir = workspace(&[("b.md", "opener-not-italic.md")]);
    // English knows the openers `Recalling` and `Requests`; the French phrase list does not.
    let english = run_in(dir.path(), &["check", "--language", "en", "b.md"]);
    assert!(english
        .stdout
        .contains("opener “Decides” is not in italics"));
    assert!(
        !english.stdout.contains("opener-unknown"),
        "{}",
        english.stdout
    );
    let auto = run_in(dir.path(), &["check", "--language", "auto", "b.md"]);
    assert_eq!(auto.stdout, english.stdout);
    let french = run_in(dir.path(), &["check", "--language", "fr", "b.md"]);
    assert!(
        french.stdout.contains("b.md:3:1: hint[opener-unknown]: "),
        "{}",
        french.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// rules, help, the language server

#[test]
fn rules_lists_every_rule_with_its_level_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["rules"]);
    assert_eq!(run.status, 0);
    let lines: Vec<&str> = run.stdout.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), RULES.len());
    assert!(run
        .stdout
        .ends_with("\n\nHow a draft with a mistake is read, and which fixes --fix makes (safe) or only --unsafe-fixes does: resolution-ls rules guide\n"));
    let guide = run_in(dir.path(), &["rules", "guide"]);
    assert!(
        guide.stdout.starts_with("## One mistake, one diagnostic\n"),
        "{}",
        guide.stdout
    );
    assert!(guide.stdout.contains("--unsafe-fixes"));
    for (line, rule) in lines.iter().zip(RULES) {
        let mut parts = line.split_whitespace();
        assert_eq!(parts.next(), Some(rule.id), "{line}");
        assert_eq!(parts.next(), Some(rule.default_level.as_str()), "{line}");
        assert!(line.trim_end().ends_with(rule.summary), "{line}");
    }
    assert!(!RULES.is_empty(), "the rule table is filled in");
    assert!(RULES.iter().any(|r| r.id == "footnote-undefined"));
}

#[test]
fn rules_explains_one_rule() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["rules", "footnote-undefined"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stdout
            .starts_with("footnote-undefined (default: error)\n\n"),
        "{}",
        run.stdout
    );
    let rule = RULES.iter().find(|r| r.id == "footnote-undefined").unwrap();
    let docs = rule.docs().trim();
    assert!(!docs.is_empty(), "the rule has documentation");
    // Its header once (the docs' own `## footnote-undefined (error)` left out), and piped, plain
    // text: no Markdown emphasis markers around the labels, no styles.
    assert_eq!(
        run.stdout.matches("footnote-undefined (").count(),
        1,
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("**") && !run.stdout.contains('\x1b'),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\nWhy it matters: "), "{}", run.stdout);
    let first_paragraph = docs
        .lines()
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap();
    assert!(run.stdout.contains(first_paragraph));
    // On a terminal (forced here), the labels are bold.
    let styled = run_in(
        dir.path(),
        &["--color", "always", "rules", "footnote-undefined"],
    );
    assert!(
        styled.stdout.contains("\x1b[1mWhy it matters:\x1b[0m"),
        "{}",
        styled.stdout
    );
    let explain = run_in(dir.path(), &["rules", "--explain", "footnote-undefined"]);
    assert_eq!(explain.stdout, run.stdout);
    let explain = run_in(dir.path(), &["--explain", "footnote-undefined"]);
    assert_eq!(explain.stdout, run.stdout);

    let unknown = run_in(dir.path(), &["rules", "no-such-rule"]);
    assert_eq!(unknown.status, 2);
    assert_eq!(unknown.stdout, "");
    assert!(unknown
        .stderr
        .starts_with("error: unknown rule `no-such-rule`"));
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let help = run_in(dir.path(), &["--help"]);
    assert_eq!(help.status, 0);
    assert!(help.stdout.contains("language server"), "{}", help.stdout);
    assert!(help.stdout.contains("--stdio"));
    assert!(help.stdout.contains("check"));
    let check_help = run_in(dir.path(), &["check", "--help"]);
    for option in [
        "--format",
        "--fix",
        "--deny",
        "--config",
        "--language",
        "--draft",
        "--color",
    ] {
        assert!(check_help.stdout.contains(option), "{option}");
    }
    let version = run_in(dir.path(), &["--version"]);
    assert_eq!(
        version.stdout,
        format!("resolution-ls {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_language_server_ends_quietly_when_its_input_closes() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&[][..], &["--stdio"]] {
        let output = Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        // No `shutdown` came before the end of input: exit status 1, as LSP says for `exit`.
        assert_eq!(output.status.code(), Some(1));
        assert!(output.stdout.is_empty(), "stdout belongs to the protocol");
    }
}

// ---------------------------------------------------------------------------------------------
// The bundled example

#[test]
fn the_bundled_example_shows_its_planted_mistakes() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/draft.res.md");
    let dir = tempfile::tempdir().unwrap();
    fs::copy(&example, dir.path().join("draft.res.md")).unwrap();
    let run = run_in(dir.path(), &["check", "--format", "json", "draft.res.md"]);
    let found: Vec<(String, u64)> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = [
        ("opener-not-italic", 9),
        ("preamble-punctuation", 11),
        ("operative-numbering", 19),
        ("footnote-undefined", 19),
        ("ibid-style", 29),
    ]
    .iter()
    .map(|(c, l)| (c.to_string(), *l))
    .collect();
    assert_eq!(found, expected);
    assert_eq!(run.status, 1);

    // Every planted mistake has a fix; --fix makes the four safe ones and leaves the placeholder
    // definition of footnote 5 to --unsafe-fixes.
    let run = run_in(dir.path(), &["check", "--fix", "draft.res.md"]);
    assert_eq!(
        run.stdout,
        "draft.res.md:19:147: error[footnote-undefined]: footnote 5 is referenced but never \
         defined\nApplied 4 fixes in 1 file (opener-not-italic 1, preamble-punctuation 1, \
         operative-numbering 1, ibid-style 1).\nFound 1 problem (1 error) in 1 file; 1 more \
         fixable with --unsafe-fixes.\n"
    );
    assert_eq!(run.status, 1);
}

// ---------------------------------------------------------------------------------------------
// Drafts in the six languages

#[test]
fn drafts_in_six_languages_are_clean_and_a_planted_mistake_is_reported_in_its_script() {
    let languages = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/drafts");
    let dir = tempfile::tempdir().unwrap();
    for code in ["fr", "es", "ru", "ar", "zh"] {
        let text = fs::read_to_string(languages.join(format!("languages/{code}.md"))).unwrap();
        write(dir.path(), &format!("{code}.md"), &text);
    }
    let reference = fs::read_to_string(languages.join("ccpcj-21-3.md")).unwrap();
    // The reference draft's two roman Ibid.s made italic: clean in English too.
    write(
        dir.path(),
        "en.md",
        &reference
            .replace("<sup>12</sup> Ibid.", "<sup>12</sup> *Ibid.*")
            .replace("<sup>13</sup> Ibid.", "<sup>13</sup> *Ibid.*"),
    );
    let run = run_in(dir.path(), &["check", "."]);
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(run.stdout, "No problems found in 6 files.\n");

    // A Latin semicolon in the Chinese draft: the column counts characters.
    let zh = fs::read_to_string(dir.path().join("zh.md")).unwrap();
    write(
        dir.path(),
        "zh.md",
        &zh.replacen("管理方面的合作；", "管理方面的合作;", 1),
    );
    let run = run_in(dir.path(), &["check", "--deny", "warnings", "zh.md"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout.starts_with("zh.md:31:23: warning[operative-punctuation]: operative paragraph ends with “;” instead of a semicolon (“；”)\n"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn bare_resolution_ls_in_a_terminal_says_what_it_waits_for() {
    use std::io::BufRead;
    // `script` gives the binary a terminal for stdin, as a user typing its name has.
    let Ok(mut child) = Command::new("script")
        .args(["-qfec", BIN, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    };
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        line.trim_end(),
        "resolution-ls: waiting for an LSP client on stdin (an editor starts it); to check files, \
         run `resolution-ls check PATH`; `resolution-ls --help` for more"
    );
}
