//! Writes to guest storage, and data moves between VMs. RECEIVE, REPLY and SENDX copy their
//! bytes once, storage to storage, and the event reporting the move reads them where they
//! landed; the event log takes its own copy only when something is about to write over them
//! before it is cleared. So every change to a VM's storage goes through here, after
//! [`Log::keep`](super::event::Log::keep).

use super::Cp;
use super::event::EventData;
use super::machine::VirtualMachine;
use crate::vmcf::Vmcmhdr;

impl Cp {
    /// Writes `bytes` at `addr` of `slot`'s storage; `None` (and nothing written) if outside.
    pub(crate) fn write_storage(&mut self, slot: usize, addr: u32, bytes: &[u8]) -> Option<()> {
        let vm = self.vms[slot].as_mut()?;
        if !vm.storage.contains(addr, u32::try_from(bytes.len()).ok()?) {
            return None;
        }
        self.log
            .keep(slot, &vm.storage, Some((addr, bytes.len() as u32)));
        vm.storage.write(addr, bytes)
    }

    /// Stores an interrupt header at `addr` of `slot`'s storage (an interrupt buffer, checked by
    /// AUTHORIZE): encoded where it goes when that is one slice of a written page (from the
    /// second interrupt on), else stored as any write.
    pub(crate) fn write_header(&mut self, slot: usize, addr: u32, header: &Vmcmhdr) {
        let vm = self.vms[slot].as_mut().expect("occupied");
        self.log
            .keep(slot, &vm.storage, Some((addr, Vmcmhdr::LEN as u32)));
        match vm
            .storage
            .slice_mut(addr, Vmcmhdr::LEN as u32)
            .and_then(|s| <&mut [u8; Vmcmhdr::LEN]>::try_from(s).ok())
        {
            Some(dst) => header.encode_into(dst),
            None => vm
                .storage
                .write(addr, &header.encode())
                .expect("buffer checked by AUTHORIZE"),
        }
    }

    /// Before `slot`'s storage is replaced or its VM leaves: event bytes still read there get
    /// their own copy.
    pub(crate) fn keep_event_bytes(&mut self, slot: usize) {
        if let Some(vm) = self.vms[slot].as_ref() {
            self.log.keep(slot, &vm.storage, None);
        }
    }

    /// Moves `len` bytes from `from`'s storage at `from_addr` to `to`'s at `to_addr`, and returns
    /// them as the bytes of the event that reports the move. Both ranges were checked against
    /// their storage when the message was accepted or the call made.
    pub(crate) fn move_data(
        &mut self,
        from: usize,
        from_addr: u32,
        to: usize,
        to_addr: u32,
        len: u32,
    ) -> EventData {
        if from == to {
            // One storage: through the arena, read before written, as the ranges may overlap.
            let span = self.read_span(from, from_addr, len);
            self.write_span(to, to_addr, span);
            return span;
        }
        let (source, sink) = pair(&mut self.vms, from, to);
        self.log.keep(to, &sink.storage, Some((to_addr, len)));
        // Each side one slice of a page already written: a program's buffers, the usual case.
        if let (Some(src), Some(dst)) = (
            source.storage.slice(from_addr, len),
            sink.storage.slice_mut(to_addr, len),
        ) {
            dst.copy_from_slice(src);
        } else {
            sink.storage
                .copy_from(&source.storage, from_addr, to_addr, len)
                .expect("ranges checked before the move");
        }
        self.log.push_in_storage(to, &sink.storage, to_addr, len)
    }

    /// Copies `len` bytes of a VM's storage into the event arena.
    pub(crate) fn read_span(&mut self, slot: usize, addr: u32, len: u32) -> EventData {
        let storage = &self.vms[slot].as_ref().expect("occupied").storage;
        // Ranges were checked when the message was accepted, and storage cannot shrink
        // without a reset that purges the message.
        self.log
            .push_storage(storage, addr, len)
            .expect("range checked at acceptance")
    }

