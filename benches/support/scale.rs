//! The scale set-up, shared by the `scale` benchmark (which times one message) and
//! `examples/scale.rs` (which measures the process's peak memory), so both measure the same
//! thing: N virtual machines logged on, each with 16M of defined storage, all authorized, each
//! with a 64-byte message for its neighbour and a RECEIVE ready for the one from the other side.

use vmcfsim::{Cp, FixedClock, ReturnCode, Subfunction, Userid, Vmcparm};

/// A program's usual layout: parameter lists in the first page, the external interrupt buffer,
/// the message and the receive buffer in a page each.
const AUTH: u32 = 0x100;
const SEND: u32 = 0x140;
const RECV: u32 = 0x180;
const BUFFER: u32 = 0x1000;
const MESSAGE: u32 = 0x2000;
const RECEIVED: u32 = 0x3000;
/// Bytes in each message.
pub const LEN: u32 = 64;

/// `n` VMs (at least 2) set up as the module says; nothing sent yet, no events.
pub fn setup(n: usize) -> (Cp, Vec<Userid>) {
    let mut cp = Cp::new(Box::new(FixedClock::standard()));
    let users: Vec<Userid> = (0..n)
        .map(|i| Userid::parse(&format!("U{i}")).expect("U and up to 7 digits is a userid"))
        .collect();
    // EBCDIC capitals: the message costs storage as real text does (zeros would not).
    let text: Vec<u8> = (0..LEN).map(|i| 0xC1 + (i % 9) as u8).collect();
    for (i, &u) in users.iter().enumerate() {
        cp.logon(u);
        cp.define_storage(u, 16 << 20).expect("16M is valid");
        let mut a = Vmcparm::new(Subfunction::Authorize);
        (a.vada, a.lena) = (BUFFER, 40);
        store(&mut cp, u, AUTH, a);
        ok(cp.diagnose_68(u, AUTH));
        let (next, prev) = (users[(i + 1) % n], users[(i + n - 1) % n]);
        cp.store(u, MESSAGE, &text).expect("inside storage");
        let mut s = Vmcparm::new(Subfunction::Send);
        (s.user, s.mid, s.vada, s.lena) = (next, 1, MESSAGE, LEN);
        store(&mut cp, u, SEND, s);
        let mut r = Vmcparm::new(Subfunction::Receive);
        (r.user, r.mid, r.vada, r.lena) = (prev, 1, RECEIVED, LEN);
        store(&mut cp, u, RECV, r);
        cp.clear_events();
    }
    (cp, users)
}

/// VM `i` SENDs its message to VM `i+1`, which RECEIVEs it (and `i` is presented the RESPONSE).
pub fn send_receive(cp: &mut Cp, users: &[Userid], i: usize) {
    let (from, to) = (users[i], users[(i + 1) % users.len()]);
    ok(cp.diagnose_68(from, SEND));
    ok(cp.diagnose_68(to, RECV));
    cp.clear_events();
}

fn store(cp: &mut Cp, user: Userid, at: u32, p: Vmcparm) {
    cp.store(user, at, &p.encode()).expect("inside storage");
}

fn ok(rc: Result<ReturnCode, vmcfsim::CpError>) {
    assert_eq!(rc, Ok(ReturnCode::Ok), "every call succeeds");
}
