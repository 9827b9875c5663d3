//! The line and the CP commands: the `userid:` prefix, comments, the verb, and each command's
//! operands (VMCF's are in `vmcf`).

use super::operands::{ebcdic_text, storage_size, userid_of};
use super::storage::{display, store};
use super::tokens::{Cursor, Tok, Token, is_blank};
use super::vmcf::vmcf;
use super::{CP_LINE, Highlight};
use crate::console::command::*;
use crate::console::messages::{ConsoleError, CpMsg, Operand, Reason};
use crate::console::verbs::{self, Verb};
use crate::cp::Emsg;
use crate::vmcf::Userid;

pub(super) fn parse_line(c: &mut Cursor) -> Result<Line, ConsoleError> {
    c.skip_blanks();
    if c.rest().is_empty() {
        return Ok(plain(Command::Empty));
    }
    if let Some(l) = comment(c) {
        return Ok(l);
    }
    let prefix = prefix(c)?;
    if prefix.is_some() {
        c.skip_blanks();
        if c.rest().is_empty() {
            return Err(c.missing(CpMsg::OperandMissing, Reason::CommandAfterPrefix));
        }
        if let Some(mut l) = comment(c) {
            l.prefix = prefix;
            return Ok(l);
        }
    }
    let t = c.next()?.expect("the line is not blank");
    let def = t.word().and_then(verbs::verb).ok_or_else(|| {
        c.err(CpMsg::UnknownCommand(t.shown().to_ascii_uppercase()))
            .at(t.span.clone(), Reason::NoSuchCommand)
    })?;
    c.mark(t.span.clone(), Highlight::Verb);
    c.module = def.module;
    let command = match def.verb {
        Verb::Logon => {
            let (u, _) = c.userid(Operand::Userid)?;
            Command::Logon(u)
        }
        Verb::Logoff => {
            if let Some(t) = c.next()? {
                return Err(c
                    .err(CpMsg::InvalidOperand(t.shown()))
                    .at(t.span, Reason::LogoffTakesNone));
            }
            Command::Logoff
        }
        Verb::Smsg | Verb::Msg => message(c, def.verb, t.span.start)?,
        Verb::Warning => warning(c, t.span.start)?,
        Verb::Disconn => {
            if let Some(h) = c.peek()?
                && h.word().is_some_and(|w| verbs::HOLD.matches(w))
            {
                c.next()?;
                c.mark(h.span, Highlight::Keyword);
            }
            if let Some(t) = c.next()? {
                return Err(c
                    .err(CpMsg::InvalidOperand(t.shown()))
                    .at(t.span, Reason::DisconnTakesHold));
            }
            Command::Disconn
        }
        Verb::Force => {
            let (u, span) = c.userid(Operand::ForcedUserid)?;
            Command::Force(u, span)
        }
        Verb::Set => set(c)?,
        Verb::System => {
            let i = c.keyword(verbs::SYSTEM_WORDS, Operand::SystemAction)?;
            Command::System { clear: i == 1 }
        }
        Verb::Ipl => ipl(c)?,
        Verb::Query => query(c)?,
        Verb::Define => define(c)?,
        Verb::Display => display(c)?,
        Verb::Store => store(c)?,
        Verb::Vmcf => Command::Vmcf(vmcf(c, &t)?),
        Verb::Diag => diag(c, &t)?,
        Verb::Enable => Command::Enable,
        Verb::Disable => Command::Disable,
        Verb::Help => {
            let mut topic = Vec::new();
            let mut span: Option<Span> = None;
            while let Some(w) = c.next()? {
                c.mark(w.span.clone(), Highlight::Keyword);
                topic.push(w.raw.to_ascii_uppercase());
                span = Some(span.map_or(w.span.clone(), |s| s.start..w.span.end));
            }
            // The topic check lives here, with the words: HELP's text comes from the tables.
            let words: Vec<&str> = topic.iter().map(String::as_str).collect();
            if let Some(span) = span
                && crate::console::help::topic(&words).is_none()
            {
                return Err(c
                    .err(CpMsg::InvalidOperand(topic.join(" ")))
                    .at(span, Reason::NoHelpTopic));
            }
            Command::Help(topic)
        }
        Verb::Quit => Command::Quit,
        Verb::Shutdown => Command::Shutdown,
        Verb::Diagram => {
            return Err(c
                .err(CpMsg::UnknownCommand(t.shown().to_ascii_uppercase()))
                .at(t.span.clone(), Reason::DiagramInReplOnly));
        }
    };
    c.end()?;
    Ok(Line {
        prefix,
        verb_span: t.span,
        command,
    })
}

