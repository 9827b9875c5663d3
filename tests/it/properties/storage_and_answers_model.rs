//! Properties of the engine under random sequences of operations among 2-6 virtual machines (a VM
//! sending to itself included): every SEND, SEND/RECV and SENDX accepted with RC 0 is answered
//! exactly once, by a RESPONSE to its source, by CANCEL (RC 0 or 11), or by the purge of
//! docs/decisions.md#d5 when its source leaves; none is ever lost; and no VM's storage changes
//! except where the manual says CP writes (docs/vmcf.md#headers-by-interrupt) (the interrupt
//! buffer, RECEIVE buffers, the source's REPLY buffer) and where the test itself STOREs.
//!
//! The test keeps a model beside the engine: each VM's storage byte for byte, its
//! authorization, and every message with what is known of it. It does not predict return codes;
//! it checks that each code fits what the model knows (an RC 12 while the model holds the
//! message open is a lost message), predicts every interrupt header and every byte moved, and
//! applies them to its copy of storage, which must then equal the VM's.

use crate::support::*;
use proptest::prelude::*;
use std::collections::VecDeque;
use vmcfsim::Subfunction::{self, *};
use vmcfsim::{Cp, ReturnCode as Rc, Userid, Vmcmhdr, Vmcparm, vmcmstat, vmcpflg1};
use vmcfsim::{CpError, Event};

/// Each VM's storage: small, so the whole of it is compared after every step.
const SIZE: u32 = 0x2000;
/// Interrupt buffers: two good places, one off a doubleword, one running past the end (with
/// most lengths).
const BUFS: [u32; 4] = [0x1000, 0x1800, 0x1004, 0x1FD8];
const LENS: [u32; 6] = [39, 40, 48, 64, 169, 200];

#[derive(Debug, Clone, Copy)]
struct Area {
    addr: u32,
    len: u32,
}

#[derive(Debug, Clone)]
enum Op {
    Authorize {
        vm: usize,
        flg1: u8,
        partner: usize,
        buf: usize,
        len: usize,
    },
    Unauthorize(usize),
    Send {
        vm: usize,
        sub: Subfunction,
        sink: usize,
        mid: u32,
        flg1: u8,
        a: Area,
        b: Area,
    },
    Identify {
        vm: usize,
        sink: usize,
        mid: u32,
        prio: bool,
    },
    Receive {
        vm: usize,
        pick: u32,
        a: Area,
    },
    Reply {
        vm: usize,
        pick: u32,
        a: Area,
    },
    Reject {
        vm: usize,
        pick: u32,
    },
    Cancel {
        vm: usize,
        pick: u32,
    },
    Quiesce(usize),
    Resume(usize),
    Disable(usize),
    Enable(usize),
    Logoff(usize),
    Logon(usize),
    DefineStorage(usize),
    Smsg {
        from: usize,
        to: usize,
        len: usize,
    },
    SetSmsg(usize, bool),
    Store {
        vm: usize,
        a: Area,
        seed: u8,
    },
}

fn area() -> impl Strategy<Value = Area> {
    prop_oneof![
        12 => (0u32..0x780, 0u32..80),
        1 => (0xFF0u32..0x1100, 0u32..64),
        1 => (0x1F00u32..0x2010, 0u32..0x180),
        1 => Just((0xFFFF_FFF0, 0x20)),
    ]
    .prop_map(|(addr, len)| Area { addr, len })
}

/// Names a user who never logs on.
const NOBODY: usize = 99;

/// VM indices run over 0..6; the test takes them modulo the number of VMs in the case. A target
/// is sometimes NOBODY.
fn op() -> impl Strategy<Value = Op> {
    let vm = || 0usize..6;
    let target = || prop_oneof![9 => 0usize..6, 1 => Just(NOBODY)];
    // Mostly good interrupt buffers: a VM that cannot AUTHORIZE takes no part.
    let buf = prop_oneof![5 => Just(0), 5 => Just(1), 1 => Just(2), 1 => Just(3)];
    let len = prop_oneof![1 => Just(0), 2 => Just(1), 2 => Just(2), 2 => Just(3), 3 => Just(4), 3 => Just(5)];
    let flg1 = (any::<bool>(), any::<bool>(), 0u8..4).prop_map(|(p, s, spec)| {
        let mut f = 0;
        if p {
            f |= vmcpflg1::VMCPPRTY;
        }
        if s {
            f |= vmcpflg1::VMCPSMSG;
        }
        if spec == 0 {
            f |= vmcpflg1::VMCPAUTS;
        }
        f
    });
    let sub = prop_oneof![Just(Send), Just(SendRecv), Just(Sendx)];
    prop_oneof![
        3 => (vm(), flg1, target(), buf, len)
            .prop_map(|(vm, flg1, partner, buf, len)| Op::Authorize { vm, flg1, partner, buf, len }),
        1 => vm().prop_map(Op::Unauthorize),
        14 => (vm(), sub, target(), 0u32..5, 0..4, 0u8..0x20, area(), area()).prop_map(
            |(vm, sub, sink, mid, prio, junk, a, b)| Op::Send {
                vm,
                sub,
                sink,
                mid,
                flg1: junk | if prio == 0 { vmcpflg1::VMCPPRTY } else { 0 },
                a,
                b,
            }
        ),
        2 => (vm(), target(), 0u32..5, any::<bool>())
            .prop_map(|(vm, sink, mid, prio)| Op::Identify { vm, sink, mid, prio }),
        6 => (vm(), any::<u32>(), area()).prop_map(|(vm, pick, a)| Op::Receive { vm, pick, a }),
        5 => (vm(), any::<u32>(), area()).prop_map(|(vm, pick, a)| Op::Reply { vm, pick, a }),
        3 => (vm(), any::<u32>()).prop_map(|(vm, pick)| Op::Reject { vm, pick }),
        3 => (vm(), any::<u32>()).prop_map(|(vm, pick)| Op::Cancel { vm, pick }),
        1 => vm().prop_map(Op::Quiesce),
        1 => vm().prop_map(Op::Resume),
        3 => vm().prop_map(Op::Disable),
        3 => vm().prop_map(Op::Enable),
        1 => vm().prop_map(Op::Logoff),
        2 => vm().prop_map(Op::Logon),
        1 => vm().prop_map(Op::DefineStorage),
        2 => (vm(), target(), 0usize..140).prop_map(|(from, to, len)| Op::Smsg { from, to, len }),
        1 => (vm(), any::<bool>()).prop_map(|(vm, on)| Op::SetSmsg(vm, on)),
        3 => (vm(), area(), any::<u8>()).prop_map(|(vm, a, seed)| Op::Store { vm, a, seed }),
    ]
}

