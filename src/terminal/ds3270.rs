//! The 3270 data stream, both ways: buffer addresses (12- and 14-bit), the outbound Write and
//! Erase/Write commands with their WCC and orders (SBA, SF, IC, RA), and the inbound
//! record a key press sends (AID, cursor address, the modified fields). Bytes only: text goes
//! through [`CodePage`].

/// Write: changes what it addresses, keeps the rest.
pub(crate) const WRITE: u8 = 0xF1;
/// Erase/Write: clears the screen to the default size (24x80) first.
pub(crate) const ERASE_WRITE: u8 = 0xF5;
/// Erase/Write Alternate: clears the screen to the model's own size first.
pub(crate) const ERASE_WRITE_ALTERNATE: u8 = 0x7E;
/// Start Field: an attribute byte follows.
pub(crate) const SF: u8 = 0x1D;
/// Set Buffer Address: two address bytes follow.
pub(crate) const SBA: u8 = 0x11;
/// Insert Cursor: the cursor goes to the current address.
pub(crate) const IC: u8 = 0x13;
/// Repeat to Address: an address and a character follow.
pub(crate) const RA: u8 = 0x3C;

/// Write control characters, already through the code table.
pub(crate) mod wcc {
    /// Reset, restore the keyboard, reset every MDT: a screen drawn afresh.
    pub(crate) const RESTORE_RESET_MDT: u8 = 0xC3;
    /// Reset and restore the keyboard, MDTs kept (a field being typed in stays modified).
    pub(crate) const RESTORE: u8 = 0xC2;
}

/// Field attributes, through the code table.
pub(crate) mod attr {
    /// Unprotected, normal intensity: the input field.
    pub(crate) const INPUT: u8 = 0x40;
    /// Unprotected, non-display: the input field while a password is typed.
    pub(crate) const INPUT_HIDDEN: u8 = 0x4C;
    /// Protected, normal intensity: the output and status areas.
    pub(crate) const PROTECTED: u8 = 0x60;
}

/// The 6-bit code table of 12-bit addresses and of WCC and attribute bytes.
pub(crate) const CODE_TABLE: [u8; 64] = [
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
];

/// A buffer address as two bytes: 12-bit (code table) up to 4095, 14-bit beyond, as x3270
/// encodes them.
pub(crate) fn encode_address(a: usize) -> [u8; 2] {
    if a < 4096 {
        [CODE_TABLE[(a >> 6) & 0x3F], CODE_TABLE[a & 0x3F]]
    } else {
        [((a >> 8) & 0x3F) as u8, (a & 0xFF) as u8]
    }
}

/// Two address bytes back to a buffer address: 14-bit when the first byte's top bits are 00,
/// else 12-bit (the low six bits of each byte).
pub(crate) fn decode_address(b: [u8; 2]) -> usize {
    if b[0] & 0xC0 == 0 {
        (usize::from(b[0] & 0x3F) << 8) | usize::from(b[1])
    } else {
        (usize::from(b[0] & 0x3F) << 6) | usize::from(b[1] & 0x3F)
    }
}

/// An attention identifier: the key that sent the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aid {
    /// The Enter key.
    Enter,
    /// The Clear key (the client blanked its screen).
    Clear,
    /// PA1 to PA3.
    Pa(u8),
    /// PF1 to PF24.
    Pf(u8),
    /// Anything else (no AID, a structured field, an unknown byte).
    Other(u8),
}

impl Aid {
    /// The AID byte's meaning.
    pub fn from_byte(b: u8) -> Aid {
        match b {
            0x7D => Aid::Enter,
            0x6D => Aid::Clear,
            0x6C => Aid::Pa(1),
            0x6E => Aid::Pa(2),
            0x6B => Aid::Pa(3),
            0xF1..=0xF9 => Aid::Pf(b - 0xF0),
            0x7A..=0x7C => Aid::Pf(b - 0x7A + 10),
            0xC1..=0xC9 => Aid::Pf(b - 0xC1 + 13),
            0x4A..=0x4C => Aid::Pf(b - 0x4A + 22),
            _ => Aid::Other(b),
        }
    }

    /// Whether the key sends fields (PA and Clear are short reads: the AID alone).
    pub fn sends_fields(self) -> bool {
        matches!(self, Aid::Enter | Aid::Pf(_))
    }
}

