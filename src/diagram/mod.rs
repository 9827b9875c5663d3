//! Sequence diagrams of a session, drawn as the VMCF manual draws its protocols: one lifeline per
//! virtual machine and one for CP, arrows down the page in the order things happened.
//!
//! The diagram is built from the console's JSON Lines events (the contract of
//! docs/console.md#json-lines), never from console internals, so it keeps working while
//! the console changes; and only from their structured keys: what a command line was (its verb,
//! whom it acted as, whom it logged on, its comment) comes from the console's parser, and this
//! module never reads command text. This module owns the model ([`Diagram`]: lifelines,
//! arrows, notes, and the words of every label) and the [`Builder`] that makes it an event at
//! a time, in bounded memory; the writers own layout and syntax: `svg` (our own small SVG
//! writer) and `mermaid` (Mermaid `sequenceDiagram` text).
//!
//! ```
//! use vmcfsim::diagram::{Diagram, Format};
//!
//! let events =
//!     r#"{"event":"rc","line":2,"user":"A","subfunction":"AUTHORIZE","rc":0,"meaning":"ok"}"#;
//! let diagram = Diagram::from_json_lines(events).unwrap();
//! assert!(diagram.render(Format::Mermaid).contains("vm_A->>cp: AUTHORIZE RC 0"));
//! ```

mod events;
mod mermaid;
mod svg;

use std::path::Path;

pub(crate) use events::Event;
pub use events::ParseError;

use crate::ebcdic;

/// A diagram of a session: who takes part, and what passed between them, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagram {
    /// The first sentence of the comment lines the session opens with, if it opens with one.
    pub title: Option<String>,
    /// In order of first appearance.
    pub lifelines: Vec<Lifeline>,
    /// The rows, top to bottom.
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
    /// An arrow between two lifelines.
    Arrow(Arrow),
    /// Text across the whole diagram.
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
    /// The console input line it comes from.
    pub line: usize,
    /// The lifeline it starts at.
    pub from: usize,
    /// The lifeline it points to.
    pub to: usize,
    /// What it stands for.
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
    /// The console input line it comes from (the first, for comment lines run together).
    pub line: usize,
    /// What it says, which decides its style.
    pub kind: NoteKind,
    /// Text without control characters but `\n`, which separates the lines of CP's answer
    /// (HELP before LOGON is one note); writers wrap each line.
    pub text: String,
}

/// What a note says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// Comment lines of the script, consecutive ones run together.
    Comment,
    /// A command typed while nobody was logged on (no VM to draw it from).
    Command,
    /// A line CP wrote at the terminal of nobody logged on (HELP before the first LOGON).
    Message,
    /// An error for no particular VM.
    Error,
    /// The steps past [`STEPS_MAX`], counted.
    Omitted,
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
    /// them, read a line at a time into a [`Builder`]. A line that is not an event is an error
    /// naming the script line it belongs to.
    pub fn from_json_lines(jsonl: &str) -> Result<Diagram, ParseError> {
        let mut builder = Builder::new();
        for text in jsonl.lines() {
            builder.add_json(text)?;
        }
        Ok(builder.finish())
    }

    /// The diagram of a session from its events, in the order they happened.
    pub fn from_events(events: &[Event]) -> Diagram {
        let mut builder = Builder::new();
        for event in events {
            builder.add(event.clone());
        }
        builder.finish()
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

/// At most this many steps are drawn; later ones are counted in a last note. A picture of
/// 5,000 rows is 160,000 pixels tall, past what anyone reads, and the bound keeps a long
/// session's diagram (the REPL keeps one for `DIAGRAM FILE`) in bounded memory.
pub const STEPS_MAX: usize = 5_000;
/// An arrow's label is kept to this many bytes (the SVG draws 72 characters of it and has the
/// rest in its tooltip).
pub const LABEL_MAX: usize = 256;
/// A note (comment lines run together, CP's lines) is kept to this many bytes.
pub const NOTE_MAX: usize = 1_024;
/// The title, from the script's first comment sentence.
const TITLE_MAX: usize = 256;

/// Builds a [`Diagram`] incrementally, an event at a time, as a session runs: what it keeps is
/// the picture (each step's few numbers and its label or note, bounded by [`LABEL_MAX`] and
/// [`NOTE_MAX`], at most [`STEPS_MAX`] steps, a lifeline per VM drawn) and the events of the
/// line being read, never the whole event stream.
///
/// ```
/// use vmcfsim::diagram::{Builder, Format};
///
/// let mut builder = Builder::new();
/// for line in [
///     r#"{"event":"command","line":1,"user":null,"text":"L A","verb":"LOGON","acting":"A","logon":"A"}"#,
///     r#"{"event":"command","line":2,"user":"A","text":"VMCF AUTH","verb":"VMCF","acting":"A"}"#,
///     r#"{"event":"rc","line":2,"user":"A","subfunction":"AUTHORIZE","rc":0,"meaning":"ok"}"#,
/// ] {
///     builder.add_json(line).unwrap();
/// }
/// let mermaid = builder.diagram().render(Format::Mermaid);
/// assert!(mermaid.contains("vm_A-->>cp: L A"));
/// assert!(mermaid.contains("vm_A->>cp: AUTHORIZE RC 0"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Builder {
    diagram: Diagram,
    /// The events of the line being read: a line is drawn when the next begins, because a
    /// command answered by a return code is drawn by the return code.
    line: Vec<Event>,
    /// A line other than a comment has been drawn: only an opening comment block is the title.
    started: bool,
    /// The comment block the session opens with, (script line, text), until it ends.
    leading: Vec<(usize, String)>,
    /// The block's last line so far.
    leading_end: usize,
    /// The script line of the comment note drawn last, which the next comment line extends.
    open_note: Option<usize>,
    /// Steps past [`STEPS_MAX`]: how many, and the script lines of the first and last.
    omitted: usize,
    omitted_lines: Option<(usize, usize)>,
    /// Lines were skipped unread, so the steps past the limit are not counted.
    skipped: bool,
    /// JSON lines read, and the script line of the last event (for errors).
    json_lines: usize,
    last_line: Option<usize>,
}

