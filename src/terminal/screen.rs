//! CP's 3270 screen as a model: the output area (every row but the last two), the input area
//! (the last two rows less the status area; non-display while a password is typed), and the
//! status area at the lower right (`CP READ`, `RUNNING`, `MORE...`, `HOLDING`, `NOT
//! ACCEPTED`). Output lines go to the next free row; when the area is full, later lines wait
//! and the status says `MORE...` until Clear or PA2, or [`MORE_TIMEOUT_MS`]. Only the rows and
//! fields that changed are written, with a Write that leaves the input field alone, so output
//! arriving while the user types never disturbs what is typed. Pure: the caller gives the time.

use super::ds3270::{self, CodePage, Writer, attr, wcc};
use std::collections::VecDeque;

/// How long `MORE...` holds a full screen before CP clears it and goes on by itself: one
/// minute, as the VM/370 CP this simulates (z/VM's TERMINAL MORE default is 50 seconds).
pub(crate) const MORE_TIMEOUT_MS: u64 = 60_000;
/// Lines held behind a full screen; beyond this the oldest waiting ones are dropped (a VM that
/// writes without end cannot fill the server's memory), and a line says how many.
pub(crate) const WAITING_MAX: usize = 1000;
/// Width of the status area, after its attribute byte.
const STATUS_WIDTH: usize = 20;

/// The status area's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// CP waits for a command.
    CpRead,
    /// The virtual machine waits for console input (no simulated guest reads it).
    VmRead,
    /// The virtual machine runs (here: enabled for interrupts).
    Running,
    /// The output area is full; more lines wait.
    More,
    /// Held: Enter with nothing typed during MORE...; Clear or PA2 releases it.
    Holding,
    /// The last key was not taken.
    NotAccepted,
}

impl Status {
    /// The words, as the status area shows them.
    pub fn text(self) -> &'static str {
        match self {
            Status::CpRead => "CP READ",
            Status::VmRead => "VM READ",
            Status::Running => "RUNNING",
            Status::More => "MORE...",
            Status::Holding => "HOLDING",
            Status::NotAccepted => "NOT ACCEPTED",
        }
    }
}

/// What a key press asks of the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// Enter with this text in the input field (possibly empty).
    Line(String),
    /// PA1: attention.
    Attention,
    /// Nothing for the server (Clear, PA2, a refused key): the screen handled it.
    None,
}

/// One 3270 screen.
#[derive(Debug)]
pub struct Screen {
    rows: usize,
    cols: usize,
    alternate: bool,
    /// The code page the client is taken to use.
    pub code_page: CodePage,
    /// The output area's rows shown so far, top first.
    output: Vec<String>,
    /// Lines waiting behind `MORE...`.
    waiting: VecDeque<String>,
    dropped: usize,
    /// The status when nothing is held (`CP READ` or `RUNNING`).
    base: Status,
    /// `MORE...`, `HOLDING` or `NOT ACCEPTED`, over the base.
    held: Option<Status>,
    more_since: Option<u64>,
    hidden: bool,
    // What the next write must send.
    redraw: bool,
    first_dirty: Option<usize>,
    status_dirty: bool,
    attr_dirty: bool,
    reset_input: bool,
}

impl Screen {
    /// A screen of `rows` x `cols` (24x80 is a model 2).
    pub fn new(rows: usize, cols: usize, code_page: CodePage) -> Screen {
        let rows = rows.clamp(4, 43);
        let cols = cols.clamp(40, 132);
        Screen {
            rows,
            cols,
            alternate: (rows, cols) != (24, 80),
            code_page,
            output: Vec::new(),
            waiting: VecDeque::new(),
            dropped: 0,
            base: Status::CpRead,
            held: None,
            more_since: None,
            hidden: false,
            redraw: true,
            first_dirty: None,
            status_dirty: true,
            attr_dirty: true,
            reset_input: true,
        }
    }

    /// Rows x columns.
    pub fn size(&self) -> (usize, usize) {
        (self.rows, self.cols)
    }

    fn output_rows(&self) -> usize {
        self.rows - 2
    }

    /// Characters a row of the output area holds (the last cell of the last output row holds
    /// the input field's attribute, so every row is cut one short: lines wrap alike).
    fn width(&self) -> usize {
        self.cols - 1
    }

    fn input_attr(&self) -> usize {
        (self.rows - 2) * self.cols - 1
    }

    fn input_start(&self) -> usize {
        (self.rows - 2) * self.cols
    }

