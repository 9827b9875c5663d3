//! The `vmcfsim` binary from outside: arguments, exit status, script replay, JSON Lines,
//! colour, closed pipes. Runs the real binary with no terminal on standard input. Assertions
//! about the console's own words stay loose (a file:line, an echoed line) so they hold for
//! any console behind the same interface.

use crate::bin::{vmcfsim, with_stdin};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A script file in a fresh temporary directory.
fn script(name: &str, text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    (dir, path)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Each of `lines` is a whole line of `out`, in this order (other lines may come between).
fn in_order(out: &str, lines: &[&str]) -> bool {
    let mut rest = out.lines();
    lines.iter().all(|want| rest.any(|l| l == *want))
}

fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        o.status.code().is_some(),
        "ended by a signal: {:?}",
        o.status
    );
}

const BAD: &[u8] = b"LOGON A\nNO SUCH COMMAND\nLOGON B\n";

#[test]
fn a_rejected_line_names_file_and_line_goes_on_and_exits_1() {
    let (_dir, path) = script("bad.cp", BAD);
    let o = vmcfsim().arg("run").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o) + &stderr(&o);
    let at = format!("{}:2", path.display());
    assert!(out.contains(&at), "the error names {at}: {out}");
    assert!(!out.contains(":1:") && !out.contains(":3:"), "{out}");
    assert!(
        in_order(&out, &["> LOGON A", "A> NO SUCH COMMAND", "A> LOGON B"]),
        "every line echoed after its prompt, and the replay goes on: {out}"
    );
}

