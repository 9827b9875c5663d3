//! The command line: clap's description of `vmcfsim`, and the decisions taken once from it
//! (colour, clock, mode). Nothing here reads input or writes output; `main` does that.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use vmcfsim::{Clock, FixedClock, SystemClock};

use crate::draw::DiagramFile;

const EXAMPLES: &str = "\
Examples:
  vmcfsim                                 the interactive console (the REPL)
  vmcfsim run scripts/hello.cp            replay a script, print its transcript
  vmcfsim run - < session.cp              replay standard input
  vmcfsim < session.cp                    the same: without a terminal, vmcfsim replays
  vmcfsim run --json scripts/hello.cp     one JSON event a line, for tools
  vmcfsim run --stop-on-error test.cp     stop at the first rejected line
  vmcfsim run hello.cp --diagram hello.svg    also draw the session (hello.mmd: Mermaid)
  vmcfsim test                            check the scripts in scripts/ (their *= lines)
  vmcfsim test my.cp --bless              also write my.out, the golden transcript
  vmcfsim serve                           terminals: c3270 127.0.0.1:3270, telnet 127.0.0.1 3270

In the REPL, DIAGRAM FILE.svg (or FILE.mmd) draws the session so far.

Exit status: 0 every line was accepted, 1 a line was rejected, 2 usage or file error.
`vmcfsim test`: 0 every script passed, 1 one failed, 2 a file cannot be read.

Environment:
  NO_COLOR          any value turns colour off (--color overrides it)
  VMCFSIM_HISTORY   the REPL's history file (empty: keep no history)

Type HELP in the console for its commands.";

/// A simulator of the VM/370 CP console and its Virtual Machine Communication Facility (VMCF).
///
/// Several virtual machines log on to one simulated CP, exchange VMCF messages and SMSG, and
/// receive external interrupt X'4001' with its 40-byte message header.
#[derive(Debug, Parser)]
#[command(name = "vmcfsim", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub options: Options,

    /// Without a subcommand, replaying standard input: stop at the first rejected line.
    #[arg(long)]
    stop_on_error: bool,

    /// Without a subcommand, at a terminal: neither read nor write the history file.
    #[arg(long)]
    no_history: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The interactive console (the default when standard input is a terminal).
    Repl(ReplArgs),
    /// Replays a script: each line after its prompt, then what it did.
    Run(RunArgs),
    /// Serves TN3270 and line-mode terminals, one simulated CP for all (`vmcfsim serve --help`;
    /// its options go after `serve`).
    Serve,
    /// Checks scripts: their `*=` expectation lines, and their golden transcripts (NAME.out
    /// beside NAME.cp) where kept. Prints `ok` or `FAILED` a script, then `N passed, N failed`.
    Test(TestArgs),
}

/// What only `vmcfsim test` takes.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Script files, and directories whose `*.cp` files are tested (default: scripts).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write or update each script's golden transcript NAME.out instead of comparing.
    #[arg(long)]
    pub bless: bool,
}

/// What only the REPL takes.
#[derive(Debug, Args)]
pub struct ReplArgs {
    /// Neither read nor write the history file.
    #[arg(long)]
    pub no_history: bool,
}

/// What only a replay takes.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The script; `-` reads standard input.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,

    /// Stop at the first rejected line (exit status 1), saying which.
    #[arg(long)]
    pub stop_on_error: bool,
}

/// Options every mode takes (clap's `global`: they may come before or after the subcommand).
#[derive(Debug, Args)]
pub struct Options {
    /// JSON Lines events instead of the transcript (with `run` and with `repl`); with `test`,
    /// one result object a script.
    #[arg(long, global = true)]
    pub json: bool,

    /// Colour the output: `auto` colours only a terminal, and not when NO_COLOR is set.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// The console clock: `fixed` starts at 1981-04-01 09:00:00 and ticks a second a line
    /// (the default for `run`), `real` is the time now (the default for `repl`).
    #[arg(long, value_enum, value_name = "CLOCK", global = true)]
    pub clock: Option<ClockChoice>,

    /// Also draw the session as a sequence diagram when it ends: SVG for `FILE.svg`, Mermaid
    /// text for `FILE.mmd`.
    #[arg(long, value_name = "FILE.svg|FILE.mmd", value_parser = DiagramFile::parse, global = true)]
    pub diagram: Option<DiagramFile>,

    /// The diagram's title, instead of the first sentence of the script's opening comments.
    #[arg(long, value_name = "TEXT", global = true)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClockChoice {
    Fixed,
    Real,
}

