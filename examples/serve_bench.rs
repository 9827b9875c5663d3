//! A load test of `vmcfsim serve` over loopback: N line-mode terminals log on in pairs (A0001
//! with B0001, ...), and each A runs SEND/RECV round trips to its B, which answers each with a
//! REPLY. Reports round trips a second, the time from A's Enter to the RESPONSE line on A's
//! terminal (p50, p99), and the server's peak resident set. Then, with `--idle N`, N more
//! terminals log on and do nothing, and the server's resident set is read again.
//!
//! ```text
//! cargo build --release && cargo build --release --example serve_bench
//! target/release/examples/serve_bench --terminals 500 --seconds 10 --idle 1000
//! ```
//!
//! It starts `target/release/vmcfsim serve` itself (the binary next to this example's
//! directory) on a free loopback port, or uses `--server ADDR:PORT`; it stops what it started.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::Barrier;

struct Args {
    terminals: usize,
    seconds: u64,
    idle: usize,
    server: Option<String>,
    /// Each A starts a round trip every this many ms (0: as fast as answers come).
    pace: u64,
}

fn args() -> Args {
    let mut a = Args {
        terminals: 500,
        seconds: 10,
        idle: 0,
        server: None,
        pace: 0,
    };
    let v: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < v.len() {
        let next = v.get(i + 1).cloned().unwrap_or_default();
        match v[i].as_str() {
            "--terminals" => a.terminals = next.parse().expect("--terminals N"),
            "--seconds" => a.seconds = next.parse().expect("--seconds S"),
            "--idle" => a.idle = next.parse().expect("--idle N"),
            "--server" => a.server = Some(next),
            "--pace" => a.pace = next.parse().expect("--pace MS"),
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    // Bounded: at most 4,000 terminals and a minute of load.
    a.terminals = (a.terminals.max(2) / 2 * 2).min(4000);
    a.idle = a.idle.min(4000);
    a.seconds = a.seconds.clamp(1, 60);
    a
}

/// The server this program started, stopped on drop.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server() -> (Server, String) {
    let exe = std::env::current_exe().expect("own path");
    let bin = exe
        .parent()
        .and_then(|d| d.parent())
        .map(|d| d.join("vmcfsim"))
        .expect("target directory");
    let mut child = Command::new(&bin)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--max-terminals",
            "10000",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e} (cargo build --release)", bin.display()));
    use std::io::BufRead;
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let addr = loop {
        line.clear();
        if err.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("the server ended before listening");
        }
        if let Some(rest) = line.split("serving terminals on ").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = std::io::Read::read_to_string(&mut err, &mut sink);
    });
    (Server(child), addr)
}

