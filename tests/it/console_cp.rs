//! The CP side of the console: message length (DECISION D16), program checks (D9), and the
//! commands around messages: DISCONN and reconnect, WARNING, SET WNG/EMSG/IMSG, QUERY SET,
//! SYSTEM RESET/CLEAR, IPL and FORCE, with every kind of bad input.

use crate::console::Console;
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
