//! The console end to end: lines in, transcript and JSON Lines out, through the public
//! `Session` interface the front ends use.

use crate::support::console::Console;
use crate::support::uid;
use serde_json::Value;
use vmcfsim::{
    Event, FixedClock, Lines, PLIST_SLOT, ReturnCode, Session, Subfunction, TextOptions, Vmcmhdr,
    Vmcparm, ebcdic, render_lines, render_text, write_text,
};

/// The hex of the transcript's DISPLAY-layout lines that follow `title`, words joined.
fn dumped_hex(text: &str, title: &str, lines: usize) -> String {
    let mut it = text.lines().skip_while(|l| !l.contains(title)).skip(1);
    let mut hex = String::new();
    for _ in 0..lines {
        let l = it.next().expect("dump line");
        // "B:   001000  00000004 ..."
        let body = l.split_once("  ").unwrap().1.trim_start();
        let words = body.split_once("  ").unwrap().1;
        hex.extend(words.split(' ').filter(|w| !w.is_empty()));
    }
    hex
}

#[test]
fn design_card_smsg_prints_the_header_in_hex_and_fields() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "VMCF AUTHORIZE PRIORITY BUF 209",
        "LOGON B",
        "VMCF AUTHORIZE SMSG BUF 209",
    ]);
    let t = c.line("A: SMSG B hello");
    assert!(c.rejected.is_empty(), "{}", c.text);
    assert!(t.starts_with("B> A: SMSG B hello\n"), "{t}");
    assert!(
        t.contains("B: EXTERNAL INTERRUPT X'4001' AT 001000: SMSG FROM A"),
        "{t}"
    );
    for field in [
        "VMCMSTAT", "VMCMEFLG", "VMCMFUNC", "VMCMMID", "VMCMUSER", "VMCMVADA", "VMCMLENA",
        "VMCMVADB", "VMCMLENB", "VMCMUSE",
    ] {
        assert!(t.contains(&format!("B:   {field}")), "{field} in {t}");
    }
    assert!(t.contains("VMCMUSER E2E8E2E3C5D44040  SYSTEM"), "{t}");
    assert!(
        t.contains("VMCMLENA 00000005          5 bytes of text"),
        "{t}"
    );
    assert!(t.contains("*hello*"), "{t}");
    // The same 40 bytes in the transcript, in the JSON event, and in B's buffer.
    let in_storage = c.peek("B", 0x1000, 40);
    let stored: String = in_storage.iter().map(|b| format!("{b:02X}")).collect();
    let shown = dumped_hex(&t, "EXTERNAL INTERRUPT", 3);
    let ev = c.events_of(5);
    let int = ev.iter().find(|e| e["event"] == "interrupt").unwrap();
    assert_eq!(int["header"], stored.as_str());
    assert_eq!(shown, stored);
    assert_eq!(int["user"], "B");
    assert_eq!(int["code"], "4001");
    assert_eq!(int["buffer"], "001000");
    assert_eq!(int["data"], "8885939396");
    let f = &int["fields"];
    assert_eq!(
        (
            f["func"].as_u64(),
            f["func_name"].as_str(),
            f["user"].as_str()
        ),
        (Some(4), Some("SENDX"), Some("SYSTEM"))
    );
    assert_eq!(f["use"], "C140404040404040");
    assert_eq!(f["lena"], 5);
    let h = Vmcmhdr::decode(&in_storage.try_into().unwrap());
    assert_eq!(f["mid"].as_u64(), Some(u64::from(h.mid)));
    assert_eq!(ev[0]["event"], "command");
    assert_eq!(ev[0]["user"], "A");
    assert_eq!(ev[0]["text"], "A: SMSG B hello");
}

#[test]
fn set_smsg_on_works_like_the_authorize_bit() {
    let mut c = Console::new();
    c.lines(&["LOGON B", "VMCF AUTH BUF 209", "LOGON A", "SMSG B one"]);
    assert_eq!(c.rejected, [4]);
    assert!(
        c.text
            .contains("A: test.cp:4: DMKMSG057E B NOT RECEIVING; SMSG OFF")
    );
    let t = c.lines(&["B: SET SMSG ON", "SM B two"]);
    assert!(t.contains("SMSG FROM A"), "{t}");
    assert!(t.contains("*two*"));
    c.line("B: SET SMSG OFF");
    let t = c.line("SMSG B three");
    assert!(t.contains("DMKMSG057E B NOT RECEIVING; SMSG OFF"), "{t}");
}

