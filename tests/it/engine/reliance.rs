//! One test for each bullet of docs/vmcf.md#what-programs-rely-on: facts
//! observed in the code of real VMCF programs. A simulator that breaks one breaks them.

use crate::support::*;
use vmcfsim::Subfunction::*;
use vmcfsim::{Cp, Event, ReturnCode as Rc, Vmcmhdr, Vmcparm, ebcdic, vmcpflg1};

fn e(text: &str) -> Vec<u8> {
    ebcdic::encode(text).unwrap()
}

#[test]
fn reliance_buffers_of_40_or_169_bytes_39_refused_reauthorize_replaces_buffer() {
    let mut cp = cp_with(&["A", "B"]);
    assert_eq!(authorize(&mut cp, "A", 0, 40), Rc::Ok);
    assert_eq!(authorize(&mut cp, "B", 0, 39), Rc::InvalidBuffer);
    assert_eq!(authorize(&mut cp, "B", vmcpflg1::VMCPSMSG, 169), Rc::Ok);
    // A re-AUTHORIZE moves the buffer: the next header lands at the new place only.
    let mut p = plist(Authorize);
    (p.vada, p.lena) = (0x6000, 40);
    assert_eq!(call(&mut cp, "B", p), Rc::Ok);
    fill(&mut cp, "B", BUF, 169, 0xEE);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 0), Rc::Ok);
    assert_eq!(peek(&cp, "B", 0x6000, 40), interrupts(&cp)[0].1.encode());
    assert_eq!(peek(&cp, "B", BUF, 169), [0xEE; 169]);
}

#[test]
fn reliance_smsg_arrives_as_sendx_from_system_with_exact_text_at_40() {
    let mut cp = cp_with(&["SMSGSRV", "USER1"]);
    assert_eq!(
        authorize(&mut cp, "SMSGSRV", vmcpflg1::VMCPSMSG, 169),
        Rc::Ok
    );
    fill(&mut cp, "SMSGSRV", BUF + 40, 129, 0xEE);
    cp.clear_events();
    cp.smsg(uid("USER1"), uid("SMSGSRV"), &e("STAT")).unwrap();
    assert_interrupts(
        &cp,
        &[(
            "SMSGSRV",
            Vmcmhdr {
                mid: cp.now().0 as u32,
                lena: 4,
                use_dw: uid("USER1").ebcdic(),
                ..hdr(0, Sendx, 0, "SYSTEM")
            },
            &e("STAT"),
        )],
    );
    // No padding, no leading blank: the byte after the text is untouched.
    assert_eq!(
        peek(&cp, "SMSGSRV", BUF + 40, 5),
        [e("STAT"), vec![0xEE]].concat()
    );
    // The longest text fills the 169-byte buffer exactly.
    let long = vec![0xC1; 129];
    cp.clear_events();
    cp.smsg(uid("USER1"), uid("SMSGSRV"), &long).unwrap();
    assert_eq!(interrupts(&cp)[0].2, long);
}

#[test]
fn reliance_x20_alone_or_set_smsg_on_plus_any_authorize_receives_smsg() {
    let mut cp = cp_with(&["A", "X", "Y"]);
    assert_eq!(authorize(&mut cp, "X", vmcpflg1::VMCPSMSG, 169), Rc::Ok);
    cp.set_smsg(uid("Y"), true).unwrap();
    assert_eq!(authorize(&mut cp, "Y", 0, 169), Rc::Ok);
    for to in ["X", "Y"] {
        cp.clear_events();
        cp.smsg(uid("A"), uid(to), &e("END")).unwrap();
        assert_eq!(interrupts(&cp)[0].2, e("END"), "{to}");
    }
}

#[test]
fn reliance_response_keeps_func_and_mid_x80_always_x40_on_reject_eflg_0_when_good() {
    let mut cp = abc();
    let stat_eflg = |cp: &Cp| {
        let h = interrupts(cp)[0].1;
        (h.func, h.mid, h.stat, h.eflg)
    };
    assert_eq!(send(&mut cp, "A", Send, "B", 2, 0), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 2, RECV, 0), Rc::Ok);
    assert_eq!(stat_eflg(&cp), (2, 2, RESP, 0));
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 4, 0), Rc::Ok);
    assert_eq!(reply(&mut cp, "B", "A", 4, 0), Rc::Ok);
    assert_eq!(stat_eflg(&cp), (3, 4, RESP, 0));
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 11, 0), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 11), Rc::Ok);
    assert_eq!(stat_eflg(&cp), (3, 11, RESP | RJCT, 0));
    assert_eq!(send(&mut cp, "A", Sendx, "B", 12, 0), Rc::Ok);
    assert_eq!(stat_eflg(&cp), (4, 12, 0, 0), "the sink's SENDX interrupt");
    assert_eq!(interrupts(&cp)[1].1.stat, RESP);
}

