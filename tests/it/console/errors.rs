//! Bad input: every kind the console issue lists gets CP's error text, the line is reported
//! rejected, and the session goes on with nothing already delivered lost. Also a long replay
//! whose data area wraps many times.

use crate::support::console::Console;
use crate::support::uid;
use vmcfsim::ebcdic;

/// A session where A has a SEND/RECV in transit to B, RECEIVEd but not yet answered, and an SMSG
/// delivered: the state bad lines must not disturb.
fn busy() -> Console {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "VMCF AUTH BUF 209",
        "LOGON B",
        "VMCF AUTH SMSG BUF 209",
        "A: VMCF SENDRECV B DATA 'keep me' REPLYBUF 20",
        "VMCF RECEIVE A MID 1",
        "A: SMSG B still here",
    ]);
    assert!(c.rejected.is_empty(), "{}", c.text);
    c
}

#[test]
fn every_bad_line_gets_cps_error_and_the_session_goes_on() {
    let mut c = busy();
    let cases: Vec<(String, &str)> = vec![
        ("FROB".into(), "DMKCFC001E ?CP: FROB"),
        ("VMCF".into(), "DMKVMC026E OPERAND MISSING OR INVALID"),
        ("SMSG".into(), "DMKMSG020E USERID MISSING OR INVALID"),
        ("SET SMSG".into(), "DMKCFS026E OPERAND MISSING OR INVALID"),
        ("D".into(), "DMKCDB026E OPERAND MISSING OR INVALID"),
        (
            "VMCF SEND A BOGUS".into(),
            "DMKVMC003E INVALID OPTION - BOGUS",
        ),
        (
            "VMCF SEND A USE X'1' USE X'2'".into(),
            "DMKVMC003E INVALID OPTION - USE",
        ),
        (
            "VMCF SEND A DATA 'unterminated".into(),
            "DMKVMC002E INVALID OPERAND - 'unterminated",
        ),
        ("MSG A 'quotes are text here".into(), ""),
        (
            "VMCF SEND A DATA X'123'".into(),
            "DMKVMC005E INVALID HEXDATA - X'123'",
        ),
        (
            "DIAG 68 L1000000".into(),
            "DMKHVC004E INVALID HEXLOC - L1000000",
        ),
        ("D T1000000".into(), "DMKCDB004E INVALID HEXLOC - T1000000"),
        (
            "LOGON NINECHARS".into(),
            "DMKLOG020E USERID MISSING OR INVALID",
        ),
        (
            "LOGON BAD-ID".into(),
            "DMKLOG020E USERID MISSING OR INVALID",
        ),
        ("SMSG NOBODY hi".into(), "DMKMSG045W NOBODY NOT LOGGED ON"),
        ("MSG NOBODY hi".into(), "DMKMSG045W NOBODY NOT LOGGED ON"),
        ("Q NOBODY".into(), "DMKCQG045W NOBODY NOT LOGGED ON"),
        ("NOBODY: Q SET".into(), "DMKCFC045W NOBODY NOT LOGGED ON"),
        (
            "D L100000".into(),
            "DMKCDB160E HEXLOC 100000 EXCEEDS STORAGE",
        ),
        (
            "D TFFFF0.20".into(),
            "DMKCDB160E HEXLOC 100000 EXCEEDS STORAGE",
        ),
        (
            "ST LFFFFFC 0".into(),
            "DMKCDS160E HEXLOC FFFFFC EXCEEDS STORAGE",
        ),
        (
            format!("FROB {}", "x".repeat(10_000)),
            "DMKCFC001E ?CP: FROB",
        ),
        (
            format!("VMCF SEND A {}", "Y".repeat(10_000)),
            "DMKVMC003E INVALID OPTION - YYYY",
        ),
        (
            "SMSG A a\u{1b}[31mred".into(),
            "DMKCFC002E INVALID OPERAND - X'1B'",
        ),
        ("Q\u{0}SET".into(), "DMKCFC002E INVALID OPERAND - X'00'"),
    ];
    for (line, want) in &cases {
        let before = c.rejected.len();
        let t = c.line(line);
        if want.is_empty() {
            assert_eq!(c.rejected.len(), before, "{line}: {t}");
            continue;
        }
        assert_eq!(c.rejected.len(), before + 1, "{line} was not rejected: {t}");
        let n = c.n;
        assert!(
            t.contains(&format!("test.cp:{n}: {want}")),
            "{line:.60}: want {want}, got\n{t:.2000}"
        );
        assert!(t.len() < 30_000, "an error does not flood the transcript");
        let err = c.events_of(n).into_iter().find(|e| e["event"] == "error");
        let err = err.expect("a JSON error event");
        let json = format!(
            "{} {}",
            err["id"].as_str().unwrap(),
            err["text"].as_str().unwrap()
        );
        assert!(json.starts_with(want), "{json:.100}");
    }
    // Non-UTF-8 bytes.
    let t = c.line(b"SMSG B caf\xe9".as_slice());
    assert!(t.contains("DMKCFC002E INVALID OPERAND - X'E9'"), "{t}");
    let t = c.line(b"\xff\xfe".as_slice());
    assert!(t.contains("DMKCFC002E INVALID OPERAND - X'FF'"), "{t}");
    // Nothing was lost: B still owes the REPLY and gets it through.
    let t = c.line("VMCF REPLY A MID 1 DATA 'ok'");
    assert!(t.contains("REPLY TO A MID 1: RC 0"), "{t}");
    assert!(t.contains("RESPONSE FROM B TO SENDRECV MID 1"), "{t}");
    assert_eq!(ebcdic::decode(&c.peek("B", 0x20000, 7)), "keep me");
    assert_eq!(c.s.current_user(), Some(uid("B")));
    assert_eq!(c.s.users(), [uid("A"), uid("B")]);
}