/// Whether the SEND interrupt of `m` waits in its sink's queue, to be presented: not yet
/// presented, not ended, and not a SENDX too long for the buffer (CP ends that with code 7).
fn waiting(m: &Msg, sink: Auth) -> bool {
    !m.presented && m.expect.is_none() && !(m.sub == Sendx && m.p.lena > sink.len - 40)
}

/// A target index as the case's VMs know it: NOBODY is `n`, one past the last.
fn target(t: usize, n: usize) -> usize {
    if t == NOBODY { n } else { t % n }
}

fn user(i: usize) -> Userid {
    uid(&format!("U{i}"))
}

#[derive(Debug, Clone, Copy)]
struct Auth {
    buf: u32,
    len: u32,
    specific: Option<Userid>,
}

#[derive(Debug)]
struct VmModel {
    on: bool,
    enabled: bool,
    auth: Option<Auth>,
    mem: Vec<u8>,
    /// SMSGs accepted for this VM and not yet presented: (issuer, text).
    smsgs: VecDeque<(Userid, Vec<u8>)>,
}

impl VmModel {
    fn fresh() -> VmModel {
        VmModel {
            on: true,
            enabled: true,
            auth: None,
            mem: vec![0; SIZE as usize],
            smsgs: VecDeque::new(),
        }
    }

    fn contains(addr: u32, len: u32) -> bool {
        u64::from(addr) + u64::from(len) <= u64::from(SIZE)
    }

    fn read(&self, addr: u32, len: u32) -> Vec<u8> {
        self.mem[addr as usize..(addr + len) as usize].to_vec()
    }

    fn write(&mut self, addr: u32, bytes: &[u8]) {
        self.mem[addr as usize..addr as usize + bytes.len()].copy_from_slice(bytes);
    }
}

/// A message (SEND, SEND/RECV, SENDX or IDENTIFY) and what is known of it.
#[derive(Debug)]
struct Msg {
    source: usize,
    sink: usize,
    sub: Subfunction,
    p: Vmcparm,
    presented: bool,
    received: bool,
    /// Once the transaction is over, the RESPONSE its source must be presented.
    expect: Option<Vmcmhdr>,
    /// Answered: RESPONSE presented, cancelled, or purged.
    done: bool,
}

impl Msg {
    fn prio(&self) -> bool {
        self.p.flg1 & vmcpflg1::VMCPPRTY != 0
    }

    fn send_header(&self) -> Vmcmhdr {
        let mut stat = if self.prio() { vmcmstat::VMCMPRTY } else { 0 };
        if self.sub == Identify {
            stat |= vmcmstat::VMCMRESP;
        }
        let p = &self.p;
        Vmcmhdr {
            stat,
            eflg: 0,
            func: p.func,
            mid: p.mid,
            user: user(self.source),
            vada: p.vada,
            lena: p.lena,
            vadb: p.vadb,
            lenb: p.lenb,
            use_dw: p.use_dw,
        }
    }

    /// The RESPONSE (docs/decisions.md#d1, #d2).
    fn response(&self, stat: u8, eflg: u8, replied: u32, use_dw: [u8; 8]) -> Vmcmhdr {
        let p = &self.p;
        let prio = if self.prio() { vmcmstat::VMCMPRTY } else { 0 };
        Vmcmhdr {
            stat: vmcmstat::VMCMRESP | prio | stat,
            eflg,
            func: p.func,
            mid: p.mid,
            user: user(self.sink),
            vada: p.vada,
            lena: if self.received { 0 } else { p.lena },
            vadb: p.vadb,
            lenb: p.lenb.wrapping_sub(replied),
            use_dw,
        }
    }
}

struct Model {
    n: usize,
    vms: Vec<VmModel>,
    msgs: Vec<Msg>,
    /// Data moves the current call must make, in order: (receiver, address, bytes).
    moves: VecDeque<(Userid, u32, Vec<u8>)>,
    step: u16,
}

impl Model {
    fn open(&self) -> impl Iterator<Item = (usize, &Msg)> {
        self.msgs.iter().enumerate().filter(|(_, m)| !m.done)
    }

