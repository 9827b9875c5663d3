//! A model-based test of the engine's return codes and message lifecycle, across 2 to 6 VMs.
//!
//! The model is small and written from the manual (docs/vmcf.md), not from the engine: who is
//! logged on, authorized (SPECIFIC, PRIORITY), quiesced and enabled, and every message in transit
//! with its state (queued, presented, received, completed with its RESPONSE waiting). Random
//! sequences of every subfunction, with LOGON, LOGOFF, ENABLE and DISABLE at any point, run through
//! model and engine side by side. After each step the return code is the one the model predicts
//! (the check order of docs/decisions.md#d6), and the interrupts presented are exactly those the
//! model predicts (docs/decisions.md#d13: an enabled VM takes everything queued). At the end
//! everyone is logged on and enabled and each sink REJECTs what it still holds: every message
//! accepted with RC 0 was then ended exactly once, by one RESPONSE to its source, by CANCEL, or by
//! the purge of its source's LOGOFF or UNAUTHORIZE (docs/decisions.md#d5); none is left in CP.
//!
//! Buffers are always valid and long enough, so the codes of bad addresses and lengths (1, 7,
//! 16, 17) stay out of it: `storage_and_answers_model` covers storage and data. AUTHORIZE is
//! issued only by a VM that is not authorized (re-AUTHORIZE's effects are tested in
//! `engine/decisions.rs`).
//! IDENTIFY uses its own MID, which no RECEIVE, REPLY or REJECT names: its MID is free control
//! data, never a key for an answer; CANCEL names it (aimed at one in transit) and withdraws the
//! oldest still queued (DECISION docs/decisions.md#d15).

use crate::support::*;
use proptest::prelude::*;
use vmcfsim::Event;
use vmcfsim::Subfunction::{self, *};
use vmcfsim::{Cp, Userid, Vmcparm, vmcmstat, vmcpflg1};

/// A userid nobody logs on with.
const NOBODY: usize = 99;
/// VM indices run over 0..MAX_VMS, taken modulo the case's number of VMs.
const MAX_VMS: usize = 6;
/// The MID every IDENTIFY carries; SEND-types and answers use 1 to 4.
const IDENTIFY_MID: u32 = 100;
/// DECISION docs/decisions.md#d10.
const LIMIT: usize = 50;

// Where each VM keeps things (1M of storage, all valid): the interrupt buffer, SEND data,
// the REPLY buffer of a SEND/RECV, RECEIVE's buffer, REPLY's data. None overlaps another, so
// a VM sending to itself never gets RC 17.
const INT_BUF: u32 = 0x1000;
const SEND_DATA: (u32, u32) = (0x2000, 16);
const REPLY_BUF: (u32, u32) = (0x2800, 32);
const RECV_BUF: (u32, u32) = (0x3000, 64);
const REPLY_DATA: (u32, u32) = (0x3800, 8);

