//! The front ends' side of sequence diagrams: which file (`--diagram FILE.svg|FILE.mmd`), the
//! diagram built as the session runs ([`Recorder`]), and the REPL's own command
//! `DIAGRAM FILE`, which the console never sees. What a diagram looks like is the library's
//! `vmcfsim::diagram`.

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;

use vmcfsim::Outcome;
use vmcfsim::diagram::{Builder, Diagram, Format};

/// A diagram file asked for: where, and the format its extension names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramFile {
    pub path: PathBuf,
    pub format: Format,
}

impl DiagramFile {
    /// A file name ending in `.svg` (SVG) or `.mmd` (Mermaid); for clap and for `DIAGRAM FILE`.
    pub fn parse(name: &str) -> Result<DiagramFile, String> {
        let path = PathBuf::from(name);
        match Format::from_path(&path) {
            Some(format) => Ok(DiagramFile { path, format }),
            None => Err(format!(
                "{name:?}: a diagram file name ends in .svg (SVG) or .mmd (Mermaid)"
            )),
        }
    }
}

/// Why a diagram was not written.
#[derive(Debug)]
pub enum DiagramFailure {
    /// The console's events did not read back (a console bug: the contract was broken).
    Events(vmcfsim::diagram::ParseError),
    /// The file could not be written.
    Write { path: PathBuf, error: io::Error },
}

impl fmt::Display for DiagramFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiagramFailure::Events(e) => write!(f, "cannot draw the diagram: {e}"),
            DiagramFailure::Write { path, error } => {
                write!(f, "cannot write the diagram {}: {error}", path.display())
            }
        }
    }
}

/// The session's diagram, built as the session runs. Each outcome is written as the console's
/// JSON Lines events (docs/console.md#json-lines), the machine contract, and read back into
/// the diagram's [`Builder`], so the diagram does not depend on how the console works inside.
/// What it keeps is the picture, bounded by the builder's limits (`vmcfsim::diagram::STEPS_MAX`
/// and the label and note sizes), and one reused buffer of one line's events: never the
/// session's events. A front end makes one only when a diagram can be asked for.
#[derive(Debug, Default)]
pub struct Recorder {
    builder: Builder,
    /// One outcome's events, cleared for the next.
    events: String,
    /// The first event that did not read back (a console bug), reported when the diagram is
    /// asked for: the session itself goes on.
    failure: Option<vmcfsim::diagram::ParseError>,
    /// `--title`: over the title the script's opening comments give.
    title: Option<String>,
}

impl Recorder {
    /// A recorder whose diagrams have this title, whatever the session's comments say.
    pub fn titled(title: Option<String>) -> Recorder {
        Recorder {
            title,
            ..Recorder::default()
        }
    }

    /// Adds what one line did to the diagram.
    pub fn record(&mut self, o: &Outcome) {
        if self.builder.full() {
            self.builder.skip_line(o.line_no());
            return;
        }
        self.events.clear();
        vmcfsim::render_json(o, &mut self.events);
        let read = self
            .events
            .lines()
            .try_for_each(|line| self.builder.add_json(line));
        self.builder.end_line();
        if let Err(e) = read {
            self.failure.get_or_insert(e);
        }
    }

    /// Writes the diagram of the session so far to `file`, titled by `--title`, else by the
    /// session's opening comments, else `title`. Returns the diagram, for the caller's report.
    pub fn write(
        &self,
        file: &DiagramFile,
        title: Option<&str>,
    ) -> Result<Diagram, DiagramFailure> {
        if let Some(e) = &self.failure {
            return Err(DiagramFailure::Events(e.clone()));
        }
        let mut diagram = self.builder.diagram();
        if let Some(given) = &self.title {
            diagram.title = Some(given.clone());
        } else if diagram.title.is_none() {
            diagram.title = title.map(str::to_string);
        }
        std::fs::write(&file.path, diagram.render(file.format)).map_err(|error| {
            DiagramFailure::Write {
                path: file.path.clone(),
                error,
            }
        })?;
        Ok(diagram)
    }
}

