//! The parser: one input line to a [`Line`] (a [`Command`] with its `userid:` prefix), or a
//! [`ConsoleError`] naming the offending word and where it is. It knows the words of the
//! language (from `verbs`) and nothing of the engine's state. It also classifies the spans it
//! reads, which is all the REPL's syntax highlighting needs.
//!
//! Tokens are read lazily, one at a time, with nom: a word runs to the next blank, `'...'` is
//! quoted text (`''` is one quote), `X'...'` is hex. MSG and SMSG take the rest of the line as
//! typed instead, so the line cannot be split up front.

use super::command::*;
use super::messages::{ConsoleError, CpMsg};
use super::verbs::{self, Keyword, Opt, Verb};
use crate::cp::Emsg;
use crate::ebcdic;
use crate::vmcf::{Subfunction, Userid};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_till};
use nom::character::complete::char;
use nom::combinator::value;
use nom::multi::fold_many0;
use nom::sequence::delimited;
use nom::{IResult, Parser};
use std::borrow::Cow;

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

/// A LOGON typed at a terminal: `LOGON userid [password]` (CP's form; vmcfsim's console
/// takes no password, so [`parse`] refuses the second operand). `None` when the line is not
/// a LOGON at all; `Some(Err(..))` when it is one with a bad or missing userid or operands
/// beyond the password, for the caller to hand to [`parse`] and so get the console's error.
pub fn logon_with_password(line: &str) -> Option<Result<(Userid, Option<String>), ()>> {
    let mut words = line.split_ascii_whitespace();
    let verb = words.next()?.to_ascii_uppercase();
    if verbs::verb(&verb).map(|d| d.verb) != Some(Verb::Logon) {
        return None;
    }
    let user = words.next().and_then(|w| Userid::parse(w).ok());
    let password = words.next().map(str::to_string);
    Some(match (user, words.next()) {
        (Some(u), None) => Ok((u, password)),
        _ => Err(()),
    })
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

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
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

// ---- tokens (nom) ----

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

fn quoted(i: &str) -> IResult<&str, Cow<'_, str>> {
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
enum Tok<'a> {
    Word(&'a str),
    Quoted(Cow<'a, str>),
    /// The digits between `X'` and `'`.
    Hex(&'a str),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    tok: Tok<'a>,
    raw: &'a str,
    span: Span,
}

impl Token<'_> {
    /// The word, if the token is one.
    fn word(&self) -> Option<&str> {
        match self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    /// The token as a message shows it: as typed, cut if long.
    fn shown(&self) -> String {
        shown(self.raw)
    }
}

fn shown(raw: &str) -> String {
    const MAX: usize = 40;
    if raw.chars().count() > MAX {
        let cut: String = raw.chars().take(MAX).collect();
        format!("{cut}...")
    } else {
        raw.to_string()
    }
}

struct Cursor<'a> {
    line: &'a str,
    pos: usize,
    /// The module that issues this command's messages.
    module: &'static str,
    marks: Vec<(Span, Highlight)>,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.line[self.pos..]
    }

    fn skip_blanks(&mut self) {
        let blanks = self.line.as_bytes()[self.pos..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        self.pos += blanks;
    }

    fn err(&self, msg: CpMsg) -> ConsoleError {
        ConsoleError::new(self.module, msg)
    }

    /// An error about something missing at the end of the line.
    fn missing(&self, msg: CpMsg, reason: &str) -> ConsoleError {
        let end = self.line.len();
        self.err(msg).at(end..end, reason)
    }

    fn mark(&mut self, span: Span, h: Highlight) {
        self.marks.push((span, h));
    }

    /// The next token, or `None` at the end of the line.
    fn next(&mut self) -> Result<Option<Token<'a>>, ConsoleError> {
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
                        .at(start..self.line.len(), "unterminated quote: no closing '"));
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
                        .at(start..start + to_blank, "unterminated X'...': no closing '"));
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
                .at(start..end, "a blank must follow the closing quote"));
        }
        self.pos = start + len;
        Ok(Some(Token {
            tok,
            raw: &self.line[start..start + len],
            span: start..start + len,
        }))
    }

    /// The next token without consuming it.
    fn peek(&mut self) -> Result<Option<Token<'a>>, ConsoleError> {
        let (pos, marks) = (self.pos, self.marks.len());
        let t = self.next();
        self.pos = pos;
        self.marks.truncate(marks);
        t
    }

    /// Fails on anything left on the line.
    fn end(&mut self) -> Result<(), ConsoleError> {
        match self.next()? {
            None => Ok(()),
            Some(t) => Err(self
                .err(CpMsg::InvalidOperand(t.shown()))
                .at(t.span, "unexpected operand")),
        }
    }

    /// A userid operand (`what` says what it names, for the error; formatted only then).
    fn userid(&mut self, what: &dyn std::fmt::Display) -> Result<(Userid, Span), ConsoleError> {
        let Some(t) = self.next()? else {
            return Err(self.missing(CpMsg::UseridMissing, &format!("{what} missing")));
        };
        let u =
            userid_of(&t).map_err(|why| self.err(CpMsg::UseridMissing).at(t.span.clone(), why))?;
        self.mark(t.span.clone(), Highlight::Userid);
        Ok((u, t.span))
    }

    /// A keyword from `words`, returning its index.
    fn keyword(&mut self, words: &[Keyword], what: &str) -> Result<usize, ConsoleError> {
        let Some(t) = self.next()? else {
            return Err(self.missing(CpMsg::OperandMissing, &format!("{what} missing")));
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
                .at(t.span, format!("expected {what}"))),
        }
    }

    /// A decimal number or `X'hex'` (at most 8 digits).
    fn number(&mut self, after: &Token) -> Result<u32, ConsoleError> {
        let Some(t) = self.next()? else {
            let name = after.raw.to_ascii_uppercase();
            return Err(self
                .err(CpMsg::OperandMissing)
                .at(after.span.clone(), format!("{name} needs a number")));
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
            None => Err(self.err(CpMsg::InvalidOperand(t.shown())).at(
                t.span,
                "expected a decimal number below 4294967296 or X'hex' (up to 8 digits)",
            )),
        }
    }

    /// An address: `Lhex` or `X'hex'` (or bare hex where CP takes a hexloc, `bare`).
    fn address(&mut self, after: &Token, bare: bool) -> Result<u32, ConsoleError> {
        let Some(t) = self.next()? else {
            let name = after.raw.to_ascii_uppercase();
            return Err(self
                .err(CpMsg::OperandMissing)
                .at(after.span.clone(), format!("{name} needs an address Lhex")));
        };
        let digits = match t.tok {
            Tok::Word(w) if w.starts_with(['L', 'l']) => Some(&w[1..]),
            Tok::Word(w) if bare => Some(w),
            Tok::Hex(d) => Some(d),
            _ => None,
        };
        let bad = |c: &Self, why: &str| {
            c.err(CpMsg::InvalidHexloc(t.shown()))
                .at(t.span.clone(), why.to_string())
        };
        let Some(digits) = digits else {
            return Err(bad(self, "expected an address: Lhex or X'hex'"));
        };
        let a = hexloc(digits).map_err(|why| bad(self, why))?;
        self.mark(t.span, Highlight::Hex);
        Ok(a)
    }
}

/// A hex address of at most 16M.
fn hexloc(digits: &str) -> Result<u32, &'static str> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("expected hex digits");
    }
    let significant = digits.trim_start_matches('0');
    match u64::from_str_radix(
        if significant.is_empty() {
            "0"
        } else {
            significant
        },
        16,
    ) {
        Ok(v) if significant.len() <= 8 && v <= LAST_ADDRESS => Ok(v as u32),
        _ => Err("beyond X'FFFFFF', the last address of 16M"),
    }
}

fn userid_of(t: &Token) -> Result<Userid, String> {
    let Some(w) = t.word() else {
        return Err("a userid is not quoted".to_string());
    };
    Userid::parse(w).map_err(|e| e.to_string())
}

/// Hex digits as bytes; `Err` names what is wrong. Odd counts are refused.
fn hex_bytes(digits: &str) -> Result<Vec<u8>, &'static str> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("not hex digits");
    }
    if !digits.len().is_multiple_of(2) {
        return Err("odd number of hex digits: bytes take two each");
    }
    Ok(digits
        .as_bytes()
        .chunks(2)
        .map(|p| {
            let s = std::str::from_utf8(p).expect("ASCII hex digits");
            u8::from_str_radix(s, 16).expect("checked hex digits")
        })
        .collect())
}

