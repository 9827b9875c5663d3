//! Operands that are more than a word: hex addresses (`hexloc`), userids, hex data, text in
//! EBCDIC, storage sizes. Each answers what is wrong in words an error message can quote.

use super::LAST_ADDRESS;
use super::tokens::Token;
use crate::console::command::*;
use crate::ebcdic;
use crate::vmcf::Userid;

/// A hex address of at most 16M.
pub(super) fn hexloc(digits: &str) -> Result<u32, &'static str> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("expected hex digits");
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
        _ => Err("beyond X'FFFFFF', the last address of 16M"),
    }
}

pub(super) fn userid_of(t: &Token) -> Result<Userid, String> {
    let Some(w) = t.word() else {
        return Err("a userid is not quoted".to_string());
    };
    Userid::parse(w).map_err(|e| e.to_string())
}

/// Hex digits as bytes; `Err` names what is wrong. Odd counts are refused.
pub(super) fn hex_bytes(digits: &str) -> Result<Vec<u8>, &'static str> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("not hex digits");
    }
    if !digits.len().is_multiple_of(2) {
        return Err("odd number of hex digits: bytes take two each");
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
pub(super) fn storage_size(w: &str) -> Result<u32, &'static str> {
    let (digits, unit) = match w.as_bytes().last() {
        Some(b'K' | b'k') => (&w[..w.len() - 1], 1u64 << 10),
        Some(b'M' | b'm') => (&w[..w.len() - 1], 1u64 << 20),
        _ => return Err("the size needs K or M: nnnK or nnM"),
    };
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expected a decimal number before K or M");
    }
    let bytes = digits.parse::<u64>().unwrap_or(u64::MAX) * unit;
    if bytes == 0 || bytes > 16 << 20 {
        return Err("storage is 4K to 16M");
    }
    if !bytes.is_multiple_of(4096) {
        return Err("storage grows in steps of 4K");
    }
    Ok(bytes as u32)
}
