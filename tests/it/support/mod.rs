//! Helpers that build situations through the engine's public API: VMs issue DIAGNOSE X'68' with
//! parameter lists stored in their own storage, exactly as a program would. `bin` runs the real
//! `vmcfsim` binary; `console` drives a `Session` line by line and keeps what it wrote; `heap`
//! counts each thread's heap for the memory limits.

pub mod bin;
pub mod console;
pub mod heap;

use vmcfsim::{
    Cp, Event, EventData, FixedClock, ReturnCode, Subfunction, Userid, Vmcmhdr, Vmcparm, vmcpflg1,
};

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

pub fn bytes(cp: &Cp, span: EventData) -> Vec<u8> {
    cp.events().bytes(span).to_vec()
}

/// Reads `len` bytes of `user`'s storage.
pub fn peek(cp: &Cp, user: &str, addr: u32, len: usize) -> Vec<u8> {
    let mut b = vec![0; len];
    cp.fetch(uid(user), addr, &mut b).unwrap();
    b
}

// ---------------------------------------------------------------------------------------------
// The return-code, decision and property tests build on what follows: fixed places in storage,
// one helper a subfunction, expected headers written out field by field, and assertions that
// compare every interrupt presented (receiver, all 40 header bytes, data) and the storage a move
// touched.

/// The source's SEND data.
pub const DATA: u32 = 0x20000;
/// The source's REPLY buffer (SEND/RECV).
pub const RBUF: u32 = 0x21000;
/// The sink's RECEIVE buffer.
pub const RECV: u32 = 0x30000;
/// The sink's REPLY data.
pub const RDATA: u32 = 0x31000;

/// VMCMSTAT bits, short.
pub const RESP: u8 = vmcfsim::vmcmstat::VMCMRESP;
pub const RJCT: u8 = vmcfsim::vmcmstat::VMCMRJCT;
pub const PRTY: u8 = vmcfsim::vmcmstat::VMCMPRTY;

/// A, B and C logged on; A and B authorized (PRIORITY, 200-byte buffers at BUF); C not.
pub fn abc() -> Cp {
    let mut cp = cp_with(&["A", "B", "C"]);
    authorize_all(&mut cp, &["A", "B"]);
    cp
}

/// AUTHORIZE SPECIFIC for `partner`, with the other VMCPFLG1 bits `flg1` and a buffer of `len`
/// at BUF.
pub fn authorize_specific(
    cp: &mut Cp,
    user: &str,
    partner: Userid,
    flg1: u8,
    len: u32,
) -> ReturnCode {
    let mut p = plist(Subfunction::Authorize);
    (p.flg1, p.user, p.vada, p.lena) = (vmcpflg1::VMCPAUTS | flg1, partner, BUF, len);
    call(cp, user, p)
}

/// Clears the event log, then issues DIAGNOSE X'68': what the test asserts next is this call's.
pub fn call(cp: &mut Cp, user: &str, p: Vmcparm) -> ReturnCode {
    cp.clear_events();
    diag(cp, user, p)
}

/// A parameter list with only VMCPFUNC set: UNAUTHORIZE, QUIESCE, RESUME.
pub fn bare(cp: &mut Cp, user: &str, sub: Subfunction) -> ReturnCode {
    call(cp, user, plist(sub))
}

/// SEND, SEND/RECV or SENDX of `lena` bytes at DATA, MID `mid`, doubleword `SEND_DW`; a
/// SEND/RECV names a reply buffer of 64 bytes at RBUF.
pub fn send(
    cp: &mut Cp,
    source: &str,
    sub: Subfunction,
    sink: &str,
    mid: u32,
    lena: u32,
) -> ReturnCode {
    send_with(cp, source, sub, sink, mid, lena, 0)
}

/// RECEIVE by `sink` of `source`'s message `mid` into `len` bytes at `addr`.
pub fn receive(cp: &mut Cp, sink: &str, source: &str, mid: u32, addr: u32, len: u32) -> ReturnCode {
    let mut p = answer_plist(Subfunction::Receive, source, mid);
    (p.vada, p.lena) = (addr, len);
    p.use_dw = *b"RECEIVE!";
    call(cp, sink, p)
}

/// REPLY by `sink` to `source`'s message `mid` with `len` bytes at RDATA.
pub fn reply(cp: &mut Cp, sink: &str, source: &str, mid: u32, len: u32) -> ReturnCode {
    let mut p = answer_plist(Subfunction::Reply, source, mid);
    (p.vada, p.lena) = (RDATA, len);
    p.use_dw = *b"REPLY-DW";
    call(cp, sink, p)
}

/// REJECT by `sink` of `source`'s message `mid`.
pub fn reject(cp: &mut Cp, sink: &str, source: &str, mid: u32) -> ReturnCode {
    let mut p = answer_plist(Subfunction::Reject, source, mid);
    p.use_dw = *b"REJECTDW";
    call(cp, sink, p)
}

/// CANCEL by `source` of its message `mid` to `sink`.
pub fn cancel(cp: &mut Cp, source: &str, sink: &str, mid: u32) -> ReturnCode {
    call(cp, source, answer_plist(Subfunction::Cancel, sink, mid))
}

/// IDENTIFY by `source` to `sink`.
pub fn identify(cp: &mut Cp, source: &str, sink: &str) -> ReturnCode {
    let mut p = plist(Subfunction::Identify);
    p.user = uid(sink);
    p.use_dw = *b"I AM UP!";
    call(cp, source, p)
}

