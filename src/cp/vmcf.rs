//! DIAGNOSE X'68': the VMCF subfunctions, one function each, with the return codes of the
//! manual (docs/vmcf.md#subfunctions) checked in the order of docs/decisions.md#d6.

use super::Cp;
use super::event::{CpError, Event};
use super::machine::{Authorization, Pending};
use super::message::{Message, MsgKey, MsgState};
use super::storage::overlap;
use crate::vmcf::{ReturnCode, Subfunction, TransferError, Userid, Vmcmhdr, Vmcparm};

use ReturnCode as Rc;

/// DECISION docs/decisions.md#d10: messages one source may have in transit.
pub(crate) const MESSAGE_LIMIT: usize = 50;

impl Cp {
    /// DIAGNOSE X'68' issued by `user` with Rx pointing at `plist`: reads the 40-byte VMCPARM from
    /// the VM's storage, performs the subfunction and returns the code CP leaves in Ry. The return
    /// code event comes first, then any data moved, then the interrupts the call caused.
    ///
    /// A parameter list off a doubleword boundary or outside storage is a program exception, not a
    /// return code (docs/decisions.md#d9): `Err`, and nothing else happens.
    pub fn diagnose_68(&mut self, user: Userid, plist: u32) -> Result<ReturnCode, CpError> {
        let slot = self.require(user)?;
        if !plist.is_multiple_of(8) {
            return Err(self.error(user, CpError::SpecificationException(plist)));
        }
        let storage = &self.vm_at(slot).storage;
        let p = match storage.slice(plist, Vmcparm::LEN as u32) {
            // Decoded where it lies when it can be: no copy to read back at once.
            Some(s) => Vmcparm::decode(s.try_into().expect("a slice of the length asked")),
            None => {
                let mut bytes = [0u8; Vmcparm::LEN];
                if storage.read(plist, &mut bytes).is_none() {
                    return Err(self.error(user, CpError::AddressingException(plist)));
                }
                Vmcparm::decode(&bytes)
            }
        };
        // The return code belongs before the data its call moved and the interrupts it caused:
        // its event goes first, and the code is filled in when known.
        let at = self.log.events().len();
        self.log.push(Event::ReturnCode {
            user,
            plist,
            func: p.func,
            mid: p.mid,
            partner: p.user,
            rc: Rc::Ok,
        });
        let rc = self.vmcf(slot, &p);
        if let Event::ReturnCode { rc: code, .. } = self.log.event_mut(at) {
            *code = rc;
        }
        self.present_ready();
        Ok(rc)
    }

    fn vmcf(&mut self, slot: usize, p: &Vmcparm) -> ReturnCode {
        let Some(sub) = p.subfunction() else {
            return Rc::InvalidSubfunction;
        };
        if sub != Subfunction::Authorize && self.vm_at(slot).auth.is_none() {
            return Rc::NotAuthorized;
        }
        match sub {
            Subfunction::Authorize => self.authorize(slot, p),
            Subfunction::Unauthorize => {
                self.vmcf_reset(slot);
                Rc::Ok
            }
            Subfunction::Send | Subfunction::SendRecv | Subfunction::Sendx => {
                self.send(slot, p, sub)
            }
            Subfunction::Identify => self.send(slot, p, sub),
            Subfunction::Receive => self.receive(slot, p),
            Subfunction::Reply => self.reply(slot, p),
            Subfunction::Reject => self.reject(slot, p),
            Subfunction::Cancel => self.cancel(slot, p),
            // DECISION docs/decisions.md#d7: repeating either is harmless and returns 0.
            Subfunction::Quiesce => {
                self.vm_at_mut(slot).quiesced = true;
                Rc::Ok
            }
            Subfunction::Resume => {
                self.vm_at_mut(slot).quiesced = false;
                Rc::Ok
            }
        }
    }

