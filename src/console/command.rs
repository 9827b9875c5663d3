//! `Command`: one parsed input line as a value, one variant a verb. The parser makes these and
//! knows nothing of the engine; `exec` carries them out. Operands that can still fail when the
//! command runs keep their byte span, so the error can point at them.

use super::verbs::{self, Verb};
use crate::cp::Emsg;
use crate::vmcf::{Subfunction, Userid};
use std::ops::Range;

/// Byte offsets in the input line.
pub type Span = Range<usize>;

/// A parsed line: an optional `userid:` prefix and the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// `userid:` runs the command as that user without making it current.
    pub prefix: Option<(Userid, Span)>,
    /// Where the verb is (for errors about the command as a whole).
    pub verb_span: Span,
    pub command: Command,
}

/// Whom a MSG or SMSG goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `*`: the issuer.
    Me,
    User(Userid),
}

/// QUERY's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Query {
    Names,
    Users,
    Set,
    Time,
    Storage,
    User(Userid),
}

/// One DISPLAY request: bytes `first..=last` (before CP's rounding), `last` `None` for END.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayRequest {
    /// `T`: add the EBCDIC translation (lines of 16 bytes on 16-byte boundaries).
    pub translate: bool,
    pub first: u32,
    /// The last byte, or `None` for the end of storage.
    pub last: Option<u32>,
    /// A location alone: one word (L) or one line (T).
    pub single: bool,
    pub span: Span,
}

/// One operand of STORE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreItem {
    /// A hexword: 4 bytes (up to 8 digits) or 8 (9-16 digits), right-justified.
    Word(Vec<u8>),
    /// Bytes stored at the exact running address: `'text'` in EBCDIC or `Shexloc` data.
    Bytes(Vec<u8>),
}

/// The data of a SEND-type, REPLY or IDENTIFY.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    /// A literal, stored first at `at` or in the console's data area.
    Literal { bytes: Vec<u8>, at: Option<u32> },
    /// Bytes already in storage.
    Addr { address: u32, len: u32 },
}

/// A VMCF console command: the operands that become a VMCPARM.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VmcfCommand {
    pub sub: Option<Subfunction>,
    /// The sink, source, or SPECIFIC partner (VMCPUSER).
    pub partner: Option<Userid>,
    pub specific: bool,
    pub priority: bool,
    pub smsg: bool,
    /// AUTHORIZE: buffer length and address.
    pub buf: Option<u32>,
    pub at: Option<u32>,
    pub mid: Option<u32>,
    /// The data and the span of its DATA or ADDR operand.
    pub data: Option<(Data, Span)>,
    /// SENDRECV: reply buffer length, and its address if given.
    pub reply_buf: Option<(u32, Option<u32>, Span)>,
    /// RECEIVE: buffer address and length.
    pub into: Option<u32>,
    pub len: Option<u32>,
    pub use_dw: Option<[u8; 8]>,
}

impl VmcfCommand {
    /// The subfunction (always set by the parser).
    pub fn subfunction(&self) -> Subfunction {
        self.sub.unwrap_or(Subfunction::Authorize)
    }
}

