//! Property tests over random sequences. Two are model-based, each against a model of its own:
//! `return_codes_model` predicts every return code (in the check order of
//! docs/decisions.md#d6) and every interrupt presented, and that each message ends exactly once;
//! `storage_and_answers_model` keeps every VM's storage byte for byte beside the engine's and
//! checks that no storage changes where CP does not write and that every message is answered
//! exactly once. `parser` checks that the console's parser never panics, points inside the line
//! and round-trips every command through its canonical text.

mod parser;
mod return_codes_model;
mod storage_and_answers_model;
