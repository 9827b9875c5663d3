//! JSON Lines (the console's contract, docs/console.md#json-lines): one object a line, the
//! `"command"` event first, then everything the line caused in order. The keys the contract
//! lists are always there; vmcfsim adds a few (`verb`, `verb_column`, `acting`, `logon`,
//! `logoff`, `comment` on `"command"`, from the parser's `Command`, so no reader interprets the
//! text again; `plist`, `mid`, `partner`, `peer` on `"rc"`; `reason`, `column` on `"error"`;
//! `address`, `length` on the `"message"` saying where a VMCF command put its data).
//! Message texts are the transcript's lines, from `render`.
//!
//! The objects are written straight into the output, keys in a fixed order, strings escaped as
//! serde_json escapes them (the tests hold the two to the same bytes): a replay writes an
//! object for every return code, interrupt and message, and building each as a tree of
//! `String`s first cost more than the rest of the replay.

use super::line::Tone;
use super::push;
use super::render::{Sink, message_lines, response_lines};
use super::session::{Outcome, Record, Response};
use crate::cp::Event;
use crate::vmcf::{Userid, Vmcmhdr};

/// One JSON object being written: `{"event":"...","line":n` and then `,"key":value` pairs.
struct Obj<'o> {
    out: &'o mut String,
}