/// An expected header: the given status, function, MID and userid, every other byte zero. Tests
/// fill in the rest with struct update syntax, so each expected field is written out.
pub fn hdr(stat: u8, func: Subfunction, mid: u32, user: &str) -> Vmcmhdr {
    Vmcmhdr {
        stat,
        eflg: 0,
        func: func.code(),
        mid,
        user: uid(user),
        vada: 0,
        lena: 0,
        vadb: 0,
        lenb: 0,
        use_dw: [0; 8],
    }
}

/// Asserts exactly these interrupts were presented since the log was cleared, in this order:
/// receiver, the header compared in full (all 40 bytes) and the data after it. Each receiver's
/// interrupt buffer must hold the last header it was presented, and its data at offset 40.
pub fn assert_interrupts(cp: &Cp, expected: &[(&str, Vmcmhdr, &[u8])]) {
    let got: Vec<(String, [u8; 40], Vec<u8>)> = interrupts(cp)
        .into_iter()
        .map(|(u, h, d)| (u.to_string(), h.encode(), d))
        .collect();
    let want: Vec<(String, [u8; 40], Vec<u8>)> = expected
        .iter()
        .map(|(u, h, d)| (uid(u).to_string(), h.encode(), d.to_vec()))
        .collect();
    if got != want {
        let show = |v: &[(String, [u8; 40], Vec<u8>)]| -> String {
            v.iter()
                .map(|(u, b, d)| format!("\n  {u:<8} {}  data {}", show_header(b), hex(d)))
                .collect()
        };
        panic!(
            "interrupts differ\n got:{}\nwant:{}",
            show(&got),
            show(&want)
        );
    }
    for (i, (u, h, d)) in expected.iter().enumerate() {
        if expected[i + 1..].iter().any(|(v, _, _)| v == u) {
            continue;
        }
        let buffer = interrupt_buffer(cp, u);
        assert_eq!(
            peek(cp, u, buffer, 40),
            h.encode(),
            "{u}'s interrupt buffer holds its last header"
        );
        assert_eq!(peek(cp, u, buffer + 40, d.len()), *d, "{u}'s data at +40");
    }
}

/// A header's 40 bytes in hex, field by field.
pub fn show_header(b: &[u8; 40]) -> String {
    let h = Vmcmhdr::decode(b);
    format!(
        "STAT {:02X} EFLG {:02X} FUNC {:04X} MID {:08X} USER {:<8} VADA {:08X} LENA {:08X} \
         VADB {:08X} LENB {:08X} USE {}",
        h.stat,
        h.eflg,
        h.func,
        h.mid,
        h.user.to_string(),
        h.vada,
        h.lena,
        h.vadb,
        h.lenb,
        hex(&h.use_dw)
    )
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// The interrupt buffer `user` AUTHORIZEd.
pub fn interrupt_buffer(cp: &Cp, user: &str) -> u32 {
    cp.vm(uid(user))
        .and_then(|vm| vm.authorization())
        .expect("authorized")
        .buffer
}

/// No interrupt presented and no data moved since the log was cleared.
pub fn assert_quiet(cp: &Cp) {
    let moved: Vec<&Event> = cp
        .events()
        .events()
        .iter()
        .filter(|e| matches!(e, Event::Interrupt { .. } | Event::Data { .. }))
        .collect();
    assert!(
        moved.is_empty(),
        "expected nothing presented or moved: {moved:?}"
    );
}

/// The data moves since the log was cleared, as (receiver, address, bytes).
pub fn moves(cp: &Cp) -> Vec<(Userid, u32, Vec<u8>)> {
    cp.events()
        .events()
        .iter()
        .filter_map(|e| match e {
            Event::Data {
                user,
                address,
                data,
            } => Some((*user, *address, bytes(cp, *data))),
            _ => None,
        })
        .collect()
}

/// Fills `len` bytes of `user`'s storage at `addr` with `byte` (a sentinel to see what a move
/// touched).
pub fn fill(cp: &mut Cp, user: &str, addr: u32, len: usize, byte: u8) {
    cp.store(uid(user), addr, &vec![byte; len]).unwrap();
}

/// Disables `user` for external interrupts: what CP presents to it waits.
pub fn disable(cp: &mut Cp, user: &str) {
    cp.disable(uid(user)).unwrap();
}

/// Enables `user` (clearing the log first): what waited is presented now.
pub fn enable(cp: &mut Cp, user: &str) {
    cp.clear_events();
    cp.enable(uid(user)).unwrap();
}

/// The doubleword the SEND-type parameter lists of `send` carry.
pub const SEND_DW: [u8; 8] = *b"SOURCEDW";

/// As `send`, with VMCPFLG1 `flg1` (VMCPPRTY for a priority message).
pub fn send_with(
    cp: &mut Cp,
    source: &str,
    sub: Subfunction,
    sink: &str,
    mid: u32,
    lena: u32,
    flg1: u8,
) -> ReturnCode {
    let mut p = send_plist(sub, sink, mid, DATA, lena);
    if sub == Subfunction::SendRecv {
        (p.vadb, p.lenb) = (RBUF, 64);
    }
    p.flg1 = flg1;
    p.use_dw = SEND_DW;
    call(cp, source, p)
}
