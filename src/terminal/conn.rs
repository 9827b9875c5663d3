//! One terminal connection as a state machine, bytes in and bytes out, no sockets: telnet
//! negotiation decides a 3270 (a [`Screen`]) or a line-mode terminal; then input becomes
//! [`Input`] events and output lines become the bytes that show them. The server moves the
//! bytes; everything a client can send is decoded here, so this is what the fuzz target runs.

use super::ds3270::{self, CodePage};
use super::screen::{Key, Screen, Status};
use super::telnet::{self, Decoder, Kind, Negotiator, Telnet};

/// How long the server waits for a terminal type before taking the client for a line-mode
/// one (a raw `nc` never answers).
pub const NEGOTIATION_TIMEOUT_MS: u64 = 1500;
/// The longest input line taken from a terminal. CP took 139 characters from a 3270's input
/// area; vmcfsim's VMCF lines can carry data, so more is allowed, but not without bound.
pub const INPUT_MAX: usize = 4096;
/// A line-mode line or a 3270 record this long without its end closes the connection.
pub(crate) const RECORD_MAX: usize = 65536;

/// What the terminal is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Telnet negotiation is not settled yet.
    Negotiating,
    /// A 3270 with its terminal type.
    Tn3270(String),
    /// A line-mode terminal (telnet or not).
    Line {
        /// The client spoke telnet.
        telnet: bool,
    },
}

/// What the client did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The terminal kind is settled: the server greets it now.
    Ready,
    /// A line typed (Enter).
    Line(String),
    /// A line longer than [`INPUT_MAX`], not taken.
    TooLong,
    /// PA1, or a telnet BREAK or Interrupt Process.
    Attention,
    /// The client broke the protocol beyond repair; the connection should end.
    Violation(&'static str),
}

/// One connection.
#[derive(Debug)]
pub struct Connection {
    decoder: Decoder,
    negotiator: Negotiator,
    mode: Mode,
    screen: Option<Screen>,
    /// Bytes to send.
    out: Vec<u8>,
    /// The 3270 record being received, or the line-mode line.
    record: Vec<u8>,
    /// Line mode: the last byte was CR (so a following LF or NUL is part of the line end).
    after_cr: bool,
    /// Line mode: the line being received is past INPUT_MAX.
    overlong: bool,
    /// Output lines that arrived before the kind was settled.
    early: Vec<String>,
    events: Vec<Telnet>,
    /// The server has drawn on the 3270 screen: until then nothing is written, so a key
    /// pressed before the logo arrives cannot be lost under it.
    drawn: bool,
}

impl Connection {
    /// A new connection; its first bytes (`IAC DO TERMINAL-TYPE`) are ready in
    /// [`Connection::take_output`].
    pub fn new() -> Connection {
        let mut out = Vec::new();
        let negotiator = Negotiator::start(&mut out);
        Connection {
            decoder: Decoder::new(),
            negotiator,
            mode: Mode::Negotiating,
            screen: None,
            out,
            record: Vec::new(),
            after_cr: false,
            overlong: false,
            early: Vec::new(),
            events: Vec::new(),
            drawn: false,
        }
    }

    /// What the terminal is.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Whether it is a 3270.
    pub fn is_3270(&self) -> bool {
        self.screen.is_some()
    }

    /// The 3270 screen, if it is one.
    pub fn screen(&self) -> Option<&Screen> {
        self.screen.as_ref()
    }

    /// The bytes to send now.
    pub fn take_output(&mut self) -> Vec<u8> {
        self.flush_screen();
        std::mem::take(&mut self.out)
    }

    /// Whether there are bytes to send.
    pub fn has_output(&self) -> bool {
        !self.out.is_empty()
    }

    /// The negotiation timed out: a line-mode terminal unless already settled.
    pub fn timeout(&mut self, inputs: &mut Vec<Input>) {
        self.negotiator.timeout();
        self.settle(inputs);
    }

