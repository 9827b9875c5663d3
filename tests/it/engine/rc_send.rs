//! Return codes of the subfunctions that start a message: SEND, SEND/RECV, SENDX and IDENTIFY
//! (docs/vmcf.md#return-codes-by-subfunction, #send, #sendrecv, #sendx, #identify,
//! #return-codes; check order docs/decisions.md#d6: 2, 4, 1, 5, 18, 9, 7, 8, 10).
//! RC 2 and RC 15 of every subfunction are in `rc_all.rs` and `rc_never.rs`.
//!
//! Where SEND, SEND/RECV and SENDX share a situation, one scenario function builds it and each
//! subfunction's test runs it; the tests with RC 0 spell each header out.

use crate::support::*;
use vmcfsim::Subfunction::{self, *};
use vmcfsim::{Cp, ReturnCode as Rc, Vmcmhdr, vmcpflg1};

/// Issues `sub` from A to B with MID `mid` (an IDENTIFY carries no MID of its own).
fn start(cp: &mut Cp, sub: Subfunction, sink: &str, mid: u32, flg1: u8) -> Rc {
    if sub == Identify {
        let mut p = plist(Identify);
        p.user = uid(sink);
        p.flg1 = flg1;
        p.mid = mid;
        call(cp, "A", p)
    } else {
        send_with(cp, "A", sub, sink, mid, 5, flg1)
    }
}

/// The call was refused: nothing presented, nothing moved, nothing in transit.
fn refused(cp: &Cp) {
    assert_quiet(cp);
    assert_eq!(cp.messages_in_transit(), 0);
}

// ---- RC 0 ------------------------------------------------------------------------------------

#[test]
fn send_rc_0_queues_send_interrupt_for_sink() {
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"HELLO").unwrap();
    let mut p = send_plist(Send, "B", 7, DATA, 5);
    // VADB and LENB of a SEND are free user data: carried to the sink unchecked.
    (p.vadb, p.lenb) = (0x1234_5678, 0x9ABC_DEF0);
    p.use_dw = SEND_DW;
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    assert_interrupts(
        &cp,
        &[(
            "B",
            Vmcmhdr {
                vada: DATA,
                lena: 5,
                vadb: 0x1234_5678,
                lenb: 0x9ABC_DEF0,
                use_dw: SEND_DW,
                ..hdr(0, Send, 7, "A")
            },
            &[],
        )],
    );
    assert!(moves(&cp).is_empty(), "SEND moves nothing: RECEIVE does");
    assert_eq!(cp.messages_in_transit(), 1);
    assert_eq!(cp.vm(uid("A")).unwrap().messages_in_transit(), 1);
}

#[test]
fn send_recv_rc_0_queues_send_interrupt_with_reply_buffer() {
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 7, 5), Rc::Ok);
    assert_interrupts(
        &cp,
        &[(
            "B",
            Vmcmhdr {
                vada: DATA,
                lena: 5,
                vadb: RBUF,
                lenb: 64,
                use_dw: SEND_DW,
                ..hdr(0, SendRecv, 7, "A")
            },
            &[],
        )],
    );
    assert_eq!(cp.messages_in_transit(), 1);
}

