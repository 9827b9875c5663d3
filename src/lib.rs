//! vmcfsim: a simulator of IBM VM/370's Control Program console and its Virtual Machine
//! Communication Facility (VMCF).
//!
//! - [`vmcf`]: the facility's data: `Vmcparm`, `Vmcmhdr`, userids, function codes, flags and
//!   return codes, in their exact 40-byte layouts.
//! - [`cp`]: the engine: `Cp` with its virtual machines, DIAGNOSE X'68', SMSG and MSG, reporting
//!   structured events. No I/O, no text.
//! - [`ebcdic`]: code page 037.

pub mod console;
pub mod cp;
pub mod ebcdic;
pub mod vmcf;

pub use cp::{Clock, Cp, CpError, Event, EventLog, FixedClock, SystemClock, Tod};
pub use vmcf::{ReturnCode, Subfunction, TransferError, Userid, Vmcmhdr, Vmcparm};
