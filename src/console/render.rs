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

#[cfg(doc)]
use super::line::write_text;
use super::line::{Lines, Tone, owner_column_of};
use super::messages::ConsoleError;
use super::push;
use super::session::{Outcome, Placed, Record, Response, Terminal};
use crate::cp::{CpMessage, Emsg, Event, Tod};
use crate::vmcf::{ReturnCode, Subfunction, TransferError, Userid, Vmcmhdr};
use std::fmt::Write;

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

fn error_lines<S: Sink>(
    lines: &mut S,
    user: Option<Userid>,
    e: &ConsoleError,
    o: &Outcome,
    opts: &TextOptions,
) {
    // SET EMSG of the terminal's user decides what CP's line shows; OFF shows nothing, not
    // even vmcfsim's caret (the line is still rejected).
    let Some(headline) = e.headline(o.emsg(user)) else {
        return;
    };
    let s = lines.begin(Tone::Error);
    if let Some(name) = opts.source {
        let _ = write!(s, "{name}:{}: ", o.line_no());
    }
    s.push_str(&headline);
    lines.end();
    // The excerpt and caret lines start after the owner column and two blanks.
    let room = opts
        .width
        .unwrap_or(WIDTH)
        .saturating_sub(column_len(user) + 2);
    let line = |lines: &mut S, tone: Tone, text: &str| {
        lines.begin(tone).push_str(text);
        lines.end();
    };
    match (&e.span, &e.reason) {
        (Some(span), reason) => {
            let (shown, caret) = caret(o.text(), span.clone(), room);
            line(lines, Tone::Plain, &format!("  {shown}"));
            let why = reason.as_deref().unwrap_or("");
            if why.is_empty() || caret.chars().count() + 1 + why.chars().count() <= room {
                line(lines, Tone::Caret, format!("  {caret} {why}").trim_end());
            } else {
                // The reason does not fit after the caret: it goes under it.
                line(lines, Tone::Caret, &format!("  {caret}"));
                super::help::wrap(&format!("  {why}"), room + 2, |l| {
                    line(lines, Tone::Caret, l)
                });
            }
        }
        (None, Some(reason)) => line(lines, Tone::Plain, &format!("  {reason}")),
        (None, None) => {}
    }
}

/// The width of the owner column of `user`'s lines (`A: `; none for nobody's terminal).
fn column_len(user: Option<Userid>) -> usize {
    let mut s = String::new();
    owner_column_of(&mut s, user);
    s.len()
}

/// Input as the transcript shows it: a tab as a blank, other control characters as `?`, so a
/// script cannot send escape sequences to the reader's terminal.
fn printable(text: &str) -> String {
    let mut s = String::new();
    printable_into(&mut s, text);
    s
}

fn printable_into(out: &mut String, text: &str) {
    // Control characters are C0, DEL and C1 (U+0080..U+009F, in UTF-8 after a C2 byte).
    if !text.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2) {
        out.push_str(text);
        return;
    }
    out.extend(text.chars().map(|c| match c {
        '\t' => ' ',
        c if c.is_control() => '?',
        c => c,
    }));
}

