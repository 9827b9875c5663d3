//! The one integration-test binary: every test module compiles into it once. The folders follow
//! the architecture: `support` (helpers every test shares), `api` (the library's one path to
//! each public type), `engine` (the engine through its public API, as a program would drive it),
//! `console` (the command language, its transcript and JSON, the shipped scripts and the
//! documents' citations), `properties` (random sequences against models and invariants) and
//! `frontends` (the `vmcfsim` binary: arguments, the REPL, `vmcfsim test`, diagrams, limits,
//! `vmcfsim serve`).

mod api;
mod console;
mod engine;
mod frontends;
mod properties;
mod support;
