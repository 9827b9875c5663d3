//! vmcfsim: a simulator of IBM VM/370's Control Program console and its Virtual Machine
//! Communication Facility (VMCF).
//!
//! The crate root is the library's one path to each public type:
//!
//! - the facility's data: [`Vmcparm`], [`Vmcmhdr`], [`Userid`], [`Subfunction`],
//!   [`ReturnCode`], [`TransferError`], and the bits of [`vmcmstat`] and [`vmcpflg1`], in their
//!   exact 40-byte layouts;
//! - the engine: [`Cp`] with its [`VirtualMachine`]s, DIAGNOSE X'68', SMSG and MSG, reporting
//!   [`Event`]s in an [`EventLog`] (no I/O, no text), and its clock ([`Clock`], [`FixedClock`],
//!   [`SystemClock`], [`Tod`]);
//! - the console: [`Session`] (the CP command language over the engine) and its [`Outcome`],
//!   rendered as [`Lines`] ([`render_lines`]), the plain transcript ([`render_text`],
//!   [`write_text`]) or JSON Lines ([`render_json`]); HELP ([`help`]), completion ([`complete`])
//!   and highlighting ([`highlight`]).
//!
//! The modules are what the `vmcfsim` program is built of besides: [`ebcdic`] (code page 037),
//! [`check`] (expectation lines in scripts, `*=`), [`diagram`] (sequence diagrams of a session,
//! drawn from the console's JSON Lines events), [`directory`] (the user directory `serve`
//! reads) and [`terminal`] (the terminals `serve` speaks to).
//!
//! # Example: SEND, RECEIVE and the RESPONSE
//!
//! Each virtual machine stores a parameter list in its own storage and issues DIAGNOSE X'68',
//! as an assembler program would; CP presents the interrupts.
//!
//! ```
//! use vmcfsim::{Cp, Event, FixedClock, ReturnCode, Subfunction, Userid, Vmcparm, vmcmstat};
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
// What is not at the root (or in a public module) is the crate's own: `pub(crate)`, so that the
// compiler finds what nothing uses any more.
#![warn(unreachable_pub)]

pub mod check;
mod console;
mod cp;
pub mod diagram;
pub mod directory;
pub mod ebcdic;
pub mod terminal;
mod vmcf;

// What a program embedding vmcfsim needs, and only here: the engine and its data, the clock, and
// the console with its line model.
pub use console::{
    AtTerminal, CP_LINE, ConsoleError, CpMsg, DATA_AREA, Highlight, LINE_MAX, Line, Lines, Operand,
    Outcome, PLIST_SLOT, Reason, Session, Span, Terminal, TextOptions, Tone, WIDTH, at_terminal,
    complete, complete_among, help, highlight, owner_column, render_json, render_lines,
    render_text, wrap, write_text,
};
pub use cp::{
    Authorization, Civil, Clock, Cp, CpError, CpMessage, DEFAULT_STORAGE, Emsg, Event, EventData,
    EventLog, FixedClock, MAX_STORAGE, NotReceiving, SMSG_MAX, SMSG_PENDING_MAX, Storage,
    SystemClock, Tod, VirtualMachine,
};
pub use vmcf::{
    ReturnCode, Subfunction, TransferError, Userid, UseridError, Vmcmhdr, Vmcparm, function_name,
    vmcmstat, vmcpflg1,
};

// Not the library's API: the parser's data (`Command` and its parts), its entry and the word
// tables, public only for the tests and fuzz targets that check the parser against its tables
// (a front end asks the parser through the root: `at_terminal`, `highlight`, `complete`). Hidden from the
// docs; nothing here is also at the root (its `Line` and `Span` are the parsed line and its byte
// ranges, other types than the root's line model).
#[doc(hidden)]
pub mod parser {
    pub use crate::console::command::*;
    pub use crate::console::parse::{Parsed, parse};
    pub use crate::console::verbs;
}
