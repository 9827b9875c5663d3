//! Sequence diagrams of a session, drawn as the VMCF manual draws its protocols: one lifeline per
//! virtual machine and one for CP, arrows down the page in the order things happened.
//!
//! The diagram is built from the console's JSON Lines events (the contract of
//! docs/console.md#json-lines), never from console internals, so it keeps working while
//! the console changes. This module owns the model ([`Diagram`]: lifelines, arrows, notes, and
//! the words of every label); the writers own layout and syntax: [`svg`] (our own small SVG
//! writer) and [`mermaid`] (Mermaid `sequenceDiagram` text).
//!
//! ```
//! use vmcfsim::diagram::{Diagram, Format};
//!
//! let events =
//! r#"{"event":"rc","line":2,"user":"A","subfunction":"AUTHORIZE","rc":0,"meaning":"ok"}"#; let
//! diagram = Diagram::from_json_lines(events).unwrap();
//! assert!(diagram.render(Format::Mermaid).contains("vm_A->>cp: AUTHORIZE RC 0"));
//! ```

pub mod events;
pub mod mermaid;
pub mod svg;

use std::path::Path;

pub use events::{Event, ParseError};

use crate::ebcdic;

/// A diagram of a session: who takes part, and what passed between them, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagram {
    /// From the script's first comment line, when the session opens with one.
    pub title: Option<String>,
    /// In order of first appearance.
    pub lifelines: Vec<Lifeline>,
    pub steps: Vec<Step>,
}

/// A column of the diagram.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lifeline {
    /// The Control Program (DMKVMC in the manual's figures).
    Cp,
    /// A virtual machine, by userid. A VM may be called `CP`: the variants keep them apart.
    Vm(String),
}

impl Lifeline {
    /// The name shown at the head of the column.
    pub fn name(&self) -> &str {
        match self {
            Lifeline::Cp => "CP",
            Lifeline::Vm(user) => user,
        }
    }
}

/// One row of the diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Arrow(Arrow),
    Note(Note),
}

impl Step {
    /// The console input line this row comes from.
    pub fn line(&self) -> usize {
        match self {
            Step::Arrow(a) => a.line,
            Step::Note(n) => n.line,
        }
    }
}

/// An arrow between two lifelines (indices into [`Diagram::lifelines`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrow {
    pub line: usize,
    pub from: usize,
    pub to: usize,
    pub kind: ArrowKind,
    /// One line of text, without control characters; writers may shorten it.
    pub label: String,
}

/// What an arrow stands for, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrowKind {
    /// A VMCF subfunction (DIAGNOSE X'68') that returned 0: VM to CP.
    Subfunction,
    /// A VMCF subfunction with a non-zero return code: VM to CP.
    Refused,
    /// External interrupt X'4001': CP to VM.
    Interrupt,
    /// Bytes CP moved into a VM's storage (RECEIVE, REPLY): CP to VM.
    Data,
    /// A CP command (SMSG, MSG, LOGON, ENABLE, ...): VM to CP, drawn lighter.
    Command,
    /// A line CP wrote on a VM's terminal: CP to VM, drawn lighter.
    Message,
    /// CP refused a line: CP to VM.
    Error,
}

/// Text across the whole diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub kind: NoteKind,
    /// One line of text, without control characters; writers wrap it.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// A comment line of the script.
    Comment,
    /// A command typed while nobody was logged on (no VM to draw it from).
    Command,
    /// An error for no particular VM.
    Error,
}

/// The two ways to write a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// SVG, from our own writer.
    Svg,
    /// Mermaid `sequenceDiagram` text.
    Mermaid,
}

impl Format {
    /// The format a file name asks for: `.svg`, or `.mmd` / `.mermaid` (any case).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "mmd" | "mermaid" => Some(Format::Mermaid),
            _ => None,
        }
    }
}

impl Diagram {
    /// The diagram of a session from its JSON Lines events, as `vmcfsim run --json` prints
    /// them. A line that is not an event is an error naming it.
    pub fn from_json_lines(jsonl: &str) -> Result<Diagram, ParseError> {
        Ok(Diagram::from_events(&events::parse(jsonl)?))
    }