#[test]
fn carets_point_at_the_offending_word() {
    let mut c = busy();
    let t = c.line("VMCF SEND A PRIO MID 1 PRIORITY");
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        lines[1],
        "B: test.cp:8: DMKVMC003E INVALID OPTION - PRIORITY"
    );
    assert_eq!(lines[2], "B:   VMCF SEND A PRIO MID 1 PRIORITY");
    assert_eq!(
        lines[3],
        format!("B: {}^^^^^^^^ given twice", " ".repeat(25))
    );
    let e = c
        .events_of(8)
        .into_iter()
        .find(|e| e["event"] == "error")
        .unwrap();
    assert_eq!(e["column"], 24);
    assert_eq!(e["reason"], "given twice");
}

#[test]
fn with_users_on_but_none_current_the_error_says_how_to_pick_one() {
    let mut c = Console::new();
    c.lines(&["LOGON A", "LOGON B", "LOGOFF"]);
    let t = c.line("VMCF AUTHORIZE");
    assert!(t.contains("DMKCFC001E ?CP: VMCF"), "{t}");
    assert!(
        t.contains("no current user: LOGON A makes A current, or A: command runs one"),
        "{t}"
    );
    assert!(!t.contains("nobody is logged on"), "{t}");
    // The advice works: the prefix runs the command as A.
    let t = c.line("A: VMCF AUTHORIZE");
    assert!(t.contains("A: AUTHORIZE: RC 0"), "{t}");
}

#[test]
fn vmcf_before_logon_is_refused() {
    let mut c = Console::new();
    let t = c.line("VMCF AUTHORIZE");
    assert!(
        t.lines().any(|l| l == "test.cp:1: DMKCFC001E ?CP: VMCF"),
        "{t}"
    );
    assert!(t.contains("nobody is logged on: LOGON first"), "{t}");
    let t = c.line("sm b hi");
    assert!(t.contains("DMKCFC001E ?CP: SM"), "{t}");
    assert_eq!(c.rejected, [1, 2]);
    // What CP knows before logon still works.
    c.lines(&["Q NAMES", "Q TIME", "HELP", "* comment", ""]);
    assert_eq!(c.rejected, [1, 2]);
    let j = &c.events_of(1)[0];
    assert_eq!(j["user"], serde_json::Value::Null);
}

#[test]
fn data_longer_than_storage_is_refused_before_anything_moves() {
    let mut c = busy();
    c.lines(&["A: DEF STOR 132K", "A: VMCF AUTH"]);
    // 132K leaves 16K of data area above X'20000'.
    let big = format!("A: VMCF SEND B DATA X'{}'", "AB".repeat(20_000));
    let t = c.line(&big);
    assert!(
        t.contains("DMKVMC160E HEXLOC 024E1F EXCEEDS STORAGE"),
        "{t:.500}"
    );
    assert!(!t.contains("RC "), "no DIAGNOSE was issued");
    let t = c.line("A: VMCF SEND B ADDR L20000 LEN 20000");
    assert!(t.contains("RC 1 (invalid buffer address or length)"), "{t}");
    let t = c.line("A: VMCF SEND B DATA 'x' AT L20FFF");
    assert!(t.contains("RC 0"), "the last byte is storage: {t}");
    let t = c.line("A: VMCF SEND B DATA 'xy' AT L20FFF");
    assert!(
        t.contains("DMKVMC160E HEXLOC 021000 EXCEEDS STORAGE"),
        "{t}"
    );
    c.line("A: DEF STOR 64K");
    let t = c.line("A: VMCF SEND B");
    assert!(
        t.contains("DMKVMC160E HEXLOC 01FFD8 EXCEEDS STORAGE"),
        "{t}"
    );
    assert!(t.contains("DEFINE STORAGE 128K or more"), "{t}");
}

