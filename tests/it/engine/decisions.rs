//! One test (or two) for each of vmcfsim's decisions (docs/decisions.md#d1 to #d16): the points
//! where the manuals are silent or contradict themselves, settled for this project.

use crate::support::*;
use vmcfsim::Subfunction::*;
use vmcfsim::{Cp, CpError, Event, NotReceiving, ReturnCode as Rc, Userid, Vmcmhdr, vmcpflg1};

#[test]
fn decision_d1_response_doubleword_is_the_sink_completing_calls() {
    let mut cp = abc();
    let dw_of_response = |cp: &Cp| {
        let ints = interrupts(cp);
        assert_eq!(ints.len(), 1);
        assert_eq!(ints[0].0, uid("A"));
        ints[0].1.use_dw
    };
    // RECEIVE of a plain SEND: the RECEIVE's doubleword (z/VM TCP/IP clients read a return code
    // there).
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    assert_eq!(dw_of_response(&cp), *b"RECEIVE!");
    // REPLY to a SEND/RECV: the REPLY's, not the RECEIVE's before it.
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 2, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 2, RECV, 5), Rc::Ok);
    assert_eq!(reply(&mut cp, "B", "A", 2, 0), Rc::Ok);
    assert_eq!(dw_of_response(&cp), *b"REPLY-DW");
    // REJECT, of a SEND and of a SEND/RECV alike: the REJECT's.
    for (mid, sub) in [(3, Send), (4, SendRecv)] {
        assert_eq!(send(&mut cp, "A", sub, "B", mid, 5), Rc::Ok);
        assert_eq!(reject(&mut cp, "B", "A", mid), Rc::Ok);
        assert_eq!(dw_of_response(&cp), *b"REJECTDW");
    }
    // A SENDX's RESPONSE: the source's own (the sink issues no call).
    assert_eq!(send(&mut cp, "A", Sendx, "B", 5, 5), Rc::Ok);
    cp.clear_events();
    disable(&mut cp, "A");
    assert_eq!(send(&mut cp, "A", Sendx, "B", 6, 5), Rc::Ok);
    enable(&mut cp, "A");
    assert_eq!(dw_of_response(&cp), SEND_DW);
    // A RESPONSE CP makes itself because the sink is gone (docs/decisions.md#d5): the source's own.
    assert_eq!(send(&mut cp, "A", Send, "B", 7, 5), Rc::Ok);
    cp.clear_events();
    cp.logoff(uid("B")).unwrap();
    assert_eq!(dw_of_response(&cp), SEND_DW);
}

#[test]
fn decision_d2_response_fields() {
    let mut cp = abc();
    let response = |cp: &Cp| {
        let ints = interrupts(cp);
        assert_eq!(ints.len(), 1);
        ints[0].1
    };
    // RECEIVE then REPLY of 3: nothing of the SEND data left, 64 - 3 of the reply buffer.
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 100), Rc::Ok);
    assert_eq!(reply(&mut cp, "B", "A", 1, 3), Rc::Ok);
    let full = Vmcmhdr {
        vada: DATA,
        lena: 0,
        vadb: RBUF,
        lenb: 61,
        use_dw: *b"REPLY-DW",
        ..hdr(RESP, SendRecv, 1, "B")
    };
    assert_eq!(response(&cp), full);
    // REPLY without RECEIVE: the full SEND length unmoved.
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 2, 5), Rc::Ok);
    assert_eq!(reply(&mut cp, "B", "A", 2, 64), Rc::Ok);
    assert_eq!(
        response(&cp),
        Vmcmhdr {
            mid: 2,
            lena: 5,
            lenb: 0,
            ..full
        }
    );
    // REJECT after RECEIVE: the data moved, nothing replied.
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 3, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 3, RECV, 5), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 3), Rc::Ok);
    assert_eq!(
        response(&cp),
        Vmcmhdr {
            stat: RESP | RJCT,
            mid: 3,
            lena: 0,
            lenb: 64,
            use_dw: *b"REJECTDW",
            ..full
        }
    );
    // A plain SEND's VADB and LENB, user data, come back as they went.
    let mut p = send_plist(Send, "B", 4, DATA, 5);
    (p.vadb, p.lenb) = (0xFFFF_FFFF, 0x0000_0007);
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 4), Rc::Ok);
    assert_eq!(
        response(&cp),
        Vmcmhdr {
            vada: DATA,
            lena: 5,
            vadb: 0xFFFF_FFFF,
            lenb: 7,
            use_dw: *b"REJECTDW",
            ..hdr(RESP | RJCT, Send, 4, "B")
        }
    );
}

