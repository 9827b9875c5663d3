//! The CP side of the console: message length (DECISION docs/decisions.md#d16), program checks (docs/decisions.md#d9), and the
//! commands around messages: DISCONN and reconnect, WARNING, SET WNG/EMSG/IMSG, QUERY SET,
//! SYSTEM RESET/CLEAR, IPL and FORCE, with every kind of bad input.

use crate::support::console::Console;
use serde_json::Value;

/// The bytes of text the SMSG interrupts of the console's last line delivered.
fn smsg_lengths(c: &Console) -> Vec<usize> {
    c.events_of(c.n)
        .iter()
        .filter(|e| e["event"] == "interrupt")
        .map(|e| e["data"].as_str().unwrap().len() / 2)
        .collect()
}

/// The `message` texts of the console's last line.
fn messages(c: &Console) -> Vec<String> {
    c.events_of(c.n)
        .iter()
        .filter(|e| e["event"] == "message")
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn decision_d16_smsg_text_is_what_remains_of_cps_134_character_line() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON LONGUSER",
        "VMCF AUTHORIZE SMSG BUF 200",
        "LOGON A",
        "VMCF AUTHORIZE SMSG BUF 200",
    ]);
    let text = "X".repeat(140);
    for (line, want) in [
        (format!("SMSG LONGUSER {text}"), 120),
        (format!("SM LONGUSER {text}"), 122),
        (format!("SM A {text}"), 129),
        // The routing prefix is the console's, not CP's line.
        (format!("LONGUSER: SMSG A {text}"), 127),
        // Blanks typed count: they were on CP's line.
        (format!("SM  A {text}"), 128),
        ("SMSG LONGUSER short".to_string(), 5),
    ] {
        c.line(&line);
        assert_eq!(smsg_lengths(&c), [want], "{line}");
        assert!(c.rejected.is_empty(), "cut silently: {line}");
    }
}

#[test]
fn decision_d16_msg_text_is_cut_the_same_way() {
    let mut c = Console::new();
    c.lines(&["LOGON LONGUSER", "LOGON A"]);
    let text = "Y".repeat(140);
    for (line, want) in [
        (format!("MSG LONGUSER {text}"), 134 - 13),
        (format!("M LONGUSER {text}"), 134 - 11),
        (format!("LONGUSER: MSG A {text}"), 134 - 6),
    ] {
        c.line(&line);
        let shown = messages(&c);
        assert_eq!(shown.len(), 1, "{line}");
        let got = shown[0].rsplit(": ").next().unwrap().len();
        assert_eq!(got, want, "{line}");
    }
}

#[test]
fn decision_d9_program_checks_are_reported_in_vmcfsims_words_with_no_cp_id() {
    let mut c = Console::new();
    c.lines(&["LOGON A"]);
    for (line, kind) in [
        ("DIAG 68 L804", "SPECIFICATION"),
        ("DIAG 68 L100000", "ADDRESSING"),
    ] {
        let t = c.line(line);
        // Shown whatever SET EMSG says: it is not a CP message.
        assert!(
            t.contains(&format!("PROGRAM CHECK: {kind} EXCEPTION")),
            "{t}"
        );
        assert!(t.contains("not a CP message") && !t.contains("DMK"), "{t}");
        let e: Vec<&Value> = c.events_of(c.n);
        let err = e.iter().find(|e| e["event"] == "error").unwrap();
        assert_eq!(err["id"], format!("VMCFSIM-PROGRAM-CHECK-{kind}"));
        assert!(!err["text"].as_str().unwrap().contains("DMK"));
    }
}

#[test]
fn set_emsg_and_imsg_change_the_terminal_never_the_json() {
    let json_of = |emsg: &str, imsg: &str| {
        let mut c = Console::new();
        c.lines(&[
            "LOGON A",
            &format!("SET EMSG {emsg}"),
            &format!("SET IMSG {imsg}"),
        ]);
        let t = c.lines(&["MSG NOBODY hi", "DEFINE STORAGE 2M"]);
        let json: Vec<Value> = c
            .json
            .iter()
            .filter(|e| e["line"].as_u64() > Some(3))
            .cloned()
            .collect();
        (t, json)
    };
    let (on, json_on) = json_of("ON", "ON");
    assert!(
        on.contains("A: test.cp:4: DMKMSG045W NOBODY NOT LOGGED ON"),
        "{on}"
    );
    assert!(on.contains("A: STORAGE = 02048K"), "{on}");
    for (emsg, shown) in [
        ("CODE", Some("A: test.cp:4: DMKMSG045W\n")),
        ("TEXT", Some("A: test.cp:4: NOBODY NOT LOGGED ON\n")),
        ("OFF", None),
    ] {
        let (t, json) = json_of(emsg, "OFF");
        assert_eq!(json, json_on, "EMSG {emsg}: the JSON is the same");
        match shown {
            Some(line) => assert!(t.contains(line), "{emsg}: {t}"),
            None => assert!(!t.contains("NOBODY NOT") && !t.contains("DMKMSG"), "{t}"),
        }
        assert!(!t.contains("STORAGE ="), "IMSG OFF hides it: {t}");
    }
}