/// Text in EBCDIC, or the byte span (in `line`, starting at `at`) of a character code page 037
/// lacks.
fn ebcdic_text(text: &str, at: usize) -> Result<Vec<u8>, (Span, char)> {
    let mut out = Vec::with_capacity(text.len());
    for (i, ch) in text.char_indices() {
        match ebcdic::from_char(ch) {
            Some(b) => out.push(b),
            None => return Err((at + i..at + i + ch.len_utf8(), ch)),
        }
    }
    Ok(out)
}

// ---- words quoted in errors ----

/// The verb of a parsed `line` of `text` as CP's `?CP:` message quotes it: as typed, in
/// upper case (`LOGOF`, not `LOGOFF`).
pub(crate) fn verb_as_typed(text: &str, line: &Line) -> String {
    word_as_typed(text, &line.verb_span).to_ascii_uppercase()
}

/// The bytes `span` of `text` (a span the parser gave), as typed.
pub(crate) fn word_as_typed(text: &str, span: &Span) -> String {
    text.get(span.clone()).unwrap_or_default().to_string()
}

// ---- completion ----

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

// ---- the line ----

fn parse_line(c: &mut Cursor) -> Result<Line, ConsoleError> {
    c.skip_blanks();
    if c.rest().is_empty() {
        return Ok(plain(Command::Empty));
    }
    if let Some(l) = comment(c) {
        return Ok(l);
    }
    let prefix = prefix(c)?;
    if prefix.is_some() {
        c.skip_blanks();
        if c.rest().is_empty() {
            return Err(c.missing(CpMsg::OperandMissing, "a command must follow userid:"));
        }
        if let Some(mut l) = comment(c) {
            l.prefix = prefix;
            return Ok(l);
        }
    }
    let t = c.next()?.expect("the line is not blank");
    let def = t.word().and_then(verbs::verb).ok_or_else(|| {
        c.err(CpMsg::UnknownCommand(t.shown().to_ascii_uppercase()))
            .at(t.span.clone(), "no such command (HELP lists them)")
    })?;
    c.mark(t.span.clone(), Highlight::Verb);
    c.module = def.module;
    let command = match def.verb {
        Verb::Logon => {
            let (u, _) = c.userid(&"userid")?;
            Command::Logon(u)
        }
        Verb::Logoff => {
            if let Some(t) = c.next()? {
                return Err(c
                    .err(CpMsg::InvalidOperand(t.shown()))
                    .at(t.span, "a user logs only itself off: userid: LOGOFF"));
            }
            Command::Logoff
        }
        Verb::Smsg | Verb::Msg => message(c, def.verb)?,
        Verb::Warning => warning(c)?,
        Verb::Disconn => {
            if let Some(h) = c.peek()?
                && h.word().is_some_and(|w| verbs::HOLD.matches(w))
            {
                c.next()?;
                c.mark(h.span, Highlight::Keyword);
            }
            if let Some(t) = c.next()? {
                return Err(c
                    .err(CpMsg::InvalidOperand(t.shown()))
                    .at(t.span, "DISCONN takes only HOLD"));
            }
            Command::Disconn
        }
        Verb::Force => {
            let (u, span) = c.userid(&"the userid to force off")?;
            Command::Force(u, span)
        }
        Verb::Set => set(c)?,
        Verb::System => {
            let i = c.keyword(verbs::SYSTEM_WORDS, "RESET or CLEAR")?;
            Command::System { clear: i == 1 }
        }
        Verb::Ipl => ipl(c)?,
        Verb::Query => query(c)?,
        Verb::Define => define(c)?,
        Verb::Display => display(c)?,
        Verb::Store => store(c)?,
        Verb::Vmcf => Command::Vmcf(vmcf(c, &t)?),
        Verb::Diag => diag(c, &t)?,
        Verb::Enable => Command::Enable,
        Verb::Disable => Command::Disable,
        Verb::Help => {
            let mut topic = Vec::new();
            let mut span: Option<Span> = None;
            while let Some(w) = c.next()? {
                c.mark(w.span.clone(), Highlight::Keyword);
                topic.push(w.raw.to_ascii_uppercase());
                span = Some(span.map_or(w.span.clone(), |s| s.start..w.span.end));
            }
            // The topic check lives here, with the words: HELP's text comes from the tables.
            let words: Vec<&str> = topic.iter().map(String::as_str).collect();
            if let Some(span) = span
                && super::help::topic(&words).is_none()
            {
                return Err(c
                    .err(CpMsg::InvalidOperand(topic.join(" ")))
                    .at(span, "no such command or subfunction"));
            }
            Command::Help(topic)
        }
        Verb::Quit => Command::Quit,
        Verb::Shutdown => Command::Shutdown,
        Verb::Diagram => {
            return Err(c.err(CpMsg::UnknownCommand(t.shown().to_ascii_uppercase())).at(
                t.span.clone(),
                "DIAGRAM is the REPL's own, alone on a line; a replay draws with --diagram FILE",
            ));
        }
    };
    c.end()?;
    Ok(Line {
        prefix,
        verb_span: t.span,
        command,
    })
}

fn plain(command: Command) -> Line {
    Line {
        prefix: None,
        verb_span: 0..0,
        command,
    }
}

fn comment(c: &mut Cursor) -> Option<Line> {
    if !c.rest().starts_with('*') {
        return None;
    }
    c.mark(c.pos..c.line.len(), Highlight::Comment);
    // The `*` is a comment's verb: what follows it is the comment's text.
    let star = c.pos..c.pos + 1;
    c.pos = c.line.len();
    Some(Line {
        verb_span: star,
        ..plain(Command::Comment)
    })
}

/// `userid:` before the command (the colon may touch the verb).
fn prefix(c: &mut Cursor) -> Result<Option<(Userid, Span)>, ConsoleError> {
    let rest = c.rest();
    let first = &rest[..rest.find(is_blank).unwrap_or(rest.len())];
    let Some(colon) = first.find(':').filter(|&i| i > 0) else {
        return Ok(None);
    };
    let span = c.pos..c.pos + colon;
    let u = Userid::parse(&first[..colon]).map_err(|_| {
        c.err(CpMsg::UseridMissing).at(
            span.clone(),
            "userid: must name a VM (1-8 of A-Z 0-9 @ # $)",
        )
    })?;
    c.mark(span.start..span.end + 1, Highlight::Userid);
    c.pos += colon + 1;
    Ok(Some((u, span)))
}

/// SMSG and MSG: a userid or `*`, then the rest of the line after one blank, as typed.
fn message(c: &mut Cursor, verb: Verb) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::UseridMissing, "userid missing"));
    };
    let to = if t.raw == "*" {
        Target::Me
    } else {
        Target::User(
            userid_of(&t).map_err(|why| c.err(CpMsg::UseridMissing).at(t.span.clone(), why))?,
        )
    };
    c.mark(t.span.clone(), Highlight::Userid);
    // One blank ends the userid; everything after it is the text, blanks included.
    let at = (t.span.end + 1).min(c.line.len());
    let text = &c.line[at..];
    if !text.is_empty() {
        c.mark(at..c.line.len(), Highlight::Text);
    }
    c.pos = c.line.len();
    Ok(match verb {
        Verb::Smsg => Command::Smsg {
            to,
            text: ebcdic_text(text, at).map_err(|(span, ch)| {
                c.err(CpMsg::InvalidOperand(ch.to_string()))
                    .at(span, format!("'{ch}' has no EBCDIC code (code page 037)"))
            })?,
        },
        _ => Command::Msg {
            to,
            text: text.to_string(),
        },
    })
}

/// WARNING: a userid (never `*`: a warning goes to someone else), then the text as for MSG.
fn warning(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::UseridMissing, "userid missing"));
    };
    if t.raw == "*" {
        return Err(c.err(CpMsg::UseridMissing).at(
            t.span,
            "WARNING goes to another user: MSG * writes to yourself",
        ));
    }
    let to = userid_of(&t).map_err(|why| c.err(CpMsg::UseridMissing).at(t.span.clone(), why))?;
    c.mark(t.span.clone(), Highlight::Userid);
    let at = (t.span.end + 1).min(c.line.len());
    if at < c.line.len() {
        c.mark(at..c.line.len(), Highlight::Text);
    }
    let text = c.line[at..].to_string();
    c.pos = c.line.len();
    Ok(Command::Warning {
        to,
        span: t.span,
        text,
    })
}

