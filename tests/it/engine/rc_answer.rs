//! Return codes of the sink's answers: RECEIVE, REPLY and REJECT
//! (docs/vmcf.md#return-codes-by-subfunction,
//! #receive, #reply, #reject, #return-codes; check order docs/decisions.md#d6: 2, 4, 1, 12, 13, 3,
//! then 16/17 as data moves). RC 5 comes between 12 and 13: the source has since re-AUTHORIZEd
//! SPECIFIC for another VM, so the sink cannot reach it (the engine's reading of "source no longer
//! available"; a source that logged off or UNAUTHORIZEd has had its messages purged,
//! docs/decisions.md#d5, so that is RC 12). RC 2, 6, 15 and 19 are in `rc_all.rs` and
//! `rc_never.rs`.

use crate::support::*;
use vmcfsim::Subfunction::{self, *};
use vmcfsim::{Cp, ReturnCode as Rc, Vmcmhdr};

const TEXT: &[u8] = b"HELLO WORLD!";

/// A, B and C logged on, A and B authorized; A has sent `sub` with MID 1 to B: the first `len`
/// bytes of TEXT, and B has been presented the SEND interrupt. Events cleared.
fn sent(sub: Subfunction, len: u32) -> Cp {
    let mut cp = cp_with(&["A", "B", "C"]);
    authorize_all(&mut cp, &["A", "B"]);
    cp.store(uid("A"), DATA, TEXT).unwrap();
    assert_eq!(send(&mut cp, "A", sub, "B", 1, len), Rc::Ok);
    cp.clear_events();
    cp
}

/// The RESPONSE to A's message 1 to B: `stat`, `eflg`, LENA and LENB residuals, doubleword.
fn response(sub: Subfunction, stat: u8, eflg: u8, lena: u32, lenb: u32, dw: [u8; 8]) -> Vmcmhdr {
    let vadb = if sub == SendRecv { RBUF } else { 0 };
    Vmcmhdr {
        eflg,
        vada: DATA,
        lena,
        vadb,
        lenb,
        use_dw: dw,
        ..hdr(RESP | stat, sub, 1, "B")
    }
}

/// A re-AUTHORIZEs SPECIFIC for C.
fn a_specific_for_c(cp: &mut Cp) {
    assert_eq!(authorize_specific(cp, "A", uid("C"), 0, 200), Rc::Ok);
}

// ---- RECEIVE ---------------------------------------------------------------------------------

#[test]
fn receive_rc_0_of_send_moves_data_and_responds() {
    let mut cp = sent(Send, 5);
    fill(&mut cp, "B", RECV, 16, 0xEE);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 16), Rc::Ok);
    assert_eq!(moves(&cp), [(uid("B"), RECV, b"HELLO".to_vec())]);
    assert_eq!(
        peek(&cp, "B", RECV, 16),
        b"HELLO\xEE\xEE\xEE\xEE\xEE\xEE\xEE\xEE\xEE\xEE\xEE"
    );
    assert_interrupts(&cp, &[("A", response(Send, 0, 0, 0, 0, *b"RECEIVE!"), &[])]);
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn receive_rc_0_of_send_recv_moves_data_and_awaits_reply() {
    let mut cp = sent(SendRecv, 12);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 12), Rc::Ok);
    assert_eq!(moves(&cp), [(uid("B"), RECV, TEXT.to_vec())]);
    assert_eq!(peek(&cp, "B", RECV, 12), TEXT);
    assert!(interrupts(&cp).is_empty(), "no RESPONSE before the REPLY");
    assert_eq!(cp.messages_in_transit(), 1);
}

#[test]
fn receive_rc_1_buffer_outside_storage() {
    let mut cp = sent(Send, 5);
    assert_eq!(
        receive(&mut cp, "B", "A", 1, (1 << 20) - 4, 5),
        Rc::InvalidBuffer
    );
    assert_quiet(&cp);
    // 1 comes before 12 (docs/decisions.md#d6): no message from NOBODY, but the buffer is checked
    // first.
    assert_eq!(
        receive(&mut cp, "B", "NOBODY", 9, u32::MAX, 2),
        Rc::InvalidBuffer
    );
    // The message is still there for a RECEIVE into a good buffer.
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(peek(&cp, "B", RECV, 5), b"HELLO");
}