pub(super) fn plain(command: Command) -> Line {
    Line {
        prefix: None,
        verb_span: 0..0,
        command,
    }
}

pub(super) fn comment(c: &mut Cursor) -> Option<Line> {
    if !c.rest().starts_with('*') {
        return None;
    }
    c.mark(c.pos..c.line.len(), Highlight::Comment);
    // The `*` is a comment's verb: what follows it is the comment's text.
    let star = c.pos..c.pos + 1;
    c.pos = c.line.len();
    Some(Line {
        verb_span: star,
        ..plain(Command::Comment)
    })
}

/// `userid:` before the command (the colon may touch the verb).
pub(super) fn prefix(c: &mut Cursor) -> Result<Option<(Userid, Span)>, ConsoleError> {
    let rest = c.rest();
    let first = &rest[..rest.find(is_blank).unwrap_or(rest.len())];
    let Some(colon) = first.find(':').filter(|&i| i > 0) else {
        return Ok(None);
    };
    let span = c.pos..c.pos + colon;
    let u = Userid::parse(&first[..colon]).map_err(|_| {
        c.err(CpMsg::UseridMissing)
            .at(span.clone(), Reason::PrefixNotUserid)
    })?;
    c.mark(span.start..span.end + 1, Highlight::Userid);
    c.pos += colon + 1;
    Ok(Some((u, span)))
}

/// DECISION docs/decisions.md#d16: the characters of message text CP takes. CP read at most
/// [`CP_LINE`] characters of a line; the text is what remains after the command and the userid
/// as typed (`SM A ` leaves 129, `SMSG LONGUSER ` 120). CP's line starts at the verb (at byte
/// `verb_start`): the console's `userid:` prefix is not part of it. The text starts at byte `at`.
fn room(c: &Cursor, verb_start: usize, at: usize) -> usize {
    CP_LINE.saturating_sub(c.line[verb_start..at].chars().count())
}

/// SMSG and MSG: a userid or `*`, then the rest of the line after one blank, as typed.
pub(super) fn message(
    c: &mut Cursor,
    verb: Verb,
    verb_start: usize,
) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::UseridMissing, Reason::Missing(Operand::Userid)));
    };
    let to = if t.raw == "*" {
        Target::Me
    } else {
        Target::User(
            userid_of(&t).map_err(|why| c.err(CpMsg::UseridMissing).at(t.span.clone(), why))?,
        )
    };
    c.mark(t.span.clone(), Highlight::Userid);
    // One blank ends the userid; everything after it is the text, blanks included.
    let at = (t.span.end + 1).min(c.line.len());
    let text = &c.line[at..];
    if !text.is_empty() {
        c.mark(at..c.line.len(), Highlight::Text);
    }
    c.pos = c.line.len();
    let room = room(c, verb_start, at);
    Ok(match verb {
        Verb::Smsg => Command::Smsg {
            to,
            text: ebcdic_text(text, at).map_err(|(span, ch)| {
                c.err(CpMsg::InvalidOperand(ch.to_string()))
                    .at(span, Reason::NoEbcdic(ch))
            })?,
            room,
        },
        _ => Command::Msg {
            to,
            text: text.to_string(),
            room,
        },
    })
}

/// WARNING: a userid (never `*`: a warning goes to someone else), then the text as for MSG.
fn warning(c: &mut Cursor, verb_start: usize) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::UseridMissing, Reason::Missing(Operand::Userid)));
    };
    if t.raw == "*" {
        return Err(c
            .err(CpMsg::UseridMissing)
            .at(t.span, Reason::WarningToAnother));
    }
    let to = userid_of(&t).map_err(|why| c.err(CpMsg::UseridMissing).at(t.span.clone(), why))?;
    c.mark(t.span.clone(), Highlight::Userid);
    let at = (t.span.end + 1).min(c.line.len());
    if at < c.line.len() {
        c.mark(at..c.line.len(), Highlight::Text);
    }
    let text = c.line[at..].to_string();
    c.pos = c.line.len();
    Ok(Command::Warning {
        to,
        span: t.span,
        text,
        room: room(c, verb_start, at),
    })
}

/// SET: which setting, then its value (ON|OFF, or for EMSG also CODE|TEXT).
pub(super) fn set(c: &mut Cursor) -> Result<Command, ConsoleError> {
    use verbs::SetWord as W;
    let what = verbs::SET_WORD_ORDER[c.keyword(verbs::SET_WORDS, Operand::Setting)?];
    if what == W::Emsg {
        let emsg = match c.keyword(verbs::EMSG_VALUES, Operand::EmsgValue)? {
            0 => Emsg::On,
            1 => Emsg::Off,
            2 => Emsg::Code,
            _ => Emsg::Text,
        };
        return Ok(Command::SetEmsg(emsg));
    }
    let on = c.keyword(verbs::ON_OFF, Operand::OnOff)? == 0;
    Ok(match what {
        W::Msg => Command::SetMsg(on),
        W::Smsg => Command::SetSmsg(on),
        W::Wng => Command::SetWng(on),
        W::Imsg | W::Emsg => Command::SetImsg(on),
    })
}