    /// DECISION docs/decisions.md#d11: every VM runs with PSW key 0 and no shared segments, and
    /// nothing is paged, so an address is checked against the storage size only: RC 1, never RC 6
    /// or 15 (nor the unknown 19).
    fn in_storage(&self, slot: usize, addr: u32, len: u32) -> bool {
        self.vm_at(slot).storage.contains(addr, len)
    }

    /// AUTHORIZE (docs/vmcf.md#authorize). Also a re-AUTHORIZE: the new buffer and options replace
    /// the old.
    fn authorize(&mut self, slot: usize, p: &Vmcparm) -> ReturnCode {
        if !p.vada.is_multiple_of(8)
            || p.lena < Vmcmhdr::LEN as u32
            || !self.in_storage(slot, p.vada, p.lena)
        {
            return Rc::InvalidBuffer;
        }
        let specific = p.specific().then_some(p.user);
        let vm = self.vm_at_mut(slot);
        vm.auth = Some(Authorization {
            buffer: p.vada,
            length: p.lena,
            specific,
            priority: p.priority(),
        });
        // DECISION docs/decisions.md#d12: X'20' sets the SMSG flag; its absence leaves the flag
        // alone.
        if p.smsg() {
            vm.smsg = true;
        }
        if let Some(partner) = specific {
            // A re-AUTHORIZE SPECIFIC ends messages in transit from anyone else with
            // data-transfer code 5 (SPG SP3 p. 134; docs/decisions.md#re-authorize-specific).
            let keys = self.messages.keys_where(|m| {
                m.sink == slot && m.source_user != partner && m.state != MsgState::Completed
            });
            for key in keys {
                self.sink_gone(key);
            }
        }
        Rc::Ok
    }

    /// The sink of a message may no longer take it: a RESPONSE with VMCMEFLG 5 to the source
    /// (docs/decisions.md#d5), with the source's own doubleword (docs/decisions.md#d1); an IDENTIFY
    /// simply disappears.
    fn sink_gone(&mut self, key: MsgKey) {
        let m = self.messages.get(key);
        let (source, sink, func, use_dw) = (m.source, m.sink, m.func, m.plist.use_dw);
        self.vm_at_mut(sink).withdraw(key);
        if func == Subfunction::Identify {
            self.detach(key, source);
        } else {
            self.complete(
                key,
                false,
                TransferError::SinkNotAvailable.number(),
                0,
                use_dw,
            );
        }
    }

    /// UNAUTHORIZE, and what LOGOFF and a system reset do (docs/vmcf.md#unauthorize,
    /// docs/decisions.md#d5): the VM's own messages are purged, sources of messages to it get a
    /// RESPONSE with VMCMEFLG 5, and everything queued for it is discarded.
    pub(crate) fn vmcf_reset(&mut self, slot: usize) {
        if self.vm_at(slot).auth.is_none() {
            return;
        }
        for key in self.vm_at(slot).outbound.clone() {
            let m = self.messages.get(key);
            let sink = m.sink;
            if let Some(vm) = self.vms[sink].as_mut() {
                vm.withdraw(key);
            }
            self.detach(key, slot);
        }
        let inbound = self
            .messages
            .keys_where(|m| m.sink == slot && m.state != MsgState::Completed);
        for key in inbound {
            self.sink_gone(key);
        }
        let vm = self.vm_at_mut(slot);
        vm.clear_pending();
        vm.auth = None;
        // QUIESCE is VMCF state too (docs/decisions.md#unauthorize-ends-quiesce).
        vm.quiesced = false;
        // DECISION docs/decisions.md#d12: the SMSG flag stays as it is.
    }

    /// Removes a message from the table and from its source's count.
    pub(crate) fn detach(&mut self, key: MsgKey, source: usize) {
        self.messages.remove(key);
        let out = &mut self.vm_at_mut(source).outbound;
        if let Some(i) = out.iter().position(|&k| k == key) {
            out.swap_remove(i);
        }
    }

