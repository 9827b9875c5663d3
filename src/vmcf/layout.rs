//! The one 40-byte layout that VMCPARM and VMCMHDR share: two flag bytes, a halfword function
//! code, MID, userid, two address/length pairs and the user doubleword, all big-endian.

/// Total length of a parameter list or message header.
pub(crate) const LEN: usize = 40;

/// The fields at their offsets, with no meaning attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Fields {
    pub b0: u8,
    pub b1: u8,
    pub func: u16,
    pub mid: u32,
    pub user: [u8; 8],
    pub vada: u32,
    pub lena: u32,
    pub vadb: u32,
    pub lenb: u32,
    pub use_dw: [u8; 8],
}

fn word(b: &[u8; LEN], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn dword(b: &[u8; LEN], at: usize) -> [u8; 8] {
    let mut d = [0; 8];
    d.copy_from_slice(&b[at..at + 8]);
    d
}

impl Fields {
    pub(crate) fn decode(b: &[u8; LEN]) -> Fields {
        Fields {
            b0: b[0x00],
            b1: b[0x01],
            func: u16::from_be_bytes([b[0x02], b[0x03]]),
            mid: word(b, 0x04),
            user: dword(b, 0x08),
            vada: word(b, 0x10),
            lena: word(b, 0x14),
            vadb: word(b, 0x18),
            lenb: word(b, 0x1C),
            use_dw: dword(b, 0x20),
        }
    }

    pub(crate) fn encode(&self) -> [u8; LEN] {
        let mut b = [0u8; LEN];
        self.encode_into(&mut b);
        b
    }

    /// Encodes in place (a header goes straight into guest storage this way).
    pub(crate) fn encode_into(&self, b: &mut [u8; LEN]) {
        b[0x00] = self.b0;
        b[0x01] = self.b1;
        b[0x02..0x04].copy_from_slice(&self.func.to_be_bytes());
        b[0x04..0x08].copy_from_slice(&self.mid.to_be_bytes());
        b[0x08..0x10].copy_from_slice(&self.user);
        b[0x10..0x14].copy_from_slice(&self.vada.to_be_bytes());
        b[0x14..0x18].copy_from_slice(&self.lena.to_be_bytes());
        b[0x18..0x1C].copy_from_slice(&self.vadb.to_be_bytes());
        b[0x1C..0x20].copy_from_slice(&self.lenb.to_be_bytes());
        b[0x20..0x28].copy_from_slice(&self.use_dw);
    }
}