/// The resident set of a process now and at its peak, in kB (Linux /proc).
fn rss(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU seconds a process has used (user + system, Linux /proc).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

struct Term {
    rd: BufReader<OwnedReadHalf>,
    wr: OwnedWriteHalf,
    line: Vec<u8>,
}

impl Term {
    async fn connect(addr: &str, user: &str) -> Term {
        let s = TcpStream::connect(addr).await.expect("connect");
        s.set_nodelay(true).unwrap();
        let (rd, wr) = s.into_split();
        let mut t = Term {
            rd: BufReader::new(rd),
            wr,
            line: Vec::new(),
        };
        // A line at once: the server takes the client for a line-mode one.
        t.send(&format!("LOGON {user}")).await;
        t.until("LOGON AT").await;
        t.send("VMCF AUTHORIZE").await;
        t.until("AUTHORIZE: RC 0").await;
        t
    }

    async fn send(&mut self, line: &str) {
        self.wr
            .write_all(format!("{line}\r\n").as_bytes())
            .await
            .expect("write");
    }

    /// Reads lines until one contains `text`; that line.
    /// (Bytes, not text: the server's first bytes are its telnet `IAC DO TERMINAL-TYPE`.)
    async fn until(&mut self, text: &str) -> String {
        loop {
            self.line.clear();
            match self.rd.read_until(b'\n', &mut self.line).await {
                Ok(n) if n > 0 => {
                    let l = String::from_utf8_lossy(&self.line);
                    if l.contains(text) {
                        return l.trim_end().to_string();
                    }
                }
                _ => panic!("connection ended waiting for {text:?}"),
            }
        }
    }
}

async fn pair(addr: String, k: usize, seconds: u64, pace: u64, ready: Arc<Barrier>) -> Vec<u32> {
    let (a, b) = (format!("A{k:04}"), format!("B{k:04}"));
    let mut ta = Term::connect(&addr, &a).await;
    let mut tb = Term::connect(&addr, &b).await;
    // Every pair logged on before the clock starts.
    ready.wait().await;
    let until = Instant::now() + Duration::from_secs(seconds);
    let sink = tokio::spawn(async move {
        loop {
            let l = tb.until("EXTERNAL INTERRUPT").await;
            if l.contains("SENDRECV FROM") {
                let mid = l.rsplit(' ').next().unwrap_or("0").to_string();
                tb.send(&format!("VMCF REPLY {a} MID {mid} DATA 'PONG'"))
                    .await;
            }
        }
    });
    let mut times = Vec::new();
    let mut mid = 0u32;
    // Paced pairs start out of step, so the load is spread over each period.
    let mut next = Instant::now() + Duration::from_millis(pace * k as u64 / 251 % pace.max(1));
    while Instant::now() < until {
        if pace > 0 {
            tokio::time::sleep_until(next.into()).await;
            next += Duration::from_millis(pace);
        }
        mid += 1;
        let t0 = Instant::now();
        ta.send(&format!(
            "VMCF SENDRECV {b} MID {mid} DATA 'PING' REPLYBUF 8"
        ))
        .await;
        ta.until("RESPONSE FROM").await;
        times.push(t0.elapsed().as_micros() as u32);
    }
    sink.abort();
    times
}

fn main() {
    let args = args();
    let (server, addr) = match &args.server {
        Some(a) => (None, a.clone()),
        None => {
            let (s, a) = start_server();
            (Some(s), a)
        }
    };
    let pid = server.as_ref().map(|s| s.0.id());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let pairs = args.terminals / 2;
    let mut cpu_before = 0.0;
    let ready = Arc::new(Barrier::new(pairs + 1));
    let mut started = Instant::now();
    let mut times: Vec<u32> = rt.block_on(async {
        let tasks: Vec<_> = (0..pairs)
            .map(|k| {
                let (addr, ready) = (addr.clone(), ready.clone());
                tokio::spawn(pair(addr, k, args.seconds, args.pace, ready))
            })
            .collect();
        ready.wait().await;
        started = Instant::now();
        cpu_before = pid.map_or(0.0, cpu_seconds);
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.expect("a pair failed"));
        }
        all
    });
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = pid.map_or(0.0, cpu_seconds) - cpu_before;
    times.sort_unstable();
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1)))
            .map_or(0.0, |&t| f64::from(t) / 1000.0)
    };
    println!(
        "{} terminals ({pairs} pairs{}), {:.1} s: {} SEND/RECV round trips, {:.0} a second",
        args.terminals,
        if args.pace > 0 {
            format!(", each one round trip every {} ms", args.pace)
        } else {
            ", each as fast as it is answered".to_string()
        },
        elapsed,
        times.len(),
        times.len() as f64 / elapsed
    );
    println!(
        "Enter to RESPONSE: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
    if let Some(pid) = pid {
        let (now, peak) = rss(pid);
        println!("server resident set: {} kB now, {} kB peak", now, peak);
        println!(
            "server CPU: {:.1} s in {:.1} s ({:.1} us a round trip)",
            cpu,
            elapsed,
            cpu * 1e6 / times.len().max(1) as f64
        );
    }
    if args.idle > 0 {
        // A fresh server, so the figure is the idle terminals' alone.
        drop(server);
        let (server, addr) = start_server();
        let pid = server.0.id();
        let conns = rt.block_on(async {
            let mut v = Vec::new();
            for k in 0..args.idle {
                v.push(Term::connect(&addr, &format!("I{k:05}")).await);
            }
            v
        });
        std::thread::sleep(Duration::from_millis(500));
        let (now, peak) = rss(pid);
        println!(
            "{} idle terminals logged on: server resident set {} kB ({} kB peak)",
            conns.len(),
            now,
            peak
        );
        drop(conns);
        drop(server);
    }
}