#[test]
fn sendx_rc_0_delivers_data_with_interrupt_and_responds() {
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"HELLO").unwrap();
    fill(&mut cp, "B", BUF + 40, 160, 0xEE);
    assert_eq!(send(&mut cp, "A", Sendx, "B", 7, 5), Rc::Ok);
    assert_interrupts(
        &cp,
        &[
            (
                "B",
                Vmcmhdr {
                    vada: DATA,
                    lena: 5,
                    use_dw: SEND_DW,
                    ..hdr(0, Sendx, 7, "A")
                },
                b"HELLO",
            ),
            // DECISION docs/decisions.md#d14: the RESPONSE follows at once, with the source's own
            // doubleword (docs/decisions.md#d1) and nothing left unmoved (docs/decisions.md#d2).
            (
                "A",
                Vmcmhdr {
                    vada: DATA,
                    lena: 0,
                    use_dw: SEND_DW,
                    ..hdr(RESP, Sendx, 7, "B")
                },
                &[],
            ),
        ],
    );
    assert_eq!(
        peek(&cp, "B", BUF + 45, 155),
        vec![0xEE; 155],
        "only the data's 5 bytes follow the header"
    );
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn identify_rc_0_presents_final_interrupt_and_no_response() {
    let mut cp = abc();
    let mut p = plist(Identify);
    p.user = uid("B");
    // Every field but FLG1, FLG2, FUNC and USER is free control information for the sink.
    (p.mid, p.vada, p.lena, p.vadb, p.lenb) = (0x0A0B_0C0D, 1, 2, 3, 4);
    p.use_dw = *b"I AM UP!";
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    assert_interrupts(
        &cp,
        &[(
            "B",
            Vmcmhdr {
                vada: 1,
                lena: 2,
                vadb: 3,
                lenb: 4,
                use_dw: *b"I AM UP!",
                ..hdr(RESP, Identify, 0x0A0B_0C0D, "A")
            },
            &[],
        )],
    );
    assert_eq!(cp.messages_in_transit(), 0, "presented: IDENTIFY is over");
}

// ---- RC 1 ------------------------------------------------------------------------------------

/// Data running past the end of A's 1M: RC 1, ahead of the unavailable sink (docs/decisions.md#d6:
/// 1 before 5).
fn rc_1_data_outside_storage(sub: Subfunction) {
    let mut cp = abc();
    let mut p = send_plist(sub, "NOBODY", 1, (1 << 20) - 4, 5);
    (p.vadb, p.lenb) = (RBUF, 8);
    assert_eq!(call(&mut cp, "A", p), Rc::InvalidBuffer);
    refused(&cp);
    // An address that wraps past X'FFFFFFFF' is outside too.
    let p = send_plist(sub, "B", 1, 0xFFFF_FFF0, 0x20);
    assert_eq!(call(&mut cp, "A", p), Rc::InvalidBuffer);
    refused(&cp);
    // The last byte of storage is inside.
    let p = send_plist(sub, "B", 1, (1 << 20) - 5, 5);
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
}

#[test]
fn send_rc_1_data_outside_storage() {
    rc_1_data_outside_storage(Send);
}

#[test]
fn send_recv_rc_1_data_outside_storage() {
    rc_1_data_outside_storage(SendRecv);
}

#[test]
fn sendx_rc_1_data_outside_storage() {
    rc_1_data_outside_storage(Sendx);
}

#[test]
fn send_recv_rc_1_reply_buffer_outside_storage() {
    let mut cp = abc();
    let mut p = send_plist(SendRecv, "B", 1, DATA, 5);
    (p.vadb, p.lenb) = ((1 << 20) - 8, 9);
    assert_eq!(call(&mut cp, "A", p), Rc::InvalidBuffer);
    refused(&cp);
    // The same VADB/LENB on a plain SEND are user data, not a buffer.
    p.func = Send.code();
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
}

// ---- RC 4 ------------------------------------------------------------------------------------

/// C never AUTHORIZEd: RC 4, ahead of its bad data address (docs/decisions.md#d6: 4 before 1).
fn rc_4_caller_not_authorized(sub: Subfunction) {
    let mut cp = abc();
    let mut p = send_plist(sub, "B", 1, (1 << 20) - 1, 5);
    if sub == Identify {
        p.lena = 0;
    }
    assert_eq!(call(&mut cp, "C", p), Rc::NotAuthorized);
    refused(&cp);
}

#[test]
fn send_rc_4_caller_not_authorized() {
    rc_4_caller_not_authorized(Send);
}

#[test]
fn send_recv_rc_4_caller_not_authorized() {
    rc_4_caller_not_authorized(SendRecv);
}

#[test]
fn sendx_rc_4_caller_not_authorized() {
    rc_4_caller_not_authorized(Sendx);
}

#[test]
fn identify_rc_4_caller_not_authorized() {
    rc_4_caller_not_authorized(Identify);
}

