//! `vmcfsim serve` driven by real clients: the Debian `s3270` (a 3270 emulator with a script
//! interface on its standard input) and plain TCP sockets for line mode. Loopback only; every
//! wait is bounded; every server and client is killed when its test ends, pass or fail.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::bin::vmcfsim;

/// How long any one wait may take.
const WAIT: Duration = Duration::from_secs(15);

/// A running server, killed on drop.
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        let mut child = vmcfsim()
            .args(["serve", "--listen", "127.0.0.1:0", "--clock", "fixed"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut addr = None;
        let mut line = String::new();
        while addr.is_none() && err.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(rest) = line.split("serving terminals on ").nth(1) {
                addr = rest.split_whitespace().next().map(str::to_string);
            }
            line.clear();
        }
        // Keep draining standard error so the server never blocks on it.
        std::thread::spawn(move || {
            let mut sink = String::new();
            let _ = err.read_to_string(&mut sink);
        });
        let addr = addr.expect("the server says where it listens");
        Server { child, addr }
    }

    /// Ends it with SIGTERM and waits (bounded) for a clean exit.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let until = Instant::now() + WAIT;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(Instant::now() < until, "the server did not end on SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the s3270 binary is there (CI installs it; `.ci/run` says how).
pub fn have_s3270() -> bool {
    Command::new("s3270")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// An s3270 process in script mode, killed on drop.
pub struct S3270 {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
}

impl S3270 {
    /// A terminal of `model` (`3279-2` is 24x80) connected to `server`, waiting at the logo.
    pub fn connect(server: &Server, model: &str) -> S3270 {
        let mut child = Command::new("s3270")
            .args(["-model", model])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("s3270 runs");
        let stdin = child.stdin.take().unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines() {
                let Ok(l) = l else { break };
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        let mut t = S3270 {
            child,
            stdin,
            lines,
        };
        t.act(&format!("Connect({})", server.addr));
        t.wait_for("VM/370 ONLINE");
        t
    }

    /// Runs one action; its `data:` lines. Panics on `error` or when no answer comes.
    pub fn act(&mut self, action: &str) -> Vec<String> {
        writeln!(self.stdin, "{action}").unwrap();
        self.stdin.flush().unwrap();
        let mut data = Vec::new();
        loop {
            let l = self
                .lines
                .recv_timeout(WAIT)
                .unwrap_or_else(|_| panic!("s3270 gave no answer to {action}"));
            if let Some(d) = l.strip_prefix("data: ") {
                data.push(d.to_string());
            } else if l == "data:" {
                data.push(String::new());
            } else if l == "ok" {
                return data;
            } else if l == "error" {
                panic!("s3270: {action} failed: {data:?}");
            }
        }
    }

    /// The screen as text, a row a line, trailing blanks dropped.
    pub fn screen(&mut self) -> String {
        let rows = self.act("Ascii");
        let mut s = String::new();
        for r in rows {
            s.push_str(r.trim_end());
            s.push('\n');
        }
        s
    }

    /// Waits until the screen shows `text`; the screen then.
    pub fn wait_for(&mut self, text: &str) -> String {
        let until = Instant::now() + WAIT;
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(Instant::now() < until, "never saw {text:?} on:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types a line and presses Enter.
    pub fn enter(&mut self, line: &str) {
        let quoted = line.replace('\\', "\\\\").replace('"', "\\\"");
        self.act(&format!("String(\"{quoted}\")"));
        self.act("Enter");
    }

    /// Clear, then wait for the screen to show `text`.
    pub fn clear(&mut self) {
        self.act("Clear");
    }
}

impl Drop for S3270 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

macro_rules! need_s3270 {
    () => {
        if !have_s3270() {
            // CI installs it (.ci/run); a developer without it is told, not failed.
            eprintln!("s3270 is not installed: apt-get install s3270 to run this test");
            return;
        }
    };
}

#[test]
fn two_3270s_see_only_their_own_vms_interrupts() {
    need_s3270!();
    let server = Server::start(&[]);
    let mut a = S3270::connect(&server, "3279-4");
    let mut b = S3270::connect(&server, "3279-4");
    a.enter("LOGON A");
    a.wait_for("LOGON AT");
    b.enter("logon b");
    b.wait_for("LOGON AT");
    a.enter("VMCF AUTHORIZE");
    a.wait_for("AUTHORIZE: RC 0");
    b.enter("VMCF AUTHORIZE");
    b.wait_for("AUTHORIZE: RC 0");
    a.clear();
    b.clear();
    a.enter("VMCF SENDRECV B MID 1 DATA 'QUERY' REPLYBUF 16");
    let bs = b.wait_for("VMCMUSE");
    assert!(
        bs.contains("EXTERNAL INTERRUPT X'4001' AT 001000: SENDRECV FROM A MID 1"),
        "{bs}"
    );
    assert!(bs.contains("VMCMUSER C140404040404040  A (source)"), "{bs}");
    // No owner column on a terminal, and nothing of A's on B's screen.
    assert!(!bs.contains("B: ") && !bs.contains("SENDRECV TO B"), "{bs}");
    let as_ = a.wait_for("SENDRECV TO B MID 1: RC 0");
    assert!(
        !as_.contains("EXTERNAL INTERRUPT"),
        "A saw an interrupt:\n{as_}"
    );
    assert!(as_.contains("RUNNING"), "the status area:\n{as_}");

    b.clear();
    b.enter("VMCF REPLY A MID 1 DATA 'FINE.'");
    let as_ = a.wait_for("VMCMUSE");
    assert!(as_.contains("RESPONSE FROM B TO SENDRECV MID 1"), "{as_}");
    assert!(as_.contains("*FINE.*"), "{as_}");
    let bs = b.wait_for("REPLY TO A MID 1: RC 0");
    assert!(!bs.contains("RESPONSE"), "{bs}");

    // A third terminal cannot take A while A's terminal has it.
    let mut c = S3270::connect(&server, "3279-2");
    c.enter("LOGON A");
    let cs = c.wait_for("ALREADY LOGGED ON");
    assert!(cs.contains("DMKLOG054E ALREADY LOGGED ON GRAF 0C0"), "{cs}");
    c.enter("QUERY NAMES");
    let cs = c.wait_for("A        - 0C0");
    assert!(cs.contains("B        - 0C1"), "{cs}");
    // A terminal acts as its own VM only.
    a.enter("B: QUERY SET");
    a.wait_for("DMKCFC002E INVALID OPERAND - B:");
    assert!(server.terminate().success());
}

#[test]
fn a_long_display_holds_at_more_until_clear() {
    need_s3270!();
    let server = Server::start(&[]);
    let mut a = S3270::connect(&server, "3279-2");
    a.enter("LOGON A");
    a.wait_for("LOGON AT");
    a.enter("HELP VMCF");
    let first = a.wait_for("MORE...");
    let rows = first.lines().count();
    assert_eq!(rows, 24, "a model 2 has 24 rows:\n{first}");
    assert!(
        first.lines().last().unwrap().ends_with("MORE..."),
        "{first}"
    );
    const LAST: &str = "INTO Lhex                  receive buffer address";
    assert!(!first.contains(LAST), "{first}");
    // Enter with nothing typed holds the screen.
    a.act("Enter");
    a.wait_for("HOLDING");
    a.clear();
    let next = a.wait_for("VMCF");
    assert_ne!(first, next);
    assert!(!next.contains("HOLDING"), "{next}");
    // What is left comes on this page or, after PA2, the next.
    if !next.contains(LAST) {
        assert!(next.contains("MORE..."), "{next}");
        a.act("PA(2)");
    }
    let last = a.wait_for(LAST);
    assert!(
        !last.contains("MORE...") && last.contains("RUNNING"),
        "{last}"
    );
}

#[test]
fn a_directory_asks_for_the_password_in_a_non_display_field() {
    need_s3270!();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("users.direct");
    std::fs::write(
        &path,
        "* users\nUSER ALICE SECRET 512K 2M G\nMDISK 191 3330 10 5 VM0001 MR\n",
    )
    .unwrap();
    let server = Server::start(&["--directory", path.to_str().unwrap()]);
    let mut t = S3270::connect(&server, "3279-2");
    t.enter("LOGON BOB");
    t.wait_for("DMKLOG053E BOB NOT IN CP DIRECTORY");
    t.enter("LOGON ALICE");
    t.wait_for("ENTER PASSWORD:");
    t.act("String(\"wrong\")");
    // The input field's attribute (the last cell of row 22) is non-display: intensity bits 11.
    let buffer = t.act("ReadBuffer(Ascii)");
    let attr = buffer[21]
        .rsplit("SF(c0=")
        .next()
        .and_then(|a| u8::from_str_radix(&a[..2], 16).ok())
        .expect("an attribute ends row 22");
    assert_eq!(attr & 0x0C, 0x0C, "the password field shows: {:02X}", attr);
    assert!(!t.screen().contains("wrong"), "the password was shown");
    t.act("Enter");
    t.wait_for("DMKLOG050E PASSWORD INCORRECT");
    t.clear();
    t.enter("LOGON ALICE");
    t.wait_for("ENTER PASSWORD:");
    t.enter("secret");
    let s = t.wait_for("LOGON AT");
    assert!(!s.contains("secret"), "{s}");
    // Storage from the directory; SHUTDOWN is the operator's (class A), not ALICE's.
    t.enter("QUERY STORAGE");
    t.wait_for("STORAGE = 00512K");
    t.enter("SHUTDOWN");
    t.wait_for("DMKCFC001E ?CP: SHUTDOWN");
    t.enter("FORCE BOB");
    t.wait_for("DMKCFC001E ?CP: FORCE");
    // The password may be on the LOGON line too.
    let mut u = S3270::connect(&server, "3279-2");
    u.enter("LOGON ALICE SECRET");
    u.wait_for("ALREADY LOGGED ON");
}

#[test]
fn a_closed_terminal_disconnects_its_vm_and_logon_elsewhere_reconnects_it() {
    need_s3270!();
    let server = Server::start(&[]);
    let mut a = S3270::connect(&server, "3279-4");
    a.enter("LOGON A");
    a.wait_for("LOGON AT");
    a.enter("VMCF AUTHORIZE");
    a.wait_for("AUTHORIZE: RC 0");
    drop(a);
    let mut b = S3270::connect(&server, "3279-4");
    b.enter("LOGON B");
    b.wait_for("LOGON AT");
    b.enter("VMCF AUTHORIZE");
    b.wait_for("AUTHORIZE: RC 0");
    // The server notices the closed connection soon; ask until it has.
    let until = Instant::now() + WAIT;
    loop {
        b.clear();
        b.enter("QUERY A");
        if b.wait_for("A        - ").contains("A        - DSC") {
            break;
        }
        assert!(Instant::now() < until, "A never showed as disconnected");
    }
    b.enter("VMCF SEND A MID 7 DATA 'WHILE YOU WERE OUT'");
    b.wait_for("SEND TO A MID 7: RC 0");
    let mut c = S3270::connect(&server, "3279-4");
    c.enter("LOGON A");
    let s = c.wait_for("VMCMUSE");
    assert!(s.contains("RECONNECTED AT"), "{s}");
    assert!(
        s.contains("EXTERNAL INTERRUPT X'4001' AT 001000: SEND FROM B MID 7"),
        "{s}"
    );
    c.enter("QUERY NAMES");
    let s = c.wait_for("A        - 0C");
    assert!(!s.contains("A        - DSC"), "{s}");
}

/// A line-mode client over a plain socket.
struct Line {
    stream: TcpStream,
    got: String,
}

impl Line {
    fn connect(server: &Server) -> Line {
        let stream = TcpStream::connect(&server.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut l = Line {
            stream,
            got: String::new(),
        };
        // No negotiation at all: the server decides line mode after its timeout.
        l.wait_for("VM/370 ONLINE");
        l
    }

    fn send(&mut self, line: &str) {
        self.got.clear();
        self.stream
            .write_all(format!("{line}\r\n").as_bytes())
            .unwrap();
    }

    /// Reads until `text` has arrived since the last send; what arrived.
    fn wait_for(&mut self, text: &str) -> String {
        let until = Instant::now() + WAIT;
        let mut buf = [0u8; 4096];
        while !self.got.contains(text) {
            assert!(Instant::now() < until, "never got {text:?}:\n{}", self.got);
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("closed before {text:?}:\n{}", self.got),
                Ok(n) => self.got.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {}
            }
        }
        self.got.clone()
    }
}

#[test]
fn line_mode_clients_hold_the_same_conversation() {
    let server = Server::start(&[]);
    let mut a = Line::connect(&server);
    let mut b = Line::connect(&server);
    a.send("LOGON A");
    a.wait_for("LOGON AT");
    a.send("VMCF AUTHORIZE");
    a.wait_for("AUTHORIZE: RC 0");
    b.send("LOGON B");
    b.wait_for("LOGON AT");
    b.send("VMCF AUTHORIZE");
    b.wait_for("AUTHORIZE: RC 0");
    a.send("VMCF SENDRECV B MID 1 DATA 'QUERY' REPLYBUF 16");
    let got = a.wait_for("SENDRECV TO B MID 1: RC 0");
    assert!(got.contains("\r\n") && !got.contains("A: "), "{got:?}");
    let got = b.wait_for("VMCMUSE");
    assert!(got.contains("EXTERNAL INTERRUPT X'4001' AT 001000: SENDRECV FROM A MID 1\r\n"));
    b.send("VMCF REPLY A MID 1 DATA 'FINE.'");
    let got = a.wait_for("VMCMUSE");
    assert!(got.contains("RESPONSE FROM B TO SENDRECV MID 1"), "{got}");
    assert!(!got.contains("REPLY FROM A"), "{got}");
    b.wait_for("REPLY TO A MID 1: RC 0");
    // Drop A's connection: A runs on disconnected, and reconnects from a new line.
    drop(a);
    // The server notices the closed socket soon; ask until it has.
    let until = Instant::now() + WAIT;
    loop {
        b.send("QUERY A");
        if b.wait_for("A        - ").contains("A        - DSC") {
            break;
        }
        assert!(Instant::now() < until, "A never showed as disconnected");
        std::thread::sleep(Duration::from_millis(50));
    }
    b.send("MSG A ARE YOU THERE");
    let mut c = Line::connect(&server);
    c.send("LOGON A");
    c.wait_for("RECONNECTED AT");
    // DISCONN frees the terminal (the logo again) and the VM runs on: a MSG is refused, as CP
    // refuses one to a disconnected user, and the terminal can log on someone else.
    c.send("DISCONN");
    let got = c.wait_for("VM/370 ONLINE");
    assert!(got.contains("DISCONNECT AT"), "{got}");
    b.send("MSG A ARE YOU THERE");
    b.wait_for("A NOT RECEIVING; DISCONNECTED");
    b.send("QUERY A");
    b.wait_for("A        - DSC");
    c.send("LOGON C");
    c.wait_for("LOGON AT");
    assert!(server.terminate().success());
}

#[test]
fn garbage_ends_only_its_own_connection() {
    let server = Server::start(&[]);
    let mut a = Line::connect(&server);
    a.send("LOGON A");
    a.wait_for("LOGON AT");
    // Bytes of every kind: telnet commands cut short, a subnegotiation that never ends, a
    // 3270-looking record, invalid UTF-8, NULs, and a line far past the input limit.
    let mut junk = vec![
        0xFF, 0xFA, 0x18, 0x00, b'I', b'B', b'M', 0xFF, 0xFF, 0xFF, 0xF0,
    ];
    junk.extend_from_slice(&[
        0x7D, 0x5B, 0x60, 0x11, 0x7F, 0x7F, 0xC1, 0xFF, 0xEF, 0xC3, 0x28,
    ]);
    junk.extend((0..=255u8).cycle().take(70_000));
    junk.extend_from_slice(b"\r\n\xFF\xFD\x28\xFF\xFB\x18");
    for _ in 0..3 {
        let mut g = TcpStream::connect(&server.addr).unwrap();
        let _ = g.write_all(&junk);
        // The server may close it; either way it must not disturb A.
        g.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        let mut sink = [0u8; 65536];
        let _ = g.read(&mut sink);
    }
    // A half-closed client and one that negotiates nothing and sends nothing.
    let h = TcpStream::connect(&server.addr).unwrap();
    h.shutdown(std::net::Shutdown::Write).unwrap();
    let _silent = TcpStream::connect(&server.addr).unwrap();
    a.send("QUERY NAMES");
    a.wait_for("A        - ");
    a.send("VMCF AUTHORIZE");
    a.wait_for("AUTHORIZE: RC 0");
    assert!(server.terminate().success());
}

#[test]
fn shutdown_tells_every_terminal_and_a_full_server_refuses_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d");
    std::fs::write(&path, "USER OP OPW 1M 16M ABCDEG\nUSER A APW\n").unwrap();
    let server = Server::start(&[
        "--directory",
        path.to_str().unwrap(),
        "--max-terminals",
        "2",
    ]);
    let mut op = Line::connect(&server);
    let mut a = Line::connect(&server);
    let mut full = TcpStream::connect(&server.addr).unwrap();
    full.set_read_timeout(Some(WAIT)).unwrap();
    let mut said = String::new();
    let _ = full.read_to_string(&mut said);
    assert!(said.contains("ALL 2 TERMINALS ARE IN USE"), "{said:?}");
    a.send("LOGON A APW");
    a.wait_for("LOGON AT");
    op.send("LOGON OP");
    op.wait_for("ENTER PASSWORD:");
    op.send("OPW");
    op.wait_for("LOGON AT");
    op.send("SHUTDOWN");
    a.wait_for("SYSTEM SHUTDOWN");
    let mut rest = String::new();
    a.stream.set_read_timeout(Some(WAIT)).unwrap();
    let _ = a.stream.read_to_string(&mut rest);
    let until = Instant::now() + WAIT;
    let mut server = server;
    loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            assert!(s.success());
            break;
        }
        assert!(Instant::now() < until, "the server did not end at SHUTDOWN");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn listening_beyond_loopback_needs_a_directory_or_an_explicit_option() {
    let out = vmcfsim()
        .args(["serve", "--listen", "0.0.0.0:0"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--directory") && err.contains("--allow-anyone"),
        "{err}"
    );
}

/// B's 3270 screen just after A's SEND/RECV reached it: the README's "Several terminals" shows
/// it, and this test keeps that copy true.
fn screen_after_send_recv() -> String {
    let server = Server::start(&[]);
    let mut a = S3270::connect(&server, "3279-2");
    let mut b = S3270::connect(&server, "3279-2");
    a.enter("LOGON A");
    a.wait_for("LOGON AT");
    b.enter("LOGON B");
    b.wait_for("LOGON AT");
    a.enter("VMCF AUTHORIZE");
    a.wait_for("AUTHORIZE: RC 0");
    b.enter("VMCF AUTHORIZE");
    b.wait_for("AUTHORIZE: RC 0");
    b.clear();
    b.wait_for("RUNNING");
    a.enter("VMCF SENDRECV B MID 1 DATA 'QUERY' REPLYBUF 16 USE 'A-ASKS'");
    b.wait_for("VMCMUSE")
}

#[test]
fn the_readme_shows_a_real_screen() {
    need_s3270!();
    let got = screen_after_send_recv();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let marker =
        "<!-- screen: B's 3270 after A's SEND/RECV (tests/it/frontends/serve.rs) -->\n```\n";
    let start = readme.find(marker).expect("the README has the screen") + marker.len();
    let end = start + readme[start..].find("```\n").expect("the block ends");
    let shown = &readme[start..end];
    assert_eq!(
        shown, got,
        "README's screen is out of date; the screen now:\n{got}"
    );
}

#[test]
fn a_script_logs_service_vms_on_and_json_names_each_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("start.cp");
    std::fs::write(
        &script,
        "* service machines\nLOGON SERVICE\nVMCF AUTHORIZE\n",
    )
    .unwrap();
    let json = dir.path().join("events.jsonl");
    let svg = dir.path().join("session.svg");
    let server = Server::start(&[
        "--script",
        script.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
        "--diagram",
        svg.to_str().unwrap(),
    ]);
    let mut a = Line::connect(&server);
    a.send("LOGON A");
    a.wait_for("LOGON AT");
    a.send("QUERY NAMES");
    let got = a.wait_for("A        - 0C0");
    assert!(got.contains("SERVICE  - DSC"), "{got}");
    a.send("VMCF AUTHORIZE");
    a.wait_for("AUTHORIZE: RC 0");
    a.send("VMCF SEND SERVICE MID 3 DATA 'WORK'");
    a.wait_for("SEND TO SERVICE MID 3: RC 0");
    assert!(server.terminate().success());
    let events = std::fs::read_to_string(&json).unwrap();
    let mut terminals = std::collections::BTreeSet::new();
    for l in events.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
        terminals.insert(v["terminal"].as_str().expect("a terminal").to_string());
    }
    assert_eq!(
        terminals.into_iter().collect::<Vec<_>>(),
        ["0C0", "CONS"],
        "{events}"
    );
    assert!(
        events.contains("\"event\":\"interrupt\",\"line\":"),
        "{events}"
    );
    let drawn = std::fs::read_to_string(&svg).expect("the diagram is written at shutdown");
    assert!(drawn.contains("SERVICE"));
}

#[test]
fn a_vm_whose_terminal_was_lost_is_logged_off_after_the_timeout() {
    let server = Server::start(&["--logoff-after", "1"]);
    let mut a = Line::connect(&server);
    a.send("LOGON A");
    a.wait_for("LOGON AT");
    drop(a);
    let mut b = Line::connect(&server);
    b.send("LOGON B");
    b.wait_for("LOGON AT");
    let until = Instant::now() + WAIT;
    loop {
        b.send("QUERY A");
        let got = b.wait_for("A ");
        if got.contains("DMKCQG045") && got.contains("A NOT LOGGED ON") {
            break;
        }
        assert!(got.contains("A        - "), "{got}");
        assert!(Instant::now() < until, "A was never logged off");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The starting terminal is the system console, with the REPL's line editor: the prompt follows
/// its user, completion knows the words and the users logged on at other terminals, the lines
/// typed go to the REPL's history file, every VM's lines come with their owner, and SHUTDOWN
/// ends the server. In a real pseudo-terminal (rexpect), killed on drop.
#[cfg(unix)]
#[test]
fn the_starting_terminal_is_the_system_console_with_the_repls_editor() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vmcfsim"));
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--clock", "fixed"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("VMCFSIM_HISTORY", &history);
    let ms = WAIT.as_millis() as u64;
    let mut p = rexpect::session::spawn_command(cmd, Some(ms)).unwrap();
    let (_, said) = p.exp_regex(r"serving terminals on [0-9.:]+").unwrap();
    let addr = said.rsplit(' ').next().unwrap().to_string();
    // The REPL's welcome, then its prompt.
    p.exp_string("LOGON userid to begin").unwrap();
    p.exp_string("> ").unwrap();
    let enter = |p: &mut rexpect::session::PtySession, line: &str| {
        p.send(line).unwrap();
        p.send("\r").unwrap();
        p.flush().unwrap();
    };
    enter(&mut p, "LOGON OPER");
    p.exp_string("OPER> ").unwrap();
    // The word completes from the console's own table.
    p.send("VMCF AUTH\t").unwrap();
    p.flush().unwrap();
    p.exp_string("AUTHORIZE").unwrap();
    enter(&mut p, "");
    p.exp_string("OPER: ").unwrap();
    p.exp_string("OPER> ").unwrap();

    // A user at another terminal: completed at the console, its lines shown with their owner.
    let stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut b = Line {
        stream,
        got: String::new(),
    };
    b.wait_for("VM/370 ONLINE");
    b.send("LOGON BRUNO");
    b.wait_for("LOGON AT");
    p.exp_string("BRUNO: ").unwrap();
    p.send("MSG BRU\t").unwrap();
    p.flush().unwrap();
    p.exp_string("BRUNO").unwrap();
    enter(&mut p, " HELLO");
    b.wait_for("HELLO");
    p.exp_string("OPER> ").unwrap();

    enter(&mut p, "SHUTDOWN");
    p.exp_string("SYSTEM SHUTDOWN").unwrap();
    b.wait_for("SYSTEM SHUTDOWN");
    p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("did not exit: {other:?}"),
    }
    let kept = std::fs::read_to_string(&history).expect("the history file is written");
    for line in [
        "LOGON OPER",
        "VMCF AUTHORIZE",
        "MSG BRUNO HELLO",
        "SHUTDOWN",
    ] {
        assert!(kept.contains(line), "{line:?} not in the history:\n{kept}");
    }
}

#[test]
fn a_terminal_that_never_logs_on_is_told_and_closed_after_the_logon_timeout() {
    let server = Server::start(&["--logon-timeout", "2"]);
    let mut a = Line::connect(&server);
    a.send("LOGON A");
    a.wait_for("LOGON AT");
    let started = Instant::now();
    let mut idle = Line::connect(&server);
    idle.wait_for("NO LOGON WITHIN 2 SECONDS - CONNECTION CLOSED");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "closed before its timeout"
    );
    // Then the server closes it.
    let until = Instant::now() + WAIT;
    let mut buf = [0u8; 256];
    loop {
        if let Ok(0) = idle.stream.read(&mut buf) {
            break;
        }
        assert!(
            Instant::now() < until,
            "the idle connection was never closed"
        );
    }
    // A terminal that is logged on is not idle however quiet it is.
    std::thread::sleep(Duration::from_millis(2500));
    a.send("QUERY NAMES");
    a.wait_for("A ");
    assert!(!a.got.contains("CONNECTION CLOSED"), "{}", a.got);
}

/// QUIT at the system console ends the server, as it ends the REPL; every terminal is told.
#[cfg(unix)]
#[test]
fn quit_at_the_system_console_ends_the_server() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vmcfsim"));
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--no-history"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let ms = WAIT.as_millis() as u64;
    let mut p = rexpect::session::spawn_command(cmd, Some(ms)).unwrap();
    let (_, said) = p.exp_regex(r"serving terminals on [0-9.:]+").unwrap();
    let addr = said.rsplit(' ').next().unwrap().to_string();
    p.exp_string("> ").unwrap();
    let stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut b = Line {
        stream,
        got: String::new(),
    };
    b.wait_for("VM/370 ONLINE");
    p.send("QUIT").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("SYSTEM SHUTDOWN").unwrap();
    b.wait_for("SYSTEM SHUTDOWN");
    p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("did not exit: {other:?}"),
    }
}

