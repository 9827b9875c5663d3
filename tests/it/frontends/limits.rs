//! Resource limits, each as CP would behave at it: the SMSGs a disabled VM collects, the
//! length of an input line, a script of many lines, and many logged-on users. Every limit ends
//! in CP's kind of answer (an error or a refusal), never in a panic or unbounded memory.

use crate::support::console::Console;
use crate::support::heap;
use crate::support::{authorize, cp_with, interrupts, uid};
use vmcfsim::{CpError, NotReceiving, SMSG_PENDING_MAX, Userid, vmcpflg1};

/// SMSGs do not count towards the issuer's 50 messages (docs/decisions.md#d4), so a disabled VM
/// would collect them without end. CP keeps at most SMSG_PENDING_MAX for it; the next is refused,
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

/// On the console the refusal reads as CP's DMKMSG057E, naming the limit.
#[test]
fn the_smsg_past_the_limit_is_refused_on_the_console() {
    let mut c = Console::new();
    c.lines(&["LOGON A", "VMCF AUTH SMSG BUF 169", "DISABLE", "LOGON B"]);
    for i in 0..SMSG_PENDING_MAX {
        let t = c.line(format!("SMSG A {i}"));
        assert!(!t.contains("DMK"), "{t}");
    }
    let t = c.line("SMSG A overflow");
    let want = format!("DMKMSG057E A NOT RECEIVING; {SMSG_PENDING_MAX} SMSGS PENDING");
    assert!(t.contains(&want), "{t}");
    // A enables and takes every one of them, in order; the refused one never arrives.
    let t = c.line("A: ENABLE");
    assert_eq!(t.matches("VMCMFUNC").count(), SMSG_PENDING_MAX, "{t:.3000}");
    assert!(!t.contains("overflow"));
}

/// CP's limit on logged-on users was its real storage: a VMBLOK and its chains per user. A
/// simulated VM costs a few hundred bytes until it writes storage (which is sparse), so
/// vmcfsim sets no user limit of its own: 100,000 users log on, each can still do VMCF, and
/// after they LOG OFF the next 100,000 reuse what the first held (the list of free slots,
/// kept after the first LOGOFFs, is the one addition): memory follows the most users logged
/// on at once, never the number of logons. The bound asserted is the budget (1K a VM), not
/// the exact cost.
#[test]
fn a_hundred_thousand_users_cost_under_1k_each_and_their_slots_are_reused() {
    const USERS: usize = 100_000;
    let users: Vec<Userid> = (0..USERS)
        .map(|i| Userid::parse(&format!("U{i}")).unwrap())
        .collect();
    let mut cp = crate::support::cp();
    let start = heap::held();
    let mut peak = 0;
    for round in 0..3 {
        for &u in &users {
            assert!(cp.logon(u));
            // As the console does once a line: the events of the last command are dropped.
            cp.clear_events();
        }
        let held = heap::held() - start;
        let per_vm = held / USERS as isize;
        eprintln!("round {round}: heap per logged-on VM: {per_vm} bytes");
        assert!(per_vm < 1024, "{per_vm} bytes per VM");
        if round == 1 {
            peak = held;
        } else if round == 2 {
            // (A little slack: the test harness captures `eprintln!` in this thread's heap.)
            assert!(
                held <= peak + 4096,
                "the third 100,000 took more: {held} > {peak}"
            );
        }
        assert_eq!(cp.user_count(), USERS);
        // The last one to log on talks to the first, as any two would.
        let (a, b) = (users[0], users[USERS - 1]);
        for u in [a, b] {
            let mut p = crate::support::plist(vmcfsim::Subfunction::Authorize);
            (p.vada, p.lena) = (0x1000, 200);
            cp.store(u, 0x800, &p.encode()).unwrap();
            assert_eq!(cp.diagnose_68(u, 0x800), Ok(vmcfsim::ReturnCode::Ok));
        }
        cp.set_smsg(a, true).unwrap();
        cp.smsg(b, a, b"HI").unwrap();
        assert_eq!(interrupts(&cp).len(), 1);
        for &u in &users {
            cp.logoff(u).unwrap();
            cp.clear_events();
        }
        assert_eq!(cp.user_count(), 0);
    }
}