/// What the process does, decided from the arguments and the terminal.
#[derive(Debug, PartialEq, Eq)]
pub enum Mode {
    /// The REPL. Without a terminal on standard input it reads plain lines (for tools).
    Repl,
    /// Replay of a file, or of standard input when `None`.
    Run(Option<PathBuf>),
    /// `vmcfsim test`: the paths given (none: `scripts`), and whether to bless.
    Test { paths: Vec<PathBuf>, bless: bool },
}

impl Cli {
    /// Parses the arguments; help, version and usage errors come back as `clap::Error`.
    pub fn parse_from_args(args: impl IntoIterator<Item = OsString>) -> Result<Cli, clap::Error> {
        let cli = Cli::try_parse_from(args)?;
        // Before a subcommand, an option of the other mode is a mistake worth saying.
        let misplaced = match &cli.command {
            Some(Command::Run(_)) if cli.no_history => Some(("--no-history", "repl")),
            Some(Command::Repl(_)) if cli.stop_on_error => Some(("--stop-on-error", "run")),
            _ => None,
        };
        if let Some((option, mode)) = misplaced {
            use clap::CommandFactory;
            return Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("{option} applies only to `vmcfsim {mode}` (or to vmcfsim alone)"),
            ));
        }
        Ok(cli)
    }

    /// `--stop-on-error`, given to `run` or to vmcfsim alone.
    pub fn stop_on_error(&self) -> bool {
        match &self.command {
            Some(Command::Run(r)) => r.stop_on_error || self.stop_on_error,
            _ => self.stop_on_error,
        }
    }

    /// `--no-history`, given to `repl` or to vmcfsim alone.
    pub fn no_history(&self) -> bool {
        match &self.command {
            Some(Command::Repl(r)) => r.no_history || self.no_history,
            _ => self.no_history,
        }
    }

    /// `vmcfsim` alone is the REPL at a terminal and `run -` otherwise, so that
    /// `vmcfsim < script` replays.
    pub fn mode(&self, stdin_is_terminal: bool) -> Mode {
        match &self.command {
            // `serve` is taken before clap sees the arguments; options before it end in main.
            Some(Command::Repl(_) | Command::Serve) => Mode::Repl,
            Some(Command::Run(r)) if r.file.as_os_str() == "-" => Mode::Run(None),
            Some(Command::Run(r)) => Mode::Run(Some(r.file.clone())),
            Some(Command::Test(t)) => Mode::Test {
                paths: t.paths.clone(),
                bless: t.bless,
            },
            None if stdin_is_terminal => Mode::Repl,
            None => Mode::Run(None),
        }
    }

    /// Colour for standard output, decided once: the flag, then `NO_COLOR`, then the terminal.
    pub fn color(&self) -> bool {
        use_color(
            self.options.color,
            std::env::var_os("NO_COLOR").is_some(),
            std::io::stdout().is_terminal(),
        )
    }

    /// The clock for `mode`: fixed for replays (reproducible transcripts), real for the REPL,
    /// unless `--clock` says otherwise.
    pub fn clock(&self, mode: &Mode) -> Box<dyn Clock> {
        let default = match mode {
            Mode::Repl => ClockChoice::Real,
            Mode::Run(_) | Mode::Test { .. } => ClockChoice::Fixed,
        };
        match self.options.clock.unwrap_or(default) {
            ClockChoice::Fixed => Box::new(FixedClock::standard()),
            ClockChoice::Real => Box::new(SystemClock),
        }
    }
}

