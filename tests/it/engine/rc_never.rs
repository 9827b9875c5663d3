//! The (subfunction, return code) pairs vmcfsim never produces, docs/decisions.md#d11:
//!
//! - RC 6 (AUTHORIZE, RECEIVE, REPLY), protection: CP gives it when a buffer's storage key is not
//!   the PSW key (a nonzero one), or a RECEIVE targets a CP-owned shared segment. vmcfsim runs
//!   every VM with PSW key 0, which CP never checks, and has no shared segments.
//! - RC 15 (every subfunction), an uncorrectable paging I/O error: vmcfsim's storage is never
//!   paged out, so a buffer is never fetched from DASD.
//! - RC 19 (REPLY): the manual's text for it is unreadable in every stored copy.
//!
//! Each test builds a situation where real CP might give the code and shows vmcfsim does not:
//! buffers high in a 16M virtual machine, in pages nobody has touched (on a real system never
//! paged in, and where CMS's saved segments would lie).

use crate::support::*;
use vmcfsim::Subfunction::{self, *};
use vmcfsim::{Cp, ReturnCode as Rc};
use vmcfsim::{Vmcmhdr, Vmcparm};

/// 16M for each VM.
const SIXTEEN_M: u32 = 16 << 20;
/// High addresses nobody writes before the call under test.
const HIGH_BUF: u32 = 0xF0_0000;
const HIGH_DATA: u32 = 0xE0_0000;
const HIGH_RBUF: u32 = 0xE1_0000;
const HIGH_RECV: u32 = 0xD0_0000;
const HIGH_RDATA: u32 = 0xD1_0000;

fn big(users: &[&str]) -> Cp {
    let mut cp = cp_with(users);
    for u in users {
        cp.define_storage(uid(u), SIXTEEN_M).unwrap();
    }
    cp
}

fn high_authorize(cp: &mut Cp, user: &str) -> Rc {
    let mut p = plist(Authorize);
    (p.flg1, p.vada, p.lena) = (0x60, HIGH_BUF, 200);
    call(cp, user, p)
}

fn with(sub: Subfunction, partner: &str, mid: u32, f: impl FnOnce(&mut Vmcparm)) -> Vmcparm {
    let mut p = send_plist(sub, partner, mid, 0, 0);
    f(&mut p);
    p
}

/// Every subfunction once, each with its buffers in untouched high storage, between A and B;
/// the return codes in the order issued.
fn every_subfunction_on_cold_storage() -> Vec<(Subfunction, Rc)> {
    let mut cp = big(&["A", "B"]);
    let mut rcs = vec![
        (Authorize, high_authorize(&mut cp, "A")),
        (Authorize, high_authorize(&mut cp, "B")),
    ];
    let mut run = |cp: &mut Cp, user: &str, p: Vmcparm| {
        rcs.push((p.subfunction().unwrap(), call(cp, user, p)));
    };
    run(
        &mut cp,
        "A",
        with(Send, "B", 1, |p| (p.vada, p.lena) = (HIGH_DATA, 4096)),
    );
    run(
        &mut cp,
        "B",
        with(Receive, "A", 1, |p| (p.vada, p.lena) = (HIGH_RECV, 8192)),
    );
    run(
        &mut cp,
        "A",
        with(SendRecv, "B", 2, |p| {
            (p.vada, p.lena, p.vadb, p.lenb) = (HIGH_DATA + 8192, 100, HIGH_RBUF, 4096)
        }),
    );
    run(
        &mut cp,
        "B",
        with(Reply, "A", 2, |p| (p.vada, p.lena) = (HIGH_RDATA, 4096)),
    );
    run(
        &mut cp,
        "A",
        with(Sendx, "B", 3, |p| {
            (p.vada, p.lena) = (HIGH_DATA + 0x8000, 160)
        }),
    );
    run(&mut cp, "A", with(Identify, "B", 0, |_| {}));
    run(
        &mut cp,
        "A",
        with(Send, "B", 4, |p| {
            (p.vada, p.lena) = (HIGH_DATA + 0xC000, 10)
        }),
    );
    run(&mut cp, "B", with(Reject, "A", 4, |_| {}));
    run(
        &mut cp,
        "A",
        with(Send, "B", 5, |p| {
            (p.vada, p.lena) = (HIGH_DATA + 0xD000, 10)
        }),
    );
    run(&mut cp, "A", with(Cancel, "B", 5, |_| {}));
    run(&mut cp, "B", with(Quiesce, "A", 0, |_| {}));
    run(&mut cp, "B", with(Resume, "A", 0, |_| {}));
    run(&mut cp, "B", with(Unauthorize, "A", 0, |_| {}));
    rcs
}

fn rc_15_never(sub: Subfunction) {
    let rcs = every_subfunction_on_cold_storage();
    let of_sub: Vec<Rc> = rcs
        .iter()
        .filter(|(s, _)| *s == sub)
        .map(|(_, r)| *r)
        .collect();
    assert!(!of_sub.is_empty());
    assert!(of_sub.iter().all(|&rc| rc == Rc::Ok), "{sub}: {of_sub:?}");
    assert!(rcs.iter().all(|&(_, rc)| rc != Rc::PagingError));
}