#[test]
fn reliance_reply_length_is_reply_buffer_length_minus_lenb() {
    let mut cp = abc();
    for len in [0, 1, 37, 64] {
        assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 0), Rc::Ok);
        assert_eq!(reply(&mut cp, "B", "A", 1, len), Rc::Ok);
        assert_eq!(64 - interrupts(&cp)[0].1.lenb, len);
    }
}

#[test]
fn reliance_sink_reply_or_reject_doubleword_reaches_source() {
    let mut cp = abc();
    // A reason code in word 1; a connection number in bytes 4-5 and a return code in byte 7.
    for (sub, dw) in [
        (Reply, [0, 0, 0, 8, 0, 0, 0, 0]),
        (Reject, [0, 0, 0, 0, 0x01, 0x2C, 0, 4]),
    ] {
        assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 0), Rc::Ok);
        let mut p = answer_plist(sub, "A", 1);
        p.use_dw = dw;
        assert_eq!(call(&mut cp, "B", p), Rc::Ok);
        assert_eq!(interrupts(&cp)[0].1.use_dw, dw);
    }
}

#[test]
fn reliance_send_interrupt_fields_and_late_receive_by_user_and_mid() {
    let mut cp = cp_with(&["A", "C", "B"]);
    authorize_all(&mut cp, &["A", "B", "C"]);
    cp.store(uid("A"), DATA, b"FIRST").unwrap();
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 2, 5), Rc::Ok);
    let (_, h, _) = interrupts(&cp)[0].clone();
    assert_eq!((h.user, h.mid, h.lena, h.lenb), (uid("A"), 2, 5, 64));
    assert_eq!(h.use_dw, SEND_DW);
    // Other interrupts arrive, overwriting the buffer, before B gets round to it.
    cp.store(uid("C"), DATA, b"OTHER").unwrap();
    assert_eq!(send(&mut cp, "C", Send, "B", 2, 5), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Send, "B", 4, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 2, RECV, 5), Rc::Ok);
    assert_eq!(peek(&cp, "B", RECV, 5), b"FIRST");
    assert_eq!(receive(&mut cp, "B", "C", 2, RECV, 5), Rc::Ok);
    assert_eq!(peek(&cp, "B", RECV, 5), b"OTHER");
}

#[test]
fn reliance_receive_buffer_larger_than_data_and_zero_length_message() {
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"SHORT").unwrap();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 4096), Rc::Ok);
    assert_eq!(interrupts(&cp)[0].1.lena, 0);
    fill(&mut cp, "B", RECV, 8, 0xEE);
    assert_eq!(send(&mut cp, "A", Send, "B", 2, 0), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 2, RECV, 8), Rc::Ok);
    assert_eq!(moves(&cp), [(uid("B"), RECV, vec![])]);
    assert_eq!(peek(&cp, "B", RECV, 8), [0xEE; 8]);
}

#[test]
fn reliance_reject_send_recv_before_receive_and_after_receive_before_reply() {
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 5), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::Ok);
    assert_eq!(interrupts(&cp)[0].1.stat, RESP | RJCT);
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::Ok);
    assert_eq!(interrupts(&cp)[0].1.stat, RESP | RJCT);
}

#[test]
fn reliance_send_buffer_may_be_reply_buffer_overlap_is_only_for_self() {
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"REQUEST!").unwrap();
    let mut p = send_plist(SendRecv, "B", 1, DATA, 8);
    (p.vadb, p.lenb) = (DATA, 8);
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 8), Rc::Ok);
    // B's reply data even sits at the same address in B's storage: different VMs, no overlap.
    cp.store(uid("B"), DATA, b"ANSWER").unwrap();
    let mut r = answer_plist(Reply, "A", 1);
    (r.vada, r.lena) = (DATA, 6);
    assert_eq!(call(&mut cp, "B", r), Rc::Ok);
    assert_eq!(peek(&cp, "A", DATA, 8), b"ANSWERT!");
}