/// The line cut to `width` columns around the span (`...` where something is cut), and the
/// caret line under the span; neither is longer than `width` (20 at least). Only this knows
/// the window, so a front end with another width passes its own.
pub(crate) fn caret(line: &str, span: std::ops::Range<usize>, width: usize) -> (String, String) {
    const ELLIPSIS: usize = 3;
    let width = width.max(20);
    let clamp = |i: usize| {
        let mut i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (clamp(span.start), clamp(span.end.max(span.start)));
    let before: Vec<char> = line[..start].chars().collect();
    let inside: Vec<char> = line[start..end].chars().collect();
    let after: Vec<char> = line[end..].chars().collect();
    // A long span is cut (unless the whole line fits), leaving room for context around it.
    let fits = before.len() + inside.len().max(1) + after.len() <= width;
    let ins = if fits {
        inside.len()
    } else {
        inside.len().min(width - 16)
    };
    let cut_inside = ins < inside.len();
    // The caret takes a column even under nothing (a span at the end of the line).
    let avail = width - ins.max(1);
    let tail = |a: usize| {
        if cut_inside || a < after.len() {
            ELLIPSIS
        } else {
            0
        }
    };
    let (mut lead, mut b, mut a) = (0, before.len(), after.len());
    if !fits {
        // What follows gets up to a third; what comes before the rest.
        a = if cut_inside { 0 } else { a.min(avail / 3) };
        if b + a + tail(a) > avail {
            lead = ELLIPSIS;
            b = avail - a - tail(a) - lead;
        } else if !cut_inside {
            let spare = avail - b;
            a = if after.len() <= spare {
                after.len()
            } else {
                spare - ELLIPSIS
            };
        }
    }
    let mut shown = String::new();
    if lead > 0 {
        shown.push_str("...");
    }
    shown.extend(&before[before.len() - b..]);
    shown.extend(&inside[..ins]);
    shown.extend(&after[..a]);
    if tail(a) > 0 {
        shown.push_str("...");
    }
    let shown = printable(&shown);
    let caret = format!("{}{}", " ".repeat(lead + b), "^".repeat(ins.max(1)));
    (shown, caret)
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

/// `SEND TO B MID 1: RC 0 (complete or successfully initiated)`; `REPLY TO B MID 1: ...` for
/// A's REPLY to B's SEND/RECV; on the line begun last.
fn rc_line<S: Sink>(lines: &mut S, func: u16, mid: u32, partner: Userid, rc: ReturnCode) {
    push::function_name(lines.text(), func);
    let sub = Subfunction::from_code(func);
    // The preposition says which way the call goes: RECEIVE takes B's data FROM B; a REPLY or
    // REJECT goes TO B, the source, as does a CANCEL of a message sent TO B. (`REPLY FROM B`
    // read as if B had replied.)
    let (whom, with_mid) = match sub {
        Some(s) if s.is_send_type() || s == Subfunction::Cancel => (" TO ", true),
        Some(Subfunction::Identify) => (" TO ", false),
        Some(Subfunction::Reply | Subfunction::Reject) => (" TO ", true),
        Some(Subfunction::Receive) => (" FROM ", true),
        _ => ("", false),
    };
    if !whom.is_empty() {
        lines.text().push_str(whom);
        userid_toned(lines, partner);
        if with_mid {
            let out = lines.text();
            out.push_str(" MID ");
            push::dec(out, u64::from(mid));
        }
    }
    let out = lines.text();
    out.push_str(": RC ");
    push::dec(out, u64::from(rc.number()));
    out.push_str(" (");
    out.push_str(rc.meaning());
    out.push(')');
}

/// What kind of X'4001' interrupt a header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A SEND, SEND/RECV or SENDX arriving at its sink.
    Send,
    /// A special message (SENDX from SYSTEM).
    Smsg,
    /// IDENTIFY (final as presented).
    Identify,
    /// The final RESPONSE to a source.
    Response,
}

pub(crate) fn kind(h: &Vmcmhdr) -> Kind {
    let identify = h.func == Subfunction::Identify.code();
    if h.is_response() && identify {
        Kind::Identify
    } else if h.is_response() {
        Kind::Response
    } else if h.user == Userid::SYSTEM && h.func == Subfunction::Sendx.code() {
        Kind::Smsg
    } else {
        Kind::Send
    }
}

fn interrupt<S: Sink>(lines: &mut S, buffer: u32, h: &Vmcmhdr, data: &[u8]) {
    let s = lines.begin(Tone::Interrupt);
    s.push_str("EXTERNAL INTERRUPT X'4001' AT ");
    push::hexloc(s, buffer);
    s.push_str(": ");
    let mid = |lines: &mut S| {
        let s = lines.text();
        s.push_str(" MID ");
        push::dec(s, u64::from(h.mid));
    };
    match kind(h) {
        Kind::Send => {
            push::function_name(s, h.func);
            s.push_str(" FROM ");
            userid_toned(lines, h.user);
            mid(lines);
        }
        Kind::Smsg => {
            s.push_str("SMSG FROM ");
            userid_toned(lines, Userid::from_ebcdic(h.use_dw));
        }
        Kind::Identify => {
            s.push_str("IDENTIFY FROM ");
            userid_toned(lines, h.user);
        }
        Kind::Response => {
            s.push_str("RESPONSE FROM ");
            userid_toned(lines, h.user);
            let s = lines.text();
            s.push_str(" TO ");
            push::function_name(s, h.func);
            mid(lines);
            let s = lines.text();
            if h.is_rejected() {
                s.push_str(", REJECTED");
            }
            if h.eflg != 0 {
                s.push_str(", VMCMEFLG ");
                push::dec(s, u64::from(h.eflg));
                s.push(' ');
                s.push_str(eflg_meaning(h.eflg));
            }
        }
    }
    lines.end();
    dump(u64::from(buffer), &h.encode(), false, lines);
    field_lines(h, lines);
    if !data.is_empty() {
        let at = buffer.wrapping_add(Vmcmhdr::LEN as u32);
        let s = lines.begin(Tone::Plain);
        s.push_str("  VMCMBUF AT ");
        push::hexloc(s, at);
        s.push_str(", ");
        push::count(s, data.len() as u64, "BYTE");
        lines.end();
        dump(u64::from(at), data, true, lines);
    }
}

fn eflg_meaning(eflg: u8) -> &'static str {
    TransferError::from_number(eflg).map_or("(no meaning known)", |t| t.meaning())
}