    /// Writes the bytes of an arena span (from [`Cp::read_span`] or SMSG text) into a VM's
    /// storage.
    pub(crate) fn write_span(&mut self, slot: usize, addr: u32, span: EventData) {
        let vm = self.vms[slot].as_mut().expect("occupied");
        self.log
            .keep(slot, &vm.storage, Some((addr, span.len() as u32)));
        vm.storage
            .write(addr, self.log.arena_bytes(span))
            .expect("range checked before the move");
    }
}

/// Two different VMs, one to read and one to write.
fn pair(
    vms: &mut [Option<VirtualMachine>],
    from: usize,
    to: usize,
) -> (&VirtualMachine, &mut VirtualMachine) {
    let (source, sink) = if from < to {
        let (a, b) = vms.split_at_mut(to);
        (&a[from], &mut b[0])
    } else {
        let (a, b) = vms.split_at_mut(from);
        (&b[0], &mut a[to])
    };
    (
        source.as_ref().expect("slots in transit are occupied"),
        sink.as_mut().expect("slots in transit are occupied"),
    )
}

#[cfg(test)]
mod tests {
    use crate::cp::{Cp, Event, FixedClock};
    use crate::vmcf::{ReturnCode, Subfunction, Userid, Vmcmhdr, Vmcparm};

    const PLIST: u32 = 0x800;
    const BUF: u32 = 0x1000;

    fn uid(s: &str) -> Userid {
        Userid::parse(s).unwrap()
    }

    fn diag(cp: &mut Cp, user: Userid, p: Vmcparm) {
        cp.store(user, PLIST, &p.encode()).unwrap();
        assert_eq!(cp.diagnose_68(user, PLIST), Ok(ReturnCode::Ok));
    }

    /// A and B logged on and authorized with 64-byte buffers at X'1000'.
    fn ab() -> (Cp, Userid, Userid) {
        let mut cp = Cp::new(Box::new(FixedClock::standard()));
        let (a, b) = (uid("A"), uid("B"));
        for u in [a, b] {
            cp.logon(u);
            let mut p = Vmcparm::new(Subfunction::Authorize);
            (p.vada, p.lena) = (BUF, 64);
            diag(&mut cp, u, p);
        }
        cp.clear_events();
        (cp, a, b)
    }

    /// A SENDs `data` (stored at `at`) to B with MID 1; B RECEIVEs it at `into`.
    fn send_receive(cp: &mut Cp, a: Userid, b: Userid, at: u32, data: &[u8], into: u32) {
        cp.store(a, at, data).unwrap();
        let mut s = Vmcparm::new(Subfunction::Send);
        (s.user, s.mid, s.vada, s.lena) = (b, 1, at, data.len() as u32);
        diag(cp, a, s);
        let mut r = Vmcparm::new(Subfunction::Receive);
        (r.user, r.mid, r.vada, r.lena) = (a, 1, into, data.len() as u32);
        diag(cp, b, r);
    }

