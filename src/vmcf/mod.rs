//! The facility's data and nothing else: the parameter list (`Vmcparm`), the interrupt header
//! (`Vmcmhdr`), userids, and the named codes. No behaviour: the engine in `cp` gives them meaning.

pub mod codes;
pub mod header;
mod layout;
pub mod plist;
pub mod userid;

pub use codes::{ReturnCode, Subfunction, TransferError, function_name, vmcmstat, vmcpflg1};
pub use header::Vmcmhdr;
pub use plist::Vmcparm;
pub use userid::{Userid, UseridError};

/// External interrupt code CP uses for VMCF.
pub const EXTERNAL_INTERRUPT_CODE: u16 = 0x4001;