/// SET: which setting, then its value (ON|OFF, or for EMSG also CODE|TEXT).
fn set(c: &mut Cursor) -> Result<Command, ConsoleError> {
    use verbs::SetWord as W;
    let what =
        verbs::SET_WORD_ORDER[c.keyword(verbs::SET_WORDS, "MSG, WNG, EMSG, IMSG or SMSG")?];
    if what == W::Emsg {
        let emsg = match c.keyword(verbs::EMSG_VALUES, "ON, OFF, CODE or TEXT")? {
            0 => Emsg::On,
            1 => Emsg::Off,
            2 => Emsg::Code,
            _ => Emsg::Text,
        };
        return Ok(Command::SetEmsg(emsg));
    }
    let on = c.keyword(verbs::ON_OFF, "ON or OFF")? == 0;
    Ok(match what {
        W::Msg => Command::SetMsg(on),
        W::Smsg => Command::SetSmsg(on),
        W::Wng => Command::SetWng(on),
        W::Imsg | W::Emsg => Command::SetImsg(on),
    })
}

/// IPL: a device address (1-4 hex digits) or a system name (1-8 of A-Z 0-9 @ # $), then
/// CLEAR and PARM text (the rest of the line) in that order.
fn ipl(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::OperandMissing, "a device address or system name"));
    };
    let device = match t.word() {
        Some(w) if Userid::parse(w).is_ok() => w.to_ascii_uppercase(),
        _ => {
            return Err(c.err(CpMsg::OperandMissing).at(
                t.span,
                "expected a device address (hex) or a system name of 1-8 characters",
            ));
        }
    };
    c.mark(t.span.clone(), Highlight::Hex);
    let mut clear = false;
    if let Some(o) = c.peek()?
        && o.word().is_some_and(|w| verbs::IPL_CLEAR.matches(w))
    {
        c.next()?;
        c.mark(o.span, Highlight::Keyword);
        clear = true;
    }
    if let Some(o) = c.next()? {
        if !o.word().is_some_and(|w| verbs::IPL_PARM.matches(w)) {
            return Err(c
                .err(CpMsg::InvalidOption(o.shown()))
                .at(o.span, "IPL takes CLEAR, then PARM text"));
        }
        c.mark(o.span, Highlight::Keyword);
        // PARM's text is the rest of the line: a guest's loader would read it, vmcfsim none.
        if c.rest().trim().is_empty() {
            return Err(c.missing(CpMsg::OperandMissing, "PARM needs its text"));
        }
        let start = c.pos;
        c.mark(start..c.line.len(), Highlight::Text);
        c.pos = c.line.len();
    }
    Ok(Command::Ipl { device, clear })
}

fn query(c: &mut Cursor) -> Result<Command, ConsoleError> {
    use verbs::QueryWord as Q;
    let Some(t) = c.next()? else {
        return Err(c.missing(
            CpMsg::OperandMissing,
            "what to query: NAMES, SET, TIME, ...",
        ));
    };
    let q = match t.word().and_then(verbs::query_word) {
        Some(w) => {
            c.mark(t.span.clone(), Highlight::Keyword);
            match w {
                Q::Names => Query::Names,
                Q::Users => Query::Users,
                Q::Set => Query::Set,
                Q::Time => Query::Time,
                Q::Storage => Query::Storage,
                Q::Virtual => {
                    if let Some(s) = c.peek()?
                        && s.word().is_some_and(|w| verbs::STORAGE.matches(w))
                    {
                        c.next()?;
                        c.mark(s.span, Highlight::Keyword);
                    }
                    Query::Storage
                }
            }
        }
        // Any other word is a userid, as CP took it.
        None => match userid_of(&t) {
            Ok(u) => {
                c.mark(t.span.clone(), Highlight::Userid);
                Query::User(u)
            }
            Err(_) => {
                return Err(c
                    .err(CpMsg::InvalidOperand(t.shown()))
                    .at(t.span, "not a QUERY operand nor a userid"));
            }
        },
    };
    Ok(Command::Query(q))
}

fn define(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::OperandMissing, "DEFINE STORAGE nnnK|nnM"));
    };
    if !t.word().is_some_and(|w| verbs::STORAGE.matches(w)) {
        return Err(c
            .err(CpMsg::InvalidOperand(t.shown()))
            .at(t.span, "only DEFINE STORAGE is simulated"));
    }
    c.mark(t.span, Highlight::Keyword);
    c.module = "DEH";
    let Some(s) = c.next()? else {
        return Err(c.missing(CpMsg::StorageMissing, "size missing: nnnK or nnM"));
    };
    let size =
        storage_size(s.raw).map_err(|why| c.err(CpMsg::StorageMissing).at(s.span.clone(), why))?;
    c.mark(s.span, Highlight::Number);
    Ok(Command::DefineStorage(size))
}

/// `nnnK` or `nnM`: 4K to 16M in steps of 4K.
fn storage_size(w: &str) -> Result<u32, &'static str> {
    let (digits, unit) = match w.as_bytes().last() {
        Some(b'K' | b'k') => (&w[..w.len() - 1], 1u64 << 10),
        Some(b'M' | b'm') => (&w[..w.len() - 1], 1u64 << 20),
        _ => return Err("the size needs K or M: nnnK or nnM"),
    };
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expected a decimal number before K or M");
    }
    let bytes = digits.parse::<u64>().unwrap_or(u64::MAX) * unit;
    if bytes == 0 || bytes > 16 << 20 {
        return Err("storage is 4K to 16M");
    }
    if !bytes.is_multiple_of(4096) {
        return Err("storage grows in steps of 4K");
    }
    Ok(bytes as u32)
}

fn display(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let mut requests = Vec::new();
    while let Some(t) = c.next()? {
        let r = display_request(&t).map_err(|(msg, why)| c.err(msg).at(t.span.clone(), why))?;
        c.mark(t.span.clone(), Highlight::Hex);
        requests.push(r);
    }
    if requests.is_empty() {
        return Err(c.missing(CpMsg::OperandMissing, "what to display: Lhex or Thex"));
    }
    Ok(Command::Display(requests))
}

fn display_request(t: &Token) -> Result<DisplayRequest, (CpMsg, &'static str)> {
    let hexloc_err = |why| (CpMsg::InvalidHexloc(t.shown()), why);
    let Some(w) = t.word() else {
        return Err(hexloc_err("expected [L|T]hexloc"));
    };
    let upper = w.to_ascii_uppercase();
    if matches!(upper.as_str(), "PSW" | "CAW" | "CSW") || upper.starts_with(['G', 'X', 'Y', 'K']) {
        return Err((
            CpMsg::InvalidOperand(t.shown()),
            "registers, PSW and storage keys are not simulated",
        ));
    }
    let (translate, body) = match upper.as_bytes()[0] {
        b'L' => (false, &upper[1..]),
        b'T' => (true, &upper[1..]),
        _ => (false, &upper[..]),
    };
    let mut r = DisplayRequest {
        translate,
        first: 0,
        last: None,
        single: false,
        span: t.span.clone(),
    };
    if body.is_empty() {
        return Ok(r);
    }
    let split = body.find(['-', ':', '.']);
    let (start, sep, end) = match split {
        Some(i) => (&body[..i], Some(body.as_bytes()[i]), &body[i + 1..]),
        None => (body, None, ""),
    };
    r.first = if start.is_empty() && sep == Some(b'-') {
        0
    } else {
        hexloc(start).map_err(hexloc_err)?
    };
    let range_err = |why| (CpMsg::InvalidRange(t.shown()), why);
    match sep {
        None => r.single = true,
        Some(_) if end == "END" => {}
        Some(b'.') => {
            let n = hexloc(end).map_err(|_| range_err("expected a hex byte count or END"))?;
            if n == 0 {
                return Err(range_err("a byte count of zero shows nothing"));
            }
            r.last = Some(r.first.saturating_add(n - 1));
        }
        Some(_) => {
            let last = hexloc(end).map_err(hexloc_err)?;
            if last < r.first {
                return Err(range_err("the range ends before it starts"));
            }
            r.last = Some(last);
        }
    }
    Ok(r)
}