    /// The bytes of every Data event, in order.
    fn moved(cp: &Cp) -> Vec<Vec<u8>> {
        let log = cp.events();
        log.events()
            .iter()
            .filter_map(|e| match e {
                Event::Data { data, .. } => Some(log.bytes(*data).to_vec()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_reply_over_the_interrupt_buffer_shows_what_moved_not_the_header() {
        // A's reply buffer is its interrupt buffer: the RESPONSE header lands on the reply.
        let (mut cp, a, b) = ab();
        cp.store(a, 0x2000, b"QUESTION").unwrap();
        let mut s = Vmcparm::new(Subfunction::SendRecv);
        (s.user, s.mid, s.vada, s.lena, s.vadb, s.lenb) = (b, 1, 0x2000, 8, BUF, 64);
        diag(&mut cp, a, s);
        let mut r = Vmcparm::new(Subfunction::Receive);
        (r.user, r.mid, r.vada, r.lena) = (a, 1, 0x3000, 8);
        diag(&mut cp, b, r);
        cp.clear_events();
        let answer = [0xC1u8; 48];
        cp.store(b, 0x4000, &answer).unwrap();
        let mut p = Vmcparm::new(Subfunction::Reply);
        (p.user, p.mid, p.vada, p.lena) = (a, 1, 0x4000, 48);
        diag(&mut cp, b, p);
        assert_eq!(moved(&cp), [answer.to_vec()]);
        let mut now = [0u8; 48];
        cp.fetch(a, BUF, &mut now).unwrap();
        assert_ne!(now, answer, "the header was stored over the reply");
        assert_eq!(&now[Vmcmhdr::LEN..], &answer[Vmcmhdr::LEN..]);
    }

    #[test]
    fn event_bytes_outlive_a_store_a_logoff_and_a_define_storage() {
        let (mut cp, a, b) = ab();
        send_receive(&mut cp, a, b, 0x2000, b"FIRST", 0x3000);
        cp.store(b, 0x3000, b"XXXXX").unwrap();
        send_receive(&mut cp, a, b, 0x2000, b"SECOND", 0x5000);
        cp.define_storage(b, 2 << 20).unwrap();
        let c = uid("C");
        cp.logon(c);
        let mut p = Vmcparm::new(Subfunction::Authorize);
        (p.vada, p.lena) = (BUF, 64);
        diag(&mut cp, c, p);
        send_receive(&mut cp, a, c, 0x2000, b"THIRD", 0x3000);
        cp.logoff(c).unwrap();
        // C's slot is taken again, with other bytes where THIRD was.
        cp.logon(uid("D"));
        cp.store(uid("D"), 0x3000, b"YYYYY").unwrap();
        assert_eq!(moved(&cp), [&b"FIRST"[..], b"SECOND", b"THIRD"]);
    }

    #[test]
    fn many_moves_in_one_log_each_keep_their_bytes() {
        let (mut cp, a, b) = ab();
        let mut want = Vec::new();
        for i in 0..40u8 {
            let data = [i + 1; 100];
            // Into the same buffer each time: each move writes over the one before.
            send_receive(&mut cp, a, b, 0x2000, &data, 0x3000 + u32::from(i % 3) * 8);
            want.push(data.to_vec());
        }
        assert_eq!(moved(&cp), want);
    }

    #[test]
    fn moves_across_pages_and_of_untouched_storage() {
        let (mut cp, a, b) = ab();
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 250) as u8 + 1).collect();
        send_receive(&mut cp, a, b, 0x2F00, &data, 0x7F80);
        let mut back = vec![0; data.len()];
        cp.fetch(b, 0x7F80, &mut back).unwrap();
        assert_eq!(back, data);
        // Zeros from storage A never wrote, over bytes B had.
        cp.store(b, 0x9000, &[0xFF; 16]).unwrap();
        let mut s = Vmcparm::new(Subfunction::Send);
        (s.user, s.mid, s.vada, s.lena) = (b, 2, 0x50000, 16);
        diag(&mut cp, a, s);
        let mut r = Vmcparm::new(Subfunction::Receive);
        (r.user, r.mid, r.vada, r.lena) = (a, 2, 0x9000, 16);
        diag(&mut cp, b, r);
        cp.fetch(b, 0x9000, &mut back[..16]).unwrap();
        assert_eq!(&back[..16], &[0; 16]);
        assert_eq!(moved(&cp), [data, vec![0; 16]]);
    }

    #[test]
    fn untouched_zeros_moved_then_a_write_beside_them() {
        // The zeros land in a page B never wrote; B's next write, in the same page but not
        // over them, makes the page with an extent that covers part of them.
        let (mut cp, a, b) = ab();
        let mut s = Vmcparm::new(Subfunction::Send);
        (s.user, s.mid, s.vada, s.lena) = (b, 1, 0x50000, 32);
        diag(&mut cp, a, s);
        let mut r = Vmcparm::new(Subfunction::Receive);
        (r.user, r.mid, r.vada, r.lena) = (a, 1, 0x6030, 32);
        diag(&mut cp, b, r);
        cp.store(b, 0x6000, &[1; 8]).unwrap();
        assert_eq!(moved(&cp), [vec![0; 32]]);
    }
}
