//! Running the real `vmcfsim` binary from the tests, one way for every module.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary with a clean environment: no history file, no inherited `NO_COLOR`.
pub fn vmcfsim() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vmcfsim"));
    cmd.env("VMCFSIM_HISTORY", "").env_remove("NO_COLOR");
    cmd
}

/// Runs the binary with `stdin` as its standard input.
pub fn with_stdin(cmd: &mut Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // A thread, so a child that answers before reading everything cannot deadlock us.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
