//! Telnet (RFC 854) as the server side of TN3270 needs it: a byte decoder that separates data
//! from commands, and a negotiator that asks the client for its terminal type and decides
//! between a 3270 and a line-mode terminal, the way Hercules' console does.
//!
//! Hand-written rather than a crate: the subset is small (IAC, the four option verbs, one
//! subnegotiation, EOR), it must be binary-safe for 3270 records, and the crates looked at
//! (libtelnet-rs and its fork libmudtelnet-rs) are built around a MUD client's option table.
//! No I/O: bytes in, events out.

/// Telnet commands and options used here.
pub mod code {
    /// Interpret As Command: every command starts with it.
    pub const IAC: u8 = 0xFF;
    /// Refuse, or ask the other side to stop, an option.
    pub const DONT: u8 = 0xFE;
    /// Ask the other side to use an option, or agree to it.
    pub const DO: u8 = 0xFD;
    /// Refuse, or stop using, an option.
    pub const WONT: u8 = 0xFC;
    /// Offer an option, or agree to use it.
    pub const WILL: u8 = 0xFB;
    /// Start of a subnegotiation.
    pub const SB: u8 = 0xFA;
    /// End of a subnegotiation.
    pub const SE: u8 = 0xF0;
    /// End of record: ends each 3270 record.
    pub const EOR: u8 = 0xEF;
    /// No operation.
    pub const NOP: u8 = 0xF1;
    /// Break.
    pub const BRK: u8 = 0xF3;
    /// Interrupt process.
    pub const IP: u8 = 0xF4;
    /// Abort output.
    pub const AO: u8 = 0xF5;
    /// Are you there.
    pub const AYT: u8 = 0xF6;
    /// Erase character.
    pub const EC: u8 = 0xF7;
    /// Erase line.
    pub const EL: u8 = 0xF8;
    /// Go ahead.
    pub const GA: u8 = 0xF9;
    /// BINARY option (RFC 856).
    pub const BINARY: u8 = 0;
    /// ECHO option (RFC 857).
    pub const ECHO: u8 = 1;
    /// TERMINAL-TYPE option (RFC 1091).
    pub const TTYPE: u8 = 24;
    /// END-OF-RECORD option (RFC 885).
    pub const OPT_EOR: u8 = 25;
    /// TN3270E option (RFC 2355), always refused.
    pub const TN3270E: u8 = 40;
    /// TERMINAL-TYPE IS: the client gives its type.
    pub const IS: u8 = 0;
    /// TERMINAL-TYPE SEND: the server asks for the type.
    pub const SEND: u8 = 1;
}
use code::*;

/// The longest subnegotiation kept (a terminal type is at most 40 characters, RFC 1091).
const SB_MAX: usize = 256;

/// What the decoder found in the byte stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Telnet {
    /// A run of data bytes (IAC IAC already undoubled).
    Data(Vec<u8>),
    /// `IAC verb option`, verb one of DO, DONT, WILL, WONT.
    Option(u8, u8),
    /// `IAC SB option ... IAC SE`, the bytes between option and IAC SE (cut at 256).
    Sub(u8, Vec<u8>),
    /// `IAC EOR`: the end of a 3270 record.
    EndOfRecord,
    /// Any other two-byte command (IP, BRK, AYT, EC, EL, NOP, GA...).
    Command(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Data,
    Iac,
    Verb(u8),
    SbOption,
    Sb,
    SbIac,
}

/// The stream decoder. Keeps its state between reads, so a command split across reads is
/// decoded whole.
#[derive(Debug, Default)]
pub(crate) struct Decoder {
    state: State,
    sb_option: u8,
    sb: Vec<u8>,
}

impl Decoder {
    /// A decoder at the start of a stream.
    pub(crate) fn new() -> Decoder {
        Decoder::default()
    }