    fn status_attr(&self) -> usize {
        (self.rows - 1) * self.cols + self.cols - STATUS_WIDTH - 1
    }

    /// The status shown now.
    pub fn status(&self) -> Status {
        self.held.unwrap_or(self.base)
    }

    /// The status when nothing is held.
    pub fn set_base(&mut self, s: Status) {
        if self.base != s {
            self.base = s;
            self.status_dirty = true;
        }
    }

    /// The input field hides what is typed (a password) or shows it.
    pub fn set_hidden(&mut self, hidden: bool) {
        if self.hidden != hidden {
            self.hidden = hidden;
            self.attr_dirty = true;
        }
    }

    /// Whether the input field hides what is typed.
    pub fn is_hidden(&self) -> bool {
        self.hidden
    }

    /// Blanks the output area (the logo, a LOGOFF).
    pub fn clear_output(&mut self) {
        self.output.clear();
        self.waiting.clear();
        self.more_since = None;
        if matches!(self.held, Some(Status::More | Status::Holding)) {
            self.held = None;
            self.status_dirty = true;
        }
        self.mark(0);
    }

    fn mark(&mut self, row: usize) {
        self.first_dirty = Some(self.first_dirty.map_or(row, |r| r.min(row)));
    }

    /// An output line at `now` (milliseconds, any origin): shown on the next free row, or
    /// held behind `MORE...`. A line wider than the screen wraps.
    pub fn put_line(&mut self, text: &str, now: u64) {
        let width = self.width();
        let chars: Vec<char> = text.chars().collect();
        if chars.is_empty() {
            self.put_row(String::new(), now);
        }
        for chunk in chars.chunks(width) {
            self.put_row(chunk.iter().collect(), now);
        }
    }

    fn put_row(&mut self, row: String, now: u64) {
        if self.waiting.is_empty() && self.output.len() < self.output_rows() {
            self.output.push(row);
            self.mark(self.output.len() - 1);
            return;
        }
        if self.waiting.len() == WAITING_MAX {
            self.waiting.pop_front();
            self.dropped += 1;
        }
        self.waiting.push_back(row);
        if self.held != Some(Status::Holding) && self.held != Some(Status::More) {
            self.held = Some(Status::More);
            self.status_dirty = true;
        }
        self.more_since.get_or_insert(now);
    }

    /// Lines waiting behind `MORE...`.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// The next page: the output area cleared and filled from what waits.
    fn page(&mut self, now: u64) {
        self.output.clear();
        self.mark(0);
        if self.dropped > 0 {
            let n = std::mem::take(&mut self.dropped);
            self.output.push(format!(
                "({n} LINES NOT SHOWN: THE SCREEN WAS HELD TOO LONG)"
            ));
        }
        while self.output.len() < self.output_rows() {
            match self.waiting.pop_front() {
                Some(r) => self.output.push(r),
                None => break,
            }
        }
        self.held = if self.waiting.is_empty() {
            self.more_since = None;
            None
        } else {
            self.more_since = Some(now);
            Some(Status::More)
        };
        self.status_dirty = true;
    }

    /// The MORE... timeout: pages on when it has run out. Returns when to call again.
    pub fn tick(&mut self, now: u64) -> Option<u64> {
        if self.held == Some(Status::More)
            && let Some(since) = self.more_since
        {
            if now.saturating_sub(since) >= MORE_TIMEOUT_MS {
                self.page(now);
            }
            return self.more_since.map(|s| s + MORE_TIMEOUT_MS);
        }
        None
    }

    /// An inbound record (AID and fields). The keyboard is restored and the input field cleared
    /// after every key, whatever it was.
    pub fn key(&mut self, inbound: &ds3270::Inbound, now: u64) -> Key {
        use ds3270::Aid;
        self.reset_input = true;
        let was_refused = self.held == Some(Status::NotAccepted);
        if was_refused {
            self.held = None;
            self.status_dirty = true;
        }
        match inbound.aid {
            Aid::Clear => {
                // The client blanked its screen itself: draw it all again.
                self.redraw = true;
                self.release(now);
                Key::None
            }
            Aid::Pa(2) => {
                self.release(now);
                Key::None
            }
            Aid::Pa(1) => Key::Attention,
            Aid::Enter => {
                let start = self.input_start();
                let end = self.status_attr();
                let mut text = String::new();
                for f in &inbound.fields {
                    if (start..end).contains(&f.address) {
                        self.code_page = self.code_page.detect(&f.data);
                        text.push_str(&self.code_page.decode(&f.data));
                    }
                }
                let text = text.trim_end().to_string();
                if text.is_empty() && self.held == Some(Status::More) {
                    self.held = Some(Status::Holding);
                    self.more_since = None;
                    self.status_dirty = true;
                    return Key::None;
                }
                Key::Line(text)
            }
            _ => {
                self.held = Some(Status::NotAccepted);
                self.status_dirty = true;
                Key::None
            }
        }
    }