#[derive(Debug, Clone)]
enum Op {
    Authorize {
        vm: usize,
        specific: Option<usize>,
        priority: bool,
    },
    Unauthorize(usize),
    Send {
        vm: usize,
        sub: Subfunction,
        sink: usize,
        mid: u32,
        priority: bool,
    },
    Identify {
        vm: usize,
        sink: usize,
        priority: bool,
    },
    /// Many IDENTIFYs at once: towards a disabled sink they reach the 50-message limit.
    Flood {
        vm: usize,
        sink: usize,
        count: usize,
    },
    Receive {
        vm: usize,
        source: usize,
        mid: u32,
        pick: Option<usize>,
    },
    Reply {
        vm: usize,
        source: usize,
        mid: u32,
        pick: Option<usize>,
    },
    Reject {
        vm: usize,
        source: usize,
        mid: u32,
        pick: Option<usize>,
    },
    Cancel {
        vm: usize,
        sink: usize,
        mid: u32,
        pick: Option<usize>,
    },
    Quiesce(usize),
    Resume(usize),
    Disable(usize),
    Enable(usize),
    Logoff(usize),
    Logon(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let vm = || 0..MAX_VMS;
    let other = || prop_oneof![12 => 0..MAX_VMS, 1 => Just(NOBODY)];
    let mid = || 1u32..=4;
    // Mostly a message the model knows to be in transit (see `Run::aim`), else any.
    let pick = || prop::option::weighted(0.7, any::<usize>());
    prop_oneof![
        4 => (vm(), prop::option::weighted(0.2, other()), any::<bool>())
            .prop_map(|(vm, specific, priority)| Op::Authorize { vm, specific, priority }),
        1 => vm().prop_map(Op::Unauthorize),
        12 => (vm(), prop_oneof![Just(Send), Just(SendRecv), Just(Sendx)], other(), mid(),
               prop::bool::weighted(0.2))
            .prop_map(|(vm, sub, sink, mid, priority)| Op::Send { vm, sub, sink, mid, priority }),
        2 => (vm(), other(), prop::bool::weighted(0.2))
            .prop_map(|(vm, sink, priority)| Op::Identify { vm, sink, priority }),
        1 => (vm(), 0..MAX_VMS, 20usize..=55)
            .prop_map(|(vm, sink, count)| Op::Flood { vm, sink, count }),
        6 => (vm(), other(), mid(), pick())
            .prop_map(|(vm, source, mid, pick)| Op::Receive { vm, source, mid, pick }),
        5 => (vm(), other(), mid(), pick())
            .prop_map(|(vm, source, mid, pick)| Op::Reply { vm, source, mid, pick }),
        3 => (vm(), other(), mid(), pick())
            .prop_map(|(vm, source, mid, pick)| Op::Reject { vm, source, mid, pick }),
        3 => (vm(), other(), mid(), pick())
            .prop_map(|(vm, sink, mid, pick)| Op::Cancel { vm, sink, mid, pick }),
        1 => vm().prop_map(Op::Quiesce),
        1 => vm().prop_map(Op::Resume),
        3 => vm().prop_map(Op::Disable),
        3 => vm().prop_map(Op::Enable),
        1 => vm().prop_map(Op::Logoff),
        2 => vm().prop_map(Op::Logon),
    ]
}

fn user(i: usize) -> Userid {
    uid(&format!("U{i}"))
}

/// What AUTHORIZE recorded.
#[derive(Debug, Clone, Copy)]
struct Auth {
    /// SPECIFIC: the one user (index, NOBODY included) who may send.
    specific: Option<usize>,
    priority: bool,
}

#[derive(Debug, Clone, Copy)]
struct Vm {
    on: bool,
    auth: Option<Auth>,
    quiesced: bool,
    enabled: bool,
}

impl Vm {
    const FRESH: Vm = Vm {
        on: true,
        auth: None,
        quiesced: false,
        enabled: true,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// The SEND interrupt waits at the sink.
    Queued,
    Presented,
    /// A SEND/RECV the sink RECEIVEd: only its REPLY (or REJECT) is to come.
    Received,
    /// Ended; the RESPONSE (with this VMCMEFLG, rejected or not) waits for the source.
    Completed {
        eflg: u8,
        rejected: bool,
    },
}

#[derive(Debug, Clone)]
struct Msg {
    source: usize,
    sink: usize,
    mid: u32,
    sub: Subfunction,
    state: State,
    /// Gone from CP: its RESPONSE presented, cancelled, purged, or (IDENTIFY) presented.
    ended: bool,
}

/// One interrupt as the test compares them: who gets it, the partner named in the header,
/// MID, function, VMCMEFLG, and whether it is a RESPONSE and a rejection.
type Interrupt = (usize, Userid, u32, u16, u8, bool, bool);

struct Model {
    n: usize,
    vms: Vec<Vm>,
    msgs: Vec<Msg>,
    /// Interrupts the model says CP presented during the current step.
    presented: Vec<Interrupt>,
}

impl Model {
    fn on(&self, i: usize) -> bool {
        i < self.n && self.vms[i].on
    }

