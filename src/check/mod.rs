//! Scripts that check themselves: expectation lines (`*=`, comments to CP) parsed by [`expect`],
//! held against what the nearest command line above did by `check`, and a whole script run
//! and checked by [`script`]. What a line did is read from the console's JSON Lines events, the
//! documented contract, so the checker needs nothing of the console's internals; storage is
//! read through [`Session::storage`]. The form is described in `docs/console.md#checking-a-script`.

#[allow(clippy::module_inception)]
mod check;
pub mod expect;

use std::ops::Range;

use crate::console::{self, Session, TextOptions};
use crate::cp::FixedClock;
use crate::vmcf::Userid;

use check::{Happened, Verdict};
use expect::{ExpectError, Expectation, MARKER, is_expectation};

/// What kind of failure a [`Failure`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// An expectation that did not happen.
    Expectation,
    /// An expectation line that is itself wrong (cannot be parsed, or cannot be checked).
    Bad,
    /// A command line refused with no ERROR expectation for it.
    Refused,
}

/// One failure in a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What kind of failure it is.
    pub kind: FailureKind,
    /// The 1-based line at fault: the expectation, or the refused command line.
    pub line: usize,
    /// That line's text.
    pub text: String,
    /// The command line the expectation applies to (number and text), if any.
    pub command: Option<(usize, String)>,
    /// What was expected (for `Bad`, what is wrong with the line).
    pub expected: String,
    /// What happened instead (empty for `Bad`).
    pub happened: String,
    /// For `Bad`: where in the line the fault is.
    pub span: Option<Range<usize>>,
}

/// A script run and checked.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The transcript exactly as `vmcfsim run` prints it without colour.
    pub transcript: String,
    /// How many expectation lines the script has.
    pub expectations: usize,
    /// What failed, as the replay met it; none when the script holds.
    pub failures: Vec<Failure>,
}

/// The command line whose outcome expectations below it are held against.
struct Pending {
    line: usize,
    text: String,
    happened: Happened,
    known: Vec<Userid>,
    expectations: Vec<Expectation>,
}

impl Pending {
    /// Its errors that no ERROR expectation named: the line was refused unexpectedly.
    fn finish(self, failures: &mut Vec<Failure>) {
        let exps: Vec<&Expectation> = self.expectations.iter().collect();
        for e in check::unexpected_errors(&exps, &self.happened) {
            failures.push(Failure {
                kind: FailureKind::Refused,
                line: self.line,
                text: self.text.clone(),
                command: None,
                expected: "the line accepted (or *= ERROR with its message number below it)".into(),
                happened: check::error_words(e),
                span: None,
            });
        }
    }
}

struct World<'a> {
    session: &'a Session,
    known: &'a [Userid],
}

impl check::World for World<'_> {
    fn known(&self, user: &str) -> bool {
        Userid::parse(user)
            .is_ok_and(|u| self.known.contains(&u) || self.session.users().contains(&u))
    }

    fn storage(&self, user: &str, address: u32, len: u32) -> Option<Vec<u8>> {
        self.session
            .storage(Userid::parse(user).ok()?, address, len)
    }
}

/// Whether a line is a comment or blank: nothing expectations could apply to.
fn is_comment(line: &[u8]) -> bool {
    let t = line.trim_ascii_start();
    t.is_empty() || t.starts_with(b"*")
}

/// Replays `input` as `vmcfsim run` does (fixed clock, `name` in error lines) and checks every
/// expectation in it. Lines are split as the replay splits them; a `QUIT` ends the script.
pub fn script(name: &str, input: &[u8]) -> Report {
    let mut report = Report::default();
    let mut session = Session::new(Box::new(FixedClock::standard()));
    let opts = TextOptions {
        echo: true,
        source: Some(name),
        width: None,
    };
    let mut pending: Option<Pending> = None;
    let mut json = String::new();
    let mut lines = input.split(|&b| b == b'\n').peekable();
    let mut line_no = 0;
    while let Some(raw) = lines.next() {
        if raw.is_empty() && lines.peek().is_none() {
            break; // the end after a final line end
        }
        line_no += 1;
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let expectation = is_expectation(line);
        let command = !expectation && !is_comment(line);
        if command && let Some(p) = pending.take() {
            p.finish(&mut report.failures);
        }
        let known = if command { session.users() } else { Vec::new() };
        let outcome = session.feed(line_no, line);
        console::render_text(&outcome, &opts, &mut report.transcript);
        let quit = outcome.quit();
        if command {
            json.clear();
            console::render_json(&outcome, &mut json);
            let text = outcome.text().to_string();
            // The console writes the contract; an event it cannot read back is its bug, and
            // shows as a failure of this line rather than a panic.
            let happened = Happened::from_json_lines(&json).unwrap_or_else(|e| {
                report.failures.push(bad(
                    line_no,
                    &text,
                    None,
                    format!("unreadable event: {e}"),
                    None,
                ));
                Happened::default()
            });
            pending = Some(Pending {
                line: line_no,
                text,
                happened,
                known,
                expectations: Vec::new(),
            });
        }
        drop(outcome);
        if expectation {
            report.expectations += 1;
            expect_line(
                &session,
                line_no,
                line,
                pending.as_mut(),
                &mut report.failures,
            );
        }
        if quit {
            break;
        }
    }
    if let Some(p) = pending.take() {
        p.finish(&mut report.failures);
    }
    // A refused line is found only when the next command line comes; report in line order.
    report.failures.sort_by_key(|f| f.line);
    report
}

fn bad(
    line: usize,
    text: &str,
    command: Option<(usize, String)>,
    what: String,
    span: Option<Range<usize>>,
) -> Failure {
    Failure {
        kind: FailureKind::Bad,
        line,
        text: text.to_string(),
        command,
        expected: what,
        happened: String::new(),
        span,
    }
}

/// Parses and checks one expectation line against the pending command line.
fn expect_line(
    session: &Session,
    line_no: usize,
    line: &[u8],
    pending: Option<&mut Pending>,
    failures: &mut Vec<Failure>,
) {
    let Ok(text) = std::str::from_utf8(line) else {
        let lossy = String::from_utf8_lossy(line).into_owned();
        failures.push(bad(
            line_no,
            &lossy,
            None,
            "the expectation is not UTF-8".into(),
            None,
        ));
        return;
    };
    let parsed = expect::parse(text);
    let Some(p) = pending else {
        let why = "an expectation before any command line: it says what the nearest command line above it did";
        failures.push(bad(line_no, text, None, why.into(), None));
        return;
    };
    let command = Some((p.line, p.text.clone()));
    let e = match parsed {
        Ok(e) => e,
        Err(ExpectError { span, message }) => {
            failures.push(bad(line_no, text, command, message, Some(span)));
            return;
        }
    };
    let world = World {
        session,
        known: &p.known,
    };
    match check::check(&e, &p.happened, &world) {
        Verdict::Pass => {}
        Verdict::Fail(happened) => failures.push(Failure {
            kind: FailureKind::Expectation,
            line: line_no,
            text: text.to_string(),
            command,
            expected: text.trim_start()[MARKER.len()..].trim().to_string(),
            happened,
            span: None,
        }),
        Verdict::Bad(why) => failures.push(bad(line_no, text, command, why, None)),
    }
    p.expectations.push(e);
}
