//! Canonical text: every [`Command`] (and [`Line`]) the parser can produce, written back as the
//! one line that parses to it again: full keywords in upper case, numbers in decimal, addresses
//! as `Lhex`, data as `X'hex'`, options in a fixed order. Tests and the fuzzer use it for the
//! round trip (text → command → text → the same command); tools may use it to normalise
//! scripts. The operand spans a command keeps are positions in the line it came from, so they
//! are not part of what a command means and differ after the round trip.
//!
//! A few values no line can express have no canonical text of their own: a QUERY of a user
//! whose userid is a QUERY word (`QUERY NAMES` asks for the names, as in CP), and SMSG or MSG
//! text with a control character (the parser refuses those).

use super::command::*;
use super::verbs::{self, Opt};
use crate::cp::Emsg;
use crate::ebcdic;
use std::fmt::{self, Display, Formatter, Write};

/// The highest address a `-` range can name (the parser's); a DISPLAY range past it is written
/// as a count.
use super::parse::LAST_ADDRESS;

impl Display for Line {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some((user, _)) = &self.prefix {
            write!(f, "{user}: ")?;
        }
        self.command.fmt(f)
    }
}

impl Display for Target {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Target::Me => f.write_char('*'),
            Target::User(u) => u.fmt(f),
        }
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "ON" } else { "OFF" }
}

fn hex(f: &mut Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    f.write_str("X'")?;
    for b in bytes {
        write!(f, "{b:02X}")?;
    }
    f.write_char('\'')
}

/// The text after `SMSG userid ` or `MSG userid `: one blank, then the text as typed.
fn message(f: &mut Formatter<'_>, verb: &str, to: &Target, text: &str) -> fmt::Result {
    write!(f, "{verb} {to}")?;
    if text.is_empty() {
        Ok(())
    } else {
        write!(f, " {text}")
    }
}

impl Display for DisplayRequest {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char(if self.translate { 'T' } else { 'L' })?;
        write!(f, "{:X}", self.first)?;
        match self.last {
            _ if self.single => Ok(()),
            None => f.write_str("-END"),
            Some(last) if last <= LAST_ADDRESS as u32 => write!(f, "-{last:X}"),
            // `first.count` reached past 16M: the count is what the user could have typed.
            Some(last) => write!(f, ".{:X}", last - self.first + 1),
        }
    }
}

impl Display for Command {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Command::Empty => Ok(()),
            Command::Comment => f.write_char('*'),
            Command::Logon(u) => write!(f, "LOGON {u}"),
            Command::Logoff => f.write_str("LOGOFF"),
            Command::Smsg { to, text, .. } => message(f, "SMSG", to, &ebcdic::decode(text)),
            Command::Msg { to, text, .. } => message(f, "MSG", to, text),
            Command::SetMsg(on) => write!(f, "SET MSG {}", on_off(*on)),
            Command::SetSmsg(on) => write!(f, "SET SMSG {}", on_off(*on)),
            Command::SetWng(on) => write!(f, "SET WNG {}", on_off(*on)),
            Command::SetImsg(on) => write!(f, "SET IMSG {}", on_off(*on)),
            Command::SetEmsg(e) => write!(
                f,
                "SET EMSG {}",
                match e {
                    Emsg::On => "ON",
                    Emsg::Off => "OFF",
                    Emsg::Code => "CODE",
                    Emsg::Text => "TEXT",
                }
            ),
            Command::Disconn => f.write_str("DISCONN"),
            Command::Force(u, _) => write!(f, "FORCE {u}"),
            Command::Warning { to, text, .. } => message(f, "WARNING", &Target::User(*to), text),
            Command::System { clear } => f.write_str(if *clear {
                "SYSTEM CLEAR"
            } else {
                "SYSTEM RESET"
            }),
            Command::Ipl { device, clear } => {
                write!(f, "IPL {device}")?;
                if *clear {
                    f.write_str(" CLEAR")?;
                }
                Ok(())
            }
            Command::Query(q) => match q {
                Query::Names => f.write_str("QUERY NAMES"),
                Query::Users => f.write_str("QUERY USERS"),
                Query::Set => f.write_str("QUERY SET"),
                Query::Time => f.write_str("QUERY TIME"),
                Query::Storage => f.write_str("QUERY STORAGE"),
                Query::User(u) => write!(f, "QUERY {u}"),
            },
            Command::DefineStorage(size) => write!(f, "DEFINE STORAGE {}K", size >> 10),
            Command::Display(requests) => {
                f.write_str("DISPLAY")?;
                for r in requests {
                    write!(f, " {r}")?;
                }
                Ok(())
            }
            Command::Store {
                address,
                items,
                odd_digit,
                ..
            } => store(f, *address, items, odd_digit.is_some()),
            Command::Vmcf(v) => vmcf(f, v),
            Command::Diag68(a) => write!(f, "DIAGNOSE 68 L{a:X}"),
            Command::Enable => f.write_str("ENABLE"),
            Command::Disable => f.write_str("DISABLE"),
            Command::Help(words) => {
                f.write_str("HELP")?;
                for w in words {
                    write!(f, " {w}")?;
                }
                Ok(())
            }
            Command::Quit => f.write_str("QUIT"),
            Command::Shutdown => f.write_str("SHUTDOWN"),
        }
    }
}

