//! The engine's CP commands that act on a VM as a whole: DISCONN and reconnect, FORCE,
//! SYSTEM RESET and CLEAR (also IPL's reset), WARNING and the SET settings.

use crate::support::*;
use vmcfsim::Subfunction::*;
use vmcfsim::{Cp, CpError, CpMessage, Emsg, Event, NotReceiving, ReturnCode as Rc};

fn messages(cp: &Cp) -> Vec<(String, CpMessage)> {
    cp.events()
        .events()
        .iter()
        .filter_map(|e| match e {
            Event::Message { user, message } => Some((user.to_string(), message.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_disconnected_vm_runs_on_and_logon_reconnects_it() {
    let mut cp = abc();
    cp.store(uid("A"), DATA, b"HELLO").unwrap();
    cp.clear_events();
    assert!(!cp.is_disconnected(uid("B")));
    cp.disconnect(uid("B")).unwrap();
    assert!(cp.is_disconnected(uid("B")) && cp.is_logged_on(uid("B")));
    assert!(matches!(messages(&cp)[..], [(ref u, CpMessage::DisconnectAt(_))] if u == "B"));
    // A second DISCONN is refused; so is one of a VM not logged on.
    assert_eq!(
        cp.disconnect(uid("B")),
        Err(CpError::AlreadyDisconnected(uid("B")))
    );
    assert_eq!(
        cp.disconnect(uid("NOBODY")),
        Err(CpError::NotLoggedOn(uid("NOBODY")))
    );
    // MSG and WARNING find no terminal; VMCF and SMSG reach the program.
    let refused = Err(CpError::NotReceiving(uid("B"), NotReceiving::Disconnected));
    assert_eq!(cp.msg(uid("A"), uid("B"), "hi"), refused);
    assert_eq!(cp.warning(uid("A"), uid("B"), "hi"), refused);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 5), Rc::Ok);
    assert_eq!(interrupts(&cp).len(), 1, "the SEND interrupt reached B");
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 5), Rc::Ok);
    // LOGON reconnects: no new VM, the flag is down, what arrived is still there.
    cp.clear_events();
    assert!(!cp.logon(uid("B")), "a reconnect, not a new logon");
    assert!(!cp.is_disconnected(uid("B")));
    assert!(matches!(
        messages(&cp)[..],
        [(_, CpMessage::Reconnected(_))]
    ));
    assert_eq!(peek(&cp, "B", RECV, 5), b"HELLO");
    assert_eq!(cp.msg(uid("A"), uid("B"), "hi"), Ok(()));
}

#[test]
fn warning_needs_wng_on_and_a_terminal() {
    let mut cp = abc();
    cp.set_wng(uid("B"), false).unwrap();
    assert!(!cp.vm(uid("B")).unwrap().wng());
    assert_eq!(
        cp.warning(uid("A"), uid("B"), "x"),
        Err(CpError::NotReceiving(uid("B"), NotReceiving::WngOff))
    );
    // MSG is another setting.
    assert_eq!(cp.msg(uid("A"), uid("B"), "x"), Ok(()));
    cp.set_wng(uid("B"), true).unwrap();
    cp.clear_events();
    assert_eq!(cp.warning(uid("A"), uid("B"), "x"), Ok(()));
    assert!(
        matches!(&messages(&cp)[..], [(u, CpMessage::WngFrom { text, .. })] if u == "B" && text == "x")
    );
    assert_eq!(
        cp.warning(uid("A"), uid("NOBODY"), "x"),
        Err(CpError::NotLoggedOn(uid("NOBODY")))
    );
}

#[test]
fn force_does_what_logoff_does_and_tells_both_sides() {
    let mut cp = abc();
    authorize_all(&mut cp, &["C"]);
    assert_eq!(send(&mut cp, "B", Send, "A", 1, 5), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Send, "C", 2, 5), Rc::Ok);
    cp.clear_events();
    cp.force(uid("C"), uid("A")).unwrap();
    assert!(!cp.is_logged_on(uid("A")));
    // A's message to C purged, B's message to A answered with EFLG 5 (docs/decisions.md#d5).
    let ints = interrupts(&cp);
    assert_eq!(ints.len(), 1);
    assert_eq!((ints[0].0, ints[0].1.eflg), (uid("B"), 5));
    assert_eq!(cp.messages_in_transit(), 0);
    let m = messages(&cp);
    assert!(
        matches!(m[0], (ref u, CpMessage::ForcedOff { .. }) if u == "A"),
        "{m:?}"
    );
    assert!(
        matches!(m[1], (ref u, CpMessage::Forced { users: 2, disconnected: false, .. }) if u == "C"),
        "{m:?}"
    );
    assert_eq!(
        cp.force(uid("C"), uid("A")),
        Err(CpError::NotLoggedOn(uid("A")))
    );
    // A disconnected VM is reported as DSC.
    cp.disconnect(uid("B")).unwrap();
    cp.clear_events();
    cp.force(uid("C"), uid("B")).unwrap();
    assert!(matches!(
        messages(&cp)[1],
        (
            _,
            CpMessage::Forced {
                users: 1,
                disconnected: true,
                ..
            }
        )
    ));
}

#[test]
fn system_reset_runs_the_unauthorize_cleanup_and_clear_zeroes_storage() {
    let mut cp = abc();
    authorize_all(&mut cp, &["C"]);
    assert_eq!(send(&mut cp, "B", Send, "A", 1, 5), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Send, "C", 2, 5), Rc::Ok);
    cp.store(uid("A"), 0x3000, b"KEEP").unwrap();
    cp.clear_events();
    cp.system_reset(uid("A"), false).unwrap();
    assert!(cp.vm(uid("A")).unwrap().authorization().is_none());
    assert_eq!(interrupts(&cp).len(), 1, "B's RESPONSE with EFLG 5");
    assert_eq!(cp.messages_in_transit(), 0);
    assert_eq!(peek(&cp, "A", 0x3000, 4), b"KEEP");
    cp.system_reset(uid("A"), true).unwrap();
    assert_eq!(peek(&cp, "A", 0x3000, 4), [0; 4]);
    assert_eq!(
        cp.vm(uid("A")).unwrap().storage().size(),
        1 << 20,
        "size kept"
    );
    assert_eq!(
        cp.system_reset(uid("NOBODY"), true),
        Err(CpError::NotLoggedOn(uid("NOBODY")))
    );
}

#[test]
fn the_set_settings_are_kept_per_vm() {
    let mut cp = abc();
    cp.set_emsg(uid("A"), Emsg::Code).unwrap();
    cp.set_imsg(uid("A"), false).unwrap();
    let a = cp.vm(uid("A")).unwrap();
    assert_eq!((a.emsg(), a.imsg(), a.wng()), (Emsg::Code, false, true));
    let b = cp.vm(uid("B")).unwrap();
    assert_eq!((b.emsg(), b.imsg()), (Emsg::On, true));
    assert!(cp.set_emsg(uid("NOBODY"), Emsg::Off).is_err());
}