    fn open(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.msgs.len()).filter(|&i| !self.msgs[i].ended)
    }

    /// The message in transit from `source` to `sink` with `mid` (never an IDENTIFY).
    fn find(&self, source: usize, sink: usize, mid: u32) -> Option<usize> {
        self.open().find(|&i| {
            let m = &self.msgs[i];
            m.source == source && m.sink == sink && m.mid == mid && m.sub != Identify
        })
    }

    fn outbound(&self, source: usize) -> usize {
        self.open()
            .filter(|&i| self.msgs[i].source == source)
            .count()
    }

    fn complete(&mut self, i: usize, eflg: u8, rejected: bool) {
        self.msgs[i].state = State::Completed { eflg, rejected };
    }

    /// The predicted return code of a SEND-type or IDENTIFY (docs/decisions.md#d6: 5, 18, 9, 8,
    /// 10).
    fn send(&mut self, k: usize, t: usize, sub: Subfunction, mid: u32, priority: bool) -> u8 {
        let Some(auth) = self.on(t).then(|| self.vms[t].auth).flatten() else {
            return 5;
        };
        if auth.specific.is_some_and(|s| s != k) {
            return 5;
        }
        if priority && !auth.priority {
            return 18;
        }
        if self.vms[t].quiesced {
            return 9;
        }
        if sub != Identify && self.find(k, t, mid).is_some() {
            return 8;
        }
        if self.outbound(k) >= LIMIT {
            return 10;
        }
        self.msgs.push(Msg {
            source: k,
            sink: t,
            mid,
            sub,
            state: State::Queued,
            ended: false,
        });
        0
    }

    /// RECEIVE, REPLY and REJECT share (DECISION docs/decisions.md#d6, revised): for RECEIVE and REPLY first 5,
    /// the source as a SEND's target is judged (logged on, authorized, not SPECIFIC for
    /// another); then 12 (not found; a source not logged on has none), 13.
    fn answerable(&self, k: usize, s: usize, mid: u32, check_source: bool) -> Result<usize, u8> {
        if check_source {
            let auth = self.on(s).then(|| self.vms[s].auth).flatten();
            if auth.is_none_or(|a| a.specific.is_some_and(|x| x != k)) {
                return Err(5);
            }
        }
        let i = if self.on(s) {
            self.find(s, k, mid)
        } else {
            None
        };
        let i = i.ok_or(12)?;
        if self.msgs[i].state == State::Queued {
            return Err(13);
        }
        Ok(i)
    }

    fn receive(&mut self, k: usize, s: usize, mid: u32) -> u8 {
        let i = match self.answerable(k, s, mid, true) {
            Ok(i) => i,
            Err(rc) => return rc,
        };
        let m = &mut self.msgs[i];
        // A second RECEIVE, a completed message and a SENDX are protocol violations.
        if m.state != State::Presented || m.sub == Sendx {
            return 3;
        }
        if m.sub == Send {
            self.complete(i, 0, false);
        } else {
            m.state = State::Received;
        }
        0
    }

    fn reply(&mut self, k: usize, s: usize, mid: u32) -> u8 {
        let i = match self.answerable(k, s, mid, true) {
            Ok(i) => i,
            Err(rc) => return rc,
        };
        let m = &self.msgs[i];
        if m.sub != SendRecv || matches!(m.state, State::Completed { .. }) {
            return 3;
        }
        self.complete(i, 0, false);
        0
    }

    fn reject(&mut self, k: usize, s: usize, mid: u32) -> u8 {
        let i = match self.answerable(k, s, mid, false) {
            Ok(i) => i,
            Err(rc) => return rc,
        };
        let m = &self.msgs[i];
        if m.sub == Sendx || matches!(m.state, State::Completed { .. }) {
            return 3;
        }
        self.complete(i, 0, true);
        0
    }