fn store(c: &mut Cursor) -> Result<Command, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.missing(CpMsg::OperandMissing, "where to store: Lhex or Shex"));
    };
    let bad_loc = |c: &Cursor, why: &str| {
        c.err(CpMsg::InvalidHexloc(t.shown()))
            .at(t.span.clone(), why.to_string())
    };
    let Some(w) = t.word() else {
        return Err(bad_loc(c, "expected [L|S]hexloc"));
    };
    let (bytes_form, digits) = match w.as_bytes()[0] {
        b'S' | b's' => (true, &w[1..]),
        b'L' | b'l' => (false, &w[1..]),
        _ => (false, w),
    };
    let mut address = hexloc(digits).map_err(|why| bad_loc(c, why))?;
    c.mark(t.span.clone(), Highlight::Hex);
    let mut items = Vec::new();
    let mut odd_digit = None;
    if bytes_form {
        let Some(d) = c.next()? else {
            return Err(c.missing(CpMsg::OperandMissing, "hexdata missing"));
        };
        let digits = d
            .word()
            .filter(|w| w.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(digits) = digits.filter(|w| w.len() >= 2) else {
            return Err(c
                .err(CpMsg::InvalidHexdata(d.shown()))
                .at(d.span, "expected at least two hex digits"));
        };
        let even = digits.len() & !1;
        if even < digits.len() {
            odd_digit = Some(d.span.clone());
        }
        items.push(StoreItem::Bytes(
            hex_bytes(&digits[..even]).expect("even count of hex digits"),
        ));
        c.mark(d.span, Highlight::Hex);
    } else {
        while let Some(d) = c.next()? {
            let item = match &d.tok {
                Tok::Word(w) => StoreItem::Word(hexword(w).ok_or_else(|| {
                    c.err(CpMsg::InvalidHexdata(d.shown()))
                        .at(d.span.clone(), "a hexword is 1 to 16 hex digits")
                })?),
                Tok::Quoted(s) => {
                    let at = d.span.start + 1;
                    StoreItem::Bytes(ebcdic_text(s, at).map_err(|(_, ch)| {
                        c.err(CpMsg::InvalidOperand(d.shown())).at(
                            d.span.clone(),
                            format!("'{ch}' has no EBCDIC code (code page 037)"),
                        )
                    })?)
                }
                Tok::Hex(digits) => StoreItem::Bytes(hex_bytes(digits).map_err(|why| {
                    c.err(CpMsg::InvalidHexdata(d.shown()))
                        .at(d.span.clone(), why)
                })?),
            };
            let h = if matches!(d.tok, Tok::Quoted(_)) {
                Highlight::Text
            } else {
                Highlight::Hex
            };
            c.mark(d.span.clone(), h);
            items.push(item);
        }
        if items.is_empty() {
            return Err(c.missing(CpMsg::OperandMissing, "data missing: hexwords or 'text'"));
        }
        // CP stores words on fullwords: the address is rounded down when a word comes first.
        if matches!(items[0], StoreItem::Word(_)) {
            address &= !3;
        }
    }
    Ok(Command::Store {
        address,
        items,
        odd_digit,
    })
}

/// A hexword: up to 8 digits fill a word, 9 to 16 a doubleword, right-justified.
fn hexword(w: &str) -> Option<Vec<u8>> {
    if w.is_empty() || w.len() > 16 || !w.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = u64::from_str_radix(w, 16).ok()?;
    Some(if w.len() <= 8 {
        (v as u32).to_be_bytes().to_vec()
    } else {
        v.to_be_bytes().to_vec()
    })
}

fn diag(c: &mut Cursor, verb: &Token) -> Result<Command, ConsoleError> {
    let Some(code) = c.next()? else {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(verb.span.clone(), "DIAG 68 Lhex: the code is missing"));
    };
    let is_68 = match code.tok {
        Tok::Word(w) => w == "68",
        Tok::Hex(d) => d == "68",
        Tok::Quoted(_) => false,
    };
    if !is_68 {
        return Err(c
            .err(CpMsg::InvalidOperand(code.shown()))
            .at(code.span, "only DIAGNOSE X'68' (VMCF) is simulated"));
    }
    c.mark(code.span.clone(), Highlight::Hex);
    Ok(Command::Diag68(c.address(&code, true)?))
}

// ---- VMCF ----

fn vmcf(c: &mut Cursor, verb: &Token) -> Result<VmcfCommand, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c.err(CpMsg::OperandMissing).at(
            verb.span.clone(),
            "which subfunction? AUTHORIZE, SEND, RECEIVE, ... (HELP VMCF)",
        ));
    };
    let Some(def) = t.word().and_then(verbs::subfunction) else {
        return Err(c
            .err(CpMsg::InvalidOperand(t.shown()))
            .at(t.span, "not a VMCF subfunction (HELP VMCF lists them)"));
    };
    c.mark(t.span.clone(), Highlight::Keyword);
    let name = def.names[0].name;
    let mut v = VmcfCommand {
        sub: Some(def.sub),
        ..VmcfCommand::default()
    };
    if let Some(role) = def.partner {
        v.partner = Some(c.userid(&format_args!("the {role}'s userid"))?.0);
    }
    // The options given so far, one bit each (no allocation for a line).
    let mut seen = 0u32;
    let bit = |o: Opt| 1u32 << (o as u32);
    let mut len_span = None;
    let mut addr: Option<(u32, Span)> = None;
    while let Some(o) = c.next()? {
        let unknown = |c: &Cursor, why: String| {
            c.err(CpMsg::InvalidOption(o.shown()))
                .at(o.span.clone(), why)
        };
        let Some(od) = o.word().and_then(verbs::option) else {
            return Err(unknown(c, format!("unknown option of {name}")));
        };
        let opt = od.opt;
        if opt == Opt::At && def.sub != Subfunction::Authorize {
            return Err(unknown(c, "AT goes right after DATA or REPLYBUF".into()));
        }
        if !def.options.contains(&opt) {
            return Err(unknown(c, format!("not an option of {name}")));
        }
        if seen & bit(opt) != 0 {
            return Err(unknown(c, "given twice".into()));
        }
        if (opt == Opt::Data && seen & bit(Opt::Addr) != 0)
            || (opt == Opt::Addr && seen & bit(Opt::Data) != 0)
        {
            return Err(unknown(c, "DATA and ADDR exclude each other".into()));
        }
        seen |= bit(opt);
        c.mark(o.span.clone(), Highlight::Keyword);
        match opt {
            Opt::Specific => {
                v.specific = true;
                v.partner = Some(c.userid(&"the SPECIFIC userid")?.0);
            }
            Opt::Priority => v.priority = true,
            Opt::Smsg => v.smsg = true,
            Opt::Buf => v.buf = Some(c.number(&o)?),
            Opt::At => v.at = Some(c.address(&o, false)?),
            Opt::Mid => v.mid = Some(c.number(&o)?),
            Opt::Len => {
                v.len = Some(c.number(&o)?);
                len_span = Some(o.span.clone());
            }
            Opt::Into => v.into = Some(c.address(&o, false)?),
            Opt::Addr => addr = Some((c.address(&o, false)?, o.span.clone())),
            Opt::Use => v.use_dw = Some(use_doubleword(c, &o)?),
            Opt::Data => {
                let bytes = literal(c, &o)?;
                let at = at_after(c)?;
                v.data = Some((Data::Literal { bytes, at }, o.span.start..c.pos));
            }
            Opt::ReplyBuf => {
                let len = c.number(&o)?;
                let at = at_after(c)?;
                v.reply_buf = Some((len, at, o.span.start..c.pos));
            }
        }
    }
    // ADDR and LEN make one data operand; on RECEIVE, LEN is the buffer length.
    if let Some((address, span)) = addr {
        let Some(len) = v.len.take() else {
            return Err(c.err(CpMsg::OperandMissing).at(span, "ADDR needs LEN n"));
        };
        v.data = Some((Data::Addr { address, len }, span));
    } else if let (Some(span), true) = (len_span, def.sub != Subfunction::Receive) {
        return Err(c
            .err(CpMsg::InvalidOption("LEN".into()))
            .at(span, "LEN goes with ADDR"));
    }
    if def.needs_mid && v.mid.is_none() {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(t.span.clone(), format!("{name} needs MID n")));
    }
    Ok(v)
}

/// `AT Lhex` right after DATA or REPLYBUF, if there.
fn at_after(c: &mut Cursor) -> Result<Option<u32>, ConsoleError> {
    match c.peek()? {
        Some(t)
            if t.word()
                .is_some_and(|w| verbs::opt_def(Opt::At).keyword.matches(w)) =>
        {
            c.next()?;
            c.mark(t.span.clone(), Highlight::Keyword);
            Ok(Some(c.address(&t, false)?))
        }
        _ => Ok(None),
    }
}

