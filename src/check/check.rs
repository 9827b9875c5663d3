//! Expectations held against what a line did. What it did is read from the console's JSON Lines
//! events (the documented contract, `docs/console.md`), never from the transcript's text, and
//! storage from the session after the line; a failure says what was expected and what happened,
//! in the transcript's words.

use serde::Deserialize;

use super::expect::{Expect, Expectation, Field};
use crate::ebcdic;
use crate::vmcf::Subfunction;

/// What one line did, as far as expectations look: its events of the kinds they name.
#[derive(Debug, Default, Clone)]
pub(crate) struct Happened {
    pub rcs: Vec<Rc>,
    pub interrupts: Vec<Interrupt>,
    pub data: Vec<Data>,
    pub errors: Vec<Error>,
}

/// `"rc"`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Rc {
    pub user: String,
    pub subfunction: String,
    pub rc: u32,
    #[serde(default)]
    pub meaning: String,
    #[serde(default)]
    pub mid: Option<u32>,
    #[serde(default)]
    pub partner: Option<String>,
}

/// `"interrupt"`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Interrupt {
    pub user: String,
    pub fields: Fields,
    #[serde(default)]
    pub data: String,
}

/// The header fields of an `"interrupt"` (hex strings as the contract writes them).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Fields {
    pub stat: String,
    pub eflg: String,
    pub func: u16,
    pub func_name: String,
    pub mid: u32,
    pub user: String,
    pub vada: String,
    pub lena: u32,
    pub vadb: String,
    pub lenb: u32,
    #[serde(rename = "use")]
    pub use_dw: String,
}

/// `"data"`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    pub user: String,
    pub address: String,
    pub length: u32,
    pub hex: String,
}

/// `"error"`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Error {
    #[serde(default)]
    pub user: Option<String>,
    pub id: String,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
enum Event {
    Rc(Rc),
    Interrupt(Interrupt),
    Data(Data),
    Error(Error),
    #[serde(other)]
    Other,
}

impl Happened {
    /// Reads one line's JSON Lines events. An event that is not what the contract says is an
    /// error (it would be a bug of the console, not of the script).
    pub(crate) fn from_json_lines(text: &str) -> Result<Happened, String> {
        let mut h = Happened::default();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match serde_json::from_str::<Event>(line).map_err(|e| format!("{e}: {line}"))? {
                Event::Rc(r) => h.rcs.push(r),
                Event::Interrupt(i) => h.interrupts.push(i),
                Event::Data(d) => h.data.push(d),
                Event::Error(e) => h.errors.push(e),
                Event::Other => {}
            }
        }
        Ok(h)
    }
}

/// What the checker may ask of the session after the line.
pub(crate) trait World {
    /// Whether `user` was logged on before or after the line.
    fn known(&self, user: &str) -> bool;
    /// `len` bytes of `user`'s storage from `address`; `None` past its end.
    fn storage(&self, user: &str, address: u32, len: u32) -> Option<Vec<u8>>;
}

/// The result of one expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    Pass,
    /// It did not happen: what did instead, in the transcript's words.
    Fail(String),
    /// The expectation cannot be checked (a user not logged on): the script is wrong.
    Bad(String),
}