#[test]
fn decision_d3_smsg_header() {
    let mut cp = cp_with(&["A", "B"]);
    assert_eq!(authorize(&mut cp, "B", vmcpflg1::VMCPSMSG, 169), Rc::Ok);
    cp.clear_events();
    let tod = cp.now().0;
    cp.smsg(uid("A"), uid("B"), b"\xE2\xE3\xC1\xE3").unwrap();
    cp.smsg(uid("A"), uid("B"), b"\xC5\xD5\xC4").unwrap();
    let smsg = |mid: u32, text: &[u8]| Vmcmhdr {
        lena: text.len() as u32,
        use_dw: uid("A").ebcdic(),
        ..hdr(0, Sendx, mid, "SYSTEM")
    };
    // MID: the low word of the TOD clock; a second SMSG in the same instant gets the next
    // microsecond (bit 51), so MIDs are unique and reproducible under the fixed clock.
    let first = tod as u32;
    let second = (tod + (1 << 12)) as u32;
    assert_interrupts(
        &cp,
        &[
            ("B", smsg(first, b"\xE2\xE3\xC1\xE3"), b"\xE2\xE3\xC1\xE3"),
            ("B", smsg(second, b"\xC5\xD5\xC4"), b"\xC5\xD5\xC4"),
        ],
    );
    // No response to anyone, nothing in transit.
    assert_eq!(cp.messages_in_transit(), 0);
    assert_eq!(cp.vm(uid("A")).unwrap().pending_interrupts(), 0);
}

#[test]
fn decision_d4_smsg_ignores_specific_and_limits_but_not_quiesce_or_buffer() {
    let mut cp = abc();
    // SPECIFIC SYSTEM: only SMSGs come in.
    assert_eq!(
        authorize_specific(&mut cp, "B", Userid::SYSTEM, vmcpflg1::VMCPSMSG, 169),
        Rc::Ok
    );
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::UserNotAvailable);
    cp.clear_events();
    cp.smsg(uid("C"), uid("B"), b"\xC8\xC9").unwrap();
    assert_eq!(interrupts(&cp).len(), 1);
    // SPECIFIC for A does not stop C's SMSG either.
    assert_eq!(authorize_specific(&mut cp, "B", uid("A"), 0, 169), Rc::Ok);
    cp.clear_events();
    cp.smsg(uid("C"), uid("B"), b"\xC8\xC9").unwrap();
    assert_eq!(interrupts(&cp).len(), 1);
    // SMSGs do not count: A, with 50 messages in transit, may still SMSG, and B may take more
    // SMSGs than the limit while disabled.
    assert_eq!(authorize(&mut cp, "B", vmcpflg1::VMCPPRTY, 169), Rc::Ok);
    disable(&mut cp, "B");
    for mid in 0..50 {
        assert_eq!(send(&mut cp, "A", Send, "B", mid, 0), Rc::Ok);
    }
    for _ in 0..60 {
        cp.smsg(uid("A"), uid("B"), b"\xC8\xC9").unwrap();
    }
    assert_eq!(cp.messages_in_transit(), 50);
    enable(&mut cp, "B");
    assert_eq!(interrupts(&cp).len(), 110);
    // A quiesced target, or one whose buffer cannot hold the text, gets nothing and the issuer
    // is told why.
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    cp.clear_events();
    assert_eq!(
        cp.smsg(uid("A"), uid("B"), b"\xC8\xC9"),
        Err(CpError::NotReceiving(uid("B"), NotReceiving::Quiesced))
    );
    assert_eq!(bare(&mut cp, "B", Resume), Rc::Ok);
    assert_eq!(authorize(&mut cp, "B", 0, 41), Rc::Ok);
    cp.clear_events();
    assert_eq!(
        cp.smsg(uid("A"), uid("B"), b"\xC8\xC9"),
        Err(CpError::NotReceiving(
            uid("B"),
            NotReceiving::BufferTooSmall
        ))
    );
    assert_eq!(
        cp.events().events(),
        [Event::Error {
            user: uid("A"),
            error: CpError::NotReceiving(uid("B"), NotReceiving::BufferTooSmall),
        }]
    );
    cp.smsg(uid("A"), uid("B"), b"\xC8").unwrap();
    assert_eq!(interrupts(&cp).len(), 1, "one byte fits in 41");
}

