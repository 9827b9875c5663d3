//! Resource limits, each as CP would behave at it: the SMSGs a disabled VM collects, the
//! length of an input line, a script of many lines, and many logged-on users. Every limit ends
//! in CP's kind of answer (an error or a refusal), never in a panic or unbounded memory.

use crate::console::Console;
use crate::support::{authorize, cp_with, interrupts, uid};
use vmcfsim::cp::{CpError, NotReceiving, SMSG_PENDING_MAX};
use vmcfsim::vmcf::vmcpflg1;

/// SMSGs do not count towards the issuer's 50 messages (DECISION D4), so a disabled VM would
/// collect them without end. CP keeps at most SMSG_PENDING_MAX for it; the next is refused,
/// nothing queued is lost, and once the VM enables and takes them it receives again.
#[test]
fn a_disabled_vm_holds_at_most_256_smsgs_and_loses_none() {
    let mut cp = cp_with(&["A", "B"]);
    authorize(&mut cp, "A", vmcpflg1::VMCPSMSG, 200);
    cp.disable(uid("A")).unwrap();
    for i in 0..SMSG_PENDING_MAX {
        cp.smsg(uid("B"), uid("A"), format!("{i:03}").as_bytes())
            .unwrap();
    }
    assert_eq!(cp.vm(uid("A")).unwrap().pending_smsgs(), SMSG_PENDING_MAX);
    assert_eq!(
        cp.smsg(uid("B"), uid("A"), b"one too many"),
        Err(CpError::NotReceiving(uid("A"), NotReceiving::SmsgsPending))
    );
    // The refusal did not cost the issuer a message slot, nor the target a queued SMSG.
    assert_eq!(cp.vm(uid("B")).unwrap().messages_in_transit(), 0);
    cp.clear_events();
    cp.enable(uid("A")).unwrap();
    let got: Vec<Vec<u8>> = interrupts(&cp).into_iter().map(|(_, _, d)| d).collect();
    let want: Vec<Vec<u8>> = (0..SMSG_PENDING_MAX)
        .map(|i| format!("{i:03}").into_bytes())
        .collect();
    assert_eq!(got, want, "all of them, in the order sent");
    assert_eq!(cp.vm(uid("A")).unwrap().pending_smsgs(), 0);
    cp.smsg(uid("B"), uid("A"), b"again").unwrap();
}

/// The count follows the queue through a VMCF reset (UNAUTHORIZE drops what was queued).
#[test]
fn unauthorize_forgets_the_pending_smsgs() {
    let mut cp = cp_with(&["A", "B"]);
    authorize(&mut cp, "A", vmcpflg1::VMCPSMSG, 200);
    cp.disable(uid("A")).unwrap();
    for _ in 0..SMSG_PENDING_MAX {
        cp.smsg(uid("B"), uid("A"), b"x").unwrap();
    }
    let mut p = crate::support::plist(vmcfsim::Subfunction::Unauthorize);
    p.user = uid("A");
    crate::support::diag(&mut cp, "A", p);
    assert_eq!(cp.vm(uid("A")).unwrap().pending_smsgs(), 0);
    authorize(&mut cp, "A", vmcpflg1::VMCPSMSG, 200);
    cp.smsg(uid("B"), uid("A"), b"x").unwrap();
}

/// On the console the refusal reads as CP's DMKMSG057W, naming the limit.
#[test]
fn the_smsg_past_the_limit_is_refused_on_the_console() {
    let mut c = Console::new();
    c.lines(&["LOGON A", "VMCF AUTH SMSG BUF 169", "DISABLE", "LOGON B"]);
    for i in 0..SMSG_PENDING_MAX {
        let t = c.line(format!("SMSG A {i}"));
        assert!(!t.contains("DMK"), "{t}");
    }
    let t = c.line("SMSG A overflow");
    let want = format!("DMKMSG057W A NOT RECEIVING; {SMSG_PENDING_MAX} SMSGS PENDING");
    assert!(t.contains(&want), "{t}");
    // A enables and takes every one of them, in order; the refused one never arrives.
    let t = c.line("A: ENABLE");
    assert_eq!(t.matches("VMCMFUNC").count(), SMSG_PENDING_MAX, "{t:.3000}");
    assert!(!t.contains("overflow"));
}