    /// The open message `mid` from `source` to `sink` (never an IDENTIFY: its MID is no key).
    fn find(&self, source: usize, sink: usize, mid: u32) -> Option<usize> {
        let found: Vec<usize> = self
            .open()
            .filter(|(_, m)| {
                m.source == source && m.sink == sink && m.p.mid == mid && m.sub != Identify
            })
            .map(|(i, _)| i)
            .collect();
        assert!(found.len() <= 1, "two open messages share a key: {found:?}");
        found.first().copied()
    }

    fn outbound(&self, source: usize) -> usize {
        self.open().filter(|(_, m)| m.source == source).count()
    }

    fn dw(&self, tag: u8, vm: usize) -> [u8; 8] {
        let s = self.step.to_be_bytes();
        [tag, s[0], s[1], vm as u8, 0, 0, 0, 0]
    }

    /// The sink of message `i` is gone (docs/decisions.md#d5) or no longer takes its source: an
    /// IDENTIFY disappears, anything else ends with VMCMEFLG 5 and the source's doubleword.
    fn sink_gone(&mut self, i: usize) {
        let m = &mut self.msgs[i];
        if m.sub == Identify {
            m.done = true;
        } else {
            m.expect = Some(m.response(0, 5, 0, m.p.use_dw));
        }
    }

    /// UNAUTHORIZE, LOGOFF, DEFINE STORAGE: the VM's own messages are purged, messages to it
    /// end with VMCMEFLG 5, its SMSGs are discarded.
    fn reset(&mut self, k: usize) {
        if self.vms[k].auth.is_none() {
            return;
        }
        for m in self.msgs.iter_mut().filter(|m| !m.done && m.source == k) {
            m.done = true;
        }
        let to_k: Vec<usize> = self
            .open()
            .filter(|(_, m)| m.sink == k && m.expect.is_none())
            .map(|(i, _)| i)
            .collect();
        for i in to_k {
            self.sink_gone(i);
        }
        self.vms[k].auth = None;
        self.vms[k].smsgs.clear();
    }

    fn available(&self, sink: usize, source: usize) -> bool {
        sink < self.n
            && self.vms[sink].on
            && self.vms[sink]
                .auth
                .is_some_and(|a| a.specific.is_none_or(|s| s == user(source)))
    }

    /// The message a sink's RECEIVE, REPLY or REJECT names: mostly one that is open to it.
    fn pick_inbound(&self, vm: usize, pick: u32) -> (usize, u32) {
        let mine: Vec<&Msg> = self
            .open()
            .map(|(_, m)| m)
            .filter(|m| m.sink == vm && m.sub != Identify)
            .collect();
        if !mine.is_empty() && !pick.is_multiple_of(4) {
            let m = mine[(pick / 4) as usize % mine.len()];
            (m.source, m.p.mid)
        } else {
            ((pick >> 8) as usize % (self.n + 1), pick % 6)
        }
    }

    /// The message a source's CANCEL names: mostly one of its own, sometimes one sent to it.
    fn pick_outbound(&self, vm: usize, pick: u32) -> (usize, u32) {
        let choose = |own: bool| -> Vec<(usize, u32)> {
            self.open()
                .map(|(_, m)| m)
                .filter(|m| m.sub != Identify)
                .filter(|m| if own { m.source == vm } else { m.sink == vm })
                .map(|m| {
                    if own {
                        (m.sink, m.p.mid)
                    } else {
                        (m.source, m.p.mid)
                    }
                })
                .collect()
        };
        let (own, theirs) = (choose(true), choose(false));
        match pick % 8 {
            0 => ((pick >> 8) as usize % (self.n + 1), pick % 6),
            1 if !theirs.is_empty() => theirs[(pick / 8) as usize % theirs.len()],
            _ if !own.is_empty() => own[(pick / 8) as usize % own.len()],
            _ => ((pick >> 8) as usize % (self.n + 1), pick % 6),
        }
    }
}

struct Run {
    cp: Cp,
    m: Model,
}

impl Run {
    /// `n` VMs, each logged on with storage of SIZE and AUTHORIZEd with a buffer at 0x1000 of
    /// the length and options given.
    fn new(n: usize, auths: &[(u8, usize)]) -> Run {
        let mut cp = cp();
        let mut vms = Vec::new();
        for (i, &(flg1, len)) in auths.iter().enumerate().take(n) {
            cp.logon(user(i));
            cp.define_storage(user(i), SIZE).unwrap();
            let mut vm = VmModel::fresh();
            let mut p = plist(Authorize);
            (p.flg1, p.vada, p.lena) = (flg1, BUFS[0], LENS[len]);
            cp.store(user(i), PLIST, &p.encode()).unwrap();
            vm.write(PLIST, &p.encode());
            assert_eq!(cp.diagnose_68(user(i), PLIST), Ok(Rc::Ok));
            vm.auth = Some(Auth {
                buf: p.vada,
                len: p.lena,
                specific: None,
            });
            vms.push(vm);
        }
        cp.clear_events();
        Run {
            cp,
            m: Model {
                n,
                vms,
                msgs: Vec::new(),
                moves: VecDeque::new(),
                step: 0,
            },
        }
    }

