//! CP's message catalogue: every error the console reports, as a value, and the one place that
//! gives it CP's id (`DMK` + module + number + severity) and wording. Numbers and texts follow CP's
//! (docs/console.md#cp-messages); where CP had none, the wording is vmcfsim's and HELP says so.

mod reason;

pub use reason::{Operand, Reason};

use super::command::Span;
use crate::cp::{CpError, Emsg, NotReceiving};
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
    /// 045W `userid NOT LOGGED ON`.
    NotLoggedOn(Userid),
    /// 057E `userid NOT RECEIVING; reason`.
    NotReceiving(Userid, NotReceiving),
    /// 160E `HEXLOC hexloc EXCEEDS STORAGE`.
    ExceedsStorage(u32),
    /// 050E `PASSWORD INCORRECT` (LOGON at a terminal with a directory).
    PasswordIncorrect,
    /// 053E `userid NOT IN CP DIRECTORY`.
    NotInDirectory(Userid),
    /// 054E `ALREADY LOGGED ON GRAF 0C1` (`LINE` for a line-mode terminal): LOGON of a VM
    /// connected at another terminal.
    AlreadyLoggedOn {
        /// The other terminal is a 3270 (GRAF), not a line-mode one (LINE).
        graf: bool,
        /// Its device address.
        address: u16,
    },
    /// Not a CP message (docs/decisions.md#d9): DIAGNOSE X'68' with a VMCPARM outside storage is an
    /// addressing exception for the program. CP reflects a program check to the guest and
    /// prints nothing, so the console reports it in vmcfsim's words, with no DMK id.
    Addressing(u32),
    /// Not a CP message (docs/decisions.md#d9): a VMCPARM off a doubleword boundary, a specification
    /// exception for the program.
    Specification(u32),
    /// Not a CP message: DISCONN of a VM already disconnected. Only its program could issue it
    /// (nobody is at its terminal), and CP has no message for that.
    AlreadyDisconnected(Userid),
}

impl CpMsg {
    /// Whether CP itself would print this message (the program checks of DECISION docs/decisions.md#d9 are
    /// vmcfsim's report of what the program suffered, not CP messages).
    pub fn is_cp(&self) -> bool {
        !matches!(
            self,
            CpMsg::Addressing(_) | CpMsg::Specification(_) | CpMsg::AlreadyDisconnected(_)
        )
    }

    /// The message number, which CP also gave back as the command's return code (0 for what
    /// is not a CP message).
    pub fn number(&self) -> u16 {
        match self {
            CpMsg::Addressing(_) | CpMsg::Specification(_) | CpMsg::AlreadyDisconnected(_) => 0,
            CpMsg::UnknownCommand(_) => 1,
            CpMsg::InvalidOperand(_) => 2,
            CpMsg::InvalidOption(_) => 3,
            CpMsg::InvalidHexloc(_) => 4,
            CpMsg::InvalidHexdata(_) => 5,
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

    /// The severity letter. A message number keeps its letter in every module that issues it
    /// (`DMKMSG045W`, `DMKCQG045W`): the R6 logic manual's SMSG flow prints 045 with `W` and
    /// 057 with `E` (Logic R6 p. 56); every other message here is an error, `E`.
    pub fn severity(&self) -> char {
        match self {
            CpMsg::NotLoggedOn(_) => 'W',
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
            CpMsg::Addressing(a) => format!(
                "PROGRAM CHECK: ADDRESSING EXCEPTION, DIAGNOSE X'68' VMCPARM AT {} OUTSIDE STORAGE",
                hexloc(*a)
            ),
            CpMsg::Specification(a) => format!(
                "PROGRAM CHECK: SPECIFICATION EXCEPTION, DIAGNOSE X'68' VMCPARM AT {} NOT ON A \
                 DOUBLEWORD",
                hexloc(*a)
            ),
            CpMsg::AlreadyDisconnected(u) => format!("{u} IS DISCONNECTED ALREADY"),
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
            CpError::AlreadyDisconnected(u) => CpMsg::AlreadyDisconnected(u),
        }
    }
}

/// The words after `NOT RECEIVING;` (QUIESCED and BUFFER TOO SMALL are vmcfsim's,
/// docs/decisions.md#d4; 256 SMSGS PENDING is vmcfsim's limit, `SMSG_PENDING_MAX`).
fn reason(why: NotReceiving) -> &'static str {
    match why {
        NotReceiving::MsgOff => "MSG OFF",
        NotReceiving::WngOff => "WNG OFF",
        NotReceiving::Disconnected => "DISCONNECTED",
        NotReceiving::SmsgOff => "SMSG OFF",
        NotReceiving::NotAuthorized => "NOT AUTHORIZED",
        NotReceiving::Quiesced => "QUIESCED",
        NotReceiving::BufferTooSmall => "BUFFER TOO SMALL",
        NotReceiving::SmsgsPending => "256 SMSGS PENDING",
    }
}

/// An address as CP prints it: 6 hex digits (8 above 16M).
pub(crate) fn hexloc(a: u32) -> String {
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
    /// What went wrong: the message number and its text.
    pub msg: CpMsg,
    /// The offending bytes of the input line.
    pub span: Option<Span>,
    /// Why, in vmcfsim's words, shown after the caret.
    pub reason: Option<Reason>,
}

impl ConsoleError {
    /// The message `msg` of CP module `module`, pointing nowhere in the line.
    pub fn new(module: &'static str, msg: CpMsg) -> ConsoleError {
        ConsoleError {
            module,
            msg,
            span: None,
            reason: None,
        }
    }

