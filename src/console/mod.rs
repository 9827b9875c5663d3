//! The console: CP's command language over the engine. A [`Session`] takes one input line at a
//! time and gives back an [`Outcome`]; `render` turns outcomes into a transcript or JSON Lines.
//!
//! PLACEHOLDER INTERFACE: the console issue replaces the bodies; the signatures below are what
//! the front ends (`main.rs`, `repl.rs`) build on, so keep them (extend, do not change).

use crate::cp::Clock;
use crate::vmcf::Userid;

/// One console: a CP, the current user, the clock.
pub struct Session {
    current: Option<Userid>,
    users: Vec<Userid>,
    _clock: Box<dyn Clock>,
}

/// What one input line did.
pub struct Outcome<'a> {
    session: &'a Session,
    prompt: String,
    line_no: usize,
    text: String,
    accepted: bool,
    quit: bool,
}

impl Session {
    /// A session with nobody logged on.
    pub fn new(clock: Box<dyn Clock>) -> Session {
        Session {
            current: None,
            users: Vec::new(),
            _clock: clock,
        }
    }

    /// The prompt naming the current user: `A> `, or `> ` while nobody is current.
    pub fn prompt(&self) -> String {
        match self.current {
            Some(u) => format!("{u}> "),
            None => "> ".to_string(),
        }
    }

    /// The current user.
    pub fn current_user(&self) -> Option<Userid> {
        self.current
    }

    /// The logged-on users, in logon order.
    pub fn users(&self) -> Vec<Userid> {
        self.users.clone()
    }

    /// Runs one input line (`line_no` is 1-based, for messages and JSON). Any bytes are accepted:
    /// non-UTF-8 input gets CP's error, never a panic.
    pub fn feed(&mut self, line_no: usize, line: &[u8]) -> Outcome<'_> {
        let prompt = self.prompt();
        let text = String::from_utf8_lossy(line).into_owned();
        let words: Vec<&str> = text.split_whitespace().collect();
        let (mut accepted, mut quit) = (true, false);
        match words.as_slice() {
            [] => {}
            [w, ..] if w.starts_with('*') => {}
            [v, u] if v.eq_ignore_ascii_case("LOGON") => match Userid::parse(u) {
                Ok(u) => {
                    if !self.users.contains(&u) {
                        self.users.push(u);
                    }
                    self.current = Some(u);
                }
                Err(_) => accepted = false,
            },
            [v] if v.eq_ignore_ascii_case("QUIT") => quit = true,
            _ => accepted = false,
        }
        Outcome {
            session: self,
            prompt,
            line_no,
            text,
            accepted,
            quit,
        }
    }
}

impl Outcome<'_> {
    /// False when the line was rejected (a parse error or a CP error).
    pub fn accepted(&self) -> bool {
        self.accepted
    }

    /// The line asked to end the session (`QUIT`).
    pub fn quit(&self) -> bool {
        self.quit
    }
}

/// How a transcript is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions<'a> {
    /// ANSI colour (owo-colors); never on for pipes, files, `NO_COLOR` or `--color never`.
    pub color: bool,
    /// Echo the input line after its prompt (`run` does; the REPL does not, the user typed it).
    pub echo: bool,
    /// The script's name, for `FILE:LINE` in error lines (`None` in the REPL).
    pub source: Option<&'a str>,
}

/// Appends the transcript lines of `o` to `out`, each ending in `\n`.
pub fn render_text(o: &Outcome, opts: &TextOptions, out: &mut String) {
    use std::fmt::Write;
    let _ = o.session;
    if opts.echo {
        let _ = writeln!(out, "{}{}", o.prompt, o.text);
    }
    if !o.accepted {
        let at = opts
            .source
            .map(|s| format!("{s}:{}: ", o.line_no))
            .unwrap_or_default();
        let _ = writeln!(out, "{at}DMKCFM001E UNKNOWN CP COMMAND");
    }
}

/// Appends the JSON Lines events of `o` to `out`, one object a line.
pub fn render_json(o: &Outcome, out: &mut String) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "{}",
        serde_json::json!({"event": "command", "line": o.line_no, "user": null, "text": o.text})
    );
}

/// Completion candidates for the REPL: `(start, words)` where `start` is the byte offset in
/// `line` of the word being completed at `pos`. Verbs, VMCF subfunctions and options, userids.
pub fn complete(session: &Session, line: &str, pos: usize) -> (usize, Vec<String>) {
    let start = line[..pos].rfind(' ').map_or(0, |i| i + 1);
    let word = line[start..pos].to_ascii_uppercase();
    let mut v: Vec<String> = ["LOGON", "LOGOFF", "QUERY", "VMCF", "SMSG", "MSG", "HELP"]
        .iter()
        .map(|s| s.to_string())
        .chain(session.users().iter().map(|u| u.to_string()))
        .filter(|c| c.starts_with(&word))
        .collect();
    v.sort();
    (start, v)
}
