//! The parser: one input line to a [`Line`] (a [`Command`] with its `userid:` prefix), or a
//! [`ConsoleError`] naming the offending word and where it is. It knows the words of the
//! language (from `verbs`) and nothing of the engine's state. It also classifies the spans it
//! reads, which is all the REPL's syntax highlighting needs.
//!
//! Tokens are read lazily, one at a time, with nom: a word runs to the next blank, `'...'` is
//! quoted text (`''` is one quote), `X'...'` is hex. MSG and SMSG take the rest of the line as
//! typed instead, so the line cannot be split up front.
//!
//! `tokens` holds the tokens and the cursor that reads them, `operands` the operands that are
//! more than a word, `commands` the line and each CP command, `storage` DISPLAY's and STORE's
//! operands, `vmcf` the VMCF operands, `terminal` what a networked terminal's line asks before a
//! session runs it; this module is the entry (`parse`) and what the REPL
//! asks of the parser.

mod commands;
mod operands;
mod storage;
mod terminal;
#[cfg(test)]
mod tests;
mod tokens;
mod vmcf;

use super::command::*;
use super::messages::{ConsoleError, CpMsg, Reason};
use commands::{parse_line, prefix};
pub use terminal::{AtTerminal, at_terminal};
use tokens::{Cursor, Tok};

/// The characters of a line CP read from a terminal (a 3270 input area holds more, CP took
/// 134). It shows only in SMSG, MSG and WARNING, whose text is cut where CP's line ends
/// (docs/decisions.md#d16): the parser gives each its `room`.
pub const CP_LINE: usize = 134;

/// The highest address of a 16M machine; a hexloc beyond it is invalid.
pub(crate) const LAST_ADDRESS: u64 = crate::cp::MAX_STORAGE as u64 - 1;

/// What a span of the input is, for syntax highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// The command's verb.
    Verb,
    /// A keyword operand or a VMCF option.
    Keyword,
    /// A userid (or the `userid:` prefix).
    Userid,
    /// A number.
    Number,
    /// Hex: an address, hexdata, `X'...'`.
    Hex,
    /// Quoted or free text.
    Text,
    /// A comment line.
    Comment,
    /// The word the parser refused.
    Error,
}

impl Highlight {
    /// The tone of the line model this kind is shown in, so that input and output share one
    /// palette.
    pub fn tone(self) -> super::line::Tone {
        use super::line::Tone;
        match self {
            Highlight::Verb => Tone::Verb,
            Highlight::Keyword => Tone::Keyword,
            Highlight::Userid => Tone::Userid,
            Highlight::Number => Tone::Number,
            Highlight::Hex => Tone::Hex,
            Highlight::Text => Tone::Text,
            Highlight::Comment => Tone::Comment,
            Highlight::Error => Tone::Error,
        }
    }
}

/// The parser's answer: the line or the error, and the classified spans it read.
#[derive(Debug)]
pub struct Parsed {
    /// The line, or why it is refused.
    pub result: Result<Line, ConsoleError>,
    /// The spans read and what each is, in order (the refused word last marked as an error).
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
pub(super) fn control_characters(line: &str) -> Result<(), ConsoleError> {
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
        Some((at, len, code)) => Err(ConsoleError::new(
            "CFC",
            CpMsg::InvalidOperand(format!("X'{code:02X}'")),
        )
        .at(at..at + len, Reason::ControlCharacter(code))),
    }
}

/// The verb of a parsed `line` of `text` as CP's `?CP:` message quotes it: as typed, in
/// upper case (`LOGOF`, not `LOGOFF`).
pub(crate) fn verb_as_typed(text: &str, line: &Line) -> String {
    word_as_typed(text, &line.verb_span).to_ascii_uppercase()
}

/// The bytes `span` of `text` (a span the parser gave), as typed.
pub(crate) fn word_as_typed(text: &str, span: &Span) -> String {
    text.get(span.clone()).unwrap_or_default().to_string()
}

/// The line up to byte `pos` as the parser reads it, for the REPL's completion: the words of
/// the command before the one at `pos` (after any `userid:` prefix; quoted operands whole),
/// and where the word at `pos` starts. `None` where nothing can be completed: in a comment,
/// inside quoted text or `X'...'`, in a word that is not a plain word, after a bad prefix.
pub(crate) fn words_before(line: &str, pos: usize) -> Option<(Vec<&str>, usize)> {
    let before = line.get(..pos)?;
    let mut c = Cursor {
        line: before,
        pos: 0,
        module: "CFC",
        marks: Vec::new(),
    };
    c.skip_blanks();
    if c.rest().starts_with('*') {
        return None;
    }
    prefix(&mut c).ok()?;
    c.skip_blanks();
    if c.rest().starts_with('*') {
        return None;
    }
    let mut words = Vec::new();
    loop {
        c.skip_blanks();
        let start = c.pos;
        let Some(t) = c.next().ok()? else {
            return Some((words, start));
        };
        if t.span.end == before.len() {
            // The token the cursor is in is the word being completed.
            return matches!(t.tok, Tok::Word(_)).then_some((words, t.span.start));
        }
        words.push(t.raw);
    }
}