    /// Points the error at `span` with a short reason.
    pub fn at(mut self, span: Span, reason: impl Into<Reason>) -> ConsoleError {
        self.span = Some(span);
        self.reason = Some(reason.into());
        self
    }

    /// Gives the error a reason without pointing into the line (`None`: it points nowhere).
    pub fn because(mut self, span: Option<Span>, reason: Reason) -> ConsoleError {
        self.span = span;
        self.reason = Some(reason);
        self
    }

    /// `DMKMSG045W`; for what is not a CP message (docs/decisions.md#d9) a stable id of vmcfsim's that no
    /// CP message id resembles: `VMCFSIM-PROGRAM-CHECK-ADDRESSING` or `...-SPECIFICATION`.
    pub fn id(&self) -> String {
        match self.msg {
            CpMsg::Addressing(_) => "VMCFSIM-PROGRAM-CHECK-ADDRESSING".to_string(),
            CpMsg::Specification(_) => "VMCFSIM-PROGRAM-CHECK-SPECIFICATION".to_string(),
            CpMsg::AlreadyDisconnected(_) => "VMCFSIM-ALREADY-DISCONNECTED".to_string(),
            _ => format!(
                "DMK{}{:03}{}",
                self.module,
                self.msg.number(),
                self.msg.severity()
            ),
        }
    }

    /// The line the terminal shows, as `SET EMSG` asks (`None`: nothing): id and text (ON),
    /// the id (CODE), the text (TEXT). What is not a CP message is not subject to EMSG: it is
    /// always shown, marked as vmcfsim's (docs/decisions.md#d9).
    pub fn headline(&self, emsg: Emsg) -> Option<String> {
        if !self.msg.is_cp() {
            return Some(format!("{} (vmcfsim; not a CP message)", self.text()));
        }
        match emsg {
            Emsg::On => Some(format!("{} {}", self.id(), self.text())),
            Emsg::Code => Some(self.id()),
            Emsg::Text => Some(self.text()),
            Emsg::Off => None,
        }
    }

    /// The text after the id.
    pub fn text(&self) -> String {
        self.msg.text()
    }
}

/// `DMKMSG045E B NOT LOGGED ON`: the message as CP writes it (the reason under the caret is
/// the transcript's, not part of the message).
impl std::fmt::Display for ConsoleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.id(), self.text())
    }
}

impl std::error::Error for ConsoleError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_texts_are_cps() {
        let b = Userid::parse("B").unwrap();
        let e = ConsoleError::new("MSG", CpMsg::NotLoggedOn(b));
        assert_eq!(
            (e.id(), e.text()),
            ("DMKMSG045W".into(), "B NOT LOGGED ON".into())
        );
        let e = ConsoleError::new("MSG", CpMsg::NotReceiving(b, NotReceiving::SmsgOff));
        assert_eq!(
            format!("{} {}", e.id(), e.text()),
            "DMKMSG057E B NOT RECEIVING; SMSG OFF"
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
        // DECISION docs/decisions.md#d9: a program check is no CP message: no DMK id, always shown.
        let e = ConsoleError::new("HVC", CpMsg::Specification(0x1FFD9));
        assert_eq!(e.id(), "VMCFSIM-PROGRAM-CHECK-SPECIFICATION");
        let shown = e.headline(Emsg::Off).unwrap();
        assert!(
            !shown.contains("DMK") && shown.contains("not a CP message"),
            "{shown}"
        );
        // SET EMSG: id and text, the id, the text, nothing.
        let e = ConsoleError::new("MSG", CpMsg::NotLoggedOn(b));
        assert_eq!(e.headline(Emsg::Code).unwrap(), "DMKMSG045W");
        assert_eq!(e.headline(Emsg::Text).unwrap(), "B NOT LOGGED ON");
        assert_eq!(e.headline(Emsg::Off), None);
        // The letter goes with the number, whichever module issues it.
        assert_eq!(
            ConsoleError::new("CQG", CpMsg::NotLoggedOn(b)).id(),
            "DMKCQG045W"
        );
        let e = ConsoleError::new("CFC", CpMsg::UnknownCommand("FOO".into()));
        assert_eq!(e.to_string(), "DMKCFC001E ?CP: FOO");
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert_eq!(boxed.to_string(), "DMKCFC001E ?CP: FOO");
    }
}
