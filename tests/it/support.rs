//! Helpers that build situations through the engine's public API: VMs issue DIAGNOSE X'68' with
//! parameter lists stored in their own storage, exactly as a program would.

#![allow(dead_code)]

use vmcfsim::cp::{Event, FixedClock, Span};
use vmcfsim::vmcf::{Subfunction, Userid, Vmcmhdr, Vmcparm, vmcpflg1};
use vmcfsim::{Cp, ReturnCode};

/// Where test parameter lists live in each VM.
pub const PLIST: u32 = 0x800;
/// Default interrupt buffer.
pub const BUF: u32 = 0x1000;

pub fn uid(s: &str) -> Userid {
    Userid::parse(s).unwrap()
}

pub fn cp() -> Cp {
    Cp::new(Box::new(FixedClock::standard()))
}

/// A CP with these users logged on.
pub fn cp_with(users: &[&str]) -> Cp {
    let mut cp = cp();
    for u in users {
        cp.logon(uid(u));
    }
    cp.clear_events();
    cp
}

/// Stores `p` at PLIST in `user`'s storage and issues DIAGNOSE X'68'.
pub fn diag(cp: &mut Cp, user: &str, p: Vmcparm) -> ReturnCode {
    cp.store(uid(user), PLIST, &p.encode()).unwrap();
    cp.diagnose_68(uid(user), PLIST).unwrap()
}

pub fn plist(sub: Subfunction) -> Vmcparm {
    Vmcparm::new(sub)
}

/// AUTHORIZE with a buffer of `len` at BUF and the given VMCPFLG1 bits.
pub fn authorize(cp: &mut Cp, user: &str, flg1: u8, len: u32) -> ReturnCode {
    let mut p = plist(Subfunction::Authorize);
    p.flg1 = flg1;
    p.vada = BUF;
    p.lena = len;
    diag(cp, user, p)
}

pub fn authorize_all(cp: &mut Cp, users: &[&str]) {
    for u in users {
        assert_eq!(authorize(cp, u, vmcpflg1::VMCPPRTY, 200), ReturnCode::Ok);
    }
    cp.clear_events();
}

/// A SEND-type parameter list to `sink`.
pub fn send_plist(sub: Subfunction, sink: &str, mid: u32, vada: u32, lena: u32) -> Vmcparm {
    let mut p = plist(sub);
    p.user = uid(sink);
    p.mid = mid;
    p.vada = vada;
    p.lena = lena;
    p
}

/// A RECEIVE/REPLY/REJECT/CANCEL parameter list naming `partner` and `mid`.
pub fn answer_plist(sub: Subfunction, partner: &str, mid: u32) -> Vmcparm {
    let mut p = plist(sub);
    p.user = uid(partner);
    p.mid = mid;
    p
}

/// Every interrupt presented since the log was cleared, as (receiver, header, data).
pub fn interrupts(cp: &Cp) -> Vec<(Userid, Vmcmhdr, Vec<u8>)> {
    cp.events()
        .events()
        .iter()
        .filter_map(|e| match e {
            Event::Interrupt {
                user, header, data, ..
            } => Some((*user, *header, bytes(cp, *data))),
            _ => None,
        })
        .collect()
}

pub fn bytes(cp: &Cp, span: Span) -> Vec<u8> {
    cp.events().bytes(span).to_vec()
}

/// Reads `len` bytes of `user`'s storage.
pub fn peek(cp: &Cp, user: &str, addr: u32, len: usize) -> Vec<u8> {
    let mut b = vec![0; len];
    cp.fetch(uid(user), addr, &mut b).unwrap();
    b
}
