//! The REPL in a real pseudo-terminal (rexpect): what a person at a terminal types and sees.
//! The history file goes to a temporary directory or nowhere, never the user's.

use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::PtySession;

/// Seconds are generous: the test machines are shared and slow.
const TIMEOUT_MS: u64 = 20_000;

/// The REPL in a terminal, without colour unless `color`, without history unless `history`.
fn repl(args: &[&str], color: bool, history: Option<&std::path::Path>) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vmcfsim"));
    cmd.args(args).env("TERM", "xterm");
    match history {
        Some(path) => cmd.env("VMCFSIM_HISTORY", path),
        None => cmd.arg("--no-history").env("VMCFSIM_HISTORY", ""),
    };
    if color {
        cmd.env_remove("NO_COLOR");
    } else {
        cmd.env("NO_COLOR", "1");
    }
    rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
}

/// Waits for the process to end and gives its exit status.
fn exit_status(mut p: PtySession) -> i32 {
    p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit: {other:?}"),
    }
}

/// Types a line and presses Enter (CR, as a terminal sends it).
fn enter(p: &mut PtySession, line: &str) {
    p.send(line).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
}

#[test]
fn welcome_then_the_prompt_follows_logon_and_ctrl_d_ends_with_0() {
    let mut p = repl(&[], false, None);
    p.exp_string("HELP").unwrap();
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON A");
    p.exp_string("A> ").unwrap();
    enter(&mut p, "LOGON B");
    p.exp_string("B> ").unwrap();
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
}

#[test]
fn quit_ends_with_0() {
    let mut p = repl(&["repl"], false, None);
    p.exp_string("> ").unwrap();
    enter(&mut p, "QUIT");
    assert_eq!(exit_status(p), 0);
}

#[test]
fn ctrl_c_drops_the_line_and_the_console_goes_on() {
    let mut p = repl(&["--json"], false, None);
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON A");
    p.exp_string("A> ").unwrap();
    p.send("NOT TO BE RUN").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("A> ").unwrap();
    enter(&mut p, "LOGON B");
    let (_, event) = p.exp_regex(r#"\{[^\n]*"LOGON B"[^\n]*\}"#).unwrap();
    assert!(
        event.contains(r#""line":2"#),
        "the dropped line was not fed: {event}"
    );
    p.exp_string("B> ").unwrap();
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
}

/// Types `typed`, presses Tab, then Enter, and gives the text of the command the console got.
fn complete(p: &mut PtySession, typed: &str) -> String {
    p.send(typed).unwrap();
    p.send("\t\r").unwrap();
    p.flush().unwrap();
    commands(p, 1).remove(0)
}

#[test]
fn tab_completes_verbs_and_userids() {
    let mut p = repl(&["--json"], false, None);
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON MAINT");
    p.exp_string("MAINT> ").unwrap();
    assert_eq!(complete(&mut p, "VM"), "VMCF");
    p.exp_string("MAINT> ").unwrap();
    assert_eq!(
        complete(&mut p, "que"),
        "query",
        "completion keeps the case typed"
    );
    p.exp_string("MAINT> ").unwrap();
    assert_eq!(complete(&mut p, "QUERY MA"), "QUERY MAINT");
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
}

#[test]
fn tab_completes_vmcf_subfunctions() {
    let mut p = repl(&["--json"], false, None);
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON A");
    p.exp_string("A> ").unwrap();
    assert_eq!(complete(&mut p, "VMCF AUTH"), "VMCF AUTHORIZE");
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
}

/// An SGR escape (colour, bold, reset): `ESC [ digits;digits m`.
const SGR: &str = r"\x1b\[[0-9;]*m";

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let mut p = repl(&[], true, None);
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON A");
    let (_, prompt) = p.exp_regex(&format!("{SGR}A{SGR}> ")).unwrap();
    assert!(prompt.starts_with('\x1b'), "{prompt:?}");
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);

    let mut p = repl(&[], false, None);
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON A");
    let before = p.exp_string("A> ").unwrap();
    p.send_control('d').unwrap();
    let after = p.exp_eof().unwrap();
    let sgr = has_sgr(&(before + &after));
    assert!(!sgr, "no colour with NO_COLOR");
}

/// Whether `s` holds an SGR escape (a hand-rolled check keeps `regex` out of the tests).
fn has_sgr(s: &str) -> bool {
    s.split('\x1b').skip(1).any(|rest| {
        rest.strip_prefix('[').is_some_and(|r| {
            let end = r.find(|c: char| !(c.is_ascii_digit() || c == ';'));
            end.is_some_and(|i| r[i..].starts_with('m'))
        })
    })
}

#[test]
fn history_is_kept_where_vmcfsim_history_says_and_not_with_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state").join("history");
    let mut p = repl(&[], false, Some(&path));
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON HISTA");
    p.exp_string("HISTA> ").unwrap();
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
    let kept = std::fs::read_to_string(&path).unwrap();
    assert!(kept.contains("LOGON HISTA"), "{kept}");

    // The next session starts with it: Up brings the line back.
    let mut p = repl(&["--json"], false, Some(&path));
    p.exp_string("> ").unwrap();
    p.send("\x1b[A\r").unwrap();
    p.flush().unwrap();
    p.exp_string(r#""LOGON HISTA""#).unwrap();
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);

    let other = dir.path().join("unused");
    let mut p = repl(&["--no-history"], false, Some(&other));
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON A");
    p.exp_string("A> ").unwrap();
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
    assert!(!other.exists(), "--no-history writes nothing");
}