impl Builder {
    /// An empty diagram.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Adds one event of the session, in the order they happened.
    pub fn add(&mut self, event: Event) {
        if matches!(event, Event::Command(_)) {
            self.end_line();
        }
        self.last_line = event.line().or(self.last_line);
        self.line.push(event);
    }

    /// Adds one line of JSON Lines text (a blank line is none). An error names the script line.
    pub fn add_json(&mut self, text: &str) -> Result<(), ParseError> {
        self.json_lines += 1;
        if text.trim().is_empty() {
            return Ok(());
        }
        let event = Event::from_json(text, self.json_lines, self.last_line)?;
        self.add(event);
        Ok(())
    }

    /// Draws the line being read: the caller knows a line has ended before the next command
    /// arrives (the REPL, after each outcome), and the builder then keeps none of its events.
    pub fn end_line(&mut self) {
        let mut events = std::mem::take(&mut self.line);
        let answered = events.iter().any(|e| matches!(e, Event::Rc(_)));
        for event in &events {
            self.draw(event, answered);
        }
        events.clear();
        self.line = events;
    }

    /// The diagram of the session so far; the builder goes on.
    pub fn diagram(&self) -> Diagram {
        self.clone().finish()
    }

    /// The diagram of the whole session.
    pub fn finish(mut self) -> Diagram {
        self.end_line();
        self.close_leading();
        if let Some((first, last)) = self.omitted_lines {
            let lines = if first == last {
                format!("line {first}")
            } else {
                format!("lines {first} to {last}")
            };
            let n = self.omitted;
            let what = match n {
                _ if self.skipped => "the rest of the session".to_string(),
                1 => "1 more step".to_string(),
                n => format!("{n} more steps"),
            };
            self.diagram.steps.push(Step::Note(Note {
                line: first,
                kind: NoteKind::Omitted,
                text: format!(
                    "... and {what} ({lines}) not drawn: a diagram holds at most {STEPS_MAX} steps."
                ),
            }));
        }
        self.diagram
    }

    /// Whether the diagram holds all the steps it will draw: what follows is only counted.
    pub fn full(&self) -> bool {
        self.diagram.steps.len() >= STEPS_MAX
    }

    /// Passes over a script line of a [`full`](Self::full) diagram without reading its events
    /// (which cost more to read than to skip); the last note then names the lines left out.
    pub fn skip_line(&mut self, line: usize) {
        self.end_line();
        self.skipped = true;
        let first = self.omitted_lines.map_or(line, |(f, _)| f);
        self.omitted_lines = Some((first, line));
    }

    /// Whether another step fits; if not, it is counted as omitted.
    fn room(&mut self, line: usize) -> bool {
        if self.diagram.steps.len() < STEPS_MAX {
            return true;
        }
        self.omitted += 1;
        let first = self.omitted_lines.map_or(line, |(f, _)| f);
        self.omitted_lines = Some((first, line));
        false
    }

    /// A step other than a comment: the opening comment block, if any, has ended.
    fn begin(&mut self) {
        self.close_leading();
        self.started = true;
        self.open_note = None;
    }

