//! Prints a big console script, for timing replay from the shell:
//!
//! ```text
//! cargo run --release --example gen_script -- 100000 > big.cp
//! time target/release/vmcfsim run big.cp > /dev/null
//! ```
//!
//! The script is the one the `replay` benchmark measures (`benches/support/script.rs` says what
//! it holds); every line is accepted, so `vmcfsim run` exits with status 0.

#[path = "../benches/support/script.rs"]
mod script;

use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let arg = std::env::args().nth(1);
    let Some(lines) = arg
        .as_deref()
        .map_or(Some(100_000), |a| a.parse::<usize>().ok())
    else {
        eprintln!("usage: gen_script [LINES]   (default 100000)");
        return ExitCode::from(2);
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match script::write_script(lines, &mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // `gen_script | head`: the reader has what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_script: {e}");
            ExitCode::from(1)
        }
    }
}