#[test]
fn send_recv_exchange_moves_data_and_responds() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "VMCF AUTH",
        "LOGON B",
        "VMCF AUTH",
        "A: VMCF SENDRECV B DATA 'What time is it?' REPLYBUF 64",
    ]);
    assert!(c.text.contains("A: DATA AT 020000, 16 BYTES"), "{}", c.text);
    assert!(c.text.contains("A: REPLY BUFFER AT 020010, 64 BYTES"));
    assert!(
        c.text
            .contains("A: SENDRECV TO B MID 1: RC 0 (complete or successfully initiated)")
    );
    // RECEIVE without LEN takes the 16 bytes the header announced.
    let t = c.line("VMCF RECEIVE A MID 1");
    assert!(t.contains("B: RECEIVE BUFFER AT 020000, 16 BYTES"), "{t}");
    assert!(t.contains("*What time is it?*"), "{t}");
    let t = c.line("VMCF REPLY A MID 1 DATA 'Nine o''clock' USE X'2A'");
    assert!(t.contains("A: DATA MOVED TO 020010, 12 BYTES"), "{t}");
    assert!(t.contains("RESPONSE FROM B TO SENDRECV MID 1"), "{t}");
    assert!(t.contains("52 bytes of reply buffer unused"), "{t}");
    assert_eq!(ebcdic::decode(&c.peek("A", 0x20010, 12)), "Nine o'clock");
    assert_eq!(c.s.cp().messages_in_transit(), 0);
    let ev = c.events_of(7);
    let kinds: Vec<&str> = ev.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["command", "message", "rc", "data", "interrupt"],
        "rc first, then what the call caused"
    );
    assert_eq!(ev[1]["text"], "DATA AT 020010, 12 BYTES");
    assert_eq!(
        (ev[1]["address"].as_str(), ev[1]["length"].as_u64()),
        (Some("020010"), Some(12))
    );
    assert_eq!(ev[2]["subfunction"], "REPLY");
    assert_eq!(ev[2]["rc"], 0);
    assert_eq!(ev[3]["user"], "A");
    assert_eq!(ev[3]["hex"], "D589958540967D8393968392");
    assert_eq!(ev[4]["fields"]["use"], "000000000000002A");
    assert!(c.rejected.is_empty());
}

#[test]
fn mids_count_up_per_vm_and_rc_shows_failures() {
    let mut c = Console::new();
    c.lines(&["LOGON A", "VMCF AUTH", "LOGON B", "VMCF AUTH"]);
    c.lines(&["A: VMCF SEND B", "A: VMCF SEND B", "VMCF SEND A"]);
    assert!(c.text.contains("A: SEND TO B MID 1: RC 0"));
    assert!(c.text.contains("A: SEND TO B MID 2: RC 0"));
    assert!(c.text.contains("B: SEND TO A MID 1: RC 0"));
    let t = c.line("A: VMCF SEND B MID 2");
    assert!(
        t.contains("SEND TO B MID 2: RC 8 (duplicate message)"),
        "{t}"
    );
    let t = c.line("VMCF SEND NOBODY");
    assert!(
        t.contains("SEND TO NOBODY MID 2: RC 5 (user not available)"),
        "{t}"
    );
    let t = c.line("VMCF RECEIVE A MID 9");
    assert!(t.contains("RC 12 (message not found)"), "{t}");
    // A return code is an answer, not a rejected line.
    assert!(c.rejected.is_empty());
}