    fn settle(&mut self, inputs: &mut Vec<Input>) {
        if self.mode != Mode::Negotiating {
            return;
        }
        match self.negotiator.kind() {
            Kind::Pending => return,
            Kind::Tn3270(t) => {
                let (rows, cols) = telnet::model_size(&t);
                self.screen = Some(Screen::new(rows, cols, CodePage::Bracket));
                self.mode = Mode::Tn3270(t);
            }
            Kind::Line { telnet } => self.mode = Mode::Line { telnet },
        }
        inputs.push(Input::Ready);
        for l in std::mem::take(&mut self.early) {
            self.show(&l, 0);
        }
    }

    /// Bytes from the client at `now` (ms); what they mean is appended to `inputs`.
    pub fn receive(&mut self, bytes: &[u8], now: u64, inputs: &mut Vec<Input>) {
        let mut events = std::mem::take(&mut self.events);
        events.clear();
        self.decoder.feed(bytes, &mut events);
        for e in &events {
            if self.mode == Mode::Negotiating {
                self.negotiator.event(e, &mut self.out);
                self.settle(inputs);
                // Data during negotiation: a line-mode client typed; an early 3270 record is
                // dropped, as Hercules does.
                if let (Telnet::Data(d), Mode::Line { .. }) = (e, &self.mode) {
                    self.line_data(d, inputs);
                }
                continue;
            }
            match e {
                Telnet::Option(..) | Telnet::Sub(..) => {
                    self.negotiator.event(e, &mut self.out);
                }
                Telnet::Command(telnet::code::IP | telnet::code::BRK) => {
                    inputs.push(Input::Attention)
                }
                Telnet::Command(_) => {}
                Telnet::Data(d) => {
                    if self.screen.is_some() {
                        if self.record.len() + d.len() > RECORD_MAX {
                            inputs.push(Input::Violation("3270 record too long"));
                            self.record.clear();
                            return;
                        }
                        self.record.extend_from_slice(d);
                    } else {
                        self.line_data(d, inputs);
                    }
                }
                Telnet::EndOfRecord => {
                    let record = std::mem::take(&mut self.record);
                    self.inbound(&record, now, inputs);
                    self.record = record;
                    self.record.clear();
                }
            }
            if inputs.iter().any(|i| matches!(i, Input::Violation(_))) {
                break;
            }
        }
        self.events = events;
    }

    fn inbound(&mut self, record: &[u8], now: u64, inputs: &mut Vec<Input>) {
        let Some(screen) = self.screen.as_mut() else {
            return;
        };
        let (rows, cols) = screen.size();
        let Some(inb) = ds3270::decode_inbound(record, rows * cols) else {
            return;
        };
        match screen.key(&inb, now) {
            Key::Line(text) if text.len() > INPUT_MAX => inputs.push(Input::TooLong),
            Key::Line(text) => {
                if !text.is_empty() && !screen.is_hidden() {
                    // CP echoes the input line into the output area.
                    screen.put_line(&text, now);
                }
                inputs.push(Input::Line(text));
            }
            Key::Attention => inputs.push(Input::Attention),
            Key::None => {}
        }
    }

    fn line_data(&mut self, data: &[u8], inputs: &mut Vec<Input>) {
        for &b in data {
            let after_cr = std::mem::replace(&mut self.after_cr, false);
            match b {
                b'\n' | 0 if after_cr => {}
                b'\r' | b'\n' => {
                    self.after_cr = b == b'\r';
                    let line = std::mem::take(&mut self.record);
                    if std::mem::replace(&mut self.overlong, false) {
                        inputs.push(Input::TooLong);
                    } else {
                        inputs.push(Input::Line(String::from_utf8_lossy(&line).into_owned()));
                    }
                    self.record = line;
                    self.record.clear();
                }
                // Backspace and DEL rub out, for clients that send them raw.
                0x08 | 0x7F => {
                    self.record.pop();
                }
                0 => {}
                _ if self.record.len() >= INPUT_MAX => self.overlong = true,
                _ => self.record.push(b),
            }
        }
    }

