//! The console's output as lines: the one place that knows how console output looks. It turns
//! an [`Outcome`] into [`Lines`] (each line on one terminal, its text in toned spans): CP's
//! lines (LOGON AT, MSG FROM, DISPLAY's layout), return codes in words, interrupts as the 40
//! header bytes in DISPLAY's layout plus one line a field, data in hex and EBCDIC, and errors
//! with a caret under the offending word. The transcript is [`write_text`] over those lines;
//! colour is a front end's business (tones say what a span is, never how it looks).
//!
//! Lines are built in one reused buffer with the `push` helpers, not with `format!`: a replay
//! writes a dozen lines for each line it reads, and temporary strings were most of its cost.
//! The JSON renderer takes the same lines, one at a time, as the texts of its `"message"`s.
//!
//! `errors` renders a rejected line, `vmcf` return codes and interrupts, `display` storage in
//! DISPLAY's layout, `responses` CP's messages and command responses; this module is the entry
//! (`render_text`, `render_lines`), the options and the sinks the lines go to.

mod display;
mod errors;
mod responses;
#[cfg(test)]
mod tests;
mod vmcf;

#[cfg(doc)]
use super::line::write_text;
use super::line::{Lines, Tone, owner_column_of};
use super::push;
use super::session::{Outcome, Record, Response};
use crate::cp::Event;
use crate::vmcf::{ReturnCode, Userid};
use display::dump;
use errors::{error_lines, printable_into};
use responses::informational;
use vmcf::{interrupt, rc_line};

// What the JSON renderer shares.
pub(crate) use responses::{message_lines, response_lines};

/// How a transcript is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions<'a> {
    /// Echo the input line after its prompt (`run` does; the REPL does not, the user typed it).
    pub echo: bool,
    /// The script's name, for `FILE:LINE` in error lines (`None` in the REPL).
    pub source: Option<&'a str>,
    /// The columns lines are fitted to (HELP is wrapped, an error's excerpt cut), as the front
    /// end decides: the terminal's width, or `None` for [`WIDTH`] (pipes and files).
    pub width: Option<usize>,
}

/// The width HELP and error excerpts are fitted to when the front end gives none.
pub const WIDTH: usize = 80;

/// Where the lines of an event or response go, one at a time: the line model (on one
/// terminal), or the JSON renderer (as the text of a `"message"`). Offsets are lengths of the
/// string [`Sink::text`] gives, taken after [`Sink::begin`].
pub(crate) trait Sink {
    /// Starts a line of `tone`: its text is appended to the string given.
    fn begin(&mut self, tone: Tone) -> &mut String;
    /// The string the line begun last is appended to.
    fn text(&mut self) -> &mut String;
    /// Marks what was appended since `from` as `tone`.
    fn mark(&mut self, tone: Tone, from: usize);
    /// Marks `from..to` of the line begun last as `tone` (in order, not overlapping the marks
    /// before it).
    fn mark_range(&mut self, _tone: Tone, _from: usize, _to: usize) {}
    /// Ends the line begun last.
    fn end(&mut self);
}

/// A stream of lines whose owner is set before each record's lines: the line model, or the
/// text transcript written as the lines come.
pub(crate) trait Terminals: Sink {
    /// The terminal the next lines are on.
    fn owner(&mut self, owner: Option<Userid>);
}

/// Lines into the line model.
struct To<'l> {
    lines: &'l mut Lines,
    owner: Option<Userid>,
}

impl Sink for To<'_> {
    fn begin(&mut self, tone: Tone) -> &mut String {
        self.lines.begin(self.owner, tone);
        self.lines.text()
    }

    fn text(&mut self) -> &mut String {
        self.lines.text()
    }

    #[inline]
    fn mark(&mut self, tone: Tone, from: usize) {
        self.lines.mark_from(tone, from);
    }

    fn mark_range(&mut self, tone: Tone, from: usize, to: usize) {
        self.lines.mark_range(tone, from, to);
    }

    fn end(&mut self) {
        self.lines.end();
    }
}

impl Terminals for To<'_> {
    fn owner(&mut self, owner: Option<Userid>) {
        self.owner = owner;
    }
}

/// The plain transcript written as the lines come: what [`write_text`] makes of the same lines
/// once stored, without storing them. A replay writes a dozen lines for each line it reads,
/// and storing them first made `vmcfsim run` 16% slower (instructions counted), so the plain
/// transcript streams; the tests hold the two to the same bytes for every shipped script.
struct TextOut<'o> {
    out: &'o mut String,
    owner: Option<Userid>,
    /// The owner column of `owner` (built once for a run of lines).
    column: String,
    /// Whose column `column` is.
    column_of: Option<Option<Userid>>,
}