#[test]
fn prefix_acts_without_changing_the_current_user() {
    let mut c = Console::new();
    c.lines(&["LOGON A", "LOGON B", "A: Q SET"]);
    assert_eq!(c.s.current_user(), Some(uid("B")));
    assert_eq!(c.s.prompt(), "B> ");
    assert!(
        c.text
            .contains("A: MSG ON  , WNG ON  , EMSG ON  , IMSG ON  , SMSG OFF")
    );
    let t = c.line("LOGON A");
    assert!(t.contains("A: RECONNECTED AT 09:00:04"), "{t}");
    assert_eq!(c.s.current_user(), Some(uid("A")));
    assert_eq!(c.s.users(), [uid("A"), uid("B")]);
    let t = c.line("B: LOGOFF");
    assert!(
        t.contains("B: LOGOFF AT 09:00:05 GMT WEDNESDAY 04/01/81"),
        "{t}"
    );
    assert_eq!(c.s.current_user(), Some(uid("A")));
    c.line("LOGOFF");
    assert_eq!(c.s.current_user(), None);
    assert_eq!(c.s.prompt(), "> ");
    assert!(c.s.users().is_empty());
    let t = c.line("Q NAMES");
    // A line on the terminal nobody is logged on at has no owner column.
    assert!(t.lines().any(|l| l == "NO USERS LOGGED ON"), "{t}");
}

#[test]
fn query_display_store_define() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "LOGON B",
        "A: Q NAMES",
        "Q USERS",
        "Q TIME",
        "Q STOR",
    ]);
    assert!(c.text.contains("A: A        - CONS , B        - CONS"));
    assert!(c.text.contains("B: 002 USERS, 000 DIALED"));
    assert!(
        c.text
            .contains("B: TIME IS 09:00:05 GMT WEDNESDAY 04/01/81")
    );
    assert!(
        c.text
            .contains("B: CONNECT= 00:00:03 VIRTCPU= 000:00.00 TOTCPU= 000:00.00")
    );
    assert!(c.text.contains("B: STORAGE = 01024K"));
    let t = c.lines(&["ST L200 C8C5D3D3 D640E6D6 D9D3C440 40404040", "D T200.20"]);
    assert!(
        t.contains("B: 000200  C8C5D3D3 D640E6D6 D9D3C440 40404040  *HELLO WORLD     *"),
        "{t}"
    );
    assert!(t.contains("B: 000210  00000000 00000000 00000000 00000000  *................*"));
    let t = c.line("D L204.6 T0");
    assert!(t.contains("B: 000204  D640E6D6 D9D3C440\n"), "{t}");
    assert!(t.contains("B: 000000  00000000"));
    let t = c.line("DEF STOR 64K");
    assert!(t.contains("B: STORAGE = 00064K"), "{t}");
    let t = c.line("D T200.20");
    assert!(t.contains("*................*"), "storage cleared: {t}");
    let t = c.line("D LFFFC-10003");
    assert!(
        t.contains("DMKCDB160E HEXLOC 010000 EXCEEDS STORAGE"),
        "{t}"
    );
    let t = c.line("D T-END");
    assert!(
        t.contains("B: 000010 TO 00FFFF SUPPRESSED LINE(S) SAME AS ABOVE"),
        "{t}"
    );
    // A STORE stores all or nothing, and names the address typed, with a caret under it.
    let t = c.line("ST LFFFC 1 2");
    assert!(
        t.contains("DMKCDS160E HEXLOC 00FFFC EXCEEDS STORAGE"),
        "{t}"
    );
    assert!(t.contains("B:   ST LFFFC 1 2\n"), "{t}");
    assert!(
        t.contains("B:      ^^^^^ 8 bytes from here pass the end of storage (00FFFF): none stored"),
        "{t}"
    );
    assert_eq!(c.peek("B", 0xFFFC, 4), [0, 0, 0, 0], "nothing is stored");
    let t = c.line("ST SFFFE AABBCCDD");
    assert!(
        t.contains("DMKCDS160E HEXLOC 00FFFE EXCEEDS STORAGE"),
        "{t}"
    );
    assert_eq!(c.peek("B", 0xFFFE, 2), [0, 0], "nothing is stored");
    assert!(c.line("ST SFFFE AABB").contains("B> ST SFFFE AABB\n"));
    assert_eq!(c.peek("B", 0xFFFE, 2), [0xAA, 0xBB], "what fits is stored");
}