#[test]
fn decision_d5_source_logoff_or_unauthorize_purges_its_messages() {
    for leave in ["LOGOFF", "UNAUTHORIZE"] {
        let mut cp = abc();
        authorize_all(&mut cp, &["C"]);
        disable(&mut cp, "C");
        assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok); // presented
        assert_eq!(send(&mut cp, "A", SendRecv, "B", 2, 5), Rc::Ok);
        assert_eq!(receive(&mut cp, "B", "A", 2, RECV, 5), Rc::Ok); // received
        assert_eq!(send(&mut cp, "A", Sendx, "C", 3, 5), Rc::Ok); // queued at C
        assert_eq!(send(&mut cp, "A", Send, "C", 4, 5), Rc::Ok); // queued at C
        assert_eq!(cp.messages_in_transit(), 4);
        cp.clear_events();
        match leave {
            "LOGOFF" => cp.logoff(uid("A")).unwrap(),
            _ => assert_eq!(bare(&mut cp, "A", Unauthorize), Rc::Ok),
        }
        // No interrupt to anyone; every message gone.
        assert!(interrupts(&cp).is_empty(), "{leave}");
        assert_eq!(cp.messages_in_transit(), 0);
        assert_eq!(cp.vm(uid("C")).unwrap().pending_interrupts(), 0);
        enable(&mut cp, "C");
        assert_quiet(&cp);
        // The sinks' answers find nothing (A may even be back, authorized again).
        if leave == "LOGOFF" {
            cp.logon(uid("A"));
        }
        authorize_all(&mut cp, &["A"]);
        assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::MessageNotFound);
        assert_eq!(reply(&mut cp, "B", "A", 2, 0), Rc::MessageNotFound);
        assert_eq!(reject(&mut cp, "C", "A", 4), Rc::MessageNotFound);
        assert_quiet(&cp);
    }
}

#[test]
fn decision_d6_revised_receive_and_reply_check_the_source_before_the_lookup() {
    // A source that logged off or UNAUTHORIZEd with a message delivered: the sink's RECEIVE
    // and REPLY get 5 (the source is checked first, as a SEND's target is), its REJECT 12
    // (REJECT has no 5; docs/decisions.md#d5 purged the message). Once the source is authorized again, 12.
    for leave in ["LOGOFF", "UNAUTHORIZE"] {
        let mut cp = abc();
        assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
        assert_eq!(send(&mut cp, "A", SendRecv, "B", 2, 5), Rc::Ok);
        match leave {
            "LOGOFF" => cp.logoff(uid("A")).unwrap(),
            _ => assert_eq!(bare(&mut cp, "A", Unauthorize), Rc::Ok),
        }
        assert_eq!(
            receive(&mut cp, "B", "A", 1, RECV, 5),
            Rc::UserNotAvailable,
            "{leave}"
        );
        assert_eq!(reply(&mut cp, "B", "A", 2, 0), Rc::UserNotAvailable);
        assert_eq!(reject(&mut cp, "B", "A", 1), Rc::MessageNotFound);
        assert_eq!(reject(&mut cp, "B", "A", 2), Rc::MessageNotFound);
        if leave == "LOGOFF" {
            cp.logon(uid("A"));
        }
        authorize_all(&mut cp, &["A"]);
        assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::MessageNotFound);
        assert_eq!(reply(&mut cp, "B", "A", 2, 0), Rc::MessageNotFound);
        assert_quiet(&cp);
    }
    // SPECIFIC for some other VM, whenever it was set: 5; SPECIFIC for the caller: answered.
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(authorize_specific(&mut cp, "A", uid("C"), 0, 200), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::UserNotAvailable);
    assert_eq!(authorize_specific(&mut cp, "A", uid("B"), 0, 200), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
}