/// SIGTERM (or SHUTDOWN from another terminal) while the system console's editor is reading
/// leaves the terminal as it was, not in the editor's raw mode.
#[cfg(unix)]
#[test]
fn the_system_console_gets_its_terminal_modes_back_when_the_server_ends_mid_read() {
    use nix::sys::termios::{LocalFlags, tcgetattr};
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vmcfsim"));
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--no-history"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let ms = WAIT.as_millis() as u64;
    let mut p = rexpect::session::spawn_command(cmd, Some(ms)).unwrap();
    p.exp_string("> ").unwrap();
    p.send("LOGON A\r").unwrap();
    p.flush().unwrap();
    p.exp_string("A> ").unwrap();
    // rexpect's pty starts without ECHO; raw mode also clears ICANON and ISIG.
    p.send("QUERY NAM").unwrap();
    p.flush().unwrap();
    p.exp_string("QUERY NAM").unwrap();
    let pty = p.process().get_file_handle().unwrap();
    let raw = tcgetattr(&pty).unwrap();
    assert!(
        !raw.local_flags.contains(LocalFlags::ICANON),
        "the editor reads in raw mode"
    );
    p.process_mut()
        .signal(nix::sys::signal::Signal::SIGTERM)
        .unwrap();
    p.exp_string("SYSTEM SHUTDOWN").unwrap();
    p.exp_eof().unwrap();
    let after = tcgetattr(&pty).unwrap();
    assert!(
        after
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ISIG),
        "the terminal is left raw: {:?}",
        after.local_flags
    );
}

