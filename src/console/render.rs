//! The text transcript: the one place that knows how console output looks. Every line starts
//! with the userid whose terminal shows it (`-` for the terminal nobody is logged on at). It
//! writes CP's lines (LOGON AT, MSG FROM, DISPLAY's layout), return codes in words, interrupts
//! as the 40 header bytes in DISPLAY's layout plus one line a field, data in hex and EBCDIC,
//! and errors with a caret under the offending word. Colour is an argument, never global.

use super::messages::{ConsoleError, hexloc};
use super::session::{Outcome, Placed, Record, Response};
use crate::cp::{CpMessage, Event, Tod};
use crate::ebcdic;
use crate::vmcf::{ReturnCode, Subfunction, TransferError, Userid, Vmcmhdr, function_name};
use owo_colors::OwoColorize;
use std::fmt::Write;

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

#[derive(Debug, Clone, Copy)]
enum Tone {
    Plain,
    Error,
    Good,
    Warn,
    Title,
}

struct Writer<'o> {
    out: &'o mut String,
    color: bool,
}

impl Writer<'_> {
    /// One line owned by `user`'s terminal.
    fn line(&mut self, user: Option<Userid>, tone: Tone, text: &str) {
        let who = owner(user);
        if !self.color {
            let _ = writeln!(self.out, "{who}: {text}");
            return;
        }
        let _ = write!(self.out, "{}: ", who.dimmed());
        let _ = match tone {
            Tone::Plain => writeln!(self.out, "{text}"),
            Tone::Error => writeln!(self.out, "{}", text.red()),
            Tone::Good => writeln!(self.out, "{}", text.green()),
            Tone::Warn => writeln!(self.out, "{}", text.yellow()),
            Tone::Title => writeln!(self.out, "{}", text.cyan().bold()),
        };
    }
}

/// The owner column: the userid, or `-` for the terminal nobody is logged on at.
pub(crate) fn owner(user: Option<Userid>) -> String {
    user.map_or_else(|| "-".to_string(), |u| u.to_string())
}

/// Appends the transcript lines of `o` to `out`, each ending in `\n`.
pub fn render_text(o: &Outcome, opts: &TextOptions, out: &mut String) {
    let mut w = Writer {
        out,
        color: opts.color,
    };
    if opts.echo {
        let prompt = format!("{}{}", o.prompt(), printable(o.text()));
        // A blank line echoes as the bare prompt, without trailing blanks.
        let prompt = if o.text().trim().is_empty() {
            prompt.trim_end()
        } else {
            &prompt
        };
        if w.color {
            let _ = writeln!(w.out, "{}", prompt.bold());
        } else {
            let _ = writeln!(w.out, "{prompt}");
        }
    }
    for r in o.records() {
        match r {
            Record::Event(i) => event(&mut w, o, &o.events()[*i]),
            Record::Response { user, response } => {
                for l in response_lines(o, *user, response) {
                    w.line(*user, Tone::Plain, &l);
                }
            }
            Record::Error { user, error } => error_lines(&mut w, *user, error, o, opts.source),
        }
    }
}

fn error_lines(
    w: &mut Writer,
    user: Option<Userid>,
    e: &ConsoleError,
    o: &Outcome,
    source: Option<&str>,
) {
    let at = source.map_or_else(String::new, |s| format!("{s}:{}: ", o.line_no()));
    w.line(user, Tone::Error, &format!("{at}{} {}", e.id(), e.text()));
    match (&e.span, &e.reason) {
        (Some(span), reason) => {
            let (shown, caret) = caret(o.text(), span.clone());
            w.line(user, Tone::Plain, &format!("  {shown}"));
            let why = reason.as_deref().unwrap_or("");
            w.line(user, Tone::Error, format!("  {caret} {why}").trim_end());
        }
        (None, Some(reason)) => w.line(user, Tone::Plain, &format!("  {reason}")),
        (None, None) => {}
    }
}

/// Input as the transcript shows it: a tab as a blank, other control characters as `?`, so a
/// script cannot send escape sequences to the reader's terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '?',
            c => c,
        })
        .collect()
}

