//! The CP commands that deliver messages: `SMSG` (the special message facility, CP acting as a
//! VMCF source with SENDX), `MSG` and `WARNING` (a line on the target's terminal).

use super::Cp;
use super::event::{CpError, CpMessage, Event, NotReceiving};
use super::machine::{Pending, SMSG_MAX, SMSG_PENDING_MAX, SpecialMessage, VirtualMachine};
use crate::vmcf::{Subfunction, Userid, Vmcmhdr};

impl Cp {
    /// SMSG from `from` to `to` with `text` (EBCDIC). CP's checks in its own order (Logic R6 p.
    /// 56): logged on, SMSG flag, VMCF authorization; then docs/decisions.md#d4: QUIESCE and a
    /// buffer too small refuse too, and SPECIFIC never does. Text past [`SMSG_MAX`] bytes (the
    /// most any CP line leaves) is cut; the console cuts it where its own line ends
    /// (docs/decisions.md#d16).
    pub fn smsg(&mut self, from: Userid, to: Userid, text: &[u8]) -> Result<(), CpError> {
        let text = &text[..text.len().min(SMSG_MAX)];
        let Some(slot) = self.slot(to) else {
            return Err(self.error(from, CpError::NotLoggedOn(to)));
        };
        let vm = self.vm_at(slot);
        // DECISION docs/decisions.md#d12: the flag first, then the authorization.
        let refusal = match vm.auth {
            _ if !vm.smsg => Some(NotReceiving::SmsgOff),
            None => Some(NotReceiving::NotAuthorized),
            Some(_) if vm.quiesced => Some(NotReceiving::Quiesced),
            Some(a) if text.len() as u32 > a.length - 40 => Some(NotReceiving::BufferTooSmall),
            // Last: only a VM that would take the SMSG but is disabled collects them.
            Some(_) if vm.smsgs.len() >= SMSG_PENDING_MAX => Some(NotReceiving::SmsgsPending),
            Some(_) => None,
        };
        if let Some(why) = refusal {
            return Err(self.error(from, CpError::NotReceiving(to, why)));
        }
        // DECISION docs/decisions.md#d3: a SENDX header from SYSTEM, MID = low word of a unique TOD
        // value, the issuer in USE. CP left the address of its own work buffer in VMCMVADA
        // (Logic R6 p. 56), meaningless to the guest; vmcfsim stores 0 there.
        let mid = self.unique_tod().0 as u32;
        let header = Vmcmhdr {
            stat: 0,
            eflg: 0,
            func: Subfunction::Sendx.code(),
            mid,
            user: Userid::SYSTEM,
            vada: 0,
            lena: text.len() as u32,
            vadb: 0,
            lenb: 0,
            use_dw: from.ebcdic(),
        };
        let mut buf = [0u8; SMSG_MAX];
        buf[..text.len()].copy_from_slice(text);
        self.vm_at_mut(slot).smsgs.push_back(SpecialMessage {
            header,
            len: text.len() as u8,
            text: buf,
        });
        self.queue_interrupt(slot, false, Pending::Smsg);
        self.present_ready();
        Ok(())
    }

    /// MSG from `from` to `to`: the line appears on the target's terminal unless it has none
    /// (disconnected) or set MSG OFF. Nothing is queued: a refused MSG is gone, as in CP.
    pub fn msg(&mut self, from: Userid, to: Userid, text: &str) -> Result<(), CpError> {
        let slot = self.terminal_of(from, to, |vm| vm.msg, NotReceiving::MsgOff)?;
        let at = self.now();
        let user = self.vm_at(slot).userid;
        self.log.push(Event::Message {
            user,
            message: CpMessage::MsgFrom {
                at,
                from,
                text: text.to_string(),
            },
        });
        Ok(())
    }

    /// WARNING from `from` to `to`: as MSG, under `SET WNG` (`NOT RECEIVING; WNG OFF`). CP made
    /// it a class A and B command; privilege classes are not modelled, so anyone may warn.
    pub fn warning(&mut self, from: Userid, to: Userid, text: &str) -> Result<(), CpError> {
        let slot = self.terminal_of(from, to, |vm| vm.wng, NotReceiving::WngOff)?;
        let at = self.now();
        let user = self.vm_at(slot).userid;
        self.log.push(Event::Message {
            user,
            message: CpMessage::WngFrom {
                at,
                from,
                text: text.to_string(),
            },
        });
        Ok(())
    }

    /// The slot of a VM whose terminal takes a line from `from`: logged on (045W), connected
    /// (057E `DISCONNECTED`), and with its setting on (057E with `off`).
    fn terminal_of(
        &mut self,
        from: Userid,
        to: Userid,
        setting: impl Fn(&VirtualMachine) -> bool,
        off: NotReceiving,
    ) -> Result<usize, CpError> {
        let Some(slot) = self.slot(to) else {
            return Err(self.error(from, CpError::NotLoggedOn(to)));
        };
        let vm = self.vm_at(slot);
        let refusal = if vm.disconnected {
            Some(NotReceiving::Disconnected)
        } else if !setting(vm) {
            Some(off)
        } else {
            None
        };
        match refusal {
            Some(why) => Err(self.error(from, CpError::NotReceiving(to, why))),
            None => Ok(slot),
        }
    }
}
