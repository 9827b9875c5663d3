//! Return codes of the control subfunctions: AUTHORIZE, UNAUTHORIZE, CANCEL, QUIESCE and RESUME
//! (docs/vmcf.md#return-codes-by-subfunction, #authorize, #unauthorize, #cancel,
//! #quiesce, #resume, #return-codes). CANCEL's row of the manual's chart is
//! unreadable; 0, 2, 3, 4, 11, 12, 14, 15 come from the codes' texts
//! (docs/vmcf.md#cancel). RC 2, 6 and
//! 15 are in `rc_all.rs` and `rc_never.rs`.

use crate::support::*;
use vmcfsim::Authorization;
use vmcfsim::Subfunction::{self, *};
use vmcfsim::{Cp, ReturnCode as Rc, Vmcmhdr, vmcpflg1};

fn auth_of(cp: &Cp, user: &str) -> Option<Authorization> {
    cp.vm(uid(user)).unwrap().authorization().copied()
}

fn authorize_at(cp: &mut Cp, user: &str, vada: u32, lena: u32) -> Rc {
    let mut p = plist(Authorize);
    (p.vada, p.lena) = (vada, lena);
    call(cp, user, p)
}

// ---- AUTHORIZE -------------------------------------------------------------------------------

#[test]
fn authorize_rc_0_records_buffer_and_options() {
    let mut cp = cp_with(&["A", "B"]);
    let mut p = plist(Authorize);
    p.flg1 = vmcpflg1::VMCPAUTS | vmcpflg1::VMCPPRTY | vmcpflg1::VMCPSMSG;
    (p.user, p.vada, p.lena) = (uid("A"), 0x4000, 169);
    assert_eq!(call(&mut cp, "B", p), Rc::Ok);
    assert_quiet(&cp);
    assert_eq!(
        auth_of(&cp, "B"),
        Some(Authorization {
            buffer: 0x4000,
            length: 169,
            specific: Some(uid("A")),
            priority: true,
        })
    );
    assert!(cp.vm(uid("B")).unwrap().smsg());
    // The named partner need not be logged on, nor authorized (CP does not check).
    assert_eq!(authorize(&mut cp, "A", 0, 40), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 0), Rc::Ok);
    assert_interrupts(
        &cp,
        &[(
            "B",
            Vmcmhdr {
                vada: DATA,
                use_dw: SEND_DW,
                ..hdr(0, Send, 1, "A")
            },
            &[],
        )],
    );
    assert_eq!(peek(&cp, "B", 0x4000, 40), interrupts(&cp)[0].1.encode());
}

#[test]
fn authorize_rc_1_buffer_shorter_than_40() {
    let mut cp = cp_with(&["A"]);
    assert_eq!(authorize(&mut cp, "A", 0, 39), Rc::InvalidBuffer);
    assert_eq!(authorize(&mut cp, "A", 0, 0), Rc::InvalidBuffer);
    assert_eq!(auth_of(&cp, "A"), None);
    assert_eq!(authorize(&mut cp, "A", 0, 40), Rc::Ok);
}

#[test]
fn authorize_rc_1_buffer_not_doubleword_aligned() {
    let mut cp = cp_with(&["A"]);
    for vada in [BUF + 1, BUF + 4, BUF + 7] {
        assert_eq!(authorize_at(&mut cp, "A", vada, 40), Rc::InvalidBuffer);
    }
    assert_eq!(auth_of(&cp, "A"), None);
    assert_eq!(authorize_at(&mut cp, "A", BUF + 8, 40), Rc::Ok);
}

#[test]
fn authorize_rc_1_buffer_outside_storage() {
    let mut cp = cp_with(&["A"]);
    assert_eq!(
        authorize_at(&mut cp, "A", (1 << 20) - 32, 40),
        Rc::InvalidBuffer
    );
    assert_eq!(
        authorize_at(&mut cp, "A", 0xFFFF_FFF8, 40),
        Rc::InvalidBuffer
    );
    assert_eq!(auth_of(&cp, "A"), None);
    assert_eq!(authorize_at(&mut cp, "A", (1 << 20) - 40, 40), Rc::Ok);
    // A refused re-AUTHORIZE leaves the authorization in force as it was.
    assert_eq!(authorize_at(&mut cp, "A", BUF, 39), Rc::InvalidBuffer);
    assert_eq!(
        auth_of(&cp, "A"),
        Some(Authorization {
            buffer: (1 << 20) - 40,
            length: 40,
            specific: None,
            priority: false,
        })
    );
}

