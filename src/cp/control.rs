//! The CP commands that act on a virtual machine as a whole: DISCONN and the disconnected
//! state, FORCE, SYSTEM RESET and CLEAR, IPL, and the settings of SET that are not about
//! special messages (WNG, EMSG, IMSG). What a terminal shows of them is the console's business:
//! the engine keeps the state, as CP kept it in the VMBLOK.

use super::Cp;
use super::event::{CpError, CpMessage, Event};
use super::machine::Emsg;
use super::storage::Storage;
use crate::vmcf::Userid;

impl Cp {
    /// DISCONN: the VM stays logged on and keeps running without a terminal (`DISCONNECT AT`).
    /// SMSG and VMCF still reach it, as service machines run disconnected; MSG and WARNING are
    /// refused (`NOT RECEIVING; DISCONNECTED`). LOGON of the userid reconnects it. A front end
    /// whose terminal connection drops calls this too.
    pub fn disconnect(&mut self, user: Userid) -> Result<(), CpError> {
        let slot = self.require(user)?;
        if self.vm_at(slot).disconnected {
            return Err(self.error(user, CpError::AlreadyDisconnected(user)));
        }
        self.vm_at_mut(slot).disconnected = true;
        let at = self.now();
        self.log.push(Event::Message {
            user,
            message: CpMessage::DisconnectAt(at),
        });
        Ok(())
    }

    /// Whether `user` is logged on and disconnected.
    pub fn is_disconnected(&self, user: Userid) -> bool {
        self.vm(user).is_some_and(|vm| vm.disconnected)
    }

    /// FORCE: `issuer` logs `user` off, with the cleanup LOGOFF does. The forced VM's terminal
    /// gets `LOGOFF AT ... BY SYSTEM`, the issuer `... LOGOFF AS userid USERS = nnn FORCED`
    /// (Operator's Guide R6, FORCE). Privilege classes are not modelled: anyone may FORCE.
    /// Forcing oneself is the console's to refuse (CP's FORCE names another user).
    pub fn force(&mut self, issuer: Userid, user: Userid) -> Result<(), CpError> {
        let Some(slot) = self.slot(user) else {
            return Err(self.error(issuer, CpError::NotLoggedOn(user)));
        };
        let disconnected = self.vm_at(slot).disconnected;
        self.end_vm(slot, true);
        let users = self.user_count();
        self.log.push(Event::Message {
            user: issuer,
            message: CpMessage::Forced {
                user,
                users,
                disconnected,
            },
        });
        Ok(())
    }

    /// SYSTEM RESET (`clear` false) and SYSTEM CLEAR, and the reset IPL does: the VMCF cleanup
    /// exactly as UNAUTHORIZE (the logic manual calls DMKVMCUA at logoff and at reset); CLEAR
    /// also zeroes storage. The VM stays in CP mode, enabled as a new one is.
    pub fn system_reset(&mut self, user: Userid, clear: bool) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.vmcf_reset(slot);
        self.keep_event_bytes(slot);
        let vm = self.vm_at_mut(slot);
        if clear {
            let size = vm.storage.size();
            vm.storage = Storage::new(size);
        }
        vm.enabled = true;
        self.present_ready();
        Ok(())
    }

    /// SET WNG ON|OFF: whether WARNING messages are shown.
    pub fn set_wng(&mut self, user: Userid, on: bool) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.vm_at_mut(slot).wng = on;
        Ok(())
    }

    /// SET EMSG ON|OFF|CODE|TEXT.
    pub fn set_emsg(&mut self, user: Userid, emsg: Emsg) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.vm_at_mut(slot).emsg = emsg;
        Ok(())
    }

    /// SET IMSG ON|OFF.
    pub fn set_imsg(&mut self, user: Userid, on: bool) -> Result<(), CpError> {
        let slot = self.require(user)?;
        self.vm_at_mut(slot).imsg = on;
        Ok(())
    }
}
