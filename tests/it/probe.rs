use crate::support::*;
use vmcfsim::ReturnCode as Rc;
use vmcfsim::vmcf::Subfunction::*;

#[test]
fn probe_slot_reuse() {
    let mut cp = cp_with(&["A", "B"]);
    authorize_all(&mut cp, &["A", "B"]);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 4), Rc::Ok);
    disable(&mut cp, "A");
    cp.logoff(uid("B")).unwrap();
    cp.logon(uid("C"));
    authorize_all(&mut cp, &["C"]);
    assert_eq!(send(&mut cp, "A", Send, "C", 1, 4), Rc::Ok);
}

#[test]
fn probe_specific_source() {
    let mut cp = cp_with(&["A", "B", "C"]);
    authorize_all(&mut cp, &["B", "C"]);
    let mut p = plist(Authorize);
    p.flg1 = 0x80;
    p.user = uid("C");
    p.vada = BUF;
    p.lena = 40;
    assert_eq!(call(&mut cp, "A", p), Rc::Ok);
    assert_eq!(send(&mut cp, "A", Send, "B", 1, 4), Rc::Ok);
    assert_eq!(receive(&mut cp, "B", "A", 1, RECV, 4), Rc::Ok);
}