    /// Decodes `bytes`, appending what they hold to `out` (data runs coalesced).
    pub(crate) fn feed(&mut self, bytes: &[u8], out: &mut Vec<Telnet>) {
        let mut data: Vec<u8> = Vec::new();
        let flush = |data: &mut Vec<u8>, out: &mut Vec<Telnet>| {
            if !data.is_empty() {
                out.push(Telnet::Data(std::mem::take(data)));
            }
        };
        for &b in bytes {
            self.state = match self.state {
                State::Data if b == IAC => State::Iac,
                State::Data => {
                    data.push(b);
                    State::Data
                }
                State::Iac => match b {
                    IAC => {
                        data.push(IAC);
                        State::Data
                    }
                    DO | DONT | WILL | WONT => State::Verb(b),
                    SB => State::SbOption,
                    EOR => {
                        flush(&mut data, out);
                        out.push(Telnet::EndOfRecord);
                        State::Data
                    }
                    // A stray SE outside a subnegotiation is ignored.
                    SE => State::Data,
                    _ => {
                        flush(&mut data, out);
                        out.push(Telnet::Command(b));
                        State::Data
                    }
                },
                State::Verb(v) => {
                    flush(&mut data, out);
                    out.push(Telnet::Option(v, b));
                    State::Data
                }
                State::SbOption => {
                    self.sb_option = b;
                    self.sb.clear();
                    State::Sb
                }
                State::Sb if b == IAC => State::SbIac,
                State::Sb => {
                    if self.sb.len() < SB_MAX {
                        self.sb.push(b);
                    }
                    State::Sb
                }
                State::SbIac => match b {
                    SE => {
                        flush(&mut data, out);
                        out.push(Telnet::Sub(self.sb_option, std::mem::take(&mut self.sb)));
                        State::Data
                    }
                    IAC => {
                        if self.sb.len() < SB_MAX {
                            self.sb.push(IAC);
                        }
                        State::Sb
                    }
                    // RFC 854 leaves IAC + other inside SB undefined: end the subnegotiation
                    // there and read the byte as a command, as libtelnet does.
                    _ => {
                        flush(&mut data, out);
                        out.push(Telnet::Sub(self.sb_option, std::mem::take(&mut self.sb)));
                        self.state = State::Iac;
                        let mut rest = Vec::new();
                        self.feed(&[b], &mut rest);
                        out.extend(rest);
                        continue;
                    }
                },
            };
        }
        flush(&mut data, out);
    }
}

/// Appends `bytes` to `out` with every IAC doubled (3270 records and line-mode text alike).
pub(crate) fn escape_into(out: &mut Vec<u8>, bytes: &[u8]) {
    for &b in bytes {
        out.push(b);
        if b == IAC {
            out.push(IAC);
        }
    }
}

/// What the negotiation settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Not settled yet.
    Pending,
    /// A 3270 of this terminal type (`IBM-3278-2`): BINARY and EOR agreed both ways.
    Tn3270(String),
    /// Anything else: a line-mode terminal. `telnet` is whether the client speaks telnet at all
    /// (so the server may use WILL ECHO to hide a password).
    Line {
        /// The client sent telnet commands.
        telnet: bool,
    },
}

/// The server side of option negotiation. Policy (after Hercules' console.c): ask `DO TTYPE`;
/// an `IBM-` terminal type gets WILL/DO BINARY and WILL/DO EOR and becomes a 3270 once the
/// client agrees to all four; any other type, a refusal of TTYPE or of any of the four, or
/// data before the type arrives makes a line-mode terminal. TN3270E and every other option
/// the client offers or asks for is refused once (WONT/DONT).
#[derive(Debug, Default)]
pub(crate) struct Negotiator {
    kind: Option<Kind>,
    spoke_telnet: bool,
    ttype: Option<String>,
    /// The four 3270 agreements: client WILL BINARY, DO BINARY, WILL EOR, DO EOR.
    agreed: [bool; 4],
    /// Options already refused, so a repeated request gets no second answer loop.
    refused: Vec<(u8, u8)>,
    /// The server has said WILL ECHO.
    echo: bool,
}

