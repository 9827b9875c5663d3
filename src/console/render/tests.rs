//! The renderer's unit tests.

use super::display::*;
use super::errors::*;
use super::responses::*;
use super::*;
use crate::console::line::Tone;
use crate::cp::Tod;
use crate::ebcdic;

impl Sink for Vec<String> {
    fn begin(&mut self, _: Tone) -> &mut String {
        self.push(String::new());
        self.last_mut().expect("just pushed")
    }

    fn text(&mut self) -> &mut String {
        self.last_mut().expect("a line was begun")
    }

    fn mark(&mut self, _: Tone, _: usize) {}

    fn end(&mut self) {}
}

/// DISPLAY's lines for `bytes` at `address`, not indented.
fn dump(address: u32, bytes: &[u8], translate: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut d = Dump::new(translate, "");
    d.push(u64::from(address), bytes, &mut lines);
    d.finish(&mut lines);
    lines
}

#[test]
fn display_t_matches_cps_layout() {
    let mut b = ebcdic::encode("HELLO WORLD     ").unwrap();
    b.extend([0u8; 16]);
    assert_eq!(
        dump(0x200, &b, true),
        [
            "000200  C8C5D3D3 D640E6D6 D9D3C440 40404040  *HELLO WORLD     *",
            "000210  00000000 00000000 00000000 00000000  *................*",
        ]
    );
}

#[test]
fn display_l_starts_mid_line_on_a_word() {
    let b: Vec<u8> = (1..=12).collect();
    assert_eq!(
        dump(0x1008, &b, false),
        ["001008  01020304 05060708", "001010  090A0B0C"]
    );
}

#[test]
fn data_at_odd_addresses_keeps_word_columns() {
    let b = ebcdic::encode("HELLO").unwrap();
    assert_eq!(
        dump(0x2_0003, &b, true),
        [format!("020003  {:<35}  *HELLO*", "C8 C5D3D3D6")]
    );
}

#[test]
fn equal_lines_are_suppressed() {
    let b = vec![0u8; 0x100];
    assert_eq!(
        dump(0, &b, false),
        [
            "000000  00000000 00000000 00000000 00000000",
            "000010 TO 0000FF SUPPRESSED LINE(S) SAME AS ABOVE",
        ]
    );
    // One repeated line is shown, not suppressed.
    assert_eq!(dump(0, &[0u8; 32], false).len(), 2);
    let mut b = vec![0u8; 0x40];
    b[0x3F] = 1;
    let lines = dump(0, &b, false);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[1].starts_with("000010 TO 00002F"));
    assert!(lines[2].starts_with("000030  00000000 00000000 00000000 00000001"));
}

#[test]
fn time_as_cp_writes_it() {
    let t = Tod::from_civil(1981, 4, 1, 9, 0, 5);
    let mut s = String::new();
    cp_time_into(&mut s, t);
    assert_eq!(s, "09:00:05 GMT WEDNESDAY 04/01/81");
}

#[test]
fn caret_under_the_word_and_windowed() {
    let (l, c) = caret("VMCF SEND B PRIORTY", 12..19, 76);
    assert_eq!(l, "VMCF SEND B PRIORTY");
    assert_eq!(c, "            ^^^^^^^");
    let long = format!("SMSG B {}\u{7}", "x".repeat(200));
    let (l, c) = caret(&long, 207..208, 76);
    assert!(l.starts_with("...") && l.chars().count() <= 76, "{l}");
    assert_eq!(c.trim_start(), "^");
    assert_eq!(c.len() - 1, l.chars().count() - 1);
    let (_, c) = caret("LOGON", 5..5, 76);
    assert_eq!(c, "     ^");
}

#[test]
fn excerpt_and_caret_fit_any_width_and_point_at_the_span() {
    let line: String = (0..300)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    for width in [20, 37, 60, 76, 200] {
        for span in [
            0..0,
            0..5,
            40..45,
            100..250,
            150..151,
            295..300,
            300..300,
            0..300,
        ] {
            let (l, c) = caret(&line, span.clone(), width);
            assert!(l.chars().count() <= width, "{width} {span:?}: {l}");
            assert!(c.chars().count() <= width, "{width} {span:?}: {c}");
            let col = c.find('^').unwrap();
            // The first caret is under the span's first character (or just past the end).
            let under = l.chars().nth(col);
            let want = line[span.start..].chars().next();
            assert_eq!(under, want, "{width} {span:?}:\n{l}\n{c}");
        }
    }
    let (l, _) = caret("short line", 0..5, 20);
    assert_eq!(l, "short line", "nothing cut that fits");
}
