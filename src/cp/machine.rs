//! `VirtualMachine`: one logged-on user as CP sees it: storage, VMCF authorization, the SET
//! settings, the external-interrupt mask, and the queue of interrupts waiting to be presented.

use super::clock::Tod;
use super::message::MsgKey;
use super::storage::Storage;
use crate::vmcf::{Userid, Vmcmhdr};
use std::collections::VecDeque;

/// Default storage of a new VM (1M), as the console's contract says
/// (docs/console.md#sessions-and-users).
pub const DEFAULT_STORAGE: u32 = 1 << 20;

/// What AUTHORIZE recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authorization {
    /// External interrupt buffer address (VMCPVADA of AUTHORIZE).
    pub buffer: u32,
    /// Its length (VMCPLENA), at least 40.
    pub length: u32,
    /// AUTHORIZE SPECIFIC: the one VM that may send to this one.
    pub specific: Option<Userid>,
    /// AUTHORIZE PRIORITY: others may send priority messages.
    pub priority: bool,
}

/// `SET EMSG`: how CP shows its error messages on the VM's terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Emsg {
    /// The id and the text (the default).
    #[default]
    On,
    /// Nothing (the command still fails).
    Off,
    /// The id only.
    Code,
    /// The text only.
    Text,
}

/// An interrupt waiting in CP for the VM to be enabled. A word: queues move these at every
/// interrupt, so the text of a special message waits beside them, not in them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pending {
    /// The SEND interrupt of a message (SEND, SEND/RECV, SENDX, IDENTIFY) in the message table.
    Send(MsgKey),
    /// The RESPONSE interrupt of a completed message; the header is in the message record.
    Response(MsgKey),
    /// A special message from CP (always a normal interrupt): its header and text are the
    /// oldest in the VM's `smsgs`.
    Smsg,
}

/// The header and text (at most [`SMSG_MAX`] bytes) of a special message waiting.
#[derive(Debug, Clone)]
pub(crate) struct SpecialMessage {
    pub header: Vmcmhdr,
    pub len: u8,
    pub text: [u8; SMSG_MAX],
}

/// The longest SMSG text CP delivers: its 134-character input line less `SM U ` (DECISION docs/decisions.md#d16).
pub const SMSG_MAX: usize = 129;

/// The most SMSGs CP holds for one VM that has not taken them (disabled for external interrupts).
/// SMSGs do not count towards the issuer's 50 messages in transit (docs/decisions.md#d4), so
/// without a limit a disabled VM would collect them without bound; CP held them in its free
/// storage, which was finite. vmcfsim's choice
/// (docs/decisions.md#smsgs-waiting-at-a-disabled-machine): 256 at the target, well above the 50 of
/// docs/decisions.md#d10 so that docs/decisions.md#d4 still shows (a disabled VM takes more SMSGs
/// than any source may have messages in transit) and small enough that a flooded VM costs at most
/// about 50K. The next SMSG is refused, `userid NOT RECEIVING; 256 SMSGS PENDING`; nothing queued
/// is dropped.
pub const SMSG_PENDING_MAX: usize = 256;

/// One virtual machine.
#[derive(Debug)]
pub struct VirtualMachine {
    pub(crate) userid: Userid,
    pub(crate) storage: Storage,
    pub(crate) auth: Option<Authorization>,
    pub(crate) quiesced: bool,
    pub(crate) smsg: bool,
    pub(crate) msg: bool,
    /// `SET WNG`: takes WARNING messages.
    pub(crate) wng: bool,
    /// `SET EMSG` and `SET IMSG`: how the terminal shows CP's messages (the console applies
    /// them; CP kept them in the VMBLOK with the other settings).
    pub(crate) emsg: Emsg,
    pub(crate) imsg: bool,
    /// DISCONN: logged on and running, with no terminal.
    pub(crate) disconnected: bool,
    pub(crate) enabled: bool,
    pub(crate) logon_at: Tod,
    /// Priority interrupts, presented before any in `normal`.
    pub(crate) priority_queue: VecDeque<Pending>,
    pub(crate) normal_queue: VecDeque<Pending>,
    /// One entry for each `Pending::Smsg` in `normal_queue`, in the same order.
    pub(crate) smsgs: VecDeque<SpecialMessage>,
    /// Messages this VM originated that are in transit (at most 50: docs/decisions.md#d10).
    pub(crate) outbound: Vec<MsgKey>,
}