/// Starts a field's line: the name, then the value (`digits` hex digits of `value`, or the
/// 8 bytes of `dw`) padded to the meaning's column. Returns where the line's text starts and
/// where its meaning does.
fn field<S: Sink>(
    lines: &mut S,
    name: &str,
    value: u32,
    digits: usize,
    dw: Option<&[u8; 8]>,
) -> (usize, usize) {
    let s = lines.begin(Tone::Plain);
    let start = s.len();
    s.push_str("  ");
    push_toned(lines, Tone::FieldName, name);
    let s = lines.text();
    push::blanks(s, 9 - name.len());
    let hex = s.len();
    match dw {
        Some(b) => push::hex(s, b),
        None => push::hex_u32(s, value, digits),
    }
    lines.mark(Tone::Hex, hex);
    let s = lines.text();
    push::blanks(s, 18 - dw.map_or(digits, |_| 16));
    (start, s.len())
}

/// Ends a field's line: the meaning appended since `meaning` is dim, and no blanks trail.
fn field_end<S: Sink>(lines: &mut S, (start, meaning): (usize, usize)) {
    push::trim_end_from(lines.text(), start);
    lines.mark(Tone::Dim, meaning);
    lines.end();
}

/// One line a header field, `  {name:<9}{hex:<18}{meaning}` without trailing blanks: its
/// name, hex value and meaning in words.
fn field_lines<S: Sink>(h: &Vmcmhdr, lines: &mut S) {
    let k = kind(h);
    let sendrecv = h.func == Subfunction::SendRecv.code();
    // A field whose value is a word; `meaning` may leave nothing, then no blanks trail.
    let word = |lines: &mut S, name: &str, v: u32, meaning: &dyn Fn(&mut String)| {
        let at = field(lines, name, v, 8, None);
        meaning(lines.text());
        field_end(lines, at);
    };

    let at = field(lines, "VMCMSTAT", u32::from(h.stat), 2, None);
    let s = lines.text();
    let names = crate::vmcf::codes::status_names(h.stat);
    if names.is_empty() {
        s.push_str(match k {
            Kind::Send | Kind::Smsg => "none: a message arriving",
            _ => "none",
        });
    } else {
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(n);
        }
    }
    field_end(lines, at);

    let at = field(lines, "VMCMEFLG", u32::from(h.eflg), 2, None);
    let s = lines.text();
    if h.eflg == 0 {
        s.push_str("0 no error");
    } else {
        push::dec(s, u64::from(h.eflg));
        s.push(' ');
        s.push_str(eflg_meaning(h.eflg));
    }
    field_end(lines, at);

    let at = field(lines, "VMCMFUNC", u32::from(h.func), 4, None);
    push::function_name(lines.text(), h.func);
    field_end(lines, at);

    word(lines, "VMCMMID", h.mid, &|s| push::dec(s, u64::from(h.mid)));

    let at = field(lines, "VMCMUSER", 0, 16, Some(&h.user.ebcdic()));
    let s = lines.text();
    push::userid(s, h.user);
    s.push_str(match k {
        Kind::Send | Kind::Identify => " (source)",
        Kind::Smsg => " (CP)",
        Kind::Response => " (sink)",
    });
    field_end(lines, at);

    word(lines, "VMCMVADA", h.vada, &|s| {
        s.push_str(match k {
            Kind::Send => "source's data",
            Kind::Response => "my data",
            Kind::Smsg | Kind::Identify => "",
        })
    });
    word(lines, "VMCMLENA", h.lena, &|s| {
        let n = u64::from(h.lena);
        match k {
            Kind::Identify => push::dec(s, n),
            _ => push::count(s, n, "byte"),
        }
        s.push_str(match k {
            Kind::Smsg => " of text",
            Kind::Response => " not moved",
            Kind::Send | Kind::Identify => "",
        });
    });
    word(lines, "VMCMVADB", h.vadb, &|s| {
        s.push_str(match (k, sendrecv) {
            (Kind::Send, true) => "source's reply buffer",
            (Kind::Response, true) => "my reply buffer",
            _ => "",
        })
    });
    word(lines, "VMCMLENB", h.lenb, &|s| {
        let n = u64::from(h.lenb);
        match (k, sendrecv) {
            (Kind::Send | Kind::Response, true) => push::count(s, n, "byte"),
            _ => push::dec(s, n),
        }
        s.push_str(match (k, sendrecv) {
            (Kind::Send, true) => " of reply buffer",
            (Kind::Response, true) => " of reply buffer unused",
            _ => "",
        });
    });

    let at = field(lines, "VMCMUSE", 0, 16, Some(&h.use_dw));
    let s = lines.text();
    s.push('\'');
    push::ebcdic_text(s, &h.use_dw);
    s.push('\'');
    if k == Kind::Smsg {
        s.push_str(" issuer ");
        push::userid(s, Userid::from_ebcdic(h.use_dw));
    }
    field_end(lines, at);
}