/// One modified field of an inbound record: where its data starts, and its bytes (EBCDIC,
/// nulls dropped by the client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Where the field's data starts.
    pub address: usize,
    /// Its bytes.
    pub data: Vec<u8>,
}

/// An inbound record, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// The key.
    pub aid: Aid,
    /// The cursor address, when the record had one.
    pub cursor: Option<usize>,
    /// The modified fields, in order.
    pub fields: Vec<Field>,
}

/// Decodes one inbound record for a screen of `size` positions. Addresses outside the screen
/// are kept modulo its size (a field never lands outside it); field data is cut at `size`
/// bytes; an empty record is `None`. Never fails otherwise: a record is what the client sent.
pub(crate) fn decode_inbound(record: &[u8], size: usize) -> Option<Inbound> {
    let size = size.max(1);
    let (&aid, rest) = record.split_first()?;
    let aid = Aid::from_byte(aid);
    if !aid.sends_fields() || rest.len() < 2 {
        return Some(Inbound {
            aid,
            cursor: None,
            fields: Vec::new(),
        });
    }
    let cursor = decode_address([rest[0], rest[1]]) % size;
    let mut fields = Vec::new();
    let mut i = 2;
    let mut current: Option<Field> = None;
    while i < rest.len() {
        if rest[i] == SBA {
            if i + 2 >= rest.len() {
                // A truncated SBA: the record ends there.
                break;
            }
            fields.extend(current.take());
            current = Some(Field {
                address: decode_address([rest[i + 1], rest[i + 2]]) % size,
                data: Vec::new(),
            });
            i += 3;
            continue;
        }
        // Data on an unformatted screen comes with no SBA: one field from address 0.
        let f = current.get_or_insert_with(|| Field {
            address: 0,
            data: Vec::new(),
        });
        if f.data.len() < size {
            f.data.push(rest[i]);
        }
        i += 1;
    }
    fields.extend(current);
    Some(Inbound {
        aid,
        cursor: Some(cursor),
        fields,
    })
}

/// Which EBCDIC code page a 3270 client uses. Both are 037 except for the brackets: the x3270
/// family's default ("bracket") puts `[` and `]` at X'AD' and X'BD', where 037 has `Ý` and
/// `¨`, and those two at X'BA' and X'BB', where 037 has the brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePage {
    /// Code page 037.
    Cp037,
    /// The x3270 family's default.
    Bracket,
}

impl CodePage {
    /// A byte from the client as a character. Both pages' brackets are read as brackets, so
    /// input means the same from either kind of client (`Ý` and `¨` cannot be typed then,
    /// which no CP command needs).
    pub fn to_char(self, b: u8) -> char {
        match b {
            0xAD | 0xBA => '[',
            0xBD | 0xBB => ']',
            _ => crate::ebcdic::to_char(b),
        }
    }

    /// A character for the client; one the page lacks, or a control character (which the
    /// client would take for an order), is sent as `?`.
    pub fn to_byte(self, c: char) -> u8 {
        match (self, c) {
            (CodePage::Bracket, '[') => 0xAD,
            (CodePage::Bracket, ']') => 0xBD,
            (CodePage::Bracket, 'Ý') => 0xBA,
            (CodePage::Bracket, '¨') => 0xBB,
            _ => match crate::ebcdic::from_char(c) {
                Some(b) if b >= 0x40 && b != 0xFF => b,
                _ => 0x6F,
            },
        }
    }

    /// The page a client's input shows it uses: 037 brackets mean 037, the others bracket.
    pub fn detect(self, data: &[u8]) -> CodePage {
        if data.iter().any(|&b| b == 0xBA || b == 0xBB) {
            CodePage::Cp037
        } else if data.iter().any(|&b| b == 0xAD || b == 0xBD) {
            CodePage::Bracket
        } else {
            self
        }
    }

    /// Field data as text: nulls dropped, each byte through the page.
    pub fn decode(self, data: &[u8]) -> String {
        data.iter()
            .filter(|&&b| b != 0)
            .map(|&b| self.to_char(b))
            .collect()
    }
}

