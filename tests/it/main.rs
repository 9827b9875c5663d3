//! The one integration-test binary: every test module compiles into it once.

mod bin;
mod check;
mod cli;
mod console;
mod console_cp;
mod console_errors;
mod corpus;
mod diagram;
mod docs;
mod engine;
mod engine_control;
mod engine_decisions;
mod engine_props;
mod engine_rc_all;
mod engine_rc_answer;
mod engine_rc_control;
mod engine_rc_never;
mod engine_rc_send;
mod engine_reliance;
mod heap;
mod limits;
mod props_engine;
mod props_parse;
#[cfg(unix)]
mod repl;
mod serve;
mod support;