/// Storage lines in CP's DISPLAY layout, each indented by two blanks: address, words of 8
/// hex digits (a line never crosses a 16-byte boundary), and with `translate` the EBCDIC
/// between asterisks, unprintable as `.`. Two or more full lines equal to the one before are
/// shown as one SUPPRESSED line.
fn dump<S: Sink>(address: u64, bytes: &[u8], translate: bool, lines: &mut S) {
    let mut d = Dump::new(translate, "  ");
    d.push(address, bytes, lines);
    d.finish(lines);
}

/// [`dump`] fed piece by piece (pieces follow each other in storage), so DISPLAY of a large
/// range never holds more than a page of it.
pub(crate) struct Dump {
    translate: bool,
    /// Put before each line.
    indent: &'static str,
    /// The last line shown or suppressed: its address, bytes and length.
    previous: Option<(u64, [u8; 16], usize)>,
    /// Full lines equal to `previous`, first and last address, not shown yet.
    same: Option<(u64, u64)>,
}

impl Dump {
    pub(crate) fn new(translate: bool, indent: &'static str) -> Dump {
        Dump {
            translate,
            indent,
            previous: None,
            same: None,
        }
    }

    /// Adds `bytes` found at `address`.
    pub(crate) fn push<S: Sink>(&mut self, address: u64, bytes: &[u8], lines: &mut S) {
        let mut at = 0usize;
        while at < bytes.len() {
            let a = address + at as u64;
            let n = (16 - (a % 16) as usize).min(bytes.len() - at);
            let chunk = &bytes[at..at + n];
            let repeat = n == 16
                && self
                    .previous
                    .is_some_and(|(_, p, len)| len == 16 && p[..] == *chunk);
            if repeat {
                self.same = Some(self.same.map_or((a, a), |(from, _)| (from, a)));
            } else {
                self.flush(lines);
                self.line(a, chunk, lines);
            }
            let mut line = [0u8; 16];
            line[..n].copy_from_slice(chunk);
            self.previous = Some((a, line, n));
            at += n;
        }
    }

