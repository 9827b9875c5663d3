//! The console's JSON Lines events (the machine contract,
//! docs/console.md#json-lines)
//! read back as typed values. Only what a diagram draws is required; unknown keys are ignored
//! and unknown event kinds are kept as [`Event::Other`], because the contract lets both grow.
//! A line that is not a well-formed event is an error naming that line, never a panic.

use std::fmt;

use serde::{Deserialize, Deserializer, de};

/// One event of the contract.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum Event {
    Command(Command),
    Rc(Rc),
    Interrupt(Interrupt),
    Data(Data),
    Message(Message),
    Error(Error),
    /// An event kind this reader does not know (the contract may add kinds).
    #[serde(other)]
    Other,
}

/// `"command"`: an input line as typed, and what the console's parser made of it. The keys
/// after `text` came later to the contract, so each may be missing from older output.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Command {
    pub line: usize,
    /// The user the line was typed as; null while nobody is logged on.
    pub user: Option<String>,
    pub text: String,
    /// The verb's full name (`LOGON` for `L`); null for a blank line, a comment, or a line
    /// the parser rejected.
    #[serde(default)]
    pub verb: Option<String>,
    /// The 1-based character column where the verb starts, after any `userid:` prefix.
    #[serde(default)]
    pub verb_column: Option<usize>,
    /// Whom the command acted as (a LOGON: the VM it logs on): `Some(None)` for nobody,
    /// `None` when the key is missing (older output; then `user` says it).
    #[serde(default, deserialize_with = "present")]
    pub acting: Option<Option<String>>,
    /// LOGON: the userid it names.
    #[serde(default)]
    pub logon: Option<String>,
    /// LOGOFF: the user it logs off.
    #[serde(default)]
    pub logoff: Option<String>,
    /// A comment line: its text after the `*`.
    #[serde(default)]
    pub comment: Option<String>,
}

/// A key that is there, null or not: `Some(value)`; a missing key is the field's default.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// `"rc"`: a VMCF subfunction's return code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Rc {
    pub line: usize,
    pub user: String,
    pub subfunction: String,
    pub rc: u32,
    #[serde(default)]
    pub meaning: String,
    /// The MID of the parameter list, when the console gives it (an allowed extension).
    #[serde(default)]
    pub mid: Option<u64>,
    /// The partner (VMCPUSER) of the parameter list: `""` or absent when it names none.
    #[serde(default)]
    pub partner: Option<String>,
}

/// `"interrupt"`: external interrupt X'4001' presented to `user`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Interrupt {
    pub line: usize,
    pub user: String,
    #[serde(default = "default_code")]
    pub code: String,
    pub fields: Fields,
    /// SENDX or SMSG data stored after the header.
    #[serde(default, deserialize_with = "hex_bytes")]
    pub data: Vec<u8>,
}

fn default_code() -> String {
    "4001".to_string()
}

/// The header fields a diagram shows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Fields {
    #[serde(deserialize_with = "hex_byte")]
    pub stat: u8,
    #[serde(deserialize_with = "hex_byte")]
    pub eflg: u8,
    pub func_name: String,
    pub mid: u64,
    /// The partner: the source of a SEND-type interrupt, the sink of a RESPONSE, `SYSTEM`.
    pub user: String,
}

/// `"data"`: bytes moved into `user`'s storage.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Data {
    pub line: usize,
    pub user: String,
    #[serde(deserialize_with = "hex_string")]
    pub address: String,
    pub length: u64,
    #[serde(default, deserialize_with = "hex_bytes")]
    pub hex: Vec<u8>,
}

/// `"message"`: a line on `user`'s terminal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Message {
    pub line: usize,
    /// Null: the terminal of nobody logged on (HELP before the first LOGON).
    pub user: Option<String>,
    pub text: String,
    /// Where a VMCF command placed its data or a buffer (`DATA AT 020000`): the console's
    /// bookkeeping, not something that passed between VMs.
    #[serde(default)]
    pub address: Option<String>,
}

/// `"error"`: CP refused a line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Error {
    pub line: usize,
    pub user: Option<String>,
    pub id: String,
    pub text: String,
}

