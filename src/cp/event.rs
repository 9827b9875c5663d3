//! What the engine reports: structured events, never text. Bytes that travel with an event (SENDX
//! and SMSG data, data moved by RECEIVE and REPLY) live in one arena per log, so recording a
//! message costs no allocation once the log has grown to the session's size.

use super::clock::Tod;
use super::storage::Storage;
use crate::vmcf::{ReturnCode, Userid, Vmcmhdr};

/// A run of bytes in an [`EventLog`]'s arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    start: u32,
    len: u32,
}

impl Span {
    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Why a user does not receive a MSG or SMSG (CP's `NOT RECEIVING; reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReceiving {
    /// `SET MSG OFF`.
    MsgOff,
    /// The SMSG flag is off.
    SmsgOff,
    /// SMSG flag on but no VMCF authorization.
    NotAuthorized,
    /// DECISION D4: the target is in QUIESCE status (vmcfsim's wording).
    Quiesced,
    /// DECISION D4: the target's buffer cannot hold 40 bytes plus the text (vmcfsim's wording).
    BufferTooSmall,
    /// The target holds as many SMSGs as CP keeps for it, [`SMSG_PENDING_MAX`]
    /// (vmcfsim's limit and wording).
    ///
    /// [`SMSG_PENDING_MAX`]: super::machine::SMSG_PENDING_MAX
    SmsgsPending,
}

/// A CP error the engine detects in a CP command or DIAGNOSE; the console gives it CP's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CpError {
    /// The user named is not logged on (DMKMSG045E).
    NotLoggedOn(Userid),
    /// The user does not take the message (DMKMSG057W).
    NotReceiving(Userid, NotReceiving),
    /// An address past the end of the VM's storage (DMKCDB160E).
    ExceedsStorage(u32),
    /// DECISION D9: DIAGNOSE X'68' with a parameter list not on a doubleword boundary.
    SpecificationException(u32),
    /// DECISION D9: DIAGNOSE X'68' with a parameter list outside storage.
    AddressingException(u32),
    /// DEFINE STORAGE with a size CP refuses (DMKDEF025E).
    StorageInvalid(u32),
}

/// A line CP writes on a user's terminal, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CpMessage {
    /// `LOGON AT hh:mm:ss ...` after a new logon.
    LogonAt(Tod),
    /// `RECONNECTED AT ...` when a logged-on user logs on again.
    Reconnected(Tod),
    /// The usage line and `LOGOFF AT ...`; `connect` is seconds since logon.
    LogoffAt { at: Tod, connect: u64 },
    /// `hh:mm:ss MSG FROM userid: text`.
    MsgFrom { at: Tod, from: Userid, text: String },
    /// `STORAGE = nnnK` after DEFINE STORAGE (and the reset it implies).
    StorageDefined(u32),
}

/// One thing that happened, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// DIAGNOSE X'68' finished; `func`, `mid` and `partner` (VMCPUSER) are as the guest stored
    /// them in the parameter list at `plist`.
    ReturnCode {
        user: Userid,
        plist: u32,
        func: u16,
        mid: u32,
        partner: Userid,
        rc: ReturnCode,
    },
    /// External interrupt X'4001' presented: `header` was stored at `buffer`, `data` after it.
    Interrupt {
        user: Userid,
        buffer: u32,
        header: Vmcmhdr,
        data: Span,
    },
    /// RECEIVE or REPLY moved bytes into `user`'s storage at `address`.
    Data {
        user: Userid,
        address: u32,
        data: Span,
    },
    /// CP wrote a line on `user`'s terminal.
    Message { user: Userid, message: CpMessage },
    /// CP refused a command of `user`'s.
    Error { user: Userid, error: CpError },
}

/// Events and the bytes they carry. Cleared and reused by the owner; never shrinks.
#[derive(Debug, Default)]
pub struct EventLog {
    events: Vec<Event>,
    bytes: Vec<u8>,
}

impl EventLog {
    /// The events so far, in order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The bytes of a span of this log.
    pub fn bytes(&self, span: Span) -> &[u8] {
        &self.bytes[span.start as usize..(span.start + span.len) as usize]
    }

    /// Forgets every event, keeping the capacity.
    pub fn clear(&mut self) {
        self.events.clear();
        self.bytes.clear();
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub(crate) fn push(&mut self, event: Event) {
        self.events.push(event);
    }

    /// Moves the last event to position `at`, after which the others keep their order.
    pub(crate) fn rotate_last_to(&mut self, at: usize) {
        self.events[at..].rotate_right(1);
    }

    /// Copies bytes into the arena; returns their span.
    pub(crate) fn push_bytes(&mut self, data: &[u8]) -> Span {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(data);
        Span {
            start: start as u32,
            len: data.len() as u32,
        }
    }

    /// Copies `len` bytes of `storage` at `addr` into the arena; `None` if outside storage.
    pub(crate) fn push_storage(&mut self, storage: &Storage, addr: u32, len: u32) -> Option<Span> {
        let start = self.bytes.len();
        storage.append_to(addr, len, &mut self.bytes)?;
        Some(Span {
            start: start as u32,
            len,
        })
    }
}
