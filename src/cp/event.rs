//! What the engine reports: structured events, never text. Bytes that travel with an event (SENDX
//! and SMSG data, data moved by RECEIVE and REPLY) are found through the log: SMSG text lives in
//! one arena per log, so recording a message costs no allocation once the log has grown to the
//! session's size; data moved into a VM's storage is read where it landed, and the log takes
//! its own copy only if something is about to write over it before the log is cleared (copy on
//! overwrite), so a data move copies its bytes once, as CP did.

use super::clock::Tod;
use super::machine::VirtualMachine;
use super::storage::{Storage, overlap};
use crate::vmcf::{ReturnCode, Userid, Vmcmhdr};

/// The bytes an event carries: a run in its log (see [`EventLog::bytes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EventData {
    /// Entry in the log's table of runs (unused when `len` is 0).
    index: u32,
    len: u32,
}

impl EventData {
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
    /// `SET WNG OFF` (WARNING).
    WngOff,
    /// Disconnected: no terminal to show a MSG or WARNING on.
    Disconnected,
    /// The SMSG flag is off.
    SmsgOff,
    /// SMSG flag on but no VMCF authorization.
    NotAuthorized,
    /// DECISION docs/decisions.md#d4: the target is in QUIESCE status (vmcfsim's wording).
    Quiesced,
    /// DECISION docs/decisions.md#d4: the target's buffer cannot hold 40 bytes plus the text
    /// (vmcfsim's wording).
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
    /// The user named is not logged on (DMKMSG045W).
    NotLoggedOn(Userid),
    /// The user does not take the message (DMKMSG057E).
    NotReceiving(Userid, NotReceiving),
    /// An address past the end of the VM's storage (DMKCDB160E).
    ExceedsStorage(u32),
    /// DECISION docs/decisions.md#d9: DIAGNOSE X'68' with a parameter list not on a doubleword
    /// boundary.
    SpecificationException(u32),
    /// DECISION docs/decisions.md#d9: DIAGNOSE X'68' with a parameter list outside storage.
    AddressingException(u32),
    /// DEFINE STORAGE with a size CP refuses (DMKDEF025E).
    StorageInvalid(u32),
    /// DISCONN of a VM that is disconnected already (its program issued it: nobody at a
    /// terminal could). CP has no message for it; the console says so in vmcfsim's words.
    AlreadyDisconnected(Userid),
}

/// A plain description for programs that embed the engine (logs, `?`); the console gives
/// these errors CP's message ids and words instead (`console::messages`).
impl std::fmt::Display for CpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CpError::NotLoggedOn(u) => write!(f, "{u} is not logged on"),
            CpError::NotReceiving(u, why) => write!(f, "{u} is not receiving: {why:?}"),
            CpError::ExceedsStorage(a) => write!(f, "address {a:06X} exceeds storage"),
            CpError::SpecificationException(a) => {
                write!(
                    f,
                    "specification exception: VMCPARM at {a:06X} is not on a doubleword"
                )
            }
            CpError::AddressingException(a) => {
                write!(
                    f,
                    "addressing exception: VMCPARM at {a:06X} is outside storage"
                )
            }
            CpError::StorageInvalid(size) => write!(f, "storage size {size} is invalid"),
            CpError::AlreadyDisconnected(u) => write!(f, "{u} is already disconnected"),
        }
    }
}

impl std::error::Error for CpError {}

/// A line CP writes on a user's terminal, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CpMessage {
    /// `LOGON AT hh:mm:ss ...` after a new logon.
    LogonAt(Tod),
    /// `RECONNECTED AT ...` when a logged-on user logs on again.
    Reconnected(Tod),
    /// The usage line and `LOGOFF AT ...`.
    LogoffAt {
        /// When.
        at: Tod,
        /// Seconds since logon.
        connect: u64,
    },
    /// `hh:mm:ss MSG FROM userid: text`.
    MsgFrom {
        /// When.
        at: Tod,
        /// The sender.
        from: Userid,
        /// The message as sent.
        text: String,
    },
    /// `STORAGE = nnnK` after DEFINE STORAGE (and the reset it implies).
    StorageDefined(u32),
    /// `hh:mm:ss WNG FROM userid: text` (WARNING).
    WngFrom {
        /// When.
        at: Tod,
        /// The sender.
        from: Userid,
        /// The warning as sent.
        text: String,
    },
    /// `DISCONNECT AT ...`: the VM runs on without its terminal.
    DisconnectAt(Tod),
    /// The usage line and `LOGOFF AT ... BY SYSTEM` on the terminal of a VM that FORCE ended.
    ForcedOff {
        /// When.
        at: Tod,
        /// Seconds since logon.
        connect: u64,
    },
    /// To FORCE's issuer: `{GRAF CONS|DSC} LOGOFF AS userid USERS = nnn FORCED`.
    Forced {
        /// The VM forced off.
        user: Userid,
        /// How many remain logged on.
        users: usize,
        /// Whether the VM had no terminal.
        disconnected: bool,
    },
}