#[test]
fn receive_rc_3_second_receive_of_send_recv() {
    let mut cp = sent(SendRecv, 5);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    fill(&mut cp, "B", RECV, 5, 0xEE);
    assert_eq!(
        receive(&mut cp, "B", "A", 1, RECV, 5),
        Rc::ProtocolViolation
    );
    assert_quiet(&cp);
    assert_eq!(peek(&cp, "B", RECV, 5), [0xEE; 5]);
    // The message still wants its REPLY.
    assert_eq!(reply(&mut cp, "B", "A", 1, 0), Rc::Ok);
}

#[test]
fn receive_rc_3_second_receive_of_send_while_its_response_waits() {
    // A SEND is complete once RECEIVEd; its record lasts until A is presented the RESPONSE
    // (docs/decisions.md#d10). While it lasts a second RECEIVE is a protocol violation.
    let mut cp = sent(Send, 5);
    disable(&mut cp, "A");
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(
        receive(&mut cp, "B", "A", 1, RECV, 5),
        Rc::ProtocolViolation
    );
    assert_quiet(&cp);
}

#[test]
fn receive_rc_3_of_sendx_while_its_response_waits() {
    // A SENDX is delivered with its interrupt (docs/decisions.md#d14); the sink has nothing to
    // RECEIVE.
    let mut cp = sent(Send, 5);
    disable(&mut cp, "A");
    assert_eq!(send(&mut cp, "A", Sendx, "B", 2, 5), Rc::Ok);
    assert_eq!(
        receive(&mut cp, "B", "A", 2, RECV, 5),
        Rc::ProtocolViolation
    );
    assert_quiet(&cp);
}

#[test]
fn receive_rc_4_caller_not_authorized() {
    let mut cp = sent(Send, 5);
    // 4 comes before 1 (docs/decisions.md#d6).
    assert_eq!(
        receive(&mut cp, "C", "A", 1, u32::MAX, 2),
        Rc::NotAuthorized
    );
    assert_quiet(&cp);
}

#[test]
fn receive_rc_5_source_since_specific_for_other() {
    let mut cp = sent(Send, 5);
    a_specific_for_c(&mut cp);
    fill(&mut cp, "B", RECV, 5, 0xEE);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::UserNotAvailable);
    assert_quiet(&cp);
    assert_eq!(peek(&cp, "B", RECV, 5), [0xEE; 5]);
    assert_eq!(cp.messages_in_transit(), 1, "the message stays in transit");
    // DECISION docs/decisions.md#d6 (revised): 5 comes before 12, the source is checked
    // before the lookup.
    assert_eq!(receive(&mut cp, "B", "A", 2, RECV, 5), Rc::UserNotAvailable);
    // When A takes everyone again, the message can be RECEIVEd.
    assert_eq!(authorize(&mut cp, "A", 0, 200), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_interrupts(&cp, &[("A", response(Send, 0, 0, 0, 0, *b"RECEIVE!"), &[])]);
}

#[test]
fn receive_rc_5_also_when_source_was_already_specific_when_sending() {
    // DECISION docs/decisions.md#d6 (revised): the source is judged as it is now, as a SEND's
    // target would be.
    // A, SPECIFIC for C, may SEND to B (SPECIFIC restricts who may send to A), but B cannot
    // RECEIVE or REPLY: A takes nothing from B. B can still REJECT (no 5 for REJECT).
    let mut cp = cp_with(&["A", "B", "C"]);
    authorize_all(&mut cp, &["B"]);
    a_specific_for_c(&mut cp);
    cp.store(uid("A"), DATA, TEXT).unwrap();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::UserNotAvailable);
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 2, 5), Rc::Ok);
    assert_eq!(reply(&mut cp, "B", "A", 2, 0), Rc::UserNotAvailable);
    assert_quiet(&cp);
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 2), Rc::Ok);
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn receive_rc_5_source_not_logged_on_or_not_authorized() {
    let mut cp = sent(Send, 5);
    assert_eq!(
        receive(&mut cp, "B", "NOBODY", 1, RECV, 5),
        Rc::UserNotAvailable
    );
    // C is logged on but not authorized.
    assert_eq!(receive(&mut cp, "B", "C", 1, RECV, 5), Rc::UserNotAvailable);
    assert_quiet(&cp);
}