/// The line (cut to a window around the span if long) and the caret line under the span.
pub(crate) fn caret(line: &str, span: std::ops::Range<usize>) -> (String, String) {
    const WINDOW: usize = 60;
    let clamp = |i: usize| {
        let mut i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (clamp(span.start), clamp(span.end.max(span.start)));
    let before: Vec<char> = line[..start].chars().collect();
    let inside = line[start..end].chars().count().max(1);
    let after: Vec<char> = line[end..].chars().collect();
    let skip = before.len().saturating_sub(WINDOW);
    let mut shown = String::new();
    if skip > 0 {
        shown.push_str("...");
    }
    shown.extend(before[skip..].iter());
    let pad = shown.chars().count();
    let inside_shown = inside.min(WINDOW);
    shown.extend(line[start..end].chars().take(WINDOW));
    let tail = WINDOW.min(after.len());
    shown.extend(after[..tail].iter());
    if tail < after.len() || inside > WINDOW {
        shown.push_str("...");
    }
    let shown = printable(&shown);
    let caret = format!("{}{}", " ".repeat(pad), "^".repeat(inside_shown));
    (shown, caret)
}

fn event(w: &mut Writer, o: &Outcome, e: &Event) {
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
                Tone::Good
            } else {
                Tone::Warn
            };
            w.line(Some(*user), tone, &rc_line(*func, *mid, *partner, *rc));
        }
        Event::Interrupt {
            user,
            buffer,
            header,
            data,
        } => interrupt(w, *user, *buffer, header, o.bytes(*data)),
        Event::Data {
            user,
            address,
            data,
        } => {
            let bytes = o.bytes(*data);
            let head = format!(
                "DATA MOVED TO {}, {}",
                hexloc(*address),
                count(bytes.len(), "BYTE")
            );
            w.line(Some(*user), Tone::Plain, &head);
            for l in dump(*address, bytes, true) {
                w.line(Some(*user), Tone::Plain, &format!("  {l}"));
            }
        }
        Event::Message { user, message } => {
            for l in message_lines(message) {
                w.line(Some(*user), Tone::Plain, &l);
            }
        }
        // Engine errors became records with CP's message before rendering.
        Event::Error { .. } => {}
    }
}

/// `SEND TO B MID 1: RC 0 (complete or successfully initiated)`.
pub(crate) fn rc_line(func: u16, mid: u32, partner: Userid, rc: ReturnCode) -> String {
    let sub = Subfunction::from_code(func);
    let whom = match sub {
        Some(s) if s.is_send_type() || s == Subfunction::Cancel => {
            format!(" TO {partner} MID {mid}")
        }
        Some(Subfunction::Identify) => format!(" TO {partner}"),
        Some(Subfunction::Receive | Subfunction::Reply | Subfunction::Reject) => {
            format!(" FROM {partner} MID {mid}")
        }
        _ => String::new(),
    };
    format!(
        "{}{whom}: RC {} ({})",
        function_name(func),
        rc.number(),
        rc.meaning()
    )
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

fn interrupt(w: &mut Writer, user: Userid, buffer: u32, h: &Vmcmhdr, data: &[u8]) {
    let func = function_name(h.func);
    let what = match kind(h) {
        Kind::Send => format!("{func} FROM {} MID {}", h.user, h.mid),
        Kind::Smsg => format!("SMSG FROM {}", Userid::from_ebcdic(h.use_dw)),
        Kind::Identify => format!("IDENTIFY FROM {}", h.user),
        Kind::Response => {
            let mut s = format!("RESPONSE FROM {} TO {func} MID {}", h.user, h.mid);
            if h.is_rejected() {
                s.push_str(", REJECTED");
            }
            if h.eflg != 0 {
                s.push_str(&format!(", VMCMEFLG {} {}", h.eflg, eflg_meaning(h.eflg)));
            }
            s
        }
    };
    let some = Some(user);
    w.line(
        some,
        Tone::Title,
        &format!("EXTERNAL INTERRUPT X'4001' AT {}: {what}", hexloc(buffer)),
    );
    for l in dump(buffer, &h.encode(), false) {
        w.line(some, Tone::Plain, &format!("  {l}"));
    }
    for (name, hex, meaning) in fields(h) {
        w.line(
            some,
            Tone::Plain,
            format!("  {name:<9}{hex:<18}{meaning}").trim_end(),
        );
    }
    if !data.is_empty() {
        let at = buffer.wrapping_add(40);
        w.line(
            some,
            Tone::Plain,
            &format!("  VMCMBUF AT {}, {}", hexloc(at), count(data.len(), "BYTE")),
        );
        for l in dump(at, data, true) {
            w.line(some, Tone::Plain, &format!("  {l}"));
        }
    }
}

fn eflg_meaning(eflg: u8) -> &'static str {
    TransferError::from_number(eflg).map_or("(no meaning known)", |t| t.meaning())
}