/// One thing that happened, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// DIAGNOSE X'68' finished.
    ReturnCode {
        /// The VM that issued it.
        user: Userid,
        /// The parameter list's address.
        plist: u32,
        /// VMCPFUNC as the guest stored it.
        func: u16,
        /// VMCPMID as the guest stored it.
        mid: u32,
        /// VMCPUSER as the guest stored it.
        partner: Userid,
        /// The return code.
        rc: ReturnCode,
    },
    /// External interrupt X'4001' presented.
    Interrupt {
        /// The VM it was presented to.
        user: Userid,
        /// Where its header was stored (the VM's external interrupt buffer).
        buffer: u32,
        /// The header.
        header: Vmcmhdr,
        /// The data stored after the header (SENDX, SMSG), if any.
        data: EventData,
    },
    /// RECEIVE or REPLY moved bytes into a VM's storage.
    Data {
        /// The VM whose storage they moved into.
        user: Userid,
        /// Where.
        address: u32,
        /// The bytes.
        data: EventData,
    },
    /// CP wrote a line on a user's terminal.
    Message {
        /// The user.
        user: Userid,
        /// The line, as data.
        message: CpMessage,
    },
    /// CP refused a command.
    Error {
        /// Whose command it was.
        user: Userid,
        /// Why.
        error: CpError,
    },
}

/// Where the bytes of a run are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Run {
    /// In the arena from `start`.
    Arena { start: u32 },
    /// Still in `slot`'s storage at `addr`, inside one page's extent: nothing has written
    /// there since they were moved, and the engine copies them out before anything does.
    Storage { slot: u32, addr: u32, len: u32 },
}

/// Runs left in storage at once, at most: each storage write checks them all, and a session
/// that never clears its log must not make every write slower.
const LIVE: usize = 16;

/// The engine's record of events and the bytes they carry. Cleared and reused by the owner;
/// never shrinks. [`EventLog`] is how others read it.
#[derive(Debug, Default)]
pub(crate) struct Log {
    events: Vec<Event>,
    arena: Vec<u8>,
    runs: Vec<Run>,
    /// The runs still in storage, oldest first (at most [`LIVE`]).
    live: Vec<Live>,
}

/// A run left in storage, with where it is (a copy of its entry, so that the check on every
/// write reads one small array).
#[derive(Debug, Clone, Copy)]
struct Live {
    slot: u32,
    addr: u32,
    len: u32,
    index: u32,
}

impl Log {
    /// The events so far, in order.
    pub(crate) fn events(&self) -> &[Event] {
        &self.events
    }

    /// Forgets every event, keeping the capacity.
    pub(crate) fn clear(&mut self) {
        self.events.clear();
        self.arena.clear();
        self.runs.clear();
        self.live.clear();
    }

    #[inline]
    pub(crate) fn push(&mut self, event: Event) {
        self.events.push(event);
    }

    /// The event at `at`, to fill in what was not known when it was pushed.
    pub(crate) fn event_mut(&mut self, at: usize) -> &mut Event {
        &mut self.events[at]
    }

    /// The bytes of a span in the arena (none for a span left in storage).
    pub(crate) fn arena_bytes(&self, span: EventData) -> &[u8] {
        match self.runs.get(span.index as usize) {
            Some(Run::Arena { start }) if span.len > 0 => {
                &self.arena[*start as usize..*start as usize + span.len as usize]
            }
            _ => &[],
        }
    }