#[test]
fn receive_rc_12_no_such_message() {
    let mut cp = sent(Send, 5);
    authorize_all(&mut cp, &["C"]);
    disable(&mut cp, "B");
    assert_eq!(send(&mut cp, "A", Send, "B", 2, 5), Rc::Ok);
    for (sink, source, mid) in [
        ("B", "A", 9), // no such MID
        ("B", "C", 1), // no message from C
        ("C", "A", 1), // A's message 1 is B's, not C's
        ("B", "A", 3), // 12 before 13: B has MID 2 queued, not 3
    ] {
        assert_eq!(
            receive(&mut cp, sink, source, mid, RECV, 5),
            Rc::MessageNotFound,
            "{sink} receiving {source}'s {mid}"
        );
        assert_quiet(&cp);
    }
}

#[test]
fn receive_rc_12_after_source_cancelled() {
    let mut cp = sent(Send, 5);
    assert_eq!(cancel(&mut cp, "A", "B", 1), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::MessageNotFound);
    assert_quiet(&cp);
}

#[test]
fn receive_rc_12_second_receive_of_send_after_its_response() {
    // Once the RESPONSE is presented the message is gone, and with it any memory of the first
    // RECEIVE: the second gets "not found", where a lingering record gives RC 3 (see above).
    let mut cp = sent(Send, 5);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::MessageNotFound);
    assert_quiet(&cp);
}

#[test]
fn receive_rc_13_before_interrupt_presented() {
    let mut cp = cp_with(&["A", "B"]);
    authorize_all(&mut cp, &["A", "B"]);
    cp.store(uid("A"), DATA, TEXT).unwrap();
    disable(&mut cp, "B");
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Sendx, "B", 2, 5), Rc::Ok);
    fill(&mut cp, "B", RECV, 5, 0xEE);
    for mid in [1, 2] {
        assert_eq!(
            receive(&mut cp, "B", "A", mid, RECV, 5),
            Rc::SynchronizationError
        );
        assert_quiet(&cp);
    }
    assert_eq!(peek(&cp, "B", RECV, 5), [0xEE; 5]);
    enable(&mut cp, "B");
    assert_interrupts(
        &cp,
        &[
            (
                "B",
                Vmcmhdr {
                    vada: DATA,
                    lena: 5,
                    use_dw: SEND_DW,
                    ..hdr(0, Send, 1, "A")
                },
                &[],
            ),
            (
                "B",
                Vmcmhdr {
                    vada: DATA,
                    lena: 5,
                    use_dw: SEND_DW,
                    ..hdr(0, Sendx, 2, "A")
                },
                b"HELLO",
            ),
            (
                "A",
                Vmcmhdr {
                    vada: DATA,
                    use_dw: SEND_DW,
                    ..hdr(RESP, Sendx, 2, "B")
                },
                &[],
            ),
        ],
    );
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(peek(&cp, "B", RECV, 5), b"HELLO");
}

#[test]
fn receive_rc_16_buffer_shorter_than_data() {
    // DECISION docs/decisions.md#d8: nothing moves, the transaction ends, the source is told with
    // VMCMEFLG 16.
    let mut cp = sent(Send, 5);
    fill(&mut cp, "B", RECV, 8, 0xEE);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 4), Rc::IncorrectLength);
    assert!(moves(&cp).is_empty());
    assert_eq!(peek(&cp, "B", RECV, 8), [0xEE; 8]);
    assert_interrupts(
        &cp,
        &[("A", response(Send, 0, 16, 5, 0, *b"RECEIVE!"), &[])],
    );
    assert_eq!(cp.messages_in_transit(), 0);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::MessageNotFound);
}