#[test]
fn decision_d5_sink_logoff_or_unauthorize_answers_each_source_with_eflg_5() {
    for leave in ["LOGOFF", "UNAUTHORIZE"] {
        let mut cp = abc();
        authorize_all(&mut cp, &["C"]);
        assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok); // presented
        assert_eq!(send(&mut cp, "C", SendRecv, "B", 1, 5), Rc::Ok);
        assert_eq!(receive(&mut cp, "B", "C", 1, RECV, 5), Rc::Ok); // received
        disable(&mut cp, "B");
        assert_eq!(send_with(&mut cp, "A", Sendx, "B", 2, 5, 0x40), Rc::Ok); // queued
        // B's own message to A, whose RESPONSE B has not taken, is B's: purged silently.
        let p = send_plist(Send, "A", 9, DATA, 5);
        assert_eq!(call(&mut cp, "B", p), Rc::Ok);
        assert_eq!(reject(&mut cp, "A", "B", 9), Rc::Ok);
        cp.clear_events();
        match leave {
            "LOGOFF" => cp.logoff(uid("B")).unwrap(),
            _ => assert_eq!(bare(&mut cp, "B", Unauthorize), Rc::Ok),
        }
        let gone = |sub, mid, stat, lena, vadb, lenb| Vmcmhdr {
            eflg: 5,
            vada: DATA,
            lena,
            vadb,
            lenb,
            use_dw: SEND_DW,
            ..hdr(RESP | stat, sub, mid, "B")
        };
        assert_interrupts(
            &cp,
            &[
                // A's priority RESPONSE goes ahead of its other one (docs/decisions.md#d13).
                ("A", gone(Sendx, 2, PRTY, 5, 0, 0), &[]),
                ("A", gone(Send, 1, 0, 5, 0, 0), &[]),
                ("C", gone(SendRecv, 1, 0, 0, RBUF, 64), &[]),
            ],
        );
        assert_eq!(cp.messages_in_transit(), 0, "{leave}");
    }
}

#[test]
fn decision_d6_check_order_for_starting_a_message() {
    // Every error at once, then mended one at a time, in the order 2, 4, 1, 5, 18, 9, 7, 8, 10.
    let mut cp = abc();
    disable(&mut cp, "A");
    disable(&mut cp, "B");
    for mid in 1..=50 {
        assert_eq!(send(&mut cp, "A", Send, "B", mid, 0), Rc::Ok);
    }
    // B now takes only C, no priority, with room for 10 bytes of SENDX data; A's 50 messages
    // end (VMCMEFLG 5) but count until A, disabled, takes their RESPONSEs.
    assert_eq!(authorize_specific(&mut cp, "B", uid("C"), 0, 50), Rc::Ok);
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    let mut p = send_plist(Sendx, "B", 1, (1 << 20) - 4, 11);
    p.flg1 = vmcpflg1::VMCPPRTY;
    p.func = 0x0104;
    assert_eq!(call(&mut cp, "C", p), Rc::InvalidSubfunction);
    p.func = Sendx.code();
    assert_eq!(call(&mut cp, "C", p), Rc::NotAuthorized);
    assert_eq!(call(&mut cp, "A", p), Rc::InvalidBuffer);
    p.vada = DATA;
    assert_eq!(call(&mut cp, "A", p), Rc::UserNotAvailable);
    assert_eq!(authorize_specific(&mut cp, "B", uid("A"), 0, 50), Rc::Ok);
    assert_eq!(call(&mut cp, "A", p), Rc::PriorityNotAuthorized);
    assert_eq!(
        authorize_specific(&mut cp, "B", uid("A"), vmcpflg1::VMCPPRTY, 50),
        Rc::Ok
    );
    assert_eq!(call(&mut cp, "A", p), Rc::TargetQuiesced);
    assert_eq!(bare(&mut cp, "B", Resume), Rc::Ok);
    assert_eq!(call(&mut cp, "A", p), Rc::SendxTooLarge);
    p.lena = 10;
    assert_eq!(call(&mut cp, "A", p), Rc::DuplicateMessage);
    p.mid = 99;
    assert_eq!(call(&mut cp, "A", p), Rc::MessageLimitExceeded);
    enable(&mut cp, "A");
    assert_eq!(interrupts(&cp).len(), 50);
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
}

