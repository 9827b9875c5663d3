//! The expectation lines of a script, parsed: `*=` and then what the nearest command line above
//! should have done, in the transcript's own words (`docs/console.md#checking-a-script`).
//!
//! ```text
//! *= RC 0                                   the line's return code
//! *= B: SEND TO A MID 7: RC 0               subfunction, partner, MID, as the transcript says it
//! *= A: INTERRUPT SEND FROM B MID 7 LENA 12 USE 'B-REQ'
//! *= B: INTERRUPT RESPONSE FROM A TO SEND MID 7 EFLG 16
//! *= A: INTERRUPT SMSG FROM B TEXT 'Hello'
//! *= A: NO INTERRUPT
//! *= A: DATA MOVED TO 030000 'HELLO FROM B'
//! *= ERROR DMKCFC003E                        the line is refused with this message
//! *= A: STORAGE 030000 X'C8C5'
//! ```
//!
//! Parsing knows nothing of a session: it gives an [`Expectation`] or an [`ExpectError`] whose
//! span points inside the line. Whether a user is logged on is for the checker to say.

use std::fmt;
use std::ops::Range;

use crate::ebcdic;
use crate::vmcf::Subfunction;

/// What starts an expectation line. To CP, and to `vmcfsim run`, it is a comment.
pub const MARKER: &str = "*=";

/// Whether a script line is an expectation (leading blanks allowed, as for any comment).
pub fn is_expectation(line: &[u8]) -> bool {
    let start = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(line.len());
    line[start..].starts_with(MARKER.as_bytes())
}

/// One parsed expectation line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// The user whose terminal shows it (`A:`), as typed, in upper case.
    pub user: Option<String>,
    /// What it expects.
    pub what: Expect,
}

/// The kinds of expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// A return code, optionally of one subfunction, partner and MID.
    Rc {
        /// The subfunction, when named.
        subfunction: Option<Subfunction>,
        /// The partner (VMCPUSER), when named, in upper case.
        partner: Option<String>,
        /// The MID, when named.
        mid: Option<u32>,
        /// The return code.
        rc: u32,
    },
    /// An X'4001' interrupt whose header has every one of these fields.
    Interrupt(Vec<Field>),
    /// No interrupt at all (or none for the user).
    NoInterrupt,
    /// Data moved into a user's storage.
    Data {
        /// Where the bytes landed, when given.
        address: Option<u32>,
        /// The bytes moved, when given.
        bytes: Option<Vec<u8>>,
        /// How many bytes moved, when given.
        length: Option<u32>,
    },
    /// The line is refused with this CP message.
    Error(MessageId),
    /// Storage holds these bytes at this address once the line has run.
    Storage {
        /// Where the bytes are.
        address: u32,
        /// The bytes.
        bytes: Vec<u8>,
    },
}

/// A header field an interrupt expectation names, and the value it must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// VMCMSTAT exactly.
    Stat(u8),
    /// These VMCMSTAT bits set (from `RESPONSE`, `REJECTED`).
    StatHas(u8),
    /// VMCMEFLG exactly.
    Eflg(u8),
    /// VMCMFUNC, the subfunction's code.
    Func(u16),
    /// VMCMMID, the message id.
    Mid(u32),
    /// VMCMUSER, the partner.
    User(String),
    /// VMCMVADA, address A as the source gave it.
    Vada(u32),
    /// VMCMLENA, its length.
    Lena(u32),
    /// VMCMVADB, address B as the source gave it.
    Vadb(u32),
    /// VMCMLENB, its length.
    Lenb(u32),
    /// VMCMUSE, the user doubleword.
    Use([u8; 8]),
    /// The SENDX or SMSG data stored after the header.
    Data(Vec<u8>),
}