#[test]
fn receive_rc_16_ends_a_send_recv_too() {
    let mut cp = sent(SendRecv, 5);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 0), Rc::IncorrectLength);
    assert_interrupts(
        &cp,
        &[("A", response(SendRecv, 0, 16, 5, 64, *b"RECEIVE!"), &[])],
    );
    assert_eq!(reply(&mut cp, "B", "A", 1, 0), Rc::MessageNotFound);
}

#[test]
fn receive_rc_17_buffer_overlaps_own_send_data() {
    let mut cp = cp_with(&["A"]);
    authorize_all(&mut cp, &["A"]);
    cp.store(uid("A"), DATA, TEXT).unwrap();
    assert_eq!(send(&mut cp, "A", Send, "A", 1, 12), Rc::Ok);
    assert_eq!(
        receive(&mut cp, "A", "A", 1, DATA + 6, 12),
        Rc::DestructiveOverlap
    );
    assert!(moves(&cp).is_empty());
    assert_eq!(peek(&cp, "A", DATA, 12), TEXT);
    assert_interrupts(
        &cp,
        &[(
            "A",
            Vmcmhdr {
                eflg: 17,
                vada: DATA,
                lena: 12,
                use_dw: *b"RECEIVE!",
                ..hdr(RESP, Send, 1, "A")
            },
            &[],
        )],
    );
    assert_eq!(cp.messages_in_transit(), 0);
    // A buffer just past the data does not overlap.
    assert_eq!(send(&mut cp, "A", Send, "A", 2, 12), Rc::Ok);
    assert_eq!(receive(&mut cp, "A", "A", 2, DATA + 12, 12), Rc::Ok);
    assert_eq!(peek(&cp, "A", DATA + 12, 12), TEXT);
}

// ---- REPLY -----------------------------------------------------------------------------------

