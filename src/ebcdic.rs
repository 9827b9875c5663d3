//! EBCDIC code page 037, both ways, and the printable subset CP showed in `DISPLAY T` and the
//! console shows for data. Guest storage and userids are EBCDIC; everything typed or printed is
//! Unicode. Hand-written tables (256 entries each): no crate was worth a dependency for this.

/// The character for an EBCDIC byte (code page 037; a bijection onto U+0000..=U+00FF).
pub fn to_char(b: u8) -> char {
    TO_CHAR[usize::from(b)]
}

/// The EBCDIC byte for a character, or `None` if code page 037 has no such character.
pub fn from_char(c: char) -> Option<u8> {
    u8::try_from(u32::from(c))
        .ok()
        .map(|l| FROM_LATIN1[usize::from(l)])
}

/// Encodes text into EBCDIC; `Err` gives the first character code page 037 lacks.
pub fn encode(text: &str) -> Result<Vec<u8>, char> {
    text.chars().map(|c| from_char(c).ok_or(c)).collect()
}

/// Decodes EBCDIC into text, every byte to its code page 037 character (control characters too).
pub fn decode(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| to_char(b)).collect()
}

/// Whether CP's console showed a byte as itself: the 3270 base character set
/// (docs/console.md#ebcdic). Everything else, control characters included, shows as `.`.
pub fn is_printable(b: u8) -> bool {
    matches!(b,
        0x40 | 0x4A..=0x50 | 0x5A..=0x61 | 0x6A..=0x6F | 0x79..=0x7F
        | 0x81..=0x89 | 0x91..=0x99 | 0xA1..=0xA9
        | 0xC0..=0xC9 | 0xD0..=0xD9 | 0xE0 | 0xE2..=0xE9 | 0xF0..=0xF9)
}

/// The character shown for a byte in a translation column: itself if printable, else `.`.
pub fn display_char(b: u8) -> char {
    if is_printable(b) { to_char(b) } else { '.' }
}

/// The printable translation of a byte string (`DISPLAY T`'s right-hand column).
pub fn display(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| display_char(b)).collect()
}

const TO_CHAR: [char; 256] = [
    '\u{00}', '\u{01}', '\u{02}', '\u{03}', '\u{9C}', '\u{09}', '\u{86}', '\u{7F}', '\u{97}',
    '\u{8D}', '\u{8E}', '\u{0B}', '\u{0C}', '\u{0D}', '\u{0E}', '\u{0F}', '\u{10}', '\u{11}',
    '\u{12}', '\u{13}', '\u{9D}', '\u{85}', '\u{08}', '\u{87}', '\u{18}', '\u{19}', '\u{92}',
    '\u{8F}', '\u{1C}', '\u{1D}', '\u{1E}', '\u{1F}', '\u{80}', '\u{81}', '\u{82}', '\u{83}',
    '\u{84}', '\u{0A}', '\u{17}', '\u{1B}', '\u{88}', '\u{89}', '\u{8A}', '\u{8B}', '\u{8C}',
    '\u{05}', '\u{06}', '\u{07}', '\u{90}', '\u{91}', '\u{16}', '\u{93}', '\u{94}', '\u{95}',
    '\u{96}', '\u{04}', '\u{98}', '\u{99}', '\u{9A}', '\u{9B}', '\u{14}', '\u{15}', '\u{9E}',
    '\u{1A}', ' ', '\u{A0}', '\u{E2}', '\u{E4}', '\u{E0}', '\u{E1}', '\u{E3}', '\u{E5}', '\u{E7}',
    '\u{F1}', '\u{A2}', '.', '<', '(', '+', '|', '&', '\u{E9}', '\u{EA}', '\u{EB}', '\u{E8}',
    '\u{ED}', '\u{EE}', '\u{EF}', '\u{EC}', '\u{DF}', '!', '$', '*', ')', ';', '\u{AC}', '-', '/',
    '\u{C2}', '\u{C4}', '\u{C0}', '\u{C1}', '\u{C3}', '\u{C5}', '\u{C7}', '\u{D1}', '\u{A6}', ',',
    '%', '_', '>', '?', '\u{F8}', '\u{C9}', '\u{CA}', '\u{CB}', '\u{C8}', '\u{CD}', '\u{CE}',
    '\u{CF}', '\u{CC}', '`', ':', '#', '@', '\'', '=', '"', '\u{D8}', 'a', 'b', 'c', 'd', 'e', 'f',
    'g', 'h', 'i', '\u{AB}', '\u{BB}', '\u{F0}', '\u{FD}', '\u{FE}', '\u{B1}', '\u{B0}', 'j', 'k',
    'l', 'm', 'n', 'o', 'p', 'q', 'r', '\u{AA}', '\u{BA}', '\u{E6}', '\u{B8}', '\u{C6}', '\u{A4}',
    '\u{B5}', '~', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '\u{A1}', '\u{BF}', '\u{D0}', '\u{DD}',
    '\u{DE}', '\u{AE}', '^', '\u{A3}', '\u{A5}', '\u{B7}', '\u{A9}', '\u{A7}', '\u{B6}', '\u{BC}',
    '\u{BD}', '\u{BE}', '[', ']', '\u{AF}', '\u{A8}', '\u{B4}', '\u{D7}', '{', 'A', 'B', 'C', 'D',
    'E', 'F', 'G', 'H', 'I', '\u{AD}', '\u{F4}', '\u{F6}', '\u{F2}', '\u{F3}', '\u{F5}', '}', 'J',
    'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', '\u{B9}', '\u{FB}', '\u{FC}', '\u{F9}', '\u{FA}',
    '\u{FF}', '\\', '\u{F7}', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '\u{B2}', '\u{D4}', '\u{D6}',
    '\u{D2}', '\u{D3}', '\u{D5}', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '\u{B3}',
    '\u{DB}', '\u{DC}', '\u{D9}', '\u{DA}', '\u{9F}',
];

