//! `Vmcmhdr`: the 40-byte message header CP stores in a guest's external interrupt buffer with
//! each X'4001' interrupt (SENDX and SMSG data follow it at offset 40, VMCMBUF).

use super::codes::{Subfunction, vmcmstat};
use super::layout::{Fields, LEN};
use super::userid::Userid;

/// VMCMHDR, decoded. Fields VMCMFUNC..VMCMUSE correspond one-to-one to VMCPFUNC..VMCPUSE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vmcmhdr {
    /// VMCMSTAT: status bits (see [`vmcmstat`]).
    pub stat: u8,
    /// VMCMEFLG: data-transfer error code of a RESPONSE.
    pub eflg: u8,
    /// VMCMFUNC: the function of the original request.
    pub func: u16,
    /// VMCMMID: the source's message identifier.
    pub mid: u32,
    /// VMCMUSER: the source (SEND interrupts), the sink (RESPONSE) or `SYSTEM` (SMSG).
    pub user: Userid,
    /// VMCMVADA: the source's data address.
    pub vada: u32,
    /// VMCMLENA: data length (SEND interrupts) or residual count (RESPONSE).
    pub lena: u32,
    /// VMCMVADB: the source's reply buffer address.
    pub vadb: u32,
    /// VMCMLENB: reply buffer length (SEND/RECV interrupt) or residual reply count (RESPONSE).
    pub lenb: u32,
    /// VMCMUSE: the user doubleword.
    pub use_dw: [u8; 8],
}

impl Vmcmhdr {
    /// Length of the header; VMCMBUF starts here.
    pub const LEN: usize = LEN;

    /// Decodes 40 bytes of an interrupt buffer.
    pub fn decode(bytes: &[u8; LEN]) -> Vmcmhdr {
        let f = Fields::decode(bytes);
        Vmcmhdr {
            stat: f.b0,
            eflg: f.b1,
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

    /// Encodes into the 40 bytes CP stores.
    pub fn encode(&self) -> [u8; LEN] {
        let mut b = [0u8; LEN];
        self.encode_into(&mut b);
        b
    }

    /// Encodes into 40 bytes in place: the engine stores a header straight into the interrupt
    /// buffer, with no copy to make and read back.
    pub fn encode_into(&self, out: &mut [u8; LEN]) {
        Fields {
            b0: self.stat,
            b1: self.eflg,
            func: self.func,
            mid: self.mid,
            user: self.user.ebcdic(),
            vada: self.vada,
            lena: self.lena,
            vadb: self.vadb,
            lenb: self.lenb,
            use_dw: self.use_dw,
        }
        .encode_into(out)
    }

    /// The function of the original request, if a valid one.
    pub fn subfunction(&self) -> Option<Subfunction> {
        Subfunction::from_code(self.func)
    }

    /// VMCMRESP: the final interrupt of a transaction.
    pub fn is_response(&self) -> bool {
        self.stat & vmcmstat::VMCMRESP != 0
    }

    /// VMCMRJCT: the sink rejected the message.
    pub fn is_rejected(&self) -> bool {
        self.stat & vmcmstat::VMCMRJCT != 0
    }

    /// VMCMPRTY: a priority message.
    pub fn is_priority(&self) -> bool {
        self.stat & vmcmstat::VMCMPRTY != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_decodes_what_it_encodes() {
        let h = Vmcmhdr {
            stat: vmcmstat::VMCMRESP | vmcmstat::VMCMRJCT,
            eflg: 16,
            func: 3,
            mid: 7,
            user: Userid::parse("SINK").unwrap(),
            vada: 0x20000,
            lena: 12,
            vadb: 0x21000,
            lenb: 0,
            use_dw: [0, 0, 0, 1, 0, 2, 0, 3],
        };
        let b = h.encode();
        assert_eq!(&b[0..4], b"\xC0\x10\x00\x03");
        assert_eq!(&b[8..16], b"\xE2\xC9\xD5\xD2\x40\x40\x40\x40");
        assert_eq!(Vmcmhdr::decode(&b), h);
        assert!(h.is_response() && h.is_rejected() && !h.is_priority());
    }
}