/// `n` and the noun, plural unless one: `1 BYTE`, `2 BYTES` (the noun's case is kept).
fn count(n: usize, noun: &str) -> String {
    let s = if noun.chars().all(|c| c.is_ascii_uppercase()) {
        "S"
    } else {
        "s"
    };
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}{s}")
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Every header field: name, hex value, meaning in words.
pub(crate) fn fields(h: &Vmcmhdr) -> Vec<(&'static str, String, String)> {
    let k = kind(h);
    let sendrecv = h.func == Subfunction::SendRecv.code();
    let stat = crate::vmcf::codes::status_names(h.stat);
    let stat = if stat.is_empty() {
        match k {
            Kind::Send | Kind::Smsg => "none: a message arriving".to_string(),
            _ => "none".to_string(),
        }
    } else {
        stat.join(" ")
    };
    let eflg = if h.eflg == 0 {
        "0 no error".to_string()
    } else {
        format!("{} {}", h.eflg, eflg_meaning(h.eflg))
    };
    let user = match k {
        Kind::Send | Kind::Identify => format!("{} (source)", h.user),
        Kind::Smsg => format!("{} (CP)", h.user),
        Kind::Response => format!("{} (sink)", h.user),
    };
    let (vada, lena) = match k {
        Kind::Send => ("source's data".to_string(), count(h.lena as usize, "byte")),
        Kind::Smsg => (
            String::new(),
            format!("{} of text", count(h.lena as usize, "byte")),
        ),
        Kind::Identify => (String::new(), h.lena.to_string()),
        Kind::Response => (
            "my data".to_string(),
            format!("{} not moved", count(h.lena as usize, "byte")),
        ),
    };
    let (vadb, lenb) = match (k, sendrecv) {
        (Kind::Send, true) => (
            "source's reply buffer".to_string(),
            format!("{} of reply buffer", count(h.lenb as usize, "byte")),
        ),
        (Kind::Response, true) => (
            "my reply buffer".to_string(),
            format!("{} of reply buffer unused", count(h.lenb as usize, "byte")),
        ),
        _ => (String::new(), h.lenb.to_string()),
    };
    let use_text = format!("'{}'", ebcdic::display(&h.use_dw));
    let use_dw = if k == Kind::Smsg {
        format!("{use_text} issuer {}", Userid::from_ebcdic(h.use_dw))
    } else {
        use_text
    };
    vec![
        ("VMCMSTAT", format!("{:02X}", h.stat), stat),
        ("VMCMEFLG", format!("{:02X}", h.eflg), eflg),
        ("VMCMFUNC", format!("{:04X}", h.func), function_name(h.func)),
        ("VMCMMID", format!("{:08X}", h.mid), h.mid.to_string()),
        ("VMCMUSER", hex(&h.user.ebcdic()), user),
        ("VMCMVADA", format!("{:08X}", h.vada), vada),
        ("VMCMLENA", format!("{:08X}", h.lena), lena),
        ("VMCMVADB", format!("{:08X}", h.vadb), vadb),
        ("VMCMLENB", format!("{:08X}", h.lenb), lenb),
        ("VMCMUSE", hex(&h.use_dw), use_dw),
    ]
}

