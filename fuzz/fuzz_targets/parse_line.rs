//! Arbitrary bytes as one console line. The parser must answer every line with a command or a
//! CP error, never a panic, and every error it gives must point inside the line (on character
//! boundaries, so the caret can be drawn under it). The highlighter, which the REPL runs on
//! every keystroke, reads the same spans and must keep to the line too. An accepted line,
//! written back as canonical text, parses to the same command (spans aside), and that text is
//! a fixed point.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vmcfsim::{AtTerminal, at_terminal, highlight};
use vmcfsim::parser::{Command, Line, parse};

/// The command without the positions of its operands, which differ between two spellings.
fn meaning(l: &Line) -> Command {
    let mut c = l.command.clone();
    match &mut c {
        Command::Display(requests) => requests.iter_mut().for_each(|r| r.span = 0..0),
        Command::Store {
            hexloc, odd_digit, ..
        } => {
            // As typed: `L1003` and `L1000` store a word at the same place.
            *hexloc = (0, 0..0);
            if let Some(s) = odd_digit {
                *s = 0..0;
            }
        }
        // A message's room on CP's line depends on the spelling of the verb and userid.
        Command::Smsg { room, .. } | Command::Msg { room, .. } => *room = 0,
        Command::Warning { span, room, .. } => (*span, *room) = (0..0, 0),
        Command::Force(_, span) => *span = 0..0,
        Command::Vmcf(v) => {
            if let Some((_, span)) = &mut v.data {
                *span = 0..0;
            }
            if let Some((_, _, span)) = &mut v.reply_buf {
                *span = 0..0;
            }
        }
        _ => {}
    }
    c
}

fuzz_target!(|data: &[u8]| {
    // Non-UTF-8 input never reaches the parser (the session reports it); the lossy text does
    // when the bytes are not UTF-8, so both halves of the input space are explored.
    let owned;
    let line = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(_) => {
            owned = String::from_utf8_lossy(data).into_owned();
            &owned
        }
    };
    let parsed = parse(line);
    // A terminal's reading of the line agrees with the console's: a LOGON without a password
    // is the console's LOGON of the same user.
    if let AtTerminal::Logon {
        user,
        password: None,
    } = at_terminal(line, false)
    {
        let command = parsed.result.as_ref().map(|l| &l.command);
        assert_eq!(command, Ok(&Command::Logon(user)), "{line:?}");
    }
    if let Err(e) = &parsed.result {
        let span = e
            .span
            .as_ref()
            .expect("a parse error names where in the line");
        assert!(
            span.start <= span.end && span.end <= line.len(),
            "error span {span:?} outside a line of {} bytes",
            line.len()
        );
        assert!(line.is_char_boundary(span.start) && line.is_char_boundary(span.end));
    }
    for (span, _) in parsed.marks.iter().chain(&highlight(line)) {
        assert!(
            span.start <= span.end && span.end <= line.len(),
            "mark {span:?}"
        );
        assert!(line.is_char_boundary(span.start) && line.is_char_boundary(span.end));
    }
    if let Ok(l) = &parsed.result {
        let text = l.to_string();
        let again = match parse(&text).result {
            Ok(again) => again,
            Err(e) => panic!("{line:?} written as {text:?}, which is refused: {e:?}"),
        };
        assert_eq!(meaning(&again), meaning(l), "{line:?} written as {text:?}");
        assert_eq!(
            again.prefix.as_ref().map(|p| p.0),
            l.prefix.as_ref().map(|p| p.0)
        );
        assert_eq!(again.to_string(), text, "canonical text is a fixed point");
    }
});
