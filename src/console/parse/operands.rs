//! Operands that are more than a word: hex addresses (`hexloc`), userids, hex data, text in
//! EBCDIC, storage sizes. Each answers what is wrong in words an error message can quote.

use super::LAST_ADDRESS;
use super::tokens::Token;
use crate::console::command::*;
use crate::console::messages::Reason;
use crate::ebcdic;
use crate::vmcf::Userid;

/// A hex address of at most 16M.
pub(super) fn hexloc(digits: &str) -> Result<u32, Reason> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Reason::NotHexDigits);
    }
    let significant = digits.trim_start_matches('0');
    match u64::from_str_radix(
        if significant.is_empty() {
            "0"
        } else {
            significant
        },
        16,
    ) {
        Ok(v) if significant.len() <= 8 && v <= LAST_ADDRESS => Ok(v as u32),
        _ => Err(Reason::Beyond16M),
    }
}

pub(super) fn userid_of(t: &Token) -> Result<Userid, Reason> {
    let Some(w) = t.word() else {
        return Err(Reason::QuotedUserid);
    };
    Userid::parse(w).map_err(Reason::Userid)
}

/// Hex digits as bytes; `Err` names what is wrong. Odd counts are refused.
pub(super) fn hex_bytes(digits: &str) -> Result<Vec<u8>, Reason> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Reason::HexNotDigits);
    }
    if !digits.len().is_multiple_of(2) {
        return Err(Reason::HexOddDigits);
    }
    Ok(digits
        .as_bytes()
        .chunks(2)
        .map(|p| {
            let s = std::str::from_utf8(p).expect("ASCII hex digits");
            u8::from_str_radix(s, 16).expect("checked hex digits")
        })
        .collect())
}

/// Text in EBCDIC, or the byte span (in `line`, starting at `at`) of a character code page 037
/// lacks.
pub(super) fn ebcdic_text(text: &str, at: usize) -> Result<Vec<u8>, (Span, char)> {
    let mut out = Vec::with_capacity(text.len());
    for (i, ch) in text.char_indices() {
        match ebcdic::from_char(ch) {
            Some(b) => out.push(b),
            None => return Err((at + i..at + i + ch.len_utf8(), ch)),
        }
    }
    Ok(out)
}

/// `nnnK` or `nnM`: 4K to 16M in steps of 4K.
pub(super) fn storage_size(w: &str) -> Result<u32, Reason> {
    let (digits, unit) = match w.as_bytes().last() {
        Some(b'K' | b'k') => (&w[..w.len() - 1], 1u64 << 10),
        Some(b'M' | b'm') => (&w[..w.len() - 1], 1u64 << 20),
        _ => return Err(Reason::SizeNeedsUnit),
    };
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Reason::SizeNotDecimal);
    }
    let bytes = digits.parse::<u64>().unwrap_or(u64::MAX) * unit;
    if bytes == 0 || bytes > 16 << 20 {
        return Err(Reason::SizeRange);
    }
    if !bytes.is_multiple_of(4096) {
        return Err(Reason::SizeStep);
    }
    Ok(bytes as u32)
}