#[test]
fn reply_rc_0_after_receive_moves_reply_and_responds() {
    let mut cp = sent(SendRecv, 5);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    cp.store(uid("B"), RDATA, b"OK!").unwrap();
    fill(&mut cp, "A", RBUF, 64, 0xEE);
    assert_eq!(reply(&mut cp, "B", "A", 1, 3), Rc::Ok);
    assert_eq!(moves(&cp), [(uid("A"), RBUF, b"OK!".to_vec())]);
    let mut expect = vec![0xEE; 64];
    expect[..3].copy_from_slice(b"OK!");
    assert_eq!(peek(&cp, "A", RBUF, 64), expect);
    assert_interrupts(
        &cp,
        &[("A", response(SendRecv, 0, 0, 0, 61, *b"REPLY-DW"), &[])],
    );
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn reply_rc_0_without_receive_leaves_send_data_unmoved() {
    let mut cp = sent(SendRecv, 5);
    cp.store(uid("B"), RDATA, b"OK!").unwrap();
    assert_eq!(reply(&mut cp, "B", "A", 1, 3), Rc::Ok);
    assert_eq!(peek(&cp, "A", RBUF, 3), b"OK!");
    assert_interrupts(
        &cp,
        &[("A", response(SendRecv, 0, 0, 5, 61, *b"REPLY-DW"), &[])],
    );
}

#[test]
fn reply_rc_1_reply_data_outside_storage() {
    let mut cp = sent(SendRecv, 5);
    let mut p = answer_plist(Reply, "A", 1);
    (p.vada, p.lena) = ((1 << 20) - 2, 3);
    assert_eq!(call(&mut cp, "B", p), Rc::InvalidBuffer);
    assert_quiet(&cp);
    assert_eq!(reply(&mut cp, "B", "A", 1, 3), Rc::Ok, "still answerable");
}

#[test]
fn reply_rc_3_to_a_plain_send() {
    let mut cp = sent(Send, 5);
    assert_eq!(reply(&mut cp, "B", "A", 1, 0), Rc::ProtocolViolation);
    assert_quiet(&cp);
    assert_eq!(
        receive(&mut cp, "B", "A", 1, RECV, 5),
        Rc::Ok,
        "still pending"
    );
}

#[test]
fn reply_rc_3_to_a_send_recv_already_answered() {
    // Replied (or a SENDX delivered) while A, disabled, has not yet taken the RESPONSE.
    let mut cp = sent(SendRecv, 5);
    disable(&mut cp, "A");
    assert_eq!(reply(&mut cp, "B", "A", 1, 0), Rc::Ok);
    assert_eq!(reply(&mut cp, "B", "A", 1, 0), Rc::ProtocolViolation);
    assert_eq!(send(&mut cp, "A", Sendx, "B", 2, 5), Rc::Ok);
    assert_eq!(reply(&mut cp, "B", "A", 2, 0), Rc::ProtocolViolation);
    assert_quiet(&cp);
}

#[test]
fn reply_rc_4_caller_not_authorized() {
    let mut cp = sent(SendRecv, 5);
    assert_eq!(reply(&mut cp, "C", "A", 1, 0), Rc::NotAuthorized);
    assert_quiet(&cp);
}

#[test]
fn reply_rc_5_source_since_specific_for_other() {
    let mut cp = sent(SendRecv, 5);
    a_specific_for_c(&mut cp);
    fill(&mut cp, "A", RBUF, 64, 0xEE);
    assert_eq!(reply(&mut cp, "B", "A", 1, 3), Rc::UserNotAvailable);
    assert_quiet(&cp);
    assert_eq!(peek(&cp, "A", RBUF, 64), [0xEE; 64]);
    assert_eq!(cp.messages_in_transit(), 1);
}

#[test]
fn reply_rc_12_no_such_message() {
    let mut cp = sent(SendRecv, 5);
    authorize_all(&mut cp, &["C"]);
    for (source, mid) in [("A", 2), ("C", 1)] {
        assert_eq!(reply(&mut cp, "B", source, mid, 0), Rc::MessageNotFound);
        assert_quiet(&cp);
    }
}

#[test]
fn reply_rc_12_after_source_cancelled_the_reply() {
    // The manual's case: CANCEL after RECEIVE takes the REPLY part away (RC 11 to the source).
    let mut cp = sent(SendRecv, 5);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(cancel(&mut cp, "A", "B", 1), Rc::ReplyCancelled);
    fill(&mut cp, "A", RBUF, 64, 0xEE);
    assert_eq!(reply(&mut cp, "B", "A", 1, 3), Rc::MessageNotFound);
    assert_quiet(&cp);
    assert_eq!(peek(&cp, "A", RBUF, 64), [0xEE; 64]);
}

#[test]
fn reply_rc_13_before_interrupt_presented() {
    let mut cp = cp_with(&["A", "B"]);
    authorize_all(&mut cp, &["A", "B"]);
    disable(&mut cp, "B");
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 5), Rc::Ok);
    // 13 comes before 3 (docs/decisions.md#d6): a REPLY to a queued plain SEND is out of step
    // first.
    assert_eq!(send(&mut cp, "A", Send, "B", 2, 5), Rc::Ok);
    for mid in [1, 2] {
        assert_eq!(reply(&mut cp, "B", "A", mid, 0), Rc::SynchronizationError);
        assert_quiet(&cp);
    }
    enable(&mut cp, "B");
    let send_int = |sub, mid, vadb, lenb| Vmcmhdr {
        vada: DATA,
        lena: 5,
        vadb,
        lenb,
        use_dw: SEND_DW,
        ..hdr(0, sub, mid, "A")
    };
    assert_interrupts(
        &cp,
        &[
            ("B", send_int(SendRecv, 1, RBUF, 64), &[]),
            ("B", send_int(Send, 2, 0, 0), &[]),
        ],
    );
    assert_eq!(reply(&mut cp, "B", "A", 1, 0), Rc::Ok);
}