#[test]
fn decision_d6_check_order_for_answering_a_message() {
    // 2, 4, 1, 5 (docs/decisions.md#d6, revised: the source, before the lookup), 12, 13, 3, then 16
    // before 17 as the data would move.
    let mut cp = cp_with(&["A", "B"]);
    authorize_all(&mut cp, &["A"]);
    disable(&mut cp, "A");
    assert_eq!(send(&mut cp, "A", SendRecv, "A", 1, 12), Rc::Ok);
    let mut p = answer_plist(Receive, "A", 2);
    (p.vada, p.lena) = ((1 << 20) - 4, 5);
    p.func = 0x0105;
    assert_eq!(call(&mut cp, "B", p), Rc::InvalidSubfunction);
    p.func = Receive.code();
    assert_eq!(call(&mut cp, "B", p), Rc::NotAuthorized);
    assert_eq!(call(&mut cp, "A", p), Rc::InvalidBuffer);
    (p.vada, p.lena) = (DATA + 4, 4);
    p.user = uid("B"); // logged on, not authorized
    assert_eq!(call(&mut cp, "A", p), Rc::UserNotAvailable);
    p.user = uid("A");
    assert_eq!(call(&mut cp, "A", p), Rc::MessageNotFound);
    p.mid = 1;
    assert_eq!(call(&mut cp, "A", p), Rc::SynchronizationError);
    enable(&mut cp, "A");
    let mut r = p;
    r.vada = RECV;
    r.lena = 12;
    assert_eq!(call(&mut cp, "A", r), Rc::Ok);
    assert_eq!(call(&mut cp, "A", r), Rc::ProtocolViolation);
    // A fresh one: a buffer both too short and overlapping the data is "too short".
    assert_eq!(reply(&mut cp, "A", "A", 1, 0), Rc::Ok);
    assert_eq!(send(&mut cp, "A", SendRecv, "A", 1, 12), Rc::Ok);
    assert_eq!(call(&mut cp, "A", p), Rc::IncorrectLength);
}

#[test]
fn decision_d7_repeated_quiesce_and_needless_resume_return_0() {
    let mut cp = abc();
    assert_eq!(bare(&mut cp, "B", Resume), Rc::Ok);
    assert!(!cp.vm(uid("B")).unwrap().is_quiesced());
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    assert_eq!(bare(&mut cp, "B", Quiesce), Rc::Ok);
    assert!(cp.vm(uid("B")).unwrap().is_quiesced());
    assert_eq!(bare(&mut cp, "B", Resume), Rc::Ok);
    assert!(
        !cp.vm(uid("B")).unwrap().is_quiesced(),
        "one RESUME undoes two"
    );
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 0), Rc::Ok);
}

#[test]
fn decision_d8_too_short_moves_nothing_and_ends_the_transaction() {
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"HELLO").unwrap();
    fill(&mut cp, "B", RECV, 5, 0xEE);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 4), Rc::IncorrectLength);
    assert_eq!(peek(&cp, "B", RECV, 5), [0xEE; 5], "not even 4 bytes moved");
    let ints = interrupts(&cp);
    assert_eq!((ints.len(), ints[0].1.eflg, ints[0].1.lena), (1, 0x10, 5));
    // A REPLY longer than the reply buffer: the same.
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 2, 5), Rc::Ok);
    fill(&mut cp, "A", RBUF, 70, 0xEE);
    assert_eq!(reply(&mut cp, "B", "A", 2, 65), Rc::IncorrectLength);
    assert_eq!(peek(&cp, "A", RBUF, 70), [0xEE; 70]);
    let ints = interrupts(&cp);
    assert_eq!((ints.len(), ints[0].1.eflg, ints[0].1.lenb), (1, 0x10, 64));
    assert_eq!(cp.messages_in_transit(), 0);
}