// ---- RC 5 ------------------------------------------------------------------------------------

fn rc_5_sink_not_logged_on(sub: Subfunction) {
    let mut cp = abc();
    // Also ahead of the priority check (docs/decisions.md#d6: 5 before 18).
    assert_eq!(
        start(&mut cp, sub, "NOBODY", 1, vmcpflg1::VMCPPRTY),
        Rc::UserNotAvailable
    );
    refused(&cp);
}

fn rc_5_sink_not_authorized(sub: Subfunction) {
    let mut cp = abc();
    assert_eq!(start(&mut cp, sub, "C", 1, 0), Rc::UserNotAvailable);
    refused(&cp);
    // Once it UNAUTHORIZEs, an authorized VM is unavailable again.
    assert_eq!(bare(&mut cp, "B", Unauthorize), Rc::Ok);
    assert_eq!(start(&mut cp, sub, "B", 1, 0), Rc::UserNotAvailable);
    refused(&cp);
}

/// B is AUTHORIZE SPECIFIC for C: A's message is refused, C's is accepted.
fn rc_5_sink_specific_to_other(sub: Subfunction) {
    let mut cp = abc();
    assert_eq!(authorize_specific(&mut cp, "B", uid("C"), 0, 200), Rc::Ok);
    assert_eq!(start(&mut cp, sub, "B", 1, 0), Rc::UserNotAvailable);
    refused(&cp);
    authorize_all(&mut cp, &["C"]);
    let p = send_plist(sub, "B", 1, DATA, 5);
    assert_eq!(call(&mut cp, "C", p), Rc::Ok);
}

#[test]
fn send_rc_5_sink_not_logged_on() {
    rc_5_sink_not_logged_on(Send);
}

#[test]
fn send_rc_5_sink_not_authorized() {
    rc_5_sink_not_authorized(Send);
}

#[test]
fn send_rc_5_sink_specific_to_other() {
    rc_5_sink_specific_to_other(Send);
}

#[test]
fn send_recv_rc_5_sink_not_logged_on() {
    rc_5_sink_not_logged_on(SendRecv);
}

#[test]
fn send_recv_rc_5_sink_not_authorized() {
    rc_5_sink_not_authorized(SendRecv);
}

#[test]
fn send_recv_rc_5_sink_specific_to_other() {
    rc_5_sink_specific_to_other(SendRecv);
}

#[test]
fn sendx_rc_5_sink_not_logged_on() {
    rc_5_sink_not_logged_on(Sendx);
}

#[test]
fn sendx_rc_5_sink_not_authorized() {
    rc_5_sink_not_authorized(Sendx);
}

#[test]
fn sendx_rc_5_sink_specific_to_other() {
    rc_5_sink_specific_to_other(Sendx);
}

#[test]
fn identify_rc_5_sink_not_logged_on() {
    rc_5_sink_not_logged_on(Identify);
}

#[test]
fn identify_rc_5_sink_not_authorized() {
    rc_5_sink_not_authorized(Identify);
}

#[test]
fn identify_rc_5_sink_specific_to_other() {
    rc_5_sink_specific_to_other(Identify);
}

// ---- RC 7 ------------------------------------------------------------------------------------

#[test]
fn sendx_rc_7_data_longer_than_sink_buffer() {
    let mut cp = abc();
    // B's buffer: the 40-byte header and room for 10 bytes of data.
    assert_eq!(authorize(&mut cp, "B", 0, 50), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Sendx, "B", 1, 11), Rc::SendxTooLarge);
    refused(&cp);
    // Exactly 10 fit.
    assert_eq!(send(&mut cp, "A", Sendx, "B", 1, 10), Rc::Ok);
    // And 7 comes after 9 (docs/decisions.md#d6): a quiesced sink says so first.
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Sendx, "B", 2, 11), Rc::TargetQuiesced);
}

// ---- RC 8 ------------------------------------------------------------------------------------