impl Field {
    /// The field's name as the transcript prints it.
    pub fn name(&self) -> &'static str {
        match self {
            Field::Stat(_) | Field::StatHas(_) => "VMCMSTAT",
            Field::Eflg(_) => "VMCMEFLG",
            Field::Func(_) => "VMCMFUNC",
            Field::Mid(_) => "VMCMMID",
            Field::User(_) => "VMCMUSER",
            Field::Vada(_) => "VMCMVADA",
            Field::Lena(_) => "VMCMLENA",
            Field::Vadb(_) => "VMCMVADB",
            Field::Lenb(_) => "VMCMLENB",
            Field::Use(_) => "VMCMUSE",
            Field::Data(_) => "data",
        }
    }
}

/// A CP message number as written in an expectation: `DMKCFC003E`, `003E` or `003`. The parts
/// given must match; the others may be anything. vmcfsim's own reports, which are no CP
/// messages (a program check, docs/decisions.md#d9), have ids of their own
/// (`VMCFSIM-PROGRAM-CHECK-ADDRESSING`): those match whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageId {
    /// `DMKCFC`: the module (`CFC`), when given.
    pub module: Option<String>,
    /// The number (`003`); 0 for vmcfsim's own ids.
    pub number: u16,
    /// The severity letter (`E`, `W`, `I`), when given.
    pub severity: Option<char>,
    /// vmcfsim's own id (`VMCFSIM-...`), upper case; `number` is then 0.
    pub own: Option<String>,
}

/// How vmcfsim's own ids start, so that none can be taken for a CP message id.
const OWN: &str = "VMCFSIM-";

impl MessageId {
    /// Whether a message id as the console writes it (`DMKCFC003E`) matches.
    pub fn matches(&self, id: &str) -> bool {
        let Some(got) = MessageId::parse(id) else {
            return false;
        };
        if self.own.is_some() || got.own.is_some() {
            return self.own == got.own;
        }
        got.number == self.number
            && self
                .module
                .as_ref()
                .is_none_or(|m| got.module.as_ref() == Some(m))
            && self.severity.is_none_or(|s| got.severity == Some(s))
    }

    fn parse(text: &str) -> Option<MessageId> {
        let t = text.to_ascii_uppercase();
        if let Some(rest) = t.strip_prefix(OWN) {
            let word = |c: char| c.is_ascii_uppercase() || c == '-';
            return (!rest.is_empty() && rest.chars().all(word)).then(|| MessageId {
                module: None,
                number: 0,
                severity: None,
                own: Some(t.clone()),
            });
        }
        let (module, rest) = match t.strip_prefix("DMK") {
            Some(r) if r.len() >= 3 && r.is_char_boundary(3) => {
                let (m, rest) = r.split_at(3);
                m.chars()
                    .all(|c| c.is_ascii_uppercase())
                    .then_some((Some(m.to_string()), rest))?
            }
            Some(_) => return None,
            None => (None, t.as_str()),
        };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits != 3 {
            return None;
        }
        let number = rest[..3].parse().ok()?;
        let severity = match &rest[3..] {
            "" => None,
            s if s.len() == 1 && s.chars().all(|c| c.is_ascii_uppercase()) => s.chars().next(),
            _ => return None,
        };
        Some(MessageId {
            module,
            number,
            severity,
            own: None,
        })
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(own) = &self.own {
            return f.write_str(own);
        }
        if let Some(m) = &self.module {
            write!(f, "DMK{m}")?;
        }
        write!(f, "{:03}", self.number)?;
        if let Some(s) = self.severity {
            write!(f, "{s}")?;
        }
        Ok(())
    }
}

/// A bad expectation line: what is wrong, and where in the line (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectError {
    /// Where the fault is.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ExpectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExpectError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    /// `'text'`, quotes doubled inside.
    Text(String),
    /// `X'hex'`: the digits.
    Hex(String),
    Colon,
    /// `(` to the end of the line: the meaning the transcript prints after a return code.
    Note,
}

struct Token {
    tok: Tok,
    span: Range<usize>,
}

