//! The facility's data and nothing else: the parameter list (`Vmcparm`), the interrupt header
//! (`Vmcmhdr`), userids, and the named codes. No behaviour: the engine in `cp` gives them meaning.

pub(crate) mod codes;
mod header;
mod layout;
mod plist;
mod userid;

pub use codes::{ReturnCode, Subfunction, TransferError, function_name, vmcmstat, vmcpflg1};
pub use header::Vmcmhdr;
pub use plist::Vmcparm;
pub use userid::{Userid, UseridError};

/// External interrupt code CP uses for VMCF.
pub const EXTERNAL_INTERRUPT_CODE: u16 = 0x4001;
