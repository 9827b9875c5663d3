//! Memory at scale: logs on N virtual machines (default 10,000), each with 16M of defined
//! storage, authorizes them all, and has each SEND a 64-byte message to its neighbour, which
//! RECEIVEs it; then prints what the process used. The `scale` benchmark times the same set-up
//! (`benches/support/scale.rs`).
//!
//! ```text
//! cargo build --release --example scale
//! /usr/bin/time -v target/release/examples/scale 10000   # "Maximum resident set size"
//! ```
//!
//! On Linux it also prints its own peak resident set (VmHWM), so `time -v` is optional.

#[path = "../benches/support/scale.rs"]
mod scale;

fn main() {
    let n = match std::env::args().nth(1).map(|a| a.parse::<usize>()) {
        None => 10_000,
        Some(Ok(n)) if n >= 2 => n,
        Some(_) => {
            eprintln!("usage: scale [VMS]   (at least 2; default 10000)");
            std::process::exit(2);
        }
    };
    let (mut cp, users) = scale::setup(n);
    for i in 0..n {
        scale::send_receive(&mut cp, &users, i);
    }
    let resident: usize = users
        .iter()
        .filter_map(|&u| cp.vm(u))
        .map(|vm| vm.storage().resident_bytes())
        .sum();
    println!(
        "{n} VMs, 16M defined each; each sent one {}-byte message, received: {} in transit",
        scale::LEN,
        cp.messages_in_transit()
    );
    println!(
        "guest storage allocated: {:.1} MB ({} bytes a VM)",
        resident as f64 / 1e6,
        resident / n
    );
    if let Some(kb) = peak_rss_kb() {
        println!("peak resident set: {:.1} MB", kb as f64 * 1024.0 / 1e6);
    }
}

/// The process's peak resident set in KiB, from /proc (Linux only).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
