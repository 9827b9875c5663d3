//! CP's message catalogue: every error the console reports, as a value, and the one place that
//! gives it CP's id (`DMK` + module + number + severity) and wording. Numbers and texts follow CP's
//! (docs/console.md#cp-messages); where CP had none, the wording is vmcfsim's and HELP says so.

use super::command::Span;
use crate::cp::{CpError, NotReceiving};
use crate::vmcf::Userid;

/// What went wrong, in CP's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CpMsg {
    /// 001E `?CP: word`.
    UnknownCommand(String),
    /// 002E `INVALID OPERAND - word`.
    InvalidOperand(String),
    /// 003E `INVALID OPTION - word`.
    InvalidOption(String),
    /// 004E `INVALID HEXLOC - word`.
    InvalidHexloc(String),
    /// 005E `INVALID HEXDATA - word`.
    InvalidHexdata(String),
    /// 009E `INVALID RANGE - word`.
    InvalidRange(String),
    /// 020E `USERID MISSING OR INVALID`.
    UseridMissing,
    /// 025E `STORAGE MISSING OR INVALID`.
    StorageMissing,
    /// 026E `OPERAND MISSING OR INVALID`.
    OperandMissing,
    /// 045E `userid NOT LOGGED ON`.
    NotLoggedOn(Userid),
    /// 057W `userid NOT RECEIVING; reason`.
    NotReceiving(Userid, NotReceiving),
    /// 160E `HEXLOC hexloc EXCEEDS STORAGE`.
    ExceedsStorage(u32),
    /// 050E `PASSWORD INCORRECT` (LOGON at a terminal with a directory).
    PasswordIncorrect,
    /// 053E `userid NOT IN CP DIRECTORY`.
    NotInDirectory(Userid),
    /// 054E `ALREADY LOGGED ON GRAF 0C1` (`LINE` for a line-mode terminal): LOGON of a VM
    /// connected at another terminal.
    AlreadyLoggedOn { graf: bool, address: u16 },
    /// vmcfsim: 005E `ADDRESSING EXCEPTION - VMCPARM AT hexloc` (DIAGNOSE X'68',
    /// docs/decisions.md#d9).
    Addressing(u32),
    /// vmcfsim: 006E `SPECIFICATION EXCEPTION - VMCPARM AT hexloc` (docs/decisions.md#d9).
    Specification(u32),
}

impl CpMsg {
    /// The message number, which CP also gave back as the command's return code.
    pub fn number(&self) -> u16 {
        match self {
            CpMsg::UnknownCommand(_) => 1,
            CpMsg::InvalidOperand(_) => 2,
            CpMsg::InvalidOption(_) => 3,
            CpMsg::InvalidHexloc(_) => 4,
            CpMsg::InvalidHexdata(_) | CpMsg::Addressing(_) => 5,
            CpMsg::Specification(_) => 6,
            CpMsg::InvalidRange(_) => 9,
            CpMsg::UseridMissing => 20,
            CpMsg::StorageMissing => 25,
            CpMsg::OperandMissing => 26,
            CpMsg::NotLoggedOn(_) => 45,
            CpMsg::NotReceiving(..) => 57,
            CpMsg::ExceedsStorage(_) => 160,
            CpMsg::PasswordIncorrect => 50,
            CpMsg::NotInDirectory(_) => 53,
            CpMsg::AlreadyLoggedOn { .. } => 54,
        }
    }

    /// The severity letter: `W` for a message that was not taken, `E` for the rest.
    pub fn severity(&self) -> char {
        match self {
            CpMsg::NotReceiving(..) => 'W',
            _ => 'E',
        }
    }

    /// The text after the id.
    pub fn text(&self) -> String {
        match self {
            CpMsg::UnknownCommand(w) => format!("?CP: {w}"),
            CpMsg::InvalidOperand(w) => format!("INVALID OPERAND - {w}"),
            CpMsg::InvalidOption(w) => format!("INVALID OPTION - {w}"),
            CpMsg::InvalidHexloc(w) => format!("INVALID HEXLOC - {w}"),
            CpMsg::InvalidHexdata(w) => format!("INVALID HEXDATA - {w}"),
            CpMsg::InvalidRange(w) => format!("INVALID RANGE - {w}"),
            CpMsg::UseridMissing => "USERID MISSING OR INVALID".to_string(),
            CpMsg::StorageMissing => "STORAGE MISSING OR INVALID".to_string(),
            CpMsg::OperandMissing => "OPERAND MISSING OR INVALID".to_string(),
            CpMsg::NotLoggedOn(u) => format!("{u} NOT LOGGED ON"),
            CpMsg::NotReceiving(u, why) => format!("{u} NOT RECEIVING; {}", reason(*why)),
            CpMsg::ExceedsStorage(a) => format!("HEXLOC {} EXCEEDS STORAGE", hexloc(*a)),
            CpMsg::PasswordIncorrect => "PASSWORD INCORRECT".to_string(),
            CpMsg::NotInDirectory(u) => format!("{u} NOT IN CP DIRECTORY"),
            CpMsg::AlreadyLoggedOn { graf, address } => format!(
                "ALREADY LOGGED ON {} {address:03X}",
                if *graf { "GRAF" } else { "LINE" }
            ),
            CpMsg::Addressing(a) => format!("ADDRESSING EXCEPTION - VMCPARM AT {}", hexloc(*a)),
            CpMsg::Specification(a) => {
                format!("SPECIFICATION EXCEPTION - VMCPARM AT {}", hexloc(*a))
            }
        }
    }