    /// Ends a transaction: builds its RESPONSE and queues it for the source, priority messages
    /// ahead of the others. The record stays (counting towards the limit) until it is presented.
    pub(crate) fn complete(
        &mut self,
        key: MsgKey,
        rejected: bool,
        eflg: u8,
        replied: u32,
        use_dw: [u8; 8],
    ) {
        let m = self.messages.get_mut(key);
        m.response = Some(m.response_header(rejected, eflg, replied, use_dw));
        m.state = MsgState::Completed;
        let (source, priority) = (m.source, m.priority());
        self.queue_interrupt(source, priority, Pending::Response(key));
    }

    /// SEND, SEND/RECV, SENDX (docs/vmcf.md#send, #sendrecv, #sendx) and IDENTIFY
    /// (docs/vmcf.md#identify).
    fn send(&mut self, slot: usize, p: &Vmcparm, sub: Subfunction) -> ReturnCode {
        // DECISION docs/decisions.md#d6: 1, 5, 18, 9, 7, 8, 10 (2 and 4 are checked by the caller).
        if sub != Subfunction::Identify {
            if !self.in_storage(slot, p.vada, p.lena) {
                return Rc::InvalidBuffer;
            }
            if sub == Subfunction::SendRecv && !self.in_storage(slot, p.vadb, p.lenb) {
                return Rc::InvalidBuffer;
            }
        }
        let source_user = self.vm_at(slot).userid;
        let Some(sink) = self.slot(p.user) else {
            return Rc::UserNotAvailable;
        };
        let Some(auth) = self.vm_at(sink).auth else {
            return Rc::UserNotAvailable;
        };
        if auth.specific.is_some_and(|s| s != source_user) {
            return Rc::UserNotAvailable;
        }
        if p.priority() && !auth.priority {
            return Rc::PriorityNotAuthorized;
        }
        if self.vm_at(sink).quiesced {
            return Rc::TargetQuiesced;
        }
        if sub == Subfunction::Sendx && p.lena > auth.length - Vmcmhdr::LEN as u32 {
            return Rc::SendxTooLarge;
        }
        if sub != Subfunction::Identify && self.find(slot, p.user, p.mid).is_some() {
            return Rc::DuplicateMessage;
        }
        if self.vm_at(slot).outbound.len() >= MESSAGE_LIMIT {
            return Rc::MessageLimitExceeded;
        }
        let key = self.messages.insert(Message {
            source: slot,
            source_user,
            sink,
            sink_user: p.user,
            func: sub,
            plist: *p,
            state: MsgState::Queued,
            received: false,
            response: None,
        });
        self.vm_at_mut(slot).outbound.push(key);
        self.queue_interrupt(sink, p.priority(), Pending::Send(key));
        Rc::Ok
    }

    /// The message with `mid` from `source` to `sink` in transit, if any. A message is known by
    /// its MID and the sink's userid (SPG R6 p. 188), not by where the sink is: a completed message
    /// whose RESPONSE still waits outlives a sink that logged off, and its slot may be another
    /// user's by then. IDENTIFY is not a message one can answer or cancel: its MID is free
    /// control data.
    fn find(&self, source: usize, sink: Userid, mid: u32) -> Option<MsgKey> {
        self.vm_at(source).outbound.iter().copied().find(|&k| {
            let m = self.messages.get(k);
            m.sink_user == sink && m.plist.mid == mid && m.func != Subfunction::Identify
        })
    }

    /// DECISION docs/decisions.md#d15: the oldest IDENTIFY from `source` to `sink` with `mid` still queued (every
    /// IDENTIFY in the table is: presentation ends it).
    fn queued_identify(&self, source: usize, sink: Userid, mid: u32) -> Option<MsgKey> {
        self.vm_at(source)
            .outbound
            .iter()
            .copied()
            .filter(|&k| {
                let m = self.messages.get(k);
                m.func == Subfunction::Identify
                    && m.sink_user == sink
                    && m.plist.mid == mid
                    && m.state == MsgState::Queued
            })
            .min_by_key(|&k| self.messages.accepted(k))
    }

