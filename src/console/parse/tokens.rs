//! The parser's tokens and its cursor over the line: a word runs to the next blank, `'...'` is
//! quoted text (`''` is one quote), `X'...'` is hex; each read with nom, one at a time, as the
//! cursor asks (MSG and SMSG take the rest of the line as typed instead).

use super::Highlight;
use super::operands::{hexloc, userid_of};
use crate::console::command::*;
use crate::console::messages::{ConsoleError, CpMsg, Operand, Reason};
use crate::console::verbs::Keyword;
use crate::vmcf::Userid;
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_till};
use nom::character::complete::char;
use nom::combinator::value;
use nom::multi::fold_many0;
use nom::sequence::delimited;
use nom::{IResult, Parser};
use std::borrow::Cow;

pub(super) fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Text up to the next quote (at least one character). `str::find` with one char is a memchr,
/// so long DATA literals cost little even in debug builds.
fn unquoted_run(i: &str) -> IResult<&str, &str> {
    match i.find('\'').unwrap_or(i.len()) {
        0 => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::IsNot,
        ))),
        n => Ok((&i[n..], &i[..n])),
    }
}

pub(super) fn quoted(i: &str) -> IResult<&str, Cow<'_, str>> {
    // Most text has no doubled quote: then it is borrowed as it stands.
    if let Some(body) = i.strip_prefix('\'')
        && let Some(end) = body.find('\'')
        && !body[end + 1..].starts_with('\'')
    {
        return Ok((&body[end + 1..], Cow::Borrowed(&body[..end])));
    }
    delimited(
        char('\''),
        fold_many0(
            alt((unquoted_run, value("'", tag("''")))),
            String::new,
            |mut s, run| {
                s.push_str(run);
                s
            },
        ),
        char('\''),
    )
    .map(Cow::Owned)
    .parse(i)
}

fn hex_literal(i: &str) -> IResult<&str, &str> {
    delimited(
        tag_no_case("X'"),
        take_till(|ch| ch == '\'' || is_blank(ch)),
        char('\''),
    )
    .parse(i)
}

#[derive(Debug, Clone)]
pub(super) enum Tok<'a> {
    Word(&'a str),
    Quoted(Cow<'a, str>),
    /// The digits between `X'` and `'`.
    Hex(&'a str),
}

#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    pub(super) tok: Tok<'a>,
    pub(super) raw: &'a str,
    pub(super) span: Span,
}

impl Token<'_> {
    /// The word, if the token is one.
    pub(super) fn word(&self) -> Option<&str> {
        match self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    /// The token as a message shows it: as typed, cut if long.
    pub(super) fn shown(&self) -> String {
        shown(self.raw)
    }
}

pub(super) fn shown(raw: &str) -> String {
    const MAX: usize = 40;
    if raw.chars().count() > MAX {
        let cut: String = raw.chars().take(MAX).collect();
        format!("{cut}...")
    } else {
        raw.to_string()
    }
}

pub(super) struct Cursor<'a> {
    pub(super) line: &'a str,
    pub(super) pos: usize,
    /// The module that issues this command's messages.
    pub(super) module: &'static str,
    pub(super) marks: Vec<(Span, Highlight)>,
}

