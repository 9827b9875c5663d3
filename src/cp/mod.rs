//! The engine: one simulated CP. `Cp` owns the logged-on virtual machines, the VMCF message table,
//! the injected clock and the event log. It performs no I/O and formats nothing: every outcome is
//! an [`Event`] (and a return value), for the console or any other front end to show.
//!
//! The VMCF subfunctions are in `vmcf.rs` (one function each, behind [`Cp::diagnose_68`]); the CP
//! commands that deliver messages (`SMSG`, `MSG`, `WARNING`) in `smsg.rs`; the commands that
//! act on a VM as a whole (DISCONN and reconnect, FORCE, SYSTEM RESET and CLEAR, IPL, the SET
//! settings) in `control.rs`; presentation of interrupts in `present.rs`.

mod clock;
mod control;
mod event;
mod machine;
mod message;
mod moves;
mod present;
mod smsg;
mod storage;
mod vmcf;

pub use clock::{Civil, Clock, FixedClock, SystemClock, Tod};
pub use event::{CpError, CpMessage, Event, EventData, EventLog, NotReceiving};
pub use machine::{
    Authorization, DEFAULT_STORAGE, Emsg, SMSG_MAX, SMSG_PENDING_MAX, VirtualMachine,
};
pub use storage::{MAX_STORAGE, Storage};

use crate::vmcf::Userid;
use event::Log;
use machine::Pending;
use message::Messages;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

/// A multiplicative hash for the userid index: a userid is one word, and SipHash's defence
/// against chosen keys costs more than the rest of a SEND. Userids here come from the console.
#[derive(Default)]
struct UseridHasher(u64);

impl Hasher for UseridHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        // Fold the well-mixed high half down: the table indexes by the low bits.
        self.0 ^ (self.0 >> 32)
    }
}

type UseridMap = HashMap<Userid, usize, BuildHasherDefault<UseridHasher>>;

/// The simulated Control Program.
///
/// # Errors: one refusal, reported twice on purpose
///
/// A command CP refuses returns `Err(CpError)` *and* logs the same error as
/// [`Event::Error`], in its place among the other events. The two serve different readers: the
/// return value lets a program that embeds the engine branch at once (`?`), and the event
/// keeps the order of what happened for one that only reads the log (the console turns it
/// into CP's message, after anything the command did before it failed). Neither is ever
/// produced without the other, so a caller may ignore either one. Reads that change nothing
/// ([`Cp::fetch`]) only return their error; DIAGNOSE X'68' answers with a [`ReturnCode`]
/// (an `rc` event) and logs an error only for the program checks of DECISION docs/decisions.md#d9.
///
/// [`ReturnCode`]: crate::vmcf::ReturnCode
pub struct Cp {
    clock: Box<dyn Clock>,
    /// The last TOD value handed out, so that every STCK-like value is unique (SMSG MIDs).
    last_tod: Tod,
    vms: Vec<Option<VirtualMachine>>,
    free_slots: Vec<usize>,
    by_userid: UseridMap,
    /// Logon sequence number of each slot, for listing users in logon order.
    logon_seq: Vec<u64>,
    next_seq: u64,
    messages: Messages,
    /// Slots that may have interrupts to present.
    ready: VecDeque<usize>,
    log: Log,
}

impl std::fmt::Debug for Cp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cp")
            .field("users", &self.by_userid.len())
            .field("messages", &self.messages.len())
            .finish()
    }
}

impl Cp {
    /// A CP with nobody logged on, reading time from `clock`.
    pub fn new(clock: Box<dyn Clock>) -> Cp {
        let now = clock.now();
        Cp {
            clock,
            last_tod: Tod(now.0.saturating_sub(1)),
            vms: Vec::new(),
            free_slots: Vec::new(),
            by_userid: UseridMap::default(),
            logon_seq: Vec::new(),
            next_seq: 0,
            messages: Messages::default(),
            ready: VecDeque::new(),
            log: Log::default(),
        }
    }

    /// The time now.
    pub fn now(&self) -> Tod {
        self.clock.now()
    }

