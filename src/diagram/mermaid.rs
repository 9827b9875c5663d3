//! Mermaid `sequenceDiagram` text for a [`Diagram`], for documents that render Mermaid (and for
//! review: the text diff of a session is readable). Owns Mermaid's syntax and its escaping.
//!
//! Arrows by kind: `->>` a VMCF subfunction, `-x` one refused (return code not 0), `-)` an
//! interrupt, `--)` data moved, `-->>` a CP command or CP message, `--x` a CP error. Each
//! console line starts with a `%% line N` comment. Notes are marked `wrap:`, so Mermaid wraps
//! them to the columns they span; a run of blanks keeps its width (`#160;`).

use std::fmt::Write;

use super::{ArrowKind, Diagram, Lifeline, Step};

/// The diagram as Mermaid text: a front-matter title, the participants in order, the steps.
pub(crate) fn render(d: &Diagram) -> String {
    let mut out = String::new();
    if let Some(title) = &d.title {
        let _ = write!(out, "---\ntitle: {}\n---\n", yaml_string(title));
    }
    out.push_str("sequenceDiagram\n");
    // A note needs someone to stand over; a diagram of comments only gets CP.
    let fallback = [Lifeline::Cp];
    let lifelines = if d.lifelines.is_empty() && !d.steps.is_empty() {
        &fallback[..]
    } else {
        &d.lifelines[..]
    };
    for l in lifelines {
        let _ = writeln!(out, "    participant {} as {}", id(l), name(l.name()));
    }
    let mut last_line = None;
    for step in &d.steps {
        if last_line != Some(step.line()) {
            last_line = Some(step.line());
            let _ = writeln!(out, "    %% line {}", step.line());
        }
        match step {
            Step::Arrow(a) => {
                let (Some(from), Some(to)) = (d.lifelines.get(a.from), d.lifelines.get(a.to))
                else {
                    continue;
                };
                let _ = writeln!(
                    out,
                    "    {}{}{}: {}",
                    id(from),
                    arrow(a.kind),
                    id(to),
                    text(&a.label)
                );
            }
            Step::Note(n) => {
                let over = match (lifelines.first(), lifelines.last()) {
                    (Some(first), Some(last)) if first != last => {
                        format!("{},{}", id(first), id(last))
                    }
                    (Some(only), _) => id(only),
                    _ => continue,
                };
                // `wrap:` has Mermaid wrap the note to the width of the columns it spans.
                let lines: Vec<String> = n.text.split('\n').map(text).collect();
                let _ = writeln!(out, "    Note over {over}: wrap:{}", lines.join("<br/>"));
            }
        }
    }
    out
}

fn arrow(kind: ArrowKind) -> &'static str {
    match kind {
        ArrowKind::Subfunction => "->>",
        ArrowKind::Refused => "-x",
        ArrowKind::Interrupt => "-)",
        ArrowKind::Data => "--)",
        ArrowKind::Command | ArrowKind::Message => "-->>",
        ArrowKind::Error => "--x",
    }
}

/// A participant's identifier: `cp`, or `vm_` and the userid. Userids may hold `#`, `@` and `$`
/// and may be Mermaid keywords (`END`, `NOTE`), so identifiers are never the bare name:
/// anything but ASCII letters and digits is written `_` and its hex code, which keeps them
/// distinct.
fn id(l: &Lifeline) -> String {
    match l {
        Lifeline::Cp => "cp".to_string(),
        Lifeline::Vm(user) => {
            let mut s = String::from("vm_");
            for c in user.chars() {
                if c.is_ascii_alphanumeric() {
                    s.push(c);
                } else {
                    let _ = write!(s, "_{:X}_", u32::from(c));
                }
            }
            s
        }
    }
}

/// Text after a `:`. Mermaid ends a statement at `;` and a line, reads `#name;` as a character
/// entity, treats `<`, `>` and `&` as HTML and `%%` as a comment: those characters are written
/// as entities, which Mermaid decodes in any text. The model has already taken line ends out.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '%' => out.push_str("#37;"),
            // Mermaid's HTML would run blanks together: a blank after a blank stays one.
            ' ' if out.ends_with(' ') || out.ends_with("#160;") => out.push_str("#160;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    // A message starting `wrap:` or `nowrap:` would lose those words to Mermaid's option.
    let lower = out.to_ascii_lowercase();
    if (lower.starts_with("wrap:") || lower.starts_with("nowrap:"))
        && let Some(colon) = out.find(':')
    {
        out.replace_range(colon..=colon, "#58;");
    }
    out
}

/// A participant's name after `as`: as [`text`], and `-`, `,`, `:` are syntax there too.
fn name(s: &str) -> String {
    text(s)
        .replace('-', "#45;")
        .replace(',', "#44;")
        .replace(':', "#58;")
}

/// A YAML double-quoted string (the front matter's title).
fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_distinct_and_plain() {
        let ids: Vec<String> = ["END", "A#1", "A_231_", "CP"]
            .iter()
            .map(|u| id(&Lifeline::Vm(u.to_string())))
            .chain([id(&Lifeline::Cp)])
            .collect();
        assert_eq!(
            ids,
            ["vm_END", "vm_A_23_1", "vm_A_5F_231_5F_", "vm_CP", "cp"]
        );
        for id in &ids {
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        }
    }

    /// `s` with every `#name;` entity taken out.
    fn without_entities(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(at) = rest.find('#') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let end = after.find(';').expect("an entity ends with ;");
            assert!(
                after[..end].chars().all(|c| c.is_ascii_alphanumeric()),
                "{s}"
            );
            rest = &after[end + 1..];
        }
        out + rest
    }

    #[test]
    fn text_cannot_end_a_statement_or_open_markup() {
        let t = text("a;b#c<br>d & e %% f: g, h-i\u{7}");
        let plain = without_entities(&t);
        for bad in [';', '#', '<', '>', '&', '%', '\u{7}'] {
            assert!(!plain.contains(bad), "{t}");
        }
        assert!(plain.contains("f: g, h-i"), "{t}");
        assert_eq!(text("SEND MID 1 RC 0"), "SEND MID 1 RC 0");
        assert_eq!(text("X'4001' 09:00:02"), "X'4001' 09:00:02");
        assert_eq!(text("Wrap: x"), "Wrap#58; x");
        assert_eq!(text("SRV   two"), "SRV #160;#160;two", "blanks are kept");
        assert_eq!(name("A-B,C:D#"), "A#45;B#44;C#58;D#35;");
    }

    #[test]
    fn titles_are_yaml_strings() {
        assert_eq!(yaml_string(r#"a "b" \ c: d"#), r#""a \"b\" \\ c: d""#);
    }
}
