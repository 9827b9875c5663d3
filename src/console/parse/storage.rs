//! DISPLAY and STORE: DISPLAY's requests (`[L|T]hexloc`, then a range end after `-` or `:`, a
//! count after `.`, or `END`), STORE's address (`Lhex` words, `Shex` bytes) and the data that follows it.

use super::Highlight;
use super::operands::{ebcdic_text, hex_bytes, hexloc};
use super::tokens::{Cursor, Tok, Token};
use crate::console::command::*;
use crate::console::messages::{ConsoleError, CpMsg, Reason};

pub(super) fn display(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let mut requests = Vec::new();
    while let Some(t) = c.next()? {
        let r = display_request(&t).map_err(|(msg, why)| c.err(msg).at(t.span.clone(), why))?;
        c.mark(t.span.clone(), Highlight::Hex);
        requests.push(r);
    }
    if requests.is_empty() {
        return Err(c.missing(CpMsg::OperandMissing, Reason::DisplayWhat));
    }
    Ok(Command::Display(requests))
}

pub(super) fn store(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::OperandMissing, Reason::StoreWhere));
    };
    let bad_loc = |c: &Cursor, why: Reason| {
        c.err(CpMsg::InvalidHexloc(t.shown()))
            .at(t.span.clone(), why)
    };
    let Some(w) = t.word() else {
        return Err(bad_loc(c, Reason::NotStoreHexloc));
    };
    let (bytes_form, digits) = match w.as_bytes()[0] {
        b'S' | b's' => (true, &w[1..]),
        b'L' | b'l' => (false, &w[1..]),
        _ => (false, w),
    };
    let mut address = hexloc(digits).map_err(|why| bad_loc(c, why))?;
    let typed = (address, t.span.clone());
    c.mark(t.span.clone(), Highlight::Hex);
    let mut items = Vec::new();
    let mut odd_digit = None;
    if bytes_form {
        let Some(d) = c.next()? else {
            return Err(c.missing(CpMsg::OperandMissing, Reason::HexdataMissing));
        };
        let digits = d
            .word()
            .filter(|w| w.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(digits) = digits.filter(|w| w.len() >= 2) else {
            return Err(c
                .err(CpMsg::InvalidHexdata(d.shown()))
                .at(d.span, Reason::TwoHexDigits));
        };
        let even = digits.len() & !1;
        if even < digits.len() {
            odd_digit = Some(d.span.clone());
        }
        items.push(StoreItem::Bytes(
            hex_bytes(&digits[..even]).expect("even count of hex digits"),
        ));
        c.mark(d.span, Highlight::Hex);
    } else {
        while let Some(d) = c.next()? {
            let item = match &d.tok {
                Tok::Word(w) => StoreItem::Word(hexword(w).ok_or_else(|| {
                    c.err(CpMsg::InvalidHexdata(d.shown()))
                        .at(d.span.clone(), Reason::NotHexword)
                })?),
                Tok::Quoted(s) => {
                    let at = d.span.start + 1;
                    StoreItem::Bytes(ebcdic_text(s, at).map_err(|(_, ch)| {
                        c.err(CpMsg::InvalidOperand(d.shown()))
                            .at(d.span.clone(), Reason::NoEbcdic(ch))
                    })?)
                }
                Tok::Hex(digits) => StoreItem::Bytes(hex_bytes(digits).map_err(|why| {
                    c.err(CpMsg::InvalidHexdata(d.shown()))
                        .at(d.span.clone(), why)
                })?),
            };
            let h = if matches!(d.tok, Tok::Quoted(_)) {
                Highlight::Text
            } else {
                Highlight::Hex
            };
            c.mark(d.span.clone(), h);
            items.push(item);
        }
        if items.is_empty() {
            return Err(c.missing(CpMsg::OperandMissing, Reason::StoreDataMissing));
        }
        // CP stores words on fullwords: the address is rounded down when a word comes first.
        if matches!(items[0], StoreItem::Word(_)) {
            address &= !3;
        }
    }
    Ok(Command::Store {
        address,
        hexloc: typed,
        items,
        odd_digit,
    })
}

fn display_request(t: &Token) -> Result<DisplayRequest, (CpMsg, Reason)> {
    let hexloc_err = |why| (CpMsg::InvalidHexloc(t.shown()), why);
    let Some(w) = t.word() else {
        return Err(hexloc_err(Reason::NotDisplayHexloc));
    };
    let upper = w.to_ascii_uppercase();
    if matches!(upper.as_str(), "PSW" | "CAW" | "CSW") || upper.starts_with(['G', 'X', 'Y', 'K']) {
        return Err((
            CpMsg::InvalidOperand(t.shown()),
            Reason::RegistersNotSimulated,
        ));
    }
    let (translate, body) = match upper.as_bytes()[0] {
        b'L' => (false, &upper[1..]),
        b'T' => (true, &upper[1..]),
        _ => (false, &upper[..]),
    };
    let mut r = DisplayRequest {
        translate,
        first: 0,
        last: None,
        single: false,
        span: t.span.clone(),
    };
    if body.is_empty() {
        return Ok(r);
    }
    let split = body.find(['-', ':', '.']);
    let (start, sep, end) = match split {
        Some(i) => (&body[..i], Some(body.as_bytes()[i]), &body[i + 1..]),
        None => (body, None, ""),
    };
    r.first = if start.is_empty() && sep == Some(b'-') {
        0
    } else {
        hexloc(start).map_err(hexloc_err)?
    };
    let range_err = |why| (CpMsg::InvalidRange(t.shown()), why);
    match sep {
        None => r.single = true,
        Some(_) if end == "END" => {}
        Some(b'.') => {
            let n = hexloc(end).map_err(|_| range_err(Reason::NotByteCount))?;
            if n == 0 {
                return Err(range_err(Reason::ZeroCount));
            }
            r.last = Some(r.first.saturating_add(n - 1));
        }
        Some(_) => {
            let last = hexloc(end).map_err(hexloc_err)?;
            if last < r.first {
                return Err(range_err(Reason::RangeBackwards));
            }
            r.last = Some(last);
        }
    }
    Ok(r)
}

/// A hexword: up to 8 digits fill a word, 9 to 16 a doubleword, right-justified.
fn hexword(w: &str) -> Option<Vec<u8>> {
    if w.is_empty() || w.len() > 16 || !w.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = u64::from_str_radix(w, 16).ok()?;
    Some(if w.len() <= 8 {
        (v as u32).to_be_bytes().to_vec()
    } else {
        v.to_be_bytes().to_vec()
    })
}