/// IPL: a device address (1-4 hex digits) or a system name (1-8 of A-Z 0-9 @ # $), then
/// CLEAR and PARM text (the rest of the line) in that order.
pub(super) fn ipl(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::OperandMissing, Reason::IplDeviceMissing));
    };
    let device = match t.word() {
        Some(w) if Userid::parse(w).is_ok() => w.to_ascii_uppercase(),
        _ => {
            return Err(c
                .err(CpMsg::OperandMissing)
                .at(t.span, Reason::NotIplDevice));
        }
    };
    c.mark(t.span.clone(), Highlight::Hex);
    let mut clear = false;
    if let Some(o) = c.peek()?
        && o.word().is_some_and(|w| verbs::IPL_CLEAR.matches(w))
    {
        c.next()?;
        c.mark(o.span, Highlight::Keyword);
        clear = true;
    }
    if let Some(o) = c.next()? {
        if !o.word().is_some_and(|w| verbs::IPL_PARM.matches(w)) {
            return Err(c
                .err(CpMsg::InvalidOption(o.shown()))
                .at(o.span, Reason::IplOptions));
        }
        c.mark(o.span, Highlight::Keyword);
        // PARM's text is the rest of the line: a guest's loader would read it, vmcfsim none.
        if c.rest().trim().is_empty() {
            return Err(c.missing(CpMsg::OperandMissing, Reason::ParmText));
        }
        let start = c.pos;
        c.mark(start..c.line.len(), Highlight::Text);
        c.pos = c.line.len();
    }
    Ok(Command::Ipl { device, clear })
}

fn query(c: &mut Cursor) -> Result<Command, ConsoleError> {
    use verbs::QueryWord as Q;
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::OperandMissing, Reason::QueryWhat));
    };
    let q = match t.word().and_then(verbs::query_word) {
        Some(w) => {
            c.mark(t.span.clone(), Highlight::Keyword);
            match w {
                Q::Names => Query::Names,
                Q::Users => Query::Users,
                Q::Set => Query::Set,
                Q::Time => Query::Time,
                Q::Storage => Query::Storage,
                Q::Virtual => {
                    if let Some(s) = c.peek()?
                        && s.word().is_some_and(|w| verbs::STORAGE.matches(w))
                    {
                        c.next()?;
                        c.mark(s.span, Highlight::Keyword);
                    }
                    Query::Storage
                }
            }
        }
        // Any other word is a userid, as CP took it.
        None => match userid_of(&t) {
            Ok(u) => {
                c.mark(t.span.clone(), Highlight::Userid);
                Query::User(u)
            }
            Err(_) => {
                return Err(c
                    .err(CpMsg::InvalidOperand(t.shown()))
                    .at(t.span, Reason::NotQueryOperand));
            }
        },
    };
    Ok(Command::Query(q))
}

pub(super) fn define(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::OperandMissing, Reason::DefineWhat));
    };
    if !t.word().is_some_and(|w| verbs::STORAGE.matches(w)) {
        return Err(c
            .err(CpMsg::InvalidOperand(t.shown()))
            .at(t.span, Reason::OnlyDefineStorage));
    }
    c.mark(t.span, Highlight::Keyword);
    c.module = "DEH";
    let Some(s) = c.next()? else {
        return Err(c.missing(CpMsg::StorageMissing, Reason::SizeMissing));
    };
    let size =
        storage_size(s.raw).map_err(|why| c.err(CpMsg::StorageMissing).at(s.span.clone(), why))?;
    c.mark(s.span, Highlight::Number);
    Ok(Command::DefineStorage(size))
}

fn diag(c: &mut Cursor, verb: &Token) -> Result<Command, ConsoleError> {
    let Some(code) = c.next()? else {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(verb.span.clone(), Reason::DiagCodeMissing));
    };
    let is_68 = match code.tok {
        Tok::Word(w) => w == "68",
        Tok::Hex(d) => d == "68",
        Tok::Quoted(_) => false,
    };
    if !is_68 {
        return Err(c
            .err(CpMsg::InvalidOperand(code.shown()))
            .at(code.span, Reason::OnlyDiag68));
    }
    c.mark(code.span.clone(), Highlight::Hex);
    Ok(Command::Diag68(c.address(&code, true)?))
}
