//! Script replay (`vmcfsim run`): reads lines as bytes, feeds each to the console session and
//! writes what came back, so the transcript reads like the session it replays. Also the loop of
//! the REPL when no terminal is attached. Owns the exit status of a replay; knows no text layout
//! (the console's renderer does). With `--diagram` it also keeps the session's events and draws
//! them when the replay ends (`draw` does the drawing).

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use vmcfsim::{Clock, LINE_MAX, Lines, Outcome, Session, TextOptions};

use crate::draw::{self, DiagramFailure, DiagramFile, Recorder};
use crate::palette;

/// How a session ended, as far as its lines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every line was accepted (or the REPL ended normally).
    Accepted,
    /// At least one line was rejected (`test`: a script failed).
    Rejected,
    /// `test`: a script or golden transcript could not be read (status 2), the other scripts
    /// having run.
    Unreadable,
}

/// Why the process stops before its lines run out.
#[derive(Debug)]
pub enum Failure {
    /// Help, version or a usage error: clap prints it and knows the status.
    Usage(clap::Error),
    /// The script cannot be read (`name` as the user gave it).
    Input { name: String, error: io::Error },
    /// Writing the output failed; a closed pipe ends the process quietly.
    Output(io::Error),
    /// The line editor failed.
    Terminal(rustyline::error::ReadlineError),
    /// The diagram asked for with `--diagram` could not be drawn or written.
    Diagram(DiagramFailure),
    /// `serve` could not start (an address in use, a refused configuration).
    Server(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(e) => write!(f, "{e}"),
            Failure::Input { name, error } => write!(f, "cannot read {name}: {error}"),
            Failure::Output(e) => write!(f, "cannot write the output: {e}"),
            Failure::Terminal(e) => write!(f, "the terminal failed: {e}"),
            Failure::Diagram(e) => write!(f, "{e}"),
            Failure::Server(e) => write!(f, "{e}"),
        }
    }
}

/// How outcomes are written.
#[derive(Debug, Clone, Copy)]
pub struct Output<'a> {
    /// JSON Lines events instead of text.
    pub json: bool,
    /// ANSI colour in the text.
    pub color: bool,
    /// Print the prompt and the line before its output (replays do; the REPL does not).
    pub echo: bool,
    /// The script's name for `FILE:LINE` in error lines.
    pub source: Option<&'a str>,
    /// The terminal's columns, for HELP and error excerpts (`None`: 80, as for a pipe).
    pub width: Option<usize>,
}

impl Output<'_> {
    /// Appends what `o` did to `buf`, as text (coloured by the palette with `color`) or JSON.
    /// `lines` is the line buffer the text is built in, kept by the caller for reuse.
    pub fn render(&self, o: &Outcome, lines: &mut Lines, buf: &mut String) {
        if self.json {
            vmcfsim::render_json(o, buf);
            return;
        }
        let opts = TextOptions {
            echo: self.echo,
            source: self.source,
            width: self.width,
        };
        if self.color {
            lines.clear();
            vmcfsim::render_lines(o, &opts, lines);
            palette::write_colored(lines, buf);
        } else {
            vmcfsim::render_text(o, &opts, buf);
        }
    }
}

/// What a replay does besides writing.
#[derive(Debug, Clone, Copy)]
pub struct Replay<'a> {
    pub output: Output<'a>,
    /// End at the first rejected line.
    pub stop_on_error: bool,
    /// Flush after every line: when the lines come from a pipe, whoever feeds it sees each
    /// answer before sending the next line.
    pub flush_each_line: bool,
    /// Write the session's sequence diagram here when the replay ends.
    pub diagram: Option<&'a DiagramFile>,
    /// Take `DIAGRAM FILE` lines as the REPL does, instead of passing them to the console.
    pub diagram_command: bool,
    /// The diagram's title (`--title`), over the one the script's comments give.
    pub title: Option<&'a str>,
}

/// The name error lines give standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Replays the script at `path`, or standard input when `None`, in a new session.
pub fn script(
    path: Option<&Path>,
    clock: Box<dyn Clock>,
    how: &Replay,
    out: &mut dyn Write,
) -> Result<Status, Failure> {
    let mut session = Session::new(clock);
    match path {
        Some(path) => {
            let file = File::open(path).map_err(|error| Failure::Input {
                name: path.to_string_lossy().into_owned(),
                error,
            })?;
            replay(&mut session, &mut BufReader::new(file), how, out)
        }
        None => replay(&mut session, &mut io::stdin().lock(), how, out),
    }
}