/// MID 1 from A to B is in transit (B and C disabled, so even a SENDX waits): the same MID to B
/// again is a duplicate; to another sink, or from another source, it is not.
fn rc_8_same_mid_to_same_sink(sub: Subfunction) {
    let mut cp = abc();
    authorize_all(&mut cp, &["C"]);
    disable(&mut cp, "B");
    disable(&mut cp, "C");
    assert_eq!(send(&mut cp, "A", sub, "B", 1, 5), Rc::Ok);
    for again in [Send, SendRecv, Sendx] {
        assert_eq!(send(&mut cp, "A", again, "B", 1, 5), Rc::DuplicateMessage);
        assert_quiet(&cp);
    }
    assert_eq!(cp.messages_in_transit(), 1);
    assert_eq!(send(&mut cp, "A", sub, "C", 1, 5), Rc::Ok);
    assert_eq!(send(&mut cp, "C", sub, "B", 1, 5), Rc::Ok);
    assert_eq!(cp.messages_in_transit(), 3);
}

#[test]
fn send_rc_8_same_mid_to_same_sink() {
    rc_8_same_mid_to_same_sink(Send);
}

#[test]
fn send_recv_rc_8_same_mid_to_same_sink() {
    rc_8_same_mid_to_same_sink(SendRecv);
}

#[test]
fn sendx_rc_8_same_mid_to_same_sink() {
    rc_8_same_mid_to_same_sink(Sendx);
}

#[test]
fn send_rc_8_while_response_waits_for_disabled_source() {
    // A message is active until its RESPONSE is presented (docs/decisions.md#d10), so its MID stays
    // taken.
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    disable(&mut cp, "A");
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::DuplicateMessage);
    enable(&mut cp, "A");
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
}

#[test]
fn send_rc_8_not_given_for_sink_slot_reused_by_another_user() {
    // A's MID 1 to B waits for its RESPONSE (A disabled) when B logs off and C logs on in the
    // slot B left. A message is known by (MID, userid) (SPG R6 p. 188): MID 1 to C is new.
    let mut cp = cp_with(&["A", "B"]);
    authorize_all(&mut cp, &["A", "B"]);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    disable(&mut cp, "A");
    cp.logoff(uid("B")).unwrap();
    cp.logon(uid("C"));
    authorize_all(&mut cp, &["C"]);
    assert_eq!(send(&mut cp, "A", Send, "C", 1, 5), Rc::Ok);
    // C sees only its own message; B's, ended by B's LOGOFF, is not C's to RECEIVE.
    assert_eq!(receive(&mut cp, "C", "A", 1, RECV, 5), Rc::Ok);
    enable(&mut cp, "A");
    assert_interrupts(
        &cp,
        &[
            (
                "A",
                Vmcmhdr {
                    eflg: 5,
                    vada: DATA,
                    lena: 5,
                    use_dw: SEND_DW,
                    ..hdr(RESP, Send, 1, "B")
                },
                &[],
            ),
            (
                "A",
                Vmcmhdr {
                    vada: DATA,
                    lena: 0,
                    use_dw: *b"RECEIVE!",
                    ..hdr(RESP, Send, 1, "C")
                },
                &[],
            ),
        ],
    );
    assert_eq!(cp.messages_in_transit(), 0);
}

// ---- RC 9 ------------------------------------------------------------------------------------

fn rc_9_sink_quiesced(sub: Subfunction) {
    let mut cp = abc();
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    assert_eq!(start(&mut cp, sub, "B", 1, 0), Rc::TargetQuiesced);
    refused(&cp);
    // The quiesced VM itself may still send.
    let p = send_plist(Send, "A", 1, DATA, 5);
    assert_eq!(call(&mut cp, "B", p), Rc::Ok);
    assert_eq!(bare(&mut cp, "B", Resume), Rc::Ok);
    assert_eq!(start(&mut cp, sub, "B", 1, 0), Rc::Ok);
}

#[test]
fn send_rc_9_sink_quiesced() {
    rc_9_sink_quiesced(Send);
}

