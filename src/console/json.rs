//! JSON Lines (section 5 of the console contract): one object a line, the `"command"` event
//! first, then everything the line caused in order. The keys the contract lists are always
//! there; vmcfsim adds a few (`plist`, `mid`, `partner` on `"rc"`; `reason`, `column` on
//! `"error"`; `address`, `length` on the `"message"` saying where a VMCF command put its data). Message texts are the transcript's lines, from `render`.

use super::messages::hexloc;
use super::render::{Lines, message_lines, response_lines};
use super::session::{Outcome, Record, Response};
use crate::cp::Event;
use crate::vmcf::{Userid, Vmcmhdr, function_name};
use serde::Serialize;

#[derive(Serialize)]
#[serde(tag = "event", rename_all = "lowercase")]
enum Json<'a> {
    Command {
        line: usize,
        user: Option<String>,
        text: &'a str,
    },
    Rc {
        line: usize,
        user: String,
        subfunction: String,
        rc: u8,
        meaning: &'static str,
        plist: String,
        mid: u32,
        partner: String,
    },
    Interrupt {
        line: usize,
        user: String,
        code: &'static str,
        buffer: String,
        header: String,
        fields: Fields,
        data: String,
    },
    Data {
        line: usize,
        user: String,
        address: String,
        length: usize,
        hex: String,
    },
    Message {
        line: usize,
        user: Option<String>,
        text: String,
        /// Where a VMCF command placed a DATA literal or buffer (with `length`).
        #[serde(skip_serializing_if = "Option::is_none")]
        address: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    Error {
        line: usize,
        user: Option<String>,
        id: String,
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'a str>,
        /// 1-based character column of the offending word.
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<usize>,
    },
}

#[derive(Serialize)]
struct Fields {
    stat: String,
    eflg: String,
    func: u16,
    func_name: String,
    mid: u32,
    user: String,
    vada: String,
    lena: u32,
    vadb: String,
    lenb: u32,
    #[serde(rename = "use")]
    use_dw: String,
}

impl Fields {
    fn of(h: &Vmcmhdr) -> Fields {
        Fields {
            stat: format!("{:02X}", h.stat),
            eflg: format!("{:02X}", h.eflg),
            func: h.func,
            func_name: function_name(h.func),
            mid: h.mid,
            user: h.user.trimmed(),
            vada: hexloc(h.vada),
            lena: h.lena,
            vadb: hexloc(h.vadb),
            lenb: h.lenb,
            use_dw: hex(&h.use_dw),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

fn name(u: Option<Userid>) -> Option<String> {
    u.map(|u| u.trimmed())
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

impl<F: FnMut(&str)> Lines for Texts<F> {
    fn start(&mut self) -> &mut String {
        self.buf.clear();
        &mut self.buf
    }

    fn end(&mut self) {
        (self.f)(&self.buf);
    }
}

fn emit(out: &mut String, j: &Json) {
    // Serializing these plain structs cannot fail.
    if let Ok(s) = serde_json::to_string(j) {
        out.push_str(&s);
        out.push('\n');
    }
}

/// Appends the JSON Lines events of `o` to `out`, one object a line.
pub fn render_json(o: &Outcome, out: &mut String) {
    let line = o.line_no();
    emit(
        out,
        &Json::Command {
            line,
            user: name(o.user()),
            text: o.text(),
        },
    );
    for r in o.records() {
        match r {
            Record::Event(i) => event(out, o, line, &o.events()[*i]),
            Record::Response { user, response } => {
                let (address, length) = match response {
                    Response::Placed {
                        address, length, ..
                    } => (Some(hexloc(*address)), Some(*length)),
                    _ => (None, None),
                };
                response_lines(
                    o,
                    *user,
                    response,
                    &mut Texts::new(|text: &str| {
                        emit(
                            out,
                            &Json::Message {
                                line,
                                user: name(*user),
                                text: text.to_string(),
                                address: address.clone(),
                                length,
                            },
                        )
                    }),
                );
            }
            Record::Error { user, error } => {
                let column = error
                    .span
                    .as_ref()
                    .map(|s| o.text().get(..s.start).map_or(0, |b| b.chars().count()) + 1);
                emit(
                    out,
                    &Json::Error {
                        line,
                        user: name(*user),
                        id: error.id(),
                        text: error.text(),
                        reason: error.reason.as_deref(),
                        column,
                    },
                );
            }
        }
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
        } => emit(
            out,
            &Json::Rc {
                line,
                user: user.trimmed(),
                subfunction: function_name(*func),
                rc: rc.number(),
                meaning: rc.meaning(),
                plist: hexloc(*plist),
                mid: *mid,
                partner: partner.trimmed(),
            },
        ),
        Event::Interrupt {
            user,
            buffer,
            header,
            data,
        } => emit(
            out,
            &Json::Interrupt {
                line,
                user: user.trimmed(),
                code: "4001",
                buffer: hexloc(*buffer),
                header: hex(&header.encode()),
                fields: Fields::of(header),
                data: hex(o.bytes(*data)),
            },
        ),
        Event::Data {
            user,
            address,
            data,
        } => {
            let bytes = o.bytes(*data);
            emit(
                out,
                &Json::Data {
                    line,
                    user: user.trimmed(),
                    address: hexloc(*address),
                    length: bytes.len(),
                    hex: hex(bytes),
                },
            );
        }
        Event::Message { user, message } => {
            message_lines(
                message,
                &mut Texts::new(|text: &str| {
                    emit(
                        out,
                        &Json::Message {
                            line,
                            user: Some(user.trimmed()),
                            text: text.to_string(),
                            address: None,
                            length: None,
                        },
                    )
                }),
            );
        }
        Event::Error { .. } => {}
    }
}
