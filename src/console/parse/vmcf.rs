//! The VMCF operands: the subfunction, its target and the options (`MID`, `BUF`, `DATA`, `AT`,
//! `USE`...) that become the fields of a `Vmcparm`.

use super::Highlight;
use super::operands::{ebcdic_text, hex_bytes};
use super::tokens::{Cursor, Tok, Token};
use crate::console::command::*;
use crate::console::messages::{ConsoleError, CpMsg, Operand, Reason};
use crate::console::verbs::{self, Opt};
use crate::vmcf::Subfunction;

pub(super) fn vmcf(c: &mut Cursor, verb: &Token) -> Result<VmcfCommand, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(verb.span.clone(), Reason::NoSubfunction));
    };
    let Some(def) = t.word().and_then(verbs::subfunction) else {
        return Err(c
            .err(CpMsg::InvalidOperand(t.shown()))
            .at(t.span, Reason::NotSubfunction));
    };
    c.mark(t.span.clone(), Highlight::Keyword);
    let name = def.names[0].name;
    let mut v = VmcfCommand {
        sub: Some(def.sub),
        ..VmcfCommand::default()
    };
    if let Some(role) = def.partner {
        v.partner = Some(c.userid(Operand::Partner(role))?.0);
    }
    // The options given so far, one bit each (no allocation for a line).
    let mut seen = 0u32;
    let bit = |o: Opt| 1u32 << (o as u32);
    let mut len_span = None;
    let mut addr: Option<(u32, Span)> = None;
    while let Some(o) = c.next()? {
        let unknown = |c: &Cursor, why: Reason| {
            c.err(CpMsg::InvalidOption(o.shown()))
                .at(o.span.clone(), why)
        };
        let Some(od) = o.word().and_then(verbs::option) else {
            return Err(unknown(c, Reason::UnknownOption(name)));
        };
        let opt = od.opt;
        if opt == Opt::At && def.sub != Subfunction::Authorize {
            return Err(unknown(c, Reason::AtPlacement));
        }
        if !def.options.contains(&opt) {
            return Err(unknown(c, Reason::NotOptionOf(name)));
        }
        if seen & bit(opt) != 0 {
            return Err(unknown(c, Reason::GivenTwice));
        }
        if (opt == Opt::Data && seen & bit(Opt::Addr) != 0)
            || (opt == Opt::Addr && seen & bit(Opt::Data) != 0)
        {
            return Err(unknown(c, Reason::DataOrAddr));
        }
        seen |= bit(opt);
        c.mark(o.span.clone(), Highlight::Keyword);
        match opt {
            Opt::Specific => {
                v.specific = true;
                v.partner = Some(c.userid(Operand::Specific)?.0);
            }
            Opt::Priority => v.priority = true,
            Opt::Smsg => v.smsg = true,
            Opt::Buf => v.buf = Some(c.number(&o)?),
            Opt::At => v.at = Some(c.address(&o, false)?),
            Opt::Mid => v.mid = Some(c.number(&o)?),
            Opt::Len => {
                v.len = Some(c.number(&o)?);
                len_span = Some(o.span.clone());
            }
            Opt::Into => v.into = Some(c.address(&o, false)?),
            Opt::Addr => addr = Some((c.address(&o, false)?, o.span.clone())),
            Opt::Use => v.use_dw = Some(use_doubleword(c, &o)?),
            Opt::Data => {
                let bytes = literal(c, &o)?;
                let at = at_after(c)?;
                v.data = Some((Data::Literal { bytes, at }, o.span.start..c.pos));
            }
            Opt::ReplyBuf => {
                let len = c.number(&o)?;
                let at = at_after(c)?;
                v.reply_buf = Some((len, at, o.span.start..c.pos));
            }
        }
    }
    // ADDR and LEN make one data operand; on RECEIVE, LEN is the buffer length.
    if let Some((address, span)) = addr {
        let Some(len) = v.len.take() else {
            return Err(c.err(CpMsg::OperandMissing).at(span, Reason::AddrNeedsLen));
        };
        v.data = Some((Data::Addr { address, len }, span));
    } else if let (Some(span), true) = (len_span, def.sub != Subfunction::Receive) {
        return Err(c
            .err(CpMsg::InvalidOption("LEN".into()))
            .at(span, Reason::LenWithAddr));
    }
    if def.needs_mid && v.mid.is_none() {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(t.span.clone(), Reason::NeedsMid(name)));
    }
    Ok(v)
}

/// `AT Lhex` right after DATA or REPLYBUF, if there.
fn at_after(c: &mut Cursor) -> Result<Option<u32>, ConsoleError> {
    match c.peek()? {
        Some(t)
            if t.word()
                .is_some_and(|w| verbs::opt_def(Opt::At).keyword.matches(w)) =>
        {
            c.next()?;
            c.mark(t.span.clone(), Highlight::Keyword);
            Ok(Some(c.address(&t, false)?))
        }
        _ => Ok(None),
    }
}

/// `'text'` (EBCDIC) or `X'hex'` bytes.
fn literal(c: &mut Cursor, after: &Token) -> Result<Vec<u8>, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(after.span.clone(), Reason::DataLiteral));
    };
    let bytes = match &t.tok {
        Tok::Quoted(s) => ebcdic_text(s, t.span.start + 1).map_err(|(_, ch)| {
            c.err(CpMsg::InvalidOperand(t.shown()))
                .at(t.span.clone(), Reason::NoEbcdic(ch))
        })?,
        Tok::Hex(d) => hex_bytes(d).map_err(|why| {
            c.err(CpMsg::InvalidHexdata(t.shown()))
                .at(t.span.clone(), why)
        })?,
        Tok::Word(_) => {
            return Err(c
                .err(CpMsg::InvalidOperand(t.shown()))
                .at(t.span, Reason::DataLiteral));
        }
    };
    let h = if matches!(t.tok, Tok::Quoted(_)) {
        Highlight::Text
    } else {
        Highlight::Hex
    };
    c.mark(t.span, h);
    Ok(bytes)
}

/// `USE X'hex'` (right-justified, as DC XL8) or `USE 'text'` (blank-padded, as DC CL8).
fn use_doubleword(c: &mut Cursor, after: &Token) -> Result<[u8; 8], ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(after.span.clone(), Reason::UseLiteral));
    };
    let bad = |c: &Cursor, why: Reason| {
        c.err(CpMsg::InvalidOperand(t.shown()))
            .at(t.span.clone(), why)
    };
    let dw = match &t.tok {
        Tok::Hex(d) => {
            if d.is_empty() || d.len() > 16 || !d.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad(c, Reason::UseHexDigits));
            }
            u64::from_str_radix(d, 16)
                .expect("checked hex digits")
                .to_be_bytes()
        }
        Tok::Quoted(s) => {
            let e =
                ebcdic_text(s, t.span.start + 1).map_err(|(_, ch)| bad(c, Reason::NoEbcdic(ch)))?;
            if e.len() > 8 {
                return Err(bad(c, Reason::UseTextLength));
            }
            let mut dw = [0x40u8; 8];
            dw[..e.len()].copy_from_slice(&e);
            dw
        }
        Tok::Word(_) => return Err(bad(c, Reason::UseLiteral)),
    };
    c.mark(t.span, Highlight::Hex);
    Ok(dw)
}
