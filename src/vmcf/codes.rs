//! The named values of the facility: subfunction codes (VMCPFUNC), the option bits of VMCPFLG1, the
//! status bits of VMCMSTAT, DIAGNOSE X'68' return codes and data-transfer error codes (VMCMEFLG).
//! Data only; what the engine does with them lives in `cp`.

use std::fmt;

/// VMCPFUNC / VMCMFUNC: the subfunction code, a halfword. Codes above X'000B' are not a
/// `Subfunction`; [`Subfunction::from_code`] gives `None` and the engine answers RC 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u16)]
pub enum Subfunction {
    /// VMCPAUTH X'0000'.
    Authorize = 0x0000,
    /// VMCPUAUT X'0001'.
    Unauthorize = 0x0001,
    /// VMCPSEND X'0002'.
    Send = 0x0002,
    /// VMCPSENR X'0003' (SEND/RECV).
    SendRecv = 0x0003,
    /// VMCPSENX X'0004'.
    Sendx = 0x0004,
    /// VMCPRECV X'0005'.
    Receive = 0x0005,
    /// VMCPCANC X'0006'.
    Cancel = 0x0006,
    /// VMCPREPL X'0007'.
    Reply = 0x0007,
    /// VMCPQUIE X'0008'.
    Quiesce = 0x0008,
    /// VMCPRESM X'0009'.
    Resume = 0x0009,
    /// VMCPIDEN X'000A'.
    Identify = 0x000A,
    /// VMCPRJCT X'000B'.
    Reject = 0x000B,
}

impl Subfunction {
    /// Every subfunction, in function-code order.
    pub const ALL: [Subfunction; 12] = [
        Subfunction::Authorize,
        Subfunction::Unauthorize,
        Subfunction::Send,
        Subfunction::SendRecv,
        Subfunction::Sendx,
        Subfunction::Receive,
        Subfunction::Cancel,
        Subfunction::Reply,
        Subfunction::Quiesce,
        Subfunction::Resume,
        Subfunction::Identify,
        Subfunction::Reject,
    ];

    /// The subfunction for a VMCPFUNC value, or `None` for an invalid code (RC 2).
    pub fn from_code(code: u16) -> Option<Subfunction> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The halfword stored in VMCPFUNC / VMCMFUNC.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// The manual's name in capitals, as the JSON events spell it (`SENDRECV` for SEND/RECV).
    pub fn name(self) -> &'static str {
        match self {
            Subfunction::Authorize => "AUTHORIZE",
            Subfunction::Unauthorize => "UNAUTHORIZE",
            Subfunction::Send => "SEND",
            Subfunction::SendRecv => "SENDRECV",
            Subfunction::Sendx => "SENDX",
            Subfunction::Receive => "RECEIVE",
            Subfunction::Cancel => "CANCEL",
            Subfunction::Reply => "REPLY",
            Subfunction::Quiesce => "QUIESCE",
            Subfunction::Resume => "RESUME",
            Subfunction::Identify => "IDENTIFY",
            Subfunction::Reject => "REJECT",
        }
    }

    /// The assembler equate CP programmers know it by (`VMCPSENR`).
    pub fn equate(self) -> &'static str {
        match self {
            Subfunction::Authorize => "VMCPAUTH",
            Subfunction::Unauthorize => "VMCPUAUT",
            Subfunction::Send => "VMCPSEND",
            Subfunction::SendRecv => "VMCPSENR",
            Subfunction::Sendx => "VMCPSENX",
            Subfunction::Receive => "VMCPRECV",
            Subfunction::Cancel => "VMCPCANC",
            Subfunction::Reply => "VMCPREPL",
            Subfunction::Quiesce => "VMCPQUIE",
            Subfunction::Resume => "VMCPRESM",
            Subfunction::Identify => "VMCPIDEN",
            Subfunction::Reject => "VMCPRJCT",
        }
    }

    /// SEND, SEND/RECV and SENDX: the subfunctions that start a message with a MID.
    pub fn is_send_type(self) -> bool {
        matches!(
            self,
            Subfunction::Send | Subfunction::SendRecv | Subfunction::Sendx
        )
    }
}

