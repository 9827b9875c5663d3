//! The one integration-test binary: every test module compiles into it once.

mod cli;
mod diagram;
mod engine;
#[cfg(unix)]
mod repl;
mod support;