impl<'o> Obj<'o> {
    fn new(out: &'o mut String, event: &str, line: usize) -> Obj<'o> {
        out.push_str("{\"event\":\"");
        out.push_str(event);
        out.push_str("\",\"line\":");
        push::dec(out, line as u64);
        Obj { out }
    }

    /// `,"key":` and the string the caller appends next.
    fn key(&mut self, key: &str) -> &mut String {
        self.out.push_str(",\"");
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    fn str(&mut self, key: &str, value: &str) -> &mut Self {
        let out = self.key(key);
        string(out, value);
        self
    }

    fn num(&mut self, key: &str, value: u64) -> &mut Self {
        let out = self.key(key);
        push::dec(out, value);
        self
    }

    /// A string the caller appends that needs no escaping (hex digits, addresses, names).
    fn plain(&mut self, key: &str, value: impl FnOnce(&mut String)) -> &mut Self {
        let out = self.key(key);
        out.push('"');
        value(out);
        out.push('"');
        self
    }

    fn userid(&mut self, key: &str, u: Option<Userid>) -> &mut Self {
        let out = self.key(key);
        match u {
            Some(u) => userid(out, u),
            None => out.push_str("null"),
        }
        self
    }

    fn null(&mut self, key: &str) -> &mut Self {
        self.key(key).push_str("null");
        self
    }

    fn end(&mut self) {
        self.out.push_str("}\n");
    }
}

/// A JSON string of `text`, escaped as serde_json does: `"` and `\`, the short escapes for
/// backspace, form feed, newline, carriage return and tab, `\u00xx` for the other C0 controls;
/// everything else as it is.
fn string(out: &mut String, text: &str) {
    out.push('"');
    let clean = !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
    if clean {
        out.push_str(text);
    } else {
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{08}' => out.push_str("\\b"),
                '\u{0C}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if u32::from(c) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(char::from(HEX[(u32::from(c) >> 4) as usize]));
                    out.push(char::from(HEX[(u32::from(c) & 0xF) as usize]));
                }
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

/// A userid as a JSON string: trimmed, as the transcript shows it (`"` and `\` are printable
/// EBCDIC, so a userid from a guest's header may hold them).
fn userid(out: &mut String, u: Userid) {
    let start = out.len();
    push::userid(out, u);
    if out[start..].contains(['"', '\\']) {
        let text = out.split_off(start);
        string(out, &text);
    } else {
        out.insert(start, '"');
        out.push('"');
    }
}

/// Lines handed one at a time to `f`, as the texts of `"message"` events.
struct Texts<F: FnMut(&str)> {
    buf: String,
    f: F,
}

impl<F: FnMut(&str)> Texts<F> {
    fn new(f: F) -> Texts<F> {
        Texts {
            buf: String::new(),
            f,
        }
    }
}

impl<F: FnMut(&str)> Sink for Texts<F> {
    fn begin(&mut self, _: Tone) -> &mut String {
        self.buf.clear();
        &mut self.buf
    }

    fn text(&mut self) -> &mut String {
        &mut self.buf
    }

    // A message's text has no tones.
    #[inline]
    fn mark(&mut self, _: Tone, _: usize) {}

    fn end(&mut self) {
        (self.f)(&self.buf);
    }
}

/// Appends the JSON Lines events of `o` to `out`, one object a line.
pub fn render_json(o: &Outcome, out: &mut String) {
    let line = o.line_no();
    let mut c = Obj::new(out, "command", line);
    c.userid("user", o.user()).str("text", o.text());
    match o.verb() {
        Some(verb) => c.plain("verb", |s| s.push_str(verb)),
        None => c.null("verb"),
    };
    if let Some(at) = o.verb_at() {
        // 1-based character column, as an error's `column`.
        let column = o.text().get(..at).map_or(0, |b| b.chars().count()) + 1;
        c.num("verb_column", column as u64);
    }
    c.userid("acting", o.acting());
    if let Some(u) = o.logged_on() {
        c.userid("logon", Some(u));
    }
    if let Some(u) = o.logged_off() {
        c.userid("logoff", Some(u));
    }
    if let Some(comment) = o.comment() {
        c.str("comment", comment);
    }
    c.end();
    for r in o.records() {
        match r {
            Record::Event(i) => event(out, o, line, &o.events()[*i]),
            Record::Response { user, response } => {
                let placed = match response {
                    Response::Placed {
                        address, length, ..
                    } => Some((*address, *length)),
                    _ => None,
                };
                response_lines(
                    o,
                    *user,
                    response,
                    super::render::WIDTH,
                    &mut Texts::new(|text: &str| {
                        let mut m = Obj::new(out, "message", line);
                        m.userid("user", *user).str("text", text);
                        if let Some((address, length)) = placed {
                            m.plain("address", |s| push::hexloc(s, address))
                                .num("length", u64::from(length));
                        }
                        m.end();
                    }),
                );
            }
            Record::Error { user, error } => {
                let mut e = Obj::new(out, "error", line);
                e.userid("user", *user)
                    .str("id", &error.id())
                    .str("text", &error.text());
                if let Some(reason) = &error.reason {
                    e.str("reason", &reason.to_string());
                }
                if let Some(span) = &error.span {
                    // 1-based character column of the offending word.
                    let column = o.text().get(..span.start).map_or(0, |b| b.chars().count()) + 1;
                    e.num("column", column as u64);
                }
                e.end();
            }
        }
    }
}

/// The other VM of the message a call is about (its sink or source), `None` for the
/// subfunctions that name none. `partner` is VMCPUSER whatever it holds (`""` when blank, the
/// SPECIFIC userid on AUTHORIZE): kept so, as readers rely on it; `peer` is null where there is
/// no partner (the contract adds keys, it never changes a value's type).
fn peer(func: u16, partner: Userid) -> Option<Userid> {
    use crate::vmcf::Subfunction as S;
    match crate::vmcf::Subfunction::from_code(func)? {
        S::Authorize | S::Unauthorize | S::Quiesce | S::Resume => None,
        _ => Some(partner),
    }
}

fn event(out: &mut String, o: &Outcome, line: usize, e: &Event) {
    match e {
        Event::ReturnCode {
            user,
            plist,
            func,
            mid,
            partner,
            rc,
        } => Obj::new(out, "rc", line)
            .userid("user", Some(*user))
            .plain("subfunction", |s| push::function_name(s, *func))
            .num("rc", u64::from(rc.number()))
            .str("meaning", rc.meaning())
            .plain("plist", |s| push::hexloc(s, *plist))
            .num("mid", u64::from(*mid))
            .userid("partner", Some(*partner))
            .userid("peer", peer(*func, *partner))
            .end(),
        Event::Interrupt {
            user,
            buffer,
            header,
            data,
        } => {
            let mut j = Obj::new(out, "interrupt", line);
            j.userid("user", Some(*user))
                .str("code", "4001")
                .plain("buffer", |s| push::hexloc(s, *buffer))
                .plain("header", |s| push::hex(s, &header.encode()));
            fields(j.key("fields"), header);
            j.plain("data", |s| push::hex(s, o.bytes(*data))).end();
        }
        Event::Data {
            user,
            address,
            data,
        } => {
            let bytes = o.bytes(*data);
            Obj::new(out, "data", line)
                .userid("user", Some(*user))
                .plain("address", |s| push::hexloc(s, *address))
                .num("length", bytes.len() as u64)
                .plain("hex", |s| push::hex(s, bytes))
                .end();
        }
        Event::Message { user, message } => {
            message_lines(
                message,
                &mut Texts::new(|text: &str| {
                    Obj::new(out, "message", line)
                        .userid("user", Some(*user))
                        .str("text", text)
                        .end();
                }),
            );
        }
        Event::Error { .. } => {}
    }
}

/// The header's fields as an object: `{"stat":"00",...,"use":"..."}`.
fn fields(out: &mut String, h: &Vmcmhdr) {
    let field = |out: &mut String, key: &str| {
        out.push_str(",\"");
        out.push_str(key);
        out.push_str("\":");
    };
    let hex = |out: &mut String, key: &str, v: u32, digits: usize| {
        field(out, key);
        out.push('"');
        push::hex_u32(out, v, digits);
        out.push('"');
    };
    let num = |out: &mut String, key: &str, v: u32| {
        field(out, key);
        push::dec(out, u64::from(v));
    };
    let at = |out: &mut String, key: &str, v: u32| {
        field(out, key);
        out.push('"');
        push::hexloc(out, v);
        out.push('"');
    };
    out.push_str("{\"stat\":\"");
    push::hex_u32(out, u32::from(h.stat), 2);
    out.push('"');
    hex(out, "eflg", u32::from(h.eflg), 2);
    num(out, "func", u32::from(h.func));
    field(out, "func_name");
    out.push('"');
    push::function_name(out, h.func);
    out.push('"');
    num(out, "mid", h.mid);
    field(out, "user");
    userid(out, h.user);
    at(out, "vada", h.vada);
    num(out, "lena", h.lena);
    at(out, "vadb", h.vadb);
    num(out, "lenb", h.lenb);
    field(out, "use");
    out.push('"');
    push::hex(out, &h.use_dw);
    out.push_str("\"}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u32..0x250).filter_map(char::from_u32).collect();
        all.push_str("\u{2028}\u{FFFD}\u{1F600}\"\\/");
        for text in [
            all.as_str(),
            "",
            "plain",
            "a\"b",
            "tab\there",
            "\u{7f}\u{80}\u{9f}",
        ] {
            let mut ours = String::new();
            string(&mut ours, text);
            assert_eq!(ours, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn userids_with_quotes_stay_valid_json() {
        // EBCDIC X'7F' is '"' and X'E0' is '\'.
        let u = Userid::from_ebcdic([0xC1, 0x7F, 0xE0, 0x40, 0x40, 0x40, 0x40, 0x40]);
        let mut s = String::from("x");
        userid(&mut s, u);
        assert_eq!(&s[1..], serde_json::to_string(&u.trimmed()).unwrap());
        let mut s = String::new();
        userid(&mut s, Userid::SYSTEM);
        assert_eq!(s, "\"SYSTEM\"");
    }
}