#[test]
fn send_recv_rc_9_sink_quiesced() {
    rc_9_sink_quiesced(SendRecv);
}

#[test]
fn sendx_rc_9_sink_quiesced() {
    rc_9_sink_quiesced(Sendx);
}

#[test]
fn identify_rc_9_sink_quiesced() {
    rc_9_sink_quiesced(Identify);
}

// ---- RC 10 -----------------------------------------------------------------------------------

/// 50 messages of A's in transit (B disabled, so none is presented): the 51st of any kind gets
/// RC 10 (docs/decisions.md#d10); once one is over, A may send again.
fn rc_10_fifty_first_message(sub: Subfunction) {
    let mut cp = abc();
    authorize_all(&mut cp, &["C"]);
    disable(&mut cp, "B");
    for mid in 0..50 {
        assert_eq!(start(&mut cp, sub, "B", mid, 0), Rc::Ok, "message {mid}");
    }
    assert_eq!(cp.vm(uid("A")).unwrap().messages_in_transit(), 50);
    for other in [Send, SendRecv, Sendx, Identify] {
        assert_eq!(start(&mut cp, other, "C", 99, 0), Rc::MessageLimitExceeded);
        refused_beyond(&cp, 50);
    }
    // The limit is A's: C may still send to B.
    let p = send_plist(Send, "B", 99, DATA, 5);
    assert_eq!(call(&mut cp, "C", p), Rc::Ok);
    // B takes the interrupts: IDENTIFY and SENDX are over when presented; a SEND once RECEIVEd.
    enable(&mut cp, "B");
    if sub == Send || sub == SendRecv {
        assert_eq!(start(&mut cp, sub, "C", 99, 0), Rc::MessageLimitExceeded);
        assert_eq!(reject(&mut cp, "B", "A", 0), Rc::Ok);
    }
    assert_eq!(start(&mut cp, sub, "C", 99, 0), Rc::Ok);
}

/// Refused, with `n` messages still in transit.
fn refused_beyond(cp: &Cp, n: usize) {
    assert_quiet(cp);
    assert_eq!(cp.vm(uid("A")).unwrap().messages_in_transit(), n);
}

#[test]
fn send_rc_10_fifty_first_message() {
    rc_10_fifty_first_message(Send);
}

#[test]
fn send_recv_rc_10_fifty_first_message() {
    rc_10_fifty_first_message(SendRecv);
}

#[test]
fn sendx_rc_10_fifty_first_message() {
    rc_10_fifty_first_message(Sendx);
}

#[test]
fn identify_rc_10_fifty_first_message() {
    rc_10_fifty_first_message(Identify);
}

// ---- RC 18 -----------------------------------------------------------------------------------

fn rc_18_priority_to_sink_without_priority(sub: Subfunction) {
    let mut cp = abc();
    assert_eq!(authorize(&mut cp, "B", 0, 200), Rc::Ok);
    assert_eq!(
        start(&mut cp, sub, "B", 1, vmcpflg1::VMCPPRTY),
        Rc::PriorityNotAuthorized
    );
    refused(&cp);
    // 18 comes before 9 (docs/decisions.md#d6).
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    assert_eq!(
        start(&mut cp, sub, "B", 1, vmcpflg1::VMCPPRTY),
        Rc::PriorityNotAuthorized
    );
    assert_eq!(bare(&mut cp, "B", Resume), Rc::Ok);
    assert_eq!(start(&mut cp, sub, "B", 1, 0), Rc::Ok);
}

#[test]
fn send_rc_18_priority_to_sink_without_priority() {
    rc_18_priority_to_sink_without_priority(Send);
}

#[test]
fn send_recv_rc_18_priority_to_sink_without_priority() {
    rc_18_priority_to_sink_without_priority(SendRecv);
}

#[test]
fn sendx_rc_18_priority_to_sink_without_priority() {
    rc_18_priority_to_sink_without_priority(Sendx);
}

#[test]
fn identify_rc_18_priority_to_sink_without_priority() {
    rc_18_priority_to_sink_without_priority(Identify);
}