macro_rules! rc_15_tests {
    ($($name:ident: $sub:ident,)*) => {
        $(
            #[test]
            fn $name() {
                rc_15_never(Subfunction::$sub);
            }
        )*
    };
}

rc_15_tests! {
    authorize_rc_15_never_given_storage_is_not_paged: Authorize,
    unauthorize_rc_15_never_given_storage_is_not_paged: Unauthorize,
    send_rc_15_never_given_storage_is_not_paged: Send,
    send_recv_rc_15_never_given_storage_is_not_paged: SendRecv,
    sendx_rc_15_never_given_storage_is_not_paged: Sendx,
    receive_rc_15_never_given_storage_is_not_paged: Receive,
    cancel_rc_15_never_given_storage_is_not_paged: Cancel,
    reply_rc_15_never_given_storage_is_not_paged: Reply,
    quiesce_rc_15_never_given_storage_is_not_paged: Quiesce,
    resume_rc_15_never_given_storage_is_not_paged: Resume,
    identify_rc_15_never_given_storage_is_not_paged: Identify,
    reject_rc_15_never_given_storage_is_not_paged: Reject,
}

#[test]
fn authorize_rc_6_never_given_psw_key_0() {
    // Where CMS's shared segment would be: real CP could refuse this buffer on its key.
    let mut cp = big(&["A"]);
    assert_eq!(high_authorize(&mut cp, "A"), Rc::Ok);
}

#[test]
fn receive_rc_6_never_given_psw_key_0() {
    let mut cp = big(&["A", "B"]);
    assert_eq!(high_authorize(&mut cp, "A"), Rc::Ok);
    assert_eq!(high_authorize(&mut cp, "B"), Rc::Ok);
    cp.store(uid("A"), HIGH_DATA, b"KEYED").unwrap();
    let p = with(Send, "B", 1, |p| (p.vada, p.lena) = (HIGH_DATA, 5));
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    let p = with(Receive, "A", 1, |p| (p.vada, p.lena) = (HIGH_RECV, 5));
    assert_eq!(call(&mut cp, "B", p), Rc::Ok);
    assert_eq!(peek(&cp, "B", HIGH_RECV, 5), b"KEYED");
    // No data-transfer code 6 for the source either.
    assert_interrupts(
        &cp,
        &[(
            "A",
            Vmcmhdr {
                vada: HIGH_DATA,
                ..hdr(RESP, Send, 1, "B")
            },
            &[],
        )],
    );
}

#[test]
fn reply_rc_6_never_given_psw_key_0() {
    let mut cp = big(&["A", "B"]);
    assert_eq!(high_authorize(&mut cp, "A"), Rc::Ok);
    assert_eq!(high_authorize(&mut cp, "B"), Rc::Ok);
    let p = with(SendRecv, "B", 1, |p| (p.vadb, p.lenb) = (HIGH_RBUF, 5));
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    cp.store(uid("B"), HIGH_RDATA, b"KEYED").unwrap();
    let p = with(Reply, "A", 1, |p| (p.vada, p.lena) = (HIGH_RDATA, 5));
    assert_eq!(call(&mut cp, "B", p), Rc::Ok);
    assert_eq!(peek(&cp, "A", HIGH_RBUF, 5), b"KEYED");
    assert_interrupts(
        &cp,
        &[(
            "A",
            Vmcmhdr {
                vadb: HIGH_RBUF,
                lenb: 0,
                ..hdr(RESP, SendRecv, 1, "B")
            },
            &[],
        )],
    );
}

#[test]
fn reply_rc_19_never_given() {
    // The best guess for 19 (docs/vmcf.md#reply): the source's REPLY buffer can no longer be stored
    // into. A REPLY into the last bytes of the source's storage works...
    let mut cp = big(&["A", "B"]);
    assert_eq!(high_authorize(&mut cp, "A"), Rc::Ok);
    assert_eq!(high_authorize(&mut cp, "B"), Rc::Ok);
    let edge = SIXTEEN_M - 5;
    let p = with(SendRecv, "B", 1, |p| (p.vadb, p.lenb) = (edge, 5));
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    cp.store(uid("B"), HIGH_RDATA, b"EDGE!").unwrap();
    let p = with(Reply, "A", 1, |p| (p.vada, p.lena) = (HIGH_RDATA, 5));
    assert_eq!(call(&mut cp, "B", p), Rc::Ok);
    assert_eq!(peek(&cp, "A", edge, 5), b"EDGE!");
    // ...and a source that shrinks its storage under its reply buffer is reset by DEFINE
    // STORAGE, which purges its messages (docs/decisions.md#d5) and leaves it unauthorized: the REPLY
    // gets RC 5 (docs/decisions.md#d6, revised), never 19.
    let p = with(SendRecv, "B", 2, |p| (p.vadb, p.lenb) = (edge, 5));
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    cp.define_storage(uid("A"), 1 << 20).unwrap();
    let p = with(Reply, "A", 2, |p| (p.vada, p.lena) = (HIGH_RDATA, 5));
    assert_eq!(call(&mut cp, "B", p), Rc::UserNotAvailable);
    assert_quiet(&cp);
}
