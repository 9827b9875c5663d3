//! CP's own lines: the messages CP sends to a terminal (MSG, SMSG, WARNING, LOGON and LOGOFF
//! with the time) and each CP command's response (QUERY, DEFINE, SET...).

use super::display::display;
use super::errors::column_len;
use super::{Sink, userid_toned};
use crate::console::line::Tone;
use crate::console::push;
use crate::console::session::{Outcome, Placed, Response, Terminal};
use crate::cp::{CpMessage, Emsg, Tod};
use crate::vmcf::Userid;
use std::fmt::Write;

/// CP's date and time: `09:00:00 GMT WEDNESDAY 04/01/81`. The engine's clock runs in UTC.
pub(super) fn cp_time_into(out: &mut String, t: Tod) {
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
pub(super) fn terminal(out: &mut String, o: &Outcome, u: Userid, disconnected: bool) {
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
                crate::console::help::wrap(l, room, |w| plain(lines, &|s| s.push_str(w)));
            }
        }
    }
}