    /// The diagram of a session from its events, in the order they happened.
    pub fn from_events(events: &[Event]) -> Diagram {
        let mut builder = Builder::default();
        for (i, event) in events.iter().enumerate() {
            builder.add(event, events.get(i + 1..).unwrap_or_default());
        }
        builder.diagram
    }

    /// The diagram as SVG or Mermaid text.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Svg => svg::render(self),
            Format::Mermaid => mermaid::render(self),
        }
    }

    /// The number of arrows.
    pub fn arrows(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s, Step::Arrow(_)))
            .count()
    }
}

/// Turns events into steps, one at a time.
#[derive(Default)]
struct Builder {
    diagram: Diagram,
    /// Whether a line other than a comment has been seen: only a leading comment is the title.
    started: bool,
    /// The last command line, for the MID an `rc` event may lack.
    command: Option<(usize, String)>,
}

impl Builder {
    /// Adds `event`; `later` are the events after it (for what a line goes on to do).
    fn add(&mut self, event: &Event, later: &[Event]) {
        match event {
            Event::Command(c) => self.command(c, later),
            Event::Rc(rc) => {
                self.started = true;
                let mid = rc.mid.or_else(|| self.mid_of(rc, later));
                let mut label = rc.subfunction.clone();
                if let Some(mid) = mid.filter(|_| has_mid(&rc.subfunction)) {
                    label += &format!(" MID {mid}");
                }
                label += &format!(" RC {}", rc.rc);
                if rc.rc != 0 && !rc.meaning.is_empty() {
                    label += &format!(" ({})", rc.meaning);
                }
                let kind = if rc.rc == 0 {
                    ArrowKind::Subfunction
                } else {
                    ArrowKind::Refused
                };
                self.vm_to_cp(rc.line, &rc.user, kind, label);
            }
            Event::Interrupt(i) => {
                self.started = true;
                let f = &i.fields;
                let mut label = format!("X'{}' {} MID {}", i.code, f.func_name, f.mid);
                for (bit, name) in [(0x80, "RESP"), (0x40, "RJCT"), (0x20, "PRTY")] {
                    if f.stat & bit != 0 {
                        label += " ";
                        label += name;
                    }
                }
                if f.eflg != 0 {
                    label += &format!(" EFLG {:02X}", f.eflg);
                }
                label += &format!(" from {}", f.user);
                if !i.data.is_empty() {
                    label += &format!(", {}{}", count(i.data.len() as u64), preview(&i.data));
                }
                self.cp_to_vm(i.line, &i.user, ArrowKind::Interrupt, label);
            }
            Event::Data(d) => {
                self.started = true;
                let label = format!(
                    "{} into X'{}'{}",
                    count(d.length),
                    d.address,
                    preview(&d.hex)
                );
                self.cp_to_vm(d.line, &d.user, ArrowKind::Data, label);
            }
            Event::Message(m) => {
                self.cp_to_vm(m.line, &m.user, ArrowKind::Message, m.text.clone());
            }
            Event::Error(e) => {
                self.started = true;
                let text = if e.text.starts_with(&e.id) {
                    e.text.clone()
                } else {
                    format!("{} {}", e.id, e.text)
                };
                match &e.user {
                    Some(user) => self.cp_to_vm(e.line, user, ArrowKind::Error, text),
                    None => self.note(e.line, NoteKind::Error, &text),
                }
            }
            Event::Other => {}
        }
    }

    fn command(&mut self, c: &events::Command, later: &[Event]) {
        let text = c.text.trim();
        if text.is_empty() {
            return;
        }
        if let Some(comment) = text.strip_prefix('*') {
            let comment = comment.trim();
            if comment.is_empty() {
                return;
            }
            if !self.started && self.diagram.title.is_none() {
                self.diagram.title = Some(one_line(comment));
            } else {
                self.note(c.line, NoteKind::Comment, comment);
            }
            return;
        }
        self.started = true;
        self.command = Some((c.line, text.to_string()));
        // A VMCF command is drawn by its return code, which says more.
        let answered = later
            .iter()
            .take_while(|e| !matches!(e, Event::Command(_)))
            .any(|e| matches!(e, Event::Rc(rc) if rc.line == c.line));
        if answered {
            return;
        }
        // LOGON is drawn from the VM it logs on, whoever was current at the console.
        let (prefix, rest) = split_user_prefix(text);
        match logon_target(rest).or(prefix).or(c.user.clone()) {
            Some(user) => self.vm_to_cp(c.line, &user, ArrowKind::Command, rest.to_string()),
            // As typed at CP's bare prompt, `> `.
            None => self.note(c.line, NoteKind::Command, &format!("> {text}")),
        }
    }

