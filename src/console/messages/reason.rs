//! The words under the caret: why the console refused a line, one variant a reason, worded in
//! one place. CP's message says *what* (`DMKCFC026E OPERAND MISSING OR INVALID`); the reason
//! says *why*, in vmcfsim's words, and is no part of CP's message (the transcript's, the JSON
//! `reason` key's). The parser, the executor and the session choose a variant; only this
//! module's `Display` writes it.

use std::fmt;

use super::hexloc;
use crate::console::session::{DATA_AREA, LINE_MAX, PLIST_SLOT};
use crate::vmcf::{Userid, UseridError};

/// An operand the line lacked or got wrong, as a reason names it (`{operand} missing`,
/// `expected {operand}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operand {
    /// LOGON's, SMSG's, MSG's, WARNING's userid.
    Userid,
    /// FORCE's userid.
    ForcedUserid,
    /// A VMCF subfunction's partner; the role (`sink`, `source`) comes from the verb table.
    Partner(&'static str),
    /// AUTHORIZE SPECIFIC's userid.
    Specific,
    /// SYSTEM's RESET or CLEAR.
    SystemAction,
    /// SET's setting.
    Setting,
    /// SET EMSG's value.
    EmsgValue,
    /// SET's ON or OFF.
    OnOff,
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Userid => f.write_str("userid"),
            Operand::ForcedUserid => f.write_str("the userid to force off"),
            Operand::Partner(role) => write!(f, "the {role}'s userid"),
            Operand::Specific => f.write_str("the SPECIFIC userid"),
            Operand::SystemAction => f.write_str("RESET or CLEAR"),
            Operand::Setting => f.write_str("MSG, WNG, EMSG, IMSG or SMSG"),
            Operand::EmsgValue => f.write_str("ON, OFF, CODE or TEXT"),
            Operand::OnOff => f.write_str("ON or OFF"),
        }
    }
}