fn same_user(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Holds `e` against what the line did.
pub(crate) fn check(e: &Expectation, h: &Happened, world: &dyn World) -> Verdict {
    if let Some(u) = &e.user
        && !world.known(u)
    {
        return Verdict::Bad(format!("{u} is not logged on"));
    }
    let mine = |user: &str| e.user.as_ref().is_none_or(|u| same_user(u, user));
    match &e.what {
        Expect::Rc {
            subfunction,
            partner,
            mid,
            rc,
        } => {
            let candidates: Vec<&Rc> = h
                .rcs
                .iter()
                .filter(|r| mine(&r.user))
                .filter(|r| subfunction.is_none_or(|s| s.name() == r.subfunction))
                .filter(|r| {
                    partner
                        .as_ref()
                        .is_none_or(|p| r.partner.as_deref().is_some_and(|q| same_user(p, q)))
                })
                .filter(|r| mid.is_none_or(|m| r.mid == Some(m)))
                .collect();
            if candidates.iter().any(|r| r.rc == *rc) {
                Verdict::Pass
            } else if h.rcs.is_empty() {
                Verdict::Fail("no return code".into())
            } else if candidates.is_empty() {
                Verdict::Fail(none_or_list(
                    "no such return code",
                    h.rcs.iter().map(rc_words),
                ))
            } else {
                Verdict::Fail(list(candidates.into_iter().map(rc_words)))
            }
        }
        Expect::Interrupt(fields) => {
            let candidates: Vec<&Interrupt> =
                h.interrupts.iter().filter(|i| mine(&i.user)).collect();
            if candidates.is_empty() {
                let whom = e
                    .user
                    .as_ref()
                    .map_or(String::new(), |u| format!(" for {u}"));
                return Verdict::Fail(none_or_list(
                    &format!("no interrupt{whom}"),
                    h.interrupts.iter().map(interrupt_words),
                ));
            }
            // The interrupt that matches most fields is the one meant; say where it differs.
            let mut best: Option<(usize, &Interrupt, Vec<String>)> = None;
            for i in candidates {
                let wrong: Vec<String> = fields.iter().filter_map(|f| differs(f, i)).collect();
                if wrong.is_empty() {
                    return Verdict::Pass;
                }
                if best.as_ref().is_none_or(|b| wrong.len() < b.0) {
                    best = Some((wrong.len(), i, wrong));
                }
            }
            let (_, i, wrong) = best.expect("at least one candidate");
            Verdict::Fail(format!("{}: {}", interrupt_words(i), wrong.join(", ")))
        }
        Expect::NoInterrupt => {
            let got: Vec<String> = h
                .interrupts
                .iter()
                .filter(|i| mine(&i.user))
                .map(interrupt_words)
                .collect();
            if got.is_empty() {
                Verdict::Pass
            } else {
                Verdict::Fail(got.join("; "))
            }
        }
        Expect::Data {
            address,
            bytes,
            length,
        } => {
            let candidates: Vec<&Data> = h.data.iter().filter(|d| mine(&d.user)).collect();
            let fits = |d: &Data| {
                address.is_none_or(|a| hex_u32(&d.address) == Some(a))
                    && length.is_none_or(|l| d.length == l)
                    && bytes
                        .as_ref()
                        .is_none_or(|b| hex_bytes(&d.hex).as_deref() == Some(b.as_slice()))
            };
            if candidates.iter().any(|d| fits(d)) {
                Verdict::Pass
            } else {
                Verdict::Fail(none_or_list(
                    "no data moved",
                    candidates.into_iter().map(data_words),
                ))
            }
        }
        Expect::Error(id) => {
            let got: Vec<&Error> = h
                .errors
                .iter()
                .filter(|r| e.user.is_none() || r.user.as_deref().is_some_and(&mine))
                .collect();
            if got.iter().any(|r| id.matches(&r.id)) {
                Verdict::Pass
            } else {
                Verdict::Fail(none_or_list(
                    "the line was accepted",
                    got.into_iter().map(error_words),
                ))
            }
        }
        Expect::Storage { address, bytes } => {
            let Some(user) = e.user.as_deref() else {
                return Verdict::Bad(
                    "STORAGE needs the user whose storage it is (A: STORAGE ...)".into(),
                );
            };
            let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
            match world.storage(user, *address, len) {
                None => Verdict::Fail(format!(
                    "{user}'s storage does not reach {:06X}",
                    u64::from(*address) + u64::from(len)
                )),
                Some(got) if got == *bytes => Verdict::Pass,
                Some(got) => {
                    Verdict::Fail(format!("{user}: STORAGE {address:06X} {}", literal(&got)))
                }
            }
        }
    }
}

/// The errors of the line that no ERROR expectation below it names: each makes the line a
/// failure, as a rejected line is for `vmcfsim run`.
pub(crate) fn unexpected_errors<'h>(
    expectations: &[&Expectation],
    h: &'h Happened,
) -> Vec<&'h Error> {
    h.errors
        .iter()
        .filter(|r| {
            !expectations.iter().any(|e| match &e.what {
                Expect::Error(id) => {
                    id.matches(&r.id)
                        && (e.user.is_none()
                            || r.user
                                .as_deref()
                                .is_none_or(|u| e.user.as_deref().is_some_and(|w| same_user(u, w))))
                }
                _ => false,
            })
        })
        .collect()
}

/// A CP message as the transcript shows it: its id, then its text.
pub(crate) fn error_words(e: &Error) -> String {
    if e.text.starts_with(&e.id) {
        e.text.clone()
    } else {
        format!("{} {}", e.id, e.text)
    }
}

