//! `Userid`: eight EBCDIC bytes, left-justified and blank-padded, as CP keeps them in VMCPUSER and
//! VMCMUSER. The engine compares these bytes exactly; only the console folds case.

use crate::ebcdic;
use std::fmt;

/// A CP userid as eight EBCDIC bytes, blank (X'40') padded.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Userid([u8; 8]);

/// Why text is not a userid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseridError {
    /// Empty.
    Missing,
    /// More than eight characters.
    TooLong,
    /// A character other than A-Z, 0-9, @, # or $.
    BadCharacter(char),
}

/// The console's words for each reason, shown under the caret.
impl fmt::Display for UseridError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UseridError::Missing => f.write_str("userid missing"),
            UseridError::TooLong => f.write_str("a userid has at most 8 characters"),
            UseridError::BadCharacter(c) => {
                write!(f, "'{c}' is not allowed in a userid (A-Z 0-9 @ # $)")
            }
        }
    }
}

impl std::error::Error for UseridError {}

impl Userid {
    /// The userid CP puts in VMCMUSER of a special message.
    pub const SYSTEM: Userid = Userid(*b"\xE2\xE8\xE2\xE3\xC5\xD4\x40\x40");

    /// Parses typed text: 1-8 characters of A-Z 0-9 @ # $, folded to upper case.
    pub fn parse(text: &str) -> Result<Userid, UseridError> {
        if text.is_empty() {
            return Err(UseridError::Missing);
        }
        if text.chars().count() > 8 {
            return Err(UseridError::TooLong);
        }
        let mut bytes = [0x40u8; 8];
        for (slot, c) in bytes.iter_mut().zip(text.chars()) {
            let c = c.to_ascii_uppercase();
            if !(c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '@' | '#' | '$')) {
                return Err(UseridError::BadCharacter(c));
            }
            *slot = ebcdic::from_char(c).expect("A-Z 0-9 @ # $ are in code page 037");
        }
        Ok(Userid(bytes))
    }

    /// The eight bytes exactly as a guest stored them (any bytes: CP compares them as they are).
    pub const fn from_ebcdic(bytes: [u8; 8]) -> Userid {
        Userid(bytes)
    }

    /// The eight EBCDIC bytes.
    pub const fn ebcdic(&self) -> [u8; 8] {
        self.0
    }

    /// The userid as text without trailing blanks (unprintable bytes as `.`).
    pub fn trimmed(&self) -> String {
        let end = self.0.iter().rposition(|&b| b != 0x40).map_or(0, |i| i + 1);
        ebcdic::display(&self.0[..end])
    }
}

/// One word, not a length-prefixed slice: CP looks userids up on every call.
impl std::hash::Hash for Userid {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(u64::from_be_bytes(self.0));
    }
}

impl fmt::Display for Userid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.trimmed())
    }
}

impl fmt::Debug for Userid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Userid({})", self.trimmed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_folds_and_pads() {
        let u = Userid::parse("smsgsrv").unwrap();
        assert_eq!(u.ebcdic(), *b"\xE2\xD4\xE2\xC7\xE2\xD9\xE5\x40");
        assert_eq!(u.to_string(), "SMSGSRV");
        assert_eq!(Userid::parse("A@#$1").unwrap().to_string(), "A@#$1");
        assert_eq!(Userid::SYSTEM.to_string(), "SYSTEM");
    }

    #[test]
    fn parse_refuses_bad_userids() {
        assert_eq!(Userid::parse(""), Err(UseridError::Missing));
        assert_eq!(Userid::parse("ABCDEFGHI"), Err(UseridError::TooLong));
        assert_eq!(Userid::parse("A-B"), Err(UseridError::BadCharacter('-')));
    }
}
