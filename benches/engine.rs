//! Engine benchmarks: a SEND/RECV transaction next to the irreducible work done by hand, SENDX and
//! SMSG into a 169-byte buffer, and the cost of a message as the number of logged-on VMs grows.
//! Targets (README, Performance): transaction within 3x its baseline; SENDX and SMSG over 5 million
//! a second; per-message cost independent of the number of VMs.

#[path = "support/scale.rs"]
mod scale;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::collections::VecDeque;
use std::hint::black_box;
use vmcfsim::{Cp, FixedClock, ReturnCode, Subfunction, Userid, Vmcparm};

const AUTH: u32 = 0x100;
const SEND: u32 = 0x140;
const RECV: u32 = 0x180;
const REPLY: u32 = 0x1C0;

fn uid(s: &str) -> Userid {
    Userid::parse(s).unwrap()
}

fn store(cp: &mut Cp, user: Userid, at: u32, p: Vmcparm) {
    cp.store(user, at, &p.encode()).unwrap();
}

fn authorize(cp: &mut Cp, user: Userid, len: u32) {
    let mut p = Vmcparm::new(Subfunction::Authorize);
    (p.vada, p.lena) = (0x1000, len);
    store(cp, user, AUTH, p);
    assert_eq!(cp.diagnose_68(user, AUTH), Ok(ReturnCode::Ok));
}

fn cp_with(users: &[Userid], buffer: u32) -> Cp {
    let mut cp = Cp::new(Box::new(FixedClock::standard()));
    for &u in users {
        cp.logon(u);
        authorize(&mut cp, u, buffer);
    }
    cp.clear_events();
    cp
}

/// A: SEND/RECV of `len` bytes to B; B: RECEIVE and REPLY of `len` bytes. The parameter lists are
/// stored once, as a program would reuse them; the MID is reused once each transaction completes.
fn transaction_setup(len: u32) -> (Cp, Userid, Userid) {
    let (a, b) = (uid("A"), uid("B"));
    let mut cp = cp_with(&[a, b], 40);
    cp.store(a, 0x20000, &vec![0xC1; len as usize]).unwrap();
    cp.store(b, 0x31000, &vec![0xC2; len as usize]).unwrap();
    let mut s = Vmcparm::new(Subfunction::SendRecv);
    (s.user, s.mid, s.vada, s.lena, s.vadb, s.lenb) = (b, 1, 0x20000, len, 0x22000, len);
    store(&mut cp, a, SEND, s);
    let mut r = Vmcparm::new(Subfunction::Receive);
    (r.user, r.mid, r.vada, r.lena) = (a, 1, 0x30000, len);
    store(&mut cp, b, RECV, r);
    let mut p = Vmcparm::new(Subfunction::Reply);
    (p.user, p.mid, p.vada, p.lena) = (a, 1, 0x31000, len);
    store(&mut cp, b, REPLY, p);
    (cp, a, b)
}

fn transaction(cp: &mut Cp, a: Userid, b: Userid) {
    let ok = Ok(ReturnCode::Ok);
    assert_eq!(cp.diagnose_68(a, SEND), ok);
    assert_eq!(cp.diagnose_68(b, RECV), ok);
    assert_eq!(cp.diagnose_68(b, REPLY), ok);
    cp.clear_events();
}

fn bench_transaction(c: &mut Criterion) {
    let mut g = c.benchmark_group("transaction");
    g.throughput(Throughput::Elements(1));
    let (mut cp, a, b) = transaction_setup(4096);
    g.bench_function("engine_4096", |bench| {
        bench.iter(|| transaction(&mut cp, a, b))
    });
    // The irreducible work: 4,096 bytes copied each way, one 40-byte header queued and taken.
    let src = vec![0xC1u8; 4096];
    let mut dst = vec![0u8; 4096];
    let mut back = vec![0u8; 4096];
    let mut queue: VecDeque<[u8; 40]> = VecDeque::new();
    g.bench_function("baseline_4096", |bench| {
        bench.iter(|| {
            dst.copy_from_slice(black_box(&src));
            back.copy_from_slice(black_box(&dst));
            queue.push_back(black_box([0x80; 40]));
            black_box(queue.pop_front());
        })
    });
    g.finish();
}

fn bench_sendx_smsg(c: &mut Criterion) {
    let mut g = c.benchmark_group("sendx_smsg");
    g.throughput(Throughput::Elements(1));
    let (a, b) = (uid("A"), uid("B"));
    let mut cp = cp_with(&[a, b], 169);
    cp.set_smsg(b, true).unwrap();
    cp.store(a, 0x20000, &[0xE7; 129]).unwrap();
    let mut s = Vmcparm::new(Subfunction::Sendx);
    (s.user, s.mid, s.vada, s.lena) = (b, 1, 0x20000, 129);
    store(&mut cp, a, SEND, s);
    g.bench_function("sendx_129", |bench| {
        bench.iter(|| {
            assert_eq!(cp.diagnose_68(a, SEND), Ok(ReturnCode::Ok));
            cp.clear_events();
        })
    });
    let text = [0xE2u8; 129];
    g.bench_function("smsg_129", |bench| {
        bench.iter(|| {
            cp.smsg(a, b, black_box(&text)).unwrap();
            cp.clear_events();
        })
    });
    g.finish();
}

/// One SEND and its RECEIVE between neighbours, with `n` VMs logged on (each with 16M defined):
/// the set-up `examples/scale.rs` measures the memory of.
fn bench_scale(c: &mut Criterion) {
    let mut g = c.benchmark_group("scale");
    g.throughput(Throughput::Elements(1));
    for n in [10usize, 1_000, 10_000] {
        let (mut cp, users) = scale::setup(n);
        let mut i = 0;
        g.bench_with_input(BenchmarkId::new("send_receive", n), &n, |bench, &n| {
            bench.iter(|| {
                scale::send_receive(&mut cp, &users, i);
                i = (i + 1) % n;
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_transaction, bench_sendx_smsg, bench_scale);
criterion_main!(benches);
