//! What a release installs beside the binary: `resolution-ls completions SHELL`, `resolution-ls
//! man-pages DIR`, and the archive `scripts/dist` writes (run here with `--binary`, the debug
//! build, and `--no-vsix`; editors/vscode/test.sh tests the .vsix).

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lsp_client::{uri, Client, Options};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_resolution-ls");
const VERSION: &str = env!("CARGO_PKG_VERSION");
const REFERENCE: &str = include_str!("fixtures/drafts/ccpcj-21-3.md");

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(binary: &Path, args: &[&str]) -> Output {
    Command::new(binary)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn completions(shell: &str) -> String {
    let output = run(BIN.as_ref(), &["completions", shell]);
    assert!(output.status.success(), "{shell}: {output:?}");
    assert_eq!(text(&output.stderr), "", "{shell}");
    text(&output.stdout)
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                out.insert(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn completions_for_every_shell_name_the_subcommands_and_their_options() {
    let headers = [
        ("bash", "complete -F _resolution__ls"),
        ("zsh", "#compdef resolution-ls"),
        ("fish", "complete -c resolution-ls"),
        ("elvish", "edit:completion:arg-completer[resolution-ls]"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'resolution-ls'",
        ),
    ];
    for (shell, header) in headers {
        let script = completions(shell);
        assert!(script.contains(header), "{shell} script registers itself");
        for word in [
            "check",
            "rules",
            "completions",
            "man-pages",
            "import",
            "export",
        ] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
        // The values of --format (elvish's and PowerShell's scripts complete no values).
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(script.contains("sarif"), "{shell} completion lacks sarif");
        }
        for option in ["fix", "format", "unsafe-fixes"] {
            let spelled = match shell {
                // fish names long options with -l, each under the subcommand that takes it.
                "fish" => format!("__fish_resolution_ls_using_subcommand check\" -l {option} "),
                _ => format!("--{option}"),
            };
            assert!(
                script.contains(&spelled),
                "{shell} completion lacks {spelled}"
            );
        }
    }
}

/// Completes `words` (the last one being typed) with the bash script, as bash does on TAB.
fn bash_complete(script: &Path, words: &[&str]) -> Vec<String> {
    let current = words.len() - 1;
    let program = format!(
        r#"source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD={current}; _resolution__ls resolution-ls "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"; printf '%s\n' "${{COMPREPLY[@]}}""#
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(program)
        .arg("bash")
        .arg(script)
        .args(words)
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    text(&output.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_subcommands_their_options_and_values() {
    let dir = TempDir::new().unwrap();
    let script = dir.path().join("resolution-ls.bash");
    fs::write(&script, completions("bash")).unwrap();
    let subcommands = bash_complete(&script, &["resolution-ls", ""]);
    for sub in [
        "check",
        "rules",
        "completions",
        "man-pages",
        "import",
        "export",
        "--stdio",
    ] {
        assert!(
            subcommands.iter().any(|w| w == sub),
            "{sub} in {subcommands:?}"
        );
    }
    // A subcommand's own options: what clap-rs/clap#6421 broke for a hyphenated name.
    assert_eq!(
        bash_complete(&script, &["resolution-ls", "check", "--f"]),
        ["--format", "--fix"]
    );
    assert_eq!(
        bash_complete(&script, &["resolution-ls", "check", "--format", ""]),
        ["human", "json", "sarif"]
    );
    assert_eq!(
        bash_complete(&script, &["resolution-ls", "completions", "f"]),
        ["fish"]
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error_naming_the_shells() {
    let output = run(BIN.as_ref(), &["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("invalid value 'tcsh'"), "{stderr}");
    assert!(
        stderr.contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{stderr}"
    );
}

#[test]
fn man_pages_cover_the_command_and_each_subcommand() {
    let dir = TempDir::new().unwrap();
    let man1 = dir.path().join("share/man/man1");
    let output = run(BIN.as_ref(), &["man-pages", man1.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        files_under(&man1),
        [
            "resolution-ls-check.1",
            "resolution-ls-completions.1",
            "resolution-ls-export.1",
            "resolution-ls-import.1",
            "resolution-ls-man-pages.1",
            "resolution-ls-rules.1",
            "resolution-ls.1",
        ]
        .map(String::from)
        .into()
    );
    let main = fs::read_to_string(man1.join("resolution-ls.1")).unwrap();
    assert!(
        main.contains(&format!(".TH resolution-ls 1  \"resolution-ls {VERSION}\"")),
        "{main}"
    );
    assert!(main.contains(".SH NAME\nresolution\\-ls \\- A language server and checker"));
    for section in [
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
    ] {
        assert!(main.contains(section), "{section} in:\n{main}");
    }
    for sub in ["check", "rules", "completions", "man\\-pages"] {
        assert!(
            main.contains(&format!("resolution\\-ls\\-{sub}(1)")),
            "{sub} listed"
        );
    }
    assert!(main.contains("\\fB\\-\\-stdio\\fR"));
    let check = fs::read_to_string(man1.join("resolution-ls-check.1")).unwrap();
    assert!(check.contains(".TH resolution-ls-check 1"), "{check}");
    assert!(check
        .contains(".SH NAME\nresolution\\-ls\\-check \\- Check drafts and print their problems"));
    for option in [
        "\\fB\\-\\-fix\\fR",
        "\\fB\\-\\-format\\fR",
        "\\fB\\-\\-unsafe\\-fixes\\fR",
    ] {
        assert!(check.contains(option), "{option} in:\n{check}");
    }
    // The text after --help's options (exit statuses) is in the page too.
    assert!(check.contains("Exit status: 0 when no error was found"));
}

#[test]
fn man_pages_into_a_path_that_cannot_be_a_folder_is_an_error() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, "").unwrap();
    let target = file.join("man1");
    let output = run(BIN.as_ref(), &["man-pages", target.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: could not write the man pages to {} (",
            target.display()
        )),
        "{stderr}"
    );
}

/// The first of `candidates` that exists.
fn found(candidates: &[&'static str]) -> &'static str {
    candidates
        .iter()
        .copied()
        .find(|p| Path::new(p).exists())
        .unwrap_or_else(|| panic!("none of {candidates:?}"))
}

fn dist(args: &[&str], path: Option<&str>) -> Output {
    // By its full path: a PATH given to the script is the one the program is looked up on.
    let mut command = Command::new(found(&["/bin/bash", "/usr/bin/bash"]));
    command.arg(repository().join("scripts/dist")).args(args);
    if let Some(path) = path {
        command.env("PATH", path);
    }
    command.output().expect("bash runs scripts/dist")
}

#[test]
fn the_release_archive_holds_the_binary_docs_completions_and_man_pages() {
    let out = TempDir::new().unwrap();
    let output = dist(
        &[
            "--binary",
            BIN,
            "--no-vsix",
            "--out",
            out.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(output.status.success(), "{output:?}");
    let made: Vec<String> = files_under(out.path()).into_iter().collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let archive = &made[0];
    let name = archive.strip_suffix(".tar.gz").expect("a .tar.gz");
    let triple = name
        .strip_prefix(&format!("resolution-ls-{VERSION}-"))
        .expect("named after the version and the target");
    assert!(
        triple.contains("-linux-") || triple.contains("-apple-") || triple.contains("-windows-"),
        "{triple}"
    );
    assert_eq!(
        text(&output.stdout),
        format!("archive: {}\n", out.path().join(archive).display())
    );

    let extracted = TempDir::new().unwrap();
    let tar = Command::new("tar")
        .arg("-C")
        .arg(extracted.path())
        .arg("-xzf")
        .arg(out.path().join(archive))
        .output()
        .unwrap();
    assert!(tar.status.success(), "{tar:?}");
    let top = extracted.path().join(name);
    assert_eq!(
        files_under(&top),
        [
            "LICENSE",
            "README.md",
            "bin/resolution-ls",
            "share/bash-completion/completions/resolution-ls",
            "share/doc/resolution-ls/configuration.md",
            "share/doc/resolution-ls/rules.md",
            "share/fish/vendor_completions.d/resolution-ls.fish",
            "share/man/man1/resolution-ls-check.1",
            "share/man/man1/resolution-ls-completions.1",
            "share/man/man1/resolution-ls-export.1",
            "share/man/man1/resolution-ls-import.1",
            "share/man/man1/resolution-ls-man-pages.1",
            "share/man/man1/resolution-ls-rules.1",
            "share/man/man1/resolution-ls.1",
            "share/zsh/site-functions/_resolution-ls",
        ]
        .map(String::from)
        .into()
    );
    let packed = top.join("bin/resolution-ls");
    let version = run(&packed, &["--version"]);
    assert_eq!(text(&version.stdout), format!("resolution-ls {VERSION}\n"));
    assert_eq!(
        fs::read_to_string(top.join("share/bash-completion/completions/resolution-ls")).unwrap(),
        completions("bash")
    );
    assert_eq!(
        fs::read_to_string(top.join("share/zsh/site-functions/_resolution-ls")).unwrap(),
        completions("zsh")
    );
    assert_eq!(
        fs::read(top.join("share/doc/resolution-ls/rules.md")).unwrap(),
        fs::read(repository().join("docs/rules.md")).unwrap()
    );

    // The extracted binary links each diagnostic to the rules.md of its own archive, at the
    // rule's section: the link leads somewhere real on a machine with no repository.
    let mut client = Client::start_binary(&packed, Options::default());
    let draft = uri("ccpcj-21-3.md");
    client.open(&draft, REFERENCE);
    let published = client.published_diagnostics(&draft);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2, "{published}");
    let rules_md = fs::canonicalize(top.join("share/doc/resolution-ls/rules.md")).unwrap();
    for diagnostic in diagnostics {
        assert_eq!(diagnostic["code"], "ibid-style");
        let href = diagnostic["codeDescription"]["href"].as_str().unwrap();
        assert_eq!(href, format!("file://{}#ibid-style", rules_md.display()));
    }
    let docs = fs::read_to_string(&rules_md).unwrap();
    assert!(
        docs.contains("<a id=\"ibid-style\"></a>"),
        "the anchor exists"
    );
    assert_eq!(client.shutdown_and_exit(), Some(0));
}

#[cfg(unix)]
#[test]
fn without_node_the_vsix_is_refused_at_once_naming_what_to_install() {
    // A PATH with no node or npm: the script stops before building or writing anything.
    let tools = TempDir::new().unwrap();
    let dirname = found(&["/usr/bin/dirname", "/bin/dirname"]);
    std::os::unix::fs::symlink(dirname, tools.path().join("dirname")).unwrap();
    let out = TempDir::new().unwrap();
    let output = dist(
        &["--binary", BIN, "--out", out.path().to_str().unwrap()],
        Some(tools.path().to_str().unwrap()),
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(
        text(&output.stderr),
        "error: the .vsix needs Node 20 or newer and npm (on Debian: apt-get install nodejs \
         npm); or run with --no-vsix for the archive only\n"
    );
    assert!(files_under(out.path()).is_empty());
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let output = dist(&["--tarball"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("Usage: scripts/dist [--out DIR]"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: unknown argument `--tarball`\n"),
        "{stderr}"
    );

    let output = dist(&["--no-vsix", "--no-archive"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: --no-vsix and --no-archive leave nothing to build\n"
    );
}