/// `'text'` (EBCDIC) or `X'hex'` bytes.
fn literal(c: &mut Cursor, after: &Token) -> Result<Vec<u8>, ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(after.span.clone(), "DATA needs 'text' or X'hex'"));
    };
    let bytes = match &t.tok {
        Tok::Quoted(s) => ebcdic_text(s, t.span.start + 1).map_err(|(_, ch)| {
            c.err(CpMsg::InvalidOperand(t.shown())).at(
                t.span.clone(),
                format!("'{ch}' has no EBCDIC code (code page 037)"),
            )
        })?,
        Tok::Hex(d) => hex_bytes(d).map_err(|why| {
            c.err(CpMsg::InvalidHexdata(t.shown()))
                .at(t.span.clone(), why)
        })?,
        Tok::Word(_) => {
            return Err(c
                .err(CpMsg::InvalidOperand(t.shown()))
                .at(t.span, "DATA needs 'text' or X'hex'"));
        }
    };
    let h = if matches!(t.tok, Tok::Quoted(_)) {
        Highlight::Text
    } else {
        Highlight::Hex
    };
    c.mark(t.span, h);
    Ok(bytes)
}

/// `USE X'hex'` (right-justified, as DC XL8) or `USE 'text'` (blank-padded, as DC CL8).
fn use_doubleword(c: &mut Cursor, after: &Token) -> Result<[u8; 8], ConsoleError> {
    let Some(t) = c.next()? else {
        return Err(c
            .err(CpMsg::OperandMissing)
            .at(after.span.clone(), "USE needs X'hex' or 'text'"));
    };
    let bad = |c: &Cursor, why: &str| {
        c.err(CpMsg::InvalidOperand(t.shown()))
            .at(t.span.clone(), why.to_string())
    };
    let dw = match &t.tok {
        Tok::Hex(d) => {
            if d.is_empty() || d.len() > 16 || !d.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad(c, "USE X'...' takes 1 to 16 hex digits"));
            }
            u64::from_str_radix(d, 16)
                .expect("checked hex digits")
                .to_be_bytes()
        }
        Tok::Quoted(s) => {
            let e = ebcdic_text(s, t.span.start + 1)
                .map_err(|(_, ch)| bad(c, &format!("'{ch}' has no EBCDIC code")))?;
            if e.len() > 8 {
                return Err(bad(c, "USE '...' takes at most 8 characters"));
            }
            let mut dw = [0x40u8; 8];
            dw[..e.len()].copy_from_slice(&e);
            dw
        }
        Tok::Word(_) => return Err(bad(c, "USE needs X'hex' or 'text'")),
    };
    c.mark(t.span, Highlight::Hex);
    Ok(dw)
}

#[cfg(test)]
mod tests {
    #[test]
    fn logon_with_password_takes_cps_form() {
        let a = Userid::parse("A").unwrap();
        assert_eq!(logon_with_password("logon a"), Some(Ok((a, None))));
        assert_eq!(
            logon_with_password("L a secret"),
            Some(Ok((a, Some("secret".into()))))
        );
        assert_eq!(logon_with_password("LOGON"), Some(Err(())));
        assert_eq!(logon_with_password("LOGON A B C"), Some(Err(())));
        assert_eq!(logon_with_password("LOGOFF"), None);
        assert_eq!(logon_with_password("Q NAMES"), None);
    }

    use super::*;

    fn ok(line: &str) -> Line {
        match parse(line).result {
            Ok(l) => l,
            Err(e) => panic!("{line:?}: {} {} ({:?})", e.id(), e.text(), e.reason),
        }
    }

    fn cmd(line: &str) -> Command {
        ok(line).command
    }

    fn err(line: &str) -> ConsoleError {
        match parse(line).result {
            Ok(l) => panic!("{line:?} parsed: {l:?}"),
            Err(e) => e,
        }
    }

    fn full(line: &str) -> String {
        let e = err(line);
        format!("{} {}", e.id(), e.text())
    }

    fn u(s: &str) -> Userid {
        Userid::parse(s).unwrap()
    }

    #[test]
    fn blank_lines_and_comments() {
        assert_eq!(cmd(""), Command::Empty);
        assert_eq!(cmd("   \t "), Command::Empty);
        assert_eq!(cmd("* a comment 'with quote"), Command::Comment);
        assert_eq!(cmd("  *indented"), Command::Comment);
        let l = ok("B: * remark");
        assert_eq!(
            (l.prefix.map(|p| p.0), l.command),
            (Some(u("B")), Command::Comment)
        );
    }

    #[test]
    fn every_verb_parses() {
        assert_eq!(cmd("LOGON a"), Command::Logon(u("A")));
        assert_eq!(cmd("login b"), Command::Logon(u("B")));
        assert_eq!(cmd("LOGOFF"), Command::Logoff);
        assert_eq!(cmd("logout"), Command::Logoff);
        assert_eq!(
            cmd("SMSG b hello"),
            Command::Smsg {
                to: Target::User(u("B")),
                text: ebcdic::encode("hello").unwrap()
            }
        );
        assert_eq!(
            cmd("MSG * Hi  There "),
            Command::Msg {
                to: Target::Me,
                text: "Hi  There ".into()
            }
        );
        assert_eq!(cmd("SET SMSG ON"), Command::SetSmsg(true));
        assert_eq!(cmd("set msg off"), Command::SetMsg(false));
        assert_eq!(cmd("Q NAMES"), Command::Query(Query::Names));
        assert_eq!(cmd("Q USERS"), Command::Query(Query::Users));
        assert_eq!(cmd("Q SET"), Command::Query(Query::Set));
        assert_eq!(cmd("Q T"), Command::Query(Query::Time));
        assert_eq!(cmd("Q STOR"), Command::Query(Query::Storage));
        assert_eq!(cmd("Q V STOR"), Command::Query(Query::Storage));
        assert_eq!(cmd("Q bob"), Command::Query(Query::User(u("BOB"))));
        assert_eq!(cmd("DEF STOR 64K"), Command::DefineStorage(64 << 10));
        assert_eq!(cmd("define storage 2M"), Command::DefineStorage(2 << 20));
        assert!(matches!(cmd("D T200.20"), Command::Display(_)));
        assert!(matches!(cmd("ST L800 1"), Command::Store { .. }));
        assert!(matches!(cmd("VMCF QUIESCE"), Command::Vmcf(_)));
        assert_eq!(cmd("DIAG 68 L800"), Command::Diag68(0x800));
        assert_eq!(cmd("diagnose X'68' X'1000'"), Command::Diag68(0x1000));
        assert_eq!(cmd("ENABLE"), Command::Enable);
        assert_eq!(cmd("DISABLE"), Command::Disable);
        assert_eq!(
            cmd("HELP vmcf send"),
            Command::Help(vec!["VMCF".into(), "SEND".into()])
        );
        assert_eq!(cmd("QUIT"), Command::Quit);
    }

    #[test]
    fn abbreviation_boundaries() {
        // (shortest accepted, one shorter refused)
        for (good, bad) in [
            ("Q NAMES", "QX NAMES"),
            ("D L0", "DX L0"),
            ("SM A x", "S A x"),
            ("ST L0 0", "S L0 0"),
            ("DEF STOR 4K", "DE STOR 4K"),
            ("DIAG 68 L0", "DIA 68 L0"),
            ("ENA", "EN"),
            ("LOGI A", "LOGIX A"),
        ] {
            assert!(parse(good).result.is_ok(), "{good}");
            assert_eq!(err(bad).msg.number(), 1, "{bad}");
        }
        // One short of DISABLE is DISPLAY, which wants an operand.
        assert_eq!(cmd("DISA"), Command::Disable);
        assert_eq!(err("DIS").msg.number(), 26);
        assert!(parse("DEF STOR 4K").result.is_ok());
        assert_eq!(full("DEF STO 4K"), "DMKDEF002E INVALID OPERAND - STO");
        assert_eq!(cmd("Q NAM"), Command::Query(Query::Names));
        // `Q NA` is a userid NA, as CP took unknown QUERY words.
        assert_eq!(cmd("Q NA"), Command::Query(Query::User(u("NA"))));
        for (good, bad) in [
            ("VMCF AUTH", "VMCF AUT"),
            ("VMCF UNAUTH", "VMCF UNAUT"),
            ("VMCF SENDR B", "VMCF SEN B"),
            ("VMCF REC B MID 1", "VMCF RE B MID 1"),
            ("VMCF REJ B MID 1", "VMCF REPL B MID 1"),
            ("VMCF CAN B MID 1", "VMCF CA B MID 1"),
            ("VMCF QUI", "VMCF QU"),
            ("VMCF RES", "VMCF R"),
            ("VMCF IDENT B", "VMCF IDEN B"),
            ("VMCF SEND B PRIO", "VMCF SEND B PRI"),
            ("VMCF AUTH SPEC B", "VMCF AUTH SPE B"),
        ] {
            assert!(parse(good).result.is_ok(), "{good}");
            assert!(parse(bad).result.is_err(), "{bad}");
        }
    }

