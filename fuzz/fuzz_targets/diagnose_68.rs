//! Arbitrary parameter lists and storage contents through DIAGNOSE X'68', with the engine's
//! invariants checked after every call: no panic; a VM's storage changes only where CP writes
//! (the interrupt buffer and what follows it, RECEIVE buffers, REPLY buffers) or where the VM
//! itself stored; no source has more than 50 messages in transit.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vmcfsim::cp::{Event, FixedClock};
use vmcfsim::vmcf::{Userid, Vmcparm};
use vmcfsim::Cp;

const USERS: [&str; 3] = ["A", "B", "C"];
const SIZE: u32 = 64 * 1024;

fn snapshot(cp: &Cp, user: Userid) -> Vec<u8> {
    let mut b = vec![0; SIZE as usize];
    cp.fetch(user, 0, &mut b).unwrap();
    b
}

fuzz_target!(|data: &[u8]| {
    let mut cp = Cp::new(Box::new(FixedClock::standard()));
    let users: Vec<Userid> = USERS.iter().map(|u| Userid::parse(u).unwrap()).collect();
    for &u in &users {
        cp.logon(u);
        cp.define_storage(u, SIZE).unwrap();
    }
    // Each step: 1 byte who, 1 byte what, 40 bytes of parameter list (or store/enable/...).
    for step in data.chunks(43) {
        if step.len() < 43 {
            break;
        }
        let who = users[usize::from(step[0]) % users.len()];
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
            }
            3 => {
                let _ = cp.smsg(users[0], who, &plist);
            }
            _ => {
                let at = u32::from(step[2]) * 8 % SIZE;
                let before: Vec<Vec<u8>> = users.iter().map(|&u| snapshot(&cp, u)).collect();
                let stored = cp.store(who, at, &plist).is_ok();
                let _ = cp.diagnose_68(who, at);
                // Every byte that changed lies where an event says CP wrote it, or is the list.
                for (i, &u) in users.iter().enumerate() {
                    let after = snapshot(&cp, u);
                    let mut allowed: Vec<(u32, u32)> = Vec::new();
                    if u == who && stored {
                        allowed.push((at, 40));
                    }
                    for e in cp.events().events() {
                        match e {
                            Event::Interrupt { user, buffer, data, .. } if *user == u => {
                                allowed.push((*buffer, 40 + data.len() as u32))
                            }
                            Event::Data { user, address, data } if *user == u => {
                                allowed.push((*address, data.len() as u32))
                            }
                            _ => {}
                        }
                    }
                    for (a, (x, y)) in before[i].iter().zip(&after).enumerate() {
                        if x != y {
                            let a = a as u32;
                            assert!(
                                allowed.iter().any(|&(s, l)| a >= s && a - s < l),
                                "{u} byte {a:06X} changed outside CP's writes"
                            );
                        }
                    }
                }
                let _ = Vmcparm::decode(&plist);
            }
        }
        for &u in &users {
            if let Some(vm) = cp.vm(u) {
                assert!(vm.messages_in_transit() <= 50);
            }
        }
    }
});