#[test]
fn reply_rc_16_longer_than_reply_buffer() {
    // DECISION docs/decisions.md#d8: nothing moves; RC 16 to the sink and VMCMEFLG 16 to the
    // source.
    let mut cp = sent(SendRecv, 5);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    fill(&mut cp, "A", RBUF, 80, 0xEE);
    assert_eq!(reply(&mut cp, "B", "A", 1, 65), Rc::IncorrectLength);
    assert!(moves(&cp).is_empty());
    assert_eq!(peek(&cp, "A", RBUF, 80), [0xEE; 80]);
    assert_interrupts(
        &cp,
        &[("A", response(SendRecv, 0, 16, 0, 64, *b"REPLY-DW"), &[])],
    );
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn reply_rc_17_reply_overlaps_own_reply_buffer() {
    let mut cp = cp_with(&["A"]);
    authorize_all(&mut cp, &["A"]);
    assert_eq!(send(&mut cp, "A", SendRecv, "A", 1, 5), Rc::Ok);
    cp.store(uid("A"), RBUF, b"ABCDEFGHIJ").unwrap();
    let mut p = answer_plist(Reply, "A", 1);
    (p.vada, p.lena) = (RBUF + 2, 8);
    p.use_dw = *b"REPLY-DW";
    assert_eq!(call(&mut cp, "A", p), Rc::DestructiveOverlap);
    assert!(moves(&cp).is_empty());
    assert_eq!(peek(&cp, "A", RBUF, 10), b"ABCDEFGHIJ");
    assert_interrupts(
        &cp,
        &[(
            "A",
            Vmcmhdr {
                eflg: 17,
                vada: DATA,
                lena: 5,
                vadb: RBUF,
                lenb: 64,
                use_dw: *b"REPLY-DW",
                ..hdr(RESP, SendRecv, 1, "A")
            },
            &[],
        )],
    );
}

// ---- REJECT ----------------------------------------------------------------------------------

#[test]
fn reject_rc_0_of_send_responds_rejected() {
    let mut cp = sent(Send, 5);
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::Ok);
    assert!(moves(&cp).is_empty());
    assert_interrupts(
        &cp,
        &[("A", response(Send, RJCT, 0, 5, 0, *b"REJECTDW"), &[])],
    );
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn reject_rc_0_of_send_recv_before_receive() {
    let mut cp = sent(SendRecv, 5);
    fill(&mut cp, "A", RBUF, 64, 0xEE);
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::Ok);
    assert_interrupts(
        &cp,
        &[("A", response(SendRecv, RJCT, 0, 5, 64, *b"REJECTDW"), &[])],
    );
    assert_eq!(peek(&cp, "A", RBUF, 64), [0xEE; 64]);
}

#[test]
fn reject_rc_3_of_send_already_received_or_sendx_delivered() {
    let mut cp = sent(Send, 5);
    disable(&mut cp, "A");
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::ProtocolViolation);
    assert_eq!(send(&mut cp, "A", Sendx, "B", 2, 5), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 2), Rc::ProtocolViolation);
    assert_quiet(&cp);
    // A's RESPONSEs are the RECEIVE's and the SENDX's, not rejections.
    enable(&mut cp, "A");
    assert_interrupts(
        &cp,
        &[
            ("A", response(Send, 0, 0, 0, 0, *b"RECEIVE!"), &[]),
            (
                "A",
                Vmcmhdr {
                    vada: DATA,
                    use_dw: SEND_DW,
                    ..hdr(RESP, Sendx, 2, "B")
                },
                &[],
            ),
        ],
    );
}

#[test]
fn reject_rc_4_caller_not_authorized() {
    let mut cp = sent(Send, 5);
    assert_eq!(reject(&mut cp, "C", "A", 1), Rc::NotAuthorized);
    assert_quiet(&cp);
}

#[test]
fn reject_rc_12_no_such_message() {
    let mut cp = sent(Send, 5);
    for (source, mid) in [("A", 2), ("C", 1), ("NOBODY", 1)] {
        assert_eq!(reject(&mut cp, "B", source, mid), Rc::MessageNotFound);
        assert_quiet(&cp);
    }
    assert_eq!(cancel(&mut cp, "A", "B", 1), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::MessageNotFound);
}

#[test]
fn reject_rc_13_before_interrupt_presented() {
    let mut cp = cp_with(&["A", "B"]);
    authorize_all(&mut cp, &["A", "B"]);
    disable(&mut cp, "B");
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::SynchronizationError);
    assert_quiet(&cp);
    enable(&mut cp, "B");
    assert_interrupts(
        &cp,
        &[(
            "B",
            Vmcmhdr {
                vada: DATA,
                lena: 5,
                use_dw: SEND_DW,
                ..hdr(0, Send, 1, "A")
            },
            &[],
        )],
    );
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::Ok);
}