    /// One line: `{hexloc}  {hex}`, or `{hexloc}  {hex:<35}  *{ebcdic}*` translated.
    fn line<S: Sink>(&self, address: u64, bytes: &[u8], lines: &mut S) {
        let s = lines.begin(Tone::Plain);
        s.push_str(self.indent);
        hexloc64(s, address);
        s.push_str("  ");
        let from = s.len();
        // At most 16 bytes: 32 digits and 3 blanks, built here and appended at once.
        let mut hex = [b' '; 35];
        let mut n = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i > 0 && (address + i as u64).is_multiple_of(4) {
                n += 1;
            }
            hex[n] = HEX[usize::from(b >> 4)];
            hex[n + 1] = HEX[usize::from(b & 0xF)];
            n += 2;
        }
        let s = lines.text();
        s.push_str(std::str::from_utf8(&hex[..n]).unwrap_or_default());
        lines.mark(Tone::Hex, from);
        if self.translate {
            let s = lines.text();
            push::blanks(s, 35 - n);
            s.push_str("  *");
            let from = s.len();
            push::ebcdic_text(s, bytes);
            lines.mark(Tone::Ebcdic, from);
            lines.text().push('*');
        }
        lines.end();
    }

    /// Shows the run of equal lines held back: as itself if it is one line, else as one
    /// SUPPRESSED line.
    fn flush<S: Sink>(&mut self, lines: &mut S) {
        let Some((from, to)) = self.same.take() else {
            return;
        };
        if to > from {
            let s = lines.begin(Tone::Plain);
            s.push_str(self.indent);
            hexloc64(s, from);
            s.push_str(" TO ");
            hexloc64(s, to + 15);
            s.push_str(" SUPPRESSED LINE(S) SAME AS ABOVE");
            lines.end();
        } else if let Some((_, bytes, len)) = self.previous {
            self.line(from, &bytes[..len], lines);
        }
    }

    pub(crate) fn finish<S: Sink>(mut self, lines: &mut S) {
        self.flush(lines);
    }
}

