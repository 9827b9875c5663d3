//! `Vmcparm`: the DIAGNOSE X'68' parameter list, 40 bytes, doubleword aligned in guest storage.

use super::codes::{Subfunction, vmcpflg1};
use super::layout::{Fields, LEN};
use super::userid::Userid;

/// VMCPARM, decoded. Field names follow the DSECT (VMCPFLG1 → `flg1`, VMCPUSE → `use_dw`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vmcparm {
    /// VMCPFLG1: option bits (see [`vmcpflg1`]); reserved bits are carried, never checked.
    pub flg1: u8,
    /// VMCPFLG2: reserved for IBM; ignored.
    pub flg2: u8,
    /// VMCPFUNC: the subfunction code (any halfword; invalid ones get RC 2).
    pub func: u16,
    /// VMCPMID: message identifier.
    pub mid: u32,
    /// VMCPUSER: the sink (SEND-types, IDENTIFY, CANCEL), the source (RECEIVE, REPLY, REJECT) or
    /// the SPECIFIC partner (AUTHORIZE).
    pub user: Userid,
    /// VMCPVADA: data, buffer or interrupt-buffer address.
    pub vada: u32,
    /// VMCPLENA: its length.
    pub lena: u32,
    /// VMCPVADB: SEND/RECV reply buffer address (user data for SEND and SENDX).
    pub vadb: u32,
    /// VMCPLENB: SEND/RECV reply buffer length (user data for SEND and SENDX).
    pub lenb: u32,
    /// VMCPUSE: the user doubleword.
    pub use_dw: [u8; 8],
}

impl Vmcparm {
    /// Length in guest storage.
    pub const LEN: usize = LEN;

    /// A parameter list for `sub` with every other field zero (VMCPUSER blank).
    pub fn new(sub: Subfunction) -> Vmcparm {
        Vmcparm {
            flg1: 0,
            flg2: 0,
            func: sub.code(),
            mid: 0,
            user: Userid::from_ebcdic([0x40; 8]),
            vada: 0,
            lena: 0,
            vadb: 0,
            lenb: 0,
            use_dw: [0; 8],
        }
    }

    /// Decodes the 40 bytes as they stand in storage.
    pub fn decode(bytes: &[u8; LEN]) -> Vmcparm {
        let f = Fields::decode(bytes);
        Vmcparm {
            flg1: f.b0,
            flg2: f.b1,
            func: f.func,
            mid: f.mid,
            user: Userid::from_ebcdic(f.user),
            vada: f.vada,
            lena: f.lena,
            vadb: f.vadb,
            lenb: f.lenb,
            use_dw: f.use_dw,
        }
    }

    /// Encodes into the 40 bytes a program would store.
    pub fn encode(&self) -> [u8; LEN] {
        Fields {
            b0: self.flg1,
            b1: self.flg2,
            func: self.func,
            mid: self.mid,
            user: self.user.ebcdic(),
            vada: self.vada,
            lena: self.lena,
            vadb: self.vadb,
            lenb: self.lenb,
            use_dw: self.use_dw,
        }
        .encode()
    }

    /// The subfunction, or `None` for an invalid VMCPFUNC.
    pub fn subfunction(&self) -> Option<Subfunction> {
        Subfunction::from_code(self.func)
    }

    /// VMCPAUTS: AUTHORIZE SPECIFIC.
    pub fn specific(&self) -> bool {
        self.flg1 & vmcpflg1::VMCPAUTS != 0
    }

    /// VMCPPRTY: priority message, or AUTHORIZE PRIORITY.
    pub fn priority(&self) -> bool {
        self.flg1 & vmcpflg1::VMCPPRTY != 0
    }

    /// VMCPSMSG: AUTHORIZE accepting special messages.
    pub fn smsg(&self) -> bool {
        self.flg1 & vmcpflg1::VMCPSMSG != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_big_endian_at_the_manuals_offsets() {
        let mut p = Vmcparm::new(Subfunction::SendRecv);
        p.flg1 = vmcpflg1::VMCPPRTY;
        p.mid = 0x0102_0304;
        p.user = Userid::parse("B").unwrap();
        p.vada = 0x0002_0000;
        p.lena = 5;
        p.vadb = 0x0003_0000;
        p.lenb = 0x100;
        p.use_dw = *b"\xC1\xC2\xC3\xC4\xC5\xC6\xC7\xC8";
        let b = p.encode();
        assert_eq!(
            b,
            *b"\x40\x00\x00\x03\x01\x02\x03\x04\xC2\x40\x40\x40\x40\x40\x40\x40\
               \x00\x02\x00\x00\x00\x00\x00\x05\x00\x03\x00\x00\x00\x00\x01\x00\
               \xC1\xC2\xC3\xC4\xC5\xC6\xC7\xC8"
        );
        assert_eq!(Vmcparm::decode(&b), p);
        assert!(p.priority() && !p.specific() && !p.smsg());
        assert_eq!(p.subfunction(), Some(Subfunction::SendRecv));
    }

    #[test]
    fn every_byte_pattern_round_trips() {
        let b: [u8; Vmcparm::LEN] =
            std::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(11));
        assert_eq!(Vmcparm::decode(&b).encode(), b);
    }
}