/// Builds one outbound record (without the telnet framing).
#[derive(Debug, Default)]
pub(crate) struct Writer {
    /// The record so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// A record starting with `command` and `wcc`.
    pub(crate) fn new(command: u8, wcc: u8) -> Writer {
        Writer {
            bytes: vec![command, wcc],
        }
    }

    /// Set Buffer Address.
    pub(crate) fn sba(&mut self, address: usize) -> &mut Self {
        self.bytes.push(SBA);
        self.bytes.extend_from_slice(&encode_address(address));
        self
    }

    /// Start Field with this attribute.
    pub(crate) fn sf(&mut self, attribute: u8) -> &mut Self {
        self.bytes.extend_from_slice(&[SF, attribute]);
        self
    }

    /// Insert Cursor here.
    pub(crate) fn ic(&mut self) -> &mut Self {
        self.bytes.push(IC);
        self
    }

    /// Repeat `byte` up to (not including) `address`.
    pub(crate) fn ra(&mut self, address: usize, byte: u8) -> &mut Self {
        self.bytes.push(RA);
        self.bytes.extend_from_slice(&encode_address(address));
        self.bytes.push(byte);
        self
    }

    /// Text through the code page, padded with blanks (or cut) to `width` characters.
    pub(crate) fn text(&mut self, cp: CodePage, text: &str, width: usize) -> &mut Self {
        let mut n = 0;
        for c in text.chars().take(width) {
            self.bytes.push(cp.to_byte(c));
            n += 1;
        }
        self.bytes.extend(std::iter::repeat_n(0x40, width - n));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_match_x3270() {
        // The probe's values on a 24x80 screen.
        assert_eq!(encode_address(22 * 80), [0x5B, 0x60]);
        assert_eq!(encode_address(21 * 80 + 79), [0x5B, 0x5F]);
        assert_eq!(encode_address(23 * 80 + 59), [0x5D, 0x6B]);
        for a in [0, 1, 79, 1919, 3563, 4095, 4096, 5000, 16383] {
            assert_eq!(decode_address(encode_address(a)), a);
        }
        assert_eq!(decode_address([0x10, 0x00]), 4096);
    }

    #[test]
    fn inbound_enter_with_a_field() {
        // Probe: lower-case "msg" typed at row 22 col 0.
        let r = decode_inbound(
            &[0x7D, 0x5B, 0xF1, 0x11, 0x5B, 0x60, 0x94, 0xA2, 0x87],
            1920,
        )
        .unwrap();
        assert_eq!(r.aid, Aid::Enter);
        assert_eq!(r.cursor, Some(22 * 80 + 17));
        assert_eq!(r.fields.len(), 1);
        assert_eq!(r.fields[0].address, 1760);
        assert_eq!(CodePage::Bracket.decode(&r.fields[0].data), "msg");
    }

    #[test]
    fn short_reads_and_garbage() {
        assert_eq!(decode_inbound(&[0x6D], 1920).unwrap().aid, Aid::Clear);
        assert_eq!(decode_inbound(&[0x6E], 1920).unwrap().aid, Aid::Pa(2));
        assert_eq!(
            decode_inbound(&[0xF3, 0x5B, 0x60], 1920).unwrap().aid,
            Aid::Pf(3)
        );
        assert_eq!(Aid::from_byte(0x4C), Aid::Pf(24));
        assert!(decode_inbound(&[], 1920).is_none());
        // An SBA cut short, and an address beyond the screen.
        let r = decode_inbound(&[0x7D, 0x7F, 0x7F, 0x11, 0x7F], 1920).unwrap();
        assert!(r.cursor.unwrap() < 1920);
        assert!(r.fields.is_empty());
    }

    #[test]
    fn both_bracket_pages_are_read_and_written() {
        assert_eq!(CodePage::Bracket.decode(&[0xAD, 0xE7, 0xBD]), "[X]");
        assert_eq!(CodePage::Cp037.decode(&[0xBA, 0xE7, 0xBB]), "[X]");
        assert_eq!(CodePage::Bracket.to_byte('['), 0xAD);
        assert_eq!(CodePage::Cp037.to_byte('['), 0xBA);
        assert_eq!(CodePage::Bracket.detect(&[0xBA]), CodePage::Cp037);
        assert_eq!(CodePage::Cp037.to_byte('\u{1}'), 0x6F);
    }
}