fn none_or_list(none: &str, items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        none.to_string()
    } else {
        format!("{none}; the line gave {}", items.join("; "))
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

fn rc_words(r: &Rc) -> String {
    // As the transcript's return-code line: `B: SEND TO A MID 7: RC 0 (...)`.
    let mut s = format!("{}: {}", r.user, r.subfunction);
    let (whom, with_mid) = match r.subfunction.as_str() {
        "SEND" | "SENDRECV" | "SENDX" | "CANCEL" | "REPLY" | "REJECT" => (" TO ", true),
        "IDENTIFY" => (" TO ", false),
        "RECEIVE" => (" FROM ", true),
        _ => ("", false),
    };
    if let Some(p) = r
        .partner
        .as_deref()
        .filter(|p| !p.is_empty() && !whom.is_empty())
    {
        s.push_str(whom);
        s.push_str(p);
        if let Some(m) = r.mid.filter(|_| with_mid) {
            s.push_str(&format!(" MID {m}"));
        }
    }
    s.push_str(&format!(": RC {} ({})", r.rc, r.meaning));
    s
}

fn interrupt_words(i: &Interrupt) -> String {
    let f = &i.fields;
    let stat = hex_u32(&f.stat).unwrap_or(0) as u8;
    let use_dw = hex_bytes(&f.use_dw).unwrap_or_default();
    // The headline as the transcript gives it, then the fields an expectation names most.
    let mut s = if f.func == Subfunction::Sendx.code() && f.user == "SYSTEM" {
        let issuer = ebcdic::decode(&use_dw);
        format!("{}: INTERRUPT SMSG FROM {}", i.user, issuer.trim_end())
    } else {
        format!(
            "{}: INTERRUPT {} FROM {} MID {}",
            i.user, f.func_name, f.user, f.mid
        )
    };
    s.push_str(&format!(
        " STAT {} EFLG {} LENA {} LENB {}",
        stat_words(stat),
        hex_u32(&f.eflg).unwrap_or(0),
        f.lena,
        f.lenb
    ));
    if !(f.func == Subfunction::Sendx.code() && f.user == "SYSTEM")
        && use_dw.iter().any(|&b| b != 0)
    {
        s.push_str(&format!(" USE X'{}'", f.use_dw));
    }
    s
}

fn data_words(d: &Data) -> String {
    format!(
        "{}: DATA MOVED TO {} {} ({} BYTES)",
        d.user,
        d.address,
        literal(&hex_bytes(&d.hex).unwrap_or_default()),
        d.length
    )
}

fn stat_words(stat: u8) -> String {
    let names = crate::vmcf::codes::status_names(stat);
    if stat == 0 {
        "NONE".into()
    } else if names.is_empty() {
        format!("X'{stat:02X}'")
    } else {
        names
            .iter()
            .map(|n| n.trim_start_matches("VMCM"))
            .collect::<Vec<_>>()
            .join("+")
    }
}

/// Bytes as the expectation would write them: `'text'` when every byte is printable EBCDIC,
/// else `X'hex'`.
fn literal(bytes: &[u8]) -> String {
    if !bytes.is_empty() && bytes.iter().all(|&b| ebcdic::is_printable(b)) {
        format!("'{}'", ebcdic::decode(bytes).replace('\'', "''"))
    } else {
        let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
        format!("X'{hex}'")
    }
}

/// Where interrupt `i` differs from field `f`: `VMCMMID 8, not 7`.
fn differs(f: &Field, i: &Interrupt) -> Option<String> {
    let h = &i.fields;
    let stat = hex_u32(&h.stat).unwrap_or(0) as u8;
    let (ok, got, want) = match f {
        Field::Stat(s) => (stat == *s, stat_words(stat), stat_words(*s)),
        Field::StatHas(s) => (
            stat & s == *s,
            stat_words(stat),
            format!("{} set", stat_words(*s)),
        ),
        Field::Eflg(v) => {
            let got = hex_u32(&h.eflg).unwrap_or(0);
            (got == u32::from(*v), got.to_string(), v.to_string())
        }
        Field::Func(v) => (
            h.func == *v,
            h.func_name.clone(),
            Subfunction::from_code(*v).map_or(v.to_string(), |s| s.name().to_string()),
        ),
        Field::Mid(v) => (h.mid == *v, h.mid.to_string(), v.to_string()),
        Field::User(u) => (same_user(&h.user, u), h.user.clone(), u.clone()),
        Field::Vada(v) => (
            hex_u32(&h.vada) == Some(*v),
            h.vada.clone(),
            format!("{v:06X}"),
        ),
        Field::Lena(v) => (h.lena == *v, h.lena.to_string(), v.to_string()),
        Field::Vadb(v) => (
            hex_u32(&h.vadb) == Some(*v),
            h.vadb.clone(),
            format!("{v:06X}"),
        ),
        Field::Lenb(v) => (h.lenb == *v, h.lenb.to_string(), v.to_string()),
        Field::Use(v) => {
            let got = hex_bytes(&h.use_dw).unwrap_or_default();
            (got == v, literal_dw(&got), literal_dw(v))
        }
        Field::Data(v) => {
            let got = hex_bytes(&i.data).unwrap_or_default();
            (got == *v, literal(&got), literal(v))
        }
    };
    (!ok).then(|| format!("{} {got}, not {want}", f.name()))
}

fn literal_dw(b: &[u8]) -> String {
    let hex: String = b.iter().map(|b| format!("{b:02X}")).collect();
    if b.iter().all(|&c| ebcdic::is_printable(c)) {
        format!("X'{hex}' ({})", literal(b))
    } else {
        format!("X'{hex}'")
    }
}

fn hex_u32(s: &str) -> Option<u32> {
    u32::from_str_radix(s, 16).ok()
}

fn hex_bytes(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|d| u8::from_str_radix(d, 16).ok()))
        .collect()
}
