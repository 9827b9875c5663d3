//! The one integration-test binary: every test module compiles into it once.

mod console;
mod console_errors;
mod engine;
mod support;
