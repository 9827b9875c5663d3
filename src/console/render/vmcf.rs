//! VMCF's lines: a subfunction's return code in words, and an X'4001' interrupt as its header
//! bytes in DISPLAY's layout plus one line a field, with the data it brought.

use super::display::dump;
use super::{Sink, push_toned, userid_toned};
use crate::console::line::Tone;
use crate::console::push;
use crate::vmcf::{ReturnCode, Subfunction, TransferError, Userid, Vmcmhdr};

/// `SEND TO B MID 1: RC 0 (complete or successfully initiated)`; `REPLY TO B MID 1: ...` for
/// A's REPLY to B's SEND/RECV; on the line begun last.
pub(super) fn rc_line<S: Sink>(
    lines: &mut S,
    func: u16,
    mid: u32,
    partner: Userid,
    rc: ReturnCode,
) {
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

pub(super) fn interrupt<S: Sink>(lines: &mut S, buffer: u32, h: &Vmcmhdr, data: &[u8]) {
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
pub(super) fn field<S: Sink>(
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
