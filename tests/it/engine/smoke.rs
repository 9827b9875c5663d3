//! Engine smoke tests: the basic protocols end to end through DIAGNOSE X'68'.

use crate::support::*;
use vmcfsim::{ReturnCode, Subfunction, Vmcmhdr, vmcmstat};

#[test]
fn send_recv_receive_reply_round_trip() {
    let mut cp = cp_with(&["A", "B"]);
    authorize_all(&mut cp, &["A", "B"]);
    cp.store(uid("A"), 0x20000, b"REQUEST").unwrap();
    let mut p = send_plist(Subfunction::SendRecv, "B", 7, 0x20000, 7);
    p.vadb = 0x21000;
    p.lenb = 16;
    p.use_dw = *b"ABCDEFGH";
    assert_eq!(diag(&mut cp, "A", p), ReturnCode::Ok);
    let ints = interrupts(&cp);
    assert_eq!(ints.len(), 1);
    let (to, h, _) = &ints[0];
    assert_eq!(*to, uid("B"));
    assert_eq!(h.stat, 0);
    assert_eq!(h.func, 3);
    assert_eq!(h.mid, 7);
    assert_eq!(h.user, uid("A"));
    assert_eq!((h.lena, h.vadb, h.lenb), (7, 0x21000, 16));
    assert_eq!(&h.use_dw, b"ABCDEFGH");
    assert_eq!(peek(&cp, "B", BUF, 40), h.encode());
    cp.clear_events();

    let mut r = answer_plist(Subfunction::Receive, "A", 7);
    r.vada = 0x30000;
    r.lena = 100;
    assert_eq!(diag(&mut cp, "B", r), ReturnCode::Ok);
    assert_eq!(peek(&cp, "B", 0x30000, 7), b"REQUEST");
    assert!(interrupts(&cp).is_empty(), "no RESPONSE until the REPLY");
    cp.store(uid("B"), 0x31000, b"ANSWER").unwrap();
    let mut rp = answer_plist(Subfunction::Reply, "A", 7);
    rp.vada = 0x31000;
    rp.lena = 6;
    rp.use_dw = [0, 0, 0, 0, 0, 0, 0, 42];
    assert_eq!(diag(&mut cp, "B", rp), ReturnCode::Ok);
    assert_eq!(peek(&cp, "A", 0x21000, 6), b"ANSWER");
    let ints = interrupts(&cp);
    assert_eq!(ints.len(), 1);
    let (to, h, _) = &ints[0];
    assert_eq!(*to, uid("A"));
    assert_eq!(
        *h,
        Vmcmhdr {
            stat: vmcmstat::VMCMRESP,
            eflg: 0,
            func: 3,
            mid: 7,
            user: uid("B"),
            vada: 0x20000,
            lena: 0,
            vadb: 0x21000,
            lenb: 10,
            use_dw: [0, 0, 0, 0, 0, 0, 0, 42],
        }
    );
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn smsg_arrives_as_sendx_from_system() {
    let mut cp = cp_with(&["A", "B"]);
    assert_eq!(authorize(&mut cp, "B", 0x20, 169), ReturnCode::Ok);
    cp.clear_events();
    cp.smsg(uid("A"), uid("B"), b"\xC8\xC9").unwrap();
    let ints = interrupts(&cp);
    assert_eq!(ints.len(), 1);
    let (_, h, data) = &ints[0];
    assert_eq!((h.stat, h.func, h.lena), (0, 4, 2));
    assert_eq!(h.user, vmcfsim::Userid::SYSTEM);
    assert_eq!(h.use_dw, uid("A").ebcdic());
    assert_eq!(data, b"\xC8\xC9");
    assert_eq!(peek(&cp, "B", BUF + 40, 2), b"\xC8\xC9");
}