/// Two VMs with 132K each (so the console's data area wraps every few thousand messages), A
/// taking SMSGs: the set-up of the long sessions below.
const LONG_SETUP: [&str; 6] = [
    "LOGON A",
    "DEF STOR 132K",
    "VMCF AUTH SMSG BUF 169",
    "LOGON B",
    "DEF STOR 132K",
    "VMCF AUTH",
];

/// Line `n` of a long session going round `cycle`: `{}` is the round, from 1 (so MIDs match).
fn cycle_line(cycle: &[&str], n: usize, line: &mut String) {
    let round = n / cycle.len() + 1;
    line.clear();
    line.push_str(&cycle[n % cycle.len()].replace("{}", &round.to_string()));
}

/// A script of millions of lines: the replay streams (its reading side is tested in `run`),
/// and the session keeps nothing per line. The lines cycle through a conversation: SEND and
/// RECEIVE, an SMSG, a SEND/RECV answered by REPLY, a DISPLAY, a comment, a refused line.
/// Memory grows with the storage VMs touch (sparse pages) and nothing else, so with 132K
/// machines, whose console data area wraps every few thousand messages, the heap the session
/// holds after a warm-up stays within a small budget however many lines follow, and every
/// message was answered. CI runs 30,000 lines; `cargo test --release` runs 3,000,000.
#[test]
fn a_long_script_runs_in_constant_memory() {
    use vmcfsim::{Session, TextOptions, render_json, render_text};
    const CYCLE: &[&str] = &[
        "A: VMCF SEND B DATA 'ping'",
        "B: VMCF RECEIVE A MID {}",
        "B: SMSG A pong {}",
        "B: VMCF SENDRECV A DATA 'q' REPLYBUF 16",
        "A: VMCF REPLY B MID {}",
        "A: D T20000.20",
        "* a comment",
        "FROB {}",
    ];
    const WARM: usize = 10_000;
    let lines: usize = if cfg!(debug_assertions) {
        30_000
    } else {
        3_000_000
    };
    let mut s = Session::new(Box::new(vmcfsim::FixedClock::standard()));
    let setup = LONG_SETUP;
    for (i, l) in setup.iter().enumerate() {
        assert!(s.feed(i + 1, l.as_bytes()).accepted(), "{l}");
    }
    let (mut text, mut json, mut line) = (String::new(), String::new(), String::new());
    let opts = TextOptions {
        echo: true,
        source: Some("long.cp"),
        width: None,
    };
    let mut warm = 0;
    for n in 0..lines {
        cycle_line(CYCLE, n, &mut line);
        let o = s.feed(setup.len() + n + 1, line.as_bytes());
        assert_eq!(o.accepted(), !line.starts_with("FROB"), "{line}");
        text.clear();
        json.clear();
        render_text(&o, &opts, &mut text);
        render_json(&o, &mut json);
        if n == WARM {
            warm = heap::held();
        }
    }
    let grew = heap::held() - warm;
    eprintln!("{lines} lines; the heap grew {grew} bytes after the first {WARM}");
    assert!(grew < 16 * 1024, "{grew} bytes more after {lines} lines");
    assert_eq!(s.cp().messages_in_transit(), 0);
}

