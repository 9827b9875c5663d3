//! The front ends, through the real `vmcfsim` binary: `cli` (arguments, exit status, replay,
//! colour), `repl` (the interactive console in a pseudo-terminal), `check` (`vmcfsim test` and
//! the `*=` expectations), `diagram` (sequence diagrams and `--diagram`), `limits` (every
//! resource limit, and the heap a long session holds), `serve` (`vmcfsim serve` over telnet,
//! TN3270 and line mode).

mod check;
mod cli;
mod diagram;
mod limits;
#[cfg(unix)]
mod repl;
mod serve;