// ---- UNAUTHORIZE -----------------------------------------------------------------------------

#[test]
fn unauthorize_rc_0_ends_vmcf_for_the_caller() {
    let mut cp = abc();
    assert_eq!(bare(&mut cp, "B", Unauthorize), Rc::Ok);
    assert_quiet(&cp);
    assert_eq!(auth_of(&cp, "B"), None);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::UserNotAvailable);
    assert_eq!(send(&mut cp, "B", Send, "A", 1, 5), Rc::NotAuthorized);
}

#[test]
fn unauthorize_rc_4_caller_not_authorized() {
    let mut cp = abc();
    assert_eq!(bare(&mut cp, "C", Unauthorize), Rc::NotAuthorized);
    assert_eq!(bare(&mut cp, "B", Unauthorize), Rc::Ok);
    assert_eq!(bare(&mut cp, "B", Unauthorize), Rc::NotAuthorized);
    assert_quiet(&cp);
}

// ---- CANCEL ----------------------------------------------------------------------------------

/// CANCEL succeeded: no interrupt to anyone, nothing in transit, B cannot answer it any more.
fn cancelled(cp: &mut Cp, mid: u32) {
    assert_quiet(cp);
    assert_eq!(cp.messages_in_transit(), 0);
    assert_eq!(receive(cp, "B", "A", mid, RECV, 5), Rc::MessageNotFound);
    assert_eq!(reject(cp, "B", "A", mid), Rc::MessageNotFound);
}

#[test]
fn cancel_rc_0_while_send_interrupt_is_queued() {
    for sub in [Send, SendRecv, Sendx] {
        let mut cp = abc();
        disable(&mut cp, "B");
        assert_eq!(send(&mut cp, "A", sub, "B", 1, 5), Rc::Ok);
        assert_eq!(cancel(&mut cp, "A", "B", 1), Rc::Ok, "{sub}");
        cancelled(&mut cp, 1);
        // The SEND interrupt was withdrawn: B is presented nothing.
        enable(&mut cp, "B");
        assert_quiet(&cp);
        assert_eq!(cp.vm(uid("B")).unwrap().pending_interrupts(), 0);
    }
}

#[test]
fn cancel_rc_0_after_send_interrupt_presented_before_receive() {
    for sub in [Send, SendRecv] {
        let mut cp = abc();
        assert_eq!(send(&mut cp, "A", sub, "B", 1, 5), Rc::Ok);
        assert_eq!(cancel(&mut cp, "A", "B", 1), Rc::Ok, "{sub}");
        cancelled(&mut cp, 1);
        // The MID is free again.
        assert_eq!(send(&mut cp, "A", sub, "B", 1, 5), Rc::Ok);
    }
}

#[test]
fn cancel_rc_3_caller_is_the_sink() {
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(cancel(&mut cp, "B", "A", 1), Rc::ProtocolViolation);
    assert_quiet(&cp);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok, "unharmed");
}

#[test]
fn cancel_rc_4_caller_not_authorized() {
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(cancel(&mut cp, "C", "B", 1), Rc::NotAuthorized);
    assert_quiet(&cp);
    assert_eq!(cp.messages_in_transit(), 1);
}

#[test]
fn cancel_rc_11_send_recv_received_not_replied() {
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    fill(&mut cp, "A", RBUF, 64, 0xEE);
    assert_eq!(cancel(&mut cp, "A", "B", 1), Rc::ReplyCancelled);
    // No RESPONSE: CANCEL answers with its return code.
    assert_quiet(&cp);
    assert_eq!(cp.messages_in_transit(), 0);
    assert_eq!(reply(&mut cp, "B", "A", 1, 3), Rc::MessageNotFound);
    assert_eq!(peek(&cp, "A", RBUF, 64), [0xEE; 64]);
}

#[test]
fn cancel_rc_12_no_such_message() {
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    for (sink, mid) in [("B", 2), ("C", 1), ("NOBODY", 1)] {
        assert_eq!(cancel(&mut cp, "A", sink, mid), Rc::MessageNotFound);
        assert_quiet(&cp);
    }
    // Answered and its RESPONSE presented: gone.
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(cancel(&mut cp, "A", "B", 1), Rc::MessageNotFound);
    // An IDENTIFY once presented: CP keeps no record of it (DECISION docs/decisions.md#d15, docs/decisions.md#d10).
    let mut p = plist(Identify);
    (p.user, p.mid) = (uid("B"), 7);
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    assert_eq!(cancel(&mut cp, "A", "B", 7), Rc::MessageNotFound);
    assert_eq!(cp.messages_in_transit(), 0);
}