impl Negotiator {
    /// The first bytes the server sends: `IAC DO TERMINAL-TYPE`.
    pub(crate) fn start(out: &mut Vec<u8>) -> Negotiator {
        out.extend_from_slice(&[IAC, DO, TTYPE]);
        Negotiator::default()
    }

    /// The settled kind, or `Kind::Pending`.
    pub(crate) fn kind(&self) -> Kind {
        self.kind.clone().unwrap_or(Kind::Pending)
    }

    /// No answer in time: a line-mode terminal (a raw `nc`, say).
    pub(crate) fn timeout(&mut self) {
        if self.kind.is_none() {
            self.kind = Some(Kind::Line {
                telnet: self.spoke_telnet,
            });
        }
    }

    /// Data arrived: before the terminal type is known, the client is a line-mode one.
    pub(crate) fn data(&mut self) {
        if self.kind.is_none() && self.ttype.is_none() {
            self.timeout();
        }
    }

    /// A command or subnegotiation from the client; replies are appended to `out`.
    pub(crate) fn event(&mut self, e: &Telnet, out: &mut Vec<u8>) {
        match e {
            Telnet::Option(verb, opt) => {
                self.spoke_telnet = true;
                self.option(*verb, *opt, out);
            }
            Telnet::Sub(TTYPE, body) => {
                self.spoke_telnet = true;
                if body.first() != Some(&IS) || self.ttype.is_some() {
                    return;
                }
                let name: String = body[1..]
                    .iter()
                    .map(|&b| if b.is_ascii_graphic() { b as char } else { '?' })
                    .collect();
                let is_3270 = name.len() > 4 && name[..4].eq_ignore_ascii_case("IBM-");
                self.ttype = Some(name);
                if self.kind.is_some() {
                    return;
                }
                if is_3270 {
                    out.extend_from_slice(&[IAC, WILL, OPT_EOR, IAC, DO, OPT_EOR]);
                    out.extend_from_slice(&[IAC, WILL, BINARY, IAC, DO, BINARY]);
                } else {
                    self.kind = Some(Kind::Line { telnet: true });
                }
            }
            Telnet::Sub(..) | Telnet::Command(_) | Telnet::EndOfRecord => {
                self.spoke_telnet = true;
            }
            Telnet::Data(_) => self.data(),
        }
    }

    fn option(&mut self, verb: u8, opt: u8, out: &mut Vec<u8>) {
        let slot = match (verb, opt) {
            (WILL | WONT, BINARY) => Some(0),
            (DO | DONT, BINARY) => Some(1),
            (WILL | WONT, OPT_EOR) => Some(2),
            (DO | DONT, OPT_EOR) => Some(3),
            _ => None,
        };
        let asked_3270 = self.ttype.is_some() && self.kind.is_none();
        match (verb, opt) {
            (WILL, TTYPE) if self.ttype.is_none() => {
                out.extend_from_slice(&[IAC, SB, TTYPE, SEND, IAC, SE]);
            }
            (WILL, TTYPE) => {}
            (WONT, TTYPE) => self.timeout(),
            _ if asked_3270 && slot.is_some() => {
                let i = slot.unwrap_or(0);
                if matches!(verb, WILL | DO) {
                    self.agreed[i] = true;
                    if self.agreed.iter().all(|&a| a) {
                        let t = self.ttype.clone().unwrap_or_default();
                        self.kind = Some(Kind::Tn3270(t));
                    }
                } else {
                    // A refusal of BINARY or EOR: no 3270 without them.
                    self.kind = Some(Kind::Line { telnet: true });
                }
            }
            // Acknowledgements of what we asked for, and refusals, need no answer.
            (WONT | DONT, _) => {}
            (WILL | DO, BINARY | OPT_EOR) if self.agreed.iter().any(|&a| a) => {}
            // The answer to our WILL ECHO (hiding a password in line mode).
            (DO, ECHO) if self.echo => {}
            (WILL | DO, _) if !self.refused.contains(&(verb, opt)) => {
                if self.refused.len() < 64 {
                    self.refused.push((verb, opt));
                }
                let answer = if verb == WILL { DONT } else { WONT };
                out.extend_from_slice(&[IAC, answer, opt]);
            }
            _ => {}
        }
    }