    /// CANCEL by the source (docs/vmcf.md#cancel): 12 unknown, 3 when the caller is the message's
    /// sink, 14 once ended, 11 when only the REPLY part is left, else 0; and
    /// (docs/decisions.md#d15) 0 for an IDENTIFY still queued, the oldest first, 12 once it was
    /// presented.
    fn cancel(&mut self, k: usize, t: usize, mid: u32) -> u8 {
        // DECISION docs/decisions.md#d15: the oldest IDENTIFY from k to t with this MID still queued is withdrawn.
        let identify = self.open().find(|&i| {
            let m = &self.msgs[i];
            m.source == k && m.sink == t && m.mid == mid && m.sub == Identify
        });
        if self.find(k, t, mid).is_none()
            && let Some(i) = identify
            && self.msgs[i].state == State::Queued
        {
            self.msgs[i].ended = true;
            return 0;
        }
        let Some(i) = self.find(k, t, mid) else {
            let theirs = self.on(t) && self.find(t, k, mid).is_some();
            return if theirs { 3 } else { 12 };
        };
        let rc = match self.msgs[i].state {
            State::Completed { .. } => return 14,
            State::Received => 11,
            State::Queued | State::Presented => 0,
        };
        self.msgs[i].ended = true;
        rc
    }

    /// UNAUTHORIZE, and LOGOFF's VMCF part (docs/decisions.md#d5): the VM's own messages are purged
    /// with their waiting interrupts; sources of messages to it that are not yet ended get a
    /// RESPONSE with VMCMEFLG 5 (an IDENTIFY simply goes).
    fn reset(&mut self, k: usize) {
        if self.vms[k].auth.is_none() {
            return;
        }
        for i in 0..self.msgs.len() {
            let m = &self.msgs[i];
            if m.ended {
                continue;
            }
            if m.source == k {
                self.msgs[i].ended = true;
            } else if m.sink == k && !matches!(m.state, State::Completed { .. }) {
                if m.sub == Identify {
                    self.msgs[i].ended = true;
                } else {
                    self.complete(i, 5, false);
                }
            }
        }
        let vm = &mut self.vms[k];
        vm.auth = None;
        vm.quiesced = false;
    }

    /// DECISION docs/decisions.md#d13: every enabled, authorized VM takes all that is queued for
    /// it: SEND interrupts (a SENDX completes as it is presented, docs/decisions.md#d14; an
    /// IDENTIFY ends) and RESPONSEs (which end their messages). Repeats until nothing moves: a
    /// SENDX to oneself completes and its RESPONSE is taken in the same round.
    fn present(&mut self) {
        let takes = |vms: &[Vm], i: usize| vms[i].on && vms[i].enabled && vms[i].auth.is_some();
        loop {
            let mut moved = false;
            for i in 0..self.msgs.len() {
                let m = self.msgs[i].clone();
                if m.ended {
                    continue;
                }
                match m.state {
                    State::Queued if takes(&self.vms, m.sink) => {
                        let func = m.sub.code();
                        let resp = m.sub == Identify;
                        self.presented
                            .push((m.sink, user(m.source), m.mid, func, 0, resp, false));
                        match m.sub {
                            Identify => self.msgs[i].ended = true,
                            Sendx => self.complete(i, 0, false),
                            _ => self.msgs[i].state = State::Presented,
                        }
                        moved = true;
                    }
                    State::Completed { eflg, rejected } if takes(&self.vms, m.source) => {
                        let func = m.sub.code();
                        self.presented.push((
                            m.source,
                            user(m.sink),
                            m.mid,
                            func,
                            eflg,
                            true,
                            rejected,
                        ));
                        self.msgs[i].ended = true;
                        moved = true;
                    }
                    _ => {}
                }
            }
            if !moved {
                break;
            }
        }
    }
}

struct Run {
    cp: Cp,
    m: Model,
}

impl Run {
    /// `n` VMs logged on, each AUTHORIZEd as `auths` says (SPECIFIC partner, PRIORITY).
    fn new(n: usize, auths: &[(Option<usize>, bool)]) -> Run {
        let mut cp = cp();
        for i in 0..n {
            assert!(cp.logon(user(i)));
        }
        let mut run = Run {
            cp,
            m: Model {
                n,
                vms: vec![Vm::FRESH; n],
                msgs: Vec::new(),
                presented: Vec::new(),
            },
        };
        for (vm, &(specific, priority)) in auths.iter().enumerate().take(n) {
            let op = Op::Authorize {
                vm,
                specific,
                priority,
            };
            run.apply(&op);
            run.observe(&op);
        }
        run
    }