impl VirtualMachine {
    pub(crate) fn new(userid: Userid, at: Tod) -> VirtualMachine {
        VirtualMachine {
            userid,
            storage: Storage::new(DEFAULT_STORAGE),
            auth: None,
            quiesced: false,
            smsg: false,
            msg: true,
            wng: true,
            emsg: Emsg::On,
            imsg: true,
            disconnected: false,
            enabled: true,
            logon_at: at,
            priority_queue: VecDeque::new(),
            normal_queue: VecDeque::new(),
            smsgs: VecDeque::new(),
            outbound: Vec::new(),
        }
    }

    /// The userid.
    pub fn userid(&self) -> Userid {
        self.userid
    }

    /// The VM's storage (read-only; the engine is the one writer).
    pub fn storage(&self) -> &Storage {
        &self.storage
    }

    /// VMCF authorization, if AUTHORIZE is in effect.
    pub fn authorization(&self) -> Option<&Authorization> {
        self.auth.as_ref()
    }

    /// In QUIESCE status.
    pub fn is_quiesced(&self) -> bool {
        self.quiesced
    }

    /// The SMSG flag (`SET SMSG ON` or AUTHORIZE with X'20').
    pub fn smsg(&self) -> bool {
        self.smsg
    }

    /// `SET MSG ON`.
    pub fn msg(&self) -> bool {
        self.msg
    }

    /// `SET WNG ON`.
    pub fn wng(&self) -> bool {
        self.wng
    }

    /// `SET EMSG`.
    pub fn emsg(&self) -> Emsg {
        self.emsg
    }

    /// `SET IMSG ON`.
    pub fn imsg(&self) -> bool {
        self.imsg
    }

    /// Disconnected (DISCONN, or its terminal's connection lost): still logged on and running.
    pub fn is_disconnected(&self) -> bool {
        self.disconnected
    }

    /// Enabled for external interrupts.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// When it logged on.
    pub fn logon_at(&self) -> Tod {
        self.logon_at
    }

    /// Interrupts waiting to be presented.
    pub fn pending_interrupts(&self) -> usize {
        self.priority_queue.len() + self.normal_queue.len()
    }

    /// SMSGs waiting to be presented (at most [`SMSG_PENDING_MAX`]).
    pub fn pending_smsgs(&self) -> usize {
        self.smsgs.len()
    }

    /// Messages it originated that are still in transit.
    pub fn messages_in_transit(&self) -> usize {
        self.outbound.len()
    }

    pub(crate) fn queue(&mut self, priority: bool, p: Pending) {
        if priority {
            self.priority_queue.push_back(p);
        } else {
            self.normal_queue.push_back(p);
        }
    }

    pub(crate) fn next_pending(&mut self) -> Option<Pending> {
        self.priority_queue
            .pop_front()
            .or_else(|| self.normal_queue.pop_front())
    }

    /// Removes the SEND interrupt of a message, wherever it waits (SMSGs are never withdrawn:
    /// their source is CP).
    pub(crate) fn withdraw(&mut self, key: MsgKey) {
        let keep = |p: &Pending| !matches!(p, Pending::Send(k) if *k == key);
        self.priority_queue.retain(keep);
        self.normal_queue.retain(keep);
    }

    /// Drops every queued interrupt (the VMCF reset).
    pub(crate) fn clear_pending(&mut self) {
        self.priority_queue.clear();
        self.normal_queue.clear();
        self.smsgs.clear();
    }
}