impl Sink for TextOut<'_> {
    #[inline]
    fn begin(&mut self, tone: Tone) -> &mut String {
        if tone != Tone::Echo {
            if self.column_of != Some(self.owner) {
                self.column.clear();
                owner_column_of(&mut self.column, self.owner);
                self.column_of = Some(self.owner);
            }
            self.out.push_str(&self.column);
        }
        self.out
    }

    #[inline]
    fn text(&mut self) -> &mut String {
        self.out
    }

    #[inline]
    fn mark(&mut self, _: Tone, _: usize) {}

    #[inline]
    fn end(&mut self) {
        self.out.push('\n');
    }
}

impl Terminals for TextOut<'_> {
    fn owner(&mut self, owner: Option<Userid>) {
        self.owner = owner;
    }
}

/// Appends `s` to the line begun last as a run of `tone`.
fn push_toned<S: Sink + ?Sized>(lines: &mut S, tone: Tone, s: &str) {
    let from = lines.text().len();
    lines.text().push_str(s);
    lines.mark(tone, from);
}

/// Appends a userid to the line begun last, toned as one.
fn userid_toned<S: Sink + ?Sized>(lines: &mut S, u: Userid) {
    let from = lines.text().len();
    push::userid(lines.text(), u);
    lines.mark(Tone::Userid, from);
}

/// Appends the transcript lines of `o` to `out`, each ending in `\n`: the lines of
/// [`render_lines`] as [`write_text`] writes them, the owner column and the text, no colour.
pub fn render_text(o: &Outcome, opts: &TextOptions, out: &mut String) {
    render(
        o,
        opts,
        &mut TextOut {
            out,
            owner: None,
            column: String::new(),
            column_of: None,
        },
    );
}

/// Appends the lines of `o` to `out`: the echo (with `opts.echo`), then every record's lines
/// on the terminal it belongs to.
pub fn render_lines(o: &Outcome, opts: &TextOptions, out: &mut Lines) {
    render(
        o,
        opts,
        &mut To {
            lines: out,
            owner: None,
        },
    );
}

fn render<T: Terminals>(o: &Outcome, opts: &TextOptions, t: &mut T) {
    if opts.echo {
        t.owner(o.user());
        t.begin(Tone::Echo);
        // A blank line echoes as the bare prompt, without trailing blanks.
        if o.text().trim().is_empty() {
            push_toned(t, Tone::Prompt, o.prompt().trim_end());
        } else {
            push_toned(t, Tone::Prompt, o.prompt());
            let from = t.text().len();
            printable_into(t.text(), o.text());
            // The parser's reading of the line tones it, as the REPL tones the line being typed
            // (unless control characters changed its bytes).
            if t.text().len() - from == o.text().len() {
                for (span, kind) in o.marks() {
                    let (start, end) = (from + span.start, from + span.end);
                    t.mark_range(kind.tone(), start, end);
                }
            }
        }
        t.end();
    }
    for r in o.records() {
        match r {
            Record::Event(i) => event(t, o, &o.events()[*i]),
            Record::Response { user, response } => {
                if !matches!(response, Response::SystemReset { .. }) || o.imsg(*user) {
                    t.owner(*user);
                    response_lines(o, *user, response, opts.width.unwrap_or(WIDTH), t);
                }
            }
            Record::Error { user, error } => {
                t.owner(*user);
                error_lines(t, *user, error, o, opts);
            }
        }
    }
}

fn event<T: Terminals>(t: &mut T, o: &Outcome, e: &Event) {
    match e {
        Event::ReturnCode {
            user,
            func,
            mid,
            partner,
            rc,
            ..
        } => {
            let tone = if *rc == ReturnCode::Ok {
                Tone::RcOk
            } else {
                Tone::RcRefused
            };
            t.owner(Some(*user));
            t.begin(tone);
            rc_line(t, *func, *mid, *partner, *rc);
            t.end();
        }
        Event::Interrupt {
            user,
            buffer,
            header,
            data,
        } => {
            t.owner(Some(*user));
            interrupt(t, *buffer, header, o.bytes(*data));
        }
        Event::Data {
            user,
            address,
            data,
        } => {
            let bytes = o.bytes(*data);
            t.owner(Some(*user));
            let s = t.begin(Tone::Plain);
            s.push_str("DATA MOVED TO ");
            push::hexloc(s, *address);
            s.push_str(", ");
            push::count(s, bytes.len() as u64, "BYTE");
            t.end();
            dump(u64::from(*address), bytes, true, t);
        }
        Event::Message { user, message } => {
            // SET IMSG OFF: the user's terminal does not show CP's informational responses.
            if !informational(message) || o.imsg(Some(*user)) {
                t.owner(Some(*user));
                message_lines(message, t);
            }
        }
        // Engine errors became records with CP's message before rendering.
        Event::Error { .. } => {}
    }
}
