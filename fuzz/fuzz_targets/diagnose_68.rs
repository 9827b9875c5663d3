//! Arbitrary parameter lists and storage contents through DIAGNOSE X'68', with the engine's
//! invariants checked after every call: no panic; a VM's storage changes only where CP writes
//! (the interrupt buffer and what follows it, RECEIVE buffers, REPLY buffers) or where the VM
//! itself stored; no source has more than 50 messages in transit; no VM holds more SMSGs than
//! CP keeps for it; the system's message count is the sum of the sources' counts.
//!
//! Speed: each VM has 16K of storage (four pages, so moves still cross page boundaries) and
//! the checker keeps a copy of what each storage should hold, updated with the bytes CP is
//! allowed to write; after a step one fetch and one `memcmp` per VM tell whether anything
//! else changed. The byte-by-byte search runs only to report a failure.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vmcfsim::{Cp, Event, FixedClock, SMSG_PENDING_MAX, Userid, Vmcparm};

const USERS: [&str; 3] = ["A", "B", "C"];
const SIZE: u32 = 16 * 1024;

/// What one VM's storage must hold, and a buffer to fetch the real contents into.
struct Expected {
    want: Vec<u8>,
    got: Vec<u8>,
}

impl Expected {
    fn new() -> Expected {
        Expected {
            want: vec![0; SIZE as usize],
            got: vec![0; SIZE as usize],
        }
    }

    /// Accepts `len` bytes from `at` as they now are in storage (CP or the VM wrote them).
    fn allow(&mut self, cp: &Cp, user: Userid, at: u32, len: u32) {
        let start = (at as usize).min(self.want.len());
        let end = (at as usize)
            .saturating_add(len as usize)
            .min(self.want.len());
        if start < end {
            cp.fetch(user, start as u32, &mut self.want[start..end])
                .expect("a range inside storage");
        }
    }

    /// Panics, naming the first byte, if storage holds anything but what was allowed.
    fn check(&mut self, cp: &Cp, user: Userid) {
        cp.fetch(user, 0, &mut self.got).expect("storage defined");
        if self.got != self.want {
            let at = self.want.iter().zip(&self.got).position(|(x, y)| x != y);
            panic!("{user} byte {at:06X?} changed outside CP's writes");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut cp = Cp::new(Box::new(FixedClock::standard()));
    let users: Vec<Userid> = USERS.iter().map(|u| Userid::parse(u).unwrap()).collect();
    let mut expected: Vec<Expected> = users.iter().map(|_| Expected::new()).collect();
    for &u in &users {
        cp.logon(u);
        cp.define_storage(u, SIZE).unwrap();
    }
    // Each step: 1 byte who, 1 byte what, 1 byte where, 40 bytes of parameter list (or text).
    for step in data.chunks_exact(43) {
        let who_i = usize::from(step[0]) % users.len();
        let who = users[who_i];
        let mut plist = [0u8; 40];
        plist.copy_from_slice(&step[3..43]);
        // Userids in VMCPUSER are mostly real ones, so that messages flow.
        if step[1] & 0x80 == 0 {
            let partner = users[usize::from(step[2]) % users.len()];
            plist[8..16].copy_from_slice(&partner.ebcdic());
        }
        cp.clear_events();
        match step[1] % 16 {
            0 => {
                let _ = cp.disable(who);
            }
            1 => {
                let _ = cp.enable(who);
            }
            2 => {
                let _ = cp.logoff(who);
                cp.logon(who);
                cp.define_storage(who, SIZE).unwrap();
                expected[who_i] = Expected::new();
            }
            3 => {
                let _ = cp.smsg(users[0], who, &plist);
            }
            _ => {
                let at = u32::from(step[2]) * 8 % SIZE;
                if cp.store(who, at, &plist).is_ok() {
                    expected[who_i].allow(&cp, who, at, 40);
                }
                let _ = cp.diagnose_68(who, at);
                let _ = Vmcparm::decode(&plist);
            }
        }
        // Every byte CP wrote lies where an event says it wrote; accept those, then compare.
        for e in cp.events().events() {
            let (user, at, len) = match e {
                Event::Interrupt {
                    user, buffer, data, ..
                } => (*user, *buffer, 40 + data.len() as u32),
                Event::Data {
                    user,
                    address,
                    data,
                } => (*user, *address, data.len() as u32),
                _ => continue,
            };
            if let Some(i) = users.iter().position(|&u| u == user) {
                expected[i].allow(&cp, user, at, len);
            }
        }
        let mut total = 0;
        for (i, &u) in users.iter().enumerate() {
            expected[i].check(&cp, u);
            let vm = cp.vm(u).expect("the three stay logged on");
            assert!(vm.messages_in_transit() <= 50);
            assert!(vm.pending_smsgs() <= SMSG_PENDING_MAX);
            total += vm.messages_in_transit();
        }
        assert_eq!(cp.messages_in_transit(), total, "messages without a source");
    }
});
