//! The command language through the public `Session` interface: `session` end to end (lines in,
//! transcript and JSON out), `cp_commands` the CP commands around messages, `errors` every kind
//! of bad input; `corpus` replays the shipped `scripts/` through the real `vmcfsim run` against
//! `snapshots/`, and `docs` resolves every citation of the repository's documents.

mod corpus;
mod cp_commands;
mod docs;
mod errors;
mod session;