/// A command of the console language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A blank line.
    Empty,
    /// A line starting with `*`.
    Comment,
    Logon(Userid),
    Logoff,
    /// DISCONN (HOLD is taken and means nothing here).
    Disconn,
    /// FORCE userid (the span points at it, for refusing oneself).
    Force(Userid, Span),
    /// WARNING userid text.
    Warning {
        to: Userid,
        span: Span,
        text: String,
        /// The characters of `text` CP takes (the rest of its line after the verb and userid as
        /// typed: DECISION docs/decisions.md#d16); it depends on the spelling, not the meaning.
        room: usize,
    },
    /// `text` is the EBCDIC of the text as typed.
    Smsg {
        to: Target,
        text: Vec<u8>,
        /// The bytes of `text` CP takes, as for WARNING.
        room: usize,
    },
    Msg {
        to: Target,
        text: String,
        /// The characters of `text` CP takes, as for WARNING.
        room: usize,
    },
    SetMsg(bool),
    SetSmsg(bool),
    SetWng(bool),
    SetEmsg(Emsg),
    SetImsg(bool),
    Query(Query),
    /// DEFINE STORAGE, in bytes (already checked: 4K to 16M in 4K steps).
    DefineStorage(u32),
    Display(Vec<DisplayRequest>),
    Store {
        /// The first address, already rounded as CP rounds it.
        address: u32,
        /// The hexloc as typed (before rounding) and where: CP's 160E quotes it. A spelling's,
        /// like the spans: the canonical text writes `address`.
        hexloc: (u32, Span),
        items: Vec<StoreItem>,
        /// `Shexloc` data with an odd number of digits (its span): the last digit is not stored
        /// and the command ends with CP's error.
        odd_digit: Option<Span>,
    },
    Vmcf(VmcfCommand),
    /// DIAGNOSE X'68' with the VMCPARM at this address.
    Diag68(u32),
    /// SYSTEM RESET, or SYSTEM CLEAR (`clear`).
    System {
        clear: bool,
    },
    /// IPL of a device address or system name (upper case), with CLEAR or not.
    Ipl {
        device: String,
        clear: bool,
    },
    Enable,
    Disable,
    /// HELP and its topic words, upper case.
    Help(Vec<String>),
    Quit,
    /// SHUTDOWN (class A): ends the system.
    Shutdown,
}

impl Command {
    /// The verb of the console's table this command is; `None` for a blank line or a comment.
    pub fn verb(&self) -> Option<Verb> {
        Some(match self {
            Command::Logon(_) => Verb::Logon,
            Command::Logoff => Verb::Logoff,
            Command::Smsg { .. } => Verb::Smsg,
            Command::Msg { .. } => Verb::Msg,
            Command::SetMsg(_)
            | Command::SetSmsg(_)
            | Command::SetWng(_)
            | Command::SetEmsg(_)
            | Command::SetImsg(_) => Verb::Set,
            Command::Disconn => Verb::Disconn,
            Command::Force(..) => Verb::Force,
            Command::Warning { .. } => Verb::Warning,
            Command::System { .. } => Verb::System,
            Command::Ipl { .. } => Verb::Ipl,
            Command::Query(_) => Verb::Query,
            Command::DefineStorage(_) => Verb::Define,
            Command::Display(_) => Verb::Display,
            Command::Store { .. } => Verb::Store,
            Command::Vmcf(_) => Verb::Vmcf,
            Command::Diag68(_) => Verb::Diag,
            Command::Enable => Verb::Enable,
            Command::Disable => Verb::Disable,
            Command::Help(_) => Verb::Help,
            Command::Quit => Verb::Quit,
            Command::Shutdown => Verb::Shutdown,
            Command::Empty | Command::Comment => return None,
        })
    }

    /// The verb's full name as the table spells it (`LOGON` for `L`, `VMCF`, `QUERY`).
    pub fn verb_name(&self) -> Option<&'static str> {
        let verb = self.verb()?;
        verbs::VERBS
            .iter()
            .find(|d| d.verb == verb)
            .map(|d| d.name())
    }
}

/// The "needs a logged-on user" rule, in one place: the verb table's `before_logon`, and for
/// QUERY its operand (before LOGON only NAMES, USERS, TIME and a userid are known, as CP knew
/// them without a virtual machine).
impl Command {
    /// Whether the command runs only for a logged-on user.
    pub fn needs_user(&self) -> bool {
        match self {
            Command::Query(q) => !matches!(
                q,
                Query::Names | Query::Users | Query::Time | Query::User(_)
            ),
            c => c.verb().is_some_and(|v| !verbs::verb_def(v).before_logon),
        }
    }

    /// The privilege classes, one of which the command needs beyond class G (the verb table's
    /// `privilege`): `Some("A")` for FORCE and SHUTDOWN, `Some("AB")` for WARNING.
    pub fn privilege(&self) -> Option<&'static str> {
        self.verb().and_then(|v| verbs::verb_def(v).privilege)
    }
}