    /// Issues DIAGNOSE X'68' as VM `k` with the list at X'800'.
    fn diag(&mut self, k: usize, p: Vmcparm) -> Option<u8> {
        if !self.m.on(k) {
            assert!(
                self.cp.diagnose_68(user(k), 0x800).is_err(),
                "U{k} is logged off"
            );
            return None;
        }
        self.cp.store(user(k), 0x800, &p.encode()).unwrap();
        Some(self.cp.diagnose_68(user(k), 0x800).unwrap().number())
    }

    /// Points an answer with a `pick` at a message in transit: RECEIVE, REPLY and REJECT as
    /// its sink naming its source, CANCEL as its source naming its sink. Without one, or with
    /// nothing in transit, the op stays as generated (mostly errors then).
    fn aim(&self, op: &Op) -> Op {
        let open: Vec<usize> = self
            .m
            .open()
            .filter(|&i| self.m.msgs[i].sub != Identify)
            .collect();
        // CANCEL may also name a queued IDENTIFY (DECISION docs/decisions.md#d15).
        let cancellable: Vec<usize> = self.m.open().collect();
        let target = |pick: &Option<usize>| pick.and_then(|p| open.get(p % open.len().max(1)));
        let target_any =
            |pick: &Option<usize>| pick.and_then(|p| cancellable.get(p % cancellable.len().max(1)));
        let mut op = op.clone();
        match &mut op {
            Op::Receive {
                vm,
                source,
                mid,
                pick,
            }
            | Op::Reply {
                vm,
                source,
                mid,
                pick,
            }
            | Op::Reject {
                vm,
                source,
                mid,
                pick,
            } => {
                if let Some(&i) = target(pick) {
                    let m = &self.m.msgs[i];
                    (*vm, *source, *mid) = (m.sink, m.source, m.mid);
                }
            }
            Op::Cancel {
                vm,
                sink,
                mid,
                pick,
            } => {
                if let Some(&i) = target_any(pick) {
                    let m = &self.m.msgs[i];
                    (*vm, *sink, *mid) = (m.source, m.sink, m.mid);
                }
            }
            _ => {}
        }
        op
    }

