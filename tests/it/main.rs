//! The one integration-test binary: every test module compiles into it once.

mod engine;
mod engine_rc_answer;
mod engine_rc_send;
mod support;