/// Feeds every line of `input` to `session` and writes the outcomes to `out`. Lines end at
/// `\n` (a `\r` before it is dropped); their bytes go to the session as they are. Ends at the
/// end of input, at `QUIT`, or at the first rejected line with `stop_on_error`.
pub fn replay(
    session: &mut Session,
    input: &mut dyn BufRead,
    how: &Replay,
    out: &mut dyn Write,
) -> Result<Status, Failure> {
    let input_failure = |error| Failure::Input {
        name: how.output.source.unwrap_or(STDIN_NAME).to_string(),
        error,
    };
    let mut status = Status::Accepted;
    let mut line = Vec::new();
    let mut buf = String::new();
    let mut lines = Lines::new();
    let mut recorder = Recorder::titled(how.title.map(str::to_string));
    let recording = how.diagram.is_some() || how.diagram_command;
    let title = how.output.source.filter(|s| *s != STDIN_NAME);
    for line_no in 1.. {
        if !read_line(input, &mut line).map_err(input_failure)? {
            break;
        }
        buf.clear();
        if how.diagram_command
            && let Some(file) = draw::diagram_command(&String::from_utf8_lossy(&line))
        {
            let said = draw::run_diagram_command(&recorder, file, title);
            draw::say(&said, how.output.json, out).map_err(Failure::Output)?;
            continue;
        }
        let outcome = session.feed(line_no, &line);
        how.output.render(&outcome, &mut lines, &mut buf);
        if recording {
            recorder.record(&outcome);
        }
        let (accepted, quit) = (outcome.accepted(), outcome.quit());
        out.write_all(buf.as_bytes()).map_err(Failure::Output)?;
        if how.flush_each_line {
            out.flush().map_err(Failure::Output)?;
        }
        if !accepted {
            status = Status::Rejected;
            if how.stop_on_error {
                // On standard error, so that the transcript or the events stay as they are.
                let name = how.output.source.unwrap_or(STDIN_NAME);
                let _ = writeln!(
                    io::stderr(),
                    "vmcfsim: stopped at {name}:{line_no}, the first rejected line (--stop-on-error)"
                );
                break;
            }
        }
        if quit {
            break;
        }
    }
    out.flush().map_err(Failure::Output)?;
    if let Some(file) = how.diagram {
        recorder.write(file, title).map_err(Failure::Diagram)?;
    }
    Ok(status)
}