/// What the REPL keeps for `DIAGRAM FILE` over a long piped session: each outcome goes to the
/// diagram builder as its JSON events, one line at a time (as `draw.rs`'s `Recorder` feeds
/// it), and the builder keeps the picture only: at most `STEPS_MAX` steps of bounded size, so
/// once it is full the heap stays put however many lines follow, and what it holds is within
/// the bound ARCHITECTURE.md states (here, labels of a few dozen bytes: under 256 a step).
#[test]
fn a_long_repl_session_keeps_a_bounded_diagram() {
    use vmcfsim::diagram::{Builder, NoteKind, STEPS_MAX, Step};
    use vmcfsim::{Session, render_json};
    const CYCLE: &[&str] = &[
        "A: VMCF SEND B DATA 'ping'",
        "B: VMCF RECEIVE A MID {}",
        "B: SMSG A pong {}",
        "B: VMCF SENDRECV A DATA 'q' REPLYBUF 16",
        "A: VMCF REPLY B MID {}",
        "A: D T20000.20",
        "* a comment",
        "FROB {}",
        "QUERY NAMES",
    ];
    const WARM: usize = 10_000;
    let lines: usize = if cfg!(debug_assertions) {
        30_000
    } else {
        1_000_000
    };
    let mut s = Session::new(Box::new(vmcfsim::FixedClock::standard()));
    let mut setup = vec!["* A long session at the REPL."];
    setup.extend(LONG_SETUP);
    let start = heap::held();
    let mut builder = Builder::new();
    let (mut json, mut line) = (String::new(), String::new());
    let mut feed = |s: &mut Session, builder: &mut Builder, n: usize, line: &str| {
        let o = s.feed(n, line.as_bytes());
        json.clear();
        render_json(&o, &mut json);
        for event in json.lines() {
            builder.add_json(event).unwrap();
        }
        builder.end_line();
    };
    for (i, l) in setup.iter().enumerate() {
        feed(&mut s, &mut builder, i + 1, l);
    }
    let mut warm = 0;
    for n in 0..lines {
        cycle_line(CYCLE, n, &mut line);
        feed(&mut s, &mut builder, setup.len() + n + 1, &line);
        if n == WARM {
            warm = heap::held();
        }
    }
    let grew = heap::held() - warm;
    let held = warm - start;
    eprintln!("{lines} lines: {held} bytes held at line {WARM}, {grew} more at the end");
    assert!(grew < 16 * 1024, "{grew} bytes more after {lines} lines");
    assert!(
        held < (STEPS_MAX * 256) as isize + 512 * 1024,
        "{held} bytes for session and diagram"
    );
    let d = builder.finish();
    assert_eq!(d.title.as_deref(), Some("A long session at the REPL."));
    assert_eq!(d.steps.len(), STEPS_MAX + 1);
    assert!(
        matches!(d.steps.last(), Some(Step::Note(n)) if n.kind == NoteKind::Omitted
            && n.text.contains(&format!("to {}", setup.len() + lines))),
        "{:?}",
        d.steps.last()
    );
    assert_eq!(d.lifelines.len(), 3, "A, CP, B");
}

/// The console takes a line of LINE_MAX bytes and refuses a longer one, naming the limit, with
/// the caret at the limit; the session goes on. (The replay never reads more than one byte past
/// the limit of a line: `run`'s tests.)
#[test]
fn a_line_past_the_console_limit_is_refused_naming_it() {
    use vmcfsim::LINE_MAX;
    let mut c = Console::new();
    c.line("LOGON A");
    let at_limit = format!("* {}", "x".repeat(LINE_MAX - 2));
    c.line(&at_limit);
    assert!(
        c.rejected.is_empty(),
        "a line of exactly {LINE_MAX} bytes is taken"
    );
    let t = c.line(format!("SMSG A {}", "y".repeat(LINE_MAX)));
    assert_eq!(c.rejected, [3]);
    let want = format!("test.cp:3: DMKCFC002E INVALID OPERAND - LINE LONGER THAN {LINE_MAX} BYTES");
    assert!(
        t.contains(&want),
        "{:.300}",
        &t[t.len().saturating_sub(600)..]
    );
    let e = c.events_of(3).into_iter().find(|e| e["event"] == "error");
    let e = e.expect("a JSON error event");
    // 1-based: the caret stands just after the last byte kept, as for an operand missing at
    // the end of a line.
    assert_eq!(e["column"].as_u64(), Some(LINE_MAX as u64 + 1));
    let t = c.line("Q NAMES");
    assert!(t.contains("A: A"), "the session goes on: {t}");
}