    /// DIAGNOSE X'68' by VM `k` with `p`; the parameter list is the test's own STORE.
    fn diag(&mut self, k: usize, p: Vmcparm) -> Rc {
        let bytes = p.encode();
        self.cp.store(user(k), PLIST, &bytes).unwrap();
        self.m.vms[k].write(PLIST, &bytes);
        let rc = self.cp.diagnose_68(user(k), PLIST).unwrap();
        // Every subfunction but AUTHORIZE needs an authorization (and nothing here is RC 2).
        let authorized = self.m.vms[k].auth.is_some();
        if p.func != Authorize.code() {
            assert_eq!(
                rc == Rc::NotAuthorized,
                !authorized,
                "RC 4 iff unauthorized"
            );
        }
        rc
    }

    fn apply(&mut self, op: &Op) {
        let n = self.m.n;
        let on = |m: &Model, k: usize| m.vms[k].on;
        match *op {
            Op::Authorize {
                vm,
                flg1,
                partner,
                buf,
                len,
            } => {
                let k = vm % n;
                if !on(&self.m, k) {
                    return;
                }
                let mut p = plist(Authorize);
                let partner = if partner == NOBODY {
                    Userid::SYSTEM
                } else {
                    user(partner % n)
                };
                (p.flg1, p.user, p.vada, p.lena) = (flg1, partner, BUFS[buf], LENS[len]);
                let rc = self.diag(k, p);
                let good =
                    p.vada.is_multiple_of(8) && p.lena >= 40 && VmModel::contains(p.vada, p.lena);
                assert_eq!(rc == Rc::Ok, good, "AUTHORIZE {p:?}: {rc:?}");
                if rc == Rc::Ok {
                    let specific = p.specific().then_some(partner);
                    self.m.vms[k].auth = Some(Auth {
                        buf: p.vada,
                        len: p.lena,
                        specific,
                    });
                    if let Some(s) = specific {
                        let refused: Vec<usize> = self
                            .m
                            .open()
                            .filter(|(_, m)| m.sink == k && m.expect.is_none())
                            .filter(|(_, m)| user(m.source) != s)
                            .map(|(i, _)| i)
                            .collect();
                        for i in refused {
                            self.m.sink_gone(i);
                        }
                    }
                } else {
                    assert_eq!(rc, Rc::InvalidBuffer);
                }
            }
            Op::Unauthorize(vm) => {
                let k = vm % n;
                if on(&self.m, k) && self.diag(k, plist(Unauthorize)) == Rc::Ok {
                    self.m.reset(k);
                }
            }
            Op::Send {
                vm,
                sub,
                sink,
                mid,
                flg1,
                a,
                b,
            } => {
                let (k, t) = (vm % n, target(sink, n));
                if !on(&self.m, k) {
                    return;
                }
                let mut p = send_plist(sub, &format!("U{t}"), mid, a.addr, a.len);
                (p.vadb, p.lenb, p.flg1) = (b.addr, b.len, flg1);
                p.use_dw = self.m.dw(b'S', k);
                self.start(k, t, sub, p);
            }
            Op::Identify {
                vm,
                sink,
                mid,
                prio,
            } => {
                let (k, t) = (vm % n, target(sink, n));
                if !on(&self.m, k) {
                    return;
                }
                let mut p = plist(Identify);
                (p.user, p.mid, p.vada, p.lena) = (user(t), mid, 0xFFFF_FFFF, 0xFFFF_FFFF);
                p.flg1 = if prio { vmcpflg1::VMCPPRTY } else { 0 };
                p.use_dw = self.m.dw(b'I', k);
                self.start(k, t, Identify, p);
            }
            Op::Receive { vm, pick, mut a } => {
                let k = vm % n;
                if on(&self.m, k) {
                    let (s, mid) = self.m.pick_inbound(k, pick);
                    // Mostly a buffer long enough; a VM talking to itself sometimes receives
                    // next to (or onto) its own data.
                    if let Some(i) = self.m.find(s, k, mid) {
                        let m = &self.m.msgs[i];
                        if pick & 0x30 != 0 {
                            a.len = a.len.max(m.p.lena);
                        }
                        if s == k && pick & 0xC0 == 0 {
                            a.addr = m.p.vada.saturating_add(a.len % 16).saturating_sub(8);
                        }
                    }
                    self.receive(k, s, mid, a);
                }
            }
            Op::Reply { vm, pick, mut a } => {
                let k = vm % n;
                if on(&self.m, k) {
                    let (s, mid) = self.m.pick_inbound(k, pick);
                    // Mostly a reply that fits; to itself sometimes from next to the buffer.
                    if let Some(i) = self.m.find(s, k, mid) {
                        let m = &self.m.msgs[i];
                        if pick & 0x30 != 0 {
                            a.len = a.len.min(m.p.lenb);
                        }
                        if s == k && pick & 0xC0 == 0 {
                            a.addr = m.p.vadb.saturating_add(a.len % 16).saturating_sub(8);
                        }
                    }
                    self.reply(k, s, mid, a);
                }
            }
            Op::Reject { vm, pick } => {
                let k = vm % n;
                if on(&self.m, k) {
                    let (s, mid) = self.m.pick_inbound(k, pick);
                    self.reject(k, s, mid);
                }
            }
            Op::Cancel { vm, pick } => {
                let k = vm % n;
                if on(&self.m, k) {
                    let (t, mid) = self.m.pick_outbound(k, pick);
                    self.cancel(k, t, mid);
                }
            }
            Op::Quiesce(vm) | Op::Resume(vm) => {
                let k = vm % n;
                if on(&self.m, k) {
                    let sub = if matches!(op, Op::Quiesce(_)) {
                        Quiesce
                    } else {
                        Resume
                    };
                    let rc = self.diag(k, plist(sub));
                    assert!(matches!(rc, Rc::Ok | Rc::NotAuthorized), "{rc:?}");
                }
            }
            Op::Disable(vm) => {
                let k = vm % n;
                if on(&self.m, k) {
                    self.cp.disable(user(k)).unwrap();
                    self.m.vms[k].enabled = false;
                }
            }
            Op::Enable(vm) => {
                let k = vm % n;
                if on(&self.m, k) {
                    self.cp.enable(user(k)).unwrap();
                    self.m.vms[k].enabled = true;
                }
            }
            Op::Logoff(vm) => {
                let k = vm % n;
                if on(&self.m, k) {
                    self.cp.logoff(user(k)).unwrap();
                    self.m.reset(k);
                    self.m.vms[k].on = false;
                } else {
                    assert!(self.cp.logoff(user(k)).is_err());
                }
            }
            Op::Logon(vm) => self.logon(vm % n),
            Op::DefineStorage(vm) => {
                let k = vm % n;
                if on(&self.m, k) {
                    self.cp.define_storage(user(k), SIZE).unwrap();
                    self.m.reset(k);
                    self.m.vms[k].mem.fill(0);
                    self.m.vms[k].enabled = true;
                }
            }
            Op::Smsg { from, to, len } => {
                let (f, t) = (from % n, target(to, n));
                let text: Vec<u8> = (0..len).map(|i| 0xC1 + (i % 9) as u8).collect();
                let result = self.cp.smsg(user(f), user(t), &text);
                if t == n || !on(&self.m, t) {
                    assert_eq!(result, Err(CpError::NotLoggedOn(user(t))));
                } else if result.is_ok() {
                    let a = self.m.vms[t]
                        .auth
                        .expect("SMSG accepted by an authorized VM");
                    let text = text[..len.min(129)].to_vec();
                    assert!(text.len() as u32 <= a.len - 40);
                    self.m.vms[t].smsgs.push_back((user(f), text));
                }
            }
            Op::SetSmsg(vm, flag) => {
                let k = vm % n;
                if on(&self.m, k) {
                    self.cp.set_smsg(user(k), flag).unwrap();
                }
            }
            Op::Store { vm, a, seed } => {
                let k = vm % n;
                if on(&self.m, k) {
                    let bytes: Vec<u8> = (0..a.len).map(|i| seed.wrapping_add(i as u8)).collect();
                    let ok = self.cp.store(user(k), a.addr, &bytes).is_ok();
                    assert_eq!(ok, VmModel::contains(a.addr, a.len));
                    if ok {
                        self.m.vms[k].write(a.addr, &bytes);
                    }
                }
            }
        }
    }