#[test]
fn stop_on_error_ends_at_the_first_rejected_line() {
    let (_dir, path) = script("bad.cp", BAD);
    let o = vmcfsim()
        .args(["run", "--stop-on-error"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("A> NO SUCH COMMAND"), "{out}");
    assert!(!out.contains("LOGON B"), "{out}");
    let name = path.to_string_lossy();
    let err = stderr(&o);
    assert!(
        err.contains(&format!("stopped at {name}:2, the first rejected line")),
        "{err}"
    );
}

#[test]
fn an_accepted_script_exits_0() {
    let (_dir, path) = script(
        "ok.cp",
        b"* only what every console accepts\nLOGON A\n\nLOGON B\n",
    );
    let o = vmcfsim().arg("run").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn a_missing_or_unreadable_file_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.cp");
    for path in [missing.as_path(), dir.path()] {
        let o = vmcfsim().arg("run").arg(path).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", path.display());
        assert!(
            stderr(&o).contains(&*path.to_string_lossy()),
            "{}",
            stderr(&o)
        );
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn usage_errors_exit_2_and_help_and_version_exit_0() {
    for args in [
        &["run"][..],
        &["--color", "sometimes"],
        &["frobnicate"],
        &["run", "a", "b"],
    ] {
        let o = vmcfsim().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("error"), "{args:?}: {}", stderr(&o));
    }
    let o = vmcfsim().arg("--help").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for word in [
        "run",
        "repl",
        "--json",
        "--color",
        "--clock",
        "--stop-on-error",
        "Examples",
    ] {
        assert!(help.contains(word), "--help mentions {word}: {help}");
    }
    let o = vmcfsim().arg("--version").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn dash_and_a_pipe_without_subcommand_both_replay_standard_input() {
    for args in [&["run", "-"][..], &[]] {
        let o = with_stdin(vmcfsim().args(args), BAD);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let out = stdout(&o);
        assert!(
            in_order(&out, &["> LOGON A", "A> LOGON B"]),
            "{args:?}: {out}"
        );
        assert!(out.contains("<stdin>:2"), "{args:?}: {out}");
    }
}

#[test]
fn json_output_is_one_object_a_line_with_a_command_event_per_line() {
    let (_dir, path) = script("bad.cp", BAD);
    let o = vmcfsim()
        .args(["run", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let events: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(events.iter().all(|e| e["event"].is_string()), "{events:?}");
    let commands: Vec<(u64, &str)> = events
        .iter()
        .filter(|e| e["event"] == "command")
        .map(|e| (e["line"].as_u64().unwrap(), e["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        commands,
        [(1, "LOGON A"), (2, "NO SUCH COMMAND"), (3, "LOGON B")]
    );
}

#[test]
fn the_repl_without_a_terminal_reads_plain_lines_for_tools() {
    let o = with_stdin(vmcfsim().args(["repl", "--json"]), BAD);
    assert_eq!(o.status.code(), Some(0), "the REPL ends with 0");
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["event"].is_string(), "{line}");
    }
    let o = with_stdin(vmcfsim().arg("repl"), BAD);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(!out.contains("> LOGON"), "no prompt and no echo: {out}");
    assert!(
        !out.contains("ONLINE"),
        "no welcome without a terminal: {out}"
    );
}

fn has_escape(o: &Output) -> bool {
    o.stdout.contains(&0x1b)
}

#[test]
fn no_colour_with_never_or_no_color_or_a_pipe() {
    let (_dir, path) = script("bad.cp", BAD);
    let run = |cmd: &mut Command| cmd.arg("run").arg(&path).output().unwrap();
    assert!(!has_escape(&run(&mut vmcfsim())), "a pipe gets no colour");
    assert!(!has_escape(&run(vmcfsim().args(["--color", "never"]))));
    assert!(!has_escape(&run(vmcfsim().env("NO_COLOR", "1"))));
    assert!(
        !has_escape(&run(vmcfsim().env("NO_COLOR", ""))),
        "any value of NO_COLOR"
    );
}

#[test]
fn colour_always_colours_even_a_pipe_and_beats_no_color() {
    let (_dir, path) = script("bad.cp", BAD);
    for no_color in [false, true] {
        let mut cmd = vmcfsim();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let o = cmd
            .args(["run", "--color", "always"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(has_escape(&o), "NO_COLOR set: {no_color}: {}", stdout(&o));
    }
}

#[test]
fn the_fixed_clock_makes_replays_byte_for_byte_reproducible() {
    let (_dir, path) = script("time.cp", b"LOGON A\nQUERY TIME\nLOGON B\nQUERY TIME\n");
    let run = || vmcfsim().arg("run").arg(&path).output().unwrap();
    let (first, second) = (run(), run());
    assert_eq!(first.stdout, second.stdout);
    assert!(!first.stdout.is_empty());
    let real = vmcfsim()
        .args(["run", "--clock", "real"])
        .arg(&path)
        .output()
        .unwrap();
    assert_ne!(real.status.code(), Some(2), "{}", stderr(&real));
}

#[test]
fn any_bytes_in_a_script_are_fed_without_panic() {
    let (_dir, path) = script(
        "bytes.cp",
        b"\xff\xfe\x00 \x1b[31m\r\nLOGON A\n\xc3\x28 'unclosed\n",
    );
    let o = vmcfsim().arg("run").arg(&path).output().unwrap();
    assert_no_panic(&o);
    assert_ne!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("> LOGON A"), "{}", stdout(&o));
}

/// Reads the first line of `cmd`'s output, then closes the pipe, as `| head -1` does.
fn first_line_then_close(cmd: &mut Command, stdin: Option<Vec<u8>>) -> (String, Output) {
    let mut child = cmd
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let writer = stdin.map(|bytes| {
        let mut input = child.stdin.take().unwrap();
        // Fails with a broken pipe once vmcfsim has gone: that is the point.
        std::thread::spawn(move || {
            let _ = input.write_all(&bytes);
        })
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if let Some(w) = writer {
        w.join().unwrap();
    }
    (first, out)
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Far more output than a pipe holds, so vmcfsim is still writing when the pipe closes.
    let big = b"* a comment, echoed into the transcript\n".repeat(100_000);
    let (_dir, path) = script("big.cp", &big);
    let (first, o) = first_line_then_close(vmcfsim().arg("run").arg(&path), None);
    assert_eq!(first, "> * a comment, echoed into the transcript\n");
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));

    let (first, o) = first_line_then_close(vmcfsim().args(["run", "-", "--json"]), Some(big));
    assert!(first.starts_with('{'), "{first}");
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// `vmcfsim run scripts/hello.cp` from the top of the project, as the README says.
fn run_hello() -> Output {
    vmcfsim()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "scripts/hello.cp"])
        .output()
        .unwrap()
}

#[test]
fn the_readme_script_replays_line_by_line() {
    let o = run_hello();
    assert_no_panic(&o);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/hello.cp")).unwrap();
    let out = stdout(&o);
    let mut rest = out.lines();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            rest.any(|l| l.ends_with(&format!("> {line}"))),
            "{line:?} echoed after a prompt, in order: {out}"
        );
    }
}

#[test]
fn the_readme_script_is_accepted() {
    let o = run_hello();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