/// Storage lines in CP's DISPLAY layout: address, words of 8 hex digits (a line never crosses a
/// 16-byte boundary), and with `translate` the EBCDIC between asterisks, unprintable as `.`.
/// Two or more full lines equal to the one before are shown as one SUPPRESSED line.
pub(crate) fn dump(address: u32, bytes: &[u8], translate: bool) -> Vec<String> {
    let mut d = Dump::new(translate);
    d.push(u64::from(address), bytes);
    d.finish()
}

/// [`dump`] fed piece by piece (pieces follow each other in storage), so DISPLAY of a large
/// range never holds more than a page of it.
pub(crate) struct Dump {
    translate: bool,
    lines: Vec<String>,
    /// The last line shown or suppressed: its address, bytes and length.
    previous: Option<(u64, [u8; 16], usize)>,
    /// Full lines equal to `previous`, first and last address, not shown yet.
    same: Option<(u64, u64)>,
}

impl Dump {
    pub(crate) fn new(translate: bool) -> Dump {
        Dump {
            translate,
            lines: Vec::new(),
            previous: None,
            same: None,
        }
    }

    /// Adds `bytes` found at `address`.
    pub(crate) fn push(&mut self, address: u64, bytes: &[u8]) {
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
                self.flush();
                self.lines.push(dump_line(a, chunk, self.translate));
            }
            let mut line = [0u8; 16];
            line[..n].copy_from_slice(chunk);
            self.previous = Some((a, line, n));
            at += n;
        }
    }

    /// Shows the run of equal lines held back: as itself if it is one line, else as one
    /// SUPPRESSED line.
    fn flush(&mut self) {
        let Some((from, to)) = self.same.take() else {
            return;
        };
        if to > from {
            self.lines.push(format!(
                "{} TO {} SUPPRESSED LINE(S) SAME AS ABOVE",
                hexloc64(from),
                hexloc64(to + 15)
            ));
        } else if let Some((_, bytes, len)) = self.previous {
            self.lines
                .push(dump_line(from, &bytes[..len], self.translate));
        }
    }

    pub(crate) fn finish(mut self) -> Vec<String> {
        self.flush();
        self.lines
    }
}

/// DISPLAY's lines for `length` bytes of `user`'s storage from `address`, a page at a time.
fn display(
    o: &Outcome,
    user: Option<Userid>,
    address: u32,
    length: u32,
    translate: bool,
) -> Vec<String> {
    const PAGE: u64 = 4096;
    let mut d = Dump::new(translate);
    let (mut at, end) = (u64::from(address), u64::from(address) + u64::from(length));
    let mut buf = [0u8; PAGE as usize];
    while at < end {
        let n = ((at / PAGE + 1) * PAGE).min(end) - at;
        let piece = &mut buf[..n as usize];
        let ok = user.is_some_and(|u| o.session.cp.fetch(u, at as u32, piece).is_ok());
        if !ok {
            // The command checked the range; storage cannot change while the outcome lives.
            break;
        }
        d.push(at, piece);
        at += n;
    }
    d.finish()
}

fn hexloc64(a: u64) -> String {
    hexloc(a.min(u64::from(u32::MAX)) as u32)
}

fn dump_line(address: u64, bytes: &[u8], translate: bool) -> String {
    let mut hex = String::with_capacity(35);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (address + i as u64).is_multiple_of(4) {
            hex.push(' ');
        }
        let _ = write!(hex, "{b:02X}");
    }
    if translate {
        format!(
            "{}  {hex:<35}  *{}*",
            hexloc64(address),
            ebcdic::display(bytes)
        )
    } else {
        format!("{}  {hex}", hexloc64(address))
    }
}

/// CP's date and time: `09:00:00 GMT WEDNESDAY 04/01/81`. The engine's clock runs in UTC.
pub(crate) fn cp_time(t: Tod) -> String {
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
    format!(
        "{:02}:{:02}:{:02} GMT {} {:02}/{:02}/{:02}",
        c.hour,
        c.minute,
        c.second,
        DAYS[c.weekday as usize % 7],
        c.month,
        c.day,
        c.year % 100
    )
}