#[test]
fn quit_ends_and_smsg_text_is_cut_where_cps_line_ends() {
    let mut c = busy();
    let text = "Z".repeat(200);
    // DECISION docs/decisions.md#d16: 134 less `SMSG B ` leaves 127 (the `A:` prefix is not CP's).
    let t = c.line(format!("A: SMSG B {text}"));
    assert!(
        t.contains("VMCMLENA 0000007F          127 bytes of text"),
        "{t}"
    );
    let mut s = vmcfsim::Session::new(Box::new(vmcfsim::FixedClock::standard()));
    let o = s.feed(1, b"QUIT");
    assert!(o.quit() && o.accepted());
    let o = s.feed(2, b"quit now");
    assert!(!o.quit() && !o.accepted());
}

/// A long replay: SEND/RECEIVE pairs whose DATA literals fill a small data area again and
/// again. The area wraps back to X'20000' instead of running out, and every message arrives.
#[test]
fn long_replay_wraps_the_data_area() {
    let mut s = vmcfsim::Session::new(Box::new(vmcfsim::FixedClock::standard()));
    let mut n = 0;
    let mut feed = |s: &mut vmcfsim::Session, line: &str| {
        n += 1;
        let o = s.feed(n, line.as_bytes());
        assert!(o.accepted(), "{line}");
        let mut t = String::new();
        vmcfsim::render_text(&o, &Default::default(), &mut t);
        t
    };
    for l in [
        "LOGON A",
        "DEF STOR 132K",
        "VMCF AUTH",
        "LOGON B",
        "DEF STOR 132K",
        "VMCF AUTH",
    ] {
        feed(&mut s, l);
    }
    let payload = "P".repeat(200);
    let mut wraps = 0;
    for i in 0..5_000u32 {
        let t = feed(&mut s, &format!("A: VMCF SEND B DATA '{i:05}{payload}'"));
        if t.contains("A: DATA AT 020000,") {
            wraps += 1;
        }
        assert!(t.contains(": RC 0"), "{t}");
        let t = feed(&mut s, &format!("VMCF RECEIVE A MID {}", i + 1));
        assert!(t.contains(&format!("*{i:05}PPPPPPPPPPP*")), "{t}");
    }
    assert!(wraps > 150, "the area wrapped {wraps} times");
    assert_eq!(s.cp().messages_in_transit(), 0);
    let a = s.cp().vm(uid("A")).unwrap();
    assert!(a.storage().resident_bytes() <= 132 << 10);
}

mod never_panics {
    use proptest::prelude::*;
    use vmcfsim::{FixedClock, Session, TextOptions, render_json, render_text};

    /// Words of the language and near misses, so random lines reach deep into the parser and
    /// the command processor, not only its first error.
    const WORDS: &[&str] = &[
        "VMCF",
        "SEND",
        "SENDRECV",
        "SENDX",
        "RECEIVE",
        "REPLY",
        "REJECT",
        "CANCEL",
        "AUTH",
        "UNAUTH",
        "QUIESCE",
        "RESUME",
        "IDENT",
        "A",
        "B",
        "C",
        "A:",
        "B:",
        "*",
        "MID",
        "1",
        "2",
        "0",
        "4294967295",
        "X'00'",
        "X'FFFFFFFF'",
        "X'C1C2C3'",
        "X'",
        "'",
        "'hi'",
        "''''",
        "DATA",
        "ADDR",
        "LEN",
        "AT",
        "INTO",
        "USE",
        "PRIO",
        "SMSG",
        "SPEC",
        "BUF",
        "40",
        "209",
        "REPLYBUF",
        "L0",
        "L1000",
        "L1FFD8",
        "LFFFFF8",
        "L20000",
        "DEF",
        "STOR",
        "4K",
        "128K",
        "16M",
        "D",
        "T0.40",
        "L1000-1027",
        "ST",
        "S1000",
        "C1C2",
        "DIAG",
        "68",
        "LOGON",
        "LOGOFF",
        "ENABLE",
        "DISABLE",
        "Q",
        "SET",
        "MSG",
        "ON",
        "OFF",
        "NAMES",
        "TIME",
        "HELP",
        "QUIT",
        "\t",
        "é",
        "€",
    ];

    fn feed_all(lines: &[Vec<u8>]) {
        let mut s = Session::new(Box::new(FixedClock::standard()));
        for (i, l) in [b"LOGON A".to_vec(), b"LOGON B".to_vec()]
            .iter()
            .chain(lines)
            .enumerate()
        {
            let o = s.feed(i + 1, l);
            let (mut t, mut j) = (String::new(), String::new());
            let opts = TextOptions {
                echo: true,
                source: Some("p.cp"),
                width: None,
            };
            render_text(&o, &opts, &mut t);
            render_json(&o, &mut j);
            for line in j.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                assert!(v["event"].is_string());
            }
            assert!(j.starts_with("{\"event\":\"command\""));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes(lines in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..60), 1..6)) {
            feed_all(&lines);
        }

        #[test]
        fn word_soup(lines in prop::collection::vec(
            prop::collection::vec(prop::sample::select(WORDS), 0..9), 1..12)
        ) {
            let lines: Vec<Vec<u8>> = lines.iter().map(|w| w.join(" ").into_bytes()).collect();
            feed_all(&lines);
        }
    }
}