    fn logon(&mut self, k: usize) {
        if self.m.vms[k].on {
            // A reconnect changes nothing.
            assert!(!self.cp.logon(user(k)));
        } else {
            assert!(self.cp.logon(user(k)));
            self.cp.define_storage(user(k), SIZE).unwrap();
            self.m.vms[k] = VmModel::fresh();
        }
    }

    /// SEND, SEND/RECV, SENDX or IDENTIFY from `k` to `t`.
    fn start(&mut self, k: usize, t: usize, sub: Subfunction, p: Vmcparm) {
        let rc = self.diag(k, p);
        if self.m.vms[k].auth.is_none() {
            return;
        }
        let bad_area = sub != Identify
            && (!VmModel::contains(p.vada, p.lena)
                || (sub == SendRecv && !VmModel::contains(p.vadb, p.lenb)));
        assert_eq!(rc == Rc::InvalidBuffer, bad_area, "RC 1 iff a bad area");
        if bad_area {
            return;
        }
        assert_eq!(
            rc == Rc::UserNotAvailable,
            !self.m.available(t, k),
            "RC 5 iff the sink is unavailable"
        );
        let dup = sub != Identify && self.m.find(k, t, p.mid).is_some();
        match rc {
            Rc::Ok => {
                assert!(!dup, "accepted a duplicate");
                assert!(self.m.outbound(k) < 50);
                self.m.msgs.push(Msg {
                    source: k,
                    sink: t,
                    sub,
                    p,
                    presented: false,
                    received: false,
                    expect: None,
                    done: false,
                });
            }
            Rc::DuplicateMessage => assert!(dup, "RC 8 without a duplicate"),
            Rc::MessageLimitExceeded => assert!(self.m.outbound(k) >= 50),
            Rc::UserNotAvailable
            | Rc::PriorityNotAuthorized
            | Rc::TargetQuiesced
            | Rc::SendxTooLarge => {}
            other => panic!("{sub} got {other:?}"),
        }
    }