#[test]
fn decision_d9_bad_parameter_list_is_a_program_exception_not_a_return_code() {
    let mut cp = abc();
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    cp.clear_events();
    for (addr, error) in [
        (PLIST + 4, CpError::SpecificationException(PLIST + 4)),
        (PLIST + 1, CpError::SpecificationException(PLIST + 1)),
        (1 << 20, CpError::AddressingException(1 << 20)),
        ((1 << 20) - 32, CpError::AddressingException((1 << 20) - 32)),
    ] {
        assert_eq!(cp.diagnose_68(uid("B"), addr), Err(error));
        assert_eq!(
            cp.events().events(),
            [Event::Error {
                user: uid("B"),
                error
            }],
            "an error line and nothing else: no return code"
        );
        cp.clear_events();
    }
    assert_eq!(cp.messages_in_transit(), 1);
    // The last doubleword that holds a whole list is fine.
    let mut p = answer_plist(Receive, "A", 1);
    (p.vada, p.lena) = (RECV, 5);
    cp.store(uid("B"), (1 << 20) - 40, &p.encode()).unwrap();
    assert_eq!(cp.diagnose_68(uid("B"), (1 << 20) - 40), Ok(Rc::Ok));
}

#[test]
fn decision_d10_limit_counts_until_response_presented_identify_until_presented() {
    let mut cp = abc();
    let in_transit = |cp: &Cp| cp.vm(uid("A")).unwrap().messages_in_transit();
    disable(&mut cp, "B");
    for mid in 0..49 {
        assert_eq!(send(&mut cp, "A", Send, "B", mid, 0), Rc::Ok);
    }
    assert_eq!(identify(&mut cp, "A", "B"), Rc::Ok);
    assert_eq!(in_transit(&cp), 50);
    assert_eq!(identify(&mut cp, "A", "B"), Rc::MessageLimitExceeded);
    // Presented, the IDENTIFY is over.
    enable(&mut cp, "B");
    assert_eq!(in_transit(&cp), 49);
    assert_eq!(send(&mut cp, "A", Send, "B", 49, 0), Rc::Ok);
    // Answered but its RESPONSE not yet presented (A disabled), a message still counts.
    disable(&mut cp, "A");
    assert_eq!(receive(&mut cp, "B", "A", 0, RECV, 0), Rc::Ok);
    assert_eq!(in_transit(&cp), 50);
    assert_eq!(
        send(&mut cp, "A", Send, "B", 50, 0),
        Rc::MessageLimitExceeded
    );
    enable(&mut cp, "A");
    assert_eq!(in_transit(&cp), 49);
    // CANCEL frees a slot at once.
    assert_eq!(send(&mut cp, "A", Send, "B", 50, 0), Rc::Ok);
    assert_eq!(cancel(&mut cp, "A", "B", 50), Rc::Ok);
    assert_eq!(in_transit(&cp), 49);
}

#[test]
fn decision_d11_codes_6_15_19_named_never_given() {
    // A program's own stored code decodes; the engine never gives these (rc_never.rs).
    assert_eq!(Rc::from_number(6), Some(Rc::ProtectionViolation));
    assert_eq!(Rc::from_number(15), Some(Rc::PagingError));
    assert_eq!(Rc::from_number(19), Some(Rc::Reply19));
    // A RECEIVE into page 0, where CP's key would normally protect, works under PSW key 0.
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"KEY0").unwrap();
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 1, 4), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, 0, 4), Rc::Ok);
    assert_eq!(peek(&cp, "B", 0, 4), b"KEY0");
    assert_eq!(reply(&mut cp, "B", "A", 1, 4), Rc::Ok);
}