fn tokens(line: &str, from: usize) -> Result<Vec<Token>, ExpectError> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b',' {
            i += 1;
            continue;
        }
        let start = i;
        let quoted = |i: usize| -> Result<(String, usize), ExpectError> {
            // `i` is just past the opening quote.
            let mut text = String::new();
            let mut j = i;
            loop {
                match line[j..].find('\'') {
                    None => {
                        return Err(ExpectError {
                            span: start..line.len(),
                            message: "a quoted literal has no closing quote".into(),
                        });
                    }
                    Some(k) => {
                        text.push_str(&line[j..j + k]);
                        j += k + 1;
                        if b.get(j) == Some(&b'\'') {
                            text.push('\'');
                            j += 1;
                        } else {
                            return Ok((text, j));
                        }
                    }
                }
            }
        };
        if c == b'\'' {
            let (text, end) = quoted(i + 1)?;
            out.push(Token {
                tok: Tok::Text(text),
                span: start..end,
            });
            i = end;
        } else if (c == b'X' || c == b'x') && b.get(i + 1) == Some(&b'\'') {
            let (text, end) = quoted(i + 2)?;
            out.push(Token {
                tok: Tok::Hex(text),
                span: start..end,
            });
            i = end;
        } else if c == b':' {
            out.push(Token {
                tok: Tok::Colon,
                span: start..i + 1,
            });
            i += 1;
        } else if c == b'(' {
            out.push(Token {
                tok: Tok::Note,
                span: start..line.len(),
            });
            i = line.len();
        } else {
            let end = line[i..]
                .find([' ', '\t', ',', ':', '\'', '('])
                .map_or(line.len(), |k| i + k);
            out.push(Token {
                tok: Tok::Word(line[i..end].to_ascii_uppercase()),
                span: start..end,
            });
            i = end;
        }
    }
    Ok(out)
}

/// The forms, for the error that names none of them.
const FORMS: &str = "RC, SUBFUNCTION ... RC, INTERRUPT, NO INTERRUPT, DATA MOVED, ERROR or STORAGE";
/// The interrupt fields, for the error naming one that does not exist.
const FIELDS: &str = "VMCMSTAT, VMCMEFLG, VMCMFUNC, VMCMMID, VMCMUSER, VMCMVADA, VMCMLENA, \
                      VMCMVADB, VMCMLENB, VMCMUSE (without VMCM too), FROM, DATA or TEXT";

/// Parses one expectation line (the whole line, `*=` included, so spans point into it).
pub fn parse(line: &str) -> Result<Expectation, ExpectError> {
    let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
    if !line[lead..].starts_with(MARKER) {
        return Err(ExpectError {
            span: lead..lead,
            message: format!("an expectation starts with {MARKER}"),
        });
    }
    let toks = tokens(line, lead + MARKER.len())?;
    let mut p = Parser {
        toks: &toks,
        at: 0,
        end: line.len(),
    };
    let user = p.user_prefix();
    let what = p.body()?;
    if let Some(t) = p.peek_token() {
        return Err(ExpectError {
            span: t.span.clone(),
            message: format!(
                "nothing may follow the expectation here, not {}",
                show(&t.tok)
            ),
        });
    }
    Ok(Expectation { user, what })
}

fn show(t: &Tok) -> String {
    match t {
        Tok::Word(w) => w.clone(),
        Tok::Text(s) => format!("'{s}'"),
        Tok::Hex(h) => format!("X'{h}'"),
        Tok::Colon => ":".into(),
        Tok::Note => "(".into(),
    }
}

/// A subfunction by the name the transcript prints (`SEND/RECV` and `SENDRECV` both).
fn subfunction(word: &str) -> Option<Subfunction> {
    let w = if word == "SEND/RECV" {
        "SENDRECV"
    } else {
        word
    };
    Subfunction::ALL.iter().copied().find(|s| s.name() == w)
}