#[test]
fn query_set_shows_every_setting_in_cps_layout() {
    let mut c = Console::new();
    c.lines(&[
        "LOGON A",
        "SET WNG OFF",
        "SET EMSG TEXT",
        "SET IMSG OFF",
        "SET SMSG ON",
    ]);
    let t = c.line("Q SET");
    assert!(
        t.ends_with("A: MSG ON  , WNG OFF , EMSG TEXT, IMSG OFF , SMSG ON\n"),
        "{t}"
    );
}

#[test]
fn a_front_end_disconnects_a_vm_and_logon_reconnects_it() {
    let mut c = Console::new();
    c.lines(&["LOGON SRV", "VMCF AUTHORIZE SMSG BUF 100", "LOGON A"]);
    let srv = vmcfsim::Userid::parse("SRV").unwrap();
    // What the networked console does when SRV's connection drops.
    c.n += 1;
    let o = c.s.disconnect(c.n, srv);
    assert!(o.accepted());
    assert_eq!(o.text(), "SRV: DISCONN");
    drop(o);
    assert!(c.s.is_disconnected(srv));
    assert_eq!(c.s.current_user().map(|u| u.to_string()), Some("A".into()));
    let t = c.line("SMSG SRV still there?");
    assert!(t.contains("SRV: EXTERNAL INTERRUPT X'4001'"), "{t}");
    let t = c.line("Q NAMES");
    assert!(t.contains("SRV      - DSC"), "{t}");
    // LOGON from any terminal reconnects.
    let t = c.line("LOGON SRV");
    assert!(t.contains("SRV: RECONNECTED AT"), "{t}");
    assert!(!c.s.is_disconnected(srv));
    // Disconnecting the current user frees the terminal: nobody is current.
    c.line("DISCONN");
    assert_eq!(c.s.current_user(), None);
    assert_eq!(c.s.prompt(), "> ");
}

#[test]
fn bad_input_for_every_new_command_gets_cps_message_and_the_session_goes_on() {
    let mut c = Console::new();
    c.lines(&["LOGON A", "VMCF AUTHORIZE", "LOGON B", "VMCF AUTHORIZE"]);
    c.line("VMCF SEND A MID 1 DATA 'KEPT'");
    let before = c.rejected.len();
    let bad = [
        ("DISCONN NOW", "DMKUSO002E"),
        ("FORCE", "DMKCFC020E"),
        ("FORCE B", "DMKCFC020E"),
        ("FORCE NOBODY", "DMKCFC045W"),
        ("FORCE A B", "DMKCFC002E"),
        ("WARNING", "DMKMSG020E"),
        ("WARNING * hi", "DMKMSG020E"),
        ("WARNING B hi", "DMKMSG020E"),
        ("WARNING NOBODY hi", "DMKMSG045W"),
        ("SET WNG", "DMKCFS026E"),
        ("SET WNG 1", "DMKCFS002E"),
        ("SET EMSG ALL", "DMKCFS002E"),
        ("SET IMSG CODE", "DMKCFS002E"),
        ("SET IMSG ON ON", "DMKCFS002E"),
        ("SYSTEM", "DMKCFG026E"),
        ("SYSTEM STOP", "DMKCFG002E"),
        ("SYSTEM CLEAR X", "DMKCFG002E"),
        ("IPL", "DMKCFG026E"),
        ("IPL 19-0", "DMKCFG026E"),
        ("IPL 190 CLEAR NOW", "DMKCFG003E"),
        ("A: DISCONN", ""),
        ("A: DISCONN", "VMCFSIM-ALREADY-DISCONNECTED"),
    ];
    for (line, id) in bad {
        c.line(line);
        if id.is_empty() {
            continue;
        }
        let e: Vec<&Value> = c.events_of(c.n);
        let err = e.iter().find(|e| e["event"] == "error");
        assert_eq!(err.map(|e| e["id"].as_str().unwrap()), Some(id), "{line}");
    }
    assert_eq!(c.rejected.len() - before, bad.len() - 1);
    // Nothing already delivered was lost: A still RECEIVEs B's message.
    let t = c.line("A: VMCF RECEIVE B MID 1");
    assert!(t.contains("RC 0") && t.contains("*KEPT*"), "{t}");
}