    fn draw(&mut self, event: &Event, answered: bool) {
        match event {
            Event::Command(c) => self.command(c, answered),
            Event::Rc(rc) => {
                self.begin();
                let mut label = rc.subfunction.clone();
                if let Some(partner) = rc.partner.as_deref().filter(|p| !p.is_empty()) {
                    label += match rc.subfunction.as_str() {
                        "AUTHORIZE" => " SPECIFIC ",
                        // The data comes from the partner; everything else goes to it.
                        "RECEIVE" => " ← ",
                        _ => " → ",
                    };
                    label += partner;
                }
                if let Some(mid) = rc.mid.filter(|_| has_mid(&rc.subfunction)) {
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
                self.vm_to_cp(rc.line, &rc.user, kind, &label);
            }
            Event::Interrupt(i) => {
                self.begin();
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
                self.cp_to_vm(i.line, &i.user, ArrowKind::Interrupt, &label);
            }
            Event::Data(d) => {
                self.begin();
                let label = format!(
                    "{} into X'{}'{}",
                    count(d.length),
                    d.address,
                    preview(&d.hex)
                );
                self.cp_to_vm(d.line, &d.user, ArrowKind::Data, &label);
            }
            // Where the console put a command's data is bookkeeping, not a message of CP's.
            Event::Message(m) if m.address.is_some() => {}
            Event::Message(m) => {
                self.begin();
                match &m.user {
                    Some(user) => self.cp_to_vm(m.line, user, ArrowKind::Message, &m.text),
                    // CP's answer of several lines on nobody's terminal is one note.
                    None => match self.diagram.steps.last_mut() {
                        Some(Step::Note(n)) if n.kind == NoteKind::Message && n.line == m.line => {
                            n.text.push('\n');
                            n.text.push_str(&one_line(&m.text));
                            n.text = clip(&n.text, NOTE_MAX);
                        }
                        _ => self.note(m.line, NoteKind::Message, &m.text),
                    },
                }
            }
            Event::Error(e) => {
                self.begin();
                let text = if e.text.starts_with(&e.id) {
                    e.text.clone()
                } else {
                    format!("{} {}", e.id, e.text)
                };
                match &e.user {
                    Some(user) => self.cp_to_vm(e.line, user, ArrowKind::Error, &text),
                    None => self.note(e.line, NoteKind::Error, &text),
                }
            }
            Event::Other => {}
        }
    }

    fn command(&mut self, c: &events::Command, answered: bool) {
        if let Some(comment) = &c.comment {
            // An expectation (`*=`, docs/console.md#checking-a-script) restates what the
            // diagram already draws: the comment after its `*` starts with the marker's `=`.
            if !comment.starts_with(&crate::check::expect::MARKER[1..]) {
                self.comment(c.line, comment);
            }
            return;
        }
        let text = c.text.trim();
        if text.is_empty() {
            // A blank line ends a comment block.
            self.close_leading();
            self.open_note = None;
            return;
        }
        self.begin();
        // A VMCF command is drawn by its return code, which says more.
        if answered {
            return;
        }
        // Drawn from the VM it acted as (a LOGON: the VM it logs on); before the console
        // said so, from the user it was typed as.
        let acting = match &c.acting {
            Some(acting) => acting.as_deref(),
            None => c.user.as_deref(),
        };
        // The command from its verb: the arrow starts at the user a `userid:` prefix names.
        let command = match c.verb_column {
            Some(column) => c.text.chars().skip(column.saturating_sub(1)).collect(),
            None => text.to_string(),
        };
        let command = command.trim();
        match acting {
            Some(user) => self.vm_to_cp(c.line, user, ArrowKind::Command, command),
            // As typed at CP's bare prompt, prefix and all: nobody it names could act.
            None => self.note(c.line, NoteKind::Command, &format!("> {text}")),
        }
    }

    /// A comment line: the opening block becomes the title and a note, later lines in a row
    /// one note, a blank comment (`*` alone) ends a note.
    fn comment(&mut self, line: usize, text: &str) {
        if text.is_empty() {
            self.close_leading();
            self.open_note = None;
            return;
        }
        let in_leading = self.leading.is_empty() || self.leading_end + 1 == line;
        if !self.started && self.diagram.title.is_none() && in_leading {
            // Past what the title and its note can show, the block's lines are only counted.
            let kept: usize = self.leading.iter().map(|(_, t)| t.len() + 1).sum();
            if kept <= NOTE_MAX + TITLE_MAX {
                self.leading.push((line, one_line(text)));
            }
            self.leading_end = line;
            return;
        }
        self.close_leading();
        if let Some(open) = self.open_note
            && open + 1 == line
            && let Some(Step::Note(n)) = self.diagram.steps.last_mut()
            && n.kind == NoteKind::Comment
        {
            n.text.push(' ');
            n.text.push_str(&one_line(text));
            n.text = clip(&n.text, NOTE_MAX);
            self.open_note = Some(line);
            return;
        }
        self.note(line, NoteKind::Comment, text);
        self.open_note = Some(line);
    }

    /// Ends the opening comment block: its first sentence is the title, the rest a note.
    fn close_leading(&mut self) {
        if self.leading.is_empty() {
            return;
        }
        let block = std::mem::take(&mut self.leading);
        let mut text = String::new();
        let mut starts = Vec::with_capacity(block.len());
        for (line, t) in &block {
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push((text.len(), *line));
            text.push_str(t);
        }
        let end = first_sentence(&text)
            .or_else(|| block.first().map(|(_, t)| t.len()))
            .unwrap_or(text.len());
        let (title, rest) = text.split_at(end);
        self.diagram.title = Some(clip(title.trim(), TITLE_MAX));
        let rest_at = end + (rest.len() - rest.trim_start().len());
        let rest = rest.trim();
        if !rest.is_empty() {
            let line = starts
                .iter()
                .rev()
                .find(|(at, _)| *at <= rest_at)
                .map_or(block[0].0, |s| s.1);
            self.note(line, NoteKind::Comment, rest);
            self.open_note = Some(self.leading_end);
        }
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
    fn vm_to_cp(&mut self, line: usize, user: &str, kind: ArrowKind, label: &str) {
        if self.room(line) {
            let from = self.lifeline(Lifeline::Vm(clip(&one_line(user), LABEL_MAX)));
            let to = self.lifeline(Lifeline::Cp);
            self.arrow(line, from, to, kind, label);
        }
    }

    /// An arrow from CP to a VM: CP's lifeline first if both are new.
    fn cp_to_vm(&mut self, line: usize, user: &str, kind: ArrowKind, label: &str) {
        if self.room(line) {
            let from = self.lifeline(Lifeline::Cp);
            let to = self.lifeline(Lifeline::Vm(clip(&one_line(user), LABEL_MAX)));
            self.arrow(line, from, to, kind, label);
        }
    }

    fn arrow(&mut self, line: usize, from: usize, to: usize, kind: ArrowKind, label: &str) {
        self.diagram.steps.push(Step::Arrow(Arrow {
            line,
            from,
            to,
            kind,
            label: clip(&one_line(label), LABEL_MAX),
        }));
    }

    fn note(&mut self, line: usize, kind: NoteKind, text: &str) {
        if self.room(line) {
            self.diagram.steps.push(Step::Note(Note {
                line,
                kind,
                text: clip(&one_line(text), NOTE_MAX),
            }));
        }
    }
}

/// Subfunctions whose parameter list names a message by its MID.
fn has_mid(subfunction: &str) -> bool {
    matches!(
        subfunction,
        "SEND" | "SENDRECV" | "SENDX" | "RECEIVE" | "REPLY" | "REJECT" | "CANCEL"
    )
}

/// Where the first sentence of `text` ends: after the first `.`, `!` or `?` that ends the
/// text or is followed by a blank (so `7.2` and `v1.2` inside a word do not end it).
fn first_sentence(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|(_, n)| n.is_whitespace()) {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// `text` cut to at most `max` bytes at a character boundary, with `…` when cut.
fn clip(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max - '…'.len_utf8();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
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
    fn the_first_sentence_ends_at_a_stop_before_a_blank() {
        assert_eq!(
            first_sentence("a.cp: one (ref 7.2, v1.2). Two."),
            Some("a.cp: one (ref 7.2, v1.2).".len())
        );
        assert_eq!(first_sentence("Why? Because"), Some(4));
        assert_eq!(first_sentence("no end 7.2"), None);
        assert_eq!(first_sentence("end."), Some(4));
    }

    #[test]
    fn a_long_opening_block_is_one_title_and_one_note_however_long() {
        let mut b = Builder::new();
        for line in 1..=2_000 {
            let text = format!("* Line {line} of the opening.");
            let comment = format!("Line {line} of the opening.");
            b.add(Event::Command(events::Command {
                line,
                user: None,
                text,
                verb: None,
                verb_column: None,
                acting: Some(None),
                logon: None,
                logoff: None,
                comment: Some(comment),
            }));
        }
        let d = b.finish();
        assert_eq!(d.title.as_deref(), Some("Line 1 of the opening."));
        assert_eq!(d.steps.len(), 1, "{:?}", d.steps);
        let Step::Note(n) = &d.steps[0] else { panic!() };
        assert_eq!(n.line, 2);
        assert!(
            n.text.len() <= NOTE_MAX && n.text.ends_with('…'),
            "{}",
            n.text
        );
    }

    #[test]
    fn clip_cuts_at_a_character_boundary() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcdef", 5), "ab…");
        let cut = clip(&"é".repeat(10), 8);
        assert!(cut.len() <= 8 && cut.ends_with('…'), "{cut}");
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