struct Parser<'t> {
    toks: &'t [Token],
    at: usize,
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.tok)
    }

    fn peek_token(&self) -> Option<&Token> {
        self.toks.get(self.at)
    }

    fn word_at(&self, k: usize) -> Option<&str> {
        match self.toks.get(self.at + k).map(|t| &t.tok) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn is(&self, k: usize, word: &str) -> bool {
        self.word_at(k) == Some(word)
    }

    /// Where an error about a missing value points: the next token, or the end of the line.
    fn here(&self) -> Range<usize> {
        self.toks
            .get(self.at)
            .map_or(self.end..self.end, |t| t.span.clone())
    }

    fn err<T>(&self, span: Range<usize>, message: impl Into<String>) -> Result<T, ExpectError> {
        Err(ExpectError {
            span,
            message: message.into(),
        })
    }

    /// `A:` (a word and a colon), unless the word is a subfunction whose colon comes before `RC`
    /// (`SEND: RC 0`), as the transcript writes a return code.
    fn user_prefix(&mut self) -> Option<String> {
        let w = self.word_at(0)?.to_string();
        if !matches!(self.toks.get(self.at + 1).map(|t| &t.tok), Some(Tok::Colon)) {
            return None;
        }
        if subfunction(&w).is_some() && self.is(2, "RC") {
            return None;
        }
        self.at += 2;
        Some(w)
    }

    fn body(&mut self) -> Result<Expect, ExpectError> {
        let span = self.here();
        let Some(word) = self.word_at(0).map(str::to_string) else {
            let what = self.peek().map_or("nothing".to_string(), show);
            return self.err(span, format!("expected {FORMS}, not {what}"));
        };
        match word.as_str() {
            "RC" => self.rc(None),
            "INTERRUPT" => {
                self.at += 1;
                self.interrupt()
            }
            "EXTERNAL" if self.is(1, "INTERRUPT") => {
                self.at += 2;
                // The transcript's `X'4001' AT 001000:` may be copied too.
                if matches!(self.peek(), Some(Tok::Hex(h)) if h == "4001") {
                    self.at += 1;
                }
                if self.is(0, "AT") {
                    self.at += 1;
                    self.address("AT")?;
                    if matches!(self.peek(), Some(Tok::Colon)) {
                        self.at += 1;
                    }
                }
                self.interrupt()
            }
            "NO" if self.is(1, "INTERRUPT") => {
                self.at += 2;
                Ok(Expect::NoInterrupt)
            }
            "DATA" if self.is(1, "MOVED") => {
                self.at += 2;
                self.data()
            }
            "ERROR" => {
                self.at += 1;
                self.message_id()
            }
            w if w.starts_with("DMK") => self.message_id(),
            "STORAGE" => {
                self.at += 1;
                let address = self.address("STORAGE")?;
                let bytes = self.literal("STORAGE")?;
                if bytes.is_empty() {
                    return self.err(span, "STORAGE needs at least one byte to compare");
                }
                Ok(Expect::Storage { address, bytes })
            }
            w => match subfunction(w) {
                Some(s) => {
                    self.at += 1;
                    self.rc(Some(s))
                }
                None => self.err(span, format!("unknown expectation {w}: expected {FORMS}")),
            },
        }
    }

    /// `[TO|FROM user] [MID n] [:] RC n [(meaning)]`, after the subfunction if any.
    fn rc(&mut self, subfunction: Option<Subfunction>) -> Result<Expect, ExpectError> {
        let mut partner = None;
        let mut mid = None;
        if subfunction.is_some() {
            if self.is(0, "TO") || self.is(0, "FROM") {
                let which = self.word_at(0).unwrap_or_default().to_string();
                self.at += 1;
                partner = Some(self.userid(&which)?);
            }
            if self.is(0, "MID") {
                self.at += 1;
                mid = Some(self.number("MID")?);
            }
            if matches!(self.peek(), Some(Tok::Colon)) {
                self.at += 1;
            }
        }
        if !self.is(0, "RC") {
            let span = self.here();
            return self.err(span, "expected RC and a return code");
        }
        self.at += 1;
        let rc = self.number("RC")?;
        if matches!(self.peek(), Some(Tok::Note)) {
            self.at += 1;
        }
        Ok(Expect::Rc {
            subfunction,
            partner,
            mid,
            rc,
        })
    }

    fn interrupt(&mut self) -> Result<Expect, ExpectError> {
        let mut fields = Vec::new();
        let mut smsg = false;
        while let Some(t) = self.peek_token() {
            let span = t.span.clone();
            let Tok::Word(w) = &t.tok else {
                return self.err(
                    span,
                    format!("expected a header field ({FIELDS}), not {}", show(&t.tok)),
                );
            };
            let w = w.clone();
            self.at += 1;
            let name = w.strip_prefix("VMCM").unwrap_or(&w);
            let field = match name {
                "RESPONSE" => Field::StatHas(crate::vmcf::vmcmstat::VMCMRESP),
                "REJECTED" => Field::StatHas(crate::vmcf::vmcmstat::VMCMRJCT),
                "TO" => Field::Func(self.function("TO")?),
                "SMSG" => {
                    smsg = true;
                    fields.push(Field::User("SYSTEM".into()));
                    Field::Func(Subfunction::Sendx.code())
                }
                "FROM" if smsg => Field::Use(blank_padded(&self.userid("FROM")?)),
                "FROM" | "USER" => Field::User(self.userid(&w)?),
                "STAT" => Field::Stat(self.stat()?),
                "EFLG" => Field::Eflg(self.byte(&w)?),
                "FUNC" => Field::Func(self.function(&w)?),
                "MID" => Field::Mid(self.number(&w)?),
                "VADA" => Field::Vada(self.address(&w)?),
                "LENA" => Field::Lena(self.number(&w)?),
                "VADB" => Field::Vadb(self.address(&w)?),
                "LENB" => Field::Lenb(self.number(&w)?),
                "USE" => Field::Use(self.doubleword()?),
                "DATA" | "TEXT" => Field::Data(self.literal(&w)?),
                other => match subfunction(other) {
                    Some(s) if !w.starts_with("VMCM") => Field::Func(s.code()),
                    _ => {
                        return self.err(
                            span,
                            format!("no header field {w}: the fields are {FIELDS}"),
                        );
                    }
                },
            };
            fields.push(field);
        }
        Ok(Expect::Interrupt(fields))
    }

    /// `[TO address] [literal] [LEN n | n BYTES]`.
    fn data(&mut self) -> Result<Expect, ExpectError> {
        let mut address = None;
        let mut bytes = None;
        let mut length = None;
        if self.is(0, "TO") || self.is(0, "AT") {
            self.at += 1;
            address = Some(self.address("TO")?);
        }
        if matches!(self.peek(), Some(Tok::Text(_) | Tok::Hex(_))) {
            bytes = Some(self.literal("DATA MOVED")?);
        }
        if self.is(0, "LEN") {
            self.at += 1;
            length = Some(self.number("LEN")?);
        } else if self.is(1, "BYTES") || self.is(1, "BYTE") {
            length = Some(self.number("the length")?);
            self.at += 1;
        }
        Ok(Expect::Data {
            address,
            bytes,
            length,
        })
    }

    fn message_id(&mut self) -> Result<Expect, ExpectError> {
        let span = self.here();
        let Some(w) = self.word_at(0).map(str::to_string) else {
            return self.err(
                span,
                "ERROR needs a message number: DMKCFC003E, 003E or 003",
            );
        };
        self.at += 1;
        match MessageId::parse(&w) {
            Some(id) => Ok(Expect::Error(id)),
            None => self.err(
                span,
                format!("{w} is not a message number: write DMKCFC003E, 003E or 003"),
            ),
        }
    }

    fn userid(&mut self, after: &str) -> Result<String, ExpectError> {
        let span = self.here();
        match self.word_at(0) {
            Some(w) if crate::vmcf::Userid::parse(w).is_ok() => {
                let w = w.to_string();
                self.at += 1;
                Ok(w)
            }
            Some(w) => {
                let w = w.to_string();
                self.err(span, format!("{w} is not a userid (1-8 of A-Z 0-9 @ # $)"))
            }
            None => self.err(span, format!("{after} needs a userid")),
        }
    }

    fn function(&mut self, after: &str) -> Result<u16, ExpectError> {
        let span = self.here();
        if let Some(w) = self.word_at(0)
            && let Some(s) = subfunction(w)
        {
            self.at += 1;
            return Ok(s.code());
        }
        let n = self.number(after).map_err(|_| ExpectError {
            span,
            message: format!("{after} needs a subfunction name (SEND, SENDX, ...) or number"),
        })?;
        u16::try_from(n).or_else(|_| {
            self.err(
                self.toks[self.at - 1].span.clone(),
                "a function code is a halfword",
            )
        })
    }

    /// A decimal number, or `X'hex'`.
    fn number(&mut self, after: &str) -> Result<u32, ExpectError> {
        let span = self.here();
        let bad = |what: &str| ExpectError {
            span: span.clone(),
            message: format!("{after} needs a decimal number or X'hex', not {what}"),
        };
        let value = match self.peek() {
            Some(Tok::Word(w)) if w.bytes().all(|b| b.is_ascii_digit()) => {
                w.parse::<u32>().map_err(|_| ExpectError {
                    span: span.clone(),
                    message: format!("{w} is larger than a fullword"),
                })?
            }
            Some(Tok::Hex(h)) => hex_number(h).ok_or_else(|| bad(&format!("X'{h}'")))?,
            Some(t) => return Err(bad(&show(t))),
            None => return Err(bad("nothing")),
        };
        self.at += 1;
        Ok(value)
    }

    fn byte(&mut self, after: &str) -> Result<u8, ExpectError> {
        let n = self.number(after)?;
        u8::try_from(n).or_else(|_| {
            self.err(
                self.toks[self.at - 1].span.clone(),
                format!("{after} is one byte: 0 to 255"),
            )
        })
    }

    /// A hexadecimal address: `030000`, `L30000` (as DISPLAY takes it) or `X'30000'`.
    fn address(&mut self, after: &str) -> Result<u32, ExpectError> {
        let span = self.here();
        let value = match self.peek() {
            Some(Tok::Word(w)) => {
                let digits = w.strip_prefix('L').unwrap_or(w);
                hex_number(digits)
            }
            Some(Tok::Hex(h)) => hex_number(h),
            _ => None,
        };
        match value {
            Some(v) => {
                self.at += 1;
                Ok(v)
            }
            None => {
                let what = self.peek().map_or("nothing".to_string(), show);
                self.err(
                    span,
                    format!("{after} needs a hexadecimal address (030000), not {what}"),
                )
            }
        }
    }

    /// VMCMSTAT: `X'80'`, or flag names joined by `+` (`RESP+PRTY`), or `NONE`.
    fn stat(&mut self) -> Result<u8, ExpectError> {
        use crate::vmcf::vmcmstat::{VMCMPRTY, VMCMRESP, VMCMRJCT};
        let span = self.here();
        let value = match self.peek() {
            Some(Tok::Hex(h)) => hex_number(h).and_then(|v| u8::try_from(v).ok()),
            Some(Tok::Word(w)) if w == "NONE" => Some(0),
            Some(Tok::Word(w)) => w.split('+').try_fold(0u8, |acc, name| {
                let bit = match name.strip_prefix("VMCM").unwrap_or(name) {
                    "RESP" | "RESPONSE" => VMCMRESP,
                    "RJCT" | "REJECTED" => VMCMRJCT,
                    "PRTY" | "PRIORITY" => VMCMPRTY,
                    _ => return None,
                };
                Some(acc | bit)
            }),
            _ => None,
        };
        match value {
            Some(v) => {
                self.at += 1;
                Ok(v)
            }
            None => {
                let what = self.peek().map_or("nothing".to_string(), show);
                self.err(
                    span,
                    format!("VMCMSTAT needs flags (RESP, RJCT, PRTY joined by +, or NONE) or X'hh', not {what}"),
                )
            }
        }
    }

    /// VMCMUSE as the console's USE takes it: `X'hex'` right-justified, `'text'` blank-padded.
    fn doubleword(&mut self) -> Result<[u8; 8], ExpectError> {
        let span = self.here();
        match self.peek() {
            Some(Tok::Hex(h)) if (1..=16).contains(&h.replace(' ', "").len()) => {
                let digits = h.replace(' ', "");
                let Some(bytes) = hex_bytes(&format!("{digits:0>16}")).filter(|b| b.len() == 8)
                else {
                    return self.err(span, format!("X'{h}' is not hexadecimal"));
                };
                self.at += 1;
                let mut dw = [0u8; 8];
                dw.copy_from_slice(&bytes);
                Ok(dw)
            }
            Some(Tok::Text(t)) if t.chars().count() <= 8 => {
                let Ok(bytes) = ebcdic::encode(t) else {
                    return self.err(span, "the text has a character EBCDIC lacks");
                };
                self.at += 1;
                let mut dw = [0x40u8; 8];
                dw[..bytes.len()].copy_from_slice(&bytes);
                Ok(dw)
            }
            _ => self.err(
                span,
                "USE needs X'hex' (1 to 16 digits) or 'text' (at most 8 characters)",
            ),
        }
    }

    /// `'text'` (EBCDIC) or `X'hex'`.
    fn literal(&mut self, after: &str) -> Result<Vec<u8>, ExpectError> {
        let span = self.here();
        let bytes = match self.peek() {
            Some(Tok::Text(t)) => ebcdic::encode(t).map_err(|c| ExpectError {
                span: span.clone(),
                message: format!("{c:?} has no EBCDIC code"),
            })?,
            Some(Tok::Hex(h)) => hex_bytes(h).ok_or_else(|| ExpectError {
                span: span.clone(),
                message: format!("X'{h}' needs an even number of hexadecimal digits"),
            })?,
            _ => return self.err(span, format!("{after} needs 'text' or X'hex'")),
        };
        self.at += 1;
        Ok(bytes)
    }
}