    /// Clear or PA2: the held screen goes on to the next page, or the output area is cleared.
    fn release(&mut self, now: u64) {
        if self.waiting.is_empty() {
            self.output.clear();
            self.mark(0);
            if matches!(self.held, Some(Status::More | Status::Holding)) {
                self.held = None;
                self.status_dirty = true;
            }
            self.more_since = None;
        } else {
            self.page(now);
        }
    }

    /// Writes what changed as one 3270 record (unframed) into `out`; nothing if nothing did.
    pub fn write(&mut self, out: &mut Vec<u8>) {
        let cp = self.code_page;
        let out_rows = self.output_rows();
        if self.redraw {
            let command = if self.alternate {
                ds3270::ERASE_WRITE_ALTERNATE
            } else {
                ds3270::ERASE_WRITE
            };
            let mut w = Writer::new(command, wcc::RESTORE_RESET_MDT);
            for (r, row) in self.output.iter().enumerate().take(out_rows) {
                if !row.is_empty() {
                    w.sba(r * self.cols).text(cp, row, row.chars().count());
                }
            }
            self.fields(&mut w, true);
            out.extend_from_slice(&w.bytes);
        } else if self.first_dirty.is_some()
            || self.status_dirty
            || self.attr_dirty
            || self.reset_input
        {
            let code = if self.reset_input {
                wcc::RESTORE_RESET_MDT
            } else {
                wcc::RESTORE
            };
            let mut w = Writer::new(ds3270::WRITE, code);
            if let Some(first) = self.first_dirty {
                for r in first..out_rows {
                    let row = self.output.get(r).map_or("", String::as_str);
                    w.sba(r * self.cols).text(cp, row, self.width());
                }
            }
            self.fields(&mut w, false);
            out.extend_from_slice(&w.bytes);
        }
        self.redraw = false;
        self.first_dirty = None;
        self.status_dirty = false;
        self.attr_dirty = false;
        self.reset_input = false;
    }

    fn fields(&self, w: &mut Writer, all: bool) {
        let cp = self.code_page;
        if all || self.attr_dirty {
            let a = if self.hidden {
                attr::INPUT_HIDDEN
            } else {
                attr::INPUT
            };
            w.sba(self.input_attr()).sf(a);
        }
        if all {
            w.sba(self.status_attr()).sf(attr::PROTECTED);
        }
        if all || self.status_dirty {
            w.sba(self.status_attr() + 1)
                .text(cp, self.status().text(), STATUS_WIDTH);
        }
        if all || self.reset_input {
            let start = self.input_start();
            if !all {
                w.sba(start).ra(self.status_attr(), 0x00);
            }
            w.sba(start).ic();
        }
    }