/// The file named by a REPL line `DIAGRAM FILE` (the keyword in any case, not abbreviated, so
/// it never shadows the console's `DIAG`); `Some(Err(..))` when the name is missing or wrong.
/// `None` for any other line.
pub fn diagram_command(line: &str) -> Option<Result<DiagramFile, String>> {
    let line = line.trim();
    let (verb, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    if !verb.eq_ignore_ascii_case("DIAGRAM") {
        return None;
    }
    let name = rest.trim();
    // A name with blanks may be quoted, as console text is.
    let name = name
        .strip_prefix('\'')
        .and_then(|n| n.strip_suffix('\''))
        .unwrap_or(name);
    Some(if name.is_empty() {
        Err("DIAGRAM FILE.svg|FILE.mmd: the file name is missing".to_string())
    } else {
        DiagramFile::parse(name)
    })
}

/// Runs a `DIAGRAM FILE` line: writes the diagram of the session so far and says what it did,
/// or why not, in one line. A failure here is the user's to fix, not the end of the session.
pub fn run_diagram_command(
    recorder: &Recorder,
    file: Result<DiagramFile, String>,
    title: Option<&str>,
) -> String {
    match file.map(|f| (recorder.write(&f, title), f)) {
        Ok((Ok(d), f)) => format!(
            "vmcfsim: diagram written to {} ({}, {})\n",
            f.path.display(),
            counted(d.lifelines.len(), "lifeline"),
            counted(d.arrows(), "arrow")
        ),
        Ok((Err(e), _)) => format!("vmcfsim: {e}\n"),
        Err(e) => format!("vmcfsim: {e}\n"),
    }
}

fn counted(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Writes what a `DIAGRAM` line did: on standard output, or on standard error with `--json`,
/// where standard output carries events only.
pub fn say(text: &str, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        // A standard error that cannot be written is no reason to end the session.
        let _ = io::stderr().write_all(text.as_bytes());
        Ok(())
    } else {
        out.write_all(text.as_bytes())?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vmcfsim::{FixedClock, Session};

    #[test]
    fn only_a_whole_diagram_keyword_is_the_repls_command() {
        let file = |line: &str| diagram_command(line).map(|r| r.map(|f| (f.path, f.format)));
        assert_eq!(
            file("DIAGRAM x.svg"),
            Some(Ok((PathBuf::from("x.svg"), Format::Svg)))
        );
        assert_eq!(
            file("  diagram 'a b.MMD' "),
            Some(Ok((PathBuf::from("a b.MMD"), Format::Mermaid)))
        );
        assert!(matches!(file("DIAGRAM"), Some(Err(e)) if e.contains("missing")));
        assert!(matches!(file("DIAGRAM x.png"), Some(Err(e)) if e.contains(".svg")));
        for other in [
            "DIAG 68 L800",
            "DIAGRAMS x.svg",
            "A: DIAGRAM x.svg",
            "",
            "* DIAGRAM",
        ] {
            assert_eq!(file(other), None, "{other:?} is the console's");
        }
    }

    #[test]
    fn the_recorder_draws_what_the_session_did_and_reports_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::new(Box::new(FixedClock::standard()));
        let mut recorder = Recorder::default();
        recorder.record(&session.feed(1, b"LOGON A"));
        let file = DiagramFile::parse(&dir.path().join("s.mmd").to_string_lossy()).unwrap();
        let said = run_diagram_command(&recorder, Ok(file.clone()), Some("t.cp"));
        assert!(said.starts_with("vmcfsim: diagram written to "), "{said}");
        assert!(said.ends_with(" (2 lifelines, 2 arrows)\n"), "{said}");
        let text = std::fs::read_to_string(&file.path).unwrap();
        assert!(text.starts_with("---\ntitle: \"t.cp\"\n"), "{text}");
        let missing = DiagramFile::parse(&dir.path().join("no/s.svg").to_string_lossy());
        let said = run_diagram_command(&recorder, missing.clone(), None);
        assert!(
            said.starts_with("vmcfsim: cannot write the diagram "),
            "{said}"
        );
        // A session longer than a picture: the recorder keeps STEPS_MAX steps and counts the
        // rest (each QUERY NAMES is two steps: the command and CP's answer).
        use vmcfsim::diagram::STEPS_MAX;
        for n in 2..STEPS_MAX / 2 + 12 {
            recorder.record(&session.feed(n, b"QUERY NAMES"));
        }
        assert!(recorder.events.len() < 256, "one outcome's events only");
        let said = run_diagram_command(&recorder, Ok(file.clone()), None);
        assert!(
            said.ends_with(&format!(", {STEPS_MAX} arrows)\n")),
            "{said}"
        );
        let text = std::fs::read_to_string(&file.path).unwrap();
        // LOGON A and 2,499 QUERY NAMES make 5,000 steps; the lines after are not read.
        assert!(
            text.ends_with("the rest of the session (lines 2501 to 2511) not drawn: a diagram holds at most 5000 steps.\n"),
            "{}",
            &text[text.len() - 200..]
        );
    }
}