/// A, disabled, has not taken the RESPONSE of a transaction the sink finished: too late. The
/// RESPONSE, `response`, is presented when A enables.
fn rc_14_after(sub: Subfunction, finish: impl FnOnce(&mut Cp), response: Vmcmhdr) {
    let mut cp = abc();
    disable(&mut cp, "A");
    assert_eq!(send(&mut cp, "A", sub, "B", 1, 5), Rc::Ok);
    finish(&mut cp);
    assert_eq!(cancel(&mut cp, "A", "B", 1), Rc::CancelTooLate, "{sub}");
    assert_quiet(&cp);
    assert_eq!(
        cp.messages_in_transit(),
        1,
        "it still waits for its RESPONSE"
    );
    enable(&mut cp, "A");
    assert_interrupts(&cp, &[("A", response, &[])]);
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn cancel_rc_14_send_already_received() {
    rc_14_after(
        Send,
        |cp| assert_eq!(receive(cp, "B", "A", 1, RECV, 5), Rc::Ok),
        Vmcmhdr {
            vada: DATA,
            use_dw: *b"RECEIVE!",
            ..hdr(RESP, Send, 1, "B")
        },
    );
}

#[test]
fn cancel_rc_14_send_already_rejected() {
    rc_14_after(
        Send,
        |cp| assert_eq!(reject(cp, "B", "A", 1), Rc::Ok),
        Vmcmhdr {
            vada: DATA,
            lena: 5,
            use_dw: *b"REJECTDW",
            ..hdr(RESP | RJCT, Send, 1, "B")
        },
    );
}

#[test]
fn cancel_rc_14_send_recv_already_replied() {
    rc_14_after(
        SendRecv,
        |cp| assert_eq!(reply(cp, "B", "A", 1, 0), Rc::Ok),
        Vmcmhdr {
            vada: DATA,
            lena: 5,
            vadb: RBUF,
            lenb: 64,
            use_dw: *b"REPLY-DW",
            ..hdr(RESP, SendRecv, 1, "B")
        },
    );
}

#[test]
fn cancel_rc_14_sendx_already_presented() {
    rc_14_after(
        Sendx,
        |_| {},
        Vmcmhdr {
            vada: DATA,
            use_dw: SEND_DW,
            ..hdr(RESP, Sendx, 1, "B")
        },
    );
}

#[test]
fn cancel_rc_14_sink_logged_off_before_response_taken() {
    // The sink's LOGOFF ended the message (VMCMEFLG 5); CANCEL naming the departed sink is
    // too late as for any finished message.
    rc_14_after(
        Send,
        |cp| cp.logoff(uid("B")).unwrap(),
        Vmcmhdr {
            eflg: 5,
            vada: DATA,
            lena: 5,
            use_dw: SEND_DW,
            ..hdr(RESP, Send, 1, "B")
        },
    );
}

// ---- QUIESCE and RESUME ----------------------------------------------------------------------

#[test]
fn quiesce_rc_0_refuses_new_messages_keeps_queued_ones() {
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    assert_quiet(&cp);
    assert!(cp.vm(uid("B")).unwrap().is_quiesced());
    assert_eq!(send(&mut cp, "A", Send, "B", 2, 5), Rc::TargetQuiesced);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
}

#[test]
fn quiesce_rc_4_caller_not_authorized() {
    let mut cp = abc();
    assert_eq!(bare(&mut cp, "C", Quiesce), Rc::NotAuthorized);
    assert!(!cp.vm(uid("C")).unwrap().is_quiesced());
}

#[test]
fn resume_rc_0_accepts_messages_again() {
    let mut cp = abc();
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    assert_eq!(bare(&mut cp, "B", Resume), Rc::Ok);
    assert_quiet(&cp);
    assert!(!cp.vm(uid("B")).unwrap().is_quiesced());
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
}

#[test]
fn resume_rc_4_caller_not_authorized() {
    let mut cp = abc();
    assert_eq!(bare(&mut cp, "C", Resume), Rc::NotAuthorized);
}
