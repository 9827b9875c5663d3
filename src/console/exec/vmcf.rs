//! VMCF console commands: the VMCPARM built from the command, literals and buffers placed in
//! the data area, and DIAGNOSE X'68' issued on it.

use crate::console::command::*;
use crate::console::messages::{ConsoleError, CpMsg, Reason};
use crate::console::session::{PLIST_SLOT, Placed, Response, Session};
use crate::vmcf::{Subfunction, Userid, Vmcmhdr, Vmcparm, vmcpflg1};

/// AUTHORIZE's defaults (docs/console.md#vmcf-commands): a 40-byte buffer at X'1000'.
const DEFAULT_BUFFER: u32 = 0x1000;
const DEFAULT_BUFFER_LEN: u32 = Vmcmhdr::LEN as u32;

impl Session {
    /// A VMCF console command: builds the VMCPARM, places literals and buffers, stores the list at
    /// [`PLIST_SLOT`] and issues DIAGNOSE X'68' on it.
    pub(super) fn vmcf(&mut self, user: Userid, v: &VmcfCommand) {
        let sub = v.subfunction();
        let mut p = Vmcparm::new(sub);
        if let Some(partner) = v.partner {
            p.user = partner;
        }
        if v.specific {
            p.flg1 |= vmcpflg1::VMCPAUTS;
        }
        if v.priority {
            p.flg1 |= vmcpflg1::VMCPPRTY;
        }
        if v.smsg {
            p.flg1 |= vmcpflg1::VMCPSMSG;
        }
        if let Some(dw) = v.use_dw {
            p.use_dw = dw;
        }
        let size = self.cp.vm(user).map_or(0, |vm| vm.storage().size());
        if u64::from(PLIST_SLOT) + Vmcparm::LEN as u64 > u64::from(size) {
            let e = ConsoleError::new("VMC", CpMsg::ExceedsStorage(PLIST_SLOT))
                .because(None, Reason::PlistSlot);
            self.error(Some(user), e);
            return;
        }
        match sub {
            Subfunction::Authorize => {
                p.vada = v.at.unwrap_or(DEFAULT_BUFFER);
                p.lena = v.buf.unwrap_or(DEFAULT_BUFFER_LEN);
            }
            Subfunction::Send | Subfunction::SendRecv | Subfunction::Sendx => {
                p.mid = match v.mid {
                    Some(m) => m,
                    None => {
                        let vm = self.vm_console(user);
                        let m = vm.next_mid;
                        vm.next_mid = m.wrapping_add(1);
                        m
                    }
                };
                if !self.data(user, v, &mut p) {
                    return;
                }
                if let Some((len, at, span)) = &v.reply_buf {
                    let at = match at {
                        Some(a) => *a,
                        None => match self.area(user, *len, Some(span), "REPLYBUF") {
                            Some(a) => a,
                            None => return,
                        },
                    };
                    p.vadb = at;
                    p.lenb = *len;
                    self.placed(user, Placed::ReplyBuffer, at, *len);
                }
            }
            Subfunction::Identify | Subfunction::Reply => {
                p.mid = v.mid.unwrap_or(0);
                if !self.data(user, v, &mut p) {
                    return;
                }
            }
            Subfunction::Receive => {
                p.mid = v.mid.unwrap_or(0);
                // Without LEN, the length the SEND interrupt announced; if none was presented the
                // engine answers 12 or 13 before it looks at the length.
                let len = v
                    .len
                    .or_else(|| self.announced(user, p.user, p.mid))
                    .unwrap_or(0);
                let at = match v.into {
                    Some(a) => a,
                    None => match self.area(user, len, None, "the receive buffer") {
                        Some(a) => a,
                        None => return,
                    },
                };
                p.vada = at;
                p.lena = len;
                self.placed(user, Placed::ReceiveBuffer, at, len);
            }
            Subfunction::Reject | Subfunction::Cancel => p.mid = v.mid.unwrap_or(0),
            Subfunction::Unauthorize | Subfunction::Quiesce | Subfunction::Resume => {}
        }
        if !self.put(user, PLIST_SLOT, &p.encode()) {
            return;
        }
        let _ = self.cp.diagnose_68(user, PLIST_SLOT);
        self.sync();
    }

    /// Fills VMCPVADA and VMCPLENA from the command's data, storing a literal first.
    fn data(&mut self, user: Userid, v: &VmcfCommand, p: &mut Vmcparm) -> bool {
        match &v.data {
            None => true,
            Some((Data::Addr { address, len }, _)) => {
                p.vada = *address;
                p.lena = *len;
                true
            }
            Some((Data::Literal { bytes, at }, span)) => {
                let len = bytes.len() as u32;
                let at = match at {
                    Some(a) => *a,
                    None => match self.area(user, len, Some(span), "DATA") {
                        Some(a) => a,
                        None => return false,
                    },
                };
                if !self.put(user, at, bytes) {
                    return false;
                }
                p.vada = at;
                p.lena = len;
                self.placed(user, Placed::Data, at, len);
                true
            }
        }
    }

    fn placed(&mut self, user: Userid, what: Placed, address: u32, length: u32) {
        self.respond(
            Some(user),
            Response::Placed {
                what,
                address,
                length,
            },
        );
    }
}