#[test]
fn ebcdic_round_trips_all_256_bytes() {
    let mut c = Console::new();
    c.line("LOGON A");
    let all: String = (0..=255u8).map(|b| format!("{b:02X}")).collect();
    c.line(format!("STORE S2000 {all}"));
    assert_eq!(c.peek("A", 0x2000, 256), (0..=255).collect::<Vec<u8>>());
    let t = c.line("D T2000.100");
    let lines: Vec<&str> = t.lines().skip(1).collect();
    assert_eq!(lines.len(), 16);
    for (i, l) in lines.iter().enumerate() {
        let bytes: Vec<u8> = (i as u8 * 16..=i as u8 * 16 + 15).collect();
        let expect = format!("*{}*", ebcdic::display(&bytes));
        assert!(l.ends_with(&expect), "{l} / {expect}");
    }
    // Every character code page 037 has goes in as text and comes back as the same bytes.
    let text: String = (0..=255u8)
        .map(ebcdic::to_char)
        .filter(|c| !c.is_control() && *c != '\'')
        .collect();
    let quoted = format!("STORE L3000 '{text}'");
    assert!(c.line(&quoted).lines().count() == 1, "{}", c.text);
    let back = c.peek("A", 0x3000, text.chars().count());
    assert_eq!(ebcdic::decode(&back), text);
    assert!(c.rejected.is_empty(), "{}", c.text);
}

#[test]
fn enable_disable_hold_interrupts_priority_first() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "VMCF AUTH",
        "LOGON B",
        "VMCF AUTH PRIORITY",
        "DISABLE",
    ]);
    c.lines(&[
        "A: VMCF SEND B DATA 'n1'",
        "A: VMCF SEND B DATA 'p' PRIO",
        "A: VMCF SEND B DATA 'n2'",
    ]);
    assert!(
        !c.text.contains("EXTERNAL INTERRUPT"),
        "held while disabled"
    );
    let t = c.line("ENABLE");
    let order: Vec<&str> = t
        .lines()
        .filter(|l| l.contains("EXTERNAL INTERRUPT"))
        .collect();
    assert_eq!(order.len(), 3, "{t}");
    assert!(order[0].ends_with("SEND FROM A MID 2"), "{t}");
    assert!(order[1].ends_with("SEND FROM A MID 1"));
    assert!(order[2].ends_with("SEND FROM A MID 3"));
    assert!(t.contains("VMCMSTAT 20                VMCMPRTY"), "{t}");
}

