//! RC 2, the code every subfunction can get: VMCPFUNC is not X'0000'-X'000B' (SPG R6 p. 196). It is
//! checked first of all (docs/decisions.md#d6), so it comes before RC 4 for a VM that never
//! AUTHORIZEd and before RC 1 for a parameter list whose buffers are bad, and the call changes
//! nothing. CP compares the whole halfword: a subfunction's code with any high-order bit set is
//! invalid.

use crate::support::*;
use vmcfsim::{Cp, ReturnCode as Rc, Subfunction};

/// What a refused call must leave as it was.
fn state(cp: &Cp) -> Vec<String> {
    cp.users()
        .into_iter()
        .map(|u| {
            let vm = cp.vm(u).unwrap();
            format!(
                "{u} {:?} quiesced={} smsg={} pending={} outbound={}",
                vm.authorization(),
                vm.is_quiesced(),
                vm.smsg(),
                vm.pending_interrupts(),
                vm.messages_in_transit()
            )
        })
        .collect()
}

/// A parameter list of `sub` as a program would build it (with a buffer outside storage, which
/// would be RC 1), its VMCPFUNC spoiled in several ways: RC 2 from A (authorized, with a
/// message to B in transit) and from C (not authorized), and nothing else happens.
fn rc_2_invalid_function_code(sub: Subfunction) {
    let mut cp = cp_with(&["A", "B", "C"]);
    authorize_all(&mut cp, &["A", "B"]);
    disable(&mut cp, "B");
    assert_eq!(send(&mut cp, "A", Subfunction::Send, "B", 1, 5), Rc::Ok);
    let before = state(&cp);
    let mut p = send_plist(sub, "B", 1, (1 << 20) - 1, 8);
    (p.vadb, p.lenb) = (RBUF, 64);
    p.flg1 = 0xE0;
    for func in [
        sub.code() | 0x0100,
        sub.code() | 0x8000,
        sub.code() + 0x000C,
    ] {
        p.func = func;
        for user in ["A", "C"] {
            assert_eq!(
                call(&mut cp, user, p),
                Rc::InvalidSubfunction,
                "{user}: {sub} as X'{func:04X}'"
            );
            assert_quiet(&cp);
            assert_eq!(state(&cp), before);
        }
    }
}

macro_rules! rc_2_tests {
    ($($name:ident: $sub:ident,)*) => {
        $(
            #[test]
            fn $name() {
                rc_2_invalid_function_code(Subfunction::$sub);
            }
        )*
    };
}

rc_2_tests! {
    authorize_rc_2_invalid_function_code: Authorize,
    unauthorize_rc_2_invalid_function_code: Unauthorize,
    send_rc_2_invalid_function_code: Send,
    send_recv_rc_2_invalid_function_code: SendRecv,
    sendx_rc_2_invalid_function_code: Sendx,
    receive_rc_2_invalid_function_code: Receive,
    cancel_rc_2_invalid_function_code: Cancel,
    reply_rc_2_invalid_function_code: Reply,
    quiesce_rc_2_invalid_function_code: Quiesce,
    resume_rc_2_invalid_function_code: Resume,
    identify_rc_2_invalid_function_code: Identify,
    reject_rc_2_invalid_function_code: Reject,
}

#[test]
fn rc_2_for_every_code_past_x000b() {
    let mut cp = cp_with(&["A"]);
    for func in [0x000C, 0x000D, 0x00FF, 0x0100, 0x7FFF, 0xFFFF] {
        let mut p = plist(Subfunction::Authorize);
        p.func = func;
        assert_eq!(call(&mut cp, "A", p), Rc::InvalidSubfunction);
    }
    assert!(cp.vm(uid("A")).unwrap().authorization().is_none());
}