    /// Moves a stepping clock on by one step (the console does this once a line).
    pub fn tick(&mut self) {
        self.clock.tick();
    }

    /// A TOD value never handed out before: the clock, or one microsecond past the last value,
    /// as STCK on a real machine never stores the same value twice.
    pub(crate) fn unique_tod(&mut self) -> Tod {
        let now = self.clock.now();
        let next = if now > self.last_tod {
            now
        } else {
            Tod(self.last_tod.0 + (1 << 12))
        };
        self.last_tod = next;
        next
    }

    /// What happened since the log was last cleared.
    pub fn events(&self) -> EventLog<'_> {
        EventLog::new(&self.log, &self.vms)
    }

    /// Forgets the recorded events (keeping their memory for reuse).
    pub fn clear_events(&mut self) {
        self.log.clear();
    }

    #[inline]
    pub(crate) fn slot(&self, user: Userid) -> Option<usize> {
        self.by_userid.get(&user).copied()
    }

    #[inline]
    pub(crate) fn vm_at(&self, slot: usize) -> &VirtualMachine {
        self.vms[slot]
            .as_ref()
            .expect("slots in the index are occupied")
    }

    #[inline]
    pub(crate) fn vm_at_mut(&mut self, slot: usize) -> &mut VirtualMachine {
        self.vms[slot]
            .as_mut()
            .expect("slots in the index are occupied")
    }

    /// The virtual machine of a logged-on user.
    pub fn vm(&self, user: Userid) -> Option<&VirtualMachine> {
        self.slot(user).map(|s| self.vm_at(s))
    }

    /// Whether `user` is logged on.
    pub fn is_logged_on(&self, user: Userid) -> bool {
        self.by_userid.contains_key(&user)
    }

    /// The logged-on users, in the order they logged on.
    pub fn users(&self) -> Vec<Userid> {
        let mut v: Vec<(u64, Userid)> = self
            .by_userid
            .iter()
            .map(|(&u, &s)| (self.logon_seq[s], u))
            .collect();
        v.sort_unstable();
        v.into_iter().map(|(_, u)| u).collect()
    }

    /// Number of logged-on users.
    pub fn user_count(&self) -> usize {
        self.by_userid.len()
    }

    /// Number of messages in transit in the whole system.
    pub fn messages_in_transit(&self) -> usize {
        self.messages.len()
    }

    fn error(&mut self, user: Userid, error: CpError) -> CpError {
        self.log.push(Event::Error { user, error });
        error
    }

    fn require(&mut self, user: Userid) -> Result<usize, CpError> {
        match self.slot(user) {
            Some(s) => Ok(s),
            None => Err(self.error(user, CpError::NotLoggedOn(user))),
        }
    }

    /// LOGON: logs `user` on with a new virtual machine, or reconnects to it if it is logged on
    /// already (CP's reconnect; a disconnected VM gets its terminal back, with everything that
    /// arrived meanwhile still where CP put it). Returns `true` for a new logon.
    pub fn logon(&mut self, user: Userid) -> bool {
        let at = self.now();
        if let Some(slot) = self.slot(user) {
            self.vm_at_mut(slot).disconnected = false;
            self.log.push(Event::Message {
                user,
                message: CpMessage::Reconnected(at),
            });
            return false;
        }
        let vm = VirtualMachine::new(user, at);
        let slot = match self.free_slots.pop() {
            Some(s) => {
                self.vms[s] = Some(vm);
                self.logon_seq[s] = self.next_seq;
                s
            }
            None => {
                self.vms.push(Some(vm));
                self.logon_seq.push(self.next_seq);
                self.vms.len() - 1
            }
        };
        self.next_seq += 1;
        self.by_userid.insert(user, slot);
        self.log.push(Event::Message {
            user,
            message: CpMessage::LogonAt(at),
        });
        true
    }

    /// LOGOFF: runs the UNAUTHORIZE logic for the VM (docs/vmcf.md#unauthorize,
    /// docs/decisions.md#d5), then ends it.
    pub fn logoff(&mut self, user: Userid) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.end_vm(slot, false);
        Ok(())
    }

    /// What LOGOFF and FORCE share: the VMCF cleanup, then the VM is gone; its terminal gets
    /// the usage line and `LOGOFF AT` (`... BY SYSTEM` when forced).
    pub(crate) fn end_vm(&mut self, slot: usize, forced: bool) {
        let user = self.vm_at(slot).userid;
        self.vmcf_reset(slot);
        self.keep_event_bytes(slot);
        let vm = self.vms[slot].take().expect("slot occupied");
        self.by_userid.remove(&user);
        self.free_slots.push(slot);
        self.ready.retain(|&s| s != slot);
        let at = self.now();
        let connect = at
            .seconds_since_1900()
            .saturating_sub(vm.logon_at.seconds_since_1900());
        let message = if forced {
            CpMessage::ForcedOff { at, connect }
        } else {
            CpMessage::LogoffAt { at, connect }
        };
        self.log.push(Event::Message { user, message });
        self.present_ready();
    }

    /// DEFINE STORAGE: a new storage size (a multiple of 4K, 4K to 16M). As in CP this resets the
    /// virtual machine: storage is cleared and the VMCF reset (UNAUTHORIZE logic) runs
    /// (docs/decisions.md#define-storage-resets-vmcf).
    pub fn define_storage(&mut self, user: Userid, size: u32) -> Result<(), CpError> {
        let slot = self.require(user)?;
        if size == 0 || size > MAX_STORAGE || !size.is_multiple_of(4096) {
            return Err(self.error(user, CpError::StorageInvalid(size)));
        }
        self.vmcf_reset(slot);
        self.keep_event_bytes(slot);
        let vm = self.vm_at_mut(slot);
        vm.storage = Storage::new(size);
        vm.enabled = true;
        self.log.push(Event::Message {
            user,
            message: CpMessage::StorageDefined(size),
        });
        self.present_ready();
        Ok(())
    }

    /// STORE: writes bytes into a VM's storage (nothing is stored if any byte would fall outside).
    pub fn store(&mut self, user: Userid, addr: u32, bytes: &[u8]) -> Result<(), CpError> {
        let slot = self.require(user)?;
        if self.write_storage(slot, addr, bytes).is_none() {
            let bad = addr.max(self.vm_at(slot).storage.size());
            return Err(self.error(user, CpError::ExceedsStorage(bad)));
        }
        Ok(())
    }

    /// Reads a VM's storage (for DISPLAY); no event.
    pub fn fetch(&self, user: Userid, addr: u32, out: &mut [u8]) -> Result<(), CpError> {
        let vm = self.vm(user).ok_or(CpError::NotLoggedOn(user))?;
        vm.storage
            .read(addr, out)
            .ok_or(CpError::ExceedsStorage(addr.max(vm.storage.size())))
    }

    /// SET MSG ON|OFF.
    pub fn set_msg(&mut self, user: Userid, on: bool) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.vm_at_mut(slot).msg = on;
        Ok(())
    }

    /// SET SMSG ON|OFF (docs/decisions.md#d12: the same flag AUTHORIZE's X'20' sets).
    pub fn set_smsg(&mut self, user: Userid, on: bool) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.vm_at_mut(slot).smsg = on;
        Ok(())
    }

    /// Enables the VM for external interrupts and presents what was held (docs/decisions.md#d13).
    pub fn enable(&mut self, user: Userid) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.vm_at_mut(slot).enabled = true;
        self.ready.push_back(slot);
        self.present_ready();
        Ok(())
    }

    /// Disables the VM for external interrupts: they stay queued in CP.
    pub fn disable(&mut self, user: Userid) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.vm_at_mut(slot).enabled = false;
        Ok(())
    }

    pub(crate) fn queue_interrupt(&mut self, slot: usize, priority: bool, p: Pending) {
        self.vm_at_mut(slot).queue(priority, p);
        self.ready.push_back(slot);
    }
}