fn hms(t: Tod) -> String {
    let c = t.civil();
    format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second)
}

fn duration(secs: u64) -> String {
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// The usage line CP writes at LOGOFF and QUERY TIME (no CPU is simulated: zero).
fn usage(connect: u64) -> String {
    format!(
        "CONNECT= {} VIRTCPU= 000:00.00 TOTCPU= 000:00.00",
        duration(connect)
    )
}

/// The lines CP writes for an engine message.
pub(crate) fn message_lines(m: &CpMessage) -> Vec<String> {
    match m {
        CpMessage::LogonAt(t) => vec![format!("LOGON AT {}", cp_time(*t))],
        CpMessage::Reconnected(t) => vec![format!("RECONNECTED AT {}", cp_time(*t))],
        CpMessage::LogoffAt { at, connect } => {
            vec![usage(*connect), format!("LOGOFF AT {}", cp_time(*at))]
        }
        CpMessage::MsgFrom { at, from, text } => {
            vec![format!("{} MSG FROM {from}: {text}", hms(*at))]
        }
        CpMessage::StorageDefined(size) => vec![storage_line(*size)],
    }
}

fn storage_line(size: u32) -> String {
    format!("STORAGE = {:05}K", size / 1024)
}

fn terminal(u: Userid) -> String {
    // Every VM is at the one simulated console.
    format!("{:<8} - CONS", u.to_string())
}

fn on_off(on: bool) -> &'static str {
    if on { "ON  " } else { "OFF " }
}

/// The lines of a console response. DISPLAY reads the storage now: it cannot have changed since
/// the command ran, as the outcome borrows the session.
pub(crate) fn response_lines(o: &Outcome, user: Option<Userid>, r: &Response) -> Vec<String> {
    match r {
        Response::Names(users) => {
            if users.is_empty() {
                return vec!["NO USERS LOGGED ON".to_string()];
            }
            users
                .chunks(4)
                .map(|c| {
                    c.iter()
                        .map(|u| terminal(*u))
                        .collect::<Vec<_>>()
                        .join(" , ")
                })
                .collect()
        }
        Response::User(u) => vec![terminal(*u)],
        Response::Users(n) => vec![format!("{n:03} USERS, 000 DIALED")],
        Response::Set { msg, smsg } => vec![
            format!("MSG {}, SMSG {}", on_off(*msg), on_off(*smsg))
                .trim_end()
                .to_string(),
        ],
        Response::Time { now, connect } => {
            let mut v = vec![format!("TIME IS {}", cp_time(*now))];
            if let Some(c) = connect {
                v.push(usage(*c));
            }
            v
        }
        Response::Storage(size) => vec![storage_line(*size)],
        Response::Display {
            translate,
            address,
            length,
        } => display(o, user, *address, *length, *translate),
        Response::Placed {
            what,
            address,
            length,
        } => {
            let what = match what {
                Placed::Data => "DATA",
                Placed::ReplyBuffer => "REPLY BUFFER",
                Placed::ReceiveBuffer => "RECEIVE BUFFER",
            };
            vec![format!(
                "{what} AT {}, {}",
                hexloc(*address),
                count(*length as usize, "BYTE")
            )]
        }
        Response::Help(text) => text.lines().map(str::to_string).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_t_matches_the_reference_layout() {
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
        let (l, c) = caret("VMCF SEND B PRIORTY", 12..19);
        assert_eq!(l, "VMCF SEND B PRIORTY");
        assert_eq!(c, "            ^^^^^^^");
        let long = format!("SMSG B {}\u{7}", "x".repeat(200));
        let (l, c) = caret(&long, 207..208);
        assert!(l.starts_with("...") && l.len() < 80);
        assert_eq!(c.trim_start(), "^");
        assert_eq!(c.len() - 1, l.chars().count() - 1);
        let (_, c) = caret("LOGON", 5..5);
        assert_eq!(c, "     ^");
    }
}
