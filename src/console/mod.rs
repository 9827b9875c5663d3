//! The console: CP's command language over the engine. A [`Session`] takes one input line at a
//! time and gives back an [`Outcome`]; [`render_lines`] turns an outcome into [`Lines`] (each
//! line on one terminal, in toned spans, no colour), [`render_text`] into the plain transcript
//! (the same lines through [`write_text`]) and [`render_json`] into JSON Lines. How a tone looks
//! is a front end's decision.
//!
//! A line flows one way: `parse` (nom; words from the `verbs` table) → `Command` → `exec` (engine
//! calls as the acting user; VMCF commands store a VMCPARM and issue DIAGNOSE X'68') → records
//! (engine events, CP responses, errors) → `render` (lines) / `json`. Only the parser and the
//! verb table read command text; only the renderers know layout,
//! and only `messages` knows CP's message ids and wording. `canonical` writes a `Command` back
//! as the text that parses to it.

mod assist;
mod canonical;
// The parser's data and the word tables are reachable from outside only through the crate's
// hidden `parser` module (for the tests and fuzz targets, which check the parser against them);
// hidden here too, because they are not the library's API and missing_docs does not hold them.
#[doc(hidden)]
pub(crate) mod command;
mod help;
mod json;
mod line;
mod messages;
pub(crate) mod parse;
mod push;
mod render;
mod session;
#[doc(hidden)]
pub mod verbs;

pub use assist::{complete, complete_among, highlight};
pub use help::wrap;
pub use json::render_json;
pub use line::{Line, Lines, Span, Tone, owner_column, write_text};
pub use messages::{ConsoleError, CpMsg, Operand, Reason};
pub use parse::{AtTerminal, CP_LINE, Highlight, at_terminal};
pub use render::{TextOptions, WIDTH, render_lines, render_text};
pub use session::{DATA_AREA, LINE_MAX, Outcome, PLIST_SLOT, Session, Terminal};

/// HELP's text, wrapped to `width` columns: the command list (`None`), or a command, `VMCF`,
/// `VMCF subfunction` (`Some("VMCF SEND")`), `RC n` or `EFLG n`. An unknown topic gets a line
/// saying so, then the list.
pub fn help(topic: Option<&str>, width: usize) -> String {
    let words: Vec<&str> = topic.map_or_else(Vec::new, |t| t.split_whitespace().collect());
    let text = help::topic(&words).unwrap_or_else(|| {
        let mut s = format!(
            "No command or subfunction {}.\n",
            words.join(" ").to_uppercase()
        );
        s.push_str(&help::topic(&[]).unwrap_or_default());
        s
    });
    help::wrapped(&text, width)
}