    /// An output line (no line end) at `now` (ms).
    pub fn show(&mut self, text: &str, now: u64) {
        match &self.mode {
            Mode::Negotiating => {
                if self.early.len() < 1024 {
                    self.early.push(text.to_string());
                }
            }
            Mode::Tn3270(_) => {
                if let Some(s) = self.screen.as_mut() {
                    s.put_line(text, now);
                    self.drawn = true;
                }
            }
            Mode::Line { .. } => {
                // Control characters other than tab never reach a line-mode client.
                if !text.chars().any(|c| c != '\t' && c.is_control()) {
                    self.out.extend_from_slice(text.as_bytes());
                    self.out.extend_from_slice(b"\r\n");
                    return;
                }
                for c in text.chars() {
                    if c == '\t' || !c.is_control() {
                        let mut b = [0u8; 4];
                        self.out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
                    } else {
                        self.out.push(b'?');
                    }
                }
                self.out.extend_from_slice(b"\r\n");
            }
        }
    }

    /// Blanks the output area (3270) before the logo.
    pub fn clear(&mut self) {
        if let Some(s) = self.screen.as_mut() {
            s.clear_output();
            self.drawn = true;
        }
    }

    /// What is typed next is hidden (a password): a non-display field on a 3270, no echo for a
    /// telnet line-mode client.
    pub fn hide_input(&mut self, hide: bool) {
        match self.screen.as_mut() {
            Some(s) => s.set_hidden(hide),
            None => self.negotiator.hide_input(hide, &mut self.out),
        }
    }

    /// The status area's word when nothing is held.
    pub fn set_status(&mut self, status: Status) {
        if let Some(s) = self.screen.as_mut() {
            s.set_base(status);
        }
    }

    /// The MORE... clock; returns when to call again.
    pub fn tick(&mut self, now: u64) -> Option<u64> {
        self.screen.as_mut().and_then(|s| s.tick(now))
    }

    fn flush_screen(&mut self) {
        if !self.drawn {
            return;
        }
        if let Some(s) = self.screen.as_mut() {
            let mut record = Vec::new();
            s.write(&mut record);
            if !record.is_empty() {
                telnet::escape_into(&mut self.out, &record);
                self.out
                    .extend_from_slice(&[telnet::code::IAC, telnet::code::EOR]);
            }
        }
    }
}

impl Default for Connection {
    fn default() -> Self {
        Connection::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::telnet::code::*;

    #[test]
    fn nc_is_line_mode_at_its_first_line() {
        let mut c = Connection::new();
        assert_eq!(c.take_output(), [IAC, DO, TTYPE]);
        let mut inputs = Vec::new();
        c.receive(b"logon a\r\nq names\n", 0, &mut inputs);
        assert_eq!(
            inputs,
            vec![
                Input::Ready,
                Input::Line("logon a".into()),
                Input::Line("q names".into())
            ]
        );
        c.show("A - L001", 0);
        assert_eq!(c.take_output(), b"A - L001\r\n");
    }

    #[test]
    fn a_3270_gets_a_screen_and_sends_lines() {
        let mut c = Connection::new();
        c.take_output();
        let mut inputs = Vec::new();
        let mut hello = vec![IAC, WILL, TTYPE, IAC, SB, TTYPE, IS];
        hello.extend_from_slice(b"IBM-3279-2-E");
        hello.extend_from_slice(&[IAC, SE, IAC, DO, OPT_EOR, IAC, WILL, OPT_EOR]);
        hello.extend_from_slice(&[IAC, DO, BINARY, IAC, WILL, BINARY]);
        c.receive(&hello, 0, &mut inputs);
        assert_eq!(inputs, vec![Input::Ready]);
        assert!(c.is_3270());
        c.show("VM/370 ONLINE", 0);
        let out = c.take_output();
        assert!(out.ends_with(&[IAC, EOR]));
        inputs.clear();
        // Enter with "Q N" in EBCDIC, framed.
        c.receive(
            &[
                0x7D, 0x5B, 0x63, 0x11, 0x5B, 0x60, 0xD8, 0x40, 0xD5, IAC, EOR,
            ],
            0,
            &mut inputs,
        );
        assert_eq!(inputs, vec![Input::Line("Q N".into())]);
    }

    #[test]
    fn an_endless_line_is_refused_and_an_endless_record_is_a_violation() {
        let mut c = Connection::new();
        let mut inputs = Vec::new();
        c.timeout(&mut inputs);
        c.receive(&vec![b'x'; INPUT_MAX + 10], 0, &mut inputs);
        c.receive(b"\r\n", 0, &mut inputs);
        assert_eq!(inputs, vec![Input::Ready, Input::TooLong]);
    }
}