#[test]
fn every_subfunction_from_the_console() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "VMCF AUTHORIZE BUF 100",
        "LOGON B",
        "VMCF AUTH SPEC A BUF 100 AT L2000",
    ]);
    let t = c.line("A: VMCF SENDX B DATA X'C1C2C3' USE 'TAG'");
    assert!(t.contains("B: EXTERNAL INTERRUPT X'4001' AT 002000: SENDX FROM A MID 1"));
    assert!(t.contains("*ABC*"), "{t}");
    assert!(t.contains("A: EXTERNAL INTERRUPT X'4001' AT 001000: RESPONSE FROM B TO SENDX MID 1"));
    let t = c.line("A: VMCF SENDX B DATA X'00' MID 7");
    assert!(t.contains("RC 0"), "{t}");
    let t = c.line(format!("A: VMCF SENDX B DATA X'{}'", "00".repeat(61)));
    assert!(t.contains("RC 7 (SENDX data too large)"), "{t}");
    let t = c.line("A: VMCF IDENTIFY B USE 'READY'");
    assert!(t.contains("IDENTIFY TO B: RC 0"), "{t}");
    assert!(t.contains("IDENTIFY FROM A"), "{t}");
    c.line("A: VMCF SEND B DATA 'x'");
    let t = c.line("VMCF REJECT A MID 3 USE X'04'");
    assert!(t.contains("REJECT TO A MID 3: RC 0"), "{t}");
    assert!(t.contains("RESPONSE FROM B TO SEND MID 3, REJECTED"), "{t}");
    assert!(
        t.contains("VMCMSTAT C0                VMCMRESP VMCMRJCT"),
        "{t}"
    );
    c.line("VMCF QUIESCE");
    let t = c.line("A: VMCF SEND B");
    assert!(t.contains("RC 9 (target in QUIESCE status)"), "{t}");
    c.line("VMCF RESUME");
    let t = c.line("A: VMCF SEND B MID 40 ADDR L0 LEN 8");
    assert!(t.contains("SEND TO B MID 40: RC 0"), "{t}");
    let t = c.line("A: VMCF CANCEL B MID 40");
    assert!(t.contains("CANCEL TO B MID 40: RC 0"), "{t}");
    // Received, its RESPONSE held while A is disabled: too late to cancel.
    c.lines(&[
        "A: DISABLE",
        "A: VMCF SEND B MID 42 DATA 'late'",
        "VMCF RECEIVE A MID 42",
    ]);
    let t = c.line("A: VMCF CANCEL B MID 42");
    assert!(
        t.contains("CANCEL TO B MID 42: RC 14 (CANCEL too late)"),
        "{t}"
    );
    let t = c.line("A: ENABLE");
    assert!(t.contains("RESPONSE FROM B TO SEND MID 42"), "{t}");
    c.line("B: DISABLE");
    c.line("A: VMCF SEND B MID 41");
    let t = c.line("A: VMCF RECEIVE B MID 1 INTO L5000 LEN 8");
    assert!(t.contains("RECEIVE FROM B MID 1: RC 12"), "{t}");
    let t = c.line("B: VMCF UNAUTHORIZE");
    assert!(t.contains("UNAUTHORIZE: RC 0"), "{t}");
    assert!(
        t.contains("RESPONSE FROM B TO SEND MID 41, VMCMEFLG 5 sink not available"),
        "{t}"
    );
    let t = c.line("B: VMCF QUIESCE");
    assert!(t.contains("RC 4 (caller not authorized)"), "{t}");
    assert!(c.rejected.is_empty(), "{}", c.text);
}

/// What an engine event says, with its bytes: comparable across sessions.
fn engine_events(s: &Session) -> Vec<(Event, Vec<u8>)> {
    let log = s.cp().events();
    log.events()
        .iter()
        .map(|e| {
            let bytes = match e {
                Event::Interrupt { data, .. } | Event::Data { data, .. } => {
                    log.bytes(*data).to_vec()
                }
                _ => Vec::new(),
            };
            (e.clone(), bytes)
        })
        .collect()
}