/// The text of the next `n` command events (other events in between are skipped).
fn commands(p: &mut PtySession, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let (_, event) = p.exp_regex(r#"\{"event":"command"[^\n]*\}"#).unwrap();
            let v: serde_json::Value = serde_json::from_str(&event).unwrap();
            v["text"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn lines_typed_ahead_or_pasted_all_run_in_order() {
    let mut p = repl(&["--json"], false, None);
    p.exp_string("> ").unwrap();
    // Faster than the console answers: the second line arrives before its prompt.
    p.send("LOGON A\rLOGON B\r").unwrap();
    p.flush().unwrap();
    assert_eq!(commands(&mut p, 2), ["LOGON A", "LOGON B"]);
    p.exp_string("B> ").unwrap();
    // A terminal's bracketed paste of two lines, then Enter.
    p.send("\x1b[200~LOGON C\nLOGON D\n\x1b[201~\r").unwrap();
    p.flush().unwrap();
    assert_eq!(commands(&mut p, 2), ["LOGON C", "LOGON D"]);
    p.exp_string("D> ").unwrap();
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
}

/// The REPL in a terminal of `columns` (set with `stty`, as a terminal emulator would), no
/// colour, no history.
fn repl_in(columns: u16) -> PtySession {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "stty cols {columns} rows 40 && exec \"$0\" --no-history"
        ))
        .arg(env!("CARGO_BIN_EXE_vmcfsim"))
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("VMCFSIM_HISTORY", "");
    rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
}

/// What the terminal shows as lines: escape sequences dropped, each line's last redraw kept.
fn screen_lines(raw: &str) -> Vec<String> {
    let mut text = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters final-byte; other escapes are two characters.
            if chars.next_if_eq(&'[').is_some() {
                for p in chars.by_ref() {
                    if ('@'..='~').contains(&p) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else {
            text.push(c);
        }
    }
    text.split('\n')
        .map(|l| {
            l.rsplit('\r')
                .find(|p| !p.is_empty())
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

#[test]
fn at_80_columns_help_and_a_long_errors_caret_each_fit_a_line() {
    let mut p = repl_in(80);
    let welcome = p.exp_string("> ").unwrap();
    for l in screen_lines(&welcome) {
        assert!(l.chars().count() <= 80, "the welcome wraps: {l:?}");
    }
    enter(&mut p, "LOGON ALICE");
    p.exp_string("ALICE> ").unwrap();
    enter(&mut p, "HELP VMCF SENDX");
    let help = p.exp_string("Manual: docs/vmcf.md#sendx").unwrap();
    let lines = screen_lines(&help);
    assert!(lines.len() > 20, "{lines:?}");
    for l in &lines {
        assert!(l.chars().count() <= 80, "HELP line over 80 columns: {l:?}");
    }
    let words: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .filter(|w| *w != "ALICE:")
        .collect();
    assert!(
        words.join(" ").contains("must hold 40 plus the data"),
        "the newcomer's rule survives the wrapping: {lines:?}"
    );
    p.exp_string("ALICE> ").unwrap();
    enter(&mut p, "HELP");
    let help = p.exp_string("tell more.").unwrap();
    for l in screen_lines(&help) {
        assert!(l.chars().count() <= 80, "HELP line over 80 columns: {l:?}");
    }
    p.exp_string("ALICE> ").unwrap();
    // The mistake is far to the right of an 80-column line.
    let long = format!("SMSG ALICE {} ", "x".repeat(40));
    enter(
        &mut p,
        &format!("VMCF SEND ALICE DATA '{long}{long}' PRIORTY"),
    );
    p.exp_string("DMKVMC").unwrap();
    let error = p.exp_string("ALICE> ").unwrap();
    let lines = screen_lines(&error);
    let caret = lines
        .iter()
        .position(|l| l.contains('^'))
        .unwrap_or_else(|| panic!("a caret line: {lines:?}"));
    for l in &lines[..=caret] {
        assert!(l.chars().count() <= 80, "error line over 80 columns: {l:?}");
    }
    // The caret is under the misspelt word in the shortened excerpt above it.
    let col = lines[caret].find('^').unwrap();
    assert_eq!(
        lines[caret - 1].get(col..col + 7),
        Some("PRIORTY"),
        "{lines:?}"
    );
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
}

#[test]
fn help_follows_a_narrower_terminal() {
    let mut p = repl_in(60);
    p.exp_string("> ").unwrap();
    enter(&mut p, "HELP RC 7");
    let help = p.exp_string("Manual: docs/vmcf.md#return-codes").unwrap();
    let lines = screen_lines(&help);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("RC 7: SENDX data too large"))
    );
    for l in &lines {
        assert!(l.chars().count() <= 60, "HELP line over 60 columns: {l:?}");
    }
    p.send_control('d').unwrap();
    assert_eq!(exit_status(p), 0);
}

#[test]
fn each_line_is_in_the_history_file_as_soon_as_it_is_entered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state").join("history");
    let mut p = repl(&[], false, Some(&path));
    p.exp_string("> ").unwrap();
    enter(&mut p, "LOGON KEPT");
    p.exp_string("KEPT> ").unwrap();
    enter(&mut p, "QUERY NAMES");
    p.exp_string("KEPT> ").unwrap();
    let kept = std::fs::read_to_string(&path).unwrap();
    assert!(
        kept.contains("LOGON KEPT") && kept.contains("QUERY NAMES"),
        "before the session ends: {kept}"
    );
    // A terminal closed under it: the process is killed, and nothing is lost.
    p.process_mut()
        .kill(rexpect::process::Signal::SIGKILL)
        .unwrap();
    let kept = std::fs::read_to_string(&path).unwrap();
    assert_eq!(kept.matches("LOGON KEPT").count(), 1, "{kept}");
}