    /// Operands that make a minimal valid line for each verb.
    fn sample_operands(v: Verb) -> &'static str {
        match v {
            Verb::Logon => "X",
            Verb::Smsg | Verb::Msg => "A hi",
            Verb::Set => "MSG ON",
            Verb::Query => "NAMES",
            Verb::Define => "STOR 4K",
            Verb::Display => "L0",
            Verb::Store => "L0 0",
            Verb::Vmcf => "QUIESCE",
            Verb::Diag => "68 L0",
            Verb::Force => "B",
            Verb::Warning => "B hi",
            Verb::System => "RESET",
            Verb::Ipl => "190",
            _ => "",
        }
    }

    #[test]
    fn every_spelling_of_every_verb_at_its_boundary() {
        let mut taken = Vec::new();
        for def in verbs::VERBS {
            if def.verb.front_end_only() {
                // The REPL takes DIAGRAM before the console sees it; the console says so.
                let e = parse("DIAGRAM x.svg").result.unwrap_err();
                assert!(e.reason.unwrap().contains("REPL"));
                continue;
            }
            let ops = sample_operands(def.verb);
            for k in def.names {
                for len in k.min..=k.name.len() {
                    let word = &k.name[..len];
                    // Where two commands share a spelling, the table's order decides.
                    if verbs::verb(word).map(|d| d.verb) != Some(def.verb) {
                        taken.push(word);
                        continue;
                    }
                    let line = format!("{} {ops}", word.to_ascii_lowercase());
                    assert_eq!(cmd(&line).verb(), Some(def.verb), "{line}");
                }
                if k.min > 1 {
                    let line = format!("{} {ops}", &k.name[..k.min - 1]);
                    let other = parse(&line).result.ok().and_then(|l| l.command.verb());
                    assert_ne!(other, Some(def.verb), "{line} is one short of {}", k.name);
                }
            }
        }
        // As in CP, LOG (and LOGO) is LOGOFF, not LOGON.
        assert_eq!(taken, ["LOG", "LOGO"]);
    }

    #[test]
    fn every_subfunction_and_option_at_its_boundary() {
        for s in verbs::SUBFUNCTIONS {
            let partner = if s.partner.is_some() { " B" } else { "" };
            let mid = if s.needs_mid { " MID 1" } else { "" };
            for k in s.names {
                let line = format!("VMCF {}{partner}{mid}", &k.name[..k.min]);
                let Command::Vmcf(v) = cmd(&line) else {
                    panic!("{line}")
                };
                assert_eq!(v.sub, Some(s.sub), "{line}");
                let short = format!("VMCF {}{partner}{mid}", &k.name[..k.min - 1]);
                let other = parse(&short).result.ok().and_then(|l| match l.command {
                    Command::Vmcf(v) => v.sub,
                    _ => None,
                });
                assert_ne!(other, Some(s.sub), "{short}");
            }
            for o in s.options {
                let d = verbs::opt_def(*o);
                let operand = match d.operand {
                    "" => "",
                    "userid" => " C",
                    "Lhex" => " L100",
                    "'text'|X'hex'" | "X'hex'|'text'" => " X'01'",
                    _ => " 5",
                };
                // LEN belongs to ADDR except on RECEIVE; MID may already be there.
                let extra = match (*o, s.sub) {
                    (Opt::Len, Subfunction::Receive) => "",
                    (Opt::Len, _) => " ADDR L0",
                    (Opt::Addr, _) => " LEN 1",
                    _ => "",
                };
                let base = if *o == Opt::Mid { "" } else { mid };
                let k = d.keyword;
                for word in [&k.name[..k.min], k.name] {
                    let line = format!(
                        "VMCF {}{partner}{base} {word}{operand}{extra}",
                        s.names[0].name
                    );
                    assert!(
                        parse(&line).result.is_ok(),
                        "{line}: {:?}",
                        parse(&line).result
                    );
                }
                let short = format!(
                    "VMCF {}{partner}{base} {}{operand}{extra}",
                    s.names[0].name,
                    &k.name[..k.min - 1]
                );
                assert!(parse(&short).result.is_err(), "{short}");
            }
        }
    }

    #[test]
    fn prefix_runs_as_another_user() {
        let l = ok("b: smsg a hi");
        assert_eq!(l.prefix.as_ref().map(|p| p.0), Some(u("B")));
        assert!(matches!(l.command, Command::Smsg { .. }));
        let l = ok("B:Q SET");
        assert_eq!(l.prefix.map(|p| p.0), Some(u("B")));
        assert_eq!(
            full("TOOLONGID: Q SET"),
            "DMKCFC020E USERID MISSING OR INVALID"
        );
        assert_eq!(full("B:"), "DMKCFC026E OPERAND MISSING OR INVALID");
    }

    #[test]
    fn smsg_text_is_the_rest_of_the_line() {
        let Command::Smsg { text, .. } = cmd("SMSG B  two  blanks ") else {
            panic!()
        };
        assert_eq!(ebcdic::decode(&text), " two  blanks ");
        let Command::Smsg { text, .. } = cmd("SM B") else {
            panic!()
        };
        assert!(text.is_empty());
        assert_eq!(full("SMSG"), "DMKMSG020E USERID MISSING OR INVALID");
        assert_eq!(
            full("SMSG ABCDEFGHI x"),
            "DMKMSG020E USERID MISSING OR INVALID"
        );
        assert_eq!(full("MSG A-B x"), "DMKMSG020E USERID MISSING OR INVALID");
        assert_eq!(full("SMSG B price €5"), "DMKMSG002E INVALID OPERAND - €");
    }

    #[test]
    fn quoted_text_and_escapes() {
        let Command::Vmcf(v) = cmd("VMCF SEND B DATA 'it''s' USE 'ab'") else {
            panic!()
        };
        let Some((Data::Literal { bytes, at: None }, _)) = v.data else {
            panic!()
        };
        assert_eq!(ebcdic::decode(&bytes), "it's");
        assert_eq!(v.use_dw, Some(*b"\x81\x82\x40\x40\x40\x40\x40\x40"));
        let e = err("VMCF SEND B DATA 'open");
        assert_eq!(e.msg.number(), 2);
        assert_eq!(e.span, Some(17..22));
        assert_eq!(
            full("VMCF SEND B DATA 'a'b"),
            "DMKVMC002E INVALID OPERAND - 'a'b"
        );
        let Command::Vmcf(v) = cmd("VMCF SEND B DATA ''''") else {
            panic!()
        };
        assert!(matches!(v.data, Some((Data::Literal { ref bytes, .. }, _)) if bytes == &[0x7D]));
    }

    #[test]
    fn hex_and_numbers() {
        let Command::Vmcf(v) = cmd("VMCF SENDX B MID X'0A' DATA X'c1C2' USE X'1'") else {
            panic!()
        };
        assert_eq!(v.mid, Some(10));
        assert!(
            matches!(v.data, Some((Data::Literal { ref bytes, .. }, _)) if bytes == &[0xC1, 0xC2])
        );
        assert_eq!(v.use_dw, Some([0, 0, 0, 0, 0, 0, 0, 1]));
        assert_eq!(
            full("VMCF SEND B DATA X'ABC'"),
            "DMKVMC005E INVALID HEXDATA - X'ABC'"
        );
        assert_eq!(
            full("VMCF SEND B DATA X'ABC"),
            "DMKVMC005E INVALID HEXDATA - X'ABC"
        );
        assert_eq!(
            full("VMCF SEND B DATA X'GG'"),
            "DMKVMC005E INVALID HEXDATA - X'GG'"
        );
        assert_eq!(
            full("VMCF SEND B MID 4294967296"),
            "DMKVMC002E INVALID OPERAND - 4294967296"
        );
        assert_eq!(
            full("VMCF SEND B MID X'123456789'"),
            "DMKVMC002E INVALID OPERAND - X'123456789'"
        );
        assert_eq!(
            full("VMCF SEND B USE X'11223344556677889'"),
            "DMKVMC002E INVALID OPERAND - X'11223344556677889'"
        );
        assert_eq!(
            full("VMCF SEND B USE 'NINECHARS'"),
            "DMKVMC002E INVALID OPERAND - 'NINECHARS'"
        );
    }

    #[test]
    fn addresses_stop_at_16m() {
        assert_eq!(cmd("DIAG 68 LFFFFF8"), Command::Diag68(0xFF_FFF8));
        assert_eq!(cmd("DIAG 68 L00000800"), Command::Diag68(0x800));
        assert_eq!(
            full("DIAG 68 L1000000"),
            "DMKHVC004E INVALID HEXLOC - L1000000"
        );
        assert_eq!(
            full("VMCF AUTH AT L1000000"),
            "DMKVMC004E INVALID HEXLOC - L1000000"
        );
        assert_eq!(
            full("VMCF AUTH AT 1000"),
            "DMKVMC004E INVALID HEXLOC - 1000"
        );
        assert_eq!(full("D T1000000"), "DMKCDB004E INVALID HEXLOC - T1000000");
        assert_eq!(
            full("ST LFFFFFFFFFFFFFFFFFFFF 0"),
            "DMKCDS004E INVALID HEXLOC - LFFFFFFFFFFFFFFFFFFFF"
        );
    }

    #[test]
    fn vmcf_options() {
        let Command::Vmcf(v) = cmd("vmcf auth prio smsg buf 209 at l2000 spec b") else {
            panic!()
        };
        assert_eq!(v.sub, Some(Subfunction::Authorize));
        assert!(v.priority && v.smsg && v.specific);
        assert_eq!(
            (v.buf, v.at, v.partner),
            (Some(209), Some(0x2000), Some(u("B")))
        );
        let Command::Vmcf(v) = cmd("VMCF SENDRECV B REPLYBUF 100 AT L3000 DATA 'q' AT L2000 MID 9")
        else {
            panic!()
        };
        assert_eq!(
            v.reply_buf.as_ref().map(|r| (r.0, r.1)),
            Some((100, Some(0x3000)))
        );
        assert!(matches!(
            v.data,
            Some((
                Data::Literal {
                    at: Some(0x2000),
                    ..
                },
                _
            ))
        ));
        let Command::Vmcf(v) = cmd("VMCF SEND/RECV B ADDR L2000 LEN 5") else {
            panic!()
        };
        assert_eq!(
            v.data.map(|d| d.0),
            Some(Data::Addr {
                address: 0x2000,
                len: 5
            })
        );
        let Command::Vmcf(v) = cmd("VMCF RECEIVE A MID 1 INTO L5000 LEN 20 USE X'FF'") else {
            panic!()
        };
        assert_eq!((v.into, v.len, v.mid), (Some(0x5000), Some(20), Some(1)));
        assert!(matches!(
            cmd("VMCF REPLY A MID 1 DATA X''"),
            Command::Vmcf(_)
        ));
        assert!(matches!(
            cmd("VMCF REJECT A MID 1 USE X'04'"),
            Command::Vmcf(_)
        ));
        assert!(matches!(cmd("VMCF CANCEL B MID 1"), Command::Vmcf(_)));
        assert!(matches!(
            cmd("VMCF IDENTIFY B USE 'READY' MID 3 PRIO"),
            Command::Vmcf(_)
        ));
        assert!(matches!(cmd("VMCF UNAUTHORIZE"), Command::Vmcf(_)));
        assert!(matches!(cmd("VMCF RESUME"), Command::Vmcf(_)));
    }

    #[test]
    fn bad_vmcf_operands() {
        assert_eq!(full("VMCF"), "DMKVMC026E OPERAND MISSING OR INVALID");
        assert_eq!(full("VMCF FROB"), "DMKVMC002E INVALID OPERAND - FROB");
        assert_eq!(full("VMCF SEND"), "DMKVMC020E USERID MISSING OR INVALID");
        assert_eq!(
            full("VMCF SEND B PRIORTY"),
            "DMKVMC003E INVALID OPTION - PRIORTY"
        );
        assert_eq!(
            full("VMCF SEND B MID 1 MID 2"),
            "DMKVMC003E INVALID OPTION - MID"
        );
        assert_eq!(
            full("VMCF SEND B PRIO PRIORITY"),
            "DMKVMC003E INVALID OPTION - PRIORITY"
        );
        assert_eq!(
            full("VMCF SEND B BUF 40"),
            "DMKVMC003E INVALID OPTION - BUF"
        );
        assert_eq!(full("VMCF SEND B AT L0"), "DMKVMC003E INVALID OPTION - AT");
        assert_eq!(
            full("VMCF SEND B DATA 'a' ADDR L0 LEN 1"),
            "DMKVMC003E INVALID OPTION - ADDR"
        );
        assert_eq!(
            full("VMCF SEND B ADDR L0"),
            "DMKVMC026E OPERAND MISSING OR INVALID"
        );
        assert_eq!(full("VMCF SEND B LEN 5"), "DMKVMC003E INVALID OPTION - LEN");
        assert_eq!(
            full("VMCF SEND B MID"),
            "DMKVMC026E OPERAND MISSING OR INVALID"
        );
        assert_eq!(
            full("VMCF SEND B DATA"),
            "DMKVMC026E OPERAND MISSING OR INVALID"
        );
        assert_eq!(
            full("VMCF SEND B DATA hello"),
            "DMKVMC002E INVALID OPERAND - hello"
        );
        assert_eq!(
            full("VMCF RECEIVE B"),
            "DMKVMC026E OPERAND MISSING OR INVALID"
        );
        assert_eq!(
            full("VMCF AUTH SPEC"),
            "DMKVMC020E USERID MISSING OR INVALID"
        );
        assert_eq!(full("VMCF QUIESCE NOW"), "DMKVMC003E INVALID OPTION - NOW");
        let e = err("VMCF SEND B MID 1 MID 2");
        assert_eq!(
            (e.span, e.reason.as_deref()),
            (Some(18..21), Some("given twice"))
        );
    }

    #[test]
    fn other_bad_input() {
        assert_eq!(full("FROB"), "DMKCFC001E ?CP: FROB");
        assert_eq!(full("'quoted'"), "DMKCFC001E ?CP: 'QUOTED'");
        assert_eq!(full("LOGON"), "DMKLOG020E USERID MISSING OR INVALID");
        assert_eq!(
            full("LOGON ABCDEFGHI"),
            "DMKLOG020E USERID MISSING OR INVALID"
        );
        assert_eq!(full("LOGON A$#@1 PW"), "DMKLOG002E INVALID OPERAND - PW");
        assert_eq!(full("LOGOFF HOLD"), "DMKLOG002E INVALID OPERAND - HOLD");
        assert_eq!(full("SET"), "DMKCFS026E OPERAND MISSING OR INVALID");
        assert_eq!(full("SET RUN ON"), "DMKCFS002E INVALID OPERAND - RUN");
        // The settings of issue 13, with every wrong value.
        assert_eq!(full("SET WNG"), "DMKCFS026E OPERAND MISSING OR INVALID");
        assert_eq!(full("SET WNG CODE"), "DMKCFS002E INVALID OPERAND - CODE");
        assert_eq!(full("SET WNG ON X"), "DMKCFS002E INVALID OPERAND - X");
        assert_eq!(full("SET IMSG TEXT"), "DMKCFS002E INVALID OPERAND - TEXT");
        assert_eq!(full("SET IMSG"), "DMKCFS026E OPERAND MISSING OR INVALID");
        assert_eq!(full("SET EMSG"), "DMKCFS026E OPERAND MISSING OR INVALID");
        assert_eq!(full("SET EMSG YES"), "DMKCFS002E INVALID OPERAND - YES");
        assert_eq!(
            full("SET EMSG CODE TEXT"),
            "DMKCFS002E INVALID OPERAND - TEXT"
        );
        assert_eq!(full("SET EMSG 'ON'"), "DMKCFS002E INVALID OPERAND - 'ON'");
        assert_eq!(cmd("set emsg code"), Command::SetEmsg(Emsg::Code));
        assert_eq!(cmd("SET EMSG TEXT"), Command::SetEmsg(Emsg::Text));
        assert_eq!(cmd("SET EMSG OFF"), Command::SetEmsg(Emsg::Off));
        assert_eq!(cmd("SET WNG OFF"), Command::SetWng(false));
        assert_eq!(cmd("SET IMSG OFF"), Command::SetImsg(false));
        assert_eq!(full("DISC NOW"), "DMKUSO002E INVALID OPERAND - NOW");
        assert_eq!(full("DISC HOLD X"), "DMKUSO002E INVALID OPERAND - X");
        assert_eq!(cmd("DISC HOLD"), Command::Disconn);
        assert_eq!(full("FORCE"), "DMKCFC020E USERID MISSING OR INVALID");
        assert_eq!(full("FORCE *"), "DMKCFC020E USERID MISSING OR INVALID");
        assert_eq!(full("FORCE B NOW"), "DMKCFC002E INVALID OPERAND - NOW");
        assert_eq!(full("FORC B"), "DMKCFC001E ?CP: FORC");
        assert_eq!(full("WARNING"), "DMKMSG020E USERID MISSING OR INVALID");
        assert_eq!(full("W * hi"), "DMKMSG020E USERID MISSING OR INVALID");
        assert_eq!(
            full("W ABCDEFGHI hi"),
            "DMKMSG020E USERID MISSING OR INVALID"
        );
        assert_eq!(full("SYSTEM"), "DMKCFG026E OPERAND MISSING OR INVALID");
        assert_eq!(full("SYS RESTART"), "DMKCFG002E INVALID OPERAND - RESTART");
        assert_eq!(full("SYS RESET NOW"), "DMKCFG002E INVALID OPERAND - NOW");
        assert_eq!(cmd("sys clear"), Command::System { clear: true });
        assert_eq!(full("IPL"), "DMKCFG026E OPERAND MISSING OR INVALID");
        assert_eq!(
            full("IPL ABCDEFGHI"),
            "DMKCFG026E OPERAND MISSING OR INVALID"
        );
        assert_eq!(full("IPL 'CMS'"), "DMKCFG026E OPERAND MISSING OR INVALID");
        assert_eq!(full("IPL 190 NOW"), "DMKCFG003E INVALID OPTION - NOW");
        assert_eq!(
            full("IPL 190 PARM"),
            "DMKCFG026E OPERAND MISSING OR INVALID"
        );
        assert_eq!(
            full("IPL CMS CLEAR CLEAR"),
            "DMKCFG003E INVALID OPTION - CLEAR"
        );
        assert_eq!(
            cmd("ipl cms cl parm AUTOCR"),
            Command::Ipl {
                device: "CMS".into(),
                clear: true
            }
        );
        assert_eq!(full("SET SMSG MAYBE"), "DMKCFS002E INVALID OPERAND - MAYBE");
        assert_eq!(full("Q"), "DMKCQG026E OPERAND MISSING OR INVALID");
        assert_eq!(full("Q NAMES X"), "DMKCQG002E INVALID OPERAND - X");
        assert_eq!(full("Q A-B"), "DMKCQG002E INVALID OPERAND - A-B");
        assert_eq!(full("DEFINE"), "DMKDEF026E OPERAND MISSING OR INVALID");
        assert_eq!(full("DEF CPU"), "DMKDEF002E INVALID OPERAND - CPU");
        assert_eq!(full("DEF STOR"), "DMKDEH025E STORAGE MISSING OR INVALID");
        assert_eq!(
            full("DEF STOR 17M"),
            "DMKDEH025E STORAGE MISSING OR INVALID"
        );
        assert_eq!(full("DEF STOR 6K"), "DMKDEH025E STORAGE MISSING OR INVALID");
        assert_eq!(full("DEF STOR 0K"), "DMKDEH025E STORAGE MISSING OR INVALID");
        assert_eq!(
            full("DEF STOR 1024"),
            "DMKDEH025E STORAGE MISSING OR INVALID"
        );
        assert_eq!(full("D"), "DMKCDB026E OPERAND MISSING OR INVALID");
        assert_eq!(full("D G1"), "DMKCDB002E INVALID OPERAND - G1");
        assert_eq!(full("D T300-200"), "DMKCDB009E INVALID RANGE - T300-200");
        assert_eq!(full("D L0.0"), "DMKCDB009E INVALID RANGE - L0.0");
        assert_eq!(full("D LZZ"), "DMKCDB004E INVALID HEXLOC - LZZ");
        assert_eq!(full("ST"), "DMKCDS026E OPERAND MISSING OR INVALID");
        assert_eq!(full("ST L800"), "DMKCDS026E OPERAND MISSING OR INVALID");
        assert_eq!(full("ST L800 XYZ"), "DMKCDS005E INVALID HEXDATA - XYZ");
        assert_eq!(
            full("ST L800 11223344556677889"),
            "DMKCDS005E INVALID HEXDATA - 11223344556677889"
        );
        assert_eq!(full("ST S800 A"), "DMKCDS005E INVALID HEXDATA - A");
        assert_eq!(full("DIAG 8 L0"), "DMKHVC002E INVALID OPERAND - 8");
        assert_eq!(full("DIAG"), "DMKHVC026E OPERAND MISSING OR INVALID");
        assert_eq!(full("DIAG 68"), "DMKHVC026E OPERAND MISSING OR INVALID");
        assert_eq!(full("QUIT NOW"), "DMKCFC002E INVALID OPERAND - NOW");
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        let e = err("SMSG B a\u{7}b");
        assert_eq!(
            format!("{} {}", e.id(), e.text()),
            "DMKCFC002E INVALID OPERAND - X'07'"
        );
        assert_eq!(e.span, Some(8..9));
        assert!(parse("Q\tNAMES").result.is_ok(), "a tab is a blank");
    }

    #[test]
    fn multibyte_characters_anywhere() {
        // A line starting with a character of more than one byte once panicked (X' check).
        assert_eq!(full("€"), "DMKCFC001E ?CP: €");
        assert_eq!(full("é'x'"), "DMKCFC001E ?CP: é'X'");
        assert_eq!(full("VMCF SEND B DATA €"), "DMKVMC002E INVALID OPERAND - €");
        assert_eq!(full("D €"), "DMKCDB004E INVALID HEXLOC - €");
        assert_eq!(full("ST €"), "DMKCDS004E INVALID HEXLOC - €");
        assert_eq!(full("DEF STOR €"), "DMKDEH025E STORAGE MISSING OR INVALID");
        assert_eq!(full("Q €"), "DMKCQG002E INVALID OPERAND - €");
    }

    #[test]
    fn long_lines_are_fine() {
        let long = format!("SMSG B {}", "x".repeat(10_000));
        assert!(parse(&long).result.is_ok());
        let long = format!("VMCF SEND B DATA X'{}'", "C1".repeat(5_000));
        assert!(parse(&long).result.is_ok());
        let e = err(&format!("FROB{}", "Z".repeat(10_000)));
        assert!(e.text().len() < 60, "messages cut long words");
    }

    #[test]
    fn display_requests() {
        let Command::Display(r) = cmd("D T200.20 L0-END 10 L -8 T") else {
            panic!()
        };
        let got: Vec<_> = r
            .iter()
            .map(|r| (r.translate, r.first, r.last, r.single))
            .collect();
        assert_eq!(
            got,
            [
                (true, 0x200, Some(0x21F), false),
                (false, 0, None, false),
                (false, 0x10, None, true),
                (false, 0, None, false),
                (false, 0, Some(8), false),
                (true, 0, None, false),
            ]
        );
    }

    #[test]
    fn store_operands() {
        assert_eq!(
            cmd("ST L803 1 123456789"),
            Command::Store {
                address: 0x800,
                items: vec![
                    StoreItem::Word(vec![0, 0, 0, 1]),
                    StoreItem::Word(vec![0, 0, 0, 1, 0x23, 0x45, 0x67, 0x89])
                ],
                odd_digit: None
            }
        );
        assert_eq!(
            cmd("STORE L803 'Ab'"),
            Command::Store {
                address: 0x803,
                items: vec![StoreItem::Bytes(vec![0xC1, 0x82])],
                odd_digit: None
            }
        );
        let Command::Store {
            items, odd_digit, ..
        } = cmd("ST S801 C1C2C")
        else {
            panic!()
        };
        assert_eq!(items, [StoreItem::Bytes(vec![0xC1, 0xC2])]);
        assert_eq!(odd_digit, Some(8..13));
    }

    #[test]
    fn highlights_classify_the_words() {
        let p = parse("A: VMCF SEND B DATA 'hi' MID 3");
        let kinds: Vec<_> = p.marks.iter().map(|m| m.1).collect();
        use Highlight::*;
        assert_eq!(
            kinds,
            [
                Userid, Verb, Keyword, Userid, Keyword, Text, Keyword, Number
            ]
        );
        let p = parse("VMCF SEND B PRIORTY");
        assert_eq!(p.marks.last(), Some(&(12..19, Error)));
    }
}
