//! The parser: one input line to a [`Line`] (a [`Command`] with its `userid:` prefix), or a
//! [`ConsoleError`] naming the offending word and where it is. It knows the words of the
//! language (from `verbs`) and nothing of the engine's state. It also classifies the spans it
//! reads, which is all the REPL's syntax highlighting needs.
//!
//! Tokens are read lazily, one at a time, with nom: a word runs to the next blank, `'...'` is
//! quoted text (`''` is one quote), `X'...'` is hex. MSG and SMSG take the rest of the line as
//! typed instead, so the line cannot be split up front.
//!
//! `tokens` holds the tokens and the cursor that reads them, `operands` the operands that are more
//! than a word, `commands` the line and each CP command, `vmcf` the VMCF operands; this module
//! is the entry (`parse`) and what the REPL asks of the parser.

mod commands;
mod operands;
#[cfg(test)]
mod tests;
mod tokens;
mod vmcf;

use super::command::*;
use super::messages::{ConsoleError, CpMsg};
use commands::parse_line;
use tokens::Cursor;

/// The highest address of a 16M machine; a hexloc beyond it is invalid.
const LAST_ADDRESS: u64 = 0xFF_FFFF;

/// What a span of the input is, for syntax highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    Verb,
    Keyword,
    Userid,
    Number,
    Hex,
    Text,
    Comment,
    Error,
}

/// The parser's answer: the line or the error, and the classified spans it read.
#[derive(Debug)]
pub struct Parsed {
    pub result: Result<Line, ConsoleError>,
    pub marks: Vec<(Span, Highlight)>,
}

/// Parses one input line (without its line end).
pub fn parse(line: &str) -> Parsed {
    let mut c = Cursor {
        line,
        pos: 0,
        module: "CFC",
        // Enough for a VMCF command with its options: one allocation a line.
        marks: Vec::with_capacity(16),
    };
    let result = control_characters(line).and_then(|()| parse_line(&mut c));
    let mut marks = c.marks;
    if let Err(ConsoleError {
        span: Some(bad), ..
    }) = &result
    {
        marks.retain(|(s, _)| s.end <= bad.start || s.start >= bad.end);
        marks.push((bad.clone(), Highlight::Error));
    }
    // Marks come in order but for the error's; sorting a sorted list still costs.
    if !marks.is_sorted_by_key(|(s, _)| s.start) {
        marks.sort_by_key(|(s, _)| s.start);
    }
    Parsed { result, marks }
}

/// Control characters cannot be typed on a 3270; in a script they are a mistake. A tab is a blank.
fn control_characters(line: &str) -> Result<(), ConsoleError> {
    // Bytes, not chars: C0 controls and DEL are single bytes, C1 controls are C2 80..C2 9F.
    let b = line.as_bytes();
    // One pass the compiler can vectorize decides for almost every line.
    let suspect = b.iter().fold(false, |any, &c| {
        any | (c < 0x20 && c != 0x09) | (c == 0x7F) | (c == 0xC2)
    });
    if !suspect {
        return Ok(());
    }
    let bad = b.iter().enumerate().find_map(|(i, &c)| match c {
        0x09 => None,
        0x00..=0x1F | 0x7F => Some((i, 1, u32::from(c))),
        0xC2 if b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)) => {
            Some((i, 2, u32::from(b[i + 1])))
        }
        _ => None,
    });
    match bad {
        None => Ok(()),
        Some((at, len, code)) => {
            let code = format!("X'{code:02X}'");
            Err(
                ConsoleError::new("CFC", CpMsg::InvalidOperand(code.clone())).at(
                    at..at + len,
                    format!("control character {code} in the line"),
                ),
            )
        }
    }
}
