//! vmcfsim: a simulator of IBM VM/370's Control Program console and its Virtual Machine
//! Communication Facility (VMCF).
//!
//! - [`vmcf`]: the facility's data: `Vmcparm`, `Vmcmhdr`, userids, function codes, flags and
//!   return codes, in their exact 40-byte layouts.
//! - [`cp`]: the engine: `Cp` with its virtual machines, DIAGNOSE X'68', SMSG and MSG, reporting
//!   structured events. No I/O, no text.
//! - [`ebcdic`]: code page 037.
//! - [`console`]: the CP command language over the engine, and its rendering.
//! - [`check`]: expectation lines in scripts (`*=`) and the checking of a script against them.
//! - [`diagram`]: sequence diagrams of a session (SVG, Mermaid), drawn from the console's JSON
//!   Lines events.
//!
//! # Example: SEND, RECEIVE and the RESPONSE
//!
//! Each virtual machine stores a parameter list in its own storage and issues DIAGNOSE X'68',
//! as an assembler program would; CP presents the interrupts.
//!
//! ```
//! use vmcfsim::cp::{Event, FixedClock};
//! use vmcfsim::vmcf::{Subfunction, Userid, Vmcparm, vmcmstat};
//! use vmcfsim::{Cp, ReturnCode};
//!
//! let mut cp = Cp::new(Box::new(FixedClock::standard()));
//! let (a, b) = (Userid::parse("A").unwrap(), Userid::parse("B").unwrap());
//! let mut diag = |cp: &mut Cp, user, p: Vmcparm| {
//!     cp.store(user, 0x800, &p.encode()).unwrap();
//!     cp.diagnose_68(user, 0x800).unwrap()
//! };
//! for user in [a, b] {
//!     cp.logon(user);
//!     let mut auth = Vmcparm::new(Subfunction::Authorize);
//!     (auth.vada, auth.lena) = (0x1000, 40); // the external interrupt buffer
//!     assert_eq!(diag(&mut cp, user, auth), ReturnCode::Ok);
//! }
//! cp.store(a, 0x20000, b"\xC8\xC9").unwrap(); // "HI" in EBCDIC
//! let mut send = Vmcparm::new(Subfunction::Send);
//! (send.user, send.mid, send.vada, send.lena) = (b, 1, 0x20000, 2);
//! assert_eq!(diag(&mut cp, a, send), ReturnCode::Ok);
//!
//! let mut receive = Vmcparm::new(Subfunction::Receive);
//! (receive.user, receive.mid, receive.vada, receive.lena) = (a, 1, 0x30000, 100);
//! cp.clear_events();
//! assert_eq!(diag(&mut cp, b, receive), ReturnCode::Ok);
//!
//! // The data moved, and A was presented the RESPONSE: VMCMRESP set, nothing left over.
//! let mut got = [0u8; 2];
//! cp.fetch(b, 0x30000, &mut got).unwrap();
//! assert_eq!(&got, b"\xC8\xC9");
//! let response = cp.events().events().iter().find_map(|e| match e {
//!     Event::Interrupt { user, header, .. } if *user == a => Some(*header),
//!     _ => None,
//! });
//! let response = response.expect("A gets a RESPONSE");
//! assert_eq!((response.stat, response.mid, response.lena), (vmcmstat::VMCMRESP, 1, 0));
//! assert_eq!(response.user, b);
//! ```

#![warn(missing_docs)]

// Scripts that check themselves (issue 15), documented there.
#[allow(missing_docs)]
pub mod check;
pub mod console;
pub mod cp;
// Being rebuilt from structured events (issue 12's diagram items); documented there.
#[allow(missing_docs)]
pub mod diagram;
pub mod directory;
pub mod ebcdic;
pub mod terminal;
pub mod vmcf;

// What a program embedding vmcfsim needs, at the top: the engine and its data, the clock, and
// the console with its line model.
pub use console::{
    Line, Lines, Outcome, Session, TextOptions, Tone, render_json, render_lines, render_text,
    write_text,
};
pub use cp::{Clock, Cp, CpError, Event, EventLog, FixedClock, SystemClock, Tod};
pub use vmcf::{
    ReturnCode, Subfunction, TransferError, Userid, UseridError, Vmcmhdr, Vmcparm, vmcmstat,
    vmcpflg1,
};
