//! The `vmcfsim` program: the front ends over the console library. `main` turns the result of
//! [`try_main`] into the exit status, in this one place: 0 every line accepted (or the REPL
//! ended), 1 a line was rejected (or a script failed its test), 2 a usage or file error. A closed output pipe ends quietly.

mod cli;
mod draw;
mod palette;
mod repl;
mod run;
mod serve;
mod test_cmd;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Mode};
use crate::run::{Failure, Output, Replay, STDIN_NAME, Status};

fn main() -> ExitCode {
    exit_code(try_main(std::env::args_os()))
}

/// Runs what the arguments ask for.
fn try_main(args: impl IntoIterator<Item = OsString>) -> Result<Status, Failure> {
    let args: Vec<OsString> = args.into_iter().collect();
    // `serve` has options of its own (`--json FILE` among them), so it parses its own.
    if args.get(1).is_some_and(|a| a == "serve") {
        return serve::main(args[1..].to_vec());
    }
    let cli = Cli::parse_from_args(args).map_err(Failure::Usage)?;
    if matches!(cli.command, Some(cli::Command::Serve)) {
        return Err(Failure::Server(
            "serve takes its own options, after the word serve (vmcfsim serve --help)".into(),
        ));
    }
    let mode = cli.mode(io::stdin().is_terminal());
    let clock = cli.clock(&mode);
    let color = cli.color();
    match mode {
        Mode::Repl => repl::run(
            clock,
            &repl::Settings {
                color,
                json: cli.options.json,
                history: repl::history_path(cli.no_history()),
                diagram: cli.options.diagram.clone(),
                title: cli.options.title.clone(),
            },
        ),
        Mode::Run(path) => {
            let name = path.as_ref().map(|p| p.to_string_lossy().into_owned());
            let how = Replay {
                output: Output {
                    json: cli.options.json,
                    color,
                    echo: true,
                    source: Some(name.as_deref().unwrap_or(STDIN_NAME)),
                    width: None,
                },
                stop_on_error: cli.stop_on_error(),
                flush_each_line: path.is_none(),
                diagram: cli.options.diagram.as_ref(),
                diagram_command: false,
                title: cli.options.title.as_deref(),
            };
            let mut out = io::BufWriter::new(io::stdout().lock());
            run::script(path.as_deref(), clock, &how, &mut out)
        }
        // Scripts are always checked with the fixed clock: expectations and golden
        // transcripts hold only for a reproducible replay.
        Mode::Test { paths, bless } => {
            let settings = test_cmd::Settings {
                paths,
                bless,
                json: cli.options.json,
                color,
            };
            let mut out = io::BufWriter::new(io::stdout().lock());
            test_cmd::run(&settings, &mut out)
        }
    }
}

/// The one place that decides the exit status and reports what went wrong.
fn exit_code(result: Result<Status, Failure>) -> ExitCode {
    match result {
        Ok(Status::Accepted) => ExitCode::SUCCESS,
        Ok(Status::Rejected) => ExitCode::from(1),
        Ok(Status::Unreadable) => ExitCode::from(2),
        // clap prints help and version (status 0) and usage errors (status 2) itself.
        Err(Failure::Usage(e)) => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
        // `vmcfsim run x | head`: the reader has what it wanted.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            let _ = writeln!(io::stderr(), "vmcfsim: {failure}");
            ExitCode::from(2)
        }
    }
}