    /// The MID of a return code without one: `MID n` on its command line, else (SEND-types
    /// without `MID`, which take the VM's next) the interrupt the same line presents to the
    /// sink from this user.
    fn mid_of(&self, rc: &events::Rc, later: &[Event]) -> Option<u64> {
        if let Some((line, text)) = &self.command
            && *line == rc.line
            && let Some(mid) = mid_in(text)
        {
            return Some(mid);
        }
        later
            .iter()
            .take_while(|e| !matches!(e, Event::Command(_) | Event::Rc(_)))
            .find_map(|e| match e {
                Event::Interrupt(i)
                    if i.line == rc.line
                        && i.fields.stat & 0x80 == 0
                        && i.fields.user == rc.user
                        && same_function(&i.fields.func_name, &rc.subfunction) =>
                {
                    Some(i.fields.mid)
                }
                _ => None,
            })
    }

    fn lifeline(&mut self, lifeline: Lifeline) -> usize {
        let lifelines = &mut self.diagram.lifelines;
        match lifelines.iter().position(|l| *l == lifeline) {
            Some(i) => i,
            None => {
                lifelines.push(lifeline);
                lifelines.len() - 1
            }
        }
    }

    /// An arrow from a VM to CP: the VM's lifeline first if both are new.
    fn vm_to_cp(&mut self, line: usize, user: &str, kind: ArrowKind, label: String) {
        let from = self.lifeline(Lifeline::Vm(one_line(user)));
        let to = self.lifeline(Lifeline::Cp);
        self.arrow(line, from, to, kind, label);
    }

    /// An arrow from CP to a VM: CP's lifeline first if both are new.
    fn cp_to_vm(&mut self, line: usize, user: &str, kind: ArrowKind, label: String) {
        let from = self.lifeline(Lifeline::Cp);
        let to = self.lifeline(Lifeline::Vm(one_line(user)));
        self.arrow(line, from, to, kind, label);
    }

    fn arrow(&mut self, line: usize, from: usize, to: usize, kind: ArrowKind, label: String) {
        self.diagram.steps.push(Step::Arrow(Arrow {
            line,
            from,
            to,
            kind,
            label: one_line(&label),
        }));
    }

    fn note(&mut self, line: usize, kind: NoteKind, text: &str) {
        self.diagram.steps.push(Step::Note(Note {
            line,
            kind,
            text: one_line(text),
        }));
    }
}

/// Subfunctions whose parameter list names a message by its MID.
fn has_mid(subfunction: &str) -> bool {
    matches!(
        subfunction,
        "SEND" | "SENDRECV" | "SENDX" | "RECEIVE" | "REPLY" | "REJECT" | "CANCEL"
    )
}

/// Function names compared without punctuation or case (`SEND/RECV` is `SENDRECV`).
fn same_function(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    squeeze(a) == squeeze(b)
}

/// `userid:` before a command runs it as that user (docs/console.md#sessions-and-users).
fn split_user_prefix(text: &str) -> (Option<String>, &str) {
    match text.split_once(':') {
        Some((user, rest))
            if !user.is_empty() && !user.contains(char::is_whitespace) && user.len() <= 8 =>
        {
            (Some(user.to_ascii_uppercase()), rest.trim())
        }
        _ => (None, text),
    }
}

/// The userid of `LOGON userid` (or `LOGIN`, abbreviated), which is whose line it is when
/// nobody was current to type it.
fn logon_target(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    let verb = words.next()?.to_ascii_uppercase();
    let user = words.next()?;
    let is_logon = ["LOGON", "LOGIN"]
        .iter()
        .any(|v| verb.len() >= 4 && v.starts_with(&verb));
    is_logon.then(|| user.to_ascii_uppercase())
}