    /// The screen as text, a row a line (the output area, then the input and status rows with
    /// the status at its place): what a client shows after this model's writes, for tests.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for r in 0..self.output_rows() {
            s.push_str(self.output.get(r).map_or("", String::as_str));
            s.push('\n');
        }
        s.push('\n');
        let pad = self.cols - STATUS_WIDTH;
        s.push_str(&format!("{:pad$}{}\n", "", self.status().text()));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::ds3270::{Aid, Inbound, decode_address};

    fn enter(text: &[u8]) -> Inbound {
        Inbound {
            aid: Aid::Enter,
            cursor: Some(1760),
            fields: vec![ds3270::Field {
                address: 1760,
                data: text.to_vec(),
            }],
        }
    }

    fn key(aid: Aid) -> Inbound {
        Inbound {
            aid,
            cursor: None,
            fields: vec![],
        }
    }

    #[test]
    fn first_write_is_an_erase_write_with_fields_and_the_cursor_in_the_input() {
        let mut s = Screen::new(24, 80, CodePage::Cp037);
        s.put_line("VM/370 ONLINE", 0);
        let mut out = Vec::new();
        s.write(&mut out);
        assert_eq!(&out[..2], &[ds3270::ERASE_WRITE, wcc::RESTORE_RESET_MDT]);
        // Input attribute at row 21 col 79, status attribute at row 23 col 59.
        let find = |seq: &[u8]| out.windows(seq.len()).any(|w| w == seq);
        assert!(find(&[0x11, 0x5B, 0x5F, 0x1D, attr::INPUT]));
        assert!(find(&[0x11, 0x5D, 0x6B, 0x1D, attr::PROTECTED]));
        assert!(find(&[0x11, 0x5B, 0x60, 0x13]), "IC at the input field");
        assert!(s.text().contains("VM/370 ONLINE"));
        assert!(s.text().contains("CP READ"));
        // Nothing changed: nothing written.
        out.clear();
        s.write(&mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn output_while_typing_leaves_the_input_field_alone() {
        let mut s = Screen::new(24, 80, CodePage::Cp037);
        s.write(&mut Vec::new());
        s.put_line("09:00:01 MSG FROM B: HI", 0);
        let mut out = Vec::new();
        s.write(&mut out);
        assert_eq!(&out[..2], &[ds3270::WRITE, wcc::RESTORE]);
        // No order addresses the input field's attribute or contents.
        let mut i = 2;
        while i + 2 < out.len() {
            if out[i] == ds3270::SBA {
                let a = decode_address([out[i + 1], out[i + 2]]);
                assert!(
                    !(1759..=1898).contains(&a),
                    "write touched the input field at {a}"
                );
                i += 3;
            } else {
                i += 1;
            }
        }
    }

    #[test]
    fn more_holding_and_clear() {
        let mut s = Screen::new(24, 80, CodePage::Cp037);
        for i in 0..30 {
            s.put_line(&format!("LINE {i}"), 1000);
        }
        assert_eq!(s.status(), Status::More);
        assert_eq!(s.waiting(), 8);
        // Enter with nothing typed holds the screen: no timeout then.
        assert_eq!(s.key(&enter(b""), 2000), Key::None);
        assert_eq!(s.status(), Status::Holding);
        assert_eq!(s.tick(10_000_000), None);
        assert_eq!(s.status(), Status::Holding);
        s.key(&key(Aid::Clear), 3000);
        assert_eq!(s.status(), Status::CpRead);
        assert!(s.text().starts_with("LINE 22\n"));
        // MORE... pages on by itself after the timeout.
        for i in 0..30 {
            s.put_line(&format!("NEXT {i}"), 5000);
        }
        assert_eq!(
            s.tick(5000 + MORE_TIMEOUT_MS - 1),
            Some(5000 + MORE_TIMEOUT_MS)
        );
        s.tick(5000 + MORE_TIMEOUT_MS);
        assert!(s.text().starts_with("NEXT 14\n"), "{}", s.text());
        assert_eq!(s.status(), Status::CpRead);
    }

    #[test]
    fn keys_restore_the_keyboard_and_refuse_what_has_no_meaning() {
        let mut s = Screen::new(24, 80, CodePage::Bracket);
        s.write(&mut Vec::new());
        assert_eq!(
            s.key(&enter(&[0x94, 0xA2, 0x87, 0x40, 0xAD, 0xBD, 0x40]), 0),
            Key::Line("msg []".into())
        );
        let mut out = Vec::new();
        s.write(&mut out);
        assert_eq!(&out[..2], &[ds3270::WRITE, wcc::RESTORE_RESET_MDT]);
        assert!(out.ends_with(&[0x11, 0x5B, 0x60, 0x13]));
        assert_eq!(s.key(&key(Aid::Pf(7)), 0), Key::None);
        assert_eq!(s.status(), Status::NotAccepted);
        assert_eq!(s.key(&key(Aid::Pa(1)), 0), Key::Attention);
        assert_eq!(s.status(), Status::CpRead);
    }

    #[test]
    fn a_model_4_uses_erase_write_alternate_and_wraps_long_lines() {
        let mut s = Screen::new(43, 80, CodePage::Cp037);
        s.put_line(&"X".repeat(100), 0);
        let mut out = Vec::new();
        s.write(&mut out);
        assert_eq!(out[0], ds3270::ERASE_WRITE_ALTERNATE);
        assert!(
            s.text()
                .starts_with(&format!("{}\n{}\n", "X".repeat(79), "X".repeat(21)))
        );
    }

    #[test]
    fn a_hidden_field_is_non_display() {
        let mut s = Screen::new(24, 80, CodePage::Cp037);
        s.write(&mut Vec::new());
        s.set_hidden(true);
        let mut out = Vec::new();
        s.write(&mut out);
        assert!(
            out.windows(5)
                .any(|w| w == [0x11, 0x5B, 0x5F, 0x1D, attr::INPUT_HIDDEN])
        );
    }
}