    /// The message a sink answers, after the checks every answer shares (DECISION docs/decisions.md#d6,
    /// revised): RC 1 (only with a buffer), 5 (RECEIVE and REPLY, which have a buffer) iff its
    /// source is not available to it as a SEND's target would be (not logged on, not
    /// authorized, SPECIFIC for another VM), checked before the lookup; then 12 iff the model
    /// has no such message open, 13 iff it was not presented.
    fn answered(
        &mut self,
        rc: Rc,
        k: usize,
        s: usize,
        mid: u32,
        buffer: Option<Area>,
    ) -> Option<usize> {
        self.m.vms[k].auth?;
        if let Some(a) = buffer {
            assert_eq!(rc == Rc::InvalidBuffer, !VmModel::contains(a.addr, a.len));
            if rc == Rc::InvalidBuffer {
                return None;
            }
        }
        let unreachable = buffer.is_some() && !self.m.available(s, k);
        assert_eq!(
            rc == Rc::UserNotAvailable,
            unreachable,
            "RC 5 iff U{s} is unavailable to U{k}: {rc:?}"
        );
        if unreachable {
            return None;
        }
        let found = self.m.find(s, k, mid);
        assert_eq!(
            rc == Rc::MessageNotFound,
            found.is_none(),
            "RC 12 iff no such message is open (U{s} to U{k}, MID {mid}): {rc:?}"
        );
        let i = found?;
        let m = &self.m.msgs[i];
        // A message that ended before it was presented (its sink gone, docs/decisions.md#d5,
        // or a SENDX too long for the sink's new buffer) is over, not out of step.
        let early = !m.presented && m.expect.is_none();
        assert_eq!(rc == Rc::SynchronizationError, early, "RC 13: {m:?}");
        Some(i)
    }

    fn receive(&mut self, k: usize, s: usize, mid: u32, a: Area) {
        let mut p = answer_plist(Receive, &format!("U{s}"), mid);
        (p.vada, p.lena, p.flg1) = (a.addr, a.len, 0x20);
        p.use_dw = self.m.dw(b'R', k);
        let rc = self.diag(k, p);
        let Some(i) = self.answered(rc, k, s, mid, Some(a)) else {
            return;
        };
        let m = &self.m.msgs[i];
        let open = m.presented && !m.received && m.expect.is_none() && m.sub != Sendx;
        match rc {
            Rc::Ok | Rc::IncorrectLength | Rc::DestructiveOverlap => {
                assert!(open, "RECEIVE {rc:?} of {m:?}");
                let len = m.p.lena;
                let overlap =
                    s == k && len > 0 && a.addr < m.p.vada + len && m.p.vada < a.addr + len;
                let want = if a.len < len {
                    Rc::IncorrectLength
                } else if overlap {
                    Rc::DestructiveOverlap
                } else {
                    Rc::Ok
                };
                assert_eq!(rc, want);
                let m = &mut self.m.msgs[i];
                if rc == Rc::Ok {
                    let data = self.m.vms[s].read(m.p.vada, len);
                    self.m.moves.push_back((user(k), a.addr, data));
                    m.received = true;
                    if m.sub == Send {
                        m.expect = Some(m.response(0, 0, 0, p.use_dw));
                    }
                } else {
                    m.expect = Some(m.response(0, rc.number(), 0, p.use_dw));
                }
            }
            Rc::ProtocolViolation => assert!(!open, "RC 3 for {m:?}"),
            Rc::UserNotAvailable | Rc::SynchronizationError => {}
            other => panic!("RECEIVE got {other:?}"),
        }
    }

    fn reply(&mut self, k: usize, s: usize, mid: u32, a: Area) {
        let mut p = answer_plist(Reply, &format!("U{s}"), mid);
        (p.vada, p.lena, p.vadb, p.lenb) = (a.addr, a.len, 0xFFFF_FFFF, 7);
        p.use_dw = self.m.dw(b'P', k);
        let rc = self.diag(k, p);
        let Some(i) = self.answered(rc, k, s, mid, Some(a)) else {
            return;
        };
        let m = &self.m.msgs[i];
        let open = m.presented && m.expect.is_none() && m.sub == SendRecv;
        match rc {
            Rc::Ok | Rc::IncorrectLength | Rc::DestructiveOverlap => {
                assert!(open, "REPLY {rc:?} of {m:?}");
                let (rbuf, rlen) = (m.p.vadb, m.p.lenb);
                let overlap = s == k && a.len > 0 && a.addr < rbuf + a.len && rbuf < a.addr + a.len;
                let want = if a.len > rlen {
                    Rc::IncorrectLength
                } else if overlap {
                    Rc::DestructiveOverlap
                } else {
                    Rc::Ok
                };
                assert_eq!(rc, want);
                let m = &mut self.m.msgs[i];
                if rc == Rc::Ok {
                    let data = self.m.vms[k].read(a.addr, a.len);
                    self.m.moves.push_back((user(s), rbuf, data));
                    m.expect = Some(m.response(0, 0, a.len, p.use_dw));
                } else {
                    m.expect = Some(m.response(0, rc.number(), 0, p.use_dw));
                }
            }
            Rc::ProtocolViolation => assert!(!open, "RC 3 for {m:?}"),
            Rc::UserNotAvailable | Rc::SynchronizationError => {}
            other => panic!("REPLY got {other:?}"),
        }
    }