impl fmt::Display for Subfunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name of any VMCPFUNC value: the subfunction's name, or `X'hhhh'` for an invalid code.
pub fn function_name(code: u16) -> String {
    match Subfunction::from_code(code) {
        Some(s) => s.name().to_string(),
        None => format!("X'{code:04X}'"),
    }
}

/// VMCPFLG1 option bits (parameter list byte 0).
pub mod vmcpflg1 {
    /// VMCPAUTS: AUTHORIZE SPECIFIC; VMCPUSER names the one partner.
    pub const VMCPAUTS: u8 = 0x80;
    /// VMCPPRTY: a priority message (SEND-types, IDENTIFY), or AUTHORIZE PRIORITY.
    pub const VMCPPRTY: u8 = 0x40;
    /// VMCPSMSG: AUTHORIZE accepting special messages (same flag as `SET SMSG ON`).
    pub const VMCPSMSG: u8 = 0x20;
}

/// VMCMSTAT status bits (header byte 0).
pub mod vmcmstat {
    /// VMCMRESP: the final interrupt of a transaction (every RESPONSE, and IDENTIFY).
    pub const VMCMRESP: u8 = 0x80;
    /// VMCMRJCT: the sink rejected the message.
    pub const VMCMRJCT: u8 = 0x40;
    /// VMCMPRTY: a priority message.
    pub const VMCMPRTY: u8 = 0x20;
}

/// Names of the set VMCMSTAT bits, in bit order (`["VMCMRESP", "VMCMPRTY"]`).
pub(crate) fn status_names(stat: u8) -> Vec<&'static str> {
    let mut names = Vec::new();
    for (bit, name) in [
        (vmcmstat::VMCMRESP, "VMCMRESP"),
        (vmcmstat::VMCMRJCT, "VMCMRJCT"),
        (vmcmstat::VMCMPRTY, "VMCMPRTY"),
    ] {
        if stat & bit != 0 {
            names.push(name);
        }
    }
    names
}