fn hexwords(bytes: &[u8]) -> String {
    bytes
        .chunks(4)
        .map(|w| w.iter().map(|b| format!("{b:02X}")).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn console_commands_and_diag_68_give_identical_events() {
    // Session `vm` uses the VMCF commands; session `asm` stores what they stored (data and
    // VMCPARM) with STORE and runs DIAG 68, as an assembler program would.
    let script = [
        "LOGON A",
        "VMCF AUTHORIZE PRIORITY BUF 209",
        "LOGON B",
        "VMCF AUTHORIZE SMSG PRIORITY BUF 209 AT L3000",
        "A: VMCF SEND B DATA 'first' USE 'U1'",
        "A: VMCF SENDRECV B DATA X'0102030405' REPLYBUF 32 MID 77 PRIORITY",
        "VMCF RECEIVE A MID 1",
        "VMCF RECEIVE A MID 77 INTO L6000 LEN 5",
        "VMCF REPLY A MID 77 DATA 'answer' USE X'99'",
        "A: VMCF SENDX B DATA 'xx'",
        "A: VMCF IDENTIFY B MID 5 DATA 'ctl'",
        "A: VMCF SEND B",
        "VMCF REJECT A MID 3 USE 'NO'",
        "A: VMCF SEND B MID 9",
        "A: VMCF CANCEL B MID 9",
        "VMCF QUIESCE",
        "VMCF RESUME",
        "A: VMCF UNAUTHORIZE",
    ];
    let mut vm = Console::new();
    let mut asm = Console::new();
    let mut compared = 0;
    for line in script {
        let is_vmcf = line.contains("VMCF ");
        vm.line(line);
        if !is_vmcf {
            // LOGON lines carry the time, which the longer DIAG path has moved on: not compared.
            asm.line(line);
            continue;
        }
        let user = match line.split_once(": ") {
            Some((u, _)) => u.to_string(),
            None => vm.s.current_user().unwrap().to_string(),
        };
        let expect = engine_events(&vm.s);
        let plist = vm.peek(&user, PLIST_SLOT, 40);
        let p = Vmcparm::decode(&plist.clone().try_into().unwrap());
        let sub = p.subfunction().unwrap();
        let carries_data = matches!(
            sub,
            Subfunction::Send
                | Subfunction::SendRecv
                | Subfunction::Sendx
                | Subfunction::Reply
                | Subfunction::Identify
        );
        if carries_data && p.lena > 0 {
            let data = vm.peek(&user, p.vada, p.lena as usize);
            let hex: String = data.iter().map(|b| format!("{b:02X}")).collect();
            asm.line(format!("{user}: STORE L{:X} X'{hex}'", p.vada));
        }
        asm.line(format!(
            "{user}: STORE L{PLIST_SLOT:X} {}",
            hexwords(&plist)
        ));
        asm.line(format!("{user}: DIAG 68 L{PLIST_SLOT:X}"));
        assert_eq!(engine_events(&asm.s), expect, "{line}");
        assert!(!expect.is_empty());
        compared += 1;
    }
    assert_eq!(compared, 16);
    assert_eq!(vm.text.matches(": RC 0 (").count(), 16, "{}", vm.text);
    assert!(vm.rejected.is_empty(), "{}", vm.text);
    assert!(asm.rejected.is_empty(), "{}", asm.text);
    // Both sessions end in the same state: same storage where the exchange happened.
    for (u, a, n) in [("A", 0x1000, 40), ("B", 0x3000, 80), ("B", 0x6000, 5)] {
        assert_eq!(vm.peek(u, a, n), asm.peek(u, a, n), "{u} {a:X}");
    }
}

#[test]
fn the_console_builds_the_vmcparm_a_programmer_would() {
    let mut c = Console::new();
    c.lines(&["LOGON A", "VMCF AUTH", "LOGON B", "VMCF AUTH PRIO"]);
    c.line("A: VMCF SENDRECV B MID X'0102' PRIO DATA 'hi' AT L4000 REPLYBUF 16 AT L5000 USE X'AB'");
    let plist = c.peek("A", PLIST_SLOT, 40);
    let mut p = Vmcparm::new(Subfunction::SendRecv);
    p.flg1 = 0x40;
    p.mid = 0x0102;
    p.user = uid("B");
    p.vada = 0x4000;
    p.lena = 2;
    p.vadb = 0x5000;
    p.lenb = 16;
    p.use_dw = [0, 0, 0, 0, 0, 0, 0, 0xAB];
    assert_eq!(plist, p.encode());
    assert_eq!(c.peek("A", 0x4000, 2), ebcdic::encode("hi").unwrap());
    let rc = c
        .events_of(5)
        .into_iter()
        .find(|e| e["event"] == "rc")
        .cloned();
    let rc = rc.unwrap();
    assert_eq!(rc["plist"], format!("{PLIST_SLOT:06X}"));
    assert_eq!(rc["mid"], 0x0102);
    assert_eq!(rc["partner"], "B");
    assert_eq!(rc["meaning"], ReturnCode::Ok.meaning());
}

#[test]
fn the_transcript_is_the_text_writer_over_the_lines_and_has_no_colour() {
    let mut s = Session::new(Box::new(FixedClock::standard()));
    let lines = [
        "LOGON A",
        "VMCF AUTH SMSG BUF 100",
        "SMSG A hi",
        "VMCF SEND NOBODY",
        "VMCF BOGUS",
    ];
    let opts = TextOptions {
        echo: true,
        source: None,
        width: None,
    };
    for (i, l) in lines.iter().enumerate() {
        let o = s.feed(i + 1, l.as_bytes());
        let (mut text, mut written, mut model) = (String::new(), String::new(), Lines::new());
        render_text(&o, &opts, &mut text);
        render_lines(&o, &opts, &mut model);
        write_text(&model, &mut written);
        assert_eq!(text, written, "{l}");
        assert!(
            !text.contains('\u{1b}'),
            "the library writes no ANSI: {text}"
        );
        assert_eq!(model.len(), text.lines().count(), "{l}");
        for (line, shown) in model.iter().zip(text.lines()) {
            assert!(shown.ends_with(line.text), "{shown:?}");
            if line.is_echo() {
                assert!(shown.starts_with(o.prompt().trim_end()), "{shown:?}");
            }
        }
    }
}

#[test]
fn diag_68_with_an_unknown_function_code() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "VMCF AUTH",
        "STORE L800 0000000C 00000000",
        "DIAG 68 L800",
    ]);
    assert!(
        c.text
            .contains("A: X'000C': RC 2 (invalid subfunction code)"),
        "{}",
        c.text
    );
    let rc = c
        .events_of(4)
        .into_iter()
        .find(|e| e["event"] == "rc")
        .unwrap();
    assert_eq!(rc["subfunction"], "X'000C'");
    assert_eq!(rc["plist"], "000800");
    let t = c.line("DIAG 68 L804");
    assert!(
        t.contains("PROGRAM CHECK: SPECIFICATION EXCEPTION, DIAGNOSE X'68' VMCPARM AT 000804"),
        "{t}"
    );
}