/// Reads the next line into `line` without its line end (`\n`, or `\r\n`); `false` at the end
/// of input. The replay streams: at most `LINE_MAX + 1` bytes of a line are kept, the rest of a
/// longer line is read and dropped, so memory stays the same however long a line or a script
/// is, and the session rejects the line for its length (it sees more than `LINE_MAX` bytes).
pub fn read_line(input: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<bool> {
    line.clear();
    let mut any = false;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (piece, used, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        // One byte past the limit tells the session the line is too long; one more keeps a
        // `\r` that may belong to the line end.
        let room = (LINE_MAX + 2).saturating_sub(line.len());
        line.extend_from_slice(&piece[..piece.len().min(room)]);
        input.consume(used);
        if end {
            break;
        }
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    line.truncate(LINE_MAX + 1);
    Ok(any)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vmcfsim::FixedClock;

    fn run(script: &[u8], stop_on_error: bool) -> (Status, String) {
        let mut session = Session::new(Box::new(FixedClock::standard()));
        let how = Replay {
            output: Output {
                json: false,
                color: false,
                echo: true,
                source: Some("t.cp"),
                width: None,
            },
            stop_on_error,
            flush_each_line: false,
            diagram: None,
            diagram_command: false,
            title: None,
        };
        let mut out = Vec::new();
        let status = replay(&mut session, &mut &script[..], &how, &mut out).unwrap();
        (status, String::from_utf8(out).unwrap())
    }

    /// Each of `lines` is a whole line of `out`, in this order (other lines may come between).
    fn in_order(out: &str, lines: &[&str]) -> bool {
        let mut rest = out.lines();
        lines.iter().all(|want| rest.any(|l| l == *want))
    }

    #[test]
    fn echoes_every_line_after_its_prompt_and_strips_line_ends() {
        let (status, out) = run(b"LOGON A\r\n* note\nLOGON B", false);
        assert_eq!(status, Status::Accepted);
        assert!(
            in_order(&out, &["> LOGON A", "A> * note", "A> LOGON B"]),
            "{out}"
        );
        assert!(!out.contains('\r'), "{out:?}");
    }

    #[test]
    fn a_rejected_line_names_file_and_line_and_the_replay_goes_on() {
        let (status, out) = run(b"LOGON A\nNO SUCH THING\nLOGON B\n", false);
        assert_eq!(status, Status::Rejected);
        assert!(out.contains("t.cp:2"), "{out}");
        assert!(out.contains("A> LOGON B"), "the session goes on: {out}");
    }

    #[test]
    fn stop_on_error_ends_at_the_first_rejected_line() {
        let (status, out) = run(b"LOGON A\nNO SUCH THING\nLOGON B\n", true);
        assert_eq!(status, Status::Rejected);
        assert!(!out.contains("LOGON B"), "{out}");
    }

    #[test]
    fn quit_ends_the_replay() {
        let (status, out) = run(b"LOGON A\nQUIT\nLOGON B\n", false);
        assert_eq!(status, Status::Accepted);
        assert!(out.contains("QUIT") && !out.contains("LOGON B"), "{out}");
    }

    #[test]
    fn any_bytes_are_fed_without_panic() {
        let (_, out) = run(b"\xff\xfe\x00\nLOGON A\n", false);
        assert!(out.contains("> LOGON A"), "{out}");
    }

    /// Yields `len` bytes of `fill`, then `rest`, a little at a time, as a file or pipe does:
    /// the long line never exists in memory whole.
    struct Endless {
        left: usize,
        fill: u8,
        rest: &'static [u8],
        chunk: Vec<u8>,
    }

    impl io::Read for Endless {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            unreachable!("read through BufRead")
        }
    }

    impl BufRead for Endless {
        fn fill_buf(&mut self) -> io::Result<&[u8]> {
            if self.left > 0 {
                self.chunk.resize(self.left.min(8192), self.fill);
                Ok(&self.chunk)
            } else {
                Ok(self.rest)
            }
        }
        fn consume(&mut self, n: usize) {
            if self.left > 0 {
                self.left -= n;
            } else {
                self.rest = &self.rest[n..];
            }
        }
    }

    #[test]
    fn a_line_far_past_the_limit_is_read_in_constant_memory() {
        let mut input = Endless {
            left: 64 * LINE_MAX,
            fill: b'x',
            rest: b"\nLOGON A\n",
            chunk: Vec::new(),
        };
        let mut line = Vec::new();
        assert!(read_line(&mut input, &mut line).unwrap());
        assert_eq!(line.len(), LINE_MAX + 1, "one byte past the limit, no more");
        assert!(line.capacity() < 2 * LINE_MAX + 8192, "{}", line.capacity());
        assert!(read_line(&mut input, &mut line).unwrap());
        assert_eq!(line, b"LOGON A", "the next line is whole");
        assert!(!read_line(&mut input, &mut line).unwrap());
    }

    #[test]
    fn a_line_exactly_at_the_limit_is_taken_with_either_line_end() {
        for end in ["\n", "\r\n", ""] {
            let mut script = format!("* {}", "x".repeat(LINE_MAX - 2)).into_bytes();
            script.extend_from_slice(end.as_bytes());
            let mut line = Vec::new();
            assert!(read_line(&mut &script[..], &mut line).unwrap());
            assert_eq!(line.len(), LINE_MAX, "{end:?}");
        }
    }

    #[test]
    fn a_line_past_the_limit_is_rejected_naming_the_limit_and_the_replay_goes_on() {
        let mut script = b"LOGON A\n".to_vec();
        script.extend(std::iter::repeat_n(b'y', 3 * LINE_MAX));
        script.extend_from_slice(b"\nQ NAMES\n");
        let (status, out) = run(&script, false);
        assert_eq!(status, Status::Rejected);
        assert!(
            out.contains(&format!(
                "t.cp:2: DMKCFC002E INVALID OPERAND - LINE LONGER THAN {LINE_MAX} BYTES"
            )),
            "{:.300}",
            out.lines()
                .filter(|l| l.contains("DMK"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(out.contains("A> Q NAMES"), "the replay goes on");
        assert!(out.len() < 2 * LINE_MAX, "the echo shows at most the limit");
    }
}