macro_rules! numbered {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $value:literal, $meaning:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name {
            $($(#[$vdoc])* $variant = $value,)*
        }

        impl $name {
            /// Every value, in numeric order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The named value for a number, or `None` if the manual gives it no meaning.
            pub fn from_number(n: u8) -> Option<$name> {
                match n {
                    $($value => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// The number as CP returns it.
            pub fn number(self) -> u8 {
                self as u8
            }

            /// What it means, in a few words.
            pub fn meaning(self) -> &'static str {
                match self {
                    $($name::$variant => $meaning,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} ({})", self.number(), self.meaning())
            }
        }
    };
}

numbered! {
    /// The return code DIAGNOSE X'68' leaves in register Ry (docs/vmcf.md#return-codes).
    ReturnCode {
        /// Complete, or (for SEND-types) successfully initiated.
        Ok = 0, "complete or successfully initiated";
        /// A buffer address or length is invalid.
        InvalidBuffer = 1, "invalid buffer address or length";
        /// VMCPFUNC is not a subfunction.
        InvalidSubfunction = 2, "invalid subfunction code";
        /// CANCEL of another's message, REPLY to a non-SEND/RECV, a second RECEIVE.
        ProtocolViolation = 3, "protocol violation";
        /// The caller has not done AUTHORIZE.
        NotAuthorized = 4, "caller not authorized";
        /// The partner is not logged on, not authorized, or SPECIFIC for another.
        UserNotAvailable = 5, "user not available";
        /// Storage key mismatch or a CP-owned shared segment.
        ProtectionViolation = 6, "protection violation";
        /// SENDX data longer than the sink's external interrupt buffer.
        SendxTooLarge = 7, "SENDX data too large";
        /// The MID is already in transit to that sink.
        DuplicateMessage = 8, "duplicate message";
        /// The sink is in QUIESCE status.
        TargetQuiesced = 9, "target in QUIESCE status";
        /// The caller already has 50 messages in transit.
        MessageLimitExceeded = 10, "message limit exceeded";
        /// CANCEL of a SEND/RECV already RECEIVEd: only the REPLY part was cancelled.
        ReplyCancelled = 11, "REPLY cancelled";
        /// No such message (MID and userid), or it was cancelled.
        MessageNotFound = 12, "message not found";
        /// The sink answered before its SEND interrupt was presented.
        SynchronizationError = 13, "synchronization error";
        /// The sink has already taken the message.
        CancelTooLate = 14, "CANCEL too late";
        /// Uncorrectable paging I/O error.
        PagingError = 15, "uncorrectable paging I/O error";
        /// Receive buffer shorter than the data, or reply longer than the reply buffer.
        IncorrectLength = 16, "incorrect length";
        /// Buffers overlap destructively (a VM talking to itself).
        DestructiveOverlap = 17, "destructive overlap";
        /// The sink did not AUTHORIZE PRIORITY.
        PriorityNotAuthorized = 18, "target not authorized for priority messages";
        /// Listed for REPLY by the manual; its text is not known (docs/decisions.md#d11: never
        /// produced).
        Reply19 = 19, "REPLY error 19 (meaning not known)";
    }
}

numbered! {
    /// The data-transfer error code CP stores in VMCMEFLG of a RESPONSE header
    /// (docs/vmcf.md#data-transfer-errors).
    TransferError {
        /// Normal completion.
        None = 0, "no error";
        /// A SEND or RECEIVE buffer is no longer inside virtual storage.
        Addressing = 1, "buffer no longer inside virtual storage";
        /// The sink UNAUTHORIZEd, re-AUTHORIZEd SPECIFIC for another, or was reset or logged off.
        SinkNotAvailable = 5, "sink not available";
        /// Storage key mismatch when the transfer started.
        Protection = 6, "protection violation";
        /// The sink re-AUTHORIZEd with a buffer too small for the SENDX data.
        SendxTooLarge = 7, "SENDX data too large";
        /// Uncorrectable paging I/O error.
        PagingError = 15, "uncorrectable paging I/O error";
        /// The sink's receive buffer was shorter than the data, or its reply longer than the reply
        /// buffer.
        IncorrectLength = 16, "incorrect length";
        /// Destructive overlap (a VM talking to itself).
        DestructiveOverlap = 17, "destructive overlap";
        /// Listed by the manual; its text is not known.
        Error19 = 19, "error 19 (meaning not known)";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subfunction_codes_round_trip_and_stop_at_x000b() {
        for s in Subfunction::ALL {
            assert_eq!(Subfunction::from_code(s.code()), Some(s));
        }
        assert_eq!(Subfunction::from_code(0x000C), None);
        assert_eq!(Subfunction::from_code(0xFFFF), None);
        assert_eq!(function_name(0x0003), "SENDRECV");
        assert_eq!(function_name(0x00FF), "X'00FF'");
    }

    #[test]
    fn return_codes_are_the_manuals_numbers() {
        assert_eq!(ReturnCode::ALL.len(), 20);
        for (i, rc) in ReturnCode::ALL.iter().enumerate() {
            assert_eq!(usize::from(rc.number()), i);
            assert_eq!(ReturnCode::from_number(rc.number()), Some(*rc));
        }
        assert_eq!(ReturnCode::from_number(20), None);
        let eflg: Vec<u8> = TransferError::ALL.iter().map(|t| t.number()).collect();
        assert_eq!(eflg, [0, 1, 5, 6, 7, 15, 16, 17, 19]);
    }

    #[test]
    fn status_bits_name_in_order() {
        assert_eq!(status_names(0xE0), ["VMCMRESP", "VMCMRJCT", "VMCMPRTY"]);
        assert!(status_names(0).is_empty());
    }
}