/// The system console's output in the palette's colours by the usual rule (here the flag wins
/// over NO_COLOR), the owner column included; the prompt's userid coloured as in the REPL.
#[cfg(unix)]
#[test]
fn the_system_console_is_coloured_by_the_usual_rule() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vmcfsim"));
    cmd.args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--no-history",
        "--color",
        "always",
    ])
    .env("TERM", "xterm")
    .env("NO_COLOR", "1");
    let ms = WAIT.as_millis() as u64;
    let mut p = rexpect::session::spawn_command(cmd, Some(ms)).unwrap();
    p.exp_string("> ").unwrap();
    p.send("LOGON A\r").unwrap();
    p.flush().unwrap();
    // The input line in the REPL's highlighting, the owner column and the prompt's userid in
    // the palette's colours.
    const SGR: &str = r"\x1b\[[0-9;]*m";
    p.exp_regex(&format!("{SGR}LOGON{SGR}")).unwrap();
    p.exp_regex(&format!("{SGR}A: {SGR}(?:{SGR})*LOGON AT"))
        .unwrap();
    p.exp_regex(&format!("{SGR}A{SGR}> ")).unwrap();
    p.send("SHUTDOWN").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("SYSTEM SHUTDOWN").unwrap();
    p.exp_eof().unwrap();
}
