//! The one palette: how each tone of the console's line model looks on a colour terminal, for
//! the output (the REPL, `run --color always`) and for the line being typed in the REPL alike.
//! The library decides what a span is ([`Tone`]); only this module decides its colour, and
//! only the front ends call it, after `cli` decided whether there is colour at all.

use owo_colors::{OwoColorize, Style};
use std::fmt::Write;
use vmcfsim::{Line, Lines, Tone, owner_column};

/// The style of a tone.
pub fn style(tone: Tone) -> Style {
    match tone {
        Tone::Echo | Tone::Prompt | Tone::Verb => Style::new().bold(),
        Tone::Userid | Tone::Interrupt => Style::new().cyan().bold(),
        Tone::RcOk => Style::new().green(),
        Tone::RcRefused => Style::new().yellow(),
        Tone::Error => Style::new().red(),
        Tone::Caret => Style::new().red().bold(),
        Tone::FieldName | Tone::Keyword => Style::new().blue(),
        Tone::Hex | Tone::Text => Style::new().green(),
        Tone::Ebcdic => Style::new().magenta(),
        Tone::Number => Style::new().yellow(),
        Tone::Comment | Tone::Dim => Style::new().dimmed(),
        // Plain text and CP's messages stay in the terminal's own colour.
        _ => Style::new(),
    }
}

/// The style of the owner column.
fn owner_style() -> Style {
    Style::new().dimmed()
}

/// Appends `text` in `style` (nothing around it when the style is plain).
fn styled(out: &mut String, style: Style, text: &str) {
    if style.is_plain() {
        out.push_str(text);
    } else {
        let _ = write!(out, "{}", text.style(style));
    }
}

/// Appends one line in colour: its owner column dimmed, each run in its tone's style.
pub fn write_line(line: &Line, out: &mut String) {
    let mut column = String::new();
    owner_column(&mut column, line);
    if !column.is_empty() {
        styled(out, owner_style(), &column);
    }
    for (tone, text) in line.runs() {
        styled(out, style(tone), text);
    }
    out.push('\n');
}

/// The coloured transcript of `lines`: the plain transcript's text, with colour around it.
pub fn write_colored(lines: &Lines, out: &mut String) {
    for line in lines.iter() {
        write_line(&line, out);
    }
}

/// `text` in the style of `tone`.
pub fn paint(tone: Tone, text: &str) -> String {
    let mut s = String::new();
    styled(&mut s, style(tone), text);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use vmcfsim::{FixedClock, Session, TextOptions, render_lines, render_text};

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Every line of a session as plain text, as colour, and as lines.
    fn session(script: &[&str]) -> Vec<(String, String, Lines)> {
        let mut s = Session::new(Box::new(FixedClock::standard()));
        let opts = TextOptions {
            echo: true,
            source: Some("t.cp"),
            width: None,
        };
        script
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let o = s.feed(i + 1, l.as_bytes());
                let (mut plain, mut colour, mut lines) =
                    (String::new(), String::new(), Lines::new());
                render_text(&o, &opts, &mut plain);
                render_lines(&o, &opts, &mut lines);
                write_colored(&lines, &mut colour);
                (plain, colour, lines)
            })
            .collect()
    }

    const SCRIPT: &[&str] = &[
        "HELP BOGUS",
        "LOGON A",
        "LOGON B",
        "VMCF AUTH",
        "A: VMCF AUTH SMSG BUF 200",
        "SMSG A hi",
        "VMCF SEND A DATA 'x'",
        "A: VMCF RECEIVE B MID 1",
        "VMCF SEND NOBODY",
        "DISPLAY T20000.20",
        "NO SUCH THING",
    ];

    #[test]
    fn the_library_writes_no_escapes_and_colour_only_adds_them() {
        for (plain, colour, _) in session(SCRIPT) {
            assert!(!plain.contains('\u{1b}'), "{plain}");
            assert!(colour.contains('\u{1b}'), "{colour}");
            assert_eq!(strip_ansi(&colour), plain);
        }
    }

    #[test]
    fn each_tone_is_coloured_as_the_palette_says() {
        let all = session(SCRIPT);
        let mut seen = Vec::new();
        for (_, colour, lines) in &all {
            for line in lines.iter() {
                for (tone, text) in line.runs() {
                    let painted = paint(tone, text);
                    if !style(tone).is_plain() {
                        assert!(painted.starts_with('\u{1b}'), "{tone:?} {text:?}");
                        assert!(colour.contains(&painted), "{tone:?} {text:?} in {colour}");
                        seen.push(tone);
                    }
                }
            }
        }
        for tone in [
            Tone::Echo,
            Tone::Prompt,
            Tone::Userid,
            Tone::RcOk,
            Tone::RcRefused,
            Tone::Interrupt,
            Tone::FieldName,
            Tone::Hex,
            Tone::Ebcdic,
            Tone::Error,
            Tone::Caret,
            Tone::Dim,
        ] {
            assert!(seen.contains(&tone), "the script shows {tone:?}");
        }
        // The echo of a line is toned as the REPL tones it while it is typed.
        assert!(
            seen.contains(&Tone::Verb) && seen.contains(&Tone::Number),
            "{seen:?}"
        );
        // Different kinds look different.
        assert_ne!(style(Tone::RcOk), style(Tone::RcRefused));
        assert_ne!(style(Tone::Error), style(Tone::Plain));
    }

    #[test]
    fn input_kinds_share_the_output_palette() {
        use vmcfsim::Highlight;
        assert_eq!(style(Highlight::Userid.tone()), style(Tone::Userid));
        assert_eq!(style(Highlight::Hex.tone()), style(Tone::Hex));
        assert_eq!(style(Highlight::Error.tone()), style(Tone::Error));
    }
}