    /// Line mode: `IAC WILL ECHO` makes a telnet client stop echoing what is typed (the
    /// server echoes nothing, so a password stays hidden); `IAC WONT ECHO` gives the echo back.
    /// Nothing is sent to a client that never spoke telnet.
    pub(crate) fn hide_input(&mut self, hide: bool, out: &mut Vec<u8>) {
        if self.spoke_telnet && hide != self.echo {
            self.echo = hide;
            out.extend_from_slice(&[IAC, if hide { WILL } else { WONT }, ECHO]);
        }
    }
}

/// The screen size of a 3270 terminal type: `-2` 24x80, `-3` 32x80, `-4` 43x80, `-5` 27x132
/// (the model digit after the device type, `IBM-3278-4-E`, `IBM-3279-2@LU`); anything else,
/// `IBM-DYNAMIC` for one, is a model 2.
pub(crate) fn model_size(ttype: &str) -> (usize, usize) {
    let base = ttype.split('@').next().unwrap_or("");
    let model = base.split('-').nth(2).and_then(|m| m.chars().next());
    match model {
        Some('3') => (32, 80),
        Some('4') => (43, 80),
        Some('5') => (27, 132),
        _ => (24, 80),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Vec<Telnet> {
        let mut d = Decoder::new();
        let mut out = Vec::new();
        // Byte by byte, so every state is crossed at a read boundary.
        for b in bytes {
            d.feed(std::slice::from_ref(b), &mut out);
        }
        // Coalesce the data runs as a single read would.
        let mut merged: Vec<Telnet> = Vec::new();
        for e in out {
            match (merged.last_mut(), e) {
                (Some(Telnet::Data(a)), Telnet::Data(b)) => a.extend(b),
                (_, e) => merged.push(e),
            }
        }
        merged
    }

    #[test]
    fn decoder_separates_data_commands_and_records() {
        let got = decode(&[
            b'h', IAC, IAC, b'i', IAC, WILL, TTYPE, IAC, SB, TTYPE, IS, b'I', b'B', b'M', IAC, SE,
            0x7D, IAC, EOR, IAC, AYT,
        ]);
        assert_eq!(
            got,
            vec![
                Telnet::Data(vec![b'h', IAC, b'i']),
                Telnet::Option(WILL, TTYPE),
                Telnet::Sub(TTYPE, vec![IS, b'I', b'B', b'M']),
                Telnet::Data(vec![0x7D]),
                Telnet::EndOfRecord,
                Telnet::Command(AYT),
            ]
        );
    }

    #[test]
    fn escape_doubles_iac() {
        let mut out = Vec::new();
        escape_into(&mut out, &[1, IAC, 2]);
        assert_eq!(out, vec![1, IAC, IAC, 2]);
    }

    fn run(n: &mut Negotiator, from_client: &[u8]) -> Vec<u8> {
        let mut d = Decoder::new();
        let mut events = Vec::new();
        d.feed(from_client, &mut events);
        let mut out = Vec::new();
        for e in &events {
            n.event(e, &mut out);
        }
        out
    }

    #[test]
    fn an_ibm_type_becomes_a_3270_after_binary_and_eor() {
        let mut out = Vec::new();
        let mut n = Negotiator::start(&mut out);
        assert_eq!(out, [IAC, DO, TTYPE]);
        assert_eq!(
            run(&mut n, &[IAC, WILL, TTYPE]),
            [IAC, SB, TTYPE, SEND, IAC, SE]
        );
        let mut is = vec![IAC, SB, TTYPE, IS];
        is.extend_from_slice(b"IBM-3278-4-E");
        is.extend_from_slice(&[IAC, SE]);
        let reply = run(&mut n, &is);
        assert_eq!(
            reply,
            [
                IAC, WILL, OPT_EOR, IAC, DO, OPT_EOR, IAC, WILL, BINARY, IAC, DO, BINARY
            ]
        );
        assert_eq!(n.kind(), Kind::Pending);
        // s3270 batches its answers in one read.
        let none = run(
            &mut n,
            &[
                IAC, DO, OPT_EOR, IAC, WILL, OPT_EOR, IAC, DO, BINARY, IAC, WILL, BINARY,
            ],
        );
        assert!(none.is_empty());
        assert_eq!(n.kind(), Kind::Tn3270("IBM-3278-4-E".into()));
        assert_eq!(model_size("IBM-3278-4-E"), (43, 80));
    }

    #[test]
    fn tn3270e_is_refused_once_and_other_types_are_line_mode() {
        let mut out = Vec::new();
        let mut n = Negotiator::start(&mut out);
        assert_eq!(run(&mut n, &[IAC, WILL, TN3270E]), [IAC, DONT, TN3270E]);
        assert_eq!(run(&mut n, &[IAC, DO, TN3270E]), [IAC, WONT, TN3270E]);
        assert!(run(&mut n, &[IAC, WILL, TN3270E]).is_empty());
        let mut is = vec![IAC, SB, TTYPE, IS];
        is.extend_from_slice(b"XTERM");
        is.extend_from_slice(&[IAC, SE]);
        run(&mut n, &is);
        assert_eq!(n.kind(), Kind::Line { telnet: true });
    }

    #[test]
    fn silence_or_plain_data_is_line_mode() {
        let mut out = Vec::new();
        let mut n = Negotiator::start(&mut out);
        run(&mut n, b"LOGON A\r\n");
        assert_eq!(n.kind(), Kind::Line { telnet: false });
        let mut n = Negotiator::start(&mut out);
        n.timeout();
        assert_eq!(n.kind(), Kind::Line { telnet: false });
    }

    #[test]
    fn refusing_binary_is_line_mode() {
        let mut out = Vec::new();
        let mut n = Negotiator::start(&mut out);
        let mut is = vec![IAC, SB, TTYPE, IS];
        is.extend_from_slice(b"IBM-3278-2");
        is.extend_from_slice(&[IAC, SE]);
        run(&mut n, &is);
        run(&mut n, &[IAC, WONT, BINARY]);
        assert_eq!(n.kind(), Kind::Line { telnet: true });
    }

    #[test]
    fn a_password_hides_the_echo_of_a_telnet_client_only() {
        let mut out = Vec::new();
        let mut n = Negotiator::start(&mut out);
        let mut is = vec![IAC, WILL, TTYPE, IAC, SB, TTYPE, IS];
        is.extend_from_slice(b"XTERM");
        is.extend_from_slice(&[IAC, SE]);
        run(&mut n, &is);
        let mut out = Vec::new();
        n.hide_input(true, &mut out);
        assert_eq!(out, [IAC, WILL, ECHO]);
        // The client's DO ECHO is the answer, not a request to refuse.
        assert!(run(&mut n, &[IAC, DO, ECHO]).is_empty());
        out.clear();
        n.hide_input(false, &mut out);
        assert_eq!(out, [IAC, WONT, ECHO]);
        let mut out = Vec::new();
        let mut raw = Negotiator::start(&mut out);
        raw.timeout();
        out.clear();
        raw.hide_input(true, &mut out);
        assert!(out.is_empty(), "nc would print the bytes");
    }

    #[test]
    fn models() {
        assert_eq!(model_size("IBM-3278-2"), (24, 80));
        assert_eq!(model_size("IBM-3279-3-E"), (32, 80));
        assert_eq!(model_size("IBM-3278-5@A"), (27, 132));
        assert_eq!(model_size("IBM-DYNAMIC"), (24, 80));
    }
}