/// Why a line was refused, shown after the caret (or on its own line for an error that points
/// nowhere in the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    // The line as a whole.
    /// A C0 or C1 control character (its code) where a 3270 could not have typed one.
    ControlCharacter(u32),
    /// A byte (its value) that starts no UTF-8 character.
    NotUtf8(u8),
    /// The line passed [`LINE_MAX`] bytes.
    LineTooLong,
    /// A `'` that nothing closes.
    UnterminatedQuote,
    /// An `X'` that nothing closes.
    UnterminatedHex,
    /// Text run on after a closing quote.
    BlankAfterQuote,
    /// Something after the last operand the command takes.
    UnexpectedOperand,

    // The `userid:` prefix and the verb.
    /// The prefix is not a userid.
    PrefixNotUserid,
    /// The prefix names a VM that is not logged on.
    PrefixNotLoggedOn,
    /// A prefix with nothing after it.
    CommandAfterPrefix,
    /// The verb is in no table.
    NoSuchCommand,
    /// HELP of a topic it has not.
    NoHelpTopic,
    /// DIAGRAM in a script or with operands.
    DiagramInReplOnly,
    /// A command for a VM, with nobody logged on.
    NobodyLoggedOn,
    /// A command for a VM, with none current; the first logged on is suggested.
    NoCurrentUser(Userid),
    /// `userid: LOGON`.
    LogonForNobody,

    // Operands any command may take.
    /// An operand missing at the end of the line.
    Missing(Operand),
    /// A word that is not the operand expected there.
    Expected(Operand),
    /// A word that is not a userid.
    Userid(UseridError),
    /// A userid in quotes.
    QuotedUserid,
    /// An option (as typed) with no number after it.
    NeedsNumber(String),
    /// A word that is not a number.
    NotNumber,
    /// An option (as typed) with no address after it.
    NeedsAddress(String),
    /// A word that is not an address.
    NotAddress,
    /// An address that is not hex digits.
    NotHexDigits,
    /// An address past the 24-bit space.
    Beyond16M,
    /// `X'...'` that is not hex digits.
    HexNotDigits,
    /// `X'...'` with an odd number of digits.
    HexOddDigits,
    /// A character (this one) that code page 037 cannot encode.
    NoEbcdic(char),

    // The CP commands.
    /// LOGOFF with an operand.
    LogoffTakesNone,
    /// DISCONN with an operand other than HOLD.
    DisconnTakesHold,
    /// WARNING to oneself.
    WarningToAnother,
    /// FORCE of oneself.
    ForceAnother,
    /// IPL without its device.
    IplDeviceMissing,
    /// IPL of a word that is neither a device nor a system name.
    NotIplDevice,
    /// IPL's options out of order or unknown.
    IplOptions,
    /// IPL PARM with no text.
    ParmText,
    /// QUERY with nothing to query.
    QueryWhat,
    /// QUERY of a word that is neither an operand nor a userid.
    NotQueryOperand,
    /// DEFINE with nothing to define.
    DefineWhat,
    /// DEFINE of anything but STORAGE.
    OnlyDefineStorage,
    /// DEFINE STORAGE with no size.
    SizeMissing,
    /// A size without K or M.
    SizeNeedsUnit,
    /// A size whose number is not decimal.
    SizeNotDecimal,
    /// A size outside 4K to 16M.
    SizeRange,
    /// A size that is not a multiple of 4K.
    SizeStep,
    /// DIAG with no code.
    DiagCodeMissing,
    /// A DIAGNOSE code other than X'68'.
    OnlyDiag68,

    // DISPLAY and STORE.
    /// DISPLAY with nothing to display.
    DisplayWhat,
    /// A DISPLAY operand that is not `[L|T]hexloc`.
    NotDisplayHexloc,
    /// DISPLAY of registers, the PSW or keys.
    RegistersNotSimulated,
    /// A DISPLAY count that is not hex.
    NotByteCount,
    /// A DISPLAY count of zero.
    ZeroCount,
    /// A DISPLAY range that ends before it starts.
    RangeBackwards,
    /// DISPLAY past the end of storage; the last address.
    StorageEndsAt(u32),
    /// STORE with nowhere to store.
    StoreWhere,
    /// A STORE address that is not `[L|S]hexloc`.
    NotStoreHexloc,
    /// `STORE Shexloc` with no data.
    HexdataMissing,
    /// `STORE Shexloc` data of fewer than two digits.
    TwoHexDigits,
    /// A STORE word that is not 1 to 16 hex digits.
    NotHexword,
    /// `STORE Lhexloc` with no data.
    StoreDataMissing,
    /// STORE data running past the end of storage: how many bytes, and the last address.
    StorePastEnd {
        /// Bytes the command would store.
        bytes: u64,
        /// The last address of the VM's storage.
        last: u64,
    },
    /// `STORE Shexloc` data with an odd digit, which was not stored.
    OddDigitNotStored,

    // VMCF.
    /// VMCF with no subfunction.
    NoSubfunction,
    /// VMCF of a word that is no subfunction.
    NotSubfunction,
    /// A word that is no option of any subfunction; the subfunction's name.
    UnknownOption(&'static str),
    /// AT anywhere but after DATA or REPLYBUF.
    AtPlacement,
    /// An option of another subfunction; this one's name.
    NotOptionOf(&'static str),
    /// An option given twice.
    GivenTwice,
    /// DATA with ADDR.
    DataOrAddr,
    /// ADDR without LEN.
    AddrNeedsLen,
    /// LEN without ADDR (except on RECEIVE, where it is the buffer's).
    LenWithAddr,
    /// A subfunction (its name) that needs MID, without it.
    NeedsMid(&'static str),
    /// DATA with neither text nor hex after it.
    DataLiteral,
    /// USE with neither text nor hex after it.
    UseLiteral,
    /// `USE X'...'` of more than 16 digits, or none.
    UseHexDigits,
    /// `USE '...'` of more than 8 characters.
    UseTextLength,
    /// A VM too small for the console's VMCPARM slot.
    PlistSlot,
    /// An operand (its name) whose bytes do not fit in the console's data area.
    AreaFull {
        /// What needed the room: `DATA`, `REPLYBUF`, `the receive buffer`.
        what: &'static str,
        /// How many bytes.
        len: u32,
    },
}

impl From<UseridError> for Reason {
    fn from(e: UseridError) -> Reason {
        Reason::Userid(e)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Reason as R;
        let s = match self {
            R::ControlCharacter(code) => {
                return write!(f, "control character X'{code:02X}' in the line");
            }
            R::NotUtf8(b) => return write!(f, "byte X'{b:02X}' is not UTF-8"),
            R::LineTooLong => {
                return write!(f, "the console reads at most {LINE_MAX} bytes of a line");
            }
            R::UnterminatedQuote => "unterminated quote: no closing '",
            R::UnterminatedHex => "unterminated X'...': no closing '",
            R::BlankAfterQuote => "a blank must follow the closing quote",
            R::UnexpectedOperand => "unexpected operand",

            R::PrefixNotUserid => "userid: must name a VM (1-8 of A-Z 0-9 @ # $)",
            R::PrefixNotLoggedOn => "userid: must name a logged-on VM",
            R::CommandAfterPrefix => "a command must follow userid:",
            R::NoSuchCommand => "no such command (HELP lists them)",
            R::NoHelpTopic => "no such command or subfunction",
            R::DiagramInReplOnly => {
                "DIAGRAM is the REPL's own, alone on a line; a replay draws with --diagram FILE"
            }
            R::NobodyLoggedOn => "nobody is logged on: LOGON first",
            R::NoCurrentUser(u) => {
                return write!(
                    f,
                    "no current user: LOGON {u} makes {u} current, or {u}: command runs one"
                );
            }
            R::LogonForNobody => "LOGON acts for nobody: drop the userid: prefix",

            R::Missing(what) => return write!(f, "{what} missing"),
            R::Expected(what) => return write!(f, "expected {what}"),
            R::Userid(e) => return e.fmt(f),
            R::QuotedUserid => "a userid is not quoted",
            R::NeedsNumber(name) => return write!(f, "{name} needs a number"),
            R::NotNumber => "expected a decimal number below 4294967296 or X'hex' (up to 8 digits)",
            R::NeedsAddress(name) => return write!(f, "{name} needs an address Lhex"),
            R::NotAddress => "expected an address: Lhex or X'hex'",
            R::NotHexDigits => "expected hex digits",
            R::Beyond16M => "beyond X'FFFFFF', the last address of 16M",
            R::HexNotDigits => "not hex digits",
            R::HexOddDigits => "odd number of hex digits: bytes take two each",
            R::NoEbcdic(ch) => return write!(f, "'{ch}' has no EBCDIC code (code page 037)"),

            R::LogoffTakesNone => "a user logs only itself off: userid: LOGOFF",
            R::DisconnTakesHold => "DISCONN takes only HOLD",
            R::WarningToAnother => "WARNING goes to another user: MSG * writes to yourself",
            R::ForceAnother => "FORCE logs off another VM: LOGOFF ends your own",
            R::IplDeviceMissing => "a device address or system name",
            R::NotIplDevice => "expected a device address (hex) or a system name of 1-8 characters",
            R::IplOptions => "IPL takes CLEAR, then PARM text",
            R::ParmText => "PARM needs its text",
            R::QueryWhat => "what to query: NAMES, SET, TIME, ...",
            R::NotQueryOperand => "not a QUERY operand nor a userid",
            R::DefineWhat => "DEFINE STORAGE nnnK|nnM",
            R::OnlyDefineStorage => "only DEFINE STORAGE is simulated",
            R::SizeMissing => "size missing: nnnK or nnM",
            R::SizeNeedsUnit => "the size needs K or M: nnnK or nnM",
            R::SizeNotDecimal => "expected a decimal number before K or M",
            R::SizeRange => "storage is 4K to 16M",
            R::SizeStep => "storage grows in steps of 4K",
            R::DiagCodeMissing => "DIAG 68 Lhex: the code is missing",
            R::OnlyDiag68 => "only DIAGNOSE X'68' (VMCF) is simulated",

            R::DisplayWhat => "what to display: Lhex or Thex",
            R::NotDisplayHexloc => "expected [L|T]hexloc",
            R::RegistersNotSimulated => "registers, PSW and storage keys are not simulated",
            R::NotByteCount => "expected a hex byte count or END",
            R::ZeroCount => "a byte count of zero shows nothing",
            R::RangeBackwards => "the range ends before it starts",
            R::StorageEndsAt(last) => return write!(f, "storage ends at {}", hexloc(*last)),
            R::StoreWhere => "where to store: Lhex or Shex",
            R::NotStoreHexloc => "expected [L|S]hexloc",
            R::HexdataMissing => "hexdata missing",
            R::TwoHexDigits => "expected at least two hex digits",
            R::NotHexword => "a hexword is 1 to 16 hex digits",
            R::StoreDataMissing => "data missing: hexwords or 'text'",
            R::StorePastEnd { bytes, last } => {
                return write!(
                    f,
                    "{bytes} bytes from here pass the end of storage ({last:06X}): none stored"
                );
            }
            R::OddDigitNotStored => "odd number of digits: the last one was not stored",

            R::NoSubfunction => "which subfunction? AUTHORIZE, SEND, RECEIVE, ... (HELP VMCF)",
            R::NotSubfunction => "not a VMCF subfunction (HELP VMCF lists them)",
            R::UnknownOption(sub) => return write!(f, "unknown option of {sub}"),
            R::AtPlacement => "AT goes right after DATA or REPLYBUF",
            R::NotOptionOf(sub) => return write!(f, "not an option of {sub}"),
            R::GivenTwice => "given twice",
            R::DataOrAddr => "DATA and ADDR exclude each other",
            R::AddrNeedsLen => "ADDR needs LEN n",
            R::LenWithAddr => "LEN goes with ADDR",
            R::NeedsMid(sub) => return write!(f, "{sub} needs MID n"),
            R::DataLiteral => "DATA needs 'text' or X'hex'",
            R::UseLiteral => "USE needs X'hex' or 'text'",
            R::UseHexDigits => "USE X'...' takes 1 to 16 hex digits",
            R::UseTextLength => "USE '...' takes at most 8 characters",
            R::PlistSlot => {
                return write!(
                    f,
                    "the console's VMCPARM goes at X'{PLIST_SLOT:X}': DEFINE STORAGE 128K or \
                     more, or STORE a VMCPARM and use DIAG 68"
                );
            }
            R::AreaFull { what, len } => {
                return write!(
                    f,
                    "{what} of {len} bytes does not fit between X'{DATA_AREA:X}' and the end of \
                     storage; use AT or DEFINE STORAGE"
                );
            }
        };
        f.write_str(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_worded_here() {
        // A reason with data words it in place; one without reads the same wherever it is used.
        let b = Userid::parse("B").unwrap();
        assert_eq!(
            Reason::NoCurrentUser(b).to_string(),
            "no current user: LOGON B makes B current, or B: command runs one"
        );
        assert_eq!(
            Reason::Missing(Operand::Partner("sink")).to_string(),
            "the sink's userid missing"
        );
        assert_eq!(
            Reason::Expected(Operand::OnOff).to_string(),
            "expected ON or OFF"
        );
        assert_eq!(
            Reason::StorageEndsAt(0xFFFFF).to_string(),
            "storage ends at 0FFFFF"
        );
        // A userid's reason is the userid's own Display: one wording for one fact.
        let e = UseridError::BadCharacter('!');
        assert_eq!(Reason::from(e).to_string(), e.to_string());
        // The one wording of a character code page 037 lacks, wherever it was typed.
        assert_eq!(
            Reason::NoEbcdic('€').to_string(),
            "'€' has no EBCDIC code (code page 037)"
        );
    }
}
