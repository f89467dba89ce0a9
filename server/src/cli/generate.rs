//! What a package installs beside the binary: shell completion scripts (`resolution-ls
//! completions SHELL`) and man pages (`resolution-ls man-pages DIR`); `scripts/dist` puts both in
//! the release archive, and someone who ran `cargo install` can write them where their shell and
//! `man` look. Both are generated from the parser's own clap command, so they name exactly the
//! subcommands and options the binary accepts.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::style::report_error;

pub use clap_complete::Shell;

/// The name the scripts complete, whatever the binary file is called.
const BIN_NAME: &str = "resolution-ls";

pub fn print_completions(mut command: clap::Command, shell: Shell) -> ExitCode {
    // Generated into memory first: clap_complete panics on a failed write (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN_NAME, &mut script);
    if shell == Shell::Bash {
        script = repair_bash_states(&String::from_utf8_lossy(&script)).into_bytes();
    }
    match io::stdout().lock().write_all(&script) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report_error(format!("could not write the completion script ({e})"));
            ExitCode::from(2)
        }
    }
}

/// clap_complete's bash script names the state after a subcommand in two ways when the binary's
/// name has a hyphen: the loop that reads the words reaches `resolution__ls__subcmd__check`, the
/// case arms wait for `resolution__subcmd__ls__subcmd__check`, so no option of a subcommand was
/// ever completed (clap-rs/clap#6421). The arms are renamed to the loop's spelling; once clap
/// spells them alike there is nothing to rename.
fn repair_bash_states(script: &str) -> String {
    let wrong = format!("{}__subcmd__", BIN_NAME.replace('-', "__subcmd__"));
    let right = format!("{}__subcmd__", BIN_NAME.replace('-', "__"));
    script.replace(&wrong, &right)
}

/// Writes `resolution-ls.1` and `resolution-ls-SUBCOMMAND.1` for each documented subcommand.
pub fn write_man_pages(command: clap::Command, dir: &Path) -> ExitCode {
    let written =
        std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report_error(format!(
                "could not write the man pages to {} ({e})",
                dir.display()
            ));
            ExitCode::from(2)
        }
    }
}