    /// The message the caller, its sink, answers: VMCPUSER names the source. A message its
    /// source purged by LOGOFF or UNAUTHORIZE is not found (RC 12, docs/decisions.md#d5).
    fn inbound(&self, slot: usize, p: &Vmcparm) -> Option<MsgKey> {
        self.find(self.slot(p.user)?, self.vm_at(slot).userid, p.mid)
    }

    /// The checks RECEIVE, REPLY and REJECT share (docs/decisions.md#d6, revised): for RECEIVE
    /// and REPLY, which move data to or from the source, first 5 (the source named in VMCPUSER
    /// as it is now), then for all three 12 (not found), then 13 (not yet presented).
    fn answerable(
        &self,
        slot: usize,
        p: &Vmcparm,
        check_source: bool,
    ) -> Result<MsgKey, ReturnCode> {
        if check_source && !self.source_reachable(slot, p.user) {
            return Err(Rc::UserNotAvailable);
        }
        let key = self.inbound(slot, p).ok_or(Rc::MessageNotFound)?;
        if self.messages.get(key).state == MsgState::Queued {
            return Err(Rc::SynchronizationError);
        }
        Ok(key)
    }

    /// DECISION docs/decisions.md#d6 (revised): whether the sink at `slot` can reach `source`
    /// for a RECEIVE or REPLY, judged as a SEND's target is: logged on, authorized, and not
    /// authorized SPECIFIC for some other VM. With docs/decisions.md#d5 a source that logged off
    /// or UNAUTHORIZEd gives 5 here (and 12 to a REJECT); once it is authorized again its old
    /// messages are gone: 12.
    fn source_reachable(&self, slot: usize, source: Userid) -> bool {
        let Some(s) = self.slot(source) else {
            return false;
        };
        let caller = self.vm_at(slot).userid;
        self.vm_at(s)
            .auth
            .is_some_and(|a| a.specific.is_none_or(|x| x == caller))
    }

    /// Ends a transaction with a data-transfer error seen by both sides (RC and VMCMEFLG). The
    /// sink's failed RECEIVE or REPLY is still the call that completes it, so its doubleword
    /// goes to the source (docs/decisions.md#d1).
    fn fail_transfer(&mut self, key: MsgKey, rc: ReturnCode, use_dw: [u8; 8]) -> ReturnCode {
        self.complete(key, false, rc.number(), 0, use_dw);
        rc
    }

    /// RECEIVE (docs/vmcf.md#receive).
    fn receive(&mut self, slot: usize, p: &Vmcparm) -> ReturnCode {
        if !self.in_storage(slot, p.vada, p.lena) {
            return Rc::InvalidBuffer;
        }
        let key = match self.answerable(slot, p, true) {
            Ok(k) => k,
            Err(rc) => return rc,
        };
        let m = self.messages.get(key);
        if m.state != MsgState::Presented || m.func == Subfunction::Sendx {
            return Rc::ProtocolViolation;
        }
        let (source, data, len, func) = (m.source, m.plist.vada, m.plist.lena, m.func);
        // DECISION docs/decisions.md#d8: a buffer too short moves nothing and ends the transaction
        // for both.
        if p.lena < len {
            return self.fail_transfer(key, Rc::IncorrectLength, p.use_dw);
        }
        if source == slot && overlap(p.vada, len, data, len) {
            return self.fail_transfer(key, Rc::DestructiveOverlap, p.use_dw);
        }
        let span = self.move_data(source, data, slot, p.vada, len);
        let user = self.vm_at(slot).userid;
        self.log.push(Event::Data {
            user,
            address: p.vada,
            data: span,
        });
        let m = self.messages.get_mut(key);
        m.received = true;
        if func == Subfunction::Send {
            // DECISION docs/decisions.md#d1: the RESPONSE carries the doubleword of the sink's
            // RECEIVE.
            self.complete(key, false, 0, 0, p.use_dw);
        } else {
            m.state = MsgState::Received;
        }
        Rc::Ok
    }

