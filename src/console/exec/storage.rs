//! DISPLAY and STORE on a VM's storage: DISPLAY in CP's layout, STORE all or nothing.

use crate::console::command::*;
use crate::console::messages::{ConsoleError, CpMsg, Reason};
use crate::console::parse;
use crate::console::session::{Response, Session};
use crate::vmcf::Userid;

impl Session {
    /// DISPLAY: each request in turn; the first one past the end of storage stops the command.
    pub(super) fn display(&mut self, user: Userid, requests: &[DisplayRequest]) {
        let size = self.cp.vm(user).map_or(0, |vm| vm.storage().size());
        for r in requests {
            let (align, single_len) = if r.translate { (16, 16) } else { (4, 4) };
            let first = r.first / align * align;
            let last = match r.last {
                Some(l) => l,
                None if r.single => r.first.saturating_add(single_len - 1),
                None => size.saturating_sub(1),
            };
            if u64::from(r.first) >= u64::from(size) || u64::from(last) >= u64::from(size) {
                let bad = if r.first >= size { r.first } else { size };
                let e = ConsoleError::new("CDB", CpMsg::ExceedsStorage(bad)).at(
                    r.span.clone(),
                    Reason::StorageEndsAt(size.saturating_sub(1)),
                );
                self.error(Some(user), e);
                return;
            }
            // CP shows whole words (L) or whole lines (T), cut at the end of storage.
            let end = (u64::from(last) / u64::from(align) + 1) * u64::from(align);
            let end = end.min(u64::from(size)) as u32;
            self.respond(
                Some(user),
                Response::Display {
                    translate: r.translate,
                    address: first,
                    length: end - first,
                },
            );
        }
    }

    /// STORE: all operands from `address` (the hexloc `typed`, where it was typed), or none. CP's manual
    /// does not say what a STORE running off the end of storage leaves; a command that fails
    /// with nothing changed is what a user can reason about, so the whole extent is checked
    /// before the first byte is stored.
    pub(super) fn store(
        &mut self,
        user: Userid,
        input: &str,
        (address, (typed, span)): (u32, (u32, Span)),
        items: &[StoreItem],
        odd_digit: Option<Span>,
    ) {
        let bytes = |item: &StoreItem| match item {
            StoreItem::Word(b) | StoreItem::Bytes(b) => b.len() as u64,
        };
        let total: u64 = items.iter().map(bytes).sum();
        let size = self.cp.vm(user).map_or(0, |vm| vm.storage().size());
        if u64::from(address) + total > u64::from(size) {
            let last = u64::from(size).saturating_sub(1);
            let e = ConsoleError::new("CDS", CpMsg::ExceedsStorage(typed))
                .at(span, Reason::StorePastEnd { bytes: total, last });
            self.error(Some(user), e);
            return;
        }
        let mut at = address;
        for item in items {
            let bytes = match item {
                StoreItem::Word(b) | StoreItem::Bytes(b) => b,
            };
            let ok = self.cp.store(user, at, bytes).is_ok();
            self.sync();
            if !ok {
                return;
            }
            at = at.saturating_add(bytes.len() as u32);
        }
        if let Some(span) = odd_digit {
            let shown = parse::word_as_typed(input, &span);
            let e = ConsoleError::new("CDS", CpMsg::InvalidHexdata(shown))
                .at(span, Reason::OddDigitNotStored);
            self.error(Some(user), e);
        }
    }
}