    /// Runs `op` on both; panics (with the op) when the engine's code is not the model's.
    fn apply(&mut self, op: &Op) {
        let op = &self.aim(op);
        let n = self.m.n;
        let t = |i: usize| if i == NOBODY { NOBODY } else { i % n };
        let who = |i: usize| if i == NOBODY { uid("NOBODY") } else { user(i) };
        let k = match op {
            Op::Authorize { vm, .. }
            | Op::Send { vm, .. }
            | Op::Identify { vm, .. }
            | Op::Flood { vm, .. }
            | Op::Receive { vm, .. }
            | Op::Reply { vm, .. }
            | Op::Reject { vm, .. }
            | Op::Cancel { vm, .. }
            | Op::Unauthorize(vm)
            | Op::Quiesce(vm)
            | Op::Resume(vm)
            | Op::Disable(vm)
            | Op::Enable(vm)
            | Op::Logoff(vm)
            | Op::Logon(vm) => vm % n,
        };
        let on = self.m.on(k);
        let authorized = on && self.m.vms[k].auth.is_some();
        // The model's code for a subfunction other than AUTHORIZE, given its own prediction.
        let gate = |predict: &mut dyn FnMut(&mut Model) -> u8, m: &mut Model| {
            if authorized { predict(m) } else { 4 }
        };
        let (got, want) = match *op {
            Op::Authorize {
                specific, priority, ..
            } => {
                if authorized {
                    return; // re-AUTHORIZE: not part of this model
                }
                let mut p = plist(Authorize);
                (p.vada, p.lena) = (INT_BUF, 200);
                if let Some(s) = specific {
                    p.flg1 |= vmcpflg1::VMCPAUTS;
                    p.user = who(t(s));
                }
                if priority {
                    p.flg1 |= vmcpflg1::VMCPPRTY;
                }
                let got = self.diag(k, p);
                if on {
                    self.m.vms[k].auth = Some(Auth {
                        specific: specific.map(t),
                        priority,
                    });
                }
                (got, on.then_some(0))
            }
            Op::Unauthorize(_) => {
                let got = self.diag(k, plist(Unauthorize));
                let want = gate(
                    &mut |m: &mut Model| {
                        m.reset(k);
                        0
                    },
                    &mut self.m,
                );
                (got, on.then_some(want))
            }
            Op::Send {
                sub,
                sink,
                mid,
                priority,
                ..
            } => {
                let mut p = send_plist(sub, "X", mid, SEND_DATA.0, SEND_DATA.1);
                p.user = who(t(sink));
                (p.vadb, p.lenb) = REPLY_BUF;
                if priority {
                    p.flg1 |= vmcpflg1::VMCPPRTY;
                }
                let got = self.diag(k, p);
                let want = gate(
                    &mut |m: &mut Model| m.send(k, t(sink), sub, mid, priority),
                    &mut self.m,
                );
                (got, on.then_some(want))
            }
            Op::Identify { sink, priority, .. } => {
                let mut p = plist(Identify);
                (p.user, p.mid) = (who(t(sink)), IDENTIFY_MID);
                if priority {
                    p.flg1 |= vmcpflg1::VMCPPRTY;
                }
                let got = self.diag(k, p);
                let want = gate(
                    &mut |m: &mut Model| m.send(k, t(sink), Identify, IDENTIFY_MID, priority),
                    &mut self.m,
                );
                (got, on.then_some(want))
            }
            Op::Flood { sink, count, .. } => {
                // One DIAGNOSE at a time: CP presents after each (docs/decisions.md#d13).
                for _ in 0..count {
                    let one = Op::Identify {
                        vm: k,
                        sink,
                        priority: false,
                    };
                    self.apply(&one);
                    self.observe(&one);
                }
                (None, None)
            }
            Op::Receive { source, mid, .. } => {
                let mut p = answer_plist(Receive, "X", mid);
                p.user = who(t(source));
                (p.vada, p.lena) = RECV_BUF;
                let got = self.diag(k, p);
                let want = gate(
                    &mut |m: &mut Model| m.receive(k, t(source), mid),
                    &mut self.m,
                );
                (got, on.then_some(want))
            }
            Op::Reply { source, mid, .. } => {
                let mut p = answer_plist(Reply, "X", mid);
                p.user = who(t(source));
                (p.vada, p.lena) = REPLY_DATA;
                let got = self.diag(k, p);
                let want = gate(&mut |m: &mut Model| m.reply(k, t(source), mid), &mut self.m);
                (got, on.then_some(want))
            }
            Op::Reject { source, mid, .. } => {
                let mut p = answer_plist(Reject, "X", mid);
                p.user = who(t(source));
                let got = self.diag(k, p);
                let want = gate(
                    &mut |m: &mut Model| m.reject(k, t(source), mid),
                    &mut self.m,
                );
                (got, on.then_some(want))
            }
            Op::Cancel { sink, mid, .. } => {
                let mut p = answer_plist(Cancel, "X", mid);
                p.user = who(t(sink));
                let got = self.diag(k, p);
                let want = gate(&mut |m: &mut Model| m.cancel(k, t(sink), mid), &mut self.m);
                (got, on.then_some(want))
            }
            Op::Quiesce(_) | Op::Resume(_) => {
                let q = matches!(op, Op::Quiesce(_));
                let got = self.diag(k, plist(if q { Quiesce } else { Resume }));
                let want = gate(
                    &mut |m: &mut Model| {
                        m.vms[k].quiesced = q;
                        0
                    },
                    &mut self.m,
                );
                (got, on.then_some(want))
            }
            Op::Disable(_) | Op::Enable(_) => {
                let enable = matches!(op, Op::Enable(_));
                let r = if enable {
                    self.cp.enable(user(k))
                } else {
                    self.cp.disable(user(k))
                };
                assert_eq!(r.is_ok(), on, "{op:?}");
                if on {
                    self.m.vms[k].enabled = enable;
                }
                (None, None)
            }
            Op::Logoff(_) => {
                assert_eq!(self.cp.logoff(user(k)).is_ok(), on, "{op:?}");
                if on {
                    self.m.reset(k);
                    self.m.vms[k].on = false;
                }
                (None, None)
            }
            Op::Logon(_) => {
                assert_eq!(self.cp.logon(user(k)), !on, "a new logon iff logged off");
                if !on {
                    self.m.vms[k] = Vm::FRESH;
                }
                (None, None)
            }
        };
        assert_eq!(got, want, "return code of {op:?} (U{k})");
    }