/// The colour rule: `--color` wins; else `NO_COLOR` (any value, even empty) turns colour off;
/// else colour exactly when standard output is a terminal.
pub fn use_color(choice: ColorChoice, no_color_set: bool, stdout_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color_set && stdout_is_terminal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(args: &[&str]) -> Cli {
        Cli::parse_from_args(
            std::iter::once("vmcfsim")
                .chain(args.iter().copied())
                .map(Into::into),
        )
        .unwrap()
    }

    #[test]
    fn colour_flag_beats_env_beats_terminal() {
        use ColorChoice::*;
        assert!(
            use_color(Always, true, false),
            "--color always wins over NO_COLOR and a pipe"
        );
        assert!(
            !use_color(Never, false, true),
            "--color never wins over a terminal"
        );
        assert!(
            !use_color(Auto, true, true),
            "NO_COLOR wins over a terminal"
        );
        assert!(use_color(Auto, false, true));
        assert!(
            !use_color(Auto, false, false),
            "no colour into a pipe or file"
        );
    }

    #[test]
    fn bare_vmcfsim_is_the_repl_at_a_terminal_and_a_replay_of_stdin_otherwise() {
        assert_eq!(cli(&[]).mode(true), Mode::Repl);
        assert_eq!(cli(&[]).mode(false), Mode::Run(None));
        assert_eq!(cli(&["repl"]).mode(false), Mode::Repl);
        assert_eq!(cli(&["run", "-"]).mode(true), Mode::Run(None));
        assert_eq!(
            cli(&["run", "x.cp"]).mode(true),
            Mode::Run(Some(PathBuf::from("x.cp")))
        );
    }

    #[test]
    fn options_go_before_or_after_the_subcommand() {
        let c = cli(&[
            "--json",
            "run",
            "x.cp",
            "--color",
            "never",
            "--stop-on-error",
        ]);
        assert!(c.options.json && c.stop_on_error());
        assert_eq!(c.options.color, ColorChoice::Never);
        let c = cli(&["repl", "--no-history", "--clock", "fixed"]);
        assert!(c.no_history());
        assert_eq!(c.options.clock, Some(ClockChoice::Fixed));
        // vmcfsim alone may be either mode, so it takes both.
        let c = cli(&["--stop-on-error", "--no-history"]);
        assert!(c.stop_on_error() && c.no_history());
    }

    #[test]
    fn each_subcommand_takes_only_its_own_options() {
        let parse = |a: &[&str]| {
            Cli::parse_from_args(
                std::iter::once("vmcfsim")
                    .chain(a.iter().copied())
                    .map(Into::into),
            )
        };
        assert!(parse(&["run", "x.cp", "--no-history"]).is_err());
        assert!(parse(&["repl", "--stop-on-error"]).is_err());
        assert!(parse(&["--no-history", "run", "x.cp"]).is_err());
        assert!(parse(&["--stop-on-error", "repl"]).is_err());
        assert!(parse(&["--no-history", "repl"]).is_ok_and(|c| c.no_history()));
        assert!(parse(&["--stop-on-error", "run", "x.cp"]).is_ok_and(|c| c.stop_on_error()));
        let help = |sub: &str| {
            use clap::CommandFactory;
            let mut c = Cli::command();
            // Building propagates the global options into the subcommands, as parsing does.
            c.build();
            c.find_subcommand_mut(sub)
                .unwrap()
                .render_long_help()
                .to_string()
        };
        let (run, repl) = (help("run"), help("repl"));
        assert!(
            run.contains("--stop-on-error") && !run.contains("--no-history"),
            "{run}"
        );
        assert!(
            repl.contains("--no-history") && !repl.contains("--stop-on-error"),
            "{repl}"
        );
        for both in [&run, &repl] {
            assert!(
                both.contains("--json") && both.contains("--diagram"),
                "{both}"
            );
        }
    }

    #[test]
    fn clock_defaults_to_fixed_for_run_and_real_for_the_repl() {
        let fixed = FixedClock::standard().now();
        let c = cli(&["run", "x.cp"]);
        assert_eq!(c.clock(&c.mode(false)).now(), fixed);
        let c = cli(&["repl"]);
        assert_ne!(c.clock(&c.mode(true)).now(), fixed);
        let c = cli(&["repl", "--clock", "fixed"]);
        assert_eq!(c.clock(&c.mode(true)).now(), fixed);
    }

    #[test]
    fn bad_usage_is_an_error_not_a_panic() {
        let parse = |a: &[&str]| {
            Cli::parse_from_args(
                std::iter::once("vmcfsim")
                    .chain(a.iter().copied())
                    .map(Into::into),
            )
        };
        assert!(parse(&["run"]).is_err(), "run needs a file");
        assert!(parse(&["--color", "sometimes"]).is_err());
        assert!(parse(&["frobnicate"]).is_err());
        assert!(
            parse(&["run", "x.cp", "--diagram", "x.png"]).is_err(),
            "a diagram is .svg or .mmd"
        );
    }

    #[test]
    fn the_diagram_format_comes_from_the_file_name() {
        use vmcfsim::diagram::Format;
        let c = cli(&["run", "x.cp", "--diagram", "out/x.SVG"]);
        let d = c.options.diagram.unwrap();
        assert_eq!(
            (d.path, d.format),
            (PathBuf::from("out/x.SVG"), Format::Svg)
        );
        let c = cli(&["--diagram", "x.mmd", "repl"]);
        assert_eq!(c.options.diagram.unwrap().format, Format::Mermaid);
        assert!(cli(&["run", "x.cp"]).options.diagram.is_none());
    }
}