    fn reject(&mut self, k: usize, s: usize, mid: u32) -> Rc {
        let mut p = answer_plist(Reject, &format!("U{s}"), mid);
        (p.vada, p.lena) = (0xFFFF_FFFF, 0xFFFF_FFFF);
        p.use_dw = self.m.dw(b'J', k);
        let rc = self.diag(k, p);
        let Some(i) = self.answered(rc, k, s, mid, None) else {
            return rc;
        };
        let m = &mut self.m.msgs[i];
        let open = m.presented
            && m.expect.is_none()
            && (m.sub == SendRecv || (m.sub == Send && !m.received));
        match rc {
            Rc::Ok => {
                assert!(open, "REJECT of {m:?}");
                m.expect = Some(m.response(vmcmstat::VMCMRJCT, 0, 0, p.use_dw));
            }
            Rc::ProtocolViolation => assert!(!open, "RC 3 for {m:?}"),
            Rc::SynchronizationError => {}
            other => panic!("REJECT got {other:?}"),
        }
        rc
    }

    fn cancel(&mut self, k: usize, t: usize, mid: u32) {
        let p = answer_plist(Cancel, &format!("U{t}"), mid);
        let rc = self.diag(k, p);
        if self.m.vms[k].auth.is_none() {
            return;
        }
        let own = self.m.find(k, t, mid);
        let theirs = t < self.m.n && self.m.find(t, k, mid).is_some();
        // DECISION docs/decisions.md#d15: with no SEND-type message of that MID, the oldest
        // IDENTIFY from k to t with it, still queued (open), is withdrawn with RC 0.
        let identify = self
            .m
            .open()
            .find(|(_, m)| m.sub == Identify && m.source == k && m.sink == t && m.p.mid == mid);
        if own.is_none()
            && let Some((i, _)) = identify
        {
            assert_eq!(rc, Rc::Ok, "CANCEL of a queued IDENTIFY");
            self.m.msgs[i].done = true;
            return;
        }
        match (rc, own) {
            (Rc::Ok, Some(i)) => {
                let m = &mut self.m.msgs[i];
                assert!(m.expect.is_none() && !m.received, "CANCEL 0 of {m:?}");
                m.done = true;
            }
            (Rc::ReplyCancelled, Some(i)) => {
                let m = &mut self.m.msgs[i];
                assert!(m.expect.is_none() && m.received && m.sub == SendRecv);
                m.done = true;
            }
            (Rc::CancelTooLate, Some(i)) => {
                let m = &self.m.msgs[i];
                assert!(m.expect.is_some(), "CANCEL 14 of {m:?}");
            }
            (Rc::ProtocolViolation, None) => assert!(theirs),
            (Rc::MessageNotFound, None) => assert!(!theirs),
            (rc, own) => panic!("CANCEL got {rc:?} with {own:?}"),
        }
    }

    /// Checks and applies what the engine reported for the last operation.
    fn observe(&mut self) {
        let events: Vec<Event> = self.cp.events().events().to_vec();
        for e in &events {
            match *e {
                Event::Interrupt {
                    user: to,
                    buffer,
                    header,
                    data,
                } => {
                    let data = bytes(&self.cp, data);
                    self.interrupt(to, buffer, header, data);
                }
                Event::Data {
                    user: to,
                    address,
                    data,
                } => {
                    let data = bytes(&self.cp, data);
                    let want = self.m.moves.pop_front().expect("a move nobody asked for");
                    assert_eq!((to, address, &data), (want.0, want.1, &want.2));
                    let k = self.index(to);
                    self.m.vms[k].write(address, &data);
                }
                _ => {}
            }
        }
        assert!(
            self.m.moves.is_empty(),
            "a move not made: {:?}",
            self.m.moves
        );
        self.cp.clear_events();
        self.settle();
        for k in 0..self.m.n {
            if self.m.vms[k].on {
                let mut actual = vec![0; SIZE as usize];
                self.cp.fetch(user(k), 0, &mut actual).unwrap();
                if actual != self.m.vms[k].mem {
                    let at = (0..SIZE as usize)
                        .find(|&i| actual[i] != self.m.vms[k].mem[i])
                        .unwrap();
                    panic!(
                        "U{k}'s storage changed at X'{at:04X}': {:02X} where {:02X} was expected",
                        actual[at], self.m.vms[k].mem[at]
                    );
                }
            }
        }
    }

    fn index(&self, u: Userid) -> usize {
        (0..self.m.n).find(|&k| user(k) == u).expect("one of ours")
    }