#[test]
fn decision_d12_one_smsg_flag() {
    let mut cp = cp_with(&["A", "B"]);
    let smsg_ok = |cp: &mut Cp| cp.smsg(uid("A"), uid("B"), b"\xC8");
    let flag = |cp: &Cp| cp.vm(uid("B")).unwrap().smsg();
    // Flag on without VMCF authorization.
    cp.set_smsg(uid("B"), true).unwrap();
    assert_eq!(
        smsg_ok(&mut cp),
        Err(CpError::NotReceiving(uid("B"), NotReceiving::NotAuthorized))
    );
    // AUTHORIZE without X'20' leaves the flag on.
    assert_eq!(authorize(&mut cp, "B", 0, 169), Rc::Ok);
    assert!(flag(&cp));
    assert_eq!(smsg_ok(&mut cp), Ok(()));
    // SET SMSG OFF clears it, whatever AUTHORIZE said.
    assert_eq!(authorize(&mut cp, "B", vmcpflg1::VMCPSMSG, 169), Rc::Ok);
    cp.set_smsg(uid("B"), false).unwrap();
    assert_eq!(
        smsg_ok(&mut cp),
        Err(CpError::NotReceiving(uid("B"), NotReceiving::SmsgOff))
    );
    // AUTHORIZE with X'20' sets it; UNAUTHORIZE leaves it; "SMSG OFF" is said before "NOT
    // AUTHORIZED".
    assert_eq!(authorize(&mut cp, "B", vmcpflg1::VMCPSMSG, 169), Rc::Ok);
    assert!(flag(&cp));
    assert_eq!(bare(&mut cp, "B", Unauthorize), Rc::Ok);
    assert!(flag(&cp));
    cp.set_smsg(uid("B"), false).unwrap();
    assert_eq!(
        smsg_ok(&mut cp),
        Err(CpError::NotReceiving(uid("B"), NotReceiving::SmsgOff))
    );
}

#[test]
fn decision_d13_held_interrupts_presented_in_order_priority_first() {
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"XYZ").unwrap();
    disable(&mut cp, "B");
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 3), Rc::Ok);
    assert_eq!(send_with(&mut cp, "A", Sendx, "B", 2, 3, 0x40), Rc::Ok);
    assert_eq!(send(&mut cp, "A", SendRecv, "B", 3, 3), Rc::Ok);
    assert_eq!(send_with(&mut cp, "A", Send, "B", 4, 3, 0x40), Rc::Ok);
    assert_eq!(cp.vm(uid("B")).unwrap().pending_interrupts(), 4);
    assert!(interrupts(&cp).is_empty(), "held while B is disabled");
    enable(&mut cp, "B");
    let send_int = |sub, mid, stat| Vmcmhdr {
        vada: DATA,
        lena: 3,
        vadb: if sub == SendRecv { RBUF } else { 0 },
        lenb: if sub == SendRecv { 64 } else { 0 },
        use_dw: SEND_DW,
        ..hdr(stat, sub, mid, "A")
    };
    // B takes all it has waiting, then A the SENDX's RESPONSE that one of them caused.
    assert_interrupts(
        &cp,
        &[
            ("B", send_int(Sendx, 2, PRTY), b"XYZ"),
            ("B", send_int(Send, 4, PRTY), &[]),
            ("B", send_int(Send, 1, 0), &[]),
            ("B", send_int(SendRecv, 3, 0), &[]),
            (
                "A",
                Vmcmhdr {
                    vada: DATA,
                    use_dw: SEND_DW,
                    ..hdr(RESP | PRTY, Sendx, 2, "B")
                },
                &[],
            ),
        ],
    );
    // RESPONSEs too: the priority one overtakes the one that finished first.
    disable(&mut cp, "A");
    assert_eq!(reject(&mut cp, "B", "A", 1), Rc::Ok);
    assert_eq!(reject(&mut cp, "B", "A", 4), Rc::Ok);
    enable(&mut cp, "A");
    let mids: Vec<(u32, u8)> = interrupts(&cp)
        .iter()
        .map(|(_, h, _)| (h.mid, h.stat))
        .collect();
    assert_eq!(mids, [(4, RESP | RJCT | PRTY), (1, RESP | RJCT)]);
}