const FROM_LATIN1: [u8; 256] = [
    0x00, 0x01, 0x02, 0x03, 0x37, 0x2D, 0x2E, 0x2F, 0x16, 0x05, 0x25, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
    0x10, 0x11, 0x12, 0x13, 0x3C, 0x3D, 0x32, 0x26, 0x18, 0x19, 0x3F, 0x27, 0x1C, 0x1D, 0x1E, 0x1F,
    0x40, 0x5A, 0x7F, 0x7B, 0x5B, 0x6C, 0x50, 0x7D, 0x4D, 0x5D, 0x5C, 0x4E, 0x6B, 0x60, 0x4B, 0x61,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x5E, 0x4C, 0x7E, 0x6E, 0x6F,
    0x7C, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6,
    0xD7, 0xD8, 0xD9, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xBA, 0xE0, 0xBB, 0xB0, 0x6D,
    0x79, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96,
    0x97, 0x98, 0x99, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xC0, 0x4F, 0xD0, 0xA1, 0x07,
    0x20, 0x21, 0x22, 0x23, 0x24, 0x15, 0x06, 0x17, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x09, 0x0A, 0x1B,
    0x30, 0x31, 0x1A, 0x33, 0x34, 0x35, 0x36, 0x08, 0x38, 0x39, 0x3A, 0x3B, 0x04, 0x14, 0x3E, 0xFF,
    0x41, 0xAA, 0x4A, 0xB1, 0x9F, 0xB2, 0x6A, 0xB5, 0xBD, 0xB4, 0x9A, 0x8A, 0x5F, 0xCA, 0xAF, 0xBC,
    0x90, 0x8F, 0xEA, 0xFA, 0xBE, 0xA0, 0xB6, 0xB3, 0x9D, 0xDA, 0x9B, 0x8B, 0xB7, 0xB8, 0xB9, 0xAB,
    0x64, 0x65, 0x62, 0x66, 0x63, 0x67, 0x9E, 0x68, 0x74, 0x71, 0x72, 0x73, 0x78, 0x75, 0x76, 0x77,
    0xAC, 0x69, 0xED, 0xEE, 0xEB, 0xEF, 0xEC, 0xBF, 0x80, 0xFD, 0xFE, 0xFB, 0xFC, 0xAD, 0xAE, 0x59,
    0x44, 0x45, 0x42, 0x46, 0x43, 0x47, 0x9C, 0x48, 0x54, 0x51, 0x52, 0x53, 0x58, 0x55, 0x56, 0x57,
    0x8C, 0x49, 0xCD, 0xCE, 0xCB, 0xCF, 0xCC, 0xE1, 0x70, 0xDD, 0xDE, 0xDB, 0xDC, 0x8D, 0x8E, 0xDF,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_round_trips() {
        for b in 0..=255u8 {
            assert_eq!(from_char(to_char(b)), Some(b), "byte {b:02X}");
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(encode(&decode(&all)).unwrap(), all);
    }

    #[test]
    fn known_letters_and_signs() {
        assert_eq!(
            encode("HELLO world").unwrap(),
            b"\xC8\xC5\xD3\xD3\xD6\x40\xA6\x96\x99\x93\x84"
        );
        assert_eq!(
            encode("SYSTEM").unwrap(),
            [0xE2, 0xE8, 0xE2, 0xE3, 0xC5, 0xD4]
        );
        assert_eq!(to_char(0x4A), '¢');
        assert_eq!(to_char(0x5F), '¬');
        assert_eq!(encode("€"), Err('€'));
    }

    #[test]
    fn unprintable_bytes_show_as_dots() {
        assert_eq!(display(&[0x00, 0xC1, 0x15, 0x4B, 0xFF, 0xBA]), ".A....");
    }
}