fn blank_padded(userid: &str) -> [u8; 8] {
    crate::vmcf::Userid::parse(userid).map_or([0x40; 8], |u| u.ebcdic())
}

fn hex_number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

fn hex_bytes(digits: &str) -> Option<Vec<u8>> {
    let d = digits.replace(' ', "");
    if !d.len().is_multiple_of(2) || !d.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..d.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&d[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(line: &str) -> Expectation {
        parse(line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    fn bad(line: &str) -> ExpectError {
        parse(line).expect_err(line)
    }

    #[test]
    fn return_codes_in_the_transcripts_words() {
        assert_eq!(
            ok("*= RC 0").what,
            Expect::Rc {
                subfunction: None,
                partner: None,
                mid: None,
                rc: 0
            }
        );
        let e = ok("*= B: SEND TO A MID 7: RC 4 (source not authorized)");
        assert_eq!(e.user.as_deref(), Some("B"));
        assert_eq!(
            e.what,
            Expect::Rc {
                subfunction: Some(Subfunction::Send),
                partner: Some("A".into()),
                mid: Some(7),
                rc: 4
            }
        );
        let e = ok("*= send: rc 8");
        assert_eq!(e.user, None, "a subfunction before RC is not a user");
        assert!(matches!(
            e.what,
            Expect::Rc {
                subfunction: Some(Subfunction::Send),
                rc: 8,
                ..
            }
        ));
        assert!(matches!(
            ok("*= SEND/RECV RC X'0A'").what,
            Expect::Rc {
                subfunction: Some(Subfunction::SendRecv),
                rc: 10,
                ..
            }
        ));
    }

    #[test]
    fn interrupts_copy_the_headline_and_name_fields() {
        let e = ok("*= B: INTERRUPT RESPONSE FROM A TO SEND MID 7 VMCMEFLG 16 LENA 0");
        assert_eq!(
            e.what,
            Expect::Interrupt(vec![
                Field::StatHas(0x80),
                Field::User("A".into()),
                Field::Func(2),
                Field::Mid(7),
                Field::Eflg(16),
                Field::Lena(0),
            ])
        );
        let e = ok("*= A: EXTERNAL INTERRUPT X'4001' AT 001000: SMSG FROM B TEXT 'Hi'");
        assert_eq!(
            e.what,
            Expect::Interrupt(vec![
                Field::User("SYSTEM".into()),
                Field::Func(4),
                Field::Use(blank_padded("B")),
                Field::Data(vec![0xC8, 0x89]),
            ])
        );
        let e = ok("*= A: INTERRUPT SEND STAT RESP+PRTY USE X'C8' VADA L20000");
        let Expect::Interrupt(f) = e.what else {
            panic!()
        };
        assert_eq!(f[1], Field::Stat(0xA0));
        assert_eq!(f[2], Field::Use([0, 0, 0, 0, 0, 0, 0, 0xC8]));
        assert_eq!(f[3], Field::Vada(0x20000));
        assert_eq!(ok("*= A: NO INTERRUPT").what, Expect::NoInterrupt);
    }

    #[test]
    fn data_errors_and_storage() {
        assert_eq!(
            ok("*= A: DATA MOVED TO 030000, 12 BYTES").what,
            Expect::Data {
                address: Some(0x30000),
                bytes: None,
                length: Some(12)
            }
        );
        assert_eq!(
            ok("*= DATA MOVED 'it''s'").what,
            Expect::Data {
                address: None,
                bytes: Some(ebcdic::encode("it's").unwrap()),
                length: None
            }
        );
        let Expect::Error(id) = ok("*= ERROR DMKCFC003E").what else {
            panic!()
        };
        assert!(id.matches("DMKCFC003E") && !id.matches("DMKCFC003W") && !id.matches("DMKMSG003E"));
        let Expect::Error(id) = ok("*= ERROR 045").what else {
            panic!()
        };
        assert!(id.matches("DMKMSG045W") && id.matches("DMKCQG045W"));
        assert!(ok("*= DMKCQG045E").what == Expect::Error(MessageId::parse("DMKCQG045E").unwrap()));
        // vmcfsim's own ids (no CP message, docs/decisions.md#d9) match whole, never a CP id.
        let Expect::Error(id) = ok("*= ERROR vmcfsim-program-check-addressing").what else {
            panic!()
        };
        assert!(id.matches("VMCFSIM-PROGRAM-CHECK-ADDRESSING"));
        assert!(!id.matches("VMCFSIM-PROGRAM-CHECK-SPECIFICATION") && !id.matches("DMKHVC005E"));
        assert!(
            !MessageId::parse("005E")
                .unwrap()
                .matches("VMCFSIM-PROGRAM-CHECK-ADDRESSING")
        );
        assert!(MessageId::parse("VMCFSIM-").is_none());
        assert!(
            bad("*= 045").message.starts_with("unknown expectation 045"),
            "a bare number is no expectation"
        );
        assert_eq!(
            ok("*= A: STORAGE L30000 X'C1C2'").what,
            Expect::Storage {
                address: 0x30000,
                bytes: vec![0xC1, 0xC2]
            }
        );
    }

    #[test]
    fn bad_lines_say_what_and_point_at_it() {
        let e = bad("*= FROB 3");
        assert_eq!(e.span, 3..7);
        assert!(e.message.starts_with("unknown expectation FROB"), "{e}");
        let e = bad("*= A: INTERRUPT VMCMFOO 3");
        assert_eq!(e.span, 16..23);
        assert!(e.message.starts_with("no header field VMCMFOO"), "{e}");
        let e = bad("*= RC 1x");
        assert_eq!(e.span, 6..8);
        assert_eq!(e.message, "RC needs a decimal number or X'hex', not 1X");
        let e = bad("*= RC");
        assert_eq!(e.span, 5..5, "a missing value points at the end");
        let e = bad("*= STORAGE 30000 'ab");
        assert!(e.message.contains("closing quote"), "{e}");
        let e = bad("*= RC 0 0");
        assert_eq!(e.span, 8..9);
        assert!(
            bad("*= ERROR 12345")
                .message
                .contains("not a message number")
        );
        assert!(
            bad("*= A: INTERRUPT STAT 80")
                .message
                .contains("VMCMSTAT needs flags")
        );
        assert!(bad("*= A: INTERRUPT EFLG 256").message.contains("one byte"));
    }
}