#[test]
fn decision_d14_sendx_completes_when_presented() {
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"LATE").unwrap();
    disable(&mut cp, "B");
    assert_eq!(send(&mut cp, "A", Sendx, "B", 1, 4), Rc::Ok);
    assert_quiet(&cp);
    assert_eq!(cp.messages_in_transit(), 1);
    // The data is read when presented: what A stores meanwhile is what B gets.
    cp.store(uid("A"), DATA, b"NEW!").unwrap();
    enable(&mut cp, "B");
    assert_interrupts(
        &cp,
        &[
            (
                "B",
                Vmcmhdr {
                    vada: DATA,
                    lena: 4,
                    use_dw: SEND_DW,
                    ..hdr(0, Sendx, 1, "A")
                },
                b"NEW!",
            ),
            (
                "A",
                Vmcmhdr {
                    vada: DATA,
                    use_dw: SEND_DW,
                    ..hdr(RESP, Sendx, 1, "B")
                },
                &[],
            ),
        ],
    );
    assert_eq!(cp.messages_in_transit(), 0);
    // Re-AUTHORIZEd meanwhile with a buffer too small: data-transfer code 7, B gets nothing.
    disable(&mut cp, "B");
    assert_eq!(send(&mut cp, "A", Sendx, "B", 2, 4), Rc::Ok);
    assert_eq!(authorize(&mut cp, "B", 0, 43), Rc::Ok);
    enable(&mut cp, "B");
    assert_interrupts(
        &cp,
        &[(
            "A",
            Vmcmhdr {
                eflg: 7,
                vada: DATA,
                lena: 4,
                use_dw: SEND_DW,
                ..hdr(RESP, Sendx, 2, "B")
            },
            &[],
        )],
    );
}

#[test]
fn decision_d15_cancel_withdraws_a_queued_identify() {
    let mut cp = abc();
    disable(&mut cp, "B");
    let identify_with = |cp: &mut Cp, mid: u32, dw: &[u8; 8]| {
        let mut p = plist(Identify);
        (p.user, p.mid, p.use_dw) = (uid("B"), mid, *dw);
        assert_eq!(call(cp, "A", p), Rc::Ok);
    };
    identify_with(&mut cp, 7, b"FIRST   ");
    identify_with(&mut cp, 7, b"SECOND  ");
    identify_with(&mut cp, 8, b"OTHER   ");
    assert_eq!(cp.messages_in_transit(), 3);
    // Matched by sink and MID; the oldest of two goes, RC 0, and stops counting (docs/decisions.md#d10).
    assert_eq!(cancel(&mut cp, "A", "B", 7), Rc::Ok);
    assert_quiet(&cp);
    assert_eq!(cp.messages_in_transit(), 2);
    assert_eq!(cp.vm(uid("B")).unwrap().pending_interrupts(), 2);
    // The wrong sink, the wrong MID, or the sink itself cancelling: not found.
    assert_eq!(cancel(&mut cp, "A", "C", 7), Rc::MessageNotFound);
    assert_eq!(cancel(&mut cp, "A", "B", 9), Rc::MessageNotFound);
    assert_eq!(cancel(&mut cp, "B", "A", 7), Rc::MessageNotFound);
    // The withdrawn one never arrives; the other two do, in order.
    cp.clear_events();
    enable(&mut cp, "B");
    let dws: Vec<[u8; 8]> = interrupts(&cp).iter().map(|i| i.1.use_dw).collect();
    assert_eq!(dws, [*b"SECOND  ", *b"OTHER   "]);
    // Once presented, CP keeps no record of an IDENTIFY: 12.
    assert_eq!(cancel(&mut cp, "A", "B", 7), Rc::MessageNotFound);
    assert_eq!(cancel(&mut cp, "A", "B", 8), Rc::MessageNotFound);
    assert_eq!(cp.messages_in_transit(), 0);
}