    fn run(&mut self, run: Run, len: u32) -> EventData {
        self.runs.push(run);
        EventData {
            index: self.runs.len() as u32 - 1,
            len,
        }
    }

    /// Copies bytes into the arena; returns their span.
    pub(crate) fn push_bytes(&mut self, data: &[u8]) -> EventData {
        if data.is_empty() {
            return EventData::default();
        }
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(data);
        self.run(Run::Arena { start }, data.len() as u32)
    }

    /// Copies `len` bytes of `storage` at `addr` into the arena; `None` if outside storage.
    pub(crate) fn push_storage(
        &mut self,
        storage: &Storage,
        addr: u32,
        len: u32,
    ) -> Option<EventData> {
        if len == 0 {
            return storage.contains(addr, 0).then(EventData::default);
        }
        let start = self.arena.len() as u32;
        storage.append_to(addr, len, &mut self.arena)?;
        Some(self.run(Run::Arena { start }, len))
    }

    /// Records `len` bytes at `addr` of `slot`'s storage as the bytes of an event, leaving them
    /// there when they are one slice of it (else copying them). The caller keeps them there:
    /// [`Log::keep`] before anything writes over them.
    pub(crate) fn push_in_storage(
        &mut self,
        slot: usize,
        storage: &Storage,
        addr: u32,
        len: u32,
    ) -> EventData {
        if storage.slice(addr, len).is_none() || self.live.len() == LIVE {
            return self
                .push_storage(storage, addr, len)
                .expect("bytes just moved there are inside storage");
        }
        self.push_left(slot, addr, len)
    }

    fn push_left(&mut self, slot: usize, addr: u32, len: u32) -> EventData {
        let slot = slot as u32;
        let span = self.run(Run::Storage { slot, addr, len }, len);
        if len > 0 {
            self.live.push(Live {
                slot,
                addr,
                len,
                index: span.index,
            });
        }
        span
    }

    /// Before `len` bytes at `addr` of `slot`'s storage change (`None`: all of it): runs that
    /// still read those bytes there get a copy in the arena.
    #[inline]
    pub(crate) fn keep(&mut self, slot: usize, storage: &Storage, range: Option<(u32, u32)>) {
        // Most writes find no run left in storage: that check is inlined, the rest is not.
        if !self.live.is_empty() {
            self.keep_live(slot, storage, range);
        }
    }

    fn keep_live(&mut self, slot: usize, storage: &Storage, range: Option<(u32, u32)>) {
        let mut i = 0;
        while i < self.live.len() {
            let Live {
                slot: s,
                addr,
                len,
                index,
            } = self.live[i];
            let hit = s as usize == slot && range.is_none_or(|(a, n)| overlap(a, n, addr, len));
            if hit {
                let start = self.arena.len() as u32;
                storage
                    .append_to(addr, len, &mut self.arena)
                    .expect("a live run is inside its storage");
                self.runs[index as usize] = Run::Arena { start };
                self.live.remove(i);
            } else {
                i += 1;
            }
        }
    }
}

/// The events since the log was last cleared, and the bytes they carry: what
/// [`Cp::events`](super::Cp::events) gives.
#[derive(Clone, Copy)]
pub struct EventLog<'a> {
    log: &'a Log,
    vms: &'a [Option<VirtualMachine>],
}

impl std::fmt::Debug for EventLog<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.log.events()).finish()
    }
}

impl<'a> EventLog<'a> {
    pub(crate) fn new(log: &'a Log, vms: &'a [Option<VirtualMachine>]) -> EventLog<'a> {
        EventLog { log, vms }
    }

    /// The events so far, in order.
    pub fn events(&self) -> &'a [Event] {
        self.log.events()
    }

    /// The bytes `span` stands for in this log, as they were when the event happened.
    pub fn bytes(&self, span: EventData) -> &'a [u8] {
        if span.len == 0 {
            return &[];
        }
        let len = span.len as usize;
        match self.log.runs[span.index as usize] {
            Run::Arena { start } => &self.log.arena[start as usize..start as usize + len],
            Run::Storage { slot, addr, len } => self.vms[slot as usize]
                .as_ref()
                .and_then(|vm| vm.storage.slice(addr, len))
                .expect("a run left in storage stays there until the log copies it"),
        }
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.log.events().is_empty()
    }
}