/// STORE: hexwords in the `L` form (the address is already on a fullword when a word comes
/// first); `Shexloc` with a dangling digit when the command had one (its value was never kept,
/// `0` stands for it).
fn store(f: &mut Formatter<'_>, address: u32, items: &[StoreItem], odd: bool) -> fmt::Result {
    if odd && let [StoreItem::Bytes(bytes)] = items {
        write!(f, "STORE S{address:X} ")?;
        for b in bytes {
            write!(f, "{b:02X}")?;
        }
        return f.write_char('0');
    }
    write!(f, "STORE L{address:X}")?;
    for item in items {
        f.write_char(' ')?;
        match item {
            StoreItem::Word(w) => {
                for b in w {
                    write!(f, "{b:02X}")?;
                }
            }
            StoreItem::Bytes(b) => hex(f, b)?,
        }
    }
    Ok(())
}

fn keyword(opt: Opt) -> &'static str {
    verbs::opt_def(opt).keyword.name
}

fn vmcf(f: &mut Formatter<'_>, v: &VmcfCommand) -> fmt::Result {
    let def = verbs::sub_def(v.subfunction());
    write!(f, "VMCF {}", def.names[0].name)?;
    if def.partner.is_some()
        && let Some(p) = v.partner
    {
        write!(f, " {p}")?;
    }
    if v.specific
        && let Some(p) = v.partner
    {
        write!(f, " {} {p}", keyword(Opt::Specific))?;
    }
    if v.priority {
        write!(f, " {}", keyword(Opt::Priority))?;
    }
    if v.smsg {
        write!(f, " {}", keyword(Opt::Smsg))?;
    }
    if let Some(n) = v.buf {
        write!(f, " {} {n}", keyword(Opt::Buf))?;
    }
    if let Some(a) = v.at {
        write!(f, " {} L{a:X}", keyword(Opt::At))?;
    }
    if let Some(n) = v.mid {
        write!(f, " {} {n}", keyword(Opt::Mid))?;
    }
    match &v.data {
        Some((Data::Literal { bytes, at }, _)) => {
            write!(f, " {} ", keyword(Opt::Data))?;
            hex(f, bytes)?;
            if let Some(a) = at {
                write!(f, " {} L{a:X}", keyword(Opt::At))?;
            }
        }
        Some((Data::Addr { address, len }, _)) => write!(
            f,
            " {} L{address:X} {} {len}",
            keyword(Opt::Addr),
            keyword(Opt::Len)
        )?,
        None => {}
    }
    if let Some((len, at, _)) = &v.reply_buf {
        write!(f, " {} {len}", keyword(Opt::ReplyBuf))?;
        if let Some(a) = at {
            write!(f, " {} L{a:X}", keyword(Opt::At))?;
        }
    }
    if let Some(a) = v.into {
        write!(f, " {} L{a:X}", keyword(Opt::Into))?;
    }
    if let Some(n) = v.len {
        write!(f, " {} {n}", keyword(Opt::Len))?;
    }
    if let Some(dw) = &v.use_dw {
        write!(f, " {} ", keyword(Opt::Use))?;
        hex(f, dw)?;
    }
    Ok(())
}