    /// The interrupts of this step: the engine's must be the model's, as a multiset.
    fn observe(&mut self, what: &dyn std::fmt::Debug) {
        self.m.present();
        let mut want = std::mem::take(&mut self.m.presented);
        let mut got: Vec<Interrupt> = self
            .cp
            .events()
            .events()
            .iter()
            .filter_map(|e| match e {
                Event::Interrupt {
                    user: u, header, ..
                } if header.user != Userid::SYSTEM => {
                    let k = (0..self.m.n).find(|&i| user(i) == *u).expect("a known VM");
                    Some((
                        k,
                        header.user,
                        header.mid,
                        header.func,
                        header.eflg,
                        header.is_response(),
                        header.stat & vmcmstat::VMCMRJCT != 0,
                    ))
                }
                _ => None,
            })
            .collect();
        self.cp.clear_events();
        want.sort();
        got.sort();
        assert_eq!(got, want, "interrupts presented after {what:?}");
        for k in 0..self.m.n {
            if self.m.on(k) {
                let vm = self.cp.vm(user(k)).unwrap();
                assert_eq!(
                    vm.messages_in_transit(),
                    self.m.outbound(k),
                    "U{k} after {what:?}"
                );
            }
        }
    }

    /// Everyone logs on, authorizes and enables; each sink REJECTs what it still holds. Then
    /// every message has ended, exactly once, and CP holds none.
    fn finish(&mut self) {
        for k in 0..self.m.n {
            self.apply(&Op::Logon(k));
            self.apply(&Op::Authorize {
                vm: k,
                specific: None,
                priority: false,
            });
            self.apply(&Op::Enable(k));
            self.observe(&format!("U{k} back"));
        }
        let open: Vec<(usize, usize, u32)> = self
            .m
            .open()
            .map(|i| {
                (
                    self.m.msgs[i].sink,
                    self.m.msgs[i].source,
                    self.m.msgs[i].mid,
                )
            })
            .collect();
        for (sink, source, mid) in open {
            let op = Op::Reject {
                vm: sink,
                source,
                mid,
                pick: None,
            };
            self.apply(&op);
            self.observe(&op);
        }
        assert_eq!(self.m.open().count(), 0, "the model still holds messages");
        assert_eq!(self.cp.messages_in_transit(), 0, "CP still holds messages");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn return_codes_match_the_model_and_every_message_ends_once(
        n in 2usize..=MAX_VMS,
        auths in prop::collection::vec(
            (prop::option::weighted(0.1, 0..MAX_VMS), prop::bool::weighted(0.7)),
            MAX_VMS,
        ),
        ops in prop::collection::vec(op(), 10..=80),
    ) {
        let mut run = Run::new(n, &auths);
        for op in &ops {
            run.apply(op);
            run.observe(op);
        }
        run.finish();
    }
}