    /// The message for an engine error.
    pub fn from_cp(e: CpError) -> CpMsg {
        match e {
            CpError::NotLoggedOn(u) => CpMsg::NotLoggedOn(u),
            CpError::NotReceiving(u, why) => CpMsg::NotReceiving(u, why),
            CpError::ExceedsStorage(a) => CpMsg::ExceedsStorage(a),
            CpError::SpecificationException(a) => CpMsg::Specification(a),
            CpError::AddressingException(a) => CpMsg::Addressing(a),
            CpError::StorageInvalid(_) => CpMsg::StorageMissing,
        }
    }
}

/// The words after `NOT RECEIVING;` (QUIESCED and BUFFER TOO SMALL are vmcfsim's,
/// docs/decisions.md#d4; 256 SMSGS PENDING is vmcfsim's limit, `SMSG_PENDING_MAX`).
fn reason(why: NotReceiving) -> &'static str {
    match why {
        NotReceiving::MsgOff => "MSG OFF",
        NotReceiving::SmsgOff => "SMSG OFF",
        NotReceiving::NotAuthorized => "NOT AUTHORIZED",
        NotReceiving::Quiesced => "QUIESCED",
        NotReceiving::BufferTooSmall => "BUFFER TOO SMALL",
        NotReceiving::SmsgsPending => "256 SMSGS PENDING",
    }
}

/// An address as CP prints it: 6 hex digits (8 above 16M).
pub fn hexloc(a: u32) -> String {
    if a > 0xFF_FFFF {
        format!("{a:08X}")
    } else {
        format!("{a:06X}")
    }
}

/// An error as the console reports it: which module, what, and (for input errors) where in the
/// line and why, in vmcfsim's words under the caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleError {
    /// The three letters after `DMK`.
    pub module: &'static str,
    pub msg: CpMsg,
    /// The offending bytes of the input line.
    pub span: Option<Span>,
    /// A short explanation shown after the caret.
    pub reason: Option<String>,
}

impl ConsoleError {
    pub fn new(module: &'static str, msg: CpMsg) -> ConsoleError {
        ConsoleError {
            module,
            msg,
            span: None,
            reason: None,
        }
    }

    /// Points the error at `span` with a short reason.
    pub fn at(mut self, span: Span, reason: impl Into<String>) -> ConsoleError {
        self.span = Some(span);
        self.reason = Some(reason.into());
        self
    }

    /// `DMKMSG045E`.
    pub fn id(&self) -> String {
        format!(
            "DMK{}{:03}{}",
            self.module,
            self.msg.number(),
            self.msg.severity()
        )
    }

    /// The text after the id.
    pub fn text(&self) -> String {
        self.msg.text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_texts_are_cps() {
        let b = Userid::parse("B").unwrap();
        let e = ConsoleError::new("MSG", CpMsg::NotLoggedOn(b));
        assert_eq!(
            (e.id(), e.text()),
            ("DMKMSG045E".into(), "B NOT LOGGED ON".into())
        );
        let e = ConsoleError::new("MSG", CpMsg::NotReceiving(b, NotReceiving::SmsgOff));
        assert_eq!(
            format!("{} {}", e.id(), e.text()),
            "DMKMSG057W B NOT RECEIVING; SMSG OFF"
        );
        let e = ConsoleError::new("CDB", CpMsg::ExceedsStorage(0x100000));
        assert_eq!(
            format!("{} {}", e.id(), e.text()),
            "DMKCDB160E HEXLOC 100000 EXCEEDS STORAGE"
        );
        assert_eq!(
            ConsoleError::new("CFC", CpMsg::UnknownCommand("FOO".into())).id(),
            "DMKCFC001E"
        );
    }
}
