//! Presenting external interrupt X'4001': CP stores the header (and SENDX or SMSG data after it)
//! into the VM's interrupt buffer when the VM is enabled. docs/decisions.md#d13: the guest takes
//! each interrupt at once while enabled, so every queued interrupt is presented in order, priority
//! ones first, each stored over the last.

use super::Cp;
use super::event::{Event, EventData};
use super::machine::Pending;
use super::message::{MsgKey, MsgState};
use crate::vmcf::{Subfunction, TransferError, Vmcmhdr};

impl Cp {
    /// Presents every interrupt that an enabled VM has waiting.
    pub(crate) fn present_ready(&mut self) {
        while let Some(slot) = self.ready.pop_front() {
            while let Some(vm) = self.vms[slot].as_mut() {
                if !vm.enabled || vm.auth.is_none() {
                    break;
                }
                let Some(p) = vm.next_pending() else {
                    break;
                };
                self.present(slot, p);
            }
        }
    }

    fn present(&mut self, slot: usize, p: Pending) {
        match p {
            Pending::Send(key) => self.present_send(slot, key),
            Pending::Response(key) => {
                let m = self.messages.get(key);
                let header = m.response.expect("a queued RESPONSE has its header");
                let source = m.source;
                self.detach(key, source);
                self.store_interrupt(slot, header, &[]);
            }
            Pending::Smsg => {
                let Some(m) = self.vm_at_mut(slot).smsgs.pop_front() else {
                    return;
                };
                // A special message is a SENDX from CP: if the buffer shrank under it (re-AUTHORIZE
                // while disabled), the move fails and CP, the source, ignores the code: the target
                // gets nothing. Not described by the manual; chosen as the SENDX rule applied to
                // CP.
                let (header, text) = (m.header, &m.text[..usize::from(m.len)]);
                if self.fits(slot, text.len() as u32) {
                    self.store_interrupt(slot, header, text);
                }
            }
        }
    }

    fn fits(&self, slot: usize, data: u32) -> bool {
        let auth = self
            .vm_at(slot)
            .auth
            .expect("presented only when authorized");
        data <= auth.length - Vmcmhdr::LEN as u32
    }

    fn present_send(&mut self, slot: usize, key: MsgKey) {
        let m = self.messages.get(key);
        let header = m.send_header();
        match m.func {
            Subfunction::Identify => {
                // IDENTIFY is final as presented: no RESPONSE; it stops counting
                // (docs/decisions.md#d10).
                let source = m.source;
                self.detach(key, source);
                self.store_interrupt(slot, header, &[]);
            }
            Subfunction::Sendx => {
                let (source, vada, lena) = (m.source, m.plist.vada, m.plist.lena);
                if !self.fits(slot, lena) {
                    // The sink re-AUTHORIZEd with a smaller buffer: data-transfer code 7 (SPG SP3
                    // p. 134).
                    let use_dw = m.plist.use_dw;
                    self.complete(key, false, TransferError::SendxTooLarge.number(), 0, use_dw);
                    return;
                }
                // The data goes after the header. From a VM to itself it is read before the
                // header is stored, as it may lie where the header goes.
                let own = (source == slot).then(|| self.read_span(source, vada, lena));
                let buffer = self.store_header(slot, header);
                let span = match own {
                    Some(span) => {
                        self.write_span(slot, buffer + Vmcmhdr::LEN as u32, span);
                        span
                    }
                    None => self.move_data(source, vada, slot, buffer + Vmcmhdr::LEN as u32, lena),
                };
                self.push_interrupt(slot, buffer, header, span);
                // DECISION docs/decisions.md#d14: SENDX completes as it is presented; the RESPONSE
                // carries the source's own doubleword (docs/decisions.md#d1) and no unmoved bytes
                // (docs/decisions.md#d2).
                let m = self.messages.get_mut(key);
                m.received = true;
                let use_dw = m.plist.use_dw;
                self.complete(key, false, 0, 0, use_dw);
            }
            _ => {
                self.messages.get_mut(key).state = MsgState::Presented;
                self.store_interrupt(slot, header, &[]);
            }
        }
    }

    fn store_interrupt(&mut self, slot: usize, header: Vmcmhdr, data: &[u8]) {
        let span = self.log.push_bytes(data);
        let buffer = self.store_header(slot, header);
        if !data.is_empty() {
            self.write_span(slot, buffer + Vmcmhdr::LEN as u32, span);
        }
        self.push_interrupt(slot, buffer, header, span);
    }

    /// Stores the header in the VM's interrupt buffer; returns the buffer's address.
    fn store_header(&mut self, slot: usize, header: Vmcmhdr) -> u32 {
        let buffer = self
            .vm_at(slot)
            .auth
            .expect("presented only when authorized")
            .buffer;
        self.write_header(slot, buffer, &header);
        buffer
    }

    fn push_interrupt(&mut self, slot: usize, buffer: u32, header: Vmcmhdr, data: EventData) {
        let user = self.vm_at(slot).userid;
        self.log.push(Event::Interrupt {
            user,
            buffer,
            header,
            data,
        });
    }
}