#[test]
fn reliance_parameter_lists_reused_without_clearing() {
    let mut cp = abc();
    // Leftovers: X'20' and VADB/LENB on RECEIVE, REPLY and REJECT; USE on RECEIVE of a SEND/RECV.
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 5), Rc::Ok);
    for sub in [Receive, Reply] {
        let mut p = answer_plist(sub, "A", 1);
        (p.flg1, p.vada, p.lena, p.vadb, p.lenb) = (0x20, RECV, 5, 0xFFFF_FFFF, 0xFFFF_FFFF);
        p.use_dw = *b"LEFTOVER";
        if sub == Reply {
            p.use_dw = *b"REPLY-DW";
        }
        assert_eq!(call(&mut cp, "B", p), Rc::Ok, "{sub}");
    }
    assert_eq!(interrupts(&cp)[0].1.use_dw, *b"REPLY-DW");
    assert_eq!(send(&mut cp, "A", Send, "B", 2, 5), Rc::Ok);
    let mut p = answer_plist(Reject, "A", 2);
    (p.flg1, p.vada, p.lena, p.vadb, p.lenb) = (0x20, 7, 7, 0xFFFF_FFFF, 0xFFFF_FFFF);
    assert_eq!(call(&mut cp, "B", p), Rc::Ok);
    // Everything is ignored on UNAUTHORIZE, which returns 0.
    let junk = Vmcparm::decode(&std::array::from_fn(|i| match i {
        2 => 0,
        3 => 1,
        _ => 0xFF,
    }));
    assert_eq!(junk.func, Unauthorize.code());
    assert_eq!(call(&mut cp, "A", junk), Rc::Ok);
    authorize_all(&mut cp, &["A"]);
    // A copy of the received header, bytes 0-1 zeroed and FUNC changed, RECEIVEs (into the
    // address the source's data had, for its length) or REJECTs.
    for (mid, sub) in [(3, Receive), (4, Reject)] {
        cp.store(uid("A"), DATA, b"COPIED").unwrap();
        assert_eq!(send(&mut cp, "A", Send, "B", mid, 6), Rc::Ok);
        let mut h = peek(&cp, "B", BUF, 40);
        (h[0], h[1]) = (0, 0);
        h[2..4].copy_from_slice(&sub.code().to_be_bytes());
        cp.store(uid("B"), PLIST, &h).unwrap();
        cp.clear_events();
        assert_eq!(cp.diagnose_68(uid("B"), PLIST), Ok(Rc::Ok), "{sub}");
        if sub == Receive {
            assert_eq!(peek(&cp, "B", DATA, 6), b"COPIED");
        } else {
            assert_eq!(interrupts(&cp)[0].1.stat, RESP | RJCT);
        }
    }
}

#[test]
fn reliance_send_vadb_lenb_unchecked_vada_0_lena_1_valid_no_reply_buffer_valid() {
    let mut cp = abc();
    let mut p = send_plist(Send, "B", 1, 0, 1);
    (p.vadb, p.lenb) = (0xFFFF_FFFF, 0xFFFF_FFFF);
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    let h = interrupts(&cp)[0].1;
    assert_eq!(
        (h.vada, h.lena, h.vadb, h.lenb),
        (0, 1, 0xFFFF_FFFF, 0xFFFF_FFFF)
    );
    let mut p = send_plist(SendRecv, "B", 2, 0, 1);
    (p.vadb, p.lenb) = (0, 0);
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    assert_eq!(reply(&mut cp, "B", "A", 2, 0), Rc::Ok);
    assert_eq!(interrupts(&cp)[0].1.lenb, 0);
}

#[test]
fn reliance_mids_reused_at_once_and_shared_between_sources() {
    let mut cp = cp_with(&["A", "B", "C"]);
    authorize_all(&mut cp, &["A", "B", "C"]);
    for _ in 0..3 {
        assert_eq!(send(&mut cp, "A", SendRecv, "B", 2, 0), Rc::Ok);
        assert_eq!(send(&mut cp, "C", SendRecv, "B", 2, 0), Rc::Ok);
        assert_eq!(reply(&mut cp, "B", "C", 2, 0), Rc::Ok);
        assert_eq!(interrupts(&cp)[0].0, uid("C"));
        assert_eq!(reply(&mut cp, "B", "A", 2, 0), Rc::Ok);
        assert_eq!(interrupts(&cp)[0].0, uid("A"));
    }
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn reliance_return_code_always_set_zero_included() {
    let mut cp = abc();
    let rcs = |cp: &Cp| -> Vec<Rc> {
        cp.events()
            .events()
            .iter()
            .filter_map(|e| match e {
                Event::ReturnCode { rc, .. } => Some(*rc),
                _ => None,
            })
            .collect()
    };
    for (user, p, want) in [
        ("A", send_plist(Send, "B", 1, DATA, 5), Rc::Ok),
        ("A", send_plist(Send, "B", 1, DATA, 5), Rc::DuplicateMessage),
        ("B", answer_plist(Reject, "A", 1), Rc::Ok),
        ("B", answer_plist(Reject, "A", 1), Rc::MessageNotFound),
        ("B", plist(Quiesce), Rc::Ok),
    ] {
        assert_eq!(call(&mut cp, user, p), want);
        assert_eq!(
            rcs(&cp),
            [want],
            "one return code a call, never a stale one"
        );
    }
}

#[test]
fn reliance_interrupts_only_while_enabled() {
    let mut cp = cp_with(&["A", "B", "C"]);
    // Programs enable before they AUTHORIZE; B does, C does not.
    disable(&mut cp, "C");
    authorize_all(&mut cp, &["A", "B", "C"]);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 0), Rc::Ok);
    assert_eq!(interrupts(&cp).len(), 1);
    fill(&mut cp, "C", BUF, 40, 0xEE);
    assert_eq!(send(&mut cp, "A", Send, "C", 1, 0), Rc::Ok);
    assert_quiet(&cp);
    assert_eq!(peek(&cp, "C", BUF, 40), [0xEE; 40]);
    enable(&mut cp, "C");
    assert_eq!(interrupts(&cp).len(), 1);
}