/// The number after the word `MID` in a command: decimal or `X'hex'`. Quoted text (data) is
/// passed over, so `DATA 'A MID 3 B'` names no MID.
fn mid_in(text: &str) -> Option<u64> {
    let mut outside = String::with_capacity(text.len());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `X'0A'` keeps its quotes and digits: it is a number, not text.
            '\'' if !quoted && outside.ends_with(['X', 'x']) => {
                outside.push(c);
                for d in chars.by_ref() {
                    outside.push(d);
                    if d == '\'' {
                        break;
                    }
                }
            }
            '\'' => {
                quoted = !quoted;
                outside.push(' ');
            }
            _ if quoted => {}
            c => outside.push(c),
        }
    }
    let mut words = outside.split_whitespace();
    words.find(|w| w.eq_ignore_ascii_case("MID"))?;
    let n = words.next()?;
    match n
        .strip_prefix(['X', 'x'])
        .and_then(|h| h.strip_prefix('\''))
    {
        Some(hex) => u64::from_str_radix(hex.strip_suffix('\'')?, 16).ok(),
        None => n.parse().ok(),
    }
}

/// `n bytes`: data moves are shown with their length.
fn count(length: u64) -> String {
    let unit = if length == 1 { "byte" } else { "bytes" };
    format!("{length} {unit}")
}

/// ` 'HELLO'`: the bytes as text when they are all printable EBCDIC (the first 24 characters,
/// then `...`), quoted as the console quotes; nothing otherwise.
fn preview(data: &[u8]) -> String {
    if data.is_empty() || !data.iter().all(|&b| ebcdic::is_printable(b)) {
        return String::new();
    }
    let text = ebcdic::decode(data);
    let shown: String = text.chars().take(24).collect();
    let more = if shown.len() < text.len() { "..." } else { "" };
    format!(" '{}'{more}", shown.replace('\'', "''"))
}

/// The text on one line: control characters (a line end in a message, stray bytes a console
/// line kept) become blanks, so no writer can be broken out of its line or its element.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_prefix_logon_target_and_mid_are_read_from_the_text() {
        assert_eq!(
            split_user_prefix("b: VMCF RECEIVE A MID 1"),
            (Some("B".into()), "VMCF RECEIVE A MID 1")
        );
        assert_eq!(split_user_prefix("SMSG B a: b"), (None, "SMSG B a: b"));
        assert_eq!(logon_target("logon a"), Some("A".into()));
        assert_eq!(logon_target("LOGI b"), Some("B".into()));
        assert_eq!(logon_target("LOG b"), None, "LOG is too short for LOGON");
        assert_eq!(logon_target("LOGOFF"), None);
        assert_eq!(mid_in("VMCF REPLY A MID 12 DATA 'x'"), Some(12));
        assert_eq!(mid_in("VMCF REPLY A mid X'1F'"), Some(31));
        assert_eq!(mid_in("VMCF REPLY A MID"), None);
        assert_eq!(mid_in("VMCF SEND A DATA 'MID 3'"), None);
        assert_eq!(mid_in("VMCF SEND A DATA 'X MID 3 Y'"), None);
        assert_eq!(mid_in("VMCF SEND A DATA 'it''s' MID 4"), Some(4));
        assert_eq!(
            mid_in("VMCF SEND A USE X'00' MID X'10' DATA 'MID 9'"),
            Some(16)
        );
    }

    #[test]
    fn data_is_previewed_only_when_printable_ebcdic() {
        assert_eq!(count(1), "1 byte");
        assert_eq!(count(0), "0 bytes");
        assert_eq!(preview(&[0xC8, 0xC9]), " 'HI'");
        assert_eq!(preview(&[0x7D]), " ''''", "a quote is doubled");
        assert_eq!(preview(&[0xC8, 0x00]), "");
        assert_eq!(preview(&[]), "");
        assert_eq!(preview(&[0xC1; 30]), format!(" '{}'...", "A".repeat(24)));
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.SVG")), Some(Format::Svg));
        assert_eq!(Format::from_path(Path::new("b.mmd")), Some(Format::Mermaid));
        assert_eq!(Format::from_path(Path::new("b.svg.txt")), None);
        assert_eq!(Format::from_path(Path::new("svg")), None);
    }

    #[test]
    fn one_line_removes_line_ends() {
        assert_eq!(one_line("a\nb\r\u{0}c\u{85}"), "a b  c ");
    }
}
