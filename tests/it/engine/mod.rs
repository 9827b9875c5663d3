//! The engine through its public API, driven as a program would drive it: parameter lists in
//! guest storage and DIAGNOSE X'68'. `smoke` runs the basic protocols end to end; `rc_*` holds
//! each subfunction's return codes (`rc_all` the code every subfunction can get, `rc_never` the
//! pairs vmcfsim never gives); `decisions` one test per decision of docs/decisions.md;
//! `reliance` what real VMCF programs rely on; `control` the CP commands that act on a VM as a
//! whole.

mod control;
mod decisions;
mod rc_all;
mod rc_answer;
mod rc_control;
mod rc_never;
mod rc_send;
mod reliance;
mod smoke;