impl<'a> Cursor<'a> {
    pub(super) fn rest(&self) -> &'a str {
        &self.line[self.pos..]
    }

    pub(super) fn skip_blanks(&mut self) {
        let blanks = self.line.as_bytes()[self.pos..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        self.pos += blanks;
    }

    pub(super) fn err(&self, msg: CpMsg) -> ConsoleError {
        ConsoleError::new(self.module, msg)
    }

    /// An error about something missing at the end of the line.
    pub(super) fn missing(&self, msg: CpMsg, reason: Reason) -> ConsoleError {
        let end = self.line.len();
        self.err(msg).at(end..end, reason)
    }

    pub(super) fn mark(&mut self, span: Span, h: Highlight) {
        self.marks.push((span, h));
    }

    /// The next token, or `None` at the end of the line.
    pub(super) fn next(&mut self) -> Result<Option<Token<'a>>, ConsoleError> {
        self.skip_blanks();
        let start = self.pos;
        let input = self.rest();
        if input.is_empty() {
            return Ok(None);
        }
        let to_blank = input
            .bytes()
            .position(|b| b == b' ' || b == b'\t')
            .unwrap_or(input.len());
        let (rest, tok) = if input.starts_with('\'') {
            match quoted(input) {
                Ok((rest, s)) => (rest, Tok::Quoted(s)),
                Err(_) => {
                    return Err(self
                        .err(CpMsg::InvalidOperand(shown(input)))
                        .at(start..self.line.len(), Reason::UnterminatedQuote));
                }
            }
        } else if input
            .as_bytes()
            .get(..2)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"X'"))
        {
            match hex_literal(input) {
                Ok((rest, digits)) => (rest, Tok::Hex(digits)),
                Err(_) => {
                    let raw = &input[..to_blank];
                    return Err(self
                        .err(CpMsg::InvalidHexdata(shown(raw)))
                        .at(start..start + to_blank, Reason::UnterminatedHex));
                }
            }
        } else {
            // A word runs to the blank already found.
            (&input[to_blank..], Tok::Word(&input[..to_blank]))
        };
        let len = input.len() - rest.len();
        if !rest.is_empty() && !rest.starts_with(is_blank) {
            let end = start + to_blank.max(len);
            return Err(self
                .err(CpMsg::InvalidOperand(shown(&self.line[start..end])))
                .at(start..end, Reason::BlankAfterQuote));
        }
        self.pos = start + len;
        Ok(Some(Token {
            tok,
            raw: &self.line[start..start + len],
            span: start..start + len,
        }))
    }

    /// The next token without consuming it.
    pub(super) fn peek(&mut self) -> Result<Option<Token<'a>>, ConsoleError> {
        let (pos, marks) = (self.pos, self.marks.len());
        let t = self.next();
        self.pos = pos;
        self.marks.truncate(marks);
        t
    }

    /// Fails on anything left on the line.
    pub(super) fn end(&mut self) -> Result<(), ConsoleError> {
        match self.next()? {
            None => Ok(()),
            Some(t) => Err(self
                .err(CpMsg::InvalidOperand(t.shown()))
                .at(t.span, Reason::UnexpectedOperand)),
        }
    }

    /// A userid operand (`what` says what it names, for the error).
    pub(super) fn userid(&mut self, what: Operand) -> Result<(Userid, Span), ConsoleError> {
        let Some(t) = self.next()? else {
            return Err(self.missing(CpMsg::UseridMissing, Reason::Missing(what)));
        };
        let u =
            userid_of(&t).map_err(|why| self.err(CpMsg::UseridMissing).at(t.span.clone(), why))?;
        self.mark(t.span.clone(), Highlight::Userid);
        Ok((u, t.span))
    }

    /// A keyword from `words`, returning its index.
    pub(super) fn keyword(
        &mut self,
        words: &[Keyword],
        what: Operand,
    ) -> Result<usize, ConsoleError> {
        let Some(t) = self.next()? else {
            return Err(self.missing(CpMsg::OperandMissing, Reason::Missing(what)));
        };
        match t
            .word()
            .and_then(|w| words.iter().position(|k| k.matches(w)))
        {
            Some(i) => {
                self.mark(t.span, Highlight::Keyword);
                Ok(i)
            }
            None => Err(self
                .err(CpMsg::InvalidOperand(t.shown()))
                .at(t.span, Reason::Expected(what))),
        }
    }

    /// A decimal number or `X'hex'` (at most 8 digits).
    pub(super) fn number(&mut self, after: &Token) -> Result<u32, ConsoleError> {
        let Some(t) = self.next()? else {
            let name = after.raw.to_ascii_uppercase();
            return Err(self
                .err(CpMsg::OperandMissing)
                .at(after.span.clone(), Reason::NeedsNumber(name)));
        };
        let n = match t.tok {
            Tok::Word(w) if w.bytes().all(|b| b.is_ascii_digit()) => w.parse::<u32>().ok(),
            Tok::Hex(d) if !d.is_empty() && d.len() <= 8 => u32::from_str_radix(d, 16).ok(),
            _ => None,
        };
        match n {
            Some(n) => {
                self.mark(t.span, Highlight::Number);
                Ok(n)
            }
            None => Err(self
                .err(CpMsg::InvalidOperand(t.shown()))
                .at(t.span, Reason::NotNumber)),
        }
    }

    /// An address: `Lhex` or `X'hex'` (or bare hex where CP takes a hexloc, `bare`).
    pub(super) fn address(&mut self, after: &Token, bare: bool) -> Result<u32, ConsoleError> {
        let Some(t) = self.next()? else {
            let name = after.raw.to_ascii_uppercase();
            return Err(self
                .err(CpMsg::OperandMissing)
                .at(after.span.clone(), Reason::NeedsAddress(name)));
        };
        let digits = match t.tok {
            Tok::Word(w) if w.starts_with(['L', 'l']) => Some(&w[1..]),
            Tok::Word(w) if bare => Some(w),
            Tok::Hex(d) => Some(d),
            _ => None,
        };
        let bad = |c: &Self, why: Reason| {
            c.err(CpMsg::InvalidHexloc(t.shown()))
                .at(t.span.clone(), why)
        };
        let Some(digits) = digits else {
            return Err(bad(self, Reason::NotAddress));
        };
        let a = hexloc(digits).map_err(|why| bad(self, why))?;
        self.mark(t.span, Highlight::Hex);
        Ok(a)
    }
}
