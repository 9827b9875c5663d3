//! Appending numbers, hex and EBCDIC to a `String` without the formatting machinery: a replay
//! writes a dozen lines for each line it reads, most of them hex, and `format!` with its
//! temporary strings was most of the cost of `vmcfsim run`. Each function gives exactly what the
//! `format!` spelling in its comment gives.

use crate::ebcdic;
use crate::vmcf::Userid;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `{b:02X}`.
pub(crate) fn hex_byte(out: &mut String, b: u8) {
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 0xF)]));
}

/// Each byte as `{b:02X}`, no blanks.
pub(crate) fn hex(out: &mut String, bytes: &[u8]) {
    out.reserve(2 * bytes.len());
    for &b in bytes {
        hex_byte(out, b);
    }
}

/// `{v:0wX}` for `digits` of 1 to 8 (a value too wide for them is not cut, as `format!`).
pub(crate) fn hex_u32(out: &mut String, v: u32, digits: usize) {
    let need = (8 - v.leading_zeros() as usize / 4).max(digits).clamp(1, 8);
    for i in (0..need).rev() {
        out.push(char::from(HEX[(v >> (4 * i)) as usize & 0xF]));
    }
}

/// An address as the console shows it: 6 hex digits, 8 above 16M (`messages::hexloc`).
pub(crate) fn hexloc(out: &mut String, a: u32) {
    hex_u32(out, a, if a > 0xFF_FFFF { 8 } else { 6 });
}

/// `{v:0w}`: decimal, at least `width` digits.
pub(crate) fn dec_pad(out: &mut String, v: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    let mut v = v;
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let at = at.min(buf.len() - width.min(buf.len()));
    out.extend(buf[at..].iter().map(|&d| char::from(d)));
}

/// `{v}` of an unsigned number.
/// The name of a VMCPFUNC value ([`crate::vmcf::function_name`] without the allocation): the
/// subfunction's name, or `X'hhhh'` for an unknown code.
pub(crate) fn function_name(out: &mut String, code: u16) {
    match crate::vmcf::Subfunction::from_code(code) {
        Some(s) => out.push_str(s.name()),
        None => {
            out.push_str("X'");
            hex_u32(out, u32::from(code), 4);
            out.push('\'');
        }
    }
}

/// `n` and the noun, plural unless one: `1 BYTE`, `2 BYTES` (an upper-case noun takes `S`).
pub(crate) fn count(out: &mut String, n: u64, noun: &str) {
    dec(out, n);
    out.push(' ');
    out.push_str(noun);
    if n != 1 {
        out.push(if noun.bytes().all(|b| b.is_ascii_uppercase()) {
            'S'
        } else {
            's'
        });
    }
}

pub(crate) fn dec(out: &mut String, v: u64) {
    dec_pad(out, v, 1);
}

/// `{u}` of a userid: trimmed, unprintable bytes as `.`.
pub(crate) fn userid(out: &mut String, u: Userid) {
    let b = u.ebcdic();
    let end = b.iter().rposition(|&c| c != 0x40).map_or(0, |i| i + 1);
    ebcdic_text(out, &b[..end]);
}

/// `ebcdic::display(bytes)`: the printable translation, `.` for the rest.
pub(crate) fn ebcdic_text(out: &mut String, bytes: &[u8]) {
    let ascii = display_ascii();
    out.reserve(bytes.len());
    for &b in bytes {
        match ascii[usize::from(b)] {
            0 => out.push(ebcdic::display_char(b)),
            a => out.push(char::from(a)),
        }
    }
}

/// For each EBCDIC byte, its display character when that is ASCII, else 0.
fn display_ascii() -> &'static [u8; 256] {
    static TABLE: std::sync::LazyLock<[u8; 256]> = std::sync::LazyLock::new(|| {
        let mut t = [0u8; 256];
        for (b, a) in t.iter_mut().enumerate() {
            let c = ebcdic::display_char(b as u8);
            if c.is_ascii() {
                *a = c as u8;
            }
        }
        t
    });
    &TABLE
}

/// Blanks after what was appended since `start` until it is `width` characters (`{:<width}`).
pub(crate) fn pad_from(out: &mut String, start: usize, width: usize) {
    let appended = &out[start..];
    let written = if appended.is_ascii() {
        appended.len()
    } else {
        appended.chars().count()
    };
    blanks(out, width.saturating_sub(written));
}

const BLANKS: &str = "                                        ";

/// `n` blanks.
pub(crate) fn blanks(out: &mut String, n: usize) {
    let mut need = n;
    while need > 0 {
        let k = need.min(BLANKS.len());
        out.push_str(&BLANKS[..k]);
        need -= k;
    }
}

/// Drops the blanks at the end of what was appended since `start` (`.trim_end()` of it).
pub(crate) fn trim_end_from(out: &mut String, start: usize) {
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut String)) -> String {
        let mut s = String::from("x");
        f(&mut s);
        s.split_off(1)
    }

    #[test]
    fn each_gives_what_format_gives() {
        for v in [0u32, 1, 0xA, 0xFF, 0x1234, 0xFF_FFFF, 0x100_0000, u32::MAX] {
            for d in [1, 2, 4, 6, 8] {
                assert_eq!(with(|s| hex_u32(s, v, d)), format!("{v:0d$X}"));
            }
            assert_eq!(with(|s| hexloc(s, v)), crate::console::messages::hexloc(v));
            for w in [1, 2, 3, 5] {
                assert_eq!(with(|s| dec_pad(s, u64::from(v), w)), format!("{v:0w$}"));
            }
        }
        assert_eq!(with(|s| dec(s, u64::MAX)), u64::MAX.to_string());
        let bytes: Vec<u8> = (0..=255).collect();
        let want: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(with(|s| hex(s, &bytes)), want);
        assert_eq!(with(|s| hex_byte(s, 0x9C)), "9C");
        assert_eq!(with(|s| ebcdic_text(s, &bytes)), ebcdic::display(&bytes));
        for u in [
            Userid::SYSTEM,
            Userid::from_ebcdic([0x40; 8]),
            Userid::from_ebcdic([7; 8]),
        ] {
            assert_eq!(with(|s| userid(s, u)), u.to_string());
        }
        assert_eq!(with(|s| pad_from(s, 1, 5)), "     ");
        let mut s = String::from("ab  cd  ");
        trim_end_from(&mut s, 4);
        assert_eq!(s, "ab  cd");
        let mut s = String::from("ab   ");
        trim_end_from(&mut s, 3);
        assert_eq!(s, "ab ");
    }
}
