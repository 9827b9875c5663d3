//! The message table: every SEND, SEND/RECV, SENDX and IDENTIFY in transit, from acceptance until
//! its RESPONSE is presented (or it is cancelled or purged). One record a message; records are
//! reused, so a busy session allocates nothing per message once the table has grown.

use crate::vmcf::{Subfunction, Userid, Vmcmhdr, Vmcparm, vmcmstat};

/// Index of a record in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct MsgKey(u32);

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MsgState {
    /// Its SEND interrupt waits in the sink's queue (a RECEIVE now gets RC 13).
    Queued,
    /// The sink has been presented the SEND interrupt.
    Presented,
    /// SEND/RECV only: the sink RECEIVEd the data and owes a REPLY or REJECT.
    Received,
    /// Finished; its RESPONSE waits in the source's queue (it still counts towards the limit).
    Completed,
}

/// One message in transit.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub source: usize,
    pub source_user: Userid,
    pub sink: usize,
    pub sink_user: Userid,
    pub func: Subfunction,
    /// The source's parameter list as it was at SEND time.
    pub plist: Vmcparm,
    pub state: MsgState,
    /// The sink's RECEIVE moved the data (the RESPONSE's LENA residual is then 0).
    pub received: bool,
    /// Set when completed: the RESPONSE header the source will be presented.
    pub response: Option<Vmcmhdr>,
}

impl Message {
    /// Whether it is a priority message.
    pub(crate) fn priority(&self) -> bool {
        self.plist.priority()
    }

    /// The SEND interrupt header for the sink: the source's VMCPARM bytes 2-39 with VMCMUSER
    /// replaced by the source userid (docs/vmcf.md#fields-by-subfunction); VMCMRESP on an IDENTIFY.
    pub(crate) fn send_header(&self) -> Vmcmhdr {
        let p = &self.plist;
        let mut stat = if self.priority() {
            vmcmstat::VMCMPRTY
        } else {
            0
        };
        if self.func == Subfunction::Identify {
            stat |= vmcmstat::VMCMRESP;
        }
        Vmcmhdr {
            stat,
            eflg: 0,
            func: p.func,
            mid: p.mid,
            user: self.source_user,
            vada: p.vada,
            lena: p.lena,
            vadb: p.vadb,
            lenb: p.lenb,
            use_dw: p.use_dw,
        }
    }

    /// The RESPONSE header (docs/decisions.md#d1, #d2): original FUNC and MID, the sink's userid,
    /// the source's addresses, the residual counts, and the doubleword given.
    pub(crate) fn response_header(
        &self,
        rejected: bool,
        eflg: u8,
        replied: u32,
        use_dw: [u8; 8],
    ) -> Vmcmhdr {
        let p = &self.plist;
        let mut stat = vmcmstat::VMCMRESP;
        if rejected {
            stat |= vmcmstat::VMCMRJCT;
        }
        if self.priority() {
            stat |= vmcmstat::VMCMPRTY;
        }
        Vmcmhdr {
            stat,
            eflg,
            func: p.func,
            mid: p.mid,
            user: self.sink_user,
            vada: p.vada,
            lena: if self.received { 0 } else { p.lena },
            vadb: p.vadb,
            lenb: p.lenb.wrapping_sub(replied),
            use_dw,
        }
    }
}

/// The table.
#[derive(Debug, Default)]
pub(crate) struct Messages {
    slots: Vec<Option<Message>>,
    /// When each slot's record was accepted (a running count): records are reused, so the
    /// slot order says nothing about which message came first.
    accepted: Vec<u64>,
    next: u64,
    free: Vec<u32>,
}

impl Messages {
    pub(crate) fn insert(&mut self, m: Message) -> MsgKey {
        let seq = self.next;
        self.next += 1;
        match self.free.pop() {
            Some(i) => {
                self.slots[i as usize] = Some(m);
                self.accepted[i as usize] = seq;
                MsgKey(i)
            }
            None => {
                self.slots.push(Some(m));
                self.accepted.push(seq);
                MsgKey(self.slots.len() as u32 - 1)
            }
        }
    }

    #[inline]
    pub(crate) fn get(&self, k: MsgKey) -> &Message {
        self.slots[k.0 as usize]
            .as_ref()
            .expect("message keys are withdrawn with their record")
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, k: MsgKey) -> &mut Message {
        self.slots[k.0 as usize]
            .as_mut()
            .expect("message keys are withdrawn with their record")
    }

    pub(crate) fn remove(&mut self, k: MsgKey) -> Message {
        let m = self.slots[k.0 as usize]
            .take()
            .expect("message keys are withdrawn with their record");
        self.free.push(k.0);
        m
    }

    /// Keys of every record for which `f` holds, in the order the messages were accepted, so that
    /// RESPONSEs CP makes for several at once queue first-sent first (FIFO, docs/vmcf.md#priority).
    pub(crate) fn keys_where(&self, mut f: impl FnMut(&Message) -> bool) -> Vec<MsgKey> {
        let mut keys: Vec<MsgKey> = self
            .slots
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.as_ref().filter(|m| f(m)).map(|_| MsgKey(i as u32)))
            .collect();
        keys.sort_unstable_by_key(|k| self.accepted[k.0 as usize]);
        keys
    }

    /// When a record was accepted, as a running count: a smaller number was accepted earlier.
    pub(crate) fn accepted(&self, k: MsgKey) -> u64 {
        self.accepted[k.0 as usize]
    }

    /// Number of records in use.
    pub(crate) fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(mid: u32) -> Message {
        let user = Userid::parse("A").unwrap();
        let mut plist = Vmcparm::new(Subfunction::Send);
        plist.mid = mid;
        Message {
            source: 0,
            source_user: user,
            sink: 1,
            sink_user: user,
            func: Subfunction::Send,
            plist,
            state: MsgState::Presented,
            received: false,
            response: None,
        }
    }

    #[test]
    fn scans_give_messages_in_the_order_they_were_accepted_though_slots_are_reused() {
        let mut table = Messages::default();
        let first = table.insert(message(1));
        table.insert(message(2));
        table.insert(message(3));
        table.remove(first);
        // MID 4 takes the freed first slot, yet comes last.
        table.insert(message(4));
        let mids: Vec<u32> = table
            .keys_where(|_| true)
            .into_iter()
            .map(|k| table.get(k).plist.mid)
            .collect();
        assert_eq!(mids, [2, 3, 4]);
    }
}