/// A line of the event stream that is not an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The script line (the `line` key) of the bad event, when it has a readable one.
    pub line: Option<usize>,
    /// Otherwise the script line of the last good event before it.
    pub after: Option<usize>,
    /// 1-based line of the JSON Lines text.
    pub event: usize,
    /// What is wrong with it (serde_json's words, without its position).
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.after) {
            (Some(line), _) => write!(f, "script line {line}: {}", self.message),
            (None, Some(after)) => {
                write!(f, "the event after script line {after}: {}", self.message)
            }
            (None, None) => write!(f, "event line {}: {}", self.event, self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// The `line` key alone, to name the script line of an event that does not read.
#[derive(Deserialize)]
struct LineOnly {
    line: usize,
}

impl Event {
    /// The script line this event belongs to (`None` for an unknown kind).
    pub fn line(&self) -> Option<usize> {
        Some(match self {
            Event::Command(c) => c.line,
            Event::Rc(r) => r.line,
            Event::Interrupt(i) => i.line,
            Event::Data(d) => d.line,
            Event::Message(m) => m.line,
            Event::Error(e) => e.line,
            Event::Other => return None,
        })
    }

    /// One line of JSON Lines text as an event. `event` is its 1-based place in the text and
    /// `after` the script line of the event before it, for the error.
    pub fn from_json(text: &str, event: usize, after: Option<usize>) -> Result<Event, ParseError> {
        serde_json::from_str(text).map_err(|e| ParseError {
            line: serde_json::from_str::<LineOnly>(text).ok().map(|l| l.line),
            after,
            event,
            message: without_location(&e),
        })
    }
}

/// serde_json's message without its " at line 1 column N": each event is one line, so only
/// the column says anything, and a stray "line 1" would contradict our line number.
fn without_location(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(message) if e.column() > 0 => format!("{message} (column {})", e.column()),
        Some(message) => message.to_string(),
        None => text,
    }
}

fn hex_value(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    s.as_bytes()
        .chunks(2)
        .map(|pair| {
            let digit = |c: &u8| char::from(*c).to_digit(16);
            match pair {
                [hi, lo] => Some((digit(hi)? * 16 + digit(lo)?) as u8),
                _ => None,
            }
        })
        .collect()
}

/// An even number of hex digits (`""` is no bytes).
fn hex_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    let s = String::deserialize(d)?;
    hex_value(&s).ok_or_else(|| de::Error::custom(format!("not hex bytes: {s:?}")))
}

/// Exactly two hex digits.
fn hex_byte<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let s = String::deserialize(d)?;
    match hex_value(&s).as_deref() {
        Some([b]) => Ok(*b),
        _ => Err(de::Error::custom(format!("not one hex byte: {s:?}"))),
    }
}

/// A non-empty run of hex digits (an address), kept as written.
fn hex_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(s)
    } else {
        Err(de::Error::custom(format!("not a hex address: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads JSON Lines text: one event a line, blank lines skipped.
    fn parse(jsonl: &str) -> Result<Vec<Event>, ParseError> {
        let mut events = Vec::new();
        let mut after = None;
        for (i, text) in jsonl.lines().enumerate() {
            if text.trim().is_empty() {
                continue;
            }
            let e = Event::from_json(text, i + 1, after)?;
            after = e.line().or(after);
            events.push(e);
        }
        Ok(events)
    }

    #[test]
    fn every_kind_reads_and_unknown_keys_and_kinds_are_ignored() {
        let events = parse(concat!(
            r#"{"event":"command","line":1,"user":null,"text":"LOGON A","new":1}"#,
            "\n\n",
            r#"{"event":"rc","line":2,"user":"A","subfunction":"SEND","rc":0,"meaning":"ok","mid":7}"#,
            "\n",
            r#"{"event":"later","line":3}"#,
            "\n",
            r#"{"event":"data","line":4,"user":"B","address":"020000","length":2,"hex":"C8C9"}"#,
        ))
        .unwrap();
        assert_eq!(events.len(), 4);
        assert!(matches!(&events[0], Event::Command(c) if c.user.is_none()));
        assert!(matches!(&events[1], Event::Rc(r) if r.mid == Some(7)));
        assert_eq!(events[2], Event::Other);
        assert!(matches!(&events[3], Event::Data(d) if d.hex == [0xC8, 0xC9]));
    }

    #[test]
    fn a_bad_line_is_an_error_with_its_line_number() {
        let good = r#"{"event":"command","line":1,"user":"A","text":"X"}"#;
        for (bad, needle) in [
            ("{not json", "column"),
            (r#"{"event":"rc","line":2,"user":"A"}"#, "subfunction"),
            (
                r#"{"event":"data","line":2,"user":"A","address":"02G000","length":1}"#,
                "address",
            ),
            (
                r#"{"event":"interrupt","line":2,"user":"A","fields":{"stat":"8","eflg":"00","func_name":"SEND","mid":1,"user":"B"}}"#,
                "hex byte",
            ),
            (r#"{"line":2}"#, "event"),
        ] {
            let err = parse(&format!("{good}\n{bad}\n{good}")).unwrap_err();
            assert_eq!(err.event, 2, "{err}");
            assert!(err.message.contains(needle), "{err}");
            assert!(!err.message.contains("line 1"), "{err}");
        }
    }

    #[test]
    fn hex_is_strict() {
        assert_eq!(hex_value("00fF"), Some(vec![0, 255]));
        assert_eq!(hex_value(""), Some(vec![]));
        assert_eq!(hex_value("0"), None);
        assert_eq!(hex_value("+1"), None);
        assert_eq!(hex_value("é0"), None);
    }
}