#[test]
fn help_and_highlight_for_the_repl() {
    use vmcfsim::{Highlight, help, highlight};
    let all = help(None, 80);
    assert!(all.contains("SMsg") && all.contains("VMCF"), "{all}");
    assert!(all.lines().all(|l| l.chars().count() <= 80), "{all}");
    assert!(help(Some("vmcf send"), 80).starts_with("VMCF SEND sink"));
    assert!(help(Some("nonsense"), 80).starts_with("No command or subfunction NONSENSE."));
    let h = highlight("VMCF SEND B DATA X'C1' * not a comment");
    assert_eq!(h[0], (0..4, Highlight::Verb));
    assert_eq!(h[4], (17..22, Highlight::Hex));
    assert_eq!(h.last().map(|m| m.1), Some(Highlight::Error));
    assert_eq!(highlight("* note"), [(0..6, Highlight::Comment)]);
    let mut c = Console::new();
    let t = c.line("HELP VMCF");
    assert!(t.lines().any(|l| l.starts_with("VMCF subfunction")), "{t}");
}

/// The transcript of a short SEND/RECV exchange, pinned: scripts and readers depend on its layout.
#[test]
fn send_recv_transcript_is_stable() {
    let mut c = Console::new();
    c.lines(&[
        "* A asks B the time with SEND/RECV; B receives and replies",
        "LOGON A",
        "VMCF AUTHORIZE",
        "LOGON B",
        "VMCF AUTHORIZE",
        "A: VMCF SENDRECV B DATA 'TIME?' REPLYBUF 16",
        "VMCF RECEIVE A MID 1",
        "VMCF REPLY A MID 1 DATA '09:00'",
    ]);
    insta::assert_snapshot!(c.text, @r"
    > * A asks B the time with SEND/RECV; B receives and replies
    > LOGON A
    A: LOGON AT 09:00:02 GMT WEDNESDAY 04/01/81
    A> VMCF AUTHORIZE
    A: AUTHORIZE: RC 0 (complete or successfully initiated)
    A> LOGON B
    B: LOGON AT 09:00:04 GMT WEDNESDAY 04/01/81
    B> VMCF AUTHORIZE
    B: AUTHORIZE: RC 0 (complete or successfully initiated)
    B> A: VMCF SENDRECV B DATA 'TIME?' REPLYBUF 16
    A: DATA AT 020000, 5 BYTES
    A: REPLY BUFFER AT 020008, 16 BYTES
    A: SENDRECV TO B MID 1: RC 0 (complete or successfully initiated)
    B: EXTERNAL INTERRUPT X'4001' AT 001000: SENDRECV FROM A MID 1
    B:   001000  00000003 00000001 C1404040 40404040
    B:   001010  00020000 00000005 00020008 00000010
    B:   001020  00000000 00000000
    B:   VMCMSTAT 00                none: a message arriving
    B:   VMCMEFLG 00                0 no error
    B:   VMCMFUNC 0003              SENDRECV
    B:   VMCMMID  00000001          1
    B:   VMCMUSER C140404040404040  A (source)
    B:   VMCMVADA 00020000          source's data
    B:   VMCMLENA 00000005          5 bytes
    B:   VMCMVADB 00020008          source's reply buffer
    B:   VMCMLENB 00000010          16 bytes of reply buffer
    B:   VMCMUSE  0000000000000000  '........'
    B> VMCF RECEIVE A MID 1
    B: RECEIVE BUFFER AT 020000, 5 BYTES
    B: RECEIVE FROM A MID 1: RC 0 (complete or successfully initiated)
    B: DATA MOVED TO 020000, 5 BYTES
    B:   020000  E3C9D4C5 6F                          *TIME?*
    B> VMCF REPLY A MID 1 DATA '09:00'
    B: DATA AT 020008, 5 BYTES
    B: REPLY TO A MID 1: RC 0 (complete or successfully initiated)
    A: DATA MOVED TO 020008, 5 BYTES
    A:   020008  F0F97AF0 F0                          *09:00*
    A: EXTERNAL INTERRUPT X'4001' AT 001000: RESPONSE FROM B TO SENDRECV MID 1
    A:   001000  80000003 00000001 C2404040 40404040
    A:   001010  00020000 00000000 00020008 0000000B
    A:   001020  00000000 00000000
    A:   VMCMSTAT 80                VMCMRESP
    A:   VMCMEFLG 00                0 no error
    A:   VMCMFUNC 0003              SENDRECV
    A:   VMCMMID  00000001          1
    A:   VMCMUSER C240404040404040  B (sink)
    A:   VMCMVADA 00020000          my data
    A:   VMCMLENA 00000000          0 bytes not moved
    A:   VMCMVADB 00020008          my reply buffer
    A:   VMCMLENB 0000000B          11 bytes of reply buffer unused
    A:   VMCMUSE  0000000000000000  '........'
    ");
}

/// The library decides no colour: no module under the console, the engine, the facility's data
/// or the diagrams uses owo-colors or writes an escape; the one palette is the front ends'.
#[test]
fn no_palette_in_the_library() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack: Vec<_> = ["console", "cp", "vmcf", "diagram"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files += 1;
                for bad in ["owo_colors", "\\x1b[", "\\u{1b}["] {
                    assert!(!text.contains(bad), "{} has {bad}", path.display());
                }
            }
        }
    }
    assert!(files > 20, "{files} files read");
    let palette = std::fs::read_to_string(root.join("palette.rs")).unwrap();
    assert!(
        palette.contains("owo_colors"),
        "the palette is in src/palette.rs"
    );
}

/// `partner` keeps its old values (the contract never changes a value's type); `peer` is null
/// where a call names no other VM.
#[test]
fn json_peer_is_null_where_there_is_no_partner_and_partner_stays_as_it_was() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "VMCF AUTHORIZE",
        "LOGON B",
        "VMCF AUTHORIZE SPECIFIC A",
        "VMCF SEND A DATA 'x'",
        "A: VMCF QUIESCE",
    ]);
    let rc = |n: usize| {
        c.events_of(n)
            .into_iter()
            .find(|e| e["event"] == "rc")
            .unwrap()
            .clone()
    };
    let (auth, specific, send, quiesce) = (rc(2), rc(4), rc(5), rc(6));
    assert_eq!(
        (&auth["partner"], &auth["peer"]),
        (&"".into(), &Value::Null)
    );
    assert_eq!(
        (&specific["partner"], &specific["peer"]),
        (&"A".into(), &Value::Null)
    );
    assert_eq!(
        (&send["partner"], &send["peer"]),
        (&"A".into(), &"A".into())
    );
    assert_eq!(quiesce["peer"], Value::Null);
}
