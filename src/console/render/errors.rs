//! A rejected line's lines: CP's message, the line as typed (cut to the width around the
//! offending word) with a caret under it, and why.

use super::{Sink, TextOptions, WIDTH};
use crate::console::line::{Tone, owner_column_of};
use crate::console::messages::ConsoleError;
use crate::console::session::Outcome;
use crate::vmcf::Userid;
use std::fmt::Write;

pub(super) fn error_lines<S: Sink>(
    lines: &mut S,
    user: Option<Userid>,
    e: &ConsoleError,
    o: &Outcome,
    opts: &TextOptions,
) {
    // SET EMSG of the terminal's user decides what CP's line shows; OFF shows nothing, not
    // even vmcfsim's caret (the line is still rejected).
    let Some(headline) = e.headline(o.emsg(user)) else {
        return;
    };
    let s = lines.begin(Tone::Error);
    if let Some(name) = opts.source {
        let _ = write!(s, "{name}:{}: ", o.line_no());
    }
    s.push_str(&headline);
    lines.end();
    // The excerpt and caret lines start after the owner column and two blanks.
    let room = opts
        .width
        .unwrap_or(WIDTH)
        .saturating_sub(column_len(user) + 2);
    let line = |lines: &mut S, tone: Tone, text: &str| {
        lines.begin(tone).push_str(text);
        lines.end();
    };
    match (&e.span, &e.reason) {
        (Some(span), reason) => {
            let (shown, caret) = caret(o.text(), span.clone(), room);
            line(lines, Tone::Plain, &format!("  {shown}"));
            let why = reason.as_ref().map(ToString::to_string).unwrap_or_default();
            if why.is_empty() || caret.chars().count() + 1 + why.chars().count() <= room {
                line(lines, Tone::Caret, format!("  {caret} {why}").trim_end());
            } else {
                // The reason does not fit after the caret: it goes under it.
                line(lines, Tone::Caret, &format!("  {caret}"));
                crate::console::help::wrap(&format!("  {why}"), room + 2, |l| {
                    line(lines, Tone::Caret, l)
                });
            }
        }
        (None, Some(reason)) => line(lines, Tone::Plain, &format!("  {reason}")),
        (None, None) => {}
    }
}

/// The width of the owner column of `user`'s lines (`A: `; none for nobody's terminal).
pub(super) fn column_len(user: Option<Userid>) -> usize {
    let mut s = String::new();
    owner_column_of(&mut s, user);
    s.len()
}

/// Input as the transcript shows it: a tab as a blank, other control characters as `?`, so a
/// script cannot send escape sequences to the reader's terminal.
fn printable(text: &str) -> String {
    let mut s = String::new();
    printable_into(&mut s, text);
    s
}

pub(super) fn printable_into(out: &mut String, text: &str) {
    // Control characters are C0, DEL and C1 (U+0080..U+009F, in UTF-8 after a C2 byte).
    if !text.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2) {
        out.push_str(text);
        return;
    }
    out.extend(text.chars().map(|c| match c {
        '\t' => ' ',
        c if c.is_control() => '?',
        c => c,
    }));
}

/// The line cut to `width` columns around the span (`...` where something is cut), and the
/// caret line under the span; neither is longer than `width` (20 at least). Only this knows
/// the window, so a front end with another width passes its own.
pub(crate) fn caret(line: &str, span: std::ops::Range<usize>, width: usize) -> (String, String) {
    const ELLIPSIS: usize = 3;
    let width = width.max(20);
    let clamp = |i: usize| {
        let mut i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (clamp(span.start), clamp(span.end.max(span.start)));
    let before: Vec<char> = line[..start].chars().collect();
    let inside: Vec<char> = line[start..end].chars().collect();
    let after: Vec<char> = line[end..].chars().collect();
    // A long span is cut (unless the whole line fits), leaving room for context around it.
    let fits = before.len() + inside.len().max(1) + after.len() <= width;
    let ins = if fits {
        inside.len()
    } else {
        inside.len().min(width - 16)
    };
    let cut_inside = ins < inside.len();
    // The caret takes a column even under nothing (a span at the end of the line).
    let avail = width - ins.max(1);
    let tail = |a: usize| {
        if cut_inside || a < after.len() {
            ELLIPSIS
        } else {
            0
        }
    };
    let (mut lead, mut b, mut a) = (0, before.len(), after.len());
    if !fits {
        // What follows gets up to a third; what comes before the rest.
        a = if cut_inside { 0 } else { a.min(avail / 3) };
        if b + a + tail(a) > avail {
            lead = ELLIPSIS;
            b = avail - a - tail(a) - lead;
        } else if !cut_inside {
            let spare = avail - b;
            a = if after.len() <= spare {
                after.len()
            } else {
                spare - ELLIPSIS
            };
        }
    }
    let mut shown = String::new();
    if lead > 0 {
        shown.push_str("...");
    }
    shown.extend(&before[before.len() - b..]);
    shown.extend(&inside[..ins]);
    shown.extend(&after[..a]);
    if tail(a) > 0 {
        shown.push_str("...");
    }
    let shown = printable(&shown);
    let caret = format!("{}{}", " ".repeat(lead + b), "^".repeat(ins.max(1)));
    (shown, caret)
}