    /// REPLY (docs/vmcf.md#reply).
    fn reply(&mut self, slot: usize, p: &Vmcparm) -> ReturnCode {
        if !self.in_storage(slot, p.vada, p.lena) {
            return Rc::InvalidBuffer;
        }
        let key = match self.answerable(slot, p, true) {
            Ok(k) => k,
            Err(rc) => return rc,
        };
        let m = self.messages.get(key);
        if m.func != Subfunction::SendRecv || m.state == MsgState::Completed {
            return Rc::ProtocolViolation;
        }
        let (source, rbuf, rlen) = (m.source, m.plist.vadb, m.plist.lenb);
        // DECISION docs/decisions.md#d8: a reply too long moves nothing and ends the transaction
        // for both.
        if p.lena > rlen {
            return self.fail_transfer(key, Rc::IncorrectLength, p.use_dw);
        }
        if source == slot && overlap(p.vada, p.lena, rbuf, p.lena) {
            return self.fail_transfer(key, Rc::DestructiveOverlap, p.use_dw);
        }
        let span = self.move_data(slot, p.vada, source, rbuf, p.lena);
        let user = self.vm_at(source).userid;
        self.log.push(Event::Data {
            user,
            address: rbuf,
            data: span,
        });
        // DECISION docs/decisions.md#d1: the RESPONSE carries the doubleword of the sink's REPLY.
        self.complete(key, false, 0, p.lena, p.use_dw);
        Rc::Ok
    }

    /// REJECT (docs/vmcf.md#reject): valid for a SEND before RECEIVE, and for a SEND/RECV before
    /// REPLY (docs/vmcf.md#what-programs-rely-on), never for a SENDX.
    fn reject(&mut self, slot: usize, p: &Vmcparm) -> ReturnCode {
        let key = match self.answerable(slot, p, false) {
            Ok(k) => k,
            Err(rc) => return rc,
        };
        let m = self.messages.get(key);
        if m.state == MsgState::Completed || m.func == Subfunction::Sendx {
            return Rc::ProtocolViolation;
        }
        // DECISION docs/decisions.md#d1: the REJECT's doubleword reaches the source, for SEND and
        // SEND/RECV alike. For a plain SEND this follows z/VM-era programs, which read a code
        // there; the R6 guide lets the sink pass its doubleword with REJECT or REPLY only for a
        // SEND/RECV (SPG R6 p. 189). Kept deliberately.
        self.complete(key, true, 0, 0, p.use_dw);
        Rc::Ok
    }

    /// CANCEL (docs/vmcf.md#cancel): by the source, naming the sink and the MID.
    fn cancel(&mut self, slot: usize, p: &Vmcparm) -> ReturnCode {
        // DECISION docs/decisions.md#d15: an IDENTIFY still queued at the sink can be withdrawn (the manual rules
        // out cancelling one only once the sink has the interrupt (SPG R6 p. 181)); once presented
        // CP keeps no record of it (docs/decisions.md#d10), so it is not found: 12.
        if self.find(slot, p.user, p.mid).is_none()
            && let Some(key) = self.queued_identify(slot, p.user, p.mid)
        {
            let sink = self.messages.get(key).sink;
            self.vm_at_mut(sink).withdraw(key);
            self.detach(key, slot);
            return Rc::Ok;
        }
        let Some(key) = self.find(slot, p.user, p.mid) else {
            // A message with that MID exists between the two, but the caller is its sink.
            let caller = self.vm_at(slot).userid;
            let theirs = self.slot(p.user).and_then(|s| self.find(s, caller, p.mid));
            return if theirs.is_some() {
                Rc::ProtocolViolation
            } else {
                Rc::MessageNotFound
            };
        };
        let sink = self.messages.get(key).sink;
        match self.messages.get(key).state {
            MsgState::Completed => Rc::CancelTooLate,
            MsgState::Received => {
                // Only the REPLY part can go: the sink's later REPLY gets RC 12.
                self.detach(key, slot);
                Rc::ReplyCancelled
            }
            MsgState::Queued | MsgState::Presented => {
                self.vm_at_mut(sink).withdraw(key);
                self.detach(key, slot);
                Rc::Ok
            }
        }
    }
}
