//! Storage as DISPLAY shows it: lines of 16 bytes in hex, four words each, with the EBCDIC
//! beside them, and runs of equal lines folded.

use super::Sink;
use crate::console::line::Tone;
use crate::console::push;
use crate::console::session::Outcome;
use crate::vmcf::Userid;

/// Storage lines in CP's DISPLAY layout, each indented by two blanks: address, words of 8
/// hex digits (a line never crosses a 16-byte boundary), and with `translate` the EBCDIC
/// between asterisks, unprintable as `.`. Two or more full lines equal to the one before are
/// shown as one SUPPRESSED line.
pub(super) fn dump<S: Sink>(address: u64, bytes: &[u8], translate: bool, lines: &mut S) {
    let mut d = Dump::new(translate, "  ");
    d.push(address, bytes, lines);
    d.finish(lines);
}

/// [`dump`] fed piece by piece (pieces follow each other in storage), so DISPLAY of a large
/// range never holds more than a page of it.
pub(crate) struct Dump {
    translate: bool,
    /// Put before each line.
    indent: &'static str,
    /// The last line shown or suppressed: its address, bytes and length.
    previous: Option<(u64, [u8; 16], usize)>,
    /// Full lines equal to `previous`, first and last address, not shown yet.
    same: Option<(u64, u64)>,
}

impl Dump {
    pub(crate) fn new(translate: bool, indent: &'static str) -> Dump {
        Dump {
            translate,
            indent,
            previous: None,
            same: None,
        }
    }

    /// Adds `bytes` found at `address`.
    pub(crate) fn push<S: Sink>(&mut self, address: u64, bytes: &[u8], lines: &mut S) {
        let mut at = 0usize;
        while at < bytes.len() {
            let a = address + at as u64;
            let n = (16 - (a % 16) as usize).min(bytes.len() - at);
            let chunk = &bytes[at..at + n];
            let repeat = n == 16
                && self
                    .previous
                    .is_some_and(|(_, p, len)| len == 16 && p[..] == *chunk);
            if repeat {
                self.same = Some(self.same.map_or((a, a), |(from, _)| (from, a)));
            } else {
                self.flush(lines);
                self.line(a, chunk, lines);
            }
            let mut line = [0u8; 16];
            line[..n].copy_from_slice(chunk);
            self.previous = Some((a, line, n));
            at += n;
        }
    }

    /// One line: `{hexloc}  {hex}`, or `{hexloc}  {hex:<35}  *{ebcdic}*` translated.
    pub(super) fn line<S: Sink>(&self, address: u64, bytes: &[u8], lines: &mut S) {
        let s = lines.begin(Tone::Plain);
        s.push_str(self.indent);
        hexloc64(s, address);
        s.push_str("  ");
        let from = s.len();
        // At most 16 bytes: 32 digits and 3 blanks, built here and appended at once.
        let mut hex = [b' '; 35];
        let mut n = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i > 0 && (address + i as u64).is_multiple_of(4) {
                n += 1;
            }
            hex[n] = HEX[usize::from(b >> 4)];
            hex[n + 1] = HEX[usize::from(b & 0xF)];
            n += 2;
        }
        let s = lines.text();
        s.push_str(std::str::from_utf8(&hex[..n]).unwrap_or_default());
        lines.mark(Tone::Hex, from);
        if self.translate {
            let s = lines.text();
            push::blanks(s, 35 - n);
            s.push_str("  *");
            let from = s.len();
            push::ebcdic_text(s, bytes);
            lines.mark(Tone::Ebcdic, from);
            lines.text().push('*');
        }
        lines.end();
    }

    /// Shows the run of equal lines held back: as itself if it is one line, else as one
    /// SUPPRESSED line.
    fn flush<S: Sink>(&mut self, lines: &mut S) {
        let Some((from, to)) = self.same.take() else {
            return;
        };
        if to > from {
            let s = lines.begin(Tone::Plain);
            s.push_str(self.indent);
            hexloc64(s, from);
            s.push_str(" TO ");
            hexloc64(s, to + 15);
            s.push_str(" SUPPRESSED LINE(S) SAME AS ABOVE");
            lines.end();
        } else if let Some((_, bytes, len)) = self.previous {
            self.line(from, &bytes[..len], lines);
        }
    }

    pub(crate) fn finish<S: Sink>(mut self, lines: &mut S) {
        self.flush(lines);
    }
}

/// DISPLAY's lines for `length` bytes of `user`'s storage from `address`, a page at a time.
pub(super) fn display<S: Sink>(
    o: &Outcome,
    user: Option<Userid>,
    address: u32,
    length: u32,
    translate: bool,
    lines: &mut S,
) {
    const PAGE: u64 = 4096;
    let mut d = Dump::new(translate, "");
    let (mut at, end) = (u64::from(address), u64::from(address) + u64::from(length));
    let mut page = [0u8; PAGE as usize];
    while at < end {
        let n = ((at / PAGE + 1) * PAGE).min(end) - at;
        let piece = &mut page[..n as usize];
        let ok = user.is_some_and(|u| o.storage(u, at as u32, piece));
        if !ok {
            // The command checked the range; storage cannot change while the outcome lives.
            break;
        }
        d.push(at, piece, lines);
        at += n;
    }
    d.finish(lines);
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn hexloc64(out: &mut String, a: u64) {
    push::hexloc(out, a.min(u64::from(u32::MAX)) as u32);
}