    fn interrupt(&mut self, to: Userid, buffer: u32, h: Vmcmhdr, data: Vec<u8>) {
        let r = self.index(to);
        let auth = self.m.vms[r]
            .auth
            .expect("presented only to an authorized VM");
        assert!(self.m.vms[r].enabled, "presented only to an enabled VM");
        assert_eq!(buffer, auth.buf, "into the buffer AUTHORIZE named");
        assert!(data.len() as u32 <= auth.len - 40);
        if !h.is_priority() {
            // DECISION docs/decisions.md#d13: no priority interrupt known to wait for this VM.
            let ahead = self.m.open().find(|&(_, m)| {
                m.prio()
                    && ((m.sink == r && waiting(m, auth)) || (m.source == r && m.expect.is_some()))
            });
            assert!(ahead.is_none(), "{h:?} presented ahead of {ahead:?}");
        }
        if h.user == Userid::SYSTEM {
            // SMSG: the oldest pending one that fits; those before it were too long for a
            // buffer that shrank and were dropped.
            loop {
                let (from, text) = self.m.vms[r].smsgs.pop_front().expect("an SMSG was sent");
                if Userid::from_ebcdic(h.use_dw) == from && data == text {
                    break;
                }
                assert!(text.len() as u32 > auth.len - 40, "SMSG lost: {text:?}");
            }
            assert_eq!(
                (h.stat, h.eflg, h.func, h.lena),
                (0, 0, 4, data.len() as u32)
            );
        } else if h.func == Identify.code() || h.stat & vmcmstat::VMCMRESP == 0 {
            // A SEND interrupt (IDENTIFY's has VMCMRESP set): that of the message waiting
            // longest in its class, priority or not (docs/decisions.md#d13).
            let s = self.index(h.user);
            let i = self
                .m
                .open()
                .find(|&(_, m)| m.sink == r && m.prio() == h.is_priority() && waiting(m, auth))
                .map(|(i, _)| i)
                .unwrap_or_else(|| panic!("SEND interrupt for no message: {h:?}"));
            let m = &mut self.m.msgs[i];
            assert_eq!(h, m.send_header(), "the SEND interrupt waiting longest");
            let sub = m.sub;
            m.presented = true;
            match sub {
                Identify => m.done = true,
                Sendx => {
                    let src = &self.m.vms[s];
                    assert_eq!(data, src.read(m.p.vada, m.p.lena), "SENDX data");
                    m.received = true;
                    m.expect = Some(m.response(0, 0, 0, m.p.use_dw));
                }
                _ => assert!(data.is_empty()),
            }
        } else {
            // A RESPONSE: exactly one open message it answers.
            let t = (0..=self.m.n).find(|&k| user(k) == h.user).unwrap();
            let sub = Subfunction::from_code(h.func).unwrap();
            let i = self
                .m
                .open()
                .find(|(_, m)| m.source == r && m.sink == t && m.p.mid == h.mid && m.sub == sub)
                .map(|(i, _)| i)
                .unwrap_or_else(|| panic!("RESPONSE answering no open message: {h:?}"));
            let m = &mut self.m.msgs[i];
            let want = match m.expect {
                Some(x) => x,
                // A SENDX that no longer fitted the sink's buffer when it came to be presented:
                // data-transfer code 7.
                None if m.sub == Sendx && !m.presented => m.response(0, 7, 0, m.p.use_dw),
                None => panic!("RESPONSE before the transaction ended: {h:?} for {m:?}"),
            };
            assert_eq!(h, want, "RESPONSE header");
            assert!(data.is_empty());
            m.done = true;
        }
        let vm = &mut self.m.vms[r];
        vm.write(buffer, &h.encode());
        vm.write(buffer + 40, &data);
    }

    /// After each operation (docs/decisions.md#d13): an enabled, authorized VM has been presented
    /// everything; a SENDX it was not presented no longer fitted its buffer (code 7).
    fn settle(&mut self) {
        for k in 0..self.m.n {
            let vm = &self.m.vms[k];
            let Some(auth) = vm.auth.filter(|_| vm.enabled && vm.on) else {
                continue;
            };
            for (from, text) in self.m.vms[k].smsgs.drain(..) {
                assert!(text.len() as u32 > auth.len - 40, "SMSG from {from} lost");
            }
            for m in self.m.msgs.iter_mut().filter(|m| !m.done && m.sink == k) {
                // (A message that ended unpresented, its sink gone, waits only for its source.)
                if !m.presented && m.expect.is_none() {
                    assert!(
                        m.sub == Sendx && m.p.lena > auth.len - 40,
                        "not presented to an enabled VM: {m:?}"
                    );
                    m.expect = Some(m.response(0, 7, 0, m.p.use_dw));
                }
            }
        }
    }

    /// Everyone logs on and enables: what is still open must be exactly what CP holds in
    /// transit, and each such message must still be answerable.
    fn finish(&mut self) {
        for k in 0..self.m.n {
            self.logon(k);
            self.observe();
        }
        for k in 0..self.m.n {
            self.cp.enable(user(k)).unwrap();
            self.m.vms[k].enabled = true;
            self.observe();
        }
        let open: Vec<(usize, usize, u32)> = self
            .m
            .open()
            .map(|(_, m)| {
                assert!(
                    matches!(m.sub, Send | SendRecv) && m.presented && m.expect.is_none(),
                    "left over: {m:?}"
                );
                (m.sink, m.source, m.p.mid)
            })
            .collect();
        assert_eq!(
            self.cp.messages_in_transit(),
            open.len(),
            "lost or extra messages"
        );
        for k in 0..self.m.n {
            assert_eq!(
                self.cp.vm(user(k)).unwrap().messages_in_transit(),
                self.m.outbound(k)
            );
        }
        for (sink, source, mid) in open {
            self.m.step = self.m.step.wrapping_add(1);
            assert_eq!(self.reject(sink, source, mid), Rc::Ok);
            self.observe();
        }
        assert_eq!(self.m.open().count(), 0);
        assert_eq!(self.cp.messages_in_transit(), 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_message_answered_once_and_storage_written_only_where_cp_writes(
        n in 2usize..=6,
        auths in proptest::collection::vec(
            (prop_oneof![Just(0), Just(0x20), Just(0x40), Just(0x60)], 1usize..LENS.len()),
            6,
        ),
        ops in proptest::collection::vec(op(), 10..=60),
    ) {
        let mut run = Run::new(n, &auths);
        for (step, op) in ops.iter().enumerate() {
            run.m.step = step as u16;
            run.apply(op);
            run.observe();
        }
        run.finish();
    }
}