/// DISPLAY's lines for `length` bytes of `user`'s storage from `address`, a page at a time.
fn display<S: Sink>(
    o: &Outcome,
    user: Option<Userid>,
    address: u32,
    length: u32,
    translate: bool,
    lines: &mut S,
) {
    const PAGE: u64 = 4096;
    let mut d = Dump::new(translate, "");
    let (mut at, end) = (u64::from(address), u64::from(address) + u64::from(length));
    let mut page = [0u8; PAGE as usize];
    while at < end {
        let n = ((at / PAGE + 1) * PAGE).min(end) - at;
        let piece = &mut page[..n as usize];
        let ok = user.is_some_and(|u| o.storage(u, at as u32, piece));
        if !ok {
            // The command checked the range; storage cannot change while the outcome lives.
            break;
        }
        d.push(at, piece, lines);
        at += n;
    }
    d.finish(lines);
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn hexloc64(out: &mut String, a: u64) {
    push::hexloc(out, a.min(u64::from(u32::MAX)) as u32);
}

/// CP's date and time: `09:00:00 GMT WEDNESDAY 04/01/81`. The engine's clock runs in UTC.
/// A time as CP's LOGON AT line writes it (`09:00:06 GMT WEDNESDAY 04/01/81`), for front ends
/// that write CP lines of their own.
pub fn cp_time(t: Tod) -> String {
    let mut s = String::new();
    cp_time_into(&mut s, t);
    s
}

fn cp_time_into(out: &mut String, t: Tod) {
    const DAYS: [&str; 7] = [
        "SUNDAY",
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
    ];
    let c = t.civil();
    hms_into(out, t);
    // Once a LOGON: `write!` into the line (it allocates nothing).
    let day = DAYS[c.weekday as usize % 7];
    let _ = write!(
        out,
        " GMT {day} {:02}/{:02}/{:02}",
        c.month,
        c.day,
        c.year % 100
    );
}

/// `hh:mm:ss`. By hand, as the hot lines are: every MSG FROM line has one (a tenth of the
/// replay benchmark's lines); the rarer lines use `write!`.
fn hms_into(out: &mut String, t: Tod) {
    let c = t.civil();
    push::dec_pad(out, u64::from(c.hour), 2);
    out.push(':');
    push::dec_pad(out, u64::from(c.minute), 2);
    out.push(':');
    push::dec_pad(out, u64::from(c.second), 2);
}

/// The usage line CP writes at LOGOFF and QUERY TIME (no CPU is simulated: zero); `connect`
/// as `hh:mm:ss`.
fn usage_into(out: &mut String, connect: u64) {
    let (h, m, s) = (connect / 3600, connect / 60 % 60, connect % 60);
    let _ = write!(
        out,
        "CONNECT= {h:02}:{m:02}:{s:02} VIRTCPU= 000:00.00 TOTCPU= 000:00.00"
    );
}

/// The lines CP writes for an engine message.
pub(crate) fn message_lines<S: Sink>(m: &CpMessage, lines: &mut S) {
    let s = lines.begin(Tone::CpMessage);
    match m {
        CpMessage::LogonAt(t) => {
            s.push_str("LOGON AT ");
            cp_time_into(s, *t);
        }
        CpMessage::Reconnected(t) => {
            s.push_str("RECONNECTED AT ");
            cp_time_into(s, *t);
        }
        CpMessage::LogoffAt { at, connect } => {
            usage_into(s, *connect);
            lines.end();
            let s = lines.begin(Tone::CpMessage);
            s.push_str("LOGOFF AT ");
            cp_time_into(s, *at);
        }
        CpMessage::MsgFrom { at, from, text } => {
            hms_into(s, *at);
            s.push_str(" MSG FROM ");
            userid_toned(lines, *from);
            let s = lines.text();
            s.push_str(": ");
            s.push_str(text);
        }
        CpMessage::StorageDefined(size) => storage_line(s, *size),
        CpMessage::WngFrom { at, from, text } => {
            hms_into(s, *at);
            s.push_str(" WNG FROM ");
            push::userid(s, *from);
            s.push_str(": ");
            s.push_str(text);
        }
        CpMessage::DisconnectAt(t) => {
            s.push_str("DISCONNECT AT ");
            cp_time_into(s, *t);
        }
        CpMessage::ForcedOff { at, connect } => {
            usage_into(s, *connect);
            lines.end();
            let s = lines.begin(Tone::CpMessage);
            s.push_str("LOGOFF AT ");
            cp_time_into(s, *at);
            s.push_str(" BY SYSTEM");
        }
        CpMessage::Forced {
            user,
            users,
            disconnected,
        } => {
            // The R6 operator's form, `GRAF raddr LOGOFF AS ...`; vmcfsim's terminals have no
            // real address, so CONS stands for it as in QUERY NAMES.
            s.push_str(if *disconnected { "DSC" } else { "GRAF CONS" });
            s.push_str(" LOGOFF AS ");
            push::userid(s, *user);
            s.push_str(" USERS = ");
            push::dec_pad(s, *users as u64, 3);
            s.push_str(" FORCED");
        }
    }
    lines.end();
}

/// Whether SET IMSG OFF hides a CP line: the informational responses that confirm a command
/// (DEFINE STORAGE's `STORAGE =`, FORCE's report to its issuer). Messages from users, LOGON,
/// LOGOFF and (DIS/RE)CONNECT lines, and what was asked for (QUERY), are always shown.
pub(crate) fn informational(m: &CpMessage) -> bool {
    matches!(m, CpMessage::StorageDefined(_) | CpMessage::Forced { .. })
}

fn storage_line(out: &mut String, size: u32) {
    let _ = write!(out, "STORAGE = {:05}K", size / 1024);
}

/// `{u:<8} - CONS`: the one simulated console, a device address (`- 0C1`) under `serve`, or
/// `- DSC` when disconnected.
fn terminal(out: &mut String, o: &Outcome, u: Userid, disconnected: bool) {
    let at = out.len();
    push::userid(out, u);
    push::pad_from(out, at, 8);
    match o.terminal(u) {
        _ if disconnected => out.push_str(" - DSC"),
        Terminal::Console => out.push_str(" - CONS"),
        Terminal::Device(a) => {
            out.push_str(" - ");
            push::hex_u32(out, u32::from(a), 3);
        }
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "ON  " } else { "OFF " }
}

/// The lines of a console response. DISPLAY reads the storage now: it cannot have changed
/// since the command ran, as the outcome borrows the session.
pub(crate) fn response_lines<S: Sink>(
    o: &Outcome,
    user: Option<Userid>,
    r: &Response,
    width: usize,
    lines: &mut S,
) {
    let line = |lines: &mut S, f: &dyn Fn(&mut String)| {
        f(lines.begin(Tone::CpMessage));
        lines.end();
    };
    let plain = |lines: &mut S, f: &dyn Fn(&mut String)| {
        f(lines.begin(Tone::Plain));
        lines.end();
    };
    match r {
        Response::Names(users) => {
            if users.is_empty() {
                line(lines, &|s| s.push_str("NO USERS LOGGED ON"));
            }
            for c in users.chunks(4) {
                line(lines, &|s| {
                    for (i, (u, dsc)) in c.iter().enumerate() {
                        if i > 0 {
                            s.push_str(" , ");
                        }
                        terminal(s, o, *u, *dsc);
                    }
                });
            }
        }
        Response::User(u, dsc) => line(lines, &|s| terminal(s, o, *u, *dsc)),
        Response::Users(n) => line(lines, &|s| {
            push::dec_pad(s, *n as u64, 3);
            s.push_str(" USERS, 000 DIALED");
        }),
        // CP's layout: `WORD VALUE` with the value in four columns, joined by `, `; only the
        // settings vmcfsim has.
        Response::Set {
            msg,
            wng,
            emsg,
            imsg,
            smsg,
        } => line(lines, &|s| {
            let start = s.len();
            s.push_str("MSG ");
            s.push_str(on_off(*msg));
            s.push_str(", WNG ");
            s.push_str(on_off(*wng));
            s.push_str(", EMSG ");
            s.push_str(match emsg {
                Emsg::On => "ON  ",
                Emsg::Off => "OFF ",
                Emsg::Code => "CODE",
                Emsg::Text => "TEXT",
            });
            s.push_str(", IMSG ");
            s.push_str(on_off(*imsg));
            s.push_str(", SMSG ");
            s.push_str(on_off(*smsg));
            push::trim_end_from(s, start);
        }),
        Response::SystemReset { cleared } => line(lines, &|s| {
            if *cleared {
                s.push_str("STORAGE CLEARED - ");
            }
            s.push_str("SYSTEM RESET");
        }),
        Response::Ipl { device, cleared } => line(lines, &|s| {
            // vmcfsim's words: CP would load the system and say nothing.
            s.push_str("IPL ");
            s.push_str(device);
            s.push_str(": NO OPERATING SYSTEM TO LOAD IN VMCFSIM; VIRTUAL MACHINE RESET");
            if *cleared {
                s.push_str(", STORAGE CLEARED");
            }
            s.push_str(", STILL IN CP MODE");
        }),
        Response::Time { now, connect } => {
            line(lines, &|s| {
                s.push_str("TIME IS ");
                cp_time_into(s, *now);
            });
            if let Some(c) = connect {
                line(lines, &|s| usage_into(s, *c));
            }
        }
        Response::Storage(size) => line(lines, &|s| storage_line(s, *size)),
        Response::Display {
            translate,
            address,
            length,
        } => display(o, user, *address, *length, *translate, lines),
        Response::Placed {
            what,
            address,
            length,
        } => plain(lines, &|s| {
            s.push_str(match what {
                Placed::Data => "DATA",
                Placed::ReplyBuffer => "REPLY BUFFER",
                Placed::ReceiveBuffer => "RECEIVE BUFFER",
            });
            s.push_str(" AT ");
            push::hexloc(s, *address);
            s.push_str(", ");
            push::count(s, u64::from(*length), "BYTE");
        }),
        Response::Help(text) => {
            // The owner column (`USERID: `) comes before each line.
            let room = width.saturating_sub(column_len(user));
            for l in text.lines() {
                super::help::wrap(l, room, |w| plain(lines, &|s| s.push_str(w)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ebcdic;

    fn cp_time(t: Tod) -> String {
        let mut s = String::new();
        cp_time_into(&mut s, t);
        s
    }

    impl Sink for Vec<String> {
        fn begin(&mut self, _: Tone) -> &mut String {
            self.push(String::new());
            self.last_mut().expect("just pushed")
        }

        fn text(&mut self) -> &mut String {
            self.last_mut().expect("a line was begun")
        }

        fn mark(&mut self, _: Tone, _: usize) {}

        fn end(&mut self) {}
    }

    /// DISPLAY's lines for `bytes` at `address`, not indented.
    fn dump(address: u32, bytes: &[u8], translate: bool) -> Vec<String> {
        let mut lines = Vec::new();
        let mut d = Dump::new(translate, "");
        d.push(u64::from(address), bytes, &mut lines);
        d.finish(&mut lines);
        lines
    }

    #[test]
    fn display_t_matches_cps_layout() {
        let mut b = ebcdic::encode("HELLO WORLD     ").unwrap();
        b.extend([0u8; 16]);
        assert_eq!(
            dump(0x200, &b, true),
            [
                "000200  C8C5D3D3 D640E6D6 D9D3C440 40404040  *HELLO WORLD     *",
                "000210  00000000 00000000 00000000 00000000  *................*",
            ]
        );
    }

    #[test]
    fn display_l_starts_mid_line_on_a_word() {
        let b: Vec<u8> = (1..=12).collect();
        assert_eq!(
            dump(0x1008, &b, false),
            ["001008  01020304 05060708", "001010  090A0B0C"]
        );
    }

    #[test]
    fn data_at_odd_addresses_keeps_word_columns() {
        let b = ebcdic::encode("HELLO").unwrap();
        assert_eq!(
            dump(0x2_0003, &b, true),
            [format!("020003  {:<35}  *HELLO*", "C8 C5D3D3D6")]
        );
    }

    #[test]
    fn equal_lines_are_suppressed() {
        let b = vec![0u8; 0x100];
        assert_eq!(
            dump(0, &b, false),
            [
                "000000  00000000 00000000 00000000 00000000",
                "000010 TO 0000FF SUPPRESSED LINE(S) SAME AS ABOVE",
            ]
        );
        // One repeated line is shown, not suppressed.
        assert_eq!(dump(0, &[0u8; 32], false).len(), 2);
        let mut b = vec![0u8; 0x40];
        b[0x3F] = 1;
        let lines = dump(0, &b, false);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[1].starts_with("000010 TO 00002F"));
        assert!(lines[2].starts_with("000030  00000000 00000000 00000000 00000001"));
    }

    #[test]
    fn time_as_cp_writes_it() {
        let t = Tod::from_civil(1981, 4, 1, 9, 0, 5);
        assert_eq!(cp_time(t), "09:00:05 GMT WEDNESDAY 04/01/81");
    }

    #[test]
    fn caret_under_the_word_and_windowed() {
        let (l, c) = caret("VMCF SEND B PRIORTY", 12..19, 76);
        assert_eq!(l, "VMCF SEND B PRIORTY");
        assert_eq!(c, "            ^^^^^^^");
        let long = format!("SMSG B {}\u{7}", "x".repeat(200));
        let (l, c) = caret(&long, 207..208, 76);
        assert!(l.starts_with("...") && l.chars().count() <= 76, "{l}");
        assert_eq!(c.trim_start(), "^");
        assert_eq!(c.len() - 1, l.chars().count() - 1);
        let (_, c) = caret("LOGON", 5..5, 76);
        assert_eq!(c, "     ^");
    }

    #[test]
    fn excerpt_and_caret_fit_any_width_and_point_at_the_span() {
        let line: String = (0..300)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        for width in [20, 37, 60, 76, 200] {
            for span in [
                0..0,
                0..5,
                40..45,
                100..250,
                150..151,
                295..300,
                300..300,
                0..300,
            ] {
                let (l, c) = caret(&line, span.clone(), width);
                assert!(l.chars().count() <= width, "{width} {span:?}: {l}");
                assert!(c.chars().count() <= width, "{width} {span:?}: {c}");
                let col = c.find('^').unwrap();
                // The first caret is under the span's first character (or just past the end).
                let under = l.chars().nth(col);
                let want = line[span.start..].chars().next();
                assert_eq!(under, want, "{width} {span:?}:\n{l}\n{c}");
            }
        }
        let (l, _) = caret("short line", 0..5, 20);
        assert_eq!(l, "short line", "nothing cut that fits");
    }
}
